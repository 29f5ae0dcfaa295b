"""Writing an export without ever leaving a half-written file in place of a good one."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(target: Path, data: str | bytes) -> None:
    target = Path(target)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(data)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
