"""The one place where the widget asks for typing: a small dialog for a meeting length in minutes.

It takes the keyboard while open, on purpose, and the app hands the keyboard back when it closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from kohtaava_desk.i18n import t


class LengthDialog(QDialog):
    def __init__(self, minutes: int, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("time.custom_label", lang))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        lay = QVBoxLayout(self)
        label = QLabel(t("time.custom_label", lang), self)
        lay.addWidget(label)
        self.spin = QSpinBox(self)
        self.spin.setRange(1, 600)
        self.spin.setSuffix(" min")
        self.spin.setValue(max(1, min(600, minutes)))
        self.spin.setAccessibleName(t("time.custom_label", lang))
        label.setBuddy(self.spin)
        lay.addWidget(self.spin)
        buttons = QDialogButtonBox(self)
        buttons.addButton(t("btn.set", lang), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(t("btn.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.spin.selectAll()

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        self.activateWindow()
        self.spin.setFocus()
        self.spin.selectAll()

    def minutes(self) -> int:
        return self.spin.value()
