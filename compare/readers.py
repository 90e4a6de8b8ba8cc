"""PDF, Word and HTML file contents -> raw report text, one paragraph per line.

PDF lines are joined into paragraphs by their layout; headings that the format marks (Word heading
styles and outline levels, HTML h1-h6) become Markdown heading lines. `compare.ingest` repairs the
text afterwards.
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import io
import itertools
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from compare import worddoc
from compare.errors import UnreadableInput
from compare.patterns import regex

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

INSTALL_HINT = "pip install 'compare[formats]'"
# Chinese, Japanese and Korean characters with their full-width punctuation.
CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"

# Heading text that already carries its own numbering; the outline reads its level from that,
# so a Markdown `#` would only contradict it.
NUMBERED_HEADING = regex(
    r"""^\s*(?:
        [一二三四五六七八九十百千]+\s*[、.．]              # 一、
      | [（(]\s*[一二三四五六七八九十百千\d]+\s*[)）]      # （一） (1)
      | [\d０-９]{1,2}(?:[.．][\d０-９]{1,2})*\s*(?:[.．、)）]|\s)  # 1. 1.2 1、 (not 2021)
      | 第\s*[一二三四五六七八九十百千\d]+\s*[章节節部分篇条條编編]  # 第一章
      | (?:item|part|chapter|section|article)\s+[\dIVXLC]+\b  # Item 1A
      | [IVXLC]+\.\s                                      # IV.
    )""",
    re.IGNORECASE | re.VERBOSE,
)


# A line break inside a paragraph (Word's w:br, ODF's text:line-break, HTML's <br>) is
# written as the line separator: ingest joins the parts of a sentence it splits.
SOFT_BREAK = "\u2028"


def soft_breaks(text: str) -> list[str]:
    """Return a paragraph's text (its line breaks "\n") as its line: each break a soft one."""
    text = text.strip()
    return [text.replace("\n", SOFT_BREAK)] if text else []


def heading_line(level: int, text: str) -> str:
    """Return `text` as a Markdown heading of `level`, or as is when it is numbered already."""
    if NUMBERED_HEADING.match(text):
        return text
    return "#" * max(1, min(level, 6)) + " " + text


MAX_SPAN = 64  # columns a merged cell is repeated in at most (a row of 1,000 would be junk)


def spread_cells(cells: list[tuple[str, int, int]], above: dict[int, tuple[str, int]]) -> list[str]:
    """Return a table row's cells, each (text, rows, columns) it spans, with every merged cell
    repeated in each column and row it spans, as if it were written there: a cell spanning two
    columns stands under both heads, and the rows below a cell spanning rows start with it.

    `above` holds the cells of rows before that span into this one (column -> (text, rows
    still spanned)) and is updated for the next row. A row of one cell and nothing from above
    (a title or a note across the table) is that cell once.
    """
    row: list[str] = []
    below: dict[int, tuple[str, int]] = {}

    def carry() -> None:
        while len(row) in above:
            text, rows = above.pop(len(row))
            if rows > 1:
                below[len(row)] = (text, rows - 1)
            row.append(text)

    carried = bool(above)
    for text, rows, columns in cells:
        carry()
        for _ in range(max(1, min(columns, MAX_SPAN))):
            if rows > 1:
                below[len(row)] = (text, rows - 1)
            row.append(text)
    carry()
    for column in sorted(above):  # cells from above past an empty place: the place is empty
        row.extend([""] * (column - len(row)))
        carry()
    above.clear()
    above.update(below)
    if len(cells) == 1 and not carried:
        return row[:1]
    return row


def _missing(path: Path, library: str) -> UnreadableInput:
    """Build the error for a reader whose third-party library is not installed."""
    return UnreadableInput(f"{path}: reading this format needs {library} ({INSTALL_HINT})")


# --------------------------------------------------------------------------- PDF

# A page number as printed in a header or footer: `- 3 -`, `— 3 —`, `3`, `第3页`, `3/12`, `Page 3`.
PAGE_NUMBER = regex(
    r"""^[\s\-—–－~·•]*(?:
        \d{1,4}
      | 第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?
      | \d{1,4}\s*/\s*\d{1,4}
      | (?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?
    )[\s\-—–－~·•]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Header and footer lines lie within this share of the page height from the top or bottom edge.
EDGE_BAND = 0.12
# At most this many lines at each edge of a page can be running headers or footers.
EDGE_LINES = 2
# A line this many times the usual line spacing below the one before begins a paragraph.
PARAGRAPH_STEP = 1.2
# The usual line spacing is read below wrapped lines when a page has at least this many.
WRAPPED_FOR_SPACING = 3
# Punctuation that may not begin a line (it goes with the character before) or end one.
NO_LINE_START = "，。、；：？！”’）》」』】〕…—,.;:?!)]%"
NO_LINE_END = "“‘《（【「『〔(["
SHARED_PUNCTUATION = "“”‘’…—"
CJK_ONLY = regex(rf"[{CJK}]")
CJK_CHAR = regex(rf"[{CJK}{SHARED_PUNCTUATION}]")
# A line's first unbreakable piece: opening punctuation, then a Latin word or number or one
# other character, then the punctuation that may not begin a line.
LINE_LEAD = regex(
    rf"[{re.escape(NO_LINE_END)}]*(?:[^\s{CJK}{SHARED_PUNCTUATION}]+|.)[{re.escape(NO_LINE_START)}]*"
)


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of a PDF page's text with its box (PDF points, origin bottom left).

    `left`, `bottom` and `top` are its first character's, `right` and `last_bottom` its last's:
    PDFium may give several visual lines of a paragraph as one line of text (a browser's PDF of
    English prose, whose wrapped lines end in a space). `lead` is the width of the line's first
    unbreakable piece: a word, or a CJK character with the punctuation that must follow it.
    Box-less lines (when PDFium's character list and text disagree) have all zeros and are
    never joined, nor is a table's row.
    """

    text: str
    left: float = 0.0
    right: float = 0.0
    bottom: float = 0.0
    top: float = 0.0
    lead: float = 0.0
    last_bottom: float = 0.0
    cells: bool = False  # a table's row, its cells found apart (see _table_cells)
    edges: tuple[tuple[float, float], ...] = ()  # each cell's left and right, when known

    @property
    def height(self) -> float:
        """Return the line's height, about its font size."""
        return self.top - self.bottom


def read_pdf(data: bytes, path: Path) -> str:
    """Return the text layer of a PDF, one paragraph per line, without page numbers and headers.

    Lines are joined into paragraphs where the layout shows a wrapped line: it reaches the right
    margin and the next line is neither indented nor set apart. Raises UnreadableInput for an
    encrypted or corrupt PDF and for one without text (a scan).
    """
    try:
        import pypdfium2
    except ImportError:
        raise _missing(path, "pypdfium2") from None

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) == 4 or "password" in str(exc).lower():
            raise UnreadableInput(f"{path}: the PDF is encrypted") from None
        raise UnreadableInput(f"{path}: not a valid PDF ({_pdfium_reason(exc)})") from None
    try:
        pages = [_read_pdf_page(page) for page in document]
    except pypdfium2.PdfiumError as exc:
        raise UnreadableInput(f"{path}: not a valid PDF ({_pdfium_reason(exc)})") from None
    finally:
        document.close()

    if not pages:
        raise UnreadableInput(f"{path}: the PDF has no pages")
    bodies = _drop_running_lines(pages)
    text = "\n".join(_join_wrapped_lines(bodies))
    if not text.strip():
        raise UnreadableInput(
            f"{path}: this PDF has no text layer (a scanned image?); run OCR first"
        )
    return text


def _pdfium_reason(exc: Exception) -> str:
    """Return PDFium's own words for a failure, without the wrapper's prefix."""
    found = re.search(r"PDFium: ([^)]*)", str(exc))
    return found.group(1) if found else str(exc)


def _read_pdf_page(page: Any) -> tuple[list[_Line], float]:
    """Return a page's non-blank lines in PDFium's reading order, and the page height."""
    from pypdfium2 import raw

    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # PDFium counts text positions in UTF-16 units and may leave characters out of the text
        # (glyphs without Unicode), so text positions are mapped to its character list.
        wide = len(text.encode("utf-16-le")) != 2 * len(text)

        def box(position: int) -> tuple[float, float, float, float] | None:
            units = len(text[:position].encode("utf-16-le")) // 2 if wide else position
            index = raw.FPDFText_GetCharIndexFromTextIndex(textpage.raw, units)
            return textpage.get_charbox(index, loose=True) if index >= 0 else None

        lines = []
        for match in re.finditer(r"[^\r\n]+", text):
            stripped = match.group().strip()
            if not stripped:
                continue
            # PDFium gives a hyphen that ends a visual line inside its text line as U+FFFE.
            stripped = stripped.replace("\ufffe", "-")
            first = match.start() + len(match.group()) - len(match.group().lstrip())
            start = box(first)
            end = box(first + len(stripped) - 1)
            lead_end = box(first + _lead_length(stripped) - 1)
            if start is None or end is None or lead_end is None:
                lines.append(_Line(stripped))
                continue
            left, bottom, _, top = start
            lead = lead_end[2] - left
            cells = _table_row(stripped, first, box, top - bottom)
            row = " | ".join(cell for cell, _ in cells) if cells else stripped
            edges = tuple(edge for _, edge in cells)
            lines.append(_Line(row, left, end[2], bottom, top, lead, end[1], bool(cells), edges))
        rows = _dated_heads(_head_rows(lines, float(page.get_width())))
        return _wrapped_labels(_wrapped_heads(rows)), float(page.get_height())
    finally:
        textpage.close()
        page.close()


