"""Refusals that name the field and the reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planbro.translation import _, ngettext

from planbro.model.cpr import hide_cpr

# The longest quoted value a message shows; a longer one is cut with "…".
SHOWN_CHARS = 60
# The most problems one refusal lists; the rest are counted.
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    # The exchange-format path of the field, e.g. "goals[0].subgoals[1].deadline".
    field: str
    # Why it was refused, already in the user's language.
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}" if self.field else self.reason


class ValidationError(ValueError):
    """Raised with every problem found, so a user can fix them in one go; beyond
    MAX_PROBLEMS, the first ones and a count of the rest."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = _capped(list(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def _capped(problems: list[Problem]) -> list[Problem]:
    # A hostile file with 100,000 unknown keys gave a message box taller than any screen.
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [Problem("", ngettext(
        "… and {count} more problem of the same kind or others; fix these first.",
        "… and {count} more problems of the same kind or others; fix these first.",
        rest).format(count=rest))]


def join_path(base: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


def shown(value: Any) -> str:
    """A value as a refusal may quote it: CPR-looking numbers hidden, control
    characters (a trailing newline) made visible, a long value cut short."""
    text = hide_cpr(value if isinstance(value, str) else str(value))
    if len(text) > SHOWN_CHARS:
        text = text[:SHOWN_CHARS] + "…"
    return "".join(repr(c)[1:-1] if not c.isprintable() and c != " " else c for c in text)


def json_reason(message: str) -> str:
    """What Python's JSON parser said (json.JSONDecodeError.msg), in the user's language."""
    reasons = {
        "Expecting value": _("a value is missing here"),
        "Expecting property name enclosed in double quotes": _(
            "a field name in double quotes is expected here"),
        "Expecting ',' delimiter": _("a comma is missing here"),
        "Expecting ':' delimiter": _("a colon is missing here"),
        "Extra data": _("there is more after the end"),
        "Invalid control character at": _("a control character (a line break?) inside a text"),
        "Invalid \\escape": _("an unknown escape with \\ inside a text"),
        "Invalid \\uXXXX escape": _("an unknown \\u escape inside a text"),
    }
    if message.startswith("Unterminated string"):
        return _("a text is not ended with a double quote")
    return reasons.get(message, message)
