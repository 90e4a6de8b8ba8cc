"""Render stage: filters, golden HTML and Markdown pages, and page structure (BeautifulSoup)."""

from __future__ import annotations

import base64
import difflib
import gc
import hashlib
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import pytest
import render_cases as rc
from bs4 import BeautifulSoup, Tag
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from compare import render
from compare.export import comparison_to_json
from compare.metrics import metric_change
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
from compare.render import (
    Link,
    Note,
    PageIndex,
    Segment,
    badges_html,
    change_text,
    format_absolute,
    format_change_relative,
    format_metric,
    format_number,
    format_points,
    format_rank,
    format_relative,
    format_score,
    format_signed,
    html_text,
    iter_html,
    iter_markdown,
    largest_amounts,
    largest_changes,
    link_html,
    links_html,
    markdown_escape,
    metric_rows_html,
    metric_summary,
    metric_trend,
    moved_link,
    page_lang,
    pair_badges,
    pair_changed,
    pair_notes,
    render_html,
    render_markdown,
    render_series_html,
    section_label,
    section_map_row_html,
    sentence_rows,
    sentence_rows_html,
    sentence_segments,
    sort_value,
    trend_html,
)
from compare.units import base_magnitude
from compare.writing import write_output
from tests.conftest import run_and_ask

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "render"
D = Decimal


def soup_of(comparison: Comparison, **kw: str | None) -> BeautifulSoup:
    return BeautifulSoup(render_html(comparison, **kw), "html.parser")


def text_of(node: Tag | None) -> str:
    assert node is not None
    return node.get_text(" ", strip=True)


@pytest.fixture(scope="module")
def basic() -> Comparison:
    return rc.basic()


@pytest.fixture(scope="module")
def basic_soup(basic: Comparison) -> BeautifulSoup:
    return soup_of(basic, generated_at="2024-03-01 09:30")


# --------------------------------------------------------------------------- number filters


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("382"), "382"),
        (D("57239"), "57,239"),
        (D("2747"), "2,747"),
        (D("999.5"), "999.5"),
        (D("89.50"), "89.50"),
        (D("1E+2"), "100"),
        (D("-3.5"), "−3.5"),
        (D("0.123456789"), "0.1235"),
        (D("-0.0"), "0.0"),
        (D("0.00001"), "0.00001"),  # $0.00001 par value per share
        (D("-0.0000166666"), "−0.000017"),
        (7, "7"),
        (None, "—"),
    ],
    ids=[
        "int",
        "grouped",
        "four-digits",
        "below-grouping",
        "trailing-zero",
        "exponent",
        "negative",
        "rounded",
        "negative-zero",
        "tiny",
        "tiny-computed",
        "int-type",
        "none",
    ],
)
def test_format_number(value: Decimal | int | None, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D(4), "+4"), (D("-3.5"), "−3.5"), (D(0), "0"), (D("30000"), "+30,000"), (None, "—")],
    ids=["up", "down", "zero", "grouped", "none"],
)
def test_format_signed(value: Decimal | None, expected: str) -> None:
    assert format_signed(value) == expected


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [
        (D("0.0091"), "+0.9%"),
        (D(30) / D(382), "+7.9%"),
        (D("-0.13185"), "−13.2%"),
        (D("0.0004"), "+0.04%"),
        (D("2.5"), "+250.0%"),
        (D("-0.00004"), "−0.004%"),
        (D(0), "0%"),
        (None, "—"),
    ],
    ids=["small", "long-fraction", "down", "tiny", "large", "tiny-down", "zero", "none"],
)
def test_format_relative(fraction: Decimal | None, expected: str) -> None:
    assert format_relative(fraction) == expected


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        (D("4.3"), "+4.3 pp"),
        (D("5.60"), "+5.60 pp"),
        (D("-0.125"), "−0.13 pp"),
        (D(0), "0 pp"),
        (None, "—"),
    ],
    ids=["up", "as-written", "rounded-down", "zero", "none"],
)
def test_format_points(points: Decimal | None, expected: str) -> None:
    assert format_points(points) == expected


@pytest.mark.parametrize(
    ("rank", "expected"),
    [(1, "↑1 (better)"), (-2, "↓2 (worse)"), (0, "＝ (same)"), (None, "—")],
    ids=["better", "worse", "same", "none"],
)
def test_format_rank(rank: int | None, expected: str) -> None:
    assert format_rank(rank) == expected


@pytest.mark.parametrize(
    ("score", "expected"),
    [(87.25, "87.3"), (100.0, "100.0"), (99.97, "99.9"), (99.94, "99.9"), (0, "0.0"), (None, "—")],
    ids=["half-up", "full", "nearly-full", "below-nearly-full", "zero", "none"],
)
def test_format_score(score: float | None, expected: str) -> None:
    assert format_score(score) == expected


