"""Metric pairs -> change table: match the figures of two reports and compute their deltas.

Metrics are matched within each aligned section pair, then across sections that split, merged or
swapped sentences, then report-wide on near-identical labels; each round is an assignment problem
solved globally (Hungarian method), not greedily. Figures of table rows (`label | cell | cell`)
pair only within rows of alike labels and by column (see _same_column). Deltas stay exact
(Decimal).
"""

from __future__ import annotations

import bisect
import decimal
import functools
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz, process, utils

from compare import traditional
from compare.align import blocks, hungarian, single_precision
from compare.collector import collector_paused
from compare.diff import terms
from compare.model import (
    Direction,
    Metric,
    MetricChange,
    MetricKind,
    MetricStatus,
    Report,
    Section,
    SectionPair,
    SectionStatus,
)
from compare.patterns import regex
from compare.quantities import (
    FIXED_KINDS,
    MONTHS,
    Clauses,
    debt_terms,
    last_year_figures,
    may_list_years,
    other_notes,
    paid_for,
    part_done,
    starts_a_change,
    stated_for_year,
    without_payers,
    year_list_columns,
    year_list_years,
    yearly_average,
    years_stated,
)
from compare.records import fast_constructor, fast_replacer
from compare.settings import Settings
from compare.tables import column_year, names_a_change, names_a_year, stacked_years
from compare.units import (
    CURRENCY_SIGNS,
    UNIT_SIZES,
    base_size,
    base_unit,
    quantize,
    written_unit,
)

if TYPE_CHECKING:
    import pandas

# Allowed pairs of a score matrix: (row, column) -> score; a pair left out is forbidden.
Scores = dict[tuple[int, int], float]
# What makes two quotes the same figure: magnitude, upper end, base unit, kind, label (identity).
Identity = tuple[Decimal, Decimal | None, str, MetricKind, str]

TABLE_COLUMNS = (
    "status",
    "label",
    "column",  # the head of the table column the figure stands under ("2018"), "" outside tables
    "kind",
    "section_old",
    "section_new",
    "old",
    "new",
    "unit",
    "absolute",
    "relative",
    "points",
    "rank",
    "direction",
    "restated",
    "rolled_off",
    "label_old",  # what the old report called the figure, when not `label` (else "")
    "over_years",  # stated for several years together (过去五年…年均增长), not for the year alone
    # What a value leaves out: a range's upper end (6.5%－7%: old 6.5, old_upper 7), in the
    # row's unit as old and new are, and how it is qualified (左右, 以上, 超过, more than)
    "old_upper",
    "new_upper",
    "old_qualifier",
    "new_qualifier",
)

# Larger connected blocks of candidates are matched greedily by score (cubic cost otherwise).
ASSIGNMENT_LIMIT = 400
# Huge reports: a figure's label is compared only with this many figures of the other report
# around its proportional place, so cost grows linearly (every report of the corpus fits whole).
LABEL_WINDOW = 2000
# The most alike labels a figure is scored against (its sentence's figures aside): a section of
# thousands of figures of one label must not score each against each.
LABEL_CANDIDATES = 64
# Two labels shorter than this are at least 5% apart unless they are equal (see
# _near_identical_labels); two labels either side of it are too.
SHORT_LABEL = 10
# Report-wide pairing (near-identical labels): a label that many figures of the window share
# (every line of a statistical table: 项目3完成, 增长) keeps this many, the nearest its place;
# all of them made memory grow with the square of such a table (3.3 million pairs at 900 KB).
# The corpus needs at most 28 (Apple).
NEAR_IDENTICAL_CANDIDATES = 50
# Sections that split, merged or exchanged sentences: up to this many pairs of their sentences
# that state figures are compared (partial ratio) in all; the corpus needs at most 4,220. Past
# it (one year's headings lost, and every sentence moved into one section), each sentence is
# compared only with the SHORTLIST sentences of the linked sections that share the most of its
# rarest terms, so that cost stays linear.
SIMILAR_SENTENCE_BUDGET = 50_000
SHORTLIST = 8
_RAREST_TERMS = 16  # a sentence's terms looked up, rarest first
_HOLDERS_READ = 64  # sentences read per term looked up

_ONE = Decimal(1)
_UNIT_FAMILIES = {family for family, _ in UNIT_SIZES.values()}

# The figures of a table row by column: column -> ((magnitude and upper end, base unit), ...)
Row = dict[int, tuple[tuple[object, ...], ...]]
# (old section id, old sentence index, new section id, new sentence index)
SentenceLink = tuple[str, int, str, int]


# --------------------------------------------------------------------------- matching


@dataclass(slots=True)
class _Side:
    """The metrics of one report, indexed for matching (derived values computed once)."""

    metrics: tuple[Metric, ...]
    by_section: dict[str, list[int]]
    by_sentence: dict[tuple[str, int], list[int]]
    stating: dict[str, set[int]]  # section id -> its sentences that state figures
    units: list[str]  # base units (a table cell's currency sign left out: see _Side.of)
    kinds: list[MetricKind]  # the kind (a table cell's sum of money counted as a count, likewise)
    labels: list[str]  # processed labels
    values: list[tuple[Decimal, Decimal | None]]  # magnitude and upper end (_quantity)
    sizes: list[float]  # the magnitude as a float, to judge ratios quickly
    identities: list[Identity]
    ordinal: list[int]  # place among comparable figures of the same sentence (cell, start)
    at: list[int]  # place among all the figures of its sentence
    cells: list[int | None]  # column of a table row (`cell | cell`) the figure is in; None: prose
    widths: list[int]  # columns of that row (0 in prose)
    starting: list[bool]  # the value a change starts from (从3.16万亿元增加到…: 3.16万亿元)
    years: list[bool]  # stated for several years together (Metric.over_years)
    # Of those, a yearly average (年均增长10.6%), not the years' sum or change (比2002年增长65.5%)
    averaged: list[bool]
    # Of this year's plan in a work report: after 今年 in its sentence (今年中央预算内投资增加到
    # 4776亿元 plans, as 中央预算内投资拟增加到4576亿元 does, though no goal's word says so).
    planned: list[bool]
    position: list[float]  # 0-1 place in the document
    texts: list[str]  # the sentence the figure stands in
    tabled: list[bool]  # it stands in a table's row (`cell | cell`), not in prose
    periods: list[int | None]  # the year its sentence is stated for (see _places)
    year: int | None  # the report's (Report.year)
    stated_prose: dict[int, list[int]]  # period -> its prose figures (stated_for_year)
    period_labels: dict[int, set[str]]  # period -> the labels of its figures, prose or tabled
    parts: list[tuple[tuple[int, str], ...]]  # what part of a whole its label names (CONTRASTS)
    groups: list[frozenset[int]]  # the CONTRASTS groups its label names any word of
    shares: list[str]  # what a share is of, before 占 in its label (经常项目顺差占GDP比重), or ""
    funds: list[str | None]  # what a sum paid is for, after who pays (see quantities.paid_for)
    twinned: list[bool]  # the other report states it too (see _twin)
    heads: list[str]  # the head of its table row's group ("Federal"), or "" (Metric.group)
    debts: list[tuple[str, ...]]  # the coupon and due year its label names notes by, or ()
    done: list[str]  # what became of the part of the figure before it is ("utilized"), or ""
    # The figure of its sentence that states last year's: "£1,400m (2021: £1,250m)", "to £350m
    # from £420m", 从上学年全省第7位上升到第3位 (see _places); None for most.
    last_year: list[int | None]
    # The year a prose sentence says its figure of a row of years is of ("£1,400m (2021:
    # £1,250m)": 2022 and 2021; 上年为150亿元: the report's year before), or None; a change's
    # start that names no year (从3.16万亿元增加到…) may be years back, and has none.
    listed_years: list[int | None]
    # The value of that figure, by figure, when in the same unit and of the same kind.
    prior: dict[int, tuple[Decimal, Decimal | None]]
    rows: dict[tuple[tuple[str, int], bool], Row] = field(default_factory=dict)  # (_row)
    # What the sentences name where (see _named_apart), asked only of figures that could pair
    # in aligned sentences; kept, as each is asked of many pairs.
    clauses: dict[tuple[str, int], Clauses] = field(default_factory=dict)
    unstated: dict[tuple[str, int, str, int, int], bool] = field(default_factory=dict)
    starts: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    parts_named: dict[tuple[str, int], set[tuple[int, str]]] = field(default_factory=dict)
    # (section, parts) -> labels without their part's word (see part_named_apart)
    apart: dict[tuple[str, frozenset[tuple[int, str]]], list[str]] = field(default_factory=dict)
    apart_found: dict[tuple[int, frozenset[tuple[int, str]]], bool] = field(default_factory=dict)
    labelled: dict[int, bool] = field(default_factory=dict)
    purpose_terms: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    states: dict[tuple[int, str, str], bool] = field(default_factory=dict)  # (_states)
    named: dict[int, str | None] = field(default_factory=dict)  # (_named_column)

    def labelled_here(self, i: int) -> bool:
        """Tell whether figure i's label stands in the figure's own clause."""
        found = self.labelled.get(i)
        if found is None:
            m = self.metrics[i]
            found = self.labelled[i] = self._clauses(i).names(m.label, m.start)
        return found

    def reach(self, i: int) -> tuple[int, int]:
        """Return the stretch of figure i's sentence that is read for what it names: the whole
        sentence, or NAME_REACH characters either side of the figure in a longer one."""
        m, length = self.metrics[i], len(self.texts[i])
        return max(0, m.start - NAME_REACH), min(length, m.end + NAME_REACH)

    def names(self, i: int, name: str) -> bool:
        """Tell whether figure i's sentence names something (within its reach)."""
        return self.texts[i].find(name, *self.reach(i)) >= 0

    def names_only_elsewhere(self, i: int, name: str) -> bool:
        """Tell whether the sentence of figure i names something only where it states no figure
        (within the figure's reach)."""
        m = self.metrics[i]
        lo, hi = self.reach(i)
        key = (m.section, m.sentence, name, lo, hi)
        found = self.unstated.get(key)
        if found is None:
            figures = self.starts.get((m.section, m.sentence))
            if figures is None:  # once per sentence, not once per name asked of it
                figures = self.starts[(m.section, m.sentence)] = sorted(
                    self.metrics[k].start for k in self.by_sentence[(m.section, m.sentence)]
                )
            clauses = self._clauses(i)
            found = self.unstated[key] = clauses.name_without_figure(name, figures, lo, hi)
        return found

    def purposes(self, i: int) -> set[str]:
        """Return the terms of figure i's sentence but the words of paying (see _other_funds)."""
        m = self.metrics[i]
        found = self.purpose_terms.get((m.section, m.sentence))
        if found is None:
            found = set(terms(without_payers(self.texts[i]))).difference(_PAYING_WORDS)
            self.purpose_terms[(m.section, m.sentence)] = found
        return found

    def split(self, i: int) -> set[int]:
        """Return the CONTRASTS groups of which figure i is one part among others its sentence
        states (城镇和农村常住居民人均可支配收入分别增长8.2%和9.3%: the 9.3% is 农村's)."""
        if not self.parts[i]:
            return set()
        named = self._parts_named(i)
        return {
            group
            for group, word in self.parts[i]
            if any(other_group == group and other != word for other_group, other in named)
        }

    def part_stated_beside(self, i: int, parts: tuple[tuple[int, str], ...]) -> bool:
        """Tell whether figure i names no word of a group of parts (CONTRASTS) while another
        figure of its sentence is labelled with one of those parts: 拟安排财政赤字10500亿元，其中
        中央财政赤字8500亿元 — the 10500 is not the 中央 figure, the 8500 is."""
        own = {group for group, _ in self.parts[i]}
        wanted = [part for part in parts if part[0] not in own]
        if not wanted:
            return False
        # Figure i names no part of a wanted group: another figure named what is found.
        return any(part in self._parts_named(i) for part in wanted)

    def part_named_apart(self, i: int, parts: tuple[tuple[int, str], ...]) -> bool:
        """Tell whether figure i names no word of a group of parts (CONTRASTS) while another
        figure of its section names a part of that group and, that word aside, what figure i
        names: figure i is then the whole, or another part. National 2016's 拟安排财政赤字2.18万亿
        元, then 中央财政赤字1.4万亿元 in the next sentence: 2008's 中央财政赤字预算拟安排1800亿元 is
        the 1.4, not the 2.18; Apple 2018's "2017 debt issuances of $28.7 billion", beside "First
        quarter 2018 debt issuance": 2017's "Second quarter 2017 debt issuance of $10.0 billion"
        is not the year's $28.7 billion."""
        own = self.groups[i]  # 铁路、高速公路运营里程 names both parts: neither whole nor other
        wanted = frozenset(part for part in parts if part[0] not in own)
        if not wanted or not self.labels[i]:
            return False
        # The labels, each without its part's word, of the section's figures that name one of
        # the wanted parts (never figure i: its own parts' groups are left out of them), found
        # once per section and parts: a section of thousands of figures is not read again for
        # every pair asked of it.
        found = self.apart_found.get((i, wanted))
        if found is not None:
            return found
        key = self.metrics[i].section, wanted
        rests = self.apart.get(key)
        if rests is None:
            rests = self.apart[key] = [
                self.labels[k].replace(word, "")
                for k in self.by_section[key[0]]
                if (word := next((p[1] for p in self.parts[k] if _part_of(p, wanted)), ""))
            ]
        found = self.apart_found[i, wanted] = bool(rests) and (
            process.extractOne(
                self.labels[i], rests, scorer=fuzz.ratio, score_cutoff=_PART_APART_LABEL
            )
            is not None
        )
        return found

    def _parts_named(self, i: int) -> set[tuple[int, str]]:
        """Return the parts (CONTRASTS) the figures of figure i's sentence name, found once per
        sentence, not once per pair asked of it."""
        m = self.metrics[i]
        key = (m.section, m.sentence)
        named = self.parts_named.get(key)
        if named is None:
            named = self.parts_named[key] = {
                part for k in self.by_sentence[key] for part in self.parts[k]
            }
        return named

    def _clauses(self, i: int) -> Clauses:
        m = self.metrics[i]
        found = self.clauses.get((m.section, m.sentence))
        if found is None:
            found = self.clauses[(m.section, m.sentence)] = Clauses(self.texts[i])
        return found

    @classmethod
    def of(cls, report: Report) -> _Side:
        metrics = report.metrics
        by_section: dict[str, list[int]] = defaultdict(list)
        by_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
        stating: dict[str, set[int]] = defaultdict(set)
        seen: dict[tuple[str, int, int | None, bool, str, str], int] = defaultdict(int)
        ordinal = []
        units = []
        kinds = []
        labels = []
        values: list[tuple[Decimal, Decimal | None]] = []
        identities: list[Identity] = []
        places = _places(report)
        cells, starting = places.cells, places.starting
        for i, m in enumerate(metrics):
            by_section[m.section].append(i)
            by_sentence[(m.section, m.sentence)].append(i)
            stating[m.section].add(m.sentence)
            label = _matched_label(m)  # 经济增长预期目标 is matched with its words
            figure = _identity(m, label)
            magnitude, upper, unit, kind, _ = figure
            if places.tabled[i] and unit in CURRENCY_SIGNS:
                # A table writes its sign in the first and the total rows only (2019 | $8,797
                # then 2020 | 10,183), or in a cell of its own ($ | 229,234): a cell is as much
                # money with its sign as without, and the rows of years move up a line a year.
                unit, kind = "", MetricKind.COUNT
            # A StrEnum keys like its value. The value a change starts from takes no place among
            # the others: 从5.1万亿元增加到11.7万亿元 states 11.7 first, as 10.37万亿元 would be.
            # A unit of a family counts as written: 林地5万亩、绿地1000公顷 are first of their
            # units, as in a year that states no 林地.
            counted = written_unit(m) if unit in _UNIT_FAMILIES else unit
            key = (m.section, m.sentence, cells[i], starting[i], kind, counted)
            ordinal.append(seen[key])
            seen[key] += 1
            units.append(unit)
            kinds.append(kind)
            labels.append(label)  # "Federal: Current" is matched as "Current", under its head
            values.append((magnitude, upper))
            identities.append(figure)
        n = max(len(metrics) - 1, 1)
        distinct = set(labels)
        parts_of = {label: contrast_parts(label) for label in distinct}
        groups_of = {label: contrast_groups(label) for label in distinct}
        share_of = {label: share_subject(label) for label in distinct}
        fund_of = {label: paid_for(label) for label in distinct}
        return cls(
            metrics=metrics,
            by_section=dict(by_section),
            by_sentence=dict(by_sentence),
            stating=dict(stating),
            units=units,
            kinds=kinds,
            labels=labels,
            values=values,
            identities=identities,
            ordinal=ordinal,
            at=places.at,
            cells=cells,
            widths=places.widths,
            starting=starting,
            years=places.years,
            averaged=_averaged(places, metrics),
            planned=_planned(report, places.texts),
            texts=places.texts,
            tabled=places.tabled,
            periods=places.periods,
            year=report.year,
            stated_prose=_stated_years(places.periods, places.tabled),
            period_labels=_period_labels(places.periods, labels),
            parts=[parts_of[label] for label in labels],
            groups=[groups_of[label] for label in labels],
            shares=[share_of[label] for label in labels],
            funds=[fund_of[label] for label in labels],
            twinned=[False] * len(metrics),
            heads=[m.group for m in metrics],
            debts=[debt_terms(m.label) for m in metrics],
            done=[part_done(places.texts[i], m.start, m.end) for i, m in enumerate(metrics)],
            last_year=places.last_year,
            listed_years=places.listed_years,
            prior={
                i: values[k]
                for i, k in enumerate(places.last_year)
                if k is not None and units[k] == units[i] and kinds[k] == kinds[i]
            },
            position=[i / n for i in range(len(metrics))],
            sizes=[float(magnitude) for magnitude, _ in values],
        )


