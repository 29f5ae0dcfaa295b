"""A voice profile from any source of audio blocks (a file, the microphone, the settings dialog).

The recording is joined in memory (at most ``ENROL_MAX_S`` seconds), turned into the profile's numbers
and dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.listening.collect import ENROL_MAX_S


def collect_mono(blocks: Iterable[AudioBlock], max_s: float = ENROL_MAX_S) -> np.ndarray:
    """Join blocks into one int16 mono array, stopping after ``max_s`` seconds."""
    parts: list[np.ndarray] = []
    total = 0
    limit = int(max_s * SAMPLE_RATE)
    for block in blocks:
        samples = np.asarray(block.samples)
        if samples.ndim == 2:
            samples = np.round(samples.astype(np.float32).mean(axis=1)).astype(np.int16)
        take = samples[: limit - total]
        parts.append(take)
        total += len(take)
        if total >= limit:
            break
    return np.concatenate(parts) if parts else np.zeros(0, np.int16)


def profile_from_blocks(blocks: Iterable[AudioBlock], max_s: float = ENROL_MAX_S):
    """The VoiceProfile of the speech in ``blocks`` (raises EnrolmentError if there is too little)."""
    from kohtaava_desk.speakers.profile import enrol

    wav = collect_mono(blocks, max_s)
    try:
        return enrol(wav)
    finally:
        del wav  # the recording is not kept beyond this call
