"""tables: the scale a filing's table caption names ("(in millions)") for its cells, and the head
of the column each cell stands under."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from makedocs import make_merged_table

from compare.export import comparison_to_json, report_to_json
from compare.metrics import metrics_csv
from compare.model import Comparison, Metric, MetricKind, Report, Section, Source
from compare.pipeline import compare_reports, read_report
from compare.quantities import attach_metrics
from compare.render import (
    change_text,
    format_metric,
    largest_changes,
    render_html,
    render_markdown,
)
from compare.tables import caption_scales, column_year, counts, stacked_years
from tests.test_export import validate

STATEMENT = (
    "CONSOLIDATED STATEMENTS OF OPERATIONS",
    "(In millions, except number of shares which are reflected in thousands and per share amounts)",
    "Years ended",
    "September 29, 2018 | September 30, 2017",
    "Net sales | $265,595 | $229,234",
    "Cost of sales | 163,756 | 141,048",
    "Operating expenses:",
    "Research and development | 14,236 | 11,581",
    "Earnings per share:",
    "Basic | $12.01 | $9.27",
    "Shares used in computing earnings per share:",
    "Basic | 4,955,377 | 5,217,242",
    "Cash dividends declared per share | $2.72 | $2.40",
    "See accompanying Notes to Consolidated Financial Statements.",
    "Other | 5 | 6",  # after the prose: no longer the caption's table
)


def _metrics_of(*sentences: str) -> tuple[Metric, ...]:
    """Return the figures of one section of these sentences, as a report of 2018 reads them."""
    section = Section(id="1", number="Item 8.", heading="Financial Statements", sentences=sentences)
    report = attach_metrics(
        Report(title="t", org="o", year=2018, source=Source(path="x.txt"), sections=(section,))
    )
    return report.metrics


def _figures(*sentences: str) -> list[tuple[str, str, str]]:
    """Return (label, text, caption scale) of each figure of one section of these sentences."""
    return [(m.label, m.text, m.caption_scale) for m in _metrics_of(*sentences)]


@pytest.mark.parametrize(
    ("caption", "scales"),
    [
        ("(In millions)", {"money": "million"}),
        (
            "The following table presents iPhone net sales and unit sales information for 2018, "
            "2017 and 2016 (dollars in millions and units in thousands):",
            {"money": "million", "units": "thousand"},
        ),
        (
            "(In millions, except number of shares which are reflected in thousands and per "
            "share amounts)",
            {"money": "million", "shares": "thousand"},
        ),
        (
            "… for 2018, 2017 and 2016 (net income in millions and shares in thousands):",
            {"named:net income": "million", "shares": "thousand"},
        ),
        ("Amounts are stated in thousands (in thousands).", {"money": "thousand"}),
        ("Revenue by segment (€ in millions):", {"money": "million"}),
        # Hong Kong and British statements name their currency with the scale.
        ("Consolidated statement of profit or loss (Expressed in RMB'000)", {"money": "thousand"}),
        ("Segment results (in HK$ millions):", {"money": "million"}),
        ("Income statement (in USD thousands)", {"money": "thousand"}),
        # A parenthesis inside the prose, not ending it, is no caption.
        (
            "The Company repurchased 41.6 million shares (in millions of dollars, $10.0) in 2018.",
            None,
        ),
        ("Net sales rose 16% (see Note 11).", None),
        ("全市教育经费投入（单位：亿元）增长8%。", None),
    ],
)
def test_a_caption_names_its_tables_scales(caption: str, scales: dict[str, str] | None) -> None:
    assert caption_scales(caption) == scales


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("Shares used in computing earnings per share", "shares"),
        ("Weighted-average diluted shares", "shares"),
        ("Total Number of Shares Purchased", "shares"),
        ("Cash dividends declared per share", "each"),
        ("Weighted-Average Grant Date Fair Value Per RSU", "each"),
        ("Approximate Dollar Value of Shares That May Yet Be Purchased", "money"),
        ("Unit sales", "units"),
        # A sum, though shares or "per share" are named in it.
        ("Common stock issued, net of shares withheld for employee taxes", None),
        ("Dividends and dividend equivalents declared at $2.18 per share or RSU", None),
        ("Net sales", None),
    ],
)
def test_a_rows_name_tells_what_its_cells_count(name: str, what: str | None) -> None:
    assert counts(name) == what


def test_cells_take_the_scale_their_caption_names_for_their_row() -> None:
    assert _figures(*STATEMENT) == [
        ("Net sales", "$265,595", "million"),
        ("Net sales", "$229,234", "million"),
        ("Cost of sales", "163,756", "million"),
        ("Cost of sales", "141,048", "million"),
        ("Research and development", "14,236", "million"),
        ("Research and development", "11,581", "million"),
        # Amounts per share are as written; shares are in thousands.
        ("Earnings per share: Basic", "$12.01", ""),
        ("Earnings per share: Basic", "$9.27", ""),
        ("Shares used in computing earnings per share: Basic", "4,955,377", "thousand"),
        ("Shares used in computing earnings per share: Basic", "5,217,242", "thousand"),
        ("Cash dividends declared per share", "$2.72", ""),
        ("Cash dividends declared per share", "$2.40", ""),
        ("Other", "5", ""),
        ("Other", "6", ""),
    ]


def test_what_is_not_certain_keeps_its_scale_as_written() -> None:
    figures = _figures(
        "Share repurchase activity was as follows (in millions, except number of shares, which "
        "are reflected in thousands, and per share amounts):",
        # The head names columns of shares and prices, and the rows leave cells out: the
        # first figure is thousands of shares, the second a price, the third shares again.
        "Periods | Total Number of Shares Purchased | Average Price Paid Per Share | Total "
        "Number of Shares Purchased as Part of Publicly Announced Plans or Programs",
        "Open market and privately negotiated purchases | 26,859 | $192.50 | 26,859",
        "The following table shows the computation of earnings per share (net income in "
        "millions and shares in thousands):",
        "Net income | $59,531 | $48,351",
        "Effect of dilutive securities | 44,732 | 34,450",  # named by no one: not known
        "Prices and sums (in millions):",
        "Average price | $192.50 | 14",  # cents: a price; 14: a sum
        "Days sales outstanding | 45 days | 18%",  # neither is a sum
        "Total (2) | Includes a one-time item of $236 million and 3 products.",  # prose in a cell
    )
    assert figures == [
        ("Open market and privately negotiated purchases", "26,859", ""),
        ("Open market and privately negotiated purchases", "$192.50", ""),
        ("Open market and privately negotiated purchases", "26,859", ""),
        ("Net income", "$59,531", "million"),
        ("Net income", "$48,351", "million"),
        ("Effect of dilutive securities", "44,732", ""),
        ("Effect of dilutive securities", "34,450", ""),
        ("Average price", "$192.50", ""),
        ("Average price", "14", "million"),
        ("Days sales outstanding", "45 days", ""),
        ("Days sales outstanding", "18%", ""),
        ("Includes a one-time item", "$236 million", ""),
        ("Total", "3 products", ""),
    ]


def test_a_head_row_naming_the_scale_of_its_amounts_scales_them() -> None:
    """A 10-K's debt table has no caption: its head row says "Amount (in millions)" over each
    year's sums, beside their interest rates. The sums were shown as a bare 12,500."""
    figures = _figures(
        "Maturities | 2018 | 2017",
        "Amount (in millions) | Effective Interest Rate | Amount (in millions) | Effective "
        "Interest Rate",
        "2014 debt issuance of $12.0 billion:",
        "Floating-rate notes | 2019 | $1,000 | 1.61% | 2,000 | 0.86%",
        "Total term debt | 102,519 | 103,703",
        "The Company has entered into interest rate swaps, as follows.",  # prose: the end
        "Other | 5 | 6",
    )
    assert [(text, scale) for _, text, scale in figures] == [
        ("$12.0 billion", ""),
        ("$1,000", "million"),
        ("1.61%", ""),
        ("2,000", "million"),
        ("0.86%", ""),
        ("102,519", "million"),
        ("103,703", "million"),
        ("5", ""),
        ("6", ""),
    ]


