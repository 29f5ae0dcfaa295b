"""Who spoke when: the vocabulary shared by the listening pipeline and the talk ledger.

Times are seconds on the session clock (the same clock the meeting runs on; for a file,
seconds of audio). Only numbers cross this boundary: never audio, never words.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Speaker(enum.Enum):
    EXPERT = "expert"
    CLIENT = "client"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Segment:
    """One stretch of speech by one speaker."""

    id: int
    """Stable id, so a later, better-informed decision can revise the speaker."""
    start: float
    end: float
    speaker: Speaker

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class SegmentAdded:
    segment: Segment


@dataclass(frozen=True)
class SegmentRevised:
    """An earlier segment's speaker changed as evidence grew."""

    id: int
    speaker: Speaker


@dataclass(frozen=True)
class CaptureGap:
    """Audio was not available between start and end (microphone lost or stalled)."""

    start: float
    end: float


TalkEvent = SegmentAdded | SegmentRevised | CaptureGap
