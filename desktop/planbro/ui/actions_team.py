"""The caseload's team actions (the team store only): a plan's lease as its wizard opens,
"Overdrag sag …" and a team leader's "Bryd låsen …", in the Handleplan menu and the
caseload's context menu. The use cases are actions/team.py and actions/handover.py;
every question goes through window.dialogs, so tests script the answers.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from planbro.translation import _

from planbro.model import ValidationError

from planbro.storage import StoreError

from planbro.actions.handover import (
    UnknownColleague,
    hand_over,
    known_colleagues,
    new_colleague_note,
    responsible_for,
)
from planbro.actions.team import break_lease, open_by
from planbro.actions.team_caseload import is_team_store, may_break_leases

from planbro.ui.wizard.lease_keeper import LeaseKeeper

# How long the status bar says what was done, in milliseconds.
NOTE_MS = 8000


def lease_for(window, plan, of_versions: int | None = None):
    """(keeper, held_by) for a wizard opening `plan`: a LeaseKeeper holding this caseworker's
    lease when the plan is opened for editing on the team store, else None; held_by
    "Åben hos … siden …" when a colleague has it open (the wizard then reads only)."""
    store = window.store
    if (not is_team_store(store) or plan.status != "draft" or of_versions
            or getattr(store, "read_only", False)):
        return None, ""
    keeper = LeaseKeeper(store, plan.id, parent=window)
    try:
        held = keeper.take()
    except StoreError as error:
        # The server cannot be asked: the wizard opens, and its first save tells (or is
        # queued offline); the timer renews the lease that save takes.
        window.statusBar().showMessage(str(error), NOTE_MS)
        keeper.timer.start()
        return keeper, ""
    if held is not None:
        keeper.deleteLater()
        return None, held.label()
    return keeper, ""


class TeamActions:
    """Overdrag sag and Bryd låsen for the caseload `window` on the team store."""

    def __init__(self, window):
        self.window = window
        self.leader = may_break_leases(window.store)
        self.hand_over = QAction(_("&Hand over case…"), window)
        self.hand_over.setObjectName("action_hand_over")
        self.hand_over.setStatusTip(_("Hand the case over to a colleague, or to a vikar for a "
                                      "period, with a note"))
        self.hand_over.triggered.connect(lambda _checked=False: self.hand_over_selected())
        self.break_lease = QAction(_("&Break the lease…"), window)
        self.break_lease.setObjectName("action_break_lease")
        self.break_lease.setStatusTip(_("Let the plan be edited again when a colleague's "
                                        "Planbro holds it open (team leaders only)"))
        self.break_lease.triggered.connect(lambda _checked=False: self.break_selected())
        self.break_lease.setVisible(self.leader)

    def install(self) -> None:
        window = self.window
        plan_menu = next((action.menu() for action in window.menuBar().actions()
                          if action.text() == _("&Plan")), None)
        if plan_menu is not None:
            menu = plan_menu
            before = window.plan_actions.actions["extract"]
            menu.insertAction(before, self.hand_over)
            menu.insertAction(before, self.break_lease)
            menu.insertSeparator(before)
        window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.table.customContextMenuRequested.connect(self._context_menu)
        window.table.selectionModel().selectionChanged.connect(lambda *_a: self.update_enabled())
        self.update_enabled()

    def update_enabled(self) -> None:
        summary = self.window.selected_summary()
        writable = not self.window.read_only and summary is not None
        self.hand_over.setEnabled(writable and summary.status != "closed")
        self.break_lease.setEnabled(writable)

    def _context_menu(self, point) -> None:
        menu = QMenu(self.window.table)
        menu.addAction(self.window.plan_actions.actions["open"])
        menu.addSeparator()
        menu.addAction(self.hand_over)
        if self.leader:
            menu.addAction(self.break_lease)
        menu.popup(self.window.table.viewport().mapToGlobal(point))

    # -- the actions -------------------------------------------------------------------
    def break_selected(self):
        """A team leader breaks a colleague's lease, after a question naming them (Nej is the
        default); the Lease broken, or None."""
        window = self.window
        summary = window.selected_summary()
        title = _("Break the lease")
        if summary is None:
            return None
        try:
            lease = open_by(window.store, summary.id)
        except StoreError as error:
            window.dialogs.warn(window, title, str(error))
            return None
        if lease is None:
            window.dialogs.info(window, title, _("No one has the plan of {name} open for "
                                                 "editing: there is no lease to break.").format(
                name=summary.name or _("(no name)")))
            return None
        question = _("{open}.\n\nBreak the lease, so the plan of {name} can be edited here? "
                     "What {holder} types from now on is not saved in the plan (their "
                     "Planbro keeps it as a separate draft). Breaking it is recorded in the "
                     "audit log.").format(open=lease.label(), name=summary.name or _("(no name)"),
                                          holder=lease.name)
        if not window.dialogs.confirm(window, title, question):
            return None
        try:
            broken = break_lease(window.store, summary.id)
        except StoreError as error:
            window.dialogs.warn(window, title, str(error))
            return None
        window.refresh(select_id=summary.id)
        window.statusBar().showMessage(_("The lease of {holder} was broken.").format(
            holder=broken.name), NOTE_MS)
        return broken

    def hand_over_selected(self):
        """Overdrag sag: the colleague (among the names the team knows), an optional last
        day (a vikar) and a note; the HandOver made, or None. A refused field asks again
        with what was written; a name the team does not know asks whether it is a new
        colleague (Nej by default: back to the dialog)."""
        window = self.window
        summary = window.selected_summary()
        title = _("Hand over case")
        if summary is None:
            return None
        try:
            known = known_colleagues(window.store)
            responsible = responsible_for(window.store, summary.id)
        except StoreError as error:
            window.dialogs.warn(window, title, str(error))
            return None
        answer, ask = None, True
        while True:
            if ask:
                answer = window.dialogs.hand_over(window, summary.name or _("(no name)"), answer,
                                                  known=known, responsible=responsible)
                if answer is None:
                    return None
            assert answer is not None
            ask = True
            try:
                made = hand_over(window.store, summary.id, answer.to_name, answer.note,
                                 until=answer.until, new_colleague=answer.new_colleague)
            except UnknownColleague as error:
                question = _("No one in the team is called «{name}».").format(name=error.name)
                if error.suggestion:
                    question += " " + _("Did you mean «{suggestion}»?").format(
                        suggestion=error.suggestion)
                question += "\n\n" + _("Is «{name}» a new colleague, whom the team store does "
                                        "not know yet?").format(name=error.name)
                if summary.unit:
                    question += " " + new_colleague_note(error.name, summary.unit)
                if window.dialogs.confirm(window, title, question):
                    answer = replace(answer, to_name=error.name, new_colleague=True)
                    ask = False
                continue
            except ValidationError as error:
                fields = {"to": _("Colleague"), "note": _("Note"),
                          "until": _("Vikar up to and including")}
                window.dialogs.warn(window, title, "\n".join(
                    _("{field}: {reason}").format(field=fields.get(p.field, p.field),
                                                  reason=p.reason) for p in error.problems))
                continue
            except StoreError as error:
                window.dialogs.warn(window, title, str(error))
                return None
            break
        window.refresh(select_id=summary.id)
        if made.until is not None:
            from planbro.model.labels import day_label

            done = _("The case was handed over to {name} as vikar up to and including "
                     "{day}.").format(name=made.to_name, day=day_label(made.until))
        else:
            done = _("The case was handed over to {name}.").format(name=made.to_name)
        window.statusBar().showMessage(done, NOTE_MS)
        return made
