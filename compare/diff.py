"""Sentence pairs -> token-level changes, and 0-100 similarity of sections and documents.

Tokens: a number with its sign, thousands separators, decimals and % is one token, and so is a
Chinese numeral with its 第 (第二); a Latin word is one token; other CJK text is one token per
character. difflib runs on the tokens of one sentence at a time (a very long one chunk by chunk
first: see _chunked_ops); small equal islands between two changes are then merged into them, so
that a change reads as a phrase (semantic clean-up).
"""

from __future__ import annotations

import bisect
import math
import operator
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat

from rapidfuzz.distance import Indel, Levenshtein

try:  # difflib's algorithm compiled: the same opcodes, 3-10x faster
    from cydifflib import SequenceMatcher
except ImportError:  # pragma: no cover - a platform without its wheel
    from difflib import SequenceMatcher

from compare.collector import collector_paused
from compare.model import Report, SectionPair, SentencePair, SentenceStatus, TextOp
from compare.patterns import regex
from compare.records import fast_constructor, fast_replacer

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_NUMERAL_START = "第〇零一二两三四五六七八九十百千"


def _class_without(low: int, high: int, excluded: str) -> str:
    """Return a regex class body for the code points low..high except those in `excluded`."""
    spans, start = [], low
    for code in sorted(ord(ch) for ch in excluded if low <= ord(ch) <= high):
        if start < code:
            spans.append(f"\\u{start:04x}-\\u{code - 1:04x}")
        start = code + 1
    if start <= high:
        spans.append(f"\\u{start:04x}-\\u{high:04x}")
    return "".join(spans)


# A common CJK character no other alternative can start is tried first: the same tokens, found
# twice as fast as by falling through to the last alternative. (Each code point in a class costs
# compile time at every start, so the rarer CJK blocks are left to the last alternative.)
_PLAIN_CHAR = (
    "[" + _class_without(0x4E00, 0x9FFF, _NUMERAL_START) + "，。、；：？！“”‘’（）《》【】—…·]"
)
_TOKEN = regex(
    _PLAIN_CHAR
    + r"""
    | (?<![0-9A-Za-z.])[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％‰]?   # signed number
    | (?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％‰]?                   # number
    | 第?[〇零一二两三四五六七八九十百千]+                              # Chinese numeral, ordinal
    | [A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*(?:['’][A-Za-z]+)*  # Latin word
    | \s+                                                           # a run of white space
    | .                                                             # anything else, one char
    """,
    re.VERBOSE | re.DOTALL,
)
_CJK_CHAR = regex(f"[{_CJK}]")
_CJK_RUN = regex(f"[{_CJK}]+")
_WORD = regex(r"[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'’]*|\d+(?:[.,]\d+)*%?")
_SENTENCE_END = regex(r"(?<=[。！？；!?;])|(?<=\.)\s+|\n+")

