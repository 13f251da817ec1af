"""Debounced autosave: the plan is saved shortly after the last keystroke.

Every change restarts a single-shot timer; when typing pauses, one
store.save() writes the plan (durably: the store fsyncs). A save takes a
few milliseconds, so it runs on the GUI thread between keystrokes instead
of racing a worker thread for the same plan (tests/benchmarks/bench_wizard.py
measures it). A plan that holds what the store holds is not saved again:
opening a plan and walking through its steps writes nothing.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from planbro.model.convert import to_dict

from planbro.storage import StoreError, same_content

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
        # Why the last save failed; "" when it did not.
        self.failure = ""
        # What the store holds of the plan (None: nothing yet); saving the same is skipped.
        self.saved_doc = self._stored()
        # Seconds the last store.save() took; for the benchmark and the curious.
        self.last_seconds = 0.0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)

    def _stored(self) -> dict | None:
        plan = self.plan_of()
        try:
            return to_dict(self.store.get(plan.id, plan.version))
        except (StoreError, OSError):
            # A new plan, or one the store cannot read: the first save tells.
            return None

    def schedule(self) -> None:
        self.dirty = True
        self.timer.start()

    def flush(self) -> bool:
        """Save now if anything is unsaved; True when nothing is left unsaved."""
        self.timer.stop()
        return self.save_now() if self.dirty else True

    def save_now(self) -> bool:
        plan = self.plan_of()
        doc = to_dict(plan)
        if self.saved_doc is not None and same_content(doc, self.saved_doc):
            self.dirty = False
            return True
        started = time.perf_counter()
        try:
            self.store.save(plan)
        except (StoreError, OSError) as error:
            self.last_seconds = time.perf_counter() - started
            # Still unsaved (a full disk, a refused audit record): the next change or
            # closing the window tries again, and closing asks before anything is lost.
            self.failure = str(error)
            self.failed.emit(self.failure)
            return False
        self.last_seconds = time.perf_counter() - started
        self.dirty = False
        self.failure = ""
        self.saved_doc = to_dict(plan)
        self.saved.emit(plan.id)
        return True
