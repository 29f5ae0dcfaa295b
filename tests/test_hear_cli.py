"""`kohtaava-desk hear`: JSON and human output, the config accessor, errors, and privacy."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from kohtaava_desk.cli import hear
from kohtaava_desk.language.phrases import cue_phrases
from kohtaava_desk.language.understand import Understanding, understand
from kohtaava_desk.meeting.steps import Step
from language_cases import DEFAULT_PHRASES_FIXTURE, DURATION_CASES, CUE_CASES, QUESTION_CASES

ROOT = Path(__file__).resolve().parents[1]
FIXED_NOW = dt.datetime(2024, 3, 5, 10, 0)


def _config_dict(phrases: dict | None = None) -> dict:
    phrases = DEFAULT_PHRASES_FIXTURE if phrases is None else phrases
    return {"cues": {"mode": "suggest", "phrases": {getattr(s, "value", s): list(p) for s, p in phrases.items()}}}


def _run(argv: list[str], config, capsys) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="kohtaava-desk")
    hear.add_parser(parser.add_subparsers(dest="command"))
    code = hear.run(parser.parse_args(["hear", *argv]), config, now=lambda: FIXED_NOW)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_four_keys(capsys) -> None:
    code, out, _ = _run(
        ["nyt minusta vaikuttaa siltä että meidän kannattaa seuraavaksi katsoa, onko sinulla aikaa", "--json"],
        _config_dict(),
        capsys,
    )
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["announced_minutes", "step_cue", "question", "next_step"]
    assert data == {"announced_minutes": None, "step_cue": "neuvonnallinen", "question": None, "next_step": False}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("meillä on tänään puoli tuntia aikaa", {"announced_minutes": 30, "step_cue": None, "question": None}),
        ("kerrotko omin sanoin mitä sovittiin", {"announced_minutes": None, "step_cue": "hyvastely", "question": "open"}),
        ("onks sulla kysyttävää", {"announced_minutes": None, "step_cue": None, "question": "closed"}),
        ("olin siellä kaksi vuotta", {"announced_minutes": None, "step_cue": None, "question": None}),
    ],
)
def test_json_values(text: str, expected: dict, capsys) -> None:
    code, out, _ = _run([text, "--json"], _config_dict(), capsys)
    assert code == 0 and json.loads(out) == {**expected, "next_step": False}


def test_a_general_move_is_reported_as_next_step(capsys) -> None:
    _, out, _ = _run(["mennään sitten eteenpäin", "--json"], _config_dict(), capsys)
    assert json.loads(out) == {"announced_minutes": None, "step_cue": None, "question": None, "next_step": True}
    _, out, _ = _run(["mennään sitten eteenpäin"], _config_dict(), capsys)
    assert "seuraava vaihe (next)" in out.splitlines()[1]


def test_swedish_by_option_or_by_the_speech_language(capsys) -> None:
    _, out, _ = _run(["vi har en halvtimme idag", "--json", "--language", "sv"], {}, capsys)
    assert json.loads(out)["announced_minutes"] == 30
    _, out, _ = _run(["vi har en kvart på oss", "--json"], {"speech": {"language": "sv"}}, capsys)
    assert json.loads(out)["announced_minutes"] == 15
    _, out, _ = _run(["låt oss sammanfatta", "--json"], {"speech": {"language": "sv"}}, capsys)
    assert json.loads(out)["step_cue"] == "hyvastely"
    # The same words read as Finnish mean nothing.
    _, out, _ = _run(["vi har en halvtimme idag", "--json"], {}, capsys)
    assert json.loads(out)["announced_minutes"] is None


def test_swedish_phrases_come_from_phrases_sv(capsys) -> None:
    office = {"speech": {"language": "sv"}, "cues": {"phrases_sv": {"hyvastely": ["nu knyter vi ihop"]}}}
    _, out, _ = _run(["okej nu knyter vi ihop säcken", "--json"], office, capsys)
    assert json.loads(out)["step_cue"] == "hyvastely"


def test_words_may_come_unquoted(capsys) -> None:
    code, out, _ = _run(["tähän", "on", "varattu", "tunti", "--json"], _config_dict(), capsys)
    assert code == 0 and json.loads(out)["announced_minutes"] == 60


def test_human_output_names_each_finding(capsys) -> None:
    code, out, _ = _run(["palataan vielä siihen mitä sanoit, meillä on vartti aikaa"], _config_dict(), capsys)
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 3
    assert "15 min" in lines[0]
    assert "Ohjauksellinen" in lines[1]
    assert "ei kysymys" in lines[2]


def test_office_phrases_come_from_the_config(capsys) -> None:
    office = _config_dict({Step.NEUVONNALLINEN: ["nu tycker jag att vi borde"]})
    _, out, _ = _run(["nu tycker jag att vi borde börja", "--json"], office, capsys)
    assert json.loads(out)["step_cue"] == "neuvonnallinen"
    _, out, _ = _run(["ennen kuin lopetetaan", "--json"], office, capsys)
    assert json.loads(out)["step_cue"] is None  # this office has no farewell phrases


def test_accessor_reads_a_config_object_too(capsys) -> None:
    phrases = SimpleNamespace(
        empatia=(), ohjauksellinen=(), neuvonnallinen=(), hyvastely=("ennen kuin lopetetaan",), next=()
    )
    config = SimpleNamespace(cues=SimpleNamespace(mode="move", phrases=phrases))
    _, out, _ = _run(["ennen kuin lopetetaan", "--json"], config, capsys)
    assert json.loads(out)["step_cue"] == "hyvastely"


def test_accessor_reads_the_loaded_office_config(default_config, capsys) -> None:
    mapping = cue_phrases(default_config)
    assert set(mapping) == {*Step, "next"}
    assert list(mapping[Step.HYVASTELY]) == list(default_config.cues.phrases.hyvastely)


def test_without_a_cue_section_the_method_defaults_apply(capsys) -> None:
    _, out, _ = _run(["kootaan yhteen mitä sovittiin", "--json"], {}, capsys)
    assert json.loads(out)["step_cue"] == "hyvastely"


@pytest.mark.parametrize(
    "config,needle",
    [
        ({"cues": {"phrases": {"neuvonta": ["x"]}}}, "unknown step 'neuvonta'"),
        ({"speech": {"language": "de"}}, "speech.language must be one of fi, sv"),
        ({"cues": {"phrases": {"hyvastely": "kootaan yhteen"}}}, "step 'hyvastely' must be a list of strings"),
        ({"cues": {"phrases": ["a"]}}, "cues.phrases must be a table"),
    ],
)
def test_bad_cue_config_is_reported_with_exit_2(config, needle: str, capsys) -> None:
    code, out, err = _run(["mitä kuuluu"], config, capsys)
    assert code == 2 and out == ""
    assert "office configuration" in err and needle in err


def test_clock_phrases_use_at_or_the_injected_now(capsys) -> None:
    _, out, _ = _run(["meillä on aikaa kello yhteentoista asti", "--json", "--at", "10:30"], {}, capsys)
    assert json.loads(out)["announced_minutes"] == 30
    _, out, _ = _run(["meillä on aikaa kello yhteentoista asti", "--json"], {}, capsys)
    assert json.loads(out)["announced_minutes"] == 60  # FIXED_NOW is 10:00


def test_bad_at_time(capsys) -> None:
    code, _, err = _run(["mitä kuuluu", "--at", "kymmenen"], {}, capsys)
    assert code == 2 and "HH:MM" in err


@pytest.mark.slow
def test_module_runs_as_a_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kohtaava_desk", "hear", "meil on puol tuntii aikaa", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"announced_minutes": 30, "step_cue": None, "question": None, "next_step": False}


# ---------------------------------------------------------------------------------------- privacy

_SECRET = "salainenasiakasvirtanen"
_writes: list[object] = []
_watching = [False]


def _audit(event: str, args: tuple) -> None:
    if not _watching[0] or event != "open":
        return
    path, mode, flags = (tuple(args) + (None, None, None))[:3]
    writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
        isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND)
    )
    if writing:
        _writes.append(path)


sys.addaudithook(_audit)  # inert unless a test below switches it on


def test_understanding_holds_no_words() -> None:
    u = understand(f"meillä on tunti aikaa {_SECRET} onko selvä", DEFAULT_PHRASES_FIXTURE)
    assert isinstance(u, Understanding)
    assert _SECRET not in repr(u) and _SECRET not in json.dumps(u.as_dict())
    assert set(u.as_dict()) == {"announced_minutes", "step_cue", "question", "next_step"}


def test_language_layer_writes_nothing_and_logs_nothing(caplog) -> None:
    texts = [t for t, *_ in DURATION_CASES + CUE_CASES + QUESTION_CASES]
    caplog.set_level(logging.DEBUG)
    _writes.clear()
    _watching[0] = True
    try:
        for t in texts:
            understand(f"{t} {_SECRET}", DEFAULT_PHRASES_FIXTURE, now=FIXED_NOW)
    finally:
        _watching[0] = False
    assert _writes == []
    assert caplog.records == []


def test_hear_does_not_echo_the_utterance(capsys, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    for extra in ([], ["--json"]):
        _, out, err = _run([f"meillä on tunti aikaa {_SECRET}", *extra], _config_dict(), capsys)
        assert _SECRET not in out and _SECRET not in err
    assert caplog.records == []
