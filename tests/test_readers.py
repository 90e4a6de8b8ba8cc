"""Reading real PDF, Word and HTML files (made by tests/makedocs.py) into report text."""

from __future__ import annotations

import io
import os
import re
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from makedocs import (
    SECTION_HEADING,
    find_cjk_font,
    make_compound_file,
    make_cut_pdf,
    make_docx,
    make_encrypted_pdf,
    make_html,
    make_list_levels_docx,
    make_merged_table,
    make_nested_table_docx,
    make_pdf,
    make_rtf,
    make_scan_pdf,
    make_tracked_docx,
    register_font,
    word_streams,
)

from compare import readers
from compare.errors import CompareError, UnreadableInput
from compare.model import Report

SEED = Path(__file__).resolve().parents[1] / "seeds" / "shaoxing-education-bureau-2021.txt"
# The seed's clean rendition: title, preamble, 8 sections with 29 run-in subsections.
CLEAN = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[:39])
CLEAN_LINES = CLEAN.splitlines()


def repair() -> Callable[[str], str]:
    """Return compare.ingest.repair_text, skipping the test while ingest is not there."""
    ingest = pytest.importorskip("compare.ingest", reason="compare.ingest is not written yet")
    return ingest.repair_text


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder, shared by the session, for the files the tests make."""
    return tmp_path_factory.mktemp("made")


@pytest.fixture(scope="session")
def seed_pdf_embedded(made: Path) -> Path:
    """The clean seed as a PDF with a subset-embedded TrueType CJK font."""
    if find_cjk_font() is None:
        pytest.skip("no TrueType CJK font for reportlab (apt-get install fonts-wqy-zenhei)")
    return make_pdf(CLEAN, made / "seed-embedded.pdf", font="embedded")


@pytest.fixture(scope="session")
def seed_pdf_builtin(made: Path) -> Path:
    """The clean seed as a PDF using reportlab's built-in STSong-Light (no font file needed)."""
    return make_pdf(CLEAN, made / "seed-builtin.pdf", font="builtin")


def read(reader: Callable[[bytes, Path], str], path: Path) -> str:
    """Run a bytes reader on a file."""
    return reader(path.read_bytes(), path)


def message(error: pytest.ExceptionInfo[UnreadableInput]) -> str:
    """Return an error's message."""
    return str(error.value)


# --------------------------------------------------------------------------- RTF


@pytest.mark.parametrize("escape", ["unicode", "gbk"])
def test_rtf_of_the_seed_reads_back_exactly(tmp_path: Path, escape: str) -> None:
    """RTF writes Chinese as \\uN? escapes (Word) or as GBK bytes under \\ansicpg936 (older
    writers); it was read as its markup, the text lost in it."""
    path = make_rtf(CLEAN, tmp_path / f"seed-{escape}.rtf", escape=escape)
    assert read(readers.read_rtf, path) == CLEAN


def test_rtf_table_rows_become_cell_lines(tmp_path: Path) -> None:
    path = make_rtf("学校数 | 12所 | 15所\n全市新建学校12所。", tmp_path / "table.rtf")
    assert read(readers.read_rtf, path).splitlines() == [
        "学校数 | 12所 | 15所",
        "全市新建学校12所。",
    ]


def test_damaged_rtf_is_refused_in_one_line(tmp_path: Path) -> None:
    """striprtf raises on damaged input (here a \\uN past a C int): one line, no traceback."""
    path = tmp_path / "damaged.rtf"
    path.write_bytes(rb"{\rtf1\ansi \u99999999999? text}")
    with pytest.raises(UnreadableInput) as error:
        read(readers.read_rtf, path)
    assert message(error) == f"{path}: not a valid RTF file (it could not be parsed)"


# --------------------------------------------------------------------------- PDF


@pytest.mark.parametrize("font", ["embedded", "builtin"])
def test_pdf_of_the_seed_reads_back_one_paragraph_per_line(
    font: str, request: pytest.FixtureRequest
) -> None:
    path = request.getfixturevalue(f"seed_pdf_{font}")
    text = read(readers.read_pdf, path)
    assert text.splitlines() == CLEAN_LINES
    assert repair()(text).splitlines() == CLEAN_LINES


def test_seed_pdf_really_wraps_lines_and_numbers_pages(seed_pdf_builtin: Path) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(seed_pdf_builtin))
    pages = [page.get_textpage().get_text_range() for page in document]
    assert len(pages) >= 5
    assert all(f"- {number} -" in page for number, page in enumerate(pages, start=1))
    # Far more visual lines than paragraphs: the reader had to join them.
    assert sum(len(page.splitlines()) for page in pages) > 4 * len(CLEAN_LINES)


def test_pdf_number_or_name_cut_at_a_line_end_reads_whole(made: Path) -> None:
    """The seed's lines cut every 34 characters wherever that falls, inside a number or a name
    too: 议案10 / 6件 read "10 6件" (two figures, 10 and 6件), 改造23 / 93间 "23 93间",
    （AP / IO2021） "AP IO2021"; the report compared with its text showed 4 changed, 10 new and
    3 dropped figures. English words around a break keep their space."""
    path = make_cut_pdf(CLEAN, made / "cut.pdf", per_line=34)
    text = read(readers.read_pdf, path)
    assert "106件" in CLEAN and "106件" in text and "APIO2021" in text
    assert repair()(text).splitlines() == CLEAN_LINES
    assert readers._glue("Net sales of the Company were", "$5 billion.") == (
        "Net sales of the Company were $5 billion."
    )


def test_pdf_running_header_and_other_page_numbers_are_dropped(made: Path) -> None:
    path = make_pdf(
        CLEAN,
        made / "header.pdf",
        font="builtin",
        header="绍兴市教育局 {page}",
        footer="第{page}页",
    )
    assert read(readers.read_pdf, path).splitlines() == CLEAN_LINES


def test_pdf_english_paragraphs_are_joined_with_spaces(made: Path) -> None:
    text = "\n".join(
        [
            "Annual Report 2021",
            "Net sales rose 12% to $378 billion, driven by strong demand for our products "
            "and services in every region. Gross margin widened by 1.2 percentage points "
            "as the mix moved towards services, which carry a higher margin.",
            "Operating expenses grew 9%, mostly research and development. We returned "
            "$110 billion to shareholders through dividends and repurchases during the year.",
        ]
    )
    path = make_pdf(text, made / "english.pdf", font="builtin", footer="Page {page}")
    assert read(readers.read_pdf, path) == text


def test_scanned_pdf_asks_for_ocr(made: Path) -> None:
    path = make_scan_pdf(made / "scan.pdf")
    with pytest.raises(UnreadableInput) as error:
        read(readers.read_pdf, path)
    assert message(error) == (
        f"{path}: this PDF has no text layer (a scanned image?); run OCR first"
    )


def test_password_protected_pdf_is_refused(made: Path) -> None:
    path = make_encrypted_pdf(made / "locked.pdf")
    with pytest.raises(UnreadableInput) as error:
        read(readers.read_pdf, path)
    assert message(error) == f"{path}: the PDF is encrypted"


def test_pdf_encrypted_without_a_user_password_is_read(made: Path) -> None:
    path = make_encrypted_pdf(made / "restricted.pdf", user_password="")
    assert read(readers.read_pdf, path) == "Annual report 2021: net sales rose 12%."


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n1 0 obj garbage", b"not a pdf at all", b""],
    ids=["truncated", "text", "empty"],
)
def test_corrupt_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableInput) as error:
        readers.read_pdf(data, Path("broken.pdf"))
    assert message(error) == "broken.pdf: not a valid PDF (Data format error)"


# --------------------------------------------------------------------------- Word


@pytest.mark.parametrize("heading_styles", [True, False], ids=["heading-styles", "all-normal"])
def test_docx_of_the_seed_reads_back_exactly(made: Path, heading_styles: bool) -> None:
    path = make_docx(CLEAN, made / f"seed-{heading_styles}.docx", heading_styles=heading_styles)
    text = read(readers.read_docx, path)
    assert text == CLEAN
    assert repair()(text) == CLEAN


@pytest.mark.parametrize("heading_styles", [True, False], ids=["heading-styles", "all-normal"])
def test_docx_whose_headings_word_numbers_reads_back_with_the_numbers(
    made: Path, heading_styles: bool
) -> None:
    """Word's automatic numbering is not in a paragraph's text: a report whose 一、 … 八、 are a
    numbered list lost them, and with them its outline (no headings, paragraphs grouped)."""
    import docx

    path = make_docx(
        CLEAN,
        made / f"numbered-{heading_styles}.docx",
        heading_styles=heading_styles,
        numbered="chineseCounting",
    )
    typed = [p.text for p in docx.Document(str(path)).paragraphs]
    assert not any(SECTION_HEADING.match(line) for line in typed)  # Word numbers them
    assert read(readers.read_docx, path) == CLEAN


@pytest.mark.parametrize(
    ("number_format", "first", "tenth"),
    [
        ("decimal", "1、", "10、"),
        ("chineseCounting", "一、", "十、"),
        ("upperRoman", "I、", "X、"),
        ("ideographTraditional", "甲、", "癸、"),
        ("bullet", "", ""),
    ],
)
def test_docx_list_numbers_in_words_formats(
    tmp_path: Path, number_format: str, first: str, tenth: str
) -> None:
    text = "\n".join(f"一、第{k}项工作" for k in range(1, 11))
    path = make_docx(text, tmp_path / "list.docx", heading_styles=False, numbered=number_format)
    lines = read(readers.read_docx, path).splitlines()
    assert (lines[0], lines[9]) == (first + "第1项工作", tenth + "第10项工作")


