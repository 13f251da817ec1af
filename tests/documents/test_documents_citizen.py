"""Din plan, the citizen's copy: two pages at most, large type, plain Danish, no law, no CPR."""

from __future__ import annotations

import copy
import re
from datetime import date

import pytest
from citizen_helpers import CitizenCopyFiles, big_plan
from docs_helpers import run_tool, squeeze
from docx.oxml.ns import qn

from planbro.model import Consent, Partner

from planbro.documents import citizen_wording as w
from planbro.documents.citizen import citizen_filename
from planbro.documents.citizen_model import LEVELS
from planbro.documents.plain_words import plain

# The example's CPR number, in any form a reader might find it.
CPR_ANY = re.compile(r"120379[\s-]?1235")
# The five sections, in print order.
HEADINGS = [w.H_WISH, w.H_GOALS, w.H_SERVICES, w.H_CONTACTS, w.H_NEXT]
# What a legal reference looks like in the body.
LEGAL = re.compile(r"§|serviceloven|sundhedsloven|\bLBK\b|\bstk\.", re.IGNORECASE)


@pytest.fixture(scope="module")
def example(example_plan_module):
    return CitizenCopyFiles(example_plan_module)


@pytest.fixture(scope="module")
def english(example_plan_module):
    return CitizenCopyFiles(example_plan_module, english=True)


@pytest.fixture(scope="module")
def example_plan_module():
    from importlib import resources

    from planbro.exchange import read_plan_file

    with resources.as_file(resources.files("planbro.forms") / "example-plan.json") as path:
        return read_plan_file(path)


@pytest.fixture(scope="module")
def big(example_plan_module):
    return CitizenCopyFiles(big_plan(example_plan_module))


def _body(files: CitizenCopyFiles) -> str:
    """The PDF's text without the page header (the draft mark) and footer."""
    text = files.pdf_text()
    for said in (w.DRAFT.da, w.DRAFT.en):
        text = text.replace(said, "")
    return re.sub(r"(Din plan · side|Your plan · page) \d+ (af|of) \d+", "", text)


def test_the_example_is_at_most_two_pages_and_both_formats_pass_their_checks(example, tmp_path):
    assert len(example.reader.pages) <= 2
    pdf, docx_file = tmp_path / "din-plan.pdf", tmp_path / "din-plan.docx"
    pdf.write_bytes(example.pdf_data)
    docx_file.write_bytes(example.docx_data)
    result = run_tool("pdfa_check.py", pdf)
    assert result.returncode == 0, result.stdout
    result = run_tool("ooxml_check.py", docx_file)
    assert result.returncode == 0, result.stdout


def test_a_big_plan_is_shortened_to_two_pages_saying_what_was_left_out(big):
    assert len(big.reader.pages) == 2
    text = squeeze(big.pdf_text())
    # Goals, steps and services were left out, and the copy says how many and where they are.
    assert squeeze("mål mere – se den fulde plan") in text
    assert squeeze("slags hjælp mere – se den fulde plan") in text
    assert squeeze(w.CUT_SHORT.da) in text
    # The copy still has every section and the line on where the full plan is.
    for heading in HEADINGS:
        assert squeeze(heading.da) in text
    assert squeeze("Den fulde handleplan kan du få hos din sagsbehandler") in text


def test_both_formats_say_the_same_words(example, english, big):
    def words(text: str) -> str:
        # Without space and hyphens: the PDF breaks long words with a hyphen, Word by itself.
        return squeeze(text).replace("-", "")

    for files in (example, english, big):
        assert words(files.docx_text()) == words(_body(files))


def test_the_strictest_level_fits_the_big_plan_with_the_english_frame(example_plan):
    files = CitizenCopyFiles(big_plan(example_plan), english=True)
    assert len(files.reader.pages) == 2
    assert "more goals – see the full plan" in files.pdf_text().replace("\n", " ")


def test_every_type_size_is_at_least_14_pt_in_the_pdf(example, english, big):
    for files in (example, english, big):
        sizes = files.pdf_font_sizes()
        assert sizes and min(sizes) >= 14, sorted(set(sizes))


def test_every_run_is_at_least_14_pt_in_the_docx_header_and_footer_too(example, english):
    for files in (example, english):
        sizes = files.docx_run_sizes()
        texts = "".join(text for text, _size in sizes)
        assert w.DRAFT.da in texts or w.DRAFT.en in texts  # the header was read
        assert "side" in texts or "page" in texts  # the footer was read
        small = [(text, size) for text, size in sizes if size < 14]
        assert not small, small


def test_lines_are_short(example, big):
    for files in (example, big):
        lines = [line for page in files.pages() for line in page.split("\n")]
        assert max(len(line.strip()) for line in lines) <= 62


