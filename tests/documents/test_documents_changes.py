"""The list of changes between two versions of a plan (#13): plain Danish sentences, items
matched by id or by what they say (never by place), no CPR number, and the appendix."""

from __future__ import annotations

import copy
import re
from datetime import date

import pytest

from planbro.model import Goal, Partner, Service, SubGoal

from planbro.documents.blocks import Heading, Paragraph
from planbro.documents.changes import Change, Comparison, appendix, compare
from planbro.documents.layout import build_document


@pytest.fixture
def old(example_plan):
    return example_plan


@pytest.fixture
def new(old):
    return copy.deepcopy(old)


def texts(old, new) -> list[str]:
    return [change.text for change in compare(old, new)]


def test_the_same_plan_has_no_changes(old, new):
    assert compare(old, new) == []


def test_goals_are_matched_by_id_so_a_new_order_is_no_change(old, new):
    new.goals.reverse()
    for goal in new.goals:
        goal.subgoals.reverse()
    new.services.reverse()
    new.partners.reverse()
    assert compare(old, new) == []


def test_a_goal_with_a_new_id_is_one_removed_and_one_added(old, new):
    new.goals[2].id = "g-penge"
    assert texts(old, new) == [
        "Nyt mål: «Jonas har en månedlig budgetaftale og afdrager på sin gæld til "
        "forsyningsselskabet».",
        "Nyt delmål til målet «Jonas har en månedlig budgetaftale og afdrager på sin gæld til "
        "forsyningsselskabet»: «Budget lagt sammen med Jonas og økonomisk rådgiver».",
        "Nyt delmål til målet «Jonas har en månedlig budgetaftale og afdrager på sin gæld til "
        "forsyningsselskabet»: «Afdragsordning på gælden til forsyningsselskabet aftalt».",
        "Målet «Jonas har en månedlig budgetaftale og afdrager på sin gæld til "
        "forsyningsselskabet» er fjernet sammen med sine delmål.",
    ]


def test_a_goal_without_a_title_is_named_by_its_number(old, new):
    new.goals.append(Goal(id="g-ny"))
    new.goals[0].kind = "maintain"
    assert texts(old, new) == ["Målet «Jonas bor i egen lejlighed senest 1. juni 2027 og har "
                               "betalt husleje til tiden hver måned» er nu af typen «fastholde» "
                               "(var: udvikle).", "Nyt mål: nr. 4."]


def test_sub_goals_are_matched_by_what_they_say(old, new):
    subs = new.goals[0].subgoals
    # A few words changed: the same sub-goal, renamed.
    subs[1].text = "Jonas har besigtiget mindst 3 boliger sammen med CTI-medarbejderen"
    subs[1].responsible = "Ali Hassan"
    subs[1].indicator = ""
    # Wholly rewritten, with nothing else in common: one removed, one added.
    subs[2] = SubGoal(text="Jonas har lært at bruge sin netbank")
    assert texts(old, new) == [
        "Delmålet «Jonas har besigtiget mindst 2 boliger sammen med CTI-medarbejderen» hedder "
        "nu «Jonas har besigtiget mindst 3 boliger sammen med CTI-medarbejderen».",
        "Ansvarlig for delmålet «Jonas har besigtiget mindst 3 boliger sammen med "
        "CTI-medarbejderen» er nu «Ali Hassan» (var: «Ali Hassan (CTI-medarbejder)»).",
        "Delmålet «Jonas har besigtiget mindst 3 boliger sammen med CTI-medarbejderen» har "
        "ikke længere en beskrivelse af, hvordan vi ved, at det er nået.",
        "Nyt delmål til målet «Jonas bor i egen lejlighed senest 1. juni 2027 og har betalt "
        "husleje til tiden hver måned»: «Jonas har lært at bruge sin netbank».",
        "Delmålet «Huslejen betales via budgetkonto hver måned de første 6 måneder efter "
        "indflytning» er fjernet fra målet «Jonas bor i egen lejlighed senest 1. juni 2027 og "
        "har betalt husleje til tiden hver måned».",
    ]


def test_a_deadline_set_and_a_status_dropped(old, new):
    sub = new.goals[1].subgoals[1]
    sub.status = "dropped"
    new.goals[1].subgoals[0].deadline = None
    old.goals[1].subgoals[1].deadline = None
    assert texts(old, new) == [
        "Delmålet «Jonas har haft en indledende samtale i Rusmiddelcenteret» har ikke længere "
        "en frist (var: 15. januar 2027).",
        "Delmålet «Jonas møder op til mindst 3 ud af 4 aftaler om måneden i 3 måneder» er nu "
        "opgivet (var: ikke startet).",
        "Delmålet «Jonas møder op til mindst 3 ud af 4 aftaler om måneden i 3 måneder» har "
        "fået frist den 30. april 2027.",
    ]


