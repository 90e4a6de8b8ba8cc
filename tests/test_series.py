"""Series: every metric of one organisation followed across its years."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from compare.model import Metric, MetricChange, MetricKind, MetricStatus, Report, Source
from compare.render import render_series_html
from compare.series import Series, build_series, chain_metrics
from tests.conftest import write_filings, write_years


def _library(tmp_path: Path, bodies: dict[int, str]) -> list[Path]:
    """Write one report a year (title line, one section of the given body); return the paths."""
    paths = []
    for year, body in bodies.items():
        path = tmp_path / f"report-{year}.txt"
        path.write_text(f"某市{year}年政府工作报告\n一、财政预算\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _rows(paths: list[Path]) -> dict[str, list[str]]:
    table = list(csv.reader(io.StringIO(build_series(paths, workers=1).csv())))
    # label: unit, kind, the years (not the column, nor the columns after the years: see their
    # own tests)
    return {row[0]: row[2:-3] for row in table}


def test_a_figure_is_followed_across_the_years_in_one_row(tmp_path: Path) -> None:
    rows = _rows(
        _library(
            tmp_path,
            {
                2019: "全市新建学校20所。全市新增绿地30公顷。",
                2020: "全市新建学校24所。",
                2021: "全市新建学校25所。全市新建公园8座。",
            },
        )
    )
    assert rows["label"] == ["unit", "kind", "2019", "2020", "2021"]
    assert rows["新建学校"] == ["所", "count", "20", "24", "25"]
    assert rows["新增绿地"] == ["公顷", "count", "30", "", ""]  # dropped after 2019
    assert rows["新建公园"] == ["座", "count", "", "", "8"]  # new in 2021


def test_a_change_from_last_years_figure_follows_on_in_one_row(tmp_path: Path) -> None:
    """National 2014-2016: 赤字率稳定在2.1%, then 赤字率从去年的2.1%提高到2.3%, then 赤字率提高到
    3%. Each year's own figure follows in one row; last year's, stated beside it, takes no place
    (it had split the row in two: 2.1, 2.1 and then 2.3, 3 on a row of its own)."""
    rows = _rows(
        _library(
            tmp_path,
            {
                2014: "赤字率稳定在2.1%。",
                2015: "赤字率从去年的2.1%提高到2.3%。",
                2016: "赤字率提高到3%。",
            },
        )
    )
    assert [row for label, row in rows.items() if label != "label"] == [
        ["%", "percent", "2.1", "2.3", "3"]
    ]


def test_a_restated_copy_does_not_take_the_place_of_the_years_figure(tmp_path: Path) -> None:
    """A filing restates last filing's own-year figure (Other 220 as (124)) while stating its
    own ((745)): the row follows 220 to (745), and the restatement stands in a row of its own."""
    paths = write_filings(tmp_path)
    table = list(csv.reader(io.StringIO(build_series(paths, workers=1).csv())))
    other = [row[4:-3] for row in table if row[0] == "Other"]
    assert ["220", "-745"] in other
    assert ["", "-124"] in other
    assert ["-110", "-924"] in other


def test_every_year_is_stated_in_the_row_unit(tmp_path: Path) -> None:
    """The deficit is written in 亿元 one year and 万亿元 the next: one column of numbers must
    not mix them (8000 and 1.2 under one heading read as a fall)."""
    rows = _rows(
        _library(
            tmp_path,
            {
                2019: "今年拟安排财政赤字8000亿元。",
                2020: "今年拟安排财政赤字1.2万亿元。",
                2021: "今年拟安排财政赤字13500亿元。",
            },
        )
    )
    assert rows["财政赤字"] == ["亿元", "target", "8000", "12000", "13500"]


def test_the_unit_column_says_an_english_scale(tmp_path: Path) -> None:
    """ "$1.2 billion" then "$1.5 billion": the row is 1.2, 1.5 in "$ billion", not in "$"."""
    paths = write_years(
        tmp_path,
        {
            year: f"Budget Statement {year}\n1. Support\nThe Jobs Support Scheme will cost "
            f"${amount} billion.\n"
            for year, amount in ((2021, "1.2"), (2022, "1.5"))
        },
        "budget",
    )
    rows = _rows(paths)
    assert rows["Jobs Support Scheme"] == ["$ billion", "money", "1.2", "1.5"]


def test_a_figure_told_in_other_units_stays_one_row_and_one_trend(tmp_path: Path) -> None:
    """The national reports state the grain harvest in 万吨, 亿斤, then 亿吨: one row, in the
    latest year's unit, whose trend line rises as the harvest did (drawn from the values as
    written it zigzagged: 5.015e8, 1.057e12, 5.31e8)."""
    from compare.render import series_points

    paths = _library(
        tmp_path,
        {
            2008: "粮食产量50150万吨。",
            2009: "粮食产量10570亿斤。",
            2010: "粮食产量5.31亿吨。",
        },
    )
    assert _rows(paths)["粮食产量"] == ["亿吨", "count", "5.015", "5.285", "5.31"]
    (row,) = [r for r in build_series(paths, workers=1).rows if r.label == "粮食产量"]
    heights = [float(point.split(",")[1]) for point in series_points(row).split()]
    assert heights == sorted(heights, reverse=True)  # SVG y grows downwards


def test_a_series_of_speeches_is_called_by_their_title(tmp_path: Path) -> None:
    """A speech has a title and no organisation line: the series page names it by its title,
    the latest organisation when there is one."""
    paths = []
    for year, figure in ((2021, 40), (2022, 45)):
        path = tmp_path / f"speech-{year}.txt"
        path.write_text(f"Budget speech\n\nWe set aside ${figure} million for schools.\n", "utf-8")
        paths.append(path)
    assert build_series(paths, workers=1).org == "Budget speech"
    assert (
        build_series(
            _library(tmp_path, {2020: "新建学校2所。", 2021: "新建学校3所。"}), workers=1
        ).org
        == "某市"
    )


def test_a_part_of_a_goal_is_followed_whichever_way_the_year_words_it(tmp_path: Path) -> None:
    """The central deficit is planned outright one year, as a part of the whole deficit (其中…)
    the next, and in a sentence of its own opening 其中 the year after: one row all the same."""
    rows = _rows(
        _library(
            tmp_path,
            {
                2019: "今年拟安排中央财政赤字7500亿元。",
                2020: "今年拟安排财政赤字10500亿元，其中中央财政赤字8500亿元。",
                2021: "今年拟安排财政赤字1.62万亿元。其中，中央财政赤字1.12万亿元；地方财政赤字5000亿元。",
            },
        )
    )
    central = [row for label, row in rows.items() if label.endswith("中央财政赤字")]
    assert len(central) == 1
    assert central[0][1:] == ["target", "0.75", "0.85", "1.12"]


def test_a_figure_stated_twice_in_a_year_stays_one_row() -> None:
    """The 2010 national report states its CPI target 3%左右 twice: the comparison with 2009
    chains one statement and the comparison with 2011 the other. The row goes on all the same
    (it had split into three rows over the nine reports)."""

    def target(value: str, sentence: int) -> Metric:
        return Metric(
            value=Decimal(value),
            unit="%",
            kind=MetricKind.TARGET,
            label="居民消费价格涨幅",
            text=f"{value}%左右",
            section="2",
            sentence=sentence,
        )

    before, first, second, after = target("4", 5), target("3", 19), target("3", 22), target("4", 12)
    reports = [
        Report(title="", org="国务院", year=year, source=Source(path=f"{year}.txt"), metrics=ms)
        for year, ms in ((2009, (before,)), (2010, (first, second)), (2011, (after,)))
    ]

    def changed(old: Metric, new: Metric) -> MetricChange:
        return MetricChange(
            status=MetricStatus.CHANGED, label=new.label, kind=new.kind, old=old, new=new
        )

    comparisons = [
        SimpleNamespace(metrics=(changed(before, first),), warnings=()),
        SimpleNamespace(metrics=(changed(second, after),), warnings=()),
    ]
    series = chain_metrics(reports, comparisons)  # type: ignore[arg-type]
    assert [[m and m.value for m in row.values] for row in series.rows] == [
        [Decimal(4), Decimal(3), Decimal(4)]
    ]


def test_the_first_year_states_a_figure_twice_in_one_row(tmp_path: Path) -> None:
    """The 2008 national report sets 国内生产总值增长8%左右 in its targets and says why it
    proposes 国内生产总值增长8%左右 later: one target, one row (it had a second row of 2008's
    8% alone)."""
    rows = build_series(
        _library(
            tmp_path,
            {
                2008: "今年的主要预期目标是：国内生产总值增长8%左右。"
                "提出国内生产总值增长8%左右，是综合考虑的结果。",
                2009: "今年的主要预期目标是：国内生产总值增长8%左右。",
            },
        ),
        workers=1,
    ).rows
    assert [[m and m.text for m in row.values] for row in rows] == [["8%左右", "8%左右"]]


def test_a_year_that_states_no_figure_leaves_a_gap_in_its_row(tmp_path: Path) -> None:
    """The 2013 national report states no grain harvest: 2012's figure and 2014's are one
    measure's, one row with a gap, not two rows."""
    rows = _rows(
        _library(
            tmp_path,
            {
                2012: "全年粮食产量达到5.7亿吨。全市新建学校20所。",
                2013: "粮食生产稳定在万亿斤以上。全市新建学校24所。",
                2014: "全年粮食产量达到6亿吨。全市新建学校25所。",
            },
        )
    )
    assert rows["粮食产量"] == ["亿吨", "count", "5.7", "", "6"]
    assert rows["新建学校"] == ["所", "count", "20", "24", "25"]


