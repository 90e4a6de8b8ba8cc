"""A Word 97-2003 document's streams (.doc: WordDocument, its table stream) -> its paragraphs.

Pure byte parsing after [MS-DOC]: the FIB gives the piece table (where each run of the main text
is stored, 8-bit or UTF-16), the paragraph properties (outline level, list, table cell and row
ends), the stylesheet (Heading 1-9, a style's list), the lists (Word's automatic numbers) and
the character properties (text deleted with its change tracked, left out).
`compare.readers.read_doc` opens the compound file and renders the lines.
"""

from __future__ import annotations

import bisect
import dataclasses
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

WORD_MAGIC = 0xA5EC
_OLD_WORD_MAGIC = (0xA5DC, 0xA5DB)  # Word 6/95, Word 2
WORD97_NFIB = 0xC0  # Word 97 writes 0xC1; 0xC0 and 0xC2 come from other writers; Word 6/95 < 0xC0
PAGE = 512  # a formatted disk page (FKP) of properties

# Offsets into the FIB (FibBase, then fibRgLw97 and fibRgFcLcb97 at their Word 97 places).
_FLAGS = 0x0A
_ENCRYPTED = 0x0100
_TABLE_STREAM_1 = 0x0200  # fWhichTblStm: the table stream is 1Table, else 0Table
_CCP_TEXT = 0x4C
_STSHF = 0xA2
_PLCF_BTE_CHPX = 0xFA
_PLCF_BTE_PAPX = 0x102
_PLF_LST = 0x2E2
_PLF_LFO = 0x2EA
_CLX = 0x1A2

# Paragraph properties read (sprm codes).
_IN_TABLE = 0x2416
_ROW_END = 0x2417  # sprmPFTtp: the paragraph that ends a table row
_INNER_CELL = 0x244B
_INNER_ROW_END = 0x244C
_DEPTH = 0x6649  # sprmPItap: how deep in nested tables
_OUTLINE = 0x2640
_LIST = 0x460B  # sprmPIlfo: the paragraph's list (1-based into the LFOs; 0: none)
_LIST_LEVEL = 0x260A  # sprmPIlvl
_HUGE_PAPX = 0x6646  # the rest of the properties are in the Data stream
_DELETED = 0x0800  # sprmCFRMarkDel: a run deleted with its change tracked
_DEF_TABLE = 0xD608
_CHANGE_TABS = 0xC615

# A sprm's operand size by its spra (bits 13-15); 6 is variable.
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}

# Characters of the text stream that are marks, not text.
CELL = "\x07"
PARAGRAPH_ENDS = "\r\x0c\x0e"  # paragraph, page or section break, column break
LINE_BREAK = "\x0b"
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
_DROPPED = dict.fromkeys(map(ord, "\x00\x01\x02\x03\x04\x05\x08\x1f"), None) | {
    0x1E: "-",  # a non-breaking hyphen
    0xA0: " ",
}


class DocError(ValueError):
    """The streams are no Word 97-2003 document this reader can read; the message says what
    the file is instead, or what is damaged."""


def _damaged(what: str) -> DocError:
    return DocError(f"not a valid Word document ({what})")


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    """A paragraph's text and what its properties say it is."""

    text: str
    heading: int | None = None  # 1-9 when the paragraph's style is Heading 1-9
    # Word's automatic number before the paragraph, as text and counts to write in a number
    # format ("decimal", "chineseCounting": Word's names): ("（", ("chineseCounting", 1), "）")
    number: tuple[str | tuple[str, int], ...] = ()
    outline: int | None = None  # an outline level 1-9 set on the paragraph itself
    in_table: bool = False
    cell_end: bool = False  # the paragraph ends a table cell
    row_end: bool = False  # the paragraph is the mark that ends a table row
    depth: int = 0  # how deep in tables: 1 in a table, 2 in a table inside a cell of one


