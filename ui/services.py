"""The optional parts around the widget: microphone session, speech model and recogniser, store,
spoken cues. Each may be missing or fail; none may stop the meeting clock or crash the app.

Callbacks arrive on worker threads and go straight to the WorkerBridge (a signal emission), never to
a widget. Only numbers and labels cross into the UI: recognised words are read by `understand()`
inside the recogniser's callback and dropped there.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from kohtaava_desk.companion import ListeningState, VoiceState
from kohtaava_desk.companion.controller import shift_events
from kohtaava_desk.config.schema import Config
from kohtaava_desk.meeting import Speaker

from .bridge import WorkerBridge

log = logging.getLogger(__name__)


class Services:
    def __init__(self, config: Config, *, audio: bool = True, speech: bool = True, store: bool = True,
                 tts: bool = True, now: Callable[[], float] = time.monotonic, layer: Any = None) -> None:
        """`now` must be the meeting's clock; `layer` replaces the real sound system (tests, demos)."""
        self.config = config
        self.bridge = WorkerBridge()
        self._want = {"audio": audio, "speech": speech, "store": store, "tts": tts}
        self._had_microphone = False
        self._now = now
        self._lock = threading.Lock()
        self.store: Any = None
        self.startup_report: Any = None
        self.session: Any = None
        self.pipeline: Any = None
        self.loader: Any = None
        self.recognizer: Any = None
        self.tts: Any = None
        self._offset = 0.0
        self._layer = layer
        from kohtaava_desk.store.locks import meeting_lock
        from kohtaava_desk.store.recorder import SafeRecorder
        self._store_problem = ""
        self._recorder = SafeRecorder(self._store_or_raise, self.bridge.post_note, lambda: self.config.ui.language,
                                      lock=meeting_lock())

    # --- wiring helpers --------------------------------------------------------------------
    def recorder(self) -> Any:
        """The store's SafeRecorder (save failures are told, figures kept, saves retried), or None."""
        return self._recorder if self._want["store"] else None

    def apply_config(self, config: Config) -> None:
        self.config = config
        if config.ui.spoken_cues and self.tts is None:
            self._start_tts()

    def start_background(self) -> None:
        """After the widget is on screen: speech model, store, spoken cues."""
        if self._want["speech"]:
            self._start_model_loader()
        else:
            self.bridge.post_voice(VoiceState.OFF.value, "")
        if self._want["store"]:
            self.open_store()
        if self.config.ui.spoken_cues:
            self._start_tts()

    # --- store -----------------------------------------------------------------------------
    def open_store(self) -> Any:
        """The store, opened on first use; None while it cannot be opened (tried again on the next call)."""
        if self.store is not None or not self._want["store"]:
            return self.store
        try:
            from kohtaava_desk.store.startup import open_at_startup
            self.store, self.startup_report = open_at_startup(self.config.privacy.retention_days)
            self._store_problem = ""
            self._report_startup(self.startup_report)
        except Exception as exc:
            log.warning("summary store unavailable: %s", type(exc).__name__)
            problem = str(exc) or type(exc).__name__
            if problem != self._store_problem:  # an unwritable data folder is told once, not every 10 s
                from kohtaava_desk.i18n import t
                self.bridge.post_note(t("store.unavailable", self.config.ui.language, error=problem))
            self._store_problem = problem
        return self.store

    def _store_or_raise(self) -> Any:
        from kohtaava_desk.store.errors import StoreUnavailable
        store = self.open_store()
        if store is None:
            raise StoreUnavailable(self._store_problem or "the summary store is switched off")
        return store

    def _report_startup(self, report: Any) -> None:
        """Tell the expert what the store did on opening: nothing is lost silently."""
        from kohtaava_desk.i18n import t

        lang = self.config.ui.language
        if report.notice is not None:
            self.bridge.post_note(report.notice.message(lang))
        if report.recovered:
            self.bridge.post_note(t("store.recovered", lang, n=len(report.recovered)))

    # --- speech model and recogniser -------------------------------------------------------
    def _start_model_loader(self) -> None:
        try:
            from kohtaava_desk.speech.loader import ModelLoader
            from kohtaava_desk.speech.model import configured_model_dir
        except Exception as exc:
            self.bridge.post_voice(VoiceState.OFF.value, type(exc).__name__)
            return
        self.bridge.post_voice(VoiceState.LOADING.value, "")
        self.loader = ModelLoader(configured_model_dir(self.config.speech.model_path), on_status=self._on_model)
        self.loader.start()

    def _on_model(self, status: Any) -> None:  # loader thread
        state = getattr(status.state, "value", str(status.state))
        lang = self.config.ui.language
        try:
            message = status.message(lang)
        except Exception:
            message = ""
        if state == "ready":
            try:
                self._start_recognizer(self.loader.model)
            except Exception as exc:
                log.warning("speech recogniser could not start: %s", type(exc).__name__)
                self.bridge.post_voice(VoiceState.FAILED.value, type(exc).__name__)
                return
        self.bridge.post_voice(state if state in {v.value for v in VoiceState} else VoiceState.FAILED.value, message)

    def _start_recognizer(self, model: object) -> None:
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
                self.bridge.post_heard(HeardSpeech.of(heard, start + self._offset, end + self._offset))

        with self._lock:
            self.recognizer = RecognizerWorker(model, on_utterance).start()

    def _speech_tap(self, block: Any, speaker: Speaker) -> None:  # listening worker thread
        rec = self.recognizer
        if rec is not None and speaker is Speaker.EXPERT:
            rec.feed(block)

    # --- microphone ------------------------------------------------------------------------
    def make_pipeline(self) -> Any:
        from kohtaava_desk.listening.pipeline import ListeningPipeline, ListeningSettings
        profile = None
        try:
            from kohtaava_desk.speakers.locations import default_profile_path
            from kohtaava_desk.speakers.profile import VoiceProfile
            path = default_profile_path()
            if path.exists():
                profile = VoiceProfile.load(path).embedding
        except Exception as exc:
            log.info("no usable voice profile (%s): guessing speakers without enrolment", type(exc).__name__)
        settings = ListeningSettings(two_channel=self.config.audio.two_channel)
        return ListeningPipeline(settings, profile_embedding=profile, speech_tap=self._speech_tap)

    def start_listening(self) -> None:
        if not self._want["audio"] or self.session is not None:
            return
        try:
            from kohtaava_desk.listening.live import LiveSession
            self.pipeline = self.make_pipeline()
            kwargs = self._session_options()
            if self._layer is not None:
                kwargs["now"] = self._now
            self.session = LiveSession(self.pipeline, self._on_events, self._on_status, **kwargs)
            self._offset = self._now()
            self.session.start()
            self.bridge.post_listening(ListeningState.STARTING.value)
        except Exception as exc:
            log.warning("listening unavailable: %s", type(exc).__name__)
            self.session = None
            self.bridge.post_listening(ListeningState.UNAVAILABLE.value)

    def _session_options(self) -> dict[str, Any]:
        """LiveSession options shared by the meeting and the enrolment: language, capture, test device layer."""
        from kohtaava_desk.listening.live import LiveSettings
        kwargs: dict[str, Any] = {"settings": LiveSettings(language=self.config.ui.language)}
        capture = self._capture_settings()
        if capture is not None:
            kwargs["capture"] = capture
        if self._layer is not None:
            kwargs["layer"] = self._layer
        return kwargs

    def _capture_settings(self) -> Any:
        try:
            from kohtaava_desk.audio.capture import capture_settings_from
            return capture_settings_from(self.config.audio)
        except Exception:
            return None

    def _on_events(self, events: list) -> None:  # listening worker thread
        self.bridge.post_events(shift_events(events, self._offset))

    def _on_status(self, status: Any) -> None:  # listening worker thread
        state = getattr(status.state, "value", str(status.state))
        reason = getattr(status, "reason", "")
        if reason == "portaudio_missing":
            state = ListeningState.UNAVAILABLE.value
        elif state == ListeningState.LISTENING.value:
            self._had_microphone = True
        elif reason == "no_device" and not self._had_microphone:
            state = ListeningState.NO_MICROPHONE.value  # nothing was ever plugged in: not "lost"
        self.bridge.post_listening(state)

    def calibrating(self) -> bool | None:
        p = self.pipeline
        if p is None:
            return None
        try:
            return bool(p.calibrating)
        except Exception:
            return None

    def stop_listening(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.stop(timeout=2.0)
            self.pipeline = None
            self.bridge.post_listening(ListeningState.OFF.value)

    # --- settings dialog helpers ------------------------------------------------------------
    def list_devices(self) -> list[str]:
        from kohtaava_desk.audio.devices import default_layer
        return [d.name for d in default_layer().list_inputs()]

    def enrol_function(self) -> Callable | None:
        """Opens the enrolment dialog; returns None when enrolment is not part of this installation."""
        try:
            from kohtaava_desk.listening.enrolment import profile_from_blocks  # noqa: F401 (presence check)
        except Exception:
            return None

        def enrol(parent: Any) -> str | None:
            from .enrol import EnrolDialog
            dialog = EnrolDialog(self.config.ui.language, start_session=self._enrol_session if self._want["audio"] else None,
                                 parent=parent)
            dialog.exec()
            return dialog.problem
        return enrol

    def _enrol_session(self, collector: Any, on_status: Callable) -> Any:
        from kohtaava_desk.listening.live import LiveSession
        session = LiveSession(collector, lambda events: None, on_status, **self._session_options())
        session.start()
        return session

    # --- spoken cues -----------------------------------------------------------------------
    def _start_tts(self) -> None:
        if not self._want["tts"] or self.tts is not None:
            return
        try:
            from kohtaava_desk.spoken.tts import SpokenCues, TtsSettings
            spoken = self.config.spoken
            settings = TtsSettings(enabled=True, language=self.config.ui.language,
                                   fallback_voice=spoken.fallback_voice, volume=spoken.volume)
            self.tts = SpokenCues(settings, on_status=self._on_tts).start()
        except Exception as exc:
            log.warning("spoken cues unavailable: %s", type(exc).__name__)
            self._want["tts"] = False

    def _on_tts(self, event: Any) -> None:  # TTS thread
        """Voice fallbacks and failures reach the widget; the spoken text never does (events don't carry it)."""
        if event.kind in ("voice_fallback", "voice_default", "unavailable", "error"):
            self.bridge.post_note(event.message(self.config.ui.language))

    def speak(self, text: str) -> None:
        tts = self.tts
        if tts is not None:
            tts.speak(text)

    # --- shutdown --------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.stop_listening()
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
            except Exception:
                pass
            self.store = None