def _planned(report: Report, texts: list[str]) -> list[bool]:
    """Tell, by figure, whether a work report (政府工作报告, given early in its year) states it
    after 今年 in its sentence: this year's plan. A year's summary (工作总结) tells of 今年 what
    was done."""
    if "工作报告" not in report.title:
        return [False] * len(texts)
    found = []
    for metric, text in zip(report.metrics, texts, strict=True):
        now = _THIS_YEAR.search(text, 0, metric.start) if "今年" in text else None
        found.append(now is not None)
    return found


# This year, in a work report: the year it plans (not 今年以来, this year so far).
_THIS_YEAR = regex("今年(?!以来)")


class _Places(NamedTuple):
    """Where each metric of a report stands in its sentence (see _places); lists by metric."""

    cells: list[int | None]  # the column of the table row it is in (None: prose)
    widths: list[int]  # how many columns that row has (0: prose)
    starting: list[bool]  # a change starts from it
    years: list[bool]  # it is stated for several years together
    texts: list[str]  # the sentence itself
    tabled: list[bool]  # the sentence is a table's row
    at: list[int]  # its place among the figures of its sentence
    periods: list[int | None]  # the year its sentence is stated for ("During 2018, …", "2018:")
    last_year: list[int | None]  # the figure beside it that states last year's ("(2021: £1,250m)")
    listed_years: list[int | None]  # the year its sentence's row of years says it is of


def _places(report: Report) -> _Places:
    """Return, for each metric of the report, where it stands in its sentence: the column of
    the table row it is in, how many columns that row has, whether a change starts from it,
    whether it is stated for several years together, the sentence itself, whether that is a
    table's row, and its place among the sentence's figures.

    Readers write a table's rows as `cell | cell` lines: column 0 is the row's label, the
    figures stand in columns 1 and on. A figure of a prose sentence has no column (None, 0),
    but for a list stated for a list of years, which reads as a row ("1.99%, 1.73% and 1.49% in
    2017, 2016 and 2015, respectively": columns 1, 2 and 3; see quantities.year_list_columns).
    A prose sentence that says its year ("During 2018, …") gives its figures that year
    (`periods`; see quantities.stated_for_year and _other_years), as does the year line over a
    table that stacks its years ("2017:" over "Net sales | $52,579 | …"; tables.stacked_years).
    """
    sentences = {s.id: s.sentences for s in report.walk()}
    if report.preamble is not None:
        sentences["0"] = report.preamble.sentences
    cells: list[int | None] = []
    widths: list[int] = []
    starting: list[bool] = []
    years: list[bool] = []
    texts: list[str] = []
    rows: dict[tuple[str, int], bool] = {}  # a table row? asked once per sentence, not per figure
    tabled: list[bool] = []
    opening: dict[tuple[str, int], int | None] = {}  # the year a sentence is stated for
    stacked: dict[str, dict[int, int]] = {}  # by section: the year of each row of a stacked table
    periods: list[int | None] = []
    spans: defaultdict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for m in report.metrics:
        spans[m.section, m.sentence].append((m.start, m.end))
    listed: dict[tuple[str, int], dict[int, int]] = {}  # a sentence's year list, by figure
    members: defaultdict[tuple[str, int], list[int]] = defaultdict(list)  # its figures' indexes
    counted: defaultdict[tuple[str, int], int] = defaultdict(int)  # figures met per sentence
    # A row's bars before its figure met last (its offset, their count), and the row's width:
    # counted on from figure to figure, not from the row's start for each (a row of thousands
    # of cells would cost the square).
    bars: dict[tuple[str, int], tuple[int, int]] = {}
    row_widths: dict[tuple[str, int], int] = {}
    # How far a row's value cells stand from where they are written (see _label_cells).
    shifted: dict[tuple[str, int], int] = {}
    at: list[int] = []
    for m in report.metrics:
        key = (m.section, m.sentence)
        held = sentences.get(m.section, ())
        sentence = held[m.sentence] if m.sentence < len(held) else ""
        texts.append(sentence)
        place = counted[key]
        counted[key] += 1
        at.append(place)
        row = rows.get(key)
        if row is None:
            row = rows[key] = " | " in sentence
            if not row:
                listed[key] = year_list_columns(sentence, spans[key])
                opening[key] = stated_for_year(sentence)
            else:  # a row of a table stacked by years is of its block's year
                blocks = stacked.get(m.section)
                if blocks is None:
                    blocks = stacked[m.section] = stacked_years(held)
                opening[key] = blocks.get(m.sentence)
        tabled.append(row)
        periods.append(opening[key])
        if not row and listed[key]:  # the figures of a sentence that states lists of years
            members[key].append(len(tabled) - 1)
        if row:
            upto, before = bars.get(key, (0, 0))
            if m.start >= upto:
                before += sentence.count("|", upto, m.start)
            else:  # figures out of order: counted afresh
                before = sentence.count("|", 0, m.start)
            bars[key] = (m.start, before)
            if key not in shifted:
                shifted[key] = 0 if m.cell else _label_cells(sentence, m.text, before)
            cell = m.cell or before  # (cell: counted without a column of notes)
            if cell or shifted[key] > 0:
                cell += shifted[key]
            cells.append(cell)
            if key not in row_widths:
                row_widths[key] = (
                    sentence.count("|") + 1 - (before - m.cell if m.cell else 0) + shifted[key]
                )
            widths.append(row_widths[key])
        elif place in listed[key]:
            cells.append(listed[key][place])
            widths.append(len(listed[key]) + 1)
        else:
            cells.append(None)
            widths.append(0)
        starting.append(starts_a_change(sentence, m.start, m.end))
        years.append(m.over_years)
    _newest_first(report.metrics, cells, widths, tabled, report.year)
    last_year: list[int | None] = [None] * len(report.metrics)
    listed_years: list[int | None] = [None] * len(report.metrics)
    for key, ids in members.items():
        for current, last in last_year_figures(texts[ids[0]], spans[key]).items():
            last_year[ids[current]] = ids[last]
        said = year_list_years(texts[ids[0]], spans[key], report.year, starts=False)
        for k, year in said.items():
            listed_years[ids[k]] = year
    return _Places(
        cells, widths, starting, years, texts, tabled, at, periods, last_year, listed_years
    )


def _averaged(places: _Places, metrics: Sequence[Metric]) -> list[bool]:
    """Tell of each figure stated over several years whether it is their yearly average (see
    quantities.yearly_average), each sentence reversed once."""
    reversed_texts: dict[str, str] = {}
    found = []
    for i, over in enumerate(places.years):
        text = places.texts[i]
        if over and text not in reversed_texts:
            reversed_texts[text] = text[::-1]
        found.append(over and yearly_average(text, metrics[i].start, reversed_texts[text]))
    return found


def _label_cells(row: str, first: str, before: int) -> int:
    """Return how many columns a table row's value cells stand on from where they are written,
    given its first figure's text and the bars before it.

    A row of figures alone ("(1,952) | (872)", its label left blank) has no label cell: its
    first figure stands in column 1 (1). A row whose label goes on in cells of words before its
    first figure ("Foreign exchange contracts | Revenue | $(662) | $(865)", under a column of
    the line items the gains fall in) has its value cells from column 1 on, as the rows around
    it without such a cell do (minus the cells of words). Else 0.
    """
    cells = row.split("|", before + 1)
    if not before:
        return int(cells[0].strip() == first)
    return -sum(1 for cell in cells[1:before] if _WORDED_CELL.search(cell))


_WORDED_CELL = regex(r"[^\W\d_]")  # a letter of any script


def _newest_first(
    metrics: Sequence[Metric],
    cells: list[int | None],
    widths: list[int],
    tabled: list[bool],
    year: int | None,
) -> None:
    """Number the columns of a row whose heads are years in rising order (指标 | 2020年 |
    2021年) from the last: as a 10-K's (2018 | 2017), its own year is then column 1 and last
    year's column 2, so that it moves on a year as they do (see _shift)."""
    rows: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
    for i, m in enumerate(metrics):
        if tabled[i] and cells[i] and m.column:
            rows[m.section, m.sentence].append(i)
    for ids in rows.values():
        years = [(cells[i], column_year(metrics[i].column, year)) for i in ids]
        dated = sorted((cell, year) for cell, year in years if year is not None and cell)
        rising = len({year for _, year in dated}) > 1 and all(
            before[1] < after[1]
            for before, after in itertools.pairwise(dated)
            if before[0] < after[0]
        )
        if rising:
            for i in ids:
                cell = cells[i]
                if cell:  # value cells 1 .. width - 1, from the last
                    cells[i] = widths[i] - cell


def _row(side: _Side, sentence: tuple[str, int], *, label: bool = False) -> Row:
    """Return the figures of a table row by column (the label's column 0 left out), or with
    label=True the figures of its label, by place (Change in fair value, net of tax of $(478),
    $(7) and $(441), respectively | …: 1 -> $(478), 2 -> $(7), 3 -> $(441))."""
    row = side.rows.get((sentence, label))
    if row is None:
        cells: dict[int, list[tuple[object, ...]]] = defaultdict(list)
        ids = side.by_sentence.get(sentence, ())
        placed: list[tuple[int | None, int]]
        if label:  # the figures of the row's label, by place
            placed = list(enumerate((i for i in ids if side.cells[i] == 0), 1))
        else:
            placed = [(side.cells[i], i) for i in ids]
        for cell, i in placed:
            if cell:
                cells[cell].append((side.values[i], side.units[i]))
        row = side.rows[sentence, label] = {cell: tuple(found) for cell, found in cells.items()}
    return row


MAX_SHIFT = 32  # columns a table's row is searched for its old figures either way (see _shift)


def _shift(old_row: Row, new_row: Row) -> tuple[int, int]:
    """Return by how many columns the new row repeats the old row's figures further right, and
    how many cells it repeats.

    A table with years for columns moves on a year: the new report's column 2 (last year) is
    the old report's column 1, a shift of 1 (-1 read the other way round). The shift is 0 when
    no other repeats more cells than none does and at least half of the cells it overlaps, or
    when two shifts repeat as many.
    """
    if not set(old_row.values()) & set(new_row.values()):
        return 0, 0  # nothing in common (most rows of the same label)
    found: dict[int, int] = {}
    # A table moves on by a few columns (a year of a quarterly table is 4): a row of thousands
    # of cells is not searched at every shift (the cost would be the square of its cells).
    for shift in range(max(1 - max(old_row), -MAX_SHIFT), min(max(new_row), MAX_SHIFT + 1)):
        overlap = [k for k in old_row if k + shift in new_row]
        equal = sum(1 for k in overlap if new_row[k + shift] == old_row[k])
        if equal and (not shift or 2 * equal >= len(overlap)):
            found[shift] = equal
    most = max(found.values(), default=0)
    best = [shift for shift, equal in found.items() if equal == most]
    if len(best) == 1 and most > found.get(0, 0):
        return best[0], most
    return 0, found.get(0, 0)


class _Shifts:
    """How far the columns of pairs of table rows moved on (see _shift), found when asked.

    A row whose figures were all restated (Other | (745) | (124) | (924) against Other | 220 |
    (110) | (26)) repeats none of the old row's, yet its table moved on a year as the others
    did: such a row takes the shift that most aligned rows of its two tables show. A table is a
    run of rows, sentence after sentence; a line without figures (Investing activities:, a
    header of dates) ends it, so the tables of one section are told apart.
    """

    def __init__(self, old: _Side, new: _Side, links: Collection[SentenceLink]) -> None:
        self.old, self.new, self.links = old, new, links
        # (old row, new row, label) -> of's answer; and -> the rows' own shift (_repeated),
        # which the tables' votes read too (an answer may be the table's shift instead)
        self.rows: dict[tuple[tuple[str, int], tuple[str, int], bool], tuple[int, int]] = {}
        self.repeats: dict[tuple[tuple[str, int], tuple[str, int], bool], tuple[int, int]] = {}
        # (old table, new table), each by its first row -> shift; found when first needed.
        self.tables: dict[tuple[tuple[str, int], tuple[str, int]], int] | None = None
        self.old_tables: dict[tuple[str, int], tuple[str, int]] = {}  # row -> its table
        self.new_tables: dict[tuple[str, int], tuple[str, int]] = {}
        # row -> its value cells by year (see _years), found when first needed
        self.old_years: dict[tuple[str, int], dict[int, int] | None] = {}
        self.new_years: dict[tuple[str, int], dict[int, int] | None] = {}

    def of(self, rows: tuple[tuple[str, int], tuple[str, int]], *, label: bool) -> tuple[int, int]:
        """Return (shift, cells repeated) of an old and a new table row (by their sentences)."""
        found = self.rows.get((*rows, label))
        if found is None:
            found = self._repeated(rows, label=label)
            if found == (0, 0) and not label:
                found = (self._table_shift(rows), 0)
            self.rows[(*rows, label)] = found
        return found

    def _repeated(
        self, rows: tuple[tuple[str, int], tuple[str, int]], *, label: bool
    ) -> tuple[int, int]:
        """Return (shift, cells repeated) of two table rows as their own cells and the heads of
        their columns say (of, before a row that repeats nothing takes its table's shift)."""
        found = self.repeats.get((*rows, label))
        if found is None:
            old_row = _row(self.old, rows[0], label=label)
            new_row = _row(self.new, rows[1], label=label)
            found = _shift(old_row, new_row)
            dated = None if label else self._year_shift(rows)
            if dated is not None and dated != found[0]:
                # The heads of their columns say it, when they repeat as many cells so
                # (Percentage of total net sales | 42% | 40% | 40%, then | 42% | 42% | 40%:
                # values repeat at no shift and at one alike).
                common = sum(1 for k, cell in old_row.items() if new_row.get(k + dated) == cell)
                if common >= found[1]:
                    found = dated, common
            self.repeats[(*rows, label)] = found
        return found

    def _year_shift(self, rows: tuple[tuple[str, int], tuple[str, int]]) -> int | None:
        """Return by how many columns the new table row stands a year on from the old, as the
        heads of their columns say (the new row's column of a year the old row's column also
        holds, less the old's), or None when they name no year in common, or disagree."""
        old_years = self._years(self.old, rows[0], self.old_years)
        if not old_years:
            return None
        new_years = self._years(self.new, rows[1], self.new_years)
        if not new_years:
            return None
        shifts = {new_years[year] - old_years[year] for year in old_years.keys() & new_years.keys()}
        return shifts.pop() if len(shifts) == 1 else None

    @staticmethod
    def _years(
        side: _Side, row: tuple[str, int], known: dict[tuple[str, int], dict[int, int] | None]
    ) -> dict[int, int] | None:
        """Return a table row's value cells by the year over their columns (a prose row's, by the
        years its sentence says: see quantities.year_list_years), or None when a value cell
        stands under no year (the heads are then not sure); found once per row."""
        if row in known:
            return known[row]
        found: dict[int, int] = {}
        ids = side.by_sentence.get(row, ())
        if ids and not side.tabled[ids[0]]:  # a prose row: the years its sentence says
            for k in ids:
                if (cell := side.cells[k]) and (year := side.listed_years[k]) is not None:
                    found[year] = cell
                elif cell:
                    known[row] = None
                    return None
            known[row] = found
            return found
        for k in ids:
            cell, column = side.cells[k], side.metrics[k].column
            if not cell or names_a_change(column):
                continue  # a figure of the row's label, or a change between two years
            if not column or (year := column_year(column, side.year)) is None:
                known[row] = None  # a value cell under no year
                return None
            found[year] = cell
        known[row] = found
        return found

    def same_year(self, i: int, j: int) -> bool:
        """Tell whether old figure i and new figure j, once paired, are cells of one year: of
        table rows whose columns moved on, past the columns of each filing's own years."""
        column = self.old.cells[i]
        if not column or not self.new.cells[j]:
            return False  # prose, or a figure in a row's label
        if _named_column(self.old, i) is not None:
            return False  # a column of its own name (本年比上年增减), not a year's
        o, n = self.old.metrics[i], self.new.metrics[j]
        shift, _ = self.of(((o.section, o.sentence), (n.section, n.sentence)), label=False)
        return shift != 0 and column > abs(shift)

    def _table_shift(self, rows: tuple[tuple[str, int], tuple[str, int]]) -> int:
        """Return the shift of most aligned rows of two tables that repeat a cell (0 when fewer
        than two rows, or no more than half of them, agree on one)."""
        if self.tables is None:
            self.tables = {}
            _tables(self.old, self.old_tables)
            _tables(self.new, self.new_tables)
            votes: defaultdict[tuple[tuple[str, int], tuple[str, int]], Counter[int]]
            votes = defaultdict(Counter)
            for old_id, old_index, new_id, new_index in self.links:
                pair = (old_id, old_index), (new_id, new_index)
                old_table, new_table = self.old_tables.get(pair[0]), self.new_tables.get(pair[1])
                if old_table is None or new_table is None:
                    continue  # not two table rows
                # Each as the rows and their heads say, whichever rows were asked before.
                found = self._repeated(pair, label=False)
                if found[1]:
                    votes[old_table, new_table][found[0]] += 1
            for tables, counts in votes.items():
                ((shift, agree),) = counts.most_common(1)
                if shift and agree >= 2 and 2 * agree > counts.total():
                    self.tables[tables] = shift
        old_table, new_table = self.old_tables.get(rows[0]), self.new_tables.get(rows[1])
        if old_table is None or new_table is None:
            return 0
        return self.tables.get((old_table, new_table), 0)


def _tables(side: _Side, found: dict[tuple[str, int], tuple[str, int]]) -> None:
    """Fill `found` with the table (its first row) of every table row of a side (see _Shifts)."""
    rows = (key for key, ids in side.by_sentence.items() if side.cells[ids[0]] is not None)
    for section, index in sorted(rows):
        found[section, index] = found.get((section, index - 1), (section, index))


