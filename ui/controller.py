"""Connects the widget, the Qt-free Companion and the worker bridge; pulls a snapshot on a timer.

A 2 Hz timer is plenty for a glanceable clock (the seconds tick once a second) and keeps the idle CPU
near zero; each view repaints only when its part of the snapshot changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kohtaava_desk.companion import Companion, WidgetState
from kohtaava_desk.meeting import MeetingState

from .bridge import WorkerBridge
from .widget import CompanionWindow
from .qtfix import emit

log = logging.getLogger(__name__)

TICK_MS = 500


class MeetingUi(QObject):
    request = Signal(str)
    """App-level requests the controller does not handle itself: 'settings', 'open_review', 'quit', 'enrol'."""
    meeting_changed = Signal(str)
    """The meeting's state value after an action: ready, running, paused, ended."""

    def __init__(self, companion: Companion, window: CompanionWindow, bridge: WorkerBridge | None = None,
                 tick_ms: int = TICK_MS) -> None:
        super().__init__(window)
        self.companion = companion
        self.window = window
        self.bridge = bridge or WorkerBridge(self)
        self.before_end: Callable[[], None] | None = None
        """Called just before the meeting ends, so listening can hand over its last talk first."""
        self.ticks = 0
        self.state: WidgetState | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.refresh)
        window.action.connect(self.on_action)
        b = self.bridge
        b.talk_events.connect(self._on_events)
        b.listening.connect(self._on_listening)
        b.heard.connect(self._on_heard)
        b.voice.connect(self._on_voice)
        b.note.connect(self._on_note)
        self._last_meeting_state = companion.state

    def start(self) -> None:
        self.refresh()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def refresh(self) -> WidgetState:
        self.ticks += 1
        s = self.companion.tick()
        self.state = s
        self.window.apply_state(s)
        if self.companion.state is not self._last_meeting_state:
            self._last_meeting_state = self.companion.state
            emit(self.meeting_changed, self.companion.state.value)
        return s

    @Slot(str, object)
    def on_action(self, name: str, arg: object = None) -> None:
        c = self.companion
        simple: dict[str, Callable[[], object]] = {
            "toggle": c.toggle, "start": c.start, "pause": c.pause, "end": c.end, "next": c.next_step,
            "prev": c.previous_step, "snooze": c.snooze, "dismiss": c.dismiss, "accept_offer": c.accept_offer,
            "dismiss_offer": c.dismiss_offer, "new_meeting": c.new_meeting,
        }
        if name == "end" and self.before_end is not None and self.meeting_active:
            self.before_end()
        if name in simple:
            simple[name]()
        elif name == "set_length":
            try:
                c.set_length(float(arg))  # type: ignore[arg-type]
            except (TypeError, ValueError) as exc:
                log.warning("length not set: %s", exc)
        elif name in ("settings", "open_review", "quit", "enrol"):
            emit(self.request, name)
            return
        else:
            log.warning("unknown widget action %s", name)
            return
        self.refresh()

    # --- from worker threads (already in the UI thread here) -------------------------------
    @Slot(object)
    def _on_events(self, events) -> None:
        self.companion.on_talk_events(events)

    @Slot(object)
    def _on_listening(self, state) -> None:
        self.companion.set_listening(state)

    @Slot(object)
    def _on_heard(self, heard) -> None:
        self.companion.on_heard(heard)
        self.refresh()  # an undo offer should appear at once

    @Slot(object)
    def _on_note(self, message) -> None:
        self.companion.add_note(str(message))
        self.refresh()

    @Slot(object)
    def _on_voice(self, pair) -> None:
        state, message = pair
        self.companion.set_voice(state, message)

    @property
    def meeting_active(self) -> bool:
        return self.companion.state in (MeetingState.RUNNING, MeetingState.PAUSED)
