"""metrics.py: metric pairs -> change table (matching, deltas, DataFrame, CSV)."""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import Counter
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare import metrics as metrics_module
from compare.align import align_reports
from compare.metrics import (
    TABLE_COLUMNS,
    _nearest_columns,
    assign,
    assign_pairs,
    csv_text,
    identity,
    match_metrics,
    metric_change,
    metrics_csv,
    metrics_table,
    table_rows,
)
from compare.model import (
    Comparison,
    Direction,
    Metric,
    MetricChange,
    MetricKind,
    MetricStatus,
    Report,
    Section,
    SectionPair,
    SectionStatus,
    SentencePair,
    SentenceStatus,
    Source,
)
from compare.pipeline import compare_reports, read_report
from compare.quantities import attach_metrics, extract_metrics
from compare.render import format_absolute
from compare.settings import Settings
from tests.conftest import (
    FILING_ROWS,
    FIXTURES,
    SEED_2021,
    SEED_2022,
    corpus_files,
    run_and_ask,
    write_filings,
    write_years,
)

SETTINGS = Settings()


def metric(
    value: str,
    unit: str,
    label: str,
    *,
    section: str = "1",
    sentence: int = 0,
    kind: MetricKind = MetricKind.COUNT,
    scale: str = "",
    qualifier: str = "",
    start: int = 0,
) -> Metric:
    """Build a metric as quantities.py would report it."""
    return Metric(
        value=Decimal(value),
        unit=unit,
        scale=scale,
        qualifier=qualifier,
        kind=kind,
        label=label,
        text=f"{qualifier}{value}{unit}",
        section=section,
        sentence=sentence,
        start=start,
    )


def report(year: int, metrics: tuple[Metric, ...], section_ids: tuple[str, ...] = ("1",)) -> Report:
    """Build a report whose sections have five placeholder sentences each."""
    sections = tuple(
        Section(id=i, heading=f"第{i}节", sentences=tuple(f"句{k}。" for k in range(5)))
        for i in section_ids
    )
    return Report(
        title=f"{year}年工作总结",
        org="绍兴市教育局",
        year=year,
        source=Source(path=f"{year}.txt"),
        sections=sections,
        metrics=metrics,
    )


def pair(
    old: Report,
    new: Report,
    old_id: str = "1",
    new_id: str = "1",
    sentences: tuple[tuple[int, int], ...] = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4)),
    **flags: object,
) -> SectionPair:
    """Pair two sections whose sentences are aligned as given (old index, new index)."""
    return SectionPair(
        status=SectionStatus.MODIFIED,
        old=old.section(old_id),
        new=new.section(new_id),
        sentences=tuple(
            SentencePair(
                status=SentenceStatus.MODIFIED, old="旧。", new="新。", old_index=o, new_index=n
            )
            for o, n in sentences
        ),
        **flags,  # type: ignore[arg-type]
    )


def summary(changes: tuple[MetricChange, ...]) -> list[tuple[str, str, str | None, str | None]]:
    """Reduce changes to (status, label, old text, new text) for whole-value asserts."""
    return [
        (c.status.value, c.label, c.old.text if c.old else None, c.new.text if c.new else None)
        for c in changes
    ]


# --------------------------------------------------------------------------- deltas


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            metric("382", "所", "试点学校"),
            metric("421", "所", "试点学校"),
            dict(absolute="39", relative=Decimal(39) / Decimal(382), direction=Direction.UP),
        ),
        (
            metric("80", "万人", "参与师生", scale="万"),
            metric("850000", "人", "参与师生"),
            dict(absolute="5", relative="0.0625", direction=Direction.UP),
        ),
        (
            metric("1.2", "亿元", "投入", kind=MetricKind.MONEY, scale="亿"),
            metric("9000", "万元", "投入", kind=MetricKind.MONEY, scale="万"),
            dict(absolute="-0.3", relative="-0.25", direction=Direction.DOWN),
        ),
        (
            metric("89.5", "%", "覆盖率", kind=MetricKind.PERCENT),
            metric("98.6", "%", "覆盖率", kind=MetricKind.PERCENT),
            dict(
                absolute="9.1",
                relative=Decimal("9.1") / Decimal("89.5"),
                points="9.1",
                direction=Direction.UP,
            ),
        ),
        (
            metric("2", "", "满意度排名", kind=MetricKind.RANK),
            metric("1", "", "满意度排名", kind=MetricKind.RANK),
            dict(rank=1, direction=Direction.UP, judgement="better"),
        ),
        (
            metric("3", "", "排名", kind=MetricKind.RANK),
            metric("7", "", "排名", kind=MetricKind.RANK),
            dict(rank=-4, direction=Direction.DOWN, judgement="worse"),
        ),
        (
            metric("0", "个", "事故"),
            metric("2", "个", "事故"),
            dict(absolute="2", relative=None, direction=Direction.UP),
        ),
        (
            metric("-100", "", "Net loss"),
            metric("-50", "", "Net loss"),
            dict(absolute="50", relative=Decimal("0.5"), direction=Direction.UP),
        ),
        (
            metric("-4", "", "Other income"),
            metric("46094", "", "Other income"),
            dict(absolute="46098", relative=None, direction=Direction.UP),
        ),
        (
            metric("100", "", "Net income"),
            metric("-50", "", "Net income"),
            dict(absolute="-150", relative=None, direction=Direction.DOWN),
        ),
        (
            metric("-2.5", "%", "增长", kind=MetricKind.PERCENT),
            metric("0", "%", "增长", kind=MetricKind.PERCENT),
            dict(absolute="2.5", relative=Decimal(1), points="2.5", direction=Direction.UP),
        ),
    ],
    ids=[
        "count",
        "wan-vs-ones",
        "yi-vs-wan",
        "percent-points",
        "rank-up",
        "rank-down",
        "from-zero",
        "smaller-loss",
        "loss-to-profit",
        "profit-to-loss",
        "negative-to-zero",
    ],
)
def test_metric_change_deltas(old: Metric, new: Metric, expected: dict[str, object]) -> None:
    change = metric_change(old, new)
    want = {
        "absolute": None,
        "relative": None,
        "points": None,
        "rank": None,
        "direction": None,
        "judgement": None,
        **expected,
    }
    for key in ("absolute", "relative", "points"):
        if isinstance(want[key], str):
            want[key] = Decimal(want[key])  # type: ignore[arg-type]
    got = {key: getattr(change, key) for key in want}
    assert got == want
    assert change.status == MetricStatus.CHANGED
    assert change.qualifier_changed is False


@pytest.mark.parametrize(
    ("old_sentence", "new_sentence", "expected"),
    [
        # Singapore 2021 -> 2022: the most a household receives, against the most
        ("rebates of $120 to $200.", "rebates of up to $285.", ("85", "0.425", Direction.UP)),
        ("rebates of up to $285.", "rebates of $120 to $200.", ("-85", None, Direction.DOWN)),
        ("赤字率为2.5%至3.5%。", "赤字率控制在3%以内。", ("-0.5", None, Direction.DOWN)),
        # Else from the lower end: a floor lowered (national 2015 -> 2016's growth target)
        ("增长7%左右。", "增长6.5%－7%。", ("-0.5", None, Direction.DOWN)),
        ("rates of 1.000% – 3.850%.", "rates of 2.400% – 3.850%.", ("1.4", None, Direction.UP)),
    ],
    ids=["to-up-to", "up-to-to", "yinei", "about-to-range", "range-to-range"],
)
def test_a_range_against_a_most_compares_its_upper_end(
    old_sentence: str, new_sentence: str, expected: tuple[str, str | None, Direction]
) -> None:
    """$120–200, then up to $285: the most a household receives rose by $85 (+42.5%), not by
    $165 from the range's lower end. A range against any other figure, or another range, is
    counted from its lower end."""
    (old,), (new,) = extract_metrics(old_sentence), extract_metrics(new_sentence)
    change = metric_change(old, new)
    absolute, relative, direction = expected
    assert (change.absolute, change.direction) == (Decimal(absolute), direction)
    if relative is not None:
        assert change.relative == Decimal(relative)


@pytest.mark.parametrize(
    ("old", "new", "absolute", "new_in_old_unit", "shown"),
    [
        # 1.62万亿 is 16200亿 to the nearest 100亿: no decimals of 亿 were written.
        (("13500", "亿元", "亿"), ("1.62", "万亿元", "万亿"), "2700", "16200", "+2,700亿元"),
        (("1", "万元", "万"), ("1.00", "亿元", "亿"), "9999", "10000", "+9,999万元"),
        (
            ("250", "million", "million"),
            ("1.25", "billion", "billion"),
            "1000",
            "1250",
            "+1,000 million",
        ),
        # A smaller scale moves the point the other way: its decimals are real.
        (("1.2", "亿元", "亿"), ("9000", "万元", "万"), "-0.3", "0.9", "−0.3亿元"),
        (("3.5", "亿元", "亿"), ("3.55", "亿元", "亿"), "0.05", "3.55", "+0.05亿元"),
        # 粮食产量 was told in 斤 one year and in 吨 the next, land in 公顷 and then in 亩: the
        # change is told in the old figure's unit. 6.07亿吨 is 1.214万亿斤 exactly (1吨 = 2000斤).
        (("1.2", "万亿斤", "万亿"), ("6.07", "亿吨", "亿"), "0.014", "1.214", "+0.014万亿斤"),
        # 1.5亿亩 is 1000万公顷 (1公顷 = 15亩), 1333万公顷 is 1.9995亿亩.
        (("1333", "万公顷", "万"), ("1.5", "亿亩", "亿"), "-333", "1000", "−333万公顷"),
        (("1.5", "亿亩", "亿"), ("1333", "万公顷", "万"), "0.4995", "1.9995", "+0.4995亿亩"),
        # Not exact: one significant digit more than written (2000万亩 is 133.33万公顷).
        (("223", "万公顷", "万"), ("2000", "万亩", "万"), "-89.67", "133.33", "−89.67万公顷"),
        (("12", "公里", ""), ("8500", "米", ""), "-3.5", "8.5", "−3.5公里"),
    ],
    ids=[
        "wanyi-to-yi",
        "yi-to-wan",
        "billion-to-million",
        "wan-to-yi",
        "same-scale",
        "jin-to-dun",
        "gongqing-to-mu",
        "mu-to-gongqing",
        "inexact-unit",
        "gongli-to-mi",
    ],
)
def test_a_change_across_scales_and_units_has_no_more_decimals_than_were_written(
    old: tuple[str, str, str],
    new: tuple[str, str, str],
    absolute: str,
    new_in_old_unit: str,
    shown: str,
) -> None:
    before = metric(old[0], old[1], "财政赤字", kind=MetricKind.MONEY, scale=old[2])
    after = metric(new[0], new[1], "财政赤字", kind=MetricKind.MONEY, scale=new[2])
    change = metric_change(before, after)
    assert str(change.absolute) == absolute
    assert format_absolute(change) == shown
    (row,) = metrics_module.table_rows((change,))
    assert str(row["new"]) == new_in_old_unit
    assert row["new"] - row["old"] == change.absolute


def test_figures_in_units_of_one_family_pair_and_others_do_not(tmp_path: Path) -> None:
    """The national reports of 2014 and 2015 state the grain harvest in 斤 and then in 吨: one
    figure, up 1.2%; those of 2010 and 2011 count students in 人 and then in 名. A count of 万吨
    and one of 万人 are never one figure."""
    found = _changes_of_texts(
        tmp_path,
        {
            2014: "2014年政府工作报告\n\n一、2013年工作回顾\n\n"
            "粮食产量超过1.2万亿斤，实现“十连增”。新增就业1310万人。资助学生2871万人。\n",
            2015: "2015年政府工作报告\n\n一、2014年工作回顾\n\n"
            "粮食产量达到6.07亿吨。新增就业1322万吨。资助学生2130万名。\n",
        },
    )
    assert ("changed", "粮食产量", "超过1.2万亿斤", "6.07亿吨") in found
    assert ("removed", "新增就业", "1310万人", None) in found
    assert ("changed", "资助学生", "2871万人", "2130万名") in found


def test_the_number_of_what_a_unit_counts_names_it_as_the_thing_does(tmp_path: Path) -> None:
    """Shanghai's plans for 2020 and 2021: 淘汰落后产能800项, then 淘汰落后产能项目600项, in
    sections that do not align. 项目 after a count in 项 (人数 after 人) says what the unit
    says: the two are one figure. Other closing words stay (新增就业岗位 in 万个)."""
    found = _changes_of_texts(
        tmp_path,
        {
            2020: "2020年政府工作报告\n\n一、2019年工作回顾\n\n经济运行稳中向好。\n\n"
            "二、城市管理\n\n继续提高城市经济密度，淘汰落后产能800项，低效建设用地减量"
            "15平方公里。\n",
            2021: "2021年政府工作报告\n\n一、2020年工作回顾\n\n经济运行稳中向好。\n\n"
            "二、产业基础\n\n大力实施产业基础再造工程，鼓励重点产业和企业技术改造，"
            "淘汰落后产能项目600项。\n\n三、民生\n\n帮助长期失业青年就业创业。\n",
        },
    )
    assert ("changed", "淘汰落后产能项目", "800项", "600项") in found
    jobs = metric("58", "万人", "城镇新增就业人数", scale="万")
    assert metrics_module.identity(jobs)[-1] == "城镇新增就业"
    posts = metric("58", "万个", "新增就业岗位", scale="万")
    assert metrics_module.identity(posts)[-1] == "新增就业岗位"


def test_a_yearly_average_of_years_is_not_their_sum(tmp_path: Path) -> None:
    """The national reports of 2008 and 2016 each review five years. 2008's GDP grew 65.5% on
    2002, 10.6% a year; 2016's grew 7.8% a year: 10.6% -> 7.8%, where 65.5% had paired with
    7.8%. 2008's 平均每年 1000多万 new jobs are not 2016's five-year 6400万; its 5100万 are. And
    energy per unit of GDP (单位国内生产总值能耗) is no figure of GDP's."""
    found = _changes_of_texts(
        tmp_path,
        {
            2008: "2008年政府工作报告\n\n一、过去五年工作回顾\n\n"
            "2007年，国内生产总值比2002年增长65.5%，年均增长10.6%。"
            "城镇新增就业5100万人。平均每年城镇新增就业1000多万人。\n",
            2016: "2016年政府工作报告\n\n一、过去五年工作回顾\n\n"
            "国内生产总值年均增长7.8%。城镇新增就业人数超过6400万人。"
            "单位国内生产总值能耗下降18.2%。\n",
        },
    )
    assert ("changed", "国内生产总值", "10.6%", "7.8%") in found
    assert ("removed", "国内生产总值", "65.5%", None) in found
    assert ("changed", "城镇新增就业人数", "5100万人", "超过6400万人") in found
    assert ("removed", "平均每年城镇新增就业", "1000多万人", None) in found
    assert ("added", "单位国内生产总值能耗", None, "18.2%") in found


def test_a_short_form_names_the_figure_its_long_form_names(tmp_path: Path) -> None:
    """The 2014 report's 能源消耗强度下降3.7% is the 2015 report's 能耗强度下降4.8%, stated in
    sections that do not align: the short form is written out before labels are compared."""
    found = _changes_of_texts(
        tmp_path,
        {
            2014: "2014年政府工作报告\n\n一、2013年工作回顾\n\n经济运行稳中向好。\n\n"
            "二、节能减排\n\n能源消耗强度下降3.7%，二氧化硫排放量减少3.5%。\n",
            2015: "2015年政府工作报告\n\n一、2014年工作回顾\n\n"
            "能耗强度下降4.8%，是近年来最大降幅。\n",
        },
    )
    assert ("changed", "能耗强度", "3.7%", "4.8%") in found
    short = metric("4.8", "%", "能耗强度", kind=MetricKind.CHANGE)
    assert metrics_module.identity(short) == metrics_module.identity(
        replace(short, label="能源消耗强度")
    )
    # An intensity is per unit of GDP: national 2015's 能耗强度下降4.8%, then 2016's 单位国内
    # 生产总值能耗下降5.6%.
    for per_unit in ("单位国内生产总值能耗", "单位国内生产总值能源消耗"):
        assert metrics_module.identity(short) == metrics_module.identity(
            replace(short, label=per_unit)
        )
    carbon = metric("3.1", "%", "二氧化碳排放强度", kind=MetricKind.CHANGE)
    assert metrics_module.identity(carbon) == metrics_module.identity(
        replace(carbon, label="单位国内生产总值二氧化碳排放")
    )
    # Foreign investment actually used, however named: Shanghai 2020's 实到外资金额增长10.1%,
    # 2021's 实际利用外资…增长6.2%; national 2016's 实际使用外资.
    foreign = metric("6.2", "%", "实际利用外资", kind=MetricKind.CHANGE)
    for other in ("实到外资金额", "实际使用外资"):
        assert metrics_module.identity(foreign) == metrics_module.identity(
            replace(foreign, label=other)
        )
    # National 2010/2011: 农村居民人均纯收入5153元, then (its review's other section) 农民人均纯收入
    # 达到5919元: dropped and new before.
    (tmp_path / "income").mkdir()
    income = _changes_of_texts(
        tmp_path / "income",
        {
            2010: "2010年政府工作报告\n\n一、2009年工作回顾\n\n"
            "城镇居民人均可支配收入17175元，农村居民人均纯收入5153元。\n\n"
            "二、今年的工作\n\n粮食产量稳定在1万亿斤以上。\n",
            2011: "2011年政府工作报告\n\n一、“十一五”时期回顾\n\n经济平稳较快发展。\n\n"
            "二、农业农村\n\n粮食产量屡创历史新高，农民人均纯收入达到5919元。\n",
        },
    )
    assert ("changed", "农民人均纯收入", "5153元", "5919元") in income
    # National 2013/2014: R&D spending's share of GDP and a pension's level, however named.
    share = metric("1.97", "%", "全社会研究与试验发展经费支出占国内生产总值的比重")
    assert metrics_module.identity(share) == metrics_module.identity(
        replace(share, label="全社会研发支出占国内生产总值比重")
    )
    pension = metric("10", "%", "企业退休人员基本养老金水平", kind=MetricKind.CHANGE)
    assert metrics_module.identity(pension) == metrics_module.identity(
        replace(pension, label="企业退休人员基本养老金")
    )
    # National 2009/2010: 进出口贸易总额2.56万亿美元, then 全年进出口总额2.2万亿美元.
    trade = metric("2.2", "万亿美元", "进出口总额", scale="万亿", kind=MetricKind.MONEY)
    assert metrics_module.identity(trade) == metrics_module.identity(
        replace(trade, label="进出口贸易总额")
    )
    # National 2015/2016: 棚户区改造580万套, then 棚户区住房改造600万套; 中央预算内投资增加到
    # 4776亿元, then 中央预算内投资安排5000亿元. A label of who pays keeps its verb (the payer
    # alone pairs by what the sum is for: test_a_sum_labelled_by_who_pays_pairs_by_what_it_is_for).
    housing = metric("600", "万套", "棚户区住房改造", scale="万")
    for other in ("棚户区改造", "棚改"):
        assert metrics_module.identity(housing) == metrics_module.identity(
            replace(housing, label=other)
        )
    budget = metric("5000", "亿元", "中央预算内投资安排", scale="亿", kind=MetricKind.MONEY)
    assert metrics_module.identity(budget)[-1] == "中央预算内投资"
    payer = replace(budget, label="中央财政将安排")
    assert metrics_module.identity(payer)[-1] == "中央财政将安排"


def test_qualifier_change_is_a_change_even_at_equal_value() -> None:
    old = metric("6", "%", "增长", kind=MetricKind.TARGET, qualifier="以上")
    new = metric("5.5", "%", "增长", kind=MetricKind.TARGET, qualifier="左右")
    assert metric_change(old, new).qualifier_changed is True
    same_value = metric("6", "%", "增长", kind=MetricKind.TARGET, qualifier="左右")
    change = metric_change(old, same_value)
    assert (change.status, change.absolute, change.qualifier_changed) == (
        MetricStatus.CHANGED,
        Decimal(0),
        True,
    )


@pytest.mark.parametrize(
    ("old_qualifier", "new_qualifier", "status"),
    [
        ("nearly", "close to", MetricStatus.UNCHANGED),  # Singapore's $100 billion committed
        ("超过", "以上", MetricStatus.UNCHANGED),
        ("约", "左右", MetricStatus.UNCHANGED),
        ("低于", "以内", MetricStatus.CHANGED),  # below, then at most: reworded, not one
        ("近", "超过", MetricStatus.CHANGED),
    ],
)
def test_qualifiers_of_one_meaning_leave_a_figure_unchanged(
    old_qualifier: str, new_qualifier: str, status: MetricStatus
) -> None:
    old = metric("100", "$", "committed", qualifier=old_qualifier, scale="billion")
    change = metric_change(old, replace(old, qualifier=new_qualifier))
    assert (change.status, change.qualifier_changed) == (
        status,
        status is MetricStatus.CHANGED,
    )


def test_same_figure_is_unchanged() -> None:
    m = metric("63", "%", "参加资金监管", kind=MetricKind.PERCENT)
    change = metric_change(m, m)
    assert (change.status, change.absolute, change.points, change.direction) == (
        MetricStatus.UNCHANGED,
        Decimal(0),
        Decimal(0),
        Direction.SAME,
    )


# --------------------------------------------------------------------------- matching


def test_match_within_aligned_sections() -> None:
    old = report(
        2021,
        (
            metric("382", "所", "试点学校", sentence=0),
            metric("89.5", "%", "试点覆盖率", sentence=0, kind=MetricKind.PERCENT),
            metric("30", "人", "骨干教师发展成党员", sentence=1),
            metric("5", "个", "审计项目", sentence=3),
        ),
    )
    new = report(
        2022,
        (
            metric("421", "所", "实施学校", sentence=0),
            metric("98.6", "%", "覆盖率", sentence=0, kind=MetricKind.PERCENT),
            metric("30", "人", "骨干教师发展成党员", sentence=1),
            metric("30", "所", "示范校", sentence=2),
        ),
    )
    changes = match_metrics(old, new, (pair(old, new),), settings=SETTINGS)
    assert summary(changes) == [
        ("changed", "实施学校", "382所", "421所"),
        ("changed", "覆盖率", "89.5%", "98.6%"),
        ("unchanged", "骨干教师发展成党员", "30人", "30人"),
        ("added", "示范校", None, "30所"),
        ("removed", "审计项目", "5个", None),
    ]
    assert [c.label for c in changes if c.status == MetricStatus.CHANGED] == ["实施学校", "覆盖率"]


