"""The live session's statuses, turned into the listening state the widget shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kohtaava_desk.companion.state import ListeningState

if TYPE_CHECKING:
    from kohtaava_desk.listening.live import LiveStatus


class ListeningStates:
    """Maps LiveStatus onto ListeningState; remembers whether a microphone was ever heard, so "no device"
    before that reads "no microphone" and only after it "lost"."""

    def __init__(self, *, replay: bool = False) -> None:
        self.replay = replay
        """The 'microphone' is a recording (`demo`): listening shows as replay."""
        self.had_microphone = False

    def __call__(self, status: LiveStatus) -> ListeningState:
        state = ListeningState(status.state.value)  # every LiveState is a ListeningState (a test checks)
        if status.reason == "portaudio_missing":
            return ListeningState.UNAVAILABLE
        if state is ListeningState.LISTENING:
            self.had_microphone = True
            return ListeningState.REPLAY if self.replay else state
        if status.reason == "no_device" and not self.had_microphone:
            return ListeningState.NO_MICROPHONE
        return state
