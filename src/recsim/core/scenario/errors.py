"""Located problems in a user's file: ``path:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a file, located for a person to find and fix."""

    file: str
    line: int
    """1-based line (0 when the problem is the whole file)."""
    column: int
    """1-based column (0 when the problem is the whole file)."""
    where: str
    """Path in the document (``tasks[2].release.items[0].requester.role``); empty for the file."""
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        label = "warning: " if self.severity == "warning" else ""
        if not self.line:
            return f"{self.file}: {label}{place}{self.message}"
        return f"{self.file}:{self.line}:{self.column}: {label}{place}{self.message}"


class InvalidFile(Exception):
    """A user's file cannot be used; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
