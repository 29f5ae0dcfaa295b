"""Everything the widget draws, as one immutable snapshot.

The widget never asks the meeting anything: it receives a WidgetState on each tick and compares slices
of it with the previous one, so it repaints only what changed and never sees half-updated numbers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..meeting import MeetingSummary, Step
from ..meeting.zone import Zone, zone_of
from ..speech.loader import ModelState as VoiceState
"""The speech model's state is what the widget shows of the voice features: one enum for both."""


class ListeningState(str, enum.Enum):
    """What the microphone side is doing (mirrors the live session's status callback)."""

    OFF = "off"
    STARTING = "starting"
    LISTENING = "listening"
    MIC_LOST_RETRYING = "mic_lost_retrying"
    NO_MICROPHONE = "no_microphone"
    """No input device is plugged in; retried until one appears (never 'lost': there was none)."""
    STOPPED = "stopped"
    UNAVAILABLE = "unavailable"
    """No audio input could be set up at all (e.g. PortAudio missing); the meeting clock still works."""
    REPLAY = "replay"
    """`demo`: a recording is played in instead of the microphone."""


class OfferKind(str, enum.Enum):
    LENGTH_BY_VOICE = "length_by_voice"
    """The announced length was set from speech; the expert may undo it."""
    STEP_MOVED = "step_moved"
    """A spoken cue moved the step (cues.mode = move); the expert may undo it."""
    STEP_SUGGESTED = "step_suggested"
    """A spoken cue proposes a step (cues.mode = suggest); the expert may accept it."""


@dataclass(frozen=True)
class Offer:
    """A short-lived one-click action shown after something was heard."""

    kind: OfferKind
    """What happened."""
    minutes: int | None
    """The length heard (LENGTH_BY_VOICE)."""
    step: Step | None
    """The step moved to or proposed (STEP_*)."""
    expires_at: float
    """Session-clock time after which the offer disappears."""


@dataclass(frozen=True)
class StepView:
    step: Step
    """Which step."""
    used_s: float
    """Time spent in it so far, revisits included."""
    planned_s: float
    """Its share of the current (re-)plan."""
    expert_share: float | None
    """Expert's share of identified talk in this step."""
    current: bool
    """The step in progress."""
    ideal_s: float = 0.0
    """What the step was meant to take (Meeting.step_plan: the office budget, frozen once the step is done),
    never the time it took."""
    target_min: float = 0.0
    """Lower edge of the expert's target share in this step."""
    target_max: float = 1.0
    """Upper edge."""

    @property
    def overran(self) -> bool:
        """Clearly past its budget (a fifth more, and at least half a minute)."""
        return self.used_s > 1.2 * self.ideal_s and self.used_s - self.ideal_s > 30.0

    @property
    def zone(self) -> Zone | None:
        """Below, in or above the step's target; None before talk."""
        return zone_of(self.expert_share, self.target_min, self.target_max)


@dataclass(frozen=True)
class BalanceView:
    """Expert vs client talk over some span, with the current step's target zone."""

    expert_share: float | None
    """expert / (expert + client); None before anyone identifiable has spoken."""
    speech_s: float
    """Identified speech the share is based on."""
    target_min: float
    """Lower edge of the expert's target share in the current step."""
    target_max: float
    """Upper edge."""

    @property
    def zone(self) -> Zone | None:
        """Below, in or above the target zone; None without a share."""
        return zone_of(self.expert_share, self.target_min, self.target_max)


@dataclass(frozen=True)
class NudgeView:
    id: str
    """Rule id (for accessibility and tests)."""
    text: str
    """Sentence in the UI language."""


@dataclass(frozen=True)
class WidgetState:
    language: str
    """UI language: fi, sv or en."""
    meeting_state: str
    """ready, running, paused or ended."""
    step: Step
    """Current step."""
    steps: tuple[StepView, ...]
    """The four steps in order."""
    elapsed_s: float
    """Meeting time (pauses excluded)."""
    announced_s: float
    """Announced (or default) length."""
    length_source: str
    """'default', 'click' or 'voice'."""
    remaining_s: float
    """Negative when over time."""
    overtime_s: float
    """Seconds over the announced length (0 when within)."""
    reserve_s: float
    """Farewell reserve at the end of the announced length."""
    balance_step: BalanceView
    """Talk balance within the current step."""
    balance_recent: BalanceView
    """Talk balance over the last rolling window (any step)."""
    window_s: float
    """Length of that rolling window."""
    listening: ListeningState
    """Microphone side."""
    calibrating: bool
    """Speaker attribution is still learning the voices: the balance is provisional."""
    voice: VoiceState
    """Speech model state."""
    voice_message: str
    """Why voice features are off (already in the UI language), or empty."""
    notes: tuple[str, ...]
    """Notices from the app's services (a recovered meeting, a damaged database moved aside, the spoken-cue
    voice), newest last."""
    nudge: NudgeView | None
    """The one nudge to show, if any."""
    offer: Offer | None
    """Undo/accept offer after something was heard."""
    nudges_enabled: bool
    """Master switch from the settings."""
    config_problems: tuple[str, ...]
    """Configuration problems to show (the app runs on the last good values)."""
    summary: MeetingSummary | None
    """Set once the meeting has ended."""
    share_band: tuple[float, float] | None = None
    """(low, high) of the expert's share over the meeting that the evidence allows, or None."""
    figure_confidence: str = "low"
    """How far the balance can be trusted: "high", "medium" or "low" (no profile is never "high")."""

    @property
    def in_reserve(self) -> bool:
        """Only the farewell reserve (or less) is left."""
        return self.meeting_state != "ready" and self.remaining_s <= self.reserve_s

    @property
    def running(self) -> bool:
        return self.meeting_state == "running"
