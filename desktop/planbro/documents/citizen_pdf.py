"""CitizenCopy -> PDF/A-2b: "Din plan" in large type on at most two A4 pages.

Every text is at least 14 pt (the page header and footer too), and the
lines are short: the text is 14 cm wide, about 60 characters of Danish at
14 pt. Fonts, PDF/A parts and hyphenation are the full
plan's (fonts.py, pdfa.py, hyphenation.py).
"""

from __future__ import annotations

import io
from copy import copy as shallow_copy
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Flowable, HRFlowable

from planbro.documents import fonts as f
from planbro.documents import pdf_words  # noqa: F401  # reportlab's word split, patched on import
from planbro.documents.citizen_model import STRONG, CitizenCopy, Run
from planbro.documents.hyphenation import PARAGRAPH_HYPHENATION
from planbro.documents.pdf import ACCENT, DRAFT_RED, GREY, LANGUAGE
from planbro.documents.pdf_canvas import PlanbroCanvas
from planbro.documents.text import has_arabic, markup

# Binary streams, as pdf.py writes them.
rl_config.useA85 = 0

# The smallest type anywhere on the page.
MIN_SIZE = 14
# Body text: size and line distance.
BODY_SIZE, BODY_LEADING = 14, 18
# The text width (about 60 characters at 14 pt) and the page margins around it.
TEXT_WIDTH = 14 * cm
MARGIN_SIDE = (A4[0] - TEXT_WIDTH) / 2
MARGIN_TOP, MARGIN_BOTTOM = 2.0 * cm, 2.1 * cm
# Where the header's and the footer's baselines sit from the paper's edge.
HEADER_Y, FOOTER_Y = 1.0 * cm, 1.0 * cm
# Indent of a goal's or service's text (its number or bullet hangs in it), and of a step.
ITEM_INDENT, STEP_INDENT = 0.8 * cm, 1.6 * cm
# The shortest word broken at the end of a line (hyphenation.py's Danish breaks): easy
# reading breaks as few words as it can, only the long compounds that would leave a
# line at this measure half empty ("Rusmiddel-/centeret"), never "hvor-/dan".
MIN_HYPHENATED = 13
# The height of the page's text.
FRAME_HEIGHT = A4[1] - MARGIN_TOP - MARGIN_BOTTOM
# Height of the logo beside the municipality's name.
LOGO_HEIGHT = 1.1 * cm


@cache
def styles() -> dict[str, ParagraphStyle]:
    f.register_fonts()
    body = ParagraphStyle("c-body", fontName=f.SANS, fontSize=BODY_SIZE, leading=BODY_LEADING,
                          spaceAfter=4, allowWidows=0, bulletFontName=f.SANS,
                          bulletFontSize=BODY_SIZE, **{**PARAGRAPH_HYPHENATION,
                                                        "hyphenationMinWordLength": MIN_HYPHENATED})

    def style(name: str, **values: Any) -> ParagraphStyle:
        return ParagraphStyle(f"c-{name}", parent=body, **values)

    return {
        "body": body,
        "municipality": style("municipality", fontName=f.SANS_BOLD, fontSize=16, leading=20,
                              spaceAfter=0, textColor=ACCENT),
        "title": style("title", fontName=f.SANS_BOLD, fontSize=28, leading=33, spaceBefore=6,
                       spaceAfter=4, textColor=ACCENT, keepWithNext=1),
        "made": style("made", spaceAfter=4),
        "heading": style("heading", fontName=f.SANS_BOLD, fontSize=18, leading=22,
                         spaceBefore=12, spaceAfter=4, textColor=ACCENT, keepWithNext=1),
        "quote": style("quote", leftIndent=ITEM_INDENT),
        "goal": style("goal", leftIndent=ITEM_INDENT, bulletIndent=0, spaceBefore=6,
                      spaceAfter=2, bulletFontName=f.SANS_BOLD, keepWithNext=1),
        "step": style("step", leftIndent=STEP_INDENT, bulletIndent=ITEM_INDENT, spaceAfter=3),
        "step_note": style("step_note", leftIndent=STEP_INDENT, spaceAfter=4),
        "item": style("item", leftIndent=ITEM_INDENT, bulletIndent=0, spaceBefore=4,
                      spaceAfter=0, keepWithNext=1),
        "item_note": style("item_note", leftIndent=ITEM_INDENT, spaceAfter=0),
        "contact": style("contact", spaceAfter=5),
        "end": style("end", spaceBefore=4),
        "header": style("header", fontName=f.SANS_BOLD, textColor=DRAFT_RED),
        "footer": style("footer", textColor=GREY),
    }


@cache
def _shaped(name: str) -> ParagraphStyle:
    # Arabic needs HarfBuzz shaping; only such paragraphs pay for it (as in pdf.py).
    return ParagraphStyle(f"{styles()[name].name}-shaped", parent=styles()[name], shaping=1)


def _markup(runs: tuple[Run, ...]) -> str:
    parts = []
    for run in runs:
        text = markup(run.text, bold=run.kind == STRONG)
        parts.append(f'<font name="{f.SANS_BOLD}">{text}</font>' if run.kind == STRONG else text)
    return "".join(parts)


