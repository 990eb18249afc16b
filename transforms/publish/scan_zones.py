"""What each column of a lake zone is, for the residual-PII scan of files (`aimate-share scan`).

A column's role decides what counts as a finding in it:
- `pseudonym` (clean `*_pid`): must hold one of our HMAC pseudonyms and nothing else. Hex digests
  contain phone- and IMEI-shaped digit runs, so they are not run through the PII detector; a value
  that is *not* a pseudonym is the finding (`NOT_A_PSEUDONYM`).
- `structured` (declared codes, versions, device models, crash signatures, aggregate group keys):
  not free text, so the name/place/URL recognisers — built for sentences — do not apply ("Xiaomi" is
  not a person, `libark_jsruntime.so` is not a URL); every identifier recogniser still does, and so
  does the pseudonym pattern (an identifier in a structured column is a leak).
- `free_text` (chat text, search queries, published utterances) and every column not declared here:
  the full detector, pseudonym pattern included. Unknown zone or column ⇒ free text (fail closed).
"""

from __future__ import annotations

import re
from pathlib import Path

from anonymizers.predefined_recognizers.checks import digits_only, valid_cn_mobile, valid_resident_id
from anonymizers.predefined_recognizers.generic.negative_cues import NUMBER_NEGATIVE_CUES
from anonymizers.pseudonym import PSEUDONYM_HEX_CHARS

PSEUDONYM_VALUE = re.compile(rf"[0-9a-f]{{{PSEUDONYM_HEX_CHARS}}}")

# Recognisers for language, not for fields: skipped in structured columns only.
LANGUAGE_ENTITIES = frozenset({
    "PERSON", "CN_NAME", "LOCATION", "ADDRESS", "CN_ADDRESS", "NRP", "ORGANIZATION", "DATE_TIME",
    "DATE_OF_BIRTH", "URL", "DOMAIN_NAME",
})

# Clean zone (transforms/schemas.py CLEAN_*): every string column that is not free text or a pseudonym.
CLEAN_STRUCTURED = frozenset({
    "character_id", "role", "content_type", "pii_types", "app_version", "event_type", "install_source",
    "country", "province", "device_model", "os_family", "os_major", "language", "network", "page",
    "crash_signature", "event", "purpose",
})
# Aggregate group keys of the declared extracts (config/extracts.yaml) that are codes or bands.
PUBLISHED_STRUCTURED = CLEAN_STRUCTURED | frozenset({
    "character_category", "topic", "hour_band", "age_band", "length_band", "turn_band", "feature",
    "interval", "release_id",
})


def column_role(zone: str | None, column: str) -> str:
    """`pseudonym`, `structured` or `free_text` for a column (nested paths use their top column)."""
    top = column.split(".", 1)[0]
    if zone == "clean":
        if top.endswith("_pid"):
            return "pseudonym"
        if top in CLEAN_STRUCTURED:
            return "structured"
    elif zone == "published" and top in PUBLISHED_STRUCTURED:
        return "structured"
    return "free_text"


def zone_of(path: str | Path) -> str | None:
    """The zone a file sits in, from its lake layout: `.../clean/<table>/dt=D/...` or
    `.../published/<recipient>/<extract>/<release>/...`. Anything else: None (scanned as free text)."""
    parts = Path(path).parts
    for i in range(len(parts) - 1, -1, -1):
        if parts[i] == "clean" and i + 2 < len(parts) and parts[i + 2].startswith("dt="):
            return "clean"
        if parts[i] == "published" and len(parts) - i >= 5:
            return "published"
    return None


# The independent identifier check's heuristics for typed text (spelled-out e-mails, messenger words,
# the public-vocabulary allow-list): they read `at com.example.Foo` in a stack trace as an e-mail and
# "QQ_NUMBER" in a list of entity types as a QQ id. Structured columns keep its digit check.
TYPED_TEXT_CHECKS = frozenset({"IDENTIFIER_EMAIL_SHAPE", "IDENTIFIER_MESSENGER_ID", "IDENTIFIER_HANDLE_SHAPE",
                               "IDENTIFIER_UNLISTED_TOKEN"})
