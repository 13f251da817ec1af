"""LibreOffice (headless) opens and converts every kind of test document.

Word itself is not available here; ooxml_check covers Word's schema
strictness, this covers a real office suite reading the files. One soffice
call converts all documents (it takes over a second to start).
"""

from __future__ import annotations

import copy
import shutil
import subprocess

from docs_helpers import many_goals
from pypdf import PdfReader

from planbro.documents import render_docx
from planbro.documents import wording as w


def test_libreoffice_converts_the_test_documents(example_plan, tmp_path):
    declined = copy.deepcopy(example_plan)
    declined.offer.decision = "declined"
    # A § 142 plan cannot be declined away (the example is one).
    declined.basis = "sel-141-2"
    odd = copy.deepcopy(example_plan)
    odd.citizen.name = "Łukasz Şahin ĸ محمد علي 😀 <&>"
    odd.purpose = "ord " * 5000
    plans = {"example": example_plan, "declined": declined, "odd": odd,
             "goals": many_goals(example_plan, goals=50)}
    files = [render_docx(plan, tmp_path / f"{name}.docx") for name, plan in plans.items()]
    out = tmp_path / "out"
    profile = tmp_path / "profile"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) must be installed: apt-get install libreoffice-writer-nogui"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    pages = {name: len(PdfReader(out / f"{name}.pdf").pages) for name in plans}
    assert pages["declined"] == 1
    assert pages["example"] >= 3
    assert pages["goals"] > pages["example"]
    text = PdfReader(out / "example.pdf").pages[0].extract_text()
    assert "Handleplan efter serviceloven § 142" in text
    # The drafts' mark is in the header, so an office suite prints it on every page.
    for page in PdfReader(out / "goals.pdf").pages:
        assert w.DRAFT_MARK in page.extract_text()
