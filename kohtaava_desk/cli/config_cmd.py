"""`kohtaava-desk config check|show`: office admins test a profile before rolling it out."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import tomli_w

from ..config import check_file
from ..config.loader import DEFAULT_FILE
from .common import add_office_option, effective_config


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="check or show the configuration")
    actions = p.add_subparsers(dest="config_action", required=True)
    check = actions.add_parser("check", help="validate a profile (exit 0 = OK, 1 = problems)")
    check.add_argument("path", nargs="?", type=Path, help="TOML file; default: the office profile in force, else the defaults")
    add_office_option(check)
    show = actions.add_parser("show", help="print the effective merged configuration")
    add_office_option(show)


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def run(args: argparse.Namespace) -> int:
    if args.config_action == "show":
        loaded = effective_config(args)
        print("# sources, lowest first: " + ", ".join(loaded.sources))
        print(tomli_w.dumps(_plain(loaded.config)), end="")
        return 0
    path = args.path or getattr(args, "office", None) or DEFAULT_FILE
    problems = check_file(path)
    if not problems:
        print(f"OK: {path}")
        return 0
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) in {path}", file=sys.stderr)
    return 1
