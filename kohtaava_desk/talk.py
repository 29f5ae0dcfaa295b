"""Who spoke when: what the listening pipeline and speaker attribution produce and the meeting's talk
ledger consumes (a leaf module, so neither side depends on the other).

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


class Confidence(enum.Enum):
    """How far the expert/client labels can be trusted."""

    ENROLLED = "enrolled"
    """Named by the expert's voice profile."""
    UNENROLLED = "unenrolled"
    """No profile: the louder voice is guessed to be the expert. Lower confidence."""
    CHANNELS = "channels"
    """Two microphones: the dominant channel names the speaker."""


@dataclass(frozen=True)
class ListeningQuality:
    """The labels' trustworthiness changed: reported on the same path as the talk it qualifies."""

    calibrating: bool
    """The expert/client estimate has not settled yet (the widget says "calibrating")."""
    confidence: Confidence
    share_band: tuple[float, float] | None = None
    """(low, high) of the expert's share over the meeting that the evidence allows (whole percents)."""
    figure: str = "low"
    """How far the share figure can be trusted: "high", "medium" or "low"."""


TalkEvent = SegmentAdded | SegmentRevised | CaptureGap | ListeningQuality
