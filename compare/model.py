"""The records that flow between stages: Report (one year) and Comparison (two years).

Pure data: frozen dataclasses holding tuples, no I/O. Numbers stay exact (Decimal).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from compare.records import fast_pickled
from compare.settings import Settings

FROZEN = {"frozen": True, "slots": True, "kw_only": True}


# --------------------------------------------------------------------------- one report


# A report given as "-" is read from standard input (pdftotext r.pdf - | compare check -); its
# Source.path, and the name errors give it, is STDIN_NAME.
STDIN = "-"
STDIN_NAME = "<stdin>"


@fast_pickled
@dataclass(**FROZEN)
class Source:
    """Where a report came from: path as given, detected format and encoding."""

    path: str
    format: str = "txt"  # txt | md | html | pdf | docx | doc | odt | rtf
    encoding: str = "utf-8"


class MetricKind(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    MONEY = "money"
    RANK = "rank"
    RATIO = "ratio"
    CHANGE = "change"
    TARGET = "target"


@fast_pickled
@dataclass(**FROZEN)
class Metric:
    """One stated quantity, e.g. 全市中小学试点学校达382所 -> value 382, unit 所.

    `value` is the number as written after its scale word is split off (3.686亿元 -> value 3.686,
    scale 亿, unit 亿元); `magnitude` multiplies the scale back in. Ranks hold the place (全省第二 -> 2).
    `upper` is set for ranges (0.5% to 2.5% -> value 0.5, upper 2.5).
    """

    value: Decimal
    unit: str  # as written: 所, 人, %, 个百分点, 亿元, 万人次, $ (with scale million) ...
    scale: str = ""  # "", 十, 百, 千, 万, 亿, 万亿, thousand, million, billion, trillion
    qualifier: str = ""  # "", 余, 多, 近, 超, 以上, 以内, 左右, 约, over, about ...
    kind: MetricKind = MetricKind.COUNT
    label: str = ""  # what is measured: 试点覆盖率, net sales
    text: str = ""  # the span as written in the sentence
    section: str = ""  # Section.id ("0" = preamble)
    sentence: int = 0  # index into that section's sentences
    start: int = 0  # character offsets of `text` in the sentence
    end: int = 0
    upper: Decimal | None = None
    # The head of the group of table rows the figure's row stands in ("Federal" for a row
    # "Current | …" under "Federal:"); its label then starts with it ("Federal: Current").
    group: str = ""
    # Stated for several years together, not for the report's year alone (过去五年…年均增长10.6%,
    # 五年累计新增城镇就业5870万人, 比2002年增长65.5% in the 2008 report): see
    # quantities.over_years.
    over_years: bool = False
    # The scale a table's caption states for a cell written without one ("(in millions)" over
    # "Net sales | $265,595"): shown with the figure, but `value`, `scale` and `magnitude` stay
    # as written, so that figures pair and compare as before (see compare.tables).
    caption_scale: str = ""
    # The head of the table column a cell stands under ("Payments Due in 2019", "2018"): shown
    # beside the label, never compared (see compare.tables.TableColumns).
    column: str = ""
    # The place of a table's cell in its row counted without a column of references to notes:
    # under "Note | 2021 | 2020", "Revenue | 4 | 1,250 | 1,100" holds 1,250 in its value cell 1,
    # as a table without notes does. 0 in a row without such a column (counted as written).
    cell: int = 0

    @property
    def shown_scale(self) -> str:
        """The scale the figure is shown in: its own, else its table caption's."""
        return self.scale or self.caption_scale

    @property
    def magnitude(self) -> Decimal:
        """Value with its scale multiplied in (3.686 亿 -> 368600000)."""
        return self.value * SCALES.get(self.scale, Decimal(1))


SCALES: dict[str, Decimal] = {
    "": Decimal(1),
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "十万": Decimal(100_000),
    "百万": Decimal(1_000_000),
    "千万": Decimal(10_000_000),
    "亿": Decimal(100_000_000),
    "万亿": Decimal(1_000_000_000_000),
    # As Traditional Chinese writes them (compare.traditional gives a figure its own wording).
    "萬": Decimal(10_000),
    "十萬": Decimal(100_000),
    "百萬": Decimal(1_000_000),
    "千萬": Decimal(10_000_000),
    "億": Decimal(100_000_000),
    "萬億": Decimal(1_000_000_000_000),
    "thousand": Decimal(1000),
    "million": Decimal(1_000_000),
    "billion": Decimal(1_000_000_000),
    "trillion": Decimal(1_000_000_000_000),
}


