"""The font shipped in templates/fonts: Planbro Sans, registered once per process.

Planbro Sans is Noto Sans merged with Noto Sans Arabic (OFL; made by
tools/make_fonts.py), so one face has a glyph for Danish, ĸ, Ł, Ş, Greek,
Cyrillic and Arabic letters alike. reportlab has no font fallback and
shapes a word with the font of its first letter; with one face for all
scripts no word can print boxes. Whatever the face does not cover (emoji)
is replaced before a document is laid out (text.py).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# reportlab's name of each face -> its file in templates/fonts.
FACES = {
    "PlanbroSans": "PlanbroSans-Regular.ttf",
    "PlanbroSans-Bold": "PlanbroSans-Bold.ttf",
    "PlanbroSans-Italic": "PlanbroSans-Italic.ttf",
    "PlanbroSans-BoldItalic": "PlanbroSans-BoldItalic.ttf",
}
# The faces by (bold, italic).
SANS = "PlanbroSans"
SANS_BOLD = "PlanbroSans-Bold"
SANS_ITALIC = "PlanbroSans-Italic"
SANS_BOLD_ITALIC = "PlanbroSans-BoldItalic"
# The same files under a second name for right-to-left runs: a different
# font name keeps an Arabic run a fragment of its own, which reportlab
# then shapes and orders right-to-left as one unit.
RTL = "PlanbroSansRTL"
RTL_BOLD = "PlanbroSansRTL-Bold"
_RTL_FACES = {RTL: FACES[SANS], RTL_BOLD: FACES[SANS_BOLD]}
# (bold, italic) of the family's faces, as reportlab's addMapping takes them.
_STYLES: tuple[tuple[Literal[0, 1], Literal[0, 1]], ...] = ((0, 0), (1, 0), (0, 1), (1, 1))


def font_path(file_name: str) -> Path:
    resource = resources.files("planbro.templates") / "fonts" / file_name
    # Installed packages are plain folders; as_file is a no-op for them.
    with resources.as_file(resource) as path:
        return Path(path)


@cache
def register_fonts() -> None:
    """Register every face and the family mapping (once per process)."""
    for name, file_name in {**FACES, **_RTL_FACES}.items():
        pdfmetrics.registerFont(TTFont(name, str(font_path(file_name))))
    for (bold, italic), face in zip(_STYLES, (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC)):
        addMapping(SANS, bold, italic, face)


@cache
def covered() -> frozenset[int]:
    """Code points every face can print (the italic faces may cover fewer)."""
    register_fonts()
    cmaps: list[set[int]] = []
    for name in FACES:
        font = pdfmetrics.getFont(name)
        # register_fonts() registered a TTFont under each name; getFont is typed for any Font.
        assert isinstance(font, TTFont)
        cmaps.append(set(font.face.charToGlyph))
    return frozenset(set.intersection(*cmaps))
