"""What "Din plan" says, in reading order, and how much of the plan it may hold.

citizen.py builds a CitizenCopy from a plan within one of LEVELS' Limits;
citizen_pdf.py and citizen_docx.py print exactly its words.
"""

from __future__ import annotations

from dataclasses import dataclass

from planbro.documents import citizen_wording as w
from planbro.documents.municipality import Municipality

# What a Run is: text, or text in bold.
TEXT, STRONG = "text", "strong"


@dataclass(frozen=True)
class Run:
    """A piece of a line's text: `kind` TEXT or STRONG (bold); `english`: a fixed text in
    English (the .docx marks its language), else Danish, as all the plan's own text is."""

    text: str
    kind: str = TEXT
    english: bool = False


@dataclass(frozen=True)
class Line:
    """One paragraph: "heading", "body", "quote" (the citizen's words), "goal" and
    "step" (numbered and bulleted), "step_note", "item" and "item_note" (a service),
    "contact" or "end"; `bullet` is printed hanging before it ("1.", "•")."""

    runs: tuple[Run, ...]
    style: str = "body"
    bullet: str = ""

    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class CitizenCopy:
    """What the copy says, in reading order; both renderers print exactly this."""

    municipality: Municipality
    # "Din plan" (and "Your plan" under it).
    title: Line
    # The citizen's name and when the plan is from.
    made: Line
    lines: tuple[Line, ...]
    english: bool
    # In the header of every page of a draft; () for a signed plan.
    mark: tuple[Run, ...]
    # Metadata: never a CPR number.
    meta_title: str
    author: str
    subject: str = w.SUBJECT

    def footer(self, page: str, pages: str) -> tuple[Run, ...]:
        """The page footer, with `page` and `pages` (numbers, or where fields go)."""
        said = w.FOOTER.en if self.english else w.FOOTER.da
        return (Run(said.format(page=page, pages=pages), english=self.english),)

    def texts(self) -> list[str]:
        """Every text of the body in reading order (the tests read the formats by it)."""
        return [self.municipality.name, self.title.text(), self.made.text(),
                *(line.text() for line in self.lines)]


@dataclass(frozen=True)
class Limits:
    """How much of the plan the copy holds: goals, steps per goal, services, partners
    called; the longest text of the citizen's or the purpose, and of a goal, step or
    service; `details`: who sees to each step, how much of each service, and e-mail
    addresses; `purpose`: the plan's purpose beside the citizen's own words (alone, it
    is always printed); `intros`: the fixed sentences that open the goals and services."""

    goals: int
    steps: int
    services: int
    partners: int
    text: int
    item: int
    details: bool = False
    purpose: bool = False
    intros: bool = False


# From generous to strict: first what can go without losing a goal (details, the
# purpose beside the citizen's words, introductions), then steps, services and
# partners, then length; the citizen's own words are cut last. The last fits any
# plan on two pages, with the English frame too (citizen.py says how they are tried).
LEVELS = (
    Limits(12, 6, 10, 5, 900, 300, details=True, purpose=True, intros=True),
    Limits(12, 6, 10, 4, 900, 300, purpose=True, intros=True),
    Limits(12, 6, 10, 4, 900, 300, intros=True),
    Limits(10, 4, 8, 3, 900, 260),
    Limits(8, 3, 8, 3, 700, 240),
    Limits(8, 2, 6, 2, 700, 220),
    Limits(6, 1, 6, 2, 600, 200),
    Limits(6, 1, 5, 1, 500, 180),
    Limits(5, 0, 4, 1, 400, 160),
    Limits(4, 0, 3, 0, 300, 140),
    Limits(3, 0, 2, 0, 200, 110),
)
