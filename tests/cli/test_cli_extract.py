"""`planbro audit --extract ID --out FILE.pdf`: the citizen's access request (GDPR art. 15), also
for a plan purged after journalisation, from the records it left in the log."""

from __future__ import annotations

import json
import platform
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from planbro.model.dates import local_time

from planbro.audit import AuditLog
from planbro.settings import UserSettings, save_settings
from planbro.storage import default_data_dir

from planbro.cli import main

# The shared PDF/A checker, as the document tests find it.
SHARED_TOOLS = next((p for p in (Path(__file__).resolve().parents[3] / "shared" / "tools",
                                 Path("/work/shared/tools")) if (p / "pdfa_check.py").is_file()),
                    Path("/work/shared/tools"))
EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
# The login every record of these tests carries: it must never reach the extract.
LOGIN = "mekj-login"


@pytest.fixture(autouse=True)
def login(monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: LOGIN)


@pytest.fixture
def used(example_path, tmp_path, capsys):
    """The example imported, shown, rendered as PDF and exported: four records."""
    save_settings(UserSettings(municipality_name="Aarhus Kommune",
                               caseworker_unit="Hjemløseenheden", caseworker_name="Mette Lund"))
    assert main(["import", str(example_path)]) == 0
    assert main(["show", EXAMPLE_ID[:8]]) == 0
    assert main(["render", EXAMPLE_ID, "--pdf", str(tmp_path / "plan.pdf")]) == 0
    assert main(["export", "--purpose", "sagsbehandling", EXAMPLE_ID, "--out", str(tmp_path / "plan.json")]) == 0
    capsys.readouterr()
    return tmp_path


def records() -> list[dict]:
    return AuditLog(default_data_dir()).read().records


def pdf_text(path: Path) -> str:
    """The PDF's text without any whitespace (table cells wrap their lines)."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", "", text)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_extract_lists_the_plans_uses_without_who_did_them(used, capsys):
    out = used / "aktindsigt.pdf"
    before = len(records())
    assert main(["audit", "--extract", EXAMPLE_ID[:8], "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert str(out) in printed.out
    # The terminal names the file, never the citizen.
    assert "Jonas" not in printed.out + printed.err
    text = pdf_text(out)
    for words in ("Aktindsigt i logbogen", "Jonas Mikkelsen Østergaard", "120379-xxxx",
                  "Handleplanen blev indlæst fra en fil", "Handleplanen blev åbnet og læst",
                  "Handleplanen blev gemt som PDF-dokument",
                  "Handleplanen blev gemt i en fil til overførsel", "Aarhus Kommune",
                  "Hjemløseenheden", "ikke oplyst"):
        assert squeezed(words) in text, words
    # No employee: neither the login, the computer nor the caseworker's name.
    for hidden in (LOGIN, platform.node(), "Mette Lund", "120379-1235"):
        assert squeezed(hidden) not in text, hidden
    # The import hands nothing out and has no purpose; show, render and export have theirs.
    assert text.count("ikkeoplyst") == 1 and text.count("sagsbehandling") == 3
    # Made once, and recorded once, as the last record.
    assert len(records()) == before + 1
    last = records()[-1]
    assert (last["action"], last["plan"], last["via"], last["detail"]) == (
        "extract", EXAMPLE_ID, "cli", "pdf")


def test_the_extract_is_pdfa_and_private(used):
    out = used / "aktindsigt.pdf"
    assert main(["audit", "--extract", EXAMPLE_ID, "--out", str(out)]) == 0
    check = subprocess.run([sys.executable, str(SHARED_TOOLS / "pdfa_check.py"), str(out)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert stat.S_IMODE(out.stat().st_mode) & 0o077 == 0


def test_a_second_extract_lists_the_first_and_the_purpose_when_a_record_has_one(used):
    # A record with a purpose (as the app writes once the caseworker chose one).
    log = AuditLog(default_data_dir())
    [path] = log.files()
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[1])
    assert line["action"] == "view"
    from planbro.actions.extract import extract_rows

    rows = extract_rows([{**line, "purpose": "møde med borgeren"}], EXAMPLE_ID)
    assert [r.purpose for r in rows] == ["møde med borgeren"]
    assert main(["audit", "--extract", EXAMPLE_ID, "--out", str(used / "1.pdf")]) == 0
    assert main(["audit", "--extract", EXAMPLE_ID, "--out", str(used / "2.pdf")]) == 0
    assert "aktindsigt" not in pdf_text(used / "1.pdf")
    assert squeezed("Der blev lavet en udskrift af logbogen til aktindsigt") in pdf_text(
        used / "2.pdf")


def test_a_folder_gets_the_default_name_without_name_or_cpr(used, capsys):
    folder = used / "ud"
    folder.mkdir()
    assert main(["audit", "--extract", EXAMPLE_ID, "--out", str(folder)]) == 0
    [made] = folder.iterdir()
    assert made.name.startswith("Aktindsigt i logbogen ") and made.name.endswith(
        f" {EXAMPLE_ID[:8]}.pdf")
    assert "Jonas" not in made.name and "120379" not in made.name


@pytest.mark.parametrize("extra, named", [
    (["--plan", EXAMPLE_ID], "--plan"), (["--json"], "--json"), (["--verify"], "--verify"),
    (["--since", "01-01-2026"], "--since")])
def test_extract_refuses_the_table_options(used, capsys, extra, named):
    before = len(records())
    assert main(["audit", "--extract", EXAMPLE_ID, "--out", str(used / "x.pdf"), *extra]) == 2
    assert named in capsys.readouterr().err
    assert not (used / "x.pdf").exists() and len(records()) == before


@pytest.mark.parametrize("args, named", [
    (["--extract", "ffffffff"], "ffffffff"),
    (["--extract", EXAMPLE_ID, "--out", "{tmp}/nowhere/x.pdf"], "findes ikke"),
    (["--extract", EXAMPLE_ID, "--out", "{tmp}/x.txt"], ".pdf"),
    (["--out", "{tmp}/x.pdf"], "--extract"),
])
def test_bad_input_is_refused_in_danish_with_nothing_written(used, capsys, args, named):
    before = len(records())
    args = [a.replace("{tmp}", str(used)) for a in args]
    assert main(["audit", *args]) == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err
    assert not (used / "x.pdf").exists() and not (used / "x.txt").exists()
    assert len(records()) == before


def test_an_extract_into_the_data_folder_is_refused(used, capsys):
    """#11: the extract is plaintext; it is never put beside the sealed plans."""
    folder = default_data_dir()
    before, files = len(records()), sorted(folder.rglob("*"))
    assert main(["audit", "--extract", EXAMPLE_ID, "--out", str(folder / "x.pdf")]) == 2
    assert capsys.readouterr().err.startswith(f"{folder / 'x.pdf'} ligger i Planbros datamappe")
    assert sorted(folder.rglob("*")) == files and len(records()) == before


