"""The listening pipeline: audio blocks in, talk events (who spoke when) out. Synchronous.

Stages, each a small object with ``reset()``:
  Framer (blocks -> 30 ms frames) -> VoiceActivity (speech or not, ~300 ms delay)
  -> Chunker (utterances cut into <= 2 s chunks) -> ChunkFeaturizer (embedding + levels; the audio
  is dropped here) -> SpeakerAttribution (labels, revisions).

``feed(block)`` and ``finish()`` return the events they produced, so tests and ``analyze`` drive it
from a plain loop and the live session calls the same methods from its worker thread. The pipeline
never emits CaptureGap: the live session knows when the microphone was lost and reports it; here a
jump in block times only closes the current utterance.

Memory is bounded: the frame leftover (< 30 ms), the VAD's delay ring (300 ms) and the chunk being
filled (<= 2 s) are the only audio held; see ``retained_samples``.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from kohtaava_desk.audio.blocks import AudioBlock
from kohtaava_desk.listening.chunks import Chunker, SpeechChunk
from kohtaava_desk.listening.featurize import ChunkFeaturizer
from kohtaava_desk.listening.frames import Framer
from kohtaava_desk.listening.vad import Frame, VadSettings, VoiceActivity
from kohtaava_desk.talk import Speaker, TalkEvent
from kohtaava_desk.speakers.attribution import AttributionSettings, Confidence, SpeakerAttribution

log = logging.getLogger(__name__)

SpeechTap = Callable[[AudioBlock, Speaker], None]
"""Receives a labelled chunk's audio (e.g. for speech recognition); must not keep it."""


