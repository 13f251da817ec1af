"""A failed write told in the user's words, naming the folder (planbro.fileio.failures)."""

from __future__ import annotations

import errno

import pytest

from planbro.fileio.failures import is_disk_full, write_failure
from planbro.translation import set_language


def test_a_full_disk_is_told_in_danish_with_the_folder(tmp_path):
    error = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "plan.json"))
    text = write_failure(error)
    assert text == f"Der er ikke plads på disken til {tmp_path}. Frigør plads, og prøv igen."
    assert "No space" not in text


@pytest.mark.parametrize("error", [
    OSError(errno.ENOSPC, "No space left on device"),
    OSError(errno.EDQUOT, "Disk quota exceeded"),
    OSError(errno.EFBIG, "File too large"),
])
def test_every_way_of_saying_full_is_full(error):
    assert is_disk_full(error)
    assert write_failure(error, "/data").startswith("Der er ikke plads på disken til /data.")


def test_windows_full_disk_codes_are_full():
    error = OSError(errno.EINVAL, "There is not enough space on the disk")
    error.winerror = 112  # ERROR_DISK_FULL; set by hand as only Windows sets it
    assert is_disk_full(error)


def test_no_rights_a_missing_folder_and_the_rest(tmp_path):
    denied = OSError(errno.EACCES, "Permission denied", str(tmp_path / "x.json"))
    assert write_failure(denied) == f"Planbro må ikke skrive i {tmp_path} (ingen adgang)."
    read_only = OSError(errno.EROFS, "Read-only file system", str(tmp_path / "x.json"))
    assert write_failure(read_only) == (
        f"Planbro må ikke skrive i {tmp_path} (drevet kan kun læses).")
    missing = OSError(errno.ENOENT, "No such file", str(tmp_path / "gone" / "x.json"))
    assert write_failure(missing) == f"Mappen {tmp_path / 'gone'} findes ikke."
    other = OSError(errno.EIO, "Input/output error")
    assert write_failure(other, tmp_path) == f"En fil i {tmp_path} kunne ikke skrives (Input/output error)."
    assert not is_disk_full(other) and not is_disk_full(ValueError("x"))


def test_a_folder_given_as_the_file_is_named_in_danish(tmp_path):
    from planbro.fileio.atomic import write_atomic

    folder = tmp_path / "overblik.xlsx"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as replaced:
        write_atomic(folder, b"x")
    assert write_failure(replaced.value, tmp_path) == (
        f"{folder} er en mappe, ikke en fil: angiv navnet på den fil, der skal skrives, "
        "for eksempel en ny fil i den mappe.")
    with pytest.raises(IsADirectoryError) as opened:
        folder.open("wb")
    assert write_failure(opened.value).startswith(f"{folder} er en mappe, ikke en fil: ")


def test_a_file_given_as_the_folder_is_named_in_danish(tmp_path):
    from planbro.fileio.atomic import write_atomic

    file = tmp_path / "noter.txt"
    file.write_text("")
    with pytest.raises(NotADirectoryError) as refused:
        write_atomic(file / "overblik.xlsx", b"x")
    assert write_failure(refused.value, file) == (
        f"{file} er en fil, ikke en mappe: der kan ikke skrives en fil i den.")


def test_in_english_when_asked():
    set_language("en")
    error = OSError(errno.ENOSPC, "No space left on device")
    assert write_failure(error, "/data") == (
        "There is no room left on the disk for /data. Free some space and try again.")
