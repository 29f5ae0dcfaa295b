"""MeetingStore: the expert's private, crash-safe archive of meeting summaries (numbers only).

During a meeting the UI calls `start_meeting` once, `save_checkpoint` at least every 10 s and `finish` at
the end. If the app dies in between, the row stays 'running' with its last checkpoint; `recover()` at the
next start marks it 'interrupted' and returns it so the UI can tell the expert.

Every write passes the privacy gate (store.validate) first; all SQL uses bound parameters.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

from ..meeting.steps import STEPS
from ..meeting.summary import Bucket, MeetingSummary, StepSummary
from . import timeline as packed
from .errors import CorruptionNotice, StoreError, StoreUnavailable
from .opening import open_database
from .paths import database_path
from .records import StoredMeeting
from .validate import CleanSummary, clean_summary

log = logging.getLogger(__name__)

_MEETING_COLS = ("state", "started_at", "announced_s", "length_source", "actual_s", "expert_s", "client_s",
                 "unknown_s", "expert_share", "turns", "longest_expert_monologue_s", "longest_client_turn_s",
                 "median_expert_response_pause_s", "farewell_time_left_s", "overtime_s", "capture_gap_s",
                 "open_questions", "closed_questions", "updated_at")
_UPSERT = (f"INSERT INTO meetings (id, {', '.join(_MEETING_COLS)}) VALUES ({', '.join('?' * (len(_MEETING_COLS) + 1))}) "
           f"ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _MEETING_COLS)}")
_UPSERT_RUNNING = _UPSERT + " WHERE meetings.state = 'running'"
_STEP_COLS = ("time_s", "planned_s", "expert_s", "client_s", "unknown_s", "expert_share", "open_questions",
              "closed_questions", "target_low", "target_high", "longest_expert_monologue_s",
              "longest_expert_monologue_at_s", "longest_client_turn_s", "nudges")
_SELECT = f"SELECT id, updated_at, {', '.join(_MEETING_COLS[:-1])} FROM meetings"
WAL_FLUSH_EVERY = 360
"""Checkpoint commits after which the WAL is copied back even mid-meeting (an hour at one per 10 s)."""

F = TypeVar("F", bound=Callable[..., Any])


def _guarded(what: str) -> Callable[[F], F]:
    """Serialise calls and turn SQLite errors into StoreError naming the operation."""
    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def inner(self: MeetingStore, *args: Any, **kwargs: Any) -> Any:
            with self._lock:
                if self._conn is None:
                    raise StoreError(f"cannot {what}: the meeting store is closed")
                try:
                    return fn(self, *args, **kwargs)
                except sqlite3.Error as exc:
                    raise StoreError(f"cannot {what} in {self.path}: {exc}") from exc
        return inner  # type: ignore[return-value]
    return wrap


class MeetingStore:
    """One SQLite file of meeting summaries. Safe to share between threads (calls are serialised)."""

    def __init__(self, path: Path | None = None, *, wall_time: Callable[[], float] = time.time,
                 now: Callable[[], datetime] = datetime.now):
        """Open or create the database. A corrupt file is moved aside (see `notice`); raises only
        StoreUnavailable, when no database can be opened or created at all."""
        self.path = Path(path) if path is not None else database_path()
        self._wall = wall_time
        self._conn: sqlite3.Connection | None
        self._conn, self.notice = open_database(self.path, now())
        self.notice: CorruptionNotice | None
        """Set when the file found was unusable and has been moved aside; show notice.message(lang)."""
        self._lock = threading.RLock()
        self._own_running: set[int] = set()
        # SQLite's automatic WAL checkpoint would run inside whichever commit crosses its threshold, with
        # an fsync: a 5 ms spike on the UI's checkpoint path. Copy the WAL back at calm moments instead
        # (open, end of meeting, saves, deletes), with a backstop for very long meetings.
        self._since_flush = 0
        try:
            self._conn.execute("PRAGMA wal_autocheckpoint = 0")
            self._flush_wal()
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreUnavailable(f"cannot prepare the summary database {self.path}: {exc}") from exc

    # --- lifecycle -----------------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass  # only a query-planner hint
                finally:
                    self._conn.close()
                    self._conn = None

    def __enter__(self) -> MeetingStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        assert self._conn is not None
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # --- writing -------------------------------------------------------------------------------------
    def _write(self, conn: sqlite3.Connection, meeting_id: int | None, state: str, c: CleanSummary,
               only_running: bool = False) -> int | None:
        values = (meeting_id, state, c.started_at, c.announced_s, c.length_source, c.actual_s, c.expert_s,
                  c.client_s, c.unknown_s, c.expert_share, c.turns, c.longest_expert_monologue_s,
                  c.longest_client_turn_s, c.median_expert_response_pause_s, c.farewell_time_left_s, c.overtime_s,
                  c.capture_gap_s, c.open_questions, c.closed_questions, int(self._wall()))
        cur = conn.execute(_UPSERT_RUNNING if only_running else _UPSERT, values)
        if cur.rowcount == 0:
            return None
        mid = meeting_id if meeting_id is not None else cur.lastrowid
        assert mid is not None
        for table in ("meeting_steps", "step_visits", "nudges"):
            conn.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (mid,))
        conn.executemany(f"INSERT INTO meeting_steps (meeting_id, step, {', '.join(_STEP_COLS)}) "
                         f"VALUES ({', '.join('?' * (len(_STEP_COLS) + 2))})",
                         [(mid, s.index, *(getattr(s, col) for col in _STEP_COLS)) for s in c.steps])
        conn.executemany("INSERT INTO step_visits (meeting_id, seq, step, start_s, end_s) VALUES (?, ?, ?, ?, ?)",
                         [(mid, i, step, a, b) for i, (step, a, b) in enumerate(c.visits)])
        conn.executemany("INSERT INTO nudges (meeting_id, seq, t_s, nudge) VALUES (?, ?, ?, ?)",
                         [(mid, i, t, n) for i, (t, n) in enumerate(c.nudges)])
        conn.execute("INSERT INTO timelines (meeting_id, buckets) VALUES (?, ?) "
                     "ON CONFLICT (meeting_id) DO UPDATE SET buckets = excluded.buckets",
                     (mid, packed.pack(c.bucket_s, c.buckets)))
        return int(mid)

    @_guarded("start the meeting record")
    def start_meeting(self, first: MeetingSummary) -> int:
        """Create a 'running' row from the summary taken just after Meeting.start(); returns its id."""
        clean = clean_summary(first)
        with self._tx() as conn:
            mid = self._write(conn, None, "running", clean)
        assert mid is not None
        self._own_running.add(mid)
        return mid

    @_guarded("save the meeting checkpoint")
    def save_checkpoint(self, meeting_id: int, summary: MeetingSummary) -> None:
        """Replace the running meeting's figures with this snapshot, in one transaction.

        Raises StoreError if the meeting has already ended or been marked interrupted (a late checkpoint
        must not reopen it); re-creates the row if it was deleted meanwhile.
        """
        clean = clean_summary(summary)
        with self._tx() as conn:
            if self._write(conn, int(meeting_id), "running", clean, only_running=True) is None:
                state = conn.execute("SELECT state FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
                raise StoreError(f"meeting {meeting_id} is {state[0] if state else 'gone'}; "
                                 "checkpoints only update a running meeting")
        self._since_flush += 1
        if self._since_flush >= WAL_FLUSH_EVERY:
            self._flush_wal()

    @_guarded("save the finished meeting")
    def finish(self, meeting_id: int, summary: MeetingSummary) -> None:
        """Store the final summary and mark the meeting 'ended'."""
        clean = clean_summary(summary)
        with self._tx() as conn:
            self._write(conn, int(meeting_id), "ended", clean)
        self._own_running.discard(int(meeting_id))
        self._flush_wal()

    @_guarded("save the analysed recording")
    def save_summary(self, summary: MeetingSummary) -> int:
        """Store a complete summary (e.g. from `analyze --save`) as an ended meeting; returns its id."""
        clean = clean_summary(summary)
        with self._tx() as conn:
            mid = self._write(conn, None, "ended", clean)
        assert mid is not None
        self._flush_wal()
        return mid

    @_guarded("recover interrupted meetings")
    def recover(self) -> list[StoredMeeting]:
        """Mark meetings left 'running' by a crashed or killed app as 'interrupted' and return them.

        Call once at start-up, before starting a meeting; meetings this store started itself are left
        alone. Assumes one app instance per user (the UI enforces it).
        """
        with self._tx() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM meetings WHERE state = 'running' ORDER BY id")
                   if r[0] not in self._own_running]
            conn.executemany("UPDATE meetings SET state = 'interrupted', updated_at = ? WHERE id = ?",
                             [(int(self._wall()), i) for i in ids])
        if ids:
            log.info("recovered %d interrupted meeting(s)", len(ids))
        return self._load(f"WHERE id IN ({', '.join('?' * len(ids))})", tuple(ids), True) if ids else []

    # --- reading -------------------------------------------------------------------------------------
    @_guarded("read the meeting")
    def get(self, meeting_id: int) -> StoredMeeting | None:
        found = self._load("WHERE id = ?", (int(meeting_id),), True)
        return found[0] if found else None

    @_guarded("list meetings")
    def list_meetings(self, since: date | None = None, until: date | None = None, *,
                      with_timeline: bool = False) -> list[StoredMeeting]:
        """Meetings started on or after `since` and on or before `until` (local dates), oldest first.

        Without `with_timeline` the timelines are not read (summary.timeline is empty, timeline_loaded
        False): enough for the list, the per-step table and the trends, and several times faster.
        """
        where, params = [], []
        if since is not None:
            where.append("started_at >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("started_at < ?")
            params.append((until + timedelta(days=1)).isoformat())
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        return self._load(clause, tuple(params), with_timeline)

    @_guarded("count meetings")
    def count(self) -> int:
        assert self._conn is not None
        return int(self._conn.execute("SELECT count(*) FROM meetings").fetchone()[0])

    def _load(self, clause: str, params: tuple, with_timeline: bool) -> list[StoredMeeting]:
        conn = self._conn
        assert conn is not None
        rows = conn.execute(f"{_SELECT} {clause} ORDER BY started_at, id", params).fetchall()
        if not rows:
            return []
        sub = f"meeting_id IN (SELECT id FROM meetings {clause})" if clause else "1"
        steps: dict[int, list[StepSummary]] = {}
        for r in conn.execute(f"SELECT meeting_id, step, {', '.join(_STEP_COLS)} FROM meeting_steps "
                              f"WHERE {sub} ORDER BY meeting_id, step", params):
            steps.setdefault(r[0], []).append(StepSummary(STEPS[r[1]], *r[2:10], **dict(zip(_STEP_COLS[8:], r[10:]))))
        visits: dict[int, list[tuple]] = {}
        for mid, step, a, b in conn.execute(f"SELECT meeting_id, step, start_s, end_s FROM step_visits "
                                            f"WHERE {sub} ORDER BY meeting_id, seq", params):
            visits.setdefault(mid, []).append((STEPS[step], a, b))
        nudges: dict[int, list[tuple[float, str]]] = {}
        for mid, t, n in conn.execute(f"SELECT meeting_id, t_s, nudge FROM nudges WHERE {sub} "
                                      f"ORDER BY meeting_id, seq", params):
            nudges.setdefault(mid, []).append((t, n))
        timelines: dict[int, tuple[Bucket, ...]] = {}
        if with_timeline:
            for mid, blob in conn.execute(f"SELECT meeting_id, buckets FROM timelines WHERE {sub}", params):
                _, buckets = packed.unpack(blob)
                timelines[mid] = tuple(Bucket(t, STEPS[s], e, c) for t, s, e, c in buckets)
        out = []
        for r in rows:
            mid, updated, state = r[0], r[1], r[2]
            (started_at, announced_s, length_source, actual_s, expert_s, client_s, unknown_s, expert_share, turns,
             longest_e, longest_c, median_pause, farewell_left, overtime_s, capture_gap_s, _open, _closed) = r[3:]
            summary = MeetingSummary(
                started_at=started_at, announced_s=announced_s, length_source=length_source, actual_s=actual_s,
                interrupted=state != "ended", steps=tuple(steps.get(mid, ())), expert_s=expert_s,
                client_s=client_s, unknown_s=unknown_s, expert_share=expert_share, turns=turns,
                longest_expert_monologue_s=longest_e, longest_client_turn_s=longest_c,
                median_expert_response_pause_s=median_pause, farewell_time_left_s=farewell_left,
                overtime_s=overtime_s, capture_gap_s=capture_gap_s, visits=tuple(visits.get(mid, ())),
                timeline=timelines.get(mid, ()), nudges=tuple(nudges.get(mid, ())))
            out.append(StoredMeeting(mid, state, datetime.fromtimestamp(updated, timezone.utc), summary,
                                     with_timeline))
        return out

    # --- deleting ------------------------------------------------------------------------------------
    @_guarded("delete the meeting")
    def delete(self, meeting_id: int) -> bool:
        with self._tx() as conn:
            gone = conn.execute("DELETE FROM meetings WHERE id = ?", (int(meeting_id),)).rowcount > 0
        self._flush_wal()
        return gone

    @_guarded("delete old meetings")
    def delete_older_than(self, days: int, today: date | None = None) -> int:
        """Delete meetings started more than `days` days before today (local dates); returns how many.

        Call at start-up with the office's privacy.retention_days. A meeting still running is kept.
        """
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValueError(f"retention must be a whole number of days, at least 1; got {days!r}")
        cutoff = (today or date.today()) - timedelta(days=days)
        with self._tx() as conn:
            n = conn.execute("DELETE FROM meetings WHERE started_at < ? AND state != 'running'",
                             (cutoff.isoformat(),)).rowcount
        if n:
            self._flush_wal()
            log.info("retention: deleted %d meeting(s) started before %s", n, cutoff)
        return n

    @_guarded("delete all data")
    def delete_all(self) -> int:
        """"Delete all my data": every meeting, then VACUUM and an emptied WAL so nothing lingers in free
        pages, plus any database copies moved aside earlier. The UI asks for confirmation first.
        Returns the number of meetings deleted."""
        assert self._conn is not None
        with self._tx() as conn:
            n = conn.execute("DELETE FROM meetings").rowcount
        self._own_running.clear()
        self._conn.execute("VACUUM")
        self._flush_wal()
        for aside in self.path.parent.glob(f"{self.path.name}.corrupt-*"):
            try:
                aside.unlink()
            except OSError as exc:
                log.warning("could not delete the set-aside copy %s: %s", aside, exc)
        return n

    def _flush_wal(self) -> None:
        # Copy the WAL into the main file and truncate it: keeps the WAL file small (a 60-minute meeting's
        # checkpoints add ~10 MB of page images) and leaves no old images of deleted rows behind.
        assert self._conn is not None
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._since_flush = 0
