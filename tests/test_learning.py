"""What a meeting teaches: the takeaway rules in their order, the expert's own baseline, the focus."""

from __future__ import annotations

import dataclasses
import json

import pytest
from store_helpers import realistic_summary

from kohtaava_desk.meeting import Step
from kohtaava_desk.meeting.summary import MeetingSummary
from kohtaava_desk.review.focus import Focus, load_focus, save_focus
from kohtaava_desk.review.takeaway import (RULES, baseline, earlier, focus_report, guidance_share, sentence,
                                           takeaway, time_verdict)


def _with_step(s: MeetingSummary, step: Step, **changes) -> MeetingSummary:
    return dataclasses.replace(s, steps=tuple(dataclasses.replace(x, **changes) if x.step is step else x
                                              for x in s.steps))


def _guidance(s: MeetingSummary, share: float, talk: float = 600.0) -> MeetingSummary:
    return _with_step(s, Step.OHJAUKSELLINEN, expert_s=share * talk, client_s=(1 - share) * talk,
                      expert_share=share, longest_expert_monologue_s=100.0, longest_expert_monologue_at_s=750.0)


def _calm(s: MeetingSummary) -> MeetingSummary:
    """Nothing off: guidance in zone, time left for the farewell, steps on plan, open questions."""
    s = _guidance(s, 0.30)
    s = dataclasses.replace(s, farewell_time_left_s=s.step(Step.HYVASTELY).planned_s, interrupted=False)
    s = dataclasses.replace(s, steps=tuple(dataclasses.replace(x, time_s=x.planned_s, open_questions=4,
                                                               closed_questions=1) for x in s.steps))
    return s


@pytest.fixture
def base() -> MeetingSummary:
    return _calm(realistic_summary(3, 45))


def test_calm_meeting_says_what_went_right(base):
    tk = takeaway(base)
    assert tk.key == "learn.guidance_within"
    assert sentence(tk, "fi") == "Ohjauksellisessa puheosuutesi oli 30 % – tavoitteessa (≤ 35 %)."


def test_guidance_over_target_names_the_longest_turn_and_when(base):
    tk = takeaway(_guidance(base, 0.44))
    assert tk.key == "learn.guidance_over"
    assert sentence(tk, "fi") == ("Ohjauksellisessa puheosuutesi oli 44 % (tavoite ≤ 35 %); pisin puheenvuorosi "
                                  "1:40 kohdassa 12:30.")
    assert "usually" not in sentence(tk, "en")  # no history: no usual level


def test_farewell_short_then_missed(base):
    target = base.step(Step.HYVASTELY).planned_s
    short = dataclasses.replace(base, farewell_time_left_s=70.0)
    assert sentence(takeaway(short), "fi") == f"Hyvästelyyn jäi 1:10 – tavoite {int(target // 60)}:{int(target % 60):02d}."
    missed = dataclasses.replace(base, farewell_time_left_s=None)
    assert takeaway(missed).key == "learn.farewell_missed"
    # an interrupted meeting has no real ending to judge
    assert takeaway(dataclasses.replace(missed, interrupted=True)).key == "learn.guidance_within"


def test_rules_apply_in_their_stated_order(base):
    worst = _guidance(dataclasses.replace(base, farewell_time_left_s=10.0), 0.6)
    worst = _with_step(worst, Step.NEUVONNALLINEN, time_s=3 * worst.step(Step.NEUVONNALLINEN).planned_s)
    worst = dataclasses.replace(worst, steps=tuple(dataclasses.replace(x, open_questions=0, closed_questions=6)
                                                   for x in worst.steps))
    keys = []
    s = worst
    for fix in (lambda s: _guidance(s, 0.3),
                lambda s: dataclasses.replace(s, farewell_time_left_s=s.step(Step.HYVASTELY).planned_s),
                lambda s: _with_step(s, Step.NEUVONNALLINEN, time_s=s.step(Step.NEUVONNALLINEN).planned_s),
                lambda s: dataclasses.replace(s, steps=tuple(dataclasses.replace(x, open_questions=7)
                                                             for x in s.steps))):
        keys.append(takeaway(s).key)
        s = fix(s)
    keys.append(takeaway(s).key)
    assert keys == ["learn.guidance_over", "learn.farewell_short", "learn.step_over", "learn.open_low",
                    "learn.guidance_within"]
    assert len(RULES) == 5
    assert sentence(takeaway(_guidance(s, 0.3, talk=10.0)), "en") == "This meeting gave no talk figures to judge."


