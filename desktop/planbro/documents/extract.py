"""The citizen's access request (GDPR art. 15): when their plan was used, and for what.

    extract_pdf(rows, citizen, actor, municipality, made) -> bytes (PDF/A-2b)
    extract_filename(plan_id, made)   the file name it is offered under

`citizen` is an Addressee while the plan is in Planbro, or a Deleted plan:
after it was journalised and deleted (or a draft deleted) the citizen may
still ask, and the extract then names the plan by its id, says when it was
deleted, and lists the log's records of it, which outlive the plan.

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

from planbro.model.sharing import named_parts, read_extract_detail

from planbro.documents.blocks import Block, Document, Fields, Paragraph, Table
from planbro.documents.dates import long_date, short_date
from planbro.documents.filenames import safe_component
from planbro.documents.long_text import shorten
from planbro.documents.municipality import Source, load_municipality
from planbro.documents.text import keep_together, printable, without_cpr
from planbro.documents.wording import SECTION_LABELS, services_alone

# The document's title, and its metadata subject.
TITLE = "Aktindsigt i logbogen"
# Under the title: the day it was made.
SUBTITLE = "Hvornår din handleplan er blevet brugt, og til hvad · {day}"
# The small print in every page header: who the document is for.
FOR_CITIZEN = "Til borgeren · CPR-nummeret er vist uden de sidste fire cifre"
# The small print of a deleted plan's extract, which shows no CPR number.
FOR_CITIZEN_DELETED = "Til borgeren"
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
# The field naming a deleted plan, by its id (its citizen's name is gone with it).
L_PLAN = "Handleplan"
# The footer of a deleted plan's extract.
RUNNING_DELETED = "Aktindsigt i logbogen for handleplan {short_id}"
# What became of a deleted plan, by the record that deleted it (planbro.audit's actions).
DELETED = {
    "purge": "Planen er slettet fra Planbro den {day} efter journalisering. Sagen findes i "
             "kommunens sagssystem (ESDH), hvor den blev journaliseret.",
    "delete": "Kladden til planen er slettet fra Planbro den {day}. Den blev aldrig "
              "underskrevet.",
    "move_out": "Planen er flyttet fra denne computer til teamets database den {day} "
                "(planbro migrate). Den findes dér, med alle sine versioner.",
}
# A plan the log knows that is no longer in Planbro, with no record of its deletion.
GONE = "Planen findes ikke længere i Planbro på denne computer."
# Under what became of a deleted plan: why it is named by its id.
DELETED_NOTE = ("Dit navn og dit CPR-nummer er slettet fra Planbro sammen med planen. Derfor "
                "er planen her nævnt ved sit id, som står på den journaliserede plan og i din "
                "anmodning. Logbogens registreringer gemmes, også efter at planen er slettet.")
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
    "lease_break": "En teamleder gjorde handleplanen fri, så en anden sagsbehandler kunne "
                   "redigere den",
    "handover": "Sagen blev overdraget til en anden sagsbehandler",
    "move_out": "Handleplanen blev flyttet fra computeren til teamets database",
}
# An action this version of Planbro does not know (a newer one's).
OTHER_EVENT = "Handleplanen blev brugt"
# Documents by the record's detail.
DOCUMENT_KINDS = {"pdf": "Handleplanen blev gemt som PDF-dokument",
                  "docx": "Handleplanen blev gemt som Word-dokument",
                  "din plan pdf": "Din plan (din egen korte udgave) blev gemt som PDF-dokument",
                  "din plan docx": "Din plan (din egen korte udgave) blev gemt som Word-dokument"}
# A partner's extract (the record's detail: model.sharing.extract_detail), by its kind.
PARTNER_EXTRACT = ("Der blev lavet en udskrift af dele af handleplanen til samarbejdspart "
                   "nr. {number} som {kind}: {parts}")
PARTNER_KINDS = {"pdf": "PDF-dokument", "docx": "Word-dokument"}
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


@dataclass(frozen=True)
class Deleted:
    """A plan no longer in Planbro, known by its id: `action` is the record that deleted it
    ("purge" after journalisation, "delete" for a draft; "" when the log has none) and `on`
    the day of that record."""

    plan_id: str
    action: str = ""
    on: date | None = None

    def statement(self) -> str:
        """What became of the plan, in the words of the extract."""
        if self.on is None or self.action not in DELETED:
            return GONE
        return DELETED[self.action].format(day=long_date(self.on))


def what_happened(action: str, detail: str = "", version: int | None = None) -> str:
    """The plain Danish words for an audit record's action (and its fixed detail word)."""
    text = EVENTS.get(action, OTHER_EVENT)
    if action == "render":
        text = DOCUMENT_KINDS.get(detail, text)
        if (extract := read_extract_detail(detail)) is not None:
            kind, number, sections = extract
            parts = named_parts(sections, SECTION_LABELS, services_alone)
            text = PARTNER_EXTRACT.format(number=number, kind=PARTNER_KINDS[kind], parts=", ".join(
                [parts[0], *(p[:1].lower() + p[1:] for p in parts[1:])]))
    if action == "follow_up" and detail in OUTCOMES:
        text = f"{text}: {OUTCOMES[detail]}"
    if version is not None:
        text = f"{text} (version {version})"
    return text


