"""Property tests: any Unicode input is handled (no crash), offsets are exact, planted PII never leaks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anonymizers import detect_pii
from anonymizers.normalize import NormalizedText

_FW = str.maketrans("0123456789", "０１２３４５６７８９")
_noise = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("我的手机号是微信QQ，。！ 　-+ﷺ①㎡ｱ")),
    ),
    max_size=40,
)
_mobile = st.builds(
    lambda seg, rest, style: _style("1" + seg + rest, style),
    st.sampled_from(["38", "39", "50", "86", "99", "77"]),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.integers(0, 3),
)


def _style(m: str, style: int) -> str:
    return [m, f"{m[:3]} {m[3:7]} {m[7:]}", f"+86-{m[:3]}-{m[3:7]}-{m[7:]}", m.translate(_FW)][style]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_noise)
def test_normalized_view_maps_every_span_inside_the_original(text: str) -> None:
    v = NormalizedText.of(text)
    for s in range(len(v.text)):
        for e in (s + 1, len(v.text)):
            a, b = v.span(s, e)
            assert 0 <= a < b <= len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=_noise, mobile=_mobile, after=_noise)
def test_planted_mobile_never_survives(research, before: str, mobile: str, after: str) -> None:
    text = f"{before}，电话{mobile}。{after}"
    out = research.deidentify([text])[0]
    assert out.error is None and out.text is not None
    assert mobile not in out.text
    for f in detect_pii([text])[0]:
        assert text[f.start : f.end] == f.value
