"""Options and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import LoadedConfig, load_config
from .. import paths


def add_office_option(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    # Subcommands accept --office too; SUPPRESS keeps their default from hiding a top-level --office.
    parser.add_argument("--office", type=Path, metavar="PATH", default=None if top_level else argparse.SUPPRESS,
                        help="office profile (TOML); default: $KOHTAAVA_DESK_OFFICE")


def effective_config(args: argparse.Namespace, report: bool = True) -> LoadedConfig:
    """Load the layered config; problems go to stderr but never stop the command."""
    loaded = load_config(getattr(args, "office", None), paths.personal_config_file(), state_dir=paths.state_dir())
    if report:
        for problem in loaded.problems:
            print(f"config: {problem}", file=sys.stderr)
    return loaded
