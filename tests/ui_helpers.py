"""Shared pieces of the widget tests: offscreen Qt, a thread-leak guard, a scripted meeting."""

from __future__ import annotations

import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from kohtaava_desk.meeting import Segment, SegmentAdded, Speaker


@pytest.fixture
def no_leaked_threads():
    """Fails the test if it leaves a thread running (workers must be stopped and joined)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2.0
    while True:
        extra = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not extra or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not extra, f"threads left running: {[t.name for t in extra]}"


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
