"""A large card the expert can turn towards the client: what the app keeps and what it does not.

One plain sentence in each language, in big type, with the same struck-through microphone as the
widget's sign. It never takes the keyboard; a click on it (or the same hotkey again) closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kohtaava_desk.i18n import LANGUAGES, t

from .. import theme
from ..icons import icon
from .native import never_take_focus


class PrivacyCard(QWidget):
    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("PrivacyCard")
        never_take_focus(self)  # it is shown to the client; the expert keeps typing
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setPalette(theme.qpalette(theme.pal()))
        self.setStyleSheet(theme.stylesheet(theme.pal()))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 22)
        lay.setSpacing(14)
        top = QHBoxLayout()
        pic = QLabel(self)
        pic.setPixmap(icon("mic_off", size=72).pixmap(QSize(72, 72)))
        top.addWidget(pic)
        title = QLabel(" · ".join(t("privacy.badge", lang) for lang in LANGUAGES), self)
        f = QFont(self.font())
        f.setPixelSize(max(24, round(self.fontMetrics().height() * 1.8)))
        f.setBold(True)
        title.setFont(f)
        title.setWordWrap(True)
        top.addWidget(title, 1)
        lay.addLayout(top)
        body = QFont(self.font())
        body.setPixelSize(max(20, round(self.fontMetrics().height() * 1.4)))
        self.sentences: list[QLabel] = []
        for lang in LANGUAGES:
            s = QLabel(t("privacy.card", lang), self)
            s.setFont(body)
            s.setWordWrap(True)
            s.setTextFormat(Qt.TextFormat.PlainText)
            lay.addWidget(s)
            self.sentences.append(s)
        self.setAccessibleName(t("privacy.badge", "fi"))
        self.setAccessibleDescription(" ".join(s.text() for s in self.sentences))

    def show_near(self, anchor: QWidget) -> None:
        screen = (anchor.screen() or self.screen()).availableGeometry()
        self.setFixedWidth(min(760, screen.width() - 40))
        self.adjustSize()
        self.move(screen.center().x() - self.width() // 2, screen.center().y() - self.height() // 2)
        self.show()

    def mousePressEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        self.close()
