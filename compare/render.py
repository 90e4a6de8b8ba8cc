"""Comparison -> one self-contained HTML page, or a Markdown document (jinja2 lives here).

Templates only loop, branch and filter: every derived value comes from a filter defined (and
unit-tested) here; so do the page's most repeated fragments (section heads; sentence, figure
and section-map rows), built with every text value escaped (see "fragments"). iter_html /
iter_markdown yield the same output in chunks, for writing a big report without holding it
whole. Output is deterministic: no timestamp unless one is passed in.
"""

from __future__ import annotations

import base64
import bisect
import contextlib
import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from markupsafe import Markup, escape

from compare import __version__
from compare.caches import cache_folder
from compare.collector import collector_paused
from compare.forked import in_child
from compare.model import (
    SCALES,
    Comparison,
    Direction,
    Metric,
    MetricChange,
    MetricKind,
    MetricStatus,
    Report,
    Section,
    SectionPair,
    SectionStatus,
    SentencePair,
    SentenceStatus,
    same_organisation,
)
from compare.patterns import regex
from compare.units import CURRENCY_SIGNS, base_magnitude, base_size, base_unit, quantize
from compare.words import markdown_text, numbered

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Environment

    from compare import series as series_stage

_ONE = Decimal(1)
TOP_CHANGES = 10  # figures listed under "largest changes" in the summary
MINUS = "\u2212"  # a real minus sign: as wide as "+", and not a hyphen
MAX_DECIMALS = 4  # computed values (differences across scales) are rounded to this many places
TRENDS = ("up", "down", "unchanged", "new", "dropped")
TREND_SYMBOLS = {
    "up": "▲",
    "down": "▼",
    "unchanged": "＝",
    "new": "＋",
    "dropped": "－",
    "changed": "≠",  # same value, other wording (a qualifier such as 余 -> 多)
}
SECTION_SUMMARY = (
    "unchanged",
    "modified",
    "renamed",
    "moved",
    "added",
    "removed",
    "split",
    "merged",
)
SENTENCE_MARKS = {
    SentenceStatus.EQUAL: "",
    SentenceStatus.MODIFIED: "~",
    SentenceStatus.ADDED: "+",
    SentenceStatus.REMOVED: MINUS,
    SentenceStatus.MOVED: "↷",
}
# Written between number and unit: 100余所 (餘: Traditional Chinese, see compare.traditional).
CN_INNER_QUALIFIERS = ("余", "多", "餘")
RANK_COUNTERS = frozenset({"位", "名"})  # 46位: a place, not the scope of a ranking
CN_TRAILING_QUALIFIERS = ("以上", "以内", "以下", "左右", "以內")  # after the unit: 90%以上
CJK = regex(r"[\u3400-\u9fff\uf900-\ufaff]")
_ROUNDED = Decimal(1).scaleb(-MAX_DECIMALS)
_PLACES = [Decimal(1).scaleb(-places) for places in range(MAX_DECIMALS + 1)]  # 1, 0.1, 0.01 ...
_HUNDRED = Decimal(100)
_THOUSAND = Decimal(1000)
# Decimals are compared with _ZERO, not 0: comparing with an int converts it to a Decimal each time.
_ZERO = Decimal(0)
_TENTH = Decimal("0.1")
DIRECTION_SIGNS = {Direction.UP: 1, Direction.DOWN: -1, Direction.SAME: 0}
STATUS_TRENDS = {
    MetricStatus.ADDED: "new",
    MetricStatus.REMOVED: "dropped",
    MetricStatus.UNCHANGED: "unchanged",
}
# Enum members asked for on every row, bound once: reading a member from its enum class costs
# about as much as a small function call (Python 3.11), and a page does it thousands of times.
_RANK = MetricKind.RANK
_RATIO = MetricKind.RATIO
_CHANGE = MetricKind.CHANGE
_TARGET = MetricKind.TARGET
_METRIC_CHANGED = MetricStatus.CHANGED
_SECTION_UNCHANGED = SectionStatus.UNCHANGED
_EQUAL, _MODIFIED, _ADDED, _REMOVED, _MOVED = (
    SentenceStatus.EQUAL,
    SentenceStatus.MODIFIED,
    SentenceStatus.ADDED,
    SentenceStatus.REMOVED,
    SentenceStatus.MOVED,
)


# --------------------------------------------------------------------------- numbers


def format_number(value: Decimal | int | float | None) -> str:
    """Format a number as written (exact Decimal digits), "—" for None; 57239 -> "57,239"."""
    if value is None:
        return "—"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    size = abs(number)  # rounded to the context's precision, as written first
    text = _fixed(size)
    # "f" writes as many decimals as the exponent asks: counting them is cheaper than as_tuple().
    point = text.find(".")
    if point >= 0 and len(text) - point - 1 > MAX_DECIMALS:  # a computed value: round it
        # ... to MAX_DECIMALS places, or two significant digits when it is smaller than that
        # ($0.00001 par value per share is not $0).
        small = size.adjusted() < -MAX_DECIMALS and size != _ZERO
        places = Decimal(1).scaleb(size.adjusted() - 1) if small else _ROUNDED
        size = quantize(size, places, ROUND_HALF_UP)
        size = size.normalize() if size != _ZERO else _ZERO
        text = _fixed(size)
    if size >= _THOUSAND:
        text = format(size, ",f")
    return MINUS + text if number.is_signed() and text.strip("0.,") else text


def _fixed(number: Decimal) -> str:
    """Return format(number, "f"); str() writes the same, quicker, when it needs no exponent."""
    text = str(number)
    return format(number, "f") if "E" in text else text


def format_signed(value: Decimal | int | float | None) -> str:
    """Format a change with its sign: +4, −3.5, 0; "—" for None."""
    if value is None:
        return "—"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format_number(abs(number))
    if not text.strip("0.,"):
        return "0"
    return ("+" if number > _ZERO else MINUS) + text


def _round(value: Decimal, places: int, *, pad: bool) -> Decimal:
    """Round to `places` decimals (exactly that many when pad, at most otherwise).

    A non-zero value that would round to zero keeps one significant digit instead.
    """
    if not pad and value.as_tuple().exponent >= -places:  # type: ignore[operator]
        return value
    rounded = quantize(value, _PLACES[places], ROUND_HALF_UP)
    if rounded == _ZERO and value != _ZERO:
        rounded = quantize(value, Decimal(1).scaleb(value.adjusted()), ROUND_HALF_UP)
    return rounded


def format_relative(fraction: Decimal | None) -> str:
    """Format a relative change given as a fraction: 0.0091 -> "+0.9%"; "—" for None."""
    if fraction is None:
        return "—"
    if fraction == _ZERO:
        return "0%"
    return format_signed(_round(fraction * _HUNDRED, 1, pad=True)) + "%"


def format_points(points: Decimal | None) -> str:
    """Format a percentage-point change: 4.3 -> "+4.3 pp"; "—" for None."""
    if points is None:
        return "—"
    if points == _ZERO:
        return "0 pp"
    return format_signed(_round(points, 2, pad=False)) + " pp"


def format_rank(rank: int | None) -> str:
    """Format a rank change (old place - new place): 1 -> "↑1 (better)", -2 -> "↓2 (worse)"."""
    if rank is None:
        return "—"
    if rank > 0:
        return f"↑{rank} (better)"
    if rank < 0:
        return f"↓{-rank} (worse)"
    return "＝ (same)"


def format_score(score: float | None) -> str:
    """Format a 0-100 score with one decimal: 87.25 -> "87.3"; "—" for None.

    Only 100 reads "100.0": 99.97 (not the same) reads "99.9".
    """
    if score is None:
        return "—"
    if 99.95 <= score < 100:
        return "99.9"
    if score == 0:  # 0.0 and -0.0 are one key to a cache, but read "0.0" and "-0.0"
        return _score_text(str(score))
    return _score_text_cached(score)


def _score_text(written: str) -> str:
    return format(Decimal(written).quantize(_TENTH, rounding=ROUND_HALF_UP), "f")


@functools.lru_cache(maxsize=4096)  # a page shows three scores a section, many of them alike
def _score_text_cached(score: float) -> str:
    return _score_text(str(score))


@functools.cache  # units and scales are few words, asked about for every figure
def _is_latin(unit: str) -> bool:
    return unit.isascii() and any(c.isalpha() for c in unit)