def test_units_must_be_compatible() -> None:
    old = report(2021, (metric("80", "万人", "参与师生", scale="万"),))
    new = report(2022, (metric("80", "个", "参与师生"),))
    changes = match_metrics(old, new, (pair(old, new),), settings=SETTINGS)
    assert [c.status for c in changes] == [MetricStatus.REMOVED, MetricStatus.ADDED]
    scaled = report(2022, (metric("850000", "人", "参与师生"),))
    (change,) = match_metrics(old, scaled, (pair(old, scaled),), settings=SETTINGS)
    assert (change.status, change.absolute) == (MetricStatus.CHANGED, Decimal(5))


def test_kinds_must_agree() -> None:
    old = report(2021, (metric("5", "%", "增长", kind=MetricKind.PERCENT),))
    new = report(2022, (metric("5", "%", "增长", kind=MetricKind.TARGET),))
    changes = match_metrics(old, new, (pair(old, new),), settings=SETTINGS)
    assert [c.status for c in changes] == [MetricStatus.REMOVED, MetricStatus.ADDED]


def test_a_goal_stated_as_one_in_one_year_only_is_the_same_goal(tmp_path: Path) -> None:
    """The national reports of 2014 and 2015 both plan 减少农村贫困人口1000万人以上, the second
    with 要 (a goal's word), in sections that do not align; 2015's and 2016's plan 铁路投资 of
    8000亿元以上 likewise; 2014 plans 能源消耗强度要降低3.9%以上, 2015 能耗强度下降3.1%以上.
    Each read as dropped and as new. A goal's bound (以上, 左右) is what makes them one: a
    growth of 5% is still not a goal of 5% (test_kinds_must_agree)."""
    found = _changes_of_texts(
        tmp_path,
        {
            2014: "2014年政府工作报告\n\n一、2014年重点工作\n\n经济运行稳中向好。\n\n"
            "二、农业\n\n今年再减少农村贫困人口1000万人以上。新增就业1310万人。\n\n"
            "三、节能\n\n今年能源消耗强度要降低3.9%以上。\n",
            2015: "2015年政府工作报告\n\n一、2015年重点工作\n\n"
            "难度再大，今年也要再减少农村贫困人口1000万人以上。新增就业1322万人。\n\n"
            "二、节能\n\n能耗强度下降3.1%以上。\n",
        },
    )
    assert ("unchanged", "减少农村贫困人口", "1000万人以上", "1000万人以上") in found
    assert ("changed", "能耗强度", "3.9%以上", "3.1%以上") in found
    plain = metric("1000", "万人", "减少农村贫困人口", scale="万", qualifier="以上")
    goal = replace(plain, kind=MetricKind.TARGET)
    assert metric_change(plain, goal).kind is MetricKind.TARGET  # the page tags it a goal
    bare = replace(plain, qualifier="多")
    old, new = report(2021, (bare,)), report(2022, (replace(bare, kind=MetricKind.TARGET),))
    changes = match_metrics(old, new, (pair(old, new),), settings=SETTINGS)
    assert [c.status for c in changes] == [MetricStatus.REMOVED, MetricStatus.ADDED]


def test_position_in_sentence_pair_beats_a_weak_label() -> None:
    """A figure in the aligned sentence is matched even when its label was reworded."""
    old = report(2021, (metric("940", "人", "宣讲队伍", sentence=2),))
    new = report(2022, (metric("1000", "人", "组建志愿讲师团", sentence=3),))
    aligned = pair(old, new, sentences=((2, 3),))
    (change,) = match_metrics(old, new, (aligned,), settings=SETTINGS)
    assert (change.status, change.absolute) == (MetricStatus.CHANGED, Decimal(60))
    unaligned = pair(old, new, sentences=((2, 2),))
    changes = match_metrics(old, new, (unaligned,), settings=SETTINGS)
    assert [c.status for c in changes] == [MetricStatus.REMOVED, MetricStatus.ADDED]


def test_a_figure_ten_times_another_needs_more_than_a_similar_label() -> None:
    """70家企业 (listed companies) is not 1.7万家高新技术企业: alike in name, 243x apart. A
    rate of growth is not judged by its ratio."""
    old = report(
        2021,
        (
            metric("70", "家", "企业", sentence=0),
            metric("1184", "万平方米", "旧里房屋改造", sentence=1, scale="万"),
            metric("9", "个", "乡村振兴示范村", sentence=2),
            metric("23", "%", "意向成交", sentence=5, kind=MetricKind.CHANGE),
        ),
    )
    new = report(
        2022,
        (
            metric("1.7", "万家", "高新技术企业", sentence=3, scale="万"),
            metric("75.3", "万平方米", "旧里房屋改造", sentence=4, scale="万"),
            metric("28", "个", "乡村振兴示范村创建", sentence=0),
            metric("2.1", "%", "按一年计累计意向成交", sentence=6, kind=MetricKind.CHANGE),
        ),
    )
    changes = match_metrics(old, new, (pair(old, new, sentences=()),), settings=SETTINGS)
    assert set(summary(changes)) == {
        ("added", "高新技术企业", None, "1.7万家"),
        ("removed", "企业", "70家", None),
        # The same label: a change, however big (a five-year total against one year's).
        ("changed", "旧里房屋改造", "1184万平方米", "75.3万平方米"),
        # A similar label and a plausible change: still the same figure.
        ("changed", "乡村振兴示范村创建", "9个", "28个"),
        # A rate of growth is no size: growing 23%, then 2.1%, is one figure slowing down
        # (Shanghai 2020/2021's import fair).
        ("changed", "按一年计累计意向成交", "23%", "2.1%"),
    }
    # In aligned sentences, the place of a figure is evidence enough, whatever the ratio.
    aligned = pair(old, new, sentences=((0, 3),))
    changes = match_metrics(old, new, (aligned,), settings=SETTINGS)
    assert ("changed", "高新技术企业", "70家", "1.7万家") in summary(changes)


def _table_changes(
    tmp_path: Path, old_rows: str, new_rows: str
) -> set[tuple[str, str, str | None, str | None]]:
    """Compare two years of a filing whose only section is a table (rows as readers write them)."""
    return _changes_of_texts(
        tmp_path,
        {
            year: f"Example Corp. Annual Report {year}\n\nItem 8. Financial Statements\n\n{rows}\n"
            for year, rows in ((2017, old_rows), (2018, new_rows))
        },
    )


def _changes_of_texts(
    tmp_path: Path, texts: dict[int, str]
) -> set[tuple[str, str, str | None, str | None]]:
    """Compare two years' reports given as texts (year -> text, the older first)."""
    paths = write_years(tmp_path, texts)
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    return set(summary(comparison.metrics))


def test_a_replaced_subsections_figures_named_in_nothing_alike_do_not_pair(
    tmp_path: Path,
) -> None:
    """（三）对外贸易 replaced by （三）消费市场, told in the same pattern: the figures placed
    alike in the two subsections' alike sentences but named in nothing alike are other figures
    (出口 2100亿元 was "网上零售额 (was 出口): −59.5%" among the largest changes). Figures of
    one value stay paired however named (national 2009's 总额 4万亿元, 2010's 投资计划)."""

    def text(year: int, third: str, body: str) -> str:
        return (
            f"某市商务局{year}年工作总结\n\n一、主要工作\n\n（一）招商引资\n\n"
            "全年引进项目120个，实际利用外资12.5亿美元。\n\n（二）开放平台\n\n"
            f"综合保税区封关运行，跨境电商综试区建设加快推进。\n\n（三）{third}\n\n{body}\n"
        )

    found = _changes_of_texts(
        tmp_path,
        {
            2021: text(
                2021,
                "对外贸易",
                "全年货物进出口总额达到3200亿元，增长12.5%，其中出口2100亿元，增长15.2%。"
                "加工贸易占比下降到18%。新增外贸企业450家。",
            ),
            2022: text(
                2022,
                "消费市场",
                "全年社会消费品零售总额达到2900亿元，增长6.5%，其中网上零售额850亿元，增长21.3%。"
                "新开设品牌首店32家。夜间经济集聚区增加到12个。",
            ),
        },
    )
    pairs = {(old, new) for _, _, old, new in found}
    assert ("2100亿元", "850亿元") not in pairs
    assert {("2100亿元", None), (None, "850亿元")} <= pairs


def test_leads_over_the_province_pair_by_what_leads(tmp_path: Path) -> None:
    """A city's report says by how much it led the province: each lead is named by what led
    (生产总值高于全省), and a year that states them in another order pairs each with its own.
    The page and the summary had named all three 高于."""
    found = _changes_of_texts(
        tmp_path,
        {
            2021: "某市2021年工作总结\n\n一、经济发展\n\n全市经济稳中有进。"
            "全市生产总值增长8.5%，高于全省1.2个百分点；城镇居民人均可支配收入增长7.1%，"
            "高于全省0.5个百分点；农村居民人均可支配收入增长9.6%，高于全省0.4个百分点。\n",
            2022: "某市2022年工作总结\n\n一、经济发展\n\n全市经济稳中有进。"
            "农村居民人均可支配收入增长9.9%，高于全省0.8个百分点；城镇居民人均可支配收入增长"
            "6.8%，高于全省0.3个百分点；全市生产总值增长7.9%，高于全省2.1个百分点。\n",
        },
    )
    leads = {(label, old, new) for _, label, old, new in found if "高于" in label}
    assert leads == {
        ("生产总值高于全省", "1.2个百分点", "2.1个百分点"),
        ("城镇居民人均可支配收入高于全省", "0.5个百分点", "0.3个百分点"),
        ("农村居民人均可支配收入高于全省", "0.4个百分点", "0.8个百分点"),
    }


def test_a_share_written_as_a_fraction_compares_in_percentage_points(tmp_path: Path) -> None:
    """三分之一 and 千分之三 had been no figures: they are shares, and next year's 二分之一 is a
    rise of 16.67 points; 千分之三 is 3‰, and next year's 2.5‰ a fall of 0.5‰."""
    paths = write_years(
        tmp_path,
        {
            2021: "某市2021年工作总结\n\n一、教育发展\n\n教育事业稳步发展。"
            "集团化办学覆盖率达到三分之一，近视发生率控制在千分之三以内。\n",
            2022: "某市2022年工作总结\n\n一、教育发展\n\n教育事业稳步发展。"
            "集团化办学覆盖率达到二分之一，近视发生率控制在2.5‰以内。\n",
        },
    )
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    assert [
        (c.label, c.kind, c.old.text, c.new.text, format_absolute(c), c.direction)
        for c in comparison.metrics
        if c.old and c.new
    ] == [
        ("集团化办学覆盖率", MetricKind.PERCENT, "三分之一", "二分之一", "+16.67 pp", "up"),
        ("近视发生率", MetricKind.COUNT, "千分之三以内", "2.5‰以内", "−0.5‰", "down"),
    ]


def test_a_bound_on_what_is_counted_is_no_figure_of_its_own(tmp_path: Path) -> None:
    """10亿元以上重大项目 are the projects counted: the two years' counts pair by that name, and
    the bound is no sum that stayed the same (nor one that went from 10亿元 to 5亿元)."""
    found = _changes_of_texts(
        tmp_path,
        {
            2021: "某区2021年工作总结\n\n一、项目建设\n\n项目建设提速。"
            "新开工10亿元以上重大项目12个，其中超50亿元项目3个。\n",
            2022: "某区2022年工作总结\n\n一、项目建设\n\n项目建设提速。"
            "新开工10亿元以上重大项目15个，其中超50亿元项目2个，5亿元以上产业项目20个。\n",
        },
    )
    assert found == {
        ("changed", "新开工10亿元以上重大项目", "12个", "15个"),
        ("changed", "超50亿元项目", "3个", "2个"),
        ("added", "5亿元以上产业项目", None, "20个"),
    }


def test_rows_of_other_groups_do_not_pair(tmp_path: Path) -> None:
    """Apple's tax note states Current / Deferred / Total under Federal:, State: and Foreign:.
    A year whose table has no Federal group any more drops its rows: they do not pair with
    the Foreign rows that stand where they stood, however alike their names and values."""
    head = "Federal:\n\nCurrent | $7,842 | $7,652\n\nDeferred | 5,980 | 5,043\n\n"
    state = "State:\n\nCurrent | {} | {}\n\nDeferred | {} | {}\n\n"
    paths = write_filings(
        tmp_path,
        {
            2017: "2017 | 2016\n\n" + head + state.format(259, 990, 2, 48),
            2018: "2018 | 2017\n\n"
            + state.format(551, 259, 48, 2)
            + "Foreign:\n\nCurrent | 7,842 | 1,671\n\nDeferred | 5,980 | 1,135",
        },
    )
    changes = compare_reports(read_report(paths[0]), read_report(paths[1])).metrics
    found = {(c.status.value, c.label, c.old and c.old.text, c.new and c.new.text) for c in changes}
    assert ("changed", "State: Current", "259", "551") in found
    assert ("removed", "Federal: Current", "$7,842", None) in found
    assert ("added", "Foreign: Current", None, "7,842") in found
    assert not [c for c in changes if c.old and c.new and c.old.group != c.new.group]


def test_a_sum_labelled_by_who_pays_pairs_by_what_it_is_for(tmp_path: Path) -> None:
    """中央财政安排 says who pays, not what for: outside aligned sentences such a sum pairs only
    with one whose sentence shares a word of purpose (就业), and a fund named (救灾款) only with
    a fund alike. The national reports of 2009 and 2010 had paired 384亿元救灾款 with 429亿元 for
    pensions; the employment funds 420亿元 and 433亿元 stay one figure."""
    found = _changes_of_texts(
        tmp_path,
        {
            2009: "2009年政府工作报告\n\n一、改善民生\n\n全面加强社会建设。"
            "中央财政安排384亿元救灾款和740亿元恢复重建资金，迅速出台一系列支援灾区的政策措施。"
            "实施更加积极的就业政策，中央财政拟投入420亿元资金。\n",
            2010: "2010年政府工作报告\n\n一、改善民生\n\n全面加强社会建设。"
            "中央财政安排429亿元，解决关闭破产国有企业退休人员医疗保险问题。"
            "中央财政拟投入433亿元用于促进就业。\n",
        },
    )
    paired = {(old, new) for _, _, old, new in found if old and new}
    assert ("420亿元", "433亿元") in paired
    assert not any(old == "384亿元" or new == "429亿元" for old, new in paired)


def test_sums_for_other_funds_do_not_pair_in_sentences_written_alike(tmp_path: Path) -> None:
    """The 2009 national report's 中央财政拟投入社会保障资金2930亿元，比上年预计数增加439亿元 and
    2010's 中央财政拟安排保障性住房专项补助资金632亿元，比上年增加81亿元 are written alike and were
    aligned, so their figures paired by place: funds for other things are other figures. A fund
    named alike still pairs."""
    found = _changes_of_texts(
        tmp_path,
        {
            2009: "2009年政府工作报告\n\n一、民生\n\n"
            "中央财政拟投入社会保障资金2800亿元，比上年预计数增加400亿元。"
            "中央财政拟安排教育专项资金500亿元。\n",
            2010: "2010年政府工作报告\n\n一、民生\n\n"
            "中央财政拟安排保障性住房专项补助资金600亿元，比上年增加80亿元。"
            "中央财政拟安排教育专项资金550亿元。\n",
        },
    )
    paired = {(old, new) for _, _, old, new in found if old and new}
    assert paired == {("500亿元", "550亿元")}


def test_a_part_stated_beside_its_sibling_is_not_the_whole(tmp_path: Path) -> None:
    """Shanghai's 2020 report splits the income growth into towns' 8.2% and villages' 9.3%;
    2021's states every resident's 4%: neither part is that figure. A part stated alone may be
    (农村沼气用户 and 沼气用户 are one count)."""
    found = _changes_of_texts(
        tmp_path,
        {
            2020: "某市2020年政府工作报告\n\n一、民生\n\n"
            "城镇和农村常住居民人均可支配收入分别增长8.2%和9.3%。农村沼气用户达到500万户。\n",
            2021: "某市2021年政府工作报告\n\n一、民生\n\n"
            "居民人均可支配收入增长4%，继续快于全市生产总值增速。沼气用户达到520万户。\n",
        },
    )
    paired = {(old, new) for _, _, old, new in found if old and new}
    assert not any(new == "4%" for _, new in paired)
    assert ("500万户", "520万户") in paired


def test_table_years_move_on_a_column(tmp_path: Path) -> None:
    """A 10-K's columns are years: the new filing's second column is the old filing's first.

    This year's figure pairs with last year's; last year's figure, stated again in the new
    filing's second column, is neither a change nor a new figure; the oldest year is dropped.
    """
    changes = _table_changes(
        tmp_path,
        "Net sales | $229,234 | $215,639 | $233,715\nCost of sales | 141,048 | 131,376 | 140,089",
        "Net sales | $265,595 | $229,234 | $215,639\nCost of sales | 163,756 | 141,048 | 131,376",
    )
    assert changes == {
        ("changed", "Net sales", "$229,234", "$265,595"),
        ("unchanged", "Net sales", "$215,639", "$215,639"),
        ("removed", "Net sales", "$233,715", None),
        ("changed", "Cost of sales", "141,048", "163,756"),
        ("unchanged", "Cost of sales", "131,376", "131,376"),
        ("removed", "Cost of sales", "140,089", None),
    }


def test_a_row_of_hundreds_of_columns_moves_on_a_column(tmp_path: Path) -> None:
    """The same as a 10-K's three columns, for a row of 300 (a sheet exported as text): the
    shift is found though the search looks only MAX_SHIFT columns either way, and each figure's
    column is counted from the one before (not the row's start for each: the square)."""
    cells = [f"{1000 + 7 * k:,}" for k in range(300)]
    old_row = "Units shipped | " + " | ".join(cells)
    new_row = "Units shipped | 9,999 | " + " | ".join(cells[:-1])
    statuses = Counter(status for status, *_ in _table_changes(tmp_path, old_row, new_row))
    assert statuses == {"changed": 1, "unchanged": 298, "removed": 1}
    changes = _table_changes(tmp_path, old_row, new_row)
    assert ("changed", "Units shipped", "1,000", "9,999") in changes
    assert ("unchanged", "Units shipped", "3,086", "3,086") in changes  # old column 299, new 300
    assert ("removed", "Units shipped", "3,093", None) in changes  # the oldest year


@given(
    st.lists(st.integers(0, 300), min_size=1, max_size=80, unique=True).map(sorted),
    st.floats(-20, 320, allow_nan=False),
    st.integers(1, 90),
)
def test_nearest_columns_are_those_sorting_by_distance_gives(
    columns: list[int], place: float, count: int
) -> None:
    """A label's equal columns, nearest its place first (of two as near, the earlier): found from
    the place outwards, as sorting them all by distance finds them."""
    by_distance = sorted(columns, key=lambda column: abs(column - place))  # stable: earlier first
    assert _nearest_columns(columns, place, count) == by_distance[:count]


def test_cash_used_then_generated_is_a_rise(tmp_path: Path) -> None:
    """Apple used $46.4 billion in investing activities in 2017 and generated $16.1 billion by
    them in 2018: one cash flow, up by $62.5 billion (it read as a fall of $30.3 billion)."""
    old, new = write_years(
        tmp_path,
        {
            year: f"Example Corp. Annual Report {year}\n\n{text}\n"
            for year, text in (
                (2017, "Cash used in investing activities of $46.4 billion during 2017."),
                (2018, "Cash generated by investing activities of $16.1 billion during 2018."),
            )
        },
    )
    comparison = compare_reports(read_report(old), read_report(new))
    (change,) = [c for c in comparison.metrics if c.old and c.new]
    assert (change.old.value, change.new.value) == (Decimal("-46.4"), Decimal("16.1"))
    assert change.absolute == Decimal("62.5") and change.direction is Direction.UP


def test_a_restated_row_moves_on_a_column_with_its_table(tmp_path: Path) -> None:
    """Apple's 2018 filing restated its "Other" investing cash flows: the row repeats none of
    last year's cells, yet its columns are years as the rest of the table's. Its 2016 cell
    pairs with last filing's 2016 cell, and the 2015 cell is dropped, not paired with 2016."""
    changes = _table_changes(tmp_path, FILING_ROWS[2017], FILING_ROWS[2018])
    other = {change for change in changes if change[1] == "Other"}
    assert other == {
        ("changed", "Other", "220", "(745)"),  # this year's against last year's
        ("changed", "Other", "(110)", "(924)"),  # 2016, restated
        ("removed", "Other", "(26)", None),  # 2015: not in the new filing
        ("changed", "Other", "220", "(124)"),  # 2017, restated
    }


def test_a_cell_paired_with_the_same_year_told_otherwise_is_restated(tmp_path: Path) -> None:
    """Last filing's 2016 column against this filing's 2016 column: a year's figure told
    otherwise (restated), not a change over the year; this year's against last year's is one.
    Last filing's own year, 2017, is told otherwise too in this filing's second column: a
    restatement of a cell already paired with this year's, not a new figure."""
    paths = write_filings(tmp_path)
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    found = {
        (c.old.text, c.new.text): (c.status.value, c.restated)
        for c in comparison.metrics
        if c.old and c.new
    }
    assert found == {
        ("$229,234", "$265,595"): ("changed", False),
        ("$215,639", "$215,639"): ("unchanged", False),  # the same year, told the same
        ("141,048", "163,756"): ("changed", False),
        ("131,376", "131,376"): ("unchanged", False),
        ("220", "(745)"): ("changed", False),
        ("220", "(124)"): ("changed", True),
        ("(110)", "(924)"): ("changed", True),
    }


def test_a_beginning_balance_is_not_an_ending_one(tmp_path: Path) -> None:
    """A year's ending balance is the next year's beginning one, the same value: the rows
    pair by their own name, not by the value (Apple's warranty costs and cash had paired
    Ending $3,702 with Beginning $3,702 and Beginning $3,702 with Ending $3,692)."""
    paths = write_filings(
        tmp_path,
        {
            2017: "Beginning accrued warranty costs | $3,702 | $4,780 | $4,159\n"
            "Ending accrued warranty costs | $3,834 | $3,702 | $4,780",
            2018: "Beginning accrued warranty costs | $3,834 | $3,702 | $4,780\n"
            "Ending accrued warranty costs | $3,692 | $3,834 | $3,702",
        },
    )
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    paired = {
        (c.old.label.split()[0], c.old.text, c.new.label.split()[0], c.new.text)
        for c in comparison.metrics
        if c.old and c.new and not c.restated
    }
    assert all(old == new for old, _, new, _ in paired), paired
    assert ("Beginning", "$3,702", "Beginning", "$3,834") in paired
    assert ("Ending", "$3,834", "Ending", "$3,692") in paired


