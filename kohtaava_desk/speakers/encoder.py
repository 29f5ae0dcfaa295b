"""The GE2E d-vector speaker encoder (Resemblyzer's pretrained network), run in plain numpy float32.

Network: 3-layer LSTM (40 -> 256 -> 256 -> 256), a 256x256 linear layer on the last layer's final hidden
state, ReLU and L2 normalisation: every embedding is a non-negative unit vector, so the dot product of
two embeddings is their cosine similarity.

Speed matters (the listening pipeline embeds every 1.5 s chunk live on a laptop core): the three LSTM
layers run as a diagonal wavefront — at step s layer l handles frame s - l — so each step is one batched
matmul per weight block and one tanh over all layers and all partial windows at once, instead of
3 x 160 small steps. Measured: 1.5 s chunks embed at ~0.013 x real time on one core (bench/encoder_speed.py).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from kohtaava_desk.speakers import melspec
from kohtaava_desk.speakers.weights import RESEMBLYZER_VERSION, WeightsError, load_encoder_state

ENCODER_ID = f"resemblyzer-ge2e-{RESEMBLYZER_VERSION}"
"""Names the network whose embeddings a voice profile holds (profiles of another encoder don't compare)."""
EMBEDDING_SIZE = 256
"""Length of one embedding."""
HIDDEN = 256
"""LSTM width."""
N_LAYERS = 3
"""LSTM depth."""
PARTIAL_FRAMES = 160
"""Frames in one partial window (1.6 s): the length the network was trained on."""
PARTIAL_SAMPLES = PARTIAL_FRAMES * melspec.HOP
"""Samples in one partial window (25 600 at 16 kHz)."""


@dataclass(frozen=True)
class PartialEmbeddings:
    """Embeddings of the overlapping 1.6 s windows of one waveform."""

    embeddings: np.ndarray
    """(P, 256) float32, each row unit norm."""
    spans: np.ndarray
    """(P, 2) int64 start/stop sample index of each window; stop may exceed the input (zero-padded)."""


def partial_spans(n_samples: int, rate: float = 1.3, min_coverage: float = 0.75) -> np.ndarray:
    """Resemblyzer's partial-window layout: (P, 2) start/stop sample indices covering n_samples.

    Windows are 1.6 s long, ``rate`` per second; the last one is kept if at least ``min_coverage`` of it
    holds real audio, and a waveform shorter than one window still gets one (zero-padded) window.
    """
    if not 0 < min_coverage <= 1:
        raise ValueError(f"min_coverage must be in (0, 1], not {min_coverage}")
    if rate <= 0:
        raise ValueError(f"rate must be positive, not {rate}")
    hop = melspec.HOP
    frames = int(np.ceil((n_samples + 1) / hop))
    frame_step = int(np.round((melspec.SAMPLE_RATE / rate) / hop))
    if not 0 < frame_step <= PARTIAL_FRAMES:
        lowest = melspec.SAMPLE_RATE / (hop * PARTIAL_FRAMES)
        raise ValueError(f"rate {rate} gives windows that leave gaps or overlap fully; use {lowest:.3f}..{melspec.SAMPLE_RATE / hop:.0f}")
    steps = max(1, frames - PARTIAL_FRAMES + frame_step + 1)
    starts = np.arange(0, steps, frame_step, dtype=np.int64)
    spans = np.stack([starts, starts + PARTIAL_FRAMES], axis=1) * hop
    coverage = (n_samples - spans[-1, 0]) / PARTIAL_SAMPLES
    if coverage < min_coverage and len(spans) > 1:
        spans = spans[:-1]
    return spans


_blas_lock = threading.Lock()
_blas_limited = False


def limit_blas_to_one_thread() -> bool:
    """Make numpy's BLAS single-threaded for the rest of the process (via threadpoolctl, if installed).

    The encoder's per-frame matmuls are tiny (a few rows by 1024): extra BLAS threads only add hand-off
    cost, and while the other core is busy (speech recognition, the UI) their spinning made one 1.5 s
    chunk take ~4x the CPU (measured 71 vs 17 ms). Limiting per call is no cure: OpenBLAS threads woken
    on every restore kept spinning and doubled the CPU time; one lasting limit matches running with
    OPENBLAS_NUM_THREADS=1. Returns whether a limit is in place; a no-op without threadpoolctl.
    """
    global _blas_limited
    with _blas_lock:
        if not _blas_limited:
            try:
                from threadpoolctl import threadpool_limits  # noqa: PLC0415 - optional dependency

                threadpool_limits(limits=1, user_api="blas")  # deliberately never restored
                _blas_limited = True
            except Exception:  # noqa: BLE001 - any failure only means "cannot limit"
                return False
        return True


def as_float_wave(wav: np.ndarray) -> np.ndarray:
    """Float32 samples of a mono int16 or float waveform; ValueError for anything else."""
    wav = np.asarray(wav)
    if wav.ndim != 1:
        raise ValueError(f"expected a mono waveform (1-D array), got shape {wav.shape}")
    if wav.dtype == np.int16:
        return wav.astype(np.float32) / np.float32(32768.0)
    if not np.issubdtype(wav.dtype, np.floating):
        raise ValueError(f"expected float samples in [-1, 1] or int16, got dtype {wav.dtype}")
    return wav.astype(np.float32, copy=False)


_SMALL_BATCH = 8
"""Batches smaller than this run one window at a time (see embed_windows)."""


class VoiceEncoder:
    """Maps 16 kHz speech to 256-d unit speaker embeddings; thread-safe (weights are read-only)."""

    _shared: VoiceEncoder | None = None
    _shared_lock = threading.Lock()

    encoder_id = ENCODER_ID

    def __init__(self, state: dict[str, np.ndarray]) -> None:
        try:
            self._init_weights(state)
        except KeyError as exc:
            raise WeightsError(f"speaker-encoder weights lack parameter {exc.args[0]}") from None

    def _init_weights(self, state: dict[str, np.ndarray]) -> None:
        def param(name: str, shape: tuple[int, ...]) -> np.ndarray:
            value = np.asarray(state[name], dtype=np.float32)
            if value.shape != shape:
                raise WeightsError(f"speaker-encoder parameter {name} has shape {value.shape}, expected {shape}")
            return value

        gates = 4 * HIDDEN
        # sigmoid(x) = 0.5 * (1 + tanh(x / 2)): halving the input, forget and output gate rows lets one
        # tanh over all 1024 gate pre-activations serve both non-linearities (torch's gate order i, f, g, o).
        scale = np.full(gates, 0.5, dtype=np.float32)
        scale[2 * HIDDEN : 3 * HIDDEN] = 1.0
        self._w_in0 = (param("lstm.weight_ih_l0", (gates, melspec.N_MELS)) * scale[:, None]).T.copy()
        self._w_hh0 = (param("lstm.weight_hh_l0", (gates, HIDDEN)) * scale[:, None]).T.copy()
        # Upper layers' weights stacked: rows 0..255 multiply the layer's input (the previous layer's h),
        # rows 256..511 its own h, so [input | h] @ stacked gives all gate pre-activations at once.
        stacked = np.zeros((N_LAYERS - 1, 2 * HIDDEN, gates), dtype=np.float32)
        bias = np.zeros((N_LAYERS, 1, gates), dtype=np.float32)
        for layer in range(N_LAYERS):
            if layer > 0:
                stacked[layer - 1, :HIDDEN] = (param(f"lstm.weight_ih_l{layer}", (gates, HIDDEN)) * scale[:, None]).T
                stacked[layer - 1, HIDDEN:] = (param(f"lstm.weight_hh_l{layer}", (gates, HIDDEN)) * scale[:, None]).T
            bias[layer, 0] = (param(f"lstm.bias_ih_l{layer}", (gates,)) + param(f"lstm.bias_hh_l{layer}", (gates,))) * scale
        self._w_upper = stacked
        self._bias = bias
        self._w_lin = param("linear.weight", (EMBEDDING_SIZE, HIDDEN)).T.copy()
        self._b_lin = param("linear.bias", (EMBEDDING_SIZE,)).copy()

    @classmethod
    def load(cls, weights_path: str | Path | None = None) -> VoiceEncoder:
        """The encoder with Resemblyzer's pretrained weights; loaded once per process and shared.

        Also limits numpy's BLAS to one thread process-wide (see :func:`limit_blas_to_one_thread`).
        """
        limit_blas_to_one_thread()
        if weights_path is not None:
            return cls(load_encoder_state(weights_path))
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls(load_encoder_state())
            return cls._shared

    def embed_windows(self, mels: np.ndarray) -> np.ndarray:
        """(B, T, 40) power mel spectrograms -> (B, 256) float32 unit embeddings, one batch pass."""
        mels = np.asarray(mels, dtype=np.float32)
        if mels.ndim != 3 or mels.shape[2] != melspec.N_MELS or mels.shape[1] < 1:
            raise ValueError(f"embed_windows expects mels of shape (B, T, {melspec.N_MELS}), got {mels.shape}")
        if mels.shape[0] == 0:
            return np.zeros((0, EMBEDDING_SIZE), dtype=np.float32)
        if 1 < mels.shape[0] < _SMALL_BATCH:
            # OpenBLAS multiplies a 1-row matrix (GEMV) far faster than a 2-7-row one: measured on one
            # core, two 1.6 s windows took 94 ms together but 2 x 20 ms one by one (a 2 s live chunk
            # has two windows). Same numbers to ~1e-7.
            return np.concatenate([self._forward(mels[i:i + 1]) for i in range(mels.shape[0])])
        return self._forward(mels)

    def _forward(self, mels: np.ndarray) -> np.ndarray:
        batch, steps, _ = mels.shape
        gates = 4 * HIDDEN
        # Layer 0's input projection for every frame in one matmul; two zero frames at the end keep the
        # wavefront loop uniform while the upper layers finish (layer 0's state is unused by then).
        proj0 = np.zeros((steps + N_LAYERS - 1, batch, gates), dtype=np.float32)
        proj0[:steps] = (mels.reshape(batch * steps, -1) @ self._w_in0).reshape(batch, steps, gates).transpose(1, 0, 2)
        proj0[:steps] += self._bias[0]
        # xh[l] = [input of layer l | hidden state of layer l]; input of layer l > 0 is h of layer l-1.
        xh = np.zeros((N_LAYERS, batch, 2 * HIDDEN), dtype=np.float32)
        cell = np.zeros((N_LAYERS, batch, HIDDEN), dtype=np.float32)
        pre = np.empty((N_LAYERS, batch, gates), dtype=np.float32)
        h, g, c2, c3 = HIDDEN, HIDDEN, 2 * HIDDEN, 3 * HIDDEN
        for s in range(steps + N_LAYERS - 1):
            # The per-step matmuls are memory-bound on the weights (several MB), so layer 0, whose input
            # projection was precomputed, multiplies only its 256-row recurrent block.
            np.matmul(xh[0, :, h:], self._w_hh0, out=pre[0])
            np.matmul(xh[1:], self._w_upper, out=pre[1:])
            pre[0] += proj0[s]
            pre[1:] += self._bias[1:]
            np.tanh(pre, out=pre)
            sig_i = pre[..., :g]
            sig_f = pre[..., g:c2]
            sig_o = pre[..., c3:]
            sig_i += 1.0
            sig_i *= 0.5
            sig_f += 1.0
            sig_f *= 0.5
            sig_o += 1.0
            sig_o *= 0.5
            cell *= sig_f
            cell += sig_i * pre[..., c2:c3]
            hidden = np.tanh(cell) * sig_o
            if s < N_LAYERS - 1:
                # Layers above the wavefront have not started yet: keep their state at zero.
                hidden[s + 1 :] = 0.0
                cell[s + 1 :] = 0.0
            xh[:, :, h:] = hidden
            xh[1:, :, :h] = hidden[:-1]
        last = xh[N_LAYERS - 1, :, h:]
        raw = np.maximum(last @ self._w_lin + self._b_lin, 0.0)
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        # An all-zero ReLU output has no direction; leave it zero rather than dividing by zero.
        return (raw / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    def embed_partials(
        self, wav: np.ndarray, rate: float = 1.3, min_coverage: float = 0.75, normalize: bool = True
    ) -> PartialEmbeddings:
        """Embed each 1.6 s partial window of a 16 kHz waveform (float in [-1, 1] or int16).

        ``normalize`` raises quiet audio to -30 dBFS first, as Resemblyzer's preprocessing does; the
        network's input is not log-compressed, so its embeddings do depend on level.
        """
        windows, spans = _partial_mels(wav, rate, min_coverage, normalize)
        return PartialEmbeddings(self.embed_windows(windows), spans)

    def embed_many(
        self, wavs: Sequence[np.ndarray], rate: float = 1.3, min_coverage: float = 0.75, normalize: bool = True
    ) -> np.ndarray:
        """(N, 256): one utterance embedding per waveform, each normalised on its own, in one batch.

        For re-embedding many kept chunks or enrolment windows at once: the same result as calling
        :meth:`embed` on each, at a fraction of the cost.
        """
        if len(wavs) == 0:
            return np.zeros((0, EMBEDDING_SIZE), dtype=np.float32)
        parts = [_partial_mels(w, rate, min_coverage, normalize)[0] for w in wavs]
        embeddings = self.embed_windows(np.concatenate(parts))
        bounds = np.cumsum([0] + [len(p) for p in parts])
        return np.stack([unit_mean(embeddings[a:b]) for a, b in zip(bounds[:-1], bounds[1:])])

    def embed(self, wav: np.ndarray, rate: float = 1.3, min_coverage: float = 0.75, normalize: bool = True) -> np.ndarray:
        """One (256,) unit embedding for an utterance: the normalised mean of its partial embeddings."""
        partials = self.embed_partials(wav, rate, min_coverage, normalize).embeddings
        return unit_mean(partials)


def _partial_mels(wav: np.ndarray, rate: float, min_coverage: float, normalize: bool) -> tuple[np.ndarray, np.ndarray]:
    """(P, 160, 40) mel windows of a waveform and their (P, 2) sample spans, as Resemblyzer cuts them."""
    wav = as_float_wave(wav)
    if normalize:
        wav = melspec.normalize_volume(wav)
    spans = partial_spans(len(wav), rate, min_coverage)
    stop = int(spans[-1, 1])
    if stop >= len(wav):
        wav = np.pad(wav, (0, stop - len(wav)))
    mel = melspec.mel_spectrogram(wav)
    frame_starts = spans[:, 0] // melspec.HOP
    windows = np.lib.stride_tricks.sliding_window_view(mel, PARTIAL_FRAMES, axis=0)[frame_starts]
    return np.ascontiguousarray(windows.transpose(0, 2, 1)), spans


def unit_mean(embeddings: np.ndarray) -> np.ndarray:
    """L2-normalised mean of a stack of embeddings (the GE2E centroid)."""
    mean = np.asarray(embeddings, dtype=np.float64).mean(axis=0)
    norm = np.linalg.norm(mean)
    return (mean / norm if norm > 0 else mean).astype(np.float32)
