"""Options and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
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


def number_arg(lo: float, hi: float, unit: str = "", *, whole: bool = False,
               lo_open: bool = False) -> Callable[[str], float]:
    """The one rule for numeric options: a finite number within [lo, hi] (lo excluded when ``lo_open``).

    Returns an argparse ``type=`` function; anything else is a named argparse error, never a traceback.
    """
    def convert(text: str) -> float:
        kind = "a whole number" if whole else "a number"
        allowed = (f"{kind} above {lo:g} and at most {hi:g}" if lo_open else f"{kind} from {lo:g} to {hi:g}")
        allowed += f" {unit}" if unit else ""
        try:
            value = int(text) if whole else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number; give {allowed}") from None
        if not math.isfinite(value) or value > hi or value < lo or (lo_open and value == lo):
            raise argparse.ArgumentTypeError(f"{text!r} is out of range; give {allowed}")
        return value
    convert.__name__ = "number"  # argparse names the type in some messages
    return convert


def number_list_arg(lo: float, hi: float, most: int, example: str) -> Callable[[str], tuple[float, ...]]:
    """Up to ``most`` increasing finite numbers separated by commas, each within [lo, hi]."""
    def convert(text: str) -> tuple[float, ...]:
        rule = f"up to {most} increasing times in seconds from {lo:g} to {hi:g}, e.g. {example}"
        try:
            values = tuple(float(v) for v in text.split(",") if v.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r}: give {rule}") from None
        if (len(values) > most or not all(math.isfinite(v) and lo <= v <= hi for v in values)
                or any(b <= a for a, b in zip(values, values[1:]))):
            raise argparse.ArgumentTypeError(f"{text!r}: give {rule}")
        return values
    convert.__name__ = "times"
    return convert


def configured_language(args: argparse.Namespace) -> str | None:
    """The UI language from the configuration; None when it cannot be read (analysis must still run)."""
    try:
        return effective_config(args, report=False).config.ui.language
    except Exception:
        return None


def output_path(text: str) -> Path:
    """argparse ``type=`` for a file the command will write: never the app's own files or a special file."""
    from ..fileguard import UnsafeOutput, check_output

    try:
        return check_output(Path(text))
    except UnsafeOutput as exc:
        raise argparse.ArgumentTypeError(exc.strerror) from None
