"""Filer → Din plan (til borgeren): the citizen's own short copy of the selected plan.

The copy's work and its record are planbro.actions.citizen's; here the caseworker
chooses the frame's language (Danish, or English for a citizen who reads English
better; the plan's own words stay as written) and the file, and the outcome is
told as the other saves tell it.
"""

from __future__ import annotations

from pathlib import Path

from planbro.translation import _

from planbro.actions.citizen import save_citizen_copy
from planbro.actions.documents import NotWritten, municipality_of
from planbro.actions.trail import trail_of

from planbro.ui.actions_files import _selected_plan, told
from planbro.ui.common import citizen_copy

# The answers of the question of the frame's language, by their index.
DANISH, ENGLISH, CANCEL = 0, 1, 2


def ask_language(window) -> bool | None:
    """True for the English frame, False for the Danish, None when cancelled."""
    answer = window.dialogs.choose(window, citizen_copy.title(), _(
        "Din plan is the citizen's own short copy of the plan: at most two pages in large "
        "type and plain words, without the CPR number. Should its headings and fixed "
        "sentences be in Danish or in English? The plan's own words stay as written."),
        [_("&Danish"), _("&English"), _("Cancel")], default=DANISH, escape=CANCEL)
    return None if answer == CANCEL else answer == ENGLISH


def save_copy(window) -> Path | None:
    """Ask the frame's language and where, write the copy, and tell where it went; its
    path, None when cancelled or refused (the message says why)."""
    title = citizen_copy.title()
    plan = _selected_plan(window, title)
    if plan is None:
        return None
    english = ask_language(window)
    if english is None:
        return None
    chosen = citizen_copy.ask_path(window.dialogs, window, plan, english)
    if chosen is None:
        return None
    kind, path = chosen
    try:
        saved = save_citizen_copy(plan, kind, path, trail=trail_of(window.store),
                                  municipality=municipality_of(window.settings), english=english)
    except NotWritten as error:
        window.dialogs.warn(window, title, error.message())
        return None
    told(window, title, saved)
    return saved.path