@pytest.mark.parametrize(
    "head",
    [
        "Dividends Per Share | Amount (in millions)",  # an amount each beside the sums
        "Number of Shares (in thousands) | Average Repurchase Price Per Share | Amount (in "
        "millions)",
        "Amount (in millions) | Amount (in thousands)",  # two scales: which cell is which?
        "Amount (in millions) | Fair value",
    ],
)
def test_a_head_row_heading_other_columns_too_scales_nothing(head: str) -> None:
    figures = _figures(head, "Dividend | $0.63 | 3,000 | 4,000")
    assert {scale for *_, scale in figures} == {""}


def test_a_caption_does_not_run_into_the_next_section() -> None:
    caption = Section(
        id="1", number="Item 7.", heading="MD&A", sentences=("Net sales were (in millions):",)
    )
    table = Section(id="2", number="Item 8.", heading="Statements", sentences=("Other | 5 | 6",))
    report = attach_metrics(
        Report(
            title="t", org="o", year=2018, source=Source(path="x.txt"), sections=(caption, table)
        )
    )
    assert [m.caption_scale for m in report.metrics] == ["", ""]


def _comparison(
    old_rows: tuple[str, ...], new_rows: tuple[str, ...], *, year: int = 2017
) -> Comparison:
    """Compare two filings of one section (Item 8.), the old of `year`, the new a year on."""

    def report(year: int, rows: tuple[str, ...]) -> Report:
        section = Section(id="1", number="Item 8.", heading="Financial Statements", sentences=rows)
        return attach_metrics(
            Report(title="t", org="Apple", year=year, source=Source(path=f"{year}.txt"),
                   sections=(section,))
        )  # fmt: skip

    return compare_reports(report(year, old_rows), report(year + 1, new_rows))


def test_the_page_shows_a_cell_in_its_captions_scale() -> None:
    caption = "Provision for income taxes (in millions):"
    comparison = _comparison(
        (caption, "Federal current | $7,842 | $7,652"),
        (caption, "Federal current | $41,425 | $7,842"),
    )
    (change,) = largest_changes(comparison.metrics)
    assert (format_metric(change.old), format_metric(change.new)) == (
        "$7,842 million",
        "$41,425 million",
    )
    page = render_html(comparison)  # the number and its scale held together on a line
    assert "$33,583\u00a0million" in page and "$41,425\u00a0million" in page
    assert "$41,425 million" in render_markdown(comparison)


def test_json_states_the_captions_scale_beside_the_figure_as_written() -> None:
    comparison = _comparison(
        ("Net sales (in millions):", "Net sales | $229,234"),
        ("Net sales (in millions):", "Net sales | $265,595"),
    )
    data = comparison_to_json(comparison)
    validate(data)
    new = data["metrics"][0]["new"]
    assert (new["value"], new["scale"], new["caption_scale"]) == (265595, "", "million")
    report = report_to_json(comparison.new)
    validate(report, "report.schema.json")
    assert report["metrics"][0]["caption_scale"] == "million"


