"""Accessibility as Word's checker sees it (#13): real heading styles in order,
table header rows marked, the logo's alternative text, the language set; Word
hyphenates with Danish rules; the PDF's text comes in the document's order."""

from __future__ import annotations

import copy
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docs_helpers import broken_over_lines, plain, run_tool, squeeze
from docx.oxml.ns import qn
from pypdf import PdfReader

from planbro.model import Service

from planbro.documents import wording as w
from planbro.documents.layout import build_document

# The Danish hyphenation patterns LibreOffice hyphenates with (Debian's hyphen-da).
LIBREOFFICE_DANISH = Path("/usr/share/hyphen/hyph_da_DK.dic")


@pytest.fixture
def coordinated(example_plan):
    """The example as a helhedsorienteret plan (§ 141, stk. 7): its parts are level-0 headings."""
    plan = copy.deepcopy(example_plan)
    plan.basis = "sel-141-7"
    plan.coordinated.consent_date, plan.coordinated.consent_how = date(2026, 10, 28), "skriftligt"
    plan.coordinated.employment_goals = "Jonas er i virksomhedspraktik 10 timer om ugen."
    return plan


@pytest.fixture
def long_words(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.services.append(Service(
        title="Alkoholbehandlingen", legal_basis="Sundhedsloven § 141",
        provider="Misbrugsbehandlingsinstitutionen", extent="Beskæftigelsesindsatsen",
        start=date(2027, 1, 15), end=date(2027, 6, 30)))
    return plan


def _xml(path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def _outline_level(style) -> int | None:
    """A paragraph style's outline level (0 = the first), through its base styles."""
    while style is not None:
        ppr = style.element.pPr
        level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if level is not None:
            return int(level.get(qn("w:val")))
        style = style.base_style
    return None


def _levels(path) -> list[tuple[int, str]]:
    document = docx.Document(path)
    out = []
    for p in document.paragraphs:
        level = _outline_level(p.style)
        if level is not None and level < 9:
            out.append((level, p.text))
    return out


@pytest.mark.parametrize("which", ["example", "coordinated"])
def test_headings_are_heading_styles_and_never_skip_a_level(which, example_rendered, coordinated,
                                                            rendered):
    path = example_rendered.docx if which == "example" else rendered(coordinated, "c").docx
    levels = _levels(path)
    assert len(levels) > 10
    assert levels[0][0] == 0
    for (before, _), (level, text) in zip(levels, levels[1:]):
        assert level <= before + 1, f"{text!r} skips from level {before + 1} to {level + 1}"
    names = {p.style.name for p in docx.Document(path).paragraphs if _outline_level(p.style) is not None}
    if which == "example":
        assert names == {"Heading 1", "Heading 2"}
    else:
        # The parts are the first level; the sections under them the second, in a
        # style based on heading 1 (which they look like), their sub-sections the third.
        by_text = dict((t, lvl) for lvl, t in levels)
        assert by_text[w.H_PART_SOCIAL] == 0 and by_text[w.H_WORDS] == 1
        assert any(lvl == 2 for lvl, _ in levels)
        assert {"Planbro Del", "Planbro Afsnit i del", "Planbro Underafsnit i del"} <= names
        styles = docx.Document(path).styles
        assert styles["Planbro Afsnit i del"].base_style.name == "Heading 1"


def test_every_table_header_row_is_marked_and_repeats(example_rendered):
    document = docx.Document(example_rendered.docx)
    doc = build_document(example_rendered.plan)
    headers = {blk.header[0] for blk in doc.blocks if hasattr(blk, "header")}
    data = [t for t in document.tables if t.rows[0].cells[0].text in headers]
    assert len(data) >= 6
    for table in data:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None
                   for row in table.rows[1:])


def test_the_logo_has_alternative_text(example_rendered):
    body = docx.Document(example_rendered.docx).element.body
    pictures = list(body.iter(qn("wp:docPr")))
    assert len(pictures) == 1
    assert pictures[0].get("descr") == "Logo for Eksempel Kommune"


def test_the_language_is_danish_everywhere_and_word_hyphenates(example_rendered):
    path = example_rendered.docx
    settings = _xml(path, "word/settings.xml")
    assert "<w:autoHyphenation/>" in settings and '<w:hyphenationZone w:val="360"/>' in settings
    assert settings.count("<w:themeFontLang") == 1 and '<w:themeFontLang w:val="da-DK"/>' in settings
    document = docx.Document(path)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "da-DK"
    assert document.core_properties.language == "da-DK"
    # Every run of the body's text says it is Danish.
    runs = [r for r in document.element.body.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    assert len(runs) > 100
    assert all(r.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "da-DK" for r in runs)
    # Headings and table headers are never hyphenated.
    for name in ("Heading 1", "Heading 2", "Planbro Del", "Planbro Tabeloverskrift", "Title"):
        assert document.styles[name].element.pPr.find(qn("w:suppressAutoHyphens")) is not None, name


def test_the_pdf_reads_in_the_documents_order(example_plan, coordinated, long_words, rendered):
    for name, plan in (("example", example_plan), ("coordinated", coordinated), ("long", long_words)):
        doc = rendered(plan, name)
        expected = squeeze("".join(plain(t) for t in doc.docx_paragraphs()))
        assert squeeze(doc.pdf_body()) == expected, name
        assert doc.reader.trailer["/Root"]["/Lang"] == "da-DK"


def test_the_documents_pass_the_ooxml_and_pdfa_checks(coordinated, long_words, rendered):
    docs = [rendered(coordinated, "coordinated"), rendered(long_words, "long")]
    result = run_tool("ooxml_check.py", *(d.docx for d in docs))
    assert result.returncode == 0, result.stdout
    result = run_tool("pdfa_check.py", *(d.pdf for d in docs))
    assert result.returncode == 0, result.stdout


def test_libreoffice_hyphenates_the_docx_and_breaks_no_header(long_words, rendered, tmp_path):
    """As Word would (LibreOffice reads w:autoHyphenation and w:lang): the services
    table's headers are whole, and a long word ends a line only with a hyphen."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) must be installed: apt-get install libreoffice-writer-nogui"
    assert LIBREOFFICE_DANISH.is_file(), "LibreOffice's Danish hyphenation: apt-get install hyphen-da"
    doc = rendered(long_words, "long")
    profile, out = tmp_path / "profile", tmp_path / "out"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), str(doc.docx)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out / "long.pdf").pages)
    lines = [plain(line) for line in text.split("\n")]
    for header in w.SERVICE_HEADER + w.GOAL_HEADER:
        for word in header.split():
            # Not as "Lovgrundla / g", "Metod / e".
            assert broken_over_lines(lines, word) == [], word
    ends = [end for word in ("Alkoholbehandlingen", "Misbrugsbehandlingsinstitutionen")
            for end in broken_over_lines(lines, word)]
    # The long words did break (else this proves nothing), each with a hyphen.
    assert ends and all(end.endswith("-") for end in ends), ends
