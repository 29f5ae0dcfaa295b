"""Realistic meetings for the store tests and bench/store_bench.py, run through the real Meeting model.

A seeded random dialogue (turns of 1–40 s, short back-channels, pauses, the odd unknown stretch and
capture gap), step moves near the office plan with a revisit, counted questions and nudges. Each call
with the same seed gives the same summaries, so a test can rebuild what a killed subprocess wrote.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from kohtaava_desk.config import load_config
from kohtaava_desk.meeting import (
    CaptureGap,
    Meeting,
    MeetingSummary,
    Segment,
    SegmentAdded,
    Speaker,
    Step,
)

CHECKPOINT_S = 10.0
NUDGE_IDS = ("expert_talks_too_much", "move_to_farewell", "client_summarises", "step_over_budget", "over_time")


class _Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@dataclass
class _Plan:
    segments: list[tuple[float, float, Speaker]]
    moves: list[tuple[float, Step]]
    questions: list[tuple[float, str]]
    nudges: list[tuple[float, str]]
    gaps: list[tuple[float, float]]
    length_min: int
    actual_s: float


def _plan(seed: int, minutes: int) -> _Plan:
    rnd = random.Random(seed)
    actual = minutes * 60.0 * rnd.uniform(0.9, 1.15)
    segments: list[tuple[float, float, Speaker]] = []
    t, who = rnd.uniform(0.5, 3.0), Speaker.EXPERT
    while t < actual - 2:
        turn = rnd.choice((rnd.uniform(1, 8), rnd.uniform(5, 25), rnd.uniform(20, 40)))
        end = min(t + turn, actual - 1)
        while t < end:  # the pipeline reports speech in short segments
            piece = min(end, t + rnd.uniform(1.0, 6.0))
            speaker = Speaker.UNKNOWN if rnd.random() < 0.04 else who
            segments.append((t, piece, speaker))
            t = piece + rnd.uniform(0.05, 0.6)
        if rnd.random() < 0.2:  # "joo", "mm" from the listener
            segments.append((t, t + 0.4, Speaker.CLIENT if who is Speaker.EXPERT else Speaker.EXPERT))
            t += 0.6
        t += rnd.uniform(0.3, 2.5)
        who = Speaker.CLIENT if who is Speaker.EXPERT else Speaker.EXPERT
    f = actual / (minutes * 60.0)
    moves = [(minutes * 60 * 0.1 * f, Step.OHJAUKSELLINEN), (minutes * 60 * 0.45 * f, Step.NEUVONNALLINEN),
             (minutes * 60 * 0.55 * f, Step.OHJAUKSELLINEN), (minutes * 60 * 0.6 * f, Step.NEUVONNALLINEN),
             (minutes * 60 * 0.82 * f, Step.HYVASTELY)]
    questions = sorted((rnd.uniform(0, actual), rnd.choice(("open", "closed"))) for _ in range(rnd.randint(8, 30)))
    nudges = sorted((rnd.uniform(60, actual), rnd.choice(NUDGE_IDS)) for _ in range(rnd.randint(0, 4)))
    gaps = [(a, a + rnd.uniform(2, 20)) for a in [rnd.uniform(60, actual - 60)] if rnd.random() < 0.3]
    return _Plan(segments, moves, questions, nudges, gaps, minutes, actual)


def run_meeting(seed: int, minutes: int = 45, started_at: str = "2026-11-02T09:00+02:00",
                every_s: float = CHECKPOINT_S) -> Iterator[tuple[Meeting, MeetingSummary]]:
    """Yield (meeting, checkpoint summary) every `every_s` of meeting time, then the final summary."""
    plan = _plan(seed, minutes)
    actions = sorted([(b, 0, SegmentAdded(Segment(i, a, b, who))) for i, (a, b, who) in enumerate(plan.segments)]
                     + [(b, 0, CaptureGap(a, b)) for a, b in plan.gaps]
                     + [(t, 1, step) for t, step in plan.moves]
                     + [(t, 2, kind) for t, kind in plan.questions]
                     + [(t, 3, nudge) for t, nudge in plan.nudges], key=lambda a: (a[0], a[1]))
    clock = _Clock()
    m = Meeting(load_config(env={}).config, now=clock, wall=lambda: started_at)
    m.start()
    m.set_length(plan.length_min, "click")
    i = 0
    tick = every_s
    while True:
        t_next = min(tick, plan.actual_s)
        while i < len(actions) and actions[i][0] <= t_next:
            t, kind, what = actions[i]
            clock.t = max(clock.t, t)
            if kind == 0:
                m.apply([what])
            elif kind == 1:
                m.go_to(what)
            elif kind == 2:
                m.count_question(what)
            else:
                m.record_nudge(what)
            i += 1
        clock.t = t_next
        if t_next >= plan.actual_s:
            yield m, m.end()
            return
        yield m, m.summary(interrupted=True)
        tick += every_s


@functools.cache
def realistic_summary(seed: int, minutes: int = 45, started_at: str = "2026-11-02T09:00+02:00") -> MeetingSummary:
    """The final summary of one simulated meeting (checkpoints skipped for speed; cached, it is immutable)."""
    *_, (_, final) = run_meeting(seed, minutes, started_at, every_s=1e9)
    return final
