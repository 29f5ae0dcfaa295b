"""The always-on-top companion window: compact by default, expandable, and never taking the keyboard from
the expert's other programs, not even when clicked. Its keys are global hotkeys (ui/hotkeys.py); only
the dialogs it opens on request (length, settings) take the keyboard, and give it back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMenu, QSizePolicy, QStackedWidget, QToolButton,
                               QVBoxLayout, QWidget)

from kohtaava_desk.companion import WidgetState
from kohtaava_desk.i18n import clock, step_name, t
from kohtaava_desk.meeting import Step

from .. import theme
from ..icons import icon
from .balance import BalanceBar
from .details import DetailsPanel
from .length_dialog import LengthDialog
from .line import BUTTON_PX, ElidedLabel, MessageLine
from .privacy_card import PrivacyCard
from .welcome import WelcomePage
from .native import KeyboardHandover, never_take_focus, no_activate_on_windows
from .staircase import StaircaseView
from .summary import SummaryCard
from .timebar import TimeBar
from ..qtfix import emit


class CompanionWindow(QWidget):
    action = Signal(str, object)
    """Everything the expert asks for: (name, argument). The app's controller carries it out."""
    welcome_action = Signal(str, object)
    """From the first-run page: ('enrol' | 'default_length' | 'done', argument); the app carries it out."""
    moved = Signal()
    """The expert finished dragging the window."""

    def __init__(self, presets: tuple[int, ...] = (15, 30, 45, 60), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CompanionWindow")
        # Showing, updating or clicking the widget must never pull the keyboard from the expert's work.
        never_take_focus(self)
        self.keyboard: KeyboardHandover | None = None
        """Gives the keyboard back after a dialog of ours took it (set by the app where it can)."""
        self.expanded = False
        self._state: WidgetState | None = None
        self._drag: QPoint | None = None
        self._presets = tuple(presets)
        self.has_profile = True
        """Whether the expert has a voice profile; without one the talk split is a guess ("≈")."""
        self.hotkeys: dict[str, str] = {}
        """Action -> the combination registered for it (only those that work)."""

        self.setPalette(theme.qpalette(theme.pal()))
        self.setStyleSheet(theme.stylesheet(theme.pal()))
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 4, 8, 4)
        root.setSpacing(2)

        header = QHBoxLayout()
        header.setSpacing(2)
        # The privacy sign: a struck-through microphone and plain words, never a dot that reads as a
        # recording light. A click shows the large card for the client.
        self.badge = QToolButton(self)
        self.badge.setObjectName("PrivacyBadge")
        self.badge.setIcon(icon("mic_off"))
        self.badge.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.badge.setAutoRaise(True)
        self.badge.clicked.connect(self.show_privacy_card)
        header.addWidget(self.badge)
        header.addStretch(1)
        self.buttons: dict[str, QToolButton] = {}
        for name, ic in (("prev", "prev"), ("next", "next"), ("toggle", "play"), ("end", "stop"), ("expand", "expand")):
            b = QToolButton(self)
            b.setIcon(icon(ic))
            b.setIconSize(QSize(18, 18))
            b.setAutoRaise(True)
            b.setFixedSize(BUTTON_PX, BUTTON_PX)
            b.clicked.connect(lambda _=False, n=name: self._act(n))
            header.addWidget(b)
            self.buttons[name] = b
            if name == "toggle":
                header.addSpacing(6)  # "end meeting" stands a little apart from start/pause
        root.addLayout(header)

        self.stack = QStackedWidget(self)
        live = QWidget(self.stack)
        live_lay = QVBoxLayout(live)
        live_lay.setContentsMargins(0, 0, 0, 0)
        live_lay.setSpacing(2)
        # The glance row: the current step and the minutes left, big; everything else is secondary.
        glance = QHBoxLayout()
        glance.setSpacing(10)
        self.step_label = ElidedLabel(live)
        self.step_label.setObjectName("StepName")
        self.remaining = QLabel(live)
        self.remaining.setObjectName("Remaining")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        glance.addWidget(self.step_label, 1)
        glance.addWidget(self.remaining)
        live_lay.addLayout(glance)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.staircase = StaircaseView(live)
        row.addWidget(self.staircase)
        right = QVBoxLayout()
        right.setSpacing(0)
        self.timebar = TimeBar(live)
        self.timebar.setFixedHeight(14)
        right.addWidget(self.timebar)
        times = QHBoxLayout()
        times.setSpacing(4)
        self.step_position = QLabel(live)
        self.step_position.setObjectName("Muted")
        self.time_button = QToolButton(live)
        self.time_button.setObjectName("TimeText")
        self.time_button.setAutoRaise(True)
        self.time_button.clicked.connect(self.open_length_menu)
        times.addWidget(self.step_position)
        times.addStretch(1)
        times.addWidget(self.time_button)
        right.addLayout(times)
        row.addLayout(right, 1)
        live_lay.addLayout(row)
        # One balance bar at a glance (this step, with its target zone); the last 2 minutes when expanded.
        self.balance_step = BalanceBar("step", live)
        self.balance_recent = BalanceBar("recent", live)
        live_lay.addWidget(self.balance_step)
        live_lay.addWidget(self.balance_recent)
        self.balance_recent.hide()
        self.stack.addWidget(live)
        self.summary = SummaryCard(self.stack)
        self.summary.action.connect(lambda name: emit(self.action, name, None))
        self.stack.addWidget(self.summary)
        self.welcome = WelcomePage(self._presets, self.stack)
        self.welcome.action.connect(self._on_welcome)
        self.stack.addWidget(self.welcome)
        self.welcome_visible = False
        root.addWidget(self.stack)

        self.details = DetailsPanel(self._presets, self)
        self.details.action.connect(lambda name, arg: self.ask_custom_length() if name == "ask_length"
                                    else emit(self.action, name, arg))
        self.details.hide()
        root.addWidget(self.details)

        self.line = MessageLine(self)
        self.line.action.connect(lambda name: emit(self.action, name, None))
        root.addWidget(self.line)
        self.privacy_card: PrivacyCard | None = None
        self._width = 0
        self.apply_fonts()

        for child in self.findChildren(QWidget):
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._show_page(0)

    def _show_page(self, page: int) -> None:
        # A stack is as tall as its tallest page unless the hidden pages are told to be ignored.
        for i in range(self.stack.count()):
            policy = QSizePolicy.Policy.Preferred if i == page else QSizePolicy.Policy.Ignored
            self.stack.widget(i).setSizePolicy(policy, policy)
        self.stack.setCurrentIndex(page)
        self.details.setVisible(self.expanded and page == 0)
        self._fit()

    def apply_fonts(self) -> None:
        """Sizes follow the font: the glance figures, the line, and the width the longest texts need."""
        big = theme.glance_font(self.font())
        self.step_label.setFont(big)
        self.remaining.setFont(big)
        self.line.fix_height()
        self._width = self.glance_width(self._state.language if self._state else "fi")
        self._fit()

    def glance_width(self, lang: str) -> int:
        """Wide enough for the longest step name beside the widest remaining/overtime figure, so the
        minutes are never cut (a fixed 340 px cut "40:30" to "0:30" with a larger desktop font)."""
        fm = QFontMetrics(theme.glance_font(self.font()))
        steps = max(fm.horizontalAdvance(step_name(st, lang)) for st in Step)
        figures = max(fm.horizontalAdvance(x) for x in (t("time.remaining", lang, time="188:88"),
                                                         "◆ " + t("time.remaining", lang, time="88:88"),
                                                         t("time.over", lang, time="188:88")))
        m = self.layout().contentsMargins()
        return max(340, steps + figures + 10 + m.left() + m.right())

    def _fit(self) -> None:
        """Height follows the content (compact, expanded, summary); the width follows the fonts and
        the language, never the figures of the moment (so it does not twitch as they change)."""
        lay = self.layout()
        self.stack.updateGeometry()
        lay.invalidate()
        lay.activate()
        width = max(self._width, lay.totalMinimumSize().width())
        self.setFixedWidth(width)
        h = lay.totalHeightForWidth(width) if lay.hasHeightForWidth() else lay.totalSizeHint().height()
        self.setFixedHeight(max(h, lay.totalMinimumSize().height()))

    def changeEvent(self, e) -> None:  # noqa: N802
        super().changeEvent(e)
        if e.type() == QEvent.Type.FontChange:
            self.apply_fonts()

    def apply_theme(self, name: str) -> None:
        """'auto', 'light', 'dark' or 'high_contrast': every colour the widget draws comes from it."""
        p = theme.use(name)
        self.setPalette(theme.qpalette(p))
        self.setStyleSheet(theme.stylesheet(p))
        for b, ic in ((self.badge, "mic_off"), (self.buttons["prev"], "prev"), (self.buttons["next"], "next"),
                      (self.buttons["end"], "stop")):
            b.setIcon(icon(ic))
        self.buttons["expand"].setIcon(icon("collapse" if self.expanded else "expand"))
        self.line.redraw_next()
        if self._state is not None:
            self._set_controls(self._state)
            self.apply_state(self._state)
        self.update()

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        no_activate_on_windows(self)
        self._fit()  # styles are polished now: fit to their real sizes

    # --- actions ---------------------------------------------------------------------------
    def hotkey(self, name: str) -> None:
        """A global hotkey was pressed: the same as the matching button."""
        if name == "length":
            self.ask_custom_length()
        else:
            self._act(name)

    def _act(self, name: str) -> None:
        if name == "expand":
            self.set_expanded(not self.expanded)
        elif name == "privacy_card":
            self.show_privacy_card()
        else:
            emit(self.action, name, None)

    def set_expanded(self, expanded: bool) -> None:
        self.expanded = expanded
        self.details.setVisible(expanded and self.stack.currentIndex() == 0)
        self.balance_recent.setVisible(expanded)
        self.buttons["expand"].setIcon(icon("collapse" if expanded else "expand"))
        if self._state is not None:
            self._retitle(self._state.language)
            self.apply_state(self._state)  # the views shown only when expanded are brought up to date
        self._fit()

    def length_menu(self) -> QMenu:
        lang = self._state.language if self._state else "fi"
        menu = QMenu(self)
        for minutes in self._presets:
            a = menu.addAction(t("time.minutes", lang, n=minutes))
            a.triggered.connect(lambda _=False, m=minutes: emit(self.action, "set_length", m))
        menu.addSeparator()
        custom = menu.addAction(t("time.custom", lang))
        custom.triggered.connect(self.ask_custom_length)
        return menu

    def open_length_menu(self) -> None:
        menu = self.length_menu()
        menu.popup(self.time_button.mapToGlobal(self.time_button.rect().bottomLeft()))

    def ask_custom_length(self) -> LengthDialog:
        """The length entry: a dialog that takes the keyboard while open, then hands it back."""
        lang = self._state.language if self._state else "fi"
        dialog = LengthDialog(round((self._state.announced_s if self._state else 1800) / 60), lang)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: emit(self.action, "set_length", dialog.minutes()))
        if self.keyboard is not None:
            self.keyboard.remember_focus()
            dialog.finished.connect(lambda _r: self.keyboard.restore_focus())
        self.length_dialog = dialog
        dialog.show()
        if self.keyboard is not None:
            self.keyboard.give_focus(int(dialog.winId()))
        return dialog

    def set_hotkeys(self, registrations, reason: str) -> None:
        """What the global hotkeys are and whether they work: shown in tooltips and the expanded view."""
        self.hotkeys = {r.action: r.text for r in registrations if r.status == "ok"}
        self.details.set_hotkeys(tuple(registrations), reason)
        if self._state is not None:
            self._retitle(self._state.language)

    def tip(self, key: str, action: str, lang: str) -> str:
        tip = t(key, lang)
        return t("tip.hotkey", lang, tip=tip, combo=self.hotkeys[action]) if action in self.hotkeys else tip

    def show_welcome(self, visible: bool) -> None:
        self.welcome_visible = visible
        if self._state is not None:
            self.apply_state(self._state)

    def _on_welcome(self, name: str, arg: object) -> None:
        if name == "done":
            self.show_welcome(False)
        elif name == "default_length":
            emit(self.action, "set_length", arg)
        emit(self.welcome_action, name, arg)

    def set_profile(self, has_profile: bool) -> None:
        """Without a voice profile the talk split is a guess: a quiet "≈" and an offer to enrol."""
        self.has_profile = has_profile
        self.details.set_profile(has_profile)
        if self._state is not None:
            self.apply_state(self._state)

    def show_privacy_card(self) -> None:
        """The large card for the client (click, tray or hotkey); a second request closes it."""
        if self.privacy_card is not None and self.privacy_card.isVisible():
            self.privacy_card.close()
            return
        self.privacy_card = PrivacyCard()
        self.privacy_card.show_near(self)

    def set_presets(self, presets: tuple[int, ...]) -> None:
        self._presets = tuple(presets)
        self.details.set_presets(self._presets)

    # --- drawing ---------------------------------------------------------------------------
    def apply_state(self, s: WidgetState) -> None:
        old = self._state
        self._state = s
        lang = s.language
        if old is None or old.language != lang:
            self._retitle(lang)
        ended = s.meeting_state == "ended" and s.summary is not None
        if self.welcome_visible and s.meeting_state != "ready":
            self.welcome_visible = False  # the first meeting started: the welcome has done its job
            emit(self.welcome_action, "done", None)
        page = 1 if ended else (2 if self.welcome_visible else 0)
        if page == 2:
            self.welcome.show_status(lang, self.has_profile, s.voice, round(s.announced_s / 60))
        if ended:
            self.summary.show_summary(s.summary, lang)
        if self.stack.currentIndex() != page:
            self._show_page(page)
        if old is None or (old.meeting_state, old.language) != (s.meeting_state, lang):
            self._set_controls(s)
        step = step_name(s.step, lang)
        if self.step_label.text() != step:
            self.step_label.setText(step)
            self.step_label.setToolTip(step)
            self.step_label.setAccessibleName(step)
            self.step_position.setText(t("step.position", lang, n=s.step.index + 1))
        if page == 0:
            self.staircase.show_state(s)
            self.timebar.show_state(s)
            approx = not self.has_profile or s.figure_confidence != "high"
            extra = {"band": s.share_band, "enrol": not self.has_profile}
            self.balance_step.show_balance(s.balance_step, lang, s.window_s, s.calibrating, approx, **extra)
            if self.expanded:
                self.balance_recent.show_balance(s.balance_recent, lang, s.window_s, s.calibrating, approx, **extra)
            time_text = f"{clock(s.elapsed_s)} / {clock(s.announced_s)}"
            if self.time_button.text() != time_text:
                self.time_button.setText(time_text)
            over = s.remaining_s < 0
            if not over:
                rem = t("time.remaining", lang, time=clock(s.remaining_s))
                if s.in_reserve:
                    rem = "◆ " + rem
            else:
                rem = t("time.over", lang, time=clock(s.overtime_s))
            if self.remaining.text() != rem:
                self.remaining.setText(rem)
                name = "RemainingOver" if over else "Remaining"
                if self.remaining.objectName() != name:
                    self.remaining.setObjectName(name)
                    self.remaining.style().unpolish(self.remaining)
                    self.remaining.style().polish(self.remaining)
                self.remaining.setToolTip(t("time.reserve", lang, time=clock(s.reserve_s)))
                self.remaining.setAccessibleName(rem)
            if self.expanded:
                self.details.show_state(s)
        self.line.show_state(s)

    def _set_controls(self, s: WidgetState) -> None:
        lang = s.language
        running = s.meeting_state == "running"
        active = s.meeting_state in ("running", "paused")
        toggle = self.buttons["toggle"]
        toggle.setIcon(icon("pause" if running else "play"))
        label = t("btn.pause" if running else ("btn.resume" if s.meeting_state == "paused" else "btn.start"), lang)
        toggle.setToolTip(f"{label} – {self.tip('tip.pause' if running else 'tip.start', 'toggle', lang)}")
        toggle.setAccessibleName(label)
        self.buttons["end"].setEnabled(active)
        self.buttons["next"].setEnabled(active)
        self.buttons["prev"].setEnabled(active)

    def _retitle(self, lang: str) -> None:
        self.setWindowTitle(t("app.name", lang))
        self.setAccessibleName(t("a11y.window", lang))
        for name, key in (("prev", "prev"), ("next", "next"), ("end", "end")):
            self.buttons[name].setToolTip(self.tip(f"tip.{key}", name, lang))
            self.buttons[name].setAccessibleName(t(f"btn.{key}", lang))
        exp = self.buttons["expand"]
        exp.setToolTip(self.tip("tip.expand", "expand", lang))
        exp.setAccessibleName(t("btn.collapse" if self.expanded else "btn.expand", lang))
        self.time_button.setToolTip(self.tip("tip.length", "length", lang))
        self.time_button.setAccessibleName(t("btn.length", lang))
        self.badge.setText(t("privacy.badge", lang))
        self.badge.setAccessibleName(t("privacy.badge", lang))
        self.badge.setToolTip(self.tip("privacy.tip", "privacy_card", lang))
        self._width = self.glance_width(lang)
        self._fit()
        if self._state is not None:
            self._set_controls(self._state)

    # --- dragging --------------------------------------------------------------------------
    def mousePressEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        if e.button() == Qt.MouseButton.LeftButton:
            handle = self.windowHandle()
            if QGuiApplication.platformName().startswith("wayland") and handle is not None:
                # Wayland does not let clients place windows: ask the compositor to move it.
                handle.startSystemMove()
                self._drag = None
            else:
                self._drag = e.globalPosition().toPoint() - self.frameGeometry().topLeft()
            e.accept()
            return
        super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        if self._drag is not None and e.buttons() & Qt.MouseButton.LeftButton:
            self.move(e.globalPosition().toPoint() - self._drag)
            e.accept()
            return
        super().mouseMoveEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:  # noqa: N802
        if e.button() == Qt.MouseButton.LeftButton:
            self._drag = None
            emit(self.moved)
        super().mouseReleaseEvent(e)

    def paint_counts(self) -> dict[str, int]:
        return {"staircase": self.staircase.paints, "timebar": self.timebar.paints,
                "balance_step": self.balance_step.paints, "balance_recent": self.balance_recent.paints}

