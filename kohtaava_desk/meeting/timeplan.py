"""How the announced time is shared between the steps, re-planned as the meeting unfolds.

The farewell reserve is protected: when a step overruns, the steps still ahead of it shrink first,
because the method asks for enough time to close the meeting well.
"""

from __future__ import annotations

from collections.abc import Mapping

from .steps import STEPS, Step


def farewell_reserve(length_s: float, share: float, min_minutes: float) -> float:
    """Seconds kept for Hyvästely: a share of the meeting, at least a floor, at most half of it."""
    return min(max(share * length_s, min_minutes * 60.0), 0.5 * length_s)


def plan_steps(length_s: float, budgets: Mapping[Step, float], reserve_s: float,
               used: Mapping[Step, float], current: Step) -> dict[Step, float]:
    """Planned seconds per step, given the time already used and the step in progress.

    Steps behind the current one keep what they used; the current one gets at least what it has used;
    steps ahead share what is left before the farewell reserve, in proportion to their budgets.
    """
    farewell = Step.HYVASTELY
    body = [s for s in STEPS if s is not farewell]
    if current is farewell:
        plan = {s: used.get(s, 0.0) for s in body}
        plan[farewell] = max(used.get(farewell, 0.0), length_s - sum(plan.values()))
        return plan
    body_s = max(0.0, length_s - reserve_s)
    body_budget = sum(budgets[s] for s in body) or 1.0
    ideal = {s: body_s * budgets[s] / body_budget for s in body}
    plan = {s: used.get(s, 0.0) for s in body[: current.index]}
    plan[current] = max(ideal[current], used.get(current, 0.0))
    ahead = body[current.index + 1:]
    # Steps ahead (possibly revisited later) share whatever the body has left, by their budgets.
    left = max(0.0, body_s - sum(plan.values()) - sum(used.get(s, 0.0) for s in ahead))
    weight = sum(ideal[s] for s in ahead)
    for s in ahead:
        plan[s] = used.get(s, 0.0) + (left * ideal[s] / weight if weight else 0.0)
    plan[farewell] = max(0.0, min(reserve_s, length_s - sum(plan.values())))
    return plan
