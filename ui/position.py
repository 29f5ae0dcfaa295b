"""Remembers where the expert put the widget, per screen, in a small JSON file in the state folder.

Screens come and go (a laptop docked and undocked): a position is stored under the screen it was on and
reused only when that screen is present again, clamped inside its available area.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "widget-position.json"


@dataclass(frozen=True)
class ScreenInfo:
    key: str
    """Stable name of the screen: name and size."""
    x: int
    y: int
    width: int
    height: int
    """Available area (without panels and docks), in logical pixels."""

    def contains(self, px: int, py: int) -> bool:
        return self.x <= px < self.x + self.width and self.y <= py < self.y + self.height


def screen_key(name: str, width: int, height: int) -> str:
    return f"{name or 'screen'}@{width}x{height}"


class PositionMemory:
    def __init__(self, state_dir: Path) -> None:
        self.path = Path(state_dir) / FILE_NAME
        self.positions: dict[str, tuple[int, int]] = self._load()

    def _load(self) -> dict[str, tuple[int, int]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(k): (int(v[0]), int(v[1])) for k, v in data.items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, IndexError, AttributeError) as exc:
            log.warning("ignoring unreadable %s: %s", self.path, type(exc).__name__)
            return {}

    def remember(self, screens: list[ScreenInfo], x: int, y: int, w: int, h: int) -> None:
        cx, cy = x + w // 2, y + h // 2
        screen = next((s for s in screens if s.contains(cx, cy)), None)
        if screen is None:
            return
        self.positions[screen.key] = (x - screen.x, y - screen.y)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.positions, indent=1), encoding="utf-8")
        except OSError as exc:
            log.warning("could not save the widget position: %s", type(exc).__name__)

    def place(self, screens: list[ScreenInfo], w: int, h: int, margin: int = 16) -> tuple[int, int] | None:
        """Where to put a w×h window: the remembered spot on a present screen (primary first),
        else the top-right corner of the first screen. None without screens."""
        if not screens:
            return None
        for s in screens:
            if s.key in self.positions:
                dx, dy = self.positions[s.key]
                return (s.x + max(0, min(dx, s.width - w)), s.y + max(0, min(dy, s.height - h)))
        s = screens[0]
        return (s.x + max(0, s.width - w - margin), s.y + margin)
