"""The widget's Qt-free controller on a fake clock: lifecycle, steps, length (click and voice with undo),
step cues (move/suggest), nudges, listening state, checkpoints and the snapshot the widget draws."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass

import pytest

from kohtaava_desk.companion import OFFER_SECONDS, Companion, ListeningState, OfferKind, VoiceState
from kohtaava_desk.companion.controller import CHECKPOINT_S
from kohtaava_desk.meeting import CaptureGap, Segment, SegmentAdded, SegmentRevised, Speaker, Step
from kohtaava_desk.talk import Confidence, ListeningQuality
from ui_helpers import Talker

E, C = Speaker.EXPERT, Speaker.CLIENT


@dataclass
class Heard:
    announced_minutes: int | None = None
    step_cue: object = None
    question: str | None = None


class FakeRecorder:
    def __init__(self, fail=False):
        self.calls: list[tuple[str, float]] = []
        self.fail = fail

    def _log(self, what, summary):
        if self.fail:
            raise OSError("disk full")
        self.calls.append((what, summary.actual_s))

    def begin(self, summary):
        self._log("begin", summary)

    def checkpoint(self, summary):
        self._log("checkpoint", summary)

    def finish(self, summary):
        self._log("finish", summary)


@pytest.fixture
def comp(default_config, clock):
    return Companion(default_config, now=clock)


def test_ready_snapshot_before_start(comp):
    s = comp.tick()
    assert s.meeting_state == "ready"
    assert s.elapsed_s == 0
    assert s.announced_s == 30 * 60
    assert s.length_source == "default"
    assert [v.step for v in s.steps] == list(Step)
    assert s.step is Step.EMPATIA and s.steps[0].current
    assert s.nudge is None and s.offer is None and s.summary is None
    assert not s.in_reserve
    with pytest.raises(FrozenInstanceError):
        s.elapsed_s = 3  # type: ignore[misc]


def test_start_pause_resume_end(comp, clock):
    comp.toggle()
    clock.advance(60)
    assert comp.tick().elapsed_s == pytest.approx(60)
    comp.toggle()
    assert comp.tick().meeting_state == "paused"
    clock.advance(100)
    assert comp.tick().elapsed_s == pytest.approx(60)
    comp.toggle()
    clock.advance(30)
    s = comp.tick()
    assert s.meeting_state == "running" and s.elapsed_s == pytest.approx(90)
    summary = comp.end()
    s = comp.tick()
    assert s.meeting_state == "ended"
    assert s.summary is summary and summary.actual_s == pytest.approx(90)
    comp.start()  # a new meeting starts from the summary card
    s = comp.tick()
    assert s.meeting_state == "running" and s.elapsed_s == 0 and s.summary is None


def test_new_meeting_only_when_not_running(comp, clock):
    comp.start()
    clock.advance(10)
    comp.new_meeting()
    assert comp.tick().meeting_state == "running"
    comp.end()
    comp.new_meeting()
    assert comp.tick().meeting_state == "ready"


def test_steps_forward_back_and_time_per_step(comp, clock):
    comp.next_step()  # ignored before the meeting starts
    assert comp.tick().step is Step.EMPATIA
    comp.start()
    clock.advance(120)
    comp.next_step()
    clock.advance(300)
    comp.next_step()
    clock.advance(60)
    comp.previous_step()
    clock.advance(30)
    s = comp.tick()
    assert s.step is Step.OHJAUKSELLINEN
    used = {v.step: v.used_s for v in s.steps}
    assert used[Step.EMPATIA] == pytest.approx(120)
    assert used[Step.OHJAUKSELLINEN] == pytest.approx(330)
    assert used[Step.NEUVONNALLINEN] == pytest.approx(60)
    assert [v.current for v in s.steps] == [False, True, False, False]
    comp.go_to(Step.HYVASTELY)
    assert comp.tick().step is Step.HYVASTELY
    comp.next_step()  # no step after the farewell
    assert comp.tick().step is Step.HYVASTELY


def test_length_by_click_replans_and_moves_reserve(comp, clock):
    comp.start()
    before = comp.tick()
    comp.set_length(60)
    after = comp.tick()
    assert after.announced_s == 3600 and after.length_source == "click"
    assert after.reserve_s > before.reserve_s
    assert sum(v.planned_s for v in after.steps) == pytest.approx(3600, rel=0.01)


def test_length_by_voice_offers_undo_for_twenty_seconds(comp, clock):
    comp.set_length(30)
    comp.start()
    comp.on_heard(Heard(announced_minutes=45))
    s = comp.tick()
    assert s.announced_s == 45 * 60 and s.length_source == "voice"
    assert s.offer.kind is OfferKind.LENGTH_BY_VOICE and s.offer.minutes == 45
    clock.advance(OFFER_SECONDS - 1)
    assert comp.tick().offer is not None
    comp.accept_offer()  # undo
    s = comp.tick()
    assert s.announced_s == 30 * 60 and s.length_source == "click" and s.offer is None


def test_voice_offer_expires_and_length_stays(comp, clock):
    comp.start()
    comp.on_heard(Heard(announced_minutes=20))
    clock.advance(OFFER_SECONDS + 0.5)
    s = comp.tick()
    assert s.offer is None and s.announced_s == 20 * 60
    comp.accept_offer()  # nothing to undo any more
    assert comp.tick().announced_s == 20 * 60


def test_two_voice_lengths_undo_to_the_original(comp):
    comp.set_length(15)
    comp.on_heard(Heard(announced_minutes=45))
    comp.on_heard(Heard(announced_minutes=60))
    assert comp.tick().offer.minutes == 60
    comp.accept_offer()
    assert comp.tick().announced_s == 15 * 60


def test_click_after_voice_clears_the_offer(comp):
    comp.on_heard(Heard(announced_minutes=45))
    comp.set_length(60)
    s = comp.tick()
    assert s.offer is None and s.announced_s == 3600


def test_step_cue_suggest_mode_only_proposes(comp, clock):
    comp.start()
    comp.on_heard(Heard(step_cue="neuvonnallinen"))
    s = comp.tick()
    assert s.step is Step.EMPATIA
    assert s.offer.kind is OfferKind.STEP_SUGGESTED and s.offer.step is Step.NEUVONNALLINEN
    comp.accept_offer()
    assert comp.tick().step is Step.NEUVONNALLINEN


def test_step_cue_move_mode_moves_with_undo(make_config, clock):
    comp = Companion(make_config({"cues": {"mode": "move"}}), now=clock)
    comp.start()
    clock.advance(30)
    comp.on_heard(Heard(step_cue=Step.HYVASTELY))
    s = comp.tick()
    assert s.step is Step.HYVASTELY and s.offer.kind is OfferKind.STEP_MOVED
    comp.accept_offer()
    assert comp.tick().step is Step.EMPATIA


def test_step_cue_ignored_when_not_running_or_same_step(comp):
    comp.on_heard(Heard(step_cue="ohjauksellinen"))
    assert comp.tick().offer is None
    comp.start()
    comp.on_heard(Heard(step_cue="empatia"))
    assert comp.tick().offer is None


def test_manual_step_change_drops_a_step_suggestion(comp):
    comp.start()
    comp.on_heard(Heard(step_cue="hyvastely"))
    comp.next_step()
    s = comp.tick()
    assert s.offer is None and s.step is Step.OHJAUKSELLINEN


def test_questions_are_counted_per_step(comp):
    comp.start()
    comp.on_heard(Heard(question="open"))
    comp.next_step()
    comp.on_heard(Heard(question="closed"))
    comp.on_heard(Heard(question="open"))
    assert comp.meeting.question_counts(Step.EMPATIA) == {"open": 1, "closed": 0}
    assert comp.meeting.question_counts(Step.OHJAUKSELLINEN) == {"open": 1, "closed": 1}


def test_balance_for_step_and_recent_window_with_target_zone(comp, clock):
    talk = Talker(comp, clock)
    comp.start()
    talk(60, 0.8)
    comp.next_step()  # Ohjauksellinen: target 0..35 %
    talk(200, 0.25)
    s = comp.tick()
    assert s.balance_step.expert_share == pytest.approx(0.25)
    assert s.balance_step.target_max == pytest.approx(0.35)
    assert s.balance_step.zone == "in"
    talk(120, 0.9)
    s = comp.tick()
    assert s.balance_recent.expert_share == pytest.approx(0.9)  # last 120 s only
    assert s.balance_recent.zone == "above"
    assert s.balance_step.expert_share == pytest.approx((50 + 108) / 320)
    empatia = s.steps[0]
    assert empatia.expert_share == pytest.approx(0.8)


def test_balance_is_none_before_speech(comp, clock):
    comp.start()
    clock.advance(30)
    s = comp.tick()
    assert s.balance_step.expert_share is None and s.balance_step.zone is None


def test_nudge_shows_snoozes_and_dismisses(comp, clock):
    talk = Talker(comp, clock)
    comp.start()
    comp.next_step()
    talk(130, 0.9)
    s = comp.tick()
    assert s.nudge is not None and s.nudge.id == "expert_talks_too_much"
    assert s.nudge.text == comp.config.nudges.expert_talks_too_much.text.fi
    comp.snooze()
    talk(60, 0.9)
    assert comp.tick().nudge is None
    talk(5 * 60, 0.9)  # snooze (5 min) over
    assert comp.tick().nudge.id == "expert_talks_too_much"
    comp.dismiss()
    talk(120, 0.9)
    assert comp.tick().nudge is None  # dismissed until the situation clears
    assert [n for _, n in comp.meeting.nudges_shown] == ["expert_talks_too_much"] * 2


def test_overtime_and_reserve(comp, clock):
    comp.set_length(15)
    comp.start()
    clock.advance(13 * 60)
    s = comp.tick()
    assert s.in_reserve and s.nudge.id == "move_to_farewell"
    comp.go_to(Step.HYVASTELY)
    assert comp.tick().nudge is None  # moving on clears it (and starts the cooldown)
    clock.advance(4 * 60)
    s = comp.tick()
    assert s.overtime_s == pytest.approx(120) and s.remaining_s == pytest.approx(-120)
    assert s.nudge.id == "over_time"


def test_nudges_off_in_settings(make_config, clock):
    comp = Companion(make_config({"ui": {"nudges_enabled": False}}), now=clock)
    comp.set_length(15)
    comp.start()
    clock.advance(14 * 60)
    s = comp.tick()
    assert s.nudge is None and not s.nudges_enabled


def test_apply_config_switches_language_mid_meeting(comp, make_config, clock):
    comp.set_length(15)
    comp.start()
    clock.advance(13 * 60)
    assert comp.tick().nudge.text == comp.config.nudges.move_to_farewell.text.fi
    comp.apply_config(make_config({"ui": {"language": "sv"}}), ["x: bad"])
    s = comp.tick()
    assert s.language == "sv" and s.nudge.text == comp.config.nudges.move_to_farewell.text.sv
    assert s.config_problems == ("x: bad",)


def test_listening_calibrating_and_voice_states(comp, clock):
    comp.start()
    clock.advance(2)
    comp.set_listening(ListeningState.MIC_LOST_RETRYING)
    comp.on_talk_events([ListeningQuality(True, Confidence.ENROLLED)])  # calibration arrives with the talk
    comp.set_voice(VoiceState.MISSING, "no model")
    s = comp.tick()
    assert s.listening is ListeningState.MIC_LOST_RETRYING and s.calibrating
    assert s.voice is VoiceState.MISSING and s.voice_message == "no model"
    comp.on_talk_events([SegmentAdded(Segment(1, clock.t - 1.5, clock.t - 0.5, E)), ListeningQuality(False, Confidence.ENROLLED)])
    assert not comp.tick().calibrating and comp.meeting.totals().expert_s == pytest.approx(1.0)


def test_capture_gap_reaches_the_summary(comp, clock):
    comp.start()
    t0 = clock.t
    clock.advance(30)
    comp.on_talk_events([CaptureGap(t0 + 5, t0 + 15)])
    assert comp.end().capture_gap_s == pytest.approx(10)


def test_checkpoints_every_ten_seconds_and_finish(default_config, clock):
    rec = FakeRecorder()
    comp = Companion(default_config, now=clock, recorder=rec)
    comp.start()
    for _ in range(30):
        clock.advance(1)
        comp.tick()
    comp.pause()
    clock.advance(60)
    comp.tick()  # no checkpoints while paused
    comp.end()
    kinds = [k for k, _ in rec.calls]
    assert kinds == ["begin", "checkpoint", "checkpoint", "checkpoint", "finish"]
    gaps = [b - a for (_, a), (_, b) in zip(rec.calls[1:4], rec.calls[2:4])]
    assert all(g <= CHECKPOINT_S + 1e-9 for g in gaps)
    assert rec.calls[-1][1] == pytest.approx(30)


def test_a_failing_store_never_breaks_the_meeting(default_config, clock):
    comp = Companion(default_config, now=clock, recorder=FakeRecorder(fail=True))
    comp.start()
    clock.advance(20)
    comp.tick()
    assert comp.end().actual_s == pytest.approx(20)


def test_spoken_cues_only_when_enabled(make_config, clock):
    said: list[str] = []
    quiet = Companion(make_config(), now=clock, speak=said.append)
    quiet.on_heard(Heard(announced_minutes=45))
    assert said == []
    loud = Companion(make_config({"ui": {"spoken_cues": True, "language": "en"}}), now=clock, speak=said.append)
    loud.on_heard(Heard(announced_minutes=45))
    loud.set_length(15)
    loud.start()
    clock.advance(13 * 60)
    loud.tick()
    loud.tick()  # the same nudge is spoken once, not on every tick
    assert said == ["Length 45 minutes.", loud.config.nudges.move_to_farewell.text.en]


def test_each_step_carries_its_own_target_zone(comp, clock):
    talk = Talker(comp, clock)
    comp.start()
    talk(60, 0.5)          # Empatia 30..75 %: in
    comp.next_step()
    talk(60, 0.5)          # Ohjauksellinen 0..35 %: above
    s = comp.tick()
    zones = {v.step: v.zone for v in s.steps}
    assert zones == {Step.EMPATIA: "in", Step.OHJAUKSELLINEN: "above", Step.NEUVONNALLINEN: None,
                     Step.HYVASTELY: None}


def test_step_overrun_is_flagged_against_the_budget(comp, clock):
    comp.set_length(30)
    comp.start()
    clock.advance(120)  # Empatia budget: 10 % of the body before the reserve, about 2.7 min
    assert not comp.tick().steps[0].overran
    clock.advance(120)
    s = comp.tick()
    assert s.steps[0].overran and not s.steps[1].overran
    comp.next_step()
    after = comp.tick().steps[0]
    assert after.overran  # stays marked after moving on
    # ...and keeps its plan (3:00 for 30 min), not the 4:00 it took, so the overrun can be read
    assert after.used_s == pytest.approx(240) and after.ideal_s == pytest.approx(180, abs=0.5)


# --- whose words: recognised text acts only while its speech is confidently the expert's (issue 12)

def _spoken(start, end, **understood):
    from kohtaava_desk.companion.whose import HeardSpeech
    return HeardSpeech.of(Heard(**understood), start, end)


def _label(comp, seg_id, start, end, speaker):
    comp.on_talk_events([SegmentAdded(Segment(seg_id, start, end, speaker))])


def test_nothing_heard_acts_while_calibrating(comp):
    comp.start()
    comp.on_talk_events([ListeningQuality(True, Confidence.UNENROLLED)])
    comp.on_heard(Heard(announced_minutes=60, question="open"))
    comp.on_heard(Heard(step_cue="hyvastely"))
    s = comp.tick()
    assert s.announced_s == 30 * 60 and s.offer is None
    assert comp.meeting.question_counts(Step.EMPATIA) == {"open": 0, "closed": 0}
    comp.on_talk_events([ListeningQuality(False, Confidence.UNENROLLED)])
    comp.on_heard(Heard(announced_minutes=60))
    assert comp.tick().announced_s == 60 * 60


def test_speech_labelled_client_or_unlabelled_never_sets_the_length(comp, clock):
    comp.start()
    clock.advance(10)
    _label(comp, 0, 1.0, 3.0, C)   # the client: "minulla on tunti aikaa"
    comp.on_heard(_spoken(1.2, 2.8, announced_minutes=60))
    comp.on_heard(_spoken(20.0, 22.0, announced_minutes=45))  # no label under it at all
    _label(comp, 2, 4.0, 5.0, E)
    _label(comp, 3, 5.0, 6.0, Speaker.UNKNOWN)
    comp.on_heard(_spoken(4.5, 5.5, announced_minutes=15))  # partly unknown
    s = comp.tick()
    assert s.announced_s == 30 * 60 and s.length_source == "default" and s.offer is None


def test_expert_speech_acts_and_a_later_revision_to_the_client_offers_undo(comp, clock):
    comp.set_length(30)
    comp.start()
    _label(comp, 0, 1.0, 2.0, E)
    _label(comp, 1, 2.0, 3.0, E)
    comp.on_heard(_spoken(1.1, 2.9, announced_minutes=60))
    assert comp.tick().announced_s == 3600
    clock.advance(OFFER_SECONDS + 1)
    assert comp.tick().offer is None  # the undo offer ran out ...
    comp.on_talk_events([SegmentRevised(1, C)])  # ... then the label under it became the client's
    s = comp.tick()
    assert s.offer is not None and s.offer.kind is OfferKind.LENGTH_BY_VOICE and s.offer.minutes == 60
    comp.accept_offer()
    assert comp.tick().announced_s == 30 * 60


def test_revision_of_other_speech_or_back_to_the_expert_changes_nothing(comp, clock):
    comp.start()
    _label(comp, 0, 1.0, 2.0, E)
    _label(comp, 5, 8.0, 9.0, E)
    comp.on_heard(_spoken(1.1, 1.9, announced_minutes=45))
    clock.advance(OFFER_SECONDS + 1)
    comp.tick()
    comp.on_talk_events([SegmentRevised(5, C), SegmentRevised(0, E)])
    assert comp.tick().offer is None and comp.meeting.announced_s == 45 * 60


def test_a_revised_step_move_is_offered_for_undo_and_a_suggestion_withdrawn(make_config, clock):
    mover = Companion(make_config({"cues": {"mode": "move"}}), now=clock)
    mover.start()
    _label(mover, 0, 1.0, 2.0, E)
    mover.on_heard(_spoken(1.0, 2.0, step_cue=Step.NEUVONNALLINEN))
    clock.advance(OFFER_SECONDS + 1)
    assert mover.tick().offer is None and mover.meeting.step is Step.NEUVONNALLINEN
    mover.on_talk_events([SegmentRevised(0, C)])
    s = mover.tick()
    assert s.offer.kind is OfferKind.STEP_MOVED
    mover.accept_offer()
    assert mover.meeting.step is Step.EMPATIA

    suggester = Companion(make_config({}), now=clock)
    suggester.start()
    _label(suggester, 0, 1.0, 2.0, E)
    suggester.on_heard(_spoken(1.0, 2.0, step_cue=Step.HYVASTELY))
    assert suggester.tick().offer.kind is OfferKind.STEP_SUGGESTED
    suggester.on_talk_events([SegmentRevised(0, C)])
    assert suggester.tick().offer is None


def test_a_general_move_goes_to_the_following_step(make_config, clock):
    comp = Companion(make_config({"cues": {"mode": "move"}}), now=clock)
    comp.start()
    comp.on_heard(Heard(step_cue=None, question=None))
    from kohtaava_desk.companion.whose import HeardSpeech
    _label(comp, 0, 0.0, 50.0, E)
    comp.on_heard(HeardSpeech(None, None, None, True, 1.0, 2.0))
    assert comp.meeting.step is Step.OHJAUKSELLINEN
    comp.go_to(Step.HYVASTELY)
    comp.on_heard(HeardSpeech(None, None, None, True, 3.0, 4.0))
    assert comp.meeting.step is Step.HYVASTELY  # nothing follows the farewell


def test_the_gate_stays_bounded_through_a_long_meeting(comp):
    comp.start()
    for i in range(5000):
        _label(comp, i, i * 1.0, i * 1.0 + 1.0, E)
    assert len(comp._gate._segments) <= 310