# A table's cells are set apart by more than this many ems; PDFium gives a row as one line
# with a space between cells ("营业收入 1,234,567,890.12 1,000,000,000.00 23.46%"), or with none
# where a number meets the next cell's sign ("Net sales $ 265,595$ 229,234$ 215,639").
CELL_GAP = 1.5
# An English row's cells may stand nearer, in the narrow columns of a five-year table (a word
# space is about a quarter of an em, and a justified line's rarely reaches half of one).
ENGLISH_CELL_GAP = 0.8
_SPACES = regex(r" +")
_FIGURE_EDGE = frozenset("0123456789$€£¥()%—–-,")
_SIGN_AFTER_FIGURE = regex(r"(?<=[\d%)])(?=[$€£¥(])")
_FIGURE_THEN_SIGN = regex(r"(?<=[\d%)]) +(?=(?:[$€£¥]\(?|\()\d)")
# Two figures written out in full (a sum with its separators, a share, a negative in brackets, a
# dash for nothing) a space apart: two cells, which prose never writes so.
_FIGURES_APART = regex(
    r"(?:(?<=\d,\d{3})|(?<=\d\.\d\d)|(?<=\d%)|(?<=\d\))|(?<=—%)|(?<=—)) +(?=[-−(]?\d|—)"
)
_YEAR_HEAD_APART = regex(r"(?<=(?:19|20)\d\d年) +(?=[\u4e00-\u9fff])")
# Where PDFium may run two cells together without a space: a capital right after a comma or a
# figure ("September 29,September 30,"), which prose never writes.
_GLUED = regex(r"(?<=[,;:%)\d])(?=[A-Z])")
# An English row's figure cell (a statement's: $265,595, (1,348), 38.3%, —), once a sign or a
# closing bracket set in a cell of its own is joined to its figure.
_SIGN = r"(?:[$€£¥]|US\$|HK\$|S\$|RMB)"  # a currency a statement writes before its sums
_FIGURE_CELL = regex(rf"[(\-−]?{_SIGN}?[(\-−]?\d[\d,.]*\)?%?|[—–\-]+%?")
_CURRENCY_CELL = regex(_SIGN)
_SPACED_SIGN = regex(rf"^([(\-−]?{_SIGN})\s+(?=\d)")  # "$ 265,595"
_SPACED_CLOSE = regex(r"(?<=\d)\s+(?=\)|%)")  # "(1,348 )"
_CLOSING_CELL = regex(r"\)?%?")
ENGLISH_ROW_FIGURES = 2  # an English table's row: at least this many figure cells
# Or a sum alone, this many ems or more from its name, written as a statement writes sums:
# with a currency sign or with separators of thousands.
LONE_SUM_GAP = 3.0
_SUM_CELL = regex(rf"[(\-−]?{_SIGN}[(\-−]?\d[\d,.]*\)?|[(\-−]?\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?\)?")


def _table_cells(
    line: str, first: int, box: Callable[[int], tuple[float, float, float, float] | None], em: float
) -> list[str]:
    """Return the cells of a line that is a table's row, else [] (see _table_row)."""
    return [cell for cell, _ in _table_row(line, first, box, em)]


Cell = tuple[str, tuple[float, float]]  # a cell's text, and its left and right (0, 0: unknown)


def _table_row(
    line: str, first: int, box: Callable[[int], tuple[float, float, float, float] | None], em: float
) -> list[Cell]:
    """Return the cells of a line that is a table's row, each with its left and right, else [].

    A Chinese row has three or more cells apart by more than CELL_GAP ems, not all single
    characters (a title spaced out, 政 府 工 作 报 告, is none). An English row (a statement's,
    "Net sales $ 265,595 $ 229,234") has three or more once a currency sign or a closing bracket
    in a cell of its own is joined to its figure ("$265,595", "(1,348)"), ENGLISH_ROW_FIGURES of
    them figures: prose never sets words so far apart. `first` is the line's place in the page's
    text, `box` gives a place's box."""
    if em <= 0 or " " not in line:
        return []
    cjk = bool(CJK_ONLY.search(line))
    if cjk and line.count(" ") < 2:
        return []
    if not cjk and sum(ch.isdigit() for ch in line) < 2 and not _UNIT_HEAD.search(line):
        return []  # most English lines, told at a glance
    breaks = [(gap.start(), gap.end()) for gap in _SPACES.finditer(line)]
    signs: set[int] = set()
    # Two figures written out in full a space apart are two cells, in columns too narrow to
    # tell by their gap ("营业收入 1,456,789,012.34 1,234,567,890.12 18.00%", "Basic 4,955,377
    # 5,217,242"), and so are a year's head and the next ("2021年 本年比上年增减").
    signs = {m.start() for m in _FIGURES_APART.finditer(line)}
    if cjk:
        signs |= {m.start() for m in _YEAR_HEAD_APART.finditer(line)}
    else:
        # An English row's cells meet at a figure or a sign: the spaces between words of its
        # label, or of prose, are not looked at (a box costs a call into PDFium).
        breaks = [
            (start, end)
            for start, end in breaks
            if line[start - 1 : start] in _FIGURE_EDGE or line[end : end + 1] in _FIGURE_EDGE
        ]
        # A sign right after a figure starts the next cell, however near: a statement sets
        # its dollar sign at the left of its cell, against the figure of the cell before.
        glued = {m.start() for m in _SIGN_AFTER_FIGURE.finditer(line)}
        signs |= glued
        breaks += [(at, at) for at in glued | {m.start() for m in _GLUED.finditer(line)}]
        breaks.sort()
        # So does one a space after a figure ("$237,100 $268,895", "382 (1,477) (741)"), which
        # prose never writes, in columns too narrow to tell by their gap.
        signs |= {m.start() for m in _FIGURE_THEN_SIGN.finditer(line)}
    least = (CELL_GAP if cjk else ENGLISH_CELL_GAP) * em
    spans, start = [], 0
    for gap_start, gap_end in breaks:
        if gap_start == 0 or gap_end >= len(line):
            continue
        if gap_start in signs:
            spans.append((start, gap_start))
            start = gap_end
            continue
        before, after = box(first + gap_start - 1), box(first + gap_end)
        if before is not None and after is not None and after[0] - before[2] > least:
            spans.append((start, gap_start))
            start = gap_end
    spans.append((start, len(line)))
    if len(spans) < 2:
        return []
    cells = [(line[start:end], (start, end)) for start, end in spans]  # by place in the line
    if cjk:
        if len(cells) < 3 or all(len(cell) == 1 for cell, _ in cells):
            return []
    else:
        cells = _joined_signs([(cell.strip(), span) for cell, span in cells])
        texts = [cell for cell, _ in cells]
        # a head of dates or years ("September 29, | September 30,"), or a row of figures
        head = len(texts) >= 2 and sum(bool(_HEAD_CELL.fullmatch(cell)) for cell in texts) >= 2
        figures = sum(1 for cell in texts[1:] if _FIGURE_CELL.fullmatch(cell))
        row = len(cells) >= 3 and figures >= ENGLISH_ROW_FIGURES
        lone_sum = len(cells) == 2 and bool(_SUM_CELL.fullmatch(texts[1]))
        if not (head or row or lone_sum):
            return []

    def edges(start: int, end: int) -> tuple[float, float]:
        left, right = box(first + start), box(first + max(start, end - 1))
        return (left[0], right[2]) if left is not None and right is not None else (0.0, 0.0)

    found = [(cell, edges(*span)) for cell, span in cells]
    if len(found) == 2 and not cjk:
        # A row of one sum ("2019 | $8,797", "Total term debt | $104,193") only far from its
        # name: prose sets a sum a word space after the words before it.
        (_, (_, right)), (_, (left, _)) = found
        if not right or left - right < LONE_SUM_GAP * em:
            return []
    return found


_Place = TypeVar("_Place", int, float)


