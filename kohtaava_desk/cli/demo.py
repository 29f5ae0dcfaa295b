"""`kohtaava-desk demo FILE.wav`: replay a recording through the listening pipeline and the real widget.

For training experts, for demonstrations and for automated screenshots. The widget lives in the Qt
front end; this module only declares the command and imports the front end when run, so that the
command-line core stays free of Qt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_office_option


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
    return value


def _times(text: str) -> list[float]:
    try:
        times = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds separated by commas, e.g. 40,300,600; got {text!r}") from None
    if times != sorted(times) or any(t < 0 for t in times) or len(times) > 3:
        raise argparse.ArgumentTypeError("give at most three increasing times (seconds into the recording)")
    return times


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="replay a recording through the live widget (training, demos, screenshots)",
                       description="Plays FILE.wav into the listening pipeline at --speed times real time while "
                                   "the meeting widget follows it on a simulated clock. Nothing is recorded.")
    p.add_argument("file", type=Path, metavar="FILE.wav", help="recording of a meeting (WAV)")
    p.add_argument("--enroll", type=Path, metavar="VOICE.wav", help="the expert's enrolment recording")
    p.add_argument("--speed", type=_positive, default=1.0, help="replay speed, e.g. 4 = four times real time")
    p.add_argument("--length", type=_positive, metavar="MIN", help="announced meeting length in minutes")
    p.add_argument("--steps", type=_times, metavar="S1,S2,S3",
                   help="seconds into the recording where the expert moves to the next step")
    p.add_argument("--two-channel", action="store_true", help="stereo file: left = expert, right = client")
    p.add_argument("--screenshot", type=Path, metavar="PATH", help="save a PNG of the widget before exiting")
    p.add_argument("--exit-after", type=_positive, metavar="S",
                   help="quit after S seconds of real time (default with --screenshot: at the end of the file)")
    p.add_argument("--expanded", action="store_true", help="show the expanded view")
    add_office_option(p)


def run(args: argparse.Namespace) -> int:
    from ..ui.demo import run as run_demo  # Qt loads only when the demo actually opens

    return int(run_demo(args))
