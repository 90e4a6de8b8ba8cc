"""Reading a report end to end: a file -> ingest -> outline -> quantities -> Report (issues 2, 8).

What a reader of `compare parse` notices: the same report reads to the same sections, sentences
and figures whatever its layout (extraction damage) or format (txt, Word, PDF, web page); every
corpus file reads with a sensible outline and no lost text; odd input fails with one clean line.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import unicodedata
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from compare.cli import cli
from compare.errors import CompareError, UnreadableInput
from compare.ingest import read_text
from compare.model import Report
from compare.pipeline import read_report, read_reports
from compare.settings import Settings
from tests import reflow as reflowing
from tests.conftest import (
    CORPUS,
    FIXTURES,
    SEED_2021,
    SEED_2022,
    corpus_files,
    open_files,
    reaped,
)
from tests.makedocs import make_docx, make_html, make_pdf

SEED_LINES = SEED_2021.read_text(encoding="utf-8").split("\n")
CLEAN = "\n".join(SEED_LINES[:39])  # title, preamble, 8 sections with 29 run-in subsections
EXTRACTED = "\n".join(SEED_LINES[39:])  # the truncated PDF-extracted copy, without its title
SEED_NAME = "shaoxing-education-bureau-2021"
SEED_WARNING = (
    "a second, partial rendition of the report (lines 40-237, about 18% of it) "
    "was found and set aside"
)
SEED_SECTIONS = [
    ("一、", "党的领导坚强有力", 3),
    ("二、", "“双减”贯彻落地有声", 3),
    ("三、", "立德树人深化有方", 3),
    ("四、", "教育现代化推进有序", 3),
    ("五、", "教育治理扎实有为", 3),
    ("六、", "各类教育稳中有进", 6),
    ("七、", "队伍建设提升有道", 3),
    ("八、", "群众获得感真切有情", 5),
]
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "compare" / "schemas" / "report.schema.json").read_text(
        encoding="utf-8"
    )
)


# --------------------------------------------------------------------------- what a reader sees


def outline(report: Report) -> list[tuple[str, str, str, int]]:
    """Return (id, number, heading, level) of every section, in document order."""
    return [(s.id, s.number, s.heading, s.level) for s in report.walk()]


def sentences(report: Report) -> dict[str, tuple[str, ...]]:
    """Return the sentences of the preamble ("0") and of every section, by section id."""
    found = {"0": report.preamble.sentences} if report.preamble is not None else {}
    found.update((s.id, s.sentences) for s in report.walk())
    return found


def reading(report: Report) -> dict[str, Any]:
    """Return everything a reader sees of a report but where it came from (warnings without it)."""
    return {
        "title": report.title,
        "org": report.org,
        "year": report.year,
        "outline": [(*row, s.style) for row, s in zip(outline(report), report.walk(), strict=True)],
        "sentences": sentences(report),
        "metrics": list(report.metrics),
        "warnings": [w.replace(report.source.path, "FILE") for w in report.warnings],
    }


CHARACTER = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")


def characters(text: str) -> Counter[str]:
    """Count the Chinese characters, Latin letters and digits (full-width ones as half-width)."""
    return Counter(CHARACTER.findall(unicodedata.normalize("NFKC", text)))


def report_characters(report: Report, *, title_line: bool = True) -> Counter[str]:
    """Count the characters a report kept: title (when it was a line of the text, not read off
    a filing's cover), headings (not made-up ones) and sentences."""
    parts = [report.title if title_line else "", *sentences(report).get("0", ())]
    for section in report.walk():
        if section.style != "para-group":  # a group's heading repeats its first words
            parts += [section.number, section.heading]
        parts += section.sentences
    return characters("\n".join(parts))


def write(path: Path, text: str) -> Path:
    """Write UTF-8 text to a file, making its folder, and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- 1. the seed


@pytest.fixture(scope="module")
def seed() -> Report:
    """The seed file as `compare` reads it."""
    return read_report(SEED_2021)


def test_seed_reads_to_its_title_outline_and_one_warning(seed: Report) -> None:
    assert (seed.title, seed.org, seed.year) == ("绍兴市教育局2021年工作总结", "绍兴市教育局", 2021)
    assert (seed.source.format, seed.source.encoding) == ("txt", "utf-8")
    assert [(s.number, s.heading, len(s.children)) for s in seed.sections] == SEED_SECTIONS
    assert sum(len(s.children) for s in seed.sections) == 29
    assert [s.style for s in seed.walk()] == [
        style for _, _, n in SEED_SECTIONS for style in ["cn-dun"] + ["run-in"] * n
    ]
    assert seed.warnings == (SEED_WARNING,)


def test_seed_metrics_are_the_hand_labelled_ones_in_their_sections(seed: Report) -> None:
    labelled = json.loads((FIXTURES / "metrics" / "seed-labelled.json").read_text(encoding="utf-8"))
    expected: Counter[tuple[object, ...]] = Counter()
    for section in labelled["sections"]:
        top = "" if section["heading"] == "(preamble)" else section["heading"]
        for item in section["sentences"]:
            for m in item["metrics"]:
                expected[
                    (top, item["subsection"], item["sentence"], m["text"], Decimal(m["value"]))
                    + (m["unit"], m["scale"], m["qualifier"], m["kind"])
                ] += 1
    got: Counter[tuple[object, ...]] = Counter()
    for m in seed.metrics:
        section = seed.section(m.section)
        sentence = section.sentences[m.sentence]
        assert sentence[m.start : m.end] == m.text
        top = seed.section(m.section.split(".")[0]) if m.section != "0" else None
        path = (
            top.number + top.heading if top else "",
            section.number + section.heading if section is not top and top else "",
        )
        got[(*path, sentence, m.text, m.value, m.unit, m.scale, m.qualifier, m.kind.value)] += 1
    assert sum(expected.values()) == 161
    assert got == expected


# --------------------------------------------------------------------------- 2. extracted copy


def test_extracted_rendition_reads_like_the_clean_one_as_far_as_it_goes(
    seed: Report, tmp_path: Path
) -> None:
    # Its title line is missing, so the file name has to tell the organisation and year.
    extracted = read_report(write(tmp_path / "绍兴市教育局2021年工作总结.txt", EXTRACTED))
    assert (extracted.title, extracted.org, extracted.year) == ("", "绍兴市教育局", 2021)
    assert extracted.warnings == ()
    # It stops inside the second subsection of 二、.
    assert outline(extracted) == outline(seed)[:7]
    assert [row[0] for row in outline(extracted)] == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2"]

    got, want = sentences(extracted), sentences(seed)
    *complete, cut = got["2.2"]
    assert want["2.2"][len(complete)].startswith(cut)
    assert want["2.2"][len(complete)] != cut
    assert got | {"2.2": tuple(complete)} == {
        key: want[key][: len(complete)] if key == "2.2" else want[key] for key in got
    }

    def figures(report: Report) -> list[tuple[object, ...]]:
        return [
            (m.section, m.sentence, m.text, m.value, m.unit, m.kind, m.label)
            for m in report.metrics
            if m.section in got and (m.section != "2.2" or m.sentence < len(complete))
        ]

    assert len(figures(seed)) == 16
    assert figures(extracted) == figures(seed)


# --------------------------------------------------------------------------- 3. reflow


def reflow_words(text: str, rnd: random.Random, *, layout: str) -> str:
    """Lay English text out again as PDF extraction does, wrapping lines between words.

    tests/reflow.py cuts lines anywhere (right for Chinese, where PDF lines break between any two
    characters) and 12-60 characters wide; English PDF lines break at spaces, 60-100 characters
    wide. Blank lines, page furniture and character damage are reflow.py's own. In the `hard` and
    `double` layouts no line ends a sentence unless its paragraph ends there (as in reflow.py).
    """
    paragraphs = [p for p in text.split("\n") if p.strip()]
    width = rnd.randint(60, 100)
    blocks = [[paragraphs[0]]]
    for paragraph in paragraphs[1:]:
        lines: list[str] = []
        line = ""
        limit = width + rnd.randint(-10, 10)
        for word in paragraph.split(" "):
            ends = line.endswith(tuple(reflowing._SENTENCE_END)) and layout in ("hard", "double")
            if line and len(line) + 1 + len(word) > limit and not ends:
                lines.append(line)
                line, limit = word, width + rnd.randint(-10, 10)
            else:
                line = f"{line} {word}" if line else word
        blocks.append([*lines, line])
    blocks = reflowing._paginate(blocks, rnd, title=paragraphs[0])
    return reflowing._spoil_characters(reflowing._lay_out(blocks, rnd, layout), rnd)


@cache
def reflow_case(name: str) -> tuple[str, str]:
    """Return (file name, clean text) of a reflow case: the seed's clean half or a corpus excerpt."""
    if name == "seed":
        return f"{SEED_NAME}.txt", CLEAN

    def corpus_text(folder: str, year: str) -> str:
        return read_text(CORPUS / folder / f"{year}.txt", settings=Settings()).text

    if name in ("cn-2015", "cn-2013"):
        year = name[3:]
        return f"{year}.txt", corpus_text("cn-state-council-gwr", year)
    if name == "shanghai-2021":
        text = corpus_text("shanghai-municipal-gwr", "2021")
        return "2021.txt", text[: text.rindex("\n", 0, 15_000)]
    assert name == "singapore-2022"
    return "2022.txt", "\n".join(corpus_text("singapore-budget-speech", "2022").split("\n")[:40])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the files the property tests write, shared by the module."""
    return tmp_path_factory.mktemp("reading")


@pytest.fixture(scope="module")
def shared_corpus() -> Path:
    """The shared corpus folder, for property tests (hypothesis refuses function-scoped fixtures)."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS


@cache
def clean_reading(name: str, folder: Path) -> dict[str, Any]:
    """Return what a reader sees of a reflow case's clean text, read from a file."""
    file_name, text = reflow_case(name)
    return reading(read_report(write(folder / name / "clean" / file_name, text)))


def reads_the_same_reflowed(name: str, folder: Path, damaged: str) -> None:
    """Assert that the damaged layout of a case reads to what its clean text reads to."""
    file_name, _ = reflow_case(name)
    got = reading(read_report(write(folder / name / "reflowed" / file_name, damaged)))
    assert got == clean_reading(name, folder)


@hypothesis_settings(max_examples=15)
@given(seed=st.integers(0, 2**32 - 1), layout=st.sampled_from(reflowing.LAYOUTS))
def test_reflowed_seed_reads_the_same(folder: Path, seed: int, layout: str) -> None:
    # reflow makes thousands of random choices; a seeded Random keeps hypothesis' input small.
    damaged = reflowing.reflow(CLEAN, random.Random(seed), layout=layout)
    reads_the_same_reflowed("seed", folder, damaged)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "layouts"),
    [
        ("cn-2015", reflowing.LAYOUTS),
        ("cn-2013", reflowing.LAYOUTS),
        # not hard and double: there its 45-character heading, when it fits on one line, reads
        # like a numbered paragraph cut there (see test_reflowed_long_heading_without_blank_…)
        ("shanghai-2021", ("pdf", "web")),
    ],
)
@hypothesis_settings(max_examples=6)
@given(seed=st.integers(0, 2**32 - 1), data=st.data())
def test_reflowed_chinese_corpus_report_reads_the_same(
    shared_corpus: Path,
    folder: Path,
    name: str,
    layouts: tuple[str, ...],
    seed: int,
    data: st.DataObject,
) -> None:
    layout = data.draw(st.sampled_from(layouts), label="layout")
    damaged = reflowing.reflow(reflow_case(name)[1], random.Random(seed), layout=layout)
    reads_the_same_reflowed(name, folder, damaged)


