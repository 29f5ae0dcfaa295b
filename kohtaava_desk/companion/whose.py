"""Whose words were these? Recognised text may act only while its speech is confidently the expert's.

The recogniser hears only speech the listening pipeline labelled "expert" when it was cut, but that
label is a first guess: during calibration it is unreliable, and later evidence may revise it to the
client. So the companion asks this gate before acting on an utterance (at the moment the action would
happen), and tells it what was done; when a label under an utterance that acted is later revised
away from the expert, the gate hands the action back so the companion can offer to undo it.

Numbers only: utterance times, segment ids and times, speakers, and what was done (a length, a step).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..meeting import Segment, SegmentAdded, SegmentRevised, Speaker, Step

KEEP_S = 300.0
"""Segments and actions older than this (meeting clock) are forgotten: attribution revises only
recent chunks, and the gate must stay bounded through a long meeting."""
MAX_ACTIONS = 16


@dataclass(frozen=True)
class HeardSpeech:
    """What was understood from one expert utterance and when it was said (meeting clock, s)."""

    announced_minutes: int | None
    step_cue: Step | str | None
    question: str | None
    next_step: bool
    start: float
    end: float

    @classmethod
    def of(cls, understood: Any, start: float, end: float) -> "HeardSpeech":
        return cls(understood.announced_minutes, understood.step_cue, understood.question,
                   bool(getattr(understood, "next_step", False)), float(start), float(end))


@dataclass(frozen=True)
class Action:
    """Something an utterance did: 'length' (minutes, undo = previous length), 'moved' (step, undo =
    the step left) or 'suggested' (step)."""

    kind: str
    start: float
    end: float
    step: Step | None = None
    minutes: int | None = None
    undo: object = None


class SpeakerGate:
    def __init__(self) -> None:
        self._segments: dict[int, Segment] = {}
        self._actions: deque[Action] = deque(maxlen=MAX_ACTIONS)
        self._latest = 0.0

    def reset(self) -> None:
        self._segments.clear()
        self._actions.clear()
        self._latest = 0.0

    def expert_spoke(self, start: float | None, end: float | None, calibrating: bool) -> bool:
        """May an utterance said between start and end act now? Never while calibrating; with a known
        span, only when every labelled stretch under it is the expert's (and there is one)."""
        if calibrating:
            return False
        if start is None or end is None:
            return True  # no span known (typed text, tests): only the calibration check applies
        under = [s for s in self._segments.values() if s.start < end and s.end > start]
        return bool(under) and all(s.speaker is Speaker.EXPERT for s in under)

    def acted(self, action: Action) -> None:
        self._actions.append(action)

    def observe(self, events: Iterable[object]) -> list[Action]:
        """Follow the labels; returns the actions whose speech was just revised away from the expert."""
        revoked: list[Action] = []
        for ev in events:
            if isinstance(ev, SegmentAdded):
                self._segments[ev.segment.id] = ev.segment
                self._latest = max(self._latest, ev.segment.end)
            elif isinstance(ev, SegmentRevised):
                old = self._segments.get(ev.id)
                if old is None:
                    continue
                self._segments[ev.id] = Segment(old.id, old.start, old.end, ev.speaker)
                if ev.speaker is Speaker.EXPERT:
                    continue
                for action in list(self._actions):
                    if action.start < old.end and action.end > old.start:
                        revoked.append(action)
                        self._actions.remove(action)
        self._forget()
        return revoked

    def _forget(self) -> None:
        horizon = self._latest - KEEP_S
        for sid in [i for i, s in self._segments.items() if s.end < horizon]:
            del self._segments[sid]
        while self._actions and self._actions[0].end < horizon:
            self._actions.popleft()
