"""export.py: Comparison -> compare.diff/1 JSON (and Report -> compare.report/1), schema-checked."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from importlib import resources
from typing import Any

import jsonschema
import pytest

from compare.export import JSON_CHUNK, comparison_to_json, json_chunks, number, report_to_json
from compare.metrics import metric_change
from compare.model import (
    Comparison,
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
    TextOp,
)
from compare.pipeline import compare_reports, read_report
from compare.settings import Settings
from tests.conftest import SEED_2021, SEED_2022


def schema(name: str) -> dict[str, Any]:
    """Load one of the package's JSON Schemas; skip when it has not been written yet."""
    path = resources.files("compare") / "schemas" / name
    if not path.is_file():
        pytest.skip(f"compare/schemas/{name} does not exist yet")
    return json.loads(path.read_text(encoding="utf-8"))


def validate(data: dict[str, Any], name: str = "diff.schema.json") -> None:
    """Validate data against a schema (draft 2020-12), after a JSON round trip."""
    jsonschema.Draft202012Validator(schema(name)).validate(json.loads(json.dumps(data)))


OLD_SECTION = Section(
    id="1",
    number="一、",
    heading="党的领导坚强有力",
    text="全市中小学试点学校达382所。市教育局被评为优秀组织奖。",
    sentences=("全市中小学试点学校达382所。", "市教育局被评为优秀组织奖。"),
)
NEW_SECTION = Section(
    id="1",
    number="一、",
    heading="党建引领全面加强",
    text="全市中小学实施学校达421所。新评选示范校30所。",
    sentences=("全市中小学实施学校达421所。", "新评选示范校30所。"),
)
DROPPED = Section(id="2", number="二、", heading="党史教育", text="全市80万师生参与。")
M_OLD = Metric(
    value=Decimal(382), unit="所", label="试点学校", text="382所", section="1", start=10, end=14
)
M_NEW = Metric(
    value=Decimal(421), unit="所", label="实施学校", text="421所", section="1", start=10, end=14
)
M_ADDED = Metric(
    value=Decimal(30),
    unit="所",
    label="示范校",
    text="30所",
    section="1",
    sentence=1,
    start=6,
    end=9,
)
M_REMOVED = Metric(
    value=Decimal(80), unit="万人", scale="万", label="参与师生", text="80万", section="2"
)


def comparison() -> Comparison:
    """Build a small comparison by hand: one modified section, one removed, four figures."""
    old = Report(
        title="绍兴市教育局2021年工作总结",
        org="绍兴市教育局",
        year=2021,
        source=Source(path="old.txt"),
        warnings=("a second, partial rendition of the report was found and set aside",),
        sections=(OLD_SECTION, DROPPED),
        metrics=(M_OLD, M_REMOVED),
    )
    new = Report(
        title="绍兴市教育局2022年工作总结",
        org="绍兴市教育局",
        year=2022,
        source=Source(path="new.txt"),
        sections=(NEW_SECTION,),
        metrics=(M_NEW, M_ADDED),
    )
    sections = (
        SectionPair(
            status=SectionStatus.MODIFIED,
            old=OLD_SECTION,
            new=NEW_SECTION,
            score=72.5,
            similarity=61.25,
            match="same heading",
            renamed=True,
            sentences=(
                SentencePair(
                    status=SentenceStatus.MODIFIED,
                    old=OLD_SECTION.sentences[0],
                    new=NEW_SECTION.sentences[0],
                    old_index=0,
                    new_index=0,
                    score=80.0,
                    ops=(
                        TextOp(tag="equal", old="全市中小学", new="全市中小学"),
                        TextOp(tag="replace", old="试点", new="实施"),
                        TextOp(tag="equal", old="学校达", new="学校达"),
                        TextOp(tag="replace", old="382", new="421"),
                        TextOp(tag="equal", old="所。", new="所。"),
                    ),
                ),
                SentencePair(
                    status=SentenceStatus.REMOVED,
                    old=OLD_SECTION.sentences[1],
                    new=None,
                    old_index=1,
                ),
                SentencePair(
                    status=SentenceStatus.ADDED, old=None, new=NEW_SECTION.sentences[1], new_index=1
                ),
            ),
        ),
        SectionPair(
            status=SectionStatus.REMOVED, old=DROPPED, new=None, similarity=0.0, merged_into="1"
        ),
    )
    metrics = (
        metric_change(M_OLD, M_NEW, score=88.0),
        MetricChange(
            status=MetricStatus.ADDED, label="示范校", kind=MetricKind.COUNT, old=None, new=M_ADDED
        ),
        MetricChange(
            status=MetricStatus.REMOVED,
            label="参与师生",
            kind=MetricKind.COUNT,
            old=M_REMOVED,
            new=None,
        ),
    )
    return Comparison(
        old=old,
        new=new,
        settings=Settings(),
        sections=sections,
        metrics=metrics,
        similarity=57.0,
        carried_over=12.5,
        warnings=("the old and the new report are both the report of 2021",),
    )


