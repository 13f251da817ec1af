"""Names and texts as people type them: æøå, ĸ, Ł, Ş, Arabic, emoji, control characters."""

from __future__ import annotations

import copy
from datetime import date
from io import BytesIO

import docx
from docs_helpers import squeeze
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from planbro.documents import docx_bytes, pdf_bytes
from planbro.documents.dates import long_date, short_date
from planbro.documents.fonts import covered
from planbro.documents.pdf import para
from planbro.documents.text import REPLACEMENT, markup, printable

# Arabic letters as stored (U+0600 block) and as shaped glyphs come back
# from a PDF (presentation forms).
ARABIC = "\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff"


def test_danish_dates_are_written_out():
    assert long_date(date(2027, 3, 1)) == "1. marts 2027"
    assert short_date(date(2026, 12, 15)) == "15. dec. 2026"
    assert long_date(None, "Ikke fastsat") == "Ikke fastsat"


def test_printable_replaces_emoji_sequences_once_and_drops_control_characters():
    assert printable("Ali 👍🏽 Hassan") == f"Ali {REPLACEMENT} Hassan"
    assert printable("Familie 👨‍👩‍👧 ok") == f"Familie {REPLACEMENT} ok"
    assert printable("Hjerte ❤️ og © ok") == f"Hjerte {REPLACEMENT} og © ok"
    assert printable("a\x00b\x07c\td") == "abc d"
    assert printable("Søren ĸ Łukasz Şahin محمد") == "Søren ĸ Łukasz Şahin محمد"


def test_markup_escapes_user_text_and_marks_arabic_runs():
    assert markup("<b>A & B</b>") == "&lt;b&gt;A &amp; B&lt;/b&gt;"
    assert markup("Ali محمد علي Hassan") == 'Ali <font name="PlanbroSansRTL">محمد علي</font> Hassan'
    assert markup("x\ny") == "x<br/>y"
    # reportlab parses it without error.
    assert para("<script> & ĸ", "body").getPlainText() == "<script> & ĸ"


def test_bad_characters_in_names_print_in_both_formats(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = "Łukasz Şahin ĸ Øster\x01gaard 😀"
    plan.caseworker.name = "Mette <Lund> & Sørensen"
    plan.citizen_words = "Jeg vil 🏠 have en bolig\u200d\ufe0f. محمد علي siger det samme."
    doc = rendered(plan)
    expected = ["Łukasz Şahin ĸ Østergaard " + REPLACEMENT, "Mette <Lund> & Sørensen"]
    paragraphs = doc.docx_paragraphs()
    body = doc.pdf_body()
    for text in expected:
        assert text in paragraphs
        assert squeeze(text) in squeeze(body)
    assert "😀" not in "".join(paragraphs) and "\x01" not in "".join(paragraphs)


def test_the_font_covers_the_scripts_of_names():
    # One face for every script: a word mixing scripts ("(علي") still has
    # a glyph for each letter, as reportlab shapes a word with one font.
    points = covered()
    for text in ("æøåÆØÅ ĸ Ł ł Ş ş é ü ß", "محمد علي", "Олександр", "Γιώργος", "«»–…§"):
        assert all(ord(c) in points for c in text), text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_printable_text_is_all_covered(text):
    assert all(ord(c) in covered() or c == "\n" for c in printable(text))


def test_arabic_names_print_with_glyphs(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = "محمد علي"
    plan.partners[0].name = "Ali Hassan (علي حسن)"
    doc = rendered(plan)
    fonts = {str(ref.get_object()["/BaseFont"]).split("+")[-1]
             for page in doc.reader.pages for ref in page["/Resources"]["/Font"].values()}
    assert fonts <= {"PlanbroSans-Regular", "PlanbroSans-Bold", "PlanbroSans-Italic"}
    text = doc.pdf_body()
    assert sum(1 for c in text if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff") >= 10
    assert "محمد علي" in doc.docx_paragraphs()
    assert REPLACEMENT not in text  # nothing was unprintable


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=80), words=st.text(max_size=400))
def test_any_text_renders_in_both_formats(example_plan, name, words):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = name
    plan.citizen_words = words
    plan.goals[0].subgoals[0].text = words
    document = docx.Document(BytesIO(docx_bytes(plan)))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert printable(name) in cells
    reader = PdfReader(BytesIO(pdf_bytes(plan)))
    assert "Side 1 af" in reader.pages[0].extract_text()
