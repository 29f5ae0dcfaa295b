"""Choosing a voice from whatever the TTS engine offers.

Engines name languages differently: espeak-ng ids like "urj/fi" with languages ["fi"], SAPI5 locale
strings like "fi-FI" and registry ids with "FI-FI", macOS ids such as "com.apple.voice.compact.fi-FI.Satu".
A language code matches only as a whole token, so "fi" never picks Filipino ("fil").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class VoiceChoice:
    """The voice to use and whether it is the wanted language."""

    voice_id: str | None
    """Engine voice id; None = leave the engine's default voice."""
    name: str
    """Human-readable name for the notice."""
    fallback: bool
    """True when no voice of the wanted language was found."""


def _token_pattern(code: str) -> re.Pattern[str]:
    return re.compile(rf"(^|[/_.\\\- ]){re.escape(code)}($|[/_.\\\- ])", re.IGNORECASE)


def speaks(voice: Any, language: str) -> bool:
    """Whether an engine voice (pyttsx3.voice.Voice-like) is for `language` (e.g. "fi")."""
    code = language.lower()
    for lang in getattr(voice, "languages", None) or []:
        if isinstance(lang, bytes):
            lang = lang.decode("utf-8", "ignore")
        norm = str(lang).strip().lower().replace("_", "-")
        if norm == code or norm.startswith(code + "-"):
            return True
    return bool(_token_pattern(code).search(str(getattr(voice, "id", "") or "")))


def choose_voice(voices: Sequence[Any], language: str, fallback: str = "") -> VoiceChoice:
    """A voice of `language`; else the configured `fallback` (id, name or language); else the default."""
    for voice in voices:
        if speaks(voice, language):
            return VoiceChoice(str(voice.id), str(getattr(voice, "name", voice.id)), False)
    wanted = fallback.strip().lower()
    if wanted:
        for voice in voices:
            if wanted in (str(voice.id).lower(), str(getattr(voice, "name", "")).lower()):
                return VoiceChoice(str(voice.id), str(getattr(voice, "name", voice.id)), True)
        for voice in voices:
            if speaks(voice, wanted):
                return VoiceChoice(str(voice.id), str(getattr(voice, "name", voice.id)), True)
    return VoiceChoice(None, "", True)