class _Paragraph(Paragraph):
    """A Paragraph that remembers its last wrap: the copy is measured before it is
    laid out (Layout.height), and laid out once more for each stricter level."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # The frame's width is the page's less its margins, TEXT_WIDTH but for rounding.
        if (self._wrapped is not None and abs(self._wrapped[0] - availWidth) < 1e-6
                and "blPara" in self.__dict__):
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


class Layout:
    """Lays copies of one plan out: each paragraph is made and broken into lines once,
    however many of the copies (citizen.LEVELS) hold it."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str, str], _Paragraph] = {}

    def paragraph(self, runs: tuple[Run, ...], style: str, bullet: str = "") -> Paragraph:
        """A new Paragraph of `runs`, with the lines of any made before with the same text.

        The one kept is only ever measured; each layout gets a copy, as a layout
        marks the paragraphs it moves to the next page (and refuses one so marked
        that does not fit again).
        """
        key = (_markup(runs), style, bullet)
        made = self._made.get(key)
        if made is None:
            shaped = any(has_arabic(run.text) for run in runs)
            made = _Paragraph(key[0], _shaped(style) if shaped else styles()[style],
                              bulletText=bullet or None)
            # Broken into lines at the frame's width, as every layout will.
            made.wrap(TEXT_WIDTH, FRAME_HEIGHT)
            self._made[key] = made
        return shallow_copy(made)

    def story(self, copy: CitizenCopy) -> list[Flowable]:
        flow = self._municipality(copy)
        flow += [self.paragraph(copy.title.runs, "title"), self.paragraph(copy.made.runs, "made")]
        for line in copy.lines:
            if line.style == "end":
                flow.append(HRFlowable(width="100%", thickness=1, color=ACCENT, spaceBefore=12,
                                       spaceAfter=4))
            flow.append(self.paragraph(line.runs, line.style, line.bullet))
        return flow

    def height(self, copy: CitizenCopy) -> float:
        """About how tall the copy's text is, laid end to end (no page breaks): the
        flowables' heights and the space between them, which a frame overlaps (the
        larger of one's space after and the next one's space before)."""
        total, after = 0.0, None
        for flowable in self.story(copy):
            total += flowable.wrap(TEXT_WIDTH, FRAME_HEIGHT)[1]
            if after is not None:
                total += max(after, flowable.getSpaceBefore())
            after = flowable.getSpaceAfter()
        return total

    def _municipality(self, copy: CitizenCopy) -> list[Flowable]:
        """The municipality's name, with its logo at the right (no address: the copy's
        contacts say whom to call)."""
        m = copy.municipality
        name = self.paragraph((Run(m.name),), "municipality")
        if not m.logo:
            return [name]
        width, height = _logo_size(m.logo)
        logo = Image(io.BytesIO(m.logo), width=width, height=height, hAlign="RIGHT")
        column = width + 0.2 * cm
        table = Table([[name, logo]], colWidths=[TEXT_WIDTH - column, column], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("FONTNAME", (0, 0), (-1, -1), f.SANS),
                                   ("FONTSIZE", (0, 0), (-1, -1), MIN_SIZE),
                                   *((pad, (0, 0), (-1, -1), 0) for pad in
                                     ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                      "BOTTOMPADDING"))]))
        return [table]

    def pdf(self, copy: CitizenCopy, write: bool = True) -> tuple[bytes, int]:
        """The PDF/A-2b file of `copy`, and how many pages it has; without `write`, only
        the count (laid out, not written: for a .docx alone, whose words the PDF's fit
        chooses)."""
        out = io.BytesIO()
        template = BaseDocTemplate(out, pagesize=A4, leftMargin=MARGIN_SIDE,
                                   rightMargin=MARGIN_SIDE, topMargin=MARGIN_TOP,
                                   bottomMargin=MARGIN_BOTTOM, title=copy.meta_title,
                                   author=copy.author, lang=LANGUAGE)
        frame = Frame(template.leftMargin, template.bottomMargin, template.width,
                      template.height, id="body", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        # The draft mark is drawn as each page begins, so it is read first; the footer
        # (which needs the page count) at the end.
        def mark(canvas: Canvas, _doc: BaseDocTemplate) -> None:
            if copy.mark:
                _draw(canvas, self.paragraph(copy.mark, "header"), A4[1] - HEADER_Y - BODY_SIZE)

        template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=mark)])
        counted: list[int] = []
        template.build(self.story(copy), canvasmaker=_canvas_class(copy, counted, self, write))
        return out.getvalue(), counted[-1]


@cache
def _logo_size(logo: bytes) -> tuple[float, float]:
    width, height = ImageReader(io.BytesIO(logo)).getSize()
    return LOGO_HEIGHT * width / height, LOGO_HEIGHT


def _canvas_class(copy: CitizenCopy, counted: list[int], layout: Layout,
                  write: bool = True) -> type[PlanbroCanvas]:
    """A canvas that writes "side X af Y" once the page count is known, and puts the
    count in `counted`; without `write` it only counts."""

    class CitizenCanvas(PlanbroCanvas):
        meta_title, meta_author, meta_subject = copy.meta_title, copy.author, copy.subject
        # The large size from the first mark: no page ever states a smaller font.
        initial_size, initial_leading = MIN_SIZE, BODY_LEADING

        def written(self, total: int) -> bool:
            counted.append(total)
            return write

        def finish_page(self, number: int, total: int) -> None:
            self._draw(layout.paragraph(copy.footer(str(number), str(total)), "footer"),
                       FOOTER_Y)

        def _draw(self, flowable: Paragraph, y: float) -> None:
            _draw(self, flowable, y)

    return CitizenCanvas


def _draw(canvas: Canvas, flowable: Paragraph, y: float) -> None:
    flowable.wrapOn(canvas, TEXT_WIDTH, 3 * cm)
    flowable.drawOn(canvas, MARGIN_SIDE, y)


def citizen_pdf(copy: CitizenCopy) -> tuple[bytes, int]:
    """The PDF/A-2b file of `copy`, and how many pages it has."""
    return Layout().pdf(copy)
