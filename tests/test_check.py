"""check: structural findings, rules files and their outputs."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from compare.check import (
    Finding,
    check_structure,
    checks_run,
    findings_junit,
    findings_markdown,
    load_rules,
)
from compare.errors import RulesError
from compare.model import Comparison, Report, Section, Source
from compare.outline import numbering_value
from compare.pipeline import read_report
from tests.conftest import (
    FILING_ROWS,
    SEED_2021,
    SEED_2022,
    corpus_files,
    run_and_ask,
    write_filings,
)

EXAMPLE_RULES = Path(__file__).resolve().parents[1] / "compare" / "rules" / "example.toml"


def report(*sections: Section, warnings: tuple[str, ...] = ()) -> Report:
    return Report(
        title="t",
        org="o",
        year=2022,
        source=Source(path="r.txt"),
        sections=sections,
        warnings=warnings,
    )


def top(i: str, number: str, heading: str, text: str = "正文。", children=()) -> Section:
    return Section(
        id=i,
        number=number,
        heading=heading,
        level=1,
        style="cn-dun",
        text=text,
        sentences=(text,),
        children=tuple(children),
    )


@pytest.mark.parametrize(
    ("number", "value"),
    [
        ("一、", 1),
        ("（十二）", 12),
        ("二十一、", 21),
        ("3.", 3),
        ("PART IV", 4),
        ("Item 1A.", 1),
        ("十、", 10),
        ("一是", 1),
        ("", None),
    ],
    ids=["cn", "paren-12", "cn-21", "arabic", "roman", "item", "ten", "run-in", "none"],
)
def test_numbering_value(number: str, value: int | None) -> None:
    assert numbering_value(number) == value


def test_gap_repeat_empty_and_duplicate_are_found() -> None:
    found = check_structure(
        report(
            top("1", "一、", "甲"),
            top("2", "二、", "乙"),
            top("3", "四、", "丙"),
            top("4", "四、", "乙", text=""),
        ),
        load_rules(None),
    )
    assert [(f.check, f.where) for f in found] == [
        ("structure.numbering", "3"),
        ("structure.numbering", "4"),
        ("structure.duplicates", "4"),
        ("structure.empty", "4"),
    ]
    assert "skips" in found[0].message and "四、 where 3 was expected" in found[0].message


def test_a_run_in_paragraph_of_one_sentence_is_not_empty() -> None:
    """二是大力推进企业组织结构调整和兼并重组，…效率。 is a paragraph of one sentence, read as
    its heading: it has text (the 2009 national report gave three such findings)."""
    paragraph = replace(
        top("1.2", "二是", "大力推进企业组织结构调整和兼并重组", text=""), style="run-in"
    )
    titled = top("2", "二、", "乙", text="")
    found = check_structure(report(top("1", "一、", "甲"), paragraph, titled), load_rules(None))
    assert [(f.check, f.where) for f in found if f.check == "structure.empty"] == [
        ("structure.empty", "2")
    ]


def test_lettered_items_of_a_filing_are_no_numbering_fault() -> None:
    """A 10-K numbers Item 1, 1A, 1B, 2: Item 1A is under 1, not a repeat where 2 was due; a
    lettered item with no item of its number before it is still out of place."""

    def item(i: str, number: str) -> Section:
        return replace(top(i, number, "Business"), style="en-item", heading=f"Heading {i}")

    filing = [
        item("1", "Item 1."),
        item("2", "Item 1A."),
        item("3", "Item 1B."),
        item("4", "Item 2."),
    ]
    assert check_structure(report(*filing), load_rules(None)) == []
    found = check_structure(report(filing[0], item("2", "Item 3A.")), load_rules(None))
    assert [(f.check, f.where) for f in found] == [("structure.numbering", "2")]


def test_a_numbering_that_restarts_as_a_new_run_is_no_numbering_fault(tmp_path: Path) -> None:
    """The review's 一、二、 and the plan's 一、二、 with no part headings over them: the outline
    reads the plan as a new run of sections, and its 一、 is not a repeat where 三、 was due
    (the headings alike are still duplicates)."""
    path = tmp_path / "runs-2022.txt"
    path.write_text(
        "某县人民政府2022年工作报告\n一、经济发展\n全年规上工业产值增长11%。\n二、社会事业\n"
        "新建学校6所。\n一、经济发展\n力争规上工业产值增长9%。\n二、社会事业\n计划新建学校4所。\n",
        encoding="utf-8",
    )
    found = check_structure(read_report(path), load_rules(None))
    assert [(f.check, f.where) for f in found] == [
        ("structure.duplicates", "3"),
        ("structure.duplicates", "4"),
    ]


def test_a_repeated_number_is_a_numbering_finding(tmp_path: Path) -> None:
    """二、立德树人 then 二、双减, and （二） twice: `compare check` had said "no findings" (each
    second heading read as the first's text); each repeat is found as a skip is."""
    import json

    from click.testing import CliRunner

    from compare.cli import cli

    path = tmp_path / "rep-2022.txt"
    path.write_text(
        "某市教育局2022年工作总结\n一、党建引领\n（一）组织建设\n全年新建学校15所。\n"
        "（二）队伍建设\n完成项目20个。\n（二）作风建设\n完成项目25个。\n二、立德树人\n"
        "完成项目30个。\n二、双减\n完成项目35个。\n四、其他\n人数达到350人。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", str(path), "--json", "-"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"] == [
        {
            "check": "structure.numbering",
            "where": "3",
            "message": "numbering repeats in top level: 二、 where 3 was expected",
        },
        {
            "check": "structure.numbering",
            "where": "4",
            "message": "numbering skips in top level: 四、 where 3 was expected",
        },
        {
            "check": "structure.numbering",
            "where": "1.3",
            "message": "numbering repeats in section 1: （二） where 3 was expected",
        },
    ]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_published_reports_break_no_numbering(path: Path) -> None:
    """Every corpus report is numbered as published: a CI job checking one must not fail it
    (Apple's Item 1A once read as a repeat where Item 2 was due)."""
    found = check_structure(read_report(path), load_rules(None))
    assert [f.message for f in found if f.check == "structure.numbering"] == []


def test_clean_report_has_no_findings() -> None:
    assert (
        check_structure(report(top("1", "一、", "甲"), top("2", "二、", "乙")), load_rules(None))
        == []
    )


def test_second_rendition_warning_is_a_finding_unless_switched_off(tmp_path: Path) -> None:
    r = report(top("1", "一、", "甲"), warnings=("a second, partial rendition … was set aside",))
    assert [f.check for f in check_structure(r, load_rules(None))] == ["structure.renditions"]
    rules = tmp_path / "r.toml"
    rules.write_text("[structure]\nrenditions = false\n", encoding="utf-8")
    assert check_structure(r, load_rules(rules)) == []


def test_a_heading_repeated_is_a_finding_unless_switched_off(tmp_path: Path) -> None:
    """二、乙 twice (the second read into the first's text, with a warning) had passed the check:
    it is a duplicated heading, as two sibling headings alike are."""
    path = tmp_path / "twice-2022.txt"
    path.write_text(
        "某市统计局2022年工作总结\n一、甲\n内容一。\n二、乙\n内容二。\n二、乙\n内容三。\n"
        "三、丙\n内容四。\n",
        encoding="utf-8",
    )
    found = check_structure(read_report(path), load_rules(None))
    assert [(f.check, f.message) for f in found] == [
        (
            "structure.duplicates",
            "heading 二、乙 appears twice; the text may hold a second copy of the report",
        )
    ]
    rules = tmp_path / "r.toml"
    rules.write_text("[structure]\nduplicates = false\n", encoding="utf-8")
    assert check_structure(read_report(path), load_rules(rules)) == []


def test_damaged_bytes_are_a_finding_unless_switched_off(tmp_path: Path) -> None:
    """A report cut off inside a character reads (see ingest.decode_bytes); a CI job is told."""
    path = tmp_path / "cut-2021.txt"
    data = "某局2021年工作总结\n一、学校建设\n全市新建学校12所，投入资金3.6亿元。\n".encode()
    path.write_bytes(data[:-2])  # the first two of 。's three bytes
    found = check_structure(read_report(path), load_rules(None))
    assert [(f.check, f.message) for f in found if f.check == "structure.damaged"] == [
        (
            "structure.damaged",
            f"bytes not UTF-8 in 1 place (the first at byte {len(data) - 4:,}), read as \ufffd",
        )
    ]
    rules = tmp_path / "r.toml"
    rules.write_text("[structure]\ndamaged = false\n", encoding="utf-8")
    assert "structure.damaged" not in {
        f.check for f in check_structure(read_report(path), load_rules(rules))
    }
    data = "某局2021年工作总结\n一、学校建设\n全市新建学校12所，投入资金3.6亿元。\n".encode("gbk")
    path.write_bytes(data[:-2])  # the first of 。's two bytes
    found = check_structure(read_report(path), load_rules(None))
    assert [(f.check, f.message) for f in found if f.check == "structure.damaged"] == [
        (
            "structure.damaged",
            f"bytes not GB18030 in 1 place (the first at byte {len(data) - 3:,}), read as \ufffd",
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[sections\n", "not valid TOML"),
        ("[colours]\nred = 1\n", "unknown table [colours]"),
        ("[sections]\nmax_gone = 1\n", "unknown key sections.max_gone"),
        ('[sections]\nmax_removed = "two"\n', "sections.max_removed must be a int"),
        ("[metrics]\nmax_fall_pct = true\n", "metrics.max_fall_pct must be a"),
        ("[[metrics.rule]]\nmin = 3\n", "needs a label"),
        ('[[metrics.rule]]\nlabel = "x"\nmin = "abc"\n', "[[metrics.rule]] min must be a number"),
        ('[[metrics.rule]]\nlabel = "x"\nmust_keep = 3\n', "must_keep must be a bool"),
        ("[metrics]\nmax_fall_points = [1]\n", "metrics.max_fall_points must be a number"),
        ('[[metrics.rule]]\nlabel = "x"\ncolumn = 2019\n', "column must be a str"),
        (
            "[metrics]\nmax_fall_pct = nan\n",
            "metrics.max_fall_pct must be a finite number, not nan",
        ),
        (
            '[[metrics.rule]]\nlabel = "x"\nmin = nan\n',
            "rule]] min must be a finite number, not nan",
        ),
        ("[similarity]\nmin = nan\n", "similarity.min must be a finite number, not nan"),
        (
            "[metrics]\nmax_rise_points = 1e400\n",
            "max_rise_points must be a finite number, not inf",
        ),
        ("[metrics]\nmax_fall_pct = -5\n", "metrics.max_fall_pct must be at least 0, not -5"),
        (
            '[[metrics.rule]]\nlabel = "x"\nmax_fall_points = -1\n',
            "max_fall_points must be at least 0",
        ),
        ("[sections]\nmax_removed = -1\n", "sections.max_removed must be at least 0, not -1"),
        ("[similarity]\nmin_carried_over = 101\n", "min_carried_over must be at most 100, not 101"),
        (
            '[[metrics.rule]]\nlabel = ""\nmin = 1\n',
            '[[metrics.rule]] label is empty (every figure\'s label holds "")',
        ),
        (
            '[[metrics.rule]]\nlabel = "学校"\nmin = 10\nmax = 5\n',
            "[[metrics.rule]] “学校” has min = 10 above max = 5: no figure can pass",
        ),
        (
            '[[metrics.rule]]\nlabel = "学校"\ncolumn = "Total"\nmust_keep = false\n',
            "[[metrics.rule]] “学校” checks nothing: give it one of min, max, max_fall_pct, "
            "max_fall_points, max_rise_pct, max_rise_points or must_keep = true",
        ),
        (
            '[sections]\nrequired = ["党的领导", " "]\n',
            'sections.required holds an empty string "", which every heading holds',
        ),
        (
            '[metrics]\nmust_keep = [""]\n',
            'metrics.must_keep holds an empty string "", which every figure\'s label holds',
        ),
    ],
    ids=[
        "syntax",
        "table",
        "key",
        "type",
        "bool",
        "rule-label",
        "rule-min",
        "rule-keep",
        "points",
        "rule-column",
        "nan",
        "rule-nan",
        "similarity-nan",
        "inf",
        "negative",
        "rule-negative",
        "removed-negative",
        "similarity-past-100",
        "rule-empty-label",
        "rule-min-above-max",
        "rule-no-condition",
        "required-empty",
        "must-keep-empty",
    ],
)
def test_malformed_rules_name_file_and_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(path)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)


def test_a_rules_value_of_nan_is_an_input_error_not_a_traceback(tmp_path: Path) -> None:
    """`max_fall_pct = nan` had ended `compare check` with a traceback (InvalidOperation) and
    exit 1; a rule's min may still be below zero (下降1.7% is −1.7%)."""
    from click.testing import CliRunner

    from compare.cli import cli

    rules = tmp_path / "rules.toml"
    rules.write_text("[metrics]\nmax_fall_pct = nan\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "2022", "--against", "2021", "--rules", str(rules)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {rules}: metrics.max_fall_pct must be a finite number, not nan"
    ]
    rules.write_text('[[metrics.rule]]\nlabel = "x"\nmin = -2\n', encoding="utf-8")
    assert load_rules(rules).metric_rules[0]["min"] == -2


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ('label = "学校"', "“学校” checks nothing: give it one of min, max"),
        ('label = "学校"\nmin = 10\nmax = 5', "“学校” has min = 10 above max = 5"),
    ],
    ids=["no-condition", "min-above-max"],
)
def test_a_rule_no_figure_can_fail_or_pass_is_an_input_error(
    tmp_path: Path, rule: str, problem: str
) -> None:
    """A rule with a label alone had checked nothing, and one with min above max had failed
    every figure, each with no word of the rule: now one Error line and exit 2."""
    from click.testing import CliRunner

    from compare.cli import cli

    rules = tmp_path / "rules.toml"
    rules.write_text(f"[[metrics.rule]]\n{rule}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "2022", "--against", "2021", "--rules", str(rules)])
    assert (result.exit_code, result.stdout) == (2, "")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {rules}: [[metrics.rule]] {problem}")


def test_rules_on_the_comparison_need_the_old_report(tmp_path: Path) -> None:
    """`compare check 2022 --rules rules.toml` had run the structural checks alone and passed,
    a required heading missing or not: rules that need --against are now an input error, and a
    file of [structure] switches alone still serves without it."""
    from click.testing import CliRunner

    from compare.cli import cli

    rules = tmp_path / "rules.toml"
    rules.write_text('[sections]\nrequired = ["不存在的标题"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "2022", "--rules", str(rules)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"Error: {rules}: [sections] needs --against OLD (without it, only [structure] is checked)"
    ]
    result = CliRunner().invoke(cli, ["check", "2022", "--against", "2021", "--rules", str(rules)])
    assert result.exit_code == 1
    assert "[sections.required] no section heading contains “不存在的标题”" in result.stdout
    rules.write_text(
        "[structure]\nnumbering = false\n[metrics]\nrestated = false\nmust_keep = []\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", "2022", "--rules", str(rules)])
    assert (result.exit_code, result.stderr) == (0, "")
    with pytest.raises(RulesError, match=r": \[sections\], \[metrics\], \[similarity\] need"):
        load_rules(EXAMPLE_RULES, with_comparison=False)


