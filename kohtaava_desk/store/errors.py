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
        texts = _TEXTS.get(lang, _TEXTS["en"])
        cause = texts[self.reason].format(version=self.found_version)
        return texts["moved"].format(cause=cause, path=self.moved_to)

    def __str__(self) -> str:
        return f"{self.message('en')} ({self.detail})"


_TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "moved": "Tapaamisyhteenvetojen tietokantaa ei voitu käyttää: {cause}. Vanha tiedosto siirrettiin "
                 "talteen nimellä {path}, ja uusi tyhjä tietokanta otettiin käyttöön. Aiempia yhteenvetoja ei "
                 "näytetä, mutta mitään ei poistettu.",
        "not_sqlite": "tiedosto ei ole tietokanta",
        "damaged": "tiedosto on vahingoittunut",
        "newer_version": "sen on tehnyt uudempi ohjelmaversio (rakenneversio {version})",
        "not_ours": "tiedosto kuuluu jollekin toiselle ohjelmalle",
        "migration_failed": "sen päivittäminen vanhasta rakenneversiosta {version} epäonnistui",
    },
    "sv": {
        "moved": "Databasen med mötessammanfattningar gick inte att använda: {cause}. Den gamla filen "
                 "sparades undan som {path} och en ny, tom databas togs i bruk. Tidigare sammanfattningar "
                 "visas inte, men ingenting har raderats.",
        "not_sqlite": "filen är ingen databas",
        "damaged": "filen är skadad",
        "newer_version": "den har skapats av en nyare programversion (strukturversion {version})",
        "not_ours": "filen hör till ett annat program",
        "migration_failed": "uppgraderingen från den äldre strukturversionen {version} misslyckades",
    },
    "en": {
        "moved": "The meeting summary database could not be used: {cause}. The old file was kept as {path} "
                 "and a fresh, empty database is now in use. Earlier summaries are not shown, but nothing "
                 "was deleted.",
        "not_sqlite": "the file is not a database",
        "damaged": "the file is damaged",
        "newer_version": "it was written by a newer version of the app (schema version {version})",
        "not_ours": "the file belongs to another program",
        "migration_failed": "upgrading it from the older schema version {version} failed",
    },
}
