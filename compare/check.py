"""CI rules over a Report (structure) and a Comparison (rules file) -> findings, and the exit policy.

Rules live in a TOML file; `compare/rules/example.toml` documents every key.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from compare.errors import RulesError
from compare.model import (
    SCALES,
    Comparison,
    Metric,
    MetricChange,
    MetricKind,
    MetricStatus,
    Report,
    Section,
)
from compare.outline import numbering_value
from compare.patterns import regex
from compare.words import counted, markdown_text, numbered

KNOWN_KEYS = {
    "structure": {
        "numbering",
        "empty",
        "duplicates",
        "outside",
        "renditions",
        "unreadable",
        "damaged",
        "against",
    },
    "sections": {"required", "max_removed", "max_added"},
    "metrics": {
        "max_fall_pct",
        "max_fall_points",
        "max_rise_pct",
        "max_rise_points",
        "must_keep",
        "restated",
        "rule",
    },
    "similarity": {"min", "min_carried_over"},
}
# Structural checks of the pair, run only with --against.
COMPARISON_STRUCTURE = {"against"}
RULE_KEYS = {
    "label",
    "column",
    "kind",
    "min",
    "max",
    "max_fall_pct",
    "max_fall_points",
    "max_rise_pct",
    "max_rise_points",
    "must_keep",
    "scale",
}
RULE_NUMBERS = ("min", "max", "max_fall_pct", "max_fall_points", "max_rise_pct", "max_rise_points")


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One thing `compare check` found: which check, where, and what."""

    check: str  # e.g. "structure.numbering", "metrics.max_fall_pct"
    message: str
    where: str = ""  # section id or metric label


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules:
    """A parsed rules file; every check is on unless switched off."""

    structure: dict[str, bool]
    required: tuple[str, ...] = ()
    max_removed: int | None = None
    max_added: int | None = None
    max_fall_pct: Decimal | None = None
    max_fall_points: Decimal | None = None  # percentage points, for figures in percent
    # A rise past these is as suspect in a report checked as it arrives (a scale mistyped: 1.2亿
    # for 1.2万): percent of the value, and percentage points.
    max_rise_pct: Decimal | None = None
    max_rise_points: Decimal | None = None
    must_keep: tuple[str, ...] = ()
    restated: bool = False  # report every past year's figure the new report tells otherwise
    metric_rules: tuple[dict[str, Any], ...] = ()
    min_similarity: float | None = None
    min_carried_over: float | None = None


# A rules file is a few dozen lines; the example is under 2 KB.
RULES_MAX_BYTES = 1_000_000


def load_rules(path: Path | None, *, with_comparison: bool = True) -> Rules:
    """Read a rules TOML file (None: the defaults); RulesError names the file and the problem.

    Without a comparison (`compare check NEW` with no --against) only [structure] can be
    checked: a rule of the other tables is then a RulesError, not a rule passed unchecked."""
    rules = _read_rules(path)
    if path is not None and not with_comparison and (tables := _on_comparison(rules)):
        named = ", ".join(f"[{table}]" for table in tables)
        needs = "needs" if len(tables) == 1 else "need"
        raise RulesError(
            f"{path}: {named} {needs} --against OLD (without it, only [structure] is checked)"
        )
    return rules


def _on_comparison(rules: Rules) -> list[str]:
    """Return the tables of the rules set that check the new report against the old."""
    # "or None": an empty list and restated = false set nothing; max_removed = 0 does
    tables = {
        "sections": (rules.required or None, rules.max_removed, rules.max_added),
        "metrics": (
            rules.max_fall_pct,
            rules.max_fall_points,
            rules.max_rise_pct,
            rules.max_rise_points,
            rules.must_keep or None,
            rules.restated or None,
            rules.metric_rules or None,
        ),
        "similarity": (rules.min_similarity, rules.min_carried_over),
    }
    return [table for table, values in tables.items() if any(v is not None for v in values)]


