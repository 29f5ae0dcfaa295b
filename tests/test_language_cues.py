"""Step cues: the default phrase lists on the labelled table, tolerance rules, office phrase lists."""

from __future__ import annotations

import pytest

from kohtaava_desk.language.cues import CueMatcher
from kohtaava_desk.language.understand import understand
from kohtaava_desk.meeting.steps import Step
from language_cases import CUE_CASES, DEFAULT_PHRASES_FIXTURE


@pytest.fixture(scope="module")
def default_matcher() -> CueMatcher:
    return CueMatcher.compile(DEFAULT_PHRASES_FIXTURE)


@pytest.mark.parametrize("text,expected,tag", CUE_CASES, ids=[c[0] for c in CUE_CASES])
def test_cue_table(default_matcher: CueMatcher, text: str, expected: Step | None, tag: str) -> None:
    assert default_matcher.match(text) == expected


def test_understand_accepts_a_plain_mapping_of_phrases() -> None:
    u = understand("nyt minusta vaikuttaa siltä että meidän kannattaa seuraavaksi", DEFAULT_PHRASES_FIXTURE)
    assert u.step_cue is Step.NEUVONNALLINEN
    assert understand("palataan vielä siihen mitä sanoit", None).step_cue is None


def test_office_phrases_with_string_keys_any_language() -> None:
    m = CueMatcher.compile(
        {
            "neuvonnallinen": ["nu tycker jag att vi borde"],
            "Hyvästely": ["let us sum up what we agreed"],
        }
    )
    assert m.match("okej nu tycker jag att vi borde titta på utbildningar") is Step.NEUVONNALLINEN
    assert m.match("so let us sum up what we agreed today") is Step.HYVASTELY
    assert m.match("nyt minusta vaikuttaa siltä että meidän kannattaa seuraavaksi") is None


def test_star_marks_a_stem_and_plain_words_stay_strict() -> None:
    starred = CueMatcher.compile({Step.NEUVONNALLINEN: ["katsotaan vaihtoeh*"]})
    plain = CueMatcher.compile({Step.NEUVONNALLINEN: ["katsotaan vaihtoehtoja"]})
    assert starred.match("katsotaan vaihtoehdoista parhaat") is Step.NEUVONNALLINEN
    assert plain.match("katsotaan vaihtoehdoista parhaat") is None
    assert plain.match("katsotaan vaihtoehtoa") is Step.NEUVONNALLINEN  # one letter off


def test_letter_tolerance_grows_with_word_length() -> None:
    m = CueMatcher.compile({Step.HYVASTELY: ["kerro omin sanoin"]})
    assert m.match("kerro omin sanoi") is Step.HYVASTELY  # 6 letters: one edit allowed
    assert m.match("kerro oman sanoin") is None  # 4 letters: must be exact


def test_word_order_and_gap_limit() -> None:
    m = CueMatcher.compile({Step.OHJAUKSELLINEN: ["palataan siihen mitä sanoit"]})
    assert m.match("palataan nyt vielä siihen mitä sanoit") is Step.OHJAUKSELLINEN  # two extra words
    assert m.match("palataan nyt vielä ihan siihen mitä sanoit") is None  # three is too many
    assert m.match("sanoit mitä siihen palataan") is None


def test_only_function_words_may_go_missing(default_matcher: CueMatcher) -> None:
    # "nyt" and "meidän" are function words: an 8-word phrase may lose two of them.
    assert default_matcher.match("minusta vaikuttaa siltä että kannattaa seuraavaksi") is Step.NEUVONNALLINEN
    m = CueMatcher.compile({Step.NEUVONNALLINEN: ["nyt minusta vaikuttaa siltä että meidän kannattaa"]})
    assert m.match("nyt minusta vaikuttaa siltä että meidän") is None  # lost "kannattaa"


def test_same_match_for_two_steps_is_no_cue_and_longer_match_wins() -> None:
    tie = CueMatcher.compile({Step.OHJAUKSELLINEN: ["kerro lisää"], Step.NEUVONNALLINEN: ["kerro lisää"]})
    assert tie.match("kerro lisää") is None
    longer = CueMatcher.compile(
        {Step.NEUVONNALLINEN: ["meidän kannattaa seuraavaksi"], Step.HYVASTELY: ["kannattaa seuraavaksi"]}
    )
    assert longer.match("meidän kannattaa seuraavaksi sopia") is Step.NEUVONNALLINEN


