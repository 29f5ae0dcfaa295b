"""The meeting length the expert announces ("meillä on tänään puoli tuntia aikaa").

Precision first: a wrongly changed meeting length misleads the whole time plan, a missed one
costs the expert one click. So a duration counts only when
- it is a well-formed amount of minutes, hours or quarters (5–180 minutes in all);
- the clause speaks about *this meeting's* time: "aikaa", "varattu", "käytössä", a meeting
  noun, "meillä on ...", or "tämä kestää ...";
- nothing marks it as some other time: past tense ("odotin tunnin", "kesti"), another owner
  ("sinulla on tunti aikaa"), another subject ("kurssi kestää kaksi tuntia"), a point in time
  ("puolen tunnin päästä", "tunti sitten"), a rate ("kaksi tuntia päivässä"), what is left
  ("vielä kymmenen minuuttia"), a negation, a condition or a question;
- all durations that qualify in the utterance agree.

Optionally, with a wall clock injected, "meillä on aikaa kello yhteentoista asti" gives the
minutes from now until then.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from kohtaava_desk.language.numbers import (
    NUMBER_KINDS,
    NUMBER_LEXICON,
    Lexicon,
    Morph,
    digit_value,
    value_of,
)
from kohtaava_desk.language.questions import find_questions

MIN_MINUTES = 5
"""Shorter than this is no meeting length ("minuutti" is a moment)."""
MAX_MINUTES = 180
"""Longer than this is no meeting length (a working day, a course)."""

# minutes per unit: case -> forms (folded). Good cases first: on a squashed-spelling
# collision ("minuutin" vs "minuuttiin") the first entry wins.
_UNIT_FORMS: dict[int, dict[str, tuple[str, ...]]] = {
    60: {
        "nom": ("tunti",),
        "part": ("tuntia", "tuntii", "tuntiaa"),
        "gen": ("tunnin",),
        "trans": ("tunniksi", "tunniks"),
        "adj": ("tuntinen", "tuntisen", "tuntiseksi", "tuntiseen"),
        "bad": (
            "tunnissa", "tuntiin", "tunnista", "tunnilla", "tunnille", "tunnilta", "tunnit",
            "tunteja", "tunneissa", "tunteina", "tuntina", "tunneiksi", "tuntien", "tunneista",
            "tunneilla", "tunneille", "tunneittain",
        ),
    },
    15: {
        "nom": ("vartti", "varttitunti"),
        "part": ("varttia", "varttii"),
        "gen": ("vartin", "varttitunnin"),
        "trans": ("vartiksi", "vartiks", "varttitunniksi"),
        "adj": (),
        "bad": ("vartissa", "varttiin", "vartista", "vartit", "vartteja", "varttina", "varttitunnissa"),
    },
    1: {
        "nom": ("minuutti",),
        "part": ("minuuttia", "minuuttii", "minuuttiaa"),
        "gen": ("minuutin",),
        "trans": ("minuutiksi", "minuutiks"),
        "adj": ("minuuttinen", "minuuttisen", "minuuttiseksi", "minuuttiseen"),
        "bad": (
            "minuutissa", "minuuttiin", "minuutista", "minuutilla", "minuutit", "minuutteja",
            "minuuteissa", "minuutteina", "minuuttina", "minuuttien", "minuuteiksi", "minuuteista",
        ),
    },
}
# Typed abbreviations, only right after digits ("45 min", "1 h").
_ABBREVIATIONS = {"min": 1, "h": 60}

# Words after the amount that belong to it ("tunnin verran", "puolen tunnin ajan").
_EXTENDERS = frozenset("verran ajan ajaksi mittainen mittaisen mittaiseksi pituinen pituisen".split())
# Words just before the amount that only soften it ("noin puoli tuntia", "reilu tunti").
_MODIFIERS = frozenset(
    """
    noin suunnilleen suurin piirtein reilu reilut reippaasti reipas vajaa vajaat n about ehka
    korkeintaan enintaan maksimissaan max tasan melkein lahes lahemmas koko sellainen sellanen
    semmoinen semmonen sen ainakin vahintaan
    """.split()
)

_CONTEXT_WORDS = frozenset(
    """
    aikaa aikaakin aikaahan aikaa aikamme aikaamme keskusteluaikaa tapaamisaikaa jutteluaikaa
    yhteista
    varattu varatu varattuna varattiin varannut varanut varanneet varasin varasimme varataan
    varaamme varattuja varaus varauksen
    kaytossa kaytettavissa kaytettavana kaytettavaa
    tapaaminen tapaamiseen tapaamiselle tapaamisen tapaamisemme tapaamista tapaamisaika
    keskustelu keskusteluun keskustelulle keskustelumme keskusteluamme keskustelun
    """.split()
)
_MEETING_NOUNS = frozenset(
    """
    tapaaminen tapaamiseen tapaamiselle tapaamisen tapaamisemme tapaamista keskustelu
    keskusteluun keskustelulle keskustelumme keskustelun aika varaus tapaamisaika
    """.split()
)
# Verbs of lasting: they count only when their subject is this meeting.
_LASTING_VERBS = frozenset("kestaa kestaakin kestanee menee vie kuluu kuluisi".split())
# The subject right before a verb of lasting that makes it this meeting: a bare demonstrative
# ("tämä kestää", "tähän menee") or a meeting noun. "tämä kurssi kestää" has "kurssi" there.
_MEETING_SUBJECTS = frozenset(
    """
    tama taa tahan tassa tapaaminen tapaamisemme tapaamisen tapaamiseen keskustelu keskustelumme
    keskustelun keskusteluun juttutuokio juttutuokiomme
    """.split()
)
# Adverbs that may stand between the subject and the verb ("tämä tänään kestää").
_SUBJECT_SKIP = frozenset("tanaan nyt varmaan ehka kylla sitten taas yleensa".split())
# Words that may follow the amount in a bare "meillä on puoli tuntia ..." announcement.
_FOLLOW_OK = frozenset(
    """
    tanaan nyt yhteensa kaytossa varattuna tahan talle tata varten ja joten eli niin okei ok joo
    jooko hyva selva kun koska mutta mut etta et jotta kaikkiaan sinun sun kanssasi kanssas
    sinulle sulle meille siis vain vaan ainakin noin suunnilleen max maksimissaan korkeintaan
    """.split()
)
_OURS = frozenset("meilla meil".split())
# "minulla on tunti aikaa" is the speaker's own time (a client says it too): it is this meeting's
# only when given to the other ("minulla on sinulle tunti aikaa").
_MINE = frozenset("minulla mulla mul".split())
_FOR_YOU = frozenset("sinulle sulle teille sinua sua kanssasi".split())
_NEUTRAL_ADESSIVES = frozenset("talla taalla kerralla hetkella tavalla viikolla".split())
_COLLOQUIAL_ADESSIVES = frozenset("meil mul sul teil hanel heil niil".split())
_BOUNDARIES = frozenset("mutta mut koska kun vaikka jotta joten".split())

_VETO_WORDS = frozenset(
    """
    oli olin olit olimme olitte olivat olikin oltiin kesti kestivat odotin odotit odotti
    odotimme odotettiin meni menin menit menivat kului vei veivat kavin kavi tein teki soitin
    soitti puhuin istuin opiskelin tyoskentelin asuin vietin vietti kaytin kaytti tulin tuli
    jouduin lahdin lahti loppui alkoi sanoi kestin
    eilen viime viimeksi ensi seuraava seuraavalla seuraavaan seuraavassa seuraavalle seuraavan
    edellinen edellisella edellisessa edelliseen edellisen huomenna ylihuomenna toissapaivana
    paivassa viikossa kuukaudessa vuodessa kerran paivittain viikoittain aina
    yleensa tavallisesti usein normaalisti
    ei en emme ette eivat eika ilman jos mikali olisi olis olisin olisit olisimme ois oisi
    voisimme voisi voitaisiin pitaisi jaljella jaljelle jaanyt lisaaikaa
    tarvitaan tarvitset tarvitsee tarvitsen tarvii tarviit tarvis varaa varata varaisin varaat
    """.split()
)
# "What is left" words: read only close to the amount ("meillä on vielä vartti"), since
# "vielä" is common in other clauses of the same utterance ("palataan vielä siihen ...").
_REMAINING_WORDS = frozenset("viela viel enaa jaa loput lisaa".split())
REMAINING_WINDOW = 3
"""How many words before the amount are read for "vielä" / "enää"."""
_OK_PARTICIPLES = frozenset("varannut varanut varanneet".split())
_BEFORE_VETO = frozenset(
    """
    yli alle jo vasta kuin ennen jalkeen per monta muutama muutaman useita useamman joku jonkun
    jonkin parin pari ensimmainen toinen kolmas viimeinen seuraava joka jokainen puolikas tai
    """.split()
)
_AFTER_VETO = frozenset(
    """
    sitten paasta paas kuluttua jalkeen myohemmin aiemmin aikaisemmin sisalla sisaan paahan
    takaperin valein valia kerrallaan tai lisaa enemman vahemman pidempi kauemmin myohassa
    etuajassa per paivassa viikossa
    """.split()
)
_QUANTIFIERS = _BEFORE_VETO | frozenset("tuo se".split())

BEFORE_WINDOW = 6
"""How many words before the amount are read for context and vetoes."""
AFTER_WINDOW = 5
"""How many words after the amount are read for supporting context."""
AFTER_VETO_WINDOW = 3
"""Vetoes after the amount are read only this close, so a later clause does not spoil it."""


@lru_cache(maxsize=1)
def duration_lexicon() -> Lexicon:
    entries: dict[str, Morph] = dict(NUMBER_LEXICON)
    for minutes, cases in _UNIT_FORMS.items():
        for case, forms in cases.items():
            for form in forms:
                entries.setdefault(form, Morph("UNIT", float(minutes), case))
    return Lexicon(entries)


@dataclass
class _Amount:
    minutes: float
    start: int
    """First word of the amount (its number, or the unit word when it has no number)."""
    end: int
    """One past its last word, extenders ("verran") included."""
    unit: float
    case: str
    extended: bool = False
    mod_start: int = 0
    """First word including softening modifiers ("noin", "reilu")."""
    after_unit: bool = False
    """A time unit stands right before it and is no part of it ("tuntia vartti"): a garbled utterance."""


def analyse_words(words: Sequence[str]) -> list[tuple[Morph, int]]:
    """Flat list of (morpheme, word index); a plain word becomes one W morpheme."""
    lex = duration_lexicon()
    flat: list[tuple[Morph, int]] = []
    for i, w in enumerate(words):
        d = digit_value(w)
        if d is not None:
            flat.append((Morph("DIGIT", d), i))
            continue
        if w in _ABBREVIATIONS and i > 0 and digit_value(words[i - 1]) is not None:
            flat.append((Morph("UNIT", float(_ABBREVIATIONS[w]), "abbr"), i))
            continue
        found = lex.analyse(w)
        # A time unit is only ever the last piece of a word ("puoli|tuntia", "kakskyt|minuuttia").
        if found and all(m.kind != "UNIT" for m in found[:-1]):
            flat.extend((m, i) for m in found)
        else:
            flat.append((Morph("W"), i))
    return flat


def _amounts(words: Sequence[str], flat: list[tuple[Morph, int]]) -> list[_Amount]:
    found: list[_Amount] = []
    for f, (m, ti) in enumerate(flat):
        if m.kind != "UNIT" or m.case == "bad":
            continue
        g = f
        while g > 0 and flat[g - 1][0].kind in NUMBER_KINDS:
            g -= 1
        run = [x[0] for x in flat[g:f]]
        if run:
            value = value_of(run)
            if value is None:
                continue  # "kaksi kolme tuntia", "pari tuntia": no single amount
            if [x.kind for x in run] == ["HALF"] and g >= 2:
                # "kaksi ja puoli tuntia"
                j = flat[g - 1]
                if j[0].kind == "W" and words[j[1]] == "ja":
                    h = g - 1
                    while h > 0 and flat[h - 1][0].kind in NUMBER_KINDS:
                        h -= 1
                    if h < g - 1:
                        whole = value_of([x[0] for x in flat[h : g - 1]])
                        if whole is None or whole != int(whole):
                            continue
                        value = whole + 0.5
                        g = h
        else:
            if m.case not in ("nom", "gen", "trans", "adj"):
                continue  # "tuntia", "45 min" without a number is no amount
            if ti > 0 and words[ti - 1] in _QUANTIFIERS:
                continue  # "muutama minuutti", "joka tunti", "se tunti"
            value = 1.0
        amount = _Amount(value * m.value, flat[g][1], ti + 1, m.value, m.case)
        amount.after_unit = g > 0 and flat[g - 1][0].kind == "UNIT"
        found.append(amount)
    return _join_and_extend(words, found)


def _join_and_extend(words: Sequence[str], amounts: list[_Amount]) -> list[_Amount]:
    n = len(words)
    joined: list[_Amount] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        if a.end + 1 < n and words[a.end] == "ja":
            nxt = amounts[i + 1] if i + 1 < len(amounts) else None
            if nxt is not None and nxt.start == a.end + 1 and nxt.unit < a.unit:
                # "tunti ja vartti", "tunnin ja kymmenen minuutin"
                a = _Amount(a.minutes + nxt.minutes, a.start, nxt.end, nxt.unit, nxt.case)
                i += 1
            elif words[a.end + 1] in ("puoli", "puol") and (
                nxt is None or nxt.start != a.end + 1
            ):
                a = _Amount(a.minutes + a.unit / 2, a.start, a.end + 2, a.unit, a.case)
        elif _hours_then_minutes(a, amounts[i + 1] if i + 1 < len(amounts) else None):
            # "tunti kymmenen minuuttia" (spoken without "ja")
            nxt = amounts[i + 1]
            a = _Amount(a.minutes + nxt.minutes, a.start, nxt.end, nxt.unit, nxt.case)
            i += 1
        while a.end < n and words[a.end] in _EXTENDERS:
            a.end += 1
            a.extended = True
        s = a.start
        while s > 0 and words[s - 1] in _MODIFIERS:
            s -= 1
        a.mod_start = s
        joined.append(a)
        i += 1
    return joined


def _hours_then_minutes(a: _Amount, nxt: _Amount | None) -> bool:
    """Whole hours directly followed by fewer than 60 minutes, both in the nominative/partitive."""
    return (
        nxt is not None
        and nxt.start == a.end
        and a.unit == 60
        and nxt.unit == 1
        and a.minutes == int(a.minutes)
        and a.case in ("nom", "part")
        and nxt.case in ("nom", "part")
        and 0 < nxt.minutes < 60
    )


_EVERY = ("paiv", "viik", "kerta", "kuuka", "aamu", "ilta", "vuo", "tunti")


def _is_veto(words: Sequence[str], pos: int, before: bool) -> bool:
    w = words[pos]
    if w == "kertaa" and pos > 0 and words[pos - 1] in ("talla", "tall"):
        return False  # "tällä kertaa" = this time
    if w in _VETO_WORDS:
        return True
    if w == "et" and before:
        return True  # "et" = you don't; after the amount it is nearly always "että"
    if w in ("joka", "jokainen") and pos + 1 < len(words) and words[pos + 1].startswith(_EVERY):
        return True  # "joka päivä": a routine, not this meeting ("joka" alone is a relative pronoun)
    if len(w) >= 5 and w.endswith(("nut", "nyt", "neet", "llut", "llyt")) and w not in _OK_PARTICIPLES:
        return True  # past participle: "on kestänyt", "olen odottanut"
    if len(w) >= 6 and w.endswith("tiin") and w != "varattiin":
        return True  # past passive: "puhuttiin", "odotettiin"
    return False


_OUR_TIME_NOUNS = frozenset(
    "aika aikaa ajan aikaakin aikaahan keskusteluaikaa tapaamisaikaa jutteluaikaa tapaamisaika".split()
)


def _other_time_noun(w: str) -> bool:
    """A compound of "aika" that names some other time (lääkäriaika, lisäaikaa, harkinta-aika)."""
    return len(w) > 5 and w.endswith(("aika", "aikaa", "ajan", "ajaksi")) and w not in _OUR_TIME_NOUNS


def _is_adessive(w: str) -> bool:
    return (w.endswith("lla") and len(w) > 4) or w in _COLLOQUIAL_ADESSIVES


def _possessor(words: Sequence[str], before: range, after: range) -> str | None:
    """Whose time it is: 'ours', 'other' or None, from the nearest adessive word."""
    order = sorted(
        [(before.stop - p, 0, p) for p in before] + [(p - after.start + 1, 1, p) for p in after]
    )
    for _, _, p in order:
        w = words[p]
        if not _is_adessive(w) or w in _NEUTRAL_ADESSIVES:
            continue
        if w in _MINE:
            return "ours" if any(words[q] in _FOR_YOU for q in [*before, *after]) else "other"
        return "ours" if w in _OURS else "other"
    return None


def _clause_range(words: Sequence[str], lo: int, hi: int) -> tuple[range, range, range]:
    n = len(words)
    b0 = max(0, lo - BEFORE_WINDOW)
    for k in range(lo - 1, b0 - 1, -1):
        if words[k] in _BOUNDARIES:
            b0 = k + 1
            break
    a1 = min(n, hi + AFTER_WINDOW)
    for k in range(hi, a1):
        if words[k] in _BOUNDARIES:
            a1 = k
            break
    return range(b0, lo), range(hi, a1), range(hi, min(a1, hi + AFTER_VETO_WINDOW))


# What a reservation may be for: this meeting, us, today ("tälle tapaamiselle on varattu ...").
_OUR_TARGETS = frozenset(
    """
    tahan talle tuohon tapaamiseen tapaamiselle keskusteluun keskustelulle meille sinulle sulle
    teille minulle mulle paivalle kerralle tapaamisellemme keskustelullemme
    """.split()
)
# Between a reservation's target and the verb ("kurssille on nyt varattu").
_TARGET_SKIP = frozenset("on oli nyt tanaan jo meilla meil siis tassa".split()) | _OUR_TARGETS
_RESERVING = frozenset(w for w in _CONTEXT_WORDS if w.startswith("vara"))


def _directional(w: str) -> bool:
    """Illative or allative ending: where something goes ("kurssiin", "hakemukseen", "kurssille")."""
    return len(w) > 4 and (w.endswith("lle") or w.endswith(("aan", "een", "iin", "oon", "uun", "yyn", "hin")))


def _reserved_for_other(words: Sequence[str], verb: int, amount: int) -> bool:
    """ "kurssille on varattu kaksi tuntia", "varasin haastatteluun tunnin": reserved, but not for us."""
    for q in range(verb + 1, amount):
        if _directional(words[q]) and words[q] not in _TARGET_SKIP:
            return True
    q = verb - 1
    while q >= 0 and words[q] in _TARGET_SKIP and words[q] not in _OUR_TARGETS:
        q -= 1
    return q >= 0 and _directional(words[q]) and words[q] not in _OUR_TARGETS


def _meeting_is_subject(words: Sequence[str], verb: int) -> bool:
    """Is the subject of the verb of lasting at ``verb`` this meeting? Read from the nearest word
    before it (adverbs skipped); a demonstrative counts only when no noun follows it."""
    q = verb - 1
    while q >= 0 and words[q] in _SUBJECT_SKIP:
        q -= 1
    return q >= 0 and words[q] in _MEETING_SUBJECTS


def _meeting_time_context(words: Sequence[str], lo: int, hi: int, questions: Sequence[int]) -> str | None:
    """'strong', 'weak' or None for the span words[lo:hi]; 'reject' if something vetoes it."""
    before, after, after_near = _clause_range(words, lo, hi)
    if lo > 0 and words[lo - 1] in _BEFORE_VETO:
        return "reject"
    if hi < len(words) and words[hi] in _AFTER_VETO:
        return "reject"
    for p in before:
        if _is_veto(words, p, True):
            return "reject"
    for p in after_near:
        if _is_veto(words, p, False):
            return "reject"
    for p in list(before)[-REMAINING_WINDOW:] + list(after_near):
        if words[p] in _REMAINING_WORDS:
            return "reject"
    if any(before.start <= q < before.stop for q in questions):
        return "reject"  # "onko meillä tunti aikaa": asked, not announced
    owner = _possessor(words, before, after)
    if owner == "other":
        return "reject"
    if any(_other_time_noun(words[p]) for p in list(before) + list(after_near)):
        return "reject"  # "lääkäriaika on varattu ...", "saat lisäaikaa ..."
    if any(words[p] in _RESERVING and _reserved_for_other(words, p, lo) for p in before):
        return "reject"
    strong = False
    for p in list(before) + list(after_near)[:2]:
        if words[p] in _LASTING_VERBS:
            if not _meeting_is_subject(words, p):
                return "reject"  # "tämä kurssi kestää kaksi tuntia", "tää hakemus vie puol tuntia"
            strong = True
    for p in list(before) + list(after):
        w = words[p]
        if w in _CONTEXT_WORDS:
            strong = True
        elif w == "aika":
            nxt = words[p + 1] if p + 1 < len(words) else ""
            prv = words[p - 1] if p > 0 else ""
            if nxt == "on" or prv in ("meidan", "meijan", "tapaamisen"):
                strong = True  # "aika on puoli tuntia", "meidän aika on ..."
    if strong:
        return "strong"
    if owner == "ours" and "on" in (words[p] for p in before):
        return "weak"
    return None


def _accept(words: Sequence[str], a: _Amount, questions: Sequence[int]) -> bool:
    minutes = a.minutes
    if minutes != int(minutes) or not (MIN_MINUTES <= minutes <= MAX_MINUTES):
        return False
    context = _meeting_time_context(words, a.mod_start, a.end, questions)
    if context in (None, "reject"):
        return False
    nxt = words[a.end] if a.end < len(words) else None
    follows_well = nxt is None or nxt in _FOLLOW_OK or nxt in _CONTEXT_WORDS or nxt in _MEETING_NOUNS
    if a.case in ("gen", "adj") and not a.extended and not follows_well:
        return False  # "puolen tunnin tauko", "tunnin matka": the amount describes something else
    if context == "strong":
        return True
    return follows_well and (a.case in ("nom", "part", "abbr") or a.extended)


# ---------------------------------------------------------------- clock times ("kello 11 asti")

_UNTIL = frozenset("asti saakka mennessa".split())
_CLOCK = frozenset("kello klo".split())


def _hour_at(words: Sequence[str], flat_by_word: list[list[Morph]], i: int) -> tuple[float, int] | None:
    """A number of one or two words starting at word i: (value, next index)."""
    best = None
    for j in range(i + 1, min(len(words), i + 2) + 1):
        last = flat_by_word[j - 1]
        if not last or any(m.kind not in NUMBER_KINDS for m in last):
            break
        morphs = [m for k in range(i, j) for m in flat_by_word[k]]
        v = value_of(morphs)
        if v is not None:
            best = (v, j)
    return best


def _parse_clock(words: Sequence[str], flat_by_word: list[list[Morph]], i: int) -> tuple[int, int, int] | None:
    """(hour, minute, next index) of a clock time starting at word i."""
    if i >= len(words):
        return None
    w = words[i]
    if ":" in w or ("." in w and w[0].isdigit()):
        hh, _, mm = w.replace(":", ".").partition(".")
        if hh.isdigit() and mm.isdigit() and len(mm) == 2:
            return int(hh), int(mm), i + 1
        return None
    if w in ("puoli", "puol"):
        got = _hour_at(words, flat_by_word, i + 1)
        if got and got[0] == int(got[0]):
            return (int(got[0]) - 1) % 24, 30, got[1]
        return None
    if w == "varttia" and i + 1 < len(words) and words[i + 1] in ("yli", "vaille"):
        got = _hour_at(words, flat_by_word, i + 2)
        if got and got[0] == int(got[0]):
            if words[i + 1] == "yli":
                return int(got[0]), 15, got[1]
            return (int(got[0]) - 1) % 24, 45, got[1]
        return None
    got = _hour_at(words, flat_by_word, i)
    if not got or got[0] != int(got[0]):
        return None
    hour, j = int(got[0]), got[1]
    minute = 0
    more = _hour_at(words, flat_by_word, j)
    if more and more[0] == int(more[0]) and 0 < more[0] < 60:
        minute, j = int(more[0]), more[1]
    return hour, minute, j


def _minutes_until(hour: int, minute: int, now: _dt.datetime | _dt.time) -> int | None:
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    t = now.time() if isinstance(now, _dt.datetime) else now
    now_min = t.hour * 60 + t.minute + t.second / 60
    target = (hour % 24) * 60 + minute
    options = [target] if hour > 12 or hour == 0 else [target, target + 12 * 60]
    deltas = [((o - now_min) % (24 * 60)) for o in options]
    best = min(deltas)
    return int(round(best))


def _clock_amounts(words: Sequence[str], flat: list[tuple[Morph, int]], now: _dt.datetime | _dt.time) -> list[_Amount]:
    by_word: list[list[Morph]] = [[] for _ in words]
    for m, i in flat:
        if m.kind != "W":
            by_word[i].append(m)
    found: list[_Amount] = []
    n = len(words)
    for i, w in enumerate(words):
        parsed = None
        start = i
        if w in _CLOCK:
            parsed = _parse_clock(words, by_word, i + 1)
        elif w in _UNTIL and i > 0 and words[i - 1] not in _CLOCK:
            for s in range(max(0, i - 4), i):
                if s > 0 and words[s - 1] in _CLOCK:
                    continue  # that one is read from its "kello"
                p = _parse_clock(words, by_word, s)
                if p and p[2] == i:
                    parsed, start = p, s
                    break
            if parsed is None:
                continue
            parsed = (parsed[0], parsed[1], i)
        if parsed is None:
            continue
        hour, minute, end = parsed
        if not (end < n and words[end] in _UNTIL):
            continue  # a time of day without "asti" is not the end of this meeting
        minutes = _minutes_until(hour, minute, now)
        if minutes is None:
            continue
        found.append(_Amount(float(minutes), start, end + 1, 0.0, "clock", mod_start=start))
    return found


def _accept_clock(words: Sequence[str], a: _Amount, questions: Sequence[int]) -> bool:
    if not (MIN_MINUTES <= a.minutes <= MAX_MINUTES):
        return False
    return _meeting_time_context(words, a.mod_start, a.end, questions) in ("strong", "weak")


def announced_minutes(
    words: Sequence[str], now: _dt.datetime | _dt.time | None = None
) -> int | None:
    """Minutes of this meeting announced in the folded words, or None (see module doc)."""
    flat = analyse_words(words)
    amounts = _amounts(words, flat)
    clock = _clock_amounts(words, flat, now) if now is not None else []
    if not amounts and not clock:
        return None
    if any(a.after_unit for a in amounts):
        return None  # two units side by side ("tuntia vartti"): recognition lost words, precision first
    questions = [i for i, _ in find_questions(words)]
    values = {int(a.minutes) for a in amounts if _accept(words, a, questions)}
    values |= {int(a.minutes) for a in clock if _accept_clock(words, a, questions)}
    if len(values) == 1:
        return values.pop()
    return None
