"""Comparison -> one self-contained HTML page, or a Markdown document (jinja2 lives here).

Templates only loop, branch and filter: every derived value comes from a filter defined (and
unit-tested) here. Output is deterministic: no timestamp unless one is passed in.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
)
from jinja2.bccache import Bucket
from markupsafe import Markup

from compare import __version__
from compare import series as series_stage
from compare.collector import collector_paused
from compare.model import (
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
)

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
CURRENCY_PREFIXES = ("$", "US$", "S$", "HK$", "¥", "€", "£", "RMB")
CN_INNER_QUALIFIERS = ("余", "多")  # written between number and unit: 100余所
CN_TRAILING_QUALIFIERS = ("以上", "以内", "以下", "左右")  # written after the unit: 90%以上
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!])")


# --------------------------------------------------------------------------- numbers


def _plain(value: Decimal) -> str:
    """Return a Decimal in fixed-point notation with thousands grouped (57,239)."""
    if value.as_tuple().exponent < -MAX_DECIMALS:  # type: ignore[operator]
        value = value.quantize(Decimal(1).scaleb(-MAX_DECIMALS), rounding=ROUND_HALF_UP)
        value = value.normalize() if value != 0 else Decimal(0)
    if abs(value) >= 1000:
        return format(value, ",f")
    return format(value, "f")


def format_number(value: Decimal | int | float | None) -> str:
    """Format a number as written (exact Decimal digits), "—" for None; 57239 -> "57,239"."""
    if value is None:
        return "—"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = _plain(abs(number))
    return MINUS + text if number < 0 and text.strip("0.,") else text


def format_signed(value: Decimal | int | float | None) -> str:
    """Format a change with its sign: +4, −3.5, 0; "—" for None."""
    if value is None:
        return "—"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format_number(abs(number))
    if not text.strip("0.,"):
        return "0"
    return ("+" if number > 0 else MINUS) + text


def _round(value: Decimal, places: int, *, pad: bool) -> Decimal:
    """Round to `places` decimals (exactly that many when pad, at most otherwise).

    A non-zero value that would round to zero keeps one significant digit instead.
    """
    if not pad and value.as_tuple().exponent >= -places:  # type: ignore[operator]
        return value
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0 and value != 0:
        rounded = value.quantize(Decimal(1).scaleb(value.adjusted()), rounding=ROUND_HALF_UP)
    return rounded


def format_relative(fraction: Decimal | None) -> str:
    """Format a relative change given as a fraction: 0.0091 -> "+0.9%"; "—" for None."""
    if fraction is None:
        return "—"
    if fraction == 0:
        return "0%"
    return format_signed(_round(fraction * 100, 1, pad=True)) + "%"


def format_points(points: Decimal | None) -> str:
    """Format a percentage-point change: 4.3 -> "+4.3 pp"; "—" for None."""
    if points is None:
        return "—"
    if points == 0:
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
    """Format a 0-100 score with one decimal: 87.25 -> "87.3"; "—" for None."""
    if score is None:
        return "—"
    return format(Decimal(str(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "f")


def _is_latin(unit: str) -> bool:
    return unit.isascii() and any(c.isalpha() for c in unit)


def format_metric(metric: Metric | None) -> str:
    """Format a metric's value with its unit, scale and qualifier: "382所", "$3.7 billion"."""
    if metric is None:
        return "—"
    number = format_number(metric.value)
    if metric.kind is MetricKind.RANK:
        # A Chinese rank's unit is its scope: 全省第2 has unit 全省.
        cjk = bool(CJK.search(metric.text + metric.unit))
        return f"{metric.unit}第{number}" if cjk else f"No. {number}"
    if metric.upper is not None:
        number += "–" + format_number(metric.upper)
    unit, scale, qualifier = metric.unit, metric.scale, metric.qualifier
    scale_word = scale if scale and scale not in unit else ""
    if unit in CURRENCY_PREFIXES:
        text = unit + number + (f" {scale_word}" if scale_word else "")
    elif _is_latin(unit) or _is_latin(scale_word):
        text = " ".join(p for p in (number, scale_word, unit) if p)
    else:
        full_unit = scale_word + unit
        if qualifier in CN_INNER_QUALIFIERS and scale and full_unit.startswith(scale):
            text = number + scale + qualifier + full_unit[len(scale) :]  # 3万余个
        elif qualifier in CN_INNER_QUALIFIERS:
            text = number + qualifier + full_unit  # 100余所
        else:
            text = number + full_unit
    if qualifier in CN_TRAILING_QUALIFIERS:
        return text + qualifier
    if qualifier and qualifier not in CN_INNER_QUALIFIERS:
        return qualifier + (" " if _is_latin(qualifier) else "") + text
    return text


