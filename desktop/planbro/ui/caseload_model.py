"""The caseload as a Qt table model over the store's summaries.

Reads only PlanSummary rows (the store's small index), never the full plans,
so a caseload of a thousand plans is on screen at once. The quality column is
filled in later, plan by plan, by caseload_quality.QualityScheduler.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QDate, QDateTime, QLocale, QModelIndex, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from planbro.translation import _, language

from planbro.model.dates import local_time
from planbro.model.labels import listed_status_label

from planbro.ui.qt_i18n import qt_locale

if TYPE_CHECKING:
    from planbro.storage import PlanSummary

# The columns, left to right.
COLUMNS = ("name", "cpr", "status", "version", "updated", "follow_up", "quality")
# A follow-up this many days ahead or fewer counts as "due soon".
DUE_SOON_DAYS = 14
# The row's PlanSummary.
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
# Red for overdue follow-ups; dark enough on white for WCAG AA contrast.
OVERDUE_COLOR = QColor("#b3261e")
# Brown-orange for follow-ups due soon, also AA on white.
SOON_COLOR = QColor("#8a5300")
# Text of closed cases: grey, still AA-readable on white (4.6:1).
CLOSED_COLOR = QColor("#6b6b6b")
# Traffic-light colours of the quality column.
LIGHT_COLORS = {"red": QColor("#c62828"), "yellow": QColor("#f2b600"), "green": QColor("#2e7d32")}


def light_label(light: str | None) -> str:
    return {"red": _("Error"), "yellow": _("Warnings"), "green": _("OK"),
            "unknown": _("Unknown"), None: _("Checking…")}.get(light, "")


def headers() -> list[str]:
    return [_("Citizen"), _("CPR"), _("Status"), _("Version"), _("Last changed"),
            _("Next follow-up"), _("Quality")]


@dataclass(frozen=True)
class Quality:
    """The quality check's verdict on one version of one plan."""

    light: str
    errors: int = 0
    warnings: int = 0
    # Neither followed up nor revised for 12 months (the check's follow-up-stale):
    # said in the cell itself, as Ankestyrelsen found plans left that way.
    stale: bool = False
    # Findings the tooltip says in full (caseload_quality.SAID_RULES), e.g. that a
    # consent does not say which parts of the plan may be shared.
    said: tuple[str, ...] = ()


def _date_pattern() -> str:
    return "d. MMM yyyy" if language() == "da" else "d MMM yyyy"


def _locale() -> QLocale:
    # The UI language's locale, not the system's: a Danish UI on an English
    # Windows still writes "1. maj 2027".
    return qt_locale(language())


def format_day(value: date | None) -> str:
    if value is None:
        return ""
    return _locale().toString(QDate(value.year, value.month, value.day), _date_pattern())


def format_timestamp(stamp: str) -> str:
    moment = local_time(stamp)
    if moment is None:
        return ""
    qt_moment = QDateTime(QDate(moment.year, moment.month, moment.day),
                          QTime(moment.hour, moment.minute))
    return _locale().toString(qt_moment, _date_pattern() + " HH:mm")


def follow_up_state(next_date: date | None, status: str, today: date) -> str:
    """ "overdue", "soon" or "" — closed cases need no follow-up."""
    if next_date is None or status == "closed":
        return ""
    if next_date < today:
        return "overdue"
    if next_date <= today + timedelta(days=DUE_SOON_DAYS):
        return "soon"
    return ""


def _dot(color: QColor) -> QIcon:
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(color.darker(140))
    painter.setBrush(color)
    painter.drawEllipse(4, 4, 24, 24)
    painter.end()
    return QIcon(pixmap)


