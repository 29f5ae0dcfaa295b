"""The `kohtaava-desk` command: without a subcommand it opens the meeting widget."""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from .common import add_office_option

# Each subcommand lives in its own module with add_parser(subparsers) and run(args) -> int.
SUBCOMMANDS = ("analyze", "config_cmd", "demo", "devices", "enroll", "export", "hear", "model", "review")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kohtaava-desk",
        description="Discreet, offline meeting companion for the Kohtaava asiakastyö method. "
                    "Without a subcommand, opens the meeting widget.")
    parser.add_argument("--version", action="version", version=f"kohtaava-desk {__version__}")
    add_office_option(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"{__package__}.{name}")
        before = set(sub.choices)
        module.add_parser(sub)
        for choice in set(sub.choices) - before:
            sub.choices[choice].set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ..instance import claim_or_wake

        lock, running = claim_or_wake()  # held until this process ends
        if running is not None:
            from ..i18n import t
            from .common import effective_config

            print(t("instance.running", effective_config(args, report=False).config.ui.language, pid=running),
                  file=sys.stderr)
            return 0
        from ..ui.app import run as run_app  # Qt is imported only when the widget is wanted
        return run_app(args)
    return int(args._module.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
