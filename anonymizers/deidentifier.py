"""Public API: Deidentifier (batch-first, fail closed), DeidOutcome, detect_pii, Finding."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from presidio_analyzer import RecognizerResult
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

from .engine import Engine, get_engine

log = logging.getLogger(__name__)

POLICY_VERSION = "zh-deid-1"
PURPOSES = ("research", "model_tuning")


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected PII span in the original text."""

    entity_type: str
    start: int
    end: int
    score: float
    value: str


@dataclass(frozen=True, slots=True)
class DeidOutcome:
    """Result for one input text. ``error`` set ⇒ ``text`` is None (fail closed)."""

    text: str | None
    entities: tuple[str, ...] = ()
    error: str | None = None


class Deidentifier:
    """De-identify texts for one purpose; operators per purpose, engine shared per process."""

    def __init__(self, purpose: str, engine: Engine | None = None, keyring=None) -> None:
        if purpose not in PURPOSES:
            raise ValueError(f"unknown purpose {purpose!r}; expected one of {PURPOSES}")
        self.purpose = purpose
        self._engine = engine
        self._anonymizer = AnonymizerEngine()
        self._operators, self.key_version = self._build_operators(purpose, keyring)
        self.policy_version = f"{POLICY_VERSION}/{purpose}"

    @classmethod
    def for_purpose(cls, purpose: str) -> Deidentifier:
        """The cached Deidentifier for ``purpose`` (one per process)."""
        return _cached(purpose)

    @property
    def engine(self) -> Engine:
        """The shared analysis engine (built on first use)."""
        if self._engine is None:
            self._engine = get_engine()
        return self._engine

    def _build_operators(self, purpose: str, keyring) -> tuple[dict[str, OperatorConfig], str]:
        if purpose == "research":
            # Presidio's replace operator; entity types are written as typed placeholders <TYPE>.
            return {"DEFAULT": OperatorConfig("replace")}, "none"
        from .operators import SurrogateOperator, surrogate_operators

        self._anonymizer.add_anonymizer(SurrogateOperator)
        return surrogate_operators(keyring)

    def deidentify(self, texts: Sequence[str | None]) -> list[DeidOutcome]:
        """One outcome per input, same order. A failing row gets ``error`` and no text."""
        texts = list(texts)
        outs: list[DeidOutcome | None] = [None] * len(texts)
        todo: list[int] = []
        for i, t in enumerate(texts):
            if t is None:
                outs[i] = DeidOutcome(None)
            elif not isinstance(t, str):
                outs[i] = DeidOutcome(None, (), f"not a string: {type(t).__name__}")
            else:
                todo.append(i)
        # A message repeated within the batch (好的, "ok", a forwarded notice) is analysed and
        # anonymised once: the outcome depends on the text alone (the engine reads each text on its
        # own, operators are deterministic), and DeidOutcome is immutable, so repeats share it.
        slot_of: dict[str, int] = {}
        slots = [slot_of.setdefault(texts[i], len(slot_of)) for i in todo]
        batch = list(slot_of)
        try:
            results = self.engine.analyze(batch)
        except Exception as exc:  # noqa: BLE001 - isolate the failing row(s) below
            log.warning("batch analysis failed (%s); retrying row by row", type(exc).__name__)
            results = []
            for t in batch:
                try:
                    results.append(self.engine.analyze([t])[0])
                except Exception as row_exc:  # noqa: BLE001
                    results.append(row_exc)
        done = [self._apply(t, res) for t, res in zip(batch, results, strict=True)]
        for i, k in zip(todo, slots, strict=True):
            outs[i] = done[k]
        return [o for o in outs if o is not None]

    def _apply(self, text: str, res: list[RecognizerResult] | Exception) -> DeidOutcome:
        if isinstance(res, Exception):
            return DeidOutcome(None, (), f"analysis failed: {type(res).__name__}: {res}")
        if not res:
            return DeidOutcome(text, ())
        try:
            out = self._anonymizer.anonymize(text=text, analyzer_results=res, operators=self._operators)
        except Exception as exc:  # noqa: BLE001 - fail closed
            return DeidOutcome(None, (), f"anonymization failed: {type(exc).__name__}: {exc}")
        return DeidOutcome(out.text, tuple(r.entity_type for r in res))


@cache
def _cached(purpose: str) -> Deidentifier:
    return Deidentifier(purpose)


def detect_pii(texts: Sequence[str | None], engine: Engine | None = None) -> list[list[Finding]]:
    """Findings per text (original offsets), after the overlap rule. None/empty → []."""
    eng = engine or get_engine()
    results = eng.analyze(list(texts))
    return [
        [Finding(r.entity_type, r.start, r.end, float(r.score), t[r.start : r.end]) for r in rs]
        for t, rs in zip(texts, results, strict=True)
    ]
