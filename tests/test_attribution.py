"""Expert/client attribution: clustering, naming, revisions, calibration, fallbacks, two channels.

Most tests use synthetic embeddings (two voices = two directions in the 256-d space, chunks
scattered around them) so each behaviour is checked exactly and fast; one test runs real speech
through the whole pipeline.
"""

from __future__ import annotations

import numpy as np
import pytest

import synth
from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.listening.pipeline import ListeningPipeline, ListeningSettings
from kohtaava_desk.listening.tally import TalkTally
from kohtaava_desk.talk import SegmentAdded, SegmentRevised, Speaker
from kohtaava_desk.speakers.attribution import (
    AttributionSettings,
    ChunkFeatures,
    Confidence,
    SpeakerAttribution,
)
from kohtaava_desk.speakers.clustering import spectral_split, unit
from listening_fixtures import two_voice_dialogue  # noqa: F401  (fixture)

DIM = 256
CHUNK_S = ListeningSettings().chunk_s
"""A full chunk, as the pipeline cuts them (only full chunks are clustered)."""


def voice_centres(rng: np.random.Generator, similarity: float = 0.75) -> tuple[np.ndarray, np.ndarray]:
    """Two non-negative unit vectors (GE2E embeddings are ReLU outputs) about ``similarity`` apart."""
    a = unit(np.abs(rng.standard_normal(DIM)))
    other = unit(np.abs(rng.standard_normal(DIM)))
    for mix in np.linspace(0, 1, 200):
        b = unit((1 - mix) * other + mix * a)
        if b @ a >= similarity:
            return a, b
    return a, other


def scatter(rng: np.random.Generator, centre: np.ndarray, spread: float = 0.5) -> np.ndarray:
    """A chunk of this voice: cosine to the centre about 1 / sqrt(1 + spread^2) (0.89, as real chunks)."""
    return unit(centre + spread * rng.standard_normal(DIM) / np.sqrt(DIM))


def conversation(rng, expert_c, client_c, turns=24, expert_turn=(2, 6), client_turn=(2, 6),
                 expert_level=-20.0, client_level=-26.0, first_id=1):
    """ChunkFeatures of alternating turns (expert first) with full chunks and their true speakers."""
    feats, truth = [], []
    t, cid = 0.5, first_id
    for k in range(turns):
        expert = k % 2 == 0
        n = int(rng.integers(*(expert_turn if expert else client_turn)))
        for _ in range(n):
            emb = scatter(rng, expert_c if expert else client_c)
            level = (expert_level if expert else client_level) + rng.normal(0, 1.5)
            feats.append(ChunkFeatures(cid, t, t + CHUNK_S, level, embedding=emb))
            truth.append(Speaker.EXPERT if expert else Speaker.CLIENT)
            cid += 1
            t += CHUNK_S
        t += 0.6
    return feats, truth


def run(attr: SpeakerAttribution, feats):
    tally, events = TalkTally(), []
    for f in feats:
        ev = attr.add(f)
        events += ev
        tally.apply(ev)
    ev = attr.finish()
    events += ev
    tally.apply(ev)
    return tally, events


def accuracy(attr: SpeakerAttribution, feats, truth) -> float:
    return float(np.mean([attr.chunk_label(f.id) is s for f, s in zip(feats, truth)]))


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(7)


def test_spectral_split_separates_two_voices(rng) -> None:
    a, b = voice_centres(rng, 0.8)
    x = np.stack([scatter(rng, a) for _ in range(30)] + [scatter(rng, b) for _ in range(70)])
    split = spectral_split(x)
    assert split is not None
    truth = np.arange(100) < 30
    agree = max(np.mean(split.members == truth), np.mean(split.members != truth))
    assert agree > 0.95


def test_enrolled_attribution_labels_and_revises(rng) -> None:
    expert_c, client_c = voice_centres(rng, 0.75)
    profile = scatter(rng, expert_c, spread=0.1)
    feats, truth = conversation(rng, expert_c, client_c)
    attr = SpeakerAttribution(AttributionSettings(), profile_embedding=profile)
    assert attr.confidence is Confidence.ENROLLED and attr.calibrating
    tally, events = run(attr, feats)
    assert accuracy(attr, feats, truth) > 0.95
    true_share = sum(s is Speaker.EXPERT for s in truth) / len(truth)
    assert abs(tally.expert_share - true_share) < 0.03
    # Early chunks were judged against the profile alone; the learnt split revised some of them.
    assert any(isinstance(e, SegmentRevised) for e in events)
    assert attr.revisions == sum(isinstance(e, SegmentRevised) for e in events)
    assert not attr.calibrating


