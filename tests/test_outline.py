"""outline: clean text -> Report (title, org, year, preamble, heading tree, sentences)."""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.errors import CompareError
from compare.export import render_outline, report_to_json
from compare.model import SCALES, Metric, MetricKind, Report, Section, Source
from compare.outline import opening_org_year, parse_outline, parse_title, split_sentences
from compare.quantities import attach_metrics

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "shaoxing-education-bureau-2021.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
SCHEMA = json.loads((ROOT / "compare" / "schemas" / "report.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def parse(text: str, path: str = "report.txt") -> Report:
    """Parse dedented text as if read from `path`."""
    return parse_outline(textwrap.dedent(text).strip("\n"), source=Source(path=path))


def outline(report: Report) -> list[tuple[str, str, str, int]]:
    """Return (id, number, heading, level) of every section, depth first."""
    return [(s.id, s.number, s.heading, s.level) for s in report.walk()]


def seed_clean_half() -> str:
    """Return the seed's clean rendition: its first 39 lines."""
    return "\n".join(SEED.read_text("utf-8").splitlines()[:39])


# --------------------------------------------------------------------------- the seed

SEED_HEADINGS = [
    "党的领导坚强有力",
    "“双减”贯彻落地有声",
    "立德树人深化有方",
    "教育现代化推进有序",
    "教育治理扎实有为",
    "各类教育稳中有进",
    "队伍建设提升有道",
    "群众获得感真切有情",
]


@pytest.fixture(scope="module")
def seed() -> Report:
    return parse_outline(seed_clean_half(), source=Source(path=str(SEED)))


def test_seed_title_org_year(seed: Report) -> None:
    assert (seed.title, seed.org, seed.year) == (
        "绍兴市教育局2021年工作总结",
        "绍兴市教育局",
        2021,
    )
    assert seed.warnings == ()
    assert seed.metrics == ()


def test_seed_has_eight_sections_and_29_subsections(seed: Report) -> None:
    assert [s.heading for s in seed.sections] == SEED_HEADINGS
    assert [s.number for s in seed.sections] == [f"{n}、" for n in "一二三四五六七八"]
    assert [len(s.children) for s in seed.sections] == [3, 3, 3, 3, 3, 6, 3, 5]
    subsections = [s for s in seed.walk() if s.level == 2]
    assert len(subsections) == 29
    assert {s.style for s in seed.sections} == {"cn-dun"}
    assert {s.style for s in subsections} == {"run-in"}
    assert not any(s.children for s in subsections)


def test_seed_run_in_subsection_splits_heading_from_body(seed: Report) -> None:
    first = seed.section("1.1")
    assert (first.id, first.number, first.heading, first.level) == (
        "1.1",
        "一是",
        "“五星三名”夯实基础",
        2,
    )
    assert first.text.startswith("全面深化党组织领导的校长负责制试点，")
    assert (
        first.sentences[0]
        == "全面深化党组织领导的校长负责制试点，全市中小学试点学校达382所，试点覆盖率达89.5%。"
    )
    assert len(first.sentences) == 5
    assert seed.section("8.5").heading == "开放协作助推共赢"
    assert seed.section("1").text == ""


def test_seed_preamble_is_section_zero(seed: Report) -> None:
    preamble = seed.preamble
    assert preamble is not None
    assert (preamble.id, preamble.level, preamble.number, preamble.heading) == ("0", 0, "", "")
    assert preamble.text.startswith("2021年，全市教育系统全面贯彻党的教育方针")
    assert preamble.sentences == (preamble.text,)


def test_seed_second_copy_is_reported() -> None:
    report = parse_outline(SEED.read_text("utf-8"), source=Source(path="seed.txt"))
    assert len(report.sections) == 8
    assert report.warnings == (
        "heading 一、党的领导坚强有力 appears twice; the text may hold a second copy of the report",
    )


# --------------------------------------------------------------------------- title, org, year

NOTE_TITLE = "绍兴市教育局2022年工作总结（样例：为本项目编写，非真实发布）"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("绍兴市教育局2021年工作总结", ("绍兴市教育局2021年工作总结", "绍兴市教育局", 2021)),
        ("2022年国务院政府工作报告", ("2022年国务院政府工作报告", "国务院", 2022)),
        ("上海市2021年政府工作报告", ("上海市2021年政府工作报告", "上海市", 2021)),
        (NOTE_TITLE, (NOTE_TITLE, "绍兴市教育局", 2022)),
        (
            "二〇二一年绍兴市教育局工作总结",
            ("二〇二一年绍兴市教育局工作总结", "绍兴市教育局", 2021),
        ),
        ("政府工作报告", ("政府工作报告", "", None)),
        (
            "示例科技股份有限公司2021年年度报告",
            ("示例科技股份有限公司2021年年度报告", "示例科技股份有限公司", 2021),
        ),
        (
            "某市2021年国民经济和社会发展统计公报",
            ("某市2021年国民经济和社会发展统计公报", "某市", 2021),
        ),
        (
            "示例科技股份有限公司2022年半年度报告摘要",
            ("示例科技股份有限公司2022年半年度报告摘要", "示例科技股份有限公司", 2022),
        ),
        ("# Apple Inc. 2017 Annual Report", ("Apple Inc. 2017 Annual Report", "Apple Inc.", 2017)),
        # 〇 typed as a circle (U+25CB), or as the letter O (full width, read as ASCII)
        ("绍兴市教育局二○二一年工作总结", ("绍兴市教育局二○二一年工作总结", "绍兴市教育局", 2021)),
        ("绍兴市教育局二O二二年工作总结", ("绍兴市教育局二O二二年工作总结", "绍兴市教育局", 2022)),
        # a school year, named by the year it starts
        (
            "绍兴市教育局2021-2022学年工作总结",
            ("绍兴市教育局2021-2022学年工作总结", "绍兴市教育局", 2021),
        ),
        ("某区教育局2021学年工作总结", ("某区教育局2021学年工作总结", "某区教育局", 2021)),
        # a year's summary and the next year's plan: the first year's
        (
            "绍兴市教育局2021年工作总结和2022年工作思路",
            ("绍兴市教育局2021年工作总结和2022年工作思路", "绍兴市教育局", 2021),
        ),
        # the report's subject between its year and its kind
        (
            "某区教育局2021年度法治政府建设工作报告",
            ("某区教育局2021年度法治政府建设工作报告", "某区教育局", 2021),
        ),
        (
            "某区教育局关于2021年工作总结的报告",
            ("某区教育局关于2021年工作总结的报告", "某区教育局", 2021),
        ),
        ("某区教育局2021年部门决算", ("某区教育局2021年部门决算", "某区教育局", 2021)),
        # a report to a congress on a year's work
        (
            "关于绍兴市教育局2021年工作情况的报告",
            ("关于绍兴市教育局2021年工作情况的报告", "绍兴市教育局", 2021),
        ),
        # a city government's report: 人民政府 is the organisation, 政府工作报告 the kind
        ("2022年宁波市人民政府工作报告", ("2022年宁波市人民政府工作报告", "宁波市人民政府", 2022)),
        (
            "宁波市人民政府工作报告（2022年）",
            ("宁波市人民政府工作报告（2022年）", "宁波市人民政府", 2022),
        ),
        ("Budget Speech", ("Budget Speech", "", None)),
        ("各位代表：", ("", "", None)),
        ("2021年，全市教育系统全面贯彻党的教育方针。", ("", "", None)),
        ("一、党的领导坚强有力", ("", "", None)),
        ("UNITED STATES", ("", "", None)),
        ("This report is long.", ("", "", None)),
        ("", ("", "", None)),
    ],
    ids=[
        "org-year-kind",
        "year-org-kind",
        "city-year-kind",
        "trailing-note",
        "chinese-digit-year",
        "no-org-no-year",
        "company-annual-report",
        "statistical-bulletin",
        "company-half-year-summary",
        "markdown-english",
        "circle-zero-year",
        "letter-o-zero-year",
        "school-year-span",
        "school-year",
        "summary-and-plan",
        "subject-then-kind",
        "org-on-year",
        "final-accounts",
        "report-on-work",
        "city-government",
        "year-in-a-note",
        "english-no-year",
        "salutation",
        "sentence",
        "heading",
        "english-caps",
        "english-sentence",
        "empty",
    ],
)
def test_parse_title(line: str, expected: tuple[str, str, int | None]) -> None:
    assert parse_title(line) == expected


