"""The Qt-free composition root: status mapping, the clock offset, calibration as events, the file-backed
microphone behind the live path, and a shutdown that no late model can outlive."""

from __future__ import annotations

import threading
import time
import wave

import numpy as np
import pytest

from kohtaava_desk.app.events import QualityReporting, shift_events
from kohtaava_desk.app.services import Services
from kohtaava_desk.app.status import ListeningStates
from kohtaava_desk.audio.capture import CaptureSettings
from kohtaava_desk.audio.filedevice import FileDeviceLayer
from kohtaava_desk.audio.wavfile import FileSource
from kohtaava_desk.companion import ListeningState, VoiceState
from kohtaava_desk.listening.collect import BlockCollector
from kohtaava_desk.listening.live import LiveSession, LiveState, LiveStatus
from kohtaava_desk.meeting import CaptureGap, Segment, SegmentAdded, SegmentRevised, Speaker
from kohtaava_desk.speech.loader import ModelState, ModelStatus
from kohtaava_desk.talk import Confidence, ListeningQuality

E, C = Speaker.EXPERT, Speaker.CLIENT


class RecordingSink:
    def __init__(self):
        self.posts = []

    def post_events(self, events):
        self.posts.append(("events", events))

    def post_listening(self, state):
        self.posts.append(("listening", state))

    def post_voice(self, state, message=""):
        self.posts.append(("voice", state, message))

    def post_heard(self, heard):
        self.posts.append(("heard", heard))

    def post_note(self, message):
        self.posts.append(("note", message))


def _status(state: LiveState, reason: str) -> LiveStatus:
    return LiveStatus(state, reason, reason, 0.0)


# --- status ---------------------------------------------------------------------------------------


def test_every_live_state_is_a_listening_state():
    assert {s.value for s in LiveState} <= {s.value for s in ListeningState}


def test_no_device_reads_no_microphone_until_one_was_heard_then_lost():
    states = ListeningStates()
    assert states(_status(LiveState.MIC_LOST_RETRYING, "no_device")) is ListeningState.NO_MICROPHONE
    assert states(_status(LiveState.LISTENING, "listening")) is ListeningState.LISTENING
    assert states(_status(LiveState.MIC_LOST_RETRYING, "no_device")) is ListeningState.MIC_LOST_RETRYING
    assert states(_status(LiveState.MIC_LOST_RETRYING, "portaudio_missing")) is ListeningState.UNAVAILABLE
    assert states(_status(LiveState.STOPPED, "stopped")) is ListeningState.STOPPED


def test_a_recording_for_a_microphone_shows_as_replay():
    assert ListeningStates(replay=True)(_status(LiveState.LISTENING, "listening")) is ListeningState.REPLAY


def test_the_model_state_is_the_voice_state():
    assert VoiceState is ModelState  # one enum: the loader's states are what the widget shows


# --- events ---------------------------------------------------------------------------------------


def test_shift_events_moves_session_time_onto_the_meeting_clock():
    quality = ListeningQuality(True, Confidence.ENROLLED)
    evs = [SegmentAdded(Segment(1, 0.5, 2.0, E)), CaptureGap(3.0, 4.0), SegmentRevised(1, C), quality]
    out = shift_events(evs, 100.0)
    assert out[0].segment.start == 100.5 and out[0].segment.end == 102.0 and out[0].segment.speaker is E
    assert out[1] == CaptureGap(103.0, 104.0)
    assert out[2:] == [SegmentRevised(1, C), quality]


class ScriptedPipeline:
    def __init__(self, calibrating):
        self._calibrating = list(calibrating)
        self.calibrating = True
        self.confidence = Confidence.ENROLLED
        self.share_band = None
        self.figure_confidence = "low"

    def feed(self, block):
        self.calibrating = self._calibrating.pop(0)
        return [SegmentAdded(Segment(1, 0.0, 1.0, E))]

    def finish(self):
        return []


def test_calibration_is_reported_as_an_event_only_when_it_changes():
    rep = QualityReporting(ScriptedPipeline([True, True, False, False]))
    got = [rep.feed(None) for _ in range(4)] + [rep.finish()]
    quality = [[e for e in evs if isinstance(e, ListeningQuality)] for evs in got]
    assert quality == [[ListeningQuality(True, Confidence.ENROLLED)], [],
                       [ListeningQuality(False, Confidence.ENROLLED)], [], []]
    assert all(isinstance(evs[0], SegmentAdded) for evs in got[:4])


def test_finish_ends_calibration_even_if_it_never_settled():
    rep = QualityReporting(ScriptedPipeline([True]))
    rep.feed(None)
    assert rep.finish() == [ListeningQuality(False, Confidence.ENROLLED)]


# --- the file-backed microphone ---------------------------------------------------------------------


