"""Run the evaluation for our engine and for vanilla Presidio (defaults, same spaCy model)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .dataset import Example, generate
from .metrics import Detection, EvalReport, evaluate_detector


@lru_cache(maxsize=2)
def vanilla_presidio(model_name: str | None = None):
    """AnalyzerEngine + AnonymizerEngine with Presidio defaults on the same installed spaCy model."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_anonymizer import AnonymizerEngine

    from ..engine import load_nlp_engine, make_tldextract_offline

    make_tldextract_offline()  # offline public-suffix list for Presidio's email recognizer too
    analyzer = AnalyzerEngine(nlp_engine=load_nlp_engine(model_name, "en"), supported_languages=["en"])
    return analyzer, AnonymizerEngine()


def ours(purpose: str = "research"):
    """(detect, deidentify) callables for our engine."""
    from .. import Deidentifier

    d = Deidentifier.for_purpose(purpose)

    def detect(texts: list[str]) -> list[list[Detection]]:
        return [[(r.entity_type, r.start, r.end) for r in rs] for rs in d.engine.analyze(texts)]

    def deid(texts: list[str]) -> list[str | None]:
        return [o.text for o in d.deidentify(texts)]

    return detect, deid


def vanilla(model_name: str | None = None):
    """(detect, deidentify) callables for vanilla Presidio, one analyze() per message."""
    analyzer, anonymizer = vanilla_presidio(model_name)
    cache: dict[str, list] = {}

    def _analyze(t: str) -> list:
        if t not in cache:
            cache.clear()
            cache[t] = analyzer.analyze(text=t, language="en")
        return cache[t]

    def detect(texts: list[str]) -> list[list[Detection]]:
        return [[(r.entity_type, r.start, r.end) for r in _analyze(t)] for t in texts]

    def deid(texts: list[str]) -> list[str | None]:
        return [anonymizer.anonymize(text=t, analyzer_results=_analyze(t)).text for t in texts]

    return detect, deid


def run(n: int = 2000, seed: int = 20261129, with_vanilla: bool = True) -> tuple[list[Example], EvalReport, EvalReport | None]:
    """Generate the set and score our engine (and vanilla Presidio when asked)."""
    examples = generate(n, seed)
    d, x = ours()
    mine = evaluate_detector(examples, d, x, name="aimate")
    base = None
    if with_vanilla:
        vd, vx = vanilla()
        base = evaluate_detector(examples, vd, vx, name="vanilla presidio")
    return examples, mine, base


def by_language(examples: Sequence[Example], lang: str) -> list[Example]:
    """The subset of one language bucket (zh / en / mixed)."""
    return [e for e in examples if e.lang == lang]