@pytest.mark.parametrize(
    ("path", "year"),
    [
        ("2012.txt", 2012),
        ("seeds/shaoxing-education-bureau-2021.txt", 2021),
        ("reports/fy2017-10k.txt", 2017),
        ("2021/report.txt", None),
        ("12345.txt", None),
    ],
    ids=["bare-year", "slug-year", "prefixed", "folder-only", "long-number"],
)
def test_year_falls_back_to_the_file_name(path: str, year: int | None) -> None:
    report = parse("各位代表：\n现在，我代表国务院，向大会报告政府工作。", path=path)
    assert (report.title, report.org, report.year) == ("政府工作报告", "国务院", year)


@pytest.mark.parametrize(
    ("path", "org", "year"),
    [
        ("20210115_工作总结.txt", "", 2021),
        ("2022-01-15 工作总结.txt", "", 2022),
        ("v2.0 2021 总结.txt", "", 2021),
        ("2020-2021学年总结.txt", "", 2020),
        ("2022年宁波市教育局工作总结.txt", "宁波市教育局", 2022),
    ],
)
def test_an_untitled_reports_name_gives_no_dates_or_versions_as_its_organisation(
    path: str, org: str, year: int
) -> None:
    """A date-stamped or versioned file name gave "20210115_", "v2.02021" or "2020-" as the
    organisation (and two reports of one office "different organisations"), and no year."""
    report = parse("工作情况\n一、工作\n全市新建学校12所。", path=path)
    assert (report.org, report.year) == (org, year)


def test_title_year_wins_over_file_name() -> None:
    report = parse("绍兴市教育局2022年工作总结\n今年很好。", path="notes-2019.txt")
    assert (report.org, report.year) == ("绍兴市教育局", 2022)


def test_org_of_a_registrant() -> None:
    report = parse(
        """
        FORM 10-K
        Apple Inc.
        (Exact name of Registrant as specified in its charter)
        """,
        path="2018.txt",
    )
    assert (report.title, report.org, report.year) == ("FORM 10-K", "Apple Inc.", 2018)


# --------------------------------------------------------------------------- heading styles

STYLE_CASES = {
    "cn-dun": ("一、总体要求\n正文甲。\n二、重点任务\n正文乙。", ["一、", "二、"], "cn-dun"),
    "cn-dun-space": (
        "一、 总体要求\n正文甲。\n二、 重点任务\n正文乙。",
        ["一、", "二、"],
        "cn-dun",
    ),
    "cn-paren": (
        "（一）总体要求\n正文甲。\n（二）重点任务\n正文乙。",
        ["（一）", "（二）"],
        "cn-paren",
    ),
    "cn-paren-ascii": (
        "(一)总体要求\n正文甲。\n(二)重点任务\n正文乙。",
        ["(一)", "(二)"],
        "cn-paren",
    ),
    "run-in": ("一是总体要求。正文甲。\n二是重点任务。正文乙。", ["一是", "二是"], "run-in"),
    "ar-dot": ("1.总体要求\n正文甲。\n2.重点任务\n正文乙。", ["1.", "2."], "ar-dot"),
    "ar-dun": ("1、总体要求\n正文甲。\n2、重点任务\n正文乙。", ["1、", "2、"], "ar-dun"),
    "ar-paren": (
        "（1）总体要求\n正文甲。\n（2）重点任务\n正文乙。",
        ["（1）", "（2）"],
        "ar-paren",
    ),
    "chapter": (
        "第一章 总体要求\n正文甲。\n第二章 重点任务\n正文乙。",
        ["第一章", "第二章"],
        "cn-chapter",
    ),
    "section": (
        "第一节 总体要求\n正文甲。\n第二节 重点任务\n正文乙。",
        ["第一节", "第二节"],
        "cn-section",
    ),
    "part": (
        "第一部分 总体要求\n正文甲。\n第二部分 重点任务\n正文乙。",
        ["第一部分", "第二部分"],
        "cn-part",
    ),
    "markdown": ("## 总体要求\n正文甲。\n## 重点任务\n正文乙。", ["", ""], "md2"),
    # A Markdown heading that numbers itself is read by its numbering, as a page's <h2> is: its
    # number had been part of its name (一、总体要求), unlike the same report's in HTML.
    "markdown-numbered": (
        "## 一、总体要求\n正文甲。\n## 二、重点任务\n正文乙。",
        ["一、", "二、"],
        "cn-dun",
    ),
    "decimal": ("1.1 总体要求\n正文甲。\n1.2 重点任务\n正文乙。", ["1.1", "1.2"], "dec2"),
}


@pytest.mark.parametrize("case", list(STYLE_CASES), ids=list(STYLE_CASES))
def test_heading_style(case: str) -> None:
    text, numbers, style = STYLE_CASES[case]
    report = parse(text)
    assert [(s.number, s.heading, s.style, s.level) for s in report.walk()] == [
        (numbers[0], "总体要求", style, 1),
        (numbers[1], "重点任务", style, 1),
    ]
    assert [s.text for s in report.sections] == ["正文甲。", "正文乙。"]


def test_english_part_item_note_headings() -> None:
    report = parse(
        """
        PART I
        Item 1. | Business
        The Company designs phones.
        Item 1A. Risk Factors
        Risks abound.
        PART II
        Item 8. | Financial Statements
        Note 1 – Summary of Significant Accounting Policies
        Policies apply.
        Note 2 – Debt
        Debt is owed.
        """
    )
    assert outline(report) == [
        ("1", "PART I", "", 1),
        ("1.1", "Item 1.", "Business", 2),
        ("1.2", "Item 1A.", "Risk Factors", 2),
        ("2", "PART II", "", 1),
        ("2.1", "Item 8.", "Financial Statements", 2),
        ("2.1.1", "Note 1", "Summary of Significant Accounting Policies", 3),
        ("2.1.2", "Note 2", "Debt", 3),
    ]
    assert report.section("1.2").sentences == ("Risks abound.",)


def test_english_numbered_sentences_are_not_headings() -> None:
    report = parse(
        """
        1. Overview
        The plan has two parts.
        1. The first part is short.
        2. The second part is long.
        2. Details
        More text.
        """
    )
    assert outline(report) == [("1", "1.", "Overview", 1), ("2", "2.", "Details", 1)]
    assert report.sections[0].text == (
        "The plan has two parts.\n1. The first part is short.\n2. The second part is long."
    )


# --------------------------------------------------------------------------- nesting


def test_mixed_depths_follow_the_documents_nesting() -> None:
    report = parse(
        """
        一、总体要求
        （一）指导思想
        1.坚持党的领导
        （1）把方向
        （2）管大局
        2.坚持改革创新
        （二）主要目标
        二、重点任务
        （一）稳增长
        （二）促改革
        """
    )
    assert outline(report) == [
        ("1", "一、", "总体要求", 1),
        ("1.1", "（一）", "指导思想", 2),
        ("1.1.1", "1.", "坚持党的领导", 3),
        ("1.1.1.1", "（1）", "把方向", 4),
        ("1.1.1.2", "（2）", "管大局", 4),
        ("1.1.2", "2.", "坚持改革创新", 3),
        ("1.2", "（二）", "主要目标", 2),
        ("2", "二、", "重点任务", 1),
        ("2.1", "（一）", "稳增长", 2),
        ("2.2", "（二）", "促改革", 2),
    ]


def test_first_style_met_is_the_top_level() -> None:
    report = parse(
        """
        （一）总体要求
        一、指导思想
        二、主要目标
        （二）重点任务
        一、稳增长
        二、促改革
        """
    )
    assert outline(report) == [
        ("1", "（一）", "总体要求", 1),
        ("1.1", "一、", "指导思想", 2),
        ("1.2", "二、", "主要目标", 2),
        ("2", "（二）", "重点任务", 1),
        ("2.1", "一、", "稳增长", 2),
        ("2.2", "二、", "促改革", 2),
    ]


