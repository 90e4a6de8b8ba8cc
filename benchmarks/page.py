"""Benchmark: how fast a report page opens and answers in a real browser (Debian's chromium).

A reviewer opens the HTML report; a 10-K's page holds some 1,700 figure rows and 1,600 changes.
The page lays out only what is on or near the screen (report.css: content-visibility on each
section and on each row of the figures table, a grid). For each report it times, in one headless
Chromium:

- open: from navigation to the first frame after the load event (the frame that shows the page);
- next: the first Next press from a section two thirds down (report.js: `go`), to the frame that
  shows where it went;
- inline: switching the view to inline, to the frame that shows it;
- busy after: the long tasks (50 ms or more) in the 3 s after that frame: work the page does
  once shown, when a click would wait (report.js lays out the figures table's rows, not their
  text, when the browser is first idle);
- figures: scrolling to the figures table, to the frame after the browser has laid its first
  rows out;
- sort: sorting the figures by their name (a click on the Figure header), to the frame that
  shows it;
- filter: showing one trend's figures alone (the Show list), to the frame that shows it.

Baseline, in the same browser and minutes: the same page with every part laid out on load and
the figures one table (report.css's rules overridden), as the page was before 2026-12-01. Each
figure is the median of --runs fresh loads, run alternately.

    python benchmarks/page.py                 # the seed pair and the corpus pairs present
    python benchmarks/page.py --runs 7
    python benchmarks/page.py --sizes 10,100 # generated pairs too, as run.py makes them

Needs the dev extras (playwright) and /usr/bin/chromium (apt-get install -y chromium).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
SEEDS = ROOT / "seeds"
PAIRS = [
    (
        "seed",
        SEEDS / "shaoxing-education-bureau-2021.txt",
        SEEDS / "shaoxing-education-bureau-2022-sample.txt",
    ),
    (
        "national 2012/2013",
        CORPUS / "cn-state-council-gwr" / "2012.txt",
        CORPUS / "cn-state-council-gwr" / "2013.txt",
    ),
    (
        "Singapore 2021/2022",
        CORPUS / "singapore-budget-speech" / "2021.txt",
        CORPUS / "singapore-budget-speech" / "2022.txt",
    ),
    ("Apple 10-K 2017/2018", CORPUS / "apple-10k" / "2017.txt", CORPUS / "apple-10k" / "2018.txt"),
]
ALL_LAID_OUT = (
    "<style>.pair, #metrics .scroll { content-visibility: visible !important; }"
    " #metric-table, #metric-table :is(thead, tbody, tr, th, td)"
    " { display: revert !important; content-visibility: visible !important; }</style>"
)

# Milliseconds from a change to the second animation frame after it (the frame that shows it),
# once the figures table's first row shown, if it is to be shown, has been laid out: the browser lays
# out what nears the screen a frame or more after the scroll.
_FRAME = """([action, table]) => new Promise(done => {
  const start = performance.now();
  const laidOut = () => !table || document.querySelector("#metric-table tbody tr:not([hidden]) td")
    .checkVisibility({contentVisibilityAuto: true});
  const frame = () => laidOut() ? requestAnimationFrame(() => done(performance.now() - start))
    : requestAnimationFrame(frame);
  (0, eval)(action);  // no CSP in the test tab: see measure
  requestAnimationFrame(frame);
})"""
# Recorded in every tab: the time of the first frame after the load event (the frame that shows
# the page loaded), and the long tasks (50 ms or more) that start after it: the page's work once
# shown.
_AFTER_LOAD = """window.busyAfter = 0;
new PerformanceObserver(list => {
  for (const task of list.getEntries()) {
    if (window.shownAt !== undefined && task.startTime >= window.shownAt) {
      window.busyAfter += task.duration;
    }
  }
}).observe({type: "longtask", buffered: true});
addEventListener("load", () => requestAnimationFrame(() => {
  window.shownAt = performance.now();
}));"""


def write_pages(folder: Path, sizes: Sequence[int] = ()) -> list[tuple[str, Path, Path]]:
    """Write each pair's report page, and its baseline copy; return (name, page, baseline).

    `sizes`: generated pairs as run.py makes them (x10: ten times the seed pair's size), after
    the real ones.
    """
    from compare.pipeline import compare_reports, read_report
    from compare.render import render_html

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import run

    pairs = [*PAIRS, *((f"generated x{n}", *run.write_pair(n, str(folder))) for n in sizes)]
    pages: list[tuple[str, Path, Path]] = []
    for name, old, new in pairs:
        if not old.is_file():
            print(f"{name}: skipped, {old} is missing", file=sys.stderr)
            continue
        html = render_html(compare_reports(read_report(old), read_report(new)))
        page, baseline = folder / f"{len(pages)}.html", folder / f"{len(pages)}-baseline.html"
        page.write_text(html, encoding="utf-8")
        baseline.write_text(html.replace("</head>", ALL_LAID_OUT + "</head>", 1), encoding="utf-8")
        pages.append((name, page, baseline))
    return pages


def measure(browser: Any, path: Path) -> dict[str, float]:
    """Open a page in a fresh tab and time the seven steps (ms)."""
    # The page's Content-Security-Policy allows its own script alone; the tab sets it aside so
    # that the timing code may run in the page.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.add_init_script(_AFTER_LOAD)
    tab = context.new_page()
    try:
        tab.goto(path.as_uri(), wait_until="load")
        tab.wait_for_function("window.shownAt !== undefined")
        times = {"open": tab.evaluate("window.shownAt")}
        tab.wait_for_timeout(3000)
        times["busy after"] = tab.evaluate("window.busyAfter")
        tab.evaluate(
            "() => { const s = document.querySelectorAll('section.pair');"
            " s[Math.floor(s.length * 2 / 3)].scrollIntoView(); }"
        )
        tab.wait_for_timeout(300)
        steps = {
            "next": "document.getElementById('next-change').click()",
            "inline": "(r => { r.checked = true; r.dispatchEvent(new Event('change')); })"
            "(document.querySelector('input[value=inline]'))",
        }
        for name, action in steps.items():
            times[name] = tab.evaluate(_FRAME, [action, False])
        tab.evaluate("window.scrollTo(0, 0)")
        tab.wait_for_timeout(300)
        action = "document.getElementById('metrics').scrollIntoView()"
        times["figures"] = tab.evaluate(_FRAME, [action, True])
        tab.wait_for_timeout(300)
        steps = {
            "sort": "document.querySelectorAll('#metric-table thead button')[1].click()",
            "filter": "(s => { s.value = s.options[1].value; s.dispatchEvent(new Event('change')); })"
            "(document.getElementById('metric-status'))",
        }
        for name, action in steps.items():
            times[name] = tab.evaluate(_FRAME, [action, True])
        return times
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="fresh loads of each page (median)")
    parser.add_argument(
        "--sizes", default="", help="generated pairs too, e.g. 10,100 (x100: a 13 MB page)"
    )
    args = parser.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("page.py: playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        sys.exit(f"page.py: no browser at {CHROMIUM} (apt-get install -y chromium)")
    steps = ("open", "busy after", "next", "inline", "figures", "sort", "filter")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        sizes = [int(n) for n in args.sizes.split(",") if n]
        pages = write_pages(Path(tmp), sizes)
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        print(
            f"ms, median of {args.runs} fresh loads; in brackets the baseline (every part laid"
            " out on load) and baseline / page (above 1.0x the page is faster)"
        )
        print(f"{'report':<22} {'size KB':>8}" + "".join(f" {s:>22}" for s in steps))
        for name, page, baseline in pages:
            runs: dict[Path, list[dict[str, float]]] = {page: [], baseline: []}
            for k in range(args.runs):
                for path in (page, baseline) if k % 2 == 0 else (baseline, page):
                    runs[path].append(measure(browser, path))
            cells = []
            for step in steps:
                ours, theirs = (statistics.median(r[step] for r in runs[p]) for p in runs)
                cells.append(f"{ours:7.0f} ({theirs:5.0f} {theirs / max(ours, 1):4.1f}x)")
            size = page.stat().st_size / 1024
            print(f"{name:<22} {size:>8.0f}" + "".join(f" {c:>22}" for c in cells))
        browser.close()


if __name__ == "__main__":
    main()
