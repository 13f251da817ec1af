"""The step list down the side opens a step on the plan's route, by mouse
or keyboard, the way the links in Gennemgang do: what was typed is kept,
and nothing is checked on the way."""

from __future__ import annotations

from wizard_support import LEFT, editor, focus, retype

from PySide6.QtCore import Qt

from planbro.model import Plan

ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


def click_step(qtbot, wizard, row: int) -> None:
    view = wizard.side.list
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualItemRect(view.item(row)).center())


def test_a_click_opens_the_step_and_keeps_what_was_typed(qtbot, make_wizard, store, dialogs,
                                                         example_plan):
    wizard = make_wizard(example_plan, start_step=0)
    steps = wizard.side.list
    assert steps.item(7).text() == "8. Samarbejdsparter og samtykke"
    retype(qtbot, editor(wizard, "citizen.name").edit, "Jonas M. Østergaard")
    # A wrong CPR number stops Næste, but not a jump: it waits on step 1.
    retype(qtbot, editor(wizard, "citizen.cpr").edit, "3213791234")
    click_step(qtbot, wizard, 7)
    assert wizard.currentPage().step.id == "partners"
    assert wizard.currentPage().title() == "Trin 8 af 9 — Samarbejdsparter og samtykke"
    assert steps.item(7).font().bold() and not steps.item(0).font().bold()
    # The cursor is in the step's first field, ready to type.
    assert focus() is editor(wizard, "partners").list
    assert wizard.plan.citizen.name == "Jonas M. Østergaard"
    # Tilbage goes one step back, as after walking there.
    wizard.back()
    assert wizard.currentPage().step.id == "circumstances"
    click_step(qtbot, wizard, 0)
    assert wizard.currentId() == 0
    assert editor(wizard, "citizen.cpr").edit.text() == "3213791234"
    click_step(qtbot, wizard, 8)
    assert "Ikke gemt — ret det" in wizard.currentPage().browser.toPlainText()
    dialogs.queue("confirm", True)
    wizard.close()
    assert "CPR-nummer: «3213791234»" in dialogs.calls_of("confirm")[0].text
    assert store.get(example_plan.id).citizen.name == "Jonas M. Østergaard"


def test_the_step_list_by_keyboard(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan, start_step=0)
    steps = wizard.side.list
    assert steps.accessibleName() == "Trin"
    assert steps.item(0).data(ACCESSIBLE) == "Trin 1 af 9 — Borger og sagsbehandler (det aktuelle trin)"
    assert steps.item(4).data(ACCESSIBLE) == "Trin 5 af 9 — Indsatser"
    # F6 moves to the step list from anywhere in the wizard.
    editor(wizard, "citizen.name").edit.setFocus()
    qtbot.keyClick(focus(), Qt.Key.Key_F6)
    assert focus() is steps
    for _ in range(4):
        qtbot.keyClick(steps, Qt.Key.Key_Down)
    # Moving in the list only chooses; Enter opens, and does not press Næste too.
    assert wizard.currentId() == 0
    qtbot.keyClick(steps, Qt.Key.Key_Return)
    assert wizard.currentPage().step.id == "services"
    assert focus() is editor(wizard, "services").list
    assert steps.item(4).data(ACCESSIBLE).endswith("(det aktuelle trin)")
    qtbot.keyClick(focus(), Qt.Key.Key_F6)
    qtbot.keyClick(steps, Qt.Key.Key_Up)
    qtbot.keyClick(steps, Qt.Key.Key_Space)
    assert wizard.currentPage().step.id == "goals"
    assert wizard.isVisible()


def test_a_declined_offer_opens_only_the_steps_on_its_route(qtbot, make_wizard):
    plan = Plan()
    plan.citizen.name = "Kim Larsen"
    plan.offer.decision = "declined"
    # A § 142 plan cannot be declined away (the example is one).
    plan.basis = "sel-141-2"
    plan.offer.reason = "Vil klare sig selv."
    wizard = make_wizard(plan, start_step=1)
    steps = wizard.side.list
    skipped = steps.item(4)
    assert not skipped.flags() & Qt.ItemFlag.ItemIsEnabled
    assert skipped.data(ACCESSIBLE) == "Trin 5 af 9 — Indsatser (springes over for denne plan)"
    click_step(qtbot, wizard, 4)
    assert wizard.currentId() == 1
    click_step(qtbot, wizard, 8)
    assert wizard.currentPage().title() == "Trin 9 af 9 — Gennemgang"
    # By keyboard the skipped steps are passed over.
    steps.setFocus()
    qtbot.keyClick(steps, Qt.Key.Key_Up)
    assert steps.currentRow() == 1
    qtbot.keyClick(steps, Qt.Key.Key_Return)
    assert wizard.currentId() == 1
    click_step(qtbot, wizard, 0)
    assert wizard.currentId() == 0
    # Back on the route to Gennemgang, through step 2 only.
    click_step(qtbot, wizard, 8)
    wizard.back()
    assert wizard.currentId() == 1
