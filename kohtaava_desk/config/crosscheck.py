"""Rules that involve more than one key; each names the keys to roll back when it fails."""

from __future__ import annotations

from .hotkeys import hotkey_problems
from .problems import Problem

STEP_NAMES = ("empatia", "ohjauksellinen", "neuvonnallinen", "hyvastely")


def cross_problems(merged: dict, file: str) -> list[tuple[Problem, list[tuple[str, ...]]]]:
    """Problems in a merged config, each with the key paths whose newest values caused it."""
    out = []
    steps = merged["steps"]
    total = sum(steps[s]["budget_share"] for s in STEP_NAMES)
    if abs(total - 1.0) > 0.005:
        keys = [("steps", s, "budget_share") for s in STEP_NAMES]
        out.append((Problem(file, "steps.*.budget_share",
                            f"the four step budgets must add up to 1.0, they add up to {total:.3f}"), keys))
    for s in STEP_NAMES:
        lo, hi = steps[s]["expert_share_min"], steps[s]["expert_share_max"]
        if lo > hi:
            keys = [("steps", s, "expert_share_min"), ("steps", s, "expert_share_max")]
            out.append((Problem(file, f"steps.{s}", f"expert_share_min ({lo:g}) must not exceed expert_share_max ({hi:g})"), keys))
    for action, message in hotkey_problems(merged.get("hotkeys", {})):
        out.append((Problem(file, f"hotkeys.{action}", message), [("hotkeys", action)]))
    return out