# The allow-list of public vocabulary and the handle shapes (`mate60`, `happy_tiger`) are publishing
# rules (what may leave); clean text keeps ordinary words and product names, so neither is an
# identifier there by itself.
PUBLISHING_ONLY_CHECKS = frozenset({"IDENTIFIER_UNLISTED_TOKEN", "IDENTIFIER_HANDLE_SHAPE"})
PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*>")


def keep_finding(role: str, entity_type: str, zone: str | None = None) -> bool:
    """Whether a detector finding counts in a column of this role."""
    if role == "pseudonym":
        return False
    if role == "structured":
        return entity_type not in LANGUAGE_ENTITIES and entity_type not in TYPED_TEXT_CHECKS
    if zone == "clean":
        return entity_type not in PUBLISHING_ONLY_CHECKS
    return True


# An app version right after `v` ("更新到v4.6.15", "V3.4.8.2859"): at most 8 digits, so no phone fits.
_VERSION = re.compile(r"(?<![A-Za-z0-9])[vV]\d{1,2}(?:\.\d{1,4}){1,3}(?![.\d])")
_VERSION_MAX_DIGITS = 8
# A number right after one of the policy's public-number cues (order, tracking, verification ...),
# with at most a 号/码/#/colon between: "订单号E20263290823849", "我的订单2026599915908998".
_CUE = "|".join(re.escape(c) for c in sorted(NUMBER_NEGATIVE_CUES, key=len, reverse=True))
_CUED_NUMBER = re.compile(rf"(?:{_CUE})(?:号|號|码|碼|编号|number|no\.?|id)?\s*[:：#是为]?\s*([A-Za-z]{{0,4}}\d[\d\-]*[Xx]?)",
                          re.IGNORECASE)


def kept_numbers(text: str) -> str:
    """Blank the numbers the de-identification policy keeps on purpose — versions, and order/tracking/
    verification numbers right after their cue (`negative_cues.NUMBER_NEGATIVE_CUES`, the same list the
    recognisers use) — so the scan's digit check reports only what the policy says must go. A number
    that validates as a mobile or a resident id is never blanked, whatever cue stands before it."""

    def version(m: re.Match[str]) -> str:
        return " " if len(digits_only(m.group(0))) <= _VERSION_MAX_DIGITS else m.group(0)

    def cued(m: re.Match[str]) -> str:
        digits = digits_only(m.group(1))
        if valid_cn_mobile(digits) or valid_resident_id(m.group(1)[-18:]):
            return m.group(0)
        return m.group(0)[: m.start(1) - m.start(0)] + " "

    return _CUED_NUMBER.sub(cued, _VERSION.sub(version, text))


def identifier_view(zone: str | None, role: str, value: str) -> tuple[str, bool]:
    """What the independent identifier check reads, and whether it runs in its adjacent-handle mode.

    Clean free text is read without the engine's own `<TYPE>` placeholders ("微信<WECHAT_ID>" is the
    fix, not a leak) and without the numbers the de-identification policy keeps on purpose
    (`kept_numbers`); a messenger id counts right after its messenger word, not anywhere in the row
    ("like ID or card numbers" is advice, not an account). Everywhere else — published files above
    all — the check reads the value as it is, in its strict mode. The engine's own recognisers always
    read the value as it is (they know their placeholders)."""
    if zone == "clean" and role == "free_text":
        return kept_numbers(PLACEHOLDER.sub(" ", value)), True
    return value, False


def pseudonym_violation(role: str, value: str) -> bool:
    """A pseudonym column holding anything but a pseudonym (an id or text that slipped through)."""
    return role == "pseudonym" and PSEUDONYM_VALUE.fullmatch(value) is None
