"""The immutable record of a meeting: numbers only — no audio, no words, no client identity."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .steps import Step

BUCKET_S = 15.0
"""Resolution of the talk timeline kept for the review charts."""


@dataclass(frozen=True)
class StepSummary:
    step: Step
    time_s: float
    """Time spent in the step, revisits included."""
    planned_s: float
    """The office plan for the announced length, before any time was used."""
    expert_s: float
    client_s: float
    unknown_s: float
    expert_share: float | None
    open_questions: int
    closed_questions: int


@dataclass(frozen=True)
class Bucket:
    """Talk within one BUCKET_S slice of meeting time."""

    t: float
    step: Step
    expert_s: float
    client_s: float


@dataclass(frozen=True)
class MeetingSummary:
    started_at: str
    """Local wall-clock start, ISO 8601 (minutes), for the review list."""
    announced_s: float | None
    length_source: str
    """'default', 'click' or 'voice'."""
    actual_s: float
    interrupted: bool
    """True when recovered after a crash rather than ended by the expert."""
    steps: tuple[StepSummary, ...]
    expert_s: float
    client_s: float
    unknown_s: float
    expert_share: float | None
    turns: int
    longest_expert_monologue_s: float
    longest_client_turn_s: float
    median_expert_response_pause_s: float | None
    farewell_time_left_s: float | None
    """Time remaining when Hyvästely began (None if it never did)."""
    overtime_s: float
    capture_gap_s: float
    visits: tuple[tuple[Step, float, float], ...]
    timeline: tuple[Bucket, ...]
    nudges: tuple[tuple[float, str], ...]
    """(meeting time, nudge id) of every nudge shown."""

    @property
    def speech_s(self) -> float:
        return self.expert_s + self.client_s + self.unknown_s

    def step(self, step: Step) -> StepSummary:
        return next(s for s in self.steps if s.step is step)

    def to_dict(self) -> dict[str, Any]:
        def plain(v: Any) -> Any:
            if isinstance(v, Step):
                return v.value
            if dataclasses.is_dataclass(v):
                return {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
            if isinstance(v, (tuple, list)):
                return [plain(x) for x in v]
            return v
        return plain(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "MeetingSummary":
        d = dict(d)
        d["steps"] = tuple(StepSummary(**{**s, "step": Step(s["step"])}) for s in d["steps"])
        d["visits"] = tuple((Step(v[0]), float(v[1]), float(v[2])) for v in d["visits"])
        d["timeline"] = tuple(Bucket(**{**b, "step": Step(b["step"])}) for b in d["timeline"])
        d["nudges"] = tuple((float(t), str(n)) for t, n in d["nudges"])
        return cls(**d)
