"""The folder where a run keeps what the next run can reuse: compiled templates (render),
compiled regular expressions (patterns), the reports it read and the comparisons it made
(pipeline's read_report and compare_reports).

It is <temp folder>/compare-<user id>, made readable and writable by its owner only, or the
folder $COMPARE_CACHE_DIR names (a CI job that keeps it between jobs starts warm: its runs
compile no pattern or template), which others may read but not write to. Where no such folder
can be had (another user's folder of that name, a read-only temp folder), there is none, and
every run compiles, reads and compares anew: caching costs speed only, never a result.

A report read is kept under a key of everything its reading depends on: the file's bytes and
the name it was given by, the settings, and the code that reads it (the package's files, the
Python, the installed distributions and their versions); the report holds its key
(Report.key). A comparison is kept under a key of its two reports' keys and the settings.
Change any and the work is done anew: what is kept is never used for another input or by
another version of the code.
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from compare.collector import collector_paused

if TYPE_CHECKING:
    from compare.model import Comparison, Report
    from compare.settings import Settings

# Reports and comparisons kept at most, and their files' bytes together: past either, the least
# recently used go. An input larger than LARGEST_KEPT (three times the corpus's largest, a 10-K)
# is read every time, and its comparisons made every time: its report's file would be three
# times its size, and writing it would cost the first run a sixth of reading it (x100 the seed:
# 0.2 s a year).
KEPT = 64
BYTES_KEPT = 256 << 20
LARGEST_KEPT = 1 << 20


# The variable naming a cache folder of the user's choice (see the module's text).
CACHE_DIR_VARIABLE = "COMPARE_CACHE_DIR"


@functools.cache
def cache_folder() -> Path | None:
    """Return the user's cache folder, made if missing, or None where it is not safely ours."""
    owner = os.getuid() if hasattr(os, "getuid") else None
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen:
        folder = Path(chosen).expanduser()
    else:
        folder = Path(tempfile.gettempdir()) / f"compare-{owner if owner is not None else 'cache'}"
    try:
        folder.mkdir(mode=stat.S_IRWXU, parents=bool(chosen))
    except FileExistsError:
        pass  # made by an earlier run (or planted: checked below)
    except OSError:
        return None
    try:
        # In the shared temp folder, a symbolic link planted in its place is not followed.
        found = folder.stat() if chosen else folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode):
        return None
    # Another user's, or one others may write to: what it holds is not trusted. The temp
    # folder's must be the owner's alone (what it keeps is the reports read); a folder the user
    # chose may be readable by others (made by a CI cache's restore, or mkdir -p).
    others = 0o022 if chosen else 0o077
    if owner is not None and (found.st_uid != owner or stat.S_IMODE(found.st_mode) & others):
        return None
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
    except BaseException:  # interrupted or terminated (compare.cli) while writing
        Path(temp).unlink(missing_ok=True)
        raise
    return True


@contextlib.contextmanager
def locked(folder: Path, name: str) -> Iterator[None]:
    """Hold an exclusive lock on folder/.<name>.lock during the block, so that processes that
    read a file, merge what they add and write it again (patterns.keep_compiled: a pool's
    workers, forked children, other runs) do it one at a time. Where the system has no such
    lock (fcntl: not on Windows) or the lock file cannot be made, the block runs unlocked: a
    lost addition costs speed only. The lock ends with the process that holds it."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with contextlib.ExitStack() as held:
        try:
            handle = held.enter_context(open(folder / f".{name}.lock", "ab"))
        except OSError:  # a read-only folder: unlocked
            handle = None
        if handle is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def report_key(name: str, data: bytes, settings: Settings) -> str | None:
    """Return the key a report read from these bytes is kept under (see the module's text), or
    None: an input over LARGEST_KEPT, or the package's own files unread (run from a zip)."""
    code = _code_stamp()
    if code is None or len(data) > LARGEST_KEPT:
        return None
    return _digest(code, name, _settings_text(settings), data=data)


def comparison_key(old: Report, new: Report, settings: Settings) -> str | None:
    """Return the key a comparison of two reports is kept under: of their readings' keys and
    the settings; None unless both were read by read_report and are kept (Report.key)."""
    if not old.key or not new.key:
        return None
    return _digest(old.key, new.key, _settings_text(settings))


def _digest(*parts: str, data: bytes = b"") -> str:
    """Return the hex digest of texts (each ended by a NUL: none runs into the next) and bytes."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def _settings_text(settings: Settings) -> str:
    return repr(sorted(settings.as_dict().items()))


def kept_report(key: str) -> Report | None:
    """Return the report kept under key by an earlier run, or None (none kept, or unreadable)."""
    from compare.model import Report

    found = _kept(f"report-{key}.pickle")
    return found if isinstance(found, Report) else None


def keep_report(key: str, report: Report) -> None:
    """Keep a report for the next run that reads it (see kept_report)."""
    _keep(f"report-{key}.pickle", report)


def kept_comparison(key: str) -> Comparison | None:
    """Return the comparison kept under key by an earlier run, or None."""
    from compare.model import Comparison

    found = _kept(f"comparison-{key}.pickle")
    return found if isinstance(found, Comparison) else None


def keep_comparison(key: str, comparison: Comparison) -> None:
    """Keep a comparison for the next run that compares the same two readings."""
    _keep(f"comparison-{key}.pickle", comparison)


def _kept(name: str) -> object:
    """Return what the cache folder keeps under name, or None (none kept, or unreadable)."""
    folder = cache_folder()
    if folder is None:
        return None
    path = folder / name
    try:
        with collector_paused():  # a report or comparison: many objects, but no cycles
            found = pickle.loads(path.read_bytes())
    except Exception:  # missing, cut short, or not a pickle of this code's: the work is done anew
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longest
    return found


def _keep(name: str, record: object) -> None:
    """Keep a record in the cache folder, and let the least recently used go past KEPT or
    BYTES_KEPT."""
    folder = cache_folder()
    if folder is not None and write_kept(
        folder, name, lambda f: pickle.dump(record, f, protocol=5)
    ):
        _forget_old(folder)


def _forget_old(folder: Path) -> None:
    kept = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".pickle"):
                    found = entry.stat(follow_symlinks=False)
                    kept.append((found.st_mtime_ns, found.st_size, entry.path))
    except OSError:
        return
    kept.sort(reverse=True)  # most recently used first
    total = 0
    for count, (_, size, path) in enumerate(kept, start=1):
        total += size
        if count > KEPT or total > BYTES_KEPT:
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