def test_one_quarters_sum_is_not_anothers(tmp_path: Path) -> None:
    """Apple's 2017 10-K closes its notes on debt with the third quarter's issuance of $7.0
    billion, the 2018 one with the first quarter's of $7.0 billion: other issuances of the same
    size, which had read unchanged. A quarter (or half, or tranche) is a part against others."""
    found = _changes_of_texts(
        tmp_path,
        {
            year: f"Example Corp. Annual Report {year}\n\nItem 8. Financial Statements\n\n"
            f"During {year}, the {quarter} quarter debt issuance was $7.0 billion.\n"
            for year, quarter in ((2017, "third"), (2018, "first"))
        },
    )
    assert ("unchanged", "first quarter debt issuance", "$7.0 billion", "$7.0 billion") not in found
    assert ("added", "first quarter debt issuance", None, "$7.0 billion") in found


def test_rows_named_by_years_pair_by_year_whatever_their_sign(tmp_path: Path) -> None:
    """A schedule of payments by year (2018 | $6,500, then 2019 | $8,797): each year's row
    pairs with the same year's row of the other filing, not with the row at its place (8,863
    due 2019 had "changed" into 8,583 due 2022 in Apple's 10-Ks). A table writes its dollar
    sign in its first row only, so 8,863 and $8,797 are the same measure."""
    schedule = "The future principal payments are as follows (in millions):"
    paths = write_filings(
        tmp_path,
        {
            2017: f"Net sales | $229,234 | $215,639\n\n{schedule}\n\n2018 | $6,500\n"
            "2019 | 8,863\n2020 | 9,220\n2021 | 7,750\n2022 | 10,297\nThereafter | 61,391",
            2018: f"Net sales | $265,595 | $229,234\n\n{schedule}\n\n2019 | $8,797\n"
            "2020 | 10,183\n2021 | 8,750\n2022 | 8,583\n2023 | 9,395\nThereafter | 66,010",
        },
    )
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    found = {
        (c.status.value, c.old.text if c.old else None, c.new.text if c.new else None)
        for c in comparison.metrics
    }
    assert {f for f in found if "Net sales" not in str(f) and "61,391" not in str(f)} >= {
        ("changed", "8,863", "$8,797"),  # due 2019, in both filings
        ("changed", "9,220", "10,183"),  # due 2020
        ("changed", "10,297", "8,583"),  # due 2022
        ("removed", "$6,500", None),  # 2018: paid
        ("added", None, "9,395"),  # 2023: new to the schedule
    }


def test_a_list_of_figures_for_a_list_of_years_moves_on_a_year(tmp_path: Path) -> None:
    """ "$1.1 billion, $939 million and $794 million in 2017, 2016 and 2015, respectively" reads
    as a table row: this year's figure pairs with last year's, 2016's is stated again the same,
    2015's is dropped, and last filing's 2017 figure stated again is not new. Paired by place,
    $939 million (2016) had "changed" into $1.1 billion (2017)."""
    found = _changes_of_texts(
        tmp_path,
        {
            year: f"Example Corp. Annual Report {year}\n\nItem 8. Leases\n\n"
            f"Rent expense under all operating leases was {figures} in {years}, respectively.\n"
            for year, figures, years in (
                (2017, "$1.1 billion, $939 million and $794 million", "2017, 2016 and 2015"),
                (2018, "$1.2 billion, $1.1 billion and $939 million", "2018, 2017 and 2016"),
            )
        },
    )
    assert {(status, old, new) for status, _, old, new in found} == {
        ("changed", "$1.1 billion", "$1.2 billion"),
        ("unchanged", "$939 million", "$939 million"),
        ("removed", "$794 million", None),
    }


def test_a_past_years_figure_of_a_list_is_not_a_later_sentences_figure(tmp_path: Path) -> None:
    """Last year's list states 2017 and 2016; this year's sentences state 2018, and 2017 again:
    2016's figure is no later year's, and is dropped (it had "changed" into 2018's)."""
    found = _changes_of_texts(
        tmp_path,
        {
            2017: "Example Corp. Annual Report 2017\n\nItem 8. Collateral\n\n"
            "The net cash collateral received by the Company related to derivative instruments "
            "under its collateral security arrangements was $35 million and $163 million as of "
            "September 30, 2017 and September 24, 2016, respectively, which were recorded as "
            "accrued expenses in the Consolidated Balance Sheets.\n",
            2018: "Example Corp. Annual Report 2018\n\nItem 8. Collateral\n\n"
            "As of September 29, 2018, the net cash collateral posted by the Company related to "
            "derivative instruments under its collateral security arrangements was $1.0 billion, "
            "which was recorded as other current assets in the Condensed Consolidated Balance "
            "Sheet. The net cash collateral received by the Company related to derivative "
            "instruments under its collateral security arrangements was $35 million as of "
            "September 30, 2017.\n",
        },
    )
    paired = {(old, new) for _, _, old, new in found if old and new}
    assert ("$163 million", "$1.0 billion") not in paired
    assert ("removed", "$163 million") in {(status, old) for status, _, old, _ in found}


def test_a_table_cell_is_not_paired_with_a_figure_of_prose(tmp_path: Path) -> None:
    """A filing's table in millions and a sentence in billions are other presentations, not one
    figure changed: Cash generated by operating activities | 81,266 is not "$77.4 billion"."""
    changes = _changes_of_texts(
        tmp_path,
        {
            2017: "Example Corp. Annual Report 2017\n\nItem 7. Liquidity\n\n"
            "Cash generated by operating activities | $63,598 | $65,824\n\n"
            "Item 8. Outlook\n\nThe Company expects to spend $16.0 billion.\n",
            2018: "Example Corp. Annual Report 2018\n\nItem 7. Liquidity\n\n"
            "Cash generated by operating activities totaled $77.4 billion.\n\n"
            "Item 8. Outlook\n\nThe Company expects to spend $14.0 billion.\n",
        },
    )
    assert not any(old and new and "$77.4" in new for _, _, old, new in changes)
    assert ("changed", "spend", "$16.0 billion", "$14.0 billion") in {
        (status, label.split()[-1] if label else label, old, new)
        for status, label, old, new in changes
    }


def test_table_cells_pair_by_column_past_empty_cells(tmp_path: Path) -> None:
    """A dash stands for no figure but keeps its column: $218 is not paired with $33,000."""
    changes = _table_changes(
        tmp_path,
        "Notional amount and credit risk\n"
        "Foreign exchange contracts | $56,156 | $1,049 | $44,678 | $518\n"
        "Interest rate contracts | $33,000 | $218 | $24,500 | $728",
        "Notional amount and credit risk\n"
        "Foreign exchange contracts | $65,368 | $1,086 | $56,156 | $1,049\n"
        "Interest rate contracts | $33,250 | $— | $33,000 | $218",
    )
    assert ("changed", "Interest rate contracts", "$33,000", "$33,250") in changes
    assert ("changed", "Foreign exchange contracts", "$56,156", "$65,368") in changes
    assert ("changed", "Foreign exchange contracts", "$1,049", "$1,086") in changes
    paired = {(old, new) for _, _, old, new in changes if old and new}
    assert ("$218", "$33,000") not in paired
    assert all(old != "$218" for old, _ in paired)  # no credit risk this year: not a change
    assert ("removed", "Interest rate contracts", "$24,500", None) in changes


def test_a_fall_is_a_negative_change(tmp_path: Path) -> None:
    """增长0.8% one year and 下降1.7% the next is 2.5 points down, not 0.9 up; 增长3% and 下降3%
    are not the same figure; two falls compare as negative changes (下降1.06% -> 下降0.98%: up)."""
    paths = write_years(
        tmp_path,
        {
            year: f"某市{year}年政府工作报告\n\n一、{year - 1}年工作回顾\n\n"
            f"全年地方一般公共预算收入{revenue}。外贸出口{exports}。全市学生近视率{myopia}。\n"
            for year, revenue, exports, myopia in (
                (2020, "增长0.8%", "增长3%", "下降1.06%"),
                (2021, "下降1.7%", "下降3%", "下降0.98%"),
            )
        },
    )
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    found = {
        (c.old.text, c.new.text): (c.status.value, c.points, c.direction)
        for c in comparison.metrics
        if c.old and c.new
    }
    assert found == {
        ("0.8%", "1.7%"): ("changed", Decimal("-2.5"), Direction.DOWN),
        ("3%", "3%"): ("changed", Decimal("-6"), Direction.DOWN),
        ("1.06%", "0.98%"): ("changed", Decimal("0.08"), Direction.UP),
    }


def _targets_report(year: int, targets: str) -> str:
    return f"某市{year}年政府工作报告\n\n一、{year}年主要预期目标\n\n今年的主要预期目标是：{targets}。\n"


def test_a_figure_named_without_one_last_year_is_new(tmp_path: Path) -> None:
    """Last year's targets named the revenue without a figure (与上年持平) and set a rate this
    year drops: this year's revenue figure is new and the rate dropped, not one changed figure,
    however alike their places in the aligned sentences."""
    found = _changes_of_texts(
        tmp_path,
        {
            2020: _targets_report(
                2020,
                "全市生产总值增长6%左右，地方财政收入与上年持平，"
                "城镇调查失业率、城镇登记失业率分别为5%左右和4%左右，居民消费价格涨幅3%左右",
            ),
            2021: _targets_report(
                2021,
                "全市生产总值增长6%以上，地方财政收入增长3%，"
                "城镇调查失业率在5%以内，居民消费价格涨幅3%左右",
            ),
        },
    )
    assert ("removed", "城镇登记失业率", "4%左右", None) in found
    assert ("added", "地方财政收入", None, "3%") in found
    assert ("changed", "城镇调查失业率", "5%左右", "5%以内") in found
    assert not any(old == "4%左右" and new for _, _, old, new in found)


def test_a_figure_named_by_the_head_of_a_name_stated_without_one_is_another(
    tmp_path: Path,
) -> None:
    """Shanghai 2020 counts 新增老年人日间服务中心83家 after 实现综合为老服务中心街镇全覆盖 (the
    centres named, no figure); 2021 counts 新增社区综合为老服务中心52家. The two labels are 61 alike
    (新增, 服务中心), but 2020's 83 is of other centres: the head of 2021's name, 综合为老服务中心,
    stands in 2020's sentence where it states no figure. The meal places beside them pair."""
    found = _review_changes(
        tmp_path,
        {
            2020: "加快建设社区嵌入式养老设施，实现综合为老服务中心街镇全覆盖，"
            "新增老年人日间服务中心83家和助餐场所217个。",
            2021: "稳步实施长护险试点，新增社区综合为老服务中心52家、助餐场所212个。",
        },
    )
    pairs = {(old, new) for _, _, old, new in found if old and new}
    assert pairs == {("217个", "212个")}
    assert ("removed", "新增老年人日间服务中心", "83家", None) in found


def _review_changes(
    tmp_path: Path, texts: dict[int, str]
) -> set[tuple[str, str, str | None, str | None]]:
    """Compare two years' reports whose one section reviews the year before with this text."""
    return _changes_of_texts(
        tmp_path,
        {
            year: f"某市{year}年政府工作报告\n\n一、{year - 1}年工作回顾\n\n{text}\n"
            for year, text in texts.items()
        },
    )


def test_a_label_read_from_another_clause_does_not_part_figures(tmp_path: Path) -> None:
    """A label the reader took from the clause before (能耗, for the first of two figures that
    分别 gives to 排放量 and 用水量) is no evidence that the figure is another: the figures of the
    aligned sentences still pair by place."""
    texts = {
        2020: "能耗比上年下降3.2%，工业排放量、工业用水量首次双下降，比上年分别下降3.1%和4.6%",
        2021: "能耗比上年下降4.5%，工业排放量、工业用水量分别下降4.4%和5.9%",
    }
    found = _review_changes(tmp_path, {y: f"节能减排取得进展，{t}。" for y, t in texts.items()})
    pairs = {(old, new) for _, _, old, new in found if old and new}
    assert pairs == {("3.2%", "4.5%"), ("3.1%", "4.4%"), ("4.6%", "5.9%")}


def test_labels_naming_contrasting_parts_are_other_figures(tmp_path: Path) -> None:
    """Revenue is not spending, nor the central deficit the national one, nor a motorway a
    railway, however alike the rest of their labels and their places: a label naming both
    parts (中小学) still pairs."""
    texts = {
        2020: "全市财政收入增长8%。全国财政赤字2000亿元。农村中小学生人均公用经费500元。"
        "高速公路通车里程2.8万公里。",
        2021: "全市财政支出增长9%。中央财政赤字1500亿元。初中学生人均公用经费600元。"
        "高速铁路营业里程1.9万公里。",
    }
    found = _review_changes(tmp_path, texts)
    pairs = {(old, new) for _, _, old, new in found if old and new}
    assert pairs == {("500元", "600元")}
    assert ("removed", "财政收入", "8%", None) in found
    assert ("added", "财政支出", None, "9%") in found


def test_shares_of_other_things_are_other_figures(tmp_path: Path) -> None:
    """经常项目顺差占GDP比重 and 研发支出占GDP比重 share most of their labels (占国内生产总值比重)
    but are shares of other things; a share of the same thing, named a little otherwise,
    still pairs."""
    found = _review_changes(
        tmp_path,
        {
            2013: "经常项目顺差占国内生产总值的比重从10.1%下降到2.6%。"
            "财政性教育经费支出占国内生产总值比重达到4%。",
            2014: "全社会研发支出占国内生产总值比重超过2%。"
            "全国财政性教育经费支出占国内生产总值比重4.1%。",
        },
    )
    pairs = {(old, new) for _, _, old, new in found if old and new}
    assert pairs == {("4%", "4.1%")}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("经常项目顺差占国内生产总值的比重", "经常项目顺差"),
        ("省等级幼儿园占比", "省等级幼儿园"),
        ("占全市中小学校总量", ""),  # the subject is in another clause
        ("新建学校", ""),
    ],
)
def test_share_subject(label: str, expected: str) -> None:
    assert metrics_module.share_subject(label) == expected


def test_a_part_named_beside_a_figure_is_not_that_figure(tmp_path: Path) -> None:
    """The 2010 report plans 财政赤字10500亿元，其中中央财政赤字8500亿元: the 10500 names no part,
    but its sentence gives the 中央 figure beside it, so last year's 中央财政赤字7500亿元 is
    the 8500 (both goals: a breakdown of a goal is one), not the 10500. The national total,
    全国财政赤字合计9500亿元, is the 10500's (this year's plan, after 今年)."""
    found = _review_changes(
        tmp_path,
        {
            2009: "拟安排中央财政赤字7500亿元，比上年增加5700亿元。全国财政赤字合计9500亿元。",
            2010: "今年拟安排财政赤字10500亿元，其中中央财政赤字8500亿元。",
        },
    )
    pairs = {(old, new) for _, _, old, new in found if old and new}
    assert ("7500亿元", "8500亿元") in pairs
    assert ("7500亿元", "10500亿元") not in pairs
    assert ("9500亿元", "10500亿元") in pairs


def test_figures_of_subsections_pair_with_those_of_their_parents_counterpart(
    tmp_path: Path,
) -> None:
    """National 2009 states its farm work in subsections (一是…, 二是…) of a part, 2010 in the
    part alone: the subsections align with nothing, and their sentences are too unlike 2010's
    to pair, but their figures are still those of 2010's part (再解决6000万人安全饮水问题, then
    今年再解决6000万农村人口的安全饮水问题)."""
    head = "{year}年政府工作报告\n\n一、{last}年工作回顾\n\n经济平稳较快发展，农业生产稳定。\n\n"
    tasks = "二、{year}年主要任务\n\n（一）保持经济平稳较快发展。\n\n要扩大国内需求，稳定外需。\n\n"
    old = (
        "（二）着力解决好三农问题。\n\n一是稳定发展粮食生产。加强农田水利建设，稳定种粮面积。\n\n"
        "二是加强农村基础设施建设。大规模开展土地整理复垦，提高耕地质量。再解决6000万人安全饮水"
        "问题，扩大农村电网改造。支持农村沼气、乡村道路和农村清洁工程建设，推进广播电视村村通。\n\n"
        "三是深化农村改革。稳定和完善农村基本经营制度。\n"
    )
    new = (
        "（二）着力解决好三农问题。\n\n要稳定发展粮食生产，加强农田水利建设。今年再解决6000万农村"
        "人口的安全饮水问题，加快农村公路、沼气和危房改造试点建设，推进农村清洁工程。深化农村改革，"
        "稳定农村基本经营制度。\n"
    )
    found = _changes_of_texts(
        tmp_path,
        {
            year: head.format(year=year, last=year - 1) + tasks.format(year=year) + body
            for year, body in ((2009, old), (2010, new))
        },
    )
    assert ("unchanged", "6000万人", "6000万") in {(s, old, new) for s, _, old, new in found}


def test_a_work_reports_figure_of_this_year_may_be_a_plan(tmp_path: Path) -> None:
    """A work report, given early in its year, plans what it says of 今年: national 2015's 今年
    中央预算内投资增加到4776亿元 is the plan 2014 stated with a goal's word (中央预算内投资拟增加到
    4576亿元). A year's summary (工作总结) tells of 今年 what was done: not a plan's figure."""
    texts = {
        2014: "中央预算内投资拟增加到4576亿元，重点投向保障性安居工程。",
        2015: "今年中央预算内投资增加到4776亿元，但政府不唱独角戏。",
    }
    (tmp_path / "report").mkdir()
    (tmp_path / "summary").mkdir()
    found = _review_changes(tmp_path / "report", texts)
    assert ("changed", "中央预算内投资", "4576亿元", "4776亿元") in found
    summaries = _changes_of_texts(
        tmp_path / "summary",
        {
            year: f"某市教育局{year}年工作总结\n\n一、主要工作\n\n{text}\n"
            for year, text in texts.items()
        },
    )
    assert not any(old and new for _, _, old, new in summaries)


def test_a_figure_of_no_part_beside_another_part_is_not_this_part() -> None:
    """Apple's 2017 filing lists "Second quarter 2017 debt issuance of $10.0 billion"; 2018's
    sums "2017 debt issuances of $28.7 billion" beside "First quarter 2018 debt issuance": its
    figure of no quarter, among quarters, is the year's, not the second quarter's. A label
    naming both parts (铁路、高速公路运营里程) is neither a whole nor another part, and a figure of
    no part may be the whole's (全国财政赤字 beside 中央财政赤字)."""
    old = report(
        2017,
        (
            metric("10.0", "$", "Second quarter debt issuance", sentence=0, scale="billion"),
            metric("10", "万公里", "铁路、高速公路运营里程", sentence=1, scale="万"),
            metric("1.1", "万公里", "高速铁路运营里程", sentence=1, scale="万"),
            metric("9500", "亿元", "全国财政赤字合计", sentence=2, scale="亿"),
        ),
    )
    new = report(
        2018,
        (
            metric("28.7", "$", "debt issuances", sentence=3, scale="billion"),
            metric("7.0", "$", "First quarter debt issuance", sentence=3, scale="billion"),
            metric("11.2", "万公里", "高速公路通车里程", sentence=0, scale="万"),
            metric("10500", "亿元", "拟安排财政赤字", sentence=1, scale="亿"),
            metric("8500", "亿元", "中央财政赤字", sentence=1, scale="亿"),
        ),
    )
    changes = match_metrics(old, new, (pair(old, new, sentences=()),), settings=SETTINGS)
    pairs = {(c.old.text, c.new.text) for c in changes if c.old and c.new}
    assert not any(new_text == "28.7$" for _, new_text in pairs)
    assert ("10万公里", "11.2万公里") in pairs
    assert ("9500亿元", "10500亿元") in pairs


def test_a_total_of_listed_things_is_not_one_of_them(tmp_path: Path) -> None:
    """National 2011 plans 开工建设保障性住房、棚户区改造住房共1000万套, the total of two things;
    2010 planned 保障性住房300万套 and 各类棚户区改造住房280万套 apart: neither is the 1000. A list
    whose figure is each thing's (…、…排放量分别下降3%) still pairs with one of them."""
    found = _review_changes(
        tmp_path,
        {
            2010: "今年拟建设保障性住房300万套，拟改造各类棚户区改造住房280万套。"
            "二氧化硫排放量要减少3%左右。",
            2011: "今年拟开工建设保障性住房、棚户区改造住房共1000万套。"
            "二氧化硫、氮氧化物排放量要分别减少3%。",
        },
    )
    pairs = {(old, new) for _, _, old, new in found if old and new}
    assert not any(new == "1000万套" for _, new in pairs)
    assert ("3%左右", "3%") in pairs


def test_a_part_named_in_the_next_sentence_is_not_the_figure_beside(tmp_path: Path) -> None:
    """National 2016 plans 财政赤字2.18万亿元, and 中央财政赤字1.4万亿元 a sentence on: 2008's
    中央财政赤字预算拟安排1800亿元, in the aligned first sentence, is the 1.4, not the 2.18."""
    found = _review_changes(
        tmp_path,
        {
            2008: "今年，中央财政赤字预算拟安排1800亿元，比去年预算赤字减少650亿元。",
            2016: "今年拟安排财政赤字2.18万亿元，比去年增加5600亿元。"
            "其中中央财政赤字1.4万亿元，地方财政赤字7800亿元。",
        },
    )
    pairs = {(old, new) for _, _, old, new in found if old and new}
    assert ("1800亿元", "1.4万亿元") in pairs
    assert not any(new == "2.18万亿元" for _, new in pairs)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("中央财政赤字", ("中央",)),
        ("农村居民人均纯收入", ("农村", "收入")),
        ("城镇和农村居民收入", ("收入",)),  # both parts of one group: no contrast there
        ("农村中小学生人均公用经费", ("农村",)),  # 中小学 names 小学 and 初中
        ("新建学校", ()),
    ],
)
def test_contrast_parts(label: str, expected: tuple[str, ...]) -> None:
    assert tuple(word for _, word in metrics_module.contrast_parts(label)) == expected


def _one_section_report(year: int, sentences: tuple[str, ...]) -> Report:
    """Return a report of one section of these sentences (or table rows), its figures read as
    quantities.py reads them."""
    section = Section(id="1", heading="Net sales by reportable segment", sentences=sentences)
    plain = Report(
        title=f"Form 10-K {year}",
        org="Example Corp.",
        year=year,
        source=Source(path=f"{year}.txt"),
        sections=(section,),
    )
    return attach_metrics(plain)


