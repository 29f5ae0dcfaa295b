"""Fault injection around the meeting store (issue 13): a full disk, an unwritable data folder, a
second copy of the app, a command-line save during a meeting. In every case the expert is told at
once and no meeting's figures are lost. (Bad input files and numbers: test_bad_inputs.py.)

The disk is filled for real in a child process: RLIMIT_FSIZE caps how large any file may grow, so
SQLite's WAL hits the limit mid-meeting exactly as on a full disk (SQLite reports an I/O error).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from store_helpers import realistic_summary, run_meeting

from kohtaava_desk.meeting import MeetingSummary
from kohtaava_desk.store import MeetingStore, StoreError, database_path, open_at_startup
from kohtaava_desk.store.locks import FileLock, instance_lock, meeting_lock
from kohtaava_desk.store.recorder import SUMMARY_FORMAT, SafeRecorder

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent


def child(code: str, *args: str, **kwargs) -> subprocess.Popen:
    """A Python child with the tests folder importable and this test's data folder."""
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


class FlakyStore:
    """A real store whose writes fail while ``full`` is set, as on a full disk."""

    def __init__(self) -> None:
        self.store = MeetingStore(database_path())
        self.full = False

    def __getattr__(self, name):
        real = getattr(self.store, name)
        if name in ("start_meeting", "save_checkpoint", "finish", "save_summary"):
            def guarded(*args, **kwargs):
                if self.full:
                    raise StoreError(f"cannot {name} in {database_path()}: database or disk is full")
                return real(*args, **kwargs)
            return guarded
        return real


def recorder_over(opener) -> tuple[SafeRecorder, list[str]]:
    notes: list[str] = []
    return SafeRecorder(opener, notes.append, lambda: "en", lock=meeting_lock()), notes


def stored() -> list:
    with MeetingStore(database_path()) as store:
        return store.list_meetings(with_timeline=True)


# --- disk full ---------------------------------------------------------------------------------------------

def test_checkpoints_failing_for_a_while_are_told_once_retried_and_nothing_is_lost():
    flaky = FlakyStore()
    rec, notes = recorder_over(lambda: flaky)
    snapshots = list(run_meeting(2, 20))
    rec.begin(snapshots[0][1])
    for i, (_, summary) in enumerate(snapshots[1:-1], start=1):
        flaky.full = 10 <= i < 40  # five minutes of full disk in the middle of the meeting
        rec.checkpoint(summary)
        if flaky.full:
            assert rec.failing and rec.latest is summary  # the figures are kept in memory
    final = snapshots[-1][1]
    rec.finish(final)
    assert [n.split(" (")[0] for n in notes] == ["A checkpoint could not be saved", "Saving works again: the meeting's figures are stored."]
    assert "disk is full" in notes[0]
    (meeting,) = stored()
    assert meeting.state == "ended" and meeting.summary.actual_s == final.actual_s
    assert rec.unsaved is None