@dataclass(frozen=True, slots=True)
class _Props:
    style: int = 0
    outline: int | None = None
    in_table: bool = False
    row_end: bool = False
    inner_cell: bool = False
    depth: int = 0
    list: int | None = None  # the list (LFO) the paragraph is an item of, 1-based; 0: none
    level: int | None = None


@dataclass(frozen=True, slots=True)
class _Piece:
    cp: int  # the first character's position in the text
    end: int
    fc: int  # its byte offset in the WordDocument stream
    compressed: bool  # 8-bit (Windows-1252) rather than UTF-16


def table_stream_name(word: bytes) -> str:
    """Return the name of the table stream the FIB points at, or raise DocError."""
    flags = _fib_header(word)
    return "1Table" if flags & _TABLE_STREAM_1 else "0Table"


def _fib_header(word: bytes) -> int:
    if len(word) < _CLX + 8:
        raise _damaged("its WordDocument stream is cut short")
    magic, nfib = struct.unpack_from("<HH", word, 0)
    if magic in _OLD_WORD_MAGIC:
        raise DocError("a Word 6 or Word 95 document; save it as .docx or PDF")
    if magic != WORD_MAGIC:
        raise _damaged("its WordDocument stream has no Word header")
    if nfib < WORD97_NFIB:
        raise DocError("a Word 6 or Word 95 document; save it as .docx or PDF")
    (flags,) = struct.unpack_from("<H", word, _FLAGS)
    if flags & _ENCRYPTED:  # (fObfuscated says how, and means nothing without it)
        raise DocError("a password-protected Word document; remove the password first")
    return flags


def read_paragraphs(word: bytes, table: bytes, data: bytes = b"") -> list[Paragraph]:
    """Return the main text's paragraphs in order (headers, footnotes and comments left out),
    each with its style and table marks; raise DocError on streams that are no such document."""
    _fib_header(word)
    (ccp_text,) = struct.unpack_from("<i", word, _CCP_TEXT)
    pieces = _pieces(word, table)
    props = _PropsIndex(word, table, data)
    styles = _styles(word, table)
    lists = _Lists(word, table)
    deleted = _deleted_runs(word, table)
    paragraphs: list[Paragraph] = []
    text: list[str] = []
    fields: list[bool] = []  # for each open field: whether its result has begun
    in_code = 0  # how many open fields are still in their code (not yet in their result)
    budget = len(word)  # each character is stored once, in a byte or two of the stream
    for piece in pieces:
        if piece.cp >= ccp_text:
            break
        count = min(piece.end, ccp_text) - piece.cp
        chars = _piece_text(word, piece, count)
        budget -= len(chars)
        if budget < 0:
            raise _damaged("its pieces of text claim more than the file holds")
        size = 1 if piece.compressed else 2
        if deleted:
            chars = _without_deleted(chars, piece.fc, size, deleted)
        for offset, char in enumerate(chars):
            if char == FIELD_BEGIN:
                fields.append(False)
                in_code += 1
                continue
            if char == FIELD_SEPARATOR:
                if fields and not fields[-1]:
                    fields[-1] = True
                    in_code -= 1
                continue
            if char == FIELD_END:
                if fields and not fields.pop():
                    in_code -= 1
                continue
            if char == _GONE or in_code:  # deleted; a field's code
                continue
            if char == CELL or char in PARAGRAPH_ENDS:
                found = props.at(piece.fc + (offset + 1) * size)
                style = styles.get(found.style)
                instance, level = found.list, found.level
                if instance is None:
                    instance, level = _style_list(styles, found.style)
                elif level is None:
                    level = _style_list(styles, found.style)[1]
                paragraphs.append(
                    _paragraph(
                        "".join(text),
                        found,
                        heading=style.heading if style else None,
                        number=lists.number(instance, level) if instance else (),
                        cell_mark=char == CELL,
                    )
                )
                text.clear()
                continue
            text.append(char)
    if text:
        paragraphs.append(Paragraph(text=_clean("".join(text))))
    return paragraphs


