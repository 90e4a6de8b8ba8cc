"""The one exception hierarchy. Messages name the file (and line where known) and read well
after "Error: ". cli.py maps every CompareError to exit code 2 in one place.
"""


class CompareError(Exception):
    """Base of every error `compare` reports to its user."""


class ReportNotFound(CompareError):
    """A file, or a year in the library, that is not there."""


class UnreadableInput(CompareError):
    """A file that exists but cannot be read as a report (binary, empty, undecodable, too big)."""


class UsageError(CompareError):
    """Arguments that do not fit together (ambiguous year, unknown organisation)."""


class OutputError(CompareError):
    """An output path that cannot be written."""


class RulesError(CompareError):
    """A malformed rules file for `compare check`."""
