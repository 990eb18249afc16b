"""Evaluation floors from issue 3 on a seeded labeled set, plus metric unit tests."""

from __future__ import annotations

import pytest

from anonymizers.evaluation import evaluate_detector, generate
from anonymizers.evaluation.dataset import Example, Span

STRUCTURED = [
    "CN_MOBILE", "CN_LANDLINE", "CN_RESIDENT_ID", "CN_PASSPORT", "CN_BANK_CARD", "CN_LICENSE_PLATE",
    "WECHAT_ID", "QQ_NUMBER", "IMEI", "MAC_ADDRESS", "EMAIL_ADDRESS", "IP_ADDRESS", "URL", "CREDIT_CARD",
    "PHONE_NUMBER",
]
SEED = 4242  # not a seed used while developing the recognizers


def test_dataset_is_seeded_and_labels_are_consistent() -> None:
    a, b = generate(300, seed=1), generate(300, seed=1)
    assert a == b and a != generate(300, seed=2)
    assert {e.lang for e in a} == {"zh", "en", "mixed"}
    for ex in a:
        for s in ex.spans:
            assert ex.text[s.start : s.end] == s.value


def test_metrics_count_misses_false_positives_and_leaks() -> None:
    ex = Example("call 13800138000 now ¥1380", "en", (Span("CN_MOBILE", 5, 16, "13800138000"), Span(None, 21, 26, "¥1380")))
    perfect = evaluate_detector([ex], lambda ts: [[("CN_MOBILE", 5, 16)]], lambda ts: ["call <M> now ¥1380"])
    assert perfect.per_entity["CN_MOBILE"].recall == 1.0 and perfect.preserved_rate == 1.0
    bad = evaluate_detector([ex], lambda ts: [[("URL", 21, 26)]], lambda ts: [ts[0].replace("¥1380", "<U>")])
    c = bad.per_entity["CN_MOBILE"]
    assert (c.recall, c.leak_rate, bad.per_entity["URL"].precision, bad.preserved_rate) == (0.0, 1.0, 0.0, 0.0)


@pytest.fixture(scope="module")
def reports():
    from anonymizers.evaluation.runner import ours, vanilla

    examples = generate(2500, seed=SEED)
    mine = evaluate_detector(examples, *ours(), name="aimate")
    english = [e for e in examples if e.lang in ("en", "mixed")]
    base = evaluate_detector(english, *vanilla(), name="vanilla")
    mine_en = evaluate_detector(english, *ours(), name="aimate-en")
    return mine, base, mine_en


@pytest.mark.slow
def test_structured_recall_floor(reports) -> None:
    mine, _, _ = reports
    for entity in STRUCTURED:
        c = mine.per_entity[entity]
        assert c.gold >= 20, entity
        assert c.recall >= 0.995, (entity, c.recall)
        assert c.leak_rate <= 0.005, (entity, c.leak_rate)


@pytest.mark.slow
def test_chinese_person_recall_floor(reports) -> None:
    c = reports[0].per_entity["PERSON_ZH"]
    assert c.gold >= 200 and c.recall >= 0.95, c.recall


@pytest.mark.slow
def test_english_person_at_least_vanilla(reports) -> None:
    _, base, mine_en = reports
    ours_c, van_c = mine_en.per_entity["PERSON_EN"], base.per_entity["PERSON_EN"]
    assert ours_c.recall >= van_c.recall
    assert ours_c.leak_rate <= van_c.leak_rate


@pytest.mark.slow
def test_hard_negatives_preserved(reports) -> None:
    mine = reports[0]
    # Recall first (issue 9): the generator's "mistyped" resident IDs and mobiles right after
    # 身份证 / 号码 are redacted on purpose now (a checksum typo does not make a number anonymous).
    # The independent sets hold the 95 % floor on real hard negatives (prices, orders, codes).
    assert mine.negatives >= 300 and mine.preserved_rate >= 0.90
    assert mine.errors == 0


@pytest.mark.slow
def test_research_output_passes_the_residual_scan(research) -> None:
    """Placeholders never look like PII themselves: a second pass finds (almost) nothing."""
    from anonymizers import detect_pii

    outs = [o.text for o in research.deidentify([e.text for e in generate(1500, seed=SEED + 1)])]
    residual = sum(len(f) for f in detect_pii(outs))
    assert residual <= 0.01 * len(outs), residual