def test_a_scale_read_in_one_year_only_changes_no_pair() -> None:
    """The caption's scale is shown, not counted: a table read in one year and not in the next
    (its caption lost) pairs its figures as before, never as a thousandfold change."""
    comparison = _comparison(
        ("Research and development (in millions):", "Research and development | 11,581 | 10,045"),
        ("Research and development:", "Research and development | 11,581 | 10,045"),
    )
    change = comparison.metrics[0]  # the first column's
    assert (change.status.value, change.relative) == ("unchanged", 0)
    assert (change.old.caption_scale, change.new.caption_scale) == ("million", "")


def test_a_10k_states_its_statements_in_millions(corpus: Path) -> None:
    report = read_report(corpus / "apple-10k" / "2018.txt")
    by_text = {}
    for metric in report.metrics:
        by_text.setdefault((metric.label, metric.text), metric.caption_scale)
    assert by_text[("Net sales", "$265,595")] == "million"
    assert by_text[("Total assets", "$365,725")] == "million"
    assert by_text[("Weighted-average basic shares outstanding", "4,955,377")] == "thousand"
    assert by_text[("iPhone: Unit sales", "217,722")] == "thousand"
    assert by_text[("Earnings per share: Basic", "$12.01")] == ""
    # The repurchase table's head names shares and prices, and its rows leave cells out.
    assert by_text[("Open market and privately negotiated purchases", "26,859")] == ""
    scaled = sum(1 for m in report.metrics if m.caption_scale)
    assert scaled > 800, scaled  # of 1,924 figures: the statements' and notes' tables


def test_a_10k_pair_pairs_its_figures_as_before(corpus: Path) -> None:
    """Shown in millions, Apple's figures pair as when no scale was read: every pair of figures
    written alike is unchanged. (Fewer such pairs than before 2026-12-01: a balance as of 2017
    pairs with 2018's, not with the new filing's copy of it.)"""
    old, new = (read_report(corpus / "apple-10k" / f"{year}.txt") for year in (2017, 2018))
    comparison = compare_reports(old, new)
    alike = [
        c for c in comparison.metrics
        if c.old is not None and c.new is not None and c.old.text == c.new.text
    ]  # fmt: skip
    assert len(alike) > 280 and all(c.status.value == "unchanged" for c in alike)


def test_a_10ks_columns_of_an_older_year_roll_off(corpus: Path) -> None:
    """Apple 2017 -> 2018: the net sales table's second change (2016 against 2015) rolls off
    with 2015, and the balance sheet's 2016 column with 2016."""
    old, new = (read_report(corpus / "apple-10k" / f"{year}.txt") for year in (2017, 2018))
    dropped = {
        (c.label, c.old.text): c.rolled_off
        for c in compare_reports(old, new).metrics
        if c.old is not None and c.status.value == "removed"
    }
    assert dropped["Greater China", "(17)%"]
    assert dropped["Research and development", "25%"]
    assert dropped["Total current assets", "106,869"]
    assert not dropped["Total liabilities", "$193,437"]  # a row 2018 no longer has
    # Its 2017 cell is not dropped: 2018's balance sheet states it again, as a sum now that the
    # sheet's bare cells are in its currency ("Total liabilities | 241,272", under "$" rows).
    assert ("Total liabilities", "$241,272") not in dropped


def test_a_tables_bare_sums_are_in_the_currency_its_head_or_first_sums_name() -> None:
    """A 10-K writes "$" on a table's first and total rows only, a British statement in its head
    ("2022 £m"): "Cost of sales | 163,756" had read as a count of 163,756 million, left out of
    the largest changes by amount; it is $163,756 million, as "Net sales | $265,595" is."""
    filing = (
        "(In millions, except number of shares which are reflected in thousands)",
        "2018 | 2017",
        "Net sales | $265,595 | $229,234",
        "Cost of sales | 163,756 | 141,048",
        "Shares used in computing earnings per share | 4,955,377 | 5,217,242",
    )
    assert [(m.text, m.unit, m.kind, m.caption_scale) for m in _metrics_of(*filing)] == [
        ("$265,595", "$", MetricKind.MONEY, "million"),
        ("$229,234", "$", MetricKind.MONEY, "million"),
        ("163,756", "$", MetricKind.MONEY, "million"),
        ("141,048", "$", MetricKind.MONEY, "million"),
        ("4,955,377", "", MetricKind.COUNT, "thousand"),  # shares: no sum
        ("5,217,242", "", MetricKind.COUNT, "thousand"),
    ]
    statement = ("Note | 2022 £m | 2021 £m", "Revenue | 3 | 1,400 | 1,250")
    assert [(m.text, m.unit, m.caption_scale) for m in _metrics_of(*statement)] == [
        ("1,400", "£", "million"),
        ("1,250", "£", "million"),
    ]
    # A table that names no currency leaves its bare cells as written.
    plain = ("(In millions)", "2018 | 2017", "Cost of sales | 163,756 | 141,048")
    assert {(m.unit, m.kind) for m in _metrics_of(*plain)} == {("", MetricKind.COUNT)}


# Invented, in the shape of a 10-K's contractual obligations (one row, five sums).
OBLIGATIONS = (
    "The following table presents payments due (in millions):",
    "Payments Due in {0} | Payments Due in {1}–{2} | Payments Due After {2} | Total",
    "Term debt | {3} | {4} | {5} | {6}",
    "(1) | Represents amounts due under supplier arrangements.",
)


