"""The caseload's actions: menus, toolbar, shortcuts, and when each is possible.

What each action does lives in actions_plan.py (the plan's life: new, open,
revise, sign, close), actions_followup.py (a follow-up and what comes of it),
actions_files.py (documents, printing, import and export) and
actions_citizen.py (the citizen's own short copy); this module
wires them to QActions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from planbro.translation import _

from planbro.ui import actions_files, actions_plan

if TYPE_CHECKING:
    from planbro.ui.wizard import PlanWizard


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    shortcuts: tuple = ()
    tip: str = ""
    # Needs a selected plan.
    needs_plan: bool = False
    # Changes the store: off when the store is read-only.
    writes: bool = False
    # Statuses of the selected plan it applies to; () means any.
    statuses: tuple = ()
    # Needs a selected plan with more than one stored version.
    needs_history: bool = False
    # Needs a selected plan that was never signed (a draft of version 1).
    never_signed: bool = False
    in_toolbar: bool = True


def specs() -> list[Spec]:
    return [
        Spec("new", _("&New plan"), (QKeySequence.StandardKey.New,),
             _("Write a new plan with a citizen"), writes=True),
        # Signed and closed versions, and every plan in a read-only window, open
        # read-only at Gennemgang (the wizard decides).
        Spec("open", _("&Open / continue"), (QKeySequence.StandardKey.Open,),
             _("Open the selected plan in the wizard (also Enter)"), needs_plan=True),
        # Earlier versions open read-only, like any signed version. No shortcut:
        # Ctrl+H is Replace (and Hide on macOS), Ctrl+Shift+V pastes.
        Spec("versions", _("Earlier &versions…"), (),
             _("Open an earlier version of the plan, e.g. the one the citizen signed"),
             needs_plan=True, needs_history=True, in_toolbar=False),
        Spec("revise", _("&Revise"), ("Ctrl+R",),
             _("Make a new version of a signed plan to change it"), needs_plan=True,
             writes=True, statuses=("signed",)),
        Spec("sign", _("Mark as &signed…"), ("Ctrl+U",),
             _("Record the date the citizen and the caseworker signed the plan"),
             needs_plan=True, writes=True, statuses=("draft",)),
        Spec("follow_up", _("Record &follow-up…"), ("Ctrl+L",),
             _("Record a follow-up (§ 148, stk. 2): the plan continues, changes or closes"),
             needs_plan=True, writes=True, statuses=("draft", "signed")),
        Spec("word", _("Save as &Word…"), (QKeySequence.StandardKey.Save,),
             _("Save the plan as a Word document (.docx)"), needs_plan=True),
        Spec("pdf", _("Save as &PDF…"), ("Ctrl+Shift+S",),
             _("Save the plan as a PDF document"), needs_plan=True),
        Spec("print", _("&Print…"), (QKeySequence.StandardKey.Print,),
             _("Print the plan on A4"), needs_plan=True),
        # Din plan: the citizen's own short copy, Danish or with an English frame.
        Spec("citizen", _("&Citizen's copy (Din plan)…"), (),
             _("Save a short copy for the citizen: at most two pages in large type and plain "
               "words, without the CPR number"), needs_plan=True, in_toolbar=False),
        Spec("import", _("&Import file…"), ("Ctrl+I",),
             _("Read plans from planbro-plan/1 files (.json)"), writes=True, in_toolbar=False),
        Spec("export", _("&Export file…"), ("Ctrl+E",),
             _("Write the selected plan to a planbro-plan/1 file (.json)"), needs_plan=True,
             in_toolbar=False),
        Spec("close_case", _("&Close case…"), (),
             _("Close the case: the plan can no longer be changed"), needs_plan=True,
             writes=True, statuses=("draft", "signed"), in_toolbar=False),
        # After closing: the final PDF/A is journalised in the ESDH, and the case leaves
        # this computer the retention period later (actions_retention.py).
        Spec("journalise", _("Mark as &journalised…"), (),
             _("Record the day the closed case was journalised in the municipality's ESDH"),
             needs_plan=True, writes=True, statuses=("closed",), in_toolbar=False),
        # The citizen's access request (GDPR art. 15): also from a read-only window, whose
        # views are logged too.
        Spec("extract", _("&Access request: audit log extract…"), (),
             _("Save a PDF for the citizen: when the plan was viewed, changed, printed or "
               "shared, and for what purpose, without the employees' names"),
             needs_plan=True, in_toolbar=False),
        # A journalised case deleted from this computer is asked for by its id.
        Spec("extract_deleted", _("Access request for a de&leted plan…"), (),
             _("Save the audit log extract of a plan deleted after journalisation, by its id"),
             in_toolbar=False),
        # A signed version is a record of the case: never deleted, only closed.
        Spec("delete", _("&Delete draft…"), (),
             _("Delete a draft that was never signed, for good"), needs_plan=True,
             writes=True, statuses=("draft",), never_signed=True, in_toolbar=False),
        Spec("refresh", _("Re&fresh"), (QKeySequence.StandardKey.Refresh, "F5"),
             _("Read the plans again"), in_toolbar=False),
        # The check of `planbro audit --verify`: reads no plan, so also in a read-only window.
        Spec("check_log", _("&Check the audit log"), (),
             _("Check that no line of the audit log was changed, removed or reordered and that "
               "its end was not cut off"), in_toolbar=False),
        Spec("settings", _("Se&ttings…"), ("Ctrl+,",),
             _("Caseworker, municipality, language and data folder"), in_toolbar=False),
        Spec("quit", _("&Quit"), (QKeySequence.StandardKey.Quit, "Ctrl+Q"), in_toolbar=False),
        Spec("guide", _("&Guide to the steps"), (QKeySequence.StandardKey.HelpContents, "F1"),
             _("What to do in each step of the wizard"), in_toolbar=False),
        Spec("about", _("&About Planbro"), (),
             _("Version, licences, the data folder and where the audit log is"), in_toolbar=False),
    ]


class PlanActions(QObject):
    """Owns the window's QActions and runs them on the selected plan."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.wizards: dict[str, PlanWizard] = {}
        self.specs = {spec.name: spec for spec in specs()}
        self.actions: dict[str, QAction] = {}
        handlers = {
            "new": self.new_plan, "open": self.open_plan, "versions": self.open_version,
            "revise": self.revise,
            "sign": self.sign, "follow_up": self.follow_up, "word": self.save_word,
            "pdf": self.save_pdf, "print": self.print_plan, "citizen": self.save_citizen_copy,
            "import": self.import_files,
            "export": self.export_file,
            "close_case": self.close_case, "journalise": self.journalise,
            "extract": self.save_extract, "extract_deleted": self.save_deleted_extract,
            "check_log": self.check_log,
            "delete": self.delete_draft, "refresh": lambda: window.refresh(),
            "settings": self.edit_settings, "quit": window.close,
            "guide": self.show_guide, "about": self.show_about,
        }
        for spec in self.specs.values():
            action = QAction(spec.text, window)
            action.setObjectName(f"action_{spec.name}")
            shortcuts = []
            for shortcut in spec.shortcuts:
                keys = QKeySequence(shortcut)
                if not keys.isEmpty() and keys not in shortcuts:
                    shortcuts.append(keys)
            action.setShortcuts(shortcuts)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if spec.tip:
                shown = spec.tip
                if shortcuts:
                    shown += f" ({shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)})"
                action.setToolTip(shown)
                action.setStatusTip(spec.tip)
            action.triggered.connect(lambda _checked=False, run=handlers[spec.name]: run())
            window.addAction(action)
            self.actions[spec.name] = action

    def install(self, menubar, toolbar) -> None:
        menus = (
            (_("&Plan"), ("new", "open", "versions", "revise", "sign", "follow_up", None,
                          "close_case", "journalise", "delete", None, "extract", "extract_deleted", None,
                          "quit")),
            (_("&File"), ("word", "pdf", "print", "citizen", None, "import", "export")),
            (_("T&ools"), ("refresh", None, "check_log", None, "settings")),
            (_("&Help"), ("guide", None, "about")),
        )
        for title, names in menus:
            menu = menubar.addMenu(title)
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions[name])
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for spec in self.specs.values():
            if spec.in_toolbar:
                toolbar.addAction(self.actions[spec.name])
                if spec.name in ("follow_up", "pdf"):
                    toolbar.addSeparator()

    def update_enabled(self) -> None:
        summary = self.window.selected_summary()
        read_only = self.window.read_only
        for name, spec in self.specs.items():
            enabled = True
            if spec.writes and read_only:
                enabled = False
            if spec.needs_plan and summary is None:
                enabled = False
            if spec.statuses and (summary is None or summary.status not in spec.statuses):
                enabled = False
            if spec.needs_history and (summary is None or summary.versions < 2):
                enabled = False
            if spec.never_signed and (summary is None or summary.version != 1):
                enabled = False
            self.actions[name].setEnabled(enabled)

    def close_wizards(self) -> None:
        for wizard in list(self.wizards.values()):
            wizard.close()

    # -- handlers (thin: the work is in actions_plan / actions_files) ------
    def new_plan(self) -> None:
        actions_plan.new_plan(self.window, self)

    def open_plan(self) -> None:
        # Also in a read-only window: the wizard then shows the plan without changing it.
        actions_plan.open_plan(self.window, self)

    def open_version(self) -> None:
        actions_plan.open_version(self.window, self)

    def revise(self) -> None:
        actions_plan.revise(self.window, self)

    def sign(self) -> None:
        actions_plan.sign(self.window)

    def follow_up(self) -> None:
        # Loaded on first use, with the dialog: the caseload starts without it.
        from planbro.ui import actions_followup
        actions_followup.record_follow_up(self.window, self)

    def close_case(self) -> None:
        actions_plan.close_case(self.window)

    def journalise(self) -> None:
        from planbro.ui import actions_retention
        actions_retention.journalise(self.window)

    def save_extract(self) -> None:
        from planbro.ui import actions_extract
        actions_extract.save_access_extract(self.window)

    def save_deleted_extract(self) -> None:
        from planbro.ui import actions_extract
        actions_extract.save_deleted_extract(self.window)

    def check_log(self) -> None:
        from planbro.ui import actions_extract
        actions_extract.check_audit_log(self.window)

    def delete_draft(self) -> None:
        actions_plan.delete_draft(self.window, self)

    def edit_settings(self) -> None:
        actions_plan.edit_settings(self.window)

    def show_guide(self) -> None:
        # Loaded on first use: the caseload starts without the help windows.
        from planbro.ui import help_windows
        help_windows.show_guide(self.window)

    def show_about(self) -> None:
        from planbro.ui import help_windows
        help_windows.show_about(self.window)

    def save_word(self) -> None:
        actions_files.save_document(self.window, "docx")

    def save_pdf(self) -> None:
        actions_files.save_document(self.window, "pdf")

    def print_plan(self) -> None:
        actions_files.print_plan(self.window)

    def save_citizen_copy(self) -> None:
        # Loaded on first use: the caseload starts without the citizen's copy.
        from planbro.ui import actions_citizen
        actions_citizen.save_copy(self.window)

    def import_files(self) -> None:
        actions_files.import_files(self.window)

    def export_file(self) -> None:
        actions_files.export_file(self.window)
