"""Search and filters over the caseload: name or CPR as you type, status,
overdue follow-up, and "kræver handling"."""

from __future__ import annotations

import re

from PySide6.QtCore import QSortFilterProxyModel, Qt

from planbro.model.search import fold

from planbro.ui.caseload_model import CaseloadModel

# Everything but digits, to compare "120379-xxxx" with "120379" or "1203 79".
_NOT_DIGIT = re.compile(r"\D")
# A search text that is a CPR number or part of one.
_CPR_QUERY = re.compile(r"[\d\s-]+")


def needs_action(summary, follow_up: str, light: str | None) -> bool:
    """A plan needs action when its follow-up is overdue, or, while it is
    still open, the quality check found an error or a warning in it."""
    if follow_up == "overdue":
        return True
    return summary.status != "closed" and light in ("red", "yellow")


class CaseloadFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._digits = ""
        self._status = ""
        self._overdue_only = False
        self._action_only = False
        # The team store's view (caseload_team.py): accepts(summary, follow_up, light); None: all.
        self._view = None
        # Quality verdicts arrive after start; rows must re-filter as they do.
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        # The source model sorts itself (fast, in Python); this proxy only filters.
        self.sourceModel().sort(column, order)

    def set_text(self, text: str) -> None:
        digits = _NOT_DIGIT.sub("", text) if _CPR_QUERY.fullmatch(text.strip()) else ""
        # The index holds only the masked CPR: its six birth-date digits are
        # what a search by CPR can match.
        self._change(_text=fold(text.strip()), _digits=digits[:6])

    def set_status(self, status: str) -> None:
        """"" for every status, else "draft", "signed" or "closed"."""
        self._change(_status=status)

    def set_overdue_only(self, on: bool) -> None:
        self._change(_overdue_only=on)

    def set_action_only(self, on: bool) -> None:
        self._change(_action_only=on)

    def set_view(self, accepts) -> None:
        """Show only the rows `accepts(summary, follow_up_state, light)` takes; None for all."""
        self._change(_view=accepts)

    def _change(self, **values) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() by begin/endFilterChange().
        modern = hasattr(self, "beginFilterChange")
        if modern:
            self.beginFilterChange()
        for name, value in values.items():
            setattr(self, name, value)
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        # Straight to the Python model: a thousand rows are filtered per
        # keystroke, and data() through Qt costs several times more.
        model = self.sourceModel()
        if not isinstance(model, CaseloadModel):
            raise TypeError("CaseloadFilter filters a CaseloadModel")
        summary = model.summary(source_row)
        if self._status and summary.status != self._status:
            return False
        follow_up = model.follow_up_state(summary)
        if self._overdue_only and follow_up != "overdue":
            return False
        if self._view is not None:
            quality = model.quality(summary)
            if not self._view(summary, follow_up, quality.light if quality else None):
                return False
        if self._action_only:
            quality = model.quality(summary)
            if not needs_action(summary, follow_up, quality.light if quality else None):
                return False
        if not self._text:
            return True
        # Ødegård is found by "ødegaard" and "oedegaard" (planbro.model.search).
        if self._text in fold(summary.name or ""):
            return True
        cpr_digits = _NOT_DIGIT.sub("", summary.cpr_masked)
        return bool(self._digits) and bool(cpr_digits) and cpr_digits.startswith(self._digits)
