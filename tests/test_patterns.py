"""patterns: regular expressions compiled when first used, answering as compiled ones do."""

from __future__ import annotations

import re
import subprocess
import sys

from compare.patterns import regex


def test_a_pattern_answers_as_the_compiled_one() -> None:
    text = "新建学校20所，新增绿地30公顷。"
    source = r"(新[建增])([\u4e00-\u9fff]{2})(\d+)"
    lazy, compiled = regex(source), re.compile(source)
    assert lazy.pattern == source  # before it is compiled: patterns are built from sources
    assert lazy.search(text).group(2) == compiled.search(text).group(2) == "学校"  # type: ignore[union-attr]
    assert lazy.findall(text) == compiled.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub(r"\3", text) == compiled.sub(r"\3", text)
    assert lazy.split(text) == compiled.split(text)
    assert lazy.fullmatch("新建学校5") and lazy.match(text) and not lazy.match("。" + text)
    assert lazy.groups == 3
    assert regex("a", re.IGNORECASE).match("A")
    assert "学校" in repr(regex("学校"))


def test_reading_the_package_compiles_no_pattern_until_one_is_used() -> None:
    """Compiling the package's some 320 patterns took about 0.15 s of every run of `compare`
    (0.4 s in all on the seed pair), though a run uses fewer than half of them."""
    code = (
        "import re._compiler as c, sys\n"
        "ours = []\n"
        "compile = c.compile\n"
        "def counted(p, flags=0):\n"
        "    frame = sys._getframe(1)\n"
        "    while frame and '/re/' in frame.f_code.co_filename:\n"
        "        frame = frame.f_back\n"
        "    if frame and '/compare/' in frame.f_code.co_filename and isinstance(p, str):\n"
        "        ours.append(p)\n"
        "    return compile(p, flags)\n"
        "c.compile = counted\n"
        "import compare.pipeline, compare.metrics, compare.align, compare.diff, compare.render\n"
        "import compare.readers, compare.check, compare.series, compare.cli\n"
        "print(len(ours))\n"
    )
    made = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert int(made) == 0


def test_every_pattern_of_the_package_compiles() -> None:
    """A pattern no longer compiles when its module is imported: one that a run seldom asks for
    (a PDF reader's, an English filing's) must still be a valid expression."""
    import importlib
    import pkgutil

    import compare
    from compare.patterns import _Compiled

    seen = 0
    for module in pkgutil.iter_modules(compare.__path__):
        for value in vars(importlib.import_module(f"compare.{module.name}")).values():
            if isinstance(value, _Compiled):
                re.compile(value.pattern, value.flags)
                seen += 1
    assert seen > 300
