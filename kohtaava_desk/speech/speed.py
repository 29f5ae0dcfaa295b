"""How fast a loaded model recognises on this CPU (real-time factor = processing time / audio time)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import numpy as np

from ..audio.blocks import SAMPLE_RATE
from .kaldi import vosk_recognizer


@dataclass(frozen=True)
class SpeedResult:
    """One timed pass of a clip through a fresh recogniser."""

    audio_s: float
    """Length of the clip."""
    wall_s: float
    """Elapsed time of the pass."""
    cpu_s: float
    """CPU time of the calling thread (Vosk decodes in the caller's thread)."""
    words: int
    """Words recognised (content is not looked at)."""

    @property
    def rtf_wall(self) -> float:
        return self.wall_s / self.audio_s

    @property
    def rtf_cpu(self) -> float:
        return self.cpu_s / self.audio_s


def measure(model: object, pcm: np.ndarray, chunk_s: float = 0.25) -> SpeedResult:
    """Feed `pcm` (int16, 16 kHz) in `chunk_s` pieces like the worker does, then FinalResult()."""
    recognizer = vosk_recognizer(model, SAMPLE_RATE)
    step = max(1, int(chunk_s * SAMPLE_RATE))
    words = 0
    wall0, cpu0 = time.perf_counter(), time.thread_time()
    for i in range(0, len(pcm), step):
        if recognizer.AcceptWaveform(pcm[i:i + step].tobytes()):
            words += len(json.loads(recognizer.Result()).get("result") or [])
    words += len(json.loads(recognizer.FinalResult()).get("result") or [])
    wall, cpu = time.perf_counter() - wall0, time.thread_time() - cpu0
    return SpeedResult(len(pcm) / SAMPLE_RATE, wall, cpu, words)
