"""A draft says so on every page, in both formats; a signed version never does (#9.4)."""

from __future__ import annotations

import copy
import datetime
import zipfile

import docx
import pytest
from docs_helpers import many_goals

from planbro.documents import default_filename
from planbro.documents import wording as w

MARK = "KLADDE – ikke underskrevet"


def _with_status(plan, status: str):
    plan = copy.deepcopy(plan)
    plan.status = status
    if status != "draft":
        plan.signatures.citizen_signed = plan.signatures.caseworker_signed = datetime.date(2026, 11, 2)
    return plan


def test_the_mark_says_what_the_issue_asks():
    assert w.DRAFT_MARK == MARK


def test_every_pdf_page_of_a_draft_carries_the_mark(example_plan, rendered):
    doc = rendered(many_goals(example_plan, goals=12))
    pages = doc.page_texts()
    assert len(pages) >= 4
    for number, text in enumerate(pages, 1):
        assert MARK in text, number  # extractable text


def test_the_docx_of_a_draft_carries_the_mark_in_the_one_page_header(example_plan, rendered):
    doc = rendered(many_goals(example_plan, goals=12))
    document = docx.Document(doc.docx)
    # One section and one header for all pages: no first-page or even-page header.
    assert len(document.sections) == 1
    section = document.sections[0]
    assert not section.different_first_page_header_footer
    assert not document.settings.odd_and_even_pages_header_footer
    assert not section.header.is_linked_to_previous
    assert doc.docx_header().split("\t")[0] == MARK
    # Set in a named style, so it survives editing and can be restyled in Word.
    run = section.header.paragraphs[0].runs[0]
    assert run.style.name == "Planbro Kladde" and run.text == MARK
    assert run.style.font.bold and str(run.style.font.color.rgb) == "C00000"
    # Not in the body: it stays in the header when the text is edited.
    assert MARK not in "\n".join(doc.docx_paragraphs())


def test_both_formats_carry_the_same_header(example_plan, rendered):
    doc = rendered(example_plan)
    assert doc.header_texts() == [MARK, w.ORIGINAL]
    assert doc.docx_header() == f"{MARK}\t{w.ORIGINAL}"
    assert all(MARK in text for text in doc.page_texts())


@pytest.mark.parametrize("status", ["signed", "closed"])
def test_a_signed_version_is_never_marked(example_plan, rendered, status):
    doc = rendered(_with_status(example_plan, status))
    assert doc.header_texts() == [w.ORIGINAL]
    assert all("KLADDE" not in text for text in doc.page_texts())
    with zipfile.ZipFile(doc.docx) as z:
        assert not any(b"KLADDE" in z.read(name) for name in z.namelist()
                       if name.startswith("word/") and name != "word/styles.xml")
    for section in docx.Document(doc.docx).sections:
        assert not section.header._element.xpath(".//w:rStyle[@w:val='PlanbroKladde']")


def test_a_declined_offer_s_draft_is_marked_too(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.offer.decision = "declined"
    # A § 142 plan cannot be declined away (the example is one).
    plan.basis = "sel-141-2"
    doc = rendered(plan)
    assert len(doc.page_texts()) == 1 and MARK in doc.page_texts()[0]
    assert doc.docx_header().startswith(MARK)


def test_draft_and_signed_files_get_different_names(example_plan):
    draft = _with_status(example_plan, "draft")
    signed = _with_status(example_plan, "signed")
    for ext in ("docx", "pdf"):
        assert default_filename(draft, ext) == f"Handleplan Jonas Mikkelsen Østergaard 2026-11-02 v1 KLADDE.{ext}"
        assert default_filename(signed, ext) == f"Handleplan Jonas Mikkelsen Østergaard 2026-11-02 v1.{ext}"
    assert default_filename(_with_status(example_plan, "closed"), "pdf").endswith(" v1.pdf")


def test_a_long_name_keeps_the_draft_suffix(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = "Æ" * 500
    name = default_filename(plan, "docx")
    assert name.endswith(" v1 KLADDE.docx") and len(name) <= 120
