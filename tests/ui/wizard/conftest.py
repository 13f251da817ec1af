"""Fixtures for the wizard's tests: a real PlanStore (tests/ui/conftest.py),
scripted dialogs, and wizards that are shown, active and closed afterwards."""

from __future__ import annotations

import pytest


@pytest.fixture
def make_wizard(qtbot, store, dialogs):
    """make_wizard(plan, **kwargs) -> a shown, active PlanWizard over the real store."""
    from PySide6.QtWidgets import QApplication

    from planbro.ui.wizard import PlanWizard

    made = []

    def make(plan, **kwargs):
        kwargs.setdefault("dialogs", dialogs)
        wizard = PlanWizard(store, plan, **kwargs)
        made.append(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        # Keys and mnemonics reach only the active window, as for a real user.
        wizard.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
        return wizard

    yield make
    for wizard in made:
        # Closing flushes the autosave while the store is still open.
        wizard.close()
        wizard.deleteLater()