def test_a_rules_file_that_never_ends_is_refused_not_read_whole(tmp_path: Path) -> None:
    """`--rules /dev/zero` (or a pipe that keeps writing) is cut off at the limit with a
    one-line error, not read until memory runs out; a rules file not UTF-8 is named too."""
    from compare.check import RULES_MAX_BYTES

    with pytest.raises(RulesError) as err:
        load_rules(Path("/dev/zero"))
    assert str(err.value) == (
        f"/dev/zero: too large for a rules file (more than {RULES_MAX_BYTES:,} bytes)"
    )
    big = tmp_path / "big.toml"
    big.write_text("# padding\n" * (RULES_MAX_BYTES // 10 + 1), encoding="utf-8")
    with pytest.raises(RulesError, match="too large for a rules file"):
        load_rules(big)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b"[sections]\nrequired = ['caf\xe9']\n")
    with pytest.raises(RulesError, match=f"^{latin}: cannot read the rules file .*utf-8"):
        load_rules(latin)
    from click.testing import CliRunner

    from compare.cli import cli

    result = CliRunner().invoke(cli, ["check", "2022", "--rules", "/dev/zero"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: /dev/zero: too large for a rules file (more than {RULES_MAX_BYTES:,} bytes)"
    ]


def test_metric_rule_bounds_the_figure_not_its_rank(tmp_path: Path) -> None:
    from decimal import Decimal

    from compare.check import check_comparison
    from compare.model import Comparison, Metric, MetricChange, MetricKind, MetricStatus

    def change(kind: MetricKind, old: str, new: str, unit: str) -> MetricChange:
        def metric(value: str) -> Metric:
            return Metric(
                value=Decimal(value), unit=unit, kind=kind, label="家长满意度", text=value
            )

        return MetricChange(
            status=MetricStatus.CHANGED,
            label="家长满意度",
            kind=kind,
            old=metric(old),
            new=metric(new),
            relative=(Decimal(new) - Decimal(old)) / Decimal(old),
        )

    comparison = Comparison(
        old=report(),
        new=report(),
        metrics=(
            change(MetricKind.PERCENT, "98.8", "94.0", "%"),
            change(MetricKind.RANK, "2", "1", "全省"),
        ),
    )
    rules = tmp_path / "rules.toml"
    rules.write_text('[[metrics.rule]]\nlabel = "家长满意度"\nmin = 95\n', encoding="utf-8")
    found = check_comparison(comparison, load_rules(rules))
    assert [f.message for f in found] == ["家长满意度 is 94.0%, below 95"]
    rules.write_text(
        '[[metrics.rule]]\nlabel = "家长满意度"\nkind = "rank"\nmax = 1\n', encoding="utf-8"
    )
    assert check_comparison(comparison, load_rules(rules)) == []
    rules.write_text('[[metrics.rule]]\nlabel = "x"\nkind = "colour"\n', encoding="utf-8")
    with pytest.raises(RulesError, match="kind must be one of"):
        load_rules(rules)


def test_a_metric_rule_may_name_a_table_column(tmp_path: Path) -> None:
    """Five sums of one row share a label: `column` picks one ("Total"), and the findings name
    the figure with its column."""
    from compare.check import check_comparison
    from compare.pipeline import compare_reports

    rows = {
        2017: "Due in 2018 | Due later | Total\n\nTerm debt | $6,500 | $97,521 | $104,021",
        2018: "Due in 2019 | Total\n\nTerm debt | $8,797 | $90,000",
    }
    paths = write_filings(tmp_path, rows)
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[metrics.rule]]\nlabel = "Term debt"\ncolumn = "Total"\nmin = 100000\n'
        '[[metrics.rule]]\nlabel = "Term debt"\ncolumn = "Due later"\nmust_keep = true\n',
        encoding="utf-8",
    )
    found = check_comparison(comparison, load_rules(rules))
    assert [f.message for f in found] == [
        "Term debt · Total is $90,000, below 100000",
        "the figure “Term debt · Due later” is missing",
    ]
    rules.write_text('[[metrics.rule]]\nlabel = "Term debt"\nmin = 100000\n', encoding="utf-8")
    assert [f.message for f in check_comparison(comparison, load_rules(rules))] == [
        "Term debt · Due in 2019 is $8,797, below 100000",
        "Term debt · Total is $90,000, below 100000",
    ]


