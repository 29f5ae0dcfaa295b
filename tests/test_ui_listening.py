"""The app with the real listening session on a simulated sound card: talk reaches the widget on the
meeting clock, an unplugged microphone shows "microphone lost, retrying" while the clock runs on, and
ending the meeting stops and joins the worker."""

from __future__ import annotations

import argparse
import time

import pytest

import ui_helpers  # noqa: F401  (offscreen Qt before any widget is made)

from kohtaava_desk.audio.simulated import SimulatedDevice, SimulatedDeviceLayer
from kohtaava_desk.companion import ListeningState
from kohtaava_desk.i18n import t
from kohtaava_desk.meeting import Segment, SegmentAdded, Speaker
from kohtaava_desk.ui import app as app_module
from kohtaava_desk.app.services import Services
from kohtaava_desk.talk import Confidence
from kohtaava_desk.ui.bridge import WorkerBridge

MIC = "Simulated USB Mic"


class EveryBlockIsTheExpert:
    """Stands in for the attribution pipeline: each block becomes an expert segment (session time)."""

    calibrating = False
    confidence = Confidence.UNENROLLED
    share_band = None
    figure_confidence = "low"

    def __init__(self):
        self.n = 0

    def feed(self, block):
        self.n += 1
        return [SegmentAdded(Segment(self.n, block.t0, block.t1, Speaker.EXPERT))]

    def finish(self):
        return []


class SimServices(Services):
    def __init__(self, config, **kwargs):
        super().__init__(config, WorkerBridge(), **kwargs)

    def make_pipeline(self):
        return EveryBlockIsTheExpert()


def test_live_session_feeds_the_widget_and_reports_a_lost_microphone(qtbot, no_leaked_threads):
    layer = SimulatedDeviceLayer([SimulatedDevice(MIC, is_default=True)])
    clock = layer.clock
    loaded = app_module.load_effective(None)
    services = SimServices(loaded.config, speech=False, store=False, tts=False, now=clock, layer=layer)
    ctx = app_module.build(argparse.Namespace(office=None), services=services, now=clock, with_tray=False)
    qtbot.addWidget(ctx.window)
    try:
        clock.advance(5.0)  # the session starts later than the app: offsets must line up
        ctx.ui.on_action("toggle")
        qtbot.waitUntil(lambda: any(s.active for s in layer.streams), timeout=5000)
        for _ in range(20):  # 2 s of audio, paced so the worker keeps up
            layer.pump(0.1)
            time.sleep(0.005)
        qtbot.waitUntil(lambda: ctx.companion.meeting.totals().expert_s >= 1.5, timeout=5000)
        assert ctx.companion.listening is ListeningState.LISTENING
        talk = ctx.companion.meeting.totals()
        assert talk.expert_s <= ctx.companion.meeting.elapsed() + 0.01  # never ahead of the meeting clock
        layer.unplug(MIC)
        clock.advance(2.5)
        qtbot.waitUntil(lambda: ctx.companion.listening is ListeningState.MIC_LOST_RETRYING, timeout=5000)
        elapsed = ctx.companion.meeting.elapsed()
        ctx.ui.refresh()
        assert ctx.window.line.text.text() == t("listen.mic_lost_retrying", "fi")
        clock.advance(3.0)
        ctx.ui.refresh()
        assert ctx.companion.meeting.elapsed() == pytest.approx(elapsed + 3.0)  # the clock goes on
        ctx.ui.on_action("end")
        assert services.session is None
        assert ctx.companion.summary.capture_gap_s > 0  # the lost span is marked in the ledger
    finally:
        ctx.close()


def test_no_microphone_at_start_says_so_and_the_clock_runs(qtbot, no_leaked_threads):
    """With nothing plugged in the widget says 'no microphone found' (not 'lost'), and picks one up later."""
    layer = SimulatedDeviceLayer([])
    clock = layer.clock
    loaded = app_module.load_effective(None)
    services = SimServices(loaded.config, speech=False, store=False, tts=False, now=clock, layer=layer)
    ctx = app_module.build(argparse.Namespace(office=None), services=services, now=clock, with_tray=False)
    qtbot.addWidget(ctx.window)
    try:
        ctx.ui.on_action("toggle")
        qtbot.waitUntil(lambda: ctx.companion.listening is ListeningState.NO_MICROPHONE, timeout=5000)
        ctx.ui.refresh()
        assert ctx.window.line.text.text() == t("listen.no_microphone", "fi")
        clock.advance(4.0)
        ctx.ui.refresh()
        assert ctx.companion.meeting.elapsed() == pytest.approx(4.0)
        layer.plug(SimulatedDevice(MIC, is_default=True))
        for _ in range(80):  # the watchdog re-initialises PortAudio with backoff and finds the new device
            clock.advance(0.25)
            layer.pump(0.05)
            qtbot.wait(10)  # let the worker's status signal reach the UI thread
            if ctx.companion.listening is ListeningState.LISTENING:
                break
        assert ctx.companion.listening is ListeningState.LISTENING
    finally:
        ctx.close()
