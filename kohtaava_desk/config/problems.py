"""A configuration problem, phrased so an office admin can fix it without reading code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_MISSING = object()


@dataclass(frozen=True)
class Problem:
    file: str
    """The file the value came from."""
    key: str
    """Dotted key path, e.g. steps.ohjauksellinen.expert_share_max."""
    message: str
    """What is wrong and what is allowed."""
    value: Any = _MISSING
    """The offending value, when there is one."""

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        if self.value is _MISSING:
            return f"{where}: {self.message}"
        return f"{where} = {self.value!r}: {self.message}"


class ConfigError(Exception):
    """Raised only where there is no sensible fallback (e.g. the built-in defaults are broken)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