def test_the_five_headings_in_order_in_both_formats(example):
    pdf = example.pdf_text()
    positions = [pdf.find(h.da) for h in HEADINGS]
    assert -1 not in positions and positions == sorted(positions)
    paragraphs = example.document.paragraphs
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [h.da for h in HEADINGS]
    assert [p.text for p in paragraphs if p.style.name == "Title"] == [w.TITLE.da]


def test_no_legal_reference_in_the_body(example):
    # The example's goals and services name § 101, § 110, § 85 a …; the copy names none.
    assert "§" in example_text_of_plan()
    for text in (_body(example), example.docx_text()):
        assert not LEGAL.search(text), LEGAL.search(text)


def example_text_of_plan() -> str:
    from importlib import resources

    return (resources.files("planbro.forms") / "example-plan.json").read_text("utf-8")


def test_the_citizens_own_words_appear_as_written(example, english, example_plan):
    words = example_plan.citizen_words
    for files in (example, english):
        assert squeeze(words) in squeeze(files.pdf_text())
        assert words in files.docx_paragraphs()


def test_the_last_line_says_where_the_full_plan_is(example):
    line = ("Den fulde handleplan kan du få hos din sagsbehandler, Mette Lund Sørensen, "
            "Eksempel Kommune.")
    assert example.docx_paragraphs()[-1] == line
    assert _body(example).strip().replace("\n", " ").endswith(line)


def test_the_example_says_what_the_citizen_needs(example):
    text = squeeze(example.pdf_text())
    for said in ("Senest den 15. december 2026", "Fra den 1. december 2026 til den 31. august 2027",
                 "Hvem hjælper: CTI-teamet, Odense Kommune", "Mette Lund Sørensen: 65 51 12 34",
                 "Vi ses igen senest den 1. februar 2027", "Planen er fra den 2. november 2026."):
        assert squeeze(said) in text, said
    # "efter § 101" is gone from the goal, the rest of it is not.
    assert squeeze("Jonas er startet i ambulant stofmisbrugsbehandling og møder op") in text


def test_the_english_frame_replaces_the_danish_and_the_plans_words_stay_danish(english):
    text = squeeze(english.pdf_text())
    for said in (w.TITLE, *HEADINGS, w.DANISH_WORDS):
        assert squeeze(said.en) in text
    for said in HEADINGS:
        assert squeeze(said.da) not in text
    assert squeeze("By 15 December 2026") in text
    assert squeeze("We will meet again by 1 February 2027") in text
    # The goals are the plan's own words: Danish, as written.
    assert squeeze("Jonas bor i egen lejlighed senest 1. juni 2027") in text
    assert "Your plan · page 1 of" in english.pages()[0]
    # The .docx marks the English as English; the document stays Danish.
    xml = english.docx_xml()
    assert 'w:val="en-GB"' in xml
    assert english.document.core_properties.language == "da-DK"
    runs = [r for p in english.document.paragraphs for r in p.runs if r.text == w.H_GOALS.en]
    assert runs and all(r.style.name == "Planbro Engelsk" for r in runs)


