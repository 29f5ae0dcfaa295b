"""Vosk's KaldiRecognizer as the recogniser worker's decoder — the engine seam of speech recognition.

As small as nerd-dictation's loop: feed int16 PCM, and when Vosk decides an utterance ended it comes
back; `finish()` forces the end (VAD-gated audio never brings the trailing silence Vosk's endpointing
waits for); `reset()` drops a half-heard utterance. Times are seconds of audio fed to this decoder;
the worker (`recognizer.py`: queue, shedding, timeline, stats) maps them back to the session clock.
Another engine (e.g. Whisper) plugs in by implementing `Decoder` and passing a `decoder_factory` to
RecognizerWorker. A decoder is used only inside the worker thread that made it (Kaldi's is not
thread-safe).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class Decoded:
    """One recognised utterance. The text is handed on once and never logged or stored."""

    text: str
    start: float
    """Decoder time (s) of the first word."""
    end: float
    """Decoder time (s) of the last word's end."""
    words: int


class Decoder(Protocol):
    def accept(self, pcm: np.ndarray) -> Decoded | None:
        """Feed int16 mono audio; returns an utterance if the engine ended one here."""
        ...

    def finish(self) -> Decoded | None:
        """End the pending utterance and return it (None if nothing was recognised)."""
        ...

    def reset(self) -> None:
        """Drop the pending utterance unheard."""
        ...


def vosk_recognizer(model: object, sample_rate: int) -> object:
    """A KaldiRecognizer with word timings; must be called in the thread that will use it."""
    from vosk import KaldiRecognizer

    recognizer = KaldiRecognizer(model, float(sample_rate))
    recognizer.SetWords(True)
    return recognizer


class KaldiDecoder:
    """Decoder over one KaldiRecognizer (or anything with its AcceptWaveform/Result/FinalResult/Reset)."""

    def __init__(self, recognizer: object) -> None:
        self._rec = recognizer

    def accept(self, pcm: np.ndarray) -> Decoded | None:
        return _decoded(self._rec.Result()) if self._rec.AcceptWaveform(pcm.tobytes()) else None

    def finish(self) -> Decoded | None:
        return _decoded(self._rec.FinalResult())

    def reset(self) -> None:
        self._rec.Reset()


def _decoded(raw: str) -> Decoded | None:
    """Vosk's result JSON ({"result": [{"word", "start", "end", "conf"}], "text"}) as Decoded."""
    try:
        result = json.loads(raw)
    except ValueError:
        return None
    words = result.get("result") or []
    text = (result.get("text") or "").strip()
    if not text or not words:
        return None
    return Decoded(text, float(words[0]["start"]), float(words[-1]["end"]), len(words))
