"""Global hotkeys in the office profile: parsed without Qt, bad ones reported by key, never a bare letter."""

from __future__ import annotations

import pytest

from kohtaava_desk.config import load_config
from kohtaava_desk.config.hotkeys import HotkeyError, parse_hotkey


@pytest.mark.parametrize("spec, text", [("Ctrl+Alt+Space", "Ctrl+Alt+Space"), ("alt+ctrl+pgdown", "Ctrl+Alt+PgDown"),
                                        ("Meta+k", "Meta+K"), ("Ctrl+Shift+F5", "Ctrl+Shift+F5")])
def test_valid_hotkeys_parse_to_one_spelling(spec, text):
    assert parse_hotkey(spec).text() == text


@pytest.mark.parametrize("spec, why", [("N", "needs Ctrl, Alt or Meta"), ("Shift+S", "needs Ctrl, Alt or Meta"),
                                       ("Space", "needs Ctrl, Alt or Meta"), ("Ctrl+Alt+", "empty part"),
                                       ("Hyper+K", "not a modifier"), ("Ctrl+Alt+Ä", "not a key")])
def test_bare_or_broken_hotkeys_are_refused(spec, why):
    with pytest.raises(HotkeyError, match=why):
        parse_hotkey(spec)


def test_empty_means_no_hotkey():
    assert parse_hotkey("") is None


def test_bad_office_hotkeys_are_reported_and_the_defaults_kept(tmp_path):
    office = tmp_path / "office.toml"
    office.write_text('[hotkeys]\nnext = "N"\nprev = "Ctrl+Alt+Space"\nsnooze = "Ctrl+Alt+S"\n', encoding="utf-8")
    loaded = load_config(office, None, env={})
    problems = {p.key: p.message for p in loaded.problems}
    assert "needs Ctrl, Alt or Meta" in problems["hotkeys.next"]
    assert "already the hotkey of 'toggle'" in problems["hotkeys.prev"]
    hk = loaded.config.hotkeys
    assert (hk.next, hk.prev, hk.snooze) == ("Ctrl+Alt+PgDown", "Ctrl+Alt+PgUp", "Ctrl+Alt+S")


def test_default_hotkeys_are_all_distinct_and_valid():
    import dataclasses

    table = dataclasses.asdict(load_config(None, None, env={}).config.hotkeys)
    parsed = [parse_hotkey(v) for v in table.values() if v]
    assert len(set(parsed)) == len(parsed) == len(table)
