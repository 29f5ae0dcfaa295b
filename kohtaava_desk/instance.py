"""One widget per user: the first launch holds the instance lock; a second one wakes it and leaves.

Waking is a SIGUSR1 to the running copy (POSIX), whose widget then comes forward; on systems without
that signal the second launch only says where the first one is. Qt-free: the widget installs the
handler, the command line calls ``claim_or_wake`` before Qt is even imported.
"""

from __future__ import annotations

import logging
import os
import signal

from .store.locks import FileLock, instance_lock

log = logging.getLogger(__name__)

WAKE_SIGNAL = getattr(signal, "SIGUSR1", None)
"""Sent to the running copy to bring its widget forward (None where the OS has no such signal)."""


def claim_or_wake(lock: FileLock | None = None) -> tuple[FileLock | None, int | None]:
    """Take the instance lock for this process's lifetime.

    Returns (lock, None) when this is the only copy, (None, pid) when another copy runs (it has been
    asked to come forward; pid may be 0 when unknown), and (None, None) when no lock can be made at all
    (e.g. an unwritable data folder): the app then starts and says why it cannot save.
    """
    lock = lock or instance_lock()
    try:
        if lock.acquire():
            _ignore_wake_until_handled()
            return lock, None
    except OSError as exc:
        log.warning("no single-instance lock possible: %s", exc.strerror or exc)
        return None, None
    pid = lock.holder() or 0
    if pid and WAKE_SIGNAL is not None and pid != os.getpid():
        try:
            os.kill(pid, WAKE_SIGNAL)
        except OSError:
            pass  # it may be exiting; the message still says where to look
    return None, pid


def _ignore_wake_until_handled() -> None:
    # SIGUSR1's default action ends the process: a second launch during our start-up must not kill us.
    # The widget replaces this with its own handler once it can come forward.
    if WAKE_SIGNAL is not None:
        try:
            signal.signal(WAKE_SIGNAL, signal.SIG_IGN)
        except ValueError:
            pass  # not the main thread (tests): nothing to protect here
