"""ingest: a file -> clean text. Bad inputs, encodings, formats, repair of extraction damage,
second renditions, and every file of the shared corpus."""

from __future__ import annotations

import io
import os
import random
import re
import textwrap
import threading
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.errors import CompareError, ReportNotFound, UnreadableInput
from compare.ingest import (
    Document,
    decode_bytes,
    detect_format,
    read_markdown,
    read_text,
    repair_text,
    split_renditions,
    without_front_matter,
)
from compare.pipeline import read_report
from compare.settings import Settings
from tests.conftest import CORPUS, SEED_2021, corpus_files
from tests.reflow import LAYOUTS, reflow

SEED_LINES = SEED_2021.read_text(encoding="utf-8").split("\n")
CLEAN_LINES = SEED_LINES[:39]  # title, preamble, 8 sections with their run-in subsections
CLEAN = "\n".join(CLEAN_LINES)
EXTRACTED = "\n".join(SEED_LINES[39:])  # the truncated PDF-extracted copy, without its title
SETTINGS = Settings()
SEED_WARNING = (
    "a second, partial rendition of the report (lines 40-237, about 18% of it) "
    "was found and set aside"
)


def dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def message(error: pytest.ExceptionInfo[CompareError]) -> str:
    return str(error.value)


# --------------------------------------------------------------------------- bad inputs


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    path = tmp_path / "seeds" / "x.txt"
    with pytest.raises(ReportNotFound) as error:
        read_text(path, settings=SETTINGS)
    assert message(error) == f"{path}: no such file"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n\xe3\x80\x80\n", "empty file (only whitespace)"),
        (
            "nul.txt",
            b"\xe5\x85\xa8\xe5\xb8\x82\x00\x01\x02\x00" * 20,
            "not a text file (binary data)",
        ),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), "not a text file (a PNG image)"),
        ("old.doc", b"\xd0\xcf\x11\xe0" + bytes(64), "not a text file (a damaged Office file"),
        (
            "archive.docx",
            None,  # a zip without word/document.xml
            "not a text file (a zip archive that is not a Word document)",
        ),
        (
            "report.ods",
            {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"},
            "not a text file (an OpenDocument spreadsheet or presentation; save it as PDF)",
        ),
        (
            "report.odt",
            {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
            "not an OpenDocument text (no text body)",
        ),
        (
            "figures.xlsx",
            {"xl/workbook.xml": "<x/>"},
            "not a text file (an Excel workbook; a report is read from .docx, PDF, HTML or text)",
        ),
        ("cut.zip", b"PK\x03\x04" + bytes(40), "not a text file (a damaged zip archive)"),
        (
            "latin.txt",
            b"caf\x81 \x81\x20\x81\x20 \x9d\x81"
            * 30,  # neither UTF-8 nor GBK (0x81 needs a trail byte)
            "cannot decode the text (not UTF-8, UTF-16, GB18030, Big5 or Windows-1252); "
            "save it as UTF-8",
        ),
        ("controls.txt", b"abc\x01\x02\x03\x04\x05\x06def" * 20, "not a text file (binary data)"),
        (
            "footers.txt",
            "- 1 -\n\u200b\n- 2 -\n".encode(),
            "empty file (nothing but page numbers and invisible characters)",
        ),
    ],
    ids=[
        "empty",
        "whitespace-only",
        "binary",
        "png",
        "old-office",
        "zip",
        "opendocument-spreadsheet",
        "opendocument-text-without-body",
        "excel",
        "damaged-zip",
        "undecodable",
        "controls",
        "footers-only",
    ],
)
def test_unreadable_inputs_name_the_file_and_the_problem(
    tmp_path: Path, name: str, data: bytes | dict[str, str] | None, problem: str
) -> None:
    path = tmp_path / name
    if not isinstance(data, bytes):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for member, text in (data or {"notes.txt": "不是文档"}).items():
                archive.writestr(member, text)
        data = buffer.getvalue()
    path.write_bytes(data)
    with pytest.raises(UnreadableInput) as error:
        read_text(path, settings=SETTINGS)
    assert message(error).startswith(f"{path}: {problem}")
    assert "\n" not in message(error)


