"""Retention at start-up and "delete all my data": rows go, and their bytes don't linger in the files."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from store_helpers import realistic_summary, run_meeting

from kohtaava_desk.store import MeetingStore, open_at_startup

TODAY = date(2026, 11, 28)


def _at(started_at: str, seed: int = 1):
    return dataclasses.replace(realistic_summary(seed, 30), started_at=started_at)


def _bytes_in(folder: Path, needle: bytes) -> list[str]:
    return [f.name for f in folder.iterdir() if f.is_file() and needle in f.read_bytes()]


def test_meetings_past_retention_are_deleted_and_the_rest_kept(tmp_path):
    with MeetingStore(tmp_path / "m.sqlite3") as store:
        for d in ("2026-05-31T23:59+03:00", "2026-06-01T08:00+03:00", "2026-11-28T09:00+02:00"):
            store.save_summary(_at(d))
        assert store.delete_older_than(180, today=TODAY) == 1  # cut-off 2026-06-01 (180 days back)
        assert [m.summary.started_at[:10] for m in store.list_meetings()] == ["2026-06-01", "2026-11-28"]
        assert store.delete_older_than(180, today=TODAY) == 0


def test_a_meeting_still_running_is_never_deleted_by_retention(tmp_path):
    with MeetingStore(tmp_path / "m.sqlite3") as store:
        mid = store.start_meeting(_at("2020-01-01T09:00+02:00"))
        assert store.delete_older_than(1, today=TODAY) == 0
        assert store.get(mid).state == "running"


@pytest.mark.parametrize("days", [0, -5, 1.5, "180", True])
def test_bad_retention_is_refused(tmp_path, days):
    with MeetingStore(tmp_path / "m.sqlite3") as store, pytest.raises(ValueError, match="retention"):
        store.delete_older_than(days, today=TODAY)


def test_deleted_old_meetings_leave_no_trace_in_the_files(tmp_path):
    folder = tmp_path / "data"
    marker = "2019-07-19T13:37+03:00"
    with MeetingStore(folder / "m.sqlite3") as store:
        store.save_summary(_at(marker))
        for seed in range(2, 12):
            store.save_summary(_at("2026-11-20T10:00+02:00", seed))
        assert _bytes_in(folder, marker.encode())
        assert store.delete_older_than(180, today=TODAY) == 1
        assert _bytes_in(folder, marker.encode()) == []  # secure_delete + emptied WAL, while still open


def test_delete_all_vacuums_and_removes_set_aside_copies(tmp_path):
    folder = tmp_path / "data"
    db = folder / "m.sqlite3"
    folder.mkdir()
    db.write_bytes(b"not a database at all" * 10)
    marker = "2031-02-03T04:05+02:00"
    with MeetingStore(db) as store:
        assert store.notice is not None
        ticks = [s for _, s in run_meeting(seed=9, minutes=10)]
        mid = store.start_meeting(dataclasses.replace(ticks[0], started_at=marker))
        for s in ticks[1:-1]:
            store.save_checkpoint(mid, dataclasses.replace(s, started_at=marker))
        for seed in range(1, 40):
            store.save_summary(_at(marker, seed))
        wal = Path(f"{db}-wal")
        assert store.delete_all() == 40
        assert store.count() == 0
        assert _bytes_in(folder, marker.encode()) == []
        with MeetingStore(tmp_path / "empty.sqlite3") as empty:
            assert db.stat().st_size == empty.path.stat().st_size  # VACUUM gave every page back
        assert wal.stat().st_size == 0
        assert [p.name for p in folder.iterdir() if ".corrupt-" in p.name] == []
        assert store.save_summary(realistic_summary(1, 30))  # still usable afterwards


def test_startup_recovers_first_then_applies_retention(tmp_path):
    db = tmp_path / "m.sqlite3"
    with MeetingStore(db) as crashed:
        old_running = crashed.start_meeting(_at("2026-01-05T09:00+02:00"))
        recent_running = crashed.start_meeting(_at("2026-11-27T09:00+02:00"))
        crashed.save_summary(_at("2026-01-06T09:00+02:00"))
        crashed.save_summary(_at("2026-11-26T09:00+02:00"))
    store, report = open_at_startup(retention_days=180, path=db, today=TODAY)
    with store:
        assert report.notice is None
        # Both interrupted meetings are reported; the old one is then removed by retention like any other.
        assert sorted(m.id for m in report.recovered) == [old_running, recent_running]
        assert report.deleted_old == 2
        assert [(m.state, m.summary.started_at[:10]) for m in store.list_meetings()] == [
            ("ended", "2026-11-26"), ("interrupted", "2026-11-27")]
