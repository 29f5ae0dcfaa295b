"""The shape of the office configuration: every key, its type and what values are allowed.

The values themselves live in kohtaava_desk/config/default.toml; this module only says what is valid, so a typo in
an office profile is caught with a precise message instead of silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1
LANGUAGES = ("fi", "sv", "en")


def rule(*, lo: float | None = None, hi: float | None = None, choices: tuple[str, ...] | None = None,
         items: tuple[float, float] | None = None) -> Any:
    """Declare a field's allowed values; read back by the validator through dataclass metadata."""
    return field(metadata={"lo": lo, "hi": hi, "choices": choices, "items": items})


@dataclass(frozen=True)
class Texts:
    """A user-facing sentence in each UI language."""

    fi: str
    sv: str
    en: str

    def get(self, language: str) -> str:
        return getattr(self, language, "") or self.fi


@dataclass(frozen=True)
class OfficeSettings:
    name: str
    """Shown in the settings dialog so the expert sees which profile is in force."""


@dataclass(frozen=True)
class UiSettings:
    language: str = rule(choices=LANGUAGES)
    """Language of the widget and the review."""
    nudges_enabled: bool
    """Master switch for all nudges."""
    spoken_cues: bool
    """Speak nudges quietly (earpiece); visual only when false."""
    theme: str = rule(choices=("auto", "light", "dark", "high_contrast"))
    """Colours of the widget; auto follows the desktop's light, dark or high-contrast setting."""


@dataclass(frozen=True)
class MeetingSettings:
    default_length_min: int = rule(lo=5, hi=180)
    """Length assumed until the expert announces one."""
    length_presets_min: tuple[int, ...] = rule(items=(5, 180))
    """One-click lengths in the widget."""
    farewell_reserve_share: float = rule(lo=0.0, hi=0.5)
    """Share of the meeting kept for Hyvästely."""
    farewell_reserve_min_minutes: float = rule(lo=0.0, hi=30.0)
    """The reserve never shrinks below this."""
    rolling_window_s: int = rule(lo=30, hi=600)
    """Length of the 'recent talk' window."""


@dataclass(frozen=True)
class StepSettings:
    budget_share: float = rule(lo=0.0, hi=1.0)
    """Planned share of the meeting for this step."""
    expert_share_min: float = rule(lo=0.0, hi=1.0)
    """Lower edge of the expert's target talk share."""
    expert_share_max: float = rule(lo=0.0, hi=1.0)
    """Upper edge of the expert's target talk share."""


@dataclass(frozen=True)
class StepsSettings:
    empatia: StepSettings
    ohjauksellinen: StepSettings
    neuvonnallinen: StepSettings
    hyvastely: StepSettings


@dataclass(frozen=True)
class NudgeRule:
    enabled: bool
    """Whether this nudge may be shown."""
    priority: int = rule(lo=1, hi=99)
    """Smaller wins when several nudges apply at once."""
    text: Texts
    """What the widget shows."""


@dataclass(frozen=True)
class TalkTooMuchRule(NudgeRule):
    min_speech_s: float = rule(lo=0.0, hi=600.0)
    """No verdict before this much speech in the window."""
    window_s: int = rule(lo=30, hi=900)
    """Rolling window judged."""
    margin: float = rule(lo=0.0, hi=0.5)
    """Hysteresis above the step's expert_share_max."""


@dataclass(frozen=True)
class SummariseRule(NudgeRule):
    min_speech_s: float = rule(lo=0.0, hi=600.0)
    """Speech heard in Hyvästely before judging."""


@dataclass(frozen=True)
class OverBudgetRule(NudgeRule):
    over_ratio: float = rule(lo=1.0, hi=5.0)
    """Multiple of the planned step time that counts as 'well over'."""


@dataclass(frozen=True)
class MonologueRule(NudgeRule):
    seconds: float = rule(lo=30.0, hi=1800.0)
    """Uninterrupted client talk that earns a gentle 'you may steer'."""


@dataclass(frozen=True)
class NudgesSettings:
    cooldown_s: int = rule(lo=0, hi=3600)
    """Quiet time after any nudge."""
    snooze_min: float = rule(lo=0.5, hi=120.0)
    """How long 'snooze' silences nudges."""
    expert_talks_too_much: TalkTooMuchRule
    move_to_farewell: NudgeRule
    client_summarises: SummariseRule
    step_over_budget: OverBudgetRule
    long_client_monologue: MonologueRule
    over_time: NudgeRule


@dataclass(frozen=True)
class CuePhrases:
    empatia: tuple[str, ...]
    ohjauksellinen: tuple[str, ...]
    neuvonnallinen: tuple[str, ...]
    hyvastely: tuple[str, ...]
    next: tuple[str, ...]
    """General moves ("mennään eteenpäin") to whatever step follows the current one."""


@dataclass(frozen=True)
class CuesSettings:
    mode: str = rule(choices=("suggest", "move"))
    """Whether a heard cue moves the step or only proposes it."""
    phrases: CuePhrases
    """Finnish cue phrases (used when [speech] language = "fi")."""
    phrases_sv: CuePhrases
    """Swedish cue phrases (used when [speech] language = "sv")."""


@dataclass(frozen=True)
class AudioSettings:
    device: str
    """Input device by (part of) its name; empty = system default."""
    device_index: int = rule(lo=-1, hi=4096)
    """Fallback device index; -1 = none."""
    two_channel: bool
    """One microphone per person on two channels."""


@dataclass(frozen=True)
class SpeechSettings:
    engine: str = rule(choices=("vosk", "whisper"))
    """Speech recogniser: Vosk (streaming, Kaldi models) or Whisper (faster-whisper, an optional extra)."""
    model_path: str
    """Model folder; empty = models/vosk-fi (Vosk) or models/whisper (Whisper)."""
    language: str = rule(choices=("fi", "sv"))
    """Language the expert speaks at the desk: what the recogniser and the understanding expect."""


@dataclass(frozen=True)
class SpokenSettings:
    fallback_voice: str
    """Voice (id, name or language code) used when the UI language has no voice; empty = engine default."""
    volume: float = rule(lo=0.05, hi=1.0)
    """Loudness of spoken cues; quiet suits an earpiece."""


@dataclass(frozen=True)
class HotkeySettings:
    """Global hotkeys ("Ctrl+Alt+Right"; empty = none): the widget never takes the keyboard focus."""

    toggle: str
    next: str
    prev: str
    end: str
    snooze: str
    dismiss: str
    accept_offer: str
    expand: str
    length: str
    privacy_card: str


@dataclass(frozen=True)
class PrivacySettings:
    retention_days: int = rule(lo=1, hi=3650)
    """Summaries older than this are deleted at start-up."""


@dataclass(frozen=True)
class Config:
    schema_version: int = rule(lo=SCHEMA_VERSION, hi=SCHEMA_VERSION)
    office: OfficeSettings
    ui: UiSettings
    meeting: MeetingSettings
    steps: StepsSettings
    nudges: NudgesSettings
    cues: CuesSettings
    audio: AudioSettings
    speech: SpeechSettings
    spoken: SpokenSettings
    hotkeys: HotkeySettings
    privacy: PrivacySettings

    def step(self, step: Any) -> StepSettings:
        """Settings of a Step (enum or its value)."""
        return getattr(self.steps, getattr(step, "value", step))
