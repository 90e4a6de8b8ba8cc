"""diff.py: sentence pairs -> token-level ops; similarity of sections and documents."""

from __future__ import annotations

import math
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare import diff
from compare.diff import (
    _CJK,
    _WORD,
    FUNCTION_WORDS,
    LONG_SENTENCE,
    _batches,
    add_text_diffs,
    cosine_similarity,
    diff_sentences,
    document_similarity,
    edit_similarity,
    sentence_ops,
    similarity_measures,
    split_sentences,
    terms,
    tokenize,
)
from compare.model import (
    Comparison,
    Report,
    Section,
    SectionPair,
    SectionStatus,
    SentencePair,
    SentenceStatus,
    Source,
    TextOp,
)
from compare.pipeline import compare_reports, read_report


def show(ops: tuple[TextOp, ...]) -> str:
    """Render ops the way wdiff does: [-old-]{+new+}."""
    out = []
    for op in ops:
        if op.tag == "equal":
            out.append(op.old)
        else:
            out.append((f"[-{op.old}-]" if op.old else "") + (f"{{+{op.new}+}}" if op.new else ""))
    return "".join(out)


# --------------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("达382所", ["达", "382", "所"]),
        ("覆盖率89.5%。", ["覆", "盖", "率", "89.5%", "。"]),
        ("57,239套", ["57,239", "套"]),
        ("增长-2.5%", ["增", "长", "-2.5%"]),
        ("“1+7”体系", ["“", "1", "+", "7", "”", "体", "系"]),
        ("全省第二位", ["全", "省", "第二", "位"]),
        ("Net sales rose 6.3%", ["Net", " ", "sales", " ", "rose", " ", "6.3%"]),
        ("TOP10计划", ["TOP10", "计", "划"]),
        ("1，2", ["1", "，", "2"]),
    ],
    ids=[
        "integer",
        "percent",
        "thousands",
        "signed",
        "no-sign-after-digit",
        "ordinal",
        "english",
        "latin-with-digits",
        "chinese-comma-splits",
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


# --------------------------------------------------------------------------- ops


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("试点覆盖率达89.5%。", "试点覆盖率达98.6%。", "试点覆盖率达[-89.5%-]{+98.6%+}。"),
        ("增长1.25%", "增长1.2%", "增长[-1.25%-]{+1.2%+}"),
        (
            "完成教室灯光改造2,393间",
            "完成教室灯光改造12,393间",
            "完成教室灯光改造[-2,393-]{+12,393+}间",
        ),
        ("均位列全省第二。", "均位列全省第一。", "均位列全省[-第二-]{+第一+}。"),
        (
            "一、党的领导坚强有力",
            "一、党建引领全面加强",
            "一、党[-的领导坚强有力-]{+建引领全面加强+}",
        ),
        (
            "全面实行政务公开，推广电子政务。",
            "政务公开加快推进，推广电子政务。",
            "[-全面实行-]政务公开{+加快推进+}，推广电子政务。",
        ),
        (
            "Net sales increased to $229.2 billion in 2017.",
            "Net sales increased to $265.6 billion in 2018.",
            "Net sales increased to $[-229.2-]{+265.6+} billion in [-2017-]{+2018+}.",
        ),
        (
            "The Company's gross margin was lower.",
            "The Company's gross margin was higher.",
            "The Company's gross margin was [-lower-]{+higher+}.",
        ),
        ("同一句。", "同一句。", "同一句。"),
        ("", "新增一句。", "{+新增一句。+}"),
        ("删去一句。", "", "[-删去一句。-]"),
    ],
    ids=[
        "percent-whole",
        "decimal-whole",
        "thousands-whole",
        "ordinal-whole",
        "phrase-not-confetti",
        "anchor-kept",
        "english-numbers",
        "english-word",
        "equal",
        "insert",
        "delete",
    ],
)
def test_diff_sentences(old: str, new: str, expected: str) -> None:
    assert show(diff_sentences(old, new)) == expected


def test_diff_sentences_merges_islands_into_one_replace() -> None:
    assert diff_sentences("党的领导坚强有力", "党建引领全面加强") == (
        TextOp(tag="equal", old="党", new="党"),
        TextOp(tag="replace", old="的领导坚强有力", new="建引领全面加强"),
    )


