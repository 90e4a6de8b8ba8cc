"""The benchmark's inputs and its in-process measurement (benchmarks/run.py; timings are not tested),
and the A/B of two checkouts (benchmarks/ab.py).

The benchmark is not run by the suite, so these tests keep it from breaking unseen: the
generated pair must read as one long report (no part set aside as a copy of another), and one
measured run must go through every stage.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from compare.errors import UnreadableInput
from compare.pipeline import compare_reports, read_report
from compare.tables import stacked_years
from tests.conftest import ROOT, write_years


def _load(name: str, script: str) -> ModuleType:
    """Import a benchmark script by its path, under `name`."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # multiprocessing and dataclasses look modules up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _load("benchmark_run", "run.py")


@pytest.fixture(scope="module")
def pair(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bench")
    # x10: at this size parts that repeated one another would be set aside as copies.
    old, new = bench.write_pair(10, str(folder))
    return old, new


def test_generated_parts_are_read_whole_not_set_aside_as_copies(pair: tuple[Path, Path]) -> None:
    for path in pair:
        report = read_report(path)
        parts = [s.heading for s in report.sections]
        assert parts == [f"专题{k}" for k in range(1, 11)], path
        assert not any("set aside" in w for w in report.warnings), report.warnings
        # Every part holds the seed's sections, and the parts differ from one another.
        assert len({len(s.children) for s in report.sections}) == 1
        bodies = [" ".join(c.text for c in s.walk()) for s in report.sections]
        assert len(set(bodies)) == 10


def test_the_new_side_is_a_next_year_edit_of_the_old(pair: tuple[Path, Path]) -> None:
    old, new = (path.read_text(encoding="utf-8") for path in pair)
    assert old != new
    assert "2021年" in old.splitlines()[0] and "2022年" in new.splitlines()[0]
    old_lines, new_lines = set(old.splitlines()[1:]), set(new.splitlines()[1:])
    # Headings stay; most body lines change a little (figures, wording, added tasks).
    assert len(old_lines & new_lines) < len(old_lines) / 2


def test_htmldiff_is_given_english_a_sentence_a_line_as_it_is_chinese(bench: ModuleType) -> None:
    # English had been cut at Chinese sentence ends only: a whole report was one line, which
    # HtmlDiff compared character by character (Apple's pair: over 120 s instead of 1.7 s).
    english = (
        "# Budget Speech\n\nRevenue rose by 5%. Spending fell; the deficit is $1.2 billion.\n"
        "| Total | 2022 | 2021 |\n| Sales | $265.6 | $229.2 |\nU.S. sales grew? Yes!\n"
    )
    assert bench.sentence_lines(english) == [
        "# Budget Speech",
        "Revenue rose by 5%.",
        "Spending fell;",
        "the deficit is $1.2 billion.",
        "| Total | 2022 | 2021 |",
        "| Sales | $265.6 | $229.2 |",
        "U.S.",
        "sales grew?",
        "Yes!",
    ]
    # Chinese is cut at its own ends, across the extractor's line breaks, as before.
    chinese = "一、总体情况\n全年新建学校12\n所，增长3.5%。投入资金2\n亿元；完成率100%！\n"
    assert bench.sentence_lines(chinese) == [
        "一、总体情况全年新建学校12所，增长3.5%。",
        "投入资金2亿元；",
        "完成率100%！",
    ]
    seed = (ROOT / "seeds" / "shaoxing-education-bureau-2021.txt").read_text(encoding="utf-8")
    assert len(bench.sentence_lines(seed)) > 100


def test_one_measured_run_goes_through_every_stage(
    bench: ModuleType, pair: tuple[Path, Path]
) -> None:
    times = bench.measure(*pair, repeat=1)
    stages = ["read", "outline", "metrics", "align", "diff", "render"]
    assert set(stages) <= set(times)
    assert all(times[s] > 0 for s in stages)
    assert times["in-process"] == pytest.approx(sum(times[s] for s in stages))


def test_as_run_reads_the_reports_side_by_side_and_keeps_nothing(
    bench: ModuleType,
    pair: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    children: list[int],
) -> None:
    """The "as run" figure times the CLI's own work in its process (the second report read in
    a forked child, the terms counted in another), with no cache folder: no report or pattern
    kept, no page left behind."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert bench.as_run(*pair, repeat=2) > 0
    assert len(children) == 4
    assert list(temp.iterdir()) == []


def test_a_failed_measurement_leaves_no_folder_behind(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ab.py measures each checkout in its own process; a file it cannot read fails that run,
    # and the folder its page was written to must go with it (they piled up in /tmp).
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UnreadableInput):
        bench.measure(ROOT / "seeds" / "shaoxing-education-bureau-2021.txt", empty, repeat=1)
    assert list(temp.iterdir()) == []


def test_end_to_end_times_new_reports_apart_from_the_same_pair_again(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The end-to-end column is a user's next pair (the code's caches warm, the reports read and
    compared anew), not a run that takes them from the cache: that one is printed apart."""
    kept = tmp_path / f"compare-{os.getuid()}"
    found_before: list[int] = []
    run = subprocess.run

    def counting(*args: object, **kwargs: object) -> object:
        found_before.append(len(list(kept.glob("*.pickle"))))
        return run(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(bench.subprocess, "run", counting)
    seeds = ROOT / "seeds"
    times = bench.end_to_end(
        seeds / "shaoxing-education-bureau-2021.txt",
        seeds / "shaoxing-education-bureau-2022-sample.txt",
        tmp_path / "r.html",
        runs=2,
    )
    assert set(times) == {"first-run", "end-to-end", "again"}
    # The first run; two of new reports; two again (2 reports and 1 comparison kept).
    assert found_before == [0, 0, 0, 3, 3]


def test_the_series_speed_up_runs_each_with_an_empty_cache_folder(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run on all cores had taken the reports and comparisons the one-worker run kept:
    a speed-up of 4.29x against the machine's ceiling of 2.08x."""
    from compare import caches, series

    if not (ROOT.parent / "shared" / "corpus" / "cn-state-council-gwr").is_dir():
        pytest.skip("no shared corpus")
    found: list[int] = []

    def build(paths: list[Path], *, workers: int) -> SimpleNamespace:
        folder = caches.cache_folder()
        assert folder is not None
        found.append(len(list(folder.glob("*.pickle"))))
        (folder / f"report-{workers}.pickle").write_bytes(b"kept by this run")
        return SimpleNamespace(rows=())

    monkeypatch.setattr(series, "build_series", build)
    monkeypatch.setattr(bench, "pool_ceiling", lambda cores: 1.0)
    assert "speed-up" in bench.series_speedup()
    assert found == [0, 0]


def _ab_table(*args: str) -> tuple[str, dict[str, list[str]]]:
    """Run ab.py with args; return its output and its table's rows by stage."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ab.py"), *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = out.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("stage")) + 1
    return out, {line.split()[0]: line.split()[1:] for line in lines[start:]}


def test_ab_prints_every_stage_of_both_checkouts() -> None:
    # This checkout against itself, one round: the table must name every stage, with times.
    out, rows = _ab_table(str(ROOT), "--rounds", "1")
    assert "pair: the seed pair" in out
    assert set(rows) >= {"read", "outline", "metrics", "align", "diff", "render", "in-process"}
    assert all(float(a) > 0 and float(b) > 0 for a, b, _ in rows.values())


def test_ab_times_a_pair_of_files_given(tmp_path: Path) -> None:
    seeds = ROOT / "seeds"
    old, new = seeds / "shaoxing-education-bureau-2021.txt", tmp_path / "half-2022.txt"
    text = (seeds / "shaoxing-education-bureau-2022-sample.txt").read_text(encoding="utf-8")
    new.write_text(text[: len(text) // 2], encoding="utf-8")
    out, rows = _ab_table(str(ROOT), "--rounds", "1", "--pair", str(old), str(new))
    assert f"pair: {old} vs {new}" in out
    assert float(rows["in-process"][0]) > 0
    # The files are what is measured: an empty one fails the run, with one line that says so.
    new.write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ab.py"), str(ROOT), "--rounds", "1"]
        + ["--pair", str(old), str(new)],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "the measurement failed" in done.stderr and "Traceback" not in done.stderr


def test_ab_refuses_a_folder_that_is_not_a_checkout(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ab.py"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "not a checkout of compare" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def shapes(bench: ModuleType) -> ModuleType:
    sys.modules.setdefault("run", bench)  # shapes.py imports run.py by that name
    return _load("benchmark_shapes", "shapes.py")


def test_every_awkward_shape_makes_a_pair_that_compares(shapes: ModuleType, tmp_path: Path) -> None:
    old_text, new_text = shapes.pair_texts(1)
    for name, (make_old, make_new) in shapes.SHAPES.items():
        (tmp_path / name).mkdir()
        paths = write_years(tmp_path / name, {2021: make_old(old_text), 2022: make_new(new_text)})
        comparison = compare_reports(*(read_report(p) for p in paths))
        assert comparison.metrics, name
    # The stacked shape is what it says: each year's rows under a line of their year.
    old, new = (read_report(p) for p in sorted((tmp_path / "stacked").iterdir()))
    section = new.sections[0]
    assert set(stacked_years(section.sentences).values()) == {2022, 2021}
    assert set(stacked_years(old.sections[0].sentences).values()) == {2021, 2020}
