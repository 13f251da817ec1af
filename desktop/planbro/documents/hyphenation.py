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

from collections.abc import Sequence
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
# The longest word hyphenated: beyond it a "word" is no Danish word (a pasted
# string without spaces) and is cut as reportlab cuts an overlong word;
# reportlab measures every head it is offered, so hyphenating a thousand
# letters, line after line, would take seconds.
MAX_WORD_LENGTH = 64
# Letters kept together at a word's start and end: "Sundhedslo-ven", never
# "Sundhedslove-n"; at least three at the end, so no line begins with a
# lone syllable such as "-se" ("Oden-se") or "-te" ("bostøt-te").
MIN_LEFT, MIN_RIGHT = 2, 3

# Word's hyphenation zone (0.25 in): a word that does not fit at the end of a
# line is hyphenated only if moving it whole would leave more than this
# empty; the PDF (pdf_words) uses it too, at most a quarter of a narrow line.
HYPHENATION_ZONE = 18.0


@cache
def _dictionary() -> pyphen.Pyphen:
    """The Danish pyphen dictionary, loaded once per process."""
    return pyphen.Pyphen(lang=PYPHEN_LANGUAGE, left=MIN_LEFT, right=MIN_RIGHT)


# Words whose breaks are remembered: a plan's vocabulary, many times over.
_CACHED_WORDS = 8192
# Danish vowels: a piece between two breaks without one is no syllable.
_VOWELS = frozenset("aeiouyæøåéèáäöü")
# Parts of Danish compounds that begin with a vowel, after which the Danish
# patterns tend to break one letter early, taking the first part's last
# consonant along ("kontak-toplysninger", "døg-nophold", "jo-bafklaring"):
# the break moves to the seam ("kontakt-oplysninger"). The short ones count
# only before a consonant, so "Eu-ropa" keeps its break.
_SHORT_PARTS = ("af", "op", "om", "ud", "ind", "over", "under", "efter")
_LONG_PARTS = ("aftale", "ophold", "område", "oplys", "arbejd", "afdeling", "afhængig",
               "anbring", "uddannel", "indsats", "opfølg", "enhed", "erklæring", "aktivitet",
               "ansvar", "økonomi", "overgang", "udgift", "indtægt", "adresse", "opgave")


def _corrected(word: str, found: Sequence[int]) -> tuple[int, ...]:
    """pyphen's break positions in `word`, with the two mistakes the Danish
    patterns make most often in a plan's words undone:

    - a piece with no vowel is joined to the piece before it (or, first,
      to the one after): "rå-d-giv-ning" -> "råd-giv-ning",
      "lagerme-d-arbejder" -> "lagermed-arbejder";
    - a break one letter before a compound's vowel-initial part moves to
      the seam (_SHORT_PARTS, _LONG_PARTS).
    """
    lower = word.lower()
    cuts = sorted(set(found))
    bounds = [0, *cuts, len(word)]
    for i in range(len(bounds) - 2, -1, -1):
        if not _VOWELS & set(lower[bounds[i]:bounds[i + 1]]) and len(bounds) > 2:
            del bounds[i if i > 0 else 1]
    out = set(bounds[1:-1])
    for at in sorted(out):
        seam = at + 1
        if (lower[at] not in _VOWELS and seam <= len(word) - MIN_RIGHT
                and _starts_part(lower, seam)):
            out.discard(at)
            out.add(seam)
    return tuple(sorted(out))


def _starts_part(lower: str, at: int) -> bool:
    """Whether a compound's vowel-initial part begins at `at` in `lower`."""
    rest = lower[at:]
    if rest.startswith(_LONG_PARTS):
        return True
    return any(rest.startswith(part) and len(rest) > len(part) and rest[len(part)].isalpha()
               and rest[len(part)] not in _VOWELS for part in _SHORT_PARTS)


@lru_cache(maxsize=_CACHED_WORDS)
def positions(word: str) -> tuple[int, ...]:
    """The indices in `word` where a hyphen may go, ascending.

    Cached (bounded, as a pasted text may hold any number of words): a plan
    repeats its words, and reportlab asks again for each line.
    """
    return _corrected(word, _dictionary().positions(word))


@lru_cache(maxsize=_CACHED_WORDS)
def pairs(word: str) -> tuple[tuple[str, str], ...]:
    """Where `word` may break, as (head, tail) pairs, longest head first, as
    reportlab's hyphenation takes them:

    pairs("Lovgrundlag") == (("Lovgrund", "lag"), ("Lov", "grundlag")).
    """
    found = positions(word)
    if len(_TAILS) > _CACHED_WORDS * 4:
        _TAILS.clear()
    for at in found:
        _TAILS.setdefault(word[at:], tuple(p - at for p in found if p > at))
    return tuple((word[:at], word[at:]) for at in reversed(found))


# The rest of a hyphenated word -> its breaks within the whole word: when the
# rest does not fit the next line either, reportlab hyphenates it again, and
# the whole word knows better where it may break ("Beskæftigel-ses-indsatsen",
# where the rest alone would give "se-sindsatsen").
_TAILS: dict[str, tuple[int, ...]] = {}


def hyphenated(word: str, hyphen: str = "-") -> str:
    """`word` with `hyphen` at every allowed place ("Lov-grund-lag")."""
    out, last = [], 0
    for at in positions(word):
        out.append(word[last:at])
        last = at
    out.append(word[last:])
    return hyphen.join(out)


def _reportlab_hyphenator(word: str) -> Sequence[tuple[str, str]]:
    """`pairs` as reportlab asks for them: of a word, or of the rest of one
    it hyphenated before (breaking where the whole word may); none for a
    word longer than any Danish word (MAX_WORD_LENGTH), which is cut."""
    if len(word) > MAX_WORD_LENGTH:
        return ()
    tail = _TAILS.get(word)
    if tail is None:
        return pairs(word)
    return tuple((word[:at], word[at:]) for at in reversed(tail))


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