@pytest.mark.corpus
@hypothesis_settings(max_examples=8)
@given(seed=st.integers(0, 2**32 - 1), layout=st.sampled_from(["pdf", "web"]))
# A paragraph ending "[Please refer to Annex A-1.]" then a 2-blank gap, taken for a wrapped line
# until ingest counted "]" as closing a sentence.
@example(seed=26, layout="pdf")
def test_reflowed_english_speech_reads_the_same(
    shared_corpus: Path, folder: Path, seed: int, layout: str
) -> None:
    damaged = reflow_words(reflow_case("singapore-2022")[1], random.Random(seed), layout=layout)
    reads_the_same_reflowed("singapore-2022", folder, damaged)


@pytest.mark.corpus
@pytest.mark.parametrize("layout", ["hard", "double"])
def test_reflowed_long_heading_without_blank_lines_stays_a_heading(
    corpus: Path, folder: Path, layout: str
) -> None:
    # 二、关于《上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）》的说明
    # is 45 characters; wrapped, only its short last line shows it ends before 根据《中共上海市委…
    damaged = reflowing.reflow(reflow_case("shanghai-2021")[1], random.Random(1), layout=layout)
    reads_the_same_reflowed("shanghai-2021", folder, damaged)


@pytest.mark.corpus
@pytest.mark.parametrize("layout", ["hard", "double"])
def test_reflowed_english_without_blank_lines_keeps_its_paragraphs(
    corpus: Path, folder: Path, layout: str
) -> None:
    damaged = reflow_words(reflow_case("singapore-2022")[1], random.Random(0), layout=layout)
    reads_the_same_reflowed("singapore-2022", folder, damaged)


