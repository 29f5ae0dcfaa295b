"""What the companion needs from its neighbours, as small Protocols, so it can be tested with fakes and
wired to the real listening pipeline, speech understanding and store by the app."""

from __future__ import annotations

from typing import Protocol

from ..meeting import MeetingSummary, Step


class Heard(Protocol):
    """What was understood from one expert utterance (language.understand.Understanding fits)."""

    announced_minutes: int | None
    step_cue: Step | str | None
    question: str | None
    # Optional: next_step (bool) = a general move to the step after the current one.


class Recorder(Protocol):
    """Keeps the numeric summary safe while the meeting runs (adapter over store.MeetingStore)."""

    def begin(self, summary: MeetingSummary) -> None: ...

    def checkpoint(self, summary: MeetingSummary) -> None: ...

    def finish(self, summary: MeetingSummary) -> None: ...
