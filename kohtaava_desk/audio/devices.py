"""Input devices: the device-layer seam, the real PortAudio layer, and device choice.

Everything that talks to PortAudio sits behind `DeviceLayer`, so capture and the
watchdog can be tested with `kohtaava_desk.audio.simulated` instead of a sound card.
sounddevice is imported lazily: the core must import on machines without PortAudio.
"""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from kohtaava_desk.audio.resample import UnsupportedRate, check_rate
from kohtaava_desk.i18n import t

log = logging.getLogger(__name__)

PREFERRED_RATES = (48_000, 44_100, 32_000, 16_000, 24_000, 22_050, 96_000, 8_000)
"""Tried after the device's own default rate; the first one the device accepts wins."""


@dataclass(frozen=True)
class InputDevice:
    """One input as PortAudio lists it (the same microphone appears once per host API)."""

    index: int
    """PortAudio's device index; changes when devices come and go."""
    name: str
    """Device name; MME truncates it to 31 characters."""
    host_api: str
    """E.g. "ALSA", "MME", "Windows WASAPI", "Core Audio"."""
    max_input_channels: int
    """How many channels can be opened."""
    default_samplerate: float
    """The rate the system mixer runs the device at."""
    is_default: bool = False
    """The system's default input."""


class AudioUnavailable(RuntimeError):
    """PortAudio itself is missing: nothing can be captured until the system package is installed."""

    def text(self, lang: str | None = None) -> str:
        return t("portaudio.missing", lang, hint=portaudio_hint(lang))


def portaudio_hint(lang: str | None = None, system: str | None = None) -> str:
    """Which package brings PortAudio back on this operating system."""
    system = system or platform.system()
    # Only the Windows and macOS wheels of sounddevice carry their own PortAudio.
    bundled = system in ("Windows", "Darwin")
    return t("portaudio.hint_other" if bundled else "portaudio.hint_linux", lang)


class AudioDeviceError(RuntimeError):
    """Listing, checking or opening a device failed (unplugged, busy, unsupported settings)."""


FrameCallback = Callable[[np.ndarray, bool], None]
"""Called on the audio thread with float32 frames (n, channels) and an overflow flag."""


class InputStreamHandle(Protocol):
    @property
    def active(self) -> bool: ...

    def start(self) -> None: ...

    def close(self) -> None: ...


class DeviceLayer(Protocol):
    """The few PortAudio operations capture needs."""

    def list_inputs(self) -> list[InputDevice]: ...

    def supports(self, device: InputDevice, rate: int, channels: int) -> bool: ...

    def open_input(
        self, device: InputDevice, rate: int, channels: int, blocksize: int, callback: FrameCallback
    ) -> InputStreamHandle: ...

    def reinitialize(self) -> None:
        """Terminate and re-initialise PortAudio: the only way to see devices plugged in later."""
        ...


def _import_sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as e:  # the wheel is there but libportaudio is not
        raise AudioUnavailable(str(e)) from None
    except ImportError as e:
        raise AudioUnavailable(str(e)) from None
    return sounddevice


