"""The purpose (formål) a plan was looked up or handed out for, as the audit log records it.

Datatilsynet (2024) holds that a citizen's right of access covers when and
for what purpose their data was used, so a view, a document, a print, an
export, an extract and the opened caseload carry the purpose chosen for the
session: "purpose" in the record. The words are a short fixed list, which a
municipality can extend in its municipality.toml (`purposes`), never free
text typed per view: a purpose is chosen once per session, in the app's
"Formål" box or by `--purpose` on the command line.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why the log checks the shape of a word and not the list                   │
│                                                                          │
│ The list is the municipality's (planbro.documents reads its file), and   │
│ the audit package may not import it. The front ends offer only the       │
│ list's words; the log itself refuses anything that is not a short        │
│ lowercase phrase of letters, spaces and hyphens — no digit, so no CPR    │
│ number, date or id, and no sentence of plan text can reach the log.     │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from planbro.translation import _

# The built-in purposes, the default first: the ones every municipality has.
PURPOSES = ("sagsbehandling", "møde med borgeren", "opfølgning", "aktindsigt", "tilsyn")
# The purpose of a command that names none (`planbro show`, `render`, `list`).
DEFAULT_PURPOSE = PURPOSES[0]
# Actions that show or hand out a plan (or the caseload's names): they carry the purpose.
PURPOSE_ACTIONS = frozenset({"view", "render", "print", "export", "extract", "caseload"})
# Actions whose purpose is their nature, whatever the session's purpose: an extract of
# the log is made for the citizen's access request (art. 15).
FIXED_PURPOSES = {"extract": "aktindsigt"}
# The longest purpose word, in characters.
MAX_PURPOSE_CHARS = 40


def purpose_problem(word: object) -> str | None:
    """Why `word` cannot be a purpose, or None when it can: 2 to 40 characters of
    lowercase letters, single spaces and hyphens, beginning and ending with a letter."""
    if not isinstance(word, str):
        return _("must be text")
    if not 2 <= len(word) <= MAX_PURPOSE_CHARS:
        return _("must be 2 to {count} characters").format(count=MAX_PURPOSE_CHARS)
    allowed = all(c.isalpha() and c == c.lower() or c in " -" for c in word)
    if not allowed or not (word[0].isalpha() and word[-1].isalpha()) or "  " in word:
        return _("may hold only lowercase letters, single spaces and hyphens (no digits), "
                 "e.g. «møde med borgeren»")
    return None


def all_purposes(extra: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """The built-in purposes and then the municipality's `extra` ones not among them."""
    return PURPOSES + tuple(dict.fromkeys(word for word in extra if word not in PURPOSES))
