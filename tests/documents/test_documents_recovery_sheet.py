"""The printable recovery-key sheet: one A4 page, PDF/A-2b, the key's groups in it."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from docs_helpers import in_order, run_tool
from pypdf import PdfReader

from planbro.crypto.recovery import new_recovery_key, sheet_text

from planbro.documents.recovery_sheet import NotASheet, recovery_sheet_pdf


@pytest.fixture
def sheet(tmp_path):
    key = new_recovery_key()
    lines = sheet_text(key, tmp_path / "data", date(2026, 12, 5), store_id="a1b2c3d4e5f6")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(recovery_sheet_pdf(lines))
    return key, lines, path


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_sheet_is_one_a4_page_and_passes_the_pdfa_check(sheet):
    _key, _lines, path = sheet
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    result = run_tool("pdfa_check.py", path)
    assert result.returncode == 0, result.stdout


def _pdftotext(path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_sheet_holds_every_group_of_the_key_and_every_line(sheet):
    key, lines, path = sheet
    text = squeezed(_pdftotext(path))
    # Read row by row, left to right: four groups, then three (each numbered under it); in
    # the order drawn (-raw): pdftotext's reading-order guess put a group of the key, drawn
    # in its own cell, after the next row for about one random key in fifty.
    assert in_order(key.split("-"), squeezed(_pdftotext(path, "-raw")))
    for line in lines:
        if line != key:
            assert squeezed(line) in text, line


def test_the_key_never_reaches_the_metadata(sheet):
    key, lines, path = sheet
    reader = PdfReader(path)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert reader.metadata.title == lines[0]
    for text in (*map(str, reader.metadata.values()), xmp):
        for group in key.split("-"):
            assert group not in text


def test_lines_without_a_key_are_refused():
    with pytest.raises(NotASheet):
        recovery_sheet_pdf(["Planbro – gendannelsesnøgle", "ingen nøgle her"])
