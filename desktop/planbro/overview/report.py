"""The overview as a short PDF/A-2b report: its heading, then each area's figures in tables,
with a horizontal bar chart (reportlab.graphics.charts) of each group that has one.

Planbro Sans (documents/fonts.py) is the only font, in the text and in the charts' labels, so
æøå print and every font is embedded, as PDF/A asks (documents/pdfa.py). A hidden figure is
a bar of nothing whose label says "under 5". The report holds no plan id, name or CPR number,
and its metadata names Planbro only.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from planbro.translation import _

from planbro.documents import fonts as f
from planbro.documents.pdf_canvas import PlanbroCanvas

from planbro.overview.figures import Group, Overview
from planbro.overview.presenting import heading, item_text, small_groups_note, title

# The report's language (the catalog's and the XMP's): the figures' words are Danish.
LANGUAGE = "da-DK"
# Page margins.
MARGIN = 2 * cm
# The colour of the bars and headings (the documents' accent).
ACCENT = colors.HexColor("#1F4E79")
# Height of one bar and its gap in a chart (points).
BAR = 14
# The tallest chart (points): it must fit a page below its heading (a page's frame holds
# ~716); more bars are drawn closer, down to STEP_MIN apart.
CHART_MAX = 560
# The least room for a bar and its 7.5-point label: a group of more (the months of a long
# period) gets no chart; its table holds every figure.
STEP_MIN = 9


def _styles() -> dict[str, ParagraphStyle]:
    f.register_fonts()
    body = ParagraphStyle("body", fontName=f.SANS, fontSize=9.5, leading=12.5)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=f.SANS_BOLD, fontSize=18,
                                leading=22, textColor=ACCENT, spaceAfter=6),
        "h1": ParagraphStyle("h1", parent=body, fontName=f.SANS_BOLD, fontSize=13.5, leading=17,
                             textColor=ACCENT, spaceBefore=12, spaceAfter=4, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=f.SANS_BOLD, fontSize=10.5, leading=13,
                             spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "note": ParagraphStyle("note", parent=body, fontName=f.SANS_ITALIC, fontSize=8.5,
                               leading=11, textColor=colors.HexColor("#595959")),
    }


def report_pdf(overview: Overview) -> bytes:
    """The PDF/A-2b report of `overview`."""
    style = _styles()
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN, title=title(),
                                 author="Planbro", lang=LANGUAGE)
    story: list[Flowable] = [Paragraph(escape(title()), style["title"])]
    story += [Paragraph(escape(line), style["body"]) for line in heading(overview)]
    story += [Spacer(1, 4), Paragraph(escape(small_groups_note()), style["note"])]
    width = A4[0] - 2 * MARGIN
    for area in overview.areas:
        # The area's heading kept with its first group: keepWithNext alone does not hold
        # against a KeepTogether, and left "Indsatser" alone at the foot of a page.
        heading_first = [Paragraph(escape(area.title), style["h1"])]
        for group in area.groups:
            story.append(KeepTogether(heading_first + _group(group, style, width)))
            heading_first = []
        if heading_first:
            story += heading_first
    document.build(story, canvasmaker=_canvas_class())
    return out.getvalue()


def _group(group: Group, style: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph(escape(group.title), style["h2"])]
    if not group.items:
        parts.append(Paragraph(escape(_("Nothing found.")), style["body"]))
        return parts
    rows = [[Paragraph(escape(item.label), style["body"]),
             Paragraph(escape(item_text(item)), style["body"])] for item in group.items]
    table = Table(rows, colWidths=[width * 0.72, width * 0.28])
    table.setStyle(TableStyle([
        # A table sets its cells' font even for paragraphs: Helvetica would be unembedded.
        ("FONTNAME", (0, 0), (-1, -1), f.SANS),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#BFBFBF")),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    parts.append(table)
    figures = group.figures()
    if group.chart and figures and any(figure.value for figure in figures) \
            and _step(len(figures)) >= STEP_MIN:
        parts += [Spacer(1, 4), _chart(group, width)]
    return parts


def _step(bars: int) -> float:
    """The room for each of `bars` bars in a chart that fits a page."""
    return min(BAR * 1.6, (CHART_MAX - 24) / bars)


def _chart(group: Group, width: float) -> Drawing:
    """A horizontal bar per figure, its label with its value ("Takket nej: 12")."""
    figures = group.figures()
    height = _step(len(figures)) * len(figures) + 24
    # The drawing's own starting font, or reportlab sets Helvetica (not embedded: not PDF/A).
    drawing = Drawing(width, height, initialFontName=f.SANS)
    chart = HorizontalBarChart()
    # Whole points, as reportlab's stubs type them.
    chart.x, chart.y = int(width * 0.45), 16
    chart.width, chart.height = int(width * 0.5), int(height - 24)
    # The first figure at the top, as in the table above.
    chart.data = [[figure.value or 0 for figure in reversed(figures)]]
    chart.categoryAxis.categoryNames = [
        _label(figure.label, figure.text()) for figure in reversed(figures)]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = f.SANS, 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labelTextFormat = _whole
    drawing.add(chart)
    return drawing


def _whole(value: float) -> str:
    return str(int(value)) if value == int(value) else ""


def _label(label: str, value: str) -> str:
    # A long label is cut: the table above holds it whole.
    shown = label if len(label) <= 48 else label[:46].rstrip() + "…"
    return f"{shown}: {value}"


def _canvas_class() -> type[PlanbroCanvas]:
    class ReportCanvas(PlanbroCanvas):
        meta_title, meta_author, meta_subject = title(), "Planbro", title()

    return ReportCanvas