def _columns(*sentences: str) -> list[tuple[str, str]]:
    """Return (text, column) of each figure of one section of these sentences."""
    return [(m.text, m.column) for m in _metrics_of(*sentences)]


def test_each_cell_of_a_row_is_told_by_the_head_of_its_column() -> None:
    rows = [line.format(2019, 2020, 2021, "$8,797", "$18,933", "$58,485", "$86,215")
            for line in OBLIGATIONS]  # fmt: skip
    assert _columns(*rows) == [
        ("$8,797", "Payments Due in 2019"),
        ("$18,933", "Payments Due in 2020–2021"),
        ("$58,485", "Payments Due After 2021"),
        ("$86,215", "Total"),
    ]
    years = ("2018 | Change | 2017", "Net sales | $265,595 | 16% | $229,234")
    assert _columns(*years) == [("$265,595", "2018"), ("16%", "Change"), ("$229,234", "2017")]


@pytest.mark.parametrize(
    "sentences",
    [
        # A row that leaves out its last cells: which is under which is not sure.
        ("Number of RSUs | Fair Value Per RSU | Aggregate Fair Value", "Balance | 101,467 | $85"),
        # A head of two lines: the second heads two columns of four, under either stock.
        (
            "Preferred Stock | Common Stock | Total",
            "Shares | Amount",
            "Balance | 5 | $3 | $4 | $9",
        ),
        # Nor is it sure under heads that name no stock.
        ("Region A | Region B | Total", "Shares | Amount", "Balance | 5 | $3 | $4 | $9"),
        # A cell of a footnote's mark alone shifts the others.
        (
            "Periods | Shares | Price",
            "August ASR | 15,069 | (3) | (3)",
            "(3) | The price is told once the program ends.",
        ),
        # Prose ends the table; a footnote row and a row of numbers are no heads.
        ("2018 | 2017", "Net sales rose in every region, as the table below shows.", "A | 1 | 2"),
        ("(1) | Includes deferrals.", "Term debt | 8,797"),
        ("2023 | 268", "Thereafter | 66", "Total | 9,328 | 9,545"),
    ],
)
def test_a_cell_whose_column_is_not_sure_has_none(sentences: tuple[str, ...]) -> None:
    assert {column for _, column in _columns(*sentences)} == {""}


def test_a_statement_of_equity_splits_its_first_head_into_shares_and_amount() -> None:
    """Apple's statement of shareholders' equity heads four columns, then "Shares | Amount"
    under the first: its five rows "Balances as of September 29, 2018" had no column, and read
    as five figures of one name (−$150 → −$3,454 among the largest changes, named by nothing)."""
    rows = (
        "Common Stock and Additional Paid-In Capital | Retained Earnings | Accumulated Other"
        " Comprehensive Income/(Loss) | Total Shareholders’ Equity",
        "Shares | Amount",
        "Balances as of September 29, 2018 | 4,754,986 | $40,201 | $70,400 | $(3,454) | $107,147",
    )
    assert [column for _, column in _columns(*rows)] == [
        "Common Stock and Additional Paid-In Capital · Shares",
        "Common Stock and Additional Paid-In Capital · Amount",
        "Retained Earnings",
        "Accumulated Other Comprehensive Income/(Loss)",
        "Total Shareholders’ Equity",
    ]
    # Under the statement's caption each cell is in its column's scale: the shares in
    # thousands, the sums in millions (they had been left as written, the head being unsure).
    caption = "(In millions, except number of shares which are reflected in thousands)"
    scaled = [(m.text, m.caption_scale) for m in _metrics_of(caption, *rows)]
    assert scaled == [
        ("4,754,986", "thousand"),
        ("$40,201", "million"),
        ("$70,400", "million"),
        ("$(3,454)", "million"),
        ("$107,147", "million"),
    ]


def test_a_head_of_years_over_a_line_of_their_columns_names_each_with_its_year() -> None:
    """A 10-K's head of two lines: the years, then the same columns under each. A cell is told
    by its year and its column ("2017 · Notional Amount"), and the year is read from it."""
    rows = (
        "2017 | 2016",
        "Notional Amount | Credit Risk Amount | Notional Amount | Credit Risk Amount",
        "Interest rate contracts | $33,000 | $218 | $24,500 | $728",
    )
    assert _columns(*rows) == [
        ("$33,000", "2017 · Notional Amount"),
        ("$218", "2017 · Credit Risk Amount"),
        ("$24,500", "2016 · Notional Amount"),
        ("$728", "2016 · Credit Risk Amount"),
    ]
    assert [column_year(column) for _, column in _columns(*rows)] == [2017, 2017, 2016, 2016]
    # The names' column headed on either line ("(Continued)" on a table's second page).
    debt = (
        "Maturities | 2017 | 2016",
        "(Continued) | Amount (in millions) | Effective Interest Rate | Amount (in millions) |"
        " Effective Interest Rate",
        "Fixed-rate 3.750% notes | 2047 | 1,000 | 3.78% | — | —%",
    )
    assert _columns(*debt)[-2:] == [
        ("1,000", "2017 · Amount (in millions)"),
        ("3.78%", "2017 · Effective Interest Rate"),
    ]
    # A row wider than the head states ranges (maturities 2019 – 2019, rates 1.61% – 1.61%):
    # which cell is under which column is not sure.
    wide = "Floating-rate notes | 2019 | 2019 | 1,000 | 1.61% | 1.61% | 2,000 | 0.86% | – | 1.09%"
    assert {column for _, column in _columns(*debt[:2], wide)} == {""}
    # A second line that is not one set of columns a year heads the table alone, as before.
    other = ("2018 | 2017", "Shares | Amount", "Balance | 5 | $3")
    assert _columns(*other) == [("5", "Shares"), ("$3", "Amount")]