def test_calibrating_until_the_figure_settles(rng) -> None:
    expert_c, client_c = voice_centres(rng, 0.75)
    profile = scatter(rng, expert_c, spread=0.1)
    feats, _ = conversation(rng, expert_c, client_c, turns=30)
    attr = SpeakerAttribution(AttributionSettings(), profile_embedding=profile)
    settled_at = None
    for f in feats:
        attr.add(f)
        if settled_at is None and not attr.calibrating:
            settled_at = f.end
    assert settled_at is not None
    # Needs a split plus settle_speech_s of speech after it; with steady voices that is well within ~90 s.
    assert AttributionSettings().settle_speech_s < settled_at < 90


def test_expert_alone_is_not_split_in_two(rng) -> None:
    """Only the expert talks: a split into two halves of one voice must be rejected."""
    expert_c, _ = voice_centres(rng)
    profile = scatter(rng, expert_c, spread=0.1)
    feats = [ChunkFeatures(i, (CHUNK_S + 0.1) * i, (CHUNK_S + 0.1) * i + CHUNK_S, -20.0, embedding=scatter(rng, expert_c)) for i in range(60)]
    attr = SpeakerAttribution(AttributionSettings(), profile_embedding=profile)
    tally, _ = run(attr, feats)
    assert not attr.has_split
    assert tally.seconds(Speaker.CLIENT) == 0.0
    assert tally.seconds(Speaker.EXPERT) > 0.9 * tally.speech_s


def test_early_wrong_split_is_replaced_for_two_similar_voices(rng) -> None:
    """The expert talks alone first and her voice has two modes, so the first split (gap >= 0.06 to
    the profile) cuts her in two. The client, whose voice is close to hers, then joins: the right
    split's centroids are only ~0.045 apart around the profile. A strict gap for every re-split would
    keep the wrong first split for the whole meeting (benchmark s5-m4); a re-split must replace it."""
    profile = unit(np.abs(rng.standard_normal(DIM)))

    def beside(centre: np.ndarray, amount: float) -> np.ndarray:
        d = rng.standard_normal(DIM)
        d -= (d @ centre) * centre
        return unit(centre + amount * unit(d))

    expert_modes = (beside(profile, 0.2), beside(profile, 0.45))
    client_c = beside(profile, 0.4)
    expert_c = unit(expert_modes[0] + expert_modes[1])
    assert 0.04 < expert_c @ profile - client_c @ profile < 0.06  # the similar-voices case
    feats, truth, t = [], [], 0.5
    for who, n in [(Speaker.EXPERT, 12)] + [(Speaker.CLIENT, 4), (Speaker.EXPERT, 5)] * 14:
        for _ in range(n):
            centre = expert_modes[len(feats) % 2] if who is Speaker.EXPERT else client_c
            level = -20.0 if who is Speaker.EXPERT else -26.0
            feats.append(ChunkFeatures(len(feats), t, t + CHUNK_S, level, embedding=scatter(rng, centre, 0.35)))
            truth.append(who)
            t += CHUNK_S
        t += 0.6

    strict = AttributionSettings(resplit_min_gap=AttributionSettings().split_min_gap)
    naive = SpeakerAttribution(strict, profile_embedding=profile)
    run(naive, feats)
    assert accuracy(naive, feats, truth) < 0.6  # the trap is real: the first split stays wrong

    attr = SpeakerAttribution(AttributionSettings(), profile_embedding=profile)
    tally, _ = run(attr, feats)
    assert accuracy(attr, feats, truth) > 0.95
    true_share = sum(s is Speaker.EXPERT for s in truth) / len(truth)
    assert abs(tally.expert_share - true_share) < 0.03


def test_without_profile_the_louder_voice_is_the_expert(rng) -> None:
    expert_c, client_c = voice_centres(rng, 0.7)
    feats, truth = conversation(rng, expert_c, client_c)
    attr = SpeakerAttribution(AttributionSettings(), profile_embedding=None)
    assert attr.confidence is Confidence.UNENROLLED
    run(attr, feats)
    assert accuracy(attr, feats, truth) > 0.95
    # Swap the levels: the names follow loudness, not the order of speaking.
    feats2, truth2 = conversation(rng, expert_c, client_c, expert_level=-28, client_level=-18)
    attr2 = SpeakerAttribution(AttributionSettings(), profile_embedding=None)
    run(attr2, feats2)
    assert accuracy(attr2, feats2, truth2) < 0.05


def test_without_profile_nothing_is_guessed_before_a_split(rng) -> None:
    expert_c, client_c = voice_centres(rng)
    feats, _ = conversation(rng, expert_c, client_c, turns=2, expert_turn=(3, 4), client_turn=(3, 4))
    attr = SpeakerAttribution(AttributionSettings(), profile_embedding=None)
    for f in feats:
        attr.add(f)
    assert {attr.chunk_label(f.id) for f in feats} == {Speaker.UNKNOWN}


