"""Talk-balance figures computed from ledger pieces. Pure functions: numbers in, numbers out."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .ledger import Piece
from ..talk import Speaker

RUN_GAP_S = 2.0
"""Pauses shorter than this don't end a speaker's turn (breathing, thinking)."""


@dataclass(frozen=True)
class TalkTotals:
    expert_s: float = 0.0
    client_s: float = 0.0
    unknown_s: float = 0.0

    @property
    def speech_s(self) -> float:
        return self.expert_s + self.client_s + self.unknown_s

    @property
    def expert_share(self) -> float | None:
        """expert / (expert + client); None before anyone identifiable has spoken."""
        known = self.expert_s + self.client_s
        return self.expert_s / known if known > 0 else None


def totals(pieces: Iterable[Piece], lo: float = float("-inf"), hi: float = float("inf")) -> TalkTotals:
    """Seconds per speaker within [lo, hi]."""
    expert = client = unknown = 0.0
    for p in pieces:  # plain locals: this runs over every piece of the meeting at each checkpoint
        d = min(p.end, hi) - max(p.start, lo)
        if d > 0:
            if p.speaker is Speaker.EXPERT:
                expert += d
            elif p.speaker is Speaker.CLIENT:
                client += d
            else:
                unknown += d
    return TalkTotals(expert, client, unknown)


@dataclass(frozen=True)
class Run:
    """Consecutive speech of one identified speaker."""

    speaker: Speaker
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


def runs(pieces: Sequence[Piece], gap_s: float = RUN_GAP_S) -> list[Run]:
    """Turns of expert and client; unknown speech neither extends nor breaks a turn."""
    out: list[Run] = []
    who: Speaker | None = None
    start = end = 0.0
    for p in pieces:  # one Run per turn, not per piece: an hour holds thousands of pieces
        if p.speaker is Speaker.UNKNOWN:
            continue
        if p.speaker is who and p.start - end <= gap_s:
            end = max(end, p.end)
            continue
        if who is not None:
            out.append(Run(who, start, end))
        who, start, end = p.speaker, p.start, p.end
    if who is not None:
        out.append(Run(who, start, end))
    return out


def longest(run_list: Iterable[Run], speaker: Speaker) -> float:
    return max((r.duration for r in run_list if r.speaker is speaker), default=0.0)


def longest_run(run_list: Iterable[Run], speaker: Speaker) -> Run | None:
    """The speaker's longest turn (the first of equals), or None if they never spoke."""
    best: Run | None = None
    for r in run_list:
        if r.speaker is speaker and (best is None or r.duration > best.duration):
            best = r
    return best


def median_expert_response_pause(run_list: Sequence[Run]) -> float | None:
    """Median silence between the client finishing and the expert starting."""
    pauses = [max(0.0, b.start - a.end) for a, b in zip(run_list, run_list[1:])
              if a.speaker is Speaker.CLIENT and b.speaker is Speaker.EXPERT]
    return statistics.median(pauses) if pauses else None


def current_run(run_list: Sequence[Run], speaker: Speaker, now: float, gap_s: float = RUN_GAP_S) -> float:
    """Length of the speaker's turn still going on at `now` (0 if someone else holds the floor)."""
    if run_list and run_list[-1].speaker is speaker and now - run_list[-1].end <= gap_s:
        return run_list[-1].duration
    return 0.0
