"""Benchmark: how compare's cost grows on inputs of awkward shape, not only of growing size.

Each shape is made from the benchmark pair of run.py (x1 and x10 of the seed, or as given) and
timed in a fresh interpreter per size (in-process stages, as run.py's `measure`, and peak
memory). The growth column is the cost per character against the shape's smallest size: 1.0 is
linear.

Shapes:
- plain: the benchmark pair itself (the reference);
- no-headings: the new year lost its headings (a bad extraction), so its sentences sit in
  paragraph groups and every old section's content is found "moved" into them;
- shuffled: the new year's sentences dealt into paragraphs of eight at random, so that nearly
  every sentence moved;
- one-line: both years without line breaks;
- no-stops: both years without sentence ends (。；！？);
- one-sentence: both years without line breaks or sentence ends: each one sentence of all its
  figures (the worst case for the sentence diff and for pairing figures in aligned sentences);
- repeated: every sentence of both years the same one (the first with a figure), in one
  paragraph, every other one of the new year with that figure changed: thousands of sentences
  and figures alike;
- interleaved: both years' sentences in one paragraph under one heading, every other one of
  the new year edited: one section of thousands of sentences whose equal runs are each one
  sentence long;
- wide-row: each year's numbers as the cells of one table row;
- bare-figures: each year's numbers in one sentence with no clause end, spaces between them;
- stacked: each year's numbers as the rows of a table stacked by year, each year's block under
  a line of its year (the old year's 2021 and 2020, the new year's 2022 and 2021).

    python benchmarks/shapes.py                  # sizes 1,10 (about a minute)
    python benchmarks/shapes.py --sizes 10,100   # a few minutes
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the benchmark pair and the stage timer)

_TOP = re.compile(r"^(?:[一二三四五六七八九十]+、|第\d+部分)")
_SUB = re.compile(r"^[一二三四五六七八九十]+是")


def without_headings(text: str) -> str:
    """Return a report whose headings were lost: title, then the paragraphs alone."""
    title, *lines = text.splitlines()
    return (
        "\n".join([title, *(_SUB.sub("", line) for line in lines if not _TOP.match(line))]) + "\n"
    )


def shuffled(text: str) -> str:
    """Return the report's sentences in random order (fixed seed), eight to a paragraph."""
    title, *lines = text.splitlines()
    sentences = re.findall(r"[^。；\n]+[。；]?", "\n".join(lines))
    random.Random(1).shuffle(sentences)
    return (
        "\n".join([title, *("".join(sentences[k : k + 8]) for k in range(0, len(sentences), 8))])
        + "\n"
    )


_FIGURE = re.compile(r"(\d+)([所个人名项次家%])")  # a count or a share, not a year


def repeated(text: str, *, edited: bool) -> str:
    """Return the report with every sentence its first with a figure, in one paragraph under
    one heading; `edited`: every other one with that figure one more."""
    title, *lines = text.splitlines()
    sentences = re.findall(r"[^。；\n]+[。；]", "\n".join(lines))
    first = next(s for s in sentences if _FIGURE.search(s))
    changed = _FIGURE.sub(lambda m: f"{int(m.group(1)) + 1}{m.group(2)}", first, count=1)
    said = [changed if edited and k % 2 else first for k in range(len(sentences))]
    # One paragraph: paragraphs alike would read as the report stated twice, and be set aside.
    return "\n".join([title, "一、总体情况", "".join(said)]) + "\n"


def interleaved(text: str, *, edited: bool) -> str:
    """Return the report's sentences in one paragraph under one heading; `edited`: every other
    one with a word added before its end."""
    title, *lines = text.splitlines()
    sentences = re.findall(r"[^。；\n]+[。；]", "\n".join(lines))
    said = [s[:-1] + "等" + s[-1] if edited and k % 2 else s for k, s in enumerate(sentences)]
    return "\n".join([title, "一、总体情况", "".join(said)]) + "\n"


def wide_row(text: str) -> str:
    """Return the report's numbers as the cells of one table row under one heading."""
    title = text.splitlines()[0]
    numbers = re.findall(r"\d+(?:\.\d+)?", "\n".join(text.splitlines()[1:]))
    return f"{title}\n一、总体情况\n合计 | " + " | ".join(numbers) + "\n"


