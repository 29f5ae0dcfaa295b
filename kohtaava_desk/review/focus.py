"""The expert's optional personal focus: one thing to practise, kept locally as a single enum value.

The file holds nothing but {"focus": "<value>"} (or is absent): no figures, no names, no free text.
"""

from __future__ import annotations

import enum
import json
import logging
from pathlib import Path

from ..paths import state_dir

log = logging.getLogger(__name__)


class Focus(enum.Enum):
    GUIDANCE_LISTEN = "guidance_listen"
    """Let the client talk in Ohjauksellinen."""
    FAREWELL_TIME = "farewell_time"
    """Leave time for Hyvästely."""
    OPEN_QUESTIONS = "open_questions"
    """Ask open questions."""


def focus_path() -> Path:
    return state_dir() / "focus.json"


def load_focus(path: Path | None = None) -> Focus | None:
    """The chosen focus, or None when none was chosen or the file is unreadable (said in the log)."""
    path = path or focus_path()
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("focus")
        return None if value is None else Focus(value)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError) as exc:
        allowed = ", ".join(f.value for f in Focus)
        log.warning("%s: ignored (expected {\"focus\": one of %s}): %s", path, allowed, type(exc).__name__)
        return None


def save_focus(focus: Focus | None, path: Path | None = None) -> None:
    """Store the focus (None clears it), owner-only, atomically."""
    from ..fileguard import write_private_atomically

    path = path or focus_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private_atomically(path, json.dumps({"focus": None if focus is None else focus.value}) + "\n")
