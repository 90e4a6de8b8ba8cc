"""The stages wired together: path -> Report (two side by side), and Report x Report ->
Comparison.

The only module that knows the order of the stages; cli.py calls read_report (or
read_reports, for two) and compare_reports.
"""

from __future__ import annotations

from pathlib import Path

from compare.errors import CompareError
from compare.forked import in_child
from compare.model import Comparison, Report, same_organisation
from compare.settings import Settings


def read_report(path: str | Path, *, settings: Settings | None = None) -> Report:
    """Read one report file into a Report: ingest -> outline -> quantities; or take the one an
    earlier run read from the same bytes, by the same code and settings (compare.caches)."""
    settings = settings or Settings()
    data, key, report = _kept_reading(Path(path), settings)
    return report if report is not None else _made(Path(path), data, key, settings)


def read_reports(
    old: str | Path, new: str | Path, *, settings: Settings | None = None
) -> tuple[Report, Report]:
    """Read two report files as read_report reads each, side by side where that can be: the
    second in a forked child while this process reads the first (compare.forked; the two cores
    of a reviewer's machine: Apple's two 10-Ks 827 -> 481 ms, the seed pair 84 -> 71 ms;
    README, "Performance"). A report kept by an earlier run is taken, and needs no child.

    Errors are those read_report raises, the first file's first: a second file the child could
    not read is read again here, which raises its own error.
    """
    settings = settings or Settings()
    old_path, new_path = Path(old), Path(new)
    old_data, old_key, old_report = _kept_reading(old_path, settings)
    try:
        new_data, new_key, new_report = _kept_reading(new_path, settings)
    except CompareError:
        if old_report is None:
            _made(old_path, old_data, old_key, settings)  # its error first, as read in order
        raise
    if old_report is not None or new_report is not None:
        return (
            old_report if old_report is not None else _made(old_path, old_data, old_key, settings),
            new_report if new_report is not None else _made(new_path, new_data, new_key, settings),
        )
    with in_child(lambda: _made(new_path, new_data, new_key, settings)) as new_reading:
        return _made(old_path, old_data, old_key, settings), new_reading.value()


def _made(path: Path, data: bytes, key: str | None, settings: Settings) -> Report:
    """Read a report from its file's bytes and keep it under key (if any): ingest -> outline ->
    quantities."""
    from compare import caches, ingest, outline, quantities

    doc = ingest.read_text(path, settings=settings, data=data)
    report = outline.parse_outline(doc.text, source=doc.source, warnings=doc.warnings)
    report = quantities.attach_metrics(report)
    if key:
        # The report is this call's alone yet: it takes its key as a frozen record's
        # __post_init__ would (its comparisons are kept under it).
        object.__setattr__(report, "key", key)
        caches.keep_report(key, report)
    return report


def kept_report(path: str | Path, *, settings: Settings | None = None) -> Report | None:
    """Return the report an earlier run read from the file's bytes (read_report would take it),
    or None: what needs no reading, found without a process of its own (compare.series)."""
    return _kept_reading(Path(path), settings or Settings())[2]


def _kept_reading(path: Path, settings: Settings) -> tuple[bytes, str | None, Report | None]:
    """Return a file's bytes, the key its report is kept under (None: not kept, see caches),
    and the report kept under it, if any."""
    from compare import caches, ingest

    name, data = ingest.read_input(path, settings=settings)
    key = caches.report_key(name, data, settings)
    return data, key, caches.kept_report(key) if key else None


def compare_reports(old: Report, new: Report, *, settings: Settings | None = None) -> Comparison:
    """Compare two reports: align sections and sentences, diff the text, match the metrics; or
    take the comparison an earlier run made of the same two readings, by the same code and
    settings (compare.caches; only of reports read_report keeps)."""
    from compare import caches

    settings = settings or Settings()
    key, comparison = _kept_comparing(old, new, settings)
    if comparison is None:
        comparison = _compared(old, new, settings)
        if key:
            caches.keep_comparison(key, comparison)
    return comparison


def kept_comparison(
    old: Report, new: Report, *, settings: Settings | None = None
) -> Comparison | None:
    """Return the comparison an earlier run made of these two readings (compare_reports would
    take it), or None."""
    return _kept_comparing(old, new, settings or Settings())[1]


def _kept_comparing(
    old: Report, new: Report, settings: Settings
) -> tuple[str | None, Comparison | None]:
    """Return the key a comparison of two readings is kept under (None: not kept, see caches),
    and the comparison kept under it, if any."""
    from compare import caches

    key = caches.comparison_key(old, new, settings)
    return key, caches.kept_comparison(key) if key else None


def _compared(old: Report, new: Report, settings: Settings) -> Comparison:
    from compare import align, diff, metrics, traditional

    # A Traditional year against a Simplified one is aligned and diffed in one script (衛生 is
    # 卫生), then shown in its own; a Traditional report's figures are matched in Simplified.
    copies = traditional.simplified_copy(old), traditional.simplified_copy(new)
    old_text, new_text = traditional.in_one_script((old, new), copies)
    # The similarity of the two texts' terms needs nothing else: a child counts them meanwhile.
    with in_child(lambda: diff.document_similarity(old_text, new_text)) as similarity:
        sections = align.align_reports(old_text, new_text, settings=settings)
        sections = diff.add_text_diffs(sections)
        carried_over = diff.carried_over(sections)
        if old_text is not old or new_text is not new:
            sections = traditional.given_back(sections, old, new)
        changes = metrics.match_metrics(old, new, sections, settings=settings, copies=copies)
        return Comparison(
            old=old,
            new=new,
            settings=settings,
            sections=sections,
            metrics=changes,
            similarity=similarity.value(),
            carried_over=carried_over,
            warnings=pair_warnings(old_text, new_text),
        )


def pair_warnings(old: Report, new: Report) -> tuple[str, ...]:
    """Say what is odd about comparing these two reports: one file twice, one year twice, the
    later year given first (the changes then run backwards), or two organisations' reports."""
    warnings = []
    if Path(old.source.path).resolve() == Path(new.source.path).resolve():
        warnings.append(f"the old and the new report are one file, {new.source.path}")
    elif old.year is not None and old.year == new.year:
        warnings.append(f"the old and the new report are both the report of {new.year}")
    elif old.year is not None and new.year is not None and old.year > new.year:
        warnings.append(
            f"the old report is of {old.year} and the new of {new.year}, an earlier year: the"
            " changes shown run backwards"
        )
    if not same_organisation(old, new):
        warnings.append(
            f"the two are reports of different organisations: {old.org} (old) and {new.org} (new)"
        )
    return tuple(warnings)