def test_a_metric_rule_bounds_the_years_own_cell_of_a_row(tmp_path: Path) -> None:
    """A rule on "Total net sales" in millions had bounded every cell of the row: "Total net
    sales · Change is 16%, below 250000 million" and "· 2016 is $215,639 million, below …".
    It bounds this year's cell; a past year's or a change's only when `column` names it, and a
    bound in a scale no percent."""
    from compare.check import check_comparison
    from compare.pipeline import compare_reports

    heads = {
        2017: "2017 | Change | 2016 | Change | 2015",
        2018: "2018 | Change | 2017 | Change | 2016",
    }
    rows = {
        2017: "Total net sales | $229,234 | 6% | $215,639 | (8)% | $233,715",
        2018: "Total net sales | $265,595 | 16% | $229,234 | 6% | $215,639",
    }
    caption = "The following table shows net sales (dollars in millions):"
    paths = write_filings(
        tmp_path, {year: f"{caption}\n\n{heads[year]}\n\n{rows[year]}" for year in rows}
    )
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    rules = tmp_path / "rules.toml"

    def found(rule: str) -> list[str]:
        rules.write_text(f'[[metrics.rule]]\nlabel = "Total net sales"\n{rule}\n', encoding="utf-8")
        return [f.message for f in check_comparison(comparison, load_rules(rules))]

    assert found('min = 250000\nscale = "million"') == []
    assert found('min = 300000\nscale = "million"') == [
        "Total net sales · 2018 is $265,595 million, below 300000 million"
    ]
    assert found("max = 10") == ["Total net sales · 2018 is $265,595 million, above 10"]
    assert found('column = "Change"\nmax = 10') == ["Total net sales · Change is 16%, above 10"]
    assert found('column = "2016"\nmin = 250000\nscale = "million"') == [
        "Total net sales · 2016 is $215,639 million, below 250000 million"
    ]


