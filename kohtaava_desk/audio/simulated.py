"""A simulated sound system behind the DeviceLayer seam, for tests, demos and screenshots.

It mimics the PortAudio behaviour the watchdog exists for: the device list only
changes on `reinitialize()`, an unplugged microphone usually just stops calling
back while its stream still reports active, and some failures stop the stream.
Audio is pushed by `pump()`, which plays PortAudio's callback thread and moves a
`ManualClock` forward, so tests never have to sleep.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from kohtaava_desk.audio.devices import AudioDeviceError, FrameCallback, InputDevice

Signal = Callable[[np.ndarray, int], np.ndarray]
"""(sample times in seconds, channels) -> float32 (n, channels)."""


class ManualClock:
    """A clock that moves only when told to (thread-safe)."""

    def __init__(self, start: float = 1000.0) -> None:
        self._t = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.now()

    def now(self) -> float:
        with self._lock:
            return self._t

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._t += seconds
            return self._t


def tone(freq: float = 220.0, level: float = 0.2) -> Signal:
    """A steady sine, the same on every channel."""

    def signal(t: np.ndarray, channels: int) -> np.ndarray:
        x = (level * np.sin(2 * math.pi * freq * t)).astype(np.float32)
        return np.repeat(x[:, None], channels, axis=1)

    return signal


@dataclass
class SimulatedDevice:
    """A microphone in the simulated machine."""

    name: str
    """Name as the host API would list it."""
    host_api: str = "Simulated"
    """Host API label."""
    channels: int = 1
    """Input channels the device offers."""
    default_rate: int = 48_000
    """The mixer rate reported as default."""
    rates: tuple[int, ...] = (48_000, 44_100, 16_000)
    """Rates it accepts."""
    is_default: bool = False
    """Marked as the system default input."""


@dataclass(eq=False)
class SimulatedStream:
    layer: SimulatedDeviceLayer
    device: SimulatedDevice
    rate: int
    channels: int
    blocksize: int
    callback: FrameCallback
    started: bool = False
    closed: bool = False
    stalled: bool = False
    stopped_by_fault: bool = False
    frames_sent: int = 0
    overflow_next: bool = False
    pending: float = field(default=0.0)

    @property
    def active(self) -> bool:
        return self.started and not self.closed and not self.stopped_by_fault

    def start(self) -> None:
        if self.layer.fail_start:
            raise AudioDeviceError("simulated start failure")
        self.started = True

    def close(self) -> None:
        with self.layer._lock:
            self.closed = True
            if self in self.layer.streams:
                self.layer.streams.remove(self)


class SimulatedDeviceLayer:
    """DeviceLayer over simulated hardware; counts re-initialisations and opens."""

    def __init__(
        self,
        devices: list[SimulatedDevice] | None = None,
        *,
        clock: ManualClock | None = None,
        signal: Signal | None = None,
    ) -> None:
        self.clock = clock or ManualClock()
        self.signal = signal or tone()
        self._lock = threading.RLock()
        self._hardware: list[SimulatedDevice] = list(devices or [])
        self._listed: list[SimulatedDevice] = list(self._hardware)  # frozen until reinitialize()
        self.streams: list[SimulatedStream] = []
        self.reinit_count = 0
        self.open_count = 0
        self.fail_start = False

    # --- the hardware, as the test drives it ----------------------------------------------

    def plug(self, device: SimulatedDevice) -> None:
        with self._lock:
            self._hardware.append(device)

    def unplug(self, name: str, *, stops_stream: bool = False) -> None:
        """Remove a device. By default its stream just goes quiet (what PortAudio usually does)."""
        with self._lock:
            self._hardware = [d for d in self._hardware if d.name != name]
            for s in self.streams:
                if s.device.name == name:
                    if stops_stream:
                        s.stopped_by_fault = True
                    else:
                        s.stalled = True

    def stall(self) -> None:
        """Open streams stop calling back but still claim to be active."""
        with self._lock:
            for s in self.streams:
                s.stalled = True

    def overflow(self) -> None:
        """The next callback reports an input overflow."""
        with self._lock:
            for s in self.streams:
                s.overflow_next = True

    def pump(self, seconds: float, *, step: float | None = None) -> int:
        """Let `seconds` of time pass, calling back open streams as PortAudio would.

        Returns the number of callbacks made. With no live stream the clock still moves.
        """
        with self._lock:
            live = [s for s in self.streams if s.active and not s.stalled]
        if not live:
            self.clock.advance(seconds)
            return 0
        s = live[0]  # one stream at a time is all capture ever opens
        block = s.blocksize
        dt = step if step is not None else block / s.rate
        calls = 0
        elapsed = 0.0
        while elapsed < seconds - 1e-9:
            self.clock.advance(dt)
            elapsed += dt
            with self._lock:
                if not (s.active and not s.stalled):
                    continue
                n = block
                t = (s.frames_sent + np.arange(n)) / s.rate
                frames = self.signal(t, s.channels).astype(np.float32)
                s.frames_sent += n
                overflow, s.overflow_next = s.overflow_next, False
            s.callback(frames, overflow)
            calls += 1
        return calls

    # --- DeviceLayer ------------------------------------------------------------------------

    def list_inputs(self) -> list[InputDevice]:
        with self._lock:
            return [self._info(i, d) for i, d in enumerate(self._listed)]

    def supports(self, device: InputDevice, rate: int, channels: int) -> bool:
        with self._lock:
            d = self._find(device)
            return d is not None and rate in d.rates and channels <= d.channels

    def open_input(
        self, device: InputDevice, rate: int, channels: int, blocksize: int, callback: FrameCallback
    ) -> SimulatedStream:
        with self._lock:
            d = self._find(device)
            if d is None or d not in self._hardware:
                raise AudioDeviceError(f"Error opening InputStream: Device unavailable [{device.name}]")
            if rate not in d.rates or channels > d.channels:
                raise AudioDeviceError("Error opening InputStream: Invalid sample rate or channel count")
            stream = SimulatedStream(self, d, rate, channels, blocksize, callback)
            self.streams.append(stream)
            self.open_count += 1
            return stream

    def reinitialize(self) -> None:
        with self._lock:
            # Pa_Terminate kills every stream still open.
            for s in self.streams:
                s.stopped_by_fault = True
            self.streams.clear()
            self._listed = list(self._hardware)
            self.reinit_count += 1

    def _find(self, device: InputDevice) -> SimulatedDevice | None:
        if 0 <= device.index < len(self._listed) and self._listed[device.index].name == device.name:
            return self._listed[device.index]
        return None

    @staticmethod
    def _info(index: int, d: SimulatedDevice) -> InputDevice:
        return InputDevice(
            index=index,
            name=d.name,
            host_api=d.host_api,
            max_input_channels=d.channels,
            default_samplerate=float(d.default_rate),
            is_default=d.is_default,
        )
