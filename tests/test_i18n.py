"""The UI catalog: every key in fi, sv and en, nothing empty, the same placeholders everywhere."""

from __future__ import annotations

import string

import pytest

from kohtaava_desk.i18n import CATALOG, LANGUAGES, clock, step_name, t
from kohtaava_desk.meeting import STEPS


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_three_languages_same_keys():
    assert set(CATALOG) == set(LANGUAGES) == {"fi", "sv", "en"}
    keys = set(CATALOG["fi"])
    for lang in LANGUAGES:
        assert set(CATALOG[lang]) == keys, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_empty_strings(lang):
    empty = [k for k, v in CATALOG[lang].items() if not v.strip()]
    assert empty == []


def test_placeholders_match_across_languages():
    for key, fi in CATALOG["fi"].items():
        for lang in ("sv", "en"):
            assert _fields(CATALOG[lang][key]) == _fields(fi), (key, lang)


def test_every_step_has_a_name_in_every_language():
    for lang in LANGUAGES:
        names = [step_name(s, lang) for s in STEPS]
        assert len(set(names)) == 4
        assert all(step_name(s, lang, short=True) for s in STEPS)


def test_lookup_fills_values_and_falls_back_to_finnish():
    assert t("time.remaining", "en", time="3:00") == "3:00 left"
    assert t("time.remaining", "de", time="3:00") == t("time.remaining", "fi", time="3:00")
    assert t("no.such.key") == "no.such.key"


def test_clock_format():
    assert clock(0) == "0:00"
    assert clock(59.9) == "0:59"
    assert clock(61) == "1:01"
    assert clock(3725) == "1:02:05"
    assert clock(-5) == "0:00"
