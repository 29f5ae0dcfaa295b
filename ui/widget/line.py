"""The one line at the bottom: an offer after something was heard, else the nudge, else a status note.

One line only, no sound, no flashing: the method warns against pulling the expert's eyes to the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from kohtaava_desk.companion import ListeningState, OfferKind, VoiceState, WidgetState
from kohtaava_desk.i18n import step_name, t
from ..qtfix import emit


def status_note(s: WidgetState) -> tuple[str, bool]:
    """(text, is_warning) for the line when there is neither an offer nor a nudge."""
    lang = s.language
    if s.listening in (ListeningState.MIC_LOST_RETRYING, ListeningState.NO_MICROPHONE):
        return t(f"listen.{s.listening.value}", lang), True
    if s.listening is ListeningState.UNAVAILABLE:
        return t("listen.unavailable", lang), True
    if s.config_problems:
        return t("config.problems", lang, n=len(s.config_problems)), True
    if s.notes and s.meeting_state == "ready":
        return s.notes[-1], True
    if s.meeting_state == "ready":
        return t("state.ready", lang), False
    if s.meeting_state == "paused":
        return t("state.paused", lang), False
    if s.calibrating and s.running:
        return t("calibrating", lang), False
    if s.voice in (VoiceState.MISSING, VoiceState.FAILED):
        return t(f"voice.{s.voice.value}", lang), False
    if not s.nudges_enabled and s.running:
        return t("nudges.off", lang), False
    return "", False


def offer_text(s: WidgetState) -> str:
    o = s.offer
    assert o is not None
    if o.kind is OfferKind.LENGTH_BY_VOICE:
        return t("offer.length_by_voice", s.language, minutes=o.minutes)
    return t(f"offer.{o.kind.value}", s.language, step=step_name(o.step, s.language))


class MessageLine(QWidget):
    action = Signal(str)
    """'snooze', 'dismiss', 'accept_offer' or 'dismiss_offer'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LineBox")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 0)
        lay.setSpacing(4)
        self.mark = QLabel(self)
        self.mark.setFixedWidth(12)
        self.text = QLabel(self)
        self.text.setObjectName("NudgeText")
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # A long nudge wraps to a second line rather than being cut: the whole sentence must be readable.
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.primary = QToolButton(self)
        self.secondary = QToolButton(self)
        for b in (self.primary, self.secondary):
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setAutoRaise(True)
        lay.addWidget(self.mark)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.primary)
        lay.addWidget(self.secondary)
        self.primary.clicked.connect(lambda: emit(self.action, self._primary))
        self.secondary.clicked.connect(lambda: emit(self.action, self._secondary))
        self._primary = self._secondary = ""
        self._key: object = None
        self.kind = "empty"
        """What the line shows: 'offer', 'nudge', 'warning', 'note' or 'empty' (tests, accessibility)."""
        self.setMinimumHeight(20)

    def show_state(self, s: WidgetState) -> bool:
        """Returns whether the line changed (its height may have)."""
        lang = s.language
        if s.offer is not None:
            undo = s.offer.kind is not OfferKind.STEP_SUGGESTED
            key = ("offer", lang, s.offer.kind, s.offer.minutes, s.offer.step)
            content = ("offer", "↺" if undo else "➜", offer_text(s),
                       ("accept_offer", t("btn.undo" if undo else "btn.accept", lang), t("btn.undo" if undo else "btn.accept", lang)),
                       ("dismiss_offer", "✕", t("btn.close", lang)))
        elif s.nudge is not None:
            key = ("nudge", lang, s.nudge.id, s.nudge.text)
            content = ("nudge", "◆", s.nudge.text,
                       ("snooze", "z", t("tip.snooze", lang)),
                       ("dismiss", "✕", t("tip.dismiss", lang)))
        else:
            note, warn = status_note(s)
            key = ("note", lang, note, warn)
            content = ("warning" if warn else ("note" if note else "empty"), "⚠" if warn else "", note, None, None)
        if key == self._key:
            return False
        self._key = key
        kind, mark, text, prim, sec = content
        self.kind = kind
        self.mark.setText(mark)
        self.text.setText(text)
        self.text.setObjectName({"warning": "StatusWarn", "note": "Muted", "empty": "Muted"}.get(kind, "NudgeText"))
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)
        self.setToolTip(text)
        for button, spec, attr in ((self.primary, prim, "_primary"), (self.secondary, sec, "_secondary")):
            button.setVisible(spec is not None)
            if spec is not None:
                setattr(self, attr, spec[0])
                button.setText(spec[1])
                button.setToolTip(spec[2])
                button.setAccessibleName(spec[2])
        self.setAccessibleName(t("a11y.nudge", lang) if kind == "nudge" else kind)
        self.setAccessibleDescription(text)
        # Nothing to say: the line folds away and the compact widget stays small.
        self.setVisible(kind != "empty")
        return True
