"""Scoring on independently written message sets (``anonymizers/evaluation/sets/<name>/``).

The sets are written by people who read neither the recognizers nor the synthetic generator (each set's
README says who and how). Each is split into ``tune.jsonl`` (developers may look at it) and
``holdout.jsonl`` (looked at only when figures are reported); the two are always reported apart.

Leak rule, stricter than the generator set's verbatim test, because a half-redacted identifier is still
an identifier (``138呀[PHONE]`` gives away the prefix, ``[PERSON]洋`` half a name):
a labelled value leaks when it appears verbatim in the de-identified text, or when the analysis left
uncovered at least 4 of its digits or at least a third of its identifying characters (letters, digits,
Han characters; separators, zero-width characters and emoji do not count). Detection is type-agnostic:
a mobile number redacted as PHONE_NUMBER is protected. A hard negative (``keep``) or a context word is
kept when it still appears verbatim in the output.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SETS_DIR = Path(__file__).parent / "sets"
PARTS = ("tune", "holdout")
# Everything that is not a name, an address or a date of birth counts as a structured identifier.
NON_STRUCTURED = frozenset({"PERSON", "ADDRESS", "DATE_OF_BIRTH"})
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

Detection = tuple[str, int, int]  # (entity_type, start, end) in original-text offsets


@dataclass(frozen=True, slots=True)
class LabeledMessage:
    """One message of an independent set with its labelled values."""

    id: str
    text: str
    lang: str
    register: str
    pii: tuple[tuple[str, str], ...]  # (entity type, value as written)
    keep: tuple[str, ...] = ()
    context: tuple[str, ...] = ()


def metric_key(entity_type: str, value: str) -> str:
    """Names and addresses are scored per script (PERSON_ZH / PERSON_EN, ADDRESS_ZH / ADDRESS_EN)."""
    if entity_type in ("PERSON", "ADDRESS"):
        return f"{entity_type}_{'ZH' if _HAN.search(value) else 'EN'}"
    return entity_type


def group_of(key: str) -> str:
    """The reporting group of a metric key: structured, PERSON_ZH, ADDRESS_EN, DATE_OF_BIRTH, ..."""
    base = key.rsplit("_", 1)[0] if key.startswith(("PERSON_", "ADDRESS_")) else key
    return key if base in NON_STRUCTURED else "STRUCTURED"


def available_sets() -> list[str]:
    """Names of the independent sets shipped in the package."""
    if not SETS_DIR.is_dir():
        return []
    return sorted(p.name for p in SETS_DIR.iterdir() if parts_of(p.name))


def parts_of(name: str) -> tuple[str, ...]:
    """The parts a set has: most have both; a set written after tuning ended has only a holdout."""
    return tuple(p for p in PARTS if (SETS_DIR / name / f"{p}.jsonl").is_file())


def load_set(name: str, part: str = "tune") -> list[LabeledMessage]:
    """Read one set (``part``: tune, holdout or all); a malformed row is an error naming the line."""
    if name not in available_sets():
        raise ValueError(f"unknown evaluation set {name!r}; available: {', '.join(available_sets()) or 'none'}")
    if part not in (*PARTS, "all"):
        raise ValueError(f"unknown part {part!r}; use tune, holdout or all")
    out: list[LabeledMessage] = []
    if part != "all" and part not in parts_of(name):
        raise ValueError(f"set {name!r} has no {part} part (it has: {', '.join(parts_of(name))})")
    for p in parts_of(name) if part == "all" else (part,):
        path = SETS_DIR / name / f"{p}.jsonl"
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                msg = LabeledMessage(
                    id=str(row["id"]), text=row["text"], lang=row.get("lang", ""), register=row.get("register", ""),
                    pii=tuple((d["type"], d["value"]) for d in row.get("pii", ())),
                    keep=tuple(row.get("keep", ())), context=tuple(row.get("context", ())),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{lineno}: malformed row ({exc})") from exc
            missing = [v for _t, v in msg.pii if v not in msg.text] + [v for v in msg.keep + msg.context if v not in msg.text]
            if missing:
                raise ValueError(f"{path}:{lineno}: value not in text: {missing[0]!r}")
            out.append(msg)
    return out


def _occurrences(text: str, value: str) -> list[tuple[int, int]]:
    spans, i = [], text.find(value)
    while i >= 0:
        spans.append((i, i + len(value)))
        i = text.find(value, i + 1)
    return spans


def uncovered_leak(text: str, value: str, detections: Sequence[Detection]) -> bool:
    """True when some occurrence of ``value`` keeps ≥ 4 digits or ≥ 1/3 of its identifying chars uncovered."""
    covered = set()
    for _t, s, e in detections:
        covered.update(range(s, e))
    for s, e in _occurrences(text, value):
        ident = [i for i in range(s, e) if text[i].isalnum()]
        if not ident:
            continue
        left = [i for i in ident if i not in covered]
        digits = sum(text[i].isdigit() for i in left)
        if digits >= 4 or len(left) >= max(1, math.ceil(len(ident) / 3)):
            return True
    return False


@dataclass
class TypeCounts:
    """Labelled values of one metric key and how many leaked."""

    gold: int = 0
    leaked: int = 0

    @property
    def leak_rate(self) -> float:
        return self.leaked / self.gold if self.gold else 0.0


@dataclass
class SetReport:
    """One system on one part of one set, under one purpose."""

    system: str
    set_name: str
    part: str
    purpose: str
    messages: int = 0
    failed_rows: int = 0
    per_key: dict[str, TypeCounts] = field(default_factory=dict)
    keep_total: int = 0
    keep_kept: int = 0
    context_total: int = 0
    context_kept: int = 0

    def group(self, name: str) -> TypeCounts:
        """Counts summed over a reporting group (STRUCTURED, PERSON_ZH, ...) or ``ALL``."""
        tc = TypeCounts()
        for k, c in self.per_key.items():
            if name == "ALL" or group_of(k) == name:
                tc.gold += c.gold
                tc.leaked += c.leaked
        return tc

    @property
    def groups(self) -> list[str]:
        return sorted({group_of(k) for k in self.per_key})

    @property
    def keep_rate(self) -> float:
        return self.keep_kept / self.keep_total if self.keep_total else 1.0

    @property
    def context_rate(self) -> float:
        return self.context_kept / self.context_total if self.context_total else 1.0

    def as_dict(self) -> dict:
        return {
            "system": self.system, "set": self.set_name, "part": self.part, "purpose": self.purpose,
            "messages": self.messages, "failed_rows": self.failed_rows,
            "overall_leak_rate": self.group("ALL").leak_rate,
            "groups": {g: {"gold": self.group(g).gold, "leak_rate": self.group(g).leak_rate} for g in self.groups},
            "types": {k: {"gold": c.gold, "leaked": c.leaked, "leak_rate": c.leak_rate} for k, c in sorted(self.per_key.items())},
            "hard_negatives_kept": self.keep_rate, "hard_negatives": self.keep_total,
            "context_kept": self.context_rate, "context_words": self.context_total,
        }


def score(
    messages: Sequence[LabeledMessage],
    detect: Callable[[list[str]], list[list[Detection]]],
    deidentify: Callable[[list[str]], list[str | None]],
    *, system: str, set_name: str, part: str, purpose: str, batch_size: int = 256,
) -> SetReport:
    """Score one system: leaks per type (verbatim in output or left uncovered), keeps, context."""
    rep = SetReport(system, set_name, part, purpose, messages=len(messages))
    for b in range(0, len(messages), batch_size):
        batch = list(messages[b : b + batch_size])
        texts = [m.text for m in batch]
        dets, outs = detect(texts), deidentify(texts)
        for m, det, out in zip(batch, dets, outs, strict=True):
            if out is None:  # failed closed: nothing of the row is published
                rep.failed_rows += 1
            for etype, value in m.pii:
                c = rep.per_key.setdefault(metric_key(etype, value), TypeCounts())
                c.gold += 1
                c.leaked += out is not None and (value in out or uncovered_leak(m.text, value, det))
            for v in m.keep:
                rep.keep_total += 1
                rep.keep_kept += out is not None and v in out
            for v in m.context:
                rep.context_total += 1
                rep.context_kept += out is not None and v in out
    return rep


def run_set(name: str, part: str = "tune", purpose: str = "research", with_vanilla: bool = False) -> list[SetReport]:
    """Score our engine (and vanilla Presidio when asked) on one part of one set."""
    from .runner import ours, vanilla

    messages = load_set(name, part)
    reports = [score(messages, *ours(purpose), system="aimate", set_name=name, part=part, purpose=purpose)]
    if with_vanilla:
        reports.append(score(messages, *vanilla(), system="vanilla presidio", set_name=name, part=part, purpose="-"))
    return reports
