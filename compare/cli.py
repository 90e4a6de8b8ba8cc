"""argv -> the stages -> files and exit codes. The only module that prints or exits."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from compare import __version__
from compare.errors import CompareError


class CompareGroup(click.Group):
    """A click group that turns every CompareError into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CompareError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=CompareGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compare")
def cli() -> None:
    """Compare two years of an annual report."""


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "json_path", metavar="PATH", help="Write the report model as JSON ('-' for stdout).")
def parse(file: Path, json_path: str | None) -> None:
    """Read FILE and print its outline: numbered headings with sentence and metric counts.

    \b
    Examples:
      compare parse seeds/shaoxing-education-bureau-2021.txt
      compare parse report.txt --json -
    """
    from compare.pipeline import read_report
    from compare.export import render_outline, report_to_json
    from compare.writing import write_output

    report = read_report(file)
    if json_path is not None:
        text = json.dumps(report_to_json(report), ensure_ascii=False, indent=2) + "\n"
        write_output(json_path, text)
        if json_path == "-":
            return
    click.echo(render_outline(report), nl=False)
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)


def main() -> None:
    """Entry point of the `compare` console script."""
    cli(prog_name="compare")


if __name__ == "__main__":
    sys.exit(main())