def _two_summaries(tmp_path: Path, old: str, new: str) -> Comparison:
    """Compare two years' work summaries of one section, whose text is given (2021, 2022)."""
    from compare.pipeline import compare_reports, read_report

    paths = []
    for year, body in ((2021, old), (2022, new)):
        paths.append(tmp_path / f"summary-{year}.txt")
        paths[-1].write_text(f"某局{year}年工作总结\n\n一、主要工作\n\n{body}\n", encoding="utf-8")
    return compare_reports(read_report(paths[0]), read_report(paths[1]))


def test_a_label_names_the_figure_called_so_before_those_whose_label_holds_it(
    tmp_path: Path,
) -> None:
    """学生满意度 dropped while 学生满意度调查覆盖率 stayed had been no finding, and a rule for
    学生满意度 had bounded the other: the figure labelled so is the one checked. A label no figure
    has finds those whose label holds it, and the finding says which."""
    from compare.check import check_comparison

    comparison = _two_summaries(
        tmp_path,
        "学生满意度为98%。学生满意度调查覆盖率达到60%。家长满意度为97%。",
        "学生满意度调查覆盖率达到70%。",
    )
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[metrics]\nmust_keep = ["学生满意度", "家长"]\n'
        '[[metrics.rule]]\nlabel = "学生满意度"\nmust_keep = true\nmin = 95\n'
        '[[metrics.rule]]\nlabel = "覆盖率"\nmin = 95\n',
        encoding="utf-8",
    )
    found = [(f.check, f.message) for f in check_comparison(comparison, load_rules(rules))]
    assert found == [
        ("metrics.must_keep", "the figure “学生满意度” disappeared"),
        ("metrics.must_keep", "the figure “家长” (found as “家长满意度”) disappeared"),
        ("metrics.rule", "the figure “学生满意度” is missing"),
        ("metrics.rule", "学生满意度调查覆盖率 is 70%, below 95"),
    ]


