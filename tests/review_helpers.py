"""Stored meetings for the review tests, benchmark and screenshots, made through the real Meeting model."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_helpers import realistic_summary, run_meeting  # noqa: E402

from kohtaava_desk.store import MeetingStore  # noqa: E402

LENGTHS = (30, 45, 30, 60, 45)


def started(day: date, hour: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:{(hour * 7) % 4 * 15:02d}+02:00"


def fill_weeks(store: MeetingStore, first_monday: date, weeks: int, per_week: int = 4, seed0: int = 0,
               distinct: int | None = None) -> list[int]:
    """Store `per_week` meetings (Mon..Fri, 9-15 o'clock) for `weeks` weeks; returns their ids.

    With `distinct`, only that many meetings are simulated and reused with other dates (fast for 1,000).
    """
    ids = []
    k = 0
    for w in range(weeks):
        for i in range(per_week):
            d = first_monday + timedelta(weeks=w, days=i % 5)
            seed = seed0 + (k % distinct if distinct else k)
            minutes = LENGTHS[seed % len(LENGTHS)]
            base = realistic_summary(seed, minutes)
            summary = dataclasses.replace(base, started_at=started(d, 9 + (i * 2) % 7))
            ids.append(store.save_summary(summary))
            k += 1
    return ids


def store_interrupted(path: Path, day: date, seed: int = 99, minutes: int = 45, stop_after: int = 120) -> int:
    """A meeting whose app 'died' after `stop_after` checkpoints, recovered as interrupted; returns its id."""
    store = MeetingStore(path)
    mid = None
    for i, (_, summary) in enumerate(run_meeting(seed, minutes, started(day, 13))):
        if mid is None:
            mid = store.start_meeting(summary)
        else:
            store.save_checkpoint(mid, summary)
        if i >= stop_after:
            break
    store._conn.close()  # the crash: no finish(), no orderly close
    store._conn = None
    MeetingStore(path).recover()
    assert mid is not None
    return mid
