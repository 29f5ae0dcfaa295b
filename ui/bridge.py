"""Carries callbacks from worker threads into the UI thread.

Workers (microphone session, speech recogniser, model loader) call the plain `post_*` methods; each
emits a Signal(object), and Qt queues the emission to the receivers living in the UI thread. Nothing
here touches a widget. Signal(object) rather than Signal(dict/list): those can arrive empty across
threads in PySide6.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from .qtfix import emit


class WorkerBridge(QObject):
    talk_events = Signal(object)
    """list[TalkEvent]"""
    listening = Signal(object)
    """ListeningState value (str)"""
    calibrating = Signal(object)
    """bool"""
    heard = Signal(object)
    """an Understanding-like object (numbers and labels only, never words)"""
    voice = Signal(object)
    """(VoiceState value, message)"""
    note = Signal(object)
    """A notice from a service (store, spoken cues) for the expert, already in the UI language."""

    def post_events(self, events) -> None:
        if events:
            emit(self.talk_events, list(events))

    def post_listening(self, state) -> None:
        emit(self.listening, state)

    def post_calibrating(self, value: bool) -> None:
        emit(self.calibrating, bool(value))

    def post_heard(self, heard) -> None:
        emit(self.heard, heard)

    def post_voice(self, state, message: str = "") -> None:
        emit(self.voice, (state, message))

    def post_note(self, message: str) -> None:
        emit(self.note, message)
