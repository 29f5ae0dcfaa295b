"""Per-step rows of the review table: time against plan, expert share against the office's target zone."""

from __future__ import annotations

from dataclasses import dataclass

from ..config.schema import Config
from ..meeting.steps import Step
from ..meeting.summary import MeetingSummary
from ..meeting.zone import Zone, zone_of


@dataclass(frozen=True)
class StepRow:
    step: Step
    time_s: float
    planned_s: float
    """The office's plan for the announced length, as stored with the meeting."""
    expert_share: float | None
    zone_min: float
    zone_max: float
    open_questions: int
    closed_questions: int
    zone_stored: bool = True
    """False for meetings stored before the zone in force was kept: the zone is then today's."""

    @property
    def over_plan_s(self) -> float:
        """Positive when the step took longer than planned."""
        return self.time_s - self.planned_s

    @property
    def verdict(self) -> Zone | None:
        """The step's expert share against the office's target zone."""
        return zone_of(self.expert_share, self.zone_min, self.zone_max)


def step_rows(summary: MeetingSummary, config: Config) -> list[StepRow]:
    """One row per step the meeting has figures for, in method order. The plan and the target zone are the
    ones stored with the meeting (in force when it took place); only meetings stored before zones were kept
    fall back to today's office settings."""
    rows = []
    for s in sorted(summary.steps, key=lambda s: s.step.index):
        stored = s.target_low is not None and s.target_high is not None
        zone = config.step(s.step)
        lo, hi = (s.target_low, s.target_high) if stored else (zone.expert_share_min, zone.expert_share_max)
        rows.append(StepRow(s.step, s.time_s, s.planned_s, s.expert_share, lo, hi, s.open_questions,
                            s.closed_questions, stored))
    return rows