def test_a_rule_that_finds_no_figure_in_either_report_is_a_finding(tmp_path: Path) -> None:
    """A label mistyped (家长满意 for 家长满意度 is found: it holds it; 家长满意率 is not) had
    disabled its rule, and the check passed: a rule that finds no figure in either report is
    a finding (the job fails), as is a kind no figure of the label has. A figure of the old
    report alone is no such finding: it disappeared, which only must_keep forbids."""
    from click.testing import CliRunner

    from compare.cli import cli

    paths = []
    for year, body in ((2021, "家长满意度为97%。学生满意度为98%。"), (2022, "家长满意度为96%。")):
        paths.append(tmp_path / f"summary-{year}.txt")
        paths[-1].write_text(f"某局{year}年工作总结\n\n一、主要工作\n\n{body}\n", encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[metrics]\nmust_keep = ["家长满意率"]\n'
        '[[metrics.rule]]\nlabel = "家长满意率"\nmin = 95\n'
        '[[metrics.rule]]\nlabel = "家长满意度"\nkind = "money"\nmust_keep = true\n'
        '[[metrics.rule]]\nlabel = "家长满意"\nmin = 95\n'
        '[[metrics.rule]]\nlabel = "学生满意度"\nmin = 95\n',
        encoding="utf-8",
    )
    args = ["check", str(paths[1]), "--against", str(paths[0]), "--rules", str(rules)]
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.splitlines()[1:] == [
        "  [metrics.must_keep] no figure “家长满意率” in either report: the rule checks nothing",
        "  [metrics.rule] no figure “家长满意率” in either report: the rule checks nothing",
        "  [metrics.rule] no figure “家长满意度” (money) in either report: the rule checks nothing",
    ]


def test_a_rules_bounds_count_in_base_units_or_in_the_scale_it_names(tmp_path: Path) -> None:
    """1.3万亿元 had been found "below 1250" (its 1.3 against 1250): a rule's min and max count
    in base units (元), or in its `scale` (亿: 1.3万亿元 is 13000亿)."""
    from compare.check import check_comparison

    comparison = _two_summaries(
        tmp_path,
        "全市生产总值达到1200亿元。失业率为3.2%。",
        "全市生产总值达到1.3万亿元。失业率为3.5%。",
    )
    rules = tmp_path / "rules.toml"

    def found(rule: str) -> list[str]:
        rules.write_text(f'[[metrics.rule]]\nlabel = "生产总值"\n{rule}\n', encoding="utf-8")
        return [f.message for f in check_comparison(comparison, load_rules(rules))]

    assert found("min = 1250") == []
    assert found("max = 1200000000000") == ["生产总值 is 1.3万亿元, above 1200000000000"]
    assert found('scale = "亿"\nmin = 1250') == []
    assert found('scale = "亿"\nmin = 14000\nmax = 20000') == [
        "生产总值 is 1.3万亿元, below 14000亿"
    ]
    rules.write_text('[[metrics.rule]]\nlabel = "失业率"\nmax = 3.4\n', encoding="utf-8")
    assert [f.message for f in check_comparison(comparison, load_rules(rules))] == [
        "失业率 is 3.5%, above 3.4"
    ]
    rules.write_text('[[metrics.rule]]\nlabel = "x"\nscale = "亿元"\n', encoding="utf-8")
    with pytest.raises(RulesError, match="scale must be one of .*亿, 万亿.*, not '亿元'"):
        load_rules(rules)


def test_a_bound_in_a_scale_is_no_bound_on_a_percent(tmp_path: Path) -> None:
    """生产总值's growth (增长8%) shares its label: a bound of 14000亿 had found it "+8%, below
    14000亿" beside the sum itself. A bound in a scale is an amount, which no percent is."""
    from compare.check import check_comparison

    comparison = _two_summaries(
        tmp_path,
        "全市生产总值达到1.2万亿元，比上年增长6%。",
        "全市生产总值达到1.3万亿元，比上年增长8%。",
    )
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[metrics.rule]]\nlabel = "生产总值"\nscale = "亿"\nmin = 14000\n', encoding="utf-8"
    )
    assert [f.message for f in check_comparison(comparison, load_rules(rules))] == [
        "生产总值 is 1.3万亿元, below 14000亿"
    ]


