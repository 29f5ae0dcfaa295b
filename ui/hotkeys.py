"""Global hotkeys: the widget's only keyboard control, since it never takes the keyboard focus.

On X11 each hotkey is an XGrabKey on the root window through python-xlib, read in the GUI thread through
a QSocketNotifier on a second X connection. A grab delivers only the grabbed combinations: unlike a
keyboard hook or listener (pynput, keyboard), nothing else the expert types ever reaches this process.
Wayland lets no client grab keys, and other platforms are not implemented yet: there the widget says so
and the tray menu and mouse remain. A combination another program already owns is reported, not fatal.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtGui import QGuiApplication

from kohtaava_desk.config.hotkeys import Hotkey, HotkeyError, parse_hotkey

from .qtfix import emit

log = logging.getLogger(__name__)

_X_KEYSYM = {"Space": "space", "PgUp": "Prior", "PgDown": "Next", "Backspace": "BackSpace"}
REPEAT_S = 0.3
"""A held combination repeats; a second press within this time is the same press."""


@dataclass(frozen=True)
class Registration:
    action: str
    text: str
    """The combination as shown to the expert ("Ctrl+Alt+Right")."""
    status: str
    """'ok', 'taken' (another program owns it), 'invalid' or 'unavailable' (the platform allows none)."""


def unavailable_reason() -> str:
    """'' when global hotkeys can be registered here, else why not: 'wayland', 'platform' or 'no_xlib'."""
    platform = QGuiApplication.platformName()
    if platform.startswith("wayland"):
        return "wayland"
    if platform != "xcb" or not sys.platform.startswith("linux"):
        return "platform"
    try:
        import Xlib.display  # noqa: F401
    except ImportError:
        return "no_xlib"
    return ""


class GlobalHotkeys(QObject):
    triggered = Signal(str)
    """The action whose hotkey was pressed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = unavailable_reason()
        self.registrations: list[Registration] = []
        self._display = None
        self._notifier: QSocketNotifier | None = None
        self._grabs: dict[tuple[int, int], str] = {}
        self._last: tuple[str, float] = ("", 0.0)
        self._focus = None
        self._event_time = 0
        if not self.reason:
            try:
                self._open()
            except Exception as exc:  # no X server reachable from here after all
                log.info("global hotkeys unavailable: %s", type(exc).__name__)
                self.reason = "platform"

    @property
    def available(self) -> bool:
        return not self.reason

    def _open(self) -> None:
        from Xlib import X, display

        self._X = X
        self._display = display.Display(os.environ.get("DISPLAY"))
        self._root = self._display.screen().root
        self._notifier = QSocketNotifier(self._display.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)

    def _mask(self, hk: Hotkey) -> int:
        X = self._X
        bits = {"Ctrl": X.ControlMask, "Alt": X.Mod1Mask, "Shift": X.ShiftMask, "Meta": X.Mod4Mask}
        mask = 0
        for m in hk.modifiers:
            mask |= bits[m]
        return mask

    def register(self, table: dict[str, str]) -> list[Registration]:
        """Replace every grab with the hotkeys in table (action -> "Ctrl+Alt+Right"); report each."""
        self.unregister()
        out: list[Registration] = []
        for action, spec in table.items():
            try:
                hk = parse_hotkey(spec)
            except HotkeyError:
                out.append(Registration(action, spec, "invalid"))
                continue
            if hk is None:
                continue
            if not self.available:
                out.append(Registration(action, hk.text(), "unavailable"))
                continue
            out.append(Registration(action, hk.text(), "ok" if self._grab(action, hk) else "taken"))
        self.registrations = out
        return out

    def _grab(self, action: str, hk: Hotkey) -> bool:
        from Xlib import XK, error

        X, d = self._X, self._display
        name = hk.key.lower() if len(hk.key) == 1 else _X_KEYSYM.get(hk.key, hk.key)
        keycode = d.keysym_to_keycode(XK.string_to_keysym(name))
        if not keycode:
            return False
        mask = self._mask(hk)
        catch = error.CatchError(error.BadAccess)
        # NumLock (Mod2) and CapsLock must not disable the hotkey: grab each combination of the two.
        for extra in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask):
            self._root.grab_key(keycode, mask | extra, False, X.GrabModeAsync, X.GrabModeAsync, onerror=catch)
        d.sync()
        if catch.get_error() is not None:
            for extra in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask):
                self._root.ungrab_key(keycode, mask | extra)
            d.sync()
            return False
        self._grabs[(keycode, mask)] = action
        return True

    def unregister(self) -> None:
        if self._display is None:
            return
        X = self._X
        for keycode, mask in self._grabs:
            for extra in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask):
                self._root.ungrab_key(keycode, mask | extra)
        self._grabs = {}
        self._display.sync()

    def _read(self) -> None:
        X, d = self._X, self._display
        relevant = X.ControlMask | X.Mod1Mask | X.ShiftMask | X.Mod4Mask
        while d.pending_events():
            ev = d.next_event()
            if ev.type != X.KeyPress:
                continue
            action = self._grabs.get((ev.detail, ev.state & relevant))
            if action is None:
                continue
            self._event_time = ev.time
            now = time.monotonic()
            if self._last[0] == action and now - self._last[1] < REPEAT_S:
                self._last = (action, now)
                continue
            self._last = (action, now)
            emit(self.triggered, action)

    # --- dialogs that take the keyboard on purpose give it back ----------------------------
    def remember_focus(self) -> None:
        """Note which window has the keyboard before a dialog of ours takes it."""
        if self._display is not None:
            self._focus = self._display.get_input_focus().focus

    def give_focus(self, window_id: int) -> None:
        """Activate a dialog of ours. Window managers refuse activation requests from a program the user
        is not using (focus-stealing prevention), so ask as a pager does, with the hotkey's timestamp."""
        if self._display is None:
            return
        from Xlib import error
        from Xlib.protocol import event

        d, X = self._display, self._X
        win = d.create_resource_object("window", window_id)
        ev = event.ClientMessage(window=win, client_type=d.intern_atom("_NET_ACTIVE_WINDOW"),
                                 data=(32, [2, self._event_time or X.CurrentTime, 0, 0, 0]))
        catch = error.CatchError()
        self._root.send_event(ev, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask, onerror=catch)
        d.sync()

    def restore_focus(self) -> None:
        """Hand the keyboard back to the window that had it (the WM may not: our widget never had focus)."""
        if self._display is None or self._focus is None or isinstance(self._focus, int):
            return
        from Xlib import error

        catch = error.CatchError()
        self._display.set_input_focus(self._focus, self._X.RevertToParent, self._X.CurrentTime, onerror=catch)
        self._display.sync()
        self._focus = None

    def close(self) -> None:
        self.unregister()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._display is not None:
            self._display.close()
            self._display = None