def test_a_head_whose_cells_span_columns_names_each_column_by_both_lines() -> None:
    """A head of two lines as the readers write a merged cell, once in each column it spans
    (地区 over both lines, each year over its 数量 and 增长): each column is named by its year
    and its name, and the year is read from it. They had had no column (a year's head
    repeated is no line of years over a set of columns)."""
    rows = (
        "地区 | 2021年 | 2021年 | 2022年 | 2022年",
        "地区 | 数量 | 增长 | 数量 | 增长",
        "上虞区 | 10所 | 3% | 12所 | 9%",
    )
    assert _columns(*rows) == [
        ("10所", "2021年 · 数量"),
        ("3%", "2021年 · 增长"),
        ("12所", "2022年 · 数量"),
        ("9%", "2022年 · 增长"),
    ]
    assert [column_year(column) for _, column in _columns(*rows)] == [2021, 2021, 2022, 2022]
    # Two lines of heads that span no columns: the second heads the table, as before.
    plain = ("项目 | 学校 | 学生", "项目 | 数量 | 增长", "上虞区 | 10所 | 3%")
    assert _columns(*plain) == [("10所", "数量"), ("3%", "增长")]


def test_a_merged_cell_of_a_page_leaves_each_figure_in_its_row_and_column(tmp_path: Path) -> None:
    """上虞区's row of a page's table, its 10所 merged with 柯桥区's above (rowspan): its figures
    had moved a column left (3% under 2021年 · 数量, 9% under nothing) and were named 10所 … as
    the row began with 3%."""
    report = read_report(make_merged_table(tmp_path / "table.html"))
    assert [(m.label, m.text, m.column) for m in report.metrics if m.label == "上虞区"] == [
        ("上虞区", "10所", "2021年 · 数量"),
        ("上虞区", "3%", "2021年 · 增长"),
        ("上虞区", "12所", "2022年 · 数量"),
        ("上虞区", "9%", "2022年 · 增长"),
    ]


def test_a_two_column_tables_small_sums_are_figures_not_page_numbers() -> None:
    """A row of a name and a number of up to three digits reads like a contents' entry and its
    page ("第二部分 收入 | 3"): 一般公共预算收入 | 300 had given no figure, nor had any row of a
    two-column table. Under a head of columns, or when its numbers fall (a contents' pages
    only rise), its numbers are the rows' figures."""
    headed = ("项目 | 金额（亿元）", "一般公共预算收入 | 300", "税收收入 | 250")
    assert [(m.label, m.text, m.unit, m.column) for m in _metrics_of(*headed)] == [
        ("一般公共预算收入", "300", "亿元", "金额（亿元）"),
        ("税收收入", "250", "亿元", "金额（亿元）"),
    ]
    bare = ("一般公共预算收入 | 300", "税收收入 | 250", "非税收入 | 50")
    assert _figures(*bare) == [
        ("一般公共预算收入", "300", ""),
        ("税收收入", "250", ""),
        ("非税收入", "50", ""),
    ]
    # A contents: its pages rise, or its head names them.
    assert _figures("第一部分 总体情况 | 1", "第二部分 收入 | 3", "第三部分 支出 | 8") == []
    assert _figures("章节 | 页码", "总体情况 | 1", "收入 | 3") == []
    assert _figures("Index to Financial Statements | Page", "Balance Sheets | 40") == []


def test_a_group_line_keeps_the_head_in_force() -> None:
    """'2017:' or 'Level 2:' between a head and its rows is part of the table."""
    rows = ("Fourth Quarter | Third Quarter", "2017:", "Net sales | $52,579 | $45,408")
    assert _columns(*rows) == [("$52,579", "Fourth Quarter"), ("$45,408", "Third Quarter")]


def test_the_page_csv_json_and_summary_name_a_figures_column() -> None:
    """Five sums of one row ("Term debt") are told apart by their column wherever the figure is
    named; the column is shown, never compared (2019's payments pair with 2018's)."""
    old = [line.format(2018, 2019, 2020, "$6,500", "$18,083", "$61,391", "$85,974")
           for line in OBLIGATIONS]  # fmt: skip
    new = [line.format(2019, 2020, 2021, "$8,797", "$18,933", "$58,485", "$86,215")
           for line in OBLIGATIONS]  # fmt: skip
    comparison = _comparison(tuple(old), tuple(new))
    first = next(c for c in comparison.metrics if c.old and c.old.text == "$6,500")
    assert (first.new.text, first.old.column) == ("$8,797", "Payments Due in 2018")
    assert change_text(first).startswith("Term debt · Payments Due in 2019: $6,500 million → ")
    page = render_html(comparison)
    assert 'Term debt <span class="column">· Payments Due in 2019</span>' in page
    assert "| Term debt · Payments Due After 2021 |" in render_markdown(comparison)
    assert "changed,Term debt,Total,money," in metrics_csv(comparison.metrics)
    data = comparison_to_json(comparison)
    validate(data)
    assert [m["new"]["column"] for m in data["metrics"]] == [
        "Payments Due in 2019",
        "Payments Due in 2020–2021",
        "Payments Due After 2021",
        "Total",
    ]
    validate(report_to_json(comparison.new), "report.schema.json")


