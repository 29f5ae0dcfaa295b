"""Keeps a microphone stream alive: notices loss and stalls, reopens with backoff.

PortAudio often does not report an unplugged microphone: callbacks just stop while
the stream still claims to be active. So besides `active` we watch the time since
the last callback. Recovery closes the stream, re-initialises PortAudio (its device
list is frozen at initialisation, so a replugged microphone is invisible otherwise)
and reopens, retrying with growing pauses. All timing uses the injected clock and
all work happens in whatever thread calls `poll()`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from kohtaava_desk.audio.capture import Capture, CaptureSettings, Clock
from kohtaava_desk.audio.devices import (
    AudioDeviceError,
    AudioUnavailable,
    DeviceLayer,
    choose_device,
    default_layer,
    pick_rate,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WatchdogSettings:
    """When to give up on a stream and how fast to retry."""

    stall_seconds: float = 2.0
    """No callback for this long means the stream is dead even if it claims otherwise."""
    first_retry_seconds: float = 0.5
    """Pause before the first reopen attempt after a loss."""
    max_retry_seconds: float = 5.0
    """Longest pause between attempts, so a replugged microphone is back within seconds."""
    backoff_factor: float = 2.0
    """Each failed attempt multiplies the pause by this."""


@dataclass(frozen=True)
class MicEvent:
    """Something the listener should tell the user about."""

    kind: str
    """"opened" (audio is flowing again), "lost" (stream gone) or "failed" (an attempt did not work)."""
    reason: str
    """Status text key without prefix, e.g. "listening", "stalled", "no_device", "open_failed"."""
    at: float
    """Clock time of the event."""
    device: str | None = None
    """Device name when one is involved."""
    detail: str | None = None
    """Short technical detail for the status line (an error text or the configured name)."""


class MicrophoneWatchdog:
    """Owns at most one Capture and keeps trying to have one."""

    def __init__(
        self,
        settings: CaptureSettings = CaptureSettings(),
        watchdog: WatchdogSettings = WatchdogSettings(),
        *,
        layer: DeviceLayer | None = None,
        now: Clock = time.monotonic,
    ) -> None:
        self.settings = settings
        self.watchdog = watchdog
        self._layer = layer
        self._now = now
        self.capture: Capture | None = None
        self._next_attempt: float | None = None  # None = attempt at the next poll
        self._failures = 0
        self._attempts = 0
        self._last_failure: str | None = None
        self.reinitializations = 0
        self.losses = 0

    @property
    def retry_at(self) -> float | None:
        return self._next_attempt

    def poll(self) -> list[MicEvent]:
        """Check the stream, or try to (re)open it when due. Never raises for device trouble."""
        now = self._now()
        cap = self.capture
        if cap is not None:
            if not cap.active:
                return [self._lose("stream_stopped", now)]
            if cap.silent_for(now) > self.watchdog.stall_seconds:
                return [self._lose("stalled", now)]
            if self._failures and cap.callbacks > 0:
                self._failures = 0  # audio is really flowing: the next loss starts the backoff afresh
            return []
        if self._next_attempt is not None and now < self._next_attempt:
            return []
        return self._attempt(now)

    def close(self) -> None:
        cap, self.capture = self.capture, None
        if cap is not None:
            cap.close()

    # --- internals ----------------------------------------------------------------------

    def _lose(self, reason: str, now: float) -> MicEvent:
        cap = self.capture
        name = cap.device.name if cap else None
        log.info("microphone lost (%s); callbacks=%d overflows=%d dropped=%d",
                 reason, cap.callbacks if cap else 0, cap.overflows if cap else 0, cap.dropped_chunks if cap else 0)
        self.losses += 1
        # The caller drains the queue before calling close(); here only the stream stops.
        self._next_attempt = now + self.watchdog.first_retry_seconds
        self._failures = max(self._failures, 1)
        return MicEvent("lost", reason, now, device=name)

    def _attempt(self, now: float) -> list[MicEvent]:
        self._attempts += 1
        try:
            layer = self._get_layer()
            if self._attempts > 1:
                # Only with no stream open: terminating PortAudio kills every stream.
                layer.reinitialize()
                self.reinitializations += 1
            devices = layer.list_inputs()
            s = self.settings
            choice = choose_device(devices, s.device, s.device_index, s.host_api)
            if choice is None:
                return [self._fail(now, "no_device")]
            device = choice.device
            channels = 2 if s.two_channel else 1
            if device.max_input_channels < channels:
                return [self._fail(now, "needs_two_channels", device=device.name)]
            rate = pick_rate(layer, device, channels)
            cap = Capture(layer, device, rate, channels, settings=s, now=self._now)
            cap.start()
        except AudioUnavailable as e:
            return [self._fail(now, "portaudio_missing", detail=str(e))]
        except AudioDeviceError as e:
            return [self._fail(now, "open_failed", detail=_short(str(e)))]
        except Exception as e:  # a driver's surprise must not end listening: retry like any failure
            return [self._fail(now, "open_failed", detail=type(e).__name__)]
        self.capture = cap
        self._next_attempt = None
        self._last_failure = None
        log.info("microphone open: %s (%s) at %d Hz, %d channel(s)", device.name, device.host_api, rate, channels)
        reason = "listening_fallback" if choice.wanted else "listening"
        return [MicEvent("opened", reason, now, device=device.name, detail=choice.wanted)]

    def _get_layer(self) -> DeviceLayer:
        if self._layer is None:
            self._layer = default_layer()  # raises AudioUnavailable until PortAudio is installed
        return self._layer

    def _fail(self, now: float, reason: str, *, device: str | None = None, detail: str | None = None) -> MicEvent:
        w = self.watchdog
        pause = min(w.max_retry_seconds, w.first_retry_seconds * w.backoff_factor ** self._failures)
        self._failures += 1
        self._next_attempt = now + pause
        if reason != self._last_failure:  # don't fill the log with the same failure every few seconds
            log.warning("microphone not available (%s); retrying every %.1f–%.1f s",
                        reason, w.first_retry_seconds, w.max_retry_seconds)
            self._last_failure = reason
        return MicEvent("failed", reason, now, device=device, detail=detail)


def _short(message: str, limit: int = 120) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"
