"""The assembled app (offscreen): config problems shown instead of crashing, the settings dialog
writing only changed keys, the remembered position, the summary reaching the store, clean shutdown."""

from __future__ import annotations

import argparse
import tomllib

import pytest
from PySide6.QtCore import Qt

from ui_helpers import Talker

from kohtaava_desk import paths
from kohtaava_desk.companion.personal import read_office_choice
from kohtaava_desk.i18n import t
from kohtaava_desk.ui import app as app_module
from kohtaava_desk.ui.position import FILE_NAME
from kohtaava_desk.app.services import Services
from kohtaava_desk.companion import ListeningState
from kohtaava_desk.ui.bridge import WorkerBridge


class FakeStore:
    def __init__(self):
        self.calls = []

    def start_meeting(self, summary):
        self.calls.append(("start", summary.actual_s))
        return 7

    def save_checkpoint(self, meeting_id, summary):
        self.calls.append(("checkpoint", meeting_id))

    def finish(self, meeting_id, summary):
        self.calls.append(("finish", meeting_id, summary.actual_s))

    def close(self):
        self.calls.append(("close",))


class QuietServices(Services):
    """No microphone, no model, no speech; a fake store."""

    def __init__(self, config, now, store=None):
        super().__init__(config, WorkerBridge(), audio=False, speech=False, store=store is not None, tts=False, now=now)
        self.fake_store = store
        self.listening_calls = []

    def open_store(self):
        self.store = self.fake_store
        return self.store

    def start_listening(self):
        self.listening_calls.append("start")

    def stop_listening(self):
        self.listening_calls.append("stop")


@pytest.fixture
def built(qtbot, clock, no_leaked_threads):
    made = []

    def make(office=None, store=None):
        args = argparse.Namespace(office=office)
        loaded = app_module.load_effective(office)
        services = QuietServices(loaded.config, clock, store)
        ctx = app_module.build(args, services=services, now=clock, with_tray=False)
        qtbot.addWidget(ctx.window)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def test_broken_office_profile_is_shown_and_the_widget_still_runs(built, tmp_path):
    office = tmp_path / "office.toml"
    office.write_text("[steps.ohjauksellinen]\nexpert_share_max = 1.7\n[ui]\nlanguag = 'sv'\n", encoding="utf-8")
    ctx = built(office)
    assert ctx.window.isVisible()
    assert ctx.window.line.kind == "warning"
    assert ctx.window.line.text.text() == t("config.problems", "fi", n=2)
    assert any("expert_share_max" in p for p in ctx.companion.config_problems)
    assert ctx.companion.config.step("ohjauksellinen").expert_share_max == pytest.approx(0.35)


def test_settings_dialog_writes_only_changed_keys_and_applies_them(built, qtbot):
    ctx = built()
    dialog = ctx.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("sv"))
    dialog.nudges.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    written = tomllib.loads(paths.personal_config_file().read_text(encoding="utf-8"))
    assert written == {"ui": {"language": "sv", "nudges_enabled": False}}
    assert ctx.companion.language == "sv" and not ctx.companion.config.ui.nudges_enabled
    assert ctx.window.step_label.text() == t("step.empatia", "sv")
    # A second save keeps the earlier override and adds the new one.
    dialog = ctx.open_settings()
    assert dialog.language.currentData() == "sv"
    dialog.spoken.setChecked(True)
    dialog.save()
    written = tomllib.loads(paths.personal_config_file().read_text(encoding="utf-8"))
    assert written == {"ui": {"language": "sv", "nudges_enabled": False, "spoken_cues": True}}


def test_settings_dialog_remembers_the_office_profile(built, tmp_path):
    office = tmp_path / "toimisto.toml"
    office.write_text("[meeting]\nlength_presets_min = [20, 40]\n", encoding="utf-8")
    ctx = built()
    dialog = ctx.open_settings()
    dialog.office.setText(str(office))
    dialog.save()
    assert read_office_choice(paths.state_dir()) == office
    assert ctx.companion.config.meeting.length_presets_min == (20, 40)
    assert list(ctx.window.details.preset_buttons) == [20, 40]
    assert not paths.personal_config_file().exists()  # nothing personal changed


def test_settings_dialog_lists_devices_and_offers_enrolment_only_when_present(built):
    ctx = built()
    ctx.services.list_devices = lambda: ["USB Mic", "Laptop Mic"]
    dialog = ctx.open_settings()
    items = [dialog.microphone.itemText(i) for i in range(dialog.microphone.count())]
    assert items == [t("settings.mic_default", "fi"), "USB Mic", "Laptop Mic"]
    dialog.microphone.setCurrentIndex(1)
    dialog.save()
    written = tomllib.loads(paths.personal_config_file().read_text(encoding="utf-8"))
    assert written == {"audio": {"device": "USB Mic"}}