def bare_figures(text: str) -> str:
    """Return the report's numbers in one sentence with no clause end, spaces between them
    (each figure's subject was sought in all that stood before it: 10,000 never finished)."""
    title = text.splitlines()[0]
    numbers = re.findall(r"\d+(?:\.\d+)?", "\n".join(text.splitlines()[1:]))
    return f"{title}\n一、总体情况\n全市 " + " ".join(numbers) + " 所。\n"


def _letters(k: int) -> str:
    """Return a row's name for k: A, B, ..., Z, AA, AB, ... (a name with no figure in it)."""
    name = ""
    k += 1
    while k:
        k, rest = divmod(k - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def stacked(text: str, years: tuple[int, int]) -> str:
    """Return the report's numbers as a table of three columns stacked by year, as a 10-K
    stacks its quarterly results: a block of rows under a line of each year ("2021:")."""
    title = text.splitlines()[0]
    numbers = re.findall(r"\d+(?:\.\d+)?", "\n".join(text.splitlines()[1:]))
    rows = [
        f"Row {_letters(k)} | " + " | ".join(numbers[3 * k : 3 * k + 3])
        for k in range(len(numbers) // 3)
    ]
    blocks = [f"{year}:\n" + "\n".join(rows) for year in years]
    # A second heading: a lone 一、 is no heading, and the rows would be grouped in sixes.
    return f"{title}\n一、总体情况\n" + "\n".join(blocks) + "\n二、说明\n数字取自报告。\n"


SHAPES = {
    "plain": (lambda old: old, lambda new: new),
    "no-headings": (lambda old: old, without_headings),
    "shuffled": (lambda old: old, shuffled),
    "one-line": (lambda old: old.replace("\n", ""), lambda new: new.replace("\n", "")),
    "no-stops": (
        lambda old: re.sub("[。；！？]", "", old),
        lambda new: re.sub("[。；！？]", "", new),
    ),
    "one-sentence": (
        lambda old: re.sub("[。；！？\n]", "", old),
        lambda new: re.sub("[。；！？\n]", "", new),
    ),
    "repeated": (
        lambda old: repeated(old, edited=False),
        lambda new: repeated(new, edited=True),
    ),
    "interleaved": (
        lambda old: interleaved(old, edited=False),
        lambda new: interleaved(new, edited=True),
    ),
    "wide-row": (wide_row, wide_row),
    "bare-figures": (bare_figures, bare_figures),
    # The old year states 2021 and 2020, the new one 2022 and 2021 (its own rows).
    "stacked": (lambda old: stacked(old, (2021, 2020)), lambda new: stacked(new, (2022, 2021))),
}


def pair_texts(size: int) -> tuple[str, str]:
    """Return the (old, new) texts of the benchmark pair of `size` (x1: the seed pair)."""
    if size == 1:
        return (
            "\n".join(run.clean_half(run.SEED_OLD)) + "\n",
            run.SEED_NEW.read_text(encoding="utf-8"),
        )
    return run.build_pair(size)


def child(shape: str, size: int) -> None:
    """Time one shape at one size and print a JSON line (run in a fresh interpreter)."""
    old_text, new_text = pair_texts(size)
    make_old, make_new = SHAPES[shape]
    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = Path(tmp, "old-2021.txt"), Path(tmp, "new-2022.txt")
        old_path.write_text(make_old(old_text), encoding="utf-8")
        new_path.write_text(make_new(new_text), encoding="utf-8")
        chars = len(old_path.read_text(encoding="utf-8")) + len(new_path.read_text("utf-8"))
        times = run.measure(old_path, new_path, repeat=1 if size > 10 else 3)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"shape": shape, "size": size, "chars": chars, "peak_mb": peak, **times}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10", help="comma-separated multiples of the seed")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    parser.add_argument("--child", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    stages = ["read", "outline", "metrics", "align", "diff", "render", "in-process"]
    print("seconds, best in-process run (x1 and x10: best of 3); growth: cost per character")
    print("against the shape's smallest size (1.0 = linear)")
    print(
        f"{'shape':<12} {'size':>5} {'chars':>9} "
        + " ".join(f"{s:>10}" for s in stages)
        + f" {'growth':>7} {'peak MB':>8}"
    )
    for shape in args.shapes.split(","):
        first: float | None = None
        for size in sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--child", shape, str(size)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            per_char = r["in-process"] / r["chars"]
            first = per_char if first is None else first
            print(
                f"{shape:<12} {'x' + str(size):>5} {r['chars']:>9} "
                + " ".join(f"{r[s]:>10.3f}" for s in stages)
                + f" {per_char / first:>7.2f} {r['peak_mb']:>8.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
