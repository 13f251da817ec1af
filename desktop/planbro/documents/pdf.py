"""Document -> PDF/A-2b with reportlab platypus.

A4, the shipped Noto fonts embedded, "Side X af Y" and the running text
(with the plan's version) in every page footer, a draft's mark and the
small print "Original til sagen" in every page header, table header rows
repeated on each page, and the signature block kept on one page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable, HRFlowable
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from planbro.documents import blocks as b
from planbro.documents import fonts as f
from planbro.documents import pdf_words  # noqa: F401  # reportlab's word split, patched on import
from planbro.documents.columns import CELL_PADDING, CELL_SIZE, document_widths
from planbro.documents.hyphenation import DOCX_LANGUAGE, PARAGRAPH_HYPHENATION
from planbro.documents.long_text import pieces
from planbro.documents.municipality import Municipality
from planbro.documents.pdf_canvas import PlanbroCanvas
from planbro.documents.text import has_arabic, markup

# Binary streams: ASCII85 makes the file a quarter bigger and costs time.
rl_config.useA85 = 0

# Text that needs no markup: no XML specials, no line breaks.
_PLAIN = re.compile(r"[^<>&\n]*\Z")
# Page margins (the .docx uses the same).
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 2.2 * cm, 2.0 * cm, 2.2 * cm
# Where the footer's baseline sits above the paper's bottom edge.
FOOTER_Y = 1.1 * cm
# Where the page header's top sits below the paper's top edge (the .docx's
# header distance).
HEADER_TOP = 1.0 * cm
# Colours of headings, header rows and table rules.
ACCENT = colors.HexColor("#1F4E79")
HEADER_FILL = colors.HexColor("#DCE6F0")
RULE = colors.HexColor("#A6A6A6")
GREY = colors.HexColor("#595959")
# The draft mark (as the .docx's Planbro Kladde style): an opaque colour, no
# transparency, so the page stays PDF/A.
DRAFT_RED = colors.HexColor("#C00000")
# Width of the label column of a Fields block, and of the logo column.
LABEL_WIDTH = 4.2 * cm
LOGO_COLUMN = 4.0 * cm
LOGO_HEIGHT = 1.7 * cm
# Space left above each signature line for the handwritten signature.
SIGNATURE_SPACE = 1.4 * cm
# The document language in the PDF catalog and XMP.
LANGUAGE = DOCX_LANGUAGE

# The paragraph style of each heading level (blocks.Heading).
HEADINGS = {0: "part", 1: "h1", 2: "h2"}
# A TableStyle command: its name, first and last cell, then its values.
Command = tuple[Any, ...]


# Headings are not hyphenated (as the .docx's heading styles suppress it).
_HEADING: dict[str, Any] = {"hyphenationLang": ""}


@cache
def styles() -> dict[str, ParagraphStyle]:
    f.register_fonts()
    # No widows: a paragraph's last line never starts a page alone. Danish
    # hyphenation in every style (each inherits it from this one).
    base = ParagraphStyle("body", fontName=f.SANS, fontSize=10, leading=13.2, spaceAfter=4,
                          allowWidows=0, **PARAGRAPH_HYPHENATION)
    small = ParagraphStyle("cell", parent=base, fontSize=CELL_SIZE, leading=10.4, spaceAfter=0)
    return {
        "body": base,
        "note": ParagraphStyle("note", parent=base, fontName=f.SANS_ITALIC, fontSize=8.5,
                               leading=11, textColor=GREY),
        "statement": ParagraphStyle("statement", parent=base, spaceBefore=4, spaceAfter=8),
        "h1": ParagraphStyle("h1", parent=base, **_HEADING, fontName=f.SANS_BOLD, fontSize=13.5, leading=17,
                             spaceBefore=14, spaceAfter=4, textColor=ACCENT, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, **_HEADING, fontName=f.SANS_BOLD, fontSize=10.5, leading=13.5,
                             spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "title": ParagraphStyle("title", parent=base, **_HEADING, fontName=f.SANS_BOLD, fontSize=18, leading=22,
                                spaceBefore=12, spaceAfter=2, textColor=ACCENT, keepWithNext=1),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=14,
                                   spaceAfter=10, textColor=colors.HexColor("#404040")),
        "municipality": ParagraphStyle("municipality", parent=base, fontName=f.SANS_BOLD,
                                       fontSize=13, leading=16, spaceAfter=0, textColor=ACCENT),
        "address": ParagraphStyle("address", parent=base, fontSize=8, leading=10, textColor=GREY),
        "label": ParagraphStyle("label", parent=base, fontName=f.SANS_BOLD, fontSize=9.5,
                                leading=12, spaceAfter=0),
        "value": ParagraphStyle("value", parent=base, fontSize=9.5, leading=12, spaceAfter=0),
        "cell": small,
        "head": ParagraphStyle("head", parent=small, fontName=f.SANS_BOLD),
        "sign": ParagraphStyle("sign", parent=base, fontSize=9, leading=11.5, spaceAfter=0),
        "sign_label": ParagraphStyle("sign_label", parent=base, fontName=f.SANS_BOLD, fontSize=9,
                                     leading=11.5, spaceAfter=0),
        "draft": ParagraphStyle("draft", parent=base, fontName=f.SANS_BOLD, fontSize=11, leading=13,
                                spaceAfter=0, textColor=DRAFT_RED),
        "header": ParagraphStyle("header", parent=base, fontSize=7.5, leading=9, textColor=GREY),
        "footer": ParagraphStyle("footer", parent=base, fontSize=7.5, leading=9, textColor=GREY),
        "footer_right": ParagraphStyle("footer_right", parent=base, fontSize=7.5, leading=9,
                                       textColor=GREY, alignment=TA_RIGHT),
        "footnote": ParagraphStyle("footnote", parent=base, fontSize=6.5, leading=8,
                                   textColor=colors.HexColor("#7F7F7F")),
        "part": ParagraphStyle("part", parent=base, **_HEADING, fontName=f.SANS_BOLD, fontSize=15, leading=19,
                               spaceBefore=0, spaceAfter=6, textColor=ACCENT, keepWithNext=1),
    }


@cache
def _shaped(name: str) -> ParagraphStyle:
    # Arabic needs HarfBuzz shaping (uharfbuzz); only such paragraphs pay for it.
    style = styles()[name]
    return ParagraphStyle(f"{name}-shaped", parent=style, shaping=1)


class _Paragraph(Paragraph):
    """A Paragraph that remembers its last wrap.

    Tables wrap every cell several times at the same width (to measure
    rows, to split, to draw); line breaking is the costliest step of the
    whole rendering, so the second and later wraps reuse the first.
    """

    # The last wrap: its available width and the size it gave.
    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if (self._wrapped is not None and self._wrapped[0] == availWidth
                and "blPara" in self.__dict__):
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


@cache
def _plain_frag(style: str) -> ParaFrag:
    # What reportlab's markup parser makes of one plain word in `style`;
    # plain texts reuse it, as parsing costs a fifth of the rendering.
    _, frags, _ = ParaParser().parse("x", styles()[style])  # type: ignore[no-untyped-call]  # reportlab's stubs leave parse unannotated
    frag: ParaFrag = frags[0]
    return frag


def para(text: str, style: str) -> Paragraph:
    if has_arabic(text):
        return _Paragraph(markup(text, "Bold" in styles()[style].fontName), _shaped(style))
    if text and _PLAIN.match(text):
        return _Paragraph(text, styles()[style], frags=[_plain_frag(style).clone(text=text)])
    return _Paragraph(markup(text), styles()[style])


def paras(text: str, style: str) -> list[Flowable]:
    """One paragraph of user text as Paragraphs of a few thousand characters
    each (long_text.pieces: linear, where one Paragraph is quadratic), read
    as one: no space and no keep-with-next between its pieces."""
    parts = pieces(text)
    if len(parts) == 1:
        return [para(text, style)]
    out = [para(part, style) for part in parts]
    for i, p in enumerate(out):
        p.style = _piece_style(p.style, first=i == 0, last=i == len(out) - 1)
    return [*out]


@cache
def _piece_style(style: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
    piece = ParagraphStyle(f"{style.name}-piece", parent=style)
    if not first:
        piece.spaceBefore = 0
    if not last:
        piece.spaceAfter = piece.keepWithNext = 0
    return piece


def cell(text: str, style: str, width: float) -> str | list[Flowable]:
    """A table cell: plain text when it fits on one line, else a Paragraph.

    Plain cells are drawn without the paragraph machinery (wrapping each
    cell three times is most of the cost of a table); the table's style
    gives them the same font as the paragraph style.
    """
    st = styles()[style]
    if ("\n" not in text and not has_arabic(text)
            and stringWidth(text, st.fontName, st.fontSize) <= width - 2 * CELL_PADDING):
        return text
    return paras(text, style)


def _font_cmds(region: tuple[tuple[int, int], tuple[int, int]], style: str) -> list[Command]:
    st = styles()[style]
    return [("FONTNAME", *region, st.fontName), ("FONTSIZE", *region, st.fontSize),
            ("LEADING", *region, st.leading)]


@cache
def _logo_size(logo: bytes) -> tuple[float, float]:
    width, height = ImageReader(io.BytesIO(logo)).getSize()
    return LOGO_HEIGHT * width / height, LOGO_HEIGHT


def _grid(cells: Sequence[list[Any]], widths: Sequence[float], style_cmds: list[Command],
          repeat: int = 0, split_in_row: bool = True) -> Table:
    """A table of `cells` (rows of what reportlab's Table takes: text or flowables)."""
    # splitInRow lets one very long cell continue on the next page instead
    # of failing when a single row is taller than a page.
    table = Table(cells, colWidths=widths, repeatRows=repeat, splitInRow=int(split_in_row),
                  hAlign="LEFT")
    table.setStyle(TableStyle(style_cmds))
    return table


# Most rows of a plan table in one reportlab Table (a longer table is
# drawn as several, each with the header row): a few pages' worth.
TABLE_ROWS = 100
# Every table: its cell font (the default Helvetica would not be embedded),
# padding and alignment.
_PADDING: list[Command] = [("FONTNAME", (0, 0), (-1, -1), f.SANS), ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]


class _Story:
    def __init__(self, width: float) -> None:
        self.width = width
        self.flow: list[Flowable] = []
        # Each table's column widths (columns.py), set by story().
        self.widths: dict[b.Table, tuple[float, ...]] = {}

    def municipality(self, m: Municipality) -> None:
        left = [para(m.name, "municipality")] + ([para(m.address, "address")] if m.address else [])
        if not m.logo:
            self.flow += left
            return
        w, h = _logo_size(m.logo)
        logo = Image(io.BytesIO(m.logo), width=w, height=h, hAlign="RIGHT")
        self.flow.append(_grid([[left, logo]], [self.width - LOGO_COLUMN, LOGO_COLUMN],
                               _PADDING + [("LEFTPADDING", (0, 0), (0, 0), 0),
                                           ("RIGHTPADDING", (1, 0), (1, 0), 0)]))

    def fields(self, block: b.Fields) -> None:
        widths = [LABEL_WIDTH, self.width - LABEL_WIDTH]
        cells = [[cell(k, "label", widths[0]), cell(v, "value", widths[1])] for k, v in block.rows]
        self.flow.append(_grid(cells, widths, _PADDING + [("LEFTPADDING", (0, 0), (0, -1), 0)]
                               + _font_cmds(((0, 0), (0, -1)), "label")
                               + _font_cmds(((1, 0), (1, -1)), "value")))
        self.flow.append(Spacer(1, 4))

    def table(self, block: b.Table) -> None:
        """The table as Tables of at most TABLE_ROWS rows each, every one with
        the header row (repeated on each page): reportlab's split of one
        Table costs its whole length per page, so one long table is quadratic."""
        widths = list(self.widths[block])
        for start in range(0, len(block.rows) or 1, TABLE_ROWS):
            self.flow.append(self._table_part(block, widths, start, start + TABLE_ROWS))
        self.flow.append(Spacer(1, 6))

    def _table_part(self, block: b.Table, widths: list[float], start: int, end: int) -> Table:
        """Rows start to end of `block` (with their notes) under the header row."""
        cells: list[list[Any]] = [[cell(h, "head", w) for h, w in zip(block.header, widths)]]
        lines: list[Command] = [("GRID", (0, 0), (-1, -1), 0.5, RULE)]
        split_in_row = True
        rows = block.rows[start:end]
        if not block.notes:
            cells += [[cell(t, "cell", w) for t, w in zip(row, widths)] for row in rows]
        else:
            # Splitting inside a row would also split a row from its note:
            # only a long row may run over a page (as in the .docx).
            split_in_row = any(block.row_chars(i) > b.UNSPLIT_ROW_CHARS
                               for i in range(start, start + len(rows)))
            # Each row with its note under it, spanning the table: one unit
            # that never splits, with no rule between the two.
            lines = [("BOX", (0, 0), (-1, -1), 0.5, RULE), ("LINEAFTER", (0, 0), (-2, 0), 0.5, RULE)]
            for row, note in zip(rows, block.notes[start:end]):
                r = len(cells)
                cells.append([cell(t, "cell", w) for t, w in zip(row, widths)])
                cells.append([cell(note, "cell", self.width)] + [""] * (len(widths) - 1))
                lines += [("LINEABOVE", (0, r), (-1, r), 0.5, RULE),
                          ("LINEAFTER", (0, r), (-2, r), 0.5, RULE),
                          ("SPAN", (0, r + 1), (-1, r + 1)), ("NOSPLIT", (0, r), (-1, r + 1))]
        return _grid(cells, widths, _PADDING + _font_cmds(((0, 0), (-1, 0)), "head")
                     + _font_cmds(((0, 1), (-1, -1)), "cell") + lines + [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)], repeat=1, split_in_row=split_in_row)

    def signatures(self, heading: b.Heading | None, block: b.Signatures) -> None:
        width = self.width / len(block.lines)
        cells = [[[Spacer(1, SIGNATURE_SPACE),
                   HRFlowable(width="90%", thickness=0.7, color=colors.black, hAlign="LEFT",
                              spaceAfter=3),
                   *paras(line.label, "sign_label"), *paras(line.name, "sign"),
                   *paras(line.place, "sign"), *paras(line.date, "sign")] for line in block.lines]]
        parts = ([para(heading.text, "h1")] if heading else []) + [
            *paras(block.statement, "statement"),
            _grid(cells, [width] * len(block.lines), _PADDING + [("LEFTPADDING", (0, 0), (0, 0), 0)])]
        # The whole block moves to the next page rather than split.
        self.flow.append(KeepTogether(parts))


