"""The scale a filing's table states once for its cells: "(in millions)" in its caption.

A 10-K writes a table's sums without their scale ("Net sales | $265,595 | $229,234") and names
it once, in the caption before the table: "(in millions)", "(dollars in millions and units in
thousands)", "(In millions, except number of shares which are reflected in thousands and per
share amounts)", "(net income in millions and shares in thousands)".

Read alone, such a cell says $265,595 where the filing means $265,595 million. `TableScales`
reads a section's sentences in order and gives each whole cell of a table under such a caption
the scale the caption names for what its row counts: sums of money unless the row's name (or
its group's head) says shares, units or an amount per share. What is not certain keeps its
scale as written:
- a row of amounts per share ("Cash dividends declared per share"), a cell with cents in a
  table in millions ($192.50, a price);
- a row the caption does not name when the caption scales only rows it names ("Effect of
  dilutive securities" under "(net income in millions and shares in thousands)");
- every cell of a table whose head row names columns of shares or prices ("Number of RSUs (in
  thousands) | Weighted-Average Grant Date Fair Value Per RSU"), but for a cell whose column
  the table's head has told (TableColumns: "Common Stock … · Shares" is in thousands, "Retained
  Earnings" in millions, under a statement of equity's caption).

A table with no caption may name its scale in its head row instead ("Amount (in millions) |
Effective Interest Rate"): read as a caption when it heads nothing but sums and rates.

The scale found is the figure's `caption_scale`: shown with it ("$265,595 million"), while its
value and scale stay as written. A table read in one year and left in the next (its head or
its rows changed shape) then shows its figures otherwise, but pairs them as before: the same
"97,571" is never a change of a thousandfold.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Sequence

from compare.model import Metric, MetricKind
from compare.patterns import regex
from compare.records import fast_replacer
from compare.units import CURRENCY_SIGNS

SCALE_WORDS = {"thousands": "thousand", "millions": "million", "billions": "billion"}
# A currency a caption or a head names before its scale: "(in RMB thousands)", "RMB'000".
_CURRENCY_WORD = r"(?:RMB|Renminbi|HKD|USD|SGD|CNY|EUR|GBP|HK\$|US\$|S\$|A\$|C\$|£|€|\$|¥)"
_IN_SCALE = regex(
    rf"\bin\s+(?:{_CURRENCY_WORD}\s*)?(thousands|millions|billions|'000|’000)(?!\w)",
    re.IGNORECASE,
)
# The caption's parenthesis, at the end of its sentence: "... as follows (dollars in millions):",
# "(Expressed in RMB'000)".
_CAPTION = regex(
    rf"\(([^()]*\bin\s+(?:{_CURRENCY_WORD}\s*)?(?:thousands|millions|billions|'000|’000)(?!\w)"
    r"[^()]*)\)\s*[:.]?\s*$",
    re.IGNORECASE,
)
# A column's head of a unit of money, as British and Hong Kong statements head the columns
# under their years ("£m | £m", "RMB'000 | RMB'000", "HK$ million"), or with the year ("2022
# £m"): the sums below are in that scale.
_UNIT_SCALE = "'000|’000|m|mn|million|bn|billion"  # (the scale words of _UNIT_SCALES)
_MONEY_UNIT = regex(
    rf"(?P<year>(?:19|20)\d\d\s+)?(?P<currency>{_CURRENCY_WORD})\s?(?P<scale>{_UNIT_SCALE})",
    re.IGNORECASE,
)
_UNIT_SCALES = {"'000": "thousand", "’000": "thousand", "m": "million", "mn": "million"}
_UNIT_SCALES |= {"million": "million", "bn": "billion", "billion": "billion"}
# The head of a column of references to the notes to the statements: its cells are no figures.
NOTE_HEADS = frozenset(("note", "notes", "附注", "注释"))

# What a row or a column counts: "money" (the caption's first scale), "shares", "units", or
# "each" (an amount per share, per RSU, per unit: never scaled). A row's name or a column's head
# starting with shares counts shares, though it goes on "... earnings per share".
# "Weighted-average diluted shares", "Total Number of Shares Purchased"; not "Common stock
# issued, net of shares withheld for employee taxes" (a sum).
_SHARES = regex(
    r"^(?:[\w-]+\s+){0,3}?(?:shares|rsus)\b|\bnumber\s+of\s+(?:shares|rsus)\b|\bshares$",
    re.IGNORECASE,
)
_MONEY = regex(r"\bdollar\s+value\b|\bfair\s+value\b(?!\s+per\b)", re.IGNORECASE)
# "Cash dividends declared per share"; not "Dividends declared at $2.18 per share" (a sum).
_EACH = regex(r"(?<![0-9] )\bper\s+(?:share|rsu|unit)\b", re.IGNORECASE)
_UNITS = regex(r"\bunits?\b", re.IGNORECASE)
_FOOTNOTE = regex(r"\s*\(\d\)")

# What a caption's scale is named for when it scales sums of money: "(dollars in millions)",
# "(€ in millions)", "(amounts in thousands)", "(Expressed in RMB'000)".
_MONEY_WORDS = (
    "dollar", "amount", "euro", "pound", "yen", "rmb", "us$", "s$", "$", "€", "£", "¥",
    "expressed", "stated", "presented",
)  # fmt: skip
# A caption rules the rows up to the first sentence of prose after them (ending in a full stop,
# or long): group heads ("Operating expenses:"), a sub-table's name ("Property, Plant and
# Equipment, Net") and the header of dates ("Years ended") belong to the table.
PROSE_CHARS = 100
HEAD_CHARS = 100  # a cell longer than this is a footnote's prose, not a column's head
_PROSE_END = (".", "。", "!", "?", "！", "？")
# A table's cells in thousands or millions are whole numbers; one with cents is a price.
_WHOLE_SCALES = ("thousand", "million")


@functools.lru_cache(maxsize=4096)  # a filing's row names repeat, and the next year's too
def counts(name: str) -> str | None:
    """Return what a row's name or a column's head counts ("shares", "money", "each",
    "units"), or None when it does not say (a row's name then counts money)."""
    name = _FOOTNOTE.sub("", name).strip()
    if _SHARES.match(name):
        return "shares"
    if _MONEY.search(name):
        return "money"
    if _EACH.search(name):
        return "each"
    if _UNITS.search(name):
        return "units"
    return None


def caption_scales(sentence: str) -> dict[str, str] | None:
    """Return the scale a table's caption names for each thing its cells count, or None when
    the sentence names none: "(dollars in millions and units in thousands)" ->
    {"money": "million", "units": "thousand"}."""
    if "illions" not in sentence and "housands" not in sentence and "000)" not in sentence:
        return None  # most sentences, told at a glance
    found = _CAPTION.search(sentence)
    if found is None:
        return None
    inside = found.group(1)
    scales: dict[str, str] = {}
    at = 0
    for scale in _IN_SCALE.finditer(inside):
        before = inside[at : scale.start()].strip(" ,").lower()
        if "share" in before:
            what = "shares"
        elif "unit" in before:
            what = "units"
        elif not before or before.startswith(_MONEY_WORDS):  # "(dollars in millions)"
            what = "money"
        else:  # "(net income in millions and shares in thousands)": that row's alone
            what = f"named:{before}"
        word = scale.group(1).lower()
        scales.setdefault(what, SCALE_WORDS.get(word) or _UNIT_SCALES[word])
        at = scale.end()
    return scales


# A head row may name the scale itself: a 10-K's debt table heads its columns "Amount (in
# millions) | Effective Interest Rate | Amount (in millions) | Effective Interest Rate" and
# has no caption. Its sums are then in that scale, as under a caption, when every head names
# sums of money in one scale or rates (whose cells, "1.10%", no scale touches).
_AMOUNT_HEAD = regex(r"(?:\w+\s+)?amounts?\s*\(\s*in\s+(thousands|millions|billions)\s*\)", re.I)
_RATE_HEAD = regex(r"[\w\s-]*\b(?:rates?|yields?)", re.IGNORECASE)
_NO_HEAD = ("", "(continued)", *NOTE_HEADS)
_HAS_MONEY_UNIT = regex(rf"{_CURRENCY_WORD}\s?(?:{_UNIT_SCALE})\b", re.IGNORECASE)


def head_scales(row: str) -> dict[str, str] | None:
    """Return the scale a table's head row names for its sums ("Amount (in millions) |
    Effective Interest Rate" -> {"money": "million"}), or None when it names none, or more than
    one, or heads other columns too (shares, prices: which cell is under which is not sure)."""
    if "illions)" not in row and "housands)" not in row and not _HAS_MONEY_UNIT.search(row):
        return None  # most rows, told at a glance
    found: set[str] = set()
    for cell in row.split("|"):
        cell = cell.strip()
        amount = _AMOUNT_HEAD.fullmatch(cell)
        unit = _MONEY_UNIT.fullmatch(cell)
        if amount is not None:
            found.add(SCALE_WORDS[amount.group(1).lower()])
        elif unit is not None:
            found.add(_UNIT_SCALES[unit["scale"].lower()])
        elif not (_RATE_HEAD.fullmatch(cell) or cell.lower() in _NO_HEAD):
            return None
    return {"money": found.pop()} if len(found) == 1 else None


def unit_row(cells: list[str]) -> bool:
    """Tell whether a row without figures heads its columns with their unit of money only
    ("£m | £m", " | Note | RMB'000 | RMB'000"): the second line of a head of years."""
    units = [cell for cell in cells if (unit := _MONEY_UNIT.fullmatch(cell)) and not unit["year"]]
    return bool(units) and all(
        cell in units or not cell or cell.lower() in NOTE_HEADS for cell in cells
    )


def _names_its_columns(row: str) -> bool:
    """Tell whether a table row without figures is a head that names columns of something other
    than sums of money ("Shares | Amount", "Number of RSUs (in thousands) | Weighted-Average
    Grant Date Fair Value Per RSU"); not a footnote ("(1) | Level 2 fair value estimates …")."""
    cells = row.split(" | ")
    if _FOOTNOTE.fullmatch(cells[0]) or any(len(cell) > HEAD_CHARS for cell in cells):
        return False
    return any(_IN_SCALE.search(cell) or counts(cell) not in (None, "money") for cell in cells)


@dataclasses.dataclass(slots=True)
class TableScales:
    """The caption in force while a section's sentences are read (a table does not run on into
    the next section)."""

    scales: dict[str, str] = dataclasses.field(default_factory=dict)
    unsure: bool = False  # the table's head names columns: its cells are left as written
    # The currency the table's sums are written in, by its head ("2022 £m") or its first sum
    # with a sign ("Net sales | $265,595"): a sum the table writes bare ("Cost of sales |
    # 163,756") is in it too, as the caption's scale is.
    currency: str = ""

    def read(self, sentence: str, metrics: tuple[Metric, ...]) -> tuple[Metric, ...]:
        """Return a sentence's figures, the whole cells of a table row in the scale its caption
        names for what the row counts (by its name, else by its group's head: "Basic" under
        "Earnings per share:" is an amount per share)."""
        if " | " not in sentence:
            scales = caption_scales(sentence)
            if scales is not None:
                self.scales, self.unsure, self.currency = scales, False, ""
            elif self.scales and _is_prose(sentence):
                self.scales, self.unsure, self.currency = {}, False, ""  # the table has ended
            return metrics
        if not metrics and (head := head_scales(sentence)) is not None:
            self.scales, self.unsure, self.currency = head, False, head_currency(sentence)
            return metrics
        if not self.scales:
            return metrics
        if not metrics:
            if _names_its_columns(sentence):
                # Which cell is under which head is not certain: a filing leaves cells out of a
                # row, heads two columns with one cell ("Shares | Amount"), or splits a range in
                # two; so "Open market purchases | 26,859 | $192.50 | 26,859" (thousands of
                # shares, a price) is not read.
                self.unsure = True
            return metrics
        if self.unsure:
            # Which head a cell stands under is not told by this row; the columns' reading may
            # have told it (TableColumns: "Common Stock … · Shares", "Retained Earnings"): a cell
            # with its column is scaled for what its column counts, money unless it says.
            cells = sentence.split("|")
            return tuple(
                self._scaled(m, sentence, cells, _column_counts(m.column)) if m.column else m
                for m in metrics
            )
        cells = sentence.split("|")
        name = cells[0].strip()
        row = counts(name) or self._named(name)
        return tuple(self._scaled(m, sentence, cells, row or counts(m.group)) for m in metrics)

    def _named(self, name: str) -> str | None:
        """Return the caption's key for a row it names ("net income"), or None."""
        lowered = name.lower()
        for what in self.scales:
            if what.startswith("named:") and what[6:] in lowered:
                return what
        return None

    def _scaled(self, metric: Metric, sentence: str, cells: list[str], row: str | None) -> Metric:
        if not _whole_cell(metric, sentence, cells):
            return metric  # a figure in the row's name, or inside a footnote's prose
        what = row or "money"  # money: unless the caption names what it scales
        scale = self.scales.get(what, "")
        if not scale:
            return metric
        if scale in _WHOLE_SCALES and metric.value != metric.value.to_integral_value():
            return metric  # $192.50 in a table in millions: a price, not a sum
        if what == "money":
            if metric.unit in CURRENCY_SIGNS:
                self.currency = self.currency or metric.unit
            elif not metric.unit and self.currency and metric.kind is MetricKind.COUNT:
                metric = _as_sum(metric, self.currency)
        return _with_caption_scale(metric, scale)


_with_caption_scale = fast_replacer(Metric, "caption_scale")


def _as_sum(metric: Metric, currency: str) -> Metric:
    """Return a bare cell as a sum in its table's currency (its text stays as written)."""
    return dataclasses.replace(metric, unit=currency, kind=MetricKind.MONEY)


def head_currency(row: str) -> str:
    """Return the currency a head row's units of money name ("2022 £m | 2021 £m", "£m | £m",
    "HK$ million"), when they name one sign of CURRENCY_SIGNS, else ""."""
    found = set()
    for cell in row.split("|"):
        unit = _MONEY_UNIT.fullmatch(cell.strip())
        if unit is not None:
            found.add(unit["currency"].upper())
    return found.pop() if len(found) == 1 and found <= set(CURRENCY_SIGNS) else ""


def _column_counts(column: str) -> str | None:
    """Return what a column counts by its head's last line ("… · Shares": shares), else None."""
    return counts(column.rpartition(" · ")[2])


@dataclasses.dataclass(slots=True)
class TableColumns:
    """The head row in force while a section's sentences are read: each value cell of a row
    under it gets the head of its column as its `column` ("Payments Due in 2019", "2018"), so
    that five figures of one row ("Term debt | $8,797 | $18,933 | …") are told apart.

    A head is a row of text cells with no figure ("Payments Due in 2019 | … | Total", "2018 |
    Change | 2017 | Change | 2016"), not a footnote's ("(1) | Includes …") nor a row of dashes.
    Its cells stand over the row's value cells, one by one, or over all of its cells when its
    first names the names' column and the others are years ("指标 | 2020年 | 2021年"): a row of
    another width (a head of two lines, "Shares | Amount" under four columns; a row that leaves
    out its last cells) gives no column. Prose ends the table.
    """

    head: tuple[str, ...] = ()
    notes: tuple[int, ...] = ()  # the places in the head of columns citing notes ("Note")
    fresh: bool = False  # the head was the sentence before: a second line may go under it
    two_lines: bool = False  # the head is years over their columns (see _under_years_head)

    def read(self, sentence: str, metrics: tuple[Metric, ...]) -> tuple[Metric, ...]:
        """Return a sentence's figures, each whole cell of a table row with its column's head."""
        fresh, self.fresh = self.fresh, False
        if " | " not in sentence:
            if self.head and _is_prose(sentence):
                # the table has ended ("2017:" or "Level 2:" goes on with it)
                self.head, self.notes, self.two_lines = (), (), False
            return metrics
        cells = [cell.strip() for cell in sentence.split("|")]
        if not metrics:
            if unit_row(cells):
                self.fresh = fresh
                return metrics  # "£m | £m" under "2022 | 2021": the head's second line
            if len(cells) > 2 and not cells[0]:
                cells = cells[1:]  # " | Note | 2021 | 2020": the names' column has no head
            if is_head(cells):
                dated = (
                    _under_merged_head(self.head, cells) or _under_years_head(self.head, cells)
                    if fresh
                    else None
                )
                split = _under_first_head(self.head, cells) if fresh and not dated else None
                heads = dated or split or tuple(cells)
                self.head, self.fresh, self.two_lines = heads, True, dated is not None
                self.notes = tuple(k for k, head in enumerate(heads) if head.lower() in NOTE_HEADS)
            return metrics
        if not self.head:
            return metrics
        # The head names the value columns, or the names' column too when the others are years
        # ("指标 | 2020年 | 2021年").
        offset = len(cells) - len(self.head)
        # A PDF's row leaves its empty cells out: under "Note | 2022 £m | 2021 £m", "Cost of
        # sales | (870) | (790)" cites no note, and its cells are the years' (so under "项目 |
        # 附注 | 2021年12月31日 | …", 应收票据 | 1,234 | 1,000).
        missing = 0
        if self.notes:
            # The offset of a row of every cell: 0 when the head names the names' column too
            names = self.head[0].lower() not in NOTE_HEADS and _years_after_name(self.head)
            usual = 0 if names else 1
            first = 1 - usual  # the head's first value column
            leading = self.notes == tuple(range(first, first + len(self.notes)))
            if leading and offset == usual - len(self.notes):
                missing, offset = len(self.notes), usual
        if offset not in (0, 1) or (offset == 0 and not _years_after_name(self.head)):
            # A row that leaves out its last cells ("Balance as of … | 101,467 | $85.77" under
            # three heads) says not which cell is under which head; a head that ends in years
            # does, of the row's last cells (see _under_years).
            return self._under_years(sentence, cells, metrics)
        if _marks_only(cells, metrics):
            # Nor one that holds cells of a footnote's mark alone ("August 2017 ASR | 15,069 |
            # (3) | (3) | 15,069 | (3)").
            return metrics
        notes = [k + offset for k in self.notes]
        named = []
        index, upto = 0, 0  # the cells counted on from the figure before (a wide row is linear)
        for m in metrics:
            if m.start >= upto:
                index += sentence.count("|", upto, m.start)
            else:  # figures out of order: counted afresh
                index = sentence.count("|", 0, m.start)
            upto = m.start
            place = index + missing if index else index  # its column, empty cells counted in
            if place in notes:
                continue  # "Revenue | 4 | …", 货币资金 | 七、1 | …: a reference to note 4
            if notes and (before := sum(1 for k in notes if k < place)):
                m = _with_cell(m, place - before)
            whole = index and _whole(cells[index], m.text)
            if whole:
                head = self.head[place - offset]
                m = _with_column(m, head)
                if m.kind is MetricKind.PERCENT and _CHANGE_HEAD.search(head):
                    m = _with_kind(m, MetricKind.CHANGE)
            named.append(m)
        return tuple(named)

    def _under_years(
        self, sentence: str, cells: list[str], metrics: tuple[Metric, ...]
    ) -> tuple[Metric, ...]:
        """Return a row's figures, those of its last cells with the years of the head's last
        cells, one by one from the right, when the head ends in two years or more and the row
        has a cell before them: under "Comprehensive Income Components | Financial Statement
        Line Item | 2017 | 2016", "Cost of sales | (654) | (130)" (its group's name left out),
        "Foreign exchange contracts | Revenue | $(662) | $(865)" and a subtotal of figures
        alone, "(1,952) | (872)", hold 2017's and 2016's. Not under a head of two lines
        ("2017 · Amount | 2017 · Effective Interest Rate | …"): a row wider than it states
        ranges ("1.10% | 1.10%", "2019 | – | 2020"), and its cells are not one a column."""
        if self.two_lines:
            return metrics
        years = 0
        while years < len(self.head) and column_year(self.head[-1 - years]) is not None:
            years += 1
        first = len(cells) - years  # the row's cell under the head's first year
        alone = first == 0 and _whole(cells[0], metrics[0].text)  # "(1,952) | (872)"
        heads = self.head[-years:] if years else ()
        if years < 2 or (first < 1 and not alone):
            # Under "2017 | Change | 2016 | Change | 2015", a row that leaves its changes blank
            # ("Interest expense | (2,323) | (1,456) | (733)") has a value cell for each year.
            heads = tuple(head for head in self.head if column_year(head) is not None)
            first = 1
            if len(heads) < 2 or len(cells) - 1 != len(heads):
                return metrics
        named = []
        for m in metrics:
            place = sentence.count("|", 0, m.start)
            if place >= first and _whole(cells[place], m.text):
                m = _with_column(m, heads[place - first])
            named.append(m)
        return tuple(named)


# A Chinese column of changes: 本年比上年增减, 比上年增长（%）, 同比增速. Its shares are changes
# (23.46% under it is a rise of 23.46%, as 同比增长23.46% is in prose).
_CHANGE_HEAD = regex("增减|增长|增速|变动|同比|比上年")


def names_a_change(head: str) -> bool:
    """Tell whether a column's head names the change between years ("Change" after each year
    of a 10-K's table, 本年比上年增减 in a company's annual report), not a year."""
    return head.strip().lower() == "change" or _CHANGE_HEAD.search(head) is not None


_with_kind = fast_replacer(Metric, "kind")


# A cell that states a change in points with its verb is that figure's whole cell: "增加1.55个
# 百分点" under "本年比上年增减" (a company's annual report).
_CHANGE_VERBS = frozenset(("增加", "减少", "上升", "下降", "提高", "降低", "增长", "回落"))


def _whole(cell: str, text: str) -> bool:
    """Tell whether a cell is a figure's text alone, or its text after a verb of change."""
    return cell == text or (cell.endswith(text) and cell[: -len(text)] in _CHANGE_VERBS)


# A column's head that is a year, or a day or the end of one: 2018, September 29, 2018,
# September 2015, 2020年, 2021年末.
# 2021年12月31日, 2021年度金额 (a Chinese balance sheet's, and a list of items' sums by year).
_YEAR_HEAD = regex(
    r"(?:[A-Z][a-z]+\s+(?:\d{1,2},\s+)?)?((?:19|20)\d\d)"
    r"(?:年(?:末|底|度)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:金额|余额|发生额|数)?"
    rf"|\s+{_CURRENCY_WORD}\s?(?:{_UNIT_SCALE}))?"  # 2022 £m
)


# Heads that name this year's or last year's column without its year (本报告期 | 上年同期, a
# balance sheet's 期末 | 期初): years back from the report's own.
RELATIVE_HEADS = {
    **dict.fromkeys(("本报告期", "本期", "本年", "本年度", "本期发生额", "本报告期末"), 0),
    **dict.fromkeys(("本年末", "期末", "期末余额", "期末数", "年末余额", "年末数"), 0),
    **dict.fromkeys(("本期金额", "本年金额", "本年累计", "本年实际"), 0),
    **dict.fromkeys(("上年同期", "上期", "上年", "上年度", "上期发生额", "上年度末"), 1),
    **dict.fromkeys(("上年末", "期初", "期初余额", "期初数", "年初余额", "年初数"), 1),
    **dict.fromkeys(("上年年末余额", "上年年末数", "上年年末", "上期金额", "上年金额"), 1),
    **dict.fromkeys(("上年同期累计", "上年实际"), 1),
}


# Between a column's year and its name, in the head of a table whose head takes two lines.
YEAR_MARK = " · "


def _under_years_head(years: tuple[str, ...], under: list[str]) -> tuple[str, ...] | None:
    """Return the head of a table whose head takes two lines, years and then the columns of
    each year ("Maturities | 2017 | 2016", then "Amount (in millions) | Effective Interest Rate
    | Amount (in millions) | Effective Interest Rate"), as one line: each column named with its
    year first, "2017 · Amount (in millions)" (see column_year). None when the first line is no
    line of years, or the second does not repeat one set of columns for each of them."""
    name = years[:1] if years and column_year(years[0]) is None else ()
    dated = years[len(name) :]
    if len(dated) < 2 or any(column_year(head) is None for head in dated):
        return None
    if len(under) % len(dated) == 1:  # "(Continued) | Amount | …": the names' column's head
        name, under = name or (under[0],), under[1:]
    width = len(under) // len(dated)
    if width < 2 or len(under) % len(dated) or under[:width] * len(dated) != under:
        return None
    return (*name, *(f"{year}{YEAR_MARK}{head}" for year in dated for head in under[:width]))


def _under_merged_head(over: tuple[str, ...], under: list[str]) -> tuple[str, ...] | None:
    """Return the head of a table whose head takes two lines of one width, the first with a
    cell spanning columns repeated over each ("地区 | 2021年 | 2021年 | 2022年 | 2022年" over
    "地区 | 数量 | 增长 | 数量 | 增长", as the readers write merged cells): each column named by
    both, "2021年 · 数量", or once where the two are one cell spanning both lines (地区). None
    when the lines differ in width or the first spans no columns."""
    if len(over) != len(under) or not any(
        left == right and under[k] != under[k + 1]
        for k, (left, right) in enumerate(itertools.pairwise(over))
    ):
        return None
    return tuple(
        top if top == head else f"{top}{YEAR_MARK}{head}"
        for top, head in zip(over, under, strict=True)
    )


def _under_first_head(over: tuple[str, ...], under: list[str]) -> tuple[str, ...] | None:
    """Return the head of a table whose first column's head is split on a second line, as a
    statement of shareholders' equity heads its columns ("Common Stock and Additional Paid-In
    Capital | Retained Earnings | … | Total Shareholders' Equity", then "Shares | Amount" under
    the first): "Common Stock and Additional Paid-In Capital · Shares", "… · Amount", then the
    others. Only when the second line counts shares and the first head alone names what has
    shares (stock, capital): which head a second line stands under is not written, and no
    column is better than another's. None when the second line is not narrower, or either names
    years (see _under_years_head)."""
    if not 2 <= len(under) < len(over) or any(names_a_year(head) for head in (*over, *under)):
        return None
    holders = [k for k, head in enumerate(over) if _HOLDS_SHARES.search(head)]
    if holders != [0] or not any(_SHARES.match(head) for head in under):
        return None
    return (*(f"{over[0]} · {head}" for head in under), *over[1:])


_HOLDS_SHARES = regex(r"\b(?:stock|capital|shares)\b", re.IGNORECASE)


def column_year(column: str, year: int | None = None) -> int | None:
    """Return the year a column's head names (2018 of "September 29, 2018", of "2018 · Notional
    Amount": see _under_years_head; of a report of `year`, 上年同期 is year - 1), or None."""
    dated, dot, _ = column.partition(YEAR_MARK)
    found = _YEAR_HEAD.fullmatch(dated if dot else column)
    if found:
        return int(found.group(1))
    back = RELATIVE_HEADS.get("".join(column.split()))
    return year - back if back is not None and year is not None else None


def names_a_year(head: str) -> bool:
    """Tell whether a column's head names a year, or this or last year (本报告期, 上年同期)."""
    return column_year(head) is not None or "".join(head.split()) in RELATIVE_HEADS


# The head of a Chinese table's names' column: 项目 | 第一季度 | 第二季度 | … heads every cell.
_NAMES_HEADS = frozenset(("项目", "指标", "科目", "名称", "项目名称", "指标名称"))


def _years_after_name(head: tuple[str, ...]) -> bool:
    """Tell whether a head names the names' column, then years ("指标 | 2020年 | 2021年"), and
    what may follow them ("项目 | 2021年 | 2020年 | 本年比上年增减": a company's annual report);
    or names it in the words Chinese tables head it with ("项目 | 第一季度 | 第二季度")."""
    if len(head) < 2 or names_a_year(head[0]):
        return False
    return names_a_year(head[1]) or "".join(head[0].split()) in _NAMES_HEADS


def _marks_only(cells: list[str], metrics: tuple[Metric, ...]) -> bool:
    """Tell whether a row has a value cell that is a footnote's mark, not a figure ("(3)")."""
    texts = {m.text for m in metrics}
    return any(_FOOTNOTE.fullmatch(cell) and cell not in texts for cell in cells[1:])


def is_head(cells: list[str]) -> bool:
    """Tell whether a row without figures heads columns: two cells or more, each a short text
    with a letter, or a year ("2018 | 2017 | 2016"), the first no footnote's mark (not
    "Thereafter | 66", a figure the reader took for a page number)."""
    return (
        len(cells) > 1
        and not _FOOTNOTE.fullmatch(cells[0])
        and all(
            len(cell) <= HEAD_CHARS
            and (any(c.isalpha() for c in cell) or _YEAR_LINE.fullmatch(cell) is not None)
            for cell in cells
        )
    )


_with_column = fast_replacer(Metric, "column")
_with_cell = fast_replacer(Metric, "cell")


# A Chinese table's caption of its unit, a line of its own or the end of one: 单位：元,
# 金额单位：万元, 单位：人民币亿元, （单位：万人）, 单位：元 币种：人民币.
_UNIT_CAPTION = regex(
    r"(?:金额)?单位\s*[：:]\s*(?:人民币)?(?P<unit>[^\s，,；;、（）()|]{1,6})"
    r"(?:\s*币种\s*[：:]\s*\S{1,6})?\s*[)）]?\s*$"
)
# A row's name that states its own unit: 基本每股收益（元/股）, 员工人数（人）.
_ROW_UNIT = regex(r"[（(](?P<unit>[^（）()]{1,6})[)）]\s*$")
UnitOf = Callable[[str], "tuple[str, str, MetricKind] | None"]


@dataclasses.dataclass(slots=True)
class TableUnits:
    """The units a Chinese table names for its cells, in force while a section's sentences are
    read, up to the first sentence of prose.

    A company's annual report heads its figures "单位：元" and writes its cells without unit
    ("营业收入 | 1,234,567,890.12 | …"): read alone, a count of nothing. A statistical bulletin
    gives each row its unit in a column of units ("指标 | 单位 | 绝对数 | 比上年增长（%）", then
    "粮食 | 万吨 | 68.5 | 2.0"). Each whole cell written without unit takes, the nearer first:
    its column head's unit (比上年增长（%）: 2.0%), its row's cell under 单位 (68.5万吨), the unit
    its row's name states (员工人数（人）, 基本每股收益（元/股）), the caption's (1,234 under
    单位：万元 is 1,234万元): unit, scale and kind. Its quote stays as written. `unit_of` reads a
    unit as the figure grammar does ("万元" -> 万元, 万, money), or gives None (a footnote's
    mark, 营业收入（注1）: the next unit then).
    """

    unit_of: UnitOf
    unit: tuple[str, str, MetricKind] | None = None  # the caption's
    head: tuple[str, ...] = ()  # the head row in force

    def read(self, sentence: str, metrics: tuple[Metric, ...]) -> tuple[Metric, ...]:
        """Return a sentence's figures, each whole cell without unit in its table's unit."""
        if " | " not in sentence:
            caption = _UNIT_CAPTION.search(sentence) if "单位" in sentence else None
            if caption is not None:
                self.unit = self.unit_of(caption["unit"])
            elif (self.unit is not None or self.head) and _is_prose(sentence):
                self.unit, self.head = None, ()  # the table has ended
            return metrics
        cells = [cell.strip() for cell in sentence.split("|")]
        if not metrics:
            if _CHINESE.search(sentence) and is_head(cells):
                self.head = tuple(cells)  # (a 10-K's heads name no unit a cell lacks)
            return metrics
        if self.unit is None and not self.head:
            return metrics
        own = _ROW_UNIT.search(cells[0])
        row = (self.unit_of(own["unit"]) if own else None) or self.unit  # （注1）: no unit
        # The head stands over the value cells, or over the names' cell too (see TableColumns).
        offset = len(cells) - len(self.head)
        by_column: dict[int, tuple[str, str, MetricKind] | None] = {}
        if self.head and offset in (0, 1):
            for k in range(offset, len(cells)):
                head = self.head[k - offset]
                if head in _UNIT_HEADS:
                    row = self.unit_of(cells[k]) or row
                else:
                    by_column[k] = self._head_unit(head)
        raw_cells = sentence.split("|")
        found = []
        for m in metrics:
            unit = by_column.get(sentence.count("|", 0, m.start)) or row
            if unit is not None and not m.unit and _whole_cell(m, sentence, raw_cells):
                m = dataclasses.replace(m, unit=unit[0], scale=unit[1], kind=unit[2])
            found.append(m)
        return tuple(found)

    def _head_unit(self, head: str) -> tuple[str, str, MetricKind] | None:
        """Return the unit a column's head states in brackets (比上年增长（%）), or None."""
        own = _ROW_UNIT.search(head)
        return self.unit_of(own["unit"]) if own else None


_CHINESE = regex(r"[\u3400-\u9fff]")
# The head of a column of units: 指标 | 单位 | 绝对数.
_UNIT_HEADS = frozenset(("单位", "计量单位"))


def _whole_cell(metric: Metric, sentence: str, cells: list[str]) -> bool:
    """Tell whether a figure is a whole value cell of its row, with no scale written."""
    if metric.scale or (metric.unit and metric.kind is not MetricKind.MONEY):
        return False  # "45 days", "18%": not a sum the caption scales
    index = sentence.count("|", 0, metric.start)
    return index > 0 and cells[index].strip() == metric.text


def _is_prose(sentence: str) -> bool:
    text = sentence.rstrip()
    return len(text) > PROSE_CHARS or text.endswith(_PROSE_END)


# A filing stacks a table's years one under the other, each under a line of its year ("2018",
# "2017:"): the fair value of its securities, its quarterly results, its dividends by quarter.
_YEAR_LINE = regex(r"\s*((?:19|20)\d\d)\s*:?\s*")


def stacked_years(sentences: Sequence[str]) -> dict[int, int]:
    """Return the year each table row of a section is under when its tables stack their years
    under lines of their own ("2017:" then "Net sales | $52,579 | …", "2016:" then "Net sales |
    $46,852 | …"), by the row's index; empty when no year line heads a table. A year rules the
    rows up to the next year line or the first sentence of prose. The rows of a roll-forward
    are of their years too (see _rolled_forward)."""
    years: dict[int, int] = {}
    year: int | None = None
    lines = [
        _YEAR_LINE.fullmatch(sentence) if len(sentence) < 12 else None for sentence in sentences
    ]
    for index, sentence in enumerate(sentences):
        line = lines[index]
        if line is not None:
            # Two years one after the other are a table's head split into lines ("2018", then
            # "2017", then its rows): columns of years, not blocks.
            after = lines[index + 1] if index + 1 < len(lines) else None
            before = lines[index - 1] if index else None
            year = None if after is not None or before is not None else int(line.group(1))
        elif year is not None:
            if " | " in sentence:
                years[index] = year
            elif _is_prose(sentence):
                year = None
    return years | _rolled_forward(sentences)


# A roll-forward's balance row: "Balances as of September 26, 2015 | 5,578,753 | …", "Balance
# at 31 December 2021 | 1,250", "Balance, December 31, 2021 | …". Its year is that of the date.
_BALANCE_ROW = regex(
    r"\s*(?:Beginning |Ending |Closing |Opening )?[Bb]alances?(?:,| as of| at) [^|]*?"
    r"\b((?:19|20)\d\d)\s*\|"
)


def _rolled_forward(sentences: Sequence[str]) -> dict[int, int]:
    """Return the year of each row of a roll-forward (a balance, the year's movements, the next
    year's balance, …: Apple's statement of shareholders' equity, its RSU activity), by the
    row's index: a balance row is of its date's year, the rows up to it of the same year (the
    movements of the year that ends there). Only balances a year apart make one: a table's
    rows up to its first balance, and after its last, are of no year."""
    years: dict[int, int] = {}
    since: list[int] = []  # the rows since the last balance
    last: tuple[int, int] | None = None  # the last balance: its index and year
    for index, sentence in enumerate(sentences):
        if " | " not in sentence:
            if _is_prose(sentence):
                since, last = [], None
            continue
        balance = _BALANCE_ROW.match(sentence)
        if balance is None:
            if last is not None:
                since.append(index)
            continue
        year = int(balance.group(1))
        if last is not None and year == last[1] + 1:
            years[last[0]] = last[1]  # the balance the year opens with
            years.update(dict.fromkeys(since, year))
            years[index] = year
        since, last = [], (index, year)
    return years
