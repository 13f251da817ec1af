"""Make the document templates in templates/: base.docx, sRGB.icc, logo.png.

    python tools/make_document_templates.py

Run once and commit the output; run again after changing a style here.
base.docx carries the named styles a municipality may restyle in Word
(proofing language Danish on every style); the renderer only fills in
content. The sRGB profile comes from LittleCMS (via Pillow), so it has no
licence strings attached; the logo is a neutral placeholder emblem.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from PIL import Image, ImageCms, ImageDraw

# The repository's templates folder.
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The font Word uses for Latin text; Calibri is on every Windows PC with
# Office. Arabic (complex script) text uses Arial.
LATIN_FONT = "Calibri"
COMPLEX_FONT = "Arial"
# Proofing language of every style.
LANGUAGE = "da-DK"
# Word's hyphenation zone, 0.25 in (documents/hyphenation.py's HYPHENATION_ZONE).
HYPHENATION_ZONE_TWIPS = 360
# A4 text width in twips with 2.2 cm side margins (for the footer's right tab).
TEXT_WIDTH_TWIPS = 9412
# The accent colour of headings and table headers.
ACCENT = "1F4E79"
HEADER_FILL = "DCE6F0"
# The colour of the draft mark (the PDF uses the same).
DRAFT_RED = "C00000"

# Paragraph styles: (styleId, name, basedOn, next, pPr xml, rPr xml).
PARAGRAPH_STYLES = [
    ("Normal", "Normal", None, None,
     '<w:spacing w:after="80" w:line="264" w:lineRule="auto"/>', '<w:sz w:val="20"/><w:szCs w:val="20"/>'),
    ("Title", "Title", "Normal", "Subtitle",
     '<w:keepNext/><w:suppressAutoHyphens/><w:spacing w:before="240" w:after="40"/>',
     f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="36"/><w:szCs w:val="36"/>'),
    ("Subtitle", "Subtitle", "Normal", "Normal",
     '<w:keepNext/><w:spacing w:after="200"/>', '<w:color w:val="404040"/><w:sz w:val="22"/><w:szCs w:val="22"/>'),
    ("Heading1", "heading 1", "Normal", "Normal",
     '<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/><w:spacing w:before="280" w:after="80"/>'
     '<w:outlineLvl w:val="0"/>',
     f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="27"/><w:szCs w:val="27"/>'),
    ("Heading2", "heading 2", "Normal", "Normal",
     '<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/><w:spacing w:before="160" w:after="60"/>'
     '<w:outlineLvl w:val="1"/>',
     '<w:b/><w:bCs/><w:sz w:val="21"/><w:szCs w:val="21"/>'),
    # One law's part of a helhedsorienteret plan (§ 141, stk. 7), above its
    # sections: the first heading level of such a plan ...
    ("PlanbroDel", "Planbro Del", "Heading1", "Normal",
     f'<w:keepNext/><w:keepLines/><w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="{ACCENT}"/>'
     '</w:pBdr><w:suppressAutoHyphens/><w:spacing w:before="400" w:after="120"/><w:outlineLvl w:val="0"/>',
     f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="30"/><w:szCs w:val="30"/>'),
    # ... so its sections are the second level and their sub-sections the
    # third, looking as heading 1 and heading 2 do (no level is skipped).
    ("PlanbroDelAfsnit", "Planbro Afsnit i del", "Heading1", "Normal",
     '<w:outlineLvl w:val="1"/>', ''),
    ("PlanbroDelUnderafsnit", "Planbro Underafsnit i del", "Heading2", "Normal",
     '<w:outlineLvl w:val="2"/>', ''),
    ("Header", "header", "Normal", None,
     f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs><w:spacing w:after="0"/>',
     '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ("Footer", "footer", "Normal", None,
     f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs><w:spacing w:after="0"/>',
     '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
    # Under the running text of the footer: the consolidated act the wording was checked against.
    ("PlanbroLovhenvisning", "Planbro Lovhenvisning", "Footer", None,
     '<w:spacing w:before="20" w:after="0"/>', '<w:color w:val="7F7F7F"/><w:sz w:val="13"/><w:szCs w:val="13"/>'),
    ("PlanbroKommune", "Planbro Kommune", "Normal", "PlanbroAdresse",
     '<w:keepNext/><w:spacing w:after="0"/>', f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="26"/><w:szCs w:val="26"/>'),
    ("PlanbroAdresse", "Planbro Adresse", "Normal", "Normal",
     '<w:spacing w:after="0"/>', '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ("PlanbroForklaring", "Planbro Forklaring", "Normal", "Normal",
     '', '<w:i/><w:iCs/><w:color w:val="595959"/><w:sz w:val="17"/><w:szCs w:val="17"/>'),
    ("PlanbroFeltnavn", "Planbro Feltnavn", "Normal", None,
     '<w:spacing w:after="0"/>', '<w:b/><w:bCs/><w:sz w:val="19"/><w:szCs w:val="19"/>'),
    ("PlanbroFeltvaerdi", "Planbro Feltværdi", "Normal", None,
     '<w:spacing w:after="0"/>', '<w:sz w:val="19"/><w:szCs w:val="19"/>'),
    # A table's header row: never hyphenated (columns.py gives its words room).
    ("PlanbroTabeloverskrift", "Planbro Tabeloverskrift", "Normal", None,
     '<w:keepNext/><w:suppressAutoHyphens/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
     '<w:b/><w:bCs/><w:sz w:val="17"/><w:szCs w:val="17"/>'),
    ("PlanbroTabeltekst", "Planbro Tabeltekst", "Normal", None,
     '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>', '<w:sz w:val="17"/><w:szCs w:val="17"/>'),
    ("PlanbroErklaering", "Planbro Erklæring", "Normal", "Normal",
     '<w:keepNext/><w:keepLines/><w:spacing w:before="80" w:after="160"/>', ''),
    ("PlanbroUnderskriftslinje", "Planbro Underskriftslinje", "Normal", None,
     '<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
     '<w:spacing w:before="720" w:after="40"/>', ''),
    ("PlanbroUnderskrift", "Planbro Underskrift", "Normal", None,
     '<w:keepNext/><w:spacing w:after="0"/>', '<w:sz w:val="18"/><w:szCs w:val="18"/>'),
]

# Character styles: (styleId, name, rPr xml).
CHARACTER_STYLES = [
    # The draft mark in the page header: "KLADDE – ikke underskrevet".
    ("PlanbroKladde", "Planbro Kladde",
     f'<w:b/><w:bCs/><w:color w:val="{DRAFT_RED}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'),
]

# Table styles: (styleId, name, tblPr xml, conditional parts xml).
_CELL_MARGINS = ('<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
                 '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>')
_BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"'
TABLE_STYLES = [
    ("PlanbroTabel", "Planbro Tabel",
     '<w:tblBorders>' + "".join(f'<w:{side} {_BORDER}/>' for side in
                                ("top", "left", "bottom", "right", "insideH", "insideV"))
     + '</w:tblBorders>' + _CELL_MARGINS,
     f'<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr>'
     f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr></w:tblStylePr>'),
    ("PlanbroFelter", "Planbro Felter", _CELL_MARGINS, ''),
]


def _lang() -> str:
    return f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'


def _paragraph_style(sid, name, based, nxt, ppr, rpr) -> str:
    parts = [f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{sid}"'
             + (' w:default="1"' if sid == "Normal" else '') + '>',
             f'<w:name w:val="{name}"/>']
    if based:
        parts.append(f'<w:basedOn w:val="{based}"/>')
    if nxt:
        parts.append(f'<w:next w:val="{nxt}"/>')
    parts.append('<w:qFormat/>')
    if ppr:
        parts.append(f'<w:pPr>{ppr}</w:pPr>')
    parts.append(f'<w:rPr>{rpr}{_lang()}</w:rPr></w:style>')
    return "".join(parts)


def _character_style(sid, name, rpr) -> str:
    return (f'<w:style {nsdecls("w")} w:type="character" w:styleId="{sid}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
            f'<w:rPr>{rpr}{_lang()}</w:rPr></w:style>')


def _table_style(sid, name, tblpr, conditional) -> str:
    return (f'<w:style {nsdecls("w")} w:type="table" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
            f'<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f'<w:rPr>{_lang()}</w:rPr><w:tblPr>{tblpr}</w:tblPr>{conditional}</w:style>')


def make_styles(document) -> None:
    styles = document.styles.element
    keep_tables = {"TableNormal"}
    ours = {s[0] for s in (*PARAGRAPH_STYLES, *CHARACTER_STYLES, *TABLE_STYLES)}
    for style in list(styles.findall(qn("w:style"))):
        sid = style.get(qn("w:styleId"))
        kind = style.get(qn("w:type"))
        # Old table styles and linked character styles of replaced
        # paragraph styles only make the file bigger and slower to open.
        if sid in ours or (kind == "table" and sid not in keep_tables) or sid.endswith("Char"):
            styles.remove(style)
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().replace(defaults, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{LATIN_FONT}" w:cs="{COMPLEX_FONT}"/>'
        f'<w:sz w:val="20"/><w:szCs w:val="20"/>{_lang()}</w:rPr></w:rPrDefault>'
        f'<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="264" w:lineRule="auto"/></w:pPr>'
        f'</w:pPrDefault></w:docDefaults>'))
    for spec in PARAGRAPH_STYLES:
        styles.append(parse_xml(_paragraph_style(*spec)))
    for spec in CHARACTER_STYLES:
        styles.append(parse_xml(_character_style(*spec)))
    for spec in TABLE_STYLES:
        styles.append(parse_xml(_table_style(*spec)))
    ids = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    for link in list(styles.iter(qn("w:link"))):
        if link.get(qn("w:val")) not in ids:
            link.getparent().remove(link)
    # Every remaining style gets the Danish proofing language too.
    for rpr in styles.iter(qn("w:rPr")):
        for lang in rpr.findall(qn("w:lang")):
            lang.set(qn("w:val"), LANGUAGE)
            lang.set(qn("w:eastAsia"), LANGUAGE)
        for fonts in rpr.findall(qn("w:rFonts")):
            if fonts.getparent().getparent().tag != qn("w:rPrDefault"):
                rpr.remove(fonts)  # inherit the document fonts


# Parts of python-docx's default template a Planbro document does without:
# Word 2010's second style sheet (stale copies of every style), the sample
# thumbnail, app properties naming another program, and custom XML.
_EXTRA_PARTS = ("stylesWithEffects", "thumbnail", "extended-properties", "customXml")


def _drop_extra_parts(document) -> None:
    for owner in (document.part, document.part.package):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _EXTRA_PARTS:
                del owner.rels[rid]


def make_base_docx() -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.2)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    make_styles(document)
    body = document.element.body
    for paragraph in body.findall(qn("w:p")):
        body.remove(paragraph)
    props = document.core_properties
    props.author = props.last_modified_by = props.title = ""
    props.comments = props.keywords = props.subject = props.category = ""
    props.language = LANGUAGE
    props.revision = 1
    props.created = props.modified = datetime(2026, 1, 1, tzinfo=UTC)
    _drop_extra_parts(document)
    _settings(document.settings.element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _settings(settings) -> None:
    """Danish in the document settings, and Word's automatic hyphenation on.

    Word (and LibreOffice) then hyphenate every paragraph whose style does
    not suppress it, with the proofing language's rules (da-DK), when a
    word would leave more than the hyphenation zone (0.25 in, as the PDF)
    empty at the end of a line; words in capitals ("CTI") are left whole.
    """
    for lang in settings.findall(qn("w:themeFontLang")):
        settings.remove(lang)
    # After mathPr, where CT_Settings has themeFontLang.
    settings.find(qn("m:mathPr")).addnext(parse_xml(f'<w:themeFontLang {nsdecls("w")} w:val="{LANGUAGE}"/>'))
    # Danish numbers: decimal comma, list separator semicolon (for fields).
    settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")
    # autoHyphenation, hyphenationZone and doNotHyphenateCaps follow defaultTabStop.
    tab_stop = settings.find(qn("w:defaultTabStop"))
    for tag in reversed(('<w:autoHyphenation/>', f'<w:hyphenationZone w:val="{HYPHENATION_ZONE_TWIPS}"/>',
                         '<w:doNotHyphenateCaps/>')):
        tab_stop.addnext(parse_xml(tag.replace("/>", f' {nsdecls("w")}/>', 1)))


def make_srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def make_logo() -> bytes:
    # A placeholder emblem: a shield with three waves, in the accent blue.
    size = 240
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    blue = "#" + ACCENT
    shield = [(30, 20), (210, 20), (210, 120), (120, 225), (30, 120)]
    draw.polygon(shield, fill=blue)
    for y in (70, 110, 150):
        points = [(x, y + (8 if (x // 30) % 2 else -8)) for x in range(45, 196, 15)]
        draw.line(points, fill="white", width=9, joint="curve")
    buffer = io.BytesIO()
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def main() -> int:
    outputs = {"base.docx": make_base_docx(), "sRGB.icc": make_srgb_profile(), "logo.png": make_logo()}
    for name, data in outputs.items():
        (TEMPLATES / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
