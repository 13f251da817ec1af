"""Danish (or English) words for the model's codes, as the app and the command show them."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from planbro.translation import _, language

from planbro.model.dates import format_danish_date, local_time


def status_label(status: str) -> str:
    return {"draft": _("draft"), "signed": _("signed"), "closed": _("closed")}.get(status, status)


def decision_label(decision: str) -> str:
    return {"pending": _("not yet answered"), "accepted": _("accepted"),
            "declined": _("declined")}.get(decision, decision)


def outcome_label(outcome: str) -> str:
    return {"continue": _("continues"), "change": _("changes"),
            "close": _("closes")}.get(outcome, outcome)


def date_label(value: date | None) -> str:
    """A day as the caseworker types it in the app and the command: 15-12-2026."""
    return format_danish_date(value) if value else "—"


def moment_label(stamp: object) -> str:
    """One of Planbro's UTC timestamps in this computer's time, as the app shows it:
    "1. dec. 2026 23:00" ("1 Dec 2026 23:00" in English); "—" for none."""
    moment = local_time(stamp)
    if moment is None:
        return "—"
    pattern = "d. MMM y" if language() == "da" else "d MMM y"
    return format_date(moment.date(), pattern, locale=language()) + moment.strftime(" %H:%M")