def test_a_folder_is_not_a_report(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput) as error:
        read_text(tmp_path, settings=SETTINGS)
    assert message(error) == f"{tmp_path}: is a directory, not a file"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(CLEAN, encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(UnreadableInput) as error:
        read_text(path, settings=Settings(max_input_bytes=1000))
    assert message(error) == f"{path}: too large ({size:,} bytes; the limit is 1,000)"


MD_TITLED = ("某市教育局2021年工作总结", "某市教育局", 2021)  # title, organisation, year
BODY_MD = "## 一、总体情况\n\n全市新建学校12所。\n\n## 二、下一步打算\n\n新建学校15所。\n"


@pytest.mark.parametrize(
    "opening",
    [
        "---\ntitle: 某市教育局2021年工作总结\ndate: 2022-01-10\ntags:\n  - 总结\n---\n\n",
        "---\nlayout: post\n...\n",  # YAML's other end
        '+++\ntitle = "某市教育局2021年工作总结"\n+++\n',  # TOML, as Hugo writes it
    ],
)
def test_a_markdown_files_front_matter_is_not_its_text(opening: str, tmp_path: Path) -> None:
    """A report kept as Markdown by a static-site tool or a notes app opens with front matter:
    it had been read as the preamble's sentence, and the report left untitled."""
    path = tmp_path / "report.md"
    path.write_text(f"{opening}# 某市教育局2021年工作总结\n\n{BODY_MD}", encoding="utf-8")
    report = read_report(path, settings=SETTINGS)
    assert (report.title, report.org, report.year) == MD_TITLED
    assert report.preamble is None
    assert [(s.number, s.heading) for s in report.sections] == [
        ("一、", "总体情况"),
        ("二、", "下一步打算"),
    ]


def test_front_matter_gives_the_title_when_no_heading_does(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(f'---\ntitle: "某市教育局2021年工作总结"\n---\n{BODY_MD}', encoding="utf-8")
    report = read_report(path, settings=SETTINGS)
    assert (report.title, report.org, report.year) == MD_TITLED


def test_a_markdown_file_that_opens_with_a_rule_keeps_its_text(tmp_path: Path) -> None:
    """--- is also a rule: between two rules stands text, not front matter."""
    path = tmp_path / "report.md"
    text = f"---\n\n# 某市教育局2021年工作总结\n\n---\n\n{BODY_MD}"
    path.write_text(text, encoding="utf-8")
    report = read_report(path, settings=SETTINGS)
    assert report.title == "某市教育局2021年工作总结"
    assert without_front_matter(text) == text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_is_read_no_further_than_the_size_limit(tmp_path: Path) -> None:
    """A pipe gives its size as 0 (`compare <(pdftotext a.pdf -) …`): past the limit, the reading
    stops and says so, without waiting for the pipe's end (/dev/zero has none)."""
    pipe = tmp_path / "report.txt"
    os.mkfifo(pipe)
    refused = threading.Event()
    waited_in_vain: list[bool] = []

    def write() -> None:
        with pipe.open("wb") as handle:
            handle.write(b"x" * 2000)
            handle.flush()
            # The pipe stays open, as an endless one would, until the reader has given up.
            waited_in_vain.append(not refused.wait(timeout=10))

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    with pytest.raises(UnreadableInput) as error:
        read_text(pipe, settings=Settings(max_input_bytes=1000))
    refused.set()
    writer.join(timeout=15)
    assert message(error) == f"{pipe}: too large (more than 1,000 bytes, the limit)"
    assert waited_in_vain == [False]


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
    ],
)
def test_each_encoding_reads_back_the_clean_rendition(
    tmp_path: Path, encoding: str, reported: str
) -> None:
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes((CLEAN + "\n").encode(encoding))
    document = read_text(path, settings=SETTINGS)
    assert document == Document(
        text=CLEAN,
        source=document.source,
        warnings=(),
    )
    assert (document.source.path, document.source.format, document.source.encoding) == (
        str(path),
        "txt",
        reported,
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_reads(tmp_path: Path, encoding: str) -> None:
    """UTF-16 without its byte order mark (as some exports write it) had been refused as
    "binary data" for its zero bytes: it reads, in the byte order whose reading is text."""
    path = tmp_path / "unmarked.txt"
    for text in (CLEAN + "\n", _traditional(CLEAN) + "\n", ENGLISH):
        path.write_bytes(text.encode(encoding))
        document = read_text(path, settings=SETTINGS)
        assert (document.text, document.source.encoding) == (text.rstrip("\n"), encoding)


def test_binary_data_with_zero_bytes_is_still_no_text() -> None:
    rng = random.Random(7)
    for size in (20, 200, 2_000, 20_000):
        data = bytes(rng.randrange(256) for _ in range(size)) + b"\x00"
        with pytest.raises(UnreadableInput, match="binary data"):
            decode_bytes(data, path=Path("x.bin"))


def test_text_with_a_few_stray_nul_bytes_reads_without_them(tmp_path: Path) -> None:
    """Ten NUL bytes in a UTF-8 report (one early, the rest past its first 64 KiB) had refused
    it as "binary data", or been kept in its text: it reads without them, with a warning."""
    data = (CLEAN + "\n").encode("utf-8")
    data = data * (70_000 // len(data) + 1)
    path = tmp_path / "export.txt"
    path.write_bytes(data)
    clean = read_text(path, settings=SETTINGS)
    first = data.index("试点覆盖率".encode())
    stray = bytearray(data)
    for at in sorted([first, *range(66_000, 70_500, 500)], reverse=True):
        stray[at:at] = b"\x00"
    path.write_bytes(bytes(stray))
    document = read_text(path, settings=SETTINGS)
    assert (document.text, document.source.encoding) == (clean.text, "utf-8")
    assert document.warnings == (
        f"10 NUL bytes dropped (the first at byte {first:,})",
        *clean.warnings,
    )


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200) + b"PE\x00\x00",
        b"SQLite format 3\x00" + bytes(100) + "全市".encode() * 50,
        "全市学校".encode() * 20 + b"\x00" * 3,  # 3 NUL bytes in 243: past 1 in 100
        # compressed: about 1 byte in 256 is NUL
        b"\x1f\x8b\x08\x00" + random.Random(3).randbytes(4000),
    ],
    ids=["windows-program", "database", "many-nuls", "gzip"],
)
def test_binary_data_with_few_or_many_nul_bytes_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    with pytest.raises(UnreadableInput) as error:
        read_text(path, settings=SETTINGS)
    assert message(error) == f"{path}: not a text file (binary data)"


def test_a_short_gbk_slice_decodes_as_gb18030() -> None:
    text = "\n".join(CLEAN_LINES[:3]) + "\n"
    assert decode_bytes(text.encode("gbk"), path=Path("x.txt")) == (text, "gb18030", ())


def _traditional(text: str) -> str:
    """The text in Traditional characters as Taiwan writes them (all of them in Big5)."""
    import opencc

    return str(opencc.OpenCC("s2tw").convert(text))