def test_block_heading_after_run_in_headings_is_their_sibling() -> None:
    report = parse(
        """
        一、工作回顾
        一是抗疫。全力救治。
        二是复工。有序推进。
        （一）稳增长。稳企业扎实推进。
        （二）促改革。改革迈出新步伐。
        二、主要任务
        """
    )
    assert outline(report) == [
        ("1", "一、", "工作回顾", 1),
        ("1.1", "一是", "抗疫", 2),
        ("1.2", "二是", "复工", 2),
        ("1.3", "（一）", "稳增长", 2),
        ("1.4", "（二）", "促改革", 2),
        ("2", "二、", "主要任务", 1),
    ]
    assert report.section("1.3").text == "稳企业扎实推进。"


def test_heading_runs_into_its_paragraph() -> None:
    report = parse("一、总体要求。今年要做好三件事。\n二、重点任务。一是稳增长。")
    assert [(s.heading, s.text) for s in report.sections] == [
        ("总体要求", "今年要做好三件事。"),
        ("重点任务", "一是稳增长。"),
    ]


def test_a_run_in_opening_that_states_figures_is_text_too() -> None:
    """一是新建学校12所，新增学位3000个。…: the paragraph opens with what was done, not with a
    title; its figures were lost as a heading's. The heading stays for the outline, and the
    sentence is the section's first. A title (一是“五星三名”夯实基础。) stays a title alone."""
    report = attach_metrics(
        parse(
            "一、总体情况\n一是新建学校12所，新增学位3000个。\n二是“五星三名”夯实基础。全市试点学校达382所。"
        )
    )
    first, second = report.sections[0].children
    assert first.heading == "新建学校12所，新增学位3000个"
    assert first.sentences == ("新建学校12所，新增学位3000个。",)
    assert second.sentences == ("全市试点学校达382所。",)
    assert [(m.section, m.text) for m in report.metrics] == [
        ("1.1", "12所"),
        ("1.1", "3000个"),
        ("1.2", "382所"),
    ]


def test_run_in_heading_keeps_its_quotes() -> None:
    report = parse("一是“办好人民满意的教育。”要点在此。\n二是“稳”字当头。其余。")
    assert [(s.heading, s.text) for s in report.sections] == [
        ("“办好人民满意的教育。”", "要点在此。"),
        ("“稳”字当头", "其余。"),
    ]


def test_a_numbered_line_that_states_figures_is_a_paragraph_not_a_heading() -> None:
    """（一）全年财政收入300亿元，增长5%。… and 1.教育支出300亿元。 had been headings, their
    figures lost as a title's: they are numbered paragraphs of the section they stand in. A
    run-in title (（一）加强党建。全年…) and a year in a heading (2021年工作回顾。) stay
    headings."""
    report = attach_metrics(
        parse(
            """
            某市财政局2022年工作总结
            一、财政收支情况
            （一）全年财政收入300亿元，增长5%。税收收入250亿元。
            （二）全年财政支出400亿元，增长3%。
            二、重点支出
            1.教育支出300亿元。
            2.卫生支出120亿元。
            三、2021年工作回顾。
            （一）加强党建。全年新建党支部12个。
            （二）推进改革。完成改革任务30项。
            """
        )
    )
    assert outline(report) == [
        ("1", "一、", "财政收支情况", 1),
        ("2", "二、", "重点支出", 1),
        ("3", "三、", "2021年工作回顾", 1),
        ("3.1", "（一）", "加强党建", 2),
        ("3.2", "（二）", "推进改革", 2),
    ]
    assert report.section("1").sentences == (
        "（一）全年财政收入300亿元，增长5%。",
        "税收收入250亿元。",
        "（二）全年财政支出400亿元，增长3%。",
    )
    assert [(m.section, m.text) for m in report.metrics] == [
        ("1", "300亿元"),
        ("1", "5%"),
        ("1", "250亿元"),
        ("1", "400亿元"),
        ("1", "3%"),
        ("2", "300亿元"),
        ("2", "120亿元"),
        ("3.1", "12个"),
        ("3.2", "30项"),
    ]


def test_an_english_numbered_sentence_ending_in_a_quote_is_a_paragraph() -> None:
    """2. As the chair said, "revenue grew 5% to $265 billion." had been a heading (a sentence
    ends inside its closing quote); a numbered question stays a heading."""
    report = attach_metrics(
        parse(
            """
            1. Overview
            We had a good year.
            2. As the chair said, "revenue grew 5% to $265 billion."
            3. What changed?
            Costs fell.
            """
        )
    )
    assert outline(report) == [("1", "1.", "Overview", 1), ("2", "3.", "What changed?", 1)]
    assert report.section("1").text == (
        'We had a good year.\n2. As the chair said, "revenue grew 5% to $265 billion."'
    )
    assert {m.section for m in report.metrics} == {"1"}


def test_numbered_sentences_in_a_row_are_paragraphs() -> None:
    """1.加强组织领导，成立工作专班。 2.… one after another, each one sentence, had been three
    headings over no text: they are 一、's paragraphs. Headings that end with 。 and have their
    text between them (the national reports' （一）…。) stay headings."""
    report = parse(
        """
        某市教育局2022年工作总结
        一、主要做法
        1.加强组织领导，成立工作专班。
        2.完善制度建设，出台实施意见。
        3.强化督查考核，确保落到实处。
        二、主要任务
        （一）加强和改善宏观调控，促进经济平稳较快发展。
        保持政策连续性。
        （二）大力调整经济结构，夯实长远发展基础。
        推进产业升级。
        """
    )
    assert outline(report) == [
        ("1", "一、", "主要做法", 1),
        ("2", "二、", "主要任务", 1),
        ("2.1", "（一）", "加强和改善宏观调控，促进经济平稳较快发展", 2),
        ("2.2", "（二）", "大力调整经济结构，夯实长远发展基础", 2),
    ]
    assert report.section("1").sentences == (
        "1.加强组织领导，成立工作专班。",
        "2.完善制度建设，出台实施意见。",
        "3.强化督查考核，确保落到实处。",
    )


# --------------------------------------------------------------------------- sequence checks


def test_numbered_sentence_inside_bullets_does_not_shatter_the_tree() -> None:
    report = parse(
        """
        一、总体要求
        ——坚持稳中求进。
        1. 这句话只是碰巧以数字开头。
        ——坚持改革创新。
        二是这一句也只是碰巧。
        三、这是正文里的编号，顺序不对。
        二、重点任务
        今年要做好以下工作。
        """
    )
    assert outline(report) == [("1", "一、", "总体要求", 1), ("2", "二、", "重点任务", 1)]
    assert report.sections[0].text.split("\n") == [
        "——坚持稳中求进。",
        "1. 这句话只是碰巧以数字开头。",
        "——坚持改革创新。",
        "二是这一句也只是碰巧。",
        "三、这是正文里的编号，顺序不对。",
    ]


def test_a_lone_first_of_the_reports_second_level_is_a_heading() -> None:
    """A district's work report: 一、 with （一）（二）, then 二、 with one （一） only. The
    report's second level is （一）, so the lone one is a heading too (it had been folded into
    二、's text as a numbered sentence); a lone 1． longer than the report's 1． headings (a
    glossary's entry) stays text, and so does a lone 1． in a report that has no list of them."""
    report = parse(
        """
        某区2021年政府工作报告
        一、2021年工作回顾
        过去一年，全区实现地区生产总值1250.3亿元。
        （一）坚持稳中求进，经济实力持续增强
        1．工业经济稳步增长。规上工业增加值增长9.8%。
        2．服务业提质增效。社会消费品零售总额达到520亿元。
        （二）坚持改革创新，发展动力不断激发
        新增市场主体1.2万户。
        二、2022年主要工作
        主要预期目标是：地区生产总值增长7%左右。
        （一）聚焦产业升级
        新开工重大项目12个。
        附件：名词解释
        1．规上工业：年主营业务收入2000万元及以上的工业企业。
        """
    )
    assert [(s.id, s.number, s.heading) for s in report.walk()][-2:] == [
        ("2", "二、", "2022年主要工作"),
        ("2.1", "（一）", "聚焦产业升级"),
    ]
    assert report.section("2.1").text.endswith(
        "1．规上工业：年主营业务收入2000万元及以上的工业企业。"
    )
    plain = parse("一、甲\n正文。\n二、乙\n（一）这句话只是碰巧以编号开头\n三、丙\n正文。")
    assert outline(plain) == [
        ("1", "一、", "甲", 1),
        ("2", "二、", "乙", 1),
        ("3", "三、", "丙", 1),
    ]


