"""Danish (or English) words for the model's codes, as the app and the command show them."""

from __future__ import annotations

from datetime import date

from planbro.translation import _


def status_label(status: str) -> str:
    return {"draft": _("draft"), "signed": _("signed"), "closed": _("closed")}.get(status, status)


def decision_label(decision: str) -> str:
    return {"pending": _("not yet answered"), "accepted": _("accepted"),
            "declined": _("declined")}.get(decision, decision)


def outcome_label(outcome: str) -> str:
    return {"continue": _("continues"), "change": _("changes"),
            "close": _("closes")}.get(outcome, outcome)


def date_label(value: date | None) -> str:
    return value.isoformat() if value else "—"
