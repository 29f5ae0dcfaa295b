"""The expert's voice profile: enrolment from speech, JSON round trip, validation, privacy."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from kohtaava_desk.speakers.encoder import VoiceEncoder
from kohtaava_desk.speakers.enrolment_text import enrolment_instructions, enrolment_text
from kohtaava_desk.speakers.profile import (
    EnrolmentError,
    EnrolmentSettings,
    VoiceProfile,
    VoiceProfileError,
    enrol,
    speech_windows,
)
from speaker_audio import speak

TEST_SPEECH = (
    "Olen hakenut kolmea paikkaa, mutta vastauksia ei ole vielä tullut. Kävin myös kurssilla, joka "
    "kesti kaksi viikkoa ja oli ihan hyödyllinen."
)

_WRITES: list[str] = []
_WATCHING = False


def _audit(event: str, args: tuple) -> None:
    if _WATCHING and event == "open" and len(args) >= 2:
        path, mode = args[0], args[1]
        if isinstance(mode, str) and any(c in mode for c in "wax+"):
            _WRITES.append(str(path))
        elif isinstance(args[2] if len(args) > 2 else None, int) and args[2] & 0o3:  # os.open flags
            _WRITES.append(str(path))


sys.addaudithook(_audit)


@pytest.fixture(scope="module")
def enrolment_audio() -> np.ndarray:
    return speak("fi+m3", enrolment_text("fi"))


@pytest.fixture(scope="module")
def profile(enrolment_audio) -> VoiceProfile:
    return enrol(enrolment_audio)


def test_enrolment_builds_a_profile_that_recognises_the_voice(profile, enrolment_audio):
    assert profile.encoder == VoiceEncoder.encoder_id
    duration = len(enrolment_audio) / 16000
    assert 0.6 * duration < profile.speech_s <= duration
    assert profile.windows >= 20  # ~25 s of speech in 1.6 s windows at 0.8 s hops
    assert np.linalg.norm(profile.embedding) == pytest.approx(1.0, abs=1e-5)
    assert profile.similarity_min <= profile.similarity_p10 <= profile.similarity_mean <= 1.0
    assert 0.0 < profile.similarity_std < 0.2
    assert 0.5 < profile.pairwise_mean < profile.similarity_mean
    # Live-style 1.5 s chunks of new sentences: every chunk of the enrolled voice scores above every
    # chunk of another voice (same gender too).
    encoder = VoiceEncoder.load()

    def chunk_scores(voice: str) -> np.ndarray:
        wav = speak(voice, TEST_SPEECH)
        chunks = [wav[i : i + 24000] for i in range(0, len(wav) - 24000 + 1, 24000)]
        return profile.similarity(encoder.embed_many(chunks))

    own = chunk_scores("fi+m3")
    for other in ("fi+f2", "fi+m7"):
        assert own.min() > chunk_scores(other).max(), other


def test_enrolment_writes_nothing_to_disk(enrolment_audio):
    global _WATCHING
    _WRITES.clear()
    _WATCHING = True
    try:
        enrol(enrolment_audio)
    finally:
        _WATCHING = False
    assert _WRITES == []


def test_round_trip_keeps_every_number(profile, tmp_path):
    path = profile.save(tmp_path / "sub" / "voice.json")
    loaded = VoiceProfile.load(path)
    np.testing.assert_allclose(loaded.embedding, profile.embedding, atol=1e-6)
    assert loaded.windows == profile.windows
    assert loaded.speech_s == pytest.approx(profile.speech_s, abs=0.01)
    for field in ("similarity_mean", "similarity_std", "similarity_min", "similarity_p10", "pairwise_mean"):
        assert getattr(loaded, field) == pytest.approx(getattr(profile, field), abs=1e-6)
    assert loaded.encoder == profile.encoder and loaded.format_version == profile.format_version
    assert list(tmp_path.joinpath("sub").iterdir()) == [path]  # no temporary file left behind


def test_profile_file_holds_only_a_few_numbers(profile, tmp_path):
    path = profile.save(tmp_path / "voice.json")
    assert path.stat().st_size < 8 * 1024  # 25 s of 16-bit audio would be ~800 kB
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"format", "format_version", "encoder", "embedding", "windows", "speech_s", "similarity"}
    assert len(data["embedding"]) == 256
    assert set(data["similarity"]) == {"mean", "std", "min", "p10", "pairwise_mean"}
    numbers = data["embedding"] + list(data["similarity"].values()) + [data["windows"], data["speech_s"]]
    assert all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in numbers)
    assert isinstance(data["format"], str) and isinstance(data["encoder"], str)


def _write(tmp_path, text: str):
    path = tmp_path / "voice.json"
    path.write_text(text, encoding="utf-8")
    return path


def _mutated(profile: VoiceProfile, **changes) -> str:
    data = profile.to_dict()
    for key, value in changes.items():
        if value is ...:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: _mutated(p)[:200], "not valid JSON"),
        (lambda p: "[1, 2, 3]", "expected a JSON object"),
        (lambda p: _mutated(p, format="something-else"), "'format'"),
        (lambda p: _mutated(p, format_version=99), "format_version 99"),
        (lambda p: _mutated(p, encoder="other-encoder-2.0"), "other-encoder-2.0"),
        (lambda p: _mutated(p, embedding=[0.1] * 100), "list of 256 finite numbers"),
        (lambda p: _mutated(p, embedding=[float("nan")] * 256), "finite numbers"),
        (lambda p: _mutated(p, embedding=[0.5] * 256), "unit vector"),
        (lambda p: _mutated(p, windows=0), "'windows'"),
        (lambda p: _mutated(p, windows=True), "'windows'"),
        (lambda p: _mutated(p, speech_s=...), "lacks key(s) speech_s"),
        (lambda p: _mutated(p, audio=[0, 1, 2]), "unexpected key(s) audio"),
        (lambda p: _mutated(p, similarity={"mean": 0.9}), "'similarity'"),
        (lambda p: _mutated(p, similarity={"mean": 3, "std": 0, "min": 0, "p10": 0, "pairwise_mean": 0}), "similarity.mean"),
    ],
)
def test_corrupt_profile_names_the_file_and_the_problem(profile, tmp_path, make, expected):
    path = _write(tmp_path, make(profile))
    with pytest.raises(VoiceProfileError) as info:
        VoiceProfile.load(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_missing_binary_and_huge_profiles_are_clear_errors(tmp_path):
    with pytest.raises(VoiceProfileError, match="not found"):
        VoiceProfile.load(tmp_path / "nope.json")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage\x80")
    with pytest.raises(VoiceProfileError, match="binary.json"):
        VoiceProfile.load(binary)
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"x": [0.0] * 50000}), encoding="utf-8")
    with pytest.raises(VoiceProfileError, match="too large"):
        VoiceProfile.load(huge)


def test_too_little_speech_is_refused_with_the_figures(enrolment_audio):
    short = enrolment_audio[: 6 * 16000]
    with pytest.raises(EnrolmentError) as info:
        enrol(short)
    error = info.value
    assert error.required_s == 8.0
    assert 3.0 < error.speech_s < 6.5
    assert "8 s" in str(error)
    assert "vähintään 8 s" in error.localized("fi")
    assert "minst 8 s" in error.localized("sv")
    assert "at least 8 s" in error.localized("en")


def test_silence_and_steady_noise_do_not_count_as_speech(enrolment_audio):
    rng = np.random.default_rng(7)
    # 6 s of speech padded by 30 s of a steady fan-like hiss: still too little speech.
    hiss = (300 * rng.standard_normal(30 * 16000)).astype(np.int16)
    padded = np.concatenate([hiss[: 15 * 16000], enrolment_audio[: 6 * 16000], hiss[15 * 16000 :]])
    padded = padded + (300 * rng.standard_normal(len(padded))).astype(np.int16) // 2
    with pytest.raises(EnrolmentError) as info:
        enrol(padded)
    assert info.value.speech_s < 7.0
    with pytest.raises(EnrolmentError):
        enrol(np.zeros(30 * 16000, dtype=np.int16))


def test_speech_windows_skip_long_pauses(enrolment_audio):
    speech = enrolment_audio[: 12 * 16000]
    pause = np.zeros(10 * 16000, dtype=np.int16)
    windows, speech_s = speech_windows(np.concatenate([speech[: 6 * 16000], pause, speech[6 * 16000 :]]))
    alone_windows, alone_s = speech_windows(speech)
    # The 10 s pause adds nothing but the gate's hangover around the cut (a few frames).
    assert speech_s == pytest.approx(alone_s, abs=0.3)
    assert abs(len(windows) - len(alone_windows)) <= 1
    assert all(len(w) == 25600 for w in windows)


def test_bad_enrolment_input_and_settings():
    with pytest.raises(EnrolmentError, match="mono"):
        enrol(np.zeros((16000, 2), dtype=np.int16))
    with pytest.raises(ValueError, match="frame_ms"):
        EnrolmentSettings(frame_ms=25)
    with pytest.raises(ValueError, match="hop_s"):
        EnrolmentSettings(hop_s=0)


def test_enrolment_texts_exist_in_three_languages_and_take_about_25_seconds():
    assert enrolment_text() == enrolment_text("fi")
    for lang in ("fi", "sv", "en"):
        words = len(enrolment_text(lang).split())
        assert 40 <= words <= 90, (lang, words)
        assert enrolment_instructions(lang)
    assert len({enrolment_text(lang) for lang in ("fi", "sv", "en")}) == 3
    with pytest.raises(ValueError, match="available: fi, sv, en"):
        enrolment_text("de")
    # Read by a synthetic voice at an ordinary pace (~160 words/min) the Finnish text lasts 20–40 s.
    seconds = len(speak("fi+m3", enrolment_text("fi"), speed=160)) / 16000
    assert 20.0 <= seconds <= 40.0
