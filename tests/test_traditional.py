"""Reports in Traditional Chinese: figures read through a Simplified copy (compare.traditional).

The Traditional texts are the seed and the 2022 sample converted by OpenCC (s2t)."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import opencc
import pytest

from compare.model import Metric, Report
from compare.pipeline import compare_reports, read_report
from compare.traditional import is_traditional
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
    assert counts["changed"] == 88
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
