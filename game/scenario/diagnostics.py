"""Problems found in a scenario file, and how they are printed.

A diagnostic names the file, a 1-based line and column, a severity, the dotted path of
the offending key inside the document, and a message a designer can act on:

    scenarios/x.yaml:12:5: error: nations.0.stats.economy: must be at most 100 (got 120)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped (``\\n``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def dotted(path: Path) -> str:
    """``("nations", 0, "stats")`` -> ``"nations.0.stats"``; the root is ``"<document>"``."""
    return one_line(".".join(str(p) for p in path)) if path else "<document>"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place in a scenario file."""

    severity: Severity
    path: Path
    message: str
    line: int = 1
    column: int = 1
    source: str = "<string>"

    def format(self) -> str:
        """The one-line form printed by ``cyberdip validate``."""
        return (
            f"{self.source}:{self.line}:{self.column}: {self.severity}: "
            f"{dotted(self.path)}: {one_line(self.message)}"
        )

    def __str__(self) -> str:
        return self.format()


class ScenarioError(ValueError):
    """A scenario file cannot be used; ``diagnostics`` lists every problem found.

    ``str()`` of the error is its first diagnostic line, so that a caller that prints a
    one-line error still says something precise.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = sorted(
            diagnostics, key=lambda d: (d.severity != "error", d.line, d.column)
        )
        errors = [d for d in self.diagnostics if d.severity == "error"]
        first = errors[0].format() if errors else "invalid scenario"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]
