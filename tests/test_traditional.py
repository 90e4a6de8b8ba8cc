"""Reports in Traditional Chinese: figures read through a Simplified copy (compare.traditional).

The Traditional texts are the seed and the 2022 sample converted by OpenCC (s2t)."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import opencc
import pytest

from compare.model import Comparison, Metric, Report
from compare.pipeline import compare_reports, read_report
from compare.traditional import is_traditional, simplified
from tests.conftest import SEED_2021, SEED_2022, corpus_files


@functools.cache
def converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2t.json")  # its dictionaries take 40 ms to load


def to_traditional(text: str) -> str:
    return str(converter().convert(text))


@functools.cache
def traditional_report(seed: Path, folder: Path) -> Report:
    """The report of `seed` written in Traditional characters (same name, in `folder`)."""
    path = folder / seed.name
    path.write_text(to_traditional(seed.read_text(encoding="utf-8")), encoding="utf-8")
    return read_report(path)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("traditional")


def figure(metric: Metric, convert: bool) -> tuple[object, ...]:
    """What a reader sees of a figure: where, how much, in what unit, named how, quoted how."""
    words = to_traditional if convert else str
    place = (metric.section, metric.sentence, metric.start, metric.end)
    wording = (words(metric.unit), words(metric.scale), words(metric.label), words(metric.text))
    return (*place, metric.value, metric.kind, *wording)


def test_a_traditional_report_states_the_figures_of_its_simplified_text(folder: Path) -> None:
    """億, 萬, 個 and 項 were no scale words or classifiers: 3.686億元, 20.9萬 and 5400個 were
    no figures. Every figure of the seed is found in its Traditional text, named, quoted and
    counted in Traditional characters (系 where the text writes 系, not 繫)."""
    simple = read_report(SEED_2021)
    written = traditional_report(SEED_2021, folder)
    assert is_traditional(s for section in written.walk() for s in section.sentences)
    assert len(simple.metrics) == 161
    assert [figure(m, False) for m in written.metrics] == [figure(m, True) for m in simple.metrics]
    assert {"億元", "萬人次", "個"} <= {m.unit for m in written.metrics}


def test_two_traditional_years_compare_as_their_simplified_texts(folder: Path) -> None:
    simple = compare_reports(read_report(SEED_2021), read_report(SEED_2022))
    written = compare_reports(
        traditional_report(SEED_2021, folder), traditional_report(SEED_2022, folder)
    )
    counts = Counter(c.status.value for c in written.metrics)
    assert counts == Counter(c.status.value for c in simple.metrics)
    assert counts["changed"] == 87
    # The same changes, sized alike: 3.686億元 -> 4.2億元 and 5400萬元 against 1.2億元.
    sizes = [(c.absolute, c.relative, c.points) for c in written.metrics]
    assert sizes == [(c.absolute, c.relative, c.points) for c in simple.metrics]


def test_a_simplified_report_is_not_taken_for_traditional() -> None:
    for path in [SEED_2021, SEED_2022, *corpus_files()]:
        assert not is_traditional(path.read_text(encoding="utf-8").splitlines()), path


def test_a_traditional_title_names_its_organisation_and_year(folder: Path) -> None:
    """紹興市教育局2021年工作總結: 工作總結 was no kind of report, so there was no organisation
    (and a pair of such reports read "Organisation unknown")."""
    written = traditional_report(SEED_2021, folder)
    assert (written.org, written.year) == ("紹興市教育局", 2021)


def test_a_traditional_qualifier_is_shown_where_the_report_writes_it(folder: Path) -> None:
    """餘 (余) goes between number and unit, 以內 (以内) after: 10餘個, not 餘10個."""
    from compare.render import format_metric

    written = traditional_report(SEED_2021, folder)
    shown = {format_metric(m) for m in written.metrics if m.qualifier in ("餘", "以內")}
    assert "10餘個" in shown and "3項以內" in shown


def test_traditional_chapter_and_section_headings_make_the_same_outline(tmp_path: Path) -> None:
    """第一節 was no heading (节 only), nor 目錄 a table of contents' label."""
    simple = (
        "绍兴市教育局2021年工作总结\n第一章 教育发展\n第一节 学前教育\n新建幼儿园12所。\n"
        "第二节 义务教育\n新建学校8所，新增学位5400个。\n第二章 师资建设\n招聘教师1200名。\n"
    )
    outlines = []
    for name, text in (("simple", simple), ("traditional", to_traditional(simple))):
        path = tmp_path / f"{name}-2021.txt"
        path.write_text(text, encoding="utf-8")
        report = read_report(path)
        outlines.append([(s.id, s.level, to_traditional(s.heading)) for s in report.walk()])
    assert outlines[0] == outlines[1]
    assert [section_id for section_id, _, _ in outlines[0]] == ["1", "1.1", "1.2", "2"]


