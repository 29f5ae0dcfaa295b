"""Meeting time: the session clock minus pauses."""

from __future__ import annotations

from typing import Callable


class ActiveClock:
    """Elapsed meeting seconds from an injected monotonic clock, frozen while paused."""

    def __init__(self, now: Callable[[], float]):
        self._now = now
        self._runs: list[tuple[float, float, float | None]] = []  # (now at start, elapsed at start, now at end)

    @property
    def started(self) -> bool:
        return bool(self._runs)

    @property
    def running(self) -> bool:
        return bool(self._runs) and self._runs[-1][2] is None

    def start(self) -> None:
        if self.running:
            return
        self._runs.append((self._now(), self.elapsed(), None))

    def stop(self) -> None:
        if self.running:
            t0, e0, _ = self._runs[-1]
            self._runs[-1] = (t0, e0, self._now())

    def elapsed(self) -> float:
        return self.elapsed_at(self._now()) if self._runs else 0.0

    def elapsed_at(self, t: float) -> float:
        """Meeting time of session-clock time t; a time inside a pause maps to the pause's start."""
        result = 0.0
        for t0, e0, t1 in self._runs:
            if t < t0:
                break
            end = t if t1 is None else min(t, t1)
            result = e0 + (end - t0)
        return max(0.0, result)
