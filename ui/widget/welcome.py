"""The first run: three short things to settle, inside the widget, skippable, shown once.

1. the voice profile (25 s of reading makes the talk shares trustworthy), 2. the usual meeting length
(instead of assuming 30 min silently), 3. where the speech model stands and how to add one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from kohtaava_desk.companion import VoiceState
from kohtaava_desk.i18n import t

from ..qtfix import emit

DONE_FILE = "welcome-done"


def welcome_needed(state_dir: Path) -> bool:
    return not (Path(state_dir) / DONE_FILE).exists()


def mark_welcome_done(state_dir: Path) -> None:
    try:
        Path(state_dir).mkdir(parents=True, exist_ok=True)
        (Path(state_dir) / DONE_FILE).write_text("1\n", encoding="utf-8")
    except OSError:
        pass  # shown again next time: a nuisance, not a failure


class WelcomePage(QWidget):
    action = Signal(str, object)
    """('enrol', None), ('default_length', minutes) or ('done', None)."""

    def __init__(self, presets: tuple[int, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 2)
        lay.setSpacing(4)
        self.title = QLabel(self)
        self.title.setObjectName("TimeText")
        lay.addWidget(self.title)
        self.profile = QLabel(self)
        self.profile.setWordWrap(True)
        self.enrol = QPushButton(self)
        self.enrol.clicked.connect(lambda: emit(self.action, "enrol", None))
        lay.addWidget(self.profile)
        lay.addWidget(self.enrol, 0, Qt.AlignmentFlag.AlignLeft)
        self.length = QLabel(self)
        self.length.setWordWrap(True)
        lay.addWidget(self.length)
        row = QHBoxLayout()
        row.setSpacing(3)
        self.presets: dict[int, QToolButton] = {}
        for minutes in presets:
            b = QToolButton(self)
            b.setText(t("time.minutes", "fi", n=minutes))
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, m=minutes: self._choose(m))
            row.addWidget(b)
            self.presets[minutes] = b
        row.addStretch(1)
        lay.addLayout(row)
        self.model = QLabel(self)
        self.model.setWordWrap(True)
        self.model.setObjectName("Muted")
        lay.addWidget(self.model)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.skip = QPushButton(self)
        self.done = QPushButton(self)
        for b in (self.skip, self.done):
            b.clicked.connect(lambda: emit(self.action, "done", None))
            buttons.addWidget(b)
        lay.addLayout(buttons)

    def _choose(self, minutes: int) -> None:
        for m, b in self.presets.items():
            b.setChecked(m == minutes)
        emit(self.action, "default_length", minutes)

    def show_status(self, lang: str, has_profile: bool, voice: VoiceState, default_min: int) -> None:
        self.title.setText(t("welcome.title", lang))
        self.profile.setText(t("welcome.profile_done" if has_profile else "welcome.profile", lang))
        self.enrol.setVisible(not has_profile)
        self.enrol.setText(t("tray.enrol", lang))
        self.length.setText(t("welcome.length", lang))
        for m, b in self.presets.items():
            b.setText(t("time.minutes", lang, n=m))
            b.setChecked(m == default_min)
        model = {VoiceState.READY: "welcome.model_ready", VoiceState.LOADING: "welcome.model_loading"}
        self.model.setText(t(model.get(voice, "welcome.model_missing"), lang))
        self.skip.setText(t("welcome.skip", lang))
        self.done.setText(t("welcome.done", lang))
        self.setAccessibleName(t("welcome.title", lang))