def test_a_10k_names_the_columns_of_its_tables(corpus: Path) -> None:
    report = read_report(corpus / "apple-10k" / "2018.txt")
    columns: dict[tuple[str, str], set[str]] = {}
    for m in report.metrics:
        columns.setdefault((m.label, m.text), set()).add(m.column)
    assert columns[("Term debt", "$8,797")] == {"Payments Due in 2019"}
    # In the selected data (years), and in the statement of operations (its year's end).
    assert columns[("Net sales", "$265,595")] >= {"2018", "September 29, 2018"}
    assert "2017" in columns[("Net sales", "$229,234")]
    # The RSU table's rows leave out their last cell: no column is sure.
    assert columns[("RSUs granted", "45,351")] == {""}
    named = sum(1 for m in report.metrics if m.column)
    assert named > 900, named


def test_a_head_that_names_the_names_column_then_years_gives_columns() -> None:
    """指标 | 2020年 | 2021年 heads the names' column too: its cells stand over all of a row's."""
    rows = ("指标 | 2020年 | 2021年", "学校数 | 10所 | 12所")
    assert _columns(*rows) == [("10所", "2020年"), ("12所", "2021年")]
    # Not when its other cells are not years: which is under which is not sure.
    assert {c for _, c in _columns("Shares | Price | Value", "Balance | 101 | $85")} == {""}


def test_a_head_that_ends_in_years_names_a_rows_last_cells() -> None:
    """Apple's gains reclassified from AOCI: the head names the names' column and a column of
    the line items they fall in, then years. A row states its line item, or leaves out its
    group's name, or is a subtotal of figures alone: its last cells are the years'."""
    head = "Comprehensive Income Components | Financial Statement Line Item | 2017 | 2016"
    rows = (
        "Foreign exchange contracts | Revenue | $(662) | $(865)",
        "Cost of sales | (654) | (130)",
        "(1,952) | (872)",
    )
    assert _columns(head, *rows) == [
        ("$(662)", "2017"),
        ("$(865)", "2016"),
        ("(654)", "2017"),
        ("(130)", "2016"),
        ("(1,952)", "2017"),
        ("(872)", "2016"),
    ]
    # One cell after a name: which year it is is not sure.
    assert _columns(head, "Total | 48") == [("48", "")]
    # A row that leaves its changes blank has a cell for each year of "2017 | Change | …".
    changes = "2017 | Change | 2016 | Change | 2015"
    assert _columns(changes, "Interest expense | (2,323) | (1,456) | (733)") == [
        ("(2,323)", "2017"),
        ("(1,456)", "2016"),
        ("(733)", "2015"),
    ]
    assert {c for _, c in _columns(changes, "Other | (133) | (1,195)")} == {""}


# Invented, in the shape of a Chinese company's annual report: its main figures, this year and
# last, and the change between them.
COMPANY = (
    "单位：元",
    "项目 | {0}年 | {1}年 | 本年比上年增减",
    "营业收入 | {2} | {3} | {4}",
    "加权平均净资产收益率 | {5} | {6} | {7}",
)


def test_a_head_of_years_then_their_change_names_every_column() -> None:
    """项目 | 2021年 | 2020年 | 本年比上年增减: its cells stand over all of a row's, though the
    last head is no year; a change told with its verb (增加1.55个百分点) is its cell's figure."""
    rows = [line.format(2021, 2020, "1,234.5", "1,000.0", "23.45%", "12.35%", "10.80%",
                        "增加1.55个百分点") for line in COMPANY]  # fmt: skip
    assert _columns(*rows) == [
        ("1,234.5", "2021年"),
        ("1,000.0", "2020年"),
        ("23.45%", "本年比上年增减"),
        ("12.35%", "2021年"),
        ("10.80%", "2020年"),
        ("1.55个百分点", "本年比上年增减"),
    ]


def test_a_column_named_once_pairs_with_its_name_as_the_years_move_on() -> None:
    """The years move on a column (2021年 is last year's column the next year), but the change
    column stays where it was: its figures pair with its own (23.45% -> 18.00%, 增加1.55 ->
    减少2.15个百分点), not by the years' shift; the oldest year's column rolls off."""
    old = [line.format(2021, 2020, "1,234.5", "1,000.0", "23.45%", "12.35%", "10.80%",
                       "增加1.55个百分点") for line in COMPANY]  # fmt: skip
    new = [line.format(2022, 2021, "1,456.8", "1,234.5", "18.00%", "10.20%", "12.35%",
                       "减少2.15个百分点") for line in COMPANY]  # fmt: skip
    changes = {
        (c.old.text if c.old else None, c.new.text if c.new else None): c
        for c in _comparison(tuple(old), tuple(new), year=2021).metrics
    }
    assert set(changes) == {
        ("1,234.5", "1,456.8"),
        ("23.45%", "18.00%"),
        ("12.35%", "10.20%"),
        ("1.55个百分点", "2.15个百分点"),
        ("1,000.0", None),
        ("10.80%", None),
    }
    assert changes["1.55个百分点", "2.15个百分点"].absolute == Decimal("-3.70")
    assert changes["1,000.0", None].rolled_off and changes["10.80%", None].rolled_off