# --------------------------------------------------------------------------- 4. the corpus

# (top-level sections, level-2 sections, warning after "FILE: ") per corpus file.
CORPUS_OUTLINES: dict[str, tuple[int, int, str]] = {
    "apple-10k/2017.txt": (4, 21, "dropped a table of contents (25 headings)"),
    "apple-10k/2018.txt": (4, 21, "dropped a table of contents (25 headings)"),
    "cn-state-council-gwr/2008.txt": (2, 12, ""),
    "cn-state-council-gwr/2009.txt": (3, 10, ""),
    "cn-state-council-gwr/2010.txt": (2, 12, ""),
    "cn-state-council-gwr/2011.txt": (3, 15, ""),
    "cn-state-council-gwr/2012.txt": (3, 14, ""),
    "cn-state-council-gwr/2013.txt": (3, 12, ""),
    "cn-state-council-gwr/2014.txt": (3, 14, ""),
    "cn-state-council-gwr/2015.txt": (6, 5, ""),
    "cn-state-council-gwr/2016.txt": (3, 14, ""),
    "shanghai-municipal-gwr/2020.txt": (3, 17, ""),
    "shanghai-municipal-gwr/2021.txt": (4, 18, ""),
    "singapore-budget-speech/2021.txt": (
        61,
        0,
        "no headings found; 529 paragraphs grouped into 61 sections",
    ),
    "singapore-budget-speech/2022.txt": (
        42,
        0,
        "no headings found; 387 paragraphs grouped into 42 sections",
    ),
}
TOC_ENTRY = re.compile(r"^(?:TABLE OF CONTENTS|Page|Part [IV]+|Item \d{1,2}[A-C]?\.(?: \|.*)?)$")


