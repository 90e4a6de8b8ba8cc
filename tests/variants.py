"""Seed text -> next-year variants with known edits, and the section pairs they should align to.

`make_variant(seed)` edits the clean half of the seed (lines 1-39) at text level: reworded
headings, swapped, inserted and deleted sections, split and merged run-in subsections, a
subsection moved to another parent, reworded sentences and changed numbers. The expected pairs say,
for every old and new section id, what alignment must report. Invented text is written here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "seeds" / "shaoxing-education-bureau-2021.txt"
CLEAN_LINES = 39  # the seed's clean rendition; the rest is a broken PDF extraction

_NUMERALS = "一二三四五六七八九十"
_TOP = re.compile(rf"^([{_NUMERALS}]+)、(.+)$")
_RUN_IN = re.compile(rf"^([{_NUMERALS}]+)是(.+)$")

# A reworded version of every heading of the seed (the synonym table).
HEADING_SYNONYMS = {
    "党的领导坚强有力": "党建引领坚强有力",
    "“双减”贯彻落地有声": "“双减”政策落地见效",
    "立德树人深化有方": "立德树人成效明显",
    "教育现代化推进有序": "教育现代化稳步推进",
    "教育治理扎实有为": "教育治理能力提升",
    "各类教育稳中有进": "各级各类教育协调发展",
    "队伍建设提升有道": "教师队伍建设持续加强",
    "群众获得感真切有情": "群众教育获得感不断增强",
    "“五星三名”夯实基础": "“五星三名”筑牢根基",
    "党史教育坚定信念": "党史学习教育坚守初心",
    "清廉教育涵养生态": "清廉教育营造氛围",
    "加强领导强化保障": "强化领导健全保障",
    "课后托管扩面提质": "课后服务扩面增效",
    "培训机构从严规范": "校外培训严格治理",
    "“三全育人”创新机制": "“三全育人”完善机制",
    "“越讲越响”树起品牌": "“越讲越响”打响品牌",
    "“五育并举”多管齐下": "“五育并举”协同发力",
    "“五大创建”有力推进": "“五大创建”扎实推进",
    "项目建设加快推进": "重点项目提速建设",
    "数字化改革稳步推进": "数字化改革纵深推进",
    "依法治理循序渐进": "依法治教持续深化",
    "民主治理多措并举": "民主管理多方协同",
    "科学治理走出新路": "科学治理开拓新局",
    "学前教育更加普惠": "学前教育普惠发展",
    "义务教育日趋均衡": "义务教育优质均衡",
    "高中教育亮点纷呈": "高中教育多样发展",
    "职业教育融合发展": "职业教育产教融合",
    "高等教育量质并举": "高等教育提质增效",
    "其他教育规范有序": "特殊教育等规范发展",
    "师德师风加速向好": "师德师风持续向好",
    "教师素养有效提升": "教师能力稳步提升",
    "评价改革激发活力": "评价改革释放活力",
    "校园安全筑牢屏障": "校园安全守牢底线",
    "民呼我应赚得口碑": "民呼我为赢得口碑",
    "民生实事惠泽师生": "民生实事惠及师生",
    "对口支援落到实处": "对口支援扎实有效",
    "开放协作助推共赢": "开放合作互利共赢",
}

# Word substitutions for rewording sentences (each keeps the sentence recognisable).
WORD_SYNONYMS = {
    "全面": "全方位",
    "推进": "推动",
    "加强": "强化",
    "开展": "组织",
    "完善": "健全",
    "提升": "提高",
    "深化": "深入",
    "建立": "构建",
    "组织": "安排",
    "落实": "执行",
}

# Invented sections (not in the seed): a heading and run-in subsections (heading, body).
NEW_SECTIONS = (
    (
        "教育科研创新有为",
        (
            (
                "课题研究提质增效",
                "全年立项市级教育科研课题一百二十项，结题率较上年提高五个百分点。"
                "组建跨校教研联合体，推动科研成果在课堂落地转化。",
            ),
            (
                "教研队伍梯次成长",
                "实施青年教研员成长计划，建立导师结对制度。"
                "举办教研沙龙和成果展评，评选优秀教研组十二个。",
            ),
        ),
    ),
    (
        "校园文化特色鲜明",
        (
            (
                "书香校园持续建设",
                "开展师生共读活动，新建校园阅读角三百余个。"
                "举办校园读书节，评选书香班级和阅读之星。",
            ),
            (
                "传统文化进入课堂",
                "开发越剧、书法、黄酒文化等地方课程读本。"
                "邀请非遗传承人走进校园，组织传统文化体验周活动。",
            ),
        ),
    ),
    (
        "家校社协同育人有力",
        (
            (
                "家庭教育指导覆盖城乡",
                "建成县级家庭教育指导中心六个，村社指导站实现全覆盖。"
                "开设家长学校线上课程，累计服务家长二十余万人次。",
            ),
            (
                "社会资源协同育人",
                "联合博物馆、科技馆和青少年宫开发研学线路四十条。"
                "推动社区教育与学校教育衔接，建成社区学习点一百余个。",
            ),
        ),
    ),
)

# Invented run-in headings for a subsection split off another one.
SPLIT_HEADINGS = ("成效持续显现", "机制不断健全", "保障更加有力", "示范作用凸显")


@dataclass(eq=False)
class Sub:
    """A run-in subsection: `一是heading。body`."""

    origin: str | None  # old id, None when invented
    heading: str
    body: str
    split_from: str | None = None


@dataclass(eq=False)
class Top:
    """A top-level section `一、heading` with its run-in subsections."""

    origin: str | None
    heading: str
    subs: list[Sub] = field(default_factory=list)


@dataclass(eq=False)
class Doc:
    """The seed's clean text as a structure that renders back to text."""

    title: str
    preamble: str
    tops: list[Top]