def _unit_suffix(metric: Metric) -> str:
    scale_word = metric.scale if metric.scale and metric.scale not in metric.unit else ""
    if metric.unit in CURRENCY_PREFIXES:
        return f" {scale_word}".rstrip()
    if _is_latin(metric.unit) or _is_latin(scale_word):
        return "".join(f" {p}" for p in (scale_word, metric.unit) if p)
    return scale_word + metric.unit


def format_absolute(change: MetricChange) -> str:
    """Format the absolute change in the old metric's unit; ranks read better/worse."""
    if change.kind is MetricKind.RANK and change.rank is not None:
        return format_rank(change.rank)
    if change.absolute is None or change.old is None:
        return "—"
    if change.old.unit.endswith("%"):
        # A difference of two percents is in percentage points, never a percent.
        return format_points(change.points if change.points is not None else change.absolute)
    text = format_signed(change.absolute)
    if change.old.unit in CURRENCY_PREFIXES and text not in ("0", "—"):
        return text[0] + change.old.unit + text[1:] + _unit_suffix(change.old)
    return text + _unit_suffix(change.old)


def format_change_relative(change: MetricChange) -> str:
    """Format a change's relative size; "—" for ranks, where a ratio of places means nothing."""
    if change.kind is MetricKind.RANK:
        return "—"
    return format_relative(change.relative)


