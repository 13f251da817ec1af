"""Searching names as Danes spell them: Ødegård, Oedegaard and ødegaard are one name.

Names come from many hands (the citizen, a form from another municipality, a
keyboard without æ, ø, å), so a search folds both sides the same way: case,
accents (é → e, ü → u), and the Danish letters to their two-letter spellings
(æ → ae, ø → oe, å → aa), which is how they are written where they cannot be.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# The Danish (and Nordic) letters that do not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "đ": "d",
                          "ð": "d", "þ": "th", "ł": "l"})
# The folded forms of the caseload's names, remembered while the caseload is open.
_CACHE_SIZE = 20_000


@lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """`text` folded for searching: "Ødegård" and "OEDEGAARD" both give "oedegaard"."""
    # Letters first (å would otherwise decompose to a + ring and become "a").
    text = text.casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.split())


def name_matches(query: str, name: str) -> bool:
    """True when the folded `query` occurs in the folded `name` (an empty query matches)."""
    return fold(query) in fold(name)