@fast_pickled
@dataclass(**FROZEN)
class Section:
    """A heading and its body; children are the next level down.

    `id` is positional ("1", "1.2"; "0" is the preamble) and stable for the same document.
    `number` is the numbering as written (一、 / （一） / 一是 / 1. / Item 1A.); `heading` is the
    heading text without it. `text` is the body (paragraphs joined by newlines, without the
    heading or the children's text); `sentences` split `text`.
    """

    id: str
    number: str = ""
    heading: str = ""
    level: int = 1
    style: str = ""  # which numbering style made this heading, e.g. "cn-dun", "cn-paren", "run-in"
    text: str = ""
    sentences: tuple[str, ...] = ()
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """Yield this section and every descendant, depth first in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def full_text(self) -> str:
        """Body text of this section and all of its descendants, in document order."""
        return "\n".join(s.text for s in self.walk() if s.text)


@fast_pickled
@dataclass(**FROZEN)
class Report:
    """One year of a report, as read from one file."""

    title: str
    org: str
    year: int | None
    source: Source
    preamble: Section | None = None  # text before the first heading, as a Section with id "0"
    sections: tuple[Section, ...] = ()
    metrics: tuple[Metric, ...] = ()
    warnings: tuple[str, ...] = ()
    # What compare.caches keeps this reading under (of the file's bytes and name, the settings
    # and the code), set by pipeline.read_report alone: "" for a report made otherwise, or not
    # kept. Not part of what a report is (equal reports are equal whatever their keys), and not
    # carried over by dataclasses.replace: a report made from another is not its reading.
    key: str = field(default="", init=False, compare=False, repr=False)

    def walk(self) -> Iterator[Section]:
        """Yield every section (not the preamble), depth first in document order."""
        for section in self.sections:
            yield from section.walk()

    def bodies(self) -> list[Section]:
        """Return the preamble (if any), then every section, in document order."""
        return ([self.preamble] if self.preamble is not None else []) + list(self.walk())

    def section(self, section_id: str) -> Section:
        """Return the section (or preamble, "0") with this id; KeyError if there is none."""
        if section_id == "0" and self.preamble is not None:
            return self.preamble
        for s in self.walk():
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def metrics_in(self, section_id: str) -> tuple[Metric, ...]:
        """Return the metrics stated in this section's own body (not its children's)."""
        return tuple(m for m in self.metrics if m.section == section_id)


# --------------------------------------------------------------------------- two reports


class SectionStatus(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"


class SentenceStatus(StrEnum):
    EQUAL = "equal"
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"


class MetricStatus(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ADDED = "added"
    REMOVED = "removed"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


@fast_pickled
@dataclass(**FROZEN)
class TextOp:
    """One difflib-style operation: tag is equal | insert | delete | replace."""

    tag: str
    old: str
    new: str


@fast_pickled
@dataclass(**FROZEN)
class SentencePair:
    """A sentence of the old section against one of the new (either may be None)."""

    status: SentenceStatus
    old: str | None
    new: str | None
    old_index: int | None = None
    new_index: int | None = None
    score: float = 100.0  # 0-100 similarity of old and new
    ops: tuple[TextOp, ...] = ()
    moved_to: str | None = None  # new section id, for a removed sentence found elsewhere
    moved_from: str | None = None  # old section id, for an added sentence found elsewhere


@fast_pickled
@dataclass(**FROZEN)
class SectionPair:
    """An old section matched to a new one, or left unmatched (added / removed).

    `match` names the evidence: "same heading", "relative year", "similar heading",
    "similar content", "position", or "" when unmatched. `split_from` (an old section id) is set on
    new sections that took part of an old section's content; `merged_into` (a new section id) on old
    sections whose content went into a new section matched to another old one.
    """

    status: SectionStatus
    old: Section | None
    new: Section | None
    score: float = 0.0  # 0-100 alignment score
    similarity: float = 100.0  # 0-100 text similarity of the two bodies
    match: str = ""
    renamed: bool = False
    moved: bool = False
    split_from: str | None = None
    merged_into: str | None = None
    sentences: tuple[SentencePair, ...] = ()

    @property
    def key(self) -> str:
        """Stable key for HTML ids: "o1.2-n1.3", "o2-", "-n4"."""
        old = f"o{self.old.id}" if self.old else ""
        new = f"n{self.new.id}" if self.new else ""
        return f"{old}-{new}"


@fast_pickled
@dataclass(**FROZEN)
class MetricChange:
    """A metric of the old report matched to one of the new (either may be None).

    absolute = new - old (in the old metric's scale and unit); relative = absolute / old as a
    fraction; points = percentage-point change for percents; rank = old place - new place
    (positive: moved up). Ranks carry only `rank`, since a ratio of places means nothing.
    direction compares magnitudes, except for ranks, where "up" means a better place; judgement is
    "better"/"worse" only where the kind makes it clear (ranks).
    """

    status: MetricStatus
    label: str
    kind: MetricKind  # the old figure's; a goal when either states it as one with its bound
    old: Metric | None
    new: Metric | None
    absolute: Decimal | None = None
    relative: Decimal | None = None
    points: Decimal | None = None
    rank: int | None = None
    direction: Direction | None = None
    judgement: str | None = None
    qualifier_changed: bool = False
    score: float = 100.0  # 0-100 confidence of the match
    # The same year's figure, stated again with another value: a filing's table whose columns
    # are years moved on, and last year's filing said otherwise for a year both show. (An old
    # filing's own-year figure is then in two changes: to this year's, and to its restated copy.)
    restated: bool = False
    # A dropped figure of a year older than every year the new report's table columns or blocks
    # show (its section's): the oldest column of a filing's table, or the oldest year of a table
    # that stacks its years (a roll-forward), rolls off as the years move on (2017's 2015
    # column), which is not a figure the new report left out.
    rolled_off: bool = False
    # What the old report called a paired figure when that is not `label` (the new report's),
    # white space, case, script and a date aside (财政收入 for 一般公共预算收入; not 學校 for 学校,
    # nor "Balances as of September 30, 2017" for the row a year on), as the
    # old report writes it; else "" (see metrics.label_was).
    label_was: str = ""

    @property
    def over_years(self) -> bool:
        """True when either side is stated for several years together (Metric.over_years)."""
        return bool(self.old is not None and self.old.over_years) or bool(
            self.new is not None and self.new.over_years
        )


def same_organisation(old: Report, new: Report) -> bool:
    """Tell whether two reports may be one organisation's: an unknown organisation may be any,
    and one name within the other is the same (Apple Inc. and Apple Inc)."""
    old_org = "".join(old.org.split()).casefold().rstrip(".")
    new_org = "".join(new.org.split()).casefold().rstrip(".")
    return not old_org or not new_org or old_org in new_org or new_org in old_org


@fast_pickled
@dataclass(**FROZEN)
class Comparison:
    """Everything `compare OLD NEW` found."""

    old: Report
    new: Report
    settings: Settings = field(default_factory=Settings)
    sections: tuple[SectionPair, ...] = ()
    metrics: tuple[MetricChange, ...] = ()
    similarity: float = 100.0  # whole-document 0-100: shared vocabulary (cosine of term counts)
    carried_over: float = 100.0  # 0-100 share of the text in sentences kept, edited or moved
    # What is odd about the pair: one file twice, the years backwards, two organisations
    warnings: tuple[str, ...] = ()

    def section_counts(self) -> dict[str, int]:
        """Count section pairs by status, plus renamed / moved / split / merged flags."""
        counts = {s.value: 0 for s in SectionStatus}
        counts.update(renamed=0, moved=0, split=0, merged=0)
        for p in self.sections:
            counts[p.status.value] += 1
            counts["renamed"] += p.renamed
            counts["moved"] += p.moved
            counts["split"] += p.split_from is not None
            counts["merged"] += p.merged_into is not None
        return counts

    def metric_counts(self) -> dict[str, int]:
        """Count metric changes by status."""
        counts = {s.value: 0 for s in MetricStatus}
        for m in self.metrics:
            counts[m.status.value] += 1
        return counts