# A city statistics bureau's summary whose 一、 kept only （一） after an edit merged its （二）
# into it; 二、's （一）（二）（三） are shorter headings.
MERGED_INTO_FIRST = """
某市统计局2022年工作总结
一、经济运行总体平稳
（一）生产总值稳步增长
全市实现地区生产总值5200亿元，比上年增长5%。全体居民人均可支配收入58000元，增长6.2%。
二、重点领域成效明显
（一）工业生产
规模以上工业增加值下降3%。
（二）固定资产投资
全年固定资产投资增长6.5%。
（三）对外贸易
货物进出口总额2100亿元，增长9.4%。
"""


def test_a_subheading_left_alone_by_an_edit_is_still_a_heading() -> None:
    """（一）生产总值稳步增长 (8 characters) alone under 一、, where 二、's （一）（二）（三） are
    at most 6: it had been read as a numbered sentence (its section "removed, merged into
    一、", its heading "added" to 一、's text). A short line of its own over text, of the
    report's second level, is a heading however long the others are."""
    report = parse(MERGED_INTO_FIRST)
    assert [(s.id, s.number, s.heading) for s in report.walk()][:2] == [
        ("1", "一、", "经济运行总体平稳"),
        ("1.1", "（一）", "生产总值稳步增长"),
    ]
    assert report.section("1").text == ""
    assert report.section("1.1").sentences[0] == "全市实现地区生产总值5200亿元，比上年增长5%。"


def test_a_run_in_item_left_alone_by_an_edit_is_still_a_heading() -> None:
    """1.重大项目。全年… alone under （一）, where （二）'s 1. 2. 3. run into their text too: a
    heading, as theirs are (it had been （一）'s text); a lone （一） whose sentence runs on
    where the report's （一）（二） are lines of their own stays a numbered sentence."""
    report = parse(
        """
        某区发展和改革局2022年工作总结
        一、主要工作成效
        （一）项目建设
        1.重大项目。全年实施重大项目90个，完成投资352亿元。
        （二）营商环境
        1.民生项目。完成民生实事项目12件。
        2.审批改革。审批时限压缩至3个工作日。
        3.要素保障。新增建设用地1200亩。
        二、存在问题
        部分项目推进缓慢。
        """
    )
    assert [(s.id, s.number, s.heading) for s in report.walk()][:3] == [
        ("1", "一、", "主要工作成效"),
        ("1.1", "（一）", "项目建设"),
        ("1.1.1", "1.", "重大项目"),
    ]
    assert report.section("1.1.1").text == "全年实施重大项目90个，完成投资352亿元。"
    sentence = parse(
        MERGED_INTO_FIRST.replace("（一）生产总值稳步增长\n", "（一）生产总值稳步增长。")
    )
    assert [s.id for s in sentence.walk()][:2] == ["1", "2"]
    assert sentence.section("1").text.startswith("（一）生产总值稳步增长。全市实现")


def test_a_reports_one_heading_is_a_heading_and_a_numbered_sentence_is_not() -> None:
    """A short report with one section, 一、2022年工作 over its text, had read as no heading
    at all ("no headings found; 2 paragraphs grouped into 1 section"); a lone numbered sentence
    (一、全市生产总值增长5.5%。) stays text."""
    report = parse("某市人民政府2022年政府工作报告\n一、2022年工作\n全市生产总值增长5.5%。\n")
    assert outline(report) == [("1", "一、", "2022年工作", 1)]
    assert not report.warnings
    sentence = parse("某市人民政府2022年政府工作报告\n一、全市生产总值增长5.5%。\n会议召开。\n")
    assert [s.style for s in sentence.walk()] == ["para-group"]


def test_numbering_restarts_under_a_new_parent() -> None:
    report = parse(
        "一、甲\n（一）子一\n（二）子二\n二、乙\n（一）子三\n（二）子四\n（二）重复的编号"
    )
    assert [len(s.children) for s in report.sections] == [2, 2]
    assert report.section("2.2").text == "（二）重复的编号"


@pytest.mark.parametrize(
    ("text", "expected", "first", "repeat"),
    [
        (
            "一、党建引领\n全年新建学校15所。\n二、立德树人\n完成项目20个。\n"
            "二、双减\n完成项目25个。\n三、其他\n人数达到350人。",
            [
                ("1", "一、", "党建引领", 1),
                ("2", "二、", "立德树人", 1),
                ("3", "二、", "双减", 1),
                ("4", "三、", "其他", 1),
            ],
            "2",
            "3",
        ),
        (
            "一、党建引领\n（一）组织建设\n全年新建学校15所。\n（二）队伍建设\n完成项目20个。\n"
            "（二）作风建设\n完成项目25个。\n（三）制度建设\n人数达到350人。\n二、其他\n人数达到360人。",
            [
                ("1", "一、", "党建引领", 1),
                ("1.1", "（一）", "组织建设", 2),
                ("1.2", "（二）", "队伍建设", 2),
                ("1.3", "（二）", "作风建设", 2),
                ("1.4", "（三）", "制度建设", 2),
                ("2", "二、", "其他", 1),
            ],
            "1.2",
            "1.3",
        ),
        (
            "一、党建引领\n全年新建学校15所。\n三、立德树人\n完成项目20个。\n三、双减\n完成项目25个。",
            [
                ("1", "一、", "党建引领", 1),
                ("2", "三、", "立德树人", 1),
                ("3", "三、", "双减", 1),
            ],
            "2",
            "3",
        ),
    ],
    ids=["top", "subsection", "last-after-a-gap"],
)
def test_a_repeated_number_over_another_heading_is_a_section_of_its_own(
    text: str, expected: list[tuple[str, str, str, int]], first: str, repeat: str
) -> None:
    """二、立德树人 then 二、双减 (a numbering slip): 二、双减 and its text had been read as
    sentences of 二、立德树人, its figures counted there."""
    report = attach_metrics(parse(text))
    assert outline(report) == expected
    assert report.section(first).sentences == ("完成项目20个。",)
    assert report.section(repeat).sentences == ("完成项目25个。",)
    assert [m.section for m in report.metrics if m.value == 25] == [repeat]
    assert report.warnings == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "一、学校建设\n全年新建学校15所。\n1.城区学校\n城区学校建设提速。\n"
            "1.农村学校\n农村学校建设提速。\n二、师资\n新招教师300名。",
            [("1", "一、", "学校建设", 1), ("2", "二、", "师资", 1)],
        ),
        (
            "一、学校建设\n一是城区学校。建设提速。\n二是农村学校。建设提速。\n会议要求：\n"
            "一是完善规划。规划出台。\n二是加强督查。督查到位。\n二、师资\n新招教师300名。",
            [
                ("1", "一、", "学校建设", 1),
                ("1.1", "一是", "城区学校", 2),
                ("1.2", "二是", "农村学校", 2),
                ("2", "二、", "师资", 1),
            ],
        ),
    ],
    ids=["one-item-lists", "run-in-list-again"],
)
def test_a_list_that_starts_again_inside_its_section_repeats_no_heading(
    text: str, expected: list[tuple[str, str, str, int]]
) -> None:
    """A second 1. opens a list of its own (of one numbered line: text, as the first), and a
    一是 list may start again inside its section (its 一是 read as text): its 二是 is no repeat
    of the first list's 二是 (the 2009 national report's 五是 twice under （四）)."""
    assert outline(parse(text)) == expected


