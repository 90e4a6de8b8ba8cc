"""Year or path -> report file, in a folder of reports (by default the project's seeds/).

A file belongs to a year by the year in its file name, else by the year in its title line.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from compare.errors import CompareError, ReportNotFound, UnreadableInput, UsageError
from compare.model import STDIN
from compare.patterns import regex

SUFFIXES = {
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".mht",
    ".mhtml",
    ".pdf",
    ".docx",
    ".doc",
    ".odt",
    ".rtf",
}
YEAR_IN_NAME = regex(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
YEAR_ARG = regex(r"^\d{4}$")


def year_in_name(name: str) -> int | None:
    """Return the first year a file name gives (shaoxing-2021.txt, 2021年工作总结-2022年1月.pdf:
    2021), else None: the year a library files it under, and a report's year when its text
    names none."""
    match = YEAR_IN_NAME.search(name) or _DATE_STAMP.search(name)
    return int(match.group(1)) if match else None


# A date written into a file name, as scanners and mail attachments stamp them: 20220115_…,
# 2022-01-15, 2022.01.15 (the year of 20220115, which YEAR_IN_NAME does not take apart).
_DATE_STAMP = regex(
    r"(?<!\d)(19[5-9]\d|20\d\d)[-._]?(?:0[1-9]|1[0-2])[-._]?(?:[0-2]\d|3[01])(?!\d)"
)


def org_in_name(stem: str, org: str) -> str:
    """Return an organisation read from a file's name (`stem`) as a title is read, without the
    dates, version marks and separators around it ("20210115_" of 20210115_工作总结, "2020-" of
    2020-2021学年总结, "v2.0" of "v2.0 2021 总结"): "" when nothing of a name is left."""
    org = _NAME_JUNK.sub("", org)
    return org if re.search(r"[\u4e00-\u9fff]|[A-Za-z]{2}", org) else ""


_NAME_JUNK = regex(r"^(?:[vV]\d[\d.]*|[\d\W_])+|(?:[vV]\d[\d.]*|[\d\W_])+$")


_YEAR_AND_MARK = regex(YEAR_IN_NAME.pattern + "(?:年度|年)?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One report file of a library, with the organisation and year it was filed under."""

    path: Path
    org: str
    year: int | None
    # The organisation is the file name's (a Word, PDF, HTML or RTF file's title is not read
    # when the library is scanned): read the title when organisations are to be told apart.
    org_from_name: bool = False
    # Why the file cannot be opened ("Permission denied"), "" when it can: its organisation and
    # year are then its name's alone, which may not be the ones its title names.
    unreadable: str = ""

    def describe(self) -> str:
        """Return "2021 绍兴市教育局 (seeds/x.txt)" for listings in error messages."""
        year = self.year if self.year is not None else "????"
        return f"{year} {self.org or '(organisation unknown)'} ({self.path.name})"


def default_library() -> Path:
    """Return the library folder: $COMPARE_LIBRARY, ./seeds, or the project's own seeds/."""
    env = os.environ.get("COMPARE_LIBRARY")
    if env:
        return Path(env)
    here = Path("seeds")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[1] / "seeds"


_TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
# Files whose opening is read when the library is scanned: for a text file's title, and to
# tell compare's own pages and Markdown from reports (see _made_by_compare)
_HEAD_READ = _TEXT_SUFFIXES | {".html", ".htm"}
HEAD_BYTES = 4096

# compare's own outputs, which a library folder may come to hold (`compare 2021 2022 -o
# seeds/`): the page names its generator in its <head>; the Markdown opens with the pair's
# name and years, then its table of the two reports. Taken for reports, they made a year
# ambiguous ("2 reports for 2021") and a second organisation ("绍兴市教育局-vs").
_OWN_PAGE = re.compile(rb'<meta name="generator" content="compare ')
_OWN_MARKDOWN = re.compile(r"# [^\n]*: [^\n]* → [^\n]*\n\n\| \| Old \(".encode())


def _head(path: Path) -> bytes:
    """Return a file's opening bytes (empty when they are not looked at); raise OSError when
    the file cannot be opened."""
    with path.open("rb") as handle:
        return handle.read(HEAD_BYTES) if path.suffix.lower() in _HEAD_READ else b""


def _made_by_compare(head: bytes) -> bool:
    """Tell whether a file's opening is that of a page or Markdown file compare wrote."""
    return bool(_OWN_PAGE.search(head) or _OWN_MARKDOWN.match(head))


def _decoded_head(head: bytes, path: Path) -> str | None:
    """Return a text file's opening as text, with BOMs (one or more) left out, or None.

    UTF-8 with a few bad places (a character the read cut in two, a stray byte: as \ufffd);
    else as reading the whole file would tell its encoding (GBK, Big5, UTF-16: see
    ingest.decode_bytes, imported only then). UTF-8 read with its errors ignored had turned a
    GBK file's title to noise, so the file was filed under its name's words."""
    text = head.decode("utf-8", errors="replace")
    if text.count("\ufffd") > _HEAD_ERRORS:
        from compare.ingest import decode_bytes

        try:
            text = decode_bytes(head, path=path)[0]
        except CompareError:
            return None
    return text.lstrip("\ufeff")


# Bad places a UTF-8 opening may hold and still be read as UTF-8.
_HEAD_ERRORS = 3


def _title_of(path: Path, head: bytes) -> tuple[str, int | None]:
    """Return (org, year) from the opening lines of a text file (its title line, or the title
    after an official document's cover), or ("", None)."""
    if path.suffix.lower() not in _TEXT_SUFFIXES or not head:
        return "", None
    text = _decoded_head(head, path)
    if text is None:
        return "", None
    if path.suffix.lower() in (".md", ".markdown"):  # its front matter and comments are no title
        from compare.ingest import read_markdown, without_front_matter

        text = read_markdown(without_front_matter(text))
    return _opening_org_year(text)


