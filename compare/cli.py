"""argv -> the stages -> files and exit codes. The only module that prints or exits.

Every CompareError becomes one line on stderr and exit code 2 (CompareGroup.invoke); CI findings
from `compare check` exit 1.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from compare import __version__
from compare.errors import CompareError

if TYPE_CHECKING:
    from compare.model import Comparison, Report

DEFAULT_COMMAND = "diff"
SUMMARY_CHANGES = 5  # figures the summary printed after a comparison lists
SUMMARY_AMOUNTS = 3  # ... and sums of money, by the amount they moved


class CompareGroup(click.Group):
    """A group whose default command is `diff`, and that turns every CompareError into one line."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and _is_default(args, self.commands):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CompareError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


# The group's own options: anything else before the years is the default command's.
GROUP_OPTIONS = ("-h", "--help", "--version")


def _is_default(args: list[str], commands: Mapping[str, click.Command]) -> bool:
    """Tell whether args are the default command's: they name no command, and start with a
    year or path (compare 2021 2022) or one of its options (compare --library ~/r 2021 2022)."""
    if not args[0].startswith("-"):
        return True
    return args[0] not in GROUP_OPTIONS and not any(arg in commands for arg in args)


@click.group(cls=CompareGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compare")
def cli() -> None:
    """Compare two years of an annual report.

    \b
    Examples:
      compare 2021 2022                     # two years from the library (default: seeds/)
      compare old.txt new.pdf --json -      # two files, the comparison as JSON on stdout
      compare parse seeds/shaoxing-education-bureau-2021.txt
      compare check 2022 --against 2021 --rules rules.toml
      compare series --all --csv series.csv
    """


class _Given(click.ParamType):
    """A path or a year as given, which may not be empty: in a CI script an unset variable
    (`--json "$OUT"`, `--library "$LIB"`) had the output written into the current folder, or
    the current folder read as the library."""

    def __init__(self, inner: click.ParamType = click.STRING) -> None:
        self.inner = inner
        self.name = inner.name

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("an empty path (an unset variable?)", param, ctx)
        return self.inner.convert(value, param, ctx)


GIVEN = _Given()

library_option = click.option(
    "--library",
    type=_Given(click.Path(path_type=Path, file_okay=False)),
    envvar="COMPARE_LIBRARY",
    help="Folder of reports that years are looked up in (default: seeds/; env COMPARE_LIBRARY).",
)
org_option = click.option("--org", help="Organisation to pick when the library holds several.")


def _library(library: Path | None) -> Path:
    from compare.library import default_library

    return library if library is not None else default_library()


# A title can be a long first line; a file name holds at most 255 bytes (85 CJK characters).
SLUG_LIMIT = 60


def _slug(text: str) -> str:
    """Return text made safe as part of a file name, at most SLUG_LIMIT characters."""
    return re.sub(r"[\s/\\:*?\"<>|]+", "-", text)[:SLUG_LIMIT].strip("-") or "report"


# A file name holds at most 255 bytes, and an output's temp file adds 14 (.<name>.xxxxxxxx.tmp).
NAME_BYTES = 255 - 14


def _file_name(name: str, suffix: str) -> str:
    """Return name + suffix, the name cut short (at a character) to fit in NAME_BYTES: two
    reports named by long file names without years had made a name of 540 bytes, refused."""
    while name and len(f"{name}{suffix}".encode("utf-8", "surrogateescape")) > NAME_BYTES:
        name = name[:-1]
    return f"{name.rstrip('-')}{suffix}"


def _one_to_stdout(**outputs: str | None) -> None:
    """Refuse two outputs on standard output: `--json - --md -` wrote the JSON and then the
    Markdown, which no reader of either can take apart (`| jq` failed)."""
    named = [f"--{name}" for name, path in outputs.items() if path == "-"]
    if len(named) > 1:
        raise click.UsageError(
            f"only one output can be '-' (standard output); {' and '.join(named)} both are"
        )


def _report_stem(report: Report) -> str:
    """Return the name a report's own outputs take in a folder: <org>-<year>, else its file's."""
    return _slug(f"{report.org or _file_org(report)}-{report.year or ''}".strip("-"))


def _file_org(report: Report) -> str:
    """Return what names a report that names no organisation: its file's name without the year
    (report-2021.txt -> report; outputs had been named report-2021-2021.json)."""
    from compare.library import org_from_name

    return org_from_name(Path(report.source.path)) or "report"


def _into_folder(path: str | None, name: str, suffix: str) -> str | None:
    """Return where an output goes: a folder given (one that exists, or any path ending in a
    slash, made if need be) gets the output's usual name in it (`name` and `suffix`: out/ ->
    out/绍兴市教育局-2021-vs-2022.html); any other path as given."""
    if path is None or path == "-":
        return path
    if not path.endswith(("/", os.sep)) and not Path(path).is_dir():
        return path
    return str(Path(path) / _file_name(name, suffix))


@cli.command()
@click.argument("file", type=GIVEN)
@library_option
@org_option
@click.option(
    "--json",
    "json_path",
    type=GIVEN,
    metavar="PATH",
    help="Write the model as JSON ('-': stdout; a folder: <org>-<year>.json in it).",
)
def parse(file: str, library: Path | None, org: str | None, json_path: str | None) -> None:
    """Read FILE (a path, or a year in the library) and print its outline: numbered headings
    with sentence and metric counts.

    A FILE of '-' is the report piped into standard input.

    \b
    Examples:
      compare parse seeds/shaoxing-education-bureau-2021.txt
      compare parse 2021
      compare parse report.pdf --json report.json
      pdftotext report.pdf - | compare parse -
    """
    from compare.export import json_chunks, render_outline, report_to_json
    from compare.library import find_report
    from compare.pipeline import read_report
    from compare.writing import check_outputs, say, write_output

    path = find_report(file, library=_library(library), org=org)
    report = read_report(path)
    json_path = _into_folder(json_path, _report_stem(report), ".json")
    check_outputs([json_path], [path])
    if json_path is not None:
        write_output(json_path, json_chunks(report_to_json(report)))
        if json_path == "-":
            return
    say(render_outline(report), nl=False)
    _warn(report)
    _warn_asked((file, report))


def _warn(*reports: Report, said: Collection[str] = ()) -> None:
    """Say on stderr what reading the reports guessed or set aside (a second rendition, no
    headings, a table of contents dropped), each line once (one file given twice is read
    twice), but what was `said` already (check's findings)."""
    lines = dict.fromkeys(
        f"Warning: {report.source.path}: {warning}"
        for report in reports
        for warning in report.warnings
        if warning not in said
    )
    for line in lines:
        click.echo(line, err=True)


def _warn_asked(*asked: tuple[str | None, Report | None]) -> None:
    """Say on stderr when a year asked of the library found a file (by the year in its name)
    whose report reads as another year's: `compare 2021 2022` showing 2020 -> 2021 says why.
    Each pair is (the argument, the report read for it); None where there is none."""
    _warn_years((arg, r.source.path, r.year) for arg, r in asked if arg and r is not None)


def _warn_years(found: Iterable[tuple[str, str, int | None]]) -> None:
    """Say (see _warn_asked) of each (argument, file, year it reads as) whose year is not the
    one asked."""
    for arg, path, year in dict.fromkeys(found):
        if arg.isdigit() and year is not None and year != int(arg):
            click.echo(
                f"Warning: {path}: taken for {arg} by its file name, but it reads as the report"
                f" of {year}",
                err=True,
            )


def _warn_pair(comparison: Comparison, *, said: Collection[str] = ()) -> None:
    """Say on stderr what is odd about the pair (one file twice, the years backwards, two
    organisations); the page and the JSON say it too, and check's findings (`said`)."""
    for warning in comparison.warnings:
        if warning not in said:
            click.echo(f"Warning: {warning}", err=True)


@cli.command(name=DEFAULT_COMMAND)
@click.argument("old", type=GIVEN)
@click.argument("new", type=GIVEN)
@library_option
@org_option
@click.option(
    "-o",
    "--html",
    "html_path",
    type=GIVEN,
    metavar="PATH",
    help="HTML report path ('-': stdout; a folder: the usual name in it).",
)
@click.option(
    "--json", "json_path", type=GIVEN, metavar="PATH", help="Also write compare.diff/1 JSON."
)
@click.option("--md", "md_path", type=GIVEN, metavar="PATH", help="Also write a Markdown report.")
@click.option(
    "--csv", "csv_path", type=GIVEN, metavar="PATH", help="Also write the metric changes as CSV."
)
@click.option("--generated-at", metavar="TEXT", help="Timestamp to print in the report header.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the path of the HTML report.")
def diff(
    old: str,
    new: str,
    library: Path | None,
    org: str | None,
    html_path: str | None,
    json_path: str | None,
    md_path: str | None,
    csv_path: str | None,
    generated_at: str | None,
    quiet: bool,
) -> None:
    """Compare OLD with NEW (each a year in the library or a path) and write the HTML report.

    A path of '-' is the report piped into standard input (one of OLD and NEW).

    Without --html the report goes to reports/<org>-<old>-vs-<new>.html. With --json, --md or
    --csv set to '-' and no --html, only that output is written, to stdout. An output given as a
    folder gets that name in it (reports/<org>-<old>-vs-<new>.json for --json reports/).

    \b
    Examples:
      compare 2021 2022
      compare 2021 2022 --library ~/reports --org 绍兴市教育局
      compare a/2015.txt b/2016.txt --html out.html --csv changes.csv
      compare 2021 2022 --json - | jq .summary
    """
    from compare.export import comparison_to_json, json_chunks
    from compare.library import find_report
    from compare.model import STDIN, STDIN_NAME
    from compare.pipeline import compare_reports, read_reports
    from compare.render import iter_html, iter_markdown, page_templates_beside, report_name
    from compare.writing import check_outputs, say, write_outputs

    if old == new == STDIN:
        raise click.UsageError("only one of OLD and NEW can be '-' (standard input)")
    _one_to_stdout(html=html_path, json=json_path, md=md_path, csv=csv_path)
    lib = _library(library)
    inputs = find_report(old, library=lib, org=org), find_report(new, library=lib, org=org)
    old_report, new_report = read_reports(*inputs)
    to_stdout = "-" in (json_path, md_path, csv_path)
    with page_templates_beside(html_path is not None or not to_stdout):
        comparison = compare_reports(old_report, new_report)

    named = new_report if new_report.source.path != STDIN_NAME else old_report
    org_name = report_name(comparison, fallback=_file_org(named))
    # A report without a year is named by its file (its stem), never by the path given.
    years = [
        str(report.year) if report.year else _slug(Path(report.source.path).stem)
        for report in (old_report, new_report)
    ]
    name = f"{_slug(org_name)}-{years[0]}-vs-{years[1]}"
    if html_path is None and not to_stdout:
        html_path = str(Path("reports") / _file_name(name, ".html"))
    html_path = _into_folder(html_path, name, ".html")
    json_path = _into_folder(json_path, name, ".json")
    md_path = _into_folder(md_path, name, ".md")
    csv_path = _into_folder(csv_path, name, ".csv")
    check_outputs([json_path, md_path, csv_path, html_path], inputs)
    outputs = [
        (json_path, lambda: json_chunks(comparison_to_json(comparison))),
        (md_path, lambda: iter_markdown(comparison, generated_at=generated_at)),
        (csv_path, lambda: _metrics_csv(comparison)),
        # The page and the Markdown are written while they are made: at a thousand times the
        # seed's size the page is 200 MB of text, which need not be held whole.
        (html_path, lambda: iter_html(comparison, generated_at=generated_at)),
    ]
    write_outputs(outputs)  # all or none
    _warn(old_report, new_report)  # once the outputs stand: a failed run says one thing
    _warn_asked((old, old_report), (new, new_report))
    _warn_pair(comparison)
    if to_stdout or html_path == "-":
        return
    if quiet:
        say(str(html_path))
        return
    say(summary_text(comparison), nl=False)
    say(f"Report: {html_path}")


def _metrics_csv(comparison: Comparison) -> str:
    # Imported only for a CSV: a comparison taken from the cache needs nothing else of metrics.
    from compare.metrics import metrics_csv

    return metrics_csv(comparison.metrics)


@cli.command()
@click.argument("new", type=GIVEN)
@click.option(
    "--against",
    "old",
    type=GIVEN,
    metavar="OLD",
    help="Year or path of the report to compare with.",
)
@click.option(
    "--rules",
    "rules_path",
    type=_Given(click.Path(path_type=Path, dir_okay=False)),
    help="Rules TOML file.",
)
@library_option
@org_option
@click.option(
    "--md",
    "md_path",
    type=GIVEN,
    metavar="PATH",
    help="Write the findings as Markdown ('-': stdout).",
)
@click.option(
    "--junit",
    "junit_path",
    type=GIVEN,
    metavar="PATH",
    help="Write the findings as JUnit XML ('-': stdout).",
)
@click.option(
    "--json",
    "json_path",
    type=GIVEN,
    metavar="PATH",
    help="Write compare.check/1 JSON ('-': stdout).",
)
def check(
    new: str,
    old: str | None,
    rules_path: Path | None,
    library: Path | None,
    org: str | None,
    md_path: str | None,
    junit_path: str | None,
    json_path: str | None,
) -> None:
    """Check NEW (a year or a path) for CI: structure, and rules against OLD.

    A path of '-' is the report piped into standard input.

    Exit codes: 0 no findings, 1 findings, 2 usage or input error.
    See compare/rules/example.toml for every rule. An output given as a folder gets
    <org>-<year>-check.md (.xml, .json) in it.

    \b
    Examples:
      compare check 2022
      compare check reports/2022.txt --against 2021 --rules rules.toml --junit check.xml
      compare check 2022 --against 2021 --md "$GITHUB_STEP_SUMMARY"
      compare check 2022 --against 2021 --json - | jq '.findings[].message'
      pdftotext report.pdf - | compare check - --against 2021
    """
    from compare import check as checks
    from compare.export import json_chunks
    from compare.library import find_report
    from compare.model import STDIN
    from compare.pipeline import compare_reports, read_report, read_reports
    from compare.writing import check_outputs, say, write_outputs

    if old == new == STDIN:
        raise click.UsageError("only one of NEW and --against can be '-' (standard input)")
    _one_to_stdout(md=md_path, junit=junit_path, json=json_path)
    rules = checks.load_rules(rules_path, with_comparison=old is not None)
    lib = _library(library)
    # Both read before either is warned of: a refused report says one thing (its Error: line).
    inputs = [find_report(new, library=lib, org=org)]
    if old is None:
        new_report, old_report = read_report(inputs[0]), None
    else:
        inputs.append(find_report(old, library=lib, org=org))
        new_report, old_report = read_reports(*inputs)
    # An output given as a folder: <org>-<year>-check.md (.xml, .json) in it.
    name = f"{_report_stem(new_report)}-check"
    md_path = _into_folder(md_path, name, ".md")
    junit_path = _into_folder(junit_path, name, ".xml")
    json_path = _into_folder(json_path, name, ".json")
    check_outputs([md_path, junit_path, json_path], [*inputs, rules_path] if rules_path else inputs)
    findings = checks.check_structure(new_report, rules)
    _warn(new_report, said={f.message for f in findings})
    against = None
    if old_report is not None:
        # One file given as both is read twice: its warnings are said once.
        same = old_report.source.path == new_report.source.path
        _warn(old_report, said=new_report.warnings if same else ())
        comparison = compare_reports(old_report, new_report)
        findings += checks.check_comparison(comparison, rules)
        _warn_pair(comparison, said={f.message for f in findings})
        against = old_report.source.path
    _warn_asked((old, old_report), (new, new_report))
    subject = new_report.source.path
    names = checks.checks_run(rules, with_comparison=old is not None)
    write_outputs(  # all or none
        [
            (md_path, lambda: checks.findings_markdown(findings, subject=subject)),
            (junit_path, lambda: checks.findings_junit(findings, subject=subject, checks=names)),
            (
                json_path,
                lambda: json_chunks(
                    checks.findings_json(findings, subject=subject, against=against, checks=names)
                ),
            ),
        ]
    )
    if "-" not in (md_path, junit_path, json_path):
        say(checks.findings_text(findings, subject=subject), nl=False)
    raise SystemExit(1 if findings else 0)


@cli.command()
@click.argument("years", nargs=-1, type=GIVEN)
@click.option(
    "--all", "all_years", is_flag=True, help="Every year of the organisation in the library."
)
@library_option
@org_option
@click.option(
    "--csv", "csv_path", type=GIVEN, metavar="PATH", help="Write the table as CSV ('-': stdout)."
)
@click.option(
    "--html",
    "html_path",
    type=GIVEN,
    metavar="PATH",
    help="Write an HTML page with a trend line per metric.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores)."
)
def series(
    years: tuple[str, ...],
    all_years: bool,
    library: Path | None,
    org: str | None,
    csv_path: str | None,
    html_path: str | None,
    jobs: int | None,
) -> None:
    """Follow every metric across YEARS (years or paths), or --all years of one organisation.

    Without --csv or --html the table goes to reports/<org>-series.csv and .html; an output
    given as a folder gets that name in it.

    \b
    Examples:
      compare series 2021 2022
      compare series --all --library ../shared/corpus/cn-state-council-gwr --csv -
    """
    import time

    from compare.library import find_report, reports_of
    from compare.model import STDIN
    from compare.render import render_series_html
    from compare.series import build_series
    from compare.writing import check_outputs, say, write_outputs

    _one_to_stdout(csv=csv_path, html=html_path)
    lib = _library(library)
    if all_years and years:
        raise click.UsageError("give YEARS or --all, not both")
    if all_years:
        paths = [e.path for e in reports_of(lib, org=org)]
    elif STDIN in years:
        raise click.UsageError("a series reads files: give years or paths, not '-'")
    else:
        paths = [find_report(y, library=lib, org=org) for y in years]
    if len(paths) < 2 and all_years:
        found = f"{len(paths)} report{'' if len(paths) == 1 else 's'}"
        raise click.UsageError(f"{lib}: --all found {found}; a series needs at least two")
    if len(paths) < 2:
        raise click.UsageError(
            "a series needs at least two reports: give two or more YEARS, or --all"
        )
    steps = 2 * len(paths) - 1
    started = time.monotonic()
    bar = None

    def progress(done: int) -> None:
        nonlocal bar
        if bar is None and sys.stderr.isatty() and time.monotonic() - started > 1.0:
            bar = click.progressbar(length=steps, label="Reading and comparing", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(done)

    with _terminated_at_once():  # a pool of workers may run
        result = build_series(paths, workers=jobs, progress=progress)
    if bar is not None:
        bar.__exit__(None, None, None)
    name = f"{_slug(result.org or 'report')}-series"
    if csv_path is None and html_path is None:
        csv_path, html_path = (
            str(Path("reports") / _file_name(name, suffix)) for suffix in (".csv", ".html")
        )
    csv_path = _into_folder(csv_path, name, ".csv")
    html_path = _into_folder(html_path, name, ".html")
    check_outputs([csv_path, html_path], paths)
    write_outputs([(csv_path, result.csv), (html_path, lambda: render_series_html(result))])
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    read_as = dict(zip(result.paths, result.years, strict=True))
    asked = zip(years, paths, strict=False)  # none with --all
    _warn_years((arg, str(path), read_as.get(str(path))) for arg, path in asked)
    if "-" not in (csv_path, html_path):
        say(f"{len(result.rows)} metrics over {len(result.years)} years")
        for path in (csv_path, html_path):
            if path:
                say(f"Wrote {path}")


def summary_text(comparison) -> str:  # type: ignore[no-untyped-def]
    """Return the short summary printed after a comparison: counts and the largest changes."""
    from compare.render import (
        change_text,
        flagged,
        format_score,
        largest_amounts,
        largest_changes,
        report_name,
    )

    old, new = comparison.old, comparison.new
    s = comparison.section_counts()
    m = comparison.metric_counts()
    count = flagged(comparison.metrics, "restated")
    restated = f" ({count} restated)" if count else ""
    count = flagged(comparison.metrics, "rolled_off")
    rolled_off = f" ({count} rolled off)" if count else ""
    lines = [
        f"{report_name(comparison)}: {old.year or old.source.path} → {new.year or new.source.path}",
        f"Sections: {s['unchanged']} unchanged, {s['modified']} modified, {s['added']} added, "
        f"{s['removed']} removed ({s['renamed']} renamed, {s['moved']} moved, "
        f"{s['split']} split, {s['merged']} merged)",
        f"Metrics: {m['changed']} changed{restated}, {m['unchanged']} unchanged, "
        f"{m['added']} new, {m['removed']} dropped{rolled_off}",
        # As the HTML report writes it: 99.51 is not 100 (identical texts)
        f"Similarity: {format_score(comparison.similarity)}/100, "
        f"carried over: {format_score(comparison.carried_over)}%",
    ]
    # The page's own list and wording: a change of a percent reads in points (+34 pp), never
    # as a percent of a percent alone.
    top = largest_changes(comparison.metrics, SUMMARY_CHANGES)
    if top:
        lines.append("Largest figure changes:")
    lines.extend(f"  {change_text(c)}" for c in top)
    currency, amounts = largest_amounts(comparison.metrics, SUMMARY_AMOUNTS)
    if len(amounts) > 1:  # as the page lists them
        lines.append(f"Largest changes by amount, in {currency}:")
        lines.extend(f"  {change_text(c)}" for c in amounts)
    return "\n".join(lines) + "\n"


class Terminated(BaseException):
    """SIGTERM came (a CI job cancelled or out of time): raised wherever the run is, so that what
    it leaves half-done is undone on the way out, as on Ctrl-C (a page's temp file removed, a
    forked child stopped). Not an Exception: nothing that handles those takes it for one."""


@contextlib.contextmanager
def _terminated_at_once() -> Iterator[None]:
    """Let SIGTERM end the process at once during the block, saying "Terminated." and exiting
    143, as main does for the rest of a run (a series' had ended without a word).

    A series' process pool cannot be stopped from an exception: on Python 3.11 the pool's
    manager fails on futures already cancelled, and the process hangs at its exit, feeding a
    worker the same signal killed. Its workers end with this process (series.run_pool). The
    block writes nothing, so nothing is left half-written.
    """
    process = os.getpid()

    def at_once(signum: int, frame: object) -> None:
        if not _ended_if_a_child(process, signum):
            os.write(2, b"Terminated.\n")  # not click.echo: the block may be writing stderr
            os._exit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, at_once)
    except ValueError:  # not the main thread (cli called from a thread): main set no handler
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _ended_if_a_child(process: int, signum: int) -> bool:
    """End a child of `process` (a forked child, a pool's worker: they inherit its handlers) as
    the signal does by default; tell whether this is one (else the handler runs on)."""
    if os.getpid() == process:
        return False
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    return True


def main() -> None:
    """Entry point of the `compare` console script (and of `python -m compare`)."""
    process = os.getpid()

    def terminated(signum: int, frame: object) -> None:
        if not _ended_if_a_child(process, signum):
            raise Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        cli(prog_name="compare")
    except Terminated:
        click.echo("Terminated.", err=True)
        sys.exit(128 + signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    main()