def test_settings_enrol_button_runs_enrolment(built):
    ctx = built()
    calls = []
    ctx.enrol_dialog = lambda parent: calls.append(parent) or None
    dialog = ctx.open_settings()
    dialog.enrol_button.click()
    assert calls == [dialog]
    assert dialog.enrol_status.text() == t("settings.enrol_done", "fi")


def test_device_listing_failure_does_not_break_the_dialog(built):
    ctx = built()

    def broken():
        raise OSError("PortAudio library not found")
    ctx.services.list_devices = broken
    dialog = ctx.open_settings()
    assert dialog.microphone.count() == 1
    assert dialog.microphone.toolTip() == t("settings.mic_none", "fi")


def test_position_is_remembered_per_screen(built):
    ctx = built()
    ctx.window.move(100, 200)
    ctx.remember_position()
    assert (paths.state_dir() / FILE_NAME).exists()
    ctx2 = built()
    assert (ctx2.window.x(), ctx2.window.y()) == (100, 200)


def test_meeting_reaches_the_store_and_listening_follows_the_meeting(built, clock):
    store = FakeStore()
    ctx = built(store=store)
    ctx.ui.on_action("toggle")
    assert ctx.services.listening_calls == ["start"]
    Talker(ctx.companion, clock)(25, 0.5)
    ctx.ui.refresh()
    ctx.ui.on_action("end")
    assert ctx.services.listening_calls[0] == "start" and ctx.services.listening_calls[1:] and \
        set(ctx.services.listening_calls[1:]) == {"stop"}
    kinds = [c[0] for c in store.calls]
    assert kinds[0] == "start" and kinds[-1] == "finish" and "checkpoint" in kinds
    assert store.calls[-1] == ("finish", 7, pytest.approx(25))


def test_quitting_mid_meeting_saves_it(built, clock):
    store = FakeStore()
    ctx = built(store=store)
    ctx.ui.on_action("toggle")
    clock.advance(12)
    ctx.shutdown()
    assert store.calls[-2][0] == "finish" and store.calls[-1] == ("close",)
    assert ctx.companion.state.value == "ended"


def test_worker_thread_callbacks_reach_the_widget_through_the_bridge(built, qtbot):
    import threading
    ctx = built()
    ctx.ui.on_action("toggle")
    th = threading.Thread(target=lambda: ctx.services.sink.post_listening(ListeningState.MIC_LOST_RETRYING))
    th.start()
    th.join()
    qtbot.waitUntil(lambda: ctx.companion.listening.value == "mic_lost_retrying", timeout=2000)
    ctx.ui.refresh()
    assert ctx.window.line.text.text() == t("listen.mic_lost_retrying", "fi")


def test_tray_menu_drives_the_meeting(built):
    from kohtaava_desk.ui.tray import Tray
    ctx = built()
    tray = Tray(ctx.on_tray)  # built even where no tray is shown (offscreen), so its menu can be tested
    tray.retranslate("fi", True, "ready")
    assert tray.actions["toggle"].text() == t("btn.start", "fi")
    assert not tray.actions["end"].isEnabled()
    tray.actions["toggle"].trigger()
    assert ctx.companion.state.value == "running"
    tray.retranslate("sv", True, "running")
    assert tray.actions["toggle"].text() == t("btn.pause", "sv")
    tray.actions["next"].trigger()
    assert ctx.companion.meeting.step.value == "ohjauksellinen"
    tray.actions["show"].trigger()
    assert not ctx.window.isVisible()
    tray.actions["show"].trigger()
    assert ctx.window.isVisible()
    tray.actions["end"].trigger()
    assert ctx.companion.state.value == "ended"


def test_spoken_cue_notice_reaches_the_expanded_view(qtbot):
    """A fallback-voice notice from the TTS thread is shown, in the widget's details."""
    from kohtaava_desk.spoken.tts import TtsEvent
    from kohtaava_desk.config import load_config
    from kohtaava_desk.companion import Companion
    from kohtaava_desk.ui.bridge import WorkerBridge
    from kohtaava_desk.ui.controller import MeetingUi
    from kohtaava_desk.ui.widget.window import CompanionWindow

    config = load_config(env={}).config
    companion = Companion(config)
    window = CompanionWindow()
    qtbot.addWidget(window)
    bridge = WorkerBridge()
    controller = MeetingUi(companion, window, bridge)
    window.set_expanded(True)
    note = TtsEvent("voice_fallback", detail="English", language="fi").message("fi")
    with qtbot.waitSignal(bridge.note, timeout=2000):
        bridge.post_note(note)
    assert controller.state.notes == (note,)
    assert note in window.details.voice.text()


