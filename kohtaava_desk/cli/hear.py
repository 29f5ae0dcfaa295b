"""`kohtaava-desk hear "TEXT" [--json]`: what the assistant understands from one utterance.

For office admins testing their cue phrases, and for anyone checking how a sentence is read.
The text is only interpreted: never echoed, logged or stored.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from pathlib import Path
from typing import Any, Callable

from kohtaava_desk.language.cues import CueMatcher
from kohtaava_desk.language.phrases import SPEECH_LANGUAGES, cue_phrases, speech_language
from kohtaava_desk.language.understand import Understanding, understand
from kohtaava_desk.meeting.steps import Step


_STEP_LABELS = {
    Step.EMPATIA: "Empatia",
    Step.OHJAUKSELLINEN: "Ohjauksellinen",
    Step.NEUVONNALLINEN: "Neuvonnallinen",
    Step.HYVASTELY: "Hyvästely",
}
_QUESTION_LABELS = {"open": "avoin (open)", "closed": "suljettu (closed)"}


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "hear",
        help="show what the assistant understands from one expert utterance",
        description=(
            "Read one utterance as the assistant would hear it from the expert: the "
            "announced meeting length, a step cue from the office's phrases, and whether it is "
            "an open or a closed question. Punctuation and capitals are ignored, as speech "
            "recognition gives none. The language is [speech] language of the office "
            "configuration (fi or sv) unless --language says otherwise. The text is not stored."
        ),
    )
    p.add_argument("text", nargs="*", metavar="TEXT", help="the utterance (quote it, or give it as words)")
    p.add_argument(
        "--audio",
        type=Path,
        metavar="FILE.wav",
        help="instead of TEXT: run the configured speech engine on a recording and show, per utterance, "
        "the recognised words and what is understood (printed only, never stored)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"announced_minutes", "step_cue", "question", "next_step"} as one JSON object',
    )
    p.add_argument(
        "--language",
        choices=SPEECH_LANGUAGES,
        help="read the text as Finnish (fi) or Swedish (sv); default: [speech] language",
    )
    p.add_argument(
        "--at",
        metavar="HH:MM",
        help='wall-clock time for phrases such as "aikaa kello 11 asti" (default: now)',
    )
    return p


def _parse_at(value: str | None, now: Callable[[], _dt.datetime]) -> _dt.datetime | _dt.time:
    if value is None:
        return now()
    try:
        return _dt.datetime.strptime(value.strip(), "%H:%M").time()
    except ValueError:
        raise ValueError(f"--at {value!r}: expected a time as HH:MM, e.g. 10:15") from None


def _human(u: Understanding) -> str:
    length = f"{u.announced_minutes} min" if u.announced_minutes is not None else "– (ei tunnistettu / none)"
    if u.step_cue is not None:
        cue = f"{_STEP_LABELS[u.step_cue]} ({u.step_cue.value})"
    elif u.next_step:
        cue = "seuraava vaihe (next)"
    else:
        cue = "– (ei / none)"
    question = _QUESTION_LABELS.get(u.question or "", "– (ei kysymys / not a question)")
    return "\n".join(
        [
            f"Ilmoitettu kesto / announced length: {length}",
            f"Vaihevihje / step cue: {cue}",
            f"Kysymys / question: {question}",
        ]
    )


def run(args: argparse.Namespace, config: Any = None, *, now: Callable[[], _dt.datetime] = _dt.datetime.now) -> int:
    if config is None:
        from .common import effective_config
        config = effective_config(args).config
    try:
        language = getattr(args, "language", None) or speech_language(config)
        matcher = CueMatcher.compile(cue_phrases(config, language), language=language)
    except ValueError as exc:
        print(f"kohtaava-desk hear: office configuration: {exc}", file=sys.stderr)
        return 2
    try:
        clock = _parse_at(getattr(args, "at", None), now)
    except ValueError as exc:
        print(f"kohtaava-desk hear: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "audio", None) is not None:
        from .hear_audio import run_audio

        return run_audio(args.audio, config, language, matcher, args.json)
    if not args.text:
        print("kohtaava-desk hear: give the TEXT of an utterance, or --audio FILE.wav", file=sys.stderr)
        return 2
    result = understand(" ".join(args.text), matcher, now=clock, language=language)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        print(_human(result))
    return 0
