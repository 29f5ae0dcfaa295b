"""The synchronous listening pipeline: determinism, bounded memory, lifecycle, tap, gaps, two channels."""

from __future__ import annotations

import hashlib
import os
import sys

import numpy as np
import pytest

import synth
from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.listening.pipeline import ListeningPipeline, ListeningSettings, PipelineState
from kohtaava_desk.listening.tally import TalkTally
from kohtaava_desk.talk import CaptureGap, SegmentAdded, Speaker
from kohtaava_desk.speakers.attribution import AttributionSettings, Confidence
from listening_fixtures import two_voice_dialogue  # noqa: F401  (fixture)


def feed_all(pipeline: ListeningPipeline, audio: np.ndarray, block_s: float = 0.1, t0: float = 0.0,
             check=None) -> list:
    pcm = audio if audio.dtype == np.int16 else synth.to_int16(audio)
    step = max(1, int(round(block_s * SAMPLE_RATE)))
    events = []
    for i in range(0, len(pcm), step):
        events += pipeline.feed(AudioBlock(t0 + i / SAMPLE_RATE, pcm[i:i + step]))
        if check is not None:
            check(pipeline)
    events += pipeline.finish()
    return events


def fake_embed(wav: np.ndarray) -> np.ndarray:
    """Cheap stand-in for the encoder: a unit vector derived from the audio's bytes."""
    seed = int.from_bytes(hashlib.blake2b(np.ascontiguousarray(wav).tobytes(), digest_size=8).digest(), "little")
    v = np.abs(np.random.default_rng(seed).standard_normal(256)).astype(np.float32)
    return v / np.linalg.norm(v)


def segments_of(events) -> list[tuple[int, float, float, Speaker]]:
    tally = TalkTally()
    tally.apply(events)
    return [(s.id, s.start, s.end, s.speaker) for s in tally.segments()]


@pytest.fixture(scope="module")
def first_minute(two_voice_dialogue):
    d, audio, profile = two_voice_dialogue
    return audio[: 60 * SAMPLE_RATE], profile


def test_same_input_same_events_whatever_the_block_size(first_minute) -> None:
    audio, profile = first_minute
    p = ListeningPipeline(profile_embedding=profile)
    a = feed_all(p, audio, block_s=0.1)
    p.reset()
    assert p.state is PipelineState.READY
    b = feed_all(p, audio, block_s=0.1)
    assert a == b  # reset really starts afresh: same events, same ids
    c = feed_all(ListeningPipeline(profile_embedding=profile), audio, block_s=0.257)
    assert segments_of(c) == segments_of(a)
    assert any(isinstance(e, SegmentAdded) for e in a)


def test_ten_minutes_keep_memory_bounded(two_voice_dialogue) -> None:
    """Ten minutes in: the audio held never exceeds the frame + VAD ring + one chunk bound."""
    _, audio, profile = two_voice_dialogue
    long = np.tile(audio, int(np.ceil(600 * SAMPLE_RATE / len(audio))))[: 600 * SAMPLE_RATE]
    settings = ListeningSettings(attribution=AttributionSettings(max_kept=100))
    p = ListeningPipeline(settings, profile_embedding=profile, embed=fake_embed)
    bound = settings.max_retained_samples
    assert bound <= 2.5 * SAMPLE_RATE  # <= 2.5 s of audio at any time
    worst = {"audio": 0, "kept": 0, "labels": 0}

    def check(pl: ListeningPipeline) -> None:
        worst["audio"] = max(worst["audio"], pl.retained_samples)
        worst["kept"] = max(worst["kept"], pl.attribution.kept_embeddings)
        worst["labels"] = max(worst["labels"], pl.attribution.remembered_chunks)

    events = feed_all(p, long, block_s=0.1, check=check)
    assert worst["audio"] <= bound and p.peak_retained_samples <= bound
    assert worst["kept"] <= 100
    assert worst["labels"] <= 2 * 100 + 64
    assert len([e for e in events if isinstance(e, SegmentAdded)]) > 250  # it really listened
    assert p.retained_samples == 0  # finish() let go of everything


def test_speech_tap_gets_only_expert_audio_and_cannot_break_listening(first_minute) -> None:
    audio, profile = first_minute
    tapped: list[tuple[AudioBlock, Speaker]] = []

    def tap(block: AudioBlock, speaker: Speaker) -> None:
        tapped.append((block, speaker))
        if len(tapped) == 2:
            raise RuntimeError("recogniser crashed")

    p = ListeningPipeline(profile_embedding=profile, speech_tap=tap)
    events = feed_all(p, audio)
    added = [e.segment for e in events if isinstance(e, SegmentAdded)]
    assert len(tapped) >= 3  # kept going after the tap raised
    assert {s for _, s in tapped} == {Speaker.EXPERT}
    starts = {seg.start for seg in added}
    for block, _ in tapped:
        assert block.samples.dtype == np.int16 and block.samples.ndim == 1
        assert block.t0 in starts


