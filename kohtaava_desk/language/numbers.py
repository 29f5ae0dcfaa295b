"""Finnish number words as a recogniser writes them: standard, inflected and colloquial.

A number word is cut into *morphemes* ("kahdenkymmenenviiden" → kahden | kymmenen | viiden),
each a :class:`Morph` with a kind, and a run of morphemes (possibly spread over several tokens,
since recognisers split compounds at random) is valued by a small grammar. All spellings are
folded (ä→a, ö→o), see :mod:`normalize`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from kohtaava_desk.language.normalize import squash


@dataclass(frozen=True)
class Morph:
    """One meaningful piece of a word."""

    kind: str
    """U unit 1–9, T ten (alone = 10, after a unit = ×10), M ×10 only (colloquial "kyt"),
    E teen ("toista"), H hundred, P approximate unit that only multiplies tens ("pari",
    "kolmisen"), X approximate ten ("kymmenisen"), HALF ("puoli"), ONEHALF ("puolitoista"),
    or any kind a caller adds (time units use "UNIT")."""
    value: float = 0.0
    """Numeric value for U/P (the digit), X (10); for time units the minutes."""
    case: str = ""
    """Grammatical case of the form where a caller cares (time units): nom, part, gen, ..."""


# Case endings added to the weak stem (genitive "kahden", inessive "kahdessa", ...) and the
# colloquial short translative ("kahdeks").
_WEAK_ENDINGS = ("n", "ssa", "sta", "lla", "lle", "lta", "ksi", "ks")

# value: (nominatives, weak stems, strong stems (essive/illative), partitives, illatives)
_UNITS: dict[int, tuple[tuple[str, ...], ...]] = {
    1: (("yksi", "yks"), ("yhde", "yhe"), ("yhte",), ("yhta",), ("yhteen",)),
    2: (("kaksi", "kaks"), ("kahde", "kahe"), ("kahte",), ("kahta",), ("kahteen",)),
    3: (("kolme",), ("kolme",), ("kolme",), ("kolmea", "kolmee"), ("kolmeen",)),
    4: (("nelja",), ("nelja",), ("nelja",), ("neljaa",), ("neljaan",)),
    5: (("viisi", "viis"), ("viide", "viie"), ("viite",), ("viitta",), ("viiteen",)),
    6: (("kuusi", "kuus"), ("kuude", "kuue"), ("kuute",), ("kuutta",), ("kuuteen",)),
    7: (
        ("seitseman", "seitteman", "seitsaman"),
        ("seitsema", "seittema"),
        ("seitsema",),
        ("seitsemaa",),
        ("seitsemaan",),
    ),
    8: (
        ("kahdeksan", "kaheksan"),
        ("kahdeksa", "kaheksa"),
        ("kahdeksa",),
        ("kahdeksaa",),
        ("kahdeksaan",),
    ),
    9: (
        ("yhdeksan", "yheksan"),
        ("yhdeksa", "yheksa"),
        ("yhdeksa",),
        ("yhdeksaa",),
        ("yhdeksaan",),
    ),
}

# Colloquial short stems that only occur glued to "kyt" (kolkyt = 30, nelkyt = 40, seitkyt = 70).
_TENS_ONLY_STEMS = {"kol": 3, "nel": 4, "seit": 7, "kasi": 8}

_TEN = (
    "kymmenen", "kymmenta", "kymment", "kymmene"
)
_TEN_STEM = "kymmene"
_TEN_MULTIPLIER_ONLY = ("kyt", "kymppia", "kymppii")
_TEN_ALONE_ONLY = ("kymppi", "kympin", "kymmenkunta", "kymmenkunnan", "kymmenisen")
_TEENS = ("toista", "toist", "toisen")
_HUNDREDS = ("sata", "sataa", "sadan", "sadaksi", "sadassa")
_HALVES = ("puoli", "puol", "puolen", "puoleksi", "puoliks", "puolisen")
_ONE_AND_HALF = (
    "puolitoista", "puoltoista", "puolentoista", "puolitoist", "puoltoist", "puolentoist",
    "puoleksitoista", "puolitoistaa", "puolisentoista",
)
_APPROX_UNITS = {"pari": 2, "parisen": 2, "kolmisen": 3, "nelisen": 4, "viitisen": 5, "kuutisen": 6}


def _build_number_lexicon() -> dict[str, Morph]:
    lex: dict[str, Morph] = {}

    def put(form: str, morph: Morph) -> None:
        lex.setdefault(form, morph)

    for value, (noms, weak, strong, parts, ills) in _UNITS.items():
        m = Morph("U", float(value))
        for form in noms + parts + ills:
            put(form, m)
        for stem in weak:
            for ending in _WEAK_ENDINGS:
                put(stem + ending, m)
        for stem in strong:
            put(stem + "na", m)
    for form, value in _TENS_ONLY_STEMS.items():
        # Only meaningful before "kyt"; kept as P so the grammar refuses it standing alone.
        put(form, Morph("P", float(value)))
    for form in _TEN:
        put(form, Morph("T"))
    for ending in _WEAK_ENDINGS:
        put(_TEN_STEM + ending, Morph("T"))
    put("kymmeneen", Morph("T"))
    for form in _TEN_MULTIPLIER_ONLY:
        put(form, Morph("M"))
    for form in _TEN_ALONE_ONLY:
        put(form, Morph("X", 10.0))
    for form in _TEENS:
        put(form, Morph("E"))
    for form in _HUNDREDS:
        put(form, Morph("H"))
    for form in _HALVES:
        put(form, Morph("HALF", 0.5))
    for form in _ONE_AND_HALF:
        put(form, Morph("ONEHALF", 1.5))
    for form, value in _APPROX_UNITS.items():
        put(form, Morph("P", float(value)))
    return lex


NUMBER_LEXICON: Mapping[str, Morph] = _build_number_lexicon()
NUMBER_KINDS = frozenset({"U", "T", "M", "E", "H", "P", "X", "HALF", "ONEHALF", "DIGIT"})


def segment(word: str, lexicon: Mapping[str, Morph], max_len: int) -> tuple[Morph, ...] | None:
    """Cut ``word`` entirely into lexicon entries, longest first; None if it cannot be done."""
    n = len(word)
    memo: dict[int, tuple[Morph, ...] | None] = {}

    def from_pos(pos: int) -> tuple[Morph, ...] | None:
        if pos == n:
            return ()
        if pos in memo:
            return memo[pos]
        result = None
        for length in range(min(max_len, n - pos), 0, -1):
            morph = lexicon.get(word[pos : pos + length])
            if morph is None:
                continue
            rest = from_pos(pos + length)
            if rest is not None:
                result = (morph,) + rest
                break
        memo[pos] = result
        return result

    return from_pos(0)


class Lexicon:
    """A morpheme lexicon with an exact and a squashed (doubled letters made single) view."""

    min_squashed_length = 6
    """Words shorter than this (after squashing) must be spelled exactly."""

    def __init__(self, entries: Mapping[str, Morph]) -> None:
        self._exact = dict(entries)
        self._squashed: dict[str, Morph] = {}
        for form, morph in entries.items():
            # First writer wins, so a form listed earlier (the common case) keeps a collision.
            self._squashed.setdefault(squash(form), morph)
        self._max = max(len(f) for f in self._exact)
        self._starts = {f[:2] for f in self._exact} | {f[:2] for f in self._squashed}

    def analyse(self, word: str) -> tuple[Morph, ...] | None:
        if word[:2] not in self._starts:
            return None
        found = segment(word, self._exact, self._max)
        if found is None:
            squashed = squash(word)
            # Short squashed words collide with everyday words ("vielä" ~ "viie|llä"), so the
            # tolerant spelling is only tried on longer words.
            if len(squashed) >= self.min_squashed_length:
                found = segment(squashed, self._squashed, self._max)
        return found


_NUMBER_GRAMMAR = re.compile(
    r"^(?:(?P<hu>U)?(?P<h>H))?"
    r"(?:(?P<teen>U)E|(?P<ten>T)|(?P<tu>[UP])[TM](?P<tu1>U)?|(?P<u>U)|(?P<x>X))?$"
)


def value_of(morphs: Sequence[Morph]) -> float | None:
    """Value of a run of number morphemes, or None if the run is not one well-formed number."""
    if not morphs:
        return None
    kinds = [m.kind for m in morphs]
    if kinds == ["DIGIT"]:
        return morphs[0].value
    if kinds == ["HALF"]:
        return 0.5
    if kinds == ["ONEHALF"] or kinds == ["HALF", "E"]:
        return 1.5
    if any(k not in {"U", "T", "M", "E", "H", "P", "X"} for k in kinds):
        return None
    match = _NUMBER_GRAMMAR.match("".join(kinds))
    if match is None or match.end() == 0:
        return None
    total = 0.0
    i = 0
    if match.group("h"):
        if match.group("hu"):
            total += morphs[0].value * 100
            i = 2
        else:
            total += 100
            i = 1
    rest = morphs[i:]
    if match.group("teen"):
        total += rest[0].value + 10
    elif match.group("ten"):
        total += 10
    elif match.group("tu"):
        total += rest[0].value * 10
        if match.group("tu1"):
            total += rest[2].value
    elif match.group("u"):
        total += rest[0].value
    elif match.group("x"):
        total += rest[0].value
    return total


def digit_value(token: str) -> float | None:
    """Value of a digit token such as "45" or "1,5" (a decimal comma or point)."""
    if ":" in token:
        return None
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def number_lexicon() -> Lexicon:
    return Lexicon(NUMBER_LEXICON)


def parse_number_words(words: Iterable[str]) -> float | None:
    """Value of a sequence of number words ("kaksikymmentä viisi" → 25), or None."""
    lex = number_lexicon()
    morphs: list[Morph] = []
    for word in words:
        d = digit_value(word)
        if d is not None:
            morphs.append(Morph("DIGIT", d))
            continue
        found = lex.analyse(word)
        if found is None:
            return None
        morphs.extend(found)
    return value_of(morphs)