def test_a_traditional_report_in_big5_reads_as_big5(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    text = _traditional(CLEAN) + "\n"
    path.write_bytes(text.encode("big5"))
    document = read_text(path, settings=SETTINGS)
    assert (document.text, document.source.encoding) == (text.rstrip("\n"), "big5")


@pytest.mark.parametrize("encoding", ["gbk", "big5"])
def test_every_ten_characters_of_chinese_read_back_in_their_encoding(encoding: str) -> None:
    """Short Chinese text reads as GBK and as Big5 alike; charset-normalizer's guess had read 4
    of these 768 slices in GBK as Big5 (and 1 in 9 of the corpus.s slices of 2 to 1,000
    characters), and refused 294 in Big5 (taken for UTF-16 or Korean). The reading whose
    characters are the more common in its encoding wins."""
    text = "".join(CLEAN_LINES)
    if encoding == "big5":
        text = _traditional(text)
    expected = "gb18030" if encoding == "gbk" else "big5"
    wrong = []
    for start in range(0, len(text) - 10, 10):
        piece = text[start : start + 10]
        try:
            read = decode_bytes(piece.encode(encoding), path=Path("x.txt"))
        except UnreadableInput:
            read = ("", "refused", ())
        if read[:2] != (piece, expected):
            wrong.append((piece, read[1]))
    assert wrong == []


ENGLISH = (
    "The Bureau\u2019s budget for 2022 \u2013 its \u201cyear of quality\u201d \u2013 rose "
    "by 4.5% to $12.3 million; the caf\u00e9 at the Education Centre closed.\n"
) * 3


def test_english_with_curly_quotes_in_windows_1252_reads_as_windows_1252(tmp_path: Path) -> None:
    """charset-normalizer took such text for Central European (cp1250), and it was refused:
    the Singapore budget speech of 2022 in Windows-1252, in 169 slices of 200 to 5,000
    characters, read in none."""
    assert decode_bytes(ENGLISH.encode("cp1252"), path=Path("x.txt")) == (ENGLISH, "cp1252", ())
    named = ENGLISH + "The Shaoxing Education Bureau (\u7ecd\u5174\u5e02\u6559\u80b2\u5c40).\n"
    assert decode_bytes(named.encode("gbk"), path=Path("x.txt")) == (named, "gb18030", ())


def test_japanese_in_shift_jis_is_refused_not_read_as_rare_chinese() -> None:
    japanese = "今年度の事業報告では、売上高が前年より増加しました。新しい工場の建設も順調です。\n"
    with pytest.raises(UnreadableInput, match="cannot decode the text"):
        decode_bytes(japanese.encode("shift_jis"), path=Path("x.txt"))


def _page(charset: str, article: str) -> str:
    """A page declaring `charset`, with a style sheet of ASCII ten times the article's length."""
    rules = "".join(f".c{k} {{ margin: {k}px; }}\n" for k in range(len(article) * 3))
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<style>{rules}</style></head><body><article><h1>Notice</h1><p>{article}</p></article>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("charset", "encoding", "article", "read"),
    [
        # Mostly ASCII, and three names' characters past GB2312: read as Windows-1252 unless
        # declared.
        ("gb2312", "gbk", "市长朱镕基与王堃、李喆出席会议。", "gb18030"),
        # Two characters whose bytes are as common in GBK (矗蔼) as in Big5: read as GBK unless
        # declared.
        ("big5", "big5", "提高", "big5"),
    ],
)
def test_an_html_page_is_read_in_the_encoding_it_declares(
    tmp_path: Path, charset: str, encoding: str, article: str, read: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(_page(charset, article).encode(encoding))
    document = read_text(path, settings=SETTINGS)
    assert (document.text, document.source.encoding) == (f"# Notice\n{article}", read)
    undeclared = decode_bytes(path.read_bytes(), path=path)  # as text: no declaration read
    assert undeclared[1] != read


def test_an_html_page_declared_wrong_is_read_as_it_is() -> None:
    page = _page("big5", "全市新建幼儿园十二所。").encode("gbk")  # declared Big5, written in GBK
    assert decode_bytes(page, path=Path("x.html"), html=True)[1] == "gb18030"
    page = _page("gb2312", "全市新建幼儿园十二所。").encode("utf-8")
    assert decode_bytes(page, path=Path("x.html"), html=True)[1] == "utf-8"


def test_utf8_cut_inside_a_character_reads_with_a_warning(tmp_path: Path) -> None:
    """A UTF-8 report cut off inside a character (head -c, a download broken off) or with a
    stray byte had been refused whole: "not UTF-8, UTF-16 or GB18030". Each damaged run reads
    as U+FFFD, and a warning names where the first is."""
    data = (CLEAN + "\n").encode("utf-8")
    cut = data.index("试点覆盖率".encode()) + 1  # inside 试
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:cut])
    document = read_text(path, settings=SETTINGS)
    assert document.text.endswith("\ufffd")
    assert document.text[:-1] == CLEAN[: len(document.text) - 1]
    assert document.source.encoding == "utf-8"
    assert document.warnings == (
        f"bytes not UTF-8 in 1 place (the first at byte {cut - 1:,}), read as \ufffd",
    )
    stray = bytearray(data)
    stray[cut] = 0xFF  # a byte inside 试 lost: one place, however many bytes of it are damaged
    path.write_bytes(bytes(stray))
    document = read_text(path, settings=SETTINGS)
    assert re.sub("\ufffd+", "试", document.text) == CLEAN
    assert document.warnings == (
        f"bytes not UTF-8 in 1 place (the first at byte {cut - 1:,}), read as \ufffd",
    )


@pytest.mark.parametrize(
    ("encoding", "read", "name"), [("gbk", "gb18030", "GB18030"), ("big5", "big5", "Big5")]
)
def test_gbk_or_big5_cut_inside_a_character_reads_with_a_warning(
    tmp_path: Path, encoding: str, read: str, name: str
) -> None:
    """A GBK or Big5 report cut off inside a character, or with a stray byte, had been refused
    whole ("cannot decode the text"), as UTF-8 had been: each damaged place reads as U+FFFD."""
    text = CLEAN if encoding == "gbk" else _traditional(CLEAN)
    data = (text + "\n").encode(encoding)
    cut = len(text[:1000].encode(encoding)) + 1  # inside the 1,001st character
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:cut])
    document = read_text(path, settings=SETTINGS)
    assert (document.text, document.source.encoding) == (text[:1000] + "\ufffd", read)
    assert document.warnings == (
        f"bytes not {name} in 1 place (the first at byte {cut - 1:,}), read as \ufffd",
    )
    stray = bytearray(data)
    stray[cut] = 0xFF  # the trail byte of the 1,001st character lost
    path.write_bytes(bytes(stray))
    document = read_text(path, settings=SETTINGS)
    assert document.source.encoding == read
    assert re.sub("\ufffd+", text[1000], document.text) == text
    assert len(document.warnings) == 1 and f"bytes not {name} in 1 place" in document.warnings[0]


def test_text_of_another_encoding_is_no_damaged_utf8(tmp_path: Path) -> None:
    """GBK text is damaged as UTF-8 at nearly every character: it reads as GB18030, as before,
    and UTF-8 with too many damaged places for the characters that read well is refused."""
    path = tmp_path / "gbk.txt"
    path.write_bytes((CLEAN + "\n").encode("gbk"))
    assert read_text(path, settings=SETTINGS).source.encoding == "gb18030"
    mixed = b"\n".join(
        line.encode("utf-8") if k % 2 else line.encode("gbk") + b"\x81\x20"
        for k, line in enumerate(CLEAN_LINES)
    )
    path.write_bytes(mixed)
    with pytest.raises(UnreadableInput, match="cannot decode the text"):
        read_text(path, settings=SETTINGS)


def test_crlf_line_ends_read_like_lf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes((CLEAN.replace("\n", "\r\n") + "\r\n").encode("utf-8"))
    assert read_text(path, settings=SETTINGS).text == CLEAN


# --------------------------------------------------------------------------- formats


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "pdf"),
        ("misnamed.txt", b"%PDF-1.4\n", "pdf"),
        ("a.docx", _docx_bytes(), "docx"),
        ("page.txt", b"\xef\xbb\xbf  <!DOCTYPE html>\n<html><body>x</body></html>", "html"),
        ("page", b"<html lang='zh'><head></head><body></body></html>", "html"),
        ("page.htm", b"<body><p>\xe6\x96\x87</p></body>", "html"),
        ("notes.md", "一、甲\n正文。".encode(), "md"),
        ("speech.txt", b"# Budget Speech\n\nMr Speaker, Sir.\n", "md"),
        ("report.txt", "一、甲\n正文。".encode(), "txt"),
        ("report.pdf", "一、甲\n正文。".encode(), "txt"),
    ],
    ids=[
        "pdf",
        "pdf-named-txt",
        "docx",
        "html-doctype-after-bom",
        "html-no-extension",
        "html-by-extension",
        "md-by-extension",
        "md-by-heading",
        "txt",
        "text-named-pdf",
    ],
)
def test_format_is_detected_from_the_content(name: str, data: bytes, expected: str) -> None:
    assert detect_format(data, Path(name)) == expected


