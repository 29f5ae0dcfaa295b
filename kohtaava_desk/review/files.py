"""Writing an export without ever leaving a half-written file in place of a good one, owner-only, and
never onto the app's own database or voice profile (see kohtaava_desk.fileguard)."""

from __future__ import annotations

from pathlib import Path

from ..fileguard import write_private_atomically


def write_atomically(target: Path, data: str | bytes) -> None:
    write_private_atomically(target, data)