def _joined_signs(
    cells: list[tuple[str, tuple[_Place, _Place]]],
) -> list[tuple[str, tuple[_Place, _Place]]]:
    """Join a currency sign set in a cell of its own to the figure after it, and a closing
    bracket or a per cent sign to the figure before it; a sign spaced from its figure inside a
    cell is closed up ("$ 265,595": "$265,595", "(1,348 )": "(1,348)")."""
    joined: list[tuple[str, tuple[_Place, _Place]]] = []
    pending: tuple[str, tuple[_Place, _Place]] | None = None
    for cell, (left, right) in cells:  # where the cell starts and ends
        if _CURRENCY_CELL.fullmatch(cell):
            pending = (pending[0] + cell, pending[1]) if pending else (cell, (left, right))
            continue
        if joined and cell and _CLOSING_CELL.fullmatch(cell) and pending is None:
            text, (first_left, _) = joined[-1]
            joined[-1] = (text + cell, (first_left, right))
            continue
        if pending is not None:
            cell, left = pending[0] + cell, pending[1][0]
            pending = None
        joined.append((_SPACED_CLOSE.sub("", _SPACED_SIGN.sub(r"\1", cell)), (left, right)))
    if pending is not None:
        joined.append(pending)
    return joined


# A table's head whose cells PDFium gives as lines of their own, one after another: each a
# short line (less than this share of the page's width), on one baseline with the others.
HEAD_CELL_WIDTH = 0.25
_UNIT_HEAD = regex(rf"{_SIGN}(?:m|bn|'000)")  # a column's unit: £m, RMB'000
_HEAD_CELL = regex(
    rf"(?:FY\s?)?(?:19|20)\d\d(?:\s+{_UNIT_HEAD.pattern})?|{_UNIT_HEAD.pattern}|Notes?"
    r"|(?:(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s+(?:\d{1,2},?(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d))"
    r"|(?:19|20)\d\d年"
)


def _head_rows(lines: list[_Line], width: float) -> list[_Line]:
    """Return a page's lines with the cells of a table's head that PDFium gives as lines of
    their own set on one line each, as the row's cells are: a statement's centred column heads
    ("September 29," over "2018", then "September 30," over "2017") read as "September 29, |
    September 30, | …" and "2018 | 2017 | 2016". Only heads that name years or dates, two or
    more on one baseline, are so joined."""
    out: list[_Line] = []
    run: list[_Line] = []

    def flush() -> None:
        if len(run) < 2:
            out.extend(run)
        else:
            out.extend(_baseline_rows(run))
        run.clear()

    for line in lines:
        short = 0 < line.right - line.left < HEAD_CELL_WIDTH * width and not line.cells
        if short:
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


_DAY_HEAD = regex(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?"
)
_YEAR_HEAD = regex(r"(?:19|20)\d\d")


def _dated_heads(lines: list[_Line]) -> list[_Line]:
    """Return a page's lines with a head row of days over a head row of their years joined cell
    by cell ("September 29, | September 30," over "2018 | 2017": "September 29, 2018 |
    September 30, 2017"), as a statement's column heads read when their cells wrap."""
    out: list[_Line] = []
    for line in lines:
        last = out[-1] if out else None
        if last is not None and last.cells and line.cells:
            days, years = last.text.split(" | "), line.text.split(" | ")
            if (
                len(days) == len(years) >= 2
                and all(_DAY_HEAD.fullmatch(day) for day in days)
                and all(_YEAR_HEAD.fullmatch(year) for year in years)
            ):
                text = " | ".join(f"{day} {year}" for day, year in zip(days, years, strict=True))
                out[-1] = dataclasses.replace(last, text=text, last_bottom=line.last_bottom)
                continue
        out.append(line)
    return out


def _wrapped_heads(lines: list[_Line]) -> list[_Line]:
    """Return a page's lines with a table head's cell that wraps joined whole: a short line
    right below a row, under one of its cells but the first, is that cell's second line
    (比上年增长 over （%）: 比上年增长（%）, whose unit the rises under it take)."""
    out: list[_Line] = []
    for line in lines:
        row = out[-1] if out else None
        if row is not None and row.cells and len(row.edges) >= 2 and not line.cells:
            under = _cell_above(row, line)
            if under is not None:
                cells = row.text.split(" | ")
                if len(cells) == len(row.edges):
                    cells[under] = _glue(cells[under], line.text)
                    out[-1] = dataclasses.replace(row, text=" | ".join(cells))
                    continue
        out.append(line)
    return out


def _cell_above(row: _Line, line: _Line) -> int | None:
    """Return the cell of a row (not its first) that a line continues: a line no wider than
    the cell, centred under it, right below the row (WRAPPED_LABEL_GAP ems or nearer); else
    None."""
    em = row.height
    if line.height <= 0 or em <= 0 or row.bottom - line.top > WRAPPED_LABEL_GAP * em:
        return None
    if row.bottom <= line.bottom:
        return None
    middle = (line.left + line.right) / 2
    for k, (left, right) in enumerate(row.edges):
        if k and left - em <= middle <= right + em and line.right - line.left <= right - left + em:
            return k
    return None


# A row's label wrapped inside its cell: the line above the row ends right over it, no more than
# this many ems apart (a table's rows stand further apart than the lines of one cell).
WRAPPED_LABEL_GAP = 0.3


def _wrapped_labels(lines: list[_Line]) -> list[_Line]:
    """Return a page's lines with the first lines of a row's wrapped label joined to the row
    ("Accounts receivable, less allowances of $58 and $53," over "respectively | 23,186 |
    17,874": the row is named by all of it). A line is one when it is no row itself, starts
    where the row does and ends right above it."""
    out: list[_Line] = []
    for line in lines:
        joined = 0
        while (
            line.cells and joined < WRAPPED_LABEL_LINES and out and _label_wraps_into(out[-1], line)
        ):
            above = out.pop()
            line = dataclasses.replace(
                line, text=_glue(above.text, line.text), top=above.top, lead=above.lead
            )
            joined += 1
        out.append(line)
    return out


WRAPPED_LABEL_LINES = 2  # a label of three lines at most
_ENDS_WITH_FIGURE = regex(r"[\d)%—–]\s*$")


def _label_wraps_into(above: _Line, row: _Line) -> bool:
    """Tell whether a line is the beginning of an English row's label wrapped in its cell: no
    row itself, no head of a group ("Earnings per share:"), no figures at its end, starting
    where the row starts, ending right above it."""
    text = above.text.rstrip()
    return (
        not above.cells
        and above.height > 0
        and not CJK_ONLY.search(row.text)
        and abs(above.left - row.left) <= 0.5 * row.height
        and above.bottom > row.bottom
        and above.bottom - row.top <= WRAPPED_LABEL_GAP * row.height
        and not text.endswith(":")
        and not _ENDS_WITH_FIGURE.search(text)
    )


def _baseline_rows(run: list[_Line]) -> list[_Line]:
    """Return a run of short lines, those on one baseline that name years or dates joined into
    one row each (see _head_rows), in the run's order of baselines from the top."""
    groups: list[list[_Line]] = []
    for line in run:
        for group in groups:
            if abs(group[0].bottom - line.bottom) <= 0.25 * max(line.height, group[0].height):
                group.append(line)
                break
        else:
            groups.append([line])
    if not any(
        len(group) >= 2
        and sum(bool(_HEAD_CELL.fullmatch(line.text.strip())) for line in group) >= 2
        for group in groups
    ):
        return run  # short lines of no head (a cover, a list of names): as they were
    rows = []
    for group in sorted(groups, key=lambda g: -g[0].bottom):
        cells = sorted(group, key=lambda line: line.left)
        apart = all(a.right <= b.left for a, b in itertools.pairwise(cells))
        if (
            len(cells) < 2
            or not apart
            or sum(bool(_HEAD_CELL.fullmatch(c.text.strip())) for c in cells) < 2
        ):
            rows.extend(group)
            continue
        first, last = cells[0], cells[-1]
        text = " | ".join(cell.text for cell in cells)
        edges = tuple((cell.left, cell.right) for cell in cells)
        rows.append(
            _Line(
                text,
                first.left,
                last.right,
                first.bottom,
                first.top,
                first.lead,
                last.bottom,
                True,
                edges,
            )
        )
    return rows


def _lead_length(line: str) -> int:
    """Return how many characters the first unbreakable piece of a line has."""
    found = LINE_LEAD.match(line)
    return len(found.group()) if found else 1