def test_a_numbering_that_restarts_after_two_starts_a_new_run_of_sections() -> None:
    """A review's 一、二、 and then the plan's 一、二、, with no 第一部分/第二部分 over them: the
    plan's headings had been read as text, all of it folded into the review's last subsection
    （二）医疗 (9 sentences instead of 1), with a warning that 一、经济发展 "appears twice"."""
    report = parse(
        """
        某县人民政府2021年工作报告
        一、经济发展
        （一）工业
        全年规上工业产值增长12%，新增规上企业40家。
        （二）农业
        粮食产量28万吨，增长1.5%。
        二、社会事业
        （一）教育
        新建学校5所，新增学位3000个。
        （二）医疗
        新建卫生院3家。
        一、经济发展
        （一）工业
        力争规上工业产值增长10%，新增规上企业45家。
        （二）农业
        粮食产量稳定在28万吨以上。
        二、社会事业
        （一）教育
        计划新建学校6所，新增学位3500个。
        """
    )
    assert report.warnings == ()
    assert [(s.id, s.number, s.heading) for s in report.sections] == [
        ("1", "一、", "经济发展"),
        ("2", "二、", "社会事业"),
        ("3", "一、", "经济发展"),
        ("4", "二、", "社会事业"),
    ]
    assert report.section("2.2").text == "新建卫生院3家。"
    assert report.section("3.1").text == "力争规上工业产值增长10%，新增规上企业45家。"
    assert [s.heading for s in report.section("4").children] == ["教育"]


def test_a_second_copy_of_the_report_is_no_new_run() -> None:
    """The same 一、二、 and the same text again (a report pasted twice): its text is not a new
    run of sections but the last one's, and a warning says so."""
    once = "一、经济发展\n全年规上工业产值增长12%，新增规上企业40家。\n二、社会事业\n新建学校5所，新增学位3000个。\n"
    report = parse("某县人民政府2021年工作报告\n" + once + once)
    assert [(s.number, s.heading) for s in report.sections] == [
        ("一、", "经济发展"),
        ("二、", "社会事业"),
    ]
    assert report.warnings == (
        "heading 一、经济发展 appears twice; the text may hold a second copy of the report",
    )


def test_one_missing_heading_is_tolerated() -> None:
    report = parse("一是甲。正文。\n二是乙。正文。\n四是丁。正文。")
    assert [s.number for s in report.sections] == ["一是", "二是", "四是"]


# --------------------------------------------------------------------------- mid-line headings


@pytest.mark.parametrize("indent", ["\u3000\u3000", "\u2003\u2003"], ids=["u3000", "u2003"])
def test_headings_mid_line_after_indent_markers(indent: str) -> None:
    parts = [
        "上海市市长\u3000某某 各位代表：",
        "现在，我代表上海市人民政府，向大会报告工作。",
        "一、2020年工作回顾",
        "过去一年极不平凡。",
        "一是闻令而动。全力驰援。",
        "二是坚持“四早”。救治患者。",
        "（一）坚持以保促稳。稳企业扎实推进。",
        "（二）坚持示范引领。改革开放迈出步伐。",
        "二、2021年主要任务",
        "今年要做好以下工作。",
    ]
    report = parse_outline(f" {indent}".join(parts), source=Source(path="2021.txt"))
    assert (report.title, report.org, report.year) == ("政府工作报告", "上海市人民政府", 2021)
    assert outline(report) == [
        ("1", "一、", "2020年工作回顾", 1),
        ("1.1", "一是", "闻令而动", 2),
        ("1.2", "二是", "坚持“四早”", 2),
        ("1.3", "（一）", "坚持以保促稳", 2),
        ("1.4", "（二）", "坚持示范引领", 2),
        ("2", "二、", "2021年主要任务", 1),
    ]
    assert report.preamble is not None
    assert report.preamble.text == (
        "上海市市长\u3000某某 各位代表：\n现在，我代表上海市人民政府，向大会报告工作。"
    )


# --------------------------------------------------------------------------- table of contents

TEN_K = """
Apple Inc.
(Exact name of Registrant as specified in its charter)
TABLE OF CONTENTS
Page
Part I
Item 1. | Business | 1
Item 1A. | Risk Factors | 8
Part II
Item 5. | Market for Equity | 18
This report contains forward-looking statements.
PART I
Item 1. | Business
The Company designs phones.
Item 1A. | Risk Factors
Risks abound.
PART II
Item 5. | Market for Equity
Shares trade on Nasdaq.
"""


def test_table_of_contents_is_dropped_with_a_warning() -> None:
    report = parse(TEN_K, path="2017.txt")
    assert outline(report) == [
        ("1", "PART I", "", 1),
        ("1.1", "Item 1.", "Business", 2),
        ("1.2", "Item 1A.", "Risk Factors", 2),
        ("2", "PART II", "", 1),
        ("2.1", "Item 5.", "Market for Equity", 2),
    ]
    assert report.warnings == ("dropped a table of contents (5 headings)",)
    assert report.preamble is not None
    assert report.preamble.text == (
        "Apple Inc.\n(Exact name of Registrant as specified in its charter)\n"
        "This report contains forward-looking statements."
    )
    assert (report.org, report.year) == ("Apple Inc.", 2017)


# The same as a PDF gives it: entries that wrap in their cells ("Item" / "5." / "Market for …"
# / "Securities 19") break the contents into runs, and the entries after them are read too.
TEN_K_PDF = """
Apple Inc.
(Exact name of Registrant as specified in its charter)
TABLE OF CONTENTS
Page
Part I
Item 1. Business 1
Item 1A. Risk Factors 8
Item 2. Properties 18
Part II
Item
5.
Market for Registrant's Common Equity, Related Stockholder Matters and Issuer Purchases of
Equity Securities 19
Item 6. Selected Financial Data 21
Item 7. Management's Discussion and Analysis 22
PART I
Item 1. Business
The Company designs phones.
Item 1A. Risk Factors
Risks abound.
Item 2. Properties
The Company owns buildings.
PART II
Item 5. Market for Registrant's Common Equity
Shares trade on Nasdaq.
Item 6. Selected Financial Data
Net sales rose.
Item 7. Management's Discussion and Analysis
Results improved.
"""


def test_a_table_of_contents_broken_by_entries_that_wrap_is_dropped_whole() -> None:
    """A 10-K printed to PDF: its contents' entries that wrap break the contents into runs of
    headings. Only the first run was dropped; the others stood as sections of their own, ahead
    of the text's, and the text's Items 6 and 7 were lost under them."""
    report = parse(TEN_K_PDF, path="2018.txt")
    assert [(s.number, s.heading) for s in report.walk()] == [
        ("PART I", ""),
        ("Item 1.", "Business"),
        ("Item 1A.", "Risk Factors"),
        ("Item 2.", "Properties"),
        ("PART II", ""),
        ("Item 5.", "Market for Registrant's Common Equity"),
        ("Item 6.", "Selected Financial Data"),
        ("Item 7.", "Management's Discussion and Analysis"),
    ]


def test_headings_without_text_between_are_not_a_contents_list_unless_repeated() -> None:
    report = parse("一、甲\n（一）子一\n1.孙一\n正文。\n2.孙二\n正文。\n（二）子二\n正文。")
    assert report.warnings == ()
    assert [s.id for s in report.walk()] == ["1", "1.1", "1.1.1", "1.1.2", "1.2"]


# A county's report in two parts, the year's review and the next year's plan, each with the same
# 一、（一） headings over text of its own.
TWO_PARTS = """
某县人民政府2021年工作报告
第一部分 2021年工作回顾
一、经济发展
（一）工业
全年规上工业产值增长12%，新增规上企业40家。
（二）农业
粮食产量28万吨，增长1.5%。
二、社会事业
（一）教育
新建学校5所，新增学位3000个。
第二部分 2022年工作安排
一、经济发展
（一）工业
力争规上工业产值增长10%，新增规上企业45家。
（二）农业
粮食产量稳定在28万吨以上。
二、社会事业
（一）教育
计划新建学校6所，新增学位3500个。
"""


