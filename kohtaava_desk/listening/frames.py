"""Cut incoming audio blocks of any length into fixed VAD frames on the session clock."""

from __future__ import annotations

import numpy as np

from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.listening.vad import Frame, level_dbfs


def downmix(samples: np.ndarray) -> np.ndarray:
    """int16 mono from (n,) or (n, channels) int16."""
    if samples.ndim == 1:
        return samples
    return np.round(samples.astype(np.float32).mean(axis=1)).astype(np.int16)


class Framer:
    """Blocks in, whole frames out; keeps less than one frame of leftover audio."""

    def __init__(self, frame_samples: int, two_channel: bool = False) -> None:
        self.frame_samples = frame_samples
        self.two_channel = two_channel
        self._rest: np.ndarray | None = None
        # Frame times count samples from the start of the continuous stream, so they do not depend
        # on how the stream was cut into blocks (no accumulated rounding).
        self._base_t = 0.0
        self._framed = 0
        self._expected_t: float | None = None

    @property
    def expected_t(self) -> float | None:
        """Session time the next block should start at if the stream is continuous."""
        return self._expected_t

    @property
    def held_samples(self) -> int:
        return 0 if self._rest is None else len(self._rest)

    def reset(self) -> None:
        self._rest = None
        self._expected_t = None

    def drop_partial(self) -> None:
        """Forget the leftover (at a capture gap: it is not continuous with what comes next)."""
        self._rest = None
        self._expected_t = None

    def push(self, block: AudioBlock) -> list[Frame]:
        samples = self._check(block)
        if self._expected_t is None:
            self._base_t = block.t0
            self._framed = 0
        if self._rest is not None and len(self._rest):
            samples = np.concatenate([self._rest, samples])
        self._expected_t = block.t1
        n = len(samples) // self.frame_samples
        frames = []
        for i in range(n):
            part = samples[i * self.frame_samples:(i + 1) * self.frame_samples]
            mono = downmix(part)
            t0 = self._base_t + self._framed / SAMPLE_RATE
            frames.append(Frame(t0=t0, samples=part, mono=mono, level_db=level_dbfs(mono)))
            self._framed += self.frame_samples
        rest = samples[n * self.frame_samples:]
        self._rest = rest.copy() if len(rest) else None
        return frames

    def _check(self, block: AudioBlock) -> np.ndarray:
        samples = np.asarray(block.samples)
        if samples.dtype != np.int16:
            raise ValueError(f"AudioBlock.samples must be int16, got {samples.dtype}")
        if self.two_channel:
            if samples.ndim != 2 or samples.shape[1] != 2:
                raise ValueError(
                    "two-channel mode needs AudioBlock.samples of shape (n, 2) "
                    f"(channel 0 = expert, 1 = client), got {samples.shape}")
        elif samples.ndim == 2:
            samples = downmix(samples)
        elif samples.ndim != 1:
            raise ValueError(f"AudioBlock.samples must have shape (n,) or (n, 2), got {samples.shape}")
        return samples
