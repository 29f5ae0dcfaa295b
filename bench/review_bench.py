"""Review window benchmark: opening on many stored meetings, selecting, filtering, exporting. Prints a table.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/review_bench.py [--meetings 1000] [--distinct 40] [--runs 5]

Meetings come from tests/review_helpers.py (the real Meeting model, 30-60 min, four a working day);
`--distinct` of them are simulated and reused with other dates. "open" is measured from the start of
window construction (open_review) to the end of the first paint that drew the list and a meeting's
timeline, offscreen. Each figure is the median of --runs fresh windows (first run reported apart).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kohtaava_desk.config import load_config  # noqa: E402
from kohtaava_desk.store import MeetingStore  # noqa: E402


class _PaintSpy(QObject):
    """Notes that the list's viewport got a paint event."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def _wait(app: QApplication, done, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not paint")


COLD = """
import os, sys
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
app = QApplication([])
from kohtaava_desk import paths
from kohtaava_desk.config import load_config
from kohtaava_desk.store import MeetingStore
from kohtaava_desk.ui.review import open_review
store = MeetingStore({db!r})
w = open_review(store=store, config=load_config(None, paths.personal_config_file()).config)
while not w.timeline.painted_with_data:
    app.processEvents()
print("painted", flush=True)
"""


def _cold_start(db: Path) -> float:
    """Milliseconds from launching a fresh Python to the window's first paint with a meeting."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", COLD.format(root=str(ROOT), db=str(db))], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    ms = (time.perf_counter() - t) * 1e3
    proc.wait(timeout=30)
    if line.strip() != "painted":
        raise RuntimeError("the cold-start child did not paint")
    return ms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, default=1000)
    ap.add_argument("--distinct", type=int, default=40)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)

    app = QApplication.instance() or QApplication([])
    from review_helpers import fill_weeks

    from kohtaava_desk.ui.review import open_review
    from kohtaava_desk.ui.review.meeting_list import MeetingListModel

    config = load_config(env={}).config
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = MeetingStore(Path(tmp) / "meetings.sqlite3")
        weeks = -(-args.meetings // 20)
        t0 = time.perf_counter()
        fill_weeks(store, date(2026, 1, 5), weeks=weeks, per_week=20, distinct=args.distinct)
        n = store.count()
        fill_s = time.perf_counter() - t0

        t = time.perf_counter()
        store.list_meetings()
        list_ms = (time.perf_counter() - t) * 1e3

        opens, selects, filters, langs, pngs, trends = [], [], [], [], [], []
        for _ in range(args.runs + 1):
            t = time.perf_counter()
            w = open_review(store=store, config=config)
            spy = _PaintSpy()
            w.list_view.viewport().installEventFilter(spy)
            _wait(app, lambda: w.timeline.painted_with_data and spy.painted and w.model.rowCount() == n)
            app.processEvents()  # let the list's paint that the filter saw finish
            opens.append((time.perf_counter() - t) * 1e3)

            w.timeline.painted_with_data = False
            t = time.perf_counter()
            w.list_view.selectRow(w.model.rowCount() // 2)
            w.timeline.repaint()
            _wait(app, lambda: w.timeline.painted_with_data)
            selects.append((time.perf_counter() - t) * 1e3)

            frm, to = w.date_range()
            t = time.perf_counter()
            w.set_range(to - timedelta(weeks=12), to)
            app.processEvents()
            filters.append((time.perf_counter() - t) * 1e3)
            w.set_range(frm, to)

            t = time.perf_counter()
            w.set_language("en")
            app.processEvents()
            langs.append((time.perf_counter() - t) * 1e3)

            t = time.perf_counter()
            w.tabs.setCurrentIndex(1)
            w.trends.repaint()
            app.processEvents()
            trends.append((time.perf_counter() - t) * 1e3)

            t = time.perf_counter()
            w.export_chart_png(Path(tmp) / "chart.png")
            pngs.append((time.perf_counter() - t) * 1e3)
            w.close()
            w.deleteLater()
            app.processEvents()

        colds = [_cold_start(Path(tmp) / "meetings.sqlite3") for _ in range(3)]

        model = MeetingListModel()
        model.set_meetings(store.list_meetings())
        t = time.perf_counter()
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                model.data(model.index(r, c))
        all_cells_ms = (time.perf_counter() - t) * 1e3
        store.close()

    def med(xs: list[float]) -> float:
        return statistics.median(xs[1:]) if len(xs) > 1 else xs[0]

    rows = [
        ("stored meetings", n, f"made in {fill_s:.1f} s"),
        ("list query without timelines (ms)", list_ms, ""),
        ("open: construction to first paint with data (ms), first run", opens[0], "target ≤ 1000"),
        ("open: construction to first paint with data (ms), median", med(opens), "target ≤ 1000"),
        ("cold: process launch to first paint with data (ms), median of 3", statistics.median(colds),
         "Python + Qt start-up, config, store, window"),
        ("select another meeting + repaint (ms)", med(selects), "timeline read for that meeting only"),
        ("date filter change (ms)", med(filters), "list, trends, week table"),
        ("language switch (ms)", med(langs), ""),
        ("trends tab paint (ms)", med(trends), ""),
        ("export chart PNG, 2x (ms)", med(pngs), ""),
        ("format every list cell once (ms)", all_cells_ms, "what a non-lazy list would cost"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>9}  note")
    print("-" * (width + 40))
    for name, value, note in rows:
        v = f"{value:9.0f}" if isinstance(value, int) else f"{value:9.1f}"
        print(f"{name:<{width}}  {v}  {note}")
    ok = med(opens) <= 1000
    print(f"\nopen within 1 s on {n} meetings: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
