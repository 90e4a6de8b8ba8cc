"""Benchmark: time each stage of `compare` and the whole command at growing input sizes.

Inputs: the seed pair (2021 report, 2022 sample), then documents x10, x100 and x1000 the seed's
size made of many distinct sections (generated variants of the seed with shifted figures,
reordered sentences, and next-year edits on the new side). In the same run, on the same inputs,
it times what a user would otherwise run: difflib.HtmlDiff over sentence lines (sentence_lines)
and a whole-document difflib.SequenceMatcher (autojunk off), with a time limit. The generated
variants keep most sentences as they were, the case HtmlDiff is quick at; so the same is
measured on real pairs of years from ../shared/corpus (when present), where most sentences are
rewritten.

Each size runs in a fresh child process so peak memory (max RSS) is per size; a size above x10
also times x10 runs around its own, and reports its cost per character against theirs.

    python benchmarks/run.py                 # all sizes (x1000 takes a few minutes)
    python benchmarks/run.py --sizes 1,10 --no-real --no-series   # a quick run
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import multiprocessing as mp
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED_OLD = ROOT / "seeds" / "shaoxing-education-bureau-2021.txt"
SEED_NEW = ROOT / "seeds" / "shaoxing-education-bureau-2022-sample.txt"
CN = "零一二三四五六七八九"
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^[一二三四五六七八九十]+是")


def cn_number(n: int) -> str:
    """Return n (1-99) in Chinese numerals."""
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def clean_half(path: Path) -> list[str]:
    """Return the lines of a seed's clean rendition (up to its first blank line)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        lines.append(line)
    return lines


def shift_numbers(text: str, rnd: random.Random) -> str:
    """Shift every figure a little, so copies are distinct but read the same."""

    def shift(m: re.Match[str]) -> str:
        value = m.group()
        if len(value) == 4 and value.startswith("20"):
            return value  # a year
        if "." in value:
            return f"{float(value) * rnd.uniform(0.9, 1.1):.{len(value.split('.')[1])}f}"
        return str(max(1, int(int(value) * rnd.uniform(0.8, 1.25))))

    return re.sub(r"\d+(?:\.\d+)?", shift, text)


def next_year(sentences: list[str], rnd: random.Random) -> list[str]:
    """Edit sentences the way a next-year report does: figures, rewording, drops, additions."""
    out = []
    for s in sentences:
        roll = rnd.random()
        if roll < 0.05:
            continue
        if roll < 0.25:
            s = shift_numbers(s, rnd)
        elif roll < 0.32:
            s = s.replace("推进", "深入推进", 1).replace("加强", "持续加强", 1)
        out.append(s)
        if rnd.random() < 0.04:
            out.append(f"新增工作任务{rnd.randint(2, 90)}项，完成率{rnd.randint(60, 99)}%。")
    return out


def build_pair(copies: int, seed: int = 7) -> tuple[str, str]:
    """Return (old, new) texts of `copies` parts, each a distinct variant of the seed's sections."""
    rnd = random.Random(seed)
    base = clean_half(SEED_OLD)
    old_lines = ["绍兴市教育局2021年工作总结（基准测试合成）"]
    new_lines = ["绍兴市教育局2022年工作总结（基准测试合成）"]
    split = [re.findall(r"[^。；]+[。；]?", line) for line in base[2:]]
    bodies = [s[1:] for s, line in zip(split, base[2:], strict=True) if _SUBSECTION.match(line)]
    for part in range(1, copies + 1):
        head = f"第{part}部分 专题{part}"
        old_lines.append(head)
        new_lines.append(head)
        # Each part deals the seed's subsection bodies out anew: without it every part would
        # repeat the first in order, and ingest would rightly set the copies aside.
        dealt = iter(rnd.sample(bodies, len(bodies)) if part > 1 else bodies)
        for line, sentences in zip(base[2:], split, strict=True):
            if _SECTION.match(line):
                old_lines.append(line)
                new_lines.append(line)
                continue
            if _SUBSECTION.match(line):
                sentences = [sentences[0], *next(dealt)]
            sentences = re.findall(r"[^。；]+[。；]?", shift_numbers("".join(sentences), rnd))
            head_sentence, body = sentences[0], sentences[1:]
            rnd.shuffle(body) if rnd.random() < 0.2 else None
            old_lines.append(head_sentence + "".join(body))
            new_lines.append(head_sentence + "".join(next_year(body, rnd)))
    return "\n".join(old_lines) + "\n", "\n".join(new_lines) + "\n"


