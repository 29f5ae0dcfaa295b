"""The Qt-free figures behind the review window: weekly trends, chart series, per-step verdicts, texts."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest
from store_helpers import realistic_summary

from kohtaava_desk.i18n import LANGUAGES, TEXTS, nudge_label, review, step_name, t
from kohtaava_desk.meeting import Meeting
from kohtaava_desk.meeting.steps import STEPS, Step
from kohtaava_desk.meeting.summary import Bucket, StepSummary
from kohtaava_desk.meeting.zone import Zone
from kohtaava_desk.review import (
    chart_span,
    iso_monday,
    meeting_day,
    share_series,
    step_bands,
    step_rows,
    weekly_trends,
)


def meeting(started_at: str, guidance: tuple[float, float] = (60.0, 120.0), questions: tuple[int, int] = (2, 2),
            farewell_left: float | None = 300.0, overtime: float = 0.0, interrupted: bool = False):
    """A summary with chosen figures: Ohjauksellinen talk (expert, client) and questions (open, closed)
    put in that step, the other steps silent and questionless."""
    steps = tuple(StepSummary(s, 100.0, 100.0, *(guidance if s is Step.OHJAUKSELLINEN else (0.0, 0.0)), 0.0,
                              None, *(questions if s is Step.OHJAUKSELLINEN else (0, 0)))
                  for s in STEPS)
    return dataclasses.replace(realistic_summary(1, 30), started_at=started_at, steps=steps,
                               farewell_time_left_s=farewell_left, overtime_s=overtime, interrupted=interrupted)


# --- trends -------------------------------------------------------------------------------------------
def test_meeting_day_and_iso_monday():
    assert meeting_day("2026-11-08T23:30+02:00") == date(2026, 11, 8)
    assert iso_monday(date(2026, 11, 8)) == date(2026, 11, 2)  # a Sunday belongs to the week before
    assert iso_monday(date(2026, 11, 2)) == date(2026, 11, 2)


def test_weekly_trends_pool_talk_and_questions_and_average_times():
    week = [meeting("2026-11-02T09:00+02:00", guidance=(60, 120), questions=(3, 1), farewell_left=300, overtime=0),
            meeting("2026-11-04T10:00+02:00", guidance=(30, 30), questions=(1, 3), farewell_left=None, overtime=120)]
    [w] = weekly_trends(week)
    assert w.monday == date(2026, 11, 2) and w.iso_week == (2026, 45)
    assert w.meetings == 2 and w.ended == 2
    assert w.guidance_expert_share == pytest.approx(90 / 240)  # pooled, not the mean of 1/3 and 1/2
    assert w.open_share == pytest.approx(4 / 8)
    assert w.farewell_left_s == pytest.approx(300)  # only the meeting that reached Hyvästely
    assert w.farewell_missed == 1
    assert w.overtime_s == pytest.approx(60)  # 0 and 120
    assert w.over_time == 1


def test_interrupted_meetings_count_for_talk_but_not_for_time():
    week = [meeting("2026-11-02T09:00+02:00", guidance=(10, 30), overtime=0, farewell_left=200),
            meeting("2026-11-03T09:00+02:00", guidance=(30, 10), overtime=600, farewell_left=None, interrupted=True)]
    [w] = weekly_trends(week)
    assert w.meetings == 2 and w.ended == 1
    assert w.guidance_expert_share == pytest.approx(40 / 80)
    assert w.overtime_s == 0 and w.over_time == 0
    assert w.farewell_left_s == 200 and w.farewell_missed == 0


def test_empty_weeks_are_filled_as_gaps_in_order():
    ms = [meeting("2026-11-20T09:00+02:00"), meeting("2026-11-02T09:00+02:00")]
    weeks = weekly_trends(ms)
    assert [w.monday for w in weeks] == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    assert [w.meetings for w in weeks] == [1, 0, 1]
    gap = weeks[1]
    assert gap.guidance_expert_share is None and gap.overtime_s is None and gap.open_share is None
    assert [w.monday for w in weekly_trends(ms, fill_gaps=False)] == [date(2026, 11, 2), date(2026, 11, 16)]
    assert weekly_trends([]) == []


def test_weeks_without_talk_or_questions_have_no_ratio():
    [w] = weekly_trends([meeting("2026-11-02T09:00+02:00", guidance=(0, 0), questions=(0, 0))])
    assert w.guidance_expert_share is None and w.open_share is None


def test_trends_across_a_year_boundary():
    weeks = weekly_trends([meeting("2026-12-30T09:00+02:00"), meeting("2027-01-05T09:00+02:00")])
    assert [w.iso_week for w in weeks] == [(2026, 53), (2027, 1)]


# --- chart series ---------------------------------------------------------------------------------------
def _buckets(pairs):
    return [Bucket(i * 15.0, Step.OHJAUKSELLINEN, e, c) for i, (e, c) in enumerate(pairs)]


def test_share_series_pools_a_centred_window():
    marks = share_series(_buckets([(10, 0), (0, 10), (5, 5), (0, 0)]), window=3, min_talk_s=1)
    assert [m.t_s for m in marks] == [7.5, 22.5, 37.5, 52.5]
    assert marks[0].expert_share == pytest.approx(10 / 20)  # buckets 0-1
    assert marks[1].expert_share == pytest.approx(15 / 30)  # buckets 0-2
    assert marks[2].expert_share == pytest.approx(5 / 20)   # buckets 1-3
    assert marks[3].expert_share == pytest.approx(5 / 10)   # buckets 2-3


def test_share_series_leaves_a_gap_where_too_little_was_said():
    marks = share_series(_buckets([(1, 0), (0, 0), (0, 0), (12, 3)]), window=1, min_talk_s=10)
    assert [m.expert_share for m in marks] == [None, None, None, pytest.approx(0.8)]


def test_step_bands_follow_the_visits_and_join_neighbours():
    s = dataclasses.replace(realistic_summary(1, 30), visits=(
        (Step.EMPATIA, 0.0, 60.0), (Step.OHJAUKSELLINEN, 60.0, 300.0), (Step.OHJAUKSELLINEN, 300.0, 400.0),
        (Step.NEUVONNALLINEN, 400.0, 400.0), (Step.NEUVONNALLINEN, 400.0, 900.0), (Step.OHJAUKSELLINEN, 900.0, 950.0)))
    assert [(b.step, b.start_s, b.end_s) for b in step_bands(s)] == [
        (Step.EMPATIA, 0, 60), (Step.OHJAUKSELLINEN, 60, 400), (Step.NEUVONNALLINEN, 400, 900),
        (Step.OHJAUKSELLINEN, 900, 950)]


def test_chart_span_covers_the_announced_end_when_the_meeting_was_shorter():
    s = realistic_summary(2, 30)
    assert chart_span(s) >= max(s.actual_s, s.announced_s)
    short = dataclasses.replace(s, announced_s=s.actual_s + 600)
    assert chart_span(short) == pytest.approx(s.actual_s + 600)


# --- per-step rows ---------------------------------------------------------------------------------------
def test_step_rows_judge_the_share_against_the_zone_in_force_at_the_meeting(make_config):
    config = make_config({"steps": {"ohjauksellinen": {"expert_share_max": 0.3}}})
    s = realistic_summary(3, 45)  # held under the default office zone (<= 35 %)
    assert s.step(Step.OHJAUKSELLINEN).target_high == 0.35
    assert {r.step: (r.zone_max, r.zone_stored) for r in step_rows(s, config)}[Step.OHJAUKSELLINEN] == (0.35, True)
    # A meeting stored before zones were kept falls back to today's office zone
    old = dataclasses.replace(s, steps=tuple(dataclasses.replace(x, target_low=None, target_high=None)
                                             for x in s.steps))
    rows = {r.step: r for r in step_rows(old, config)}
    assert list(rows) == list(STEPS)
    g = rows[Step.OHJAUKSELLINEN]
    assert (g.zone_min, g.zone_max, g.zone_stored) == (0.0, 0.3, False)
    assert g.expert_share == s.step(Step.OHJAUKSELLINEN).expert_share
    assert g.time_s == s.step(Step.OHJAUKSELLINEN).time_s
    expected = Zone.ABOVE if g.expert_share > 0.3 else Zone.IN
    assert g.verdict is expected
    h = rows[Step.HYVASTELY]
    assert h.over_plan_s == pytest.approx(h.time_s - h.planned_s)


def test_step_rows_show_the_plan_stored_with_the_meeting(default_config):
    s = realistic_summary(3, 45)
    rows = step_rows(s, default_config)
    assert [r.planned_s for r in rows] == [x.planned_s for x in s.steps]
    # ...which is the office plan for the announced length, not the plan re-shaped by overruns
    m = Meeting(default_config, now=lambda: 0.0)
    m.set_length(s.announced_s / 60)
    ideal = m.ideal_plan()
    assert [r.planned_s for r in rows] == [pytest.approx(ideal[x], abs=0.01) for x in STEPS]


@pytest.mark.parametrize("share, verdict", [(0.2, Zone.BELOW), (0.4, Zone.IN), (0.85, Zone.IN),
                                            (0.9, Zone.ABOVE), (None, None)])
def test_verdict_edges(default_config, share, verdict):
    s = realistic_summary(3, 45)
    steps = tuple(dataclasses.replace(x, expert_share=share) if x.step is Step.NEUVONNALLINEN else x for x in s.steps)
    rows = {r.step: r for r in step_rows(dataclasses.replace(s, steps=steps), default_config)}
    assert rows[Step.NEUVONNALLINEN].verdict is verdict  # default zone 0.40-0.85


# --- texts (the checks every text gets are in test_i18n.py) ------------------------------------------------
def test_the_review_can_name_every_step_and_every_nudge():
    for lang in LANGUAGES:
        assert len({step_name(step, lang) for step in STEPS}) == 4
    from kohtaava_desk.store.validate import known_nudge_ids
    for nudge in known_nudge_ids():
        assert f"review.nudge.{nudge}" in TEXTS
        assert nudge_label(nudge, "sv") == t(f"review.nudge.{nudge}", "sv") != nudge
    assert nudge_label("a_newer_nudge", "fi") == "a_newer_nudge"


def test_review_texts_say_nothing_identifying_about_clients():
    # Client talk time is the only client figure; names, ids or words never appear in the review.
    assert review.TEXTS
    for texts in review.TEXTS.values():
        for text in texts:
            assert not re.search(r"\b(nimi|henkilötunnus|namn|personnummer|name|ssn)\b", text, re.I), text
    assert t("review.filter.count", "xx", n=3) == "3 tapaamista"  # unknown language falls back to Finnish
