"""Measure the grain of Chinese text diffs: readability (changes per changed sentence, one-character
fragments) and speed of characters with semantic clean-up (what diff.py does) against characters
without it and jieba words (with and without clean-up, when jieba is importable).

Sentence pairs: each sentence of the new text that is not in the old one, paired with its most
similar old sentence (rapidfuzz ratio 50-99.9). Inputs: the seed's clean half vs the 2022 sample,
and consecutive years of the shared corpus's national reports when the corpus is present.
Run: .venv/bin/python benchmarks/diff_grain.py [--show N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare import diff  # noqa: E402
from compare.model import TextOp  # noqa: E402

SEED = ROOT / "seeds" / "shaoxing-education-bureau-2021.txt"
SAMPLE = ROOT / "seeds" / "shaoxing-education-bureau-2022-sample.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "cn-state-council-gwr"
SPLIT = re.compile(r"(?<=[。！？；])")

Differ = Callable[[str, str], list[TextOp]]


def sentences(text: str) -> list[str]:
    """Split text into sentences longer than 8 characters."""
    return [s for line in text.splitlines() for s in SPLIT.split(line.strip()) if len(s) > 8]


def sentence_pairs(old_text: str, new_text: str) -> list[tuple[str, str]]:
    """Pair every new sentence that changed with its most similar old sentence."""
    old = sentences(old_text)
    known = set(old)
    pairs = []
    for s in sentences(new_text):
        if s in known:
            continue
        best = process.extractOne(s, old, scorer=fuzz.ratio, score_cutoff=50)
        if best is not None and best[1] < 99.9:
            pairs.append((best[0], s))
    return pairs


def raw_ops(old: str, new: str, tokenize: Callable[[str], list[str]]) -> list[TextOp]:
    """Return difflib's ops over tokens, adjacent changes joined, without clean-up."""
    a, b = tokenize(old), tokenize(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return diff._merge_changes(
        TextOp(tag=t, old="".join(a[i1:i2]), new="".join(b[j1:j2]))
        for t, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def differs() -> tuple[dict[str, Differ], float | None]:
    """Return the grains to measure and jieba's import + dictionary load time (None if absent)."""
    found: dict[str, Differ] = {
        "chars+cleanup (diff.py)": lambda o, n: list(diff.diff_sentences(o, n)),
        "chars": lambda o, n: raw_ops(o, n, diff.tokenize),
    }
    try:
        start = time.perf_counter()
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        init = time.perf_counter() - start
    except ImportError:
        return found, None

    def words(text: str) -> list[str]:
        out: list[str] = []
        for token in diff.tokenize(text):
            if diff._CJK_CHAR.fullmatch(token) and out and diff._CJK_CHAR.fullmatch(out[-1][-1]):
                out[-1] += token
            else:
                out.append(token)
        return [
            w for t in out for w in (jieba.lcut(t, HMM=False) if diff._CJK_CHAR.match(t) else [t])
        ]

    found["jieba words"] = lambda o, n: raw_ops(o, n, words)
    found["jieba words+cleanup"] = lambda o, n: diff._merge_changes(
        diff._absorb_islands(raw_ops(o, n, words))
    )
    return found, init


def show(ops: list[TextOp]) -> str:
    """Render ops as [-old-]{+new+}."""
    return "".join(
        op.old
        if op.tag == "equal"
        else (f"[-{op.old}-]" if op.old else "") + (f"{{+{op.new}+}}" if op.new else "")
        for op in ops
    )


def measure(name: str, pairs: list[tuple[str, str]], grains: dict[str, Differ]) -> None:
    """Print changes per sentence, one-character fragments and time for each grain."""
    print(f"\n{name}: {len(pairs)} changed sentence pairs")
    baseline = None
    for grain, differ in grains.items():
        start = time.perf_counter()
        results = [differ(o, n) for o, n in pairs]
        seconds = time.perf_counter() - start
        baseline = baseline or seconds
        changes = [sum(op.tag != "equal" for op in ops) for ops in results]
        confetti = [
            sum(op.tag != "equal" and max(len(op.old), len(op.new)) == 1 for op in ops)
            for ops in results
        ]
        print(
            f"  {grain:24} changes/sentence {statistics.mean(changes):.2f} "
            f"(max {max(changes)}), 1-char changes/sentence {statistics.mean(confetti):.2f}, "
            f"{seconds * 1000:.0f} ms ({seconds / baseline:.1f}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print N pairs where the grains differ")
    args = parser.parse_args()
    grains, init = differs()
    print(
        "jieba: not installed (pip install jieba to compare)"
        if init is None
        else f"jieba import + dictionary load: {init:.2f} s"
    )
    seed_clean = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[:39])
    inputs = {"seed vs 2022 sample": sentence_pairs(seed_clean, SAMPLE.read_text(encoding="utf-8"))}
    if CORPUS.is_dir():
        years = sorted(CORPUS.glob("*.txt"))
        pairs = []
        for old, new in zip(years, years[1:], strict=False):
            pairs += sentence_pairs(
                old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")
            )
        inputs["national reports, consecutive years"] = pairs
    for name, pairs in inputs.items():
        measure(name, pairs, grains)
    shown = 0
    for old, new in inputs["seed vs 2022 sample"]:
        outputs = {g: show(d(old, new)) for g, d in grains.items()}
        if shown < args.show and len(set(outputs.values())) > 1:
            shown += 1
            print()
            for grain, text in outputs.items():
                print(f"  {grain:24} {text}")


if __name__ == "__main__":
    main()
