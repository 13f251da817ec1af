"""The connection banner (ui/common/connection_banner.py): what the caseworker sees while
the team server is away, when the saves are sent, and when they became a separate draft.
The store is a stand-in with OfflineStore's state (offline, pending, flush); the real
store is tested against a real server in tests/storage/test_team_offline.py."""

from __future__ import annotations

from planbro.storage.postgres.offline import Drafted, Flushed

from planbro.ui.common.connection_banner import ConnectionBanner

# The ids of the plan and of its separate draft.
PLAN_ID, DRAFT_ID = "3f2a9c1e-0000-4000-8000-000000000001", "7b44d0aa-0000-4000-8000-000000000002"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FakeStore:
    """OfflineStore's state as the banner reads it; flush() gives what it is told to."""

    def __init__(self) -> None:
        self.offline = False
        self.pending = 0
        self.flushes = 0
        self.next: Flushed | None = None

    def flush(self) -> Flushed:
        self.flushes += 1
        done = self.next or Flushed(offline=self.offline, pending=self.pending)
        self.offline, self.pending = done.offline, done.pending
        return done


def banner_for(qtbot, store, clock):
    banner = ConnectionBanner(lambda: store, tick_ms=60_000, retry_ms=15_000, clock=clock)
    qtbot.addWidget(banner)
    banner.timer.stop()  # the test ticks it
    return banner


def test_offline_then_sent_again(qtbot):
    store, clock = FakeStore(), Clock()
    banner = banner_for(qtbot, store, clock)
    assert banner.isHidden()
    # A save found the server away and was queued.
    store.offline, store.pending = True, 1
    clock.now = 1
    banner.refresh()
    assert banner.text() == "Ikke forbundet – gemmes lokalt · 1 gemning venter på at blive sendt"
    assert not banner.isHidden() and store.flushes == 1
    # Another save; within the retry interval the server is not asked again.
    store.pending = 2
    clock.now = 5
    banner.refresh()
    assert banner.text().endswith("2 gemninger venter på at blive sendt")
    assert store.flushes == 1
    # The server is back: both are sent.
    store.next = Flushed(sent=2)
    clock.now = 20
    with qtbot.waitSignal(banner.sent, timeout=1000):
        banner.refresh()
    assert banner.text() == "Forbundet igen – 2 gemninger sendt"
    # It stays a while, then goes.
    clock.now = 30
    banner.refresh()
    assert banner.text() == "Forbundet igen – 2 gemninger sendt" and not banner.isHidden()
    clock.now = 40
    banner.refresh()
    assert banner.isHidden()


def test_a_separate_draft_is_told_until_clicked_away(qtbot):
    from PySide6.QtCore import Qt

    store, clock = FakeStore(), Clock()
    banner = banner_for(qtbot, store, clock)
    store.offline, store.pending = True, 1
    clock.now = 1
    banner.refresh()
    store.next = Flushed(drafts=[Drafted(PLAN_ID, DRAFT_ID, "lease")])
    clock.now = 20
    banner.refresh()
    first, notice = banner.text().split("\n")
    assert first == "Forbundet igen – 0 gemninger sendt"
    assert notice.startswith("Dine ændringer af plan 3f2a9c1e blev ikke sendt: din lås på den "
                             "blev brudt af en teamleder eller overtaget af en kollega")
    assert "særskilt kladde, plan 7b44d0aa" in notice
    # Long after, the notice is still there to read; a click puts it away.
    clock.now = 500
    banner.refresh()
    assert banner.text() == notice
    qtbot.mouseClick(banner, Qt.MouseButton.LeftButton)
    assert banner.isHidden()


def test_hidden_for_the_local_store(qtbot, store):
    banner = ConnectionBanner(lambda: store)
    qtbot.addWidget(banner)
    banner.refresh()
    assert banner.isHidden() and banner.state is None


def test_the_caseload_shows_it_in_its_status_bar_and_lists_again_after_sending(make_window,
                                                                               store):
    window = make_window()
    banner = window.connection
    assert banner.parent() is window.statusBar() and banner.isHidden()
    # The same window over a store that lost its server (OfflineStore's state).
    state = FakeStore()
    state.offline, state.pending = True, 3
    window.store = state_of(store, state)
    banner.refresh()
    assert banner.isVisible()
    assert banner.text() == "Ikke forbundet – gemmes lokalt · 3 gemninger venter på at blive sendt"
    listed = []
    window.refresh = lambda *a, **k: listed.append(True)
    state.next = Flushed(sent=3)
    banner._last_try = float("-inf")
    banner.refresh()
    assert banner.text() == "Forbundet igen – 3 gemninger sendt" and listed == [True]


def state_of(store, state):
    """`store` with the offline state of `state` (what OfflineStore adds to a store)."""
    class Offline:
        def __getattr__(self, name):
            if name in ("offline", "pending", "flush"):
                return getattr(state, name)
            return getattr(store, name)

    return Offline()


def test_the_app_opens_the_team_store_with_its_offline_queue(pg_server, pg_database, tmp_path,
                                                             dialogs):
    from planbro.storage.postgres.offline import OfflineStore

    from planbro.ui.app_team import open_team_at_start

    opened = open_team_at_start(pg_server.url(pg_database), "settings", None, tmp_path / "data",
                                dialogs, encrypt=False)
    try:
        assert isinstance(opened, OfflineStore) and not opened.offline
        # The data folder on this laptop is not encrypted: nothing would be kept unsealed.
        assert opened.queue is None
    finally:
        opened.close()


def test_a_new_data_folder_is_encrypted_for_the_offline_queue(pg_server, pg_database, tmp_path,
                                                               dialogs, memory_keyring):
    from planbro.crypto import keyfile

    from planbro.storage.postgres.offline import OfflineStore

    from planbro.ui.app_team import open_team_at_start

    folder, notes = tmp_path / "data", []
    opened = open_team_at_start(pg_server.url(pg_database), "settings", None, folder, dialogs,
                                notes=notes)
    try:
        # As at the local store's first start: no question, the recovery key shown once.
        assert keyfile.exists(folder) and len(dialogs.calls_of("show_recovery_key")) == 1
        assert dialogs.calls_of("offer_encryption") == []
        assert isinstance(opened, OfflineStore) and opened.queue is not None
        assert notes == ["Datamappen er krypteret."]
    finally:
        opened.close()
