"""Document -> .docx with python-docx, on the styles of templates/base.docx.

Everything a municipality might restyle is a named style in base.docx;
this module only picks styles. Word is strict about the order of elements,
so properties are set through python-docx's element classes, which insert
children in schema order. The body is built on those element classes
directly (not the proxy objects) because the proxies look every style up
by name, which would cost more than the rest of the rendering together.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import cast

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Length, Pt
from docx.text.font import Font
from docx.text.paragraph import Paragraph as DocxParagraph

from planbro.documents.blocks import (
    UNSPLIT_ROW_CHARS,
    Document,
    Fields,
    Heading,
    Paragraph,
    Signatures,
    Table,
)
from planbro.documents.columns import document_widths
from planbro.documents.docx_meta import set_core_properties
from planbro.documents.hyphenation import DOCX_LANGUAGE

# The base document in package planbro.templates.
BASE_FILE = "base.docx"
# Style ids in base.docx (made by tools/make_document_templates.py).
PARAGRAPH_STYLES = {"body": "Normal", "note": "PlanbroForklaring", "statement": "PlanbroErklaering"}
# Style ids of the heading levels (blocks.Heading): heading 1 and 2; from
# the first part of a plan with parts (§ 141, stk. 7) on, the part is the
# first level, so its sections and their sub-sections are the second and
# third (styles that look as heading 1 and 2): the outline never skips a level.
HEADING_STYLES = {1: "Heading1", 2: "Heading2"}
PART_HEADING_STYLES = {0: "PlanbroDel", 1: "PlanbroDelAfsnit", 2: "PlanbroDelUnderafsnit"}
# The footer's small print under the running text (the legal reference).
FOOTNOTE_STYLE = "PlanbroLovhenvisning"
# The character style of the draft mark in the page header.
DRAFT_STYLE = "PlanbroKladde"
# The text width of an A4 page with 2.2 cm side margins.
TEXT_WIDTH = Cm(16.6)
# Width of the label column of a Fields block.
LABEL_WIDTH = Cm(4.2)
# Height of the logo at the top of the first page.
LOGO_HEIGHT = Cm(1.7)
# The logo's alternative text.
LOGO_TEXT = "Logo for {name}"
# Width of the logo's column in the municipality block.
LOGO_COLUMN = Cm(4.0)
# The proofing language of the document, its text and its core properties.
LANGUAGE = DOCX_LANGUAGE


@cache
def _base_bytes() -> bytes:
    return (resources.files("planbro.templates") / BASE_FILE).read_bytes()


@cache
def _proto_p(style: str, keep_next: bool = False) -> CT_P:
    """A paragraph with `style` and one empty text run, to be copied.

    Copying a finished element is several times faster than building each
    paragraph through python-docx's schema-ordered inserts.
    """
    # OxmlElement makes the element class registered for the tag.
    p = cast(CT_P, OxmlElement("w:p"))
    p.style = style
    if keep_next:
        p.get_or_add_pPr().keepNext_val = True
    r = p.add_r()
    # The text is Danish whatever style a municipality gives it.
    r.get_or_add_rPr().append(OxmlElement("w:lang", {qn("w:val"): LANGUAGE}))
    t = r.add_t("")
    t.set(qn("xml:space"), "preserve")
    return p


def _new_p(text: str, style: str, keep_next: bool = False) -> CT_P:
    """A paragraph with `style` and `text`; newlines become line breaks."""
    p = copy.deepcopy(_proto_p(style, keep_next))
    r = p[-1]
    if not text:
        p.remove(r)
    elif "\n" in text:
        r.text = text  # python-docx keeps the run's rPr and turns "\n" into w:br
    else:
        r[-1].text = text
    return p


class _Writer:
    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.body = document.element.body
        # New blocks go before the body's final w:sectPr.
        self.sect_pr = self.body[-1]
        # Each table's column widths in points (columns.py), set by docx_bytes.
        self.widths: dict[Table, tuple[float, ...]] = {}

    def append(self, element: BaseOxmlElement) -> None:
        self.sect_pr.addprevious(element)

    def paragraph(self, text: str, style: str) -> None:
        self.append(_new_p(text, style))

    def table(self, widths: Sequence[Length], style: str) -> CT_Tbl:
        tbl = CT_Tbl.new_tbl(0, len(widths), Emu(sum(widths)))
        tbl.tblPr.style = style
        tbl.tblPr.autofit = False
        for col, width in zip(tbl.tblGrid.gridCol_lst, widths):
            col.w = width
        self.append(tbl)
        return tbl

    @staticmethod
    def proto_row(widths: Sequence[Length], header: bool = False, unsplit: bool = False) -> CT_Row:
        """An empty row: cells of the given widths, each without paragraphs."""
        tr = cast(CT_Row, OxmlElement("w:tr"))
        if header or unsplit:
            tr_pr = tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if header:
                tr_pr.append(OxmlElement("w:tblHeader"))
        for width in widths:
            tc = tr.add_tc()
            tc.width = width
            tc.remove(tc.p_lst[0])
        return tr

    def row(self, tbl: CT_Tbl, proto: CT_Row, cells: list[list[tuple[str, str]]],
            keep_next: bool = False) -> list[CT_Tc]:
        """Append a copy of `proto` filled with (text, style) paragraphs per cell."""
        tr = copy.deepcopy(proto)
        tbl.append(tr)
        tcs = tr.tc_lst
        for tc, paragraphs in zip(tcs, cells):
            for text, style in paragraphs:
                tc.append(_new_p(text, style, keep_next))
        return tcs

    def municipality(self, doc: Document) -> None:
        m = doc.municipality
        if not m.logo:
            self.paragraph(m.name, "PlanbroKommune")
            if m.address:
                self.paragraph(m.address, "PlanbroAdresse")
            return
        widths = [Emu(TEXT_WIDTH - LOGO_COLUMN), LOGO_COLUMN]
        tbl = self.table(widths, "PlanbroFelter")
        left = [(m.name, "PlanbroKommune")] + ([(m.address, "PlanbroAdresse")] if m.address else [])
        proto = self.proto_row(widths, unsplit=True)
        _, logo_cell = self.row(tbl, proto, [left, [("", "Normal")]], keep_next=True)
        p = logo_cell.p_lst[0]
        p.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.RIGHT
        DocxParagraph(p, self.document._body).add_run().add_picture(
            io.BytesIO(m.logo), height=LOGO_HEIGHT)
        # The logo's alternative text, as screen readers and Word's checker want it.
        for doc_pr in p.iter(qn("wp:docPr")):
            doc_pr.set("descr", LOGO_TEXT.format(name=m.name))

    def fields(self, block: Fields) -> None:
        widths = [LABEL_WIDTH, Emu(TEXT_WIDTH - LABEL_WIDTH)]
        tbl = self.table(widths, "PlanbroFelter")
        proto = self.proto_row(widths)
        for label, value in block.rows:
            self.row(tbl, proto, [[(label, "PlanbroFeltnavn")], [(value, "PlanbroFeltvaerdi")]])

    def data_table(self, block: Table) -> None:
        # The PDF's widths (columns.py), in whole EMU, the last one taking the rounding.
        points = self.widths[block]
        widths = [Emu(int(Pt(w))) for w in points[:-1]]
        widths.append(Emu(TEXT_WIDTH - sum(widths)))
        tbl = self.table(widths, "PlanbroTabel")
        self.row(tbl, self.proto_row(widths, header=True),
                 [[(h, "PlanbroTabeloverskrift")] for h in block.header])
        # Short rows stay whole on one page; a long one may run over.
        whole, splittable = self.proto_row(widths, unsplit=True), self.proto_row(widths)
        if block.notes:
            # A row and the note under it read as one: no rule between them.
            for proto in (whole, splittable):
                for tc in proto.tc_lst:
                    _no_border(tc, "bottom")
            note = self.proto_row([Emu(sum(widths))], unsplit=True)
            note.tc_lst[0].grid_span = len(widths)
            _no_border(note.tc_lst[0], "top")
        for i, cells in enumerate(block.rows):
            proto = whole if sum(map(len, cells)) <= UNSPLIT_ROW_CHARS else splittable
            # A row keeps with its note, on the same page.
            self.row(tbl, proto, [[(text, "PlanbroTabeltekst")] for text in cells],
                     keep_next=bool(block.notes))
            if block.notes:
                self.row(tbl, note, [[(block.notes[i], "PlanbroTabeltekst")]])

    def signatures(self, block: Signatures) -> None:
        self.paragraph(block.statement, "PlanbroErklaering")
        width = Emu(TEXT_WIDTH // len(block.lines))
        widths = [width] * len(block.lines)
        tbl = self.table(widths, "PlanbroFelter")
        cells = [[("", "PlanbroUnderskriftslinje"), (line.label, "PlanbroUnderskrift"),
                  (line.name, "PlanbroUnderskrift"), (line.place, "PlanbroUnderskrift"),
                  (line.date, "PlanbroUnderskrift")]
                 for line in block.lines]
        proto = self.proto_row(widths, unsplit=True)
        for tc in self.row(tbl, proto, cells, keep_next=True):
            # The label under the line in bold, the rest plain.
            for r in tc.p_lst[1].r_lst:
                Font(r).bold = True

    def header(self, doc: Document) -> None:
        """The page header, on every page (one section, no first-page header):

        the draft mark at the left, the small print at the right (the Header
        style's right tab).
        """
        if not doc.header_texts():
            return
        header = self.document.sections[0].header
        header.is_linked_to_previous = False
        p = header._element.p_lst[0]
        p.style = "Header"
        if doc.mark:
            r = p.add_r()
            r.style = DRAFT_STYLE
            r.text = doc.mark
        if doc.purpose:
            p.add_r().text = f"\t{doc.purpose}"  # python-docx turns "\t" into w:tab

    def footer(self, running: str, footnote: str = "") -> None:
        footer = self.document.sections[0].footer
        footer.is_linked_to_previous = False
        p = footer._element.p_lst[0]
        p.style = "Footer"
        p.add_r().text = f"{running}\tSide "
        _field(p, "PAGE", "1")
        p.add_r().text = " af "
        _field(p, "NUMPAGES", "1")
        if footnote:
            p.addnext(_new_p(footnote, FOOTNOTE_STYLE))


def _no_border(tc: CT_Tc, side: str) -> None:
    """Take the table style's rule off one side ("top", "bottom") of cell `tc`."""
    borders = OxmlElement("w:tcBorders")
    borders.append(OxmlElement(f"w:{side}", {qn("w:val"): "nil"}))
    # tcBorders follows tcW and gridSpan, the only properties set before it.
    tc.get_or_add_tcPr().append(borders)


def _field(p: CT_P, instruction: str, shown: str) -> None:
    """A real Word field (PAGE, NUMPAGES) with `shown` as its cached result."""
    def fld_char(kind: str) -> None:
        p.add_r().append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))

    fld_char("begin")
    instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instr.text = f" {instruction} "
    p.add_r().append(instr)
    fld_char("separate")
    p.add_r().text = shown
    fld_char("end")


def docx_bytes(doc: Document) -> bytes:
    """The .docx file for `doc`."""
    document = docx.Document(io.BytesIO(_base_bytes()))
    writer = _Writer(document)
    writer.widths = document_widths(doc.blocks, TEXT_WIDTH.pt)
    writer.municipality(doc)
    writer.paragraph(doc.title, "Title")
    writer.paragraph(doc.subtitle, "Subtitle")
    headings = HEADING_STYLES
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                headings = PART_HEADING_STYLES
            writer.paragraph(block.text, headings[block.level])
        elif isinstance(block, Paragraph):
            writer.paragraph(block.text, PARAGRAPH_STYLES[block.style])
        elif isinstance(block, Fields):
            writer.fields(block)
        elif isinstance(block, Table):
            writer.data_table(block)
        else:
            writer.signatures(block)
    writer.header(doc)
    writer.footer(doc.running, doc.footnote)
    set_core_properties(document, title=doc.meta_title, author=doc.author, subject=doc.subject)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
