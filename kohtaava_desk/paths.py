"""Where the app keeps its own files. Only settings, the voice profile and the summary database live
here; audio and transcripts are never written anywhere."""

from __future__ import annotations

import os
from pathlib import Path

APP = "kohtaava-desk"
DATA_ENV = "KOHTAAVA_DESK_DATA_DIR"
"""Overrides the data directory (tests, portable installs)."""
CONFIG_ENV = "KOHTAAVA_DESK_CONFIG_DIR"
"""Overrides the personal settings directory."""


def data_dir() -> Path:
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    import platformdirs
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    import platformdirs
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def personal_config_file() -> Path:
    return config_dir() / "personal.toml"


def state_dir() -> Path:
    """Small app state: window position, last valid office profile."""
    return config_dir() / "state"


DB_NAME = "meetings.sqlite3"
"""The summary database's file name inside the data directory."""
PROFILE_FILENAME = "voice_profile.json"
"""The voice profile's file name inside the data directory."""


def database_file() -> Path:
    return data_dir() / DB_NAME


def voice_profile_file() -> Path:
    """<user data dir>/kohtaava-desk/voice_profile.json (platformdirs; $KOHTAAVA_DESK_DATA_DIR overrides)."""
    return data_dir() / PROFILE_FILENAME
