"""Typesetting (#13): Danish words break with a hyphen at allowed places, never
mid-word without one; table columns get their widths from their content (a
date never wraps, a header word never breaks), the same in both formats."""

from __future__ import annotations

import copy
import html
import re
from datetime import date

import docx
import pytest
from docs_helpers import broken_over_lines, plain, squeeze
from docx.oxml.ns import qn
from reportlab.platypus import Paragraph, Table

from planbro.model import Goal, Partner, Service, SubGoal

from planbro.documents import blocks as b
from planbro.documents import columns
from planbro.documents import pdf as p
from planbro.documents.hyphenation import (
    DOCX_LANGUAGE,
    PARAGRAPH_HYPHENATION,
    hyphenated,
    pairs,
    positions,
)
from planbro.documents.layout import build_document

# Where reportlab may break a line: its breaking spaces (not the no-break space).
BREAKING = " \n\t"
# What reportlab takes off a word before hyphenating it.
PREFIX, SUFFIX = "'\"([{", "]'\")}?!.,;:"
# A date as the tables print it.
DATE = re.compile(r"\d{1,2}\. [^\W\d_]+\.? \d{4}")


@pytest.fixture(scope="module")
def long_words(example_plan_module):
    """The example plan with the long Danish words issue 13 names in every table."""
    plan = copy.deepcopy(example_plan_module)
    plan.services.append(Service(
        title="Alkoholbehandlingen", legal_basis="Sundhedsloven § 141",
        provider="Misbrugsbehandlingsinstitutionen", extent="Beskæftigelsesindsatsen og samtaler",
        start=date(2027, 1, 15), end=date(2027, 6, 30)))
    plan.goals.append(Goal(title="Misbrugsbehandlingsinstitutionen og Beskæftigelsesindsatsen",
                           subgoals=[SubGoal(text="Alkoholbehandlingen efter Sundhedsloven § 141",
                                             indicator="Kontaktoplysningerne er opdateret",
                                             responsible="Misbrugsbehandlingsinstitutionen",
                                             deadline=date(2027, 6, 30))]))
    plan.partners.append(Partner(name="Kirsten Beskæftigelsesindsatsen",
                                 organisation="Misbrugsbehandlingsinstitutionen",
                                 role="Behandlingskoordinator"))
    return plan


@pytest.fixture(scope="module")
def example_plan_module():
    from importlib import resources

    from planbro.exchange import read_plan_file

    with resources.as_file(resources.files("planbro.forms") / "example-plan.json") as path:
        return read_plan_file(path)


# --- Danish hyphenation ------------------------------------------------------------


@pytest.mark.parametrize("word, expected", [
    ("Alkoholbehandlingen", "Al-ko-hol-be-hand-lin-gen"),
    ("Sundhedsloven", "Sund-heds-lo-ven"),
    ("Misbrugsbehandlingsinstitutionen", "Mis-brugs-be-hand-lings-in-sti-tu-tio-nen"),
    ("Beskæftigelsesindsatsen", "Be-skæf-ti-gel-ses-ind-sat-sen"),
    ("Lovgrundlag", "Lov-grund-lag"),
    # The Danish patterns' slips, undone: the consonant stays with its part ...
    ("kontaktoplysninger", "kon-takt-op-lys-nin-ger"),
    ("døgnophold", "døgn-op-hold"),
    ("jobafklaring", "job-af-kla-ring"),
    # ... and no piece is without a vowel.
    ("rådgivning", "råd-giv-ning"),
    ("lagermedarbejder", "la-ger-med-ar-bej-der"),
    # At least three letters after the last break; no break in a short word.
    ("Odense", "Odense"),
    ("Metode", "Me-tode"),
])
def test_danish_words_break_at_their_syllables_and_compound_seams(word, expected):
    assert hyphenated(word) == expected


def test_pairs_are_what_reportlab_takes_longest_head_first():
    assert pairs("Lovgrundlag") == (("Lovgrund", "lag"), ("Lov", "grundlag"))
    assert positions("Lovgrundlag") == (3, 8)
    # The renderers share one set of settings: Danish pyphen through a callable.
    assert callable(PARAGRAPH_HYPHENATION["hyphenationLang"])
    assert PARAGRAPH_HYPHENATION["hyphenationLang"]("Lovgrundlag") == pairs("Lovgrundlag")
    assert DOCX_LANGUAGE == "da-DK"


def _lines(paragraph: Paragraph) -> list[str]:
    """The lines reportlab broke a wrapped paragraph into."""
    para = paragraph.blPara
    if para.kind == 0:
        return [" ".join(words) for _extra, words in para.lines]
    return ["".join(f.text for f in line.words) for line in para.lines]


def _source(paragraph: Paragraph) -> str:
    """The text a paragraph was made of (its markup undone: text.markup)."""
    text = re.sub(r"</?font[^>]*>", "", paragraph.text).replace("<br/>", "\n")
    return html.unescape(text)


