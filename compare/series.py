"""Reports of one organisation over several years -> one table of every metric across the years.

Consecutive years are compared (align + metric matching) and matched metrics are chained into one
row; reading and comparing run in a process pool over all cores.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.metrics import (
    Identity,
    csv_text,
    identity,
    in_unit_of,
    match_metrics,
    unit_and_scale,
)
from compare.model import Comparison, Metric, MetricStatus, Report
from compare.patterns import keep_compiled
from compare.quantities import starts_a_change
from compare.settings import Settings
from compare.units import base_magnitude

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True, kw_only=True)
class SeriesRow:
    """One metric followed across the years: the year's Metric or None where it is absent."""

    label: str
    unit: str  # the latest year's, with its scale (亿元, 万亿元, %, $ billion: unit_and_scale)
    kind: str
    values: tuple[Metric | None, ...]
    column: str = ""  # the head of the latest year's table column ("Payments Due in 2019")
    # The latest year's sentence that states the figure: what tells apart rows of one label and
    # unit ("For FY2021, I expect an overall deficit of $5 billion …" and the plan's "I expect
    # an overall deficit of $3 billion …"), and the year it is for where the sentence says it.
    sentence: str = ""
    # Some year states the figure as the value a change started from, an earlier figure than
    # the year's own: 6 of 从世界第六位上升到第四位 (2002's rank, in the 2008 report).
    change_start: bool = False

    def amounts(self) -> tuple[Decimal | None, ...]:
        """Return each year's value stated in the row's unit, the latest year's (7500亿元 in a
        万亿元 row: 0.75)."""
        latest = next(m for m in reversed(self.values) if m is not None)
        return tuple(None if m is None else in_unit_of(m, latest) for m in self.values)

    @property
    def over_years(self) -> bool:
        """True when a year states its figure for several years together (Metric.over_years):
        the national reports' 年均增长 of a five-year review."""
        return any(m is not None and m.over_years for m in self.values)


@dataclass(frozen=True, slots=True, kw_only=True)
class Series:
    """Every metric of an organisation's reports, one row per metric, one column per report."""

    org: str  # the organisation, else the latest title (a speech has no organisation line)
    years: tuple[int, ...]
    paths: tuple[str, ...]
    rows: tuple[SeriesRow, ...]
    # What reading a year set aside (FILE: …), and what is odd about the years' pairs (one file
    # twice, two organisations), each said once
    warnings: tuple[str, ...] = ()

    @property
    def headings(self) -> tuple[str, ...]:
        """Return the heading of each report's column, each unique: its year; where reports
        share a year (a file named for another year, another organisation's report), the year
        and the file's name (its path where names are alike); where the year is unknown, the
        file's name alone, as a comparison names such a report. One file given twice is
        numbered (#2)."""
        reports = [
            (year, path, Path(path).name) for year, path in zip(self.years, self.paths, strict=True)
        ]
        headings = []
        for year, path, name in reports:
            of_year = [(p, n) for y, p, n in reports if y == year]
            file = name if len({p for p, n in of_year if n == name}) == 1 else path
            if year and len(of_year) == 1:
                headings.append(str(year))
            else:
                headings.append(f"{year} ({file})" if year else file)
        return tuple(
            f"{heading} #{headings[:i].count(heading) + 1}" if heading in headings[:i] else heading
            for i, heading in enumerate(headings)
        )

    def table(self) -> pd.DataFrame:
        """Return the series as a DataFrame: label, column, unit, kind, one column per report,
        then over_years (some year states the figure for several years together), change_start
        (some year states it as where a change started) and the latest year's sentence."""
        import pandas as pd

        return pd.DataFrame.from_records(self._records(), columns=self._columns())

    def csv(self) -> str:
        """Return the table as CSV text (as the DataFrame's to_csv would write it)."""
        return csv_text(self._columns(), self._records())

    def _columns(self) -> list[str]:
        return [
            "label",
            "column",
            "unit",
            "kind",
            *self.headings,
            "over_years",
            "change_start",
            "sentence",
        ]

    def _records(self) -> list[dict[str, object]]:
        headings = self.headings
        records = []
        for row in self.rows:
            record: dict[str, object] = {
                "label": row.label,
                "column": row.column,
                "unit": row.unit,
                "kind": row.kind,
            }
            for heading, amount in zip(headings, row.amounts(), strict=True):
                record[heading] = None if amount is None else _plain(amount)
            record["over_years"] = row.over_years
            record["change_start"] = row.change_start
            record["sentence"] = row.sentence
            records.append(record)
        return records


def _plain(amount: Decimal) -> str:
    """Write a Decimal without exponent or trailing zeros (1.20E+4 -> 12000, 0.750 -> 0.75)."""
    return format(amount.normalize(), "f")


def _compare_pair(pair: tuple[Report, Report]) -> Comparison:
    from compare.pipeline import compare_reports

    return compare_reports(*pair)


