"""Meeting store benchmark: checkpoint write time, listing 1,000 meetings, size on disk. Prints a table.

    .venv/bin/python bench/store_bench.py [--meetings 1000] [--distinct 40]

Meetings are simulated through the real Meeting model (tests/store_helpers.py: 30–60 min, realistic
turn-taking, step moves with a revisit, questions, nudges); `--distinct` of them are simulated and reused
with different dates to make up `--meetings`. Everything happens in a temporary folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from figures_table import print_figures
from store_helpers import realistic_summary, run_meeting

from kohtaava_desk.store import MeetingStore, open_at_startup


def _files_size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def _ms(samples: list[float]) -> tuple[float, float, float]:
    s = sorted(samples)
    return statistics.median(s) * 1e3, s[min(len(s) - 1, round(0.95 * (len(s) - 1)))] * 1e3, s[-1] * 1e3


def _timed(fn, repeat: int = 5) -> float:
    best = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best.append(time.perf_counter() - t)
    return statistics.median(best)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, default=1000)
    ap.add_argument("--distinct", type=int, default=40)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    pool = [realistic_summary(seed, 30 + (seed * 7) % 31) for seed in range(args.distinct)]
    gen_s = time.perf_counter() - t0
    rows: list[tuple[str, str, str]] = []

    with tempfile.TemporaryDirectory(prefix="kd-store-bench-") as tmp:
        db = Path(tmp) / "meetings.sqlite3"
        day0 = date(2026, 1, 5)
        with MeetingStore(db) as store:
            t = time.perf_counter()
            for i in range(args.meetings):
                day = day0 + timedelta(days=i * 300 // args.meetings)
                s = pool[i % len(pool)]
                store.save_summary(dataclasses.replace(s, started_at=f"{day.isoformat()}T{8 + i % 8:02d}:{(i * 13) % 60:02d}+02:00"))
            insert_s = time.perf_counter() - t
            store._flush_wal()
        size = _files_size(db)
        mean_min = statistics.mean(s.actual_s for s in pool) / 60
        mean_buckets = statistics.mean(len(s.timeline) for s in pool)
        rows.append((f"DB size, {args.meetings} meetings (mean {mean_min:.0f} min, {mean_buckets:.0f} buckets)",
                     f"{size / 1e6:.2f} MB ({size / args.meetings / 1e3:.2f} kB/meeting)", "< ~5 MB"))
        rows.append(("save_summary (insert), per meeting", f"{insert_s / args.meetings * 1e3:.2f} ms", ""))

        # Start-up path on the full store: open (quick_check), recover, retention.
        t = time.perf_counter()
        store, _ = open_at_startup(retention_days=3650, path=db, today=date(2026, 11, 1))
        rows.append((f"start-up: open + quick_check + recover + retention ({args.meetings})",
                     f"{(time.perf_counter() - t) * 1e3:.1f} ms", ""))

        with store:
            light = _timed(store.list_meetings)
            full = _timed(lambda: store.list_meetings(with_timeline=True), 3)
            window = _timed(lambda: store.list_meetings(since=date(2026, 10, 1), until=date(2026, 10, 31)))
            one = _timed(lambda: store.get(args.meetings // 2), 20)
            rows.append((f"list {args.meetings} meetings (steps, visits, nudges)", f"{light * 1e3:.1f} ms",
                         "review opens < 1 s"))
            rows.append((f"list {args.meetings} meetings with timelines", f"{full * 1e3:.1f} ms", ""))
            rows.append(("list one month (date filter)", f"{window * 1e3:.1f} ms", ""))
            rows.append(("get one meeting with timeline", f"{one * 1e3:.2f} ms", ""))

            # A 60-minute meeting checkpointed every 10 s into the full store, as the widget would.
            ticks = [s for _, s in run_meeting(seed=4242, minutes=60)]
            mid = store.start_meeting(ticks[0])
            cp, cpu = [], []
            for s in ticks[1:-1]:
                t, c = time.perf_counter(), time.process_time()
                store.save_checkpoint(mid, s)
                cp.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            t = time.perf_counter()
            store.finish(mid, ticks[-1])
            finish_s = time.perf_counter() - t
            med, p95, mx = _ms(cp)
            rows.append((f"save_checkpoint, 60-min meeting ({len(cp)} checkpoints), wall",
                         f"median {med:.2f} / p95 {p95:.2f} / max {mx:.2f} ms", "<= 5 ms"))
            med, p95, mx = _ms(cpu)
            rows.append(("save_checkpoint, CPU time of this process", f"median {med:.2f} / p95 {p95:.2f} / max {mx:.2f} ms",
                         ""))
            rows.append(("finish (final write + WAL copied back)", f"{finish_s * 1e3:.1f} ms", ""))

        # For the UI's budget: what Meeting.summary() itself costs late in a 60-minute meeting.
        summ = []
        for m, _ in run_meeting(seed=4243, minutes=60, every_s=300):
            if m.active:
                t = time.perf_counter()
                m.summary()
                summ.append(time.perf_counter() - t)
        rows.append(("(info) Meeting.summary() at 55-60 min", f"{max(summ[-2:]) * 1e3:.1f} ms", "not the store"))

        # Why the timeline is a packed blob: the same buckets as one row each, and as JSON text.
        alt = Path(tmp) / "alt.sqlite3"
        conn = sqlite3.connect(alt)
        conn.execute("CREATE TABLE b (meeting_id INTEGER, t REAL, step INTEGER, expert_s REAL, client_s REAL, "
                     "PRIMARY KEY (meeting_id, t)) WITHOUT ROWID")
        for i in range(args.meetings):
            s = pool[i % len(pool)]
            conn.executemany("INSERT INTO b VALUES (?, ?, ?, ?, ?)",
                             [(i, b.t, b.step.index, b.expert_s, b.client_s) for b in s.timeline])
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        row_size = alt.stat().st_size
        json_size = sum(len(json.dumps([[b.t, b.step.value, b.expert_s, b.client_s] for b in pool[i % len(pool)].timeline]))
                        for i in range(args.meetings))
        blob_size = sum(3 + 5 * len(pool[i % len(pool)].timeline) for i in range(args.meetings))
        rows.append(("timeline as packed blob / JSON text / row per bucket",
                     f"{blob_size / 1e6:.2f} / {json_size / 1e6:.2f} / {row_size / 1e6:.2f} MB", "per 1,000"
                     if args.meetings == 1000 else f"per {args.meetings}"))

    print_figures(f"Meeting store benchmark (SQLite {sqlite3.sqlite_version}; {args.distinct} simulated meetings "
                  f"reused, generated in {gen_s:.1f} s", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
