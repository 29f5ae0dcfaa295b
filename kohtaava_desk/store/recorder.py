"""The running meeting's link to the store, built so that a save that fails is seen and nothing is lost.

The companion calls ``begin`` at the start, ``checkpoint`` every 10 s and ``finish`` at the end
(the ``Recorder`` protocol). Here:

- a failed save is told to the expert at once (``notify``) — once per outage, not every 10 s — and
  the latest figures stay in memory;
- every later checkpoint retries, including the start of the record and opening the store itself (a
  data folder that was unwritable at start-up may come back); success after an outage is told too;
- if the final save fails, ``unsaved`` holds the summary and ``save_elsewhere(path)`` writes it (numbers
  only, through the store's privacy gate) wherever the expert chooses;
- the meeting lock is held from ``begin`` to ``finish``, so a second copy of the app or a command-line
  save can see that a live meeting owns the store.

Nothing here imports Qt; the widget only shows the notes and asks for a path.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from ..meeting.summary import MeetingSummary
from .db import MeetingStore
from .errors import StoreError
from .locks import FileLock
from .validate import clean_summary

log = logging.getLogger(__name__)

SUMMARY_FORMAT = "kohtaava-desk-meeting-summary"
"""Marker of a summary saved elsewhere; the rest is MeetingSummary.to_dict() (numbers, steps, nudge ids)."""


class SafeRecorder:
    """Recorder over a MeetingStore that may be missing, full or read-only."""

    def __init__(self, open_store: Callable[[], MeetingStore], notify: Callable[[str], None],
                 language: Callable[[], str] = lambda: "fi", lock: FileLock | None = None) -> None:
        """``open_store`` returns the (cached) store or raises StoreError/OSError; ``notify`` gets texts
        for the expert, already in ``language()``."""
        self._open = open_store
        self._notify = notify
        self._language = language
        self._lock = lock
        self.meeting_id: int | None = None
        self.latest: MeetingSummary | None = None
        """The newest figures of the meeting in progress, saved or not."""
        self.failing = False
        """The last save attempt failed (the expert has been told)."""
        self.unsaved: MeetingSummary | None = None
        """A finished meeting whose final save failed: offer save_elsewhere."""
        self.finished_id: int | None = None
        """The store's id of the last meeting saved in full (the summary card's review opens on it)."""

    # --- Recorder protocol ----------------------------------------------------------------------------
    def begin(self, summary: MeetingSummary) -> None:
        self.meeting_id, self.unsaved, self.latest = None, None, summary
        self._hold_lock()
        self._attempt(lambda store: self._start(store, summary))

    def checkpoint(self, summary: MeetingSummary) -> None:
        self.latest = summary
        self._attempt(lambda store: self._save_running(store, summary))

    def finish(self, summary: MeetingSummary) -> None:
        self.latest = summary
        # Set before trying: the failure note may redraw the widget, which then offers to save it elsewhere.
        self.unsaved = summary
        try:
            if self._attempt(lambda store: self._save_final(store, summary), final=True):
                self.unsaved = None
        finally:
            self.meeting_id = None
            if self._lock is not None:
                self._lock.release()

    # --- the summary saved elsewhere ------------------------------------------------------------------
    def save_elsewhere(self, path: str | Path) -> Path:
        """Write the unsaved (or latest) summary as JSON, owner-only; raises OSError/UnsafeOutput."""
        from ..fileguard import write_private_atomically

        summary = self.unsaved or self.latest
        if summary is None:
            raise ValueError("there is no meeting summary to save")
        clean_summary(summary)  # the same privacy gate as the database: numbers, enums and ids only
        text = json.dumps({"format": SUMMARY_FORMAT, **summary.to_dict()}, ensure_ascii=False, indent=1)
        write_private_atomically(path, text + "\n")
        self.unsaved = None
        return Path(path)

    # --- internals ------------------------------------------------------------------------------------
    def _hold_lock(self) -> None:
        if self._lock is None:
            return
        try:
            if not self._lock.acquire():
                log.warning("meeting lock held by process %s", self._lock.holder())
        except OSError as exc:
            log.warning("meeting lock unavailable: %s", exc.strerror or exc)

    def _start(self, store: MeetingStore, summary: MeetingSummary) -> None:
        self.meeting_id = store.start_meeting(summary)

    def _save_running(self, store: MeetingStore, summary: MeetingSummary) -> None:
        if self.meeting_id is None:  # the start itself failed earlier: this retry creates the record
            self.meeting_id = store.start_meeting(summary)
        else:
            store.save_checkpoint(self.meeting_id, summary)

    def _save_final(self, store: MeetingStore, summary: MeetingSummary) -> None:
        if self.meeting_id is None:
            self.finished_id = store.save_summary(summary)
        else:
            store.finish(self.meeting_id, summary)
            self.finished_id = self.meeting_id

    def _attempt(self, write: Callable[[MeetingStore], None], final: bool = False) -> bool:
        from ..i18n import t

        try:
            write(self._open())
        except (StoreError, OSError) as exc:
            # Messages never quote figures (see store.errors); the reason helps the expert fix it.
            reason = getattr(exc, "strerror", None) or str(exc)
            log.warning("meeting summary not saved: %s", reason)
            if final:
                self._notify(t("store.final_failed", self._language(), error=reason))
            elif not self.failing:
                self._notify(t("store.checkpoint_failed", self._language(), error=reason))
            self.failing = True
            return False
        if self.failing:
            self.failing = False
            self._notify(t("store.save_recovered", self._language()))
        return True
