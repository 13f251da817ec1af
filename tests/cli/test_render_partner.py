"""`planbro render ID --for PARTNER`: the partner's extract (#13)."""

from __future__ import annotations

import copy

import docx
from pypdf import PdfReader

from planbro.exchange import write_plan_file

from planbro.audit import AuditLog
from planbro.storage import PlanStore, default_data_dir

from planbro.cli import main


def _made(folder):
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def _stored(example_plan, **changes):
    plan = copy.deepcopy(example_plan)
    for change in changes.values():
        change(plan)
    with PlanStore(default_data_dir()) as store:
        store.put(plan)
    return plan


def test_both_formats_for_a_partner_named_by_the_beginning_of_its_organisation(
        example_plan, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _stored(example_plan)
    assert main(["render", example_plan.id[:8], "--for", "forsorgs"]) == 0
    names = _made(tmp_path)
    assert len(names) == 2 and all(n.startswith("Udskrift Jonas Mikkelsen Østergaard 20") for n in names)
    assert [n.rsplit(" til ", 1)[1] for n in names] == ["Kim Jeppesen.docx", "Kim Jeppesen.pdf"]
    printed = capsys.readouterr()
    assert printed.out.count("Skrev") == 2 and "ikke krypteret" in printed.err
    assert "120379" not in printed.out + printed.err
    pdf = next(tmp_path.glob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Udskrift til Kim Jeppesen" in text and "120379-xxxx" in text
    assert "hashforbrug" not in text.lower() and "Lægehuset" not in text
    body = "\n".join(p.text for p in docx.Document(next(tmp_path.glob("*.docx"))).paragraphs)
    assert "Udskrift til Kim Jeppesen" in body
    records = [r for r in AuditLog(default_data_dir()).read().records if r["action"] == "render"]
    assert [r["detail"] for r in records] == [
        f"udskrift {kind} til samarbejdspart 3: formål, 2 indsatser, forventet varighed, boform"
        for kind in ("docx", "pdf")]
    assert {r["purpose"] for r in records} == {"sagsbehandling"} and {r["via"] for r in records} == {"cli"}


def test_one_format_into_a_named_file_from_a_plan_file(example_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(example_path), "--for", "Susanne Berg", "--pdf", "ud.pdf"]) == 0
    assert _made(tmp_path) == ["ud.pdf"]
    assert "Udskrift til Susanne Berg" in PdfReader(tmp_path / "ud.pdf").pages[0].extract_text()


def test_an_ambiguous_or_unknown_partner_is_refused_naming_the_candidates(
        example_plan, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _stored(example_plan)
    # "Odense" begins no name, and "Odense Kommune" is inside two organisations: neither is a beginning.
    assert main(["render", example_plan.id[:8], "--for", "Odense"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Ingen af planens samarbejdsparter hedder «Odense»")
    assert "Ali Hassan (CTI-teamet, Odense Kommune), Susanne Berg (Rusmiddelcenteret, Odense " \
           "Kommune) og Kim Jeppesen (Forsorgshjemmet Skovbrynet)" in err
    plan = copy.deepcopy(example_plan)
    plan.partners[1].name = "Kim Berg"
    path = tmp_path / "plan.json"
    write_plan_file(plan, path)
    assert main(["render", str(path), "--for", "kim"]) == 2
    err = capsys.readouterr().err
    assert "«kim» passer på mere end én" in err and "Kim Berg" in err and "Kim Jeppesen" in err
    assert _made(tmp_path) == ["plan.json"]


def test_a_partner_the_plan_may_not_be_shared_with_is_refused_with_the_reason(
        example_plan, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    plan = copy.deepcopy(example_plan)
    plan.partners[0].consent.sections = []
    path = tmp_path / "plan.json"
    write_plan_file(plan, path)
    assert main(["render", str(path), "--for", "Ali"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Samtykket til Ali Hassan (CTI-teamet, Odense Kommune) angiver ikke, "
                          "hvilke dele af planen der må deles")
    assert _made(tmp_path) == ["plan.json"]


def test_for_with_citizen_is_refused(example_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(example_path), "--for", "Kim", "--citizen"]) == 2
    assert "--for" in capsys.readouterr().err and _made(tmp_path) == []


def test_never_into_the_data_folder(example_plan, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _stored(example_plan)
    inside = default_data_dir() / "udskrift.pdf"
    assert main(["render", example_plan.id[:8], "--for", "Kim", "--pdf", str(inside)]) == 2
    assert "datamappe" in capsys.readouterr().err and not inside.exists()
