"""The folder where a run keeps what the next run can reuse: compiled templates (render),
compiled regular expressions (patterns) and the reports it read (read_report's Reports).

It is <temp folder>/compare-<user id>, made readable and writable by its owner only. Where no
such folder can be had (another user's folder of that name, a read-only temp folder), there is
none, and every run compiles and reads what it needs: caching costs speed only, never a result.

A report read is kept under a key of everything its reading depends on: the file's bytes and
the name it was given by, the settings, and the code that reads it (the package's files, the
Python, the installed distributions and their versions). Change any and the report is read
again; a kept report is never used for another input or by another version of the code.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from compare.collector import collector_paused

if TYPE_CHECKING:
    from compare.model import Report
    from compare.settings import Settings

# Reports kept at most, and their files' bytes together: past either, the least recently used
# go. An input larger than LARGEST_KEPT (three times the corpus's largest, a 10-K) is read every
# time: its report's file would be three times its size, and writing it would cost the first
# run a sixth of reading it (x100 the seed: 0.2 s a year).
REPORTS_KEPT = 64
REPORT_BYTES_KEPT = 256 << 20
LARGEST_KEPT = 1 << 20


@functools.cache
def cache_folder() -> Path | None:
    """Return the user's cache folder, made if missing, or None where it is not safely ours."""
    owner = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / f"compare-{owner if owner is not None else 'cache'}"
    try:
        folder.mkdir(mode=stat.S_IRWXU)
    except FileExistsError:
        pass  # made by an earlier run (or planted: checked below)
    except OSError:
        return None
    try:
        found = folder.lstat()  # lstat: a symbolic link planted in its place is not followed
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode):
        return None
    if owner is not None and (found.st_uid != owner or stat.S_IMODE(found.st_mode) & 0o077):
        return None  # another user's, or one others may write to: what it holds is not trusted
    return folder


def write_kept(folder: Path, name: str, dump: Callable[[IO[bytes]], object]) -> bool:
    """Write a file of the cache folder through dump, atomically (a temp file renamed over it),
    and say whether it was written: silently not when it cannot be (a full disk)."""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    except OSError:  # a read-only folder: the next run does the work again
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            dump(handle)
        os.replace(temp, folder / name)
    except Exception:  # a full disk, or what was to be kept could not be written: as above
        Path(temp).unlink(missing_ok=True)
        return False
    return True


def report_key(name: str, data: bytes, settings: Settings) -> str | None:
    """Return the key a report read from these bytes is kept under (see the module's text), or
    None where the package's own files cannot be read (run from a zip): no report is kept."""
    code = _code_stamp()
    if code is None:
        return None
    digest = hashlib.blake2b(digest_size=20)
    for part in (code, name, repr(sorted(settings.as_dict().items()))):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def kept_report(key: str) -> Report | None:
    """Return the report kept under key by an earlier run, or None (none kept, or unreadable)."""
    from compare.model import Report

    folder = cache_folder()
    if folder is None:
        return None
    path = folder / _report_name(key)
    try:
        with collector_paused():  # a report holds many objects, but no cycles
            found = pickle.loads(path.read_bytes())
    except Exception:  # missing, cut short, or not a pickle of this code's: read the file
        return None
    if not isinstance(found, Report):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longest
    return found


def keep_report(key: str, report: Report, size: int) -> None:
    """Keep a report read from an input of size bytes for the next run (not a large one's), and
    let the least recently used go past REPORTS_KEPT or REPORT_BYTES_KEPT."""
    folder = cache_folder()
    if folder is None or size > LARGEST_KEPT:
        return
    if write_kept(folder, _report_name(key), lambda f: pickle.dump(report, f, protocol=5)):
        _forget_old_reports(folder)


def _report_name(key: str) -> str:
    return f"report-{key}.pickle"


def _forget_old_reports(folder: Path) -> None:
    kept = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("report-") and entry.name.endswith(".pickle"):
                    found = entry.stat(follow_symlinks=False)
                    kept.append((found.st_mtime_ns, found.st_size, entry.path))
    except OSError:
        return
    kept.sort(reverse=True)  # most recently used first
    total = 0
    for count, (_, size, path) in enumerate(kept, start=1):
        total += size
        if count > REPORTS_KEPT or total > REPORT_BYTES_KEPT:
            with contextlib.suppress(OSError):  # gone already: another run let it go
                os.unlink(path)


@functools.cache
def _code_stamp() -> str | None:
    """Return what names the code that reads a report: the Python, a digest of the package's
    files (their contents: a wheel's files may all bear one time) and the installed
    distributions (a *.dist-info folder names its version). About 3 ms, once a run. None when
    the package's modules cannot be read as files (a zip): its version could not be told."""
    package = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=20)
    modules = 0
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = Path(folder, name)
            digest.update(str(path.relative_to(package)).encode("utf-8", "surrogatepass"))
            try:
                digest.update(path.read_bytes())
            except OSError:
                return None  # a file of the package unread: another version could look the same
            modules += name.endswith(".py")
    if not modules:
        return None
    parts = [sys.version, str(pickle.HIGHEST_PROTOCOL), digest.hexdigest()]
    for entry in sys.path:
        if entry.endswith(("site-packages", "dist-packages")):
            with contextlib.suppress(OSError):
                parts.extend(sorted(n for n in os.listdir(entry) if n.endswith(".dist-info")))
    return "\n".join(parts)
