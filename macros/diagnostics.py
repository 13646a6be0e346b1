"""Problems found in framework files, reported GCC-style as `path:line:col: error: message`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place; line and column are 1-based (0 when unknown)."""

    path: str
    line: int
    col: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.path if self.line <= 0 else f"{self.path}:{self.line}:{max(self.col, 1)}"
        return f"{where}: {self.severity}: {self.message}"


class FrameworkError(Exception):
    """Raised when the framework cannot be loaded; carries every problem found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics: tuple[Diagnostic, ...] = tuple(sorted(set(diagnostics)))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, followed by a one-line summary."""
        lines = [str(d) for d in self.diagnostics]
        lines.append(summary(self.diagnostics))
        return "\n".join(lines)


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """`N errors in M files` (or `no problems`)."""
    ds = list(diagnostics)
    errors = sum(d.severity == "error" for d in ds)
    files = len({d.path for d in ds})
    if not ds:
        return "no problems"
    plural = "s" if errors != 1 else ""
    return f"{errors} error{plural} in {files} file{'s' if files != 1 else ''}"
