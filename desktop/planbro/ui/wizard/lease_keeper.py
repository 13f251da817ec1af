"""The lease of a team plan while its wizard is open (storage/postgres/leases.py).

Taken when the plan is opened for editing (take: another's lease comes back, and the
wizard opens read-only "Åben hos … siden …"), renewed on a QTimer every RENEW_MS while
the wizard is open, given back when it closes. A lease lost meanwhile (a team leader
broke it, or it expired and a colleague took the plan) is noticed by the renewal or by
a refused save: the caseworker is told, and what they typed is saved as a separate
draft (actions/team_caseload.keep_as_draft) before the window closes, so nothing
typed is lost and nothing overwrites the colleague's plan. A server that cannot be
reached is not handled here (the offline queue is).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from planbro.translation import _

from planbro.storage import PlanNotFound, StoreError

from planbro.actions.team import leases_of
from planbro.actions.team_caseload import keep_as_draft

# How often the lease is renewed while the wizard is open: well within its two minutes.
RENEW_MS = 30_000
# The "Åben hos" banner's look: the caseload's read-only banner's yellow.
HELD_STYLE = ("QLabel#held_banner { background: #fff4ce; color: #3d2e00; border: 1px solid "
              "#c9a400; border-radius: 4px; padding: 6px; font-weight: bold; }")


class LeaseKeeper(QObject):
    """Holds one plan's lease for one wizard."""

    # Emitted once when the lease turned out lost; the separate draft's id ("" when none).
    lost = Signal(str)

    def __init__(self, store, plan_id: str, parent=None, interval_ms: int = RENEW_MS):
        super().__init__(parent)
        self.store = store
        self.plan_id = plan_id
        self.leases = leases_of(store)
        self.wizard = None
        # True once the loss was told: it is handled once.
        self.was_lost = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.renew)

    def take(self):
        """Take the lease; None when this client now holds it (or the plan is new: its first
        save takes it), else the other caseworker's Lease. StoreError from the server."""
        from planbro.storage.postgres import LeaseHeld

        try:
            self.leases.take(self.plan_id)
        except LeaseHeld as held:
            return held.lease
        except PlanNotFound:
            pass
        self.timer.start()
        return None

    def attach(self, wizard) -> None:
        """Keep the lease for `wizard`: renewed while it is open, released when it closes; a
        save refused for a lost lease is handled here before the wizard's own message."""
        self.wizard = wizard
        self.setParent(wizard)
        wizard.autosave.failed.disconnect(wizard._save_failed)
        wizard.autosave.failed.connect(self._save_failed)
        # Closing the wizard in any way finishes it (the app's end closes the store, which
        # gives back every lease of this client).
        wizard.finished.connect(lambda _result: self.release())

    def renew(self) -> bool:
        """Renew the lease; False when it was lost (then handled, once)."""
        try:
            lost = self.leases.renew()
        except StoreError:
            # Unreachable: the lease expires by itself; the offline queue keeps the saves.
            return True
        if self.plan_id in lost:
            self._lost()
            return False
        return True

    def release(self) -> None:
        self.timer.stop()
        try:
            self.leases.release(self.plan_id)
        except StoreError:
            # Unreachable: the lease expires by itself within two minutes.
            pass

    def _save_failed(self, reason: str) -> None:
        # A save refused for a lost lease (LeaseLost): the renewal tells it apart.
        if self.was_lost or not self.renew():
            return
        if self.wizard is not None:
            self.wizard._save_failed(reason)

    def _lost(self) -> None:
        """Tell the caseworker; keep what was typed as a separate draft; close the window."""
        self.was_lost = True
        self.timer.stop()
        self.leases.held.discard(self.plan_id)
        wizard = self.wizard
        if wizard is not None:
            wizard.autosave.timer.stop()
        if wizard is None:
            self.lost.emit("")
            return
        title = _("The plan is no longer yours to edit")
        holder = None
        try:
            holder = self.leases.holder(self.plan_id)
        except StoreError:
            pass
        head = (_("{open}: your lease of the plan expired and was taken over.").format(
                    open=holder.label()) if holder is not None else
                _("Your lease of the plan was broken by a team leader, or it expired."))
        kept_id = ""
        if wizard.autosave.dirty:
            try:
                kept = keep_as_draft(self.store, wizard.plan)
                kept_id = kept.id
                text = head + "\n\n" + _(
                    "What you typed since the last save is kept as a separate draft of "
                    "{name} in the caseload; nothing is lost. Compare it with the plan and "
                    "move what is missing over when the plan is yours again.").format(
                    name=wizard.plan.citizen.name or _("(no name)"))
            except StoreError as error:
                text = head + "\n\n" + _(
                    "What you typed since the last save could not be kept as a separate "
                    "draft: {reason}\nThe window stays open with your text; copy it before "
                    "closing.").format(reason=error)
                wizard.show_status(head)
                wizard.dialogs.warn(wizard, title, text)
                self.lost.emit("")
                return
        else:
            text = head + "\n\n" + _("Everything you typed was saved before. The window closes; "
                                     "open the plan again to read it.")
        wizard.dialogs.warn(wizard, title, text)
        wizard.autosave.dirty = False
        wizard._let_go = True
        self.lost.emit(kept_id)
        wizard.close()


def show_held(wizard) -> None:
    """The read-only wizard of a plan a colleague has open: "Åben hos … siden …" as a
    banner below the steps and in the title bar."""
    status = wizard.side.status
    status.setObjectName("held_banner")
    status.setStyleSheet(HELD_STYLE)
    status.setText(wizard.held_by + "\n" + _(
        "The plan can be read here, not changed, until it is closed there."))
    wizard.setWindowTitle(wizard.windowTitle() + " — " + wizard.held_by)
