"""Clean text (one paragraph or heading per line) -> Report: title, organisation, year,
preamble, the heading tree and each section's sentences. Metrics are left empty.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from compare import traditional
from compare.collector import collector_paused
from compare.library import org_in_name, year_in_name
from compare.model import Report, Section, Source
from compare.patterns import regex
from compare.words import counted

# --------------------------------------------------------------------------- numerals

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_CN_DIGITS |= {"八": 8, "九": 9}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _cn_number(text: str) -> int | None:
    """Return the value of a Chinese numeral up to 999 (一, 十二, 二十, 一百零五), else None."""
    if not text:
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row (一二) is not a numeral
            digit = _CN_DIGITS[ch]
        elif ch in "十百":
            unit = 10 if ch == "十" else 100
            total += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + (digit or 0)


def _roman_number(text: str) -> int | None:
    """Return the value of a Roman numeral (I..XXXIX is plenty for PART headings), else None."""
    values = [_ROMAN.get(ch) for ch in text.upper()]
    if not values or None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        assert v is not None
        nxt = values[i + 1] if i + 1 < len(values) else 0
        total += -v if nxt and nxt > v else v
    return total


_NUMBERING_DIGITS = regex(r"\d+")
_NUMBERING_ROMAN = regex(r"\b([IVXL]+)\b")
_NUMBERING_CN = regex(r"[〇零一二三四五六七八九十百]+")


def numbering_value(number: str) -> int | None:
    """Return the ordinal a heading's numbering states (一、 -> 1, （十二） -> 12, PART IV -> 4)."""
    for pattern, value in (
        (_NUMBERING_DIGITS, int),
        (_NUMBERING_ROMAN, _roman_number),
        (_NUMBERING_CN, _cn_number),
    ):
        found = pattern.search(number)
        if found:
            return value(found.group())
    return None


# --------------------------------------------------------------------------- sentences

_OPEN_CLOSE = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》"}
_OPEN_CLOSE |= {"【": "】", "〈": "〉", "[": "]"}
_CLOSERS = frozenset(_OPEN_CLOSE.values()) | {'"'}
_BRACKET = regex("[" + re.escape("".join(_OPEN_CLOSE) + "".join(sorted(_CLOSERS))) + "]")
_QUOTE_CLOSERS = frozenset('”’」』"')  # a stop just inside these ends the sentence; not brackets
_CJK_END = "。！？；"
_DANGLING = frozenset({"and", "or", "but", "以及", "和", "或"})
_ASCII_END = "!?;"
_STOP = regex(f"[{_CJK_END}{_ASCII_END}.]")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "no",
        "nos",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "plc",
        "llc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "figs",
        "approx",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "cf",
        "al",
        "gen",
        "gov",
        "rep",
        "sen",
    ]
)