def test_diff_sentences_is_not_fooled_by_frequent_tokens() -> None:
    """difflib's autojunk would junk 的 in a sentence of 200+ tokens and mark 102 chars replaced."""
    old = "的" * 150 + "工作" + "的" * 100
    new = "的" * 150 + "改革" + "的" * 100
    assert diff_sentences(old, new) == (
        TextOp(tag="equal", old="的" * 150, new="的" * 150),
        TextOp(tag="replace", old="工作", new="改革"),
        TextOp(tag="equal", old="的" * 100, new="的" * 100),
    )


TEXT = st.text(
    alphabet=st.sampled_from(list("教育学校达所率第二三，。、% .,0123456789abcXYZ-+\n")),
    max_size=40,
)


@given(old=TEXT, new=TEXT)
def test_ops_rebuild_both_texts(old: str, new: str) -> None:
    ops = diff_sentences(old, new)
    assert "".join(op.old for op in ops) == old
    assert "".join(op.new for op in ops) == new
    for op in ops:
        assert op.tag in {"equal", "insert", "delete", "replace"}
        assert (op.old == op.new) if op.tag == "equal" else (op.old != op.new)
        assert bool(op.old) == (op.tag != "insert")
        assert bool(op.new) == (op.tag != "delete")
    tags = [op.tag for op in ops]
    assert all(a == "equal" or b == "equal" for a, b in zip(tags, tags[1:], strict=False))


LONG_PIECES = st.lists(
    st.sampled_from(
        ["全市新建学校", "12所", "，", "of item ", "we set aside $", "40 million ", "。"]
    ),
    min_size=150,
    max_size=400,
)


