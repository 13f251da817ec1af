"""The PDF: PDF/A-2b parts, metadata, embedded fonts, footers, page flow."""

from __future__ import annotations

import copy
import re

import pytest
from docs_helpers import PAGE_COUNTER, many_goals, run_tool, squeeze

from planbro.documents import wording as w


def test_the_pdf_passes_the_pdfa_check(example_rendered):
    result = run_tool("pdfa_check.py", example_rendered.pdf)
    assert result.returncode == 0, result.stdout


def test_metadata_title_author_language(example_rendered):
    reader = example_rendered.reader
    info = reader.metadata
    assert info.title == "Handleplan efter serviceloven § 142 – Jonas Mikkelsen Østergaard, version 1"
    assert info.author == "Mette Lund Sørensen"
    assert info.creator == "Planbro"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da-DK"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "Mette Lund Sørensen" in xmp and "<rdf:li>da-DK</rdf:li>" in xmp


def test_no_cpr_in_the_metadata_even_when_typed_into_a_name(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = "Jonas Østergaard 120379-1235"
    plan.caseworker.name = "Mette 1203791235 Sørensen"
    reader = rendered(plan).reader
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "Jonas Østergaard" in reader.metadata.title
    for text in (*map(str, reader.metadata.values()), xmp):
        assert not re.search(r"(?<!\d)\d{6}-?\d{4}(?!\d)", text), text


def test_the_output_intent_is_srgb(example_rendered):
    intent = example_rendered.reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    assert profile.get_data()[36:40] == b"acsp"  # an ICC profile


def _fonts(reader) -> dict[str, object]:
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"]).split("+")[-1]] = font
    return fonts


def test_every_font_is_an_embedded_planbro_sans_face(example_rendered):
    fonts = _fonts(example_rendered.reader)
    assert {"PlanbroSans-Regular", "PlanbroSans-Bold", "PlanbroSans-Italic"} <= set(fonts)
    for name, font in fonts.items():
        assert name.startswith("PlanbroSans")
        assert "/FontFile2" in font["/FontDescriptor"], name


def test_every_page_has_side_x_af_y_and_the_version(example_rendered):
    pages = example_rendered.page_texts()
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        assert f"Side {number} af {len(pages)}" in text
        assert "Handleplan for Jonas Mikkelsen Østergaard · version 1" in text


def test_fifty_goals_flow_across_pages_with_repeated_headers(example_plan, rendered):
    plan = many_goals(example_plan, goals=50)
    plan.goals[0].subgoals *= 30  # one table longer than a page
    doc = rendered(plan)
    pages = doc.page_texts()
    assert len(pages) > 10
    body = squeeze(doc.pdf_body())
    for goal in plan.goals:
        assert squeeze(goal.title) in body
    # The first goal's table continues over pages, each with its header row.
    first_table_pages = [t for t in pages if "Delmål 1.1 skal nås" in t]
    assert len(first_table_pages) >= 2
    for text in first_table_pages:
        assert "Hvordan ved vi, at det er" in text


def test_a_20000_character_field_flows_across_pages(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    words = [f"ord{i}" for i in range(3000)]
    plan.purpose = " ".join(words)[:20000]
    plan.circumstances.housing = "x" * 20000  # one unbreakable word
    plan.goals[0].subgoals[0].indicator = " ".join(words)[:20000]  # inside a table cell
    doc = rendered(plan)
    assert len(doc.reader.pages) >= 8
    body = squeeze(doc.pdf_body())
    assert squeeze(plan.purpose) in body
    assert body.count("x") >= 20000


@pytest.mark.parametrize("lines", range(0, 60, 3))
def test_the_signature_block_never_splits(example_plan, rendered, lines):
    # Push the signature block through every position on the last page.
    plan = copy.deepcopy(example_plan)
    plan.follow_up.history = []
    plan.circumstances.other = "\n".join(f"Linje {i}" for i in range(lines))
    pages = rendered(plan).page_texts()
    holding = [i for i, text in enumerate(pages)
               if any(part in squeeze(text) for part in
                      (squeeze(w.SIGN_PLAN[:40]), w.SIGN_CITIZEN.replace(" ", ""),
                       w.SIGN_CASEWORKER.replace(" ", ""), "Dato:________________"))]
    assert len(holding) == 1, holding
    assert PAGE_COUNTER.search(pages[holding[0]])