def test_meeting_killed_last_time_is_reported_on_the_next_start(qtbot):
    """A meeting left 'running' by a crash is recovered when the store opens, and the expert is told."""
    from kohtaava_desk.config import load_config
    from kohtaava_desk.meeting import Meeting
    from kohtaava_desk.store.db import MeetingStore

    config = load_config(env={}).config
    clock = [100.0]
    meeting = Meeting(config, now=lambda: clock[0])
    meeting.start()
    store = MeetingStore()
    store.start_meeting(meeting.summary())  # then the app "dies": the row stays 'running'
    store.close()

    bridge = WorkerBridge()
    services = Services(config, bridge, audio=False, speech=False, tts=False)
    notes = []
    bridge.note.connect(notes.append)
    try:
        with qtbot.waitSignal(bridge.note, timeout=2000):
            services.open_store()
        assert notes == ["Keskeytynyt tapaaminen palautettu (1): luvut näkyvät omassa katsauksessa"]
        (row,) = services.store.list_meetings()
        assert row.state == "interrupted"
    finally:
        services.shutdown()


def test_first_run_welcome_guides_once_and_is_skippable(built, qtbot):
    from kohtaava_desk import paths

    ctx = built()
    w = ctx.window
    assert w.stack.currentWidget() is w.welcome and w.welcome.isVisible()
    assert w.welcome.enrol.isVisible()  # no voice profile yet: offered right here
    assert t("welcome.model_missing", "fi") == w.welcome.model.text()
    qtbot.mouseClick(w.welcome.presets[45], Qt.MouseButton.LeftButton)
    assert ctx.companion.meeting.announced_s == 45 * 60
    assert "default_length_min = 45" in paths.personal_config_file().read_text(encoding="utf-8")
    qtbot.mouseClick(w.welcome.skip, Qt.MouseButton.LeftButton)
    assert w.stack.currentIndex() == 0 and not w.welcome.isVisible()
    again = built()
    assert again.window.stack.currentIndex() == 0  # shown once, then gone
    assert again.companion.meeting.announced_s == 45 * 60  # the usual length is the new default


def test_welcome_goes_away_when_the_first_meeting_starts(built):
    ctx = built()
    assert ctx.window.welcome_visible
    ctx.window.hotkey("toggle")
    assert ctx.companion.state.value == "running" and ctx.window.stack.currentIndex() == 0
    assert not built().window.welcome_visible


def test_tray_keeps_end_meeting_and_quit_apart_and_offers_review_and_profile(built):
    from kohtaava_desk.ui.tray import Tray

    ctx = built()
    tray = Tray(ctx.on_tray)
    tray.retranslate("fi", True, "running", has_profile=False)
    items = [a for a in tray.menu.actions()]
    names = [a.text() for a in items]
    end, quit_ = names.index(t("btn.end", "fi")), names.index(t("tray.quit", "fi"))
    assert any(items[i].isSeparator() for i in range(end + 1, quit_)) and quit_ - end > 3
    assert t("btn.open_review", "fi") in names and t("tray.enrol", "fi") in names
    assert t("tray.privacy", "fi") in names
    tray.actions["privacy"].trigger()
    assert ctx.window.privacy_card is not None and ctx.window.privacy_card.isVisible()
    ctx.window.show_privacy_card()  # asked again: closes
    assert not ctx.window.privacy_card.isVisible()


def test_the_summary_cards_review_button_opens_the_meeting_that_just_ended(built, clock, monkeypatch):
    import kohtaava_desk.ui.review as review

    opened = []

    class Window:
        def close(self):
            pass
    monkeypatch.setattr(review, "open_review", lambda *args, **kwargs: opened.append((args, kwargs)) or Window())
    store = FakeStore()
    ctx = built(store=store)
    ctx.ui.on_action("toggle")
    Talker(ctx.companion, clock)(25, 0.5)
    ctx.ui.on_action("end")
    ctx.ui.refresh()
    assert ctx.window.summary.review.isEnabled()
    ctx.window.summary.review.click()
    ((args, kwargs),) = opened
    assert args[1] is store and args[2] == 7  # FakeStore.start_meeting's id: the meeting just ended
    assert args[3] == "fi" and kwargs["config"] is ctx.companion.config


def test_settings_list_the_hotkeys_and_switch_the_theme(built):
    from kohtaava_desk.ui import theme

    ctx = built()
    dialog = ctx.open_settings()
    assert "Ctrl+Alt+Space" in dialog.hotkeys.text() and t("hotkey.toggle", "fi") in dialog.hotkeys.text()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.save()
    try:
        assert ctx.companion.config.ui.theme == "dark" and theme.pal() is theme.DARK
        assert theme.DARK.background in ctx.window.styleSheet()
    finally:
        theme.use("light")
