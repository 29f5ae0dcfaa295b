"""Open vs closed questions from words alone: the labelled table and the -ko clitic rules."""

from __future__ import annotations

import pytest

from kohtaava_desk.language.questions import classify_question, has_question_clitic
from kohtaava_desk.language.understand import understand
from language_cases import QUESTION_CASES


@pytest.mark.parametrize("text,expected,tag", QUESTION_CASES, ids=[c[0] for c in QUESTION_CASES])
def test_question_table(text: str, expected: str | None, tag: str) -> None:
    assert classify_question(text) == expected


@pytest.mark.parametrize(
    "word",
    ["onko", "oletko", "haluatko", "voisitko", "tiedatko", "kayko", "saako", "oliko", "niinko",
     "mennaanko", "onkos", "onkohan", "onks", "ooks", "ootsa", "haluuksa", "haluutsa", "sopiiks",
     "eiko", "eiks", "jooko", "sopisko", "voinko", "tanaanko"],
)
def test_question_clitic_forms(word: str) -> None:
    assert has_question_clitic(word)


@pytest.mark.parametrize(
    "word",
    ["kokko", "taulukko", "jatko", "koko", "usko", "tanko", "pelko", "vihko", "lukko", "heikko",
     "teko", "disko", "kaks", "tunniks", "metsa", "taksa", "verkko", "joukko", "alko", "rako",
     "tauko", "lounastauko", "ruoko"],
)
def test_words_that_merely_end_like_a_question(word: str) -> None:
    assert not has_question_clitic(word)


def test_punctuation_and_capitals_do_not_matter() -> None:
    assert classify_question("Mitä sinulle kuuluu?") == "open"
    assert classify_question("Onko sinulla kysyttävää?") == "closed"
    # A question mark alone does not make a statement a question: the live recogniser gives none.
    assert classify_question("Kahvikuppi on pöydällä?") is None


def test_first_question_in_the_utterance_decides() -> None:
    assert classify_question("mitä sä ajattelet onko tämä hyvä") == "open"
    assert classify_question("onko tämä hyvä mitä sä ajattelet") == "closed"


def test_understand_carries_the_question_style() -> None:
    assert understand("kerro vähän itsestäsi", {}).question == "open"
    assert understand("haluatko jatkaa", {}).question == "closed"
    assert understand("jatketaan ensi viikolla", {}).question is None
