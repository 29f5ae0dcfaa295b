"""Gather voiced frames into chunks of at most ``chunk_s`` seconds, one utterance at a time.

A chunk ends when it is full or the utterance ends. A short leftover at the end of a long utterance
(a "tail") is too short to embed reliably, so it follows the label of the chunk before it.
Only the chunk being filled holds audio; a closed chunk is handed on and forgotten here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kohtaava_desk.audio.blocks import SAMPLE_RATE
from kohtaava_desk.listening.vad import Frame


@dataclass(frozen=True, eq=False)
class SpeechChunk:
    """A closed chunk of one utterance, with its audio (dropped once embedded)."""

    id: int
    """Segment id under which the chunk's speaker is published."""
    start: float
    end: float
    samples: np.ndarray
    """int16, (n,) or (n, 2): the chunk's audio as captured."""
    mono: np.ndarray
    """int16 (n,): what the speaker encoder hears."""
    previous: int | None
    """The chunk just before it in the same utterance, if any."""

    @property
    def duration(self) -> float:
        return self.end - self.start


class Chunker:
    """``(frame, is_speech)`` in, closed SpeechChunks out."""

    def __init__(self, chunk_s: float = 2.0, first_id: int = 1) -> None:
        self.chunk_s = chunk_s
        self._next_id = first_id
        self._first_id = first_id
        self._frames: list[Frame] = []
        self._previous: int | None = None  # last chunk of the current utterance

    @property
    def held_samples(self) -> int:
        return sum(len(f.mono) for f in self._frames)

    def reset(self) -> None:
        self._frames = []
        self._previous = None
        self._next_id = self._first_id

    def push(self, frame: Frame, is_speech: bool) -> list[SpeechChunk]:
        if not is_speech:
            return self.end_utterance()
        if self._frames and frame.t0 - self._frames[-1].t1 > 1e-3:
            # Not contiguous (audio skipped): never glue the two sides into one chunk.
            out = self.end_utterance()
        else:
            out = []
        self._frames.append(frame)
        if self._frames[-1].t1 - self._frames[0].t0 >= self.chunk_s - 1e-9:
            out.append(self._close())
        return out

    def end_utterance(self) -> list[SpeechChunk]:
        out = [self._close()] if self._frames else []
        self._previous = None
        return out

    def _close(self) -> SpeechChunk:
        frames = self._frames
        self._frames = []
        samples = np.concatenate([f.samples for f in frames])
        mono = samples if samples.ndim == 1 else np.concatenate([f.mono for f in frames])
        chunk = SpeechChunk(
            id=self._next_id,
            start=frames[0].t0,
            end=frames[0].t0 + len(mono) / SAMPLE_RATE,
            samples=samples,
            mono=mono,
            previous=self._previous,
        )
        self._next_id += 1
        self._previous = chunk.id
        return chunk