_PAGE = """<html><head><meta charset="gbk"><title>宁波市人民政府</title></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li></ul></div>
<main><h1>宁波市教育局2022年工作总结</h1><h2>一、学校建设</h2>
<p>全市新建学校12所，新增学位8,000个。</p></main></body></html>"""


def _mhtml(page: str, *, transfer: str = "quoted-printable", charset: str = "utf-8") -> bytes:
    """A web archive as Word saves a "single file web page": the page and a picture."""
    import base64
    import quopri

    body = page.encode(charset)
    encoded = (
        quopri.encodestring(body) if transfer == "quoted-printable" else base64.encodebytes(body)
    )
    return (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01D8"\r\n'
        b"\r\nThis document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
        b"------=_NextPart_01D8\r\nContent-Location: file:///C:/x.htm\r\n"
        + f"Content-Transfer-Encoding: {transfer}\r\n".encode()
        + f'Content-Type: text/html; charset="{charset}"\r\n\r\n'.encode()
        + encoded
        + b"\r\n------=_NextPart_01D8\r\nContent-Location: file:///C:/x_files/image001.png\r\n"
        b"Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\n"
        + base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
        + b"\r\n------=_NextPart_01D8--\r\n"
    )


@pytest.mark.parametrize(
    ("transfer", "charset"),
    [("quoted-printable", "utf-8"), ("base64", "gbk")],
    ids=["quoted-printable", "base64-gbk"],
)
def test_a_web_archive_is_read_as_the_page_it_holds(
    tmp_path: Path, transfer: str, charset: str
) -> None:
    """Word's "single file web page" (MHTML, often saved as .doc) had been read as plain text:
    its MIME headers and quoted-printable escapes gave 10 sections and 156 figures of junk. Its
    page is read as an HTML file is."""
    path = tmp_path / "宁波-2022.doc"
    path.write_bytes(_mhtml(_PAGE, transfer=transfer, charset=charset))
    document = read_text(path, settings=Settings())
    assert document.text.splitlines() == [
        "# 宁波市教育局2022年工作总结",
        "一、学校建设",
        "全市新建学校12所，新增学位8,000个。",
    ]
    assert document.source.format == "html"


def test_a_web_archive_without_a_page_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.mht"
    path.write_bytes(_mhtml(_PAGE).replace(b"text/html", b"text/plain"))
    with pytest.raises(UnreadableInput) as error:
        read_text(path, settings=Settings())
    assert message(error) == f"{path}: a web archive (MHTML) that holds no HTML page"


@pytest.mark.parametrize(
    "opening",
    [
        '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Word.Document"?>\n'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">',
        '<?xml version="1.0"?><w:wordDocument xmlns:w="urn:x">',
        '<?xml version="1.0" standalone="yes"?>\r\n<?mso-application progid="Word.Document"?>'
        '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">',
    ],
    ids=["word-2003", "word-2003-bare", "flat-opc"],
)
def test_word_xml_is_refused_with_what_to_save_it_as(tmp_path: Path, opening: str) -> None:
    """Word 2003 XML saved as .doc had been read as text: its year the namespace's 2003."""
    path = tmp_path / "report-2022.doc"
    path.write_text(
        opening + "<w:body><w:p><w:r><w:t>某局2022年工作总结</w:t></w:r></w:p>", "utf-8"
    )
    with pytest.raises(UnreadableInput) as error:
        read_text(path, settings=Settings())
    assert message(error) == (
        f"{path}: a Word XML document (Word 2003 XML or flat XML), which is not read; "
        "save it as .docx"
    )


# --------------------------------------------------------------------------- repair