def _read_rules(path: Path | None) -> Rules:
    structure = dict.fromkeys(KNOWN_KEYS["structure"], True)
    if path is None:
        return Rules(structure=structure)
    import tomllib  # only here: a check without rules need not import it

    try:
        with path.open("rb") as handle:  # at most the limit: --rules /dev/zero must not fill memory
            raw = handle.read(RULES_MAX_BYTES + 1)
        if len(raw) > RULES_MAX_BYTES:
            raise RulesError(
                f"{path}: too large for a rules file (more than {RULES_MAX_BYTES:,} bytes)"
            )
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise RulesError(f"{path}: no such rules file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: cannot read the rules file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML ({exc})") from None
    for table, value in data.items():
        if table not in KNOWN_KEYS:
            raise RulesError(f"{path}: unknown table [{table}] (known: {', '.join(KNOWN_KEYS)})")
        if not isinstance(value, dict):
            raise RulesError(f"{path}: [{table}] must be a table")
        for key in value:
            if key not in KNOWN_KEYS[table]:
                raise RulesError(f"{path}: unknown key {table}.{key}")
    try:
        for key, on in data.get("structure", {}).items():
            structure[key] = _typed(on, bool, f"structure.{key}")
        sections = data.get("sections", {})
        metrics = data.get("metrics", {})
        metric_rules = tuple(
            _metric_rule(r, path) for r in _typed(metrics.get("rule", []), list, "metrics.rule")
        )
        similarity = _optional_number(
            data.get("similarity", {}).get("min"), "similarity.min", least=0, most=100
        )
        carried = _optional_number(
            data.get("similarity", {}).get("min_carried_over"),
            "similarity.min_carried_over",
            least=0,
            most=100,
        )
        return Rules(
            structure=structure,
            required=tuple(
                _strings(sections.get("required", []), "sections.required", of="heading")
            ),
            max_removed=_optional_int(sections.get("max_removed"), "sections.max_removed"),
            max_added=_optional_int(sections.get("max_added"), "sections.max_added"),
            max_fall_pct=_limit(metrics.get("max_fall_pct"), "metrics.max_fall_pct"),
            max_fall_points=_limit(metrics.get("max_fall_points"), "metrics.max_fall_points"),
            max_rise_pct=_limit(metrics.get("max_rise_pct"), "metrics.max_rise_pct"),
            max_rise_points=_limit(metrics.get("max_rise_points"), "metrics.max_rise_points"),
            must_keep=tuple(
                _strings(metrics.get("must_keep", []), "metrics.must_keep", of="figure's label")
            ),
            restated=_typed(metrics.get("restated", False), bool, "metrics.restated"),
            metric_rules=metric_rules,
            min_similarity=None if similarity is None else float(similarity),
            min_carried_over=None if carried is None else float(carried),
        )
    except (TypeError, ValueError) as exc:
        raise RulesError(f"{path}: {exc}") from None


def _typed(value: Any, kind: Any, name: str) -> Any:
    if isinstance(value, bool) and kind is not bool:
        raise TypeError(f"{name} must be a {getattr(kind, '__name__', 'number')}, not true/false")
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {getattr(kind, '__name__', 'number')}, not {value!r}")
    return value


def _optional_int(value: Any, name: str) -> int | None:
    return None if value is None else _at_least(_typed(value, int, name), 0, name)


def _optional_number(
    value: Any, name: str, *, least: int | None = None, most: int | None = None
) -> Decimal | None:
    """Return value as a Decimal (None: None); one that is not a finite number from least to
    most is a TypeError or ValueError naming it (nan had raised InvalidOperation, a traceback,
    or switched a check off)."""
    if value is None:
        return None
    number = _typed(value, (int, float), name)
    if isinstance(number, float) and not math.isfinite(number):
        past = " (a number past 1.8e308 reads as inf)" if math.isinf(number) else ""
        raise ValueError(f"{name} must be a finite number, not {number}{past}")
    if least is not None:
        _at_least(number, least, name)
    if most is not None and number > most:
        raise ValueError(f"{name} must be at most {most}, not {number}")
    return Decimal(str(number))


def _limit(value: Any, name: str) -> Decimal | None:
    """Return a limit on a move (max_fall_pct …): a number of 0 or more, or None."""
    return _optional_number(value, name, least=0)


def _at_least(number: Any, least: int, name: str) -> Any:
    if number < least:
        raise ValueError(f"{name} must be at least {least}, not {number}")
    return number


