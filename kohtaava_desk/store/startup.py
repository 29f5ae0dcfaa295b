"""What the app does with the store when it starts: open (moving a bad file aside), recover, apply retention."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .db import MeetingStore
from .errors import CorruptionNotice
from .locks import meeting_lock
from .records import StoredMeeting
from .recorder import restore_parked


@dataclass(frozen=True)
class StartupReport:
    notice: CorruptionNotice | None
    """The database was unusable and has been moved aside: show notice.message(lang)."""
    recovered: list[StoredMeeting] = field(default_factory=list)
    """Meetings cut short by a crash or kill, now marked interrupted: tell the expert."""
    deleted_old: int = 0
    """Summaries removed by the office's retention period."""
    restored: int = 0
    """Summaries the app could not save last time (parked at quit), now stored."""


def open_at_startup(retention_days: int, path: Path | None = None, today: date | None = None,
                    parked: Path | None = None) -> tuple[MeetingStore, StartupReport]:
    """Open the store, recover interrupted meetings, then delete those past retention.

    Recovery runs first so an interrupted meeting is reported even if it is also old enough to go. It is
    skipped while another process holds the meeting lock (its meeting is alive, not interrupted).
    Summaries parked in ``parked`` by a quit whose save failed are stored first (SafeRecorder.park).
    Raises StoreUnavailable only when no database can be opened or created at all.
    """
    store = MeetingStore(path)
    lock = meeting_lock(store.path.parent)
    try:
        free = lock.acquire()
    except OSError:
        free = True  # no lock file possible: nothing else can be writing here either
    try:
        # A meeting another copy of the app is running is not a crashed one: leave it alone.
        recovered = store.recover() if free else []
    finally:
        lock.release()
    restored = restore_parked(store, parked)
    deleted = store.delete_older_than(retention_days, today)
    return store, StartupReport(store.notice, recovered, deleted, restored)
