"""Qt-free figures behind the self-review window: weekly trends, chart series, per-step verdicts."""

from .charts import ShareMark, StepBand, chart_span, share_series, step_bands
from .steps import StepRow, step_rows
from .trends import WeekTrend, iso_monday, meeting_day, weekly_trends

__all__ = ["ShareMark", "StepBand", "StepRow", "WeekTrend", "chart_span", "iso_monday", "meeting_day",
           "share_series", "step_bands", "step_rows", "weekly_trends"]