def sort_value(value: Decimal | int | float | None) -> str:
    """Return a plain machine-readable number for data-sort attributes ("" for None)."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return format(number.normalize(), "f") if number != 0 else "0"


# --------------------------------------------------------------------------- metrics


def metric_trend(change: MetricChange) -> str:
    """Classify a change: up | down | unchanged | new | dropped, or changed (same value).

    Ranks go up when the place improves (3rd -> 2nd).
    """
    if change.status is MetricStatus.ADDED:
        return "new"
    if change.status is MetricStatus.REMOVED:
        return "dropped"
    if change.status is MetricStatus.UNCHANGED:
        return "unchanged"
    if change.kind is MetricKind.RANK and change.rank is not None:
        sign = change.rank
    elif change.direction is not None:
        sign = {Direction.UP: 1, Direction.DOWN: -1, Direction.SAME: 0}[change.direction]
    elif change.absolute is not None:
        sign = 1 if change.absolute > 0 else -1 if change.absolute < 0 else 0
    else:
        sign = 0
    return "up" if sign > 0 else "down" if sign < 0 else "changed"


def trend_symbol(trend: str) -> str:
    """Return the symbol shown beside a trend: ▲ ▼ ＝ ＋ － ≠."""
    return TREND_SYMBOLS[trend]


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
    """Return the changed figures with the largest |relative| change (ranks left out).

    Ties keep document order.
    """
    changed = [
        m
        for m in metrics
        if m.status is MetricStatus.CHANGED
        and m.kind is not MetricKind.RANK
        and m.relative not in (None, 0)
    ]
    return sorted(changed, key=lambda m: -abs(m.relative or Decimal(0)))[:limit]


# --------------------------------------------------------------------------- sections


def section_label(section: Section | None) -> str:
    """Return numbering and heading as written ("一、党的领导", "Item 1A. Risk Factors")."""
    if section is None:
        return ""
    if section.id == "0":
        return "Preamble"
    number, heading = section.number.strip(), section.heading.strip()
    if not number:
        return heading or f"Section {section.id}"
    if not heading:
        return number
    joiner = " " if number[-1].isascii() and heading[0].isascii() else ""
    return number + joiner + heading


def pair_level(pair: SectionPair) -> int:
    """Return the outline level of a pair (the new side's where both exist)."""
    section = pair.new or pair.old
    return section.level if section is not None else 1


def pair_changed(pair: SectionPair) -> bool:
    """Tell whether a reader would count this pair as a change (text, name, place or shape)."""
    return (
        pair.status is not SectionStatus.UNCHANGED
        or pair.renamed
        or pair.moved
        or pair.split_from is not None
        or pair.merged_into is not None
    )


def pair_badges(pair: SectionPair) -> list[str]:
    """Return the status words shown as badges: the status, then renamed / moved / split / merged."""
    badges = [pair.status.value]
    badges += [name for name, flag in (("renamed", pair.renamed), ("moved", pair.moved)) if flag]
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
    return pair_changed(pair) and all(
        sentence_status(s) is SentenceStatus.EQUAL for s in sentence_rows(pair)
    )


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
        return SentenceStatus.MOVED
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


@dataclass(frozen=True, slots=True)
class _Span:
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
        self.old_year = year_label(comparison.old, "old")
        figures: dict[tuple[str, int], list[MetricChange]] = {}
        for change in comparison.metrics:
            if change.status is MetricStatus.CHANGED and change.new is not None:
                key = (change.new.section, change.new.sentence)
                figures.setdefault(key, []).append(change)
        self.figures = figures
        self.spans: dict[tuple[str, int, str], list[_Span]] = {}  # figure_spans, once per sentence

    def figure_spans(self, section_id: str, index: int, sentence: str) -> list[_Span]:
        """Return where the changed figures of one new sentence sit, earliest first."""
        key = (section_id, index, sentence)
        if key not in self.spans:  # asked for again by the new and the inline view
            self.spans[key] = self._figure_spans(section_id, index, sentence)
        return self.spans[key]

    def _figure_spans(self, section_id: str, index: int, sentence: str) -> list[_Span]:
        spans: list[_Span] = []
        for change in self.figures.get((section_id, index), ()):
            metric = change.new
            assert metric is not None
            start, end = metric.start, metric.end
            if not metric.text or sentence[start:end] != metric.text:
                start = sentence.find(metric.text) if metric.text else -1
                end = start + len(metric.text)
            overlaps = any(s.start < end and start < s.end for s in spans)
            if start >= 0 and end > start and not overlaps:
                spans.append(_Span(start, end, f"{self.old_year}: {format_metric(change.old)}"))
        return sorted(spans, key=lambda s: s.start)


def year_label(report: Report, fallback: str = "") -> str:
    """Return the report's year as text, or the fallback when the year is unknown."""
    return str(report.year) if report.year is not None else fallback


def page_lang(comparison: Comparison) -> str:
    """Return the page language: zh-CN when the reports are written in Chinese, else en."""
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

    def counterpart(other: SentencePair) -> tuple[bool, bool]:
        other_text = other.new if side == "new" else other.old
        other_back = other.moved_from if side == "new" else other.moved_to
        return other_back == back, other_text == text

    candidates = [s for s in target.sentences if any(counterpart(s))]
    candidates.sort(key=lambda s: counterpart(s), reverse=True)
    if candidates:
        return Link(f"#{row_anchor(candidates[0], target)}", label)
    return Link(f"#{pair_anchor(target)}", label)


def _ops_fit(sentence: SentencePair) -> bool:
    ops = sentence.ops
    return bool(ops) and (
        "".join(op.old for op in ops) == (sentence.old or "")
        and "".join(op.new for op in ops) == (sentence.new or "")
    )


def _pieces(sentence: SentencePair, side: str) -> list[tuple[str, str, int | None]]:
    """Split a sentence into (text, tag, offset in the new sentence or None) for one view."""
    status = sentence_status(sentence)
    old, new = sentence.old or "", sentence.new or ""
    if _ops_fit(sentence):
        pieces: list[tuple[str, str, int | None]] = []
        offset = 0
        for op in sentence.ops:
            if op.tag == "equal":
                pieces.append((op.new, "", None if side == "old" else offset))
            else:
                if side != "new" and op.old:
                    pieces.append((op.old, "del", None))
                if side != "old" and op.new:
                    pieces.append((op.new, "ins", offset))
            offset += len(op.new)
        return pieces
    added, removed = status is SentenceStatus.ADDED, status is SentenceStatus.REMOVED
    if side == "old":
        return [(old, "del" if removed else "", None)] if old else []
    if side == "new":
        return [(new, "ins" if added else "", 0)] if new else []
    if status is SentenceStatus.MODIFIED and old and new:
        return [(old, "del", None), (new, "ins", 0)]
    if new:
        return [(new, "ins" if added else "", 0)]
    return [(old, "del" if removed else "", None)] if old else []


def sentence_segments(
    sentence: SentencePair, side: str, pair: SectionPair, index: PageIndex
) -> list[Segment]:
    """Return the marked runs of one sentence for the old, new or inline view.

    Inserted and deleted runs come from the sentence's ops; changed figures (from the metric
    changes) are marked on the new text with their old value.
    """
    if side not in ("old", "new", "inline"):
        raise ValueError(f"side must be old, new or inline, not {side!r}")
    pieces = _pieces(sentence, side)
    spans: list[_Span] = []
    if side != "old" and pair.new is not None and sentence.new and sentence.new_index is not None:
        spans = index.figure_spans(pair.new.id, sentence.new_index, sentence.new)
    segments: list[Segment] = []
    for text, tag, start in pieces:
        if start is None or not spans:
            segments.append(Segment(text, tag))
            continue
        cuts = {0, len(text)}
        for span in spans:
            cuts |= {b - start for b in (span.start, span.end) if start < b < start + len(text)}
        ordered = sorted(cuts)
        for a, b in zip(ordered, ordered[1:], strict=False):
            span_at = next((s for s in spans if s.start <= start + a and start + b <= s.end), None)
            if span_at is None:
                segments.append(Segment(text[a:b], tag))
            else:
                was = span_at.title if start + b == span_at.end else ""
                segments.append(Segment(text[a:b], tag, figure=span_at.title, was=was))
    return segments


def metric_link(change: MetricChange, index: PageIndex) -> Link | None:
    """Return a link to the section a metric is stated in (the new report's where it exists)."""
    if change.new is not None and change.new.section in index.by_new:
        return _link_to(index.by_new[change.new.section], "new")
    if change.old is not None and change.old.section in index.by_old:
        return _link_to(index.by_old[change.old.section], "old")
    return None


def settings_rows(comparison: Comparison) -> list[tuple[str, str]]:
    """Return the settings used, as (name, value) text pairs for the footer table."""
    return [(name, str(value)) for name, value in comparison.settings.as_dict().items()]


# --------------------------------------------------------------------------- series


def series_points(row: series_stage.SeriesRow) -> str:
    """Return the sparkline points of a series row, from each year's value with its scale."""
    return series_stage.sparkline([m.magnitude if m is not None else None for m in row.values])


def series_sources(series: series_stage.Series) -> list[tuple[str, str]]:
    """Return (year, source path) pairs of a series, "?" for an unknown year."""
    return [(str(y) if y else "?", p) for y, p in zip(series.years, series.paths, strict=False)]


def series_lang(series: series_stage.Series) -> str:
    """Return the series page language: zh-CN when the figures are labelled in Chinese."""
    sample = series.org + " ".join(row.label for row in series.rows[:50])
    return "zh-CN" if CJK.search(sample) else "en"


# --------------------------------------------------------------------------- markdown


def markdown_escape(text: object) -> Markup:
    """Escape text for Markdown: backslash before punctuation Markdown or HTML would read."""
    flat = re.sub(r"\s+", " ", str(text))  # a newline would end a table row or a list item
    return Markup(MARKDOWN_SPECIAL.sub(r"\\\1", flat))


# --------------------------------------------------------------------------- environment


FILTERS: dict[str, Callable[..., Any]] = {
    "number": format_number,
    "signed": format_signed,
    "relative": format_relative,
    "points": format_points,
    "rank": format_rank,
    "score": format_score,
    "metric_value": format_metric,
    "absolute": format_absolute,
    "change_relative": format_change_relative,
    "sort_value": sort_value,
    "trend": metric_trend,
    "trend_symbol": trend_symbol,
    "metric_summary": metric_summary,
    "largest_changes": largest_changes,
    "section_label": section_label,
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
    "notes": pair_notes,
    "moved_link": moved_link,
    "metric_link": metric_link,
    "year": year_label,
    "page_lang": page_lang,
    "settings_rows": settings_rows,
    "md": markdown_escape,
    "series_points": series_points,
    "series_sources": series_sources,
    "series_lang": series_lang,
}


OPTIONS: dict[str, Any] = {
    "autoescape": True,
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept in the user's temp folder, so a run does not compile them again.

    Compiling the page's templates takes longer than rendering it. A cached template is used
    only while its source is unchanged (jinja2 checks); the file names carry a hash of OPTIONS
    and the version, since the compiled code depends on them too. A failed write costs speed only.
    """

    def __init__(self) -> None:
        key = hashlib.sha256(repr((OPTIONS, __version__)).encode()).hexdigest()[:12]
        super().__init__(pattern=f"compare-{key}-%s.cache")

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a full or read-only temp folder: compile next time
            super().dump_bytecode(bucket)


def _template_cache() -> BytecodeCache | None:
    """Return the compiled-template cache, or None where no safe temp folder exists."""
    try:
        return _TemplateCache()
    except RuntimeError:  # jinja2 found no temp folder that only this user can write
        return None


@functools.cache
def environment() -> Environment:
    """Return the one jinja2 Environment: package templates, autoescape, strict undefined."""
    env = Environment(
        loader=PackageLoader("compare"),
        auto_reload=False,  # templates do not change during a run: no need to check each use
        bytecode_cache=_template_cache(),
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


@collector_paused()
def render_html(comparison: Comparison, *, generated_at: str | None = None) -> str:
    """Render a Comparison as one self-contained HTML page (inline CSS and script)."""
    script, script_hash = _script()
    return (
        environment()
        .get_template("report.html")
        .render(
            comparison=comparison,
            index=PageIndex(comparison),
            generated_at=generated_at,
            version=__version__,
            script=script,
            script_hash=script_hash,
        )
    )


@collector_paused()
def render_markdown(comparison: Comparison, *, generated_at: str | None = None) -> str:
    """Render a Comparison as a Markdown document (changes only, tables for figures)."""
    return (
        environment()
        .get_template("report.md")
        .render(
            comparison=comparison,
            index=PageIndex(comparison),
            generated_at=generated_at,
            version=__version__,
        )
    )


def render_series_html(series: series_stage.Series) -> str:
    """Render a Series as one self-contained HTML page: a table with a trend line per figure."""
    return (
        environment()
        .get_template("series.html")
        .render(series=series, version=__version__, script="", script_hash="'none'")
    )
