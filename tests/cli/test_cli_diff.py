"""`planbro diff ID --from N --to M` (#13): what changed, in Danish, from the newest signed
version by default; a version that cannot be compared is refused naming its option (exit 2);
never a CPR number on the terminal. And `planbro render` ends a revision's documents with the
same list unless Indstillinger leaves it out."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

import pytest
from pypdf import PdfReader

from planbro.cli import main

from store_support import command_store

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")


EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


@pytest.fixture
def revised(example_path, capsys):
    """The example imported, signed on 20-11-2026, revised, and version 2 changed."""

    main(["import", str(example_path)])
    main(["sign", EXAMPLE_ID, "--date", "20-11-2026"])
    main(["revise", EXAMPLE_ID])
    with command_store() as store:
        draft = store.get(EXAMPLE_ID)
        draft.goals[0].subgoals[0].status = "achieved"
        draft.goals[0].subgoals[1].deadline = date(2027, 4, 30)
        draft.partners.pop(1)
        store.save(draft)
    capsys.readouterr()


def test_diff_prints_the_changes_since_the_signed_version(revised, capsys):
    assert main(["diff", EXAMPLE_ID[:8]]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert out.out.splitlines() == [
        "Ændringer i version 2 siden version 1 (underskrevet 20. nov. 2026):",
        "",
        "Mål og delmål",
        "• Delmålet «Jonas er skrevet op til en almen bolig via den boligsociale anvisning» er "
        "nu nået (var: i gang).",
        "• Fristen for delmålet «Jonas har besigtiget mindst 2 boliger sammen med "
        "CTI-medarbejderen» er flyttet fra 31. marts 2027 til 30. april 2027.",
        "",
        "Samarbejdsparter",
        "• Samarbejdsparten Susanne Berg (Rusmiddelcenteret, Odense Kommune) er fjernet.",
    ]
    assert main(["diff", EXAMPLE_ID, "--from", "1", "--to", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[3].startswith("• Delmålet «Jonas er skrevet op")


def test_an_unchanged_revision_says_so(example_path, capsys):
    main(["import", str(example_path)])
    main(["sign", EXAMPLE_ID, "--date", "20-11-2026"])
    main(["revise", EXAMPLE_ID])
    capsys.readouterr()
    assert main(["diff", EXAMPLE_ID]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Ændringer i version 2 siden version 1 (underskrevet 20. nov. 2026):", "Ingen ændringer."]


@pytest.mark.parametrize(("options", "message"), [
    (["--from", "3"], "--from: planen har ingen version 3; den har version 1 til 2"),
    (["--to", "7"], "--to: planen har ingen version 7; den har version 1 til 2"),
    (["--from", "2"], "--from: version 2 kommer ikke før version 2; angiv en tidligere version"),
    (["--to", "1"], "--from: version 1 har ingen underskrevet version før sig at sammenligne "
                    "med; angiv den version, der skal sammenlignes med"),
])
def test_a_version_that_cannot_be_compared_exits_2_naming_the_option(revised, capsys, options,
                                                                    message):
    assert main(["diff", EXAMPLE_ID, *options]) == 2
    out = capsys.readouterr()
    assert (out.out, out.err.strip()) == ("", message)


def test_an_unknown_plan_and_a_version_that_is_not_a_number_exit_2(revised, capsys):
    assert main(["diff", "0f0e0d0c-0b0a-4909-8807-060504030201"]) == 2
    assert capsys.readouterr().err.strip() != ""
    with pytest.raises(SystemExit) as stopped:
        main(["diff", EXAMPLE_ID, "--from", "to"])
    assert stopped.value.code == 2
    assert "--from" in capsys.readouterr().err


def test_no_cpr_number_reaches_the_terminal(example_path, capsys):

    main(["import", str(example_path)])
    main(["sign", EXAMPLE_ID, "--date", "20-11-2026"])
    main(["revise", EXAMPLE_ID])
    with command_store() as store:
        draft = store.get(EXAMPLE_ID)
        draft.citizen.cpr = "120379-1236"
        draft.goals[0].title = "Bolig til 1203791235"
        store.save(draft)
    capsys.readouterr()
    assert main(["diff", EXAMPLE_ID]) == 0
    out = capsys.readouterr()
    assert "• CPR-nummer er rettet." in out.out.splitlines()
    assert "«Bolig til xxxxxx-xxxx»" in out.out
    assert not re.search(r"\d{6}[- ]?\d{4}", out.out + out.err)


def test_both_versions_shown_are_recorded_as_views(revised, capsys, audit_records):
    assert main(["diff", EXAMPLE_ID]) == 0
    views = [(r["action"], r["version"], r["via"]) for r in audit_records()
             if r["action"] == "view"]
    assert views[-2:] == [("view", 1, "cli"), ("view", 2, "cli")]


def flat(text: str) -> str:
    """`text` without spaces, line breaks and hyphens (a PDF line may break a word at one)."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def _pdf_text(path) -> str:
    return flat("".join(page.extract_text() for page in PdfReader(str(path)).pages))


def test_render_ends_a_revision_with_the_changes_unless_settings_leave_them_out(
        revised, tmp_path, capsys):
    from planbro.settings import UserSettings, save_settings

    assert main(["render", EXAMPLE_ID, "--pdf", str(tmp_path / "on.pdf")]) == 0
    text = _pdf_text(tmp_path / "on.pdf")
    assert flat("Bilag: Ændringer siden version 1 (underskrevet 20. november 2026)") in text
    assert flat("Samarbejdsparten Susanne Berg (Rusmiddelcenteret, Odense Kommune) er "
                "fjernet.") in text
    # Version 1 itself has no signed version before it.
    assert main(["render", EXAMPLE_ID, "--plan-version", "1", "--pdf",
                 str(tmp_path / "v1.pdf")]) == 0
    assert "Ændringersiden" not in _pdf_text(tmp_path / "v1.pdf")
    save_settings(UserSettings(caseworker_name="Mette", changes_appendix=False))
    assert main(["render", EXAMPLE_ID, "--pdf", str(tmp_path / "off.pdf")]) == 0
    assert "Ændringersiden" not in _pdf_text(tmp_path / "off.pdf")


def test_diff_as_a_real_command(revised, tmp_path):
    env = {**os.environ}
    done = subprocess.run([sys.executable, "-m", "planbro", "diff", EXAMPLE_ID, "--from", "1"],
                          env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Ændringer i version 2 siden version 1")
    bad = subprocess.run([sys.executable, "-m", "planbro", "diff", EXAMPLE_ID, "--to", "9"],
                         env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                         timeout=60)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("--to: planen har ingen version 9")
