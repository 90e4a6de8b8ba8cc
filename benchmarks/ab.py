"""A/B: the seed pair's stage times in another checkout (A) against this one (B).

The machine's speed drifts by up to a half from one minute to the next, so two checkouts are
only compared in the same minutes: each round runs A and B in fresh processes, one after the
other (the order alternates), each taking the best of 8 runs of every stage (as run.py does for
x1). It prints the median over the rounds, and B/A (below 1.0: this checkout is faster).

    git worktree add ../before HEAD~3      # the code to compare with
    python benchmarks/ab.py ../before      # 6 rounds, about a minute
    python benchmarks/ab.py ../before --rounds 10
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
sys.path.insert(0, {bench!r})
import run
run.measure(run.SEED_OLD, run.SEED_NEW, 2)  # warm: imports, compiled templates
print(json.dumps(run.measure(run.SEED_OLD, run.SEED_NEW, 8)))
"""


def stage_times(checkout: Path) -> dict[str, float]:
    """Return the best time of each stage (and in-process, median) in seconds, for a checkout."""
    code = _CHILD.format(bench=str(checkout / "benchmarks"))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=checkout
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", type=Path, help="the other checkout (A)")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    other = args.other.resolve()
    if not (other / "benchmarks" / "run.py").is_file():
        parser.error(f"{other}: not a checkout of compare (no benchmarks/run.py)")
    runs: dict[Path, list[dict[str, float]]] = {other: [], ROOT: []}
    for round_ in range(args.rounds):
        for checkout in (other, ROOT) if round_ % 2 == 0 else (ROOT, other):
            runs[checkout].append(stage_times(checkout))
    print(f"A: {other}\nB: {ROOT}\nms, medians of {args.rounds} rounds (best of 8 runs each)")
    print(f"{'stage':<11} {'A':>8} {'B':>8} {'B/A':>6}")
    for key in runs[ROOT][0]:
        a = statistics.median(r[key] for r in runs[other]) * 1000
        b = statistics.median(r[key] for r in runs[ROOT]) * 1000
        print(f"{key:<11} {a:8.2f} {b:8.2f} {b / a:6.3f}")


if __name__ == "__main__":
    main()
