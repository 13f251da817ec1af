"""CitizenCopy -> .docx: "Din plan" on the styles of templates/base.docx, in large type.

The copy is made on the full plan's base document (its Danish proofing
language, its colours) with the styles it needs made large: every text at
least 14 pt, the page header and footer too, and lines of about 60
characters, as in the PDF (citizen_pdf.py): Word's Calibri is narrower than
the PDF's face, so its text is 12.5 cm wide where the PDF's is 14 cm. Headings are Word's own Title and Heading 1; goals,
steps and services are paragraphs with a hanging number or bullet (styles
Planbro Mål, Planbro Skridt …) a municipality can restyle. The English
frame's texts are marked English (en-GB), the plan's own words Danish.
Word hyphenates automatically with its Danish rules (hyphenation.py), in a
wide zone, so that as few words as may be are broken.
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from planbro.documents.citizen_model import STRONG, CitizenCopy, Line, Run
from planbro.documents.docx_meta import set_core_properties

# The base document in package planbro.templates (the full plan's).
BASE_FILE = "base.docx"
# The language of the English frame's texts.
ENGLISH_LANGUAGE = "en-GB"
# Sizes in points: body, title, headings, the municipality's name (none below 14).
BODY_SIZE, TITLE_SIZE, HEADING_SIZE, MUNICIPALITY_SIZE = 14, 28, 18, 16
# The body's line distance, exact: a point below the PDF's, so that Word's layout,
# which the PDF's fit cannot measure, has room to differ and still take two pages.
BODY_LEADING = 17
# The page: text 12.5 cm wide (about 60 characters of Calibri at 14 pt), its margins,
# and where the header and the footer sit (as the PDF's).
TEXT_WIDTH = Cm(12.5)
MARGIN_SIDE = Cm((21 - 12.5) / 2)
MARGIN_TOP, MARGIN_BOTTOM, HEADER_FOOTER = Cm(2.0), Cm(2.1), Cm(1.0)
# Indent of a goal's or service's text (its number or bullet hangs in it), and of a step.
ITEM_INDENT, STEP_INDENT = Cm(0.8), Cm(1.6)
# Height of the logo beside the municipality's name.
LOGO_HEIGHT = Cm(1.1)
# Colours (the full plan's accent, the draft mark's red).
ACCENT, DRAFT_RED = RGBColor(0x1F, 0x4E, 0x79), RGBColor(0xC0, 0x00, 0x00)
# Word's hyphenation zone, in twentieths of a point: the wider, the fewer words
# are broken (1.5 cm; Word's default is 0.63 cm), and at most two hyphenated lines
# in a row.
HYPHENATION_ZONE, HYPHEN_LIMIT = 850, 2

# CitizenCopy's line styles -> the paragraph styles made for them (below).
LINE_STYLES = {
    "body": "Normal", "heading": "Heading 1", "quote": "Planbro Citat", "goal": "Planbro Mål",
    "step": "Planbro Skridt", "step_note": "Planbro Skridtnote", "item": "Planbro Punkt",
    "item_note": "Planbro Punkttekst", "contact": "Planbro Kontakt", "end": "Planbro Slut",
}
# The paragraph styles made (or restyled) for the copy: base style, left indent,
# hanging indent, space before and after (points), keep with next, bold.
_MADE_STYLES: dict[str, tuple[str, Length, Length, int, int, bool]] = {
    "Planbro Citat": ("Normal", ITEM_INDENT, Cm(0), 0, 4, False),
    "Planbro Mål": ("Normal", ITEM_INDENT, ITEM_INDENT, 6, 2, True),
    "Planbro Skridt": ("Normal", STEP_INDENT, ITEM_INDENT, 0, 3, False),
    "Planbro Skridtnote": ("Normal", STEP_INDENT, Cm(0), 0, 4, False),
    "Planbro Punkt": ("Normal", ITEM_INDENT, ITEM_INDENT, 4, 0, True),
    "Planbro Punkttekst": ("Normal", ITEM_INDENT, Cm(0), 0, 0, False),
    "Planbro Kontakt": ("Normal", Cm(0), Cm(0), 0, 5, False),
    "Planbro Slut": ("Normal", Cm(0), Cm(0), 12, 0, False),
}
# The character style of the draft mark, and of a text in English.
DRAFT_STYLE, ENGLISH_STYLE = "Planbro Udkast", "Planbro Engelsk"


@cache
def _base_bytes() -> bytes:
    return (resources.files("planbro.templates") / BASE_FILE).read_bytes()


def _sized(style: BaseStyle | CharacterStyle, size: int, before: int | None = None, after: int | None = None,
           leading: float | None = None, rule: WD_LINE_SPACING = WD_LINE_SPACING.EXACTLY) -> None:
    assert isinstance(style, CharacterStyle)  # a paragraph style is one too
    style.font.size = Pt(size)
    if isinstance(style, ParagraphStyle):
        fmt = style.paragraph_format
        if before is not None:
            fmt.space_before = Pt(before)
        if after is not None:
            fmt.space_after = Pt(after)
        if leading is not None:
            fmt.line_spacing = Pt(leading)
            fmt.line_spacing_rule = rule


def _styles(document: DocxDocument) -> None:
    """The base document's styles made large, and the copy's own added."""
    styles = document.styles
    _sized(styles["Normal"], BODY_SIZE, 0, 4, BODY_LEADING)
    _sized(styles["Title"], TITLE_SIZE, 6, 4, TITLE_SIZE * 1.2)
    _sized(styles["Subtitle"], BODY_SIZE, 0, 4)
    styles["Subtitle"].font.color.rgb = RGBColor(0, 0, 0)
    _sized(styles["Heading 1"], HEADING_SIZE, 12, 4, HEADING_SIZE * 1.25)
    # At least, not exactly: the line holds the logo, which must not be cut off.
    _sized(styles["Planbro Kommune"], MUNICIPALITY_SIZE, 0, 0, MUNICIPALITY_SIZE * 1.25,
           WD_LINE_SPACING.AT_LEAST)
    for name in ("Header", "Footer"):
        _sized(styles[name], BODY_SIZE)
    for name, (base, left, hanging, before, after, keep) in _MADE_STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.base_style = styles[base]
        style.quick_style = True
        _sized(style, BODY_SIZE, before, after)
        fmt = style.paragraph_format
        fmt.left_indent = left
        fmt.keep_with_next = keep
        if hanging:
            fmt.first_line_indent = -hanging
            fmt.tab_stops.add_tab_stop(left)
    rule = parse_xml(f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="8" w:space="4" '
                     f'w:color="1F4E79"/></w:pBdr>')
    styles["Planbro Slut"].element.get_or_add_pPr().insert_element_before(
        rule, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc")
    draft = styles.add_style(DRAFT_STYLE, WD_STYLE_TYPE.CHARACTER)
    draft.font.bold = True
    draft.font.color.rgb = DRAFT_RED
    draft.font.size = Pt(BODY_SIZE)
    english = styles.add_style(ENGLISH_STYLE, WD_STYLE_TYPE.CHARACTER)
    english.element.get_or_add_rPr().append(OxmlElement("w:lang", {
        qn("w:val"): ENGLISH_LANGUAGE, qn("w:eastAsia"): ENGLISH_LANGUAGE}))


def _hyphenation(document: DocxDocument) -> None:
    """Word's automatic hyphenation on, in a wide zone (settings.xml, after defaultTabStop)."""
    settings = document.settings.element
    for tag in ("w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    anchor = settings.find(qn("w:defaultTabStop"))
    made = [OxmlElement("w:autoHyphenation"),
            OxmlElement("w:consecutiveHyphenLimit", {qn("w:val"): str(HYPHEN_LIMIT)}),
            OxmlElement("w:hyphenationZone", {qn("w:val"): str(HYPHENATION_ZONE)})]
    for element in reversed(made):
        if anchor is not None:
            anchor.addnext(element)
        else:
            settings.insert(0, element)


def _runs(paragraph: DocxParagraph, runs: tuple[Run, ...]) -> None:
    for run in runs:
        made = paragraph.add_run(run.text)  # python-docx turns "\n" into w:br
        if run.kind == STRONG:
            made.bold = True
        if run.english:
            made._r.style = _ids()[ENGLISH_STYLE]


def _paragraph(document: DocxDocument, style: str) -> DocxParagraph:
    """A new paragraph in the body with the paragraph style named `style`, set by its id:
    python-docx's lookup by name costs more than the rest of the copy together."""
    p = document.add_paragraph()
    p._p.style = _ids()[style]
    return p


def _municipality(document: DocxDocument, copy: CitizenCopy) -> None:
    """The municipality's name, and its logo at the right margin (a right tab), with
    its name as the logo's alternative text."""
    m = copy.municipality
    p = _paragraph(document, "Planbro Kommune")
    p.add_run(m.name)
    if not m.logo:
        return
    p.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    run = p.add_run("\t")
    shape = run.add_picture(io.BytesIO(m.logo), height=LOGO_HEIGHT)
    shape._inline.docPr.set("descr", f"Logo: {m.name}")


def _line(document: DocxDocument, line: Line, style: str) -> None:
    p = _paragraph(document, style)
    if line.bullet:
        p.add_run(f"{line.bullet}\t").bold = line.style == "goal"
    _runs(p, line.runs)


def _header_footer(document: DocxDocument, copy: CitizenCopy) -> None:
    section = document.sections[0]
    if copy.mark:
        header = section.header
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p._p.style = _ids()["Header"]
        for run in copy.mark:
            p.add_run(run.text)._r.style = _ids()[DRAFT_STYLE]
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p._p.style = _ids()["Footer"]
    # The footer's text around the page fields: "Din plan · side {PAGE} af {NUMPAGES}".
    [run] = copy.footer("\0", "\1")
    before, rest = run.text.split("\0")
    middle, after = rest.split("\1")
    for text, field in ((before, "PAGE"), (middle, "NUMPAGES"), (after, "")):
        if text:
            made = p.add_run(text)
            if run.english:
                made._r.style = _ids()[ENGLISH_STYLE]
        if field:
            _field(p, field)


def _field(p: DocxParagraph, instruction: str) -> None:
    """A real Word field (PAGE, NUMPAGES) showing "1" until Word updates it."""
    def fld_char(kind: str) -> None:
        p.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))

    fld_char("begin")
    instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instr.text = f" {instruction} "
    p.add_run()._r.append(instr)
    fld_char("separate")
    p.add_run("1")
    fld_char("end")


