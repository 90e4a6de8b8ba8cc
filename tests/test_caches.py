"""caches: the folder where runs keep compiled templates, patterns and the reports they read,
trusted only when the user's own; a kept report is taken only for the same bytes, name,
settings and code."""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

from compare import align, caches, metrics, outline, quantities, render, series
from compare.caches import cache_folder
from compare.cli import cli
from compare.pipeline import compare_reports, read_report, read_reports
from compare.settings import Settings
from tests.conftest import SEED_2021, SEED_2022, reaped, run_and_ask


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Make tmp_path the temp folder, with no cache folder found yet."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    cache_folder.cache_clear()
    yield tmp_path / f"compare-{os.getuid()}"
    cache_folder.cache_clear()


def test_the_cache_folder_is_made_for_its_user_alone(temp: Path) -> None:
    assert cache_folder() == temp
    assert stat.S_IMODE(temp.stat().st_mode) == 0o700
    cache_folder.cache_clear()
    assert cache_folder() == temp  # made by an earlier run: taken as it is


def test_a_cache_folder_others_may_write_to_is_not_used(temp: Path) -> None:
    """Another user could put programs there that a run would take."""
    temp.mkdir(mode=0o700)
    temp.chmod(0o777)
    assert cache_folder() is None


@pytest.mark.parametrize("planted", ["link", "file"])
def test_a_link_or_a_file_in_the_cache_folders_place_is_not_used(
    temp: Path, tmp_path: Path, planted: str
) -> None:
    if planted == "link":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(mode=0o700)
        temp.symlink_to(elsewhere)
    else:
        temp.write_text("x")
    assert cache_folder() is None


def test_the_folder_compare_cache_dir_names_is_made_and_used(
    temp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI job keeps the folder between its jobs (README, "In CI"); its parents are made too."""
    chosen = tmp_path / "ci-cache" / "compare"
    monkeypatch.setenv(caches.CACHE_DIR_VARIABLE, str(chosen))
    assert cache_folder() == chosen
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o700 and not temp.exists()


@pytest.mark.parametrize(("mode", "used"), [(0o755, True), (0o775, False), (0o777, False)])
def test_a_chosen_folder_others_may_write_to_is_not_used(
    temp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int, used: bool
) -> None:
    """One others may read is used (made by `mkdir -p`, or restored by a CI cache)."""
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    chosen.chmod(mode)
    monkeypatch.setenv(caches.CACHE_DIR_VARIABLE, str(chosen))
    assert cache_folder() == (chosen if used else None)


def test_a_check_in_a_new_container_with_the_cache_folder_kept_compiles_nothing(
    tmp_path: Path,
) -> None:
    """A CI job's every run is a first run (a new container, an empty temp folder): compiling
    the patterns was 0.15 s of `compare check`'s 0.48 s. With $COMPARE_CACHE_DIR restored
    between jobs, the next job compiles none and finds the same."""
    kept = tmp_path / "kept"
    args = ["check", str(SEED_2022), "--against", str(SEED_2021), "--json", "-"]
    compiled, found = [], []
    for job in ("first", "next"):
        container = tmp_path / job
        container.mkdir()
        env = {"TMPDIR": str(container), caches.CACHE_DIR_VARIABLE: str(kept)}
        done, made = run_and_ask(args, "len(compare.patterns._made)", env=env)
        assert done.returncode in (0, 1), done.stderr
        compiled.append(made)
        found.append(done.stdout.partition("ANSWER")[0])
        assert list(container.iterdir()) == []  # nothing kept in the container's temp folder
    assert compiled[0] > 50 and compiled[1] == 0
    assert found[0] == found[1]


def test_a_temp_folder_that_cannot_be_written_gives_no_cache(
    temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(temp.parent / "missing" / "deeper"))
    assert cache_folder() is None


@pytest.mark.parametrize("stop", [OSError, KeyboardInterrupt])
def test_a_kept_file_not_written_leaves_no_temp_file(temp: Path, stop: type[BaseException]) -> None:
    """A full disk is silent (the next run does the work again); Ctrl-C or SIGTERM while a kept
    file is written (compare.cli) goes on, and neither leaves the half-written temp file."""
    folder = cache_folder()
    assert folder is not None

    def dump(handle: object) -> None:
        handle.write(b"half")  # type: ignore[attr-defined]
        raise stop

    if stop is OSError:
        assert caches.write_kept(folder, "kept.bin", dump) is False
    else:
        with pytest.raises(stop):
            caches.write_kept(folder, "kept.bin", dump)
    assert list(folder.iterdir()) == []


# --------------------------------------------------------------------------- kept reports

# The cache's functions as the package has them (conftest's reports_read_anew replaces them)
ORIGINAL = {
    name: getattr(caches, name)
    for name in ("kept_report", "keep_report", "kept_comparison", "keep_comparison")
}


@pytest.fixture
def kept(temp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep reports in the test's own cache folder (conftest's reports_read_anew undone)."""
    for name, function in ORIGINAL.items():
        monkeypatch.setattr(caches, name, function)
    return temp


def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading a report's outline or figures fail the test: it must come from the cache."""

    def fail(*args: object, **kwargs: object) -> None:
        pytest.fail("the report was read again")

    monkeypatch.setattr(outline, "parse_outline", fail)
    monkeypatch.setattr(quantities, "attach_metrics", fail)


def seed_copy(folder: Path) -> Path:
    """Copy the 2021 seed into folder, under a name of the test's (a report's name is its own)."""
    path = folder / "bureau-2021.txt"
    path.write_bytes(SEED_2021.read_bytes())
    return path


def kept_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("report-*.pickle"))


