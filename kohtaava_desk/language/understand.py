"""What the assistant takes from one expert utterance: announced length, step cue, question style.

Pure functions over the text they are given: nothing is logged, stored or cached about the
utterance (compiled cue phrases are cached, they are office configuration, not speech).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from kohtaava_desk.language.cues import CueMatcher
from kohtaava_desk.language.duration import announced_minutes
from kohtaava_desk.language.normalize import tokens
from kohtaava_desk.language.questions import QuestionStyle, classify_tokens
from kohtaava_desk.meeting.steps import Step

CuePhrases = Mapping[Step, Sequence[str]]


@dataclass(frozen=True)
class Understanding:
    """What one utterance means for the meeting (numbers and labels only, never words)."""

    announced_minutes: int | None
    """Meeting length the expert announced, in minutes, or None."""
    step_cue: Step | None
    """Step the expert's words move to, or None."""
    question: QuestionStyle | None
    """"open" or "closed" if the utterance asks the client something, else None."""

    def as_dict(self) -> dict[str, object]:
        """The `hear --json` shape."""
        return {
            "announced_minutes": self.announced_minutes,
            "step_cue": self.step_cue.value if self.step_cue else None,
            "question": self.question,
        }


def _key(cues: CuePhrases) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        sorted(((s.value if isinstance(s, Step) else str(s)), tuple(p)) for s, p in cues.items())
    )


@lru_cache(maxsize=8)
def _compiled(key: tuple[tuple[str, tuple[str, ...]], ...]) -> CueMatcher:
    return CueMatcher.compile({Step.parse(s): list(p) for s, p in key})


def matcher_for(cues: CueMatcher | CuePhrases | None) -> CueMatcher:
    """A compiled matcher for the office's phrases (compiled once per distinct phrase set)."""
    if isinstance(cues, CueMatcher):
        return cues
    return _compiled(_key(cues or {}))


def understand(
    text: str,
    cues: CueMatcher | CuePhrases | None,
    *,
    now: _dt.datetime | _dt.time | None = None,
) -> Understanding:
    """Read one expert utterance.

    ``cues`` maps each step to its phrase list (or is a compiled :class:`CueMatcher`).
    ``now`` is the wall-clock time, needed only for "aikaa kello 11 asti"; without it such
    phrases are ignored.
    """
    words = tokens(text)
    return Understanding(
        announced_minutes=announced_minutes(words, now=now),
        step_cue=matcher_for(cues).match_tokens(words),
        question=classify_tokens(words),
    )