def _deleted_runs(word: bytes, table: bytes) -> list[tuple[int, int]]:
    """Return the byte ranges (start, end) of the WordDocument stream that hold text deleted
    with its change tracked, in order; empty for a document without (most)."""
    fc, lcb = struct.unpack_from("<II", word, _PLCF_BTE_CHPX)
    plc = table[fc : fc + lcb]
    count = (len(plc) - 4) // 8
    if count < 1:
        return []
    pages = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1))
    runs = []
    for pn in pages:
        page = word[(pn & 0x3FFFFF) * PAGE : (pn & 0x3FFFFF) * PAGE + PAGE]
        if len(page) < PAGE:
            continue
        crun = page[PAGE - 1]
        if crun == 0 or 5 * crun + 4 > PAGE - 1:
            continue
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for index in range(crun):
            at = page[4 * (crun + 1) + index] * 2
            if not at or at >= PAGE - 1:
                continue
            grpprl = page[at + 1 : at + 1 + page[at]]
            if any(s == _DELETED and o[0] == 1 for s, o in _modifiers(grpprl)):
                runs.append((fcs[index], fcs[index + 1]))
    return sorted(runs)


# A deleted character's stand-in: kept in its place, so that the offsets of the others hold.
_GONE = "\x00"


def _without_deleted(chars: str, fc: int, size: int, runs: list[tuple[int, int]]) -> str:
    """Return a piece's characters with those in deleted runs replaced by _GONE (which the
    reader skips): the piece starts at byte fc, each character `size` bytes."""
    end = fc + size * len(chars)
    first = bisect.bisect_right(runs, (fc, end)) - 1
    gone = list(chars)
    changed = False
    for k in range(max(first, 0), len(runs)):
        start, stop = runs[k]
        if start >= end:
            break
        if stop <= fc:
            continue
        low = max(0, (start - fc + size - 1) // size)
        high = min(len(chars), (stop - fc + size - 1) // size)
        gone[low:high] = _GONE * (high - low)
        changed = True
    return "".join(gone) if changed else chars


def _paragraph(
    text: str,
    props: _Props,
    *,
    heading: int | None,
    number: tuple[str | tuple[str, int], ...],
    cell_mark: bool,
) -> Paragraph:
    row_end = cell_mark and props.row_end
    return Paragraph(
        text=_clean(text),
        heading=heading,
        number=number,
        outline=props.outline,
        in_table=props.in_table or cell_mark or props.depth > 0,
        cell_end=(cell_mark and not row_end) or props.inner_cell,
        row_end=row_end,
        depth=props.depth,
    )


def _clean(text: str) -> str:
    return text.translate(_DROPPED).replace(LINE_BREAK, "\n")


@dataclass(frozen=True, slots=True)
class _Style:
    heading: int | None  # the built-in heading (sti 1-9) it is, if any
    base: int  # the style it is based on (0x0FFF: none)
    props: _Props  # its paragraph properties that are read: its list and level


def _styles(word: bytes, table: bytes) -> dict[int, _Style]:
    """Read the stylesheet: each style's index -> whether it is a heading, and its list."""
    fc, lcb = struct.unpack_from("<II", word, _STSHF)
    sheet = table[fc : fc + lcb]
    if len(sheet) < 6:
        return {}
    header, count, base_size = struct.unpack_from("<HHH", sheet, 0)
    if header < 4 or 2 + header > len(sheet):
        return {}
    styles = {}
    at = 2 + header
    for index in range(count):
        if at + 2 > len(sheet):
            break
        (size,) = struct.unpack_from("<H", sheet, at)
        std = sheet[at + 2 : at + 2 + size]
        at += 2 + size
        if len(std) < 6:
            continue
        sti, kind_base = struct.unpack_from("<HH", std, 0)
        props = _Props()
        name_at = base_size
        if kind_base & 0x000F == 1 and name_at + 2 <= len(std):  # a paragraph style
            (chars,) = struct.unpack_from("<H", std, name_at)
            upx_at = name_at + 2 + 2 * (chars + 1)
            if upx_at + 4 <= len(std):
                (upx_size,) = struct.unpack_from("<H", std, upx_at)
                grpprl = std[upx_at + 4 : upx_at + 2 + upx_size]
                props = _sprms(grpprl, props, b"")
        heading = sti & 0x0FFF
        styles[index] = _Style(heading if 1 <= heading <= 9 else None, kind_base >> 4, props)
    return styles


def _style_list(styles: dict[int, _Style], index: int) -> tuple[int | None, int | None]:
    """Return the list and level a paragraph style gives, itself or through its bases."""
    for _ in range(10):  # styles are based on a few others at most; a loop is damage
        style = styles.get(index)
        if style is None:
            break
        if style.props.list is not None:
            return style.props.list, style.props.level
        index = style.base
    return None, None


# Word's number formats by their code in a list level (MSONFC), as Word's XML names them.
NUMBER_FORMATS = {
    0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter",
    14: "decimalFullWidth", 18: "decimalEnclosedCircle", 22: "decimalZero", 23: "bullet",
    28: "decimalEnclosedCircleChinese", 30: "ideographTraditional", 33: "taiwaneseCounting",
    35: "taiwaneseCountingThousand", 37: "chineseCounting", 39: "chineseCountingThousand",
    255: "none",
}  # fmt: skip


NUMBER_CHARS = 64  # a level's number text ("第%1章", "（%1）"); longer is damage


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    form: str  # a name of NUMBER_FORMATS (another code: decimal)
    text: str  # the number's text; characters 0-8 stand for the counts of those levels


def _level(table: bytes, at: int) -> tuple[_Level, int]:
    """Read a list level (LVL: its LVLF, property modifiers, then its number text) at `at`;
    return it and where the next begins."""
    start = struct.unpack_from("<i", table, at)[0]
    form = NUMBER_FORMATS.get(table[at + 4], "decimal")
    chpx, papx = table[at + 24], table[at + 25]
    at += 28 + papx + chpx
    (chars,) = struct.unpack_from("<H", table, at)
    if chars > NUMBER_CHARS:
        raise ValueError("a level's number text is too long")
    text = table[at + 2 : at + 2 + 2 * chars].decode("utf-16-le", errors="replace")
    return _Level(start, form, text), at + 2 + 2 * chars


class _Lists:
    """Word's automatic numbering: the lists (LSTF with their levels) and the instances that
    paragraphs name (LFO, with the levels they start again). Counters run per list, as Word
    continues a list across its instances, and a deeper level starts again under a new item."""

    def __init__(self, word: bytes, table: bytes) -> None:
        self.levels: dict[int, list[_Level]] = {}  # list id -> its levels
        self.instances: list[tuple[int, dict[int, int]]] = []  # (list id, restarts by level)
        self.counters: dict[int, dict[int, int]] = {}
        self.started: set[int] = set()
        try:
            self._read_lists(word, table)
            self._read_instances(word, table)
        except (struct.error, IndexError, ValueError):
            self.instances = []  # damaged numbering: the paragraphs are read without it

    def _read_lists(self, word: bytes, table: bytes) -> None:
        fc, lcb = struct.unpack_from("<II", word, _PLF_LST)
        if lcb < 2:
            return
        (count,) = struct.unpack_from("<h", table, fc)
        heads = []
        for k in range(max(count, 0)):
            at = fc + 2 + 28 * k
            (list_id,) = struct.unpack_from("<i", table, at)
            heads.append((list_id, 1 if table[at + 26] & 0x01 else 9))  # fSimpleList: 1 level
        at = fc + 2 + 28 * max(count, 0)
        for list_id, count_levels in heads:
            levels = []
            for _ in range(count_levels):
                level, at = _level(table, at)
                levels.append(level)
            self.levels[list_id] = levels

    def _read_instances(self, word: bytes, table: bytes) -> None:
        fc, lcb = struct.unpack_from("<II", word, _PLF_LFO)
        if lcb < 4:
            return
        (count,) = struct.unpack_from("<i", table, fc)
        heads = []
        for k in range(max(count, 0)):
            at = fc + 4 + 16 * k
            (list_id,) = struct.unpack_from("<i", table, at)
            heads.append((list_id, table[at + 12]))  # clfolvl: its overridden levels
        at = fc + 4 + 16 * max(count, 0)
        for list_id, overridden in heads:
            restarts = {}
            at += 4  # LFOData's cp
            for _ in range(overridden):
                start, flags = struct.unpack_from("<iI", table, at)
                at += 8
                if flags & 0x20:  # fFormatting: a whole level follows, as in PlfLst
                    at = _level(table, at)[1]
                if flags & 0x10:  # fStartAt
                    restarts[flags & 0x0F] = start
            self.instances.append((list_id, restarts))

    def number(self, instance: int | None, level: int | None) -> tuple[str | tuple[str, int], ...]:
        """Return the number Word shows before the next item of a list instance (1-based), at
        a level (0-8), and count it; () for none or a bullet."""
        if not instance or not 0 < instance <= len(self.instances):
            return ()
        list_id, restarts = self.instances[instance - 1]
        levels = self.levels.get(list_id, [])
        level = level or 0
        if level >= len(levels) or levels[level].form == "bullet":
            return ()
        counters = self.counters.setdefault(list_id, {})
        if instance not in self.started:
            self.started.add(instance)
            for restarted, start in restarts.items():
                counters[restarted] = start - 1
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        parts: list[str | tuple[str, int]] = []
        for char in levels[level].text:
            at = ord(char)
            if at < 9:
                shown = levels[at] if at < len(levels) else _Level(1, "decimal", "")
                parts.append((shown.form, counters.get(at, shown.start)))
            else:
                parts.append(char)
        return tuple(parts)


def _pieces(word: bytes, table: bytes) -> list[_Piece]:
    """Read the piece table from the CLX: where each run of text is stored."""
    fc, lcb = struct.unpack_from("<II", word, _CLX)
    clx = table[fc : fc + lcb]
    if lcb == 0 or len(clx) < lcb:
        raise _damaged("its piece table is missing")
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers of a fast save, skipped
        if at + 3 > len(clx):
            raise _damaged("its piece table is damaged")
        (size,) = struct.unpack_from("<h", clx, at + 1)
        at += 3 + max(size, 0)
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise _damaged("its piece table is damaged")
    (size,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + size]
    count = (len(plc) - 4) // 12
    if count < 1:
        raise _damaged("its piece table is empty")
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces: list[_Piece] = []
    for index in range(count):
        (fc_value,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)
        compressed = bool(fc_value & 0x40000000)
        offset = fc_value & 0x3FFFFFFF
        if compressed:
            offset //= 2
        if cps[index] < (pieces[-1].end if pieces else 0):
            raise _damaged("its pieces of text overlap")
        if cps[index + 1] > cps[index]:
            pieces.append(_Piece(cps[index], cps[index + 1], offset, compressed))
    return pieces


def _piece_text(word: bytes, piece: _Piece, count: int) -> str:
    if piece.compressed:
        raw = word[piece.fc : piece.fc + count]
        return raw.decode("cp1252", errors="replace")
    raw = word[piece.fc : piece.fc + 2 * count]
    return raw.decode("utf-16-le", errors="replace")


class _PropsIndex:
    """The paragraph properties of the WordDocument stream, found by where a paragraph ends."""

    def __init__(self, word: bytes, table: bytes, data: bytes) -> None:
        self._ends: list[int] = []
        self._props: list[_Props] = []
        fc, lcb = struct.unpack_from("<II", word, _PLCF_BTE_PAPX)
        plc = table[fc : fc + lcb]
        count = (len(plc) - 4) // 8
        if count < 1:
            return
        pages = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1))
        runs: dict[int, _Props] = {}
        for pn in pages:
            page = word[(pn & 0x3FFFFF) * PAGE : (pn & 0x3FFFFF) * PAGE + PAGE]
            if len(page) == PAGE:
                runs.update(_page_runs(page, data))
        self._ends = sorted(runs)
        self._props = [runs[end] for end in self._ends]

    def at(self, end: int) -> _Props:
        """Return the properties of the paragraph whose mark ends at byte `end`."""
        index = bisect.bisect_left(self._ends, end)
        if index < len(self._ends):
            return self._props[index]
        return _Props()


