"""Streaming conversion of any common input rate to the pipeline's 16 kHz.

A polyphase windowed-sinc (Kaiser) filter in plain numpy: the microphone and WAV
files arrive at 44.1/48 kHz and the like, and scipy is too heavy a runtime
dependency for one filter. State (input history, output position) carries across
blocks, so cutting the stream into blocks anywhere gives the same output as
converting it in one piece.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from kohtaava_desk.audio.blocks import SAMPLE_RATE

MIN_INPUT_RATE = 8_000
MAX_INPUT_RATE = 192_000
_MAX_PHASES = 1_000
"""More polyphase branches than this means an odd rate whose filter table would be huge."""


@dataclass(frozen=True)
class FilterDesign:
    """How sharp the anti-aliasing (or anti-imaging) low-pass is."""

    passband: float = 0.86
    """Edge of the flat band as a fraction of the lower Nyquist frequency (7.0 kHz at 16 kHz out)."""
    stopband: float = 1.0
    """Start of the stop band, as the same fraction: 1.0 lets nothing fold back into the band."""
    attenuation_db: float = 70.0
    """Stop-band attenuation; 70 dB keeps aliases below what a laptop microphone resolves."""


class UnsupportedRate(ValueError):
    """The input rate cannot be converted (outside 8–192 kHz or an odd ratio)."""


def check_rate(rate: int) -> None:
    if not isinstance(rate, (int, np.integer)) or isinstance(rate, bool):
        raise UnsupportedRate(f"sample rate must be a whole number of Hz, got {rate!r}")
    if not MIN_INPUT_RATE <= rate <= MAX_INPUT_RATE:
        raise UnsupportedRate(
            f"sample rate {rate} Hz is outside the supported {MIN_INPUT_RATE}–{MAX_INPUT_RATE} Hz"
        )
    g = math.gcd(int(rate), SAMPLE_RATE)
    if SAMPLE_RATE // g > _MAX_PHASES:
        raise UnsupportedRate(
            f"sample rate {rate} Hz has no simple ratio to {SAMPLE_RATE} Hz; "
            "use a common rate such as 8000, 11025, 16000, 22050, 32000, 44100 or 48000 Hz"
        )


@lru_cache(maxsize=16)
def _design(rate_in: int, rate_out: int, design: FilterDesign) -> tuple[int, int, int, np.ndarray]:
    """Return (up, down, delay, phases[up, taps]) with each phase's taps reversed for a dot product."""
    g = math.gcd(rate_in, rate_out)
    up, down = rate_out // g, rate_in // g
    rate_up = rate_in * up
    nyquist = min(rate_in, rate_out) / 2.0
    f_pass, f_stop = design.passband * nyquist, design.stopband * nyquist
    cutoff = (f_pass + f_stop) / 2.0
    width = 2.0 * math.pi * (f_stop - f_pass) / rate_up
    a = design.attenuation_db
    # Kaiser's empirical formulas for window length and shape.
    n_needed = math.ceil((a - 7.95) / (2.285 * width)) + 1
    beta = 0.1102 * (a - 8.7) if a > 50 else 0.5842 * (a - 21) ** 0.4 + 0.07886 * (a - 21)
    taps = max(1, math.ceil(n_needed / up))
    n = taps * up
    # An odd length puts the centre on a whole sample, so the delay can be removed exactly.
    odd = n if n % 2 else n - 1
    centre = (odd - 1) // 2
    j = np.arange(odd, dtype=np.float64)
    h = np.zeros(n)
    h[:odd] = (2.0 * cutoff / rate_up) * np.sinc(2.0 * cutoff / rate_up * (j - centre)) * np.kaiser(odd, beta)
    h *= up / h.sum()  # each of the `up` branches then has unit gain at DC
    phases = h.reshape(taps, up).T  # phases[p, k] = h[p + k*up]
    return up, down, centre, np.ascontiguousarray(phases[:, ::-1], dtype=np.float32)


