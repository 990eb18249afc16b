"""The public API contract of docs/ARCHITECTURE.md (research purpose; fail closed)."""

from __future__ import annotations

from anonymizers import Deidentifier, DeidOutcome, Finding, detect_pii


def test_contract_example(research) -> None:
    outs = research.deidentify(["我的手机号是13800138000", None, "hi"])
    assert [type(o) for o in outs] == [DeidOutcome] * 3
    assert outs[0].text == "我的手机号是<CN_MOBILE>"
    assert outs[0].entities == ("CN_MOBILE",)
    assert outs[0].error is None
    assert outs[1].text is None and outs[1].error is None
    assert outs[2].text == "hi"
    assert research.key_version == "none"
    assert research.policy_version


def test_full_width_replaced_in_place(research) -> None:
    out = research.deidentify(["打给 １３８ ００１３ ８０００ 谢谢"])[0]
    assert out.text == "打给 <CN_MOBILE> 谢谢"


def test_cached_per_purpose() -> None:
    assert Deidentifier.for_purpose("research") is Deidentifier.for_purpose("research")


def test_fail_closed_on_bad_row(research) -> None:
    outs = research.deidentify(["ok 13800138000", 42])
    assert outs[0].text == "ok <CN_MOBILE>"
    assert outs[1].text is None and outs[1].error


def test_fail_closed_when_analysis_raises(research, monkeypatch) -> None:
    real = research.engine.analyze

    def boom(texts):
        if any("BOOM" in (t or "") for t in texts):
            raise RuntimeError("synthetic failure")
        return real(texts)

    monkeypatch.setattr(research.engine, "analyze", boom)
    outs = research.deidentify(["13800138000 fine", "BOOM 13800138000"])
    assert outs[0].text == "<CN_MOBILE> fine"
    assert outs[1].text is None and "synthetic failure" in outs[1].error


def test_detect_pii_offsets() -> None:
    text = "邮箱test@example.com谢谢"
    (f,) = detect_pii([text])[0]
    assert f == Finding("EMAIL_ADDRESS", 2, 18, 1.0, "test@example.com")
    assert detect_pii([None, ""]) == [[], []]


def test_engine_covers_every_declared_entity(engine) -> None:
    from anonymizers.engine import LANGUAGE
    from anonymizers.predefined_recognizers.declared import declared_entities

    supported = set(engine.analyzer.get_supported_entities(LANGUAGE))
    assert set(declared_entities()) == supported