def format_metric(metric: Metric | None) -> str:
    """Format a metric's value with its unit, scale and qualifier: "382所", "$3.7 billion"."""
    if metric is None:
        return "—"
    number = format_number(metric.value)
    if metric.kind is _RANK:
        # A Chinese rank's unit is its scope: 全省第2 has unit 全省; or the place's counter,
        # with no scope named (排名从46位提升到31位: 第46位).
        cjk = bool(CJK.search(metric.text + metric.unit))
        if cjk and metric.unit in RANK_COUNTERS:
            return f"第{number}{metric.unit}"
        return f"{metric.unit}第{number}" if cjk else f"No. {number}"
    if metric.kind is _RATIO:
        # A ratio's value is left over right (1:7 is 0.1429): it is shown as written.
        return metric.text.strip() or f"{number}:1"
    if metric.unit == "%" and _FRACTION_WRITTEN.search(metric.text):
        # A share written as a fraction is shown as written, then as a percent: 三分之一
        # (≈33.33%), as 33.3333% it read as no report writes it.
        share = _round(metric.value, 2, pad=False)
        sign = "+" if metric.kind is _CHANGE and share > _ZERO else ""
        about = "≈" if share != metric.value else ""
        return f"{metric.text.strip()} ({about}{sign}{format_number(share)}%)"
    if metric.upper is not None:
        number += "–" + format_number(metric.upper)
    if metric.kind is _CHANGE and metric.value > 0:
        number = "+" + number  # a change the report states: 增长7.4% is +7.4%, as 下降 is −
    # A table cell's scale is its caption's ("(in millions)"): $265,595 million.
    unit, scale, qualifier = metric.unit, metric.shown_scale, metric.qualifier
    scale_word = scale if scale and scale not in unit else ""
    currency, per = currency_split(unit)
    sign = number[0] if number[0] in "+−" else ""
    if currency:
        # −$8 billion, +$36.4 billion, $5 per tonne
        text = (
            sign + currency + number[len(sign) :] + (f" {scale_word}" if scale_word else "") + per
        )
    elif _is_latin(unit) or _is_latin(scale_word):
        text = " ".join(p for p in (number, scale_word, unit) if p)
    else:
        full_unit = scale_word + unit
        written = _written_tail(metric.text) if qualifier in CN_INNER_QUALIFIERS else ""
        if written and qualifier in written and set(written) <= set(qualifier + full_unit):
            text = number + written  # as written: 9000多万吨, 4万多亿元, 3万余个
        elif qualifier in CN_INNER_QUALIFIERS and scale and full_unit.startswith(scale):
            text = number + scale + qualifier + full_unit[len(scale) :]  # 3万余个
        elif qualifier in CN_INNER_QUALIFIERS:
            text = number + qualifier + full_unit  # 100余所
        else:
            text = number + full_unit
    if qualifier in CN_TRAILING_QUALIFIERS:
        return text + qualifier
    if qualifier and qualifier not in CN_INNER_QUALIFIERS:
        if _is_latin(qualifier):
            return f"{qualifier} {text}"  # about +5%
        return sign + qualifier + text[len(sign) :]  # +超10%, −近3%: the sign leads
    return text


# How a share written as a fraction reads (三分之一, 1/3, two-thirds; 百分之三十 is a percent).
_FRACTION_WRITTEN = regex(r"(?<!百)分之|[0-9]/[0-9]|(?i:half|third|quarter|fifth|tenth)")

# What a figure's text writes after its last digit: 多万吨 of 9000多万吨.
_AFTER_LAST_DIGIT = regex(r"^.*[0-9０-９]")


def _written_tail(text: str) -> str:
    """Return what a figure's text writes after its number (its scale, qualifier and unit)."""
    return _AFTER_LAST_DIGIT.sub("", text, count=1)


def _unit_suffix(metric: Metric) -> str:
    return _unit_words(metric.unit, metric.shown_scale)


@functools.cache
def currency_split(unit: str) -> tuple[str, str]:
    """Return a unit's currency sign and what follows it ("$ per share": "$", " per share"), or
    "" and the unit when it is no sum of money."""
    if unit in CURRENCY_SIGNS:
        return unit, ""
    sign, space, rest = unit.partition(" ")
    return (sign, space + rest) if space and sign in CURRENCY_SIGNS else ("", unit)


@functools.cache  # a page has few units and scales, and a change's are written on every row
def _unit_words(unit: str, scale: str) -> str:
    scale_word = scale if scale and scale not in unit else ""
    currency, per = currency_split(unit)
    if currency:
        return f" {scale_word}".rstrip() + per
    if _is_latin(unit) or _is_latin(scale_word):
        return "".join(f" {p}" for p in (scale_word, unit) if p)
    return scale_word + unit


def format_absolute(change: MetricChange) -> str:
    """Format the absolute change in the old metric's unit; ranks read better/worse."""
    if change.kind is _RANK and change.rank is not None:
        return format_rank(change.rank)
    if change.absolute is None or change.old is None or change.kind is _RATIO:
        return "—"  # (a difference of ratios, 1:5 less 1:7, reads as nothing)
    if change.old.unit.endswith("%"):
        # A difference of two percents is in percentage points, never a percent.
        return format_points(change.points if change.points is not None else change.absolute)
    text = format_signed(change.absolute)
    currency, _ = currency_split(change.old.unit)
    if currency:
        # +$40 per tonne, −$8 billion, $0 per tonne
        sign = text[0] if text[0] in "+−" else ""
        text = sign + currency + text[len(sign) :]
    return text + _unit_suffix(change.old)


def format_change_relative(change: MetricChange) -> str:
    """Format a change's relative size; "—" for ranks, where a ratio of places means nothing."""
    if change.kind is _RANK:
        return "—"
    return format_relative(change.relative)


def change_text(change: MetricChange, *, notes: bool = True) -> str:
    """Return a changed figure as one line of plain text, as the summary printed after a
    comparison and CI findings write it: 机构参加资金监管: 63% → 97% (+34 pp, +54.0%), with what
    the page's badges say unless notes=False (中央财政赤字 (goal): 5,500亿元 → 8,500亿元 …)."""
    noted = label_notes(change) if notes else ""
    return (
        f"{figure_name(change, '(unlabelled)')}{noted}: {format_metric(change.old)} → "
        f"{format_metric(change.new)} ({format_absolute(change)}, {format_change_relative(change)})"
    )


def figure_column(change: MetricChange) -> str:
    """Return the head of the table column a figure stands under (the new year's, else the
    old's), or "" outside tables."""
    either = change.new or change.old
    return either.column if either is not None else ""


def figure_name(change: MetricChange, fallback: str = "(no label)") -> str:
    """Return what a figure is called in text: its label, with the head of its table column
    when it has one (Term debt · Payments Due in 2019: one of the row's five sums)."""
    column = figure_column(change)
    label = change.label or fallback
    return f"{label} · {column}" if column else label


def figure_notes(change: MetricChange) -> list[str]:
    """Return what a reader is told of a figure beside its label, in this order: "goal", "several
    years", "restated", "rolled off", "qualifier changed", then how a stated change moved (the
    page's badges, and the words of the summary, the CI findings and the Markdown)."""
    notes = [
        note
        for note, applies in (
            ("goal", change.kind is _TARGET),
            ("several years", change.over_years),
            ("restated", change.restated),
            ("rolled off", change.rolled_off),
            ("qualifier changed", change.qualifier_changed),
        )
        if applies
    ]
    moved = change_moved(change)
    return [*notes, moved] if moved else notes


def change_moved(change: MetricChange) -> str:
    """Return how a change the reports state moved, when both years state one the same way:
    "smaller fall" (近视率下降1.06%, a year on 下降0.98%: −1.06% -> −0.98%, which "up" alone read
    as the rate rising), "deeper fall", "faster rise", "slower rise"; else ""."""
    old, new = change.old, change.new
    if change.kind is not _CHANGE or old is None or new is None or old.kind is not _CHANGE:
        return ""
    if new.kind is not _CHANGE or old.unit != new.unit or old.value == new.value:
        return ""
    if old.value < _ZERO and new.value < _ZERO:
        return "smaller fall" if new.value > old.value else "deeper fall"
    if old.value > _ZERO and new.value > _ZERO:
        return "faster rise" if new.value > old.value else "slower rise"
    return ""


def label_notes(change: MetricChange) -> str:
    """Return a figure's notes in words: " (goal) (several years)", then what the old report
    called it when the label shown is not its own (" (was “财政收入”)"), or ""."""
    notes = "".join(f" ({note})" for note in figure_notes(change))
    return f"{notes} (was “{change.label_was}”)" if change.label_was else notes


