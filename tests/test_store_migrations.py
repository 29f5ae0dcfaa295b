"""Schema versions: a database from every earlier version is upgraded in place, keeping its data.

The version-1 file is built by hand with literal SQL (the layout the first release wrote), not with the
app's own migration code, so the test would notice if a shipped step were edited.
"""

from __future__ import annotations

import sqlite3

import pytest
from store_helpers import realistic_summary

from kohtaava_desk.meeting import Step
from kohtaava_desk.store import MeetingStore
from kohtaava_desk.store.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    migrate,
    user_version,
)

V1_DDL = """
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY, state TEXT NOT NULL, started_at TEXT NOT NULL, announced_s REAL,
    length_source TEXT NOT NULL, actual_s REAL NOT NULL, expert_s REAL NOT NULL, client_s REAL NOT NULL,
    unknown_s REAL NOT NULL, expert_share REAL, turns INTEGER NOT NULL, longest_expert_monologue_s REAL NOT NULL,
    longest_client_turn_s REAL NOT NULL, median_expert_response_pause_s REAL, farewell_time_left_s REAL,
    overtime_s REAL NOT NULL, open_questions INTEGER NOT NULL, closed_questions INTEGER NOT NULL,
    updated_at INTEGER NOT NULL);
CREATE INDEX meetings_by_start ON meetings (started_at);
CREATE TABLE meeting_steps (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, step INTEGER NOT NULL,
    time_s REAL NOT NULL, planned_s REAL NOT NULL, expert_s REAL NOT NULL, client_s REAL NOT NULL,
    unknown_s REAL NOT NULL, expert_share REAL, open_questions INTEGER NOT NULL, closed_questions INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, step)) WITHOUT ROWID;
CREATE TABLE step_visits (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, seq INTEGER NOT NULL,
    step INTEGER NOT NULL, start_s REAL NOT NULL, end_s REAL NOT NULL, PRIMARY KEY (meeting_id, seq)) WITHOUT ROWID;
CREATE TABLE timelines (meeting_id INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    buckets BLOB NOT NULL);
PRAGMA user_version = 1;
"""
# 2 buckets of 15 s: Empatia 12.5 s expert / 1.25 s client, then Ohjauksellinen 3 s / 10 s.
V1_TIMELINE = bytes([1]) + (1500).to_bytes(2, "little") + bytes([0]) + (1250).to_bytes(2, "little") + \
    (125).to_bytes(2, "little") + bytes([1]) + (300).to_bytes(2, "little") + (1000).to_bytes(2, "little")


def _v1_database(path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_DDL)
    conn.execute("INSERT INTO meetings VALUES (7, 'ended', '2026-03-02T10:00+02:00', 1800.0, 'voice', 1930.5, 600.0, "
                 "900.0, 30.0, 0.4, 88, 95.5, 120.25, 0.8, 240.0, 130.5, 9, 4, 1772438400)")
    conn.execute("INSERT INTO meetings VALUES (8, 'running', '2026-03-03T13:15+02:00', NULL, 'default', 30.0, "
                 "10.0, 5.0, 0.0, 0.6666, 3, 10.0, 5.0, NULL, NULL, 0.0, 0, 0, 1772536500)")
    for step in range(4):
        conn.execute("INSERT INTO meeting_steps VALUES (7, ?, ?, ?, 150.0, 225.0, 7.5, 0.4, ?, 1)",
                     (step, 400.0 + step, 450.0, step + 1))
        conn.execute("INSERT INTO meeting_steps VALUES (8, ?, ?, 300.0, ?, ?, 0.0, NULL, 0, 0)",
                     (step, 30.0 if step == 0 else 0.0, 10.0 if step == 0 else 0.0, 5.0 if step == 0 else 0.0))
    conn.executemany("INSERT INTO step_visits VALUES (7, ?, ?, ?, ?)",
                     [(0, 0, 0.0, 200.5), (1, 1, 200.5, 1500.0), (2, 3, 1500.0, 1930.5)])
    conn.execute("INSERT INTO step_visits VALUES (8, 0, 0, 0.0, 30.0)")
    conn.execute("INSERT INTO timelines VALUES (7, ?)", (V1_TIMELINE,))
    conn.execute("INSERT INTO timelines VALUES (8, ?)", (V1_TIMELINE,))
    conn.commit()
    conn.close()


