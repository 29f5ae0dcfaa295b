"""Where the summary database lives: the app's data folder (platformdirs, or $KOHTAAVA_DESK_DATA_DIR)."""

from __future__ import annotations

from pathlib import Path

from .. import paths

DB_NAME = "meetings.sqlite3"


def database_path() -> Path:
    return paths.data_dir() / DB_NAME
