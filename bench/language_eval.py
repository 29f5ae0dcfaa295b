"""Precision / recall of the Finnish language layer on the labelled table in tests/language_cases.py,
plus time per utterance. Run: .venv/bin/python bench/language_eval.py [--failures]

Precision = correct answers / all answers given (a wrong value counts against it);
recall = correct answers / utterances that should give one. "Distractor FP" counts the
utterances that must not fire but did.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from language_cases import (  # noqa: E402
    HOLDOUT2_CUES,
    HOLDOUT2_DURATION,
    HOLDOUT2_QUESTIONS,
    HOLDOUT_CUES,
    HOLDOUT_DURATION,
    HOLDOUT_QUESTIONS,
    CLOCK_CASES,
    CUE_CASES,
    DEFAULT_PHRASES_FIXTURE,
    DURATION_CASES,
    QUESTION_CASES,
)

from kohtaava_desk.language.cues import CueMatcher  # noqa: E402
from kohtaava_desk.language.understand import understand  # noqa: E402


def _score(rows):
    """rows: (expected, got, tag) -> dict of counts and rates."""
    tp = sum(1 for e, g, _ in rows if e is not None and g == e)
    fp = sum(1 for e, g, _ in rows if g is not None and g != e)
    fn = sum(1 for e, g, _ in rows if e is not None and g != e)
    distractors = [r for r in rows if r[2] == "distractor"]
    dfp = sum(1 for e, g, _ in distractors if g is not None)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "n": len(rows),
        "should fire": sum(1 for e, _, _ in rows if e is not None),
        "distractors": len(distractors),
        "precision": precision,
        "recall": recall,
        "distractor FP": dfp,
    }


def _print_table(tables) -> None:
    header = f"{'task':<18}{'n':>5}{'fire':>6}{'distr':>7}{'precision':>11}{'recall':>8}{'distr FP':>10}"
    print(header)
    print("-" * len(header))
    for name, rows in tables.items():
        s = _score([r[:3] for r in rows])
        print(
            f"{name:<18}{s['n']:>5}{s['should fire']:>6}{s['distractors']:>7}"
            f"{s['precision']:>11.3f}{s['recall']:>8.3f}{s['distractor FP']:>10}"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--failures", action="store_true", help="also list the utterances answered wrongly")
    args = ap.parse_args()

    matcher = CueMatcher.compile(DEFAULT_PHRASES_FIXTURE)
    tables = {
        "announced length": [
            (e, understand(t, matcher).announced_minutes, tag, t) for t, e, tag in DURATION_CASES
        ]
        + [(e, understand(t, matcher, now=now).announced_minutes, tag, t) for t, now, e, tag in CLOCK_CASES],
        "step cue": [
            (e, understand(t, matcher).step_cue, tag, t) for t, e, tag in CUE_CASES
        ],
        "question style": [
            (e, understand(t, matcher).question, tag, t) for t, e, tag in QUESTION_CASES
        ],
    }

    holdout = {
        "announced length": [(e, understand(t, matcher).announced_minutes, tag, t) for t, e, tag in HOLDOUT_DURATION],
        "step cue": [(e, understand(t, matcher).step_cue, tag, t) for t, e, tag in HOLDOUT_CUES],
        "question style": [(e, understand(t, matcher).question, tag, t) for t, e, tag in HOLDOUT_QUESTIONS],
    }
    holdout2 = {
        "announced length": [(e, understand(t, matcher).announced_minutes, tag, t) for t, e, tag in HOLDOUT2_DURATION],
        "step cue": [(e, understand(t, matcher).step_cue, tag, t) for t, e, tag in HOLDOUT2_CUES],
        "question style": [(e, understand(t, matcher).question, tag, t) for t, e, tag in HOLDOUT2_QUESTIONS],
    }
    for title, group in (("tuning table (the unit tests assert every row)", tables),
                         ("held-out batch 1 (used for fixes after its first run)", holdout),
                         ("held-out batch 2 (never used for tuning)", holdout2)):
        print(title)
        _print_table(group)
        print()
    # By tag, for the three tasks together (tuning table).
    all_rows = [r[:3] for rows in tables.values() for r in rows]
    print(f"utterances in the tuning table: {len(all_rows)}, of which distractors: "
          f"{sum(1 for r in all_rows if r[2] == 'distractor')}")
    print(f"{'tag':<12}{'n':>5}{'correct':>9}")
    for tag in ("std", "colloq", "asr", "distractor"):
        rows = [r for r in all_rows if r[2] == tag]
        print(f"{tag:<12}{len(rows):>5}{sum(1 for e, g, _ in rows if e == g):>9}")

    # Speed of the whole understand() per utterance. Each utterance is timed 7 times and its best
    # time kept: on a shared machine the other runs measure the scheduler, not this code.
    texts = [t for t, *_ in DURATION_CASES] + [t for t, *_ in CUE_CASES] + [t for t, *_ in QUESTION_CASES]
    best: list[float] = []
    every: list[float] = []
    for t in texts:
        runs = []
        for _ in range(7):
            t0 = time.perf_counter()
            understand(t, matcher)
            runs.append(time.perf_counter() - t0)
        best.append(min(runs))
        every.extend(runs)
    best.sort()
    every.sort()
    print()
    print(f"understand() on {len(texts)} utterances, best of 7 each: mean {statistics.mean(best) * 1e6:.0f} µs, "
          f"median {best[len(best) // 2] * 1e6:.0f} µs, slowest utterance {best[-1] * 1e6:.0f} µs")
    print(f"  all {len(every)} runs: median {every[len(every) // 2] * 1e6:.0f} µs, "
          f"p99 {every[int(len(every) * 0.99)] * 1e6:.0f} µs (includes scheduler noise)")
    t0 = time.perf_counter()
    CueMatcher.compile(DEFAULT_PHRASES_FIXTURE)
    print(f"compiling the default cue phrases: {(time.perf_counter() - t0) * 1e3:.1f} ms (once per office config)")

    if args.failures:
        print()
        for name, rows in list(tables.items()) + [(f"held-out 1 {k}", v) for k, v in holdout.items()] + [
            (f"held-out 2 {k}", v) for k, v in holdout2.items()
        ]:
            for e, g, tag, t in rows:
                if e != g:
                    print(f"[{name}] expected {e!r} got {g!r} ({tag}): {t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
