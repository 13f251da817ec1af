"""The signature block shows each one's own day, and says so when the citizen did
not wish to sign (#9.9); in both formats."""

from __future__ import annotations

import copy
import datetime

from docs_helpers import plain, squeeze


def _signed(plan, **signatures):
    plan = copy.deepcopy(plan)
    plan.status = "signed"
    for key, value in signatures.items():
        setattr(plan.signatures, key, value)
    return plan


def test_each_signature_line_has_its_own_date(example_plan, rendered):
    doc = rendered(_signed(example_plan, citizen_signed=datetime.date(2026, 11, 17),
                           caseworker_signed=datetime.date(2026, 11, 19)))
    docx_text = "\n".join(doc.docx_paragraphs())
    citizen = docx_text.index("Borgerens underskrift")
    caseworker = docx_text.index("Sagsbehandlerens underskrift")
    assert docx_text.index("Dato: 17. november 2026") > citizen
    assert docx_text.index("Dato: 19. november 2026") > caseworker
    body = squeeze(plain(doc.pdf_body()))
    assert squeeze("Dato: 17. november 2026") in body and squeeze("Dato: 19. november 2026") in body


def test_a_citizen_who_did_not_wish_to_sign_is_named_so_with_the_note(example_plan, rendered):
    note = "Jonas er enig i planen, men skriver ikke under på papirer."
    doc = rendered(_signed(example_plan, citizen_declined=True, citizen_declined_note=note,
                           caseworker_signed=datetime.date(2026, 11, 19)))
    said = f"Borgeren ønsker ikke at underskrive: {note}"
    assert said in doc.docx_paragraphs()
    assert squeeze(said) in squeeze(plain(doc.pdf_body()))
    # The caseworker's line keeps its date; the citizen's has none to fill in.
    assert "Dato: 19. november 2026" in doc.docx_paragraphs()
    assert doc.docx_paragraphs().count("Dato: ________________") == 0


def test_a_revision_says_first_which_signed_version_it_replaces(example_plan, rendered):
    """#9.8: version 2 (a draft, and signed in its turn) names the version it replaces."""
    from planbro.model import Replaces

    plan = copy.deepcopy(example_plan)
    plan.version, plan.replaces = 2, Replaces(1, datetime.date(2026, 12, 1))
    said = "Denne version erstatter den underskrevne version 1 af 1. december 2026."
    for version in (plan, _signed(plan, caseworker_signed=datetime.date(2027, 1, 5))):
        doc = rendered(version)
        paragraphs = doc.docx_paragraphs()
        assert said in paragraphs
        # Before everything else the plan says, right under the title.
        assert paragraphs.index(said) < paragraphs.index("Borger")
        assert squeeze(said) in squeeze(plain(doc.pdf_body()))
    # A first version replaces nothing.
    assert not any("erstatter" in p for p in rendered(example_plan, "v1").docx_paragraphs())


def test_a_declined_offer_says_when_the_plan_is_offered_again(example_plan, rendered):
    """#9.20: the short document of a declined offer names the day to offer it again."""
    plan = copy.deepcopy(example_plan)
    plan.offer.decision, plan.offer.reason = "declined", "Vil klare sig selv."
    # A § 142 plan cannot be declined away (the example is one).
    plan.basis = "sel-141-2"
    plan.offer.offer_again = datetime.date(2027, 3, 1)
    doc = rendered(plan)
    paragraphs = doc.docx_paragraphs()
    assert paragraphs[paragraphs.index("Tilbydes igen") + 1] == "1. marts 2027"
    assert squeeze("Tilbydes igen") + squeeze("1. marts 2027") in squeeze(plain(doc.pdf_body()))
    # An accepted offer has nothing to offer again.
    plan.offer.decision = "accepted"
    assert "Tilbydes igen" not in rendered(plan, "accepted").docx_paragraphs()
