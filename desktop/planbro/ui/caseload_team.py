"""The caseload on the team store: the view selector ("Mine sager", "Teamets sager", and
for a team leader "Enhedens sager"), who is responsible for and who has each plan open
(the citizen column's tooltip), and the team actions (actions_team.py). On the data
folder none of this shows: install() gives None.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from planbro.translation import _

from planbro.storage import StoreError

from planbro.actions.team_caseload import (
    VIEW_MINE,
    VIEW_TEAM,
    in_view,
    is_team_store,
    open_plans,
    view_names,
)

from planbro.ui.actions_team import TeamActions


def install(window):
    """The team parts of the caseload `window`; None on the data folder."""
    if not is_team_store(window.store):
        return None
    return TeamCaseload(window)


class TeamCaseload:
    def __init__(self, window):
        self.window = window
        settings = window.settings
        self.me = settings.caseworker_name if settings is not None else ""
        self.unit = settings.caseworker_unit if settings is not None else ""
        self.actions = TeamActions(window)
        self.actions.install()
        self.row = QWidget(window.centralWidget())
        self.row.setObjectName("team_view_row")
        box = QHBoxLayout(self.row)
        box.setContentsMargins(0, 0, 0, 0)
        self.view = QComboBox(self.row)
        self.view.setObjectName("team_view")
        self.view.setAccessibleName(_("Which cases to show"))
        for view, name in view_names(self.actions.leader):
            self.view.addItem(name, view)
        self.view.setToolTip(_("My cases: those you are responsible for today. The team's cases: "
                               "every plan you may read. The unit's cases (team leaders): the "
                               "open plans with an overdue follow-up or a red or yellow quality "
                               "light."))
        label = QLabel(_("Sho&w:"), self.row)
        label.setBuddy(self.view)
        box.addWidget(label)
        box.addWidget(self.view)
        box.addStretch(1)
        layout = window.centralWidget().layout()
        layout.insertWidget(layout.indexOf(window.banner) + 1, self.row)
        window.setTabOrder(self.view, window.search)
        self.view.currentIndexChanged.connect(lambda _index: self._apply())
        window.model.modelReset.connect(self.refresh_tips)
        # Mine sager first, when Indstillinger names the caseworker; else the team's.
        self.set_view(VIEW_MINE if self.me.strip() else VIEW_TEAM)
        self.refresh_tips()

    def set_view(self, view: str) -> None:
        index = self.view.findData(view)
        if index >= 0:
            self.view.setCurrentIndex(index)
            self._apply()

    def current_view(self) -> str:
        return str(self.view.currentData())

    def _apply(self) -> None:
        view, me, unit = self.current_view(), self.me, self.unit

        def accepts(summary, follow_up: str, light: str | None) -> bool:
            return in_view(summary, view, me=me, unit=unit, overdue=follow_up == "overdue",
                           light=light)

        self.window.proxy.set_view(None if view == VIEW_TEAM else accepts)

    def give_back(self) -> None:
        """A change made from the caseload (sign, follow-up, close) took the plan's lease in
        its transaction: given back at once, unless the plan's wizard is open here."""
        leases = self.window.store.leases
        for plan_id in sorted(leases.held - set(self.window.plan_actions.wizards)):
            try:
                leases.release(plan_id)
            except StoreError:
                # Unreachable: the lease expires by itself within two minutes.
                break

    def refresh_tips(self) -> None:
        """Who is responsible for each plan, and who has it open ("Åben hos … siden …")."""
        self.give_back()
        leases = open_plans(self.window.store)
        tips = {}
        for summary in self.window.model.summaries():
            lines = []
            if summary.caseworker:
                lines.append(_("Responsible: {name}").format(name=summary.caseworker))
            lease = leases.get(summary.id)
            if lease is not None and not lease.mine:
                lines.append(lease.label())
            if lines:
                tips[summary.id] = "\n".join(lines)
        self.window.model.name_tips = tips