def _strings(value: Any, name: str, *, of: str) -> list[str]:
    """Return a list of strings, none empty: every heading or label (`of`) holds "", so a check
    of it had passed whatever the report said."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{name} must be a list of strings")
    if any(not v.strip() for v in value):
        raise ValueError(f'{name} holds an empty string "", which every {of} holds')
    return value


def _metric_rule(rule: Any, path: Path) -> dict[str, Any]:
    if not isinstance(rule, dict) or not isinstance(rule.get("label"), str):
        raise RulesError(f'{path}: every [[metrics.rule]] needs a label = "..."')
    label = rule["label"]
    if not label.strip():  # every label holds "": the rule had bounded whichever figure came first
        raise RulesError(
            f'{path}: [[metrics.rule]] label is empty (every figure\'s label holds "")'
        )
    if "kind" in rule and rule["kind"] not in {k.value for k in MetricKind}:
        kinds = ", ".join(k.value for k in MetricKind)
        raise RulesError(
            f"{path}: [[metrics.rule]] kind must be one of {kinds}, not {rule['kind']!r}"
        )
    unknown = set(rule) - RULE_KEYS
    if unknown:
        raise RulesError(f"{path}: unknown key in [[metrics.rule]]: {', '.join(sorted(unknown))}")
    checked = dict(rule)  # numbers as Decimals; a wrong type is a TypeError, named by load_rules
    for key in RULE_NUMBERS:
        if key in rule:
            name = f"[[metrics.rule]] {key}"
            # min and max bound a value, which may be negative (下降1.7% is −1.7%)
            bound = key in ("min", "max")
            checked[key] = _optional_number(rule[key], name) if bound else _limit(rule[key], name)
    if "must_keep" in rule:
        _typed(rule["must_keep"], bool, "[[metrics.rule]] must_keep")
    if "column" in rule:
        _typed(rule["column"], str, "[[metrics.rule]] column")
    if "scale" in rule and (rule["scale"] not in SCALES or not rule["scale"]):
        scales = ", ".join(scale for scale in SCALES if scale)
        raise RulesError(
            f"{path}: [[metrics.rule]] scale must be one of {scales}, not {rule['scale']!r}"
        )
    if not rule.get("must_keep") and not any(key in rule for key in RULE_NUMBERS):
        conditions = ", ".join(RULE_NUMBERS)
        raise RulesError(
            f"{path}: [[metrics.rule]] “{label}” checks nothing: give it one of {conditions}"
            " or must_keep = true"
        )
    if "min" in checked and "max" in checked and checked["min"] > checked["max"]:
        raise RulesError(
            f"{path}: [[metrics.rule]] “{label}” has min = {rule['min']} above"
            f" max = {rule['max']}: no figure can pass"
        )
    return checked


# --------------------------------------------------------------------------- structure


def check_structure(report: Report, rules: Rules) -> list[Finding]:
    """Return structural findings on one report: numbering, empty, duplicated, stray text,
    renditions, unreadable figures, damaged bytes."""
    on = rules.structure
    findings: list[Finding] = []
    siblings: list[tuple[str, tuple[Section, ...]]] = [("top level", report.sections)]
    siblings += [(f"section {s.id}", s.children) for s in report.walk() if s.children]
    for where, group in siblings:
        if on["numbering"]:
            findings += _numbering(where, group)
        if on["duplicates"]:
            seen: dict[str, str] = {}
            for s in group:
                if s.heading and s.heading in seen:
                    findings.append(
                        Finding(
                            check="structure.duplicates",
                            where=s.id,
                            message=f"heading “{s.heading}” repeats section {seen[s.heading]}",
                        )
                    )
                seen.setdefault(s.heading, s.id)
    if on["empty"]:
        findings += [
            Finding(
                check="structure.empty",
                where=s.id,
                message=f"section {s.id} {numbered(s.number, s.heading)} has no text",
            )
            for s in report.walk()
            # a run-in heading (二是大力推进…效率。) is its paragraph's opening sentence: text
            if not s.text.strip() and not s.children and s.style != "run-in"
        ]
    if on["outside"]:
        findings += _outside(report)
    for warning in report.warnings:
        if on["renditions"] and "rendition" in warning:
            findings.append(Finding(check="structure.renditions", message=warning))
        elif on["unreadable"] and "could not" in warning:
            findings.append(Finding(check="structure.unreadable", message=warning))
        elif on["damaged"] and warning.endswith("read as \ufffd"):
            findings.append(Finding(check="structure.damaged", message=warning))
        elif on["duplicates"] and "appears twice" in warning:
            # a heading repeated where it cannot be a sibling's (二、乙 after 二、乙): its text
            # was read into the first's section (see outline._repeated_headings)
            findings.append(Finding(check="structure.duplicates", message=warning))
    return findings


# A lettered item (a 10-K's Item 1A, 1B, 7A, 9A) goes under its number's, not after it.
_SUB_ITEM = regex(r"\d[A-Za-z]\b")


def _numbering(where: str, group: tuple[Section, ...]) -> list[Finding]:
    findings = []
    by_style: dict[str, list[Section]] = {}
    for s in group:
        by_style.setdefault(s.style, []).append(s)
    for sections in by_style.values():
        values = [(s, numbering_value(s.number)) for s in sections]
        expected = None
        for s, value in values:
            if value is None:
                continue
            if expected is not None and value == expected - 1 and _SUB_ITEM.search(s.number):
                continue  # Item 1A. after Item 1.: a lettered item of the same number
            if value == 1 and expected is not None and expected > 2:
                expected = 2  # 一、 after 二、 or more: a new run (the plan's, after the review's)
                continue
            if expected is not None and value != expected:
                kind = "repeats" if value < expected else "skips"
                findings.append(
                    Finding(
                        check="structure.numbering",
                        where=s.id,
                        message=f"numbering {kind} in {where}: {s.number.strip()} where {expected} was expected",
                    )
                )
            expected = value + 1
    return findings


def _outside(report: Report) -> list[Finding]:
    total = sum(len(s.text) for s in report.walk())
    preamble = len(report.preamble.text) if report.preamble else 0
    findings = []
    if report.sections and preamble > 0.3 * (total + preamble):
        findings.append(
            Finding(
                check="structure.outside",
                where="0",
                message=f"{preamble} characters stand before the first heading "
                f"({preamble * 100 // (total + preamble)}% of the text)",
            )
        )
    for warning in report.warnings:
        if "no headings" in warning:
            findings.append(Finding(check="structure.outside", message=warning))
    return findings


# --------------------------------------------------------------------------- rules on a comparison


def check_comparison(comparison: Comparison, rules: Rules) -> list[Finding]:
    """Return findings of the rules file on a comparison of the new report with the old."""
    findings: list[Finding] = []
    if rules.structure["against"]:
        # compare check 2022 --against 2022, or against another organisation's report: what it
        # finds would be noise, and a CI job set up so should fail, not pass quietly
        findings += [Finding(check="structure.against", message=w) for w in comparison.warnings]
    new_headings = [s.heading for s in comparison.new.walk()]
    for required in rules.required:
        if not any(required in h for h in new_headings):
            findings.append(
                Finding(
                    check="sections.required",
                    where=required,
                    message=f"no section heading contains “{required}”",
                )
            )
    removed = [p for p in comparison.sections if p.status == "removed" and p.merged_into is None]
    added = [p for p in comparison.sections if p.status == "added" and p.split_from is None]
    if rules.max_removed is not None and len(removed) > rules.max_removed:
        names = ", ".join(numbered(p.old.number, p.old.heading) for p in removed if p.old)
        findings.append(
            Finding(
                check="sections.max_removed",
                message=f"{len(removed)} sections disappeared (at most {rules.max_removed}): {names}",
            )
        )
    if rules.max_added is not None and len(added) > rules.max_added:
        findings.append(
            Finding(
                check="sections.max_added",
                message=f"{len(added)} sections were added (at most {rules.max_added})",
            )
        )
    for change in comparison.metrics:
        findings.extend(
            _moves(change, rules.max_fall_pct, rules.max_fall_points, _FALLS_FOR_ALL, sign=-1)
        )
        findings.extend(
            _moves(change, rules.max_rise_pct, rules.max_rise_points, _RISES_FOR_ALL, sign=1)
        )
    if rules.restated:
        from compare.render import change_text  # jinja2 and the rest only for a finding

        findings.extend(
            Finding(
                check="metrics.restated",
                where=change.label,
                # The message says what a restatement is; the label needs no note of it.
                message=f"{change_text(change, notes=False)}: the same year's figure, told otherwise",
            )
            for change in comparison.metrics
            # A row renamed (Total term debt, a year on Non-current portion of term debt) is
            # another measure, not the same year's figure told otherwise.
            if change.restated and not change.label_was
        )
    for label in rules.must_keep:
        matches = _labelled(comparison.metrics, label)
        if not matches:
            findings.append(_matched_nothing("metrics.must_keep", label))
        dropped = [c for c in matches if c.status == MetricStatus.REMOVED]
        if dropped and len(dropped) == len(matches):
            findings.append(
                Finding(
                    check="metrics.must_keep",
                    where=label,
                    message=f"the figure {_called(dropped, label)} disappeared",
                )
            )
    for rule in rules.metric_rules:
        findings += _metric_rule_findings(comparison, rule)
    if rules.min_similarity is not None and comparison.similarity < rules.min_similarity:
        findings.append(
            Finding(
                check="similarity.min",
                message=f"overall similarity {_below(comparison.similarity, rules.min_similarity)}"
                f" is below {rules.min_similarity:g}",
            )
        )
    if rules.min_carried_over is not None and comparison.carried_over < rules.min_carried_over:
        findings.append(
            Finding(
                check="similarity.min_carried_over",
                message=f"{_below(comparison.carried_over, rules.min_carried_over)}% of the text "
                f"is carried over, below {rules.min_carried_over:g}%",
            )
        )
    return findings


def _below(value: float, limit: float) -> str:
    """Return value with the fewest decimals that still read below limit: 78.87 against 78.9
    is 78.87, not 79 (a message "79 is below 78.9" contradicted itself)."""
    for places in range(7):
        shown = f"{value:.{places}f}"
        if float(shown) < limit:
            return shown
    return repr(value)


def _amount(metric: Metric) -> Decimal:
    """Return a figure's value with its scale multiplied in, or its table caption's when it has
    none ("(in millions)" over $265,595: 265595000000), as it is shown."""
    return metric.value * SCALES.get(metric.shown_scale, Decimal(1))


def _labelled(changes: Iterable[MetricChange], label: str) -> list[MetricChange]:
    """Return the figures a rule's label names: those labelled so, else those whose label holds
    it (学生满意度 is 学生满意度, not 学生满意度调查覆盖率, unless no figure is called 学生满意度)."""
    changes = list(changes)
    return [c for c in changes if c.label == label] or [c for c in changes if label in c.label]


def _matched_nothing(check: str, label: str, named: str = "", kind: str | None = None) -> Finding:
    """Return the finding of a rule whose label (`named` with its column) finds no figure in
    either report: a label mistyped had disabled the rule, and the check passed."""
    of_kind = f" ({kind})" if kind else ""
    return Finding(
        check=check,
        where=label,
        message=f"no figure “{named or label}”{of_kind} in either report: the rule checks nothing",
    )


def _called(changes: list[MetricChange], label: str, column: str = "") -> str:
    """Return how a finding names the figures found for a rule's label: the label (and column),
    and, when found by a label that only holds it, the labels they have."""
    named = f"“{label} · {column}”" if column else f"“{label}”"
    found = dict.fromkeys(c.label for c in changes if c.label != label)
    if found:
        named += f" (found as {', '.join(f'“{f}”' for f in found)})"
    return named


# The checks a fall (or rise) past each limit is reported under: (percent of the value, points).
_FALLS_FOR_ALL = ("metrics.max_fall_pct", "metrics.max_fall_points")
_RISES_FOR_ALL = ("metrics.max_rise_pct", "metrics.max_rise_points")
_OF_A_RULE = ("metrics.rule", "metrics.rule")


def _moves(
    change: MetricChange,
    pct: Decimal | None,
    points: Decimal | None,
    checks: tuple[str, str],
    *,
    sign: int,
) -> list[Finding]:
    """Return the findings of a changed figure that moved (sign 1: up, -1: down) by more than
    `pct` percent of its value or, for a percent, by more than `points` percentage points.

    A change stated (能耗下降4.8%, a year on 下降5.6%) is held to points only: "falls 16.7%" of
    −4.8% said a deeper cut, an improvement, was a fall of the measure."""
    if (pct is None and points is None) or change.status != MetricStatus.CHANGED:
        return []
    if change.old is None or change.restated:
        return []  # a restated figure did not move over the year: last year's report said otherwise
    relative = None if change.kind == MetricKind.CHANGE else change.relative
    moved = (
        (checks[0], pct, None if relative is None else sign * relative * 100, "%"),
        (checks[1], points, None if change.points is None else sign * change.points, " points"),
    )
    verb = "rises" if sign > 0 else "falls"
    found = []
    for check, limit, amount, unit in moved:
        if limit is not None and amount is not None and amount > limit:
            from compare.render import change_text  # jinja2 and the rest only for a finding

            shown = f"{amount:.1f}" if unit == "%" else str(amount)
            found.append(
                Finding(
                    check=check,
                    where=change.label,
                    message=f"{change_text(change)} {verb} {shown}{unit} (at most {limit}{unit})",
                )
            )
    return found


def _metric_rule_findings(comparison: Comparison, rule: dict[str, Any]) -> list[Finding]:
    # jinja2 and the rest only when a rule is given
    from compare.render import figure_column, figure_name, format_metric

    label = rule["label"]
    # A rank (全省第一) shares its label with the figure it ranks; bounds apply to the figure
    # unless the rule names its kind.
    kind = rule.get("kind")
    # A table's cell is found by its column too ("Term debt" under "Total"); a rule that names
    # none is of the report's own year's cell, not of a past year's or a change's beside it.
    column = rule.get("column", "")
    # A bound in a scale (min = 250000, scale = "million") is an amount, which no percent is.
    scale = rule.get("scale", "")
    matches = _labelled(
        (
            c
            for c in comparison.metrics
            if (c.kind == kind if kind else c.kind != MetricKind.RANK)
            and (column in figure_column(c) if column else _of_its_year(c, comparison))
            and not (scale and _in_percent(c))
        ),
        label,
    )
    if not matches:
        named = f"{label} · {column}" if column else label
        return [_matched_nothing("metrics.rule", label, named, kind)]
    findings = []
    if rule.get("must_keep") and not any(c.new is not None for c in matches):
        named = _called(matches, label, column)
        findings.append(
            Finding(check="metrics.rule", where=label, message=f"the figure {named} is missing")
        )
    # min and max count in base units (1.3万亿元 is 1300000000000), or in the rule's scale
    # (scale = "亿": min = 1250 is 1250亿); 1.3万亿元 had been 1.3, below 1250.
    size = SCALES[scale]
    scale_word = f" {scale}" if scale.isascii() and scale else scale
    for c in matches:
        if c.new is None:
            continue
        amount = _amount(c.new)
        shown = format_metric(c.new)  # signed: 下降1.7% is −1.7%, as the bounds read it
        if "min" in rule and amount < rule["min"] * size:
            findings.append(
                Finding(
                    check="metrics.rule",
                    where=label,
                    message=f"{figure_name(c)} is {shown}, below {rule['min']}{scale_word}",
                )
            )
        if "max" in rule and amount > rule["max"] * size:
            findings.append(
                Finding(
                    check="metrics.rule",
                    where=label,
                    message=f"{figure_name(c)} is {shown}, above {rule['max']}{scale_word}",
                )
            )
        findings.extend(
            _moves(c, rule.get("max_fall_pct"), rule.get("max_fall_points"), _OF_A_RULE, sign=-1)
        )
        findings.extend(
            _moves(c, rule.get("max_rise_pct"), rule.get("max_rise_points"), _OF_A_RULE, sign=1)
        )
    return findings


def _of_its_year(change: MetricChange, comparison: Comparison) -> bool:
    """Tell whether a figure is its report's own: not a table's cell under a past year's column
    ("2016" in a 2018 filing) nor under a change's ("Change", 本年比上年增减). A rule on "Total
    net sales" had bounded the row's 16% and its 2016 sum too."""
    from compare.tables import column_year, names_a_change

    metric, year = (
        (change.new, comparison.new.year)
        if change.new is not None
        else (change.old, comparison.old.year)
    )
    if metric is None or not metric.column:
        return True
    if names_a_change(metric.column):
        return False
    stated = column_year(metric.column, year)
    return stated is None or year is None or stated >= year


