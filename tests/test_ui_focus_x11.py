"""The widget never takes the keyboard, tested for real: Xvfb + openbox + xterm + xdotool.

The expert types notes into another program (here an xterm writing to a file), clicks the widget and
keeps typing: every keystroke must land in the other program, and the click must still work. The global
hotkeys must act without taking focus; the length dialog may take the keyboard and must give it back.
The tools come from scripts/setup.sh; a missing one fails the test (it is part of what CI checks).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "openbox", "xdotool", "xterm")


def wait_for(predicate, timeout=10.0, what="condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def desktop(tmp_path):
    missing = [t for t in TOOLS if shutil.which(t) is None]
    assert not missing, f"install {', '.join(missing)} (scripts/setup.sh does)"
    procs = []
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stderr=subprocess.DEVNULL)
    os.close(w)
    procs.append(xvfb)
    with os.fdopen(r) as f:
        display = ":" + f.readline().strip()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, HOME=str(tmp_path), KOHTAAVA_DESK_DATA_DIR=str(tmp_path / "data"),
               KOHTAAVA_DESK_CONFIG_DIR=str(tmp_path / "config"), QT_QPA_PLATFORM="xcb")
    procs.append(subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL))
    time.sleep(2.0)  # the window manager must be managing before windows appear

    def spawn(args, **kw):
        p = subprocess.Popen(args, env=env, **kw)
        procs.append(p)
        return p

    def xdo(*args) -> str:
        return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=20).stdout.strip()

    yield spawn, xdo, env
    for p in reversed(procs):
        p.terminate()
    for p in reversed(procs):
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()


def test_typing_survives_clicks_and_hotkeys_on_the_widget(desktop, tmp_path):
    spawn, xdo, env = desktop
    notes = tmp_path / "notes.txt"
    spawn(["xterm", "-name", "casesystem", "-e", "sh", "-c", f"stty -echo; cat > {notes}"])
    term = wait_for(lambda: xdo("search", "--sync", "--classname", "casesystem").split()[:1], what="xterm")[0]
    status = tmp_path / "widget.json"
    app = spawn([sys.executable, str(Path(__file__).with_name("x11_child.py")), str(status)],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    read = lambda: json.loads(status.read_text()) if status.exists() else None  # noqa: E731
    s = wait_for(lambda: (r := read()) and r["hotkeys"] and r, timeout=20, what="the widget and its hotkeys")
    assert s["hotkey_reason"] == "" and all(st == "ok" for _, _, st in s["hotkeys"]), s["hotkeys"]
    wait_for(lambda: xdo("search", "--onlyvisible", "--pid", str(s["pid"])), what="widget on screen")
    time.sleep(0.5)

    xdo("windowactivate", "--sync", term)
    xdo("type", "--delay", "15", "Neuvottiin ")
    x, y = s["buttons"]["toggle"]
    xdo("mousemove", "--sync", str(x), str(y))
    xdo("click", "1")
    wait_for(lambda: read()["state"] == "running", what="the click to start the meeting")
    assert xdo("getactivewindow") == term, "the click took the focus"
    # Every letter the old widget treated as a shortcut (n, p, s, l, u, space) goes to the notes.
    xdo("type", "--delay", "15", "palkkatuesta nspl u. ")
    assert read()["state"] == "running" and read()["step"] == "empatia"

    xdo("key", "ctrl+alt+Next")
    wait_for(lambda: read()["step"] == "ohjauksellinen", what="the next-step hotkey")
    xdo("key", "ctrl+alt+space")
    wait_for(lambda: read()["state"] == "paused", what="the pause hotkey")
    assert xdo("getactivewindow") == term
    xdo("type", "--delay", "15", "Sovittiin ")
    # The privacy card is shown to the client without taking the keyboard either.
    xdo("key", "ctrl+alt+p")
    wait_for(lambda: read()["card_open"], what="the privacy card")
    assert xdo("getactivewindow") == term
    time.sleep(0.5)  # a press within REPEAT_S of the last one counts as the same, held press
    xdo("key", "ctrl+alt+p")
    wait_for(lambda: not read()["card_open"], what="the privacy card to close")

    # The length dialog takes the keyboard on purpose, and gives it back when it closes.
    xdo("key", "ctrl+alt+k")
    wait_for(lambda: read()["dialog_open"], what="the length dialog")
    time.sleep(0.3)
    xdo("key", "ctrl+a")
    xdo("type", "--delay", "15", "45")
    xdo("key", "Return")
    wait_for(lambda: read()["announced_min"] == 45, what="the length typed into the dialog")
    wait_for(lambda: xdo("getactivewindow") == term, what="the keyboard back in the xterm")
    xdo("type", "--delay", "15", "jatkosta.")
    xdo("key", "Return")
    wait_for(lambda: notes.exists() and notes.read_text().endswith("\n"), what="the notes")
    assert notes.read_text() == "Neuvottiin palkkatuesta nspl u. Sovittiin jatkosta.\n"
    assert app.poll() is None, app.stderr.read().decode() if app.stderr else ""
