"""Fold talk events into the numbers `analyze` prints (a small local stand-in for the talk ledger).

Revisions replace a segment's speaker, so the totals always reflect the latest decisions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kohtaava_desk.meeting.talk import CaptureGap, Segment, SegmentAdded, SegmentRevised, Speaker, TalkEvent

SUMMARY_KEYS = ("duration_s", "speech_s", "expert_s", "client_s", "unknown_s", "expert_share",
                "longest_expert_monologue_s")
"""Exactly the keys of ``analyze --json``."""


@dataclass(frozen=True)
class TallySettings:
    """What counts as one monologue."""

    monologue_max_pause_s: float = 3.0
    """An expert pause longer than this ends the monologue (client speech always ends it)."""


class TalkTally:
    """Keeps the latest speaker of each segment (numbers only) and sums them up on demand."""

    def __init__(self, settings: TallySettings = TallySettings()) -> None:
        self.settings = settings
        self._segments: dict[int, Segment] = {}
        self.gaps: list[CaptureGap] = []
        self.revisions = 0

    def apply(self, events: Iterable[TalkEvent]) -> None:
        for event in events:
            if isinstance(event, SegmentAdded):
                self._segments[event.segment.id] = event.segment
            elif isinstance(event, SegmentRevised):
                old = self._segments.get(event.id)
                if old is None:
                    raise ValueError(f"SegmentRevised for unknown segment id {event.id}")
                self._segments[event.id] = Segment(old.id, old.start, old.end, event.speaker)
                self.revisions += 1
            elif isinstance(event, CaptureGap):
                self.gaps.append(event)
            else:
                raise TypeError(f"not a talk event: {event!r}")

    def seconds(self, speaker: Speaker) -> float:
        return sum(s.duration for s in self._segments.values() if s.speaker is speaker)

    @property
    def speech_s(self) -> float:
        return sum(s.duration for s in self._segments.values())

    @property
    def expert_share(self) -> float | None:
        expert, client = self.seconds(Speaker.EXPERT), self.seconds(Speaker.CLIENT)
        return expert / (expert + client) if expert + client > 0 else None

    def segments(self) -> list[Segment]:
        return sorted(self._segments.values(), key=lambda s: s.start)

    def longest_expert_monologue(self) -> float:
        """Longest stretch from an expert segment's start to a later one's end with no client speech
        in between and no pause over ``monologue_max_pause_s``. Unknown bits neither end nor extend it."""
        best = 0.0
        start = last_end = None
        for seg in self.segments():
            if seg.speaker is Speaker.CLIENT:
                start = last_end = None
            elif seg.speaker is Speaker.EXPERT:
                if start is None or last_end is None or seg.start - last_end > self.settings.monologue_max_pause_s:
                    start = seg.start
                last_end = seg.end
                best = max(best, last_end - start)
        return best

    def summary(self, duration_s: float) -> dict[str, float | None]:
        """The ``analyze --json`` object (seconds rounded to 0.01, share to 0.0001)."""
        share = self.expert_share
        return {
            "duration_s": round(duration_s, 2),
            "speech_s": round(self.speech_s, 2),
            "expert_s": round(self.seconds(Speaker.EXPERT), 2),
            "client_s": round(self.seconds(Speaker.CLIENT), 2),
            "unknown_s": round(self.seconds(Speaker.UNKNOWN), 2),
            "expert_share": None if share is None else round(share, 4),
            "longest_expert_monologue_s": round(self.longest_expert_monologue(), 2),
        }