class _Brackets:
    """The matched quotes and brackets of one paragraph, found from its start as far as needed.

    Unmatched ones are ignored. A run-in heading needs only the first full stop of a long
    paragraph: its quotes and brackets are matched up to that stop, and past it only when one
    opened before it is still open there (the rest of the paragraph tells whether it closes).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = _BRACKET.finditer(text)  # only quotes and brackets, not every character
        self.pending = next(self.found, None)  # the first one not matched yet
        self.scanned = 0  # the ones before this offset are matched
        self.stack: list[tuple[str, int]] = []  # (closer awaited, offset) of the open ones
        self.ascii_quote: int | None = None
        self.starts: list[int] = []  # offsets where the pairs found so far open and close
        self.ends: list[int] = []  # (in order, as they are found)
        self.closers: set[int] = set()  # the same as `ends`, to look up
        self.sorted_starts: list[int] | None = None  # once the whole paragraph is matched

    def _scan(self, offset: int) -> None:
        """Match the quotes and brackets before `offset`."""
        text, stack = self.text, self.stack
        while self.pending is not None and self.pending.start() < offset:
            i, ch = self.pending.start(), self.pending.group()
            self.pending = next(self.found, None)
            if ch in _OPEN_CLOSE:
                stack.append((_OPEN_CLOSE[ch], i))
            elif ch == '"':
                # ASCII quotes cannot say which way they face: pair them in order.
                if self.ascii_quote is None:
                    self.ascii_quote = i
                else:
                    self._pair(self.ascii_quote, i)
                    self.ascii_quote = None
            elif ch in _CLOSERS:
                if ch == "’":
                    around = text[i - 1 : i] + text[i + 1 : i + 2]
                    if len(around) == 2 and around.isascii() and around.isalpha():
                        continue  # an apostrophe (Company’s), not a closing quote
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == ch:
                        self._pair(stack[depth][1], i)
                        del stack[depth:]
                        break
        self.scanned = max(self.scanned, offset)

    def _pair(self, start: int, end: int) -> None:
        """Record a matched pair."""
        self.starts.append(start)
        self.ends.append(end)
        self.closers.add(end)

    def closes_at(self, offset: int) -> bool:
        """Tell whether a matched pair closes at `offset`."""
        self._scan(offset + 1)
        return offset in self.closers

    def depth(self, offset: int) -> int:
        """How many matched pairs enclose an offset (one strictly inside them)."""
        if offset >= self.scanned:
            self._scan(offset)
            if not self.stack and self.ascii_quote is None:
                return 0  # all opened before the offset closed before it
        self._scan(len(self.text))  # whether one still open closes: the rest of the text says
        if self.sorted_starts is None:
            self.sorted_starts = sorted(self.starts)
        # Pairs opened before the offset, less those already closed at it (a pair closes after
        # it opens, so every closed pair is among the opened ones).
        opened = bisect.bisect_left(self.sorted_starts, offset)
        return opened - bisect.bisect_right(self.ends, offset)


def _english_stop(text: str, i: int) -> bool:
    """Tell whether the '.' at offset i ends an English sentence (not 2.8, U.S., No. 5, Inc.)."""
    n = len(text)
    j = i + 1
    while j < n and text[j] in _QUOTE_CLOSERS:
        j += 1  # Go home." Then
    if j < n and not text[j].isspace():
        return False
    while j < n and text[j] in " \t":
        j += 1
    if j >= n:
        return True
    nxt = text[j]
    if nxt in '“‘"(（' and j + 1 < n:
        nxt = text[j + 1]
    if not (nxt.isupper() or nxt.isdigit()):
        return False
    k = i
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:i]
    if not word:
        return text[i - 1 : i] in ')”"%' or text[i - 1 : i].isdigit()
    # A filing's name ends in a capital after digits and a hyphen (Form 10-K. Mr. Cook said).
    form_name = text[k - 1 : k] == "-" and text[k - 2 : k - 1].isdigit()
    if len(word) == 1 and word.isupper() and not form_name:
        return False  # an initial: J. Smith
    return word.lower() not in _ABBREVIATIONS and "." not in word


def _sentence_ends(text: str) -> Iterator[tuple[int, int]]:
    """Yield (stop offset, end offset) of every sentence end in one paragraph, in order.

    Lazily: a run-in heading needs only the first full stop of a long paragraph.
    """
    brackets = _Brackets(text)
    i, n = 0, len(text)
    for stop in _STOP.finditer(text):  # only a stop can end a sentence: skip to the next one
        if stop.start() < i:
            continue
        i = stop.start()
        ch = text[i]
        is_end = ch in _CJK_END or (
            ch in _ASCII_END
            and (
                i + 1 >= n
                or text[i + 1].isspace()
                or text[i + 1] in _CLOSERS
                or bool(_CJK.match(text[i + 1]))
            )
        )
        if ch == "." and _english_stop(text, i):
            is_end = True
        if not is_end:
            continue
        j = i + 1
        while j < n and (text[j] in _CJK_END or text[j] in _ASCII_END):
            j += 1  # ？！ and ?! end one sentence
        level = brackets.depth(i)
        while j < n and level > 0 and text[j] in _QUOTE_CLOSERS and brackets.closes_at(j):
            level -= 1
            j += 1
        if level > 0:
            i = j
            continue  # a stop inside quotes or brackets does not end the sentence
        while j < n and text[j] in _CLOSERS and not brackets.closes_at(j):
            j += 1  # a stray closing quote stays with its sentence
        yield i, j
        i = j


def _split_paragraph(text: str) -> list[str]:
    """Split one paragraph into sentences (see split_sentences)."""
    bounds = [0] + [end for _, end in _sentence_ends(text)]
    if bounds[-1] < len(text):
        bounds.append(len(text))
    if len(bounds) > 2 and text[bounds[-2] :].strip().casefold() in _DANGLING:
        del bounds[-2]  # "…; and" keeps its "and"
    pieces = (text[start:end].strip() for start, end in zip(bounds, bounds[1:], strict=False))
    return [piece for piece in pieces if piece]


def split_sentences(text: str) -> tuple[str, ...]:
    """Split text into sentences at 。！？； and ! ? ; and English '. ', never inside quotes or brackets.

    Every line is split on its own (a sentence never spans paragraphs); closing quotes stay with
    the sentence they end; each sentence is stripped and empty ones are dropped.
    """
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            out.extend(_split_paragraph(line))
    return tuple(out)


# --------------------------------------------------------------------------- title, org, year

# A year in Arabic or Chinese digits; its zero is often typed as a circle (二○二一, U+25CB) or a
# letter O (二Ｏ二一, 二O二一) for 〇.
_YEAR = r"(?:19|20)\d{2}|[一二〇零][〇零○ＯO一二三四五六七八九]{3}"
_YEAR_ZEROS = str.maketrans("○ＯO", "〇〇〇")
_CN_KIND = (
    r"(?:政府)?(?:工作)?(?:总结|报告|要点|计划|规划|思路|安排|打算)|(?:半)?年度报告(?:摘要)?|年报|"
    r"年鉴|白皮书|(?:国民经济和社会发展)?统计公报|(?:部门)?(?:决算|预算)"
)
# What follows a year named after the organisation: 年, 年度, or a school year's 学年, which may
# span two (2021-2022学年: the year it starts is the report's).
_AFTER_YEAR = rf"(?:[-－—–~～至](?:{_YEAR}))?学?年度?"
# A report "on" a year's work to a congress (关于绍兴市教育局2021年工作情况的报告) is named by its
# organisation and year too.
_CN_TITLE = regex(
    rf"^(?:关于)?(?:(?P<y1>{_YEAR})年度?)?(?P<org>.*?)(?:(?P<y2>{_YEAR}){_AFTER_YEAR})?"
    rf"(?:的|上半年|全年|(?:工作)?(?:开展|执行)?情况的)?(?P<kind>{_CN_KIND})$"
)
# A title that names its year after the organisation, and then what the report is about, or a
# second year's plan after the first's summary: 绍兴市教育局2021年工作总结和2022年工作思路,
# 某局2021年度法治政府建设工作报告, 某局关于2021年工作总结的报告. The organisation is what comes
# before the first year. Tried before _CN_TITLE, which reads up to the last year.
_CN_TITLE_TOPIC = regex(
    rf"^(?:关于)?(?!关于)(?P<org>.+?)(?:关于)?(?P<y2>{_YEAR}){_AFTER_YEAR}.*(?P<kind>{_CN_KIND})$"
)
_EN_KIND = regex(
    r"\b(?:annual report|form 10-k|budget (?:speech|statement)|report|statement|speech|review)\b",
    re.IGNORECASE,
)
_TRAILING_NOTE = regex(r"\s*(?:（[^（）]*）|\([^()]*\))\s*$")
# A note that gives the year alone: 宁波市人民政府工作报告（2022年）
_NOTE_YEAR = regex(r"[（(]((?:19|20)\d\d)年?[)）]\s*$")
_CJK = regex(r"[\u3400-\u9fff\uf900-\ufaff]")


def _year_value(text: str | None) -> int | None:
    """Return a year written in Arabic (2021) or Chinese (二〇二一) digits."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_DIGITS[ch]) for ch in text.translate(_YEAR_ZEROS)))