# A sentence's end in Chinese; and in another script, . ! ? ; before white space, or a line's.
_CHINESE_END = re.compile(r"(?<=[。！？；])")
_LATIN_END = re.compile(r"(?<=[.!?;])\s+|\n")


def sentence_lines(text: str) -> list[str]:
    """Return text as the lines HtmlDiff is given: its sentences. A Chinese text (one with a
    。！？ or ；) is cut after each of them, its line breaks dropped (an extractor breaks its lines
    inside words); another, an English report, after . ! ? ; before white space and at its line
    breaks (its text file holds a paragraph, a table row, a heading a line). Until 2026-12-01
    English was cut as Chinese is: into one line, a whole report, that HtmlDiff compared
    character by character (Apple's pair: over 120 s, against 1.7 s a sentence a line)."""
    if _CHINESE_END.search(text):
        return [s for s in _CHINESE_END.split(text.replace("\n", "")) if s]
    return [s for s in _LATIN_END.split(text) if s.strip()]


def _baseline_worker(kind: str, old: str, new: str, queue: mp.Queue) -> None:
    import difflib

    start = time.perf_counter()
    if kind == "htmldiff":
        difflib.HtmlDiff().make_file(sentence_lines(old), sentence_lines(new))
    else:
        difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    queue.put(time.perf_counter() - start)


def time_baseline(kind: str, old: str, new: str, limit: float) -> float | None:
    """Time a difflib baseline in a child process; None when it exceeds the limit."""
    queue: mp.Queue = mp.Queue()
    proc = mp.Process(target=_baseline_worker, args=(kind, old, new, queue))
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return queue.get()


