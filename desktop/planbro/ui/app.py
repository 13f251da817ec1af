"""Starting the desktop app: `planbro` with no arguments.

Order matters for a fast start: the QApplication, the languages, the
settings (first-start dialog), encryption turned on where it is off (a new
data folder, or an older plaintext one when the caseworker agrees:
encrypting.py), the store (index only), the caseload window; the quality
column and everything heavy (documents, the wizard) come later.
With PLANBRO_EXIT_WHEN_READY=1 the app quits as soon as the caseload has been
painted and prints how long that took (tests/benchmarks/bench_startup.py); it
asks nothing then, so encryption is not offered either.
"""

from __future__ import annotations

import os
import sys
import time

# Set to 1: quit once the caseload is painted and print the time to stdout.
EXIT_WHEN_READY_ENV = "PLANBRO_EXIT_WHEN_READY"
# The line printed then, followed by the seconds since the app began starting.
READY_MARK = "planbro-ready"

_started = time.perf_counter()


def _language(settings) -> str:
    from planbro.translation import LANGUAGES, language, language_from_argv

    # `planbro --lang en` wins over the saved setting for this run.
    if language_from_argv(sys.argv[1:]) in LANGUAGES:
        return language()
    return settings.language if settings else "da"


def first_start(dialogs, parent=None, data_dir=None):
    """Ask who the caseworker is; returns the saved UserSettings or None."""
    from planbro.fileio.failures import write_failure
    from planbro.translation import _

    from planbro.settings import UserSettings
    from planbro.storage import StoreError

    from planbro.actions.context import data_folder, save_user_settings

    from planbro.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(parent, UserSettings(), dialogs=dialogs, first_start=True)
    if not dialog.exec():
        return None
    settings = dialog.result_settings()
    try:
        settings = save_user_settings(settings, data_folder(data_dir, settings))
    except StoreError as error:
        dialogs.warn(parent, _("Settings"), str(error))
    except OSError as error:
        dialogs.warn(parent, _("Settings"), _("The settings could not be saved: {error}").format(
            error=write_failure(error)))
    return settings


def open_store(data_dir, dialogs, parent=None, notes=None, keys=None):
    """PlanStore.open, with a corrupt data file explained and its backup offered.

    An encrypted folder is opened with `keys` when given (encryption was just
    turned on), else unlocked first (unlock.py: the recovery key is
    asked for when the login cannot open it; that this login remembers it
    from now on is added to the list `notes`, for the status bar). The store
    records what happens to the plans in the folder's audit log (nothing is
    written to it before the first record). Returns the store or None when it cannot be opened at all.
    """
    from pathlib import Path

    from planbro.translation import _

    from planbro.audit import AuditLog
    from planbro.storage import PlanStore, StoreCorrupt, StoreError, needs_rebuild, restore_backup

    from planbro.actions.overview import facts_for_stores

    from planbro.ui.unlock import StaysLocked, folder_keys

    title = _("Planbro's data")
    try:
        keys = keys or folder_keys(Path(data_dir), dialogs, parent, notes)
    except StaysLocked:
        return None
    audit = AuditLog(data_dir)
    # Each save keeps the plan's facts for the team leader's overview (actions/overview.py).
    facts = facts_for_stores()
    for _attempt in range(3):
        try:
            store = PlanStore.open(data_dir, audit=audit, via="app", keys=keys, facts=facts)
        except StoreCorrupt as error:
            if needs_rebuild(error):
                if not offer_rebuild(dialogs, parent, error, data_dir, audit, keys):
                    return None
                continue
            if not offer_backup(dialogs, parent, error,
                                lambda backup: restore_backup(data_dir, backup, audit=audit,
                                                              via="app", keys=keys)):
                return None
            continue
        except StoreError as error:
            dialogs.warn(parent, title, str(error))
            return None
        for damaged in store.corrupt:
            if not store.read_only:
                offer_backup(dialogs, parent, damaged, store.restore_backup)
            else:
                dialogs.warn(parent, title, str(damaged))
        return store
    return None


def offer_backup(dialogs, parent, error, restore) -> bool:
    """Name the unreadable file; restore its newest backup if the user agrees."""
    from planbro.translation import _

    from planbro.storage import StoreError

    title = _("A data file cannot be read")
    text = _("Planbro cannot read the file\n{path}\n({reason}).").format(
        path=error.path, reason=error.reason)
    if not error.backups:
        dialogs.warn(parent, title, text + "\n\n" + _(
            "No readable backup of it was found. Ask your IT support for help; Planbro has "
            "not changed the file."))
        return False
    question = text + "\n\n" + _("The newest readable backup is\n{backup}\n\nRestore it? The "
                                 "unreadable file is kept in the folder «damaged».").format(
        backup=error.backups[0])
    if not dialogs.confirm(parent, title, question):
        return False
    try:
        restore(error.backups[0])
    except StoreError as failure:
        dialogs.warn(parent, title, str(failure))
        return False
    return True


