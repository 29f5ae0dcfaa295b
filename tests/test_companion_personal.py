"""Personal overrides written by the settings dialog, the remembered office profile, and the widget's
remembered position (all Qt-free)."""

from __future__ import annotations

import tomllib

import pytest

from kohtaava_desk.companion.personal import (SettingsWriteError, changed_keys, read_office_choice,
                                             write_office_choice, write_overrides)
from kohtaava_desk.config import load_config
from kohtaava_desk.ui.position import PositionMemory, ScreenInfo


def test_changed_keys_only():
    assert changed_keys({"a": 1, "b": True}, {"a": 1, "b": False}) == {"b": False}


def test_write_merges_with_existing_file_and_loads_cleanly(tmp_path):
    f = tmp_path / "personal.toml"
    f.write_text("[meeting]\ndefault_length_min = 45\n", encoding="utf-8")
    write_overrides(f, {"ui.language": "en", "ui.spoken_cues": True})
    data = tomllib.loads(f.read_text(encoding="utf-8"))
    assert data == {"meeting": {"default_length_min": 45}, "ui": {"language": "en", "spoken_cues": True}}
    loaded = load_config(None, f, env={})
    assert loaded.problems == []
    assert loaded.config.ui.language == "en" and loaded.config.meeting.default_length_min == 45


def test_invalid_value_is_refused_and_nothing_written(tmp_path):
    f = tmp_path / "personal.toml"
    with pytest.raises(SettingsWriteError, match="ui.language"):
        write_overrides(f, {"ui.language": "de"})
    assert not f.exists()


def test_unreadable_personal_file_is_moved_aside(tmp_path):
    f = tmp_path / "personal.toml"
    f.write_text("this is [not toml", encoding="utf-8")
    write_overrides(f, {"ui.nudges_enabled": False})
    assert tomllib.loads(f.read_text(encoding="utf-8")) == {"ui": {"nudges_enabled": False}}
    assert (tmp_path / "personal.broken.toml").exists()


def test_office_choice_roundtrip(tmp_path):
    assert read_office_choice(tmp_path) is None
    write_office_choice(tmp_path, tmp_path / "a.toml")
    assert read_office_choice(tmp_path) == tmp_path / "a.toml"
    write_office_choice(tmp_path, None)
    assert read_office_choice(tmp_path) is None


SCREENS = [ScreenInfo("A@1920x1080", 0, 0, 1920, 1040), ScreenInfo("B@1280x800", 1920, 0, 1280, 800)]


def test_position_defaults_to_top_right_then_remembers_per_screen(tmp_path):
    mem = PositionMemory(tmp_path)
    assert mem.place(SCREENS, 340, 130) == (1920 - 340 - 16, 16)
    mem.remember(SCREENS, 2000, 300, 340, 130)  # on screen B
    again = PositionMemory(tmp_path)
    assert again.place(SCREENS, 340, 130) == (2000, 300)
    # Screen B gone (laptop undocked): default place on A; B's spot is kept for later.
    assert again.place(SCREENS[:1], 340, 130) == (1920 - 340 - 16, 16)


def test_position_is_clamped_inside_a_smaller_screen(tmp_path):
    mem = PositionMemory(tmp_path)
    mem.positions = {"A@1920x1080": (1800, 1000)}
    assert mem.place(SCREENS, 340, 130) == (1920 - 340, 1040 - 130)


def test_corrupt_position_file_is_ignored(tmp_path):
    (tmp_path / "widget-position.json").write_text("{oops", encoding="utf-8")
    assert PositionMemory(tmp_path).place(SCREENS, 340, 130) == (1920 - 340 - 16, 16)
    assert PositionMemory(tmp_path).place([], 340, 130) is None
