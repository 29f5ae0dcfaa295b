"""Is the expert asking an open or a closed question? Decided from words alone.

Speech recognition gives no question mark, so the decision rests on Finnish grammar:
- open: a question word (mitä, miten, miksi, millainen, kuinka, ...) at the start of a clause,
  or an invitation to tell (kerro, kuvaile, "voisitko kertoa ...");
- closed: a word carrying the question clitic -ko/-kö (onko, haluatko, voisitko; colloquial
  -ks / -ksä / -tsä: onks, ootsä, haluuksä), a negative question (eikö, eiks) or a tag at the
  end (vai mitä, eiks niin, jooko).
A question word after a verb of knowing/looking or a demonstrative ("katsotaan mitä ...",
"palataan siihen mitä sanoit", "en tiedä onko ...") is an indirect question inside a statement
and is not counted. Questions about an amount (montako, kuinka kauan) get a short factual
answer, so they count as closed. Words that merely end in -ko (kokko, taulukko, jatko, koko,
usko) are not questions.
"""

from __future__ import annotations

from typing import Literal, Sequence

from kohtaava_desk.language.normalize import tokens

QuestionStyle = Literal["open", "closed"]

OPEN_WORDS = frozenset(
    """
    mita mitas mika mikas mitka mitkas miten mites mitenka mitenkas miksi miks miksis mikset miksei
    millainen millaista millaisen millaisia millaisessa millaiseen millaisena millaisista millanen
    millasta millasen millasii millaiset minkalainen minkalaista minkalaisen minkalaisia
    minkalaisessa minkalainen minkalanen minkalasta minkalasii minka minkas
    kuinka kuinkas kuka kukas ketka kenen kenelle kelle kenelta kelta kenet keta kenella kella
    kehen mista mistas missa missas mihin mihis mille milla milta minne milloin millon millonka
    """.split()
)

# Open in form, but they ask for a number or a duration: a short factual answer.
QUANTITY_AFTER_KUINKA = frozenset(
    "monta moni paljon kauan pitkaan usein vanha monena monelta pitka iso suuri".split()
)
QUANTITY_WORDS = frozenset(
    "montako monesko moneltako paljonko kauanko pitkaanko kuinkako useinko".split()
)

CLOSED_WORDS = frozenset(
    """
    onko onkos onks onkohan oliko olikos oliks olisiko olisko oisko oisiko oisikohan olis ois
    oletko oletkos ootko ootsa ooks ooksa olitko olitsa olisitko oisitko olenko olinko
    olemmeko oletteko ootteko ootteks ovatko olivatko
    eiko eikos eiks eikohan etko etsa enko emmeko etteko eivatko
    jooko seko sekos nytko nytkos joko jokos tasko juoko tuoko
    """.split()
)

# A question word right after one of these opens an indirect question inside a statement.
GOVERNORS = frozenset(
    """
    tieda tiedan tiedat tietaa tietaisin tiedetaan tiia tiiia tiedossa
    mietin mietitaan mieti mietit mietimme mietittava pohdin pohditaan pohdit pohditaanko
    katsotaan katson katsoa katsomme katsoin katsotaanko katso katsellaan
    selvitetaan selvitan selvittaa selvitamme tarkistetaan tarkistan tarkistaa tarkistamme
    kysyn kysyin kysyit kysyt kysytaan kysya kysymys ihmettelen riippuu riippuen mukaan
    nahdaan nahda naen nakee kuulla kuulin kuulen muistan muistanut muistaa
    sanoit sanoin sanot sanoa sanoi kerroit kerroin kerron kertoi kertoa
    ymmarran ymmarsin ymmartaa ymmarra ajattelin ajattelen paatetaan paatat paattaa valitaan
    arvioidaan arvioin arvioida kokeillaan kayda kaydaan lapi
    siihen sita siita sen siina se tata tasta tahan tuohon niita niihin niista
    kaikki kaikkea asia asiat asioita asiaa juuri etta et kuin joka jota jossa
    """.split()
)

# Words that may stand before a question word at the start of a clause.
PARTICLES = frozenset(
    """
    no niin noniin nii joo juu jaa jaaha aha ahaa okei ok okay selva hyva kiitos mm mmm hmm hm
    ja mut mutta sitten siis eli elikka nyt tota tuota niinku kuule kuules ai oho totta kylla
    aivan just justiin hei moi tervetuloa entas enta vai ihan tuota sano
    """.split()
)

# Invitations to tell: open, whatever their grammatical form.
REQUESTS = frozenset(
    """
    kerro kerropa kerroppa kerrohan kerrotko kertoisitko kertoisit kertokaa kerrokaa kertoisitteko
    kerrotteko kuvaile kuvailisitko kuvailetko kuvailkaa kuvailisit selita selittaisitko selitatko
    avaa avaisitko avaatko
    """.split()
)
TELL_VERBS = frozenset("kertoa kuvailla kuvata selittaa avata kertomaan kuvailemaan".split())

SECOND_PERSON = frozenset(
    """
    sa sina sinulla sulla sinua sua sinun sun sinulle sulle sinusta susta sinuun suhun te teilla
    teidan teille teista teita sul
    """.split()
)

_NOT_QUESTION_AFTER = frozenset("tahansa hyvansa vain vaan ikina".split())
_SUGGESTION_AFTER = frozenset({"jos"})  # "mitä jos ...", "entä jos ...": a yes/no proposal
_TAGS_AT_END = (("vai", "mita"), ("vai", "mitas"), ("vai", "miten"), ("eiks", "niin"),
                ("eiko", "niin"), ("eikos", "niin"), ("vai", "kuinka"))