def test_lifecycle() -> None:
    p = ListeningPipeline(embed=fake_embed)
    assert p.state is PipelineState.READY
    p.feed(AudioBlock(0.0, np.zeros(1600, np.int16)))
    assert p.state is PipelineState.LISTENING
    p.finish()
    assert p.state is PipelineState.FINISHED
    assert p.finish() == []
    with pytest.raises(RuntimeError, match="reset"):
        p.feed(AudioBlock(0.1, np.zeros(1600, np.int16)))
    p.reset()
    assert p.feed(AudioBlock(0.0, np.zeros(1600, np.int16))) == []


def test_jump_in_time_splits_utterance_without_inventing_a_gap_event() -> None:
    speech = synth.to_int16(0.3 * synth.speak(" ".join(synth.EXPERT_LINES[:2]), synth.Voice("m2")))
    half = len(speech) // 2
    p = ListeningPipeline(embed=fake_embed)
    events = []
    for i in range(0, half, 1600):
        events += p.feed(AudioBlock(i / SAMPLE_RATE, speech[i:min(i + 1600, half)]))
    resume = 30.0  # the microphone was away for a while; the live session reports that gap itself
    for i in range(half, len(speech), 1600):
        events += p.feed(AudioBlock(resume + (i - half) / SAMPLE_RATE, speech[i:i + 1600]))
    events += p.finish()
    assert not any(isinstance(e, CaptureGap) for e in events)
    cut = half / SAMPLE_RATE
    segs = segments_of(events)
    assert segs
    for _, start, end, _ in segs:
        assert end <= cut + 1e-6 or start >= resume - 1e-6, (start, end)


def test_two_channel_mode(two_voice_dialogue) -> None:
    d, _, _ = two_voice_dialogue
    stereo = synth.mix_two_channel(d, np.random.default_rng(5), crosstalk_db=-12.0, snr_db=30.0)
    p = ListeningPipeline(ListeningSettings(two_channel=True))
    assert p.confidence is Confidence.CHANNELS
    tally = TalkTally()
    tally.apply(feed_all(p, stereo))
    assert abs(tally.expert_share - d.expert_share) < 0.06
    assert tally.seconds(Speaker.UNKNOWN) < 0.1 * tally.speech_s
    with pytest.raises(ValueError, match="two-channel"):
        ListeningPipeline(ListeningSettings(two_channel=True)).feed(AudioBlock(0.0, np.zeros(1600, np.int16)))


def test_stereo_blocks_are_mixed_down_in_single_mic_mode() -> None:
    p = ListeningPipeline(embed=fake_embed)
    assert p.feed(AudioBlock(0.0, np.zeros((1600, 2), np.int16))) == []
    with pytest.raises(ValueError, match="int16"):
        p.feed(AudioBlock(0.1, np.zeros(1600, np.float32)))


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="chunk_s"):
        ListeningSettings(chunk_s=0.1)
    with pytest.raises(ValueError, match="tail_max_s"):
        ListeningSettings(chunk_s=1.0, tail_max_s=1.0)


_writes: list[str] = []
_watching = False


def _audit(event: str, args: tuple) -> None:
    if _watching and event == "open":
        path, mode, flags = args
        if isinstance(mode, str):
            writing = any(c in mode for c in "wax+")
        else:  # os.open: the flags tell
            writing = bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND))
        if writing:
            _writes.append(str(path))


sys.addaudithook(_audit)


def _watched(action):
    global _watching
    _writes.clear()
    _watching = True
    try:
        return action()
    finally:
        _watching = False


def test_listening_writes_nothing_to_disk(first_minute, tmp_path) -> None:
    """Privacy: a whole listening run (real encoder) opens no file for writing."""
    audio, profile = first_minute
    # The watch itself works: both ways of opening a file for writing are caught.
    _watched(lambda: ((tmp_path / "a").write_text("x"), os.close(os.open(tmp_path / "b", os.O_CREAT | os.O_WRONLY))))
    assert len(_writes) == 2
    events = _watched(lambda: feed_all(ListeningPipeline(profile_embedding=profile), audio))
    assert events
    assert _writes == []
