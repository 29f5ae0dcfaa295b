"""Simulated-clock meetings: steps, revisits, length changes, pauses, overtime and the talk ledger."""

from __future__ import annotations

import pytest

from kohtaava_desk.meeting.summary import VERDICTS
from kohtaava_desk.meeting import (CaptureGap, Meeting, MeetingError, MeetingState, MeetingSummary, Segment,
                                   SegmentAdded, SegmentRevised, Speaker, Step)

E, C, U = Speaker.EXPERT, Speaker.CLIENT, Speaker.UNKNOWN


def seg(i, a, b, who):
    return SegmentAdded(Segment(i, a, b, who))


@pytest.fixture
def meeting(default_config, clock):
    m = Meeting(default_config, now=clock, wall=lambda: "2026-11-28T09:00+02:00")
    m.start()
    return m


def test_starts_in_empatia_with_default_length(meeting, default_config):
    assert meeting.step is Step.EMPATIA
    assert meeting.state is MeetingState.RUNNING
    assert meeting.announced_s == default_config.meeting.default_length_min * 60
    assert meeting.length_source == "default"


def test_cannot_start_twice_or_move_steps_before_start(default_config, clock):
    m = Meeting(default_config, now=clock)
    with pytest.raises(MeetingError):
        m.forward()
    with pytest.raises(MeetingError):
        m.end()
    m.start()
    with pytest.raises(MeetingError):
        m.start()


def test_time_per_step_includes_revisits(meeting, clock):
    clock.advance(60)
    meeting.forward()  # Ohjauksellinen
    clock.advance(300)
    meeting.forward()  # Neuvonnallinen
    clock.advance(120)
    assert meeting.back() is Step.NEUVONNALLINEN  # back to guidance is normal
    clock.advance(90)
    meeting.go_to(Step.NEUVONNALLINEN)
    clock.advance(30)
    assert meeting.time_in_step(Step.EMPATIA) == pytest.approx(60)
    assert meeting.time_in_step(Step.OHJAUKSELLINEN) == pytest.approx(390)
    assert meeting.time_in_step(Step.NEUVONNALLINEN) == pytest.approx(150)
    assert [v.step for v in meeting.visits] == [Step.EMPATIA, Step.OHJAUKSELLINEN, Step.NEUVONNALLINEN,
                                                 Step.OHJAUKSELLINEN, Step.NEUVONNALLINEN]


def test_jump_and_bounds(meeting, clock):
    clock.advance(10)
    assert meeting.back() is None  # nothing before Empatia
    meeting.go_to(Step.HYVASTELY)
    assert meeting.forward() is None
    assert meeting.step is Step.HYVASTELY


def test_pause_freezes_clock_and_step_time(meeting, clock):
    clock.advance(100)
    meeting.pause()
    clock.advance(500)
    assert meeting.elapsed() == pytest.approx(100)
    meeting.resume()
    clock.advance(50)
    assert meeting.elapsed() == pytest.approx(150)
    assert meeting.time_in_step(Step.EMPATIA) == pytest.approx(150)


def test_length_change_mid_meeting_and_overtime(meeting, clock):
    meeting.set_length(15, "click")
    clock.advance(10 * 60)
    assert meeting.remaining() == pytest.approx(5 * 60)
    previous = meeting.set_length(30, "voice")
    assert meeting.remaining() == pytest.approx(20 * 60)
    meeting.restore_length(previous)  # the undo of a voice-set length
    assert (meeting.announced_s, meeting.length_source) == (15 * 60, "click")
    clock.advance(7 * 60)
    assert meeting.overtime() == pytest.approx(2 * 60)
    assert meeting.end().overtime_s == pytest.approx(120)


@pytest.mark.parametrize("minutes", [0, -5, 601])
def test_length_out_of_range_is_rejected(meeting, minutes):
    with pytest.raises(ValueError, match="between 1 and 600"):
        meeting.set_length(minutes)