def parse_title(line: str) -> tuple[str, str, int | None]:
    """Return (title, org, year) when the line looks like a report title, else ("", "", None).

    绍兴市教育局2021年工作总结 -> (the line, 绍兴市教育局, 2021); a trailing parenthetical note is
    kept in the title but ignored for org and year; a Markdown '#' is dropped.
    """
    title = re.sub(r"^#+\s*", "", line.strip()).strip()
    core = _TRAILING_NOTE.sub("", title).strip()
    if not core or len(core) > 80 or re.search(r"[。！？；!?;]|[：:，,]$", core):
        return "", "", None
    if _CJK.search(core):
        squeezed = re.sub(r"\s+", "", core)
        m = _cn_title(squeezed)
        if m is None and traditional.any_traditional(squeezed) and traditional.available():
            # 紹興市教育局2021年工作總結: read in Simplified, the organisation as written.
            m = _cn_title(traditional.simplified(squeezed))
        if m is None:
            return "", "", None
        org = squeezed[m.start("org") : m.end("org")]
        if org.endswith("人民") and squeezed.startswith("政府", m.end("org")):
            org += "政府"  # 宁波市人民政府工作报告: the 政府 of its 政府工作报告 is the org's too
        year = _year_value(m.groupdict().get("y1") or m["y2"])
        if year is None and (note := _NOTE_YEAR.search(title)):
            year = int(note.group(1))
        return title, org, year
    kind = _EN_KIND.search(core)
    if kind is None or core.endswith("."):
        return "", "", None
    year_match = re.search(r"\b(?:19|20)\d{2}\b", core)
    cut = min(kind.start(), year_match.start() if year_match else len(core))
    org = re.sub(r"\b(?:FY|Fiscal(?: Year)?)\s*$", "", core[:cut]).strip(" -–—:,")
    return title, org, int(year_match.group()) if year_match else None


def _cn_title(text: str) -> re.Match[str] | None:
    """Return the match of a Chinese title: the organisation before the first year, else as
    _CN_TITLE reads it (a year first, 2021年绍兴市教育局工作总结, or none)."""
    return _CN_TITLE_TOPIC.match(text) or _CN_TITLE.match(text)


_SEC_FORM = regex(r"form\s+(10-k|10-q|20-f|40-f)", re.IGNORECASE)
_FISCAL_YEAR = regex(r"for the fiscal year ended\s+([A-Z][a-z]+ \d{1,2}, \d{4})", re.IGNORECASE)
COVER_PARAGRAPHS = 12  # an SEC filing names its form within its cover's first lines


def _filing_title(lines: list[str]) -> str:
    """Return the title an SEC filing's cover gives it ("Form 10-K for the fiscal year ended
    September 29, 2018"), else ""."""
    cover = lines[:COVER_PARAGRAPHS]
    form = next((m for line in cover if (m := _SEC_FORM.fullmatch(line.strip()))), None)
    if form is None:
        return ""
    title = f"Form {form.group(1).upper()}"
    ended = next((m for line in cover if (m := _FISCAL_YEAR.search(line))), None)
    return f"{title} for the fiscal year ended {ended.group(1)}" if ended else title


# An official document (公文) opens with its red head, the issuer and 文件 (绍兴市教育局文件), and
# its number (绍市教〔2022〕1号); a notice then sends the report, whose own title follows.
_RED_HEAD = regex(r"(?P<org>[\u4e00-\u9fff（）()]{2,30}?)\s*文件")
_DOCUMENT_NUMBER = regex(r"[〔\[［](?:19|20)\d\d[〕\]］]\s*\d+\s*号")
COVER_PARAGRAPHS_CN = 15  # a red head, its number, a notice's title, addressees, text, signature


def _red_head_org(line: str) -> str:
    """Return the issuer a red head names (绍兴市教育局文件: 绍兴市教育局), else ""."""
    found = _RED_HEAD.fullmatch(line.strip())
    return found["org"] if found else ""


def opening_org_year(lines: list[str]) -> tuple[str, int | None]:
    """Return the organisation and year a report's opening lines name: its title line, else
    the title after an official document's cover, else the cover's red head, else what the
    text calls itself (我代表上海市人民政府, a filing's registrant), as reading the report
    names it; ("", None) when they name none. (A library files its reports by it without
    parsing them: `--org 上海市人民政府` had found no report that `parse` named so.)"""
    if not lines:
        return "", None
    _, org, year = parse_title(lines[0].lstrip("#").strip())
    if org:
        return org, year
    two_lines = _two_line_title(lines)
    if two_lines is not None:
        return two_lines[1], two_lines[2]
    cover = _cover_title(lines)
    if cover is not None:
        return cover[1][1], cover[1][2]
    return _red_head_org(lines[0]) or _org_from_text(lines), None


# A line that may be an organisation's name alone: Chinese, no punctuation, digits or spaces.
_ORG_LINE = regex(r"[\u4e00-\u9fff（）()]{2,30}")


def _two_line_title(lines: list[str]) -> tuple[str, str, int | None] | None:
    """Return (title, org, year) of a title set on two lines under the organisation's name:
    宁波市教育局 / 2022年工作总结 (宁波市教育局2022年工作总结), or a cover's 宁波市教育局 /
    宁波市教育局2022年工作总结; else None. (Such a report had no title and no organisation.)"""
    if len(lines) < 2 or not _ORG_LINE.fullmatch(lines[0]) or _red_head_org(lines[0]):
        return None
    for title in (lines[1], lines[0] + lines[1]):
        found = parse_title(title)
        if found[1] == lines[0]:
            return found
    return None


def _cover_title(paragraphs: list[str]) -> tuple[int, tuple[str, str, int | None]] | None:
    """Return the place and (title, org, year) of a report's title after an official
    document's cover: one that opens with a red head or a document number."""
    opening = paragraphs[:3]
    if not (_red_head_org(opening[0]) or any(_DOCUMENT_NUMBER.search(line) for line in opening)):
        return None
    for at, line in enumerate(paragraphs[1:COVER_PARAGRAPHS_CN], start=1):
        title, org, year = parse_title(line)
        if title:
            # 宁波市教育局文件 … 2022年工作总结: the red head names whose report it is
            return at, (title, org or _red_head_org(opening[0]), year)
    return None


# A report to a congress opens by saying what it is: 现在，我代表国务院，向大会作政府工作报告 (or
# 向大会报告政府工作, 向大会报告工作). A government's is a 政府工作报告.
_REPORTS_TO_CONGRESS = regex(r"向(?:大[会會]|[会會]议)(?:作|[报報]告)[^，。；,]{0,16}?工作")
OPENING_PARAGRAPHS = 5


def _work_report_title(lines: list[str], org: str) -> str:
    """Return 政府工作报告 (or 工作报告) for a report whose opening says it is one, else ""."""
    if not any(_REPORTS_TO_CONGRESS.search(line) for line in lines[:OPENING_PARAGRAPHS]):
        return ""
    return "政府工作报告" if org == "国务院" or org.endswith("政府") else "工作报告"