@pytest.mark.corpus
def test_the_corpus_table_names_every_corpus_file(corpus: Path) -> None:
    assert [f"{p.parent.name}/{p.name}" for p in corpus_files()] == sorted(CORPUS_OUTLINES)


def table_of_contents(lines: list[str]) -> list[str]:
    """Return the contents lines of a 10-K: from TABLE OF CONTENTS to the first PART I heading."""
    if "TABLE OF CONTENTS" not in lines:
        return []
    start = lines.index("TABLE OF CONTENTS")
    entries = lines[start : lines.index("PART I", start)]
    return [line for line in entries if TOC_ENTRY.match(line)]


FISCAL_YEAR_ENDS = {
    "apple-10k/2017.txt": "September 30, 2017",
    "apple-10k/2018.txt": "September 29, 2018",
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORPUS_OUTLINES))
def test_corpus_file_reads_with_its_outline_and_no_lost_text(corpus: Path, name: str) -> None:
    path = corpus / name
    report = read_report(path)
    tops, seconds, warning = CORPUS_OUTLINES[name]
    levels = Counter(s.level for s in report.walk())
    assert (len(report.sections), levels[2]) == (tops, seconds)
    assert report.warnings == ((warning,) if warning else ())
    # Every letter, digit and Chinese character of the repaired text is in a heading or a
    # sentence, once; only a table of contents is left out.
    lines = read_text(path, settings=Settings()).text.split("\n")
    contents = table_of_contents(lines)
    assert len(contents) == (27 if warning.startswith("dropped") else 0)
    # A 10-K's title (Form 10-K for the fiscal year ended …) is read off its cover, kept whole;
    # a work report without its title line is titled by its opening (向大会作政府工作报告).
    work_report = name.startswith(("cn-", "shanghai-"))
    assert (report.title == "政府工作报告") is work_report
    title_line = not report.title.startswith("Form 10-K") and not work_report
    assert report_characters(report, title_line=title_line) == characters(
        "\n".join(lines)
    ) - characters("\n".join(contents))
    if name.startswith("apple-10k/"):
        assert report.title == f"Form 10-K for the fiscal year ended {FISCAL_YEAR_ENDS[name]}"


