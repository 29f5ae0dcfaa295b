"""Short synthetic clips for measuring recognition speed (`model check`, the benchmark, tests).

Speech comes from espeak-ng when it is installed; otherwise a speech-like noise clip (syllable-rate
amplitude modulation) stands in, which exercises the decoder but is not the same load as speech.
The clips are generated in memory and never written to disk.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave

import numpy as np

from ..audio.blocks import SAMPLE_RATE

# Written for this project: an expert opening a meeting (no content of any source reused).
FINNISH_LINES = (
    "Hei ja tervetuloa, istu alas ihan rauhassa.",
    "Meillä on tänään aikaa noin puoli tuntia.",
    "Kerro ensin, miten sinulla on viime aikoina mennyt.",
    "Mitä toivoisit, että tästä tapaamisesta jäisi käteen?",
    "Katsotaan sitten yhdessä, mitkä vaihtoehdot sopisivat sinulle.",
)


def have_espeak() -> bool:
    return shutil.which("espeak-ng") is not None


def _to_16k(x: np.ndarray, rate: int) -> np.ndarray:
    if rate == SAMPLE_RATE:
        return x
    # Linear interpolation is enough for speed measurements and stand-in tests.
    n = int(len(x) * SAMPLE_RATE / rate)
    return np.interp(np.arange(n) * (rate / SAMPLE_RATE), np.arange(len(x)), x)


def espeak_speech(text: str, voice: str = "fi", speed: int = 160) -> np.ndarray:
    """int16 16 kHz mono speech from espeak-ng (raises FileNotFoundError when it is missing)."""
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text],
                         check=True, capture_output=True, timeout=60).stdout
    with wave.open(io.BytesIO(wav)) as w:
        rate = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    return np.clip(np.rint(_to_16k(x, rate)), -32768, 32767).astype(np.int16)


def speech_like_noise(seconds: float = 8.0, seed: int = 0) -> np.ndarray:
    """int16 noise shaped like speech loudness: ~4 syllables/s bursts with pauses."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    noise = rng.standard_normal(n)
    # A crude low-pass so the energy sits where speech energy sits.
    noise = np.convolve(noise, np.ones(6) / 6, mode="same")
    envelope = np.clip(np.sin(2 * np.pi * 4.0 * t), 0, None) * (np.sin(2 * np.pi * 0.3 * t) > -0.5)
    return np.clip(noise * envelope * 6000, -32768, 32767).astype(np.int16)


def finnish_sample(lines: tuple[str, ...] = FINNISH_LINES, pause_s: float = 0.4) -> tuple[np.ndarray, str]:
    """(samples, kind): espeak-ng Finnish speech, or speech-like noise when espeak-ng is missing."""
    if have_espeak():
        try:
            pause = np.zeros(int(pause_s * SAMPLE_RATE), dtype=np.int16)
            parts: list[np.ndarray] = []
            for line in lines:
                parts += [espeak_speech(line), pause]
            return np.concatenate(parts), "espeak-ng"
        except (OSError, subprocess.SubprocessError, wave.Error):
            pass
    return speech_like_noise(), "noise"
