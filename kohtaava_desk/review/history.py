"""The expert's own latest meetings, for the baseline the summary card compares with."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from ..meeting.summary import MeetingSummary

log = logging.getLogger(__name__)

HISTORY_DAYS = (21, 120)
"""How far back the card looks for the last 20 meetings: three weeks hold them for a full-time expert;
only when they don't is the wider window read (bounded either way, so the card stays quick)."""
ENOUGH = 21
"""The last 20 meetings plus the one just ended (already stored when the card reads)."""


def recent_summaries(path: Path | None = None, today: date | None = None) -> list[MeetingSummary]:
    """Stored meetings of the last HISTORY_DAYS (at least ENOUGH of them if the wider window has them),
    oldest first; empty (never an error, never a new file) when there is no store or it cannot be read."""
    from ..store import MeetingStore, StoreError, database_path

    path = path or database_path()
    if not path.exists():
        return []
    today = today or date.today()
    try:
        with MeetingStore(path) as store:
            for days in HISTORY_DAYS:
                found = [m.summary for m in store.list_meetings(since=today - timedelta(days=days))]
                if len(found) >= ENOUGH:
                    break
            return found
    except StoreError as exc:
        log.warning("no baseline for the summary card: %s", type(exc).__name__)
        return []
