"""Seeded synthetic sources (chat messages, telemetry, account/rights events) for the landing zone.

`generate()` writes JSONL in the landing layout of docs/ARCHITECTURE.md and, optionally, the ground
truth (planted PII, identifiers, malformed lines) that tests score the pipeline against.
"""

from transforms.synthetic.generator import DEFAULT_START, GenerationSummary, generate
from transforms.synthetic.streams import ACCOUNT, CHAT, SOURCES, TELEMETRY

__all__ = ["ACCOUNT", "CHAT", "DEFAULT_START", "SOURCES", "TELEMETRY", "GenerationSummary", "generate"]
