"""Voice enrolment from the settings dialog: the expert reads a short text aloud (or picks a recording)
and only the voice profile's numbers are saved.

Audio is gathered in memory (bounded) by the same listening session as a meeting, turned into the
profile in a worker thread, and dropped; nothing else is written.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from kohtaava_desk.i18n import t
from kohtaava_desk.listening.collect import ENROL_MAX_S, ENROL_TARGET_S, BlockCollector

from .qtfix import emit

log = logging.getLogger(__name__)

TARGET_S = ENROL_TARGET_S
MAX_S = ENROL_MAX_S


class _Relay(QObject):
    done = Signal(object)
    """None on success, else the problem as text."""
    status = Signal(object)


def default_make_profile(blocks: list[Any]) -> Path:
    from kohtaava_desk.listening.enrolment import profile_from_blocks
    from kohtaava_desk.speakers.locations import default_profile_path
    profile = profile_from_blocks(blocks, one_voice=True)  # a second voice is refused, with the reason
    return profile.save(default_profile_path())


class EnrolDialog(QDialog):
    def __init__(self, lang: str, *, start_session: Callable[[BlockCollector, Callable], Any] | None,
                 make_profile: Callable[[list[Any]], Path] = default_make_profile,
                 read_file: Callable[[Path], list[Any]] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._start_session = start_session
        self._make_profile = make_profile
        self._read_file = read_file or _file_blocks
        self._session: Any = None
        self._collector = BlockCollector()
        self._worker: threading.Thread | None = None
        self.problem: str | None = "cancelled"
        self.relay = _Relay(self)
        self.relay.done.connect(self._finished)
        self.relay.status.connect(self._on_status)
        self.setWindowTitle(t("enrol.title", lang))
        lay = QVBoxLayout(self)
        from kohtaava_desk.speakers.enrolment_text import enrolment_instructions, enrolment_text
        intro = QLabel(enrolment_instructions(lang), self)
        intro.setWordWrap(True)
        text = QLabel(enrolment_text(lang), self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setStyleSheet("font-size: 12pt; padding: 8px; background: #ffffff; border: 1px solid #ccd;")
        lay.addWidget(intro)
        lay.addWidget(text)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, TARGET_S)
        self.progress.setAccessibleName(t("enrol.title", lang))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        self.record = QPushButton(t("enrol.record", lang), self)
        self.record.setEnabled(start_session is not None)
        self.from_file = QPushButton(t("enrol.from_file", lang), self)
        self.close_button = QPushButton(t("btn.close", lang), self)
        for b in (self.record, self.from_file, self.close_button):
            row.addWidget(b)
        lay.addLayout(row)
        self.record.clicked.connect(self._toggle_record)
        self.from_file.clicked.connect(self._pick_file)
        self.close_button.clicked.connect(self.reject)
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._tick)

    # --- microphone ------------------------------------------------------------------------
    def _toggle_record(self) -> None:
        if self._session is None:
            self._collector = BlockCollector()
            try:
                self._session = self._start_session(self._collector, lambda st: emit(self.relay.status, st))
            except Exception as exc:
                self.status.setText(t("enrol.no_audio", self.lang, reason=type(exc).__name__))
                return
            self.record.setText(t("enrol.finish", self.lang))
            self.from_file.setEnabled(False)
            self.timer.start()
        else:
            self._stop_and_process()

    @Slot(object)
    def _on_status(self, status: Any) -> None:
        text = getattr(status, "text", "")
        state = getattr(getattr(status, "state", None), "value", "")
        if state in ("mic_lost_retrying", "stopped") and text:
            self.status.setText(text)

    def _tick(self) -> None:
        s = int(self._collector.seconds)
        self.progress.setValue(min(TARGET_S, s))
        self.status.setText(t("enrol.recording", self.lang, s=s, target=TARGET_S))
        if s >= TARGET_S:
            self._stop_and_process()

    def _stop_and_process(self) -> None:
        self.timer.stop()
        session, self._session = self._session, None
        if session is not None:
            session.stop(timeout=2.0)
        self._process(self._collector.take())

    # --- file ------------------------------------------------------------------------------
    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, t("enrol.from_file", self.lang), "", "WAV (*.wav)")
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> None:
        try:
            blocks = self._read_file(path)
        except Exception as exc:
            text = getattr(exc, "text", None)  # WavFileError explains itself in the UI language
            self._finished(text(self.lang) if callable(text) else f"{path.name}: {exc}")
            return
        self._process(blocks)

    # --- the profile -----------------------------------------------------------------------
    def _process(self, blocks: list[Any]) -> None:
        self.record.setEnabled(False)
        self.from_file.setEnabled(False)
        self.status.setText(t("enrol.processing", self.lang))

        def work() -> None:
            nonlocal blocks
            try:
                self._make_profile(blocks)
                problem = None
            except Exception as exc:
                localized = getattr(exc, "localized", None)
                problem = localized(self.lang) if callable(localized) else (str(exc) or type(exc).__name__)
            finally:
                blocks = []  # the audio goes as soon as the numbers exist
            emit(self.relay.done, problem)

        self._worker = threading.Thread(target=work, name="kohtaava-enrol", daemon=True)
        self._worker.start()

    @Slot(object)
    def _finished(self, problem: str | None) -> None:
        self.problem = problem
        self.progress.setValue(TARGET_S if problem is None else 0)
        self.status.setText(t("settings.enrol_done", self.lang) if problem is None
                            else t("settings.enrol_failed", self.lang, reason=problem))
        self.record.setEnabled(self._start_session is not None)
        self.record.setText(t("enrol.record", self.lang))
        self.from_file.setEnabled(True)

    def wait_idle(self, timeout: float = 30.0) -> None:
        if self._worker is not None:
            self._worker.join(timeout)

    def done(self, result: int) -> None:  # noqa: D401 (Qt override: closing stops everything)
        self.timer.stop()
        if self._session is not None:
            self._session.stop(timeout=2.0)
            self._session = None
        self._collector.take()
        self.wait_idle(10.0)
        super().done(result)


def _file_blocks(path: Path) -> list[Any]:
    from kohtaava_desk.audio.wavfile import FileSource
    blocks = []
    total = 0.0
    for b in FileSource(path):
        blocks.append(b)
        total += b.duration
        if total >= MAX_S:
            break
    return blocks
