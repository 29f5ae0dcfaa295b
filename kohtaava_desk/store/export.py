"""Stored summaries as CSV (one row per meeting, per-step columns) or JSON (a list of meeting objects).

The JSON objects are MeetingSummary.to_dict() plus the meeting's id and state, so MeetingSummary.from_dict
reads them back. Empty CSV cells mean "not known" (None), e.g. no expert share before anyone spoke.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..meeting.steps import STEPS
from ..meeting.summary import STEP_FIGURES, step_figures
from .records import StoredMeeting
from .validate import known_nudge_ids

MEETING_COLUMNS = ("id", "state", "started_at", "announced_s", "length_source", "actual_s", "interrupted",
                   "expert_s", "client_s", "unknown_s", "expert_share", "turns", "longest_expert_monologue_s",
                   "longest_client_turn_s", "median_expert_response_pause_s", "farewell_time_left_s", "overtime_s",
                   "capture_gap_s", "open_questions", "closed_questions", "nudges_shown")
STEP_FIELDS = STEP_FIGURES[1:]
"""Per-step CSV columns, named {step}_{field}: the same figures as the JSON `steps` list."""


def csv_columns() -> list[str]:
    return (list(MEETING_COLUMNS) + [f"{s.value}_{f}" for s in STEPS for f in STEP_FIELDS]
            + [f"nudge_{n}" for n in sorted(known_nudge_ids())])


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    return value


def csv_row(m: StoredMeeting) -> dict[str, Any]:
    s = m.summary
    row: dict[str, Any] = {"id": m.id, "state": m.state, "nudges_shown": len(s.nudges),
                           "open_questions": sum(x.open_questions for x in s.steps),
                           "closed_questions": sum(x.closed_questions for x in s.steps)}
    for col in MEETING_COLUMNS:
        if col not in row:
            row[col] = getattr(s, col)
    for step in s.steps:
        figures = step_figures(step)
        for f in STEP_FIELDS:
            row[f"{step.step.value}_{f}"] = figures[f]
    for n in known_nudge_ids():
        row[f"nudge_{n}"] = sum(1 for _, shown in s.nudges if shown == n)
    return {k: _cell(v) for k, v in row.items()}


def write_csv(meetings: Iterable[StoredMeeting], out: TextIO) -> int:
    """Write a header and one row per meeting; returns the number of meetings."""
    writer = csv.DictWriter(out, fieldnames=csv_columns(), lineterminator="\n")
    writer.writeheader()
    n = 0
    for m in meetings:
        writer.writerow(csv_row(m))
        n += 1
    return n


def json_object(m: StoredMeeting) -> dict[str, Any]:
    return {"id": m.id, "state": m.state, **m.summary.to_dict()}


def write_json(meetings: Iterable[StoredMeeting], out: TextIO) -> int:
    """Write a JSON list of meeting objects (with per-step figures, visits, timeline, nudges)."""
    items = [json_object(m) for m in meetings]
    json.dump(items, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)


WRITERS = {"csv": write_csv, "json": write_json}
