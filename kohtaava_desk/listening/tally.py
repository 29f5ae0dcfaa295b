"""Fold talk events into per-speaker seconds, without steps or a clock: for the benchmark and tests that
look at the pipeline alone (the meeting's talk ledger is what the app and `analyze` use).

Revisions replace a segment's speaker, so the totals always reflect the latest decisions.
"""

from __future__ import annotations

from collections.abc import Iterable

from kohtaava_desk.talk import CaptureGap, Segment, SegmentAdded, SegmentRevised, Speaker, TalkEvent


class TalkTally:
    """Keeps the latest speaker of each segment (numbers only) and sums them up on demand."""

    def __init__(self) -> None:
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