@dataclass(frozen=True, slots=True)
class Expected:
    """One section pair alignment must report (old or new id None when added / removed)."""

    old: str | None
    new: str | None
    status: str
    renamed: bool = False
    moved: bool = False
    split_from: str | None = None
    merged_into: str | None = None


@dataclass(frozen=True, slots=True)
class Variant:
    """A variant text, the edits made, and the pairs alignment must report."""

    text: str
    edits: tuple[str, ...]
    expected: tuple[Expected, ...]


def seed_text() -> str:
    """Return the clean half of the seed (lines 1-39)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[:CLEAN_LINES]) + "\n"


def parse_doc(text: str) -> Doc:
    """Split the seed's clean text into title, preamble, `一、` sections and `一是` subsections."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    doc = Doc(title=lines[0], preamble=lines[1], tops=[])
    for line in lines[2:]:
        if m := _TOP.match(line):
            doc.tops.append(Top(origin=str(len(doc.tops) + 1), heading=m.group(2)))
        elif m := _RUN_IN.match(line):
            top = doc.tops[-1]
            heading, _, body = m.group(2).partition("。")
            top.subs.append(
                Sub(origin=f"{top.origin}.{len(top.subs) + 1}", heading=heading, body=body)
            )
    return doc


def numeral(n: int) -> str:
    """Return 1..19 as a Chinese numeral."""
    return _NUMERALS[n - 1] if n <= 10 else "十" + _NUMERALS[n - 11]


def render(doc: Doc) -> str:
    """Return the document as text, numbering sections by position."""
    lines = [doc.title, doc.preamble]
    for i, top in enumerate(doc.tops, start=1):
        lines.append(f"{numeral(i)}、{top.heading}")
        lines.extend(
            f"{numeral(k)}是{s.heading}。{s.body}" for k, s in enumerate(top.subs, start=1)
        )
    return "\n".join(lines) + "\n"


def _signatures(doc: Doc) -> dict[int, tuple[object, ...]]:
    """Map id(node) -> what must be equal for 'unchanged': headings and bodies of the subtree."""
    out: dict[int, tuple[object, ...]] = {id(doc): (doc.preamble,)}
    for top in doc.tops:
        for sub in top.subs:
            out[id(sub)] = (sub.heading, sub.body)
        out[id(top)] = (top.heading, tuple(out[id(s)] for s in top.subs))
    return out


