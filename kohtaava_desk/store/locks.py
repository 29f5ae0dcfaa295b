"""Locks in the data folder: one app per user, and one writer per running meeting.

Two copies of the widget would each treat the other's running meeting as a crash (start-up marks
every 'running' meeting 'interrupted') and then have their checkpoints refused. So:

- ``instance.lock`` is held by the widget for as long as it runs; a second launch finds it taken and
  says where the first one is (its process id) instead of starting.
- ``meeting.lock`` is held from the start of a meeting to its final save. Start-up recovery only marks
  meetings interrupted when it can take this lock (no live meeting anywhere), and command-line writers
  (``analyze --save``) wait briefly for it, then refuse with a clear message.

The locks are advisory OS locks (flock on POSIX, msvcrt on Windows): they vanish with the process, so a
crash or kill -9 never leaves a stale lock behind. The file holds the holder's process id, for messages.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from .. import paths

INSTANCE_LOCK = "instance.lock"
MEETING_LOCK = "meeting.lock"


class FileLock:
    """An exclusive, non-blocking lock on one file; ``holder()`` tells who has it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait_s: float = 0.0, poll_s: float = 0.1) -> bool:
        """Take the lock, waiting up to ``wait_s``; False when someone else keeps it.

        Raises OSError when the lock file cannot be created at all (e.g. a read-only data folder).
        """
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        deadline = time.monotonic() + wait_s
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            if _try_lock(fd):
                os.ftruncate(fd, 0)
                os.write(fd, str(os.getpid()).encode())
                self._fd = fd
                return True
            os.close(fd)
            if time.monotonic() >= deadline:
                return False
            time.sleep(poll_s)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
            _unlock(fd)
            os.close(fd)

    def holder(self) -> int | None:
        """The process id written by whoever holds the lock (None when unknown or free)."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def instance_lock(folder: Path | None = None) -> FileLock:
    return FileLock((folder or paths.data_dir()) / INSTANCE_LOCK)


def meeting_lock(folder: Path | None = None) -> FileLock:
    return FileLock((folder or paths.data_dir()) / MEETING_LOCK)
