"""`planbro overblik`: the figures in Danish, as JSON, as an Excel workbook and a PDF report;
refused options name themselves (exit 2) and nothing is written then."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from team_plans import store_team

from planbro.storage import PlanStore, default_data_dir

from planbro.overview import store_facts

from planbro.actions.overview import overview_of

from planbro.cli import main

# The tool that checks a PDF's PDF/A-2b structure (as the documents' tests use it).
PDFA_CHECK = Path("/work/shared/tools/pdfa_check.py")
# The team's period and unit on the command line.
PERIOD = ["--fra", "1-1-2026", "--til", "30.11.26", "--enhed", "team nord"]


@pytest.fixture
def team(example_plan):
    """The invented team's plans in the data folder the command opens."""
    with PlanStore(default_data_dir(), facts=store_facts()) as store:
        return store_team(store, example_plan)


def _expected():
    with PlanStore(default_data_dir(), read_only=True) as store:
        return overview_of(store, start=date(2026, 1, 1), end=date(2026, 11, 30),
                           unit="team nord", today=date.today()).to_json()


def _no_plan_in(text: str, team) -> None:
    for plan_id in team.values():
        assert plan_id not in text
    for word in ("Borger", "Mette", "Anders", "120379"):
        assert word not in text


def test_the_figures_in_danish(team, capsys):
    assert main(["overblik", *PERIOD]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Overblik over handleplanerne\nPeriode: 01-01-2026 til 30-11-2026\n")
    assert "Enhed: team nord" in out and "Planer i perioden: 14" in out
    for words in ("TILBUD", "OPFØLGNING OG AJOURFØRING", "KVALITET", "MÅL OG DELMÅL",
                  "INDSATSER", "Takket nej", "under 5", "Ikke opdateret i 12 mdr.",
                  "30 (15–45) dage", "Serviceloven § 85 a"):
        assert words in out
    assert [line.split()[-1] for line in out.splitlines() if "Tilbudt " in line] == ["13"]
    _no_plan_in(out, team)


def test_the_json_is_the_overview_s(team, capsys):
    assert main(["overblik", *PERIOD, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found == _expected()
    assert found["period"] == {"fra": "2026-01-01", "til": "2026-11-30"}
    offers = found["areas"][0]["groups"][0]["items"]
    assert [(i["key"], i["value"]) for i in offers] == [
        ("offers.offered", 13), ("offers.accepted", 9), ("offers.declined", "under 5"),
        ("offers.pending", "under 5")]


def test_the_workbook_opens_with_a_sheet_per_area_and_charts(team, tmp_path, capsys):
    path = tmp_path / "overblik.xlsx"
    assert main(["overblik", *PERIOD, "--xlsx", str(path)]) == 0
    captured = capsys.readouterr()
    assert f"Skrev {path}" in captured.out and "ikke krypteret" in captured.err
    book = load_workbook(path)
    assert book.sheetnames == ["Overblik over handleplanerne", "Tilbud",
                               "Opfølgning og ajourføring", "Kvalitet", "Mål og delmål",
                               "Indsatser"]
    rows = {row[0]: row[1:] for row in book["Tilbud"].iter_rows(values_only=True) if row[0]}
    assert rows["Tilbudt"][0] == 13 and rows["Takket ja"][0] == 9
    assert rows["Takket nej"][0] == "under 5"
    keeping = {row[0]: row[1:4] for row in book["Opfølgning og ajourføring"].iter_rows(
        values_only=True) if row[0]}
    assert keeping["Dage fra tilbud til underskrevet plan (median og kvartiler)"] == (30, 15, 45)
    quality = {row[0]: row[1] for row in book["Kvalitet"].iter_rows(values_only=True) if row[0]}
    assert quality["Planer uden fejl"] == 12 and quality["Andel uden fejl"] == "under 5"
    # Native bar charts of the groups that have one (offers, reasons).
    assert len(book["Tilbud"]._charts) == 2
    assert book.properties.creator == "Planbro"
    text = " ".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                    for cell in row if cell is not None)
    _no_plan_in(text, team)


def test_the_report_is_danish_pdfa_with_its_charts(team, tmp_path, capsys):
    path = tmp_path / "overblik.pdf"
    assert main(["overblik", *PERIOD, "--pdf", str(path)]) == 0
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for words in ("Overblik over handleplanerne", "Periode: 01-01-2026 til 30-11-2026",
                  "Åbne sager", "Takket ja", "Tilbudt: 13", "under 5", "Opfølgning overskredet",
                  "Nåede delmål pr. måned"):
        assert words in text
    _no_plan_in(text + str(reader.metadata), team)
    check = subprocess.run([sys.executable, str(PDFA_CHECK), str(path)], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("start", ["01-01-2024", "01-01-2007"])
def test_a_long_period_s_months_fit_the_report(team, tmp_path, capsys, start):
    # 35 months of achieved sub-goals made a chart taller than a page (LayoutError, a
    # traceback); 20 years of months are listed in the table, with no chart of 240 bars.
    path = tmp_path / "overblik.pdf"
    assert main(["overblik", "--fra", start, "--til", "30-11-2026", "--pdf", str(path)]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "jan. 2024" in text and "nov. 2026" in text
    check = subprocess.run([sys.executable, str(PDFA_CHECK), str(path)], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_unit_no_plan_is_of_is_told_not_just_zeros(team, capsys):
    assert main(["overblik", "--enhed", "Team Nordd", "--json"]) == 0
    told = capsys.readouterr()
    assert json.loads(told.out)["plans"]["value"] == 0
    assert told.err.strip() == ("--enhed: ingen plan, du kan se, hører til «Team Nordd» i "
                                "perioden (store og små bogstaver og mellemrum er ligegyldige); "
                                "se efter, om navnet er stavet rigtigt.")
    assert main(["overblik", "--enhed", "team  nord", "--json"]) == 0
    assert capsys.readouterr().err == ""


def test_an_empty_store_gives_zeros(capsys):
    assert main(["overblik", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["plans"]["value"] == 0


@pytest.mark.parametrize(("args", "named"), [
    (["--fra", "31-11-2026"], "--fra"),
    (["--fra", "2-2-2026", "--til", "1-2-2026"], "--til"),
    (["--fra", "1-1-2099"], "--fra"),
    # Far from any plan: a traceback once (a month of year 10000 compared as text), and a
    # slip of 2999 for 2029 counted and printed 11,000 months.
    (["--til", "31-12-9999"], "--til"),
    (["--fra", "01-12-9999", "--til", "31-12-9999"], "--fra"),
    (["--fra", "01-01-1800"], "--fra"),
    (["--fra", "01-01-2026", "--til", "31-12-2099"], "--til"),
    (["--enhed", "  "], "--enhed"),
    (["--sagsbehandler", ""], "--sagsbehandler"),
    (["--xlsx", "overblik.csv"], "--xlsx"),
    (["--pdf", "mangler/overblik.pdf"], "--pdf"),
])
def test_a_wrong_option_is_refused_naming_it(team, tmp_path, monkeypatch, capsys, args, named):
    monkeypatch.chdir(tmp_path)
    assert main(["overblik", *args]) == 2
    assert capsys.readouterr().err.startswith(named + ":")
    assert list(tmp_path.iterdir()) == []


def test_the_period_is_refused_in_danish_beyond_its_bounds(team, capsys):
    assert main(["overblik", "--til", "31-12-9999"]) == 2
    assert capsys.readouterr().err.strip() == (
        "--til: 31-12-9999 ligger uden for de dage, et overblik kan tælle: 01-01-2000 til "
        "31-12-2099.")
    assert main(["overblik", "--fra", "01-01-2026", "--til", "31-12-2046"]) == 2
    assert capsys.readouterr().err.strip() == (
        "--til: perioden er længere end 20 år; vælg en kortere.")
    # Twenty years less a month is counted.
    assert main(["overblik", "--fra", "01-01-2026", "--til", "30-11-2045", "--json"]) == 0


def test_no_file_goes_into_the_data_folder(team, capsys):
    inside = default_data_dir() / "overblik.xlsx"
    assert main(["overblik", "--xlsx", str(inside)]) == 2
    assert "datamappe" in capsys.readouterr().err
    assert not inside.exists()


def test_a_folder_given_as_the_workbook_is_refused_in_danish(team, tmp_path, capsys):
    folder = tmp_path / "overblik.xlsx"
    folder.mkdir()
    assert main(["overblik", "--xlsx", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"--xlsx: {folder}: kan ikke skrives: {folder} er en mappe, ikke en fil")
    assert "directory" not in err and list(folder.iterdir()) == []
