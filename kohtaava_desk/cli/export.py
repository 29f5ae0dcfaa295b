"""`kohtaava-desk export --format csv|json [--since YYYY-MM-DD] [--output FILE]`: the expert's own summaries,
for a spreadsheet or another tool. Writes to standard output unless --output is given."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date
from pathlib import Path

from ..fileguard import UnsafeOutput
from ..review.files import write_atomically
from ..store import MeetingStore, StoreError, database_path
from ..store.export import WRITERS


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {text!r}: use the form YYYY-MM-DD, e.g. 2026-09-01") from None


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("export", help="write the stored meeting summaries as CSV or JSON",
                       description="Write the stored meeting summaries (numbers only) as CSV (one row per "
                                   "meeting, per-step columns) or JSON (a list of meetings with per-step "
                                   "figures, step visits, timeline and nudges shown).")
    p.add_argument("--format", required=True, choices=sorted(WRITERS), help="output format")
    p.add_argument("--since", type=parse_day, metavar="YYYY-MM-DD",
                   help="only meetings started on or after this local date")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here instead of standard output")
    return p


def run(args: argparse.Namespace) -> int:
    path = database_path()
    buffer = io.StringIO(newline="")
    status = 0
    if path.exists():
        try:
            with MeetingStore(path) as store:
                if store.notice is not None:
                    print(f"export: {store.notice.message('en')}", file=sys.stderr)
                    status = 1
                meetings = store.list_meetings(since=args.since, with_timeline=args.format == "json")
        except StoreError as exc:
            print(f"export: {exc}", file=sys.stderr)
            return 1
    else:
        meetings = []  # nothing stored yet: an empty export, and no database created as a side effect
    n = WRITERS[args.format](meetings, buffer)
    if args.output is None:
        sys.stdout.write(buffer.getvalue())
        sys.stdout.flush()
    else:
        try:
            # A half-written export must never replace a good earlier one.
            write_atomically(args.output, buffer.getvalue())
        except UnsafeOutput as exc:
            print(f"export: nothing written: {exc.strerror}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"export: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"export: {n} meeting(s) written to {args.output}", file=sys.stderr)
    return status
