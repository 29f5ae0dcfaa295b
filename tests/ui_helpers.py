"""Shared pieces of the companion and widget tests: offscreen Qt and a scripted meeting.

The thread-leak guard `no_leaked_threads` is a fixture in conftest.py."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kohtaava_desk.meeting import Segment, SegmentAdded, Speaker


class Talker:
    """Feeds alternating expert/client talk into a companion while the fake clock advances."""

    def __init__(self, companion, clock):
        self.c, self.clock, self.n = companion, clock, 0

    def __call__(self, seconds: float, expert_share: float, slice_s: float = 10.0) -> None:
        done = 0.0
        while done < seconds:
            d = min(slice_s, seconds - done)
            t0 = self.clock.t
            self.clock.advance(d)
            e = d * expert_share
            evs = []
            if e > 0:
                self.n += 1
                evs.append(SegmentAdded(Segment(self.n, t0, t0 + e, Speaker.EXPERT)))
            if d - e > 0:
                self.n += 1
                evs.append(SegmentAdded(Segment(self.n, t0 + e, t0 + d, Speaker.CLIENT)))
            self.c.on_talk_events(evs)
            self.c.tick()
            done += d
