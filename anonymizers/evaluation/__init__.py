"""Seeded, labeled zh/en/mixed evaluation set and per-entity metrics (precision, recall, leak rate)."""

from .dataset import Example, Span, generate
from .metrics import EvalReport, evaluate_detector

__all__ = ["EvalReport", "Example", "Span", "evaluate_detector", "generate"]
