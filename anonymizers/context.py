"""Context enhancement by character window, because Chinese has no spaces to tokenise on.

Presidio's LemmaContextAwareEnhancer needs spaCy tokens and lemmas, which Chinese-only text never
gets here (it never runs the English model). This enhancer looks for a recognizer's context words in
a few characters before/after the match, case-insensitively, and lifts the score like Presidio does.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

from .predefined_recognizers.generic.negative_cues import negative_in_clause


class CharWindowContextEnhancer(ContextAwareEnhancer):
    """Lift a result's score when one of its recognizer's context words is within the window.

    Recognizers may also declare ``NEGATIVE_CONTEXT``: such a cue (订单/order) without a positive
    cue drops the result, because Luhn alone passes one random number in ten. A cue before the match
    counts only in the match's own clause: in 保单号 P20…，理赔款打到 6214… the card is not the order.
    """

    def __init__(
        self,
        context_similarity_factor: float = 0.35,
        min_score_with_context_similarity: float = 0.4,
        before_chars: int = 28,
        after_chars: int = 8,
    ) -> None:
        super().__init__(context_similarity_factor, min_score_with_context_similarity, before_chars, after_chars)
        self._cue_memo: dict[int, tuple[EntityRecognizer | None, list[str], list[str]]] = {}

    def _cues(self, rec: EntityRecognizer | None) -> tuple[list[str], list[str]]:
        """The recognizer's context and negative cues, lower-cased (kept per recognizer object: a
        built recognizer's cues do not change)."""
        hit = self._cue_memo.get(id(rec))
        if hit is None or hit[0] is not rec:
            hit = self._cue_memo[id(rec)] = (
                rec,
                [w.lower() for w in (rec.context if rec and rec.context else [])],
                [w.lower() for w in getattr(rec, "NEGATIVE_CONTEXT", ())],
            )
        return hit[1], hit[2]

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts | None,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return the results with context-boosted scores (in place, like Presidio's enhancer)."""
        by_id = {r.id: r for r in recognizers}
        lowered: str | None = None
        extra = [c.lower() for c in context or []]
        for res in raw_results:
            meta = res.recognition_metadata or {}
            if meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            rec = by_id.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            own, negative = self._cues(rec)
            words = own + extra if extra else own
            if not words and not negative:
                continue
            if lowered is None:
                lowered = text.lower()
            window = (
                lowered[max(0, res.start - self.context_prefix_count) : res.start]
                + "\x00"
                + lowered[res.end : res.end + self.context_suffix_count]
            )
            positive = any(w in window for w in words)
            if negative and not positive and _negative_applies(window, negative):
                res.score = self.MIN_SCORE  # "订单号 6228..." is an order number, not a card
                continue
            if positive and res.score < self.MAX_SCORE:
                res.score = min(
                    self.MAX_SCORE,
                    max(res.score + self.context_similarity_factor, self.min_score_with_context_similarity),
                )
                meta[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
                res.recognition_metadata = meta
        return raw_results



def _negative_applies(window: str, negative: list[str]) -> bool:
    """A negative cue after the match, or before it in the match's own clause."""
    before, _, after = window.partition("\x00")
    return any(w in after for w in negative) or negative_in_clause(before, negative)
