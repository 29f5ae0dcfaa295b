"""The one way a worker thread is run: the live session, the speech recogniser and spoken cues use it.

A worker is a named daemon thread (a stuck native call must never keep the app from exiting) that runs
its loop once; the owner asks it to finish in its own way (a flag, a condition) and then joins it with
a deadline. Failures are logged by exception type and place only: messages can quote data (array
contents, recognised words) that must never reach a log.
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from collections.abc import Callable

log = logging.getLogger(__name__)


class WorkerThread:
    def __init__(self, name: str, run: Callable[[], None]) -> None:
        self.name = name
        self._thread = threading.Thread(target=run, name=name, daemon=True)
        self._started = False

    @property
    def started(self) -> bool:
        return self._started

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        if self._started:
            raise RuntimeError(f"{self.name} can be started once")
        self._started = True
        self._thread.start()

    def join(self, timeout: float) -> bool:
        """Wait for the worker to end; False (and a warning) when it is still running after `timeout`."""
        if not self._started:
            return True
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("%s did not stop within %.1f s", self.name, timeout)
            return False
        return True


def log_failure(logger: logging.Logger, exc: BaseException, what: str) -> None:
    """Log that `what` failed: the exception's type and its last three frames, never its message."""
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    where = "; ".join(f"{os.path.basename(f.filename)}:{f.lineno} {f.name}" for f in frames)
    logger.error("%s failed: %s at %s", what, type(exc).__name__, where)
