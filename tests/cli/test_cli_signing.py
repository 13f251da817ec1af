"""`planbro sign`: the citizen's and the caseworker's day apart, or the citizen does
not wish to sign (#9.9)."""

from __future__ import annotations

from datetime import date

import pytest

from planbro.cli import main

from store_support import command_store

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")


EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


@pytest.fixture
def stored(example_path, capsys):
    assert main(["import", str(example_path)]) == 0
    capsys.readouterr()


def _plan(version=None):
    with command_store(read=True) as store:
        return store.get(EXAMPLE_ID, version)


def test_the_citizen_signed_on_another_day(stored, capsys):
    assert main(["sign", EXAMPLE_ID, "--date", "20-11-2026", "--citizen-date", "18.11.26"]) == 0
    signatures = _plan().signatures
    assert (signatures.citizen_signed, signatures.caseworker_signed) == (
        date(2026, 11, 18), date(2026, 11, 20))
    out = capsys.readouterr().out
    assert "20-11-2026" in out and "Borgeren underskrev den 18-11-2026." in out


def test_the_citizen_does_not_wish_to_sign(stored, capsys):
    assert main(["sign", EXAMPLE_ID, "--date", "20-11-2026",
                 "--citizen-declines", "Vil tænke over planen til næste møde."]) == 0
    signatures = _plan().signatures
    assert signatures.citizen_declined is True and signatures.citizen_signed is None
    assert signatures.citizen_declined_note == "Vil tænke over planen til næste møde."
    assert signatures.caseworker_signed == date(2026, 11, 20)
    assert ("Borgeren ønsker ikke at underskrive: Vil tænke over planen til næste møde."
            in capsys.readouterr().out)


@pytest.mark.parametrize("args, option", [
    (["--citizen-declines", "  "], "--citizen-declines"),
    (["--citizen-date", "01-01-2099"], "--citizen-date"),
    (["--date", "01-01-2099"], "--date"),
])
def test_a_wrong_signature_names_its_option_and_signs_nothing(stored, capsys, args, option):
    assert main(["sign", EXAMPLE_ID, *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(option + ": ") and "Traceback" not in err
    assert _plan().status == "draft"


def test_a_citizen_who_declines_has_no_date_of_signing(stored, capsys):
    with pytest.raises(SystemExit) as refused:
        main(["sign", EXAMPLE_ID, "--citizen-date", "18-11-2026", "--citizen-declines", "Nej"])
    assert refused.value.code == 2
    assert "--citizen-declines" in capsys.readouterr().err
    assert _plan().status == "draft"