def _row(row: ExtractRow, actor: str) -> tuple[str, ...]:
    purpose = shorten(without_cpr(printable(row.purpose)), PURPOSE_CHARS) or NO_PURPOSE
    return (short_date(row.when.date()), row.when.strftime("%H:%M"), row.what, actor, purpose)


def _opening(citizen: Addressee | Deleted, actor: str,
             day: str) -> tuple[list[Block], str, str, str]:
    """The blocks before the table, the metadata title, the footer and the small print:
    of the citizen's plan, or of a deleted plan named by its id."""
    if isinstance(citizen, Deleted):
        short_id = _short_id(citizen.plan_id)
        return ([Fields(((L_PLAN, printable(citizen.plan_id)), (L_BY, actor), (L_MADE, day))),
                 Paragraph(citizen.statement(), "statement"), Paragraph(DELETED_NOTE),
                 Paragraph(INTRO)],
                f"{TITLE} – {L_PLAN.lower()} {short_id}",
                RUNNING_DELETED.format(short_id=short_id), FOR_CITIZEN_DELETED)
    name = printable(citizen.name)
    return ([Fields(((L_CITIZEN, name), (L_CPR, citizen.masked_cpr or NO_CPR), (L_BY, actor),
                     (L_MADE, day))),
             Paragraph(INTRO)],
            f"{TITLE} – {without_cpr(name)}",
            RUNNING.format(name=shorten(without_cpr(name), 60)), FOR_CITIZEN)


def extract_document(rows: Sequence[ExtractRow], citizen: Addressee | Deleted, actor: str,
                     municipality: Source = None, made: date | None = None) -> Document:
    """The extract as the document model both renderers take.

    `citizen`: who it is for, or the Deleted plan it is about (named by its id);
    `actor`: the municipality and unit that used the data (never a person);
    `municipality`: what load_municipality takes (the header and logo);
    `made`: the day printed (today when None).
    """
    place = load_municipality(municipality)
    place = replace(place, name=keep_together(place.name), address=keep_together(place.address))
    day = long_date(made or date.today())
    actor = printable(actor) or place.name
    blocks, meta_title, running, purpose = _opening(citizen, actor, day)
    if rows:
        blocks.append(Table(HEADER, tuple(_row(r, actor) for r in rows), WIDTHS))
    else:
        blocks.append(Paragraph(NOTHING, "statement"))
    blocks += [Paragraph(note, "note") for note in NOTES]
    return Document(
        title=TITLE,
        subtitle=SUBTITLE.format(day=day),
        municipality=place,
        meta_title=shorten(meta_title),
        # The metadata names the municipality, never an employee.
        author=shorten(place.name),
        running=running,
        blocks=tuple(blocks),
        purpose=purpose,
        subject=TITLE,
    )


def extract_pdf(rows: Sequence[ExtractRow], citizen: Addressee | Deleted, actor: str,
                municipality: Source = None, made: date | None = None) -> bytes:
    """The extract as a PDF/A-2b file; see extract_document."""
    from planbro.documents.pdf import pdf_bytes

    return pdf_bytes(extract_document(rows, citizen, actor, municipality, made))


def extract_filename(plan_id: str, made: date) -> str:
    """ "Aktindsigt i logbogen <YYYY-MM-DD> <the id's first 8 characters>.pdf": the random
    id tells two citizens' extracts apart without a name or CPR number in the file name."""
    return f"{safe_component(f'{TITLE} {made.isoformat()}')} {_short_id(plan_id)}".rstrip() + ".pdf"


def _short_id(plan_id: str) -> str:
    """The id's first 8 characters, hex only."""
    # The id is hex (a uuid's first characters): harmless in a file name, and
    # kept even when all digits, which safe_filename would take for a number.
    return "".join(c for c in plan_id[:8].lower() if c in "0123456789abcdef")
