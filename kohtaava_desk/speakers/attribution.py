"""Who spoke each chunk: the enrolled expert, the client learnt during the meeting, or unknown.

Single microphone, with an enrolment profile (the default):
1. Before there is enough speech to learn the client, a chunk is the expert's when its embedding is
   close to the profile, the client's when clearly far from it, otherwise unknown.
2. As soon as enough chunks are kept, they are split in two by spectral clustering (speakers/
   clustering.py); the group whose centroid is nearer the profile is the expert. The split is accepted only when it really separates
   two voices (the expert group near the profile, the other clearly farther): a meeting where the
   expert has talked alone so far would otherwise be cut in two halves of the same voice.
3. Every few chunks the split is redone on all kept embeddings and every kept chunk is re-labelled
   by its nearer centroid; changed labels go out as SegmentRevised. Chunks whose two similarities are
   too close to call count as unknown.

Without a profile the same split runs, and the louder group is taken as the expert (nearer the
microphone); that guess is flagged as lower confidence. Once the split is made the profile only
names the groups, so on the benchmark both modes end with the same labels; the profile matters for
the first half-minute and for telling which voice is whose when loudness misleads.

Measured on bench/listening_bench.py (synthetic reverberant meetings, 10-30 dB SNR, client 2-8 dB
quieter, same-gender pairs): see the README for the current table.

Two-channel mode (one microphone each, channel 0 = expert): the dominant channel decides.

Only numbers are kept: a 256-d embedding, a level and times per chunk. The chunk's audio is gone
before the chunk reaches this module.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import numpy as np

from kohtaava_desk.meeting.talk import Segment, SegmentAdded, SegmentRevised, Speaker, TalkEvent
from kohtaava_desk.speakers.clustering import TwoWaySplit, spectral_split, unit


class Confidence(enum.Enum):
    """How far the expert/client labels can be trusted."""

    ENROLLED = "enrolled"
    """Named by the expert's voice profile."""
    UNENROLLED = "unenrolled"
    """No profile: the louder voice is guessed to be the expert. Lower confidence."""
    CHANNELS = "channels"
    """Two microphones: the dominant channel names the speaker."""


@dataclass(frozen=True, eq=False)
class ChunkFeatures:
    """What the attribution gets to know about one chunk of speech: numbers only."""

    id: int
    """Segment id the label will be published under."""
    start: float
    """Session time of the chunk's first sample."""
    end: float
    """Session time just after its last sample."""
    level_db: float
    """RMS level of the chunk (mono mix), dBFS."""
    embedding: np.ndarray | None = None
    """(256,) unit speaker embedding; None for tails and in two-channel mode."""
    channel_levels_db: tuple[float, float] | None = None
    """Two-channel mode: RMS level of channel 0 (expert) and channel 1 (client), dBFS."""
    parent: int | None = None
    """A tail too short to embed follows the label of this earlier chunk of the same utterance."""

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class AttributionSettings:
    """How chunks are told apart and when labels are revised."""

    cluster_min_s: float = 1.0
    """Chunks at least this long take part in clustering; shorter ones are only classified."""
    min_cluster_chunks: int = 12
    """Clustering starts once this many such chunks are kept (~20 s of speech)."""
    recluster_min_interval: int = 3
    """Re-cluster after at least this many new clusterable chunks ..."""
    recluster_max_interval: int = 20
    """... and at most this many (~30 s of speech); in between ~1/8 of the kept chunks."""
    max_cluster_chunks: int = 400
    """Clustering sees at most this many chunks, spread evenly over the meeting (bounds CPU time)."""
    split_min_gap: float = 0.06
    """Accept a split only when the expert group's centroid is this much nearer the profile than the other's."""
    expert_min_similarity: float = 0.8
    """...and the expert group's centroid is at least this similar to the profile."""
    unenrolled_max_centroid_similarity: float = 0.93
    """Without a profile, accept a split only when the two centroids are less similar than this."""
    min_minority_share: float = 0.04
    """A split whose smaller group holds less than this share of chunks is treated as one voice."""
    profile_expert_similarity: float = 0.78
    """Before a split is accepted: a chunk at least this similar to the profile is the expert's."""
    profile_client_similarity: float = 0.70
    """...and one below this similarity is the client's (in between: unknown)."""
    unknown_margin: float = 0.01
    """A chunk whose similarities to the two centroids differ less than this is unknown."""
    short_unknown_margin: float = 0.03
    """The same margin for chunks shorter than ``cluster_min_s`` (back-channels: weaker evidence)."""
    channel_dominance_db: float = 3.0
    """Two-channel mode: the louder channel must lead by this much, else unknown."""
    max_kept: int = 6000
    """Embeddings kept for revision (~2.5 h of speech); older chunks keep their last label."""
    settle_speech_s: float = 25.0
    """Stay "calibrating" until at least this much speech has been attributed after a split ..."""
    settle_change_pp: float = 2.0
    """... and the expert share moved less than this (points) over the last re-clustering."""

    def __post_init__(self) -> None:
        if self.min_cluster_chunks < 4:
            raise ValueError(f"AttributionSettings.min_cluster_chunks must be >= 4, not {self.min_cluster_chunks}")
        if not 1 <= self.recluster_min_interval <= self.recluster_max_interval:
            raise ValueError("AttributionSettings needs 1 <= recluster_min_interval <= recluster_max_interval")
        if not self.profile_client_similarity <= self.profile_expert_similarity:
            raise ValueError("AttributionSettings.profile_client_similarity must not exceed profile_expert_similarity")
        if self.max_cluster_chunks < self.min_cluster_chunks:
            raise ValueError("AttributionSettings.max_cluster_chunks must be >= min_cluster_chunks")


