"""Free text the overview counts by kind, never by what it says: a declined offer's reason and
a service's legal basis.

Both are typed by the caseworker and may hold anything (a name, a diagnosis), so the overview
keeps only a fixed key for them in its facts, and no figure ever quotes the text:
- a reason is put in the first group whose Danish words it holds (REASON_GROUPS), else
  "other"; no reason written is "none". It is a heuristic for a team leader's overview, like
  the quality check's topics: a reason of two kinds counts under the first.
- a legal basis is rebuilt from the law and paragraph it names ("SEL § 85a" and "Serviceloven
  § 85 a — Housing First-bostøtte" are both "S85a", shown "Serviceloven § 85 a"); a
  paragraph without a law is the Serviceloven's, where a plan's services are granted. Text
  naming no paragraph is "other", unless it is the employment services (the picklist's
  "Beskæftigelsesindsats").
"""

from __future__ import annotations

import re

# A declined offer's reason, by group; the first group whose pattern matches wins.
REASON_GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("has_help", re.compile(
        r"allerede|andet sted|anden plan|jobplan|min plan|har en plan|har hjælp|har støtte|"
        r"bostøtte|kontaktperson|\bforløb", re.IGNORECASE)),
    ("no_need", re.compile(
        r"klarer (?:mig|sig|det) selv|(?:ikke|ingen) brug for|(?:ikke|intet|ingen) behov|"
        r"behøver ikke|har det fint|ikke nødvendig|kan selv", re.IGNORECASE)),
    ("distrust", re.compile(
        r"tillid|stoler ikke|kommunen|systemet|myndighed|privat|dele oplysninger|overvåg|"
        r"papirer|skema", re.IGNORECASE)),
    ("not_now", re.compile(
        r"ikke nu|senere|ikke klar|overskud|for meget|presset|på et tidspunkt|ikke lige nu",
        re.IGNORECASE)),
    ("moving", re.compile(r"flytte|fraflyt|anden kommune|udland|rejse", re.IGNORECASE)),
)
# A reason that holds none of the groups' words, and no reason written at all.
OTHER, NONE = "other", "none"
# Every reason group in the order the overview lists them.
REASON_KEYS = (*(key for key, _pattern in REASON_GROUPS), OTHER, NONE)

# The laws a service's legal basis may name, by their code's letter, as the picklist spells
# them (forms/wizard.yaml).
LAW_NAMES = {"S": "Serviceloven", "H": "Sundhedsloven", "A": "Almenboligloven"}
# How each law is recognised in what the caseworker typed.
_LAWS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"sundhedslov|\bsul\b", re.IGNORECASE), "H"),
    (re.compile(r"almenboliglov|almenbolig", re.IGNORECASE), "A"),
    (re.compile(r"servicelov|\bsel\b", re.IGNORECASE), "S"),
)
# A code of legal_basis: the law's letter, the paragraph, its letter.
_CODE = re.compile(r"([SHA])(\d{1,3})([a-zæøå]?)")
# "§ 85 a", "§85a", "§ 101, stk. 1": the paragraph's number and letter.
_PARAGRAPH = re.compile(r"§+\s*(\d{1,3})(?:\s*([a-zæøå])(?![a-zæøå]))?", re.IGNORECASE)
# The employment services, which the picklist names without a paragraph.
_EMPLOYMENT = re.compile(r"beskæftigelse|jobcent|\blab\b", re.IGNORECASE)
# The employment services' code.
EMPLOYMENT = "job"


def reason_group(reason: str) -> str:
    """The group of a declined offer's reason (REASON_KEYS)."""
    if not reason.strip():
        return NONE
    return next((key for key, pattern in REASON_GROUPS if pattern.search(reason)), OTHER)


def legal_basis(text: str) -> str:
    """A service's legal basis as a short code: the law's letter (S Serviceloven, H
    Sundhedsloven, A Almenboligloven), the paragraph and its letter ("S85a" for "Serviceloven
    § 85 a"); EMPLOYMENT, OTHER for text that names no paragraph, NONE for none given."""
    if not text.strip():
        return NONE
    paragraph = _PARAGRAPH.search(text)
    if paragraph is None:
        return EMPLOYMENT if _EMPLOYMENT.search(text) else OTHER
    law = next((code for pattern, code in _LAWS if pattern.search(text)), "S")
    number, letter = paragraph.groups()
    return f"{law}{int(number)}{letter.lower() if letter else ''}"


def legal_basis_text(code: str) -> str:
    """The law and paragraph of a code of legal_basis ("Serviceloven § 85 a" for "S85a");
    "" for EMPLOYMENT, OTHER and NONE, which have words of their own (labels.py)."""
    match = _CODE.fullmatch(code)
    if match is None:
        return ""
    law, number, letter = match.groups()
    return f"{LAW_NAMES[law]} § {number}" + (f" {letter}" if letter else "")
