"""`kohtaava-desk export`: CSV and JSON contents, --since, --output, and clear errors."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import json

import pytest
from store_helpers import realistic_summary

from kohtaava_desk.cli import export as export_cmd
from kohtaava_desk.meeting import MeetingSummary, Step
from kohtaava_desk.meeting.summary import STEP_FIGURES
from kohtaava_desk.store import MeetingStore, database_path
from kohtaava_desk.store.export import csv_columns


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kohtaava-desk")
    export_cmd.add_parser(parser.add_subparsers(dest="command"))
    return parser


def _export(argv: list[str], capsys) -> tuple[int, str, str]:
    args = _parser().parse_args(["export", *argv])
    code = export_cmd.run(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored():
    """Three meetings in the data dir the autouse fixture points at a tmp folder (never the real one)."""
    summaries = [dataclasses.replace(realistic_summary(seed, minutes), started_at=day)
                 for seed, minutes, day in ((1, 30, "2026-09-14T09:00+03:00"), (2, 45, "2026-10-01T13:30+03:00"),
                                            (3, 60, "2026-11-20T10:15+02:00"))]
    with MeetingStore(database_path()) as store:
        ids = [store.save_summary(s) for s in summaries]
        running = store.start_meeting(dataclasses.replace(realistic_summary(4, 30), started_at="2026-11-21T08:00+02:00",
                                                          interrupted=True))
    return list(zip(ids, summaries)), running


def test_json_lists_every_meeting_with_per_step_figures(stored, capsys):
    (pairs, running) = stored
    code, out, err = _export(["--format", "json"], capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert [m["id"] for m in data] == [i for i, _ in pairs] + [running]
    assert [m["state"] for m in data] == ["ended", "ended", "ended", "running"]
    for obj, (_, summary) in zip(data, pairs):
        assert [s["step"] for s in obj["steps"]] == [s.value for s in Step]
        g, want = obj["steps"][1], summary.step(Step.OHJAUKSELLINEN)
        assert list(g) == list(STEP_FIGURES)
        assert g["expert_share"] == want.expert_share and g["duration_s"] == want.time_s
        assert (g["target_low"], g["target_high"]) == (want.target_low, want.target_high) == (0.0, 0.35)
        assert g["verdict"] == ("above" if want.expert_share > 0.35 else "within")
        assert g["longest_expert_monologue_s"] == want.longest_expert_monologue_s > 0
        assert g["planned_s"] != g["duration_s"]
        body = {k: v for k, v in obj.items() if k not in ("id", "state")}
        assert MeetingSummary.from_dict(body) == summary  # nothing lost, timeline included


def test_csv_has_one_row_per_meeting_and_per_step_columns(stored, capsys):
    (pairs, _) = stored
    code, out, _ = _export(["--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and list(rows[0]) == csv_columns()
    for row, (mid, s) in zip(rows, pairs):
        assert int(row["id"]) == mid and row["started_at"] == s.started_at
        assert float(row["actual_s"]) == s.actual_s
        assert float(row["ohjauksellinen_expert_share"]) == s.step(Step.OHJAUKSELLINEN).expert_share
        assert float(row["hyvastely_duration_s"]) == s.step(Step.HYVASTELY).time_s
        assert row["ohjauksellinen_verdict"] == s.step(Step.OHJAUKSELLINEN).verdict
        assert float(row["ohjauksellinen_target_high"]) == 0.35
        assert float(row["ohjauksellinen_longest_client_turn_s"]) == s.step(Step.OHJAUKSELLINEN).longest_client_turn_s
        assert int(row["empatia_open_questions"]) == s.step(Step.EMPATIA).open_questions
        assert int(row["open_questions"]) == sum(x.open_questions for x in s.steps)
        assert int(row["nudges_shown"]) == len(s.nudges)
        assert sum(int(row[c]) for c in row if c.startswith("nudge_")) == len(s.nudges)
        assert row["interrupted"] == "0"
        expected_farewell = "" if s.farewell_time_left_s is None else s.farewell_time_left_s
        assert row["farewell_time_left_s"] == str(expected_farewell)


def test_since_filters_by_local_start_date(stored, capsys):
    code, out, _ = _export(["--format", "json", "--since", "2026-10-01"], capsys)
    assert code == 0
    assert [m["started_at"][:10] for m in json.loads(out)] == ["2026-10-01", "2026-11-20", "2026-11-21"]
    code, out, _ = _export(["--format", "csv", "--since", "2027-01-01"], capsys)
    assert out.splitlines() == [",".join(csv_columns())]


@pytest.mark.parametrize("bad", ["2026-13-01", "1.10.2026", "yesterday", "2026-02-30"])
def test_bad_date_is_a_clear_usage_error(bad, capsys):
    with pytest.raises(SystemExit) as exc:
        _parser().parse_args(["export", "--format", "csv", "--since", bad])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"invalid date '{bad}'" in err and "YYYY-MM-DD" in err


def test_format_is_required_and_checked(capsys):
    with pytest.raises(SystemExit):
        _parser().parse_args(["export", "--format", "xml"])
    assert "invalid choice" in capsys.readouterr().err


def test_output_file_instead_of_stdout(stored, tmp_path, capsys):
    target = tmp_path / "out" / "meetings.json"
    target.parent.mkdir()
    code, out, err = _export(["--format", "json", "--output", str(target)], capsys)
    assert code == 0 and out == ""
    assert "4 meeting(s) written" in err
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 4
    assert [p.name for p in target.parent.iterdir()] == ["meetings.json"]


def test_unwritable_output_is_reported(stored, tmp_path, capsys):
    code, _, err = _export(["--format", "csv", "--output", str(tmp_path / "missing" / "x.csv")], capsys)
    assert code == 1 and "cannot write" in err and "x.csv" in err


def test_no_database_yet_exports_nothing_and_creates_nothing(capsys):
    assert not database_path().exists()
    code, out, _ = _export(["--format", "json"], capsys)
    assert code == 0 and json.loads(out) == []
    assert not database_path().exists()


def test_corrupt_database_is_reported_and_moved_aside(capsys):
    database_path().parent.mkdir(parents=True)
    database_path().write_bytes(b"\x00garbage" * 50)
    code, out, err = _export(["--format", "csv"], capsys)
    assert code == 1 and ".corrupt-" in err
    assert out.splitlines() == [",".join(csv_columns())]
