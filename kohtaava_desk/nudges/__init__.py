"""Nudge rules (when each nudge applies) and the engine that shows one at a time."""

from .engine import Nudge, NudgeEngine
from .rules import RULES

__all__ = ["RULES", "Nudge", "NudgeEngine"]
