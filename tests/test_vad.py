"""Voice activity: steady noise and typing stay silent, speech is found even at 10 dB SNR."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import synth
from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.listening.frames import Framer
from kohtaava_desk.listening.vad import VadSettings, VoiceActivity


def run_vad(x: np.ndarray, settings: VadSettings = VadSettings(), block_s: float = 0.1) -> np.ndarray:
    """Per-10-ms speech decisions for float audio, fed in blocks as the live capture would."""
    vad = VoiceActivity(settings)
    framer = Framer(settings.frame_samples)
    pcm = synth.to_int16(x)
    step = int(block_s * SAMPLE_RATE)
    decisions: list[bool] = []
    held_max = 0
    for i in range(0, len(pcm), step):
        for frame in framer.push(AudioBlock(i / SAMPLE_RATE, pcm[i:i + step])):
            decisions += [sp for _, sp in vad.process(frame)]
            held_max = max(held_max, vad.held_samples)
    decisions += [sp for _, sp in vad.flush()]
    assert held_max <= settings.smoothing_ms * SAMPLE_RATE // 1000
    return np.repeat(np.array(decisions, dtype=bool), settings.frame_ms // 10)


@pytest.fixture(scope="module")
def speech_clip() -> np.ndarray:
    text = " ".join(synth.EXPERT_LINES[:4])
    return synth.speak(text, synth.Voice("m3"))


def with_noise(clean: np.ndarray, snr_db: float, seed: int = 0, clicks: bool = False) -> np.ndarray:
    rng = np.random.default_rng(seed)
    lead = np.zeros(3 * SAMPLE_RATE, np.float32)  # noise alone first, so the floor is learnt
    speech = np.concatenate([lead, clean * (0.2 / synth.speech_rms(clean)), lead])
    noise = synth.coloured_noise(len(speech), rng) * (0.2 / 10 ** (snr_db / 20))
    if clicks:
        noise += synth.keyboard_clicks(len(speech), rng) * 0.1
    return np.clip(speech + noise, -1, 1).astype(np.float32)


@pytest.mark.parametrize("level_dbfs", [-50.0, -35.0, -20.0])
def test_steady_fan_noise_is_not_speech(level_dbfs: float) -> None:
    rng = np.random.default_rng(1)
    fan = synth.coloured_noise(20 * SAMPLE_RATE, rng) * 10 ** (level_dbfs / 20)
    speech = run_vad(fan)
    assert speech.mean() < 0.01, f"{100 * speech.mean():.1f} % of fan noise at {level_dbfs} dBFS called speech"


def test_typing_over_fan_is_not_speech() -> None:
    rng = np.random.default_rng(2)
    n = 20 * SAMPLE_RATE
    noise = synth.coloured_noise(n, rng) * 0.01 + synth.keyboard_clicks(n, rng, rate_per_s=6.0) * 0.3
    speech = run_vad(noise)
    assert speech.mean() < 0.03, f"{100 * speech.mean():.1f} % of typing called speech"


@pytest.mark.parametrize("snr_db", [30.0, 10.0])
def test_speech_found_in_noise(speech_clip: np.ndarray, snr_db: float) -> None:
    x = with_noise(speech_clip, snr_db, clicks=snr_db < 20)
    truth = np.zeros(len(x) // 160, bool)
    act = synth.activity(speech_clip)
    start = 3 * 100
    truth[start:start + len(act)] = act
    found = run_vad(x)[: len(truth)]
    truth = truth[: len(found)]
    recall = (found & truth).sum() / truth.sum()
    false_alarm = (found & ~truth).sum() / (~truth).sum()
    assert recall > 0.9, f"found only {100 * recall:.0f} % of the speech at {snr_db} dB SNR"
    # Everything outside the utterance is noise; only the hangover and reverberant tails may spill.
    assert false_alarm < 0.2, f"{100 * false_alarm:.0f} % of the non-speech called speech at {snr_db} dB"


def test_floor_follows_a_fan_switching_on(speech_clip: np.ndarray) -> None:
    """A fan 25 dB louder than the room switches on: within the floor window (6 s) it is background."""
    rng = np.random.default_rng(3)
    quiet = synth.coloured_noise(5 * SAMPLE_RATE, rng) * 10 ** (-60 / 20)
    loud = synth.coloured_noise(15 * SAMPLE_RATE, rng) * 10 ** (-35 / 20)
    speech = run_vad(np.concatenate([quiet, loud]))
    window = VadSettings().floor_window_s
    after = speech[int((5 + window) * 100):]
    assert after.mean() < 0.01
    # And speech over the now-loud fan is still heard.
    clip = speech_clip * (10 ** (-20 / 20) / synth.speech_rms(speech_clip))
    more_fan = synth.coloured_noise(len(clip), rng) * 10 ** (-35 / 20)
    mixed = np.concatenate([quiet, loud, more_fan + clip])
    tail = run_vad(mixed)[20 * 100:]
    assert tail.mean() > 0.5


def test_short_pause_is_bridged_long_pause_splits() -> None:
    word = synth.trim(synth.speak("Tervetuloa tapaamiseen", synth.Voice("f2")))
    rng = np.random.default_rng(4)

    def speech_runs(pause_s: float) -> int:
        gap = np.zeros(int(pause_s * SAMPLE_RATE), np.float32)
        lead = np.zeros(SAMPLE_RATE, np.float32)
        x = np.concatenate([lead, word, gap, word, lead]) * 0.5
        x = x + synth.coloured_noise(len(x), rng) * 0.002
        d = run_vad(x).astype(int)
        return int(np.sum(np.diff(d) == 1))

    assert speech_runs(0.15) == 1
    assert speech_runs(1.0) == 2


def test_block_size_does_not_change_decisions(speech_clip: np.ndarray) -> None:
    x = with_noise(speech_clip, 20.0)
    assert np.array_equal(run_vad(x, block_s=0.1), run_vad(x, block_s=0.037))


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="frame_ms"):
        VadSettings(frame_ms=25)
    with pytest.raises(ValueError, match="release_ratio"):
        VadSettings(onset_ratio=0.2, release_ratio=0.5)


def test_wrong_frame_length_is_refused() -> None:
    from kohtaava_desk.listening.vad import Frame

    vad = VoiceActivity()
    short = np.zeros(100, np.int16)
    with pytest.raises(ValueError, match="480 samples"):
        vad.process(Frame(0.0, short, short, -100.0))


def test_core_imports_without_webrtcvad() -> None:
    code = ("import sys; sys.modules['webrtcvad'] = None\n"
            "import kohtaava_desk.listening.pipeline, kohtaava_desk.listening.vad\n"
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
