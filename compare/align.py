"""Report x Report -> section pairs (matched, added, removed) with their sentence pairs.

Sections are scored on heading, content and position and matched as global assignments: top
level first, then children of matched pairs, then leftovers anywhere. Sentences: equal ones first,
the rest by similarity; pairs out of order are moved. Costs grow about linearly with size, and
big reports keep their section features compact (arrays, a bounded cache of subtree unions).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import operator
import struct
import sys
import unicodedata
from array import array
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from compare.collector import collector_paused
from compare.diff import SequenceMatcher, terms
from compare.model import (
    Report,
    Section,
    SectionPair,
    SectionStatus,
    SentencePair,
    SentenceStatus,
)
from compare.patterns import regex
from compare.records import fast_constructor
from compare.settings import Settings

SAME_HEADING = "same heading"
RELATIVE_YEAR = "relative year"
SIMILAR_HEADING = "similar heading"
SIMILAR_CONTENT = "similar content"
POSITION = "position"
ONLY_ONE_LEFT = "only one left"  # the only subsection unmatched under each of a matched pair

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# One token per CJK character, per Latin word, per number; punctuation and spaces are dropped.
_NUMBER = regex(r"\d+(?:[.,]\d+)*")
_TOKEN = regex(rf"[{_CJK}]|[a-z\u00c0-\u024f]+|{_NUMBER.pattern}|#")
_YEAR = regex(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_SPACE = regex(r"\s+")
_SPACE_BY_CJK = regex(rf"\s+(?=[{_CJK}，。；：、！？“”（）])|(?<=[{_CJK}，。；：、！？“”（）])\s+")
_TRAILING_PUNCT = ".。:：;；,，!！?？"


# --------------------------------------------------------------------------- text features


def squash(text: str) -> str:
    """Return text with white-space runs collapsed and white space beside CJK text removed."""
    return _SPACE.sub(" ", _SPACE_BY_CJK.sub("", text)).strip()


def normalize_heading(heading: str) -> str:
    """Return a heading in comparable form: NFKC, lower case, spacing squashed, no final stop."""
    text = unicodedata.normalize("NFKC", heading).lower()
    return squash(text).rstrip(_TRAILING_PUNCT + " ")


def relativize_years(text: str, year: int | None) -> str:
    """Replace each 4-digit year by its offset from `year` (2013 in a 2014 report -> "Y-1")."""
    if year is None:
        return text
    return _YEAR.sub(lambda m: f"Y{int(m.group(1)) - year:+d}", text)


def tokens(text: str, *, numbers: bool = True) -> list[str]:
    """Return the comparison tokens of text: CJK characters, lower-case words, numbers.

    Unless `numbers` is set, every number reads "#", so that changed figures do not hide a match.
    """
    text = text.lower()
    return _TOKEN.findall(text if numbers else _NUMBER.sub("#", text))


def compact(text: str) -> str:
    """Return text without any white space (PDF reflow and CJK spacing do not count as change)."""
    return "".join(text.split())


def dice(old: Set[Hashable], new: Set[Hashable]) -> float:
    """Return the Dice coefficient of two sets, 0-100 (0 when both are empty)."""
    total = len(old) + len(new)
    return 200.0 * len(old & new) / total if total else 0.0


# Pairs of texts from which scores_at_least scores in one matrix, on all cores: fewer cost less
# one row at a time than numpy's import and the threads (a year without headings gave 200,000).
MATRIX_PAIRS = 50_000


# New texts from which fuzz.ratio is scored only where the lengths allow (see
# _ratios_at_least): below, sorting them by length costs more than it saves (the seed pair's
# sections hold 5-30 sentences).
WINDOWED_TEXTS = 64


def scores_at_least(
    olds: Sequence[str], news: Sequence[str], scorer: Callable[..., float], cutoff: float
) -> dict[tuple[int, int], float]:
    """Return the score of every (old, new) pair of texts that reaches the cutoff.

    Scores are rounded to single precision, as rapidfuzz's score matrices hold them, so that
    ties fall as they always have.
    """
    if scorer is fuzz.ratio and 0 < cutoff <= 100 and len(news) >= WINDOWED_TEXTS:
        # Scored where the lengths allow: as fast on one core as the matrix on two (a year
        # without headings at x100), and numpy is not imported.
        return _ratios_at_least(olds, news, cutoff)
    found: dict[tuple[int, int], float] = {}
    if cutoff > 0 and len(olds) * len(news) >= MATRIX_PAIRS:  # (a matrix holds 0 for below)
        # One call scores them all in C, on every core (numpy: imported only for big problems).
        matrix = process.cdist(
            olds, news, scorer=scorer, processor=None, score_cutoff=cutoff, workers=-1
        )
        rows, cols = matrix.nonzero()  # below the cutoff: 0
        scores = matrix[rows, cols].tolist()  # float32 -> float: single precision, as above
        return dict(zip(zip(rows.tolist(), cols.tolist(), strict=True), scores, strict=True))
    for i, text in enumerate(olds):
        # One call scores a whole row in C.
        for _, score, j in process.extract(
            text, news, scorer=scorer, processor=None, score_cutoff=cutoff, limit=None
        ):
            found[i, j] = single_precision(score)
    return found


def _ratios_at_least(
    olds: Sequence[str], news: Sequence[str], cutoff: float
) -> dict[tuple[int, int], float]:
    """scores_at_least for fuzz.ratio, scoring only the pairs whose lengths allow the cutoff.

    fuzz.ratio is 200 * LCS / (m + n), and LCS <= min(m, n); so a pair reaches the cutoff c only
    when the shorter text is at least c / (200 - c) of the longer (at 85: 74%). Each old text is
    scored against the new texts of such lengths alone (sorted by length, found by bisection).
    """
    order = sorted(range(len(news)), key=lambda j: len(news[j]))
    lengths = [len(news[j]) for j in order]
    texts = [news[j] for j in order]
    least = cutoff / (200.0 - cutoff)  # the least ratio of the lengths, shorter to longer
    found: dict[tuple[int, int], float] = {}
    for i, text in enumerate(olds):
        # A little slack either way: rapidfuzz's own cutoff decides the borderline pairs.
        low = bisect.bisect_left(lengths, len(text) * least * (1 - 1e-9))
        high = bisect.bisect_right(lengths, len(text) / least * (1 + 1e-9))
        if low == high:
            continue
        hits = [
            (order[low + b], single_precision(score))
            for _, score, b in process.extract(
                text,
                texts[low:high],
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=cutoff,
                limit=None,
            )
        ]
        found.update(((i, j), score) for j, score in sorted(hits))
    return found


def single_precision(score: float) -> float:
    """Return a score rounded to single precision, as rapidfuzz's score matrices hold them.

    Ties between near-equal scores then fall as they always have.
    """
    return float(_SINGLE.unpack(_SINGLE.pack(score))[0])


_SINGLE = struct.Struct("f")


def report_year(report: Report) -> int | None:
    """Return the report's year, or the first year in its title, or None."""
    if report.year is not None:
        return report.year
    found = _YEAR.search(report.title or "")
    return int(found.group(1)) if found else None


# --------------------------------------------------------------------------- bigram ids

# A section's content is the set of bigrams of its `tokens` (a single token counts as a
# unigram). Bigrams are ints made in C, not strings: each token becomes one character of a
# "line" (a CJK character or "#" stands for itself, each distinct word or number gets a
# stand-in character), so a bigram is two adjacent UTF-16 code units, read as one 32-bit int
# from the encoded line at offset 0 and again at offset 2.
_RUN = regex(rf"[{_CJK}#]+|[a-z\u00c0-\u024f]+|{_NUMBER.pattern}")  # tokens, CJK in runs
_WORD_OR_NUMBER = regex(rf"[a-z\u00c0-\u024f]+|{_NUMBER.pattern}")
_CHUNK = regex(r"[a-z\u00c0-\u024f\d][a-z\u00c0-\u024f\d.,]*")  # one leading set: fast
_DIGIT = regex(r"\d")
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # native, as array("I")


class _TooManyWords(Exception):
    """More distinct words and numbers than stand-in characters: count them as ints instead."""


def _stand_ins() -> Iterator[str]:
    """Yield the characters that can stand for a word or number in a token string."""
    for code in range(1, 0x10000):
        # Not "#" or CJK (they stand for themselves), nor a surrogate (no UTF-16 unit of its own).
        if code != 0x23 and not (
            0x3400 <= code <= 0x4DBF
            or 0x4E00 <= code <= 0x9FFF
            or 0xD800 <= code <= 0xDFFF
            or 0xF900 <= code <= 0xFAFF
        ):
            yield chr(code)