def test_docx_styles_are_looked_up_once_per_style_not_per_paragraph(
    made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-docx finds a paragraph's style by going through all the document's styles: asked
    for each paragraph (its heading level, its numbering), reading took 0.8 s for a report of
    380 paragraphs, 0.1 s now."""
    from docx.text.paragraph import Paragraph

    asked = []
    style = Paragraph.style
    monkeypatch.setattr(
        Paragraph, "style", property(lambda p: asked.append(1) or style.fget(p), style.fset)
    )
    body = "\n".join(CLEAN_LINES[1:])
    path = make_docx(
        "\n".join([CLEAN_LINES[0], *[body] * 4]), made / "long.docx", heading_styles=True
    )
    assert read(readers.read_docx, path) == "\n".join([CLEAN_LINES[0], *[body] * 4])
    assert len(asked) <= 4  # title, heading, body (and the default): one lookup each


def test_docx_list_levels_number_under_their_parent_item(tmp_path: Path) -> None:
    """A second level （%2） starts again at （一） under each new first-level item; an empty
    item takes its number, as Word shows it."""
    path = make_list_levels_docx(tmp_path / "levels.docx")
    assert read(readers.read_docx, path).splitlines() == LEVELS_READ


# How Word shows LIST_LEVEL_ITEMS.
LEVELS_READ = [
    "一、甲",
    "（一）乙",
    "（三）丙",  # Word shows （二） on the empty item
    "二、丁",
    "（一）戊",
]


def test_docx_reads_as_its_tracked_changes_accepted(tmp_path: Path) -> None:
    """A draft with tracked changes: inserted and moved-in text counts, deleted and moved-out
    text does not, and text in a content control counts; in a table cell too. Only the runs
    right under a paragraph were read: the inserted 12所 was lost, and with it the figure."""
    path = make_tracked_docx(tmp_path / "tracked.docx")
    assert read(readers.read_docx, path).splitlines() == TRACKED_READ


# make_tracked_docx's draft, its changes accepted.
TRACKED_READ = [
    "全市新建学校12所，新增学位5400个。",
    "学校数 | 12所",
]


def test_docx_whose_numbering_part_is_not_xml_reads_without_numbers(tmp_path: Path) -> None:
    """A numbering part of another content type is no XML part: reading its lists raised
    AttributeError (a traceback). Its paragraphs read without numbers."""
    import docx

    document = docx.Document()
    document.add_paragraph("全市新建学校12所。")
    made_now = io.BytesIO()
    document.save(made_now)
    numbering = b"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
    out = io.BytesIO()
    with zipfile.ZipFile(made_now) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(numbering, b"application/octet-stream")
            target.writestr(item, data)
    path = tmp_path / "numbering.docx"
    path.write_bytes(out.getvalue())
    assert read(readers.read_docx, path) == "全市新建学校12所。"


def test_docx_seed_headings_really_carry_heading_styles(made: Path) -> None:
    import docx

    path = make_docx(CLEAN, made / "styled.docx", heading_styles=True)
    styles = [p.style.name for p in docx.Document(str(path)).paragraphs]
    assert styles.count("Heading 1") == 8
    assert styles[0] == "Title"


def _outline_level(paragraph: object, value: int) -> None:
    """Give a python-docx paragraph a direct outline level, as Word's paragraph dialog does."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), str(value))
    paragraph._p.get_or_add_pPr().append(level)  # type: ignore[attr-defined]


def test_docx_heading_styles_and_outline_levels_become_markdown_headings(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    custom = document.styles.add_style("Chapter Heading", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("2021 Annual Report", style="Title")
    document.add_paragraph("Results of Operations", style="Heading 1")
    document.add_paragraph("Net sales rose 12%.")
    document.add_paragraph("Segment Information", style="Heading 2")
    document.add_paragraph("Based on a heading style", style="Chapter Heading")
    document.add_paragraph("一、党的领导坚强有力", style="Heading 1")
    document.add_paragraph("（一）加强领导", style="Heading 2")
    document.add_paragraph("第一章 总则", style="Heading 1")
    document.add_paragraph("Item 7. Management's Discussion", style="Heading 1")
    document.add_paragraph("1. Overview", style="Heading 2")
    _outline_level(document.add_paragraph("Outline level two"), 1)
    _outline_level(document.add_paragraph("Outline level body text"), 9)
    document.add_paragraph("一是“五星三名”夯实基础。全面深化党组织领导的校长负责制试点。")
    path = tmp_path / "headings.docx"
    document.save(str(path))

    assert read(readers.read_docx, path).splitlines() == [
        "2021 Annual Report",
        "# Results of Operations",
        "Net sales rose 12%.",
        "## Segment Information",
        "## Based on a heading style",
        "一、党的领导坚强有力",
        "（一）加强领导",
        "第一章 总则",
        "Item 7. Management's Discussion",
        "1. Overview",
        "## Outline level two",
        "Outline level body text",
        "一是“五星三名”夯实基础。全面深化党组织领导的校长负责制试点。",
    ]


def test_docx_tables_become_cell_lines_in_document_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("主要指标如下：")
    table = document.add_table(rows=4, cols=3)
    for row, values in zip(
        table.rows,
        [("指标", "2020年", "2021年"), ("", "", ""), ("学校", "370", "382")],
        strict=False,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = table.cell(3, 0).merge(table.cell(3, 1))
    merged.text = "合计"
    table.cell(3, 2).text = "752"
    document.add_paragraph("表后正文。")
    paragraph = document.add_paragraph("第一行")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行")
    path = tmp_path / "table.docx"
    document.save(str(path))

    assert read(readers.read_docx, path).splitlines() == [
        "主要指标如下：",
        "指标 | 2020年 | 2021年",
        "学校 | 370 | 382",
        "合计 | 合计 | 752",
        "表后正文。",
        "第一行",
        "第二行",
    ]


@pytest.mark.parametrize("suffix", [".html", ".docx", ".odt"])
def test_a_merged_cell_stands_in_each_place_it_spans(tmp_path: Path, suffix: str) -> None:
    """A cell merged across columns or rows (HTML rowspan and colspan, Word's w:gridSpan and
    w:vMerge, OpenDocument's spanned and covered cells) is read in each place it covers, so
    that every cell stands under its own column: 上虞区's 3% had stood under 2021年's 数量 in
    HTML and OpenDocument (10所, merged with 柯桥区's, written once), and a Word row's cells
    after a merged one had shifted left. A note across the whole table is read once."""
    from compare.ingest import read_text
    from compare.settings import Settings

    path = make_merged_table(tmp_path / f"table{suffix}")
    assert read_text(path, settings=Settings()).text.splitlines()[3:] == [
        "地区 | 2021年 | 2021年 | 2022年 | 2022年",
        "地区 | 数量 | 增长 | 数量 | 增长",
        "越城区 | 12所 | 5% | 15所 | 6%",
        "柯桥区 | 10所 | 4% | 11所 | 7%",
        "上虞区 | 10所 | 3% | 12所 | 9%",
        "注：数据来源于市统计局。",
    ]


def _zip(members: dict[str, str]) -> bytes:
    """Return a zip archive holding the given files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
NO_RELATIONSHIPS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (bytes(range(256)) * 4, "not a zip archive"),
        (_zip({"hello.txt": "hi"}), "There is no item named '[Content_Types].xml' in the archive"),
        (
            _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": NO_RELATIONSHIPS}),
            "no relationship of type 'http://schemas.openxmlformats.org/officeDocument/2006/"
            "relationships/officeDocument' in collection",
        ),
    ],
    ids=["random-bytes", "zip-without-parts", "zip-without-word-document"],
)
def test_corrupt_docx_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableInput) as error:
        readers.read_docx(data, Path("report.docx"))
    assert message(error) == f"report.docx: not a valid Word document ({reason})"


# A table inside a table's cell, as each Word and OpenDocument reader reads it: the inner table's
# text, row by row, is the outer cell's. (The .docx reader had left it out, 12所 and 8所 with it;
# the .doc reader wrote its cells as the outer row's; the .odt reader its rows twice.)
NESTED_READ = ["表前一段。", "指标 | 数值", "学校 | 小学 12所 中学 8所", "表后一段。"]


def test_docx_table_inside_a_cell_is_that_cells_text(tmp_path: Path) -> None:
    path = make_nested_table_docx(tmp_path / "nested.docx")
    assert read(readers.read_docx, path).splitlines() == NESTED_READ


# --------------------------------------------------------------------------- Word 97-2003 (.doc)

WORD97 = Path(__file__).resolve().parents[1] / "fixtures" / "word97"
ODT = Path(__file__).resolve().parents[1] / "fixtures" / "odt"


@pytest.fixture(scope="session")
def word97() -> dict[str, Path]:
    """The real .doc files LibreOffice wrote from files made by tests/makedocs.py (see
    fixtures/word97/README.md): the seed with heading styles and without, a table, and a page
    with a header, a footnote, fields and a table with an empty cell."""
    return {path.stem: path for path in sorted(WORD97.glob("*.doc"))}


@pytest.mark.parametrize("name", ["seed-styled", "seed-normal", "seed-numbered"])
def test_doc_of_the_seed_reads_back_exactly(word97: dict[str, Path], name: str) -> None:
    """seed-numbered's 一、 are Word's automatic numbers, not in its text: they are written."""
    assert read(readers.read_doc, word97[name]) == CLEAN


def test_doc_list_levels_number_under_their_parent_item(word97: dict[str, Path]) -> None:
    assert read(readers.read_doc, word97["levels"]).splitlines() == LEVELS_READ


def test_doc_table_inside_a_cell_is_that_cells_text(word97: dict[str, Path]) -> None:
    assert read(readers.read_doc, word97["nested"]).splitlines() == NESTED_READ


def test_doc_reads_as_its_tracked_changes_accepted(word97: dict[str, Path]) -> None:
    """Deleted text stays in a .doc's text, marked deleted: it was read (全市新建学校12所10所，旧址，…)."""
    assert read(readers.read_doc, word97["tracked"]).splitlines() == TRACKED_READ


def test_doc_heading_styles_and_table_rows(word97: dict[str, Path]) -> None:
    """A Heading 1 paragraph is a Markdown heading; a row is `cell | cell`, a cell's two
    paragraphs one cell."""
    assert read(readers.read_doc, word97["table"]).splitlines() == [
        "# Annual report 2021",
        "Net sales rose 6%.",
        "Item | 2021 | 2020",
        "Net sales (in millions) | $1,234 | $1,000",
    ]


def test_doc_leaves_out_header_and_notes_and_keeps_field_results(word97: dict[str, Path]) -> None:
    """No page header, no footnote mark or text; a field shows its result; an empty cell stays
    a cell, so the row keeps its columns."""
    assert read(readers.read_doc, word97["fields"]).splitlines() == FIELDS_READ


# FIELDS_BODY as read: a header, a footnote and its mark left out, a field's result kept, an
# empty cell kept a cell.
FIELDS_READ = [
    "一、总体情况",
    "全市共有学校120所，比上年增加3所。",
    "本页为第1页，详见官网。",
    "指标 | 2020年 | 2021年",
    "学校数 |  | 120所",
    "表后一段。",
]


@pytest.mark.parametrize(
    "path",
    [WORD97 / "seed-normal.doc", WORD97 / "seed-numbered.doc", ODT / "seed-numbered.odt"],
    ids=["doc", "doc-numbered", "odt-numbered"],
)
def test_office_file_of_the_seed_parses_as_the_text_does(path: Path, tmp_path: Path) -> None:
    from compare.pipeline import read_report

    text = tmp_path / "seed.txt"
    text.write_text(CLEAN, encoding="utf-8")
    from_file, from_text = read_report(path), read_report(text)
    assert from_file.source.format == path.suffix[1:]
    assert from_file.sections == from_text.sections
    assert from_file.metrics == from_text.metrics


def test_doc_flagged_obfuscated_but_not_encrypted_is_read(tmp_path: Path) -> None:
    """fObfuscated says how an encrypted file is encrypted, and nothing without fEncrypted."""
    streams = word_streams([("全市新建学校12所。\r", False)], flags=0x8200)
    path = make_compound_file(streams, tmp_path / "flagged.doc")
    assert read(readers.read_doc, path) == "全市新建学校12所。"


@pytest.mark.parametrize("fast_saved", [False, True], ids=["saved", "fast-saved"])
def test_doc_pieces_stored_8_bit_and_as_utf16_read_in_order(
    tmp_path: Path, fast_saved: bool
) -> None:
    """Word stores a run of Latin text in 8 bits (Windows-1252) and Chinese in UTF-16, each a
    piece of its own; a field's code is left out and its result kept. A fast save puts
    property modifiers before the piece table."""
    streams = word_streams(
        [
            ("Revenue rose 5% \u2013 see page \x13 PAGEREF _Toc1 \\h \x147\x15.\r", True),
            ('营业收入增长5%。\x13 HYPERLINK "http://x" \x14详见\x15\r', False),
            ("Net \x1eincome\x0bnext line\r", True),
        ],
        fast_saved=fast_saved,
    )
    path = make_compound_file(streams, tmp_path / "pieces.doc")
    assert read(readers.read_doc, path).splitlines() == [
        "Revenue rose 5% \u2013 see page 7.",
        "营业收入增长5%。详见",
        "Net -income",
        "next line",
    ]


@pytest.mark.parametrize(
    ("streams", "problem"),
    [
        ({"Workbook": b"x"}, "an Excel workbook (.xls)"),
        ({"EncryptedPackage": b"x"}, "a password-protected Office file"),
        ({"Contents": b"x"}, "an Office file that holds no document"),
        (word_streams([("a\r", True)], flags=0x0300), "a password-protected Word document"),
        (word_streams([("a\r", True)], nfib=0x65), "a Word 6 or Word 95 document"),
        ({"WordDocument": b"\xdc\xa5" + bytes(600)}, "a Word 6 or Word 95 document"),
        (
            {"EncryptedPackage": b"x", **word_streams([("a\r", True)])},
            "a password-protected Office file",
        ),
        ({"WordDocument": bytes(600)}, "not a valid Word document (its WordDocument stream has no"),
        (
            {"WordDocument": word_streams([("a\r", True)])["WordDocument"]},
            "not a valid Word document (its 1Table stream is missing)",
        ),
    ],
    ids=[
        "xls",
        "encrypted-docx",
        "other",
        "password",
        "word95",
        "word95-header",
        "encrypted-with-word-stream",
        "no-header",
        "no-table",
    ],  # fmt: skip
)
def test_compound_files_that_are_no_readable_doc_are_named(
    tmp_path: Path, streams: dict[str, bytes], problem: str
) -> None:
    path = make_compound_file(streams, tmp_path / "report.doc")
    with pytest.raises(UnreadableInput) as error:
        read(readers.read_doc, path)
    assert message(error).startswith(f"{path}: {problem}")


def _pieces_patched(cps: list[int], *, same_text: bool = False) -> dict[str, bytes]:
    """Word streams of three 8-bit pieces of 2,000 characters whose piece table is then given
    `cps` (and with `same_text`, every piece the first one's bytes), as damaged files have."""
    import struct

    streams = word_streams([("x" * 1999 + "\r", True)] * 3)
    word, table = bytearray(streams["WordDocument"]), bytearray(streams["1Table"])
    struct.pack_into("<4I", table, 5, *cps)
    if same_text:
        (first,) = struct.unpack_from("<I", table, 5 + 16 + 2)
        for index in (1, 2):
            struct.pack_into("<I", table, 5 + 16 + 8 * index + 2, first)
    struct.pack_into("<i", word, 0x4C, cps[-1])
    return {"WordDocument": bytes(word), "1Table": bytes(table)}


@pytest.mark.parametrize(
    ("streams", "problem"),
    [
        (_pieces_patched([0, 2000, 1000, 6000]), "its pieces of text overlap"),
        (
            _pieces_patched([0, 10**6, 2 * 10**6, 3 * 10**6], same_text=True),
            "its pieces of text claim more than the file holds",
        ),
    ],
    ids=["overlapping", "one-text-many-times"],
)
def test_doc_whose_piece_table_is_damaged_is_refused(
    tmp_path: Path, streams: dict[str, bytes], problem: str
) -> None:
    """A piece table that reads text twice is refused: one that read the same bytes over and
    over could make gigabytes of text of a small file."""
    path = make_compound_file(streams, tmp_path / "report.doc")
    with pytest.raises(UnreadableInput) as error:
        read(readers.read_doc, path)
    assert message(error) == f"{path}: not a valid Word document ({problem})"


def test_damaged_doc_is_refused_in_one_line(word97: dict[str, Path]) -> None:
    """Cut short or with bytes changed, a real .doc reads or is refused, never a traceback."""
    import random

    data = word97["fields"].read_bytes()
    rng = random.Random(7)
    damaged = [data[:cut] for cut in range(0, len(data), 512)]
    for _ in range(300):
        changed = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            changed[rng.randrange(len(changed))] = rng.randrange(256)
        damaged.append(bytes(changed))
    for sample in damaged:
        try:
            readers.read_doc(sample, Path("damaged.doc"))
        except UnreadableInput as error:
            assert str(error).startswith("damaged.doc: ")
            assert "\n" not in str(error)


# --------------------------------------------------------------------------- OpenDocument (.odt)


@pytest.fixture(scope="session")
def odt() -> dict[str, Path]:
    """LibreOffice's .odt files of the same sources as fixtures/word97 (fixtures/odt/README.md)."""
    return {path.stem: path for path in sorted(ODT.glob("*.odt"))}


@pytest.mark.parametrize("name", ["seed-styled", "seed-normal", "seed-numbered"])
def test_odt_of_the_seed_reads_back_exactly(odt: dict[str, Path], name: str) -> None:
    """seed-numbered's 一、 are a list's numbers, in its list style, not in its text."""
    assert read(readers.read_odt, odt[name]) == CLEAN


def test_odt_lists_tracked_changes_and_tables(odt: dict[str, Path]) -> None:
    assert read(readers.read_odt, odt["levels"]).splitlines() == LEVELS_READ
    assert read(readers.read_odt, odt["tracked"]).splitlines() == TRACKED_READ
    assert read(readers.read_odt, odt["table"]).splitlines() == [
        "# Annual report 2021",
        "Net sales rose 6%.",
        "Item | 2021 | 2020",
        "Net sales (in millions) | $1,234 | $1,000",
    ]
    assert read(readers.read_odt, odt["nested"]).splitlines() == NESTED_READ
    fields = read(readers.read_odt, odt["fields"]).splitlines()
    # LibreOffice stores a page number it has not laid out as 0: the field shows what it holds.
    assert re.fullmatch(r"本页为第\d+页，详见官网。", fields[2])
    assert fields[:2] + fields[3:] == FIELDS_READ[:2] + FIELDS_READ[3:]


@pytest.mark.parametrize(
    ("members", "problem"),
    [
        ({"mimetype": "application/vnd.oasis.opendocument.text"}, "(no content.xml)"),
        (
            {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<a><b>"},
            "not a valid OpenDocument text (",
        ),
        (
            {
                "mimetype": "application/vnd.oasis.opendocument.text",
                "content.xml": '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
            },
            "not an OpenDocument text (no text body)",
        ),
    ],
    ids=["no-content", "broken-xml", "external-entity"],
)
def test_damaged_odt_is_refused_in_one_line(
    tmp_path: Path, members: dict[str, str], problem: str
) -> None:
    """A file's entities are never resolved (no file is read through one)."""
    path = tmp_path / "report.odt"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    with pytest.raises(UnreadableInput) as error:
        read(readers.read_odt, path)
    assert problem in message(error) and "\n" not in message(error)


# --------------------------------------------------------------------------- HTML


def test_html_page_of_the_seed_keeps_only_the_article(made: Path) -> None:
    path = make_html(CLEAN, made / "seed.html")
    text = readers.read_html(path.read_text(encoding="utf-8"), path)
    expected = ["# " + CLEAN_LINES[0], *CLEAN_LINES[1:]]
    assert text.splitlines() == expected
    assert repair()(text).splitlines() == expected


def test_html_page_of_the_seed_really_has_chrome(made: Path) -> None:
    page = make_html(CLEAN, made / "chrome.html").read_text(encoding="utf-8")
    for chrome in ("<script>", "<nav", "<footer>", "<aside", "<form", "浙ICP备", "工作动态"):
        assert chrome in page


def test_html_scripts_styles_and_hidden_blocks_do_not_survive() -> None:
    page = """<html><body><article>
      <h1>年度报告</h1>
      <script>document.write("统计代码");</script>
      <style>p { color: red }</style>
      <noscript>请启用脚本</noscript>
      <p>正文第一段。</p>
      <div style="display: none">隐藏的内容</div>
      <p hidden>也隐藏</p>
      <!-- 注释 -->
      <p>正文第二段。</p>
    </article></body></html>"""
    assert readers.read_html(page, Path("a.html")) == "# 年度报告\n正文第一段。\n正文第二段。"


def test_html_lines_about_the_page_do_not_survive() -> None:
    """A Chinese site's article carries lines about the page: when it was posted, where from,
    how often read, the font size, print, close and share. 浏览次数：1234 read as a figure (it
    changes with every visit) and 10:23 as one labelled by the date; a report's own sentences
    that name a source or 中小学 stay."""
    page = """<html><body><article>
      <h1>年度报告</h1>
      <div class="info">发布时间：2022-01-10 10:23 来源：市教育局 浏览次数：1234 字号：[大 中 小]</div>
      <p>全市中小学和中小企业共100家，数据来源：市统计局。</p>
      <div>作者：办公室</div>
      <div class="share">分享到：微信 微博 【打印本页】【关闭窗口】</div>
      <div>上一篇：绍兴市教育局2020年工作总结</div>
    </article></body></html>"""
    assert readers.read_html(page, Path("a.html")).splitlines() == [
        "# 年度报告",
        "全市中小学和中小企业共100家，数据来源：市统计局。",
    ]


def test_html_a_sites_footer_outside_a_footer_element_does_not_survive() -> None:
    """A government site's footer, in a <div> of the body: its licence numbers (浙ICP备12345678号)
    read as figures of the last section. A report's sentence about copyright stays."""
    page = """<html><body>
      <h1>某市2021年政府工作报告</h1>
      <p>一、2020年工作回顾</p>
      <p>加强版权保护，版权登记量增长12%。</p>
      <div class="foot">
        <p>版权所有：某市人民政府 主办：某市人民政府办公室</p>
        <p>网站标识码：3306000001 浙ICP备12345678号</p>
        <p>浙公网安备 33060202000001号</p>
        <p>网站地图 | 联系我们</p>
        <p>技术支持：某某网络公司</p>
      </div>
    </body></html>"""
    assert readers.read_html(page, Path("a.html")).splitlines() == [
        "# 某市2021年政府工作报告",
        "一、2020年工作回顾",
        "加强版权保护，版权登记量增长12%。",
    ]


def test_html_blocks_headings_breaks_and_tables() -> None:
    page = """<html><body><main>
      <header><h1>Annual   Report</h1><p>Published 2021</p></header>
      <h2>Results of operations</h2>
      <h2>一、党的领导坚强有力</h2>
      <h3>Item 7. Management's Discussion</h3>
      <p>第一句，
         第二句。</p>
      <p>Net sales
         rose 12%.</p>
      <p>第一行<br>第二行<br/>第三行</p>
      <ul><li>一项</li><li>二项 <a href="/x">详见附件</a> 说明较长的文字</li></ul>
      <table><tr><th>指标</th><th>2021年</th></tr><tr><td>学校</td><td>382</td></tr></table>
      <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
      <footer><p>Printed from the site</p></footer>
    </main></body></html>"""
    assert readers.read_html(page, Path("a.html")).splitlines() == [
        "# Annual Report",
        "Published 2021",
        "## Results of operations",
        "一、党的领导坚强有力",
        "Item 7. Management's Discussion",
        "第一句，第二句。",
        "Net sales rose 12%.",
        "第一行",
        "第二行",
        "第三行",
        "一项",
        "二项 详见附件 说明较长的文字",
        "指标 | 2021年",
        "学校 | 382",
    ]


# What a Markdown report adds to the seed's text, after its first section: a comment, lists and
# a pipe table.
MARKDOWN_PARTS = """
<!-- 草稿：2022年1月5日修改，
     送审前删除 -->

- 新建学校12所
- 新增学位8000个
* 培训教师3000人次

1. 完成投资20亿元。
2) 学前教育普惠率达到90%。

| 指标 | 2020年 | 2021年 |
|:---|---:|:---:|
| 学校数 | 370所 | 382所 |
| 在校学生 | 12万人 | 13万人 |
"""


def _seed_markdown() -> str:
    """Return the clean seed as Markdown (# its title, ## its sections, a blank line between
    paragraphs) with MARKDOWN_PARTS before its second section."""
    headings = [k for k, line in enumerate(CLEAN_LINES) if SECTION_HEADING.match(line)]
    lines = [f"## {line}" if k in headings else line for k, line in enumerate(CLEAN_LINES)]
    lines[0] = f"# {lines[0]}"
    lines.insert(headings[1], MARKDOWN_PARTS)
    return "\n\n".join(lines) + "\n"


def test_a_markdown_report_reads_as_the_page_it_renders_to(tmp_path: Path) -> None:
    """A Markdown report had kept its list markers in its sentences (- 新建学校12所, 2) …), read
    its comments as text (their 2022年1月5日 as figures), and its pipe tables as text (its rows
    joined into one sentence with its delimiter row, no figure under its column): it now reads
    as the page a Markdown renderer makes of it, figure for figure."""
    from markdown_it import MarkdownIt

    from compare.pipeline import read_report

    text = _seed_markdown()
    markdown = tmp_path / "report.md"
    markdown.write_text(text, encoding="utf-8")
    page = MarkdownIt("commonmark").enable("table").render(text)
    html = tmp_path / "report.html"
    html.write_text(f"<html><body><article>{page}</article></body></html>", encoding="utf-8")
    read = read_report(markdown)
    last = next(s for s in read.walk() if s.heading == "清廉教育涵养生态")
    assert last.sentences[-8:] == (
        "新建学校12所",
        "新增学位8000个",
        "培训教师3000人次",
        "完成投资20亿元。",
        "学前教育普惠率达到90%。",
        "指标 | 2020年 | 2021年",
        "学校数 | 370所 | 382所",
        "在校学生 | 12万人 | 13万人",
    )
    figures = [(m.label, m.text, m.column) for m in read.metrics]
    assert ("在校学生", "13万人", "2021年") in figures
    assert not [m for m in read.metrics if "送审" in m.label or m.text == "5日"]

    def shown(report: Report) -> object:
        sections = [(s.heading, s.sentences) for s in report.walk()]
        return sections, [(m.label, m.text, m.column) for m in report.metrics]

    assert shown(read) == shown(read_report(html))


def test_html_prose_that_links_the_documents_it_names_stays() -> None:
    """A Chinese government page links each document title it cites: a paragraph whose text is
    mostly its links' had been dropped whole as navigation, its figures with it (12件). Menus,
    breadcrumbs, lists of links and share buttons, whose text outside links ends no sentence,
    still go."""
    page = """<html><body><article>
      <h1>宁波市教育局2022年工作总结</h1>
      <div class="crumbs"><a href="/">首页</a> &gt; <a href="/gk">政务公开</a> &gt; <a href="/gk/zj">工作总结</a></div>
      <h2>一、政策制定</h2>
      <p>全年出台<a href="/a">《宁波市义务教育条例实施办法》</a>等文件12件。</p>
      <p>印发<a href="/a">《宁波市学前教育三年行动计划》</a>、<a href="/b">《宁波市教师队伍建设意见》</a>、<a href="/c">《关于规范校外培训的通知》</a>3件。</p>
      <ul><li><a href="/1">2021年工作总结</a></li><li><a href="/2">2020年工作总结</a></li></ul>
      <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    </article></body></html>"""  # noqa: E501
    assert readers.read_html(page, Path("a.html")).splitlines() == [
        "# 宁波市教育局2022年工作总结",
        "一、政策制定",
        "全年出台《宁波市义务教育条例实施办法》等文件12件。",
        "印发《宁波市学前教育三年行动计划》、《宁波市教师队伍建设意见》、《关于规范校外培训的通知》3件。",
    ]


@pytest.mark.parametrize(
    "banner",
    [
        '<div class="header">宁波市人民政府门户网站 | 2023年1月5日 星期四</div>',
        '<div id="top" class="top-bar">宁波市人民政府门户网站 | 2023年1月5日 星期四</div>',
        "<header>宁波市人民政府门户网站 | 2023年1月5日 星期四</header>",
    ],
    ids=["class-header", "id-top", "header-element"],
)
def test_html_a_sites_banner_named_so_does_not_survive(banner: str) -> None:
    """A page without <article> or <main>: a banner written as <div class="header"> had stood
    before the report's <h1> as its title (政府工作报告, year unknown). A block so named that
    holds a heading, or most of the page, stays."""
    page = f"""<html><body>
      {banner}
      <div class="main">
        <h1>2022年宁波市人民政府工作报告</h1>
        <div class="head"><h2>一、2021年工作回顾</h2></div>
        <p>全市地区生产总值达到14595亿元，增长8.2%。</p>
      </div>
      <div class="footer">主办单位：宁波市人民政府办公厅 地址：宁波市宁穿路2001号</div>
    </body></html>"""
    assert readers.read_html(page, Path("a.html")).splitlines() == [
        "# 2022年宁波市人民政府工作报告",
        "一、2021年工作回顾",
        "全市地区生产总值达到14595亿元，增长8.2%。",
    ]


def test_html_a_page_inside_a_block_named_top_is_kept() -> None:
    page = """<html><body><div id="top">
      <p>宁波市教育局2022年工作总结</p><p>全市新建学校12所。</p>
    </div></body></html>"""
    assert readers.read_html(page, Path("a.html")).splitlines() == [
        "宁波市教育局2022年工作总结",
        "全市新建学校12所。",
    ]


def test_html_layout_table_page_without_article_keeps_its_paragraphs() -> None:
    page = """<html><body>
      <div id="top"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/gk">公开</a></div>
      <table><tr>
        <td class="left"><a href="/1">通知一</a><br><a href="/2">通知二</a></td>
        <td><p>绍兴市教育局2021年工作总结</p><p>一、党的领导坚强有力</p></td>
      </tr></table>
    </body></html>"""
    assert readers.read_html(page, Path("a.html")).splitlines() == [
        "绍兴市教育局2021年工作总结",
        "一、党的领导坚强有力",
    ]


def test_docx_block_content_controls_are_read(tmp_path: Path) -> None:
    """A paragraph inside a block content control (w:sdt, in the body or in a table cell) had
    been left out, its figures with it; its text is read where it stands."""
    import docx
    from lxml import etree

    def controlled(paragraph: object) -> None:
        element = paragraph._p  # type: ignore[attr-defined]
        sdt = etree.Element(f"{{{W_NS}}}sdt")
        etree.SubElement(sdt, f"{{{W_NS}}}sdtPr")
        content = etree.SubElement(sdt, f"{{{W_NS}}}sdtContent")
        element.addprevious(sdt)
        content.append(element)

    document = docx.Document()
    document.add_paragraph("宁波市教育局2022年工作总结")
    controlled(document.add_paragraph("全市幼儿园在园幼儿20万人。"))
    document.add_paragraph("全市新建学校12所。")
    cell = document.add_table(rows=1, cols=2).rows[0].cells
    cell[0].paragraphs[0].text = "学校（所）"
    cell[1].paragraphs[0].text = "120"
    controlled(cell[1].paragraphs[0])
    path = tmp_path / "sdt-2022.docx"
    document.save(str(path))
    assert read(readers.read_docx, path).splitlines() == [
        "宁波市教育局2022年工作总结",
        "全市幼儿园在园幼儿20万人。",
        "全市新建学校12所。",
        "学校（所） | 120",
    ]


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --------------------------------------------------------------------------- soft line breaks

SOFT_BROKEN = "一、主要成绩\n全市新建学校12所，新增学位\n8,000个。\n\n城乡差距仍然存在"
SOFT_READ = [
    "宁波市教育局2022年工作总结",
    "一、主要成绩",
    "全市新建学校12所，新增学位8,000个。",
    "城乡差距仍然存在",
    "Net sales rose 6%.",
]


def _soft_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("宁波市教育局2022年工作总结")
    document.add_paragraph(SOFT_BROKEN)  # python-docx writes each "\n" as a w:br
    document.add_paragraph("Net sales\nrose 6%.")
    document.save(str(path))
    return path


def _soft_odt(path: Path) -> Path:
    body = "".join(
        "<text:p>{}</text:p>".format(line.replace("\n", "<text:line-break/>"))
        for line in ("宁波市教育局2022年工作总结", SOFT_BROKEN, "Net sales\nrose 6%.")
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            f"<office:body><office:text>{body}</office:text></office:body>"
            "</office:document-content>",
        )
    return path


def _soft_html(path: Path) -> Path:
    body = "".join(
        "<p>{}</p>".format(line.replace("\n", "<br>\n  "))
        for line in ("宁波市教育局2022年工作总结", SOFT_BROKEN, "Net sales\nrose 6%.")
    )
    path.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [_soft_docx, _soft_odt, _soft_html], ids=["docx", "odt", "html"])
def test_a_soft_line_break_inside_a_sentence_does_not_split_it(
    tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    """A line break inside a paragraph (Shift+Enter in Word, <br>) had split the sentence it
    stood in (新增学位 / 8,000个。: a figure without its label); now it is read as the
    paragraph's line break: a sentence goes on across it, a heading or a sentence's end stops
    before it, and two in a row end the paragraph."""
    from compare.ingest import read_text
    from compare.settings import Settings

    suffix = make.__name__.rsplit("_", 1)[1]
    path = make(tmp_path / f"soft-2022.{suffix}")
    assert read_text(path, settings=Settings()).text.splitlines() == SOFT_READ


def test_html_a_line_about_the_page_goes_without_the_line_broken_from_it() -> None:
    page = """<html><body><article><h1>宁波市教育局2022年工作总结</h1>
      <p>发布时间：2022-01-10 来源：市教育局<br>全市新建学校12所，新增学位<br>8,000个。</p>
    </article></body></html>"""
    assert readers.read_html(page, Path("a.html")).split("\n") == [
        "# 宁波市教育局2022年工作总结",
        f"全市新建学校12所，新增学位{readers.SOFT_BREAK}8,000个。",
    ]


# --------------------------------------------------------------------------- shared


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Results", "## Results"),
        ("一、总体情况", "一、总体情况"),
        ("（二）主要做法", "（二）主要做法"),
        ("(3) Liquidity", "(3) Liquidity"),
        ("2.1 Revenue", "2.1 Revenue"),
        ("3、工作亮点", "3、工作亮点"),
        ("第三章 附则", "第三章 附则"),
        ("PART II", "PART II"),
        ("IV. Outlook", "IV. Outlook"),
        ("2021 in review", "## 2021 in review"),
    ],
)
def test_heading_line_leaves_numbered_headings_alone(text: str, expected: str) -> None:
    assert readers.heading_line(2, text) == expected


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("pypdfium2", lambda: readers.read_pdf(b"%PDF-", Path("a.pdf"))),
        ("docx", lambda: readers.read_docx(b"PK", Path("a.docx"))),
        ("bs4", lambda: readers.read_html("<p>x</p>", Path("a.html"))),
        ("striprtf", lambda: readers.read_rtf(rb"{\rtf1 x}", Path("a.rtf"))),
    ],
    ids=["pdf", "docx", "html", "rtf"],
)
def test_missing_library_names_the_extra(
    module: str, call: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # makes `import module` fail, and `from module.sub import …` once module.sub is loaded
    for name in [module, *(name for name in sys.modules if name.startswith(module + "."))]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(UnreadableInput) as error:
        call()
    assert "pip install 'compare[formats]'" in message(error)
    assert re.match(r"a\.(pdf|docx|html|rtf): reading this format needs ", message(error))


# --------------------------------------------------------------------------- through ingest


@pytest.mark.parametrize("kind", ["pdf", "docx", "docx-plain", "html"])
def test_ingest_reads_each_format_to_the_clean_text(made: Path, kind: str) -> None:
    ingest = pytest.importorskip("compare.ingest", reason="compare.ingest is not written yet")
    from compare.settings import Settings

    if kind == "pdf":
        path = make_pdf(CLEAN, made / "ingest.pdf", font="builtin")
    elif kind == "html":
        path = make_html(CLEAN, made / "ingest.html")
    else:
        path = make_docx(CLEAN, made / f"ingest-{kind}.docx", heading_styles=kind == "docx")
    document = ingest.read_text(path, settings=Settings())
    first = "# " + CLEAN_LINES[0] if kind == "html" else CLEAN_LINES[0]
    assert document.text.splitlines() == [first, *CLEAN_LINES[1:]]
    assert document.source.format == ("docx" if kind.startswith("docx") else kind)


@pytest.mark.parametrize(
    ("name", "data"),
    [("random.docx", os.urandom(64) + bytes(range(256))), ("scan.pdf", None)],
    ids=["random-bytes-docx", "scanned-pdf"],
)
def test_ingest_reports_unreadable_files_in_one_line(
    made: Path, name: str, data: bytes | None
) -> None:
    ingest = pytest.importorskip("compare.ingest", reason="compare.ingest is not written yet")
    from compare.settings import Settings

    path = made / name
    if data is None:
        make_scan_pdf(path)
    else:
        path.write_bytes(data)
    with pytest.raises(CompareError) as error:
        ingest.read_text(path, settings=Settings())
    assert str(error.value).startswith(f"{path}: ")
    assert "\n" not in str(error.value)


def test_pdf_pages_numbered_bare_lose_their_numbers(made: Path) -> None:
    path = make_pdf(CLEAN, made / "bare.pdf", font="builtin", footer="{page}")
    assert read(readers.read_pdf, path).splitlines() == CLEAN_LINES


def _draw_pages(path: Path, pages: list[list[str]]) -> Path:
    """Write a PDF of these pages of lines as they are (no wrapping, no page numbers), each line
    from the left margin, in reportlab's built-in CJK font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = register_font("builtin")
    document = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for lines in pages:
        document.setFont(font, 12)
        for k, line in enumerate(lines):
            document.drawString(72.0, A4[1] - 72.0 - 20 * k, line)
        document.showPage()
    document.save()
    return path


def _full_lines(text: str, ending: str) -> list[str]:
    """Return `text` wrapped to the page's width (A4, 72 pt margins), with filler put before
    `ending` so that the last line, ending with it, is full."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font, width = register_font("builtin"), A4[0] - 144.0
    for count in range(40):
        lines = [""]
        for char in text + "保" * count + ending:
            if stringWidth(lines[-1] + char, font, 12) > width:
                lines.append("")
            lines[-1] += char
        if stringWidth(lines[-1] + "增", font, 12) > width:
            return lines
    raise AssertionError("no filler fills the last line")


def test_a_bare_number_opening_a_page_is_text_when_pages_are_not_numbered(made: Path) -> None:
    """Printed from a web page without page numbers, 广义货币M2增长13.6% broke across a page as
    广义货币M | 2 | 增长13.6%…: the "2" at the top of page 2 was dropped as its number, and the
    figure read as M, 增长13.6%."""
    full = _full_lines("　　过去一年，经济运行保持在合理区间，", "。")  # the body's width
    first = ["政府工作报告", *full, "去年财政赤字控制在预算范围内，广义货币M"]
    second = ["2", "增长13.6%，符合调控要求。", *full]
    path = _draw_pages(made / "unnumbered.pdf", [first, second])
    text = repair()(read(readers.read_pdf, path))
    assert "广义货币M2增长13.6%，符合调控要求。" in text


def _draw_lines(path: Path, lines: list[tuple[str, float]]) -> Path:
    """Write a one-page PDF of these (text, baseline) lines in Helvetica 12, from x = 72 pt."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    document = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    document.setFont("Helvetica", 12)
    for text, y in lines:
        document.drawString(72.0, y, text)
    document.showPage()
    document.save()
    return path


def test_pdf_hyphen_ending_a_line_inside_pdfiums_text_line_reads_as_a_hyphen(made: Path) -> None:
    """PDFium gives a line-ending hyphen as U+FFFE and joins the two lines into one text line;
    the paragraph still goes on past it, to its next lines 15 pt further down each."""
    path = _draw_lines(
        made / "hyphen.pdf",
        [
            ("The Company also supports a community for the development of third-", 700.0),
            ("party software and hardware products and digital content. The Company ", 685.0),
            ("believes a high-quality buying experience with knowledgeable people ", 670.0),
            ("can convey the value of the products.", 655.0),
        ],
    )
    assert read(readers.read_pdf, path) == (
        "The Company also supports a community for the development of third-party software and "
        "hardware products and digital content. The Company believes a high-quality buying "
        "experience with knowledgeable people can convey the value of the products."
    )


def test_pdf_paragraphs_set_a_little_apart_are_two_even_after_a_full_line(made: Path) -> None:
    """A paragraph whose last line runs to the margin, then one set 5 pt further apart than
    the lines (20 against 15 pt): two paragraphs (a step of 1.5 lines was needed)."""
    path = _draw_lines(
        made / "apart.pdf",
        [
            ("Net sales rose in every region of the world during the year under", 700.0),
            ("review, and most of all in the Americas and in Europe and in Japan.", 685.0),
            ("Gross margin widened as the mix of products moved towards services.", 665.0),
            ("Operating expenses grew.", 650.0),
        ],
    )
    assert read(readers.read_pdf, path).splitlines() == [
        "Net sales rose in every region of the world during the year under review, and most of "
        "all in the Americas and in Europe and in Japan.",
        "Gross margin widened as the mix of products moved towards services. Operating expenses "
        "grew.",
    ]


def test_pdf_page_of_one_line_paragraphs_reads_its_line_spacing_from_wrapped_lines(
    made: Path,
) -> None:
    """Most lines of a contents or cover page are paragraphs of their own, 20 pt apart; its
    few wrapped lines are 15 pt apart. The usual spacing is read below those: a paragraph that
    ends on a full line is not run into the next one (the median step, 20 pt, made it seem one)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = ["the", "Company", "designs", "and", "markets", "phones", "and", "computers"]

    def full(start: str) -> str:
        line, k = start, 0
        while stringWidth(f"{line} {words[k % len(words)]}", "Helvetica", 12) < 445:
            line, k = f"{line} {words[k % len(words)]}", k + 1
        return line

    items = ["Item 1. Business", "Item 1A. Risk Factors", "Item 2. Properties", "Item 3. Legal"]
    wrapped = [full("Apple"), full("and"), full("sells"), "worldwide."]
    ending = full("Net sales grew in")
    lines = [*items, *wrapped, ending, "Gross margin widened."]
    places = [700, 680, 660, 640, 620, 605, 590, 575, 555, 535]
    path = _draw_lines(made / "contents.pdf", list(zip(lines, places, strict=True)))
    assert read(readers.read_pdf, path).splitlines() == [
        *items,
        " ".join(wrapped),
        ending,
        "Gross margin widened.",
    ]


Rows = list[tuple[float, list[tuple[float, str]]]]  # (baseline, [(x, text), …]) of _draw_cells


def _draw_cells(path: Path, rows: Rows, *, font: str = "") -> Path:
    """Write a one-page PDF of these rows: (baseline, [(x, text), …]) in the built-in CJK font
    (or in `font`, a PDF base font such as Helvetica)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = font or register_font("builtin")
    document = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    document.setFont(font, 12)
    for y, cells in rows:
        for x, text in cells:
            document.drawString(x, y, text)
    document.showPage()
    document.save()
    return path


def statement_rows(year: int, figures: dict[str, tuple[str, str, str]]) -> Rows:
    """Return the rows of an invented 10-K's statement of operations for `year` as a browser
    prints an EDGAR filing's table: the column heads centred over their columns, each a line
    of its own (a date over a year), a dollar sign at the left of its cell, and a negative
    figure's closing bracket in a cell of its own."""
    columns = (300.0, 400.0, 500.0)  # where each column's figure ends (right-aligned)
    rows: Rows = [(780.0, [(72.0, f"Example Corp. Form 10-K {year}")])]
    rows.append((750.0, [(72.0, "CONSOLIDATED STATEMENTS OF OPERATIONS (In millions)")]))
    days = {2018: 29, 2017: 30, 2016: 24, 2015: 26}  # a fiscal year's last Saturday
    heads = [f"September {days[year - k]}," for k in range(3)]
    rows.append((720.0, [(right - 78.0, head) for right, head in zip(columns, heads, strict=True)]))
    years = [str(year - k) for k in range(3)]
    rows.append((706.0, [(right - 30.0, y) for right, y in zip(columns, years, strict=True)]))
    y = 686.0
    for label, cells in figures.items():
        placed: list[tuple[float, str]] = [(72.0, label)]
        for right, cell in zip(columns, cells, strict=True):
            if cell.startswith("$"):
                placed.append((right - 72.0, "$"))
                cell = cell[1:]
            closing = cell.endswith(")")
            digits = cell.rstrip(")")
            placed.append((right - 6.7 * len(digits), digits))
            if closing:
                placed.append((right + 1.0, ")"))
        rows.append((y, placed))
        y -= 18.0
    rows.append((y - 10.0, [(72.0, f"Net sales grew during {year} compared to {year - 1}.")]))
    return rows


def test_an_english_statements_rows_and_heads_read_as_cells(made: Path) -> None:
    """A 10-K printed to PDF: PDFium gives each column head as a line of its own, and each row
    as one line whose dollar signs stand apart from their figures ("Net sales $ 265,595 $
    229,234"). Rows had been joined into one paragraph with the heads and the prose after them,
    so that no figure had a column. Now the heads of years and dates are rows, and each row's
    cells are set apart, signs joined to their figures; the prose stays as it was."""
    figures = {
        "Net sales": ("$265,595", "$229,234", "$215,639"),
        "Cost of sales": ("163,756", "141,048", "131,376"),
        "Other income/(expense), net": ("2,005", "2,745", "(1,348)"),
        "Gross margin percentage": ("38.3%", "38.5%", "39.1%"),
    }
    path = _draw_cells(made / "statement.pdf", statement_rows(2018, figures), font="Helvetica")
    assert read(readers.read_pdf, path).splitlines() == [
        "Example Corp. Form 10-K 2018",
        "CONSOLIDATED STATEMENTS OF OPERATIONS (In millions)",
        "September 29, 2018 | September 30, 2017 | September 24, 2016",
        "Net sales | $265,595 | $229,234 | $215,639",
        "Cost of sales | 163,756 | 141,048 | 131,376",
        "Other income/(expense), net | 2,005 | 2,745 | (1,348)",
        "Gross margin percentage | 38.3% | 38.5% | 39.1%",
        "Net sales grew during 2018 compared to 2017.",
    ]


def test_an_english_rows_wrapped_label_is_the_rows_name(made: Path) -> None:
    """A balance sheet's label too long for its cell wraps: its first line stands right above
    the row ("Accounts receivable, less allowances of $58 and $53," over "respectively | 23,186
    | 17,874"), and the row was named "respectively". A group's head ("Current assets:") and a
    row of its own stand further apart, and stay as they are."""
    rows: Rows = [
        (760.0, [(72.0, "Current assets:")]),
        (740.0, [(72.0, "Cash and cash equivalents"), (300.0, "$25,913"), (400.0, "$20,289")]),
        (722.0, [(72.0, "Accounts receivable, less allowances of $58 and $53,")]),
        (710.0, [(72.0, "respectively"), (300.0, "23,186"), (400.0, "17,874")]),
        (692.0, [(72.0, "Inventories"), (300.0, "3,956"), (400.0, "4,855")]),
    ]
    path = _draw_cells(made / "wrapped.pdf", rows, font="Helvetica")
    assert read(readers.read_pdf, path).splitlines() == [
        "Current assets:",
        "Cash and cash equivalents | $25,913 | $20,289",
        "Accounts receivable, less allowances of $58 and $53, respectively | 23,186 | 17,874",
        "Inventories | 3,956 | 4,855",
    ]


def test_two_english_statements_in_pdf_compare_column_by_column(made: Path) -> None:
    """Two years of an invented 10-K's statement, each printed to PDF: this year's figure pairs
    with last year's by column (read as one paragraph, 2018's 265,595 had paired with 2017's
    229,234 only by place), last year's column stated again is neither new nor dropped, and
    the oldest column rolls off."""
    from compare.pipeline import compare_reports, read_report

    years = {
        2017: {
            "Net sales": ("$229,234", "$215,639", "$233,715"),
            "Other income/(expense), net": ("2,745", "(1,348)", "1,285"),
        },
        2018: {
            "Net sales": ("$265,595", "$229,234", "$215,639"),
            "Other income/(expense), net": ("2,005", "2,745", "(1,348)"),
        },
    }
    paths = [
        _draw_cells(made / f"10-k-{year}.pdf", statement_rows(year, rows), font="Helvetica")
        for year, rows in years.items()
    ]
    comparison = compare_reports(*(read_report(path) for path in paths))
    found = {
        (c.status.value, c.old.text if c.old else None, c.new.text if c.new else None, c.rolled_off)
        for c in comparison.metrics
        if c.old is None or c.old.column
    }
    assert found == {
        ("changed", "$229,234", "$265,595", False),
        ("changed", "2,745", "2,005", False),
        ("unchanged", "$215,639", "$215,639", False),  # 2016's, in both filings
        ("unchanged", "(1,348)", "(1,348)", False),
        ("removed", "$233,715", None, True),
        ("removed", "1,285", None, True),
    }
    other = next(c for c in comparison.metrics if c.old and c.old.text == "2,745")
    assert other.new is not None and other.new.column == "September 29, 2018"
    loss = next(c for c in comparison.metrics if c.old and c.old.text == "(1,348)")
    assert loss.old is not None and loss.old.value == -1348  # its bracket was a cell apart


def test_column_heads_given_as_lines_of_their_own_are_one_row() -> None:
    """A browser's PDF of an EDGAR table: PDFium gives each centred column head as a line of
    its own, a date's line then its year's, column after column. Those of a baseline that name
    dates or years make one row; short lines of anything else (a cover's) stay as they are."""
    line = readers._Line

    def head(text: str, left: float, bottom: float) -> readers._Line:
        return line(text, left, left + 6.0 * len(text), bottom, bottom + 12.0, 30.0, bottom)

    lines = [head("Years ended", 330.0, 666.0)]
    for left, (date, year) in zip(
        (324.0, 407.0, 490.0),
        (("September 29,", "2018"), ("September 30,", "2017"), ("September 24,", "2016")),
        strict=True,
    ):
        lines += [head(date, left, 651.0), head(year, left + 22.0, 638.0)]
    body = line("Net sales | $265,595", 34.0, 566.0, 623.0, 636.0, 20.0, 623.0, True)
    rows = readers._head_rows([*lines, body], 612.0)
    assert [(row.text, row.cells) for row in rows] == [
        ("Years ended", False),
        ("September 29, | September 30, | September 24,", True),  # joined by _dated_heads
        ("2018 | 2017 | 2016", True),
        ("Net sales | $265,595", True),
    ]
    assert readers._dated_heads(rows)[1].text == (
        "September 29, 2018 | September 30, 2017 | September 24, 2016"
    )
    cover = [head("绍兴市教育局", 100.0, 500.0), head("二〇二二年一月", 300.0, 500.0)]
    assert readers._head_rows(cover, 612.0) == cover


def _boxes(line: str) -> tuple[str, Callable[[int], tuple[float, float, float, float]]]:
    """Return a line with its "‖" marks taken out, and the boxes of its characters: each 6
    points wide, one after another, 30 points further on after a mark (a cell set apart)."""
    lefts, x, text = [], 0.0, ""
    for char in line:
        if char == "‖":
            x += 30.0
            continue
        lefts.append(x)
        text += char
        x += 6.0
    return text, lambda k: (lefts[k], 0.0, lefts[k] + 6.0, 12.0)


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        # a browser sets a dollar sign at the left of its cell, against the figure before it
        (
            "Net sales ‖$ ‖265,595$ ‖229,234$ ‖215,639",
            ["Net sales", "$265,595", "$229,234", "$215,639"],
        ),
        # in columns too narrow to tell by their gap, a sign a space after a figure starts a cell
        (
            "Total cash and securities ‖$237,100 $268,895 $237,585",
            ["Total cash and securities", "$237,100", "$268,895", "$237,585"],
        ),
        (
            "Reclassified, net of tax ‖382 (1,477) (741)",
            ["Reclassified, net of tax", "382", "(1,477)", "(741)"],
        ),
        (
            "Unrealized losses ‖$(596) $(186) $(782)",
            ["Unrealized losses", "$(596)", "$(186)", "$(782)"],
        ),
        # a schedule's rows of one sum, far from their names ("2019 | $8,797"); near, prose
        ("2019 ‖‖$8,797", ["2019", "$8,797"]),
        ("Thereafter ‖‖58,485", ["Thereafter", "58,485"]),
        ("The Company paid $8,797", []),
        # heads: months of years, a British statement's notes' column and years with their unit
        (
            "September 2013 ‖September 2014 ‖September 2015",
            ["September 2013", "September 2014", "September 2015"],
        ),
        ("Note ‖2022 £m ‖2021 £m", ["Note", "2022 £m", "2021 £m"]),
        ("£m ‖£m", ["£m", "£m"]),
        # prose with figures in it, and figures spaced as words are: one line of text
        ("Net sales rose 16% to $265,595 million in 2018 from $229,234 million.", []),
        ("Net sales rose to 1,400 from 1,250, 12% in all.", []),
        # columns that touch: sums written out in full a space apart ("Basic 4,955,377 5,217,242")
        ("Basic ‖4,955,377 5,217,242 5,470,820", ["Basic", "4,955,377", "5,217,242", "5,470,820"]),
        (
            "iPhone ‖217,722 —% 216,756 2% 211,884",
            ["iPhone", "217,722", "—%", "216,756", "2%", "211,884"],
        ),
    ],
    ids=[
        "signs",
        "narrow",
        "brackets",
        "signed-brackets",
        "lone-sum",
        "lone-sum-thousands",
        "lone-sum-prose",
        "months",
        "notes",
        "units",
        "prose",
        "near",
        "sums",
        "shares",
    ],
)
def test_an_english_rows_cells_are_told_by_their_gaps(line: str, cells: list[str]) -> None:
    text, box = _boxes(line)
    assert readers._table_cells(text, 0, box, 12.0) == cells


