"""Turning one utterance into comparable word tokens, and tolerant word comparison.

Speech recognition output has no punctuation or capitals and often loses the dots of ä/ö or
one letter of a doubled consonant, so everything is compared in a *folded* spelling (lower
case; in Finnish also ä→a, ö→o, å→o, while Swedish keeps å/ä/ö) and, where a rule says so, a *squashed* one (doubled letters made
single). Nothing here keeps the text: these are pure functions over their arguments.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans(
    {"ä": "a", "ö": "o", "å": "o", "é": "e", "è": "e", "ü": "y", "š": "s", "ž": "z", "á": "a"}
)
# Swedish keeps å, ä and ö: folding them merges words that matter here ("här" and "har",
# "vår" and "var"); a recogniser writes them, and a lost dot is one letter slip for the cue matcher.
_FOLD_SV = str.maketrans({"é": "e", "è": "e", "ü": "y", "á": "a"})

# Digits keep a decimal or clock separator ("1,5", "11.30", "11:30"); words are runs of letters.
_TOKEN_RE = re.compile(r"\d+(?:[.,:]\d+)?|[a-z]+")
_TOKEN_RE_SV = re.compile(r"\d+(?:[.,:]\d+)?|[a-zåäö]+")
_DOUBLE_RE = re.compile(r"(.)\1+")


def fold(text: str, language: str = "fi") -> str:
    """Lower-case and drop the dots from ä/ö (recognisers and keyboards both lose them)."""
    return text.lower().translate(_FOLD_SV if language == "sv" else _FOLD)


def tokens(text: str, language: str = "fi") -> list[str]:
    """Folded word tokens of an utterance; punctuation and hyphens only separate words."""
    return (_TOKEN_RE_SV if language == "sv" else _TOKEN_RE).findall(fold(text, language))


def squash(word: str) -> str:
    """Make doubled letters single: "minuuttia" and a recogniser's "minuutia" meet as "minutia"."""
    return _DOUBLE_RE.sub(r"\1", word)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it is known to exceed ``limit``."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if len(a) > len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        row_min = i
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(cost)
            if cost < row_min:
                row_min = cost
        if row_min > limit:
            return limit + 1
        previous = current
    return previous[-1] if previous[-1] <= limit else limit + 1


def allowed_edits(word: str) -> int:
    """How many letter edits still count as the same word: none for short words, whose
    neighbours are other real words ("on"/"en", "nyt"/"nyr"), more for long ones."""
    n = len(word)
    if n <= 4:
        return 0
    if n <= 8:
        return 1
    return 2


def common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def same_stem(a: str, b: str) -> bool:
    """True when two longer words plausibly differ only by their inflectional ending
    ("tilanteesi" / "tilanteestasi", "mahdollisuuksia" / "mahdollisuudet").

    Kept strict on purpose: short verb forms that share a beginning mean different things
    ("lopetetaan" = let's finish, "lopetin" = I quit), so at least six shared letters and at
    most three differing letters of the shorter word are required. Phrase writers who want a
    looser match mark a stem with "*" (see cues.py).
    """
    shorter = min(len(a), len(b))
    if shorter < 6:
        return False
    return common_prefix(a, b) >= max(6, shorter - 3)