REPAIR_CASES = {
    "numbers-units-and-percent-on-own-lines": (
        "某局2021年工作总结\n全市中小学试点学校达\n382\n所，试点覆盖率达\n89.5%\n。",
        "某局2021年工作总结\n全市中小学试点学校达382所，试点覆盖率达89.5%。",
    ),
    "closing-quote-and-bracket-start-no-paragraph": (
        "某局2021年工作总结\n召开“双减\n”工作部署会，6个区、县（\n市\n）均发布方案。",
        "某局2021年工作总结\n召开“双减”工作部署会，6个区、县（市）均发布方案。",
    ),
    "line-ending-in-comma-or-open-quote-continues": (
        "某局2021年工作总结\n整改落实“\n7张问题清单”，\n明确职责。",
        "某局2021年工作总结\n整改落实“7张问题清单”，明确职责。",
    ),
    "sentence-ends-and-headings-keep-their-lines": (
        "某局2021年工作总结\n一、党的领导坚强有力\n一是夯实基础。全年新增学校3所。\n二是坚定信念。",
        "某局2021年工作总结\n一、党的领导坚强有力\n一是夯实基础。全年新增学校3所。\n二是坚定信念。",
    ),
    "pdf-blank-line-between-every-line": (
        # A blank line after every line; paragraphs further apart, with a lone space between.
        "\n\n".join(
            [
                "某局2021年工作总结",
                " ",
                "一、党的领导",
                " ",
                "一是加强领导强化保障。第一时间牵头成",
                "立29个部门共同参与的工作领导小组。",
                "市、县两级及时组建“双减”工作专",
                "班，召开部署会。",
                " ",
                "二是课后托管扩面提质。实施",
                "《行动方案》，推出作业管理",
                "30",
                "条阶梯式指标。",
            ]
        ),
        "某局2021年工作总结\n一、党的领导\n"
        "一是加强领导强化保障。第一时间牵头成立29个部门共同参与的工作领导小组。"
        "市、县两级及时组建“双减”工作专班，召开部署会。\n"
        "二是课后托管扩面提质。实施《行动方案》，推出作业管理30条阶梯式指标。",
    ),
    "hard-wrapped-lines-without-blank-lines": (
        dedent(
            """
            某局2021年工作总结
            全市教育系统全面贯彻党的教育方针，全面贯彻落实各级教育大
            会精神，紧紧围绕市委、市政府的总体部署，坚持推动共同成长
            主题主线，持续加强党对教育工作的全面领导，聚焦立德树人，
            聚合教育智治，不断提高人民群众的教育获得感。
            一、党的领导坚强有力
            一是夯实基础。全面深化党组织领导的校长负责制试点，全市中
            小学试点学校达382所，试点覆盖率达89.5%。
            """
        ),
        "某局2021年工作总结\n"
        "全市教育系统全面贯彻党的教育方针，全面贯彻落实各级教育大会精神，紧紧围绕市委、市政府的"
        "总体部署，坚持推动共同成长主题主线，持续加强党对教育工作的全面领导，聚焦立德树人，"
        "聚合教育智治，不断提高人民群众的教育获得感。\n"
        "一、党的领导坚强有力\n"
        "一是夯实基础。全面深化党组织领导的校长负责制试点，全市中小学试点学校达382所，"
        "试点覆盖率达89.5%。",
    ),
    "page-footers-dropped": (
        "某局2021年工作总结\n第一段。\n- 3 -\n第二段。\n— 4 —\n第三段。\n第 5 页\n"
        "第四段。\n第6页 共10页\n第五段。\nPage 7 of 10\n第六段。",
        "某局2021年工作总结\n第一段。\n第二段。\n第三段。\n第四段。\n第五段。\n第六段。",
    ),
    "footer-inside-a-sentence-dropped-and-sentence-rejoined": (
        "某局2021年工作总结\n\n全市中小学试点学校达\n\n- 3 -\n\n382\n\n所。\n",
        "某局2021年工作总结\n全市中小学试点学校达382所。",
    ),
    "rising-lone-page-numbers-between-paragraphs-dropped": (
        "某局2021年工作总结\n第一段。\n3\n第二段。\n4\n第三段。\n5\n一、第四段",
        "某局2021年工作总结\n第一段。\n第二段。\n第三段。\n一、第四段",
    ),
    "circled-numbers-on-lines-of-their-own-are-content": (
        # ①②③ are digits to str.isdigit but no int(): reading them as page numbers had raised.
        # Each marks the item after it, as a list's marker broken off its line.
        "某局2021年工作总结\n第一段。\n①\n第二段。\n②\n第三段。\n③\n第四段。",
        "某局2021年工作总结\n第一段。\n①第二段。\n②第三段。\n③第四段。",
    ),
    "lone-numbers-that-do-not-rise-are-content": (
        "Cash and securities.\n2017\nCost | Gains\nTotal.\n2016\nCost | Gains",
        "Cash and securities.\n2017\nCost | Gains\nTotal.\n2016\nCost | Gains",
    ),
    "form-10-k-footers-dropped-table-rows-kept": (
        "Apple Inc.\nNet sales | 2017 | 2016\nApple Inc. | 2017 Form 10-K | 20\n"
        "Net sales | 2017 | 2016\nApple Inc. | 2017 Form 10-K | 21\n"
        "Net sales | 2017 | 2016\nApple Inc. | 2017 Form 10-K | 22",
        "Apple Inc.\nNet sales | 2017 | 2016\nNet sales | 2017 | 2016\nNet sales | 2017 | 2016",
    ),
    "rows-by-year-are-no-page-footers": (
        "Principal due (in millions):\n2019 | 8,863\n2020 | 9,220\n2021 | 7,750\nThereafter | 61,391",
        "Principal due (in millions):\n2019 | 8,863\n2020 | 9,220\n2021 | 7,750\nThereafter | 61,391",
    ),
    "running-header-repeating-the-title-dropped": (
        "某局2021年工作总结\n第一段。\n某局2021年工作总结\n第二段。\n某局2021年工作总结\n"
        "第三段。\n某局 2021年工作总结\n第四段。",
        "某局2021年工作总结\n第一段。\n第二段。\n第三段。\n第四段。",
    ),
    "dashes-dots-and-full-width-alphanumerics": (
        "标题\n《议事立起“硬规矩”――深化改革》入选“ＴＯＰ１０”，"
        "“走读绍兴・越享未来”，达８９．５％，共１２３所。",
        "标题\n《议事立起“硬规矩”——深化改革》入选“TOP10”，“走读绍兴·越享未来”，达89.5%，共123所。",
    ),
    "full-width-punctuation-kept": (
        "标题\n县（市）均发布方案：一是；二是，三是。１．二",
        "标题\n县（市）均发布方案：一是；二是，三是。1．二",
    ),
    "invisible-characters-and-indents-dropped": (
        "\ufeff标题\n\u3000\u3000第一\u200b段。\n\u2003\u2003第二段。\n\u00a0\u00a0第\u200d三段。",
        "标题\n第一段。\n第二段。\n第三段。",
    ),
    "spaces-between-chinese-removed-english-kept": (
        "标题\n党的 领导 坚强有力， Apple  Inc. 的 annual report 很长。",
        "标题\n党的领导坚强有力，Apple Inc. 的 annual report 很长。",
    ),
    "one-line-document-split-at-indent-runs": (
        "某市政府工作报告 各位代表： \u3000\u3000现在，我代表市政府报告工作。 \u3000\u3000一、2020年工作回顾"
        " \u3000\u3000过去一年很不平凡。 \u2003\u2003（一）全力稳增长 \u2003\u2003全年增长3%。",
        "某市政府工作报告各位代表：\n现在，我代表市政府报告工作。\n一、2020年工作回顾\n"
        "过去一年很不平凡。\n（一）全力稳增长\n全年增长3%。",
    ),
    "web-copy-breaks-around-subscripts": (
        "标题\n\n\u3000\u3000以细颗粒物（PM\n2.5\n）和可吸入颗粒物（PM\n10\n）治理为突破口。\n\n"
        "\u3000\u3000广义货币M\n2\n增长13.6%。",
        "标题\n以细颗粒物（PM2.5）和可吸入颗粒物（PM10）治理为突破口。\n广义货币M2增长13.6%。",
    ),
    "speaker-label-joined-to-its-colon": (
        "# Budget Speech\n\n**Mr Speaker**\n\n: So be it.\n\n**Mr Heng**\n\n: Thank you, Sir.",
        "# Budget Speech\n**Mr Speaker**: So be it.\n**Mr Heng**: Thank you, Sir.",
    ),
    "english-headings-and-short-lines-stay": (
        "PART I\nItem 1. | Business\nCompany Background\nThe Company designs phones.\niPhone\niPad",
        "PART I\nItem 1. | Business\nCompany Background\nThe Company designs phones.\niPhone\niPad",
    ),
    "suspended-hyphen-keeps-its-space": (
        "Annual Report 2018\n"
        "The Company's fiscal year is the 52- or 53-week period that ends on the last Saturday of\n"
        "September. An additional week is included in the first fiscal quarter every five or six\n"
        "years to realign the fiscal quarters with calendar quarters. Each quarter is the 13-\n"
        "or 14-week period that ends on the last Saturday of the quarter, as the company reports\n"
        "it in the annual report; no such week was needed in the years it covers.",
        "Annual Report 2018\n"
        "The Company's fiscal year is the 52- or 53-week period that ends on the last Saturday of "
        "September. An additional week is included in the first fiscal quarter every five or six "
        "years to realign the fiscal quarters with calendar quarters. Each quarter is the 13- "
        "or 14-week period that ends on the last Saturday of the quarter, as the company reports "
        "it in the annual report; no such week was needed in the years it covers.",
    ),
    "hard-wrapped-english-cut-before-a-capital": (
        "Budget Speech 2022\n"
        "We committed close to $100 billion over the past two years to support workers and help\n"
        "Singaporeans and businesses through the uncertainties of the pandemic. The tripartite\n"
        "partnership between the unions, employers and the Government enabled us to take timely\n"
        "actions to preserve jobs and to create new ones, even through the crisis of the\n"
        "Eastern European war.\n"
        "Our measures have borne fruit, and the unemployment rate has come down close to the\n"
        "levels before the pandemic.",
        "Budget Speech 2022\n"
        "We committed close to $100 billion over the past two years to support workers and help "
        "Singaporeans and businesses through the uncertainties of the pandemic. The tripartite "
        "partnership between the unions, employers and the Government enabled us to take timely "
        "actions to preserve jobs and to create new ones, even through the crisis of the "
        "Eastern European war.\n"
        "Our measures have borne fruit, and the unemployment rate has come down close to the "
        "levels before the pandemic.",
    ),
    "numbered-line-of-40-characters-is-wrapped": (
        "某局2021年工作总结\n"
        "（一）深入实施教育部和省教育厅关于进一步减轻义务教育阶段学生作业负担和校外培训负\n"
        "担的意见，全市中小学课后服务实现全覆盖\n"
        "，参与学生比例达到较高水平，家长满意度明\n"
        "显提升，校外培训机构压减工作取得实效。",
        "某局2021年工作总结\n"
        "（一）深入实施教育部和省教育厅关于进一步减轻义务教育阶段学生作业负担和校外培训负"
        "担的意见，全市中小学课后服务实现全覆盖，参与学生比例达到较高水平，家长满意度明"
        "显提升，校外培训机构压减工作取得实效。",
    ),
    "wrapped-long-heading-without-blank-lines-stays-a-heading": (
        "某市2021年政府工作报告\n"
        "全市经济社会发展取得新的重大成就，城市综合\n"
        "实力和国际影响力进一步提升，人民生活水平\n"
        "持续提高，为开启新征程打下了坚实的基础。\n"
        "二、关于《某某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案\n"
        "）》的说明\n"
        "根据市委关于制定国民经济和社会发展第十四\n"
        "个五年规划的建议，市政府制定了规划纲要草\n"
        "案，提请本次大会审查。",
        "某市2021年政府工作报告\n"
        "全市经济社会发展取得新的重大成就，城市综合实力和国际影响力进一步提升，人民生活水平"
        "持续提高，为开启新征程打下了坚实的基础。\n"
        "二、关于《某某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）》的说明\n"
        "根据市委关于制定国民经济和社会发展第十四个五年规划的建议，市政府制定了规划纲要草"
        "案，提请本次大会审查。",
    ),
}