def test_a_heads_cell_that_wraps_is_read_whole(made: Path) -> None:
    """A statistical bulletin's table, its last head too wide for its column: 比上年增长 over
    （%）. The second line stood as a line of its own, so the head read 比上年增长 and the rises
    under it took the row's unit (1.0万吨). A line below a row that is no cell of it stays."""
    columns = (72.0, 200.0, 300.0, 400.0)
    path = _draw_cells(
        made / "wrapped-head.pdf",
        [
            (760.0, list(zip(columns, ["指标", "单位", "绝对数", "比上年增长"], strict=True))),
            (748.0, [(412.0, "（%）")]),
            (728.0, list(zip(columns, ["粮食", "万吨", "69.2", "1.0"], strict=True))),
            (716.0, [(72.0, "早稻产量12.6万吨，增产2.4%。")]),
        ],
    )
    assert read(readers.read_pdf, path).splitlines() == [
        "指标 | 单位 | 绝对数 | 比上年增长（%）",
        "粮食 | 万吨 | 69.2 | 1.0",
        "早稻产量12.6万吨，增产2.4%。",
    ]


def test_a_contents_entry_ending_with_its_page_is_not_continued_by_the_next() -> None:
    """A 10-K's contents page printed to PDF: each entry reaches the margin with its page, and
    read as wrapped, all of them had run into one paragraph (the outline then lost the Items)."""
    line = readers._Line

    def at(text: str, bottom: float, right: float = 576.0) -> readers._Line:
        return line(text, 36.0, right, bottom, bottom + 12.0, 30.0, bottom)

    entries = [
        at("Item 1. Business 1", 700.0),
        at("Item 1A. Risk Factors 8", 686.0),
        at("Item 1B. Unresolved Staff Comments 17", 672.0),
        at(
            "Apple designs, manufactures and markets mobile communication and media devices and",
            650.0,
        ),
        at("personal computers.", 636.0, right=150.0),
    ]
    assert readers._join_wrapped_lines([entries]) == [
        "Item 1. Business 1",
        "Item 1A. Risk Factors 8",
        "Item 1B. Unresolved Staff Comments 17",
        "Apple designs, manufactures and markets mobile communication and media devices and"
        " personal computers.",
    ]


