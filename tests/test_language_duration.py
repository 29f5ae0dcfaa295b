"""Announced meeting length from Finnish text: the labelled table, number words, clock times."""

from __future__ import annotations

import datetime as dt

import pytest

from kohtaava_desk.language.duration import MAX_MINUTES, MIN_MINUTES, announced_minutes
from kohtaava_desk.language.normalize import tokens
from kohtaava_desk.language.numbers import parse_number_words
from kohtaava_desk.language.understand import understand
from language_cases import CLOCK_CASES, CUE_CASES, DURATION_CASES, QUESTION_CASES


@pytest.mark.parametrize("text,expected,tag", DURATION_CASES, ids=[c[0] for c in DURATION_CASES])
def test_announced_length_table(text: str, expected: int | None, tag: str) -> None:
    assert announced_minutes(tokens(text)) == expected


@pytest.mark.parametrize("text,now,expected,tag", CLOCK_CASES, ids=[c[0] + f"@{c[1]}" for c in CLOCK_CASES])
def test_until_clock_time(text: str, now: dt.time | None, expected: int | None, tag: str) -> None:
    assert announced_minutes(tokens(text), now=now) == expected


def test_clock_accepts_a_full_datetime_and_rolls_over_noon() -> None:
    words = tokens("meillä on aikaa kello yksi asti")
    assert announced_minutes(words, now=dt.datetime(2024, 5, 6, 12, 30)) == 30
    assert announced_minutes(words, now=dt.datetime(2024, 5, 6, 0, 30)) == 30


@pytest.mark.parametrize(
    "words,value",
    [
        ("kaksikymmentäviisi", 25),
        ("kakskytviis", 25),
        ("nelkytviis", 45),
        ("kahdenkymmenenviiden", 25),
        ("kaksi kymmentä viisi", 25),
        ("viisitoista", 15),
        ("kakstoist", 12),
        ("yhteentoista", 11),
        ("kymmenen", 10),
        ("kymenen", 10),
        ("puolitoista", 1.5),
        ("puoli toista", 1.5),
        ("puolentoista", 1.5),
        ("sata kaksikymmentä", 120),
        ("sataviisikymmentä", 150),
        ("parikymmentä", 20),
        ("kolmisenkymmentä", 30),
        ("kolmekymppiä", 30),
        ("kolkyt", 30),
        ("seitsemän", 7),
        ("kahdeksan", 8),
        ("kahdeksi", 2),
        ("yhdeksän", 9),
        ("45", 45),
        ("1,5", 1.5),
        ("kaksi kolme", None),
        ("pari", None),
        ("kasi", None),
        ("vielä", None),
        ("kymmenen viisi", None),
    ],
)
def test_number_words(words: str, value: float | None) -> None:
    assert parse_number_words(tokens(words)) == value


def test_plausible_range_edges() -> None:
    assert MIN_MINUTES == 5 and MAX_MINUTES == 180
    assert announced_minutes(tokens("meillä on aikaa viisi minuuttia")) == 5
    assert announced_minutes(tokens("meillä on aikaa neljä minuuttia")) is None
    assert announced_minutes(tokens("meillä on aikaa kolme tuntia")) == 180
    assert announced_minutes(tokens("meillä on aikaa kolme tuntia ja vartti")) is None


def test_two_different_lengths_in_one_utterance_give_none() -> None:
    assert announced_minutes(tokens("meillä on puoli tuntia aikaa tai ehkä sittenkin tunti aikaa")) is None
    assert announced_minutes(tokens("meillä on puoli tuntia aikaa eli puoli tuntia")) == 30


def test_other_clause_does_not_spoil_an_announcement() -> None:
    assert announced_minutes(tokens("olin siellä kaksi vuotta mutta meillä on tänään tunti aikaa")) == 60
    assert announced_minutes(tokens("meillä on tunti aikaa mutta odotin itse tunnin")) == 60


def test_understand_reports_the_same_length_with_capitals_and_punctuation() -> None:
    assert understand("Meillä on tänään puoli tuntia aikaa.", {}).announced_minutes == 30
    assert understand("Tähän on varattu 45 min!", {}).announced_minutes == 45


def test_the_tables_meet_the_size_the_issue_asks_for() -> None:
    rows = DURATION_CASES + [(t, e, tag) for t, _, e, tag in CLOCK_CASES] + CUE_CASES + QUESTION_CASES
    assert len(rows) >= 60
    assert sum(1 for r in rows if r[2] == "distractor") >= 20
    tags = {r[2] for r in rows}
    assert {"colloq", "asr", "distractor"} <= tags


def test_empty_or_punctuation_only_text_means_nothing() -> None:
    for text in ("", "   ", "?!", "..."):
        u = understand(text, {})
        assert (u.announced_minutes, u.step_cue, u.question) == (None, None, None)


def test_hours_then_minutes_without_ja() -> None:
    assert announced_minutes(tokens("meillä on tunti kymmenen minuuttia aikaa")) == 70
    assert announced_minutes(tokens("meillä on kaksi tuntia viisitoista minuuttia aikaa")) == 135
    # Minutes first, or a "tai" between, is no single amount.
    assert announced_minutes(tokens("meillä on kymmenen minuuttia tunti aikaa")) is None
    assert announced_minutes(tokens("meillä on tunti tai kymmenen minuuttia aikaa")) is None


def test_only_the_meeting_may_last() -> None:
    for other in ("kurssi", "hakemus", "harjoitus", "lomake", "video", "koulutus"):
        assert announced_minutes(tokens(f"tämä {other} kestää puoli tuntia")) is None, other
        assert announced_minutes(tokens(f"tää {other} vie puol tuntia")) is None, other
    for ours in ("tämä", "tää", "tämä tapaaminen", "tää keskustelu", "meidän tapaaminen"):
        assert announced_minutes(tokens(f"{ours} kestää puoli tuntia")) == 30, ours


def test_reserved_for_something_else() -> None:
    assert announced_minutes(tokens("kurssille on varattu tunti")) is None
    assert announced_minutes(tokens("tälle tapaamiselle on varattu tunti")) == 60
    assert announced_minutes(tokens("tähän on varattu tänään tunti")) == 60