class Resampler:
    """Converts one continuous stream from `rate_in` to 16 kHz, block by block.

    Input: float32 (or int16, taken as full scale) shaped (n,) or (n, channels).
    Output: float32 of the same layout. Output sample m belongs to time m / 16000 s
    of the input (the filter delay is compensated), so timestamps stay exact.
    """

    def __init__(self, rate_in: int, channels: int = 1, design: FilterDesign = FilterDesign()) -> None:
        check_rate(rate_in)
        self.rate_in = int(rate_in)
        self.channels = channels
        self._passthrough = self.rate_in == SAMPLE_RATE
        up, down, delay, phases = _design(self.rate_in, SAMPLE_RATE, design)
        self._up, self._down, self._delay = up, down, delay
        self._phases = phases
        self._taps = phases.shape[1]
        shape = (self._taps - 1,) if channels == 1 else (self._taps - 1, channels)
        self._buf = np.zeros(shape, dtype=np.float32)
        self._buf_start = -(self._taps - 1)  # global input index of _buf[0]; zeros before the stream
        self._inputs = 0
        self._outputs = 0
        self._finished = False

    @property
    def phases(self) -> int:
        """Polyphase branches (the upsampling factor): each costs a little fixed work per call."""
        return self._up

    @property
    def latency_samples(self) -> int:
        """Input samples held back until enough look-ahead has arrived."""
        return 0 if self._passthrough else self._delay // self._up + 1

    def process(self, x: np.ndarray) -> np.ndarray:
        if self._finished:
            raise RuntimeError("resampler already flushed")
        x = self._as_float(x)
        if self._passthrough:
            self._inputs += len(x)
            self._outputs += len(x)
            return x
        self._buf = np.concatenate((self._buf, x)) if len(x) else self._buf
        self._inputs += len(x)
        return self._run(self._inputs)

    def flush(self) -> np.ndarray:
        """Return the held-back tail; the stream then counts as ended."""
        if self._finished:
            return self._empty()
        self._finished = True
        if self._passthrough:
            return self._empty()
        total = -(-self._inputs * self._up // self._down)  # ceil: outputs that fall inside the input
        if total <= self._outputs:
            return self._empty()
        last_n = ((total - 1) * self._down + self._delay) // self._up
        pad = last_n + 1 - (self._buf_start + len(self._buf))
        if pad > 0:
            zeros = np.zeros((pad,) + self._buf.shape[1:], dtype=np.float32)
            self._buf = np.concatenate((self._buf, zeros))
        return self._run(self._buf_start + len(self._buf), limit=total)

    def _run(self, available: int, limit: int | None = None) -> np.ndarray:
        up, down, delay, taps = self._up, self._down, self._delay, self._taps
        # Output m needs input n = (m*down + delay) // up, which must already be here.
        end = (available * up - 1 - delay) // down + 1
        if limit is not None:
            end = min(end, limit)
        count = end - self._outputs
        if count <= 0:
            return self._empty()
        y = np.empty((count,) + self._buf.shape[1:], dtype=np.float32)
        windows = sliding_window_view(self._buf, taps, axis=0)  # [i] = buf[i : i+taps]
        first = self._outputs
        # Outputs `up` apart share a phase and sit `down` inputs apart: one strided
        # matrix product per phase instead of a gather per output.
        for r in range(min(up, count)):
            t = (first + r) * down + delay
            n, p = divmod(t, up)
            start = n - (taps - 1) - self._buf_start
            rows = windows[start::down][: len(range(r, count, up))]
            # np.dot, unlike @, reaches BLAS on these strided views (about 5x faster).
            y[r::up] = np.dot(rows, self._phases[p])
        self._outputs = end
        keep_from = (end * down + delay) // up - (taps - 1)
        drop = keep_from - self._buf_start
        if drop > 0:
            self._buf = self._buf[drop:]
            self._buf_start = keep_from
        return y

    def _as_float(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x)
        if x.dtype == np.int16:
            x = x.astype(np.float32) / 32768.0
        else:
            x = x.astype(np.float32, copy=False)
        want = 1 if self.channels == 1 else 2
        if x.ndim != want or (want == 2 and x.shape[1] != self.channels):
            raise ValueError(
                f"expected samples shaped {'(n,)' if want == 1 else f'(n, {self.channels})'}, got {x.shape}"
            )
        return x

    def _empty(self) -> np.ndarray:
        return np.zeros((0,) + self._buf.shape[1:], dtype=np.float32)


def to_int16(x: np.ndarray) -> np.ndarray:
    """Full-scale float to int16 with rounding and clipping (no wrap-around on loud peaks)."""
    return np.clip(np.rint(x * 32768.0), -32768, 32767).astype(np.int16)
