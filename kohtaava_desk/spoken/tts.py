"""Optional spoken cues: one dedicated thread owns the pyttsx3 engine; callers only enqueue.

pyttsx3 2.99 traps handled here (see shared/PITFALLS.md):
- runAndWait() blocks and the engine belongs to its creating thread: everything engine-related runs
  in this one thread; speak() only appends to a small bounded queue and returns at once.
- pyttsx3.init() hands back a cached engine per driver, so a broken engine (runAndWait() that raised
  leaves it "run loop already started" forever) would come back; we build a fresh Engine instead.
- SAPI5 (Windows) speaks only the first say() of an engine: there the engine is re-created per cue.
- The espeak driver plays `say()` by writing a temporary WAV file and running `aplay`, and it hangs if
  writing its output file fails inside the synthesis callback. With espeak we therefore always
  synthesise into memory and play (or write) the samples ourselves: nothing reaches disk unless a
  file was asked for, and a bad output path raises an ordinary error in our code.
- The espeak driver prints "Audio saved to ..." on stdout for every synthesis: silenced.
- espeak's synthesis callback is process-wide and belongs to the espeak engine created last: we
  re-register ours before each synthesis. From its second use on, an engine's run loop ends only
  when that callback fires, so a watchdog ends a loop that outlives `synth_timeout_s`.
- espeak synthesises in its own thread, and pyttsx3 cancels espeak's queue when a run loop ends while
  espeak still looks busy, dropping queued voice/volume changes: we set them directly and wait idle.
"""

from __future__ import annotations

import gc
import io
import logging
import os
import threading
import time
import wave
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..i18n import t
from ..workers import WorkerThread
from .voices import choose_voice

log = logging.getLogger(__name__)

Player = Callable[[np.ndarray, int], None]


@dataclass(frozen=True)
class TtsSettings:
    """How spoken cues sound; the feature is off unless `enabled`."""

    enabled: bool = False
    """Spoken cues are off by default (the office or the expert turns them on)."""
    language: str = "fi"
    """Language of the voice to look for."""
    fallback_voice: str = ""
    """Voice id, name or language code used when no voice of `language` exists; empty = engine default."""
    volume: float = 0.35
    """0..1; quiet, meant for an earpiece."""
    rate_wpm: int = 165
    """Speaking rate in words per minute (espeak's default 200 is hurried)."""
    driver: str | None = None
    """pyttsx3 driver name; None = the platform default (sapi5, nsss, espeak)."""
    max_queue: int = 3
    """Cues waiting to be spoken; when full, the oldest is dropped (a stale cue is worthless)."""
    recreate_per_cue: bool | None = None
    """Build a new engine for every cue; None = only where needed (SAPI5 under pyttsx3 2.99)."""
    retry_after_s: float = 30.0
    """After the engine cannot be created, wait this long before trying again."""
    synth_timeout_s: float = 15.0
    """A synthesis still running after this long is abandoned and the engine re-created."""


@dataclass(frozen=True)
class TtsEvent:
    """A notice for the status line; never carries the spoken text."""

    kind: str
    """"ready", "voice_fallback", "voice_default", "unavailable", "error", "playback_error",
    "file_error" or "stopped"."""
    detail: str = ""
    """Voice name or exception type."""
    language: str = ""
    """The wanted voice language (for the fallback notices)."""

    def message(self, lang: str = "fi") -> str:
        return t(f"spoken.{self.kind}", lang, detail=self.detail, language=self.language)


@dataclass(frozen=True)
class TtsStats:
    """Counters of one SpokenCues instance."""

    spoken: int = 0
    """Cues played."""
    saved: int = 0
    """Files written."""
    dropped: int = 0
    """Cues dropped: queue full, not running, or the engine unavailable."""
    errors: int = 0
    """Engine, playback or file errors caught."""
    engines_created: int = 0
    """Engines built (more than one means errors were survived or SAPI5 re-creation)."""


