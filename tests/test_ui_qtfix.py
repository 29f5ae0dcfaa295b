"""PySide6 6.12.0 drops a reference to True on every Python-side emit(); the app must survive
thousands of emissions (a live session emits several per second)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=60, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})


def test_many_emissions_through_the_bridge_do_not_corrupt_true():
    res = _run("""
        import sys, threading
        from PySide6.QtCore import QCoreApplication, QTimer
        app = QCoreApplication(sys.argv)
        from kohtaava_desk.ui.bridge import WorkerBridge
        b = WorkerBridge()
        got = []
        b.note.connect(got.append)
        before = sys.getrefcount(True)
        def work():
            for i in range(5000):
                b.post_note(str(i % 2 == 0))
        th = threading.Thread(target=work); th.start(); th.join()
        QTimer.singleShot(100, app.quit); app.exec()
        print(len(got), sys.getrefcount(True) - before >= -50)
    """)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.split() == ["5000", "True"]


def test_probe_matches_what_plain_emit_does():
    res = _run("""
        import sys
        from PySide6.QtCore import QCoreApplication, QObject, Signal
        app = QCoreApplication(sys.argv)
        from kohtaava_desk.ui.qtfix import EMIT_LOSES_TRUE, emit
        class O(QObject):
            s = Signal(object)
        o = O()
        before = sys.getrefcount(True)
        for _ in range(100):
            emit(o.s, 1)
        delta = sys.getrefcount(True) - before
        print(EMIT_LOSES_TRUE, delta)
    """)
    assert res.returncode == 0, res.stderr[-2000:]
    flag, delta = res.stdout.split()
    assert flag in ("True", "False") and int(delta) == 0