def _bad_breaks(paragraph: Paragraph) -> list[str]:
    """Every line end of `paragraph` that is inside a word without a hyphen, or
    with a hyphen where the Danish hyphenation allows none."""
    text, pos, bad = _source(paragraph), 0, []
    lines = _lines(paragraph)
    for i, line in enumerate(lines):
        line = line.strip(BREAKING)
        while pos < len(text) and text[pos] in BREAKING:
            pos += 1
        if text.startswith(line, pos):
            pos += len(line)
            inside = pos < len(text) and text[pos] not in BREAKING
            if inside and not line.endswith("-"):
                bad.append(f"{line!r} + {text[pos:pos + 12]!r}")
        elif line.endswith("-") and text.startswith(line[:-1], pos):
            pos += len(line) - 1
            start = max(text.rfind(c, 0, pos) for c in BREAKING) + 1
            end = min((j for j in (text.find(c, pos) for c in BREAKING) if j >= 0), default=len(text))
            word = text[start:end]
            core = word.lstrip(PREFIX).rstrip(SUFFIX)
            at = pos - start - (len(word) - len(word.lstrip(PREFIX)))
            if at not in positions(core):
                bad.append(f"{line!r}: {core!r} may not break after {core[:at]!r}")
        else:
            bad.append(f"line {i} {line!r} is not the text at {text[pos:pos + 20]!r}")
    return bad


def _pdf_tables(plan) -> list[tuple[b.Table, Table]]:
    """Each data table of the plan's PDF, as reportlab lays it out, with its block."""
    doc = build_document(plan)
    width = p.A4[0] - 2 * p.MARGIN_SIDE
    flow = p.story(doc, width)
    tables = [f for f in flow if isinstance(f, Table)]
    blocks = [blk for blk in doc.blocks if isinstance(blk, b.Table)]
    out = []
    for table in tables:
        header = [_cell_text(c) for c in table._cellvalues[0]]
        block = next((blk for blk in blocks if list(blk.header) == header), None)
        if block is not None:
            table.wrap(width, 10 ** 6)
            out.append((block, table))
    return out


def _cell_text(cell) -> str:
    if isinstance(cell, str):
        return cell
    return "".join(_source(f) for f in _paragraphs(cell))


def _paragraphs(cell) -> list[Paragraph]:
    return [f for f in cell if isinstance(f, Paragraph)] if isinstance(cell, (list, tuple)) else []


@pytest.mark.parametrize("which", ["example", "long_words"])
def test_no_table_cell_of_the_pdf_breaks_a_word_without_a_hyphen(which, example_plan_module,
                                                                  long_words):
    plan = example_plan_module if which == "example" else long_words
    tables = _pdf_tables(plan)
    assert len(tables) >= 5
    wrapped = hyphens = 0
    for block, table in tables:
        for row in table._cellvalues:
            for cell in row:
                for paragraph in _paragraphs(cell):
                    lines = _lines(paragraph)
                    wrapped += len(lines) > 1
                    hyphens += sum(line.endswith("-") for line in lines[:-1])
                    assert _bad_breaks(paragraph) == [], (block.header, _source(paragraph))
    # The check saw wrapped cells and hyphenated words (else it proves nothing).
    assert wrapped > 10 and hyphens > 0


@pytest.mark.parametrize("which", ["example", "long_words"])
def test_a_header_is_never_broken_and_a_date_never_wraps_in_the_pdf(which, example_plan_module,
                                                                     long_words):
    plan = example_plan_module if which == "example" else long_words
    dates = 0
    for block, table in _pdf_tables(plan):
        for cell in table._cellvalues[0]:
            for paragraph in _paragraphs(cell):
                # A header may wrap between its words, never inside one.
                assert not any(line.endswith("-") for line in _lines(paragraph)), block.header
                assert _bad_breaks(paragraph) == []
        for row in table._cellvalues[1:]:
            for cell in row:
                if DATE.fullmatch(_cell_text(cell)):
                    dates += 1
                    # A plain string is drawn on one line; a paragraph must have one line.
                    assert isinstance(cell, str) or all(len(_lines(q)) == 1 for q in _paragraphs(cell))
    assert dates >= 10


def test_the_reported_breaks_are_gone(long_words, rendered):
    """Issue 13's 'Sundhedslove / n § 141' and 'Alkoholbehandlinge / n', in the PDF's text."""
    doc = rendered(long_words, "long")
    text = "\n".join(page.extract_text() for page in doc.reader.pages)
    lines = [plain(line) for line in text.split("\n")]
    ends = {}
    for word in ("Sundhedsloven", "Alkoholbehandlingen", "Misbrugsbehandlingsinstitutionen",
                 "Beskæftigelsesindsatsen"):
        ends[word] = broken_over_lines(lines, word)
        # Each line ending inside the word ends with a hyphen at an allowed place.
        assert all(end.endswith("-") and len(end) - 1 in positions(word) for end in ends[word]), ends
    assert sum(map(len, ends.values())) >= 3
    # The words are all there, whole once the hyphenation is taken out.
    body = squeeze(doc.pdf_body())
    assert all(w in body for w in ("Sundhedsloven§141", "Alkoholbehandlingen",
                                   "Misbrugsbehandlingsinstitutionen"))


