"""espeak-ng speech at 16 kHz for the speaker-encoder and voice-profile tests.

Piped through sox in memory (espeak-ng writes 22 050 Hz WAV to stdout; sox resamples to 16 kHz raw
int16), so no audio file is ever written. Missing tools fail loudly with the install command.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

import numpy as np

SAMPLE_RATE = 16_000


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise RuntimeError(f"{tool} is needed by the speaker tests: apt-get install -y espeak-ng sox")
    return path


@functools.lru_cache(maxsize=64)
def _speak_cached(voice: str, text: str, speed: int) -> bytes:
    wav = subprocess.run(
        [_require("espeak-ng"), "-v", voice, "-s", str(speed), "--stdout", text],
        check=True, capture_output=True,
    ).stdout
    raw = subprocess.run(
        # -V1: quiet; 'gain -1' leaves headroom so resampling never clips.
        [_require("sox"), "-V1", "-t", "wav", "-", "-t", "raw", "-r", str(SAMPLE_RATE), "-e", "signed",
         "-b", "16", "-c", "1", "-", "gain", "-1"],
        input=wav, check=True, capture_output=True,
    ).stdout
    return raw


def speak(voice: str, text: str, speed: int = 175) -> np.ndarray:
    """int16 mono 16 kHz speech of ``text`` in espeak-ng voice ``voice`` (e.g. 'fi+m3')."""
    return np.frombuffer(_speak_cached(voice, text, speed), dtype="<i2").copy()


def to_float(samples: np.ndarray) -> np.ndarray:
    return samples.astype(np.float32) / 32768.0
