"""Precision / recall of the language layer on the labelled tables in tests/language_cases.py (tuning)
and tests/language_holdout.py (held out), plus time per utterance.
Run: .venv/bin/python bench/language_eval.py [--failures] [--held-out-only]

Precision = correct answers / all answers given (a wrong value counts against it);
recall = correct answers / utterances that should give one. "Distractor FP" counts the
utterances that must not fire but did; "wrong" counts answers given with the wrong value.
--failures lists the tuning table's misses only: held-out rows are never listed, so that nobody
tunes on them by accident.
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
    SV_CUE_CASES,
    SV_DURATION_CASES,
    SV_PHRASES_FIXTURE,
    SV_QUESTION_CASES,
)

import language_holdout as H  # noqa: E402

from kohtaava_desk.language.cues import CueMatcher  # noqa: E402
from kohtaava_desk.language.understand import Understanding, understand  # noqa: E402


def _cue(u: Understanding):
    return "next" if u.next_step else u.step_cue


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
        "wrong": sum(1 for e, g, _ in rows if e is not None and g is not None and g != e),
    }


def _print_table(tables) -> None:
    header = (f"{'task':<18}{'n':>5}{'fire':>6}{'distr':>7}{'precision':>11}{'recall':>8}{'distr FP':>10}"
              f"{'wrong':>7}")
    print(header)
    print("-" * len(header))
    for name, rows in tables.items():
        s = _score([r[:3] for r in rows])
        print(
            f"{name:<18}{s['n']:>5}{s['should fire']:>6}{s['distractors']:>7}"
            f"{s['precision']:>11.3f}{s['recall']:>8.3f}{s['distractor FP']:>10}{s['wrong']:>7}"
        )


def _group(matcher, durations, cues, questions, clock=(), language="fi"):
    def read(t, now=None):
        return understand(t, matcher, now=now, language=language)

    return {
        "announced length": [(e, read(t).announced_minutes, tag, t) for t, e, tag in durations]
        + [(e, read(t, now).announced_minutes, tag, t) for t, now, e, tag in clock],
        "step cue": [(e, _cue(read(t)), tag, t) for t, e, tag in cues],
        "question style": [(e, read(t).question, tag, t) for t, e, tag in questions],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--failures", action="store_true", help="also list the tuning table's wrong answers")
    ap.add_argument("--held-out-only", action="store_true", help="print only the held-out tables")
    args = ap.parse_args()

    matcher = CueMatcher.compile(DEFAULT_PHRASES_FIXTURE)
    sv_matcher = CueMatcher.compile(SV_PHRASES_FIXTURE, language="sv")
    tables = _group(matcher, DURATION_CASES, CUE_CASES, QUESTION_CASES, CLOCK_CASES)
    sv_tables = _group(sv_matcher, SV_DURATION_CASES, SV_CUE_CASES, SV_QUESTION_CASES, language="sv")
    held_out = {
        "Finnish held-out batch 3 (issue 12; written before tuning, never used for it)":
            _group(matcher, H.FI_DURATION, H.FI_CUES, H.FI_QUESTIONS),
        "Finnish held-out batch 2 (an earlier session's; never used for tuning)":
            _group(matcher, HOLDOUT2_DURATION, HOLDOUT2_CUES, HOLDOUT2_QUESTIONS),
        "Finnish held-out batch 1 (an earlier session's; used for fixes after its first run)":
            _group(matcher, HOLDOUT_DURATION, HOLDOUT_CUES, HOLDOUT_QUESTIONS),
        "Swedish held-out batch 1 (issue 12; written before tuning, never used for it)":
            _group(sv_matcher, H.SV_DURATION, H.SV_CUES, H.SV_QUESTIONS, language="sv"),
    }
    groups = dict(held_out) if args.held_out_only else {
        "Finnish tuning table (the unit tests assert every row)": tables,
        "Swedish tuning table (the unit tests assert every row)": sv_tables, **held_out}
    for title, group in groups.items():
        print(title)
        _print_table(group)
        print()
    if args.held_out_only:
        return 0
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
        for name, rows in [*tables.items(), *((f"sv {k}", v) for k, v in sv_tables.items())]:
            for e, g, tag, t in rows:
                if e != g:
                    print(f"[{name}] expected {e!r} got {g!r} ({tag}): {t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
