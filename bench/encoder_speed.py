"""Speed of the numpy speaker encoder on one core (prints a table).

    .venv/bin/python bench/encoder_speed.py

Embeds 60 s of audio the way live attribution does (1.5 s chunks, one encoder call each) and the way
enrolment does (one long utterance, all partial windows in one batch). The encoder's cost does not depend
on what the audio says, so a deterministic noise-modulated signal stands in for speech.
"""

from __future__ import annotations

import os

# One core, as on the expert's laptop while other work runs; must be set before numpy loads BLAS.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kohtaava_desk.speakers import melspec  # noqa: E402
from kohtaava_desk.speakers.encoder import VoiceEncoder  # noqa: E402

SECONDS = 60.0
CHUNK_S = 1.5
REPEATS = 3


def test_signal(seconds: float) -> np.ndarray:
    rng = np.random.default_rng(1)
    t = np.arange(int(seconds * melspec.SAMPLE_RATE)) / melspec.SAMPLE_RATE
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 3.0 * t) ** 2
    return (0.1 * envelope * rng.standard_normal(t.size)).astype(np.float32)


def best_of(fn, repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    t0 = time.perf_counter()
    encoder = VoiceEncoder.load()
    load_s = time.perf_counter() - t0
    wav = test_signal(SECONDS)
    step = int(CHUNK_S * melspec.SAMPLE_RATE)
    chunks = [wav[i : i + step] for i in range(0, len(wav) - step + 1, step)]

    def live() -> None:
        for chunk in chunks:
            encoder.embed(chunk)

    def enrol() -> None:
        encoder.embed_partials(wav)

    def mel_only() -> None:
        for chunk in chunks:
            melspec.mel_spectrogram(chunk)

    live_s, enrol_s, mel_s = best_of(live), best_of(enrol), best_of(mel_only)
    print(f"speaker encoder speed, one thread, {SECONDS:.0f} s of audio (best of {REPEATS}, CPU time)")
    print(f"{'case':42} {'CPU s':>7} {'x real time':>12}")
    print(f"{'live: ' + str(len(chunks)) + ' chunks of 1.5 s, one call each':42} {live_s:7.3f} {live_s / SECONDS:12.4f}")
    print(f"{'  of which mel spectrogram':42} {mel_s:7.3f} {mel_s / SECONDS:12.4f}")
    print(f"{'enrolment: one 60 s utterance, batched':42} {enrol_s:7.3f} {enrol_s / SECONDS:12.4f}")
    print(f"{'weights load (wall clock, first call)':42} {load_s:7.3f}")
    print(f"target: live well under 0.03 x real time -> {'OK' if live_s / SECONDS < 0.03 else 'MISSED'}")


if __name__ == "__main__":
    main()
