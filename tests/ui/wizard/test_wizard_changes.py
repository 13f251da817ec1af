"""Gennemgang at a revision shows "Ændringer siden version N (underskrevet <dato>)" with what
changed, as the plan stands in the wizard (#13); a first version shows no such section; the
documents saved from Gennemgang end with the same list unless Indstillinger leaves it out."""

from __future__ import annotations

import re
from datetime import date

from pypdf import PdfReader
from wizard_support import click

from planbro.settings import UserSettings

# The heading of the section at version 2 of the example, signed on 20 November 2026.
HEADING = "Ændringer siden version 1 (underskrevet 20. nov. 2026)"


def _revision(store, example_plan):
    """The example stored and signed; version 2 a draft with one sub-goal reached."""
    store.put(example_plan)
    store.sign(example_plan.id, date(2026, 11, 20))
    draft = store.revise(example_plan.id)
    draft.goals[0].subgoals[0].status = "achieved"
    return store.save(draft)


def _text(review) -> str:
    return review.browser.toPlainText()


def test_a_revision_shows_what_changed_since_the_signed_version(make_wizard, store,
                                                                 example_plan):
    wizard = make_wizard(_revision(store, example_plan), start_step="review")
    review = wizard.currentPage()
    text = _text(review)
    assert HEADING in text
    assert ("Delmålet «Jonas er skrevet op til en almen bolig via den boligsociale anvisning» "
            "er nu nået (var: i gang).") in text
    assert text.index("Mål og delmål") < text.index("er nu nået")
    assert review.changes is not None and review.changes.version == 1


def test_a_change_typed_in_the_wizard_is_listed_at_once(make_wizard, store, example_plan):
    wizard = make_wizard(_revision(store, example_plan), start_step="review")
    review = wizard.currentPage()
    assert "Formålet med indsatsen er ændret." not in _text(review)
    wizard.plan.purpose = "At Jonas bor i egen bolig."
    review.refresh()
    assert "Formålet med indsatsen er ændret." in _text(review)


def test_an_unchanged_revision_says_no_changes(make_wizard, store, example_plan):
    store.put(example_plan)
    store.sign(example_plan.id, date(2026, 11, 20))
    wizard = make_wizard(store.revise(example_plan.id), start_step="review")
    text = _text(wizard.currentPage())
    assert HEADING in text
    assert "Ingen ændringer." in text


def test_a_first_version_has_no_changes_section(make_wizard, store, example_plan):
    wizard = make_wizard(store.put(example_plan), start_step="review")
    review = wizard.currentPage()
    assert "Ændringer siden" not in _text(review)
    assert review.changes is None


def _saved_pdf(qtbot, wizard, dialogs, path) -> str:
    dialogs.queue("save_file", str(path))
    click(qtbot, wizard.currentPage().pdf_button)
    # Without spaces, line breaks and hyphens: a PDF line may break a word at a hyphen.
    return re.sub(r"[\s\-\u00ad]", "", "".join(p.extract_text() for p in PdfReader(str(path)).pages))


def test_the_pdf_saved_from_gennemgang_ends_with_the_changes(qtbot, make_wizard, store,
                                                             example_plan, dialogs, tmp_path):
    draft = _revision(store, example_plan)
    wizard = make_wizard(draft, start_step="review")
    text = _saved_pdf(qtbot, wizard, dialogs, tmp_path / "on.pdf")
    assert "Bilag:Ændringersidenversion1(underskrevet20.november2026)" in text
    off = make_wizard(draft, start_step="review",
                      settings=UserSettings(caseworker_name="Mette", changes_appendix=False))
    # The section stays on the page: only the document's appendix is a setting.
    assert HEADING in _text(off.currentPage())
    assert "Ændringersiden" not in _saved_pdf(qtbot, off, dialogs, tmp_path / "off.pdf")
