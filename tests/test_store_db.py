"""MeetingStore: round trips, the running → ended / interrupted life cycle, listing and filters."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from datetime import date

import pytest
from store_helpers import realistic_summary, run_meeting

from kohtaava_desk.meeting import Meeting, Step
from kohtaava_desk.store import MeetingStore, StoreError, database_path
from kohtaava_desk.store.timeline import pack, unpack


@pytest.fixture
def store(tmp_path):
    s = MeetingStore(tmp_path / "meetings.sqlite3")
    yield s
    s.close()


def test_default_path_follows_the_data_dir_override(tmp_path, monkeypatch):
    monkeypatch.setenv("KOHTAAVA_DESK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert database_path() == tmp_path / "elsewhere" / "meetings.sqlite3"
    with MeetingStore() as s:
        assert s.path == tmp_path / "elsewhere" / "meetings.sqlite3"
        assert s.path.exists()


def test_saved_summary_comes_back_identical(store):
    original = realistic_summary(1, 60)
    mid = store.save_summary(original)
    got = store.get(mid)
    assert got is not None and got.state == "ended" and got.timeline_loaded
    assert got.summary == original  # every field, timeline and visits included, bit for bit
    assert len(got.summary.timeline) > 200


def test_summary_with_nothing_heard_round_trips(store, default_config, clock):
    m = Meeting(default_config, now=clock, wall=lambda: "2026-11-28T09:00+02:00")
    m.start()
    clock.advance(5)
    first = m.summary()
    assert first.expert_share is None and first.median_expert_response_pause_s is None
    mid = store.start_meeting(first)
    assert store.get(mid).summary == first


def test_checkpoints_then_finish(store):
    ticks = [s for _, s in run_meeting(seed=5, minutes=15)]
    mid = store.start_meeting(ticks[0])
    for s in ticks[1:-1]:
        store.save_checkpoint(mid, s)
        got = store.get(mid)
        assert got.state == "running" and got.summary == s and got.summary.interrupted
    store.finish(mid, ticks[-1])
    done = store.get(mid)
    assert done.state == "ended" and done.summary == ticks[-1] and not done.summary.interrupted
    with pytest.raises(StoreError, match="ended"):
        store.save_checkpoint(mid, ticks[-2])  # a late checkpoint must not reopen the meeting
    assert store.get(mid).summary == ticks[-1]
    assert store.count() == 1


def test_checkpoint_is_one_upsert_not_a_growing_history(store):
    ticks = [s for _, s in run_meeting(seed=6, minutes=10)]
    mid = store.start_meeting(ticks[0])
    for s in ticks[1:]:
        store.save_checkpoint(mid, s)
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM meeting_steps").fetchone()[0] == 4
    assert conn.execute("SELECT count(*) FROM timelines").fetchone()[0] == 1
    conn.close()


def test_recover_marks_running_meetings_interrupted_but_not_its_own(tmp_path):
    path = tmp_path / "m.sqlite3"
    ticks = [s for _, s in run_meeting(seed=8, minutes=10)]
    with MeetingStore(path) as first_run:
        crashed = first_run.start_meeting(ticks[0])
        first_run.save_checkpoint(crashed, ticks[10])
        ended = first_run.save_summary(realistic_summary(2, 30))
    with MeetingStore(path) as second_run:
        mine = second_run.start_meeting(ticks[0])
        recovered = second_run.recover()
        assert [r.id for r in recovered] == [crashed]
        assert recovered[0].state == "interrupted" and recovered[0].summary == ticks[10]
        assert second_run.get(mine).state == "running"
        assert second_run.get(ended).state == "ended"
        assert second_run.recover() == []
        with pytest.raises(StoreError, match="interrupted"):
            second_run.save_checkpoint(crashed, ticks[11])


def test_listing_filters_by_local_date(store):
    days = ["2026-09-30T16:45+03:00", "2026-10-01T08:00+03:00", "2026-10-15T12:00+03:00",
            "2026-10-31T23:59+02:00", "2026-11-01T00:00+02:00"]
    base = realistic_summary(3, 30)
    ids = [store.save_summary(dataclasses.replace(base, started_at=d)) for d in reversed(days)]
    listed = store.list_meetings()
    assert [m.summary.started_at for m in listed] == days  # oldest first, whatever the insertion order
    october = store.list_meetings(since=date(2026, 10, 1), until=date(2026, 10, 31))
    assert [m.summary.started_at for m in october] == days[1:4]
    assert [m.summary.started_at for m in store.list_meetings(since=date(2026, 10, 16))] == days[3:]
    assert sorted(m.id for m in listed) == sorted(ids)


def test_listing_without_timelines_keeps_steps_visits_and_nudges(store):
    s = realistic_summary(4, 45)
    store.save_summary(s)
    light = store.list_meetings()[0]
    assert not light.timeline_loaded and light.summary.timeline == ()
    assert light.summary.steps == s.steps and light.summary.visits == s.visits and light.summary.nudges == s.nudges
    assert store.list_meetings(with_timeline=True)[0].summary == s


def test_delete_one_meeting_cascades(store):
    a = store.save_summary(realistic_summary(1, 60))
    b = store.save_summary(realistic_summary(2, 30))
    assert store.delete(a) and not store.delete(a)
    assert [m.id for m in store.list_meetings()] == [b]
    conn = sqlite3.connect(store.path)
    for table in ("meeting_steps", "step_visits", "timelines", "nudges"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE meeting_id = ?", (a,)).fetchone()[0] == 0
    conn.close()


def test_calls_from_several_threads_are_serialised(store):
    s = realistic_summary(5, 30)
    errors: list[Exception] = []

    def work():
        try:
            for _ in range(10):
                mid = store.start_meeting(s)
                store.save_checkpoint(mid, s)
                store.finish(mid, s)
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors and not any(t.is_alive() for t in threads)
    assert store.count() == 40


def test_closed_store_says_so(tmp_path):
    s = MeetingStore(tmp_path / "m.sqlite3")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count()


def test_timeline_blob_is_five_bytes_a_bucket_and_lossless():
    buckets = ((0, 0.0, 15.0), (1, 7.25, 3.5), (3, 14.99, 0.01))
    blob = pack(15.0, buckets)
    assert len(blob) == 3 + 5 * len(buckets)
    bucket_s, back = unpack(blob)
    assert bucket_s == 15.0
    assert back == [(0.0, 0, 0.0, 15.0), (15.0, 1, 7.25, 3.5), (30.0, 3, 14.99, 0.01)]
    with pytest.raises(ValueError, match="format"):
        unpack(b"\x07" + blob[1:])


def test_per_step_figures_are_queryable_for_trends(store):
    """The review's trend (expert share in Ohjauksellinen per meeting) is one indexed query."""
    for seed in (1, 2, 3):
        store.save_summary(realistic_summary(seed, 30))
    conn = sqlite3.connect(store.path)
    rows = conn.execute("SELECT m.started_at, s.expert_share FROM meetings m JOIN meeting_steps s "
                        "ON s.meeting_id = m.id WHERE s.step = ? ORDER BY m.started_at", (Step.OHJAUKSELLINEN.index,)
                        ).fetchall()
    conn.close()
    expected = [realistic_summary(seed, 30).step(Step.OHJAUKSELLINEN).expert_share for seed in (1, 2, 3)]
    assert sorted(r[1] for r in rows) == sorted(expected)