def test_no_phrases_no_cue() -> None:
    assert CueMatcher.compile({}).match("ennen kuin lopetetaan") is None
    assert CueMatcher.compile(None).match("ennen kuin lopetetaan") is None
    assert CueMatcher.compile(DEFAULT_PHRASES_FIXTURE).match("") is None


@pytest.mark.parametrize(
    "phrases,message",
    [
        ({"neuvonta": ["x y"]}, "allowed: empatia, ohjauksellinen, neuvonnallinen, hyvastely"),
        ({"hyvastely": "kootaan yhteen"}, "must be a list of strings"),
        ({"hyvastely": ["kootaan yhteen", 5]}, "cue phrase 2 for step 'hyvastely' must be a string"),
        ({"hyvastely": ["  ..  "]}, "cue phrase 1 for step 'hyvastely' is empty"),
        ({"neuvonnallinen": ["katsotaan va*"]}, "needs at least 3 letters"),
    ],
)
def test_bad_phrase_lists_are_named(phrases: dict, message: str) -> None:
    with pytest.raises(ValueError) as err:
        CueMatcher.compile(phrases)
    assert message in str(err.value)


# --- issue 12: general moves, one-word phrases, substituted words, spoken pronouns, Swedish


def test_next_is_a_target_of_its_own(default_matcher: CueMatcher) -> None:
    assert default_matcher.match("no niin mennään sitten eteenpäin") == "next"
    u = understand("siirrytään seuraavaan vaiheeseen", DEFAULT_PHRASES_FIXTURE)
    assert u.next_step and u.step_cue is None
    assert not understand("kootaan yhteen mitä sovittiin", DEFAULT_PHRASES_FIXTURE).next_step


def test_a_one_word_phrase_allows_slips_but_no_other_ending() -> None:
    m = CueMatcher.compile({Step.EMPATIA: ["tervetuloa"]})
    assert m.match("tervetuloo") is Step.EMPATIA
    assert m.match("tervetuliaiset on perjantaina") is None
    two = CueMatcher.compile({Step.EMPATIA: ["tervetuloa tänne"]})
    assert two.match("tervetuloa tänne") is Step.EMPATIA


def test_a_three_word_phrase_may_lose_a_function_word_only() -> None:
    m = CueMatcher.compile({Step.HYVASTELY: ["kootaan vielä yhteen"], Step.NEUVONNALLINEN: ["katsotaan seuraavaksi vaihtoehtoja"]})
    assert m.match("kootaanpa lopuksi yhteen") is Step.HYVASTELY  # "vielä" gone, "lopuksi" in its place
    assert m.match("katsotaan vaihtoehtoja") is None  # "seuraavaksi" carries meaning: it may not go


def test_lets_form_is_not_met_by_another_person() -> None:
    m = CueMatcher.compile({"next": ["siirrytään eteenpäin"]})
    assert m.match("siirrytäänpä eteenpäin") == "next"
    assert m.match("siirryin eteenpäin") is None
    assert m.match("siirrytte eteenpäin") is None


@pytest.mark.parametrize("spoken", ["mikä sut toi tänne", "mitä sä haluaisit", "mitä sulle kuuluu", "mitä mulle kuuluu"])
def test_spoken_pronouns(spoken: str) -> None:
    m = CueMatcher.compile({Step.OHJAUKSELLINEN: ["mikä sinut toi tänne", "mitä sinä haluaisit",
                                                  "mitä sinulle kuuluu", "mitä minulle kuuluu"]})
    assert m.match(spoken) is Step.OHJAUKSELLINEN


def test_unknown_target_lists_next_as_allowed() -> None:
    with pytest.raises(ValueError) as err:
        CueMatcher.compile({"seuraava": ["x y"]})
    assert "allowed: empatia, ohjauksellinen, neuvonnallinen, hyvastely, next" in str(err.value)


def test_default_configuration_has_phrases_for_every_target() -> None:
    for key, phrases in DEFAULT_PHRASES_FIXTURE.items():
        assert phrases, f"no default Finnish phrases for {key}"