def test_no_cpr_anywhere_even_typed_into_the_name_and_the_words(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = "Jonas Østergaard 120379-1235"
    plan.citizen_words = "Mit cpr er 1203791235. " + plan.citizen_words
    plan.caseworker.name = "Mette 120379 1235 Sørensen"
    files = CitizenCopyFiles(plan)
    reader = files.reader
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    for text in (files.pdf_text(), files.docx_xml(), xmp, *map(str, reader.metadata.values())):
        assert not CPR_ANY.search(text)
    assert "Jonas Østergaard" in reader.metadata.title
    assert "Jonas Østergaard" in files.document.core_properties.title


def test_a_draft_says_so_on_every_page_and_a_signed_plan_does_not(example, example_plan):
    for page in example.pages():
        assert page.lstrip().startswith(w.DRAFT.da)
    assert example.docx_header() == w.DRAFT.da
    signed = copy.deepcopy(example_plan)
    signed.status = "signed"
    signed.signatures.citizen_signed = signed.signatures.caseworker_signed = date(2026, 11, 4)
    files = CitizenCopyFiles(signed)
    assert w.DRAFT.da not in files.pdf_text()
    assert w.DRAFT.da not in files.docx_header()
    assert "Planen er fra den 4. november 2026." in files.pdf_text()


def test_the_docx_is_danish_with_hyphenation_and_the_logo_has_alternative_text(example):
    document = example.document
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "da-DK"
    settings = document.settings.element.xml
    assert "<w:autoHyphenation/>" in settings
    assert 'descr="Logo: Eksempel Kommune"' in example.docx_xml()


def test_steps_given_up_are_left_out_and_reached_ones_say_so(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.goals = plan.goals[:1]
    plan.goals[0].subgoals[0].status = "achieved"
    plan.goals[0].subgoals[1].status = "dropped"
    text = squeeze(CitizenCopyFiles(plan).pdf_text())
    assert squeeze("Senest den 15. december 2026 · Hvem: Mette Lund Sørensen (sagsbehandler) "
                   "· Det er nået") in text
    assert squeeze("besigtiget") not in text


def test_contacts_are_the_ones_worth_calling(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.partners += [Partner(name="Uden Telefon", organisation="Et sted"),
                      Partner(name="Trukket Tilbage", phone="12 34 56 78",
                              consent=Consent(given=True, date=date(2026, 1, 1),
                                              withdrawn=date(2026, 2, 1)))]
    text = CitizenCopyFiles(plan).pdf_text()
    contacts = text[text.index(w.H_CONTACTS.da):text.index(w.H_NEXT.da)]
    # Ali Hassan is the coordinator and a partner: named once.
    assert contacts.count("Ali Hassan") == 1
    assert "Susanne Berg" in text and "65 51 77 00" in text
    assert "Uden Telefon" not in text and "Trukket Tilbage" not in text


def test_an_empty_plan_still_makes_every_section(example_plan):
    from planbro.model import Plan

    plan = Plan()
    plan.citizen.name = "Kim"
    files = CitizenCopyFiles(plan)
    text = files.pdf_text()
    for said in (w.NO_WISH, w.NO_GOALS, w.NO_SERVICES, w.NO_NEXT, w.FULL_PLAN_NO_NAME):
        assert said.da.split("{")[0] in text, said
    assert len(files.reader.pages) == 1


@pytest.mark.parametrize(("written", "plain_text"), [
    ("Jonas er startet i behandling efter § 101 og møder op", "Jonas er startet i behandling og møder op"),
    ("Forsorgshjemmet Skovbrynet (§ 110)", "Forsorgshjemmet Skovbrynet"),
    ("Bostøtten efter serviceloven § 85 ved bostøtteteamet", "Bostøtten ved bostøtteteamet"),
    ("Støtte jf. § 141, stk. 5, nr. 2.", "Støtte."),
    ("Ophold efter §§ 107-110 (LBK nr. 1234 af 1. juli 2024)", "Ophold"),
    ("Behandling efter § 101 i Rusmiddelcenteret", "Behandling i Rusmiddelcenteret"),
    ("Housing First-bostøtte efter CTI-metoden", "Housing First-bostøtte efter CTI-metoden"),
])
def test_plain_takes_out_legal_references(written, plain_text):
    assert plain(written) == plain_text


def test_default_names_carry_no_cpr_and_say_which_copy(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = "Jonas 120379-1235 Østergaard"
    assert citizen_filename(plan, "pdf") == "Din plan Jonas Østergaard 2026-11-02 v1 KLADDE.pdf"
    assert citizen_filename(plan, "docx", english=True) == \
        "Din plan Jonas Østergaard 2026-11-02 v1 KLADDE engelsk.docx"


def test_the_levels_go_from_generous_to_strict():
    for looser, stricter in zip(LEVELS, LEVELS[1:]):
        assert looser != stricter
        for field in ("goals", "steps", "services", "partners", "text", "item"):
            assert getattr(stricter, field) <= getattr(looser, field), field


def test_libreoffice_lays_the_docx_out_on_two_pages_at_most(example, english, big, tmp_path):
    import shutil
    import subprocess

    from pypdf import PdfReader

    files = {"example": example, "english": english, "big": big}
    for name, made in files.items():
        (tmp_path / f"{name}.docx").write_bytes(made.docx_data)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) must be installed: apt-get install libreoffice-writer-nogui"
    out = tmp_path / "out"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--norestore", "--convert-to", "pdf", "--outdir", str(out),
         *(str(tmp_path / f"{name}.docx") for name in files)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for name in files:
        reader = PdfReader(out / f"{name}.pdf")
        assert len(reader.pages) <= 2, name
        lines = [line for page in reader.pages for line in page.extract_text().split("\n")]
        assert max(len(line.strip()) for line in lines) <= 64, name
    assert w.H_GOALS.en in PdfReader(out / "english.pdf").pages[0].extract_text()


def test_the_access_request_extract_names_the_copy_as_the_citizens():
    from planbro.documents.extract import what_happened

    assert what_happened("render", "din plan pdf", 2) == \
        "Din plan (din egen korte udgave) blev gemt som PDF-dokument (version 2)"


def test_only_long_compounds_are_hyphenated_in_the_pdf(example, big):
    from planbro.documents.citizen_pdf import MIN_HYPHENATED

    broken = []
    for files in (example, big):
        for page in files.pages():
            lines = page.split("\n")
            for line, after in zip(lines, lines[1:]):
                head = re.search(r"(\w+)-$", line.rstrip())
                if head and after.strip() and after.strip()[0].islower():
                    broken.append(head.group(1) + re.match(r"\w*", after.strip()).group(0))
    assert "Rusmiddelcenteret" in broken
    assert all(len(word) >= MIN_HYPHENATED for word in broken), broken