def _new_column(column: int, shift: int) -> int | None:
    """Return the column of the new row that stands for a column of the old (see _shift).

    Columns up to the shift hold each report's own figures (this year's, last year's) and pair
    as they are; the others are the same figures moved by the shift. With the new row ahead,
    its columns past the shift that repeat the old row's own figures have no counterpart.
    """
    if column <= abs(shift):
        return column
    if shift >= 0:
        return column + shift
    return None if column <= -2 * shift else column + shift


# Short forms the reports use for a long name one year and not the next: a label is compared
# in the long form (能耗强度下降4.8% and 能源消耗强度下降3.7% measure one thing). A name changed
# by law is compared in its old form: the budget law of 2014 renamed the 公共财政 budget the
# 一般公共预算 (2014's 财政收入增长10.1% and 2015's 一般公共预算收入增长8.6% measure one thing).
ABBREVIATIONS = {
    "一般公共预算": "公共财政",
    # An intensity is per unit of GDP (listed before 能耗, which the alternation would take).
    "能耗强度": "单位国内生产总值能源消耗",
    "能源消耗强度": "单位国内生产总值能源消耗",
    "二氧化碳排放强度": "单位国内生产总值二氧化碳排放",
    "碳排放强度": "单位国内生产总值二氧化碳排放",
    "能耗": "能源消耗",
    # R&D spending, however named (listed before 研发): 全社会研究与试验发展经费支出占国内生产总值
    # 的比重1.97%, then 全社会研发支出占国内生产总值比重超过2% (national 2013/2014).
    "研究与试验发展经费": "研究与试验发展",
    "研发经费": "研究与试验发展",
    "研发": "研究与试验发展",
    "的比重": "比重",
    # A pension's level is the pension: 企业退休人员基本养老金提高10%, then 提高企业退休人员基本
    # 养老金水平10% (national 2013/2014).
    "养老金水平": "养老金",
    "医保": "医疗保险",
    "低保": "最低生活保障",
    "新农合": "新型农村合作医疗",
    "GDP": "国内生产总值",
    "进出口总额": "进出口贸易总额",
    "棚户区改造": "棚户区住房改造",
    "棚改": "棚户区住房改造",
    # Foreign investment actually used: 实际利用外资, 实到外资金额 (Shanghai), 实际使用外资.
    "实际利用外": "实际使用外",
    "实到外资": "实际使用外资",
    # Rural income per head: 农民人均纯收入 is 农村居民人均纯收入 (national 2011 and 2010).
    "农民人均纯收入": "农村居民人均纯收入",
}
_ABBREVIATION = regex("|".join(ABBREVIATIONS))
# A verb of allocating that closes a label says how the sum was put, not what it is.
_ALLOCATED_AT_END = regex("(?:拟|将)?(?:安排|下达)$")
_ALLOCATED_ENDS = frozenset("排达")  # the last characters of those verbs, to ask first
_UNIT_NOUN_ENDS = frozenset("数目")  # 人数, 项目: the last characters of a unit's noun
# A target's label that closes by calling it a target says so twice (国内生产总值增长目标 8%左右
# is 国内生产总值's target, as 国内生产总值增长8%左右 is).
_NAMED_A_TARGET = regex("(?:增长)?(?:预期)?(?:增长)?目标$")


def identity(metric: Metric) -> Identity:
    """Return what makes two quotes the same figure: value, range, unit base, kind and label
    (as _matched_label writes it, and a target's without the words that call it one:
    国内生产总值增长目标 8%左右 is 国内生产总值增长8%左右 quoted again)."""
    return _identity(metric, _matched_label(metric))


def _identity(metric: Metric, label: str) -> Identity:
    """Return the metric's identity, given its label as matched (see identity)."""
    if (
        metric.kind is MetricKind.TARGET
        and label.endswith("目标")
        and (said := _NAMED_A_TARGET.search(label))
        and said.start() >= 2
    ):
        label = label[: said.start()]
    return (*_quantity(metric), base_unit(metric), metric.kind, label)


def _matched_label(metric: Metric) -> str:
    """Return a metric's label as labels are matched: its short forms written out (see
    ABBREVIATIONS), the number of what its unit counts left out (淘汰落后产能项目600项 is
    淘汰落后产能's, 城镇新增就业人数 is 城镇新增就业), a closing verb of allocating (中央预算内
    投资安排 is 中央预算内投资's) and a closing 金额, the amount of what it names (实到外资金额 is
    实到外资's)."""
    label = _own_label(metric)
    end = label[-1:]
    if end in _UNIT_NOUN_ENDS and len(label) > 3:
        written = written_unit(metric)
        if written and label.endswith((written + "数", written + "目")):
            label = label[:-2]
    elif end == "额" and len(label) > 4 and label.endswith("金额"):
        label = label[:-2]
    elif (
        end in _ALLOCATED_ENDS
        and (allocated := _ALLOCATED_AT_END.search(label, 2))
        and paid_for(label) is None
    ):
        # 中央预算内投资安排5000亿元 is 中央预算内投资's; 中央财政将安排 names only who pays
        label = label[: allocated.start()]
    return _label_key(label)


def _own_label(metric: Metric) -> str:
    """Return a metric's label without the head of its table row's group ("Federal: Current"
    -> "Current"): one table may group its rows and another state the same rows ungrouped."""
    return metric.label[len(metric.group) + 2 :] if metric.group else metric.label


def _label_key(label: str) -> str:
    """Return a label as labels are compared: short forms written out, case and marks dropped."""
    if _ABBREVIATION.search(label):
        label = _ABBREVIATION.sub(lambda short: ABBREVIATIONS[short.group()], label)
    return utils.default_process(label)


def _quantity(metric: Metric) -> tuple[Decimal, Decimal | None]:
    """Return the value and the upper end of a range in the base unit, with the scale and the
    unit's size (UNIT_SIZES) multiplied in."""
    size = base_size(metric)
    upper = None if metric.upper is None else metric.upper * size
    return metric.value * size, upper


def _label_score(old: str, new: str) -> float:
    """Return the similarity of two labels; two empty labels score 50 (no evidence either way)."""
    return fuzz.ratio(old, new) if old or new else 50.0


def _similar_labels(
    old_labels: list[str],
    new_labels: list[str],
    cutoff: float,
    keep: Callable[[int, int], bool] | None = None,
) -> Scores:
    """Return the label similarity of every pair that reaches the cutoff (see LABEL_WINDOW), of
    the pairs `keep` allows (all when None)."""
    found: Scores = {}
    for rows, cols in blocks(len(old_labels), len(new_labels), LABEL_WINDOW):
        if cutoff >= 95.0:
            near = _near_identical_labels(old_labels, new_labels, rows, cols, cutoff)
            found.update(near if keep is None else (p for p in near.items() if keep(*p[0])))
            continue
        choices = new_labels[cols.start : cols.stop]
        for a in rows:
            label = old_labels[a]
            # One call scores a whole row in C. Two figures without labels are alike in nothing
            # (Of the $52 billion… and …set aside $6 billion…): only aligned sentences pair them.
            for _, score, b in process.extract(
                label, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=LABEL_CANDIDATES
            ):
                if (label or choices[b]) and (keep is None or keep(a, cols.start + b)):
                    found[a, cols.start + b] = score
    return found


def _near_identical_labels(
    old_labels: list[str], new_labels: list[str], rows: range, cols: range, cutoff: float
) -> Scores:
    """Return the label similarity of the pairs that reach a cutoff of 95 or more.

    Below SHORT_LABEL characters such a pair is a pair of equal labels (a character more or
    less already costs more than 5%), so short labels are looked up and only long ones scored.
    A label found more than NEAR_IDENTICAL_CANDIDATES times keeps the most alike, nearest its
    proportional place first.
    """
    found: Scores = {}
    same: dict[str, list[int]] = {}
    long_cols = []
    for b in cols:
        same.setdefault(new_labels[b], []).append(b)
        if len(new_labels[b]) >= SHORT_LABEL:
            long_cols.append(b)
    long_labels = [new_labels[b] for b in long_cols]
    scale = len(new_labels) / max(len(old_labels), 1)
    for a in rows:
        label = old_labels[a]
        if not label:
            continue  # an empty label is like no other
        if len(label) < SHORT_LABEL:
            equal = same.get(label, ())
            if len(equal) > NEAR_IDENTICAL_CANDIDATES:
                equal = _nearest_columns(equal, a * scale, NEAR_IDENTICAL_CANDIDATES)
            hits = [(100.0, b) for b in equal]
        else:
            hits = [
                (score, long_cols[k])
                for _, score, k in process.extract(
                    label, long_labels, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
                )
            ]
        if len(hits) > NEAR_IDENTICAL_CANDIDATES:
            place = a * scale
            hits.sort(key=lambda hit: (-hit[0], abs(hit[1] - place)))
            hits = hits[:NEAR_IDENTICAL_CANDIDATES]
        found.update(((a, b), score) for score, b in hits)
    return found


def _nearest_columns(columns: Sequence[int], place: float, count: int) -> list[int]:
    """Return the `count` columns nearest a place, nearest first (of two as near, the earlier),
    from columns in ascending order: found from the place outwards, not by sorting them all
    (a table's thousands of rows of one label would cost that for each)."""
    right = bisect.bisect_left(columns, place)
    left = right - 1
    found: list[int] = []
    while len(found) < count and (left >= 0 or right < len(columns)):
        if right >= len(columns) or (left >= 0 and place - columns[left] <= columns[right] - place):
            found.append(columns[left])
            left -= 1
        else:
            found.append(columns[right])
            right += 1
    return found


def _score_matrix(
    old: _Side,
    new: _Side,
    old_ids: Sequence[int],
    new_ids: Sequence[int],
    sentence_links: set[SentenceLink],
    shifts: _Shifts,
    *,
    label_cutoff: float,
    require_label: bool,
    section_links: set[tuple[str, str]] | None,
    settings: Settings,
) -> Scores:
    """Return the match scores (0-100) of the pairs that may be the same figure.

    Candidates are pairs with similar labels or in linked sentences (cost grows with their
    number, not with the product of the two sides). Only figures in linked sections may match
    when section_links is given; only figures with labels when require_label is set.
    """
    old_labels = [old.labels[i] for i in old_ids]
    new_labels = [new.labels[j] for j in new_ids]
    keep = None
    if section_links is not None:
        # Only figures of linked sections may pair: the others are dropped as they are found
        # (a year without headings links nearly every section, and its label pairs would not
        # fit in memory at a thousand times the seed).
        old_sections = [old.metrics[i].section for i in old_ids]
        new_sections = [new.metrics[j].section for j in new_ids]

        def keep(a: int, b: int) -> bool:
            return (old_sections[a], new_sections[b]) in section_links

    labels = _similar_labels(old_labels, new_labels, label_cutoff, keep)
    candidates = set(labels)
    same_sentence: set[tuple[int, int]] = set()
    rows_linked: set[tuple[str, int]] = set()  # old table rows aligned with a new table row
    new_rows_linked: set[tuple[str, int]] = set()
    if sentence_links and not require_label:
        column = {j: b for b, j in enumerate(new_ids)}
        linked: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
        for old_section, old_sentence, new_section, new_sentence in sentence_links:
            linked[(old_section, old_sentence)].append((new_section, new_sentence))
        # Table rows the aligner paired with a row: their cells pair within it, not with another
        # row of their label (every region's "Percentage of total net sales | 7% | 6% | 6%").
        for old_row, new_rows in linked.items():
            if (held := old.by_sentence.get(old_row)) and old.cells[held[0]] is not None:
                for new_row in new_rows:
                    if (into := new.by_sentence.get(new_row)) and new.cells[into[0]] is not None:
                        rows_linked.add(old_row)
                        new_rows_linked.add(new_row)
        for a, i in enumerate(old_ids):
            m = old.metrics[i]
            # Figures of aligned sentences pair near their own place: a real sentence states a
            # few figures (9 at most in the corpus); a line of thousands must not pair each
            # with each.
            lo, hi = max(0, old.at[i] - SENTENCE_WINDOW), old.at[i] + SENTENCE_WINDOW + 1
            for key in linked.get((m.section, m.sentence), ()):
                for j in new.by_sentence.get(key, ())[lo:hi]:
                    if j in column:
                        same_sentence.add((a, column[j]))
        # A label keeps its LABEL_CANDIDATES most alike only: past that many figures of one
        # label (the rows of a 10-K's table of notes, "Fixed-rate notes"), the figures of its
        # own aligned row may not be among them, and which are depends on the side asked
        # first. Their labels are scored here, so that each reads the same either way.
        for pair in same_sentence - labels.keys():
            old_label, new_label = old_labels[pair[0]], new_labels[pair[1]]
            if old_label or new_label:
                score = _label_score(old_label, new_label)
                if score >= label_cutoff and (keep is None or keep(*pair)):
                    labels[pair] = score
        candidates |= same_sentence
    scores: Scores = {}
    label_weight, sentence_weight = settings.metric_label_weight, settings.metric_sentence_weight
    ordinal_weight, value_weight = settings.metric_ordinal_weight, settings.metric_value_weight
    position_weight = settings.metric_position_weight
    latin_cutoff = settings.metric_latin_cutoff
    magnitude_limit = settings.metric_magnitude_limit
    old_sizes, new_sizes = old.sizes, new.sizes
    old_metrics, new_metrics = old.metrics, new.metrics
    old_units, new_units = old.units, new.units
    old_cells, new_cells = old.cells, new.cells
    old_starting, new_starting = old.starting, new.starting
    old_years, new_years = old.years, new.years
    old_twinned, new_twinned = old.twinned, new.twinned
    old_periods, new_periods = old.periods, new.periods
    gap = _years_apart(old, new)
    # Last year's figure stated beside this year's is the newer report's (the old one's when
    # the reports are read backwards).
    backwards = gap is not None and gap < 0
    new_prior, old_prior = ({}, old.prior) if backwards else (new.prior, {})
    # Only those whose last year's value the other side states at all (most pairs ask none).
    if new_prior:
        stated = {old.values[i] for i in old_ids}
        new_prior = {j: v for j, v in new_prior.items() if v in stated}
    if old_prior:
        stated = {new.values[j] for j in new_ids}
        old_prior = {i: v for i, v in old_prior.items() if v in stated}

    asks_prior = bool(new_prior or old_prior)

    def prior(i: int, j: int) -> bool:
        """Tell whether the newer report's figure states the other's as last year's beside it:
        the old figure, however far this year's has moved (赤字率稳定在2.1%, then 赤字率从去年的
        2.1%提高到2.3%: 2.1% -> 2.3%; 88个城市启动…试点, then 试点城市由上年的88个增加到317个)."""
        return bool(
            (new_prior and new_prior.get(j) == old.values[i])
            or (old_prior and old_prior.get(i) == new.values[j])
        )

    for pair in candidates:
        a, b = pair
        i, j = old_ids[a], new_ids[b]
        o, n = old_metrics[i], new_metrics[j]
        if old_units[i] != new_units[j]:
            continue
        if (
            old.kinds[i] != new.kinds[j]
            and not _goal_restated(o, n)
            and not ((old.planned[i] or new.planned[j]) and _plan_kinds(o, n))
        ):
            continue
        if (
            old_years[i] != new_years[j]
            and old.values[i] != new.values[j]
            and not (asks_prior and prior(i, j))
        ):
            continue  # 五年累计新增城镇就业5870万人 is not a year's 1221万人
        if old_years[i] and new_years[j] and old.averaged[i] != new.averaged[j]:
            continue  # 年均增长7.8% is not 比2002年增长65.5%, nor 6400万人 a year's 1000多万人
        if old.tabled[i] != new.tabled[j]:
            continue  # a table's cell and a figure of prose: Cash generated… | 81,266, $77.4 billion
        if (
            gap
            and (old_periods[i] is not None or new_periods[j] is not None)
            and _other_years(old, new, i, j, gap)
        ):
            continue  # "During 2016, … $29.0 billion" is not 2018's "During 2018, … $73.1 billion"
        if (old_cells[i] is None and (new_cells[j] or 0) > 1) or (
            new_cells[j] is None and (old_cells[i] or 0) > 1
        ):
            continue  # "$35 million and $163 million as of 2017 and 2016": 2016's is no year's own
        if old_cells[i] is not None and new_cells[j] is not None:
            # A table row is named by its label: aligned rows of unlike labels are other rows.
            # (The figures of a year list in prose are named by their aligned sentences: their
            # labels are read from the words around each, and differ along the list.)
            if (
                old.tabled[i]
                and pair not in labels
                and (old_labels[a] or new_labels[b])
                and not (pair in same_sentence and _moved_on(shifts, o, n))
            ):
                continue  # Second quarter | 0.57 and Mortgage-backed securities | 18,105
            if not _same_column(old, new, i, j, linked=pair in same_sentence, shifts=shifts):
                continue  # Interest rate contracts: $218 (column 2) -> $33,000 (column 3)
            if (
                pair not in same_sentence
                and old_periods[i] is None  # a table that stacks its years pairs its blocks
                and new_periods[j] is None
                and (
                    (o.section, o.sentence) in rows_linked
                    or (n.section, n.sentence) in new_rows_linked
                )
            ):
                continue  # a row aligned with another: its oldest year rolls off, not moves over
        if section_links is not None and (o.section, n.section) not in section_links:
            continue
        if (
            section_links is not None
            and pair not in labels
            and old_labels[a]
            and new_labels[b]
            and old.values[i] != new.values[j]
            and set(terms(old_labels[a])).isdisjoint(terms(new_labels[b]))
        ):
            continue  # across sections, placed alike in alike sentences but named in nothing
            # alike, nor of one value: 出口 in 对外贸易 and 网上零售额 in 消费市场, the subsection
            # that replaced it (national 2009's 总额 4万亿元 is 2010's 投资计划 4万亿元)
        if require_label and not old.labels[i]:
            continue
        if old.heads[i] and new.heads[j] and old.heads[i] != new.heads[j]:
            continue  # Federal: Current and State: Current, Level 1: Subtotal and Level 2's
        if old.debts[i] and new.debts[j] and other_notes(old.debts[i], new.debts[j]):
            continue  # Fixed-rate 2.300% notes due 2022 and 2.000% notes due 2020: other notes
        if old.done[i] != new.done[j]:
            continue  # "…, of which $166 billion had been utilized" is no "program of $100 billion"
        if old.parts[i] and new.parts[j] and _contrasting(old.parts[i], new.parts[j]):
            continue  # 全国财政赤字 and 中央财政赤字, 财政收入 and 财政支出: other figures
        if old.shares[i] and new.shares[j] and _other_shares(old.shares[i], new.shares[j]):
            continue  # 经常项目顺差占GDP比重 and 研发支出占GDP比重: shares of other things
        if (
            (old.funds[i] is not None or new.funds[j] is not None)
            and (pair not in same_sentence or (old.funds[i] and new.funds[j]))
            and _other_funds(old, new, i, j, old_labels[a], new_labels[b])
        ):
            # 中央财政安排384亿元救灾款 and 中央财政安排429亿元 (for pensions); in aligned
            # sentences too when both name their funds: 中央财政拟投入社会保障资金2930亿元 and
            # 中央财政拟安排保障性住房专项补助资金632亿元 are written alike, for other things.
            continue
        if (old.parts[i] and not old.split(i) <= new.groups[j]) or (
            new.parts[j] and not new.split(j) <= old.groups[i]
        ):
            continue  # 城镇常住居民人均可支配收入8.2% (and 农村's 9.3%) is not 居民人均可支配收入4%
        if (old.parts[i] and new.part_stated_beside(j, old.parts[i])) or (
            new.parts[j] and old.part_stated_beside(i, new.parts[j])
        ):
            continue  # 中央财政赤字7500亿元 and 财政赤字10500亿元，其中中央财政赤字8500亿元
        if (old.parts[i] and not new.parts[j] and new.part_named_apart(j, old.parts[i])) or (
            new.parts[j] and not old.parts[i] and old.part_named_apart(i, new.parts[j])
        ):
            continue  # 中央财政赤字1800亿元 and 财政赤字2.18万亿元 (…中央财政赤字1.4万亿元)
        if _per_unit(old_labels[a], new_labels[b]):
            continue  # 单位国内生产总值能耗 (energy per unit of GDP) is not 国内生产总值
        if ("、" in o.label) != ("、" in n.label) and (
            _listed_total(old, i) or _listed_total(new, j)
        ):
            continue  # 保障性住房、棚户区改造住房共1000万套 is not 棚户区改造住房280万套 alone
        label = labels.get(pair)
        if label is None:
            label = _label_score(old_labels[a], new_labels[b])
        if (
            label < latin_cutoff
            and pair not in same_sentence
            and old_labels[a].isascii()
            and new_labels[b].isascii()
        ):
            # English labels alike by their common words only ("in favor of the Company in the
            # amount" and "VirnetX I against the Company and awarded damages", 53): other
            # figures (see Settings.metric_latin_cutoff).
            continue
        if (
            pair in same_sentence
            and not old.tabled[i]
            and label < label_cutoff
            and _apart(old_sizes[i], new_sizes[j], SENTENCE_MAGNITUDE_LIMIT)
        ):
            # In aligned sentences too, a price of $149.20 is no $44.0 billion: figures of prose
            # named alike in nothing and a thousandfold apart are other figures.
            continue
        if pair not in same_sentence:
            if (
                label < settings.metric_global_cutoff
                and _apart(old_sizes[i], new_sizes[j], magnitude_limit)
                and not (asks_prior and prior(i, j))
                # A rate of growth is no size: 增长23%, then 增长2.1%, is one figure slowing.
                and not (o.kind is MetricKind.CHANGE and old_units[i] == "%")
            ):
                continue  # 70家企业 and 1.7万家高新技术企业: alike in name only
            if (
                (old_twinned[i] or new_twinned[j])
                and old.identities[i] != new.identities[j]
                and (old_cells[i] is None or new_cells[j] is None)  # a table: by column
                and not (gap and old_periods[i] is not None and new_periods[j] is not None)
            ):
                # One of them is stated by both reports: it pairs with its twin. Not a year's
                # figure: the old filing's 2017, stated again by the new one, pairs with 2018.
                continue
        score = label_weight * label
        if pair in same_sentence:
            score += sentence_weight
            if old.ordinal[i] == new.ordinal[j] and old_starting[i] == new_starting[j]:
                score += ordinal_weight
        elif (
            gap
            and old_periods[i] is not None
            and new_periods[j] is not None
            and old_cells[i] is None
            and new_cells[j] is None
            and old.ordinal[i] == new.ordinal[j]
        ):
            # Sentences of a year each, a year apart (see _other_years), are aligned with their
            # copies, not with each other: "As of September 30, 2017, … which accounted for 42%,
            # 19% and 10%", then "As of September 29, 2018, … 62% and 12%": 42% -> 62%.
            score += ordinal_weight
        if old.values[i] == new.values[j] or (asks_prior and prior(i, j)):
            score += value_weight
        elif old_starting[i] != new_starting[j]:
            # 财政收入从3.16万亿元增加到8.31万亿元, then 公共财政收入10.37万亿元: 8.31, not 3.16.
            # Where a change starts pairs only with the same value or another start (由去年的
            # 1076亿元增加到1562亿元 and next year's 中央财政为此将投入120亿元), in aligned sentences
            # too: "increased the authorization from $175 billion to $210 billion" and next
            # year's "a new program of up to $100 billion" (the $175 billion was gone already).
            continue
        if (
            label < (label_cutoff if pair in same_sentence else NAMED_APART_BELOW)
            and (pair in same_sentence or old.values[i] != new.values[j])
            and _named_apart(old, new, i, j)
        ):
            # 城镇登记失业率4.3%左右 and 地方一般公共预算收入增长3%: see _named_apart (asked last,
            # of the pairs left: it reads the sentences' clauses)
            continue
        # Break ties by document order. The penalty is squared so that, among matchings of
        # otherwise equal score, one that keeps the figures in order always wins (with a
        # linear penalty a crossing matching can tie, and the solver would pick by side).
        score -= position_weight * (old.position[i] - new.position[j]) ** 2
        scores[pair] = max(score, 0.01)
    return scores


