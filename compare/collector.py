"""Stages run with Python's cycle collector paused: they make many objects but no cycles.

Reference counting frees everything a stage drops; the cycle collector would only walk the
live objects again and again, finding nothing. On big reports that walk costs 10-25% of the
time, more as the report grows. tests/test_collector.py checks that a whole comparison leaves
no cyclic garbage, so the pause cannot hold memory.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector (if it is running) for a block or, as a decorator, a call."""
    if not gc.isenabled():  # paused already, by an outer stage or by the caller
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