def test_a_part_whose_headings_carry_text_is_not_a_table_of_contents() -> None:
    """第一部分's 一、（一） headings, with nothing between the first three, are repeated in
    第二部分: the whole review had been dropped as a table of contents ("dropped a table of
    contents (7 headings)", 6 of the 11 figures lost). Its headings carry text, and the text
    after them goes on with （二）农业, which they do not list: both parts are read."""
    report = attach_metrics(parse(TWO_PARTS))
    assert report.warnings == ()
    review = [
        ("1", "第一部分", "2021年工作回顾", 1),
        ("1.1", "一、", "经济发展", 2),
        ("1.1.1", "（一）", "工业", 3),
        ("1.1.2", "（二）", "农业", 3),
        ("1.2", "二、", "社会事业", 2),
        ("1.2.1", "（一）", "教育", 3),
    ]
    plan = [(f"2{id_[1:]}", number, heading, level) for id_, number, heading, level in review]
    plan[0] = ("2", "第二部分", "2022年工作安排", 1)
    assert outline(report) == review + plan
    assert report.section("1.1.1").text == "全年规上工业产值增长12%，新增规上企业40家。"
    assert len(report.metrics) == 11


def test_a_contents_followed_by_a_preamble_is_still_dropped() -> None:
    """目录 over the entries, a paragraph of text, then the report: the contents end at the
    text, and the text after it opens with their first entry."""
    report = parse(
        """
        目录
        一、经济发展
        （一）工业
        （二）农业
        二、社会事业
        过去一年，全县上下团结一心，各项工作取得明显成效。
        一、经济发展
        （一）工业
        全年规上工业产值增长12%。
        （二）农业
        粮食产量28万吨。
        二、社会事业
        新建学校5所。
        """
    )
    assert report.warnings == ("dropped a table of contents (4 headings)",)
    assert outline(report) == [
        ("1", "一、", "经济发展", 1),
        ("1.1", "（一）", "工业", 2),
        ("1.2", "（二）", "农业", 2),
        ("2", "二、", "社会事业", 1),
    ]
    assert report.preamble is not None
    assert report.preamble.text == "过去一年，全县上下团结一心，各项工作取得明显成效。"


# --------------------------------------------------------------------------- no headings

SPEECH = "# Budget Speech\n\n---\n\n" + "\n\n".join(
    f"Paragraph {i} says something about topic {i // 9}. It goes on for a while and "
    f"then it ends with a second sentence."
    for i in range(30)
)


def test_document_without_headings_is_grouped_with_a_warning() -> None:
    report = parse_outline(SPEECH, source=Source(path="2021.txt"))
    assert (report.title, report.org, report.year) == ("Budget Speech", "", 2021)
    assert report.warnings == ("no headings found; 30 paragraphs grouped into 3 sections",)
    assert [s.id for s in report.sections] == ["1", "2", "3"]
    assert {s.style for s in report.sections} == {"para-group"}
    assert report.sections[0].heading == "Paragraph 0 says something about topic 0. It…"
    paragraphs = [p for s in report.sections for p in s.text.split("\n")]
    assert paragraphs == SPEECH.split("\n\n")[2:]
    assert all(6 <= len(s.text.split("\n")) <= 12 for s in report.sections)


def test_a_one_paragraph_document_is_counted_in_the_singular() -> None:
    report = parse_outline(
        "# Budget Speech\n\n---\n\nOne paragraph only.", source=Source(path="2021.txt")
    )
    assert report.warnings == ("no headings found; 1 paragraph grouped into 1 section",)
    assert report.preamble is None


def test_groups_close_at_a_topic_break() -> None:
    paragraphs = [
        f"Long paragraph number {i} with plenty of words in it to go past the limit of "
        "a short line, which is one hundred characters long."
        for i in range(7)
    ]
    paragraphs.append("Let me now turn to jobs.")
    paragraphs += paragraphs[:3]
    report = parse_outline("\n".join(paragraphs), source=Source(path="x.txt"))
    assert [s.heading for s in report.sections] == [
        "Long paragraph number 0 with plenty of words…",
        "Let me now turn to jobs.",
    ]


def test_empty_text_gives_an_empty_report() -> None:
    report = parse_outline("  \n\u3000\n", source=Source(path="empty.txt"))
    assert (report.sections, report.preamble, report.warnings) == (
        (),
        None,
        ("no text",),
    )


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年很好。明年更好！后年呢？", ("今年很好。", "明年更好！", "后年呢？")),
        ("稳增长；促改革；惠民生。", ("稳增长；", "促改革；", "惠民生。")),
        ("他说：“我们来了。”然后走了。", ("他说：“我们来了。”", "然后走了。")),
        (
            "提出“稳中求进。改革创新”的要求。下一句。",
            ("提出“稳中求进。改革创新”的要求。", "下一句。"),
        ),
        ("规划（草案。附件。）已通过。下一句", ("规划（草案。附件。）已通过。", "下一句")),
        ("出版《问答。第二版》一书。完", ("出版《问答。第二版》一书。", "完")),
        ("「甲。乙」丙。丁", ("「甲。乙」丙。", "丁")),
        ("‘甲。乙’丙。丁", ("‘甲。乙’丙。", "丁")),
        ("【注意。重要】内容。", ("【注意。重要】内容。",)),
        ("真的吗？！是的。", ("真的吗？！", "是的。")),
        ("第一段。\n第二段", ("第一段。", "第二段")),
        ("GDP grew 2.8% in 2017. It was good.", ("GDP grew 2.8% in 2017.", "It was good.")),
        ("The U.S. market grew. Sales rose.", ("The U.S. market grew.", "Sales rose.")),
        ("Apple Inc. The Company sells phones.", ("Apple Inc. The Company sells phones.",)),
        ("See No. 5 and Mr. Lee. Then stop.", ("See No. 5 and Mr. Lee.", "Then stop.")),
        ("He said “Go home.” Then he left.", ("He said “Go home.”", "Then he left.")),
        ('He said "Stop. Now." We did.', ('He said "Stop. Now."', "We did.")),
        ("Costs rose (see Note 2. Details). Done", ("Costs rose (see Note 2. Details).", "Done")),
        ("Really? Yes! Fine; go.", ("Really?", "Yes!", "Fine;", "go.")),
        ("renew our compact; and", ("renew our compact; and",)),
        ("it is done. and then", ("it is done. and then",)),
        ("J. Smith came.", ("J. Smith came.",)),
        ("", ()),
        ("  \n ", ()),
    ],
    ids=[
        "cjk-stops",
        "cjk-semicolons",
        "closing-quote-kept",
        "stop-inside-quotes",
        "stop-inside-brackets",
        "stop-inside-book-title",
        "corner-quotes",
        "single-quotes",
        "lenticular-brackets",
        "stop-run",
        "newline",
        "decimal",
        "us-abbreviation",
        "inc",
        "no-and-mr",
        "curly-quote",
        "ascii-quote",
        "ascii-brackets",
        "ascii-stops",
        "dangling-and",
        "lowercase-after-period",
        "initial",
        "empty",
        "blank",
    ],
)
def test_split_sentences(text: str, expected: tuple[str, ...]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It is described in its Annual Report on Form 10-K. Mr. Cook said sales rose.",
            ("It is described in its Annual Report on Form 10-K.", "Mr. Cook said sales rose."),
        ),
        ("Filed on Form 8-K. The Company", ("Filed on Form 8-K.", "The Company")),
        ("Mr. Cook spoke.", ("Mr. Cook spoke.",)),
        ("The U.S. Government agreed.", ("The U.S. Government agreed.",)),
        ("See No. 5 today.", ("See No. 5 today.",)),
        ("Take e.g. this one.", ("Take e.g. this one.",)),
        ("Apple Inc. and others.", ("Apple Inc. and others.",)),
        ("Led by J. Smith.", ("Led by J. Smith.",)),
    ],
    ids=["10-K-then-mr", "8-K", "mr", "us-government", "no", "eg", "inc-and", "initial"],
)
def test_a_form_name_ends_a_sentence_and_abbreviations_do_not(
    text: str, expected: tuple[str, ...]
) -> None:
    assert split_sentences(text) == expected


