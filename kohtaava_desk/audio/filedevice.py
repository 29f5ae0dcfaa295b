"""A recording behind the DeviceLayer seam: `demo` plays a WAV file as if it were the microphone.

The file appears as one input device. Opening it starts a thread that plays PortAudio's callback thread:
it hands the file's frames to the capture callback as fast as the given clock allows (a sped-up clock
plays faster), then silence once the file is over, so the live session, its watchdog and the pipeline run
exactly as they do with a microphone. `finished` is set when the last frame was delivered.

Audio stays in memory: the file is read block by block and each block is dropped once delivered.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from kohtaava_desk.audio.blocks import SAMPLE_RATE
from kohtaava_desk.audio.devices import AudioDeviceError, FrameCallback, InputDevice
from kohtaava_desk.audio.wavfile import FileSource

FILE_HOST_API = "File"
PACE_SECONDS = 0.01
"""Real time between two checks of the clock by the playing thread."""


class FileDeviceLayer:
    """DeviceLayer whose only microphone is a WAV file (16 kHz; two channels in two-channel mode)."""

    def __init__(self, path: str | os.PathLike[str], clock: Callable[[], float], *, two_channel: bool = False) -> None:
        self.source = FileSource(path, two_channel=two_channel)  # reads the header: bad files fail here
        self.clock = clock
        self.channels = 2 if two_channel else 1
        self.finished = threading.Event()
        self._stream: _FileStream | None = None
        self._opened = False

    @property
    def duration(self) -> float:
        return self.source.duration

    def list_inputs(self) -> list[InputDevice]:
        return [InputDevice(0, Path(self.source.path).name, FILE_HOST_API, self.channels, float(SAMPLE_RATE), True)]

    def supports(self, device: InputDevice, rate: int, channels: int) -> bool:
        return rate == SAMPLE_RATE and channels <= self.channels

    def open_input(self, device: InputDevice, rate: int, channels: int, blocksize: int,
                   callback: FrameCallback) -> _FileStream:
        if self._opened:
            # A recording plays once: a reopen after a (spurious) stall must not replay it from the start.
            raise AudioDeviceError(f"{self.source.path}: the recording was already played")
        if not self.supports(device, rate, channels):
            raise AudioDeviceError(f"{self.source.path}: only {SAMPLE_RATE} Hz, {self.channels} channel(s)")
        self._opened = True
        self._stream = _FileStream(self, iter(self.source), blocksize, callback)
        return self._stream

    def reinitialize(self) -> None:
        if self._stream is not None:
            self._stream.close()


class _FileStream:
    def __init__(self, layer: FileDeviceLayer, blocks: Iterator, blocksize: int, callback: FrameCallback) -> None:
        self._layer = layer
        self._blocks = blocks
        self._blocksize = blocksize
        self._callback = callback
        self._pending = np.zeros((0, layer.channels), np.float32)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kohtaava-file-device", daemon=True)

    @property
    def active(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(2.0)

    def _next_frames(self) -> np.ndarray:
        """One callback's worth of float32 frames: the file's, then silence."""
        n, channels = self._blocksize, self._layer.channels
        while len(self._pending) < n:
            block = next(self._blocks, None)
            if block is None:
                break
            samples = np.asarray(block.samples, np.float32).reshape(-1, channels) / np.float32(32768.0)
            self._pending = np.concatenate([self._pending, samples])
        frames, self._pending = self._pending[:n], self._pending[n:]
        if len(frames) < n:
            if not self._layer.finished.is_set() and len(frames) == 0:
                self._layer.finished.set()
            frames = np.concatenate([frames, np.zeros((n - len(frames), channels), np.float32)])
        return frames

    def _run(self) -> None:
        clock, rate = self._layer.clock, SAMPLE_RATE
        t0, sent = clock(), 0
        while not self._stop.wait(PACE_SECONDS):
            while (clock() - t0) * rate >= sent + self._blocksize and not self._stop.is_set():
                self._callback(self._next_frames(), False)
                sent += self._blocksize
