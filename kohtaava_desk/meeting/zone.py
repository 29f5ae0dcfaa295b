"""Where an expert share lies against a step's target zone: the one verdict the widget and the
self-review both show."""

from __future__ import annotations

import enum


class Zone(enum.StrEnum):
    BELOW = "below"
    IN = "in"
    ABOVE = "above"


def zone_of(share: float | None, lo: float, hi: float) -> Zone | None:
    """The zone of ``share`` within [lo, hi] (edges count as in); None before anyone identifiable spoke."""
    if share is None:
        return None
    return Zone.BELOW if share < lo else Zone.ABOVE if share > hi else Zone.IN