@dataclass
class _Job:
    text: str
    path: Path | None  # None = play


class _EngineFailed(RuntimeError):
    pass


def pyttsx3_engine(driver: str | None) -> Any:
    """A fresh pyttsx3 Engine (not pyttsx3.init(), whose cache would return a broken engine)."""
    from pyttsx3.engine import Engine

    engine = Engine(driver)
    if engine.driver_name == "espeak":
        import pyttsx3.drivers.espeak as espeak_driver

        espeak_driver.print = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    return engine


def sounddevice_player(pcm: np.ndarray, rate: int) -> None:
    """Play int16 mono samples on the default output and wait until done."""
    import sounddevice as sd

    sd.play(pcm, rate, blocking=True)


def _claim_espeak_callback(engine: Any) -> None:
    """Point espeak's process-wide synthesis callback at this engine's driver.

    The espeak driver registers one global callback per process, owned by whichever espeak engine was
    created last: after any other engine is made (e.g. pyttsx3.init() elsewhere in the app), our
    synthesis would silently yield no audio.
    """
    try:
        from pyttsx3.drivers import _espeak

        _espeak.SetSynthCallback(engine.proxy._driver._onSynth)
    except (AttributeError, ImportError):
        pass


def _wait_espeak_idle(espeak: Any, timeout_s: float = 2.0) -> None:
    deadline = time.monotonic() + timeout_s
    while espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(0.005)


def _end_espeak_loop(engine: Any) -> None:
    try:
        engine.proxy._driver._looping = False
    except AttributeError:
        pass


