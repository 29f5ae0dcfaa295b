"""The expanded view: time and talk share per step, length presets, and the full status."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget)

from kohtaava_desk.companion import ListeningState, VoiceState, WidgetState
from kohtaava_desk.i18n import clock, step_name, t

from .balance import ZONE_MARK
from .step_grid import show_step_head, step_grid
from ..qtfix import emit


class DetailsPanel(QWidget):
    action = Signal(str, object)
    """('set_length', minutes), ('ask_length', None), ('settings', None), ('enrol', None) or ('quit', None)."""

    def __init__(self, presets: tuple[int, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LineBox")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.setSpacing(3)
        self.legend = QLabel(self)
        self.legend.setObjectName("Muted")
        self.legend.setWordWrap(True)
        lay.addWidget(self.legend)
        grid, self.head, self.rows = step_grid(self, column_spacing=8)
        lay.addLayout(grid)

        length = QHBoxLayout()
        length.setSpacing(3)
        self.length_label = QLabel(self)
        length.addWidget(self.length_label)
        self.preset_buttons: dict[int, QToolButton] = {}
        self._presets = ()
        self._length_row = length
        self.set_presets(presets)
        # Typing a length needs the keyboard: a dialog takes it on purpose (the widget never does).
        self.custom = QToolButton(self)
        self.custom.clicked.connect(lambda: emit(self.action, "ask_length", None))
        length.addStretch(1)
        length.addWidget(self.custom)
        lay.addLayout(length)

        self.listening = QLabel(self)
        self.voice = QLabel(self)
        self.voice.setWordWrap(True)
        self.voice.setObjectName("Muted")
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setObjectName("StatusWarn")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        bottom = QHBoxLayout()
        bottom.addWidget(self.listening, 1)
        self.settings = QToolButton(self)
        self.settings.clicked.connect(lambda: emit(self.action, "settings", None))
        bottom.addWidget(self.settings)
        # Quitting is here too (not only in the tray, which some desktops lack), far from "end meeting".
        self.quit = QToolButton(self)
        self.quit.clicked.connect(lambda: emit(self.action, "quit", None))
        bottom.addWidget(self.quit)
        self.enrol = QToolButton(self)
        self.enrol.clicked.connect(lambda: emit(self.action, "enrol", None))
        self.enrol.hide()
        self._has_profile = True
        self.hotkey_list = QLabel(self)
        self.hotkey_list.setObjectName("Muted")
        self.hotkey_list.setWordWrap(True)
        self.hotkey_list.setTextFormat(Qt.TextFormat.PlainText)
        self._hotkeys: tuple = ((), "")
        lay.addWidget(self.voice)
        lay.addWidget(self.enrol, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.problems)
        lay.addWidget(self.hotkey_list)
        lay.addLayout(bottom)
        self._key: object = None

    def set_presets(self, presets: tuple[int, ...]) -> None:
        if tuple(presets) == self._presets:
            return
        for b in self.preset_buttons.values():
            self._length_row.removeWidget(b)
            b.deleteLater()
        self.preset_buttons = {}
        for i, minutes in enumerate(presets):
            b = QToolButton(self)
            b.setText(str(minutes))
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, m=minutes: emit(self.action, "set_length", m))
            self._length_row.insertWidget(1 + i, b)
            self.preset_buttons[minutes] = b
        self._presets = tuple(presets)

    def set_profile(self, has_profile: bool) -> None:
        self._has_profile = has_profile
        self.enrol.setVisible(not has_profile)
        self._key = None

    def set_hotkeys(self, registrations: tuple, reason: str) -> None:
        self._hotkeys = (registrations, reason)
        self._key = None

    def _show_hotkeys(self, lang: str) -> None:
        regs, reason = self._hotkeys
        lines = [t("hotkeys.title", lang)]
        if reason:
            lines.append(t(f"hotkeys.unavailable.{reason}", lang))
        for r in regs:
            if r.status == "ok":
                lines.append(f"{r.text}  {t(f'hotkey.{r.action}', lang)}")
            elif r.status == "taken":
                lines.append(t("hotkeys.taken", lang, combo=r.text) + f"  ({t(f'hotkey.{r.action}', lang)})")
        self.hotkey_list.setText("\n".join(lines))

    def show_state(self, s: WidgetState) -> None:
        lang = s.language
        key = (lang, s.meeting_state, s.announced_s, s.length_source, s.listening, s.calibrating, s.voice, s.voice_message, s.notes,
               s.config_problems,
               tuple((v.step, v.current, int(v.used_s), int(v.planned_s), int(v.ideal_s),
                      None if v.expert_share is None else round(100 * v.expert_share)) for v in s.steps))
        if key == self._key:
            return
        self._key = key
        self.legend.setText(t("balance.legend", lang))
        show_step_head(self.head, lang)
        for (name, time_cell, share), v in zip(self.rows, s.steps):
            marker = "▶ " if v.current else "   "
            name.setText(marker + step_name(v.step, lang))
            f = name.font()
            f.setBold(v.current)
            name.setFont(f)
            # A step begun is shown against what it was meant to take; the re-plan (which grows with an
            # overrun until it equals the time used) only for steps still ahead.
            planned = v.ideal_s if v.current or v.used_s > 0 else v.planned_s
            time_cell.setText(t("time.step_of_plan", lang, used=clock(v.used_s), planned=clock(planned)))
            if v.expert_share is None:
                share.setText("–")
            else:
                share.setText(f"{round(100 * v.expert_share)} % {ZONE_MARK[v.zone]}")
            share.setToolTip(t("balance.target", lang, lo=round(100 * v.target_min), hi=round(100 * v.target_max)))
        heard = f" ({t('time.by_voice', lang)})" if s.length_source == "voice" else ""
        self.length_label.setText(t("btn.length", lang) + heard)
        current_min = s.announced_s / 60
        for minutes, b in self.preset_buttons.items():
            b.setChecked(abs(minutes - current_min) < 1e-6)
            b.setToolTip(t("time.minutes", lang, n=minutes))
            b.setAccessibleName(t("time.minutes", lang, n=minutes))
        self.custom.setText(t("time.custom", lang))
        self.custom.setToolTip(t("time.custom_label", lang))
        state = t(f"listen.{s.listening.value}", lang)
        if s.calibrating and s.listening is ListeningState.LISTENING:
            state += " · " + t("calibrating", lang)
        self.listening.setText(state)
        warn = s.listening in (ListeningState.MIC_LOST_RETRYING, ListeningState.NO_MICROPHONE)
        self.listening.setObjectName("StatusWarn" if warn else "")
        self.listening.style().polish(self.listening)
        voice = [t(f"voice.{s.voice.value}", lang)]
        if s.voice in (VoiceState.MISSING, VoiceState.FAILED):
            voice.append(t("voice.how", lang))
            if s.voice_message:
                self.voice.setToolTip(s.voice_message)
        if not self._has_profile:
            voice.append(t("balance.approx", lang))
        self.enrol.setText(t("tray.enrol", lang))
        self.voice.setText("\n".join((*voice, *s.notes)))
        self.problems.setVisible(bool(s.config_problems))
        if s.config_problems:
            shown = list(s.config_problems[:3]) + (["…"] if len(s.config_problems) > 3 else [])
            self.problems.setText(t("config.problems", lang, n=len(s.config_problems)) + "\n" + "\n".join(shown))
        self._show_hotkeys(lang)
        self.settings.setText(t("btn.settings", lang))
        self.settings.setToolTip(t("tip.settings", lang))
        self.quit.setText(t("tray.quit", lang))

