"""How much CPU the streaming resampler costs, and how clean its output is.

Run: .venv/bin/python bench/resample_speed.py [--seconds 60]

For each input rate and channel count, `seconds` of noise are fed in 0.1 s blocks
(what the microphone callback delivers) and the CPU time per second of audio is
reported as a percentage of one core. Quality columns: worst passband error for
tones 100 Hz–6.8 kHz, the strongest alias from tones 8.3–20 kHz, and the delay
added before output appears. The last row times the whole capture conversion
(ChunkConverter: channel pick, resampling, int16) at 48 kHz mono.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core, as in the app's worker thread
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from kohtaava_desk.audio.capture import ChunkConverter, RawChunk  # noqa: E402
from kohtaava_desk.audio.resample import Resampler  # noqa: E402

RATES = (8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 48_000, 96_000)


def cpu_percent(rate: int, channels: int, seconds: float) -> float:
    block = rate // 10
    rng = np.random.default_rng(0)
    shape = (block,) if channels == 1 else (block, channels)
    x = (0.1 * rng.standard_normal(shape)).astype(np.float32)
    r = Resampler(rate, channels)
    for _ in range(10):
        r.process(x)
    n = int(seconds * 10)
    t = time.process_time()
    for _ in range(n):
        r.process(x)
    return (time.process_time() - t) / seconds * 100.0


def converter_percent(seconds: float) -> float:
    rng = np.random.default_rng(1)
    frames = (0.1 * rng.standard_normal((4800, 1))).astype(np.float32)
    conv = ChunkConverter(48_000, 1, two_channel=False)
    n = int(seconds * 10)
    t = time.process_time()
    for i in range(n):
        conv.convert(RawChunk(frames, i * 4800, 0.0), (i + 1) * 0.1)
    return (time.process_time() - t) / seconds * 100.0


def file_percent(rate: int, seconds: float) -> float:
    """WAV file (16-bit, mono) -> 16 kHz AudioBlocks, in a temporary folder deleted afterwards."""
    import tempfile
    import wave

    from kohtaava_desk.audio.wavfile import FileSource

    x = (0.1 * np.random.default_rng(2).standard_normal(int(rate * seconds)) * 32767).astype("<i2")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "noise.wav")
        with wave.open(path, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(x.tobytes())
        t = time.process_time()
        for _ in FileSource(path):
            pass
        return (time.process_time() - t) / seconds * 100.0


def convert(x: np.ndarray, rate: int) -> np.ndarray:
    r = Resampler(rate)
    return np.concatenate([r.process(x), r.flush()])


def quality(rate: int) -> tuple[float, float | None, float]:
    """(worst passband error dB, strongest alias dBFS relative to the tone, latency ms)."""
    seconds = 0.5
    t = np.arange(int(rate * seconds)) / rate
    worst = -300.0
    top = min(6_800.0, 0.43 * rate)
    for f in np.linspace(100.0, top, 12):
        y = convert((0.5 * np.sin(2 * np.pi * f * t)).astype(np.float32), rate)
        ideal = 0.5 * np.sin(2 * np.pi * f * np.arange(len(y)) / 16_000)
        err = np.max(np.abs(y[1000:-1000] - ideal[1000:-1000])) / 0.5
        worst = max(worst, 20 * np.log10(err + 1e-12))
    alias = None
    if rate > 16_000:
        alias = -300.0
        for f in np.linspace(8_300.0, min(20_000.0, 0.49 * rate), 10):
            y = convert((0.5 * np.sin(2 * np.pi * f * t)).astype(np.float32), rate)[1000:-1000]
            level = np.sqrt(np.mean(y.astype(np.float64) ** 2)) / (0.5 / np.sqrt(2))
            alias = max(alias, 20 * np.log10(level + 1e-12))
    latency = Resampler(rate).latency_samples / rate * 1000
    return worst, alias, latency


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="audio per speed measurement")
    args = ap.parse_args()
    print(f"Streaming resampler to 16 kHz, 0.1 s blocks, {args.seconds:.0f} s of audio per row, BLAS on 1 thread")
    print()
    head = (f"{'input rate':>10}  {'mono CPU':>9}  {'stereo CPU':>10}  {'passband err':>12}  "
            f"{'worst alias':>11}  {'latency':>8}")
    print(head)
    print("-" * len(head))
    for rate in RATES:
        mono = cpu_percent(rate, 1, args.seconds)
        stereo = cpu_percent(rate, 2, args.seconds)
        err, alias, latency = quality(rate)
        alias_s = "—" if alias is None else f"{alias:.0f} dB"
        print(f"{rate:>7} Hz  {mono:>8.3f}%  {stereo:>9.3f}%  {err:>9.0f} dB  {alias_s:>11}  {latency:>5.1f} ms")
    print()
    print(f"Capture conversion at 48 kHz mono (channel pick + resample + int16): "
          f"{converter_percent(args.seconds):.3f}% of one core")
    for rate in (44_100, 48_000):
        print(f"WAV file at {rate} Hz -> 16 kHz blocks (read, decode, resample): "
              f"{file_percent(rate, args.seconds):.3f}% of one core")
    print("CPU = process time per second of audio, as a share of one core (target: well under 1 %).")
    print("passband err = worst |output - ideal 16 kHz sine| for 100 Hz..6.8 kHz tones, relative to the tone.")
    print("worst alias = strongest output from input tones 8.3-20 kHz (they must not fold into the speech band).")


if __name__ == "__main__":
    main()
