"""One area of the overview as a page of the window: each group a box of rows, each row the
figure's words, its value and, in a chart group, its bar (charts.py).

A value is a button when the plans behind it may be listed (drill.py), else plain text.

┌──────────────────────────────────────────────────────────────────────────┐
│ "under 5" is not clickable                                               │
│                                                                          │
│ A figure of 1 to 4 plans is shown as "under 5" so that no citizen can be │
│ singled out (overview/figures.py). Listing its plans would give the      │
│ number back, and the names with it, on a screen that is shown at team    │
│ meetings and to the team leader. So a hidden figure is text, never a     │
│ button, whoever looks: the few plans it stands for are still in the     │
│ caseload, for the caseworker who may see them, under their own filters.  │
│ A shown figure (0 or at least 5 plans) lists only plans the store gives  │
│ this user (its summaries), so the list never shows more than the         │
│ caseload would.                                                          │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _

from planbro.overview import Area, Group, Item
from planbro.overview.presenting import item_text

from planbro.ui.overview.charts import Bar, chart_value, scale_of

# What a value's button is called in the object tree (tests find a figure by its key).
VALUE_NAME = "figure:{key}"
# The value column's width in widths of "0" ("42 (25–60) dage" fits), the same in every
# group, so the values and bars of the groups stand one under the other.
VALUE_CHARS = 16


def may_drill(item: Item, may_list: bool) -> bool:
    """Whether the plans behind `item` are offered as a list (see the box above)."""
    return may_list and not item.hidden and bool(item.plans)


def value_widget(item: Item, parent: QWidget, drill: Callable[[Item], object] | None) -> QWidget:
    """The item's value: a button that lists its plans (`drill` given), else a label."""
    text = item_text(item)
    widget: QWidget
    if drill is not None:
        button = QPushButton(text, parent)
        button.setToolTip(_("Show the plans behind this figure"))
        button.setAccessibleName(_("{figure}: {value}. Show the plans").format(
            figure=item.label, value=text))
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False: drill(item))
        widget = button
    else:
        label = QLabel(text, parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(_("{figure}: {value}").format(figure=item.label, value=text))
        if item.hidden:
            label.setToolTip(_("Fewer than 5 plans: the number is not shown"))
        widget = label
    widget.setObjectName(VALUE_NAME.format(key=item.key))
    return widget


def group_box(group: Group, parent: QWidget, may_list: bool,
              drill: Callable[[Item], object]) -> QGroupBox:
    box = QGroupBox(group.title, parent)
    box.setObjectName(f"group:{group.key}")
    grid = QGridLayout(box)
    grid.setColumnStretch(0, 3)
    grid.setColumnStretch(2, 2)
    grid.setHorizontalSpacing(12)
    value_width = box.fontMetrics().horizontalAdvance("0") * VALUE_CHARS
    grid.setColumnMinimumWidth(1, value_width)
    if not group.items:
        none = QLabel(_("Nothing found."), box)
        grid.addWidget(none, 0, 0)
        return box
    scale = scale_of(group.items)
    for row, item in enumerate(group.items):
        words = QLabel(item.label, box)
        words.setWordWrap(True)
        words.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(words, row, 0)
        value = value_widget(item, box, drill if may_drill(item, may_list) else None)
        # Buttons and text alike as wide and centred, so the values stand in one column.
        value.setMinimumWidth(value_width // 2)
        if isinstance(value, QLabel):
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if group.chart:
            grid.addWidget(Bar(chart_value(item), scale, box), row, 2)
    if not group.chart:
        # The bars' column kept, empty, so this group's values stand where the others' do.
        grid.addWidget(QWidget(box), 0, 2)
    return box


def area_page(area: Area, may_list: bool, drill: Callable[[Item], object]) -> QScrollArea:
    """The page of `area`: its groups one under the other, scrolled when they do not fit."""
    scroll = QScrollArea()
    scroll.setObjectName(f"area:{area.key}")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    inner = QWidget(scroll)
    column = QVBoxLayout(inner)
    for group in area.groups:
        column.addWidget(group_box(group, inner, may_list, drill))
    column.addStretch(1)
    scroll.setWidget(inner)
    return scroll
