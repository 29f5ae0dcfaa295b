"""Where the expert's voice profile lives by default."""

from __future__ import annotations

from pathlib import Path

from kohtaava_desk import paths

PROFILE_FILENAME = "voice_profile.json"
"""The profile's file name inside the app's data directory."""


def default_profile_path() -> Path:
    """<user data dir>/kohtaava-desk/voice_profile.json (platformdirs; $KOHTAAVA_DESK_DATA_DIR overrides)."""
    return paths.data_dir() / PROFILE_FILENAME
