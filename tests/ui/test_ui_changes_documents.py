"""The caseload's Word document of a revision ends with what changed since the signed version,
as Gennemgang's does (#13), unless Indstillinger leaves it out."""

from docx import Document
from ui_support import TODAY


def _docx_text(path) -> str:
    return " ".join(" ".join(p.text for p in Document(str(path)).paragraphs).split())


def test_the_caseloads_word_document_of_a_revision_ends_with_the_changes(
        make_window, add_plan, store, dialogs, tmp_path):
    plan = add_plan("Anna Holm", status="signed")
    draft = store.revise(plan.id)
    draft.purpose = "At Anna bor i egen bolig."
    store.save(draft)
    window = make_window()
    assert window.select_plan(plan.id)
    dialogs.queue("save_file", str(tmp_path / "on.docx"))
    window.plan_actions.actions["word"].trigger()
    text = _docx_text(tmp_path / "on.docx")
    signed = window.store.get(plan.id, 1).signatures.signed_on()
    assert signed is not None and signed < TODAY
    assert "Bilag: Ændringer siden version 1 (underskrevet" in text
    assert text.endswith("Andre dele af planen • Formålet med indsatsen er ændret.")
    window.settings.changes_appendix = False
    dialogs.queue("save_file", str(tmp_path / "off.docx"))
    window.plan_actions.actions["word"].trigger()
    assert "Ændringer siden" not in _docx_text(tmp_path / "off.docx")
