"""Write outputs atomically: a temp file in the target folder, then a rename.

A failed run leaves no half-written file; '-' means standard output.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from compare.errors import OutputError


def write_output(path: str | Path, text: str) -> None:
    """Write text to path atomically (creating its folder), or to stdout when path is '-'."""
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
