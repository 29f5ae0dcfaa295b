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
    acc = {Speaker.EXPERT: 0.0, Speaker.CLIENT: 0.0, Speaker.UNKNOWN: 0.0}
    for p in pieces:
        d = min(p.end, hi) - max(p.start, lo)
        if d > 0:
            acc[p.speaker] += d
    return TalkTotals(acc[Speaker.EXPERT], acc[Speaker.CLIENT], acc[Speaker.UNKNOWN])


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
    for p in pieces:
        if p.speaker is Speaker.UNKNOWN:
            continue
        last = out[-1] if out else None
        if last and last.speaker is p.speaker and p.start - last.end <= gap_s:
            out[-1] = Run(p.speaker, last.start, max(last.end, p.end))
        else:
            out.append(Run(p.speaker, p.start, p.end))
    return out


def longest(run_list: Iterable[Run], speaker: Speaker) -> float:
    return max((r.duration for r in run_list if r.speaker is speaker), default=0.0)


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
