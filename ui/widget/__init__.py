"""The meeting widget: compact and expanded views, staircase, time bar, balance bars, message line,
summary card."""

from .window import SHORTCUTS, CompanionWindow

__all__ = ["SHORTCUTS", "CompanionWindow"]
