"""The talk ledger: who spoke when, in meeting time, split at step changes.

Segments arrive from the listening pipeline a little late and may be re-labelled later; the ledger
keeps them by id so a revision replaces the earlier guess everywhere. It also keeps running sums per
step and per timeline bucket, updated at each add or revision, so that a checkpoint of an hour-long
meeting costs the same as one of a minute.
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
    """Segments by id, and running sums of talk per step and per BUCKET_S slice kept up to date on every
    add and revision, so a checkpoint never has to re-add an hour of pieces."""

    def __init__(self, bucket_s: float = 15.0) -> None:
        self._pieces: dict[int, list[Piece]] = {}
        self.gaps: list[tuple[float, float]] = []
        """Meeting-time intervals with no audio (microphone lost)."""
        self._bucket_s = bucket_s
        self._buckets: dict[Speaker, list[float]] = {Speaker.EXPERT: [], Speaker.CLIENT: []}
        self._steps: dict[tuple[Step, Speaker], float] = {}
        self._sorted: list[Piece] | None = None

    def _account(self, pieces: list[Piece], sign: float) -> None:
        b = self._bucket_s
        for p in pieces:
            key = (p.step, p.speaker)
            self._steps[key] = self._steps.get(key, 0.0) + sign * (p.end - p.start)
            acc = self._buckets.get(p.speaker)
            if acc is None:  # unknown speech has no bucket
                continue
            i = max(0, int(p.start // b))
            last = int(p.end // b)
            if len(acc) <= last:
                acc.extend([0.0] * (last + 1 - len(acc)))
            while i <= last:
                d = min(p.end, (i + 1) * b) - max(p.start, i * b)
                if d > 0:
                    acc[i] += sign * d
                i += 1

    def add(self, seg_id: int, start: float, end: float, speaker: Speaker, visits: list[StepVisit]) -> None:
        if end <= start:
            return
        old = self._pieces.get(seg_id)
        if old:
            self._account(old, -1.0)
        self._pieces[seg_id] = split_at_steps(seg_id, start, end, speaker, visits)
        self._account(self._pieces[seg_id], 1.0)
        self._sorted = None

    def revise(self, seg_id: int, speaker: Speaker) -> bool:
        pieces = self._pieces.get(seg_id)
        if pieces is None:
            return False
        self._account(pieces, -1.0)
        self._pieces[seg_id] = [replace(p, speaker=speaker) for p in pieces]
        self._account(self._pieces[seg_id], 1.0)
        self._sorted = None
        return True

    def mark_gap(self, start: float, end: float) -> None:
        if end > start:
            self.gaps.append((start, end))

    def pieces(self) -> list[Piece]:
        if self._sorted is None:
            out = [p for ps in self._pieces.values() for p in ps]
            out.sort(key=lambda p: (p.start, p.end))
            self._sorted = out
        return list(self._sorted)

    def step_seconds(self, step: Step, speaker: Speaker) -> float:
        """Talk of `speaker` within `step` (never below 0: sums kept by adding and removing)."""
        return max(0.0, self._steps.get((step, speaker), 0.0))

    def bucket_seconds(self, speaker: Speaker, n: int) -> list[float]:
        """Expert or client talk in each of the first n buckets."""
        acc = self._buckets[speaker]
        return [max(0.0, x) for x in acc[:n]] + [0.0] * max(0, n - len(acc))

    def __len__(self) -> int:
        return len(self._pieces)
