"""The meeting length the expert announces in Swedish ("vi har en halvtimme i dag").

The same precision-first rules as the Finnish reader (duration.py): an amount of 5–180 minutes
counts only when its clause speaks about this meeting's time,
- "vi har ..." (also inverted after an adverb: "idag har vi ..."), "jag har ... för dig",
- this meeting lasting: "mötet / samtalet / det här tar ...", "vår tid är ...", "vi har bokat ...",
and nothing marks it as some other time: another owner ("du har en timme på dig"), another subject
("kursen tar två timmar"), past ("hade", "väntade"), another occasion ("nästa vecka"), a point in
time ("om en halvtimme", "för en timme sedan"), a rate ("om dagen"), what is left ("kvar",
"en timme till"), a negation, a condition or a question ("har vi en timme"). A bare amount
("en halvtimme") sets nothing, and all qualifying amounts in the utterance must agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kohtaava_desk.language.duration import MAX_MINUTES, MIN_MINUTES
from kohtaava_desk.language.sv_numbers import TENS, UNITS, is_number, run_value
from kohtaava_desk.language.sv_questions import PARTICLES, find_questions

# form -> (minutes per unit, case): "nom" standing alone, "gen" describing a noun ("en timmes paus").
_UNITS: dict[str, tuple[int, str]] = {
    **{w: (60, "nom") for w in "timme timmen timmar timmarna h".split()},
    **{w: (60, "gen") for w in "timmes timmars".split()},
    **{w: (1, "nom") for w in "minut minuten minuter minuterna min".split()},
    **{w: (1, "gen") for w in "minuts minuters".split()},
    **{w: (15, "nom") for w in "kvart kvarten".split()},
    **{w: (15, "gen") for w in "kvarts".split()},
}
_HALF_HOURS: dict[str, str] = {"halvtimme": "nom", "halvtimmen": "nom", "halvtimmes": "gen"}
_MODIFIERS = frozenset(
    "ungefär cirka ca omkring runt kring nästan drygt knappt bara precis max högst typ en dryg god".split()
)
_CONTEXT_NOUNS = frozenset("mötet samtalet träffen besöket mötes samtals".split())
_LASTING = frozenset("tar varar pågår räcker".split())
_SUBJECT_SKIP = frozenset("nu idag väl nog bara ungefär cirka".split())
_VETO = frozenset(
    """
    hade tog varade pågick väntade väntat väntar var höll ringde jobbade satt gick blev kom brukade
    brukar förra senast sist igår nyss tidigare nästa imorgon morgon kommande senare efter innan
    inom före över under minst mer mindre per varje dagligen dagen veckan månaden året kvar
    återstår resten inte int ingen inga aldrig utan om skulle kunde kanske borde
    """.split()
)
_OTHER_OWNERS = frozenset("du ni han hon de dom kursen man".split())
_FOLLOW_OK = frozenset(
    "på oss idag i dag nu tillsammans så och men för att eller totalt sammanlagt med dig tid okej ok ja bra".split()
)
_BOUNDARIES = frozenset("men eftersom fast medan när".split())
BEFORE_WINDOW = 6
AFTER_VETO_WINDOW = 4


@dataclass
class _Amount:
    minutes: float
    start: int
    end: int
    case: str


def _number_before(words: Sequence[str], i: int) -> tuple[float, int] | None:
    """The number ending just before word i: (value, first index), one or two tokens."""
    if i >= 2 and words[i - 2] in TENS and words[i - 1] in UNITS and words[i - 1] not in ("en", "ett"):
        v = run_value(words[i - 2 : i])
        if v is not None:
            return v, i - 2
    if i >= 1 and is_number(words[i - 1]):
        v = run_value(words[i - 1 : i])
        if v is not None:
            return v, i - 1
    return None


def _amounts(words: Sequence[str]) -> list[_Amount]:
    found: list[_Amount] = []
    for i, w in enumerate(words):
        if w in _HALF_HOURS:
            start = i - 1 if i > 0 and words[i - 1] in ("en", "ett") else i
            if start == i and i > 0 and is_number(words[i - 1]):
                continue  # "två halvtimmar"
            found.append(_Amount(30.0, start, i + 1, _HALF_HOURS[w]))
            continue
        if w not in _UNITS:
            continue
        per, case = _UNITS[w]
        if w in ("min", "h") and not (i > 0 and is_number(words[i - 1]) and words[i - 1].isdigit()):
            continue  # abbreviations only after digits
        if i >= 2 and words[i - 1] == "halv" and words[i - 2] in ("en", "ett"):
            # "en halv timme"; "två och en halv timme"
            if i >= 4 and words[i - 3] == "och" and is_number(words[i - 4]):
                whole = _number_before(words, i - 3)
                if whole is None:
                    continue
                found.append(_Amount((whole[0] + 0.5) * per, whole[1], i + 1, case))
            else:
                found.append(_Amount(0.5 * per, i - 2, i + 1, case))
            continue
        if i >= 1 and words[i - 1] == "halvannan":
            found.append(_Amount(1.5 * per, i - 1, i + 1, case))
            continue
        number = _number_before(words, i)
        if number is None:
            continue  # "varje timme", "några minuter", "ett par timmar": no single amount
        if i >= 2 and number[1] == i - 1 and words[i - 2] in ("par", "några"):
            continue
        found.append(_Amount(number[0] * per, number[1], i + 1, case))
    return _join(words, found)


def _join(words: Sequence[str], amounts: list[_Amount]) -> list[_Amount]:
    """ "en timme och en kvart", "en timme och tio minuter", "en timme tio minuter"."""
    out: list[_Amount] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        nxt = amounts[i + 1] if i + 1 < len(amounts) else None
        if nxt is not None and a.minutes % 60 == 0 and a.case == nxt.case == "nom" and nxt.minutes < 60:
            gap = words[a.end : nxt.start]
            if gap in (["och"], []):
                a = _Amount(a.minutes + nxt.minutes, a.start, nxt.end, a.case)
                i += 1
        out.append(a)
        i += 1
    return out


_OK_SUPINES = frozenset("bokat reserverat avsatt avsett planerat".split())


def _supine(w: str) -> bool:
    """A past participle after "har" ("pratat", "suttit", "väntat"), other than for booking."""
    return len(w) >= 5 and w.endswith(("at", "it", "tt")) and w not in _OK_SUPINES


def _clause(words: Sequence[str], lo: int, hi: int) -> tuple[range, range]:
    b0 = max(0, lo - BEFORE_WINDOW)
    for k in range(lo - 1, b0 - 1, -1):
        if words[k] in _BOUNDARIES:
            b0 = k + 1
            break
    a1 = min(len(words), hi + AFTER_VETO_WINDOW)
    for k in range(hi, a1):
        if words[k] in _BOUNDARIES:
            a1 = k
            break
    return range(b0, lo), range(hi, a1)


def _subject_before(words: Sequence[str], verb: int, floor: int) -> str | None:
    q = verb - 1
    while q >= floor and words[q] in _SUBJECT_SKIP:
        q -= 1
    return words[q] if q >= floor else None


def _context(words: Sequence[str], a: _Amount, questions: Sequence[int]) -> str | None:
    """'strong', 'weak' or None; None also when something vetoes the amount."""
    s = a.start
    while s > 0 and words[s - 1] in _MODIFIERS:
        s -= 1
    before, after = _clause(words, s, a.end)
    if any(words[p] in _VETO for p in list(before) + list(after)):
        return None
    if any(_supine(words[p]) for p in before):
        return None  # "vi har pratat en timme": time already spent
    if a.end < len(words) and words[a.end] in ("till", "sedan", "sen"):
        return None  # "en timme till" = one more hour; "för en timme sedan"
    if any(before.start <= q < before.stop for q in questions):
        return None
    strong = False
    for p in before:
        w = words[p]
        if w == "har":
            prev = words[p - 1] if p > 0 else ""
            nxt = words[p + 1] if p + 1 < len(words) else ""
            if prev in _OTHER_OWNERS or (nxt in _OTHER_OWNERS and prev not in ("vi", "jag")):
                return None  # "du har en timme på dig", "har du ..."
            if prev == "vi":
                strong = strong or "bokat" in (words[p + 1 : s])
                return "strong" if strong else "weak"
            if nxt == "vi":
                if p == before.start and all(x in PARTICLES for x in words[:p]):
                    return None  # "har vi en timme": asked, not announced
                return "weak"  # "idag har vi en halvtimme"
            if prev == "jag" and any(words[q] in ("dig", "er") for q in after):
                return "weak"  # "jag har en timme för dig"
        if w in _LASTING:
            subject = _subject_before(words, p, before.start)
            if subject in _CONTEXT_NOUNS or (subject == "här" and p >= 2 and words[p - 2] == "det"):
                strong = True
            else:
                return None  # "kursen tar två timmar", "det tar en halvtimme med bussen"
        if w == "är" and p >= 1 and words[p - 1] in ("tid", "tiden", "mötet", "samtalet"):
            if words[p - 1] == "tid" and not (p >= 2 and words[p - 2] == "vår"):
                continue
            strong = True  # "vår tid är en halvtimme", "mötet är en timme"
        if w == "idag" and p + 1 < len(words) and words[p + 1] == "är" and p >= 1 and words[p - 1] == "tid":
            strong = strong or (p >= 2 and words[p - 2] == "vår")  # "vår tid idag är ..."
    return "strong" if strong else None


def announced_minutes(words: Sequence[str]) -> int | None:
    """Minutes of this meeting announced in the (Swedish) words, or None (see module doc)."""
    amounts = _amounts(words)
    if not amounts:
        return None
    questions = [i for i, _ in find_questions(words)]
    values: set[int] = set()
    for a in amounts:
        if a.minutes != int(a.minutes) or not (MIN_MINUTES <= a.minutes <= MAX_MINUTES):
            continue
        context = _context(words, a, questions)
        if context is None:
            continue
        nxt = words[a.end] if a.end < len(words) else None
        follows_well = nxt is None or nxt in _FOLLOW_OK or nxt in _CONTEXT_NOUNS
        if a.case == "gen" and not (nxt in _CONTEXT_NOUNS or nxt in ("möte", "samtal")):
            continue  # "en timmes lunchpaus": the amount describes something else
        if context == "weak" and not follows_well and a.case != "gen":
            continue  # "vi har två timmar engelska"
        values.add(int(a.minutes))
    return values.pop() if len(values) == 1 else None
