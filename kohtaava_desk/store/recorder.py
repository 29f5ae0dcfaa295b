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
import re
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
PARKED_PREFIX = "unsaved-summary-"
"""File names of summaries parked at quit because the store refused them (see SafeRecorder.park)."""
_MAX_PARKED_BYTES = 1024 * 1024


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
        self._unsaved_id: int | None = None
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
        self.unsaved, self._unsaved_id = summary, self.meeting_id
        try:
            if self._attempt(lambda store: self._save_final(store, summary), final=True):
                self.unsaved = None
        finally:
            self.meeting_id = None
            if self._lock is not None:
                self._lock.release()

    # --- the summary saved elsewhere ------------------------------------------------------------------
    def save_elsewhere(self, path: str | Path, *, record_id: bool = False) -> Path:
        """Write the unsaved (or latest) summary as JSON, owner-only; raises OSError/UnsafeOutput.

        With ``record_id`` the store's id of the meeting's partial record goes along, so that restoring
        completes that record instead of adding a second copy of the meeting."""
        from ..fileguard import write_private_atomically

        summary = self.unsaved or self.latest
        if summary is None:
            raise ValueError("there is no meeting summary to save")
        clean_summary(summary)  # the same privacy gate as the database: numbers, enums and ids only
        head = {"format": SUMMARY_FORMAT}
        if record_id and self._unsaved_id is not None:
            head["meeting_id"] = self._unsaved_id
        text = json.dumps({**head, **summary.to_dict()}, ensure_ascii=False, indent=1)
        write_private_atomically(path, text + "\n")
        self.unsaved = None
        return Path(path)

    def park(self, folder: Path) -> Path | None:
        """At quit, with a summary the store refused and nobody saved elsewhere: keep it in ``folder``
        (the app's settings folder, numbers only, 0600); the next start moves it into the store."""
        if self.unsaved is None:
            return None
        stamp = re.sub(r"[^0-9T]", "", self.unsaved.started_at or "") or "meeting"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            return self.save_elsewhere(Path(folder) / f"{PARKED_PREFIX}{stamp}.json", record_id=True)
        except (OSError, ValueError) as exc:
            log.warning("the unsaved summary could not be parked either: %s", getattr(exc, "strerror", None) or exc)
            return None

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


def restore_parked(store: MeetingStore, folder: Path | None) -> int:
    """Move summaries parked by SafeRecorder.park into the store; returns how many. A file that cannot
    be read or stored stays where it is (and is tried again next time)."""
    if folder is None:
        return 0
    restored = 0
    for path in sorted(Path(folder).glob(f"{PARKED_PREFIX}*.json")):
        try:
            if not path.is_file() or path.stat().st_size > _MAX_PARKED_BYTES:
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.pop("format", None) != SUMMARY_FORMAT:
                continue
            record = data.pop("meeting_id", None)
            summary = MeetingSummary.from_dict(data)
            partial = store.get(record) if isinstance(record, int) else None
            if partial is not None and partial.state != "ended" and partial.summary.started_at == summary.started_at:
                store.finish(record, summary)  # the checkpointed record of this very meeting, completed
            else:
                store.save_summary(summary)
            path.unlink()
            restored += 1
        except (OSError, ValueError, KeyError, TypeError, StoreError) as exc:
            log.warning("a parked summary could not be restored: %s", type(exc).__name__)
    return restored
