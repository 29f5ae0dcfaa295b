"""Week-by-week trends of the expert's own meetings: the four figures the review's trend view plots.

Talk figures (expert share in Ohjauksellinen, open-question share) pool the week's talk and questions
rather than averaging per-meeting ratios, so a two-minute meeting weighs less than a full hour. Time
figures (time left for Hyvästely, overtime) use only meetings the expert ended: a meeting cut short by a
crash has no real ending to judge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..meeting.steps import Step
from ..meeting.summary import MeetingSummary


@dataclass(frozen=True)
class WeekTrend:
    monday: date
    """First day (Monday) of the ISO week."""
    meetings: int
    """Meetings started in the week, interrupted ones included."""
    ended: int
    """Of those, meetings the expert ended (the base of the time figures)."""
    guidance_expert_share: float | None
    """Expert's share of expert+client talk in Ohjauksellinen, pooled over the week; None without talk."""
    farewell_left_s: float | None
    """Mean time remaining when Hyvästely began, over ended meetings that reached it."""
    farewell_missed: int
    """Ended meetings that never reached Hyvästely."""
    overtime_s: float | None
    """Mean overtime per ended meeting (0 for those on time); None without ended meetings."""
    over_time: int
    """Ended meetings that ran over the announced length."""
    open_share: float | None
    """Open questions / all counted questions, pooled over the week; None when none were counted."""

    @property
    def iso_week(self) -> tuple[int, int]:
        year, week, _ = self.monday.isocalendar()
        return year, week


def meeting_day(started_at: str) -> date:
    """The local calendar day of a stored start time ('2026-11-02T09:00+02:00' -> 2026-11-02)."""
    return date.fromisoformat(started_at[:10])


def iso_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None


def _week(monday: date, items: list[MeetingSummary]) -> WeekTrend:
    g_expert = g_talk = 0.0
    opened = asked = 0
    for s in items:
        for st in s.steps:
            if st.step is Step.OHJAUKSELLINEN:
                g_expert += st.expert_s
                g_talk += st.expert_s + st.client_s
            opened += st.open_questions
            asked += st.open_questions + st.closed_questions
    ended = [s for s in items if not s.interrupted]
    lefts = [s.farewell_time_left_s for s in ended if s.farewell_time_left_s is not None]
    return WeekTrend(
        monday=monday, meetings=len(items), ended=len(ended),
        guidance_expert_share=_ratio(g_expert, g_talk),
        farewell_left_s=sum(lefts) / len(lefts) if lefts else None,
        farewell_missed=len(ended) - len(lefts),
        overtime_s=sum(s.overtime_s for s in ended) / len(ended) if ended else None,
        over_time=sum(1 for s in ended if s.overtime_s > 0),
        open_share=_ratio(opened, asked))


def weekly_trends(summaries: Iterable[MeetingSummary], fill_gaps: bool = True) -> list[WeekTrend]:
    """One WeekTrend per ISO week, oldest first. With `fill_gaps`, weeks without meetings between the
    first and the last appear with meetings=0 and no figures, so a chart's x axis stays true to time."""
    by_week: dict[date, list[MeetingSummary]] = {}
    for s in summaries:
        by_week.setdefault(iso_monday(meeting_day(s.started_at)), []).append(s)
    if not by_week:
        return []
    mondays = sorted(by_week)
    if fill_gaps:
        first, last = mondays[0], mondays[-1]
        mondays = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    return [_week(m, by_week.get(m, [])) for m in mondays]
