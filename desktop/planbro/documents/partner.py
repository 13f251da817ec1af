"""The partner's extract, "Udskrift til <partner>": only what the partner may be given.

    partner_document(plan, partner, made, settings=None) -> Document
    partner_filename(plan, number, partner, kind, made)   the file name it is offered under

The extract holds the parts of the plan (model.plan.SECTIONS) the partner's
standing consent covers and those handed over to the partner's service under
§ 141 stk. 5 (model.sharing), the citizen's name and the CPR number masked
(120379-xxxx), who made it and how to reach the caseworker. It is built from
model.sharing.reduced(): a copy of the plan holding only those parts, so a
part that is not shared is not there to be printed by mistake, and the
plan's own section builders (layout.py) print what is.

Left out always, as no consent part names them: the citizen's own words and
resources (said to the caseworker in the citizen's words, often about
several matters at once — they would carry health or debt into an extract
about housing; a consent that should cover them needs a part of its own),
the citizen's address and phone, the offer, the § 110 stay, the other
partners and their consents, the hand-overs to others, the follow-ups and
their notes, the signatures, the quality check and the plan's metadata.

Every page says it is an extract, to whom, made when, under which consent or
hand-over: the page header's small print (Document.purpose) and the footer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from planbro.model.cpr import mask_cpr
from planbro.model.plan import MATTERS, Partner, Plan
from planbro.model.sharing import Sharing, reduced, sharing, single_services

from planbro.documents import layout
from planbro.documents import wording as w
from planbro.documents.blocks import Block, Document, Heading, Paragraph, Table
from planbro.documents.dates import long_date, short_date
from planbro.documents.filenames import DRAFT_SUFFIX, is_draft, safe_component, safe_filename
from planbro.documents.legal import load_legal
from planbro.documents.long_text import shorten
from planbro.documents.municipality import Source, load_municipality
from planbro.documents.size import check_size
from planbro.documents.text import keep_together, printable, without_cpr

# The title: to whom.
TITLE = "Udskrift til {partner}"
# Under the title: of which plan, which version, made when.
SUBTITLE = "Udskrift af handleplan · version {version} · {day}"
# The small print in every page header: an extract, to whom, when, under what.
HEADER = "Udskrift til {partner} · {day} · {grounds}"
# The grounds as the header says them, briefly: the consent by its day; a hand-over by
# its day, or only by the law when a consent is named too.
HEADER_CONSENT = "samtykke af {day}"
HEADER_HANDOVER = "§ 141, stk. 5 af {day}"
HEADER_AND_HANDOVER = "og § 141, stk. 5"
# The longest header: beside a draft's mark, on one line of A4 in the header's small type.
HEADER_CHARS = 84
# The shortest the partner's name is cut to, to make the header fit.
HEADER_PARTNER_CHARS = 12
# The page footer before "Side X af Y".
RUNNING = "Udskrift af handleplan for {name}, version {version}, til {partner}"
# The metadata's subject.
SUBJECT = "Udskrift af handleplan"
# First in the extract: what it is, and what it is not.
INTRO = ("Dette er en udskrift af handleplanen til {partner}. Den indeholder kun de dele af "
         "planen, {grounds}. Resten af planen er ikke med. CPR-nummeret er vist uden de "
         "sidste fire cifre.")
INTRO_CONSENT = "som borgeren har givet samtykke til at dele med {partner}"
INTRO_HANDOVER = "som er overdraget til {partner} efter serviceloven § 141, stk. 5"
# Between the two grounds.
INTRO_AND = ", og de dele, "
# The fields at the top.
L_CITIZEN, L_CPR, L_TO, L_PARTS = "Borger", "CPR-nummer", "Til", "Dele af planen"
L_CONSENT, L_HANDOVER, L_MADE = "Samtykke", "Overdraget efter § 141, stk. 5", "Udskrevet"
L_STATUS, L_CASEWORKER, L_CONTACT = "Planens status", "Sagsbehandler", "Kontakt"
# The CPR field when the plan holds no CPR number.
NO_CPR = "ikke oplyst"
# The consent field: when given, and until when.
CONSENT_GIVEN = "Givet {given}"
CONSENT_EXPIRES = "udløber {day}"
CONSENT_NOT_STANDING = "Intet gældende samtykke"
# The plan's status, as the partner needs to know it.
STATUS_DRAFT = "Kladde – ikke underskrevet"
STATUS_SIGNED = "Underskrevet {day}"
STATUS_CLOSED = "Afsluttet"
# Under the services, when the goals are not shared (no note under each row then).
TAKES_OVER = "«{service}» overtages bagefter af: {who}"
# Under the other matters, for a matter the extract covers that the plan says nothing of.
NOTHING_ON = "Planen har ikke noget om: {matters}."
# The last words: where the whole plan is.
CLOSING = ("Udskriften er lavet af {municipality} ud fra handleplanen. Handleplanen er ikke en "
           "afgørelse; den fulde plan er originalen i sagen.")
# Longest partner name in the header and the title; longest in a file name.
PARTNER_CHARS, FILE_PARTNER_CHARS = 40, 40
# Words that may not reach a file name or metadata from a partner's name: a service
# named for treatment, addiction, health or money says something about the citizen.
_TELLING = re.compile(r"behandl|misbrug|rusmiddel|alkohol|stof|hash|narko|afrus|metadon|"
                      r"psykiat|psykolog|læge|sygehus|hospital|klinik|sundhed|helbred|"
                      r"gæld|økonomi|budget|rådgiv", re.IGNORECASE)
# A partner in a file name whose name is empty or telling: its number in the plan.
FILE_PARTNER = "samarbejdspart {number}"
# The file name's stem ({draft}: " KLADDE" for a draft, as the plan's own file name).
FILE_STEM = "Udskrift {citizen} {day} v{version}{draft} til {partner}"


def recipient(partner: Partner) -> str:
    """How the extract names its reader: the name, else the organisation."""
    return printable(partner.name).strip() or printable(partner.organisation).strip() \
        or "samarbejdsparten"


def _grounds(shared: Sharing, name: str) -> tuple[str, str]:
    """What the extract rests on: (for the opening sentence, for the page header)."""
    intro: list[str] = []
    header: list[str] = []
    if shared.consent is not None and shared.consent.sections:
        intro.append(INTRO_CONSENT.format(partner=name))
        header.append(HEADER_CONSENT.format(day=short_date(shared.consent.date, "ukendt dato")))
    handed = shared.handed_over()
    if handed:
        intro.append(INTRO_HANDOVER.format(partner=name))
        last = max((h.date for h in handed if h.date), default=None)
        header.append(HEADER_AND_HANDOVER if header else
                      HEADER_HANDOVER.format(day=short_date(last, "ukendt dato")))
    return INTRO_AND.join(intro), " ".join(header)


def _header(name: str, made: date, grounds: str) -> str:
    """The page header's small print, the partner's name cut so that it fits one line."""
    text = HEADER.format(partner=name, day=short_date(made), grounds=grounds)
    room = HEADER_CHARS - (len(text) - len(name))
    if room < len(name):
        text = HEADER.format(partner=shorten(name, max(room, HEADER_PARTNER_CHARS)),
                             day=short_date(made), grounds=grounds)
    return text


def _status(plan: Plan) -> str:
    if is_draft(plan):
        return STATUS_DRAFT
    if plan.status == "closed":
        return STATUS_CLOSED
    return STATUS_SIGNED.format(day=long_date(plan.signatures.signed_on(), "—"))


def _consent_field(shared: Sharing) -> str:
    consent = shared.consent
    if consent is None or not consent.sections:
        return CONSENT_NOT_STANDING
    given = CONSENT_GIVEN.format(given=long_date(consent.date, "(dato ikke oplyst)"))
    expires = CONSENT_EXPIRES.format(day=long_date(consent.expires)) if consent.expires else ""
    return layout._joined(given, expires, sep=", ")


def _opening(plan: Plan, shared: Sharing, made: date, name: str, intro: str) -> list[Block]:
    partner = shared.partner
    to = layout._joined(printable(partner.name), printable(partner.organisation),
                        printable(partner.role), sep=", ")
    handed = ", ".join(long_date(h.date, "dato ikke oplyst") for h in shared.handed_over())
    cw = plan.caseworker
    return [
        Paragraph(INTRO.format(partner=name, grounds=intro), "statement"),
        layout._fields(
            (L_CITIZEN, printable(plan.citizen.name)),
            (L_CPR, mask_cpr(plan.citizen.cpr) or NO_CPR),
            (L_TO, to),
            (L_PARTS, layout.parts_text(shared.sections)),
            (L_CONSENT, _consent_field(shared)),
            (L_HANDOVER, handed),
            (L_STATUS, _status(plan)),
            (L_MADE, long_date(made)),
            (L_CASEWORKER, layout._joined(printable(cw.name), printable(cw.unit), sep=", ")),
            (L_CONTACT, layout._joined(layout._tlf(cw.phone), printable(cw.email))),
            keep=(L_CITIZEN, L_CPR)),
    ]


def _services(kept: Plan, with_goals: bool) -> list[Block]:
    """The plan's services; without the goals part no line names the goals they serve, and
    who takes over after a service is said under the table."""
    blocks = layout._services(kept)
    if with_goals:
        return blocks
    after = [Paragraph(TAKES_OVER.format(service=printable(s.title) or w.NOT_FILLED,
                                         who=printable(s.takes_over)), "note")
             for s in kept.services if s.takes_over.strip()]
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.header == w.SERVICE_HEADER:
            out += [replace(block, notes=()), *after]
        else:
            out.append(block)
    return out


def _circumstances(kept: Plan, sections: tuple[str, ...]) -> list[Block]:
    """The other matters the extract covers; one that the plan says nothing of is named."""
    matters = [m for m in MATTERS if m in sections]
    if not matters:
        return []
    blocks = [b for b in layout._circumstances(kept)
              if not (isinstance(b, Paragraph) and b.text == w.NO_CIRCUMSTANCES)]
    silent = [w.CIRCUMSTANCE_LABELS[m].lower() for m in matters
              if not getattr(kept.circumstances, m).strip()
              and kept.circumstances.not_relevant_reason(m) is None]
    if silent:
        blocks.append(Paragraph(NOTHING_ON.format(matters=", ".join(silent)), "note"))
    return blocks


def _content(kept: Plan, sections: tuple[str, ...]) -> list[Block]:
    blocks: list[Block] = []
    if "purpose" in sections:
        blocks += [Heading(w.H_PURPOSE), *layout._paragraphs(kept.purpose)]
    if "goals" in sections:
        blocks += layout._goals(kept)
    if "services" in sections or single_services(sections):
        blocks += _services(kept, "goals" in sections)
    if "duration" in sections:
        blocks += layout._duration(kept)
    return blocks + _circumstances(kept, sections)


def _safe_partner(partner: Partner, number: int) -> str:
    """The partner as a file name or metadata may say it: the person's name, never the
    organisation, and not a name that tells of treatment, health or money."""
    name = " ".join(without_cpr(printable(partner.name)).split())
    if not name or _TELLING.search(name):
        return FILE_PARTNER.format(number=number)
    return name


def partner_document(plan: Plan, partner: Partner, made: date, settings: Source = None,
                     number: int | None = None) -> Document:
    """The extract of `plan` for `partner` (one of plan.partners) made on `made`, with the
    municipality of `settings` (see municipality.load_municipality); `number`: the partner's
    place in plan.partners (1 for the first), for the metadata (found when None).

    Raises ValueError when the partner may be given nothing (actions.partner_extract says
    why first), ValidationError when the plan is too large to render (size.py)."""
    check_size(plan)
    shared = sharing(plan, partner, made)
    if not shared.allowed:
        raise ValueError("nothing of the plan may be given to this partner")
    if number is None:
        number = next((i for i, p in enumerate(plan.partners, 1) if p is partner), 0)
    place = load_municipality(settings)
    place = replace(place, name=keep_together(place.name), address=keep_together(place.address))
    kept = reduced(plan, shared.sections)
    name = recipient(partner)
    short = shorten(without_cpr(name), PARTNER_CHARS)
    intro, header = _grounds(shared, name)
    citizen = shorten(without_cpr(printable(plan.citizen.name)), layout.RUNNING_NAME_CHARS)
    blocks = [*_opening(plan, shared, made, name, intro), *_content(kept, shared.sections),
              Paragraph(CLOSING.format(municipality=place.name), "note")]
    title = TITLE.format(partner=short)
    return Document(
        title=title,
        subtitle=SUBTITLE.format(version=plan.version, day=long_date(made)),
        municipality=place,
        # Metadata is seen in file lists: the partner as a file name says it, never a CPR number.
        meta_title=shorten(f"{TITLE.format(partner=_safe_partner(partner, number))} – "
                           f"{without_cpr(printable(plan.citizen.name))}, version {plan.version}"),
        author=shorten(without_cpr(printable(plan.caseworker.name)) or place.name),
        running=RUNNING.format(name=citizen, version=plan.version, partner=short),
        blocks=tuple(blocks),
        mark=w.DRAFT_MARK if is_draft(plan) else "",
        purpose=_header(short, made, header),
        subject=SUBJECT,
        footnote=load_legal().footer,
    )


def partner_filename(plan: Plan, number: int, partner: Partner, kind: str, made: date) -> str:
    """ "Udskrift <citizen> <YYYY-MM-DD> v<version>[ KLADDE] til <partner>.<kind>": the partner
    by its person's name or its number (_safe_partner), never a CPR number or a telling word."""
    stem = FILE_STEM.format(citizen=safe_component(plan.citizen.name), day=made.isoformat(),
                            version=plan.version,
                            draft=f" {DRAFT_SUFFIX}" if is_draft(plan) else "",
                            partner=safe_component(_safe_partner(partner, number),
                                                   FILE_PARTNER_CHARS))
    return safe_filename(stem, kind)
