"""The team store's connection, shown in a window: "Ikke forbundet – gemmes lokalt".

A small line (a QLabel) the caseload puts in its status bar and the wizard under its
step list. A QTimer looks at the store every TICK_MS (no network: actions/offline.py
connection_of) and, while it is offline or saves wait, asks it to send them every
RETRY_MS (reconnect). What it says is the use case's: the offline line with the
saves that wait, "Forbundet igen – N gemninger sendt" for a while, and each separate
draft's notice, which stays until the next state. Hidden for a store without a
connection to lose (the local data folder). The store stays Qt-free.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from planbro.translation import _

from planbro.actions.offline import Connection, connection_of, reconnect

# How often the banner looks at the store's state (nothing is sent over the network).
TICK_MS = 2_000
# How often, while offline or saves wait, it tries the server (each try waits up to
# two seconds for an answer: storage/postgres/offline.py PROBE_TIMEOUT_S).
RETRY_MS = 15_000
# How long "Forbundet igen – …" stays when there is no draft notice to read.
AGAIN_MS = 15_000
# The look: the caseload's read-only banner's yellow.
STYLE = ("QLabel#connection_banner { background: #fff4ce; color: #3d2e00; border: 1px solid "
         "#c9a400; border-radius: 4px; padding: 4px 8px; }")


class ConnectionBanner(QLabel):
    """The connection of the store `store_of()` gives (read at every tick: a window may
    change its store)."""

    # Emitted when saves were sent or kept as drafts: the caseload lists the plans again.
    sent = Signal()

    def __init__(self, store_of: Callable[[], object], parent: QWidget | None = None, *,
                 tick_ms: int = TICK_MS, retry_ms: int = RETRY_MS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("connection_banner")
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(_("Connection to the team database"))
        self._store_of = store_of
        self._retry_s = retry_ms / 1000
        self._clock = clock
        self._last_try = float("-inf")
        self._again_until = float("-inf")
        # The last state shown (the tests read it).
        self.state: Connection | None = None
        self._notices: list[str] = []
        self.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Look at the store; try to send what waits when it is time."""
        store = self._store_of()
        state = connection_of(store) if store is not None else None  # type: ignore[arg-type]
        if state is None:
            self.state = None
            self.hide()
            return
        now = self._clock()
        if (state.offline or state.pending) and now - self._last_try >= self._retry_s:
            self._last_try = now
            state = reconnect(store) or state  # type: ignore[arg-type]
            if state.notices:
                self._notices = list(state.notices)
            if not state.offline and state.headline:
                self._again_until = now + AGAIN_MS / 1000
                self.state = state
                self._show(state)
                self.sent.emit()
                return
        elif state.offline:
            self._notices = []
        elif now < self._again_until and self.state is not None:
            # Keep "Forbundet igen – …" a while.
            state = Connection(False, state.pending, self.state.headline)
        self.state = state
        self._show(state)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """A click puts the draft notices away once read."""
        self._notices = []
        if self.state is not None:
            self._show(self.state)
        super().mousePressEvent(event)

    def _show(self, state: Connection) -> None:
        lines = [line for line in [state.headline, *self._notices] if line]
        if not lines:
            self.hide()
            return
        self.setText("\n".join(lines))
        self.setToolTip("\n\n".join(lines + ([_("Click to hide the notice.")]
                                                if self._notices else [])))
        self.show()
