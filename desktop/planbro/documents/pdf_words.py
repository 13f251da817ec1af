"""reportlab's split of a word too long for its line, patched so closing
punctuation stays at the end of a line, and made cheap; and its
hyphenation, patched to hyphenate only when it is worth it and never to let
a word run out of its cell. Imported by pdf.py for the patches.

Hyphenation (hyphenation.PARAGRAPH_HYPHENATION) is reportlab's own, with
two changes: a word is hyphenated at the end of a line only when moving it
whole to the next line would leave more than the hyphenation zone empty
(as Word does); and a word wider than its line that nothing can hyphenate
(the rest of a web address reportlab split at a slash, which its split of
overlong words then skips and lets run over the cell's edge) is split as
an overlong word is.

╭──────────────────────────────────────────────────────────────────────────╮
│ Why a copy of reportlab's split: it measures the word one character at a │
│ time through pdfmetrics.stringWidth (about 4 µs a character), so a       │
│ megabyte without a space took 9 s in this function alone. _split_fast   │
│ is the same loop, with the same additions in the same order (so the same │
│ lines), but looks each character's width up in a table kept per font    │
│ and size. Right-to-left words keep reportlab's own split.                │
╰──────────────────────────────────────────────────────────────────────────╯
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _rl_paragraph

from planbro.documents.hyphenation import HYPHENATION_ZONE

# What never begins a line: closing punctuation and separators.
NO_LINE_START = ",.;:!?)]}»”’%·/–—-"
# Longest run of such characters that hangs into the cell padding.
MAX_HANGING = 3


@cache
def _widths(font: str, size: float) -> dict[str, float]:
    """The width of each character met so far in `font` at `size`, filled as it goes."""
    return {}


def _split_fast(word: str, line_width: float, max_widths: list[float], lineno: int,
                font: str, size: float, encoding: str = "utf8") -> list[str]:
    """reportlab's _splitWord (paragraph.py), with each character's width from _widths."""
    if isinstance(word, bytes):
        word = word.decode(encoding)
    if _is_bidi(word):
        return _split_word(word, line_width, max_widths, lineno, font, size, encoding)  # type: ignore[no-any-return]  # reportlab's stubs leave it untyped
    widths = _widths(font, size)
    last = len(max_widths) - 1
    max_width = max_widths[min(last, lineno)]
    max_next = max_widths[min(last, lineno + 1)]  # reportlab never updates it either
    out: list[str] = []
    start = 0
    for i, char in enumerate(word):
        width = widths.get(char)
        if width is None:
            width = widths[char] = stringWidth(char, font, size, encoding)
        new_width = line_width + width
        if new_width > max_width and (i > start or width <= max_next):
            out.append(_SplitWord(word[start:i]))
            lineno += 1
            max_width = max_widths[min(last, lineno)]
            new_width = width
            start = i
        line_width = new_width
    out.append(_SplitWordEnd(word[start:]))
    return out


def _split_word_hanging(word: str, *args: Any, **kwargs: Any) -> list[str]:
    """reportlab's split of a word too long for its line, with the punctuation

    kept at the end of a line: "Kontaktoplysninger," splits as
    "Kontaktoplysninger," (the comma hanging into the padding), never as
    "Kontaktoplysninger" and a line beginning ", boligønsker".
    """
    pieces: list[str] = _split_fast(word, *args, **kwargs)
    if _is_bidi(word):
        return pieces  # right-to-left words keep reportlab's own split
    out = [pieces[0]]
    for piece in pieces[1:]:
        lead = len(piece) - len(piece.lstrip(NO_LINE_START))
        if out[-1] and 0 < lead <= MAX_HANGING:
            # The piece's kind (a middle part, or the word's end) moves with it.
            kind = type(piece) if lead == len(piece) else type(out[-1])
            out[-1] = kind(out[-1] + piece[:lead])
            piece = type(piece)(piece[lead:])
        if piece:
            out.append(piece)
    return out


def _zone(max_width: float) -> float:
    """The hyphenation zone of a line `max_width` wide: Word's, at most a quarter of the line."""
    return min(HYPHENATION_ZONE, max_width / 4)


def _hyphenate_word(hyphenator: Any, font: str, size: float, word: str, word_width: float,
                    new_width: float, max_width: float, *args: Any) -> Any:
    """reportlab's _hyphenateWord, within the hyphenation zone, and never leaving
    an overlong word whole (see the module's docstring)."""
    before = new_width - word_width  # the line's width before the word
    if before > _EPSILON and max_width - before < _zone(max_width):
        return None  # the word moves to the next line whole (or is hyphenated there)
    pieces = _hyphenate(hyphenator, font, size, word, word_width, new_width, max_width, *args)
    if pieces or word_width <= max_width or before > _EPSILON:
        return pieces
    return _split_word_hanging(word, 0.0, [max_width], 0, font, size)


def _hyphenate_frag_word(hyphenator: Any, frag_word: list[Any], new_width: float,
                         max_width: float, *args: Any) -> Any:
    """The same for a word of several fragments (a paragraph with markup)."""
    word_width = frag_word[0]
    before = new_width - word_width
    if before > _EPSILON and max_width - before < _zone(max_width):
        return None
    pieces = _hyphenate_frag(hyphenator, frag_word, new_width, max_width, *args)
    if pieces or word_width <= max_width or before > _EPSILON:
        return pieces
    return _split_frag_word(frag_word, max_width, [max_width], 0)


# Widths closer than this are the same (reportlab's sums of floats).
_EPSILON = 1e-6
# reportlab hyphenates with these module functions; there is no hook.
_hyphenate = _rl_paragraph._hyphenateWord  # type: ignore[attr-defined]  # reportlab's stubs lack the private hyphenation
_hyphenate_frag = _rl_paragraph._hyphenateFragWord  # type: ignore[attr-defined]
_split_frag_word = _rl_paragraph._splitFragWord  # type: ignore[attr-defined]
_rl_paragraph._hyphenateWord = _hyphenate_word  # type: ignore[attr-defined]
_rl_paragraph._hyphenateFragWord = _hyphenate_frag_word  # type: ignore[attr-defined]
# reportlab splits an overlong word with this module function; there is no hook.
_split_word = _rl_paragraph._splitWord  # type: ignore[attr-defined]  # reportlab's stubs lack the private _splitWord
_is_bidi = _rl_paragraph.isBidiStr  # type: ignore[attr-defined]  # nor the bidi test it imports
# The kinds of piece reportlab's line breaking tells apart: a middle part, the word's end.
_SplitWord = _rl_paragraph._SplitWord  # type: ignore[attr-defined]  # nor the piece classes
_SplitWordEnd = _rl_paragraph._SplitWordEnd  # type: ignore[attr-defined]
_rl_paragraph._splitWord = _split_word_hanging  # type: ignore[attr-defined]
