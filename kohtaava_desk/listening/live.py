"""The live listening session: microphone -> bounded queue -> worker thread -> pipeline.

One worker thread does everything except the copy in PortAudio's callback: it
converts audio to 16 kHz blocks, feeds the synchronous pipeline, hands the talk
events to `on_events`, and keeps the microphone alive through the watchdog. When
audio is lost (no microphone, unplugged, stalled stream, dropped frames) the
session clock keeps running and the lost span is reported as a CaptureGap once
its end is known (audio back, or the session stops).

Callbacks (`on_events`, `on_status`) run on the worker thread: a Qt front end must
forward them through a signal. Audio is held only in the bounded queue and the
block being processed; nothing is written anywhere.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kohtaava_desk.audio.blocks import AudioBlock
from kohtaava_desk.audio.capture import CaptureSettings, ChunkConverter, Clock, RawChunk
from kohtaava_desk.audio.devices import DeviceLayer, portaudio_hint
from kohtaava_desk.audio.watchdog import MicEvent, MicrophoneWatchdog, WatchdogSettings
from kohtaava_desk.i18n import DEFAULT_LANGUAGE, t
from kohtaava_desk.talk import CaptureGap, TalkEvent
from kohtaava_desk.workers import WorkerThread, log_failure

log = logging.getLogger(__name__)


class ListeningPipeline(Protocol):
    def feed(self, block: AudioBlock) -> list[TalkEvent]: ...

    def finish(self) -> list[TalkEvent]: ...


class LiveState(enum.Enum):
    STARTING = "starting"
    LISTENING = "listening"
    MIC_LOST_RETRYING = "mic_lost_retrying"
    STOPPED = "stopped"


@dataclass(frozen=True)
class LiveStatus:
    """What the listening indicator should show."""

    state: LiveState
    """The coarse state."""
    reason: str
    """Why, as a stable code: "starting", "listening", "listening_fallback", "no_device", "stalled",
    "stream_stopped", "open_failed", "needs_two_channels", "portaudio_missing", "stopped", "internal_error"."""
    text: str
    """The reason as a sentence in the session's language."""
    at: float
    """Session time (seconds since start) of the change."""
    device: str | None = None
    """The microphone involved, if any."""


@dataclass(frozen=True)
class LiveSettings:
    """Worker-thread pacing and gap marking."""

    poll_seconds: float = 0.05
    """Longest wait for audio before the worker checks the watchdog and the stop flag."""
    min_gap_seconds: float = 0.5
    """Holes shorter than this (stream start-up, one dropped block) are not marked as gaps."""
    max_chunks_per_poll: int = 20
    """Audio chunks handled between watchdog checks when the queue is full."""
    language: str = DEFAULT_LANGUAGE
    """Language of status texts: "fi", "sv" or "en"."""