def _in_percent(change: MetricChange) -> bool:
    """Tell whether a figure is a percent or a ratio (16%, 增长6.1%, 1:7): no amount."""
    from compare.units import base_unit

    metric = change.new or change.old
    return metric is not None and (
        metric.kind in (MetricKind.PERCENT, MetricKind.RATIO) or base_unit(metric) == "%"
    )


# --------------------------------------------------------------------------- output


def findings_text(findings: list[Finding], *, subject: str) -> str:
    """Return findings as plain lines, or a one-line all-clear."""
    if not findings:
        return f"{subject}: no findings\n"
    lines = [f"{subject}: {counted(len(findings), 'finding')}"]
    lines += [f"  [{f.check}] {f.message}" for f in findings]
    return "\n".join(lines) + "\n"


def findings_markdown(findings: list[Finding], *, subject: str) -> str:
    """Return findings as a Markdown job summary."""

    if not findings:
        return f"### compare check: {markdown_text(subject)}\n\nNo findings.\n"
    rows = "\n".join(
        f"| {markdown_text(f.check)} | {markdown_text(f.where)} | {markdown_text(f.message)} |"
        for f in findings
    )
    return (
        f"### compare check: {markdown_text(subject)}\n\n{counted(len(findings), 'finding')}.\n\n"
        f"| check | where | finding |\n|---|---|---|\n{rows}\n"
    )