def _org_from_text(lines: list[str]) -> str:
    """Return the organisation the text names for itself (我代表国务院, Apple Inc.), else ""."""
    head = lines[:80]
    for line in head:
        m = re.search(r"我代表([\u4e00-\u9fff]{2,15}?)(?:[，,、]|向|作)", line)
        if m:
            return m.group(1)
    for i, line in enumerate(head[1:], start=1):
        if re.match(r"\(exact name of registrant", line, re.IGNORECASE):
            return head[i - 1]
    return ""


# --------------------------------------------------------------------------- headings

_CN_NUM = "〇零一二三四五六七八九十百"
_RUN_IN_STYLES = frozenset({"run-in"})
# Styles whose lone first item is more likely a numbered sentence than a heading.
_AMBIGUOUS = frozenset(
    {"cn-dun", "cn-paren", "run-in", "ar-dot", "ar-dun", "ar-paren", "dec2", "dec3", "dec4"}
)
_CHAPTER_UNITS = {
    "章": "cn-chapter",
    "节": "cn-section",
    "節": "cn-section",  # Traditional
    "部分": "cn-part",
    "篇": "cn-volume",
}
_MAX_HEADING = 100
_HAS_DIGIT = regex(r"[0-9０-９]")
_LOOKAHEAD = 200  # candidates searched for the number a gap skipped
# Styles that only ever number headings: any number may open or continue their list.
_EXPLICIT = frozenset({"en-part", "en-item", "en-note"})

Ordinal = tuple[int, int] | None


@dataclass(slots=True)
class _Candidate:
    """A line that may be a heading."""

    line: int
    style: str
    ordinal: Ordinal
    number: str
    heading: str
    body: str = ""
    stopped: bool = False  # the line ends as a sentence does (。；！？): see _only_heading


def _run_in(text: str) -> tuple[str, str]:
    """Split 'heading。body' at the first full stop outside quotes; without one all is heading."""
    for stop, end in _sentence_ends(text):
        if text[stop] == "。":
            heading = text[:end].strip()
            return heading.removesuffix("。").strip(), text[end:].strip()
    return text.strip().rstrip("：:").strip(), ""


def _numbered(
    line: int, style: str, ordinal: int | None, number: str, rest: str
) -> _Candidate | None:
    """Build a candidate from a numbered line, splitting a run-in heading from its body."""
    if ordinal is None or ordinal < 1:
        return None
    rest = rest.strip()
    stopped = rest.endswith(("。", "；", "！", "？"))
    if _CJK.search(rest):
        heading, body = _run_in(rest)
        if style == "run-in" and _HAS_DIGIT.search(heading):
            # 一是新建学校12所，新增学位3000个。…: a paragraph's opening sentence that states
            # figures is its first statement too (a heading's figures are not counted)
            body = rest
        elif (body or stopped) and _states_figures(heading):
            # 1.教育支出300亿元。 / （一）全年财政收入300亿元，增长5%。税收收入250亿元。: a
            # numbered paragraph, whose figures a heading's title would lose, not a run-in title
            return None
    else:
        if rest.endswith((",", ":")) or "|" in rest:
            return None  # an English list item or table row, not a heading
        first = next(_sentence_ends(rest), None)
        if first is not None and (first[1] < len(rest) or rest[first[0]] not in "!?"):
            return None  # a sentence (2. Revenue grew 5% in 2022.), or several, not a heading
        heading, body = rest, ""
    if not heading or len(heading) > _MAX_HEADING:
        return None
    return _Candidate(line, style, (ordinal, 0), number, heading, body, stopped)


# A year is what a heading is about, not a figure it states: 一、2021年工作回顾。
_YEAR_OF = regex(r"(?<![0-9０-９])(?:19|20)[0-9]{2}\s*年")


def _states_figures(text: str) -> bool:
    """Tell whether a text states a figure: a digit, other than a year's (2021年)."""
    return bool(_HAS_DIGIT.search(text)) and bool(_HAS_DIGIT.search(_YEAR_OF.sub("", text)))


_MD = regex(r"^(#{1,6})\s+(\S.*?)\s*#*$")
_ITEM = regex(r"^(item\s+(\d{1,2})([a-z])?)\s*(?:[.:]\s*(?:\|\s*)?|\|\s*)(.*)$", re.IGNORECASE)
_PART = regex(r"^(part\s+([ivxl]+|\d{1,2}))\s*(?:$|[.:|\-–—]\s*(.*)$)", re.IGNORECASE)
_NOTE = regex(r"^(Note\s+(\d{1,2}))\s*[–—:-]\s*(\S.{0,150})$")
_CHAPTER = regex(rf"^(第([{_CN_NUM}\d]+)(章|节|節|部分|篇))[\s、，：:]*(.*)$")  # 節: Traditional
_CN_DUN = regex(rf"^(([{_CN_NUM}]+)\s*、)\s*(.*)$")
_CN_PAREN = regex(rf"^([（(]\s*([{_CN_NUM}]+)\s*[）)])\s*(.*)$")
_RUN_IN = regex(rf"^(([{_CN_NUM}]+)是)(.+)$")
_AR_PAREN = regex(r"^([（(]\s*(\d{1,2})\s*[）)])\s*(.*)$")
_AR_DUN = regex(r"^((\d{1,2})\s*、)\s*(.*)$")
_DECIMAL = regex(
    r"^(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d%％])\.?(?:\s+|(?=[^\s万亿千百十个元年月日倍]))(\S.*)$"
)
_AR_DOT = regex(r"^((\d{1,2})\s*[.．])(?!\d)\s*(.+)$")
_PAGE_CELL = regex(r"^\d{1,4}$")


