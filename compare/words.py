"""Small pieces of wording shared by the page, the outline and the command line."""

from __future__ import annotations

import re

from compare.patterns import regex


def counted(count: int, noun: str) -> str:
    """Return a count with its noun, singular for one: "1 metric", "3 metrics"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# A chapter's or part's numbering, which Chinese writes apart from its heading: 第一节 重要提示.
_CHAPTER = regex(r"第\S{1,6}?(?:章|节|節|篇|编|編|部分)")


def numbered(number: str, heading: str) -> str:
    """Return a heading with its numbering as written ("一、党的领导", "Item 1A. Risk Factors",
    "第二节 公司简介"): a space between them where both sides are Latin, or after a chapter's
    numbering."""
    number, heading = number.strip(), heading.strip()
    if not number or not heading:
        return number or heading
    apart = (number[-1].isascii() and heading[0].isascii()) or _CHAPTER.fullmatch(number)
    return number + (" " if apart else "") + heading


# Punctuation that Markdown (or the HTML it allows) would read as markup.
MARKDOWN_SPECIAL = regex(r"([\\`*_\[\]<>|#~&!])")


def markdown_text(text: object) -> str:
    """Return text as Markdown shows it literally, on one line: a backslash before each mark
    Markdown or HTML would read ("__init__", "[link](…)", "<script>", a table's "|")."""
    flat = re.sub(r"\s+", " ", str(text))  # a newline would end a table row or a list item
    return MARKDOWN_SPECIAL.sub(r"\\\1", flat)