def findings_junit(findings: list[Finding], *, subject: str, checks: list[str]) -> str:
    """Return findings as JUnit XML: one test case per check, failed when it has findings."""
    from xml.sax.saxutils import escape, quoteattr  # only here: it imports urllib, http, email…

    def attr(text: str) -> str:
        return quoteattr(_xml_chars(text))

    cases = []
    failures = 0
    for check in checks:
        mine = [f for f in findings if f.check == check]
        failures += bool(mine)
        body = "".join(
            f"<failure message={attr(f.message)} type={attr(check)}>"
            f"{escape(_xml_chars(f.where))}</failure>"
            for f in mine
        )
        cases.append(f'  <testcase classname="compare.check" name={attr(check)}>{body}</testcase>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name={attr("compare check " + subject)} tests="{len(checks)}" '
        f'failures="{failures}" errors="0">\n' + "\n".join(cases) + "\n</testsuite>\n"
    )


# What XML 1.0 forbids in a document: control characters but tab and line ends, lone surrogates
# (a file name not UTF-8, bad\xff.txt, is held as \udcff) and U+FFFE/U+FFFF.
_NOT_XML = regex(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_chars(text: str) -> str:
    r"""Return text with each character XML 1.0 forbids written as its escape (\x01): a file
    named bad\x01name-2022.txt had made a JUnit file that XML parsers refuse."""
    return _NOT_XML.sub(lambda m: ascii(m.group())[1:-1], text)


CHECK_SCHEMA = "compare.check/1"


def findings_json(
    findings: list[Finding], *, subject: str, against: str | None, checks: list[str]
) -> dict[str, Any]:
    """Return findings as compare.check/1 data: what was checked against what, which checks ran,
    and each finding (check, where, message); `passed` is what the exit code says."""
    return {
        "schema": CHECK_SCHEMA,
        "subject": subject,
        "against": against,
        "passed": not findings,
        "checks": checks,
        "findings": [{"check": f.check, "where": f.where, "message": f.message} for f in findings],
    }


def checks_run(rules: Rules, *, with_comparison: bool) -> list[str]:
    """Return the names of the checks that ran (JUnit test cases, the JSON's `checks`)."""
    names = [
        f"structure.{k}"
        for k, on in sorted(rules.structure.items())
        if on and (with_comparison or k not in COMPARISON_STRUCTURE)
    ]
    if with_comparison:
        names += [
            "sections.required",
            "sections.max_removed",
            "sections.max_added",
            "metrics.max_fall_pct",
            "metrics.max_fall_points",
            *(["metrics.max_rise_pct"] if rules.max_rise_pct is not None else []),
            *(["metrics.max_rise_points"] if rules.max_rise_points is not None else []),
            "metrics.must_keep",
            *(["metrics.restated"] if rules.restated else []),
            "metrics.rule",
            "similarity.min",
            "similarity.min_carried_over",
        ]
    return names
