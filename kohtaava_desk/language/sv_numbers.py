"""Swedish number words as a recogniser writes them: "fyrtiofem", "fyrtio fem", "tjugo", "45",
and the spoken short forms ("fyrti", "förtifem", "tretti").
"""

from __future__ import annotations

from typing import Sequence

from kohtaava_desk.language.numbers import digit_value

UNITS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9}
TEENS = {
    "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16,
    "sjutton": 17, "arton": 18, "aderton": 18, "nitton": 19,
}
TENS = {
    "tjugo": 20, "tjugu": 20, "tjuge": 20, "trettio": 30, "tretti": 30, "trettie": 30, "fyrtio": 40,
    "förtio": 40, "fyrti": 40, "förti": 40, "femtio": 50, "femti": 50, "sextio": 60, "sexti": 60,
    "sjuttio": 70, "sjutti": 70, "åttio": 80, "åtti": 80, "nittio": 90, "nitti": 90,
}


def word_value(word: str) -> int | None:
    """Value of one number word ("fem", "femton", "fyrtiofem", "hundra"), or None."""
    for table in (UNITS, TEENS, TENS):
        if word in table:
            return table[word]
    if word in ("hundra", "etthundra"):
        return 100
    for tens, value in TENS.items():
        if word.startswith(tens) and word[len(tens):] in UNITS:
            return value + UNITS[word[len(tens):]]
    return None


def run_value(words: Sequence[str]) -> float | None:
    """Value of one or two tokens that make one number ("fyrtio fem", "45"), or None."""
    if len(words) == 1:
        d = digit_value(words[0])
        if d is not None:
            return d
        v = word_value(words[0])
        return None if v is None else float(v)
    if len(words) == 2 and words[0] in TENS and words[1] in UNITS and words[1] not in ("en", "ett"):
        return float(TENS[words[0]] + UNITS[words[1]])
    return None


def is_number(word: str) -> bool:
    return digit_value(word) is not None or word_value(word) is not None
