"""Helpers for the tests of "Din plan": make both formats, read their text and type sizes.

A module of its own (not conftest) so the test modules can import it by a
name no other test folder uses.
"""

from __future__ import annotations

import copy
import io
import zipfile
from datetime import date

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader
from pypdf.generic import ContentStream

from planbro.model import Goal, Partner, Service, SubGoal

from planbro.documents.citizen import citizen_documents


class CitizenCopyFiles:
    """The citizen's copy of a plan in both formats, and what they say."""

    def __init__(self, plan, english: bool = False, settings=None):
        made = citizen_documents(plan, ["pdf", "docx"], settings, english=english)
        self.pdf_data, self.docx_data = made["pdf"], made["docx"]
        self.reader = PdfReader(io.BytesIO(self.pdf_data))
        self.document = docx.Document(io.BytesIO(self.docx_data))

    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    def pdf_text(self) -> str:
        return "\n".join(self.pages())

    def docx_paragraphs(self) -> list[str]:
        return [p.text for p in self.document.paragraphs if p.text.strip()]

    def docx_text(self) -> str:
        return "\n".join(self.docx_paragraphs())

    def docx_footer(self) -> str:
        return "\n".join(p.text for p in self.document.sections[0].footer.paragraphs)

    def docx_header(self) -> str:
        return "\n".join(p.text for p in self.document.sections[0].header.paragraphs)

    def docx_xml(self) -> str:
        """Every XML part of the .docx, one after the other (core properties too)."""
        with zipfile.ZipFile(io.BytesIO(self.docx_data)) as archive:
            return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                             if name.endswith((".xml", ".rels")))

    def pdf_font_sizes(self) -> list[float]:
        """The size of every font the PDF's pages set (each Tf operator), and the
        scale of every text matrix, which would shrink a size set there."""
        sizes = []
        for page in self.reader.pages:
            for operands, operator in ContentStream(page.get_contents(), self.reader).operations:
                if operator == b"Tf":
                    sizes.append(float(operands[1]))
                elif operator == b"Tm":
                    assert [float(v) for v in operands[:4]] == [1, 0, 0, 1], operands
        return sizes

    def docx_run_sizes(self) -> list[tuple[str, float]]:
        """(text, effective size in points) of every run in the body, the header and
        the footer: the run's own size, else its character style's, else its
        paragraph style's (each with the styles it is based on), else the defaults."""
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        size = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        default = int(size.get(qn("w:val"))) / 2 if size is not None else 10.0

        def of_style(style) -> float | None:
            while style is not None:
                if style.font.size is not None:
                    return style.font.size.pt
                style = style.base_style
            return None

        section = self.document.sections[0]
        paragraphs = [*self.document.paragraphs, *section.header.paragraphs,
                      *section.footer.paragraphs]
        out = []
        for p in paragraphs:
            for run in p.runs:
                found = (run.font.size.pt if run.font.size is not None else None)
                found = found or of_style(run.style) or of_style(p.style) or default
                out.append((run.text, found))
        return out


def big_plan(plan):
    """The example plan grown far beyond two pages: 40 goals of 4 steps, 25 services,
    15 partners with phones, and long texts of the citizen's and the caseworker's."""
    plan = copy.deepcopy(plan)
    plan.citizen_words = ("Jeg vil gerne have en lejlighed med altan og komme i arbejde igen. " * 40).strip()
    plan.purpose = "At få styr på bolig, økonomi og behandling efter serviceloven § 141. " * 20
    plan.goals = [Goal(id=f"g{i}", title=f"Mål nummer {i}: Jonas får en hverdag med faste aftaler "
                                        f"om bolig, økonomi og behandling",
                       subgoals=[SubGoal(text=f"Skridt {i}.{j}: et møde med Rusmiddelcenteret om "
                                              f"behandlingsforløbet og de næste aftaler",
                                         responsible="Ali Hassan (CTI-medarbejder)",
                                         deadline=date(2027, 1 + j, 10))
                                 for j in range(1, 5)])
                  for i in range(1, 41)]
    plan.services = [Service(title=f"Indsats {i}: socialpædagogisk støtte i hjemmet",
                             legal_basis="Serviceloven § 85", provider="Bostøtteteamet, Odense Kommune",
                             extent="2 timer om ugen", start=date(2027, 1, i % 28 + 1),
                             end=date(2027, 12, 31)) for i in range(1, 26)]
    plan.partners = [Partner(name=f"Partner {i}", organisation="Kirkens Korshær", role="Kontaktperson",
                             phone=f"70 10 {i:02d} {i:02d}") for i in range(1, 16)]
    return plan
