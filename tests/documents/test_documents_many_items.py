"""Documents of many small things: thousands of lines, hundreds of services,
a table cell of thousands of lines; and the bounds on lines and rows."""

from __future__ import annotations

import copy
import io
import random
import re
import subprocess

import docx
import pytest
from pypdf import PdfReader

from planbro.model import Service, ValidationError

from planbro.documents import docx_bytes, pdf_bytes, pdf_words
from planbro.documents import fonts as f
from planbro.documents.long_text import PIECE_CHARS, PIECE_LINES, pieces
from planbro.documents.pdf import TABLE_ROWS
from planbro.documents.size import MAX_LINES, MAX_ROWS

from planbro.actions.documents import NotWritten, make_documents


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _docx_texts(data: bytes) -> str:
    """Every paragraph of the .docx, in the body and in table cells, one per line."""
    document = docx.Document(io.BytesIO(data))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            out += [p.text for c in {c._tc: c for c in row.cells}.values() for p in c.paragraphs]
    return "\n".join(out)


def _numbers(prefix: str, text: str) -> list[int]:
    return [int(n) for n in re.findall(rf"\b{prefix}(\d+)\b", text)]


@pytest.mark.parametrize("text", ["a\n" * 4000, "".join(f"linje{i}\n" for i in range(5000)),
                                  "kort\n" * 10 + "x" * 7000 + "\nkort" * 10])
def test_short_lines_share_a_piece_with_their_line_breaks(text):
    parts = pieces(text)
    assert all(len(part) <= PIECE_CHARS and part.count("\n") < PIECE_LINES for part in parts)
    if "x" not in text:
        # No line was cut: the pieces are the text's lines, gathered.
        assert "\n".join(parts) == text
        assert len(parts) == -(-(text.count("\n") + 1) // PIECE_LINES)


def test_the_fast_word_split_splits_as_reportlab_does():
    f.register_fonts()
    rng = random.Random(10)
    for _ in range(500):
        word = "".join(rng.choice("abcæøåWil1.,—x") for _ in range(rng.randint(1, 300)))
        widths = [rng.uniform(5, 300) for _ in range(rng.randint(1, 3))]
        args = (word, rng.uniform(0, 100), widths, rng.randint(0, 3),
                rng.choice([f.SANS, f.SANS_BOLD]), rng.choice([8.5, 9.5, 10]))
        theirs, ours = pdf_words._split_word(*args), pdf_words._split_fast(*args)
        assert ours == theirs and list(map(type, ours)) == list(map(type, theirs))


def test_many_lines_in_a_field_render_every_line_in_order(example_plan, tmp_path):
    plan = copy.deepcopy(example_plan)
    count = MAX_LINES - 1000
    plan.purpose = "".join(f"linje{i}\n" for i in range(count))
    assert _numbers("linje", _pdf_text(pdf_bytes(plan), tmp_path)) == list(range(count))
    assert _numbers("linje", _docx_texts(docx_bytes(plan))) == list(range(count))


def test_many_lines_in_a_table_cell_render_every_line_in_order(example_plan, tmp_path):
    plan = copy.deepcopy(example_plan)
    count = 5000
    plan.goals[0].subgoals[0].indicator = "\n".join(f"linje{i}" for i in range(count))
    pdf = pdf_bytes(plan)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 50
    assert _numbers("linje", _pdf_text(pdf, tmp_path)) == list(range(count))
    assert _numbers("linje", _docx_texts(docx_bytes(plan))) == list(range(count))


def test_hundreds_of_services_render_every_title_in_order_with_headers(example_plan, tmp_path):
    plan = copy.deepcopy(example_plan)
    count = 3 * TABLE_ROWS + 17
    goal = plan.goals[0].id
    plan.services = [Service(title=f"Indsats{i}", provider="CTI-teamet", goal_ids=[goal])
                     for i in range(count)]
    pdf = pdf_bytes(plan)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert _numbers("Indsats", "\n".join(pages)) == list(range(count))
    # Every page with services on it has the header row above them.
    with_services = [text for text in pages if re.search(r"\bIndsats\d+", text)]
    assert len(with_services) > 5
    assert all(re.search(r"Indsats\s+Lovgrundlag\s+Udfører", text) for text in with_services)
    assert _numbers("Indsats", _docx_texts(docx_bytes(plan))) == list(range(count))


def test_a_million_lines_are_refused_at_once_naming_the_field(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.purpose = "a\n" * 1_000_000
    for render in (docx_bytes, pdf_bytes):
        with pytest.raises(ValidationError) as refused:
            render(plan)
        [problem] = refused.value.problems
        assert problem.field == "purpose"
        assert "20.000" in problem.reason and "1.000.001 linjer" in problem.reason
    with pytest.raises(NotWritten) as not_written:
        make_documents(plan, ["pdf"])
    assert not_written.value.message().startswith("Dokumentet blev ikke lavet:")


def test_too_many_services_are_refused_naming_the_list_not_its_lines(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.services = [Service(title=f"Indsats {i}", legal_basis="Serviceloven § 85",
                             provider="x\ny\nz") for i in range(3000)]
    for render in (docx_bytes, pdf_bytes):
        with pytest.raises(ValidationError) as refused:
            render(plan)
        [problem] = refused.value.problems
        assert problem.field == "services"
        assert f"{MAX_ROWS:,}".replace(",", ".") in problem.reason and "3.000" in problem.reason


def test_a_plan_at_the_row_bound_is_rendered(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.services = [Service(title=f"Indsats {i}") for i in range(MAX_ROWS - 50)]
    assert docx_bytes(plan).startswith(b"PK")
