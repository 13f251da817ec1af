"""`planbro key create --sheet FILE.pdf`: the recovery sheet written as a PDF to print."""

from __future__ import annotations

import re
import stat

import pytest

from planbro.crypto.keys import unlock

from planbro.storage import default_data_dir

from planbro.cli import main

PASSPHRASE = "Fire heste på Amager Fælled"
# A grouped recovery key anywhere in a text.
KEY = re.compile(r"[0-9A-Z]{5}(?:-[0-9A-Z]{5}){6}")


@pytest.fixture(autouse=True)
def _passphrase(_no_real_keyring, monkeypatch):
    # After tests/conftest.py's _no_real_keyring, which clears the variable.
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)


def pdf_text(path) -> str:
    """The sheet's text in the order it is drawn (pypdf): pdftotext's reading-order
    guess put a group of the key, drawn in its own cell, after the others now and then."""
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", "", text)


def in_order(needles: list[str], haystack: str) -> bool:
    position = 0
    for needle in needles:
        position = haystack.find(needle, position)
        if position < 0:
            return False
        position += len(needle)
    return True


def test_create_writes_the_sheet_and_keeps_the_key_off_the_terminal(tmp_path, capsys,
                                                                    monkeypatch):
    from planbro.crypto import keys
    from planbro.crypto.recovery import new_recovery_key

    # The key create() makes, known to the test.
    made = new_recovery_key()
    monkeypatch.setattr(keys, "new_recovery_key", lambda: made)
    sheet = tmp_path / "nøgle.pdf"
    assert main(["key", "create", "--sheet", str(sheet)]) == 0
    printed = capsys.readouterr()
    assert not KEY.search(printed.out + printed.err)
    assert str(sheet) in printed.err and "slet filen" in printed.err
    assert stat.S_IMODE(sheet.stat().st_mode) & 0o077 == 0
    text = pdf_text(sheet)
    # The sheet holds the key's groups in order, and that key opens the data folder.
    assert in_order(made.split("-"), text)
    chain = unlock(default_data_dir(), made, use_credential_store=False, environ={})
    assert chain.store_id in text


@pytest.mark.parametrize("name, says", [("nowhere/key.pdf", "findes ikke"),
                                        ("key.txt", ".pdf")])
def test_a_bad_sheet_path_is_refused_before_any_key_is_made(tmp_path, capsys, name, says):
    assert main(["key", "create", "--sheet", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert "--sheet" in err and says in err and "Traceback" not in err
    assert not (default_data_dir() / "keys.json").exists()


def test_a_sheet_that_cannot_be_written_shows_the_key_instead(tmp_path, capsys, monkeypatch):
    import planbro.fileio.atomic as atomic

    def full(path, data, **kwargs):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(atomic, "write_atomic", full)
    assert main(["key", "create", "--sheet", str(tmp_path / "key.pdf")]) == 1
    printed = capsys.readouterr()
    assert "--sheet" in printed.err and "plads" in printed.err
    [key] = KEY.findall(printed.out)
    unlock(default_data_dir(), key, use_credential_store=False, environ={})


def test_new_recovery_key_writes_its_sheet_and_the_old_key_stops_working(tmp_path, capsys,
                                                                         monkeypatch):
    from planbro.crypto import keys
    from planbro.crypto.keys import WrongSecret
    from planbro.crypto.recovery import new_recovery_key

    first, second = new_recovery_key(), new_recovery_key()
    made = iter([first, second])
    monkeypatch.setattr(keys, "new_recovery_key", lambda: next(made))
    assert main(["key", "create", "--sheet", str(tmp_path / "første.pdf")]) == 0
    capsys.readouterr()
    sheet = tmp_path / "ny.pdf"
    assert main(["key", "new-recovery-key", "--sheet", str(sheet)]) == 0
    printed = capsys.readouterr()
    assert not KEY.search(printed.out + printed.err)
    assert "virker ikke længere" in printed.err and str(sheet) in printed.err
    assert in_order(second.split("-"), pdf_text(sheet))
    folder = default_data_dir()
    assert unlock(folder, second, environ={}, use_credential_store=False)
    with pytest.raises(WrongSecret):
        unlock(folder, first, environ={}, use_credential_store=False)