class LiveSession:
    """Runs listening in a worker thread until stop()."""

    def __init__(
        self,
        pipeline: ListeningPipeline,
        on_events: Callable[[list[TalkEvent]], None],
        on_status: Callable[[LiveStatus], None] | None = None,
        *,
        capture: CaptureSettings = CaptureSettings(),
        watchdog: WatchdogSettings = WatchdogSettings(),
        settings: LiveSettings = LiveSettings(),
        layer: DeviceLayer | None = None,
        now: Clock = time.monotonic,
    ) -> None:
        self._pipeline = pipeline
        self._on_events = on_events
        self._on_status = on_status
        self._settings = settings
        self._capture_settings = capture
        self._now = now
        self._watchdog = MicrophoneWatchdog(capture, watchdog, layer=layer, now=now)
        self._stop = threading.Event()
        self._worker = WorkerThread("kohtaava-listening", self._run)
        self._t_start = 0.0
        self._converter: ChunkConverter | None = None
        self._audio_end = 0.0  # session time up to which audio was delivered or a gap marked
        self._status = LiveStatus(LiveState.STOPPED, "stopped", t("live.stopped", settings.language), 0.0)
        self._totals = {"callbacks": 0, "overflows": 0, "dropped_chunks": 0, "callback_errors": 0}

    # --- public API ---------------------------------------------------------------------

    def start(self) -> None:
        if self._worker.started:
            raise RuntimeError("a LiveSession can be started once")
        self._t_start = self._now()
        lang = self._settings.language
        # Announced from the worker thread, like every other callback.
        self._status = LiveStatus(LiveState.STARTING, "starting", t("live.starting", lang), 0.0)
        self._worker.start()

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop listening and wait for the worker; False if it did not finish within `timeout`."""
        self._stop.set()
        return self._worker.join(timeout)

    @property
    def running(self) -> bool:
        return self._worker.running

    @property
    def status(self) -> LiveStatus:
        return self._status

    def session_time(self) -> float:
        """Seconds since start(); the meeting clock, which runs on whether or not audio flows."""
        if not self._worker.started:
            return 0.0
        return self._now() - self._t_start

    def counters(self) -> dict[str, int]:
        """Health figures for diagnostics (numbers only)."""
        c = dict(self._totals)
        cap = self._watchdog.capture
        if cap is not None:
            c["callbacks"] += cap.callbacks
            c["overflows"] += cap.overflows
            c["dropped_chunks"] += cap.dropped_chunks
            c["callback_errors"] += cap.callback_errors
        c["losses"] = self._watchdog.losses
        c["reinitializations"] = self._watchdog.reinitializations
        return c

    # --- worker -------------------------------------------------------------------------

    def _run(self) -> None:
        s = self._settings
        reason = "stopped"
        error: str | None = None
        try:
            self._announce(self._status)
            while not self._stop.is_set():
                for event in self._watchdog.poll():
                    self._on_mic_event(event)
                cap = self._watchdog.capture
                if cap is None:
                    self._stop.wait(s.poll_seconds)
                    continue
                chunk = cap.get(s.poll_seconds)
                handled = 0
                while chunk is not None:
                    self._process(chunk)
                    handled += 1
                    if handled >= s.max_chunks_per_poll or self._stop.is_set():
                        break
                    chunk = cap.get_nowait()
        except Exception as e:
            reason, error = "internal_error", type(e).__name__
            log_failure(log, e, "listening worker")
        try:
            self._shutdown(drain=error is None)
        except Exception as e:
            if error is None:
                reason, error = "internal_error", type(e).__name__
            log_failure(log, e, "listening worker")
        finally:
            self._set_status(LiveState.STOPPED, reason, error=error)

    def _on_mic_event(self, event: MicEvent) -> None:
        if event.kind == "opened":
            cap = self._watchdog.capture
            assert cap is not None
            self._converter = ChunkConverter(
                cap.rate, cap.channels, two_channel=self._capture_settings.two_channel, not_before=self._audio_end
            )
            self._set_status(LiveState.LISTENING, event.reason, device=event.device, wanted=event.detail)
        elif event.kind == "lost":
            self._end_stream(drain=True)
            self._set_status(LiveState.MIC_LOST_RETRYING, event.reason, device=event.device)
        else:  # "failed": say it once per reason, not every retry
            if self._status.state != LiveState.MIC_LOST_RETRYING or self._status.reason != event.reason:
                self._set_status(
                    LiveState.MIC_LOST_RETRYING, event.reason, device=event.device, error=event.detail or ""
                )

    def _process(self, chunk: RawChunk) -> None:
        conv = self._converter
        if conv is None:
            return
        self._feed(conv.convert(chunk, chunk.stamp - self._t_start))

    def _feed(self, blocks: list[AudioBlock]) -> None:
        for block in blocks:
            events: list[TalkEvent] = []
            if block.t0 - self._audio_end >= self._settings.min_gap_seconds:
                events.append(CaptureGap(self._audio_end, block.t0))
            events.extend(self._pipeline.feed(block))
            self._audio_end = max(self._audio_end, block.t1)
            self._deliver(events)

    def _end_stream(self, *, drain: bool) -> None:
        """Close the current stream; its queued audio is processed first when `drain`."""
        cap = self._watchdog.capture
        if cap is None:
            return
        cap.close()  # no more callbacks from here on, so draining terminates
        if drain:
            while (chunk := cap.get_nowait()) is not None:
                self._process(chunk)
        else:
            cap.discard()
        for key in self._totals:
            self._totals[key] += getattr(cap, key)
        self._watchdog.close()
        conv, self._converter = self._converter, None
        if conv is not None and drain:
            self._feed(conv.flush())

    def _shutdown(self, *, drain: bool) -> None:
        self._end_stream(drain=drain)
        events: list[TalkEvent] = []
        end = self.session_time()
        if end - self._audio_end >= self._settings.min_gap_seconds:
            events.append(CaptureGap(self._audio_end, end))
            self._audio_end = end
        if drain:
            events.extend(self._pipeline.finish())
        self._deliver(events)

    def _deliver(self, events: list[TalkEvent]) -> None:
        if not events:
            return
        try:
            self._on_events(events)
        except Exception as e:  # the receiver's bug must not stop listening
            log_failure(log, e, "on_events callback")

    def _set_status(self, state: LiveState, reason: str, *, device: str | None = None, **params: str | None) -> None:
        lang = self._settings.language
        fields = {
            "device": device or "?",
            "wanted": params.get("wanted") or "",
            "error": params.get("error") or "",
            "hint": portaudio_hint(lang),
        }
        status = LiveStatus(state, reason, t(f"live.{reason}", lang, **fields), self.session_time(), device)
        self._status = status
        self._announce(status)

    def _announce(self, status: LiveStatus) -> None:
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception as e:
                log_failure(log, e, "on_status callback")