def test_rows_of_other_tables_do_not_pair_by_label_alone() -> None:
    """Every region's table has a "Net sales" row: unaligned, rows pair only if they share a
    figure (the year both filings state), so a region's figures stay with that region."""
    old = _one_section_report(
        2017,
        (
            "Net sales | $96,600 | 12% | $86,613",  # Americas
            "Net sales | $54,938 | 10% | $49,952",  # Europe
            "Net sales | $44,764 | (8)% | $48,492",  # Greater China
        ),
    )
    new = _one_section_report(
        2018,
        (
            "Net sales | $21,733 | 23% | $17,733",  # Japan, first
            "Net sales | $112,093 | 16% | $96,600",  # Americas
            "Net sales | $62,420 | 14% | $54,938",  # Europe
        ),
    )
    changes = set(
        summary(match_metrics(old, new, (pair(old, new, sentences=()),), settings=SETTINGS))
    )
    assert changes == {
        ("changed", "Net sales", "$96,600", "$112,093"),
        ("changed", "Net sales", "12%", "16%"),
        ("removed", "Net sales", "$86,613", None),
        ("changed", "Net sales", "$54,938", "$62,420"),
        ("changed", "Net sales", "10%", "14%"),
        ("removed", "Net sales", "$49,952", None),
        ("removed", "Net sales", "$44,764", None),
        ("removed", "Net sales", "(8)%", None),
        ("removed", "Net sales", "$48,492", None),
        ("added", "Net sales", None, "$21,733"),
        ("added", "Net sales", None, "23%"),
        ("added", "Net sales", None, "$17,733"),
    }


def test_an_aligned_row_pairs_past_the_label_candidates_of_its_table() -> None:
    """Apple's table of notes has more "Fixed-rate notes" rows than a label keeps candidates
    (LABEL_CANDIDATES, the first found): a row past them had its figures dropped and new, and
    read the other way round they paired. Rows of aligned sentences pair whatever their place
    in the table, and either way. (The new filing's rows of another table put the row far from
    its proportional place, where the report-wide pass would find it.)"""
    rows, changed = metrics_module.LABEL_CANDIDATES + 6, 40
    old_rows = [f"Fixed-rate notes | {1000 + k:,} | {k}.25%" for k in range(rows)]
    new_rows = list(old_rows)
    new_rows[changed] = new_rows[changed].replace("1,040", "1,500")
    other = [f"Deferred tax assets | {k:,} | {k + 7:,}" for k in range(200, 400)]
    old = _one_section_report(2017, tuple(old_rows))
    new = _one_section_report(2018, (*new_rows, *other))
    aligned = pair(old, new, sentences=tuple((k, k) for k in range(rows)))
    forward = match_metrics(old, new, (aligned,), settings=SETTINGS)
    assert ("changed", "Fixed-rate notes", "1,040", "1,500") in summary(forward)
    assert not [c for c in forward if c.status.value == "removed"]
    backward = match_metrics(new, old, _mirror_all((aligned,)), settings=SETTINGS)
    _assert_swapped(forward, backward)


def test_notes_of_another_coupon_or_due_year_are_other_notes() -> None:
    """Apple's table of notes lists each issue's notes by coupon and due year; a year later the
    issues of 2017 are one row and 2018's are new. Aligned rows of other notes paired as one
    ("Fixed-rate notes: 2.300% -> 2.000%, 1,750 -> 750"); an issue of several notes keeps its
    name's last coupon as its first notes fall due (1.000% – 3.850%, then 2.400% – 3.850%)."""
    old = _one_section_report(
        2017,
        (
            "Fixed-rate 1.000% – 3.850% notes | 2018 | – | 2043 | 12,500 | 1.08% | – | 3.91%",
            "Fixed-rate 2.300% notes | 2022 | 1,000 | 2.34% | — | —%",
            "Fixed-rate 3.000% notes | 2024 | 1,750 | 2.11% | — | —%",
            "Floating-rate notes | 2020 | 500 | 1.38% | — | —%",
        ),
    )
    new = _one_section_report(
        2018,
        (
            "Fixed-rate 2.400% – 3.850% notes | 2023 | – | 2043 | 8,500 | 2.44% | – | 3.91%",
            "Fixed-rate 2.000% notes | 2020 | 1,000 | 2.03% | — | —%",
            "Fixed-rate 2.400% notes | 2023 | 750 | 2.66% | — | —%",
            "Floating-rate notes | 2019 | 500 | 2.48% | — | —%",
        ),
    )
    aligned = pair(old, new, sentences=((0, 0), (1, 1), (2, 2), (3, 3)))
    forward = match_metrics(old, new, (aligned,), settings=SETTINGS)
    assert sorted(summary(forward)) == [
        ("added", "Fixed-rate 2.000% notes due 2020", None, "1,000"),
        ("added", "Fixed-rate 2.000% notes due 2020", None, "2.03%"),
        ("added", "Fixed-rate 2.400% notes due 2023", None, "2.66%"),
        ("added", "Fixed-rate 2.400% notes due 2023", None, "750"),
        ("added", "Floating-rate notes due 2019", None, "2.48%"),
        ("added", "Floating-rate notes due 2019", None, "500"),
        ("changed", "Fixed-rate 2.400% – 3.850% notes", "1.08%", "2.44%"),
        ("changed", "Fixed-rate 2.400% – 3.850% notes", "12,500", "8,500"),
        ("removed", "Fixed-rate 2.300% notes due 2022", "1,000", None),
        ("removed", "Fixed-rate 2.300% notes due 2022", "2.34%", None),
        ("removed", "Fixed-rate 3.000% notes due 2024", "1,750", None),
        ("removed", "Fixed-rate 3.000% notes due 2024", "2.11%", None),
        ("removed", "Floating-rate notes due 2020", "1.38%", None),
        ("removed", "Floating-rate notes due 2020", "500", None),
        ("unchanged", "Fixed-rate 2.400% – 3.850% notes", "3.91%", "3.91%"),
    ]
    backward = match_metrics(new, old, _mirror_all((aligned,)), settings=SETTINGS)
    _assert_swapped(forward, backward)


def test_what_became_of_a_part_pairs_only_with_what_became_of_a_part(tmp_path: Path) -> None:
    """Apple 2017's "…authorization from $175 billion to $210 billion, of which $166 billion had
    been utilized" had paired its $166 billion with 2018's "new program to repurchase up to $100
    billion" (the $210 billion with "the previous program of up to $210 billion"): a part
    utilized is no program's size. Invented, in the shape of the two filings."""
    head = "Example Corp. Annual Report {0}\n\nItem 8. Shareholders' Equity\n\n"
    texts = {
        2017: head.format(2017)
        + "In May 2017, the Company’s Board of Directors raised the stock repurchase authorization"
        " from $175 billion to $210 billion of the Company’s common shares, of which $166 billion"
        " had been utilized by the end of September 2017.\n",
        2018: head.format(2018)
        + "During 2018, the Company bought back shares for $73.1 billion under two programs. Of"
        " the $73.1 billion, $44.0 billion was bought back under the Company’s previous program"
        " of up to $210 billion, which it completed. In May 2018, the Company said the Board of"
        " Directors had approved a new program to buy back up to $100 billion of the Company’s"
        " common shares.\n",
    }
    found = _changes_of_texts(tmp_path, texts)
    assert [c[0] for c in found if c[2] == "$166 billion"] == ["removed"]
    assert not [c for c in found if c[3] == "up to $100 billion" and c[2] != "$210 billion"]


def test_notes_that_fell_due_are_stated_again_not_new(tmp_path: Path) -> None:
    """The 2013 notes fell due in 2018: the next filing's row names no due year ("— | $—") and
    states last year's $2,000 in its column for 2017. That is the old filing's figure quoted
    again: not a new figure beside a dropped one (Apple's "Floating-rate notes due 2018")."""
    head = (
        "Maturities | {0} | {1}\n\nAmount (in millions) | Effective Interest Rate | Amount (in"
        " millions) | Effective Interest Rate\n\n2013 debt issuance of $17.0 billion:\n\n"
    )
    rows = {
        2017: head.format(2017, 2016)
        + "Floating-rate notes | 2018 | 2018 | $2,000 | 1.10% | 1.10% | $2,000 | 1.10% | 1.10%",
        2018: head.format(2018, 2017) + "Floating-rate notes | — | $— | —% | $2,000 | 1.10%",
    }
    old, new = (read_report(path) for path in write_filings(tmp_path, rows))
    changes = summary(compare_reports(old, new).metrics)
    assert [c for c in changes if c[0] in ("added", "removed") and "$2,000" in c[2:]] == []


def test_a_list_of_years_in_a_row_label_moves_on_with_the_columns() -> None:
    """The label states this year's, last year's and the year before's tax, as the columns do."""
    old = _one_section_report(
        2017,
        (
            "Change in fair value of derivatives, net of tax of $(478), $(7) and $(441), "
            "respectively | 1,315 | 7 | 2,905",
            "Change in fair value of securities, net of tax of $425, $(863) and $264, "
            "respectively | (782) | 1,582 | (483)",
        ),
    )
    new = _one_section_report(
        2018,
        (
            "Change in fair value of derivatives, net of tax of $(149), $(478) and $(7), "
            "respectively | 523 | 1,315 | 7",
            "Change in fair value of securities, net of tax of $1,156, $425 and $(863), "
            "respectively | (3,407) | (782) | 1,582",
        ),
    )
    for sentences in (((0, 0), (1, 1)), ()):  # aligned rows, and rows alike in label only
        aligned = pair(old, new, sentences=sentences)
        changes = match_metrics(old, new, (aligned,), settings=SETTINGS)
        paired = {(c.old.text, c.new.text) for c in changes if c.old and c.new}
        assert {("$(478)", "$(149)"), ("$(7)", "$(7)"), ("1,315", "523"), ("7", "7")} <= paired
        assert {("$425", "$1,156"), ("$(863)", "$(863)"), ("(782)", "(3,407)")} <= paired
        assert not paired & {("$(7)", "$(478)"), ("$264", "$(478)"), ("$(441)", "$425")}


def test_the_years_a_row_label_lists_roll_on_with_its_columns(tmp_path: Path) -> None:
    """Apple's comprehensive income states each row's tax for three years in its label. The
    first of them is named by the whole label as the others are, so that the new filing's
    restated 2017 is the old 2017 stated again (not new), and the oldest year rolls off."""
    row = (
        "Line item | {} | {} | {}\n\nChange in foreign currency translation, net of tax effects"
        " of {}, {} and {}, respectively | {} | {} | {}"
    )
    paths = write_filings(
        tmp_path,
        {
            2017: row.format(2017, 2016, 2015, "$(70)", "$9", "$190", 220, 70, "(400)"),
            2018: row.format(2018, 2017, 2016, "$(2)", "$(70)", "$9", "(520)", 220, 70),
        },
    )
    changes = compare_reports(read_report(paths[0]), read_report(paths[1])).metrics
    found = {
        (c.status.value, c.old.text if c.old else None, c.new.text if c.new else None): c
        for c in changes
    }
    label = "Change in foreign currency translation net of tax effects"
    assert found["changed", "$(70)", "$(2)"].label == label
    assert ("added", None, "$(70)") not in found
    assert found["removed", "$190", None].rolled_off
    assert found["removed", "(400)", None].rolled_off


def test_aligned_rows_of_unlike_labels_are_other_rows() -> None:
    """A table row is named by its label: aligned or not, a quarter is not a security, and
    "Other current assets" is not "Total current assets" unless they share last year's figure."""
    old = _one_section_report(
        2017,
        (
            "Second quarter | 0.57 | 2,988",
            "Total | 1,315 | 7",
            "Other current assets | 13,936 | 8,283",
            "Prepaid expenses | 1,200 | 1,100",
        ),
    )
    new = _one_section_report(
        2018,
        (
            "Mortgage-backed securities | 18,105 | 16,686",
            "Total | 523 | 1,315",
            "Total current assets | 131,339 | 128,645",
            "Prepaid expenses, net | 1,350 | 1,200",  # renamed: 2017's figure says it is the row
        ),
    )
    aligned = pair(old, new, sentences=((0, 0), (1, 1), (2, 2), (3, 3)))
    changes = set(summary(match_metrics(old, new, (aligned,), settings=SETTINGS)))
    assert changes == {
        ("removed", "Second quarter", "0.57", None),
        ("removed", "Second quarter", "2,988", None),
        ("added", "Mortgage-backed securities", None, "18,105"),
        ("added", "Mortgage-backed securities", None, "16,686"),
        ("changed", "Total", "1,315", "523"),
        ("removed", "Total", "7", None),
        ("removed", "Other current assets", "13,936", None),
        ("removed", "Other current assets", "8,283", None),
        ("added", "Total current assets", None, "131,339"),
        ("added", "Total current assets", None, "128,645"),
        ("changed", "Prepaid expenses net", "1,200", "1,350"),
        ("removed", "Prepaid expenses", "1,100", None),
        # 1,200 stated again under the new label, in the column a year on, is not new
    }


def test_a_row_of_figures_alone_moves_on_a_year(tmp_path: Path) -> None:
    """A subtotal row whose label is left blank ("(1,940) | (860)", then "470 | (1,940)") has
    no label cell: its first figure is this year's, as in the labelled rows around it. 2017's
    figure pairs with 2018's, and 2016's is dropped; it had paired with 2018's restated 2017."""
    head = "Line item | {} | {}\n\n"
    paths = write_filings(
        tmp_path,
        {
            2017: head.format(2017, 2016)
            + "Foreign exchange contracts | $(650) | $(870)\n\n(1,940) | (860)",
            2018: head.format(2018, 2017)
            + "Foreign exchange contracts | $210 | $(650)\n\n470 | (1,940)",
        },
    )
    found = set(summary(compare_reports(read_report(paths[0]), read_report(paths[1])).metrics))
    assert ("changed", "", "(1,940)", "470") in found
    assert ("removed", "", "(860)", None) in found
    assert not any(old == "(860)" and new for _, _, old, new in found)


def test_a_row_whose_label_goes_on_in_a_cell_of_words_moves_on_a_year(tmp_path: Path) -> None:
    """Apple's gains reclassified from AOCI name the line item each falls in, in a cell after
    the row's name ("Foreign exchange contracts | Revenue | $(660) | $(860)"). Its figures are
    this year's and last year's, as the row's beside it without that cell: 2017's pairs with
    2018's (it had read unchanged against 2018's restated 2017), and 2016's rolls off."""
    head = "Comprehensive Income Components | Financial Statement Line Item | {} | {}\n\n"
    paths = write_filings(
        tmp_path,
        {
            2017: head.format(2017, 2016)
            + "Foreign exchange contracts | Revenue | $(660) | $(860)\n\n"
            + "Cost of sales | (650) | (130)",
            2018: head.format(2018, 2017)
            + "Foreign exchange contracts | Net sales | $210 | $(660)\n\n"
            + "Cost of sales | (70) | (650)",
        },
    )
    changes = compare_reports(read_report(paths[0]), read_report(paths[1])).metrics
    found = {
        (c.status.value, c.old.text if c.old else None, c.new.text if c.new else None): c
        for c in changes
    }
    assert ("changed", "$(660)", "$210") in found
    assert ("changed", "(650)", "(70)") in found
    assert found["removed", "$(860)", None].rolled_off
    assert found["removed", "(130)", None].rolled_off


def test_the_years_over_a_rows_columns_say_how_far_it_moved_on(tmp_path: Path) -> None:
    """Apple's shares of net sales by region: "42% | 40% | 40%" for 2017, 2016 and 2015, then
    "42% | 42% | 40%" for 2018, 2017 and 2016. Their values repeat as often at no shift as at
    one, and the row had paired 2015's 40% with 2016's and 2016's with 2017's; the heads of the
    columns say the table moved on a year."""
    head = "{} | Change | {} | Change | {}\n\n"
    region = (
        "{}:\n\nNet sales | ${} | 5% | ${} | 1% | ${}\n\n"
        "Percentage of total net sales | {} | {} | {}\n\n"
    )
    paths = write_filings(
        tmp_path,
        {
            2017: head.format(2017, 2016, 2015)
            + region.format("Americas", 960, 860, 930, "42%", "40%", "40%")
            + region.format("Japan", 170, 160, 150, "7%", "6%", "6%"),
            2018: head.format(2018, 2017, 2016)
            + region.format("Americas", 1120, 960, 860, "42%", "42%", "40%")
            + region.format("Japan", 210, 170, 160, "8%", "7%", "6%"),
        },
    )
    changes = compare_reports(read_report(paths[0]), read_report(paths[1])).metrics
    years = {
        (c.old.text, c.old.column, c.new.text, c.new.column)
        for c in changes
        if c.old and c.new and c.label.endswith("Percentage of total net sales")
    }
    assert ("7%", "2017", "8%", "2018") in years
    assert ("42%", "2017", "42%", "2018") in years
    # No year paired with the next but the filings' own; 2015 pairs with nothing.
    assert all(old == new or (old, new) == ("2017", "2018") for _, old, _, new in years)
    assert not any(old == "2015" for _, old, _, _ in years)


def test_a_row_that_repeats_nothing_takes_its_tables_shift_whichever_is_asked_first(
    tmp_path: Path,
) -> None:
    """The row "Other | 7 | 8 | 9 | 10" is told anew a year on (11 | 12 | 13 | 14), one of its cells
    stands under no year; the table's other rows moved on a year, as the heads of their columns
    say (their values repeat as often at no shift as at one). It takes their shift, 1, however
    the rows are asked: asked before them, it took 0 (the table's shift was then found from the
    rows' cells alone), and the shortcuts of figure matching may ask rows in any order."""
    head = "{} | {} | {}\n\n"
    rows = "Percentage of total net sales | 42% | {}\n\nGross margin percentage | 38% | {}\n\n"
    paths = write_filings(
        tmp_path,
        {
            2017: head.format(2017, 2016, 2015)
            + rows.format("40% | 40%", "39% | 39%")
            + "Other | 7 | 8 | 9 | 10\n",
            2018: head.format(2018, 2017, 2016)
            + rows.format("42% | 40%", "38% | 39%")
            + "Other | 11 | 12 | 13 | 14\n",
        },
    )
    old, new = read_report(paths[0]), read_report(paths[1])
    settings = Settings()
    old_side, new_side = metrics_module._Side.of(old), metrics_module._Side.of(new)
    metrics_module._twin(old_side, new_side)
    links = set()
    for pair in align_reports(old, new, settings=settings):
        if pair.old is not None and pair.new is not None:
            links |= metrics_module._sentence_links(
                pair, settings.sentence_cutoff, (old_side, new_side)
            )
    share, margin, other = ((("1", k), ("1", k)) for k in (1, 2, 3))  # rows by sentence
    assert {(o[0], o[1], n[0], n[1]) for o, n in (share, margin, other)} <= links
    for order in ((share, margin, other), (other, share, margin)):
        shifts = metrics_module._Shifts(old_side, new_side, links)
        found = {rows: shifts.of(rows, label=False) for rows in order}
        assert found == {share: (1, 2), margin: (1, 2), other: (1, 0)}


def test_a_row_aligned_with_a_row_pairs_its_cells_within_it() -> None:
    """Every region's row and every expense's is "Percentage of total net sales". A row the
    aligner paired with a row pairs its cells within that row: its oldest year (2015) is not
    moved over to another region's 2016, nor its 2016 to another's 2017, though the sum of
    such pairs' scores was higher than the one right pair's."""
    old = _one_section_report(
        2017,
        (
            "2017 | Change | 2016 | Change | 2015",
            "Percentage of total net sales | 8% | 10% | 10%",
            "Percentage of total net sales | 7% | 6% | 6%",
            "Percentage of total net sales | 7% | 7% | 6%",
        ),
    )
    new = _one_section_report(
        2018,
        (
            "2018 | Change | 2017 | Change | 2016",
            "Percentage of total net sales | 7% | 8% | 10%",
            "Percentage of total net sales | 7% | 7% | 6%",
            "Percentage of total net sales | 6% | 7% | 7%",
        ),
    )
    aligned = pair(old, new, sentences=((0, 0), (1, 1), (2, 2), (3, 3)))
    changes = match_metrics(old, new, (aligned,), settings=SETTINGS)
    rows = {(c.old.sentence, c.new.sentence) for c in changes if c.old and c.new}
    assert rows == {(1, 1), (2, 2), (3, 3)}
    paired = {
        (c.old.text, c.old.column, c.new.text, c.new.column) for c in changes if c.old and c.new
    }
    assert ("6%", "2016", "6%", "2016") in paired  # the same year, stated again


def test_a_renamed_row_is_known_by_last_years_figure(tmp_path: Path) -> None:
    """A balance sheet that renames a row between two rows it keeps (Current portion of
    long-term debt, then Term debt under Current liabilities:) states last year's figure of
    it a column on: the rows are one, this year's figure changed, and the year before last
    rolled off. A row renamed that repeats nothing (Accrued expenses, then Other current
    liabilities) stays dropped and new."""
    rows = (
        "September 30, 2017 | September 24, 2016\n\nCurrent liabilities:\n\n"
        "Accounts payable | $41,200 | $35,100\n\n"
        "Accrued expenses | 23,300 | 20,800\n\n"
        "Commercial paper | 10,900 | 7,400\n\n"
        "Current portion of long-term debt | 5,870 | 3,120\n\n"
        "Total current liabilities | 81,270 | 66,420"
    )
    new_rows = (
        "September 29, 2018 | September 30, 2017\n\nCurrent liabilities:\n\n"
        "Accounts payable | $47,500 | $41,200\n\n"
        "Other current liabilities | 30,150 | 27,420\n\n"
        "Commercial paper | 10,800 | 10,900\n\n"
        "Term debt | 8,050 | 5,870\n\n"
        "Total current liabilities | 96,500 | 85,390"
    )
    paths = write_filings(tmp_path, {2017: rows, 2018: new_rows})
    changes = compare_reports(read_report(paths[0]), read_report(paths[1])).metrics
    found = {
        (c.status.value, c.old.text if c.old else None, c.new.text if c.new else None): c
        for c in changes
    }
    assert found["changed", "5,870", "8,050"].label_was == "Current portion of long-term debt"
    assert found["removed", "3,120", None].rolled_off
    assert ("removed", "23,300", None) in found and ("added", None, "30,150") in found


