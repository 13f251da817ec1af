"""The documents after the 2023 reform (#12): a § 142 plan the citizen did not take part
in is still the whole plan, with its § 110 stay, bostøtte wish and discharge conditions;
a § 141 stk. 7 plan opens with what it replaces and has each law's part under its own
heading; the FFB vocabulary is printed; the footer names the act the wording was
checked against (templates/legal.toml)."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from docs_helpers import in_order, plain, run_tool, squeeze

from planbro.model import ValidationError
from planbro.model.plan import FollowUpEntry, NotRelevant

from planbro.documents import wording as w
from planbro.documents.layout import build_document
from planbro.documents.legal import load_legal

# The sentence of a § 142 plan whose citizen did not take part, with its reason.
NOT_TAKING_PART = ("Borgeren har ikke ønsket at medvirke til planen (begrundelse: Jonas vil "
                   "ikke tale med kommunen nu). Kommunen har udarbejdet planen ud fra de "
                   "oplysninger, kommunen har, jf. serviceloven § 142.")
# The footer's legal reference as shipped.
REFERENCE = "Lovhenvisninger kontrolleret mod LBK nr. 1089 af 16/08/2023 (serviceloven)"


@pytest.fixture
def not_taking_part(example_plan):
    """The example § 142 plan: the citizen said no and does not take part, the bostøtte
    wish is refused, a home is anvist."""
    plan = copy.deepcopy(example_plan)
    plan.offer.decision, plan.offer.reason = "declined", "Vil ikke have en plan."
    plan.participation.declined = True
    plan.participation.reason = "Jonas vil ikke tale med kommunen nu."
    plan.support_wish.not_followed = True
    plan.support_wish.reason = "CTI-teamet har ingen ledig plads før marts."
    plan.discharge.home_or_place = True
    return plan


@pytest.fixture
def coordinated(example_plan):
    """The example as one helhedsorienteret plan replacing two plans, with consent."""
    plan = copy.deepcopy(example_plan)
    plan.basis = "sel-141-7"
    c = plan.coordinated
    c.consent_date, c.consent_how = date(2026, 10, 28), "skriftligt"
    c.replaces = ["Min Plan (jobplanen)", "Rehabiliteringsplanens indsatsdel"]
    c.coordinating_caseworker = "Karin Holm, Jobcenter Odense"
    c.employment_goals = "Jonas er i virksomhedspraktik 10 timer om ugen senest 1. maj 2027."
    c.employment_services = "Mentor fra jobcentret; virksomhedspraktik."
    c.jobcenter_contact = "Karin Holm, tlf. 65 51 00 00"
    return plan


def test_a_142_plan_the_citizen_did_not_take_part_in_is_the_whole_plan(not_taking_part, rendered):
    doc = rendered(not_taking_part, "not-taking-part")
    paragraphs = [plain(p) for p in doc.docx_paragraphs()]
    pdf = squeeze(doc.pdf_body())
    docx_text = squeeze("".join(paragraphs))
    # No short record: every part of the plan is there, the statement says who made it.
    assert build_document(not_taking_part).title == "Handleplan efter serviceloven § 142"
    for text in (w.H_PURPOSE, w.H_GOALS, w.H_SERVICES, w.H_CIRCUMSTANCES, w.SIGN_WITHOUT_CITIZEN):
        assert squeeze(text) in pdf, text
    assert squeeze(w.SIGN_DECLINED) not in pdf and squeeze(w.SIGN_PLAN) not in pdf
    for text in (NOT_TAKING_PART, "20. oktober 2026", "22. oktober 2026", "1. juni 2027",
                 not_taking_part.support_wish.wish,
                 "Ønsket følges", "Nej. Begrundelse: CTI-teamet har ingen ledig plads før marts."):
        assert squeeze(text) in docx_text and squeeze(text) in pdf, text
    # The discharge conditions: each with Ja or Nej, in the law's order.
    assert plain(w.H_DISCHARGE) == "Betingelser for udskrivning (serviceloven § 110, stk. 5)"
    start = paragraphs.index(plain(w.H_DISCHARGE))
    (_plan, one), (_home, two), (_support, three), (_lease, four) = w.DISCHARGE_CONDITIONS
    assert paragraphs[start + 1:start + 11] == [
        *w.DISCHARGE_HEADER, one, "Ja (denne plan)", two, "Ja", three, "Nej", four, "Nej"]
    assert paragraphs[start + 11] == w.DISCHARGE_NOT_YET
    assert in_order([squeeze(t) for t in (w.H_OFFER, NOT_TAKING_PART, w.H_STAY, w.H_DISCHARGE,
                                          w.H_WORDS)], pdf)


def test_a_142_reason_is_left_out_when_none_was_given(not_taking_part):
    not_taking_part.participation.reason = ""
    not_taking_part.offer.decision = "accepted"
    texts = build_document(not_taking_part).texts()
    assert ("Borgeren har ikke ønsket at medvirke til planen. Kommunen har udarbejdet planen ud "
            "fra de oplysninger, kommunen har, jf. serviceloven § 142.") in texts


def test_a_142_plan_whose_citizen_takes_part_says_nothing_of_it(example_plan):
    texts = build_document(example_plan).texts()
    assert not any("ikke ønsket at medvirke" in t for t in texts)
    assert w.SIGN_PLAN in texts and w.H_STAY in texts and w.DISCHARGE_NOT_YET in texts


def test_the_stay_is_only_in_a_142_plan(example_plan):
    other = copy.deepcopy(example_plan)
    other.basis = "sel-141-2"
    texts = build_document(other).texts()
    assert w.H_STAY not in texts and w.H_DISCHARGE not in texts


def test_a_141_7_plan_says_what_it_replaces_and_has_each_laws_part(coordinated, rendered):
    doc = rendered(coordinated, "coordinated")
    paragraphs = [plain(p) for p in doc.docx_paragraphs()]
    pdf = squeeze(doc.pdf_body())
    assert squeeze("".join(paragraphs)) == pdf
    title = "Helhedsorienteret plan"
    opening = ("Planen er en helhedsorienteret plan efter serviceloven § 141, stk. 7, og træder i "
               "stedet for: Min Plan (jobplanen) · Rehabiliteringsplanens indsatsdel. Borgeren har "
               "givet samtykke til den samlede plan den 28. oktober 2026 (skriftligt).")
    assert paragraphs[2:4] == [title, "Version 1 · 2. november 2026"]
    # The opening comes first, before the parties.
    assert paragraphs.index(opening) < paragraphs.index(w.H_PARTIES)
    assert "Karin Holm, Jobcenter Odense" in paragraphs
    order = [title, opening, w.H_PARTIES, w.H_OFFER, w.H_PART_SOCIAL, w.H_WORDS, w.H_PURPOSE,
             w.H_CIRCUMSTANCES, w.H_PART_EMPLOYMENT, coordinated.coordinated.employment_goals,
             coordinated.coordinated.employment_services, w.H_PART_COMMON, w.H_PARTNERS,
             w.H_SIGNATURES]
    assert in_order([squeeze(t) for t in order], pdf)
    assert plain(w.H_PART_SOCIAL).startswith("Serviceloven § 141")
    assert plain(w.H_PART_EMPLOYMENT) == ("Beskæftigelsesdelen (lov om en aktiv "
                                          "beskæftigelsesindsats § 30 b)")
    # A part heading is its own style, above the plan's sections (one level
    # below it, looking as heading 1 does).
    import docx

    styles = {p.text: p.style.name for p in docx.Document(doc.docx).paragraphs}
    assert styles[w.H_PART_SOCIAL] == styles[w.H_PART_EMPLOYMENT] == "Planbro Del"
    assert styles[w.H_PARTIES] == "Heading 1"
    assert styles[w.H_WORDS] == "Planbro Afsnit i del"


def test_a_141_7_plan_without_consent_says_so(coordinated):
    coordinated.coordinated.consent_date = None
    coordinated.coordinated.replaces = []
    texts = build_document(coordinated).texts()
    assert f"{w.COORDINATED_REPLACES_NOTHING} {w.CONSENT_MISSING}" in texts


def test_resources_goal_types_takes_over_not_relevant_and_ffb(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.circumstances.employment = ""
    plan.circumstances.not_relevant = [NotRelevant("employment", "Jonas er på pension.")]
    plan.follow_up.history = [FollowUpEntry(date=date(2027, 2, 1), outcome="change",
                                            note="Ny bolig anvist.")]
    doc = rendered(plan, "vocabulary")
    paragraphs = [plain(p) for p in doc.docx_paragraphs()]
    pdf = squeeze(doc.pdf_body())
    for text in (w.H_RESOURCES, plan.resources, "Fastholde",
                 "Overtages bagefter af: Bostøtten efter serviceloven § 85",
                 "Ikke relevant for planen. Begrundelse: Jonas er på pension.",
                 "Indsatsstatus (FFB)", "afslutning og visitation til ny"):
        assert squeeze(text) in pdf, text
    assert paragraphs.index(w.H_RESOURCES) == paragraphs.index(w.H_WORDS) + 2
    # The matter marked not relevant keeps its heading among the other matters.
    start = paragraphs.index("Beskæftigelse")
    assert paragraphs[start + 1] == "Ikke relevant for planen. Begrundelse: Jonas er på pension."
    history = paragraphs.index("Indsatsstatus (FFB)")
    assert paragraphs[history + 2:history + 6] == ["1. feb. 2027", "Ændres",
                                                   "afslutning og visitation til ny", "Ny bolig anvist."]


def test_every_page_footer_names_the_act_the_wording_was_checked_against(not_taking_part, rendered):
    doc = rendered(not_taking_part, "footer")
    assert load_legal().footer == REFERENCE
    assert doc.docx_footer().splitlines()[-1] == REFERENCE
    pages = doc.page_texts()
    assert len(pages) > 2
    assert all(REFERENCE in plain(page) for page in pages)


def test_the_documents_pass_the_ooxml_and_pdfa_checks(not_taking_part, coordinated, rendered):
    files = [rendered(not_taking_part, "not-taking-part"), rendered(coordinated, "coordinated")]
    result = run_tool("ooxml_check.py", *(f.docx for f in files))
    assert result.returncode == 0, result.stdout
    result = run_tool("pdfa_check.py", *(f.pdf for f in files))
    assert result.returncode == 0, result.stdout


def test_a_municipality_may_name_its_own_check_of_the_law(tmp_path, monkeypatch, example_plan):
    own = tmp_path / "legal.toml"
    own.write_text('footer = "Lovhenvisninger kontrolleret mod LBK nr. 9 af 01/01/2027 '
                   '(serviceloven)"\n\n[[acts]]\nname = "serviceloven"\nchecked = ["§ 141"]\n',
                   encoding="utf-8")
    monkeypatch.setenv("PLANBRO_LEGAL", str(own))
    assert build_document(example_plan).footnote.endswith("LBK nr. 9 af 01/01/2027 (serviceloven)")
    assert load_legal().acts[0].checked == ("§ 141",)


@pytest.mark.parametrize("text, field, reason", [
    ('footer = ""\n', "footer", "må ikke være tom"),
    ('footer = "x"\nfodnote = "y"\n', "fodnote", "ukendt felt"),
    ('footer = "x"\n[[acts]]\nname = "serviceloven"\nchecked = "§ 141"\n', "acts[0].checked",
     "skal være en liste"),
    ('footer = "x\n', "legal.toml", "kan ikke læses"),
])
def test_a_broken_legal_file_is_refused_in_danish_naming_the_field(tmp_path, monkeypatch, example_plan,
                                                                    text, field, reason):
    own = tmp_path / "legal.toml"
    own.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PLANBRO_LEGAL", str(own))
    with pytest.raises(ValidationError) as refused:
        build_document(example_plan)
    message = str(refused.value)
    assert field in message and reason in message, message


def test_the_shipped_file_records_the_act_and_what_is_only_referred_to():
    (social, employment) = load_legal().acts
    assert social.consolidated == "lovbekendtgørelse nr. 1089 af 16. august 2023"
    assert social.amended_by == ("lov nr. 482 af 12. maj 2023",)
    assert "§ 110, stk. 5" in social.checked and social.referred_only == ("§ 142",)
    assert employment.referred_only == ("§ 30 b",)
