"""A problem found in input data, printed as ``path:line:column: what is wrong``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


def whole_file(path: Path | str, message: str) -> Problem:
    """A problem that concerns a whole file (or folder) rather than one place in it."""
    return Problem(str(path), 1, 1, message)


class DataError(Exception):
    """Raised by loaders when input data is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
