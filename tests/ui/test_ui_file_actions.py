"""Files from the caseload: Word, PDF, print, import and export."""

import json

from docx import Document
from pypdf import PdfReader
from ui_support import PLAINTEXT_NOTE

from planbro.exchange import dumps_plan, read_plan_file
from planbro.model.plan import new_id

from planbro.ui.common import printing


def select(window, plan):
    assert window.select_plan(plan.id)


def test_save_as_word_writes_the_document_with_a_safe_default_name(
        make_window, add_plan, dialogs, tmp_path):
    plan = add_plan("Anna Holm", cpr="010170-1234")
    window = make_window()
    select(window, plan)
    target = tmp_path / "out" / "plan"
    target.parent.mkdir()
    dialogs.queue("save_file", str(target))
    window.plan_actions.actions["word"].trigger()
    [asked] = dialogs.calls_of("save_file")
    suggested = asked.extra["suggested"]
    assert suggested.endswith(".docx") and "Anna Holm" in suggested
    assert "010170" not in suggested and "1234" not in suggested
    assert "*.docx" in asked.extra["filter"]
    written = target.with_name("plan.docx")
    document = Document(str(written))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "Anna Holm" in text
    assert "Gemt" in window.statusBar().currentMessage()
    assert dialogs.calls_of("warn") == []


def test_save_as_pdf_writes_the_document_with_the_municipality(
        make_window, add_plan, dialogs, tmp_path):
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    target = tmp_path / "Handleplan.pdf"
    dialogs.queue("save_file", str(target))
    window.plan_actions.actions["pdf"].trigger()
    text = "".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "Anna Holm" in text
    assert "Holbæk Kommune" in text
    assert dialogs.calls_of("save_file")[0].extra["suggested"].endswith(".pdf")


def test_cancelled_save_writes_nothing(make_window, add_plan, dialogs, tmp_path):
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    dialogs.queue("save_file", None)
    window.plan_actions.actions["pdf"].trigger()
    assert list(tmp_path.glob("**/*.pdf")) == []
    assert dialogs.calls_of("warn") == []


def test_print_without_a_printer_says_so_in_danish(make_window, add_plan, dialogs, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: [])
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    window.plan_actions.actions["print"].trigger()
    [warning] = dialogs.calls_of("warn")
    assert warning.title == "Udskriv"
    assert "ikke installeret nogen printer" in warning.text


def test_print_sends_the_plans_pdf_to_the_printer(make_window, add_plan, dialogs, monkeypatch,
                                                  tmp_path):
    monkeypatch.setattr(printing, "available_printers", lambda: ["printer"])
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    printed = tmp_path / "printed.pdf"
    dialogs.queue("print_setup", str(printed))
    window.plan_actions.actions["print"].trigger()
    [setup] = dialogs.calls_of("print_setup")
    assert setup.extra["pages"] >= 1
    assert len(PdfReader(str(printed)).pages) == setup.extra["pages"]
    assert "printeren" in window.statusBar().currentMessage()


def test_export_writes_a_planbro_plan_file(make_window, add_plan, dialogs, tmp_path):
    plan = add_plan("Anna Holm", cpr="010170-1234")
    window = make_window()
    select(window, plan)
    dialogs.queue("save_file", str(tmp_path / "anna"))
    window.plan_actions.actions["export"].trigger()
    written = tmp_path / "anna.json"
    assert read_plan_file(written) == plan
    assert json.loads(written.read_text(encoding="utf-8"))["citizen"]["cpr"] == "010170-1234"
    assert "010170" not in dialogs.calls_of("save_file")[0].extra["suggested"]


def test_import_good_file_stores_and_selects_it(make_window, example_plan, store, dialogs,
                                               tmp_path):
    window = make_window()
    example_plan.id = new_id()
    example_plan.citizen.name = "Ida Importeret"
    path = tmp_path / "ida.json"
    path.write_text(dumps_plan(example_plan), encoding="utf-8")
    dialogs.queue("open_files", [str(path)])
    window.plan_actions.actions["import"].trigger()
    assert store.get(example_plan.id).citizen.name == "Ida Importeret"
    assert window.selected_summary().id == example_plan.id
    assert "1 handleplan er importeret" in window.statusBar().currentMessage()
    assert dialogs.calls_of("warn") == []


