"""Swedish understanding ([speech] language = "sv"): the labelled tables and the rules behind them."""

from __future__ import annotations

import pytest

from kohtaava_desk.language.cues import CueMatcher
from kohtaava_desk.language.normalize import tokens
from kohtaava_desk.language.sv_duration import announced_minutes
from kohtaava_desk.language.sv_numbers import run_value
from kohtaava_desk.language.sv_questions import classify_tokens
from kohtaava_desk.language.understand import understand
from kohtaava_desk.meeting.steps import Step
from language_cases import SV_CUE_CASES, SV_DURATION_CASES, SV_PHRASES_FIXTURE, SV_QUESTION_CASES


@pytest.fixture(scope="module")
def sv_matcher() -> CueMatcher:
    return CueMatcher.compile(SV_PHRASES_FIXTURE, language="sv")


@pytest.mark.parametrize("text,expected,tag", SV_DURATION_CASES, ids=[c[0] for c in SV_DURATION_CASES])
def test_announced_length_table(text: str, expected: int | None, tag: str) -> None:
    assert announced_minutes(tokens(text, "sv")) == expected


@pytest.mark.parametrize("text,expected,tag", SV_CUE_CASES, ids=[c[0] for c in SV_CUE_CASES])
def test_cue_table(sv_matcher: CueMatcher, text: str, expected, tag: str) -> None:
    assert sv_matcher.match(text) == expected


@pytest.mark.parametrize("text,expected,tag", SV_QUESTION_CASES, ids=[c[0] for c in SV_QUESTION_CASES])
def test_question_table(text: str, expected: str | None, tag: str) -> None:
    assert classify_tokens(tokens(text, "sv")) == expected


@pytest.mark.parametrize(
    "words,value",
    [("fyrtiofem", 45), ("fyrtio fem", 45), ("förtifem", 45), ("tjugo", 20), ("femton", 15), ("45", 45),
     ("tjugoen", 21), ("hundra", 100), ("fyrtio en", None), ("fem fem", None), ("tid", None)],
)
def test_number_words(words: str, value: float | None) -> None:
    assert run_value(words.split()) == value


def test_swedish_keeps_å_ä_ö_apart_from_a_and_o() -> None:
    # Folded like Finnish, "här" would be "har" and "vår" would be "var" (= was, a past-tense veto).
    assert tokens("Det HÄR mötet, vår tid!", "sv") == ["det", "här", "mötet", "vår", "tid"]
    assert understand("Vår tid är en halvtimme.", {}, language="sv").announced_minutes == 30


def test_the_pronoun_carries_the_move_in_swedish(sv_matcher: CueMatcher) -> None:
    assert sv_matcher.match("vi går vidare") == "next"
    assert sv_matcher.match("ansökan går vidare") is None


def test_finnish_and_swedish_do_not_leak_into_each_other() -> None:
    assert understand("meillä on puoli tuntia aikaa", {}, language="sv").announced_minutes is None
    assert understand("vi har en halvtimme idag", {}, language="fi").announced_minutes is None
    with pytest.raises(ValueError, match="fi, sv"):
        understand("hej", {}, language="de")
    with pytest.raises(ValueError, match="fi, sv"):
        CueMatcher.compile({}, language="de")


def test_default_swedish_phrases_exist_for_every_target() -> None:
    for key, phrases in SV_PHRASES_FIXTURE.items():
        assert phrases, f"no default Swedish phrases for {key}"
    assert understand("låt oss sammanfatta", SV_PHRASES_FIXTURE, language="sv").step_cue is Step.HYVASTELY
