"""`kohtaava-desk demo FILE.wav`: replay a recording through the listening pipeline and the real widget.

For training experts, for demonstrations and for automated screenshots. The widget lives in the Qt
front end; this module only declares the command and imports the front end when run, so that the
command-line core stays free of Qt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_office_option, number_arg, number_list_arg, output_path


MAX_SPEED = 100.0
"""Faster than this the widget cannot follow the audio anyway."""
_DAY_S = 24 * 3600.0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="replay a recording through the live widget (training, demos, screenshots)",
                       description="Plays FILE.wav into the listening pipeline at --speed times real time while "
                                   "the meeting widget follows it on a simulated clock. Nothing is recorded.")
    p.add_argument("file", type=Path, metavar="FILE.wav", help="recording of a meeting (WAV)")
    p.add_argument("--enroll", type=Path, metavar="VOICE.wav", help="the expert's enrolment recording")
    p.add_argument("--speed", type=number_arg(0, MAX_SPEED, "times real time", lo_open=True), default=1.0, help="replay speed, e.g. 4 = four times real time")
    p.add_argument("--length", type=number_arg(1, 600, "minutes"), metavar="MIN", help="announced meeting length in minutes")
    p.add_argument("--steps", type=number_list_arg(0, _DAY_S, 3, "40,300,600"), metavar="S1,S2,S3",
                   help="seconds into the recording where the expert moves to the next step")
    p.add_argument("--two-channel", action="store_true", help="stereo file: left = expert, right = client")
    p.add_argument("--screenshot", type=output_path, metavar="PATH", help="save a PNG of the widget before exiting")
    p.add_argument("--exit-after", type=number_arg(0, _DAY_S, "seconds", lo_open=True), metavar="S",
                   help="quit after S seconds of real time (default with --screenshot: at the end of the file)")
    p.add_argument("--expanded", action="store_true", help="show the expanded view")
    add_office_option(p)


def run(args: argparse.Namespace) -> int:
    from ..ui.demo import run as run_demo  # Qt loads only when the demo actually opens

    return int(run_demo(args))
