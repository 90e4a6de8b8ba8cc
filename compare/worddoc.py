"""A Word 97-2003 document's streams (.doc: WordDocument, its table stream) -> its paragraphs.

Pure byte parsing after [MS-DOC]: the FIB gives the piece table (where each run of the main text
is stored, 8-bit or UTF-16) and the paragraph properties (heading style, outline level, table
cell and row ends). `compare.readers.read_doc` opens the compound file and renders the lines.
"""

from __future__ import annotations

import bisect
import dataclasses
import struct
from dataclasses import dataclass
from typing import Any

WORD_MAGIC = 0xA5EC
WORD97_NFIB = 0xC0  # Word 97 writes 0xC1; 0xC0 and 0xC2 come from other writers; Word 6/95 < 0xC0
PAGE = 512  # a formatted disk page (FKP) of properties

# Offsets into the FIB (FibBase, then fibRgLw97 and fibRgFcLcb97 at their Word 97 places).
_FLAGS = 0x0A
_ENCRYPTED = 0x0100
_TABLE_STREAM_1 = 0x0200  # fWhichTblStm: the table stream is 1Table, else 0Table
_OBFUSCATED = 0x8000
_CCP_TEXT = 0x4C
_STSHF = 0xA2
_PLCF_BTE_PAPX = 0x102
_CLX = 0x1A2

# Paragraph properties read (sprm codes).
_IN_TABLE = 0x2416
_ROW_END = 0x2417  # sprmPFTtp: the paragraph that ends a table row
_INNER_CELL = 0x244B
_INNER_ROW_END = 0x244C
_DEPTH = 0x6649  # sprmPItap: how deep in nested tables
_OUTLINE = 0x2640
_HUGE_PAPX = 0x6646  # the rest of the properties are in the Data stream
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
    outline: int | None = None  # an outline level 1-9 set on the paragraph itself
    in_table: bool = False
    cell_end: bool = False  # the paragraph ends a table cell
    row_end: bool = False  # the paragraph is the mark that ends a table row


@dataclass(frozen=True, slots=True)
class _Props:
    style: int = 0
    outline: int | None = None
    in_table: bool = False
    row_end: bool = False
    inner_cell: bool = False
    depth: int = 0


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
    if magic != WORD_MAGIC:
        raise _damaged("its WordDocument stream has no Word header")
    if nfib < WORD97_NFIB:
        raise DocError("a Word 6 or Word 95 document; save it as .docx or PDF")
    (flags,) = struct.unpack_from("<H", word, _FLAGS)
    if flags & (_ENCRYPTED | _OBFUSCATED):
        raise DocError("a password-protected Word document; remove the password first")
    return flags


def read_paragraphs(word: bytes, table: bytes, data: bytes = b"") -> list[Paragraph]:
    """Return the main text's paragraphs in order (headers, footnotes and comments left out),
    each with its style and table marks; raise DocError on streams that are no such document."""
    _fib_header(word)
    (ccp_text,) = struct.unpack_from("<i", word, _CCP_TEXT)
    pieces = _pieces(word, table)
    props = _PropsIndex(word, table, data)
    headings = _heading_styles(word, table)
    paragraphs: list[Paragraph] = []
    text: list[str] = []
    fields: list[bool] = []  # for each open field: whether its result has begun
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
        for offset, char in enumerate(chars):
            if char == FIELD_BEGIN:
                fields.append(False)
                continue
            if char == FIELD_SEPARATOR:
                if fields:
                    fields[-1] = True
                continue
            if char == FIELD_END:
                if fields:
                    fields.pop()
                continue
            if fields and not all(fields):  # a field's code, not its shown result
                continue
            if char == CELL or char in PARAGRAPH_ENDS:
                found = props.at(piece.fc + (offset + 1) * size)
                heading = headings.get(found.style)
                paragraphs.append(
                    _paragraph("".join(text), found, heading=heading, cell_mark=char == CELL)
                )
                text.clear()
                continue
            text.append(char)
    if text:
        paragraphs.append(Paragraph(text=_clean("".join(text))))
    return paragraphs


def _paragraph(text: str, props: _Props, *, heading: int | None, cell_mark: bool) -> Paragraph:
    row_end = cell_mark and props.row_end
    return Paragraph(
        text=_clean(text),
        heading=heading,
        outline=props.outline,
        in_table=props.in_table or cell_mark or props.depth > 0,
        cell_end=(cell_mark and not row_end) or props.inner_cell,
        row_end=row_end,
    )


def _clean(text: str) -> str:
    return text.translate(_DROPPED).replace(LINE_BREAK, "\n")


def _heading_styles(word: bytes, table: bytes) -> dict[int, int]:
    """Map the index of each style that is a built-in heading (sti 1-9) to its level."""
    fc, lcb = struct.unpack_from("<II", word, _STSHF)
    sheet = table[fc : fc + lcb]
    if len(sheet) < 4:
        return {}
    (header,) = struct.unpack_from("<H", sheet, 0)
    if header < 2 or 2 + header > len(sheet):
        return {}
    (count,) = struct.unpack_from("<H", sheet, 2)
    headings = {}
    at = 2 + header
    for index in range(count):
        if at + 2 > len(sheet):
            break
        (size,) = struct.unpack_from("<H", sheet, at)
        if size >= 2 and at + 4 <= len(sheet):
            (sti,) = struct.unpack_from("<H", sheet, at + 2)
            if 1 <= sti & 0x0FFF <= 9:
                headings[index] = sti & 0x0FFF
        at += 2 + size
    return headings


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


def _sprms(grpprl: bytes, props: _Props, data: bytes) -> _Props:
    """Apply the property modifiers read."""
    values: dict[str, Any] = {}
    at = 0
    while at + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == _DEF_TABLE:
                if at + 2 > len(grpprl):
                    break
                (length,) = struct.unpack_from("<H", grpprl, at)
                size = 2 + max(length - 1, 0)
            elif sprm == _CHANGE_TABS and at < len(grpprl) and grpprl[at] == 255:
                break  # its size is told inside; nothing read comes after it in practice
            else:
                if at >= len(grpprl):
                    break
                size = 1 + grpprl[at]
        else:
            size = _OPERAND[spra]
        operand = grpprl[at : at + size]
        at += size
        if len(operand) < size:
            break
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
        elif sprm == _HUGE_PAPX:
            (fc,) = struct.unpack_from("<I", operand, 0)
            if fc + 2 <= len(data):
                (length,) = struct.unpack_from("<H", data, fc)
                props = _sprms(data[fc + 2 : fc + 2 + length], props, b"")
    return dataclasses.replace(props, **values) if values else props
