"""What each platform needs beyond Qt's flags so that clicking the widget never activates it."""

from __future__ import annotations

import logging
import sys
from typing import Protocol

from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class KeyboardHandover(Protocol):
    def remember_focus(self) -> None: ...
    def give_focus(self, window_id: int) -> None: ...
    def restore_focus(self) -> None: ...


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
