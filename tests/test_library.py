"""library: a year or a path -> one report file."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.errors import ReportNotFound, UsageError
from compare.library import find_report, reports_of, scan_library


def write(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.write_text(f"{title}\n一、总体情况\n全年新增学校3所。\n", encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    write(tmp_path, "a-2021.txt", "绍兴市教育局2021年工作总结")
    write(tmp_path, "a-2022.txt", "绍兴市教育局2022年工作总结")
    write(tmp_path, "notes.txt", "杭州市教育局2020年工作总结")  # year only in its title
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    return tmp_path


def test_scan_finds_year_in_name_or_title(library: Path) -> None:
    found = {(e.path.name, e.org, e.year) for e in scan_library(library)}
    assert found == {
        ("notes.txt", "杭州市教育局", 2020),
        ("a-2021.txt", "绍兴市教育局", 2021),
        ("a-2022.txt", "绍兴市教育局", 2022),
    }


def test_find_by_year(library: Path) -> None:
    assert find_report("2022", library=library) == library / "a-2022.txt"


def test_find_by_path_passes_through(library: Path) -> None:
    assert find_report(str(library / "notes.txt"), library=library) == library / "notes.txt"


def test_missing_year_lists_what_is_there(library: Path) -> None:
    with pytest.raises(ReportNotFound) as err:
        find_report("2019", library=library)
    message = str(err.value)
    assert "no report for 2019" in message
    assert "2021 绍兴市教育局 (a-2021.txt)" in message and "2020 杭州市教育局" in message


def test_ambiguous_year_asks_for_org(library: Path) -> None:
    write(library, "b-2021.txt", "宁波市教育局2021年工作总结")
    with pytest.raises(UsageError, match="2 reports for 2021.*--org"):
        find_report("2021", library=library)
    assert find_report("2021", library=library, org="宁波") == library / "b-2021.txt"


def test_one_organisations_two_files_of_a_year_are_told_apart_by_path(library: Path) -> None:
    """A draft beside the final report: --org cannot tell them apart, so the error does not
    send the user to it; with another organisation's file of that year too, it names both."""
    write(library, "a-2021-draft.txt", "绍兴市教育局2021年工作总结")
    with pytest.raises(UsageError) as err:
        find_report("2021", library=library)
    assert str(err.value).endswith("; give the one you mean as a path")
    with pytest.raises(UsageError) as err:
        find_report("2021", library=library, org="绍兴")
    assert str(err.value).endswith("; give the one you mean as a path")
    write(library, "b-2021.txt", "宁波市教育局2021年工作总结")
    with pytest.raises(UsageError) as err:
        find_report("2021", library=library)
    assert str(err.value).endswith("; pick one with --org, or give the one you mean as a path")
    assert find_report("2021", library=library, org="宁波") == library / "b-2021.txt"


def test_a_file_named_with_two_years_is_of_the_first_here_and_when_read(tmp_path: Path) -> None:
    """A file whose name gives two years and whose title none is filed under the first
    (2021年工作总结-2022年1月: the report's year, then its date), and read as that year's: the
    library and the report agree on which year it is."""
    from compare.pipeline import read_report

    path = write(tmp_path, "2021年工作总结-2022年1月.txt", "绍兴市教育局工作总结")
    assert [(e.path, e.year) for e in scan_library(tmp_path)] == [(path, 2021)]
    assert find_report("2021", library=tmp_path) == path
    assert read_report(path).year == 2021


def test_titles_in_gbk_or_after_two_boms_file_the_report_by_its_organisation(
    tmp_path: Path,
) -> None:
    """A GBK text file's title had been read as UTF-8 with its errors ignored (noise), and a
    file opening with two BOMs kept the second in its organisation: both were filed under
    other organisations (gbk; \ufeff绍兴市教育局), so `series --all` asked for --org. A UTF-8
    opening cut inside a character by the read, or with a stray byte, is still UTF-8; Big5 and
    UTF-16 are told as reading the whole file tells them."""
    body = "\n一、总体情况\n全年新增学校3所。\n" + "其他工作有序推进。" * 400
    (tmp_path / "a-2020.txt").write_bytes(("绍兴市教育局2020年工作总结" + body).encode("gbk"))
    (tmp_path / "b-2021.txt").write_bytes(
        ("\ufeff\ufeff绍兴市教育局2021年工作总结" + body).encode("utf-8")
    )
    damaged = ("绍兴市教育局2022年工作总结" + body).encode("utf-8")
    (tmp_path / "c-2022.txt").write_bytes(damaged[:200] + b"\xff" + damaged[200:])
    (tmp_path / "d-2023.txt").write_bytes(("绍兴市教育局2023年工作总结" + body).encode("utf-16"))
    traditional = "\n一、總體情況\n全年新增學校3所。\n" + "其他工作有序推進。" * 400
    (tmp_path / "e-2021.txt").write_bytes(
        ("臺北市教育局2021年工作總結" + traditional).encode("big5")
    )
    found = [(e.path.name, e.org, e.year) for e in scan_library(tmp_path)]
    assert found == [
        ("a-2020.txt", "绍兴市教育局", 2020),
        ("b-2021.txt", "绍兴市教育局", 2021),
        ("e-2021.txt", "臺北市教育局", 2021),
        ("c-2022.txt", "绍兴市教育局", 2022),
        ("d-2023.txt", "绍兴市教育局", 2023),
    ]
    shaoxing = [e.path.name for e in reports_of(tmp_path, org="绍兴")]
    assert shaoxing == ["a-2020.txt", "b-2021.txt", "c-2022.txt", "d-2023.txt"]