# --------------------------------------------------------------------------- 5. formats


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed's clean half as .txt, Word (with and without heading styles), PDF and a web page,
    and the PDF and Word files again under a wrong extension; made once per session."""
    made = tmp_path_factory.mktemp("documents")
    (made / "plain").mkdir()
    paths = {
        "txt": write(made / f"{SEED_NAME}.txt", CLEAN),
        "docx": make_docx(CLEAN, made / f"{SEED_NAME}.docx", heading_styles=True),
        "docx-plain": make_docx(CLEAN, made / "plain" / f"{SEED_NAME}.docx", heading_styles=False),
        "pdf": make_pdf(CLEAN, made / f"{SEED_NAME}.pdf", font="builtin"),
        "html": make_html(CLEAN, made / f"{SEED_NAME}.html"),
    }
    paths["pdf-named-txt"] = Path(shutil.copy(paths["pdf"], made / "report.txt"))
    paths["docx-named-bin"] = Path(shutil.copy(paths["docx"], made / "report.bin"))
    return paths


@pytest.mark.parametrize(
    ("kind", "fmt"),
    [
        ("docx", "docx"),
        ("docx-plain", "docx"),
        ("pdf", "pdf"),
        ("html", "html"),
        ("pdf-named-txt", "pdf"),
        ("docx-named-bin", "docx"),
    ],
)
def test_each_format_reads_like_the_text_file(
    documents: dict[str, Path], kind: str, fmt: str
) -> None:
    report = read_report(documents[kind])
    assert report.source.format == fmt
    assert reading(report) == reading(read_report(documents["txt"]))


def test_the_formats_really_differ_in_layout(documents: dict[str, Path]) -> None:
    # What the readers must undo: heading styles, wrapped PDF lines, a page full of chrome.
    import docx

    styles = {p.style.name for p in docx.Document(str(documents["docx"])).paragraphs}
    plain = {p.style.name for p in docx.Document(str(documents["docx-plain"])).paragraphs}
    assert (styles, plain) == ({"Title", "Heading 1", "Normal"}, {"Normal"})
    page = documents["html"].read_text(encoding="utf-8")
    assert all(tag in page for tag in ("<nav", "<aside", "<footer", "<script", "<form"))
    assert documents["pdf"].read_bytes().startswith(b"%PDF-")


# --------------------------------------------------------------------------- 6. arbitrary input

PIECES = st.sampled_from(
    [
        "一、", "（一）", "一是", "。", "\n", "\n\n", "1.", "# ", "Item 1.", "PART I", " | ",
        "2021年", "382所", "89.5%", "％", "\u3000\u3000", "\u2003\u2003", "――", "目录",
        "第一章", "- 3 -", "<html>", "<h1>", "%PDF-", "PK\x03\x04", "\ufeff", "\x00", "\r",
        "绍兴市教育局2021年工作总结\n",
    ]
)  # fmt: skip
NAMES = st.sampled_from(["a.txt", "a.md", "a.html", "a.pdf", "a.docx", "a"])


def read_or_fail_cleanly(path: Path) -> None:
    """Read a file; a failure must be a CompareError of one line that names the file."""
    try:
        report = read_report(path)
    except CompareError as exc:
        assert str(path) in str(exc)
        assert "\n" not in str(exc)
        return
    for m in report.metrics:
        assert report.section(m.section).sentences[m.sentence][m.start : m.end] == m.text


@given(text=st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join), name=NAMES)
def test_arbitrary_text_reads_or_fails_cleanly(folder: Path, text: str, name: str) -> None:
    path = folder / "text" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    read_or_fail_cleanly(path)


@given(
    head=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"]),
    data=st.binary(max_size=400),
    name=NAMES,
)
def test_arbitrary_bytes_read_or_fail_cleanly(
    folder: Path, head: bytes, data: bytes, name: str
) -> None:
    path = folder / "bytes" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(head + data)
    read_or_fail_cleanly(path)


@given(
    kind=st.sampled_from(["docx", "pdf", "html"]),
    where=st.floats(0, 1, exclude_max=True),
    patch=st.binary(max_size=8),
    truncate=st.booleans(),
)
def test_damaged_documents_read_or_fail_cleanly(
    documents: dict[str, Path], folder: Path, kind: str, where: float, patch: bytes, truncate: bool
) -> None:
    data = documents[kind].read_bytes()
    at = int(where * len(data))
    damaged = data[:at] if truncate else data[:at] + patch + data[at + len(patch) :]
    path = folder / "damaged" / f"report.{kind}"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(damaged)
    read_or_fail_cleanly(path)


@pytest.mark.parametrize("name", ["report.docx", "report.txt"])
def test_a_zip_of_a_version_python_cannot_open_fails_in_one_line(
    documents: dict[str, Path], folder: Path, name: str
) -> None:
    """A Word file whose central directory asks for zip version 6.4: zipfile raises
    NotImplementedError, which told the format apart with a traceback (found by the test
    above). Named .docx, the Word reader says what is wrong; else it is a zip, not text."""
    data = bytearray(documents["docx"].read_bytes())
    entry = data.index(b"PK\x01\x02")  # the central directory's first entry
    data[entry + 6] = 64  # version needed to extract: 6.4
    path = folder / "zip64" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(bytes(data))
    with pytest.raises(CompareError) as error:
        read_report(path)
    problem = str(error.value).removeprefix(f"{path}: ")
    if name.endswith(".docx"):
        assert problem == "not a valid Word document (zip file version 6.4)"
    else:
        assert problem == "not a text file (a zip archive that is not a Word document)"


# --------------------------------------------------------------------------- 7. parse --json


@pytest.mark.parametrize(
    "name",
    [
        "seed",
        "docx",
        *(
            pytest.param(name, marks=pytest.mark.corpus)
            for name in (
                "apple-10k/2018.txt",
                "cn-state-council-gwr/2015.txt",
                "shanghai-municipal-gwr/2021.txt",
                "singapore-budget-speech/2022.txt",
            )
        ),
    ],
)
def test_parse_json_matches_the_report_schema(
    documents: dict[str, Path], request: pytest.FixtureRequest, name: str
) -> None:
    if name == "seed":
        path = SEED_2021
    elif name == "docx":
        path = documents["docx"]
    else:
        path = request.getfixturevalue("corpus") / name
    result = CliRunner().invoke(cli, ["parse", str(path), "--json", "-"])
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    report = read_report(path)
    assert (document["title"], document["org"], document["year"]) == (
        report.title,
        report.org,
        report.year,
    )
    assert [s["id"] for s in document["sections"]] == [s.id for s in report.sections]
    assert len(document["metrics"]) == len(report.metrics)
    assert document["warnings"] == list(report.warnings)


# Two reports read side by side (pipeline.read_reports, as `compare` and `compare check` read
# them): the second in a forked child while this process reads the first (compare.forked).


def test_two_reports_read_side_by_side_are_those_read_one_by_one(children: list[int]) -> None:
    before = open_files()
    both = read_reports(SEED_2021, SEED_2022)
    assert len(children) == 1 and reaped(children[0])
    assert open_files() == before  # the pipe closed
    assert both == (read_report(SEED_2021), read_report(SEED_2022))
    assert all(report.metrics and report.sections for report in both)


def test_a_second_report_the_child_cannot_read_fails_with_its_own_error(
    tmp_path: Path, children: list[int], capfd: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "2022.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableInput, match=re.escape(f"{empty}: empty file")):
        read_reports(SEED_2021, empty)
    assert len(children) == 1 and reaped(children[0])
    assert capfd.readouterr().err == ""  # the child said nothing of its own: no traceback


def test_the_first_reports_error_comes_first_and_stops_the_child(
    tmp_path: Path, children: list[int]
) -> None:
    empty, missing = tmp_path / "2021.txt", tmp_path / "2022.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableInput, match="2021.txt: empty file"):
        read_reports(empty, missing)  # as read in order: the first file's error
    assert children == []
    with pytest.raises(UnreadableInput, match="2021.txt: empty file"):
        read_reports(empty, SEED_2022)
    assert len(children) == 1 and reaped(children[0])


def test_compare_and_check_read_side_by_side_say_what_they_say_read_in_order(
    monkeypatch: pytest.MonkeyPatch, children: list[int]
) -> None:
    """The JSON of `compare` and `compare check`, a report piped into '-' among them, is the
    same whether the second report was read (and the terms counted) in a child or here."""
    runner = CliRunner()
    piped = SEED_2022.read_bytes()
    commands = [
        ([str(SEED_2021), str(SEED_2022), "--json", "-"], None),
        ([str(SEED_2021), "-", "--json", "-"], piped),
        (["check", "-", "--against", str(SEED_2021), "--json", "-"], piped),
    ]
    side_by_side = [runner.invoke(cli, args, input=data).stdout for args, data in commands]
    assert len(children) == 6 and all(map(reaped, children))  # a report and the terms each
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    in_order = [runner.invoke(cli, args, input=data).stdout for args, data in commands]
    assert len(children) == 6
    assert side_by_side == in_order
    assert [json.loads(out)["new"]["path"] for out in side_by_side[:2]] == [
        str(SEED_2022),
        "<stdin>",
    ]
