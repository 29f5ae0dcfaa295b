"""WAV files as a stream of 16 kHz AudioBlocks (for `analyze`, `demo`, enrolment and tests).

The RIFF parser is our own: the stdlib `wave` module of Python 3.11 reads neither
IEEE float nor WAVE_FORMAT_EXTENSIBLE files, which are what many recorders write.
The file is read piece by piece, so a long recording never sits in memory whole.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kohtaava_desk.i18n import t
from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.audio.resample import Resampler, UnsupportedRate, check_rate, to_int16

MIN_FILE_RATE = 8_000
MAX_FILE_RATE = 48_000

_PCM = 0x0001
_IEEE_FLOAT = 0x0003
_EXTENSIBLE = 0xFFFE
# KSDATAFORMAT_SUBTYPE_* GUIDs: the plain format code (little-endian) then this fixed tail.
_GUID_TAIL = bytes.fromhex("000000001000800000aa00389b71")
_INT_BITS = (8, 16, 24, 32)
_FLOAT_BITS = (32, 64)
_READ_SECONDS = 0.1
_UNKNOWN_SIZE = 0xFFFFFFFF
_READ_SECONDS_MANY_PHASES = 0.5
_FORMAT_NAMES = {0x0002: "MS ADPCM", 0x0006: "A-law", 0x0007: "µ-law", 0x0011: "IMA ADPCM", 0x0055: "MP3"}


class WavFileError(ValueError):
    """A WAV file that cannot be used; the text names the file, the problem and what is allowed."""

    def __init__(self, path: str | os.PathLike[str], code: str, **params: object) -> None:
        self.path = str(path)
        self.code = code
        self.params = params
        super().__init__(self.text())

    def text(self, lang: str | None = None) -> str:
        problem = t(f"wav.{self.code}", lang, **self.params)
        return f"{self.path}: {problem}. {t('wav.allowed', lang)}"


@dataclass(frozen=True)
class WavInfo:
    """What the header says, checked against what we can read."""

    path: str
    """The file as given."""
    sample_rate: int
    """Frames per second in the file."""
    channels: int
    """1 or 2."""
    bits: int
    """Bits per sample in the container (8, 16, 24, 32 or 64)."""
    is_float: bool
    """IEEE float samples rather than integer PCM."""
    frames: int
    """Whole frames of audio present in the file."""
    data_offset: int
    """Byte position of the first sample."""
    truncated: bool
    """The data chunk claims more bytes than the file holds (e.g. a recorder that never finished)."""
    claimed_frames: int = 0
    """Frames the data chunk claims; ``frames`` when it says "length unknown" (0xFFFFFFFF)."""

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate

    @property
    def frame_bytes(self) -> int:
        return self.channels * self.bits // 8


def read_wav_info(path: str | os.PathLike[str]) -> WavInfo:
    """Parse and validate the header; raises WavFileError with a specific reason."""
    from kohtaava_desk.fileguard import input_problem

    if input_problem(path):  # opening a FIFO would block until someone writes into it
        raise WavFileError(path, "not_regular")
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            return _parse(path, f, size)
    except FileNotFoundError:
        raise WavFileError(path, "not_found") from None
    except OSError as e:
        raise WavFileError(path, "unreadable", error=e.strerror or type(e).__name__) from None


def _parse(path: str | os.PathLike[str], f, size: int) -> WavInfo:
    head = f.read(12)
    if len(head) < 12:
        raise WavFileError(path, "not_riff")
    if head[:4] in (b"RF64", b"BW64"):
        raise WavFileError(path, "rf64", kind=head[:4].decode())
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise WavFileError(path, "not_riff")
    fmt: bytes | None = None
    data: tuple[int, int] | None = None
    pos = 12
    while pos + 8 <= size:
        f.seek(pos)
        cid, csize = struct.unpack("<4sI", f.read(8))
        body = pos + 8
        if cid == b"fmt ":
            fmt = f.read(min(csize, 64))
        elif cid == b"data":
            data = (body, csize)
            if fmt is not None:
                break
        pos = body + csize + (csize & 1)  # chunks are padded to even length
    if fmt is None or len(fmt) < 16:
        raise WavFileError(path, "no_fmt")
    if data is None:
        raise WavFileError(path, "no_data")

    tag, channels, rate, _byte_rate, block_align, bits = struct.unpack("<HHIIHH", fmt[:16])
    if tag == _EXTENSIBLE:
        if len(fmt) < 40:
            raise WavFileError(path, "no_fmt")
        sub = fmt[24:40]
        if sub[2:] != _GUID_TAIL:
            raise WavFileError(path, "encoding", what="WAVE_FORMAT_EXTENSIBLE (" + sub.hex() + ")")
        tag = struct.unpack("<H", sub[:2])[0]
    if tag == _PCM:
        if bits not in _INT_BITS:
            raise WavFileError(path, "encoding", what=f"PCM {bits} bit")
        is_float = False
    elif tag == _IEEE_FLOAT:
        if bits not in _FLOAT_BITS:
            raise WavFileError(path, "encoding", what=f"IEEE float {bits} bit")
        is_float = True
    else:
        raise WavFileError(path, "encoding", what=_FORMAT_NAMES.get(tag, f"0x{tag:04X}"))
    if channels not in (1, 2):
        raise WavFileError(path, "channels", channels=channels)
    if not MIN_FILE_RATE <= rate <= MAX_FILE_RATE:
        raise WavFileError(path, "rate", rate=rate)
    try:
        check_rate(rate)
    except UnsupportedRate:
        raise WavFileError(path, "rate", rate=rate) from None
    if block_align != channels * bits // 8:
        raise WavFileError(
            path, "inconsistent", detail=f"block_align={block_align}, channels={channels}, bits={bits}"
        )
    offset, claimed = data
    present = max(0, size - offset)
    truncated = claimed > present
    frames = min(claimed, present) // block_align
    if frames == 0:
        raise WavFileError(path, "empty")
    return WavInfo(
        path=str(path),
        sample_rate=rate,
        channels=channels,
        bits=bits,
        is_float=is_float,
        frames=frames,
        data_offset=offset,
        truncated=truncated,
        # 0xFFFFFFFF is what streaming writers (e.g. ffmpeg to a pipe) put there for "length unknown".
        claimed_frames=frames if claimed == _UNKNOWN_SIZE else claimed // block_align,
    )


def decode(raw: bytes, info: WavInfo) -> np.ndarray:
    """Bytes of whole frames -> float32 (frames, channels) at full scale ±1."""
    if info.is_float:
        x = np.frombuffer(raw, dtype="<f4" if info.bits == 32 else "<f8").astype(np.float32)
        # A NaN or inf would poison the filter state for the rest of the stream.
        x = np.nan_to_num(x, nan=0.0, posinf=1.0, neginf=-1.0)
    elif info.bits == 8:
        x = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif info.bits == 16:
        x = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif info.bits == 24:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        v = (v << 8) >> 8  # sign-extend from 24 bits
        x = v.astype(np.float32) / 8388608.0
    else:
        x = (np.frombuffer(raw, dtype="<i4").astype(np.float64) / 2147483648.0).astype(np.float32)
    return x.reshape(-1, info.channels)


class FileSource:
    """Yields ~0.1 s AudioBlocks of a WAV file at 16 kHz, t0 counted in seconds of audio.

    Mono files stay mono; stereo is averaged to mono unless `two_channel` is set,
    in which case the channels are kept (left = expert, right = client).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        two_channel: bool = False,
        block_seconds: float = 0.1,
    ) -> None:
        self.path = Path(path)
        self.info = read_wav_info(path)
        if two_channel and self.info.channels != 2:
            raise WavFileError(path, "needs_stereo")
        self.two_channel = two_channel
        self.block_samples = max(1, round(block_seconds * SAMPLE_RATE))
        self.frames_read = 0
        """Frames actually read by the last complete iteration."""

    @property
    def incomplete(self) -> bool:
        """After iterating: the data chunk claimed more than the file held (a recorder that stopped before
        writing its last block), or the file shrank while it was read."""
        return self.info.claimed_frames > self.info.frames or self.frames_read < self.info.frames

    @property
    def claimed_seconds(self) -> float:
        """What the header promises, for the warning about an incomplete file."""
        return max(self.info.claimed_frames, self.info.frames) / self.info.sample_rate

    @property
    def read_seconds(self) -> float:
        return self.frames_read / self.info.sample_rate

    @property
    def duration(self) -> float:
        return self.info.duration

    def __iter__(self) -> Iterator[AudioBlock]:
        info = self.info
        channels = 2 if self.two_channel else 1
        resampler = Resampler(info.sample_rate, channels)
        # Odd ratios (44.1/22.05/11.025 kHz) have many filter phases with a fixed cost per
        # call each, so they read longer pieces; simple ratios keep small, cache-friendly ones.
        seconds = _READ_SECONDS_MANY_PHASES if resampler.phases > 8 else _READ_SECONDS
        read_frames = max(1, round(seconds * info.sample_rate))
        pending: list[np.ndarray] = []
        pending_n = 0
        emitted = 0
        self.frames_read = 0
        with open(self.path, "rb") as f:
            f.seek(info.data_offset)
            left = info.frames
            while True:
                if left > 0:
                    want = min(read_frames, left)
                    raw = f.read(want * info.frame_bytes)
                    got = len(raw) // info.frame_bytes
                    if got == 0:
                        left = 0  # the file shrank since the header was read: end here
                        continue
                    left -= got
                    self.frames_read += got
                    frames = decode(raw[: got * info.frame_bytes], info)
                    if not self.two_channel:
                        frames = frames[:, 0] if info.channels == 1 else frames.mean(axis=1)
                    out = resampler.process(frames)
                    done = False
                else:
                    out = resampler.flush()
                    done = True
                if len(out):
                    pending.append(out)
                    pending_n += len(out)
                while pending_n >= self.block_samples or (done and pending_n > 0):
                    buf = np.concatenate(pending) if len(pending) > 1 else pending[0]
                    take = min(self.block_samples, len(buf))
                    yield AudioBlock(t0=emitted / SAMPLE_RATE, samples=to_int16(buf[:take]))
                    emitted += take
                    rest = buf[take:]
                    pending = [rest] if len(rest) else []
                    pending_n = len(rest)
                if done:
                    return
