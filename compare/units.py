"""Units and their sizes: the base unit a figure is compared and sorted in (5.31亿吨 and
10570亿斤 are both counted in 公斤), the signs sums of money are written with, and exact rounding.

quantities reads figures by these, metrics compares them, and render shows them: a comparison
kept by an earlier run is shown with this module alone, without importing metrics and what it
imports (rapidfuzz, align, diff, quantities: about 50 ms of `compare 2021 2022` run again).
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal

from compare.model import SCALES, Metric
from compare.patterns import regex

# The currency signs a sum is written with, before its number (a sign of several characters
# first), and the codes Hong Kong and Singapore reports write so (RMB2.3 billion, USD 1.2
# billion): quantities finds sums of money by these, metrics and render read them so too.
CURRENCY_SIGNS = (
    "US$", "S$", "C$", "A$", "HK$", "$", "€", "£", "¥", "￥",
    "RMB", "HKD", "USD", "SGD", "CNY", "EUR", "GBP",
)  # fmt: skip

_ONE_UNIT = Decimal(1)
# Units that measure one thing in different sizes: each unit's size in the first unit of its
# family. 2014's 粮食产量超过1.2万亿斤 and 2015's 6.07亿吨 are one figure, up 1.2%; a target of
# 66.7万公顷 and next year's 1500万亩 one, up half. (The area family counts in 亩, which every
# unit of it is a whole or finite decimal number of: 1公顷 = 15亩, 1平方米 = 0.0015亩.)
UNIT_SIZES: dict[str, tuple[str, Decimal]] = {
    "公斤": ("公斤", _ONE_UNIT),
    "千克": ("公斤", _ONE_UNIT),
    "斤": ("公斤", Decimal("0.5")),
    "吨": ("公斤", Decimal(1000)),
    "亩": ("亩", _ONE_UNIT),
    "公顷": ("亩", Decimal(15)),
    "平方米": ("亩", Decimal("0.0015")),
    "平方公里": ("亩", Decimal(1500)),
    "平方千米": ("亩", Decimal(1500)),
    "米": ("米", _ONE_UNIT),
    "公里": ("米", Decimal(1000)),
    "千米": ("米", Decimal(1000)),
    "人": ("人", _ONE_UNIT),  # 资助学生2871万人, then 2130万名
    "名": ("人", _ONE_UNIT),
    # As Traditional Chinese writes them (compare.traditional gives a figure its own wording).
    "噸": ("公斤", Decimal(1000)),
    "畝": ("亩", _ONE_UNIT),
    "公頃": ("亩", Decimal(15)),
}

_PERCENT_UNITS = {"%", "％"}


def quantize(value: Decimal, exponent: Decimal, rounding: str | None = None) -> Decimal:
    """Return value.quantize(exponent, rounding), in as many digits as that takes: a result of
    more digits than the context's 28 (a figure of 30 digits, a change of 10^31 percent) raises
    InvalidOperation in the context."""
    try:
        return value.quantize(exponent, rounding=rounding)
    except decimal.InvalidOperation:
        digits = max(value.adjusted(), 0) - exponent.adjusted() + 2
        return value.quantize(exponent, rounding=rounding, context=decimal.Context(prec=digits))


def written_unit(metric: Metric) -> str:
    """Return the unit without its scale word (亿元 -> 元, 万人 -> 人)."""
    return _units(metric.unit, metric.scale)[0]


def base_unit(metric: Metric) -> str:
    """Return the unit without its scale word (亿元 -> 元, 万人 -> 人), with % normalised and
    a unit of UNIT_SIZES as the first of its family (亿吨 -> 公斤, 万公顷 -> 亩)."""
    return _units(metric.unit, metric.scale)[1]


def base_size(metric: Metric) -> Decimal:
    """Return the size of the metric's scale and unit in its base unit (亿吨: 10^8 * 1000)."""
    return _units(metric.unit, metric.scale)[2]


def base_magnitude(metric: Metric) -> Decimal:
    """Return the value in the base unit (5.31亿吨 and 10570亿斤 in 公斤): what a trend line or a
    sort compares across years told in other units."""
    return metric.value * base_size(metric)


@functools.lru_cache(maxsize=4096)
def _units(unit: str, scale: str) -> tuple[str, str, Decimal]:
    """Return a unit as written without its scale word, its base unit, and the size of the
    scale and unit in the base unit (see written_unit, base_unit and base_size)."""
    written = unit.strip()
    if scale and written.startswith(scale):
        written = written[len(scale) :]
    size = SCALES.get(scale, _ONE_UNIT)
    if written in UNIT_SIZES:
        family, unit_size = UNIT_SIZES[written]
        return written, family, size * unit_size
    if " per " in written and (each := _PER_RECIPIENT.fullmatch(written)):
        return written, f"{each.group(1)} per recipient", size
    return written, "%" if written in _PERCENT_UNITS else written, size


# A sum per whom it is given to is one unit whoever that is: a charity's matching grant "up to
# a cap of $250,000 per applicant", then "… per charity".
_PER_RECIPIENT = regex(
    r"(.*) per (?:applicant|beneficiary|charity|child|company|employee|employer|family|firm"
    r"|household|individual|local|member|person|recipient|resident|student|taxpayer|worker)"
)
