"""Qt tests run without a screen; pytest-qt's qapp gives one QApplication.

The private data and config folders per test come from tests/conftest.py.
"""

import os

# Before any Qt import: no display in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import copy  # noqa: E402
from datetime import timedelta  # noqa: E402

import pytest  # noqa: E402
from ui_support import TODAY  # noqa: E402


@pytest.fixture(autouse=True)
def _cheap_key_files(monkeypatch):
    """The app turns encryption on for every new data folder it starts on: with the cheap
    scrypt, so a test that starts it does not pay two real derivations."""
    from planbro.crypto.kdf import CHEAP_FOR_TESTS

    from planbro.ui import encrypting

    monkeypatch.setattr(encrypting, "KDF", CHEAP_FOR_TESTS)


@pytest.fixture
def store(tmp_path):
    from planbro.storage import PlanStore

    with PlanStore(tmp_path / "store") as opened:
        yield opened


@pytest.fixture
def audited_store(tmp_path):
    """The caseload's store as the app opens it: with the folder's audit log (a test file
    that needs the log overrides `store` with this)."""
    from planbro.audit import AuditLog
    from planbro.storage import PlanStore

    folder = tmp_path / "store"
    with PlanStore(folder, audit=AuditLog(folder), via="app") as opened:
        yield opened


@pytest.fixture
def add_plan(store, example_plan):
    """add_plan(name, cpr=..., status=..., follow_up=..., **changes) -> stored Plan.

    Built from the realistic example plan (which the quality check passes),
    under a fresh id; status "signed"/"closed" go through the store's own
    lifecycle, as in real use.
    """
    from planbro.model.plan import new_id

    def add(name, cpr="120379-1235", status="draft", follow_up=TODAY + timedelta(days=60),
            **changes):
        plan = copy.deepcopy(example_plan)
        plan.id = new_id()
        plan.created = plan.updated = ""
        plan.citizen.name = name
        plan.citizen.cpr = cpr
        plan.follow_up.next_date = follow_up
        for key, value in changes.items():
            setattr(plan, key, value)
        store.save(plan)
        if status in ("signed", "closed"):
            store.sign(plan.id, TODAY - timedelta(days=10))
        if status == "closed":
            store.close_case(plan.id)
        return store.get(plan.id)

    return add


@pytest.fixture
def dialogs():
    from planbro.ui.common.scripted_dialogs import ScriptedDialogs

    return ScriptedDialogs()


@pytest.fixture
def make_window(qtbot, store, dialogs):
    """make_window(settings=None) -> a shown CaseloadWindow over `store`."""
    from PySide6.QtWidgets import QApplication

    from planbro.settings import UserSettings

    from planbro.ui.caseload_window import CaseloadWindow

    def make(settings=None):
        settings = settings or UserSettings(
            caseworker_name="Mette Kjær", caseworker_unit="Socialcenter Vest",
            caseworker_phone="72 36 40 00", caseworker_email="mekj@kommune.dk",
            municipality_name="Holbæk Kommune", municipality_address="Kanalstræde 2, 4300 Holbæk")
        window = CaseloadWindow(store, settings, dialogs, today=TODAY)
        qtbot.addWidget(window)
        window.show()
        # Shortcuts only fire in the active window, as for a real user.
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return make
