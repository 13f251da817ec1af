"""A partner's extract as a use case (#13): refused without a consent or hand-over that ticks
a part, made in both formats, written with a "render" record naming the partner by its place
and the parts given — never a name, a CPR number or health data in the log."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date

import pytest
from actions_support import records
from docx import Document
from pypdf import PdfReader

from planbro.model import Partner

from planbro.audit import AuditLog

from planbro.actions.partner_extract import (
    PartnerNotFound,
    allowed_text,
    default_partner_name,
    find_partner,
    make_partner_extracts,
    refusal,
    save_partner_extract,
)

TODAY = date(2026, 12, 2)


def test_an_extract_may_be_made_for_each_example_partner(example_plan):
    for number in (1, 2, 3):
        assert refusal(example_plan, number, TODAY) is None
    assert allowed_text(example_plan, 3, TODAY) == (
        "En udskrift til Kim Jeppesen (Forsorgshjemmet Skovbrynet) med de dele af planen, "
        "samarbejdsparten må få: Formål, 2 indsatser, forventet varighed og boform.")


@pytest.mark.parametrize("change, said", [
    (lambda c: setattr(c, "withdrawn", date(2026, 11, 20)),
     "Borgeren trak samtykket til Ali Hassan (CTI-teamet, Odense Kommune) tilbage den 20. "
     "november 2026."),
    (lambda c: setattr(c, "given", False),
     "Borgeren har ikke givet samtykke til at dele planen med Ali Hassan (CTI-teamet, Odense "
     "Kommune)."),
    (lambda c: setattr(c, "expires", date(2026, 12, 1)),
     "Samtykket til Ali Hassan (CTI-teamet, Odense Kommune) udløb den 1. december 2026."),
    (lambda c: setattr(c, "sections", []),
     "Samtykket til Ali Hassan (CTI-teamet, Odense Kommune) angiver ikke, hvilke dele af planen "
     "der må deles: sæt flueben ved dem i trin 8."),
])
def test_no_extract_without_a_standing_consent_that_ticks_a_part(example_plan, change, said):
    plan = copy.deepcopy(example_plan)
    change(plan.partners[0].consent)
    assert refusal(plan, 1, TODAY) == said + " Intet er overdraget til Ali Hassan (CTI-teamet, " \
                                             "Odense Kommune) efter § 141, stk. 5."
    assert allowed_text(plan, 1, TODAY) == refusal(plan, 1, TODAY)


def test_a_hand_over_alone_is_enough_and_one_without_parts_is_named(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.partners[2].consent.withdrawn = date(2026, 11, 20)
    assert refusal(plan, 3, TODAY) is None
    plan.handovers[0].sections = []
    assert refusal(plan, 3, TODAY).endswith(
        "Overdragelsen til Kim Jeppesen (Forsorgshjemmet Skovbrynet) efter § 141, stk. 5 angiver "
        "ikke, hvilke dele der er overdraget.")


def test_no_extract_of_a_declined_offer(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.basis, plan.offer.decision = "sel-141-2", "declined"
    assert refusal(plan, 1, TODAY).startswith("Borgeren har takket nej til tilbuddet")


def test_english_on_request(example_plan):
    from planbro.translation import set_language

    plan = copy.deepcopy(example_plan)
    plan.partners[0].consent.given = False
    set_language("en")
    assert refusal(plan, 1, TODAY).startswith("The citizen has not consented to sharing the plan")


def test_a_partner_is_found_by_name_organisation_or_a_unique_beginning(example_plan):
    assert find_partner(example_plan, "Kim Jeppesen") == 3
    assert find_partner(example_plan, "forsorgshjemmet") == 3
    assert find_partner(example_plan, "  susanne ") == 2
    assert find_partner(example_plan, "CTI") == 1
    plan = copy.deepcopy(example_plan)
    plan.partners.append(Partner(name="Kim", organisation="Jobcentret"))
    # A whole name beats a beginning: "Kim" is the fourth, not also Kim Jeppesen.
    assert find_partner(plan, "kim") == 4
    with pytest.raises(PartnerNotFound) as ambiguous:
        find_partner(plan, "Ki")
    assert str(ambiguous.value) == (
        "«Ki» passer på mere end én af planens samarbejdsparter: Kim Jeppesen (Forsorgshjemmet "
        "Skovbrynet) og Kim (Jobcentret). Skriv mere af navnet.")
    with pytest.raises(PartnerNotFound) as unknown:
        find_partner(plan, "Kirkens Korshær")
    message = str(unknown.value)
    assert message.startswith("Ingen af planens samarbejdsparter hedder «Kirkens Korshær»")
    assert "Ali Hassan (CTI-teamet, Odense Kommune), Susanne Berg" in message
    # The candidates are named only: nothing of their consents.
    assert "samtykke" not in message.lower().split("samarbejdsparter:")[1]
    with pytest.raises(PartnerNotFound, match="ingen samarbejdsparter"):
        find_partner(replace(plan, partners=[]), "Kim")
    with pytest.raises(PartnerNotFound):
        find_partner(plan, "   ")


def test_the_extract_is_written_with_a_record_of_whom_and_what(stored, trail, store, tmp_path):
    saved = save_partner_extract(stored, 3, "pdf", tmp_path / "kim.pdf", trail=trail, today=TODAY)
    text = "".join(page.extract_text() for page in PdfReader(saved.path).pages)
    assert "Udskrift til Kim Jeppesen" in text and "120379-xxxx" in text
    assert saved.message.startswith(f"Gemt: {saved.path}\nFilen er ikke krypteret")
    assert records(store)[-1] == ("render", stored.id, 1, "app",
                                  "udskrift pdf til samarbejdspart 3: formål, 2 indsatser, "
                                  "forventet varighed, boform")
    line = (store.data_dir / "audit").glob("audit-*.jsonl")
    logged = "".join(path.read_text(encoding="utf-8") for path in line)
    for secret in ("Kim", "Jeppesen", "Forsorgshjemmet", "1235", "Jonas", "hash"):
        assert secret not in logged


def test_both_formats_are_made_before_any_is_written_and_a_refusal_writes_nothing(
        stored, trail, store, tmp_path):
    made = make_partner_extracts(stored, 2, ["docx", "pdf"], today=TODAY)
    assert set(made) == {"docx", "pdf"} and made["pdf"].startswith(b"%PDF")
    plan = copy.deepcopy(stored)
    plan.partners[0].consent.sections = []
    before = records(store)
    from planbro.actions.documents import NotWritten

    with pytest.raises(NotWritten) as refused:
        save_partner_extract(plan, 1, "docx", tmp_path / "ali.docx", trail=trail, today=TODAY)
    assert refused.value.message().startswith("Dokumentet blev ikke lavet: Samtykket til Ali Hassan")
    assert not (tmp_path / "ali.docx").exists() and records(store) == before


def test_the_word_extract_holds_what_the_pdf_does(stored, trail, tmp_path):
    saved = save_partner_extract(stored, 2, "docx", tmp_path / "susanne.docx", trail=trail,
                                 today=TODAY)
    text = "\n".join(p.text for p in Document(str(saved.path)).paragraphs)
    assert "Udskrift til Susanne Berg" in text
    assert default_partner_name(stored, 2, "docx", TODAY) == \
        "Udskrift Jonas Mikkelsen Østergaard 2026-12-02 v1 KLADDE til Susanne Berg.docx"


def test_the_citizens_access_extract_tells_the_partners_extract(stored, trail, store, tmp_path):
    from planbro.actions.extract import extract_rows

    save_partner_extract(stored, 3, "pdf", tmp_path / "kim.pdf", trail=trail, today=TODAY)
    rows = extract_rows(AuditLog(store.data_dir).read().records, stored.id)
    assert rows[-1].what == ("Der blev lavet en udskrift af dele af handleplanen til "
                             "samarbejdspart nr. 3 som PDF-dokument: Formål, 2 indsatser, forventet "
                             "varighed, boform (version 1)")
