"""How findings name things: quotes of a goal, a partner, a date, a list."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date
from babel.lists import format_list

from planbro.translation import _, language

from planbro.model import Partner

# A quoted goal or service is cut to this many characters in a message.
QUOTE_LENGTH = 60


def quote(text: str) -> str:
    """`text` on one line, cut with an ellipsis when long."""
    text = " ".join(text.split())
    if len(text) <= QUOTE_LENGTH:
        return text
    return text[:QUOTE_LENGTH - 1].rstrip() + "…"


def date_text(value: date) -> str:
    """A date as people write it: "1. marts 2027" / "1 March 2027"."""
    return _date_text(value, language())


# The overview's facts ask each rule on many days (overview/facts.py rule_days), and each
# asking words its findings again: the same few dates of a plan, formatted by babel anew.
@lru_cache(maxsize=4096)
def _date_text(value: date, lang: str) -> str:
    if lang == "da":
        return format_date(value, "d. MMMM y", locale="da")
    return format_date(value, "d MMMM y", locale="en")


def list_text(items: list[str]) -> str:
    """ "a, b og c" in Danish, "a, b and c" in English."""
    return format_list(items, locale=language())


def partner_text(partner: Partner, number: int) -> str:
    """The partner's name and organisation, or its place in the list."""
    parts = [p for p in (partner.name.strip(), partner.organisation.strip()) if p]
    if len(parts) == 2:
        return "{} ({})".format(*parts)
    if parts:
        return parts[0]
    return _("partner no. {number}").format(number=number)


def named(text: str, number: int | str) -> str:
    """How a message names a goal, sub-goal, service or phase: «its text», quoted and
    cut, or its number ("nr. 2", "nr. 1.3") while nothing is typed — never «»."""
    if text.strip():
        return "«" + quote(text) + "»"
    return _("no. {number}").format(number=number)