def _match_heading(index: int, line: str) -> _Candidate | None:
    """Return the heading candidate a line starts with, if any."""
    if m := _MD.match(line):
        numbered = _match_heading(index, m[2])
        if numbered is not None and numbered.style not in ("run-in", "en-note"):
            return numbered  # "## 一、…": read by its numbering, as a page's <h2> is (readers)
        return _Candidate(index, f"md{len(m[1])}", None, "", m[2])
    if m := _ITEM.match(line):
        cells = [c.strip() for c in m[4].split("|")]
        if len(cells) > 1 and _PAGE_CELL.match(cells[-1]):
            cells.pop()  # the page column of a table of contents
        heading = cells[0] if cells else ""
        if len(heading) > 150 or heading.endswith((",", ";")):
            return None
        minor = ord(m[3].upper()) - ord("A") + 1 if m[3] else 0
        number = line[: m.end(1)] + ("." if "." in line[m.end(1) : m.start(4)] else "")
        return _Candidate(index, "en-item", (int(m[2]), minor), number, heading)
    if m := _PART.match(line):
        value = int(m[2]) if m[2].isdigit() else _roman_number(m[2])
        if value is None:
            return None
        heading = (m[3] or "").strip()
        if len(heading) > 150:
            return None
        return _Candidate(index, "en-part", (value, 0), m[1], heading)
    if m := _NOTE.match(line):
        return _Candidate(index, "en-note", (int(m[2]), 0), m[1], m[3].strip())
    if "|" in line:
        return None  # a table row
    if m := _CHAPTER.match(line):
        value = int(m[2]) if m[2].isdigit() else _cn_number(m[2])
        return _numbered(index, _CHAPTER_UNITS[m[3]], value, m[1], m[4] or "")
    for pattern, style, convert in (
        (_CN_DUN, "cn-dun", _cn_number),
        (_CN_PAREN, "cn-paren", _cn_number),
        (_RUN_IN, "run-in", _cn_number),
        (_AR_PAREN, "ar-paren", int),
        (_AR_DUN, "ar-dun", int),
    ):
        if m := pattern.match(line):
            return _numbered(index, style, convert(m[2]), m[1], m[3])
    if m := _DECIMAL.match(line):
        parts = m[1].split(".")
        return _numbered(index, f"dec{len(parts)}", int(parts[-1]), m[1], m[2])
    if m := _AR_DOT.match(line):
        return _numbered(index, "ar-dot", int(m[2]), m[1], m[3])
    return None


def _sentence_lists(candidates: dict[int, _Candidate]) -> list[int]:
    """Return the lines of numbered sentences listed in a row: two or more lines of one style,
    one after another, each a single sentence that ends as sentences do (1.加强组织领导，成立
    工作专班。 2.完善制度建设，出台实施意见。). A reader sees paragraphs, not headings over no
    text (a report that ends its headings with 。 puts its text between them)."""
    runs: list[list[_Candidate]] = []
    for line in sorted(candidates):
        cand = candidates[line]
        if runs and line == runs[-1][-1].line + 1 and cand.style == runs[-1][-1].style:
            runs[-1].append(cand)
        else:
            runs.append([cand])
    sentences = (run for run in runs if len(run) > 1 and all(c.stopped and not c.body for c in run))
    return [cand.line for run in sentences for cand in run]


def _follows(old: Ordinal, new: Ordinal, style: str) -> str:
    """Tell whether `new` may follow `old` in one list: "next", "gap" (one number missed) or ""."""
    if old is None or new is None:
        return "next" if old is None and new is None else ""
    if style in _EXPLICIT:
        return "next" if new > old else ""
    (major, minor), (new_major, new_minor) = old, new
    if new_major == major:
        return "next" if new_minor == minor + 1 else ""
    if new_minor <= 1 and new_major == major + 1:
        return "next"
    return "gap" if new_minor <= 1 and new_major == major + 2 else ""


def _opens(ordinal: Ordinal, style: str) -> bool:
    """Tell whether a heading may open a list (一、 / 1. / unnumbered; any Item or PART)."""
    return ordinal is None or ordinal == (1, 0) or style in _EXPLICIT


# --------------------------------------------------------------------------- tree


@dataclass(slots=True)
class _Node:
    """A section under construction."""

    cand: _Candidate | None
    level: int
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


class _Builder:
    """Place paragraphs into a heading tree, accepting only plausibly numbered headings."""

    def __init__(self, paragraphs: list[str], candidates: dict[int, _Candidate]) -> None:
        self.paragraphs = paragraphs
        self.candidates = candidates
        self.order = sorted(candidates)
        self.shingles = _Shingles(paragraphs, {i for i, c in candidates.items() if not c.body})
        self.copies: dict[tuple[int, int], bool] = {}  # a restart's text: a copy or not

    def _missed_later(self, cand: _Candidate, old: Ordinal, rejected: set[int]) -> bool:
        """Tell whether the number a gap skipped turns up later, before its list restarts."""
        assert old is not None
        missing = (old[0] + 1, 0)
        start = bisect.bisect_right(self.order, cand.line)
        for line in self.order[start : start + _LOOKAHEAD]:
            other = self.candidates[line]
            if line in rejected or other.style != cand.style or other.ordinal is None:
                continue
            if other.ordinal == missing:
                return True
            if other.ordinal <= old:
                return False
        return False

    def _fits(self, cand: _Candidate, old: Ordinal, rejected: set[int]) -> bool:
        """Tell whether cand continues a list whose last number was `old`."""
        verdict = _follows(old, cand.ordinal, cand.style)
        return verdict == "next" or (
            verdict == "gap" and not self._missed_later(cand, old, rejected)
        )

    def _restarts(
        self, cand: _Candidate, old: Ordinal, above: set[str], rejected: set[int]
    ) -> bool:
        """Tell whether cand restarts its list as a new run of sections: 一、 after 二、 or more,
        followed by 二、 before any heading of a style above it (a review's 一、二、 and then the
        plan's, with no 第一部分/第二部分 over them), its text not a copy of the text before it
        (a second rendition of the report is not a new run: see _repeated_headings)."""
        if cand.style in _RUN_IN_STYLES or cand.style in _EXPLICIT:
            return False  # 一是 opens a paragraph's list again; PART I after PART II is a copy's
        if cand.ordinal != (1, 0) or old is None or old < (2, 0):
            return False
        start = bisect.bisect_right(self.order, cand.line)
        for line in self.order[start : start + _LOOKAHEAD]:
            other = self.candidates[line]
            if line in rejected or (other.style != cand.style and other.style not in above):
                continue
            if other.style != cand.style or other.ordinal != (2, 0):
                return False
            if (cand.line, line) not in self.copies:
                self.copies[cand.line, line] = self.shingles.copies(cand.line, line)
            return not self.copies[cand.line, line]
        return False

    def _repeats(self, cand: _Candidate, previous: _Candidate, rejected: set[int]) -> bool:
        """Tell whether cand repeats the number of the heading before it as a heading of its
        own: told otherwise, over text of its own (二、立德树人 then 二、双减, a numbering slip,
        whose section had been read as the first's text). The same heading twice (二、乙 … 二、乙)
        is a copy's, and a number repeated over no text a line of the section before: text.
        Lists may start again inside a section: a second 1. opens a list of its own (a lone
        one is a numbered sentence, see _lone_firsts), a second 五是 is a 一是 list's whose 一是
        to 四是 were read as text; and PART and Item do not repeat."""
        if cand.style in _RUN_IN_STYLES or cand.style in _EXPLICIT:
            return False
        if cand.ordinal != previous.ordinal or cand.ordinal == (1, 0):
            return False
        if _toc_key(cand) == _toc_key(previous):
            return False
        below = cand.line + 1
        if cand.body or below in rejected:
            return True
        after = self.candidates.get(below)
        return below < len(self.paragraphs) and (after is None or after.style != cand.style)

    def build(self, rejected: set[int]) -> _Node:
        """Return the root of the tree, skipping the candidate lines in `rejected`."""
        root = _Node(None, 0)
        stack: list[_Node] = [root]
        last_at_level: dict[tuple[str, int], Ordinal] = {}
        for index, text in enumerate(self.paragraphs):
            cand = self.candidates.get(index)
            if cand is None or index in rejected:
                stack[-1].paragraphs.append(text)
                continue
            styles = [node.cand.style if node.cand else "" for node in stack]
            depth = next((d for d in range(len(stack) - 1, 0, -1) if styles[d] == cand.style), None)
            if depth is not None:
                previous = stack[depth].cand
                assert previous is not None
                if not (
                    self._fits(cand, previous.ordinal, rejected)
                    or self._restarts(cand, previous.ordinal, set(styles[1:depth]), rejected)
                    or self._repeats(cand, previous, rejected)
                ):
                    stack[-1].paragraphs.append(text)
                    continue
                del stack[depth:]
            else:
                if styles[-1] in _RUN_IN_STYLES:
                    stack.pop()  # a run-in heading is a paragraph: it holds no block headings
                old = last_at_level.get((cand.style, len(stack)))
                if not (
                    _opens(cand.ordinal, cand.style)
                    or (old is not None and self._fits(cand, old, rejected))
                ):
                    stack[-1].paragraphs.append(text)
                    continue
            node = _Node(cand, len(stack))
            if cand.body:
                node.paragraphs.append(cand.body)
            stack[-1].children.append(node)
            stack.append(node)
            last_at_level[(cand.style, node.level)] = cand.ordinal
        return root


