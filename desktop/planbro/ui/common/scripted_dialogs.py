"""Dialogs for tests (and the screenshot tool): answers queued in advance, every call recorded."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbro.ui.common.dialogs import Dialogs, SecretAnswer

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planbro.actions.encryption import RecoverySheet
    from planbro.actions.followup import FollowUpAnswer
    from planbro.actions.lifecycle import SignatureAnswer


# The passphrase new_passphrase gives when none is queued (at least MIN_PASSPHRASE long).
SCRIPTED_PASSPHRASE = "skrevet på forhånd til test"
# What the questions of turning encryption on answer when nothing is queued, so a test
# that starts the app on a new data folder goes on without them: a new folder is
# encrypted (the recovery key kept, the passphrase above where there is no credential
# store), a folder with plans is left for later.
ENCRYPTION_DEFAULTS = {"offer_encryption": False, "show_recovery_key": True,
                       "new_passphrase": SCRIPTED_PASSPHRASE}


class ScriptedDialogError(AssertionError):
    """A scripted dialog was asked something no answer was queued for."""


@dataclass
class Call:
    """One question or message as a window put it."""

    kind: str
    title: str = ""
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class ScriptedDialogs(Dialogs):
    """For tests: answers queued in advance; every call is recorded.

        dialogs = ScriptedDialogs()
        dialogs.queue("confirm", True)
        dialogs.queue("save_file", str(tmp_path / "plan.docx"))
        ...
        assert dialogs.calls_of("warn")[0].text.startswith("…")

    info/warn/open_folder need no answer. confirm, save_file, open_files,
    pick_date, ask_secret (a SecretAnswer, a text — the remember box left as it starts,
    ticked when offered — or None), choose_folder, print_setup, follow_up (a FollowUpAnswer or
    None), sign (a SignatureAnswer, a date both signed on, or None) and
    choose_version (a version number or None) and choose (an index, or a choice's text
    without its &) raise ScriptedDialogError when nothing was queued for them
    (unless a default is set with `defaults`), so a test fails instead of hanging.
    offer_encryption, show_recovery_key and new_passphrase answer ENCRYPTION_DEFAULTS
    unless queued or given in `defaults`.
    """

    def __init__(self, **defaults: Any) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self.answers: dict[str, deque] = {}
        self.defaults = {**ENCRYPTION_DEFAULTS, **defaults}

    def queue(self, kind: str, *answers: Any) -> ScriptedDialogs:
        self.answers.setdefault(kind, deque()).extend(answers)
        return self

    def calls_of(self, kind: str) -> list[Call]:
        return [call for call in self.calls if call.kind == kind]

    def _answer(self, kind: str) -> Any:
        pending = self.answers.get(kind)
        if pending:
            return pending.popleft()
        if kind in self.defaults:
            return self.defaults[kind]
        raise ScriptedDialogError(f"no scripted answer queued for {kind!r}")

    def info(self, parent, title: str, text: str) -> None:
        self.calls.append(Call("info", title, text))

    def warn(self, parent, title: str, text: str) -> None:
        self.calls.append(Call("warn", title, text))

    def confirm(self, parent, title: str, text: str, *, default_yes: bool = False) -> bool:
        self.calls.append(Call("confirm", title, text, extra={"default_yes": default_yes}))
        return bool(self._answer("confirm"))

    def choose(self, parent, title: str, text: str, choices: Sequence[str], *,
               default: int = 0, escape: int | None = None) -> int:
        self.calls.append(Call("choose", title, text,
                               extra={"choices": [c.replace("&", "") for c in choices],
                                      "default": default, "escape": escape}))
        answer = self._answer("choose")
        if isinstance(answer, str):
            return [c.replace("&", "") for c in choices].index(answer)
        return int(answer)

    def offer_encryption(self, parent, title: str, text: str) -> bool:
        self.calls.append(Call("offer_encryption", title, text))
        return bool(self._answer("offer_encryption"))

    def new_passphrase(self, parent, title: str, text: str) -> str | None:
        self.calls.append(Call("new_passphrase", title, text))
        return self._answer("new_passphrase")

    def show_recovery_key(self, parent, sheet: RecoverySheet) -> bool:
        """Queue True (kept), False (refused), or a callable given the sheet (to print or
        save it in a test) whose result is the answer."""
        self.calls.append(Call("show_recovery_key", sheet.lines[0], "\n".join(sheet.lines),
                               extra={"sheet": sheet}))
        answer = self._answer("show_recovery_key")
        return bool(answer(sheet) if callable(answer) else answer)

    def save_file(self, parent, title: str, suggested: str, filter: str) -> str | None:
        # "start": the folder the real dialog would open in, as the QtDialogs decide it.
        start = Path(self.folders.place(suggested)).parent
        self.calls.append(Call("save_file", title, extra={"suggested": suggested, "filter": filter,
                                                          "start": start}))
        answer = self._answer("save_file")
        if answer:
            self.folders.remember(Path(answer).parent)
        return answer

    def open_files(self, parent, title: str, filter: str) -> list[str]:
        self.calls.append(Call("open_files", title, extra={"filter": filter,
                                                           "start": self.folders.start()}))
        answer = list(self._answer("open_files"))
        if answer:
            self.folders.remember(Path(answer[0]).parent)
        return answer

    def ask_secret(self, parent, title: str, text: str, *,
                   offer_remember: bool = False) -> SecretAnswer | None:
        self.calls.append(Call("ask_secret", title, text,
                               extra={"offer_remember": offer_remember}))
        answer = self._answer("ask_secret")
        if isinstance(answer, str):
            return SecretAnswer(answer, remember=offer_remember)
        return answer

    def ask_text(self, parent, title: str, text: str) -> str | None:
        """Queue the text typed, or None (cancelled)."""
        self.calls.append(Call("ask_text", title, text))
        return self._answer("ask_text")

    def pick_date(self, parent, title: str, default: date) -> date | None:
        self.calls.append(Call("pick_date", title, extra={"default": default}))
        return self._answer("pick_date")

    def open_folder(self, path) -> None:
        self.calls.append(Call("open_folder", extra={"path": Path(path)}))

    def choose_folder(self, parent, title: str, start: str) -> str | None:
        self.calls.append(Call("choose_folder", title,
                               extra={"start": start or str(self.folders.start())}))
        return self._answer("choose_folder")

    def print_setup(self, parent, printer, pages: int) -> bool:
        """Queue False (cancel), True (print as set up) or a .pdf path: the
        printer then writes that file, so a test can look at what was printed."""
        self.calls.append(Call("print_setup", extra={"printer": printer, "pages": pages}))
        answer = self._answer("print_setup")
        if isinstance(answer, (str, Path)):
            printer.setOutputFileName(str(answer))
            return True
        return bool(answer)

    def follow_up(self, parent, plan, today: date,
                  previous: FollowUpAnswer | None = None) -> FollowUpAnswer | None:
        self.calls.append(Call("follow_up", extra={"plan": plan, "today": today,
                                                   "previous": previous}))
        return self._answer("follow_up")

    def sign(self, parent, plan, today: date) -> SignatureAnswer | None:
        from planbro.actions.lifecycle import SignatureAnswer

        self.calls.append(Call("sign", extra={"plan": plan, "today": today}))
        answer = self._answer("sign")
        return SignatureAnswer.both_on(answer) if isinstance(answer, date) else answer

    def hand_over(self, parent, name: str, previous=None, *, known=(), responsible=None):
        self.calls.append(Call("hand_over", text=name, extra={
            "previous": previous, "known": list(known), "responsible": responsible}))
        return self._answer("hand_over")

    def choose_version(self, parent, plan_name: str,
                       versions: list[tuple[int, str, str, date | None]]) -> int | None:
        self.calls.append(Call("choose_version", plan_name, extra={"versions": list(versions)}))
        return self._answer("choose_version")
