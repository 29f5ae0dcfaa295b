"""Where the summary database lives: the app's data folder (platformdirs, or $KOHTAAVA_DESK_DATA_DIR)."""

from __future__ import annotations

from pathlib import Path

from .. import paths

DB_NAME = paths.DB_NAME


def database_path() -> Path:
    return paths.database_file()