# English words that carry no subject: every English text is full of them, so counted as terms
# they made any two English reports read 97-99 similar. CJK bigrams need no such list: a
# function character (的, 和) pairs with the characters beside it.
_FUNCTION_WORDS = """
    a an the this that these those it its it's it’s itself i me my we us our ours you your he him his
    she her they them their theirs who whom whose which what there here
    and or but nor so if then than as because while although though whether
    of to in on at by for with from into onto over under about above below after before
    between through during against among within without upon per via
    be is are was were been being am have has had having do does did done
    will would shall should can could may might must not no yes also just only very too
    all any each both either neither some such more most other others same own
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

# A sentence pair of more tokens than this is diffed chunk by chunk first (see _chunked_ops).
LONG_SENTENCE = 600
CHUNK_TOKENS = 48  # a chunk's most tokens
SHORT_STRETCH = 200  # changed chunks of unlike counts are diffed token by token up to this
CHUNK_PICK = 8  # about one word in this many ends a chunk, picked by its content
_CHUNK_ENDS = frozenset("，,；;：:、。！？!?")
# Chunks of a pair (both sides) that difflib matches alone; past this, it matches only the
# stretches between chunks each side holds once (see _chunk_opcodes).
ANCHORED_CHUNKS = 2000

# Equal runs of at least this many characters between two changes are never merged into them.
ISLAND_LIMIT = 6
# Text longer than this is compared sentence by sentence for the edit measure (linear cost).
EDIT_CHAR_LIMIT = 4000
# A sentence pair longer than this (a report with no sentence end) counts the text its diff
# kept as carried over, not the longest common subsequence, whose cost grows with the square.
LONG_PAIR_CHARS = 20_000
# Texts are counted for document similarity in batches of about this many characters.
TERM_BATCH = 65_536


# --------------------------------------------------------------------------- tokens and ops


def tokenize(text: str) -> list[str]:
    """Split text into diff tokens: numbers, Chinese numerals, Latin words, white-space runs and
    single characters.

    "".join(tokenize(text)) == text always holds.
    """
    return _TOKEN.findall(text)


def diff_sentences(old: str, new: str) -> tuple[TextOp, ...]:
    """Return the ops that turn sentence `old` into `new`, merged into readable phrases.

    Joining the ops' `old` texts rebuilds `old`, joining their `new` texts rebuilds `new`.
    A long pair (more than LONG_SENTENCE tokens together) is diffed in two steps: its chunks
    first, then the tokens of the chunks that changed (see _chunked_ops).
    """
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    if len(old_tokens) + len(new_tokens) > LONG_SENTENCE:
        return tuple(_settled(_absorb_islands(_chunked_ops(old_tokens, new_tokens))))
    return tuple(_absorb_islands(_token_ops(old_tokens, new_tokens)))


def _settled(ops: list[TextOp]) -> list[TextOp]:
    """Return ops with a change that changes nothing made equal, and equal ops side by side
    joined: chunk by chunk, a deletion and the insertion of the same text can meet."""
    settled: list[TextOp] = []
    for op in ops:
        if op.tag != EQUAL and op.old == op.new:
            op = _text_op(EQUAL, op.old, op.new)
        if op.tag == EQUAL and settled and settled[-1].tag == EQUAL:
            last = settled.pop()
            op = _text_op(EQUAL, last.old + op.old, last.new + op.new)
        settled.append(op)
    return settled


def _token_ops(old_tokens: list[str], new_tokens: list[str]) -> list[tuple[str, str, str]]:
    """Return difflib's opcodes over two token lists, as (tag, old text, new text)."""
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    return [
        (tag, "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _chunked_ops(old_tokens: list[str], new_tokens: list[str]) -> list[tuple[str, str, str]]:
    """Return the opcodes of a long pair: difflib over its chunks, then over the tokens of
    each changed stretch, chunk by chunk where both sides have as many chunks.

    difflib over thousands of tokens that repeat (a paragraph with no sentence end, a table
    line) takes time that grows with the cube of the length; over chunks, anchored on the rare
    ones, and then over short stretches, it stays near linear.
    """
    old_chunks, new_chunks = _chunks(old_tokens), _chunks(new_tokens)
    ops: list[tuple[str, str, str]] = []
    old_texts, new_texts = ["".join(c) for c in old_chunks], ["".join(c) for c in new_chunks]
    for tag, i1, i2, j1, j2 in _chunk_opcodes(old_texts, new_texts):
        olds, news = old_chunks[i1:i2], new_chunks[j1:j2]
        if tag != REPLACE:
            ops.append(
                (tag, "".join(t for c in olds for t in c), "".join(t for c in news for t in c))
            )
        elif len(olds) == len(news):  # each chunk edited in place: one by one
            for old_chunk, new_chunk in zip(olds, news, strict=True):
                ops += _token_ops(old_chunk, new_chunk)
        else:
            old_part = [t for c in olds for t in c]
            new_part = [t for c in news for t in c]
            if len(old_part) + len(new_part) <= SHORT_STRETCH:
                ops += _token_ops(old_part, new_part)
            else:  # a long stretch rewritten beyond chunk-by-chunk: one change
                old_text, new_text = "".join(old_part), "".join(new_part)
                ops.append((EQUAL if old_text == new_text else REPLACE, old_text, new_text))
    return ops


def _chunk_opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Return the opcodes that turn the chunk texts `old` into `new`.

    Up to ANCHORED_CHUNKS chunks in all, difflib with autojunk: a chunk found all over (of
    item, 的 and the like between figures) anchors nothing, difflib anchors on the rare ones,
    and the rest is diffed token by token after. Past that (a report of thousands of figures
    with no sentence end), even difflib's search among the rare chunks grows with the square
    of the length: the pair is first cut at the chunks each side holds once, in the same order
    (see _anchored_blocks), and difflib runs on the stretches between them.
    """
    if len(old) + len(new) <= ANCHORED_CHUNKS:
        return SequenceMatcher(None, old, new, autojunk=True).get_opcodes()
    return _opcodes(_anchored_blocks(old, new), len(old), len(new))


def _anchored_blocks(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int, int]]:
    """Return matching blocks (i, j, size) of two long chunk lists, in order (patience diff).

    A stretch is first trimmed of the chunks it starts and ends with on both sides. The chunks
    found once in each side's stretch, kept in their longest common order, cut it into smaller
    stretches, each treated the same way; a stretch with no such chunk is left to difflib when
    short (ANCHORED_CHUNKS in all), or else taken as rewritten. Every step is linear in its
    stretch, so the whole stays near linear however often chunks repeat.
    """
    pairs: list[tuple[int, int]] = []  # (i, j) of equal chunks, in order
    # Work to do, last first: a stretch (alo, ahi, blo, bhi) to match, or pairs to emit.
    todo: list[tuple[int, int, int, int] | list[tuple[int, int]]] = [(0, len(old), 0, len(new))]
    while todo:
        task = todo.pop()
        if isinstance(task, list):
            pairs.extend(task)
            continue
        alo, ahi, blo, bhi = task
        while alo < ahi and blo < bhi and old[alo] == new[blo]:
            pairs.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        tail = []
        while alo < ahi and blo < bhi and old[ahi - 1] == new[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            tail.append((ahi, bhi))
        todo.append(tail[::-1])
        if alo == ahi or blo == bhi:
            continue
        anchors = _unique_in_order(old, new, alo, ahi, blo, bhi)
        if anchors:
            for i, j in reversed(anchors):
                todo.append((i + 1, ahi, j + 1, bhi))
                todo.append([(i, j)])
                ahi, bhi = i, j
            todo.append((alo, ahi, blo, bhi))
        elif (ahi - alo) + (bhi - blo) <= ANCHORED_CHUNKS:
            matcher = SequenceMatcher(None, old[alo:ahi], new[blo:bhi], autojunk=True)
            for i, j, size in matcher.get_matching_blocks():
                pairs.extend((alo + i + k, blo + j + k) for k in range(size))
    return _blocks(pairs)


def _unique_in_order(
    old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Return the (i, j) of the chunks found once in old[alo:ahi] and once in new[blo:bhi],
    the longest run of them in the same order on both sides."""
    seen: dict[str, int] = {}  # chunk -> its place in old, or -1 when found twice
    for i in range(alo, ahi):
        seen[old[i]] = -1 if old[i] in seen else i
    found: dict[str, int] = {}  # chunk held once by old -> its place in new, or -1
    for j in range(blo, bhi):
        chunk = new[j]
        if seen.get(chunk, -1) >= 0:
            found[chunk] = -1 if chunk in found else j
    both = sorted((seen[chunk], j) for chunk, j in found.items() if j >= 0)
    # Longest increasing run of j (patience sorting): tops[k] ends the best run of k + 1.
    tops: list[int] = []  # j of each pile's top
    top_at: list[int] = []  # index into both of each pile's top
    back: list[int] = []  # index into both of the entry before, per entry (-1: none)
    for n, (_, j) in enumerate(both):
        k = bisect.bisect_left(tops, j)
        back.append(top_at[k - 1] if k else -1)
        if k == len(tops):
            tops.append(j)
            top_at.append(n)
        else:
            tops[k], top_at[k] = j, n
    run: list[tuple[int, int]] = []
    n = top_at[-1] if top_at else -1
    while n >= 0:
        run.append(both[n])
        n = back[n]
    return run[::-1]


def _blocks(pairs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Return runs of consecutive pairs (i, j), (i + 1, j + 1)… as blocks (i, j, size)."""
    blocks: list[tuple[int, int, int]] = []
    for i, j in pairs:
        if blocks:
            bi, bj, size = blocks[-1]
            if bi + size == i and bj + size == j:
                blocks[-1] = (bi, bj, size + 1)
                continue
        blocks.append((i, j, 1))
    return blocks


def _opcodes(
    blocks: list[tuple[int, int, int]], old_length: int, new_length: int
) -> list[tuple[str, int, int, int, int]]:
    """Return difflib-style opcodes from matching blocks in order (as get_opcodes does)."""
    ops: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for bi, bj, size in [*blocks, (old_length, new_length, 0)]:
        if i < bi and j < bj:
            ops.append((REPLACE, i, bi, j, bj))
        elif i < bi:
            ops.append((DELETE, i, bi, j, bj))
        elif j < bj:
            ops.append((INSERT, i, bi, j, bj))
        if size:
            ops.append((EQUAL, bi, bi + size, bj, bj + size))
        i, j = bi + size, bj + size
    return ops


def _chunks(tokens: list[str]) -> list[list[str]]:
    """Cut tokens into chunks: after clause punctuation, after a word picked by its content
    (the same words cut both years, wherever they stand), or at CHUNK_TOKENS tokens."""
    chunks: list[list[str]] = []
    chunk: list[str] = []
    for token in tokens:
        chunk.append(token)
        if (
            token in _CHUNK_ENDS
            or len(chunk) >= CHUNK_TOKENS
            or (token.isalpha() and zlib.crc32(token.encode()) % CHUNK_PICK == 0)
        ):
            chunks.append(chunk)
            chunk = []
    if chunk:
        chunks.append(chunk)
    return chunks


# TextOp(tag=..., old=..., new=...) positionally, at a fifth of the cost (see compare.records).
_text_op = fast_constructor(TextOp)


def _is_island(text: str, before: int, after: int) -> bool:
    """Tell whether an equal text between two changes of these sizes (the longer side's length)
    is too small to stand on its own."""
    if not text.strip():
        return True
    if _CJK_CHAR.search(text) is None and not text.isdigit():
        # Latin words and punctuation islands stay: English reads well word by word.
        return len(text) == 1 and not text.isalnum()
    # A lone character between two changes is confetti; a longer island must be shorter than
    # both changes around it (so "[-全面实行-]政务公开{+加快推进+}" keeps its anchor) and than
    # ISLAND_LIMIT (so a kept clause such as 全面贯彻党的教育方针 stays visible).
    return len(text) == 1 or len(text) < min(before, after, ISLAND_LIMIT)


def _absorb_islands(ops: Iterable[tuple[str, str, str]]) -> list[TextOp]:
    """Turn (tag, old, new) opcodes into ops: adjacent changes joined into one, small equal
    islands between two changes made part of the change (semantic clean-up), each change tagged
    by what it does.

    An island is judged when the change after it is known, and again whenever that change
    grows. Absorbing an island only makes changes bigger, and a bigger change only makes the
    islands beside it smaller in comparison, so the result is that of the plain method: absorb
    the first island, join, and start again until no island is left.
    """
    merged: list[tuple[str, str, str]] = []  # equal ops and changes, alternating
    for tag, old, new in ops:
        if not old and not new:
            continue
        if tag == EQUAL:
            if merged and merged[-1][0] == EQUAL:  # two equal stretches side by side (chunks)
                _, last_old, last_new = merged.pop()
                old, new = last_old + old, last_new + new
            merged.append((tag, old, new))
            continue
        if merged and merged[-1][0] != EQUAL:
            _, last_old, last_new = merged.pop()
            old, new = last_old + old, last_new + new
        # merged ends with an equal op (or nothing); before it stands a change (or nothing).
        while len(merged) >= 2 and _is_island(
            merged[-1][1], max(len(merged[-2][1]), len(merged[-2][2])), max(len(old), len(new))
        ):
            (_, island_old, island_new), (_, last_old, last_new) = merged.pop(), merged.pop()
            old, new = last_old + island_old + old, last_new + island_new + new
        merged.append((REPLACE, old, new))
    return [
        _text_op(_change_tag(old, new) if tag != EQUAL else tag, old, new)
        for tag, old, new in merged
    ]


def _change_tag(old: str, new: str) -> str:
    """Return the tag of a change by what it does: replace, delete or insert."""
    return REPLACE if old and new else DELETE if old else INSERT


def sentence_ops(pair: SentencePair) -> tuple[TextOp, ...]:
    """Return the ops of a sentence pair: its own if set, else derived from its status."""
    if pair.ops:
        return pair.ops
    if pair.old is not None and pair.new is not None:
        if pair.old == pair.new:
            return (TextOp(tag=EQUAL, old=pair.old, new=pair.new),) if pair.old else ()
        return diff_sentences(pair.old, pair.new)
    if pair.old:
        return (TextOp(tag=DELETE, old=pair.old, new=""),)
    if pair.new:
        return (TextOp(tag=INSERT, old="", new=pair.new),)
    return ()


@collector_paused()
def add_text_diffs(pairs: tuple[SectionPair, ...]) -> tuple[SectionPair, ...]:
    """Return the section pairs with the ops of every modified sentence pair filled in, and of
    every moved one that was edited too (the page shows what was edited as it moved)."""
    result = []
    for pair in pairs:
        if any(_needs_ops(s) for s in pair.sentences):
            sentences = tuple(
                _with_ops(s, diff_sentences(s.old or "", s.new or "")) if _needs_ops(s) else s
                for s in pair.sentences
            )
            pair = _with_sentences(pair, sentences)
        result.append(pair)
    return tuple(result)


_with_ops = fast_replacer(SentencePair, "ops")
_with_sentences = fast_replacer(SectionPair, "sentences")


def _needs_ops(pair: SentencePair) -> bool:
    return (
        pair.status in _EDITED
        and not pair.ops
        and pair.old is not None
        and pair.new is not None
        and pair.old != pair.new
    )


_EDITED = (SentenceStatus.MODIFIED, SentenceStatus.MOVED)


# --------------------------------------------------------------------------- similarity


_PAIR = regex("..")  # two characters of a line (neither is a line break)
_LATER_PAIR = regex("(?<=.)..")  # the same, but not at the start of the line
_LONE = regex("^.$", re.MULTILINE)  # a line of one character


def terms(text: str) -> list[str]:
    """Return the terms of a text, for counting (in no useful order): CJK character bigrams (a
    lone character as itself), and lower-cased Latin words (but FUNCTION_WORDS) and numbers.

    Each term is cut out by a regex in C, not by a step of Python: the CJK runs of the text are
    written one to a line; a line gives its bigrams that start at even places, then those that
    start at odd places, or, of one character, that character.
    """
    lines = "\n".join(_CJK_RUN.findall(text))
    found = _PAIR.findall(lines)
    found += _LATER_PAIR.findall(lines)
    found += _LONE.findall(lines)
    found += [w for w in map(str.lower, _WORD.findall(text)) if w not in FUNCTION_WORDS]
    return found


def split_sentences(text: str) -> list[str]:
    """Split text at sentence ends (。！？；!?; a full stop before white space, line breaks)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def cosine_similarity(old: Counter[str], new: Counter[str]) -> float:
    """Return the 0-100 cosine similarity of two term-frequency vectors (100 when both empty)."""
    if not old and not new:
        return 100.0
    if not old or not new:
        return 0.0
    small, large = (old, new) if len(old) <= len(new) else (new, old)
    # sums of products by map in C, not a Python generator: a section pair has thousands of terms
    dot = sum(map(operator.mul, small.values(), map(large.get, small, repeat(0))))
    norm = math.sqrt(_squares(old)) * math.sqrt(_squares(new))
    return min(100.0, 100.0 * dot / norm)


def _squares(counts: Counter[str]) -> int:
    values = counts.values()
    return sum(map(operator.mul, values, values))


def jaccard_similarity(old: Iterable[str], new: Iterable[str]) -> float:
    """Return the 0-100 Jaccard similarity of two term sets (100 when both empty)."""
    old_set, new_set = set(old), set(new)
    union = old_set | new_set
    if not union:
        return 100.0
    return 100.0 * len(old_set & new_set) / len(union)


def edit_similarity(old: str, new: str) -> float:
    """Return 0-100 minimum-edit similarity: over characters for short texts, over whole
    sentences (each one symbol) for longer ones, so that cost stays linear."""
    if len(old) <= EDIT_CHAR_LIMIT and len(new) <= EDIT_CHAR_LIMIT:
        return float(Indel.normalized_similarity(old, new) * 100)
    return _sequence_similarity(split_sentences(old), split_sentences(new))


def _sequence_similarity(old: Sequence[str], new: Sequence[str]) -> float:
    if not old and not new:
        return 100.0
    return float(Levenshtein.normalized_similarity(old, new) * 100)


def similarity_measures(old: str, new: str) -> dict[str, float]:
    """Return the cosine, Jaccard and edit similarities (0-100) of two texts."""
    if old == new:  # most sections of a report carried over unchanged: nothing to count
        return {"cosine": 100.0, "jaccard": 100.0, "edit": 100.0}
    old_terms, new_terms = terms(old), terms(new)
    old_counts, new_counts = Counter(old_terms), Counter(new_terms)
    return {
        "cosine": _rounded(
            cosine_similarity(old_counts, new_counts), _same(old_counts, new_counts)
        ),
        "jaccard": _rounded(
            jaccard_similarity(old_terms, new_terms), old_counts.keys() == new_counts.keys()
        ),
        "edit": _rounded(edit_similarity(old, new), old == new),
    }


def _same(old: Counter[str], new: Counter[str]) -> bool:
    """Whether two counts of terms are equal: compared as dicts, in C (Counter's own == goes
    term by term in Python to treat a zero count as missing; counted terms have none)."""
    return dict.__eq__(old, new) is True


def _rounded(score: float, same: bool) -> float:
    """Round a 0-100 similarity to two decimals; only the same reads 100 (so do sections')."""
    return 100.0 if same else min(99.99, round(score, 2))


def report_texts(report: Report) -> Iterator[str]:
    """Yield the texts of a report in order: preamble, then every section's heading and body."""
    if report.preamble and report.preamble.text:
        yield report.preamble.text
    for section in report.walk():
        yield from (t for t in (section.heading, section.text) if t)


def term_counts(report: Report) -> Counter[str]:
    """Return how often each term occurs in a report, counted a batch of texts at a time (no
    list of all terms: memory stays small at any size).

    A batch is its texts joined by line breaks: no term spans a line break, so it holds the
    terms of its texts, and a few long regex scans cost less than many short ones.
    """
    counts: Counter[str] = Counter()
    for batch in _batches(report_texts(report), TERM_BATCH):
        counts.update(terms(batch))
    return counts


def _batches(texts: Iterable[str], size: int) -> Iterator[str]:
    """Yield the texts joined by line breaks, in order, a batch of about `size` characters at a
    time (a longer text is a batch of its own)."""
    batch: list[str] = []
    length = 0
    for text in texts:
        if batch and length + len(text) > size:
            yield "\n".join(batch)
            batch, length = [], 0
        batch.append(text)
        length += len(text) + 1
    if batch:
        yield "\n".join(batch)


def carried_over(pairs: Iterable[SectionPair]) -> float:
    """Return how much of the two reports' text (0-100) is carried over from one year to the
    next: the characters the sentences paired across years (equal, edited, moved) have in
    common, against all characters of both. A sentence rewritten beyond recognition counts as
    removed and added, so reports that share their vocabulary but not their sentences read low.
    """
    common = 0.0
    total = 0
    same = True
    for pair in pairs:
        for sentence in pair.sentences:
            old, new = sentence.old or "", sentence.new or ""
            total += len(old) + len(new)
            same = same and old == new
            if old and new and len(old) + len(new) > LONG_PAIR_CHARS and sentence.ops:
                # Indel's cost grows with the product of the lengths: the diff's equal text
                common += 2 * sum(len(op.old) for op in sentence.ops if op.tag == EQUAL)
            elif old and new:
                common += Indel.similarity(old, new)  # twice the longest common subsequence
            elif old and sentence.moved_to is not None:  # moved to another section
                common += 2 * len(old) * sentence.score / 100
    if not total:
        return 100.0
    return _rounded(min(100.0, 100.0 * common / total), same)


@collector_paused()
def document_similarity(old: Report, new: Report) -> float:
    """Return the 0-100 cosine similarity of two reports' term frequencies."""
    old_counts, new_counts = term_counts(old), term_counts(new)
    return _rounded(cosine_similarity(old_counts, new_counts), _same(old_counts, new_counts))