def test_a_service_changed_in_each_of_its_parts(old, new):
    service = new.services[1]
    service.provider = "Herberget Nørrebro"
    service.extent = "Døgnophold, værelse med eget bad"
    service.start = date(2026, 10, 21)
    service.end = None
    service.method = "ICM"
    service.goal_ids = ["g-bolig", "g-oekonomi"]
    assert texts(old, new) == [
        "Indsatsen «Ophold på forsorgshjem indtil indflytning» udføres nu af «Herberget "
        "Nørrebro» (var: «Forsorgshjemmet Skovbrynet»).",
        "Omfanget af indsatsen «Ophold på forsorgshjem indtil indflytning» er nu «Døgnophold, "
        "værelse med eget bad» (var: «Døgnophold»).",
        "Indsatsen «Ophold på forsorgshjem indtil indflytning» starter nu den 21. oktober 2026 "
        "(var: 20. oktober 2026).",
        "Indsatsen «Ophold på forsorgshjem indtil indflytning» har ikke længere en slutdato "
        "(var: 1. juni 2027).",
        "Indsatsen «Ophold på forsorgshjem indtil indflytning» følger nu metoden ICM "
        "(var: ingen).",
        "Indsatsen «Ophold på forsorgshjem indtil indflytning» hører nu til målet «Jonas har en "
        "månedlig budgetaftale og afdrager på sin gæld til forsyningsselskabet».",
    ]


def test_a_renamed_service_with_the_same_basis_and_provider_is_the_same_service(old, new):
    new.services[3].title = "Økonomisk rådgivning"
    del new.services[2]
    assert texts(old, new) == [
        "Indsatsen «Rådgivning om budget og gæld» hedder nu «Økonomisk rådgivning».",
        "Indsatsen «Ambulant social stofmisbrugsbehandling» er fjernet.",
    ]


def test_partners_added_and_their_consent(old, new):
    new.partners.append(Partner(name="Hanne Jensen", organisation="Kirkens Korshær"))
    new.partners[-1].consent.given = True
    new.partners[-1].consent.date = date(2027, 1, 5)
    consent = new.partners[0].consent
    consent.withdrawn = date(2027, 1, 10)
    consent.expires = date(2027, 6, 30)
    new.partners[1].consent.scope = "Behandling"
    new.partners[2].role = "Afdelingsleder"
    assert texts(old, new) == [
        "Borgeren har trukket samtykket vedrørende Ali Hassan (CTI-teamet, Odense Kommune) "
        "tilbage den 10. januar 2027.",
        "Udløbsdatoen for samtykket vedrørende Ali Hassan (CTI-teamet, Odense Kommune) er "
        "flyttet fra 31. december 2027 til 30. juni 2027.",
        "Beskrivelsen af samtykket vedrørende Susanne Berg (Rusmiddelcenteret, Odense Kommune) "
        "er nu: «Behandling».",
        "Rollen for samarbejdsparten Kim Jeppesen (Forsorgshjemmet Skovbrynet) er nu "
        "«Afdelingsleder» (var: «Kontaktperson på forsorgshjemmet»).",
        "Ny samarbejdspart: Hanne Jensen (Kirkens Korshær).",
        "Borgeren har givet samtykke til at dele oplysninger med Hanne Jensen (Kirkens Korshær) "
        "den 5. januar 2027.",
    ]


def test_the_parts_a_consent_covers(old, new):
    consent = new.partners[2].consent
    consent.sections = ["purpose", "duration", "finances"]
    assert texts(old, new) == [
        "Samtykket vedrørende Kim Jeppesen (Forsorgshjemmet Skovbrynet) omfatter nu også: "
        "formål, økonomi.",
        "Samtykket vedrørende Kim Jeppesen (Forsorgshjemmet Skovbrynet) omfatter ikke længere: "
        "boform.",
    ]


