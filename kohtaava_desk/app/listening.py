"""The listening pipeline and the expert's voice profile, built the one way every entry point uses."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from kohtaava_desk.config.schema import Config
from kohtaava_desk.listening.pipeline import ListeningPipeline, ListeningSettings, SpeechTap
from kohtaava_desk.talk import TalkEvent

if TYPE_CHECKING:
    from kohtaava_desk.audio.capture import CaptureSettings
    from kohtaava_desk.audio.devices import DeviceLayer
    from kohtaava_desk.listening.live import ListeningPipeline as LivePipeline, LiveSession, LiveStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VoiceSource:
    """Where the expert's voice profile comes from."""

    enroll: Path | None = None
    """A recording of the expert alone, turned into a profile in memory (never saved)."""
    profile: Path | None = None
    """A saved voice profile (JSON)."""
    saved: bool = True
    """Without the two above: use the profile saved in the app's data folder, if there is one."""


def profile_embedding(source: VoiceSource) -> np.ndarray | None:
    """The expert's embedding, or None to guess the expert by loudness.

    Raises WavFileError, EnrolmentError, TwoVoicesError, VoiceProfileError or WeightsError: each names
    the file and what is wrong with it.
    """
    if source.enroll is not None:
        from kohtaava_desk.audio.wavfile import FileSource
        from kohtaava_desk.listening.enrolment import profile_from_blocks

        return profile_from_blocks(FileSource(source.enroll)).embedding
    if source.profile is not None:
        return _load_profile(source.profile).embedding
    if not source.saved:
        return None
    from kohtaava_desk.speakers.locations import default_profile_path

    path = default_profile_path()
    return _load_profile(path).embedding if path.exists() else None


def saved_profile_or_none() -> np.ndarray | None:
    """The saved profile for a live meeting; a broken one is logged and listening guesses instead."""
    try:
        return profile_embedding(VoiceSource())
    except Exception as exc:
        log.info("no usable voice profile (%s): guessing speakers without enrolment", type(exc).__name__)
        return None


def _load_profile(path: Path):
    from kohtaava_desk.fileguard import input_problem
    from kohtaava_desk.speakers.profile import VoiceProfile, VoiceProfileError

    problem = input_problem(path)
    if problem:  # a named pipe would block the read forever
        raise VoiceProfileError(f"{path}: {problem}; give the path of a voice profile (.json)")
    return VoiceProfile.load(path)


def live_session(config: Config, pipeline: LivePipeline, on_events: Callable[[list[TalkEvent]], None],
                 on_status: Callable[[LiveStatus], None], *, capture: CaptureSettings | None = None,
                 layer: DeviceLayer | None = None, now: Callable[[], float] | None = None,
                 language: str | None = None) -> LiveSession:
    """The microphone session as the meeting and the enrolment use it: the configured microphone (or
    `capture`), status texts in the UI language (or `language`), optionally another sound system and clock."""
    from kohtaava_desk.audio.capture import capture_settings_from
    from kohtaava_desk.listening.live import LiveSession, LiveSettings

    extra = {} if layer is None else {"layer": layer}
    if now is not None:
        extra["now"] = now
    return LiveSession(pipeline, on_events, on_status,
                       capture=capture if capture is not None else capture_settings_from(config.audio),
                       settings=LiveSettings(language=language or config.ui.language), **extra)


def build_pipeline(profile: np.ndarray | None, *, two_channel: bool = False, speech_tap: SpeechTap | None = None,
                   settings: ListeningSettings | None = None) -> ListeningPipeline:
    """The listening pipeline; in two-channel mode the channels name the speakers and no profile is used."""
    settings = settings or ListeningSettings(two_channel=two_channel)
    return ListeningPipeline(settings, profile_embedding=None if settings.two_channel else profile,
                             speech_tap=speech_tap)
