"""Every modal question the UI asks goes through one injectable object: its interface.

The main window, the wizard and the wizard's editors receive a `Dialogs`;
the app passes `QtDialogs` (planbro.ui.common.qt_dialogs: real message boxes and
file dialogs), tests pass `ScriptedDialogs` (planbro.ui.common.scripted_dialogs),
whose answers are queued in advance, so no test can ever hang on a modal
window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from planbro.translation import _

from planbro.ui.common.folders import FolderMemory

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planbro.actions.encryption import RecoverySheet
    from planbro.actions.followup import FollowUpAnswer
    from planbro.actions.lifecycle import SignatureAnswer


@dataclass(frozen=True)
class SecretAnswer:
    """What the secret dialog gives back: the text typed, and whether the user left the box
    "remember the key for this user on this computer" ticked (False when not offered)."""

    secret: str
    remember: bool = False


class Dialogs:
    """The questions and messages a window may put to the user.

    The file dialogs (save_file, open_files, choose_folder) start in
    `folders.start()` — the folder used last, else Documents — and remember
    the folder of the file chosen.
    """

    def __init__(self) -> None:
        self.folders = FolderMemory()

    def info(self, parent, title: str, text: str) -> None:
        raise NotImplementedError

    def warn(self, parent, title: str, text: str) -> None:
        raise NotImplementedError

    def confirm(self, parent, title: str, text: str, *, default_yes: bool = False) -> bool:
        """Ja/Nej; Nej is the default (Enter) unless `default_yes`, for a question
        whose Ja keeps things as they are (continue where you left off)."""
        raise NotImplementedError

    def choose(self, parent, title: str, text: str, choices: Sequence[str], *,
               default: int = 0, escape: int | None = None) -> int:
        """One of `choices` (button texts), by its index; `default` is the button Enter
        presses, `escape` what Escape or closing the window answers (`default` when None)."""
        raise NotImplementedError

    def offer_encryption(self, parent, title: str, text: str) -> bool:
        """Kryptér nu (True, the default) or Senere (False) for a data folder that is not
        encrypted."""
        raise NotImplementedError

    def new_passphrase(self, parent, title: str, text: str) -> str | None:
        """A new passphrase, typed unseen twice and at least MIN_PASSPHRASE characters long
        (crypto.keys), or None when cancelled."""
        raise NotImplementedError

    def show_recovery_key(self, parent, sheet: RecoverySheet) -> bool:
        """Show the recovery key once, to print or save as PDF; True when the user says it
        is kept, False when they refuse it (then the folder is not encrypted)."""
        raise NotImplementedError

    def save_file(self, parent, title: str, suggested: str, filter: str) -> str | None:
        """A file to write; `suggested` is a file name (put in the start folder) or a path."""
        raise NotImplementedError

    def open_files(self, parent, title: str, filter: str) -> list[str]:
        raise NotImplementedError

    def pick_date(self, parent, title: str, default: date) -> date | None:
        raise NotImplementedError

    def ask_secret(self, parent, title: str, text: str, *,
                   offer_remember: bool = False) -> SecretAnswer | None:
        """A secret typed unseen (the recovery key or passphrase), or None when cancelled;
        with `offer_remember` also the box "remember the key for this user on this
        computer", ticked to begin with."""
        raise NotImplementedError

    def ask_text(self, parent, title: str, text: str) -> str | None:
        """A line of text typed (a plan's id, say), or None when cancelled."""
        raise NotImplementedError

    def open_folder(self, path) -> None:
        raise NotImplementedError

    def choose_folder(self, parent, title: str, start: str) -> str | None:
        """A folder, starting in `start` (the start folder when ""). Not remembered: it
        chooses the data folder, not a place for documents."""
        raise NotImplementedError

    def print_setup(self, parent, printer, pages: int) -> bool:
        """The system print dialog for `printer`; True when the user prints."""
        raise NotImplementedError

    def follow_up(self, parent, plan, today: date,
                  previous: FollowUpAnswer | None = None) -> FollowUpAnswer | None:
        """A follow-up of `plan` to record (§ 148 stk. 2), or None when cancelled.

        `previous` fills the form again, e.g. after the caseworker did not
        confirm closing the case.
        """
        raise NotImplementedError

    def sign(self, parent, plan, today: date) -> SignatureAnswer | None:
        """Who signed `plan` on which day — or that the citizen does not wish to
        sign, and why — or None when cancelled."""
        raise NotImplementedError

    def hand_over(self, parent, name: str, previous: Any = None, *, known: Sequence[str] = (),
                  responsible: tuple[str, str] | None = None) -> Any:
        """Overdrag sag of the plan of `name`: a HandOverAnswer (handover_dialog.py), or None
        when cancelled; `previous` fills the form again after a refusal; `known` the names
        offered, `responsible` who is responsible now and after a vikar's period."""
        raise NotImplementedError

    def choose_version(self, parent, plan_name: str,
                       versions: list[tuple[int, str, str, date | None]]) -> int | None:
        """One of a plan's stored versions to open, or None when cancelled.

        `versions`: (version, status, updated timestamp, date signed or None), oldest first.
        """
        raise NotImplementedError


def file_filter(kind: str) -> str:
    """The file-dialog filter for one kind of file Planbro writes or reads."""
    return {
        "docx": _("Word document (*.docx)"),
        "pdf": _("PDF document (*.pdf)"),
        "plan": _("Planbro plan (*.json)"),
        "image": _("Image (*.png *.jpg *.jpeg)"),
    }[kind]
