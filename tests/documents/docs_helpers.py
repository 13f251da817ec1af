"""Helpers for the document tests: render both formats, extract their text.

A module of its own (not conftest) so test modules can import it by a
name no other test folder uses.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import docx
from pypdf import PdfReader

from planbro.model import Goal, SubGoal

from planbro.documents import render_docx, render_pdf

# The shared checkers (ooxml_check.py, pdfa_check.py): in shared/ beside the
# checkout, as CI lays it out, else where the workplace keeps it.
SHARED_TOOLS = next((p for p in (Path(__file__).resolve().parents[3] / "shared" / "tools",
                                 Path("/work/shared/tools")) if (p / "pdfa_check.py").is_file()),
                    Path("/work/shared/tools"))
# The no-break space the documents keep phone numbers and lists together with.
NBSP = "\u00a0"
# The page footer's page counter.
PAGE_COUNTER = re.compile(r"Side \d+ af \d+")


class Rendered:
    """A plan rendered to .docx and PDF, with the text of each."""

    def __init__(self, plan, folder: Path, name: str = "plan"):
        self.plan = plan
        self.docx = render_docx(plan, folder / f"{name}.docx")
        self.pdf = render_pdf(plan, folder / f"{name}.pdf")
        self.reader = PdfReader(self.pdf)

    def docx_paragraphs(self) -> list[str]:
        """Body text in reading order: paragraphs, and table cells row by row."""
        out = []
        for item in docx.Document(self.docx).iter_inner_content():
            if isinstance(item, docx.table.Table):
                for row in item.rows:
                    # A cell spanning columns is listed once per column: read it once.
                    cells = {cell._tc: cell for cell in row.cells}
                    for cell in cells.values():
                        out += [p.text for p in cell.paragraphs]
            else:
                out.append(item.text)
        return [t for t in out if t.strip()]

    def page_texts(self) -> list[str]:
        """Each page's text, with the hyphens hyphenation added at line ends taken out."""
        from planbro.documents.layout import build_document

        doc = build_document(self.plan)
        source = plain("\n".join([*doc.texts(), *doc.header_texts(), doc.running, doc.footnote]))
        return [unhyphenated(page.extract_text(), source) for page in self.reader.pages]

    def pdf_body(self) -> str:
        """All page text without the page header and the footer (running text, legal reference)."""
        running, footnote = plain(self.running()), plain(self.footnote())
        pages = []
        for text in self.page_texts():
            text = PAGE_COUNTER.sub("", text)
            for header in self.header_texts():
                text = text.replace(plain(header), "", 1)
            pages.append(text.replace(running, "").replace(footnote, ""))
        return "\n".join(pages)

    def running(self) -> str:
        from planbro.documents.layout import build_document

        return build_document(self.plan).running

    def footnote(self) -> str:
        """The small print under the running text of every page footer."""
        from planbro.documents.layout import build_document

        return build_document(self.plan).footnote

    def docx_footer(self) -> str:
        """The text of the .docx's page footer (its only section's)."""
        footer = docx.Document(self.docx).sections[0].footer
        return "\n".join(p.text for p in footer.paragraphs)

    def header_texts(self) -> list[str]:
        """What every page header says (the draft mark), in order."""
        from planbro.documents.layout import build_document

        return build_document(self.plan).header_texts()

    def docx_header(self) -> str:
        """The text of the .docx's page header (its only section's)."""
        header = docx.Document(self.docx).sections[0].header
        return "\n".join(p.text for p in header.paragraphs)


def plain(text: str) -> str:
    """`text` with no-break spaces as plain ones, as the PDF's text extraction gives them."""
    return text.replace(NBSP, " ")


# A line ending in a hyphen after letters, and the letters the next line begins with.
_LINE_END_HYPHEN = re.compile(r"([^\W\d_]+)-\n(?=([^\W\d_]+))")


def unhyphenated(text: str, source: str) -> str:
    """PDF `text` with each word the hyphenation broke over two lines whole
    again ("Oden-\nse" -> "Odense"); a hyphen the word has in `source` (the
    printed texts) stays, the line break goes ("First-\nbostøtte" ->
    "First-bostøtte")."""
    def whole(m: re.Match[str]) -> str:
        real = f"{m.group(1)}-{m.group(2)}" in source
        return m.group(1) + ("-" if real else "")

    return _LINE_END_HYPHEN.sub(whole, text)


def broken_over_lines(lines: list[str], word: str) -> list[str]:
    """Where `word` is broken over two of `lines` (a PDF's text, line by line):
    the end of each such line, with its hyphen if it has one ("Sundhedslo-",
    "Sundhedslove")."""
    out = []
    for line, after in zip(lines, lines[1:]):
        end = line.rstrip().split(" ")[-1] if line.strip() else ""
        head, start = end.removesuffix("-"), after.strip().split(" ")[0] if after.strip() else ""
        rest = word[len(head):]
        if head and start and head != word and word.startswith(head) \
                and rest.startswith(start[:len(rest)]):
            out.append(end)
    return out


def squeeze(text: str) -> str:
    """Text without any whitespace: line breaks differ between formats."""
    return re.sub(r"\s+", "", text)


def in_order(needles: list[str], haystack: str) -> bool:
    """Every needle occurs in `haystack`, each after the previous one."""
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def many_goals(plan, goals: int = 50, subgoals: int = 3):
    plan = copy.deepcopy(plan)
    plan.goals = [Goal(id=f"g{i}", title=f"Mål nummer {i} om bolig og økonomi",
                       subgoals=[SubGoal(text=f"Delmål {i}.{j} skal nås", indicator=f"Indikator {i}.{j}",
                                         responsible="Mette Lund Sørensen")
                                 for j in range(1, subgoals + 1)])
                  for i in range(1, goals + 1)]
    return plan


def run_tool(name: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SHARED_TOOLS / name), *map(str, files)],
                          capture_output=True, text=True)