def test_plan_protects_farewell_reserve_when_a_step_overruns(meeting, clock):
    meeting.set_length(30)
    reserve = meeting.reserve_s()
    assert reserve == pytest.approx(0.18 * 1800)
    ideal = meeting.plan()
    assert sum(ideal.values()) == pytest.approx(1800)
    clock.advance(60)
    meeting.forward()
    clock.advance(15 * 60)  # Ohjauksellinen overruns its ~11 min
    plan = meeting.plan()
    assert plan[Step.OHJAUKSELLINEN] == pytest.approx(15 * 60)
    assert plan[Step.HYVASTELY] == pytest.approx(reserve)
    assert plan[Step.NEUVONNALLINEN] < ideal[Step.NEUVONNALLINEN]
    assert sum(plan.values()) == pytest.approx(1800)


def test_ideal_plan_shares_the_announced_time_and_keeps_the_farewell_reserve(default_config, clock):
    # Defaults: budgets 0.10 / 0.37 / 0.35 / 0.18, reserve 18 % but at least 3 min.
    m = Meeting(default_config, now=clock)
    m.set_length(45)
    plan = m.ideal_plan()
    assert plan[Step.HYVASTELY] == pytest.approx(0.18 * 2700)
    body = 2700 - 486
    assert plan[Step.EMPATIA] == pytest.approx(body * 0.10 / 0.82)
    assert plan[Step.OHJAUKSELLINEN] == pytest.approx(body * 0.37 / 0.82)
    assert sum(plan.values()) == pytest.approx(2700)
    m.set_length(10)
    assert m.ideal_plan()[Step.HYVASTELY] == pytest.approx(180)  # the 3-minute floor


def test_short_meeting_keeps_reserve_floor(make_config, clock):
    m = Meeting(make_config(), now=clock)
    m.set_length(10)
    assert m.reserve_s() == pytest.approx(180)  # 18 % of 10 min is less than the 3 min floor


def test_segments_split_at_step_changes_and_share_per_step(meeting, clock):
    t0 = clock.t
    clock.advance(60)
    meeting.forward()
    clock.advance(60)
    meeting.apply([seg(1, t0 + 50, t0 + 70, E), seg(2, t0 + 70, t0 + 115, C)])
    assert meeting.totals(Step.EMPATIA).expert_s == pytest.approx(10)
    assert meeting.totals(Step.OHJAUKSELLINEN).expert_s == pytest.approx(10)
    assert meeting.totals(Step.OHJAUKSELLINEN).client_s == pytest.approx(45)
    assert meeting.totals().expert_share == pytest.approx(20 / 65)


def test_revision_relabels_every_piece(meeting, clock):
    t0 = clock.t
    clock.advance(60)
    meeting.forward()
    clock.advance(30)
    meeting.apply([seg(7, t0 + 40, t0 + 80, U)])
    assert meeting.totals().unknown_s == pytest.approx(40)
    meeting.apply([SegmentRevised(7, C)])
    assert meeting.totals().client_s == pytest.approx(40)
    assert meeting.totals(Step.EMPATIA).client_s == pytest.approx(20)


def test_rolling_window_edges(meeting, clock):
    t0 = clock.t
    clock.advance(300)
    meeting.apply([seg(1, t0 + 100, t0 + 180, E), seg(2, t0 + 190, t0 + 290, C)])
    recent = meeting.recent(120)  # window 180..300
    assert recent.expert_s == pytest.approx(0)
    assert recent.client_s == pytest.approx(100)
    recent = meeting.recent(150)  # 150..300 cuts the expert segment in half
    assert recent.expert_s == pytest.approx(30)
    assert meeting.recent(10000).expert_s == pytest.approx(80)


def test_segments_during_pause_do_not_add_time(meeting, clock):
    t0 = clock.t
    clock.advance(10)
    meeting.pause()
    clock.advance(100)
    meeting.resume()
    clock.advance(10)
    meeting.apply([seg(1, t0 + 5, t0 + 115, E)])
    # 5 s before the pause and 5 s after it: the paused 100 s count for nothing.
    assert meeting.totals().expert_s == pytest.approx(10)