def test_unlabelled_figures_pair_only_in_aligned_sentences() -> None:
    """Of the $52 billion… and …we will set aside $6 billion…: no label, no aligned sentence,
    nothing says they are one figure."""
    old = report(2021, (metric("52", "billion", "", sentence=1, scale="billion"),))
    new = report(2022, (metric("6", "billion", "", sentence=3, scale="billion"),))
    unaligned = pair(old, new, sentences=((0, 0),))
    assert summary(match_metrics(old, new, (unaligned,), settings=SETTINGS)) == [
        ("removed", "", "52billion", None),
        ("added", "", None, "6billion"),
    ]
    aligned = pair(old, new, sentences=((1, 3),))
    assert summary(match_metrics(old, new, (aligned,), settings=SETTINGS)) == [
        ("changed", "", "52billion", "6billion")
    ]


@pytest.mark.parametrize(
    ("old_sentences", "new_sentences", "expected"),
    [
        (
            ("国内生产总值达到39.8万亿元，财政收入从3.16万亿元增加到8.31万亿元。",),
            ("公共财政收入10.37万亿元，增长24.8%。",),
            ("8.31万亿元", "10.37万亿元"),
        ),
        (
            ("公共财政收入10.37万亿元，增长24.8%。",),
            ("公共财政收入从5.1万亿元增加到11.7万亿元。",),
            ("10.37万亿元", "11.7万亿元"),
        ),
        (
            ("Dividends per share were $0.52.",),
            ("Dividends per share rose from $0.52 to $0.57.",),
            ("$0.52", "$0.57"),  # an English "from" is last year's: the $0.52 stated again
        ),
    ],
    ids=["old-from-to", "new-from-to", "from-last-year"],
)
def test_the_value_a_change_starts_from_is_last_years(
    old_sentences: tuple[str, ...], new_sentences: tuple[str, ...], expected: tuple[str, str]
) -> None:
    """财政收入从3.16万亿元增加到8.31万亿元 reports 8.31 as this year's revenue; 3.16 is where it
    started (five years before): next year's 10.37万亿元 is compared with 8.31, not 3.16."""
    old, new = _one_section_report(2011, old_sentences), _one_section_report(2012, new_sentences)
    for sentences in ((), ((0, 0),)):  # alike in label only, and in aligned sentences
        changes = match_metrics(old, new, (pair(old, new, sentences=sentences),), settings=SETTINGS)
        paired = [
            (c.old.text, c.new.text) for c in changes if c.old and c.new and c.kind != "change"
        ]
        assert paired == [expected]


def _moved_on(
    old_sentences: tuple[str, ...], new_sentences: tuple[str, ...], *, aligned: bool = True
) -> list[tuple[str, str, str | None, str | None, bool]]:
    """Match the figures of two one-section reports, 2021 and 2022, the first sentences aligned
    or not: (status, label, old text, new text, rolled off), in both reading orders (the
    backward one swapped back, so that the two read alike)."""
    old = _one_section_report(2021, old_sentences)
    new = _one_section_report(2022, new_sentences)
    sentences = ((0, 0),) if aligned else ()
    forward = match_metrics(old, new, (pair(old, new, sentences=sentences),), settings=SETTINGS)
    backward = match_metrics(
        new,
        old,
        (pair(new, old, sentences=tuple((b, a) for a, b in sentences)),),
        settings=SETTINGS,
    )
    assert sorted((status, o, n) for status, _, o, n in summary(forward)) == sorted(
        ({"added": "removed", "removed": "added"}.get(status, status), o, n)
        for status, _, n, o in summary(backward)
    )
    return sorted(
        (*row, change.rolled_off) for row, change in zip(summary(forward), forward, strict=True)
    )


@pytest.mark.parametrize(
    ("old_sentence", "new_sentence", "figures"),
    [
        (  # the seed and the 2022 sample: 大一新生体质测试优良率, a rank
            "大一新生体质测试优良率从上学年全省第7位上升到第3位。",
            "大一新生体质测试优良率从上学年全省第3位上升到第1位。",
            ("全省第7位", "第3位", "全省第3位", "第1位"),
        ),
        (
            "赤字率由去年的1.6%提高到2.1%。",
            "赤字率从去年的2.1%提高到2.3%。",
            ("1.6%", "2.1%", "2.1%", "2.3%"),
        ),
        (  # national 2015 and 2016: a subsidy raised year after year
            "人均基本公共卫生服务经费补助标准由35元提高到40元。",
            "基本公共卫生服务经费财政补助从人均40元提高到45元。",
            ("35元", "40元", "40元", "45元"),
        ),
        (
            "Net debt fell to £420m from £465m.",
            "Net debt fell to £350m from £420m.",
            ("£465m", "£420m", "£420m", "£350m"),
        ),
        (
            "Revenue was £1,250m, up from £1,100m.",
            "Revenue rose from £1,250m to £1,400m.",
            ("£1,100m", "£1,250m", "£1,250m", "£1,400m"),
        ),
        (  # last year's figure told in words: 上年为, 比上年末的
            "全年研发经费支出150亿元，上年为140亿元。",
            "全年研发经费支出170亿元，上年为150亿元。",
            ("140亿元", "150亿元", "150亿元", "170亿元"),
        ),
        (
            "年末城镇调查失业率为5.1%，比上年末的5.6%有所下降。",
            "年末城镇调查失业率为4.5%，比上年末的5.1%有所下降。",
            ("5.6%", "5.1%", "5.1%", "4.5%"),
        ),
        (
            "R&D expense was $150 million in 2021, compared to $140 million in 2020.",
            "R&D expense was $170 million in 2022, compared to $150 million in 2021.",
            ("$140 million", "$150 million", "$150 million", "$170 million"),
        ),
        (
            "R&D expense was $150 million, compared with $140 million in the prior year.",
            "R&D expense was $170 million, compared with $150 million in the prior year.",
            ("$140 million", "$150 million", "$150 million", "$170 million"),
        ),
        (
            "R&D expense was $150 million in 2021 ($140 million in 2020).",
            "R&D expense was $170 million in 2022, up from $150 million in 2021.",
            ("$140 million", "$150 million", "$150 million", "$170 million"),
        ),
        (  # Apple's 10-Ks: the comparison names its figure again
            "The Company estimates a maximum one-day loss in fair value of $485 million as of"
            " September 25, 2021 compared to a maximum one-day loss in fair value of $434 million"
            " as of September 26, 2020.",
            "The Company estimates a maximum one-day loss in fair value of $592 million as of"
            " September 24, 2022 compared to a maximum one-day loss in fair value of $485 million"
            " as of September 25, 2021.",
            ("$434 million", "$485 million", "$485 million", "$592 million"),
        ),
    ],
    ids=[
        "cn-rank",
        "cn-share",
        "cn-subsidy",
        "en-to-from",
        "en-up-from",
        "cn-last-year-was",
        "cn-than-last-years",
        "en-compared-to-year",
        "en-compared-with-prior-year",
        "en-in-brackets-then-up-from",
        "en-compared-to-a-named-figure",
    ],
)
def test_a_change_from_last_years_figure_moves_on_a_year(
    old_sentence: str, new_sentence: str, figures: tuple[str, str, str, str]
) -> None:
    """优良率从上学年全省第7位上升到第3位 (2021), then 从上学年全省第3位上升到第1位 (2022): the rank
    went from third to first. The new report's 第3位 is last year's stated again, and the old
    report's 第7位 (the year before's) rolled off. It had shown two rises: 7 -> 3 (last year's,
    as if this year's) and 3 -> 1. So with last year's figure told in words (上年为150亿元,
    "compared to $150 million in 2021"): it had shown 140亿元 -> 150亿元 as a second change."""
    old_start, old_end, new_start, new_end = figures
    for aligned in (True, False):
        moved = _moved_on((old_sentence,), (new_sentence,), aligned=aligned)
        assert [(o, n) for status, _, o, n, _ in moved if o and n] == [(old_end, new_end)]
        assert [(o, rolled) for _, _, o, n, rolled in moved if not n] == [(old_start, True)]
        assert not [n for _, _, o, n, _ in moved if not o]  # the new start: stated again
        assert new_start not in [n for _, _, _, n, _ in moved]


@pytest.mark.parametrize(
    ("old_sentence", "new_sentence", "figures"),
    [
        (
            "全年研发经费支出150亿元，上年为140亿元。",
            "全年研发经费支出170亿元，上年为155亿元。",
            ("140亿元", "150亿元", "155亿元", "170亿元"),
        ),
        (
            "R&D expense was $150 million in 2021, compared to $140 million in 2020.",
            "R&D expense was $170 million in 2022, compared to $155 million in 2021.",
            ("$140 million", "$150 million", "$155 million", "$170 million"),
        ),
        (
            "Revenue of £1,250m (2020: £1,100m).",
            "Revenue of £1,400m (2021: £1,260m).",
            ("£1,100m", "£1,250m", "£1,260m", "£1,400m"),
        ),
    ],
    ids=["cn-last-year-was", "en-compared-to-year", "en-comparative"],
)
def test_last_years_figure_told_otherwise_the_next_year_is_restated(
    old_sentence: str, new_sentence: str, figures: tuple[str, str, str, str]
) -> None:
    """研发经费支出150亿元，上年为140亿元 (2021), then 研发经费支出170亿元，上年为155亿元 (2022): the
    2022 report tells 2021's 150亿元 as 155亿元. The sentences' years say the figures moved on a
    year, as a table's heads do: 150 -> 170 is the change, 150 -> 155 a restatement, and 140
    (of 2020) rolls off. It had read 140 -> 155 as a change, last year's as if this year's."""
    old_start, old_end, new_start, new_end = figures
    old = _one_section_report(2021, (old_sentence,))
    new = _one_section_report(2022, (new_sentence,))
    changes = match_metrics(old, new, (pair(old, new, sentences=((0, 0),)),), settings=SETTINGS)
    found = [
        (c.old.text if c.old else None, c.new.text if c.new else None, c.restated, c.rolled_off)
        for c in changes
    ]
    assert sorted(found, key=str) == sorted(
        [
            (old_end, new_end, False, False),
            (old_end, new_start, True, False),
            (old_start, None, False, True),
        ],
        key=str,
    )


def test_a_list_of_years_moves_on_as_its_years_say_when_its_figures_swap() -> None:
    """Apple's 10-Ks: "$6.0 billion and $4.9 billion … as of September 30, 2017 and September
    24, 2016, respectively", then "$4.9 billion and $6.0 billion … as of September 29, 2018 and
    September 30, 2017": the figure of 2017 went from $6.0 billion to $4.9 billion. Values that
    repeat either way round said no shift, and 2016's $4.9 billion had read as changed into
    2017's $6.0 billion; the years say the list moved on one."""
    old = _one_section_report(
        2021,
        (
            "As of September 25, 2021 and September 26, 2020, a 100 basis point increase in"
            " interest rates would cause a loss in fair value of $6.0 billion and $4.9 billion,"
            " respectively.",
        ),
    )
    new = _one_section_report(
        2022,
        (
            "As of September 24, 2022 and September 25, 2021, a 100 basis point increase in"
            " interest rates would cause a loss in fair value of $4.9 billion and $6.0 billion,"
            " respectively.",
        ),
    )
    changes = match_metrics(old, new, (pair(old, new, sentences=((0, 0),)),), settings=SETTINGS)
    assert [(c.old.text, c.new.text) for c in changes if c.old and c.new and c.kind == "money"] == [
        ("$6.0 billion", "$4.9 billion")
    ]


def test_last_years_figure_beside_this_years_pairs_the_old_figure_with_this_years() -> None:
    """赤字率稳定在2.1% (2014), then 赤字率从去年的2.1%提高到2.3% (2015, national reports): the rate
    went from 2.1% to 2.3%. It had paired 2.1% with 2.1% (unchanged) and shown 2.3% as new. The
    old figure needs no like label, nor a like size: 88个城市启动城镇居民基本医疗保险试点 (2008)
    is 城镇居民基本医疗保险试点城市由上年的88个增加到317个's 317 (2009); its 88 is last year's."""
    moved = _moved_on(("赤字率稳定在2.1%。",), ("赤字率从去年的2.1%提高到2.3%。",), aligned=False)
    assert moved == [("changed", "赤字率", "2.1%", "2.3%", False)]
    moved = _moved_on(
        ("88个城市启动城镇居民基本医疗保险试点。",),
        ("城镇居民基本医疗保险试点城市由上年的88个增加到317个。",),
    )
    assert [(status, o, n) for status, _, o, n, _ in moved] == [("changed", "88个", "317个")]
    # A start that names its year is years back: it pairs with the old start, unchanged. So do
    # starts neither year states again (a government's five-year reviews).
    moved = _moved_on(
        ("财政收入从2002年的1.89万亿元增加到8.31万亿元。",),
        ("财政收入从2002年的1.89万亿元增加到10.37万亿元。",),
    )
    assert [(o, n) for _, _, o, n, _ in moved] == [  # changed, then unchanged
        ("8.31万亿元", "10.37万亿元"),
        ("1.89万亿元", "1.89万亿元"),
    ]
    moved = _moved_on(
        ("财政收入从3.16万亿元增加到8.31万亿元。",), ("财政收入从5.1万亿元增加到11.7万亿元。",)
    )
    assert [(o, n) for _, _, o, n, _ in moved] == [
        ("3.16万亿元", "5.1万亿元"),
        ("8.31万亿元", "11.7万亿元"),
    ]


def test_figures_of_aligned_sentences_a_thousandfold_apart_and_unlike_are_other_figures() -> None:
    """Apple's 10-Ks printed to PDF aligned "…delivered under this ASR at an average repurchase
    price of $149.20." with "Of the $73.1 billion, $44.0 billion was repurchased…": the price
    became $44.0 billion (+29,490,616,522%), the first of the page's largest changes. A figure
    named alike keeps its pair however far it moved (a table's cell does too)."""
    old = _one_section_report(
        2017, ("Shares were delivered at an average repurchase price of $149.20.",)
    )
    new = _one_section_report(
        2018, ("Of the total, $44.0 billion was repurchased under the program.",)
    )
    changes = match_metrics(old, new, (pair(old, new, sentences=((0, 0),)),), settings=SETTINGS)
    assert [(c.old.text if c.old else None, c.new.text if c.new else None) for c in changes] == [
        ("$149.20", None),
        (None, "$44.0 billion"),
    ]
    old = _one_section_report(2017, ("Net cash from investing activities was $12 million.",))
    new = _one_section_report(2018, ("Net cash from investing activities was $16.1 billion.",))
    changes = match_metrics(old, new, (pair(old, new, sentences=((0, 0),)),), settings=SETTINGS)
    assert [(c.old.text, c.new.text) for c in changes if c.old and c.new] == [
        ("$12 million", "$16.1 billion")
    ]


def test_the_value_a_change_starts_from_is_no_old_value_in_aligned_sentences_either() -> None:
    """In May 2017 the Board increased the share repurchase authorization from $175 billion to
    $210 billion; the next filing's sentence tells of a new program of up to $100 billion. The
    $175 billion had been replaced a year before: it is no old value of another figure, however
    near it is stated (it pairs only with an equal value, or another change's start)."""
    old = _one_section_report(2011, ("财政投入从18亿元增加到306亿元。",))
    new = _one_section_report(2012, ("财政投入达到350亿元，新增项目资金40亿元。",))
    changes = match_metrics(old, new, (pair(old, new, sentences=((0, 0),)),), settings=SETTINGS)
    assert sorted(
        (c.status.value, c.old and c.old.text, c.new and c.new.text) for c in changes
    ) == [
        ("added", None, "40亿元"),
        ("changed", "306亿元", "350亿元"),
        ("removed", "18亿元", None),
    ]


def test_a_figure_both_reports_state_pairs_with_its_twin() -> None:
    """2012's target 城镇新增就业900万人以上 is 2011's target, stated in another section; the five
    years' 4500万人 that shares its section and label is not its old value."""
    old = report(
        2011,
        (
            metric("4500", "万人", "城镇新增就业", section="1", sentence=0, scale="万"),
            metric(
                "900", "万人", "城镇新增就业", section="2", sentence=0, scale="万", qualifier="以上"
            ),
        ),
        ("1", "2"),
    )
    new = report(
        2012,
        (
            metric(
                "900", "万人", "城镇新增就业", section="1", sentence=2, scale="万", qualifier="以上"
            ),
        ),
    )
    changes = match_metrics(old, new, (pair(old, new, sentences=()),), settings=SETTINGS)
    assert set(summary(changes)) == {
        ("removed", "城镇新增就业", "4500万人", None),
        ("unchanged", "城镇新增就业", "以上900万人", "以上900万人"),
    }


def test_a_total_over_several_years_is_not_a_years_figure() -> None:
    """The 2013 report sums up five years; 1221万人 was one year's new jobs, not five years'."""
    old = _one_section_report(2012, ("城镇新增就业1221万人，水泥产能淘汰1.5亿吨。",))
    new = _one_section_report(
        2013, ("过去五年，城镇新增就业5870万人，水泥产能淘汰7.75亿吨；", "城镇新增就业1266万人。")
    )
    for sentences in ((), ((0, 0),)):  # alike in label only, and in aligned sentences
        changes = match_metrics(old, new, (pair(old, new, sentences=sentences),), settings=SETTINGS)
        assert set(summary(changes)) == {
            ("changed", "城镇新增就业", "1221万人", "1266万人"),
            ("removed", "水泥产能淘汰", "1.5亿吨", None),
            ("added", "城镇新增就业", None, "5870万人"),
            ("added", "水泥产能淘汰", None, "7.75亿吨"),
        }


def test_a_review_of_several_years_states_its_figures_for_them_together(tmp_path: Path) -> None:
    """The 2011 report opens with a review of the five-year plan: its 城镇新增就业5771万人 is five
    years' new jobs, not 2010's. 2010's is in the section on the year's work (1168万人); a level
    reached (达到39.8万亿元) and a figure of a sentence naming last year are 2010's too."""
    texts = {
        2010: "国务院2010年政府工作报告\n一、2009年工作回顾\n"
        "城镇新增就业1102万人。国内生产总值33.5万亿元。对外贸易总额2.21万亿美元。"
        "关停小火电机组2617万千瓦。\n",
        2011: "国务院2011年政府工作报告\n一、“十一五”时期国民经济和社会发展的回顾\n"
        "城镇新增就业5771万人。国内生产总值达到39.8万亿元。去年对外贸易总额2.97万亿美元。"
        "关停小火电机组7210万千瓦。\n二、2011年的工作\n过去一年，城镇新增就业1168万人。\n",
    }
    changes = _changes_of_texts(tmp_path, texts)
    assert changes == {
        ("changed", "城镇新增就业", "1102万人", "1168万人"),
        ("changed", "国内生产总值", "33.5万亿元", "39.8万亿元"),
        ("changed", "对外贸易总额", "2.21万亿美元", "2.97万亿美元"),
        ("removed", "关停小火电机组", "2617万千瓦", None),
        ("added", "城镇新增就业", None, "5771万人"),
        ("added", "关停小火电机组", None, "7210万千瓦"),
    }


def test_a_price_rise_pairs_whatever_verb_brings_it(tmp_path: Path) -> None:
    """The national reports tell the year's price rise as 涨幅回落到2.6% (2013), 涨幅控制在2.6%
    (2014) and 上涨2% (2015). The first two read as levels, not rises, and the 2014 -> 2015
    pair was one figure dropped and one new."""
    texts = {
        2013: "国务院2013年政府工作报告\n一、过去五年工作回顾\n居民消费价格涨幅回落到2.6%。\n",
        2014: "国务院2014年政府工作报告\n一、2013年工作回顾\n居民消费价格涨幅控制在2.6%。\n",
        2015: "国务院2015年政府工作报告\n一、2014年工作回顾\n价格稳，居民消费价格上涨2%。\n",
    }
    first = _changes_of_texts(tmp_path, {y: texts[y] for y in (2013, 2014)})
    assert first == {("unchanged", "居民消费价格涨幅", "2.6%", "2.6%")}
    second = _changes_of_texts(tmp_path, {y: texts[y] for y in (2014, 2015)})
    assert second == {("changed", "居民消费价格", "2.6%", "2%")}


def test_a_budget_renamed_by_law_pairs_under_both_names(tmp_path: Path) -> None:
    """The 2014 budget law renamed the 公共财政 budget the 一般公共预算: the 2014 report's 财政收入
    and the 2015 report's 一般公共预算收入 are one figure, as its spending is."""
    texts = {
        2014: "国务院2014年政府工作报告\n一、2013年工作回顾\n"
        "财政收入增长10.1%。公共财政支出13.97万亿元。\n",
        2015: "国务院2015年政府工作报告\n一、2014年工作回顾\n"
        "全国一般公共预算收入增长8.6%。一般公共预算支出15.17万亿元。\n",
    }
    assert _changes_of_texts(tmp_path, texts) == {
        ("changed", "全国一般公共预算收入", "10.1%", "8.6%"),
        ("changed", "一般公共预算支出", "13.97万亿元", "15.17万亿元"),
    }


def test_a_paragraph_reviewing_five_years_is_not_last_years_work(tmp_path: Path) -> None:
    """The 2016 report reviews 2015 and, in one paragraph opened by 过去五年, the five years of
    the plan: the 3亿多 people given safe water are five years', not 2015's."""
    texts = {
        2015: "国务院2015年政府工作报告\n一、2014年工作回顾\n"
        "今年再解决6000万农村人口饮水安全问题。高速公路通车里程11.2万公里。\n",
        2016: "国务院2016年政府工作报告\n一、2015年工作回顾\n"
        "2015年是收官之年。过去五年，我国发展成就举世瞩目。解决3亿多农村人口饮水安全问题。"
        "高速公路通车里程超过12万公里。\n",
    }
    changes = _changes_of_texts(tmp_path, texts)
    paired = {(old, new) for _, _, old, new in changes if old and new}
    assert ("11.2万公里", "超过12万公里") in paired  # a length reached: the years' end
    assert ("removed", "解决农村人口饮水安全问题", "6000万", None) in changes
    assert ("added", "解决农村人口饮水安全问题", None, "3亿多") in changes


def test_label_beats_order_within_a_sentence() -> None:
    """The new sentence names the teachers first: figures follow their labels, not their places."""
    old = report(
        2021,
        (
            metric("91.3", "%", "学生参与率", sentence=0, kind=MetricKind.PERCENT, start=5),
            metric("96.2", "%", "教师参与率", sentence=0, kind=MetricKind.PERCENT, start=20),
        ),
    )
    new = report(
        2022,
        (
            metric("96.8", "%", "教师参与率", sentence=0, kind=MetricKind.PERCENT, start=5),
            metric("93.5", "%", "学生参与率", sentence=0, kind=MetricKind.PERCENT, start=20),
        ),
    )
    changes = match_metrics(old, new, (pair(old, new),), settings=SETTINGS)
    assert summary(changes) == [
        ("changed", "教师参与率", "96.2%", "96.8%"),
        ("changed", "学生参与率", "91.3%", "93.5%"),
    ]
    assert [c.points for c in changes] == [Decimal("0.6"), Decimal("2.2")]


