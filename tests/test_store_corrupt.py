"""A bad database file is moved aside (never deleted), a fresh one is created, and the UI gets a message."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from store_helpers import realistic_summary

from kohtaava_desk.store import MeetingStore, StoreUnavailable, opening
from kohtaava_desk.store.migrations import SCHEMA_VERSION

NOW = datetime(2026, 11, 28, 9, 30, 15)


def _good_db(path: Path, n: int = 20) -> bytes:
    with MeetingStore(path) as s:
        for i in range(n):
            s.save_summary(realistic_summary(1 + i % 3, 30))
    return path.read_bytes()


def _garbage(p, good):
    p.write_bytes(os.urandom(len(good)))


def _text(p, good):
    p.write_text("this is not a database\n" * 50)


def _truncated_half(p, good):
    p.write_bytes(good[: len(good) // 2])


def _truncated_to_header(p, good):
    p.write_bytes(good[:100])


def _too_short_for_a_header(p, good):
    p.write_bytes(good[:10])


def _zeroed_pages(p, good):
    p.write_bytes(good[:4096] + b"\0" * 8192 + good[12288:])


def _newer_schema(p, good):
    conn = sqlite3.connect(p)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _another_programs_db(p, good):
    p.unlink()
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()


def _ours_but_a_table_dropped(p, good):
    conn = sqlite3.connect(p)
    conn.execute("DROP TABLE nudges")
    conn.commit()
    conn.close()


CASES = {
    "garbage bytes": (_garbage, "not_sqlite"),
    "text file": (_text, "not_sqlite"),
    "truncated to half": (_truncated_half, "damaged"),
    "truncated to the header": (_truncated_to_header, "damaged"),
    "shorter than a header": (_too_short_for_a_header, "damaged"),
    "pages zeroed": (_zeroed_pages, "damaged"),
    "newer schema version": (_newer_schema, "newer_version"),
    "another program's database": (_another_programs_db, "not_ours"),
    "a table missing": (_ours_but_a_table_dropped, "not_ours"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_file_is_moved_aside_and_a_fresh_store_works(tmp_path, name):
    damage, reason = CASES[name]
    db = tmp_path / "meetings.sqlite3"
    good = _good_db(db)
    damage(db, good)
    bad_bytes = db.read_bytes()
    with MeetingStore(db, now=lambda: NOW) as store:
        notice = store.notice
        assert notice is not None and notice.reason == reason
        assert notice.moved_to == tmp_path / "meetings.sqlite3.corrupt-20261128T093015"
        assert notice.moved_to.read_bytes() == bad_bytes  # kept byte for byte, never deleted
        assert store.count() == 0
        mid = store.save_summary(realistic_summary(1, 30))  # the fresh database is fully usable
        assert store.get(mid).summary == realistic_summary(1, 30)
        for lang in ("fi", "sv", "en"):
            text = notice.message(lang)
            assert str(notice.moved_to) in text
        assert notice.message("fi") != notice.message("en") != notice.message("sv")
        if reason == "newer_version":
            assert str(SCHEMA_VERSION + 1) in notice.message("en")
    with MeetingStore(db) as again:
        assert again.notice is None and again.count() == 1


def test_commits_still_in_the_wal_are_kept_with_the_moved_file(tmp_path):
    """Uncheckpointed commits live in -wal: moving only the main file aside would lose them."""
    db = tmp_path / "m.sqlite3"
    _good_db(db, 2)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE meetings SET turns = 4242")
    conn.commit()
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    # Keep the WAL as a crashed newer app would leave it: copy it before close checkpoints it, then restore.
    wal, main = Path(f"{db}-wal").read_bytes(), db.read_bytes()
    conn.close()
    db.write_bytes(main)
    Path(f"{db}-wal").write_bytes(wal)
    check = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert check.execute("SELECT DISTINCT turns FROM meetings").fetchall() == [(4242,)]  # only in the WAL
    check.close()
    Path(f"{db}-wal").write_bytes(wal)
    with MeetingStore(db, now=lambda: NOW) as store:
        moved = store.notice.moved_to
        assert store.notice.reason == "newer_version"
    check = sqlite3.connect(moved)
    assert check.execute("SELECT DISTINCT turns FROM meetings").fetchall() == [(4242,)]
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5
    check.close()


def test_two_bad_starts_in_the_same_second_keep_both_copies(tmp_path):
    db = tmp_path / "m.sqlite3"
    for _ in range(2):
        db.write_bytes(b"garbage" * 100)
        with MeetingStore(db, now=lambda: NOW) as store:
            assert store.notice is not None
    copies = sorted(p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name)
    assert copies == ["m.sqlite3.corrupt-20261128T093015", "m.sqlite3.corrupt-20261128T093015-2"]


def test_locked_database_is_left_alone(tmp_path, monkeypatch):
    """Another program holding the lock says nothing about the file: it must not be moved aside."""
    db = tmp_path / "m.sqlite3"
    _good_db(db, 1)
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailable, match="locked"):
            MeetingStore(db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name] == []
    with MeetingStore(db) as store:
        assert store.count() == 1


def test_data_folder_that_cannot_exist_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreUnavailable, match="data folder"):
        MeetingStore(blocker / "m.sqlite3")
    assert blocker.read_text() == "x"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_is_private_to_its_owner(tmp_path):
    with MeetingStore(tmp_path / "d" / "m.sqlite3") as store:
        store.start_meeting(realistic_summary(1, 30))  # leaves data in the WAL
        files = list((tmp_path / "d").iterdir())
        assert sorted(f.name for f in files) == ["m.sqlite3", "m.sqlite3-shm", "m.sqlite3-wal"]
        assert {f.name: oct(f.stat().st_mode & 0o777) for f in files} == {f.name: "0o600" for f in files}
    assert (tmp_path / "d").stat().st_mode & 0o077 == 0
