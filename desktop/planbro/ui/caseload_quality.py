"""The caseload's quality column, filled in after the window is on screen.

The quality check needs the full plan, and loading a thousand plans would
make the start slow. So the window first shows the summaries, then this
scheduler checks the plans a few at a time on the idle event loop (on the
GUI thread: the store is not shared between threads), each tick kept short
enough that typing in the search field never stutters. Verdicts are kept
per summary, so a plan is checked again only when it changed.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from datetime import date
from functools import cache

from PySide6.QtCore import QObject, QTimer, Signal

from planbro.ui.caseload_model import CaseloadModel, Quality

# Longest stretch of checking per tick of the event loop, in seconds.
TICK_BUDGET = 0.012
# Findings the quality cell's tooltip says in full, not only counts: a consent that
# ticks no part of the plan (one recorded before they were ticked) gives no extract.
SAID_RULES = frozenset({"consent-sections"})


@cache
def _policy():
    """The municipality's policy for the check, read once per run of the app."""
    from planbro.actions.context import quality_policy

    return quality_policy()


def check_quality(plan, today: date) -> Quality:
    """The quality check's verdict on `plan` (planbro.quality, imported when first needed)."""
    from planbro.quality import check_plan, counts, traffic_light

    findings = check_plan(plan, today, _policy())
    numbers = counts(findings)
    return Quality(traffic_light(findings), numbers.get("fejl", 0), numbers.get("advarsel", 0),
                   stale=any(f.rule == "follow-up-stale" for f in findings),
                   said=tuple(f.message for f in findings if f.rule in SAID_RULES))


class QualityScheduler(QObject):
    """Checks the plans of `model` that have no verdict yet, in small slices."""

    finished = Signal()

    def __init__(self, model: CaseloadModel, load_plan: Callable[[str], object],
                 check: Callable[[object, date], Quality] = check_quality, parent=None):
        super().__init__(parent)
        self._model = model
        self._load_plan = load_plan
        self._check = check
        self._queue: deque = deque()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self.failed: list[str] = []

    def start(self) -> None:
        """(Re)queue every row without a verdict; cheap when all are known."""
        self._queue = deque(self._model.missing_quality())
        if self._queue:
            self._timer.start()
        else:
            self.finished.emit()

    def stop(self) -> None:
        self._timer.stop()
        self._queue.clear()

    def running(self) -> bool:
        return self._timer.isActive()

    def run_all(self) -> None:
        """Check everything now, without the event loop (tests, screenshots)."""
        self.start()
        while self._queue:
            self._check_one(self._queue.popleft())
        self._timer.stop()

    def _tick(self) -> None:
        deadline = time.perf_counter() + TICK_BUDGET
        while self._queue and time.perf_counter() < deadline:
            self._check_one(self._queue.popleft())
        if not self._queue:
            self._timer.stop()
            self.finished.emit()

    def _check_one(self, summary) -> None:
        if self._model.quality(summary) is not None:
            return
        try:
            plan = self._load_plan(summary.id)
            quality = self._check(plan, self._model.today)
        except Exception as error:  # noqa: BLE001 - one bad plan must not stop the column
            # Shown as "unknown"; opening the plan shows the store's own message.
            self.failed.append(f"{summary.id}: {type(error).__name__}")
            quality = Quality("unknown")
        self._model.set_quality(summary, quality)