def _opening_org_year(text: str) -> tuple[str, int | None]:
    """Return the organisation and year a report's text names in its opening lines."""
    from compare.outline import COVER_PARAGRAPHS_CN, opening_org_year

    lines = (line.strip() for line in text.splitlines())
    return opening_org_year(list(itertools.islice(filter(None, lines), COVER_PARAGRAPHS_CN)))


def scan_library(folder: Path) -> tuple[Entry, ...]:
    """List the report files of a folder with their organisation and year, sorted by year."""
    if not folder.is_dir():
        raise ReportNotFound(f"{folder}: no such library folder")
    entries = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUFFIXES or not path.is_file() or path.name.startswith("."):
            continue
        try:
            head, unreadable = _head(path), ""
        except OSError as exc:
            head, unreadable = b"", str(exc.strerror or exc)
        if _made_by_compare(head):
            continue
        org, title_year = _title_of(path, head)
        year = year_in_name(path.stem)
        if year is None:
            year = title_year
        entries.append(
            Entry(
                path=path,
                org=org or org_from_name(path),
                year=year,
                org_from_name=not org and path.suffix.lower() not in _TEXT_SUFFIXES,
                unreadable=unreadable,
            )
        )
    return tuple(sorted(entries, key=lambda e: (e.year or 0, e.org, e.path.name)))


def org_from_name(path: Path) -> str:
    """Return the file name without its year (and the 年 or 年度 after it), as a fallback
    organisation: 2022年政府工作报告.pdf -> 政府工作报告."""
    stem = _YEAR_AND_MARK.sub("", path.stem)
    return re.sub(r"[-_ ]+", "-", stem).strip("-")


def _available(entries: tuple[Entry, ...]) -> str:
    return "; ".join(e.describe() for e in entries) or "none"


def find_report(arg: str, *, library: Path, org: str | None = None) -> Path:
    """Resolve a year ("2021") or a path to one report file.

    Raises ReportNotFound for a missing file or year, UsageError when a year is ambiguous.
    """
    if arg == STDIN:
        return Path(STDIN)  # read by ingest.read_text
    if not YEAR_ARG.match(arg):
        path = Path(arg)
        if not path.exists():
            raise ReportNotFound(f"{arg}: no such file (and not a year like 2021)")
        return path
    entries = scan_library(library)
    chosen = [e for e in entries if e.year == int(arg)]
    if org:
        chosen = [e for e in chosen if org in e.org or org in e.path.name]
    if not chosen:
        which = f" for {org}" if org else ""
        raise ReportNotFound(
            f"{library}: no report for {arg}{which}; available: {_available(entries)}"
        )
    if len(chosen) > 1:
        # --org picks among organisations; one organisation's two files of a year (a draft
        # beside the final) are told apart only by their paths.
        orgs = {e.org for e in chosen}
        if len(orgs) == len(chosen) and not org:
            how = "pick one with --org"
        elif len(orgs) > 1 and not org:
            how = "pick one with --org, or give the one you mean as a path"
        else:
            how = "give the one you mean as a path"
        raise UsageError(
            f"{library}: {len(chosen)} reports for {arg} ({_available(tuple(chosen))}); {how}"
        )
    return chosen[0].path


def _with_title_read(entry: Entry) -> Entry:
    """Return an entry whose organisation was its file name's with the one its title names, read
    from the whole file (a Word, PDF, HTML or RTF file); as it was when the file cannot be read
    or its title names none."""
    from compare import ingest
    from compare.errors import CompareError
    from compare.settings import Settings

    try:
        text = ingest.read_text(entry.path, settings=Settings()).text
    except CompareError:
        return entry
    org, _ = _opening_org_year(text)
    return dataclasses.replace(entry, org=org, org_from_name=False) if org else entry


def reports_of(library: Path, *, org: str | None = None) -> tuple[Entry, ...]:
    """Return the dated reports of one organisation (the only one, or the one --org names).

    A Word, PDF, HTML or RTF file's title is read only when the organisations the file names
    give would not do: more than one, or none that --org names. A file that cannot be opened
    raises UnreadableInput, as reading it would: whose and of which year it is are not known
    (a text file unread was filed by its name under an organisation of its own, and the series
    asked for --org).
    """
    scanned = scan_library(library)
    for entry in scanned:
        if entry.unreadable:
            raise UnreadableInput(f"{entry.path}: cannot be read ({entry.unreadable})")
    entries = tuple(e for e in scanned if e.year is not None)
    if any(e.org_from_name for e in entries) and (org or len({e.org for e in entries}) > 1):
        entries = tuple(_with_title_read(e) if e.org_from_name else e for e in entries)
    if org:
        entries = tuple(e for e in entries if org in e.org or org in e.path.name)
    orgs = sorted({e.org for e in entries})
    if len(orgs) > 1:
        # Each organisation with its files: one unknown has no name to pick, but its files do.
        files = {org: ", ".join(e.path.name for e in entries if e.org == org) for org in orgs}
        listed = "; ".join(f"{org or '(organisation unknown)'}: {files[org]}" for org in orgs)
        raise UsageError(
            f"{library}: reports of {len(orgs)} organisations ({listed}); pick one with --org "
            "(a name or part of a file name), or name the reports"
        )
    if not entries:
        raise ReportNotFound(f"{library}: no dated reports{f' for {org}' if org else ''}")
    return entries
