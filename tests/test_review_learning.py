"""The review as a teacher: the focus chosen and shown first, a target and the expert's usual level on
every trend, the zone in force at each meeting, the longest turn and legible nudge marks on the timeline."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from review_helpers import fill_weeks

from kohtaava_desk.meeting.steps import Step
from kohtaava_desk.review.focus import Focus, load_focus
from kohtaava_desk.store import MeetingStore
from kohtaava_desk.ui.review import open_review
from kohtaava_desk.ui.review.timeline_chart import TimelineChart
from kohtaava_desk.ui.review.trends_chart import PANELS, ordered_panels


@pytest.fixture
def window(qtbot, tmp_path, default_config):
    store = MeetingStore(tmp_path / "meetings.sqlite3")
    fill_weeks(store, date(2026, 9, 7), weeks=6, per_week=4)
    w = open_review(store=store, config=default_config)
    qtbot.addWidget(w)
    yield w
    store.close()


def test_focus_panel_comes_first_and_the_choice_is_stored(window):
    assert [p.key for p in window.trends.panels] == [p.key for p in PANELS] and window.focus is None
    window.set_focus(Focus.OPEN_QUESTIONS)
    assert window.trends.panels[0].key == "open" and load_focus() is Focus.OPEN_QUESTIONS
    assert window.focus_box.currentData() is Focus.OPEN_QUESTIONS
    window.focus_box.setCurrentIndex(0)  # "none chosen" from the list
    assert load_focus() is None and window.trends.panels[0].key == "guidance"
    assert [p.key for p in ordered_panels(Focus.FAREWELL_TIME)] == ["farewell", "guidance", "overtime", "open"]


def test_every_trend_has_a_target_and_a_usual_level(window):
    shown = window.shown_meetings()
    targets, baselines = window._targets(shown), window._baselines(shown)
    assert set(targets) == set(baselines) == {p.key for p in PANELS}
    assert targets["guidance"].high == 0.35 and targets["open"].low == 0.5 and targets["overtime"].high == 0.0
    assert targets["farewell"].low == pytest.approx(sorted(m.summary.step(Step.HYVASTELY).planned_s
                                                           for m in shown)[len(shown) // 2])
    guidance = baselines["guidance"]
    assert guidance is not None and guidance.n == 20  # the last 20 of 24
    latest = [m.summary.step(Step.OHJAUKSELLINEN).expert_share for m in shown][-20:]
    assert guidance.low <= guidance.median <= guidance.high
    assert min(latest) <= guidance.median <= max(latest)


def test_the_timeline_uses_the_zone_in_force_at_the_meeting(window, default_config):
    stored = window.current_meeting
    assert stored is not None
    changed = dataclasses.replace(stored, summary=dataclasses.replace(stored.summary, steps=tuple(
        dataclasses.replace(st, target_low=0.1, target_high=0.2) if st.step is Step.OHJAUKSELLINEN else st
        for st in stored.summary.steps)))
    assert window.zones(changed)[Step.OHJAUKSELLINEN] == (0.1, 0.2)
    assert window.zones(None)[Step.OHJAUKSELLINEN] == (0.0, default_config.step(Step.OHJAUKSELLINEN).expert_share_max)


def test_longest_turn_and_nudge_marks_are_sized_to_read(window, qtbot):
    s = window._store.get(window.current_meeting.id).summary
    at, length = TimelineChart.longest_turn(s)
    best = max(s.steps, key=lambda st: st.longest_expert_monologue_s)
    assert (at, length) == (best.longest_expert_monologue_at_s, best.longest_expert_monologue_s) and length > 0
    from PySide6.QtGui import QImage, QPainter

    img = QImage(800, 400, QImage.Format.Format_RGB32)
    p = QPainter(img)
    row = TimelineChart._nudge_row_h(p)
    fm_h = p.fontMetrics().height()
    p.end()
    assert row >= 20 and row >= fm_h  # a diamond never smaller than its number's line
