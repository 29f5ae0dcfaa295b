"""Speaker embeddings of live chunks and of the enrolment, made the same way so they compare.

The encoder's embedding depends strongly on input level (its mel input is not log-compressed: the
same sentence 12 dB louder scores only ~0.77 cosine to itself, 6 dB ~0.89). Resemblyzer only raises
quiet audio, so a loud enrolment and a quieter meeting would differ by level alone; on a benchmark
meeting with two similar voices that shrank the gap between expert and client from 0.09 to 0.05 and
the split was rejected. Here every piece of speech is scaled to the same RMS level, up or down,
before embedding; loudness is kept as a separate number where it is wanted.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

EMBED_LEVEL_DBFS = -30.0
"""Every chunk and enrolment window is scaled to this RMS level before embedding."""


def level_normalised(wav: np.ndarray, target_dbfs: float = EMBED_LEVEL_DBFS) -> np.ndarray:
    """Float32 copy of int16 or float audio scaled to ``target_dbfs`` RMS (silence stays silence)."""
    x = wav.astype(np.float32) / 32768.0 if wav.dtype == np.int16 else wav.astype(np.float32)
    rms = float(np.sqrt(np.mean(x.astype(np.float64) ** 2))) if x.size else 0.0
    if rms <= 1e-7:
        return x
    return (x * np.float32(10.0 ** (target_dbfs / 20.0) / rms)).astype(np.float32)


def chunk_embedder() -> Callable[[np.ndarray], np.ndarray]:
    """A function mapping one chunk of 16 kHz speech (int16 or float) to its (256,) unit embedding."""
    from kohtaava_desk.speakers.encoder import VoiceEncoder

    encoder = VoiceEncoder.load()
    return lambda wav: encoder.embed(level_normalised(wav), normalize=False)