def test_shipped_version_is_the_last_migration():
    assert SCHEMA_VERSION == MIGRATIONS[-1].to_version == 3
    assert [m.to_version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def test_hand_built_version_1_database_is_upgraded_keeping_its_data(tmp_path):
    db = tmp_path / "meetings.sqlite3"
    _v1_database(db)
    with MeetingStore(db) as store:
        assert store.notice is None
        m = store.get(7)
        s = m.summary
        assert m.state == "ended" and s.started_at == "2026-03-02T10:00+02:00" and s.length_source == "voice"
        assert (s.announced_s, s.actual_s, s.expert_s, s.client_s, s.turns) == (1800.0, 1930.5, 600.0, 900.0, 88)
        assert (s.median_expert_response_pause_s, s.farewell_time_left_s, s.overtime_s) == (0.8, 240.0, 130.5)
        assert s.capture_gap_s == 0.0 and s.nudges == ()  # what version 2 added, with its defaults
        # ...and version 3: no zone was kept then (unknown, not invented), turns and nudges not measured
        assert all((x.target_low, x.target_high, x.longest_expert_monologue_at_s) == (None, None, None)
                   and (x.longest_expert_monologue_s, x.longest_client_turn_s, x.nudges) == (0.0, 0.0, 0)
                   for x in s.steps)
        assert [x.planned_s for x in s.steps] == [450.0] * 4 and s.step(Step.EMPATIA).expert_share == 0.4
        assert [x.open_questions for x in s.steps] == [1, 2, 3, 4]
        assert s.step(Step.HYVASTELY).time_s == 403.0
        assert s.visits == ((Step.EMPATIA, 0.0, 200.5), (Step.OHJAUKSELLINEN, 200.5, 1500.0),
                            (Step.HYVASTELY, 1500.0, 1930.5))
        assert [(b.t, b.step, b.expert_s, b.client_s) for b in s.timeline] == [
            (0.0, Step.EMPATIA, 12.5, 1.25), (15.0, Step.OHJAUKSELLINEN, 3.0, 10.0)]
        # The upgraded file is a full version-2 store: recovery and the new columns work.
        assert [r.id for r in store.recover()] == [8]
        nid = store.save_summary(realistic_summary(1, 30))
        assert store.get(nid).summary == realistic_summary(1, 30)
    conn = sqlite3.connect(db)
    assert user_version(conn) == SCHEMA_VERSION
    conn.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_every_earlier_version_upgrades(tmp_path, version):
    db = tmp_path / "m.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, MIGRATIONS[:version])
    assert user_version(conn) == version
    conn.close()
    with MeetingStore(db) as store:
        assert store.notice is None
        mid = store.save_summary(realistic_summary(2, 30))
        assert store.get(mid).summary == realistic_summary(2, 30)
    conn = sqlite3.connect(db)
    assert user_version(conn) == SCHEMA_VERSION
    conn.close()


def test_a_failing_step_changes_nothing():
    conn = sqlite3.connect(":memory:", isolation_level=None)

    def broken(c):
        c.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        migrate(conn, MIGRATIONS[:1] + (Migration(2, "broken", broken),))
    assert user_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_upgrade_that_fails_moves_the_old_file_aside_untouched(tmp_path):
    db = tmp_path / "meetings.sqlite3"
    _v1_database(db)
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE meetings ADD COLUMN capture_gap_s REAL")  # makes step 2's ALTER fail
    conn.commit()
    conn.close()
    with MeetingStore(db) as store:
        assert store.notice is not None and store.notice.reason == "migration_failed"
        assert store.notice.found_version == 1
        assert "1" in store.notice.message("fi") and str(store.notice.moved_to) in store.notice.message("fi")
        assert store.count() == 0
        moved = store.notice.moved_to
    old = sqlite3.connect(moved)
    assert user_version(old) == 1
    assert old.execute("SELECT count(*) FROM meetings").fetchone()[0] == 2
    assert old.execute("SELECT count(*) FROM sqlite_master WHERE name = 'nudges'").fetchone()[0] == 0
    old.close()


def test_version_2_database_gets_the_per_step_columns_without_losing_a_figure(tmp_path):
    db = tmp_path / "m.sqlite3"
    # A version-2 file holding one meeting written with the version-2 column lists.
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, MIGRATIONS[:2])
    conn.execute("INSERT INTO meetings (id, state, started_at, announced_s, length_source, actual_s, expert_s, "
                 "client_s, unknown_s, expert_share, turns, longest_expert_monologue_s, longest_client_turn_s, "
                 "median_expert_response_pause_s, farewell_time_left_s, overtime_s, open_questions, "
                 "closed_questions, updated_at, capture_gap_s) VALUES (3, 'ended', '2026-05-04T09:00+03:00', "
                 "2700.0, 'click', 2650.0, 1000.0, 1200.0, 10.0, 0.4545, 40, 80.0, 95.0, 0.7, 300.0, 0.0, 5, 2, "
                 "1777000000, 1.5)")
    for step in range(4):
        conn.execute("INSERT INTO meeting_steps VALUES (3, ?, ?, ?, 250.0, 300.0, 2.5, 0.4545, 1, 0)",
                     (step, 600.0 + step, 650.0))
    conn.execute("INSERT INTO nudges VALUES (3, 0, 900.0, 'over_time')")
    conn.close()
    with MeetingStore(db) as store:
        s = store.get(3).summary
        assert (s.actual_s, s.capture_gap_s, s.nudges) == (2650.0, 1.5, ((900.0, "over_time"),))
        assert [(x.time_s, x.planned_s, x.expert_s, x.client_s, x.open_questions) for x in s.steps] == [
            (600.0 + i, 650.0, 250.0, 300.0, 1) for i in range(4)]
        assert {x.target_low for x in s.steps} == {None} and {x.verdict for x in s.steps} == {None}
        new = realistic_summary(5, 30)
        assert store.get(store.save_summary(new)).summary == new  # the new columns round-trip
    conn = sqlite3.connect(db)
    assert user_version(conn) == 3
    conn.close()
