"""`kohtaava-desk analyze` and `enroll` on generated recordings."""

from __future__ import annotations

import argparse
import io
import json
import os
import struct
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

import synth
from kohtaava_desk.cli import analyze, enroll
from kohtaava_desk.cli.analyze import SUMMARY_KEYS
from kohtaava_desk.meeting import Step
from kohtaava_desk.meeting.summary import STEP_FIGURES
from kohtaava_desk.speakers.locations import default_profile_path
from listening_fixtures import two_voice_material

ROOT = Path(__file__).resolve().parents[1]


# Every test here runs the real pipeline over recordings made with espeak-ng: slow.
pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def recordings(tmp_path_factory) -> dict[str, Path]:
    d, audio, enrol = two_voice_material()
    folder = tmp_path_factory.mktemp("recordings")
    rng = np.random.default_rng(3)
    files = {
        "meeting": synth.write_wav(folder / "meeting.wav", audio),
        "voice": synth.write_wav(folder / "voice.wav", enrol),
        "stereo": synth.write_wav(folder / "stereo.wav", synth.mix_two_channel(d, rng)),
        "silence": synth.write_wav(folder / "silence.wav", np.zeros(5 * synth.SAMPLE_RATE, np.float32)),
        "short_voice": synth.write_wav(folder / "short_voice.wav", enrol[: 3 * synth.SAMPLE_RATE]),
    }
    # The same meeting at 44.1 kHz, as many recorders write it.
    files["meeting44k"] = synth.write_wav(folder / "meeting44k.wav", synth.resample(audio, 16000, 44100), rate=44100)
    return files


