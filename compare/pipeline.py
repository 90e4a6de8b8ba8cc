"""The stages wired together: path -> Report, and Report x Report -> Comparison.

The only module that knows the order of the stages; cli.py calls these two functions.
"""

from __future__ import annotations

from pathlib import Path

from compare.model import Comparison, Report
from compare.settings import Settings


def read_report(path: str | Path, *, settings: Settings | None = None) -> Report:
    """Read one report file into a Report: ingest -> outline -> quantities."""
    from compare import ingest, outline, quantities

    settings = settings or Settings()
    doc = ingest.read_text(Path(path), settings=settings)
    report = outline.parse_outline(doc.text, source=doc.source, warnings=doc.warnings)
    return quantities.attach_metrics(report)


def compare_reports(old: Report, new: Report, *, settings: Settings | None = None) -> Comparison:
    """Compare two reports: align sections and sentences, diff the text, match the metrics."""
    from compare import align, diff, metrics

    settings = settings or Settings()
    sections = align.align_reports(old, new, settings=settings)
    sections = diff.add_text_diffs(sections)
    changes = metrics.match_metrics(old, new, sections, settings=settings)
    return Comparison(
        old=old,
        new=new,
        settings=settings,
        sections=sections,
        metrics=changes,
        similarity=diff.document_similarity(old, new),
        carried_over=diff.carried_over(sections),
    )
