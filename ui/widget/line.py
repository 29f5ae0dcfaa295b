"""The one line at the bottom: an offer after something was heard, else the nudge, else a status note.

One line only, no sound, no flashing: the method warns against pulling the expert's eyes to the screen.
The line has a fixed height and is always there (blank when there is nothing to say), so nothing ever
makes the window grow or jump in the expert's peripheral vision; a long text is shortened with "…" and
the whole sentence is its tooltip and accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from kohtaava_desk.companion import ListeningState, OfferKind, VoiceState, WidgetState
from kohtaava_desk.i18n import step_name, t

from ..icons import icon
from ..qtfix import emit

BUTTON_PX = 28
"""Snooze, dismiss and offer buttons: at least 24 × 24 px targets."""


def status_note(s: WidgetState, voice_note: bool = True) -> tuple[str, bool]:
    """(text, is_warning) for the line when there is neither an offer nor a nudge. `voice_note`: the
    missing speech model may still be mentioned here (once per session; later only in the expanded view)."""
    lang = s.language
    if s.listening in (ListeningState.MIC_LOST_RETRYING, ListeningState.NO_MICROPHONE):
        return t(f"listen.{s.listening.value}", lang), True
    if s.listening is ListeningState.UNAVAILABLE:
        return t("listen.unavailable", lang), True
    if s.config_problems:
        return t("config.problems", lang, n=len(s.config_problems)), True
    if s.notes and s.meeting_state == "ready":
        return s.notes[-1], True
    if voice_note and s.meeting_state == "ready" and s.voice in (VoiceState.MISSING, VoiceState.FAILED):
        return t(f"voice.{s.voice.value}", lang), False
    if s.meeting_state == "ready":
        return t("state.ready", lang), False
    if s.meeting_state == "paused":
        return t("state.paused", lang), False
    if s.calibrating and s.running:
        return t("calibrating", lang), False
    if not s.nudges_enabled and s.running:
        return t("nudges.off", lang), False
    return "", False


def offer_text(s: WidgetState) -> str:
    o = s.offer
    assert o is not None
    if o.kind is OfferKind.LENGTH_BY_VOICE:
        return t("offer.length_by_voice", s.language, minutes=o.minutes)
    return t(f"offer.{o.kind.value}", s.language, step=step_name(o.step, s.language).lower())


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of wrapping or widening the window."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(40, QFontMetrics(self.font()).height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(QFontMetrics(self.font()).horizontalAdvance(self.text()), QFontMetrics(self.font()).height())

    def elided(self) -> bool:
        return QFontMetrics(self.font()).horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, e) -> None:  # noqa: N802
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        r = self.contentsRect()
        shown = QFontMetrics(self.font()).elidedText(self.text(), Qt.TextElideMode.ElideRight, r.width())
        p.drawText(r, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        p.end()


class MessageLine(QWidget):
    action = Signal(str)
    """'snooze', 'dismiss', 'accept_offer' or 'dismiss_offer'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LineBox")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 3, 0, 0)
        lay.setSpacing(4)
        self.mark = QLabel(self)
        self.mark.setFixedWidth(QFontMetrics(self.font()).horizontalAdvance("◆") + 4)
        self.text = ElidedLabel(self)
        self.text.setObjectName("NudgeText")
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.primary = QToolButton(self)
        self.secondary = QToolButton(self)
        for b in (self.primary, self.secondary):
            b.setAutoRaise(True)
            b.setMinimumSize(BUTTON_PX, BUTTON_PX)
            b.setIconSize(QSize(18, 18))
        lay.addWidget(self.mark)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.primary)
        lay.addWidget(self.secondary)
        self.primary.clicked.connect(lambda: emit(self.action, self._primary))
        self.secondary.clicked.connect(lambda: emit(self.action, self._secondary))
        self._primary = self._secondary = ""
        self._key: object = None
        self._voice_note = True
        self.kind = "empty"
        """What the line shows: 'offer', 'nudge', 'warning', 'note' or 'empty' (tests, accessibility)."""
        self.fix_height()

    def fix_height(self) -> None:
        """One line of text or a 28 px button, whichever is taller, for every state (never grows)."""
        self.setFixedHeight(max(BUTTON_PX, QFontMetrics(self.text.font()).height() + 6) + 3)

    def redraw_next(self) -> None:
        """The next state is drawn even if unchanged (after a theme switch)."""
        self._key = None

    def show_state(self, s: WidgetState) -> bool:
        """Returns whether the line changed."""
        lang = s.language
        if s.meeting_state != "ready":
            self._voice_note = False  # the missing speech model was said before the first meeting
        if s.offer is not None:
            undo = s.offer.kind is not OfferKind.STEP_SUGGESTED
            label = t("btn.undo" if undo else "btn.accept", lang)
            key = ("offer", lang, s.offer.kind, s.offer.minutes, s.offer.step)
            content = ("offer", "↺" if undo else "➜", offer_text(s),
                       ("accept_offer", label, None, label),
                       ("dismiss_offer", "", "close", t("btn.close", lang)))
        elif s.nudge is not None:
            key = ("nudge", lang, s.nudge.id, s.nudge.text)
            content = ("nudge", "◆", s.nudge.text,
                       ("snooze", "", "snooze", t("tip.snooze", lang)),
                       ("dismiss", "", "close", t("tip.dismiss", lang)))
        else:
            note, warn = status_note(s, self._voice_note)
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
        self.text.setToolTip(text)
        self.text.setAccessibleName(text)
        for button, spec, attr in ((self.primary, prim, "_primary"), (self.secondary, sec, "_secondary")):
            button.setVisible(spec is not None)
            if spec is not None:
                name, label, ic, tip = spec
                setattr(self, attr, name)
                button.setText(label)
                button.setIcon(icon(ic) if ic else QIcon())
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if ic
                                          else Qt.ToolButtonStyle.ToolButtonTextOnly)
                button.setToolTip(tip)
                button.setAccessibleName(tip)
        self.setAccessibleName(t("a11y.nudge", lang) if kind == "nudge" else kind)
        self.setAccessibleDescription(text)
        self.update()
        return True
