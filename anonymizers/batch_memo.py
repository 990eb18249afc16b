"""Memo tables that live for one ``Engine.analyze`` batch and are dropped with it.

Chat batches repeat phrases (好的, 有事打我, 方便的话): a pure per-string computation a recognizer
does (jieba's segmentation of a Han run) is done once per distinct string of the batch. Nothing
survives the batch, so memory stays flat and a later batch never reads an earlier one's work.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_STATE = threading.local()


@contextmanager
def scope() -> Iterator[None]:
    """Open a fresh set of tables for the batch being analysed (nested scopes start empty)."""
    prev = getattr(_STATE, "tables", None)
    _STATE.tables = {}
    try:
        yield
    finally:
        _STATE.tables = prev


def table(name: str) -> dict | None:
    """The batch's table ``name``, or None outside a batch (callers then compute directly)."""
    tables = getattr(_STATE, "tables", None)
    if tables is None:
        return None
    t = tables.get(name)
    if t is None:
        t = tables[name] = {}
    return t
