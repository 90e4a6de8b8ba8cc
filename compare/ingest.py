"""File -> clean text: check the path, detect encoding and format, repair extraction damage.

The output (Document.text) holds one paragraph or heading per line; a second copy of the report
inside the same file is set aside with a warning.
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
import sys
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from compare.collector import collector_paused
from compare.errors import ReportNotFound, UnreadableInput
from compare.model import STDIN, STDIN_NAME, Source
from compare.patterns import regex
from compare.settings import Settings
from compare.words import counted


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """The repaired text of one file, where it came from, and what ingest noticed on the way."""

    text: str  # repaired text: one paragraph (or heading) per line, "\n" separated
    source: Source
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- reading a file


def read_input(path: Path, *, settings: Settings) -> tuple[str, bytes]:
    """Return the name a report goes by (as given; STDIN_NAME for "-") and its bytes; raise
    ReportNotFound or UnreadableInput (missing, a folder, too large, unreadable)."""
    if str(path) == STDIN:
        return STDIN_NAME, _read_stdin(settings)
    return str(path), _read_file(Path(path), settings)


@collector_paused()
def read_text(path: Path, *, settings: Settings, data: bytes | None = None) -> Document:
    """Read one report file (or its bytes, read_input's, when given) into repaired text; raise
    ReportNotFound or UnreadableInput."""
    name, data = read_input(path, settings=settings) if data is None else (str(path), data)
    if name == STDIN:
        name = STDIN_NAME
    path = Path(name)
    if not data:
        raise UnreadableInput(f"{name}: empty file")

    fmt = detect_format(data, path)
    if fmt == "mhtml":
        data, fmt = _mhtml_page(data, name), "html"
    elif fmt == "wordxml":
        raise UnreadableInput(
            f"{name}: a Word XML document (Word 2003 XML or flat XML), which is not read; "
            "save it as .docx"
        )
    encoding = "n/a"  # PDF, Word and RTF files carry their own text encoding
    decoding: tuple[str, ...] = ()  # what decoding noticed
    if fmt in ("pdf", "docx", "doc", "odt", "rtf"):
        readers = _readers(name, fmt)
        read = {
            "pdf": readers.read_pdf,
            "docx": readers.read_docx,
            "doc": readers.read_doc,
            "odt": readers.read_odt,
            "rtf": readers.read_rtf,
        }
        raw = read[fmt](data, path)
    else:
        raw, encoding, decoding = decode_bytes(data, path=path, html=fmt == "html")
        if fmt == "html":
            raw = _readers(name, fmt).read_html(raw, path)
        elif fmt == "md":
            raw = read_markdown(without_front_matter(raw))
    if not raw.strip():
        what = "only whitespace" if fmt in ("txt", "md") else f"no text found in the {fmt} file"
        raise UnreadableInput(f"{name}: empty file ({what})")

    lines = _repair_lines(raw)
    total = _count_lines(raw)
    kept, warnings = _split_renditions(lines, total_lines=total)
    warnings = decoding + warnings
    text = "\n".join(line.text for line in kept)
    if not text.strip():
        raise UnreadableInput(
            f"{name}: empty file (nothing but page numbers and invisible characters)"
        )
    return Document(
        text=text,
        source=Source(path=name, format=fmt, encoding=encoding),
        warnings=warnings,
    )


def _read_file(path: Path, settings: Settings) -> bytes:
    """Return a file's bytes; raise ReportNotFound or UnreadableInput (missing, a folder, too
    large, unreadable).

    At most the size limit is read, whatever the file's size says: a pipe (`<(pdftotext …)`), a
    device such as /dev/zero, or a file still growing gives its size as 0 or less than it is.
    """
    name = str(path)
    limit = settings.max_input_bytes
    if not path.exists():
        raise ReportNotFound(f"{name}: no such file")
    if path.is_dir():
        raise UnreadableInput(f"{name}: is a directory, not a file")
    try:
        size = path.stat().st_size
        if size > limit:
            raise UnreadableInput(f"{name}: too large ({size:,} bytes; the limit is {limit:,})")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableInput(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise UnreadableInput(f"{name}: too large (more than {limit:,} bytes, the limit)")
    return data


def _read_stdin(settings: Settings) -> bytes:
    """Return what is piped into standard input, refusing a terminal (it would wait) and more
    than the size limit."""
    if sys.stdin is None or sys.stdin.isatty():
        raise UnreadableInput(
            f"{STDIN_NAME}: nothing is piped in; give a file, or pipe a report into '-'"
            " (pdftotext report.pdf - | compare check -)"
        )
    data = sys.stdin.buffer.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        raise UnreadableInput(
            f"{STDIN_NAME}: too large (more than {settings.max_input_bytes:,} bytes, the limit)"
        )
    return data


def _mhtml_page(data: bytes, name: str) -> bytes:
    """Return the page a web archive (MHTML) holds, decoded from its transfer encoding and in
    UTF-8 when its part names a charset it reads in; raise UnreadableInput when there is none."""
    import email  # a web archive's parts, read only for one (the package takes ~15 ms to load)
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        page = part.get_payload(decode=True)
        if not isinstance(page, bytes):
            continue
        charset = part.get_content_charset()
        if charset:
            try:
                return page.decode(charset).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                pass  # named wrong: its bytes are read as a page's are
        return page
    raise UnreadableInput(f"{name}: a web archive (MHTML) that holds no HTML page")


def _readers(name: str, fmt: str) -> ModuleType:
    """Import compare.readers (the PDF / Word / HTML readers) or explain why it cannot be used."""
    try:
        from compare import readers
    except ImportError as exc:
        raise UnreadableInput(
            f"{name}: reading {fmt} files needs the optional readers ({exc}); "
            "install with pip install -e '.[formats]'"
        ) from exc
    return readers


# --------------------------------------------------------------------------- format


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, .xls, .ppt
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_HTML_START = regex(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_MD_HEADING = regex(r"^#{1,6} \S", re.M)


# A web archive (MHTML: Word's "single file web page", saved as .mht or .doc, a browser's
# .mhtml): MIME headers, then the page and its pictures as parts of a multipart/related message.
_MHTML_START = regex(
    r"\s*(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?content-type:\s*multipart/related", re.I
)
# Word's XML formats (Word 2003 XML, and Word 2007's flat XML): one XML file, as .xml or .doc.
_WORD_XML = regex(
    r"\s*<\?xml[^>]*>\s*(?:<\?mso-application\s+progid=\"Word\.Document\"|<w:wordDocument\b)",
    re.I,
)


def detect_format(data: bytes, path: Path) -> str:
    """Return txt, md, html, pdf, docx, doc, odt or rtf, judged by the content first and the
    extension second; or mhtml (a web archive, read as its page) or wordxml (refused)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(_OLE_MAGIC):
        return "doc"  # the Word 97-2003 reader says what any other compound file is
    suffix = Path(path).suffix.lower()
    if data.startswith(_ZIP_MAGIC) and _is_docx(data, named=suffix == ".docx"):
        return "docx"
    if data.startswith(_ZIP_MAGIC) and _is_odt(data):
        return "odt"
    sample = _peek_text(data[:8192])
    if _HTML_START.match(sample):
        return "html"
    if _MHTML_START.match(sample):
        return "mhtml"
    if _WORD_XML.match(sample):
        return "wordxml"
    if suffix in (".html", ".htm", ".xhtml") and re.search(r"<(?:body|p|div|h1)\b", sample, re.I):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    if _MD_HEADING.search(sample):
        return "md"
    return "txt"


