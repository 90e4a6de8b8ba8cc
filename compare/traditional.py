"""Reports in Traditional Chinese: their figures are read through a Simplified copy.

The figure grammar (compare.quantities) knows the Simplified forms of scale words, classifiers
and verbs (亿, 万, 个, 增长), so 3.6億元, 5400個 and 20.9萬人 of a Traditional report were not
figures at all. The report's sentences are converted character for character (OpenCC's t2s,
loaded only for such a report), the figures are read in the copy, and then given back the
report's own wording: the quote as written, the label, unit and scale in its characters (the
scales and units the comparison sizes have their Traditional forms too: 萬, 億, 噸, 公頃).
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from compare.model import Report, Section, SectionPair, SentencePair, TextOp
from compare.patterns import regex

# Characters common in Traditional Chinese prose that Simplified writes otherwise. A report
# with enough of them is Traditional; a Simplified one has none.
TRADITIONAL_ONLY = frozenset(
    "這們個國會學發對說時來經過還與進為實現關於從開體點後動區間長問題變應環歲億萬條種當總產業務"
    "資價報績電車場館樂習邊讓處據傳統隊團給運輸階層專衛劃決議預備續維護紀錄豐權機構設質檢驗證數"
    "導語聯網絡銷費興項級類節門幾餘約達較減績貫徹黨領導堅強綜結紹"
)
_TRADITIONAL = regex("[" + "".join(sorted(TRADITIONAL_ONLY)) + "]")
_CJK = regex(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# At least this many of them, and this share of the CJK characters, in the first sentences.
TRADITIONAL_LEAST = 3
TRADITIONAL_SHARE = 0.02
_SAMPLE = 20_000  # characters looked at: the script of a report shows in its opening pages


def is_traditional(texts: Iterable[str]) -> bool:
    """Tell whether texts (a report's sentences, in order) are written in Traditional Chinese."""
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= _SAMPLE:
            break
    joined = "".join(sample)
    found = len(_TRADITIONAL.findall(joined))
    if found < TRADITIONAL_LEAST:
        return False
    return found >= TRADITIONAL_SHARE * len(_CJK.findall(joined))


def any_traditional(text: str) -> bool:
    """Tell whether a text (a title line) has a character that only Traditional writes so."""
    return _TRADITIONAL.search(text) is not None


def available() -> bool:
    """Tell whether OpenCC is installed (a dependency; without it, figures are read as they
    are written)."""
    try:
        import opencc  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def _converter() -> Any:
    """Return OpenCC's Traditional-to-Simplified converter (its dictionaries load once)."""
    import opencc

    return opencc.OpenCC("t2s.json")


def simplified(text: str) -> str:
    """Return `text` in Simplified characters, one for one: the same length, so that offsets
    into it are offsets into `text`. (A phrase OpenCC converts to another length is converted
    character by character.)"""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_one(char) for char in text)


@functools.cache
def _one(char: str) -> str:
    """Return one character in Simplified, or as it is when OpenCC makes it another length."""
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def read_through_simplified(report: Report, attach: Callable[[Report], Report]) -> Report:
    """Return `report` with the metrics `attach` finds in a Simplified copy of it, each given
    back the report's own characters: its quote sliced from its sentence; its label, unit,
    scale, qualifier, group and column as the span of its sentence they stand at, else turned
    back character by character (as the report writes each)."""
    back: defaultdict[str, Counter[str]] = defaultdict(Counter)

    def convert_text(original: str) -> str:
        copy = simplified(original)
        for new, old in zip(copy, original, strict=True):
            back[new][old] += 1  # 系 is 系, 係 or 繫: as the report writes it most
        return copy

    copy = _with_sections_simplified(report, convert_text)
    found = attach(copy).metrics
    chosen = {new: olds.most_common(1)[0][0] for new, olds in back.items()}

    def restore(text: str, converted: str = "", original: str = "") -> str:
        """Return the report's own writing of a text of the copy: the same span of the
        original sentence where the text stands in the copy's, else character by character."""
        at = converted.find(text) if text else -1
        if at >= 0:
            return original[at : at + len(text)]
        return "".join(chosen.get(char, char) for char in text)

    originals = {section.id: section.sentences for section in report.bodies()}
    copies = {section.id: section.sentences for section in copy.bodies()}
    metrics = []
    for metric in found:
        original, converted = originals.get(metric.section, ()), copies.get(metric.section, ())
        span = slice(metric.start, metric.end)
        at = metric.sentence
        # The quote as the report writes it, where the copy's quote is its span as it stands.
        sentence_copy = converted[at] if at < len(converted) else ""
        sentence = original[at] if at < len(original) else ""
        in_place = sentence_copy[span] == metric.text
        metrics.append(
            dataclasses.replace(
                metric,
                text=sentence[span] if in_place else restore(metric.text),
                label=restore(metric.label, sentence_copy, sentence),
                unit=restore(metric.unit),
                scale=restore(metric.scale),
                qualifier=restore(metric.qualifier),
                group=restore(metric.group),
                column=restore(metric.column),
            )
        )
    return dataclasses.replace(report, metrics=tuple(metrics))