def test_a_row_goes_on_over_two_years_that_state_none_of_its_figures(tmp_path: Path) -> None:
    """A five-year review's figures come back three years on (the term review of 2013, the plan
    review of 2016): one row, not two; three silent years still part a row."""
    rows = _rows(
        _library(
            tmp_path,
            {
                2013: "过去五年，全市单位生产总值能耗下降17.2%。\n全市新建学校20所。",
                2014: "全市新建学校24所。",
                2015: "全市新建学校25所。",
                2016: "过去五年，全市单位生产总值能耗下降18.2%。\n全市新建学校26所。",
            },
        )
    )
    assert rows["单位生产总值能耗"] == ["%", "change", "-17.2", "", "", "-18.2"]
    assert rows["新建学校"] == ["所", "count", "20", "24", "25", "26"]
    (tmp_path / "longer").mkdir()
    paths = _library(
        tmp_path / "longer",
        {
            2012: "过去五年，全市单位生产总值能耗下降17.2%。",
            2013: "全市新建学校24所。",
            2014: "全市新建学校25所。",
            2015: "全市新建学校26所。",
            2016: "过去五年，全市单位生产总值能耗下降18.2%。",
        },
    )
    table = list(csv.reader(io.StringIO(build_series(paths, workers=1).csv())))
    assert sorted(row[4:-3] for row in table if row[0] == "单位生产总值能耗") == [
        ["", "", "", "", "-18.2"],
        ["-17.2", "", "", "", ""],
    ]


