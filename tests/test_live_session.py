"""The threaded live session through the real capture code, on a simulated sound system.

The simulated layer plays PortAudio's callback thread and moves a manual clock, so
"two seconds of silence" costs no real time; the tests only wait (briefly, with a
deadline) for the worker thread to catch up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import numpy as np
import pytest

from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.audio.capture import CaptureSettings
from kohtaava_desk.audio.simulated import SimulatedDevice, SimulatedDeviceLayer
from kohtaava_desk.listening.live import LiveSession, LiveSettings, LiveState, LiveStatus
from kohtaava_desk.talk import CaptureGap, Segment, SegmentAdded, Speaker, TalkEvent

MIC = "Kannettavan mikrofoni"


def wait_for(predicate: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the worker did not get there in time")
        time.sleep(0.002)


class FakePipeline:
    """Stands in for listening/pipeline.py: remembers block timing, says 'expert' once per second."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.spans: list[tuple[float, float]] = []
        self.samples: list[np.ndarray] = []
        self.shapes: set[tuple[int, ...]] = set()
        self.finished = 0
        self.next_second = 1
        self.fed_on: set[str] = set()

    def feed(self, block: AudioBlock) -> list[TalkEvent]:
        with self.lock:
            self.fed_on.add(threading.current_thread().name)
            self.spans.append((block.t0, block.t1))
            self.samples.append(block.samples.copy())
            self.shapes.add(block.samples.shape[1:])
            if block.t1 >= self.next_second:
                self.next_second += 1
                return [SegmentAdded(Segment(self.next_second, block.t1 - 1, block.t1, Speaker.EXPERT))]
        return []

    def finish(self) -> list[TalkEvent]:
        self.finished += 1
        return [SegmentAdded(Segment(0, 0.0, 0.0, Speaker.UNKNOWN))]

    @property
    def audio_until(self) -> float:
        with self.lock:
            return self.spans[-1][1] if self.spans else 0.0


