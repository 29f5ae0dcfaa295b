"""Maps the recogniser's clock (seconds of audio fed to it) back to the session clock.

We feed Vosk only the expert's speech, so its word times skip every client turn and pause. Each fed
piece of audio is recorded as a segment (recogniser start, session start, duration); a word time is
mapped through the segment it falls in. Vosk's clock keeps counting across Result(), FinalResult()
and Reset() on the same recogniser (checked against vosk 0.3.45), so one Timeline lives exactly as
long as one KaldiRecognizer.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """One contiguous piece of fed audio."""

    rec_start: float
    """Recogniser time (s) of its first sample."""
    session_start: float
    """Session time (s) of its first sample."""
    duration: float
    """Length in seconds."""


class Timeline:
    """Piecewise-linear recogniser-time -> session-time map. Not thread-safe: one worker owns it."""

    def __init__(self) -> None:
        self._starts: list[float] = []
        self._segments: list[Segment] = []
        self._rec_end = 0.0

    @property
    def rec_end(self) -> float:
        """Recogniser time after everything appended so far."""
        return self._rec_end

    def __len__(self) -> int:
        return len(self._segments)

    def append(self, session_start: float, duration: float) -> None:
        """Record that `duration` seconds starting at `session_start` were fed next."""
        if duration <= 0:
            return
        last = self._segments[-1] if self._segments else None
        if last is not None and abs(last.session_start + last.duration - session_start) < 1e-6:
            # Contiguous audio (consecutive blocks of one stretch of speech) merges into one segment.
            self._segments[-1] = Segment(last.rec_start, last.session_start, last.duration + duration)
        else:
            self._segments.append(Segment(self._rec_end, session_start, duration))
            self._starts.append(self._rec_end)
        self._rec_end += duration

    def to_session(self, rec_t: float) -> float:
        """Session time of recogniser time `rec_t`, clamped into the audio actually fed."""
        if not self._segments:
            raise LookupError("no audio recorded in the timeline")
        i = bisect_right(self._starts, rec_t) - 1
        if i < 0:
            return self._segments[0].session_start
        seg = self._segments[i]
        return seg.session_start + min(max(rec_t - seg.rec_start, 0.0), seg.duration)

    def forget_before(self, rec_t: float) -> None:
        """Drop segments that end at or before `rec_t`, keeping the last one for clamping."""
        keep = 0
        while keep < len(self._segments) - 1:
            seg = self._segments[keep]
            if seg.rec_start + seg.duration > rec_t:
                break
            keep += 1
        if keep:
            del self._segments[:keep]
            del self._starts[:keep]
