"""What the expert reads aloud during voice enrolment (about 25 s at a calm pace).

Everyday, neutral content about a working day, so nothing personal is said; varied vowels (including
front vowels ä/ö/y) and consonants give the encoder a fair sample of the voice. The words themselves are
never kept: only the voice profile's numbers are.
"""

from __future__ import annotations

ENROLMENT_TEXTS: dict[str, str] = {
    "fi": (
        "Aamulla keitän ensin kupillisen kahvia ja avaan työpöydän. Käyn läpi päivän tapaamiset ja "
        "mietin hetken, mitä kunkin ihmisen kanssa sovittiin viimeksi. Työssäni kuuntelen paljon, "
        "sillä jokaisella on oma tarinansa, omat vahvuutensa ja omat huolensa. Iltapäivällä kirjaan "
        "tärkeimmät asiat lyhyesti ja suunnittelen seuraavaa viikkoa. Kun päivä päättyy, lähden "
        "kävelylle rantaan ja annan ajatusten levätä."
    ),
    "sv": (
        "På morgonen kokar jag först en kopp kaffe och startar datorn. Jag går igenom dagens möten och "
        "tänker en stund på vad vi kom överens om förra gången. I mitt arbete lyssnar jag mycket, "
        "eftersom alla har sin egen berättelse, sina styrkor och sina bekymmer. På eftermiddagen skriver "
        "jag ner det viktigaste och planerar nästa vecka. När dagen är slut promenerar jag längs stranden "
        "och låter tankarna vila."
    ),
    "en": (
        "In the morning I first make a cup of coffee and start up my computer. I go through the day's "
        "appointments and think for a moment about what we agreed last time. In my work I listen a lot, "
        "because everyone has a story of their own, their own strengths and their own worries. In the "
        "afternoon I note down the main points and plan the week ahead. When the day is over, I walk "
        "along the shore and let my thoughts rest."
    ),
}
"""Reading text per UI language; Finnish is the default."""

ENROLMENT_INSTRUCTIONS: dict[str, str] = {
    "fi": "Lue alla oleva teksti ääneen tavallisella puheäänelläsi. Ääntä ei tallenneta: vain äänesi tunnusluvut jäävät talteen.",
    "sv": "Läs texten nedan högt med din vanliga röst. Ljudet sparas inte: bara några nyckeltal om din röst sparas.",
    "en": "Read the text below aloud in your normal voice. No audio is kept: only a few numbers describing your voice are saved.",
}
"""One-line instruction shown above the text."""


def enrolment_text(lang: str = "fi") -> str:
    """The reading text in ``lang`` (fi, sv or en)."""
    try:
        return ENROLMENT_TEXTS[lang]
    except KeyError:
        raise ValueError(f"no enrolment text for language {lang!r}; available: {', '.join(ENROLMENT_TEXTS)}") from None


def enrolment_instructions(lang: str = "fi") -> str:
    """The instruction line in ``lang`` (fi, sv or en)."""
    try:
        return ENROLMENT_INSTRUCTIONS[lang]
    except KeyError:
        raise ValueError(f"no enrolment instructions for language {lang!r}; available: {', '.join(ENROLMENT_INSTRUCTIONS)}") from None