def test_sentences_of_a_section_split_its_text(seed: Report) -> None:
    for section in [seed.preamble, *seed.walk()]:
        assert section is not None
        assert section.sentences == split_sentences(section.text)


_ALPHABET = st.sampled_from(
    list("一二三四五六七八九十是、（）()。！？；!?;.,，：:“”‘’「」《》【】\"'—|#\n \t\u3000\u2003")
    + list("0123456789ABCIVXaeinorstu政府工作报告年")
    + ["Item ", "PART ", "第一章", "Note 1 – "]
)
_TEXT = st.lists(_ALPHABET, max_size=300).map("".join)


@given(_TEXT)
def test_split_sentences_loses_no_text(text: str) -> None:
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", text)


@given(_TEXT | st.text(max_size=300))
def test_parse_outline_never_fails_on_arbitrary_text(text: str) -> None:
    try:
        report = parse_outline(text, source=Source(path="fuzz-2020.txt"))
    except CompareError:
        return
    for section in [*(p for p in [report.preamble] if p), *report.walk()]:
        assert section.sentences == split_sentences(section.text)
    for parent in report.walk():
        for position, child in enumerate(parent.children, start=1):
            assert (child.id, child.level) == (f"{parent.id}.{position}", parent.level + 1)
    assert [s.id for s in report.sections] == [str(i) for i in range(1, len(report.sections) + 1)]
    VALIDATOR.validate(report_to_json(report))


# --------------------------------------------------------------------------- compare.report/1


def test_report_json_matches_the_schema(seed: Report) -> None:
    metric = Metric(
        value=Decimal("382"),
        unit="所",
        label="试点学校",
        text="382所",
        section="1.1",
        sentence=0,
        start=26,
        end=30,
    )
    ranged = Metric(
        value=Decimal("0.5"),
        upper=Decimal("2.5"),
        unit="%",
        kind=MetricKind.PERCENT,
        section="0",
        text="0.5% to 2.5%",
    )
    data = report_to_json(replace(seed, metrics=(metric, ranged)))
    VALIDATOR.validate(data)
    assert data["metrics"][1]["exact"] == "0.5"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("schema",), "compare.report/2"),
        (("year",), "2021"),
        (("sections", 0, "id"), "1..2"),
        (("sections", 0, "children", 0, "sentences"), [""]),
        (("preamble", "id"), "1"),
        (("source", "format"), "xls"),
    ],
    ids=["schema-version", "year-string", "bad-id", "empty-sentence", "preamble-id", "format"],
)
def test_schema_rejects_broken_reports(seed: Report, path: tuple, value: object) -> None:
    data = report_to_json(seed)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)


def test_schema_enums_follow_the_model() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    metric = SCHEMA["$defs"]["metric"]["properties"]
    assert metric["kind"]["enum"] == [k.value for k in MetricKind]
    assert metric["scale"]["enum"] == list(SCALES)
    section_fields = set(SCHEMA["$defs"]["section"]["properties"])
    assert section_fields == set(Section.__slots__) - {"__weakref__"}


# --------------------------------------------------------------------------- the shared corpus

CORPUS_OUTLINES = {
    # file: (top-level sections, level-2 subsections), counted from the files' own headings
    "cn-state-council-gwr/2008.txt": (2, 12),
    "cn-state-council-gwr/2009.txt": (3, 10),
    "cn-state-council-gwr/2010.txt": (2, 12),
    "cn-state-council-gwr/2011.txt": (3, 15),
    "cn-state-council-gwr/2012.txt": (3, 14),
    "cn-state-council-gwr/2013.txt": (3, 12),
    "cn-state-council-gwr/2014.txt": (3, 14),
    "cn-state-council-gwr/2015.txt": (6, 5),
    "cn-state-council-gwr/2016.txt": (3, 14),
    "shanghai-municipal-gwr/2020.txt": (3, 17),
    "shanghai-municipal-gwr/2021.txt": (4, 18),
    "apple-10k/2017.txt": (4, 21),
    "apple-10k/2018.txt": (4, 21),
}
CN_NUMBERS = [f"{n}、" for n in "一二三四五六"]


def parse_corpus(corpus: Path, name: str) -> Report:
    """Parse one corpus file read as UTF-8 and print its outline (shown with pytest -s)."""
    path = corpus / name
    report = parse_outline(path.read_text("utf-8"), source=Source(path=name))
    print(render_outline(report))
    return report


@pytest.mark.corpus
@pytest.mark.parametrize("name", list(CORPUS_OUTLINES), ids=list(CORPUS_OUTLINES))
def test_corpus_outline(corpus: Path, name: str) -> None:
    report = parse_corpus(corpus, name)
    top = len(report.sections)
    sub = sum(1 for s in report.walk() if s.level == 2)
    assert (top, sub) == CORPUS_OUTLINES[name]
    assert report.year == int(Path(name).stem)
    if name.startswith(("cn-", "shanghai-")):
        assert [s.number for s in report.sections] == CN_NUMBERS[:top]
        assert report.warnings == ()
        assert report.org == ("国务院" if name.startswith("cn-") else "上海市人民政府")
    VALIDATOR.validate(report_to_json(report))


@pytest.mark.corpus
def test_corpus_2015_is_flat(corpus: Path) -> None:
    report = parse_corpus(corpus, "cn-state-council-gwr/2015.txt")
    assert [s.heading for s in report.sections] == [
        "2014年工作回顾",
        "2015年工作总体部署",
        "把改革开放扎实推向纵深",
        "协调推动经济稳定增长和结构优化",
        "持续推进民生改善和社会建设",
        "切实加强政府自身建设",
    ]
    assert {s.style for s in report.walk() if s.level == 2} == {"run-in"}
    assert not any(s.style == "cn-paren" for s in report.walk())


@pytest.mark.corpus
def test_corpus_2008_heading_with_a_space(corpus: Path) -> None:
    report = parse_corpus(corpus, "cn-state-council-gwr/2008.txt")
    assert [(s.number, s.heading) for s in report.sections] == [
        ("一、", "过去五年工作回顾"),
        ("二、", "2008年主要任务"),
    ]
    assert report.section("2.6").heading == "更加注重社会建设，着力保障和改善民生"


@pytest.mark.corpus
@pytest.mark.parametrize("year", ["2017", "2018"])
def test_corpus_10k_drops_its_table_of_contents(corpus: Path, year: str) -> None:
    report = parse_corpus(corpus, f"apple-10k/{year}.txt")
    assert report.org == "Apple Inc."
    assert report.warnings == ("dropped a table of contents (25 headings)",)
    assert [s.number for s in report.sections] == ["PART I", "PART II", "PART III", "PART IV"]
    items = [s.number for s in report.walk() if s.style == "en-item"]
    assert items[:3] == ["Item 1.", "Item 1A.", "Item 1B."]
    assert items[-1] == "Item 16."
    assert report.section("2.5").heading == "Financial Statements and Supplementary Data"
    assert report.section("2.5.1").heading == "Summary of Significant Accounting Policies"


@pytest.mark.corpus
@pytest.mark.parametrize("year", ["2021", "2022"])
def test_corpus_budget_speech_without_headings(corpus: Path, year: str) -> None:
    name = f"singapore-budget-speech/{year}.txt"
    report = parse_corpus(corpus, name)
    assert (report.title, report.org, report.year) == ("Budget Speech", "", int(year))
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("no headings found; ")
    assert all(s.style == "para-group" and not s.children for s in report.sections)
    assert all(1 <= len(s.text.split("\n")) <= 12 for s in report.sections)
    paragraphs = sum(len(s.text.split("\n")) for s in report.sections)
    assert (
        f"{paragraphs} paragraphs grouped into {len(report.sections)} sections"
        in report.warnings[0]
    )
    VALIDATOR.validate(report_to_json(report))


