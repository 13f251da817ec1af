"""The printable recovery-key sheet: one A4 page, PDF/A-2b.

    recovery_sheet_pdf(lines) -> bytes

`lines` are planbro.crypto.recovery.sheet_text's, already in the user's
language: the title first, then the facts (date, data folder, key file id),
the grouped key as a line of its own, what the key is for, and then where
to keep it and how to use it. The page adds no words of its own, so it is
in the language of its lines; it lays them out:

    title · facts · the key, large, each group in a numbered cell ·
    what it is for · a framed box with the rest (where to keep it, how to use it)

┌──────────────────────────────────────────────────────────────────────────┐
│ Why the key is drawn one character per cell                              │
│                                                                          │
│ A key read off paper must line up: every character the same width, the   │
│ groups plainly apart, numbered as the typo message names them ("a typo   │
│ in group 3"). PDF/A needs every font embedded, and the shipped face is   │
│ proportional; rather than ship a second font, each character is drawn    │
│ centred in a cell of its own, which is monospace on paper.               │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

from planbro.crypto.recovery import ALPHABET, GROUP_SIZE, GROUPS

from planbro.documents import fonts as f
from planbro.documents.pdf import (
    ACCENT,
    GREY,
    HEADER_FILL,
    LANGUAGE,
    MARGIN_SIDE,
    RULE,
    para,
    styles,
)
from planbro.documents.pdfa import make_pdfa

# The grouped key: GROUPS groups of GROUP_SIZE characters of the alphabet, joined by dashes.
KEY_LINE = re.compile(rf"[{ALPHABET}]{{{GROUP_SIZE}}}(?:-[{ALPHABET}]{{{GROUP_SIZE}}}){{{GROUPS - 1}}}")
# Size of a key character, the width of its cell, and the gap between groups.
KEY_FONT_SIZE = 21
KEY_CELL = 0.78 * cm
GROUP_GAP = 0.3 * cm
# The key's groups per row: four, then three, so the characters stay large.
GROUPS_PER_ROW = 4
# Height of a row of the key (characters, then the group's number under them).
KEY_ROW = 1.75 * cm
# Top of the page's text, below the paper's top edge.
TOP = 2.4 * cm
# The box: its padding and the width of its frame.
BOX_PADDING = 0.45 * cm
BOX_LINE = 1.2
# The metadata's subject, in the sheet's language (Danish, as its text).
SUBJECT = "Planbro – gendannelsesnøgle"


class NotASheet(ValueError):
    """The lines hold no grouped recovery key."""


@cache
def _bold_statement() -> ParagraphStyle:
    return ParagraphStyle("statement-bold", parent=styles()["statement"], fontName=f.SANS_BOLD)


def _key_index(lines: Sequence[str]) -> int:
    for index, line in enumerate(lines):
        if KEY_LINE.fullmatch(line.strip()):
            return index
    raise NotASheet("the recovery sheet's lines hold no grouped recovery key")


def _flow(canvas: Canvas, items: list[Paragraph], top: float, width: float) -> float:
    """Draw `items` from `top` down, left-aligned at the margin; the y below the last."""
    y = top
    for item in items:
        _w, height = item.wrap(width, y)
        y -= height
        item.drawOn(canvas, MARGIN_SIDE, y)
        y -= item.style.spaceAfter
    return y


def _draw_key(canvas: Canvas, key: str, top: float) -> float:
    """The key's groups, each character in its own cell and each group numbered under it;
    the y below the last row."""
    groups = key.split("-")
    y = top
    for start in range(0, len(groups), GROUPS_PER_ROW):
        baseline = y - KEY_FONT_SIZE
        x = MARGIN_SIDE
        for number, group in enumerate(groups[start:start + GROUPS_PER_ROW], start + 1):
            width = len(group) * KEY_CELL
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.rect(x - 0.08 * cm, baseline - 0.22 * cm, width + 0.16 * cm,
                        KEY_FONT_SIZE + 0.3 * cm, stroke=1, fill=0)
            canvas.setFillColor(colors.black)
            canvas.setFont(f.SANS_BOLD, KEY_FONT_SIZE)
            for i, char in enumerate(group):
                canvas.drawCentredString(x + (i + 0.5) * KEY_CELL, baseline, char)
            canvas.setFillColor(GREY)
            canvas.setFont(f.SANS, 8)
            canvas.drawCentredString(x + width / 2, baseline - 0.62 * cm, str(number))
            x += width + GROUP_GAP
        y -= KEY_ROW
    return y


def _draw_box(canvas: Canvas, items: list[Paragraph], top: float, width: float) -> float:
    inner = width - 2 * BOX_PADDING
    heights = [item.wrap(inner, A4[1])[1] + item.style.spaceAfter for item in items]
    height = sum(heights) + 2 * BOX_PADDING
    canvas.setStrokeColor(ACCENT)
    canvas.setFillColor(HEADER_FILL)
    canvas.setLineWidth(BOX_LINE)
    canvas.rect(MARGIN_SIDE, top - height, width, height, stroke=1, fill=1)
    frame = Frame(MARGIN_SIDE + BOX_PADDING, top - height + BOX_PADDING, inner,
                  height - 2 * BOX_PADDING, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, showBoundary=0)
    frame.addFromList(list(items), canvas)
    return top - height


def recovery_sheet_pdf(lines: Sequence[str]) -> bytes:
    """The sheet of sheet_text's `lines` as a one-page PDF/A-2b file.

    Raises NotASheet when no line is a grouped recovery key.
    """
    index = _key_index(lines)
    key = lines[index].strip()
    title, facts = lines[0], list(lines[1:index])
    purpose, keeping = list(lines[index + 1:index + 2]), list(lines[index + 2:])
    f.register_fonts()
    out = io.BytesIO()
    # The standard Helvetica would be an unembedded font (not PDF/A).
    canvas = Canvas(out, pagesize=A4, lang=LANGUAGE,
                    initialFontName=f.SANS)  # type: ignore[arg-type]  # the stubs say float
    width = A4[0] - 2 * MARGIN_SIDE
    y = _flow(canvas, [para(title, "title")] + [para(line, "body") for line in facts],
              A4[1] - TOP, width)
    y = _draw_key(canvas, key, y - 0.5 * cm)
    y = _flow(canvas, [para(line, "body") for line in purpose], y - 0.2 * cm, width)
    if keeping:
        # The first of them, where to keep the sheet, in bold.
        boxed = [Paragraph(escape(keeping[0]), _bold_statement())]
        boxed += [para(line, "statement") for line in keeping[1:]]
        _draw_box(canvas, boxed, y - 0.4 * cm, width)
    canvas.showPage()
    # The metadata never holds the key: only the title.
    make_pdfa(canvas, title=title, author="Planbro", subject=SUBJECT, lang=LANGUAGE)
    canvas.save()
    return out.getvalue()