def test_missing_path_and_missing_library(tmp_path: Path) -> None:
    with pytest.raises(ReportNotFound, match="nope.txt: no such file"):
        find_report(str(tmp_path / "nope.txt"), library=tmp_path)
    with pytest.raises(ReportNotFound, match="no such library folder"):
        find_report("2021", library=tmp_path / "absent")


def test_reports_of_one_org_needs_org_when_several(library: Path) -> None:
    with pytest.raises(UsageError, match="2 organisations"):
        reports_of(library)
    assert [e.year for e in reports_of(library, org="绍兴")] == [2021, 2022]


def test_several_organisations_are_listed_with_their_files(tmp_path: Path) -> None:
    """A report whose organisation is not known has no name to pick: the message names its
    files, which --org also matches."""
    write(tmp_path, "a-2021.txt", "绍兴市教育局2021年工作总结")
    (tmp_path / "2022.docx").write_bytes(b"PK")  # not read: known by its name only
    with pytest.raises(UsageError) as err:
        reports_of(tmp_path)
    assert str(err.value).endswith(
        "reports of 2 organisations ((organisation unknown): 2022.docx; 绍兴市教育局: a-2021.txt); "
        "pick one with --org (a name or part of a file name), or name the reports"
    )
    assert [e.path.name for e in reports_of(tmp_path, org="2022.docx")] == ["2022.docx"]


