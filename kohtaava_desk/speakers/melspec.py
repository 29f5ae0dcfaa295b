"""The speaker encoder's input features, computed exactly as Resemblyzer does, in plain numpy.

Resemblyzer feeds its network ``librosa.feature.melspectrogram(y, sr=16000, n_fft=400, hop_length=160,
n_mels=40)``: a *power* (not log) mel spectrogram with a periodic Hann window, centred frames, librosa's
Slaney mel scale and Slaney area normalisation. We reproduce it here so the app needs neither librosa
nor torch. ``pad_mode="constant"`` is what librosa >= 0.10 uses for centred frames (older librosa
reflected the edges); it only changes the first and last two frames.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

SAMPLE_RATE = 16_000
"""The encoder was trained on 16 kHz audio."""
N_FFT = 400
"""25 ms analysis window."""
HOP = 160
"""10 ms frame step."""
N_MELS = 40
"""Mel channels the network expects."""
INT16_MAX = 2**15 - 1
"""Resemblyzer's full-scale reference for dBFS."""
NORM_TARGET_DBFS = -30.0
"""Resemblyzer's loudness target before embedding."""


def _hz_to_mel(hz: np.ndarray) -> np.ndarray:
    # Slaney's Auditory Toolbox scale: linear below 1 kHz, logarithmic above (librosa's htk=False).
    hz = np.asarray(hz, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = hz / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(hz >= min_log_hz, min_log_mel + np.log(np.maximum(hz, 1e-10) / min_log_hz) / logstep, mels)


def _mel_to_hz(mels: np.ndarray) -> np.ndarray:
    mels = np.asarray(mels, dtype=np.float64)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(mels >= min_log_mel, min_log_hz * np.exp(logstep * (mels - min_log_mel)), f_sp * mels)


def mel_band_edges(sr: int = SAMPLE_RATE, n_mels: int = N_MELS) -> np.ndarray:
    """The n_mels + 2 corner frequencies (Hz) of the triangular filters, lowest first."""
    return _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(sr / 2.0), n_mels + 2))


@lru_cache(maxsize=4)
def mel_filterbank(sr: int = SAMPLE_RATE, n_fft: int = N_FFT, n_mels: int = N_MELS) -> np.ndarray:
    """(n_mels, 1 + n_fft // 2) triangular filters, Slaney-normalised to constant area (librosa's default)."""
    fft_freqs = np.fft.rfftfreq(n_fft, d=1.0 / sr)
    edges = mel_band_edges(sr, n_mels)
    widths = np.diff(edges)
    ramps = edges[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (edges[2:] - edges[:-2]))[:, None]
    weights.setflags(write=False)
    return weights


@lru_cache(maxsize=4)
def _hann(n: int) -> np.ndarray:
    # Periodic Hann (scipy.signal.get_window('hann', n, fftbins=True)), as librosa uses.
    window = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(n) / n)
    window.setflags(write=False)
    return window


def n_frames(n_samples: int) -> int:
    """Frames a centred STFT yields for a signal of n_samples."""
    return 1 + n_samples // HOP


def mel_spectrogram(wav: np.ndarray, pad_mode: str = "constant") -> np.ndarray:
    """(frames, 40) float32 power mel spectrogram of a 16 kHz float waveform, as Resemblyzer computes it."""
    wav = np.asarray(wav, dtype=np.float64)
    if wav.ndim != 1:
        raise ValueError(f"mel_spectrogram expects a mono waveform, got shape {wav.shape}")
    half = N_FFT // 2
    if pad_mode == "constant":
        padded = np.pad(wav, half)
    elif pad_mode == "reflect":
        if len(wav) <= half:
            raise ValueError("reflect padding needs more than 200 samples")
        padded = np.pad(wav, half, mode="reflect")
    else:
        raise ValueError(f"pad_mode must be 'constant' or 'reflect', not {pad_mode!r}")
    frames = np.lib.stride_tricks.sliding_window_view(padded, N_FFT)[::HOP]
    spectrum = np.fft.rfft(frames * _hann(N_FFT), axis=1)
    power = spectrum.real**2 + spectrum.imag**2
    return (power @ mel_filterbank().T).astype(np.float32)


def rms_dbfs(wav: np.ndarray) -> float:
    """Loudness of a float waveform in dBFS (Resemblyzer's int16 reference); -inf for silence."""
    wav = np.asarray(wav, dtype=np.float64)
    if wav.size == 0:
        return float("-inf")
    rms = np.sqrt(np.mean((wav * INT16_MAX) ** 2))
    with np.errstate(divide="ignore"):
        return float(20.0 * np.log10(rms / INT16_MAX))


def normalize_volume(wav: np.ndarray, target_dbfs: float = NORM_TARGET_DBFS) -> np.ndarray:
    """Raise a quiet float waveform to target_dbfs (never lowers it), as Resemblyzer's preprocessing does."""
    wav = np.asarray(wav, dtype=np.float32)
    level = rms_dbfs(wav)
    if not np.isfinite(level) or level >= target_dbfs:
        # Digital silence stays silence rather than being amplified to infinity.
        return wav
    return (wav * np.float32(10.0 ** ((target_dbfs - level) / 20.0))).astype(np.float32)