def test_a_gap_is_bridged_only_between_figures_of_one_measure(tmp_path: Path) -> None:
    """Near-identical labels two years apart are not enough: 提高1岁 and 达到75岁 differ in
    size (and a rate is no count)."""
    paths = _library(
        tmp_path,
        {
            2011: "人均预期寿命提高1岁。新建公园8座。",
            2012: "全市新建学校24所。",
            2013: "人均预期寿命达到75岁。新建公园率达到8%。",
        },
    )
    table = list(csv.reader(io.StringIO(build_series(paths, workers=1).csv())))
    rows = sorted(
        row[4:-3] for row in table if row[0] in ("人均预期寿命", "新建公园", "新建公园率")
    )
    assert rows == [["", "", "75"], ["", "", "8"], ["1", "", ""], ["8", "", ""]]


def test_a_table_cells_row_names_its_column(tmp_path: Path) -> None:
    """Two sums of one table row ("Term debt | $6,500 | $18,083") are two rows of the series,
    told apart by the head of their column in the CSV and on the page."""
    rows = {
        2017: "Due in 2018 | Due later\n\nTerm debt | $6,500 | $18,083",
        2018: "Due in 2019 | Due later\n\nTerm debt | $8,797 | $18,933",
    }
    series = build_series(write_filings(tmp_path, rows), workers=1)
    table = list(csv.reader(io.StringIO(series.csv())))
    assert table[0][:4] == ["label", "column", "unit", "kind"]
    assert [row[:2] + row[4:-3] for row in table[1:]] == [
        ["Term debt", "Due in 2019", "6500", "8797"],
        ["Term debt", "Due later", "18083", "18933"],
    ]
    page = render_series_html(series)
    assert 'Term debt <span class="column">· Due in 2019</span>' in page


