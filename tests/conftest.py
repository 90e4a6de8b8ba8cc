"""Shared test set-up: hypothesis profiles, paths to the seeds and the shared corpus."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED_2021 = SEEDS / "shaoxing-education-bureau-2021.txt"
SEED_2022 = SEEDS / "shaoxing-education-bureau-2022-sample.txt"

settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def no_chosen_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs keep what they compile in the temp folder's cache folder, which tests set (TMPDIR):
    not in one the developer's environment names (compare.caches.CACHE_DIR_VARIABLE)."""
    monkeypatch.delenv("COMPARE_CACHE_DIR", raising=False)


@pytest.fixture(autouse=True)
def reports_read_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process tests read and compare every report anew, keeping none: a test that changes a
    stage must see it run, not a report or comparison an earlier test kept (compare.caches).
    The cache's own tests (tests/test_caches.py, fixture `kept`) undo this; a run in a
    subprocess keeps as a user's does."""
    from compare import caches

    monkeypatch.setattr(caches, "kept_report", lambda key: None)
    monkeypatch.setattr(caches, "keep_report", lambda key, report: None)
    monkeypatch.setattr(caches, "kept_comparison", lambda key: None)
    monkeypatch.setattr(caches, "keep_comparison", lambda key, comparison: None)


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The children compare.forked starts (their pids, os.fork counted), on a machine of two
    cores; skips the test where none would be started (not Linux).

    A worker of the test run may hold idle threads an earlier test left (the browser tests'
    asyncio loop): they are not counted here, so that these tests fork wherever they run; the
    count itself is tested with a thread of the test's own (tests/test_forked.py).
    """
    if sys.platform != "linux":
        pytest.skip("a call runs in a forked child on Linux only (compare.forked.may_fork)")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    forked: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    return forked


def reaped(pid: int) -> bool:
    """Tell whether a child has ended and been waited for (none left behind, no zombie)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def open_files() -> int:
    """Count this process's open file descriptors."""
    return len(os.listdir("/proc/self/fd"))


def run_and_ask(
    args: list[str], question: str, *, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], object]:
    """Run `compare ARGS` in a fresh interpreter, from the project folder, and return the run
    and the value of `question` (an expression over sys and compare's modules) as it ends: what
    it imported, what it compiled."""
    code = (
        "import atexit, sys\n"
        "import compare.cli, compare.patterns\n"
        f"atexit.register(lambda: print('ANSWER', repr({question})))\n"
        "sys.argv = ['compare', *sys.argv[1:]]\n"
        "compare.cli.main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )
    answer = done.stdout.rpartition("ANSWER ")[2]
    return done, ast.literal_eval(answer) if answer else None


def corpus_files() -> list[Path]:
    """Return every text file of the shared corpus (empty when the folder is absent)."""
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*/*.txt"))


@pytest.fixture
def corpus() -> Path:
    """The shared corpus folder; skips the test when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-golden: rewrite golden files from the current output instead of comparing."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under fixtures/ from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was started with --update-golden."""
    return bool(request.config.getoption("--update-golden"))


# Two filings of a table whose columns are years (2017 | 2016 | 2015, then 2018 | 2017 | 2016):
# Net sales and Cost of sales move on a column (two rows agree: the table moved on), and the
# Other row was restated, 2016 and 2017 alike (as Apple's 2018 10-K restated its own).
FILING_ROWS = {
    2017: "Net sales | $229,234 | $215,639 | $233,715\n"
    "Cost of sales | 141,048 | 131,376 | 140,089\n"
    "Other | 220 | (110) | (26)",
    2018: "Net sales | $265,595 | $229,234 | $215,639\n"
    "Cost of sales | 163,756 | 141,048 | 131,376\n"
    "Other | (745) | (124) | (924)",
}


def write_years(folder: Path, texts: dict[int, str], name: str = "report") -> list[Path]:
    """Write one report a year (older first) as `name`-YEAR.txt; return their paths."""
    paths = []
    for year, text in texts.items():
        paths.append(folder / f"{name}-{year}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def write_filings(folder: Path, rows: dict[int, str] | None = None) -> list[Path]:
    """Write one filing a year (older first) whose only section is the given table rows
    (FILING_ROWS by default), as the readers write tables; return their paths."""
    paths = []
    for year, table in (rows or FILING_ROWS).items():
        paths.append(folder / f"filing-{year}.txt")
        paths[-1].write_text(
            f"Example Corp. Annual Report {year}\n\nItem 8. Financial Statements\n\n{table}\n",
            encoding="utf-8",
        )
    return paths