def test_turns_monologues_and_response_pause(meeting, clock):
    t0 = clock.t
    clock.advance(200)
    meeting.apply([
        seg(1, t0 + 0, t0 + 10, E), seg(2, t0 + 11, t0 + 30, E),  # one expert turn of 30 s (1 s breath)
        seg(3, t0 + 33, t0 + 60, C),
        seg(4, t0 + 62, t0 + 70, E),  # answers after 2 s
        seg(5, t0 + 80, t0 + 140, C),
        seg(6, t0 + 146, t0 + 150, E),  # answers after 6 s
        seg(7, t0 + 150.5, t0 + 152, U),
    ])
    s = meeting.end()
    assert s.turns == 5
    assert s.longest_expert_monologue_s == pytest.approx(30)
    assert s.longest_client_turn_s == pytest.approx(60)
    assert s.median_expert_response_pause_s == pytest.approx(4)
    assert s.unknown_s == pytest.approx(1.5)


def test_capture_gap_is_kept_and_clock_goes_on(meeting, clock):
    t0 = clock.t
    clock.advance(120)
    meeting.apply([CaptureGap(t0 + 30, t0 + 75)])
    assert meeting.elapsed() == pytest.approx(120)
    assert meeting.end().capture_gap_s == pytest.approx(45)


def test_summary_is_immutable_numbers_only_and_round_trips(meeting, clock):
    t0 = clock.t
    clock.advance(100)
    meeting.count_question("open")
    meeting.count_question("closed")
    meeting.forward()
    clock.advance(20)
    meeting.apply([seg(1, t0 + 90, t0 + 110, E)])
    meeting.record_nudge("over_time")
    s = meeting.end()
    assert meeting.state is MeetingState.ENDED
    assert meeting.end() is s
    with pytest.raises(Exception):
        s.actual_s = 5  # frozen
    d = s.to_dict()
    assert MeetingSummary.from_dict(d) == s
    assert s.step(Step.EMPATIA).open_questions == 1 and s.step(Step.EMPATIA).closed_questions == 1
    assert s.nudges == ((120.0, "over_time"),)
    assert len(s.timeline) == 8  # 120 s in 15 s buckets
    assert sum(b.expert_s for b in s.timeline) == pytest.approx(20)

    def strings(v):
        if isinstance(v, dict):
            return [x for val in v.values() for x in strings(val)]
        if isinstance(v, list):
            return [x for val in v for x in strings(val)]
        return [v] if isinstance(v, str) else []
    allowed = {"2026-11-28T09:00+02:00", "default", "over_time"} | {st.value for st in Step} | set(VERDICTS)
    assert set(strings(d)) <= allowed


def test_farewell_time_left_recorded_when_entering_hyvastely(meeting, clock):
    meeting.set_length(20)
    clock.advance(16 * 60)
    meeting.go_to(Step.HYVASTELY)
    clock.advance(60)
    assert meeting.end().farewell_time_left_s == pytest.approx(4 * 60)


def test_bad_question_kind(meeting):
    with pytest.raises(ValueError):
        meeting.count_question("rhetorical")


def test_a_finished_step_keeps_its_plan_not_the_time_it_took(default_config, clock):
    m = Meeting(default_config, now=clock)
    m.start()
    m.set_length(30)  # announced during Empatia: Empatia's plan follows it
    clock.advance(400)  # Empatia overruns its 3-minute plan
    m.go_to(Step.OHJAUKSELLINEN)
    clock.advance(60)   # Ohjauksellinen cut short
    m.go_to(Step.NEUVONNALLINEN)
    m.set_length(45)    # a later change does not rewrite the plan of steps already done
    clock.advance(10)
    s = m.end()
    ideal30 = Meeting(default_config, now=clock)
    ideal30.set_length(30)
    plan30 = ideal30.ideal_plan()
    e, g = s.step(Step.EMPATIA), s.step(Step.OHJAUKSELLINEN)
    assert (e.time_s, g.time_s) == (400.0, 60.0)
    assert e.planned_s == pytest.approx(plan30[Step.EMPATIA], abs=0.01) and e.planned_s < e.time_s
    assert g.planned_s == pytest.approx(plan30[Step.OHJAUKSELLINEN], abs=0.01) and g.planned_s > g.time_s
    assert s.step(Step.NEUVONNALLINEN).planned_s == pytest.approx(m.ideal_plan()[Step.NEUVONNALLINEN], abs=0.01)


