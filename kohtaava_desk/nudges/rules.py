"""When each nudge applies, following the method step by step.

Each rule answers "does this nudge apply now?" given whether it is already showing, so a rule can
use a lower threshold to clear than to fire (hysteresis) and the widget doesn't flicker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..config.schema import Config, NudgeRule
from ..meeting import Meeting, Step

SUMMARY_MARGIN = 0.05
"""Hysteresis of the 'let the client summarise' nudge, in share points."""


def expert_talks_too_much(m: Meeting, c: Config, showing: bool) -> bool:
    """In Ohjauksellinen the expert listens: about a third of the talk or less."""
    if m.step is not Step.OHJAUKSELLINEN:
        return False
    rule = c.nudges.expert_talks_too_much
    recent = m.recent(rule.window_s, step=Step.OHJAUKSELLINEN)
    if recent.expert_s + recent.client_s < rule.min_speech_s or recent.expert_share is None:
        return False
    limit = c.step(Step.OHJAUKSELLINEN).expert_share_max
    return recent.expert_share > (limit if showing else limit + rule.margin)


def move_to_farewell(m: Meeting, c: Config, showing: bool) -> bool:
    """Only the farewell reserve is left and the expert hasn't moved to Hyvästely yet."""
    return m.step is not Step.HYVASTELY and m.remaining() <= m.reserve_s()


def client_summarises(m: Meeting, c: Config, showing: bool) -> bool:
    """In Hyvästely the client should sum up; the expert holding the floor works against that."""
    if m.step is not Step.HYVASTELY:
        return False
    talk = m.totals(Step.HYVASTELY)
    if talk.expert_s + talk.client_s < c.nudges.client_summarises.min_speech_s or talk.expert_share is None:
        return False
    limit = c.step(Step.HYVASTELY).expert_share_max
    return talk.expert_share > (limit if showing else limit + SUMMARY_MARGIN)


def step_over_budget(m: Meeting, c: Config, showing: bool) -> bool:
    """The current step has used well over its share of the planned time (the farewell has its own rule)."""
    if m.step is Step.HYVASTELY:
        return False
    planned = m.ideal_plan()[m.step]
    return planned > 0 and m.time_in_step(m.step) >= c.nudges.step_over_budget.over_ratio * planned


def long_client_monologue(m: Meeting, c: Config, showing: bool) -> bool:
    """The method lets the expert interrupt an endless flow of talk in Ohjauksellinen."""
    return m.step is Step.OHJAUKSELLINEN and m.client_turn_now() >= c.nudges.long_client_monologue.seconds


def over_time(m: Meeting, c: Config, showing: bool) -> bool:
    return m.remaining() < 0


@dataclass(frozen=True)
class RuleSpec:
    id: str
    applies: Callable[[Meeting, Config, bool], bool]

    def settings(self, c: Config) -> NudgeRule:
        return getattr(c.nudges, self.id)


RULES: tuple[RuleSpec, ...] = tuple(RuleSpec(f.__name__, f) for f in (
    expert_talks_too_much, move_to_farewell, client_summarises, step_over_budget, long_client_monologue, over_time))
