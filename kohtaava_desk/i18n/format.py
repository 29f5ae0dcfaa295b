"""Values written the way each language writes them: clocks, durations, percents, decimals, dates, step names."""

from __future__ import annotations

from datetime import date

from .lookup import TEXTS, t


def step_name(step: object, lang: str | None = "fi", short: bool = False) -> str:
    """The name of a Step (or its value such as "empatia"); `short` gives the one-letter mark."""
    value = getattr(step, "value", step)
    return t(f"{'step_short' if short else 'step'}.{value}", lang)


def clock(seconds: float) -> str:
    """m:ss (or h:mm:ss) of a non-negative duration, rounded down to whole seconds."""
    s = int(max(0.0, seconds))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def duration(seconds: float | None, lang: str | None) -> str:
    """m:ss, or h:mm:ss from an hour on, rounded and signed (overtime can be negative); a dash when unknown."""
    if seconds is None:
        return t("value.none", lang)
    sign = "−" if seconds < 0 else ""
    s = round(abs(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{sign}{h}:{m:02d}:{sec:02d}" if h else f"{sign}{m}:{sec:02d}"


def decimal(value: float, lang: str | None, digits: int = 1) -> str:
    """A number with the language's decimal mark (comma in Finnish and Swedish)."""
    text = f"{value:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


def percent(share: float | None, lang: str | None) -> str:
    """A 0..1 share as a whole percent ("35 %" / "35%"); a dash when unknown."""
    return t("value.none", lang) if share is None else t("fmt.percent", lang, v=round(share * 100))


def day(d: date, lang: str | None) -> str:
    """A calendar date in the language's order (2.11.2026 / 2026-11-02)."""
    return t("fmt.date", lang, d=d.day, m=d.month, y=d.year)


def nudge_label(nudge_id: str, lang: str | None) -> str:
    """The short label the self-review shows for a nudge; its id when the nudge is newer than the texts."""
    key = f"review.nudge.{nudge_id}"
    return t(key, lang) if key in TEXTS else nudge_id
