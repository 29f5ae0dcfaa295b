"""The expert's own latest meetings, for the baseline the summary card compares with."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from ..meeting.summary import MeetingSummary

log = logging.getLogger(__name__)

HISTORY_DAYS = 120
"""How far back the card looks for the last 20 meetings (bounded, so the card stays quick)."""


def recent_summaries(path: Path | None = None, today: date | None = None) -> list[MeetingSummary]:
    """Stored meetings of the last HISTORY_DAYS, oldest first; empty (never an error, never a new file)
    when there is no store yet or it cannot be read."""
    from ..store import MeetingStore, StoreError, database_path

    path = path or database_path()
    if not path.exists():
        return []
    since = (today or date.today()) - timedelta(days=HISTORY_DAYS)
    try:
        with MeetingStore(path) as store:
            return [m.summary for m in store.list_meetings(since=since)]
    except StoreError as exc:
        log.warning("no baseline for the summary card: %s", type(exc).__name__)
        return []
