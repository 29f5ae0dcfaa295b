"""Is the expert asking an open or a closed question? Swedish, from words alone.

- open: a question word (vad, hur, varför, vilken, när, vem, ...) at the start of a clause, or an
  invitation to tell (berätta, beskriv, "kan du berätta ...");
- closed: the clause starts with a finite verb followed by its subject ("har du", "passar det",
  "vill du"), or ends in a tag ("eller hur", "visst", "va");
- a question word after a verb of knowing or looking ("jag vet inte vad ...", "vi tittar på vad
  ...") is an indirect question inside a statement; "hur många / länge / mycket" asks for a number
  and counts as closed.
"""

from __future__ import annotations

from typing import Sequence

from kohtaava_desk.language.questions import QuestionStyle

OPEN_WORDS = frozenset(
    "vad hur varför vilken vilket vilka vart när vem vems vilkas hurdan hurdant hurdana varifrån".split()
)
QUANTITY_AFTER_HUR = frozenset("många mycket länge ofta gammal lång långt stor dags snart".split())
REQUESTS = frozenset("berätta beskriv förklara".split())
TELL_VERBS = frozenset("berätta beskriva förklara".split())
SUBJECTS = frozenset("du ni vi han hon det den de dom man jag någon nån ni".split())
# Words that may stand before a question's verb. Adverbs ("nu", "så", "i dag") may not: after them
# the verb comes second in a statement ("nu har vi en kvart").
PARTICLES = frozenset("ja jo nej okej ok och men nå bra precis mm jaha aha hm hmm tack fint".split())
# Finite verbs that open a yes/no question ("har du ...", "passar det ...").
VERBS = frozenset(
    """
    har är vill kan ska skulle tycker tror brukar behöver känner vet minns passar går fungerar
    funkar finns gick fick hade var blev gör gjorde ser förstår hinner orkar jobbar bor söker
    sökte hittade klarar menar blir kommer får måste borde tänker gillar trivs önskar planerar
    använder talar pratar läser studerar känns verkar låter stämmer
    """.split()
)
# Verb endings of a clause-initial finite verb ("berättade du", "sökte ni"), and words that end so
# but are no verbs.
_VERB_ENDINGS = ("ar", "er", "ir", "är", "ör", "de", "te", "dde")
_NOT_VERBS = frozenset("där här när eller efter under över för mer kvar sommar vinter sedan".split())
# Verbs that ask without a pronoun ("passar måndag", "stämmer det").
_BARE_ASKING = frozenset("passar stämmer funkar fungerar".split())


def _finite_verb(w: str) -> bool:
    return w in VERBS or (len(w) >= 4 and w.endswith(_VERB_ENDINGS) and w not in _NOT_VERBS)


# A question word right after one of these opens an indirect question inside a statement.
GOVERNORS = frozenset(
    """
    vet veta visste undrar undra ser se såg titta tittar kolla kollar på om förstår förstå minns
    tänker funderar fundera beror oavsett sa sade berättade hörde ihåg av det just precis än
    """.split()
)
_NOT_QUESTION_AFTER = frozenset("som helst".split())
_TAGS_AT_END = (("eller", "hur"), ("inte", "sant"), ("eller", "vad"), ("eller", "inte"))
_LAST_TAGS = frozenset("va visst eller".split())


def _clause_start(words: Sequence[str], i: int) -> bool:
    return i == 0 or words[i - 1] in PARTICLES or all(w in PARTICLES for w in words[:i])


def _style_at(words: Sequence[str], i: int) -> QuestionStyle | None:
    n = len(words)
    w = words[i]
    prev = words[i - 1] if i > 0 else ""
    nxt = words[i + 1] if i + 1 < n else ""
    if w in REQUESTS and _clause_start(words, i):
        return "open"
    if w in OPEN_WORDS:
        if nxt in _NOT_QUESTION_AFTER or prev in GOVERNORS or not _clause_start(words, i):
            return None
        if w == "hur" and nxt in QUANTITY_AFTER_HUR:
            return "closed"
        return "open"
    if w == "var" and _clause_start(words, i) and nxt and nxt not in SUBJECTS:
        return "open"  # "var bor du" = where; "var det bra" = was it (below)
    if w in _BARE_ASKING and i == 0 and n >= 2:
        return "closed"
    if nxt in SUBJECTS and _clause_start(words, i) and _finite_verb(w):
        # "kan du berätta ...", "vill du beskriva ...": an invitation to tell
        if any(x in TELL_VERBS for x in words[i + 2 : i + 5]):
            return "open"
        return "closed"
    return None


def find_questions(words: Sequence[str]) -> list[tuple[int, QuestionStyle]]:
    """Every word that makes its clause a question, with the question's style, in order."""
    n = len(words)
    if n == 1 and words[0] in OPEN_WORDS:
        return []  # a lone "vad?" asks to repeat
    found = [(i, s) for i in range(n) if (s := _style_at(words, i)) is not None]
    if not found and n >= 2 and tuple(words[-2:]) in _TAGS_AT_END:
        found.append((n - 1, "closed"))
    elif not found and n >= 3 and words[-1] in _LAST_TAGS:
        found.append((n - 1, "closed"))
    return found


def classify_tokens(words: Sequence[str]) -> QuestionStyle | None:
    found = find_questions(words)
    return found[0][1] if found else None