class CaseloadModel(QAbstractTableModel):
    """One row per plan (its latest version), from store.summaries()."""

    def __init__(self, summaries=(), today: date | None = None, parent=None):
        super().__init__(parent)
        # Most urgent follow-up first until the user sorts otherwise.
        self._sort_column = COLUMNS.index("follow_up")
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._rows = self._sorted(summaries)
        self._reindex()
        # Verdicts by summary: any change the index sees (a save's stamp, the
        # status, the follow-up date) makes a row's summary, and so its key, new.
        self._quality: dict[PlanSummary, Quality] = {}
        self._icons: dict[str, QIcon] = {}
        self._headers = headers()
        # The citizen column's tooltip by plan id, on the team store only (caseload_team.py).
        self.name_tips: dict[str, str] = {}
        self.today = today or date.today()
        bold = QFont()
        bold.setBold(True)
        self._bold = bold

    # -- contents --------------------------------------------------------
    def set_summaries(self, summaries) -> None:
        self.beginResetModel()
        self._rows = self._sorted(summaries)
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._row_of = {s.id: i for i, s in enumerate(self._rows)}

    def _sorted(self, rows) -> list:
        column = COLUMNS[self._sort_column]
        return sorted(rows, key=lambda s: self._sort_key(s, column),
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python on precise keys: a thousand rows in a millisecond,
        where the proxy's own sort would ask data() tens of thousands of times."""
        if column < 0:
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        # Only the persistent indexes that exist (selection, current row) move.
        persistent = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in persistent]
        self._rows = self._sorted(self._rows)
        self._reindex()
        self.changePersistentIndexList(
            persistent, [self.index(self._row_of[plan_id], index.column())
                         for plan_id, index in zip(ids, persistent)])
        self.layoutChanged.emit()

    def summaries(self) -> list:
        return list(self._rows)

    def summary(self, row: int):
        return self._rows[row]

    def row_of(self, plan_id: str) -> int | None:
        return self._row_of.get(plan_id)

    def quality(self, summary) -> Quality | None:
        return self._quality.get(summary)

    def set_quality(self, summary, quality: Quality) -> None:
        """Record the verdict on the plan as `summary` describes it; repaint its cell."""
        self._quality[summary] = quality
        row = self._row_of.get(summary.id)
        if row is not None and self._rows[row] == summary:
            cell = self.index(row, COLUMNS.index("quality"))
            self.dataChanged.emit(cell, cell)

    def forget_quality(self, plan_id: str) -> None:
        """Drop the verdicts on a plan known to have changed (stamps are to the second)."""
        for summary in [s for s in self._quality if s.id == plan_id]:
            del self._quality[summary]

    def missing_quality(self) -> list:
        """Rows without a verdict on their current state, in the model's order."""
        return [s for s in self._rows if s not in self._quality]

    # -- Qt model --------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == SUMMARY_ROLE:
            return summary
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(summary, column)
        if summary.status == "closed" and role == Qt.ItemDataRole.ForegroundRole:
            # A closed case is history: greyed, so open ones stand out.
            return QBrush(CLOSED_COLOR)
        if column == "name" and role == Qt.ItemDataRole.ToolTipRole:
            # The team store's who is responsible and who has it open (caseload_team.py).
            return self.name_tips.get(summary.id)
        if column == "status" and role == Qt.ItemDataRole.ToolTipRole:
            return self._status_tip(summary)
        if column == "follow_up":
            return self._follow_up_decoration(summary, role)
        if column == "quality":
            return self._quality_decoration(summary, role)
        if column == "version" and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, summary, column: str) -> str:
        if column == "name":
            return summary.name or _("(no name)")
        if column == "cpr":
            return summary.cpr_masked
        if column == "status":
            # A declined offer shows as such, with its day, while the case is open.
            return listed_status_label(summary.status, summary.signed_version,
                                       decision=summary.decision, offer_date=summary.offer_date,
                                       show=lambda day: format_day(day) or "—",
                                       journalised=summary.journalised)
        if column == "version":
            return str(summary.version)
        if column == "updated":
            return format_timestamp(summary.updated)
        if column == "follow_up":
            return format_day(summary.reminder)
        quality = self.quality(summary)
        if quality is not None and quality.stale:
            return _("Not updated for 12 months")
        return light_label(quality.light if quality else None)

    def _sort_key(self, summary, column: str):
        # Sorting by quality uses the verdicts known when the user sorts; rows
        # do not jump about under the cursor as later verdicts arrive.
        if column == "name":
            return (summary.name or "").casefold()
        if column == "version":
            return summary.version
        if column == "follow_up":
            # Open plans by date, those without a date after them, closed
            # cases (nothing to follow up) last; then by name.
            day = summary.reminder.isoformat() if summary.reminder else "9999"
            return summary.status == "closed", day, (summary.name or "").casefold()
        if column == "updated":
            return summary.updated
        if column == "status":
            return ("draft", "signed", "closed").index(summary.status) \
                if summary.status in ("draft", "signed", "closed") else 9
        if column == "quality":
            quality = self.quality(summary)
            return {"red": 0, "yellow": 1, "green": 2}.get(quality.light, 3) if quality else 4
        return self._display(summary, column)

    def _status_tip(self, summary) -> str | None:
        if summary.decision == "declined" and summary.status != "closed":
            return _("The citizen declined the offer of a plan on {date}; the version is "
                     "{status}.").format(date=format_day(summary.offer_date) or "—",
                                         status=listed_status_label(summary.status))
        if summary.status == "draft" and summary.signed_version is not None:
            return _("Version {signed} was signed {date} and applies until version {version}, "
                     "this draft, is signed.").format(
                signed=summary.signed_version, date=format_day(summary.signed_on) or "—",
                version=summary.version)
        if summary.status == "closed" and summary.journalised is not None:
            return _("Journalised in the ESDH on {date}. Planbro deletes the case from this "
                     "computer when the period set in Settings is over.").format(
                date=format_day(summary.journalised) or "—")
        if summary.status == "closed":
            return _("The case is closed but not marked as journalised, so it stays on this "
                     "computer: save its PDF for the ESDH, then choose Plan → Mark as "
                     "journalised.")
        return None

    def follow_up_state(self, summary) -> str:
        """ "overdue", "soon" or "" for the plan's reminder: its next follow-up, or
        after a declined offer the day to offer the plan again."""
        return follow_up_state(summary.reminder, summary.status, self.today)

    def _follow_up_decoration(self, summary, role):
        state = self.follow_up_state(summary)
        if summary.offer_again_due and role == Qt.ItemDataRole.ToolTipRole:
            return self._offer_again_tip(summary, state)
        if not state:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_COLOR if state == "overdue" else SOON_COLOR)
        if role == Qt.ItemDataRole.FontRole and state == "overdue":
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            days = abs((summary.next_follow_up - self.today).days)
            if state == "overdue":
                return _("The follow-up is overdue: it was due {date} ({days} days ago).").format(
                    date=format_day(summary.next_follow_up), days=days)
            return _("The follow-up is due within {days} days.").format(days=days)
        return None

    def _offer_again_tip(self, summary, state: str) -> str:
        text = _("The citizen declined the plan: this is the day to offer it again.")
        days = abs((summary.offer_again - self.today).days)
        if state == "overdue":
            return text + " " + _("It was {date} ({days} days ago).").format(
                date=format_day(summary.offer_again), days=days)
        if state == "soon":
            return text + " " + _("It is within {days} days.").format(days=days)
        return text

    def _quality_decoration(self, summary, role):
        quality = self.quality(summary)
        if quality is None:
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("The quality check is running.")
            return None
        if quality.light not in LIGHT_COLORS:
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("The plan could not be read for the quality check.")
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            if quality.light not in self._icons:
                self._icons[quality.light] = _dot(LIGHT_COLORS[quality.light])
            return self._icons[quality.light]
        if role == Qt.ItemDataRole.ToolTipRole:
            if quality.light == "green":
                return _("The quality check found nothing to remark.")
            found = _("The quality check found {errors} errors and {warnings} warnings. "
                      "Open the plan to see them.").format(errors=quality.errors,
                                                           warnings=quality.warnings)
            if quality.stale:
                found = _("The plan has been neither followed up nor revised for more than 12 "
                          "months. {found}").format(found=found)
            return "\n".join([*quality.said, found])
        return None
