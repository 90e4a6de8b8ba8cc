"""Report / Comparison -> plain data for JSON (the compare.report/1 and compare.diff/1
contracts) and the plain-text outline that `compare parse` prints.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from compare.model import Metric, Report, Section

REPORT_SCHEMA = "compare.report/1"


def number(value: Decimal | None) -> int | float | None:
    """Return a Decimal as a JSON number: int when whole, else float; None stays None."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def section_to_json(section: Section) -> dict[str, Any]:
    """Return one section and its children as compare.report/1 data."""
    return {
        "id": section.id,
        "number": section.number,
        "heading": section.heading,
        "level": section.level,
        "style": section.style,
        "text": section.text,
        "sentences": list(section.sentences),
        "children": [section_to_json(c) for c in section.children],
    }


def metric_to_json(metric: Metric) -> dict[str, Any]:
    """Return one metric as compare.report/1 data."""
    return {
        "section": metric.section,
        "sentence": metric.sentence,
        "label": metric.label,
        "value": number(metric.value),
        "upper": number(metric.upper),
        "exact": str(metric.value),
        "unit": metric.unit,
        "scale": metric.scale,
        "qualifier": metric.qualifier,
        "kind": metric.kind.value,
        "text": metric.text,
        "start": metric.start,
        "end": metric.end,
    }


def report_to_json(report: Report) -> dict[str, Any]:
    """Return a Report as compare.report/1 data."""
    return {
        "schema": REPORT_SCHEMA,
        "title": report.title,
        "org": report.org,
        "year": report.year,
        "source": {
            "path": report.source.path,
            "format": report.source.format,
            "encoding": report.source.encoding,
        },
        "warnings": list(report.warnings),
        "preamble": section_to_json(report.preamble) if report.preamble else None,
        "sections": [section_to_json(s) for s in report.sections],
        "metrics": [metric_to_json(m) for m in report.metrics],
    }


def render_outline(report: Report) -> str:
    """Return the outline as indented text: numbering, heading, sentence and metric counts."""
    metric_counts: dict[str, int] = {}
    for m in report.metrics:
        metric_counts[m.section] = metric_counts.get(m.section, 0) + 1
    year = report.year if report.year is not None else "year unknown"
    lines = [
        f"{report.title or '(untitled)'}",
        f"{report.org or '(organisation unknown)'} · {year} · "
        f"{report.source.format}, {report.source.encoding}",
        "",
    ]
    if report.preamble is not None:
        lines.append(
            f"(preamble)  [{len(report.preamble.sentences)} sentences, "
            f"{metric_counts.get('0', 0)} metrics]"
        )
    for s in report.walk():
        indent = "  " * (s.level - 1)
        lines.append(
            f"{indent}{s.id:<6} {s.number}{s.heading}  "
            f"[{len(s.sentences)} sentences, {metric_counts.get(s.id, 0)} metrics]"
        )
    top = len(report.sections)
    sub = sum(1 for s in report.walk() if s.level == 2)
    lines += ["", f"{top} sections, {sub} subsections, {len(report.metrics)} metrics"]
    return "\n".join(lines) + "\n"
