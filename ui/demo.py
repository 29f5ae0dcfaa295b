"""The `demo` command's front end: a recording plays through the listening pipeline into the real
widget, on a simulated clock running `speed` times faster than real time.

A worker thread reads the file and feeds the pipeline only as fast as the simulated clock allows, so
the widget sees talk arrive as it would live; events reach the UI thread through the WorkerBridge.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer

from kohtaava_desk.companion import ListeningState
from kohtaava_desk.companion.controller import shift_events

from . import app as app_module
from .services import Services

log = logging.getLogger(__name__)


class SimClock:
    """Monotonic time sped up by `speed`, starting at `start` (thread-safe: reads only)."""

    def __init__(self, speed: float, start: float = 10_000.0) -> None:
        self.speed = speed
        self.start = start
        self._real0 = time.monotonic()

    def __call__(self) -> float:
        return self.start + (time.monotonic() - self._real0) * self.speed


def load_profile(path: Path | None) -> Any:
    if path is None:
        return None
    import numpy as np

    from kohtaava_desk.audio.wavfile import FileSource
    from kohtaava_desk.speakers.profile import enrol
    wav = np.concatenate([b.samples for b in FileSource(path)])
    return enrol(wav).embedding


class Replay:
    """Feeds the recording into the pipeline, paced by the simulated clock, in one worker thread."""

    def __init__(self, path: Path, pipeline: Any, services: Services, clock: SimClock, offset: float,
                 two_channel: bool = False) -> None:
        from kohtaava_desk.audio.wavfile import FileSource
        self.source = FileSource(path, two_channel=two_channel)
        self.pipeline = pipeline
        self.services = services
        self.clock = clock
        self.offset = offset
        self.done = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kohtaava-demo-replay", daemon=True)

    @property
    def duration(self) -> float:
        return self.source.duration

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        bridge = self.services.bridge
        bridge.post_listening(ListeningState.REPLAY.value)
        try:
            for block in self.source:
                while not self._stop.is_set() and self.clock() - self.offset < block.t1:
                    time.sleep(0.02)
                if self._stop.is_set():
                    return
                bridge.post_events(shift_events(self.pipeline.feed(block), self.offset))
                bridge.post_calibrating(bool(getattr(self.pipeline, "calibrating", False)))
            bridge.post_events(shift_events(self.pipeline.finish(), self.offset))
            bridge.post_calibrating(False)
        except Exception as exc:
            log.error("demo replay stopped: %s", exc)
        finally:
            bridge.post_listening(ListeningState.STOPPED.value)
            self.done.set()


def run(args: argparse.Namespace) -> int:
    return play(args)[0]


def play(args: argparse.Namespace) -> tuple[int, Any]:
    """Run the demo; returns (exit code, the meeting's numeric summary or None)."""
    path: Path = args.file
    if not path.exists():
        print(f"demo: {path}: file not found", file=sys.stderr)
        return 2, None
    clock = SimClock(args.speed)
    loaded = app_module.load_effective(app_module.chosen_office(args))
    # No store: a demo must not end up in the expert's own self-review. No microphone either.
    services = Services(loaded.config, audio=False, store=False, tts=False, now=clock)
    try:
        profile = load_profile(getattr(args, "enroll", None))
    except Exception as exc:
        print(f"demo: enrolment file {args.enroll}: {exc}", file=sys.stderr)
        return 2, None
    from kohtaava_desk.listening.pipeline import ListeningPipeline, ListeningSettings
    try:
        pipeline = ListeningPipeline(ListeningSettings(two_channel=args.two_channel), profile_embedding=profile,
                                     speech_tap=services._speech_tap)
    except Exception as exc:
        print(f"demo: the listening pipeline could not start: {exc}", file=sys.stderr)
        return 2, None
    ctx = app_module.build(args, services=services, now=clock, with_tray=False)
    if getattr(args, "expanded", False):
        ctx.window.set_expanded(True)
    ctx.window.setWindowTitle(f"{ctx.window.windowTitle()} – {path.name}")
    c = ctx.companion
    if args.length:
        c.set_length(args.length)
    offset = clock()  # the recording's second 0 on the meeting clock
    c.start()
    ctx.ui.refresh()
    try:
        replay = Replay(path, pipeline, services, clock, offset, args.two_channel)
    except Exception as exc:
        print(f"demo: {path}: {exc}", file=sys.stderr)
        ctx.close()
        return 2, None
    steps = list(args.steps or [])

    def follow_script() -> None:
        audio_s = clock() - offset
        while steps and audio_s >= steps[0]:
            steps.pop(0)
            ctx.ui.on_action("next")
        if replay.done.is_set() and args.exit_after is None and args.screenshot:
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
    replay.start()
    print(f"demo: {path.name}, {replay.duration:.0f} s of audio at {args.speed:g}x", file=sys.stderr)
    summary = None
    try:
        code = ctx.app.exec()
    finally:
        replay.stop()
        summary = c.summary or (c.meeting.summary(interrupted=False) if c.meeting.active else None)
        ctx.close()
    return code, summary