@given(score=st.floats(min_value=-1, max_value=101) | st.integers(0, 100))
def test_format_score_is_the_same_asked_once_or_again(score: float) -> None:
    expected = format(Decimal(str(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "f")
    if expected == "100.0" and score < 100:
        expected = "99.9"  # only what is the same reads as 100
    assert format_score(score) == format_score(score) == expected
    assert (format_score(0.0), format_score(-0.0)) == ("0.0", "-0.0")  # one cache key, two texts


def _m(value: str, unit: str, **kw: object) -> Metric:
    return Metric(value=D(value), unit=unit, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (_m("382", "所"), "382所"),
        (_m("3.686", "亿元", scale="亿"), "3.686亿元"),
        (_m("2", "万", scale="万"), "2万"),
        (_m("100", "所", qualifier="余"), "100余所"),
        (_m("3", "万个", scale="万", qualifier="余"), "3万余个"),
        (_m("3", "万个", scale="万", qualifier="余", text="3万余个"), "3万余个"),
        # As written: 9000多万吨 is not 9,000万多吨 (national 2016's 淘汰落后炼钢炼铁产能).
        (_m("9000", "万吨", scale="万", qualifier="多", text="9000多万吨"), "9,000多万吨"),
        (_m("7600", "万", scale="万", qualifier="多", text="7600多万"), "7,600多万"),
        (_m("4", "万亿元", scale="万亿", qualifier="多", text="4万多亿元"), "4万多亿元"),
        (_m("6", "万人次", scale="万", qualifier="逾"), "逾6万人次"),
        (_m("90", "%", qualifier="以上"), "90%以上"),
        (_m("100", "%", qualifier="超"), "超100%"),
        (_m("0.5", "%", upper=D("2.5")), "0.5–2.5%"),
        (_m("383.3", "$", scale="billion"), "$383.3 billion"),
        (_m("-8", "$", scale="billion"), "−$8 billion"),
        (_m("5", "$ per tonne"), "$5 per tonne"),  # not "5 $ per tonne"
        # Every sign the figures are read with leads its number (not "5 million C$").
        (_m("5", "C$", scale="million"), "C$5 million"),
        (_m("500", "￥"), "￥500"),
        (_m("1.8", "$ per year", scale="billion"), "$1.8 billion per year"),
        (_m("-1.7", "%", kind=MetricKind.CHANGE, text="1.7%"), "−1.7%"),
        # A stated change shows its sign: 比去年增加2700亿元 is no deficit of 2,700亿元.
        (_m("2700", "亿元", scale="亿", kind=MetricKind.CHANGE), "+2,700亿元"),
        (_m("36.4", "$", scale="billion", kind=MetricKind.CHANGE), "+$36.4 billion"),
        (_m("10", "%", qualifier="超", kind=MetricKind.CHANGE), "+超10%"),
        (_m("-3", "%", qualifier="近", kind=MetricKind.CHANGE), "−近3%"),
        (_m("5", "%", qualifier="about", kind=MetricKind.CHANGE), "about +5%"),
        (_m("0", "%", kind=MetricKind.CHANGE), "0%"),
        (_m("161000", "employees", qualifier="approximately"), "approximately 161,000 employees"),
        (_m("2", "全省", kind=MetricKind.RANK, text="全省第二"), "全省第2"),
        # No scope named: 营商环境国际排名从46位提升到31位 (Shanghai 2020) had shown 位第46.
        (_m("46", "位", kind=MetricKind.RANK, text="46位"), "第46位"),
        (_m("3", "", kind=MetricKind.RANK, text="third"), "No. 3"),
        # A ratio's value is left over right: 1:7 had shown as 0.1429: (Singapore 2022).
        (_m("0.1428571428571428571428571429", ":", kind=MetricKind.RATIO, text="1:7"), "1:7"),
        # A share written as a fraction had shown as 33.3333%: as written, then its percent.
        (
            _m("33.33333333333333333333333333", "%", kind=MetricKind.PERCENT, text="三分之一"),
            "三分之一 (≈33.33%)",
        ),
        (
            _m("0.05", "%", qualifier="以内", kind=MetricKind.PERCENT, text="万分之五以内"),
            "万分之五以内 (0.05%)",
        ),
        (
            _m("-33.33333333333333333333333333", "%", kind=MetricKind.CHANGE, text="1/3"),
            "1/3 (≈−33.33%)",
        ),
        (
            _m("25", "%", qualifier="about", kind=MetricKind.PERCENT, text="about a quarter"),
            "about a quarter (25%)",
        ),
        (None, "—"),
    ],
    ids=[
        "count",
        "scale-in-unit",
        "scale-only",
        "inner-qualifier",
        "qualifier-after-scale",
        "qualifier-after-scale-as-written",
        "qualifier-before-scale-as-written",
        "qualifier-before-bare-scale-as-written",
        "qualifier-inside-scale-as-written",
        "leading-qualifier-scaled",
        "trailing-qualifier",
        "leading-qualifier",
        "range",
        "dollars",
        "dollars-negative",
        "dollars-per",
        "canadian-dollars",
        "yuan-fullwidth",
        "dollars-scaled-per",
        "fall",
        "rise",
        "rise-dollars",
        "rise-leading-qualifier",
        "fall-leading-qualifier",
        "rise-english-qualifier",
        "no-change",
        "english-count",
        "rank-zh",
        "rank-zh-no-scope",
        "rank-en",
        "ratio",
        "fraction-zh",
        "fraction-zh-qualified",
        "fraction-fall",
        "fraction-en",
        "none",
    ],
)
def test_format_metric(metric: Metric | None, expected: str) -> None:
    assert format_metric(metric) == expected


def _change(old: Metric | None, new: Metric | None, **kw: object) -> MetricChange:
    status = kw.pop("status", MetricStatus.CHANGED)
    kind = kw.pop("kind", MetricKind.COUNT)
    return MetricChange(status=status, label="x", kind=kind, old=old, new=new, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "absolute", "relative"),
    [
        (
            _change(_m("382", "所"), _m("412", "所"), absolute=D(30), relative=D(30) / D(382)),
            "+30所",
            "+7.9%",
        ),
        (
            _change(
                _m("89.5", "%"),
                _m("95.1", "%"),
                absolute=D("5.6"),
                points=D("5.6"),
                relative=D("0.0626"),
                kind=MetricKind.PERCENT,
            ),
            "+5.6 pp",
            "+6.3%",
        ),
        (
            _change(
                _m("383.3", "$", scale="billion"),
                _m("391.0", "$", scale="billion"),
                absolute=D("7.7"),
                relative=D("0.0201"),
            ),
            "+$7.7 billion",
            "+2.0%",
        ),
        (
            _change(
                _m("0.57", "$ per share"),
                _m("0.73", "$ per share"),
                absolute=D("0.16"),
                relative=D("0.2807"),
            ),
            "+$0.16 per share",
            "+28.1%",
        ),
        (
            _change(
                _m("5", "$ per tonne"),
                _m("5", "$ per tonne"),
                absolute=D(0),
                relative=D(0),
                status=MetricStatus.UNCHANGED,
            ),
            "$0 per tonne",  # as its figures read, not "0 per tonne"
            "0%",
        ),
        (
            _change(
                _m("3.686", "亿元", scale="亿"),
                _m("3.2", "亿元", scale="亿"),
                absolute=D("-0.486"),
                relative=D("-0.1318"),
            ),
            "−0.486亿元",
            "−13.2%",
        ),
        (
            _change(
                _m("3", "", kind=MetricKind.RANK),
                _m("2", "", kind=MetricKind.RANK),
                rank=1,
                absolute=D(-1),
                relative=D("-0.333"),
                kind=MetricKind.RANK,
            ),
            "↑1 (better)",
            "—",
        ),
        (_change(_m("1.06", "%"), None, status=MetricStatus.REMOVED), "—", "—"),
        (
            _change(
                _m("0.1429", ":", kind=MetricKind.RATIO, text="1:7"),
                _m("0.2", ":", kind=MetricKind.RATIO, text="1:5"),
                absolute=D("0.0571"),
                relative=D("0.4"),
                kind=MetricKind.RATIO,
            ),
            "—",  # not +0.0571:
            "+40.0%",
        ),
    ],
    ids=[
        "count",
        "percent-in-points",
        "dollars",
        "dollars-per-share",
        "dollars-unchanged",
        "scaled-down",
        "rank",
        "dropped",
        "ratio",
    ],
)
def test_format_absolute_and_relative(change: MetricChange, absolute: str, relative: str) -> None:
    assert (format_absolute(change), format_change_relative(change)) == (absolute, relative)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("57239"), "57239"),
        (D("3.6860"), "3.686"),
        (D("1E+3"), "1000"),
        (D("0.00"), "0"),
        (None, ""),
    ],
    ids=["int", "trailing-zero", "exponent", "zero", "none"],
)
def test_sort_value(value: Decimal | None, expected: str) -> None:
    assert sort_value(value) == expected


# --------------------------------------------------------------------------- metric filters


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_change(None, _m("1", "所"), status=MetricStatus.ADDED), "new"),
        (_change(_m("1", "所"), None, status=MetricStatus.REMOVED), "dropped"),
        (_change(_m("1", "所"), _m("1", "所"), status=MetricStatus.UNCHANGED), "unchanged"),
        (_change(_m("1", "所"), _m("2", "所"), direction=Direction.UP), "up"),
        (_change(_m("2", "所"), _m("1", "所"), absolute=D(-1)), "down"),
        (
            _change(
                _m("3", ""), _m("2", ""), kind=MetricKind.RANK, rank=1, direction=Direction.DOWN
            ),
            "up",
        ),
        (_change(_m("1", "所"), _m("1", "所"), qualifier_changed=True), "changed"),
    ],
    ids=[
        "added",
        "removed",
        "unchanged",
        "direction",
        "absolute",
        "rank-better-is-up",
        "qualifier-only",
    ],
)
def test_metric_trend(change: MetricChange, expected: str) -> None:
    assert metric_trend(change) == expected


def test_metric_summary_counts_every_trend(basic: Comparison) -> None:
    assert metric_summary(basic.metrics) == {
        "up": 3,
        "down": 1,
        "unchanged": 1,
        "new": 1,
        "dropped": 1,
    }


def test_metric_summary_adds_changed_only_when_present() -> None:
    reworded = _change(
        _m("100", "所", qualifier="余"),
        _m("100", "所", qualifier="多"),
        absolute=D(0),
        direction=Direction.SAME,
        qualifier_changed=True,
    )
    assert metric_summary([reworded]) == {
        "up": 0,
        "down": 0,
        "unchanged": 0,
        "new": 0,
        "dropped": 0,
        "changed": 1,
    }


def test_largest_changes_sorts_by_size_and_leaves_out_ranks(basic: Comparison) -> None:
    labels = [m.label for m in largest_changes(basic.metrics)]
    assert labels == ["教育经费投入", "试点学校", "试点覆盖率"]
    assert [m.label for m in largest_changes(basic.metrics, 1)] == ["教育经费投入"]


def test_largest_changes_leave_out_figures_without_a_label(basic: Comparison) -> None:
    """A figure the reader could not name (a bare table cell) tells nothing in a summary, however
    large its change; it stays in the full table."""
    biggest = largest_changes(basic.metrics, 1)[0]
    unnamed = replace(biggest, label="", relative=biggest.relative * 10)
    assert largest_changes([unnamed, *basic.metrics], 1) == [biggest]
    assert largest_changes([replace(unnamed, label="教育经费")], 1)[0].label == "教育经费"


def test_largest_changes_list_a_change_stated_twice_once(basic: Comparison) -> None:
    """Apple's 10-K states iPhone net sales 3% -> 18% in a table and again in prose: the summary
    listed it twice among ten."""
    biggest = largest_changes(basic.metrics, 1)[0]
    again = replace(biggest, label="又一次")
    assert largest_changes([biggest, again, *basic.metrics], 2) == largest_changes(basic.metrics, 2)


