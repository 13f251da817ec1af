"""Lists and contact lines wrap only at sensible places (#9.7): a separator never

begins a line, a phone number never breaks, in either format.
"""

from __future__ import annotations

import copy
import re

import docx
import pytest
from docs_helpers import NBSP, plain, squeeze

from planbro.documents import render_docx, render_pdf
from planbro.documents.text import keep_together, phone

# A municipality address line long enough to wrap on the first page.
ADDRESS = ("Social- og Beskæftigelsesforvaltningen · Rådhuspladsen 1 · 1234 Eksempelby · "
           "Åbent 9-15 · Tlf. 12 34 56 78")
# The phone numbers of the narrow plan below, as the PDF's text gives them.
NUMBERS = ["Tlf. 12 34 56 78", "65 51 45 67", "12 34 56 78", "65 51 12 34", "21 43 65 87"]
# What must never begin a line.
SEPARATORS = (",", ";", ":", "·", "/", "–")


@pytest.mark.parametrize("text, expected", [
    ("Tlf. 12 34 56 78", "Tlf.\u00a012\u00a034\u00a056\u00a078"),
    ("ring på +45 1234 5678 i dag", "ring på +45\u00a01234\u00a05678 i dag"),
    ("tlf. 65 51 12 34 · mls@x.dk", "tlf.\u00a065\u00a051\u00a012\u00a034\u00a0· mls@x.dk"),
    ("Bolig / job – og økonomi | andet", "Bolig\u00a0/ job\u00a0– og økonomi\u00a0| andet"),
    # Ordinary text keeps its spaces: counts, dates, amounts.
    ("mindst 3 ud af 4 aftaler", "mindst 3 ud af 4 aftaler"),
    ("15. dec. 2026 og ca. 14.000 kr.", "15. dec. 2026 og ca. 14.000 kr."),
    ("og/eller, Kontaktoplysninger, boligønsker", "og/eller, Kontaktoplysninger, boligønsker"),
])
def test_keep_together(text, expected):
    assert keep_together(text) == expected


def test_a_phone_field_never_breaks_however_it_is_grouped():
    assert phone("214 36 587 (efter kl. 12)") == "214\u00a036\u00a0587 (efter kl. 12)"
    assert phone("+45 21 43 65 87") == "+45\u00a021\u00a043\u00a065\u00a087"


@pytest.fixture
def narrow(example_plan, tmp_path):
    """The example plan with lists and contact lines that wrap in their columns: (.docx, .pdf)."""
    plan = copy.deepcopy(example_plan)
    partner = plan.partners[1]
    partner.consent.scope = "Kontaktoplysninger, boligønsker, behandlingsoplysninger, økonomi"
    partner.organisation = "Rusmiddelcenteret, Misbrugsbehandlingsafdelingen, Odense Kommune"
    partner.phone = "Vagttelefon 12 34 56 78"
    plan.partners[0].phone = "Hverdage kl. 9-15 på 65 51 45 67"
    plan.coordinator.organisation = ("CTI-teamet, Socialafdelingen, Team Hjemløse og Udsatte, "
                                     "Odense Kommune, Rådhuspladsen")
    settings = {"address": ADDRESS}
    return (render_docx(plan, tmp_path / "narrow.docx", settings),
            render_pdf(plan, tmp_path / "narrow.pdf", settings))


def _pdf_lines(path) -> list[str]:
    from pypdf import PdfReader

    return [line.strip() for page in PdfReader(path).pages
            for line in plain(page.extract_text()).split("\n")]


def test_no_pdf_line_begins_with_a_separator(narrow):
    _docx, pdf = narrow
    lines = _pdf_lines(pdf)
    # The lists did wrap (else the test proves nothing), after or inside
    # their first item (hyphenated, the comma then kept with "ger,") ...
    assert any(line.startswith("Kontaktoplysnin") and line.endswith((",", "-")) for line in lines)
    assert any(line.endswith("Åbent 9-15 ·") for line in lines), lines[:8]
    # ... and never before a separator.
    starting = [line for line in lines if line.startswith(SEPARATORS)]
    assert starting == []


def test_no_phone_number_breaks_in_the_pdf(narrow):
    _docx, pdf = narrow
    lines = _pdf_lines(pdf)
    text = squeeze("".join(lines))
    for number in NUMBERS:
        # Every occurrence of the number is whole on one line.
        whole = sum(line.count(number) for line in lines)
        assert whole == text.count(squeeze(number)) and whole > 0, number


def test_the_docx_keeps_numbers_and_lists_together_with_no_break_spaces(narrow):
    path, _pdf = narrow
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    runs = "\n".join(texts)
    assert "Tlf.\u00a012\u00a034\u00a056\u00a078" in runs  # the municipality's address line
    assert "Eksempelby\u00a0· Åbent 9-15\u00a0· Tlf." in runs
    assert "tlf.\u00a065\u00a051\u00a012\u00a034\u00a0· mls@odense.eksempel.dk" in runs  # caseworker
    assert "Rådhuspladsen, tlf.\u00a065\u00a051\u00a045\u00a067" in runs  # coordinator
    assert "Hverdage kl. 9-15 på 65\u00a051\u00a045\u00a067" in runs  # a partner's phone field
    assert "21\u00a043\u00a065\u00a087" in runs  # the citizen's phone
    assert "Version 1\u00a0· 2. november 2026" in runs
    # No separator anywhere follows a space a line may break at.
    assert not re.search(r" [·–/|] ", runs)
    assert NBSP in runs
