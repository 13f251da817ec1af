"""Default file names for plan documents, safe on Windows and free of CPR.

`Handleplan <citizen name> <date> v<version>.docx`, and
`Handleplan <citizen name> <date> v<version> KLADDE.docx` for a draft: the
name is what a caseworker searches for in a folder; a CPR number never
appears, even when one was typed into the name field.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from planbro.model.plan import Plan

from planbro.documents.dates import date_of_timestamp

# Characters Windows refuses in a file name, plus control characters.
_RESERVED_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Anything that looks like a CPR number (DDMMYY-SSSS, also without the hyphen
# or with a space), and any other run of 6+ digits that might be one.
_CPR_LIKE = re.compile(r"\d{6}[\s-]?\d{4}|\d{6,}")
# Device names Windows reserves with any extension (CON.txt is CON too).
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                   *(f"COM{i}" for i in "123456789¹²³"),
                   *(f"LPT{i}" for i in "123456789¹²³")}
# Longest citizen-name part kept; the whole name stays far below the
# 255-character limit and leaves room for a deep folder in MAX_PATH.
MAX_NAME_CHARS = 60
# Longest whole file name produced by safe_filename().
MAX_FILENAME_CHARS = 120
# After the version in a draft's file name.
DRAFT_SUFFIX = "KLADDE"


def _strip_unprintable(text: str) -> str:
    # Format characters (bidi marks, zero-width joiners) confuse Explorer.
    return "".join(c for c in text if unicodedata.category(c)[0] != "C")


def safe_component(text: str, max_chars: int = MAX_NAME_CHARS) -> str:
    """`text` made harmless for use inside a file name (may be empty)."""
    text = unicodedata.normalize("NFC", text)
    text = _CPR_LIKE.sub(" ", text)
    text = _RESERVED_CHARS.sub(" ", text)
    text = _strip_unprintable(text)
    text = " ".join(text.split())
    return text[:max_chars].strip(" .")


def safe_filename(stem: str, ext: str) -> str:
    """A whole file name from `stem` and `ext`, valid on Windows."""
    ext = ext.lstrip(".")
    stem = safe_component(stem, MAX_FILENAME_CHARS - len(ext) - 1) or "Dokument"
    if stem.split(".")[0].strip().upper() in _RESERVED_NAMES:
        stem = "_" + stem
    return f"{stem}.{ext}"


def plan_date(plan: Plan) -> date | None:
    """The date a plan version carries: when it was signed, else last saved."""
    signed = plan.signatures.caseworker_signed or plan.signatures.citizen_signed
    return signed or date_of_timestamp(plan.updated) or date_of_timestamp(plan.created)


def is_draft(plan: Plan) -> bool:
    """Whether `plan` is a draft (status kladde): its documents are marked so."""
    return plan.status == "draft"


def default_filename(plan: Plan, ext: str) -> str:
    """`Handleplan <name> <YYYY-MM-DD> v<version>.<ext>` (ext: "docx" or "pdf"),

    with " KLADDE" after the version for a draft, so a draft and the signed
    version never get the same name.
    """
    parts = ["Handleplan", safe_component(plan.citizen.name)]
    day = plan_date(plan)
    if day:
        parts.append(day.isoformat())
    parts.append(f"v{plan.version}")
    if is_draft(plan):
        parts.append(DRAFT_SUFFIX)
    # The name part is cut at MAX_NAME_CHARS, so the suffix always fits.
    return safe_filename(" ".join(p for p in parts if p), ext)