class FastClock:
    """Real time sped up 40 times: a few seconds of recording play in a fraction of a second."""

    def __init__(self):
        self._t0 = time.monotonic()

    def __call__(self):
        return 5000.0 + (time.monotonic() - self._t0) * 40.0


def _wav(path, seconds=3.0, rate=16_000):
    rng = np.random.default_rng(3)
    samples = (rng.standard_normal(int(seconds * rate)) * 3000).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return samples


def test_a_recording_plays_through_the_live_session_sample_for_sample(tmp_path, no_leaked_threads):
    samples = _wav(tmp_path / "m.wav")
    clock = FastClock()
    layer = FileDeviceLayer(tmp_path / "m.wav", clock)
    collector = BlockCollector()
    statuses = []
    session = LiveSession(collector, lambda events: None, statuses.append, capture=CaptureSettings(),
                          layer=layer, now=clock)
    session.start()
    assert layer.finished.wait(10.0)
    session.stop()
    got = np.concatenate([b.samples for b in collector.take()])
    assert len(got) >= len(samples)  # the file, then silence until the session stopped
    np.testing.assert_allclose(got[: len(samples)].astype(int), samples.astype(int), atol=1)
    assert not got[len(samples):].any()
    assert [s.state for s in statuses][:2] == [LiveState.STARTING, LiveState.LISTENING]


def test_a_recording_is_played_once_and_bad_files_fail_at_once(tmp_path):
    _wav(tmp_path / "m.wav", seconds=0.5)
    layer = FileDeviceLayer(tmp_path / "m.wav", FastClock())
    (device,) = layer.list_inputs()
    stream = layer.open_input(device, 16_000, 1, 1600, lambda frames, overflow: None)
    stream.close()
    with pytest.raises(Exception, match="already played"):
        layer.open_input(device, 16_000, 1, 1600, lambda frames, overflow: None)
    (tmp_path / "bad.wav").write_bytes(b"RIFF nonsense")
    with pytest.raises(Exception):
        FileDeviceLayer(tmp_path / "bad.wav", FastClock())
    assert FileSource(tmp_path / "m.wav").duration == pytest.approx(0.5)


# --- services ---------------------------------------------------------------------------------------


class FakeLoader:
    model = object()

    def cancel(self):
        pass

    def join(self, timeout=None):
        return True


def test_a_model_ready_during_shutdown_starts_no_recogniser(default_config, tmp_path, no_leaked_threads):
    sink = RecordingSink()
    services = Services(default_config, sink, audio=False, store=False, tts=False)
    services.loader = FakeLoader()
    services.shutdown()
    # The loader thread finishes after shutdown took the recogniser: nothing may start now.
    services._on_model(ModelStatus(ModelState.READY, tmp_path, sample_rate=16_000, load_seconds=1.0))
    assert services.recognizer is None
    assert not [t for t in threading.enumerate() if t.name == "kohtaava-recognizer"]
    assert not [p for p in sink.posts if p[0] == "voice"]


def test_a_model_ready_before_shutdown_starts_one_that_shutdown_stops(default_config, tmp_path,
                                                                     no_leaked_threads, monkeypatch):
    import kohtaava_desk.speech.recognizer as recognizer

    class Silent:
        def AcceptWaveform(self, pcm):  # noqa: N802 (Vosk's name)
            return False

    class Worker(recognizer.RecognizerWorker):
        def __init__(self, model, on_utterance):
            super().__init__(model, on_utterance, recognizer_factory=lambda m, rate: Silent())

    monkeypatch.setattr(recognizer, "RecognizerWorker", Worker)
    sink = RecordingSink()
    services = Services(default_config, sink, audio=False, store=False, tts=False)
    services.loader = FakeLoader()
    services._on_model(ModelStatus(ModelState.READY, tmp_path, sample_rate=16_000, load_seconds=1.0))
    assert services.recognizer is not None and services.recognizer.running
    assert sink.posts[-1][:2] == ("voice", VoiceState.READY)
    services.shutdown()
    assert services.recognizer is None


def test_statuses_reach_the_sink_as_enums(default_config):
    sink = RecordingSink()
    services = Services(default_config, sink, audio=False, speech=False, store=False, tts=False)
    services.start_background()
    services._on_status(_status(LiveState.MIC_LOST_RETRYING, "no_device"))
    assert sink.posts == [("voice", VoiceState.OFF, ""), ("listening", ListeningState.NO_MICROPHONE)]


def test_the_recorder_remembers_which_stored_meeting_ended(default_config):
    class Store:
        def start_meeting(self, summary):
            return 41

        def finish(self, meeting_id, summary):
            self.finished = meeting_id

    services = Services(default_config, RecordingSink(), audio=False, speech=False, tts=False)
    services.store = Store()
    recorder = services.recorder()
    recorder.begin(None)
    recorder.finish(None)
    assert services.last_meeting_id == 41 and services.store.finished == 41
