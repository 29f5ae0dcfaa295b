"""Texts of the summary store: what the expert is told when the database could not be used."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "store.moved": (
        "Tapaamisyhteenvetojen tietokantaa ei voitu käyttää: {cause}. Vanha tiedosto siirrettiin talteen nimellä "
        "{path}, ja uusi tyhjä tietokanta otettiin käyttöön. Aiempia yhteenvetoja ei näytetä, mutta mitään ei "
        "poistettu.",
        "Databasen med mötessammanfattningar gick inte att använda: {cause}. Den gamla filen sparades undan som "
        "{path} och en ny, tom databas togs i bruk. Tidigare sammanfattningar visas inte, men ingenting har raderats.",
        "The meeting summary database could not be used: {cause}. The old file was kept as {path} and a fresh, "
        "empty database is now in use. Earlier summaries are not shown, but nothing was deleted.",
    ),
    "store.not_sqlite": ("tiedosto ei ole tietokanta", "filen är ingen databas", "the file is not a database"),
    "store.damaged": ("tiedosto on vahingoittunut", "filen är skadad", "the file is damaged"),
    "store.newer_version": (
        "sen on tehnyt uudempi ohjelmaversio (rakenneversio {version})",
        "den har skapats av en nyare programversion (strukturversion {version})",
        "it was written by a newer version of the app (schema version {version})",
    ),
    "store.not_ours": ("tiedosto kuuluu jollekin toiselle ohjelmalle", "filen hör till ett annat program",
                       "the file belongs to another program"),
    "store.migration_failed": (
        "sen päivittäminen vanhasta rakenneversiosta {version} epäonnistui",
        "uppgraderingen från den äldre strukturversionen {version} misslyckades",
        "upgrading it from the older schema version {version} failed",
    ),
}
