"""Danish (or English) words for the model's codes, as the app and the command show them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from babel.dates import format_date

from planbro.translation import _, language, ngettext

from planbro.model.dates import format_danish_date, local_time
from planbro.model.plan import SECTIONS, Replaces


def status_label(status: str) -> str:
    return {"draft": _("draft"), "signed": _("signed"), "closed": _("closed")}.get(status, status)


def listed_status_label(status: str, signed_version: int | None = None, *,
                        decision: str = "", offer_date: date | None = None,
                        show: Callable[[date | None], str] | None = None,
                        journalised: date | None = None) -> str:
    """A plan's status in a list: "declined (1 Dec 2026)" while a declined offer's
    case is open (`show` writes the day: day_label by default); "draft · v1
    signed" for a revision whose signed version still applies; a closed case
    "journalised (1 Dec 2026)", or "closed, not journalised" until it is (it is
    then kept on this computer: storage/retention.py)."""
    if decision == "declined" and status != "closed":
        return _("declined ({date})").format(date=(show or day_label)(offer_date))
    if status == "draft" and signed_version is not None:
        return _("draft · v{version} signed").format(version=signed_version)
    if status == "closed":
        if journalised is not None:
            return _("journalised ({date})").format(date=(show or day_label)(journalised))
        return _("closed, not journalised")
    return status_label(status)


def decision_label(decision: str) -> str:
    return {"pending": _("not yet answered"), "accepted": _("accepted"),
            "declined": _("declined")}.get(decision, decision)


def section_label(section: str) -> str:
    """A part of the plan a consent covers or a hand-over hands over (plan.SECTIONS), as
    the app and the command name it: "Formål", "Helbred"."""
    return {"purpose": _("Purpose"), "goals": _("Goals and sub-goals"), "services": _("Services"),
            "duration": _("Expected duration"), "housing": _("Housing"),
            "employment": _("Work and education"), "personal_help": _("Personal help"),
            "treatment": _("Treatment"), "aids": _("Aids"), "finances": _("Finances"),
            "health": _("Health"), "network": _("Network"), "other": _("Other")}.get(section, section)


def sections_label(sections: object) -> str:
    """The parts `sections` names, in the plan's order: "Formål, Boform og Helbred"; "" for none."""
    from babel.lists import format_list

    from planbro.model.sharing import named_parts

    names = named_parts(sections, {s: section_label(s) for s in SECTIONS}, lambda n: ngettext(
        "{count} service", "{count} services", n).format(count=n))
    if not names:
        return ""
    return format_list([names[0]] + [n[:1].lower() + n[1:] for n in names[1:]], locale=language())


def outcome_label(outcome: str) -> str:
    return {"continue": _("continues"), "change": _("changes"),
            "close": _("closes")}.get(outcome, outcome)


def date_label(value: date | None) -> str:
    """A day as the caseworker types it in the app and the command: 15-12-2026."""
    return format_danish_date(value) if value else "—"


def day_label(value: date | None) -> str:
    """A day as the app shows it in running text: "1. dec. 2026" ("1 Dec 2026"); "—" for none."""
    if value is None:
        return "—"
    return format_date(value, "d. MMM y" if language() == "da" else "d MMM y", locale=language())


def moment_label(stamp: object) -> str:
    """One of Planbro's UTC timestamps in this computer's time, as the app shows it:
    "1. dec. 2026 23:00" ("1 Dec 2026 23:00" in English); "—" for none."""
    moment = local_time(stamp)
    if moment is None:
        return "—"
    return day_label(moment.date()) + moment.strftime(" %H:%M")


def replaces_label(replaces: Replaces) -> str:
    """What a revision replaces, as the title bar and the command say it:
    "replaces the signed version 1 of 1 Dec 2026"; "" for a first version."""
    if replaces.version is None:
        return ""
    if replaces.signed is None:
        return _("replaces the signed version {version}").format(version=replaces.version)
    return _("replaces the signed version {version} of {date}").format(
        version=replaces.version, date=day_label(replaces.signed))
