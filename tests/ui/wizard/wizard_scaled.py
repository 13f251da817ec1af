"""Run by test_wizard_scaling under Xvfb with QT_SCALE_FACTOR set: walks every
step of the example plan at the wizard's own window size and prints, as JSON,
what does not fit (clipped labels, buttons, horizontal scrolling, list rows
out of view, text boxes that scroll while short).

    python wizard_scaled.py STORE_DIR
"""

import json
import sys

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
)

from planbro.exchange import read_plan_file

from planbro.storage import PlanStore

from planbro.ui.common.scripted_dialogs import ScriptedDialogs
from planbro.ui.wizard import PlanWizard


def problems_on(page, wizard) -> list[str]:
    found = []
    for scroll in page.findChildren(QScrollArea):
        if scroll.horizontalScrollBar().maximum() > 0:
            found.append("horizontal scrolling needed")
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if not widget.isVisibleTo(page) or not widget.text():
            continue
        if widget.width() < widget.minimumSizeHint().width():
            found.append(f"clipped: {widget.text()!r} {widget.width()} < {widget.minimumSizeHint().width()}")
    for view in page.findChildren(QListWidget):
        if not view.isVisibleTo(page):
            continue
        height = view.viewport().height()
        for i in range(min(view.count(), 8)):
            rect = view.visualItemRect(view.item(i))
            if rect.top() < 0 or rect.bottom() >= height:
                found.append(f"list row out of view: {view.item(i).text()!r}")
    for box in page.findChildren(QPlainTextEdit):
        if box.isVisibleTo(page) and box.document().size().height() < 12 and box.verticalScrollBar().maximum():
            found.append(f"text box scrolls: {box.accessibleName()!r}")
    for button in wizard.findChildren(QAbstractButton):
        if button.isVisible() and button.parent() is wizard and not wizard.rect().contains(
                button.geometry()):
            found.append(f"outside the window: {button.text()!r}")
    return found


def main() -> None:
    app = QApplication([])
    plan = read_plan_file(sys.argv[2])
    # A warning sign on the first goal and sub-goal: marked rows must fit too.
    plan.goals[0].subgoals[0].indicator = ""
    wizard = PlanWizard(PlanStore(sys.argv[1]), plan, dialogs=ScriptedDialogs(confirm=False))
    wizard.show()
    report = {"scale": app.primaryScreen().devicePixelRatio(), "size": [wizard.width(), wizard.height()],
              "pages": {}}
    for _ in range(9):
        app.processEvents()
        page = wizard.currentPage()
        report["pages"][page.title()] = problems_on(page, wizard)
        wizard.next()
    print(json.dumps(report, ensure_ascii=False))


main()
