"""Shared by the bad-input tests and bench/faults.py."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def scratch_device(folder: Path) -> Path:
    """A character device to aim writes at. As root (as in CI) it is a private copy of /dev/full's node in
    `folder`, so a writer that regresses (or the fault sweep run against old code) replaces that copy, never
    the machine's /dev/full; without root /dev/full itself is safe, since /dev is not writable then."""
    node = folder / "full"
    try:
        os.mknod(node, 0o600 | stat.S_IFCHR, os.makedev(1, 7))
    except PermissionError:
        return Path("/dev/full")
    return node
