"""Report / Comparison -> plain data for JSON (the compare.report/1 and compare.diff/1
contracts) and the plain-text outline that `compare parse` prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from compare.model import (
    Comparison,
    Metric,
    MetricChange,
    Report,
    Section,
    SectionPair,
    SentencePair,
)
from compare.words import counted, numbered

REPORT_SCHEMA = "compare.report/1"
DIFF_SCHEMA = "compare.diff/1"


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
        "over_years": metric.over_years,
        "caption_scale": metric.caption_scale,
        "column": metric.column,
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
            f"(preamble)  [{counted(len(report.preamble.sentences), 'sentence')}, "
            f"{counted(metric_counts.get('0', 0), 'metric')}]"
        )
    for s in report.walk():
        indent = "  " * (s.level - 1)
        lines.append(
            f"{indent}{s.id:<6} {numbered(s.number, s.heading)}  "
            f"[{counted(len(s.sentences), 'sentence')}, "
            f"{counted(metric_counts.get(s.id, 0), 'metric')}]"
        )
    top = len(report.sections)
    sub = sum(1 for s in report.walk() if s.level >= 2)  # every level below the top
    lines += [
        "",
        f"{counted(top, 'section')}, {counted(sub, 'subsection')}, "
        f"{counted(len(report.metrics), 'metric')}",
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- compare.diff/1


def _report_ref(report: Report) -> dict[str, Any]:
    return {
        "path": report.source.path,
        "title": report.title,
        "org": report.org,
        "year": report.year,
        "warnings": list(report.warnings),
    }


def _section_ref(section: Section | None) -> dict[str, Any] | None:
    if section is None:
        return None
    return {
        "id": section.id,
        "number": section.number,
        "heading": section.heading,
        "level": section.level,
    }


def sentence_pair_to_json(pair: SentencePair) -> dict[str, Any]:
    """Return one sentence pair as compare.diff/1 data, with ops that rebuild both texts."""
    from compare.diff import sentence_ops

    data: dict[str, Any] = {
        "status": pair.status.value,
        "old": pair.old,
        "new": pair.new,
        "score": round(pair.score, 2),
        "ops": [[op.tag, op.old, op.new] for op in sentence_ops(pair)],
    }
    if pair.moved_to is not None:
        data["moved_to"] = pair.moved_to
    if pair.moved_from is not None:
        data["moved_from"] = pair.moved_from
    return data


def section_pair_to_json(pair: SectionPair) -> dict[str, Any]:
    """Return one section pair as compare.diff/1 data (similarity measures of the two bodies)."""
    from compare.diff import similarity_measures

    data: dict[str, Any] = {
        "key": pair.key,
        "status": pair.status.value,
        "renamed": pair.renamed,
        "moved": pair.moved,
        "similarity": round(pair.similarity, 2),
        "score": round(pair.score, 2),
        "match": pair.match,
    }
    if pair.split_from is not None:
        data["split_from"] = pair.split_from
    if pair.merged_into is not None:
        data["merged_into"] = pair.merged_into
    data["old"] = _section_ref(pair.old)
    data["new"] = _section_ref(pair.new)
    if pair.old is not None and pair.new is not None:
        data["measures"] = similarity_measures(pair.old.text, pair.new.text)
    data["sentences"] = [sentence_pair_to_json(s) for s in pair.sentences]
    return data


def _metric_side(metric: Metric | None) -> dict[str, Any] | None:
    if metric is None:
        return None
    return {
        "value": number(metric.value),
        "exact": str(metric.value),
        "upper": number(metric.upper),
        "unit": metric.unit,
        "scale": metric.scale,
        "qualifier": metric.qualifier,
        "text": metric.text,
        "section": metric.section,
        "sentence": metric.sentence,
        "over_years": metric.over_years,
        "caption_scale": metric.caption_scale,
        "column": metric.column,
        "label": metric.label,
    }


def metric_change_to_json(change: MetricChange) -> dict[str, Any]:
    """Return one metric change as compare.diff/1 data (change is null unless both sides exist)."""
    both = change.old is not None and change.new is not None
    return {
        "status": change.status.value,
        "label": change.label,
        "kind": change.kind.value,
        "old": _metric_side(change.old),
        "new": _metric_side(change.new),
        "change": {
            "absolute": number(change.absolute),
            "relative": number(change.relative),
            "points": number(change.points),
            "rank": change.rank,
            "direction": change.direction.value if change.direction else None,
            "judgement": change.judgement,
            "qualifier_changed": change.qualifier_changed,
            "restated": change.restated,
        }
        if both
        else None,
        "rolled_off": change.rolled_off,
        "score": round(change.score, 2),
    }


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """Return a Comparison as compare.diff/1 data."""
    return {
        "schema": DIFF_SCHEMA,
        "old": _report_ref(comparison.old),
        "new": _report_ref(comparison.new),
        "settings": comparison.settings.as_dict(),
        "sections": [section_pair_to_json(p) for p in comparison.sections],
        "metrics": [metric_change_to_json(m) for m in comparison.metrics],
        "warnings": list(comparison.warnings),
        "summary": {
            "sections": comparison.section_counts(),
            "metrics": comparison.metric_counts(),
            "similarity": round(comparison.similarity, 2),
            "carried_over": round(comparison.carried_over, 2),
        },
    }


JSON_CHUNK = 1 << 16  # characters of JSON text written at a time


def json_chunks(data: Any) -> Iterator[str]:
    """Yield data as the JSON text json.dumps(data, ensure_ascii=False, indent=2) gives, and a
    line break, in pieces of about JSON_CHUNK characters: a big comparison's text need not be
    held whole, nor the encoder's millions of small pieces that json.dumps joins."""
    import json

    pieces: list[str] = []
    size = 0
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        pieces.append(piece)
        size += len(piece)
        if size >= JSON_CHUNK:
            yield "".join(pieces)
            pieces.clear()
            size = 0
    pieces.append("\n")
    yield "".join(pieces)
