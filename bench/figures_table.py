"""The measure / result / target table that the store and learning benchmarks print."""

from __future__ import annotations

import os


def print_figures(heading: str, rows: list[tuple[str, str, str]]) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    # The load is printed with every table because a busy machine moves the timings more than any change does.
    print(f"\n{heading}; load average {load:.2f} on {os.cpu_count()} CPUs)\n")
    print(f"{'measure':<{w0}}  {'result':<{w1}}  target")
    print(f"{'-' * w0}  {'-' * w1}  ------")
    for a, b, c in rows:
        print(f"{a:<{w0}}  {b:<{w1}}  {c}")