def _page_runs(page: bytes, data: bytes) -> dict[int, _Props]:
    """Read one PAPX page: each paragraph's end (a byte offset) and its properties."""
    runs = page[PAGE - 1]
    if runs == 0 or 4 * (runs + 1) + 13 * runs > PAGE - 1:
        return {}
    fcs = struct.unpack_from(f"<{runs + 1}I", page, 0)
    found = {}
    for index in range(runs):
        offset = page[4 * (runs + 1) + 13 * index] * 2
        props = _Props()
        if offset:
            props = _papx(page, offset, data)
        found[fcs[index + 1]] = props
    return found


def _papx(page: bytes, at: int, data: bytes) -> _Props:
    """Read a PapxInFkp: the style index, then the property modifiers."""
    if at >= PAGE - 1:
        return _Props()
    size = page[at]
    if size == 0:
        if at + 1 >= PAGE:
            return _Props()
        start, size = at + 2, 2 * page[at + 1]
    else:
        start, size = at + 1, 2 * size - 1
    grpprl = page[start : start + size]
    if len(grpprl) < 2:
        return _Props()
    (style,) = struct.unpack_from("<H", grpprl, 0)
    return _sprms(grpprl[2:], _Props(style=style), data)


def _modifiers(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield each property modifier (sprm) of a grpprl with its operand, up to the first that
    runs past its end."""
    at = 0
    while at + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == _DEF_TABLE:
                if at + 2 > len(grpprl):
                    return
                (length,) = struct.unpack_from("<H", grpprl, at)
                size = 2 + max(length - 1, 0)
            elif sprm == _CHANGE_TABS and at < len(grpprl) and grpprl[at] == 255:
                return  # its size is told inside; nothing read comes after it in practice
            else:
                if at >= len(grpprl):
                    return
                size = 1 + grpprl[at]
        else:
            size = _OPERAND[spra]
        operand = grpprl[at : at + size]
        at += size
        if len(operand) < size:
            return
        yield sprm, operand


def _sprms(grpprl: bytes, props: _Props, data: bytes) -> _Props:
    """Apply the paragraph property modifiers read."""
    values: dict[str, Any] = {}
    for sprm, operand in _modifiers(grpprl):
        if sprm == _IN_TABLE:
            values["in_table"] = operand[0] == 1
        elif sprm in (_ROW_END, _INNER_ROW_END):
            values["row_end"] = operand[0] == 1
        elif sprm == _INNER_CELL:
            values["inner_cell"] = operand[0] == 1
        elif sprm == _DEPTH:
            values["depth"] = int.from_bytes(operand, "little")
        elif sprm == _OUTLINE:
            values["outline"] = operand[0] + 1 if operand[0] < 9 else None
        elif sprm == _LIST:
            values["list"] = int.from_bytes(operand, "little")
        elif sprm == _LIST_LEVEL:
            values["level"] = operand[0]
        elif sprm == _HUGE_PAPX:
            (fc,) = struct.unpack_from("<I", operand, 0)
            if fc + 2 <= len(data):
                (length,) = struct.unpack_from("<H", data, fc)
                props = _sprms(data[fc + 2 : fc + 2 + length], props, b"")
    return dataclasses.replace(props, **values) if values else props
