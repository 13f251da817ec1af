"""The plan's texts as the citizen's copy prints them: printable, without a CPR number,
and the caseworker's without legal references; English dates for the English frame.

    plain("… behandling efter § 101 og …")  "… behandling og …"
    free(text)                              printable, its lines kept, no CPR number
    english_date(date(2027, 2, 1))          "1 February 2027"

The citizen's own words only go through free(): they are printed as written.
"""

from __future__ import annotations

import re
from datetime import date

from babel import Locale
from babel.dates import format_date

from planbro.documents.text import printable, without_cpr

# English dates as the frame prints them: "1 February 2027" (a fixed pattern, as dates.py's).
EN_LOCALE = Locale.parse("en_GB")
EN_PATTERN = "d MMMM y"
# A law's name as a caseworker writes it before (or without) a paragraph.
_LAW = (r"(?:(?:service|sundheds|beskæftigelses|almenbolig|retssikkerheds|pensions)loven"
        r"|lov om [a-zæøå -]+?|LAB|SEL|SUL)")
# A paragraph, perhaps with stk. and nr.: "§ 85 a", "§§ 107-110", "§ 141, stk. 5, nr. 2".
_PARAGRAPH = (r"§§?\s?\d+(?:\s?[a-h]\b)?(?:\s?(?:,|-|–|og)\s?\d+(?:\s?[a-h]\b)?)*"
              r"(?:,?\s?stk\.\s?\d+)?(?:,?\s?nr\.\s?\d+)?")
# The words that lead into a reference: "efter", "jf." …
_LEAD = r"(?:efter|jf\.|jævnfør|iht\.|i henhold til|ifølge)"
# A legal reference with what leads into it, in brackets or not; a consolidated act (LBK).
_REFERENCE = re.compile(
    rf"\s*\(\s*(?:{_LEAD}\s+)?(?:{_LAW}\s*)?{_PARAGRAPH}\s*\)"
    rf"|\s*(?:{_LEAD}\s+)?(?:{_LAW}\s*)?{_PARAGRAPH}"
    rf"|\s*{_LEAD}\s+{_LAW}(?=[\s,.;:)]|$)"
    r"|\s*\(?\bLBK\s+nr\.\s?\d+(?:\s+af\s+\d{1,2}\.\s+\w+\s+\d{4})?\)?",
    re.IGNORECASE)
# Space left before punctuation where a reference was taken out.
_SPACE_BEFORE_MARK = re.compile(r"[ \u00a0]+(?=[,.;:!?)])")


def english_date(value: date) -> str:
    """ "1 February 2027"."""
    return format_date(value, EN_PATTERN, locale=EN_LOCALE)


def plain(text: str) -> str:
    """The caseworker's `text` without its legal references ("efter § 101",
    "(§ 110)", "jf. serviceloven § 85 a", "LBK nr. 1234"): the copy names no law."""
    text = _REFERENCE.sub("", text).replace("§", "")
    text = _SPACE_BEFORE_MARK.sub("", text)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def free(text: str | None) -> str:
    """The plan's `text` made printable, without anything that looks like a CPR number;
    its lines kept."""
    lines = (without_cpr(line) for line in printable(text).split("\n"))
    return "\n".join(line for line in lines if line)
