"""Rules on partners: information is shared only with a specific, standing consent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from planbro.translation import _

from planbro.model import Partner, Plan

from planbro.quality.findings import Hit
from planbro.quality.wording import date_text, partner_text


def _partners(plan: Plan) -> Iterator[tuple[str, Partner, str]]:
    for i, partner in enumerate(plan.partners):
        yield f"partners[{i}].consent", partner, partner_text(partner, i + 1)


def consent_missing(plan: Plan, today: date) -> Iterator[Hit]:
    for path, partner, name in _partners(plan):
        if not partner.consent.given and partner.consent.withdrawn is None:
            yield Hit(f"{path}.given", _(
                "{partner} is listed as a partner, but the citizen has not consented to sharing "
                "information with them. Record the consent or remove the partner.").format(
                    partner=name))


def consent_withdrawn(plan: Plan, today: date) -> Iterator[Hit]:
    for path, partner, name in _partners(plan):
        if partner.consent.withdrawn is not None:
            yield Hit(f"{path}.withdrawn", _(
                "The citizen withdrew the consent for {partner} on {date}. Share nothing more "
                "with them and update the plan.").format(
                    partner=name, date=date_text(partner.consent.withdrawn)))


def consent_expired(plan: Plan, today: date) -> Iterator[Hit]:
    for path, partner, name in _partners(plan):
        consent = partner.consent
        standing = consent.given and consent.withdrawn is None
        if standing and consent.expires and consent.expires < today:
            yield Hit(f"{path}.expires", _(
                "The consent for {partner} expired on {date}. Renew it with the citizen or "
                "stop sharing information.").format(partner=name, date=date_text(consent.expires)))


def consent_scope(plan: Plan, today: date) -> Iterator[Hit]:
    # A general consent is not valid: it must say what is shared and why.
    for path, partner, name in _partners(plan):
        consent = partner.consent
        if consent.given and consent.withdrawn is None and not consent.scope.strip():
            yield Hit(f"{path}.scope", _(
                "The consent for {partner} does not say what may be shared and for what purpose. "
                "A general consent is not valid; write its scope.").format(partner=name))


def consent_sections(plan: Plan, today: date) -> Iterator[Hit]:
    # A consent recorded before the parts were ticked (planbro-plan/2 or older) keeps its
    # text as the note but covers no part: nothing is given to the partner until ticked.
    for path, partner, name in _partners(plan):
        consent = partner.consent
        if consent.given and consent.withdrawn is None and not consent.sections:
            yield Hit(f"{path}.sections", _(
                "The consent for {partner} does not say which parts of the plan may be shared. "
                "Tick the parts it covers; until then no extract is made for {partner}.").format(
                    partner=name))