def _shape(line: str) -> str:
    """Return a line with whitespace dropped and digits masked, so page headers compare equal."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _edge_lines(lines: list[_Line], height: float) -> list[_Line]:
    """Return the topmost and bottommost lines of a page that lie in its header or footer band."""
    placed = sorted((line for line in lines if line.height > 0), key=lambda line: -line.top)
    top = [line for line in placed[:EDGE_LINES] if line.bottom > height * (1 - EDGE_BAND)]
    bottom = [line for line in placed[-EDGE_LINES:] if line.top < height * EDGE_BAND]
    return list(dict.fromkeys(top + bottom))


def _drop_running_lines(pages: list[tuple[list[_Line], float]]) -> list[list[_Line]]:
    """Drop page numbers and lines repeated at the top or bottom of at least half the pages."""
    edges = [_edge_lines(lines, height) for lines, height in pages]
    counts = Counter(shape for page in edges for shape in {_shape(line.text) for line in page})
    repeated = {
        shape
        for shape, count in counts.items()
        if len(pages) >= 2 and count >= max(2, len(pages) / 2)
    }
    # A bare number at a page's edge is its number only in a document that numbers its pages:
    # a PDF printed without page numbers can start a page with "2增长13.6%", its "2" a line of
    # its own (the end of 广义货币M2 on the page before). "- 2 -", "第2页" or "Page 2" is one.
    numbered = sum(any(PAGE_NUMBER.match(line.text) for line in page) for page in edges)
    bare_too = numbered >= max(2, len(pages) / 2)
    bodies = []
    for (lines, _), page_edges in zip(pages, edges, strict=True):
        dropped = {
            id(line)
            for line in page_edges
            if (PAGE_NUMBER.match(line.text) and (bare_too or not line.text.strip().isdigit()))
            or _shape(line.text) in repeated
        }
        bodies.append([line for line in lines if id(line) not in dropped])
    return bodies


def _join_wrapped_lines(pages: list[list[_Line]]) -> list[str]:
    """Join each wrapped line to the next, page breaks included; return one paragraph per line."""
    paragraphs: list[str] = []
    previous: _Line | None = None
    previous_right = 0.0
    for lines in pages:
        right = max((line.right for line in lines), default=0.0)
        left = _body_left(lines)
        spacing = _line_spacing(lines)
        for index, line in enumerate(lines):
            if previous is not None and _continues(
                previous,
                line,
                right=previous_right,
                left=left,
                spacing=spacing if index > 0 else None,
            ):
                paragraphs[-1] = _glue(paragraphs[-1], line.text)
            else:
                paragraphs.append(line.text)
            previous, previous_right = line, right
    return paragraphs


def _body_left(lines: list[_Line]) -> float:
    """Return the left edge of a page's body text: the leftmost edge that two lines share."""
    edges = Counter(round(line.left) for line in lines if line.height > 0)
    shared = [edge for edge, count in edges.items() if count >= 2]
    return float(min(shared or edges or [0]))


