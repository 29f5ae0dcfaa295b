"""The immutable record of a meeting: numbers only — no audio, no words, no client identity."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .steps import Step

BUCKET_S = 15.0
"""Resolution of the talk timeline kept for the review charts."""

VERDICTS = ("below", "within", "above")
"""Where a step's expert share lies against the target zone in force at the meeting."""


def verdict(share: float | None, low: float | None, high: float | None) -> str | None:
    """'below', 'within' or 'above' the zone [low, high]; None without a share or a zone."""
    if share is None or low is None or high is None:
        return None
    return "below" if share < low else "above" if share > high else "within"


@dataclass(frozen=True)
class StepSummary:
    step: Step
    time_s: float
    """Time spent in the step, revisits included."""
    planned_s: float
    """The office plan for the step, for the length announced while the step was first in progress
    (never the time it took: an overrun or a cut-short step stays visible)."""
    expert_s: float
    client_s: float
    unknown_s: float
    expert_share: float | None
    open_questions: int
    closed_questions: int
    target_low: float | None = None
    """The office's target zone for the expert share in force at the meeting (None: stored before
    targets were kept, see store.migrations version 3)."""
    target_high: float | None = None
    longest_expert_monologue_s: float = 0.0
    """Longest expert turn within the step."""
    longest_expert_monologue_at_s: float | None = None
    """Meeting time at which that turn began."""
    longest_client_turn_s: float = 0.0
    nudges: int = 0
    """Nudges shown while the meeting was in this step."""

    @property
    def verdict(self) -> str | None:
        return verdict(self.expert_share, self.target_low, self.target_high)


STEP_FIGURES = ("step", "duration_s", "planned_s", "expert_s", "client_s", "unknown_s", "expert_share",
                "target_low", "target_high", "verdict", "longest_expert_monologue_s",
                "longest_expert_monologue_at_s", "longest_client_turn_s", "open_questions", "closed_questions",
                "nudges")
"""The keys of one step in `analyze --json`, `export --format json` (and, prefixed by the step, CSV)."""


def step_figures(s: StepSummary) -> dict[str, Any]:
    """One step as plain numbers under the STEP_FIGURES keys (duration_s is StepSummary.time_s)."""
    return {k: s.step.value if k == "step" else s.time_s if k == "duration_s" else getattr(s, k)
            for k in STEP_FIGURES}


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
        out = plain(self)
        out["steps"] = [step_figures(x) for x in self.steps]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "MeetingSummary":
        d = dict(d)
        fields = {f.name for f in dataclasses.fields(StepSummary)}

        def step(s: dict[str, Any]) -> StepSummary:
            # Exports name the time duration_s and carry the derived verdict; files written before the
            # per-step figures say time_s and lack the newer fields, which then take their defaults.
            s = {"time_s": s.get("duration_s"), **s}
            return StepSummary(**{**{k: v for k, v in s.items() if k in fields}, "step": Step(s["step"])})

        d["steps"] = tuple(step(s) for s in d["steps"])
        d["visits"] = tuple((Step(v[0]), float(v[1]), float(v[2])) for v in d["visits"])
        d["timeline"] = tuple(Bucket(**{**b, "step": Step(b["step"])}) for b in d["timeline"])
        d["nudges"] = tuple((float(t), str(n)) for t, n in d["nudges"])
        return cls(**d)