def test_the_other_parts_are_told_briefly(old, new):
    new.purpose = "At Jonas bor i egen bolig."
    new.citizen_words += " Jeg har det bedre nu."
    new.circumstances.finances = "Gælden er afdraget."
    new.duration.expected_end = date(2028, 3, 31)
    new.follow_up.next_date = date(2027, 3, 1)
    new.caseworker.name = "Peter Holm"
    assert texts(old, new) == [
        "Sagsbehandleren er nu «Peter Holm» (var: «Mette Lund Sørensen»).",
        "Borgerens egne ord er ændret.",
        "Formålet med indsatsen er ændret.",
        "Den forventede afslutning er flyttet fra 31. december 2027 til 31. marts 2028.",
        "Det, planen siger om økonomi, er ændret.",
        "Næste opfølgning er flyttet fra 1. februar 2027 til 1. marts 2027.",
    ]
    assert {change.part for change in compare(old, new)} == {"other"}


def test_no_cpr_number_is_ever_in_a_change(old, new):
    new.citizen.cpr = "120379-1236"
    new.goals[0].title = "Bolig til 120379-1235 senest 1. juni 2027"
    new.partners[0].name = "Ali Hassan 1203791235"
    found = texts(old, new)
    assert "CPR-nummer er rettet." in found
    joined = "\n".join(found)
    assert not re.search(r"\d{6}[- ]?\d{4}", joined)
    assert "Bolig til xxxxxx-xxxx senest 1. juni 2027" in joined


def test_a_long_text_is_quoted_short(old, new):
    new.goals[0].title = "Jonas " + "bor godt " * 40
    [renamed] = texts(old, new)
    assert renamed.endswith("…».") and len(renamed) < 400


def test_many_rewritten_sub_goals_are_removed_and_added(old, new):
    old.goals[0].subgoals = [SubGoal(text=f"Delmål nummer {n} om bolig") for n in range(300)]
    new.goals[0].subgoals = [SubGoal(text=f"Helt andet {n}") for n in range(300)]
    found = texts(old, new)
    assert len(found) == 600
    assert sum(t.startswith("Nyt delmål") for t in found) == 300


def _comparison(old, new) -> Comparison:
    return Comparison(1, date(2026, 11, 20), 2, tuple(compare(old, new)))


def test_the_appendix_is_the_heading_then_each_part_under_its_own(old, new):
    new.services.append(Service(title="Netværksmøde"))
    new.purpose = "Et nyt formål."
    blocks = appendix(_comparison(old, new))
    assert blocks == [
        Heading("Bilag: Ændringer siden version 1 (underskrevet 20.\u00a0november\u00a02026)"),
        Heading("Indsatser", 2), Paragraph("•\u00a0Ny indsats: «Netværksmøde»."),
        Heading("Andre dele af planen", 2), Paragraph("•\u00a0Formålet med indsatsen er ændret."),
    ]
    assert appendix(Comparison(1, None, 2, ())) == [
        Heading("Bilag: Ændringer siden version 1"), Paragraph("Ingen ændringer.")]


def test_no_line_breaks_inside_a_date_in_the_appendix(old, new):
    new.follow_up.next_date = date(2027, 3, 1)
    [*_, change] = appendix(_comparison(old, new))
    assert change == Paragraph("•\u00a0Næste opfølgning er flyttet fra 1.\u00a0februar\u00a02027 "
                               "til 1.\u00a0marts\u00a02027.")


def test_the_document_ends_with_the_appendix_only_when_given(old, new):
    new.version = 2
    new.purpose = "Et nyt formål."
    plain = build_document(new)
    with_changes = build_document(new, changes=_comparison(old, new))
    assert with_changes.blocks[:len(plain.blocks)] == plain.blocks
    assert with_changes.texts()[-2:] == ["Andre dele af planen",
                                         "•\u00a0Formålet med indsatsen er ændret."]
    assert not any("Ændringer siden" in text for text in plain.texts())


def test_a_change_names_its_part(old, new):
    new.partners.pop()
    assert compare(old, new) == [Change("partners", "Samarbejdsparten Kim Jeppesen "
                                                    "(Forsorgshjemmet Skovbrynet) er fjernet.")]


def test_both_formats_with_the_appendix_pass_their_checks(old, new, tmp_path):
    from docs_helpers import run_tool

    from planbro.documents import docx_bytes, pdf_bytes

    new.version = 2
    new.goals[0].subgoals[0].status = "achieved"
    changes = _comparison(old, new)
    (tmp_path / "plan.docx").write_bytes(docx_bytes(new, None, changes))
    (tmp_path / "plan.pdf").write_bytes(pdf_bytes(new, None, changes))
    docx_check = run_tool("ooxml_check.py", tmp_path / "plan.docx")
    pdf_check = run_tool("pdfa_check.py", tmp_path / "plan.pdf")
    assert docx_check.returncode == 0, docx_check.stdout + docx_check.stderr
    assert pdf_check.returncode == 0, pdf_check.stdout + pdf_check.stderr
