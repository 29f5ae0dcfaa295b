"""The four steps of the Kohtaava asiakastyö method, in the order the expert climbs them."""

from __future__ import annotations

import enum


class Step(enum.Enum):
    EMPATIA = "empatia"
    OHJAUKSELLINEN = "ohjauksellinen"
    NEUVONNALLINEN = "neuvonnallinen"
    HYVASTELY = "hyvastely"

    @property
    def index(self) -> int:
        return STEPS.index(self)

    def next(self) -> "Step | None":
        i = self.index + 1
        return STEPS[i] if i < len(STEPS) else None

    def previous(self) -> "Step | None":
        i = self.index - 1
        return STEPS[i] if i >= 0 else None

    @classmethod
    def parse(cls, value: str) -> "Step":
        """Accept the config/CLI spelling, tolerating ä and case."""
        key = value.strip().lower().replace("ä", "a").replace("-vaihe", "")
        try:
            return cls(key)
        except ValueError:
            allowed = ", ".join(s.value for s in STEPS)
            raise ValueError(f"unknown step {value!r}; allowed: {allowed}") from None


STEPS: tuple[Step, ...] = tuple(Step)