# A Markdown file's front matter, as static-site tools and note apps write it at its very start:
# YAML between --- lines (or --- and ...), or TOML between +++ lines. Page settings, not text.
_FRONT_MATTER = regex(
    r"\A(\ufeff?[ \t]*(---|\+\+\+)[ \t]*\n)(.*?\n)?(?:\2|\.\.\.)[ \t]*$", re.S | re.M
)
_FRONT_TITLE = regex(r"^title[ \t]*[:=][ \t]*([\"']?)(.+?)\1[ \t]*$", re.M)
# A line of front matter: a key (title: …, date = …), or a value's continuation (indented, or
# an item "- …"). A file that opens with a rule (---) and text is no front matter.
_FRONT_LINE = regex(r"[\w.-]+[ \t]*[:=]|[ \t]|-[ \t]|\s*$")


def without_front_matter(text: str) -> str:
    """Return Markdown text with its front matter blanked (its lines kept as empty lines, so
    that line numbers hold). Its title is put in its last line when no title heading (# …)
    follows: the report's title is then its first line, as in a file without front matter."""
    found = _FRONT_MATTER.match(text)
    if not found or not all(map(_FRONT_LINE.match, (found.group(3) or "").splitlines())):
        return text
    rest = text[found.end() :]
    blank = "\n" * found.group(0).count("\n")
    title = _FRONT_TITLE.search(found.group(3) or "")
    if title and not rest.lstrip().startswith(("# ", "#\t")):  # no title heading of its own
        return f"{blank}{title.group(2)}{rest}"
    return blank + rest


# A pipe table's delimiter row, under its head row: |---|:---:|---:| (a pipe at least, so that a
# rule --- is none).
_MD_DELIMITER = regex(r"\|?[ \t]*:?-+:?(?:[ \t]*\|[ \t]*:?-+:?)*[ \t]*\|?")
# A list item's marker: "- ", "* ", "+ ", "1. ", "1) " (not a year: "2023. " starts a line of
# a paragraph wrapped there).
_MD_LIST_MARKER = regex(r"[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]+(?=\S)")


def read_markdown(text: str) -> str:
    """Return a Markdown report's text as the page it renders to is read (readers.read_html):
    a pipe table's rows as `cell | cell` lines (its delimiter row left out), list items without
    their markers (- 新建学校12所: 新建学校12所), HTML comments left out. Headings (# …) are
    read as they are. Lines left out stay as empty lines, so that line numbers hold.

    A list starts after a blank line or a heading and holds two items at least, with no text
    between them: a lone marker ("… a one-off GST Voucher" over "- Cash Special Payment and …")
    starts a line of a paragraph wrapped there, as in text read as Markdown for its # heading
    (a speech's).
    """
    text = _without_comments(text)
    lines = text.split("\n")
    in_table = False
    listed = True  # a list may start or go on here
    items: list[tuple[int, int]] = []  # the lines that may be list items, and their text's start
    for k, line in enumerate(lines):
        if in_table and "|" in line and line.strip():
            lines[k] = _md_row(line)
        elif k and "|" in line and "|" in lines[k - 1] and _MD_DELIMITER.fullmatch(line.strip()):
            lines[k - 1], lines[k] = _md_row(lines[k - 1]), ""
            in_table = True
        else:
            in_table = False
            marker = _MD_LIST_MARKER.match(line) if listed else None
            if marker:
                items.append((k, marker.end()))
            listed = marker is not None or not line.strip() or line.lstrip().startswith("#")
    listed_items: set[int] = set()
    for (before, _), (after, _) in itertools.pairwise(items):
        if not any(lines[k].strip() for k in range(before + 1, after)):
            listed_items |= {before, after}
    for k, start in items:
        if k in listed_items:
            lines[k] = lines[k][start:]
    return "\n".join(lines)


def _md_row(line: str) -> str:
    """Return a pipe table's row as a `cell | cell` line: "| 学校数 | 370所 |" -> 学校数 | 370所."""
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return " | ".join(cell.strip() for cell in row.split("|"))


def _without_comments(text: str) -> str:
    """Return text with its HTML comments (<!-- … -->, to the end when never closed) left out,
    as a page shows it (前文<!-- … -->后文: 前文后文); the line breaks a comment held are put
    after the line it ends in, so that the lines after it keep their numbers."""
    start = text.find("<!--")
    if start < 0:
        return text
    pieces = []
    done = owed = 0  # owed: the line breaks of the comments not yet put back

    def put(piece: str) -> None:
        nonlocal owed
        if owed and (at := piece.find("\n")) >= 0:
            piece, owed = piece[:at] + "\n" * owed + piece[at:], 0
        pieces.append(piece)

    while start >= 0:
        put(text[done:start])
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        owed += text.count("\n", start, end)
        done = end
        start = text.find("<!--", done)
    put(text[done:])
    pieces.append("\n" * owed)
    return "".join(pieces)


def _is_odt(data: bytes) -> bool:
    """Tell whether zip bytes hold an OpenDocument text (its mimetype member says so)."""
    if _ODT_MIMETYPE in data[:128]:
        return True  # the mimetype, an OpenDocument file's first member, stored as is
    try:
        # (Read no further than its start: the member may be a zip bomb.)
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("mimetype") as member:
            return member.read(len(_ODT_MIMETYPE)) == _ODT_MIMETYPE
    # (A damaged archive, or one of a compression Python does not read.)
    except (
        KeyError,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ):
        return False


def _is_docx(data: bytes, *, named: bool) -> bool:
    """Tell whether zip bytes hold a Word document (word/document.xml). An archive that cannot
    be opened (damaged, or of a zip version Python does not read) is one when `named` so: the
    Word reader then says what is wrong with it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return named


# What an archive that is no Word document is, told by a file it holds: the kind, and what to
# do about it.
_ZIP_KINDS = (
    ("content.xml", "an OpenDocument spreadsheet or presentation; save it as PDF"),
    ("xl/workbook.xml", "an Excel workbook; a report is read from .docx, PDF, HTML or text"),
    ("ppt/presentation.xml", "a PowerPoint file; save it as PDF"),
)


def _zip_kind(data: bytes) -> str:
    """Say what a zip archive that is not a Word document is."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError):
        return "a damaged zip archive"
    except (OSError, ValueError, NotImplementedError):  # a zip version Python does not read
        return "a zip archive that is not a Word document"
    for member, kind in _ZIP_KINDS:
        if member in names:
            return kind
    return "a zip archive that is not a Word document"