# --- Column widths ------------------------------------------------------------------


def test_widths_come_from_the_content_within_the_page():
    width = 470.0
    table = b.Table(("Indsats", "Lovgrundlag", "Start", "Slut"),
                    (("Alkoholbehandlingen i Misbrugsbehandlingsinstitutionen", "Sundhedsloven § 141",
                      "30. jun. 2027", "Ikke fastsat"),), (4.0, 2.0, 1.0, 1.0))
    widths = columns.column_widths(table, width)
    assert sum(widths) == pytest.approx(width)
    pad = 2 * columns.CELL_PADDING
    # A date and a header word fit whole; so does "§ 141" (a no-break group).
    assert widths[2] >= columns.text_width("30. jun. 2027") + pad
    assert widths[1] >= columns.text_width("Lovgrundlag", columns.HEAD_FONT) + pad
    # With room to spare, each column has at least its widest line.
    assert widths[0] >= columns.text_width(table.rows[0][0]) + pad


def test_a_tight_table_keeps_each_columns_unbreakable_pieces():
    width = 200.0
    table = b.Table(("Navn", "Organisation", "Frist"),
                    (("Misbrugsbehandlingsinstitutionen", "Beskæftigelsesindsatsen",
                      "30. jun. 2027"),), (1.0, 1.0, 1.0))
    widths = columns.column_widths(table, width)
    assert sum(widths) == pytest.approx(width)
    pad = 2 * columns.CELL_PADDING
    # The date keeps its width; the long words get at least their widest syllable
    # with its hyphen, and share the rest.
    assert widths[2] >= columns.text_width("30. jun. 2027") + pad
    assert widths[0] >= columns.least_word("Misbrugsbehandlingsinstitutionen") + pad
    assert columns.least_word("Misbrugsbehandlingsinstitutionen") < columns.text_width("Misbrugs")


def test_tables_of_one_kind_line_up_and_the_docx_has_the_pdfs_widths(example_rendered):
    doc = build_document(example_rendered.plan)
    tables = [blk for blk in doc.blocks if isinstance(blk, b.Table)]
    widths = columns.document_widths(doc.blocks, 470.55)
    goals = [t for t in tables if t.header == tables[1].header]
    assert len(goals) == 3 and len({widths[t] for t in goals}) == 1
    document = docx.Document(example_rendered.docx)
    data = [t for t in document.tables if t.rows[0].cells[0].text in {blk.header[0] for blk in tables}]
    assert len(data) == len(tables)
    text_width = p.A4[0] - 2 * p.MARGIN_SIDE
    pdf_widths = columns.document_widths(doc.blocks, text_width)
    for block, table in zip(tables, data):
        grid = [int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.gridCol_lst]
        assert grid == pytest.approx(list(pdf_widths[block]), abs=0.1), block.header


def test_a_string_longer_than_any_word_is_cut_not_hyphenated(example_plan_module, rendered):
    """A pasted string without spaces: reportlab would measure every head of it on
    every line (seconds for a few thousand letters); it is cut as an overlong word."""
    from planbro.documents.hyphenation import MAX_WORD_LENGTH

    hyphenator = PARAGRAPH_HYPHENATION["hyphenationLang"]
    assert hyphenator("Alkoholbehandlingen" * 3) and hyphenator("Alkoholbehandlingen" * 4) == ()
    assert len("Alkoholbehandlingen" * 3) <= MAX_WORD_LENGTH < len("Alkoholbehandlingen" * 4)
    plan = copy.deepcopy(example_plan_module)
    plan.services[0].provider = "Alkoholbehandlingen" * 200
    doc = rendered(plan, "pasted")
    text = "\n".join(page.extract_text() for page in doc.reader.pages)
    letters = set("Alkoholbehandlingen")
    cut = [line for line in text.split("\n") if len(line) > 20 and set(line.rstrip("-")) <= letters]
    # Cut into many lines, none with a hyphen; nothing is lost.
    assert len(cut) > 50 and not any(line.endswith("-") for line in cut)
    assert squeeze(text).count("Alkoholbehandlingen") >= 195
    widths = columns.document_widths(build_document(plan).blocks, 470.0)
    services = next(t for t in build_document(plan).blocks
                    if isinstance(t, b.Table) and t.header[0] == "Indsats")
    # The string claims no more than half the table; the dates keep their width.
    assert widths[services][2] <= 235 and widths[services][4] >= columns.text_width("15. jan. 2027")