def test_a_failed_final_save_keeps_the_summary_for_saving_elsewhere(tmp_path):
    flaky = FlakyStore()
    rec, notes = recorder_over(lambda: flaky)
    snapshots = list(run_meeting(3, 15))
    rec.begin(snapshots[0][1])
    flaky.full = True
    final = snapshots[-1][1]
    rec.finish(final)
    assert "could not be saved" in notes[-1] and "somewhere else" in notes[-1]
    assert rec.unsaved is final
    assert not meeting_lock().held  # the lock does not outlive the meeting
    path = rec.save_elsewhere(tmp_path / "summary.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert data.pop("format") == SUMMARY_FORMAT
    assert MeetingSummary.from_dict(data) == final  # every figure, nothing else
    assert rec.unsaved is None


DISK_FULL_CHILD = """
    import json, os, resource, signal, sys
    from store_helpers import run_meeting
    from kohtaava_desk.store import MeetingStore
    from kohtaava_desk.store.recorder import SafeRecorder
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing us
    store = MeetingStore()
    notes = []
    rec = SafeRecorder(lambda: store, notes.append, lambda: "en")
    snapshots = run_meeting(4, 20)
    rec.begin(next(snapshots)[1])
    folder = os.path.dirname(store.path)
    largest = max(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 30_000, resource.RLIM_INFINITY))
    last = None
    for _, last in snapshots:
        rec.checkpoint(last)
    rec.finish(last)
    saved = rec.unsaved is not None and str(rec.save_elsewhere(sys.argv[1]))
    print(json.dumps({"notes": notes, "saved_elsewhere": saved, "actual_s": last.actual_s}))
"""


def test_a_really_full_disk_mid_meeting_is_told_and_the_summary_saved_elsewhere(tmp_path):
    out = tmp_path / "elsewhere.json"
    proc = child(DISK_FULL_CHILD, str(out))
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    result = json.loads(stdout)
    assert [n.split(" (")[0] for n in result["notes"]] == ["A checkpoint could not be saved",
                                                           "The meeting's summary could not be saved"]
    assert result["saved_elsewhere"] == str(out)
    assert json.loads(out.read_text())["actual_s"] == result["actual_s"]  # the whole meeting, not 50 s of it
    # The database itself is intact: the next start finds the early checkpoint, marked interrupted.
    store, report = open_at_startup(365, database_path())
    with store:
        assert report.notice is None and len(report.recovered) == 1


# --- unwritable data folder ------------------------------------------------------------------------------------

def test_an_unwritable_data_folder_is_told_at_the_start_and_the_summary_can_be_saved_elsewhere(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("KOHTAAVA_DESK_DATA_DIR", str(blocker / "data"))  # every write there fails
    rec, notes = recorder_over(lambda: MeetingStore())
    snapshots = list(run_meeting(5, 10))
    rec.begin(snapshots[0][1])
    assert len(notes) == 1 and "cannot create the data folder" in notes[0]
    for _, summary in snapshots[1:]:
        rec.checkpoint(summary)
    assert len(notes) == 1  # told once, not every 10 s
    rec.finish(snapshots[-1][1])
    assert rec.unsaved is snapshots[-1][1]
    assert rec.save_elsewhere(tmp_path / "s.json").exists()


def test_a_data_folder_that_comes_back_is_used_again(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.write_text("")  # a file where the folder should be: e.g. a network drive not yet mounted
    opened: list[MeetingStore] = []

    def open_store() -> MeetingStore:  # cached once open, like the app's
        if not opened:
            opened.append(MeetingStore(data / "meetings.sqlite3"))
        return opened[0]

    rec, notes = recorder_over(open_store)
    snapshots = list(run_meeting(6, 10))
    rec.begin(snapshots[0][1])
    data.unlink()
    for _, summary in snapshots[1:]:
        rec.checkpoint(summary)
    rec.finish(snapshots[-1][1])
    opened[0].close()
    assert notes[-1] == "Saving works again: the meeting's figures are stored."
    with MeetingStore(data / "meetings.sqlite3") as store:
        (meeting,) = store.list_meetings()
    assert meeting.state == "ended" and meeting.summary.actual_s == snapshots[-1][1].actual_s


# --- lock contention -----------------------------------------------------------------------------------------

def test_a_lock_is_exclusive_names_its_holder_and_frees_on_release(tmp_path):
    first, second = FileLock(tmp_path / "x.lock"), FileLock(tmp_path / "x.lock")
    assert first.acquire()
    started = time.monotonic()
    assert not second.acquire(wait_s=0.3)
    assert time.monotonic() - started >= 0.3
    assert second.holder() == os.getpid()
    first.release()
    assert second.acquire() and second.holder() == os.getpid()
    second.release()


MEETING_CHILD = """
    import sys
    from store_helpers import run_meeting
    from kohtaava_desk.store import MeetingStore
    from kohtaava_desk.store.locks import meeting_lock
    from kohtaava_desk.store.recorder import SafeRecorder
    store = MeetingStore()
    notes = []
    rec = SafeRecorder(lambda: store, notes.append, lambda: "en", lock=meeting_lock())
    snapshots = list(run_meeting(7, 10))
    rec.begin(snapshots[0][1])
    print("running", flush=True)
    sys.stdin.readline()  # the parent does its thing meanwhile
    for _, summary in snapshots[1:]:
        rec.checkpoint(summary)
    rec.finish(snapshots[-1][1])
    print("notes:", notes, flush=True)
"""


@pytest.fixture
def live_meeting():
    """A meeting running in another process (as in a second copy of the app)."""
    proc = child(MEETING_CHILD)
    assert proc.stdout.readline().strip() == "running", proc.stderr.read()
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_start_up_does_not_mark_another_processs_live_meeting_interrupted(live_meeting):
    store, report = open_at_startup(365, database_path())
    store.close()
    assert report.recovered == []
    stdout, stderr = live_meeting.communicate("go\n", timeout=60)
    assert live_meeting.returncode == 0, stderr
    assert "notes: []" in stdout  # its checkpoints were all accepted
    (meeting,) = stored()
    assert meeting.state == "ended" and not meeting.summary.interrupted


def test_analyze_save_waits_then_refuses_while_a_meeting_runs(live_meeting, tmp_path):
    import numpy as np

    import synth
    wav = synth.write_wav(tmp_path / "m.wav", np.zeros(3 * synth.SAMPLE_RATE, np.float32) + 0.01)
    result = subprocess.run([sys.executable, "-m", "kohtaava_desk", "analyze", str(wav), "--save", "--no-profile",
                             "--lang", "en"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "A meeting is running" in result.stderr and f"process {live_meeting.pid}" in result.stderr
    live_meeting.communicate("go\n", timeout=60)
    assert len(stored()) == 1  # only the live meeting
    result = subprocess.run([sys.executable, "-m", "kohtaava_desk", "analyze", str(wav), "--save", "--no-profile"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert len(stored()) == 2


INSTANCE_CHILD = """
    import signal, sys, time
    from kohtaava_desk.instance import WAKE_SIGNAL, claim_or_wake
    lock, running = claim_or_wake()
    assert lock is not None and running is None
    woken = []
    signal.signal(WAKE_SIGNAL, lambda *_: woken.append(1))
    print("running", flush=True)
    deadline = time.monotonic() + 60
    while not woken and time.monotonic() < deadline:
        time.sleep(0.05)
    print("woken" if woken else "not woken", flush=True)
"""


def test_a_second_launch_wakes_the_first_and_exits():
    first = child(INSTANCE_CHILD)
    try:
        assert first.stdout.readline().strip() == "running"
        second = subprocess.run([sys.executable, "-m", "kohtaava_desk"], capture_output=True, text=True, cwd=ROOT,
                                timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert second.returncode == 0 and "Traceback" not in second.stderr
        assert "kohtaava-desk" in second.stderr and str(first.pid) in second.stderr
        assert first.stdout.readline().strip() == "woken"
    finally:
        first.kill()
        first.wait()
    assert instance_lock().acquire()  # freed with the process: a crash leaves no stale lock
    instance_lock().release()


def test_a_wake_during_start_up_does_not_kill_the_first_copy():
    proc = child("""
        import os, time
        from kohtaava_desk.instance import WAKE_SIGNAL, claim_or_wake
        lock, _ = claim_or_wake()
        os.kill(os.getpid(), WAKE_SIGNAL)  # before any widget could install its handler
        time.sleep(0.1)
        print("alive", flush=True)
    """)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 0 and stdout.strip() == "alive", stderr


def test_recorder_holds_the_meeting_lock_from_begin_to_finish():
    flaky = FlakyStore()
    rec, _ = recorder_over(lambda: flaky)
    rec.begin(realistic_summary(8, 10))
    assert not meeting_lock().acquire()
    rec.finish(realistic_summary(8, 10))
    other = meeting_lock()
    assert other.acquire()
    other.release()


def test_a_summary_the_store_refused_at_quit_is_parked_and_stored_at_the_next_start(tmp_path):
    from kohtaava_desk import paths

    flaky = FlakyStore()
    rec, _ = recorder_over(lambda: flaky)
    snapshots = list(run_meeting(10, 15))
    rec.begin(snapshots[0][1])
    flaky.full = True
    rec.finish(snapshots[-1][1])
    parked = rec.park(paths.state_dir())
    assert parked is not None and stat.S_IMODE(parked.stat().st_mode) == 0o600
    flaky.store.close()
    store, report = open_at_startup(3650, database_path(), parked=paths.state_dir())
    with store:
        assert report.restored == 1
        # The checkpointed record is completed, not joined by a second copy of the meeting.
        assert [(m.state, m.summary.actual_s) for m in store.list_meetings()] == [("ended", snapshots[-1][1].actual_s)]
    assert not parked.exists()


def test_a_parked_file_that_is_not_ours_is_left_alone(tmp_path):
    from kohtaava_desk import paths
    from kohtaava_desk.store.recorder import PARKED_PREFIX

    paths.state_dir().mkdir(parents=True)
    odd = paths.state_dir() / f"{PARKED_PREFIX}x.json"
    odd.write_text('{"format": "something else"}')
    store, report = open_at_startup(3650, database_path(), parked=paths.state_dir())
    store.close()
    assert report.restored == 0 and odd.exists()
