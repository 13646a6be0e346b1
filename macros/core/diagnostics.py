"""Problems found in framework files, reported GCC-style as `path:line:col: error: message`."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place; line and column are 1-based (0 when unknown)."""

    path: str
    line: int
    col: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def warning(self) -> Diagnostic:
        """The same problem as a warning: reported, but it does not fail a check or a build."""
        return replace(self, severity="warning")

    def __str__(self) -> str:
        where = self.path if self.line <= 0 else f"{self.path}:{self.line}:{max(self.col, 1)}"
        return f"{where}: {self.severity}: {self.message}"


class FrameworkError(Exception):
    """Raised when the framework cannot be loaded; carries every problem found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(d for d in sorted(set(diagnostics)) if d.severity == "error")
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, followed by a one-line summary."""
        lines = [str(d) for d in self.diagnostics]
        lines.append(summary(self.diagnostics))
        return "\n".join(lines)


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """`N errors in M files` (or `no problems`)."""
    ds = list(diagnostics)
    errors = [d for d in ds if d.severity == "error"]
    warnings = len(ds) - len(errors)
    if not ds:
        return "no problems"
    files = len({d.path for d in (errors or ds)})
    where = f" in {files} file{'s' if files != 1 else ''}"
    parts = [f"{len(errors)} error{'s' if len(errors) != 1 else ''}{where}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}" + ("" if errors else where))
    return ", ".join(parts)


class BuildError(Exception):
    """The site cannot be built: the message says why and what to do."""
