"""The privacy gate: a meeting summary becomes plain numbers, enums and ids, or nothing is written.

Fields are read one by one by name (never `to_dict()`/`vars()`), so an extra attribute on a summary-like
object is simply never looked at. Every value read must be a finite number in range, one of the four
steps, a fixed length-source word, an ISO timestamp, or a nudge id the office configuration defines.
Anything else — in particular any free text — raises UnsafeValueError before the database is touched.
"""

from __future__ import annotations

import functools
import math
import numbers
import re
import typing
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..config import schema as config_schema
from ..meeting.steps import STEPS, Step
from ..meeting.summary import BUCKET_S
from .errors import UnsafeValueError

MAX_S = 48 * 3600.0
"""Longest meeting (or analysed recording) the store accepts, in seconds."""
MAX_COUNT = 1_000_000
MAX_ITEMS = 100_000
"""Most visits, buckets or nudges one meeting may carry."""
LENGTH_SOURCES = ("default", "click", "voice")
"""How the announced length was set (meeting.Meeting.length_source)."""
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?")


@functools.cache
def known_nudge_ids() -> frozenset[str]:
    """The nudge ids the office configuration defines (the rule tables under [nudges])."""
    hints = typing.get_type_hints(config_schema.NudgesSettings)
    return frozenset(name for name, tp in hints.items()
                     if isinstance(tp, type) and issubclass(tp, config_schema.NudgeRule))


@dataclass(frozen=True)
class CleanStep:
    index: int
    time_s: float
    planned_s: float
    expert_s: float
    client_s: float
    unknown_s: float
    expert_share: float | None
    open_questions: int
    closed_questions: int
    target_low: float | None
    target_high: float | None
    longest_expert_monologue_s: float
    longest_expert_monologue_at_s: float | None
    longest_client_turn_s: float
    nudges: int


@dataclass(frozen=True)
class CleanSummary:
    """Everything the store writes about one meeting, already checked."""

    started_at: str
    announced_s: float | None
    length_source: str
    actual_s: float
    expert_s: float
    client_s: float
    unknown_s: float
    expert_share: float | None
    turns: int
    longest_expert_monologue_s: float
    longest_client_turn_s: float
    median_expert_response_pause_s: float | None
    farewell_time_left_s: float | None
    overtime_s: float
    capture_gap_s: float
    steps: tuple[CleanStep, ...]
    """Exactly one per step, in step order."""
    visits: tuple[tuple[int, float, float], ...]
    """(step index, start s, end s)."""
    bucket_s: float
    buckets: tuple[tuple[int, float, float], ...]
    """(step index, expert s, client s) of consecutive buckets from t = 0."""
    nudges: tuple[tuple[float, str], ...]

    @property
    def open_questions(self) -> int:
        return sum(s.open_questions for s in self.steps)

    @property
    def closed_questions(self) -> int:
        return sum(s.closed_questions for s in self.steps)


def _kind(value: Any) -> str:
    # Describe a rejected value without quoting it: it might be speech.
    if isinstance(value, str):
        return f"a text of {len(value)} characters"
    return f"a {type(value).__name__}"


def _fail(where: str, problem: str) -> UnsafeValueError:
    return UnsafeValueError(f"meeting summary {where}: {problem}; nothing was saved")


