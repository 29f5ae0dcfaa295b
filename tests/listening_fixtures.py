"""Shared synthetic recordings for the listening tests (built once per test process)."""

from __future__ import annotations

import functools

import numpy as np
import pytest

import synth
from synth import SAMPLE_RATE, Voice

EXPERT_VOICE = Voice("m3", pitch=45, speed=165)
CLIENT_VOICE = Voice("f2", pitch=60, speed=150)


@functools.lru_cache(maxsize=1)
def two_voice_material() -> tuple[synth.Dialogue, np.ndarray, np.ndarray]:
    """A ~2-minute dialogue (expert opens; back-channels from both), its mono mix, an enrolment clip."""
    rng = np.random.default_rng(11)
    script: list[tuple[str, str]] = []
    for i in range(10):
        script.append(("expert", synth.EXPERT_LINES[i]))
        if i % 3 == 1:
            script.append(("client", synth.BACKCHANNELS[i % len(synth.BACKCHANNELS)]))
            script.append(("expert", synth.EXPERT_LINES[i + 5]))
        script.append(("client", synth.CLIENT_LINES[i]))
        if i % 4 == 2:
            script.append(("expert", "mm"))
    d = synth.build_dialogue(script, EXPERT_VOICE, CLIENT_VOICE, rng)
    audio = synth.mix_mono(d, rng, client_gain_db=-5.0, snr_db=25.0)
    gap = np.zeros(int(0.4 * SAMPLE_RATE), np.float32)
    enrol = np.concatenate([np.concatenate([synth.trim(synth.speak(s, EXPERT_VOICE)), gap])
                            for s in synth.ENROLMENT_LINES])
    enrol = enrol * (0.1 / synth.speech_rms(enrol))
    enrol = enrol + synth.coloured_noise(len(enrol), rng) * 0.1 / 10 ** (30 / 20)
    return d, audio, enrol.astype(np.float32)


@pytest.fixture(scope="module")
def two_voice_dialogue() -> tuple[synth.Dialogue, np.ndarray, np.ndarray]:
    """(dialogue truth, mono mix, the expert's enrolment embedding)."""
    from kohtaava_desk.speakers.profile import enrol

    d, audio, enrol_audio = two_voice_material()
    return d, audio, enrol(enrol_audio).embedding