def test_a_file_named_by_year_and_report_kind_files_under_that_kind(tmp_path: Path) -> None:
    """2022年政府工作报告.pdf is filed under 政府工作报告, as 2021年政府工作报告.pdf is."""
    for year in (2021, 2022):
        (tmp_path / f"{year}年政府工作报告.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "2020年度工作总结.docx").write_bytes(b"PK")
    (tmp_path / "2019年度工作总结.rtf").write_bytes(b"{\\rtf1 x}")  # an RTF library file too
    (tmp_path / "2018年度工作总结.doc").write_bytes(b"\xd0\xcf\x11\xe0")  # and Word 97-2003
    found = {(e.path.name, e.org, e.year) for e in scan_library(tmp_path)}
    assert found == {
        ("2018年度工作总结.doc", "工作总结", 2018),
        ("2019年度工作总结.rtf", "工作总结", 2019),
        ("2020年度工作总结.docx", "工作总结", 2020),
        ("2021年政府工作报告.pdf", "政府工作报告", 2021),
        ("2022年政府工作报告.pdf", "政府工作报告", 2022),
    }


def test_a_word_years_title_tells_its_organisation_when_file_names_do_not(tmp_path: Path) -> None:
    """A library of one organisation's years in two formats (2021 as Word, 2022 as text): the
    Word file's name (shaoxing-2021.docx) made it another organisation, and `series --all`
    asked for --org. Its title is read when organisations are to be told apart."""
    from makedocs import make_compound_file, word_streams

    title = "绍兴市教育局2021年工作总结"
    make_compound_file(word_streams([(f"{title}\r全市新建学校12所。\r", False)]),
                       tmp_path / "shaoxing-2021.doc")  # fmt: skip
    (tmp_path / "shaoxing-2022.txt").write_text(
        "绍兴市教育局2022年工作总结\n全市新建学校15所。\n", encoding="utf-8"
    )
    found = [(e.path.name, e.org) for e in reports_of(tmp_path)]
    assert found == [("shaoxing-2021.doc", "绍兴市教育局"), ("shaoxing-2022.txt", "绍兴市教育局")]
    assert [e.year for e in reports_of(tmp_path, org="绍兴市教育局")] == [2021, 2022]
    # An unreadable file keeps its file name's organisation.
    (tmp_path / "other-2020.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(UsageError, match="other: other-2020.doc"):
        reports_of(tmp_path)


def test_an_official_documents_cover_files_the_report_by_its_own_title(tmp_path: Path) -> None:
    """A text file opening with a 公文's cover (红头, document number, notice) is filed under the
    organisation and year of the report's title after it (it read as no organisation, and no
    year but its file name's)."""
    cover = "绍兴市教育局文件\n绍市教〔2022〕1号\n绍兴市教育局关于印发2021年工作总结的通知\n"
    (tmp_path / "notice.txt").write_text(
        cover + "绍兴市教育局2021年工作总结\n全市新建学校12所。\n", encoding="utf-8"
    )
    (tmp_path / "red-head.txt").write_text(
        "绍兴市卫生健康委员会文件\n全市新建医院2所。\n", encoding="utf-8"
    )
    found = {(e.path.name, e.org, e.year) for e in scan_library(tmp_path)}
    assert found == {
        ("notice.txt", "绍兴市教育局", 2021),
        ("red-head.txt", "绍兴市卫生健康委员会", None),
    }


def test_a_report_that_names_itself_in_its_text_is_filed_as_reading_names_it(
    tmp_path: Path,
) -> None:
    """A work report with no title line (现在，我代表上海市人民政府，向大会报告工作) and a 10-K
    (Apple Inc. over "(Exact name of registrant …)") are filed under the organisation that
    `parse` names: `--org 上海市人民政府` had found none, the library calling them all
    "organisation unknown", and `series --all` had mixed two governments' reports."""
    speech = (
        "各位代表：\n现在，我代表{}，向大会报告工作，请予审议。\n一、工作回顾\n新建学校{}所。\n"
    )
    for name, org, schools in (
        ("2020.txt", "上海市人民政府", 10),
        ("2021.txt", "上海市人民政府", 12),
        ("2016.txt", "国务院", 30),
    ):
        (tmp_path / name).write_text(speech.format(org, schools), encoding="utf-8")
    (tmp_path / "2018.txt").write_text(
        "FORM 10-K\nApple Inc.\n(Exact name of Registrant as specified in its charter)\n"
        "Net sales were $265.6 billion.\n",
        encoding="utf-8",
    )
    found = {(e.path.name, e.org) for e in scan_library(tmp_path)}
    assert found == {
        ("2020.txt", "上海市人民政府"),
        ("2021.txt", "上海市人民政府"),
        ("2016.txt", "国务院"),
        ("2018.txt", "Apple Inc."),
    }
    assert find_report("2021", library=tmp_path, org="上海") == tmp_path / "2021.txt"
    with pytest.raises(UsageError, match="3 organisations"):
        reports_of(tmp_path, org=None)


def test_compares_written_into_the_library_are_not_reports(tmp_path: Path) -> None:
    """`compare 2021 2022 -o seeds/ --md seeds/` puts a page and a Markdown file beside the
    reports; the next `compare 2021 2022` (or `series --all`) must not take them for a third
    report of 2021 and a second organisation."""
    from click.testing import CliRunner

    from compare.cli import cli
    from tests.conftest import SEED_2021, SEED_2022

    for seed in (SEED_2021, SEED_2022):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "绍兴市教育局2020年工作总结.md").write_text(  # a report in Markdown stays one
        "# 绍兴市教育局2020年工作总结\n\n一、总体情况\n\n全年新增学校3所。\n", encoding="utf-8"
    )
    runner = CliRunner()
    library = ["--library", str(tmp_path)]
    folder = f"{tmp_path}/"
    for args in (
        ["2021", "2022", "-o", folder, "--md", folder],
        ["series", "--all", "--html", folder],
    ):
        written = runner.invoke(cli, [*args, *library])
        assert written.exit_code == 0, written.output
    assert {p.suffix for p in tmp_path.iterdir()} == {".txt", ".md", ".html"}
    found = {(e.path.name, e.year) for e in scan_library(tmp_path)}
    assert found == {
        (SEED_2021.name, 2021),
        (SEED_2022.name, 2022),
        ("绍兴市教育局2020年工作总结.md", 2020),
    }
    again = runner.invoke(cli, ["2021", "2022", *library, "--json", "-"])
    assert again.exit_code == 0, again.output


def test_a_markdown_report_with_front_matter_is_filed_by_its_title(tmp_path: Path) -> None:
    """notes.md opens with front matter (---, title: …, ---): its year and organisation are its
    title's, as for a file without it."""
    (tmp_path / "notes.md").write_text(
        "---\ntitle: 绍兴市教育局2021年工作总结\n---\n\n# 绍兴市教育局2021年工作总结\n\n一、总体情况\n",
        encoding="utf-8",
    )
    (tmp_path / "draft.md").write_text(
        "---\ntitle: 绍兴市教育局2022年工作总结\nauthor: 办公室\n---\n一、总体情况\n",
        encoding="utf-8",
    )
    found = {(e.path.name, e.org, e.year) for e in scan_library(tmp_path)}
    assert found == {("notes.md", "绍兴市教育局", 2021), ("draft.md", "绍兴市教育局", 2022)}


def test_a_markdown_reports_comment_is_no_title(tmp_path: Path) -> None:
    """A comment before a Markdown report's title (<!-- 据2020年模板修改 -->) had been read as
    its opening line: the report was filed under no year, as "notes". It is left out, as when
    the report is read."""
    (tmp_path / "notes.md").write_text(
        "<!-- 据2020年模板修改 -->\n\n# 绍兴市教育局2022年工作总结\n\n一、总体情况\n",
        encoding="utf-8",
    )
    found = {(e.path.name, e.org, e.year) for e in scan_library(tmp_path)}
    assert found == {("notes.md", "绍兴市教育局", 2022)}
