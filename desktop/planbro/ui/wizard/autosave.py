"""Debounced autosave: the plan is saved shortly after the last keystroke.

Every change restarts a single-shot timer; when typing pauses, one
store.save() writes the plan (durably: the store fsyncs). A save takes a
few milliseconds, so it runs on the GUI thread between keystrokes instead
of racing a worker thread for the same plan (tests/benchmarks/bench_wizard.py
measures it).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from planbro.storage import StoreError

# Pause after the last change before saving; with the save itself well
# under the one second a crash may cost.
AUTOSAVE_DELAY_MS = 500


class Autosaver(QObject):
    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, store, plan_of, parent=None, delay_ms: int = AUTOSAVE_DELAY_MS):
        super().__init__(parent)
        self.store = store
        self.plan_of = plan_of
        self.dirty = False
        # Seconds the last store.save() took; for the benchmark and the curious.
        self.last_seconds = 0.0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)

    def schedule(self) -> None:
        self.dirty = True
        self.timer.start()

    def flush(self) -> bool:
        """Save now if anything is unsaved; True when nothing is left unsaved."""
        self.timer.stop()
        return self.save_now() if self.dirty else True

    def save_now(self) -> bool:
        plan = self.plan_of()
        started = time.perf_counter()
        try:
            self.store.save(plan)
        except (StoreError, OSError) as error:
            self.last_seconds = time.perf_counter() - started
            self.dirty = False
            self.failed.emit(str(error))
            return False
        self.last_seconds = time.perf_counter() - started
        self.dirty = False
        self.saved.emit(plan.id)
        return True