_LETTERS = regex(r"[0-9a-z\u3400-\u9fff\uf900-\ufaff]+")
_SHINGLE = 6  # characters; long enough that Chinese phrases rarely repeat by chance


class _Shingles:
    """Where each run of _SHINGLE letters and digits first occurs in the paragraphs joined
    (spaces, punctuation and the breaks of a PDF's lines left out), built once, when first asked."""

    def __init__(self, paragraphs: list[str], headings: set[int]) -> None:
        self.paragraphs = paragraphs
        self.headings = headings  # the lines of headings with no text of their own
        self.starts: list[int] = []  # where each paragraph's letters start in the joined text
        self.first: dict[str, int] = {}

    def _build(self) -> None:
        """Join the paragraphs' letters and index their shingles."""
        pieces = []
        at = 0
        for paragraph in self.paragraphs:
            self.starts.append(at)
            pieces.append(_letters(paragraph))
            at += len(pieces[-1])
        text = "".join(pieces)
        for k in range(len(text) - _SHINGLE + 1):
            self.first.setdefault(text[k : k + _SHINGLE], k)

    def copies(self, start: int, end: int) -> bool:
        """Tell whether four fifths of the text of lines [start, end), their headings aside, is
        found before them (a second copy of the report repeats it all, whatever its extraction
        broke; a plan under the review's headings, a few of its words)."""
        if not self.starts:
            self._build()
        lines = range(start, end)
        text = "".join(_letters(self.paragraphs[i]) for i in lines if i not in self.headings)
        held = {text[k : k + _SHINGLE] for k in range(len(text) - _SHINGLE + 1)}
        begin = self.starts[start]
        before = sum(self.first.get(shingle, begin) + _SHINGLE <= begin for shingle in held)
        return bool(held) and 5 * before >= 4 * len(held)


def _letters(text: str) -> str:
    """Return the letters and digits of a text, in lower case."""
    return "".join(_LETTERS.findall(text.casefold()))


def _lone_firsts(node: _Node, listed: dict[tuple[str, int], _Listed] | None = None) -> set[int]:
    """Return the lines of childless ambiguous headings that open a list nobody continues,
    unless their style is a list's at that level elsewhere in the report and they have its
    headings' shape (_like_listed): 一、…（一）（二）, then 二、…（一）聚焦产业升级 alone is the
    report's second level, not a numbered sentence; 1．规上工业：年主营业务收入2000万元及以上的…
    stays text."""
    if listed is None:
        listed = _listed_styles(node)
    found: set[int] = set()
    styles: dict[str, list[_Node]] = {}
    for child in node.children:
        assert child.cand is not None
        styles.setdefault(child.cand.style, []).append(child)
        found |= _lone_firsts(child, listed)
    for style, group in styles.items():
        cand = group[0].cand
        assert cand is not None
        lone = len(group) == 1 and not group[0].children
        if lone and style in _AMBIGUOUS and cand.ordinal == (1, 0):
            like = listed.get((style, node.level))
            if not (like and _like_listed(group[0], like)) and not _only_heading(node, group[0]):
                found.add(cand.line)
    return found


# The longest a report's only heading may be (一、2022年工作情况, not a numbered sentence).
ONLY_HEADING_CHARS = 20


@dataclass(slots=True)
class _Listed:
    """The headings of one style in lists of two or more under parents of one level."""

    longest: int = -1  # the longest heading
    longest_run_in: int = -1  # the longest of those that run into their text (重大项目。全年…)


def _like_listed(child: _Node, listed: _Listed) -> bool:
    """Tell whether a lone first item has the shape of its style's listed headings: no longer
    than they are; or a short line of its own over text (no sentence run in, no full stop:
    （一）生产总值稳步增长 alone under 一、, where 二、's （一）（二） are shorter); or run into its
    text as theirs are (1.重大项目。全年实施… alone under （一）, as 1.民生项目。… 2.… under
    （二）). The lone first of a list whose other items were merged into it (a year's edit) had
    been read as text, its section "removed" and its heading "added"."""
    cand = child.cand
    assert cand is not None
    size = len(cand.heading)
    if cand.body:
        return size <= listed.longest_run_in
    if size <= listed.longest:
        return True
    own_line = not cand.stopped and bool(child.paragraphs)
    return own_line and size <= ONLY_HEADING_CHARS