def test_two_chinese_sums_a_space_apart_are_two_cells() -> None:
    """A company report's table in columns too narrow to tell by their gap: two sums written
    out in full a space apart are two cells (it read 营业收入 | 1,456,789,012.34 1,234,567,890.12
    | 18.00%). A sum a space from its unit is one."""
    text, box = _boxes("营业收入 ‖1,456,789,012.34 1,234,567,890.12 ‖18.00%")
    assert readers._table_cells(text, 0, box, 12.0) == [
        "营业收入",
        "1,456,789,012.34",
        "1,234,567,890.12",
        "18.00%",
    ]
    text, box = _boxes("项目 ‖2022年 ‖2021年 本年比上年增减")  # and a year's head and the next
    assert readers._table_cells(text, 0, box, 12.0) == [
        "项目",
        "2022年",
        "2021年",
        "本年比上年增减",
    ]
    text, box = _boxes("营业收入 1,234.56 万元，同比增长 18.00%")
    assert readers._table_cells(text, 0, box, 12.0) == []


def test_a_chinese_tables_rows_read_as_cells_each_on_its_line(made: Path) -> None:
    """A company report's table, drawn cell by cell: PDFium gives each row as one line with a
    space between cells, and the head row, reaching the margin, ran into the next row
    (项目 2021年 2020年 本年比上年增减营业收入 1,234…): no figure had a column. A title spaced out
    (政 府 工 作 报 告) and words a space apart stay as they are."""
    columns = (72.0, 250.0, 350.0, 450.0)
    path = _draw_cells(
        made / "table.pdf",
        [
            (780.0, [(72.0, "单位：元")]),
            (
                760.0,
                list(zip(columns, ["项目", "2021年", "2020年", "本年比上年增减"], strict=True)),
            ),
            (740.0, list(zip(columns, ["营业收入", "1,234.5", "1,000.0", "23.45%"], strict=True))),
            (
                710.0,
                [
                    (x, char)
                    for x, char in zip((72.0, 120.0, 168.0, 216.0), "政府报告", strict=True)
                ],
            ),
            (690.0, [(72.0, "全年营业收入 1,234.5万元 同比增长 23.45%。")]),
        ],
    )
    assert read(readers.read_pdf, path).splitlines() == [
        "单位：元",
        "项目 | 2021年 | 2020年 | 本年比上年增减",
        "营业收入 | 1,234.5 | 1,000.0 | 23.45%",
        "政 府 报 告",
        "全年营业收入 1,234.5万元 同比增长 23.45%。",
    ]


