"""Fault and bad-input sweep for issue 13: every case through the real command (a child process) or the
real store, in a throwaway data folder seeded with stored meetings. Prints one row per group:

    tried | handled cleanly | meetings lost | tracebacks

"Handled cleanly" = the documented outcome (exit code, message naming the file/option, nothing written
where nothing may be). "Meetings lost" = stored meetings missing afterwards, plus a live meeting whose
final figures are neither in the database nor in a summary saved elsewhere.

    .venv/bin/python bench/faults.py          # ~1-2 min on two busy cores
"""

from __future__ import annotations

import json
import os
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
sys.path.insert(0, str(TESTS))

import numpy as np  # noqa: E402

import synth  # noqa: E402  (tests/synth.py)
from listening_fixtures import two_voice_material  # noqa: E402
from fault_helpers import scratch_device  # noqa: E402
from store_helpers import realistic_summary  # noqa: E402

SEEDED = 3


@dataclass
class Group:
    name: str
    tried: int = 0
    clean: int = 0
    lost: int = 0
    tracebacks: int = 0
    failures: list[str] = field(default_factory=list)


class Sandbox:
    """A fresh data and config folder with SEEDED stored meetings."""

    def __init__(self, root: Path) -> None:
        self.root = Path(tempfile.mkdtemp(dir=root))
        self.data, self.config = self.root / "data", self.root / "config"
        self.config.mkdir()
        self.env = {**os.environ, "KOHTAAVA_DESK_DATA_DIR": str(self.data), "KOHTAAVA_DESK_CONFIG_DIR": str(self.config),
                    "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(TESTS)}
        self.env.pop("KOHTAAVA_DESK_OFFICE", None)
        os.environ.update({"KOHTAAVA_DESK_DATA_DIR": str(self.data), "KOHTAAVA_DESK_CONFIG_DIR": str(self.config)})
        from kohtaava_desk.store import MeetingStore
        with MeetingStore(self.data / "meetings.sqlite3") as store:
            for seed in range(SEEDED):
                store.save_summary(realistic_summary(seed + 1, 20))

    @property
    def db(self) -> Path:
        return self.data / "meetings.sqlite3"

    def meetings(self) -> int:
        from kohtaava_desk.store import MeetingStore
        with MeetingStore(self.db) as store:
            return store.count()

    def run(self, *argv: str, timeout: float = 60, stdin: str | None = None) -> subprocess.CompletedProcess:
        try:
            return subprocess.run([sys.executable, "-m", "kohtaava_desk", *argv], capture_output=True, text=True,
                                  cwd=ROOT, env=self.env, timeout=timeout, input=stdin)
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(argv, -999, "", "HANG (timeout)")

    def child(self, code: str, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT, env=self.env,
                                text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def check(group: Group, label: str, result: subprocess.CompletedProcess | None, ok: bool, box: Sandbox | None,
          expected_meetings: int | None = SEEDED) -> None:
    group.tried += 1
    if result is not None and "Traceback" in (result.stderr or "") + (result.stdout or ""):
        group.tracebacks += 1
        ok = False
    if box is not None and expected_meetings is not None:
        missing = max(0, expected_meetings - box.meetings())
        group.lost += missing
        ok = ok and missing == 0
    group.clean += bool(ok)
    if not ok:
        group.failures.append(f"{label}: rc={getattr(result, 'returncode', '-')} {(result.stderr if result else '')[-300:]!r}")


def recordings(folder: Path) -> dict[str, Path]:
    _, audio, enrol = two_voice_material()
    files = {"meeting": synth.write_wav(folder / "meeting.wav", audio),
             "voice": synth.write_wav(folder / "voice.wav", enrol),
             "short": synth.write_wav(folder / "short.wav", audio[:8 * synth.SAMPLE_RATE]),
             "one_sample": synth.write_wav(folder / "one.wav", np.full(1, 0.1, np.float32)),
             "one_ms": synth.write_wav(folder / "ms.wav", np.full(16, 0.1, np.float32))}
    cut = bytearray(files["short"].read_bytes())
    at = cut.index(b"data") + 4
    struct.pack_into("<I", cut, at, struct.unpack_from("<I", cut, at)[0] * 10)
    (folder / "cut.wav").write_bytes(bytes(cut))
    files["truncated"] = folder / "cut.wav"
    old = folder / "old.wav"
    old.write_bytes(files["short"].read_bytes())
    os.utime(old, (time.time() - 9 * 365 * 86400,) * 2)
    files["old"] = old
    return files


# --- the groups ---------------------------------------------------------------------------------------------

def export_targets(work: Path, rec: dict) -> Group:
    g = Group("export onto own/special files")
    for target in ("db", "-wal", "-shm", "-journal", "profile", "symlink", "fifo", "/dev/full"):
        box = Sandbox(work)
        before = box.db.read_bytes()
        named = {"db": box.db, "profile": box.data / "voice_profile.json", "symlink": box.root / "x.csv",
                 "fifo": box.root / "p", "/dev/full": scratch_device(box.root)}
        path = named[target] if target in named else box.db.with_name(box.db.name + target)
        if target == "symlink":
            path.symlink_to(box.db)
        if target == "fifo":
            os.mkfifo(path)
        if target == "profile":
            path.write_text("{}")
        r = box.run("export", "--format", "csv", "--output", str(path))
        kept = box.db.read_bytes() == before and (target != "fifo" or stat.S_ISFIFO(os.lstat(path).st_mode)) and \
            (target != "/dev/full" or stat.S_ISCHR(os.stat(path).st_mode)) and (target != "profile" or path.read_text() == "{}")
        check(g, target, r, r.returncode == 1 and "nothing written" in r.stderr and kept, box)
    box = Sandbox(work)
    r = box.run("export", "--format", "csv", "--output", str(box.root / "ok.csv"))
    check(g, "mode", r, r.returncode == 0 and stat.S_IMODE((box.root / "ok.csv").stat().st_mode) == 0o600, box)
    return g


def bad_numbers(work: Path, rec: dict) -> Group:
    g = Group("bad numeric arguments")
    box = Sandbox(work)
    short = str(rec["short"])
    cases = [["analyze", short, "--length", v] for v in ("nan", "inf", "-5", "0.001", "1e308", "0")]
    cases += [["analyze", short, "--steps", v] for v in ("nan", "60,inf", "60,30")]
    cases += [["demo", short, "--speed", v] for v in ("1e300", "nan", "inf", "0")]
    cases += [["demo", short, "--length", "nan"], ["enroll", "--seconds", "nan"], ["enroll", "--seconds", "1e9"]]
    for argv in cases:
        r = box.run(*argv)
        check(g, " ".join(argv[2:]), r, r.returncode == 2 and argv[-2] in r.stderr and argv[-1] in r.stderr, box)
    return g


def fifo_inputs(work: Path, rec: dict) -> Group:
    g = Group("FIFO as an input")
    box = Sandbox(work)
    fifo = box.root / "in.fifo"
    os.mkfifo(fifo)
    short = str(rec["short"])
    for argv in (["analyze", str(fifo)], ["analyze", short, "--enroll", str(fifo)], ["analyze", short, "--profile", str(fifo)],
                 ["enroll", "--from-file", str(fifo)], ["demo", str(fifo)], ["config", "check", str(fifo)],
                 ["config", "show", "--office", str(fifo)], ["analyze", short, "--office", str(fifo)]):
        r = box.run(*argv, timeout=40)
        check(g, " ".join(argv[:2]), r, r.returncode != -999 and str(fifo) in r.stderr, box)
    # The widget's own configuration load with --office pointing at a FIFO (in-process, with a deadline).
    import threading

    from kohtaava_desk.ui.app import load_effective
    done: list = []
    t = threading.Thread(target=lambda: done.append(load_effective(fifo)), daemon=True)
    t.start()
    t.join(10)
    ok = bool(done) and any(str(fifo) in str(p) for p in done[0].problems)
    check(g, "widget --office", None, ok, box)
    return g


NESTED = "a = " + "[" * 5000 + "]" * 5000 + "\n"


def config_files(work: Path, rec: dict) -> Group:
    g = Group("broken config files")
    for kind, data in (("nested", NESTED.encode()), ("utf16", "[meeting]\ndefault_length_min = 45\n".encode("utf-16")),
                       ("bom", b"\xef\xbb\xbf[meeting]\ndefault_length_min = 45\n"), ("nan", b"[nudges]\ncooldown_s = nan\n"),
                       ("huge", b"# " + b"x" * (2 * 1024 * 1024) + b"\n")):
        box = Sandbox(work)
        path = box.root / f"{kind}.toml"
        path.write_bytes(data)
        for argv in (["config", "check", str(path)], ["config", "show", "--office", str(path)],
                     ["analyze", str(rec["short"]), "--office", str(path), "--json"]):
            r = box.run(*argv)
            named = str(path) in r.stderr or kind == "bom"
            want = (0 if kind == "bom" else 1) if argv[1] == "check" else 0
            check(g, f"{kind} {argv[0]} {argv[1]}", r, r.returncode == want and named, box)
    # A broken personal.toml keeps a valid office profile.
    box = Sandbox(work)
    office = box.root / "office.toml"
    office.write_text("[meeting]\ndefault_length_min = 45\n")
    (box.config / "personal.toml").write_text(NESTED)
    r = box.run("config", "show", "--office", str(office))
    check(g, "personal nested", r, "default_length_min = 45" in r.stdout and "personal.toml" in r.stderr, box)
    # The office profile's last valid copy, over three starts with a broken file.
    box = Sandbox(work)
    office = box.root / "office.toml"
    office.write_text("[meeting]\ndefault_length_min = 60\n")
    box.run("config", "show", "--office", str(office))
    office.write_text("[meeting\n")
    for i in range(3):
        r = box.run("config", "show", "--office", str(office))
        check(g, f"last valid copy #{i + 1}", r, "default_length_min = 60" in r.stdout and "last valid copy" in r.stderr, box)
    return g


def recordings_saved(work: Path, rec: dict) -> Group:
    g = Group("odd recordings with --save")
    for kind in ("truncated", "one_sample", "one_ms"):
        box = Sandbox(work)
        r = box.run("analyze", str(rec[kind]), "--save", "--no-profile", "--lang", "en")
        check(g, kind, r, r.returncode == 2 and "Not saved" in r.stderr, box)
    box = Sandbox(work)
    r = box.run("analyze", str(rec["old"]), "--save", "--no-profile")
    from kohtaava_desk.store import MeetingStore
    with MeetingStore(box.db) as store:
        newest = store.list_meetings()[-1].summary.started_at[:10]
    check(g, "old mtime", r, r.returncode == 0 and newest == time.strftime("%Y-%m-%d"), box, SEEDED + 1)
    for day, words in (("2099-01-01", "future"), ("2001-01-01", "retention")):
        box = Sandbox(work)
        r = box.run("analyze", str(rec["short"]), "--save", "--no-profile", "--lang", "en", "--date", day)
        check(g, f"--date {day}", r, r.returncode == 2 and words in r.stderr, box)
    box = Sandbox(work)
    r = box.run("enroll", "--from-file", str(rec["meeting"]), "--lang", "en")
    check(g, "enrol two voices", r, r.returncode == 1 and not (box.data / "voice_profile.json").exists(), box)
    return g


MEETING = """
    import json, os, resource, signal, sys
    from store_helpers import run_meeting
    from kohtaava_desk.store import MeetingStore
    from kohtaava_desk.store.locks import meeting_lock
    from kohtaava_desk.store.recorder import SafeRecorder
    mode = sys.argv[1]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    opened = []
    def open_store():
        if not opened:
            opened.append(MeetingStore())
        return opened[0]
    notes = []
    rec = SafeRecorder(open_store, notes.append, lambda: "en", lock=meeting_lock())
    snapshots = run_meeting(9, 20)
    rec.begin(next(snapshots)[1])
    if mode in ("full", "park"):
        folder = os.environ["KOHTAAVA_DESK_DATA_DIR"]
        largest = max(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 30_000, resource.RLIM_INFINITY))
    print("running", flush=True)
    if mode in ("wait", "kill"):
        sys.stdin.readline()
    last = None
    for i, (_, last) in enumerate(snapshots):
        rec.checkpoint(last)
        if mode == "kill" and i == 20:
            print("checkpointed", flush=True)
            sys.stdin.readline()  # killed here
    rec.finish(last)
    if mode == "park":  # quitting without choosing a file: parked for the next start
        saved = str(rec.park(__import__("pathlib").Path(sys.argv[2])))
    else:
        saved = rec.unsaved is not None and str(rec.save_elsewhere(sys.argv[2]))
    print(json.dumps({"notes": notes, "saved": saved, "actual_s": last.actual_s}), flush=True)
"""


def store_faults(work: Path, rec: dict) -> Group:
    g = Group("store faults mid-meeting")
    from kohtaava_desk.store import MeetingStore
    # Disk full (RLIMIT_FSIZE): told, then saved elsewhere.
    box = Sandbox(work)
    out = box.root / "elsewhere.json"
    p = box.child(MEETING, "full", str(out))
    stdout, stderr = p.communicate(timeout=120)
    res = json.loads(stdout.splitlines()[-1]) if p.returncode == 0 else {}
    kept = res.get("saved") and json.loads(out.read_text())["actual_s"] == res["actual_s"]
    check(g, "disk full", subprocess.CompletedProcess([], p.returncode, stdout, stderr),
          bool(kept) and len(res["notes"]) == 2, box, SEEDED + 1)
    g.lost += 0 if kept else 1
    # Disk full until the app quits: the summary is parked, and the next start completes the meeting.
    box = Sandbox(work)
    parked = box.root / "state"
    p = box.child(MEETING, "park", str(parked))
    stdout, stderr = p.communicate(timeout=120)
    res = json.loads(stdout.splitlines()[-1]) if p.returncode == 0 else {}
    from kohtaava_desk.store import open_at_startup
    store, report = open_at_startup(3650, box.db, parked=parked)
    with store:
        final = [m for m in store.list_meetings() if m.summary.actual_s == res.get("actual_s")]
        complete = report.restored == 1 and len(final) == 1 and final[0].state == "ended"
    check(g, "disk full at quit", subprocess.CompletedProcess([], p.returncode, stdout, stderr), complete, box,
          SEEDED + 1)
    g.lost += 0 if complete else 1
    # Unwritable data folder: the meeting is saved elsewhere.
    box = Sandbox(work)
    blocker = box.root / "file"
    blocker.write_text("")
    env_data = box.env["KOHTAAVA_DESK_DATA_DIR"]
    box.env["KOHTAAVA_DESK_DATA_DIR"] = str(blocker / "data")
    out = box.root / "elsewhere.json"
    p = box.child(MEETING, "ro", str(out))
    stdout, stderr = p.communicate(timeout=120)
    box.env["KOHTAAVA_DESK_DATA_DIR"] = env_data
    res = json.loads(stdout.splitlines()[-1]) if p.returncode == 0 else {}
    kept = bool(res.get("saved")) and out.exists()
    check(g, "unwritable folder", subprocess.CompletedProcess([], p.returncode, stdout, stderr),
          kept and "cannot create the data folder" in res["notes"][0], box)
    g.lost += 0 if kept else 1
    # kill -9 mid-meeting: the next start recovers the last checkpoint.
    box = Sandbox(work)
    p = box.child(MEETING, "kill", str(box.root / "x.json"))
    p.stdout.readline()
    p.stdin.write("go\n")
    p.stdin.flush()
    p.stdout.readline()
    p.send_signal(signal.SIGKILL)
    p.wait()
    store, report = open_at_startup(3650, box.db)
    store.close()
    recovered = len(report.recovered) == 1 and report.recovered[0].summary.actual_s >= 200
    check(g, "kill -9", None, recovered, box, SEEDED + 1)
    # A second start while a meeting runs elsewhere, then analyze --save during it.
    box = Sandbox(work)
    p = box.child(MEETING, "wait", str(box.root / "x.json"))
    p.stdout.readline()
    store, report = open_at_startup(3650, box.db)
    store.close()
    r = box.run("analyze", str(rec["short"]), "--save", "--no-profile", "--lang", "en")
    refused = r.returncode == 2 and f"process {p.pid}" in r.stderr
    stdout, stderr = p.communicate("go\n", timeout=120)
    res = json.loads(stdout.splitlines()[-1])
    with MeetingStore(box.db) as s:
        states = [m.state for m in s.list_meetings()]
    check(g, "start-up during a live meeting", None, report.recovered == [] and res["notes"] == [], box, SEEDED + 1)
    check(g, "analyze --save during a meeting", r, refused and states.count("ended") == SEEDED + 1, box, SEEDED + 1)
    # A second launch of the widget.
    box = Sandbox(work)
    first = box.child("""
        import time
        from kohtaava_desk.instance import WAKE_SIGNAL, claim_or_wake
        import signal
        woken = []
        lock, _ = claim_or_wake()
        signal.signal(WAKE_SIGNAL, lambda *_: woken.append(1))
        print("running", flush=True)
        end = time.monotonic() + 60
        while not woken and time.monotonic() < end:
            time.sleep(0.05)
        print("woken" if woken else "no", flush=True)
    """)
    first.stdout.readline()
    r = box.run()
    woken = first.stdout.readline().strip() == "woken"
    first.kill()
    first.wait()
    check(g, "second launch", r, r.returncode == 0 and str(first.pid) in r.stderr and woken, box)
    return g


GROUPS: tuple[Callable[[Path, dict], Group], ...] = (export_targets, bad_numbers, fifo_inputs, config_files,
                                                      recordings_saved, store_faults)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kohtaava-faults-") as tmp:
        work = Path(tmp)
        rec = recordings(work)
        groups = [fn(work, rec) for fn in GROUPS]
    print(f"{'fault / bad input':34} {'tried':>5} {'clean':>5} {'lost':>5} {'tracebacks':>10}")
    for g in groups:
        print(f"{g.name:34} {g.tried:5} {g.clean:5} {g.lost:5} {g.tracebacks:10}")
    total = Group("total", *(sum(getattr(g, f) for g in groups) for f in ("tried", "clean", "lost", "tracebacks")))
    print(f"{total.name:34} {total.tried:5} {total.clean:5} {total.lost:5} {total.tracebacks:10}")
    for g in groups:
        for f in g.failures:
            print(f"  NOT CLEAN [{g.name}] {f}")
    return 0 if total.clean == total.tried and total.lost == 0 and total.tracebacks == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
