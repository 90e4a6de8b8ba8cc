"""A/B: the seed pair's stage times in another checkout (A) against this one (B).

The machine's speed drifts by up to a half from one minute to the next, so two checkouts are
only compared in the same minutes: each round runs A and B in fresh processes, one after the
other (the order alternates), each taking the best of 8 runs of every stage (as run.py does for
x1). It prints the median over the rounds, and B/A (below 1.0: this checkout is faster).

    git worktree add ../before HEAD~3      # the code to compare with
    python benchmarks/ab.py ../before      # 6 rounds, about a minute
    python benchmarks/ab.py ../before --rounds 10
    python benchmarks/ab.py ../before --pair ../shared/corpus/cn-state-council-gwr/201{1,2}.txt
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter with the checkout's own benchmark (and so its own package) first.
_CHILD = """
import json, sys
from pathlib import Path
sys.path.insert(0, {bench!r})
import run
old, new = {pair!r} or (run.SEED_OLD, run.SEED_NEW)
run.measure(Path(old), Path(new), 2)  # warm: imports, compiled templates
print(json.dumps(run.measure(Path(old), Path(new), 8)))
"""


def stage_times(checkout: Path, pair: tuple[str, str] | None) -> dict[str, float]:
    """Return the best time of each stage (and in-process, median) in seconds, for a checkout,
    on the seed pair or on the given pair of files."""
    code = _CHILD.format(bench=str(checkout / "benchmarks"), pair=pair)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=checkout)
    if out.returncode:
        last = (out.stderr.strip().splitlines() or ["no message"])[-1]
        raise SystemExit(f"ab.py: {checkout}: the measurement failed: {last}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", type=Path, help="the other checkout (A)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument(
        "--pair",
        nargs=2,
        type=Path,
        metavar=("OLD", "NEW"),
        help="two files to compare instead of the seed pair (a pair of years of the corpus)",
    )
    args = parser.parse_args()
    other = args.other.resolve()
    if not (other / "benchmarks" / "run.py").is_file():
        parser.error(f"{other}: not a checkout of compare (no benchmarks/run.py)")
    pair = None
    if args.pair:
        for path in args.pair:
            if not path.is_file():
                parser.error(f"{path}: no such file")
        pair = tuple(str(path.resolve()) for path in args.pair)
    runs: dict[Path, list[dict[str, float]]] = {other: [], ROOT: []}
    for round_ in range(args.rounds):
        for checkout in (other, ROOT) if round_ % 2 == 0 else (ROOT, other):
            runs[checkout].append(stage_times(checkout, pair))
    print(f"A: {other}\nB: {ROOT}\npair: {' vs '.join(pair) if pair else 'the seed pair'}")
    print(f"ms, medians of {args.rounds} rounds (best of 8 runs each)")
    print(f"{'stage':<11} {'A':>8} {'B':>8} {'B/A':>6}")
    for key in runs[ROOT][0]:
        a = statistics.median(r[key] for r in runs[other]) * 1000
        b = statistics.median(r[key] for r in runs[ROOT]) * 1000
        print(f"{key:<11} {a:8.2f} {b:8.2f} {b / a:6.3f}")


if __name__ == "__main__":
    main()
