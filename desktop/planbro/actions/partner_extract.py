"""A partner's extract, "Udskrift til <partner>": whether one may be made, made, written.

    refusal(plan, number, today) -> str | None      why not (None: it may be made)
    allowed_text(plan, number, today) -> str         what it would hold, for a tooltip
    find_partner(plan, text) -> int                  the partner a name names (PartnerNotFound)
    make_partner_extracts(plan, number, kinds, municipality=None, today=None) -> {kind: bytes}
    write_partner_extract(plan, number, kind, data, path, trail, today=None) -> Saved
    save_partner_extract(plan, number, kind, path, trail=, municipality=None) -> Saved
    default_partner_name(plan, number, kind, today=None)

`number` is the partner's place in plan.partners, 1 for the first: the audit
log names the partner so (never by name) with the parts given
(model.sharing.extract_detail). The extract holds what the partner's standing
consent covers and what was handed over to its service under § 141 stk. 5
(model.sharing, documents.partner); without either there is none, and
refusal() says why in the words the app's button and the command both show.
Like every document it is made before any file is written, written only with
its "render" record, never into the data folder, and plaintext.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planbro.translation import _

from planbro.model import Partner, Plan
from planbro.model.labels import sections_label
from planbro.model.sharing import extract_detail, handovers_to, sharing

from planbro.quality.wording import date_text, list_text, partner_text

from planbro.actions.documents import DOCUMENT_ERRORS, NotWritten, Saved, write_recorded
from planbro.actions.trail import Trail

if TYPE_CHECKING:
    from planbro.documents.municipality import Source

# The kinds the extract is made in.
KINDS = ("docx", "pdf")


class PartnerNotFound(ValueError):
    """No partner, or more than one, answers to the name given; the message says which."""


def _partner(plan: Plan, number: int) -> Partner:
    if not 1 <= number <= len(plan.partners):
        raise IndexError(f"the plan has no partner {number}")
    return plan.partners[number - 1]


def refusal(plan: Plan, number: int, today: date | None = None) -> str | None:
    """Why no extract may be made for the partner at `number` on `today`, in the user's
    language; None when one may: a given, unexpired, unwithdrawn consent that ticks at
    least one part, or a § 141 stk. 5 hand-over to the partner's service that does."""
    today = today or date.today()
    partner = _partner(plan, number)
    name = partner_text(partner, number)
    if plan.declined:
        return _("The citizen declined the offer of a plan: there is no plan to make an "
                 "extract of.")
    if sharing(plan, partner, today).allowed:
        return None
    consent = partner.consent
    if consent.withdrawn is not None:
        reason = _("The citizen withdrew the consent for {partner} on {date}.").format(
            partner=name, date=date_text(consent.withdrawn))
    elif not consent.given:
        reason = _("The citizen has not consented to sharing the plan with {partner}.").format(
            partner=name)
    elif consent.expires is not None and consent.expires < today:
        reason = _("The consent for {partner} expired on {date}.").format(
            partner=name, date=date_text(consent.expires))
    else:
        reason = _("The consent for {partner} does not say which parts of the plan may be "
                   "shared: tick them in step 8.").format(partner=name)
    if handovers_to(plan, partner):
        reason += " " + _("The hand-over to {partner} under § 141, stk. 5 does not say which "
                          "parts were handed over.").format(partner=name)
    else:
        reason += " " + _("Nothing is handed over to {partner} under § 141, stk. 5.").format(
            partner=name)
    return reason


def allowed_text(plan: Plan, number: int, today: date | None = None) -> str:
    """What an extract for the partner at `number` would hold, or why there is none."""
    why = refusal(plan, number, today)
    if why is not None:
        return why
    shared = sharing(plan, _partner(plan, number), today or date.today())
    return _("An extract for {partner} with the parts of the plan they may have: "
             "{parts}.").format(partner=partner_text(shared.partner, number),
                                parts=sections_label(shared.sections))


def _names(plan: Plan, numbers: Iterable[int]) -> str:
    return list_text([partner_text(plan.partners[n - 1], n) for n in numbers])


def find_partner(plan: Plan, text: str) -> int:
    """The number of the partner `text` names: its name or organisation, or the unique
    beginning of either (case and spacing aside); a whole name beats a beginning. Raises
    PartnerNotFound naming the candidates (the partners, by name) when none or several do."""
    wanted = " ".join(text.split()).casefold()
    if not plan.partners:
        raise PartnerNotFound(_("The plan has no partners."))
    keys = {n: [" ".join(t.split()).casefold() for t in (p.name, p.organisation) if t.strip()]
            for n, p in enumerate(plan.partners, 1)}
    for match in (lambda key: key == wanted, lambda key: key.startswith(wanted)):
        found = [n for n, names in keys.items() if wanted and any(map(match, names))]
        if len(found) == 1:
            return found[0]
        if found:
            raise PartnerNotFound(_(
                "«{text}» names more than one partner of the plan: {partners}. Give more of "
                "the name.").format(text=text, partners=_names(plan, found)))
    raise PartnerNotFound(_(
        "No partner of the plan is called «{text}» or has a name or organisation beginning "
        "so. Its partners: {partners}.").format(text=text, partners=_names(plan, keys)))


def default_partner_name(plan: Plan, number: int, kind: str, today: date | None = None) -> str:
    """The file name an extract is offered under: no CPR number, no telling word."""
    from planbro.documents.partner import partner_filename

    return partner_filename(plan, number, _partner(plan, number), kind, today or date.today())


def make_partner_extracts(plan: Plan, number: int, kinds: Iterable[str],
                          municipality: Source = None,
                          today: date | None = None) -> dict[str, bytes]:
    """The extract for the partner at `number` in each of `kinds`, all made before any is
    written. Raises NotWritten (its cause a ValueError saying why) when it may not be made."""
    from planbro.documents.docx import docx_bytes
    from planbro.documents.partner import partner_document
    from planbro.documents.pdf import pdf_bytes

    today = today or date.today()
    why = refusal(plan, number, today)
    if why is not None:
        raise NotWritten(ValueError(why))
    render = {"docx": docx_bytes, "pdf": pdf_bytes}
    try:
        doc = partner_document(plan, _partner(plan, number), today, municipality, number)
        return {kind: render[kind](doc) for kind in kinds}
    except DOCUMENT_ERRORS as error:
        raise NotWritten(error) from error


def write_partner_extract(plan: Plan, number: int, kind: str, data: bytes, path: str | Path,
                          trail: Trail, today: date | None = None) -> Saved:
    """Write an extract made by make_partner_extracts to `path` (atomically) with its record:
    "render", the detail naming the partner by its place and the parts given."""
    shared = sharing(plan, _partner(plan, number), today or date.today())
    detail = extract_detail(kind, number, shared.sections)
    return Saved(plan, kind, write_recorded(trail, "render", plan, path, data, detail=detail))


def save_partner_extract(plan: Plan, number: int, kind: str, path: str | Path, *, trail: Trail,
                         municipality: Source = None, today: date | None = None) -> Saved:
    """Save the extract of `kind` ("docx" or "pdf") for the partner at `number` at `path`;
    raises NotWritten."""
    today = today or date.today()
    data = make_partner_extracts(plan, number, [kind], municipality, today)[kind]
    return write_partner_extract(plan, number, kind, data, path, trail, today)