def _only_heading(node: _Node, child: _Node) -> bool:
    """Tell whether a lone first item is the report's one heading: the only one at its top, a
    short line of its own (no sentence run in, no full stop) over text. "一、2022年工作" over
    its paragraphs had been read as no heading at all ("no headings found")."""
    cand = child.cand
    assert cand is not None
    return (
        node.cand is None
        and len(node.children) == 1
        and not cand.body
        and bool(child.paragraphs)
        and len(cand.heading) <= ONLY_HEADING_CHARS
        and not cand.stopped
    )


def _listed_styles(node: _Node) -> dict[tuple[str, int], _Listed]:
    """Return, by (style, level of the parent), the headings of the lists of two or more
    headings of that style under one parent of that level."""
    found: dict[tuple[str, int], _Listed] = {}
    groups: dict[str, list[_Candidate]] = {}
    for child in node.children:
        assert child.cand is not None
        groups.setdefault(child.cand.style, []).append(child.cand)
        for key, below in _listed_styles(child).items():
            _merge(found.setdefault(key, _Listed()), below)
    for style, group in groups.items():
        if len(group) > 1:
            here = _Listed(
                longest=max(len(c.heading) for c in group),
                longest_run_in=max((len(c.heading) for c in group if c.body), default=-1),
            )
            _merge(found.setdefault((style, node.level), _Listed()), here)
    return found


def _merge(into: _Listed, other: _Listed) -> None:
    """Widen `into` to hold `other`'s headings too."""
    into.longest = max(into.longest, other.longest)
    into.longest_run_in = max(into.longest_run_in, other.longest_run_in)


def _accepted(node: _Node) -> list[_Candidate]:
    """Return the headings placed in the tree, in document order."""
    found = [node.cand] if node.cand is not None else []
    for child in node.children:
        found.extend(_accepted(child))
    return found


def _repeated_headings(root: _Node, candidates: dict[int, _Candidate]) -> _Candidate | None:
    """Return the first rejected candidate that repeats an accepted heading word for word."""
    accepted = _accepted(root)
    keys = {_toc_key(c) for c in accepted}
    lines = {c.line for c in accepted}
    for line in sorted(candidates):
        cand = candidates[line]
        if line not in lines and _toc_key(cand) in keys:
            return cand
    return None


def _freeze(node: _Node, prefix: str, position: int) -> Section:
    """Turn a built node into a Section with a positional id."""
    cand = node.cand
    assert cand is not None
    section_id = f"{prefix}.{position}" if prefix else str(position)
    text = "\n".join(node.paragraphs)
    return Section(
        id=section_id,
        number=cand.number,
        heading=cand.heading,
        level=node.level,
        style=cand.style,
        text=text,
        sentences=split_sentences(text),
        children=tuple(_freeze(c, section_id, i) for i, c in enumerate(node.children, start=1)),
    )


# --------------------------------------------------------------------------- table of contents

_TOC_LABEL = regex(r"^(?:table of contents|contents|page|目\s*[录錄])$", re.IGNORECASE)


def _toc_key(cand: _Candidate) -> tuple[str, Ordinal, str]:
    """Return what a table-of-contents entry and its heading in the text have in common."""
    heading = re.sub(r"[\s.·…]*\d*$", "", cand.heading)
    return cand.style, cand.ordinal, re.sub(r"\s+", "", heading).casefold()


TOC_BREAK = 6  # lines between two runs of contents entries, at most, for them to be one contents
# A paragraph that ends a sentence is text, not a contents entry that wraps ("Market for
# Registrant's Common Equity, … of" / "Equity Securities 19").
_TEXT = regex(r"[。！？]|[.!?]$")


def _is_text(paragraph: str) -> bool:
    """Tell whether a paragraph between headings is text of theirs (a sentence, not an entry)."""
    return len(paragraph) > 12 and bool(_TEXT.search(paragraph))


def _find_toc(paragraphs: list[str], candidates: dict[int, _Candidate]) -> list[int]:
    """Return the lines of a table of contents: 3+ headings with no text between, repeated later,
    and the runs of headings that go on after them a few lines on (TOC_BREAK), up to a heading
    the contents list already or to text (a sentence). The text after them must open with a
    heading they list: headings with text of their own are a part of the report (第一部分 2021年
    工作回顾 over its 一、（一）, repeated in 第二部分's plan), not its contents."""
    found = _contents(paragraphs, candidates)
    if not found:
        return []
    entries = {_toc_key(candidates[i]) for i in found if i in candidates}
    after = next((i for i in sorted(candidates) if i > found[-1]), None)
    if after is None or _toc_key(candidates[after]) not in entries:
        return []
    return found


def _contents(paragraphs: list[str], candidates: dict[int, _Candidate]) -> list[int]:
    """Return the lines that read as a table of contents, before _find_toc checks the text
    after them."""
    order = sorted(candidates)
    runs: list[list[int]] = []
    for line in order:
        if candidates[line].body:
            runs.append([])  # a heading with text of its own is not a contents entry
            continue
        if runs and runs[-1] and not any(len(p) > 12 for p in paragraphs[runs[-1][-1] + 1 : line]):
            runs[-1].append(line)
        else:
            runs.append([line])
    found: list[int] = []
    entries: set[tuple[str, Ordinal, str]] = set()  # the keys of the contents' entries
    for run in runs:
        if not run:
            continue
        keys = {_toc_key(candidates[i]) for i in run}
        if found:
            # A contents page broken by entries that wrap (a PDF's: "Item" / "5." / "Market for
            # Registrant's …") goes on after them, up to the text's first heading: one the
            # contents list already (PART I, Item 1. Business).
            if run[0] - found[-1] > TOC_BREAK:
                break
            if any(_is_text(p) for p in paragraphs[found[-1] + 1 : run[0]]):
                break  # the headings before carry text: the contents (if any) ended there
            listed = [i for i in run if _toc_key(candidates[i]) in entries]
            if listed and listed[0] == run[0]:
                break  # the text begins (after the contents and a paragraph of its own)
            found += range(found[-1] + 1, listed[0] if listed else run[-1] + 1)
            if listed:
                break
            entries |= keys
            continue
        if len(run) < 3:
            continue
        later = {_toc_key(candidates[i]) for i in order if i > run[-1]}
        hits = sum(_toc_key(candidates[i]) in later for i in run)
        if hits * 3 >= len(run) * 2:
            first = run[0]
            while first > 0 and _TOC_LABEL.match(paragraphs[first - 1]):
                first -= 1
            found = list(range(first, run[-1] + 1))
            entries = keys
    return found


