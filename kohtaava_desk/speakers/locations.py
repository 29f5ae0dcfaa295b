"""Where the expert's voice profile lives by default."""

from __future__ import annotations

from pathlib import Path

from kohtaava_desk import paths

PROFILE_FILENAME = paths.PROFILE_FILENAME


def default_profile_path() -> Path:
    return paths.voice_profile_file()