def story(doc: b.Document, width: float) -> list[Flowable]:
    s = _Story(width)
    s.widths = document_widths(doc.blocks, width)
    s.municipality(doc.municipality)
    s.flow += [para(doc.title, "title"), para(doc.subtitle, "subtitle")]
    blocks = list(doc.blocks)
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, b.Heading):
            if isinstance(nxt, b.Signatures):
                continue  # drawn inside the signature block's KeepTogether
            if block.level == 0:
                # A rule above each part, as the .docx's Planbro Del style, kept with it.
                rule = HRFlowable(width="100%", thickness=1, color=ACCENT, spaceBefore=16, spaceAfter=3)
                rule.keepWithNext = 1
                s.flow.append(rule)
            s.flow += paras(block.text, HEADINGS[block.level])
        elif isinstance(block, b.Paragraph):
            s.flow += paras(block.text, block.style)
        elif isinstance(block, b.Fields):
            s.fields(block)
        elif isinstance(block, b.Table):
            s.table(block)
        else:
            prev = blocks[i - 1] if i else None
            s.signatures(prev if isinstance(prev, b.Heading) else None, block)
    return s.flow


def _canvas_class(doc: b.Document) -> type[PlanbroCanvas]:
    """A canvas that writes each page's header, and "Side X af Y" once the page count is known."""

    class PlanCanvas(PlanbroCanvas):
        meta_title, meta_author, meta_subject = doc.meta_title, doc.author, doc.subject

        def finish_page(self, number: int, total: int) -> None:
            self._header()
            self._footer(number, total)

        def _header(self) -> None:
            # In the top margin of every page: the draft mark at the left, the
            # small print at the right, on one baseline.
            baseline = A4[1] - HEADER_TOP - styles()["draft"].fontSize
            for text, style, x, draw in (
                    (doc.mark, "draft", MARGIN_SIDE, self.drawString),
                    (doc.purpose, "header", A4[0] - MARGIN_SIDE, self.drawRightString)):
                if text:
                    st = styles()[style]
                    self.setFont(st.fontName, st.fontSize)
                    self.setFillColor(st.textColor)
                    draw(x, baseline, text)

        def _footer(self, number: int, total: int) -> None:
            width = A4[0] - 2 * MARGIN_SIDE
            right = para(f"Side {number} af {total}", "footer_right")
            left = para(doc.running, "footer")
            for flowable, x, w in ((left, MARGIN_SIDE, width * 0.8),
                                   (right, MARGIN_SIDE + width * 0.8, width * 0.2)):
                flowable.wrapOn(self, w, 2 * cm)
                flowable.drawOn(self, x, FOOTER_Y)
            if doc.footnote:
                small = para(doc.footnote, "footnote")
                small.wrapOn(self, width, 1 * cm)
                small.drawOn(self, MARGIN_SIDE, FOOTER_Y - styles()["footnote"].leading - 1)

    return PlanCanvas


def pdf_bytes(doc: b.Document) -> bytes:
    """The PDF/A-2b file for `doc`."""
    styles()
    out = io.BytesIO()
    template = BaseDocTemplate(out, pagesize=A4, leftMargin=MARGIN_SIDE, rightMargin=MARGIN_SIDE,
                               topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                               title=doc.meta_title, author=doc.author, lang=LANGUAGE)
    frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(story(doc, template.width), canvasmaker=_canvas_class(doc))
    return out.getvalue()
