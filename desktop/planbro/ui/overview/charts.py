"""The overview's bar charts, drawn with QPainter (PySide6-Essentials has no QtCharts).

A chart group (Group.chart) is shown as rows of label, bar and value (window.py); this is
the bar of one row. Every bar of a group shares one scale from 0 to the group's largest
shown figure, so the bars compare honestly. The bar is only a picture of the value beside
it, which is text (a count, "under 5"): nothing is told by colour or length alone. A figure
shown as "under 5" has no bar, because its length would tell the number it hides.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from planbro.overview import Item

# The bars' fill and outline: dark blue, 7:1 contrast on white (WCAG AAA for graphics).
BAR_COLOUR, BAR_EDGE = "#1f4e8c", "#123057"
# The scale's line at 0, light grey.
AXIS_COLOUR = "#8a8a8a"
# The widest a bar may be, and the least room it asks for, in widths of the digit "0".
BAR_CHARS, MIN_BAR_CHARS = 40, 12


def chart_value(item: Item) -> int | None:
    """What a bar shows of `item`: its count (a share's percentage), None when it is hidden
    or is no count (a median)."""
    if item.hidden:
        return None
    count = getattr(item, "count", None)
    if count is not None:
        return int(count)
    percent = getattr(item, "percent", None)
    return None if percent is None else int(percent)


def scale_of(items) -> int:
    """The largest value shown among `items` (at least 1): the full length of their bars."""
    return max([value for value in map(chart_value, items) if value is not None] + [1])


class Bar(QWidget):
    """One horizontal bar: `value` of `scale`, or nothing for a hidden figure."""

    def __init__(self, value: int | None, scale: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.value, self.scale = value, max(scale, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # A picture of the value beside it; the value's own button or label is what a
        # screen reader reads.
        self.setAccessibleName("")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def fraction(self) -> float:
        """How much of the full length the bar fills (0 when hidden or 0)."""
        return 0.0 if not self.value else min(self.value / self.scale, 1.0)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("0") * BAR_CHARS, metrics.height())

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("0") * MIN_BAR_CHARS, metrics.height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        height = self.height()
        # The bar is two thirds of the row's height, centred: rows stay apart.
        bar_height = max(4.0, height * 2 / 3)
        top = (height - bar_height) / 2
        painter.setPen(QPen(QColor(AXIS_COLOUR), 1))
        painter.drawLine(0, 0, 0, height)
        length = (self.width() - 2) * self.fraction()
        if length > 0:
            painter.setPen(QPen(QColor(BAR_EDGE), 1))
            painter.setBrush(QColor(BAR_COLOUR))
            # At least 2 px, so a small count is seen.
            painter.drawRect(QRectF(1, top, max(length, 2.0), bar_height))
        painter.end()
