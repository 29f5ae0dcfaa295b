"""What the assistant takes from one expert utterance: announced length, step cue, question style.

Pure functions over the text they are given: nothing is logged, stored or cached about the
utterance (compiled cue phrases are cached, they are office configuration, not speech).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from kohtaava_desk.language.cues import NEXT, CueMatcher, Target, parse_target
from kohtaava_desk.language.duration import announced_minutes
from kohtaava_desk.language.normalize import tokens
from kohtaava_desk.language import sv_duration, sv_questions
from kohtaava_desk.language.questions import QuestionStyle, classify_tokens
from kohtaava_desk.meeting.steps import Step

CuePhrases = Mapping[Target, Sequence[str]]


@dataclass(frozen=True)
class Understanding:
    """What one utterance means for the meeting (numbers and labels only, never words)."""

    announced_minutes: int | None
    """Meeting length the expert announced, in minutes, or None."""
    step_cue: Step | None
    """Step the expert's words move to, or None."""
    question: QuestionStyle | None
    """"open" or "closed" if the utterance asks the client something, else None."""
    next_step: bool = False
    """The expert's words move on to whatever step follows the current one ("mennään eteenpäin")."""

    def as_dict(self) -> dict[str, object]:
        """The `hear --json` shape."""
        return {
            "announced_minutes": self.announced_minutes,
            "step_cue": self.step_cue.value if self.step_cue else None,
            "question": self.question,
            "next_step": self.next_step,
        }


def _key(cues: CuePhrases) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        sorted(((s.value if isinstance(s, Step) else str(s)), tuple(p)) for s, p in cues.items())
    )


@lru_cache(maxsize=8)
def _compiled(key: tuple[tuple[str, tuple[str, ...]], ...], language: str) -> CueMatcher:
    return CueMatcher.compile({parse_target(s): list(p) for s, p in key}, language=language)


def matcher_for(cues: CueMatcher | CuePhrases | None, language: str = "fi") -> CueMatcher:
    """A compiled matcher for the office's phrases (compiled once per distinct phrase set)."""
    if isinstance(cues, CueMatcher):
        return cues
    return _compiled(_key(cues or {}), language)


def understand(
    text: str,
    cues: CueMatcher | CuePhrases | None,
    *,
    now: _dt.datetime | _dt.time | None = None,
    language: str = "fi",
) -> Understanding:
    """Read one expert utterance in ``language`` ("fi" or "sv").

    ``cues`` maps each step (and "next") to its phrase list, or is a compiled :class:`CueMatcher`
    (compiled for the same language). ``now`` is the wall-clock time, needed only for the Finnish
    "aikaa kello 11 asti"; without it such phrases are ignored.
    """
    words = tokens(text, language)
    cue = matcher_for(cues, language).match_tokens(words)
    if language == "sv":
        minutes, question = sv_duration.announced_minutes(words), sv_questions.classify_tokens(words)
    elif language == "fi":
        minutes, question = announced_minutes(words, now=now), classify_tokens(words)
    else:
        raise ValueError(f"language must be fi or sv, got {language!r}")
    return Understanding(
        announced_minutes=minutes,
        step_cue=cue if isinstance(cue, Step) else None,
        question=question,
        next_step=cue == NEXT,
    )