def _line_spacing(lines: list[_Line]) -> float:
    """Return the usual distance between the bottoms of consecutive lines on a page: below the
    lines that wrapped (the next line's first piece would not have fitted after them, as
    _continues reads it) when there are a few, else below any line. On a page of one-line
    paragraphs (a cover, a contents page) the usual step is from one paragraph to the next."""
    right = max((line.right for line in lines), default=0.0)
    steps = []
    wrapped = []
    for old, new in zip(lines, lines[1:], strict=False):
        step = old.last_bottom - new.bottom
        if step > 0:
            steps.append(step)
            if right - old.right <= new.lead + old.height:  # the next line's lead did not fit
                wrapped.append(step)
    chosen = sorted(wrapped if len(wrapped) >= WRAPPED_FOR_SPACING else steps)
    return chosen[len(chosen) // 2] if chosen else 0.0


_ENDS_WITH_PAGE = regex(r"[^\d,.\s]\s+\d{1,3}$")
_ENTRY_START = regex(r"(?:item|part|note)\s+[\dIVXLC]+[A-Z]?\b", re.IGNORECASE)  # Item 1A


def _continues(old: _Line, new: _Line, *, right: float, left: float, spacing: float | None) -> bool:
    """Tell whether `new` continues `old`'s paragraph.

    `right` is the right margin of `old`'s page, `left` the body's left edge on `new`'s page;
    `spacing` is the page's usual line spacing, None when `new` begins a page.
    """
    em = old.height
    if em <= 0 or new.height <= 0 or old.cells or new.cells:
        return False
    # A table of contents' entry ends with its page, set at the margin: the next entry
    # ("Item 1A. Risk Factors 8", then "Item 1B. …") is no continuation of it.
    if _ENDS_WITH_PAGE.search(old.text) and (
        NUMBERED_HEADING.match(new.text) or _ENTRY_START.match(new.text)
    ):
        return False
    # The next line's first piece would have fitted: the old line ended on purpose.
    if right - old.right > new.lead + 1.0 * em:
        return False
    # An indented line begins a paragraph.
    if new.left > old.left + 0.5 * em or new.left > left + 0.5 * em:
        return False
    if abs(new.height - old.height) > 0.2 * em:
        return False
    if spacing is not None:
        step = old.last_bottom - new.bottom
        if step <= 0 or step > PARAGRAPH_STEP * spacing:
            return False
    return True


def _glue(old: str, new: str) -> str:
    """Join a wrapped line to its continuation: no space next to CJK text or after a hyphen,
    nor inside a run of digits or letters cut in Chinese text (议案10 / 6件, （AP / IO2021）)."""
    # Curly quotes and dashes serve both scripts: the letters beside them decide.
    before = old.rstrip(SHARED_PUNCTUATION)[-1:]
    after = new.lstrip(SHARED_PUNCTUATION)[:1]
    if old.endswith("-") or CJK_ONLY.match(before) or CJK_ONLY.match(after):
        return old + new
    # Only English prose, whose words around the break are spaced, takes a space; a run with
    # Chinese on either side and no space in it is one number or name.
    tail, head = _LATIN_TAIL.search(old[-200:]), _LATIN_HEAD.match(new[:200])
    if (
        tail
        and head
        and " " not in tail.group()
        and " " not in head.group()
        and (tail.start() > 0 or head.end() < len(new[:200]))
    ):
        return old + new
    return old + " " + new


_LATIN_TAIL = regex(f"[^{CJK}]+$")
_LATIN_HEAD = regex(f"^[^{CJK}]+")


# --------------------------------------------------------------------------- Word

HEADING_STYLE = regex(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
OUTLINE_LEVEL = "./w:pPr/w:outlineLvl/@w:val"


def read_docx(data: bytes, path: Path) -> str:
    """Return a Word document's paragraphs and table rows in order, one per line.

    Paragraphs with a heading style or an outline level become Markdown heading lines; table rows
    become `cell | cell` lines. Raises UnreadableInput when the file is not a Word document.
    """
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from lxml.etree import XMLSyntaxError
    except ImportError:
        raise _missing(path, "python-docx") from None

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_unpacked(archive, path)  # python-docx unpacks every part
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnreadableInput(f"{path}: not a valid Word document (not a zip archive)") from None
    except KeyError as exc:
        detail = exc.args[0] if exc.args else "a part is missing"
        raise UnreadableInput(f"{path}: not a valid Word document ({detail})") from None
    except (
        PackageNotFoundError,
        ValueError,
        XMLSyntaxError,
        zlib.error,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise UnreadableInput(f"{path}: not a valid Word document ({exc})") from None

    lines: list[str] = []
    numbering = _DocxNumbering(document)
    chains: dict[str | None, tuple[Any, ...]] = {}
    for block in _docx_blocks(document._body):
        if isinstance(block, Table):
            lines.extend(_docx_table_lines(block))
            continue
        styles = _style_chain(block, chains)
        label = numbering.label(block, styles)  # an empty item still takes its number, as in Word
        text = _docx_paragraph_text(block).strip()
        if not text:
            continue
        text = label + text
        level = _docx_heading_level(block, styles)
        if level is not None:
            lines.append(heading_line(level, " ".join(text.split())))
        else:
            lines.extend(soft_breaks(text))
    return "\n".join(lines)


def _docx_blocks(container: Any) -> Iterator[Any]:
    """Yield the paragraphs and tables of a document's body or a table cell in order, those in
    block content controls (w:sdt) and custom XML too: python-docx's iter_inner_content left out
    a content control's paragraphs, their figures with them."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(element: Any) -> Iterator[Any]:
        for child in element:
            if child.tag == _W + "p":
                yield Paragraph(child, container)
            elif child.tag == _W + "tbl":
                yield Table(child, container)
            elif child.tag == _W + "sdt":
                for content in child.iterchildren(_W + "sdtContent"):
                    yield from walk(content)
            elif child.tag == _W + "customXml":
                yield from walk(child)

    yield from walk(container._element)


# What a zip-based document's parts may unpack to: as much XML as the input limit (50 MB; a
# report's document.xml is a few MB), and four times as much in all (pictures, fonts). More is a
# zip bomb: 3 GB of spaces had taken 6 GB of memory, 237 MB of paragraphs minutes. zipfile
# unpacks a part no further than the size the archive gives it.
UNPACKED_XML_BYTES = 50 << 20
UNPACKED_BYTES = 200 << 20


def _check_unpacked(archive: zipfile.ZipFile, path: Path, names: Collection[str] = ()) -> None:
    """Refuse an archive whose parts (`names`, or all) unpack to more than the limits."""
    members = [info for info in archive.infolist() if not names or info.filename in names]
    xml = sum(info.file_size for info in members if info.filename.endswith((".xml", ".rels")))
    total = sum(info.file_size for info in members)
    for size, limit, what in (
        (xml, UNPACKED_XML_BYTES, "XML parts"),
        (total, UNPACKED_BYTES, "parts"),
    ):
        if size > limit:
            raise UnreadableInput(
                f"{path}: too large unpacked (its {what} unpack to {size:,} bytes; the limit is "
                f"{limit:,}: a zip bomb, not a report)"
            )


def _chinese_number(n: int) -> str:
    """Return a count in Chinese numerals (一, 十, 十一, 二十一) with cn2an, imported only for a
    document that numbers in them (75 ms)."""
    from cn2an import an2cn

    return str(an2cn(n)) if n > 0 else str(n)


def _roman(n: int) -> str:
    """Return n (1-3999) in Roman numerals, others in digits."""
    if not 0 < n < 4000:
        return str(n)
    found = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        found += letters * count
    return found


def _letter(n: int) -> str:
    """Return 1-26 as a-z, then aa, bb… as Word counts letters."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


# Word's number formats (w:numFmt) as text; a bullet gives no number, another format digits.
_NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
    "decimalEnclosedCircle": lambda n: chr(0x245F + n) if 0 < n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x245F + n) if 0 < n <= 20 else str(n),
    "chineseCounting": _chinese_number,
    "chineseCountingThousand": _chinese_number,
    "taiwaneseCounting": _chinese_number,
    "taiwaneseCountingThousand": _chinese_number,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[n - 1] if 0 < n <= 10 else str(n),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "none": lambda n: "",
}
_LEVEL_TEXT = regex(r"%([1-9])")


class _DocxNumbering:
    """Word's automatic numbering (w:numPr), which is not in a paragraph's text: 一、 (一) 1.
    typed by Word, not by its author. Counters run per list definition (w:abstractNum), as Word
    continues a list across its instances, and a deeper level starts again under a new item."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract id -> levels
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # num id -> abstract, restarts
        self.counters: dict[str, dict[int, int]] = {}  # abstract id -> level -> count
        self.restarted: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, ValueError, AttributeError):
            return  # no numbering definitions (or a numbering part that is not XML)
        for abstract in _docx_xpath(root, "./w:abstractNum"):
            levels = {}
            for level in _docx_xpath(abstract, "./w:lvl"):
                number_format = (_docx_xpath(level, "./w:numFmt/@w:val") or ["decimal"])[0]
                text = (_docx_xpath(level, "./w:lvlText/@w:val") or [""])[0]
                start = (_docx_xpath(level, "./w:start/@w:val") or ["1"])[0]
                levels[_int(level.get(_W + "ilvl"))] = (number_format, text, _int(start, 1))
            self.levels[abstract.get(_W + "abstractNumId") or ""] = levels
        for number in _docx_xpath(root, "./w:num"):
            restarts = {
                _int(override.get(_W + "ilvl")): _int(value, 1)
                for override in _docx_xpath(number, "./w:lvlOverride")
                for value in _docx_xpath(override, "./w:startOverride/@w:val")
            }
            abstract_id = (_docx_xpath(number, "./w:abstractNumId/@w:val") or [""])[0]
            self.lists[number.get(_W + "numId") or ""] = (abstract_id, restarts)

    def label(self, paragraph: Any, styles: tuple[Any, ...]) -> str:
        """Return the number Word shows before a paragraph ("一、", "（一）", "1."), or ""
        (styles: its style and the styles that one is based on)."""
        found = _numbering_of(paragraph, styles)
        if found is None or found[0] not in self.lists:
            return ""
        number_id, level = found
        abstract_id, restarts = self.lists[number_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels or levels[level][0] == "bullet":
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if number_id not in self.restarted:
            self.restarted.add(number_id)
            for restarted, start in restarts.items():
                counters[restarted] = start - 1
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            form, _, start = levels.get(at, ("decimal", "", 1))
            return _NUMBER_FORMATS.get(form, str)(counters.get(at, start))

        return _LEVEL_TEXT.sub(number, levels[level][1])


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_xpath(element: Any, path: str) -> list[Any]:
    """Return what an XPath (with the w: prefix) finds under an element of a Word document."""
    return list(_compiled_xpath(path)(element))


@functools.cache
def _compiled_xpath(path: str) -> Any:
    """Return an XPath with Word's w: prefix, compiled once."""
    from lxml import etree

    return etree.XPath(path, namespaces={"w": _W[1:-1]})


def _int(value: str | None, default: int = 0) -> int:
    """Return a Word attribute as an int, `default` when absent or not a number."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _style_chain(paragraph: Any, known: dict[str | None, tuple[Any, ...]]) -> tuple[Any, ...]:
    """Return a paragraph's style and the styles it is based on, in order, found once per style
    of the document (`known`). python-docx finds a style by going through every style of the
    document: asking each paragraph took 2 ms of it, 0.8 s of a 380-paragraph report."""
    style_id = paragraph._p.style  # None: the document's default paragraph style
    chain = known.get(style_id)
    if chain is None:
        found = []
        style = paragraph.style
        while style is not None:
            found.append(style)
            style = style.base_style
        chain = known[style_id] = tuple(found)
    return chain


def _numbering_of(paragraph: Any, styles: tuple[Any, ...]) -> tuple[str, int] | None:
    """Return the (list id, level) a paragraph or its styles number it with, or None."""
    for element in [paragraph._p, *(style.element for style in styles)]:
        found = _docx_xpath(element, "./w:pPr/w:numPr")
        if found:
            number_id = (_docx_xpath(found[0], "./w:numId/@w:val") or ["0"])[0]
            level = _int((_docx_xpath(found[0], "./w:ilvl/@w:val") or ["0"])[0])
            return (number_id, level) if number_id != "0" else None
    return None


# A paragraph's runs as the document reads with its tracked changes accepted: inserted and
# moved-in text (w:ins, w:moveTo) and content controls (w:sdt) included, deleted and moved-out
# text not; text boxes (read by no reader here) left out.
_DOCX_RUNS = (
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"
)


def _docx_paragraph_text(paragraph: Any) -> str:
    """Return a paragraph's text with its tracked changes accepted. python-docx's text reads
    only the runs right under the paragraph (and in links): a draft's inserted 12所 was lost."""
    from docx.text.run import Run

    return "".join(Run(run, paragraph).text for run in _docx_xpath(paragraph._p, _DOCX_RUNS))


def _docx_heading_level(paragraph: Any, styles: tuple[Any, ...]) -> int | None:
    """Return the heading level (1-9) a paragraph's outline level or styles give it, or None."""
    values = paragraph._p.xpath(OUTLINE_LEVEL)
    if values:
        return _outline_level(values[0])
    for style in styles:
        named = HEADING_STYLE.match(style.name or "")
        if named:
            return int(named.group(1))
        values = style.element.xpath(OUTLINE_LEVEL)
        if values:
            return _outline_level(values[0])
    return None


def _outline_level(value: str) -> int | None:
    """Turn a w:outlineLvl value (0-8 headings, 9 body text) into a heading level or None."""
    try:
        number = int(value)
    except ValueError:
        return None
    return number + 1 if 0 <= number <= 8 else None


def _docx_cell_text(cell: Any) -> str:
    """Return a table cell's text: its paragraphs, and a table inside it row by row."""
    from docx.table import Table

    parts: list[str] = []
    for block in _docx_blocks(cell):
        if isinstance(block, Table):
            parts.extend(
                " ".join(_docx_cell_text(inner) for inner in row.cells) for row in block.rows
            )
        else:
            parts.append(_docx_paragraph_text(block))
    return " ".join(parts)


def _docx_table_lines(table: Any) -> list[str]:
    """Return a table's rows as `cell | cell` lines, empty rows dropped: a merged cell in each
    column and row it spans (python-docx gives it in each), a row of one cell once."""
    lines = []
    for row in table.rows:
        placed = row.cells
        texts: dict[Any, str] = {}  # each cell's text, a merged cell's read once
        for cell in placed:
            if cell._tc not in texts:
                texts[cell._tc] = " ".join(_docx_cell_text(cell).split())
        # A row of one cell is a title or a note across the table: once.
        cells = list(texts.values()) if len(texts) == 1 else [texts[cell._tc] for cell in placed]
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


# --------------------------------------------------------------------------- Word 97-2003

# What a compound file that holds no Word document is, told by a stream it holds.
_OLE_KINDS = (
    ("EncryptedPackage", "a password-protected Office file; remove the password first"),
    ("Workbook", "an Excel workbook (.xls); a report is read from Word, PDF, HTML or text"),
    ("Book", "an Excel workbook (.xls); a report is read from Word, PDF, HTML or text"),
    ("PowerPoint Document", "a PowerPoint file (.ppt); save it as PDF"),
)


def read_doc(data: bytes, path: Path) -> str:
    """Return a Word 97-2003 document's paragraphs and table rows in order, one per line.

    Paragraphs styled Heading 1-9 (or given an outline level) become Markdown heading lines, table
    rows `cell | cell` lines; headers, footers, footnotes and field codes are left out. Raises
    UnreadableInput when the file is no such document.
    """
    try:
        import olefile
    except ImportError:
        raise _missing(path, "olefile") from None

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            # (An encrypted .docx may hold a WordDocument stream besides its encrypted package.)
            if ole.exists("EncryptedPackage") or not ole.exists("WordDocument"):
                kind = next((k for name, k in _OLE_KINDS if ole.exists(name)), None)
                raise UnreadableInput(f"{path}: {kind or 'an Office file that holds no document'}")
            word = ole.openstream("WordDocument").read()
            table_name = worddoc.table_stream_name(word)
            if not ole.exists(table_name):
                raise UnreadableInput(
                    f"{path}: not a valid Word document (its {table_name} stream is missing)"
                )
            table = ole.openstream(table_name).read()
            extra = ole.openstream("Data").read() if ole.exists("Data") else b""
        paragraphs = worddoc.read_paragraphs(word, table, extra)
    except worddoc.DocError as exc:
        raise UnreadableInput(f"{path}: {exc}") from None
    # What olefile and struct raise on a damaged compound file (found by fuzzing).
    except (OSError, ValueError, IndexError, struct.error, EOFError, RecursionError) as exc:
        raise UnreadableInput(
            f"{path}: not a valid Word document (its compound file is damaged: {_said(exc)})"
        ) from None
    return "\n".join(_doc_lines(paragraphs))


def _said(exc: Exception) -> str:
    """Return an error's message on one line, cut to 80 characters, or its kind."""
    text = " ".join(str(exc).split()).rstrip(".")
    return text[:80] if text else type(exc).__name__


def _doc_number(number: tuple[str | tuple[str, int], ...]) -> str:
    """Write Word's automatic number of a paragraph (worddoc.Paragraph.number) as Word shows it."""
    return "".join(
        part if isinstance(part, str) else _NUMBER_FORMATS.get(part[0], str)(part[1])
        for part in number
    )


def _doc_lines(paragraphs: list[worddoc.Paragraph]) -> list[str]:
    """Render paragraphs as the Word reader does: headings, text lines, `cell | cell` rows."""
    lines: list[str] = []
    cells: list[str] = []
    cell: list[str] = []

    def end_row() -> None:
        if cell:
            cells.append(" ".join(" ".join(cell).split()))
            cell.clear()
        if any(cells):
            lines.append(" | ".join(cells))
        cells.clear()

    for paragraph in paragraphs:
        if paragraph.depth > 1:  # a table inside a cell: its text is the cell's, row by row
            cell.append(paragraph.text)
        elif paragraph.row_end:
            end_row()
        elif paragraph.cell_end:
            cell.append(paragraph.text)
            cells.append(" ".join(" ".join(cell).split()))
            cell.clear()
        elif paragraph.in_table:
            cell.append(paragraph.text)
        else:
            if cells or cell:
                end_row()
            text = paragraph.text.strip()
            if not text:
                continue
            text = _doc_number(paragraph.number) + text
            level = paragraph.outline or paragraph.heading
            if level is not None:
                lines.append(heading_line(level, " ".join(text.split())))
            else:
                lines.extend(soft_breaks(text))
    end_row()
    return lines


# --------------------------------------------------------------------------- OpenDocument

_ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}