def _page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance = section.footer_distance = HEADER_FOOTER


@cache
def _made_base() -> tuple[bytes, dict[str, str]]:
    """The base document with the copy's styles, its page and Word's hyphenation, made
    once per process, and the id of each style the copy uses, by its name."""
    document = docx.Document(io.BytesIO(_base_bytes()))
    _styles(document)
    _hyphenation(document)
    _page(document)
    names = {"Normal", "Title", "Subtitle", "Heading 1", "Header", "Footer", "Planbro Kommune",
             *_MADE_STYLES, DRAFT_STYLE, ENGLISH_STYLE}
    ids = {name: str(document.styles[name].style_id) for name in names}
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), ids


def _ids() -> dict[str, str]:
    return _made_base()[1]


def citizen_docx(copy: CitizenCopy) -> bytes:
    """The .docx file of `copy`."""
    document = docx.Document(io.BytesIO(_made_base()[0]))
    _municipality(document, copy)
    title = _paragraph(document, "Title")
    _runs(title, copy.title.runs)
    made = _paragraph(document, "Subtitle")
    _runs(made, copy.made.runs)
    for line in copy.lines:
        _line(document, line, LINE_STYLES[line.style])
    _header_footer(document, copy)
    set_core_properties(document, title=copy.meta_title, author=copy.author,
                        subject=copy.subject)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
