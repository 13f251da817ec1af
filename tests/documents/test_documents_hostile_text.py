"""Documents under hostile text: a huge name, a megabyte in one field, a plan too large."""

from __future__ import annotations

import copy
import io
import re
import subprocess

import docx
import pytest
from docs_helpers import run_tool, squeeze
from pypdf import PdfReader

from planbro.model import ValidationError
from planbro.model.limits import MAX_PLAN_FILE_BYTES

from planbro.documents import docx_bytes, pdf_bytes
from planbro.documents.long_text import META_CHARS, PIECE_CHARS, pieces, shorten

from planbro.actions.documents import NotWritten, make_documents

# A name of 1,000 characters in words of 9 letters (and spaces).
LONG_NAME = " ".join(f"Navn{i:05d}" for i in range(100))
# One megabyte of text in one field.
MEGABYTE = 1_000_000


def _words(chars: int) -> str:
    """Distinct words and sentences (so a lost or repeated piece shows), `chars` long."""
    text = " ".join(f"ord{i}" + ("." if i % 12 == 11 else "") for i in range(chars // 5 + 1))
    return text[:chars].rstrip()


def _no_spaces(chars: int) -> str:
    """One "word" of `chars` characters that never repeats a stretch."""
    return "".join(f"x{i}" for i in range(chars // 3 + 1))[:chars]


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _body(pdf_text: str) -> str:
    """The PDF's text without page headers and footers (they come between the pages' text)."""
    return "".join(line for line in pdf_text.splitlines()
                   if not line.startswith(("Handleplan for", "KLADDE", "Original til", "Side ",
                                           "Lovhenvisninger kontrolleret")))


def test_shorten_cuts_at_a_word_and_marks_it():
    assert shorten("Jonas Østergaard", 255) == "Jonas Østergaard"
    assert shorten("Jonas Mikkelsen Østergaard", 20) == "Jonas Mikkelsen…"
    assert shorten("Jonas Mikkelsen, Østergaard", 20) == "Jonas Mikkelsen…"
    assert shorten("x" * 300, 255) == "x" * 254 + "…"
    assert len(shorten(LONG_NAME)) <= META_CHARS


@pytest.mark.parametrize("text", [_words(10_000), _no_spaces(10_000), "a\n" * 4000,
                                  "Kort tekst.", _words(PIECE_CHARS)])
def test_pieces_lose_nothing_and_stay_short(text):
    parts = pieces(text)
    assert all(len(part) <= PIECE_CHARS for part in parts)
    assert squeeze("".join(parts)) == squeeze(text)
    assert (len(parts) == 1) == (len(text) <= PIECE_CHARS)


def test_a_piece_ends_after_a_sentence_when_there_is_one():
    parts = pieces(_words(10_000))
    assert len(parts) >= 4 and all(part.endswith(".") for part in parts[:-1])


def test_a_1000_character_name_renders_whole_with_short_metadata(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = LONG_NAME
    plan.caseworker.name = LONG_NAME.replace("Navn", "Sagsbehandler")
    doc = rendered(plan)
    props = docx.Document(doc.docx).core_properties
    reader = doc.reader
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    for title in (props.title, reader.metadata.title):
        assert len(title) <= META_CHARS
        assert title.startswith("Handleplan efter serviceloven § 142 – Navn00000 Navn00001")
        assert title.endswith("…, version 1")
    assert reader.metadata.title == props.title and f">{props.title}<" in xmp
    for author in (props.author, reader.metadata.author):
        assert len(author) <= META_CHARS and author.endswith("…")
    # The body keeps the whole name: under Borger and at the signature.
    assert doc.docx_paragraphs().count(LONG_NAME) == 2
    assert squeeze(doc.pdf_body()).count(squeeze(LONG_NAME)) == 2
    assert run_tool("ooxml_check.py", doc.docx).returncode == 0
    result = run_tool("pdfa_check.py", doc.pdf)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("text", [_words(MEGABYTE), _no_spaces(MEGABYTE)],
                         ids=["words", "one-word"])
def test_a_megabyte_paragraph_renders_every_character(example_plan, tmp_path, text):
    plan = copy.deepcopy(example_plan)
    plan.purpose = text
    assert squeeze(text) in squeeze(_body(_pdf_text(pdf_bytes(plan), tmp_path)))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(docx_bytes(plan))).paragraphs]
    assert text in paragraphs


def test_a_long_table_cell_runs_over_pages_with_every_word_in_order(example_plan, tmp_path):
    plan = copy.deepcopy(example_plan)
    text = _words(200_000)
    plan.goals[0].subgoals[0].indicator = text
    pdf = pdf_bytes(plan)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 100
    # The other cells of the row and the repeated header row come between
    # its lines in the text: compare the words.
    numbers = [int(n) for n in re.findall(r"\bord(\d+)\b", _pdf_text(pdf, tmp_path))]
    assert numbers == [int(n) for n in re.findall(r"\bord(\d+)\b", text)]


def test_a_plan_larger_than_a_plan_file_is_refused_naming_its_largest_text(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.circumstances.housing = "a" * MAX_PLAN_FILE_BYTES
    for render in (docx_bytes, pdf_bytes):
        with pytest.raises(ValidationError) as refused:
            render(plan)
        [problem] = refused.value.problems
        assert problem.field == "circumstances.housing"
        assert "5 MB" in problem.reason and "5,1 MB" in problem.reason
    with pytest.raises(NotWritten) as not_written:
        make_documents(plan, ["docx", "pdf"])
    message = not_written.value.message()
    assert message.startswith("Dokumentet blev ikke lavet:") and "circumstances.housing" in message
    assert "Traceback" not in message


def test_a_plan_just_within_the_limit_is_rendered(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.circumstances.housing = ""
    from planbro.documents.size import plan_bytes

    room = MAX_PLAN_FILE_BYTES - plan_bytes(plan)
    plan.circumstances.housing = "a" * room
    assert plan_bytes(plan) == MAX_PLAN_FILE_BYTES
    assert docx_bytes(plan).startswith(b"PK")
