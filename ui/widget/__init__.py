"""The meeting widget: compact and expanded views, staircase, time bar, balance bar, message line,
summary card."""

from .window import CompanionWindow

__all__ = ["CompanionWindow"]