@pytest.mark.parametrize(
    ("damaged", "expected"), list(REPAIR_CASES.values()), ids=list(REPAIR_CASES)
)
def test_repair_undoes_extraction_damage(damaged: str, expected: str) -> None:
    assert repair_text(damaged) == expected
    assert repair_text(expected) == expected  # repaired text is a fixed point


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("题目\n全市新建学校12所，新增学位\u20288,000个。", "题目\n全市新建学校12所，新增学位8,000个。"),
        ("题目\n一、主要成绩\u2028全市新建学校12所。", "题目\n一、主要成绩\n全市新建学校12所。"),
        ("题目\n全市新建学校12所。\u2028新增学位8,000个。", "题目\n全市新建学校12所。\n新增学位8,000个。"),
        ("题目\n全市新建学校\u2028一、主要成绩", "题目\n全市新建学校\n一、主要成绩"),
        ("题目\n全市新建学校\u2028\u3000\u3000新增学位", "题目\n全市新建学校\n新增学位"),
        ("题目\n全市新建学校\u2028\u2028新增学位", "题目\n全市新建学校\n新增学位"),
        ("宁波市教育局\u20282022年工作总结", "宁波市教育局\n2022年工作总结"),
        ("Title\nNet sales\u2028rose 6%.", "Title\nNet sales rose 6%."),
        ("Title\nResults of Operations\u2028Net sales rose 6%.", "Title\nResults of Operations\nNet sales rose 6%."),
        ("题目\n全市新建学校12所，新增学位\x0b8,000个。", "题目\n全市新建学校12所，新增学位8,000个。"),
    ],
    ids=[
        "mid-sentence", "after-heading", "after-sentence", "before-heading", "indented",
        "two-breaks", "title", "english", "english-heading", "vertical-tab",
    ],
)  # fmt: skip
def test_a_soft_line_break_joins_only_inside_a_sentence(text: str, expected: str) -> None:
    """U+2028 (the readers' w:br, text:line-break and <br>; Word's vertical tab in copied
    text) breaks a line inside a paragraph: a sentence goes on across it."""
    assert repair_text(text) == expected