def _read(path: Path) -> Report:
    from compare.pipeline import read_report

    return read_report(path)


def run_pool(
    func: Callable, items: Sequence, *, workers: int, progress: Callable[[int], None] | None = None
) -> list:
    """Map func over items, in a process pool when workers > 1; call progress(1) per item done."""
    if workers <= 1 or len(items) <= 1:
        results = []
        for item in items:
            results.append(func(item))
            if progress:
                progress(1)
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # only here: it costs a tenth of a second

    with ProcessPoolExecutor(
        max_workers=min(workers, len(items)),
        # Forked on Linux, as Python before 3.14 forks them there: a worker's parent is this
        # process, whose end ends it (_ending_with_parent).
        mp_context=multiprocessing.get_context("fork") if sys.platform == "linux" else None,
        initializer=_ending_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        results = []
        for result in pool.map(functools.partial(_keeping_patterns, func), items):
            results.append(result)
            if progress:
                progress(1)
        return results


# prctl's option (linux/prctl.h): the signal a process is sent when its parent ends
PR_SET_PDEATHSIG = 1


def _ending_with_parent(parent: int) -> None:
    """Have this pool's worker killed when its parent, the run, ends, or now if it has ended
    (Linux): a run ended at once by SIGTERM (compare.cli) had left its workers blocked forever
    on queues no process would use again."""
    if sys.platform != "linux":
        return
    import ctypes

    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before the worker was set to end with it
        os.kill(os.getpid(), signal.SIGKILL)


def _keeping_patterns(func: Callable, item: Any) -> Any:
    """Run func on item in a pool's worker, then keep the patterns it compiled for the next run:
    a worker ends without running what atexit holds (compare.patterns.keep_compiled)."""
    result = func(item)
    keep_compiled()
    return result


def build_series(
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Series:
    """Read the reports at paths (ordered by year), compare consecutive years, chain the metrics.

    What an earlier run kept (compare.caches) is taken in this process; only the rest is read
    and compared in the pool: its workers would load each kept file and send it back, and
    starting them costs more than loading (the national reports' series again: see README)."""
    from compare.pipeline import kept_comparison, kept_report

    workers = workers if workers is not None else (os.cpu_count() or 1)
    reports = _kept_or_made(kept_report, _read, list(paths), workers, progress)
    reports.sort(key=lambda r: (r.year or 0, r.source.path))
    pairs = list(zip(reports, reports[1:], strict=False))
    comparisons = _kept_or_made(
        lambda pair: kept_comparison(*pair), _compare_pair, pairs, workers, progress
    )
    return chain_metrics(reports, comparisons)


def _kept_or_made(
    kept: Callable[[Any], Any],
    make: Callable[[Any], Any],
    items: list[Any],
    workers: int,
    progress: Callable[[int], None] | None,
) -> list[Any]:
    """Return make(item) for each item, taking kept(item) where it is not None and making only
    the others in the pool."""
    results = [kept(item) for item in items]
    found = sum(result is not None for result in results)
    if progress and found:
        progress(found)
    missing = [i for i, result in enumerate(results) if result is None]
    made = run_pool(make, [items[i] for i in missing], workers=workers, progress=progress)
    for i, result in zip(missing, made, strict=True):
        results[i] = result
    return results


def chain_metrics(reports: Sequence[Report], comparisons: Sequence[Comparison]) -> Series:
    """Follow each metric through the consecutive comparisons into one row per metric.

    Metrics are recognised by value (section, sentence and offsets included), not by object
    identity: comparisons made in worker processes hold copies of the reports' metrics.
    """
    n = len(reports)
    rows: list[list[Metric | None]] = []
    where: dict[Metric, int] = {}  # metric of the latest year -> row index
    if reports:
        first: dict[Identity, int] = {}
        for metric in reports[0].metrics:
            # A figure the year states twice is one row, as a comparison reports it once.
            at = first.setdefault(identity(metric), len(rows))
            where[metric] = at
            if at == len(rows):
                rows.append([metric] + [None] * (n - 1))
    for year, comparison in enumerate(comparisons, start=1):
        latest: dict[Metric, int] = {}
        twins = _rows_by_figure(where)
        for change in comparison.metrics:
            if change.new is None:
                continue
            row = where.get(change.old) if change.old is not None else None
            if row is None and change.old is not None:
                # The year stated the figure twice (3%左右 in its review and in its targets):
                # the comparison before chained one statement, this one the other.
                row = twins.get(identity(change.old))
            if change.status == MetricStatus.ADDED or row is None or rows[row][year] is not None:
                # New, or the year's figure of this row is chained already (by the other
                # statement of a twice-stated figure, or a filing's own-year figure whose
                # restated copy is this one: see metrics._restated_copies): a row of its own.
                row = len(rows)
                rows.append([None] * n)
            rows[row][year] = change.new
            latest[change.new] = row
        where = latest
    rows = _bridge_gaps(rows, reports)
    held = [{s.id: s.sentences for s in report.bodies()} for report in reports]
    out = []
    for values in rows:
        stated = [
            (m, _sentence_of(m, held[year])) for year, m in enumerate(values) if m is not None
        ]
        last, sentence = stated[-1]
        out.append(
            SeriesRow(
                label=last.label,
                unit=unit_and_scale(last),
                kind=last.kind.value,
                values=tuple(values),
                column=last.column,
                sentence=sentence,
                change_start=any(starts_a_change(s, m.start, m.end) for m, s in stated),
            )
        )
    return Series(
        # What the reports are called: the latest organisation, else the latest title (a speech).
        org=next((r.org for r in reversed(reports) if r.org), "")
        or next((r.title for r in reversed(reports) if r.title), ""),
        years=tuple(r.year or 0 for r in reports),
        paths=tuple(r.source.path for r in reports),
        rows=tuple(out),
        warnings=tuple(
            dict.fromkeys(
                [f"{r.source.path}: {w}" for r in reports for w in r.warnings]
                + [w for c in comparisons for w in c.warnings]
            )
        ),
    )


def _sentence_of(metric: Metric, held: dict[str, tuple[str, ...]]) -> str:
    """Return the sentence that states the metric, from its report's sentences by section."""
    sentences = held.get(metric.section, ())
    return sentences[metric.sentence] if metric.sentence < len(sentences) else ""


# A row bridged over a year that does not state its figure joins values at most this many times
# apart: two years apart a measure's own figures, with near-identical labels, differ less (the
# national reports' 人均预期寿命 提高1岁 and 达到75岁 do not).
BRIDGE_RATIO = Decimal(2)
# The most years in a row a bridge passes over: a five-year review's figures come back three
# years on (the national reports' term reviews of 2008 and 2013, the plan reviews of 2011 and
# 2016: 单位国内生产总值能耗 下降17.2% -> 下降18.2%, both five years').
BRIDGE_YEARS = 2


def _bridge_gaps(
    rows: list[list[Metric | None]], reports: Sequence[Report]
) -> list[list[Metric | None]]:
    """Join a row that ends in one year to a row that starts two or more years later (at most
    BRIDGE_YEARS years between), when the years between state neither and the two figures are
    one measure's.

    The 2013 national report states no grain harvest (连续6年稳定在万亿斤以上): 2008-2012's row
    and 2014-2015's were two. The two years' figures are matched as a comparison matches them
    report-wide (near-identical labels, metrics.match_metrics with no sections), then held to one
    sign and values within BRIDGE_RATIO of each other. Shorter gaps are bridged first.
    """
    settings = Settings()
    for year, after in (
        (year, year + 1 + skipped)
        for skipped in range(1, BRIDGE_YEARS + 1)
        for year in range(len(reports) - 1 - skipped)
    ):
        ended: dict[Metric, int] = {}
        started: dict[Metric, int] = {}
        for i, row in enumerate(rows):
            if (last := row[year]) is not None and not any(row[year + 1 :]):
                ended[last] = i
            if (first := row[after]) is not None and not any(row[:after]):
                started[first] = i
        if not ended or not started:
            continue
        changes = match_metrics(
            dataclasses.replace(reports[year], metrics=tuple(ended)),
            dataclasses.replace(reports[after], metrics=tuple(started)),
            (),
            settings=settings,
        )
        joined = set()
        for change in changes:
            old, new = change.old, change.new
            if old is None or new is None:
                continue
            a, b = base_magnitude(old), base_magnitude(new)
            if a == b or (a * b > 0 and max(abs(a), abs(b)) <= BRIDGE_RATIO * min(abs(a), abs(b))):
                row = rows[ended[old]]
                row[after:] = rows[started[new]][after:]
                joined.add(started[new])
        rows = [row for i, row in enumerate(rows) if i not in joined]
    return rows


def _rows_by_figure(where: dict[Metric, int]) -> dict[Identity, int]:
    """Return the row of each figure the year states, by what it states (metrics.identity); a
    figure stated in two rows is left out (which row it continues is not known)."""
    rows: dict[Identity, int | None] = {}
    for metric, row in where.items():
        key = identity(metric)
        rows[key] = row if rows.get(key, row) == row else None
    return {key: row for key, row in rows.items() if row is not None}


def sparkline(values: Sequence[Decimal | None], *, width: int = 120, height: int = 28) -> str:
    """Return the SVG polyline points for the values (gaps skipped), scaled into width x height."""
    known = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    if not known:
        return ""
    low = min(v for _, v in known)
    high = max(v for _, v in known)
    span = high - low or 1.0
    step = width / max(len(values) - 1, 1)
    pad = 3
    return " ".join(
        f"{i * step:.1f},{pad + (height - 2 * pad) * (1 - (v - low) / span):.1f}" for i, v in known
    )
