"""patterns: regular expressions compiled when first used, answering as compiled ones do."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare import patterns
from compare.patterns import regex
from tests.conftest import run_and_ask


def test_a_pattern_answers_as_the_compiled_one() -> None:
    text = "新建学校20所，新增绿地30公顷。"
    source = r"(新[建增])([\u4e00-\u9fff]{2})(\d+)"
    lazy, compiled = regex(source), re.compile(source)
    assert lazy.pattern == source  # before it is compiled: patterns are built from sources
    assert lazy.search(text).group(2) == compiled.search(text).group(2) == "学校"  # type: ignore[union-attr]
    assert lazy.findall(text) == compiled.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub(r"\3", text) == compiled.sub(r"\3", text)
    assert lazy.split(text) == compiled.split(text)
    assert lazy.fullmatch("新建学校5") and lazy.match(text) and not lazy.match("。" + text)
    assert lazy.groups == 3
    assert regex("a", re.IGNORECASE).match("A")
    assert "学校" in repr(regex("学校"))


def test_reading_the_package_compiles_no_pattern_until_one_is_used() -> None:
    """Compiling the package's some 320 patterns took about 0.15 s of every run of `compare`
    (0.4 s in all on the seed pair), though a run uses fewer than half of them. (The package
    is told by its folder, not by "/compare/" in a path: a clone in a folder named compare had
    counted every library's patterns in its virtual environment.)"""
    package = str(Path(patterns.__file__).parent) + os.sep
    code = (
        "import re._compiler as c, sys\n"
        "ours = []\n"
        "compile = c.compile\n"
        "def counted(p, flags=0):\n"
        "    frame = sys._getframe(1)\n"
        "    while frame and '/re/' in frame.f_code.co_filename:\n"
        "        frame = frame.f_back\n"
        f"    if frame and frame.f_code.co_filename.startswith({package!r}) and isinstance(p, str):\n"
        "        ours.append(p)\n"
        "    return compile(p, flags)\n"
        "c.compile = counted\n"
        "import compare.pipeline, compare.metrics, compare.align, compare.diff, compare.render\n"
        "import compare.readers, compare.check, compare.series, compare.cli\n"
        "print(len(ours))\n"
    )
    made = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert int(made) == 0


def test_every_pattern_of_the_package_compiles() -> None:
    """A pattern no longer compiles when its module is imported: one that a run seldom asks for
    (a PDF reader's, an English filing's) must still be a valid expression."""
    import importlib
    import pkgutil

    import compare
    from compare.patterns import _Compiled

    seen = 0
    for module in pkgutil.iter_modules(compare.__path__):
        for value in vars(importlib.import_module(f"compare.{module.name}")).values():
            if isinstance(value, _Compiled):
                re.compile(value.pattern, value.flags)
                seen += 1
    assert seen > 300


def _package_patterns() -> list[tuple[str, int]]:
    """Return the source and flags of every pattern the package makes."""
    import importlib
    import pkgutil

    import compare
    from compare.patterns import _Compiled

    found = []
    for module in pkgutil.iter_modules(compare.__path__):
        for value in vars(importlib.import_module(f"compare.{module.name}")).values():
            if isinstance(value, _Compiled):
                found.append((value.pattern, value.flags))
    return found


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the pattern cache at an empty folder of the test's, with nothing compiled yet."""
    monkeypatch.setattr(patterns, "cache_folder", lambda: tmp_path)
    monkeypatch.setattr(patterns, "_made", {})
    monkeypatch.setattr(patterns, "_written", 0)
    patterns._kept.cache_clear()
    yield tmp_path / patterns.CACHE_NAME
    patterns._kept.cache_clear()


def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run hands the programs an earlier run compiled to the engine: each must be the very
    pattern re.compile makes (patterns compare equal only when their programs do)."""
    sources = _package_patterns()
    for source, flags in sources:
        assert patterns.compile_cached(source, flags) == re.compile(source, flags)
    patterns.keep_compiled()  # as the run ends
    whole = cache.read_bytes()
    cache.unlink()
    patterns.keep_compiled()  # nothing compiled since: nothing written (a pool's next task)
    assert not cache.exists()
    cache.write_bytes(whole)

    patterns._kept.cache_clear()  # the next run: compiles nothing, reads the file
    monkeypatch.setattr(patterns._compiler, "_code", lambda *args: pytest.fail("compiled"))
    for source, flags in sources:
        assert patterns.compile_cached(source, flags) == re.compile(source, flags)


def test_the_second_run_of_the_command_compiles_none_of_the_patterns(tmp_path: Path) -> None:
    """Compiling the patterns took 0.13 s of a 0.46 s run of `compare 2021 2022`."""
    compiled, pages = [], []
    for run in range(2):
        page = tmp_path / f"run{run}.html"
        done, made = run_and_ask(
            ["2021", "2022", "-q", "-o", str(page)],
            "len(compare.patterns._made)",
            env={"TMPDIR": str(tmp_path)},
        )
        assert done.returncode == 0, done.stderr
        compiled.append(made)
        pages.append(page.read_bytes())
    assert compiled[0] > 100 and compiled[1] == 0
    assert pages[0] == pages[1]
    folder = tmp_path / f"compare-{os.getuid()}"  # the compiled templates are kept there too
    assert (folder / patterns.CACHE_NAME).exists() and any(folder.glob("template-*"))
    # and the two reports read: the second run took them, and its page is the first's
    assert len(list(folder.glob("report-*.pickle"))) == 2


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a cache", "truncated", "not a mapping", "not programs"],
)
def test_a_damaged_cache_is_compiled_past(cache: Path, damage: bytes | str) -> None:
    """A cache file that cannot be read, or whose programs the engine refuses, is ignored: each
    pattern is compiled as before, and the next write mends the file."""
    source, flags = r"(新[建增])([\u4e00-\u9fff]{2})(\d+)", 0
    patterns.compile_cached(source, flags)
    patterns.keep_compiled()
    whole = cache.read_bytes()
    if damage == "truncated":
        cache.write_bytes(whole[: len(whole) // 2])
    elif damage == "not a mapping":
        cache.write_bytes(marshal.dumps([1, 2, 3]))
    elif damage == "not programs":
        bad = {(source, flags): (32, [999999], 3, {}, (None,) * 4), ("x", 0): "y"}
        cache.write_bytes(marshal.dumps(bad))
    else:
        cache.write_bytes(damage)  # type: ignore[arg-type]
    patterns._kept.cache_clear()
    patterns._made.clear()
    patterns._written = 0
    again = patterns.compile_cached(source, flags)
    assert again == re.compile(source, flags)
    assert again.search("新建学校20所").group(3) == "20"  # type: ignore[union-attr]
    patterns.keep_compiled()
    patterns._kept.cache_clear()
    assert patterns._kept()[(source, flags)] == marshal.loads(whole)[(source, flags)]


def test_no_cache_folder_compiles_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "cache_folder", lambda: None)
    monkeypatch.setattr(patterns, "_made", {})
    monkeypatch.setattr(patterns, "_written", 0)
    patterns._kept.cache_clear()
    try:
        assert patterns.compile_cached("学校(\\d+)所").match("学校12所")
        patterns.keep_compiled()  # nowhere to write: nothing happens
    finally:
        patterns._kept.cache_clear()


def test_alternations_of_words_are_written_in_one_order_in_every_run() -> None:
    """Built from sets, the alternations of units and idioms had their words of one length in
    the order of the run's string hashes: a pattern's source differed from run to run, and the
    cache kept a program for each."""
    code = (
        "import hashlib, compare.quantities as q, compare.patterns as p\n"
        "sources = sorted(v.pattern for v in vars(q).values() if isinstance(v, p._Compiled))\n"
        "print(hashlib.sha256(repr(sources).encode()).hexdigest())\n"
    )
    printed = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(printed) == 1


def test_an_engine_that_takes_programs_otherwise_leaves_compiling_to_re(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another Python's engine may take its programs otherwise: patterns then compile as re
    compiles them, and a bad expression still raises re.error."""

    class Engine:
        MAGIC = 0

        @staticmethod
        def compile(*args: object) -> None:
            raise TypeError("compile() takes 7 arguments")

    monkeypatch.setattr(patterns, "_sre", Engine)
    found = patterns.compile_cached(r"学校(\d+)所")
    assert found == re.compile(r"学校(\d+)所") and found.match("学校12所")
    assert not patterns._made
    with pytest.raises(re.error):
        patterns.compile_cached("学校(")


@pytest.mark.skipif(sys.platform != "linux", reason="two processes forked at once")
def test_two_processes_keeping_their_programs_at_once_lose_neither(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool's two workers (compare.series) and a forked child (compare.forked) each add their
    programs to the file, read, merged and written again: one that wrote between another's
    reading and writing lost what it added (seen as a flaky test of series' workers)."""
    has_read, go_on = os.pipe()
    other = os.fork()
    if other == 0:  # the other process: keeps its program while this one is between the two
        code = 1
        try:
            os.read(has_read, 1)
            patterns._made.clear()
            patterns.compile_cached("the other's", 0)
            patterns.keep_compiled()
            code = 0
        finally:
            os._exit(code)
    read = patterns._read

    def read_then_wait(path: Path) -> dict[tuple[str, int], patterns.Program]:
        programs = read(path)
        os.write(go_on, b"x")
        time.sleep(0.5)  # the other's whole keeping fits here, unless it waits for this one
        return programs

    patterns.compile_cached("this one's", 0)
    monkeypatch.setattr(patterns, "_read", read_then_wait)
    patterns.keep_compiled()
    _, status = os.waitpid(other, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert {("this one's", 0), ("the other's", 0)} <= set(read(cache))
