"""Make templates/fonts/PlanbroSans-*.ttf: Noto Sans merged with Noto Sans Arabic.

    python tools/make_fonts.py [NOTO_DIR]

NOTO_DIR holds Debian's fonts-noto-core files (default
/usr/share/fonts/truetype/noto; `apt-get download fonts-noto-core` and
`dpkg-deb -x` it anywhere if the package is not installed). Needs
fontTools (`pip install fonttools`), for this script only.

Why merged: reportlab has no font fallback and shapes each word with the
font of its first letter, so a word such as "(علي" mixing two fonts
printed boxes. One family covering Latin, Greek, Cyrillic and Arabic has
a glyph for every letter of every word. Hinting is dropped (a PDF does
not need it, and the two fonts' hinting programs cannot be merged). Both
fonts are under the SIL Open Font License 1.1 (templates/fonts/OFL.txt),
which allows this; the result is renamed "Planbro Sans", as the OFL asks
of modified versions.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

# Where the merged faces go.
FONTS = Path(__file__).resolve().parent.parent / "templates" / "fonts"
# Each Planbro face: its Latin source and its Arabic source (Arabic has no italic).
FACES = {
    "Regular": ("NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf"),
    "Bold": ("NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf"),
    "Italic": ("NotoSans-Italic.ttf", "NotoSansArabic-Regular.ttf"),
    "BoldItalic": ("NotoSans-BoldItalic.ttf", "NotoSansArabic-Bold.ttf"),
}
# Taken from the Arabic font: the Arabic blocks and the joiners; everything
# else (Latin, digits, punctuation) comes from Noto Sans.
ARABIC_RANGES = [(0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
                 (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0x200C, 0x200D)]
FAMILY = "Planbro Sans"


def _unhinted(source: Path, target: Path, unicodes: list[int] | None) -> None:
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    if unicodes is None:
        unicodes = list(font.getBestCmap())
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def _rename(font: TTFont, style: str) -> None:
    name = font["name"]
    readable = {"BoldItalic": "Bold Italic"}.get(style, style)
    for record in list(name.names):
        if record.nameID in (16, 17, 21, 22):
            name.removeNames(nameID=record.nameID)
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName(readable, 2, 3, 1, 0x409)
    name.setName(f"{FAMILY} {readable}", 4, 3, 1, 0x409)
    name.setName(f"PlanbroSans-{style}", 6, 3, 1, 0x409)
    name.setName(f"{FAMILY} {readable}; Noto Sans and Noto Sans Arabic merged", 3, 3, 1, 0x409)
    for record in list(name.names):
        if record.platformID != 3:
            name.removeNames(platformID=record.platformID)


def make_face(noto: Path, style: str, folder: Path) -> Path:
    latin, arabic = FACES[style]
    arabic_codes = [c for a, b in ARABIC_RANGES for c in range(a, b + 1)]
    _unhinted(noto / latin, folder / "latin.ttf", None)
    _unhinted(noto / arabic, folder / "arabic.ttf", arabic_codes)
    merged = Merger().merge([str(folder / "latin.ttf"), str(folder / "arabic.ttf")])
    _rename(merged, style)
    target = FONTS / f"PlanbroSans-{style}.ttf"
    merged.save(str(target))
    return target


def main(argv: list[str]) -> int:
    noto = Path(argv[0] if argv else "/usr/share/fonts/truetype/noto")
    with tempfile.TemporaryDirectory() as tmp:
        for style in FACES:
            path = make_face(noto, style, Path(tmp))
            print(f"{path.name}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
