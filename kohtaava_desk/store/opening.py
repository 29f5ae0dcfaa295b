"""Open the summary database whatever state the file is in, without ever losing it.

An unusable file (not SQLite, damaged, from a newer app, another program's, or failing to upgrade) is
renamed to `<name>.corrupt-<timestamp>` together with its -wal/-shm companions, and a fresh database
takes its place; the caller gets a CorruptionNotice for the UI. A file that is merely locked or not
accessible is left exactly where it is and StoreUnavailable is raised instead.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from .errors import CorruptionNotice, StoreUnavailable
from .migrations import SCHEMA_VERSION, migrate, schema_problems, user_version

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm", "-journal")
"""Files SQLite keeps beside the database; the WAL may hold the newest committed data."""
BUSY_TIMEOUT_S = 5.0
"""How long to wait for another connection's write lock before giving up."""
_ENVIRONMENT_CODES = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY",
                      "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_NOMEM", "SQLITE_INTERRUPT")
"""Errors that say nothing about the file's contents: never a reason to move it aside."""


class _Unusable(Exception):
    def __init__(self, reason: str, detail: str, version: int | None = None):
        super().__init__(detail)
        self.reason, self.detail, self.version = reason, detail, version


def _error_name(exc: BaseException) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or "")


def _is_corruption(exc: BaseException) -> bool:
    name = _error_name(exc)
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    text = str(exc).lower()  # Python < 3.11 has no error names
    return "malformed" in text or "not a database" in text


def _is_environmental(exc: BaseException) -> bool:
    name = _error_name(exc)
    if name:
        return name.startswith(_ENVIRONMENT_CODES)
    text = str(exc).lower()
    return any(w in text for w in ("locked", "busy", "disk is full", "disk i/o", "readonly", "unable to open"))


def connect(path: Path) -> sqlite3.Connection:
    """A bare connection: autocommit, usable from the UI and worker threads (MeetingStore serialises calls)."""
    return sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)


def configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    # Deleted summaries are overwritten with zeros instead of lingering in free pages.
    conn.execute("PRAGMA secure_delete = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("SQLite refused WAL mode (%s); checkpoints will be slower", mode)
    # WAL + NORMAL: a commit survives an app crash or kill; a power cut may lose the last few commits but
    # cannot corrupt the file. Commits skip fsync, which keeps a checkpoint write around a millisecond.
    conn.execute("PRAGMA synchronous = NORMAL")


def _check(conn: sqlite3.Connection) -> None:
    """Raise _Unusable unless the open file is a whole database of ours; upgrade an older one."""
    try:
        version = user_version(conn)
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            raise _Unusable("damaged", str(exc)) from exc
        raise
    if version > SCHEMA_VERSION:
        raise _Unusable("newer_version", f"schema version {version}, this app knows up to {SCHEMA_VERSION}",
                        version)
    try:
        # Read-only checks first: a file we are going to move aside should leave exactly as it was found.
        result = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if result != ["ok"]:
            raise _Unusable("damaged", "; ".join(str(r) for r in result[:3]), version)
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise _Unusable("not_ours", "tables present but no kohtaava-desk schema version", 0)
        configure(conn)
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            raise _Unusable("damaged", str(exc), version) from exc
        raise
    if version < SCHEMA_VERSION:
        try:
            migrate(conn)
        except Exception as exc:
            if isinstance(exc, sqlite3.Error) and _is_environmental(exc):
                raise
            reason = "damaged" if _is_corruption(exc) else "migration_failed"
            raise _Unusable(reason, f"upgrade from schema version {version} failed: {exc}", version) from exc
        if version:
            log.info("summary database upgraded from schema %d to %d", version, SCHEMA_VERSION)
    problems = schema_problems(conn)
    if problems:
        raise _Unusable("not_ours", "; ".join(problems), version)


def _sniff(path: Path) -> None:
    """Catch a non-SQLite file before SQLite gets a chance to treat it as a fresh WAL database."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return
    if head and head != SQLITE_MAGIC[: len(head)]:
        raise _Unusable("not_sqlite", "the file does not start with the SQLite header")
    if 0 < len(head) < len(SQLITE_MAGIC):
        raise _Unusable("damaged", f"the file is only {len(head)} bytes long")


def _aside_name(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return candidate


def move_aside(path: Path, now: datetime | None = None) -> Path:
    target = _aside_name(path, now or datetime.now())
    os.replace(path, target)
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


def _private(path: Path) -> None:
    """The summaries are the expert's private self-review: readable by the owner only (POSIX).

    Done before SQLite opens the file, because SQLite gives the -wal and -shm files it creates the
    database file's permissions.
    """
    if os.name != "posix":
        return
    owner_only = stat.S_IRUSR | stat.S_IWUSR
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, owner_only))
    except OSError:
        return  # open_database reports an unopenable file itself
    for p in [path] + [path.with_name(path.name + s) for s in COMPANIONS]:
        try:
            os.chmod(p, owner_only)
        except OSError:
            pass


def _try_open(path: Path) -> sqlite3.Connection:
    _sniff(path)
    conn = connect(path)
    try:
        _check(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def open_database(path: Path, now: datetime | None = None) -> tuple[sqlite3.Connection, CorruptionNotice | None]:
    """Open (creating or upgrading as needed) the database at path. Raises only StoreUnavailable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreUnavailable(f"cannot create the data folder {path.parent}: {exc}") from exc
    notice = None
    for attempt in (1, 2):
        try:
            try:
                _private(path)
                conn = _try_open(path)
            except sqlite3.Error as exc:
                if not _is_corruption(exc):
                    raise
                raise _Unusable("damaged", str(exc)) from exc
        except _Unusable as bad:
            if attempt == 2:
                raise StoreUnavailable(f"a fresh database at {path} is unusable too: {bad.detail}") from bad
            try:
                moved = move_aside(path, now)
            except OSError as exc:
                raise StoreUnavailable(f"the database {path} is unusable ({bad.detail}) and could not be moved "
                                       f"aside: {exc}") from exc
            notice = CorruptionNotice(bad.reason, moved, bad.detail, bad.version)
            log.warning("summary database moved aside to %s: %s (%s)", moved, bad.reason, bad.detail)
            continue
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open the summary database {path}: {exc}") from exc
        return conn, notice
    raise AssertionError("unreachable")
