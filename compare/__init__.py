"""compare: what changed between two years of an annual report."""

__version__ = "0.1.0"