def _per_unit(old: str, new: str) -> bool:
    """Tell whether one label measures something per unit of what the other names (单位国内生产
    总值能耗 against 国内生产总值)."""
    if "单位" in new:
        return bool(old) and "单位" + old in new
    return "单位" in old and bool(new) and "单位" + new in old


def _goal_restated(old: Metric, new: Metric) -> bool:
    """Tell whether two figures of unlike kinds are one goal, stated as one in one report only:
    both with the same floor or bound, one a target (今年再减少农村贫困人口1000万人以上, then
    今年也要再减少农村贫困人口1000万人以上; 能源消耗强度要降低3.9%以上, then 能耗强度下降3.1%以上).
    A figure without such a bound is no plan's: last year's growth of 5% is not this year's goal
    of 5%, nor 1000多万 a goal's."""
    kinds = {old.kind, new.kind}
    return (
        MetricKind.TARGET in kinds
        and not kinds & FIXED_KINDS
        and old.qualifier in _GOAL_BOUNDS
        and old.qualifier == new.qualifier
    )


def _listed_total(side: _Side, i: int) -> bool:
    """Tell whether figure i is the total of the things its label lists (开工建设保障性住房、
    棚户区改造住房共1000万套), not a figure of each (…排放量分别下降3%)."""
    metric = side.metrics[i]
    if "、" not in metric.label:
        return False
    before = side.texts[i][: metric.start].rstrip()
    return before.endswith(_TOTAL_WORDS)


# Words right before a figure that make it the total of what its label lists.
_TOTAL_WORDS = ("共", "共计", "合计", "总计", "总共")


def _plan_kinds(old: Metric, new: Metric) -> bool:
    """Tell whether two figures of unlike kinds may both be plans: one a target, the other no
    figure of a fixed kind (a rank, a ratio) nor a change (增长12.2%: a rate, not a level)."""
    kinds = {old.kind, new.kind}
    return MetricKind.TARGET in kinds and not kinds & FIXED_KINDS and MetricKind.CHANGE not in kinds


# The bounds a plan's figure is stated with (1000万人以上, 17%左右, 4.5%以内).
_GOAL_BOUNDS = frozenset({"以上", "以内", "以內", "以下", "左右"})


# Figures of aligned sentences pair only this many places apart at most (see _score_matrix).
SENTENCE_WINDOW = 16
# Nor, in prose, when their labels are unlike and their sizes this many times apart.
SENTENCE_MAGNITUDE_LIMIT = 1000.0

# What a sentence names around a figure is read this many characters either side of it (see
# _named_apart): all of any real sentence (the corpus's longest has 825), but not the whole of
# a report with no sentence end, where each of thousands of figures would read all of it.
NAME_REACH = 1000

# How alike what two shares are of must be for them to be one figure (财政性教育经费支出 and
# 全国财政性教育经费支出 are; 经常项目顺差 and 全社会研发支出 are not).
SHARE_CUTOFF = 50.0

# Words that name one part of a whole against another: two labels naming different words of a
# group measure different figures, however alike the rest (财政收入 and 财政支出).
CONTRASTS = (
    ("中央", "地方", "全国"),
    ("城镇", "城市", "农村", "乡村"),
    ("小学", "初中", "高中"),
    ("收入", "支出"),
    ("进口", "出口"),
    ("铁路", "公路"),  # 高速铁路 and 高速公路, 铁路投资 and 公路投资
    ("beginning", "end"),  # of the year, of a balance: Beginning/Ending accrued warranty costs
    ("first", "second", "third", "fourth"),  # quarters, halves, tranches, steps
)


def _part_of(part: tuple[int, str], wanted: Collection[tuple[int, str]]) -> bool:
    """Tell whether a part (CONTRASTS) is one of the wanted parts, or of their group when
    neither names the whole (全国 is all of 中央 and 地方: a figure of no part may be its)."""
    group, word = part
    return part in wanted or (
        word not in _WHOLE_PARTS and any(g == group and w not in _WHOLE_PARTS for g, w in wanted)
    )


# The words of CONTRASTS that name the whole the others are parts of.
_WHOLE_PARTS = frozenset({"全国"})
# How alike, a part's word aside, another figure's label must be to the label of one that names
# no part, to be the figure of that part (see _Side.part_named_apart).
_PART_APART_LABEL = 60.0
# Other forms of English CONTRASTS words: the "ending" balance is the one at the "end".
_EN_CONTRAST_FORMS = {"ending": "end"}
# Every word of CONTRASTS, and 中小学 first (it holds 小学 and stands for 初中 too); English
# words whole and in any case (not the end of "spend").
_CONTRAST_WORD = regex(
    "|".join(["中小学", *(word for group in CONTRASTS for word in group if not word.isascii())])
    + r"|(?i:\b(?:"
    + "|".join([*(w for group in CONTRASTS for w in group if w.isascii()), *_EN_CONTRAST_FORMS])
    + r")\b)"
)


def _contrast_words(label: str) -> set[str]:
    """Return the CONTRASTS words a label names (中小学 as 小学 and 初中 too; English ones in
    lower case, in the form CONTRASTS holds)."""
    named = set(_CONTRAST_WORD.findall(label))  # one scan; most labels name none
    if not named:
        return named
    if "中小学" in named:
        named |= {"小学", "初中"}
    english = {word for word in named if word.isascii()}
    if english:
        named -= english
        named |= {_EN_CONTRAST_FORMS.get(w.lower(), w.lower()) for w in english}
    return named


def contrast_parts(label: str) -> tuple[tuple[int, str], ...]:
    """Return the (group, word) of each CONTRASTS group the label names exactly one word of.

    A label naming two words of a group (城镇和农村居民收入, 中小学: 小学 and 初中) contrasts
    with nothing there.
    """
    named = _contrast_words(label)
    if not named:
        return ()
    found = []
    for k, group in enumerate(CONTRASTS):
        words = [word for word in group if word in named]
        if len(words) == 1:
            found.append((k, words[0]))
    return tuple(found)


def contrast_groups(label: str) -> frozenset[int]:
    """Return the CONTRASTS groups a label names any word of (中小学 names the schools')."""
    named = _contrast_words(label)
    if not named:
        return frozenset()
    return frozenset(k for k, group in enumerate(CONTRASTS) if named.intersection(group))


def share_subject(label: str) -> str:
    """Return what a share is of (经常项目顺差占国内生产总值的比重 -> 经常项目顺差), or "" when the
    label states no share with its subject (占全市总量, 新建学校)."""
    at = label.find("占")
    return label[:at] if at > 0 else ""


def _other_shares(old: str, new: str) -> bool:
    """Tell whether two shares are of things alike in nothing (经常项目顺差, 全社会研发支出)."""
    return fuzz.ratio(old, new) < SHARE_CUTOFF


def _other_funds(old: _Side, new: _Side, i: int, j: int, old_label: str, new_label: str) -> bool:
    """Tell whether two sums of sentences not aligned, one at least labelled by who pays (see
    quantities.paid_for), pay for other things.

    A label naming only who pays (中央财政安排) says nothing of what for: the two sentences
    must then share a word of purpose (就业 in 实施更加积极的就业政策，中央财政拟投入420亿元资金 and
    中央财政拟投入433亿元用于促进就业; none in 中央财政安排423亿元资金，支持十大重点节能工程 and
    中央财政安排429亿元，解决…医疗保险问题). A fund named (救灾款) must be alike the other's fund, or
    its label when it names no fund: 救灾款 and 就业专项资金 or 中央财政支出 are other sums.
    """
    old_fund, new_fund = old.funds[i], new.funds[j]
    if old_fund == "" or new_fund == "":
        return not old.purposes(i) & new.purposes(j)
    return fuzz.ratio(old_fund or old_label, new_fund or new_label) < SHARE_CUTOFF


# Words of any sentence about money paid, which say nothing of what it is for (see _other_funds).
_PAYING = """
    中央 央财 财政 地方 方财 各级 级政 政府 安排 投入 下达 资金 亿元 万元
    增加 提高 加大 上年 比上 今年 去年 用于
"""
_PAYING_WORDS = frozenset(_PAYING.split())


def _contrasting(old: tuple[tuple[int, str], ...], new: tuple[tuple[int, str], ...]) -> bool:
    """Tell whether two labels' contrast parts name different words of one group."""
    return any(k == other_k and w != other_w for k, w in old for other_k, other_w in new)


def _named_apart(old: _Side, new: _Side, i: int, j: int) -> bool:
    """Tell whether two figures of unlike labels measure different things.

    They do when one year's sentence names what the other year's figure measures only where it
    states no figure, and its own figure's label stands in that figure's clause. The 2020
    targets hold 城镇调查失业率、城镇登记失业率分别为4.8%左右和4.3%左右 and
    地方一般公共预算收入与上年基本持平; those of 2021 set 地方一般公共预算收入增长3%: neither rate
    is the new revenue figure. A label read from another clause may be the wrong one (2008:
    单位国内生产总值能耗…，化学需氧量、二氧化硫排放总量…，比上年分别下降3.14％和4.66％), and
    tells nothing.
    """
    old_label, new_label = old.metrics[i].label, new.metrics[j].label
    if not old_label or not new_label or old_label in new_label or new_label in old_label:
        return False
    return _names_apart(old, i, new_label) or _names_apart(new, j, old_label)


