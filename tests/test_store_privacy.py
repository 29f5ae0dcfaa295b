"""No speech text can reach the database: every field of a summary-like object is tried with words in it.

Each case gets its own database; afterwards every file in its folder (database, WAL, shared memory) is
searched byte by byte for the text, in UTF-8 and UTF-16.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from store_helpers import realistic_summary

from kohtaava_desk.meeting import MeetingSummary
from kohtaava_desk.store import MeetingStore, UnsafeValueError

SPEECH = "Minulla on ollut vaikeaa Matti Virtasen kanssa"
TOP_FIELDS = [f.name for f in dataclasses.fields(MeetingSummary)]


def _ns(obj: Any) -> SimpleNamespace:
    """A mutable, duck-typed copy of a summary (the store must not rely on the real class)."""
    if dataclasses.is_dataclass(obj):
        return SimpleNamespace(**{f.name: _ns(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
    if isinstance(obj, tuple):
        return tuple(_ns(x) for x in obj)
    return obj


def _cases() -> list[tuple[str, Any]]:
    cases: list[tuple[str, Any]] = [(name, lambda s, n=name: setattr(s, n, SPEECH)) for name in TOP_FIELDS]
    nested = {
        "steps[1].step": lambda s: setattr(s.steps[1], "step", SPEECH),
        "steps[2].expert_s": lambda s: setattr(s.steps[2], "expert_s", SPEECH),
        "steps[0].expert_share": lambda s: setattr(s.steps[0], "expert_share", SPEECH),
        "steps[3].open_questions": lambda s: setattr(s.steps[3], "open_questions", SPEECH),
        "timeline[5].step": lambda s: setattr(s.timeline[5], "step", SPEECH),
        "timeline[7].client_s": lambda s: setattr(s.timeline[7], "client_s", SPEECH),
        "visits[1] as text": lambda s: setattr(s, "visits", s.visits[:1] + ((s.visits[1][0], 10.0, SPEECH),)),
        "nudge id": lambda s: setattr(s, "nudges", ((30.0, SPEECH),)),
        "nudge id shaped like an id": lambda s: setattr(s, "nudges", ((30.0, "matti_virtanen"),)),
        "started_at with words after it": lambda s: setattr(s, "started_at", "2026-11-02T09:00 " + SPEECH),
        "length_source": lambda s: setattr(s, "length_source", SPEECH),
        "number as text": lambda s: setattr(s, "actual_s", "1800.0"),
        "timeline of strings": lambda s: setattr(s, "timeline", (SPEECH,)),
        "steps as a string": lambda s: setattr(s, "steps", SPEECH),
    }
    cases += list(nested.items())
    return cases


def _files_contain(folder: Path, text: str) -> list[str]:
    needles = [text.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    hits = []
    for f in folder.iterdir():
        data = f.read_bytes()
        hits += [f"{f.name}:{n[:8]!r}" for n in needles if n in data]
    return hits


@pytest.mark.parametrize("name,poison", _cases(), ids=[c[0] for c in _cases()])
@pytest.mark.parametrize("how", ["save_summary", "checkpoint", "finish"])
def test_speech_in_any_field_never_reaches_the_disk(tmp_path, name, poison, how):
    clean = realistic_summary(1, 30)
    bad = _ns(clean)
    poison(bad)
    folder = tmp_path / "data"
    store = MeetingStore(folder / "m.sqlite3")
    stored = True
    try:
        if how == "save_summary":
            store.save_summary(bad)
        else:
            mid = store.start_meeting(clean)
            (store.save_checkpoint if how == "checkpoint" else store.finish)(mid, bad)
    except UnsafeValueError as exc:
        stored = False
        assert SPEECH not in str(exc) and "matti" not in str(exc).lower()  # messages may end up in logs
    finally:
        store.close()
    if name != "interrupted":  # the state column, not this flag, says whether a meeting ended
        assert not stored, f"{name} with text in it was accepted"
    assert _files_contain(folder, SPEECH) == []
    assert _files_contain(folder, "matti_virtanen") == []


def test_rejected_checkpoint_leaves_the_previous_one_intact(tmp_path):
    s1, s2 = realistic_summary(1, 30), realistic_summary(2, 30)
    with MeetingStore(tmp_path / "m.sqlite3") as store:
        mid = store.start_meeting(s1)
        bad = _ns(s2)
        bad.steps[2].expert_s = SPEECH
        with pytest.raises(UnsafeValueError, match=r"steps\[2\]\.expert_s"):
            store.save_checkpoint(mid, bad)
        assert store.get(mid).summary == dataclasses.replace(s1, interrupted=True)  # still running


def test_extra_attributes_are_never_read(tmp_path):
    summary = _ns(realistic_summary(1, 30))
    summary.transcript = SPEECH
    summary.client_name = "Matti Virtanen"
    summary.steps[0].words = [SPEECH]
    with MeetingStore(tmp_path / "data" / "m.sqlite3") as store:
        mid = store.save_summary(summary)
        assert store.get(mid).summary == realistic_summary(1, 30)
    assert _files_contain(tmp_path / "data", SPEECH) == []
    assert _files_contain(tmp_path / "data", "Virtanen") == []


def test_unknown_nudge_id_is_refused_with_the_allowed_ones_listed(tmp_path):
    summary = _ns(realistic_summary(1, 30))
    summary.nudges = ((12.0, "expert_talks_too_much"), (40.0, "say_hello"))
    with MeetingStore(tmp_path / "m.sqlite3") as store:
        with pytest.raises(UnsafeValueError, match=r"nudges\[1\]\.id: expected one of .*over_time"):
            store.save_summary(summary)
        assert store.count() == 0


def test_non_finite_and_out_of_range_numbers_are_refused(tmp_path):
    with MeetingStore(tmp_path / "m.sqlite3") as store:
        for field, value in (("actual_s", float("nan")), ("expert_share", 1.5), ("turns", -1), ("turns", True),
                             ("overtime_s", float("inf"))):
            bad = _ns(realistic_summary(1, 30))
            setattr(bad, field, value)
            with pytest.raises(UnsafeValueError, match=field):
                store.save_summary(bad)
        assert store.count() == 0


@pytest.mark.parametrize("sql", [
    "UPDATE meetings SET expert_s = 'hei, mitä kuuluu'",
    "UPDATE meetings SET length_source = 'hei'",
    "UPDATE meetings SET started_at = '2026-11-02T09:00 hei'",
    "UPDATE meeting_steps SET open_questions = 'kaksi'",
    "UPDATE nudges SET nudge = 'Matti Virtanen'",
    "UPDATE timelines SET buckets = 'hei'",
])
def test_the_schema_itself_refuses_text_in_numeric_and_enum_columns(tmp_path, sql):
    """Second line of defence: even SQL that bypasses the store cannot put words into the database."""
    s = _ns(realistic_summary(1, 30))
    s.nudges = ((12.0, "over_time"),)
    with MeetingStore(tmp_path / "m.sqlite3") as store:
        store.save_summary(s)
    conn = sqlite3.connect(tmp_path / "m.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(sql)
    conn.close()


def test_every_nudge_the_engine_can_show_is_storable():
    from kohtaava_desk.nudges.rules import RULES
    from kohtaava_desk.store.validate import known_nudge_ids
    assert {r.id for r in RULES} <= known_nudge_ids()
