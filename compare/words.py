"""Small pieces of wording shared by the page, the outline and the command line."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """Return a count with its noun, singular for one: "1 metric", "3 metrics"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def numbered(number: str, heading: str) -> str:
    """Return a heading with its numbering as written ("一、党的领导", "Item 1A. Risk Factors"):
    a space between them where both sides are Latin."""
    number, heading = number.strip(), heading.strip()
    if not number or not heading:
        return number or heading
    joiner = " " if number[-1].isascii() and heading[0].isascii() else ""
    return number + joiner + heading
