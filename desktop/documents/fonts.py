"""The fonts shipped in templates/fonts (Noto Sans + Noto Sans Arabic, OFL).

Registered with reportlab once per process. reportlab has no font
fallback, so Arabic runs are switched to the Arabic face by markup
(see text.py) and everything neither face covers is replaced before a
document is laid out.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# reportlab's name of each face -> its file in templates/fonts.
FACES = {
    "PlanbroSans": "NotoSans-Regular.ttf",
    "PlanbroSans-Bold": "NotoSans-Bold.ttf",
    "PlanbroSans-Italic": "NotoSans-Italic.ttf",
    "PlanbroSans-BoldItalic": "NotoSans-BoldItalic.ttf",
    "PlanbroArabic": "NotoSansArabic-Regular.ttf",
    "PlanbroArabic-Bold": "NotoSansArabic-Bold.ttf",
}
# The Latin family's faces by (bold, italic).
SANS = "PlanbroSans"
SANS_BOLD = "PlanbroSans-Bold"
SANS_ITALIC = "PlanbroSans-Italic"
SANS_BOLD_ITALIC = "PlanbroSans-BoldItalic"
# The Arabic faces; Noto Sans Arabic has no italic.
ARABIC = "PlanbroArabic"
ARABIC_BOLD = "PlanbroArabic-Bold"
# The family name Word sees in the .docx styles (the PDF embeds the files).
DOCX_FONT = "Noto Sans"


def font_path(file_name: str) -> Path:
    resource = resources.files("planbro.templates") / "fonts" / file_name
    # Installed packages are plain folders; as_file is a no-op for them.
    with resources.as_file(resource) as path:
        return Path(path)


@cache
def register_fonts() -> None:
    """Register every face and the family mapping (once per process)."""
    for name, file_name in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_path(file_name))))
    for family, faces in ((SANS, (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC)),
                          (ARABIC, (ARABIC, ARABIC_BOLD, ARABIC, ARABIC_BOLD))):
        for (bold, italic), face in zip(((0, 0), (1, 0), (0, 1), (1, 1)), faces):
            addMapping(family, bold, italic, face)


@cache
def covered() -> frozenset[int]:
    """Code points the Latin or the Arabic face can print."""
    register_fonts()
    points: set[int] = set()
    for name in (SANS, ARABIC):
        points.update(pdfmetrics.getFont(name).face.charToGlyph)
    return frozenset(points)
