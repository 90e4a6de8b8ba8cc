"""Make real Word, PDF and HTML files from plain report text, for tests and benchmarks.

Text in -> a .docx / .pdf / .html file on disk, laid out the way real reports are.
"""

from __future__ import annotations

import functools
import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

# A section heading such as 一、党的领导坚强有力 (the only lines that get a heading style).
SECTION_HEADING = re.compile(r"^[一二三四五六七八九十百]+、")

# TrueType CJK fonts reportlab can embed (it cannot read the CFF outlines of Noto CJK .ttc files),
# best first: (file name, index inside a .ttc).
TRUETYPE_CJK_FONTS = (
    ("wqy-zenhei.ttc", 0),
    ("wqy-microhei.ttc", 0),
    ("uming.ttc", 0),
    ("ukai.ttc", 0),
    ("DroidSansFallbackFull.ttf", 0),
)
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")

# reportlab's built-in Adobe CJK font: never embedded, mapped through the UniGB-UCS2-H CMap.
BUILTIN_CID_FONT = "STSong-Light"


def paragraphs(text: str) -> list[str]:
    """Return the non-blank lines of `text`, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------- Word


def make_docx(text: str, path: Path, *, heading_styles: bool, numbered: str | None = None) -> Path:
    """Write `text` as a Word file, one paragraph per line.

    With `heading_styles` the first line gets the Title style and the 一、 lines Heading 1 (run-in
    一是 paragraphs stay Normal); without, every paragraph is Normal, as in many real files.
    With `numbered` (a w:numFmt such as "chineseCounting"), the 一、 of those lines is not typed
    but Word's automatic numbering: a list whose level text is "%1、" in that format.
    """
    import docx

    document = docx.Document()
    number_id = add_numbering(document, numbered) if numbered else None
    for number, line in enumerate(paragraphs(text)):
        style = "Normal"
        if heading_styles and number == 0:
            style = "Title"
        elif heading_styles and SECTION_HEADING.match(line):
            style = "Heading 1"
        if number_id is not None and SECTION_HEADING.match(line):
            paragraph = document.add_paragraph(SECTION_HEADING.sub("", line), style=style)
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().val = 0
            numbering.get_or_add_numId().val = number_id
        else:
            document.add_paragraph(line, style=style)
    document.save(str(path))
    return path


def add_numbering(document: object, number_format: str, *more: tuple[str, str]) -> int:
    """Add a list to a document whose first level is numbered "%1、" in `number_format`, and
    whose next levels are `more` (format, level text: "chineseCounting", "（%2）"); return the
    list's id."""
    from docx.oxml import parse_xml

    root = document.part.numbering_part.element  # type: ignore[attr-defined]
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{form}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for k, (form, text) in enumerate([(number_format, "%1、"), *more])
    )
    abstract = parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{levels}</w:abstractNum>')
    first_list = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_list is not None:
        first_list.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


# --------------------------------------------------------------------------- Word 97-2003

SOFFICE = "soffice"  # LibreOffice, which writes real .doc files (Debian: libreoffice-writer-nogui)


