"""What `check` reports: a problem in a content or locale file, said in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a look) in a file staff edit."""

    path: Path
    line: int | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        label = "ERROR" if self.severity == "error" else "warning"
        return f"{label}: {where}: {self.message}"


class ContentError(Exception):
    """Content or locales cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = errors[0] if errors else problems[0]
        more = (
            f" (and {len(errors) - 1} more; run `python -m bot check`)" if len(errors) > 1 else ""
        )
        super().__init__(f"{first}{more}")


def errors_in(problems: list[Problem]) -> list[Problem]:
    """Keep the problems that stop the bot from starting."""
    return [p for p in problems if p.severity == "error"]
