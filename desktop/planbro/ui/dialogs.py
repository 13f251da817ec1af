"""Every modal question the UI asks goes through one injectable object.

The main window and the wizard receive a `Dialogs`; the app passes
`QtDialogs` (real message boxes and file dialogs), tests pass
`ScriptedDialogs`, whose answers are queued in advance, so no test can
ever hang on a modal window.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbro.translation import _

if TYPE_CHECKING:
    from planbro.actions.followup import FollowUpAnswer


class Dialogs:
    """The questions and messages a window may put to the user."""

    def info(self, parent, title: str, text: str) -> None:
        raise NotImplementedError

    def warn(self, parent, title: str, text: str) -> None:
        raise NotImplementedError

    def confirm(self, parent, title: str, text: str) -> bool:
        raise NotImplementedError

    def save_file(self, parent, title: str, suggested: str, filter: str) -> str | None:
        raise NotImplementedError

    def open_files(self, parent, title: str, filter: str) -> list[str]:
        raise NotImplementedError

    def pick_date(self, parent, title: str, default: date) -> date | None:
        raise NotImplementedError

    def open_folder(self, path) -> None:
        raise NotImplementedError

    def choose_folder(self, parent, title: str, start: str) -> str | None:
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

    def choose_version(self, parent, plan_name: str,
                       versions: list[tuple[int, str, str, date | None]]) -> int | None:
        """One of a plan's stored versions to open, or None when cancelled.

        `versions`: (version, status, updated timestamp, date signed or None), oldest first.
        """
        raise NotImplementedError


class QtDialogs(Dialogs):
    """The real dialogs: QMessageBox, QFileDialog and a small calendar dialog."""

    def info(self, parent, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.information(parent, title, text)

    def warn(self, parent, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.warning(parent, title, text)

    def confirm(self, parent, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        # "No" is the default so Enter never confirms something irreversible.
        answer = QMessageBox.question(parent, title, text, buttons,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def save_file(self, parent, title: str, suggested: str, filter: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog
        path, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, filter)
        return path or None

    def open_files(self, parent, title: str, filter: str) -> list[str]:
        from PySide6.QtWidgets import QFileDialog
        paths, _chosen = QFileDialog.getOpenFileNames(parent, title, "", filter)
        return list(paths)

    def pick_date(self, parent, title: str, default: date) -> date | None:
        from PySide6.QtCore import QDate, Qt
        from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QVBoxLayout
        dialog = QDialog(parent)
        dialog.setWindowTitle(title)
        calendar = QCalendarWidget(dialog)
        calendar.setAccessibleName(title)
        calendar.setGridVisible(True)
        calendar.setSelectedDate(QDate(default.year, default.month, default.day))
        # Monday first, as on a Danish calendar, whatever the system locale says.
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        calendar.activated.connect(dialog.accept)
        layout = QVBoxLayout(dialog)
        layout.addWidget(calendar)
        layout.addWidget(buttons)
        calendar.setFocus()
        if not dialog.exec():
            return None
        chosen = calendar.selectedDate()
        return date(chosen.year(), chosen.month(), chosen.day())

    def open_folder(self, path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def choose_folder(self, parent, title: str, start: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog
        return QFileDialog.getExistingDirectory(parent, title, start) or None

    def print_setup(self, parent, printer, pages: int) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog
        from PySide6.QtWidgets import QDialog
        dialog = QPrintDialog(printer, parent)
        dialog.setMinMax(1, max(1, pages))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def follow_up(self, parent, plan, today: date,
                  previous: FollowUpAnswer | None = None) -> FollowUpAnswer | None:
        from planbro.ui.followup_dialog import FollowUpDialog
        dialog = FollowUpDialog(parent, plan, today, pick_date=self.pick_date, previous=previous)
        return dialog.answer() if dialog.exec() else None

    def choose_version(self, parent, plan_name: str,
                       versions: list[tuple[int, str, str, date | None]]) -> int | None:
        from planbro.ui.version_dialog import VersionDialog
        dialog = VersionDialog(parent, plan_name, versions)
        return dialog.chosen() if dialog.exec() else None


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
    pick_date, choose_folder, print_setup, follow_up (a FollowUpAnswer or
    None) and choose_version (a version number or None) raise
    ScriptedDialogError when nothing was queued for them
    (unless a default is set with `defaults`), so a test fails instead of hanging.
    """

    def __init__(self, **defaults: Any) -> None:
        self.calls: list[Call] = []
        self.answers: dict[str, deque] = {}
        self.defaults = dict(defaults)

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

    def confirm(self, parent, title: str, text: str) -> bool:
        self.calls.append(Call("confirm", title, text))
        return bool(self._answer("confirm"))

    def save_file(self, parent, title: str, suggested: str, filter: str) -> str | None:
        self.calls.append(Call("save_file", title, extra={"suggested": suggested, "filter": filter}))
        return self._answer("save_file")

    def open_files(self, parent, title: str, filter: str) -> list[str]:
        self.calls.append(Call("open_files", title, extra={"filter": filter}))
        return list(self._answer("open_files"))

    def pick_date(self, parent, title: str, default: date) -> date | None:
        self.calls.append(Call("pick_date", title, extra={"default": default}))
        return self._answer("pick_date")

    def open_folder(self, path) -> None:
        self.calls.append(Call("open_folder", extra={"path": Path(path)}))

    def choose_folder(self, parent, title: str, start: str) -> str | None:
        self.calls.append(Call("choose_folder", title, extra={"start": start}))
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

    def choose_version(self, parent, plan_name: str,
                       versions: list[tuple[int, str, str, date | None]]) -> int | None:
        self.calls.append(Call("choose_version", plan_name, extra={"versions": list(versions)}))
        return self._answer("choose_version")


def file_filter(kind: str) -> str:
    """The file-dialog filter for one kind of file Planbro writes or reads."""
    return {
        "docx": _("Word document (*.docx)"),
        "pdf": _("PDF document (*.pdf)"),
        "plan": _("Planbro plan (*.json)"),
        "image": _("Image (*.png *.jpg *.jpeg)"),
    }[kind]
