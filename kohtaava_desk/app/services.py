"""The parts around the meeting: microphone session, speech model and recogniser, store, spoken cues.

Each may be missing or fail; none may stop the meeting clock or crash the app. Workers report to a
`Sink` from their own threads (the Qt front end's sink emits signals; a test's sink records); only
numbers, enums and finished texts cross: recognised words are read by `understand()` inside the
recogniser's callback and dropped there.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from kohtaava_desk import paths
from kohtaava_desk.companion.state import ListeningState, VoiceState
from kohtaava_desk.config.schema import Config
from kohtaava_desk.i18n import t
from kohtaava_desk.talk import Speaker, TalkEvent

from .status import ListeningStates

if TYPE_CHECKING:
    import numpy as np

    from kohtaava_desk.audio.blocks import AudioBlock
    from kohtaava_desk.audio.capture import CaptureSettings
    from kohtaava_desk.audio.devices import DeviceLayer
    from kohtaava_desk.companion.whose import HeardSpeech
    from kohtaava_desk.listening.collect import BlockCollector
    from kohtaava_desk.listening.live import LiveSession, LiveStatus
    from kohtaava_desk.listening.pipeline import ListeningPipeline
    from kohtaava_desk.speech.loader import ModelLoader, ModelStatus
    from kohtaava_desk.speech.recognizer import RecognizerWorker
    from kohtaava_desk.spoken.tts import SpokenCues, TtsEvent
    from kohtaava_desk.store.db import MeetingStore
    from kohtaava_desk.store.recorder import SafeRecorder
    from kohtaava_desk.store.startup import StartupReport

    from .events import QualityReporting

# The workers' modules (numpy, the pipeline, Vosk, SQLite, espeak) are imported where they start, not
# here: the widget must be on screen before any of them loads (start-up budget 1.5 s).

log = logging.getLogger(__name__)


class Sink(Protocol):
    """Receives the workers' reports, on the workers' threads."""

    def post_events(self, events: list[TalkEvent]) -> None: ...

    def post_listening(self, state: ListeningState) -> None: ...

    def post_voice(self, state: VoiceState, message: str = "") -> None: ...

    def post_heard(self, heard: HeardSpeech) -> None: ...

    def post_note(self, message: str) -> None: ...


class Services:
    def __init__(self, config: Config, sink: Sink, *, audio: bool = True, speech: bool = True, store: bool = True,
                 tts: bool = True, now: Callable[[], float] = time.monotonic, layer: DeviceLayer | None = None,
                 capture: CaptureSettings | None = None, profile: np.ndarray | None | bool = True,
                 replay: bool = False) -> None:
        """`now` must be the meeting's clock. `layer` replaces the real sound system (tests, `demo`'s
        recording) and `capture` the configured microphone. `profile`: True = the saved voice profile,
        else the embedding to use (None = guess by loudness). `replay`: the input is a recording."""
        self.config = config
        self.sink = sink
        self._want = {"audio": audio, "speech": speech, "store": store, "tts": tts}
        self._now = now
        self._layer = layer
        self._capture = capture
        self._profile = profile
        self._states = ListeningStates(replay=replay)
        self._lock = threading.Lock()
        """Guards `recognizer` and `_closing` together: a model that finishes loading during shutdown
        must not start a worker nobody would stop."""
        self._closing = False
        self.store: MeetingStore | None = None
        self.startup_report: StartupReport | None = None
        self.session: LiveSession | None = None
        self.pipeline: ListeningPipeline | None = None
        self.loader: ModelLoader | None = None
        self.recognizer: RecognizerWorker | None = None
        self.tts: SpokenCues | None = None
        self._offset = 0.0
        from kohtaava_desk.store.locks import meeting_lock
        from kohtaava_desk.store.recorder import SafeRecorder

        self._store_problem = ""
        self._recorder = SafeRecorder(self._store_or_raise, sink.post_note, lambda: self.config.ui.language,
                                      lock=meeting_lock())

    # --- wiring helpers --------------------------------------------------------------------
    def recorder(self) -> SafeRecorder | None:
        """The store's SafeRecorder (save failures are told, figures kept, saves retried), or None."""
        return self._recorder if self._want["store"] else None

    @property
    def last_meeting_id(self) -> int | None:
        """The store's id of the meeting saved last (the summary card's review opens on it)."""
        return self._recorder.finished_id

    def apply_config(self, config: Config) -> None:
        self.config = config
        if config.ui.spoken_cues and self.tts is None:
            self._start_tts()

    def start_background(self) -> None:
        """After the widget is on screen: speech model, store, spoken cues."""
        if self._want["speech"]:
            self._start_model_loader()
        else:
            self.sink.post_voice(VoiceState.OFF, "")
        if self._want["store"]:
            self.open_store()
        if self.config.ui.spoken_cues:
            self._start_tts()

    # --- store -----------------------------------------------------------------------------
    def open_store(self) -> MeetingStore | None:
        """The store, opened on first use; None while it cannot be opened (tried again on the next call)."""
        if self.store is not None or not self._want["store"]:
            return self.store
        from kohtaava_desk.store.startup import open_at_startup

        try:
            self.store, self.startup_report = open_at_startup(self.config.privacy.retention_days,
                                                              parked=paths.state_dir())
        except Exception as exc:
            log.warning("summary store unavailable: %s", type(exc).__name__)
            problem = str(exc) or type(exc).__name__
            if problem != self._store_problem:  # an unwritable data folder is told once, not every 10 s
                self.sink.post_note(t("store.unavailable", self.config.ui.language, error=problem))
            self._store_problem = problem
            return None
        self._store_problem = ""
        self._report_startup(self.startup_report)
        return self.store

    def _store_or_raise(self) -> MeetingStore:
        from kohtaava_desk.store.errors import StoreUnavailable

        store = self.open_store()
        if store is None:
            raise StoreUnavailable(self._store_problem or "the summary store is switched off")
        return store

    def _report_startup(self, report: StartupReport) -> None:
        """Tell the expert what the store did on opening: nothing is lost silently."""
        lang = self.config.ui.language
        if report.notice is not None:
            self.sink.post_note(report.notice.message(lang))
        if report.recovered:
            self.sink.post_note(t("store.recovered", lang, n=len(report.recovered)))
        if report.restored:
            self.sink.post_note(t("store.restored", lang, n=report.restored))

    # --- speech model and recogniser -------------------------------------------------------
    def _start_model_loader(self) -> None:
        from kohtaava_desk.speech.loader import ModelLoader
        from kohtaava_desk.speech.model import configured_model_dir

        self.sink.post_voice(VoiceState.LOADING, "")
        speech = self.config.speech
        if speech.engine == "whisper":
            from kohtaava_desk.speech.whisper_engine import inspect_whisper_dir, load_whisper_model, whisper_model_dir

            self.loader = ModelLoader(whisper_model_dir(speech.model_path), on_status=self._on_model,
                                      load=load_whisper_model, inspect=inspect_whisper_dir)
        else:
            self.loader = ModelLoader(configured_model_dir(speech.model_path), on_status=self._on_model)
        self.loader.start()

    def _on_model(self, status: ModelStatus) -> None:  # loader thread
        message = status.message(self.config.ui.language)
        if status.state is VoiceState.READY:
            try:
                if not self._start_recognizer(self.loader.model if self.loader is not None else None):
                    return  # shutting down: nothing to report to
            except Exception as exc:
                log.warning("speech recogniser could not start: %s", type(exc).__name__)
                self.sink.post_voice(VoiceState.FAILED, type(exc).__name__)
                return
        self.sink.post_voice(status.state, message)

    def _start_recognizer(self, model: object) -> bool:
        from kohtaava_desk.companion.whose import HeardSpeech
        from kohtaava_desk.language.phrases import cue_phrases
        from kohtaava_desk.language.understand import matcher_for, understand
        from kohtaava_desk.speech.recognizer import RecognizerWorker

        language = self.config.speech.language
        cues = matcher_for(cue_phrases(self.config, language), language)

        def on_utterance(text: str, start: float, end: float) -> None:
            # The words live only in this frame: understood, then dropped. Never logged, never stored.
            heard = understand(text, cues, language=language)
            if heard.announced_minutes or heard.step_cue or heard.question or heard.next_step:
                # With its time on the meeting clock, so the companion can check whose speech it was.
                self.sink.post_heard(HeardSpeech.of(heard, start + self._offset, end + self._offset))

        engine: dict[str, object] = {}  # Vosk: the worker's default decoder
        if self.config.speech.engine == "whisper":
            from kohtaava_desk.speech.whisper_engine import WhisperSettings, cue_prompt, whisper_decoder_factory

            words = [p for plist in cue_phrases(self.config, language).values() for p in plist]
            engine["decoder_factory"] = whisper_decoder_factory(WhisperSettings(language=language),
                                                                cue_prompt(words, language))
        with self._lock:
            if self._closing:
                return False
            self.recognizer = RecognizerWorker(model, on_utterance, **engine).start()
            return True

    def _speech_tap(self, block: AudioBlock, speaker: Speaker) -> None:  # listening worker thread
        rec = self.recognizer
        if rec is not None and speaker is Speaker.EXPERT:
            rec.feed(block)

    # --- microphone ------------------------------------------------------------------------
    def make_pipeline(self) -> ListeningPipeline:
        from .listening import build_pipeline, saved_profile_or_none

        profile = saved_profile_or_none() if self._profile is True else self._profile
        return build_pipeline(profile, two_channel=self._capture_settings().two_channel, speech_tap=self._speech_tap)

    def start_listening(self) -> None:
        if not self._want["audio"] or self.session is not None:
            return
        from .events import QualityReporting

        try:
            self.pipeline = self.make_pipeline()
            self.session = self._live_session(QualityReporting(self.pipeline), self._on_events, self._on_status)
            self._offset = self._now()
            self.session.start()
        except Exception as exc:
            log.warning("listening unavailable: %s", type(exc).__name__)
            self.session = self.pipeline = None
            self.sink.post_listening(ListeningState.UNAVAILABLE)
            return
        self.sink.post_listening(ListeningState.STARTING)

    def _live_session(self, pipeline: QualityReporting | BlockCollector, on_events: Callable,
                      on_status: Callable[[LiveStatus], None]) -> LiveSession:
        from .listening import live_session

        return live_session(self.config, pipeline, on_events, on_status, capture=self._capture,
                            layer=self._layer, now=self._now if self._layer is not None else None)

    def _capture_settings(self) -> CaptureSettings:
        from kohtaava_desk.audio.capture import capture_settings_from

        return self._capture if self._capture is not None else capture_settings_from(self.config.audio)

    def _on_events(self, events: list[TalkEvent]) -> None:  # listening worker thread
        from .events import shift_events

        self.sink.post_events(shift_events(events, self._offset))

    def _on_status(self, status: LiveStatus) -> None:  # listening worker thread
        self.sink.post_listening(self._states(status))

    def stop_listening(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.stop(timeout=2.0)
            self.pipeline = None
            self.sink.post_listening(ListeningState.OFF)

    # --- settings dialog helpers ------------------------------------------------------------
    def list_devices(self) -> list[str]:
        from kohtaava_desk.audio.devices import default_layer

        layer = self._layer if self._layer is not None else default_layer()
        return [d.name for d in layer.list_inputs()]

    def enrol_session(self) -> Callable[[BlockCollector, Callable], LiveSession] | None:
        """Starts the microphone session the enrolment dialog records with; None without audio."""
        if not self._want["audio"]:
            return None

        def start(collector: BlockCollector, on_status: Callable[[LiveStatus], None]) -> LiveSession:
            session = self._live_session(collector, lambda events: None, on_status)
            session.start()
            return session
        return start

    # --- spoken cues -----------------------------------------------------------------------
    def _start_tts(self) -> None:
        if not self._want["tts"] or self.tts is not None:
            return
        from kohtaava_desk.spoken.tts import SpokenCues, TtsSettings

        spoken = self.config.spoken
        settings = TtsSettings(enabled=True, language=self.config.ui.language,
                               fallback_voice=spoken.fallback_voice, volume=spoken.volume)
        try:
            self.tts = SpokenCues(settings, on_status=self._on_tts).start()
        except Exception as exc:
            log.warning("spoken cues unavailable: %s", type(exc).__name__)
            self._want["tts"] = False

    def _on_tts(self, event: TtsEvent) -> None:  # TTS thread
        """Voice fallbacks and failures reach the widget; the spoken text never does (events don't carry it)."""
        if event.kind in ("voice_fallback", "voice_default", "unavailable", "error"):
            self.sink.post_note(event.message(self.config.ui.language))

    def speak(self, text: str) -> None:
        tts = self.tts
        if tts is not None:
            tts.speak(text)

    # --- shutdown --------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.stop_listening()
        with self._lock:
            self._closing = True
            rec, self.recognizer = self.recognizer, None
        if rec is not None:
            rec.stop(timeout=2.0)
        if self.loader is not None:
            self.loader.cancel()
            self.loader.join(timeout=0.5)  # a daemon thread stuck in a model load may be left behind
        if self.tts is not None:
            self.tts.stop(timeout=2.0)
            self.tts = None
        if self.store is not None:
            try:
                self.store.close()
            except Exception as exc:
                log.warning("summary store did not close cleanly: %s", type(exc).__name__)
            self.store = None