def _odf(name: str) -> str:
    """Return an ODF name ("text:p") in Clark notation ({urn…}p)."""
    prefix, local = name.split(":")
    return f"{{{_ODF[prefix]}}}{local}"


_T = {name: _odf(f"text:{name}") for name in (
    "p", "h", "list", "list-item", "list-header", "s", "tab", "line-break", "note",
    "tracked-changes", "sequence-decls", "variable-decls", "user-field-decls", "section",
    "table-of-content", "index-body", "index-title", "outline-level", "style-name",
    "continue-numbering", "continue-list", "start-value", "level", "display-levels", "c",
    "illustration-index", "alphabetical-index", "bibliography", "user-index", "object-index",
    "table-index",
)}  # fmt: skip
# Elements whose text is not the report's: notes, comments, frames (text boxes, pictures),
# the deleted text of tracked changes, an index's templates.
_ODF_SKIPPED = {
    _T["note"], _T["tracked-changes"], _T["sequence-decls"], _T["variable-decls"],
    _T["user-field-decls"], _odf("office:annotation"), _odf("office:annotation-end"),
    _odf("text:table-of-content-source"),
}  # fmt: skip
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# ODF's number formats (style:num-format), as Word's names for them.
_ODF_NUMBER_FORMATS = {
    "1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
    "I": "upperRoman", "": "none", "一, 二, 三, ...": "chineseCounting",
    "①, ②, ③, ...": "decimalEnclosedCircle", "１, ２, ３, ...": "decimalFullWidth",
    "甲, 乙, 丙, ...": "ideographTraditional",
}  # fmt: skip
_ODF_LEVEL_FORMAT = regex(r"%([1-9])%")


@dataclass(frozen=True, slots=True)
class _OdfLevel:
    form: str  # a name of _NUMBER_FORMATS, or "bullet"
    start: int
    pattern: str  # "%1%、" (LibreOffice's num-list-format), or built from prefix and suffix