def _wav_samples(data: bytes) -> tuple[np.ndarray, int]:
    with wave.open(io.BytesIO(data)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").copy(), w.getframerate()


class SpokenCues:
    """speak(text) / save_to_file(text, path) from any thread; the engine lives in one TTS thread.

    `on_status` runs in the TTS thread (marshal it to the UI thread).
    """

    def __init__(self, settings: TtsSettings = TtsSettings(), *,
                 on_status: Callable[[TtsEvent], None] | None = None,
                 engine_factory: Callable[[str | None], Any] = pyttsx3_engine,
                 player: Player = sounddevice_player,
                 now: Callable[[], float] = time.monotonic,
                 name: str = "kohtaava-tts") -> None:
        self._settings = settings
        self._on_status = on_status
        self._factory = engine_factory
        self._player = player
        self._now = now
        self._name = name
        self._cond = threading.Condition()
        self._jobs: deque[_Job] = deque()
        self._busy = False
        self._stopping = False
        self._stats = TtsStats()
        self._worker = WorkerThread(self._name, self._run)
        # Owned by the TTS thread only:
        self._engine: Any = None
        self._engine_error: str | None = None
        self._retry_at: float | None = None
        self._voice_id: str | None = None
        self._voice_notice_given = False

    # ---- any thread ------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._settings.enabled

    @property
    def stats(self) -> TtsStats:
        with self._cond:
            return self._stats

    @property
    def running(self) -> bool:
        return self._worker.running

    def start(self) -> SpokenCues:
        """Start the TTS thread (does nothing while spoken cues are disabled)."""
        if self._settings.enabled and not self._worker.started:
            self._worker.start()
        return self

    def speak(self, text: str) -> bool:
        """Queue a cue to be spoken; never waits. False when it was not queued."""
        return self._enqueue(_Job(text, None))

    def save_to_file(self, text: str, path: str | os.PathLike[str]) -> bool:
        """Queue rendering a cue into a WAV file (headless CI, previews); never waits."""
        return self._enqueue(_Job(text, Path(path)))

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued cue is done (tests, CLI). True when idle."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._jobs or self._busy:
                if not self.running:
                    return not self._jobs and not self._busy
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(0.05 if left is None else min(left, 0.05))
            return True

    def stop(self, timeout: float = 3.0) -> bool:
        """Drop pending cues, let the current one finish, end the thread. True when joined."""
        with self._cond:
            self._stopping = True
            dropped = len(self._jobs)
            self._jobs.clear()
            self._stats = replace(self._stats, dropped=self._stats.dropped + dropped)
            self._cond.notify_all()
        return self._worker.join(timeout)

    def _enqueue(self, job: _Job) -> bool:
        if not job.text or not job.text.strip():
            return False
        with self._cond:
            if not self._settings.enabled or self._stopping or not self._worker.started:
                self._stats = replace(self._stats, dropped=self._stats.dropped + 1)
                return False
            if len(self._jobs) >= max(1, self._settings.max_queue):
                self._jobs.popleft()  # the oldest cue is the least relevant one
                self._stats = replace(self._stats, dropped=self._stats.dropped + 1)
            self._jobs.append(job)
            self._cond.notify()
            return True

    # ---- TTS thread --------------------------------------------------------------------------------

    def _emit(self, event: TtsEvent) -> None:
        if self._on_status is None:
            return
        try:
            self._on_status(event)
        except Exception as exc:
            log.warning("TTS status callback raised %s", type(exc).__name__)

    def _count(self, **deltas: int) -> None:
        with self._cond:
            self._stats = replace(self._stats, **{k: getattr(self._stats, k) + v for k, v in deltas.items()})

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    while not self._jobs and not self._stopping:
                        self._cond.wait()
                    if self._stopping:
                        break
                    job = self._jobs.popleft()
                    self._busy = True
                try:
                    self._do(job)
                except Exception as exc:  # nothing may kill this thread
                    self._count(errors=1)
                    log.warning("TTS job failed: %s", type(exc).__name__)
                finally:
                    with self._cond:
                        self._busy = False
                        self._cond.notify_all()
        finally:
            self._drop_engine()
            self._emit(TtsEvent("stopped"))

    def _recreate_per_cue(self) -> bool:
        if self._settings.recreate_per_cue is not None:
            return self._settings.recreate_per_cue
        return getattr(self._engine, "driver_name", "") == "sapi5"

    def _drop_engine(self) -> None:
        if self._engine is not None:
            self._engine = None
            # Free the old engine (and its driver) now, in this thread, before a successor is built.
            gc.collect()

    def _get_engine(self) -> Any:
        if self._engine is not None:
            return self._engine
        if self._retry_at is not None and self._now() < self._retry_at:
            raise _EngineFailed("engine unavailable")
        try:
            engine = self._factory(self._settings.driver)
            self._count(engines_created=1)
            engine.connect("error", self._on_engine_error)
            self._configure(engine)
        except Exception as exc:
            self._retry_at = self._now() + self._settings.retry_after_s
            self._emit(TtsEvent("unavailable", type(exc).__name__))
            log.warning("TTS engine unavailable: %s", type(exc).__name__)
            raise _EngineFailed(type(exc).__name__) from None
        self._retry_at = None
        self._engine = engine
        return engine

    def _on_engine_error(self, name: Any = None, exception: BaseException | None = None, **_: Any) -> None:
        # pyttsx3 swallows exceptions raised by queued driver commands and only notifies them.
        self._engine_error = type(exception).__name__ if exception is not None else "error"

    def _configure(self, engine: Any) -> None:
        s = self._settings
        choice = choose_voice(engine.getProperty("voices") or [], s.language, s.fallback_voice)
        self._voice_id = choice.voice_id
        if getattr(engine, "driver_name", "") != "espeak":
            # espeak's settings are applied right before each synthesis instead (see _espeak_prepare).
            if choice.voice_id is not None:
                engine.setProperty("voice", choice.voice_id)
            engine.setProperty("volume", min(max(s.volume, 0.0), 1.0))
            engine.setProperty("rate", int(s.rate_wpm))
        if not self._voice_notice_given:
            self._voice_notice_given = True
            if not choice.fallback:
                self._emit(TtsEvent("ready", choice.name, s.language))
            elif choice.voice_id is not None:
                self._emit(TtsEvent("voice_fallback", choice.name, s.language))
            else:
                self._emit(TtsEvent("voice_default", "", s.language))

    def _do(self, job: _Job) -> None:
        try:
            engine = self._get_engine()
        except _EngineFailed:
            self._count(dropped=1)
            return
        try:
            self._engine_error = None
            if getattr(engine, "driver_name", "") == "espeak":
                self._do_in_memory(engine, job)
            else:
                self._do_native(engine, job)
            if self._engine_error is not None:
                raise _EngineFailed(self._engine_error)
        except _PlaybackFailed as exc:
            self._count(errors=1)
            self._emit(TtsEvent("playback_error", str(exc)))
            return
        except _FileFailed as exc:
            self._count(errors=1)
            self._emit(TtsEvent("file_error", str(exc)))
            return
        except Exception as exc:
            self._count(errors=1)
            detail = str(exc) if isinstance(exc, _EngineFailed) else type(exc).__name__
            self._emit(TtsEvent("error", detail))
            log.warning("TTS engine error (%s); re-creating the engine", detail)
            self._drop_engine()
            return
        if job.path is None:
            self._count(spoken=1)
        else:
            self._count(saved=1)
        if self._recreate_per_cue():
            self._drop_engine()

    def _espeak_prepare(self, engine: Any) -> None:
        """Set voice, volume and rate on espeak directly and let its queue settle.

        espeak runs its own synthesis thread with a command queue, and its settings are global to the
        process. pyttsx3 ends every run loop with Cancel() when espeak still looks busy, which throws
        away queued setting changes (a cue at full volume instead of the quiet one). So we apply the
        settings ourselves before each cue and wait until espeak is idle.
        """
        from pyttsx3.drivers import _espeak

        _claim_espeak_callback(engine)
        _wait_espeak_idle(_espeak)
        if self._voice_id is not None:
            _espeak.SetVoiceByName(self._voice_id.encode("utf-8"))
        _espeak.SetParameter(_espeak.VOLUME, int(round(min(max(self._settings.volume, 0.0), 1.0) * 100)), 0)
        _espeak.SetParameter(_espeak.RATE, int(self._settings.rate_wpm), 0)
        _wait_espeak_idle(_espeak)

    def _synthesise(self, engine: Any, text: str) -> bytes:
        self._espeak_prepare(engine)
        buffer = io.BytesIO()
        engine.save_to_file(text, buffer)  # the espeak driver writes its WAV through wave.open()
        # The espeak driver's run loop only ends when its synthesis callback fires; should that never
        # happen, end the loop from outside instead of hanging this thread forever.
        watchdog = threading.Timer(self._settings.synth_timeout_s, _end_espeak_loop, (engine,))
        watchdog.name = "kohtaava-tts-watchdog"
        watchdog.daemon = True
        watchdog.start()
        try:
            engine.runAndWait()
        finally:
            watchdog.cancel()
        data = buffer.getvalue()
        if len(data) <= 44:
            raise _EngineFailed("no audio")
        return data

    def _do_in_memory(self, engine: Any, job: _Job) -> None:
        data = self._synthesise(engine, job.text)
        if job.path is None:
            pcm, rate = _wav_samples(data)
            try:
                self._player(pcm, rate)
            except Exception as exc:
                raise _PlaybackFailed(type(exc).__name__) from None
            return
        try:
            tmp = job.path.with_name(job.path.name + ".part")
            tmp.write_bytes(data)
            os.replace(tmp, job.path)
        except OSError as exc:
            raise _FileFailed(type(exc).__name__) from None

    def _do_native(self, engine: Any, job: _Job) -> None:
        if job.path is None:
            engine.say(job.text)
        else:
            engine.save_to_file(job.text, str(job.path))
        engine.runAndWait()


class _PlaybackFailed(RuntimeError):
    pass


class _FileFailed(RuntimeError):
    pass
