"""Work-around for a reference-count bug in PySide6 6.12.0: every Python-side `SignalInstance.emit()`
releases one reference to `True` that it never took. After a few hundred emissions the interpreter
aborts ("bool_dealloc: deallocating True or False"), at the latest when it shuts down.

`emit(signal, *args)` emits and, only where the probe below saw the bug, gives the reference back.
Where PySide6 is fine the probe finds nothing and `emit` is a plain emit. (Signals that Qt emits from
C++, such as clicked or timeout, are not affected.)
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal(object)


def _emit_loses_true(trials: int = 8) -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(trials):
        probe.ping.emit(None)
    lost = before - sys.getrefcount(True)
    # Give back what the probe itself cost, so measuring is harmless.
    for _ in range(max(0, lost)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= trials


EMIT_LOSES_TRUE = _emit_loses_true()
"""True on the affected PySide6 builds (seen on 6.12.0)."""

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def emit(signal: Any, *args: Any) -> None:
    signal.emit(*args)
    if EMIT_LOSES_TRUE:
        _incref(True)