def read_odt(data: bytes, path: Path) -> str:
    """Return an OpenDocument text's paragraphs and table rows in order, one per line.

    Headings (text:h) become Markdown heading lines, with the number their list or the
    document's outline numbering gives them; a table row becomes `cell | cell`; notes,
    comments, frames and tracked deletions are left out. Raises UnreadableInput when the file
    is no OpenDocument text.
    """
    try:
        from lxml import etree
    except ImportError:
        raise _missing(path, "lxml") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.getinfo("content.xml")  # (KeyError: none)
            _check_unpacked(archive, path, ("content.xml", "styles.xml"))
            content = etree.fromstring(archive.read("content.xml"), parser)
            names = set(archive.namelist())
            styles = (
                etree.fromstring(archive.read("styles.xml"), parser)
                if "styles.xml" in names
                else None
            )
    except KeyError:
        raise UnreadableInput(f"{path}: not a valid OpenDocument text (no content.xml)") from None
    # What zipfile and lxml raise on damaged or odd archives (an encrypted member: RuntimeError;
    # a compression Python lacks: NotImplementedError).
    except (
        zipfile.BadZipFile,
        etree.XMLSyntaxError,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise UnreadableInput(f"{path}: not a valid OpenDocument text ({_said(exc)})") from None
    body = content.find(f"{_odf('office:body')}/{_odf('office:text')}")
    if body is None:
        raise UnreadableInput(f"{path}: not an OpenDocument text (no text body)")
    reader = _OdtReader(content, styles)
    reader.blocks(body)
    return "\n".join(reader.lines)


class _OdtReader:
    """Walk an ODF text body in order, numbering lists as LibreOffice shows them: a list goes
    on from the one before when it says so (text:continue-numbering, text:continue-list), and
    a deeper level starts again under a new item."""

    def __init__(self, content: Any, styles: Any) -> None:
        self.lines: list[str] = []
        self.list_styles: dict[str, dict[int, _OdfLevel]] = {}
        self.outline: dict[int, _OdfLevel] = {}
        for root in (styles, content):
            if root is None:
                continue
            for style in root.iter(_odf("text:list-style")):
                self.list_styles[style.get(_odf("style:name"), "")] = _odf_levels(style)
            for style in root.iter(_odf("text:outline-style")):
                self.outline = _odf_levels(style)
        self.counters: dict[str, dict[int, int]] = {}  # list id -> level -> count
        self.last_list = ""  # the id of the last top-level list
        self.outline_counts: dict[int, int] = {}

    def blocks(self, parent: Any) -> None:
        """Read the block elements under parent: paragraphs, headings, lists, tables."""
        for element in parent:
            tag = element.tag
            if tag == _T["p"] or tag == _T["h"]:
                self.paragraph(element, "")
            elif tag == _T["list"]:
                self.list(element, None, 0, None)
            elif tag == _odf("table:table"):
                self.table(element)
            elif tag in _ODF_SKIPPED or not isinstance(tag, str) or tag.startswith(f"{{{_DRAW}"):
                continue
            elif tag == _T["index-title"] or tag == _T["index-body"] or tag == _T["section"]:
                self.blocks(element)
            elif tag in _INDEXES:
                body = element.find(_T["index-body"])
                if body is not None:
                    self.blocks(body)

    def paragraph(self, element: Any, number: str) -> None:
        text = _odf_text(element).strip()
        if element.tag == _T["h"] and not number:
            number = self.outline_number(element)
        if not text:
            return
        text = number + text
        if element.tag == _T["h"]:
            level = _int(element.get(_T["outline-level"]), 1)
            self.lines.append(heading_line(level, " ".join(text.split())))
        else:
            self.lines.extend(soft_breaks(text))

    def outline_number(self, heading: Any) -> str:
        """Return the outline numbering's number of a heading not in a list ("第一章")."""
        level = _int(heading.get(_T["outline-level"]), 1)
        shown = self.outline.get(level)
        if shown is None or shown.form in ("none", "bullet"):
            return ""
        self.outline_counts[level] = self.outline_counts.get(level, shown.start - 1) + 1
        for deeper in [k for k in self.outline_counts if k > level]:
            del self.outline_counts[deeper]
        return _odf_number(self.outline, self.outline_counts, level)

    def list(
        self, element: Any, style: str | None, depth: int, counters: dict[int, int] | None
    ) -> None:
        """Read a list at a depth (0: top level, whose counters are found here; a nested list
        counts on its top list's), numbering its items."""
        style = element.get(_T["style-name"]) or style or ""
        if counters is None:
            own = element.get(_XML_ID) or f"@{len(self.counters)}"
            continued = element.get(_T["continue-list"])
            if continued and continued in self.counters:
                self.counters[own] = self.counters[continued]
            elif element.get(_T["continue-numbering"]) == "true" and self.last_list:
                self.counters[own] = self.counters[self.last_list]
            else:
                self.counters[own] = {}
            self.last_list = own
            counters = self.counters[own]
        levels = self.list_styles.get(style, {})
        for item in element:
            if item.tag not in (_T["list-item"], _T["list-header"]):
                continue
            number = ""
            level = depth + 1
            shown = levels.get(level)
            if item.tag == _T["list-item"] and shown is not None and shown.form != "bullet":
                restart = item.get(_T["start-value"])
                counters[level] = (
                    _int(restart) if restart else counters.get(level, shown.start - 1) + 1
                )
                for deeper in [k for k in counters if k > level]:
                    del counters[deeper]
                number = _odf_number(levels, counters, level)
            first = True
            for child in item:
                if child.tag in (_T["p"], _T["h"]):
                    self.paragraph(child, number if first else "")
                    first = False
                elif child.tag == _T["list"]:
                    self.list(child, style, depth + 1, counters)
                elif child.tag == _odf("table:table"):
                    self.table(child)

    def table(self, element: Any) -> None:
        """Read a table's rows as `cell | cell` lines, a merged cell repeated in each place it
        covers (spread_cells)."""
        above: dict[int, tuple[str, int]] = {}
        for row in _odf_rows(element):
            own = []
            for cell in row:
                if cell.tag != _odf("table:table-cell"):
                    continue  # a covered cell: the merged cell's text goes in its place
                text = " ".join(_odf_text(p) for p in cell.iter(_T["p"], _T["h"]))
                repeat = min(_int(cell.get(_odf("table:number-columns-repeated")), 1), MAX_SPAN)
                rows = _int(cell.get(_odf("table:number-rows-spanned")), 1)
                columns = _int(cell.get(_odf("table:number-columns-spanned")), 1)
                own.extend([(" ".join(text.split()), rows, columns)] * repeat)
            cells = spread_cells(own, above)
            while cells and not cells[-1]:
                cells.pop()  # a row's empty cells repeated to the page's edge
            if any(cells):
                self.lines.append(" | ".join(cells))


_ODF_ROW_GROUPS = {
    _odf("table:table-header-rows"), _odf("table:table-rows"), _odf("table:table-row-group"),
}  # fmt: skip


def _odf_rows(table: Any) -> Iterator[Any]:
    """Yield a table's own rows, in its row groups too, not those of a table inside a cell."""
    for child in table:
        if child.tag == _odf("table:table-row"):
            yield child
        elif child.tag in _ODF_ROW_GROUPS:
            yield from _odf_rows(child)


_INDEXES = {
    _T["table-of-content"], _T["illustration-index"], _T["alphabetical-index"],
    _T["bibliography"], _T["user-index"], _T["object-index"], _T["table-index"],
}  # fmt: skip


def _odf_levels(style: Any) -> dict[int, _OdfLevel]:
    """Read a list style's (or the outline style's) levels: their format, start, and pattern."""
    levels = {}
    for level in style:
        number = _int(level.get(_T["level"]), 0)
        if not number:
            continue
        if level.tag == _odf("text:list-level-style-bullet"):
            levels[number] = _OdfLevel("bullet", 1, "")
            continue
        form = _ODF_NUMBER_FORMATS.get(level.get(_odf("style:num-format"), ""), "decimal")
        pattern = level.get(_odf("loext:num-list-format"))
        if pattern is None:
            shown = min(max(_int(level.get(_T["display-levels"]), 1), 1), number)
            places = ".".join(f"%{k}%" for k in range(number - shown + 1, number + 1))
            prefix = level.get(_odf("style:num-prefix"), "")
            suffix = level.get(_odf("style:num-suffix"), "")
            pattern = f"{prefix}{places}{suffix}" if form != "none" else ""
        levels[number] = _OdfLevel(form, _int(level.get(_T["start-value"]), 1), pattern)
    return levels


def _odf_number(levels: dict[int, _OdfLevel], counters: dict[int, int], level: int) -> str:
    """Write a level's number from its pattern, each %N% the count of level N in its format."""

    def count(match: re.Match[str]) -> str:
        at = int(match.group(1))
        shown = levels.get(at, _OdfLevel("decimal", 1, ""))
        return _NUMBER_FORMATS.get(shown.form, str)(counters.get(at, shown.start))

    return _ODF_LEVEL_FORMAT.sub(count, levels[level].pattern)


def _odf_text(element: Any) -> str:
    """Return a paragraph's text as shown: spans, links and fields read, text:s spaces, tabs
    and line breaks written, notes, comments and frames left out."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _ODF_SKIPPED or tag.startswith(f"{{{_DRAW}"):
            pass
        elif tag == _T["s"]:
            parts.append(" " * min(_int(child.get(_T["c"]), 1), 64))
        elif tag == _T["tab"]:
            parts.append("\t")
        elif tag == _T["line-break"]:
            parts.append("\n")
        else:
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# --------------------------------------------------------------------------- RTF

# The code page an RTF file's 8-bit characters are in (\ansicpg936: GBK).
_RTF_CODE_PAGE = re.compile(rb"\\ansicpg(\d+)")


def read_rtf(data: bytes, path: Path) -> str:
    """Return an RTF file's text, one paragraph per line, a table row as `cell | cell`.

    RTF is 7-bit text: characters past ASCII are \\uN escapes or bytes (\\'hh) in the file's
    code page. Raises UnreadableInput when the file is not RTF that striprtf can read.
    """
    try:
        from striprtf.striprtf import rtf_to_text
    except ImportError:
        raise _missing(path, "striprtf") from None

    found = _RTF_CODE_PAGE.search(data[:4096])
    encoding = f"cp{int(found.group(1))}" if found else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    try:  # some writers leave UTF-8 unescaped; escaped RTF is ASCII, the same either way
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raw = data.decode("latin-1")
    try:
        text = rtf_to_text(raw, encoding=encoding, errors="replace")
    # What striprtf raises on damaged input (found by fuzzing it: a number past a C int in
    # \uN, a control word cut short).
    except (TypeError, ValueError, OverflowError, IndexError, KeyError, RecursionError):
        raise UnreadableInput(f"{path}: not a valid RTF file (it could not be parsed)") from None
    lines = []
    for line in text.splitlines():
        if line.rstrip().endswith("|"):  # a table row: striprtf ends each cell with |
            line = " | ".join(" ".join(cell.split()) for cell in line.rstrip()[:-1].split("|"))
        lines.append(line.strip())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- HTML

DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "form", "button", "select", "input", "textarea", "nav", "aside", "dialog", "menu",
)  # fmt: skip
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu"}
BLOCK_TAGS = {
    "address", "article", "blockquote", "center", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "header", "hr", "li", "main", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "thead", "tfoot", "ul", "caption",
}  # fmt: skip
HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
# A block whose text is mostly link text is navigation or a list of related pages.
LINK_DENSITY = 0.5
LINK_DENSITY_SEVERAL = 0.33
LINK_BLOCKS = ("div", "section", "ul", "ol", "dl", "table", "p", "span", "td")
# HTML whitespace; a run of it that holds a line break between two CJK characters renders as
# nothing (CSS Text segment-break rules), any other run as one space.
SEGMENT_BREAK = regex(rf"(?<=[{CJK}])[ \t\f\xa0]*[\r\n][ \t\r\n\f\xa0]*(?=[{CJK}])")
HTML_SPACE = regex(r"[ \t\r\n\f\xa0]+")


def read_html(text: str, path: Path) -> str:
    """Return a page's article text: h1-h6 as Markdown headings, each block a line (`<br>` a
    soft break in it, SOFT_BREAK).

    Scripts, styles, forms, navigation, headers, footers, sidebars and link-dense blocks go.
    """
    try:
        from bs4 import BeautifulSoup, FeatureNotFound
    except ImportError:
        raise _missing(path, "beautifulsoup4") from None
    try:
        soup = BeautifulSoup(text, "lxml")
    except FeatureNotFound:
        raise _missing(path, "lxml") from None

    for tag in soup.find_all(DROP_TAGS):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(_is_hidden_or_chrome):
        if not tag.decomposed:
            tag.decompose()
    root = _main_content(soup)
    for tag in root.find_all(["header", "footer"]):
        # Inside an article a header may hold its title; the site's own header holds no heading.
        if not tag.decomposed and (root.name == "body" or not tag.find(list(HEADING_TAGS))):
            tag.decompose()
    whole = len(root.get_text(strip=True))
    for tag in root.find_all(_named_chrome):
        # A banner named so (<div class="header">), not the page's content under such a name.
        if tag.decomposed or tag.find(list(HEADING_TAGS)):
            continue
        if len(tag.get_text(strip=True)) * 2 < whole:
            tag.decompose()
    for tag in root.find_all(LINK_BLOCKS):
        if not tag.decomposed and _link_dense(tag):
            tag.decompose()
    # A line about the page goes, not the line it is broken from by a <br>.
    lines = (
        SOFT_BREAK.join(part for part in line.split(SOFT_BREAK) if not _page_meta(part.strip()))
        for line in _html_lines(root)
    )
    return "\n".join(line for line in lines if line.strip())


# A Chinese site's lines about the page, not the report: 发布时间：2022-01-10 来源：市教育局
# 浏览次数：1234 字号：[大 中 小], 分享到：微信 微博, 【打印本页】【关闭窗口】, 上一篇：…; and its
# footer when no <footer> holds it: 版权所有：某市人民政府 主办：… 网站标识码：3306000001
# 浙ICP备12345678号 浙公网安备33060202000001号 (the licence numbers read as figures).
_PAGE_META_WORDS = regex(
    r"发布时间|发布日期|发文日期|信息来源|来源[：:]|作者[：:]|浏览次数|浏览量|点击数|点击量|阅读次数|"
    r"访问次数|阅读量|字号|字体[：:]|[【\[]大[】\]]\s*[【\[]中[】\]]\s*[【\[]小[】\]]|"
    r"打印本页|【打印】|关闭窗口|【关闭】|分享到|收藏本页|责任编辑|编辑[：:]|审核[：:]|"
    r"上一篇|下一篇|相关阅读|相关链接|相关文章|扫一扫|"
    r"版权所有|\S?ICP备|\S?公网安备|网站标识码|主办[：:]|承办[：:]|技术支持[：:]|网站地图|联系我们"
)
PAGE_META_CHARS = 160  # a line about the page is short; a report's sentence may name 来源 too


def _page_meta(line: str) -> bool:
    """Tell whether a line is about the web page (when it was posted, how often read, how to
    print or share it): two such words, or one at its start, in a short line."""
    if len(line) > PAGE_META_CHARS:
        return False
    found = _PAGE_META_WORDS.findall(line)
    return len(found) >= 2 or bool(found and _PAGE_META_WORDS.match(line))


def _is_hidden_or_chrome(tag: Tag) -> bool:
    """Tell whether an element is hidden or is site chrome by its ARIA role."""
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if str(tag.get("role", "")).lower() in CHROME_ROLES:
        return True
    style = str(tag.get("style", "")).replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


# The names (class or id) of a site's banner and footer, written as <div>s: <div class="header">
# 某市人民政府门户网站 | 2023年1月5日</div> had stood before the report's <h1> as its title.
CHROME_NAMES = frozenset({
    "header", "head", "top", "topbar", "top-bar", "top_bar", "banner", "masthead",
    "site-header", "page-header", "footer", "foot", "bottom", "copyright", "site-footer",
    "page-footer",
})  # fmt: skip
CHROME_TAGS = {"div", "section", "table"}


def _named_chrome(tag: Tag) -> bool:
    """Tell whether a block is named as a site's banner or footer by its class or id."""
    if tag.name not in CHROME_TAGS:
        return False
    classes = tag.get("class")
    names = [str(tag.get("id", ""))]
    names += [classes] if isinstance(classes, str) else list(classes or ())
    return any(name.lower() in CHROME_NAMES for name in names)


def _main_content(soup: BeautifulSoup) -> Tag:
    """Return the element holding the article: the largest article/main, else the body."""
    candidates = soup.find_all(["article", "main"]) + soup.find_all(role="main")
    if candidates:
        return max(candidates, key=lambda tag: len(tag.get_text(strip=True)))
    return soup.body or soup


def _link_dense(tag: Tag) -> bool:
    """Tell whether most of an element's text is link text, and what is not links is no prose:
    a menu, a list of links, a breadcrumb trail, share buttons."""
    links = tag.find_all("a")
    if not links:
        return False
    total = len(re.sub(r"\s+", "", tag.get_text()))
    linked = sum(len(re.sub(r"\s+", "", link.get_text())) for link in links)
    if total == 0:
        return False
    # Several links that make up a third of a block are share buttons or "related" lists.
    if linked / total <= (LINK_DENSITY_SEVERAL if len(links) >= 2 else LINK_DENSITY):
        return False
    return not _prose_around_links(tag)


# A sentence's end, written outside the links: 全年出台<a>《…办法》</a>等文件12件。
SENTENCE_END = regex(r"[。！？；!?;.][”’\"')）]?$")


def _prose_around_links(tag: Tag) -> bool:
    """Tell whether the text an element holds itself (not in a link, nor in a block inside it)
    ends a sentence: the links are named in prose (Chinese government pages link each document
    title they cite). A block of links beside a paragraph of prose is still links."""
    from bs4 import NavigableString

    for text in tag.find_all(string=True):
        if type(text) is not NavigableString or not SENTENCE_END.search(text.strip()):
            continue
        parent = text.parent
        while parent is not None and parent is not tag:
            if parent.name == "a" or parent.name in BLOCK_TAGS or parent.name in ("td", "th"):
                break
            parent = parent.parent
        else:
            return True
    return False


def _collapse(text: str) -> str:
    """Collapse HTML whitespace the way a browser renders it, and strip the ends."""
    return HTML_SPACE.sub(" ", SEGMENT_BREAK.sub("", text)).strip()


def _html_lines(root: Tag) -> list[str]:
    """Flatten an element into lines: one per heading, block and table row."""
    from bs4 import NavigableString, Tag

    lines: list[str] = []
    pending: list[str] = []
    spans: dict[int, dict[int, tuple[str, int]]] = {}  # a table's cells spanning rows below

    def flush() -> None:
        line = _collapse("".join(pending))
        pending.clear()
        if line:
            lines.append(line)

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                # Comments, doctypes and processing instructions are NavigableString subclasses.
                if type(child) is NavigableString:
                    pending.append(str(child))
            elif not isinstance(child, Tag):
                continue
            elif child.name == "br":
                pending.append(SOFT_BREAK)
            elif child.name in HEADING_TAGS:
                flush()
                heading = _collapse(child.get_text())
                if heading:
                    lines.append(heading_line(HEADING_TAGS[child.name], heading))
            elif child.name == "tr" and not _is_layout_row(child):
                flush()
                table = child.find_parent("table")
                above = spans.setdefault(id(table), {})
                cells = spread_cells(
                    [
                        (
                            _collapse(cell.get_text(" ")),
                            _int(str(cell.get("rowspan", "1")), 1),
                            _int(str(cell.get("colspan", "1")), 1),
                        )
                        for cell in child.find_all(["td", "th"])
                    ],
                    above,
                )
                if any(cells):
                    lines.append(" | ".join(cells))
            elif child.name in BLOCK_TAGS or child.name in ("tr", "td", "th"):
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(root)
    flush()
    return lines


def _is_layout_row(row: Tag) -> bool:
    """Tell whether a table row lays out a page (its cells hold blocks) rather than holding data."""
    return row.find(["p", "div", "table", "ul", "ol", "br", *HEADING_TAGS]) is not None