def test_falls_are_found_and_written_as_the_summary_writes_changes(tmp_path: Path) -> None:
    """A fall past the limit names the figure with both values and its change (a percent's in
    points too); a rule for one figure holds it to its own limit; a rise is no finding."""
    from compare.check import check_comparison

    comparison = _two_summaries(
        tmp_path,
        "家长满意度达98%。全市新建学校20所。招收学生1000人。",
        "家长满意度达90%。全市新建学校12所。招收学生1500人。",
    )
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[metrics]\nmax_fall_pct = 30\n\n[[metrics.rule]]\nlabel = "家长满意度"\nmax_fall_pct = 5\n',
        encoding="utf-8",
    )
    found = [(f.check, f.message) for f in check_comparison(comparison, load_rules(rules))]
    assert found == [
        ("metrics.max_fall_pct", "新建学校: 20所 → 12所 (−8所, −40.0%) falls 40.0% (at most 30%)"),
        ("metrics.rule", "家长满意度: 98% → 90% (−8 pp, −8.2%) falls 8.2% (at most 5%)"),
    ]


def test_a_restated_figure_is_no_fall(tmp_path: Path) -> None:
    """A filing's 2016 column told otherwise than last filing's did not fall over the year:
    only this year's figure against last year's is held to the limit."""
    from compare.check import check_comparison
    from compare.pipeline import compare_reports, read_report

    falling = FILING_ROWS[2018].replace("$265,595", "$165,595").replace("(745)", "300")
    paths = write_filings(tmp_path, {2017: FILING_ROWS[2017], 2018: falling})
    rules = tmp_path / "rules.toml"
    rules.write_text("[metrics]\nmax_fall_pct = 20\n", encoding="utf-8")
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    assert any(change.restated for change in comparison.metrics)
    found = [f.where for f in check_comparison(comparison, load_rules(rules))]
    assert found == ["Net sales"]


def test_restatements_are_findings_when_asked_for(tmp_path: Path) -> None:
    """`restated = true` reports each past year's figure that the new filing tells otherwise,
    written as the summary writes changes; without it, restatements are no finding."""
    from compare.check import check_comparison
    from compare.pipeline import compare_reports, read_report

    paths = write_filings(tmp_path)
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    rules = tmp_path / "rules.toml"
    rules.write_text("[metrics]\nrestated = true\n", encoding="utf-8")
    found = [(f.check, f.message) for f in check_comparison(comparison, load_rules(rules))]
    assert found == [
        ("metrics.restated", "Other: 220 → −124 (−344, —): the same year's figure, told otherwise"),
        (
            "metrics.restated",
            "Other: −110 → −924 (−814, −740.0%): the same year's figure, told otherwise",
        ),
    ]
    assert "metrics.restated" in checks_run(load_rules(rules), with_comparison=True)
    rules.write_text("[metrics]\nrestated = 1\n", encoding="utf-8")
    with pytest.raises(RulesError, match="metrics.restated must be a bool"):
        load_rules(rules)
    assert check_comparison(comparison, load_rules(None)) == []


def test_a_row_renamed_is_no_restatement(tmp_path: Path) -> None:
    """A 10-K's "Total term debt" row became "Non-current portion of term debt" (the current
    portion left out): its 2017 and 2016 told otherwise had been three restatement findings,
    "Non-current portion of term debt · 2017: $103,703 → $97,207 …: the same year's figure,
    told otherwise". Another measure is no restatement; a row of one name still is."""
    from compare.check import check_comparison
    from compare.pipeline import compare_reports

    heads = {2017: "2017 | 2016 | 2015 | 2014", 2018: "2018 | 2017 | 2016 | 2015"}
    rows = {
        2017: "Total assets | $375,319 | $321,686 | $290,345 | $231,839\n\n"
        "Commercial paper | $11,977 | $8,105 | $8,499 | $6,308\n\n"
        "Total term debt | $103,703 | $78,927 | $55,829 | $28,987\n\n"
        "Other | $220 | $(110) | $(26) | $(30)",
        2018: "Total assets | $365,725 | $375,319 | $321,686 | $290,345\n\n"
        "Non-current portion of term debt | $93,735 | $97,207 | $75,427 | $55,829\n\n"
        "Other | $(745) | $(124) | $(110) | $(26)",
    }
    paths = write_filings(tmp_path, {year: f"{heads[year]}\n\n{rows[year]}" for year in rows})
    comparison = compare_reports(read_report(paths[0]), read_report(paths[1]))
    assert {c.label_was for c in comparison.metrics if c.restated} == {"", "Total term debt"}
    rules = tmp_path / "rules.toml"
    rules.write_text("[metrics]\nrestated = true\n", encoding="utf-8")
    assert [f.message for f in check_comparison(comparison, load_rules(rules))] == [
        "Other · 2017: $220 → −$124 (−$344, —): the same year's figure, told otherwise"
    ]


