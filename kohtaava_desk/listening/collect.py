"""A stand-in 'pipeline' that only gathers blocks, bounded: the live session feeds it during enrolment."""

from __future__ import annotations

import threading

from ..audio.blocks import AudioBlock

ENROL_TARGET_S = 30
"""Seconds of reading asked for; the enrolment text takes about 25 s at a calm pace."""
ENROL_MAX_S = 90.0
"""Never hold more audio than this."""


class BlockCollector:
    """Keeps the blocks fed to it, up to max_s seconds; `take()` hands them over and forgets them."""

    def __init__(self, max_s: float = ENROL_MAX_S) -> None:
        self.blocks: list[AudioBlock] = []
        self.seconds = 0.0
        self._max = max_s
        self._lock = threading.Lock()

    def feed(self, block: AudioBlock) -> list:
        with self._lock:
            if self.seconds + block.duration <= self._max + 1e-6:
                self.blocks.append(block)
                self.seconds += block.duration
        return []

    def finish(self) -> list:
        return []

    def take(self) -> list[AudioBlock]:
        with self._lock:
            blocks, self.blocks, self.seconds = self.blocks, [], 0.0
        return blocks
