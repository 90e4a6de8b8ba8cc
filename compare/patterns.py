"""Regular expressions compiled when first used, not when their module is imported.

Python's re compiles a class of Chinese characters by marking each code point in a map (about a
millisecond for [\u4e00-\u9fff]), and the package holds some 320 patterns: compiling them all took
about 0.15 s of every run of the command (0.4 s in all on the seed pair), though a run uses
fewer than half of them (a Chinese report never asks the English patterns, a text file never
the PDF reader's). A pattern made here compiles on its first search, match, sub …, and from then
on answers as the compiled one does.
"""

from __future__ import annotations

import re
from typing import cast

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
        compiled = re.compile(self.pattern, self.flags)
        for method in _ASKED:
            setattr(self, method, getattr(compiled, method))
        self.groups, self.groupindex = compiled.groups, compiled.groupindex
        self.__class__ = _Compiled  # type: ignore[assignment]  # no __getattr__ from now on
        return getattr(compiled, name)


def regex(source: str, flags: int = 0) -> re.Pattern[str]:
    """Return source as a pattern compiled when first used (see the module's docstring)."""
    return cast("re.Pattern[str]", _Pattern(source, flags))
