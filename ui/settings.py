"""The settings dialog: office profile, microphone, voice enrolment, nudges, language, spoken cues.

It writes only what the expert changed, to the personal overrides file (office settings stay in force
for everything else). The office profile chosen here is remembered in the state folder.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from kohtaava_desk.companion.personal import (SettingsWriteError, changed_keys, write_office_choice,
                                             write_overrides)
from kohtaava_desk.config.schema import LANGUAGES, Config
from kohtaava_desk.i18n import t
from .theme import THEMES
from .qtfix import emit

log = logging.getLogger(__name__)


def current_values(config: Config) -> dict[str, object]:
    return {
        "ui.language": config.ui.language,
        "ui.nudges_enabled": config.ui.nudges_enabled,
        "ui.spoken_cues": config.ui.spoken_cues,
        "ui.theme": config.ui.theme,
        "audio.device": config.audio.device,
    }


class SettingsDialog(QDialog):
    saved = Signal(object)
    """dict of the dotted keys written (may be empty when only the office profile changed)."""

    def __init__(self, config: Config, *, personal_file: Path, state_dir: Path, office: Path | None,
                 problems: tuple[str, ...] = (), list_devices: Callable[[], list[str]] | None = None,
                 enrol: Callable[[QWidget], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.personal_file = personal_file
        self.state_dir = state_dir
        self.initial_office = office
        self._enrol = enrol
        lang = config.ui.language
        self.setWindowTitle(t("settings.title", lang))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        lay.addLayout(form)

        office_row = QHBoxLayout()
        self.office = QLineEdit(str(office) if office else "", self)
        self.office.setPlaceholderText(t("settings.office_none", lang))
        self.office.setAccessibleName(t("settings.office", lang))
        browse = QPushButton(t("settings.browse", lang), self)
        browse.clicked.connect(self._browse)
        office_row.addWidget(self.office, 1)
        office_row.addWidget(browse)
        form.addRow(t("settings.office", lang), office_row)

        self.microphone = QComboBox(self)
        self.microphone.setAccessibleName(t("settings.microphone", lang))
        self.microphone.addItem(t("settings.mic_default", lang), "")
        names: list[str] = []
        if list_devices is not None:
            try:
                names = list_devices()
            except Exception as exc:  # no PortAudio, no devices: the dialog still works
                log.info("device list unavailable: %s", type(exc).__name__)
                self.microphone.setToolTip(t("settings.mic_none", lang))
        for name in names:
            self.microphone.addItem(name, name)
        if config.audio.device and config.audio.device not in names:
            self.microphone.addItem(config.audio.device, config.audio.device)
        self.microphone.setCurrentIndex(max(0, self.microphone.findData(config.audio.device)))
        form.addRow(t("settings.microphone", lang), self.microphone)

        enrol_row = QHBoxLayout()
        self.enrol_button = QPushButton(t("settings.enrol_button", lang), self)
        self.enrol_status = QLabel(self)
        self.enrol_status.setWordWrap(True)
        self.enrol_button.clicked.connect(self._do_enrol)
        enrol_row.addWidget(self.enrol_button)
        enrol_row.addWidget(self.enrol_status, 1)
        form.addRow(t("settings.enrol", lang), enrol_row)

        self.nudges = QCheckBox(t("settings.nudges", lang), self)
        self.nudges.setChecked(config.ui.nudges_enabled)
        form.addRow("", self.nudges)
        self.language = QComboBox(self)
        self.language.setAccessibleName(t("settings.language", lang))
        for code in LANGUAGES:
            # Each language is named in itself, so the expert finds their own even in a foreign UI.
            self.language.addItem(t(f"lang.{code}", code), code)
        self.language.setCurrentIndex(self.language.findData(config.ui.language))
        form.addRow(t("settings.language", lang), self.language)
        self.spoken = QCheckBox(t("settings.spoken", lang), self)
        self.spoken.setChecked(config.ui.spoken_cues)
        form.addRow("", self.spoken)
        self.theme = QComboBox(self)
        self.theme.setAccessibleName(t("settings.theme", lang))
        for code in THEMES:
            self.theme.addItem(t(f"theme.{code}", lang), code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(config.ui.theme)))
        form.addRow(t("settings.theme", lang), self.theme)
        # The global hotkeys are the office's (its profile's [hotkeys]); listed here so they can be found.
        self.hotkeys = QLabel(self)
        self.hotkeys.setTextFormat(Qt.TextFormat.PlainText)
        self.hotkeys.setText("\n".join(f"{combo}  {t(f'hotkey.{action}', lang)}"
                                       for action, combo in dataclasses.asdict(config.hotkeys).items() if combo))
        form.addRow(t("hotkeys.title", lang), self.hotkeys)

        if problems:
            box = QLabel(t("settings.problems", lang) + ":\n" + "\n".join(problems), self)
            box.setWordWrap(True)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setObjectName("StatusWarn")
            lay.addWidget(box)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(t("btn.save", lang), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(t("btn.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.written: dict[str, object] = {}

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, t("settings.office", self.config.ui.language),
                                              self.office.text(), "TOML (*.toml)")
        if path:
            self.office.setText(path)

    def _do_enrol(self) -> None:
        lang = self.config.ui.language
        self.enrol_status.setText(t("settings.enrol_started", lang))
        try:
            problem = self._enrol(self)
        except Exception as exc:
            problem = type(exc).__name__
        if problem == "cancelled":
            self.enrol_status.setText("")
            return
        self.enrol_status.setText(t("settings.enrol_failed", lang, reason=problem) if problem
                                  else t("settings.enrol_done", lang))

    def wanted_values(self) -> dict[str, object]:
        return {
            "ui.language": self.language.currentData(),
            "ui.nudges_enabled": self.nudges.isChecked(),
            "ui.spoken_cues": self.spoken.isChecked(),
            "ui.theme": self.theme.currentData(),
            "audio.device": self.microphone.currentData() or "",
        }

    def office_path(self) -> Path | None:
        text = self.office.text().strip()
        return Path(text).expanduser() if text else None

    def save(self) -> None:
        lang = self.config.ui.language
        changes = changed_keys(current_values(self.config), self.wanted_values())
        try:
            if changes:
                write_overrides(self.personal_file, changes)
            office = self.office_path()
            if office != self.initial_office:
                write_office_choice(self.state_dir, office)
        except (OSError, SettingsWriteError) as exc:
            self.message.setText(t("settings.save_failed", lang, reason=str(exc)))
            return
        self.written = changes
        emit(self.saved, changes)
        self.accept()
