"""Crash safety: a process writing checkpoints is killed with SIGKILL; the next start recovers the meeting.

The child runs the real Meeting model (tests/store_helpers.run_meeting, seeded) and the real store, and
prints the number of each checkpoint after it commits. The parent rebuilds the same checkpoints from the
seed, so it knows exactly what the recovered row must hold.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import run_meeting

from kohtaava_desk.store import MeetingStore
from kohtaava_desk.store.startup import open_at_startup

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")

TESTS = Path(__file__).resolve().parent
CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from store_helpers import run_meeting
from kohtaava_desk.store import MeetingStore

db, mode, seed, minutes = Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
ticks = [s for _, s in run_meeting(seed, minutes)][:-1]  # checkpoints only: the meeting never ends
store = MeetingStore(db)
mid = store.start_meeting(ticks[0])
print(json.dumps({"id": mid}), flush=True)
k = 0
while True:
    k += 1
    store.save_checkpoint(mid, ticks[k % len(ticks)])
    print(json.dumps({"k": k}), flush=True)
    if mode == "pause" and k == 3:
        time.sleep(120)  # mid-meeting, between two checkpoints
"""
ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def _start(db: Path, mode: str, seed: int, minutes: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(TESTS), str(db), mode, str(seed), str(minutes)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def _kill_after(proc: subprocess.Popen, k_wanted: int) -> tuple[int, int]:
    """Read progress until checkpoint k_wanted is committed, SIGKILL, then return (id, last k printed)."""
    mid, last, killed = None, 0, False
    assert proc.stdout is not None and proc.stderr is not None
    try:
        # One reader for the whole stream: lines the child printed before the kill landed may already sit
        # in this reader's buffer, so keep reading it to EOF rather than switching to communicate().
        for line in proc.stdout:
            msg = json.loads(line)
            if "id" in msg:
                mid = msg["id"]
            else:
                last = max(last, msg["k"])
            if last >= k_wanted and not killed:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
        proc.wait(timeout=30)
        err = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, err
    assert mid is not None
    return mid, last


@pytest.mark.slow
def test_killed_between_checkpoints_recovers_the_last_one(tmp_path):
    db = tmp_path / "data" / "meetings.sqlite3"
    mid, last = _kill_after(_start(db, "pause", seed=11, minutes=10), 3)
    assert last == 3
    ticks = [s for _, s in run_meeting(11, 10)][:-1]
    store, report = open_at_startup(retention_days=36500, path=db)
    with store:
        assert report.notice is None
        assert [m.id for m in report.recovered] == [mid]
        got = report.recovered[0]
        assert got.state == "interrupted" and got.summary.interrupted
        assert got.summary == ticks[3]  # every figure of the last checkpoint, timeline included
        assert got.summary.actual_s == pytest.approx(40.0)
        assert store.get(mid).state == "interrupted"
        assert store.recover() == []  # reported once


@pytest.mark.slow
def test_killed_while_writing_checkpoints_as_fast_as_possible(tmp_path):
    """The kill lands amid a stream of commits: the file stays whole and holds the last committed one."""
    db = tmp_path / "meetings.sqlite3"
    mid, last = _kill_after(_start(db, "busy", seed=12, minutes=10), 40)
    ticks = [s for _, s in run_meeting(12, 10)][:-1]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with MeetingStore(db) as store:
        assert store.notice is None
        recovered = store.recover()
        assert [m.id for m in recovered] == [mid]
        # Committed: checkpoint `last` for sure; the next one may have committed before the kill landed.
        candidates = [ticks[k % len(ticks)] for k in (last, last + 1)]
        assert recovered[0].summary in candidates
