"""Recogniser output made into the text the understanding layer reads.

Whisper writes numbers as digits and, in Finnish and Swedish, often splits a spoken number at its
word boundary: "neljäkymmentäviisi" comes out as "40 5", "kymmenen" now and then as "0 10". Joined
back ("45", "10"), the duration readers see one amount; left split they would see two and, by the
precision-first rule, read nothing. Only these safe joins are made: a ten (20–90) and a unit (1–9),
and a lone "0" before a number. Nothing here keeps the text.
"""

from __future__ import annotations

import re

_SPLIT_TENS = re.compile(r"(?<![\d.,:])([2-9])0 ([1-9])(?![\d.,:])")
_LEADING_ZERO = re.compile(r"(?<![\d.,:])0 (?=[1-9]\d*(?![\d.,:]))")


def normalise_recognised(text: str) -> str:
    """Join numbers a recogniser split ("40 5 minuuttia" → "45 minuuttia", "0 10" → "10")."""
    text = _LEADING_ZERO.sub("", text)
    return _SPLIT_TENS.sub(r"\1\2", text)