def test_close_calls_are_unknown(rng) -> None:
    expert_c, client_c = voice_centres(rng, 0.7)
    profile = scatter(rng, expert_c, spread=0.1)
    feats, _ = conversation(rng, expert_c, client_c)
    attr = SpeakerAttribution(AttributionSettings(), profile_embedding=profile)
    run(attr, feats)
    halfway = unit(expert_c + client_c)
    t = feats[-1].end + 1
    ev = attr.add(ChunkFeatures(9999, t, t + CHUNK_S, -23.0, embedding=halfway))
    assert ev[-1] == SegmentAdded(ev[-1].segment) and ev[-1].segment.speaker is Speaker.UNKNOWN


def test_tails_follow_their_chunk_even_when_revised(rng) -> None:
    expert_c, client_c = voice_centres(rng, 0.75)
    profile = scatter(rng, expert_c, spread=0.1)
    attr = SpeakerAttribution(AttributionSettings(), profile_embedding=profile)
    # A client chunk right at the start sits between the profile thresholds -> decided later.
    feats, truth = conversation(rng, expert_c, client_c)
    first_client = next(f for f, s in zip(feats, truth) if s is Speaker.CLIENT)
    tail = ChunkFeatures(5000, first_client.end, first_client.end + 0.3, -26.0, previous=first_client.id, tail=True)
    events = []
    for f in feats:
        events += attr.add(f)
        if f is first_client:
            events += attr.add(tail)
    events += attr.finish()
    assert attr.chunk_label(first_client.id) is Speaker.CLIENT
    # The tail is published as segment 2 * id and follows the second half of its chunk.
    assert attr.label_of(2 * tail.id) is attr.label_of(2 * first_client.id + 1)


def test_kept_embeddings_are_bounded(rng) -> None:
    expert_c, client_c = voice_centres(rng)
    profile = scatter(rng, expert_c, spread=0.1)
    attr = SpeakerAttribution(AttributionSettings(max_kept=50), profile_embedding=profile)
    feats, _ = conversation(rng, expert_c, client_c, turns=60)
    assert len(feats) > 150
    for f in feats:
        attr.add(f)
        assert attr.kept_embeddings <= 50


def test_two_channel_dominance() -> None:
    attr = SpeakerAttribution(AttributionSettings(), two_channel=True)
    assert attr.confidence is Confidence.CHANNELS and not attr.calibrating
    cases = [((-20.0, -32.0), Speaker.EXPERT), ((-33.0, -21.0), Speaker.CLIENT), ((-25.0, -26.0), Speaker.UNKNOWN)]
    for i, (levels, expected) in enumerate(cases):
        ev = attr.add(ChunkFeatures(i, i * 2.5, i * 2.5 + CHUNK_S, max(levels), channel_levels_db=levels))
        assert ev[-1].segment.speaker is expected


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="min_cluster_chunks"):
        AttributionSettings(min_cluster_chunks=2)
    with pytest.raises(ValueError, match="resplit_min_gap"):
        AttributionSettings(split_min_gap=0.06, resplit_min_gap=0.08)
    with pytest.raises(ValueError, match="profile_client_similarity"):
        AttributionSettings(profile_client_similarity=0.9, profile_expert_similarity=0.8)


# --- real speech, whole pipeline -------------------------------------------------------------


def test_real_dialogue_with_enrolment(two_voice_dialogue) -> None:
    """Two espeak-ng voices in a ~2-minute dialogue, client 5 dB quieter, fan noise at 25 dB SNR.

    Tolerance: 6 points of expert share, the issue's worst-case target, which the benchmark meets
    on harder material (reverberant rooms, 10 dB SNR, same-gender pairs: max 3.7 pp over 12 meetings).
    A dry two-voice mix is easier, so missing it means attribution broke, not bad luck.
    """
    d, audio, enrol_embedding = two_voice_dialogue
    pipeline = ListeningPipeline(ListeningSettings(), profile_embedding=enrol_embedding)
    tally, events = TalkTally(), []
    pcm = synth.to_int16(audio)
    for i in range(0, len(pcm), 1600):
        ev = pipeline.feed(AudioBlock(i / SAMPLE_RATE, pcm[i:i + 1600]))
        events += ev
        tally.apply(ev)
    ev = pipeline.finish()
    events += ev
    tally.apply(ev)
    assert pipeline.confidence is Confidence.ENROLLED
    assert abs(tally.expert_share - d.expert_share) < 0.06, (tally.expert_share, d.expert_share)
    assert any(isinstance(e, SegmentRevised) for e in events), "no label was ever revised"
    assert not pipeline.calibrating
    assert abs(tally.speech_s - d.speech_s) / d.speech_s < 0.15
