"""The widget's controller: one meeting, its nudges, and what was heard, without Qt.

Not thread-safe on purpose: every call comes from the UI thread (the Qt bridge marshals worker-thread
callbacks there), so the meeting needs no locks and the tests need no threads.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from ..config.schema import Config
from ..meeting import Meeting, MeetingState, MeetingSummary, Step
from ..talk import ListeningQuality, TalkEvent
from ..nudges import NudgeEngine
from .ports import Heard, Recorder
from .state import (BalanceView, ListeningState, NudgeView, Offer, OfferKind, StepView, VoiceState,
                    WidgetState)
from .whose import Action, SpeakerGate

log = logging.getLogger(__name__)

OFFER_SECONDS = 20.0
"""How long an undo/accept offer stays after something was heard."""
CHECKPOINT_S = 10.0
"""The store gets a checkpoint at least this often while a meeting runs."""


MAX_NOTES = 4
"""Service notices kept for the widget; older ones drop off."""


class Companion:
    def __init__(self, config: Config, now: Callable[[], float] = time.monotonic, *,
                 config_problems: Iterable[str] = (), recorder: Recorder | None = None,
                 speak: Callable[[str], None] | None = None,
                 wall: Callable[[], str] | None = None) -> None:
        self.config = config
        self._now = now
        self._wall = wall
        self.recorder = recorder
        self.speak = speak
        self.config_problems = tuple(config_problems)
        self.listening = ListeningState.OFF
        self.calibrating = False
        self.share_band: tuple[float, float] | None = None
        self.figure_confidence = "low"
        self.voice = VoiceState.OFF
        self.voice_message = ""
        self.notes: tuple[str, ...] = ()
        """Notices from the app's services (summary store, spoken cues), in the UI language, newest last."""
        self._gate = SpeakerGate()
        self._new_meeting()

    def _new_meeting(self) -> None:
        kwargs = {"wall": self._wall} if self._wall else {}
        self.meeting = Meeting(self.config, now=self._now, **kwargs)
        self.nudges = NudgeEngine(self.config)
        self.offer: Offer | None = None
        self._offer_undo: object = None
        self._last_nudge_id: str | None = None
        self._last_checkpoint = float("-inf")
        self.summary: MeetingSummary | None = None

    # --- settings --------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.config.ui.language

    def apply_config(self, config: Config, problems: Iterable[str] = ()) -> None:
        """New settings take effect at once, also mid-meeting (language, nudges, targets, reserve)."""
        self.config = config
        self.config_problems = tuple(problems)
        self.meeting.config = config
        self.nudges.config = config

    # --- meeting lifecycle -----------------------------------------------------------------
    @property
    def state(self) -> MeetingState:
        return self.meeting.state

    def start(self) -> None:
        if self.meeting.state is MeetingState.ENDED:
            self._new_meeting()
        if self.meeting.state is MeetingState.READY:
            self.meeting.start()
            self._record("begin")
            self._last_checkpoint = self._now()
        else:
            self.meeting.resume()

    def pause(self) -> None:
        self.meeting.pause()

    def toggle(self) -> None:
        """Start, pause or resume: the one big button."""
        if self.meeting.state is MeetingState.RUNNING:
            self.pause()
        else:
            self.start()

    def end(self) -> MeetingSummary | None:
        if not self.meeting.active:
            return self.summary
        self.summary = self.meeting.end()
        self.offer = None
        self.nudges.evaluate(self.meeting)  # hides the nudge showing
        self._record("finish", self.summary)
        return self.summary

    def new_meeting(self) -> None:
        """Leave the summary card for a fresh, not yet started meeting."""
        if not self.meeting.active:
            self._new_meeting()

    # --- steps and length ------------------------------------------------------------------
    def next_step(self) -> None:
        if self.meeting.active:
            self.meeting.forward()
            self._drop_step_offer()

    def previous_step(self) -> None:
        if self.meeting.active:
            self.meeting.back()
            self._drop_step_offer()

    def go_to(self, step: Step) -> None:
        if self.meeting.active:
            self.meeting.go_to(step)
            self._drop_step_offer()

    def set_length(self, minutes: float) -> None:
        """Length chosen by click or typed in: replaces any pending voice offer about length."""
        self.meeting.set_length(minutes, "click")
        if self.offer and self.offer.kind is OfferKind.LENGTH_BY_VOICE:
            self._clear_offer()

    def _drop_step_offer(self) -> None:
        if self.offer and self.offer.kind is not OfferKind.LENGTH_BY_VOICE:
            self._clear_offer()

    # --- voice -----------------------------------------------------------------------------
    def on_heard(self, heard: Heard) -> None:
        """One expert utterance understood. Only its interpretation arrives here, never the words.

        It acts only if its speech is confidently the expert's now (see whose.py); a HeardSpeech
        carries the utterance's time span on the meeting clock for that check."""
        span = (getattr(heard, "start", None), getattr(heard, "end", None))
        if not self._gate.expert_spoke(*span, calibrating=self.calibrating):
            return
        if heard.question in ("open", "closed"):
            self.meeting.count_question(heard.question)
        if heard.announced_minutes:
            self._length_by_voice(int(heard.announced_minutes), span)
        cue = heard.step_cue
        if cue:
            self._step_cue(cue if isinstance(cue, Step) else Step.parse(str(cue)), span)
        elif getattr(heard, "next_step", False) and self.meeting.step.next() is not None:
            self._step_cue(self.meeting.step.next(), span)

    def _length_by_voice(self, minutes: int, span: tuple = (None, None)) -> None:
        if self.meeting.state is MeetingState.ENDED:
            return
        try:
            previous = self.meeting.set_length(minutes, "voice")
        except ValueError:
            return
        # If an earlier voice length is still on offer, undo goes back to what the expert had before it.
        if self.offer and self.offer.kind is OfferKind.LENGTH_BY_VOICE:
            previous = self._offer_undo
        self._set_offer(Offer(OfferKind.LENGTH_BY_VOICE, minutes, None, self._now() + OFFER_SECONDS), previous)
        self._remember("length", span, minutes=minutes, undo=previous)
        self._say("spoken.length_confirm", minutes=minutes)

    def _step_cue(self, step: Step, span: tuple = (None, None)) -> None:
        if not self.meeting.active or step is self.meeting.step:
            return
        if self.config.cues.mode == "move":
            left = self.meeting.go_to(step)
            self._set_offer(Offer(OfferKind.STEP_MOVED, None, step, self._now() + OFFER_SECONDS), left)
            self._remember("moved", span, step=step, undo=left)
        else:
            self._set_offer(Offer(OfferKind.STEP_SUGGESTED, None, step, self._now() + OFFER_SECONDS), None)
            self._remember("suggested", span, step=step)

    def _remember(self, kind: str, span: tuple, **what: object) -> None:
        if span[0] is not None and span[1] is not None:
            self._gate.acted(Action(kind, span[0], span[1], **what))  # type: ignore[arg-type]

    def _revoked(self, action: Action) -> None:
        """The speech behind an action turned out not to be the expert's: offer to undo what it did."""
        m = self.meeting
        until = self._now() + OFFER_SECONDS
        if action.kind == "length" and m.state is not MeetingState.ENDED and m.length_source == "voice" \
                and action.minutes is not None and m.announced_s == action.minutes * 60:
            self._set_offer(Offer(OfferKind.LENGTH_BY_VOICE, action.minutes, None, until), action.undo)
        elif action.kind == "moved" and m.active and m.step is action.step:
            self._set_offer(Offer(OfferKind.STEP_MOVED, None, action.step, until), action.undo)
        elif action.kind == "suggested" and self.offer is not None and self.offer.step is action.step \
                and self.offer.kind is OfferKind.STEP_SUGGESTED:
            self._clear_offer()

    def _set_offer(self, offer: Offer, undo: object) -> None:
        if self.offer and self.offer.kind is OfferKind.LENGTH_BY_VOICE and offer.kind is not OfferKind.LENGTH_BY_VOICE:
            log.debug("a step cue replaced a pending length undo")
        self.offer = offer
        self._offer_undo = undo

    def _clear_offer(self) -> None:
        self.offer = None
        self._offer_undo = None

    def accept_offer(self) -> None:
        """The offer's button: undo a voice change, or take a suggested step."""
        offer = self.offer
        if offer is None or offer.expires_at < self._now():
            self._clear_offer()
            return
        if offer.kind is OfferKind.LENGTH_BY_VOICE and self._offer_undo is not None:
            self.meeting.restore_length(self._offer_undo)  # type: ignore[arg-type]
        elif offer.kind is OfferKind.STEP_MOVED and self.meeting.active and isinstance(self._offer_undo, Step):
            self.meeting.go_to(self._offer_undo)
        elif offer.kind is OfferKind.STEP_SUGGESTED and self.meeting.active and offer.step is not None:
            self.meeting.go_to(offer.step)
        self._clear_offer()

    def dismiss_offer(self) -> None:
        self._clear_offer()

    # --- talk and listening ----------------------------------------------------------------
    def on_talk_events(self, events: Iterable[TalkEvent]) -> None:
        events = list(events)
        for ev in events:
            if isinstance(ev, ListeningQuality):
                self.calibrating = ev.calibrating
                self.share_band, self.figure_confidence = ev.share_band, ev.figure
        self.meeting.apply(events)
        for action in self._gate.observe(events):
            self._revoked(action)

    def set_listening(self, state: ListeningState) -> None:
        self.listening = state

    def add_note(self, text: str) -> None:
        """Keep a service notice to show (each once; the last few only)."""
        if text and text not in self.notes:
            self.notes = (*self.notes, text)[-MAX_NOTES:]

    def set_voice(self, state: VoiceState, message: str = "") -> None:
        self.voice = state
        self.voice_message = message

    # --- nudges ----------------------------------------------------------------------------
    def snooze(self) -> None:
        self.nudges.snooze(self.meeting)
        self._last_nudge_id = None

    def dismiss(self) -> None:
        self.nudges.dismiss(self.meeting)
        self._last_nudge_id = None

    # --- the tick --------------------------------------------------------------------------
    def tick(self) -> WidgetState:
        """Advance time-driven logic (nudges, offers, checkpoints) and snapshot what to draw."""
        now = self._now()
        m = self.meeting
        if self.offer is not None and self.offer.expires_at < now:
            self._clear_offer()
        nudge = self.nudges.evaluate(m)
        if nudge is not None and nudge.id != self._last_nudge_id:
            self._say_text(nudge.text.get(self.language))
        self._last_nudge_id = nudge.id if nudge else None
        if m.state is MeetingState.RUNNING and now - self._last_checkpoint >= CHECKPOINT_S:
            self._last_checkpoint = now
            self._record("checkpoint", m.summary(interrupted=True))
        return self.snapshot(nudge)

    def snapshot(self, nudge=None) -> WidgetState:
        m = self.meeting
        c = self.config
        lang = self.language
        plan = m.plan()
        ideal = m.step_plan()  # a finished step keeps its plan, so an overrun stays visible
        current = m.step
        steps = tuple(StepView(s, m.time_in_step(s), plan[s], m.totals(s).expert_share, s is current, ideal[s],
                               c.step(s).expert_share_min, c.step(s).expert_share_max)
                      for s in plan)
        target = c.step(current)
        step_talk = m.totals(current)
        recent = m.recent()
        return WidgetState(
            language=lang,
            meeting_state=m.state.value,
            step=current,
            steps=steps,
            elapsed_s=m.elapsed(),
            announced_s=m.announced_s,
            length_source=m.length_source,
            remaining_s=m.remaining(),
            overtime_s=m.overtime(),
            reserve_s=m.reserve_s(),
            balance_step=BalanceView(step_talk.expert_share, step_talk.expert_s + step_talk.client_s,
                                     target.expert_share_min, target.expert_share_max),
            balance_recent=BalanceView(recent.expert_share, recent.expert_s + recent.client_s,
                                       target.expert_share_min, target.expert_share_max),
            window_s=float(c.meeting.rolling_window_s),
            listening=self.listening,
            calibrating=self.calibrating,
            voice=self.voice,
            voice_message=self.voice_message,
            notes=self.notes,
            nudge=NudgeView(nudge.id, nudge.text.get(lang)) if nudge else None,
            offer=self.offer,
            nudges_enabled=c.ui.nudges_enabled,
            config_problems=self.config_problems,
            summary=self.summary,
            share_band=self.share_band,
            figure_confidence=self.figure_confidence,
        )

    # --- side effects that must never break the meeting ------------------------------------
    def _record(self, what: str, summary: MeetingSummary | None = None) -> None:
        if self.recorder is None:
            return
        try:
            getattr(self.recorder, what)(summary or self.meeting.summary(interrupted=True))
        except Exception as exc:  # the meeting goes on even if the disk is full
            log.warning("could not %s the meeting summary: %s", what, type(exc).__name__)

    def _say(self, key: str, **values: object) -> None:
        if self.speak is None or not self.config.ui.spoken_cues:
            return
        from ..i18n import t
        self._say_text(t(key, self.language, **values))

    def _say_text(self, text: str) -> None:
        if self.speak is None or not self.config.ui.spoken_cues or not text:
            return
        try:
            self.speak(text)
        except Exception as exc:
            log.warning("spoken cue failed: %s", type(exc).__name__)