def test_a_percent_may_be_held_to_a_fall_in_points(tmp_path: Path) -> None:
    """max_fall_points bounds the fall of a percent in percentage points, for every figure or
    for one; figures of other units have no points to fall by."""
    from compare.check import check_comparison

    comparison = _two_summaries(
        tmp_path, "家长满意度达98%。全市新建学校20所。", "家长满意度达90%。全市新建学校2所。"
    )
    rules = tmp_path / "rules.toml"
    rules.write_text("[metrics]\nmax_fall_points = 5\n", encoding="utf-8")
    found = [(f.check, f.message) for f in check_comparison(comparison, load_rules(rules))]
    assert found == [
        (
            "metrics.max_fall_points",
            "家长满意度: 98% → 90% (−8 pp, −8.2%) falls 8 points (at most 5 points)",
        )
    ]
    rules.write_text(
        '[[metrics.rule]]\nlabel = "家长满意度"\nmax_fall_points = 10\n', encoding="utf-8"
    )
    assert check_comparison(comparison, load_rules(rules)) == []
    assert "metrics.max_fall_points" in checks_run(load_rules(rules), with_comparison=True)


def test_a_change_stated_is_held_to_points_not_to_a_share_of_itself(tmp_path: Path) -> None:
    """单位生产总值能耗下降4.8% a year on 下降5.6% (a deeper cut) read "falls 16.7%" under
    max_fall_pct, as if energy use per unit had risen; a stated change is held to
    max_fall_points only. A count's fall is still a share of its value."""
    from compare.check import check_comparison

    comparison = _two_summaries(
        tmp_path,
        "单位生产总值能耗下降4.8%。全市新建学校20所。",
        "单位生产总值能耗下降5.6%。全市新建学校2所。",
    )
    rules = tmp_path / "rules.toml"
    rules.write_text("[metrics]\nmax_fall_pct = 10\n", encoding="utf-8")
    found = [(f.check, f.where) for f in check_comparison(comparison, load_rules(rules))]
    assert found == [("metrics.max_fall_pct", "新建学校")]
    rules.write_text("[metrics]\nmax_fall_points = 0.5\n", encoding="utf-8")
    found = [(f.check, f.where) for f in check_comparison(comparison, load_rules(rules))]
    assert found == [("metrics.max_fall_points", "单位生产总值能耗")]


def test_a_rise_past_its_limit_is_a_finding(tmp_path: Path) -> None:
    """A figure that rose more than `max_rise_pct` of its value (a scale mistyped: 3.5亿元 for
    3.5万元), or a percent more than `max_rise_points`, is a finding, for every figure or for
    one; a fall is none of theirs."""
    from compare.check import check_comparison

    comparison = _two_summaries(
        tmp_path,
        "家长满意度达60%。奖励资金3.5万元。全市新建学校20所。",
        "家长满意度达90%。奖励资金3.5亿元。全市新建学校12所。",
    )
    rules = tmp_path / "rules.toml"
    rules.write_text("[metrics]\nmax_rise_pct = 500\nmax_rise_points = 20\n", encoding="utf-8")
    found = [(f.check, f.where) for f in check_comparison(comparison, load_rules(rules))]
    assert found == [
        ("metrics.max_rise_points", "家长满意度"),
        ("metrics.max_rise_pct", "奖励资金"),
    ]
    message = check_comparison(comparison, load_rules(rules))[1].message
    assert message.endswith("rises 999900.0% (at most 500%)")
    assert "metrics.max_rise_pct" in checks_run(load_rules(rules), with_comparison=True)
    rules.write_text(
        '[[metrics.rule]]\nlabel = "家长满意度"\nmax_rise_points = 25\n', encoding="utf-8"
    )
    assert [f.check for f in check_comparison(comparison, load_rules(rules))] == ["metrics.rule"]
    assert "metrics.max_rise_pct" not in checks_run(load_rules(rules), with_comparison=True)


def test_similarity_rules_bound_the_vocabulary_and_the_text_carried_over(tmp_path: Path) -> None:
    from compare.check import check_comparison
    from compare.model import Comparison

    comparison = Comparison(old=report(), new=report(), similarity=91.7, carried_over=6.2)
    rules = tmp_path / "rules.toml"
    rules.write_text("[similarity]\nmin = 80\nmin_carried_over = 5\n", encoding="utf-8")
    assert check_comparison(comparison, load_rules(rules)) == []
    rules.write_text("[similarity]\nmin = 95\nmin_carried_over = 10\n", encoding="utf-8")
    found = check_comparison(comparison, load_rules(rules))
    assert [(f.check, f.message) for f in found] == [
        ("similarity.min", "overall similarity 92 is below 95"),
        ("similarity.min_carried_over", "6% of the text is carried over, below 10%"),
    ]
    # Rounded to whole numbers, 78.87 and 84.94 had read 79 and 85: above their limits
    close = replace(comparison, similarity=78.87, carried_over=84.94)
    rules.write_text("[similarity]\nmin = 78.9\nmin_carried_over = 84.95\n", encoding="utf-8")
    assert [f.message for f in check_comparison(close, load_rules(rules))] == [
        "overall similarity 78.87 is below 78.9",
        "84.9% of the text is carried over, below 84.95%",
    ]
    rules.write_text('[similarity]\nmin_carried_over = "half"\n', encoding="utf-8")
    with pytest.raises(RulesError, match="min_carried_over"):
        load_rules(rules)


def test_example_rules_file_loads() -> None:
    rules = load_rules(EXAMPLE_RULES)
    assert rules.max_removed == 2 and rules.required == ("党的领导", "队伍建设")
    assert rules.metric_rules[0]["label"] == "家长满意度"