_SHORT_VERB_ROOTS = frozenset("on oo ei et en oot oli ois olis meni kavi voi saa kay juo tuo vie".split())
_LONG_VOWEL_ENDINGS = ("aa", "ee", "ii", "oo", "uu", "yy", "oi", "ai", "ei", "ui", "yi", "ay", "oy", "uo", "ie", "yo")
_VOWELS = frozenset("aeiouy")


def _verbish_colloquial(root: str) -> bool:
    return root in _SHORT_VERB_ROOTS or (len(root) >= 3 and root.endswith(_LONG_VOWEL_ENDINGS))


def has_question_clitic(word: str) -> bool:
    """True if ``word`` (folded) carries the yes/no question clitic, standard or colloquial."""
    if word in CLOSED_WORDS:
        return True
    if word.endswith("sko") and len(word) >= 6 and word[-4] == "i":
        return True  # colloquial conditional: "sopisko", "voisko", "kävisko"
    for clitic in ("kohan", "kos", "ko"):
        if word.endswith(clitic) and len(word) > len(clitic):
            root = word[: -len(clitic)]
            return _standard_root_ok(root)
    if word.endswith("ksa") and len(word) > 3:
        return _verbish_colloquial(word[:-3])
    if word.endswith("ks") and len(word) > 2:
        return _verbish_colloquial(word[:-2])
    if word.endswith("tsa") and len(word) >= 7:
        # "haluutsä", "tiiätsä": a second-person verb with the clitic pronoun glued on.
        root = word[:-2]
        return root[-2] in _VOWELS
    return False


def _standard_root_ok(root: str) -> bool:
    """Could ``root`` + -ko be a question? Lexical -ko words have a short or consonant root
    (kok-ko, taulu-kko, jat-ko, pel-ko, ko-ko); question forms end in a vowel or a personal
    ending -t/-n after a vowel (haluat-ko, olen-ko, saa-ko, oli-ko, niin-kö)."""
    if len(root) < 3:
        return False
    last = root[-1]
    if last in _VOWELS:
        # Nouns end in a diphthong + ko (tau-ko, lounastau-ko, ruo-ko); verb forms don't.
        return root[-2:] not in ("au", "ou", "eu", "iu", "uo")
    if last in "tn":
        return len(root) >= 4 and root[-2] in _VOWELS
    return False


def _clause_start(words: Sequence[str], i: int) -> bool:
    return i == 0 or words[i - 1] in PARTICLES or all(w in PARTICLES for w in words[:i])


def find_questions(words: Sequence[str]) -> list[tuple[int, QuestionStyle]]:
    """Every word that makes its clause a question, with the question's style, in order."""
    n = len(words)
    if n == 1 and words[0] in OPEN_WORDS:
        return []  # a lone "mitä?" asks to repeat, it is no question about the client
    found: list[tuple[int, QuestionStyle]] = []
    for i, w in enumerate(words):
        style = _style_at(words, i)
        if style is not None:
            found.append((i, style))
    if not found and n >= 2 and tuple(words[-2:]) in _TAGS_AT_END:
        found.append((n - 1, "closed"))
    elif not found and n >= 1 and words[-1] in ("vai", "jooko", "eiks", "eiko", "eikos"):
        found.append((n - 1, "closed"))
    return found


def _style_at(words: Sequence[str], i: int) -> QuestionStyle | None:
    n = len(words)
    w = words[i]
    prev = words[i - 1] if i > 0 else ""
    nxt = words[i + 1] if i + 1 < n else ""
    if w in REQUESTS:
        return "open"
    if w in QUANTITY_WORDS:
        return None if prev in GOVERNORS else "closed"
    if w in OPEN_WORDS:
        if nxt in _NOT_QUESTION_AFTER:
            return None
        if i == n - 1 and prev == "vai":
            return "closed"  # tag: "..., vai mitä"
        if prev in TELL_VERBS or prev in REQUESTS:
            return "open"
        if prev in GOVERNORS:
            return None
        if _clause_start(words, i) or any(x in SECOND_PERSON for x in words[i + 1 : i + 3]):
            if nxt in _SUGGESTION_AFTER:
                return "closed"
            if w in ("kuinka", "kuinkas") and nxt in QUANTITY_AFTER_KUINKA:
                return "closed"
            return "open"
        return None
    if w in ("enta", "entas") and _clause_start(words, i) and nxt:
        return "closed" if nxt in _SUGGESTION_AFTER else "open"
    if nxt in ("sa", "te") and len(w) >= 3 and w.endswith("t") and _clause_start(words, i):
        return "closed"  # spoken inversion without the clitic: "oot sä käyny", "haluut sä"
    if has_question_clitic(w):
        if prev in GOVERNORS:
            return None
        if w in ("joko", "jokos") and "tai" in words[i + 1 :]:
            return None  # "joko ... tai ..." = either ... or
        if nxt in TELL_VERBS or (i + 2 < n and words[i + 2] in TELL_VERBS and nxt in SECOND_PERSON):
            return "open"  # "voisitko kertoa ...", "haluatko sä kertoa ..."
        return "closed"
    return None


def classify_tokens(words: Sequence[str]) -> QuestionStyle | None:
    """Style of the first question in folded tokens, or None for a statement."""
    found = find_questions(words)
    return found[0][1] if found else None


def classify_question(text: str) -> QuestionStyle | None:
    """Open or closed question, or None for a statement. ``text`` is not kept."""
    return classify_tokens(tokens(text))