def test_a_tables_rows_in_hard_wrapped_chinese_text_stay_rows() -> None:
    """In text whose Chinese lines are wrapped mid-sentence (a PDF's, or a page's short lines
    without a full stop), a table's rows had been joined into one line, and the line after
    them too: 学校数 and 学生数 were read as one row named 项目, their figures without columns.
    A row is a line of its own, as in English text."""
    wrapped = (
        "绍兴市教育局2022年工作总结",
        "全市教育系统坚持以人民为中心的发展思想，全年新建",
        "学校12所，新增学位8000个，培训教师3000人次，完成",
        "投资20亿元，普惠率达到90%，各项工作取得明显成效",
        "，群众满意度持续提升，教育现代化水平不断提高。",
    )
    rows = ("项目 | 2021年 | 2022年", "学校数 | 370所 | 382所", "学生数 | 12万人 | 13万人")
    after = "下一步，继续加大投入。"
    assert repair_text("\n".join((*wrapped, *rows, after))).splitlines() == [
        wrapped[0],
        "".join(wrapped[1:]),
        *rows,
        after,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "| 指标 | 2021年 |\n|---|---:|\n| 学校数 | 382所 |\n\n学校数 | 382所",
            "指标 | 2021年\n\n学校数 | 382所\n\n学校数 | 382所",
        ),
        ("指标 | 2021年\n--- | ---\n学校数 | 382所", "指标 | 2021年\n\n学校数 | 382所"),
        (
            "一、总体情况\n\n---\n\n- 新建学校12所\n  + 其中小学8所",
            "一、总体情况\n\n---\n\n新建学校12所\n其中小学8所",
        ),
        (
            "1. 完成投资20亿元。\n2) 普惠率达到90%。\n-5%的降幅",
            "完成投资20亿元。\n普惠率达到90%。\n-5%的降幅",
        ),
        ("前文<!-- 注：2020年\n数据 -->后文\n<!-- 未\n完", "前文后文\n\n\n"),
        # A lone marker, or one inside a paragraph, or a year: a paragraph's line wrapped there.
        (
            "a one-off GST Voucher\n\n- Cash Special Payment.\nspent in\n- 5 areas\n- and\n\n"
            "2023. [Please refer to Annex F-1.]\n",
            "a one-off GST Voucher\n\n- Cash Special Payment.\nspent in\n- 5 areas\n- and\n\n"
            "2023. [Please refer to Annex F-1.]\n",
        ),
    ],
    ids=["pipe-table", "table-without-outer-pipes", "bullets", "numbered", "comments", "wrapped"],
)
def test_markdown_is_read_as_its_page_shows_it(text: str, expected: str) -> None:
    """A pipe table's rows are `cell | cell` lines (its delimiter row left out, a rule --- is
    none), list items lose their markers, comments go (to the end, unclosed); a line left out
    stays as an empty line, and so do a comment's lines."""
    assert read_markdown(text) == expected


def test_repair_leaves_the_clean_rendition_alone() -> None:
    assert repair_text(CLEAN) == CLEAN


def test_extracted_rendition_repairs_to_the_clean_paragraphs() -> None:
    # The extracted copy lacks the title and stops inside the 二、 section's second subsection
    # (line 9 of the clean copy), so compare with lines 2-9 and the last one as a prefix.
    repaired = repair_text(EXTRACTED).split("\n")
    covered = CLEAN_LINES[1:9]
    assert len(repaired) == len(covered)
    assert repaired[:-1] == covered[:-1]
    assert (
        repaired[-1]
        == "二是课后托管扩面提质。实施《义务教育阶段学校减轻作业负担行动方案》，推出作业管理"
    )
    assert covered[-1].startswith(repaired[-1])


@given(
    seed=st.integers(0, 2**32),
    layout=st.sampled_from(LAYOUTS),
    start=st.integers(1, 33),
    size=st.integers(6, 38),
)
def test_reflowed_report_repairs_to_the_same_text(
    seed: int, layout: str, start: int, size: int
) -> None:
    # reflow makes thousands of random choices; a seeded Random keeps hypothesis' input small.
    clean = "\n".join([CLEAN_LINES[0], *CLEAN_LINES[start : start + size]])
    damaged = reflow(clean, random.Random(seed), layout=layout)
    assert repair_text(damaged) == repair_text(clean)


# --------------------------------------------------------------------------- renditions


def test_the_seed_reads_as_its_clean_rendition_with_a_warning() -> None:
    document = read_text(SEED_2021, settings=SETTINGS)
    assert document.text == CLEAN
    assert document.warnings == (SEED_WARNING,)
    assert (document.source.format, document.source.encoding) == ("txt", "utf-8")


def test_split_renditions_counts_lines_of_the_text_it_is_given() -> None:
    repaired = repair_text("\n".join(SEED_LINES))
    assert split_renditions(repaired) == (
        CLEAN,
        (
            "a second, partial rendition of the report (lines 40-47, about 18% of it) "
            "was found and set aside",
        ),
    )


def test_a_partial_copy_before_the_whole_report_is_the_one_set_aside() -> None:
    text = "\n".join(CLEAN_LINES[:20] + CLEAN_LINES)
    assert split_renditions(text) == (
        CLEAN,
        (
            "a first, partial rendition of the report (lines 1-20, about 51% of it) "
            "was found and set aside",
        ),
    )


def test_a_whole_second_copy_is_a_second_rendition() -> None:
    kept, warnings = split_renditions(CLEAN + "\n" + CLEAN)
    assert kept == CLEAN
    assert warnings == (
        "a second rendition of the report (lines 40-78, about 100% of it) was found and set aside",
    )


def test_a_second_copy_missing_pages_is_still_a_rendition() -> None:
    # Pages lost from the middle of the copy (lines 11-25 of the report): its later lines jump
    # ahead in the report, which a copy may do, rather than back, which it may not.
    kept, warnings = split_renditions(CLEAN + "\n" + "\n".join(CLEAN_LINES[:10] + CLEAN_LINES[25:]))
    assert kept == CLEAN
    assert warnings == (
        "a second, partial rendition of the report (lines 40-63, about 61% of it) "
        "was found and set aside",
    )


@pytest.mark.parametrize(
    "text",
    [
        CLEAN + "\n" + CLEAN_LINES[1],
        CLEAN + "\n" + CLEAN_LINES[1] + "\n" + CLEAN_LINES[3],
        "\n".join(CLEAN_LINES[:10] + [CLEAN_LINES[4]] + CLEAN_LINES[10:]),
        "\n".join(CLEAN_LINES[:2] + ["一、重复", "一、重复", "一、重复"] + CLEAN_LINES[2:]),
    ],
    ids=["preamble-repeated", "two-paragraphs-repeated", "paragraph-repeated-inside", "headings"],
)
def test_a_repeated_sentence_is_not_a_rendition(text: str) -> None:
    assert split_renditions(text) == (text, ())


def test_a_long_report_of_parts_alike_is_searched_for_a_copy_without_indexing_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every part opens like the report (its preamble) and then holds the seed's paragraphs in
    # another order: each part starts a search for a copy, which breaks off within a few lines.
    # Those lines are compared with the lines they can have repeated, near the report's start;
    # every line before each part was indexed before (most of the text, at a cost that grew
    # with the number of parts). A real copy is still found (see the tests above).
    from compare import ingest

    rng = random.Random(3)
    body = CLEAN_LINES[2:]
    lines = [CLEAN_LINES[0]]
    for _ in range(200):
        lines += [CLEAN_LINES[1], *rng.sample(body, len(body))]
    indexed, searches = 0, 0
    extend, reach = ingest._Index.extend, ingest._Index.reach

    def recording(self: ingest._Index, end: int) -> None:
        nonlocal indexed
        indexed = max(indexed, end)
        extend(self, end)

    def counting(self: ingest._Index, start: int) -> int:
        nonlocal searches
        searches += 1
        return reach(self, start)

    monkeypatch.setattr(ingest._Index, "extend", recording)
    monkeypatch.setattr(ingest._Index, "reach", counting)
    split_renditions("\n".join(lines))
    assert 0 < indexed < len(lines) / 20
    # A search starts at a line that repeats the report's first page (about 2,000 letters:
    # here the preamble and a few paragraphs of each part), not its first 2% of lines (four
    # whole parts, which every line of every part repeats).
    assert searches <= 10 * 200