def _peek_text(head: bytes) -> str:
    """Decode the start of a file leniently, only to look at its first characters."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


# --------------------------------------------------------------------------- encoding

_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "a damaged Office file whose header is cut short"),
)
_CONTROL = regex(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_bytes(
    data: bytes, *, path: Path, html: bool = False
) -> tuple[str, str, tuple[str, ...]]:
    """Decode file bytes to text; return (text, encoding name, warnings) or raise
    UnreadableInput.

    Accepted: UTF-8 with or without BOM, UTF-16 and UTF-32 with BOM (UTF-16 without one too:
    see _utf16_unmarked), GB18030 / GBK / GB2312 (reported as "gb18030"), Big5, and
    mostly-ASCII Windows-1252 (see _guess_encoding). UTF-8 with a few damaged bytes (a file
    cut off inside a character, a stray byte) is read with each damaged run as U+FFFD, and a
    warning says so (see _damaged); so is GB18030 or Big5 with a few damaged bytes (see
    _guess_encoding). An HTML page that is not UTF-8 is read in the encoding it declares, if
    the bytes read in it (see _declared).
    """
    name = str(path)
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name), encoding, ()
            except UnicodeDecodeError as exc:
                raise UnreadableInput(
                    f"{name}: cannot decode the text (it starts like {encoding} but byte "
                    f"{exc.start} is not)"
                ) from exc
    if data.startswith(_ZIP_MAGIC):
        raise UnreadableInput(f"{name}: not a text file ({_zip_kind(data)})")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise UnreadableInput(f"{name}: not a text file ({what})")
    if b"\x00" in data:
        unmarked = _utf16_unmarked(data)
        if unmarked is None:
            return _without_stray_nuls(data, path=path, html=html)
        return _checked(unmarked[0], name), unmarked[1], ()
    try:
        return _checked(data.decode("utf-8"), name), "utf-8", ()
    except UnicodeDecodeError as exc:
        first = exc.start
    declared = _declared(data) if html else None
    if declared is not None:
        try:
            return _checked(data.decode(declared), name), declared, ()
        except UnicodeDecodeError:
            pass  # declared wrong: read as any other text
    damaged = _damaged(data, "utf-8", first)
    if damaged is not None:
        return _checked(damaged[0], name), "utf-8", (damaged[1],)
    guessed = _guess_encoding(data)
    if guessed is not None:
        text, encoding, warnings = guessed
        return _checked(text, name), encoding, warnings
    raise UnreadableInput(
        f"{name}: cannot decode the text (not UTF-8, UTF-16, GB18030, Big5 or Windows-1252); "
        "save it as UTF-8"
    )


# Text with a few stray NUL bytes (a damaged copy, an export that pads a field) is text: when at
# most this share of its bytes are NUL, it is read with them dropped. A program's, a database's
# or an image's bytes hold many more, and compressed data, whose share is about 1 in 256, does
# not read as text once they are dropped.
STRAY_NUL_SHARE = 0.01


def _without_stray_nuls(data: bytes, *, path: Path, html: bool) -> tuple[str, str, tuple[str, ...]]:
    """Decode text with a few stray NUL bytes without them, with a warning that says so; refuse
    binary data (too many NUL bytes, or what is left is no text)."""
    nuls = data.count(0)
    if nuls <= STRAY_NUL_SHARE * len(data):
        try:
            text, encoding, warnings = decode_bytes(
                data.replace(b"\x00", b""), path=path, html=html
            )
        except UnreadableInput:
            pass
        else:
            dropped = f"{counted(nuls, 'NUL byte')} dropped (the first at byte {data.index(0):,})"
            return text, encoding, (dropped, *warnings)
    raise UnreadableInput(f"{path}: not a text file (binary data)")


# UTF-16 without a byte order mark (as some exports write it): of its readings, little- and
# big-endian, the one that is at least this share text (ASCII, Chinese, pinyin, dashes and
# quotes) and the more of it. Binary data read as UTF-16 is characters of every script, if it
# reads at all (a lone surrogate ends it); the other order of real text is rare characters.
UTF16_TEXT_SHARE = 0.95


def _utf16_unmarked(data: bytes) -> tuple[str, str] | None:
    """Return (text, encoding) for UTF-16 bytes without a byte order mark, else None."""
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        counts = Counter(text)
        share = sum(n for ch, n in counts.items() if _text_like(ch)) / max(1, len(text))
        if share >= UTF16_TEXT_SHARE and (best is None or share > best[0]):
            best = (share, text, encoding)
    return None if best is None else (best[1], best[2])


def _text_like(ch: str) -> bool:
    """Tell whether a character is one a report's text is mostly made of."""
    if ch.isascii():
        return ch.isprintable() or ch in "\t\n\r"
    return ch in _PUNCT or ch in _PINYIN or _common_gb(ch) or _common_big5(ch)


# Text with a few damaged bytes: at least this many characters past ASCII read well for each
# damaged run. Text in another encoding read as UTF-8 is damaged at nearly every character past
# ASCII: of 40,000 slices (20-2,000 bytes) of the corpus and the seeds written in GBK, Big5,
# Shift-JIS, EUC-KR, UTF-16 or Latin-1, the most that read well was 2 a run.
CHARACTERS_PER_DAMAGE = 10
_REPLACED = regex("\ufffd+")  # a damaged run: one byte lost inside a character is up to three
_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5"}


def _damaged(data: bytes, encoding: str, first: int) -> tuple[str, str] | None:
    """Return (text, warning) for bytes in `encoding` with a few runs that are not (a file cut
    off inside a character, a stray byte; the first at byte `first`), each read as U+FFFD; None
    when the bytes are not in `encoding` (too few characters past ASCII read well for each run
    damaged)."""
    text = data.decode(encoding, errors="replace")
    try:
        written = data.count("\ufffd".encode(encoding))  # U+FFFD as the file has it
    except UnicodeEncodeError:
        written = 0
    runs = len(_REPLACED.findall(text)) - written
    wide = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if wide < CHARACTERS_PER_DAMAGE * runs:
        return None
    where = f"{counted(runs, 'place')} (the first at byte {first:,})"
    return text, f"bytes not {_NAMES[encoding]} in {where}, read as \ufffd"


