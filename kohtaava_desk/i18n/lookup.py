"""The one table of user-facing texts, merged from the domain modules, and `t()` to look a text up.

Every domain module holds `TEXTS: key -> (fi, sv, en)`. Keys are namespaced where they would otherwise
collide (`speech.`, `spoken.`, `review.`); merging refuses a key defined twice so one domain can never
silently override another's text.
"""

from __future__ import annotations

from types import ModuleType

from . import audio, common, learning, listening, review, safety, speech, spoken, store, widget

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"

DOMAINS: tuple[ModuleType, ...] = (widget, common, audio, listening, speech, spoken, store, review, safety,
                                   learning)


def merge(domains: tuple[ModuleType, ...]) -> dict[str, tuple[str, str, str]]:
    """All domains' texts in one table; a ValueError names any key two domains define, or a bad entry."""
    merged: dict[str, tuple[str, str, str]] = {}
    owner: dict[str, str] = {}
    for module in domains:
        name = module.__name__.rsplit(".", 1)[-1]
        for key, texts in module.TEXTS.items():
            if key in merged:
                raise ValueError(f"UI text key {key!r} is defined in both i18n/{owner[key]}.py and i18n/{name}.py")
            if not (isinstance(texts, tuple) and len(texts) == len(LANGUAGES)):
                raise ValueError(f"i18n/{name}.py: {key!r} must be a ({', '.join(LANGUAGES)}) tuple")
            merged[key] = texts
            owner[key] = name
    return merged


TEXTS: dict[str, tuple[str, str, str]] = merge(DOMAINS)


def t(key: str, lang: str | None = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text of `key` in `lang` (Finnish when the language is unknown), with {values} filled in.

    A missing key raises KeyError naming it: a typo should fail in the tests, not show up on screen.
    """
    texts = TEXTS[key]
    text = texts[LANGUAGES.index(lang)] if lang in LANGUAGES else texts[0]
    return text.format(**values) if values else text