@given(old=LONG_PIECES.map("".join), edits=st.lists(st.tuples(st.integers(0, 399), TEXT)))
def test_long_sentence_ops_rebuild_both_texts(old: str, edits: list[tuple[int, str]]) -> None:
    """A sentence of hundreds of tokens (no sentence end in a whole paragraph) is diffed chunk
    by chunk; its ops rebuild both texts all the same."""
    new = old
    for at, text in edits:
        at = at * len(new) // 400
        new = new[:at] + text + new[at + len(text) // 2 :]
    assert len(tokenize(old)) + len(tokenize(new)) > LONG_SENTENCE
    test_ops_rebuild_both_texts.hypothesis.inner_test(old, new)  # type: ignore[attr-defined]


def test_a_long_sentence_shows_its_one_edit() -> None:
    """One figure changed in a paragraph of a thousand figures with no sentence end: the diff
    is that one figure, not the paragraph replaced (and it takes milliseconds, not minutes)."""
    items = [f"we set aside ${k} million for the fund of item {k}" for k in range(1, 1000)]
    old = " ".join(items)
    items[500] = items[500].replace("$501 million", "$777 million")
    ops = diff_sentences(old, " ".join(items))
    assert [(op.old, op.new) for op in ops if op.tag != "equal"] == [("501", "777")]


CHUNK_LISTS = st.lists(st.sampled_from("abcdefgh"), max_size=40)


@given(old=CHUNK_LISTS, new=CHUNK_LISTS)
def test_anchored_chunk_ops_turn_one_list_into_the_other(old: list[str], new: list[str]) -> None:
    """Past ANCHORED_CHUNKS (here 6), chunks are matched at those found once on each side: the
    ops still cover both lists in order, and equal ops hold equal chunks."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(diff, "ANCHORED_CHUNKS", 6)
        ops = diff._chunk_opcodes(old, new)
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        assert (tag == "equal") == (old[i1:i2] == new[j1:j2] != [])
        i, j = i2, j2
    assert (i, j) == (len(old), len(new))


def test_a_long_repetitive_pair_is_anchored_on_its_unique_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A report of thousands of figures and no sentence end: difflib, whose search grows with
    the square of the length even among rare chunks, only ever sees a short stretch, and the
    one changed figure is still the one change shown."""
    seen: list[int] = []

    class Spy(diff.SequenceMatcher):  # type: ignore[misc]
        def __init__(self, junk: None, a: list[str], b: list[str], **kwargs: bool) -> None:
            seen.append(len(a) + len(b))
            super().__init__(junk, a, b, **kwargs)

    monkeypatch.setattr(diff, "SequenceMatcher", Spy)
    items = [f"全市新建学校{k % 7}所，投入资金{k}万元，" for k in range(1, 3000)]
    old = "".join(items)
    items[1500] = items[1500].replace("1501万元", "1777万元")
    ops = diff_sentences(old, "".join(items))
    assert [(op.old, op.new) for op in ops if op.tag != "equal"] == [("1501", "1777")]
    assert seen and max(seen) <= diff.ANCHORED_CHUNKS


@given(text=st.text(max_size=60))
def test_tokenize_rebuilds_any_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


def test_add_text_diffs_fills_modified_sentences_only() -> None:
    sentences = (
        SentencePair(
            status=SentenceStatus.EQUAL, old="不变。", new="不变。", old_index=0, new_index=0
        ),
        SentencePair(
            status=SentenceStatus.MODIFIED,
            old="达382所。",
            new="达421所。",
            old_index=1,
            new_index=1,
        ),
        SentencePair(status=SentenceStatus.ADDED, old=None, new="新增。", new_index=2),
    )
    pair = SectionPair(
        status=SectionStatus.MODIFIED,
        old=Section(id="1", heading="甲"),
        new=Section(id="1", heading="甲"),
        sentences=sentences,
    )
    (result,) = add_text_diffs((pair,))
    assert result.sentences == (
        sentences[0],
        SentencePair(
            status=SentenceStatus.MODIFIED,
            old="达382所。",
            new="达421所。",
            old_index=1,
            new_index=1,
            ops=(
                TextOp(tag="equal", old="达", new="达"),
                TextOp(tag="replace", old="382", new="421"),
                TextOp(tag="equal", old="所。", new="所。"),
            ),
        ),
        sentences[2],
    )
    assert add_text_diffs(()) == ()


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (
            SentencePair(status=SentenceStatus.EQUAL, old="同。", new="同。"),
            [("equal", "同。", "同。")],
        ),
        (SentencePair(status=SentenceStatus.ADDED, old=None, new="新。"), [("insert", "", "新。")]),
        (
            SentencePair(status=SentenceStatus.REMOVED, old="旧。", new=None),
            [("delete", "旧。", "")],
        ),
        (
            SentencePair(status=SentenceStatus.MOVED, old="挪。", new=None, moved_to="2"),
            [("delete", "挪。", "")],
        ),
    ],
    ids=["equal", "added", "removed", "moved"],
)
def test_sentence_ops_derives_ops_from_status(pair: SentencePair, expected: list) -> None:
    assert [(op.tag, op.old, op.new) for op in sentence_ops(pair)] == expected


# --------------------------------------------------------------------------- similarity


def test_terms_are_cjk_bigrams_and_latin_words() -> None:
    found = Counter(terms("教育局 Net Sales 2,393间"))
    assert found == Counter(["教育", "育局", "间", "net", "sales", "2,393"])


@given(text=st.one_of(TEXT, st.just("教育局 Net Sales 2,393间\n学，𠀀豈 教育教育")))
def test_terms_are_each_runs_bigrams_one_by_one(text: str) -> None:
    """terms cuts its bigrams out with regexes; it finds those of a step-by-step walk."""
    expected = []
    for run in re.findall(f"[{_CJK}]+", text):
        expected += [run] if len(run) == 1 else [run[k : k + 2] for k in range(len(run) - 1)]
    expected += [w.lower() for w in _WORD.findall(text) if w.lower() not in FUNCTION_WORDS]
    assert Counter(terms(text)) == Counter(expected)


def test_split_sentences() -> None:
    text = "第一句。第二句；第三句！\nFirst one. Second one? Third"
    assert split_sentences(text) == [
        "第一句。",
        "第二句；",
        "第三句！",
        "First one.",
        "Second one?",
        "Third",
    ]


def test_similarity_measures_of_identical_and_disjoint_texts() -> None:
    assert similarity_measures("教育强市建设", "教育强市建设") == {
        "cosine": 100.0,
        "jaccard": 100.0,
        "edit": 100.0,
    }
    assert similarity_measures("教育强市", "交通运输") == {
        "cosine": 0.0,
        "jaccard": 0.0,
        "edit": 0.0,
    }
    assert similarity_measures("", "") == {"cosine": 100.0, "jaccard": 100.0, "edit": 100.0}


