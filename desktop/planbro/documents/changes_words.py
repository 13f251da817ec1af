"""How the list of changes names things and days: «a goal», nr. 2, "1. marts 2027".

The list is the document's wording (always Danish, as wording.py): the
Gennemgang page and `planbro diff` show the very sentences the appendix prints.
"""

from __future__ import annotations

from datetime import date

from planbro.model.cpr import hide_cpr
from planbro.model.plan import Partner
from planbro.model.text import clean_text

from planbro.documents.dates import long_date
from planbro.documents.long_text import shorten

# A quoted text (a goal, a sub-goal, a scope of consent) is cut to this many characters.
QUOTE_CHARS = 120
# A sub-goal's status as a sentence says it: "er nu nået (var: i gang)".
STATUS_WORDS = {"not_started": "ikke startet", "in_progress": "i gang", "achieved": "nået",
                "dropped": "opgivet"}
# A goal's type (FFB/VUM 2.0) in running text.
KIND_WORDS = {"develop": "udvikle", "maintain": "fastholde", "limit_loss": "begrænse tab"}
# The plan's legal basis, short, in running text.
BASIS_WORDS = {"sel-141-1": "serviceloven § 141, stk. 1", "sel-141-2": "serviceloven § 141, stk. 2",
               "sel-142": "serviceloven § 142", "sel-141-7": "serviceloven § 141, stk. 7"}
# A follow-up's outcome in running text: "planen fortsættes".
OUTCOME_WORDS = {"continue": "fortsættes", "change": "ændres", "close": "afsluttes"}
# What a date that is not set is called.
NOT_SET = "ikke fastsat"
# What an empty value is called in "(var: …)".
NOTHING = "intet"


def one_line(text: str) -> str:
    """`text` cleaned as stored text is, on one line, never with a CPR number in it."""
    return hide_cpr(" ".join(clean_text(text).split()))


def quoted(text: str) -> str:
    """ «text», on one line and cut when long."""
    return "«" + shorten(one_line(text), QUOTE_CHARS) + "»"


def named(text: str, number: str) -> str:
    """How a sentence names a goal, sub-goal or service: «its text», or "nr. 2"
    while it has none."""
    return quoted(text) if text.strip() else f"nr. {number}"


def day(value: date | None) -> str:
    """ "1. marts 2027", or "ikke fastsat"."""
    return long_date(value, NOT_SET)


def value_or_nothing(text: str) -> str:
    """A short value in "(var: …)": quoted, or "intet"."""
    return quoted(text) if text.strip() else NOTHING


def partner_name(partner: Partner, number: int) -> str:
    """ "Hanne Jensen (Kirkens Korshær)", the one of them that is there, or "nr. 2"."""
    parts = [one_line(p) for p in (partner.name, partner.organisation) if p.strip()]
    if len(parts) == 2:
        return shorten(f"{parts[0]} ({parts[1]})", QUOTE_CHARS)
    return shorten(parts[0], QUOTE_CHARS) if parts else f"nr. {number}"