def clear_caches() -> None:
    """Empty every cache of results in compare's modules, so that each run starts cold.

    Caches of one-time set-up (the jinja2 environment, the page script: functions without
    arguments) are kept: a fresh process builds them once, as it imports modules once.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith("compare"):
            continue
        for value in vars(module).values():
            if hasattr(value, "cache_clear") and inspect.signature(value).parameters:
                value.cache_clear()


def measure(old_path: Path, new_path: Path, repeat: int) -> dict[str, float]:
    """Time each stage of compare on one pair of files (best of `repeat`), in this process.

    Every run starts with empty caches: a repeated run must not reuse the last run's results.
    """
    from compare import align, diff, ingest, metrics, outline, quantities, render
    from compare.model import Comparison
    from compare.pipeline import pair_warnings
    from compare.settings import Settings
    from compare.writing import write_output

    settings = Settings()
    best: dict[str, float] = {}
    totals = []
    # A run that fails (an unreadable file) must not leave its folder behind either.
    with tempfile.TemporaryDirectory(prefix="compare-bench-") as folder:
        out = Path(folder)
        for _ in range(repeat):
            clear_caches()
            t: dict[str, float] = {}
            start = time.perf_counter()
            docs = [ingest.read_text(p, settings=settings) for p in (old_path, new_path)]
            t["read"] = time.perf_counter() - start
            start = time.perf_counter()
            reports = [
                outline.parse_outline(d.text, source=d.source, warnings=d.warnings) for d in docs
            ]
            t["outline"] = time.perf_counter() - start
            start = time.perf_counter()
            old, new = (quantities.attach_metrics(r) for r in reports)
            t["metrics"] = time.perf_counter() - start
            start = time.perf_counter()
            pairs = align.align_reports(old, new, settings=settings)
            t["align"] = time.perf_counter() - start
            start = time.perf_counter()
            pairs = diff.add_text_diffs(pairs)
            changes = metrics.match_metrics(old, new, pairs, settings=settings)
            # The rest of what pipeline.compare_reports makes, as it makes it.
            comparison = Comparison(
                old=old,
                new=new,
                settings=settings,
                sections=pairs,
                metrics=changes,
                similarity=diff.document_similarity(old, new),
                carried_over=diff.carried_over(pairs),
                warnings=pair_warnings(old, new),
            )
            t["diff"] = time.perf_counter() - start
            start = time.perf_counter()
            # As the CLI does: the page streamed into its file (see compare.writing).
            write_output(out / "report.html", render.iter_html(comparison))
            t["render"] = time.perf_counter() - start
            t["in-process"] = sum(t.values())
            totals.append(t["in-process"])
            for key, value in t.items():
                best[key] = min(best.get(key, float("inf")), value)
    # The median run is what sizes measured once are compared with (ratios, baselines): the
    # best of five would flatter the small sizes on a busy machine.
    best["median"] = statistics.median(totals)
    return best


def as_run(old_path: Path, new_path: Path, repeat: int) -> float:
    """Time what `compare OLD NEW --html PATH` does in its process, as it does it (median of
    `repeat` runs): the two reports read side by side (pipeline.read_reports: the second in a
    forked child, on a machine of two cores), compared and the page written; with no cache
    folder, as measure's stages, which add up the same work done one after another in one
    process (end_to_end times what keeping the reports and their comparison costs).
    """
    from compare.pipeline import compare_reports, read_reports
    from compare.render import iter_html
    from compare.writing import write_output

    times = []
    with tempfile.TemporaryDirectory(prefix="compare-bench-") as folder:
        for _ in range(repeat):
            with _no_cache_folder():
                clear_caches()
                start = time.perf_counter()
                old, new = read_reports(old_path, new_path)
                comparison = compare_reports(old, new)
                write_output(Path(folder, "report.html"), iter_html(comparison))
                times.append(time.perf_counter() - start)
            del old, new, comparison
    return statistics.median(times)


def end_to_end(old_path: Path, new_path: Path, html: Path, *, runs: int) -> dict[str, float]:
    """Time `compare OLD NEW --html PATH -q` in a fresh interpreter: the first run, the median
    of `runs` runs of new reports, and the median of `runs` runs again (when runs > 1).

    The first run starts with an empty cache folder (its temp folder is html's folder) and
    writes the caches: compiled templates and patterns, the reports read and their comparison
    (compare.caches), and Python's .pyc files, which PYTHONDONTWRITEBYTECODE would forbid. A run
    of new reports has the code's caches but not the reports' (a user's next pair: the kept
    reports and comparison are deleted before each run); a run again has both (the same pair
    compared again).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TMPDIR"] = str(html.parent)
    command = [sys.executable, "-m", "compare", str(old_path), str(new_path)]
    command += ["--html", str(html), "-q"]
    kept = html.parent / f"compare-{os.getuid()}"

    def timed(*, new_reports: bool) -> float:
        if new_reports:
            for report in kept.glob("*.pickle"):  # the reports and their comparison
                report.unlink()
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=html.parent, env=env)
        return time.perf_counter() - start

    times = {"first-run": timed(new_reports=False)}
    if runs > 1:
        times["end-to-end"] = statistics.median(timed(new_reports=True) for _ in range(runs))
        times["again"] = statistics.median(timed(new_reports=False) for _ in range(runs))
    else:
        times["end-to-end"] = times["first-run"]
    return times


def write_pair(size: int, folder: str) -> tuple[Path, Path]:
    """Write the benchmark pair of `size` into folder; return (old, new) paths."""
    old_text, new_text = build_pair(size)
    old_path, new_path = (
        Path(folder, f"old-x{size}-2021.txt"),
        Path(folder, f"new-x{size}-2022.txt"),
    )
    old_path.write_text(old_text, encoding="utf-8")
    new_path.write_text(new_text, encoding="utf-8")
    return old_path, new_path


