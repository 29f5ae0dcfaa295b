"""Per-step rows of the review table: time against plan, expert share against the office's target zone."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..config.schema import Config
from ..meeting.steps import STEPS, Step
from ..meeting.summary import MeetingSummary
from ..meeting.timeplan import farewell_reserve, plan_steps


class Verdict(enum.Enum):
    """Where the step's expert share lies relative to the office's target zone."""
    BELOW = "below"
    IN_ZONE = "in_zone"
    ABOVE = "above"


@dataclass(frozen=True)
class StepRow:
    step: Step
    time_s: float
    planned_s: float
    """The office's plan for the announced length (the stored end-of-meeting plan if none was announced)."""
    expert_share: float | None
    zone_min: float
    zone_max: float
    open_questions: int
    closed_questions: int

    @property
    def over_plan_s(self) -> float:
        """Positive when the step took longer than planned."""
        return self.time_s - self.planned_s

    @property
    def verdict(self) -> Verdict | None:
        if self.expert_share is None:
            return None
        if self.expert_share < self.zone_min:
            return Verdict.BELOW
        if self.expert_share > self.zone_max:
            return Verdict.ABOVE
        return Verdict.IN_ZONE


def office_plan(announced_s: float, config: Config) -> dict[Step, float]:
    """Seconds per step as planned when the length was announced, before any step ran over.

    The stored plan is re-planned as the meeting goes (a finished step's plan becomes what it used), so
    it cannot show how far a step strayed; this is the plan the expert started from.
    """
    m = config.meeting
    reserve = farewell_reserve(announced_s, m.farewell_reserve_share, m.farewell_reserve_min_minutes)
    budgets = {s: config.step(s).budget_share for s in STEPS}
    return plan_steps(announced_s, budgets, reserve, {}, Step.EMPATIA)


def step_rows(summary: MeetingSummary, config: Config) -> list[StepRow]:
    """One row per step the meeting has figures for, in method order. Plan and zone come from today's
    office settings: the store keeps figures, not the settings in force at the time."""
    plan = office_plan(summary.announced_s, config) if summary.announced_s else {}
    rows = []
    for s in sorted(summary.steps, key=lambda s: s.step.index):
        zone = config.step(s.step)
        rows.append(StepRow(s.step, s.time_s, plan.get(s.step, s.planned_s), s.expert_share, zone.expert_share_min,
                            zone.expert_share_max, s.open_questions, s.closed_questions))
    return rows