def sort_value(value: Decimal | int | float | None) -> str:
    """Return a plain machine-readable number for data-sort attributes ("" for None)."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return _fixed(number.normalize()) if number != _ZERO else "0"


# --------------------------------------------------------------------------- metrics


def metric_trend(change: MetricChange) -> str:
    """Classify a change: up | down | unchanged | new | dropped, or changed (same value).

    Ranks go up when the place improves (3rd -> 2nd).
    """
    trend = STATUS_TRENDS.get(change.status)
    if trend is not None:
        return trend
    if change.kind is _RANK and change.rank is not None:
        sign = change.rank
    elif change.direction is not None:
        sign = DIRECTION_SIGNS[change.direction]
    elif change.absolute is not None:
        sign = 1 if change.absolute > 0 else -1 if change.absolute < 0 else 0
    else:
        sign = 0
    return "up" if sign > 0 else "down" if sign < 0 else "changed"


def trend_symbol(trend: str) -> str:
    """Return the symbol shown beside a trend: ▲ ▼ ＝ ＋ － ≠."""
    return TREND_SYMBOLS[trend]


def flagged(metrics: Iterable[MetricChange], flag: str) -> int:
    """Count the metric changes with a flag set ("restated", "rolled_off"): the summary's
    counts, as the command, the page and the Markdown say them (a filter of Jinja's own,
    selectattr, costs 2 ms on a 10-K's 1,800 figures)."""
    return sum(1 for change in metrics if getattr(change, flag))


def flag_notes(metrics: Sequence[MetricChange]) -> list[tuple[str, str]]:
    """Return what the summary says under the figures' counts, as (id, text), the page and the
    Markdown alike: how many of the changed are restated, how many of the dropped rolled off."""
    notes = []
    if restated := flagged(metrics, "restated"):
        past = "is a past year's figure" if restated == 1 else "are past years' figures"
        said = "told otherwise than last year's report did (restated)"
        notes.append(("restated", f"{restated} of the changed {past} {said}"))
    if rolled := flagged(metrics, "rolled_off"):
        shows = "is" if rolled == 1 else "are"
        said = "of a year the new report no longer shows (rolled off)"
        notes.append(("rolled-off", f"{rolled} of the dropped {shows} {said}"))
    return notes


def metric_summary(metrics: Iterable[MetricChange]) -> dict[str, int]:
    """Count metric changes as up / down / unchanged / new / dropped (plus changed, if any)."""
    counts = dict.fromkeys(TRENDS, 0)
    for change in metrics:
        trend = metric_trend(change)
        counts[trend] = counts.get(trend, 0) + 1
    return counts


def largest_changes(
    metrics: Iterable[MetricChange], limit: int = TOP_CHANGES
) -> list[MetricChange]:
    """Return the changed figures with the largest |relative| change (ranks left out; figures
    without a label: "(unlabelled): 1,108 -> 10,183" tells a reader nothing; and restated
    ones: a year's figure told otherwise is not a change over the year).

    Ties keep document order. One change stated twice (a 10-K's table and its prose: iPhone net
    sales 3% -> 18%) is listed once, by its first statement; a table cell with no unit written
    (a 10-K writes "$" only on a column's first and total rows) is the same change as a figure
    of equal values with one ("$(17,347) -> $(87,876)" and "(17,347) -> (87,876)").
    """
    ranked = sorted(_listable(metrics), key=lambda m: -abs(m.relative or Decimal(0)))
    return _once_each(ranked, limit)


# The units sums of money are counted in, once their scale is taken off (base_unit): 亿元 is 元.
MONEY_UNITS = frozenset({*CURRENCY_SIGNS, "元", "美元", "欧元", "港元", "日元"})


def largest_amounts(
    metrics: Iterable[MetricChange], limit: int = TOP_CHANGES
) -> tuple[str, list[MetricChange]]:
    """Return a currency and the changed sums in it that moved by the largest amount, as
    largest_changes lists them (a 10-K's largest relative changes are small sums: State:
    Deferred 2 -> 48 million; by amount, Federal: Current +$33,583 million ranks far above it).

    The currency is the one most changed sums are in ($ in a 10-K, 元 in a work report: one
    list never ranks dollars against 元); "" and [] when no sum changed. A table cell counts in
    its caption's scale (Metric.caption_scale).
    """
    sums: dict[str, list[MetricChange]] = {}
    for change in _listable(metrics):
        assert change.old is not None and change.new is not None  # changed: both sides are there
        unit = base_unit(change.old)
        if unit in MONEY_UNITS and base_unit(change.new) == unit:
            sums.setdefault(unit, []).append(change)
    if not sums:
        return "", []
    currency = max(sums, key=lambda unit: len(sums[unit]))  # ties: the first met
    ranked = sorted(sums[currency], key=lambda m: -abs(_amount(m.new) - _amount(m.old)))
    return currency, _once_each(ranked, limit)


def _amount(metric: Metric | None) -> Decimal:
    """Return a figure's value in its base unit, a table cell's caption scale multiplied in."""
    assert metric is not None
    return base_magnitude(metric) * _caption_size(metric)


def _caption_size(metric: Metric) -> Decimal:
    return SCALES[metric.caption_scale] if metric.caption_scale and not metric.scale else _ONE


def _absolute_amount(change: MetricChange) -> Decimal | None:
    """Return a change's absolute in its base unit, so that a column sorts alike whatever scale
    each figure is written in (+$23.7 billion above +$33,583 million's 33,583 was wrong)."""
    if change.absolute is None or change.old is None:
        return change.absolute
    return change.absolute * base_size(change.old) * _caption_size(change.old)


def _listable(metrics: Iterable[MetricChange]) -> list[MetricChange]:
    """Return the changes a list of the largest may hold: changed, labelled, not restated, no
    rank, and changed by something."""
    return [
        m
        for m in metrics
        if m.status is _METRIC_CHANGED
        and m.kind is not _RANK
        and m.relative not in (None, 0)
        and m.label
        and not m.restated
    ]


def _once_each(ranked: list[MetricChange], limit: int) -> list[MetricChange]:
    """Return the first `limit` changes, each change stated twice listed once (see
    largest_changes): known by its values, a table cell's in its caption's scale, each as
    precise as the less precise of the two statements ("$87.9 billion" in prose is the "(87,876)"
    of a table in millions), and by its unit (a cell without one is the same as either)."""
    listed: list[tuple[MetricChange, str]] = []  # with its unit
    for m in ranked:
        assert m.old is not None and m.new is not None  # changed: both sides are there
        unit = base_unit(m.new)
        if any(
            _same_value(m.old, other.old)
            and _same_value(m.new, other.new)
            and (unit == other_unit or not unit or not other_unit)
            for other, other_unit in listed
        ):
            continue
        listed.append((m, unit))
        if len(listed) == limit:
            break
    return [m for m, _ in listed]


def _same_value(one: Metric | None, other: Metric | None) -> bool:
    """Tell whether two statements give one value, to the less precise one's digits."""
    assert one is not None and other is not None
    a, b = abs(_amount(one)), abs(_amount(other))
    if a == b:
        return True
    digits = min(len(one.value.as_tuple().digits), len(other.value.as_tuple().digits))
    return bool(a and b) and _significant(a, digits) == _significant(b, digits)


def _significant(value: Decimal, digits: int) -> Decimal:
    """Round a value to this many significant digits (87,876,000,000 to 3: 8.79E+10)."""
    return quantize(value, _ONE.scaleb(value.adjusted() - digits + 1))


# --------------------------------------------------------------------------- sections


def section_label(section: Section | None) -> str:
    """Return numbering and heading as written ("一、党的领导", "Item 1A. Risk Factors")."""
    if section is None:
        return ""
    if section.id == "0":
        return "Preamble"
    return numbered(section.number, section.heading) or f"Section {section.id}"


def pair_level(pair: SectionPair) -> int:
    """Return the outline level of a pair (the new side's where both exist)."""
    section = pair.new or pair.old
    return section.level if section is not None else 1


def pair_changed(pair: SectionPair) -> bool:
    """Tell whether a reader would count this pair as a change (text, name, place or shape)."""
    return (
        pair.status is not _SECTION_UNCHANGED
        or pair.renamed
        or pair.moved
        or pair.split_from is not None
        or pair.merged_into is not None
    )


def pair_badges(pair: SectionPair) -> list[str]:
    """Return the status words shown as badges: the status, then renamed / moved / split / merged."""
    badges = [pair.status.value]
    if pair.renamed:
        badges.append("renamed")
    if pair.moved:
        badges.append("moved")
    if pair.split_from is not None:
        badges.append("split")
    if pair.merged_into is not None:
        badges.append("merged")
    return badges


def pair_anchor(pair: SectionPair) -> str:
    """Return the HTML id of a section pair, from its stable key."""
    return f"sec-{pair.key}"


def heading_tag(pair: SectionPair) -> str:
    """Return the heading element for a pair: h3 for top-level sections, h4 / h5 below."""
    return f"h{min(pair_level(pair), 3) + 2}"


def section_summary(comparison: Comparison) -> list[tuple[str, int]]:
    """Return section counts in reading order: unchanged, modified, renamed, moved, ... merged."""
    counts = comparison.section_counts()
    return [(name, counts[name]) for name in SECTION_SUMMARY]


def sentence_rows(pair: SectionPair) -> tuple[SentencePair, ...]:
    """Return the sentence rows of a pair; an unmatched section without rows lists its own."""
    if pair.sentences:
        return pair.sentences
    if pair.new is not None and pair.old is None:
        return tuple(
            SentencePair(status=SentenceStatus.ADDED, old=None, new=s, new_index=i)
            for i, s in enumerate(pair.new.sentences)
        )
    if pair.old is not None and pair.new is None:
        return tuple(
            SentencePair(status=SentenceStatus.REMOVED, old=s, new=None, old_index=i)
            for i, s in enumerate(pair.old.sentences)
        )
    return ()


def section_stop(pair: SectionPair) -> bool:
    """Tell whether next/previous navigation stops at the section itself (no changed row in it)."""
    return pair_changed(pair) and all(sentence_status(s) is _EQUAL for s in sentence_rows(pair))


def row_anchor(sentence: SentencePair, pair: SectionPair) -> str:
    """Return the HTML id of a sentence row: pair key plus old and new sentence index."""
    old = "x" if sentence.old_index is None else sentence.old_index
    new = "x" if sentence.new_index is None else sentence.new_index
    return f"row-{pair.key}-{old}-{new}"


def sentence_mark(sentence: SentencePair) -> str:
    """Return the one-character margin mark of a sentence row (~ + − ↷, blank when equal)."""
    return SENTENCE_MARKS[sentence_status(sentence)]


def sentence_status(sentence: SentencePair) -> SentenceStatus:
    """Return the status a reader sees: an added or removed sentence found elsewhere is moved."""
    if sentence.moved_to is not None or sentence.moved_from is not None:
        return _MOVED
    return sentence.status


# --------------------------------------------------------------------------- links and figures


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a place in the page."""

    href: str
    label: str


@dataclass(frozen=True, slots=True)
class Note:
    """A remark on a section pair, e.g. kind "split_from" with links to the other sections."""

    kind: str  # split_from | split_into | merged_into | merged_from
    links: tuple[Link, ...]


@dataclass(slots=True)  # not frozen: made by the thousand per page, and frozen ones are slow
class Segment:
    """A run of sentence text with one mark: tag "" | "ins" | "del"; figure = hover title."""

    text: str
    tag: str = ""
    figure: str = ""  # set on a changed figure: its old value, e.g. "2021: 382所"
    was: str = ""  # set on the last piece of a changed figure: shown after it in print


class _Span(NamedTuple):
    """Where a changed figure sits in a new sentence, and its old value as a hover title."""

    start: int
    end: int
    title: str


class PageIndex:
    """Lookups the filters need, built once per page: pairs by section id, figures by sentence."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.by_old = {p.old.id: p for p in comparison.sections if p.old is not None}
        self.by_new = {p.new.id: p for p in comparison.sections if p.new is not None}
        # Pairs split from an old section / merged into a new one, in page order.
        self.split_into: dict[str, list[SectionPair]] = {}
        self.merged_from: dict[str, list[SectionPair]] = {}
        for p in comparison.sections:
            if p.split_from is not None:
                self.split_into.setdefault(p.split_from, []).append(p)
            if p.merged_into is not None:
                self.merged_from.setdefault(p.merged_into, []).append(p)
        self.lang = page_lang(comparison)  # of the reports' text, not of the page's words
        self.old_year = year_label(comparison.old, "old")
        self.new_year = year_label(comparison.new, "new")
        figures: dict[tuple[str, int], list[MetricChange]] = {}
        for change in comparison.metrics:
            if change.status is _METRIC_CHANGED and change.new is not None:
                key = (change.new.section, change.new.sentence)
                figures.setdefault(key, []).append(change)
        self.figures = figures
        # A metric's text is shown up to three times (its row, the summary, a figure's title).
        # Keyed by id() (hashing a Metric costs more than formatting it); the entry holds the
        # metric too, so that id cannot be reused by another one while the index lives.
        self._metric_texts: dict[int, tuple[Metric, str]] = {}
        # link HTML and its text's width in a figure's row, by side and section id
        self.section_links: dict[tuple[str, str], tuple[str, int]] = {}
        # Sentences of a section pair by what they link back to and read (see counterparts);
        # keyed by id(), the pair kept in the entry so that its id cannot be reused.
        self._counterparts: dict[tuple[int, str], tuple[SectionPair, Any]] = {}
        self._figure_columns: FigureColumns | None = None
        # Of each figure's row, by id() of its change (held by the comparison, so that the id
        # is not reused): its absolute change as written, and its lines (see figure_columns).
        self.absolute_texts: dict[int, tuple[MetricChange, str]] = {}
        self.row_lines: dict[int, int] = {}

    def figure_columns(self) -> FigureColumns:
        """Return the figures table's columns (figure_columns), reckoned once."""
        if self._figure_columns is None:
            self._figure_columns = figure_columns(self.comparison.metrics, self)
        return self._figure_columns

    def counterparts(
        self, target: SectionPair, side: str
    ) -> tuple[
        dict[tuple[str | None, str | None], SentencePair],
        dict[str | None, SentencePair],
        dict[str | None, SentencePair],
    ]:
        """Return the first sentence of a section pair by (the section it links back to, its
        text on `side`), by the first and by the second: built once per pair and side, as
        every sentence moved into a section looks for its counterpart there."""
        key = (id(target), side)
        found = self._counterparts.get(key)
        if found is None or found[0] is not target:
            both: dict[tuple[str | None, str | None], SentencePair] = {}
            by_back: dict[str | None, SentencePair] = {}
            by_text: dict[str | None, SentencePair] = {}
            for sentence in target.sentences:
                text = sentence.new if side == "new" else sentence.old
                back = sentence.moved_from if side == "new" else sentence.moved_to
                both.setdefault((back, text), sentence)
                by_back.setdefault(back, sentence)
                by_text.setdefault(text, sentence)
            found = self._counterparts[key] = (target, (both, by_back, by_text))
        return found[1]

    def metric_text(self, metric: Metric) -> str:
        """Return format_metric(metric), formatting each metric of the page once."""
        entry = self._metric_texts.get(id(metric))
        if entry is None or entry[0] is not metric:
            entry = self._metric_texts[id(metric)] = (metric, format_metric(metric))
        return entry[1]

    def figure_spans(self, section_id: str, index: int, sentence: str) -> list[_Span]:
        """Return where the changed figures of one new sentence sit, earliest first (a figure
        overlapping one before it is not marked)."""
        changes = self.figures.get((section_id, index))
        if not changes:
            return []
        found: list[tuple[int, int, MetricChange]] = []
        for change in changes:
            metric = change.new
            assert metric is not None
            start, end = metric.start, metric.end
            if not metric.text or sentence[start:end] != metric.text:
                start = sentence.find(metric.text) if metric.text else -1
                end = start + len(metric.text)
            if start >= 0 and end > start:
                found.append((start, end, change))
        return [
            _Span(start, end, f"{self.old_year}: {self._old_text(change)}")
            for start, end, change in first_apart(found)
        ]

    def _old_text(self, change: MetricChange) -> str:
        return self.metric_text(change.old) if change.old is not None else "—"


_Item = TypeVar("_Item")


def first_apart(spans: Iterable[tuple[int, int, _Item]]) -> list[tuple[int, int, _Item]]:
    """Return the spans (start, end, item) that overlap no span kept before them, by start.

    Kept spans do not overlap, so ordered by start their ends are in order too: of those that
    start before a new span ends, only the last can reach into it (one bisection, not a scan
    of every span kept: a report with no sentence end has thousands in one sentence).
    """
    kept: list[tuple[int, int, _Item]] = []
    starts: list[int] = []
    for span in spans:
        start, end, _ = span
        k = bisect.bisect_left(starts, end)
        if k and kept[k - 1][1] > start:
            continue
        starts.insert(k, start)
        kept.insert(k, span)
    return kept


def year_label(report: Report, fallback: str = "") -> str:
    """Return the report's year as text, or the fallback when the year is unknown."""
    return str(report.year) if report.year is not None else fallback


def report_name(comparison: Comparison, fallback: str = "Organisation unknown") -> str:
    """Return what the two reports are called: their organisation, else a title (a speech or a
    report with no organisation line), else the fallback."""
    old, new = comparison.old, comparison.new
    if not same_organisation(old, new):
        return f"{old.org} / {new.org}"  # two organisations' reports: both are named
    return new.org or old.org or new.title or old.title or fallback


def page_lang(comparison: Comparison) -> str:
    """Return the reports' language: zh-CN when they are written in Chinese, else en.

    The page's own words are English (<html lang="en">): the reports' text carries this.
    """
    sample = " ".join(
        [comparison.old.title, comparison.new.title, comparison.old.org, comparison.new.org]
        + [section_label(p.new or p.old) for p in comparison.sections[:20]]
    )
    return "zh-CN" if CJK.search(sample) else "en"


def _link_to(pair: SectionPair | None, side: str) -> Link | None:
    if pair is None:
        return None
    section = pair.old if side == "old" else pair.new
    return Link(f"#{pair_anchor(pair)}", section_label(section or pair.new or pair.old))


def pair_notes(pair: SectionPair, index: PageIndex) -> list[Note]:
    """Return the split / merge remarks of a pair, each linking to the sections involved."""
    notes: list[Note] = []
    if pair.split_from is not None:
        link = _link_to(index.by_old.get(pair.split_from), "old")
        notes.append(Note("split_from", (link,) if link else ()))
    if pair.old is not None:
        into = [_link_to(p, "new") for p in index.split_into.get(pair.old.id, ()) if p is not pair]
        if into:
            notes.append(Note("split_into", tuple(link for link in into if link)))
    if pair.merged_into is not None:
        link = _link_to(index.by_new.get(pair.merged_into), "new")
        notes.append(Note("merged_into", (link,) if link else ()))
    if pair.new is not None:
        sources = [
            _link_to(p, "old") for p in index.merged_from.get(pair.new.id, ()) if p is not pair
        ]
        if sources:
            notes.append(Note("merged_from", tuple(link for link in sources if link)))
    return notes


def moved_link(sentence: SentencePair, pair: SectionPair, index: PageIndex) -> Link | None:
    """Return a link to where a moved sentence went (or came from), or None if not moved."""
    if sentence.moved_to is not None:
        target = index.by_new.get(sentence.moved_to)
        text, side, back = sentence.old, "new", pair.old.id if pair.old else None
    elif sentence.moved_from is not None:
        target = index.by_old.get(sentence.moved_from)
        text, side, back = sentence.new, "old", pair.new.id if pair.new else None
    else:
        return None
    if target is None:
        return None
    label = section_label(target.new if side == "new" else target.old)
    # The first sentence there that links back here and reads the same, else the first that
    # links back here, else the first that reads the same.
    both, by_back, by_text = index.counterparts(target, side)
    found = both.get((back, text)) or by_back.get(back) or by_text.get(text)
    if found is not None:
        return Link(f"#{row_anchor(found, target)}", label)
    return Link(f"#{pair_anchor(target)}", label)


_Piece = tuple[str, str, int | None]  # text, tag, offset in the new sentence (None: old text)
SIDES = ("old", "new", "inline")


def _pieces_from_ops(sentence: SentencePair) -> tuple[list[_Piece], ...] | None:
    """Split a sentence by its ops into old, new and inline pieces; None if the ops do not fit."""
    old: list[_Piece] = []
    new: list[_Piece] = []
    inline: list[_Piece] = []
    old_texts: list[str] = []
    new_texts: list[str] = []
    offset = 0
    for op in sentence.ops:
        old_texts.append(op.old)
        new_texts.append(op.new)
        if op.tag == "equal":
            old.append((op.old, "", None))  # as the old year writes it (卫生 for 衛生: one word)
            new.append((op.new, "", offset))
            inline.append((op.new, "", offset))
        else:
            if op.old:
                old.append((op.old, "del", None))
                inline.append((op.old, "del", None))
            if op.new:
                new.append((op.new, "ins", offset))
                inline.append((op.new, "ins", offset))
        offset += len(op.new)
    # Ops that do not rebuild both texts (stale or hand-made) would show the wrong words.
    fits = "".join(old_texts) == (sentence.old or "") and "".join(new_texts) == (sentence.new or "")
    return (old, new, inline) if fits else None


def _pieces(sentence: SentencePair) -> tuple[list[_Piece], ...]:
    """Split a sentence into (text, tag, offset) pieces for the old, new and inline views."""
    if sentence.ops:
        pieces = _pieces_from_ops(sentence)
        if pieces is not None:
            return pieces
    status = sentence_status(sentence)
    old, new = sentence.old or "", sentence.new or ""
    added, removed = status is _ADDED, status is _REMOVED
    old_side: list[_Piece] = [(old, "del" if removed else "", None)] if old else []
    new_side: list[_Piece] = [(new, "ins" if added else "", 0)] if new else []
    if status is _MODIFIED and old and new:
        inline: list[_Piece] = [(old, "del", None), (new, "ins", 0)]
    else:
        inline = new_side if new else old_side
    return old_side, new_side, inline


_Run = tuple[str, str, str, str]  # a Segment's fields (text, tag, figure, was): cheaper to make


def _mark_figures(pieces: list[_Piece], spans: list[_Span]) -> list[_Run]:
    """Turn pieces into runs, cutting them where a changed figure starts or ends."""
    if not spans:
        return [(text, tag, "", "") for text, tag, _ in pieces]
    runs: list[_Run] = []
    ends = [span.end for span in spans]  # in order: spans are sorted and do not overlap
    for text, tag, start in pieces:
        if start is None:
            runs.append((text, tag, "", ""))
            continue
        # Walk the spans from the first that ends inside the piece, cutting it at their ends.
        end = start + len(text)
        at = start  # offset in the new sentence up to which the piece is cut
        for span in islice(spans, bisect.bisect_right(ends, at), None):
            if span.start >= end:
                break
            if span.start > at:
                runs.append((text[at - start : span.start - start], tag, "", ""))
                at = span.start
            cut = min(span.end, end)
            was = span.title if cut == span.end else ""
            runs.append((text[at - start : cut - start], tag, span.title, was))
            at = cut
        if at < end:
            runs.append((text[at - start :], tag, "", ""))
    return runs


def _row_runs(
    sentence: SentencePair, pair: SectionPair, index: PageIndex
) -> tuple[list[_Run], list[_Run], list[_Run]]:
    old, new, inline = _pieces(sentence)
    spans: list[_Span] = []
    if pair.new is not None and sentence.new and sentence.new_index is not None:
        spans = index.figure_spans(pair.new.id, sentence.new_index, sentence.new)
    old_runs, new_runs = _mark_figures(old, []), _mark_figures(new, spans)
    # Without ops the inline view is the new or the old view's own list: mark it once (figures
    # mark only new text, so the old view's runs are the same with or without the spans).
    if inline is new:
        return old_runs, new_runs, new_runs
    if inline is old:
        return old_runs, new_runs, old_runs
    return old_runs, new_runs, _mark_figures(inline, spans)


def sentence_segments(
    sentence: SentencePair, side: str, pair: SectionPair, index: PageIndex
) -> list[Segment]:
    """Return the marked runs of one sentence for the old, new or inline view.

    Inserted and deleted runs come from the sentence's ops; changed figures (from the metric
    changes) are marked on the new text with their old value.
    """
    if side not in SIDES:
        raise ValueError(f"side must be old, new or inline, not {side!r}")
    return [Segment(*run) for run in _row_runs(sentence, pair, index)[SIDES.index(side)]]


def metric_link(change: MetricChange, index: PageIndex) -> Link | None:
    """Return a link to the section a metric is stated in (the new report's where it exists)."""
    home = _metric_home(change, index)
    if home is None:
        return None
    side, section = home
    return _link_to((index.by_new if side == "new" else index.by_old)[section], side)


def _metric_home(change: MetricChange, index: PageIndex) -> tuple[str, str] | None:
    """Return the side ("new" or "old") and id of the section a metric is stated in."""
    if change.new is not None and change.new.section in index.by_new:
        return "new", change.new.section
    if change.old is not None and change.old.section in index.by_old:
        return "old", change.old.section
    return None


def settings_rows(comparison: Comparison) -> list[tuple[str, str]]:
    """Return the settings used, as (name, value) text pairs for the footer table."""
    return [(name, str(value)) for name, value in comparison.settings.as_dict().items()]


# --------------------------------------------------------------------------- fragments
# The page's most repeated pieces (a section head, a sentence row, a figure row, a trend, a link,
# a badge) are built here, not by template macros: a page holds thousands of them, and a macro
# call with an escape per value took most of the render time. Every text value is escaped here,
# once.

_HTML_SPECIAL = regex(r"[&<>\"']")
TREND_HTML = {
    t: f'<span class="trend t-{t}" title="{t}" lang="en">{symbol}<span class="trend-word"> {t}</span></span>'
    for t, symbol in TREND_SYMBOLS.items()
}

# Every word pair_badges can return: a section status, or one of the four shape words.
BADGE_HTML = {
    b: f'<span class="badge b-{b}" lang="en">{b}</span>'
    for b in [*(s.value for s in SectionStatus), "renamed", "moved", "split", "merged"]
}


def html_text(text: object) -> str:
    """Escape text for element content or a quoted attribute, exactly as autoescape does."""
    text = str(text)
    # Most report text holds none of & < > " ': skipping escape() then saves a Markup copy.
    return escape(text) if _HTML_SPECIAL.search(text) else text


def _runs_html(runs: Iterable[_Run], *, plain: bool = False) -> str:
    """Return the HTML of runs; plain: their texts are known to hold nothing to escape."""
    parts: list[str] = []
    for text, tag, figure, was in runs:
        if not plain:
            text = html_text(text)
        if tag in ("ins", "del"):
            text = f"<{tag}>{text}</{tag}>"
        if figure:
            text = f'<mark class="fig" title="{html_text(figure)}">{text}</mark>'
        if was:
            text += f'<span class="was"> ({html_text(was)})</span>'
        parts.append(text)
    return "".join(parts)


def _link_html(link: Link, *, title: bool = False) -> str:
    """Return a link's tag; with title, its label again as its title (shown whole on hover)."""
    label = html_text(link.label)
    tip = f' title="{label}"' if title else ""
    return f'<a href="{html_text(link.href)}"{tip}>{label}</a>'


def link_html(link: Link) -> Markup:
    """Return a link to a place in the page."""
    return Markup(_link_html(link))


def links_html(links: Iterable[Link]) -> Markup:
    """Return links separated by commas."""
    return Markup(", ".join(_link_html(link) for link in links))


def trend_html(change: MetricChange) -> Markup:
    """Return a change's trend: its symbol, with the word for screen readers and print."""
    return Markup(TREND_HTML[metric_trend(change)])


def badges_html(pair: SectionPair) -> str:
    """Return a pair's status badges (HTML), separated by spaces."""
    return " ".join([BADGE_HTML[badge] for badge in pair_badges(pair)])


def text_width(text: str) -> int:
    """Return about how wide a text is drawn, in half-em units: a CJK character counts two."""
    return (len(text) + len(text.encode("utf-8"))) // 2  # a CJK character is 3 bytes, Latin 1


def drawn_height(pair: SectionPair) -> int:
    """Return about how tall (px) an unfolded section is drawn, reserved for it until the browser
    lays it out (report.css: content-visibility): its sentence rows, at some 70 half-em units to
    a line of a side-by-side column."""
    rows = sentence_rows(pair)
    lines = sum(1 + max(text_width(r.old or ""), text_width(r.new or "")) // 70 for r in rows)
    return 80 + 11 * len(rows) + 24 * lines


def section_head_html(pair: SectionPair, lang: str = "en") -> Markup:
    """Return the opening of a section pair: its <section> and <details> tags, then the summary.

    The summary line holds the heading (the old one struck out and the new one when renamed),
    in the reports' language, the badges and, for a matched pair, the text similarity. The
    template closes both tags.
    """
    changed = pair_changed(pair)
    stop = ' data-stop tabindex="-1"' if section_stop(pair) else ""
    tag = heading_tag(pair)
    if pair.renamed and pair.old and pair.new:
        heading = (
            f'<span class="heading-old"><del>{html_text(section_label(pair.old))}</del></span>'
            ' <span class="arrow">→</span> '
            f'<span class="heading-new"><ins>{html_text(section_label(pair.new))}</ins></span>'
        )
    else:
        heading = html_text(section_label(pair.new or pair.old))
    similarity = ""
    if pair.old and pair.new:
        similarity = (
            f' <span class="muted" lang="en">similarity {format_score(pair.similarity)}</span>'
        )
    size = f' style="contain-intrinsic-size: auto {drawn_height(pair)}px"' if changed else ""
    return Markup(
        f'<section class="pair lvl-{pair_level(pair)} st-{pair.status}"'
        f' id="{html_text(pair_anchor(pair))}" data-status="{pair.status}"'
        f' data-changed="{"true" if changed else "false"}"{stop}{size}>\n'
        f"<details{' open' if changed else ''}>\n"
        "<summary>\n"
        f'<{tag} class="pair-heading" lang="{lang}">{heading}</{tag}>\n'
        f'<span class="pair-meta">{badges_html(pair)}{similarity}</span>\n'
        "</summary>"
    )


def sentence_rows_html(rows: Iterable[SentencePair], pair: SectionPair, index: PageIndex) -> Markup:
    """Return the table rows of a section's sentences, separated by newlines."""
    return Markup("\n".join([_sentence_row(sentence, pair, index) for sentence in rows]))


def _sentence_row(sentence: SentencePair, pair: SectionPair, index: PageIndex) -> str:
    status = sentence_status(sentence)
    old_runs, new_runs, inline_runs = _row_runs(sentence, pair, index)
    # Every run is a slice of the old or the new sentence: one search tells if any needs escaping.
    plain = not (
        _HTML_SPECIAL.search(sentence.old or "") or _HTML_SPECIAL.search(sentence.new or "")
    )
    # The views often show the same runs (all three for an unchanged sentence): build them once.
    old = _runs_html(old_runs, plain=plain)
    new = old if new_runs == old_runs else _runs_html(new_runs, plain=plain)
    if inline_runs == new_runs:
        inline = new
    elif inline_runs == old_runs:
        inline = old
    else:
        inline = _runs_html(inline_runs, plain=plain)
    old_note = new_note = inline_note = ""
    moved = moved_link(sentence, pair, index)
    if moved is not None:
        href = html_text(moved.href)
        label = f'<span lang="{index.lang}">{html_text(moved.label)}</span>'
        if sentence.moved_to is not None:
            old_note = inline_note = (
                f' <a class="moved-link" href="{href}" lang="en">↷ moved to {label}</a>'
            )
        else:
            new_note = inline_note = (
                f' <a class="moved-link" href="{href}" lang="en">↶ moved from {label}</a>'
            )
    stop = "" if status is _EQUAL else ' data-stop tabindex="-1"'
    old_class = " empty" if sentence.old is None else ""
    new_class = " empty" if sentence.new is None else ""
    return (
        f'<tr class="row row-{status}" id="{html_text(row_anchor(sentence, pair))}"{stop}>\n'
        f'<td class="mark"><span class="row-mark" title="{status}">{SENTENCE_MARKS[status]}'
        "</span></td>\n"
        f'<td class="old{old_class}">{old}{old_note}</td>\n'
        f'<td class="new{new_class}">{new}{new_note}</td>\n'
        f'<td class="inline">{inline}{inline_note}</td>\n'
        "</tr>"
    )


def went_link(pair: SectionPair, index: PageIndex) -> Link | None:
    """Return, for the section map's side a pair has no section on, the section it went into
    or came from: "→ merged into …" (an old section merged into a new one), "← split from …"
    (a new section split from an old one); None for any other pair."""
    if pair.new is None and pair.merged_into is not None:
        link = _link_to(index.by_new.get(pair.merged_into), "new")
        return None if link is None else Link(link.href, f"→ merged into {link.label}")
    if pair.old is None and pair.split_from is not None:
        link = _link_to(index.by_old.get(pair.split_from), "old")
        return None if link is None else Link(link.href, f"← split from {link.label}")
    return None


def _map_side(pair: SectionPair, section: Section | None, year: str, went: Link | None) -> str:
    """Return one side of a section map's row: its heading, else a dash, and where the section
    went (see went_link)."""
    if section is None:
        none = f'<span class="none" title="not in {html_text(year)}">—</span>'
        if went is None:
            return none
        return f'{none} <a class="went" href="{html_text(went.href)}">{html_text(went.label)}</a>'
    anchor, label = html_text(pair_anchor(pair)), html_text(section_label(section))
    return f'<a class="lvl-{section.level}" href="#{anchor}">{label}</a>'


def section_map_row_html(pair: SectionPair, index: PageIndex) -> Markup:
    """Return one section's row of the section map: old heading, status, match score, text
    similarity, new heading."""
    changed = "true" if pair_changed(pair) else "false"
    score = similarity = ""
    if pair.old and pair.new:
        score = f'<span title="match score{_matched_by(pair)}">{format_score(pair.score)}</span>'
        # How much of the text stayed: a same-heading match scores 100 however rewritten.
        similarity = format_score(pair.similarity)
    went = went_link(pair, index)
    return Markup(
        f'<tr class="st-{pair.status}" data-changed="{changed}">\n'
        f'<td class="old">{_map_side(pair, pair.old, index.old_year, went)}</td>\n'
        f'<td class="status">{badges_html(pair)}</td>\n'
        f'<td class="num">{score}</td>\n'
        f'<td class="num">{similarity}</td>\n'
        f'<td class="new">{_map_side(pair, pair.new, index.new_year, went)}</td>\n'
        "</tr>"
    )


def _matched_by(pair: SectionPair) -> str:
    """Return what paired the two sections, for the score's tooltip (", by same heading")."""
    return f", by {html_text(pair.match)}" if pair.match else ""


# The space between a number and its scale word, where a narrow column broke a figure in two
# ("$5.6 / billion"): a page holds them together.
_SCALE_SPACE = regex(r" (?=(?:thousand|million|billion|trillion)\b)")
# A sign before a currency sign: a line may break between the two (−$59.9 billion).
_SIGNED_CURRENCY = regex(
    "(?<=[−+])(?=" + "|".join(re.escape(sign) for sign in CURRENCY_SIGNS) + ")"
)


def unbroken(text: str) -> str:
    """Return a figure as the page writes it: its number and scale word on one line ($5.6
    billion with a no-break space), and a sign with its currency sign (a word joiner)."""
    if " " in text:
        text = _SCALE_SPACE.sub("\u00a0", text)
    return _SIGNED_CURRENCY.sub("\u2060", text)


def _value_cell(metric: Metric | None, index: PageIndex) -> str:
    if metric is None:
        return '<td class="num value" data-sort="">—</td>'
    # Sorted by the value in its base unit, a table cell's caption scale in ($265,595 million
    # above $5.0 billion).
    return (
        f'<td class="num value" data-sort="{sort_value(_amount(metric))}">'
        f'<span title="{html_text(metric.text)}">{html_text(unbroken(index.metric_text(metric)))}'
        "</span></td>"
    )


# A section's name in a figure's row is cut to two lines (report.css: td.where): past this
# width, in half-em units, it may be, and the link's title holds it whole.
WHERE_TITLE_PAST = 40


def where_html(change: MetricChange, index: PageIndex) -> Markup:
    """Return the link to a figure's section (as metric_link), made once per section; a long
    name ("Item 5. Market for Registrant's Common Equity, Related Stockholder Matters and …")
    carries it whole as the link's title."""
    return Markup(_where(change, index)[0])


def _where(change: MetricChange, index: PageIndex) -> tuple[str, int]:
    """Return where_html's link and how wide its text is, in half-em units."""
    key = _metric_home(change, index)
    if key is None:
        return "", 1
    made = index.section_links.get(key)
    if made is None:
        link = metric_link(change, index)
        made = "", 0
        if link is not None:
            width = text_width(link.label)
            made = _link_html(link, title=width > WHERE_TITLE_PAST), width
        index.section_links[key] = made
    return made


# The figures table's columns (report.css: .figure-grid): each row is a grid of them, so that the
# browser lays out only the rows near the screen. A value column is as wide as the widest word
# it holds ("$252.3 billion" is one, its space unbreakable), in half-em units, within these.
_VALUE_COLUMN_UNITS = (6, 26)
# A half-em unit drawn, in em of the table's text (digits and Latin letters are a little wider
# than half an em); the table's text in px; its width on a wide screen (report.css: .page), less
# the Trend column; a cell's padding.
_EM_PER_UNIT = 0.55
_TABLE_EM = 14.72
_TABLE_FREE = 1200 - 103
_CELL_PAD = 16


@dataclass(frozen=True)
class FigureColumns:
    """How wide the figures table's columns are drawn on a wide screen, in half-em units: each
    value column's, and a line of the Figure and Section columns (which share what is left)."""

    values: tuple[int, ...]
    label: int
    where: int
    height: int = 0  # px, of the whole table (its rows' lines, see _row_lines)


def figure_columns(changes: Sequence[MetricChange], index: PageIndex) -> FigureColumns:
    """Return the figures table's columns: a value column as wide as its widest unbreakable
    word or head (a grid's rows do not size their columns together, as a table's do)."""
    heads = (index.old_year, index.new_year, "Absolute", "Relative", "Points")
    widths = [text_width(head) + 2 for head in heads]  # room for the sort arrow
    absolutes = index.absolute_texts
    for change in changes:
        absolute = absolutes[id(change)] = (change, unbroken(format_absolute(change)))
        cells = (
            index.metric_text(change.old) if change.old is not None else "",
            index.metric_text(change.new) if change.new is not None else "",
            absolute[1],
            format_change_relative(change),
            format_points(change.points),
        )
        for k, text in enumerate(cells):
            if 2 * len(text) <= widths[k]:
                continue  # (a character is two units at most)
            words = unbroken(text).split(" ") if " " in text else (text,)
            widths[k] = max(widths[k], *(text_width(word) for word in words))
    low, high = _VALUE_COLUMN_UNITS
    values = tuple(min(max(w, low), high) for w in widths)
    unit = _TABLE_EM / 2  # px
    free = _TABLE_FREE - sum(w * _EM_PER_UNIT * _TABLE_EM + _CELL_PAD for w in values)
    label, where = (max(10, int((free * share - _CELL_PAD) / unit)) for share in (0.6, 0.4))
    columns = FigureColumns(values, label, where)
    lines = index.row_lines
    for change in changes:
        lines[id(change)] = _row_lines(change, _where(change, index)[1], columns)
    height = _HEAD_PX + _ROW_PX * len(changes) + _LINE_PX * sum(lines.values())
    return replace(columns, height=height)


# A figure row drawn: its padding and border, and each line of its most wrapped cell
# (report.css: .figure-grid tr.l2 is 8 + 2 * 25 px); the table's head.
_ROW_PX, _LINE_PX, _HEAD_PX = 8, 25, 40


def metric_table_height(index: PageIndex) -> int:
    """Return about how tall (px) the figures table is drawn, reserved for it until the browser
    lays it out (report.css: content-visibility)."""
    return index.figure_columns().height


def metric_table_style(index: PageIndex) -> str:
    """Return the figures table's style: its value columns' widths (figure_columns)."""
    columns = " ".join(
        f"calc({w * _EM_PER_UNIT:.1f}em + var(--cell-pad))" for w in index.figure_columns().values
    )
    return f"--value-columns: {columns}"


def _row_lines(change: MetricChange, where_width: int, columns: FigureColumns) -> int:
    """Return about how many lines a figure's row is drawn in, reserved for it until the browser
    lays it out (report.css: content-visibility): its most wrapped cell's: the Figure column's
    (its label and column, then what it was called on a line of its own), the Section
    column's (two at most), a value's."""
    label = 1 + text_width(change.label + figure_column(change)) // columns.label
    if change.label_was:
        label += 1 + (text_width(change.label_was) + 6) * 17 // 20 // columns.label
    where = min(2, 1 + where_width // columns.where)
    either = change.new or change.old  # a value's width, either side's alike
    value = 1 + text_width(either.text) // columns.values[1] if either is not None else 1
    return min(4, max(label, where, value))


def metric_rows_html(
    changes: Iterable[MetricChange], index: PageIndex, *, batch: int = 256
) -> Iterator[Markup]:
    """Yield the rows of the figures table, a batch of whole rows at a time.

    Batches, not one string: the table of a big report runs to tens of megabytes.
    """
    changes = iter(changes)
    while rows := [_metric_row(change, index) for change in islice(changes, batch)]:
        yield Markup("\n".join(rows))


_RESTATED_BADGE = (
    ' <span class="badge b-restated" lang="en" title="the same year\'s figure, stated otherwise by the '
    "older report (a table's columns are years)\">restated</span>"
)
_GOAL_BADGE = (
    ' <span class="badge b-goal" lang="en" title="a goal the report sets (力争, 预期目标, aims to), '
    'not an outcome">goal</span>'
)


_YEARS_BADGE = (
    ' <span class="badge b-years" lang="en" title="stated for several years together (过去五年, 年均, '
    "five-year totals), not for the report's year alone\">several years</span>"
)


_ROLLED_OFF_BADGE = (
    ' <span class="badge b-rolled" lang="en" title="of a year older than every year the new report\'s'
    " row or sentence shows: the table's oldest column or block, or last year's start of a change,"
    ' rolled off; the figure was not left out">rolled off</span>'
)


def _moved_badge(words: str, how: str) -> str:
    return (
        f' <span class="badge b-moved-change" lang="en" title="both years state a change (增长, 下降,'
        f' rose, fell): {how}">{words}</span>'
    )


_NOTE_BADGES = {
    "goal": _GOAL_BADGE,
    "several years": _YEARS_BADGE,
    "restated": _RESTATED_BADGE,
    "rolled off": _ROLLED_OFF_BADGE,
    "smaller fall": _moved_badge("smaller fall", "it fell both years, by less this year"),
    "deeper fall": _moved_badge("deeper fall", "it fell both years, by more this year"),
    "faster rise": _moved_badge("faster rise", "it rose both years, by more this year"),
    "slower rise": _moved_badge("slower rise", "it rose both years, by less this year"),
}


def years_badge(figure: MetricChange | series_stage.SeriesRow) -> Markup:
    """Return the "several years" badge for a figure or series row that has a figure stated for
    several years together, else nothing."""
    return Markup(_YEARS_BADGE if figure.over_years else "")


def figure_label_html(change: MetricChange) -> Markup:
    """Return a figure's label with its badges: a goal, stated for several years, restated, a
    qualifier that changed (以上 -> 左右)."""
    return Markup(_figure_label_html(change))


def _figure_label_html(change: MetricChange) -> str:
    label = html_text(change.label or "(no label)")
    if column := figure_column(change):
        label += f' <span class="column">· {html_text(column)}</span>'
    for note in figure_notes(change):
        if note == "qualifier changed":
            was = change.old.qualifier if change.old else ""
            now = change.new.qualifier if change.new else ""
            label += (
                f' <span class="badge b-qualifier" lang="en" title="{html_text(was)} → {html_text(now)}">'
                "qualifier changed</span>"
            )
        else:
            label += _NOTE_BADGES[note]
    if was := change.label_was:  # what the old report called it, so the pairing can be judged
        label += f' <span class="label-was" title="the old report\'s label">was “{html_text(was)}”</span>'
    return label


def _metric_row(change: MetricChange, index: PageIndex) -> str:
    t = metric_trend(change)
    label = _figure_label_html(change)
    absolute = change.rank if change.rank is not None else _absolute_amount(change)
    relative = None if change.kind is _RANK else change.relative
    flags = ' data-rolled-off=""' if change.rolled_off else ""
    if change.restated:
        flags += ' data-restated=""'
    index.figure_columns()  # reckons every row's lines and absolute change, once
    where = _where(change, index)[0]
    lines = index.row_lines[id(change)]
    tall = f" l{lines}" if lines > 1 else ""  # report.css: .figure-grid tr.l2
    return (
        f'<tr class="metric t-{t}{tall}" data-trend="{t}"{flags}>\n'
        f'<td class="trend-col" data-sort="{t}">{TREND_HTML[t]}</td>\n'
        f"<td>{label}</td>\n"
        f'<td class="where">{where}</td>\n'
        f"{_value_cell(change.old, index)}\n"
        f"{_value_cell(change.new, index)}\n"
        f'<td class="num change" data-sort="{sort_value(absolute)}">'
        f"{html_text(index.absolute_texts[id(change)][1])}</td>\n"
        # Sort values, relative changes and points are digits and signs only: nothing to escape.
        f'<td class="num" data-sort="{sort_value(relative)}">{format_change_relative(change)}</td>\n'
        f'<td class="num" data-sort="{sort_value(change.points)}">{format_points(change.points)}</td>\n'
        "</tr>"
    )


# --------------------------------------------------------------------------- series


def series_points(row: series_stage.SeriesRow) -> str:
    """Return the sparkline points of a series row, from each year's value in its base unit."""
    from compare import series as series_stage  # a comparison's page needs none of it

    return series_stage.sparkline(
        [base_magnitude(m) if m is not None else None for m in row.values]
    )


def series_sources(series: series_stage.Series) -> list[tuple[str, str]]:
    """Return (year, source path) pairs of a series, "?" for an unknown year."""
    return [(str(y) if y else "?", p) for y, p in zip(series.years, series.paths, strict=False)]


def series_lang(series: series_stage.Series) -> str:
    """Return the series page language: zh-CN when the figures are labelled in Chinese."""
    sample = series.org + " ".join(row.label for row in series.rows[:50])
    return "zh-CN" if CJK.search(sample) else "en"


# --------------------------------------------------------------------------- markdown


# A subsection's indent in Markdown, per level below the top: two em spaces, written as
# entities (a table cell's text is trimmed of any space, an em space too, before they are
# read).
MARKDOWN_INDENT = "&emsp;" * 2


def markdown_indent(section: Section | None) -> Markup:
    """Return the indent of a section's heading in a Markdown table, by its outline level."""
    level = section.level if section is not None else 1
    return Markup(MARKDOWN_INDENT * max(level - 1, 0))


def markdown_escape(text: object) -> Markup:
    """Escape text for a Markdown template (see words.markdown_text)."""
    return Markup(markdown_text(text))


# --------------------------------------------------------------------------- environment


FILTERS: dict[str, Callable[..., Any]] = {
    "number": format_number,
    "signed": format_signed,
    "relative": format_relative,
    "points": format_points,
    "rank": format_rank,
    "score": format_score,
    "metric_value": format_metric,
    "unbroken": unbroken,
    "absolute": format_absolute,
    "change_relative": format_change_relative,
    "sort_value": sort_value,
    "trend": metric_trend,
    "trend_symbol": trend_symbol,
    "metric_summary": metric_summary,
    "largest_changes": largest_changes,
    "largest_amounts": largest_amounts,
    "section_label": section_label,
    "md_indent": markdown_indent,
    "section_summary": section_summary,
    "pair_level": pair_level,
    "pair_changed": pair_changed,
    "badges": pair_badges,
    "anchor": pair_anchor,
    "heading_tag": heading_tag,
    "sentence_rows": sentence_rows,
    "row_anchor": row_anchor,
    "section_stop": section_stop,
    "sentence_mark": sentence_mark,
    "sentence_status": sentence_status,
    "segments": sentence_segments,
    "section_head_html": section_head_html,
    "sentence_rows_html": sentence_rows_html,
    "metric_rows_html": metric_rows_html,
    "metric_table_style": metric_table_style,
    "metric_table_height": metric_table_height,
    "section_map_row": section_map_row_html,
    "trend_html": trend_html,
    "figure_label": figure_label_html,
    "label_notes": label_notes,
    "figure_name": figure_name,
    "years_badge": years_badge,
    "link_html": link_html,
    "where_html": where_html,
    "links_html": links_html,
    "notes": pair_notes,
    "flagged": flagged,
    "flag_notes": flag_notes,
    "went": went_link,
    "moved_link": moved_link,
    "metric_link": metric_link,
    "year": year_label,
    "page_lang": page_lang,
    "report_name": report_name,
    "settings_rows": settings_rows,
    "md": markdown_escape,
    "series_points": series_points,
    "series_sources": series_sources,
    "series_lang": series_lang,
}


# The environment's options but its undefined (StrictUndefined: a missing name fails the page).
OPTIONS: dict[str, Any] = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


def _template_cache() -> BytecodeCache | None:
    """Return the compiled-template cache, or None where the user has no cache folder.

    Compiling the page's templates takes longer than rendering it: they are kept in the user's
    cache folder. A cached template is used only while its source is unchanged (jinja2 checks);
    the file names carry a hash of OPTIONS and the version, since the compiled code depends on
    them too. A failed write costs speed only.
    """
    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    class TemplateCache(FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: Bucket) -> None:
            with contextlib.suppress(OSError):  # a full or read-only temp folder: compile anew
                super().dump_bytecode(bucket)

        def holds(self, name: str, filename: str | None) -> bool:
            """Tell whether a compiled template is kept for this name (made from whatever
            source: a stale one is compiled again where it is loaded)."""
            key = self.get_cache_key(name, filename)
            return os.path.exists(os.path.join(self.directory, self.pattern % key))

    folder = cache_folder()
    if folder is None:
        return None
    key = hashlib.sha256(repr((OPTIONS, "StrictUndefined", __version__)).encode()).hexdigest()
    return TemplateCache(directory=str(folder), pattern=f"template-{key[:12]}-%s.cache")


# The templates a page is made of: report.html, what it extends and includes, and its script.
PAGE_TEMPLATES = (
    "report.html",
    "base.html",
    "report.css",
    "_summary.html",
    "_section_map.html",
    "_metrics.html",
    "_sections.html",
    "report.js",
)


@contextlib.contextmanager
def page_templates_beside(page: bool = True) -> Iterator[None]:
    """Compile the page's templates during the block, in a forked child (compare.forked), when
    a page is to be made and the cache folder lacks any of them: a first run's (a CI job's in a
    new container). The page is then made from what the child kept (the seed pair: 97 ms of
    compiling, beside the comparing's 140 ms). A child that failed leaves the compiling to this
    process, at the block's end, as the page would have done it."""
    env = environment() if page else None
    holds = getattr(env.bytecode_cache, "holds", None) if env is not None else None
    if env is None or env.loader is None or holds is None:
        yield  # no page, or no cache folder: compiled where the page is made
        return
    loader = env.loader
    if all(holds(name, loader.get_source(env, name)[1]) for name in PAGE_TEMPLATES):
        yield
        return
    with in_child(_compile_page_templates) as compiling:
        yield
        compiling.value()


def _compile_page_templates() -> None:
    """Compile the page's templates, kept in the cache folder by the environment's cache."""
    env = environment()
    for name in PAGE_TEMPLATES:
        env.get_template(name)


@functools.cache
def environment() -> Environment:
    """Return the one jinja2 Environment: package templates, autoescape, strict undefined.

    jinja2 is imported here, not with the module: `compare check` words its findings with this
    module's functions and renders no template (jinja2's import is about a tenth of its run).
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("compare"),
        auto_reload=False,  # templates do not change during a run: no need to check each use
        bytecode_cache=_template_cache(),
        undefined=StrictUndefined,
        **OPTIONS,
    )
    env.filters.update(FILTERS)
    return env


@functools.cache
def _script() -> tuple[Markup, str]:
    """Return the page script and its CSP hash (the page runs no other script)."""
    text = environment().get_template("report.js").render()
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


STREAM_PIECES = 2048  # template pieces joined into one chunk by iter_html (about 100-200 KB)


def _markdown_context(comparison: Comparison, generated_at: str | None) -> dict[str, Any]:
    return {
        "comparison": comparison,
        "index": PageIndex(comparison),
        "generated_at": generated_at,
        "version": __version__,
    }


def _html_context(comparison: Comparison, generated_at: str | None) -> dict[str, Any]:
    script, script_hash = _script()
    return _markdown_context(comparison, generated_at) | {
        "script": script,
        "script_hash": script_hash,
    }


def _stream(template: str, context: dict[str, Any]) -> Iterator[str]:
    """Yield a template's output in chunks of STREAM_PIECES pieces, collector paused per chunk.

    Pausing per chunk, not around the whole generator, leaves the collector running while the
    caller holds the generator (writing a chunk, or dropping the generator half-way).
    """
    with collector_paused():
        pieces = environment().get_template(template).generate(context)
    while True:
        with collector_paused():
            chunk = "".join(islice(pieces, STREAM_PIECES))
        if not chunk:
            return
        yield chunk


@collector_paused()
def render_html(comparison: Comparison, *, generated_at: str | None = None) -> str:
    """Render a Comparison as one self-contained HTML page (inline CSS and script)."""
    return environment().get_template("report.html").render(_html_context(comparison, generated_at))


def iter_html(comparison: Comparison, *, generated_at: str | None = None) -> Iterator[str]:
    """Render the page of render_html in chunks, to write while it is made (a big page is large)."""
    return _stream("report.html", _html_context(comparison, generated_at))


@collector_paused()
def render_markdown(comparison: Comparison, *, generated_at: str | None = None) -> str:
    """Render a Comparison as a Markdown document (changes only, tables for figures)."""
    context = _markdown_context(comparison, generated_at)
    return environment().get_template("report.md").render(context)


def iter_markdown(comparison: Comparison, *, generated_at: str | None = None) -> Iterator[str]:
    """Render the document of render_markdown in chunks, to write while it is made."""
    return _stream("report.md", _markdown_context(comparison, generated_at))


def render_series_html(series: series_stage.Series) -> str:
    """Render a Series as one self-contained HTML page: a table with a trend line per figure."""
    return (
        environment()
        .get_template("series.html")
        .render(series=series, version=__version__, script="", script_hash="'none'")
    )