def child(size: int, limit: float) -> None:
    """Measure one size and print a JSON line (run in a fresh interpreter)."""
    with tempfile.TemporaryDirectory() as tmp:
        if size == 1:
            old_path, new_path = SEED_OLD, SEED_NEW
        else:
            old_path, new_path = write_pair(size, tmp)
        old_text = (
            "\n".join(clean_half(old_path)) if size == 1 else old_path.read_text(encoding="utf-8")
        )
        new_text = new_path.read_text(encoding="utf-8")
        result: dict[str, object] = {"size": size, "chars": len(old_text) + len(new_text)}
        if size <= 10:
            result.update(measure(old_path, new_path, repeat=5))
        else:
            # The ratio to x10 is taken against x10 runs in this process, three before and three
            # after this size's run: the machine's speed drifts (a shared virtual machine), and
            # runs minutes apart in different processes would measure the drift with the code.
            x10 = write_pair(10, tmp)
            x10_chars = sum(len(p.read_text(encoding="utf-8")) for p in x10)
            x10_runs = [measure(*x10, repeat=1)["in-process"] for _ in range(3)]
            own = measure(old_path, new_path, repeat=1)
            result.update(own)
            x10_runs += [measure(*x10, repeat=1)["in-process"] for _ in range(3)]
            per_char = statistics.median(x10_runs) / x10_chars
            result["linear"] = own["in-process"] / (len(old_text) + len(new_text)) / per_char
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if size <= 100:  # (x1000 would take another minute and a half)
            result["as-run"] = as_run(old_path, new_path, repeat=5 if size <= 10 else 1)
        runs = 7 if size <= 10 else 1
        result.update(end_to_end(old_path, new_path, Path(tmp, "r.html"), runs=runs))
        result["htmldiff"] = time_baseline("htmldiff", old_text, new_text, limit)
        result["sequencematcher"] = time_baseline("sequencematcher", old_text, new_text, limit)
    print(json.dumps(result))


CORPUS = ROOT.parent / "shared" / "corpus"
# Real pairs of years from the shared corpus (read in place, never copied into the project).
REAL_PAIRS = [
    ("cn-state-council-gwr", "2014", "2015"),
    ("cn-state-council-gwr", "2011", "2012"),
    ("cn-state-council-gwr", "2008", "2016"),
    ("shanghai-municipal-gwr", "2020", "2021"),
    ("singapore-budget-speech", "2021", "2022"),
    ("apple-10k", "2017", "2018"),
]


def child_pair(name: str, old_year: str, new_year: str, limit: float) -> None:
    """Measure compare and the baselines on one real pair of years; print a JSON line."""
    old_path, new_path = (CORPUS / name / f"{year}.txt" for year in (old_year, new_year))
    old_text, new_text = (p.read_text(encoding="utf-8") for p in (old_path, new_path))
    result: dict[str, object] = {
        "pair": f"{name} {old_year}/{new_year}",
        "chars": len(old_text) + len(new_text),
    }
    result.update(measure(old_path, new_path, repeat=3))
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["as-run"] = as_run(old_path, new_path, repeat=3)
    result["htmldiff"] = time_baseline("htmldiff", old_text, new_text, limit)
    result["sequencematcher"] = time_baseline("sequencematcher", old_text, new_text, limit)
    print(json.dumps(result))


def real_pairs(limit: float, seed_chars: int) -> list[str]:
    """Run child_pair for every real pair in its own process; return the table's lines."""
    if not CORPUS.is_dir():
        return [f"real pairs: skipped, no corpus at {CORPUS}"]
    lines = [
        "real pairs of years (compare: median of 3 in-process runs, its stages one after"
        " another; as run: median of 3, as `compare` runs them, the reports read side by side;"
        " size: chars over the seed pair's):",
        f"{'pair':<36} {'size':>6} {'compare':>10} {'as run':>10} {'HtmlDiff':>10}"
        f" {'SeqMatch':>10} {'vs HtmlDiff':>12} {'as run':>7} {'peak MB':>8}",
    ]
    for name, old_year, new_year in REAL_PAIRS:
        if not (CORPUS / name / f"{old_year}.txt").is_file():
            continue
        command = [sys.executable, __file__, "--pair", f"{name}:{old_year}:{new_year}"]
        out = subprocess.run(
            [*command, "--limit", str(limit)], check=True, capture_output=True, text=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"measured {r['pair']}", file=sys.stderr)
        html = r["htmldiff"]
        versus, run_versus = (
            f"{html / r[key]:.1f}x" if html is not None else f">{limit / r[key]:.0f}x"
            for key in ("median", "as-run")
        )
        lines.append(
            f"{r['pair']:<36} {r['chars'] / seed_chars:>5.1f}x {fmt(r['median']):>10}"
            f" {fmt(r['as-run']):>10} {fmt(html):>10} {fmt(r['sequencematcher']):>10}"
            f" {versus:>12} {run_versus:>7} {r['peak_mb']:>8.0f}"
        )
    lines.append(
        "vs HtmlDiff: HtmlDiff's time over compare's (above 1.0x compare is faster), for the"
        " stages one after another and as run"
    )
    return lines


