"""What changed since the signed version (#13): the example plan stored, signed and revised,
then changed as a caseworker would at a follow-up; which version is compared with; the
appendix in both formats as Indstillinger says."""

from __future__ import annotations

import re
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from planbro.model import Service, ValidationError

from planbro.settings import UserSettings

from planbro.actions.changes import (
    changes_since_signed,
    compare_versions,
    document_changes,
    signed_before,
)
from planbro.actions.documents import make_documents

# The day version 1 was signed.
SIGNED = date(2026, 11, 20)
# What the revision below changes, in the list's words and order.
# (In the new version's order: the goals were put in the opposite order.)
EXPECTED = [
    "Fristen for delmålet «Afdragsordning på gælden til forsyningsselskabet aftalt» er "
    "flyttet fra 28. februar 2027 til 31. marts 2027.",
    "Delmålet «Budget lagt sammen med Jonas og økonomisk rådgiver» er nu i gang "
    "(var: ikke startet).",
    "Målet «Jonas er startet i ambulant stofmisbrugsbehandling efter § 101 og møder op til "
    "mindst 3 ud af 4 aftaler om måneden» hedder nu «Jonas går i ambulant "
    "stofmisbrugsbehandling hver uge».",
    "Delmålet «Jonas har haft en indledende samtale i Rusmiddelcenteret» er nu nået "
    "(var: ikke startet).",
    "Ny indsats: «Netværksmøde med søsteren» efter Serviceloven § 85, udført af "
    "CTI-teamet, Odense Kommune, fra den 1. marts 2027.",
    "Samarbejdsparten Kim Jeppesen (Forsorgshjemmet Skovbrynet) er fjernet.",
]


def _revise_and_change(store, plan_id: str):
    """Version 2 of the signed example: what a follow-up brings, saved as a draft."""
    store.sign(plan_id, SIGNED)
    draft = store.revise(plan_id)
    behandling = draft.goals[1]
    behandling.title = "Jonas går i ambulant stofmisbrugsbehandling hver uge"
    behandling.subgoals[0].status = "achieved"
    # Moved to the end of its list: matched by what it says, not where it stands.
    oekonomi = draft.goals[2]
    oekonomi.subgoals.reverse()
    oekonomi.subgoals[1].status = "in_progress"
    oekonomi.subgoals[0].deadline = date(2027, 3, 31)
    # Goals are matched by their ids: a new order is no change.
    draft.goals.reverse()
    draft.services.append(Service(title="Netværksmøde med søsteren",
                                  legal_basis="Serviceloven § 85",
                                  provider="CTI-teamet, Odense Kommune",
                                  start=date(2027, 3, 1), goal_ids=["g-bolig"]))
    draft.partners = [p for p in draft.partners if p.name != "Kim Jeppesen"]
    return store.save(draft)


def test_the_revised_example_says_what_changed_in_plain_words(store, stored):
    draft = _revise_and_change(store, stored.id)
    found = changes_since_signed(store, draft)
    assert found is not None
    assert (found.version, found.signed, found.to_version) == (1, SIGNED, 2)
    assert found.heading == "Ændringer siden version 1 (underskrevet 20. november 2026)"
    assert found.texts() == EXPECTED
    assert [c.part for c in found.changes] == ["goals"] * 4 + ["services", "partners"]


def test_an_unchanged_revision_has_no_changes(store, stored):
    store.sign(stored.id, SIGNED)
    draft = store.revise(stored.id)
    found = changes_since_signed(store, draft)
    assert found is not None and found.changes == ()
    assert found.texts() == ["Ingen ændringer."]


def test_a_first_version_and_a_plan_not_yet_stored_have_nothing_to_compare_with(store, stored,
                                                                              example_plan):
    assert changes_since_signed(store, stored) is None
    example_plan.id = "0f0e0d0c-0b0a-4909-8807-060504030201"
    assert changes_since_signed(store, example_plan) is None


def test_the_newest_signed_version_before_is_the_one(store, stored):
    _revise_and_change(store, stored.id)
    store.sign(stored.id, date(2026, 12, 1))
    third = store.revise(stored.id)
    assert signed_before(store, stored.id, 3).version == 2
    assert signed_before(store, stored.id, 2).version == 1
    assert signed_before(store, stored.id, 1) is None
    found = changes_since_signed(store, third)
    assert (found.version, found.signed, found.changes) == (2, date(2026, 12, 1), ())


