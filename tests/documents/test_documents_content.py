"""What the documents say, in which order, and that .docx and PDF say the same."""

from __future__ import annotations

import copy

from docs_helpers import in_order, plain, squeeze

from planbro.model import Circumstances

from planbro.documents import wording as w

# The sections of an accepted plan, in print order (issue 3's content list).
SECTIONS = [
    "Eksempel Kommune", "Handleplan efter serviceloven § 142", "Version 1 · 2. november 2026",
    w.H_PARTIES, w.H_OFFER, w.H_WORDS, w.H_PURPOSE, w.H_GOALS, w.H_SERVICES, w.H_DURATION,
    w.H_CIRCUMSTANCES, w.H_PARTNERS, w.H_HANDOVERS, w.H_FOLLOW_UP, w.H_SIGNATURES,
    w.SIGN_CITIZEN, w.SIGN_CASEWORKER,
]


def test_every_section_in_order_in_the_docx(example_rendered):
    paragraphs = [plain(p) for p in example_rendered.docx_paragraphs()]
    positions = [paragraphs.index(title) for title in SECTIONS]
    assert positions == sorted(positions)


def test_every_section_in_order_in_the_pdf(example_rendered):
    body = example_rendered.pdf_body()
    assert in_order(SECTIONS, body)


def test_docx_and_pdf_carry_the_same_text_in_the_same_order(example_rendered):
    docx_text = squeeze("".join(example_rendered.docx_paragraphs()))
    pdf_text = squeeze(example_rendered.pdf_body())
    assert docx_text == pdf_text
    assert len(docx_text) > 3000


def test_the_plan_content_is_there(example_rendered):
    body = squeeze(example_rendered.pdf_body())
    plan = example_rendered.plan
    for text in (plan.citizen.name, plan.citizen.cpr, plan.citizen_words, plan.purpose,
                 plan.goals[0].subgoals[0].indicator, plan.services[0].provider,
                 plan.partners[1].consent.scope, plan.handovers[0].parts,
                 "1. februar 2027",  # next follow-up, written out
                 w.METHODS["CTI"], w.SIGN_PLAN):
        assert squeeze(text) in body, text


def test_goal_tables_have_their_header_and_status_in_danish(example_rendered):
    paragraphs = example_rendered.docx_paragraphs()
    start = paragraphs.index("Mål 1: " + example_rendered.plan.goals[0].title)
    # The goal's type (FFB) under its heading, then the sub-goals' table.
    assert paragraphs[start + 1:start + 3] == [w.GOAL_KIND_LABEL, "Udvikle"]
    assert paragraphs[start + 3:start + 8] == list(w.GOAL_HEADER)
    assert "I gang" in paragraphs and "Ikke startet" in paragraphs


def test_a_declined_offer_gives_a_short_document(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.offer.decision = "declined"
    # A § 142 plan cannot be declined away (the example is one).
    plan.basis = "sel-141-2"
    plan.offer.reason = "Jonas ønsker ikke en plan nu; han vil først selv finde en bolig."
    doc = rendered(plan, "declined")
    paragraphs = doc.docx_paragraphs()
    for text in (w.H_OFFER, "Borgeren har takket nej", "Begrundelse", plan.offer.reason,
                 w.SIGN_DECLINED, w.SIGN_CITIZEN, w.SIGN_CASEWORKER):
        assert text in paragraphs, text
    for heading in (w.H_PURPOSE, w.H_GOALS, w.H_SERVICES, w.H_DURATION, w.H_PARTNERS):
        assert heading not in paragraphs
    assert len(doc.reader.pages) == 1
    assert squeeze("".join(paragraphs)) == squeeze(doc.pdf_body())


def test_empty_circumstances_are_left_out(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.circumstances = Circumstances(treatment="Går til samtaler hos egen læge.")
    paragraphs = rendered(plan).docx_paragraphs()
    start = paragraphs.index(w.H_CIRCUMSTANCES)
    assert paragraphs[start + 1:start + 3] == ["Behandling", "Går til samtaler hos egen læge."]
    for label in w.CIRCUMSTANCE_LABELS.values():
        if label != "Behandling":
            assert label not in paragraphs


def test_every_matter_of_the_model_has_a_printed_heading_in_the_model_s_order(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    names = [name for name, _text in plan.circumstances.items()]
    assert set(names) == set(w.CIRCUMSTANCE_LABELS)
    plan.circumstances = Circumstances(**{name: f"Tekst om {name}." for name in names})
    paragraphs = rendered(plan).docx_paragraphs()
    start = paragraphs.index(w.H_CIRCUMSTANCES)
    printed = [p for p in paragraphs[start:] if p in w.CIRCUMSTANCE_LABELS.values()]
    assert printed == [w.CIRCUMSTANCE_LABELS[name] for name in names]


def test_no_circumstances_at_all_says_so(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.circumstances = Circumstances()
    doc = rendered(plan)
    assert w.NO_CIRCUMSTANCES in doc.docx_paragraphs()
    assert w.NO_CIRCUMSTANCES in doc.pdf_body()


def test_an_empty_required_part_shows_as_not_filled_in(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.purpose = ""
    plan.handovers = []
    paragraphs = rendered(plan).docx_paragraphs()
    assert paragraphs[paragraphs.index(w.H_PURPOSE) + 1] == w.NOT_FILLED
    assert w.H_HANDOVERS not in paragraphs


def test_the_title_follows_the_basis(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.basis = "sel-141-7"
    assert "Helhedsorienteret plan" in rendered(plan).docx_paragraphs()
