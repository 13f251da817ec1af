"""A signed version's fields are read-only, not greyed out (#9.13): the text
stays dark and can be selected and copied, but typing, ticking, picking from a
list or a calendar changes nothing."""

from __future__ import annotations

from datetime import date

from wizard_support import click, editor

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from planbro.model.convert import to_dict

CTRL = Qt.KeyboardModifier.ControlModifier


def signed_wizard(make_wizard, store, example_plan, step: str):
    store.save(example_plan)
    signed = store.sign(example_plan.id, date(2026, 11, 3))
    wizard = make_wizard(signed, start_step=step)
    return wizard, signed


def is_dark(widget) -> bool:
    """The widget's text is drawn in the normal (active) text colour, not the disabled one."""
    palette = widget.palette()
    group = QPalette.ColorGroup.Normal if widget.isEnabled() else QPalette.ColorGroup.Disabled
    return palette.color(group, QPalette.ColorRole.Text).lightness() < 100


def test_a_signed_plans_text_fields_are_enabled_and_cannot_be_changed(qtbot, make_wizard, store, example_plan):
    wizard, signed = signed_wizard(make_wizard, store, example_plan, "citizen")
    name = editor(wizard, "citizen.name").edit
    assert name.isEnabled() and name.isReadOnly() and is_dark(name)
    click(qtbot, name)
    qtbot.keyClicks(name, "XYZ")
    assert name.text() == signed.citizen.name
    # Selectable and copyable, for a letter or a note.
    qtbot.keyClick(name, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(name, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == signed.citizen.name

    wizard.go_to_step("purpose")
    words = editor(wizard, "citizen_words").edit
    assert words.isEnabled() and words.isReadOnly() and is_dark(words)
    click(qtbot, words)
    qtbot.keyClicks(words, "XYZ")
    assert words.toPlainText() == signed.citizen_words
    assert store.get(signed.id).citizen_words == signed.citizen_words


def test_a_signed_plans_dates_choices_and_ticks_cannot_be_changed(qtbot, make_wizard, store, example_plan,
                                                                   dialogs):
    wizard, signed = signed_wizard(make_wizard, store, example_plan, "offer")
    offer_date = editor(wizard, "offer.date")
    assert offer_date.edit.isEnabled() and offer_date.edit.isReadOnly()
    assert not offer_date.pick.isVisible()
    qtbot.keyClick(offer_date.edit, Qt.Key.Key_F4)
    assert dialogs.calls_of("pick_date") == []
    decision = editor(wizard, "offer.decision")
    assert decision.isEnabled() and not decision.combo.isVisible()
    assert decision.shown.isVisible() and decision.shown.isReadOnly()
    assert decision.shown.text() == "Borgeren har takket ja"

    wizard.go_to_step("services")
    services = editor(wizard, "services")
    assert services.list.isEnabled() and not services.add_button.isVisible()
    # The services can still be gone through one by one.
    services.list.setCurrentRow(1)
    assert services.detail.editors["title"].edit.text() == signed.services[1].title
    basis = services.detail.editors["legal_basis"]
    assert basis.shown.isVisible() and basis.shown.text() == signed.services[1].legal_basis
    links = services.detail.editors["goal_ids"].list
    item = links.item(0)
    before = item.checkState()
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    links.setFocus()
    links.setCurrentRow(0)
    qtbot.keyClick(links, Qt.Key.Key_Space)
    assert item.checkState() == before

    wizard.go_to_step("partners")
    partners = editor(wizard, "partners")
    given = partners.detail.editors["consent.given"].check
    assert given.isEnabled()
    ticked = given.isChecked()
    click(qtbot, given)
    assert given.isChecked() == ticked
    assert to_dict(store.get(signed.id)) == to_dict(signed)
