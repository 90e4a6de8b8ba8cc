"""Benchmark: extract_metrics over the seed and every file of the shared corpus.

Prints, per file, the number of chunks and metrics found and the best of three cold timings
(the cache of sentences already read emptied first) and of three warm ones (every sentence
read before, as when next year's report repeats it), plus the one-off costs: importing
compare.quantities (compiling its grammar) and importing cn2an (paid only when a Chinese
decimal such as 三十点五 needs a value). Chunks are split on 。！？； and ". " and newlines, as
a sentence splitter would.

    python benchmarks/quantities_speed.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "shaoxing-education-bureau-2021.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
CHUNK = re.compile(r"(?<=[。！？；])|(?<=\. )|\n")


def import_time(module: str) -> float:
    """Return the seconds a fresh interpreter takes to import module."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    """Time extract_metrics file by file and print one line per file."""
    from compare.quantities import _quantities, extract_metrics

    print(f"import compare.quantities: {import_time('compare.quantities') * 1000:.0f} ms")
    print(f"import cn2an:              {import_time('cn2an') * 1000:.0f} ms")
    paths = [SEED] + (sorted(CORPUS.glob("*/*.txt")) if CORPUS.is_dir() else [])
    for path in paths:
        text = path.read_text(encoding="utf-8")
        chunks = [c for c in CHUNK.split(text) if c.strip()]
        best = warm = float("inf")
        for _ in range(3):
            _quantities.cache_clear()
            start = time.perf_counter()
            metrics = [m for c in chunks for m in extract_metrics(c)]
            best = min(best, time.perf_counter() - start)
            start = time.perf_counter()
            [m for c in chunks for m in extract_metrics(c)]
            warm = min(warm, time.perf_counter() - start)
        kinds = Counter(m.kind.value for m in metrics)
        name = path.name if path == SEED else f"{path.parent.name}/{path.name}"
        print(
            f"{name:36} {len(text):>7} chars {len(chunks):>5} chunks {len(metrics):>5} metrics "
            f"{best * 1000:7.1f} ms  {best * 1e6 / len(text):.2f} us/char  "
            f"warm {warm * 1000:5.1f} ms  {dict(kinds)}"
        )

    long_chunks(extract_metrics, _quantities)


def long_chunks(extract_metrics, quantities) -> None:  # type: ignore[no-untyped-def]
    """Time one chunk of n figures with no clause boundary at all, English and Chinese: the
    cost per figure must not grow with n (a clause is read back a bounded way)."""
    pieces = {
        "english": lambda k: f"we set aside ${k} million for the fund",
        # Bare counts: each is asked whether a name comes before it (iPhone 8, Items 7 and 8).
        "bare": lambda k: f"we had {k} apples",
        "chinese": lambda k: f"全市新建学校{k}所",
    }
    for language, piece in pieces.items():
        line = []
        for n in (1000, 2000, 4000):
            text = ("" if language == "chinese" else " ").join(piece(k) for k in range(1, n + 1))
            quantities.cache_clear()
            start = time.perf_counter()
            found = extract_metrics(text)
            took = time.perf_counter() - start
            line.append(
                f"{n} figures {took * 1000:6.0f} ms ({took * 1e6 / len(found):5.1f} us each)"
            )
        print(f"one chunk, {language:8} " + "; ".join(line))


if __name__ == "__main__":
    main()