def _with_sections_simplified(report: Report, convert_text: Callable[[str], str]) -> Report:
    """Return `report` with the headings and sentences of its sections converted by
    `convert_text` (and their texts by simplified)."""

    def convert(section: Section) -> Section:
        return dataclasses.replace(
            section,
            heading=convert_text(section.heading),
            text=simplified(section.text),
            sentences=tuple(convert_text(s) for s in section.sentences),
            children=tuple(convert(child) for child in section.children),
        )

    return dataclasses.replace(
        report,
        preamble=convert(report.preamble) if report.preamble is not None else None,
        sections=tuple(convert(section) for section in report.sections),
    )


def simplified_copy(report: Report) -> Report:
    """Return a Traditional report in Simplified characters, one for one (offsets hold): its
    sections, and its figures' quotes, labels, units, scales, qualifiers, groups and columns.
    The rules that pair figures are keyed on Simplified words (城镇 against 农村, the 从 of
    从35元提高到40元, 其中), and read the copy. A report in Simplified (or read without OpenCC)
    is returned as it is.
    """
    # A Traditional report's figures are labelled in its characters: most reports are told
    # apart by their labels alone, without reading their sentences.
    if not any_traditional("".join(m.label for m in report.metrics)) or not available():
        return report
    if not is_traditional(s for section in report.bodies() for s in section.sentences):
        return report
    copy = _with_sections_simplified(report, simplified)
    copy = dataclasses.replace(copy, title=simplified(report.title), org=simplified(report.org))
    metrics = tuple(
        dataclasses.replace(
            m,
            text=simplified(m.text),
            label=simplified(m.label),
            unit=simplified(m.unit),
            scale=simplified(m.scale),
            qualifier=simplified(m.qualifier),
            group=simplified(m.group),
            column=simplified(m.column),
        )
        for m in report.metrics
    )
    return dataclasses.replace(copy, metrics=metrics)


def in_one_script(
    reports: tuple[Report, Report], copies: tuple[Report, Report]
) -> tuple[Report, Report]:
    """Return two reports in one script, given their simplified_copy: a Traditional report's
    copy when the other is Simplified, else both as they are. Sections and sentences are paired
    by their characters: 衛生 and 卫生 are other characters."""
    if (copies[0] is reports[0]) == (copies[1] is reports[1]):
        return reports  # both Simplified, or both Traditional
    return copies


def given_back(pairs: Sequence[SectionPair], old: Report, new: Report) -> tuple[SectionPair, ...]:
    """Return section pairs of copies in one script (in_one_script), sentences diffed, with the
    reports' own sections and sentences (the copies have the same ids, sentences at the same
    places, and as many characters)."""
    old_sections = {section.id: section for section in old.bodies()}
    new_sections = {section.id: section for section in new.bodies()}
    restored = []
    for pair in pairs:
        old_section = old_sections[pair.old.id] if pair.old is not None else None
        new_section = new_sections[pair.new.id] if pair.new is not None else None
        sentences = tuple(
            _own_sentences(
                sentence,
                _own(old_section, sentence.old_index, sentence.old),
                _own(new_section, sentence.new_index, sentence.new),
            )
            for sentence in pair.sentences
        )
        restored.append(
            dataclasses.replace(pair, old=old_section, new=new_section, sentences=sentences)
        )
    return tuple(restored)


def _own_sentences(pair: SentencePair, old: str | None, new: str | None) -> SentencePair:
    """Return a sentence pair of copies with the reports' own sentences, its diff's operations
    told in their characters: one for one, each operation spans as many of them as of the
    copy's (so 衛生 against 卫生 is no edit, as in the copies)."""
    ops = []
    at_old = at_new = 0
    for op in pair.ops:
        ops.append(
            TextOp(
                tag=op.tag,
                old=(old or "")[at_old : at_old + len(op.old)],
                new=(new or "")[at_new : at_new + len(op.new)],
            )
        )
        at_old, at_new = at_old + len(op.old), at_new + len(op.new)
    return dataclasses.replace(pair, old=old, new=new, ops=tuple(ops))


def _own(section: Section | None, index: int | None, text: str | None) -> str | None:
    """Return the sentence at `index` of a report's own section, for a copy's `text`."""
    if section is None or index is None or text is None:
        return text
    return section.sentences[index]
