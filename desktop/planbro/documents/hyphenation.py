"""Danish hyphenation as every renderer of a document uses it.

The PDF renderers give each reportlab ParagraphStyle `PARAGRAPH_HYPHENATION`
(`ParagraphStyle(name, **PARAGRAPH_HYPHENATION, ...)`): reportlab then breaks
a word that does not fit at the end of a line at a place the Danish pyphen
dictionary allows, with a hyphen ("Alkoholbe-/handlingen"). Only a word with
no allowed place that fits is still cut without a hyphen, by reportlab's
split of an overlong word (patched in pdf_words); the table widths
(documents/columns) see to it that that does not happen in a table.

The .docx gets `DOCX_LANGUAGE` as its proofing language and Word's automatic
hyphenation, so Word and LibreOffice hyphenate with their own Danish rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any

import pyphen

# The pyphen (hunspell) dictionary of Danish.
PYPHEN_LANGUAGE = "da_DK"
# The document language as the .docx (w:lang, core properties) and the PDF
# (/Lang, XMP dc:language) write it.
DOCX_LANGUAGE = "da-DK"
# The shortest word reportlab hyphenates; "Metode" (6) may still break as
# "Me-tode" in running text, never a header (columns gives those room).
MIN_WORD_LENGTH = 6
# Letters kept together at a word's start and end: "Sundhedslo-ven", never
# "Sundhedslove-n" (Danish typesetting keeps at least two on each side).
MIN_LEFT, MIN_RIGHT = 2, 2

# A hyphenator as reportlab calls it: the word -> its (head, tail) pairs,
# longest head first.
Hyphenator = Callable[[str], Sequence[tuple[str, str]]]


@cache
def _dictionary() -> pyphen.Pyphen:
    """The Danish pyphen dictionary, loaded once per process."""
    return pyphen.Pyphen(lang=PYPHEN_LANGUAGE, left=MIN_LEFT, right=MIN_RIGHT)


# Words whose breaks are remembered: a plan's vocabulary, many times over.
_CACHED_WORDS = 8192


@lru_cache(maxsize=_CACHED_WORDS)
def pairs(word: str) -> tuple[tuple[str, str], ...]:
    """Where `word` may break, as (head, tail) pairs, longest head first:

    pairs("Lovgrundlag") == (("Lovgrund", "lag"), ("Lov", "grundlag")).
    Cached (bounded, as a pasted text may hold any number of words): a plan
    repeats its words, and reportlab asks again for each line.
    """
    return tuple(_dictionary().iterate(word))


def positions(word: str) -> tuple[int, ...]:
    """The indices in `word` where a hyphen may go, ascending."""
    return tuple(sorted(len(head) for head, _tail in pairs(word)))


def hyphenated(word: str, hyphen: str = "-") -> str:
    """`word` with `hyphen` at every allowed place ("Lov-grund-lag")."""
    out, last = [], 0
    for at in positions(word):
        out.append(word[last:at])
        last = at
    out.append(word[last:])
    return hyphen.join(out)


def _reportlab_hyphenator(word: str) -> Sequence[tuple[str, str]]:
    """`pairs`, under the name reportlab's style attribute expects a callable."""
    return pairs(word)


# Keyword arguments of every reportlab ParagraphStyle a document prints with:
# Danish pyphen hyphenation (a callable, so reportlab does not build a new
# Pyphen for each paragraph); breaks after the hyphens a word already has
# ("Kirkens-Korshær"); and a web address broken at its slashes when keeping
# it whole would leave more than 30 % of a line empty. embeddedHyphenation 2
# (not 1) makes reportlab, when no head of a word fits the rest of a line,
# try the word's hyphenation on the next line before cutting it without a
# hyphen: "… og / Beskæftigelses- / indsatsen", not "… og Be / skæftigelsesin".
PARAGRAPH_HYPHENATION: dict[str, Any] = {
    "hyphenationLang": _reportlab_hyphenator,
    "embeddedHyphenation": 2,
    "uriWasteReduce": 0.3,
    "hyphenationMinWordLength": MIN_WORD_LENGTH,
}
