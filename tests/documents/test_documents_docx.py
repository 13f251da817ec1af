"""The .docx: valid for Word, styled by base.docx, real page fields, metadata."""

from __future__ import annotations

import copy
import zipfile

import docx
from docs_helpers import many_goals, run_tool
from docx.oxml.ns import qn

from planbro.documents import wording as w


def _xml(path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def test_the_docx_passes_the_ooxml_schema_check(example_rendered, example_plan, rendered):
    declined = copy.deepcopy(example_plan)
    declined.offer.decision = "declined"
    # A § 142 plan cannot be declined away (the example is one).
    declined.basis = "sel-141-2"
    long = many_goals(example_plan, goals=5)
    files = [example_rendered.docx, rendered(declined, "declined").docx, rendered(long, "long").docx]
    result = run_tool("ooxml_check.py", *files)
    assert result.returncode == 0, result.stdout


def test_core_properties(example_rendered):
    props = docx.Document(example_rendered.docx).core_properties
    assert props.title == "Handleplan efter serviceloven § 142 – Jonas Mikkelsen Østergaard, version 1"
    assert props.author == props.last_modified_by == "Mette Lund Sørensen"
    assert props.language == "da-DK"
    core = _xml(example_rendered.docx, "docProps/core.xml")
    assert "python-docx" not in core and example_rendered.plan.citizen.cpr not in core
    with zipfile.ZipFile(example_rendered.docx) as z:
        assert not any(b"python-docx" in z.read(name) for name in z.namelist())


def test_page_numbers_are_real_fields_and_the_version_is_in_the_footer(example_rendered):
    footer = docx.Document(example_rendered.docx).sections[0].footer
    xml = footer._element.xml
    # The separator keeps to the name (a no-break space before it).
    assert "Handleplan for Jonas Mikkelsen Østergaard\u00a0· version 1" in footer.paragraphs[0].text
    instructions = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert xml.count('w:fldCharType="begin"') == 2 and xml.count('w:fldCharType="end"') == 2
    text = footer.paragraphs[0].text
    assert text.index("Side") < text.index(" af ")


def test_table_header_rows_repeat_and_signatures_do_not_split(example_rendered):
    document = docx.Document(example_rendered.docx)
    tables = document.tables
    goal_table = next(t for t in tables if t.rows[0].cells[0].text == w.GOAL_HEADER[0])
    tr_pr = goal_table.rows[0]._tr.trPr
    assert tr_pr.find(qn("w:tblHeader")) is not None
    # Short rows never split over two pages.
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in goal_table.rows)
    signature = tables[-1]
    assert [p.text for p in signature.rows[0].cells[0].paragraphs][1] == w.SIGN_CITIZEN
    assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert signature.rows[0].cells[0].paragraphs[1].runs[0].bold
    for cell in signature.rows[0].cells:
        assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs)
    # The statement above the lines keeps with them (by its style).
    statement = next(p for p in document.paragraphs if p.text == w.SIGN_PLAN)
    assert statement.style.paragraph_format.keep_with_next


def test_styles_are_named_and_proofed_in_danish(example_rendered):
    document = docx.Document(example_rendered.docx)
    used = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Planbro Erklæring"} <= used
    styles = _xml(example_rendered.docx, "word/styles.xml")
    assert 'w:lang w:val="da-DK"' in styles and 'w:val="en-US"' not in styles
    for style in document.styles:
        rpr = style.element.rPr
        if style.name.startswith("Planbro") or style.name in ("Normal", "Title", "Heading 1"):
            assert rpr.find(qn("w:lang")).get(qn("w:val")) == "da-DK", style.name


def test_the_logo_is_in_the_document(example_rendered):
    with zipfile.ZipFile(example_rendered.docx) as z:
        images = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(images) == 1 and z.read(images[0]).startswith(b"\x89PNG")


def test_newlines_in_user_text_become_line_breaks(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.partners[0].phone, plan.partners[0].email = "11 22 33 44", "a@b.dk"
    document = docx.Document(rendered(plan).docx)
    partners = next(t for t in document.tables if t.rows[0].cells[0].text == w.PARTNER_HEADER[0])
    contact = partners.rows[1].cells[2].paragraphs[0]
    assert contact.text == "11\u00a022\u00a033\u00a044\na@b.dk"
    assert contact._p.xpath(".//w:br")


def test_a_long_row_may_run_over_a_page(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.goals[0].subgoals[0].indicator = "ord " * 5000
    document = docx.Document(rendered(plan).docx)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == w.GOAL_HEADER[0])
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:cantSplit")) is None
    assert table.rows[2]._tr.trPr.find(qn("w:cantSplit")) is not None