def test_usual_level_is_the_experts_own_median_of_the_last_20(base):
    history = [dataclasses.replace(_guidance(base, share), started_at=f"2026-09-{day:02d}T09:00+03:00")
               for day, share in zip(range(1, 26), [0.9] * 5 + [0.30, 0.32, 0.34, 0.36, 0.38, 0.40, 0.42] * 3)]
    b = baseline(history, guidance_share)
    assert b is not None and b.n == 20  # the five oldest (0.9) fall out of the window
    assert b.median == pytest.approx(0.36) and b.low < b.median < b.high
    tk = takeaway(_guidance(base, 0.44), history)
    assert sentence(tk, "fi").endswith("; tavallisesti 36 %.")
    assert baseline(history[:4], guidance_share) is None  # too few to call usual


def test_earlier_leaves_out_the_meeting_itself_and_later_ones(base):
    before = dataclasses.replace(base, started_at="2026-11-01T09:00+02:00")
    after = dataclasses.replace(base, started_at="2026-11-03T09:00+02:00")
    assert earlier([after, base, before], base) == [before]


def test_focus_leads_and_its_rule_is_not_repeated(base):
    over = _guidance(base, 0.44)
    assert takeaway(over, focus=Focus.GUIDANCE_LISTEN).key != "learn.guidance_over"
    report = focus_report(over, Focus.GUIDANCE_LISTEN)
    assert sentence(report, "en") == "Focus: your talk share in guidance 44% ▲ (target ≤ 35%)."
    fw = sentence(focus_report(dataclasses.replace(base, farewell_time_left_s=70.0), Focus.FAREWELL_TIME), "fi")
    assert fw.startswith("Harjoitus: hyvästelyyn jäi 1:10 ▼")
    assert sentence(focus_report(base, Focus.OPEN_QUESTIONS), "sv") == "Övning: öppna frågor 80 %."


def test_time_verdict_marks(base):
    st = base.step(Step.OHJAUKSELLINEN)
    assert time_verdict(st) == "within"
    assert time_verdict(dataclasses.replace(st, time_s=st.planned_s * 1.5)) == "above"
    assert time_verdict(dataclasses.replace(st, time_s=st.planned_s * 0.5)) == "below"


def test_focus_is_stored_as_one_enum_value(tmp_path):
    path = tmp_path / "focus.json"
    assert load_focus(path) is None
    save_focus(Focus.FAREWELL_TIME, path)
    assert json.loads(path.read_text()) == {"focus": "farewell_time"}
    assert load_focus(path) is Focus.FAREWELL_TIME
    save_focus(None, path)
    assert load_focus(path) is None
    path.write_text('{"focus": "talk less"}')
    assert load_focus(path) is None  # not one of ours: ignored, never shown


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_sentence_renders_in_every_language(base, lang):
    variants = [base, _guidance(base, 0.5), dataclasses.replace(base, farewell_time_left_s=5.0),
                dataclasses.replace(base, farewell_time_left_s=None)]
    for s in variants:
        assert "{" not in sentence(takeaway(s), lang)
        for f in Focus:
            assert "{" not in sentence(focus_report(s, f), lang)


def test_history_never_creates_a_store_and_reads_a_bounded_window(tmp_path):
    from datetime import date

    from kohtaava_desk.review.history import recent_summaries
    from kohtaava_desk.store import MeetingStore

    db = tmp_path / "m.sqlite3"
    assert recent_summaries(db) == [] and not db.exists()
    with MeetingStore(db) as store:
        for day in (1, 10, 25, 28):
            store.save_summary(dataclasses.replace(realistic_summary(1, 30), started_at=f"2026-11-{day:02d}T09:00+02:00"))
        store.save_summary(dataclasses.replace(realistic_summary(1, 30), started_at="2026-05-01T09:00+03:00"))
    got = recent_summaries(db, today=date(2026, 11, 30))
    # fewer than 21 in three weeks: the 120-day window is read; the May meeting stays out
    assert [s.started_at[:10] for s in got] == ["2026-11-01", "2026-11-10", "2026-11-25", "2026-11-28"]