class _Grams:
    """Turn texts into sets of bigram ids, with one vocabulary for both reports.

    The ids of a set are those of `tokens` bigrams, one to one. A text first becomes a "line"
    of tokens: narrow (the usual case) a str, one character per token; wide (more than ~35,000
    distinct words and numbers) an array of 32-bit token ids. Bigrams with numbers masked are
    numbered densely, in order of appearance, so that sets of them share small int objects
    (fast to hash and compare); bigrams as written are only ever counted, and keep their ids.
    """

    def __init__(self, *, wide: bool = False) -> None:
        self.wide = wide
        self.dense: defaultdict[int, int] = defaultdict(itertools.count().__next__)
        self._exact: dict[str, str | int] = {}  # word or number -> its stand-in
        self._masked: dict[str, str | int] = {}  # the same, but every number -> "#"
        self._chunks: set[str] = set()  # chunks whose words and numbers have stand-ins
        self._next: Iterator[str | int] = itertools.count(0x110000) if wide else _stand_ins()

    def of(self, text: str) -> tuple[set[int], str | array[int]]:
        """Return a text's dense bigram ids with numbers as "#", and its line as written."""
        text = text.lower()
        runs = _RUN.findall(text)
        # Chunks of letters and digits hold the words and numbers: a cheap way to spot new ones.
        chunks = _CHUNK.findall(text)
        if chunks:
            for chunk in set(chunks).difference(self._chunks):
                self._chunks.add(chunk)
                for word in _WORD_OR_NUMBER.findall(chunk):
                    if word not in self._exact:
                        self._add(word)
        line = self._line(runs, self._masked)
        number = self.dense.__getitem__
        even, odd = self._halves(line)
        masked = set(map(number, even))
        masked.update(map(number, odd))
        if _DIGIT.search(text) is not None:  # else: as written = masked
            line = self._line(runs, self._exact)
        return masked, line

    def line(self, text: str) -> str | array[int]:
        """Return the line as written of a text seen before (its words and numbers are known)."""
        return self._line(_RUN.findall(text.lower()), self._exact)

    def pairs(self, line: str | array[int]) -> set[int]:
        """Return the bigram ids of a line (not dense)."""
        even, odd = self._halves(line)
        found = set(even)
        found.update(odd)
        return found

    def _add(self, word: str) -> None:
        """Give a new word or number its stand-in."""
        try:
            stand_in = next(self._next)
        except StopIteration:
            raise _TooManyWords from None
        self._exact[word] = stand_in
        if _NUMBER.match(word):
            self._masked[word] = 0x23 if self.wide else "#"
        else:
            self._masked[word] = stand_in

    def _line(self, runs: list[str], stand_ins: dict[str, str | int]) -> str | array[int]:
        """Return a text's tokens as a line, given its runs of tokens."""
        if not self.wide:
            # CJK runs are not keys: get() returns them as they are.
            return "".join(map(stand_ins.get, runs, runs))  # type: ignore[arg-type]
        ids = array("I")
        for run in runs:
            found = stand_ins.get(run)
            if found is None:
                ids.frombytes(run.encode(_UTF32))  # a run of CJK and "#"
            else:
                ids.append(found)  # type: ignore[arg-type]
        return ids

    @staticmethod
    def _halves(line: str | array[int]) -> tuple[Iterable[int], Iterable[int]]:
        """Return a line's bigram ids: those starting at even and those at odd places."""
        count = len(line)
        if count < 2:  # a single token is its own unigram
            return (map(ord, line) if isinstance(line, str) else line), ()
        if isinstance(line, str):  # 16-bit units (all BMP), two to an id
            data = memoryview(line.encode("utf-16-le"))
            return data[: count // 2 * 4].cast("I"), data[2 : 2 + (count - 1) // 2 * 4].cast("I")
        data = memoryview(line).cast("B")  # 32-bit tokens, two to an id
        return data[: count // 2 * 8].cast("Q"), data[4 : 4 + (count - 1) // 2 * 8].cast("Q")


# --------------------------------------------------------------------------- assignment


def hungarian(cost: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Return the (row, column) pairs of a minimum-cost assignment; needs rows <= columns.

    Shortest augmenting paths, one row at a time: O(n^2 m). Of equal choices the first column
    is taken, as numpy's argmin would.
    """
    n = len(cost)
    if n == 0:
        return []
    m = len(cost[0])
    # Column j of a row is at index j (index 0 unused), as in v, owner, way and minv.
    padded = [[0.0, *row] for row in cost]
    inf = math.inf
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j] = row (1-based) assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        free = list(range(1, m + 1))  # the columns not yet used, ascending
        used = []
        while True:
            used.append(j0)
            if j0:
                free.remove(j0)
            i0 = owner[j0]
            row, ui = padded[i0 - 1], u[i0]
            delta, j1 = inf, 0
            for j in free:
                reduced = row[j] - ui - v[j]
                least = minv[j]
                if reduced < least:
                    minv[j] = least = reduced
                    way[j] = j0
                if least < delta:  # the first smallest
                    delta, j1 = least, j
            for j in used:
                u[owner[j]] += delta
                v[j] -= delta
            for j in free:
                minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sorted((owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j])


def assign(
    scores: Sequence[Sequence[float]], cutoff: float, *, limit: int = 400
) -> list[tuple[int, int]]:
    """Return the (row, column) pairs that maximise the total score, using only scores >= cutoff.

    See assign_edges; `scores` is a full matrix here.
    """
    edges = {
        (i, j): float(value)
        for i, row in enumerate(scores)
        for j, value in enumerate(row)
        if value >= cutoff
    }
    return assign_edges(edges, cutoff, limit=limit)


def assign_edges(
    edges: dict[tuple[int, int], float], cutoff: float, *, limit: int = 400, slack: float = 0.0
) -> list[tuple[int, int]]:
    """Return the (row, column) pairs that maximise the total score, using only scores >= cutoff.

    The problem splits into connected groups of rows and columns that share an allowed score;
    each group is solved exactly (Hungarian), so one good match cannot take another's partner.
    A group with more than `limit` rows or columns (huge documents only) is solved greedily,
    best score first, to keep the cost bounded. Two pairs that cross give way to the two in
    order when those score at most `slack` less together.
    """
    allowed = sorted((i, j) for (i, j), v in edges.items() if v >= cutoff)
    if len({i for i, _ in allowed}) == len(allowed) == len({j for _, j in allowed}):
        return allowed  # the common case: no row or column has two candidates
    parent: dict[tuple[int, int], tuple[int, int]] = {}  # nodes: (0, row) and (1, column)

    def find(x: tuple[int, int]) -> tuple[int, int]:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for i, j in allowed:
        a, b = find((0, i)), find((1, j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for i, j in allowed:  # sorted: each group's edges come out in row-major order
        groups.setdefault(find((0, i)), []).append((i, j))
    result: list[tuple[int, int]] = []
    for group in groups.values():
        rs = sorted({i for i, _ in group})
        cs = sorted({j for _, j in group})
        if len(rs) == 1 or len(cs) == 1:
            # Ties go to the first (earliest) candidate.
            best = max((edges[i, j], -i, -j) for i, j in group)
            result.append((-best[1], -best[2]))
        elif len(rs) > limit or len(cs) > limit:
            result.extend(_greedy(group, edges))
        else:
            allowed_here = {e: edges[e] for e in group}
            weights = [[allowed_here.get((i, j), 0.0) for j in cs] for i in rs]
            top = max(map(max, weights))
            cost = [[top - v for v in row] for row in weights]
            if len(rs) <= len(cs):
                found = [(rs[a], cs[b]) for a, b in hungarian(cost)]
            else:
                transposed = [list(column) for column in zip(*cost, strict=True)]
                found = [(rs[b], cs[a]) for a, b in hungarian(transposed)]
            # A row may be placed on a cell without an edge (its candidates went to better
            # rows): it stays unpaired.
            result.extend(_uncross([e for e in found if e in allowed_here], allowed_here, slack))
    return sorted(result)


def _uncross(
    pairs: list[tuple[int, int]], edges: dict[tuple[int, int], float], slack: float = 0.0
) -> list[tuple[int, int]]:
    """Swap the partners of two crossing pairs wherever that costs nothing (or no more than
    `slack`): of equal totals, the one that keeps rows and columns in the same order
    (Hungarian's paths may cross twins).

    Each swap removes at least one crossing, so the passes end.
    """
    partner = dict(pairs)
    owner = {j: i for i, j in pairs}
    columns: dict[int, list[int]] = {}
    for i, j in sorted(edges):
        columns.setdefault(i, []).append(j)
    swapped = True
    while swapped:
        swapped = False
        for i1 in sorted(partner):
            j1 = partner[i1]
            for j2 in columns[i1]:
                if j2 >= j1:
                    break
                i2 = owner.get(j2)
                if i2 is None or i2 < i1 or (i2, j1) not in edges:
                    continue
                if edges[i1, j2] + edges[i2, j1] + slack >= edges[i1, j1] + edges[i2, j2]:
                    partner[i1], partner[i2] = j2, j1
                    owner[j2], owner[j1] = i1, i2
                    swapped = True
                    break  # the next row; the next pass looks at this one again
    return sorted(partner.items())


def _greedy(
    group: list[tuple[int, int]], edges: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    """Pair rows and columns best score first (ties: earliest), each at most once."""
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    found = []
    for i, j in sorted(group, key=lambda e: (-edges[e], e)):
        if i not in used_rows and j not in used_cols:
            used_rows.add(i)
            used_cols.add(j)
            found.append((i, j))
    return found


def blocks(rows: int, cols: int, window: int) -> Iterator[tuple[range, range]]:
    """Yield (rows, columns) blocks that cover every row once, each with the columns near it.

    Small problems are one block. In big ones a row is compared only with the `window`
    columns around its proportional place, so cost grows linearly, not quadratically.
    """
    if rows <= window and cols <= window:
        yield range(rows), range(cols)
        return
    step = max(1, window // 2)
    for start in range(0, rows, step):
        stop = min(rows, start + step)
        center = (start + stop) / 2 * cols / max(rows, 1)
        low = max(0, int(center - window / 2))
        yield range(start, stop), range(low, min(cols, low + window))


def _run_lengths(values: Sequence[int]) -> list[int]:
    """Return, per position, the length of the longest increasing run ending there (n log n)."""
    tails: list[int] = []  # tails[k]: smallest last value of an increasing run of length k + 1
    lengths = []
    for value in values:
        k = bisect.bisect_left(tails, value)
        tails[k : k + 1] = [value]
        lengths.append(k + 1)
    return lengths


def _heaviest_runs(values: Sequence[int], weights: Sequence[int]) -> list[tuple[int, int]]:
    """Return, per position, the (length, weight) of the longest increasing run ending there,
    the heaviest of those (n log n: a Fenwick tree of the best run by value rank)."""
    ranks = {value: rank for rank, value in enumerate(sorted(values), start=1)}
    tree = [(0, 0)] * (len(values) + 1)
    found = []
    for value, weight in zip(values, weights, strict=True):
        before = (0, 0)
        at = ranks[value] - 1
        while at > 0:  # the best run over the smaller values
            before = max(before, tree[at])
            at -= at & -at
        run = (before[0] + 1, before[1] + weight)
        found.append(run)
        at = ranks[value]
        while at < len(tree):
            if tree[at] < run:
                tree[at] = run
            at += at & -at
    return found


def heaviest_chain(edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Return the pairs (a, b) rising in both a and b whose weights sum highest, in order
    (n log n: a Fenwick tree of the best chain by b)."""
    if not edges:
        return []
    ranks = {b: rank for rank, b in enumerate(sorted({b for _, b in edges}), start=1)}
    tree: list[tuple[float, int]] = [(0.0, -1)] * (len(ranks) + 1)
    order = sorted(edges, key=lambda e: (e[0], -e[1]))  # one a's pairs cannot chain
    totals, links = [], []
    for k, (a, b) in enumerate(order):
        before = (0.0, -1)
        at = ranks[b] - 1
        while at > 0:  # the best chain over the smaller b
            before = max(before, tree[at])
            at -= at & -at
        total = before[0] + edges[a, b]
        totals.append(total)
        links.append(before[1])
        at = ranks[b]
        while at < len(tree):
            if tree[at][0] < total:
                tree[at] = (total, k)
            at += at & -at
    k = max(range(len(order)), key=totals.__getitem__)
    chain = []
    while k >= 0:
        chain.append(order[k])
        k = links[k]
    return chain[::-1]


def in_every_longest_run(values: Sequence[int], weights: Sequence[int] | None = None) -> set[int]:
    """Return the positions that belong to every longest increasing subsequence of distinct values
    (with `weights`, of the heaviest among the longest).

    The others are out of order: one section moved far flags only itself, while two adjacent
    sections that swapped places flag both (either could be the one that moved). Weighed, an
    equal sentence stays in place against a less alike pair that crosses it.
    """
    if all(map(operator.lt, values, values[1:])):  # the common case: all in order
        return set(range(len(values)))
    ending = _run_lengths(values)
    starting = _run_lengths([-v for v in reversed(values)])[::-1]
    longest = max(ending, default=0)
    on_some = [k for k in range(len(values)) if ending[k] + starting[k] - 1 == longest]
    per_rank: dict[int, list[int]] = {}
    for k in on_some:
        per_rank.setdefault(ending[k], []).append(k)
    if weights is None or all(len(ks) == 1 for ks in per_rank.values()):
        return {ks[0] for ks in per_rank.values() if len(ks) == 1}
    # Of a position on some longest run, its place in any is its rank (ending[k]): it is in
    # every heaviest one when no other position of its rank is on a heaviest one.
    heavy_end = _heaviest_runs(values, weights)
    heavy_start = _heaviest_runs([-v for v in reversed(values)], weights[::-1])[::-1]
    through = [e[1] + s[1] - w for e, s, w in zip(heavy_end, heavy_start, weights, strict=True)]
    heaviest = max(through[k] for k in on_some)
    per_rank = {}
    for k in on_some:
        if through[k] == heaviest:
            per_rank.setdefault(ending[k], []).append(k)
    return {ks[0] for ks in per_rank.values() if len(ks) == 1}


# --------------------------------------------------------------------------- sections


# Big reports only (the seed pair holds some 20,000 ids, ten seeds 200,000): the most bigram
# ids of sections' own texts held as sets (fast, ~40 bytes each) before the rest are held as
# arrays (4 bytes each), and the most ids of subtree unions kept for reuse (the rest are rebuilt
# when needed).
_SET_BUDGET = 1 << 18
_CACHE_BUDGET = 1 << 18
# Big sections (a year without headings): the sections where a part of the other report is
# looked for hold at most this many bigrams, the nearest its place, so that their sets stay
# kept (half the cache) from one part to the next rather than being rebuilt for each.
_WINDOW_BIGRAMS = 1 << 17
_LINE_BUDGET = 1 << 21  # tokens of the lines as written kept (2 bytes each)
# Sentences of one section pair left unpaired by the equal ones: each is scored against this
# many of the other side's, around its place (the corpus needs at most 271 x 257, Apple's).
_SENTENCE_WINDOW = 1000
# A sentence keeps at most this many candidates of the other year (the best, then the nearest
# its place): a line stated 5,000 times over, edited in half of them, gave 2.4 million pairs of
# equal score, 13 s and 1.4 GB. The corpus needs at most 28 (Apple's rows alike).
_SENTENCE_CANDIDATES = 64
# A sentence stated more often than this in both years pairs occurrence by occurrence, before
# difflib looks for equal runs (see _stated_often).
_STATED_OFTEN = 64
# Sentences of a section pair (both years together) above which difflib looks for equal runs
# only between sentences stated once in each year, paired in order, first (see _equal_runs):
# its search costs the product of the lengths when the equal runs are short and many (every
# third line of a year read as one section changed: 6,000 lines took 4 s, 12,000 36 s). The
# corpus needs at most 870 (Apple's).
_ANCHORED_SENTENCES = 2000
# Two pairs of sentences that cross give way to the two in order that score up to this much
# less together: a 10-K's "Beginning" and "Ending accrued warranty" rows, each next year's
# written as the other's (its ending is next year's beginning), crossed by 0.07 points.
_ORDER_SLACK = 1.0
# A section keeps at most this many candidates of the other year (the best): a year without
# headings, whose paragraph groups are alike everywhere, gave a thousand times the seed 2.5
# million of them and a peak of 2.3 GB. The corpus needs at most 15 (Apple).
_SECTION_CANDIDATES = 30


@dataclass(slots=True, eq=False)
class _Node:
    """One section with the features alignment needs."""

    section: Section
    parent: str | None  # parent section id; None at top level and for the preamble
    order: int  # index in document order (preamble 0)
    sibling: int  # index among its siblings
    siblings: int  # number of siblings
    heading: str  # normalised heading
    relative: str  # normalised heading with years relativised
    children: list[_Node] = field(default_factory=list)
    own: Collection[int] = ()  # dense ids of its own text's bigrams (numbers as "#"): a set or
    # an array (big reports)
    line: str | array[int] | None = ""  # its own text's tokens as written, as _Grams makes
    # them (None: made again when needed, in big reports)
    mass: float = 0.0  # summed weight of the bigrams of its subtree
    size: int = 0  # number of those bigrams


# How alike (Dice of bigrams, 0-100) two subsections whose headings share nothing must be to
# match (see _Aligner.unrelated). The national reports' least alike such pair that is one
# subsection told anew is 25.0 ("十二五"时期的主要目标和任务 -> 2012年工作总体部署).
_UNRELATED_TEXT = 25.0
_UNRELATED_KEPT = 10


@dataclass(slots=True)
class _Match:
    """Why an old section was matched to a new one."""

    new: str
    score: float
    evidence: str


class _Aligner:
    """Match the sections of two reports; holds the features and the matches found so far."""

    def __init__(self, old: Report, new: Report, settings: Settings) -> None:
        self.settings = settings
        self.old = self._nodes(old)
        self.new = self._nodes(new)
        self.weight: list[float] = []  # by dense bigram id
        # Subtree bigrams, least recently used first; a parent's set repeats its children's,
        # so big reports keep only the most recent (the rest are rebuilt when needed).
        self._subtree: OrderedDict[tuple[_Node, bool], set[int]] = OrderedDict()
        self._cached = 0
        self._grams = _Grams()  # kept: the lines as written become bigrams when needed
        try:
            self._weigh(self._grams)
        except _TooManyWords:
            self._weigh(_Grams(wide=True))
        self.matches: dict[str, _Match] = {}  # old id -> match
        self.partner: dict[str, str] = {}  # new id -> old id

    @staticmethod
    def _nodes(report: Report) -> dict[str, _Node]:
        """Return the features of every section (preamble first), in document order."""
        year = report_year(report)
        nodes: dict[str, _Node] = {}
        if report.preamble is not None:
            _add_node(nodes, year, report.preamble, None, 0, 1)
        for k, top in enumerate(report.sections):
            _add_node(nodes, year, top, None, k, len(report.sections))
        return nodes

    def _weigh(self, grams: _Grams) -> None:
        """Find each section's bigrams; weigh them by rarity among section bodies (IDF), so stock
        phrases count little; sum the weights of each subtree."""
        self._grams = grams
        counts: Counter[int] = Counter()
        units = held = length = 0
        for node in itertools.chain(self.old.values(), self.new.values()):
            own, line = grams.of(node.section.text)
            if own:
                units += 1
                counts.update(own)
            held += len(own)
            node.own = own if held <= _SET_BUDGET else array("I", own)
            length += len(line)
            node.line = line if length <= _LINE_BUDGET else None
        total = units + 1
        by_count = {count: math.log(total / count) ** 2 for count in set(counts.values())}
        # Every dense id is in some section's set, so each has a count.
        self.weight = list(map(by_count.__getitem__, map(counts.__getitem__, range(len(counts)))))
        del counts
        self.forget()
        for nodes in (self.old, self.new):
            # Last first: the unions kept (big reports) are then those the matching needs first.
            for node in reversed(nodes.values()):
                if node.parent is None:
                    self._measure(node)

    def _measure(self, node: _Node) -> Collection[int]:
        """Set the mass and size of a subtree, children first; return its bigrams."""
        found = node.own
        if node.children:
            found = set(found)
            for child in reversed(node.children):
                found.update(self._measure(child))
            self._keep((node, False), found)
        # Own bigrams are distinct already, whether a set or an array.
        node.size = len(found)
        node.mass = math.fsum(map(self.weight.__getitem__, found))
        return found

    def grams(self, node: _Node) -> Set[int]:
        """Return the bigram ids (numbers as "#") of a section and its descendants."""
        return self._union(node, False)

    def exact(self, node: _Node) -> Set[int]:
        """Return the bigram ids (numbers as written) of a section and its descendants."""
        return self._union(node, True)

    def _union(self, node: _Node, exact: bool) -> Set[int]:
        """Return the union of a subtree's own bigram sets, kept while the budget allows."""
        own = node.own
        if not exact and not node.children and isinstance(own, set):
            return own
        key = (node, exact)
        found = self._subtree.get(key)
        if found is not None:
            self._subtree.move_to_end(key)
            return found
        if exact:
            line = node.line
            found = self._grams.pairs(self._grams.line(node.section.text) if line is None else line)
        else:
            found = set(own)
        for child in node.children:
            found |= self._union(child, exact)
        self._keep(key, found)
        return found

    def _keep(self, key: tuple[_Node, bool], found: set[int]) -> None:
        """Keep a subtree union, dropping the least recently used beyond the budget."""
        self._subtree[key] = found
        self._cached += len(found)
        while self._cached > _CACHE_BUDGET and len(self._subtree) > 1:
            self._cached -= len(self._subtree.popitem(last=False)[1])

    def _shared(self, old: _Node, new: _Node) -> set[int]:
        """Return the bigrams (numbers as "#") two subtrees share.

        Kept sets are intersected as they are. Otherwise (big reports) one subtree's union is
        built and the other's bigrams are looked up in it, which halves the work.
        """
        found, other = self._kept(old), self._kept(new)
        if found is not None and other is not None:
            return found & other
        if other is not None:
            found, new = other, old
        elif found is None:
            found = set()
            for node in _subtree(old):
                found.update(node.own)
            self._keep((old, False), found)
        return found.intersection(itertools.chain.from_iterable(n.own for n in _subtree(new)))

    def _kept(self, node: _Node) -> set[int] | None:
        """Return the bigrams (numbers as "#") of a subtree if they are at hand as a set."""
        if not node.children and isinstance(node.own, set):
            return node.own
        found = self._subtree.get((node, False))
        if found is not None:
            self._subtree.move_to_end((node, False))
        return found

    def forget(self) -> None:
        """Drop the kept subtree unions."""
        self._subtree.clear()
        self._cached = 0

    def overlap(self, shared: Set[int]) -> float:
        """Return the summed weight of shared bigrams (fsum: exact, in whatever order)."""
        return math.fsum(map(self.weight.__getitem__, shared))

    def content(
        self, old: _Node, new: _Node, grams: tuple[Set[int], Set[int]] | None = None
    ) -> float:
        """Return the IDF-weighted cosine of two sections' bigram sets, 0-100 (given the sets,
        or looked up)."""
        if not old.mass or not new.mass:
            return 0.0
        shared = self._shared(old, new) if grams is None else grams[0] & grams[1]
        return 100.0 * self.overlap(shared) / math.sqrt(old.mass * new.mass)

    def contained(self, part: _Node, whole: _Node) -> float:
        """Return the IDF-weighted share of `part`'s bigrams found in `whole`, 0-100."""
        if not part.mass:
            return 0.0
        return 100.0 * self.overlap(self.grams(part) & self.grams(whole)) / part.mass

    # ----------------------------------------------------------------- scoring

    def score_matrix(
        self,
        olds: Sequence[_Node],
        news: Sequence[_Node],
        position: Callable[[_Node, _Node], float],
    ) -> list[list[tuple[float, float, float]]]:
        """Return (score, heading, content) for every old x new candidate pair."""
        s = self.settings
        # Headings are normalised beforehand (year offsets differ per report): no processor.
        heading = scores_at_least(
            [n.relative for n in olds],
            [n.relative for n in news],
            fuzz.token_set_ratio,
            s.heading_noise,
        )
        # A block holds its sets while it is scored; a single pair needs not build both.
        block = len(olds) > 1 or len(news) > 1
        old_sets = [self.grams(o) if block and o.mass else set() for o in olds]
        new_sets = [self.grams(n) if block and n.mass else set() for n in news]
        rows = []
        for i, o in enumerate(olds):
            row = []
            for j, n in enumerate(news):
                h = heading.get((i, j), 0.0)
                sets = (old_sets[i], new_sets[j]) if block else None
                c = min(100.0, 100.0 * self.content(o, n, sets) / s.content_scale)
                parts = [(s.position_weight, position(o, n))]
                if o.relative or n.relative:
                    parts.append((s.heading_weight, h))
                if o.mass or n.mass:
                    parts.append((s.content_weight, c))
                weight = sum(w for w, _ in parts)
                row.append((sum(w * v for w, v in parts) / weight, h, c))
            rows.append(row)
        return rows

    def evidence(self, o: _Node, n: _Node, h: float, c: float) -> str:
        """Name the strongest evidence for a match."""
        s = self.settings
        if o.heading and o.heading == n.heading:
            return SAME_HEADING
        if o.relative and o.relative == n.relative:
            return RELATIVE_YEAR
        heading_ok = h >= s.similar_heading
        content_ok = c >= s.similar_content
        if heading_ok and (not content_ok or s.heading_weight * h >= s.content_weight * c):
            return SIMILAR_HEADING
        if content_ok:
            return SIMILAR_CONTENT
        return POSITION

    def match_group(
        self,
        olds: Sequence[_Node],
        news: Sequence[_Node],
        position: Callable[[_Node, _Node], float],
        *,
        anchor: bool = False,
    ) -> list[tuple[_Node, _Node]]:
        """Match two groups of unmatched sections as one assignment and record the matches.

        With `anchor`, sections whose heading occurs exactly once on each side are paired first
        (siblings under matched parents: the same heading is the same section).
        """
        if not olds or not news:
            return []  # nothing to pair
        s = self.settings
        pairs: list[tuple[_Node, _Node]] = []
        if anchor:
            pairs = _unique_headings(olds, news)
            for o, n in pairs:
                self.record(o, n, *self.score_matrix([o], [n], position)[0][0])
            olds = [o for o in olds if o.section.id not in self.matches]
            news = [n for n in news if n.section.id not in self.partner]
        cells: dict[tuple[int, int], tuple[float, float, float]] = {}
        places = [(n.order + 0.5) / len(self.new) for n in news]
        for rs, cs in blocks(len(olds), len(news), s.window):
            if len(rs) < len(olds):  # a big problem: only the sections around the rows' places
                cs = self.near(olds[rs.start], olds[rs.stop - 1], places, cs)
            rows = self.score_matrix([olds[i] for i in rs], [news[j] for j in cs], position)
            for i, row in zip(rs, rows, strict=True):
                found_here = [
                    (score, -j, h, c)
                    for j, (score, h, c) in zip(cs, row, strict=True)
                    # Position alone never makes a match: the heading or the content must be
                    # similar, or both sections be the same number with nothing else to compare.
                    if score >= s.section_cutoff
                    and (
                        h >= s.similar_heading
                        or c >= s.similar_content
                        or _bare_twins(olds[i], news[j])
                    )
                    and not (h == 0.0 and self.unrelated(olds[i], news[j]))
                ]
                if len(found_here) > _SECTION_CANDIDATES:  # the best, the earliest among equals
                    found_here = heapq.nlargest(_SECTION_CANDIDATES, found_here)
                cells.update(((i, -j), (score, h, c)) for score, j, h, c in found_here)
        found = assign_edges({k: v[0] for k, v in cells.items()}, s.section_cutoff, limit=s.window)
        for i, j in found:
            self.record(olds[i], news[j], *cells[i, j])
        return pairs + [(olds[i], news[j]) for i, j in found]

    def unrelated(self, old: _Node, new: _Node) -> bool:
        """Tell two subsections whose headings share no term (a CJK bigram, a word: 调控 makes
        创新宏观调控思路和方式 and 在区间调控基础上实施定向调控 related) apart when their texts share
        less than _UNRELATED_TEXT of their bigrams (the section map's Text) and sentences making
        less than 1/_UNRELATED_KEPT of the shorter (各位代表！ is no kept text). A replaced
        subsection told in the same pattern (（三）对外贸易 "货物进出口总额达到…，增长…，其中出口…"
        next year （三）消费市场 "社会消费品零售总额达到…，增长…，其中网上零售额…") matched on its
        stock words and its place, as renamed. Sections with subsections are judged by them."""
        if old.children or new.children or not (old.relative and new.relative):
            return False
        if not set(terms(old.relative)).isdisjoint(terms(new.relative)):
            return False
        kept = set(old.section.sentences).intersection(new.section.sentences)
        shorter = min(len(old.section.text), len(new.section.text))
        if _UNRELATED_KEPT * sum(map(len, kept)) >= shorter:
            return False  # rewritten but for what it kept: one subsection
        return dice(self.exact(old), self.exact(new)) < _UNRELATED_TEXT

    def near(self, first: _Node, last: _Node, places: Sequence[float], columns: range) -> range:
        """Return the new sections a block of old ones (`first` to `last`) is compared with in a
        big problem: those within half a window of the block's places in the document, the window
        counted in sections of the report that has more (`places`: the candidates' places, 0-1,
        ascending). More than the block's `columns` (sparse leftovers): those.

        A year without headings has a few big paragraph groups against many small sections: a
        window of 200 groups was most of the report, so every section was scored against most of
        the other year (quadratic). Counted in the smaller sections, it is the text around.
        """
        reach = self.settings.window / 2 / max(len(self.old), len(self.new))
        found = _around(
            places, (first.order + 0.5) / len(self.old), (last.order + 0.5) / len(self.old), reach
        )
        return found if len(found) <= len(columns) else columns

    def record(self, o: _Node, n: _Node, score: float, h: float, c: float) -> None:
        """Record a match of old section `o` to new section `n`."""
        evidence = self.evidence(o, n, h, c)
        self.matches[o.section.id] = _Match(new=n.section.id, score=score, evidence=evidence)
        self.partner[n.section.id] = o.section.id

    def global_position(self, o: _Node, n: _Node) -> float:
        """Return 100 when two sections sit at the same relative place in their documents."""
        old_place = (o.order + 0.5) / max(len(self.old), 1)
        return 100.0 * (1.0 - abs(old_place - (n.order + 0.5) / max(len(self.new), 1)))

    def prefer_specific(self, o: _Node, n: _Node) -> tuple[_Node, _Node]:
        """Swap a match of a parent to a leaf for its best subsection, if that is more similar.

        A top-level section of one year can be a subsection of the other; matching it to the
        parent that merely contains it would hide the real counterpart among the children.
        """
        if bool(o.section.children) == bool(n.section.children):
            return o, n
        current = self.matches[o.section.id].score
        if o.section.children:
            olds = [
                self.old[s.id]
                for s in o.section.walk()
                if s is not o.section and s.id not in self.matches
            ]
            if not olds:
                return o, n
            rows = self.score_matrix(olds, [n], self.global_position)
            k = max(range(len(olds)), key=lambda k: (rows[k][0][0], -k))
            if rows[k][0][0] <= current or self.content(olds[k], n) <= self.content(o, n):
                return o, n
            del self.matches[o.section.id]
            self.record(olds[k], n, *rows[k][0])
            return olds[k], n
        news = [
            self.new[s.id]
            for s in n.section.walk()
            if s is not n.section and s.id not in self.partner
        ]
        if not news:
            return o, n
        rows = self.score_matrix([o], news, self.global_position)
        k = max(range(len(news)), key=lambda k: (rows[0][k][0], -k))
        if rows[0][k][0] <= current or self.content(o, news[k]) <= self.content(o, n):
            return o, n
        del self.partner[n.section.id]
        self.record(o, news[k], *rows[0][k])
        return o, news[k]

    def align_children(self, old: Iterable[Section], new: Iterable[Section]) -> None:
        """Match unmatched siblings by position among siblings, then recurse into matched pairs."""
        olds = [self.old[s.id] for s in old if s.id not in self.matches]
        news = [self.new[s.id] for s in new if s.id not in self.partner]
        for o, n in self.match_group(olds, news, _sibling_position, anchor=True):
            o, n = self.prefer_specific(o, n)
            self.align_children(o.section.children, n.section.children)

    def align_leftovers(self) -> None:
        """Match leftover sections anywhere against each other (a section that changed parent)."""
        for _ in range(self.settings.leftover_rounds):
            olds = [n for i, n in self.old.items() if i not in self.matches and i != "0"]
            news = [n for i, n in self.new.items() if i not in self.partner and i != "0"]
            found = self.match_group(olds, news, self.global_position)
            if not found:
                return
            for o, n in found:
                self.align_children(o.section.children, n.section.children)

    def align_sole(self, o: _Node, n: _Node) -> None:
        """Pair the only subsection left unmatched under each of a matched pair `o`, `n`, when
        their texts share settings.sole_content (less than a match needs elsewhere), then look
        the same way under every matched pair inside.

        The matched parents say the two are about one subject, and nothing else is left there
        for either: national 2014's 创新宏观调控思路和方式 (content 34, score 27 with a
        reworded heading) is 2015's 在区间调控基础上实施定向调控, and 2008's 大力推进改革开放
        is 2009's 积极推进改革开放. Unrelated subsections of the seed in that place share at
        most 10. Top-level sections have no matched parent: they are not paired this way.
        """
        olds = [self.old[c.id] for c in o.section.children if c.id not in self.matches]
        news = [self.new[c.id] for c in n.section.children if c.id not in self.partner]
        if len(olds) == 1 and len(news) == 1:
            ((score, h, c),) = self.score_matrix(olds, news, _sibling_position)[0]
            if c >= self.settings.sole_content and not (h == 0.0 and self.unrelated(*olds, *news)):
                o_left, n_left = olds[0].section.id, news[0].section.id
                self.matches[o_left] = _Match(new=n_left, score=score, evidence=ONLY_ONE_LEFT)
                self.partner[n_left] = o_left
                self.align_children(olds[0].section.children, news[0].section.children)
        for child in o.section.children:
            match = self.matches.get(child.id)
            if match is not None:
                self.align_sole(self.old[child.id], self.new[match.new])

    def run(self) -> None:
        """Match the preamble, then the outline top-down, then leftovers, then the only
        subsections left under a matched pair."""
        if "0" in self.old and "0" in self.new:
            o, n = self.old["0"], self.new["0"]
            c = self.content(o, n)
            self.matches["0"] = _Match(new="0", score=c, evidence=POSITION)
            self.partner["0"] = "0"
        top_old = [n.section for n in self.old.values() if n.parent is None and n.section.id != "0"]
        top_new = [n.section for n in self.new.values() if n.parent is None and n.section.id != "0"]
        self.align_children(top_old, top_new)
        self.align_leftovers()
        for top in top_old:
            if (match := self.matches.get(top.id)) is not None:
                self.align_sole(self.old[top.id], self.new[match.new])

    # ----------------------------------------------------------------- flags

    def moved(self) -> set[str]:
        """Return the old ids of matched sections that changed parent or order among siblings."""
        moved: set[str] = set()
        groups: dict[tuple[str | None, str | None], list[tuple[int, int, str]]] = {}
        for old_id, match in self.matches.items():
            if old_id == "0":
                continue
            o, n = self.old[old_id], self.new[match.new]
            old_parent_partner = self.matches[o.parent].new if o.parent in self.matches else None
            if o.parent is not None and o.parent not in self.matches:
                old_parent_partner = f"(removed {o.parent})"
            if old_parent_partner != n.parent:
                moved.add(old_id)
                continue
            groups.setdefault((o.parent, n.parent), []).append((n.sibling, o.sibling, old_id))
        for members in groups.values():
            members.sort()
            keep = in_every_longest_run([old_sibling for _, old_sibling, _ in members])
            moved.update(old_id for k, (_, _, old_id) in enumerate(members) if k not in keep)
        return moved

    def best_container(
        self, part: _Node, candidates: Sequence[_Node], orders: list[int], ratio: float
    ) -> tuple[str, float] | None:
        """Return the most specific candidate holding most of `part`'s content, with the share.

        `candidates` are in document order of their report (`orders`: their places); `ratio`
        maps `part`'s place to theirs. Only the settings.window candidates nearest that place
        are looked at (in a big report: those within half a window of it, counted in sections of
        the report that has more, as near() does), and of those only the nearest that hold
        _WINDOW_BIGRAMS bigrams in all.
        """
        window = self.settings.window
        center = part.order * ratio
        place = bisect.bisect_left(orders, center)
        if len(candidates) > window:
            start = max(0, min(place - window // 2, len(candidates) - window))
            # Within half a window of sections of the report that has more (see near).
            found = _around(orders, center, center, window / 2 * min(ratio, 1.0))
            if found and len(found) <= window:
                start, window = found.start, len(found)
            candidates, place = candidates[start : start + window], place - start
        if sum(c.size for c in candidates) > _WINDOW_BIGRAMS:
            candidates = _nearest_that_fit(candidates, place, _WINDOW_BIGRAMS)
        # An ancestor holds at least what its descendants hold, and comes first: the best share,
        # and the first candidate with it, are found among the candidates whose parent is not one.
        ids = {c.section.id for c in candidates}
        scored = [(self.contained(part, c), c) for c in candidates if c.parent not in ids]
        top = max((share for share, _ in scored), default=0.0)
        if top < self.settings.split_cutoff:
            return None
        best = min((c for share, c in scored if share == top), key=lambda c: c.order)
        # Name the smallest section of the best one's subtree whose share is close to the best;
        # of a parent and the one child that holds all it holds, the child (一、 with its
        # （一） alone: content merged into （一） names （一）).
        inside = {s.id for s in best.section.walk()}
        scored = [(self.contained(part, c), c) for c in candidates if c.section.id in inside]
        close = [
            (c.size, -c.section.level, c.order, share, c)
            for share, c in scored
            if share >= top - self.settings.split_tolerance
        ]
        *_, share, chosen = min(close, key=lambda t: t[:3])
        return chosen.section.id, share


def _around(places: Sequence[float], first: float, last: float, reach: float) -> range:
    """Return the indices of the sorted `places` from `first - reach` to `last + reach`, and the
    one before them: a section starting before a place holds it."""
    low = max(0, bisect.bisect_right(places, first - reach) - 1)
    return range(low, bisect.bisect_right(places, last + reach))


def _nearest_that_fit(candidates: Sequence[_Node], place: int, budget: int) -> list[_Node]:
    """Return the candidates nearest `place` whose bigrams fit the budget (at least one), in
    their order.

    The next section looked for has nearly the same candidates: when their bigram sets all stay
    kept, each is built once, not once per section looked for (a year without headings has few,
    big sections, and a window of them would otherwise be rebuilt for every section).
    """
    kept: list[int] = []
    total = 0
    for k in sorted(range(len(candidates)), key=lambda k: abs(k - place)):
        total += candidates[k].size
        if kept and total > budget:
            break
        kept.append(k)
    return [candidates[k] for k in sorted(kept)]


def _add_node(
    nodes: dict[str, _Node],
    year: int | None,
    section: Section,
    parent: str | None,
    sibling: int,
    siblings: int,
) -> _Node:
    """Add a section, then its descendants, to `nodes` (features come later); return its node.

    A plain function rather than a closure calling itself: such a closure is a reference cycle
    that would keep every node alive until the garbage collector runs.
    """
    # A group of paragraphs (a report without headings) has its first words as heading.
    heading = "" if section.style == "para-group" else normalize_heading(section.heading)
    nodes[section.id] = node = _Node(
        section=section,
        parent=parent,
        order=len(nodes),
        sibling=sibling,
        siblings=siblings,
        heading=heading,
        relative=relativize_years(heading, year),
    )
    count = len(section.children)
    node.children = [
        _add_node(nodes, year, child, section.id, k, count)
        for k, child in enumerate(section.children)
    ]
    return node


def _subtree(node: _Node) -> Iterator[_Node]:
    """Yield a node and its descendants."""
    yield node
    for child in node.children:
        yield from _subtree(child)


def _same_subtree(old: Section, new: Section) -> bool:
    """Tell whether two sections have the same headings and texts (white space aside) throughout."""
    return (
        old.heading.strip() == new.heading.strip()
        and len(old.children) == len(new.children)
        and (old.text == new.text or compact(old.text) == compact(new.text))
        and all(map(_same_subtree, old.children, new.children))
    )


def _unique_headings(olds: Sequence[_Node], news: Sequence[_Node]) -> list[tuple[_Node, _Node]]:
    """Pair the sections whose (year-relative) heading occurs exactly once in each group."""
    old_count = Counter(o.relative for o in olds)
    new_count = Counter(n.relative for n in news)
    by_heading = {n.relative: n for n in news if n.relative and new_count[n.relative] == 1}
    return [
        (o, by_heading[o.relative])
        for o in olds
        if old_count[o.relative] == 1 and o.relative in by_heading
    ]


def _bare_twins(old: _Node, new: _Node) -> bool:
    """Tell whether two sections share their numbering and have no heading or text anywhere."""
    number = old.section.number.strip()
    return (
        bool(number)
        and number == new.section.number.strip()
        and not (old.relative or new.relative or old.mass or new.mass)
    )


def _sibling_position(old: _Node, new: _Node) -> float:
    """Return 100 when two sections sit at the same relative place among their siblings."""
    return 100.0 * (
        1.0 - abs((old.sibling + 0.5) / old.siblings - (new.sibling + 0.5) / new.siblings)
    )


# --------------------------------------------------------------------------- sentences


# Common characters that NFKC changes, with what NFKC decomposes them into: replacing them
# beforehand changes no result (NFKC decomposes them all the same) but lets most text pass
# NFKC's quick check, which is many times faster than normalising.
_NFKC_EASY = [(c, unicodedata.normalize("NFKD", c)) for c in "，；：（）！？％－＋\u3000"]


def _sentence_keys(sentences: Sequence[str]) -> list[str]:
    """Return the comparison key of each sentence: NFKC, no white space, lower case."""
    # All at once, with NUL between sentences: NUL is a starter that composes with nothing (so
    # NFKC of the whole is NFKC of each), is not white space, and ends a word for lower().
    text = "\0".join(sentences)
    for char, decomposed in _NFKC_EASY:
        text = text.replace(char, decomposed)
    keys = "".join(unicodedata.normalize("NFKC", text).split()).lower().split("\0")
    if len(keys) != len(sentences):  # none, or a sentence holds NUL itself
        keys = [compact(unicodedata.normalize("NFKC", s)).lower() for s in sentences]
    return keys


# SentencePair(status=..., old=..., ..., score=...) without ops or a move, at a fifth of the cost.
_new_sentence_pair = fast_constructor(SentencePair)


def _sentence_pair(
    status: SentenceStatus,
    old: str | None,
    new: str | None,
    old_index: int | None,
    new_index: int | None,
    score: float,
) -> SentencePair:
    """Return SentencePair(status=status, old=old, ..., score=score), with no ops or move."""
    return _new_sentence_pair(status, old, new, old_index, new_index, score, (), None, None)


def _interleave(
    kept: list[tuple[int | None, SentencePair]], removed: list[tuple[int, SentencePair]]
) -> list[SentencePair]:
    """Place each removed item after the kept item holding its nearest old predecessor."""
    if not removed:
        return [pair for _, pair in kept]
    after: dict[int | None, list[SentencePair]] = {}
    anchored = {old_index for old_index, _ in kept if old_index is not None}
    for old_index, pair in removed:
        prev = old_index - 1
        while prev >= 0 and prev not in anchored:
            prev -= 1
        after.setdefault(prev if prev >= 0 else None, []).append(pair)
    result = list(after.get(None, []))
    for kept_index, kept_pair in kept:
        result.append(kept_pair)
        if kept_index is not None:
            result.extend(after.get(kept_index, []))
    return result


# What a Chinese sentence's content is read from: CJK characters, Latin letters, and numbers
# as "#" (their values change from year to year, not what the sentence is about).
_CONTENT_DROP = regex(rf"[^{_CJK}a-z#\0]+")
_CJK_CHAR = regex(rf"[{_CJK}]")


def _content(text: str) -> str:
    """Return a sentence key's content characters: CJK, Latin letters, a number as "#"."""
    return _CONTENT_DROP.sub("", _NUMBER.sub("#", text))


# A sentence pair is checked for shared content when one of them has at most this many
# characters of it: longer sentences 55 alike share more than stock words (on the corpus, the
# shorter side of a wrong pair had 20 at most).
_SHORT_CONTENT = 24


class _Rarity:
    """How rare each pair of adjacent characters is among the sentences of two reports (IDF),
    to tell a Chinese sentence pair that shares content from one that shares stock words only:
    加强国家安全工作。 and 继续加强老龄工作。 are 56 alike by characters (加强, 工作 and the
    full stop), and share nothing a reader would call the same sentence.

    `reports`: each report's sections, in document order. The counts are made when first
    needed, from the sections of each report's first SAMPLE characters (and the one that
    crosses it): its stock words are stated there many times over, and counting costs a
    millisecond whatever the report's size. (On the corpus, counting whole reports pairs the
    same sentences.) A pair counts each time it is stated, against the number of sentences. It
    is an int: two UTF-16 code units read as one, as _Grams reads them.
    """

    SAMPLE = 10_000

    def __init__(self, *reports: Iterable[Section]) -> None:
        self._reports = reports
        self._counts: Counter[int] | None = None
        self._sentences = 0
        self._seen: dict[str, tuple[str, bool]] = {}  # key -> (content, mostly Chinese)
        self._vectors: dict[str, tuple[dict[int, float], float] | None] = {}

    def _counted(self) -> Counter[int]:
        """Return how often each pair of characters is in the sampled sections' content."""
        if self._counts is None:
            texts: list[str] = []
            for sections in self._reports:
                size = 0
                for section in sections:
                    texts.append(section.text)
                    self._sentences += len(section.sentences)
                    size += len(section.text)
                    if size >= self.SAMPLE:
                        break
            even, odd = _Grams._halves(_content("\0".join(texts).lower()))
            self._counts = Counter(even)
            self._counts.update(odd)
        return self._counts

    def _facts(self, key: str) -> tuple[str, bool]:
        """Return a sentence key's content and whether it is mostly Chinese (once a key)."""
        found = self._seen.get(key)
        if found is None:
            content = _content(key)
            found = self._seen[key] = (content, 2 * len(_CJK_CHAR.findall(content)) >= len(key))
        return found

    def _vector(self, key: str, content: str) -> tuple[dict[int, float], float] | None:
        """Return a sentence key's pairs of characters (of its `content`) weighted by IDF, and
        the vector's norm (None: no pair of characters)."""
        if key in self._vectors:
            return self._vectors[key]
        counts = self._counted()
        even, odd = _Grams._halves(content)
        grams = Counter(even)
        grams.update(odd)
        total = self._sentences + 1
        # (A pair stated more often than there are sentences weighs 1, as the commonest.)
        vector = {
            g: n * (max(math.log(total / (counts[g] + 1)), 0.0) + 1) for g, n in grams.items()
        }
        norm = math.sqrt(math.fsum(v * v for v in vector.values()))
        found = self._vectors[key] = (vector, norm) if norm else None
        return found

    def shared(self, old_key: str, new_key: str) -> float | None:
        """Return the content two Chinese sentence keys share, 0-100 (the IDF-weighted cosine of
        their character bigrams); None when either is mostly in other scripts, or neither is
        short (_SHORT_CONTENT)."""
        old_content, old_chinese = self._facts(old_key)
        new_content, new_chinese = self._facts(new_key)
        if not (old_chinese and new_chinese):
            return None  # its likeness by characters is trusted
        if min(len(old_content), len(new_content)) > _SHORT_CONTENT:
            return None
        old, new = self._vector(old_key, old_content), self._vector(new_key, new_content)
        if old is None or new is None:
            return None
        small, large = (old[0], new[0]) if len(old[0]) <= len(new[0]) else (new[0], old[0])
        dot = math.fsum(v * large[g] for g, v in small.items() if g in large)
        return 100.0 * dot / (old[1] * new[1])


# A sentence key longer than this (a report with no sentence end) is compared clause by
# clause: fuzz.ratio's cost grows with the product of the two lengths.
LONG_KEY = 20_000
_CLAUSE_MARK = regex(r"(?<=[，,；;：:、])")


def _sentence_scores(
    olds: Sequence[str], news: Sequence[str], cutoff: float
) -> dict[tuple[int, int], float]:
    """Return the similarity of every pair of sentence keys that reaches the cutoff: fuzz.ratio,
    or for a pair with a key longer than LONG_KEY the Indel similarity of their clauses (each
    clause one symbol)."""
    long_old = {a for a, key in enumerate(olds) if len(key) > LONG_KEY}
    long_new = {b for b, key in enumerate(news) if len(key) > LONG_KEY}
    if not long_old and not long_new:
        return scores_at_least(olds, news, fuzz.ratio, cutoff)
    # Long keys stand aside as characters that match nothing, then are scored by clauses.
    found = scores_at_least(
        ["\ue000" if a in long_old else key for a, key in enumerate(olds)],
        ["\ue001" if b in long_new else key for b, key in enumerate(news)],
        fuzz.ratio,
        cutoff,
    )
    pairs = {(a, b) for a in long_old for b in range(len(news))}
    pairs |= {(a, b) for b in long_new for a in range(len(olds))}
    old_clauses = {a: _CLAUSE_MARK.split(olds[a]) for a in {a for a, _ in pairs}}
    new_clauses = {b: _CLAUSE_MARK.split(news[b]) for b in {b for _, b in pairs}}
    for a, b in sorted(pairs):
        score = Indel.normalized_similarity(old_clauses[a], new_clauses[b]) * 100
        if score >= cutoff:
            found[a, b] = single_precision(score)
    return found


def _related_scores(
    olds: Sequence[str],
    news: Sequence[str],
    cutoff: float,
    rarity: _Rarity,
    settings: Settings,
) -> dict[tuple[int, int], float]:
    """Return the scores (_sentence_scores, at least `cutoff`) of the pairs of keys (olds[a],
    news[b]) that may be one sentence: those at least settings.sentence_content_check alike,
    and those less alike that share some content (at least settings.sentence_content_cutoff;
    Chinese only)."""
    check, least = settings.sentence_content_check, settings.sentence_content_cutoff
    related = {}
    for (a, b), score in _sentence_scores(olds, news, cutoff).items():
        if score < check:
            shared = rarity.shared(olds[a], news[b])
            if shared is not None and shared < least:
                continue
        related[a, b] = score
    return related


def _stated_often(
    old_keys: list[str], new_keys: list[str], found: dict[int, tuple[int, float]]
) -> tuple[Sequence[Hashable], Sequence[Hashable]]:
    """Pair a sentence stated more than _STATED_OFTEN times in both years with its like, in
    order and each near its place (into `found`, new index -> (old index, 100)), and return
    the two key lists for difflib with those sentences made unlike anything.

    difflib's search for equal runs costs the product of an item's occurrences in the two
    lists: a line stated 1,400 times in each, interleaved with others, took 1.6 s. No sentence
    of the corpus is stated more than 12 times in a section (Apple's); those keep difflib's way.
    """
    if min(len(old_keys), len(new_keys)) <= _STATED_OFTEN:
        return old_keys, new_keys  # most sections: too short to state anything that often
    old_counts = Counter(old_keys)
    often = {
        key
        for key, count in Counter(new_keys).items()
        if count > _STATED_OFTEN and old_counts[key] > _STATED_OFTEN
    }
    if not often:
        return old_keys, new_keys
    olds_at: defaultdict[str, list[int]] = defaultdict(list)
    news_at: defaultdict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(old_keys):
        if key in often:
            olds_at[key].append(i)
    for j, key in enumerate(new_keys):
        if key in often:
            news_at[key].append(j)
    scale = len(old_keys) / len(new_keys)
    for key in often:
        # Each new occurrence, in order, with the old one nearest its proportional place after
        # the last taken: pairs in order, and a line edited here and there next year leaves
        # its old lines where the edited ones stand.
        places, last = olds_at[key], -1
        for j in news_at[key]:
            at = bisect.bisect_left(places, j * scale, lo=last + 1)
            if at > last + 1 and (
                at == len(places) or j * scale - places[at - 1] <= places[at] - j * scale
            ):
                at -= 1
            if at == len(places):
                break
            found[j] = (places[at], 100.0)
            last = at
    # Each occurrence an object of its own: equal to nothing, so difflib passes it by.
    return (
        [object() if key in often else key for key in old_keys],
        [object() if key in often else key for key in new_keys],
    )


def _equal_runs(
    olds: Sequence[Hashable], news: Sequence[Hashable], old_span: range, new_span: range
) -> list[tuple[int, int, int]]:
    """Return the runs (old index, new index, length) of equal items of two spans of the lists,
    in order: difflib's matching blocks (autojunk off), for spans of _ANCHORED_SENTENCES items
    together or fewer.

    Longer spans are first split at the items found once in each span, the most of them in
    order ("patience diff"); each gap between two is then searched the same way. They pair as
    many items as difflib would in the cases tested, but a repeated item may pair with another
    of its occurrences. A span with no item found once in each is left to difflib whole.
    """
    if len(old_span) + len(new_span) > _ANCHORED_SENTENCES:
        anchors = _anchors(olds, news, old_span, new_span)
        if anchors:
            runs = []
            old_from, new_from = old_span.start, new_span.start
            for i, j in [*anchors, (old_span.stop, new_span.stop)]:
                runs += _equal_runs(olds, news, range(old_from, i), range(new_from, j))
                if i < old_span.stop:
                    runs.append((i, j, 1))
                old_from, new_from = i + 1, j + 1
            return runs
    matcher = SequenceMatcher(
        None,
        olds[old_span.start : old_span.stop],
        news[new_span.start : new_span.stop],
        autojunk=False,
    )
    return [
        (old_span.start + a, new_span.start + b, size)
        for a, b, size in matcher.get_matching_blocks()
        if size
    ]


def _anchors(
    olds: Sequence[Hashable], news: Sequence[Hashable], old_span: range, new_span: range
) -> list[tuple[int, int]]:
    """Return the (old index, new index) of items found once in each span, the longest chain
    of them in order in both."""
    old_counts = Counter(olds[i] for i in old_span)
    new_counts = Counter(news[j] for j in new_span)
    old_at = {olds[i]: i for i in old_span if old_counts[olds[i]] == 1}
    edges = {
        (old_at[news[j]], j): 1.0
        for j in new_span
        if new_counts[news[j]] == 1 and news[j] in old_at
    }
    return heaviest_chain(edges)


def _best_candidates(
    scores: dict[tuple[int, int], float], scale: float, sides: tuple[int, ...] = (0, 1)
) -> dict[tuple[int, int], float]:
    """Return the scores with each old sentence, then each new one, keeping its
    _SENTENCE_CANDIDATES best: the highest scores, then the nearest its proportional place
    (`scale`: new sentences per old one). Most keep all: the scores come back as they are.
    `sides` (0: old, 1: new) says which are kept so."""
    for side in sides:
        held: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
        for pair in scores:
            held[pair[side]].append(pair)
        if all(len(pairs) <= _SENTENCE_CANDIDATES for pairs in held.values()):
            continue
        kept: dict[tuple[int, int], float] = {}
        for pairs in held.values():
            if len(pairs) > _SENTENCE_CANDIDATES:
                pairs = heapq.nsmallest(
                    _SENTENCE_CANDIDATES,
                    pairs,
                    key=lambda p: (-scores[p], abs(p[1] - p[0] * scale), p),
                )
            kept.update((p, scores[p]) for p in pairs)
        scores = kept
    return scores


def align_sentences(
    old: Section | None,
    new: Section | None,
    *,
    settings: Settings,
    rarity: _Rarity | None = None,
) -> tuple[SentencePair, ...]:
    """Pair the sentences of two sections: equal, modified, moved (within), added, removed.

    Equal sentences are paired first (difflib on whole sentences), the rest by similarity as
    one assignment (>= settings.sentence_cutoff). Chinese sentences less alike than
    settings.sentence_content_check must also share content (see _related_scores), weighed by
    `rarity` (the two reports'; by default the two sections'). Pairs that keep their order are
    equal or modified; a pair out of order is moved when at least settings.moved_cutoff
    similar, and otherwise split into removed + added.
    """
    olds = old.sentences if old is not None else ()
    news = new.sentences if new is not None else ()
    if rarity is None:
        rarity = _Rarity([old] if old is not None else [], [new] if new is not None else [])
    keys = _sentence_keys(olds), _sentence_keys(news)
    return _pair_sentences(olds, news, *keys, settings, rarity)


def _pair_sentences(
    olds: Sequence[str],
    news: Sequence[str],
    old_keys: list[str],
    new_keys: list[str],
    settings: Settings,
    rarity: _Rarity,
) -> tuple[SentencePair, ...]:
    """Pair two lists of sentences given their keys (see align_sentences)."""
    # The general steps give the same in these common cases, only slower.
    if old_keys == new_keys:  # all equal, in order
        return tuple(
            _sentence_pair(SentenceStatus.EQUAL, o, n, k, k, 100.0)
            for k, (o, n) in enumerate(zip(olds, news, strict=True))
        )
    if not olds:
        return tuple(
            _sentence_pair(SentenceStatus.ADDED, None, n, None, j, 0.0) for j, n in enumerate(news)
        )
    if not news:
        return tuple(
            _sentence_pair(SentenceStatus.REMOVED, o, None, i, None, 0.0)
            for i, o in enumerate(olds)
        )
    found: dict[int, tuple[int, float]] = {}  # new index -> (old index, score)
    old_seq, new_seq = _stated_often(old_keys, new_keys, found)
    for a, b, size in _equal_runs(old_seq, new_seq, range(len(old_seq)), range(len(new_seq))):
        for k in range(size):
            found[b + k] = (a + k, 100.0)
    paired_old = {i for i, _ in found.values()}
    left_old = [i for i in range(len(olds)) if i not in paired_old]
    left_new = [j for j in range(len(news)) if j not in found]
    if left_old and left_new:
        # A sentence is looked for among the _SENTENCE_WINDOW unpaired sentences around its
        # place (all of them, but for a huge section: a report read as one line).
        lefts = [old_keys[i] for i in left_old], [new_keys[j] for j in left_new]
        scores: dict[tuple[int, int], float] = {}
        scale = len(left_new) / len(left_old)
        for rows, cols in blocks(len(left_old), len(left_new), _SENTENCE_WINDOW):
            found_here = _related_scores(
                lefts[0][rows.start : rows.stop],
                lefts[1][cols.start : cols.stop],
                settings.sentence_cutoff,
                rarity,
                settings,
            )
            # Each old sentence is in one block: its best are kept as its block is scored, not
            # once all are (a table of thousands of alike rows gives each a thousand).
            placed = {(rows.start + a, cols.start + b): v for (a, b), v in found_here.items()}
            scores.update(_best_candidates(placed, scale, sides=(0,)))
        scores = _best_candidates(scores, scale, sides=(1,))
        # Between two equal sentences, a pair keeps its order: of near-equal candidates (a
        # 10-K's many "Percentage of total net sales | 7% | 6% | 6%" rows), it is preferred.
        # (Counted by the equal pairs before each side's sentence, equal runs and lines stated
        # often alike: two sentences lie between the same equal ones when as many precede them.)
        old_ends = sorted(i + 1 for i, _ in found.values())
        new_ends = sorted(j + 1 for j in found)
        old_gap = [bisect.bisect_right(old_ends, i) for i in left_old]
        new_gap = [bisect.bisect_right(new_ends, j) for j in left_new]
        old_years = _row_years(olds[i] for i in left_old)
        new_years = _row_years(news[j] for j in left_new)
        # A pair counts by how far it passes the cutoff: counted by score alone, three weak
        # pairs that cross (then dropped) outweighed two good ones in order.
        weights = {
            (a, b): score
            - settings.sentence_cutoff
            - (0 if old_gap[a] == new_gap[b] else settings.sentence_move_penalty)
            for (a, b), score in scores.items()
            if not _other_years(old_years[a], new_years[b])
        }
        assigned = assign_edges(weights, -math.inf, slack=_ORDER_SLACK)
        for a, b in assigned:
            found[left_new[b]] = (left_old[a], round(scores[a, b], 1))
        _heaviest_in_order(
            found, assigned, (scores, weights), (left_old, left_new), (old_gap, new_gap), settings
        )
    order = sorted(found)
    # Of equally long runs in order, the most alike: a pair that crosses an equal sentence and
    # is too little alike to be moved (so shown as removed and added) leaves it in place.
    in_order = in_every_longest_run(
        [found[j][0] for j in order], [round(10 * found[j][1]) for j in order]
    )

    def moves(j: int) -> bool:  # out of order and alike enough to call it the same sentence
        i, score = found[j]
        return score >= settings.moved_cutoff or _extended(old_keys[i], new_keys[j])

    dropped = [j for k, j in enumerate(order) if k not in in_order and not moves(j)]
    for j in dropped:  # out of order, and too little alike to be moved: removed and added
        del found[j]
    # The pairs in order (dropping the others leaves them so) bound the gaps between them.
    anchors = [(found[j][0], j) for k, j in enumerate(order) if k in in_order]
    regained = len(found) < min(len(olds), len(news)) and _pair_within_gaps(
        found, anchors, old_keys, new_keys, settings, rarity, again=bool(dropped)
    )
    if dropped or regained:
        order = sorted(found)
        in_order = in_every_longest_run(
            [found[j][0] for j in order], [round(10 * found[j][1]) for j in order]
        )
    by_new: dict[int, SentencePair] = {}
    in_place: set[int] = set()  # old sentences shown at their own place
    for k, j in enumerate(order):
        i, score = found[j]
        if k in in_order:
            status = SentenceStatus.EQUAL if old_keys[i] == new_keys[j] else SentenceStatus.MODIFIED
            in_place.add(i)
        elif moves(j):
            status = SentenceStatus.MOVED
        else:
            continue
        by_new[j] = _sentence_pair(status, olds[i], news[j], i, j, score)
    paired_old = {found[j][0] for j in by_new}
    kept: list[tuple[int | None, SentencePair]] = []
    for j in range(len(news)):
        pair = by_new.get(j) or _sentence_pair(SentenceStatus.ADDED, None, news[j], None, j, 0.0)
        kept.append((pair.old_index if pair.old_index in in_place else None, pair))
    removed = [
        (
            i,
            _sentence_pair(SentenceStatus.REMOVED, olds[i], None, i, None, 0.0),
        )
        for i in range(len(olds))
        if i not in paired_old
    ]
    return tuple(_interleave(kept, removed))


def _heaviest_in_order(
    found: dict[int, tuple[int, float]],
    assigned: list[tuple[int, int]],
    scored: tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]],
    lefts: tuple[list[int], list[int]],
    gaps: tuple[list[int], list[int]],
    settings: Settings,
) -> None:
    """Put, into `found`, the pairs in order of greatest total weight in place of the
    assignment's, when they weigh more than those of its pairs that stay in order: in each gap
    between equal sentences that a pair out of order (and not moved) touches.

    The assignment's best total may cross, and of pairs that cross only one stays in place: a
    roll-forward table's ending balance is next year's beginning balance written alike but for
    its first word, and its ending row took next year's beginning row (95.7 alike), leaving
    both beginning rows and both ending rows unpaired. Pairs out of order and alike enough to
    be moved stay as the assignment made them."""
    left_old, left_new = lefts
    scores, weights = scored
    order = sorted(found)
    olds = [found[j][0] for j in order]
    if all(map(operator.lt, olds, olds[1:])):
        return  # the assignment is all in order: the common case
    in_order = in_every_longest_run(olds, [round(10 * found[j][1]) for j in order])
    kept = {j for k, j in enumerate(order) if k in in_order}
    moved = {
        (a, b)
        for a, b in assigned
        if left_new[b] not in kept and found[left_new[b]][1] >= settings.moved_cutoff
    }
    # Only the gaps between equal sentences that a pair out of order and not moved touches
    # are weighed again, each on its own (a table of thousands of alike rows has many).
    troubled = {
        gap
        for a, b in assigned
        if left_new[b] not in kept and (a, b) not in moved
        for gap in (gaps[0][a], gaps[1][b])
    }
    moved_old, moved_new = {a for a, _ in moved}, {b for _, b in moved}
    free: defaultdict[int, dict[tuple[int, int], float]] = defaultdict(dict)
    for (a, b), weight in weights.items():
        gap = gaps[0][a]
        if gap in troubled and gap == gaps[1][b] and a not in moved_old and b not in moved_new:
            free[gap][a, b] = weight
    # The assignment's pairs (but moves) by the gaps they touch, found once for all gaps.
    touching: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b in assigned:
        if (a, b) not in moved:
            for gap in {gaps[0][a], gaps[1][b]} & troubled:
                touching[gap].append((a, b))
    for gap, edges in free.items():
        here = touching[gap]
        chain = heaviest_chain(edges)
        placed = sum(weights[a, b] for a, b in here if left_new[b] in kept)
        if sum(edges[pair] for pair in chain) <= placed:
            continue
        for _, b in here:
            found.pop(left_new[b], None)  # a pair across two gaps may have gone with the other
        for a, b in chain:
            found[left_new[b]] = (left_old[a], round(scores[a, b], 1))


def _pair_within_gaps(
    found: dict[int, tuple[int, float]],
    anchors: list[tuple[int, int]],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    settings: Settings,
    rarity: _Rarity,
    *,
    again: bool,
) -> bool:
    """Pair, into `found`, sentences left unpaired between the same two pairs in order
    (`anchors`: (old index, new index), in order); return whether any was.

    `again` (pairs were dropped): those at least settings.sentence_cutoff alike. A pair that
    crossed others, too little alike to be moved, is dropped: its two sentences may still each
    have a partner in place (Apple's two tables of payments due, whose "Total | $9,545" and
    "Total | $8,677" crossed next year's "Total | $9,627" and "Total | $9,328", and both read as
    removed and added).

    Then the only old and the only new sentence left between two pairs in order pair when at
    least settings.sole_sentence_cutoff alike: the seed's 探索“教育大脑+智慧学校”，迭代升级
    “互联网+教育”，柯桥区华舍中学成功入选… is next year's 探索…，新建智慧校园示范校32所 (45), a
    sentence rewritten after its opening words.
    """
    old_ends = [i for i, _ in anchors]
    new_ends = [j for _, j in anchors]
    paired_old = {i for i, _ in found.values()}
    left_old: defaultdict[int, list[int]] = defaultdict(list)
    left_new: defaultdict[int, list[int]] = defaultdict(list)
    for i in range(len(old_keys)):
        if i not in paired_old:
            left_old[bisect.bisect_left(old_ends, i)].append(i)
    for j in range(len(new_keys)):
        if j not in found:
            left_new[bisect.bisect_left(new_ends, j)].append(j)
    added = False
    for gap, olds in left_old.items():
        news = left_new.get(gap)
        if not news:
            continue
        if again:
            cutoff = settings.sentence_cutoff
            scores: dict[tuple[int, int], float] = {}
            for rows, cols in blocks(len(olds), len(news), _SENTENCE_WINDOW):  # around its place
                block = [old_keys[olds[a]] for a in rows], [new_keys[news[b]] for b in cols]
                found_here = _related_scores(*block, cutoff, rarity, settings)
                scores.update(
                    ((rows.start + a, cols.start + b), v) for (a, b), v in found_here.items()
                )
            taken = assign_edges(scores, cutoff)
            for a, b in taken:
                found[news[b]] = (olds[a], round(scores[a, b], 1))
            paired_rows, paired_cols = {a for a, _ in taken}, {b for _, b in taken}
            olds = [i for a, i in enumerate(olds) if a not in paired_rows]
            news = [j for b, j in enumerate(news) if b not in paired_cols]
            added = added or bool(taken)
        if olds and news:
            olds, news, extended = _pair_extended(found, olds, news, old_keys, new_keys)
            added = added or extended
        if len(olds) == 1 and len(news) == 1:
            sole = settings.sole_sentence_cutoff
            sole_pair = [old_keys[olds[0]]], [new_keys[news[0]]]
            score = _related_scores(*sole_pair, sole, rarity, settings).get((0, 0))
            if score is not None:
                found[news[0]] = (olds[0], round(score, 1))
                added = True
    return added


# A sentence told again with a clause added ("建成实训基地15个。" next year "建成实训基地15个，其中
# 国家级3个…。"), or taken off: the shorter, at least _EXTENDED_LEAST characters less its end
# mark and the longer at most _EXTENDED_GROWTH times as long, is found in the longer at least
# _EXTENDED_CUTOFF alike (fuzz.partial_ratio), as its clauses (within _EXTENDED_EDGE characters
# of a clause mark or an end). Both are sentences: they end with a sentence mark (not a list's
# item ending in ";") and are not a table's row. Those looked for are within _EXTENDED_WINDOW
# places of each other.
_EXTENDED_LEAST = 6
_EXTENDED_GROWTH = 10
_EXTENDED_CUTOFF = 90.0
_EXTENDED_EDGE = 2
_EXTENDED_WINDOW = 64
_SENTENCE_MARKS = "。.!?…"  # as keys write them (NFKC: ！ is !)
_CLAUSE_MARKS = ",;:、"


def _extended(old_key: str, new_key: str) -> bool:
    """Tell whether one sentence key is the other with clauses added: however little alike as
    wholes (the shorter may be a tenth of the longer), it is the same sentence told again."""
    if old_key[-1:] not in _SENTENCE_MARKS or new_key[-1:] not in _SENTENCE_MARKS:
        return False
    old, new = old_key.rstrip(_SENTENCE_MARKS), new_key.rstrip(_SENTENCE_MARKS)
    short, long = (old, new) if len(old) <= len(new) else (new, old)
    if not _EXTENDED_LEAST <= len(short) < len(long) <= _EXTENDED_GROWTH * len(short):
        return False
    if "|" in long:
        return False
    if short[:4] not in long and short[-4:] not in long:
        return False  # 90 alike: its opening or its close is found as written (and cheaply)
    found = fuzz.partial_ratio_alignment(short, long, score_cutoff=_EXTENDED_CUTOFF)
    if found is None:
        return False
    edge = _EXTENDED_EDGE
    before = long[max(0, found.dest_start - edge) : found.dest_start]
    after = long[found.dest_end : found.dest_end + edge]
    return (found.dest_start <= edge or any(c in _CLAUSE_MARKS for c in before)) and (
        found.dest_end >= len(long) - edge or any(c in _CLAUSE_MARKS for c in after)
    )


def _pair_extended(
    found: dict[int, tuple[int, float]],
    olds: list[int],
    news: list[int],
    old_keys: Sequence[str],
    new_keys: Sequence[str],
) -> tuple[list[int], list[int], bool]:
    """Pair, into `found`, the sentences of one gap between pairs in order (`olds`, `news`:
    their indexes) that are each other extended (_extended), the most text in order; return
    the sentences left and whether any pair was made. A sentence extended by a long clause is
    too little alike as a whole to pair, and was shown as removed and added."""
    edges: dict[tuple[int, int], float] = {}
    for rows, cols in blocks(len(olds), len(news), _EXTENDED_WINDOW):
        for a in rows:
            old_key = old_keys[olds[a]]
            for b in cols:
                new_key = new_keys[news[b]]
                if _extended(old_key, new_key):
                    edges[a, b] = min(len(old_key), len(new_key))
    chain = heaviest_chain(edges)
    for a, b in chain:
        old_key, new_key = old_keys[olds[a]], new_keys[news[b]]
        found[news[b]] = (olds[a], round(fuzz.ratio(old_key, new_key), 1))
    taken_old, taken_new = {a for a, _ in chain}, {b for _, b in chain}
    return (
        [i for a, i in enumerate(olds) if a not in taken_old],
        [j for b, j in enumerate(news) if b not in taken_new],
        bool(chain),
    )


# A table row named by a year: "2019 | 8,863" (a 10-K's principal due in 2019); not a row of
# column heads ("2018 | 2017 | 2016", "2017 | Change | 2016"), whose next cell is no figure.
_ROW_YEAR = regex(r"((?:19|20)\d\d) \| (?!(?:19|20)\d\d(?!\d))[^|\d]*\d")


def _row_years(sentences: Iterable[str]) -> list[str | None]:
    """Return the year each sentence is a table row named by, or None (prose, other rows)."""
    return [found.group(1) if (found := _ROW_YEAR.match(s)) else None for s in sentences]


def _other_years(old: str | None, new: str | None) -> bool:
    """Tell two rows named by different years apart: other rows, however alike their digits
    (2019 | 8,863 and 2022 | 8,583)."""
    return old is not None and new is not None and old != new


def _cross_section_moves(pairs: list[SectionPair], settings: Settings) -> list[SectionPair]:
    """Turn a removed sentence found (>= moved_cutoff) among another section's added into moved."""
    removed = [
        (p, k)
        for p, pair in enumerate(pairs)
        for k, sp in enumerate(pair.sentences)
        if sp.status is SentenceStatus.REMOVED
    ]
    added = [
        (p, k)
        for p, pair in enumerate(pairs)
        for k, sp in enumerate(pair.sentences)
        if sp.status is SentenceStatus.ADDED
    ]
    if not removed or not added:
        return pairs
    old_texts = [pairs[p].sentences[k].old or "" for p, k in removed]
    new_texts = [pairs[q].sentences[m].new or "" for q, m in added]
    old_keys, new_keys = _sentence_keys(old_texts), _sentence_keys(new_texts)
    old_years, new_years = _row_years(old_texts), _row_years(new_texts)
    added_at = [q for q, _ in added]  # section pair of each added sentence, ascending
    edges: dict[tuple[int, int], float] = {}
    step = max(1, settings.window // 2)
    for start in range(0, len(removed), step):
        rows = range(start, min(len(removed), start + step))
        # Only section pairs within `window` of these sentences' own pairs are searched.
        low = bisect.bisect_left(added_at, removed[rows[0]][0] - settings.window)
        high = bisect.bisect_right(added_at, removed[rows[-1]][0] + settings.window)
        scores = _sentence_scores(
            old_keys[rows.start : rows.stop], new_keys[low:high], settings.moved_cutoff
        )
        for (a, b), score in sorted(scores.items()):
            i, j = rows.start + a, low + b
            # Within one section pair it was searched already.
            if removed[i][0] != added[j][0] and not _other_years(old_years[i], new_years[j]):
                edges[i, j] = round(score, 1)
    sentences = [list(pair.sentences) for pair in pairs]
    for a, b in assign_edges(edges, settings.moved_cutoff, limit=settings.window):
        (p, k), (q, m) = removed[a], added[b]
        new_section, old_section = pairs[q].new, pairs[p].old
        assert new_section is not None and old_section is not None  # by status
        score = edges[a, b]
        sentences[p][k] = replace(
            sentences[p][k], status=SentenceStatus.MOVED, score=score, moved_to=new_section.id
        )
        sentences[q][m] = replace(
            sentences[q][m], status=SentenceStatus.MOVED, score=score, moved_from=old_section.id
        )
    return [
        replace(pair, sentences=tuple(s)) if tuple(s) != pair.sentences else pair
        for pair, s in zip(pairs, sentences, strict=True)
    ]


# --------------------------------------------------------------------------- entry point


@collector_paused()
def align_reports(old: Report, new: Report, *, settings: Settings) -> tuple[SectionPair, ...]:
    """Pair every section of two reports (preamble "0" included) and the sentences inside.

    Each old and each new section appears in exactly one pair. Pairs follow the new report's
    document order; a removed section comes right after the pair of its old predecessor.
    """
    # The section features are freed before the sentences are paired.
    rarity = _Rarity(old.bodies(), new.bodies())
    with_sentences = [
        SectionPair(
            **pair,
            sentences=align_sentences(pair["old"], pair["new"], settings=settings, rarity=rarity),
        )
        for pair in _section_pairs(old, new, settings)
    ]
    return tuple(_cross_section_moves(with_sentences, settings))


def _section_pairs(old: Report, new: Report, settings: Settings) -> list[dict[str, Any]]:
    """Return the fields of each section pair (all but sentences), in the order of the pairs."""
    aligner = _Aligner(old, new, settings)
    aligner.run()
    moved = aligner.moved()
    matched_old = [n for i, n in aligner.old.items() if i in aligner.matches]
    matched_new = [n for i, n in aligner.new.items() if i in aligner.partner]
    old_orders = [n.order for n in matched_old]
    new_orders = [n.order for n in matched_new]
    ratio = len(aligner.old) / max(len(aligner.new), 1)

    by_new: dict[str, dict[str, Any]] = {}
    for new_id, n in aligner.new.items():
        if new_id in aligner.partner:
            continue
        found = aligner.best_container(n, matched_old, old_orders, ratio)
        by_new[new_id] = dict(
            status=SectionStatus.ADDED,
            old=None,
            new=n.section,
            score=round(found[1], 1) if found else 0.0,
            similarity=0.0,
            split_from=found[0] if found else None,
        )
    removed: dict[str, dict[str, Any]] = {}
    for old_id, o in aligner.old.items():
        if old_id in aligner.matches:
            continue
        found = aligner.best_container(o, matched_new, new_orders, 1 / ratio if ratio else 1.0)
        removed[old_id] = dict(
            status=SectionStatus.REMOVED,
            old=o.section,
            new=None,
            score=round(found[1], 1) if found else 0.0,
            similarity=0.0,
            merged_into=found[0] if found else None,
        )
    aligner.forget()
    # Children before parents, so that a parent's bigrams are the union of kept ones.
    for o in reversed(aligner.old.values()):
        match = aligner.matches.get(o.section.id)
        if match is None:
            continue
        n = aligner.new[match.new]
        same = _same_subtree(o.section, n.section)
        similarity = 100.0 if same else min(99.9, dice(aligner.exact(o), aligner.exact(n)))
        by_new[n.section.id] = dict(
            status=SectionStatus.UNCHANGED if same else SectionStatus.MODIFIED,
            old=o.section,
            new=n.section,
            score=round(match.score, 1),
            similarity=round(similarity, 1),
            match=match.evidence,
            renamed=o.relative != n.relative,
            moved=o.section.id in moved,
        )

    # Removed sections go after the pair holding their old predecessor (document order).
    old_ids = list(aligner.old)
    after: dict[str | None, list[str]] = {}
    for k, old_id in enumerate(old_ids):
        if old_id in removed:
            after.setdefault(old_ids[k - 1] if k else None, []).append(old_id)
    ordered: list[dict[str, Any]] = []
    starts = [removed[i] for i in after.get(None, [])] + [by_new[i] for i in aligner.new]
    for start in starts:
        chain = [start]
        while chain:  # a pair, then the removed sections that followed it, in old order
            pair = chain.pop()
            ordered.append(pair)
            if pair["old"] is not None:
                chain.extend(removed[i] for i in reversed(after.get(pair["old"].id, [])))
    return ordered