class SoundDeviceLayer:
    """The real thing: sounddevice over PortAudio."""

    def __init__(self) -> None:
        self._sd = _import_sounddevice()

    def list_inputs(self) -> list[InputDevice]:
        sd = self._sd
        try:
            apis = sd.query_hostapis()
            raw = sd.query_devices()
        except Exception as e:  # PortAudioError, or a name in an unexpected encoding
            raise AudioDeviceError(str(e) or type(e).__name__) from None
        default_in = _default_input_index(sd)
        devices = []
        for d in raw:
            if d["max_input_channels"] < 1:
                continue
            devices.append(
                InputDevice(
                    index=int(d["index"]),
                    name=str(d["name"]),
                    host_api=str(apis[d["hostapi"]]["name"]),
                    max_input_channels=int(d["max_input_channels"]),
                    default_samplerate=float(d["default_samplerate"]),
                    is_default=int(d["index"]) == default_in,
                )
            )
        return devices

    def supports(self, device: InputDevice, rate: int, channels: int) -> bool:
        try:
            self._sd.check_input_settings(device=device.index, channels=channels, samplerate=rate, dtype="float32")
        except Exception:  # PortAudioError or ValueError, both mean "not this way"
            return False
        return True

    def open_input(
        self, device: InputDevice, rate: int, channels: int, blocksize: int, callback: FrameCallback
    ) -> InputStreamHandle:
        sd = self._sd

        def _on_audio(indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
            # An exception escaping here silently stops the stream: guard even this adapter.
            try:
                callback(indata, bool(status.input_overflow))
            except Exception:
                pass

        try:
            stream = sd.InputStream(
                device=device.index,
                channels=channels,
                samplerate=rate,
                blocksize=blocksize,
                dtype="float32",
                callback=_on_audio,
            )
        except Exception as e:
            raise AudioDeviceError(str(e)) from None
        return _SoundDeviceStream(stream)

    def reinitialize(self) -> None:
        sd = self._sd
        try:
            # sounddevice has no public re-scan; these are the calls its own import runs.
            sd._terminate()
            sd._initialize()
        except Exception as e:
            raise AudioDeviceError(str(e)) from None


class _SoundDeviceStream:
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    @property
    def active(self) -> bool:
        try:
            return bool(self._stream.active)
        except Exception:
            return False

    def start(self) -> None:
        try:
            self._stream.start()
        except Exception as e:
            raise AudioDeviceError(str(e)) from None

    def close(self) -> None:
        # A device that vanished may make stop/close raise: it is closed either way.
        try:
            self._stream.close(ignore_errors=True)
        except Exception:
            pass


def _default_input_index(sd: Any) -> int:
    try:
        dev = sd.default.device[0]
        if isinstance(dev, str):
            return int(sd.query_devices(dev, "input")["index"])
        return int(dev)
    except Exception:
        return -1


def default_layer() -> DeviceLayer:
    """The PortAudio layer; raises AudioUnavailable when PortAudio is missing."""
    return SoundDeviceLayer()


# --- choosing a device ------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceChoice:
    device: InputDevice
    how: str
    """"name", "index", "default" or "first": how the device was found."""
    wanted: str | None
    """The configured name when it could not be found (so the status can say so)."""


def _norm(s: str) -> str:
    return " ".join(s.casefold().split())


def choose_device(
    devices: Sequence[InputDevice],
    name: str | None = None,
    index: int | None = None,
    host_api: str | None = None,
) -> DeviceChoice | None:
    """Pick the configured microphone: by name first, then by index, then the system default.

    Names are remembered rather than indices because indices shift when devices
    come and go; the index is a fallback for setups that only know a number.
    """
    if not devices:
        return None
    wanted = _norm(name) if name and name.strip() else None
    if wanted:
        exact = [d for d in devices if _norm(d.name) == wanted]
        # MME cuts names to 31 characters, so a remembered full name starts with the listed one.
        prefix = [d for d in devices if wanted.startswith(_norm(d.name)) or _norm(d.name).startswith(wanted)]
        inside = [d for d in devices if wanted in _norm(d.name)]
        for hits in (exact, prefix, inside):
            if hits:
                return DeviceChoice(_best(hits, devices, host_api), "name", None)
    missing = name if wanted else None
    if index is not None and index >= 0:  # the config writes -1 for "no index"
        for d in devices:
            if d.index == index:
                return DeviceChoice(d, "index", missing)
    for d in devices:
        if d.is_default:
            return DeviceChoice(d, "default", missing)
    return DeviceChoice(devices[0], "first", missing)


def _best(hits: list[InputDevice], devices: Sequence[InputDevice], host_api: str | None) -> InputDevice:
    if host_api:
        same = [d for d in hits if _norm(d.host_api) == _norm(host_api)]
        if same:
            hits = same
    # Otherwise prefer the host API the system default input uses: on Windows the same
    # microphone is listed under MME, DirectSound, WASAPI and WDM-KS.
    default_api = next((d.host_api for d in devices if d.is_default), None)
    hits = sorted(hits, key=lambda d: (not d.is_default, d.host_api != default_api, d.index))
    return hits[0]


def pick_rate(layer: DeviceLayer, device: InputDevice, channels: int) -> int:
    """The first rate the device accepts, starting with its own default (no OS resampling then)."""
    candidates = [int(round(device.default_samplerate))] + [r for r in PREFERRED_RATES]
    seen: set[int] = set()
    for rate in candidates:
        if rate in seen:
            continue
        seen.add(rate)
        try:
            check_rate(rate)
        except UnsupportedRate:
            continue
        if layer.supports(device, rate, channels):
            return rate
    raise AudioDeviceError(f"no usable sample rate on {device.name!r} for {channels} channel(s)")
