"""The intermediate document: what a plan document says, in reading order.

layout.py builds it from a Plan; docx.py and pdf.py render it. Every text
in it is final, printable Danish, so both renderers print the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planbro.documents.municipality import Municipality

# Table rows with at most this much text are never split over two pages.
UNSPLIT_ROW_CHARS = 600


@dataclass(frozen=True)
class Heading:
    text: str
    # 0: one law's part of a helhedsorienteret plan; 1: a numbered plan section;
    # 2: a goal or a sub-section.
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    # "body", "note" (small, grey: explanations) or "statement".
    style: str = "body"


@dataclass(frozen=True)
class Fields:
    """Label/value pairs, printed as a two-column table without borders."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Relative column widths, one per header cell.
    widths: tuple[float, ...]
    # A line the width of the table under each row, kept with it ("Mål: …"
    # under a service): one per row, or none at all.
    notes: tuple[str, ...] = ()

    def row_chars(self, i: int) -> int:
        """How much text row `i` holds, with its note."""
        return sum(map(len, self.rows[i])) + sum(map(len, self.notes[i:i + 1]))


@dataclass(frozen=True)
class SignatureLine:
    label: str            # "Borgerens underskrift"
    name: str             # who signs
    place: str            # "Sted: Forsorgshjemmet Skovbrynet" or a blank to fill in
    date: str             # "Dato: 2. november 2026" or a blank to fill in


@dataclass(frozen=True)
class Signatures:
    """The statement and the signature lines: one block that never splits."""

    statement: str
    lines: tuple[SignatureLine, ...]


Block = Heading | Paragraph | Fields | Table | Signatures


@dataclass(frozen=True)
class Document:
    title: str
    # "Version 1 · 2. november 2026" under the title.
    subtitle: str
    municipality: Municipality
    # Metadata: title and author (the caseworker); never a CPR number.
    meta_title: str
    author: str
    # Printed in every page footer before "Side X af Y".
    running: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    # Printed in every page header of a draft ("KLADDE – ikke underskrevet");
    # empty for a signed version.
    mark: str = ""
    # The small print at the right of every page header: what the document
    # is for ("Original til sagen · indeholder fuldt CPR-nummer").
    purpose: str = ""
    # The metadata's subject: what kind of document it is.
    subject: str = "Handleplan"
    # Printed small under the running text of every page footer: which consolidated
    # act the legal wording was checked against (templates/legal.toml).
    footnote: str = ""

    def header_texts(self) -> list[str]:
        """What every page header says, in reading order: the mark, then the small print."""
        return [t for t in (self.mark, self.purpose) if t]

    def texts(self) -> list[str]:
        """Every printed text in reading order (the tests compare formats by it)."""
        out = [self.municipality.name, self.municipality.address, self.title, self.subtitle]
        for block in self.blocks:
            if isinstance(block, (Heading, Paragraph)):
                out.append(block.text)
            elif isinstance(block, Fields):
                out.extend(t for row in block.rows for t in row)
            elif isinstance(block, Table):
                out.extend(block.header)
                for i, row in enumerate(block.rows):
                    out.extend(row)
                    out.extend(block.notes[i:i + 1])
            else:
                out.append(block.statement)
                out.extend(t for line in block.lines
                           for t in (line.label, line.name, line.place, line.date))
        return [t for t in out if t]
