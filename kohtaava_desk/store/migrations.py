"""Versioned schema: PRAGMA user_version plus an ordered list of migration steps.

A fresh database is built by running every step from version 0, so the path an old database takes and
the path a new one takes are the same code, and each step is exercised on every first start.

Never edit a step that has shipped: add a new one. Each step runs in its own transaction together with
the user_version bump, so a failed step leaves the file exactly as it was.

Privacy is enforced by the schema as well as by store.validate: every column is a number, a fixed enum
or a packed numeric blob, and CHECK constraints reject any other type, so a string can't slip into a
numeric column through SQLite's type affinity.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass


def _real(name: str, nullable: bool = False, extra: str = "") -> str:
    check = f"typeof({name}) = 'real'" + (f" AND {extra}" if extra else "")
    if nullable:
        return f"{name} REAL CHECK ({name} IS NULL OR ({check}))"
    return f"{name} REAL NOT NULL CHECK ({check})"


def _int(name: str, extra: str = "") -> str:
    check = f"typeof({name}) = 'integer'" + (f" AND {extra}" if extra else "")
    return f"{name} INTEGER NOT NULL CHECK ({check})"


_ISO_MINUTE = "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]*'"

# --- version 1 ------------------------------------------------------------------------------------------
_V1 = [
    f"""CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('running', 'ended', 'interrupted')),
        started_at TEXT NOT NULL CHECK (length(started_at) BETWEEN 16 AND 32
                                        AND started_at GLOB {_ISO_MINUTE}
                                        AND started_at NOT GLOB '*[^0-9T:.+Z-]*'),
        {_real("announced_s", nullable=True)},
        length_source TEXT NOT NULL CHECK (length_source IN ('default', 'click', 'voice')),
        {_real("actual_s")},
        {_real("expert_s")},
        {_real("client_s")},
        {_real("unknown_s")},
        {_real("expert_share", nullable=True)},
        {_int("turns")},
        {_real("longest_expert_monologue_s")},
        {_real("longest_client_turn_s")},
        {_real("median_expert_response_pause_s", nullable=True)},
        {_real("farewell_time_left_s", nullable=True)},
        {_real("overtime_s")},
        {_int("open_questions")},
        {_int("closed_questions")},
        {_int("updated_at")}
    )""",
    "CREATE INDEX meetings_by_start ON meetings (started_at)",
    "CREATE INDEX meetings_running ON meetings (state) WHERE state = 'running'",
    f"""CREATE TABLE meeting_steps (
        meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        {_int("step", "step BETWEEN 0 AND 3")},
        {_real("time_s")},
        {_real("planned_s")},
        {_real("expert_s")},
        {_real("client_s")},
        {_real("unknown_s")},
        {_real("expert_share", nullable=True)},
        {_int("open_questions")},
        {_int("closed_questions")},
        PRIMARY KEY (meeting_id, step)
    ) WITHOUT ROWID""",
    f"""CREATE TABLE step_visits (
        meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        {_int("seq")},
        {_int("step", "step BETWEEN 0 AND 3")},
        {_real("start_s")},
        {_real("end_s")},
        PRIMARY KEY (meeting_id, seq)
    ) WITHOUT ROWID""",
    # One packed row per meeting (see store.timeline): a 60-minute meeting's 240 buckets take ~1.2 kB here
    # versus ~6 kB as one row per bucket, and listing meetings never has to read it.
    """CREATE TABLE timelines (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
        buckets BLOB NOT NULL CHECK (typeof(buckets) = 'blob')
    )""",
]

# --- version 2: capture gaps and the nudges shown -------------------------------------------------------
_V2 = [
    f"ALTER TABLE meetings ADD COLUMN {_real('capture_gap_s', extra='capture_gap_s >= 0')} DEFAULT 0.0",
    f"""CREATE TABLE nudges (
        meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        {_int("seq")},
        {_real("t_s")},
        nudge TEXT NOT NULL CHECK (length(nudge) BETWEEN 1 AND 40 AND nudge NOT GLOB '*[^a-z_]*'),
        PRIMARY KEY (meeting_id, seq)
    ) WITHOUT ROWID""",
]

# --- version 3: per-step figures for learning, and the target zone in force at the meeting -------------
# Meetings stored before this keep every figure they had; their new columns are NULL (target unknown:
# the review then falls back to today's office zone and says so) or 0 (not measured then).
_V3 = [
    f"ALTER TABLE meeting_steps ADD COLUMN {_real('target_low', nullable=True, extra='target_low BETWEEN 0 AND 1')}",
    f"ALTER TABLE meeting_steps ADD COLUMN {_real('target_high', nullable=True, extra='target_high BETWEEN 0 AND 1')}",
    f"ALTER TABLE meeting_steps ADD COLUMN {_real('longest_expert_monologue_s', extra='longest_expert_monologue_s >= 0')} DEFAULT 0.0",
    f"ALTER TABLE meeting_steps ADD COLUMN {_real('longest_expert_monologue_at_s', nullable=True)}",
    f"ALTER TABLE meeting_steps ADD COLUMN {_real('longest_client_turn_s', extra='longest_client_turn_s >= 0')} DEFAULT 0.0",
    f"ALTER TABLE meeting_steps ADD COLUMN {_int('nudges', 'nudges >= 0')} DEFAULT 0",
]


@dataclass(frozen=True)
class Migration:
    to_version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _run(statements: list[str]) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        for sql in statements:
            conn.execute(sql)
    return apply


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "meetings, per-step figures, step visits, packed timeline", _run(_V1)),
    Migration(2, "capture gap per meeting; nudges shown", _run(_V2)),
    Migration(3, "per step: target zone in force, longest turns, nudges shown", _run(_V3)),
)

SCHEMA_VERSION = MIGRATIONS[-1].to_version
"""The version this app writes; a file with a higher user_version came from a newer app."""

EXPECTED_COLUMNS: dict[str, frozenset[str]] = {
    "meetings": frozenset({
        "id", "state", "started_at", "announced_s", "length_source", "actual_s", "expert_s", "client_s",
        "unknown_s", "expert_share", "turns", "longest_expert_monologue_s", "longest_client_turn_s",
        "median_expert_response_pause_s", "farewell_time_left_s", "overtime_s", "open_questions",
        "closed_questions", "updated_at", "capture_gap_s"}),
    "meeting_steps": frozenset({"meeting_id", "step", "time_s", "planned_s", "expert_s", "client_s", "unknown_s",
                                "expert_share", "open_questions", "closed_questions", "target_low", "target_high",
                                "longest_expert_monologue_s", "longest_expert_monologue_at_s",
                                "longest_client_turn_s", "nudges"}),
    "step_visits": frozenset({"meeting_id", "seq", "step", "start_s", "end_s"}),
    "timelines": frozenset({"meeting_id", "buckets"}),
    "nudges": frozenset({"meeting_id", "seq", "t_s", "nudge"}),
}
"""What the current version must contain; anything else in a file means it isn't ours."""


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, steps: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Bring the database up to the last step's version; returns the versions applied.

    The connection must be in autocommit mode (isolation_level=None) so the explicit transactions here
    are the only ones.
    """
    applied = []
    for step in steps:
        if step.to_version <= user_version(conn):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            step.apply(conn)
            conn.execute(f"PRAGMA user_version = {int(step.to_version)}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(step.to_version)
    return applied


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Tables or columns of the current version that the file lacks (empty when it is ours and whole)."""
    problems = []
    for table, wanted in EXPECTED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if not have:
            problems.append(f"table {table} is missing")
        elif wanted - have:
            problems.append(f"table {table} lacks {', '.join(sorted(wanted - have))}")
    return problems
