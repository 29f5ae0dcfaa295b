"""What can go wrong with the meeting store, in words the UI can show.

Messages never quote a rejected value: a value that fails the privacy gate may be a piece of speech, and
an exception message can end up in a log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class StoreError(RuntimeError):
    """A store operation failed; the message says which and why."""


class StoreUnavailable(StoreError):
    """The database can neither be opened nor created (permissions, disk full, locked by another program).

    Nothing was moved or deleted; the app can run without saving summaries and say so.
    """


class UnsafeValueError(StoreError, ValueError):
    """A summary field holds something other than the numbers, enums and ids the store accepts.

    Nothing of the summary was written.
    """


REASONS = ("not_sqlite", "damaged", "newer_version", "not_ours", "migration_failed")


@dataclass(frozen=True)
class CorruptionNotice:
    """The database could not be used, was moved aside (never deleted) and a fresh one created."""

    reason: str
    """One of REASONS."""
    moved_to: Path
    """Where the unusable file now lives (with its -wal/-shm companions, if any)."""
    detail: str
    """Technical detail for support (SQLite's message or the version found); never user data."""
    found_version: int | None = None
    """Schema version found in the file, when it could be read."""

    def message(self, lang: str = "fi") -> str:
        from ..i18n import t

        cause = t(f"store.{self.reason}", lang, version=self.found_version)
        return t("store.moved", lang, cause=cause, path=self.moved_to)

    def __str__(self) -> str:
        return f"{self.message('en')} ({self.detail})"