def test_comparison_to_json_follows_the_contract() -> None:
    data = comparison_to_json(comparison())
    validate(data)
    assert data["schema"] == "compare.diff/1"
    assert data["old"] == {
        "path": "old.txt",
        "title": "绍兴市教育局2021年工作总结",
        "org": "绍兴市教育局",
        "year": 2021,
        "warnings": ["a second, partial rendition of the report was found and set aside"],
    }
    assert data["new"]["warnings"] == []
    assert data["warnings"] == ["the old and the new report are both the report of 2021"]
    assert data["settings"] == Settings().as_dict()
    assert data["summary"] == {
        "sections": {
            "unchanged": 0,
            "modified": 1,
            "added": 0,
            "removed": 1,
            "renamed": 1,
            "moved": 0,
            "split": 0,
            "merged": 1,
        },
        "metrics": {"changed": 1, "unchanged": 0, "added": 1, "removed": 1},
        "similarity": 57.0,
        "carried_over": 12.5,
    }


def test_section_pairs_in_json() -> None:
    modified, removed = comparison_to_json(comparison())["sections"]
    assert {k: v for k, v in modified.items() if k not in {"sentences", "measures"}} == {
        "key": "o1-n1",
        "status": "modified",
        "renamed": True,
        "moved": False,
        "similarity": 61.25,
        "score": 72.5,
        "match": "same heading",
        "old": {"id": "1", "number": "一、", "heading": "党的领导坚强有力", "level": 1},
        "new": {"id": "1", "number": "一、", "heading": "党建引领全面加强", "level": 1},
    }
    assert set(modified["measures"]) == {"cosine", "jaccard", "edit"}
    assert modified["sentences"] == [
        {
            "status": "modified",
            "old": "全市中小学试点学校达382所。",
            "new": "全市中小学实施学校达421所。",
            "score": 80.0,
            "ops": [
                ["equal", "全市中小学", "全市中小学"],
                ["replace", "试点", "实施"],
                ["equal", "学校达", "学校达"],
                ["replace", "382", "421"],
                ["equal", "所。", "所。"],
            ],
        },
        {
            "status": "removed",
            "old": "市教育局被评为优秀组织奖。",
            "new": None,
            "score": 100.0,
            "ops": [["delete", "市教育局被评为优秀组织奖。", ""]],
        },
        {
            "status": "added",
            "old": None,
            "new": "新评选示范校30所。",
            "score": 100.0,
            "ops": [["insert", "", "新评选示范校30所。"]],
        },
    ]
    assert removed["merged_into"] == "1"
    assert "split_from" not in removed
    assert (removed["old"]["id"], removed["new"], "measures" in removed) == ("2", None, False)


