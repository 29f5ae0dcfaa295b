"""Carries the workers' reports into the UI thread: the Qt side of `app.services.Sink`.

Workers (microphone session, speech recogniser, model loader, spoken cues) call the plain `post_*`
methods; each emits a Signal(object), and Qt queues the emission to the receivers living in the UI
thread. Nothing here touches a widget. Signal(object) rather than Signal(dict/list): those can arrive
empty across threads in PySide6.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kohtaava_desk.companion.state import ListeningState, VoiceState
from kohtaava_desk.companion.whose import HeardSpeech
from kohtaava_desk.talk import TalkEvent

from .qtfix import emit


class WorkerBridge(QObject):
    talk_events = Signal(object)
    """list[TalkEvent], ListeningQuality (calibration, confidence) among them"""
    listening = Signal(object)
    """ListeningState"""
    heard = Signal(object)
    """a HeardSpeech (numbers and labels with the span's meeting time, never words)"""
    voice = Signal(object)
    """(VoiceState, message)"""
    note = Signal(object)
    """A notice from a service (store, spoken cues) for the expert, already in the UI language."""

    def post_events(self, events: list[TalkEvent]) -> None:
        if events:
            emit(self.talk_events, list(events))

    def post_listening(self, state: ListeningState) -> None:
        emit(self.listening, state)

    def post_heard(self, heard: HeardSpeech) -> None:
        emit(self.heard, heard)

    def post_voice(self, state: VoiceState, message: str = "") -> None:
        emit(self.voice, (state, message))

    def post_note(self, message: str) -> None:
        emit(self.note, message)
