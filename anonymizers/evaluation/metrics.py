"""Per-entity precision, recall and leak rate; hard-negative preservation.

Matching rule: a prediction matches a gold span of the same metric key when they overlap by at
least half of the gold span. Leak: the gold value still appears verbatim in the de-identified
text. A hard negative is preserved when it still appears verbatim in the de-identified text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .dataset import Example, Span

Detection = tuple[str, int, int]  # (entity_type, start, end)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _key(entity_type: str, value: str) -> str:
    if entity_type == "PERSON":
        return "PERSON_ZH" if _HAN.search(value) else "PERSON_EN"
    return entity_type


@dataclass
class Counts:
    """Counts for one entity key."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    leaked: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def leak_rate(self) -> float:
        return self.leaked / self.gold if self.gold else 0.0


@dataclass
class EvalReport:
    """Per-entity counts plus hard-negative preservation for one system on one set."""

    name: str
    per_entity: dict[str, Counts] = field(default_factory=dict)
    negatives: int = 0
    preserved: int = 0
    examples: int = 0
    errors: int = 0

    @property
    def preserved_rate(self) -> float:
        return self.preserved / self.negatives if self.negatives else 1.0

    @property
    def overall_leak_rate(self) -> float:
        gold = sum(c.gold for c in self.per_entity.values())
        return sum(c.leaked for c in self.per_entity.values()) / gold if gold else 0.0

    def rows(self) -> list[tuple[str, int, float, float, float]]:
        """(entity, gold, precision, recall, leak rate), gold-labelled entities first."""
        keys = sorted(self.per_entity, key=lambda k: (self.per_entity[k].gold == 0, k))
        return [(k, c.gold, c.precision, c.recall, c.leak_rate) for k, c in ((k, self.per_entity[k]) for k in keys)]

    def table(self) -> str:
        """A plain-text table (the CLI renders a rich one)."""
        lines = [f"{self.name}: {self.examples} messages", f"{'entity':<18}{'gold':>6}{'prec':>9}{'recall':>9}{'leak':>9}"]
        for k, g, p, r, leak in self.rows():
            lines.append(f"{k:<18}{g:>6}{p:>9.2%}{r:>9.2%}{leak:>9.2%}")
        lines.append(f"hard negatives preserved: {self.preserved}/{self.negatives} ({self.preserved_rate:.2%})")
        lines.append(f"overall leak rate: {self.overall_leak_rate:.2%}; rows failed closed: {self.errors}")
        return "\n".join(lines)


def _match(gold: Sequence[Span], preds: Sequence[tuple[str, int, int, str]], counts: dict[str, Counts]) -> None:
    used = [False] * len(preds)
    for g in gold:
        c = counts.setdefault(g.key, Counts())
        need = max(1, (g.end - g.start + 1) // 2)
        for j, (k, s, e, _v) in enumerate(preds):
            if not used[j] and k == g.key and min(e, g.end) - max(s, g.start) >= need:
                used[j] = True
                c.tp += 1
                break
        else:
            c.fn += 1
    for j, (k, *_rest) in enumerate(preds):
        if not used[j]:
            counts.setdefault(k, Counts()).fp += 1


def evaluate_detector(
    examples: Sequence[Example],
    detect: Callable[[list[str]], list[list[Detection]]],
    deidentify: Callable[[list[str]], list[str | None]] | None = None,
    name: str = "system",
    batch_size: int = 256,
) -> EvalReport:
    """Score ``detect`` (and, for leaks/negatives, ``deidentify``) on ``examples``."""
    rep = EvalReport(name=name, examples=len(examples))
    for b in range(0, len(examples), batch_size):
        batch = list(examples[b : b + batch_size])
        texts = [ex.text for ex in batch]
        dets = detect(texts)
        outs = deidentify(texts) if deidentify else [None] * len(batch)
        for ex, det, out in zip(batch, dets, outs, strict=True):
            preds = [(_key(t, ex.text[s:e]), s, e, ex.text[s:e]) for t, s, e in det]
            _match(ex.entities, preds, rep.per_entity)
            if deidentify and out is None:
                rep.errors += 1
            for g in ex.entities:
                if out is not None and g.value in out:
                    rep.per_entity[g.key].leaked += 1
            for neg in ex.negatives:
                rep.negatives += 1
                if deidentify:
                    rep.preserved += out is not None and neg.value in out
                else:
                    rep.preserved += not any(s < neg.end and neg.start < e for _t, s, e in det)
    return rep
