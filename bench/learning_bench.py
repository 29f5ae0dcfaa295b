"""What the meeting's end and its checkpoints cost on the GUI thread. Prints a table.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/learning_bench.py [--meetings 1000]

- checkpoint: Meeting.summary() plus MeetingStore.save_checkpoint() every 10 s through a simulated
  60-minute meeting (tests/store_helpers.py), into a store already holding --meetings meetings: the
  whole GUI-thread cost of one checkpoint;
- summary card: from Meeting.end() to the card filled (the expert's last 120 days read from that store
  for the usual level, the takeaway chosen, every label set), median of 5 fresh cards.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from figures_table import print_figures  # noqa: E402
from store_helpers import realistic_summary, run_meeting  # noqa: E402

from kohtaava_desk.store import MeetingStore  # noqa: E402


def _ms(samples: list[float]) -> tuple[float, float, float]:
    s = sorted(samples)
    return statistics.median(s) * 1e3, s[min(len(s) - 1, round(0.95 * (len(s) - 1)))] * 1e3, s[-1] * 1e3


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, default=1000)
    args = ap.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ui.widget.summary import SummaryCard
    from kohtaava_desk.review.history import recent_summaries

    pool = [realistic_summary(seed, 30 + (seed * 7) % 31) for seed in range(20)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kd-learning-bench-") as tmp:
        db = Path(tmp) / "meetings.sqlite3"
        today = date.today()
        with MeetingStore(db) as store:
            for i in range(args.meetings):
                day = today - timedelta(days=300 - i * 300 // args.meetings)
                store.save_summary(dataclasses.replace(pool[i % len(pool)],
                                                       started_at=f"{day.isoformat()}T{8 + i % 8:02d}:00+02:00"))
            summ, write, both = [], [], []
            meeting = None
            ticks = run_meeting(seed=4242, minutes=60, started_at=f"{today.isoformat()}T15:00+02:00")
            first = True
            mid = 0
            for m, _ in ticks:
                meeting = m
                if not m.active:
                    break
                t0 = time.perf_counter()
                s = m.summary(interrupted=True)
                t1 = time.perf_counter()
                if first:
                    mid, first = store.start_meeting(s), False
                else:
                    store.save_checkpoint(mid, s)
                t2 = time.perf_counter()
                summ.append(t1 - t0)
                write.append(t2 - t1)
                both.append(t2 - t0)
            assert meeting is not None
            final = meeting.end()
            store.finish(mid, final)
        for name, samples in (("Meeting.summary(), 60-min meeting", summ), ("save_checkpoint", write),
                              ("checkpoint on the GUI thread (summary + write)", both)):
            med, p95, mx = _ms(samples)
            rows.append((f"{name} ({len(samples)} checkpoints)", f"median {med:.2f} / p95 {p95:.2f} / max {mx:.2f} ms",
                         "<= 5 ms p95" if "GUI" in name else ""))
        card_times, read_times = [], []
        for _ in range(5):
            card = SummaryCard()
            card.history = lambda: recent_summaries(db)
            t0 = time.perf_counter()
            recent_summaries(db)
            read_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            card.show_summary(final, "fi")
            app.processEvents()
            card_times.append(time.perf_counter() - t0)
            card.deleteLater()
        n_hist = len(recent_summaries(db))
        rows.append((f"summary card filled after the meeting ends (baseline from {n_hist} stored meetings)",
                     f"median {statistics.median(card_times) * 1e3:.1f} / max {max(card_times) * 1e3:.1f} ms",
                     "<= 200 ms"))
        rows.append(("  of which reading the expert's history from the store",
                     f"median {statistics.median(read_times) * 1e3:.1f} ms", ""))
    print_figures(f"Learning benchmark ({args.meetings} stored meetings", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
