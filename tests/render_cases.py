"""Small hand-built Comparisons for the render tests (golden files, escaping, browser).

Each builder returns a Comparison as the pipeline would make it, written by hand so that the
render tests do not depend on the alignment, diff and metric stages.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from decimal import Decimal

from compare.model import (
    Comparison,
    Direction,
    Metric,
    MetricChange,
    MetricKind,
    MetricStatus,
    Report,
    Section,
    SectionPair,
    SectionStatus,
    SentencePair,
    SentenceStatus,
    Source,
    TextOp,
)

HOSTILE = "<script>alert(1)</script>"
TOKEN = re.compile(r"\$?\d+(?:[.,]\d+)*%?(?: billion)?|[A-Za-z']+|\s+|.", re.DOTALL)


def ops(old: str, new: str) -> tuple[TextOp, ...]:
    """Return difflib operations over words, whole numbers and single characters."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    return tuple(
        TextOp(tag=tag, old="".join(old_tokens[i1:i2]), new="".join(new_tokens[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def metric(
    sentence_text: str,
    text: str,
    *,
    value: str,
    unit: str,
    label: str,
    section: str,
    sentence: int = 0,
    kind: MetricKind = MetricKind.COUNT,
    scale: str = "",
    qualifier: str = "",
) -> Metric:
    """Return a Metric found at `text` in the sentence (offsets computed, not typed)."""
    start = sentence_text.index(text)
    return Metric(
        value=Decimal(value),
        unit=unit,
        scale=scale,
        qualifier=qualifier,
        kind=kind,
        label=label,
        text=text,
        section=section,
        sentence=sentence,
        start=start,
        end=start + len(text),
    )


def change(
    old: Metric | None, new: Metric | None, *, kind: MetricKind = MetricKind.COUNT
) -> MetricChange:
    """Return the MetricChange the metrics stage would make for two metrics (same scale)."""
    label = (new or old).label  # type: ignore[union-attr]
    if old is None:
        return MetricChange(status=MetricStatus.ADDED, label=label, kind=kind, old=None, new=new)
    if new is None:
        return MetricChange(status=MetricStatus.REMOVED, label=label, kind=kind, old=old, new=None)
    absolute = new.value - old.value
    if absolute == 0:
        return MetricChange(
            status=MetricStatus.UNCHANGED,
            label=label,
            kind=kind,
            old=old,
            new=new,
            absolute=Decimal(0),
            relative=Decimal(0),
            direction=Direction.SAME,
        )
    rank = int(old.value - new.value) if kind is MetricKind.RANK else None
    return MetricChange(
        status=MetricStatus.CHANGED,
        label=label,
        kind=kind,
        old=old,
        new=new,
        absolute=absolute,
        relative=absolute / old.value,
        points=absolute if kind is MetricKind.PERCENT else None,
        rank=rank,
        direction=Direction.UP if absolute > 0 else Direction.DOWN,
        judgement=("better" if rank > 0 else "worse") if rank is not None else None,
    )


def sentence_pair(
    old: str | None, new: str | None, old_index: int | None, new_index: int | None, **kw: object
) -> SentencePair:
    """Return a SentencePair with status and ops worked out from the two texts."""
    if old is not None and new is not None:
        status = SentenceStatus.EQUAL if old == new else SentenceStatus.MODIFIED
        score = difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() * 100
        return SentencePair(
            status=status,
            old=old,
            new=new,
            old_index=old_index,
            new_index=new_index,
            score=round(score, 1),
            ops=ops(old, new),
        )
    status = SentenceStatus.ADDED if old is None else SentenceStatus.REMOVED
    if "moved_to" in kw or "moved_from" in kw:
        status = SentenceStatus.MOVED
    return SentencePair(
        status=status,
        old=old,
        new=new,
        old_index=old_index,
        new_index=new_index,
        score=0.0,
        moved_to=kw.get("moved_to"),  # type: ignore[arg-type]
        moved_from=kw.get("moved_from"),  # type: ignore[arg-type]
    )


def equal_pairs(section: Section, new_section: Section) -> tuple[SentencePair, ...]:
    """Return equal sentence pairs for two sections with the same sentences."""
    return (
        tuple(sentence_pair(s, s, i, i) for i, s in enumerate(section.sentences))
        if section.sentences == new_section.sentences
        else ()
    )


def section(
    id: str, number: str, heading: str, sentences: tuple[str, ...] = (), **kw: object
) -> Section:
    """Return a Section whose text is its sentences."""
    level = id.count(".") + 1
    return Section(
        id=id,
        number=number,
        heading=heading,
        level=level,
        style="run-in" if level == 2 else "cn-dun",
        text="".join(sentences),
        sentences=sentences,
        **kw,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- case: basic (Chinese)

OLD_1_1 = (
    "全面深化党组织领导的校长负责制试点，全市中小学试点学校达382所，试点覆盖率达89.5%。",
    "《议事立起“硬规矩”》项目入选全市改革案例。",
    "全市教育经费投入3.686亿元。",
)
NEW_1_1 = (
    "全面深化党组织领导的校长负责制试点，全市中小学试点学校达412所，试点覆盖率达95.1%。",
    "全市教育经费投入3.2亿元。",
)
OLD_2_1 = ("第一时间牵头成立29个部门共同参与的“双减”工作领导小组。", "全市累计建立29个教育集团。")
NEW_2_1 = (
    "第一时间牵头成立29个部门共同参与的“双减”工作领导小组。",
    "全市累计建立29个教育集团。",
    "《议事立起“硬规矩”》项目入选全市改革案例。",
)
OLD_3 = ("全年近视率下降1.06%。", "选派3名教师援藏。")
NEW_3 = ("全年新增公办幼儿园17所。", "数字化改革综合排名全省第2。")
OLD_PRE = ("2021年，全市教育系统全面贯彻党的教育方针。", "全省排名第3。")
NEW_PRE = ("2022年，全市教育系统全面贯彻党的教育方针。", "全省排名第2。")


def basic() -> Comparison:
    """Return a small Chinese comparison with every kind of change the page shows."""
    old_pre = section("0", "", "", OLD_PRE)
    new_pre = section("0", "", "", NEW_PRE)
    o11 = section("1.1", "一是", "“五星三名”夯实基础。", OLD_1_1)
    n11 = section("1.1", "一是", "“五星三名”夯实基础。", NEW_1_1)
    o1 = section("1", "一、", "党的领导坚强有力", children=(o11,))
    n1 = section("1", "一、", "党的领导坚强有力", children=(n11,))
    o21 = section("2.1", "一是", "加强领导强化保障。", OLD_2_1)
    n21 = section("2.1", "一是", "加强领导强化保障。", NEW_2_1)
    o2 = section("2", "二、", "“双减”贯彻落地有声", children=(o21,))
    n2 = section("2", "二、", "“双减”落地见效", children=(n21,))
    o3 = section("3", "三、", "对口支援落到实处", OLD_3)
    n3 = section("3", "三、", "数字化改革", NEW_3)
    old = Report(
        title="绍兴市教育局2021年工作总结",
        org="绍兴市教育局",
        year=2021,
        source=Source(path="seeds/shaoxing-education-bureau-2021.txt"),
        preamble=old_pre,
        sections=(o1, o2, o3),
    )
    new = Report(
        title="绍兴市教育局2022年工作总结",
        org="绍兴市教育局",
        year=2022,
        source=Source(path="seeds/shaoxing-education-bureau-2022-sample.txt"),
        preamble=new_pre,
        sections=(n1, n2, n3),
    )
    m_schools = (
        metric(OLD_1_1[0], "382所", value="382", unit="所", label="试点学校", section="1.1"),
        metric(NEW_1_1[0], "412所", value="412", unit="所", label="试点学校", section="1.1"),
    )
    m_cover = (
        metric(
            OLD_1_1[0],
            "89.5%",
            value="89.5",
            unit="%",
            label="试点覆盖率",
            section="1.1",
            kind=MetricKind.PERCENT,
        ),
        metric(
            NEW_1_1[0],
            "95.1%",
            value="95.1",
            unit="%",
            label="试点覆盖率",
            section="1.1",
            kind=MetricKind.PERCENT,
        ),
    )
    m_money = (
        metric(
            OLD_1_1[2],
            "3.686亿元",
            value="3.686",
            unit="亿元",
            scale="亿",
            label="教育经费投入",
            section="1.1",
            sentence=2,
            kind=MetricKind.MONEY,
        ),
        metric(
            NEW_1_1[1],
            "3.2亿元",
            value="3.2",
            unit="亿元",
            scale="亿",
            label="教育经费投入",
            section="1.1",
            sentence=1,
            kind=MetricKind.MONEY,
        ),
    )
    m_rank = (
        metric(
            OLD_PRE[1],
            "第3",
            value="3",
            unit="",
            label="全省排名",
            section="0",
            sentence=1,
            kind=MetricKind.RANK,
        ),
        metric(
            NEW_PRE[1],
            "第2",
            value="2",
            unit="",
            label="全省排名",
            section="0",
            sentence=1,
            kind=MetricKind.RANK,
        ),
    )
    m_groups = (
        metric(
            OLD_2_1[1], "29个", value="29", unit="个", label="教育集团", section="2.1", sentence=1
        ),
        metric(
            NEW_2_1[1], "29个", value="29", unit="个", label="教育集团", section="2.1", sentence=1
        ),
    )
    m_myopia = metric(
        OLD_3[0],
        "1.06%",
        value="1.06",
        unit="%",
        label="近视率下降",
        section="3",
        kind=MetricKind.PERCENT,
    )
    m_kinder = metric(NEW_3[0], "17所", value="17", unit="所", label="新增公办幼儿园", section="3")
    metrics = (
        change(*m_rank, kind=MetricKind.RANK),
        change(*m_schools),
        change(*m_cover, kind=MetricKind.PERCENT),
        change(*m_money, kind=MetricKind.MONEY),
        change(*m_groups),
        change(m_myopia, None, kind=MetricKind.PERCENT),
        change(None, m_kinder),
    )
    pairs = (
        SectionPair(
            status=SectionStatus.MODIFIED,
            old=old_pre,
            new=new_pre,
            score=96.0,
            similarity=90.0,
            match="position",
            sentences=tuple(
                sentence_pair(o, n, i, i)
                for i, (o, n) in enumerate(zip(OLD_PRE, NEW_PRE, strict=True))
            ),
        ),
        SectionPair(
            status=SectionStatus.UNCHANGED, old=o1, new=n1, score=100.0, match="same heading"
        ),
        SectionPair(
            status=SectionStatus.MODIFIED,
            old=o11,
            new=n11,
            score=88.5,
            similarity=81.25,
            match="same heading",
            sentences=(
                sentence_pair(OLD_1_1[0], NEW_1_1[0], 0, 0),
                sentence_pair(OLD_1_1[1], None, 1, None, moved_to="2.1"),
                sentence_pair(OLD_1_1[2], NEW_1_1[1], 2, 1),
            ),
        ),
        SectionPair(
            status=SectionStatus.UNCHANGED,
            old=o2,
            new=n2,
            score=72.0,
            similarity=100.0,
            match="similar content",
            renamed=True,
        ),
        SectionPair(
            status=SectionStatus.MODIFIED,
            old=o21,
            new=n21,
            score=95.0,
            similarity=88.0,
            match="same heading",
            sentences=(
                sentence_pair(OLD_2_1[0], NEW_2_1[0], 0, 0),
                sentence_pair(OLD_2_1[1], NEW_2_1[1], 1, 1),
                sentence_pair(None, NEW_2_1[2], None, 2, moved_from="1.1"),
            ),
        ),
        SectionPair(
            status=SectionStatus.REMOVED,
            old=o3,
            new=None,
            sentences=tuple(sentence_pair(s, None, i, None) for i, s in enumerate(OLD_3)),
        ),
        SectionPair(
            status=SectionStatus.ADDED,
            old=None,
            new=n3,
            sentences=tuple(sentence_pair(None, s, None, i) for i, s in enumerate(NEW_3)),
        ),
    )
    return Comparison(
        old=old, new=new, sections=pairs, metrics=metrics, similarity=84.37, carried_over=41.26
    )


# --------------------------------------------------------------------------- case: identical


def identical() -> Comparison:
    """Return a report compared with itself: everything unchanged."""
    base = basic()
    old = base.old
    pairs: list[SectionPair] = []
    sections = ([old.preamble] if old.preamble else []) + list(old.walk())
    for s in sections:
        pairs.append(
            SectionPair(
                status=SectionStatus.UNCHANGED,
                old=s,
                new=s,
                score=100.0,
                match="same heading",
                sentences=tuple(sentence_pair(t, t, i, i) for i, t in enumerate(s.sentences)),
            )
        )
    metrics = tuple(change(m.old, m.old, kind=m.kind) for m in base.metrics if m.old is not None)
    return Comparison(old=old, new=old, sections=tuple(pairs), metrics=metrics, similarity=100.0)


# --------------------------------------------------------------------------- case: english


E_OLD_1 = (
    "The Company designs, manufactures and markets smartphones & personal computers.",
    "As of September 30, 2023, the Company had approximately 161,000 full-time employees.",
)
E_NEW_1 = (
    "The Company designs, manufactures and markets smartphones, tablets & personal computers.",
    "As of September 28, 2024, the Company had approximately 164,000 full-time employees.",
)
E_OLD_1A = (
    'The Company\'s operations could be affected by "global" events.',
    "Cybersecurity incidents could harm the Company's reputation.",
)
E_NEW_1A = ('The Company\'s operations could be affected by "global" events.',)
E_NEW_1C = ("Cybersecurity incidents could harm the Company's reputation.",)
E_OLD_7 = ("Total net sales were $383.3 billion.", "Gross margin was 44.1%.")
E_OLD_7A = ("The Company's market risk is described in Part II.",)
E_NEW_7 = (
    "Total net sales were $391.0 billion.",
    "Gross margin was 46.2%.",
    "The Company's market risk is described in Part II.",
)


def english() -> Comparison:
    """Return a 10-K-like English comparison with a split and a merge, no generated time."""
    o1 = section("1", "Item 1.", "Business", E_OLD_1)
    n1 = section("1", "Item 1.", "Business", E_NEW_1)
    o1a = section("2", "Item 1A.", "Risk Factors", E_OLD_1A)
    n1a = section("2", "Item 1A.", "Risk Factors", E_NEW_1A)
    n1c = section("3", "Item 1C.", "Cybersecurity", E_NEW_1C)
    o7 = section("3", "Item 7.", "Management's Discussion & Analysis", E_OLD_7)
    o7a = section(
        "4", "Item 7A.", "Quantitative and Qualitative Disclosures About Market Risk", E_OLD_7A
    )
    n7 = section("4", "Item 7.", "Management's Discussion & Analysis", E_NEW_7)
    old = Report(
        title="Apple Inc. Form 10-K 2023",
        org="Apple Inc.",
        year=2023,
        source=Source(path="corpus/apple-10k-2023.html", format="html"),
        sections=(o1, o1a, o7, o7a),
    )
    new = Report(
        title="Apple Inc. Form 10-K 2024",
        org="Apple Inc.",
        year=2024,
        source=Source(path="corpus/apple-10k-2024.html", format="html"),
        sections=(n1, n1a, n1c, n7),
    )
    m_staff = (
        metric(
            E_OLD_1[1],
            "approximately 161,000",
            value="161000",
            unit="employees",
            qualifier="approximately",
            label="full-time employees",
            section="1",
            sentence=1,
        ),
        metric(
            E_NEW_1[1],
            "approximately 164,000",
            value="164000",
            unit="employees",
            qualifier="approximately",
            label="full-time employees",
            section="1",
            sentence=1,
        ),
    )
    m_sales = (
        metric(
            E_OLD_7[0],
            "$383.3 billion",
            value="383.3",
            unit="$",
            scale="billion",
            label="total net sales",
            section="3",
            kind=MetricKind.MONEY,
        ),
        metric(
            E_NEW_7[0],
            "$391.0 billion",
            value="391.0",
            unit="$",
            scale="billion",
            label="total net sales",
            section="4",
            kind=MetricKind.MONEY,
        ),
    )
    m_margin = (
        metric(
            E_OLD_7[1],
            "44.1%",
            value="44.1",
            unit="%",
            label="gross margin",
            section="3",
            sentence=1,
            kind=MetricKind.PERCENT,
        ),
        metric(
            E_NEW_7[1],
            "46.2%",
            value="46.2",
            unit="%",
            label="gross margin",
            section="4",
            sentence=1,
            kind=MetricKind.PERCENT,
        ),
    )
    metrics = (
        change(*m_staff),
        change(*m_sales, kind=MetricKind.MONEY),
        change(*m_margin, kind=MetricKind.PERCENT),
    )
    pairs = (
        SectionPair(
            status=SectionStatus.MODIFIED,
            old=o1,
            new=n1,
            score=97.0,
            similarity=93.5,
            match="same heading",
            sentences=tuple(
                sentence_pair(o, n, i, i)
                for i, (o, n) in enumerate(zip(E_OLD_1, E_NEW_1, strict=True))
            ),
        ),
        SectionPair(
            status=SectionStatus.MODIFIED,
            old=o1a,
            new=n1a,
            score=90.0,
            similarity=60.0,
            match="same heading",
            sentences=(
                sentence_pair(E_OLD_1A[0], E_NEW_1A[0], 0, 0),
                sentence_pair(E_OLD_1A[1], None, 1, None, moved_to="3"),
            ),
        ),
        SectionPair(
            status=SectionStatus.ADDED,
            old=None,
            new=n1c,
            split_from="2",
            sentences=(sentence_pair(None, E_NEW_1C[0], None, 0, moved_from="2"),),
        ),
        SectionPair(
            status=SectionStatus.MODIFIED,
            old=o7,
            new=n7,
            score=91.0,
            similarity=80.0,
            match="same heading",
            sentences=(
                sentence_pair(E_OLD_7[0], E_NEW_7[0], 0, 0),
                sentence_pair(E_OLD_7[1], E_NEW_7[1], 1, 1),
                sentence_pair(None, E_NEW_7[2], None, 2, moved_from="4"),
            ),
        ),
        SectionPair(
            status=SectionStatus.REMOVED,
            old=o7a,
            new=None,
            merged_into="4",
            sentences=(sentence_pair(E_OLD_7A[0], None, 0, None, moved_to="4"),),
        ),
    )
    return Comparison(
        old=old, new=new, sections=pairs, metrics=metrics, similarity=81.0, carried_over=35.5
    )


# --------------------------------------------------------------------------- hostile text


def hostile() -> Comparison:
    """Return a comparison whose heading, sentence and metric label each carry a script tag."""
    heading = f"标题{HOSTILE}"
    old_sentence = f"旧句子{HOSTILE}共有5所。"
    new_sentence = f"新句子{HOSTILE}共有7所。"
    o = section("1", "一、", heading, (old_sentence,))
    n = section("1", "一、", heading + "&amp;", (new_sentence,))
    m_old = metric(old_sentence, "5所", value="5", unit="所", label=f"学校{HOSTILE}", section="1")
    m_new = metric(new_sentence, "7所", value="7", unit="所", label=f"学校{HOSTILE}", section="1")
    old = Report(
        title=f"旧{HOSTILE}",
        org=f"机构{HOSTILE}",
        year=2021,
        source=Source(path=f"old{HOSTILE}.txt"),
        sections=(o,),
    )
    new = Report(
        title=f"新{HOSTILE}",
        org=f"机构{HOSTILE}",
        year=2022,
        source=Source(path=f"new{HOSTILE}.txt"),
        sections=(n,),
    )
    pair = SectionPair(
        status=SectionStatus.MODIFIED,
        old=o,
        new=n,
        score=90.0,
        similarity=80.0,
        renamed=True,
        sentences=(sentence_pair(old_sentence, new_sentence, 0, 0),),
    )
    return Comparison(old=old, new=new, sections=(pair,), metrics=(change(m_old, m_new),))


def hostile_rows() -> Comparison:
    """Return a comparison whose rows carry markup everywhere a fragment builder writes text.

    Section 一 keeps a changed figure (its old unit holds a tag) and loses a sentence to section
    二, whose heading holds a script tag: the moved links carry that heading.
    """
    kept_old, kept_new = "共有5所<b>学校。", "共有7所<b>学校。"
    gone = f"移走{HOSTILE}的句子。"
    o1 = section("1", "一、", f"标题{HOSTILE}", (kept_old, gone))
    n1 = section("1", "一、", f"标题{HOSTILE}", (kept_new,))
    n2 = section("2", "二、", f"去处{HOSTILE}", (gone,))
    m_old = metric(kept_old, "5所", value="5", unit="所<i>", label=f"学校{HOSTILE}", section="1")
    m_new = metric(kept_new, "7所", value="7", unit="所<i>", label=f"学校{HOSTILE}", section="1")
    report = Report(title="t", org="o", year=2021, source=Source(path="a.txt"))
    first = SectionPair(
        status=SectionStatus.MODIFIED,
        old=o1,
        new=n1,
        score=90.0,
        similarity=70.0,
        match="same heading",
        sentences=(
            sentence_pair(kept_old, kept_new, 0, 0),
            sentence_pair(gone, None, 1, None, moved_to="2"),
        ),
    )
    second = SectionPair(
        status=SectionStatus.ADDED,
        old=None,
        new=n2,
        sentences=(sentence_pair(None, gone, None, 0, moved_from="1"),),
    )
    return Comparison(
        old=replace(report, sections=(o1,)),
        new=replace(report, year=2022, sections=(n1, n2)),
        sections=(first, second),
        metrics=(change(m_old, m_new),),
    )


CASES = {"basic": basic, "identical": identical, "english": english}
GENERATED_AT = {"basic": "2024-03-01 09:30", "identical": None, "english": None}