def test_largest_changes_list_a_table_cell_without_its_unit_once(basic: Comparison) -> None:
    """Apple's cash flow statement writes (17,347) -> (87,876) without the "$" its prose gives
    the same change: one change, listed once. Other values with no unit still count."""
    biggest = largest_changes(basic.metrics, 1)[0]
    assert biggest.old is not None and biggest.new is not None and biggest.new.unit
    bare = replace(
        biggest,
        label="又一次",
        old=replace(biggest.old, unit="", scale=""),
        new=replace(biggest.new, unit="", scale=""),
    )
    bare = replace(
        bare,
        old=replace(bare.old, value=base_magnitude(biggest.old)),
        new=replace(bare.new, value=base_magnitude(biggest.new)),
    )
    assert largest_changes([biggest, bare, *basic.metrics], 2) == largest_changes(basic.metrics, 2)
    assert largest_changes([bare, *basic.metrics], 2)[:1] == [bare]
    shifted = replace(bare, new=replace(bare.new, value=bare.new.value * 2))
    assert shifted in largest_changes([biggest, shifted, *basic.metrics], 3)


def test_largest_changes_list_a_rounded_statement_of_a_table_once() -> None:
    """Apple's prose rounds its cash flow statement: "$17.3 billion -> $87.9 billion" is the
    table's "(17,347) -> (87,876)" in millions, written as sums used; listed once, by whichever
    ranks first. "$17.4 billion" would be another figure."""
    prose = _sum("Cash used in financing activities", "17.3", "87.9", "$", scale="billion")
    cell = _sum(
        "Cash used in financing activities", "-17347", "-87876", "$", caption_scale="million"
    )
    assert largest_changes([prose, cell]) == [prose]
    assert len(largest_amounts([cell, prose])[1]) == 1
    other = _sum("Cash used in financing activities", "17.4", "87.9", "$", scale="billion")
    assert len(largest_changes([other, cell])) == 2


def _sum(label: str, old: str, new: str, unit: str, scale: str = "", **kw: object) -> MetricChange:
    """A changed sum of money, as metrics.match_metrics makes it."""
    kind = MetricKind.MONEY
    return metric_change(
        Metric(value=D(old), unit=unit, scale=scale, kind=kind, label=label, **kw),  # type: ignore[arg-type]
        Metric(value=D(new), unit=unit, scale=scale, kind=kind, label=label, **kw),  # type: ignore[arg-type]
    )


def test_the_figure_table_sorts_values_and_changes_in_their_base_unit(basic: Comparison) -> None:
    """A 10-K's table cell in millions and a sum of prose in billions sort as the sums they are:
    $229,234 million above $5.0 billion, +$33,583 million above +$23.7 billion."""
    cell = _sum("Federal: Current", "7842", "41425", "$", caption_scale="million", section="1")
    prose = _sum("debt issuances", "5.0", "28.7", "$", scale="billion", section="1")
    page = BeautifulSoup(render_html(replace(basic, metrics=(cell, prose))), "html.parser")
    rows = {
        row.find_all("td")[1].get_text(strip=True): row.find_all("td")
        for row in page.select("tr.metric")
    }
    sort = {label: [float(td["data-sort"]) for td in cells[3:6]] for label, cells in rows.items()}
    assert sort["Federal: Current"] == [7.842e9, 41.425e9, 33.583e9]
    assert sort["debt issuances"] == [5.0e9, 28.7e9, 23.7e9]


def test_largest_amounts_rank_the_sums_of_one_currency_by_how_much_they_moved() -> None:
    """A 10-K's largest relative change is a small sum (State: Deferred 2 -> 48 million); by
    amount, Federal: Current leads. A table cell counts in its caption's scale; a prose sum in
    its own; sums in another currency are not ranked with them."""
    small = _sum("State: Deferred", "2", "48", "$", caption_scale="million")
    federal = _sum("Federal: Current", "7842", "41425", "$", caption_scale="million")
    prose = _sum("debt issuances", "5.0", "28.7", "$", scale="billion")
    per_share = _sum("Earnings per share: Diluted", "9.21", "11.91", "$")
    yuan = _sum("投入", "3", "300", "亿元", scale="亿")
    count = replace(metric_change(_m("2", "所"), _m("200", "所")), label="学校")
    currency, amounts = largest_amounts([small, per_share, yuan, prose, count, federal])
    assert currency == "$"
    assert [c.label for c in amounts] == [
        "Federal: Current",  # +$33,583 million
        "debt issuances",  # +$23.7 billion
        "State: Deferred",  # +$46 million
        "Earnings per share: Diluted",  # +$2.70
    ]
    assert largest_changes([small, federal, prose])[0].label == "State: Deferred"
    assert largest_amounts([count]) == ("", [])


def test_the_page_and_the_markdown_list_the_largest_amounts(basic: Comparison) -> None:
    sums = (
        _sum("教育经费投入", "3.686", "4.1", "亿元", scale="亿", section="1"),
        _sum("助学金", "1500", "2000", "元", section="1"),
    )
    comparison = replace(basic, metrics=(*basic.metrics, *sums))
    soup = BeautifulSoup(render_html(comparison), "html.parser")
    heading = soup.find(id="largest-amounts")
    assert heading is not None and heading.get_text() == "Largest changes by amount, in 元"
    rows = heading.find_next("table").select("tbody tr")
    labels = [r.find_all("td")[1].get_text(strip=True) for r in rows]
    assert "教育经费投入" in labels and labels[-1] == "助学金"  # +500元: the least amount
    assert "### Largest changes by amount, in 元" in render_markdown(comparison)
    # One sum alone makes no list.
    alone = replace(basic, metrics=(sums[1],))
    assert BeautifulSoup(render_html(alone), "html.parser").find(id="largest-amounts") is None


# --------------------------------------------------------------------------- section filters


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        (Section(id="0"), "Preamble"),
        (Section(id="1", number="一、", heading="党的领导坚强有力"), "一、党的领导坚强有力"),
        (Section(id="2", number="Item 1A.", heading="Risk Factors"), "Item 1A. Risk Factors"),
        (Section(id="3", number="（一）", heading="Tax"), "（一）Tax"),
        (Section(id="4", number="", heading=""), "Section 4"),
        (Section(id="5", number="二、", heading=""), "二、"),
        (None, ""),
    ],
    ids=["preamble", "chinese", "english", "paren", "bare", "number-only", "none"],
)
def test_section_label(section: Section | None, expected: str) -> None:
    assert section_label(section) == expected


def test_pair_badges_and_changed_flags(basic: Comparison) -> None:
    seen = [(p.key, pair_badges(p), pair_changed(p)) for p in basic.sections]
    assert seen == [
        ("o0-n0", ["modified"], True),
        ("o1-n1", ["unchanged"], False),
        ("o1.1-n1.1", ["modified"], True),
        ("o2-n2", ["unchanged", "renamed"], True),
        ("o2.1-n2.1", ["modified"], True),
        ("o3-", ["removed"], True),
        ("-n3", ["added"], True),
    ]


def test_sentence_rows_lists_the_sentences_of_an_unmatched_section() -> None:
    new = Section(id="4", heading="新", sentences=("甲。", "乙。"))
    pair = SectionPair(status=SectionStatus.ADDED, old=None, new=new)
    assert sentence_rows(pair) == (
        SentencePair(status=SentenceStatus.ADDED, old=None, new="甲。", new_index=0),
        SentencePair(status=SentenceStatus.ADDED, old=None, new="乙。", new_index=1),
    )


def test_segments_mark_changes_and_figures(basic: Comparison) -> None:
    pair = basic.sections[2]
    sentence = pair.sentences[2]  # 全市教育经费投入3.686亿元。 -> 3.2亿元。
    index = PageIndex(basic)
    title = "2021: 3.686亿元"
    assert sentence_segments(sentence, "old", pair, index) == [
        Segment("全市教育经费投入"),
        Segment("3.686", "del"),
        Segment("亿元。"),
    ]
    assert sentence_segments(sentence, "new", pair, index) == [
        Segment("全市教育经费投入"),
        Segment("3.2", "ins", figure=title),
        Segment("亿元", figure=title, was=title),
        Segment("。"),
    ]
    assert sentence_segments(sentence, "inline", pair, index) == [
        Segment("全市教育经费投入"),
        Segment("3.686", "del"),
        Segment("3.2", "ins", figure=title),
        Segment("亿元", figure=title, was=title),
        Segment("。"),
    ]


def test_segments_without_fitting_ops_show_whole_sentences(basic: Comparison) -> None:
    pair = basic.sections[2]
    sentence = replace(pair.sentences[2], ops=())
    index = PageIndex(replace(basic, metrics=()))
    assert sentence_segments(sentence, "inline", pair, index) == [
        Segment("全市教育经费投入3.686亿元。", "del"),
        Segment("全市教育经费投入3.2亿元。", "ins"),
    ]
    with pytest.raises(ValueError, match="side must be old, new or inline, not 'left'"):
        sentence_segments(sentence, "left", pair, index)