class _Editor:
    """Apply random edits to a copy of the seed structure, remembering what they must produce."""

    def __init__(self, old: Doc, rng: random.Random) -> None:
        self.rng = rng
        self.doc = Doc(
            title=old.title,
            preamble=old.preamble,
            tops=[
                Top(t.origin, t.heading, [Sub(s.origin, s.heading, s.body) for s in t.subs])
                for t in old.tops
            ],
        )
        self.moved: set[str] = set()
        self.merged: dict[str, Sub] = {}  # old id -> the new sub it went into
        self.fixed: set[int] = set()  # id() of tops that later edits must not delete or move
        self.edits: list[str] = []

    def _tops(self, *, free: bool = False, subs: int = 0) -> list[Top]:
        return [
            t
            for t in self.doc.tops
            if t.origin and (not free or id(t) not in self.fixed) and len(t.subs) >= subs
        ]

    def swap_tops(self) -> bool:
        tops = self.doc.tops
        # Two kept sections in between make the longest in-order run unique: exactly these two move.
        i = self.rng.randrange(0, len(tops) - 3)
        j = self.rng.randrange(i + 3, len(tops))
        tops[i], tops[j] = tops[j], tops[i]
        for t in tops[i : j + 1]:
            self.fixed.add(id(t))
        self.moved |= {tops[i].origin or "", tops[j].origin or ""}
        self.edits.append(f"swap {tops[j].origin} and {tops[i].origin}")
        return True

    def move_sub(self) -> bool:
        candidates = self._tops(free=True, subs=3)
        if len(candidates) < 2:
            return False
        source, target = self.rng.sample(candidates, 2)
        sub = source.subs.pop(self.rng.randrange(len(source.subs)))
        target.subs.append(sub)
        self.fixed |= {id(source), id(target)}
        self.moved.add(sub.origin or "")
        self.edits.append(f"move {sub.origin} to the end of {target.origin}")
        return True

    def _sub(self, min_sentences: int = 0) -> tuple[Top, int] | None:
        options = [
            (t, k)
            for t in self._tops()
            for k, s in enumerate(t.subs)
            if s.origin and s.body.count("。") >= min_sentences
        ]
        return self.rng.choice(options) if options else None

    def split_sub(self) -> bool:
        found = self._sub(min_sentences=4)
        if found is None:
            return False
        top, k = found
        sub = top.subs[k]
        sentences = [s + "。" for s in sub.body.split("。") if s]
        cut = len(sentences) // 2
        sub.body = "".join(sentences[:cut])
        heading = self.rng.choice(SPLIT_HEADINGS)
        top.subs.insert(k + 1, Sub(None, heading, "".join(sentences[cut:]), split_from=sub.origin))
        self.fixed.add(id(top))
        self.edits.append(f"split {sub.origin} after sentence {cut}")
        return True

    def merge_subs(self) -> bool:
        options = [
            (t, k)
            for t in self._tops(free=True, subs=3)
            for k in range(len(t.subs) - 1)
            if t.subs[k].origin and t.subs[k + 1].origin
        ]
        if not options:
            return False
        top, k = self.rng.choice(options)
        first, second = top.subs[k], top.subs.pop(k + 1)
        first.body += second.body
        self.merged[second.origin or ""] = first
        self.fixed.add(id(top))
        self.edits.append(f"merge {second.origin} into {first.origin}")
        return True

    def insert_sub(self) -> bool:
        tops = self._tops(free=True)
        if not tops:
            return False
        top = self.rng.choice(tops)
        heading, body = self.rng.choice(NEW_SECTIONS)[1][0]
        top.subs.insert(self.rng.randrange(len(top.subs) + 1), Sub(None, heading, body))
        self.fixed.add(id(top))
        self.edits.append(f"insert a subsection into {top.origin}")
        return True

    def delete_top(self) -> bool:
        tops = self._tops(free=True)
        if len(tops) < 2:
            return False
        top = self.rng.choice(tops)
        self.doc.tops.remove(top)
        self.edits.append(f"delete {top.origin}")
        return True

    def insert_top(self) -> bool:
        heading, subs = self.rng.choice(NEW_SECTIONS)
        where = self.rng.randrange(len(self.doc.tops) + 1)
        self.doc.tops.insert(where, Top(None, heading, [Sub(None, h, b) for h, b in subs]))
        self.edits.append(f"insert a section at {where + 1}")
        return True

    def rename_top(self) -> bool:
        top = self.rng.choice(self._tops())
        top.heading = HEADING_SYNONYMS.get(top.heading, top.heading)
        self.edits.append(f"rename {top.origin}")
        return True

    def rename_sub(self) -> bool:
        found = self._sub()
        if found is None:
            return False
        sub = found[0].subs[found[1]]
        sub.heading = HEADING_SYNONYMS.get(sub.heading, sub.heading)
        self.edits.append(f"rename {sub.origin}")
        return True

    def reword(self) -> bool:
        found = self._sub(min_sentences=2)
        if found is None:
            return False
        sub = found[0].subs[found[1]]
        sentences = [s + "。" for s in sub.body.split("。") if s]
        k = self.rng.randrange(len(sentences))
        for old, new in WORD_SYNONYMS.items():
            sentences[k] = sentences[k].replace(old, new, 1)
        sub.body = "".join(sentences)
        self.edits.append(f"reword sentence {k + 1} of {sub.origin}")
        return True

    def numbers(self) -> bool:
        found = self._sub()
        if found is None or not re.search(r"\d", found[0].subs[found[1]].body):
            return False
        sub = found[0].subs[found[1]]
        sub.body = re.sub(r"\d+", lambda m: str(int(m.group()) + 3), sub.body)
        self.edits.append(f"change the numbers of {sub.origin}")
        return True


