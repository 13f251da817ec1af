"""Text as it is stored: NFC-normalised and free of characters XML forbids.

Caseworkers paste from e-mail, journal systems and PDFs; those bring
decomposed letters (a + combining ring instead of å) and stray control
characters that would make a .docx unreadable in Word.
"""

from __future__ import annotations

import re
import unicodedata

# Characters removed on the way in: C0 controls except tab and newline, DEL,
# C1 controls, lone surrogates and the non-characters U+FFFE and U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# Bidirectional embedding, override and isolate controls, also removed: they make a
# terminal, a list or a document show text in another order than it is stored
# ("Trojan Source"); Arabic and Hebrew text needs none of them to be shown right.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str) -> str:
    """Return `value` NFC-normalised with XML-illegal characters and bidirectional
    override controls removed.

    Windows line ends become plain newlines; æøå, ĸ, emoji and
    right-to-left scripts are kept as they are.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _BIDI_CONTROLS.sub("", _ILLEGAL.sub("", value)))


def is_blank(value: str) -> bool:
    """Whether `value` shows nothing: only spaces, or only invisible format characters
    (zero-width spaces and joiners, byte-order marks)."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs") for ch in value)
