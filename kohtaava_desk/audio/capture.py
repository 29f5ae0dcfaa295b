"""Microphone capture: a PortAudio callback that only copies, and conversion to 16 kHz blocks.

The callback runs on PortAudio's real-time thread. An exception there silently
stops the stream and slow work there overflows the device buffer, so it does
nothing but copy the frames into a bounded queue (counting what it had to drop).
Resampling and everything after it happen on the consumer's worker thread.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.audio.devices import DeviceLayer, InputDevice, InputStreamHandle
from kohtaava_desk.audio.resample import Resampler, to_int16

Clock = Callable[[], float]


@dataclass(frozen=True)
class CaptureSettings:
    """Which microphone to use and how to buffer it (mapped from the office/personal config)."""

    device: str | None = None
    """Input device by (part of) its name, as in the config's [audio] device; None or "" = system default."""
    device_index: int | None = None
    """Fallback when the name is not found (indices shift as devices come and go); None or -1 = none."""
    host_api: str | None = None
    """Preferred host API when the same name is listed under several (Windows)."""
    two_channel: bool = False
    """Open two channels and keep them apart (channel 1 = expert, channel 2 = client)."""
    block_seconds: float = 0.1
    """Audio per callback; 0.1 s keeps callbacks rare and latency small."""
    queue_seconds: float = 5.0
    """How much audio may wait for the worker before the oldest-to-come is dropped."""


def capture_settings_from(audio: object) -> CaptureSettings:
    """Map the config's [audio] table (device, device_index, two_channel) onto CaptureSettings."""
    name = str(getattr(audio, "device", "") or "").strip()
    index = int(getattr(audio, "device_index", -1))
    return CaptureSettings(
        device=name or None,
        device_index=index if index >= 0 else None,
        two_channel=bool(getattr(audio, "two_channel", False)),
    )


@dataclass(frozen=True, eq=False)
class RawChunk:
    """Frames as the device delivered them; exists only between callback and worker."""

    frames: np.ndarray
    """float32 (n, channels), a private copy."""
    offset: int
    """Device frames delivered before this chunk since the stream opened (dropped ones included)."""
    stamp: float
    """Clock time when the callback ran, i.e. just after the last frame was captured."""


class Capture:
    """One open input stream feeding a bounded queue."""

    def __init__(
        self,
        layer: DeviceLayer,
        device: InputDevice,
        rate: int,
        channels: int,
        *,
        settings: CaptureSettings = CaptureSettings(),
        now: Clock = time.monotonic,
    ) -> None:
        self.device = device
        self.rate = rate
        self.channels = channels
        self._layer = layer
        self._now = now
        self._blocksize = max(1, round(rate * settings.block_seconds))
        max_chunks = max(2, round(settings.queue_seconds / settings.block_seconds))
        self._queue: queue.Queue[RawChunk] = queue.Queue(maxsize=max_chunks)
        self._stream: InputStreamHandle | None = None
        self._frames_seen = 0
        self.opened_at = 0.0
        self.last_callback: float | None = None
        self.callbacks = 0
        self.overflows = 0
        self.dropped_chunks = 0
        self.dropped_frames = 0
        self.callback_errors = 0

    def start(self) -> None:
        """Open and start the stream; raises AudioDeviceError."""
        self.opened_at = self._now()
        stream = self._layer.open_input(self.device, self.rate, self.channels, self._blocksize, self._on_audio)
        try:
            stream.start()
        except Exception:
            stream.close()
            raise
        self._stream = stream

    def _on_audio(self, indata: np.ndarray, overflow: bool) -> None:
        # PortAudio's thread: copy, stamp, count. Nothing that can block or take long.
        try:
            stamp = self._now()
            n = len(indata)
            if overflow:
                self.overflows += 1
            try:
                self._queue.put_nowait(RawChunk(indata.copy(), self._frames_seen, stamp))
            except queue.Full:
                self.dropped_chunks += 1
                self.dropped_frames += n
            self._frames_seen += n
            self.callbacks += 1
            self.last_callback = stamp
        except Exception:
            self.callback_errors += 1

    def get(self, timeout: float) -> RawChunk | None:
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def get_nowait(self) -> RawChunk | None:
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            return None

    @property
    def active(self) -> bool:
        return self._stream is not None and self._stream.active

    def silent_for(self, now: float) -> float:
        """Seconds since the last callback (or since opening, before the first one)."""
        last = self.last_callback if self.last_callback is not None else self.opened_at
        return now - last

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.close()

    def discard(self) -> None:
        """Drop whatever audio still waits (used when the session ends without processing it)."""
        while self.get_nowait() is not None:
            pass


class ChunkConverter:
    """Turns one stream's RawChunks into 16 kHz int16 AudioBlocks on the session clock.

    The first chunk anchors device frame 0 to the clock; later chunks are placed by
    frame count, which is steadier than per-callback stamps. Frames the callback had
    to drop show up as a jump in `offset`: the audio before is flushed and the next
    block starts after the hole, so the caller sees the hole as a jump in t0.
    """

    def __init__(self, rate: int, channels_in: int, *, two_channel: bool, not_before: float = 0.0) -> None:
        self.rate = rate
        self.channels_in = channels_in
        self.two_channel = two_channel
        self._not_before = not_before
        self._origin: float | None = None  # session time of device frame 0
        self._resampler: Resampler | None = None
        self._segment_t0 = 0.0
        self._segment_out = 0
        self._expected = 0

    def convert(self, chunk: RawChunk, session_stamp: float) -> list[AudioBlock]:
        """Blocks for this chunk; after dropped frames the next block's t0 jumps past the hole."""
        frames = chunk.frames
        n = len(frames)
        blocks: list[AudioBlock] = []
        if self._origin is None:
            origin = session_stamp - (chunk.offset + n) / self.rate
            # Never overlap audio already delivered by an earlier stream, nor precede the session.
            self._origin = max(origin, self._not_before)
            self._start_segment(chunk.offset)
        elif chunk.offset != self._expected:
            # The filter must not run across the hole: finish the piece before it.
            blocks.extend(self._flush_segment())
            self._start_segment(chunk.offset)
        self._expected = chunk.offset + n
        x = self._pick_channels(frames)
        assert self._resampler is not None
        blocks.extend(self._emit(self._resampler.process(x)))
        return blocks

    def flush(self) -> list[AudioBlock]:
        """The resampler's held-back tail; call when the stream has ended."""
        return self._flush_segment()

    def _pick_channels(self, frames: np.ndarray) -> np.ndarray:
        if self.two_channel:
            return frames[:, :2]
        if frames.ndim == 2:
            return frames[:, 0] if frames.shape[1] == 1 else frames.mean(axis=1)
        return frames

    def _start_segment(self, offset: int) -> None:
        assert self._origin is not None
        self._resampler = Resampler(self.rate, 2 if self.two_channel else 1)
        self._segment_t0 = self._origin + offset / self.rate
        self._segment_out = 0

    def _flush_segment(self) -> list[AudioBlock]:
        if self._resampler is None:
            return []
        out = self._emit(self._resampler.flush())
        self._resampler = None
        return out

    def _emit(self, y: np.ndarray) -> list[AudioBlock]:
        if not len(y):
            return []
        block = AudioBlock(t0=self._segment_t0 + self._segment_out / SAMPLE_RATE, samples=to_int16(y))
        self._segment_out += len(y)
        return [block]