# The edits in the order they are applied (structure first, wording last).
EDITS: tuple[str, ...] = (
    "swap_tops",
    "move_sub",
    "split_sub",
    "merge_subs",
    "insert_sub",
    "delete_top",
    "insert_top",
    "rename_top",
    "rename_sub",
    "reword",
    "numbers",
)


def make_variant(seed: int, *, edits: tuple[str, ...] | None = None) -> Variant:
    """Return the next-year variant for this seed: 3-6 random edits (or the named ones)."""
    rng = random.Random(seed)
    old = parse_doc(seed_text())
    editor = _Editor(old, rng)
    editor.doc.title = old.title.replace("2021", "2022")
    editor.doc.preamble = old.preamble.replace("2021年", "2022年", 1)
    chosen = (
        edits
        if edits is not None
        else tuple(sorted(rng.sample(EDITS, rng.randint(3, 6)), key=EDITS.index))
    )
    for name in chosen:
        edit: Callable[[], bool] = getattr(editor, name)
        edit()
    return Variant(
        text=render(editor.doc), edits=tuple(editor.edits), expected=_expected(old, editor)
    )


def _expected(old: Doc, editor: _Editor) -> tuple[Expected, ...]:
    """Return the pairs the edits must produce, with flags, for every old and new section."""
    new = editor.doc
    old_sig, new_sig = _signatures(old), _signatures(new)
    old_nodes: dict[str, Top | Sub] = {}
    for top in old.tops:
        old_nodes[top.origin or ""] = top
        for sub in top.subs:
            old_nodes[sub.origin or ""] = sub
    new_ids: dict[int, str] = {}
    pairs = [Expected(old="0", new="0", status="modified")]
    for i, top in enumerate(new.tops, start=1):
        new_ids[id(top)] = str(i)
        for k, sub in enumerate(top.subs, start=1):
            new_ids[id(sub)] = f"{i}.{k}"
    seen: set[str] = set()
    for top in new.tops:
        for node in (top, *top.subs):
            new_id = new_ids[id(node)]
            if node.origin is None:
                split = node.split_from if isinstance(node, Sub) else None
                pairs.append(Expected(old=None, new=new_id, status="added", split_from=split))
                continue
            seen.add(node.origin)
            before = old_nodes[node.origin]
            same = old_sig[id(before)] == new_sig[id(node)]
            pairs.append(
                Expected(
                    old=node.origin,
                    new=new_id,
                    status="unchanged" if same else "modified",
                    renamed=before.heading != node.heading,
                    moved=node.origin in editor.moved,
                )
            )
    for old_id in old_nodes:
        if old_id not in seen:
            into = editor.merged.get(old_id)
            pairs.append(
                Expected(
                    old=old_id,
                    new=None,
                    status="removed",
                    merged_into=new_ids[id(into)] if into is not None else None,
                )
            )
    return tuple(pairs)