def series_speedup() -> str:
    """Time `compare series --all` work over the national reports with 1 worker and all cores."""
    from compare.series import build_series

    corpus = ROOT.parent / "shared" / "corpus" / "cn-state-council-gwr"
    if not corpus.is_dir():
        return f"series: skipped, no corpus at {corpus}"
    paths = sorted(corpus.glob("*.txt"))
    cores = os.cpu_count() or 1
    times = {}
    for workers in (1, cores):
        # Each in a cache folder of its own, empty: the run before must not have kept the
        # reports and comparisons this one makes (compare.caches).
        with _fresh_cache_folder():
            start = time.perf_counter()
            series = build_series(paths, workers=workers)
            times[workers] = time.perf_counter() - start
    return (
        f"series over {len(paths)} national reports ({len(series.rows)} metric rows): "
        f"1 worker {times[1]:.2f} s, {cores} workers {times[cores]:.2f} s, "
        f"speed-up {times[1] / times[cores]:.2f}x; the machine's ceiling in the same minutes "
        f"(a loop of arithmetic, one task a core, over the same pool): {pool_ceiling(cores):.2f}x"
    )


@contextlib.contextmanager
def _fresh_cache_folder() -> Iterator[None]:
    """Give this process (and the pool's workers it starts) an empty temp folder, so an empty
    cache folder, for a block."""
    with tempfile.TemporaryDirectory(prefix="compare-bench-") as folder, _temp_folder(folder):
        yield


@contextlib.contextmanager
def _no_cache_folder() -> Iterator[None]:
    """Give this process a temp folder that is a file, so no cache folder (compare.caches):
    nothing is kept or taken, for a block."""
    with tempfile.NamedTemporaryFile(prefix="compare-bench-") as file, _temp_folder(file.name):
        yield


@contextlib.contextmanager
def _temp_folder(path: str) -> Iterator[None]:
    """Make path this process's temp folder, where compare.caches makes its cache folder."""
    from compare.caches import cache_folder

    before = tempfile.tempdir
    tempfile.tempdir = path
    cache_folder.cache_clear()
    try:
        yield
    finally:
        tempfile.tempdir = before
        cache_folder.cache_clear()


def _spin(count: int) -> int:
    """Busy the CPU: no memory, no I/O (see pool_ceiling)."""
    total = 0
    for k in range(count):
        total += k * k
    return total


