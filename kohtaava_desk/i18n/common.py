"""Texts shared by every formatted value: where the percent sign goes, the date order, the dash for none.

Used by the helpers in `format`.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "value.none": ("–", "–", "–"),
    "fmt.percent": ("{v} %", "{v} %", "{v}%"),
    "fmt.date": ("{d}.{m}.{y}", "{d}.{m}.{y}", "{y}-{m:02d}-{d:02d}"),
    "fmt.minutes": ("{v} min", "{v} min", "{v} min"),
}