def test_import_bad_file_names_the_field_in_danish_and_keeps_the_good_one(
        make_window, example_plan, store, dialogs, tmp_path):
    window = make_window()
    good = tmp_path / "good.json"
    example_plan.id = new_id()
    good.write_text(dumps_plan(example_plan), encoding="utf-8")
    data = json.loads(dumps_plan(example_plan))
    data["id"] = new_id()
    data["offer"]["decision"] = "maybe"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    data["offer"]["decision"] = "accepted"
    data["citizen"]["cpr"] = "320179-1234"
    bad_cpr = tmp_path / "bad_cpr.json"
    bad_cpr.write_text(json.dumps(data), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    dialogs.queue("open_files", [str(good), str(bad), str(bad_cpr), str(broken)])
    window.plan_actions.actions["import"].trigger()
    assert [s.id for s in store.summaries()] == [example_plan.id]
    [warning] = dialogs.calls_of("warn")
    assert "bad.json blev ikke importeret" in warning.text
    assert "offer.decision: «maybe» er ikke tilladt" in warning.text
    assert "bad_cpr.json blev ikke importeret" in warning.text
    assert "citizen.cpr" in warning.text
    assert "broken.json blev ikke importeret" in warning.text
    assert "good.json" not in warning.text


def test_import_of_a_changed_signed_version_is_refused(make_window, add_plan, store, dialogs,
                                                      tmp_path):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    plan.purpose = "Noget helt andet"
    path = tmp_path / "changed.json"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    dialogs.queue("open_files", [str(path)])
    window.plan_actions.actions["import"].trigger()
    [warning] = dialogs.calls_of("warn")
    assert "changed.json blev ikke importeret" in warning.text
    assert store.get(plan.id).purpose != "Noget helt andet"


def test_a_saved_document_or_export_is_said_to_be_plaintext(make_window, add_plan, dialogs,
                                                            tmp_path):
    """#11: what the caseload writes leaves the encrypted data folder as plaintext; a
    message says so each time (the status bar keeps only where it went: it would cut the
    note off)."""
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    written = [tmp_path / "plan.docx", tmp_path / "plan.pdf", tmp_path / "anna.json"]
    dialogs.queue("save_file", *map(str, written))
    for action, path, done in zip(("word", "pdf", "export"), written,
                                  ("Gemt", "Gemt", "Eksporteret")):
        window.plan_actions.actions[action].trigger()
        assert path.is_file()
        assert window.statusBar().currentMessage() == f"{done}: {path}"
        told = dialogs.calls_of("info")[-1]
        assert told.text == f"{done}: {path}\n{PLAINTEXT_NOTE}"
    assert [call.title for call in dialogs.calls_of("info")] == [
        "Gem som Word", "Gem som PDF", "Eksportér fil"]
    assert dialogs.calls_of("warn") == []


def test_a_document_or_export_into_the_data_folder_is_refused(make_window, add_plan, store,
                                                              dialogs):
    """#11: a plaintext file has no place beside the sealed plans; nothing is written."""
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    folder = store.data_dir
    before = sorted(folder.rglob("*"))
    targets = [folder / "plan.docx", folder / "cases" / "plan.pdf", folder / "anna.json"]
    dialogs.queue("save_file", *map(str, targets))
    for action in ("word", "pdf", "export"):
        window.plan_actions.actions[action].trigger()
    warnings = dialogs.calls_of("warn")
    assert [w.text for w in warnings] == [
        f"{path} ligger i Planbros datamappe, som kun rummer planernes egne filer. "
        "Vælg et sted uden for datamappen." for path in targets]
    assert dialogs.calls_of("info") == []
    assert sorted(folder.rglob("*")) == before


def test_printing_leaves_no_file_of_the_plan_anywhere(make_window, add_plan, store, dialogs,
                                                     monkeypatch, tmp_path):
    """#11: the plan's PDF goes to the printer from memory (PDFium reads its bytes): no
    temporary file is made, in the system's temp folder or elsewhere, only what the
    printer (here a file standing in for it) was sent."""
    import tempfile

    monkeypatch.setattr(printing, "available_printers", lambda: ["printer"])
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    made = []
    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile",
                 "SpooledTemporaryFile", "TemporaryDirectory"):
        real = getattr(tempfile, name)
        monkeypatch.setattr(tempfile, name, lambda *a, _name=name, _real=real, **k:
                            made.append((_name, a, k)) or _real(*a, **k))
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    printed = tmp_path / "printer" / "printed.pdf"
    printed.parent.mkdir()
    dialogs.queue("print_setup", str(printed))
    window.plan_actions.actions["print"].trigger()
    assert "printeren" in window.statusBar().currentMessage()
    assert list(temp.iterdir()) == []
    assert made == []
    assert {p for p in tmp_path.rglob("*") if p.is_file()} - before == {printed}
