"""Checks on the files the app reads and writes, so that a mistyped path never hangs the app or
destroys the expert's data.

- Inputs must be regular files: opening a FIFO blocks until someone writes into it, a device may
  never end. ``input_problem`` says so before anything is opened.
- Outputs (exports, a summary saved elsewhere) must not land on the meeting database, its
  journal/WAL companions, the voice profile, or anything that is not a regular file (a device node
  would be replaced by the rename of the atomic writer). They are created owner-only.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
_DB_COMPANIONS = ("", "-journal", "-wal", "-shm")


class UnsafeOutput(OSError):
    """The chosen output would overwrite one of the app's own files or a special file; nothing was written."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISCHR, "device"),
                       (stat.S_ISBLK, "device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return "special file"


def input_problem(path: str | os.PathLike[str]) -> str | None:
    """None when ``path`` is a regular file (after symlinks); else what it is, in English.

    Raises nothing; a missing file is reported by the caller's own open().
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    if stat.S_ISREG(st.st_mode):
        return None
    return f"is a {_kind(st.st_mode)}, not a regular file"


def database_files() -> list[Path]:
    """The summary database and the journal/WAL files SQLite keeps beside it."""
    from .paths import database_file

    db = database_file()
    return [db.with_name(db.name + suffix) for suffix in _DB_COMPANIONS]


def protected_files() -> list[Path]:
    """The files no export may replace: the summary database (and companions) and the voice profile."""
    from .paths import voice_profile_file

    return database_files() + [voice_profile_file()]


def _same(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # a hard link to the database is the database
    except OSError:
        return False


def check_output(target: str | os.PathLike[str], protected: list[Path] | None = None) -> Path:
    """Raise UnsafeOutput when writing ``target`` would destroy something; returns it as a Path."""
    target = Path(target)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UnsafeOutput(exc.errno or 0, f"cannot check {target}: {exc.strerror or exc}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise UnsafeOutput(0, f"{target} is a {_kind(st.st_mode)}; choose a regular file name")
    for own in protected if protected is not None else protected_files():
        if _same(target, own):
            raise UnsafeOutput(0, f"{target} is one of kohtaava-desk's own files ({own.name}); "
                                  "choose another file name")
    return target


def write_private_atomically(target: str | os.PathLike[str], data: str | bytes,
                             protected: list[Path] | None = None) -> None:
    """Write ``data`` to ``target`` owner-only (0600) via a temporary file and a rename.

    A half-written file never replaces a good earlier one; the target is checked with check_output.
    """
    target = check_output(target, protected)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def ensure_private_dir(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder`` (and missing parents) owner-only; an existing folder is left as it is."""
    folder = Path(folder)
    folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    return folder