def test_moved_links_point_both_ways(basic: Comparison) -> None:
    index = PageIndex(basic)
    source, target = basic.sections[2], basic.sections[4]
    assert moved_link(source.sentences[1], source, index) == Link(
        "#row-o2.1-n2.1-x-2", "一是加强领导强化保障。"
    )
    assert moved_link(target.sentences[2], target, index) == Link(
        "#row-o1.1-n1.1-1-x", "一是“五星三名”夯实基础。"
    )
    assert moved_link(source.sentences[0], source, index) is None


def test_a_moved_sentence_links_to_its_best_counterpart_in_a_big_section(basic: Comparison) -> None:
    """A sentence moved into a section links to the first row there that came from its own
    section and reads the same; else to the first that came from its section; else to the
    first that reads the same; else to the section."""
    source = basic.sections[2]
    assert source.old is not None
    moved = replace(source.sentences[1], moved_to="t", old="甲。")
    old_id = source.old.id

    def target(*rows: tuple[str | None, str]) -> SectionPair:
        sentences = tuple(
            SentencePair(
                status=SentenceStatus.ADDED, old=None, new=text, new_index=k, moved_from=back
            )
            for k, (back, text) in enumerate(rows)
        )
        return SectionPair(
            status=SectionStatus.MODIFIED,
            old=Section(id="t", heading="乙"),
            new=Section(id="t", heading="乙"),
            sentences=sentences,
        )

    def linked(*rows: tuple[str | None, str]) -> str | None:
        pair = target(*(("z", "丙。"), *rows))  # the first row is no counterpart
        comparison = replace(basic, sections=(*basic.sections, pair))
        link = moved_link(moved, source, PageIndex(comparison))
        assert link is not None
        return link.href.rsplit("-", 1)[-1] if "#row-" in link.href else None

    assert linked((None, "甲。"), (old_id, "丁。"), (old_id, "甲。"), (old_id, "甲。")) == "3"
    assert linked((None, "甲。"), (old_id, "丁。"), (old_id, "戊。")) == "2"
    assert linked(("z", "丁。"), (None, "甲。"), ("y", "甲。")) == "2"
    assert linked(("z", "丁。")) is None


def test_pair_notes_link_split_and_merge() -> None:
    comparison = rc.english()
    index = PageIndex(comparison)
    notes = {p.key: pair_notes(p, index) for p in comparison.sections}
    assert notes == {
        "o1-n1": [],
        "o2-n2": [Note("split_into", (Link("#sec--n3", "Item 1C. Cybersecurity"),))],
        "-n3": [Note("split_from", (Link("#sec-o2-n2", "Item 1A. Risk Factors"),))],
        "o3-n4": [
            Note(
                "merged_from",
                (
                    Link(
                        "#sec-o4-",
                        "Item 7A. Quantitative and Qualitative Disclosures About Market Risk",
                    ),
                ),
            )
        ],
        "o4-": [
            Note("merged_into", (Link("#sec-o3-n4", "Item 7. Management's Discussion & Analysis"),))
        ],
    }


def test_markdown_escape() -> None:
    assert markdown_escape("a|b <i>*x*_y_ [z](u) #1 ~s~ & \\ `c`\nnext") == (
        r"a\|b \<i\>\*x\*\_y\_ \[z\](u) \#1 \~s\~ \& \\ \`c\` next"
    )


def test_page_lang(basic: Comparison) -> None:
    assert (page_lang(basic), page_lang(rc.english())) == ("zh-CN", "en")


# --------------------------------------------------------------------------- fragments


def reference_marks(
    pieces: list[tuple[str, str, int | None]], spans: list[render._Span]
) -> list[tuple[str, str, str, str]]:
    """Cut pieces at every span boundary, then look up each cut's span: slow but plain."""
    runs = []
    for text, tag, start in pieces:
        if start is None or not spans:
            runs.append((text, tag, "", ""))
            continue
        cuts = {0, len(text)}
        for span in spans:
            cuts |= {b - start for b in (span.start, span.end) if start < b < start + len(text)}
        ordered = sorted(cuts)
        for a, b in zip(ordered, ordered[1:], strict=False):
            at = next((s for s in spans if s.start <= start + a and start + b <= s.end), None)
            if at is None:
                runs.append((text[a:b], tag, "", ""))
            else:
                runs.append((text[a:b], tag, at.title, at.title if start + b == at.end else ""))
    return runs


@given(data=st.data())
def test_figure_marks_cut_pieces_as_a_plain_cutter_does(data: st.DataObject) -> None:
    text = data.draw(st.text(alphabet="ab中1", max_size=24))
    bounds = sorted(data.draw(st.sets(st.integers(0, len(text)))) | {0, len(text)})
    pieces: list[tuple[str, str, int | None]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        tag = data.draw(st.sampled_from(["", "ins", "del"]))
        pieces.append((text[a:b], tag, None if tag == "del" else a))
    if data.draw(st.booleans()):
        pieces.insert(data.draw(st.integers(0, len(pieces))), ("", "ins", 0))
    ends = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=6)))
    spans = [render._Span(a, b, f"was {a}") for a, b in zip(ends[::2], ends[1::2], strict=False)]
    assert render._mark_figures(pieces, spans) == reference_marks(pieces, spans)


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)), max_size=12))
def test_figures_overlapping_one_marked_before_are_left_unmarked(
    spans: list[tuple[int, int]],
) -> None:
    """Each figure is marked unless it overlaps a figure marked before it (checked against a
    scan of every span kept); the marks come out by start."""
    candidates = [(start, start + length, k) for k, (start, length) in enumerate(spans)]
    kept: list[tuple[int, int, int]] = []
    for start, end, k in candidates:
        if all(end <= a or b <= start for a, b, _ in kept):
            kept.append((start, end, k))
    assert render.first_apart(candidates) == sorted(kept)


def reference_format_number(value: Decimal) -> str:
    """format_number as first written: exponent from as_tuple(), then fixed point, grouped."""
    number = abs(value)
    if number.as_tuple().exponent < -4:  # type: ignore[operator]
        tiny = number != 0 and number.adjusted() < -4  # two significant digits
        places = Decimal(1).scaleb(number.adjusted() - 1) if tiny else Decimal("0.0001")
        number = number.quantize(places, rounding=ROUND_HALF_UP)
        number = number.normalize() if number != 0 else Decimal(0)
    text = format(number, ",f") if abs(number) >= 1000 else format(number, "f")
    return "−" + text if value < 0 and text.strip("0.,") else text


@given(
    value=st.decimals(allow_nan=False, allow_infinity=False, places=None)
    | st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, places=8)
)
def test_format_number_agrees_with_a_plain_reference(value: Decimal) -> None:
    try:
        expected = reference_format_number(value)
    except InvalidOperation:  # more digits than the context holds: both refuse
        with pytest.raises(InvalidOperation):
            format_number(value)
        return
    assert format_number(value) == expected


@given(value=st.decimals(places=None) | st.decimals(places=8) | st.decimals(places=0))
def test_fixed_writes_what_format_f_writes(value: Decimal) -> None:
    assert render._fixed(value) == format(value, "f")
    if not value.is_snan():  # normalize() refuses a signalling NaN
        assert render._fixed(value.normalize()) == format(value.normalize(), "f")


def test_html_text_escapes_as_autoescape_does() -> None:
    assert html_text("a<b>&\"'c") == str(escape("a<b>&\"'c")) == "a&lt;b&gt;&amp;&#34;&#39;c"
    assert html_text("全市教育经费") == "全市教育经费"


@given(text=st.text(alphabet=st.sampled_from(list("<>&\"'/ a中")), max_size=20))
def test_html_text_matches_markupsafe(text: str) -> None:
    assert html_text(text) == str(escape(text))


