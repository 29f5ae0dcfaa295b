"""The meeting widget under pytest-qt (offscreen): every control and state, driven like the expert
would (clicks and keys), checked against the Companion it controls."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from ui_helpers import Talker

from kohtaava_desk.companion import Companion, ListeningState, VoiceState
from kohtaava_desk.i18n import t
from kohtaava_desk.meeting import Step
from kohtaava_desk.talk import Confidence, ListeningQuality
from kohtaava_desk.ui.controller import MeetingUi
from kohtaava_desk.ui.widget import CompanionWindow


@dataclass
class Heard:
    announced_minutes: int | None = None
    step_cue: object = None
    question: str | None = None


class Rig:
    def __init__(self, qtbot, config, clock):
        self.clock = clock
        self.companion = Companion(config, now=clock)
        self.window = CompanionWindow(tuple(config.meeting.length_presets_min))
        qtbot.addWidget(self.window)
        self.ui = MeetingUi(self.companion, self.window)
        self.ui.refresh()
        self.window.show()
        self.talk = Talker(self.companion, clock)
        self.qtbot = qtbot

    def click(self, name):
        self.qtbot.mouseClick(self.window.buttons[name], Qt.MouseButton.LeftButton)

    def hotkey(self, name):
        """What the app does when a global hotkey fires (ui/hotkeys.py delivers the action name)."""
        self.window.hotkey(name)

    def advance(self, seconds):
        self.clock.advance(seconds)
        return self.ui.refresh()


@pytest.fixture
def rig(qtbot, default_config, clock, no_leaked_threads):
    return Rig(qtbot, default_config, clock)


@pytest.fixture
def make_rig(qtbot, make_config, clock, no_leaked_threads):
    return lambda overrides=None: Rig(qtbot, make_config(overrides), clock)


def test_window_is_a_frameless_always_on_top_tool_that_does_not_take_focus(rig):
    w = rig.window
    flags = w.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.Tool == Qt.WindowType.Tool
    assert w.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
    assert 340 <= w.width() <= 420 and 110 <= w.height() <= 170  # compact


def test_ready_state_then_start_pause_resume_by_button(rig):
    w = rig.window
    assert w.line.text.text() == t("state.ready", "fi")
    assert not w.buttons["end"].isEnabled()
    rig.click("toggle")
    assert rig.companion.state.value == "running"
    assert w.buttons["toggle"].accessibleName() == t("btn.pause", "fi")
    rig.advance(65)
    assert w.time_button.text() == "1:05 / 30:00"
    assert w.remaining.text() == t("time.remaining", "fi", time="28:55")
    rig.click("toggle")
    assert rig.companion.state.value == "paused"
    assert w.line.text.text() == t("state.paused", "fi")
    rig.advance(100)
    assert w.time_button.text() == "1:05 / 30:00"
    rig.click("toggle")
    assert rig.companion.state.value == "running"


def test_operation_by_hotkey_actions(rig):
    rig.hotkey("toggle")
    assert rig.companion.state.value == "running"
    rig.hotkey("next")
    assert rig.companion.meeting.step is Step.OHJAUKSELLINEN
    rig.hotkey("next")
    assert rig.companion.meeting.step is Step.NEUVONNALLINEN
    rig.hotkey("prev")
    assert rig.companion.meeting.step is Step.OHJAUKSELLINEN
    rig.hotkey("expand")
    assert rig.window.expanded and rig.window.details.isVisible()
    rig.hotkey("expand")
    assert not rig.window.expanded and not rig.window.details.isVisible()
    rig.hotkey("toggle")
    assert rig.companion.state.value == "paused"
    rig.hotkey("end")
    assert rig.companion.state.value == "ended"


def test_no_key_ever_acts_on_the_widget(rig):
    """Keys that reach the window (they should not: it refuses focus) do nothing, bare or with Ctrl."""
    from PySide6.QtGui import QShortcut

    assert rig.window.findChildren(QShortcut) == []
    for key in (Qt.Key.Key_Space, Qt.Key.Key_N, Qt.Key.Key_P, Qt.Key.Key_S, Qt.Key.Key_L, Qt.Key.Key_U,
                Qt.Key.Key_Right, Qt.Key.Key_Escape):
        rig.qtbot.keyClick(rig.window, key)
    rig.qtbot.keyClick(rig.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert rig.companion.state.value == "ready" and rig.companion.meeting.step is Step.EMPATIA
    assert all(c.focusPolicy() == Qt.FocusPolicy.NoFocus for c in rig.window.findChildren(QWidget))


def test_step_buttons_and_staircase(rig):
    rig.click("toggle")
    rig.advance(90)
    rig.click("next")
    rig.advance(30)
    w = rig.window
    assert w.step_label.text() == t("step.ohjauksellinen", "fi")
    assert w.step_position.text() == t("step.position", "fi", n=2)
    assert "Ohjauksellinen" in w.staircase.accessibleDescription()
    rig.click("prev")
    assert rig.companion.meeting.step is Step.EMPATIA
    assert rig.companion.meeting.time_in_step(Step.OHJAUKSELLINEN) == pytest.approx(30)


def test_length_presets_menu_and_custom(rig):
    w = rig.window
    menu = w.length_menu()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[:4] == ["15 min", "30 min", "45 min", "60 min"]
    next(a for a in menu.actions() if a.text() == "45 min").trigger()
    assert rig.companion.meeting.announced_s == 45 * 60
    assert w.time_button.text() == "0:00 / 45:00"
    # Expanded: preset buttons, and a custom length typed in.
    rig.window.set_expanded(True)
    rig.ui.refresh()
    rig.qtbot.mouseClick(w.details.preset_buttons[15], Qt.MouseButton.LeftButton)
    assert rig.companion.meeting.announced_s == 15 * 60
    assert w.details.preset_buttons[15].isChecked() and not w.details.preset_buttons[45].isChecked()
    custom = next(a for a in w.length_menu().actions() if a.text() == t("time.custom", "fi"))
    custom.trigger()
    dialog = w.length_dialog
    assert dialog.isVisible() and dialog.minutes() == 15
    dialog.spin.setValue(50)
    dialog.accept()
    assert rig.companion.meeting.announced_s == 50 * 60
    assert rig.companion.meeting.length_source == "click"


def test_length_by_voice_shows_undo_for_a_while(rig):
    rig.click("toggle")
    rig.ui.bridge.post_heard(Heard(announced_minutes=45))
    w = rig.window
    assert w.line.kind == "offer"
    assert w.line.text.text() == t("offer.length_by_voice", "fi", minutes=45)
    w.set_expanded(True)
    rig.ui.refresh()
    assert t("time.by_voice", "fi") in w.details.length_label.text()
    rig.qtbot.mouseClick(w.line.primary, Qt.MouseButton.LeftButton)  # undo
    assert rig.companion.meeting.announced_s == 30 * 60
    assert w.line.kind != "offer"
    rig.ui.bridge.post_heard(Heard(announced_minutes=60))
    rig.advance(21)
    assert w.line.kind != "offer" and rig.companion.meeting.announced_s == 60 * 60


def test_step_suggestion_accepted_by_hotkey(rig):
    rig.click("toggle")
    rig.ui.bridge.post_heard(Heard(step_cue=Step.NEUVONNALLINEN))
    # Step names in running text are in lower case.
    assert rig.window.line.text.text() == t("offer.step_suggested", "fi", step="neuvonnallinen")
    rig.hotkey("accept_offer")
    assert rig.companion.meeting.step is Step.NEUVONNALLINEN


def test_nudge_snooze_and_dismiss(rig):
    rig.click("toggle")
    rig.click("next")
    rig.talk(130, 0.9)
    rig.ui.refresh()
    w = rig.window
    assert w.line.kind == "nudge"
    assert w.line.text.text() == rig.companion.config.nudges.expert_talks_too_much.text.fi
    rig.qtbot.mouseClick(w.line.primary, Qt.MouseButton.LeftButton)  # snooze
    assert w.line.kind != "nudge"
    rig.talk(6 * 60, 0.9)
    rig.ui.refresh()
    assert w.line.kind == "nudge"
    rig.hotkey("dismiss")
    assert w.line.kind != "nudge"
    rig.talk(60, 0.9)
    rig.ui.refresh()
    assert w.line.kind != "nudge"


def test_snooze_by_hotkey(rig):
    rig.click("toggle")
    rig.click("next")
    rig.talk(130, 0.9)
    rig.ui.refresh()
    rig.hotkey("snooze")
    assert rig.window.line.kind != "nudge"


def test_balance_bars_show_share_zone_and_text(rig):
    rig.click("toggle")
    rig.click("next")
    rig.talk(120, 0.6)
    rig.ui.refresh()
    w = rig.window
    desc = w.balance_step.accessibleDescription()
    assert "60 %" in desc and t("zone.above", "fi") in desc and "0–35" in desc
    # One bar at a glance; the last-2-minutes bar only in the expanded view.
    assert w.balance_step.isVisible() and not w.balance_recent.isVisible()
    w.set_expanded(True)
    rig.ui.refresh()
    assert w.balance_recent.isVisible()
    assert w.balance_recent.accessibleDescription().startswith(t("a11y.balance", "fi", span="", share="", zone="",
                                                                  target="").split(",")[0])


def test_overtime_state(rig):
    rig.ui.on_action("set_length", 15)
    rig.click("toggle")
    rig.advance(16 * 60)
    w = rig.window
    assert w.remaining.text() == t("time.over", "fi", time="1:00")
    assert w.remaining.objectName() == "RemainingOver"
    assert w.line.kind == "nudge"


def test_microphone_lost_status(rig):
    rig.click("toggle")
    rig.ui.bridge.post_listening(ListeningState.MIC_LOST_RETRYING)
    rig.ui.refresh()
    w = rig.window
    assert w.line.kind == "warning"
    assert w.line.text.text() == t("listen.mic_lost_retrying", "fi")
    # The privacy sign never changes into a warning or a recording light.
    assert w.badge.text() == t("privacy.badge", "fi")
    rig.ui.bridge.post_listening(ListeningState.LISTENING)
    rig.ui.refresh()
    assert w.line.kind != "warning" and w.badge.text() == t("privacy.badge", "fi")


def test_calibrating_and_no_speech_model_notes(rig):
    # A missing speech model is said once, before the first meeting; afterwards only in the expanded view.
    rig.ui.bridge.post_voice(VoiceState.MISSING, "folder not found")
    rig.ui.refresh()
    assert rig.window.line.text.text() == t("voice.missing", "fi")
    rig.click("toggle")
    rig.ui.bridge.post_listening(ListeningState.LISTENING)
    rig.ui.bridge.post_events([ListeningQuality(True, Confidence.ENROLLED)])  # as the live path sends it
    rig.ui.refresh()
    assert rig.window.line.text.text() == t("calibrating", "fi")
    rig.ui.bridge.post_events([ListeningQuality(False, Confidence.ENROLLED)])
    rig.ui.refresh()
    assert rig.window.line.text.text() == ""
    rig.click("end")
    rig.window.summary.new.click()
    assert rig.companion.state.value == "ready"
    assert rig.window.line.text.text() == t("state.ready", "fi")
    rig.window.set_expanded(True)
    rig.ui.refresh()
    assert rig.window.details.voice.text().startswith(t("voice.missing", "fi") + "\n" + t("voice.how", "fi"))
    assert rig.window.details.voice.toolTip() == "folder not found"


def test_expand_and_collapse_by_button(rig):
    h0 = rig.window.height()
    rig.click("expand")
    assert rig.window.expanded and rig.window.height() > h0 + 80
    assert rig.window.buttons["expand"].accessibleName() == t("btn.collapse", "fi")
    rig.click("expand")
    assert not rig.window.expanded and abs(rig.window.height() - h0) <= 3


def test_language_switch_retranslates(rig, make_config):
    rig.click("toggle")
    rig.companion.apply_config(make_config({"ui": {"language": "sv"}}))
    rig.ui.refresh()
    w = rig.window
    assert w.step_label.text() == t("step.empatia", "sv")
    assert t("privacy.badge", "sv") in w.badge.text()
    assert w.buttons["toggle"].accessibleName() == t("btn.pause", "sv")
    rig.companion.apply_config(make_config({"ui": {"language": "en"}}))
    rig.ui.refresh()
    assert w.remaining.text().endswith("left")


def test_privacy_sign_is_always_visible(rig):
    assert rig.window.badge.isVisible()
    assert t("privacy.badge", "fi") in rig.window.badge.text()
    assert rig.window.badge.toolTip().startswith(t("privacy.tip", "fi"))


def test_end_shows_summary_card_and_new_meeting(rig):
    rig.click("toggle")
    rig.talk(60, 0.5)
    rig.click("next")
    rig.talk(120, 0.25)
    rig.click("end")
    w = rig.window
    assert w.stack.currentWidget() is w.summary
    card = w.summary
    assert card.total.text() == t("summary.total", "fi", actual="3:00", announced="30:00")
    # time against the plan for 30 min, talk share against the zone in force, each with ▲▼●
    assert card.rows[0][1].text() == "1:00 / 3:00 ▼" and card.rows[0][2].text() == "50 % ●"
    assert card.rows[1][1].text() == "2:00 / 11:06 ▼" and card.rows[1][2].text() == "25 % ●"
    assert card.rows[2][2].text() == "–"
    # the one sentence: no Hyvästely was marked (before any step detail); no focus chosen, none shown
    assert card.lesson.text() == t("learn.farewell_missed", "fi", target="5:24")
    assert card.focus.isHidden()
    assert card.nudges.text() == t("summary.nudges", "fi", n=0)
    assert card.review.isEnabled()  # the self-review is part of every installation
    rig.qtbot.mouseClick(card.new, Qt.MouseButton.LeftButton)
    assert rig.companion.state.value == "ready"
    assert w.stack.currentIndex() == 0


def test_review_button_emits_request(rig):
    rig.click("toggle")
    rig.advance(10)
    rig.click("end")
    with rig.qtbot.waitSignal(rig.ui.request) as sig:
        rig.qtbot.mouseClick(rig.window.summary.review, Qt.MouseButton.LeftButton)
    assert sig.args == ["open_review"]


def test_config_problems_are_shown_not_crashed_on(qtbot, default_config, clock, no_leaked_threads):
    comp = Companion(default_config, now=clock, config_problems=["office.toml: steps.x = 1.7: too big"])
    w = CompanionWindow()
    qtbot.addWidget(w)
    ui = MeetingUi(comp, w)
    ui.refresh()
    assert w.line.kind == "warning" and w.line.text.text() == t("config.problems", "fi", n=1)
    w.set_expanded(True)
    ui.refresh()
    assert "steps.x" in w.details.problems.text()


def test_repaints_only_when_something_visible_changes(rig):
    rig.click("toggle")
    QApplication.processEvents()
    before = dict(rig.window.paint_counts())
    for _ in range(10):
        rig.ui.refresh()  # same time, same talk: nothing to redraw
        QApplication.processEvents()
    assert rig.window.paint_counts() == before
    rig.advance(30)
    QApplication.processEvents()
    after = rig.window.paint_counts()
    assert after["timebar"] > before["timebar"]
    assert after["balance_step"] == before["balance_step"]


def test_accessible_names_on_every_control(rig):
    w = rig.window
    for name, b in w.buttons.items():
        assert b.accessibleName(), name
        assert b.toolTip(), name
    assert w.accessibleName() == t("a11y.window", "fi")
    assert w.time_button.accessibleName() and w.badge.accessibleName()


def test_hotkeys_are_listed_and_their_absence_is_said(rig):
    from kohtaava_desk.ui.hotkeys import GlobalHotkeys, Registration

    hk = GlobalHotkeys()  # offscreen: no X server to grab keys on
    regs = hk.register({"toggle": "Ctrl+Alt+Space"})
    assert hk.reason == "platform" and regs[0].status == "unavailable"
    w = rig.window
    w.set_hotkeys(regs, hk.reason)
    w.set_expanded(True)
    rig.ui.refresh()
    assert t("hotkeys.unavailable.platform", "fi") in w.details.hotkey_list.text()
    w.set_hotkeys([Registration("next", "Ctrl+Alt+PgDown", "ok"), Registration("prev", "Ctrl+Alt+PgUp", "taken")], "")
    rig.ui.refresh()
    assert "Ctrl+Alt+PgDown" in w.buttons["next"].toolTip()
    assert "Ctrl+Alt+PgUp" not in w.buttons["prev"].toolTip()
    assert t("hotkeys.taken", "fi", combo="Ctrl+Alt+PgUp") in w.details.hotkey_list.text()
    hk.close()