def test_figure_quoted_twice_is_one_change() -> None:
    old = report(
        2021,
        (
            metric("98.74", "%", "学生满意度", section="1", kind=MetricKind.PERCENT),
            metric("98.74", "%", "学生满意度", section="2", kind=MetricKind.PERCENT),
        ),
        ("1", "2"),
    )
    new = report(
        2022,
        (
            metric("99.12", "%", "学生满意度", section="1", kind=MetricKind.PERCENT),
            metric("99.12", "%", "学生满意度", section="2", kind=MetricKind.PERCENT),
        ),
        ("1", "2"),
    )
    sections = (pair(old, new, "1", "1"), pair(old, new, "2", "2"))
    assert summary(match_metrics(old, new, sections, settings=SETTINGS)) == [
        ("changed", "学生满意度", "98.74%", "99.12%")
    ]
    once = report(2022, new.metrics[:1], ("1", "2"))
    sections = (pair(old, once, "1", "1"), pair(old, once, "2", "2"))
    assert summary(match_metrics(old, once, sections, settings=SETTINGS)) == [
        ("changed", "学生满意度", "98.74%", "99.12%")
    ]


def test_a_target_called_a_target_is_the_target_quoted_again() -> None:
    """The 2009 national report sets 国内生产总值增长8%左右 and then explains 提出8%左右的国内
    生产总值增长目标: one target, stated twice; 2008's, stated twice as well, is unchanged once."""

    def target(year: int, label: str, sentence: int) -> Metric:
        return metric("8", "%", label, section="2", sentence=sentence, kind=MetricKind.TARGET)

    old = report(2008, (target(2008, "国内生产总值", 2), target(2008, "国内生产总值", 6)), ("2",))
    new = report(
        2009, (target(2009, "国内生产总值", 11), target(2009, "国内生产总值增长目标", 16)), ("2",)
    )
    changes = match_metrics(old, new, (pair(old, new, "2", "2"),), settings=SETTINGS)
    assert summary(changes) == [("unchanged", "国内生产总值", "8%", "8%")]


def test_a_sum_per_recipient_pairs_whoever_receives_it() -> None:
    """Singapore's matching grant for charities, "up to a cap of $250,000 per applicant", then
    "… per charity": one cap, unchanged; a sum per tonne is no sum per charity."""
    old = report(2021, (metric("250000", "$ per applicant", "up to a cap", kind=MetricKind.MONEY),))
    for unit, expected in (("$ per charity", "unchanged"), ("$ per tonne", "removed")):
        new = report(2022, (metric("250000", unit, "up to a cap", kind=MetricKind.MONEY),))
        changes = match_metrics(old, new, (pair(old, new),), settings=SETTINGS)
        assert changes[0].status.value == expected


def test_split_section_figures_follow_their_content() -> None:
    old = report(
        2021,
        (
            metric("83", "个", "校舍建设项目", section="1", sentence=0),
            metric("38", "个", "竣工项目", section="1", sentence=1),
        ),
        ("1",),
    )
    new = report(
        2022,
        (
            metric("90", "个", "校舍建设项目", section="1", sentence=0),
            metric("45", "个", "竣工项目", section="2", sentence=0),
        ),
        ("1", "2"),
    )
    sections = (
        pair(old, new, "1", "1", sentences=((0, 0),)),
        SectionPair(status=SectionStatus.ADDED, old=None, new=new.section("2"), split_from="1"),
    )
    assert summary(match_metrics(old, new, sections, settings=SETTINGS)) == [
        ("changed", "校舍建设项目", "83个", "90个"),
        ("changed", "竣工项目", "38个", "45个"),
    ]


def test_figure_in_unrelated_section_needs_identical_label() -> None:
    old = report(2021, (metric("14", "对", "千校结好学校", section="1"),), ("1", "2"))
    moved = report(2022, (metric("16", "对", "千校结好学校", section="2"),), ("1", "2"))
    sections = (pair(old, moved, "1", "1"), pair(old, moved, "2", "2"))
    assert summary(match_metrics(old, moved, sections, settings=SETTINGS)) == [
        ("changed", "千校结好学校", "14对", "16对")
    ]
    other = report(2022, (metric("16", "对", "结对学校", section="2"),), ("1", "2"))
    sections = (pair(old, other, "1", "1"), pair(old, other, "2", "2"))
    assert [c.status for c in match_metrics(old, other, sections, settings=SETTINGS)] == [
        MetricStatus.REMOVED,
        MetricStatus.ADDED,
    ]


def _mirror(p: SectionPair) -> SectionPair:
    return SectionPair(
        status=p.status,
        old=p.new,
        new=p.old,
        sentences=tuple(
            SentencePair(
                status=s.status,
                old=s.new,
                new=s.old,
                old_index=s.new_index,
                new_index=s.old_index,
                score=s.score,
            )
            for s in p.sentences
        ),
    )


def test_self_comparison_and_swap() -> None:
    old = report(
        2021,
        (
            metric("382", "所", "试点学校", sentence=0),
            metric("89.5", "%", "试点覆盖率", sentence=0, kind=MetricKind.PERCENT),
            metric("2", "", "排名", sentence=1, kind=MetricKind.RANK),
            metric("5", "个", "审计项目", sentence=3),
        ),
    )
    new = report(
        2022,
        (
            metric("421", "所", "试点学校", sentence=0),
            metric("98.6", "%", "试点覆盖率", sentence=0, kind=MetricKind.PERCENT),
            metric("1", "", "排名", sentence=1, kind=MetricKind.RANK),
            metric("30", "所", "示范校", sentence=2),
        ),
    )
    same = match_metrics(old, old, (pair(old, old),), settings=SETTINGS)
    assert {c.status for c in same} == {MetricStatus.UNCHANGED}
    assert len(same) == len(old.metrics)

    forward = match_metrics(old, new, (pair(old, new),), settings=SETTINGS)
    backward = match_metrics(new, old, (_mirror(pair(old, new)),), settings=SETTINGS)
    flip = {"added": "removed", "removed": "added", "changed": "changed"}
    by_old = {(c.old.text if c.old else None, c.new.text if c.new else None): c for c in forward}
    by_new = {(c.new.text if c.new else None, c.old.text if c.old else None): c for c in backward}
    assert by_old.keys() == by_new.keys()
    for key, f in by_old.items():
        b = by_new[key]
        assert b.status.value == flip[f.status.value]
        for field in ("absolute", "points", "rank"):
            fv, bv = getattr(f, field), getattr(b, field)
            assert (fv is None and bv is None) or fv == -bv


# --------------------------------------------------------------------------- assignment


def _brute_force(scores: np.ndarray) -> float:
    n, m = scores.shape
    best = 0.0
    for k in range(min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for cols in itertools.permutations(range(m), k):
                values = [scores[r, c] for r, c in zip(rows, cols, strict=True)]
                if not any(math.isnan(v) for v in values):
                    best = max(best, sum(values))
    return best


@given(
    st.integers(1, 4).flatmap(
        lambda n: st.integers(1, 4).flatmap(
            lambda m: st.lists(
                st.lists(st.one_of(st.none(), st.integers(1, 100)), min_size=m, max_size=m),
                min_size=n,
                max_size=n,
            )
        )
    )
)
def test_assign_finds_the_best_total(rows: list[list[int | None]]) -> None:
    scores = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    found = assign(scores)
    assert len({r for r, _ in found}) == len({c for _, c in found}) == len(found)
    assert all(not math.isnan(scores[r, c]) for r, c in found)
    assert sum(scores[r, c] for r, c in found) == pytest.approx(_brute_force(scores))


def _plain_blocks(scores: dict[tuple[int, int], float]) -> list[tuple[list[int], list[int]]]:
    """Split allowed pairs into connected blocks with a plain union-find (first row first)."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for r, c in scores:
        a, b = find((0, r)), find((1, c))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[int, int], tuple[set[int], set[int]]] = {}
    for r, c in scores:
        rows, cols = groups.setdefault(find((0, r)), (set(), set()))
        rows.add(r)
        cols.add(c)
    return [(sorted(rows), sorted(cols)) for _, (rows, cols) in sorted(groups.items())]


def _plain_assignment(scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Solve every block with the Hungarian method, small blocks included."""
    pairs = []
    for rows, cols in _plain_blocks(scores):
        block = [[scores.get((r, c), math.nan) for c in cols] for r in rows]
        pairs += [(rows[r], cols[c]) for r, c in metrics_module._hungarian(block)]
    return sorted(pairs)


@given(
    st.dictionaries(
        st.tuples(st.integers(0, 7), st.integers(0, 7)),
        st.one_of(st.sampled_from([1.0, 50.0, 0.01, -1.0, 0.0, math.nan]), st.floats(-5, 100)),
        max_size=20,
    ).map(lambda d: dict(sorted(d.items(), key=lambda kv: hash(kv[0]) % 7)))
)
def test_blocks_and_assignment_match_the_plain_solver(scores: dict[tuple[int, int], float]) -> None:
    assert metrics_module._blocks(scores) == _plain_blocks(scores)
    assert assign_pairs(scores) == _plain_assignment(scores)


def test_changes_are_built_like_their_dataclass() -> None:
    old, new = metric("12", "所", label="学校"), metric("15", "所", label="学校")
    built = metric_change(old, new, score=87.456)
    assert type(built) is MetricChange
    assert built == MetricChange(
        status=MetricStatus.CHANGED,
        label="学校",
        kind=MetricKind.COUNT,
        old=old,
        new=new,
        absolute=Decimal(3),
        relative=Decimal("0.25"),
        direction=Direction.UP,
        score=87.46,
    )
    report_old, report_new = report(2021, (old,)), report(2022, (metric("9", "人", label="教师"),))
    changes = match_metrics(report_old, report_new, (), settings=Settings())
    assert changes == (
        MetricChange(
            status=MetricStatus.REMOVED, label="学校", kind=MetricKind.COUNT, old=old, new=None
        ),
        MetricChange(
            status=MetricStatus.ADDED,
            label="教师",
            kind=MetricKind.COUNT,
            old=None,
            new=report_new.metrics[0],
        ),
    )


# --------------------------------------------------------------------------- table


def test_a_table_cell_written_bare_one_year_takes_the_other_years_currency() -> None:
    """Apple's debt table writes "Hedge accounting fair value adjustments | (93)" in 2017 under
    no "$" row and "(1,456)" in 2018 under one: the change read "−93 million → −$1,456 million
    (−1,363 million)"; both are dollars. A prose figure and a bare count are left as they are."""
    bare = replace(metric("-93", "", "Hedge", kind=MetricKind.COUNT), caption_scale="million")
    sum_ = replace(metric("-1456", "$", "Hedge", kind=MetricKind.MONEY), caption_scale="million")
    change = metric_change(bare, sum_)
    assert (change.old.unit, change.kind, change.absolute) == ("$", MetricKind.MONEY, -1363)
    assert metric_change(sum_, bare).new.unit == "$"
    prose = metric("-93", "", "Hedge", kind=MetricKind.COUNT)  # no table's caption: not a cell
    assert metric_change(prose, sum_).old.unit == ""


def test_a_table_in_millions_one_year_and_thousands_the_next_is_counted_in_each(
    tmp_path: Path,
) -> None:
    """ "(In millions)" one year and "(In thousands)" the next: $1,100 million -> $1,250,000
    thousand was "+$1,248,900 million, +113,536.4%", and every past year's cell "restated";
    it is +$150 million, +13.6%, and the past years are told again the same."""
    table = (
        "Widget Inc. Annual Report {0}\n\nItem 8. Financial Statements\n\n"
        "CONSOLIDATED STATEMENTS OF OPERATIONS (In {1})\n\n | {0} | {2} | {3}\n"
        "Net sales | ${4} | ${5} | ${6}\nOperating income | {7} | {8} | {9}\n"
    )
    paths = write_years(
        tmp_path,
        {
            2021: table.format(2021, "millions", 2020, 2019, "1,100", "1,000", 900, 200, 180, 150),
            2022: table.format(
                2022,
                "thousands",
                2021,
                2020,
                *(f"{n * 1000:,}" for n in (1250, 1100, 1000)),
                *(f"{n * 1000:,}" for n in (210, 200, 180)),
            ),
        },
    )
    changes = compare_reports(read_report(paths[0]), read_report(paths[1])).metrics
    moved = {
        (c.label, c.new.column): (c.absolute, c.relative and round(c.relative * 100, 1), c.restated)
        for c in changes
        if c.status is MetricStatus.CHANGED and c.new is not None
    }
    assert moved == {
        ("Net sales", "2022"): (150, Decimal("13.6"), False),
        ("Operating income", "2022"): (10, Decimal("5.0"), False),
    }
    same = [c for c in changes if c.status is MetricStatus.UNCHANGED]
    assert len(same) == 2 and not any(c.restated for c in same)


def test_metrics_table_and_csv() -> None:
    changes = (
        metric_change(
            metric("1.2", "亿元", "投入", kind=MetricKind.MONEY, scale="亿", section="3"),
            metric("9000", "万元", "投入", kind=MetricKind.MONEY, scale="万", section="4"),
        ),
        metric_change(
            metric("89.5", "%", "试点覆盖率", kind=MetricKind.PERCENT),
            metric("98.6", "%", "覆盖率", kind=MetricKind.PERCENT),
        ),
        MetricChange(
            status=MetricStatus.ADDED,
            label="示范校",
            kind=MetricKind.COUNT,
            old=None,
            new=metric("30", "所", "示范校", section="2"),
        ),
    )
    table = metrics_table(changes)
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert metrics_csv(changes) == (
        "status,label,column,kind,section_old,section_new,old,new,unit,absolute,relative,points,"
        "rank,direction,restated,rolled_off,label_old,over_years,old_upper,new_upper,"
        "old_qualifier,new_qualifier\n"
        "changed,投入,,money,3,4,1.2,0.9,亿元,-0.3,-0.250000,,,down,False,False,,False,,,,\n"
        "changed,覆盖率,,percent,1,1,89.5,98.6,%,9.1,0.101676,9.1,,up,False,False,试点覆盖率,False,"
        ",,,\n"
        "added,示范校,,count,,2,,30,所,,,,,,False,False,,False,,,,\n"
    )
    assert metrics_csv(()) == ",".join(TABLE_COLUMNS) + "\n"


def test_csv_says_a_ranges_upper_end_and_a_qualifier() -> None:
    """7%左右 -> 6.5%－7% was "7,6.5" in the CSV, 超过6400万人 "6400" and 28万吨以上 "28": a
    spreadsheet could not tell them from exact figures. The upper end is in the row's unit."""
    target = replace(metric("7", "%", "增长", kind=MetricKind.TARGET), qualifier="左右")
    ranged = replace(metric("6.5", "%", "增长", kind=MetricKind.TARGET), upper=Decimal(7))
    total = metric("1.2", "亿元", "投入", kind=MetricKind.MONEY, scale="亿")
    more = replace(
        metric("9000", "万元", "投入", kind=MetricKind.MONEY, scale="万"), upper=Decimal(12000)
    )
    rows = table_rows((metric_change(target, ranged), metric_change(total, more)))
    columns = ("old", "new", "old_upper", "new_upper", "old_qualifier", "new_qualifier")
    assert [tuple(row[c] for c in columns) for row in rows] == [
        (Decimal(7), Decimal("6.5"), None, Decimal(7), "左右", ""),
        (Decimal("1.2"), Decimal("0.9"), None, Decimal("1.2"), "", ""),
    ]


def test_csv_is_written_as_pandas_writes_the_table() -> None:
    """The CSV is written by the csv module, not through a DataFrame (importing pandas took
    0.3 s of a 0.4 s run): the text must be the one pandas wrote, quotes, commas, line breaks,
    empty fields and Decimals alike."""
    import pandas

    columns = ["label", "column", "old", "new", "restated", "rank"]
    rows: list[dict[str, object]] = [
        {"label": 'a "quoted", label', "column": "", "old": Decimal("1.50"), "new": None,
         "restated": False, "rank": 3},
        {"label": "two\nlines", "column": "2018 | 2019", "old": None, "new": Decimal("-0.000001"),
         "restated": True, "rank": None},
        {"label": "", "column": "；，", "old": Decimal("1E+3"), "new": Decimal("12345678901234567890"),
         "restated": False, "rank": -1},
    ]  # fmt: skip
    frame = pandas.DataFrame(rows, columns=columns, dtype=object)
    assert csv_text(columns, rows) == frame.to_csv(index=False, lineterminator="\n")
    changes = (
        metric_change(metric("1.2", "亿元", "投入, 其中", kind=MetricKind.MONEY, scale="亿"),
                      metric("9000", "万元", "投入", kind=MetricKind.MONEY, scale="万")),
    )  # fmt: skip
    table = metrics_table(changes)
    table["relative"] = [Decimal("-0.250000")]
    assert metrics_csv(changes) == table.to_csv(index=False, lineterminator="\n")


def test_a_comparison_written_as_csv_imports_no_pandas(tmp_path: Path) -> None:
    out = tmp_path / "metrics.csv"
    args = ["2021", "2022", "-q", "--csv", str(out), "--html", str(tmp_path / "page.html")]
    done, imported = run_and_ask(args, "'pandas' in sys.modules")
    assert done.returncode == 0, done.stderr
    assert imported is False
    assert out.read_text(encoding="utf-8").startswith(",".join(TABLE_COLUMNS) + "\n")


def test_csv_says_the_scale_an_english_value_is_in() -> None:
    """ "$5.0 billion" is 5.0 in a column of "$ billion", not of "$"; a 10-K table's cell under
    "(in millions)" is in "$ million"; a count of people in millions is in "million people"."""
    billions = metric_change(
        metric("5.0", "$", "debt issuances", kind=MetricKind.MONEY, scale="billion"),
        metric("28.7", "$", "debt issuances", kind=MetricKind.MONEY, scale="billion"),
    )
    cell = replace(
        metric("229234", "$", "Net sales", kind=MetricKind.MONEY), caption_scale="million"
    )
    millions = metric_change(cell, replace(cell, value=Decimal(265595)))
    people = metric_change(
        metric("1.2", "people", "workers", scale="million"),
        metric("1.4", "people", "workers", scale="million"),
    )
    units = [row["unit"] for row in table_rows((billions, millions, people))]
    assert units == ["$ billion", "$ million", "million people"]
    assert "debt issuances,,money,1,1,5.0,28.7,$ billion" in metrics_csv((billions,))


# --------------------------------------------------------------------------- end to end

SAMPLE_TRUTH = FIXTURES / "sample-2022" / "truth.json"


@functools.cache
def read(path: Path) -> Report:
    """Read a report once per test session."""
    return read_report(path)


def _key(m: Metric) -> tuple[str, int, int, str]:
    return (m.section, m.sentence, m.start, m.text)


def _is(m: Metric | None, section: str | None, value: str | None, text: str | None) -> bool:
    """Tell whether a metric is the truth file's figure (None on both sides: no figure)."""
    if m is None or text is None:
        return m is None and text is None
    return (
        m.section == section
        and m.value == Decimal(str(value))
        and (text in m.text or m.text in text)
    )


def _deltas(change: MetricChange) -> dict[str, Decimal | None]:
    """Return the change's deltas in the truth file's terms (relative in %, 2 places, half up)."""
    if change.rank is not None:
        return {"rank": Decimal(change.rank)}
    relative = change.relative
    return {
        "absolute": change.absolute,
        "relative_pct": None
        if relative is None
        else (relative * 100).quantize(Decimal("0.01"), ROUND_HALF_UP),
        "points": change.points,
    }


def _truth_deltas(item: dict[str, Any]) -> dict[str, Decimal | None]:
    if item["rank"] is not None:
        return {"rank": Decimal(str(item["rank"]))}
    return {
        key: None if item[key] is None else Decimal(str(item[key]))
        for key in ("absolute", "relative_pct", "points")
    }


def evaluate_truth(
    comparison: Comparison, truth: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[MetricChange]]:
    """Pair truth items with changes: return (missing, wrong deltas, changes not in the truth)."""
    left = list(comparison.metrics)
    missing, wrong = [], []
    for item in truth:
        found = next(
            (
                c
                for c in left
                if _is(c.old, item["old_section"], item["old_value"], item["old_text"])
                and _is(c.new, item["new_section"], item["new_value"], item["new_text"])
            ),
            None,
        )
        if found is None:
            missing.append(item)
            continue
        left.remove(found)
        if (
            found.old is not None
            and found.new is not None
            and _deltas(found) != _truth_deltas(item)
        ):
            wrong.append(item)
    return missing, wrong, left


def test_sample_2022_intended_changes_are_found() -> None:
    """Every intended figure change of the 2022 sample is found with the right deltas, and every
    other change reported is an unchanged figure (no false changes)."""
    truth = json.loads(SAMPLE_TRUTH.read_text(encoding="utf-8"))["metrics"]
    old, new = read(SEED_2021), read(SEED_2022)
    missing, wrong, extra = evaluate_truth(compare_reports(old, new), truth)
    assert missing == []  # every intended change, addition, drop and unchanged figure
    assert wrong == []
    assert [c for c in extra if c.status != MetricStatus.UNCHANGED] == []


@pytest.mark.parametrize("path", [SEED_2021, SEED_2022], ids=["seed-2021", "sample-2022"])
def test_self_comparison_reports_no_change(path: Path) -> None:
    report = read(path)
    comparison = compare_reports(report, report)
    assert report.metrics
    assert {c.status for c in comparison.metrics} == {MetricStatus.UNCHANGED}
    identities = {identity(m) for m in report.metrics}
    assert len(comparison.metrics) == len(identities)


def _self_pairs(report: Report) -> tuple[SectionPair, ...]:
    """Pair every section (and the preamble) with itself, sentence by sentence."""
    sections = ((report.preamble,) if report.preamble else ()) + tuple(report.walk())
    return tuple(
        SectionPair(
            status=SectionStatus.UNCHANGED,
            old=s,
            new=s,
            sentences=tuple(
                SentencePair(status=SentenceStatus.EQUAL, old=t, new=t, old_index=i, new_index=i)
                for i, t in enumerate(s.sentences)
            ),
        )
        for s in sections
    )


@pytest.mark.corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_self_comparison_of_corpus_reports_no_change(path: Path, corpus: Path) -> None:
    report = read(path)
    changes = match_metrics(report, report, _self_pairs(report), settings=SETTINGS)
    assert {c.status for c in changes} <= {MetricStatus.UNCHANGED}
    assert len(changes) == len({identity(m) for m in report.metrics})


def _assert_swapped(forward: tuple[MetricChange, ...], backward: tuple[MetricChange, ...]) -> None:
    ahead = {(c.old and _key(c.old), c.new and _key(c.new)): c for c in forward}
    behind = {(c.new and _key(c.new), c.old and _key(c.old)): c for c in backward}
    assert ahead.keys() == behind.keys()
    flip = {"added": "removed", "removed": "added", "changed": "changed", "unchanged": "unchanged"}
    for key, f in ahead.items():
        b = behind[key]
        assert b.status.value == flip[f.status.value]
        assert b.rank == (None if f.rank is None else -f.rank)
        assert b.points == (None if f.points is None else -f.points)
        same_unit = f.old is not None and f.new is not None and f.old.unit == f.new.unit
        if same_unit and f.old.scale == f.new.scale:  # (亿斤 against 亿吨: other units)
            assert b.absolute == (None if f.absolute is None else -f.absolute)


def test_swapping_old_and_new_swaps_the_changes() -> None:
    old, new = read(SEED_2021), read(SEED_2022)
    forward, backward = compare_reports(old, new), compare_reports(new, old)
    _assert_swapped(forward.metrics, backward.metrics)
    counts, swapped = forward.metric_counts(), backward.metric_counts()
    assert (counts["added"], counts["removed"]) == (swapped["removed"], swapped["added"])


def _mirror_all(pairs: tuple[SectionPair, ...]) -> tuple[SectionPair, ...]:
    """Return the section pairs seen from the other side (a split becomes a merge)."""
    return tuple(
        replace(
            _mirror(p),
            split_from=p.merged_into,
            merged_into=p.split_from,
            sentences=tuple(
                replace(m, moved_to=s.moved_from, moved_from=s.moved_to)
                for m, s in zip(_mirror(p).sentences, p.sentences, strict=True)
            ),
        )
        for p in pairs
    )


CORPUS_PAIRS = [
    (old, new)
    for old, new in zip(corpus_files(), corpus_files()[1:], strict=False)
    if old.parent == new.parent
]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("old_path", "new_path"),
    CORPUS_PAIRS,
    ids=[f"{o.parent.name}-{o.stem}-{n.stem}" for o, n in CORPUS_PAIRS],
)
def test_metric_matching_is_symmetric_on_corpus(
    old_path: Path, new_path: Path, corpus: Path
) -> None:
    """Same section pairs, mirrored: the matching must mirror too (align is not under test)."""
    old, new = read(old_path), read(new_path)
    pairs = align_reports(old, new, settings=SETTINGS)
    _assert_swapped(
        match_metrics(old, new, pairs, settings=SETTINGS),
        match_metrics(new, old, _mirror_all(pairs), settings=SETTINGS),
    )


