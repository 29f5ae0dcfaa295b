"""What each platform needs beyond Qt's flags so that clicking the widget never activates it."""

from __future__ import annotations

import logging
import sys
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class KeyboardHandover(Protocol):
    def remember_focus(self) -> None: ...
    def give_focus(self, window_id: int) -> None: ...
    def restore_focus(self) -> None: ...


def never_take_focus(w: QWidget) -> None:
    """An always-on-top frameless tool window that shows, updates and takes clicks without ever
    becoming the active window. WindowDoesNotAcceptFocus: X11 WM_HINTS input=False (and Qt skips
    activation on click), Windows WS_EX_NOACTIVATE (also set by hand in showEvent, see below);
    WA_ShowWithoutActivating covers show(); macOS would hide a Tool window when the app loses focus."""
    w.setWindowFlags(Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                     | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus)
    w.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    w.setAttribute(Qt.WidgetAttribute.WA_MacAlwaysShowToolWindow)
    w.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    w.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def no_activate_on_windows(w: QWidget) -> None:
    """Windows: make sure the native window has WS_EX_NOACTIVATE (a click then never activates it)."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        GWL_EXSTYLE, WS_EX_NOACTIVATE = -20, 0x08000000
        user32 = ctypes.windll.user32  # type: ignore[attr-defined]
        hwnd = int(w.winId())
        style = user32.GetWindowLongPtrW(hwnd, GWL_EXSTYLE)
        if not style & WS_EX_NOACTIVATE:
            user32.SetWindowLongPtrW(hwnd, GWL_EXSTYLE, style | WS_EX_NOACTIVATE)
    except Exception as exc:  # never let a styling detail take the widget down
        log.info("WS_EX_NOACTIVATE not set: %s", type(exc).__name__)
