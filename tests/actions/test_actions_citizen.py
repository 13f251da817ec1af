"""Din plan as a use case: both kinds made before either is written, each written with its
record, never without it, and never into the data folder."""

from __future__ import annotations

import pytest
from actions_support import records
from pypdf import PdfReader

from planbro.actions.citizen import (
    default_citizen_name,
    make_citizen_copies,
    save_citizen_copy,
    write_citizen_copy,
)
from planbro.actions.documents import NotWritten
from planbro.actions.trail import Trail


class _FullLog:
    """An audit log that cannot take a record (a full disk)."""

    def begin(self, *args, **kwargs):
        raise OSError(28, "No space left on device")


def test_saving_the_copy_records_it_as_the_citizens(stored, trail, store, tmp_path):
    saved = save_citizen_copy(stored, "pdf", tmp_path / "din-plan.pdf", trail=trail, english=True)
    assert saved.kind == "pdf" and len(PdfReader(saved.path).pages) <= 2
    assert "Your plan" in PdfReader(saved.path).pages[0].extract_text()
    assert records(store)[-1] == ("render", stored.id, stored.version, "app", "din plan pdf")
    assert "ikke krypteret" in saved.message


def test_both_kinds_are_made_before_either_is_written(stored, trail, store, tmp_path):
    made = make_citizen_copies(stored, ["docx", "pdf"])
    assert set(made) == {"docx", "pdf"} and made["docx"][:2] == b"PK" and made["pdf"][:5] == b"%PDF-"
    write_citizen_copy(stored, "docx", made["docx"], tmp_path / "a.docx", trail)
    assert records(store)[-1][-1] == "din plan docx"


def test_a_copy_whose_record_cannot_be_written_is_not_written(stored, tmp_path):
    with pytest.raises(NotWritten) as raised:
        save_citizen_copy(stored, "pdf", tmp_path / "din-plan.pdf", trail=Trail(_FullLog()))
    assert raised.value.audit
    assert not (tmp_path / "din-plan.pdf").exists()


def test_a_copy_into_the_data_folder_is_refused(stored, trail, store):
    before = records(store)
    with pytest.raises(NotWritten) as raised:
        save_citizen_copy(stored, "docx", store.data_dir / "din-plan.docx", trail=trail)
    assert "datamappe" in raised.value.message()
    assert not (store.data_dir / "din-plan.docx").exists() and records(store) == before


def test_bad_municipality_settings_are_refused_before_anything_is_written(stored, trail, tmp_path):
    with pytest.raises(NotWritten) as raised:
        save_citizen_copy(stored, "pdf", tmp_path / "x.pdf", trail=trail,
                          municipality={"logo": str(tmp_path / "no-such-logo.png")})
    assert raised.value.message().startswith("Dokumentet blev ikke lavet:")
    assert not (tmp_path / "x.pdf").exists()


def test_the_default_name_has_no_cpr(stored):
    assert default_citizen_name(stored, "pdf") == \
        "Din plan Jonas Mikkelsen Østergaard 2026-11-02 v1 KLADDE.pdf"