# Pairs of the national reports that a reader checked, found right or wrong (see
# test_corpus_pairs): (old year, new year, old figure, new figure or None for no pair).
CORPUS_CHECKED_PAIRS = [
    # Right: the grain harvest in 吨, then 斤, then 吨 again (units of one family); 粮食产量屡创
    # 历史新高，去年达到1.09万亿斤 is named by its first clause.
    ("2008", "2009", "50150万吨", "10570亿斤"),
    ("2009", "2010", "10570亿斤", "5.31亿吨"),
    ("2010", "2011", "5.31亿吨", "1.09万亿斤"),
    ("2011", "2012", "1.09万亿斤", "1.14万亿斤"),
    ("2014", "2015", "超过1.2万亿斤", "6.07亿吨"),
    ("2014", "2015", "3.7%", "4.8%"),  # 能源消耗强度 and 能耗强度
    ("2015", "2016", "1333万公顷", "1.5亿亩"),  # 增加深松土地
    ("2010", "2011", "2871万人", "2130万名"),  # 资助学生
    # Wrong, and no longer made: last year's 1076亿元 where a change starts (由去年的1076亿元增加
    # 到1562亿元) is no figure of the next year's but one of its value; a sum for education is not
    # one whose label names only who pays (把中央财政的400亿元补贴资金用好用活).
    ("2008", "2009", "1076亿元", None),
    ("2008", "2009", "1562亿元", None),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("old_year", "new_year", "old_text", "new_text"), CORPUS_CHECKED_PAIRS)
def test_corpus_pairs(
    corpus: Path, old_year: str, new_year: str, old_text: str, new_text: str | None
) -> None:
    folder = corpus / "cn-state-council-gwr"
    comparison = _compared(folder / f"{old_year}.txt", folder / f"{new_year}.txt")
    (change,) = [c for c in comparison.metrics if c.old is not None and c.old.text == old_text]
    assert (change.new.text if change.new else None) == new_text


@functools.cache
def _compared(old: Path, new: Path) -> Comparison:
    return compare_reports(read(old), read(new))


def _without_headings(text: str) -> str:
    """Return a report with its headings lost, as a bad extraction gives it: one body."""
    title, *lines = text.splitlines()
    body = [re.sub(r"^[一二三四五六七八九十]+是", "", line) for line in lines]
    return "\n".join([title, *(line for line in body if not _TOP_HEADING.match(line))]) + "\n"


