"""The citizen's access request (GDPR art. 15): when their plan was used, and for what.

    extract_pdf(rows, citizen, actor, municipality, made) -> bytes (PDF/A-2b)
    extract_filename(plan_id, made)   the file name it is offered under

The layer above reads the audit log and hands over plain rows (ExtractRow:
the moment in local time, what happened in Danish — what_happened() words
it — and the purpose if the record has one). This module knows nothing of
the log itself.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why no employee is named, and the municipality is                        │
│                                                                          │
│ The extract goes to the citizen. Datatilsynet (2024) holds that the      │
│ right of access covers when and for what purpose the data was looked up, │
│ but not which employee did it: the employees' logins and computer names │
│ are their personal data. So every row names the municipality and unit   │
│ that used the data (the "actor", from the settings), never a login, a    │
│ computer or a caseworker's name — not even in the PDF's metadata.        │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from planbro.documents.blocks import Block, Document, Fields, Paragraph, Table
from planbro.documents.dates import long_date, short_date
from planbro.documents.filenames import safe_component
from planbro.documents.long_text import shorten
from planbro.documents.municipality import Source, load_municipality
from planbro.documents.text import keep_together, printable, without_cpr

# The document's title, and its metadata subject.
TITLE = "Aktindsigt i logbogen"
# Under the title: the day it was made.
SUBTITLE = "Hvornår din handleplan er blevet brugt, og til hvad · {day}"
# The small print in every page header: who the document is for.
FOR_CITIZEN = "Til borgeren · CPR-nummeret er vist uden de sidste fire cifre"
# The page footer before "Side X af Y".
RUNNING = "Aktindsigt i logbogen for {name}"
# Labels of the fields at the top.
L_CITIZEN, L_CPR, L_BY, L_MADE = "Borger", "CPR-nummer", "Udarbejdet af", "Dato"
# The CPR field when the plan holds no CPR number.
NO_CPR = "ikke oplyst"
# What the document is, in plain words, before the table.
INTRO = ("Efter databeskyttelsesforordningens artikel 15 har du ret til at vide, hvornår dine "
         "oplysninger er blevet brugt, og til hvilket formål. Her er alle registreringer i "
         "Planbros logbog, der gælder din handleplan, med den ældste først. Medarbejderne "
         "står ikke med navn; i stedet står den kommune og enhed, der brugte oplysningerne.")
# The table's header and relative column widths.
HEADER = ("Dato", "Klokken", "Hvad skete der", "Hvem", "Formål")
WIDTHS = (2.2, 1.3, 5.0, 2.9, 2.4)
# A row whose record names no purpose.
NO_PURPOSE = "ikke oplyst"
# When the log holds nothing about the plan.
NOTHING = "Logbogen har ingen registreringer om din handleplan."
# Notes under the table.
NOTES = (
    "Tidspunkterne er dansk tid. «Ikke oplyst» som formål betyder, at der ikke blev "
    "registreret et formål, fx fordi registreringen er fra før Planbro spurgte om formålet.",
    "At denne udskrift blev lavet, er også registreret i logbogen.",
)
# Longest purpose text printed (a municipality's own purpose words are short).
PURPOSE_CHARS = 120

# What happened, by the audit record's action, in plain Danish.
EVENTS = {
    "view": "Handleplanen blev åbnet og læst",
    "create": "Handleplanen blev oprettet",
    "change": "Handleplanen blev ændret",
    "sign": "Handleplanen blev registreret som underskrevet",
    "revise": "Der blev lavet en ny version af handleplanen, så den kan ændres",
    "close": "Sagen blev afsluttet",
    "follow_up": "Der blev registreret en opfølgning på handleplanen",
    "import": "Handleplanen blev indlæst fra en fil",
    "export": "Handleplanen blev gemt i en fil til overførsel (udlevering eller deling)",
    "render": "Handleplanen blev gemt som dokument",
    "print": "Handleplanen blev udskrevet på papir",
    "restore": "Handleplanen blev genskabt fra en sikkerhedskopi",
    "delete": "Kladden til handleplanen blev slettet",
    "repair": "Planbros oversigt over handleplanerne blev genopbygget",
    "journalise": "Handleplanen blev journaliseret i kommunens sagssystem",
    "purge": "Handleplanen blev slettet fra computeren efter journaliseringen",
    "extract": "Der blev lavet en udskrift af logbogen til aktindsigt",
}
# An action this version of Planbro does not know (a newer one's).
OTHER_EVENT = "Handleplanen blev brugt"
# Documents by the record's detail.
DOCUMENT_KINDS = {"pdf": "Handleplanen blev gemt som PDF-dokument",
                  "docx": "Handleplanen blev gemt som Word-dokument"}
# A follow-up's outcome (the record's detail) as the row says it.
OUTCOMES = {"fortsættes": "planen fortsætter", "ændres": "planen ændres",
            "afsluttes": "sagen afsluttes"}


@dataclass(frozen=True)
class ExtractRow:
    """One use of the plan: when (local time), what (Danish), and the purpose ("": none)."""

    when: datetime
    what: str
    purpose: str = ""


@dataclass(frozen=True)
class Addressee:
    """Who the extract is for: the citizen's name and the masked CPR ("120379-xxxx")."""

    name: str
    masked_cpr: str