def test_the_page_tells_rows_of_one_label_apart_by_their_sentence(tmp_path: Path) -> None:
    """Two rows "overall deficit" (the year's and the plan's) looked alike on the series page:
    each label holds its sentence as its tooltip (escaped), and a figure a change started from
    says so, as the CSV's sentence and change_start columns do."""
    rows = {
        2021: "Budget Speech 2021\n\nWe expect an overall deficit of $11.0 billion <i>now</i> in "
        "all.\n\nThe cap rose from $4,500 to $5,000.",
        2022: "Budget Speech 2022\n\nWe expect an overall deficit of $3 billion <i>now</i> in "
        "all.\n\nThe cap rose from $5,000 to $5,500.",
    }
    series = build_series(write_filings(tmp_path, rows), workers=1)
    soup = BeautifulSoup(render_series_html(series), "html.parser")
    labels = {
        td.get("title"): td.get_text(" ", strip=True)
        for td in soup.select("#series tbody td:first-child")
    }
    assert (
        labels["We expect an overall deficit of $3 billion <i>now</i> in all."] == "overall deficit"
    )
    starts = [text for text in labels.values() if "(where a change started)" in text]
    assert len(starts) == 1 and starts[0].startswith("cap")


def test_patterns_compiled_in_the_pools_workers_are_kept_for_the_next_run(tmp_path: Path) -> None:
    """A pool's worker ends without running what atexit holds: the patterns it compiled reading
    and comparing reports were compiled again by every `series` run (34 of 161 were kept after
    the national reports, 0.13 s a worker)."""
    import marshal
    import os
    import subprocess
    import sys

    from compare.patterns import CACHE_NAME
    from tests.conftest import ROOT

    kept = {}
    for jobs in ("1", "2"):
        temp = tmp_path / f"jobs{jobs}"
        temp.mkdir()
        command = [sys.executable, "-m", "compare", "series", "2021", "2022", "-j", jobs]
        done = subprocess.run(
            [*command, "--csv", str(temp / "series.csv")],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "TMPDIR": str(temp)},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        cache = temp / f"compare-{os.getuid()}" / CACHE_NAME
        kept[jobs] = set(marshal.loads(cache.read_bytes()))
    assert len(kept["1"]) > 100
    assert kept["2"] == kept["1"]


def test_the_series_csv_is_what_its_dataframe_writes() -> None:
    """The CSV is written without pandas (0.3 s to import), as the DataFrame wrote it."""
    from tests.conftest import SEED_2021, SEED_2022

    series = build_series([SEED_2021, SEED_2022], workers=1)
    assert len(series.rows) > 100
    assert series.csv() == series.table().to_csv(index=False, lineterminator="\n")


@pytest.mark.parametrize(
    ("years", "paths", "headings"),
    [
        ((2021, 2022), ("a/2021.txt", "a/2022.txt"), ("2021", "2022")),
        (
            (2021, 2021, 2022),
            ("a/2021.txt", "a/2022.txt", "a/2023.txt"),
            ("2021 (2021.txt)", "2021 (2022.txt)", "2022"),
        ),
        ((2021, 2021), ("a/2021.txt", "b/2021.txt"), ("2021 (a/2021.txt)", "2021 (b/2021.txt)")),
        ((2021, 2021), ("a/2021.txt", "a/2021.txt"), ("2021 (2021.txt)", "2021 (2021.txt) #2")),
        ((0, 2022), ("a/notes.txt", "a/2022.txt"), ("notes.txt", "2022")),
        ((0, 0, 2022), ("a/x.txt", "b/x.txt", "a/2022.txt"), ("a/x.txt", "b/x.txt", "2022")),
    ],
    ids=["years", "a-year-twice", "alike-names", "one-file-twice", "no-year", "alike-no-year"],
)
def test_each_report_has_a_column_heading_of_its_own(
    years: tuple[int, ...], paths: tuple[str, ...], headings: tuple[str, ...]
) -> None:
    assert Series(org="", years=years, paths=paths, rows=()).headings == headings


def test_the_csv_says_which_rows_hold_figures_of_several_years(tmp_path: Path) -> None:
    """A five-year review's 年均增长 comes back in a row of its own; the CSV marks that row
    (over_years), as the page does, so that a spreadsheet does not read it as a year's growth."""
    paths = _library(
        tmp_path,
        {
            2020: "全市生产总值增长6.5%。",
            2021: "全市生产总值增长5.5%。过去五年，全市生产总值年均增长7.8%。",
        },
    )
    table = list(csv.DictReader(io.StringIO(build_series(paths, workers=1).csv())))
    assert [(row["2020"], row["2021"], row["over_years"]) for row in table] == [
        ("6.5", "5.5", "False"),
        ("", "7.8", "True"),
    ]
