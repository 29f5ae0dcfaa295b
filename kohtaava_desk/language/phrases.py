"""The office's cue phrases for the speech language in use, read from the configuration.

The one place that knows the config's shape: ``[cues.phrases]`` holds the Finnish phrases and
``[cues.phrases_sv]`` the Swedish ones, each a table of target = [phrases] with the targets
empatia, ohjauksellinen, neuvonnallinen, hyvastely and next. It reads a plain dict as well as the
loaded Config object. A config without a cue section gets the built-in defaults of
kohtaava_desk/config/default.toml; a target missing from the table gets no phrases.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from kohtaava_desk.config.loader import load_defaults
from kohtaava_desk.language.cues import TARGET_KEYS, Target, parse_target

SPEECH_LANGUAGES = ("fi", "sv")
"""Languages the understanding layer reads."""

_TABLE = {"fi": "phrases", "sv": "phrases_sv"}


def _get(obj: Any, key: str) -> Any:
    return obj[key] if isinstance(obj, Mapping) else getattr(obj, key)


def speech_language(config: Any) -> str:
    """``[speech] language`` of a dict or Config; "fi" when the config does not say."""
    try:
        language = _get(_get(config, "speech"), "language")
    except (KeyError, AttributeError, TypeError):
        return "fi"
    if language not in SPEECH_LANGUAGES:
        raise ValueError(f"speech.language must be one of {', '.join(SPEECH_LANGUAGES)}, got {language!r}")
    return language


def cue_phrases(config: Any, language: str | None = None) -> dict[Target, Sequence[str]]:
    """Phrase lists per target for ``language`` (default: the config's speech language)."""
    language = speech_language(config) if language is None else language
    table = _TABLE[language]
    try:
        phrases = _get(_get(config, "cues"), table)
    except (KeyError, AttributeError, TypeError, IndexError):
        phrases = load_defaults()["cues"][table]
    if isinstance(phrases, (str, bytes, list, tuple)) or phrases is None:
        raise ValueError(f"cues.{table} must be a table of step = [phrases], got {type(phrases).__name__}")
    if isinstance(phrases, Mapping):
        unknown = sorted(set(map(str, phrases)) - set(TARGET_KEYS))
        if unknown:
            raise ValueError(
                f"cues.{table} has an unknown step {unknown[0]!r}; allowed: {', '.join(TARGET_KEYS)}"
            )
    out: dict[Target, Sequence[str]] = {}
    for key in TARGET_KEYS:
        try:
            out[parse_target(key)] = _get(phrases, key)
        except (KeyError, AttributeError):
            out[parse_target(key)] = []
    return out
