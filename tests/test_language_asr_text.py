"""Recogniser output with digits (Whisper style) reads like the spoken words."""

from __future__ import annotations

import pytest

from kohtaava_desk.language.asr_text import normalise_recognised
from kohtaava_desk.language.understand import understand


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("Meillä on 40 5 minuuttia aikaa.", "Meillä on 45 minuuttia aikaa."),
        ("meillä on 0 10 minuuttia", "meillä on 10 minuuttia"),
        ("vi har 20 5 minuter", "vi har 25 minuter"),
        ("klo 11.30 asti", "klo 11.30 asti"),
        ("1,5 tuntia", "1,5 tuntia"),
        ("40 50 minuuttia", "40 50 minuuttia"),  # two tens: no single number, left alone
        ("100 5", "100 5"),
        ("0,5 tuntia", "0,5 tuntia"),
    ],
)
def test_only_safe_joins(raw: str, clean: str) -> None:
    assert normalise_recognised(raw) == clean


def test_split_numbers_are_read_after_normalising() -> None:
    raw = "Meillä on tänään 40 5 minuuttia aikaa."
    assert understand(raw, {}).announced_minutes is None  # two amounts: precision first
    assert understand(normalise_recognised(raw), {}).announced_minutes == 45
    assert understand(normalise_recognised("Vi har 40 5 minuter i dag."), {}, language="sv").announced_minutes == 45