@dataclass(frozen=True)
class ListeningSettings:
    """How the pipeline listens; the defaults are what the benchmark was measured with."""

    vad: VadSettings = field(default_factory=VadSettings)
    """Voice activity detection (noise floor, smoothing)."""
    attribution: AttributionSettings = field(default_factory=AttributionSettings)
    """Expert/client decisions and revisions."""
    chunk_s: float = 2.0
    """Longest chunk of speech embedded at once: the unit of attribution and of revision. Longer
    chunks give steadier embeddings (on the real-voice dev meetings 2 s instead of 1.5 s, clustering
    only the full ones, took the mean share error from 3.1 to 2.0 pp); much longer ones straddle more
    changes of speaker and leave too few chunks of a brief client to cluster."""
    tail_max_s: float = 0.5
    """A leftover shorter than this at the end of an utterance follows the chunk before it."""
    two_channel: bool = False
    """One microphone per person (channel 0 = expert); attribution by channel dominance."""
    gap_tolerance_s: float = 0.05
    """A block starting later than this after the previous one breaks the utterance in two."""
    tap_speakers: frozenset[Speaker] = frozenset({Speaker.EXPERT})
    """Whose speech the speech tap receives (only the expert's words may ever be interpreted)."""

    def __post_init__(self) -> None:
        if not 0.5 <= self.chunk_s <= 5.0:
            raise ValueError(f"ListeningSettings.chunk_s must be within 0.5..5 s, not {self.chunk_s}")
        if not 0.0 <= self.tail_max_s < self.chunk_s:
            raise ValueError(f"ListeningSettings.tail_max_s must be within 0..chunk_s, not {self.tail_max_s}")

    @property
    def max_retained_samples(self) -> int:
        """Upper bound of audio samples the pipeline may hold at any moment."""
        frame = self.vad.frame_samples
        ring = max(1, self.vad.smoothing_ms // self.vad.frame_ms) * frame
        chunk = int(np.ceil(self.chunk_s * 16_000 / frame)) * frame
        return frame + ring + chunk


class PipelineState(enum.Enum):
    READY = "ready"
    """Created or reset; nothing fed yet."""
    LISTENING = "listening"
    """Audio is being fed."""
    FINISHED = "finished"
    """finish() was called; reset() before feeding again."""


class ListeningPipeline:
    """Synchronous: ``feed(block) -> events``, ``finish() -> events``. One thread at a time."""

    def __init__(
        self,
        settings: ListeningSettings = ListeningSettings(),
        profile_embedding: np.ndarray | None = None,
        speech_tap: SpeechTap | None = None,
        embed: Callable[[np.ndarray], np.ndarray] | None = None,
    ) -> None:
        """``profile_embedding``: the expert's enrolment (VoiceProfile.embedding), or None to fall back
        to guessing by loudness. ``embed``: replaces the speaker encoder (tests)."""
        self.settings = settings
        self.speech_tap = speech_tap
        self.framer = Framer(settings.vad.frame_samples, two_channel=settings.two_channel)
        self.vad = VoiceActivity(settings.vad)
        self.chunker = Chunker(settings.chunk_s)
        self.featurizer = ChunkFeaturizer(settings.tail_max_s, settings.two_channel, embed)
        self.attribution = SpeakerAttribution(settings.attribution, profile_embedding, settings.two_channel)
        self._stages = (self.framer, self.vad, self.chunker, self.featurizer, self.attribution)
        self.state = PipelineState.READY
        self.peak_retained_samples = 0

    # --- status --------------------------------------------------------------------------------

    @property
    def calibrating(self) -> bool:
        """True until the expert/client estimate has settled (show "calibrating")."""
        return self.attribution.calibrating

    @property
    def confidence(self) -> Confidence:
        return self.attribution.confidence

    @property
    def share_band(self) -> tuple[float, float] | None:
        """(low, high) of the expert's share that the evidence allows; None before any speech."""
        return self.attribution.share_band()

    @property
    def figure_confidence(self) -> str:
        """"high", "medium" or "low": how far the share figure can be trusted."""
        return self.attribution.figure_confidence()

    @property
    def speaking(self) -> bool:
        """Someone is talking right now (as of the VAD's ~300 ms delay)."""
        return self.vad.speaking

    @property
    def retained_samples(self) -> int:
        """Audio samples held right now (frame leftover + VAD ring + chunk being filled)."""
        return self.framer.held_samples + self.vad.held_samples + self.chunker.held_samples

    # --- lifecycle -----------------------------------------------------------------------------

    def reset(self) -> None:
        for stage in self._stages:
            stage.reset()
        self.state = PipelineState.READY
        self.peak_retained_samples = 0

    def feed(self, block: AudioBlock) -> list[TalkEvent]:
        if self.state is PipelineState.FINISHED:
            raise RuntimeError("ListeningPipeline.feed() after finish(); call reset() to start again")
        self.state = PipelineState.LISTENING
        events: list[TalkEvent] = []
        expected = self.framer.expected_t
        if expected is not None and block.t0 - expected > self.settings.gap_tolerance_s:
            self._break(events)
        for frame in self.framer.push(block):
            self._frame(frame, events)
        self._note_retained()
        return events

    def finish(self) -> list[TalkEvent]:
        """End of input: the last utterance is closed and labels get their final revision."""
        events: list[TalkEvent] = []
        if self.state is PipelineState.FINISHED:
            return events
        self._break(events)
        events.extend(self.attribution.finish())
        self.state = PipelineState.FINISHED
        return events

    # --- internals -----------------------------------------------------------------------------

    def _frame(self, frame: Frame, events: list[TalkEvent]) -> None:
        for decided, is_speech in self.vad.process(frame):
            self._note_retained()
            for chunk in self.chunker.push(decided, is_speech):
                self._chunk(chunk, events)

    def _break(self, events: list[TalkEvent]) -> None:
        """Close whatever is open: held frames get their decisions, the utterance ends."""
        self._note_retained()
        for decided, is_speech in self.vad.flush():
            for chunk in self.chunker.push(decided, is_speech):
                self._chunk(chunk, events)
        for chunk in self.chunker.end_utterance():
            self._chunk(chunk, events)
        self.framer.drop_partial()

    def _chunk(self, chunk: SpeechChunk, events: list[TalkEvent]) -> None:
        features = self.featurizer(chunk)
        events.extend(self.attribution.add(features))
        speaker = self.attribution.chunk_label(chunk.id)
        if self.speech_tap is not None and speaker in self.settings.tap_speakers:
            audio = chunk.samples[:, 0].copy() if chunk.samples.ndim == 2 else chunk.mono
            try:
                self.speech_tap(AudioBlock(chunk.start, audio), speaker)
            except Exception as exc:  # a failing recogniser must never stop talk-time tracking
                log.warning("speech tap failed: %s", type(exc).__name__)
        # The chunk (and its audio) goes out of scope here: nothing else refers to it.

    def _note_retained(self) -> None:
        held = self.retained_samples
        if held > self.peak_retained_samples:
            self.peak_retained_samples = held
