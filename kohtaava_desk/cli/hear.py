"""`kohtaava-desk hear "TEXT" [--json]`: what the assistant understands from one utterance.

For office admins testing their cue phrases, and for anyone checking how a sentence is read.
The text is only interpreted: never echoed, logged or stored.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from typing import Any, Callable, Mapping, Sequence

from kohtaava_desk.config.loader import load_defaults
from kohtaava_desk.language.cues import CueMatcher
from kohtaava_desk.language.understand import Understanding, understand
from kohtaava_desk.meeting.steps import STEPS, Step


def _cue_phrases(config: Any) -> Mapping[Step, Sequence[str]]:
    """The office's cue phrases per step: ``config["cues"]["phrases"][step.value]``.

    The one place that knows the config's shape. It reads a plain dict and, equally, the
    loaded Config object (``config.cues.phrases.<step>``). A config without a cue section gets
    the built-in defaults of kohtaava_desk/config/default.toml; a step missing from it gets no phrases.
    """

    def get(obj: Any, key: str) -> Any:
        return obj[key] if isinstance(obj, Mapping) else getattr(obj, key)

    try:
        phrases = get(get(config, "cues"), "phrases")
    except (KeyError, AttributeError, TypeError, IndexError):
        phrases = load_defaults()["cues"]["phrases"]
    if isinstance(phrases, (str, bytes, list, tuple)) or phrases is None:
        raise ValueError(f"cues.phrases must be a table of step = [phrases], got {type(phrases).__name__}")
    if isinstance(phrases, Mapping):
        unknown = sorted(set(map(str, phrases)) - {s.value for s in STEPS})
        if unknown:
            allowed = ", ".join(s.value for s in STEPS)
            raise ValueError(f"cues.phrases has an unknown step {unknown[0]!r}; allowed: {allowed}")
    out: dict[Step, Sequence[str]] = {}
    for step in STEPS:
        try:
            out[step] = get(phrases, step.value)
        except (KeyError, AttributeError):
            out[step] = []
    return out


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
            "Read one Finnish utterance as the assistant would hear it from the expert: the "
            "announced meeting length, a step cue from the office's phrases, and whether it is "
            "an open or a closed question. Punctuation and capitals are ignored, as speech "
            "recognition gives none. The text is not stored."
        ),
    )
    p.add_argument("text", nargs="+", metavar="TEXT", help="the utterance (quote it, or give it as words)")
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"announced_minutes", "step_cue", "question"} as one JSON object',
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
    cue = (
        f"{_STEP_LABELS[u.step_cue]} ({u.step_cue.value})" if u.step_cue is not None else "– (ei / none)"
    )
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
        matcher = CueMatcher.compile(_cue_phrases(config))
    except ValueError as exc:
        print(f"kohtaava-desk hear: office configuration: {exc}", file=sys.stderr)
        return 2
    try:
        clock = _parse_at(getattr(args, "at", None), now)
    except ValueError as exc:
        print(f"kohtaava-desk hear: {exc}", file=sys.stderr)
        return 2
    result = understand(" ".join(args.text), matcher, now=clock)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        print(_human(result))
    return 0