def what_happened(action: str, detail: str = "", version: int | None = None) -> str:
    """The plain Danish words for an audit record's action (and its fixed detail word)."""
    text = EVENTS.get(action, OTHER_EVENT)
    if action == "render":
        text = DOCUMENT_KINDS.get(detail, text)
    if action == "follow_up" and detail in OUTCOMES:
        text = f"{text}: {OUTCOMES[detail]}"
    if version is not None:
        text = f"{text} (version {version})"
    return text


def _row(row: ExtractRow, actor: str) -> tuple[str, ...]:
    purpose = shorten(without_cpr(printable(row.purpose)), PURPOSE_CHARS) or NO_PURPOSE
    return (short_date(row.when.date()), row.when.strftime("%H:%M"), row.what, actor, purpose)


def extract_document(rows: Sequence[ExtractRow], citizen: Addressee, actor: str,
                     municipality: Source = None, made: date | None = None) -> Document:
    """The extract as the document model both renderers take.

    `actor`: the municipality and unit that used the data (never a person);
    `municipality`: what load_municipality takes (the header and logo);
    `made`: the day printed (today when None).
    """
    place = load_municipality(municipality)
    place = replace(place, name=keep_together(place.name), address=keep_together(place.address))
    day = long_date(made or date.today())
    name = printable(citizen.name)
    actor = printable(actor) or place.name
    blocks: list[Block] = [
        Fields(((L_CITIZEN, name), (L_CPR, citizen.masked_cpr or NO_CPR), (L_BY, actor),
                (L_MADE, day))),
        Paragraph(INTRO),
    ]
    if rows:
        blocks.append(Table(HEADER, tuple(_row(r, actor) for r in rows), WIDTHS))
    else:
        blocks.append(Paragraph(NOTHING, "statement"))
    blocks += [Paragraph(note, "note") for note in NOTES]
    short_name = shorten(without_cpr(name), 60)
    return Document(
        title=TITLE,
        subtitle=SUBTITLE.format(day=day),
        municipality=place,
        meta_title=shorten(f"{TITLE} – {without_cpr(name)}"),
        # The metadata names the municipality, never an employee.
        author=shorten(place.name),
        running=RUNNING.format(name=short_name),
        blocks=tuple(blocks),
        purpose=FOR_CITIZEN,
        subject=TITLE,
    )


def extract_pdf(rows: Sequence[ExtractRow], citizen: Addressee, actor: str,
                municipality: Source = None, made: date | None = None) -> bytes:
    """The extract as a PDF/A-2b file; see extract_document."""
    from planbro.documents.pdf import pdf_bytes

    return pdf_bytes(extract_document(rows, citizen, actor, municipality, made))


def extract_filename(plan_id: str, made: date) -> str:
    """ "Aktindsigt i logbogen <YYYY-MM-DD> <the id's first 8 characters>.pdf": the random
    id tells two citizens' extracts apart without a name or CPR number in the file name."""
    # The id is hex (a uuid's first characters): harmless in a file name, and
    # kept even when all digits, which safe_filename would take for a number.
    short_id = "".join(c for c in plan_id[:8].lower() if c in "0123456789abcdef")
    return f"{safe_component(f'{TITLE} {made.isoformat()}')} {short_id}".rstrip() + ".pdf"
