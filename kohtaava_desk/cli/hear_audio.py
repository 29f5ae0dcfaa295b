"""`kohtaava-desk hear --audio FILE.wav [--json]`: the configured engine on a recording, per utterance.

An admin's test of the speech set-up: utterances are cut by the app's own voice activity, each is
recognised by the engine the settings choose (Vosk or Whisper, in the speech language), and what is
understood is printed with the recognised words. This command may print the words to the terminal;
nothing here stores or logs them.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

GAP_S = 0.6
"""Non-speech this long ends an utterance (the recogniser worker's flush gap)."""
MAX_UTTERANCE_S = 20.0


def utterances(path: Path) -> Iterator[tuple[float, np.ndarray]]:
    """(start seconds, int16 16 kHz speech) of each utterance in a WAV file, cut by the app's VAD."""
    from ..audio.wavfile import FileSource
    from ..listening.frames import Framer
    from ..listening.vad import VadSettings, VoiceActivity

    settings = VadSettings()
    framer, vad = Framer(settings.frame_samples), VoiceActivity(settings)
    held: list[np.ndarray] = []
    start = last_speech = 0.0

    def decisions() -> Iterator[tuple[Any, bool]]:
        for block in FileSource(path):
            for frame in framer.push(block):
                yield from vad.process(frame)
        yield from vad.flush()

    for frame, speech in decisions():
        if speech:
            if not held:
                start = frame.t0
            held.append(frame.mono)
            last_speech = frame.t1
            if len(held) * len(frame.mono) >= MAX_UTTERANCE_S * 16_000:
                yield start, np.concatenate(held)
                held = []
        elif held and frame.t0 - last_speech >= GAP_S:
            yield start, np.concatenate(held)
            held = []
    if held:
        yield start, np.concatenate(held)


def _vosk(model_dir: Path) -> Callable[[np.ndarray], str]:
    from ..speech.model import load_vosk_model
    from ..speech.kaldi import vosk_recognizer

    model = load_vosk_model(model_dir)

    def recognise(pcm: np.ndarray) -> str:
        rec = vosk_recognizer(model, 16_000)
        rec.AcceptWaveform(np.concatenate([pcm, np.zeros(3200, np.int16)]).tobytes())
        return json.loads(rec.FinalResult()).get("text", "")

    return recognise


def _whisper(model_dir: Path, language: str, phrases: list[str]) -> Callable[[np.ndarray], str]:
    from ..speech.whisper_engine import WhisperRecognizer, WhisperSettings, cue_prompt, load_whisper

    settings = WhisperSettings(language=language)
    return WhisperRecognizer(load_whisper(model_dir, settings), settings, cue_prompt(phrases, language)).transcribe


def run_audio(path: Path, config: Any, language: str, matcher: Any, as_json: bool) -> int:
    from ..language.phrases import cue_phrases
    from ..language.understand import understand
    from ..speech.model import configured_model_dir
    from ..speech.whisper_engine import WhisperUnavailable, whisper_model_dir

    speech = getattr(config, "speech", None)
    engine = getattr(speech, "engine", "vosk") if speech is not None else "vosk"
    model_path = getattr(speech, "model_path", "") if speech is not None else ""
    try:
        if engine == "whisper":
            phrases = [p for plist in cue_phrases(config, language).values() for p in plist]
            recognise = _whisper(whisper_model_dir(model_path), language, phrases)
        else:
            recognise = _vosk(configured_model_dir(model_path))
        cut = utterances(path)
        rows = []
        for start, pcm in cut:
            t0 = time.perf_counter()
            text = recognise(pcm)
            u = understand(text, matcher, language=language)
            rows.append({"start_s": round(start, 2), "end_s": round(start + len(pcm) / 16_000, 2),
                         "words": text, **u.as_dict(), "recognise_s": round(time.perf_counter() - t0, 2)})
    except WhisperUnavailable as exc:
        print(f"kohtaava-desk hear: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bad file or model is named, not a traceback
        print(f"kohtaava-desk hear: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps({"engine": engine, "language": language, "utterances": rows}, ensure_ascii=False))
        return 0
    print(f"{engine}, {language}: {len(rows)} utterances")
    for r in rows:
        found = [f"{r['announced_minutes']} min" if r["announced_minutes"] else "",
                 r["step_cue"] or ("next" if r["next_step"] else ""), r["question"] or ""]
        print(f"[{r['start_s']:7.2f}–{r['end_s']:7.2f} s] {r['words']}")
        print(f"    → {' · '.join(f for f in found if f) or '–'}")
    return 0