def offer_rebuild(dialogs, parent, error, data_dir, audit, keys=None) -> bool:
    """Name the damaged meta.json (no readable backup); rebuild it if the user agrees."""
    from planbro.translation import _

    from planbro.storage import StoreError, repair

    title = _("A data file cannot be read")
    question = _("Planbro cannot read the file\n{path}\n({reason}), and no readable backup of "
                 "it was found. It only says which version of Planbro the data folder is in; "
                 "the plans themselves are not affected.\n\nRebuild it from the plans in the "
                 "data folder? The damaged file is kept in the folder «damaged».").format(
        path=error.path, reason=error.reason)
    if not dialogs.confirm(parent, title, question):
        return False
    try:
        repair(data_dir, audit=audit, via="app", keys=keys)
    except StoreError as failure:
        dialogs.warn(parent, title, str(failure))
        return False
    return True


def start(data_dir=None, dialogs=None, *, today=None, encrypt=True):
    """Everything after the QApplication exists: returns the shown window or None.
    With `encrypt`, encryption is turned on where it is off (encrypting.py)."""
    from planbro.translation import _

    from planbro.settings import load_settings
    from planbro.storage import StoreError

    from planbro.actions.context import data_folder

    from planbro.ui.common.qt_dialogs import QtDialogs

    dialogs = dialogs or QtDialogs()
    settings = load_settings()
    if settings is None:
        # A language chosen here applies from the next start, like in Indstillinger.
        settings = first_start(dialogs, data_dir=data_dir)
    try:
        folder = data_folder(data_dir, settings)
    except StoreError as error:
        dialogs.warn(None, _("Planbro's data"), str(error))
        return None
    notes: list[str] = []
    keys = None
    # The team's database when Indstillinger or PLANBRO_STORE chose it (app_team.py).
    from planbro.actions.store_choice import chosen_address
    address, source = chosen_address(settings)
    store = None
    if address:
        from planbro.ui.app_team import QUIT, USE_LOCAL, open_team_at_start

        store = open_team_at_start(address, source, settings, folder, dialogs,
                                   encrypt=encrypt, notes=notes)
        if store == QUIT:
            return None
        if store == USE_LOCAL:
            store = None
    if store is None:
        if encrypt:
            from planbro.ui.encrypting import turn_on_at_start

            keys = turn_on_at_start(folder, dialogs, notes=notes)
        store = open_store(folder, dialogs, notes=notes, keys=keys)
    if store is None:
        return None

    from planbro.ui.caseload_window import CaseloadWindow

    window = CaseloadWindow(store, settings, dialogs, today=today)
    if store.read_only:
        window.show_banner(_("Read-only: {reason}").format(
            reason=store.locked_reason or _("the data is open elsewhere.")))
    window.first_painted.connect(window.start_quality)
    window.show()
    if notes:
        from planbro.ui.actions_files import NOTE_MS
        window.statusBar().showMessage(" ".join(notes), NOTE_MS)
    # Journalised cases whose retention period is over: named, and deleted when the
    # caseworker agrees (actions_retention.py says why it asks).
    from planbro.ui.actions_retention import purge_at_start
    purge_at_start(window)
    return window


def run_app(data_dir: str | None = None) -> int:
    """Start the desktop app; returns the exit status."""
    from PySide6.QtWidgets import QApplication

    from planbro.translation import set_language

    from planbro.settings import load_settings

    from planbro.ui.qt_i18n import install_qt_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Planbro")
    app.setOrganizationName("Planbro")
    language = _language(load_settings())
    set_language(language)
    # A QTranslator that is garbage collected stops translating: kept here
    # until the event loop below has ended.
    translators = install_qt_translators(app, language)

    window = start(data_dir, encrypt=os.environ.get(EXIT_WHEN_READY_ENV) != "1")
    if window is None:
        return 1
    if os.environ.get(EXIT_WHEN_READY_ENV) == "1":
        def ready():
            print(f"{READY_MARK} {time.perf_counter() - _started:.3f}", flush=True)
            app.quit()
        window.first_painted.connect(ready)
    status = app.exec()
    del translators
    window.store.close()
    return status