def parse(command: str, *argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kohtaava-desk")
    sub = parser.add_subparsers(dest="command")
    (analyze if command == "analyze" else enroll).add_parser(sub)
    return parser.parse_args([command, *argv])


def call(command: str, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    module = analyze if command == "analyze" else enroll
    code = module.run(parse(command, *argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def analyze_json(*argv: str) -> dict:
    code, out, err = call("analyze", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_json_has_exactly_the_keys_and_sane_values(recordings) -> None:
    d, _, _ = two_voice_material()
    result = analyze_json(str(recordings["meeting"]), "--enroll", str(recordings["voice"]))
    assert list(result) == list(SUMMARY_KEYS)
    assert abs(result["duration_s"] - d.duration_s) < 0.05
    steps = result["steps"]
    assert [s["step"] for s in steps] == [s.value for s in Step] and list(steps[0]) == list(STEP_FIGURES)
    assert steps[0]["duration_s"] == pytest.approx(result["duration_s"], abs=0.01)  # no --steps: all Empatia
    assert steps[0]["expert_share"] == pytest.approx(result["expert_share"], abs=1e-4)
    assert steps[0]["longest_expert_monologue_s"] == result["longest_expert_monologue_s"]
    assert steps[0]["verdict"] in ("below", "within", "above")
    parts = result["expert_s"] + result["client_s"] + result["unknown_s"]
    assert abs(parts - result["speech_s"]) < 0.05
    share = result["expert_s"] / (result["expert_s"] + result["client_s"])
    assert result["expert_share"] == pytest.approx(share, abs=1e-3)
    # Same 6-point tolerance as the attribution test (the worst-case target).
    assert abs(result["expert_share"] - d.expert_share) < 0.06
    assert abs(result["speech_s"] - d.speech_s) / d.speech_s < 0.15
    assert 0 < result["longest_expert_monologue_s"] <= result["expert_s"] + result["unknown_s"] + 10


def test_other_sample_rate_gives_the_same_picture(recordings) -> None:
    a = analyze_json(str(recordings["meeting"]), "--enroll", str(recordings["voice"]))
    b = analyze_json(str(recordings["meeting44k"]), "--enroll", str(recordings["voice"]))
    assert abs(a["expert_share"] - b["expert_share"]) < 0.03
    assert abs(a["speech_s"] - b["speech_s"]) < 0.03 * a["speech_s"]


def test_enroll_then_analyze_with_the_saved_profile(recordings, tmp_path) -> None:
    target = tmp_path / "me.json"
    code, out, err = call("enroll", "--from-file", str(recordings["voice"]), "--output", str(target))
    assert code == 0, err
    assert str(target) in out
    data = json.loads(target.read_text())
    # Only numbers and the format markers: no audio, no text from the recording.
    assert set(data) == {"format", "format_version", "encoder", "embedding", "windows", "speech_s", "similarity"}
    assert all(isinstance(x, float) for x in data["embedding"]) and len(data["embedding"]) == 256
    with_file = analyze_json(str(recordings["meeting"]), "--profile", str(target))
    with_voice = analyze_json(str(recordings["meeting"]), "--enroll", str(recordings["voice"]))
    assert with_file["expert_share"] == pytest.approx(with_voice["expert_share"], abs=0.005)


def test_default_profile_location_is_used(recordings) -> None:
    path = default_profile_path()
    assert path.name == "voice_profile.json"
    assert str(path).startswith(os.environ["KOHTAAVA_DESK_DATA_DIR"])  # isolated by conftest
    assert not path.exists()
    code, _, err = call("enroll", "--from-file", str(recordings["voice"]))
    assert code == 0, err
    assert path.exists()
    code, out, _ = call("analyze", str(recordings["meeting"]))
    assert code == 0
    assert "äänitunniste" in out  # Finnish text by default, naming the profile as the basis


def test_without_profile_falls_back_to_loudness(recordings) -> None:
    d, _, _ = two_voice_material()
    code, out, err = call("analyze", str(recordings["meeting"]), "--no-profile", "--lang", "en")
    assert code == 0, err
    assert "no voice profile" in out and "less reliable" in out
    result = analyze_json(str(recordings["meeting"]), "--no-profile")
    assert abs(result["expert_share"] - d.expert_share) < 0.1


def test_two_channel_file(recordings) -> None:
    d, _, _ = two_voice_material()
    result = analyze_json(str(recordings["stereo"]), "--two-channel")
    assert abs(result["expert_share"] - d.expert_share) < 0.06
    code, _, err = call("analyze", str(recordings["meeting"]), "--two-channel")
    assert code == 2 and "meeting.wav" in err


def test_silence_has_no_share(recordings) -> None:
    result = analyze_json(str(recordings["silence"]), "--no-profile")
    assert result["speech_s"] == 0 and result["expert_share"] is None


def _write_header_only_wav(path: Path, format_code: int) -> Path:
    fmt = struct.pack("<HHIIHH", format_code, 1, 16000, 16000, 1, 8)
    data = bytes(1600)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def test_unsupported_files_exit_2_with_a_clear_message(tmp_path) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("not audio at all")
    mp3 = _write_header_only_wav(tmp_path / "mp3.wav", 0x0055)
    three = tmp_path / "three.wav"
    with wave.open(str(three), "wb") as w:
        w.setnchannels(3)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(bytes(6 * 1600))
    for bad in (text, mp3, three, tmp_path / "missing.wav"):
        code, out, err = call("analyze", str(bad), "--json")
        assert code == 2, bad
        assert out == ""
        assert bad.name in err


def test_bad_profile_and_short_enrolment_exit_2(recordings, tmp_path) -> None:
    broken = tmp_path / "profile.json"
    broken.write_text('{"format": "something else"}')
    code, _, err = call("analyze", str(recordings["meeting"]), "--profile", str(broken))
    assert code == 2 and "profile.json" in err
    code, _, err = call("analyze", str(recordings["meeting"]), "--enroll", str(recordings["short_voice"]))
    assert code == 2 and "s" in err
    code, _, err = call("enroll", "--from-file", str(recordings["short_voice"]), "--output", str(tmp_path / "p.json"))
    assert code == 2 and not (tmp_path / "p.json").exists()
    code, _, err = call("enroll", "--seconds", "10")  # no file: the microphone, and this machine has none
    assert code == 2 and "0 s" in err


def test_module_entry_point(recordings) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kohtaava_desk", "analyze", str(recordings["meeting"]), "--enroll",
         str(recordings["voice"]), "--json"],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    assert list(json.loads(proc.stdout)) == list(SUMMARY_KEYS)


def test_save_stores_the_analysis_like_a_meeting(recordings) -> None:
    from kohtaava_desk.meeting import Step
    from kohtaava_desk.store.db import MeetingStore

    code, out, err = call("analyze", str(recordings["meeting"]), "--enroll", str(recordings["voice"]), "--json",
                          "--save", "--length", "20", "--steps", "5,10,15")
    assert code == 0, err
    figures = json.loads(out)  # stdout stays exactly one JSON object
    assert "(nro 1)" in err or "(no. 1)" in err
    store = MeetingStore()
    try:
        (row,) = store.list_meetings()
        saved = store.get(row.id).summary
    finally:
        store.close()
    assert saved.expert_s == figures["expert_s"] and saved.client_s == figures["client_s"]
    assert saved.announced_s == 20 * 60 and not saved.interrupted
    assert [v[0] for v in saved.visits] == [Step.EMPATIA, Step.OHJAUKSELLINEN, Step.NEUVONNALLINEN, Step.HYVASTELY]
    assert saved.step(Step.EMPATIA).time_s == pytest.approx(5, abs=0.11)
    assert sum(s.expert_s for s in saved.steps) == pytest.approx(saved.expert_s, abs=0.05)


def test_bad_step_times_are_refused(recordings, capsys) -> None:
    with pytest.raises(SystemExit):
        parse("analyze", str(recordings["meeting"]), "--steps", "10,5")
    assert "increasing" in capsys.readouterr().err
