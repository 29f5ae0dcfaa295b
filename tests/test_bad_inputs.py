"""Regression tests for issue 13: bad paths, bad numbers and bad files give a named error, never a
traceback or a hang, and never cost the expert a stored meeting or a valid office profile."""

from __future__ import annotations

import json
import io
import os
import stat
import struct
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from fault_helpers import scratch_device
from store_helpers import realistic_summary

import synth
from kohtaava_desk.cli import analyze, enroll
from kohtaava_desk.cli import export as export_cmd
from kohtaava_desk.cli.main import build_parser
from kohtaava_desk.config import check_file, load_config
from kohtaava_desk.speakers.locations import default_profile_path
from kohtaava_desk.store import MeetingStore, database_path
from listening_fixtures import two_voice_material

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command in a child process; the timeout turns a hang into a failure."""
    return subprocess.run([sys.executable, "-m", "kohtaava_desk", *args], capture_output=True, text=True,
                          cwd=ROOT, env=os.environ.copy(), timeout=timeout)


def run_cmd(module, argv: list[str]) -> tuple[int, str, str]:
    args = build_parser().parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    code = module.run(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def recordings(tmp_path_factory) -> dict[str, Path]:
    _, audio, enrol = two_voice_material()
    folder = tmp_path_factory.mktemp("bad-inputs")
    return {"meeting": synth.write_wav(folder / "meeting.wav", audio),
            "voice": synth.write_wav(folder / "voice.wav", enrol),
            "short": synth.write_wav(folder / "short.wav", audio[:10 * synth.SAMPLE_RATE])}


# --- (1) writers never overwrite the app's own files or special files ----------------------------------

def _stored_meeting() -> int:
    with MeetingStore(database_path()) as store:
        return store.save_summary(realistic_summary(1, 30))


def _export(argv: list[str], capsys) -> tuple[int, str]:
    code = export_cmd.run(build_parser().parse_args(["export", *argv]))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_refuses_to_overwrite_the_database_or_its_companions(suffix, capsys):
    _stored_meeting()
    db = database_path()
    target = db.with_name(db.name + suffix)
    before = db.read_bytes()
    code, err = _export(["--format", "csv", "--output", str(target)], capsys)
    assert code == 1
    assert "nothing written" in err and "own files" in err
    assert db.read_bytes() == before
    with MeetingStore(database_path()) as store:
        assert store.notice is None and store.count() == 1


def test_export_refuses_the_voice_profile_and_a_symlink_to_the_database(tmp_path, capsys):
    _stored_meeting()
    profile = default_profile_path()
    profile.write_text('{"format": "kohtaava-desk-voice-profile"}')
    code, err = _export(["--format", "json", "--output", str(profile)], capsys)
    assert code == 1 and profile.read_text().startswith('{"format"')
    link = tmp_path / "innocent.csv"
    link.symlink_to(database_path())
    code, err = _export(["--format", "csv", "--output", str(link)], capsys)
    assert code == 1 and "own files" in err
    assert link.is_symlink()
    with MeetingStore(database_path()) as store:
        assert store.count() == 1


def test_export_never_replaces_a_special_file(tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, err = _export(["--format", "csv", "--output", str(fifo)], capsys)
    assert code == 1 and "named pipe" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the pipe, not a regular file put in its place
    device = scratch_device(tmp_path)
    code, err = _export(["--format", "csv", "--output", str(device)], capsys)
    assert code == 1 and "device" in err
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_exports_are_owner_only(tmp_path, capsys):
    _stored_meeting()
    target = tmp_path / "out.csv"
    code, _ = _export(["--format", "csv", "--output", str(target)], capsys)
    assert code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_enroll_creates_the_data_folder_owner_only_and_refuses_the_database(recordings, tmp_path, monkeypatch):
    data = tmp_path / "fresh" / "data"
    monkeypatch.setenv("KOHTAAVA_DESK_DATA_DIR", str(data))
    code, _, err = run_cmd(enroll, ["enroll", "--from-file", str(recordings["voice"])])
    assert code == 0, err
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(default_profile_path().stat().st_mode) == 0o600
    _stored_meeting()
    before = database_path().read_bytes()
    code, _, err = run_cmd(enroll, ["enroll", "--from-file", str(recordings["voice"]), "--output",
                                    str(database_path())])
    assert code == 2 and "own files" in err
    assert database_path().read_bytes() == before


# --- (3) + (8) the office profile's last valid copy, nested TOML, BOM, UTF-16 -----------------------------

def test_last_valid_copy_survives_repeated_starts_with_a_broken_office_file(tmp_path):
    state = tmp_path / "state"
    office = tmp_path / "office.toml"
    office.write_text("[meeting]\ndefault_length_min = 60\n")
    assert load_config(office, state_dir=state, env={}).config.meeting.default_length_min == 60
    office.write_text("[meeting\ndefault_length_min = 20\n")  # half-saved on the shared drive
    for _ in range(3):  # every later start, not only the first
        loaded = load_config(office, state_dir=state, env={})
        assert loaded.config.meeting.default_length_min == 60
        assert any("last valid copy" in str(p) for p in loaded.problems)


def test_without_a_kept_copy_the_message_says_defaults_are_in_force(tmp_path):
    office = tmp_path / "office.toml"
    office.write_text("[meeting\n")
    loaded = load_config(office, state_dir=tmp_path / "state", env={})
    text = "\n".join(str(p) for p in loaded.problems)
    assert "built-in defaults are in force" in text and "last valid copy" not in text


NESTED = "a = " + "[" * 5000 + "]" * 5000 + "\n"


def test_deeply_nested_toml_is_a_named_problem(tmp_path):
    path = tmp_path / "nested.toml"
    path.write_text(NESTED)
    problems = check_file(path)
    assert len(problems) == 1 and str(path) in str(problems[0]) and "nested too deeply" in str(problems[0])


def test_broken_personal_file_never_discards_a_valid_office_profile(tmp_path):
    office = tmp_path / "office.toml"
    office.write_text("[meeting]\ndefault_length_min = 45\n")
    personal = tmp_path / "personal.toml"
    personal.write_text(NESTED)
    loaded = load_config(office, personal, state_dir=tmp_path / "state", env={})
    assert loaded.config.meeting.default_length_min == 45
    assert [p.file for p in loaded.problems] == [str(personal)]


def test_utf8_bom_is_read_and_utf16_is_named(tmp_path):
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf[meeting]\ndefault_length_min = 45\n")
    assert check_file(bom) == []
    assert load_config(bom, env={}).config.meeting.default_length_min == 45
    utf16 = tmp_path / "utf16.toml"
    utf16.write_bytes("[meeting]\ndefault_length_min = 45\n".encode("utf-16"))
    problems = check_file(utf16)
    assert str(utf16) in str(problems[0]) and "UTF-16" in str(problems[0]) and "UTF-8" in str(problems[0])


def test_nan_and_inf_in_a_config_file_are_named(tmp_path):
    path = tmp_path / "office.toml"
    path.write_text("[nudges]\ncooldown_s = nan\n[meeting]\nfarewell_reserve_share = inf\n")
    keys = {p.key for p in check_file(path)}
    assert keys == {"nudges.cooldown_s", "meeting.farewell_reserve_share"}


@pytest.mark.parametrize("argv", [["config", "check", "{nested}"], ["config", "show", "--office", "{nested}"],
                                  ["--office", "{nested}", "config", "show"]])
def test_config_commands_report_nested_toml_without_a_traceback(tmp_path, argv):
    path = tmp_path / "nested.toml"
    path.write_text(NESTED)
    result = cli(*[a.replace("{nested}", str(path)) for a in argv])
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr and "nested too deeply" in result.stderr


# --- (10) inputs that are not regular files are refused at once ---------------------------------------------

@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "input.fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("argv", [
    ["analyze", "{fifo}"], ["analyze", "{meeting}", "--enroll", "{fifo}"], ["analyze", "{meeting}", "--profile", "{fifo}"],
    ["enroll", "--from-file", "{fifo}"], ["config", "check", "{fifo}"], ["config", "show", "--office", "{fifo}"],
    ["analyze", "{meeting}", "--office", "{fifo}", "--json"],
])
def test_a_fifo_is_refused_at_once(fifo, recordings, argv):
    result = cli(*[a.replace("{fifo}", str(fifo)).replace("{meeting}", str(recordings["short"])) for a in argv],
                 timeout=40)
    assert "Traceback" not in result.stderr
    assert str(fifo) in result.stderr
    assert "named pipe" in result.stderr or "nimetty putki" in result.stderr


def test_demo_refuses_a_fifo_before_opening_a_window(fifo):
    result = cli("demo", str(fifo), "--exit-after", "1", timeout=40)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "nimetty putki" in result.stderr or "named pipe" in result.stderr


# --- (7) one rule for numbers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    *(["analyze", "x.wav", "--length", v] for v in ("nan", "inf", "-5", "0.001", "1e308", "0", "ten")),
    *(["analyze", "x.wav", "--steps", v] for v in ("nan", "60,inf", "1e400", "60,30", "1,2,3,4")),
    *(["demo", "x.wav", "--speed", v] for v in ("1e300", "nan", "inf", "0", "-1")),
    *(["demo", "x.wav", "--length", v] for v in ("nan", "0")),
    ["demo", "x.wav", "--exit-after", "nan"], ["demo", "x.wav", "--steps", "nan"],
    *(["enroll", "--seconds", v] for v in ("nan", "5", "1e9", "30.5")),
])
def test_bad_numbers_are_named_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert argv[-2] in err and argv[-1] in err  # names the option and the value
    assert "Traceback" not in err


def test_good_numbers_still_pass():
    args = build_parser().parse_args(["analyze", "x.wav", "--length", "45", "--steps", "60,600,1500"])
    assert args.length == 45 and args.steps == (60, 600, 1500)
    assert build_parser().parse_args(["demo", "x.wav", "--speed", "4"]).speed == 4


# --- (5) + (6) what analyze --save stores ---------------------------------------------------------------------

def _stored() -> list:
    if not database_path().exists():
        return []
    with MeetingStore(database_path()) as store:
        return store.list_meetings()


def test_saved_analysis_is_dated_now_not_by_the_file_time(recordings, tmp_path):
    old = tmp_path / "old.wav"
    old.write_bytes(recordings["short"].read_bytes())
    ten_years = 10 * 365 * 86400
    os.utime(old, (os.path.getmtime(old) - ten_years,) * 2)
    future = tmp_path / "future.wav"
    future.write_bytes(recordings["short"].read_bytes())
    os.utime(future, (os.path.getmtime(future) + ten_years,) * 2)
    for path in (old, future):
        code, _, err = run_cmd(analyze, ["analyze", str(path), "--save", "--no-profile"])
        assert code == 0, err
    today = date.today().isoformat()
    assert [m.summary.started_at[:10] for m in _stored()] == [today, today]


def test_saved_analysis_takes_a_given_date_and_refuses_impossible_ones(recordings):
    when = (datetime.now() - timedelta(days=3)).replace(hour=9, minute=30, second=0, microsecond=0)
    code, _, err = run_cmd(analyze, ["analyze", str(recordings["short"]), "--save", "--no-profile", "--lang", "en",
                                     "--date", when.strftime("%Y-%m-%dT%H:%M")])
    assert code == 0, err
    assert _stored()[0].summary.started_at.startswith(when.strftime("%Y-%m-%dT09:30"))
    for day, words in (((date.today() + timedelta(days=2)).isoformat(), "future"), ("2001-01-01", "retention")):
        code, _, err = run_cmd(analyze, ["analyze", str(recordings["short"]), "--save", "--no-profile",
                                         "--lang", "en", "--date", day])
        assert code == 2 and words in err
    assert len(_stored()) == 1


def _wav_claiming_more_than_it_holds(path: Path, seconds: float, missing_s: float) -> Path:
    synth.write_wav(path, np.zeros(int(seconds * synth.SAMPLE_RATE), np.float32) + 0.01)
    raw = bytearray(path.read_bytes())
    at = raw.index(b"data") + 4
    (size,) = struct.unpack_from("<I", raw, at)
    struct.pack_into("<I", raw, at, size + int(missing_s * synth.SAMPLE_RATE) * 2)
    path.write_bytes(bytes(raw))
    return path


def test_truncated_recording_is_reported_and_not_saved_as_complete(tmp_path):
    path = _wav_claiming_more_than_it_holds(tmp_path / "cut.wav", 5.0, 60.0)
    code, out, err = run_cmd(analyze, ["analyze", str(path), "--save", "--no-profile", "--lang", "en"])
    assert code == 2
    assert "incomplete" in err and "65.0 s" in err and "5.0 s" in err
    assert _stored() == []
    code, out, err = run_cmd(analyze, ["analyze", str(path), "--no-profile", "--lang", "en", "--json"])
    assert code == 0 and "incomplete" in err and isinstance(json.loads(out), dict)  # one object, the note apart


def test_a_file_that_shrinks_while_read_is_reported(recordings, tmp_path, monkeypatch):
    from kohtaava_desk.audio import wavfile

    path = tmp_path / "shrinking.wav"
    path.write_bytes(recordings["short"].read_bytes())
    real_decode = wavfile.decode
    calls = {"n": 0}

    def decode_then_cut(raw, info):
        calls["n"] += 1
        if calls["n"] == 3:  # a recorder or sync tool rewrites the file while it is being read
            with open(path, "r+b") as f:
                f.truncate(info.data_offset + 2 * synth.SAMPLE_RATE * 2)
        return real_decode(raw, info)

    monkeypatch.setattr(wavfile, "decode", decode_then_cut)
    code, _, err = run_cmd(analyze, ["analyze", str(path), "--save", "--no-profile", "--lang", "en"])
    assert code == 2 and "incomplete" in err and "Not saved" in err
    assert _stored() == []


@pytest.mark.parametrize("samples", [1, 16])  # one sample; 1 ms
def test_tiny_recordings_are_not_saved_as_zero_minute_meetings(samples, tmp_path):
    path = synth.write_wav(tmp_path / "tiny.wav", np.full(samples, 0.1, np.float32))
    code, _, err = run_cmd(analyze, ["analyze", str(path), "--save", "--no-profile", "--lang", "en"])
    assert code == 2 and "Not saved" in err and "Traceback" not in err
    assert _stored() == []


# --- (9) enrolment holds one voice -----------------------------------------------------------------------------

def test_enrolment_from_a_two_person_recording_is_refused(recordings):
    target = default_profile_path()
    code, out, err = run_cmd(enroll, ["enroll", "--from-file", str(recordings["meeting"]), "--lang", "en"])
    assert code == 1
    assert "two different voices" in err and "Nothing was saved" in err
    assert not target.exists()
    code, out, err = run_cmd(enroll, ["enroll", "--from-file", str(recordings["meeting"]), "--force"])
    assert code == 0, err
    assert target.exists()


def test_enrolment_of_one_voice_passes_the_check(recordings):
    code, _, err = run_cmd(enroll, ["enroll", "--from-file", str(recordings["voice"])])
    assert code == 0, err


def test_one_voice_check_on_other_single_voices():
    from kohtaava_desk.listening.enrolment import second_voice_share

    gap = np.zeros(int(0.4 * synth.SAMPLE_RATE), np.float32)
    for voice in (synth.Voice("f2", pitch=60, speed=150), synth.Voice("m1", pitch=40, speed=170)):
        wav = np.concatenate([np.concatenate([synth.trim(synth.speak(s, voice)), gap]) for s in synth.ENROLMENT_LINES])
        assert second_voice_share(wav) is None, voice


def test_parser_knows_every_option_used_here():
    # Guards the parametrised lists above against typos that would make them pass for the wrong reason.
    args = build_parser().parse_args(["enroll", "--force", "--seconds", "30"])
    assert args.force and args.seconds == 30
    assert isinstance(build_parser().parse_args(["analyze", "x.wav", "--date", "2026-01-02"]).date, datetime)


@pytest.mark.parametrize("command", ["demo x.wav", "review"])
def test_screenshots_are_never_written_onto_the_database(command, capsys):
    _stored_meeting()
    with pytest.raises(SystemExit):
        build_parser().parse_args([*command.split(), "--screenshot", str(database_path())])
    assert "own files" in capsys.readouterr().err