def test_ingest_warnings_come_first() -> None:
    report = parse_outline(
        "一、甲\n正文。\n二、乙\n正文。",
        source=Source(path="a.pdf", format="pdf"),
        warnings=("a.pdf: repaired 3 broken lines",),
    )
    assert report.warnings == ("a.pdf: repaired 3 broken lines",)
    assert [s.heading for s in report.sections] == ["甲", "乙"]


def test_outline_text_spaces_latin_numbering_and_counts_one_in_the_singular() -> None:
    """`compare parse` printed "Item 1.Business  [1 sentences, 1 metrics]"."""
    from compare.quantities import attach_metrics

    text = "PART I\nItem 1. Business\nThe Company had 500 stores.\nItem 2. Properties\nNone.\n"
    report = attach_metrics(parse_outline(text, source=Source(path="10k.txt")))
    lines = render_outline(report).splitlines()
    shown = [line.split(None, 1)[1] for line in lines if line.startswith(" ")]  # past the ids
    assert shown == [
        "Item 1. Business  [1 sentence, 1 metric]",
        "Item 2. Properties  [1 sentence, 0 metrics]",
    ]
    assert lines[-1] == "1 section, 2 subsections, 1 metric"


def test_outline_text_counts_subsections_at_every_level() -> None:
    """A three-level outline printed "2 sections, 4 subsections": the third level uncounted."""
    text = "某局2021年工作总结\n一、甲\n（一）子\n1.孙一\n内容一。\n2.孙二\n内容二。\n二、乙\n内容三。\n"
    report = parse_outline(text, source=Source(path="a.txt"))
    levels = [s.level for s in report.walk()]
    assert levels == [1, 2, 3, 3, 1]
    assert render_outline(report).splitlines()[-1] == "2 sections, 3 subsections, 0 metrics"


def test_a_chapters_numbering_stands_apart_from_its_heading() -> None:
    """第一节 重要提示 read "第一节重要提示" on the page, in the outline and in check messages;
    一、 and （一） keep their heading close, as Chinese writes them."""
    from compare.words import numbered

    text = "第一章 总体情况\n第一节 经济发展\n生产总值增长8%。\n第二节 社会事业\n新建学校12所。\n"
    report = parse_outline(text, source=Source(path="report-2021.txt"))
    shown = [line.split(None, 1)[1].split("  [")[0] for line in render_outline(report).splitlines()
             if "  [" in line]  # fmt: skip
    assert shown == ["第一章 总体情况", "第一节 经济发展", "第二节 社会事业"]
    assert numbered("一、", "党的领导") == "一、党的领导"
    assert numbered("（一）", "党的领导") == "（一）党的领导"
    assert numbered("第一部分", "回顾") == "第一部分 回顾"
    assert numbered("第一節", "概況") == "第一節 概況"  # Traditional
    assert numbered("第一分", "概况") == "第一分概况"  # no chapter (分 alone is no 部分)


def test_an_sec_filing_is_titled_by_its_cover() -> None:
    """A 10-K opens with its regulator's name, not a title line: its cover names the form and
    the fiscal year (the page read "(untitled)")."""
    cover = (
        "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\nFORM 10-K\n"
        "(Mark One)\n☒ ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE "
        "ACT OF 1934\nFor the fiscal year ended September 29, 2018\nExample Inc.\n"
        "(Exact name of Registrant as specified in its charter)\nPART I\nItem 1. Business\n"
        "The Company sells phones.\n"
    )
    report = parse_outline(cover, source=Source(path="example-2018.txt"))
    assert report.title == "Form 10-K for the fiscal year ended September 29, 2018"
    assert (report.org, report.year) == ("Example Inc.", 2018)
    assert "UNITED STATES" in report.preamble.sentences[0]  # the cover is kept as it was


# An official document's cover: a red head, its number, the notice that sends the report.
COVER = (
    "绍兴市教育局文件\n绍市教〔2022〕1号\n绍兴市教育局关于印发2021年工作总结的通知\n"
    "各区、县（市）教育局，市直各学校：\n"
    "现将《绍兴市教育局2021年工作总结》印发给你们，请结合实际认真贯彻落实。\n"
    "绍兴市教育局\n2022年1月10日\n"
)


@pytest.mark.parametrize(
    ("cover", "title", "org", "year"),
    [
        (COVER, "绍兴市教育局2021年工作总结", "绍兴市教育局", 2021),
        (
            COVER.split("\n", 1)[1],
            "绍兴市教育局2021年工作总结",
            "绍兴市教育局",
            2021,
        ),  # no red head
        ("绍兴市教育局文件\n绍市教〔2022〕1号\n", "", "绍兴市教育局", None),  # no title after it
    ],
    ids=["red-head", "document-number", "red-head-only"],
)
def test_an_official_documents_cover_is_passed_for_the_reports_title(
    cover: str, title: str, org: str, year: int | None
) -> None:
    """A report sent as an official document (公文) opens with its cover: the red head (绍兴市教育局
    文件) and the document number (〔2022〕, no year of the report's). The report's own title
    follows it; the page read "(untitled)", organisation and year unknown."""
    body = "\n".join(seed_clean_half().splitlines()[1:])  # the seed without its title line
    report = parse_outline(
        cover + (title + "\n" if title else "") + body, source=Source(path="x.txt")
    )
    assert (report.title, report.org, report.year) == (title, org, year)
    assert report.preamble.sentences[0].startswith(cover.splitlines()[0])  # the cover is kept


BODY = "2021年，全市教育系统"  # the seed's text opens so, after its title


@pytest.mark.parametrize(
    ("opening", "title", "org", "year", "preamble"),
    [
        (
            "宁波市教育局\n2022年工作总结\n",
            "宁波市教育局2022年工作总结",
            "宁波市教育局",
            2022,
            BODY,
        ),
        ("宁波市人民政府\n工作报告\n", "宁波市人民政府工作报告", "宁波市人民政府", None, BODY),
        (
            "宁波市教育局\n宁波市教育局2022年工作总结\n",
            "宁波市教育局2022年工作总结",
            "宁波市教育局",
            2022,
            BODY,
        ),
        (
            "宁波市教育局文件\n甬教〔2023〕1号\n2022年工作总结\n",
            "2022年工作总结",
            "宁波市教育局",
            2022,
            "宁波市教育局文件",  # a cover is the preamble's
        ),
    ],
    ids=["org-then-year-and-kind", "org-then-kind", "cover-org-then-title", "red-head-then-title"],
)
def test_a_title_under_its_organisations_name_names_the_organisation(
    opening: str, title: str, org: str, year: int | None, preamble: str
) -> None:
    """宁波市教育局 / 2022年工作总结 on two lines had given no title, organisation or year (the
    page read "(untitled)", the library filed it by its file name); a red head over a title
    that names no organisation (2022年工作总结) had given none either."""
    body = "\n".join(seed_clean_half().splitlines()[1:])  # the seed without its title line
    report = parse_outline(opening + body, source=Source(path="report.txt"))
    assert (report.title, report.org, report.year) == (title, org, year)
    assert report.preamble is not None
    assert report.preamble.text.startswith(preamble)
    assert opening_org_year((opening + body).splitlines()) == (org, year)


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        ("现在，我代表国务院，向大会作政府工作报告，请予审议。", "政府工作报告"),
        ("现在，我代表国务院，向大会报告过去五年的政府工作，请予审议。", "政府工作报告"),
        ("现在，我代表某市人民政府，向大会报告工作，请予审议。", "政府工作报告"),
        ("现在，我代表市总工会，向大会报告工作，请予审议。", "工作报告"),
        ("现在，我代表国务院，就一项议案作说明。", ""),
    ],
)
def test_a_report_to_a_congress_is_titled_by_its_opening(opening: str, title: str) -> None:
    """A government work report printed without its title line opens by saying what it is; the
    page read "(untitled)"."""
    text = f"各位代表：\n{opening}\n一、过去一年的工作\n全市新建学校20所。\n"
    report = parse_outline(text, source=Source(path="2021.txt"))
    assert report.title == title