# --------------------------------------------------------------------------- no headings

_TOPIC_OPENERS = regex(
    r"^(?:let me|let us|i will now|i now turn|next,|first,|second,|third,|fourth,|finally,|"
    r"in summary|in conclusion|to conclude|turning to|another|the (?:first|second|third|next)|"
    r"首先|其次|再次|最后|此外|同时|另外)",
    re.IGNORECASE,
)


def _group_paragraphs(paragraphs: list[str], *, low: int = 6, high: int = 12) -> list[list[str]]:
    """Group heading-less paragraphs: close a group at a topic break after `low`, always at `high`."""
    groups: list[list[str]] = []
    current: list[str] = []
    for p in paragraphs:
        breaks = len(current) >= low and (len(p) <= 100 or bool(_TOPIC_OPENERS.match(p)))
        if current and (len(current) >= high or breaks):
            groups.append(current)
            current = []
        current.append(p)
    if current:
        groups.append(current)
    return groups


def _first_words(text: str) -> str:
    """Return the opening words of a paragraph, for a group heading."""
    text = re.sub(r"[*#_`]+", "", text).strip(" :：")
    if _CJK.search(text[:20]):
        return text if len(text) <= 20 else text[:20] + "…"
    words = text.split()
    return " ".join(words) if len(words) <= 8 else " ".join(words[:8]) + "…"


# --------------------------------------------------------------------------- entry point

_PARAGRAPH_BREAK = regex(r"[ \t]*[\u3000\u2003]{2,}|[ \t]+[\u3000\u2003]+")
_INVISIBLE = regex(r"[\u200b-\u200d\u2060\ufeff]")
_RULE = regex(r"^(?:-{3,}|\*{3,}|_{3,})$")


def _paragraphs(text: str) -> list[str]:
    """Return the non-empty paragraphs, splitting lines where an indent marks a new paragraph."""
    out: list[str] = []
    for line in _INVISIBLE.sub("", text).splitlines():
        indents = "\u3000" in line or "\u2003" in line  # a break needs one of these
        for piece in _PARAGRAPH_BREAK.split(line) if indents else [line]:
            piece = piece.strip()
            if piece and not _RULE.match(piece):
                out.append(piece)
    return out


@collector_paused()
def parse_outline(text: str, *, source: Source, warnings: tuple[str, ...] = ()) -> Report:
    """Parse clean text into a Report: title, org, year, preamble and the heading tree.

    Never fails on odd input: a document without headings is grouped into numbered sections of
    paragraphs, and what was guessed is said in `warnings`.
    """
    notes = list(warnings)
    paragraphs = _paragraphs(text)
    title, org, year = ("", "", None)
    if paragraphs:
        first = paragraphs[0]
        md_title = first.startswith("# ") and not any(p.startswith("# ") for p in paragraphs[1:])
        title, org, year = parse_title(first)
        if md_title and not title:
            title = first[2:].strip()
        if title:
            paragraphs = paragraphs[1:]
        elif (two_lines := _two_line_title(paragraphs)) is not None:
            title, org, year = two_lines
            paragraphs = paragraphs[2:]
        elif (cover := _cover_title(paragraphs)) is not None:
            # An official document's cover (绍兴市教育局文件, its number, the notice that sends
            # the report) before the report's own title: the cover is the preamble's.
            at, (title, org, year) = cover
            paragraphs = paragraphs[:at] + paragraphs[at + 1 :]
        else:
            title = _filing_title(paragraphs)  # the cover of an SEC filing: FORM 10-K
            org = _red_head_org(paragraphs[0])
    if not org:  # a file without its title line may be named after it
        stem = PurePath(source.path).stem
        org = _org_from_text(paragraphs) or org_in_name(stem, parse_title(stem)[1])
    if not title:
        title = _work_report_title(paragraphs, org)
    if year is None:
        year = year_in_name(PurePath(source.path).stem)

    candidates: dict[int, _Candidate] = {}
    for index, line in enumerate(paragraphs):
        cand = _match_heading(index, line)
        if cand is not None:
            candidates[index] = cand
    toc = _find_toc(paragraphs, candidates)
    if toc:
        dropped = sum(i in candidates for i in toc)
        notes.append(f"dropped a table of contents ({dropped} headings)")
        keep = set(range(len(paragraphs))) - set(toc)
        renumber = {old: new for new, old in enumerate(sorted(keep))}
        paragraphs = [paragraphs[i] for i in sorted(keep)]
        candidates = {renumber[i]: c for i, c in candidates.items() if i in keep}
        for i, c in candidates.items():
            c.line = i

    for at in _sentence_lists(candidates):
        del candidates[at]  # paragraphs, not headings
    builder = _Builder(paragraphs, candidates)
    rejected: set[int] = set()
    root = builder.build(rejected)
    for _ in range(len(candidates)):
        lone = _lone_firsts(root)
        if not lone:
            break
        rejected |= lone
        root = builder.build(rejected)

    repeated = _repeated_headings(root, candidates)
    if repeated is not None:
        notes.append(
            f"heading {repeated.number}{repeated.heading} appears twice; "
            "the text may hold a second copy of the report"
        )

    preamble: Section | None = None
    if root.children:
        sections = tuple(_freeze(c, "", i) for i, c in enumerate(root.children, start=1))
        if root.paragraphs:
            body = "\n".join(root.paragraphs)
            preamble = Section(id="0", level=0, text=body, sentences=split_sentences(body))
    elif paragraphs:
        groups = _group_paragraphs(paragraphs)
        grouped = counted(len(paragraphs), "paragraph")
        notes.append(f"no headings found; {grouped} grouped into {counted(len(groups), 'section')}")
        sections = tuple(
            Section(
                id=str(i),
                heading=_first_words(group[0]),
                level=1,
                style="para-group",
                text="\n".join(group),
                sentences=split_sentences("\n".join(group)),
            )
            for i, group in enumerate(groups, start=1)
        )
    else:
        sections = ()
        notes.append("no text")
    return Report(
        title=title,
        org=org,
        year=year,
        source=source,
        preamble=preamble,
        sections=sections,
        warnings=tuple(notes),
    )
