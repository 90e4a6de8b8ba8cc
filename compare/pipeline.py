"""The stages wired together: path -> Report, and Report x Report -> Comparison.

The only module that knows the order of the stages; cli.py calls these two functions.
"""

from __future__ import annotations

from pathlib import Path

from compare.model import Report
from compare.settings import Settings


def read_report(path: str | Path, *, settings: Settings | None = None) -> Report:
    """Read one report file into a Report: ingest -> outline -> quantities."""
    from compare import ingest, outline, quantities

    settings = settings or Settings()
    doc = ingest.read_text(Path(path), settings=settings)
    report = outline.parse_outline(doc.text, source=doc.source, warnings=doc.warnings)
    return quantities.attach_metrics(report)