def test_sentence_rows_escape_text_figures_and_moved_links() -> None:
    comparison = rc.hostile_rows()
    index = PageIndex(comparison)
    first, second = comparison.sections
    html = sentence_rows_html(first.sentences, first, index)
    rows = BeautifulSoup(
        html + "\n" + sentence_rows_html(second.sentences[:1], second, index), "html.parser"
    )
    assert len(rows.find_all("tr")) == len(first.sentences) + 1
    assert rows.find_all("script") == [] and rows.find_all("b") == [] and rows.find_all("i") == []
    changed = rows.find(id="row-o1-n1-0-0")
    assert [td.get_text() for td in changed.find_all("td")] == [
        "~",
        "共有5所<b>学校。",
        "共有7所 (2021: 5所<i>)<b>学校。",
        "共有57所 (2021: 5所<i>)<b>学校。",
    ]
    assert [m["title"] for m in changed.select("td.new mark")] == ["2021: 5所<i>"] * 2
    # Inserted text sits inside the figure's mark; the old value follows it, escaped.
    assert (
        '<td class="new">共有<mark class="fig" title="2021: 5所&lt;i&gt;"><ins>7</ins></mark>'
        in html
    )
    assert '所</mark><span class="was"> (2021: 5所&lt;i&gt;)</span>&lt;b&gt;学校。</td>' in html
    gone, came = rows.find(id="row-o1-n1-1-x"), rows.find(id="row--n2-x-0")
    assert gone.select_one("td.old a").get_text() == f"↷ moved to 二、去处{rc.HOSTILE}"
    assert gone.select_one("td.old a")["href"] == "#row--n2-x-0"
    assert came.select_one("td.new a").get_text() == f"↶ moved from 一、标题{rc.HOSTILE}"
    assert gone.select_one("td.new")["class"] == ["new", "empty"]


def test_metric_rows_escape_labels_units_and_links() -> None:
    comparison = rc.hostile_rows()
    index = PageIndex(comparison)
    row = BeautifulSoup("".join(metric_rows_html(comparison.metrics[:1], index)), "html.parser")
    assert row.find_all("script") == [] and row.find_all("i") == []
    assert [td.get_text() for td in row.find_all("td")] == [
        "▲ up",
        f"学校{rc.HOSTILE}",
        f"一、标题{rc.HOSTILE}",
        "5所<i>",
        "7所<i>",
        "+2所<i>",
        "+40.0%",
        "—",
    ]
    assert [td.get("data-sort") for td in row.find_all("td")] == [
        "up",
        None,
        None,
        "5",
        "7",
        "2",
        "0.4",
        "",
    ]


def test_metric_rows_come_in_batches_of_whole_rows(basic: Comparison) -> None:
    index = PageIndex(basic)
    whole = list(metric_rows_html(basic.metrics, index, batch=len(basic.metrics)))
    batches = list(metric_rows_html(basic.metrics, index, batch=3))
    assert len(basic.metrics) > 3 and len(batches) == -(-len(basic.metrics) // 3)
    assert "\n".join(batches) == whole[0]
    sizes = [len(BeautifulSoup(b, "html.parser").find_all("tr")) for b in batches]
    assert sizes == [3] * (len(batches) - 1) + [len(basic.metrics) - 3 * (len(batches) - 1)]
    assert list(metric_rows_html((), index)) == []


def test_section_map_rows_and_small_pieces_escape_headings() -> None:
    comparison = rc.hostile_rows()
    index = PageIndex(comparison)
    first, second = (
        BeautifulSoup(section_map_row_html(p, index), "html.parser") for p in comparison.sections
    )
    assert first.find_all("script") == [] and second.find_all("script") == []
    assert [td.get_text() for td in first.find_all("td")] == [
        f"一、标题{rc.HOSTILE}",
        "modified",
        "90.0",
        "70.0",  # the text similarity: a match's score is no measure of how much was rewritten
        f"一、标题{rc.HOSTILE}",
    ]
    assert first.select_one("td.num span")["title"] == "match score, by same heading"
    assert second.select_one("td.old span")["title"] == "not in 2021"
    assert second.select_one("td.new a")["href"] == "#sec--n2"
    link = Link(f'#x"{rc.HOSTILE}', f"<b>{rc.HOSTILE}")
    assert link_html(link) == (
        '<a href="#x&#34;&lt;script&gt;alert(1)&lt;/script&gt;">'
        "&lt;b&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>"
    )
    assert links_html([link, Link("#y", "y")]) == str(link_html(link)) + ', <a href="#y">y</a>'
    assert badges_html(comparison.sections[0]) == (
        '<span class="badge b-modified" lang="en">modified</span>'
    )
    assert trend_html(comparison.metrics[0]) == (
        '<span class="trend t-up" title="up" lang="en">▲<span class="trend-word"> up</span></span>'
    )


def test_section_head_escapes_headings_and_leaves_both_tags_open() -> None:
    pair = rc.hostile_rows().sections[0]
    head = str(render.section_head_html(pair))
    assert "<script>" not in head and head.endswith("</summary>")
    assert "</details>" not in head and "</section>" not in head
    soup = BeautifulSoup(head, "html.parser")
    assert soup.select_one(".pair-heading").get_text() == f"一、标题{rc.HOSTILE}"
    assert soup.section["id"] == "sec-o1-n1" and soup.section["data-changed"] == "true"
    assert soup.details.has_attr("open")


# --------------------------------------------------------------------------- golden pages


@pytest.mark.parametrize("kind", ["html", "md"])
@pytest.mark.parametrize("case", sorted(rc.CASES))
def test_golden(case: str, kind: str, update_golden: bool) -> None:
    comparison = rc.CASES[case]()
    generated_at = rc.GENERATED_AT[case]
    render = render_html if kind == "html" else render_markdown
    actual = render(comparison, generated_at=generated_at)
    path = GOLDEN / case / f"report.{kind}"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run pytest --update-golden"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=str(path),
                tofile="rendered",
            )
        )
        pytest.fail(f"rendered {kind} differs from {path} (pytest --update-golden):\n{diff}")


def test_output_is_deterministic_and_has_no_time_unless_given(basic: Comparison) -> None:
    first, second = render_html(basic), render_html(basic)
    assert first == second
    assert "Generated" not in first
    assert "Generated 2024-03-01 09:30" in render_html(basic, generated_at="2024-03-01 09:30")
    assert "Generated" not in render_markdown(basic)


# --------------------------------------------------------------------------- page structure


def test_header_names_organisation_years_titles_and_sources(basic_soup: BeautifulSoup) -> None:
    header = basic_soup.find("header")
    assert text_of(header.find(class_="org")) == "绍兴市教育局"
    assert text_of(header.find("h1")) == "2021 → 2022"
    assert [text_of(tr) for tr in header.select(".sources tbody tr")] == [
        "Title 绍兴市教育局2021年工作总结 绍兴市教育局2022年工作总结",
        "Source seeds/shaoxing-education-bureau-2021.txt txt, utf-8 "
        "seeds/shaoxing-education-bureau-2022-sample.txt txt, utf-8",
    ]
    assert text_of(header.find(class_="generated")) == "Generated 2024-03-01 09:30"
    # The page's words are English; the reports' text is marked Chinese.
    assert basic_soup.html["lang"] == "en"
    assert header.find(class_="org")["lang"] == "zh-CN"


def test_summary_counts(basic_soup: BeautifulSoup) -> None:
    counts = {div["id"]: text_of(div.find("dd")) for div in basic_soup.select("#summary .count")}
    assert counts == {
        "count-sections-unchanged": "2",
        "count-sections-modified": "3",
        "count-sections-renamed": "1",
        "count-sections-moved": "0",
        "count-sections-added": "1",
        "count-sections-removed": "1",
        "count-sections-split": "0",
        "count-sections-merged": "0",
        "count-metrics-up": "3",
        "count-metrics-down": "1",
        "count-metrics-unchanged": "1",
        "count-metrics-new": "1",
        "count-metrics-dropped": "1",
    }
    assert (
        text_of(basic_soup.find(id="similarity"))
        == "84.4 / 100 overall text similarity: how alike the counts of the words the two use are"
    )
    assert text_of(basic_soup.find(id="carried-over")) == (
        "41.3% of the text carried over: sentences kept, edited or moved"
    )
    top = [
        [text_of(td) for td in tr.find_all("td")[1:]]
        for tr in basic_soup.select(".top-changes tbody tr")
    ]
    assert top[0] == [
        "教育经费投入",
        "一是“五星三名”夯实基础。",
        "3.686亿元",
        "3.2亿元",
        "−0.486亿元",
        "−13.2%",
    ]
    assert len(top) == 3


