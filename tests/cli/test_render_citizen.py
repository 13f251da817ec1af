"""`planbro render ID --citizen [--english]`: Din plan, the citizen's own short copy."""

from __future__ import annotations

import copy

from pypdf import PdfReader

from planbro.audit import AuditLog
from planbro.documents import citizen_wording as w
from planbro.storage import PlanStore, default_data_dir

from planbro.cli import main

# The example's copy's default name (a draft: "KLADDE"); never its CPR number.
STEM = "Din plan Jonas Mikkelsen Østergaard 2026-11-02 v1 KLADDE"


def _details() -> list[tuple[str, str]]:
    return [(r["action"], r["detail"]) for r in AuditLog(default_data_dir()).read().records
            if r["action"] == "render"]


def test_a_file_gives_both_formats_under_names_without_cpr(example_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(example_path), "--citizen"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert names == [f"{STEM}.docx", f"{STEM}.pdf"]
    printed = capsys.readouterr()
    assert printed.out.count("Skrev") == 2 and "120379" not in printed.out + printed.err
    assert "ikke krypteret" in printed.err
    reader = PdfReader(tmp_path / f"{STEM}.pdf")
    assert len(reader.pages) <= 2
    assert w.H_WISH.da in reader.pages[0].extract_text()


def test_english_and_one_format_only(example_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(example_path), "--citizen", "--english", "--pdf", "."]) == 0
    [made] = [p for p in tmp_path.iterdir() if p.is_file()]
    assert made.name == f"{STEM} engelsk.pdf"
    text = PdfReader(made).pages[0].extract_text()
    assert w.H_WISH.en in text and w.H_WISH.da not in text


def test_english_without_citizen_is_refused_and_writes_nothing(example_path, tmp_path, monkeypatch,
                                                               capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(example_path), "--english"]) == 2
    assert "--citizen" in capsys.readouterr().err
    assert [p for p in tmp_path.iterdir() if p.is_file()] == []


def test_a_stored_plan_records_each_copy_as_the_citizens(example_plan, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with PlanStore(default_data_dir()) as store:
        store.put(copy.deepcopy(example_plan))
    assert main(["render", example_plan.id[:8], "--citizen", "--docx", "a.docx"]) == 0
    assert main(["render", example_plan.id[:8], "--citizen", "--pdf", "a.pdf"]) == 0
    assert _details() == [("render", "din plan docx"), ("render", "din plan pdf")]
    assert (tmp_path / "a.docx").stat().st_size > 5000


def test_a_copy_into_the_data_folder_is_refused(example_plan, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with PlanStore(default_data_dir()) as store:
        store.put(copy.deepcopy(example_plan))
    folder = default_data_dir()
    before = sorted(folder.rglob("*"))
    assert main(["render", example_plan.id, "--citizen", "--docx", str(tmp_path / "a.docx"),
                 "--pdf", str(folder)]) == 2
    assert "datamappe" in capsys.readouterr().err
    assert not (tmp_path / "a.docx").exists()
    assert sorted(folder.rglob("*")) == before