@pytest.mark.parametrize(
    ("caption", "shown"),
    [
        ("单位：元", ["1,234.5元", "1,000元"]),
        ("金额单位：人民币万元", ["1,234.5万元", "1,000万元"]),
        ("主要会计数据（单位：千元）", ["1,234.5千元", "1,000千元"]),
        ("单位：元 币种：人民币", ["1,234.5元", "1,000元"]),
        ("单位：万人", ["1,234.5万人", "1,000万人"]),
    ],
)
def test_a_chinese_tables_caption_gives_its_cells_their_unit(
    caption: str, shown: list[str]
) -> None:
    """A company's annual report writes its sums without unit under 单位：元: they were counts
    of nothing (+222,221,122.22). Each whole cell written without unit takes the caption's;
    its quote stays as written."""
    metrics = _metrics_of(caption, "项目 | 2021年 | 2020年", "营业收入 | 1,234.5 | 1,000")
    assert [format_metric(m) for m in metrics] == shown
    assert [m.text for m in metrics] == ["1,234.5", "1,000"]
    counted = MetricKind.COUNT if caption.endswith("万人") else MetricKind.MONEY
    assert {m.kind for m in metrics} == {counted}


def test_a_row_naming_its_own_unit_or_prose_after_the_table_is_not_in_the_captions() -> None:
    metrics = _metrics_of(
        "单位：元",
        "项目 | 2021年 | 2020年",
        "员工人数（人） | 1,520 | 1,480",  # its own unit
        "基本每股收益（元/股） | 0.62 | 0.50",
        "营业成本（注1） | 900 | 800",  # a footnote's mark: the caption's unit
        "加权平均净资产收益率 | 12.35% | 10.80%",  # a unit written: kept
        "报告期内，公司经营稳健。",  # prose ends the table
        "其他 | 5 | 6",
    )
    assert [format_metric(m) for m in metrics] == [
        "1,520人", "1,480人", "0.62元/股", "0.50元/股", "900元", "800元", "12.35%", "10.80%",
        "5", "6",
    ]  # fmt: skip


def test_a_chinese_tables_dates_sums_and_quarters_head_its_columns() -> None:
    """A balance sheet heads its columns 2021年12月31日, a list of items' sums 2021年金额, a
    table of quarters 项目 | 第一季度 | …: no cell had a column, so the oldest year's did not
    roll off and the quarters were not named."""
    assert _columns("项目 | 2021年12月31日 | 2020年12月31日", "货币资金 | 1,200 | 1,100") == [
        ("1,200", "2021年12月31日"),
        ("1,100", "2020年12月31日"),
    ]
    assert _columns("项目 | 第一季度 | 第二季度", "营业收入 | 280 | 300") == [
        ("280", "第一季度"),
        ("300", "第二季度"),
    ]
    old = ("项目 | 2021年金额 | 2020年金额 | 2019年金额", "政府补助 | 12 | 10 | 8")
    new = ("项目 | 2022年金额 | 2021年金额 | 2020年金额", "政府补助 | 15 | 12 | 10")
    changes = {
        (c.old.text if c.old else None, c.new.text if c.new else None): c
        for c in _comparison(old, new, year=2021).metrics
    }
    assert changes["12", "15"].status.value == "changed"
    assert changes["8", None].rolled_off


def test_a_column_of_units_and_a_heads_unit_give_a_bulletins_cells_their_units() -> None:
    """A statistical bulletin gives each row its unit in a column (指标 | 单位 | 绝对数 |
    比上年增长（%）): 68.5 under 绝对数 in the row of 万吨 is 68.5万吨, and 2.0 under
    比上年增长（%） is 2.0% (they were counts of nothing); 表1 names the table, no figure."""
    metrics = _metrics_of(
        "表1 2021年主要农产品产量",
        "指标 | 单位 | 绝对数 | 比上年增长（%）",
        "粮食 | 万吨 | 68.5 | 2.0",
        "生猪出栏 | 万头 | 150.2 | 25.1",
    )
    assert [format_metric(m) for m in metrics] == ["68.5万吨", "+2.0%", "150.2万头", "+25.1%"]
    # A column of rises (比上年增长) holds changes, as 比上年增长2.0% in prose is one.
    assert [m.kind for m in metrics] == [MetricKind.COUNT, MetricKind.CHANGE] * 2


@pytest.mark.parametrize(
    ("this", "last"),
    [
        ("本报告期", "上年同期"),
        ("期末余额", "上年年末余额"),
        ("期末余额", "年初余额"),
        ("本期金额", "上期金额"),
    ],
    ids=["report-period", "balance-last-year-end", "balance-year-start", "amounts"],
)
def test_this_and_last_years_columns_move_on_as_years_do(this: str, last: str) -> None:
    """本报告期 | 上年同期 (a balance sheet's 期末余额 | 上年年末余额 or 年初余额, a cash flow
    statement's 本期金额 | 上期金额) name this year's and last year's columns without their
    years: the old 上年同期 (1,000.0) rolled on to 1,234.5 as a change of a figure, where it
    rolls off and the new 上年同期 restates the old 本报告期."""
    head = f"项目 | {this} | {last} | 本报告期比上年同期增减"
    old = ("单位：元", head, "营业收入 | 1,234.5 | 1,000.0 | 23.45%")
    new = ("单位：元", head, "营业收入 | 1,456.8 | 1,234.5 | 18.00%")
    changes = {
        (c.old.text if c.old else None, c.new.text if c.new else None): c
        for c in _comparison(old, new).metrics
    }
    assert set(changes) == {("1,234.5", "1,456.8"), ("23.45%", "18.00%"), ("1,000.0", None)}
    assert changes["1,000.0", None].rolled_off


# --------------------------------------------------------------------------- IFRS statements