def test_metric_rows(basic_soup: BeautifulSoup) -> None:
    rows = [
        [text_of(td) for td in tr.find_all("td")]
        for tr in basic_soup.select("#metric-table tbody tr")
    ]
    assert rows == [
        ["▲ up", "全省排名", "Preamble", "第3", "第2", "↑1 (better)", "—", "—"],
        ["▲ up", "试点学校", "一是“五星三名”夯实基础。", "382所", "412所", "+30所", "+7.9%", "—"],
        [
            "▲ up",
            "试点覆盖率",
            "一是“五星三名”夯实基础。",
            "89.5%",
            "95.1%",
            "+5.6 pp",
            "+6.3%",
            "+5.6 pp",
        ],
        [
            "▼ down",
            "教育经费投入",
            "一是“五星三名”夯实基础。",
            "3.686亿元",
            "3.2亿元",
            "−0.486亿元",
            "−13.2%",
            "—",
        ],
        ["＝ unchanged", "教育集团", "一是加强领导强化保障。", "29个", "29个", "0个", "0%", "—"],
        ["－ dropped", "近视率下降", "三、对口支援落到实处", "1.06%", "—", "—", "—", "—"],
        ["＋ new", "新增公办幼儿园", "三、数字化改革", "—", "17所", "—", "—", "—"],
    ]
    first = basic_soup.select_one("#metric-table tbody tr")
    assert [td.get("data-sort") for td in first.find_all("td")] == [
        "up",
        None,
        None,
        "3",
        "2",
        "1",
        "",
        "",
    ]


def test_sentence_rows_mark_insertions_deletions_and_figures(basic_soup: BeautifulSoup) -> None:
    row = basic_soup.find(id="row-o1.1-n1.1-0-0")
    old, new = row.find("td", class_="old"), row.find("td", class_="new")
    assert [d.get_text() for d in old.find_all("del")] == ["382", "89.5%"]
    assert [i.get_text() for i in new.find_all("ins")] == ["412", "95.1%"]
    assert [m["title"] for m in new.find_all("mark", class_="fig")] == [
        "2021: 382所",
        "2021: 382所",
        "2021: 89.5%",
    ]
    assert [w.get_text() for w in new.find_all(class_="was")] == [
        " (2021: 382所)",
        " (2021: 89.5%)",
    ]
    assert new.get_text() == (
        "全面深化党组织领导的校长负责制试点，全市中小学试点学校达412所 (2021: 382所)，"
        "试点覆盖率达95.1% (2021: 89.5%)。"
    )
    inline = row.find("td", class_="inline")
    assert [(t.name, t.get_text()) for t in inline.find_all(["ins", "del"])] == [
        ("del", "382"),
        ("ins", "412"),
        ("del", "89.5%"),
        ("ins", "95.1%"),
    ]
    assert row.has_attr("data-stop")