def pool_ceiling(cores: int, count: int = 5_000_000) -> float:
    """Return how much faster `cores` tasks of pure arithmetic run in a process pool than one
    after another: what a pool can gain on this machine at all (cores of a shared virtual
    machine need not run at once at full speed)."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    for _ in range(cores):
        _spin(count)
    alone = time.perf_counter() - start
    with ProcessPoolExecutor(max_workers=cores) as pool:
        start = time.perf_counter()
        list(pool.map(_spin, [count] * cores))
        together = time.perf_counter() - start
    return alone / together


def fmt(seconds: object) -> str:
    if seconds is None:
        return "  >limit"
    value = float(seconds)  # type: ignore[arg-type]
    return f"{value * 1000:8.1f}" if value < 10 else f"{value:7.1f}s"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1,10,100,1000", help="comma-separated multiples of the seed"
    )
    parser.add_argument(
        "--limit", type=float, default=120.0, help="seconds allowed to each difflib baseline"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pair", help=argparse.SUPPRESS)
    parser.add_argument("--no-series", action="store_true", help="skip the series speed-up run")
    parser.add_argument(
        "--no-real", action="store_true", help="skip the real pairs of years from the corpus"
    )
    args = parser.parse_args()
    if args.child:
        child(args.child, args.limit)
        return
    if args.pair:
        name, old_year, new_year = args.pair.split(":")
        child_pair(name, old_year, new_year, args.limit)
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--limit", str(args.limit)],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"measured x{size}", file=sys.stderr)
    stages = ["read", "outline", "metrics", "align", "diff", "render", "in-process", "median"]
    stages.append("end-to-end")
    print(
        "times in ms (stages and in-process: best of 5 for x1 and x10, one run above; median:"
        " the median in-process run; end-to-end: median of 7 runs for x1 and x10 with the code's"
        " caches but the reports read and compared anew, one run above, with empty caches)"
    )
    print(
        f"{'size':>6} {'chars':>10} "
        + " ".join(f"{s:>10}" for s in stages)
        + f" {'HtmlDiff':>10} {'SeqMatch':>10} {'peak MB':>8}"
    )
    for r in rows:
        print(
            f"x{r['size']:<5} {r['chars']:>10} "
            + " ".join(f"{fmt(r[s]):>10}" for s in stages)
            + f" {fmt(r['htmldiff']):>10} {fmt(r['sequencematcher']):>10} {r['peak_mb']:>8.0f}"
        )
    print(
        "end-to-end, the first run (ms; empty caches of compiled templates, patterns, reports"
        " and comparisons): "
        + ", ".join(f"x{r['size']} {fmt(r['first-run']).strip()}" for r in rows)
    )
    if any("again" in r for r in rows):
        print(
            "end-to-end, the same pair again (ms; median of 7, both reports and their comparison"
            " kept by the run before): "
            + ", ".join(f"x{r['size']} {fmt(r['again']).strip()}" for r in rows if "again" in r)
        )
    if any("as-run" in r for r in rows):
        print(
            "in-process as `compare` runs it (ms; the reports read side by side, the second in a"
            " forked child, then compared and the page written; median of 5, one run above x10):"
            " "
            + ", ".join(f"x{r['size']} {fmt(r['as-run']).strip()}" for r in rows if "as-run" in r)
        )
    if any("linear" in r for r in rows):
        print(
            "\ncost per character against x10, measured in the same process (the size's run over"
            " the median of six x10 runs around it; 1.0 = linear):"
        )
        for r in rows:
            if "linear" in r:
                print(f"  x{r['size']}: {r['linear']:.2f}")
    base = next((r for r in rows if r["size"] == 10), None)
    if base:
        print("the same from the table (x10 and the size measured in separate processes):")
        for r in rows:
            if r["size"] > 10:
                per = (r["median"] / r["chars"]) / (base["median"] / base["chars"])
                print(f"  x{r['size']}: {per:.2f}")
    print("\nspeed-up of compare (median in-process run) over the difflib baselines:")
    for r in rows:
        parts = []
        for name in ("sequencematcher", "htmldiff"):
            if r[name] is not None:
                parts.append(f"{name}: {r[name] / r['median']:.1f}x")
            elif args.limit > r["median"]:
                parts.append(f"{name}: >{args.limit:.0f}s, so >{args.limit / r['median']:.1f}x")
            else:  # the baseline was stopped before compare's own time: nothing to conclude
                parts.append(f"{name}: >{args.limit:.0f}s (stopped), no verdict")
        if "as-run" in r and r["htmldiff"] is not None:
            parts.append(f"htmldiff as run: {r['htmldiff'] / r['as-run']:.1f}x")
        print(f"  x{r['size']}: " + ", ".join(parts))
    if not args.no_real:
        # As the table's x1: the clean rendition of the 2021 report and the 2022 sample.
        seed_chars = len("\n".join(clean_half(SEED_OLD))) + len(SEED_NEW.read_text("utf-8"))
        print("\n" + "\n".join(real_pairs(args.limit, seed_chars)))
    if not args.no_series:
        print("\n" + series_speedup())


if __name__ == "__main__":
    main()