def test_markdown_findings_read_as_written_in_a_job_summary() -> None:
    """A job summary renders Markdown: a heading's markup ("**", "[…](…)", "__", "<b>") and a
    table's bar show as written, in their own cell, not as bold, a link or a new column."""
    from bs4 import BeautifulSoup
    from markdown_it import MarkdownIt

    heading = "<b>甲</b> **乙** [丙](javascript:x) __init__ a|b"
    twice = report(top("1", "一、", heading), top("2", "二、", heading))
    found = check_structure(twice, load_rules(None))
    assert any(heading in f.message for f in found)
    markdown = findings_markdown(found, subject="r_1.txt")
    soup = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(markdown), "html.parser")
    assert soup.find(["a", "b", "strong", "em"]) is None
    assert soup.h3.get_text() == "compare check: r_1.txt"
    assert soup.p.get_text() == "1 finding."
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")]
    assert [len(row) for row in rows] == [3] * len(found)
    assert [row[2] for row in rows] == [f.message for f in found]


def test_markdown_and_junit_outputs() -> None:
    r = report(top("1", "一、", "<b>甲</b>"), top("2", "三、", "乙"))
    found = check_structure(r, load_rules(None))
    md = findings_markdown(found, subject="r.txt")
    assert "| structure.numbering | 2 |" in md and "<b>" not in md
    xml = findings_junit(
        found, subject="r.txt", checks=checks_run(load_rules(None), with_comparison=False)
    )
    suite = ET.fromstring(xml)
    assert suite.get("failures") == "1"
    failed = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failed == ["structure.numbering"]
    assert textwrap.dedent(findings_markdown([], subject="r.txt")).endswith("No findings.\n")


def test_a_check_imports_the_xml_writer_and_the_rules_reader_only_when_asked(
    tmp_path: Path,
) -> None:
    """A CI job runs `compare check` on every report: xml.sax.saxutils (for --junit) imports
    urllib, http and email, some 20 ms of a 0.29 s run; tomllib is for --rules."""
    rules = tmp_path / "rules.toml"
    rules.write_text("[structure]\nnumbering = true\n", encoding="utf-8")
    imported = []
    for more in ([], ["--junit", str(tmp_path / "check.xml"), "--rules", str(rules)]):
        args = ["check", "2022", "--against", "2021", "--json", str(tmp_path / "check.json")]
        done, answer = run_and_ask(
            [*args, *more], "['xml.sax.saxutils' in sys.modules, 'tomllib' in sys.modules]"
        )
        assert done.returncode in (0, 1), done.stderr
        imported.append(answer)
    assert imported == [[False, False], [True, True]]
    assert ET.parse(tmp_path / "check.xml").getroot().tag == "testsuite"


def test_a_checks_findings_are_worded_without_jinja2(tmp_path: Path) -> None:
    """Findings are worded by render's functions, but no template is rendered: importing jinja2
    cost `compare check` with findings 30-40 ms of a 0.25-0.4 s run."""
    rules = tmp_path / "rules.toml"
    rules.write_text("[metrics]\nmax_fall_pct = 10\n", encoding="utf-8")
    report = tmp_path / "check.md"
    args = ["check", "2022", "--against", "2021", "--rules", str(rules), "--md", str(report)]
    done, imported = run_and_ask(args, "'jinja2' in sys.modules")
    assert done.returncode == 1, done.stderr  # findings: figures that fell more than 10%
    assert "(at most 10%)" in report.read_text(encoding="utf-8")
    assert imported is False


def test_every_check_that_finds_is_a_test_case_and_counted_as_failed(tmp_path: Path) -> None:
    """Rules strict enough that every limit is passed: each finding's check is a JUnit test case
    and in the JSON's `checks`, and the failures counted are the test cases that failed
    (`similarity.min_carried_over` had been a failure counted with no test case of its own)."""
    from compare.check import check_comparison, findings_json
    from compare.pipeline import compare_reports

    rules = tmp_path / "rules.toml"
    rules.write_text(
        "[sections]\nmax_removed = 0\nmax_added = 0\n"
        "[metrics]\nmax_fall_pct = 0\nmax_rise_pct = 0\nmax_fall_points = 0\n"
        "max_rise_points = 0\n"
        "[similarity]\nmin = 100\nmin_carried_over = 100\n",
        encoding="utf-8",
    )
    comparison = compare_reports(read_report(SEED_2021), read_report(SEED_2022))
    found = check_comparison(comparison, load_rules(rules))
    checks = checks_run(load_rules(rules), with_comparison=True)
    assert "similarity.min_carried_over" in {f.check for f in found}
    assert {f.check for f in found} <= set(checks)
    suite = ET.fromstring(findings_junit(found, subject="r.txt", checks=checks))
    failed = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None]
    assert sorted(failed) == sorted({f.check for f in found})
    assert suite.get("failures") == str(len(failed))
    data = findings_json(found, subject="r.txt", against="o.txt", checks=checks)
    assert {f["check"] for f in data["findings"]} <= set(data["checks"])


def test_junit_is_valid_xml_whatever_the_file_is_called() -> None:
    """A file named bad\\x01name-2022.txt (or a name not UTF-8, held as \\udcff) had made a
    <testsuite name=…> that XML parsers refuse: such characters are written as their escapes."""
    found = [Finding(check="structure.empty", where="1\x0b", message="section 1 \ufffe is empty")]
    xml = findings_junit(found, subject="bad\x01name-2022\udcff.txt", checks=["structure.empty"])
    suite = ET.fromstring(xml.encode("utf-8"))
    assert suite.get("name") == "compare check bad\\x01name-2022\\udcff.txt"
    failure = suite.find("testcase/failure")
    assert failure is not None
    assert (failure.get("message"), failure.text) == ("section 1 \\ufffe is empty", "1\\x0b")
