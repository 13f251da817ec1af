"""User text made printable, and turned into reportlab paragraph markup.

Both renderers get the same printable text (so the .docx and the PDF say
the same); only the PDF needs the markup: escaped, with each Arabic run
a fragment of its own (fonts.RTL) so it is shaped right-to-left as one.

Arabic in the PDF: each run of Arabic words is shaped by HarfBuzz
(uharfbuzz, through reportlab's `shaping`) and laid out right-to-left as
one unit inside the left-to-right Danish line, which is right for names
and short phrases. There is no full Unicode bidi (reportlab's needs
rlbidi, which PyPI does not offer), so an Arabic run that wraps over two
lines shows its lines in left-to-right order, and a word glued to
punctuation, as in "(علي حسن)", keeps its letters joined but its words in
left-to-right order. Every letter always has its glyph (fonts.py). Word
does its own bidi and shaping for the .docx.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from planbro.model.text import clean_text

from planbro.documents.fonts import RTL, RTL_BOLD, covered

# What stands in for a character no shipped font can print (an emoji, a
# rare script): the Unicode replacement character, which Noto Sans has.
REPLACEMENT = "\ufffd"
# A CPR number as people type it: DDMMYY-SSSS, with a space or no hyphen.
_CPR_LIKE = re.compile(r"(?<!\d)\d{6}[\s-]?\d{4}(?!\d)")
# Arabic script blocks, including the presentation forms.
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A run of Arabic words: shaped and ordered right-to-left as one unit.
_ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:[ \u200c]+[{_ARABIC}]+)*")
# Emoji presentation selectors: invisible hints, dropped before printing.
_SELECTORS = re.compile("[\ufe0e\ufe0f]")
# Replacements joined by zero-width joiners (one emoji family): one replacement.
_JOINED = re.compile(f"{REPLACEMENT}(?:\u200d+{REPLACEMENT})+")
# Arabic anywhere in a text: such paragraphs need shaping.
_HAS_ARABIC = re.compile(f"[{_ARABIC}]")
# The no-break space: a space a line never breaks at (Word and reportlab both honour it).
NBSP = "\u00a0"
# A Danish phone number as people write it: eight digits in pairs or fours,
# perhaps after +45 or 0045.
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)45 )?(?:\d{2} \d{2} \d{2} \d{2}|\d{4} \d{4})(?!\d)")
# The space between "Tlf."/"tlf."/"Telefon"/"Mobil" and the number after it.
_PHONE_LABEL = re.compile(r"(?<=\b[Tt]lf\.) (?=[\d+])|(?<=\b[Tt]elefon) (?=[\d+])|(?<=\b[Mm]obil) (?=[\d+])")
# The space before a separator that has a space on each side.
_BEFORE_SEPARATOR = re.compile(r" (?=[·–—/|] )")
# A legal reference that never breaks: "§ 110", "§ 85 a", "§§ 141", "stk. 7".
_SECTION = re.compile(r"§+ \d+(?: [a-zæøå](?![\w]))?|\b[Ss]tk\. \d+")
# A space between digits (or after a leading +) in a phone field.
_DIGIT_SPACE = re.compile(r"(?<=[\d+]) (?=\d)")


@cache
def _unprintable_run() -> re.Pattern[str]:
    # One replacement for a whole emoji sequence (base, skin tone, joiner,
    # variation selector), not one per code point.
    first, *rest = sorted(covered() | {10})
    ranges: list[tuple[int, int]] = []
    start = prev = first
    for point in rest:
        if point == prev + 1:
            prev = point
        else:
            ranges.append((start, prev))
            start = prev = point
    ranges.append((start, prev))
    allowed = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[^{allowed}]+")


def printable(text: str | None) -> str:
    """`text` cleaned as stored text is, with unprintable runs replaced, and

    wrapping only at sensible places (see keep_together).
    """
    if not text:
        return ""
    text = _SELECTORS.sub("", clean_text(text).replace("\t", " "))
    return keep_together(_JOINED.sub(REPLACEMENT, _unprintable_run().sub(REPLACEMENT, text)))


def keep_together(text: str) -> str:
    """`text` with no-break spaces (U+00A0) where a line must not break:

    inside a Danish phone number ("12 34 56 78", "+45 1234 5678"), between
    "Tlf." and its number, inside a legal reference ("§ 85 a", "stk. 7"),
    and before a separator (" · ", " – ", " / ", " | "), which so ends a
    line rather than begins one. Both formats then wrap at the same
    sensible places; the text reads the same.
    """
    text = _PHONE.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = _SECTION.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = _PHONE_LABEL.sub(NBSP, text)
    return _BEFORE_SEPARATOR.sub(NBSP, text)


def phone(text: str | None) -> str:
    """A phone field made printable: no break inside the number, however it is grouped."""
    return _DIGIT_SPACE.sub(NBSP, printable(text))


def without_cpr(text: str) -> str:
    """`text` with anything that looks like a CPR number taken out (for metadata)."""
    return " ".join(_CPR_LIKE.sub(" ", text).split())


def has_arabic(text: str) -> bool:
    return bool(_HAS_ARABIC.search(text))


def markup(text: str, bold: bool = False) -> str:
    """reportlab paragraph markup for printable `text` (one paragraph)."""
    escaped = escape(text)
    if has_arabic(text):
        face = RTL_BOLD if bold else RTL
        escaped = _ARABIC_RUN.sub(lambda m: f'<font name="{face}">{m.group(0)}</font>', escaped)
    return escaped.replace("\n", "<br/>")
