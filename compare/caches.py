"""The folder where a run keeps what the next run can reuse: compiled templates (render) and
compiled regular expressions (patterns).

It is <temp folder>/compare-<user id>, made readable and writable by its owner only. Where no
such folder can be had (another user's folder of that name, a read-only temp folder), there is
none, and every run compiles what it needs: caching costs speed only, never a result.
"""

from __future__ import annotations

import functools
import os
import stat
import tempfile
from pathlib import Path


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
