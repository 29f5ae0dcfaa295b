from __future__ import annotations

import threading
import time

import pytest

from kohtaava_desk.config import load_config
from kohtaava_desk.config.loader import deep_merge, load_defaults
from kohtaava_desk.config.schema import Config
from kohtaava_desk.config.validate import build


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, t: float = 1000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


# Not autouse: most tests start no threads, and the guard may wait up to 2 s for a slow one to end.
@pytest.fixture
def no_leaked_threads():
    """Fails the test if it leaves a thread running (workers must be stopped and joined)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2.0
    while True:
        extra = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not extra or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not extra, f"threads left running: {[t.name for t in extra]}"


@pytest.fixture(scope="session")
def default_config() -> Config:
    return load_config(env={}).config


@pytest.fixture
def make_config():
    """Build a Config from the defaults with some keys overridden (nested dict)."""
    def make(overrides: dict | None = None) -> Config:
        return build(Config, deep_merge(load_defaults(), overrides or {}))
    return make


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, monkeypatch):
    """No test may touch the real user's settings or data."""
    monkeypatch.setenv("KOHTAAVA_DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KOHTAAVA_DESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("KOHTAAVA_DESK_OFFICE", raising=False)
