"""Test helpers that prove audio never reaches disk or a log.

`forbid_writes(allowed)` turns on a process-wide audit hook (PEP 578) that refuses every
file opened for writing, created, renamed, removed or truncated, and every SQLite
database opened, outside the allowed paths, in any thread. Audit hooks cannot be
removed, so the hook is installed once per test process and only enforces while a
`forbid_writes` block is active.

`audio_like_log_lines(records)` finds log lines that look like sample data.

Other tests may import it: ``from privacy_guard import forbid_writes`` (pytest puts tests/ on sys.path).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kohtaava_desk import paths

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_PATH_EVENTS = {
    # event -> positions of path arguments that get written, created or removed
    "os.rename": (0, 1),
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.truncate": (0,),
    "os.link": (0, 1),
    "os.symlink": (0, 1),
    "shutil.copyfile": (1,),
    "shutil.copytree": (1,),
    "shutil.move": (1,),
    "shutil.rmtree": (0,),
    "tempfile.mkstemp": (0,),
    "tempfile.mkdtemp": (0,),
    "sqlite3.connect": (0,),
}


@dataclass
class Violation:
    event: str
    path: str
    thread: str


@dataclass
class _Guard:
    allowed: tuple[str, ...] = ()
    violations: list[Violation] = field(default_factory=list)


_lock = threading.Lock()
_active: _Guard | None = None
_installed = False


def default_allowed() -> list[Path]:
    """The app's own files (settings and the summary database) and the null device."""
    return [paths.data_dir(), paths.config_dir(), Path(os.devnull)]


def _real(p: object) -> str:
    return os.path.realpath(os.fsdecode(p))  # type: ignore[arg-type]


def _allowed(path: object, allowed: tuple[str, ...]) -> bool:
    if isinstance(path, int):
        return False  # a bare descriptor: we cannot tell where it points, so it is not allowed
    if path in (":memory:", b":memory:", ""):
        return True  # SQLite in memory
    real = _real(path)
    return any(real == a or real.startswith(a.rstrip(os.sep) + os.sep) for a in allowed)


def _hook(event: str, args: tuple) -> None:
    guard = _active
    if guard is None:
        return
    targets: list[object] = []
    if event == "open":
        path, mode, flags = (tuple(args) + (None, None, None))[:3]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writing:
            targets.append(path)
    elif event in _PATH_EVENTS:
        targets.extend(args[i] for i in _PATH_EVENTS[event] if i < len(args) and args[i] is not None)
    for path in targets:
        if not _allowed(path, guard.allowed):
            shown = str(path) if isinstance(path, int) else os.fsdecode(path)
            guard.violations.append(Violation(event, shown, threading.current_thread().name))
            raise PermissionError(f"privacy guard: {event} {shown!r} while listening")


def _install() -> None:
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True


@contextlib.contextmanager
def forbid_writes(allowed: Iterable[os.PathLike[str] | str] | None = None) -> Iterator[list[Violation]]:
    """Within the block, any write outside `allowed` (default: `default_allowed()`) fails and is recorded.

    Yields the list of violations, which the test should assert empty. Bytecode caching is
    off meanwhile, so a lazy import writing a .pyc does not count as the app writing.
    """
    global _active
    _install()
    allowed_paths = tuple(_real(p) for p in (default_allowed() if allowed is None else allowed))
    guard = _Guard(allowed_paths)
    old_bytecode = sys.dont_write_bytecode
    with _lock:
        if _active is not None:
            raise RuntimeError("forbid_writes blocks do not nest")
        sys.dont_write_bytecode = True
        _active = guard
    try:
        yield guard.violations
    finally:
        with _lock:
            _active = None
            sys.dont_write_bytecode = old_bytecode


_AUDIO_LIKE = [
    (re.compile(r"\\x[0-9a-fA-F]{2}"), "escaped bytes"),
    (re.compile(r"\bb['\"]"), "a bytes literal"),
    (re.compile(r"array\("), "a numpy array"),
    (re.compile(r"\[\s*-?\d+(\.\d+)?(e-?\d+)?\s+-?\d"), "a printed array"),
    (re.compile(r"(-?\d+(\.\d+)?(e-?\d+)?\s*[,;\s]\s*){12,}"), "a long run of numbers"),
    (re.compile(r"[A-Za-z0-9+/]{64,}={0,2}"), "base64-like data"),
    (re.compile(r"[0-9a-fA-F]{32,}"), "a long hex string"),
]


def audio_like_log_lines(records: Iterable[logging.LogRecord]) -> list[tuple[str, str]]:
    """(line, why) for every log record whose text could carry sample data."""
    found = []
    for r in records:
        text = r.getMessage()
        if r.exc_info and r.exc_info[1] is not None:
            text += " " + str(r.exc_info[1])
        for pattern, why in _AUDIO_LIKE:
            if pattern.search(text):
                found.append((text[:200], why))
                break
    return found