# --------------------------------------------------------------------------- the corpus

CHARACTER = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
FORM_10K_FOOTER = re.compile(r"^Apple Inc\. \| 20\d\d Form 10-K \| \d+$")


def characters(text: str) -> Counter[str]:
    """Count the Chinese characters, Latin letters and digits (full-width ones as half-width)."""
    return Counter(CHARACTER.findall(unicodedata.normalize("NFKC", text)))


@pytest.mark.corpus
@pytest.mark.parametrize(
    "path", corpus_files() or [None], ids=lambda p: f"{p.parent.name}/{p.name}" if p else "absent"
)
def test_corpus_file_reads_without_losing_content(path: Path | None) -> None:
    if path is None:
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    raw = path.read_text(encoding="utf-8")
    document = read_text(path, settings=SETTINGS)
    footers = [line for line in raw.split("\n") if FORM_10K_FOOTER.match(line.strip())]
    assert document.warnings == ()
    assert characters(document.text) == characters(raw) - characters("\n".join(footers))
    lines = document.text.split("\n")
    assert all(line.strip() == line and line for line in lines)
    # Numbered top-level headings that stand on a line of their own keep it (the one-line
    # Shanghai reports have none; their split is tested below).
    heading = re.compile(r"^(?:[一二三四五六七八九十]+、|PART [IV]+$)")
    old = [line.strip() for line in raw.split("\n") if heading.match(line.strip())]
    new = [line for line in lines if heading.match(line)]
    if path.parent.name != "shanghai-municipal-gwr":
        assert [h.replace(" ", "") for h in new] == [h.replace(" ", "") for h in old]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("year", "headings"),
    [
        ("2020", ["一、2019年工作回顾", "二、2020年主要任务", "三、推进政府治理体系"]),
        ("2021", ["一、2020年工作回顾", "二、关于《上海市国民经济", "三、2021年主要任务"]),
    ],
)
def test_one_line_municipal_report_splits_into_paragraphs(
    corpus: Path, year: str, headings: list[str]
) -> None:
    document = read_text(corpus / "shanghai-municipal-gwr" / f"{year}.txt", settings=SETTINGS)
    lines = document.text.split("\n")
    assert len(lines) > 80
    tops = [line for line in lines if re.match(r"^[一二三四五六七八九十]+、", line)]
    assert [t[: len(h)] for t, h in zip(tops, headings, strict=False)] == headings


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_dash_on_a_terminal_says_to_pipe_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """`compare check -` typed at a terminal would wait for input that never comes: it says
    what '-' is for instead."""
    monkeypatch.setattr("sys.stdin", _Terminal(io.BytesIO(b"")))
    with pytest.raises(UnreadableInput, match=r"^<stdin>: nothing is piped in"):
        read_text(Path("-"), settings=Settings())


def test_dash_reads_at_most_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = "全市".encode() * 100  # 600 bytes
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped)))
    with pytest.raises(UnreadableInput, match=r"^<stdin>: too large \(more than 500 bytes"):
        read_text(Path("-"), settings=Settings(max_input_bytes=500))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped)))
    document = read_text(Path("-"), settings=Settings(max_input_bytes=600))
    assert (document.source.path, document.text) == ("<stdin>", "全市" * 100)


@pytest.mark.parametrize("page_end", ["\n{n}\n\f", "\n\n{n}\n\n\f", "\n\n- {n} -\n\f"])
def test_pdftotext_pages_numbered_at_each_page_break_read_as_the_text(page_end: str) -> None:
    """pdftotext writes a page's number on a line of its own, then a form feed: cut inside a
    sentence, the number was read into it (加强中2小学生, “4一校一策”, a figure 越城区 6); a
    footer after a blank line ("\\n\\n- 2 -\\n\\f") left the sentence it cut in two paragraphs."""
    cut = [
        ("\u3000\u3000" if k == 0 else "") + line[k : k + 34]
        for line in CLEAN_LINES[1:]
        for k in range(0, len(line), 34)
    ]  # every paragraph's lines, indented first, cut wherever 34 characters fall
    pages = [cut[k : k + 40] for k in range(0, len(cut), 40)]
    text = (
        CLEAN_LINES[0]
        + "\n"
        + "".join("\n".join(page) + page_end.format(n=n) for n, page in enumerate(pages, start=1))
    )
    assert len(pages) >= 4
    lines = repair_text(text).splitlines()
    assert "".join(lines) == "".join(CLEAN_LINES)  # no number spliced in, nothing lost
    # and no paragraph cut inside a sentence (a line ending 。 at a cut may end one, as in print)
    assert [line for line in lines if line not in CLEAN_LINES and line[-1] not in "。；！？”"] == []


def test_a_copy_longer_than_the_text_kept_is_said_so() -> None:
    """The opening repeated over and over was set aside as "about 339% of it": a share of more
    than the whole; it is said as how many times as long it is."""
    opening = CLEAN_LINES[:4]
    kept, warnings = split_renditions("\n".join(opening + opening * 3))
    assert kept.splitlines() == opening
    assert len(warnings) == 1 and "% of it" not in warnings[0]
    assert re.search(r"\(lines \d+-\d+, [2-4]\.\d times as long\)", warnings[0]), warnings
    half = "\n".join(CLEAN_LINES + CLEAN_LINES[: len(CLEAN_LINES) // 2])
    assert re.search(r"about \d{2}% of it", split_renditions(half)[1][0])


def test_a_web_archive_in_the_library_is_found_by_its_year(tmp_path: Path) -> None:
    """A web archive saved as .mht was read when given as a path, but a library did not list it:
    `compare 2021 2022` could not find it by its year."""
    from compare.library import find_report, scan_library

    (tmp_path / "宁波-2022.mht").write_bytes(_mhtml(_PAGE))
    (tmp_path / "宁波-2021.mhtml").write_bytes(_mhtml(_PAGE.replace("2022", "2021")))
    assert find_report("2022", library=tmp_path) == tmp_path / "宁波-2022.mht"
    assert {(e.path.suffix, e.year) for e in scan_library(tmp_path)} == {
        (".mht", 2022),
        (".mhtml", 2021),
    }