def test_figures_pair_by_the_rules_keyed_on_simplified_words(tmp_path: Path) -> None:
    """A change told 由35元提高到40元 starts from 35元; next year's 从40元提高到45元 (從 in
    Traditional) starts from 40元, last year's figure: 40元 -> 45元, and 35元 rolled off.
    Matched as written, the Traditional pair read 40元 -> 40元 unchanged, 35元 dropped and 45元
    new. It now pairs as the Simplified pair does, and quotes the reports as written."""
    old = (
        "某市人民政府2015年工作报告\n一、民生保障\n人均基本公共卫生服务经费财政补助由35元提高到"
        "40元。城镇和农村居民人均可支配收入分别增长8.2%和9.3%。\n二、财政\n"
        "拟安排财政赤字10500亿元，其中中央财政赤字8500亿元。\n"
    )
    new = (
        "某市人民政府2016年工作报告\n一、民生保障\n继续加强基层医疗卫生机构建设，人均基本公共卫生"
        "服务经费财政补助从40元提高到45元，覆盖全体城乡居民。农村居民人均可支配收入增长9%，城镇"
        "居民人均可支配收入增长7%。\n二、财政\n拟安排财政赤字11800亿元，其中中央财政赤字9000亿元。\n"
    )
    paths = {}
    for name, text in (("s-2015", old), ("s-2016", new)):
        for script, written in (("simple", text), ("traditional", to_traditional(text))):
            paths[script, name[-4:]] = tmp_path / f"{script}-{name}.txt"
            paths[script, name[-4:]].write_text(written, encoding="utf-8")

    def changes(old_script: str, new_script: str) -> list[tuple[object, ...]]:
        found = compare_reports(
            read_report(paths[old_script, "2015"]), read_report(paths[new_script, "2016"])
        )
        return [
            (
                c.status.value,
                to_traditional(c.label),
                to_traditional(c.old.text) if c.old else None,
                to_traditional(c.new.text) if c.new else None,
                c.absolute,
            )
            for c in found.metrics
        ]

    simple = changes("simple", "simple")
    assert [(status, o, n) for status, _, o, n, _ in simple[:2]] == [
        ("removed", "35元", None),
        ("changed", "40元", "45元"),
    ]
    assert changes("traditional", "traditional") == simple
    written = compare_reports(
        read_report(paths["traditional", "2015"]), read_report(paths["traditional", "2016"])
    )
    assert {c.old.text for c in written.metrics if c.old} >= {"10500億元", "8500億元"}
    assert "城鎮居民人均可支配收入" in {c.label for c in written.metrics}


def test_a_traditional_year_against_a_simplified_one_compares_as_in_one_script(
    folder: Path,
) -> None:
    """The seed in Traditional against the 2022 sample in Simplified: 衛生 and 卫生 were other
    characters, so sections, sentences and figures paired less well, and every edited sentence
    showed its script as edits (carried over: 48.4% against 70.8%). Now the pair is aligned and
    diffed in Simplified and shown as each year writes it."""
    simple = compare_reports(read_report(SEED_2021), read_report(SEED_2022))
    mixed = compare_reports(traditional_report(SEED_2021, folder), read_report(SEED_2022))

    def sections(comparison: Comparison) -> list[object]:
        return [(p.status.value, p.renamed, p.moved) for p in comparison.sections]

    def sentences(comparison: Comparison) -> list[str]:
        return [s.status.value for p in comparison.sections for s in p.sentences]

    assert sections(mixed) == sections(simple)
    # One sentence is edited in one character: the 2021 text's 了望哨, in Traditional 瞭望哨,
    # which OpenCC leaves so in Simplified.
    differ = [k for k, (a, b) in enumerate(zip(sentences(mixed), sentences(simple), strict=True))
              if a != b]  # fmt: skip
    assert len(differ) == 1
    assert [c.status for c in mixed.metrics] == [c.status for c in simple.metrics]
    # A figure named otherwise says what the old year called it, as that year writes it; one
    # named alike but for its script says nothing (中小學試點學校 for 中小学实施学校, not 黨員 for 党员).
    assert [bool(c.label_was) for c in mixed.metrics] == [bool(c.label_was) for c in simple.metrics]
    assert "中小學試點學校" in [c.label_was for c in mixed.metrics]
    assert abs(mixed.similarity - simple.similarity) < 0.1
    assert abs(mixed.carried_over - simple.carried_over) < 0.1
    assert mixed.warnings == ()  # 紹興市教育局 and 绍兴市教育局 are one organisation
    edited = [s for p in mixed.sections for s in p.sentences if s.status.value == "modified"]
    assert edited and all("".join(op.old for op in s.ops) == s.old for s in edited)
    assert any(is_traditional([s.old]) for s in edited if s.old)  # the old year's characters
    # An equal stretch differs in its script only: no edit is made of 師 against 师.
    assert all(simplified(op.old) == op.new for s in edited for op in s.ops if op.tag == "equal")
    # The page shows the old side of an edited sentence as written, its equal stretches too.
    from compare.render import render_html

    page = render_html(mixed)
    assert "實施在紹高校網絡生態" in page and "实施在绍高校网络生态" in page
