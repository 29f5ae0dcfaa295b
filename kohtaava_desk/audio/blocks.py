"""The unit of audio that travels from a source to the listening pipeline."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLE_RATE = 16_000
"""Every source converts to this rate before the pipeline sees the audio."""


@dataclass(frozen=True, eq=False)
class AudioBlock:
    """A short run of 16 kHz int16 samples, kept in memory only until processed."""

    t0: float
    """Session-clock time (seconds) of the first sample."""
    samples: np.ndarray
    """int16; shape (n,) for one microphone, (n, 2) in two-channel mode (channel 0 = expert)."""

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    @property
    def t1(self) -> float:
        return self.t0 + self.duration
