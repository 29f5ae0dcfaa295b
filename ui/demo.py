"""The `demo` command's front end: the real app with a recording for a microphone.

The recording is a file-backed audio device (`audio.filedevice`) feeding the same LiveSession, pipeline,
recogniser tap and bridge as a meeting, on a simulated clock running `speed` times faster than real time.
No store (a demo must not end up in the expert's own self-review) and no spoken cues.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from kohtaava_desk.app.services import Services
from kohtaava_desk.meeting import MeetingSummary

from . import app as app_module
from .bridge import WorkerBridge


class SimClock:
    """Monotonic time sped up by `speed`, starting at `start` (thread-safe: reads only)."""

    def __init__(self, speed: float, start: float = 10_000.0) -> None:
        self.speed = speed
        self.start = start
        self._real0 = time.monotonic()

    def __call__(self) -> float:
        return self.start + (time.monotonic() - self._real0) * self.speed


def run(args: argparse.Namespace) -> int:
    return play(args)[0]


def play(args: argparse.Namespace) -> tuple[int, MeetingSummary | None]:
    """Run the demo; returns (exit code, the meeting's numeric summary or None)."""
    from kohtaava_desk.app.listening import VoiceSource, profile_embedding
    from kohtaava_desk.audio.capture import CaptureSettings
    from kohtaava_desk.audio.filedevice import FileDeviceLayer

    path: Path = args.file
    if not path.exists():
        print(f"demo: {path}: file not found", file=sys.stderr)
        return 2, None
    clock = SimClock(args.speed)
    try:
        layer = FileDeviceLayer(path, clock, two_channel=args.two_channel)
    except Exception as exc:
        print(f"demo: {path}: {exc}", file=sys.stderr)
        return 2, None
    enroll = getattr(args, "enroll", None)
    try:
        profile = profile_embedding(VoiceSource(enroll=enroll, saved=False))
    except Exception as exc:
        print(f"demo: enrolment file {enroll}: {exc}", file=sys.stderr)
        return 2, None
    loaded = app_module.load_effective(app_module.chosen_office(args))
    services = Services(loaded.config, WorkerBridge(), store=False, tts=False, now=clock, layer=layer,
                        capture=CaptureSettings(two_channel=args.two_channel), profile=profile, replay=True)
    ctx = app_module.build(args, services=services, now=clock, with_tray=False)
    ctx.window.set_profile(profile is not None)  # the replay's own enrolment, not the expert's profile
    ctx.window.show_welcome(False)  # a demo neither shows nor uses up the expert's first-run welcome
    if getattr(args, "expanded", False):
        ctx.window.set_expanded(True)
    ctx.window.setWindowTitle(f"{ctx.window.windowTitle()} – {path.name}")
    c = ctx.companion
    if args.length:
        c.set_length(args.length)
    offset = clock()  # the recording's second 0 on the meeting clock
    ctx.ui.on_action("start")  # the meeting starts listening, as when the expert presses start
    steps = list(args.steps or [])

    def follow_script() -> None:
        audio_s = clock() - offset
        while steps and audio_s >= steps[0]:
            steps.pop(0)
            ctx.ui.on_action("next")
        if layer.finished.is_set() and services.session is not None:
            ctx.flush_listening()  # the recording is over: take in its last talk
            if args.exit_after is None and args.screenshot:
                finish()

    def finish() -> None:
        timer.stop()
        ctx.ui.refresh()
        if args.screenshot:
            args.screenshot.parent.mkdir(parents=True, exist_ok=True)
            ctx.window.grab().save(str(args.screenshot))
            print(f"demo: screenshot {args.screenshot}")
        ctx.app.quit()

    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(follow_script)
    timer.start()
    if args.exit_after:
        QTimer.singleShot(int(args.exit_after * 1000), finish)
    print(f"demo: {path.name}, {layer.duration:.0f} s of audio at {args.speed:g}x", file=sys.stderr)
    try:
        code = ctx.app.exec()
    finally:
        summary = c.summary or (c.meeting.summary(interrupted=False) if c.meeting.active else None)
        ctx.close()
    return code, summary
