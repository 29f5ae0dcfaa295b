"""`analyze`: the share band, confidence, settle time, --timeline, and one voice alone."""

from __future__ import annotations

import json

import numpy as np
import pytest

import synth
from listening_fixtures import two_voice_material
from test_analyze_cli import analyze_json, call

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict:
    d, audio, enrol = two_voice_material()
    folder = tmp_path_factory.mktemp("band")
    rng = np.random.default_rng(5)
    alone = synth.mix_mono(synth.Dialogue(d.expert, np.zeros_like(d.client)), rng, snr_db=25.0)
    return {
        "meeting": synth.write_wav(folder / "meeting.wav", audio),
        "voice": synth.write_wav(folder / "voice.wav", enrol),
        "alone": synth.write_wav(folder / "alone.wav", alone),
        "meeting8k": synth.write_wav(folder / "meeting8k.wav", synth.resample(audio, 16000, 8000), rate=8000),
    }


def test_band_holds_the_figure_and_the_truth(files) -> None:
    d, _, _ = two_voice_material()
    result = analyze_json(str(files["meeting"]), "--enroll", str(files["voice"]))
    assert result["share_low"] <= result["expert_share"] <= result["share_high"]
    assert result["share_low"] <= d.expert_share <= result["share_high"]
    assert result["share_high"] - result["share_low"] <= 0.15
    assert result["confidence"] in ("high", "medium")
    assert 0 < result["calibrating_until_s"] <= result["duration_s"]


def test_no_profile_guess_is_never_confident(files) -> None:
    result = analyze_json(str(files["meeting"]), "--no-profile")
    share = result["expert_share"]
    assert result["confidence"] == "low"
    # The louder-voice guess may have the two voices the wrong way round: the band says so.
    assert result["share_low"] <= min(share, 1 - share) and result["share_high"] >= max(share, 1 - share)


def test_one_voice_is_not_split_in_two(files) -> None:
    result = analyze_json(str(files["alone"]), "--enroll", str(files["voice"]))
    assert result["expert_share"] >= 0.95, result
    assert result["share_high"] == 1.0
    code, out, _ = call("analyze", str(files["alone"]), "--enroll", str(files["voice"]), "--lang", "en")
    assert code == 0
    assert "client was not heard" in out


def test_narrowband_recording_gives_the_same_picture(files) -> None:
    wide = analyze_json(str(files["meeting"]), "--enroll", str(files["voice"]))
    narrow = analyze_json(str(files["meeting8k"]), "--enroll", str(files["voice"]))
    assert abs(wide["expert_share"] - narrow["expert_share"]) < 0.06


def test_timeline_lists_the_labelled_segments(files) -> None:
    code, out, err = call("analyze", str(files["meeting"]), "--enroll", str(files["voice"]), "--json", "--timeline")
    assert code == 0, err
    result = json.loads(out)
    segments = result["timeline"]
    assert segments and set(segments[0]) == {"start", "end", "speaker"}
    assert {s["speaker"] for s in segments} <= {"expert", "client", "unknown"}
    assert all(a["end"] <= b["start"] + 1e-6 for a, b in zip(segments, segments[1:]))
    assert all(s["start"] < s["end"] for s in segments)
    assert sum(s["end"] - s["start"] for s in segments) == pytest.approx(result["speech_s"], abs=0.5)
    expert = sum(s["end"] - s["start"] for s in segments if s["speaker"] == "expert")
    assert expert == pytest.approx(result["expert_s"], abs=0.5)
    # Same neighbours joined: two adjacent entries never share a speaker without a pause between them.
    assert all(a["speaker"] != b["speaker"] or b["start"] - a["end"] > 0.05 for a, b in zip(segments, segments[1:]))
    code, text, _ = call("analyze", str(files["meeting"]), "--enroll", str(files["voice"]), "--timeline",
                         "--lang", "en")
    assert code == 0 and "Speech segments" in text
    rows = [line.split() for line in text.splitlines() if line[:1] == " " and line.strip()[:1].isdigit()]
    assert len(rows) == len(segments)
    assert float(rows[0][0]) == pytest.approx(segments[0]["start"], abs=0.01)
