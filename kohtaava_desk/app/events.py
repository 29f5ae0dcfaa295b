"""Talk events on their way from a listening session to the meeting."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from kohtaava_desk.audio.blocks import AudioBlock
from kohtaava_desk.listening.pipeline import ListeningPipeline
from kohtaava_desk.talk import CaptureGap, ListeningQuality, SegmentAdded, TalkEvent


def shift_events(events: Iterable[TalkEvent], offset: float) -> list[TalkEvent]:
    """Move talk events from a session's own clock (seconds since it started) onto the meeting clock."""
    out: list[TalkEvent] = []
    for ev in events:
        if isinstance(ev, SegmentAdded):
            s = ev.segment
            out.append(SegmentAdded(dataclasses.replace(s, start=s.start + offset, end=s.end + offset)))
        elif isinstance(ev, CaptureGap):
            out.append(CaptureGap(ev.start + offset, ev.end + offset))
        else:
            out.append(ev)
    return out


class QualityReporting:
    """The pipeline, plus a ListeningQuality event whenever "calibrating", the confidence or the share band changes.

    Runs on the listening worker thread like the pipeline it wraps, so the GUI learns about calibration
    from the same stream of events as about talk, instead of reading the worker's objects."""

    def __init__(self, pipeline: ListeningPipeline) -> None:
        self.pipeline = pipeline
        self._last: ListeningQuality | None = None

    def feed(self, block: AudioBlock) -> list[TalkEvent]:
        return self._with_quality(self.pipeline.feed(block), self.pipeline.calibrating)

    def finish(self) -> list[TalkEvent]:
        # The recording or meeting is over: whatever was learnt is final.
        return self._with_quality(self.pipeline.finish(), calibrating=False)

    def _with_quality(self, events: list[TalkEvent], calibrating: bool) -> list[TalkEvent]:
        now = self._quality(calibrating)
        if now != self._last:
            self._last = now
            events.append(now)
        return events

    def _quality(self, calibrating: bool) -> ListeningQuality:
        band = self.pipeline.share_band
        # Whole percents: the band moves a little with every chunk, the widget needs to hear of it rarely.
        rounded = None if band is None else (round(band[0], 2), round(band[1], 2))
        return ListeningQuality(calibrating, self.pipeline.confidence, rounded, self.pipeline.figure_confidence)