def test_metrics_in_json() -> None:
    changed, added, removed = comparison_to_json(comparison())["metrics"]
    assert changed == {
        "status": "changed",
        "label": "实施学校",
        "kind": "count",
        "old": {
            "value": 382,
            "exact": "382",
            "upper": None,
            "unit": "所",
            "scale": "",
            "qualifier": "",
            "text": "382所",
            "section": "1",
            "sentence": 0,
            "over_years": False,
            "caption_scale": "",
            "column": "",
            "label": "试点学校",  # the old report's own label: the change's is the new one's
        },
        "new": {
            "value": 421,
            "exact": "421",
            "upper": None,
            "unit": "所",
            "scale": "",
            "qualifier": "",
            "text": "421所",
            "section": "1",
            "sentence": 0,
            "over_years": False,
            "caption_scale": "",
            "column": "",
            "label": "实施学校",
        },
        "change": {
            "absolute": 39,
            "relative": float(Decimal(39) / Decimal(382)),
            "points": None,
            "rank": None,
            "direction": "up",
            "judgement": None,
            "qualifier_changed": False,
            "restated": False,
        },
        "rolled_off": False,
        "score": 88.0,
    }
    assert (added["old"], added["new"]["value"], added["change"]) == (None, 30, None)
    assert (removed["old"]["value"], removed["old"]["scale"], removed["new"]) == (80, "万", None)


def test_schema_rejects_a_broken_contract() -> None:
    data = comparison_to_json(comparison())
    data["metrics"][1]["change"] = {"absolute": 1, "relative": None, "points": None, "rank": None}
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    data = comparison_to_json(comparison())
    data["sections"][0]["sentences"][0]["ops"][0] = ["same", "a", "a"]
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_number_keeps_decimals_as_json_numbers() -> None:
    assert [number(Decimal(x)) for x in ("382", "89.5", "3.686", "1E+2")] == [382, 89.5, 3.686, 100]
    assert number(None) is None


def test_json_ops_rebuild_both_sentences() -> None:
    for section in comparison_to_json(comparison())["sections"]:
        for s in section["sentences"]:
            assert "".join(op[1] for op in s["ops"]) == (s["old"] or "")
            assert "".join(op[2] for op in s["ops"]) == (s["new"] or "")


def test_report_json_validates() -> None:
    validate(report_to_json(comparison().old), "report.schema.json")


def test_json_says_which_figures_are_stated_for_several_years() -> None:
    """过去五年…年均增长9.7% is five years' average, not the year's growth: a program reading the
    JSON must be able to tell, as the page's reader is told."""
    five_years = replace(M_REMOVED, over_years=True)
    old = replace(comparison().old, metrics=(M_OLD, five_years))
    data = report_to_json(old)
    validate(data, "report.schema.json")
    assert [m["over_years"] for m in data["metrics"]] == [False, True]
    base = comparison()
    changes = tuple(replace(c, old=five_years) if c.old == M_REMOVED else c for c in base.metrics)
    diff = comparison_to_json(replace(base, metrics=changes))
    validate(diff)
    removed = [m for m in diff["metrics"] if m["status"] == "removed"]
    assert [m["old"]["over_years"] for m in removed] == [True]


def test_seed_against_2022_sample_json_validates() -> None:
    old, new = read_report(SEED_2021), read_report(SEED_2022)
    data = comparison_to_json(compare_reports(old, new))
    validate(data)
    validate(report_to_json(old), "report.schema.json")
    assert (data["old"]["year"], data["new"]["year"]) == (2021, 2022)
    assert 0 < data["summary"]["similarity"] < 100
    for section in data["sections"]:
        for s in section["sentences"]:
            assert "".join(op[1] for op in s["ops"]) == (s["old"] or "")
            assert "".join(op[2] for op in s["ops"]) == (s["new"] or "")
    changed = [m for m in data["metrics"] if m["old"] and m["old"]["text"] == "3.686亿元"]
    assert [(m["new"]["text"], m["change"]["absolute"]) for m in changed] == [("4.2亿元", 0.514)]


def test_json_is_written_in_pieces_as_json_dumps_writes_it() -> None:
    """json.dumps with an indent joins millions of small pieces at a hundred times the seed's
    size: a run with --json peaked at 246 MB against 133 MB without it (133 MB now), and took
    9.4 s against 8.7 s."""
    data = comparison_to_json(compare_reports(read_report(SEED_2021), read_report(SEED_2022)))
    pieces = list(json_chunks(data))
    assert "".join(pieces) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert len(pieces) > 2 and all(len(piece) < 2 * JSON_CHUNK for piece in pieces)
    assert list(json_chunks({"a": [1, "二"]})) == ['{\n  "a": [\n    1,\n    "二"\n  ]\n}\n']