_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def test_a_year_without_headings_compares_sentences_on_a_shortlist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With its headings lost, every sentence of 2022 moves into one section, linked to every
    section of 2021: comparing all their sentence pairs costs the square of the report. Past
    the budget each sentence is compared with a shortlist only, and the figures pair the same."""
    headless = tmp_path / "shaoxing-2022.txt"
    headless.write_text(_without_headings(SEED_2022.read_text(encoding="utf-8")), encoding="utf-8")
    compared: list[tuple[str, str]] = []
    partial_ratio = metrics_module.fuzz.partial_ratio

    def counted(old: str, new: str, **kwargs: Any) -> float:
        compared.append((old, new))
        return partial_ratio(old, new, **kwargs)

    monkeypatch.setattr(metrics_module.fuzz, "partial_ratio", counted)

    def changes() -> set[tuple[str, str, str | None, str | None]]:
        compared.clear()
        return set(summary(compare_reports(read_report(SEED_2021), read_report(headless)).metrics))

    monkeypatch.setattr(metrics_module, "SIMILAR_SENTENCE_BUDGET", 10**9)
    every_pair = changes()
    all_compared = len(compared)
    monkeypatch.setattr(metrics_module, "SIMILAR_SENTENCE_BUDGET", 0)
    assert changes() == every_pair
    assert sum(1 for c in every_pair if c[0] == "changed") > 50
    stating = {s for pair in compared for s in pair}
    assert len(compared) <= 2 * metrics_module.SHORTLIST * len(stating)
    assert len(compared) < all_compared / 4  # 509 against 2,631 when written


def test_a_label_shared_by_a_whole_table_keeps_the_nearest_candidates() -> None:
    """Report-wide, every figure labelled 增长 would be a candidate for every other in the
    window: memory grew with the square of a statistical table. Each keeps the nearest ones
    (its proportional place), the same-labelled figures far away are not candidates."""
    cap = metrics_module.NEAR_IDENTICAL_CANDIDATES
    old_labels = ["增长"] * 400 + ["新建学校"]
    new_labels = ["增长"] * 800 + ["新建学校"]
    found = metrics_module._near_identical_labels(
        old_labels, new_labels, range(len(old_labels)), range(len(new_labels)), 95.0
    )
    for a in (0, 100, 399):
        columns = sorted(b for (row, b) in found if row == a)
        assert len(columns) == cap
        assert max(abs(b - 2 * a) for b in columns) <= cap  # around 2a: the new side is twice
    assert [b for (row, b) in found if row == 400] == [800]  # a rare label finds its one match


def test_label_pairs_outside_the_linked_sections_are_dropped_as_they_are_found() -> None:
    """Across split or merged sections only figures of linked sections may pair: label pairs
    of other sections are not kept (without headings nearly every section is linked, and all
    label pairs of a report a thousand times the seed's size did not fit in memory)."""
    old_labels = ["新建学校", "新建学校", "投入资金"]
    new_labels = ["新建学校", "投入资金", "新建学校"]
    everything = metrics_module._similar_labels(old_labels, new_labels, 60.0)
    assert set(everything) == {(0, 0), (0, 2), (1, 0), (1, 2), (2, 1)}
    linked = metrics_module._similar_labels(old_labels, new_labels, 60.0, lambda a, b: a != 1)
    assert linked == {k: v for k, v in everything.items() if k[0] != 1}


# --------------------------------------------------------------------------- years in prose

# A 10-K tells its year's figures and the year before's in sentences of their own, and the next
# filing tells that year again (here restated: operating cash 63.6 -> 64.2).
FILING_PROSE = {
    2017: (
        "During 2017, the Company spent $33.0 billion to repurchase shares of its common stock. "
        "During 2016, the Company spent $29.0 billion to repurchase shares of its common stock. "
        "During 2017, cash generated by operating activities was $63.6 billion. "
        "During 2016, cash generated by operating activities was $65.8 billion."
    ),
    2018: (
        "During 2018, the Company spent $73.1 billion to repurchase shares of its common stock. "
        "During 2017, the Company spent $33.0 billion to repurchase shares of its common stock. "
        "During 2018, cash generated by operating activities was $77.4 billion. "
        "During 2017, cash generated by operating activities was $64.2 billion."
    ),
}


def _prose_filings(tmp_path: Path) -> list[Report]:
    rows = {year: text.replace(". ", ".\n\n") for year, text in FILING_PROSE.items()}
    return [read_report(path) for path in write_filings(tmp_path, rows)]


def _pairs(changes: tuple[MetricChange, ...]) -> list[tuple[str, str, str, bool]]:
    return [
        (
            c.status.value,
            c.old.text if c.old else "",
            c.new.text if c.new else "",
            c.restated,
        )
        for c in changes
    ]


def test_a_year_the_next_filings_sentences_no_longer_state_rolls_off(tmp_path: Path) -> None:
    """The 2017 filing's sentences of 2016 are dropped from the 2018 filing, which states 2018
    and 2017: they roll off, as a table's oldest column does. A figure of 2017 itself that the
    2018 filing no longer states is dropped, not rolled off (2018's sentences state 2017 as
    last year's)."""
    rows = {year: text.replace(". ", ".\n\n") for year, text in FILING_PROSE.items()}
    rows[2017] += (
        "\n\nIn August 2017, the purchase period for this ASR ended and an additional 4.5 "
        "million shares were delivered."
    )
    old, new = (read_report(path) for path in write_filings(tmp_path, rows))
    dropped = {
        c.old.text: c.rolled_off
        for c in compare_reports(old, new).metrics
        if c.status.value == "removed" and c.old is not None
    }
    assert dropped == {"$29.0 billion": True, "$65.8 billion": True, "4.5 million shares": False}
    # So when the 2018 filing's sentences state 2018 alone.
    rows[2018] = "During 2018, the Company spent $73.1 billion to repurchase shares of its stock."
    (tmp_path / "alone").mkdir()
    old, new = (read_report(path) for path in write_filings(tmp_path / "alone", rows))
    dropped = {
        c.old.text: c.rolled_off
        for c in compare_reports(old, new).metrics
        if c.status.value == "removed" and c.old is not None
    }
    assert dropped["$29.0 billion"] and not dropped["4.5 million shares"]


def test_a_years_growth_against_the_year_before_pairs_with_the_next_years(
    tmp_path: Path,
) -> None:
    """A 10-K states its year's growth and the year before's ("Net sales increased 6% or $13.6
    billion during 2017 compared to 2016", "… declined 8% or $18.1 billion during 2016 compared
    to 2015"), the next one its own and again the last. 2017's growth pairs with 2018's (6% ->
    16%) and 2016's rolls off; before, 2017's paired with its copy and 2016's decline with
    2018's growth (8% -> 16%)."""
    rows = {
        2017: "Net sales increased 6% or $13.6 billion during 2017 compared to 2016.\n\n"
        "Net sales declined 8% or $18.1 billion during 2016 compared to 2015.",
        2018: "Net sales increased 16% or $36.4 billion during 2018 compared to 2017.\n\n"
        "Net sales increased 6% or $13.6 billion during 2017 compared to 2016.",
    }
    old, new = (read_report(path) for path in write_filings(tmp_path, rows))
    changes = compare_reports(old, new).metrics
    assert [(s, o, n) for s, o, n, _ in _pairs(changes) if s != "removed"] == [
        ("changed", "6%", "16%"),
        ("changed", "$13.6 billion", "$36.4 billion"),
    ]
    assert {c.old.text for c in changes if c.old and c.rolled_off} == {"8%", "$18.1 billion"}


# Balances as of each year's end, a list of shares in each (Apple's vendor receivables).
BALANCE_PROSE = {
    2017: (
        "As of September 30, 2017, the total amount of gross unrecognized tax benefits was $8.4 "
        "billion. As of September 24, 2016, the total amount of gross unrecognized tax benefits "
        "was $7.7 billion. As of September 30, 2017, the Company had three vendors that "
        "individually represented 10% or more of total vendor non-trade receivables, which "
        "accounted for 42%, 19% and 10%. As of September 24, 2016, the Company had two vendors "
        "that individually represented 10% or more of total vendor non-trade receivables, which "
        "accounted for 47% and 21%."
    ),
    2018: (
        "The Company had approximately 132,000 full-time equivalent employees. The Company "
        "operated 506 retail stores in 25 countries. "
        "As of September 29, 2018, the total amount of gross unrecognized tax benefits was $9.7 "
        "billion. As of September 30, 2017, the total amount of gross unrecognized tax benefits "
        "was $8.4 billion. As of September 29, 2018, the Company had two vendors that "
        "individually represented 10% or more of total vendor non-trade receivables, which "
        "accounted for 62% and 12%. As of September 30, 2017, the Company had three vendors "
        "that individually represented 10% or more of total vendor non-trade receivables, which "
        "accounted for 42%, 19% and 10%."
    ),
}


def test_a_balance_as_of_a_years_end_pairs_with_the_next_years(tmp_path: Path) -> None:
    """A sentence that opens "As of September 30, 2017," states that year's balances: they pair
    with the next filing's 2018 balances (the new filing's 2017 is a copy), in their order.
    Before, 2017's paired with its copy and 2016's with 2018's ($7.7 billion -> $9.7 billion),
    and then 19% -> 62% (a tie of places, broken by where the figures stand in the filings: the
    new filing's stand further on, after figures of its own)."""
    rows = {year: text.replace(". ", ".\n\n") for year, text in BALANCE_PROSE.items()}
    old, new = (read_report(path) for path in write_filings(tmp_path, rows))
    pairs = _pairs(compare_reports(old, new).metrics)
    assert ("changed", "$8.4 billion", "$9.7 billion", False) in pairs
    assert ("removed", "$7.7 billion", "", False) in pairs
    assert ("changed", "42%", "62%", False) in pairs
    assert ("changed", "19%", "12%", False) in pairs
    assert not any(o == "$7.7 billion" and n for _, o, n, _ in pairs)


def test_a_years_figure_in_prose_pairs_with_the_next_years(tmp_path: Path) -> None:
    """2017's figure pairs with 2018's; 2016's has no next (dropped, as a table's last column
    is); the new filing's 2017 is 2017's stated again: not new, and restated when told
    otherwise. Before, the filings' 2016 figures had paired with 2018's ($29.0 billion ->
    $73.1 billion) and 2017's with 2017's."""
    old, new = _prose_filings(tmp_path)
    pairs = _pairs(compare_reports(old, new).metrics)
    assert ("changed", "$33.0 billion", "$73.1 billion", False) in pairs
    assert ("changed", "$63.6 billion", "$77.4 billion", False) in pairs
    assert ("changed", "$63.6 billion", "$64.2 billion", True) in pairs  # restated
    assert ("removed", "$29.0 billion", "", False) in pairs
    assert ("removed", "$65.8 billion", "", False) in pairs
    assert not any(o == "$29.0 billion" and n for _, o, n, _ in pairs)
    assert not any(n == "$33.0 billion" for _, _, n, _ in pairs)  # stated again: no change
    # Read the other way round, the sides swap.
    backwards = _pairs(compare_reports(new, old).metrics)
    assert ("changed", "$73.1 billion", "$33.0 billion", False) in backwards
    assert ("added", "", "$29.0 billion", False) in backwards


# --------------------------------------------------------------------------- stacked years

# A 10-K stacks some tables' years one under the other, each under a line of its year: its
# quarterly results, the fair value of its securities. The next filing drops the oldest block
# and puts its own year on top (here it restates 2017's fourth quarter, 52,579 -> 52,600).
FILING_STACKED = {
    2017: "2017:\n\nNet sales | $52,579 | $45,408\n\nGross margin | 19,931 | 17,488\n\n"
    "2016:\n\nNet sales | $46,852 | $42,358\n\nGross margin | 18,366 | 16,106",
    2018: "2018:\n\nNet sales | $62,900 | $53,265\n\nGross margin | 24,084 | 20,421\n\n"
    "2017:\n\nNet sales | $52,600 | $45,408\n\nGross margin | 19,931 | 17,488",
}


def test_a_stacked_tables_year_pairs_with_the_next_years_block(tmp_path: Path) -> None:
    """2017's block pairs with 2018's, column by column; 2016's has no next (dropped, as a
    table's last column is); the new filing's 2017 block is 2017's stated again: not a change,
    but where it is told otherwise (restated). Before, 2017's block paired with itself
    (unchanged) and 2018's read as new."""
    old, new = (read_report(p) for p in write_filings(tmp_path, FILING_STACKED))
    pairs = _pairs(compare_reports(old, new).metrics)
    assert ("changed", "$52,579", "$62,900", False) in pairs
    assert ("changed", "$45,408", "$53,265", False) in pairs
    assert ("changed", "19,931", "24,084", False) in pairs
    assert ("changed", "$52,579", "$52,600", True) in pairs  # restated
    for old_figure in ("$46,852", "$42,358", "18,366", "16,106"):
        assert ("removed", old_figure, "", False) in pairs
    assert not any(status in ("added", "unchanged") for status, *_ in pairs), pairs
    # Read the other way round, the sides swap.
    backwards = _pairs(compare_reports(new, old).metrics)
    assert ("changed", "$62,900", "$52,579", False) in backwards
    assert ("added", "", "$46,852", False) in backwards


def _roll_forward(first: int, grants: tuple[str, ...], balances: tuple[str, ...]) -> str:
    """Write an RSU roll-forward as Apple's 10-Ks state it: a balance, the year's grants, the
    next balance, …, the first balance at the end of fiscal `first`."""
    days = {2014: "27", 2015: "26", 2016: "24", 2017: "30", 2018: "29"}
    rows = [f"Balance as of September {days[first]}, {first} | {balances[0]}"]
    for k, granted in enumerate(grants, start=1):
        year = first + k
        rows += [f"RSUs granted | {granted}", f"Balance as of September {days[year]}, {year} | "]
        rows[-1] += balances[k]
    return "\n\n".join(rows)


def test_a_roll_forwards_year_pairs_with_the_next_years(tmp_path: Path) -> None:
    """Apple's RSU activity and statement of shareholders' equity roll three years forward
    from a balance; the next filing drops the oldest year and adds its own. 2017's grants and
    closing balance pair with 2018's (50,112 -> 45,351; 97,571 -> 92,155); the years both
    state are the same figures stated again; 2015's movements are dropped as rolled off, as is
    the balance 2015 opened with. Before, 2017's grants read unchanged against the next
    filing's 2017, 2018's as new, and the balances of other dates as other rows."""
    filings = {
        2017: _roll_forward(
            2014, ("45,587", "49,468", "50,112"), ("103,822", "101,467", "99,089", "97,571")
        ),
        2018: _roll_forward(
            2015, ("49,468", "50,112", "45,351"), ("101,467", "99,089", "97,571", "92,155")
        ),
    }
    old, new = (read_report(p) for p in write_filings(tmp_path, filings))
    changes = compare_reports(old, new).metrics
    pairs = _pairs(changes)
    assert ("changed", "50,112", "45,351", False) in pairs
    assert ("changed", "97,571", "92,155", False) in pairs
    assert not any(status in ("added", "unchanged") for status, *_ in pairs), pairs
    # 2015's closing balance (101,467) opens the next filing's roll-forward: not dropped.
    assert _dropped(changes) == {"103,822": True, "45,587": True}


def test_a_head_of_years_split_into_lines_is_no_stack(tmp_path: Path) -> None:
    """A PDF reader may put a table's head of years on lines of their own ("2018", "2017"):
    its rows are columns of years, not a block of 2017's."""
    filings = {  # last year's filing stacked its years; this year's is read head split
        2017: "2017:\n\nNet sales | $229,234\n\nCost of sales | 141,048\n\n"
        "2016:\n\nNet sales | $215,639\n\nCost of sales | 131,376",
        2018: "2018\n\n2017\n\nNet sales | $265,595 | $229,234\n\nCost of sales | 163,756 | 141,048",
    }
    old, new = (read_report(p) for p in write_filings(tmp_path, filings))
    pairs = _pairs(compare_reports(old, new).metrics)
    # Read as 2017's block, this year's own cells were copies of last year's 2017: unpaired.
    assert ("changed", "$229,234", "$265,595", False) in pairs
    assert ("changed", "141,048", "163,756", False) in pairs


def _dropped(changes: tuple[MetricChange, ...]) -> dict[str, bool]:
    """Return each dropped figure's text and whether it rolled off."""
    return {
        c.old.text: c.rolled_off
        for c in changes
        if c.status is MetricStatus.REMOVED and c.old is not None
    }


def _dropped_cells(tmp_path: Path, rows: dict[int, str]) -> dict[tuple[str, str], bool]:
    """Compare two filings of these table rows; return each dropped figure's text and column,
    and whether it rolled off."""
    old, new = (read_report(path) for path in write_filings(tmp_path, rows))
    return {
        (c.old.text, c.old.column): c.rolled_off
        for c in compare_reports(old, new).metrics
        if c.status is MetricStatus.REMOVED and c.old is not None
    }


def test_a_head_of_two_lines_rolls_off_its_oldest_year_not_the_old_filings_own(
    tmp_path: Path,
) -> None:
    """Apple's tables of derivatives and of notes head their columns in two lines (the years,
    then "Amount | Effective Interest Rate" under each): the 2017 filing's 2016 cells roll off
    in the 2018 filing's table of 2018 and 2017. A 2017 cell does not, though its aligned row
    states a 2018 figure alone (other notes, issued in 2018: "—" for 2017): the old filing's own
    year is last year's in the next, and a row that leaves it out left something out."""
    head = "Maturities | {} | {}\n\nAmount | Effective Interest Rate | Amount | Effective Interest Rate"
    rows = {
        2017: head.format(2017, 2016)
        + "\n\nFloating-rate notes | 2019 | 1,000 | 1.61% | 2,000 | 1.09%"
        + "\n\nFixed-rate 3.750% notes | 2047 | 1,000 | 3.78% | — | —%",
        2018: head.format(2018, 2017)
        + "\n\nFloating-rate notes | 2019 | 1,000 | 2.64% | 1,000 | 1.61%"
        + "\n\nFixed-rate 3.750% notes | 2048 | 1,250 | 3.80% | — | —%",
    }
    assert _dropped_cells(tmp_path, rows) == {
        ("2,000", "2016 · Amount"): True,
        ("1.09%", "2016 · Effective Interest Rate"): True,
        ("1,000", "2017 · Amount"): False,
        ("3.78%", "2017 · Effective Interest Rate"): False,
    }


def test_a_year_the_new_tables_no_longer_show_rolled_off(tmp_path: Path) -> None:
    """The 2017 filing's 2015 column is gone from the 2018 filing's table of 2018, 2017 and
    2016: its figures are dropped as rolled off, not left out; a row the new filing no longer
    has, in a year it still shows, is dropped plainly."""
    rows = {
        2017: "2017 | 2016 | 2015\n\nNet sales | $229,234 | $215,639 | $233,715\n\n"
        "Other income | 5 | 7 | 9",
        2018: "2018 | 2017 | 2016\n\nNet sales | $265,595 | $229,234 | $215,639",
    }
    assert _dropped_cells(tmp_path, rows) == {
        ("$233,715", "2015"): True,
        ("5", "2017"): False,
        ("7", "2016"): False,
        ("9", "2015"): True,
    }
    # A balance sheet of two years beside a statement of three, in one section: its 2016
    # column rolls off too (its row shows 2018 and 2017), though the section still shows 2016.
    sheets = {
        2017: rows[2017] + "\n\nBalance sheet\n\n2017 | 2016\n\nTotal assets | 375 | 321",
        2018: rows[2018] + "\n\nBalance sheet\n\n2018 | 2017\n\nTotal assets | 365 | 375",
    }
    old, new = (read_report(path) for path in write_filings(tmp_path, sheets))
    assert _dropped(compare_reports(old, new).metrics) == {
        "$233,715": True,
        "5": False,
        "7": False,
        "9": True,
        "321": True,
    }
    # Prose states its years in a list: its oldest, gone from the new list, rolls off too.
    prose = {
        2017: "Rent expense was $1.1 billion, $939 million and $794 million in 2017, 2016 and"
        " 2015, respectively.",
        2018: "Rent expense was $1.2 billion, $1.1 billion and $939 million in 2018, 2017 and"
        " 2016, respectively.",
    }
    old, new = (read_report(path) for path in write_filings(tmp_path, prose))
    assert [
        (c.old.text, c.rolled_off)
        for c in compare_reports(old, new).metrics
        if c.status is MetricStatus.REMOVED and c.old is not None
    ] == [("$794 million", True)]
    # A new sentence that states one figure for the years it shows, not a list: the old
    # list's year older than those rolls off (Apple's 2016 share of trade receivables).
    for opening, stated in (
        ("", " as of both September 29, 2018 and September 30, 2017"),
        ("As of September 29, 2018, the", ""),
    ):
        shares = {
            2017: "The Company's cellular network carriers accounted for 59% and 63% of trade"
            " receivables as of September 30, 2017 and September 24, 2016, respectively.",
            2018: f"{opening or 'The'} Company's cellular network carriers accounted for 59% of"
            f" total trade receivables{stated}.",
        }
        old, new = (read_report(path) for path in write_filings(tmp_path, shares))
        changes = compare_reports(old, new).metrics
        assert ("unchanged", "59%", "59%", False) in _pairs(changes)
        assert _dropped(changes) == {"63%": True}
    # A change from one figure to another is no list of years: a new sentence's year says
    # nothing of what became of it.
    authorized = {
        2017: "In May 2017, the Board increased the share repurchase authorization from $175"
        " billion to $210 billion, of which $166 billion had been utilized.",
        2018: "As of September 29, 2018, $29.0 billion of the share repurchase authorization"
        " had been utilized.",
    }
    old, new = (read_report(path) for path in write_filings(tmp_path, authorized))
    assert not any(c.rolled_off for c in compare_reports(old, new).metrics)
    # Without a table of years in the new report, nothing rolls off.
    plain = write_filings(tmp_path, {2017: rows[2017], 2018: "Net sales rose 16%."})
    changes = compare_reports(*(read_report(p) for p in plain)).metrics
    assert not any(c.rolled_off for c in changes)


def test_a_change_between_years_rolls_off_with_the_older_year(tmp_path: Path) -> None:
    """A 10-K's "2017 | Change | 2016 | Change | 2015": the second change (2016 against 2015) is
    gone from next year's table with 2015, so it rolls off; the first pairs with next year's
    first change. A change column named once is no year's and is dropped plainly."""
    rows = {
        2017: "2017 | Change | 2016 | Change | 2015\n\n"
        "Net sales | $229,234 | 6% | $215,639 | (8)% | $233,715",
        2018: "2018 | Change | 2017 | Change | 2016\n\n"
        "Net sales | $265,595 | 16% | $229,234 | 6% | $215,639",
    }
    old, new = (read_report(path) for path in write_filings(tmp_path, rows))
    changes = compare_reports(old, new).metrics
    assert ("changed", "6%", "16%", False) in _pairs(changes)
    dropped = _dropped(changes)
    assert dropped == {"(8)%": True, "$233,715": True}
    once = {
        2017: "2017 | 2016 | Change | 2015\n\nNet sales | $229,234 | $215,639 | 6% | $233,715",
        2018: "2018 | 2017 | 2016\n\nNet sales | $265,595 | $229,234 | $215,639",
    }
    old, new = (read_report(path) for path in write_filings(tmp_path, once))
    changes = compare_reports(old, new).metrics
    dropped = _dropped(changes)
    assert dropped == {"6%": False, "$233,715": True}


def test_a_rows_years_are_those_of_the_row_its_cells_paired_into(tmp_path: Path) -> None:
    """A balance sheet of two years, beside a statement of three, whose rows next year come in
    another order: the row "Cash" is not aligned with its own, but its 2017 cell pairs into
    it, so its 2016 cell rolls off with the sheet's 2016 (the section still shows 2016)."""
    three = "2017 | 2016 | 2015\n\nNet sales | $229,234 | $215,639 | $233,715\n\n"
    sheets = {
        2017: three + "Balance sheet\n\n2017 | 2016\n\nCash | $20,289 | $21,120\n\n"
        "Total current assets | 128,645 | 106,869\n\nTotal assets | 375,319 | 321,686",
        2018: three.replace("2017 | 2016 | 2015", "2018 | 2017 | 2016")
        + "Balance sheet\n\n2018 | 2017\n\nTotal current assets | 131,339 | 128,645\n\n"
        "Cash | $25,913 | $20,289\n\nNon-current assets:\n\nTotal assets | 365,725 | 375,319",
    }
    old, new = (read_report(path) for path in write_filings(tmp_path, sheets))
    changes = compare_reports(old, new).metrics
    assert ("changed", "$20,289", "$25,913", False) in _pairs(changes)
    dropped = _dropped(changes)
    assert dropped["$21,120"] and dropped["106,869"] and dropped["321,686"]


def test_figures_whose_labels_are_only_half_alike_do_not_pair_outside_aligned_sentences(
    tmp_path: Path,
) -> None:
    """绿色田园示范基地 and 绿色田园先行片区 are exactly half alike (fuzz.ratio 50), in sentences the
    aligner does not pair: two things, not one figure changed from 17个 to 13个 (Shanghai
    2020/2021 had paired them so, and Apple's total program of $300 billion with next year's
    new program of $100 billion, the largest change by amount of its page)."""
    head = "某区{0}年工作总结\n一、农业农村\n{1}\n"
    old, new = (
        read_report(path)
        for path in write_years(
            tmp_path,
            {
                2021: head.format(
                    2021, "推进乡村振兴战略，农村人居环境持续改善，绿色田园示范基地达到17个。"
                ),
                2022: head.format(2022, "绿色田园先行片区达到13个，带动周边农户增收。"),
            },
        )
    )
    assert {(c.status.value, c.label) for c in compare_reports(old, new).metrics} == {
        ("removed", "绿色田园示范基地"),
        ("added", "绿色田园先行片区"),
    }


def test_a_table_whose_years_rise_moves_on_from_its_last_column(tmp_path: Path) -> None:
    """A Chinese statistical table lists its years rising (指标 | 2020年 | 2021年): its own year is
    its last column. 2021's 12所 is compared with 2022's 15所, the 2021 column stated again
    pairs with itself, and 2020 rolls off (before, 10所 -> 12所 read as the year's change)."""
    head = "某市教育局{0}年工作总结\n一、学校建设\n指标 | {1}年 | {0}年\n学校数 | {2}所 | {3}所\n"
    old, new = (
        read_report(path)
        for path in write_years(
            tmp_path, {2021: head.format(2021, 2020, 10, 12), 2022: head.format(2022, 2021, 12, 15)}
        )
    )
    changes = {
        (c.status.value, c.old.text if c.old else None, c.new.text if c.new else None, c.rolled_off)
        for c in compare_reports(old, new).metrics
    }
    assert ("changed", "12所", "15所", False) in changes
    assert ("removed", "10所", None, True) in changes
    assert not any(status == "changed" and was == "10所" for status, was, _, _ in changes)
    # The same table, newest year first (as a 10-K writes it), pairs alike.
    falling = (
        "某市教育局{0}年工作总结\n一、学校建设\n指标 | {0}年 | {1}年\n学校数 | {3}所 | {2}所\n"
    )
    old, new = (
        read_report(path)
        for path in write_years(
            tmp_path,
            {2021: falling.format(2021, 2020, 10, 12), 2022: falling.format(2022, 2021, 12, 15)},
            name="falling",
        )
    )
    assert ("changed", "12所", "15所") in {
        (c.status.value, c.old and c.old.text, c.new and c.new.text)
        for c in compare_reports(old, new).metrics
    }


def test_a_figure_stated_for_the_same_year_in_other_words_pairs(tmp_path: Path) -> None:
    """Singapore's 2021 and 2022 speeches state the same healthcare spending in other words, in
    paragraphs the aligner does not pair: "from $3.7 billion in FY2010" and "from $3.7 billion
    in 2010". The same value for the same year is one figure, unchanged (with no section
    pairs at all, as there); one of another year, or not the only such figure, stays apart."""
    texts = {
        2021: "Budget 2021\n\nWe have tripled our government spending on healthcare within a"
        " decade, from $3.7 billion in FY2010 to $11.3 billion in 2019.\n\nRebates of $300 in"
        " 2018 and $300 in 2018 were paid. We gave $40 in 2016.\n",
        2022: "Budget 2022\n\nGovernment healthcare expenditure has already tripled from $3.7"
        " billion in 2010 to $11.3 billion in 2019.\n\nA top-up of $300 in 2018 went to"
        " seniors. Vouchers of $40 in 2017 were given.\n",
    }
    old, new = (read(path) for path in write_years(tmp_path, texts, name="speech"))
    pairs = {
        (c.old.text, c.new.text)
        for c in match_metrics(old, new, (), settings=SETTINGS)
        if c.old is not None and c.new is not None
    }
    assert pairs == {("$3.7 billion", "$3.7 billion"), ("$11.3 billion", "$11.3 billion")}


def test_a_figure_of_the_one_year_its_sentences_name_pairs_if_named_alike(
    tmp_path: Path,
) -> None:
    """Singapore 2021: "In the last Financial Year, FY2020, we were expecting to draw up to $52
    billion from Past Reserves"; 2022: "At the onset of COVID-19 in FY2020, we were looking to
    draw up to $52 billion". The one year both sentences name, the value, its "up to" and
    labels alike make one figure; 2022's "$52 billion" of FY2020 (no "up to") stays apart, and
    so does a figure named otherwise."""
    texts = {
        2021: "Budget 2021\n\nIn the last Financial Year, FY2020, we were expecting to draw up"
        " to $52 billion from Past Reserves.\n\nIn 2019, hospital spending reached $500 million.\n",
        2022: "Budget 2022\n\nAt the onset of COVID-19 in FY2020, we were looking to draw up to"
        " $52 billion from Past Reserves.\n\nThe draw is less than the initial draw of $52"
        " billion agreed for FY2020.\n\nIn 2019, loans to small firms came to $500 million.\n",
    }
    old, new = (read(path) for path in write_years(tmp_path, texts, name="speech"))
    pairs = {
        (c.old.text, c.new.text)
        for c in match_metrics(old, new, (), settings=SETTINGS)
        if c.old is not None and c.new is not None
    }
    assert pairs == {("up to $52 billion", "up to $52 billion")}


def test_a_goal_for_a_year_after_both_reports_pairs_when_revised(tmp_path: Path) -> None:
    """Singapore 2021: a carbon tax level "to be increased to between $10 and $15 per tonne by
    2030"; 2022, in another section and named otherwise: "reaching $50 to $80 per tonne by
    2030". Each report's only goal in its unit for a year after both is one figure, revised.
    Not one of two goals for that year, nor a figure of a year the reports cover (a past year's
    figure told otherwise, a goal for the newer report's own year), nor one named otherwise."""
    texts = {
        2021: "Budget 2021\n\nIn 2018 we announced a carbon tax level of $5 per tonne of emissions"
        " from 2019 to 2023, to be increased to between $10 and $15 per tonne by 2030.\n\nOur"
        " city parks will gain 100 hectares by 2028 and our nature reserves 200 hectares by"
        " 2028.\n\nClinic spending on the young came to $500 million in 2021.\n\nBus fares for seniors"
        " should fall to 50 cents by 2022.\n\nSolar panels on roofs will make 2 gigawatts by"
        " 2035.\n",
        2022: "Budget 2022\n\nWe will raise the carbon tax to $25 per tonne in 2024 and $45 per"
        " tonne in 2026, to reach $50 to $80 per tonne by 2030.\n\nOur parks will gain 150"
        " hectares by 2028.\n\nClinic spending was $600 million in 2021.\n\nBus fares for older"
        " riders are to fall to 40 cents by 2022.\n\nOffshore wind farms will make 3 gigawatts"
        " by 2035.\n",
    }
    old, new = (read(path) for path in write_years(tmp_path, texts, name="speech"))
    changes = match_metrics(old, new, (), settings=SETTINGS)
    paired = [c for c in changes if c.old is not None and c.new is not None]
    assert [(c.status.value, c.old and c.old.text, c.new and c.new.text) for c in paired] == [
        ("changed", "$10 and $15 per tonne", "$50 to $80 per tonne")
    ]
    assert paired[0].absolute == 40


def test_english_labels_alike_by_their_common_words_do_not_pair(tmp_path: Path) -> None:
    """Apple's 2017 judgment "in favor of the Company in the amount of approximately $930
    million" and 2018's VirnetX damages "against the Company and awarded damages of $440
    million" are labels 53 alike by "the Company" and "in": outside aligned sentences, English
    labels pair from 60 (Settings.metric_latin_cutoff). Labels alike in what they name (capital
    return program) still pair."""
    texts = {
        2017: "Example Inc. Annual Report 2017\n\nItem 3. Legal Proceedings\n\nThe Company is"
        " subject to various legal proceedings arising in the ordinary course of business.\n\n"
        "On March 6, 2014, the District Court entered final judgment in favor of the Company in"
        " the amount of approximately $930 million.\n\nItem 5. Capital Return\n\nThe Board"
        " approved a total capital return program of $300 billion.\n",
        2018: "Example Inc. Annual Report 2018\n\nItem 3. Legal Proceedings\n\nThe Company is"
        " subject to various legal proceedings arising in the ordinary course of business.\n\n"
        "On September 30, 2016, a jury returned a verdict in VirnetX I against the Company and"
        " awarded damages of $440 million.\n\nItem 5. Capital Return\n\nIn May 2018 the"
        " directors set the capital return program at $350 billion for the coming years.\n",
    }
    old, new = (read(path) for path in write_years(tmp_path, texts, name="example"))
    assert [
        (c.status.value, c.old and c.old.text, c.new and c.new.text)
        for c in compare_reports(old, new).metrics
    ] == [
        ("removed", "approximately $930 million", None),
        ("added", None, "$440 million"),
        ("changed", "$300 billion", "$350 billion"),
    ]


def _seed_paragraphs(count: int) -> list[str]:
    """The seed's longest paragraphs (280-450 characters), longest first."""
    lines = SEED_2021.read_text(encoding="utf-8").splitlines()[:39]
    return sorted(lines, key=len, reverse=True)[:count]


def test_long_sentences_of_split_sections_are_compared_in_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sentence of thousands of characters (a section with no sentence end) cost the cube of
    its length in partial_ratio: two of 4,000 took 5.7 s. rapidfuzz now gets chunks of it, and
    a sentence split in two still links to both halves, an unrelated one to neither."""
    a, b, c, d = _seed_paragraphs(4)
    given: list[int] = []
    partial_ratio = metrics_module.fuzz.partial_ratio

    def counted(short: str, long: str, **kwargs: Any) -> float:
        given.append(min(len(short), len(long)))
        return partial_ratio(short, long, **kwargs)

    monkeypatch.setattr(metrics_module.fuzz, "partial_ratio", counted)
    whole = a + b  # one sentence, split in two the next year
    old = Section(id="1", sentences=(whole, c))
    new = Section(id="2", sentences=(a, b, d))
    links = metrics_module._similar_sentences(old, new, [0, 1], [0, 1, 2], cutoff=55.0)
    assert max(given) <= metrics_module.PARTIAL_WHOLE
    assert {(i, j) for _, i, _, j in links} == {(0, 0), (0, 1)}  # c and d link to nothing


def test_rows_of_figures_alone_link_to_nothing() -> None:
    """Apple's 10-Ks printed to PDF, read a table a block of rows, leave rows of figures alone
    ("100 | — | 100 | 100 | — | 100"): such rows of sections that split or merged are alike in
    their dashes and bars only, and had paired 100 with (13,735). A row with words still links."""
    old = Section(id="1", sentences=("100 | — | 100 | 100 | — | 100", "Net sales | 229,234 | 5"))
    new = Section(id="2", sentences=("— | — | (13,735) | — | (13,735)", "Net sales | 265,595 | 5"))
    links = metrics_module._similar_sentences(old, new, [0, 1], [0, 1], cutoff=55.0)
    assert {(i, j) for _, i, _, j in links} == {(1, 1)}


def test_partial_similarity_is_partial_ratio_up_to_its_chunking_length() -> None:
    a, b, *_ = _seed_paragraphs(2)
    short, long = a[:300], b[:200] + a[:300] + b[200:400]
    assert metrics_module.partial_similarity(short, long, 55.0) == 100.0
    assert metrics_module.partial_similarity(a[:300], b[:500], 0.0) == pytest.approx(
        metrics_module.fuzz.partial_ratio(a[:300], b[:500])
    )
    assert metrics_module.partial_similarity(a, b, 55.0) == 0.0  # unrelated, past the length
    assert metrics_module.partial_similarity(a, b + a + b, 55.0) == 100.0


def test_partial_similarity_of_a_text_of_many_chunks_scores_a_few_spread_over_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each chunk costs the longer text's length: two sentences of 450,000 digits (a report with
    no sentence end) took 17 s chunk by chunk. Past PARTIAL_CHUNKS chunks, that many spread
    evenly over the shorter are scored: a text found whole in the other still scores 100, one
    found only in part scores less, an unrelated one 0."""
    paragraphs = _seed_paragraphs(36)
    some = paragraphs[::2]
    short = "".join(some + some[::-1])  # some 7,800 characters: 62 chunks
    other = "".join(paragraphs[1::2])
    assert len(short) > metrics_module.PARTIAL_CHUNK * metrics_module.PARTIAL_CHUNKS
    calls: list[int] = []
    partial_ratio = metrics_module.fuzz.partial_ratio

    def counted(a: str, b: str, **kwargs: Any) -> float:
        calls.append(len(a))
        return partial_ratio(a, b, **kwargs)

    monkeypatch.setattr(metrics_module.fuzz, "partial_ratio", counted)
    assert metrics_module.partial_similarity(short, other + short + other, 55.0) == 100.0
    assert len(calls) == metrics_module.PARTIAL_CHUNKS
    assert max(calls) == metrics_module.PARTIAL_CHUNK
    half = "".join(some[: len(some) // 2]) + other
    assert 55.0 < metrics_module.partial_similarity(short, half * 2, 55.0) < 90.0
    assert metrics_module.partial_similarity(short, other * 3, 55.0) == 0.0


def test_figures_of_sentences_paired_only_by_their_place_pair_by_their_labels(
    tmp_path: Path,
) -> None:
    """The only sentences left between two pairs in order are shown as one rewritten sentence
    (46 alike, under the cutoff of 55), but that is no evidence for their figures: 12所 new AI
    pilot schools and 32所 smart-campus schools are other things, dropped and new."""
    head = "绍兴市教育局{}年工作总结\n一、数字化改革\n上虞区“教育码”应用集成系统被列入试点项目。"
    opening = "探索“教育大脑+智慧学校”，迭代升级“互联网+教育”，"
    old = (
        opening + "柯桥区华舍中学成功入选全国网络空间应用优秀校，柯桥区获省人工智能实验区，"
        "上虞区被评为省Pepper机器人教育教学应用优秀区域，新增人工智能实验校12所。"
    )
    new = opening + "新建智慧校园示范校32所。"
    for year, sentence in ((2021, old), (2022, new)):
        text = head.format(year) + sentence + "建立首席信息官制度。\n"
        (tmp_path / f"report-{year}.txt").write_text(text, encoding="utf-8")
    comparison = compare_reports(
        read_report(tmp_path / "report-2021.txt"), read_report(tmp_path / "report-2022.txt")
    )
    (rewritten,) = [s for p in comparison.sections for s in p.sentences if s.old == old]
    assert rewritten.status is SentenceStatus.MODIFIED and rewritten.score < 55
    statuses = {
        (c.status.value, c.old and c.old.text, c.new and c.new.text) for c in comparison.metrics
    }
    assert statuses == {("removed", "12所", None), ("added", None, "32所")}
