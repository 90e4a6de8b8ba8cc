"""Damage clean report text the way PDF extraction and web copying do, for property tests.

`reflow(text, rnd)` takes text with one paragraph or heading per line (its first line the title)
and returns the same content laid out again, with these kinds of damage:

- line breaks: every paragraph of 30 characters or more is cut into lines of a random width
  (one width per document, jittered per line), mid-sentence and mid-word, but not inside a
  number (PDF text keeps 89.5 together);
- numbers on lines of their own: some numbers, with their decimals and a following `%`, are cut
  out onto a line of their own (as when a PDF sets figures in another font);
- blank lines, in one of four layouts: `pdf` (a blank line after every line and a wider gap,
  sometimes holding a lone space, between paragraphs), `web` (lines of a paragraph together, a
  blank line between paragraphs), `hard` (no blank lines at all) and `double` (one blank line
  after every line, paragraph or not);
- page furniture: page footers (`- 7 -`, `— 7 —`, `第 7 页`, `第7页 共12页`, `7/12`) at page
  breaks every 12-40 lines, page numbers rising from a random start, and in some documents
  the title repeated as a running header on every page;
- characters: some digits, `%` and the `.` between digits full-width, `——` as `――`, `·` as `・`,
  zero-width spaces, a BOM, spaces between two Chinese characters, a U+3000 indent on some
  paragraph starts, trailing spaces.

It keeps what real layouts keep and repair cannot otherwise tell apart:
- the title and lines shorter than 30 characters (headings) are never cut;
- a paragraph that starts with heading numbering (一、 （一） 一是 1. 第…) keeps its first line at
  least up to its first full stop or 40 characters, since a numbered line that stops short reads
  as a heading;
- no line starts with heading numbering unless a paragraph starts there;
- no number is cut out right after a sentence end (a lone number after a finished sentence reads
  as a page number);
- in the `hard` and `double` layouts, where blank lines cannot tell paragraphs apart, no line
  ends with a sentence end (。！？；： or one followed by a closing quote) unless its paragraph
  ends there.
"""

from __future__ import annotations

import random
import re

LAYOUTS = ("pdf", "web", "hard", "double")
FOOTERS = ("- {n} -", "— {n} —", "第 {n} 页", "第{n}页 共{m}页", "{n}/{m}")