# A page's <meta charset> or <meta http-equiv="Content-Type" content="…; charset=…">, looked for
# in its first 1,024 bytes as browsers do, and the encodings it may name that are read (the
# names browsers read as GBK, Big5 and Windows-1252 alike).
_META_CHARSET = regex(r"""<meta\b[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_CHARSETS = {
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "gb18030", "chinese", "csgb2312"), "gb18030"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"), "big5"),
    **dict.fromkeys(("windows-1252", "iso-8859-1", "latin1", "us-ascii", "cp1252"), "cp1252"),
}


def _declared(data: bytes) -> str | None:
    """Return the encoding an HTML page declares, if it is one that is read, else None."""
    found = _META_CHARSET.search(data[:1024].decode("latin-1"))
    return _CHARSETS.get(found.group(1).lower()) if found else None


# Bytes that are not UTF-8 and mostly ASCII (at least this share) are read as Windows-1252,
# unless a Chinese reading of them is at least COMMON_SHARE common characters (an English report
# with a few Chinese names in GBK): Windows-1252's quotes and accented letters read as GBK are
# rare characters, if they read at all.
LATIN_ASCII = 0.9
COMMON_SHARE = 0.9
# A Chinese reading of fewer common characters than this share is no reading (Japanese in
# Shift-JIS read as GB18030 scores 0; Chinese in its own encoding at least 0.67 in slices of 5
# characters or more, and 0.93 in slices of 20 or more).
LEAST_COMMON_SHARE = 0.5
_PAST_ASCII = bytes(range(0x80, 0x100))


def _guess_encoding(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """Return (text, encoding, warnings) for non-UTF-8 bytes in an accepted encoding, else None.

    Chinese bytes may read as both GB18030 and Big5: of the readings that are mostly Chinese,
    the one whose characters are the more common in their encoding wins (see _common_share),
    GB18030 on a tie. A reading with a few damaged bytes (see _damaged) is a reading, with a
    warning. charset-normalizer had guessed: of slices (2 to 1,000 characters, a third after
    English lines) of the seeds and the national and Shanghai reports, it read 326 of 2,821 in
    GBK otherwise (mostly as Big5) and refused 33; it refused 453 of 1,992 in Big5 (taken for
    UTF-16 or Korean) and misread 28; and it took English with curly quotes in Windows-1252
    for Central European, refused. Now 11 in GBK are misread (10 of them two characters whose
    bytes are UTF-8 as well) and 17 in Big5 (16 of them ties of two to five characters, read
    as GBK), none refused.
    """
    readings: dict[str, tuple[str, tuple[str, ...]]] = {}
    shares: dict[str, float] = {}
    for encoding in ("gb18030", "big5"):
        warnings: tuple[str, ...] = ()
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            damaged = _damaged(data, encoding, exc.start)
            if damaged is None:
                continue
            text, warnings = damaged[0], damaged[1:]
        wide = _wide(text)
        share = _common_share(wide, encoding)
        if _mostly_chinese(wide) and share >= LEAST_COMMON_SHARE:
            readings[encoding], shares[encoding] = (text, warnings), share
    chinese = max(shares, key=lambda e: (shares[e], e == "gb18030"), default=None)
    plain = len(data.translate(None, _PAST_ASCII))  # the bytes past ASCII deleted
    if plain >= LATIN_ASCII * len(data) and (chinese is None or shares[chinese] < COMMON_SHARE):
        try:
            return data.decode("cp1252"), "cp1252", ()
        except UnicodeDecodeError:
            pass  # one of the five bytes Windows-1252 leaves undefined
    if chinese is not None:
        return readings[chinese][0], chinese, readings[chinese][1]
    return None


def _wide(text: str) -> Counter[str]:
    """Return how often each character past ASCII occurs in a text."""
    return Counter({ch: n for ch, n in Counter(text).items() if ord(ch) > 0x7F})


def _common_share(wide: Counter[str], encoding: str) -> float:
    """Return the share of the characters past ASCII (`wide`: but dashes, quotes and ellipses)
    of a reading of bytes that are common in its encoding: GB2312's symbols and its first level
    of characters (the 3,755 most used), or Big5's symbols and its common characters (5,401). A
    reading in the wrong encoding is mostly rare characters: GBK read as Big5 scores 0.6 in the
    median, Big5 read as GB18030 0.39, and each in its own encoding 1.0 (in slices of 20
    characters or more, at least 0.93; slices of the seeds and the national and Shanghai
    reports, Big5 made by OpenCC's s2t)."""
    common = _COMMON[encoding]
    counted = [(ch, n) for ch, n in wide.items() if ch not in _PUNCT]
    total = sum(n for _, n in counted)
    return sum(n for ch, n in counted if common(ch)) / total if total else 1.0


def _common_gb(ch: str) -> bool:
    try:
        code = ch.encode("gbk")  # GB2312 is GBK's lead and trail bytes from A1 on
    except UnicodeEncodeError:
        return False
    return (
        len(code) == 2 and code[1] >= 0xA1 and (0xA1 <= code[0] <= 0xA9 or 0xB0 <= code[0] <= 0xD7)
    )


def _common_big5(ch: str) -> bool:
    try:
        lead = ch.encode("big5")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xC6


_COMMON = {"gb18030": _common_gb, "big5": _common_big5}


_PUNCT = frozenset("·" + "".join(map(chr, range(0x2010, 0x2028))))  # dashes, quotes, ellipses
_PINYIN = frozenset("āáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜ")  # GB2312 has them: Chinese text may too


def _mostly_chinese(wide: Counter[str]) -> bool:
    """Tell whether the characters past ASCII of decoded text (`wide`) are mostly Chinese (or
    pinyin, or the dashes, quotes and ellipses of English text around a Chinese name)."""
    total = wide.total()
    chinese = sum(
        n for ch, n in wide.items() if _HAN_OR_PUNCT.match(ch) or ch in _PUNCT or ch in _PINYIN
    )
    return chinese >= 0.9 * total


def _checked(text: str, name: str) -> str:
    """Refuse decoded text full of control characters (binary data that happened to decode)."""
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise UnreadableInput(f"{name}: not a text file (binary data)")
    return text


# --------------------------------------------------------------------------- characters

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"
_HAN_RE = regex(f"[{_HAN}]")
_HAN_OR_PUNCT = regex(f"[{_HAN}{_CJK_PUNCT}]")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_FULLWIDTH_ALNUM_CHARS = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05"
# What a PDF extractor writes for ―― (two U+2015) and the middle dot.
_EXTRACTED = {"――": "——", "・": "·", "･": "·"}
_ZERO_WIDTH = regex(f"[{_INVISIBLE_CHARS}]")
_OTHER_BREAKS = regex("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_HARD_BREAKS = regex("[\x0c\x1c\x1d\x1e\x85\u2029]")
# A line break inside a paragraph (U+2028, as the readers write Word's w:br, ODF's
# text:line-break and HTML's <br>; Word's vertical tab in copied text).
_SOFT_BREAKS = regex("[\x0b\u2028]")
_FULLWIDTH_ALNUM = regex(f"[{_FULLWIDTH_ALNUM_CHARS}]")
_FULLWIDTH_DOT = regex(r"(?<=\d)\uff0e(?=\d)")
# Any character _normalize_chars may change: most lines hold none and are returned as they are.
_TO_NORMALIZE = regex(f"[{_INVISIBLE_CHARS}{_FULLWIDTH_ALNUM_CHARS}\uff0e{''.join(_EXTRACTED)}]")
_WIDE_SPACE = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_CJK_GAP = regex(f"(?<=[{_HAN}{_CJK_PUNCT}])[ {_WIDE_SPACE}]+(?=[{_HAN}{_CJK_PUNCT}])")
# Full-width punctuation carries its own spacing: a space beside it is always stray.
_PUNCT_GAP = regex(
    f"(?<=[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20])[ {_WIDE_SPACE}]+"
    f"|[ {_WIDE_SPACE}]+(?=[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20])"
)
# Any space: without one a line has no gap to drop and no run to collapse.
_SPACE = regex(f"[ {_WIDE_SPACE}]")
# Runs of two or more spaces, or any space other than " " (one plain space is left alone).
_SPACES = regex(f"[{_WIDE_SPACE}][ {_WIDE_SPACE}]*| [ {_WIDE_SPACE}]+")
# A paragraph break flattened into one long line: (a space and) two or more indent characters.
_FLAT_BREAK = regex(r"(?<=\S)[ \t\u00a0]*[\u3000\u2003]{2,}(?=\S)")
_INDENT = regex(r"^(?:[\u3000\u2003]{2}|\t|\u00a0{2}| {4})")


def _normalize_chars(line: str) -> str:
    """Drop invisible characters and turn full-width digits, letters and % half-width."""
    if line.isascii() or not _TO_NORMALIZE.search(line):
        return line
    line = _ZERO_WIDTH.sub("", line)
    line = _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), line)
    if "\uff0e" in line:
        line = _FULLWIDTH_DOT.sub(".", line)
    for extracted, written in _EXTRACTED.items():
        line = line.replace(extracted, written)
    return line


def _tidy(paragraph: str) -> str:
    """Strip, drop spaces between Chinese characters and collapse other runs of spaces."""
    if paragraph.isascii():
        return _SPACES.sub(" ", paragraph).strip()
    paragraph = _normalize_chars(paragraph)  # again: a ―― may have been split across lines
    if not _SPACE.search(paragraph):
        return paragraph.strip()  # no space to drop or collapse (Chinese text often has none)
    if _HAN_OR_PUNCT.search(paragraph):
        paragraph = _PUNCT_GAP.sub("", _CJK_GAP.sub("", paragraph))
    return _SPACES.sub(" ", paragraph).strip()


# --------------------------------------------------------------------------- line classes

_TERMINAL = "。！？；：.!?;:…"
_CLOSING = "”’」』）)]】\"'》"
_CONTINUES = "，。、；：？！）》」』】〕”’%‰℃,.;:?!)]}…"
_OPENS = "（《「『【〔“‘([{，、,"
_HEADING = regex(
    r"""^(?:
        [一二三四五六七八九十百零〇]+、
      | [（(][一二三四五六七八九十百]+[）)]
      | [（(]\d{1,2}[）)]
      | [一二三四五六七八九十]+是
      | 第[一二三四五六七八九十]+[，,、]
      | 第[一二三四五六七八九十百零〇\d]+[章节節篇部编編]
      | 第[一二三四五六七八九十]+部分
      | \d{1,2}[.．、](?!\d)
      | \#{1,6}\s
      | PART\s+[IVX]+\b
      | (?i:item)\s+\d{1,2}[A-C]?\.
    )""",
    re.X,
)
_FRAGMENT = regex(rf"^[^\s{_HAN + _CJK_PUNCT}]{{1,12}}$")
_TABLE_ROW = " | "
_HEADING_MAX = 39  # a numbered line of 40 or more is a paragraph wrapped at a PDF line width
_HEADING_LONGEST = 100  # a wrapped numbered heading up to this long (as outline._MAX_HEADING)


def _is_heading(text: str) -> bool:
    """Tell whether a line reads as a heading: numbered like one, short, no sentence end in it."""
    match = _HEADING.match(text) if len(text) <= _HEADING_MAX else None
    return match is not None and not any(ch in _TERMINAL for ch in text[match.end() :])


def _starts_like_heading(text: str) -> bool:
    """Tell whether a line starts with heading numbering (one that opens a section or item)."""
    return bool(_HEADING.match(text))


def _is_closed(text: str) -> bool:
    """Tell whether a line ends a sentence (so a paragraph may end after it)."""
    if not text:
        return False
    last = text[-1]
    if last in _TERMINAL:
        return True
    return last in _CLOSING and len(text) > 1 and text[-2] in _TERMINAL


def _is_fragment(text: str) -> bool:
    """Tell whether a line is a short non-Chinese token: a number, 89.5%, TOP10, 1+X, ――."""
    return bool(_FRAGMENT.match(text))


# --------------------------------------------------------------------------- page furniture

_FOOTER = regex(
    r"""^(?:
        [-—–―－]\s*\d{1,4}\s*[-—–―－]
      | 第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?
      | 共\s*\d{1,4}\s*页\s*[，,]?\s*第\s*\d{1,4}\s*页
      | (?i:page)\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?
    )$""",
    re.X,
)
_DIGITS = regex(r"\d+")
# A page number stands at either end of a footer line, apart from other digits: not 1,049 or $3.5.
_FIRST_PAGE_NUMBER = regex(r"^\D*?(?<![\d.,$])(\d{1,4})(?![\d.,%])")
_LAST_PAGE_NUMBER = regex(r"(?<![\d.,$])(\d{1,4})(?![\d.,%])\D*$")
_PAGE_MARK = regex(r"\||页|page|/|—|-|·", re.I)


def _furniture(lines: list[str], edges: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """Return the indexes of page footers, page numbers and running headers among stripped lines;
    `edges`: the lines next to a page break (a form feed)."""
    drop = {i for i, text in enumerate(lines) if text and _FOOTER.match(text)}
    content = [i for i, text in enumerate(lines) if text and i not in drop]
    # Footers that repeat with a rising page number: "Apple Inc. | 2017 Form 10-K | 60", "3/10".
    shapes: dict[str, list[int]] = {}
    for i in content:
        text = lines[i]
        if len(text) <= 80 and not text.isdecimal() and len(_DIGITS.findall(text)) <= 3:
            shapes.setdefault(_DIGITS.sub("#", text), []).append(i)
    place = {i: k for k, i in enumerate(content)}
    for shape, where in shapes.items():
        if len(where) < 3 or not _PAGE_MARK.search(shape.replace("#", "")):
            continue
        if any(place[b] == place[a] + 1 for a, b in zip(where, where[1:], strict=False)):
            continue  # lines one after another: a table's rows by year (2019 | 8,863), not pages
        for pattern in (_FIRST_PAGE_NUMBER, _LAST_PAGE_NUMBER):
            found = [pattern.search(lines[i]) for i in where]
            if all(found) and _rising([int(m.group(1)) for m in found if m]):
                drop.update(where)
    # A running header repeating the title line.
    if content:
        title = "".join(lines[content[0]].split())
        repeats = [i for i in content if "".join(lines[i].split()) == title]
        if len(title) <= 60 and len(repeats) >= 3:
            drop.update(repeats[1:])
    # Lone page numbers between paragraphs (never inside a sentence: 达 / 382 / 所 is content),
    # or at a page break, there inside a sentence too (加强中 / 2 / form feed / 小学生).
    content = [i for i in content if i not in drop]
    lone: list[int] = []
    for k, i in enumerate(content):
        if not (lines[i].isdecimal() and len(lines[i]) <= 4):
            continue
        if i in edges:
            lone.append(i)
            continue
        before = lines[content[k - 1]] if k > 0 else ""
        after = lines[content[k + 1]] if k + 1 < len(content) else ""
        ends = not before or _is_closed(before) or _is_heading(before)
        starts = not after or after[0] not in _CONTINUES
        if ends and starts:
            lone.append(i)
    if len(lone) >= 3 and _rising([int(lines[i]) for i in lone]):
        drop.update(lone)
    return drop


def _cut_short(text: str, full: int) -> bool:
    """Tell whether a line stops inside a sentence at the page's end: no sentence end, and as
    long as a wrapped line (a heading's last line, or a paragraph's, stops short)."""
    return not _is_closed(text) and len(text) >= 0.9 * full


def _rising(numbers: list[int]) -> bool:
    """Tell whether page numbers rise through the document (strictly, in small steps)."""
    steps = [b - a for a, b in zip(numbers, numbers[1:], strict=False)]
    return all(0 < step <= 5 for step in steps)


# --------------------------------------------------------------------------- repair


@dataclass(slots=True)
class _Line:
    """A line of text with the span of input lines (1-based) it was made from."""

    text: str
    first: int
    last: int
    gap: int = 0  # blank lines between this line and the previous one
    indented: bool = False


def repair_text(text: str) -> str:
    """Undo PDF-extraction and web-copy damage: one paragraph or heading per line, no blanks.

    Pure and idempotent; never drops or reorders content except page footers and page numbers.
    """
    return "\n".join(line.text for line in _repair_lines(text))


def _repair_lines(text: str) -> list[_Line]:
    """Repair text into lines that remember which input lines they came from."""
    raw = _input_lines(text)
    lines = _join(raw)
    for _ in range(3):  # repeat to a fixed point, which makes repair_text idempotent
        again = _join([_Line(line.text, line.first, line.last) for line in lines], tidy=False)
        if [line.text for line in again] == [line.text for line in lines]:
            break
        lines = again
    return lines


def _count_lines(text: str) -> int:
    """Count the lines of text as an editor numbers them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def _input_lines(text: str) -> list[_Line]:
    """Split text into numbered lines, dropping page furniture and measuring blank gaps."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pieces: list[tuple[str, int, bool]] = []  # (text, line number, indented)
    other_breaks = _OTHER_BREAKS.search(text) is not None  # rare: most texts have none
    # The pieces next to a page break (a form feed, as pdftotext writes one after each page):
    # the last before it and the first after it.
    edges: set[int] = set()
    after_break = False
    for number, line in enumerate(text.split("\n"), start=1):
        line = _normalize_chars(line)
        parts: list[str] = []
        breaks: set[int] = set()  # the parts a page break follows
        if other_breaks:
            first = not any(piece[0] for piece in pieces)
            for k, between in enumerate(line.split("\x0c")):
                if k:
                    if parts:
                        breaks.add(len(parts) - 1)
                    else:
                        last = next(
                            (j for j in range(len(pieces) - 1, -1, -1) if pieces[j][0]), None
                        )
                        if last is not None:
                            edges.add(last)
                    after_break = True
                parts.extend(p for p in _broken_line(between, first=first and k == 0) if p.strip())
        elif line.strip():
            parts = [line]
        if not parts:
            pieces.append(("", number, False))
        for at, part in enumerate(parts):
            flat = "\u3000" in part or "\u2003" in part
            for k, chunk in enumerate(_FLAT_BREAK.split(part) if flat else [part]):
                indented = k > 0 or bool(_INDENT.match(chunk))
                if after_break and chunk.strip() and (at - 1 in breaks or at == 0):
                    edges.add(len(pieces))
                    after_break = False
                pieces.append((chunk.strip(), number, indented))
            if at in breaks:
                edges.add(len(pieces) - 1)
    stripped = [p[0] for p in pieces]
    drop = _furniture(stripped, edges)
    full = _median([len(text) for text in stripped if text])  # a wrapped line's length
    lines: list[_Line] = []
    blank = pending = 0
    dropped = False
    for i, (chunk, number, indented) in enumerate(pieces):
        if i in drop:
            pending, blank, dropped = max(pending, blank), 0, True
            continue
        if not chunk:
            blank += 1
            continue
        gap = max(pending, blank)
        if dropped and lines and _cut_short(lines[-1].text, full):
            # A footer inside a sentence ("…加强中", blank, "- 2 -", form feed, "小学生…"): the
            # blank lines about it are the page's; the line is as far from the last as that
            # one was from its own (a wrapped line's gap).
            gap = min(gap, lines[-1].gap)
        lines.append(_Line(chunk, number, number, gap, indented))
        blank = pending = 0
        dropped = False
    if lines:
        lines[0].first = 1
    return lines


def _broken_line(line: str, *, first: bool) -> list[str]:
    """Split a line at its other line breaks: at a page or paragraph break, and at a soft line
    break (Shift+Enter in Word, <br>) but inside a sentence (新增学位 / 8,000个。 is one). Two
    soft breaks in a row leave a blank line: a paragraph ends there. `first`: the line opens
    the text, so its first part is the title."""
    parts: list[str] = []
    for hard in _HARD_BREAKS.split(line):
        joinable = False
        for piece in _SOFT_BREAKS.split(hard):
            text = piece.strip()
            if not text:
                joinable = False
                continue
            title = first and len(parts) == 1 and len(parts[0].strip()) <= _TITLE_LONGEST
            if joinable and not title and _soft_continues(parts[-1].strip(), piece):
                before = parts[-1].rstrip()
                parts[-1] = before + (" " if _needs_space(before, text) else "") + text
            else:
                parts.append(piece)
            joinable = True
    return parts


_TITLE_LONGEST = 60  # a first line no longer than this, not ending a sentence, is the title


def _soft_continues(before: str, piece: str) -> bool:
    """Tell whether a piece after a soft line break goes on with the sentence before it: that
    one is not ended, no heading, and the piece neither starts like a heading nor is indented.
    In English the piece starts in lower case or `before` stops on a comma or a word such as
    "the"."""
    after = piece.strip()
    if after[0] in _CONTINUES:
        return True
    if _is_closed(before) or _is_heading(before) or _starts_like_heading(after):
        return False
    if _INDENT.match(piece):
        return False
    if _HAN_RE.search(before[-12:]) or _HAN_RE.search(after[:12]):
        return True
    return after[0].islower() or before[-1] == "," or _DANGLING.search(before) is not None


def _join(lines: list[_Line], *, tidy: bool = True) -> list[_Line]:
    """Join the lines that belong to one paragraph, judged by ends, starts and blank gaps.

    With tidy=False the lines are tidy already and only joined paragraphs are tidied again.
    """
    if not lines:
        return []
    stats = _GapStats(lines)
    out: list[_Line] = []
    current = lines[0]
    text = last = current.text
    joined = False
    for line in lines[1:]:
        if _belongs(text, last, line, stats, first=not out and text == lines[0].text):
            text += " " + line.text if _needs_space(text, line.text) else line.text
            current.last = line.last
            joined = True
        else:
            out.append(_Line(_tidy(text) if tidy or joined else text, current.first, current.last))
            current = line
            text = line.text
            joined = False
        last = line.text
    out.append(_Line(_tidy(text) if tidy or joined else text, current.first, current.last))
    # A line of a later paragraph starts where the previous one ended, so blank lines and
    # dropped footers belong to the paragraph before them.
    for before, after in zip(out, out[1:], strict=False):
        before.last = max(before.last, after.first - 1)
    return [line for line in out if line.text]


class _GapStats:
    """How a document uses blank lines: which gaps break paragraphs and which wrap lines."""

    def __init__(self, lines: list[_Line]) -> None:
        open_: Counter[int] = Counter()
        closed: Counter[int] = Counter()
        han_open: Counter[int] = Counter()
        han_all: Counter[int] = Counter()
        han_widths: list[int] = []
        long_latin: list[tuple[_Line, _Line]] = []  # long lines without Chinese, and the next
        for before, after in zip(lines, lines[1:], strict=False):
            text = before.text
            han = _HAN_RE.search(text) is not None
            if len(text) >= 40 and not han:
                long_latin.append((before, after))
            if _TABLE_ROW in text or _TABLE_ROW in after.text:
                continue
            finished = _is_closed(text) or _is_heading(text)
            (closed if finished else open_)[after.gap] += 1
            fragment = not han and _is_fragment(text)  # a fragment holds no Chinese
            if han or fragment:
                han_all[after.gap] += 1
                han_open[after.gap] += not finished
                if not finished and not fragment:
                    han_widths.append(len(text))
        # How long a wrapped Chinese line usually is (0 when no line is wrapped).
        self.han_width = _median(han_widths)
        # Hard-wrapped English: long lines cut before a lower-case word, again and again.
        cut = [len(b.text) for b, a in long_latin if not _is_closed(b.text) and a.text[0].islower()]
        self.latin_wrapped = len(cut) >= 3 and len(cut) >= 0.2 * len(long_latin)
        # How long a wrapped English line usually is: the lines surely wrapped are a fair sample.
        self.latin_width = _median(cut)
        # Text whose paragraphs start indented: a line without the indent continues a paragraph.
        self.indents = sum(line.indented for line in lines) >= max(3, 0.6 * len(lines))
        self.min_gap = min((line.gap for line in lines[1:]), default=0)
        # Hard-wrapped Chinese text: many lines stop mid-sentence at this gap.
        self.wrapped = {g for g, n in han_open.items() if n >= 3 and n >= 0.3 * han_all[g]}
        # A gap that mostly wraps lines while a wider gap separates paragraphs (PDF text with
        # a blank line between every line and two between paragraphs).
        breaking = [g for g in closed if closed[g] >= max(2, open_[g])]
        self.intra = {
            g for g, n in open_.items() if n >= 3 and n > closed[g] and any(b > g for b in breaking)
        }


def _median(values: list[int]) -> int:
    """Return the median of some lengths (the upper one of an even count), or 0 for none."""
    return sorted(values)[len(values) // 2] if values else 0


def _belongs(paragraph: str, last: str, line: _Line, stats: _GapStats, *, first: bool) -> bool:
    """Tell whether `line` continues `paragraph`, whose last input line is `last`."""
    after, gap = line.text, line.gap
    if after[0] in _CONTINUES:  # nothing starts a paragraph with ，。）% or a closing quote
        return True
    if paragraph[-1] in _OPENS:  # an opened bracket or quote, or a comma, always continues
        return True
    if _CUT_DECIMAL.search(last) and after[0].isdigit() and _HAN_RE.search(paragraph[-12:]):
        return True  # 家长满意度达98. / 81%：a number cut at its decimal point
    intra = gap in stats.intra
    open_before = not _is_closed(paragraph)
    if _is_heading(paragraph):
        return False
    if _starts_like_heading(after) and not (intra and open_before):
        return False
    if first and open_before and not intra and not _is_fragment(paragraph) and len(paragraph) <= 60:
        return False  # the title line
    chinese = bool(_HAN_RE.search(paragraph[-12:]) or _HAN_RE.search(after[:12]))
    if chinese and open_before and (_is_fragment(last) or _is_fragment(after)):
        return True  # 达 / 382 / 所，试点覆盖率达 / 89.5% / 。
    if line.indented:
        return False
    if stats.indents and open_before:
        return True
    if intra:
        return True
    if not open_before:
        return False
    if gap > stats.min_gap:
        return False
    if _TABLE_ROW in last or _TABLE_ROW in after:
        return False  # a table's row is a line of its own
    if chinese:
        return gap in stats.wrapped and not _ends_heading(paragraph, last, stats)
    if not stats.latin_wrapped:
        return False
    # English: a line cut after a word no sentence ends with (the, of, or), or a long line cut
    # before a lower-case word or after a hyphen, or one about as long as the wrapped ones
    # (then a name, a digit or a dash may start the next).
    if _DANGLING.search(last) and len(last) >= _SHORT_LINE * stats.latin_width:
        return True
    if len(last) < 40:
        return False
    if after[0].islower() or last[-1] in "-–/&":
        return True
    # A line of its own in title case is a heading, however long.
    heading = last == paragraph and _is_title_case(last)
    return len(last) >= _FULL_LINE * stats.latin_width and not heading


_CUT_DECIMAL = regex(r"\d[.．]$")
_DANGLING = regex(
    r"(?<![\w'’-])(?:a|an|the|of|to|and|or|for|with|in|on|at|by|from|into|than|our|their|its)$"
)
_FULL_LINE = 0.75  # share of the usual wrapped length from which a line counts as full
_SHORT_LINE = 0.6  # share of the usual wrapped length below which a line stopped early


def _is_title_case(text: str) -> bool:
    """Tell whether an English line reads as a heading: longer words capitalised, no clauses."""
    words = [w for w in text.split() if len(w) >= 4 and w[0].isalpha()]
    clauses = any(ch in text for ch in ",;:")
    return len(words) >= 2 and all(w[0].isupper() for w in words) and not clauses


def _ends_heading(paragraph: str, last: str, stats: _GapStats) -> bool:
    """Tell whether a wrapped numbered heading ends with `last`: short, and no sentence end yet.

    Without blank lines only the short last line shows where a long heading stops.
    """
    if last == paragraph or len(paragraph) > _HEADING_LONGEST:
        return False
    if len(last) >= _SHORT_LINE * stats.han_width:
        return False
    match = _HEADING.match(paragraph)
    if match is None or any(ch in _TERMINAL for ch in paragraph[match.end() :]):
        return False
    # A line is short too after a figure set on a line of its own (开放 / 30 / 周年): not an end.
    before = paragraph[: -len(last)].rstrip()
    return bool(before) and bool(_HAN_OR_PUNCT.match(before[-1]))


_LATIN_END = regex(f"[^{_HAN}{_CJK_PUNCT}]+$")
_LATIN_START = regex(f"^[^{_HAN}{_CJK_PUNCT}]+")
_SUSPENDED = regex(r"(?:or|and|to|through)\s")


def _needs_space(before: str, after: str) -> bool:
    """Tell whether two pieces of a paragraph join with a space (inside English prose)."""
    tail = _LATIN_END.search(before[-200:])  # a tail is enough, and keeps long paragraphs linear
    head = _LATIN_START.match(after[:200])
    if before.endswith("-") and tail and _SUSPENDED.match(after):
        return True  # a suspended hyphen: the 52- / or 53-week period, short- / and long-term
    if not tail or not head or before.endswith("-") or after[0] in ",.;:!?)]}%":
        return False
    # In English prose the words around the break are spaced; PM / 2.5 and “ / TOP10 stay glued.
    return " " in tail.group() or " " in head.group()


# --------------------------------------------------------------------------- renditions

_GRAM = 6  # characters per shingle; long enough that Chinese phrases rarely repeat by chance
_SHORT = 20  # lines with fewer letters (headings) neither start nor break a copy
_KEEP = regex(f"[0-9a-z{_HAN}]+")
# The opening a copy repeats: the first 2% of the lines, at most about a page (the corpus's
# longest is 1,897 letters, Apple's 10-K); a long report's 2% would hold all of it again when
# it is made of parts alike, and every line would start a search for a copy.
_OPENING_LETTERS = 2000


def split_renditions(text: str) -> tuple[str, tuple[str, ...]]:
    """Set aside a second (possibly partial) copy of the report; return (kept text, warnings)."""
    lines = [
        _Line(line, number, number)
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    ]
    kept, warnings = _split_renditions(lines, total_lines=_count_lines(text))
    return "\n".join(line.text for line in kept), warnings


def _split_renditions(
    lines: list[_Line], *, total_lines: int
) -> tuple[list[_Line], tuple[str, ...]]:
    """Find a later run of lines that repeats the start of the document and set one copy aside."""
    found = _find_repeat(lines)
    if found is None:
        return lines, ()
    start, end = found
    # A short line just before the copy (its title line) belongs to the copy.
    while start > 1 and len(_norm(lines[start - 1].text)) < _SHORT:
        start -= 1
    first_chars = sum(len(line.text) for line in lines[:start])
    if end == len(lines) - 1:  # the copy runs to the end: keep the first rendition
        second_chars = sum(len(line.text) for line in lines[start:])
        share = round(100 * second_chars / max(first_chars, 1))
        span = f"lines {lines[start].first}-{max(total_lines, lines[-1].last)}"
        what = "a second, partial rendition" if share < 90 else "a second rendition"
        kept, aside = lines[:start], (span, share)
    else:  # a partial copy first, then the whole report: keep the whole one
        share = round(100 * first_chars / max(sum(len(line.text) for line in lines[start:]), 1))
        span = f"lines {lines[0].first}-{lines[start - 1].last}"
        what = "a first, partial rendition"
        kept, aside = lines[start:], (span, share)
    # (a "copy" longer than what is kept: the report's opening repeated over and over)
    size = f"about {aside[1]}% of it" if aside[1] <= 100 else f"{aside[1] / 100:.1f} times as long"
    message = f"{what} of the report ({aside[0]}, {size}) was found and set aside"
    return kept, (message,)


def _find_repeat(lines: list[_Line]) -> tuple[int, int] | None:
    """Return (start, end) of a run of lines that copies the document's opening, or None.

    A line can start a copy only if its beginning repeats one of the opening lines. Whole lines
    are then compared, shingle by shingle, first with the lines before it that the copy can
    have reached (_Index.reach: few, when it breaks off soon), and only when it may be long
    enough with all of them. Cost grows linearly with the text, even when every part of it
    repeats the opening (a long report made of near copies of one part).
    """
    norms = [_norm(line.text) for line in lines]
    chars_before = [0]  # chars_before[j]: letters in the lines before line j
    for norm in norms:
        chars_before.append(chars_before[-1] + len(norm))
    last_long = max((k for k, norm in enumerate(norms) if len(norm) >= _SHORT), default=-1)
    opening = max(2, len(lines) // 50)
    opening = max(2, min(opening, bisect.bisect_left(chars_before, _OPENING_LETTERS) - 1))
    head: set[str] = set().union(*(_shingles(n) for n in norms[: opening + 1]))
    index = _Index(norms, chars_before)

    def may_be_copy(start: int, end: int) -> bool:
        """Tell whether lines [start, end] are long enough to be a copy of the report."""
        long_lines = [len(norms[k]) for k in range(start, end + 1) if len(norms[k]) >= _SHORT]
        chars = sum(long_lines)
        return (
            len(long_lines) >= 3
            and chars >= 200
            and (end >= last_long or chars >= 0.9 * chars_before[start])
        )

    j = opening + 1
    while j < len(lines):
        probe = _shingles(norms[j][:40])
        if len(norms[j]) < _SHORT or len(probe & head) < 0.8 * len(probe):
            j += 1
            continue
        end = index.reach(j)
        if may_be_copy(j, end):
            index.extend(j)
            end = index.copy_end(j)
            if may_be_copy(j, end):
                # No long line follows the copy: it runs to the end.
                return (j, len(lines) - 1) if end >= last_long else (j, end)
        j = max(end + 1, j + 1)
    return None


class _Index:
    """The first line holding each shingle, for the lines [0, indexed) of a document."""

    # A copy may skip this many letters of the report at once (pages lost in its middle) and
    # still be followed before the lines it may have reached are all indexed.
    JUMP = 20_000

    def __init__(self, norms: list[str], chars_before: list[int]) -> None:
        self.norms, self.chars_before = norms, chars_before
        self.seen: dict[str, int] = {}  # shingle -> first line holding it
        self.indexed = 0
        # The lines reach(start) judged with every line before `start` indexed, and their
        # source (None: too few shingles held), which copy_end(start) would find again.
        self.judged: tuple[int, dict[int, int | None]] = (-1, {})

    def extend(self, end: int) -> None:
        """Index the lines up to `end` (not included)."""
        norms, seen = self.norms, self.seen
        for i in range(self.indexed, end):
            norm = norms[i]
            for k in range(len(norm) - _GRAM + 1):  # its shingles, without a set of them
                seen.setdefault(norm[k : k + _GRAM], i)  # the first holder stays
        self.indexed = max(self.indexed, end)

    def reach(self, start: int) -> int:
        """Return a line that copy_end from `start` (all lines before it indexed) cannot pass,
        for copies that skip at most JUMP letters at once, indexing only what it needs.

        A shingle indexed has its first line already; one not indexed yet can only be held by
        a later line. So a line whose shingles are mostly indexed has its source (their median
        first line) known within bounds, and the copy certainly ends where even the upper
        bound goes back past the lower bound of the line before. A line whose shingles are
        mostly not indexed may repeat a line further on: the index is extended to JUMP letters
        past where the copy was, and past that the copy would have skipped more.
        """
        norms, chars_before = self.norms, self.chars_before
        sources: dict[int, int | None] = {}
        self.judged = (start, sources)
        end, last_low, last_high = start, -1, -1
        k = start
        while k < len(norms):
            if len(norms[k]) < _SHORT:
                k += 1
                continue
            grams, held = self._held(k)
            if self.indexed >= start:
                sources[k] = held[len(held) // 2] if len(held) >= 0.6 * grams else None
            if len(held) < 0.6 * grams:
                limit = chars_before[last_high + 1] + self.JUMP
                if self.indexed >= start or chars_before[self.indexed] >= limit:
                    break  # not a copy of any line it can have reached
                self.extend(min(start, bisect.bisect_left(chars_before, limit)))
                continue  # the same line, with more lines indexed
            high = held[grams // 2]  # with every line before `start` indexed, the
            if high < last_low - 2:  # median is at most this (the rest hold later lines)
                break
            end, last_low, last_high = k, held[len(held) // 2], high
            k += 1
        return end

    def copy_end(self, start: int) -> int:
        """Return the last line from `start` on that repeats, in order, the lines before `start`
        (all of them indexed)."""
        norms = self.norms
        judged_start, sources = self.judged
        end, last_source = start, -1
        for k in range(start, len(norms)):
            if len(norms[k]) < _SHORT:
                continue  # short lines (headings) neither make nor break a run
            if judged_start == start and k in sources:
                source = sources[k]
            else:
                grams, earlier = self._held(k)
                source = earlier[len(earlier) // 2] if len(earlier) >= 0.6 * grams else None
            if source is None or source < last_source - 2:
                break
            end, last_source = k, source
        return end

    def _held(self, k: int) -> tuple[int, list[int]]:
        """Return how many shingles line k has, and the first lines of those indexed, sorted."""
        grams = _shingles(self.norms[k])
        return len(grams), sorted(map(self.seen.__getitem__, self.seen.keys() & grams))


def _norm(text: str) -> str:
    """Keep only letters, digits and Chinese characters, lower-cased."""
    return "".join(_KEEP.findall(text.lower()))


def _shingles(norm: str) -> set[str]:
    """Return the overlapping substrings of _GRAM characters."""
    return {norm[i : i + _GRAM] for i in range(len(norm) - _GRAM + 1)}
