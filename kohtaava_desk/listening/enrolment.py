"""A voice profile from any source of audio blocks (a file, the microphone, the settings dialog).

The recording is joined in memory (at most ``ENROL_MAX_S`` seconds), turned into the profile's numbers
and dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.i18n import t
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


TWO_VOICES_MAX_SIMILARITY = 0.85
"""Two halves of one voice's enrolment windows have centroids ~0.92-0.95 alike (synthetic voices of both
sexes); an expert-and-client recording splits at ~0.75. Below this the recording holds two voices."""
TWO_VOICES_MIN_SHARE = 0.1
"""...and the smaller voice must hold at least this share of the windows (a cough is not a second voice)."""


class TwoVoicesError(ValueError):
    """The enrolment recording holds a second voice; a profile from it would credit the client to the expert."""

    def __init__(self, share: float) -> None:
        super().__init__(f"the recording holds two voices (the smaller one {100 * share:.0f} % of the speech)")
        self.share = share

    def localized(self, lang: str = "fi") -> str:
        return t("enroll.two_voices", lang, share=100 * self.share)


def second_voice_share(wav: np.ndarray) -> float | None:
    """The share of the speech a second voice holds, or None when the recording sounds like one voice.

    Uses the meeting's own speaker split (speakers.clustering) on the enrolment's speech windows.
    """
    from kohtaava_desk.speakers.clustering import spectral_split, unit
    from kohtaava_desk.speakers.embedding import level_normalised
    from kohtaava_desk.speakers.encoder import VoiceEncoder
    from kohtaava_desk.speakers.profile import speech_windows

    windows, _ = speech_windows(wav)
    if len(windows) < 8:
        return None  # too little to split; enrol() refuses it for too little speech anyway
    embeddings = VoiceEncoder.load().embed_many([level_normalised(w) for w in windows], normalize=False)
    split = spectral_split(np.stack([unit(e) for e in embeddings]))
    if split is None or split.minority_share < TWO_VOICES_MIN_SHARE:
        return None
    return split.minority_share if split.centroid_similarity < TWO_VOICES_MAX_SIMILARITY else None


def profile_from_blocks(blocks: Iterable[AudioBlock], max_s: float = ENROL_MAX_S, *, one_voice: bool = False):
    """The VoiceProfile of the speech in ``blocks`` (raises EnrolmentError if there is too little).

    With ``one_voice`` a recording that holds two voices raises TwoVoicesError instead.
    """
    from kohtaava_desk.speakers.profile import enrol

    wav = collect_mono(blocks, max_s)
    try:
        if one_voice:
            share = second_voice_share(wav)
            if share is not None:
                raise TwoVoicesError(share)
        return enrol(wav)
    finally:
        del wav  # the recording is not kept beyond this call