def test_an_extract_that_cannot_be_logged_is_refused(used, capsys, monkeypatch):
    def refused(self, *args, **kwargs):
        raise OSError(28, "No space left on device", str(self.folder))

    before = len(records())
    monkeypatch.setattr(AuditLog, "begin", refused)
    assert main(["audit", "--extract", EXAMPLE_ID, "--out", str(used / "x.pdf")]) == 2
    assert "logbog" in capsys.readouterr().err
    assert not (used / "x.pdf").exists()
    assert len(records()) == before


def test_an_extract_whose_file_cannot_be_written_takes_its_record_back(used, monkeypatch,
                                                                       capsys):
    import planbro.fileio.atomic as atomic

    def full(path, data, **kwargs):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(atomic, "write_atomic", full)
    before = records()
    assert main(["audit", "--extract", EXAMPLE_ID, "--out", str(used / "x.pdf")]) == 2
    assert "plads" in capsys.readouterr().err
    assert records() == before
    assert main(["audit", "--verify"]) == 0


# ---- a plan deleted after journalisation (planbro purge) ---------------------------

def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return squeezed("".join(page.extract_text() for page in PdfReader(str(path)).pages))


@pytest.fixture
def purged(used, capsys):
    """The used example closed, journalised 40 days ago and purged (30 days): only its
    records are left."""
    from datetime import date, timedelta

    assert main(["close", EXAMPLE_ID]) == 0
    day = (date.today() - timedelta(days=40)).strftime("%d-%m-%Y")
    assert main(["journalise", EXAMPLE_ID, "--date", day]) == 0
    assert main(["purge", "--yes"]) == 0
    assert main(["show", EXAMPLE_ID]) == 2
    capsys.readouterr()
    return used


def test_the_extract_of_a_purged_plan_is_made_from_its_records(purged, capsys):
    from planbro.documents.dates import long_date

    out = purged / "slettet.pdf"
    before = len(records())
    assert main(["audit", "--extract", EXAMPLE_ID[:8], "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert str(out) in printed.out and printed.err.startswith("Filen er ikke krypteret")
    text = pypdf_text(out)
    [purge] = [r for r in records() if r["action"] == "purge"]
    deleted_on = long_date(local_time(purge["at"]).date())
    for words in (f"Planen er slettet fra Planbro den {deleted_on} efter journalisering",
                  EXAMPLE_ID, "Handleplanen blev indlæst fra en fil",
                  "Handleplanen blev åbnet og læst", "Handleplanen blev gemt som PDF-dokument",
                  "Sagen blev afsluttet", "Handleplanen blev journaliseret",
                  "Handleplanen blev slettet fra computeren efter journaliseringen",
                  "Aarhus Kommune", "sagsbehandling"):
        assert squeezed(words) in text, words
    # The citizen's name and CPR went with the plan, and no employee is named.
    for hidden in ("Jonas", "120379", LOGIN, platform.node(), "Mette Lund"):
        assert squeezed(hidden) not in text, hidden
    assert len(records()) == before + 1
    last = records()[-1]
    assert (last["action"], last["plan"], last["via"], last["detail"]) == (
        "extract", EXAMPLE_ID, "cli", "pdf")


def test_an_id_the_log_has_no_records_of_is_refused_in_danish(purged, capsys):
    before = len(records())
    assert main(["audit", "--extract", "abcdef12", "--out", str(purged / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Der findes ingen plan med id'et «abcdef12», og logbogen har ingen registreringer" in err
    assert "Traceback" not in err
    assert not (purged / "x.pdf").exists() and len(records()) == before
