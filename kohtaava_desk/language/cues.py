"""Spoken step transitions: does the utterance contain one of the office's cue phrases?

Each office lists phrases per target step (config ``[cues.phrases]``). A phrase matches when its
words appear in the utterance in the same order, each word allowed to differ
- by its spelling in the recogniser's output (ä/ö lost, one doubled letter lost),
- by a small number of letter edits that grows with the word's length (none up to 4 letters,
  one up to 8, two beyond),
- by its inflectional ending when both forms are long ("tilanteesi" / "tilanteestasi"),
- by anything after a stem the phrase writer marked with "*" ("vaihtoeh*"),
with at most two unrelated words between consecutive phrase words, and with short function
words ("nyt", "että", "vielä", ...) allowed to go missing from phrases of three or more words (so
"kootaanpa lopuksi yhteen" still meets "kootaan vielä yhteen"). A one-word phrase must be that word
(letter slips allowed, other endings not: "tervetuloa" is no "tervetuliaiset").
If phrases of different targets match, the longer match wins; a tie means no cue.

Besides the four steps a phrase list may target ``next``: a general move ("mennään sitten
eteenpäin") to whatever step follows the current one.

Compile the phrases once (:meth:`CueMatcher.compile`), then match each utterance in well under
a millisecond. Nothing about an utterance is kept between calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Mapping, Sequence, Union

from kohtaava_desk.language.normalize import (
    allowed_edits,
    edit_distance,
    same_stem,
    squash,
    tokens,
)
from kohtaava_desk.meeting.steps import Step

NEXT: Literal["next"] = "next"
"""The cue target "the step after the current one"."""
Target = Union[Step, Literal["next"]]
TARGET_KEYS = tuple(s.value for s in Step) + (NEXT,)
"""Keys of a phrase table, in the order error messages list them."""

MAX_GAP = 2
"""Unrelated words allowed between two consecutive words of a phrase."""

# Words whose loss (recogniser drop, or the expert leaving them out) does not change the move.
FUNCTION_WORDS = frozenset(
    """
    nyt etta et mita sita siita siihen kuin niin viela sitten ja se on me meidan meijan minusta
    musta vaan vain ok okei no jo tassa taa tama kylla sina sa sinun sun ehka hieman vahan
    """.split()
)

# Spoken and recognised forms of common phrase words: a phrase written in standard Finnish
# also matches how it is said ("et" for "että", "musta" for "minusta", "kerrotsä" for "kerrotko").
ALIASES: dict[str, tuple[str, ...]] = {
    "kuin": ("ku",),
    "etta": ("et",),
    "minusta": ("musta",),
    "sinusta": ("susta",),
    "sinun": ("sun",),
    "sina": ("sa",),
    "mina": ("ma",),
    "meidan": ("meijan", "meiran"),
    "sinulla": ("sulla", "sul"),
    "sinulle": ("sulle",),
    "sinua": ("sua",),
    "sinut": ("sut",),
    "sinulta": ("sulta",),
    "sinuun": ("suhun",),
    "minut": ("mut",),
    "minua": ("mua",),
    "minulle": ("mulle",),
    "minulta": ("multa",),
    "teidan": ("teijan",),
    "yhdessa": ("yhessa",),
    "haluaisit": ("haluisit", "haluisitsa", "haluaisitsa"),
    "minulla": ("mulla", "mul"),
    "meilla": ("meil",),
    "viela": ("viel",),
    "sitten": ("sit",),
    "kerrotko": ("kerrotsa", "kerroksa", "kerroks"),
    "voisitko": ("voisitsa", "voisiksa", "voisko"),
    "haluaisitko": ("haluisitsa", "haluisiksa", "haluisitko"),
}
# Words recognisers write as one: cut them before matching.
_SPLITS: dict[str, tuple[str, ...]] = {
    "ennenku": ("ennen", "kuin"),
    "ennenkuin": ("ennen", "kuin"),
    "ennenko": ("ennen", "kuin"),
    "sitku": ("sitten", "kun"),
    "sittenku": ("sitten", "kun"),
}

# Enclitic particles that colour a word without changing it ("kootaanpa", "palataanhan").
_ENCLITICS = ("pa", "han", "kin")

# Swedish (å/ä/ö kept, see normalize.py). Pronouns are no function words here: in "vi går vidare"
# the "vi" is what makes it the expert's move ("ansökan går vidare" is none).
SV_FUNCTION_WORDS = frozenset(
    """
    nu att det som ju då så bara lite och en ett den här nog också just alltså liksom man sen sedan
    """.split()
)
SV_ALIASES: dict[str, tuple[str, ...]] = {
    "jag": ("ja",),
    "mig": ("mej",),
    "dig": ("dej",),
    "inte": ("int", "inge"),
    "de": ("dom",),
    "dem": ("dom",),
    "sedan": ("sen",),
    "det": ("de", "he"),
    "något": ("nåt", "nånting"),
    "någon": ("nån",),
}

_SV_SPLITS: dict[str, tuple[str, ...]] = {
    "idag": ("i", "dag"),
    "imorgon": ("i", "morgon"),
    "igår": ("i", "går"),
    "ikväll": ("i", "kväll"),
}


@dataclass(frozen=True)
class _Language:
    function_words: frozenset[str]
    aliases: Mapping[str, tuple[str, ...]]
    splits: Mapping[str, tuple[str, ...]]
    enclitics: tuple[str, ...]
    passive_cues: bool
    """Cue verbs in the Finnish "let's ..." passive may not be met by other persons (see _other_person)."""


_LANGUAGES = {
    "fi": _Language(FUNCTION_WORDS, ALIASES, _SPLITS, _ENCLITICS, True),
    "sv": _Language(SV_FUNCTION_WORDS, SV_ALIASES, _SV_SPLITS, (), False),
}


@dataclass(frozen=True)
class _Word:
    text: str
    squashed: str
    prefix: bool
    function: bool
    strict: bool = False
    """Only spelling slips, no other ending (the word is a whole phrase on its own)."""


@dataclass(frozen=True)
class _Phrase:
    step: Target
    words: tuple[_Word, ...]
    allowed_misses: int


def _deletions(word: str, k: int) -> set[str]:
    """``word`` with up to ``k`` letters removed (the symmetric-delete index for edit distance)."""
    out = {word}
    frontier = {word}
    for _ in range(k):
        nxt = set()
        for w in frontier:
            if len(w) <= 1:
                continue
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1 :])
        out |= nxt
        frontier = nxt
    return out


class CueMatcher:
    """Phrase lists compiled for fast, tolerant matching."""

    def __init__(self, phrases: Sequence[_Phrase], language: str = "fi") -> None:
        self.language = language
        self._lang = _LANGUAGES[language]
        self._phrases = tuple(phrases)
        words: list[_Word] = sorted({w for p in phrases for w in p.words}, key=lambda w: w.text)
        self._words = words
        self._exact: dict[str, list[int]] = {}
        self._deleted: dict[str, list[int]] = {}
        self._stems: dict[str, list[int]] = {}
        self._prefixes: dict[str, list[int]] = {}
        for wid, w in enumerate(words):
            if w.prefix:
                self._prefixes.setdefault(w.text[:3], []).append(wid)
                continue
            for form in {w.text, w.squashed, *self._lang.aliases.get(w.text, ())}:
                self._exact.setdefault(form, []).append(wid)
            k = allowed_edits(w.text)
            if k:
                for d in _deletions(w.text, k):
                    self._deleted.setdefault(d, []).append(wid)
            if len(w.text) >= 6 and not w.strict:
                self._stems.setdefault(w.text[:6], []).append(wid)
        self._word_ids = {w: i for i, w in enumerate(words)}
        self._phrase_ids = [tuple(self._word_ids[w] for w in p.words) for p in self._phrases]
        lengths = [len(w.text) for w in words if not w.prefix] or [0]
        self._fuzzy_lengths = range(max(4, min(lengths) - 2), max(lengths) + 3)

    @classmethod
    def compile(cls, phrases: Mapping[Target | str, Sequence[str]] | None, language: str = "fi") -> "CueMatcher":
        """Compile ``{step or "next": [phrase, ...]}`` for ``language`` ("fi" or "sv");
        raises ValueError naming the bad key or phrase."""
        if language not in _LANGUAGES:
            raise ValueError(f"cue language must be one of {', '.join(_LANGUAGES)}, got {language!r}")
        lang = _LANGUAGES[language]
        compiled: list[_Phrase] = []
        for key, plist in (phrases or {}).items():
            step = parse_target(key)
            name = _name(step)
            if isinstance(plist, str) or not isinstance(plist, Sequence):
                raise ValueError(
                    f"cue phrases for step {name!r} must be a list of strings, got {type(plist).__name__}"
                )
            for n, phrase in enumerate(plist):
                if not isinstance(phrase, str):
                    raise ValueError(
                        f"cue phrase {n + 1} for step {name!r} must be a string, got {phrase!r}"
                    )
                words = []
                for raw in phrase.split():
                    star = raw.endswith("*")
                    for t in (p for u in tokens(raw, language) for p in lang.splits.get(u, (u,))):
                        words.append(_Word(t, squash(t), False, t in lang.function_words))
                    if star and words:
                        last = words[-1]
                        if len(last.text) < 3:
                            raise ValueError(
                                f"cue phrase {phrase!r} for step {name!r}: a stem marked with * "
                                "needs at least 3 letters"
                            )
                        words[-1] = _Word(last.text, last.squashed, True, False)
                if not words:
                    raise ValueError(f"cue phrase {n + 1} for step {name!r} is empty")
                if len(words) == 1 and not words[0].prefix:
                    only = words[0]
                    words = [_Word(only.text, only.squashed, False, False, strict=True)]
                misses = 0 if len(words) <= 2 else (1 if len(words) <= 7 else 2)
                compiled.append(_Phrase(step, tuple(words), misses))
        return cls(compiled, language)

    def _matches_of(self, u: str, strip: bool = True) -> set[int]:
        """Ids of phrase words that the utterance word ``u`` counts as."""
        hits: set[int] = set(self._exact.get(u, ()))
        if strip:
            for clitic in self._lang.enclitics:
                if u.endswith(clitic) and len(u) - len(clitic) >= 5:
                    hits |= self._matches_of(u[: -len(clitic)], strip=False)
        su = squash(u)
        if su != u:
            hits.update(self._exact.get(su, ()))
        if len(u) >= 4 and len(u) in self._fuzzy_lengths and self._deleted:
            candidates: set[int] = set()
            for d in _deletions(u, 2 if len(u) >= 6 else 1):
                candidates.update(self._deleted.get(d, ()))
            for wid in candidates - hits:
                p = self._words[wid].text
                if edit_distance(u, p, allowed_edits(p)) <= allowed_edits(p):
                    hits.add(wid)
        if len(u) >= 6:
            for wid in self._stems.get(u[:6], ()):
                p = self._words[wid].text
                if wid not in hits and same_stem(u, p) and not (self._lang.passive_cues and _other_person(u, p)):
                    hits.add(wid)
        for wid in self._prefixes.get(u[:3], ()):
            p = self._words[wid].text
            if u.startswith(p) or squash(u).startswith(squash(p)):
                hits.add(wid)
        return hits

    def match_tokens(self, words: Sequence[str]) -> Target | None:
        if not self._phrases or not words:
            return None
        splits = self._lang.splits
        if any(u in splits for u in words):
            words = [part for u in words for part in splits.get(u, (u,))]
        hits = [self._matches_of(u) for u in words]
        present: set[int] = set().union(*hits)
        best: dict[Target, int] = {}
        for phrase, ids in zip(self._phrases, self._phrase_ids):
            needed = len(ids) - phrase.allowed_misses
            if sum(1 for i in ids if i in present) < needed:
                continue
            score = _align(ids, phrase, hits)
            if score is not None and score > best.get(phrase.step, 0):
                best[phrase.step] = score
        if not best:
            return None
        top = max(best.values())
        winners = [s for s, v in best.items() if v == top]
        return winners[0] if len(winners) == 1 else None

    def match(self, text: str) -> Target | None:
        """Target of the cue heard in ``text`` (a step or "next"), or None."""
        return self.match_tokens(tokens(text, self.language))


def _other_person(u: str, phrase_word: str) -> bool:
    """A cue verb in the "let's ..." passive ("siirrytään", "kootaan") said in another person or
    tense ("siirryin", "kokosin") is no cue: only spelling slips may reach it, not other endings."""
    return phrase_word.endswith("aan") and not u.endswith("aan")


def parse_target(key: object) -> Target:
    """A phrase table key: a step (enum or its config spelling) or "next"."""
    if isinstance(key, Step):
        return key
    if str(key).strip().lower() == NEXT:
        return NEXT
    try:
        return Step.parse(str(key))
    except ValueError:
        raise ValueError(f"unknown cue target {key!r}; allowed: {', '.join(TARGET_KEYS)}") from None


def _name(target: Target) -> str:
    return target.value if isinstance(target, Step) else target


def _align(ids: Sequence[int], phrase: _Phrase, hits: Sequence[set[int]]) -> int | None:
    """Matched word count of the best in-order alignment, or None if too much is missing."""
    n = len(hits)
    best: int | None = None
    for start in range(n):
        # An alignment starts at the first phrase word that is present here (earlier ones
        # may be missing function words).
        pi = 0
        missed = 0
        while pi < len(ids) and ids[pi] not in hits[start]:
            if not phrase.words[pi].function:
                break
            missed += 1
            pi += 1
        if pi == len(ids) or ids[pi] not in hits[start] or missed > phrase.allowed_misses:
            continue
        matched = 1
        pos = start
        pi += 1
        ok = True
        while pi < len(ids):
            found = None
            for q in range(pos + 1, min(n, pos + 2 + MAX_GAP)):
                if ids[pi] in hits[q]:
                    found = q
                    break
            if found is None:
                if phrase.words[pi].function and missed < phrase.allowed_misses:
                    missed += 1
                    pi += 1
                    continue
                ok = False
                break
            matched += 1
            pos = found
            pi += 1
        if ok and (best is None or matched > best):
            best = matched
    return best

