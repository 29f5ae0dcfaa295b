"""Global hotkeys as written in the configuration ("Ctrl+Alt+Right"): parsed and checked without Qt.

The widget never takes the keyboard, so these are its only keys. Each needs Ctrl, Alt or Meta: a bare
letter (or Shift+letter) would be stolen from the text the expert is typing into another program.
"""

from __future__ import annotations

from dataclasses import dataclass

MODIFIERS = ("Ctrl", "Alt", "Shift", "Meta")
NAMED_KEYS = ("Space", "Left", "Right", "Up", "Down", "Home", "End", "PgUp", "PgDown", "Return", "Insert",
              "Delete", "Backspace", "Tab") + tuple(f"F{i}" for i in range(1, 13))
ALLOWED_TEXT = ("Ctrl, Alt, Shift or Meta joined by '+' to one key (A-Z, 0-9, F1-F12, "
                + ", ".join(NAMED_KEYS[:-12]) + "), with at least Ctrl, Alt or Meta; empty = no hotkey")


class HotkeyError(ValueError):
    pass


@dataclass(frozen=True)
class Hotkey:
    modifiers: frozenset[str]
    key: str
    """'A'-'Z', '0'-'9' or one of NAMED_KEYS."""

    def text(self) -> str:
        return "+".join([m for m in MODIFIERS if m in self.modifiers] + [self.key])


def parse_hotkey(spec: str) -> Hotkey | None:
    """'Ctrl+Alt+Right' -> Hotkey; '' -> None; anything else raises HotkeyError saying what is wrong."""
    spec = spec.strip()
    if not spec:
        return None
    parts = [p.strip() for p in spec.split("+")]
    if spec.endswith("+") or any(not p for p in parts):
        raise HotkeyError(f"'{spec}' has an empty part")
    *mods, key = parts
    canon_mods = {m.lower(): m for m in MODIFIERS}
    canon_mods.update({"control": "Ctrl", "super": "Meta", "win": "Meta"})
    modifiers: set[str] = set()
    for m in mods:
        if m.lower() not in canon_mods:
            raise HotkeyError(f"'{m}' is not a modifier (allowed: {', '.join(MODIFIERS)})")
        modifiers.add(canon_mods[m.lower()])
    named = {k.lower(): k for k in NAMED_KEYS}
    named.update({"enter": "Return", "del": "Delete", "pageup": "PgUp", "pagedown": "PgDown", "ins": "Insert"})
    if len(key) == 1 and key.isascii() and key.isalnum():
        key = key.upper()
    elif key.lower() in named:
        key = named[key.lower()]
    else:
        raise HotkeyError(f"'{key}' is not a key this app can register")
    if not modifiers & {"Ctrl", "Alt", "Meta"}:
        raise HotkeyError(f"'{spec}' needs Ctrl, Alt or Meta, or it would take keys from your typing")
    return Hotkey(frozenset(modifiers), key)


def hotkey_problems(table: dict[str, str]) -> list[tuple[str, str]]:
    """(action, message) for every hotkey that does not parse or repeats another action's hotkey."""
    out: list[tuple[str, str]] = []
    seen: dict[Hotkey, str] = {}
    for action, spec in table.items():
        try:
            hk = parse_hotkey(spec)
        except HotkeyError as exc:
            out.append((action, f"{exc}; allowed: {ALLOWED_TEXT}"))
            continue
        if hk is None:
            continue
        if hk in seen:
            out.append((action, f"'{hk.text()}' is already the hotkey of '{seen[hk]}'"))
            continue
        seen[hk] = action
    return out
