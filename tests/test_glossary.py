"""One term per concept, in every user-facing text (widget, tray, review, CLI messages, nudge texts).

An expert who reads "vinkki" in one place and "vihje" in another, or "itsearviointi" next to "oma
katsaus", wonders whether these are two things. Each concept below has one word per language; the
variants that crept in before are refused wherever a text lives.
"""

from __future__ import annotations

import re

import pytest

from kohtaava_desk.config import load_config
from kohtaava_desk.i18n import LANGUAGES, TEXTS, t

GLOSSARY = {
    # concept: {language: (the term, refused variants as regular expressions)}
    "nudge": {"fi": ("vihje", [r"\bvink"]), "sv": ("tips", [r"påminnel"]), "en": ("nudge", [r"\bhints?\b"])},
    "self-review": {"fi": ("oma katsaus", [r"itsearvio"]), "sv": ("egen återblick", [r"självutvärder"]),
                    "en": ("self-review", [r"\bmy review\b"])},
    "own talk share": {"fi": ("oma puheosuus", [r"sinun osuutesi", r"\boma osuus\b", r"^puheosuus"]),
                       "sv": ("din talandel", [r"\btaldel", r"\btaltid", r"\bdin andel\b"]),
                       "en": ("your talk share", [r"\byour share\b"])},
    "client": {"sv": ("kund", [r"\bklient"])},
}


def all_texts() -> dict[str, tuple[str, str, str]]:
    out = dict(TEXTS)
    nudges = load_config(None, None, env={}).config.nudges
    for name in ("expert_talks_too_much", "move_to_farewell", "client_summarises", "step_over_budget",
                 "long_client_monologue", "over_time"):
        text = getattr(nudges, name).text
        out[f"config.nudges.{name}"] = (text.fi, text.sv, text.en)
    return out


@pytest.mark.parametrize("concept", GLOSSARY)
def test_one_term_per_concept(concept):
    bad = []
    for key, values in all_texts().items():
        for lang, text in zip(LANGUAGES, values):
            if lang not in GLOSSARY[concept]:
                continue
            words = re.sub(r"\{[^}]*\}", "", text)  # placeholders are not words
            for pattern in GLOSSARY[concept][lang][1]:
                if re.search(pattern, words, re.IGNORECASE):
                    bad.append(f"{key} [{lang}]: {text!r} (say {GLOSSARY[concept][lang][0]!r})")
    assert not bad, "\n".join(bad)


def test_the_terms_are_the_ones_used():
    assert t("a11y.nudge", "fi") == "Vihje" and t("a11y.nudge", "sv") == "Tips"
    assert t("review.window.title", "fi").startswith("Oma katsaus")
    assert t("btn.open_review", "fi") == "Avaa oma katsaus"
    for key in ("summary.col_share", "review.legend.share"):
        assert t(key, "fi") == "Oma puheosuus" and t(key, "sv") == "Din talandel", key


def test_ending_a_meeting_and_quitting_never_share_a_word():
    assert t("btn.end", "fi") == "Päätä tapaaminen"
    for lang in LANGUAGES:
        end, quit_ = (set(t(k, lang).lower().split()) - {"the"} for k in ("btn.end", "tray.quit"))
        assert not end & quit_, (lang, end, quit_)


STEP_NAMES = [t(f"step.{s}", lang) for s in ("empatia", "ohjauksellinen", "neuvonnallinen", "hyvastely")
              for lang in LANGUAGES]


def test_step_names_are_lower_case_in_running_text():
    """A step name starts a label ("Hyvästely", "Oma puheosuus: Ohjauksellinen") but is lower case
    inside a sentence ("Aika siirtyä hyvästelyyn")."""
    bad = []
    for key, values in all_texts().items():
        if key.startswith(("step.", "step_short.")):
            continue
        for text in values:
            for name in STEP_NAMES:
                stem = name[:max(5, len(name) - 2)]
                for m in re.finditer(re.escape(stem), text):
                    before = text[:m.start()].rstrip(" ▶")
                    if before and not before.endswith((":", "\n", "(", "·", ".", "?", "!")):
                        bad.append(f"{key}: {text!r}")
    assert not bad, "\n".join(bad)


def test_dates_read_the_nordic_way():
    from datetime import date

    from kohtaava_desk.i18n import day

    assert day(date(2026, 11, 12), "fi") == day(date(2026, 11, 12), "sv") == "12.11.2026"