# A British group's income statement: a column of references to its notes, the years' heads
# with their unit (2021 £m); and a Hong Kong group's, heads of years over a line of units
# (RMB'000), with the names' column unheaded.
UK = (
    "Note | {y} £m | {p} £m",
    "Revenue | 3 | {a} | {b}",
    "Operating profit | 4(a) | {c} | {d}",
)
HK = (
    " | Note | {y} | {p}",
    " | | RMB'000 | RMB'000",
    "Revenue | 5 | {a} | {b}",
    "Gross profit | | {c} | {d}",
)
# The same as a PDF gives them: an empty cell is no text, so a row that cites no note has one
# cell less ("Gross profit | 530 | 460"), and the heads have no empty cells either.
UK_PDF = (
    "Note | {y} £m | {p} £m",
    "Revenue | 3 | {a} | {b}",
    "Gross profit | {c} | {d}",
)
HK_PDF = (
    "Note | {y} | {p}",
    "RMB'000 | RMB'000",
    "Revenue | 5 | {a} | {b}",
    "Gross profit | {c} | {d}",
)
# A Chinese listed company's balance sheet: 附注 cites the notes (七、1).
CN = (
    "项目 | 附注 | {y}年12月31日 | {p}年12月31日",
    "货币资金 | 七、1 | {a} | {b}",
    "应收账款 | 七、5 | {c} | {d}",
)
CN_PDF = (
    "项目 | 附注 | {y}年12月31日 | {p}年12月31日",
    "货币资金 | 七、1 | {a} | {b}",
    "应收票据 | {c} | {d}",
)


def _statement(rows: tuple[str, ...], year: int, *figures: str) -> tuple[str, ...]:
    a, b, c, d = figures
    return tuple(row.format(y=year, p=year - 1, a=a, b=b, c=c, d=d) for row in rows)


@pytest.mark.parametrize(
    ("rows", "scale", "columns"),
    [
        (UK, "million", ("2018 £m", "2017 £m")),
        (HK, "thousand", ("2018", "2017")),
        (CN, "", ("2018年12月31日", "2017年12月31日")),
        (UK_PDF, "million", ("2018 £m", "2017 £m")),
        (HK_PDF, "thousand", ("2018", "2017")),
        (CN_PDF, "", ("2018年12月31日", "2017年12月31日")),
    ],
    ids=["uk", "hong-kong", "chinese", "uk-pdf", "hong-kong-pdf", "chinese-pdf"],
)
def test_a_statements_note_references_are_no_figures_and_its_units_scale_its_sums(
    rows: tuple[str, ...], scale: str, columns: tuple[str, str]
) -> None:
    """ "Revenue | 3 | 1,250 | 1,100" under "Note | 2018 £m | 2017 £m": 3 cites note 3. It was a
    figure of its own; the heads' unit (£m, RMB'000) is the sums' scale, as a caption's is."""
    metrics = _metrics_of(*_statement(rows, 2018, "1,250", "1,100", "210", "180"))
    assert [(m.text, m.caption_scale, m.column) for m in metrics] == [
        ("1,250", scale, columns[0]),
        ("1,100", scale, columns[1]),
        ("210", scale, columns[0]),
        ("180", scale, columns[1]),
    ]


@pytest.mark.parametrize(
    "rows",
    [UK, HK, CN, UK_PDF, HK_PDF, CN_PDF],
    ids=["uk", "hong-kong", "chinese", "uk-pdf", "hong-kong-pdf", "chinese-pdf"],
)
def test_a_statement_with_a_column_of_notes_moves_on_a_year(rows: tuple[str, ...]) -> None:
    """This year's figure pairs with last year's, whose copy in the new statement is stated
    again, and the oldest column rolls off: the column of notes had put this year's figures one
    cell further on, so that they paired with their own copies (unchanged) and the new year's
    read as new."""
    old = _statement(rows, 2017, "1,250", "1,100", "210", "180")
    new = _statement(rows, 2018, "1,400", "1,250", "260", "210")
    changes = {
        (c.old.text if c.old else None, c.new.text if c.new else None): c
        for c in _comparison(old, new).metrics
    }
    assert set(changes) == {("1,250", "1,400"), ("210", "260"), ("1,100", None), ("180", None)}
    assert changes["1,100", None].rolled_off and changes["180", None].rolled_off


def test_a_roll_forwards_rows_are_of_the_year_their_balance_closes() -> None:
    """A balance is of its date's year; the movements after it, of the year the next balance
    closes. Balances that are not a year apart make no roll-forward, and prose ends one."""
    rows = [
        "Balance at 31 December 2020 | 1,000",
        "Issued | 250",
        "Balance at 31 December 2021 | 1,250",
        "Issued | 300",
        "Redeemed | (50)",
        "Balance at 31 December 2022 | 1,500",
        "The notes are redeemable at par on any interest date after the fifth year of issue.",
        "Issued | 400",
        "Balance at 31 December 2023 | 1,900",
    ]
    assert stacked_years(rows) == {0: 2020, 1: 2021, 2: 2021, 3: 2022, 4: 2022, 5: 2022}
    comma = ["Balance, December 31, 2020 | 9", "Issued | 1", "Balance, December 31, 2021 | 10"]
    assert stacked_years(comma) == {0: 2020, 1: 2021, 2: 2021}
    apart = [
        "Balances as of September 24, 2016 | 5",
        "Net income | 1",
        "Balances as of September 29, 2018 | 6",
    ]
    assert stacked_years(apart) == {}
