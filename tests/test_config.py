"""Office configuration: layering, and a precise message for every kind of mistake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kohtaava_desk.config import check_file, load_config
from kohtaava_desk.config.loader import DEFAULT_FILE

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path, text, name="office.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_are_valid_and_complete():
    assert check_file(DEFAULT_FILE) == []
    cfg = load_config(env={}).config
    assert cfg.ui.language == "fi"
    assert cfg.step("ohjauksellinen").expert_share_max <= 0.35  # the method: a third of the talk or less
    assert cfg.step("neuvonnallinen").expert_share_max > 0.5  # the expert may talk most
    assert 0.15 <= cfg.meeting.farewell_reserve_share <= 0.20


def test_example_office_profiles_are_valid():
    offices = sorted((REPO / "config" / "offices").glob("*.toml"))
    assert offices
    for path in offices:
        assert check_file(path) == [], path


def test_layers_office_then_personal(tmp_path):
    office = write(tmp_path, "[meeting]\ndefault_length_min = 45\n[ui]\nlanguage = 'sv'\n")
    personal = write(tmp_path, "[ui]\nlanguage = 'en'\n", "personal.toml")
    loaded = load_config(office, personal, env={})
    assert loaded.problems == []
    assert loaded.config.meeting.default_length_min == 45
    assert loaded.config.ui.language == "en"
    assert loaded.sources[1:] == [str(office), str(personal)]


def test_office_from_environment(tmp_path):
    office = write(tmp_path, "[privacy]\nretention_days = 30\n")
    loaded = load_config(env={"KOHTAAVA_DESK_OFFICE": str(office)})
    assert loaded.config.privacy.retention_days == 30


BROKEN = [
    # (file text, key named in the message, words the message must contain)
    ("[steps.ohjauksellinen]\nexpert_share_max = 1.7\n", "steps.ohjauksellinen.expert_share_max", "between 0 and 1"),
    ("[ui]\nlangauge = 'fi'\n", "ui.langauge", "did you mean 'ui.language'"),
    ("[nudgez]\ncooldown_s = 5\n", "nudgez", "did you mean 'nudges'"),
    ("[ui]\nlanguage = 'de'\n", "ui.language", "allowed values: fi, sv, en"),
    ("[ui]\nnudges_enabled = 'yes'\n", "ui.nudges_enabled", "true or false"),
    ("[meeting]\ndefault_length_min = 2\n", "meeting.default_length_min", "between 5 and 180"),
    ("[meeting]\ndefault_length_min = 30.5\n", "meeting.default_length_min", "whole number"),
    ("[meeting]\nlength_presets_min = [15, 'x']\n", "meeting.length_presets_min", "list of whole numbers"),
    ("[meeting]\nlength_presets_min = [15, 500]\n", "meeting.length_presets_min", "between 5 and 180"),
    ("[meeting]\nfarewell_reserve_share = -0.1\n", "meeting.farewell_reserve_share", "between 0 and 0.5"),
    ("ui = 5\n", "ui", "must be a table"),
    ("[steps.empatia]\nbudget_share = 0.5\n", "steps.*.budget_share", "add up to 1.0"),
    ("[steps.neuvonnallinen]\nexpert_share_min = 0.9\nexpert_share_max = 0.5\n", "steps.neuvonnallinen", "must not exceed"),
    ("[steps.valmistelu]\nbudget_share = 0.1\n", "steps.valmistelu", "unknown key"),
    ("[nudges.over_time]\ntext = { fi = '' }\n", "nudges.over_time.text.fi", "must not be empty"),
    ("[nudges.over_time]\ntext = { de = 'Zeit' }\n", "nudges.over_time.text.de", "unknown key"),
    ("[nudges.expert_talks_too_much]\nmargin = 0.9\n", "nudges.expert_talks_too_much.margin", "between 0 and 0.5"),
    ("[cues]\nmode = 'jump'\n", "cues.mode", "allowed values: suggest, move"),
    ("[cues.phrases]\nhyvastely = 'kootaan yhteen'\n", "cues.phrases.hyvastely", "list of texts"),
    ("[audio]\ndevice_index = -7\n", "audio.device_index", "between -1 and 4096"),
    ("[privacy]\nretention_days = 0\n", "privacy.retention_days", "between 1 and 3650"),
    ("schema_version = 2\n", "schema_version", "newer kohtaava-desk"),
    ("schema_version = 'one'\n", "schema_version", "must be 1"),
    ("[ui\nlanguage = 'fi'\n", "", "not valid TOML"),
]


@pytest.mark.parametrize("text,key,words", BROKEN)
def test_broken_config_names_file_key_and_rule(tmp_path, text, key, words):
    path = write(tmp_path, text)
    problems = check_file(path)
    assert problems, text
    message = "\n".join(str(p) for p in problems)
    assert str(path) in message
    assert any(p.key == key for p in problems), message
    assert words in message


def test_broken_values_fall_back_but_good_ones_stay(tmp_path):
    office = write(tmp_path, "[meeting]\ndefault_length_min = 45\n[steps.ohjauksellinen]\nexpert_share_max = 1.7\n"
                             "[steps.empatia]\nbudget_share = 0.9\n")
    loaded = load_config(office, env={})
    assert loaded.config.meeting.default_length_min == 45
    assert loaded.config.step("ohjauksellinen").expert_share_max == 0.35
    assert loaded.config.step("empatia").budget_share == 0.10  # rolled back: the sum would not be 1
    assert {p.key for p in loaded.problems} == {"steps.ohjauksellinen.expert_share_max", "steps.*.budget_share"}


def test_unreadable_office_uses_last_good_copy(tmp_path):
    state = tmp_path / "state"
    office = write(tmp_path, "[meeting]\ndefault_length_min = 60\n")
    assert load_config(office, state_dir=state, env={}).config.meeting.default_length_min == 60
    office.write_text("[meeting\ndefault_length_min = 20\n")  # a half-saved edit
    loaded = load_config(office, state_dir=state, env={})
    assert loaded.config.meeting.default_length_min == 60
    assert any("last valid copy" in str(p) for p in loaded.problems)
    assert any("not valid TOML" in str(p) for p in loaded.problems)


def test_missing_office_file_is_reported_not_fatal(tmp_path):
    loaded = load_config(tmp_path / "nope.toml", env={})
    assert loaded.config.meeting.default_length_min == 30
    assert "file not found" in str(loaded.problems[0])


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kohtaava_desk", *args], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=60)


@pytest.mark.slow
def test_config_check_cli_exit_codes(tmp_path):
    ok = cli("config", "check", "kohtaava_desk/config/default.toml")
    assert ok.returncode == 0 and "OK" in ok.stdout
    bad = write(tmp_path, "[steps.ohjauksellinen]\nexpert_share_max = 1.7\n[ui]\nlanguag = 'fi'\n")
    res = cli("config", "check", str(bad))
    assert res.returncode == 1
    assert "steps.ohjauksellinen.expert_share_max = 1.7" in res.stderr
    assert "ui.languag: unknown key; did you mean 'ui.language'?" in res.stderr


@pytest.mark.slow
def test_config_show_prints_effective_values(tmp_path):
    office = write(tmp_path, "[meeting]\ndefault_length_min = 50\n")
    res = cli("--office", str(office), "config", "show")
    assert res.returncode == 0
    assert "default_length_min = 50" in res.stdout
    assert str(office) in res.stdout
