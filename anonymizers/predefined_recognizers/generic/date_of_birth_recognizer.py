"""Dates of birth: a date is only PII here when a birthday cue is near it (生日/出生/born/DOB)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ..precheck import PrecheckMixin

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"


class DateOfBirthRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """DATE_OF_BIRTH: low base score, lifted above the threshold only by a context cue."""

    ENTITY = "DATE_OF_BIRTH"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 200
    SURROGATE = "date_of_birth"
    PATTERNS = [
        Pattern(
            "zh full date",
            r"(?<![0-9])(?:19|20)\d{2}\s?[年/.-]\s?(?:0?[1-9]|1[0-2])\s?[月/.-]\s?(?:0?[1-9]|[12]\d|3[01])\s?[日号]?(?![0-9])",
            0.1,
        ),
        Pattern(
            "zh month day",
            r"(?<![0-9])(?:0?[1-9]|1[0-2])\s?月\s?(?:0?[1-9]|[12]\d|3[01])\s?[日号](?![0-9])",
            0.1,
        ),
        Pattern(
            "en month name",
            r"(?<![A-Za-z])" + _MONTHS + r"\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}(?![0-9])",
            0.1,
        ),
        Pattern(
            "en day month name",
            r"(?<![0-9])(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+" + _MONTHS + r"\.?,?\s+(?:19|20)\d{2}(?![0-9])",
            0.1,
        ),
        Pattern(
            "numeric date",
            r"(?<![0-9])(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-](?:19|20)\d{2}(?![0-9])",
            0.1,
        ),
    ]
    CONTEXT = ["生日", "出生", "生于", "出生日期", "出生于", "birthday", "born", "dob", "date of birth", "birth"]
    PRECHECK = re.compile(r"(?i)生日|出生|生于|birth|born|dob")