def test_a_report_read_again_is_the_one_kept(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 10-K pair of the corpus: 2.2 s end to end read anew, 1.5 s with both reports kept."""
    path = seed_copy(tmp_path)
    first = read_report(path)
    assert len(kept_files(kept)) == 1
    no_reading(monkeypatch)
    again = read_report(path)
    assert again == first and again is not first
    assert again.source.path == str(path) and len(again.metrics) > 100


def test_two_reports_read_side_by_side_are_kept_and_taken_again_without_a_child(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, children: list[int]
) -> None:
    """The second report, read in a child (pipeline.read_reports), is kept by the child; both
    kept, the next run forks none."""
    old, new = seed_copy(tmp_path), tmp_path / "bureau-2022.txt"
    new.write_bytes(SEED_2022.read_bytes())
    first = read_reports(old, new)
    assert len(children) == 1 and len(kept_files(kept)) == 2
    no_reading(monkeypatch)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("a child was forked"))
    again = read_reports(old, new)
    assert again == first and again[1] is not first[1]


def test_another_file_name_or_other_bytes_are_read_anew(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SEED_2021.read_text(encoding="utf-8")
    path, twin = tmp_path / "bureau-2021.txt", tmp_path / "copy-2021.txt"
    path.write_text(text, encoding="utf-8")
    twin.write_text(text, encoding="utf-8")
    first = read_report(path)
    assert read_report(twin).source.path == str(twin)  # its own name, not the kept report's
    assert "382所" in text
    path.write_text(text.replace("382所", "12345所"), encoding="utf-8")  # same name, edited
    assert any(m.value == 12345 for m in read_report(path).metrics)
    assert not any(m.value == 12345 for m in first.metrics)
    assert len(kept_files(kept)) == 3


def test_other_settings_or_other_code_read_the_report_anew(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = seed_copy(tmp_path)
    read_report(path)
    no_reading(monkeypatch)
    with pytest.raises(pytest.fail.Exception):
        read_report(path, settings=dataclasses.replace(Settings(), metric_cutoff=60.0))
    monkeypatch.setattr(caches, "_code_stamp", lambda: "another version of the package")
    with pytest.raises(pytest.fail.Exception):
        read_report(path)


def test_the_code_stamp_changes_with_the_packages_files(
    temp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited module (whatever its time of change) or another version of a distribution."""
    package = tmp_path / "package"
    package.mkdir()
    (package / "quantities.py").write_text("UNITS = '所'\n", encoding="utf-8")
    monkeypatch.setattr(caches, "__file__", str(package / "caches.py"))
    stamps = []
    for change in ("", "module", "distribution"):
        if change == "module":
            stat_before = (package / "quantities.py").stat()
            (package / "quantities.py").write_text("UNITS = '个'\n", encoding="utf-8")
            os.utime(
                package / "quantities.py", ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns)
            )
        if change == "distribution":
            site = tmp_path / "site-packages"
            (site / "rapidfuzz-9.9.9.dist-info").mkdir(parents=True)
            monkeypatch.setattr("sys.path", [*__import__("sys").path, str(site)])
        caches._code_stamp.cache_clear()
        stamps.append(caches._code_stamp())
    caches._code_stamp.cache_clear()
    assert len(set(stamps)) == 3


