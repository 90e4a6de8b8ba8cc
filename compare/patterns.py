"""Regular expressions compiled when first used, not when their module is imported.

Python's re compiles a class of Chinese characters by marking each code point in a map (about a
millisecond for [\u4e00-\u9fff]), and the package holds some 320 patterns: compiling them all took
about 0.15 s of every run of the command (0.4 s in all on the seed pair), though a run uses
fewer than half of them (a Chinese report never asks the English patterns, a text file never
the PDF reader's). A pattern made here compiles on its first search, match, sub …, and from then
on answers as the compiled one does.

What compiling makes is kept for the next run, too. re compiles in two steps: its compiler (in
Python) turns a source into a program, a list of integers, and the engine (`_sre.compile`, in C)
takes the program; the first step is the slow one. The programs a run compiles are written, at
its end, to a file in the user's cache folder (compare.caches), named for the Python that made
them, and a later run hands a pattern's program straight to the engine: 0.13 of a 0.46 s run of
`compare 2021 2022`. The engine checks a program before it takes it; a file that cannot be read
is ignored, and a pattern the file lacks is compiled as before (where the file cannot be
written, every run compiles).
"""

from __future__ import annotations

import atexit
import functools
import marshal
import re
import sys
from pathlib import Path
from typing import Any, cast

from compare.caches import cache_folder, locked, write_kept

try:  # re's compiler and engine: what re.compile runs (3.11 to 3.13 alike)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # another Python: every pattern is compiled by re.compile
    _sre = None  # type: ignore[assignment]

# A program kept: what _sre.compile takes after the source (flags, code, groups, their names).
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

# The file of programs; its name changes with the Python that reads it (programs differ).
_MAKER = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0)}"
CACHE_NAME = f"patterns-{_MAKER}.marshal"
# Past this many programs, the file keeps only the last run's (sources of old versions go).
CACHE_LIMIT = 2000

# What a pattern is asked for: the compiled pattern's, set on first use as the object's own.
_ASKED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Compiled:
    """A pattern compiled: the compiled pattern's methods, held in the object's own slots (asking
    for them costs about what asking the compiled pattern does)."""

    __slots__ = ("pattern", "flags", "groups", "groupindex", *_ASKED)
    pattern: str

    def __repr__(self) -> str:
        return f"regex({self.pattern!r})"


class _Pattern(_Compiled):
    """A pattern's source and flags, until one of its methods is first asked for."""

    __slots__ = ()

    def __init__(self, source: str, flags: int) -> None:
        self.pattern = source  # read without compiling: patterns are built from others' sources
        self.flags = flags

    def __getattr__(self, name: str) -> object:
        compiled = compile_cached(self.pattern, self.flags)
        for method in _ASKED:
            setattr(self, method, getattr(compiled, method))
        self.groups, self.groupindex = compiled.groups, compiled.groupindex
        self.__class__ = _Compiled  # type: ignore[assignment]  # no __getattr__ from now on
        return getattr(compiled, name)


def regex(source: str, flags: int = 0) -> re.Pattern[str]:
    """Return source as a pattern compiled when first used (see the module's docstring)."""
    return cast("re.Pattern[str]", _Pattern(source, flags))


def compile_cached(source: str, flags: int = 0) -> re.Pattern[str]:
    """Return source compiled, as re.compile would, from the program kept by an earlier run
    when there is one; else compile it and keep its program for the next run."""
    if _sre is None or flags & re.DEBUG:
        return re.compile(source, flags)
    key = (source, int(flags))
    kept = _kept().get(key)
    if kept is not None:
        try:
            return cast("re.Pattern[str]", _sre.compile(source, *kept))
        except (TypeError, ValueError, RuntimeError, OverflowError):  # not a program: compile
            pass
    try:
        program = _program(source, flags)
        compiled = _sre.compile(source, *program)
    except (AttributeError, TypeError, ValueError, RuntimeError):
        return re.compile(source, flags)  # a Python whose re works otherwise: as re does
    if not _made:
        atexit.register(keep_compiled)
    _made[key] = program
    return cast("re.Pattern[str]", compiled)


def _program(source: str, flags: int) -> Program:
    """Return what re's compiler makes of a source, as re.compile hands it to the engine (a
    source that is no expression raises re.error, as re.compile does)."""
    parsed = _parser.parse(source, flags)
    names = parsed.state.groupdict
    by_number: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        by_number[number] = name
    return (
        int(flags | parsed.state.flags),
        list(map(int, _compiler._code(parsed, flags))),  # its opcodes are named ints
        parsed.state.groups - 1,
        dict(names),
        tuple(by_number),
    )


# The programs this run compiled, written to the cache folder as it ends (keep_compiled), and
# how many of them were written.
_made: dict[tuple[str, int], Program] = {}
_written = 0


@functools.cache
def _kept() -> dict[tuple[str, int], Program]:
    """Return the programs kept by earlier runs (none when the file is missing or unreadable)."""
    folder = cache_folder()
    return _read(folder / CACHE_NAME) if folder is not None else {}


def _read(path: Path) -> dict[tuple[str, int], Program]:
    """Return the programs in path, or none if it cannot be read as such."""
    try:  # marshal.load would read a file in small pieces: ten times as long
        found: Any = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def keep_compiled() -> None:
    """Add the programs this process compiled to the file (merged with what others' runs wrote
    meanwhile), atomically, if it compiled any since it last did.

    A run does at its end; a worker of a process pool, which ends without running what atexit
    holds, after each task (compare.series.run_pool).
    """
    global _written
    folder = cache_folder()
    if folder is None or len(_made) == _written:
        return
    _written = len(_made)
    path = folder / CACHE_NAME
    with locked(folder, CACHE_NAME):  # no other process writes between the reading and writing
        programs = _read(path)
        if len(programs) + len(_made) > CACHE_LIMIT:
            programs = {}
        programs.update(_made)
        # Not written (a read-only folder, a full disk, a program marshal refused): the next
        # run compiles again.
        write_kept(folder, CACHE_NAME, functools.partial(marshal.dump, programs))
