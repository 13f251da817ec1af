"""Saving and printing a plan's documents: the file, the audit record, the errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from actions_support import records
from docx import Document
from pypdf import PdfReader

from planbro.audit import AuditLog
from planbro.audit.verify import verify
from planbro.settings import UserSettings

from planbro.actions.documents import (
    NotPrinted,
    NotWritten,
    Printed,
    default_name,
    make_documents,
    municipality_of,
    print_plan,
    save_document,
    with_suffix,
    write_document,
)


def _pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_saving_a_word_document_writes_it_and_records_render_docx(stored, trail, store, tmp_path):
    saved = save_document(stored, "docx", tmp_path / "plan.docx", trail=trail)
    assert saved.path == tmp_path / "plan.docx" and saved.kind == "docx"
    assert "Jonas" in "\n".join(p.text for p in Document(str(saved.path)).paragraphs)
    assert records(store)[-1] == ("render", stored.id, stored.version, "app", "docx")
    assert saved.message.startswith(f"Gemt: {saved.path}\nFilen er ikke krypteret")


def test_a_pdf_carries_the_municipality_of_the_settings(stored, trail, tmp_path):
    settings = UserSettings(municipality_name="Sorø Kommune")
    saved = save_document(stored, "pdf", tmp_path / "plan.pdf", trail=trail,
                          municipality=municipality_of(settings))
    assert "Sorø Kommune" in _pdf_text(saved.path)


def test_a_document_that_cannot_be_written_raises_not_written_and_records_nothing(
        stored, trail, store, tmp_path):
    before = records(store)
    with pytest.raises(NotWritten) as raised:
        save_document(stored, "pdf", tmp_path / "no such folder" / "plan.pdf", trail=trail)
    assert isinstance(raised.value.cause, OSError)
    assert raised.value.message() == "Mappen {folder} findes ikke.".format(
        folder=tmp_path / "no such folder")
    assert raised.value.reason()
    assert records(store) == before


def test_a_bad_logo_is_a_danish_problem_and_no_file(stored, trail, tmp_path):
    target = tmp_path / "plan.pdf"
    with pytest.raises(NotWritten) as raised:
        save_document(stored, "pdf", target, trail=trail,
                      municipality={"logo": str(tmp_path / "missing.png")})
    assert raised.value.message().startswith("Dokumentet blev ikke lavet:\n• ")
    assert "logo" in raised.value.reason()
    assert not target.exists()


def test_documents_are_all_made_before_any_is_written(stored, trail, store, tmp_path):
    data = make_documents(stored, ["docx", "pdf"])
    assert set(data) == {"docx", "pdf"} and data["pdf"].startswith(b"%PDF")
    out = tmp_path / "out"
    out.mkdir()
    assert list(out.iterdir()) == []
    saved = write_document(stored, "pdf", data["pdf"], out / "a.pdf", trail)
    assert saved.path.read_bytes() == data["pdf"]
    assert records(store)[-1][0::4] == ("render", "pdf")


def test_printing_hands_the_pdf_to_the_printer_and_records_print(stored, trail, store):
    seen = []

    def ask(pdf: bytes):
        seen.append(pdf[:4])
        # The dialog is answered: no record yet (the log was only tried, and cut back).
        seen.append(records(store)[-1][0])
        return lambda: seen.append(records(store)[-1][0]) or True

    store.audit.set_purpose("opfølgning")
    last = records(store)[-1][0]
    printed = print_plan(stored, ask, trail=trail)
    assert printed == Printed(True) and printed.message == "Handleplanen er sendt til printeren."
    # While the pages are painted, the print's record is written already.
    assert seen == [b"%PDF", last, "print"]
    assert records(store)[-1] == ("print", stored.id, stored.version, "app", "")
    assert AuditLog(store.data_dir).read().records[-1]["purpose"] == "opfølgning"


@pytest.mark.parametrize("answer", ["cancelled", "failed", "raised"])
def test_a_print_that_did_not_happen_is_not_recorded(stored, trail, store, answer):
    kept = []
    before = records(store)

    def paint() -> bool:
        if answer == "raised":
            raise RuntimeError("the printer went away")
        return False

    def ask(pdf: bytes):
        kept.append(pdf)
        return None if answer == "cancelled" else paint

    if answer == "raised":
        with pytest.raises(RuntimeError):
            print_plan(stored, ask, trail=trail)
    else:
        printed = print_plan(stored, ask, trail=trail)
        assert printed.printed is False and printed.message == ""
    assert kept[0].startswith(b"%PDF")
    assert records(store) == before
    assert verify(store.data_dir / "audit").finding is None


def test_a_print_that_cannot_be_logged_is_refused_before_the_print_dialog(
        stored, trail, store, tmp_path):
    [month] = (store.data_dir / "audit").glob("*.jsonl")
    month.rename(tmp_path / "month.jsonl")
    month.mkdir()  # the log cannot be opened
    asked = []
    with pytest.raises(NotPrinted) as raised:
        print_plan(stored, lambda pdf: asked.append(pdf) or (lambda: True), trail=trail)
    assert asked == []
    assert raised.value.audit and isinstance(raised.value, NotWritten)
    assert raised.value.message().startswith(
        "Handleplanen blev ikke udskrevet, fordi der ikke kan skrives i logbogen")
    assert "printeren" in raised.value.reason()


def test_settings_without_a_municipality_leave_the_defaults():
    assert municipality_of(None) is None
    assert municipality_of(UserSettings()) is None
    assert municipality_of(UserSettings(municipality_name="Sorø Kommune",
                                        municipality_address="")) == {"name": "Sorø Kommune"}


def test_a_chosen_file_gets_the_kind_of_its_document(stored):
    assert with_suffix("/tmp/plan", "docx") == Path("/tmp/plan.docx")
    assert with_suffix("/tmp/plan.PDF", "pdf") == Path("/tmp/plan.PDF")
    assert default_name(stored, "pdf").endswith(".pdf")
    assert stored.citizen.cpr not in default_name(stored, "docx")


def test_printing_writes_no_file_anywhere(stored, trail, tmp_path, monkeypatch):
    """#11: the PDF of a print holds the whole plan; it is handed to the printer from
    memory, so no plaintext copy lands in the system's temporary folder (or any other)."""
    import builtins
    import io
    import os
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    opened_for_writing = []
    real_open, real_os_open = builtins.open, os.open

    def watch_open(file, mode="r", *args, **kwargs):
        # A descriptor (os.fdopen) was opened by os.open, which is watched.
        if not isinstance(file, int) and any(flag in mode for flag in "wax+"):
            opened_for_writing.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def watch_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            opened_for_writing.append(str(path))
        return real_os_open(path, flags, *args, **kwargs)

    real_mkdir = os.mkdir

    def watch_mkdir(path, *args, **kwargs):
        opened_for_writing.append(str(path))
        return real_mkdir(path, *args, **kwargs)

    data_folder = trail.data_folder()
    monkeypatch.setattr(builtins, "open", watch_open)
    # Path.write_bytes and friends open through io.open.
    monkeypatch.setattr(io, "open", watch_open)
    monkeypatch.setattr(os, "open", watch_os_open)
    monkeypatch.setattr(os, "mkdir", watch_mkdir)
    printed = print_plan(stored, lambda pdf: (lambda: pdf.startswith(b"%PDF")), trail=trail)
    monkeypatch.undo()
    assert printed.printed
    assert list(temp.iterdir()) == []
    # Only the audit log (its record, its lock and head) was written to.
    assert opened_for_writing
    assert [p for p in opened_for_writing if not audit_file(Path(p), data_folder)] == []


def audit_file(path: Path, data_folder: Path) -> bool:
    """Whether `path` is one of the audit log's files (its month files, lock and head, and
    their temporary files) in the data folder."""
    return path.is_relative_to(data_folder) and any(
        "audit" in part for part in path.relative_to(data_folder).parts)