def test_ids_come_from_keys_are_unique_and_every_link_lands(
    basic: Comparison, basic_soup: BeautifulSoup
) -> None:
    sections = [s["id"] for s in basic_soup.select("section.pair")]
    assert sections == [f"sec-{p.key}" for p in basic.sections]
    ids = [t["id"] for t in basic_soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    targets = {a["href"][1:] for a in basic_soup.find_all("a", href=True)}
    assert targets - set(ids) == set()


def test_unchanged_sections_are_folded_and_changed_ones_open(basic_soup: BeautifulSoup) -> None:
    folded = {
        s["id"]: s.find("details").has_attr("open") for s in basic_soup.select("section.pair")
    }
    assert folded == {
        "sec-o0-n0": True,
        "sec-o1-n1": False,
        "sec-o1.1-n1.1": True,
        "sec-o2-n2": True,
        "sec-o2.1-n2.1": True,
        "sec-o3-": True,
        "sec--n3": True,
    }
    assert [s["id"] for s in basic_soup.select('section.pair[data-changed="false"]')] == [
        "sec-o1-n1"
    ]


def test_renamed_heading_shows_old_and_new(basic_soup: BeautifulSoup) -> None:
    heading = basic_soup.find(id="sec-o2-n2").find(class_="pair-heading")
    assert (text_of(heading.find("del")), text_of(heading.find("ins"))) == (
        "二、“双减”贯彻落地有声",
        "二、“双减”落地见效",
    )
    assert text_of(heading) == "二、“双减”贯彻落地有声 → 二、“双减”落地见效"


def test_moved_sentence_links_to_where_it_went(basic_soup: BeautifulSoup) -> None:
    link = basic_soup.find(id="row-o1.1-n1.1-1-x").find("td", class_="old").find("a")
    assert (link["href"], text_of(link)) == (
        "#row-o2.1-n2.1-x-2",
        "↷ moved to 一是加强领导强化保障。",
    )
    back = basic_soup.find(id="row-o2.1-n2.1-x-2").find("td", class_="new").find("a")
    assert back["href"] == "#row-o1.1-n1.1-1-x"


def test_a_sentence_moved_and_edited_shows_its_edit(tmp_path: Path) -> None:
    """A sentence moved past another with a clause added marks the clause inserted in its row,
    as a modified sentence's is; it showed the new sentence plain, as if moved unchanged."""
    a, b = "全年新建学校12所。", "全市中考平均分提高3分。"
    c = "加强校园安全管理，开展安全演练500次"
    texts = {
        2021: f"一、学校\n{a}{c}。{b}\n",
        2022: f"一、学校\n{a}{b}{c}，覆盖全部学校和幼儿园。\n",
    }
    for year, text in texts.items():
        (tmp_path / f"{year}.txt").write_text(f"某市教育局{year}年工作总结\n\n{text}", "utf-8")
    comparison = compare_reports(
        read_report(tmp_path / "2021.txt"), read_report(tmp_path / "2022.txt")
    )
    row = soup_of(comparison).select_one("tr.row-moved")
    assert row is not None
    assert [text_of(ins) for ins in row.select("td.new ins")] == ["，覆盖全部学校和幼儿园"]
    assert text_of(row.select_one("td.old")) == f"{c}。"


def test_split_and_merge_are_noted_with_links() -> None:
    soup = soup_of(rc.english())
    assert [text_of(li) for li in soup.select("#sec-o2-n2 .notes li")] == [
        "Split: part of its text went to Item 1C. Cybersecurity"
    ]
    assert [a["href"] for a in soup.select("#sec-o4- .notes a")] == ["#sec-o3-n4"]
    assert soup.html["lang"] == "en"


def test_the_section_map_says_where_a_merged_or_split_section_went() -> None:
    """A section merged into another has no match of its own: its row named nothing on the new
    side but a dash. It names the section it went into, linked, as a split-off one names the
    section it came from."""
    soup = soup_of(rc.english())
    went = {
        a["href"]: (a.find_parent("td")["class"], text_of(a)) for a in soup.select("#map a.went")
    }
    assert went == {
        "#sec-o3-n4": (["new"], "→ merged into Item 7. Management's Discussion & Analysis"),
        "#sec-o2-n2": (["old"], "← split from Item 1A. Risk Factors"),
    }
    markdown = render_markdown(rc.english())
    assert "| — (← split from Item 1A. Risk Factors) | added, split |" in markdown
    assert "| — (→ merged into Item 7. Management's Discussion \\& Analysis) |" in markdown


def test_settings_are_shown_in_the_footer(basic: Comparison, basic_soup: BeautifulSoup) -> None:
    rows = {
        text_of(tr.find_all("td")[0]): text_of(tr.find_all("td")[1])
        for tr in basic_soup.select("footer .settings tbody tr")
    }
    assert rows == {k: str(v) for k, v in basic.settings.as_dict().items()}


def test_page_is_self_contained_with_one_hashed_script(basic_soup: BeautifulSoup) -> None:
    scripts = basic_soup.find_all("script")
    assert len(scripts) == 1 and not scripts[0].has_attr("src")
    assert basic_soup.find_all("link") == [] and basic_soup.find_all("img") == []
    for tag in basic_soup.find_all(True):
        for attr in ("src", "href", "action"):
            assert not str(tag.get(attr, "")).startswith(("http:", "https:", "//"))
    digest = hashlib.sha256(scripts[0].string.encode("utf-8")).digest()
    csp = basic_soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert f"script-src 'sha256-{base64.b64encode(digest).decode()}'" in csp
    assert "default-src 'none'" in csp


def test_controls_are_hidden_until_the_script_shows_them(basic_soup: BeautifulSoup) -> None:
    assert [t.name for t in basic_soup.select("[data-js]")] == ["nav", "div"]
    assert all(t.has_attr("hidden") for t in basic_soup.select("[data-js]"))


def test_empty_comparison_renders() -> None:
    report = Report(title="", org="", year=None, source=Source(path="a.txt"))
    comparison = Comparison(old=report, new=report)
    soup = soup_of(comparison)
    assert text_of(soup.find("h1")) == "old → new"
    assert text_of(soup.select_one("#metrics .empty-note")) == (
        "No figures were found in either report."
    )
    assert "No section changed." in render_markdown(comparison)


# --------------------------------------------------------------------------- escaping


def test_hostile_text_is_shown_as_text_in_html() -> None:
    soup = soup_of(rc.hostile())
    assert len(soup.find_all("script")) == 1
    assert rc.HOSTILE in soup.title.get_text()
    assert text_of(soup.select_one("#sec-o1-n1 .pair-heading del")) == f"一、标题{rc.HOSTILE}"
    assert text_of(soup.select_one("#sec-o1-n1 .pair-heading ins")) == (
        f"一、标题{rc.HOSTILE}&amp;"
    )
    new_cell = soup.find(id="row-o1-n1-0-0").find("td", class_="new")
    assert new_cell.get_text() == f"新句子{rc.HOSTILE}共有7所 (2021: 5所)。"
    label = soup.select_one("#metric-table tbody tr").find_all("td")[1]
    assert text_of(label) == f"学校{rc.HOSTILE}"


def test_markdown_section_map_indents_subsections(basic: Comparison) -> None:
    """The section map's headings step in by level, as on the page (a table cell's spaces
    would be trimmed: they are em spaces written as entities)."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(render_markdown(basic))
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("h2", string="Section map").find_next("table")
    old_cells = [tr.find_all("td")[0].get_text() for tr in table.select("tbody tr")]
    assert "一、党的领导坚强有力" in old_cells
    assert "\u2003" * 2 + "一是“五星三名”夯实基础。" in old_cells


def test_hostile_text_is_escaped_in_markdown() -> None:
    text = render_markdown(rc.hostile())
    assert "<script>" not in text
    assert r"学校\<script\>alert(1)\</script\>" in text
    assert r"\&amp;" in text


@given(
    text=st.text(
        alphabet=st.sampled_from(list("<>&\"'/=`*|#[]\\ ab中文1.%")), min_size=1, max_size=40
    )
)
def test_any_text_survives_html_escaping(text: str) -> None:
    heading = f"x{text}y"
    sentence = f"句{text}。"
    section = Section(id="1", number="一、", heading=heading, sentences=(sentence,))
    report = Report(
        title=text, org=text, year=2021, source=Source(path="a.txt"), sections=(section,)
    )
    metric = Metric(value=D(1), unit="所", label=f"y{text}", section="1", text="1所")
    pair = SectionPair(
        status=SectionStatus.UNCHANGED,
        old=section,
        new=section,
        score=100.0,
        sentences=(
            SentencePair(
                status=SentenceStatus.EQUAL, old=sentence, new=sentence, old_index=0, new_index=0
            ),
        ),
    )
    change = MetricChange(
        status=MetricStatus.UNCHANGED,
        label=metric.label,
        kind=MetricKind.COUNT,
        old=metric,
        new=metric,
    )
    soup = soup_of(Comparison(old=report, new=report, sections=(pair,), metrics=(change,)))
    assert len(soup.find_all("script")) == 1
    assert soup.select_one("#sec-o1-n1 .pair-heading").get_text() == f"一、{heading}"
    assert soup.find(id="row-o1-n1-0-0").find("td", class_="old").get_text() == sentence
    assert soup.select_one("#metric-table tbody tr").find_all("td")[1].get_text() == f"y{text}"


# --------------------------------------------------------------------------- streaming


@pytest.mark.parametrize("case", ["basic", "english", "hostile_rows"])
def test_streamed_pages_are_the_rendered_pages(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    comparison = getattr(rc, case)()
    monkeypatch.setattr(render, "STREAM_PIECES", 40)  # many small chunks
    chunks = list(iter_html(comparison, generated_at="2024-03-01"))
    assert len(chunks) > 5 and all(chunks)
    assert "".join(chunks) == render_html(comparison, generated_at="2024-03-01")
    markdown = list(iter_markdown(comparison, generated_at="2024-03-01"))
    assert len(markdown) > 1
    assert "".join(markdown) == render_markdown(comparison, generated_at="2024-03-01")


def test_streaming_runs_the_collector_between_chunks(
    basic: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "STREAM_PIECES", 40)
    chunks = iter_html(basic)
    assert next(chunks).startswith("<!DOCTYPE html>")
    assert gc.isenabled()  # paused only while a chunk is made
    gc.disable()
    try:
        rest = "".join(chunks)
        assert not gc.isenabled()  # a caller's pause is left as it was
    finally:
        gc.enable()
    assert rest.endswith("</html>\n")


def test_streamed_page_written_to_a_file_is_the_page(basic: Comparison, tmp_path: Path) -> None:
    path = tmp_path / "reports" / "basic.html"
    write_output(path, iter_html(basic))
    assert path.read_text(encoding="utf-8") == render_html(basic)
    assert [p.name for p in path.parent.iterdir()] == ["basic.html"]


# --------------------------------------------------------------------------- series page


def test_series_page_lists_every_figure_by_year_with_a_trend_line() -> None:
    from compare.series import Series, SeriesRow

    def count(value: str, scale: str = "") -> Metric:
        return Metric(value=D(value), unit="万人" if scale else "所", scale=scale)

    rows = (
        SeriesRow(label="学校", unit="所", kind="count", values=(count("10"), None, count("12"))),
        SeriesRow(
            label=f"师生{rc.HOSTILE}",
            unit="万人",
            kind="count",
            values=(count("2", "万"), count("3", "万"), count("4", "万")),
        ),
    )
    series = Series(
        org="绍兴市教育局",
        years=(2020, 2021, 2022),
        paths=("a.txt", "b.txt", "c.txt"),
        rows=rows,
    )
    soup = BeautifulSoup(render_series_html(series), "html.parser")
    assert soup.find_all("script") == []
    assert soup.html["lang"] == "zh-CN"
    table = [
        [text_of(td) for td in tr.find_all("td") if "spark" not in td.get("class", [])]
        for tr in soup.select("table.series tbody tr")
    ]
    assert table == [
        ["学校", "count", "10所", "—", "12所"],
        [f"师生{rc.HOSTILE}", "count", "2万人", "3万人", "4万人"],
    ]
    # The trend stands by the figure's name, not past the years a wide table scrolls off to.
    head = [text_of(th) for th in soup.select("table.series thead th")]
    assert head == ["Figure", "Kind", "Trend", "2020", "2021", "2022"]
    lines = [p["points"] for p in soup.select("table.series tbody tr polyline")]
    assert lines == ["0.0,25.0 120.0,3.0", "0.0,25.0 60.0,14.0 120.0,3.0"]
    assert [text_of(tr) for tr in soup.select(".sources tbody tr")] == [
        "2020 a.txt",
        "2021 b.txt",
        "2022 c.txt",
    ]
    assert soup.select(".b-years") == []


def test_series_page_marks_a_row_of_figures_over_several_years() -> None:
    """A five-year review's 年均增长 figures follow each other in a row of their own: the reader
    is told they are not one year's."""
    from compare.series import Series, SeriesRow

    def rate(value: str, over_years: bool) -> Metric:
        return Metric(value=D(value), unit="%", kind=MetricKind.CHANGE, over_years=over_years)

    rows = (
        SeriesRow(label="国内生产总值", unit="%", kind="change", values=(rate("10.6", True), None)),
        SeriesRow(label="国内生产总值", unit="%", kind="change", values=(None, rate("9", False))),
    )
    series = Series(org="国务院", years=(2008, 2009), paths=("a.txt", "b.txt"), rows=rows)
    soup = BeautifulSoup(render_series_html(series), "html.parser")
    marked = [bool(tr.select(".b-years")) for tr in soup.select("table.series tbody tr")]
    assert marked == [True, False]


def _two_years(folder: Path, bodies: dict[int, str]) -> Comparison:
    """Compare two years of a national report, each written as its title line and a body."""
    paths = []
    for year, body in bodies.items():
        path = folder / f"{year}.txt"
        path.write_text(f"国务院{year}年政府工作报告\n{body}\n", encoding="utf-8")
        paths.append(path)
    return compare_reports(read_report(paths[0]), read_report(paths[1]))


def test_a_goal_is_marked_as_one_beside_outcomes(tmp_path: Path) -> None:
    """A government report states this year's goals beside last year's outcomes: the reader
    must tell 8%左右 -> 7.5%左右 (goals) from 10.3% -> 9.2% (what happened)."""
    comparison = _two_years(
        tmp_path,
        {
            year: f"一、工作回顾\n去年国内生产总值增长{outcome}。\n"
            f"二、今年目标\n主要预期目标是：国内生产总值增长{goal}。"
            for year, goal, outcome in ((2011, "8%左右", "10.3%"), (2012, "7.5%左右", "9.2%"))
        },
    )
    rows = soup_of(comparison).select("#metric-table tbody tr")
    goals = {row.find_all("td")[3].get_text(): bool(row.select(".b-goal")) for row in rows}
    assert goals == {"8%左右": True, "+10.3%": False}  # the outcome: a stated rise
    top = soup_of(comparison).select(".top-changes tbody tr")
    assert [bool(row.select(".b-goal")) for row in top] == [False, True]  # -10.8% before -6.3%
    markdown = render_markdown(comparison)
    assert "国内生产总值 (goal) | 二、今年目标" in markdown
    # The summary printed after a run and CI findings say it too.
    lines = [change_text(change) for change in largest_changes(comparison.metrics)]
    assert lines == [
        "国内生产总值 (slower rise): +10.3% → +9.2% (−1.1 pp, −10.7%)",
        "国内生产总值 (goal): 8%左右 → 7.5%左右 (−0.5 pp, −6.3%)",
    ]


def test_a_figure_of_several_years_is_marked_as_one(tmp_path: Path) -> None:
    """A five-year review states 年均增长 rates beside last year's: a reader must not take the
    five years' average for the year's growth, on the page or in Markdown."""
    comparison = _two_years(
        tmp_path,
        {
            year: f"一、工作回顾\n去年国内生产总值增长{outcome}。\n过去五年，国内生产总值年均增长{average}。"
            for year, average, outcome in ((2012, "11.2%", "10.3%"), (2013, "9.3%", "7.8%"))
        },
    )
    rows = soup_of(comparison).select("#metric-table tbody tr")
    marked = {row.find_all("td")[3].get_text(): bool(row.select(".b-years")) for row in rows}
    assert marked == {"+10.3%": False, "+11.2%": True}
    top = soup_of(comparison).select(".top-changes tbody tr")
    assert sorted(bool(row.select(".b-years")) for row in top) == [False, True]
    markdown = render_markdown(comparison)
    # top changes and the table
    assert markdown.count("国内生产总值 (several years) (slower rise) |") == 2
    texts = [change_text(change) for change in largest_changes(comparison.metrics)]
    assert [t.split(" →")[0] for t in texts] == [
        "国内生产总值 (slower rise): +10.3%",
        "国内生产总值 (several years) (slower rise): +11.2%",
    ]


@pytest.mark.parametrize(
    ("old", "new", "note"),
    [
        ("下降1.06%", "下降0.98%", "smaller fall"),  # −1.06% -> −0.98%: "up" alone read as a rise
        ("下降4.8%", "下降5.6%", "deeper fall"),
        ("增长7.8%", "增长8.1%", "faster rise"),
        ("增长10.3%", "增长9.2%", "slower rise"),
        ("下降0.5%", "增长0.3%", None),  # a fall, then a rise: up says it
        ("1.2%", "1.5%", None),  # a level, not a change
    ],
)
def test_a_stated_change_says_how_it_moved(
    tmp_path: Path, old: str, new: str, note: str | None
) -> None:
    """The seed's 近视率下降1.06% a year on 下降0.98% read "▲ up +0.08 pp" alone, and a tester
    read the myopia rate as rising: a change both years state is noted as a smaller or deeper
    fall, a faster or slower rise, on the page and in words."""
    comparison = _two_years(
        tmp_path,
        {2021: f"一、工作\n学生近视率{old}。\n", 2022: f"一、工作\n学生近视率{new}。\n"},
    )
    (change,) = [c for c in comparison.metrics if c.old and c.new]
    row = soup_of(comparison).select_one("#metric-table tbody tr")
    badges = [text_of(b) for b in row.select(".badge")]
    assert badges == ([note] if note else [])
    assert (f"({note})" in change_text(change)) == bool(note)


def test_the_masthead_says_what_reading_set_aside(basic: Comparison) -> None:
    """What reading a file guessed or set aside (a second rendition, no headings) is on the page
    and in the Markdown, escaped like any text of the input; without it the row is left out."""
    assert "Reading notes" not in render_html(basic)
    note = "heading 一、<script>alert(1)</script> appears twice"
    old = replace(basic.old, warnings=(note, "a second, partial rendition was set aside"))
    noted = replace(basic, old=old)
    row = soup_of(noted).find("tr", class_="reading-notes")
    assert row is not None
    old_cell, new_cell = row.find_all("td")
    assert [p.get_text() for p in old_cell.find_all("p")] == list(old.warnings)
    assert new_cell.get_text() == "none"
    assert "<script>alert" not in render_html(noted)
    assert "| Reading notes | heading 一、" in render_markdown(noted)


def test_a_figure_the_old_report_named_otherwise_says_what_it_was_called(
    tmp_path: Path,
) -> None:
    """Paired figures are shown by the new report's label; when the old report called its
    figure otherwise (试点学校, then 实施学校), the page, the Markdown, the summary line and the
    JSON say so, so that a reader can judge the pairing. Escaped like any text of the input."""
    paths = []
    for year, body in (
        (2021, "全市中小学<b>试点</b>学校达382所。"),
        (2022, "全市中小学实施学校达421所。"),
    ):
        path = tmp_path / f"{year}.txt"
        path.write_text(f"某局{year}年工作总结\n一、学校\n{body}\n", "utf-8")
        paths.append(path)
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    (change,) = comparison.metrics
    assert change_text(change) == (
        "中小学实施学校 (was “中小学<b>试点</b>学校”): 382所 → 421所 (+39所, +10.2%)"
    )
    page = soup_of(comparison)
    shown = [cell.get_text() for cell in page.select("tr.metric .label-was")]
    assert shown == ["was “中小学<b>试点</b>学校”"]
    assert page.select_one("tr.metric b") is None  # the old label's <b> is text
    assert "中小学实施学校 (was “中小学&lt;b&gt;试点&lt;/b&gt;学校”) |" in render_markdown(
        comparison
    )
    data = comparison_to_json(comparison)["metrics"][0]
    assert (data["label"], data["old"]["label"]) == ("中小学实施学校", "中小学<b>试点</b>学校")
    # A figure called alike in both years says nothing more.
    assert change.old is not None and change.new is not None
    same = metric_change(replace(change.old, label=" 中小学实施学校"), change.new)
    assert "was" not in change_text(same)
    # Nor one written in other case: Singapore's "total expected draw on Past Reserves" (2021)
    # is 2022's "… on past reserves".
    cased = replace(change.new, label="total expected draw on past reserves")
    same = metric_change(replace(change.old, label="total expected draw on Past Reserves"), cased)
    assert "was" not in change_text(same)
    # Nor a roll-forward's balance a year on: Apple's "Balances as of September 30, 2017" is
    # 2018's "Balances as of September 29, 2018"; a name that changed besides still shows.
    dated = replace(change.new, label="Balances as of September 29, 2018")
    same = metric_change(replace(change.old, label="Balances as of September 30, 2017"), dated)
    assert "was" not in change_text(same)
    other = metric_change(replace(change.old, label="Balance as of September 30, 2017"), dated)
    assert "was “Balance as of September 30, 2017”" in change_text(other)


def test_markdown_largest_changes_mark_a_changed_qualifier(tmp_path: Path) -> None:
    """100场左右 -> 200余场 (about, then more than) is marked on the page's largest changes;
    the Markdown summary lost the mark (the full figures table had it)."""
    paths = []
    for year, count in ((2021, "100场左右"), (2022, "200余场")):
        path = tmp_path / f"{year}.txt"
        path.write_text(f"某局{year}年工作总结\n一、宣讲\n开展思政理论集中宣讲{count}。\n", "utf-8")
        paths.append(path)
    text = render_markdown(compare_reports(read_report(paths[0]), read_report(paths[1])))
    summary = text.split("## Section map")[0]
    rows = [line for line in summary.splitlines() if "思政理论集中宣讲" in line]
    assert rows and all("(qualifier changed)" in row for row in rows)


def test_a_comparisons_page_is_written_without_the_series_module(tmp_path: Path) -> None:
    """render needs compare.series only for a series page (its sparklines): importing it (and
    building its dataclasses) cost every `compare OLD NEW` run about 3.5 ms."""
    page = tmp_path / "p.html"
    done, imported = run_and_ask(
        ["2021", "2022", "-q", "-o", str(page)], "'compare.series' in sys.modules"
    )
    assert done.returncode == 0, done.stderr
    assert imported is False and "<html" in page.read_text(encoding="utf-8")