def convert_with_libreoffice(sources: list[Path], folder: Path, *, to: str = "doc") -> list[Path]:
    """Convert files (.docx, .fodt) with headless LibreOffice into `folder`; return the new paths.

    LibreOffice keeps its profile in `folder`, so that parallel test workers do not share one.
    """
    import subprocess

    profile = (folder / "lo-profile").resolve().as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to]
    subprocess.run(
        [*command, "--outdir", str(folder), *map(str, sources)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    made = [folder / (source.stem + "." + to) for source in sources]
    missing = [str(path) for path in made if not path.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {', '.join(missing)}")
    return made


def make_fodt(body: str, path: Path, *, header: str = "") -> Path:
    """Write a flat OpenDocument text (one XML file) whose office:text is `body` (ODF markup),
    with a page header of `header`: a source LibreOffice turns into .doc with headers, notes and
    fields as Word writes them."""
    master = ""
    if header:
        master = (
            '<office:master-styles><style:master-page style:name="Standard" '
            f'style:page-layout-name="pm1"><style:header><text:p>{escape(header)}</text:p>'
            "</style:header></style:master-page></office:master-styles>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">'
        '<office:automatic-styles><style:page-layout style:name="pm1"/></office:automatic-styles>'
        f"{master}<office:body><office:text>{body}</office:text></office:body></office:document>",
        encoding="utf-8",
    )
    return path


# A flat OpenDocument text with what a .doc keeps apart from its text: a page header (given to
# make_fodt), a footnote, a page-number field, a link, and a table with an empty cell.
FIELDS_BODY = (
    '<text:h text:outline-level="1">一、总体情况</text:h>'
    "<text:p>全市共有学校120所"
    '<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
    "<text:note-body><text:p>含民办学校。</text:p></text:note-body></text:note>，比上年增加3所。</text:p>"
    '<text:p>本页为第<text:page-number text:select-page="current">1</text:page-number>页，'
    '<text:a xlink:href="http://example.org/">详见官网</text:a>。</text:p>'
    '<table:table table:name="T1"><table:table-column table:number-columns-repeated="3"/>'
    + "".join(
        "<table:table-row>"
        + "".join(
            f"<table:table-cell><text:p>{cell}</text:p></table:table-cell>"
            if cell
            else "<table:table-cell/>"
            for cell in row
        )
        + "</table:table-row>"
        for row in (("指标", "2020年", "2021年"), ("学校数", "", "120所"))
    )
    + "</table:table><text:p>表后一段。</text:p>"
)


def write_office_fixtures(clean_seed: str, folder: Path, *, to: str) -> list[Path]:
    """Write fixtures/word97 (to="doc") or fixtures/odt (to="odt"): LibreOffice's files of the
    clean seed with heading styles and without, and with its headings numbered 一、 by Word;
    of a list of two levels (make_list_levels_docx); of a draft with tracked changes
    (make_tracked_docx); of a table whose first cell holds two paragraphs, and one holding a
    table in a cell (make_nested_table_docx); and of FIELDS_BODY."""
    import tempfile

    import docx

    with tempfile.TemporaryDirectory() as scratch:
        made = Path(scratch)
        table_doc = docx.Document()
        table_doc.add_heading("Annual report 2021", 1)
        table_doc.add_paragraph("Net sales rose 6%.")
        table = table_doc.add_table(rows=2, cols=3)
        for r, row in enumerate([["Item", "2021", "2020"], ["Net sales", "$1,234", "$1,000"]]):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        table.cell(1, 0).add_paragraph("(in millions)")
        table_doc.save(str(made / "table.docx"))
        sources = [
            make_docx(clean_seed, made / "seed-styled.docx", heading_styles=True),
            make_docx(clean_seed, made / "seed-normal.docx", heading_styles=False),
            make_docx(
                clean_seed,
                made / "seed-numbered.docx",
                heading_styles=True,
                numbered="chineseCounting",
            ),
            make_list_levels_docx(made / "levels.docx"),
            make_tracked_docx(made / "tracked.docx"),
            make_nested_table_docx(made / "nested.docx"),
            made / "table.docx",
            make_fodt(FIELDS_BODY, made / "fields.fodt", header="内部资料 注意保存"),
        ]
        written = convert_with_libreoffice(sources, made, to=to)
        folder.mkdir(parents=True, exist_ok=True)
        for path in written:
            (folder / path.name).write_bytes(path.read_bytes())
    return [folder / path.name for path in written]


def make_compound_file(streams: dict[str, bytes], path: Path) -> Path:
    """Write an OLE compound file (version 3, 512-byte sectors) holding `streams` at its root.

    Each stream is padded with zero bytes to 4,096 (the smallest size kept out of the mini
    stream, which this writer does not make); the whole file
    fits one sector of allocation table (at most 126 sectors of streams).
    """
    import struct

    sector = 512
    end, free, fat_mark = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    names = list(streams)
    if len(names) > 3:
        raise ValueError("one directory sector holds the root and three streams")
    fat = [fat_mark, end]  # sector 0: this table; sector 1: the directory
    starts, body = [], b""
    for name in names:
        data = streams[name].ljust(4096, b"\0")
        data += b"\0" * (-len(data) % sector)
        count = len(data) // sector
        first = len(fat)
        starts.append(first)
        fat += [first + k + 1 for k in range(count - 1)] + [end]
        body += data
    if len(fat) > sector // 4:
        raise ValueError("the streams need more than one sector of allocation table")
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return struct.pack(
            "<64sHBBIII16sIQQIII",
            encoded, len(encoded), kind, 1, free, right, child,
            b"\0" * 16, 0, 0, 0, start, size, 0,
        )  # fmt: skip

    directory = entry("Root Entry", 5, 1 if names else free, free, end, 0)
    for index, name in enumerate(names):
        following = index + 2 if index + 1 < len(names) else free
        size = max(len(streams[name]), 4096)
        directory += entry(name, 2, free, following, starts[index], size)
    directory = directory.ljust(sector, b"\0")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6,
        0, 1, 1, 0, 4096, end, 0, end, 0,
    ) + struct.pack("<I", 0) + struct.pack("<108I", *[free] * 108)  # fmt: skip
    path.write_bytes(header + struct.pack(f"<{sector // 4}I", *fat) + directory + body)
    return path


def word_streams(
    pieces: list[tuple[str, bool]],
    *,
    flags: int = 0x0200,
    nfib: int = 0xC1,
    fast_saved: bool = False,
) -> dict[str, bytes]:
    """Return the WordDocument and 1Table streams of a Word 97 document whose main text is
    `pieces`, each (text, stored 8-bit), with no paragraph properties: the least a piece table
    needs. `flags` and `nfib` are the FIB's (0x0100 marks a password); `fast_saved` puts
    property modifiers (a Prc, as a fast save leaves) before the piece table."""
    import struct

    word = bytearray(1536)
    struct.pack_into("<HH", word, 0, 0xA5EC, nfib)
    struct.pack_into("<H", word, 0x0A, flags)
    cps, descriptors, position = [0], b"", 0
    for text, eight_bit in pieces:
        offset = len(word)
        if eight_bit:
            word += text.encode("cp1252")
            stored = (offset * 2) | 0x40000000
        else:
            word += text.encode("utf-16-le")
            stored = offset
        position += len(text)
        cps.append(position)
        descriptors += struct.pack("<HIH", 0, stored, 0)
    plc = struct.pack(f"<{len(cps)}I", *cps) + descriptors
    table = b"\x02" + struct.pack("<I", len(plc)) + plc
    if fast_saved:  # two Prcs: a bold run's modifier (sprmCFBold on), then an empty one
        table = b"\x01" + struct.pack("<h", 3) + b"\x35\x08\x01" + b"\x01\x00\x00" + table
    struct.pack_into("<i", word, 0x4C, position)
    struct.pack_into("<II", word, 0x1A2, 0, len(table))
    return {"WordDocument": bytes(word), "1Table": table}


# A list of two levels, 一、 then （一）, with an empty second-level item: (text, level).
LIST_LEVEL_ITEMS = (("甲", 0), ("乙", 1), ("", 1), ("丙", 1), ("丁", 0), ("戊", 1))


def make_list_levels_docx(path: Path) -> Path:
    """Write LIST_LEVEL_ITEMS as a Word list numbered 一、 and （一） by Word, not typed."""
    import docx

    document = docx.Document()
    number_id = add_numbering(document, "chineseCounting", ("chineseCounting", "（%2）"))
    for text, level in LIST_LEVEL_ITEMS:
        numbering = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
        numbering.get_or_add_ilvl().val = level
        numbering.get_or_add_numId().val = number_id
    document.save(str(path))
    return path


def make_nested_table_docx(path: Path) -> Path:
    """Write a table whose second row's second cell holds a table of its own (小学 12所, 中学
    8所), between two paragraphs. Read: 学校 | 小学 12所 中学 8所."""
    import docx

    document = docx.Document()
    document.add_paragraph("表前一段。")
    outer = document.add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "指标", (0, 1): "数值", (1, 0): "学校"}.items():
        outer.cell(row, column).text = text
    inner = outer.cell(1, 1).add_table(rows=2, cols=2)
    for row, cells in enumerate([("小学", "12所"), ("中学", "8所")]):
        for column, text in enumerate(cells):
            inner.cell(row, column).text = text
    document.add_paragraph("表后一段。")
    document.save(str(path))
    return path


# A table with merged cells, each row its own cells as (text, rows, columns) spanned: 地区 heads
# both lines of the head, each year two columns (数量, 增长), 柯桥区's 10所 is 上虞区's too, and a
# note spans the whole table.
MERGED_TABLE = (
    (("地区", 2, 1), ("2021年", 1, 2), ("2022年", 1, 2)),
    (("数量", 1, 1), ("增长", 1, 1), ("数量", 1, 1), ("增长", 1, 1)),
    (("越城区", 1, 1), ("12所", 1, 1), ("5%", 1, 1), ("15所", 1, 1), ("6%", 1, 1)),
    (("柯桥区", 1, 1), ("10所", 2, 1), ("4%", 1, 1), ("11所", 1, 1), ("7%", 1, 1)),
    (("上虞区", 1, 1), ("3%", 1, 1), ("12所", 1, 1), ("9%", 1, 1)),
    (("注：数据来源于市统计局。", 1, 5),),
)
MERGED_TABLE_WIDTH = 5


def _merged_places() -> list[tuple[int, int, str, int, int]]:
    """Return MERGED_TABLE's cells as (row, column, text, rows, columns), each in the first
    place of its row that no cell above spans into."""
    taken: set[tuple[int, int]] = set()
    places = []
    for r, row in enumerate(MERGED_TABLE):
        c = 0
        for text, rows, columns in row:
            while (r, c) in taken:
                c += 1
            places.append((r, c, text, rows, columns))
            taken |= {(r + i, c + j) for i in range(rows) for j in range(columns)}
            c += columns
    return places


def make_merged_table(path: Path) -> Path:
    """Write MERGED_TABLE after a heading and a paragraph, as .html (rowspan, colspan), .docx
    (w:vMerge, w:gridSpan) or .odt (table:number-rows-spanned and -columns-spanned over covered
    cells), by the path's suffix."""
    intro = ("某市教育局2022年工作总结", "一、基本情况", "全市学校建设情况如下。")
    if path.suffix == ".html":
        rows = "".join(
            "<tr>"
            + "".join(f'<td rowspan="{r}" colspan="{c}">{t}</td>' for t, r, c in row)
            + "</tr>"
            for row in MERGED_TABLE
        )
        path.write_text(
            f"<html><body><h1>{intro[0]}</h1><h2>{intro[1]}</h2><p>{intro[2]}</p>"
            f"<table>{rows}</table></body></html>",
            encoding="utf-8",
        )
    elif path.suffix == ".docx":
        import docx

        document = docx.Document()
        document.add_heading(intro[0], 0)
        document.add_heading(intro[1], 1)
        document.add_paragraph(intro[2])
        table = document.add_table(rows=len(MERGED_TABLE), cols=MERGED_TABLE_WIDTH)
        for r, c, text, rows, columns in _merged_places():
            cell = table.cell(r, c).merge(table.cell(r + rows - 1, c + columns - 1))
            cell.text = text
        document.save(str(path))
    elif path.suffix == ".odt":
        grid: dict[tuple[int, int], str] = {}
        for r, c, text, rows, columns in _merged_places():
            for i in range(rows):
                for j in range(columns):
                    grid[r + i, c + j] = "<table:covered-table-cell/>"
            grid[r, c] = (
                f'<table:table-cell table:number-rows-spanned="{rows}" '
                f'table:number-columns-spanned="{columns}"><text:p>{text}</text:p>'
                "</table:table-cell>"
            )
        rows_xml = "".join(
            "<table:table-row>"
            + "".join(grid[r, c] for c in range(MERGED_TABLE_WIDTH))
            + "</table:table-row>"
            for r in range(len(MERGED_TABLE))
        )
        body = (
            f'<text:h text:outline-level="1">{intro[0]}</text:h>'
            f'<text:h text:outline-level="2">{intro[1]}</text:h><text:p>{intro[2]}</text:p>'
            f'<table:table table:name="T1">{rows_xml}</table:table>'
        )
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr(
                "content.xml",
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
                f"<office:body><office:text>{body}</office:text></office:body>"
                "</office:document-content>",
            )
    else:
        raise ValueError(f"no merged table as {path.suffix}")
    return path


def make_tracked_docx(path: Path) -> Path:
    """Write a draft with tracked changes: 12所 inserted and 10所 deleted, a clause moved out
    and one moved in, a full stop in a content control, and 12所 inserted in a table cell. As
    accepted: 全市新建学校12所，新增学位5400个。 then 学校数 | 12所."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    change = 'w:id="{}" w:author="局办公室" w:date="2022-01-10T00:00:00Z"'

    def run(text: str, tag: str = "w:t") -> str:
        return f"<w:r><{tag}>{text}</{tag}></w:r>"

    def add(paragraph: object, xml: str) -> None:
        """Append an element to a paragraph, its first tag given the w: namespace."""
        element = parse_xml(xml.replace(">", f" {w}>", 1))
        paragraph._p.append(element)  # type: ignore[attr-defined]

    document = docx.Document()
    paragraph = document.add_paragraph("全市新建学校")
    add(paragraph, f"<w:ins {change.format(1)}>{run('12所')}</w:ins>")
    add(paragraph, f"<w:del {change.format(2)}>{run('10所', 'w:delText')}</w:del>")
    add(paragraph, f"<w:moveFrom {change.format(3)}>{run('，旧址')}</w:moveFrom>")
    add(paragraph, f"<w:moveTo {change.format(4)}>{run('，新增学位5400个')}</w:moveTo>")
    add(paragraph, f"<w:sdt><w:sdtContent>{run('。')}</w:sdtContent></w:sdt>")
    cell = document.add_table(rows=1, cols=2).rows[0].cells
    cell[0].paragraphs[0].add_run("学校数")
    add(cell[1].paragraphs[0], f"<w:ins {change.format(5)}>{run('12所')}</w:ins>")
    document.save(str(path))
    return path


# --------------------------------------------------------------------------- RTF


def make_rtf(text: str, path: Path, *, escape: str = "unicode") -> Path:
    """Write `text` as an RTF file, one paragraph per line, as Word and WPS write Chinese:
    `escape` "unicode" writes each character past ASCII as \\uN? (N signed 16-bit), "gbk" as
    its GBK bytes (\\'hh) under \\ansicpg936. A line `a | b` becomes a table row of two cells."""

    def escaped(line: str) -> str:
        out = []
        for char in line:
            if char in "\\{}":
                out.append("\\" + char)
            elif ord(char) < 128:
                out.append(char)
            elif escape == "gbk":
                out.append("".join(f"\\'{byte:02x}" for byte in char.encode("gbk")))
            else:
                code = ord(char)
                out.append(f"\\u{code - 65536 if code > 32767 else code}?")
        return "".join(out)

    body = []
    for line in paragraphs(text):
        if " | " in line:
            cells = line.split(" | ")
            edges = "".join(f"\\cellx{2000 * (k + 1)}" for k in range(len(cells)))
            row = "".join(f"\\pard\\intbl {escaped(cell)}\\cell " for cell in cells)
            body.append(f"\\trowd{edges} {row}\\row")
        else:
            body.append(f"\\pard {escaped(line)}\\par")
    head = "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\uc1"
    path.write_text(head + "\n" + "\n".join(body) + "\n}", encoding="ascii")
    return path


# --------------------------------------------------------------------------- PDF


@functools.cache
def find_cjk_font() -> tuple[Path, int] | None:
    """Return the first TrueType CJK font file (and .ttc index) reportlab can embed, or None."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for name, index in TRUETYPE_CJK_FONTS:
        for folder in FONT_DIRS:
            if not folder.is_dir():
                continue
            for candidate in sorted(folder.rglob(name)):
                try:
                    TTFont("probe", str(candidate), subfontIndex=index)
                except TTFError:
                    continue
                return candidate, index
    return None


def register_font(font: str) -> str:
    """Register the font to draw with and return its reportlab name.

    `font` is "embedded" (a TrueType CJK font from the system, subset into the PDF), "builtin"
    (reportlab's STSong-Light, referenced by name only, as many older Chinese PDFs are) or "auto"
    (embedded when there is such a font).
    """
    from reportlab.pdfbase import pdfmetrics

    if font == "auto":
        font = "embedded" if find_cjk_font() is not None else "builtin"
    if font == "builtin":
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(BUILTIN_CID_FONT))
        return BUILTIN_CID_FONT
    if font != "embedded":
        raise ValueError(f"font must be 'auto', 'embedded' or 'builtin', not {font!r}")
    found = find_cjk_font()
    if found is None:
        raise FileNotFoundError(
            "no TrueType CJK font under /usr/share/fonts (apt-get install fonts-wqy-zenhei)"
        )
    from reportlab.pdfbase.ttfonts import TTFont

    file, index = found
    name = f"CJK-{file.stem}-{index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(file), subfontIndex=index))
    return name


def make_pdf(
    text: str,
    path: Path,
    *,
    font: str = "auto",
    footer: str = "- {page} -",
    header: str = "",
) -> Path:
    """Write `text` as an A4 PDF: wrapped lines, several pages, a `- N -` footer on each page.

    The first line is a centred title, 一、 headings are larger, other paragraphs have a
    two-character first-line indent. `footer` and `header` are drawn on every page, with
    `{page}` replaced by the page number ("" draws none). `font` is "embedded", "builtin" or
    "auto" (embedded when a TrueType CJK font is installed, else builtin); "embedded" raises
    FileNotFoundError when there is none.
    """
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    name = register_font(font)
    body = ParagraphStyle("body", fontName=name, fontSize=12, leading=20, firstLineIndent=24)
    if re.search(r"[\u3000-\u9fff]", text):
        # reportlab's CJK wrapping breaks lines anywhere; Latin text wraps at spaces.
        body.wordWrap = "CJK"
    heading = ParagraphStyle("heading", parent=body, fontSize=14, leading=24, spaceBefore=8)
    title = ParagraphStyle(
        "title", parent=body, fontSize=18, leading=28, alignment=TA_CENTER, firstLineIndent=0
    )
    title.spaceAfter = 12

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(name, 10)
        if footer:
            canvas.drawCentredString(A4[0] / 2, 1.2 * cm, footer.format(page=doc.page))
        if header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 1.5 * cm, header.format(page=doc.page))
        canvas.restoreState()

    story = []
    for number, line in enumerate(paragraphs(text)):
        style = title if number == 0 else heading if SECTION_HEADING.match(line) else body
        story.append(Paragraph(escape(line), style))
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=2.6 * cm,
        rightMargin=2.6 * cm,
        topMargin=2.5 * cm,
        bottomMargin=2.5 * cm,
        title="report",
        # Fixed metadata so the same text always makes the same bytes.
        invariant=1,
    )
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def make_cut_pdf(text: str, path: Path, *, per_line: int = 34) -> Path:
    """Write `text` as a PDF whose paragraphs are cut every `per_line` characters wherever that
    falls, inside a number too (议案10 / 6件), as some Chinese typesetting does; the first line
    is the title. Drawn with reportlab's built-in CJK font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    name = register_font("builtin")
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    size, left, y = 12, 72, A4[1] - 72
    for number, line in enumerate(paragraphs(text)):
        if number == 0:
            page.setFont(name, size + 6)
            page.drawCentredString(A4[0] / 2, y, line)
            y -= 2 * size * 1.6
            continue
        page.setFont(name, size)
        first = True
        while line:
            room = per_line - (2 if first else 0)
            page.drawString(left + (2 * size if first else 0), y, line[:room])
            line, first, y = line[room:], False, y - size * 1.6
    page.save()
    return path


def make_scan_pdf(path: Path, *, pages: int = 2) -> Path:
    """Write an image-only PDF (no text layer), like a scanner's output."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    sheet = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        image = Image.new("L", (620, 877), 255)
        draw = ImageDraw.Draw(image)
        for row in range(60, 800, 28):
            # Grey bars where a scanner would show lines of print.
            draw.rectangle((70, row, 550 - (row * 7) % 90, row + 12), fill=40)
        sheet.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        sheet.showPage()
    sheet.save()
    return path


def make_encrypted_pdf(path: Path, *, user_password: str = "secret") -> Path:
    """Write a one-page PDF encrypted with `user_password` ("" = opens freely, copying restricted)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    encrypt = pdfencrypt.StandardEncryption(
        user_password, ownerPassword="owner-secret", canPrint=0, canCopy=0, canModify=0
    )
    sheet = canvas.Canvas(str(path), encrypt=encrypt, invariant=1)
    sheet.setFont("Helvetica", 12)
    sheet.drawString(72, 720, "Annual report 2021: net sales rose 12%.")
    sheet.showPage()
    sheet.save()
    return path


# --------------------------------------------------------------------------- HTML


def _article_blocks(text: str) -> Iterator[str]:
    """Yield the article's HTML blocks: h1 title, h2 for 一、 headings, p for the rest."""
    for number, line in enumerate(paragraphs(text)):
        tag = "h1" if number == 0 else "h2" if SECTION_HEADING.match(line) else "p"
        yield f"      <{tag}>{html.escape(line)}</{tag}>"


def make_html(text: str, path: Path) -> Path:
    """Write `text` as a government-site page: the article inside nav, header, footer and sidebar.

    The chrome holds a `<script>`, a `<style>`, a search form and a sidebar of links, none of
    which is report text.
    """
    sidebar = "\n".join(
        f'        <li><a href="/news/{n}.html">2021年第{n}期工作动态</a></li>' for n in range(1, 9)
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>绍兴市教育局 - 工作总结</title>
  <style>body {{ font-family: sans-serif; }} .nav a {{ margin: 0 1em; }}</style>
  <script>var trackingId = "UA-000"; document.write("访问统计");</script>
</head>
<body>
  <header class="site-header">
    <div class="logo">绍兴市教育局门户网站</div>
    <nav class="nav">
      <a href="/">首页</a> <a href="/gk/">政务公开</a> <a href="/bs/">办事服务</a>
      <a href="/hd/">互动交流</a>
    </nav>
    <form action="/search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form>
  </header>
  <div class="crumbs"><a href="/">首页</a> &gt; <a href="/gk/">政务公开</a> &gt; <a href="/gk/gh/">规划计划</a></div>
  <div class="container">
    <aside class="sidebar">
      <h3>相关链接</h3>
      <ul>
{sidebar}
      </ul>
    </aside>
    <article class="content">
{chr(10).join(_article_blocks(text))}
    </article>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
  </div>
  <footer>
    <p>主办单位：绍兴市教育局 <a href="/about">关于我们</a> <a href="/map">网站地图</a></p>
    <p>浙ICP备00000000号</p>
  </footer>
  <script src="/js/stats.js"></script>
  <script>console.log("页面加载完成");</script>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8")
    return path


if __name__ == "__main__":  # python tests/makedocs.py doc fixtures/word97 (or odt fixtures/odt)
    import sys

    if len(sys.argv) != 3 or sys.argv[1] not in ("doc", "odt"):
        sys.exit("usage: python tests/makedocs.py doc|odt FOLDER")
    seed = Path(__file__).resolve().parents[1] / "seeds" / "shaoxing-education-bureau-2021.txt"
    clean = "\n".join(seed.read_text(encoding="utf-8").splitlines()[:39])
    for path in write_office_fixtures(clean, Path(sys.argv[2]), to=sys.argv[1]):
        print(path)