_SENTENCE_END = "。！？；：.!?;:"
_CLOSERS = "”’」』）)"
# Text that would read as the start of a heading or numbered paragraph.
_HEADING_START = re.compile(
    r"[一二三四五六七八九十百零〇]+[、是]|[（(][一二三四五六七八九十百\d]+[）)]|第[一二三四五六七八九十百零〇\d]"
    r"|\d{1,2}[.．、](?!\d)|#|PART\b|Item\s"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WIDE = {str(d): chr(0xFF10 + d) for d in range(10)}


def reflow(text: str, rnd: random.Random, *, layout: str | None = None) -> str:
    """Lay `text` (one paragraph per line, title first) out again with extraction damage."""
    layout = layout or rnd.choice(LAYOUTS)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    width = rnd.randint(12, 60)
    isolate = rnd.choice((0.0, 0.3, 0.8))
    indent = rnd.random() < 0.3
    blocks = [[paragraphs[0]]]
    for paragraph in paragraphs[1:]:
        lines = _cut(paragraph, rnd, width=width, isolate=isolate, layout=layout)
        if indent and rnd.random() < 0.5:
            lines[0] = "\u3000\u3000" + lines[0]
        blocks.append(lines)
    blocks = _paginate(blocks, rnd, title=paragraphs[0])
    out = _lay_out(blocks, rnd, layout)
    return _spoil_characters(out, rnd)


def _cut(
    paragraph: str, rnd: random.Random, *, width: int, isolate: float, layout: str
) -> list[str]:
    """Cut one paragraph into lines at allowed points."""
    if len(paragraph) < 30:
        return [paragraph]
    allowed = _allowed_cuts(paragraph, layout)
    cuts: set[int] = set()
    for match in _NUMBER.finditer(paragraph):
        if rnd.random() < isolate and match.start() > 0:
            if paragraph[match.start() - 1] in _SENTENCE_END + _CLOSERS:
                continue
            cuts.update(i for i in (match.start(), match.end()) if i in allowed)
    position = 0
    while True:
        position += max(1, width + rnd.randint(-width // 3, width // 3))
        if position >= len(paragraph):
            break
        # Move to the nearest allowed point at or after the chosen one.
        while position < len(paragraph) and position not in allowed:
            position += 1
        if position < len(paragraph):
            cuts.add(position)
    bounds = [0, *sorted(cuts), len(paragraph)]
    return [paragraph[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if a < b]


def _allowed_cuts(paragraph: str, layout: str) -> set[int]:
    """Return the offsets where a line break may go without changing what repair can see."""
    start = 1
    if _HEADING_START.match(paragraph):
        first_end = next((i + 1 for i, ch in enumerate(paragraph) if ch in _SENTENCE_END), 40)
        start = max(first_end, 40) if first_end > 40 else first_end
    inside_numbers = {
        i for m in re.finditer(r"\d+(?:\.\d+)?", paragraph) for i in range(m.start() + 1, m.end())
    }
    allowed = set()
    for i in range(max(start, 1), len(paragraph)):
        if i in inside_numbers:
            continue
        if _HEADING_START.match(paragraph, i):
            continue
        before = paragraph[i - 1]
        if layout in ("hard", "double"):
            if before in _SENTENCE_END:
                continue
            if before in _CLOSERS and i >= 2 and paragraph[i - 2] in _SENTENCE_END:
                continue
        allowed.add(i)
    return allowed


def _paginate(blocks: list[list[str]], rnd: random.Random, *, title: str) -> list[list[str]]:
    """Insert page footers (and maybe running headers) every so many lines."""
    if rnd.random() < 0.3:
        return blocks
    every = rnd.randint(12, 40)
    page = rnd.randint(1, 20)
    total = page + sum(len(b) for b in blocks) // every + 1
    pages = sum(len(b) for b in blocks) // every
    # A footer with nothing page-like but its rising number needs three pages to be recognised.
    footer = rnd.choice(FOOTERS if pages >= 3 else FOOTERS[:-1])
    header = rnd.random() < 0.4 and pages >= 3
    count = 0
    out: list[list[str]] = []
    for block in blocks:
        lines: list[str] = []
        for line in block:
            lines.append(line)
            count += 1
            if count % every == 0:
                lines.append(footer.format(n=page, m=total))
                if header:
                    lines.append(title)
                page += 1
        out.append(lines)
    return out


def _lay_out(blocks: list[list[str]], rnd: random.Random, layout: str) -> str:
    """Join lines and paragraphs with the blank lines of the chosen layout."""
    line_gap = {"pdf": "\n\n", "web": "\n", "hard": "\n", "double": "\n\n"}[layout]
    out = []
    for k, block in enumerate(blocks):
        out.append(line_gap.join(line + (" " if rnd.random() < 0.05 else "") for line in block))
        if k + 1 < len(blocks):
            if layout == "pdf":
                out.append(rnd.choice(("\n\n \n\n", "\n\n\n", "\n\n\n\n")))
            elif layout == "web":
                out.append("\n\n")
            else:
                out.append(line_gap)
    return "".join(out) + "\n"


def _spoil_characters(text: str, rnd: random.Random) -> str:
    """Turn some characters into their full-width or look-alike forms, add invisible ones."""
    wide = rnd.random() < 0.5
    chars = []
    for i, ch in enumerate(text):
        if wide and ch in _WIDE and rnd.random() < 0.3:
            ch = _WIDE[ch]
        elif wide and ch == "%" and rnd.random() < 0.5:
            ch = "％"
        elif (
            wide
            and ch == "."
            and 0 < i < len(text) - 1
            and text[i - 1].isdigit()
            and text[i + 1].isdigit()
            and rnd.random() < 0.5
        ):
            ch = "．"
        elif ch == "·":
            ch = "・"
        chars.append(ch)
        if rnd.random() < 0.003:
            chars.append("\u200b")
        if (
            rnd.random() < 0.01
            and _HAN.match(text[i])
            and i + 1 < len(text)
            and _HAN.match(text[i + 1])
        ):
            chars.append(" ")
    out = "".join(chars).replace("——", "――")
    return ("\ufeff" + out) if rnd.random() < 0.2 else out
