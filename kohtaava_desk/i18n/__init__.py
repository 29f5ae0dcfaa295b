"""User-facing UI strings in Finnish (default), Swedish and English. Qt-free, so the core, the CLI and
the widget share one catalog."""

from .catalog import CATALOG, LANGUAGES, clock, step_name, t

__all__ = ["CATALOG", "LANGUAGES", "clock", "step_name", "t"]
