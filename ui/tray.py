"""Tray icon and menu, where the desktop has a tray (not in offscreen tests, not on GNOME without an
extension). The app keeps working without it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from kohtaava_desk.i18n import t

from .icons import icon


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QObject):
    """Owns the QSystemTrayIcon, its menu and actions (references kept, or Qt drops them)."""

    ITEMS = ("show", "toggle", "next", "end", "review", "profile", "privacy", "settings", "quit")
    GROUP_STARTS = ("review", "quit")
    """A separator before these: the meeting's own actions, then the expert's tools, then quitting, so
    "end meeting" and "quit" are never neighbours."""

    def __init__(self, on_item: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(self)
        self.icon.setIcon(icon("app"))  # an icon must be set before show()
        self.menu = QMenu()
        self.actions: dict[str, QAction] = {}
        for name in self.ITEMS:
            if name in self.GROUP_STARTS:
                self.menu.addSeparator()
            a = self.menu.addAction(name)
            a.triggered.connect(lambda _=False, n=name: on_item(n))
            self.actions[name] = a
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(
            lambda reason: on_item("show") if reason == QSystemTrayIcon.ActivationReason.Trigger else None)

    def retranslate(self, lang: str, visible: bool, meeting_state: str, has_profile: bool = True) -> None:
        a = self.actions
        a["show"].setText(t("tray.hide" if visible else "tray.show", lang))
        a["toggle"].setText(t("btn.pause" if meeting_state == "running"
                              else "btn.resume" if meeting_state == "paused" else "btn.start", lang))
        a["next"].setText(t("btn.next", lang))
        a["end"].setText(t("btn.end", lang))
        a["review"].setText(t("btn.open_review", lang))
        a["profile"].setText(t("tray.profile" if has_profile else "tray.enrol", lang))
        a["privacy"].setText(t("tray.privacy", lang))
        a["settings"].setText(t("btn.settings", lang))
        a["quit"].setText(t("tray.quit", lang))
        active = meeting_state in ("running", "paused")
        a["next"].setEnabled(active)
        a["end"].setEnabled(active)
        self.icon.setToolTip(t("a11y.window", lang))

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()