class Watched:
    """Wraps a real pipeline so the test can see how far the worker has got."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.audio_until = 0.0

    def feed(self, block: AudioBlock) -> list[TalkEvent]:
        events = self.inner.feed(block)
        self.audio_until = block.t1
        return events

    def finish(self) -> list[TalkEvent]:
        return self.inner.finish()


class Harness:
    def __init__(self, devices: list[SimulatedDevice], *, capture: CaptureSettings = CaptureSettings(),
                 settings: LiveSettings = LiveSettings(), pipeline=None, signal=None) -> None:
        self.layer = SimulatedDeviceLayer(devices, signal=signal)
        self.clock = self.layer.clock
        pipeline = pipeline or FakePipeline()
        self.pipeline = pipeline if hasattr(pipeline, "audio_until") else Watched(pipeline)
        self.events: list[TalkEvent] = []
        self.statuses: list[LiveStatus] = []
        self.session = LiveSession(self.pipeline, self.events.extend, self.statuses.append, capture=capture,
                                   settings=settings, layer=self.layer, now=self.clock)

    def start(self) -> Harness:
        self.session.start()
        return self

    def wait_state(self, state: LiveState, reason: str | None = None) -> LiveStatus:
        wait_for(lambda: self.session.status.state == state and reason in (None, self.session.status.reason))
        return self.session.status

    def wait_stream(self) -> None:
        wait_for(lambda: self.session.status.state == LiveState.LISTENING and any(s.active for s in self.layer.streams))

    def advance_until_listening(self) -> None:
        """Let fake time pass in 0.1 s steps until a retry opens the microphone."""

        def opened() -> bool:
            if any(s.active for s in self.layer.streams):
                return True
            self.clock.advance(0.1)
            return False

        wait_for(opened)
        self.wait_stream()

    def play(self, seconds: float) -> None:
        """Let the microphone deliver `seconds` of audio and the worker consume it.

        Pumped in small steps: the simulated callbacks come faster than real time and
        would otherwise overrun a small queue that a real-time stream never fills.
        """
        left = seconds
        while left > 1e-9:
            step = min(0.3, left)
            target = self.session.session_time() + step
            self.layer.pump(step)
            wait_for(lambda target=target: self.pipeline.audio_until >= target - 0.02)
            left -= step

    def gaps(self) -> list[CaptureGap]:
        return [e for e in self.events if isinstance(e, CaptureGap)]

    def let_time_pass(self, steps: int, step_s: float) -> None:
        """Advance the fake clock in steps, giving the worker a moment of real time after each."""
        for _ in range(steps):
            self.clock.advance(step_s)
            time.sleep(0.01)

    def plug_back_and_stop(self) -> float:
        """Plug the microphone back in, hear 1 s once it listens, stop; returns when listening resumed."""
        self.layer.plug(SimulatedDevice(MIC, is_default=True))
        self.advance_until_listening()
        t_back = self.session.session_time()
        self.play(1.0)
        assert self.session.stop()
        return t_back


# The tests here start capture and worker threads (the guard lives in conftest.py).
pytestmark = pytest.mark.usefixtures("no_leaked_threads")


def test_audio_flows_in_16khz_blocks_on_the_session_clock_and_events_pass_through():
    h = Harness([SimulatedDevice(MIC, is_default=True, default_rate=44_100, rates=(44_100,))]).start()
    h.wait_stream()
    h.play(3.0)
    assert h.session.stop()
    spans = h.pipeline.spans
    assert spans[0][0] == pytest.approx(0.0, abs=0.01)
    for (_, a1), (b0, _) in zip(spans, spans[1:]):
        assert b0 == pytest.approx(a1, abs=1e-9)
    assert spans[-1][1] == pytest.approx(3.0, abs=0.01)
    assert h.pipeline.shapes == {()}
    y = np.concatenate(h.pipeline.samples) / 32768
    ideal = 0.2 * np.sin(2 * np.pi * 220 * (np.arange(len(y)) / SAMPLE_RATE + spans[0][0]))
    assert np.max(np.abs(y[800:-800] - ideal[800:-800])) < 2e-3  # resampled at the right place
    assert h.pipeline.fed_on == {"kohtaava-listening"}  # not PortAudio's thread, not the caller's
    experts = [e for e in h.events if isinstance(e, SegmentAdded) and e.segment.speaker == Speaker.EXPERT]
    assert len(experts) == 3
    assert h.pipeline.finished == 1 and isinstance(h.events[-1], SegmentAdded)  # finish() events delivered
    assert h.gaps() == []
    assert [s.state for s in h.statuses] == [LiveState.STARTING, LiveState.LISTENING, LiveState.STOPPED]
    assert h.statuses[1].text == f"Kuunnellaan: {MIC}"
    assert h.layer.streams == []  # closed


def test_no_microphone_at_start_then_plugged_in():
    h = Harness([]).start()
    lost = h.wait_state(LiveState.MIC_LOST_RETRYING, "no_device")
    assert lost.text == "Mikrofonia ei löydy – yritetään uudelleen"
    h.let_time_pass(10, 0.5)  # 5 s pass: the clock runs, the session keeps retrying
    assert h.session.session_time() == pytest.approx(5.0)
    assert h.session.status.state == LiveState.MIC_LOST_RETRYING
    t_back = h.plug_back_and_stop()
    [gap] = h.gaps()
    assert gap.start == 0.0 and gap.end == pytest.approx(t_back, abs=0.01)
    assert h.layer.reinit_count >= 2  # rescans found the new device
    assert h.pipeline.spans[0][0] == pytest.approx(gap.end, abs=1e-9)
    states = [s.state for s in h.statuses]
    assert states == [LiveState.STARTING, LiveState.MIC_LOST_RETRYING, LiveState.LISTENING, LiveState.STOPPED]


def test_unplugged_mid_meeting_goes_quiet_then_comes_back():
    h = Harness([SimulatedDevice(MIC, is_default=True)]).start()
    h.wait_stream()
    h.play(2.0)
    h.layer.unplug(MIC)  # PortAudio keeps the stream "active"; only the callbacks stop
    h.clock.advance(2.5)
    status = h.wait_state(LiveState.MIC_LOST_RETRYING, "stalled")
    assert status.text == "Mikrofonista ei tule ääntä – yhteys avataan uudelleen"
    assert status.at == pytest.approx(4.5)
    h.let_time_pass(6, 1.0)  # still unplugged: retries fail, the status does not flicker
    h.wait_state(LiveState.MIC_LOST_RETRYING, "no_device")
    assert [s.reason for s in h.statuses[-2:]] == ["stalled", "no_device"]
    t_back = h.plug_back_and_stop()
    [gap] = h.gaps()
    assert gap.start == pytest.approx(2.0, abs=0.01)  # right after the last audio
    assert gap.end == pytest.approx(t_back, abs=0.01)
    assert h.pipeline.spans[-1][1] == pytest.approx(t_back + 1.0, abs=0.01)
    assert h.session.counters()["losses"] == 1


def test_stream_stopped_by_the_system_then_reopened_at_another_rate():
    h = Harness([SimulatedDevice(MIC, is_default=True)]).start()
    h.wait_stream()
    h.play(1.0)
    h.layer.unplug(MIC, stops_stream=True)
    h.wait_state(LiveState.MIC_LOST_RETRYING, "stream_stopped")
    h.layer.plug(SimulatedDevice(MIC, is_default=True, default_rate=16_000, rates=(16_000,)))
    h.clock.advance(0.6)
    h.wait_stream()
    h.play(1.0)
    assert h.session.stop()
    [gap] = h.gaps()
    assert gap.end - gap.start == pytest.approx(0.6, abs=0.02)
    assert h.layer.reinit_count == 1


def test_silently_stalled_stream_is_reopened_on_the_same_device():
    h = Harness([SimulatedDevice(MIC, is_default=True)]).start()
    h.wait_stream()
    h.play(1.0)
    h.layer.stall()
    h.clock.advance(1.9)
    time.sleep(0.05)
    assert h.session.status.state == LiveState.LISTENING  # not yet: 2 s is the limit
    h.clock.advance(0.2)
    h.wait_state(LiveState.MIC_LOST_RETRYING, "stalled")
    h.clock.advance(0.5)
    h.wait_stream()
    h.play(0.5)
    assert h.session.stop()
    assert h.layer.reinit_count == 1 and h.layer.open_count == 2
    [gap] = h.gaps()
    assert gap.start == pytest.approx(1.0, abs=0.01) and gap.end == pytest.approx(3.6, abs=0.01)


def test_stopping_while_the_microphone_is_lost_marks_the_gap_until_the_end():
    h = Harness([SimulatedDevice(MIC, is_default=True)]).start()
    h.wait_stream()
    h.play(1.0)
    h.layer.unplug(MIC)
    h.clock.advance(3.0)
    h.wait_state(LiveState.MIC_LOST_RETRYING)
    h.clock.advance(10.0)
    assert h.session.stop()
    [gap] = h.gaps()
    assert gap.start == pytest.approx(1.0, abs=0.01) and gap.end == pytest.approx(14.0)
    assert h.session.status.state == LiveState.STOPPED and h.pipeline.finished == 1


class SlowPipeline(FakePipeline):
    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.entered = threading.Event()

    def feed(self, block):
        self.entered.set()
        self.gate.wait(2.0)
        return super().feed(block)


def test_a_slow_consumer_loses_audio_that_is_marked_and_counted_not_blocked():
    pipeline = SlowPipeline()
    h = Harness([SimulatedDevice(MIC, is_default=True)], capture=CaptureSettings(queue_seconds=0.5),
                settings=LiveSettings(min_gap_seconds=0.05), pipeline=pipeline).start()
    h.wait_stream()
    h.layer.pump(0.1)
    assert pipeline.entered.wait(2.0)  # the worker is now stuck on the first block
    calls = h.layer.pump(1.9)
    assert calls == 19  # the callback never blocked
    pipeline.gate.set()
    wait_for(lambda: pipeline.audio_until >= 0.59)  # the first block plus the 5 that fit the queue
    h.play(1.0)
    assert h.session.stop()
    assert h.session.counters()["dropped_chunks"] == 14
    assert [(round(g.start, 3), round(g.end, 3)) for g in h.gaps()] == [(0.6, 2.0)]
    assert h.pipeline.spans[-1][1] == pytest.approx(3.0, abs=0.01)


def test_two_channel_mode_delivers_both_channels():
    def stereo(t, channels):
        return np.stack([0.3 * np.sin(2 * np.pi * 300 * t), 0.1 * np.sin(2 * np.pi * 900 * t)], 1).astype(np.float32)

    h = Harness([SimulatedDevice(MIC, channels=2, is_default=True)], capture=CaptureSettings(two_channel=True),
                signal=stereo).start()
    h.wait_stream()
    h.play(1.0)
    assert h.session.stop()
    y = np.concatenate(h.pipeline.samples) / 32768
    assert y.shape[1] == 2
    assert np.sqrt(np.mean(y[:, 0] ** 2)) == pytest.approx(0.3 / np.sqrt(2), rel=0.02)
    assert np.sqrt(np.mean(y[:, 1] ** 2)) == pytest.approx(0.1 / np.sqrt(2), rel=0.02)


def test_two_channel_mode_without_a_stereo_microphone_says_why():
    h = Harness([SimulatedDevice(MIC, channels=1, is_default=True)], capture=CaptureSettings(two_channel=True),
                settings=LiveSettings(language="en")).start()
    status = h.wait_state(LiveState.MIC_LOST_RETRYING, "needs_two_channels")
    assert "two-channel microphone" in status.text and MIC in status.text
    assert h.session.stop()


def test_configured_device_missing_listens_on_the_default_and_says_so():
    h = Harness([SimulatedDevice("Sisäinen mikrofoni", is_default=True)],
                capture=CaptureSettings(device="Jabra Evolve2 65"), settings=LiveSettings(language="sv")).start()
    status = h.wait_state(LiveState.LISTENING, "listening_fallback")
    assert status.text == "Lyssnar: Sisäinen mikrofoni (den valda mikrofonen ”Jabra Evolve2 65” hittades inte)"
    assert h.session.stop()


class BrokenPipeline(FakePipeline):
    def feed(self, block):
        raise ValueError("the client said: secret words 0.123 0.456")


def test_a_pipeline_failure_stops_listening_cleanly_without_logging_its_message(caplog):
    caplog.set_level(logging.DEBUG)
    h = Harness([SimulatedDevice(MIC, is_default=True)], pipeline=BrokenPipeline(),
                settings=LiveSettings(language="en"))
    h.start()
    h.wait_stream()
    h.layer.pump(0.3)
    status = h.wait_state(LiveState.STOPPED)
    assert status.reason == "internal_error" and status.text == "Listening stopped on an internal error (ValueError)"
    assert h.session.stop()
    assert h.layer.streams == []
    assert "ValueError" in caplog.text and "secret" not in caplog.text


def test_a_failing_event_receiver_does_not_stop_listening(caplog):
    h = Harness([SimulatedDevice(MIC, is_default=True)])

    def explode(events):
        raise RuntimeError("ui bug")

    h.session._on_events = explode
    h.start()
    h.wait_stream()
    h.play(2.0)
    assert h.session.status.state == LiveState.LISTENING
    assert h.session.stop()
    assert "on_events callback failed: RuntimeError" in caplog.text


def test_stop_reports_a_worker_that_does_not_finish_in_time():
    pipeline = SlowPipeline()
    h = Harness([SimulatedDevice(MIC, is_default=True)], pipeline=pipeline).start()
    h.wait_stream()
    h.layer.pump(0.2)
    assert pipeline.entered.wait(2.0)  # the worker is now inside feed(), waiting on the gate
    assert h.session.stop(timeout=0.05) is False
    pipeline.gate.set()
    assert h.session.stop(timeout=2.0) is True
    assert not h.session.running


def test_a_session_starts_once_and_stop_before_start_is_harmless():
    h = Harness([SimulatedDevice(MIC, is_default=True)])
    assert h.session.stop() is True
    h2 = Harness([SimulatedDevice(MIC, is_default=True)]).start()
    with pytest.raises(RuntimeError):
        h2.session.start()
    assert h2.session.stop()


# --- with the real listening pipeline ---------------------------------------------------------------


def test_live_capture_gives_the_real_pipeline_the_same_answer_as_offline_analysis():
    """Microphone at 48 kHz through capture and resampling vs the same dialogue fed at 16 kHz directly."""
    from synth import CLIENT_LINES, EXPERT_LINES, Voice, build_dialogue, mix_two_channel

    from kohtaava_desk.listening.pipeline import ListeningPipeline, ListeningSettings
    from kohtaava_desk.listening.tally import TalkTally

    rng = np.random.default_rng(7)
    script = [("expert", EXPERT_LINES[2]), ("client", CLIENT_LINES[0]), ("expert", EXPERT_LINES[4]),
              ("client", CLIENT_LINES[1])]
    dialogue = build_dialogue(script, Voice("m3"), Voice("m1", pitch=40), rng)
    x16 = mix_two_channel(dialogue, rng)
    n48 = len(x16) * 3
    x48 = np.stack([np.interp(np.arange(n48) / 48_000, np.arange(len(x16)) / 16_000, x16[:, c]) for c in (0, 1)],
                   axis=1).astype(np.float32)

    def play_once(t, channels):
        i = np.round(t * 48_000).astype(np.int64)
        out = np.zeros((len(t), 2), np.float32)
        ok = i < n48
        out[ok] = x48[i[ok]]
        return out

    settings = ListeningSettings(two_channel=True)
    h = Harness([SimulatedDevice(MIC, channels=2, is_default=True)], capture=CaptureSettings(two_channel=True),
                pipeline=ListeningPipeline(settings), signal=play_once)
    h.start()
    h.wait_stream()
    h.play(n48 / 48_000 + 0.3)
    assert h.session.stop()
    live = TalkTally()
    live.apply(h.events)

    offline_pipeline = ListeningPipeline(settings)
    offline = TalkTally()
    for i in range(0, len(x16), 1600):
        offline.apply(offline_pipeline.feed(AudioBlock(i / 16_000, (np.clip(x16[i:i + 1600], -1, 1) * 32767)
                                                       .astype(np.int16))))
    offline.apply(offline_pipeline.finish())

    assert offline.seconds(Speaker.EXPERT) > 3 and offline.seconds(Speaker.CLIENT) > 3
    for who in (Speaker.EXPERT, Speaker.CLIENT):
        assert live.seconds(who) == pytest.approx(offline.seconds(who), abs=0.35), who
    assert abs(live.seconds(Speaker.EXPERT) - dialogue.expert_s) < 1.0