def test_similarity_measures_known_values() -> None:
    # terms: 教育 育强 强市 vs 教育 育名 名市 -> 1 shared of 3 each; cosine 1/3, jaccard 1/5;
    # edit: Indel over 4 chars each, 3 common -> 1 - 2/8.
    assert similarity_measures("教育强市", "教育名市") == {
        "cosine": 33.33,
        "jaccard": 20.0,
        "edit": 75.0,
    }


@given(old=TEXT, new=TEXT)
def test_similarity_measures_are_symmetric_and_bounded(old: str, new: str) -> None:
    forward, backward = similarity_measures(old, new), similarity_measures(new, old)
    assert forward == backward
    assert all(0.0 <= v <= 100.0 for v in forward.values())
    assert (forward["edit"] == 100.0) == (old == new)  # only the same text reads 100


def test_nearly_the_same_is_not_rounded_up_to_the_same() -> None:
    """One word changed among thousands: cosine 99.998 would round to 100 at two decimals."""
    body = "".join(f"第{k}项工作稳步推进，成效明显。" for k in range(400))
    old, new = body + "满意度达到98%。", body + "满意度达到99%。"
    assert similarity_measures(old, new)["cosine"] == 99.99
    assert similarity_measures(old, old)["cosine"] == 100.0


def test_a_section_carried_over_unchanged_is_not_counted_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Half the sections of a large report are the same in both years: the JSON's measures of
    such a pair are 100 without counting its terms (0.3 s of a x100 run's JSON)."""
    body = "".join(f"第{k}项工作稳步推进，成效明显。Work item {k} done." for k in range(200))

    def no_counting(text: str) -> list[str]:
        raise AssertionError("terms counted for texts known to be the same")

    monkeypatch.setattr(diff, "terms", no_counting)
    assert similarity_measures(body, body) == {"cosine": 100.0, "jaccard": 100.0, "edit": 100.0}


@given(
    old=st.lists(st.sampled_from(["教育", "育强", "work", "0", "9"]), max_size=12),
    new=st.lists(st.sampled_from(["教育", "育强", "work", "0", "9"]), max_size=12),
)
def test_cosine_of_counted_terms_is_the_textbook_formula(old: list[str], new: list[str]) -> None:
    old_counts, new_counts = Counter(old), Counter(new)
    keys = set(old) | set(new)
    dot = sum(old_counts[k] * new_counts[k] for k in keys)
    norms = math.sqrt(sum(v * v for v in old_counts.values())) * math.sqrt(
        sum(v * v for v in new_counts.values())
    )
    expected = 100.0 if not old and not new else (100.0 * dot / norms if norms else 0.0)
    assert cosine_similarity(old_counts, new_counts) == pytest.approx(min(100.0, expected))
    same = similarity_measures(" ".join(old), " ".join(new))["cosine"] == 100.0
    assert same == (Counter(old) == Counter(new))


def test_edit_similarity_of_long_texts_counts_sentences() -> None:
    sentences = [f"第{i}项工作稳步推进，成效明显，群众满意度达到{i}%。" for i in range(300)]
    old = "".join(sentences)
    new = "".join(sentences[:150] + ["全新的一句话。"] + sentences[151:])
    assert len(old) > 4000
    assert edit_similarity(old, new) == pytest.approx(100 * (1 - 1 / 300))


def _report(body: str, *, heading: str = "总体情况") -> Report:
    text = textwrap.dedent(body).strip()
    return Report(
        title="t",
        org="o",
        year=2021,
        source=Source(path="t.txt"),
        sections=(
            Section(id="1", heading=heading, text=text, sentences=tuple(split_sentences(text))),
        ),
    )


def test_document_similarity() -> None:
    old = _report("全市中小学试点学校达382所。试点覆盖率达89.5%。")
    assert document_similarity(old, old) == 100.0
    new = _report("全市中小学试点学校达421所。试点覆盖率达98.6%。")
    assert 50.0 < document_similarity(old, new) < 100.0
    other = _report("Net sales rose.", heading="Revenue")
    assert document_similarity(old, other) == 0.0


def test_english_reports_sharing_only_function_words_are_not_alike() -> None:
    """Any two English texts share the, of, and, will: counted, they made unrelated reports
    read alike (two different budget speeches 97.8/100). Only words with a subject count."""
    old = _report("The board will raise the dividend of the company.", heading="Dividend")
    new = _report("The weather in the north will be cold and wet.", heading="Weather")
    assert document_similarity(old, new) == 0.0
    assert similarity_measures(old.sections[0].text, new.sections[0].text)["cosine"] == 0.0
    echo = _report("Our board raised its dividend.", heading="Dividend")
    assert document_similarity(old, echo) > 50.0  # board, dividend: the subject is shared


@given(texts=st.lists(TEXT, max_size=6), size=st.integers(min_value=1, max_value=40))
def test_batches_hold_the_terms_of_their_texts(texts: list[str], size: int) -> None:
    """term_counts counts batches of texts: together they hold the terms of the texts."""
    batched = [term for batch in _batches(texts, size) for term in terms(batch)]
    assert sorted(batched) == sorted(term for text in texts for term in terms(text))


def _compared(tmp_path: Path, old: str, new: str) -> Comparison:
    paths = []
    for year, body in ((2021, old), (2022, new)):
        path = tmp_path / f"{year}.txt"
        path.write_text(f"某局{year}年工作总结\n{body}", encoding="utf-8")
        paths.append(path)
    return compare_reports(read_report(paths[0]), read_report(paths[1]))


def test_text_carried_over_counts_the_sentences_kept_edited_or_moved(tmp_path: Path) -> None:
    kept = "一、学校建设\n全市新建中小学校二十所，新增学位一万二千个。\n二、教师队伍\n"
    teachers = "全年招聘新教师八百名，培训骨干教师三千人次。"
    same = _compared(tmp_path, kept + teachers, kept + teachers)
    assert same.carried_over == 100.0
    # Half the text rewritten beyond recognition: about half is carried over.
    rewritten = _compared(
        tmp_path, kept + teachers, kept + "家长学校覆盖所有城乡社区，满意度持续提升。"
    )
    assert 40 < rewritten.carried_over < 60
    # A sentence moved to another section is carried over too, but the texts are not the same.
    moved = _compared(
        tmp_path,
        kept + teachers + "\n三、后勤保障\n食堂全部实现明厨亮灶。",
        "一、学校建设\n全市新建中小学校二十所，新增学位一万二千个。\n食堂全部实现明厨亮灶。\n"
        "二、教师队伍\n" + teachers + "\n三、后勤保障\n营养餐覆盖全部农村学校。",
    )
    assert 85 < moved.carried_over < 100


def test_shared_words_are_not_carried_over_text(tmp_path: Path) -> None:
    """Two reports in the same words but other sentences: similar vocabulary, little carried."""
    old = "一、工作回顾\n全面推进教育现代化，持续深化教育改革，教育质量稳步提升。\n"
    new = "一、工作回顾\n教育质量持续提升，教育改革全面深化，稳步推进教育现代化。\n"
    comparison = _compared(tmp_path, old, new)
    assert comparison.similarity > 60
    assert comparison.carried_over < comparison.similarity - 20


def test_a_report_with_no_sentence_end_is_carried_over_by_its_diff(tmp_path: Path) -> None:
    """A report read as one sentence of 30,000 characters with one figure changed carries over
    nearly all its text (what its diff kept, since the longest common subsequence of two such
    texts would cost minutes), and its one sentence pairs as modified, not removed and added."""
    body = "，".join(f"第{k}项工作完成投资{k * 7}万元" for k in range(1, 2000))
    edited = body.replace("完成投资700万元", "完成投资800万元")
    assert len(body) > 20_000
    compared = _compared(tmp_path, "一、工程建设\n" + body, "一、工程建设\n" + edited)
    assert 99 < compared.carried_over < 100
    (pair,) = [p for p in compared.sections if p.old is not None and p.new is not None]
    (long,) = [s for s in pair.sentences if len(s.old or "") > 20_000]
    assert long.status.value == "modified"
    assert [(op.old, op.new) for op in long.ops if op.tag != "equal"] == [("700", "800")]
