"""The talk ledger: who spoke when, in meeting time, split at step changes.

Segments arrive from the listening pipeline a little late and may be re-labelled later; the ledger
keeps them by id so a revision replaces the earlier guess everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .steps import Step
from ..talk import Speaker


@dataclass(frozen=True)
class Piece:
    """A segment (or the part of it that fell within one step)."""

    seg_id: int
    start: float
    end: float
    speaker: Speaker
    step: Step

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class StepVisit:
    step: Step
    start: float
    end: float | None
    """None while the step is in progress."""


def split_at_steps(seg_id: int, start: float, end: float, speaker: Speaker,
                   visits: list[StepVisit]) -> list[Piece]:
    pieces = []
    for v in visits:
        v_end = float("inf") if v.end is None else v.end
        a, b = max(start, v.start), min(end, v_end)
        if b > a:
            pieces.append(Piece(seg_id, a, b, speaker, v.step))
    if not pieces and end > start and visits:
        # Speech before the first step visit (clock skew of a few ms) belongs to the first step.
        pieces.append(Piece(seg_id, start, end, speaker, visits[0].step))
    return pieces


class TalkLedger:
    def __init__(self) -> None:
        self._pieces: dict[int, list[Piece]] = {}
        self.gaps: list[tuple[float, float]] = []
        """Meeting-time intervals with no audio (microphone lost)."""

    def add(self, seg_id: int, start: float, end: float, speaker: Speaker, visits: list[StepVisit]) -> None:
        if end <= start:
            return
        self._pieces[seg_id] = split_at_steps(seg_id, start, end, speaker, visits)

    def revise(self, seg_id: int, speaker: Speaker) -> bool:
        pieces = self._pieces.get(seg_id)
        if pieces is None:
            return False
        self._pieces[seg_id] = [replace(p, speaker=speaker) for p in pieces]
        return True

    def mark_gap(self, start: float, end: float) -> None:
        if end > start:
            self.gaps.append((start, end))

    def pieces(self) -> list[Piece]:
        out = [p for ps in self._pieces.values() for p in ps]
        out.sort(key=lambda p: (p.start, p.end))
        return out

    def __len__(self) -> int:
        return len(self._pieces)
