"""The desktop app: the meeting widget, its tray icon, settings, and the optional listening and voice
services, wired together. `run(args)` is what `kohtaava-desk` without a subcommand calls.

The widget is shown before anything slow happens (speech model, microphone, database): start-up must
stay under ~1.5 s, and a broken part must never take the meeting clock down with it.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kohtaava_desk import paths
from kohtaava_desk.app.services import Services
from kohtaava_desk.companion import Companion
from kohtaava_desk.companion.personal import SettingsWriteError, read_office_choice, write_overrides
from kohtaava_desk.config import LoadedConfig, load_config
from kohtaava_desk.config.problems import Problem
from kohtaava_desk.i18n import t
from kohtaava_desk.meeting import MeetingState

from .bridge import WorkerBridge
from .controller import MeetingUi
from .hotkeys import GlobalHotkeys
from .position import PositionMemory, ScreenInfo, screen_key
from .settings import SettingsDialog
from .tray import Tray, tray_available
from .widget import CompanionWindow
from .widget.welcome import mark_welcome_done, welcome_needed

log = logging.getLogger(__name__)


def qt_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication([os.environ.get("KOHTAAVA_DESK_ARGV0", "kohtaava-desk")])
        app.setApplicationName("kohtaava-desk")
        app.setApplicationDisplayName("Kohtaava")
    return app  # type: ignore[return-value]


def chosen_office(args: argparse.Namespace | None) -> Path | None:
    """--office wins; else the profile picked in the settings dialog; else the loader's env variable."""
    office = getattr(args, "office", None) if args is not None else None
    return office if office else read_office_choice(paths.state_dir())


def load_effective(office: Path | None) -> LoadedConfig:
    """Defaults <- office <- personal; problems are collected, never raised, for user files."""
    return load_config(office, paths.personal_config_file(), state_dir=paths.state_dir())


def has_voice_profile() -> bool:
    try:
        from kohtaava_desk.speakers.locations import default_profile_path
        return default_profile_path().exists()
    except Exception:
        return False


def screens() -> list[ScreenInfo]:
    out = []
    primary = QGuiApplication.primaryScreen()
    ordered = [primary] + [s for s in QGuiApplication.screens() if s is not primary] if primary else []
    for s in ordered:
        g = s.availableGeometry()
        size = s.geometry()
        out.append(ScreenInfo(screen_key(s.name(), size.width(), size.height()), g.x(), g.y(), g.width(), g.height()))
    return out


