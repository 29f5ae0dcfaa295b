"""Privacy: a listening session writes nothing to disk and logs nothing that looks like audio.

The live session runs through the real capture, watchdog and conversion code on the
simulated sound system (with a microphone loss and recovery on the way), under an
audit hook that refuses any write outside the app's own settings/database folders.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time

import numpy as np
import pytest
from privacy_guard import audio_like_log_lines, default_allowed, forbid_writes
from synth import EXPERT_LINES, Voice, speak

from kohtaava_desk.audio.blocks import AudioBlock
from kohtaava_desk.audio.capture import CaptureSettings
from kohtaava_desk.audio.simulated import SimulatedDevice, SimulatedDeviceLayer
from kohtaava_desk.audio.wavfile import FileSource
from kohtaava_desk.listening.live import LiveSession, LiveState
from kohtaava_desk.talk import CaptureGap, Segment, SegmentAdded, Speaker, TalkEvent

MIC = "Kannettavan mikrofoni"


def wait_for(predicate, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the worker did not get there in time")
        time.sleep(0.002)


# The tests here start capture and worker threads (the guard lives in conftest.py).
pytestmark = pytest.mark.usefixtures("no_leaked_threads")


@pytest.fixture(scope="module")
def speech_48k() -> np.ndarray:
    """A few seconds of synthetic Finnish speech at 48 kHz (made before any guard is on)."""
    x = np.concatenate([speak(line, Voice("m3")) for line in EXPERT_LINES[:2]])
    t16 = np.arange(len(x)) / 16_000
    t48 = np.arange(len(x) * 3) / 48_000
    return np.interp(t48, t16, x).astype(np.float32)


def looping(x: np.ndarray, rate: int = 48_000):
    def signal(t: np.ndarray, channels: int) -> np.ndarray:
        y = x[np.round(t * rate).astype(np.int64) % len(x)]
        return np.repeat(y[:, None], channels, axis=1)

    return signal


# --- the guard itself must catch what it claims to ------------------------------------------


def test_the_guard_refuses_writes_outside_the_allowed_paths(tmp_path):
    allowed = tmp_path / "app-data"
    allowed.mkdir()
    readable = tmp_path / "in.txt"
    readable.write_text("hello")
    with forbid_writes([allowed]) as violations:
        assert readable.read_text() == "hello"  # reading is fine
        (allowed / "summary.db").write_bytes(b"ok")  # the app's own folder is fine
        sqlite3.connect(allowed / "meetings.sqlite").close()
        with pytest.raises(PermissionError):
            open(tmp_path / "leak.wav", "wb")
        with pytest.raises(PermissionError):
            os.open(tmp_path / "leak.raw", os.O_WRONLY | os.O_CREAT)
        with pytest.raises(PermissionError):
            open(readable, "a")
        with pytest.raises(PermissionError):
            sqlite3.connect(tmp_path / "elsewhere.sqlite")
        with pytest.raises(PermissionError):
            os.rename(readable, tmp_path / "moved.txt")

        def from_a_thread():
            try:
                open(tmp_path / "thread.pcm", "w")
            except PermissionError:
                pass

        t = threading.Thread(target=from_a_thread, name="some-worker")
        t.start()
        t.join()
    assert [v.path.rsplit(os.sep, 1)[-1] for v in violations] == [
        "leak.wav", "leak.raw", "in.txt", "elsewhere.sqlite", "in.txt", "thread.pcm"]
    assert violations[-1].thread == "some-worker"
    assert not (tmp_path / "leak.wav").exists() and not (tmp_path / "thread.pcm").exists()
    open(tmp_path / "after.txt", "w").close()  # outside the block nothing is enforced


def test_the_default_allow_list_is_the_apps_own_folders(tmp_path):
    data_dir, config_dir, devnull = default_allowed()
    assert str(data_dir).startswith(str(tmp_path)) and str(config_dir).startswith(str(tmp_path))
    assert str(devnull) == os.devnull


def test_the_log_check_recognises_sample_data():
    samples = (np.sin(np.arange(64)) * 3000).astype(np.int16)
    leaks = [
        f"got block {samples!r}",
        f"raw {samples.tobytes()[:32]!r}",
        "values " + ", ".join(str(v) for v in samples[:20]),
        f"frame {samples[:8]}",
        "blob " + samples.tobytes().hex(),
    ]
    records = [logging.LogRecord("x", logging.DEBUG, __file__, 1, text, None, None) for text in leaks]
    assert len(audio_like_log_lines(records)) == len(leaks)
    fine = logging.LogRecord("x", logging.INFO, __file__, 1, "microphone open: %s at %d Hz, %d channel(s)",
                             ("USB mic", 48000, 1), None)
    assert audio_like_log_lines([fine]) == []


# --- listening -------------------------------------------------------------------------------


class CountingPipeline:
    """Looks at every sample (as a real pipeline would) but keeps only numbers."""

    def __init__(self) -> None:
        self.energy = 0.0
        self.until = 0.0
        self.n = 0

    def feed(self, block: AudioBlock) -> list[TalkEvent]:
        self.energy += float(np.square(block.samples.astype(np.float64)).sum())
        self.until = block.t1
        self.n += 1
        if self.n % 10 == 0:
            return [SegmentAdded(Segment(self.n, block.t0, block.t1, Speaker.EXPERT))]
        return []

    def finish(self) -> list[TalkEvent]:
        return []


def run_session_with_a_fault(pipeline, speech: np.ndarray, *, two_channel: bool = False) -> list[TalkEvent]:
    channels = 2 if two_channel else 1
    layer = SimulatedDeviceLayer([SimulatedDevice(MIC, channels=channels, is_default=True)], signal=looping(speech))
    events: list[TalkEvent] = []
    session = LiveSession(pipeline, events.extend, layer=layer, now=layer.clock,
                          capture=CaptureSettings(two_channel=two_channel))
    session.start()
    wait_for(lambda: session.status.state == LiveState.LISTENING)

    def play(seconds: float) -> None:
        for _ in range(round(seconds / 0.5)):
            target = session.session_time() + 0.5
            layer.pump(0.5)
            wait_for(lambda target=target: pipeline_until(pipeline) >= target - 0.05)

    play(4.0)
    layer.unplug(MIC)
    layer.clock.advance(2.5)
    wait_for(lambda: session.status.state == LiveState.MIC_LOST_RETRYING)
    layer.plug(SimulatedDevice(MIC, channels=channels, is_default=True))
    layer.clock.advance(0.6)
    wait_for(lambda: session.status.state == LiveState.LISTENING)
    play(4.0)
    assert session.stop()
    assert session.status.reason == "stopped"
    return events


def pipeline_until(pipeline) -> float:
    if hasattr(pipeline, "until"):
        return pipeline.until
    return pipeline.framer.expected_t or 0.0


@pytest.mark.parametrize("two_channel", [False, True])
def test_a_live_session_with_a_microphone_fault_writes_nothing_and_logs_no_audio(
    speech_48k, caplog, two_channel
):
    caplog.set_level(logging.DEBUG)
    pipeline = CountingPipeline()
    with forbid_writes() as violations:
        events = run_session_with_a_fault(pipeline, speech_48k, two_channel=two_channel)
    assert violations == []
    assert pipeline.energy > 0 and any(isinstance(e, CaptureGap) for e in events)
    logged = [r for r in caplog.records if r.name.startswith("kohtaava_desk")]
    assert any("microphone lost" in r.getMessage() for r in logged)  # the log was really captured
    assert audio_like_log_lines(caplog.records) == []


def test_the_real_listening_pipeline_live_writes_nothing_and_logs_no_audio(speech_48k, caplog):
    from kohtaava_desk.listening.pipeline import ListeningPipeline

    caplog.set_level(logging.DEBUG)
    pipeline = ListeningPipeline()  # the real speaker encoder, weights read from the installed wheel
    with forbid_writes() as violations:
        events = run_session_with_a_fault(pipeline, speech_48k)
    assert violations == []
    assert any(isinstance(e, SegmentAdded) for e in events)  # speech was really processed
    assert audio_like_log_lines(caplog.records) == []


def test_reading_a_wav_file_only_reads(tmp_path, speech_48k):
    import wave

    path = tmp_path / "meeting.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(48_000)
        w.writeframes((speech_48k * 32767).astype("<i2").tobytes())
    with forbid_writes() as violations:
        n = sum(len(b.samples) for b in FileSource(path))
    assert violations == [] and n == len(speech_48k) // 3