@dataclass
class _Kept:
    """Growing arrays of the kept chunks (amortised doubling; numbers only)."""

    dim: int
    size: int = 0
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    emb: np.ndarray = field(default_factory=lambda: np.zeros((0, 256), np.float32))
    level: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    dur: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))

    def append(self, cid: int, emb: np.ndarray, level: float, dur: float) -> None:
        if self.size == len(self.ids):
            cap = max(64, 2 * self.size)
            self.ids = np.resize(self.ids, cap)
            self.level = np.resize(self.level, cap)
            self.dur = np.resize(self.dur, cap)
            grown = np.zeros((cap, self.dim), np.float32)
            if self.size:
                grown[: self.size] = self.emb[: self.size]
            self.emb = grown
        i = self.size
        self.ids[i], self.level[i], self.dur[i] = cid, level, dur
        self.emb[i] = emb
        self.size += 1

    def drop_oldest(self, n: int) -> None:
        keep = slice(n, self.size)
        m = self.size - n
        self.ids[:m] = self.ids[keep]
        self.level[:m] = self.level[keep]
        self.dur[:m] = self.dur[keep]
        self.emb[:m] = self.emb[keep]
        self.size = m


class SpeakerAttribution:
    """Chunk features in, talk events out; labels of kept chunks revised as evidence grows."""

    def __init__(self, settings: AttributionSettings = AttributionSettings(),
                 profile_embedding: np.ndarray | None = None, two_channel: bool = False) -> None:
        self.settings = settings
        self.two_channel = two_channel
        self._profile = None if profile_embedding is None else unit(np.asarray(profile_embedding, np.float32))
        if two_channel:
            self.confidence = Confidence.CHANNELS
        elif self._profile is not None:
            self.confidence = Confidence.ENROLLED
        else:
            self.confidence = Confidence.UNENROLLED
        self.reset()

    def reset(self) -> None:
        # Latest label and duration per segment id, oldest first; pruned to a bounded window.
        self._labels: dict[int, Speaker] = {}
        self._durations: dict[int, float] = {}
        self._tails: dict[int, list[int]] = {}
        self._seconds = {Speaker.EXPERT: 0.0, Speaker.CLIENT: 0.0, Speaker.UNKNOWN: 0.0}
        self._kept: _Kept | None = None
        self._clusterable = 0
        self._clustered_at = 0
        self._split: tuple[np.ndarray, np.ndarray] | None = None  # (expert centroid, client centroid)
        self._share_history: list[float] = []
        self._split_speech_s = 0.0
        self._calibrating = not self.two_channel
        self.revisions = 0

    # --- public state ----------------------------------------------------------------------

    @property
    def calibrating(self) -> bool:
        """True until the expert/client figure has settled (the UI shows "calibrating")."""
        return self._calibrating

    @property
    def has_split(self) -> bool:
        """A two-voice model of this meeting is in use."""
        return self._split is not None

    @property
    def kept_embeddings(self) -> int:
        return 0 if self._kept is None else self._kept.size

    def label_of(self, segment_id: int) -> Speaker | None:
        return self._labels.get(segment_id)

    # --- feeding -----------------------------------------------------------------------------

    def add(self, chunk: ChunkFeatures) -> list[TalkEvent]:
        events: list[TalkEvent] = []
        if chunk.parent is not None and chunk.parent in self._labels:
            speaker = self._labels[chunk.parent]
            self._tails.setdefault(chunk.parent, []).append(chunk.id)
        elif self.two_channel:
            speaker = self._by_channels(chunk)
        elif chunk.embedding is None:
            speaker = Speaker.UNKNOWN
        else:
            speaker = self._add_embedded(chunk, events)
        self._labels[chunk.id] = speaker
        self._durations[chunk.id] = chunk.duration
        self._seconds[speaker] += chunk.duration
        self._prune()
        if self._split is not None:
            self._split_speech_s += chunk.duration
            self._update_calibrating()
        events.append(SegmentAdded(Segment(chunk.id, chunk.start, chunk.end, speaker)))
        return events

    def finish(self) -> list[TalkEvent]:
        """A last re-clustering over everything kept (the offline result's best estimate)."""
        events: list[TalkEvent] = []
        if not self.two_channel and self._kept is not None and self._clustered_at != self._clusterable:
            self._recluster(events)
        return events

    # --- two channels --------------------------------------------------------------------------

    def _by_channels(self, chunk: ChunkFeatures) -> Speaker:
        if chunk.channel_levels_db is None:
            return Speaker.UNKNOWN
        lead = chunk.channel_levels_db[0] - chunk.channel_levels_db[1]
        if lead >= self.settings.channel_dominance_db:
            return Speaker.EXPERT
        if lead <= -self.settings.channel_dominance_db:
            return Speaker.CLIENT
        return Speaker.UNKNOWN

    # --- embeddings ----------------------------------------------------------------------------

    def _add_embedded(self, chunk: ChunkFeatures, events: list[TalkEvent]) -> Speaker:
        emb = np.asarray(chunk.embedding, dtype=np.float32)
        if self._kept is None:
            self._kept = _Kept(dim=emb.shape[0])
        self._kept.append(chunk.id, emb, chunk.level_db, chunk.duration)
        if self._kept.size > self.settings.max_kept:
            # The oldest chunks keep their last labels but no longer take part: memory stays
            # bounded. A tenth goes at once, so the copying is rare.
            self._kept.drop_oldest(self._kept.size - int(0.9 * self.settings.max_kept))
        if chunk.duration >= self.settings.cluster_min_s:
            self._clusterable += 1
            if self._due():
                self._recluster(events)
        return self._classify(emb[None, :], np.array([chunk.duration]), np.array([chunk.level_db]))[0]

    def _due(self) -> bool:
        s = self.settings
        if self._clusterable < s.min_cluster_chunks:
            return False
        interval = int(np.clip(self._clusterable // 8, s.recluster_min_interval, s.recluster_max_interval))
        return self._clusterable - self._clustered_at >= interval

    def _recluster(self, events: list[TalkEvent]) -> None:
        kept = self._kept
        assert kept is not None
        self._clustered_at = self._clusterable
        n = kept.size
        good = np.flatnonzero(kept.dur[:n] >= self.settings.cluster_min_s)
        if len(good) < self.settings.min_cluster_chunks:
            return
        if len(good) > self.settings.max_cluster_chunks:
            good = good[np.linspace(0, len(good) - 1, self.settings.max_cluster_chunks).round().astype(int)]
        split = spectral_split(kept.emb[good])
        accepted = self._accept(split, kept.level[good]) if split is not None else None
        # Once two voices were found they are still in the room: a rejected re-split (e.g. one that
        # cut along noise rather than voice) keeps the previous model instead of forgetting it.
        if accepted is not None:
            self._split = accepted
        labels = self._classify(kept.emb[:n], kept.dur[:n], kept.level[:n])
        for cid, speaker in zip(kept.ids[:n].tolist(), labels):
            if self._labels.get(cid) is not None and self._labels[cid] != speaker:
                self._relabel(cid, speaker, events)
        if self._split is not None:
            self._share_history.append(self._expert_share())
            self._update_calibrating()

    def _prune(self) -> None:
        # Labels are needed only for chunks that can still be revised (the kept embeddings and
        # their tails) and as parents of the next tail: keep a window a little larger than that.
        limit = 2 * self.settings.max_kept + 64
        while len(self._labels) > limit:
            oldest = next(iter(self._labels))
            del self._labels[oldest]
            del self._durations[oldest]
            self._tails.pop(oldest, None)

    def _relabel(self, cid: int, speaker: Speaker, events: list[TalkEvent]) -> None:
        for target in [cid, *self._tails.get(cid, [])]:
            old = self._labels.get(target)
            if old is not None and old != speaker:
                self._seconds[old] -= self._durations[target]
                self._seconds[speaker] += self._durations[target]
                self._labels[target] = speaker
                self.revisions += 1
                events.append(SegmentRevised(target, speaker))

    def _accept(self, split: TwoWaySplit, levels: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        s = self.settings
        if split.minority_share < s.min_minority_share:
            return None
        if self._profile is not None:
            if split.centroid_b @ self._profile > split.centroid_a @ self._profile:
                split = split.swapped()
            sim_e = float(split.centroid_a @ self._profile)
            sim_c = float(split.centroid_b @ self._profile)
            if sim_e < s.expert_min_similarity or sim_e - sim_c < s.split_min_gap:
                return None
            return split.centroid_a, split.centroid_b
        if split.centroid_similarity >= s.unenrolled_max_centroid_similarity:
            return None
        # The expert sits nearest the microphone: take the louder group as the expert.
        if np.median(levels[~split.members]) > np.median(levels[split.members]):
            split = split.swapped()
        return split.centroid_a, split.centroid_b

    def _classify(self, emb: np.ndarray, dur: np.ndarray, level: np.ndarray) -> list[Speaker]:
        s = self.settings
        if self._split is not None:
            expert, client = self._split
            margin = emb @ expert - emb @ client
            need = np.where(dur >= s.cluster_min_s, s.unknown_margin, s.short_unknown_margin)
            out = np.where(margin > need, 1, np.where(margin < -need, 2, 0))
        elif self._profile is not None:
            sim = emb @ self._profile
            out = np.where(sim >= s.profile_expert_similarity, 1,
                           np.where(sim < s.profile_client_similarity, 2, 0))
        else:
            out = np.zeros(len(emb), dtype=int)
        return [(Speaker.UNKNOWN, Speaker.EXPERT, Speaker.CLIENT)[int(v)] for v in out]

    # --- calibration ---------------------------------------------------------------------------

    def _expert_share(self) -> float:
        expert, client = self._seconds[Speaker.EXPERT], self._seconds[Speaker.CLIENT]
        return 100.0 * expert / (expert + client) if expert + client > 0 else 50.0

    def _update_calibrating(self) -> None:
        if not self._calibrating:
            return
        s = self.settings
        history = self._share_history
        if self._split is None or self._split_speech_s < s.settle_speech_s or len(history) < 2:
            return
        if abs(history[-1] - history[-2]) < s.settle_change_pp:
            self._calibrating = False
