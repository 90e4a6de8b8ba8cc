"""The stages pause the cycle collector: check that they leave no cycles and restore it."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import pytest

from compare.collector import collector_paused
from compare.pipeline import compare_reports, read_report
from compare.render import render_html, render_markdown

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _compare_seed_pair() -> None:
    old = read_report(SEEDS / "shaoxing-education-bureau-2021.txt")
    new = read_report(SEEDS / "shaoxing-education-bureau-2022-sample.txt")
    comparison = compare_reports(old, new)
    render_html(comparison)
    render_markdown(comparison)


def test_a_whole_comparison_leaves_no_cyclic_garbage() -> None:
    _compare_seed_pair()  # the first run imports the stages, whose class statements make cycles
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)  # keep what the collector finds in gc.garbage
    try:
        _compare_seed_pair()
        gc.collect()
        found = Counter(type(x).__name__ for x in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()
    assert found == Counter()


def test_the_collector_is_paused_inside_and_running_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()


def test_the_collector_runs_again_after_an_error() -> None:
    @collector_paused()
    def fail() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        fail()
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