def _bomb(path: Path, member: str, size: int, others: dict[str, str | bytes]) -> Path:
    """Write a zip whose `member` unpacks to `size` zero bytes (a few KB packed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in others.items():
            archive.writestr(name, data)
        with archive.open(member, "w") as out:
            for _ in range(size >> 16):
                out.write(bytes(1 << 16))
    return path


ODT_MIMETYPE = {"mimetype": "application/vnd.oasis.opendocument.text"}


@pytest.mark.parametrize(
    ("suffix", "member", "what", "limit"),
    [
        ("docx", "word/document.xml", "XML parts", "UNPACKED_XML_BYTES"),
        ("docx", "word/media/image1.png", "parts", "UNPACKED_BYTES"),
        ("odt", "content.xml", "XML parts", "UNPACKED_XML_BYTES"),
        ("odt", "styles.xml", "XML parts", "UNPACKED_XML_BYTES"),
    ],
    ids=["docx-xml", "docx-picture", "odt-content", "odt-styles"],
)
def test_a_zip_bomb_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, member: str, what: str, limit: str
) -> None:
    """A part's unpacked size is checked before anything is unpacked: a .docx of 3 MB whose
    document.xml held 3 GB of spaces had taken 6 GB of memory and 42 s, then failed with lxml's
    message; one of 237 MB of paragraphs ran for minutes. (Limits of 1 and 2 MB here, for
    speed; the real ones are 50 MB of XML and 200 MB in all.)"""
    monkeypatch.setattr(readers, "UNPACKED_XML_BYTES", 1 << 20)
    monkeypatch.setattr(readers, "UNPACKED_BYTES", 2 << 20)
    size = 3 << 20
    if suffix == "docx":
        docx_bytes = _docx_bytes_of("全市新建学校12所。")
        with zipfile.ZipFile(io.BytesIO(docx_bytes)) as made_docx:
            others = {n: made_docx.read(n) for n in made_docx.namelist() if n != member}
        reader = readers.read_docx
    else:
        others = {**ODT_MIMETYPE, "content.xml": "<a/>"}
        others.pop(member, None)
        reader = readers.read_odt
    path = _bomb(tmp_path / f"bomb.{suffix}", member, size, others)
    assert path.stat().st_size < 64 << 10
    with pytest.raises(UnreadableInput) as error:
        read(reader, path)
    unpacked = sum(info.file_size for info in zipfile.ZipFile(path).infolist())
    if what == "XML parts":
        unpacked = sum(
            info.file_size
            for info in zipfile.ZipFile(path).infolist()
            if info.filename.endswith((".xml", ".rels"))
            and (suffix == "docx" or info.filename in ("content.xml", "styles.xml"))
        )
    shown = getattr(readers, limit)
    assert message(error) == (
        f"{path}: too large unpacked (its {what} unpack to {unpacked:,} bytes; the limit is "
        f"{shown:,}: a zip bomb, not a report)"
    )


def _docx_bytes_of(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_zip_bomb_through_the_command_line_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bomb named .docx, or not, and an .odt whose mimetype is the bomb (format detection
    reads no more of it than its first bytes)."""
    from click.testing import CliRunner

    from compare.cli import cli

    monkeypatch.setattr(readers, "UNPACKED_XML_BYTES", 1 << 20)
    with zipfile.ZipFile(io.BytesIO(_docx_bytes_of("x"))) as made_docx:
        others = {n: made_docx.read(n) for n in made_docx.namelist() if n != "word/document.xml"}
    bombs = [
        _bomb(tmp_path / "bomb-2022.docx", "word/document.xml", 3 << 20, others),
        _bomb(tmp_path / "bomb-2022.bin", "word/document.xml", 3 << 20, others),
        _bomb(tmp_path / "odt-2022.odt", "content.xml", 3 << 20, ODT_MIMETYPE),
    ]
    for path in bombs:
        result = CliRunner().invoke(cli, ["parse", str(path)])
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"Error: {path}: too large unpacked (its XML parts")
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_an_odt_whose_mimetype_is_a_bomb_is_detected_without_unpacking_it(tmp_path: Path) -> None:
    from compare.ingest import detect_format

    path = tmp_path / "odt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", "<a/>")
        with archive.open("mimetype", "w") as out:
            out.write(ODT_MIMETYPE["mimetype"].encode())
            for _ in range(64):
                out.write(bytes(1 << 20))
    data = path.read_bytes()
    tracemalloc.start()
    try:
        assert detect_format(data, path) == "odt"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20  # its 64 MB were unpacked whole