def _names_apart(side: _Side, i: int, label: str) -> bool:
    """Tell whether figure i's sentence names what `label` names only where it states no
    figure, its own label standing in its clause. A Chinese label's head (its longest ending of
    more than half of it) names it too: 2020's 实现综合为老服务中心街镇全覆盖，新增老年人日间服务中心
    83家 names 2021's 新增社区综合为老服务中心 without a figure; the 83 is of other centres."""
    text, (start, end) = side.texts[i], side.reach(i)
    name = label
    if text.find(name, start, end) < 0:  # most pairs of unlike labels: one search tells
        shortest = max(_HEAD_CHARS, len(label) // 2 + 1)
        if (
            shortest >= len(label)
            or not "\u4e00" <= label[-1] <= "\u9fff"  # an English label's head is no ending
            or text.find(label[-shortest:], start, end) < 0  # no head is: a longer holds it
        ):
            return False
        heads = (label[-size:] for size in range(len(label) - 1, shortest - 1, -1))
        name = next(head for head in heads if text.find(head, start, end) >= 0)
    return side.labelled_here(i) and side.names_only_elsewhere(i, name)


# Labels less alike than this, of figures outside aligned sentences, are weighed by _named_apart
# (新增老年人日间服务中心 and 新增社区综合为老服务中心 are 61 alike, by 新增 and 服务中心); in aligned
# sentences, those below the cutoff (their place speaks for them).
NAMED_APART_BELOW = 80.0
# The fewest characters of a label's head that _names_apart looks for (服务中心).
_HEAD_CHARS = 4


def _moved_on(shifts: _Shifts, old: Metric, new: Metric) -> bool:
    """Tell whether the table rows of two figures are one row, renamed or not: the new repeats
    a figure of the old a column or more further right (see _renamed_row)."""
    rows = (old.section, old.sentence), (new.section, new.sentence)
    shift, common = shifts.of(rows, label=False)
    return shift != 0 and common > 0


def _same_column(
    old: _Side,
    new: _Side,
    i: int,
    j: int,
    *,
    linked: bool,
    shifts: _Shifts,
) -> bool:
    """Tell whether two figures of table rows stand in the same column of the same table.

    Rows of aligned sentences may have moved on (see _shift): the old row's column k is then
    the new row's column k + shift, past the columns of the new figures. Aligned rows whose
    labels differ must state a figure in common; rows alike in their label only must also have
    as many columns: a 10-K has a "Net sales" row in the table of every region.
    """
    column, new_column = old.cells[i], new.cells[j]
    if (column == 0) != (new_column == 0):
        return False  # a figure of a row's label and one of its columns
    if not linked and old.widths[i] != new.widths[j]:
        return False  # rows not aligned must be as wide, whatever their shift (see the end)
    label = column == 0  # a list of years in the label moves on as the columns do
    o, n = old.metrics[i], new.metrics[j]
    rows = (o.section, o.sentence), (n.section, n.sentence)
    shift, common = shifts.of(rows, label=label)
    if label:
        column, new_column = _place_in_label(old, rows[0], i), _place_in_label(new, rows[1], j)
    assert column is not None
    # A column named once in its row, not by a year ("本年比上年增减" after the years of a
    # company's annual report), is the column of that name in the other year too, wherever the
    # years moved on.
    named = _named_column(old, i)
    if (named is None or named != _named_column(new, j)) and _new_column(
        column, shift
    ) != new_column:
        return False
    if linked and old.labels[i] == new.labels[j]:
        return True
    if old.periods[i] is not None and new.periods[j] is not None:
        # Rows of a table that stacks its years, each of its year's block (whose years follow:
        # see _other_years): the blocks share no figure, and a row is known by its name, its
        # date aside (a roll-forward's "Balances as of September 30, 2017", then "… 29, 2018").
        return old.widths[i] == new.widths[j] and (
            old.labels[i] == new.labels[j]
            or _DATE_IN_LABEL.sub("", old.labels[i]) == _DATE_IN_LABEL.sub("", new.labels[j])
        )
    # Other current assets | 13,936 | 8,283 and Total current assets | 131,339 | 128,645: rows
    # whose labels differ are one row only if they share a figure (last year's column).
    return common > 0 and (linked or old.widths[i] == new.widths[j])


# A date in a label as labels are compared (lower case, marks dropped): "september 30  2017",
# "31 december 2021", "2017".
_DATE_IN_LABEL = regex(
    rf"(?:\b\d{{1,2}}\s+)?(?:\b(?i:{MONTHS})\s+)?(?:\d{{1,2}}\s+)?\b(?:19|20)\d\d\b"
)


def _named_column(side: _Side, i: int) -> str | None:
    """Return the head of figure i's column when it names the column otherwise than by a year
    and once in its row (not "Change", after each year of a 10-K's table), else None."""
    if i in side.named:  # asked of every pair of cells a table's figure may make
        return side.named[i]
    m = side.metrics[i]
    head: str | None = m.column
    if not head or names_a_year(head):
        head = None  # a year's column, or this or last year's (本报告期, 上年同期)
    else:
        row = side.by_sentence[(m.section, m.sentence)]
        head = head if sum(1 for k in row if side.metrics[k].column == head) == 1 else None
    side.named[i] = head
    return head


def _place_in_label(side: _Side, sentence: tuple[str, int], i: int) -> int:
    """Return the place (from 1) of figure i among the figures of its table row's label."""
    return [k for k in side.by_sentence[sentence] if side.cells[k] == 0].index(i) + 1


def _twin(old: _Side, new: _Side) -> None:
    """Mark the figures whose label, value and unit the other report states too.

    Such a figure is most likely the same figure, unchanged: it is not paired with another by
    its label alone (城镇新增就业900万人以上, the target of both years, and not the five years'
    4500万人 that happen to sit in aligned sections).
    """
    # Last year's figure beside this year's (赤字率从去年的2.1%提高到2.3%) is the old report's
    # figure stated again, yet pairs with it no more than a table's column of last year does:
    # the old figure (赤字率稳定在2.1%) pairs with this year's (2.3%).
    gap = _years_apart(old, new)
    newer = old if gap is not None and gap < 0 else new
    again = {k for k in newer.last_year if k is not None}

    def stated(side: _Side) -> set[Identity]:
        skip = again if side is newer else set()
        return {figure for k, figure in enumerate(side.identities) if figure[-1] and k not in skip}

    old_figures, new_figures = stated(old), stated(new)
    old.twinned = [figure in new_figures for figure in old.identities]
    new.twinned = [figure in old_figures for figure in new.identities]


def _apart(old: float, new: float, limit: float) -> bool:
    """Tell whether two positive magnitudes differ by a factor of limit or more."""
    # A zero or a negative figure has no ratio to judge by.
    return old > 0 and new > 0 and (old >= new * limit or new >= old * limit)


def assign(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Return the (row, column) pairs of highest total score in a matrix; NaN marks forbidden pairs.

    Scores of allowed pairs must be positive (a pair scoring 0 is as good as no pair).
    """
    allowed = {
        (r, c): float(value)
        for r, row in enumerate(scores)
        for c, value in enumerate(row)
        if not math.isnan(value)
    }
    return assign_pairs(allowed)


def assign_pairs(scores: Scores) -> list[tuple[int, int]]:
    """Return the (row, column) pairs of highest total score, using only the pairs given.

    Solves the assignment problem exactly (Hungarian method) on each connected block of allowed
    pairs; blocks larger than ASSIGNMENT_LIMIT are matched greedily by score instead.
    """
    pairs: list[tuple[int, int]] = []
    for rows, cols in _blocks(scores):
        if len(rows) > ASSIGNMENT_LIMIT and len(cols) > ASSIGNMENT_LIMIT:
            found = _greedy(scores, set(rows))
        elif len(rows) == 1 == len(cols) and math.isfinite(scores[rows[0], cols[0]]):
            found = [(rows[0], cols[0])]  # what _single and _hungarian give
        elif len(rows) == 1 or len(cols) == 1:
            found = _single(scores, rows, cols)
        else:
            block = [[scores.get((r, c), math.nan) for c in cols] for r in rows]
            found = [(rows[r], cols[c]) for r, c in _hungarian(block)]
        pairs.extend(found)
    return sorted(pairs)


def _single(scores: Scores, rows: list[int], cols: list[int]) -> list[tuple[int, int]]:
    """Return what _hungarian returns for a block of one row or one column, without its set-up.

    Every pair of such a block is allowed (it is connected), so the pair of highest score is
    taken, the first on ties, whatever its sign.
    """
    block = [(r, c) for r in rows for c in cols]
    values = [scores[pair] for pair in block]
    if not all(math.isfinite(v) for v in values):
        # _hungarian's own handling of infinities and NaN, rather than a copy of it
        table = [[scores[r, c] for c in cols] for r in rows]
        return [(rows[r], cols[c]) for r, c in _hungarian(table)]
    return [block[max(range(len(values)), key=values.__getitem__)]]  # the first highest


def _blocks(scores: Scores) -> list[tuple[list[int], list[int]]]:
    """Split the allowed pairs into connected blocks of rows and columns (each list ascending).

    Blocks come in the order of their first row.
    """
    block_of_row: dict[int, int] = {}
    block_of_col: dict[int, int] = {}
    members: dict[int, tuple[set[int], set[int]]] = {}  # block id -> its rows and columns
    for r, c in scores:
        a, b = block_of_row.get(r), block_of_col.get(c)
        if a is None:
            if b is None:
                b = len(block_of_row)  # a fresh id: rows are never removed
                members[b] = (set(), {c})
                block_of_col[c] = b
            members[b][0].add(r)
            block_of_row[r] = b
        elif b is None:
            members[a][1].add(c)
            block_of_col[c] = a
        elif a != b:
            if len(members[a][0]) + len(members[a][1]) < len(members[b][0]) + len(members[b][1]):
                a, b = b, a  # merge the smaller block b into a
            rows, cols = members.pop(b)
            members[a][0].update(rows)
            members[a][1].update(cols)
            for row in rows:
                block_of_row[row] = a
            for col in cols:
                block_of_col[col] = a
    found = [(sorted(rows), sorted(cols)) for rows, cols in members.values()]
    return sorted(found, key=lambda block: block[0][0])


def _greedy(scores: Scores, rows: set[int]) -> list[tuple[int, int]]:
    """Match the best-scoring allowed pairs of some rows first (ties: lower row, then column)."""
    order = sorted((-v, r, c) for (r, c), v in scores.items() if r in rows)
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    found = []
    for _, r, c in order:
        if r not in used_rows and c not in used_cols:
            used_rows.add(r)
            used_cols.add(c)
            found.append((r, c))
    return found


def _hungarian(scores: list[list[float]]) -> list[tuple[int, int]]:
    """Return the allowed pairs of maximum total score (align.hungarian on the negated scores)."""
    transposed = len(scores) > len(scores[0])
    matrix = [list(column) for column in zip(*scores, strict=True)] if transposed else scores
    # A forbidden pair costs what leaving both unmatched costs (0): we want the matching of
    # greatest total score, not the one with most pairs. Allowed scores must be positive.
    cost = [[0.0 if math.isnan(v) else -v for v in row] for row in matrix]
    found = [
        (j, i) if transposed else (i, j) for i, j in hungarian(cost) if not math.isnan(matrix[i][j])
    ]
    return sorted(found)


def _sentence_links(
    pair: SectionPair, least: float, sides: tuple[_Side, _Side]
) -> set[SentenceLink]:
    """Return the sentence pairs that the aligner matched in a section pair at least `least`
    alike (settings.sentence_cutoff): the only two sentences left between two pairs in order,
    paired on less (settings.sole_sentence_cutoff), are shown so but are no evidence that
    their figures are the same (Apple's "$166 billion of the share repurchase program had been
    utilized" against "The remaining $29.0 billion repurchased during 2018"), unless they are
    table rows of which the new repeats the old's figures further right (see _renamed_row)."""
    if pair.old is None or pair.new is None:
        return set()
    old_id, new_id = pair.old.id, pair.new.id
    return {
        (old_id, s.old_index, new_id, s.new_index)
        for s in pair.sentences
        if s.old_index is not None
        and s.new_index is not None
        and s.old
        and s.new
        and (s.score >= least or _renamed_row(sides, (old_id, s.old_index), (new_id, s.new_index)))
    }


def _renamed_row(
    sides: tuple[_Side, _Side], old_row: tuple[str, int], new_row: tuple[str, int]
) -> bool:
    """Tell whether two table rows that the aligner paired on little, between two pairs, are
    one row renamed: the new repeats a figure of the old a column or more further right, as
    its table moved on a year (Current portion of long-term debt | 6,496 | 3,500, then Term
    debt | 8,784 | 6,496, in Apple's balance sheets of 2017 and 2018)."""
    old, new = sides
    old_ids, new_ids = old.by_sentence.get(old_row), new.by_sentence.get(new_row)
    if not old_ids or not new_ids or not old.cells[old_ids[0]] or not new.cells[new_ids[0]]:
        return False  # prose, or a figure in a row's label
    shift, common = _shift(_row(old, old_row), _row(new, new_row))
    return shift != 0 and common > 0


# fuzz.partial_ratio costs about the cube of the shorter text's length (two sentences of 1,000
# characters: 34 ms; of 4,000: 5.7 s). A shorter text longer than PARTIAL_WHOLE (the corpus's
# sentences with figures in sections that split or merged are 300 at most) is scored in chunks of
# PARTIAL_CHUNK characters, each against the whole of the longer: the mean of their scores. Each
# chunk costs about the longer's length, so of a text longer still (a report with no sentence
# end: hundreds of thousands of characters) PARTIAL_CHUNKS chunks spread evenly over it are
# scored, not all (all the chunks of two texts of 450,000 digits took 17 s).
PARTIAL_WHOLE = 512
PARTIAL_CHUNK = 128
PARTIAL_CHUNKS = 32


def partial_similarity(a: str, b: str, cutoff: float) -> float:
    """Return fuzz.partial_ratio of two texts (0 below `cutoff`), at a cost that grows with the
    shorter's length, not its cube: past PARTIAL_WHOLE characters, the mean of the partial
    ratios of its chunks (a text found whole in the other still scores 100, chunk by chunk), and
    past PARTIAL_CHUNKS chunks, of that many spread evenly over it."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) <= PARTIAL_WHOLE:
        return fuzz.partial_ratio(short, long, score_cutoff=cutoff)
    count = -(-len(short) // PARTIAL_CHUNK)
    if count <= PARTIAL_CHUNKS:
        size = -(-len(short) // count)  # chunks of one size, the last maybe shorter
        starts = list(range(0, len(short), size))
    else:
        size, count = PARTIAL_CHUNK, PARTIAL_CHUNKS
        starts = [k * (len(short) - size) // (count - 1) for k in range(count)]
    total = 0.0
    for k, start in enumerate(starts):
        if total + 100.0 * (count - k) < cutoff * count:
            return 0.0  # the chunks left cannot bring the mean up to the cutoff
        total += fuzz.partial_ratio(short[start : start + size], long)
    mean = total / count
    return mean if mean >= cutoff else 0.0


def _similar_sentences(
    old: Section,
    new: Section,
    old_with_figures: Iterable[int],
    new_with_figures: Iterable[int],
    *,
    cutoff: float,
    only: set[tuple[int, int]] | None = None,
) -> set[SentenceLink]:
    """Link each sentence that states figures to its most similar such sentence on the other
    side (partial ratio, so a sentence split in two links to both halves), for sections that
    split or merged. `only`: the (old, new) sentence pairs to compare (see _shortlists); all
    when None."""
    if only is None:
        old_index = sorted(i for i in set(old_with_figures) if i < len(old.sentences))
        new_index = sorted(j for j in set(new_with_figures) if j < len(new.sentences))
        candidates: Iterable[tuple[int, int]] = itertools.product(old_index, new_index)
    else:
        candidates = sorted(only)
    # The most similar, and among equals the first: (score, -other index) at its highest.
    best_old: dict[int, tuple[float, int]] = {}
    best_new: dict[int, tuple[float, int]] = {}
    for i, j in candidates:
        old_sentence, new_sentence = old.sentences[i], new.sentences[j]
        if not (_worded(old_sentence) and _worded(new_sentence)):
            continue  # a row of figures alone ("— | — | (13,735)") is alike in nothing
        score = single_precision(partial_similarity(old_sentence, new_sentence, cutoff))
        if score > 0:
            best_old[i] = max(best_old.get(i, (0.0, 0)), (score, -j))
            best_new[j] = max(best_new.get(j, (0.0, 0)), (score, -i))
    links = {(old.id, i, new.id, -j) for i, (_, j) in best_old.items()}
    links.update((old.id, -i, new.id, j) for j, (_, i) in best_new.items())
    return links


@functools.lru_cache(maxsize=4096)
def _worded(sentence: str) -> bool:
    """Tell whether a sentence holds a word (a letter or a CJK character), not figures alone."""
    return any(c.isalpha() for c in sentence)


def _shortlists(
    compared: list[tuple[Section, Section, set[int], set[int]]],
) -> defaultdict[tuple[str, str], set[tuple[int, int]]]:
    """Return, by linked (old section id, new section id), the sentence pairs worth comparing:
    each sentence with the SHORTLIST sentences of the sections linked to its own that share the
    most of its rarest terms (a sentence split in two keeps its rare words in both halves)."""
    old_texts: dict[tuple[str, int], str] = {}
    new_texts: dict[tuple[str, int], str] = {}
    new_of: defaultdict[str, set[str]] = defaultdict(set)
    old_of: defaultdict[str, set[str]] = defaultdict(set)
    for old, new, old_stating, new_stating in compared:
        if old.id not in new_of:
            old_texts.update(
                ((old.id, i), old.sentences[i]) for i in old_stating if i < len(old.sentences)
            )
        if new.id not in old_of:
            new_texts.update(
                ((new.id, j), new.sentences[j]) for j in new_stating if j < len(new.sentences)
            )
        new_of[old.id].add(new.id)
        old_of[new.id].add(old.id)
    found: defaultdict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for (old_id, i), (new_id, j) in _nearest(old_texts, new_texts, new_of):
        found[old_id, new_id].add((i, j))
    for (new_id, j), (old_id, i) in _nearest(new_texts, old_texts, old_of):
        found[old_id, new_id].add((i, j))
    return found


def _nearest(
    queries: dict[tuple[str, int], str],
    pool: dict[tuple[str, int], str],
    linked: dict[str, set[str]],
) -> Iterator[tuple[tuple[str, int], tuple[str, int]]]:
    """Yield (query, pool sentence) for each query's SHORTLIST pool sentences in the sections
    linked to its own that share the most of its _RAREST_TERMS terms (rarest in the pool)."""
    holders: defaultdict[str, list[tuple[str, int]]] = defaultdict(list)
    for key, text in pool.items():
        for term in set(terms(text)):
            holders[term].append(key)
    for key, text in queries.items():
        sections = linked[key[0]]
        held = sorted((holders[term] for term in set(terms(text)) if term in holders), key=len)
        hits: Counter[tuple[str, int]] = Counter()
        for keys in held[:_RAREST_TERMS]:
            hits.update(k for k in keys[:_HOLDERS_READ] if k[0] in sections)
        for other, _ in hits.most_common(SHORTLIST):
            yield key, other


def _section_links(sections: Iterable[SectionPair]) -> list[tuple[str, str]]:
    """Return (old id, new id) links of sections that split, merged or exchanged sentences,
    and of those left unpaired under a pair (_orphan_links)."""
    links: list[tuple[str, str]] = []
    new_of_old = {p.old.id: p.new.id for p in sections if p.old and p.new}
    old_of_new = {p.new.id: p.old.id for p in sections if p.old and p.new}
    for p in sections:
        if p.new and p.split_from is not None:
            links.append((p.split_from, p.new.id))
        if p.old and p.merged_into is not None:
            links.append((p.old.id, p.merged_into))
        for s in p.sentences:
            if p.old and s.moved_to is not None:
                links.append((p.old.id, s.moved_to))
            if p.new and s.moved_from is not None:
                links.append((s.moved_from, p.new.id))
    links += _orphan_links(sections, new_of_old, old_of_new)
    aligned = set(new_of_old.items()) | {(o, n) for n, o in old_of_new.items()}
    return [link for link in dict.fromkeys(links) if link not in aligned]


def _orphan_links(
    sections: Iterable[SectionPair], new_of_old: dict[str, str], old_of_new: dict[str, str]
) -> list[tuple[str, str]]:
    """Return links of the sections left unpaired under a pair of sections: each with its
    parent's counterpart, and with the other year's unpaired sections under it. National 2009
    states its farm work in five subsections (3.3.1 to 3.3.5) of 3.3, 2010 in 2.3 alone; 2009's
    再解决6000万人安全饮水问题 is 2010's 今年再解决6000万农村人口的安全饮水问题."""

    def under(section_id: str, paired: dict[str, str]) -> str | None:
        """The id of the nearest ancestor of a section that is paired (None: none is)."""
        while "." in section_id:
            section_id = section_id.rsplit(".", 1)[0]
            if section_id in paired:
                return section_id
        return None

    removed: defaultdict[str, list[str]] = defaultdict(list)  # new parent id -> old orphans
    added: defaultdict[str, list[str]] = defaultdict(list)  # new parent id -> new orphans
    for p in sections:
        if p.old is not None and p.new is None:
            parent = under(p.old.id, new_of_old)
            if parent is not None:
                removed[new_of_old[parent]].append(p.old.id)
        elif p.new is not None and p.old is None:
            parent = under(p.new.id, old_of_new)
            if parent is not None:
                added[parent].append(p.new.id)
    links: list[tuple[str, str]] = []
    for parent, old_ids in removed.items():
        links += [(old_id, parent) for old_id in old_ids]
        links += [(old_id, new_id) for old_id in old_ids for new_id in added.get(parent, ())]
    for parent, new_ids in added.items():
        links += [(old_of_new[parent], new_id) for new_id in new_ids]
    return links


@collector_paused()
def match_metrics(
    old: Report,
    new: Report,
    sections: tuple[SectionPair, ...],
    *,
    settings: Settings,
    copies: tuple[Report, Report] | None = None,
) -> tuple[MetricChange, ...]:
    """Match the metrics of two reports and return one change per figure, in document order.

    A report in Traditional Chinese is matched as its Simplified copy (the rules are keyed on
    Simplified words: traditional.simplified_copy; `copies`, when the caller made them), and
    its figures given back as written.
    """
    if copies is None:
        copies = traditional.simplified_copy(old), traditional.simplified_copy(new)
    old_copy, new_copy = copies
    changes = _match_metrics(old_copy, new_copy, sections, settings=settings)
    if old_copy is old and new_copy is new:
        return changes
    own = {
        id(c): m
        for r, copy in ((old, old_copy), (new, new_copy))
        for c, m in zip(copy.metrics, r.metrics, strict=True)
    }
    return tuple(_given_back(change, own) for change in changes)


def _given_back(change: MetricChange, own: dict[int, Metric]) -> MetricChange:
    """Return a change of figures of Simplified copies with the reports' own figures (`own`:
    by the id of each copy), and the label of the one it was named after."""
    old = own[id(change.old)] if change.old is not None else None
    new = own[id(change.new)] if change.new is not None else None
    label = change.label
    if new is not None and change.new is not None and label == change.new.label:
        label = new.label
    elif old is not None and change.old is not None and label == change.old.label:
        label = old.label
    # Named otherwise in the Simplified copies, as the old report writes it (not 學校 for 学校).
    was = old.label if old is not None and change.label_was else ""
    return replace(change, old=old, new=new, label=label, label_was=was)


def _match_metrics(
    old: Report,
    new: Report,
    sections: tuple[SectionPair, ...],
    *,
    settings: Settings,
) -> tuple[MetricChange, ...]:
    """match_metrics, the reports' figures as they are."""
    old_side, new_side = _Side.of(old), _Side.of(new)
    _twin(old_side, new_side)
    cutoff = settings.metric_cutoff
    matched: dict[int, tuple[int, float]] = {}  # old index -> (new index, score)
    taken: set[int] = set()
    same_year: set[int] = set()  # old indexes matched to the same year's cell of a table
    old_yearless, new_yearless = _without_next_year(old_side, new_side)

    def solve(
        old_ids: Sequence[int],
        new_ids: Sequence[int],
        sentence_links: set[SentenceLink],
        *,
        label_cutoff: float,
        require_label: bool = False,
        section_links: set[tuple[str, str]] | None = None,
        shifts: _Shifts | None = None,
    ) -> None:
        old_ids = sorted({i for i in old_ids if i not in matched and i not in old_yearless})
        new_ids = sorted({j for j in new_ids if j not in taken and j not in new_yearless})
        if not old_ids or not new_ids:
            return
        if shifts is None:
            shifts = _Shifts(old_side, new_side, sentence_links)
        scores = _score_matrix(
            old_side,
            new_side,
            old_ids,
            new_ids,
            sentence_links,
            shifts,
            label_cutoff=label_cutoff,
            require_label=require_label,
            section_links=section_links,
            settings=settings,
        )
        for a, b in assign_pairs(scores):
            i, j = old_ids[a], new_ids[b]
            matched[i] = (j, min(max(scores[a, b], 0.0), 100.0))
            taken.add(j)
            if shifts.same_year(i, j):
                same_year.add(i)

    pairs = list(sections)
    old_sections = {s.id: s for s in old.walk()}
    new_sections = {s.id: s for s in new.walk()}
    if old.preamble is not None:
        old_sections["0"] = old.preamble
    if new.preamble is not None:
        new_sections["0"] = new.preamble
    covered = {p.old.id for p in pairs if p.old} | {p.new.id for p in pairs if p.new}
    if old.preamble is not None and new.preamble is not None and "0" not in covered:
        preamble = SectionPair(status=SectionStatus.MODIFIED, old=old.preamble, new=new.preamble)
        pairs.insert(0, preamble)
    # 1. Within aligned section pairs, where sentence positions are known. Their table rows'
    #    shifts are found once for all of them, and serve again for restated copies below.
    aligned_pairs = [
        (p, _sentence_links(p, settings.sentence_cutoff, (old_side, new_side)))
        for p in pairs
        if p.old is not None and p.new is not None
    ]
    aligned_shifts = _Shifts(old_side, new_side, set().union(*(s for _, s in aligned_pairs)))
    for pair, sentence_links in aligned_pairs:
        assert pair.old is not None and pair.new is not None
        solve(
            old_side.by_section.get(pair.old.id, []),
            new_side.by_section.get(pair.new.id, []),
            sentence_links,
            label_cutoff=cutoff,
            shifts=aligned_shifts,
        )
    # 2. Across sections that split, merged or exchanged sentences: all links in one problem,
    #    so that the result does not depend on the order of the links.
    links: set[tuple[str, str]] = set()
    similar: set[SentenceLink] = set()
    compared: list[tuple[Section, Section, set[int], set[int]]] = []
    for old_id, new_id in _section_links(pairs):
        old_section, new_section = old_sections.get(old_id), new_sections.get(new_id)
        if old_section is None or new_section is None:
            continue  # a link to a section id that is not in the report: nothing to match
        links.add((old_id, new_id))
        compared.append(
            (
                old_section,
                new_section,
                old_side.stating.get(old_id, set()),
                new_side.stating.get(new_id, set()),
            )
        )
    shortlists = None
    if sum(len(o) * len(n) for _, _, o, n in compared) > SIMILAR_SENTENCE_BUDGET:
        shortlists = _shortlists(compared)
    for old_section, new_section, old_stating, new_stating in compared:
        similar |= _similar_sentences(
            old_section,
            new_section,
            old_stating,
            new_stating,
            cutoff=settings.sentence_cutoff,
            only=None if shortlists is None else shortlists[old_section.id, new_section.id],
        )
    if links:
        solve(
            [i for old_id, _ in sorted(links) for i in old_side.by_section.get(old_id, [])],
            [j for _, new_id in sorted(links) for j in new_side.by_section.get(new_id, [])],
            similar,
            label_cutoff=cutoff,
            section_links=links,
        )
    # 3. Report-wide, on near-identical labels only.
    solve(
        range(len(old.metrics)),
        range(len(new.metrics)),
        set(),
        label_cutoff=max(cutoff, settings.metric_global_cutoff),
        require_label=True,
    )
    # 4. What is left: a figure stated for the same year in both, in other words; then a goal
    #    for a year after both, revised.
    for find in (_same_year_figures, _revised_goals):
        for i, j in find(old_side, new_side, matched.keys() | old_yearless, taken | new_yearless):
            matched[i] = (j, SAME_YEAR_SCORE)
            taken.add(j)
    copies, repeated = _restated_copies(old_side, new_side, matched, taken, aligned_shifts)
    prose_copies, prose_repeated = _restated_prose(old_side, new_side, matched, taken)
    copies += prose_copies
    repeated += prose_repeated
    repeated += _last_year_again(old_side, new_side, matched, taken)
    changes = _collect(old_side, new_side, matched, taken, same_year, copies, repeated)
    changes = _rolled_off(changes, pairs, old, new, (old_side, new_side), settings.sentence_cutoff)
    order = _section_order(pairs)
    return tuple(sorted(changes, key=lambda c: _sort_key(c, order)))


# A figure stated for a year right after it: "$3.7 billion in FY2010", "2300元（2010年不变价）",
# "$50 to $80 per tonne by 2030".
_YEAR_AFTER = regex(
    r"\s*(?:in|during|for|as of|by)\s+(?:FY|fiscal\s+(?:year\s+)?)?((?:19|20)\d\d)\b"
    r"|\s*[（(]?((?:19|20)\d\d)年"
)
# The score of a pair found by _same_year_figures or _revised_goals: sure of the figure (of its
# year), not of its label.
SAME_YEAR_SCORE = 60.0


def _same_year_figures(
    old: _Side, new: _Side, paired: Collection[int], taken: Collection[int]
) -> list[tuple[int, int]]:
    """Return the pairs of figures left unpaired (not in `paired`, `taken`) that state one
    value, in one unit, for one year named right after them, each the only such figure of its
    report: Singapore's "from $3.7 billion in FY2010 to $11.3 billion in 2019" (2021) and
    "from $3.7 billion in 2010 to $11.3 billion in 2019" (2022), whose labels (government
    spending on healthcare, Government healthcare expenditure) differ too much to pair. Or for
    the only year their sentences name, with the same qualifier and labels alike (at least
    SAME_YEAR_LABEL): "In the last Financial Year, FY2020, we were expecting to draw up to $52
    billion from Past Reserves" (2021), "At the onset of COVID-19 in FY2020, we were looking to
    draw up to $52 billion" (2022)."""

    def keyed(side: _Side, ids: Iterable[int]) -> dict[tuple[object, ...], list[int]]:
        found: defaultdict[tuple[object, ...], list[int]] = defaultdict(list)
        only_years: dict[tuple[str, int], str | None] = {}  # by sentence: read once each
        for i in ids:
            metric = side.metrics[i]
            after = _YEAR_AFTER.match(side.texts[i], metric.end)
            key: tuple[object, ...] = (
                metric.value,
                metric.upper,
                metric.unit,
                metric.scale,
                metric.kind,
            )
            if after is not None:
                found[(*key, after.group(1) or after.group(2))].append(i)
                continue
            sentence = metric.section, metric.sentence
            if sentence not in only_years:
                only_years[sentence] = _only_year(side.texts[i])
            if (year := only_years[sentence]) is not None:
                # The only year its sentence names; "up to $52 billion" is no "$52 billion".
                found[(*key, "~" + year, metric.qualifier)].append(i)
        return found

    old_keys = keyed(old, (i for i in range(len(old.metrics)) if i not in paired))
    if not old_keys:
        return []
    new_keys = keyed(new, (j for j in range(len(new.metrics)) if j not in taken))
    pairs = []
    for key, ids in old_keys.items():
        if len(ids) != 1 or len(new_keys.get(key, ())) != 1:
            continue
        i, j = ids[0], new_keys[key][0]
        loose = len(key) > 6  # by the year of the sentence, not one right after the figure
        if loose and _label_score(old.labels[i], new.labels[j]) < SAME_YEAR_LABEL:
            continue
        pairs.append((i, j))
    return pairs


def _revised_goals(
    old: _Side, new: _Side, paired: Collection[int], taken: Collection[int]
) -> list[tuple[int, int]]:
    """Return the pairs of figures left unpaired that are goals for one year after both
    reports, named right after them, each its report's only one in its unit for that year,
    their labels alike (at least REVISED_GOAL_LABEL): Singapore's carbon tax "to be increased to
    between $10 and $15 per tonne by 2030" (2021) and "reaching $50 to $80 per tonne by 2030"
    (2022), said in sections apart and labelled apart (carbon tax level, carbon tax)."""
    if old.year is None or new.year is None:
        return []
    after_both = max(old.year, new.year)

    def keyed(side: _Side, ids: Iterable[int]) -> dict[tuple[object, ...], list[int]]:
        found: defaultdict[tuple[object, ...], list[int]] = defaultdict(list)
        for i in ids:
            metric = side.metrics[i]
            after = _YEAR_AFTER.match(side.texts[i], metric.end)
            if after is not None and int(year := after.group(1) or after.group(2)) > after_both:
                found[(metric.unit, metric.scale, metric.kind, year)].append(i)
        return found

    old_keys = keyed(old, (i for i in range(len(old.metrics)) if i not in paired))
    new_keys = (
        keyed(new, (j for j in range(len(new.metrics)) if j not in taken)) if old_keys else {}
    )
    return [
        (ids[0], new_keys[key][0])
        for key, ids in old_keys.items()
        if len(ids) == 1
        and len(new_keys.get(key, ())) == 1
        and _label_score(old.labels[ids[0]], new.labels[new_keys[key][0]]) >= REVISED_GOAL_LABEL
    ]


# A year a sentence names ("In the last Financial Year, FY2020, …", "2020年").
_SENTENCE_YEAR = regex(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _only_year(sentence: str) -> str | None:
    """Return the one year a sentence names, or None when it names none or several (read up
    to the second year, not through a sentence of thousands of figures)."""
    found = None
    for year in _SENTENCE_YEAR.finditer(sentence):
        if found is not None and year.group(1) != found:
            return None
        found = year.group(1)
    return found


# How alike the labels of two figures must be to pair by the one year their sentences name
# (expecting to draw and looking to draw, of up to $52 billion in FY2020), where a year right
# after both figures is evidence enough.
SAME_YEAR_LABEL = 51.0
# How alike the labels of two goals for one year must be to pair whatever their values (carbon
# tax level and carbon tax score 77; Solar panels on roofs will make and Offshore wind farms
# will make, 60).
REVISED_GOAL_LABEL = 70.0


def _rolled_off(
    changes: list[MetricChange],
    pairs: Sequence[SectionPair],
    old: Report,
    new: Report,
    sides: tuple[_Side, _Side],
    least: float,
) -> list[MetricChange]:
    """Mark the dropped figures of a year older than every year the columns of the new
    report's aligned row show, else those of its paired section (MetricChange.rolled_off): the
    2017 filing's 2015 column, gone from the 2018 filing's tables of 2018, 2017 and 2016. A
    figure of a list of years in prose ("… and $794 million in 2017, 2016 and 2015,
    respectively") is weighed against the list of the new sentence aligned with it (rows and
    sentences aligned at least `least` alike, as _sentence_links gives them); a row of a table
    that stacks its years in blocks (a roll-forward's 2015, gone from the next filing's 2016 to
    2018) against the blocks of its paired section; a figure of a sentence stated for a year
    ("During 2016, the Company spent $29.0 billion…") against the years the paired section's
    sentences are stated for (2018 and 2017). Never a figure of the old report's own year."""
    old_side, new_side = sides
    years: dict[str, set[int]] = {}  # new section id -> the years its columns show
    row_years: dict[tuple[str, int], set[int]] = {}  # new table row -> the years of its columns
    blocks: dict[str, set[int]] = {}  # new section id -> the years of its tables' blocks
    # (new section id, row name, its date aside) -> the years of the blocks that have the row:
    # a roll-forward's 2015 movements are gone though its 2015 closing balance opens it.
    block_rows: dict[tuple[str, str], set[int]] = {}
    for j, metric in enumerate(new.metrics):
        if metric.column and (year := column_year(metric.column, new.year)) is not None:
            years.setdefault(metric.section, set()).add(year)
            row_years.setdefault((metric.section, metric.sentence), set()).add(year)
        elif new_side.tabled[j] and (year := new_side.periods[j]) is not None:
            blocks.setdefault(metric.section, set()).add(year)
            name = _DATE_IN_LABEL.sub("", new_side.labels[j])
            block_rows.setdefault((metric.section, name), set()).add(year)
    prose: dict[str, set[int]] = {}  # new section id -> the years its sentences are stated for
    for period, held in new_side.stated_prose.items():
        for j in held:
            prose.setdefault(new.metrics[j].section, set()).add(period)
    listed_years = _ListedYears(old, new)
    removed = [
        k for k, c in enumerate(changes) if c.status is MetricStatus.REMOVED and c.old is not None
    ]
    if not removed or not (years or blocks or prose or listed_years.any_lists()):
        return changes  # no table of years, no list of years: every report but a filing
    old_rows: dict[tuple[str, int], list[Metric]] = {}
    for metric in old.metrics:
        if metric.column:
            old_rows.setdefault((metric.section, metric.sentence), []).append(metric)
    dated: dict[int, int] = {}  # the dropped figures of a year: by their place in `changes`
    stacked: dict[int, str] = {}  # those in a block of a table that stacks its years: row name
    stated: set[int] = set()  # those of a sentence stated for a year ("During 2016, …")
    # The figures of a row's label, by their places (see _label_year), weigh as its cells do.
    labelled: set[int] = set()
    index = {id(metric): i for i, metric in enumerate(old.metrics)}
    for k in removed:
        dropped = changes[k].old
        assert dropped is not None
        i = index.get(id(dropped))
        if dropped.column:
            year = column_year(dropped.column, old.year)
            if year is None:
                key = dropped.section, dropped.sentence
                year = _change_column_year(dropped, old_rows.get(key, ()), old.year)
        else:  # "… 1.49% in 2017, 2016 and 2015, respectively"
            year = listed_years.old_year(dropped)
            if year is None and i is not None and old_side.cells[i] == 0:
                year = _label_year(old_side, i, old.year)
                if year is not None:
                    labelled.add(k)
        if year is None and i is not None and old_side.tabled[i]:
            year = old_side.periods[i]  # "Balances as of September 27, 2014 | …" and its year
            stacked[k] = _DATE_IN_LABEL.sub("", old_side.labels[i])
        elif year is None and i is not None and (year := old_side.periods[i]) is not None:
            stated.add(k)
        if year is not None:
            dated[k] = year
    if not dated:
        return changes
    paired = {p.old.id: p.new.id for p in pairs if p.old is not None and p.new is not None}
    # An old row's years are weighed against those of the new row aligned with it (a balance
    # sheet's two years), else against its section's (a row the new report no longer has).
    aligned: dict[tuple[str, int], tuple[str, int]] | None = None  # found when first asked
    # The new row an old row's other cells paired into names its years best: a row the aligner
    # paired otherwise (rows that came in another order, a row against a head) still pairs its
    # cells by label and column. So does the new sentence an old sentence's other figures
    # paired into: a change from last year's figure (to £420m from £465m) whose sentence the
    # aligner left unpaired.
    rows = {(m.section, m.sentence) for k in dated if (m := changes[k].old) is not None}
    landed = _rows_landed(changes, rows)
    out = list(changes)
    for k, year in dated.items():
        dropped = changes[k].old
        assert dropped is not None
        key = dropped.section, dropped.sentence
        row = landed.get(key)
        if row is None:
            if aligned is None:
                aligned = {
                    (old_id, old_index): (new_id, new_index)
                    for p in pairs
                    for old_id, old_index, new_id, new_index in _sentence_links(p, least, sides)
                }
            row = aligned.get(key)
        if k in stacked:  # against the blocks of the paired section that have the row
            section = paired.get(dropped.section, "")
            shown = block_rows.get((section, stacked[k])) or blocks.get(section)
        elif k in stated:
            shown = prose.get(paired.get(dropped.section, ""))
        elif dropped.column or k in labelled:
            shown = row_years.get(row) if row else None
            shown = shown or years.get(paired.get(dropped.section, ""))
        elif row:  # against the new sentence's years
            shown = listed_years.new_years(row) or listed_years.new_years_stated(row, dropped)
        else:
            shown = None
        # The old filing's own year never rolls off: the next shows it as last year's, whatever
        # its row or sentences there say ("In August 2017, … 4.5 million shares", notes issued
        # in 2017 beside the row of notes issued in 2018, "—" for 2017: both were left out).
        own = old.year is not None and year >= old.year
        if shown and year < min(shown) and not own:
            out[k] = _as_rolled_off(changes[k], True)
    return out


# A report's sentences by section id, and its figures' (start, end) by sentence.
_SentenceIndex = tuple[dict[str, tuple[str, ...]], dict[tuple[str, int], list[tuple[int, int]]]]


class _ListedYears:
    """The years of the figures of English lists stated for lists of years (see
    quantities.year_list_years), by sentence. Each report's sentences and figures are indexed
    when first asked (most comparisons never ask)."""

    def __init__(self, old: Report, new: Report) -> None:
        self.reports = old, new
        self.found: dict[tuple[int, str, int], dict[int, int]] = {}
        self.indexed: dict[int, _SentenceIndex] = {}
        self.texts: dict[int, dict[str, tuple[str, ...]]] = {}

    def any_lists(self) -> bool:
        """Tell whether the old report may state a list of years at all ("respectively"), or a
        figure's comparative ("(2021: £1,250m)")."""
        sentences = self._sentences(0)
        return any(may_list_years(text) for held in sentences.values() for text in held)

    def _sentences(self, side: int) -> dict[str, tuple[str, ...]]:
        if side not in self.texts:
            self.texts[side] = {s.id: s.sentences for s in self.reports[side].bodies()}
        return self.texts[side]

    def _index(self, side: int) -> _SentenceIndex:
        if side not in self.indexed:
            report = self.reports[side]
            sentences = self._sentences(side)
            spans: defaultdict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
            for m in report.metrics:
                spans[m.section, m.sentence].append((m.start, m.end))
            self.indexed[side] = sentences, dict(spans)
        return self.indexed[side]

    def _years(self, side: int, section: str, sentence: int) -> dict[int, int]:
        key = (side, section, sentence)
        if key not in self.found:
            sentences, spans = self._index(side)
            held = sentences.get(section, ())
            text = held[sentence] if sentence < len(held) else ""
            found = spans.get((section, sentence), []) if may_list_years(text) else []
            year = self.reports[side].year
            self.found[key] = year_list_years(text, found, year) if found else {}
        return self.found[key]

    def old_year(self, metric: Metric) -> int | None:
        """Return the year an old figure of such a list is stated for, or None."""
        years = self._years(0, metric.section, metric.sentence)
        if not years:
            return None
        spans = self._index(0)[1][metric.section, metric.sentence]
        return years.get(spans.index((metric.start, metric.end)))

    def new_years(self, sentence: tuple[str, int]) -> set[int]:
        """Return the years a new sentence's list is stated for (empty for any other)."""
        return set(self._years(1, *sentence).values())

    def new_years_stated(self, sentence: tuple[str, int], old: Metric) -> set[int]:
        """Return the years a new sentence that lists none states its figures for, when the old
        figure is one of a list of years: the 2018 filing's "… 59% of total trade receivables
        as of both September 29, 2018 and September 30, 2017" shows 2018 and 2017, against the
        2017 filing's "59% and 63% of trade receivables as of September 30, 2017 and September
        24, 2016, respectively" (not against "from $175 billion to $210 billion", a change)."""
        held = self._sentences(0).get(old.section, ())
        if old.sentence >= len(held) or "respectively" not in held[old.sentence]:
            return set()
        section, index = sentence
        held = self._sentences(1).get(section, ())
        return years_stated(held[index]) if index < len(held) else set()


_as_rolled_off = fast_replacer(MetricChange, "rolled_off")


def _rows_landed(
    changes: list[MetricChange], wanted: Collection[tuple[str, int]]
) -> dict[tuple[str, int], tuple[str, int]]:
    """Map each old table row of `wanted` to the new row most of its paired cells stand in, and
    each old prose sentence to the new sentence most of its paired figures stand in."""
    votes: dict[tuple[str, int], Counter[tuple[str, int]]] = {}
    for change in changes:
        was, now = change.old, change.new
        if (
            was is not None
            and now is not None
            and (row := (was.section, was.sentence)) in wanted
            and bool(was.column) == bool(now.column)
        ):
            votes.setdefault(row, Counter())[now.section, now.sentence] += 1
    return {row: counted.most_common(1)[0][0] for row, counted in votes.items()}


def _label_year(side: _Side, i: int, year: int | None) -> int | None:
    """Return the year of figure i of a table row's label, the year of the column at its place
    ("…, net of tax effects of $(77), $8 and $201, respectively | 224 | 75 | (411)" under
    2017 | 2016 | 2015: $201 is 2015's), or None."""
    m = side.metrics[i]
    row = m.section, m.sentence
    place = _place_in_label(side, row, i)
    for k in side.by_sentence[row]:
        if side.cells[k] == place and (column := side.metrics[k].column):
            return column_year(column, year)
    return None


def _change_column_year(cell: Metric, row: Sequence[Metric], year: int | None) -> int | None:
    """Return the year a change column's cell rolls off with, or None: a column named more than
    once in its row between two years ("2017 | Change | 2016 | Change | 2015", a 10-K's) holds
    the change from the older year to the newer, gone when the older year is."""
    if sum(1 for m in row if m.column == cell.column) < 2 or cell not in row:
        return None
    row = sorted(row, key=lambda m: m.start)
    at = row.index(cell)
    if at == 0 or at == len(row) - 1:
        return None
    before = column_year(row[at - 1].column, year)
    after = column_year(row[at + 1].column, year)
    return min(before, after) if before is not None and after is not None else None


def _collect(
    old: _Side,
    new: _Side,
    matched: dict[int, tuple[int, float]],
    taken: set[int],
    same_year: set[int],
    copies: list[tuple[int, int]],
    repeated: list[tuple[int, int]],
) -> list[MetricChange]:
    """Turn matches and leftovers into changes, quoting each figure once (`same_year`: old
    figures matched to the same year's figure, see MetricChange.restated), but for a filing's
    own-year cell that the other filing restates (`copies`); one the other states again the
    same (`repeated`) is neither new nor dropped (see _restated_copies)."""
    changes: list[MetricChange] = []
    old_ids_seen: set[tuple[object, ...]] = set()
    new_ids_seen: set[tuple[object, ...]] = set()
    # The same figure quoted again, with the same change, is reported once: by the pair with
    # the best score (then nearest the start of both documents), whichever side is "old".
    best: dict[tuple[tuple[object, ...], tuple[object, ...]], tuple[float, float, int, int]] = {}
    for i, (j, score) in matched.items():
        key = (old.identities[i], new.identities[j])
        rank = (-score, old.position[i] + new.position[j], i, j)
        if key not in best or rank < best[key]:
            best[key] = rank
        old_ids_seen.add(key[0])
        new_ids_seen.add(key[1])
    for score, _, i, j in sorted(best.values(), key=lambda r: (r[2], r[3])):
        changes.append(
            _change(
                old.metrics[i], new.metrics[j], old.values[i], new.values[j], -score, i in same_year
            )
        )
    for i, j in copies:
        changes.append(
            _change(old.metrics[i], new.metrics[j], old.values[i], new.values[j], 100.0, True)
        )
        old_ids_seen.add(old.identities[i])
        new_ids_seen.add(new.identities[j])
    for i, j in repeated:
        old_ids_seen.add(old.identities[i])
        new_ids_seen.add(new.identities[j])
    # A figure left over whose label, value and unit the other report states too is not new
    # or dropped: it is that figure quoted again (the new report's column for last year).
    old_ids_seen |= {figure for figure in new.identities if figure[-1]}
    new_ids_seen |= {figure for figure in old.identities if figure[-1]}
    # So is the figure of notes that have fallen due since, stated without their due year
    # ("Floating-rate notes due 2018 | … | $2,000", then "Floating-rate notes | — | $— | —% |
    # $2,000 | 1.10%": last year's column), either way round.
    for dated, bare in ((old, new), (new, old)):
        seen_dated, seen_bare = _fallen_due(dated, bare)
        (old_ids_seen if dated is old else new_ids_seen).update(seen_dated)
        (new_ids_seen if dated is old else old_ids_seen).update(seen_bare)
    for i, o in enumerate(old.metrics):
        if i not in matched and old.identities[i] not in old_ids_seen:
            old_ids_seen.add(old.identities[i])
            changes.append(_one_side(MetricStatus.REMOVED, o, None))
    for j, n in enumerate(new.metrics):
        if j not in taken and new.identities[j] not in new_ids_seen:
            new_ids_seen.add(new.identities[j])
            changes.append(_one_side(MetricStatus.ADDED, None, n))
    return changes


def _fallen_due(dated: _Side, bare: _Side) -> tuple[set[Identity], set[Identity]]:
    """Return the identities of the table cells of notes named by their due year (see
    quantities.other_notes) that the other side states without it, and those statements."""
    undated: dict[Identity, Identity] = {}
    for i, debt in enumerate(dated.debts):
        if debt and dated.tabled[i] and not debt[-1].endswith("%"):  # a due year: last
            figure = dated.identities[i]
            due = f" due {debt[-1]}"  # at the end of the label as labels are compared
            if figure[-1].endswith(due):
                undated[(*figure[:-1], figure[-1].removesuffix(due))] = figure
    if not undated:
        return set(), set()
    stated = {figure for j, figure in enumerate(bare.identities) if bare.tabled[j]}
    found = undated.keys() & stated
    return {undated[figure] for figure in found}, found


def _stated_years(periods: list[int | None], tabled: list[bool]) -> dict[int, list[int]]:
    """Return, by year, the figures of prose sentences that name that year."""
    years: dict[int, list[int]] = defaultdict(list)
    for i, period in enumerate(periods):
        if period is not None and not tabled[i]:
            years[period].append(i)
    return dict(years)


def _period_labels(periods: list[int | None], labels: list[str]) -> dict[int, set[str]]:
    """Return, by year, the labels of the figures stated for it (prose, or a stacked table)."""
    years: dict[int, set[str]] = defaultdict(set)
    for period, label in zip(periods, labels, strict=True):
        if period is not None:
            years[period].add(label)
    return dict(years)


# A year's figure stated again by the next filing is known by its label, or by a label near it
# in a sentence near its own: "by raising the expected total size of the program from $250
# billion…" is 2017's figure in both filings, "cash generated by operating activities" (89.5 to
# "… investing activities") is not "cash used in investing activities" in another sentence.
YEAR_COPY_LABEL = 80.0
YEAR_COPY_SENTENCE = 80.0


def _copy_of(side: _Side, k: int, other: _Side, m: int) -> bool:
    """Tell whether figure m of one filing is figure k of the other stated again (same year)."""
    return _copy_named(side, k, other.labels[m], other.texts[m])


def _copy_named(side: _Side, k: int, label: str, text: str) -> bool:
    """Tell whether figure k of a filing is a figure of that label in that sentence."""
    if side.labels[k] == label:
        return True
    return (
        _label_score(side.labels[k], label) >= YEAR_COPY_LABEL
        and fuzz.ratio(side.texts[k], text) >= YEAR_COPY_SENTENCE
    )


def _states(side: _Side, period: int | None, other: _Side, m: int) -> bool:
    """Tell whether a filing states figure m of the other filing for that year too.

    Asked of many pairs, and alike for every cell of a table row: kept by year, label and
    sentence (a 10-K's stacked tables give a year hundreds of figures)."""
    if period is None:
        return False
    label = other.labels[m]
    if label in side.period_labels.get(period, ()):
        return True
    if other.tabled[m]:
        return False  # a row of a stacked table is known by its name
    key = (period, label, other.texts[m])
    found = side.states.get(key)
    if found is None:
        text = key[2]
        found = side.states[key] = any(
            _copy_named(side, k, label, text) for k in side.stated_prose.get(period, ())
        )
    return found


def _other_years(old: _Side, new: _Side, i: int, j: int, gap: int) -> bool:
    """Tell whether two figures are of years that do not follow as the two reports do.

    A filing tells the figures of its year and of the year before in sentences of their own
    ("During 2018, the Company spent $73.1 billion…", "During 2017, … $33.0 billion…"). The old
    filing's own-year figure (2017) pairs with the new filing's (2018), not with a figure of
    another year or of a sentence that names none. The figures that pair with nothing whatever
    the other (the new filing's 2017, the old filing's 2016) are left out before: see
    _without_next_year. Read the other way round, the sides swap.
    """
    old_period, new_period = old.periods[i], new.periods[j]
    if old_period is not None and new_period is not None and new_period - old_period != gap:
        return True
    ahead, behind, a, b = (new, old, j, i) if gap > 0 else (old, new, i, j)
    behind_period = behind.periods[b]
    # The old filing's 2017, which the new one states again: it pairs with a figure of 2018,
    # not with one of a sentence that names no year.
    return (
        behind_period is not None
        and ahead.periods[a] is None
        and _states(ahead, behind_period, behind, b)
    )


def _without_next_year(old: _Side, new: _Side) -> tuple[set[int], set[int]]:
    """Return the old and the new figures that pair with no figure of the other filing: the new
    filing's copies of the old one's years (its 2017, which the old states too: see
    _restated_prose) and the old filing's years that have their next in the old filing itself
    (its 2016: "During 2016, … $29.0 billion" is not 2018's $73.1 billion). They are left out
    before pairs are scored: a 10-K's stacked tables make thousands of them."""
    gap = _years_apart(old, new)
    if not gap:
        return set(), set()
    ahead, behind, step = (new, old, gap) if gap > 0 else (old, new, -gap)
    copies = {
        a
        for a, period in enumerate(ahead.periods)
        if period is not None and _states(behind, period, ahead, a)
    }
    has_next = {
        b
        for b, period in enumerate(behind.periods)
        if period is not None and _states(behind, period + step, behind, b)
    }
    return (has_next, copies) if gap > 0 else (copies, has_next)


def _years_apart(old: _Side, new: _Side) -> int | None:
    """Return how many years the new report is after the old one, or None when either has no
    year (a figure then pairs whatever year its sentence names)."""
    return None if old.year is None or new.year is None else new.year - old.year


def _last_year_again(
    old: _Side, new: _Side, matched: dict[int, tuple[int, float]], taken: set[int]
) -> list[tuple[int, int]]:
    """Return the (old, new) figures of which the newer report's is last year's figure stated
    beside its own, the same as the figure the other report pairs with that one (赤字率稳定在
    2.1% paired with 赤字率从去年的2.1%提高到2.3%'s 2.3%: its 2.1% is neither new nor dropped,
    whatever its label)."""
    found: list[tuple[int, int]] = []
    gap = _years_apart(old, new)
    if gap is not None and gap < 0:  # read backwards: the old report is the newer
        for i, (j, _) in matched.items():
            k = old.last_year[i]
            if k is not None and k not in matched and old.values[k] == new.values[j]:
                found.append((k, j))
        return found
    for i, (j, _) in matched.items():
        k = new.last_year[j]
        if k is not None and k not in taken and new.values[k] == old.values[i]:
            found.append((i, k))
    return found


def _restated_prose(
    old: _Side, new: _Side, matched: dict[int, tuple[int, float]], taken: set[int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return the (old, new) figures of prose sentences stated for the same year ("During 2017,
    the Company spent $33.0 billion" in both filings), one of them left unpaired: those
    told otherwise (cash generated by operating activities $63.6 billion, restated $64.2 billion)
    and those told the same, as _restated_copies does for a table's columns. The old filing's
    2017 figure pairs with the new filing's 2018 one; the new filing's 2017 one is its copy."""
    found: list[tuple[int, int]] = []
    repeated: list[tuple[int, int]] = []
    if _years_apart(old, new) in (None, 0):
        return found, repeated
    # Prose figures by year, unit and kind; a stacked table's cells (see tables.stacked_years)
    # by their row's name and column as well: a row is known by its name (and a table of
    # thousands of rows is not searched row by row).
    olds: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, period in enumerate(old.periods):
        if period is not None and old.labels[i]:
            olds[_copy_key(old, i, period)].append(i)
    used: set[int] = set()
    for j, period in enumerate(new.periods):
        if period is None or not new.labels[j]:
            continue
        best: tuple[float, int] | None = None
        for i in olds.get(_copy_key(new, j, period), ()):
            if i in used or (j in taken and i in matched):
                continue  # a copy is of a figure left over on one side at least
            if new.tabled[j]:
                best = (100.0, i)  # the row's first cell of its column left
                break
            if not _copy_of(old, i, new, j):
                continue
            score = _label_score(old.labels[i], new.labels[j])
            if best is None or score > best[0]:
                best = (score, i)  # the first of the best: figures of a sentence in order
        if best is not None:
            i = best[1]
            (found if old.values[i] != new.values[j] else repeated).append((i, j))
            used.add(i)
    return found, repeated


def _copy_key(side: _Side, i: int, period: int) -> tuple[object, ...]:
    """Return what a figure and its copy in the other filing share (see _restated_prose)."""
    if side.tabled[i]:
        return (period, side.units[i], side.kinds[i], side.labels[i], side.cells[i], side.heads[i])
    return (period, side.units[i], side.kinds[i])


def _restated_copies(
    old: _Side,
    new: _Side,
    matched: dict[int, tuple[int, float]],
    taken: set[int],
    shifts: _Shifts,
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return the (old, new) cells of one year of which one is left unpaired: those told
    otherwise, and those told the same.

    A filing's own-year cell pairs with this filing's own-year cell (220 -> (745), 2017 against
    2018); the new filing states 2017 again in its next column, as (124): a restatement of the
    old cell, which would otherwise read as a new figure; or as 220, that figure stated again
    (neither new nor dropped, even without a label to know it by). Read the other way round
    (the newer filing as "old"), it is the old cell that is left over. `shifts` are those of
    the aligned section pairs' rows.
    """
    rows: dict[tuple[tuple[str, int], tuple[str, int]], None] = {}  # paired rows, in order
    for i, (j, _) in matched.items():
        if old.cells[i] and new.cells[j]:
            o, n = old.metrics[i], new.metrics[j]
            rows[(o.section, o.sentence), (n.section, n.sentence)] = None
    found: list[tuple[int, int]] = []
    repeated: list[tuple[int, int]] = []
    used: set[tuple[bool, int]] = set()  # the own-year cells restated already, by side
    for old_row, new_row in rows:
        shift, _ = shifts.of((old_row, new_row), label=False)
        if not shift:
            continue
        old_cells = {old.cells[i]: i for i in old.by_sentence[old_row] if old.cells[i]}
        new_cells = {new.cells[j]: j for j in new.by_sentence[new_row] if new.cells[j]}
        ahead, behind = (new_cells, old_cells) if shift > 0 else (old_cells, new_cells)
        step = abs(shift)
        for column in range(step + 1, 2 * step + 1):
            if column not in ahead or column - step not in behind:
                continue
            i, j = (
                (behind[column - step], ahead[column])
                if shift > 0
                else (ahead[column], behind[column - step])
            )
            left_over = j not in taken if shift > 0 else i not in matched
            own_year = (True, i) if shift > 0 else (False, j)
            if (
                left_over
                and own_year not in used
                and old.units[i] == new.units[j]
                and old.kinds[i] == new.kinds[j]
            ):
                (repeated if _same_value(old, new, i, j) else found).append((i, j))
                used.add(own_year)
    return found, repeated


def _same_value(old: _Side, new: _Side, i: int, j: int) -> bool:
    """Tell whether two figures state the same value, table cells in their captions' scales
    when those differ (see _in_caption_scales)."""
    if old.values[i] == new.values[j]:
        return True
    scaled = _in_caption_scales(old.metrics[i], new.metrics[j])
    return scaled is not None and _quantity(scaled[0]) == _quantity(scaled[1])


def _one_side(status: MetricStatus, old: Metric | None, new: Metric | None) -> MetricChange:
    """Return the change of a figure quoted by one report only (added or removed)."""
    metric = old or new
    assert metric is not None
    return _new_change(status, metric.label, metric.kind, old, new, *_ONE_SIDE_DEFAULTS)


def _section_order(pairs: Sequence[SectionPair]) -> dict[tuple[str, str], int]:
    order: dict[tuple[str, str], int] = {}
    for k, p in enumerate(pairs):
        if p.old is not None:
            order.setdefault(("old", p.old.id), k)
        if p.new is not None:
            order.setdefault(("new", p.new.id), k)
    return order


def _sort_key(change: MetricChange, order: dict[tuple[str, str], int]) -> tuple[int, int, int, int]:
    if change.new is not None:
        m, side, after_old = change.new, "new", 0
    else:
        assert change.old is not None
        m, side, after_old = change.old, "old", -1
    return (order.get((side, m.section), len(order)), m.sentence, after_old, m.start)


# --------------------------------------------------------------------------- deltas


def metric_change(old: Metric, new: Metric, *, score: float = 100.0) -> MetricChange:
    """Return the change from one figure to the same figure a year later, with exact deltas.

    absolute is in the old figure's unit and scale (1.2亿元 -> 9000万元 gives -0.3); relative is a
    fraction of the old value's size (None when the old value is 0 or the sign changes); points
    are set for percents. Ranks carry only rank (old place - new place, positive = moved up) and
    a judgement; their direction follows the place (up = a better place), other kinds' the
    magnitude.
    """
    return _change(old, new, _quantity(old), _quantity(new), score)


def _change(
    old: Metric,
    new: Metric,
    old_quantity: tuple[Decimal, Decimal | None],
    new_quantity: tuple[Decimal, Decimal | None],
    score: float,
    restated: bool = False,
) -> MetricChange:
    """Return metric_change(old, new, score=score), given the _quantity of both; `restated`:
    the two figures are of the same year (see MetricChange.restated)."""
    absolute: Decimal | None = None
    relative: Decimal | None = None
    points: Decimal | None = None
    rank: int | None = None
    judgement: str | None = None
    old, new = _in_one_currency(old, new)
    if (scaled := _in_caption_scales(old, new)) is not None:
        old, new = scaled
        old_quantity, new_quantity = _quantity(old), _quantity(new)
    if old.kind == MetricKind.RANK:
        # A difference or ratio of places means little: ranks carry only `rank`.
        rank = int(old.value - new.value)
        judgement = "better" if rank > 0 else "worse" if rank < 0 else None
        direction = _sign_direction(Decimal(rank))
    else:
        was, now = old, new
        old_end, new_end = old_quantity[0], new_quantity[0]
        # $120–200, then up to $285: the most against the most (+$85, not +$165)
        if (top := _upper_end(old, new)) is not None and old_quantity[1] is not None:
            was, old_end = top, old_quantity[1]
        elif (top := _upper_end(new, old)) is not None and new_quantity[1] is not None:
            now, new_end = top, new_quantity[1]
        absolute = in_unit_of(now, was) - was.value
        if was.value == 0 or (now.value != 0 and (was.value < 0) != (now.value < 0)):
            relative = None  # from nothing, or across zero (a loss to a profit): no ratio
        else:
            relative = absolute / abs(was.value)  # a loss of 100 shrinking to 50: +50%
        if old.kind == MetricKind.PERCENT or base_unit(old) == "%":
            points = now.value - was.value
        direction = _sign_direction(new_end - old_end)
    reworded = _QUALIFIER_MEANS.get(old.qualifier, old.qualifier) != _QUALIFIER_MEANS.get(
        new.qualifier, new.qualifier
    )
    same = old_quantity == new_quantity and not reworded
    label = new.label or old.label
    return _new_change(
        MetricStatus.UNCHANGED if same else MetricStatus.CHANGED,
        label,
        MetricKind.TARGET if old.kind is not new.kind and _goal_restated(old, new) else old.kind,
        old,
        new,
        absolute,
        relative,
        points,
        rank,
        direction,
        judgement,
        reworded,
        round(score, 2),
        restated and not same,
        False,
        label_was(old.label, label),
    )


def _in_one_currency(old: Metric, new: Metric) -> tuple[Metric, Metric]:
    """Return a pair of table cells with the bare one in the other's currency: a sum a table
    writes bare in one year ("Hedge accounting fair value adjustments | (93)", its table's
    "$" rows left out) and with its table's "$" the next (see tables.TableScales) is one sum,
    shown "−$93 million → −$1,456 million", not "−93 million → −$1,456 million"."""
    if not (old.caption_scale and new.caption_scale) or (old.unit == "") == (new.unit == ""):
        return old, new
    if old.unit == "" and old.kind is MetricKind.COUNT and new.unit in CURRENCY_SIGNS:
        return replace(old, unit=new.unit, kind=MetricKind.MONEY), new
    if new.unit == "" and new.kind is MetricKind.COUNT and old.unit in CURRENCY_SIGNS:
        return old, replace(new, unit=old.unit, kind=MetricKind.MONEY)
    return old, new


def _in_caption_scales(old: Metric, new: Metric) -> tuple[Metric, Metric] | None:
    """Return a pair of table cells counted in their captions' scales when the two captions
    differ ("(In millions)" one year, "(In thousands)" the next: $1,100 million and $1,250,000
    thousand are +13.6%, not a thousandfold), else None: a cell is otherwise compared as
    written (see compare.tables), so that a caption read in one year alone changes nothing."""
    if (
        not old.caption_scale
        or not new.caption_scale
        or old.caption_scale == new.caption_scale
        or old.scale
        or new.scale
    ):
        return None
    return replace(old, scale=old.caption_scale), replace(new, scale=new.caption_scale)


def _upper_end(ranged: Metric, other: Metric) -> Metric | None:
    """Return a range as its upper end when the other figure is a most it may be (up to $285,
    3%以内), else None."""
    if ranged.upper is None or other.upper is not None or other.qualifier not in AT_MOST:
        return None
    return replace(ranged, value=ranged.upper, upper=None)


# Qualifiers that make a figure the most it may be: against a range, it is its upper end that
# the figure compares with.
AT_MOST = frozenset(
    (
        "up to",
        "less than",
        "fewer than",
        "under",
        "不超过",
        "低于",
        "少于",
        "不足",
        "不到",
        "以内",
        "以下",
    )
)


# Qualifiers of one meaning, each to the first of its group: "nearly $100 billion", then "close
# to $100 billion", is a figure unchanged, as 超过10% and 10%以上 are. (低于4.6% and 4.6%以内,
# below and at most, stay apart.)
_QUALIFIER_MEANS = {
    qualifier: group[0]
    for group in (
        ("nearly", "almost", "close to", "将近", "接近", "近"),
        ("about", "approximately", "around", "roughly", "some", "约", "大约", "左右"),
        ("more than", "over", "超过", "超", "逾", "多于", "高于", "以上", "多", "余"),
        ("less than", "fewer than", "under", "不足", "不到", "少于", "低于"),
        ("at least", "至少", "不少于", "不低于"),
    )
    for qualifier in group
}


def label_was(was: str, label: str) -> str:
    """Return an old figure's label `was` when it is not the label shown (white space, case and
    a date aside: "total expected draw on Past Reserves" is "… on past reserves", "Balances as
    of September 30, 2017" is the row "Balances as of September 29, 2018" a year on), else ""
    (see MetricChange.label_was)."""
    if not was or was == label:  # most pairs: one label
        return ""
    if "".join(was.casefold().split()) == "".join(label.casefold().split()):
        return ""
    undated = [_DATE_IN_LABEL.sub("", utils.default_process(text)).split() for text in (was, label)]
    return "" if undated[0] == undated[1] else was


# MetricChange(status=..., ..., score=...) with every field in order, at a fifth of the cost.
_new_change = fast_constructor(MetricChange)
# The defaults of the fields after `new` (absolute ... score), which one-sided changes keep.
_ONE_SIDE_DEFAULTS = tuple(f.default for f in fields(MetricChange))[5:]


def _sign_direction(delta: Decimal) -> Direction:
    if delta > 0:
        return Direction.UP
    if delta < 0:
        return Direction.DOWN
    return Direction.SAME


# --------------------------------------------------------------------------- table


def table_rows(changes: Iterable[MetricChange]) -> list[dict[str, object]]:
    """Return one plain row per change with the TABLE_COLUMNS keys (Decimals kept exact).

    `new` is expressed in the old figure's unit, so that new - old == absolute on every row.
    """
    rows: list[dict[str, object]] = []
    for c in changes:
        either = c.old or c.new
        shown = c.new or c.old  # the column is the new year's, as the page shows it
        rows.append(
            {
                "status": c.status.value,
                "label": c.label,
                "column": shown.column if shown else "",
                "kind": c.kind.value,
                "section_old": c.old.section if c.old else None,
                "section_new": c.new.section if c.new else None,
                "old": c.old.value if c.old else None,
                "new": in_unit_of(c.new, c.old) if c.new else None,
                "unit": unit_and_scale(either) if either else "",
                "absolute": c.absolute,
                "relative": c.relative,
                "points": c.points,
                "rank": c.rank,
                "direction": c.direction.value if c.direction else None,
                "restated": c.restated,
                "rolled_off": c.rolled_off,
                "label_old": c.label_was,
                "over_years": c.over_years,
                "old_upper": _upper_of(c.old, c.old),
                "new_upper": _upper_of(c.new, c.old),
                "old_qualifier": c.old.qualifier if c.old else "",
                "new_qualifier": c.new.qualifier if c.new else "",
            }
        )
    return rows


def _upper_of(metric: Metric | None, reference: Metric | None) -> Decimal | None:
    """Return a range's upper end in the reference's unit (as table_rows writes `new`)."""
    if metric is None or metric.upper is None:
        return None
    return in_unit_of(replace(metric, value=metric.upper, upper=None), reference)


def unit_and_scale(metric: Metric) -> str:
    """Return the unit a figure's value is counted in, with its scale, as a table column says it:
    亿元 and % as written, "$ billion" for $5.0 billion, "$ million" for a 10-K table's cell under
    "(in millions)" (Metric.caption_scale), "million people" for 5 million people."""
    scale = metric.shown_scale
    unit = metric.unit
    if not scale or scale in unit:
        return unit  # 亿元 keeps its 亿
    if unit[:1].isascii() and unit[:1].isalpha():
        return f"{scale} {unit}"
    return f"{unit} {scale}".strip()


def in_unit_of(metric: Metric, reference: Metric | None) -> Decimal:
    """Return the metric's value in the reference's scale and unit (so old, new and absolute
    agree; a unit of UNIT_SIZES converts to another of its family).

    It keeps no more decimals than the value was written with: 1.62万亿 in 亿 is 16200, not
    16200.00 (which would make a change of 13500亿 -> 1.62万亿 read +2,700.00亿).
    """
    if reference is None or (
        reference.scale == metric.scale and written_unit(reference) == written_unit(metric)
    ):
        return metric.value
    size, reference_size = base_size(metric), base_size(reference)
    with decimal.localcontext() as context:
        context.clear_flags()
        converted = metric.value * size / reference_size
        exact = not context.flags[decimal.Inexact]
    factor = size / reference_size
    if factor != _ONE.scaleb(factor.adjusted()):
        # Another unit: exact when it can be (6.07亿吨 is 1.214万亿斤, 1500万亩 100万公顷), else
        # one significant digit more than the value was written with (2000万亩: 133.33万公顷).
        if exact:  # no trailing zeros (1000, not 1000.0), nor an exponent (1000, not 1E+3)
            whole = converted == converted.to_integral()
            return quantize(converted, _ONE) if whole else converted.normalize()
        places = len(metric.value.as_tuple().digits) - converted.adjusted()
        return quantize(converted, _ONE.scaleb(-max(places, 0)))
    # The value's decimals less the places the scale moved it by; what is past them is zeros.
    places = max(0, -int(metric.value.as_tuple().exponent) - factor.adjusted())
    if -int(converted.as_tuple().exponent) > places:
        converted = quantize(converted, _ONE.scaleb(-places))
    return converted


def metrics_table(changes: tuple[MetricChange, ...]) -> pandas.DataFrame:
    """Return the changes as a DataFrame with the TABLE_COLUMNS columns (Decimals as objects)."""
    import pandas

    return pandas.DataFrame(table_rows(changes), columns=list(TABLE_COLUMNS), dtype=object)


CSV_RELATIVE_PLACES = Decimal("0.000001")  # relative change as a fraction, to 0.0001%


def metrics_csv(changes: tuple[MetricChange, ...]) -> str:
    """Return the change table as CSV text (header row first; relative rounded to 6 places)."""
    rows = table_rows(changes)
    for row in rows:
        relative = row["relative"]
        if isinstance(relative, Decimal):
            row["relative"] = quantize(relative, CSV_RELATIVE_PLACES)
    return csv_text(TABLE_COLUMNS, rows)


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, object]]) -> str:
    """Return rows as CSV text, header first: what pandas' DataFrame.to_csv(index=False) writes
    of the same table (None as an empty field, other values as str() gives them), without
    importing pandas, which took 0.3 s of a 0.4 s run that wrote a CSV.

    A text that a spreadsheet would take for a formula (a label "=cmd投资", "+1…", "@…") is
    written after an apostrophe, which the spreadsheet shows it as text for; numbers stay numbers.
    """
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_cell(row[c]) for c in columns] for row in rows])
    return text.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_TEXT = regex(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _cell(value: object) -> object:
    """Return a value as its CSV field: None empty, a formula-like text quoted (see csv_text);
    a number written as text (a series' "-745") is a number."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not _NUMBER_TEXT.fullmatch(value)
    ):
        return "'" + value
    return value
