"""A model path that Vosk can open on Windows.

Vosk hands the path to Kaldi as UTF-8 bytes, and Kaldi opens files with the narrow (ANSI code page)
C runtime on Windows, so a folder under C:\\Users\\Mäkelä\\ fails to load. We do NOT copy the model to
an ASCII location automatically: models are 50 MB to several GB, a silent copy would double the disk
use and the start-up time, and the copy would go stale when IT updates the model. Instead we try the
folder's 8.3 short name (an ASCII alias NTFS usually keeps, free to use) and, when the volume has no
short names, explain how to move the model.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


class NonAsciiPath(ValueError):
    """The model folder's path has non-ASCII characters and no ASCII alias on Windows."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def windows_short_path(path: str) -> str | None:
    """The 8.3 short form of an existing path, or None when the volume keeps no short names."""
    try:
        import ctypes
        from ctypes import wintypes

        get_short = ctypes.windll.kernel32.GetShortPathNameW  # type: ignore[attr-defined]
        get_short.argtypes = [wintypes.LPCWSTR, wintypes.LPWSTR, wintypes.DWORD]
        get_short.restype = wintypes.DWORD
        size = get_short(path, None, 0)
        if size == 0:
            return None
        buffer = ctypes.create_unicode_buffer(size)
        if get_short(path, buffer, size) == 0:
            return None
        return buffer.value
    except (AttributeError, OSError):
        return None


def vosk_path(path: Path, *, platform: str = sys.platform,
              short_path: Callable[[str], str | None] = windows_short_path) -> str:
    """The string to give vosk.Model for `path` (absolute, so Kaldi's messages name it clearly).

    Raises NonAsciiPath on Windows when neither the path nor its short alias is ASCII.
    """
    text = str(path.absolute())
    if platform != "win32" or text.isascii():
        return text
    alias = short_path(text)
    if alias and alias.isascii():
        return alias
    raise NonAsciiPath(path)