@dataclass
class AppContext:
    app: QApplication
    loaded: LoadedConfig
    office: Path | None
    companion: Companion
    window: CompanionWindow
    ui: MeetingUi
    services: Services
    memory: PositionMemory
    tray: Tray | None = None
    hotkeys: GlobalHotkeys | None = None
    dialogs: list = field(default_factory=list)
    _shut: bool = False

    # --- settings and review ---------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        c = self.companion
        dialog = SettingsDialog(c.config, personal_file=paths.personal_config_file(), state_dir=paths.state_dir(),
                                office=self.office, problems=c.config_problems,
                                list_devices=self.services.list_devices, enrol=self.enrol_dialog,
                                parent=None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.hotkeys is not None:  # the dialog takes the keyboard while open, then gives it back
            self.hotkeys.remember_focus()
            dialog.finished.connect(lambda _r: self.hotkeys.restore_focus())
        dialog.saved.connect(lambda _changes: self.reload_config(read_office_choice(paths.state_dir()) or self.office))
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.show()
        return dialog

    def reload_config(self, office: Path | None) -> None:
        self.office = office
        self.loaded = load_effective(office)
        self.companion.apply_config(self.loaded.config, [str(p) for p in self.loaded.problems])
        self.window.set_presets(tuple(self.loaded.config.meeting.length_presets_min))
        self.window.apply_theme(self.loaded.config.ui.theme)
        self.services.apply_config(self.loaded.config)
        self.register_hotkeys()
        self.ui.refresh()

    def start_hotkeys(self) -> None:
        """After the first paint: connecting to the X server and grabbing keys takes ~0.2 s."""
        if self._shut or self.hotkeys is not None:
            return
        self.hotkeys = GlobalHotkeys(self.app)
        self.hotkeys.triggered.connect(self.window.hotkey)
        self.window.keyboard = self.hotkeys
        self.register_hotkeys()

    def register_hotkeys(self) -> None:
        if self.hotkeys is not None:
            regs = self.hotkeys.register(dataclasses.asdict(self.companion.config.hotkeys))
            self.window.set_hotkeys(regs, self.hotkeys.reason)

    def enrol_dialog(self, parent: QWidget | None) -> str | None:
        """The settings dialog's voice enrolment; returns the problem, or None when a profile was saved."""
        from .enrol import EnrolDialog

        dialog = EnrolDialog(self.companion.language, start_session=self.services.enrol_session(), parent=parent)
        dialog.exec()
        return dialog.problem

    def open_review(self) -> None:
        """The self-review, with the meeting that just ended selected (if it was stored)."""
        from .review import open_review

        try:
            self.dialogs.append(open_review(None, self.services.store, self.services.last_meeting_id,
                                            self.companion.language, config=self.companion.config))
        except Exception as exc:
            log.warning("the self-review could not be opened: %s", type(exc).__name__)

    # --- tray ------------------------------------------------------------------------------
    def on_tray(self, item: str) -> None:
        if item == "show":
            self.window.setVisible(not self.window.isVisible())
        elif item in ("toggle", "next", "end"):
            self.ui.on_action(item)
        elif item == "review":
            self.open_review()
        elif item == "profile":
            self.enrol()
        elif item == "privacy":
            self.window.show_privacy_card()
        elif item == "settings":
            self.open_settings()
        elif item == "quit":
            self.quit()

    def enrol(self) -> None:
        """Record the voice profile now (tray, expanded view, welcome): the enrolment dialog takes the
        keyboard while open; afterwards the "≈" goes away."""
        if self.hotkeys is not None:
            self.hotkeys.remember_focus()
        try:
            self.enrol_dialog(None)
        except Exception as exc:
            log.warning("voice enrolment failed: %s", type(exc).__name__)
        finally:
            if self.hotkeys is not None:
                self.hotkeys.restore_focus()
        self.window.set_profile(has_voice_profile())
        self.retranslate_tray()

    def on_welcome(self, name: str, arg: object) -> None:
        if name == "enrol":
            self.enrol()
        elif name == "default_length":
            try:  # the usual length becomes the personal default for every later meeting
                write_overrides(paths.personal_config_file(), {"meeting.default_length_min": int(arg)})
            except (OSError, SettingsWriteError, TypeError, ValueError) as exc:
                log.warning("usual length not saved: %s", type(exc).__name__)
        elif name == "done":
            mark_welcome_done(paths.state_dir())

    def retranslate_tray(self) -> None:
        if self.tray is not None:
            self.tray.retranslate(self.companion.language, self.window.isVisible(), self.companion.state.value,
                                  self.window.has_profile)

    def on_request(self, name: str) -> None:
        if name == "settings":
            self.open_settings()
        elif name == "enrol":
            self.enrol()
        elif name == "open_review":
            self.open_review()
        elif name == "quit":
            self.quit()

    def quit(self) -> None:
        self.app.quit()

    def on_meeting_changed(self, state: str) -> None:
        if state == MeetingState.RUNNING.value:
            self.services.start_listening()
        elif state in (MeetingState.ENDED.value, MeetingState.READY.value):
            self.services.stop_listening()
            if state == MeetingState.ENDED.value and not self._shut:
                from .unsaved import offer_save_elsewhere  # only when the final save failed
                dialog = offer_save_elsewhere(self.services.recorder(), self.companion.language,
                                              self.companion.add_note)
                if dialog is not None:
                    self.dialogs.append(dialog)
        self.retranslate_tray()

    def remember_position(self) -> None:
        g = self.window.frameGeometry()
        self.memory.remember(screens(), g.x(), g.y(), g.width(), g.height())

    def place_window(self) -> None:
        pos = self.memory.place(screens(), self.window.width(), self.window.height())
        if pos is not None:
            self.window.move(*pos)

    def flush_listening(self) -> None:
        """Stop the microphone session and take in what it still had (last words, a capture gap)
        before the meeting is closed: events that arrive after the end are ignored."""
        self.services.stop_listening()
        QCoreApplication.sendPostedEvents()

    def shutdown(self) -> None:
        """aboutToQuit: save the meeting, stop every worker thread and wait for it."""
        if self._shut:
            return
        self._shut = True
        self.ui.stop()
        if self.companion.state in (MeetingState.RUNNING, MeetingState.PAUSED):
            self.flush_listening()
            self.companion.end()
        recorder = self.services.recorder()
        if recorder is not None:
            recorder.park(paths.state_dir())  # a summary the store refused is stored at the next start
        self.services.shutdown()
        if self.hotkeys is not None:
            self.hotkeys.close()
        if self.tray is not None:
            self.tray.hide()

    def close(self) -> None:
        """Tear down without quitting the QApplication (tests, demo runs in one process)."""
        self.shutdown()
        try:
            self.app.aboutToQuit.disconnect(self.shutdown)
        except (RuntimeError, TypeError):
            pass
        for d in self.dialogs:
            try:
                d.close()
            except RuntimeError:
                pass
        self.window.close()


def build(args: argparse.Namespace | None = None, *, services: Services | None = None, show: bool = True,
          now=None, with_tray: bool = True, wall=None) -> AppContext:
    """Create everything; `run` adds the event loop. Tests and `demo` use this directly."""
    app = qt_app()
    office = chosen_office(args)
    try:
        loaded = load_effective(office)
        problems = [str(p) for p in loaded.problems]
    except Exception as exc:
        loaded = load_config(None, None, env={})
        problems = [str(Problem("config", "", f"could not be loaded: {exc}"))]
    config = loaded.config
    services = services or Services(config, WorkerBridge(), **({"now": now} if now is not None else {}))
    kwargs = {k: v for k, v in (("now", now), ("wall", wall)) if v is not None}
    companion = Companion(config, config_problems=problems, recorder=services.recorder(), speak=services.speak,
                          **kwargs)
    window = CompanionWindow(tuple(config.meeting.length_presets_min))
    window.apply_theme(config.ui.theme)
    ui = MeetingUi(companion, window, services.sink)
    ctx = AppContext(app, loaded, office, companion, window, ui, services, PositionMemory(paths.state_dir()))
    window.set_profile(has_voice_profile())
    window.welcome_action.connect(ctx.on_welcome)
    window.show_welcome(welcome_needed(paths.state_dir()))
    ui.before_end = ctx.flush_listening
    ui.request.connect(ctx.on_request)
    ui.meeting_changed.connect(ctx.on_meeting_changed)
    window.moved.connect(ctx.remember_position)
    app.aboutToQuit.connect(ctx.shutdown)
    if with_tray and tray_available():
        ctx.tray = Tray(ctx.on_tray, app)
        ctx.retranslate_tray()
        ctx.tray.show()
    # The widget is a Tool window, which Qt does not count as a "last window": without this, closing the
    # settings or length dialog would quit the app mid-meeting. Quitting is explicit (tray, expanded view).
    app.setQuitOnLastWindowClosed(False)
    ui.refresh()
    if show:
        ctx.place_window()
        window.show()
    ui.start()
    # Slow things start after the first paint: the expert sees the widget at once.
    QTimer.singleShot(0, services.start_background)
    QTimer.singleShot(0, ctx.start_hotkeys)
    return ctx


def run(args: argparse.Namespace | None = None) -> int:
    ctx = build(args)
    # Ctrl+C or a polite kill ends the meeting properly (its summary is saved) instead of dying mid-slot.
    # The UI timer hands control back to Python often enough for the handler to run.
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(sig, lambda *_: ctx.app.quit())
        except (ValueError, OSError):
            pass
    from kohtaava_desk.instance import WAKE_SIGNAL
    if WAKE_SIGNAL is not None:  # a second launch asks this copy to come forward (kohtaava_desk.instance)
        signal.signal(WAKE_SIGNAL, lambda *_: QTimer.singleShot(0, lambda: ctx.on_tray("focus")))
    lang = ctx.companion.language
    for p in ctx.loaded.problems:
        log.warning("config: %s", p)
    log.info("%s", t("a11y.window", lang))
    return ctx.app.exec()