@pytest.mark.parametrize("damage", [b"", b"garbage", "cut short", "another object"])
def test_a_damaged_kept_report_is_read_past_and_mended(
    kept: Path, tmp_path: Path, damage: bytes | str
) -> None:
    path = seed_copy(tmp_path)
    first = read_report(path)
    (file,) = kept_files(kept)
    good = file.read_bytes()
    if damage == "cut short":
        damage = good[: len(good) // 2]
    elif damage == "another object":
        damage = pickle.dumps({"not": "a report"})
    assert isinstance(damage, bytes)
    file.write_bytes(damage)
    assert read_report(path) == first
    assert file.read_bytes() == good


def test_a_large_input_is_not_kept(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caches, "LARGEST_KEPT", 1000)
    path = seed_copy(tmp_path)
    read_report(path)
    assert kept_files(kept) == []


def test_the_least_recently_used_reports_go_first(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caches, "KEPT", 2)
    text = SEED_2021.read_text(encoding="utf-8")
    paths = []
    for name in ("a", "b", "c"):
        paths.append(tmp_path / f"{name}-2021.txt")
        paths[-1].write_text(text.replace("2021", "2021 "), encoding="utf-8")
    first, second, third = paths
    read_report(first)
    read_report(second)
    long_ago = 1_000_000_000 * 10**9
    for step, file in enumerate(kept_files(kept)):  # both read long ago, the first earlier
        is_first = pickle.loads(file.read_bytes()).source.path == str(first)
        os.utime(file, ns=(long_ago, long_ago + (0 if is_first else 10**9) + step))
    read_report(first)  # used again: now the most recent
    read_report(third)
    left = {pickle.loads(f.read_bytes()).source.path for f in kept_files(kept)}
    assert left == {str(first), str(third)}


def test_the_kept_reports_are_held_to_a_size(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = seed_copy(tmp_path)
    read_report(path)
    (file,) = kept_files(kept)
    monkeypatch.setattr(caches, "BYTES_KEPT", file.stat().st_size * 3 // 2)
    other = tmp_path / "other-2021.txt"
    other.write_bytes(SEED_2021.read_bytes() + b"\n")
    read_report(other)
    assert len(kept_files(kept)) == 1


def test_with_no_cache_folder_reports_are_read_every_time(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept.mkdir(mode=0o700)
    kept.chmod(0o777)  # others may write there: not used
    path = seed_copy(tmp_path)
    first = read_report(path)
    assert read_report(path) == first
    assert kept_files(kept) == []


def test_a_report_that_cannot_be_kept_is_read_all_the_same(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk, or a report pickle refuses: the run goes on, and leaves no temp file."""
    path = seed_copy(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pickle, "dump", refuse)
    assert len(read_report(path).metrics) > 100
    assert list(kept.iterdir()) == []


def test_run_from_a_zip_no_report_is_kept(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The package's files cannot be read to tell its version: every report is read anew."""
    monkeypatch.setattr(caches, "__file__", str(tmp_path / "compare.pyz" / "compare" / "caches.py"))
    caches._code_stamp.cache_clear()
    try:
        assert caches._code_stamp() is None
        path = seed_copy(tmp_path)
        read_report(path)
        assert kept_files(kept) == []
        no_reading(monkeypatch)
        with pytest.raises(pytest.fail.Exception):
            read_report(path)
    finally:
        caches._code_stamp.cache_clear()


# --------------------------------------------------------------------------- kept comparisons


def no_comparing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make aligning or matching figures fail the test: the comparison must come from the cache."""

    def fail(*args: object, **kwargs: object) -> None:
        pytest.fail("the reports were compared again")

    monkeypatch.setattr(align, "align_reports", fail)
    monkeypatch.setattr(metrics, "match_metrics", fail)


def seed_pair(folder: Path) -> tuple[Path, Path]:
    new = folder / "bureau-2022.txt"
    new.write_bytes(SEED_2022.read_bytes())
    return seed_copy(folder), new


def test_a_report_kept_holds_its_key_for_its_comparisons(kept: Path, tmp_path: Path) -> None:
    path = seed_copy(tmp_path)
    first = read_report(path)
    again = read_report(path)  # from the cache
    assert first.key and again.key == first.key


def test_a_pair_compared_again_is_the_comparison_kept(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 10-K pair compared again (both reports and the comparison kept): 0.6 s, not 1.5 s."""
    old, new = seed_pair(tmp_path)
    first = compare_reports(read_report(old), read_report(new))
    assert len(list(kept.glob("comparison-*.pickle"))) == 1
    no_reading(monkeypatch)
    no_comparing(monkeypatch)
    again = compare_reports(read_report(old), read_report(new))
    assert again == first and again is not first
    assert render.render_html(again) == render.render_html(first)


def test_other_settings_or_reports_not_read_from_files_are_compared_anew(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = (read_report(p) for p in seed_pair(tmp_path))
    compare_reports(old, new)
    no_comparing(monkeypatch)
    with pytest.raises(pytest.fail.Exception):
        compare_reports(old, new, settings=dataclasses.replace(Settings(), metric_cutoff=60.0))
    edited = dataclasses.replace(old, warnings=("edited",))  # made from a reading: not it
    assert not edited.key
    with pytest.raises(pytest.fail.Exception):
        compare_reports(edited, new)
    with pytest.raises(pytest.fail.Exception):
        compare_reports(new, old)  # the other way round is another comparison


def test_a_damaged_kept_comparison_is_compared_past_and_mended(kept: Path, tmp_path: Path) -> None:
    old, new = (read_report(p) for p in seed_pair(tmp_path))
    first = compare_reports(old, new)
    (file,) = kept.glob("comparison-*.pickle")
    good = file.read_bytes()
    for damage in (b"", good[: len(good) // 2], pickle.dumps(old)):  # a report is no comparison
        file.write_bytes(damage)
        assert compare_reports(old, new) == first
        assert file.read_bytes() == good


def test_the_comparisons_of_a_large_input_are_not_kept(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caches, "LARGEST_KEPT", 1000)
    old, new = (read_report(p) for p in seed_pair(tmp_path))
    assert not old.key
    compare_reports(old, new)
    assert list(kept.glob("*.pickle")) == []


# --------------------------------------------------------------------------- kept templates


@pytest.fixture
def compiled(temp: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The templates this process compiles, in a cache folder of the test's own, empty (the
    page's environment made anew in it)."""
    as_a_new_process()
    names: list[str] = []
    compile_template = jinja2.Environment.compile

    def counted(
        self: jinja2.Environment, source: str, name: str | None = None, *args: object
    ) -> object:
        names.append(name or "")
        return compile_template(self, source, name, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    yield names
    as_a_new_process()


def as_a_new_process() -> None:
    """Forget the page's environment and script, as the next run's process starts without them."""
    render.environment.cache_clear()
    render._script.cache_clear()


def write_page(page: Path) -> None:
    args = [str(SEED_2021), str(SEED_2022), "-q", "-o", str(page), "--generated-at", "then"]
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stdout) == (0, f"{page}\n"), result.stderr


def held(folder: Path) -> list[str]:
    """The page's templates kept compiled in folder."""
    env = render.environment()
    cache = env.bytecode_cache
    assert env.loader is not None and isinstance(cache, jinja2.FileSystemBytecodeCache)
    assert cache.directory == str(folder)
    return [
        name
        for name in render.PAGE_TEMPLATES
        if cache.holds(name, env.loader.get_source(env, name)[1])  # type: ignore[attr-defined]
    ]


def test_a_first_runs_page_templates_are_compiled_in_a_child_while_it_compares(
    compiled: list[str],
    temp: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    children: list[int],
) -> None:
    """A first run (a CI job's in a new container) compiled the page's templates after the
    comparing, 97 ms of the seed pair's 0.55 s: a child compiles them beside it, and the page
    is made from what it kept. The page is the one a run on one core makes, compiling them."""
    beside = tmp_path / "beside.html"
    write_page(beside)
    assert compiled == []  # none here: the child compiled and kept them all
    assert held(temp) == list(render.PAGE_TEMPLATES)
    assert len(children) == 3 and all(map(reaped, children))  # a report, the templates, the terms

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "elsewhere"))
    (tmp_path / "elsewhere").mkdir()
    cache_folder.cache_clear()
    as_a_new_process()
    alone = tmp_path / "alone.html"
    write_page(alone)
    assert sorted(compiled) == sorted(render.PAGE_TEMPLATES) and len(children) == 3
    assert alone.read_bytes() == beside.read_bytes()


def test_page_templates_kept_need_no_child(
    compiled: list[str], tmp_path: Path, children: list[int]
) -> None:
    """A run whose page templates an earlier run kept forks no child for them."""
    write_page(tmp_path / "first.html")
    as_a_new_process()
    write_page(tmp_path / "again.html")
    assert len(children) == 5  # the second run: a report and the terms, no templates
    assert compiled == []
    assert (tmp_path / "first.html").read_bytes() == (tmp_path / "again.html").read_bytes()


def test_one_page_template_missing_is_compiled_in_a_child(
    compiled: list[str], temp: Path, tmp_path: Path, children: list[int]
) -> None:
    """One template's file gone (a full disk when it was written): the child compiles it."""
    write_page(tmp_path / "first.html")
    env = render.environment()
    assert env.loader is not None and isinstance(env.bytecode_cache, jinja2.FileSystemBytecodeCache)
    name = "_metrics.html"
    key = env.bytecode_cache.get_cache_key(name, env.loader.get_source(env, name)[1])
    (temp / (env.bytecode_cache.pattern % key)).unlink()
    as_a_new_process()
    write_page(tmp_path / "again.html")
    assert len(children) == 6 and compiled == []
    assert held(temp) == list(render.PAGE_TEMPLATES)


def test_templates_a_child_failed_to_compile_are_compiled_here(
    compiled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, children: list[int]
) -> None:
    """A child that fails (killed, out of memory) leaves the compiling to this process, as
    rendering without a child would do it."""
    parent, compile_templates = os.getpid(), render._compile_page_templates

    def killed_in_a_child() -> None:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        compile_templates()

    monkeypatch.setattr(render, "_compile_page_templates", killed_in_a_child)
    write_page(tmp_path / "page.html")
    assert len(children) == 3 and all(map(reaped, children))
    assert sorted(compiled) == sorted(render.PAGE_TEMPLATES)
    assert "<html" in (tmp_path / "page.html").read_text(encoding="utf-8")


def test_a_pair_shown_again_imports_none_of_the_comparing(tmp_path: Path) -> None:
    """A kept comparison is shown with compare.units alone: importing metrics (rapidfuzz, align,
    diff, quantities) cost `compare 2021 2022` run again about 50 of its 300 ms."""
    modules = "compare.metrics", "compare.quantities", "compare.align", "rapidfuzz"
    question = f"[m for m in {modules!r} if m in sys.modules]"
    env = {"TMPDIR": str(tmp_path)}  # a cache folder of this test's own, empty
    pages = [tmp_path / "first.html", tmp_path / "again.html"]
    answers = []
    for page in pages:
        done, imported = run_and_ask(["2021", "2022", "-q", "-o", str(page)], question, env=env)
        assert done.returncode == 0, done.stderr
        answers.append(imported)
    assert answers == [list(modules), []]  # the first run compares; the second finds it kept
    assert pages[0].read_bytes() == pages[1].read_bytes()


def test_a_text_reports_run_imports_no_web_archive_reader(tmp_path: Path) -> None:
    """The email package reads a web archive (MHTML) and took ~15 ms of every run to import,
    with socket and calendar: a run of text reports imports none of it."""
    done, imported = run_and_ask(
        ["2021", "2022", "-q", "-o", str(tmp_path / "page.html")],
        "[m for m in ('email', 'socket') if m in sys.modules]",
        env={"TMPDIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert imported == []


def test_a_series_again_takes_what_was_kept_without_a_pool(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A series run again loads its kept reports and comparisons itself: a pool's workers would
    load each and send it back, and starting them cost more (national --all again: 0.70 s on
    two workers, 0.45 s so)."""
    paths = list(seed_pair(tmp_path))
    pooled: list[int] = []
    pool = series.run_pool

    def counted(func: object, items: list[object], **kwargs: object) -> list[object]:
        pooled.append(len(items))
        return pool(func, items, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(series, "run_pool", counted)
    steps: list[int] = []
    first = series.build_series(paths, workers=2, progress=steps.append)
    assert pooled == [2, 1] and sum(steps) == 3  # two reports read, one pair compared
    pooled.clear()
    steps.clear()
    again = series.build_series(paths, workers=2, progress=steps.append)
    assert pooled == [0, 0] and sum(steps) == 3  # nothing read or compared; the bar ends full
    assert again.csv() == first.csv()
    # A year edited: its report and the pair's comparison are made again, the other year taken.
    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\n新增一句。\n", encoding="utf-8")
    pooled.clear()
    series.build_series(paths, workers=2)
    assert pooled == [1, 1]
