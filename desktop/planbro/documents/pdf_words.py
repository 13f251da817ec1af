"""reportlab's split of a word too long for its line, patched so closing
punctuation stays at the end of a line; imported by pdf.py for the patch.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import paragraph as _rl_paragraph

# What never begins a line: closing punctuation and separators.
NO_LINE_START = ",.;:!?)]}»”’%·/–—-"
# Longest run of such characters that hangs into the cell padding.
MAX_HANGING = 3


def _split_word_hanging(word: str, *args: Any, **kwargs: Any) -> list[str]:
    """reportlab's split of a word too long for its line, with the punctuation

    kept at the end of a line: "Kontaktoplysninger," splits as
    "Kontaktoplysninger," (the comma hanging into the padding), never as
    "Kontaktoplysninger" and a line beginning ", boligønsker".
    """
    pieces: list[str] = _split_word(word, *args, **kwargs)
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


# reportlab splits an overlong word with this module function; there is no hook.
_split_word = _rl_paragraph._splitWord  # type: ignore[attr-defined]  # reportlab's stubs lack the private _splitWord
_is_bidi = _rl_paragraph.isBidiStr  # type: ignore[attr-defined]  # nor the bidi test it imports
_rl_paragraph._splitWord = _split_word_hanging  # type: ignore[attr-defined]
