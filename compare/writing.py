"""Write outputs atomically: a temp file in the target folder, then a rename.

A failed run leaves no half-written file; '-' means standard output. A device or a pipe
(/dev/stdout, a shell's >(jq .)) is written straight to, and a symbolic link's file is replaced,
not the link. The text may come as one
string or as chunks written while they are made (a big report need not be held whole).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click

from compare.errors import OutputError

# What an output does with a character UTF-8 cannot encode: a file name that is not UTF-8
# (bad\xff.txt) is held as a lone surrogate (\udcff, Python's way), and is written as its
# escape: valid JSON (read back, the very name), and legible in a page.
UNENCODABLE = "backslashreplace"

# What standard output is called in an error (as "<stdin>" is for standard input)
STDOUT_NAME = "<stdout>"

# An output's text: whole, or chunks written while they are made.
Text = str | Iterable[str]


def write_output(path: str | Path, text: str | Iterable[str]) -> None:
    """Write text or text chunks to path atomically (creating its folder), or stdout for '-'.

    When the chunks fail half-way (an error raised while making them), the temp file is removed
    and the error raised again: the target is left as it was. Standard output cannot be taken
    back, so there a failure leaves what was written.
    """
    write_outputs([(path, lambda: text)])


def write_outputs(outputs: Iterable[tuple[str | Path | None, Callable[[], Text]]]) -> None:
    """Write each output (path, a function making its text; None: not asked for) all or none.

    Each file is written to a temp file beside it, and the temp files take their targets' names
    only once every output is made: a run that fails on its third output (`--md /dev/full`, an
    error while making it, SIGTERM) leaves none of the run's files, not the first two beside an
    older report. Standard output, a device or a pipe is written through when its turn comes.
    """
    staged: list[tuple[Path, Path]] = []  # (temp file, target)
    try:
        for path, make in outputs:
            if path is None:
                continue
            chunks = _chunks(make())
            if str(path) == "-":
                with _stdout_errors():
                    for chunk in chunks:
                        _write_stdout(chunk)
                    sys.stdout.flush()
            elif _is_stream(Path(path)):
                _write_through(Path(path), chunks)
            else:
                staged.append(_stage(Path(path), chunks))
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise


def _chunks(text: Text) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def _stage(target: Path, chunks: Iterable[str]) -> tuple[Path, Path]:
    """Write the chunks to a temp file in target's folder (made if missing); return the temp
    file and the file it is to replace (a symbolic link's file: the link is kept)."""
    if target.is_symlink():
        target = target.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    tmp = Path(name)
    try:
        # mkstemp makes the file readable by its owner only; give it the mode a plain write
        # would (the umask's), or keep the mode of the file it replaces.
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", errors=UNENCODABLE, newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, target


def check_outputs(outputs: Iterable[str | None], inputs: Iterable[str | Path]) -> None:
    """Raise OutputError, before anything is written, when the outputs cannot all be written
    as asked:
    - one would replace a file the run reads (by any name: a link to it, ./name): inputs are
      never modified (`compare old.txt new.txt -o old.txt` had written the page over old.txt);
    - two are one file (`-o same.out --json same.out`: the page had replaced the JSON); not a
      device or a pipe, which each is written through (`--json /dev/null --md /dev/null`);
    - one is the folder another goes in (`--json out -o out/`: the JSON was written as the file
      `out`, then the page failed, leaving the run half done);
    - a folder on an output's path is a file (`-o notes.md/page.html`).
    """
    given = [output for output in outputs if output is not None and output != "-"]
    read = {_identity(path) for path in inputs} - {None}
    seen: dict[str, str] = {}
    for output in given:
        if _identity(output) in read:
            raise OutputError(f"{output}: is a report this run reads; write to another path")
        if (blocking := _file_on_the_way(Path(output))) is not None:
            raise OutputError(f"{output}: cannot write here ({blocking} is a file, not a folder)")
        if _is_stream(Path(output)):
            continue
        where = os.path.realpath(output)
        if where in seen:
            raise OutputError(f"{output}: given for two outputs; give each its own path")
        seen[where] = output
    for where, output in seen.items():
        for other_where, other in seen.items():
            if other_where.startswith(where + os.sep):
                raise OutputError(
                    f"{output}: given for an output and as the folder of {other}; "
                    "give each its own path"
                )


def _file_on_the_way(path: Path) -> Path | None:
    """Return the nearest folder of path that exists as something other than a folder, if any."""
    for folder in path.parents:
        if folder.exists():
            return None if folder.is_dir() else folder
    return None


def _identity(path: str | Path) -> tuple[int, int] | None:
    """Return (device, inode) of the regular file at path, links followed, or None."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):  # missing, unreadable, or a name with a NUL byte
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISREG(found.st_mode) else None


def say(text: str, *, nl: bool = True) -> None:
    """Print text on standard output (as click.echo does); raise OutputError when it cannot be
    written (`compare 2021 2022 > /dev/full`, a full disk behind `>`)."""
    with _stdout_errors():
        click.echo(text, nl=nl)


@contextlib.contextmanager
def _stdout_errors() -> Iterator[None]:
    """Turn a failed write to standard output into an OutputError naming it.

    A closed pipe (`compare … --json - | head`) is left to click, which ends the run quietly
    (exit 1), as other commands do when what reads them has stopped.
    """
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise
        raise OutputError(f"{STDOUT_NAME}: cannot write ({exc.strerror or exc})") from None


def _write_stdout(chunk: str) -> None:
    """Write to standard output as it is set up, escaping what its encoding cannot hold."""
    try:
        sys.stdout.write(chunk)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write(chunk.encode(encoding, UNENCODABLE).decode(encoding))


def _is_stream(target: Path) -> bool:
    """Tell whether target is no regular file but a device, a pipe or a socket (/dev/stdout,
    a shell's >(jq .)): renaming a temp file over it would replace it, not write to it."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_through(target: Path, chunks: Iterable[str]) -> None:
    """Write the chunks straight to a device or pipe: there is no rename to make it atomic."""
    try:
        with target.open("w", encoding="utf-8", errors=UNENCODABLE, newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None


def _mode_for(target: Path) -> int:
    """Return the permission bits for a file written to target."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:  # a new file (or one we cannot stat): what open() would give it
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