def test_any_two_versions_compare_and_the_defaults_are_newest_against_signed(store, stored):
    _revise_and_change(store, stored.id)
    assert compare_versions(store, stored.id).texts() == EXPECTED
    assert compare_versions(store, stored.id, 1, 2).texts() == EXPECTED
    assert compare_versions(store, stored.id, to_version=2).version == 1


@pytest.mark.parametrize(("versions", "field", "reason"), [
    ((3, None), "from", "the plan has no version 3; it has versions 1 to 2"),
    ((None, 5), "to", "the plan has no version 5; it has versions 1 to 2"),
    ((2, 2), "from", "version 2 is not before version 2; give an earlier version"),
    ((2, 1), "from", "version 2 is not before version 1; give an earlier version"),
    ((None, 1), "from", "version 1 has no signed version before it to compare with; give the "
                        "version to compare with"),
])
def test_a_version_that_cannot_be_compared_is_refused_naming_the_option(
        store, stored, versions, field, reason):
    from planbro.translation import set_language

    _revise_and_change(store, stored.id)
    set_language("en")
    with pytest.raises(ValidationError) as refused:
        compare_versions(store, stored.id, *versions)
    [problem] = refused.value.problems
    assert (problem.field, problem.reason) == (field, reason)


def flat(text: str) -> str:
    """`text` without spaces, line breaks and hyphens: a PDF's lines may break a word at a
    hyphen, where extraction gives "Rusmiddel-" and "centeret"."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def _pdf_text(data: bytes) -> str:
    import io

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    import io

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_document_ends_with_the_changes_when_the_setting_is_on(store, stored, kind):
    draft = _revise_and_change(store, stored.id)
    changes = document_changes(store, draft, UserSettings())
    data = make_documents(draft, [kind], changes=changes)[kind]
    text = flat(_pdf_text(data) if kind == "pdf" else _docx_text(data))
    heading = flat("Bilag: Ændringer siden version 1 (underskrevet 20. november 2026)")
    assert heading in text
    after = text[text.index(heading):]
    # The signatures come before the appendix: it is the document's last part.
    assert "Underskrifter" not in after
    for sentence in ("Samarbejdsparten Kim Jeppesen (Forsorgshjemmet Skovbrynet) er fjernet.",
                     "Delmålet «Jonas har haft en indledende samtale i Rusmiddelcenteret» er "
                     "nu nået (var: ikke startet)."):
        assert flat(sentence) in after


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_no_appendix_when_the_setting_is_off_or_there_is_no_signed_version(store, stored, kind):
    assert document_changes(store, stored, UserSettings()) is None
    draft = _revise_and_change(store, stored.id)
    off = UserSettings(changes_appendix=False)
    assert document_changes(store, draft, off) is None
    data = make_documents(draft, [kind], changes=document_changes(store, draft, off))[kind]
    text = flat(_pdf_text(data) if kind == "pdf" else _docx_text(data))
    assert "Ændringersiden" not in text and "Bilag" not in text
    # Without settings yet (a first start), the default holds: on.
    assert document_changes(store, draft, None) is not None


def test_a_follow_up_that_changes_the_plan_compares_its_new_draft_with_the_signed_version(
        store, stored):
    from planbro.actions.followup import FollowUpAnswer, record_follow_up

    store.sign(stored.id, SIGNED)
    done = record_follow_up(store, stored.id, FollowUpAnswer(
        date(2027, 2, 1), "change", "Jonas vil hellere have en bolig i Vollsmose.",
        date(2027, 5, 1)), today=date(2027, 2, 1))
    assert done.new_version
    draft = done.plan
    draft.purpose = "At Jonas flytter i egen bolig i Vollsmose."
    found = changes_since_signed(store, draft)
    # The follow-up is recorded on the signed version too: only the new purpose differs.
    assert (found.version, found.to_version) == (1, 2)
    assert found.texts() == ["Formålet med indsatsen er ændret."]
