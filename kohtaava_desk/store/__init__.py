"""The private meeting store: numeric summaries in SQLite, crash-safe, with retention and export."""

from .db import MeetingStore
from .errors import CorruptionNotice, StoreError, StoreUnavailable, UnsafeValueError
from .migrations import SCHEMA_VERSION
from .paths import database_path
from .records import STATES, StoredMeeting
from .startup import StartupReport, open_at_startup

__all__ = ["SCHEMA_VERSION", "STATES", "CorruptionNotice", "MeetingStore", "StartupReport", "StoreError",
           "StoreUnavailable", "StoredMeeting", "UnsafeValueError", "database_path", "open_at_startup"]