def number(value: Any, where: str, lo: float = 0.0, hi: float = MAX_S, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _fail(where, f"expected a number{' or None' if optional else ''}, got {_kind(value)}")
    v = float(value)
    if not math.isfinite(v) or not lo <= v <= hi:
        raise _fail(where, f"must be a finite number between {lo:g} and {hi:g}")
    return v


def _required(value: Any, where: str, lo: float = 0.0, hi: float = MAX_S) -> float:
    v = number(value, where, lo, hi)
    assert v is not None
    return v


def count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise _fail(where, f"expected a whole number, got {_kind(value)}")
    v = int(value)
    if not 0 <= v <= MAX_COUNT:
        raise _fail(where, f"must be between 0 and {MAX_COUNT}")
    return v


def step_index(value: Any, where: str) -> int:
    # Step(...) accepts a Step or exactly one of the four enum values; any other text is refused.
    if isinstance(value, Step):
        return value.index
    if isinstance(value, str) and value in {s.value for s in STEPS}:
        return Step(value).index
    raise _fail(where, f"expected one of the steps {', '.join(s.value for s in STEPS)}, got {_kind(value)}")


def iso_timestamp(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > 32 or not _ISO.fullmatch(value):
        raise _fail(where, f"expected an ISO 8601 date and time such as 2026-11-28T09:30+02:00, got {_kind(value)}")
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _fail(where, "is not a valid calendar date and time") from None
    return value


def _items(value: Any, where: str) -> list[Any]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise _fail(where, f"expected a sequence, got {_kind(value)}")
    if len(value) > MAX_ITEMS:
        raise _fail(where, f"has more than {MAX_ITEMS} items")
    return list(value)


def _pair_or_triple(item: Any, n: int, where: str) -> tuple[Any, ...]:
    if isinstance(item, (str, bytes)) or not isinstance(item, (tuple, list)) or len(item) != n:
        raise _fail(where, f"expected {n} values, got {_kind(item)}")
    return tuple(item)


def _step(s: Any, i: int) -> CleanStep:
    w = f"steps[{i}]"
    return CleanStep(
        index=step_index(getattr(s, "step", None), f"{w}.step"),
        time_s=_required(getattr(s, "time_s", None), f"{w}.time_s"),
        planned_s=_required(getattr(s, "planned_s", None), f"{w}.planned_s"),
        expert_s=_required(getattr(s, "expert_s", None), f"{w}.expert_s"),
        client_s=_required(getattr(s, "client_s", None), f"{w}.client_s"),
        unknown_s=_required(getattr(s, "unknown_s", None), f"{w}.unknown_s"),
        expert_share=number(getattr(s, "expert_share", None), f"{w}.expert_share", 0.0, 1.0, optional=True),
        open_questions=count(getattr(s, "open_questions", None), f"{w}.open_questions"),
        closed_questions=count(getattr(s, "closed_questions", None), f"{w}.closed_questions"),
        target_low=number(getattr(s, "target_low", None), f"{w}.target_low", 0.0, 1.0, optional=True),
        target_high=number(getattr(s, "target_high", None), f"{w}.target_high", 0.0, 1.0, optional=True),
        longest_expert_monologue_s=_required(getattr(s, "longest_expert_monologue_s", None),
                                             f"{w}.longest_expert_monologue_s"),
        longest_expert_monologue_at_s=number(getattr(s, "longest_expert_monologue_at_s", None),
                                             f"{w}.longest_expert_monologue_at_s", optional=True),
        longest_client_turn_s=_required(getattr(s, "longest_client_turn_s", None), f"{w}.longest_client_turn_s"),
        nudges=count(getattr(s, "nudges", None), f"{w}.nudges"),
    )


def _buckets(timeline: Any) -> tuple[float, tuple[tuple[int, float, float], ...]]:
    out = []
    for i, b in enumerate(_items(timeline, "timeline")):
        w = f"timeline[{i}]"
        t = _required(getattr(b, "t", None), f"{w}.t")
        if abs(t - i * BUCKET_S) > 1e-6:
            raise _fail(f"{w}.t", f"buckets must follow each other every {BUCKET_S:g} s from 0")
        out.append((step_index(getattr(b, "step", None), f"{w}.step"),
                    _required(getattr(b, "expert_s", None), f"{w}.expert_s", hi=BUCKET_S + 0.01),
                    _required(getattr(b, "client_s", None), f"{w}.client_s", hi=BUCKET_S + 0.01)))
    return BUCKET_S, tuple(out)


def clean_summary(summary: Any) -> CleanSummary:
    """Check every field the store keeps; raise UnsafeValueError naming the first bad one."""
    g = functools.partial(getattr, summary)
    length_source = g("length_source", None)
    if not isinstance(length_source, str) or length_source not in LENGTH_SOURCES:
        raise _fail("length_source", f"expected one of {', '.join(LENGTH_SOURCES)}, got {_kind(length_source)}")
    steps = tuple(sorted((_step(s, i) for i, s in enumerate(_items(g("steps", None), "steps"))),
                         key=lambda s: s.index))
    if [s.index for s in steps] != list(range(len(STEPS))):
        raise _fail("steps", "must hold each of the four steps exactly once")
    visits = []
    for i, v in enumerate(_items(g("visits", None), "visits")):
        step, start, end = _pair_or_triple(v, 3, f"visits[{i}]")
        visits.append((step_index(step, f"visits[{i}].step"), _required(start, f"visits[{i}].start"),
                       _required(end, f"visits[{i}].end")))
    nudges = []
    allowed = known_nudge_ids()
    for i, n in enumerate(_items(g("nudges", None), "nudges")):
        t, nudge_id = _pair_or_triple(n, 2, f"nudges[{i}]")
        if not isinstance(nudge_id, str) or nudge_id not in allowed:
            raise _fail(f"nudges[{i}].id", f"expected one of {', '.join(sorted(allowed))}, got {_kind(nudge_id)}")
        nudges.append((_required(t, f"nudges[{i}].t"), nudge_id))
    bucket_s, buckets = _buckets(g("timeline", None))
    return CleanSummary(
        started_at=iso_timestamp(g("started_at", None), "started_at"),
        announced_s=number(g("announced_s", None), "announced_s", optional=True),
        length_source=length_source,
        actual_s=_required(g("actual_s", None), "actual_s"),
        expert_s=_required(g("expert_s", None), "expert_s"),
        client_s=_required(g("client_s", None), "client_s"),
        unknown_s=_required(g("unknown_s", None), "unknown_s"),
        expert_share=number(g("expert_share", None), "expert_share", 0.0, 1.0, optional=True),
        turns=count(g("turns", None), "turns"),
        longest_expert_monologue_s=_required(g("longest_expert_monologue_s", None), "longest_expert_monologue_s"),
        longest_client_turn_s=_required(g("longest_client_turn_s", None), "longest_client_turn_s"),
        median_expert_response_pause_s=number(g("median_expert_response_pause_s", None),
                                              "median_expert_response_pause_s", optional=True),
        farewell_time_left_s=number(g("farewell_time_left_s", None), "farewell_time_left_s", -MAX_S, MAX_S,
                                    optional=True),
        overtime_s=_required(g("overtime_s", None), "overtime_s"),
        capture_gap_s=_required(g("capture_gap_s", None), "capture_gap_s"),
        steps=steps,
        visits=tuple(visits),
        bucket_s=bucket_s,
        buckets=buckets,
        nudges=tuple(nudges),
    )