def test_per_step_figures_turns_zone_and_nudges(default_config, clock):
    m = Meeting(default_config, now=clock)
    m.start()
    clock.advance(100)
    m.go_to(Step.OHJAUKSELLINEN)  # at 100 s
    clock.advance(200)
    t0 = clock.t - 300  # session-clock time of the meeting's start
    m.apply([SegmentAdded(Segment(1, t0 + 90, t0 + 130, Speaker.EXPERT)),   # split at the step change
             SegmentAdded(Segment(2, t0 + 140, t0 + 150, Speaker.CLIENT)),
             SegmentAdded(Segment(3, t0 + 160, t0 + 230, Speaker.EXPERT)),
             SegmentAdded(Segment(4, t0 + 240, t0 + 290, Speaker.CLIENT))])
    m.record_nudge("expert_talks_too_much")
    s = m.end()
    e, g = s.step(Step.EMPATIA), s.step(Step.OHJAUKSELLINEN)
    assert (e.longest_expert_monologue_s, e.longest_expert_monologue_at_s) == (10.0, 90.0)
    assert (g.longest_expert_monologue_s, g.longest_expert_monologue_at_s) == (70.0, 160.0)
    assert g.longest_client_turn_s == 50.0 and e.longest_client_turn_s == 0.0
    zone = default_config.step(Step.OHJAUKSELLINEN)
    assert (g.target_low, g.target_high) == (zone.expert_share_min, zone.expert_share_max)
    assert g.expert_share == pytest.approx(100 / 160)
    assert g.verdict == ("above" if 100 / 160 > zone.expert_share_max else "within")
    assert (e.nudges, g.nudges) == (0, 1)
    assert e.expert_share == 1.0 and e.verdict == ("above" if default_config.step(Step.EMPATIA).expert_share_max < 1
                                                   else "within")
    assert s.step(Step.HYVASTELY).verdict is None  # no talk, no verdict


def test_running_sums_match_a_recount_after_revisions(default_config, clock):
    """The ledger keeps talk per step and per bucket up to date on every add and revision; a recount
    over the pieces must give the same figures (this is what keeps an hour's checkpoint cheap)."""
    import random

    from kohtaava_desk.meeting import metrics
    from kohtaava_desk.meeting.summary import BUCKET_S

    rnd = random.Random(5)
    m = Meeting(default_config, now=clock)
    m.start()
    t0 = clock.t
    t, seg = 0.0, 0
    for step in (Step.OHJAUKSELLINEN, Step.NEUVONNALLINEN, Step.OHJAUKSELLINEN, Step.HYVASTELY):
        for _ in range(60):
            d = rnd.uniform(0.3, 20.0)
            m.apply([SegmentAdded(Segment(seg, t0 + t, t0 + t + d, rnd.choice((E, C, U))))])
            if seg and rnd.random() < 0.3:
                m.apply([SegmentRevised(rnd.randrange(seg), rnd.choice((E, C, U)))])
            seg += 1
            t += d + rnd.uniform(0.0, 3.0)
            clock.t = t0 + t
        m.go_to(step)
    s = m.end()
    pieces = m.ledger.pieces()
    for st in s.steps:
        recount = metrics.totals(p for p in pieces if p.step is st.step)
        assert (st.expert_s, st.client_s, st.unknown_s) == pytest.approx(
            (recount.expert_s, recount.client_s, recount.unknown_s), abs=0.011)
    for b in s.timeline:
        lo, hi = b.t, b.t + BUCKET_S
        e = metrics.totals([p for p in pieces if p.speaker is E], lo, hi).expert_s
        c = metrics.totals([p for p in pieces if p.speaker is C], lo, hi).client_s
        assert (b.expert_s, b.client_s) == pytest.approx((e, c), abs=0.011)
        assert b.step is m.step_at(min(b.t + BUCKET_S / 2, s.actual_s))
