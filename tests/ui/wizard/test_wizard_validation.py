"""Inline validation in Danish beside the field; Næste waits only where the law
has no gap; a declined offer goes straight to Gennemgang with its reason."""

from __future__ import annotations

from wizard_support import (
    editor,
    focus,
    message_texts,
    next_button,
    press_next,
    retype,
    tab,
    type_in,
)

from PySide6.QtCore import Qt

from planbro.model import Plan


def test_a_wrong_cpr_is_explained_beside_the_field_and_stops_next(qtbot, make_wizard, dialogs):
    wizard = make_wizard(Plan())
    type_in(qtbot, editor(wizard, "citizen.name").edit, "Kim Larsen")
    cpr = editor(wizard, "citizen.cpr")
    type_in(qtbot, cpr.edit, "3213791234")
    # No message while typing, only once the field is left.
    assert message_texts(cpr) == []
    tab(qtbot)
    assert message_texts(cpr) == ["«3213791234» begynder ikke med en rigtig fødselsdato (DDMMÅÅ)"]
    assert cpr.message.isVisible()
    press_next(qtbot, wizard)
    assert wizard.currentId() == 0
    assert focus() is cpr.edit
    assert wizard.side.status.text() == "Ret felterne markeret med rødt, før du går videre."
    retype(qtbot, cpr.edit, "12-03-79")
    tab(qtbot)
    assert message_texts(cpr) == ["«12-03-79» er ikke et CPR-nummer på formen DDMMÅÅ-SSSS"]
    cpr.edit.clear()
    qtbot.keyClicks(cpr.edit, "120379-1235")
    # The quality check's "CPR missing" goes with the next autosave.
    qtbot.waitUntil(lambda: message_texts(cpr) == [], timeout=5000)
    press_next(qtbot, wizard)
    assert wizard.currentId() == 1
    # Never a message box.
    assert dialogs.calls == []


def test_a_missing_name_stops_next_but_a_missing_cpr_is_a_fejl_to_fill_in_later(
        qtbot, make_wizard, store, dialogs):
    plan = Plan()
    wizard = make_wizard(plan)
    name = editor(wizard, "citizen.name")
    press_next(qtbot, wizard)
    assert wizard.currentId() == 0
    # One message: "Borgerens navn mangler" from the quality check would say it twice.
    assert message_texts(name) == ["Skal udfyldes, før du kan gå videre."]
    assert focus() is name.edit
    # The CPR number may come later, but a plan without one cannot be signed (#9).
    cpr = editor(wizard, "citizen.cpr")
    assert message_texts(cpr) == ["Borgerens CPR-nummer mangler. Skriv det på formen DDMMÅÅ-SSSS."]
    assert [kind for kind, _text in cpr.messages()] == ["fejl"]
    qtbot.keyClicks(name.edit, "Kim Larsen")
    qtbot.waitUntil(lambda: message_texts(name) == [], timeout=5000)
    qtbot.keyClick(name.edit, Qt.Key.Key_Return)
    assert wizard.currentId() == 1
    wizard.walk_to(8)
    missing = wizard.currentPage().browser.toPlainText()
    assert "Det mangler" in missing
    assert "CPR-nummer (Trin 1)" in missing
    assert "Formålet med indsatsen (Trin 3)" in missing
    assert "Andre særlige forhold (Trin 7)" in missing
    assert dialogs.calls == []


def test_wrong_dates_and_an_end_before_its_start(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan, start_step="duration")
    assert wizard.currentPage().title() == "Trin 6 af 9 — Varighed og opfølgning"
    end = editor(wizard, "duration.expected_end")
    assert end.edit.text() == "31-12-2027"
    retype(qtbot, end.edit, "30-02-2027")
    tab(qtbot)
    assert message_texts(end) == ["«30-02-2027» er ikke en rigtig dato; skriv den som DD-MM-ÅÅÅÅ, fx 15-12-2026."]
    retype(qtbot, end.edit, "1.1.2026")
    tab(qtbot)
    assert end.edit.text() == "01-01-2026"
    assert message_texts(end) == ["Datoen ligger før «Planen gælder fra» (02-11-2026)."]
    press_next(qtbot, wizard)
    assert wizard.currentId() == 5
    retype(qtbot, end.edit, "2027-12-31")
    assert message_texts(end) == []
    press_next(qtbot, wizard)
    assert wizard.currentId() == 6


def test_the_date_button_asks_the_injected_calendar(qtbot, make_wizard, dialogs, example_plan):
    from datetime import date
    wizard = make_wizard(example_plan, start_step="duration")
    follow = editor(wizard, "follow_up.next_date")
    dialogs.queue("pick_date", date(2027, 3, 1), None)
    qtbot.mouseClick(follow.pick, Qt.MouseButton.LeftButton)
    assert follow.edit.text() == "01-03-2027"
    assert dialogs.calls_of("pick_date")[0].extra["default"] == date(2027, 2, 1)
    # From the keyboard: F4 in the box; cancelling changes nothing.
    follow.edit.setFocus()
    qtbot.keyClick(follow.edit, Qt.Key.Key_F4)
    assert follow.edit.text() == "01-03-2027"
    assert len(dialogs.calls_of("pick_date")) == 2


def test_email_and_phone_doubts_do_not_stop_next(qtbot, make_wizard):
    wizard = make_wizard(Plan())
    type_in(qtbot, editor(wizard, "citizen.name").edit, "Kim Larsen")
    email = editor(wizard, "citizen.email")
    type_in(qtbot, email.edit, "kim.larsen.dk")
    tab(qtbot)
    assert message_texts(email) == ["Det ligner ikke en e-mailadresse."]
    press_next(qtbot, wizard)
    assert wizard.currentId() == 1


def test_a_phone_number_in_other_digits_is_doubted(qtbot, make_wizard):
    """Only ASCII digits are digits (#10): \\d would take Arabic-Indic and fullwidth ones."""
    wizard = make_wizard(Plan())
    phone = editor(wizard, "citizen.phone")
    for pasted in ("\u0662\u0661 \u0664\u0663 \u0666\u0665 \u0668\u0667", "\uff12\uff11 43 65 87"):
        # Pasted, as such digits come (QTest cannot type keys for them).
        phone.edit.clear()
        qtbot.mouseClick(phone.edit, Qt.MouseButton.LeftButton)
        phone.edit.insert(pasted)
        tab(qtbot)
        assert message_texts(phone) == ["Et telefonnummer består af cifre, mellemrum og +."]
    phone.edit.clear()
    type_in(qtbot, phone.edit, "+45 21 43 65 87")
    tab(qtbot)
    assert message_texts(phone) == []


def test_a_declined_offer_records_the_reason_and_goes_to_gennemgang(qtbot, make_wizard, store, dialogs):
    plan = Plan()
    plan.citizen.name = "Kim Larsen"
    wizard = make_wizard(plan)
    press_next(qtbot, wizard)
    decision = editor(wizard, "offer.decision")
    decision.combo.setFocus()
    qtbot.keyClick(decision.combo, Qt.Key.Key_End)
    assert decision.combo.currentData() == "declined"
    assert "springer derefter til gennemgangen" in decision.explain.text()
    # The skipped steps are greyed in the step list at once.
    assert wizard.side.list.item(3).font().italic()
    assert not wizard.side.list.item(1).font().italic()
    # The reason is needed: Næste waits and says why, beside the field.
    press_next(qtbot, wizard)
    reason = editor(wizard, "offer.reason")
    assert wizard.currentId() == 1
    assert message_texts(reason) == ["Skal udfyldes, før du kan gå videre."]
    assert focus() is reason.edit
    qtbot.keyClicks(reason.edit, "Kim ønsker ikke en plan nu; vil hellere klare sig selv.")
    type_in(qtbot, editor(wizard, "offer.date").edit, "2026-11-02")
    assert next_button(wizard).isVisible()
    press_next(qtbot, wizard)
    assert wizard.currentPage().title() == "Trin 9 af 9 — Gennemgang"
    text = wizard.currentPage().browser.toPlainText()
    assert "Borgeren har takket nej til tilbuddet" in text
    assert "Mål og delmål" not in text and "Formålet med indsatsen" not in text
    assert "Kim ønsker ikke en plan nu" in text
    # Tilbage returns to the offer, not through the skipped steps.
    wizard.back()
    assert wizard.currentId() == 1
    wizard.close()
    stored = store.get(plan.id)
    assert stored.offer.decision == "declined"
    assert stored.offer.reason == "Kim ønsker ikke en plan nu; vil hellere klare sig selv."
    assert dialogs.calls == []


def test_dates_are_typed_and_shown_the_danish_way(qtbot, make_wizard, store, example_plan):
    from datetime import date
    wizard = make_wizard(example_plan, start_step="duration")
    follow = editor(wizard, "follow_up.next_date")
    assert follow.edit.text() == "01-02-2027"
    assert follow.edit.placeholderText() == "DD-MM-ÅÅÅÅ"
    for typed, stored in (("15-12-2026", date(2026, 12, 15)), ("15.12.2026", date(2026, 12, 15)),
                          ("15/12/2026", date(2026, 12, 15)), ("16-12-26", date(2026, 12, 16)),
                          ("1.3.2027", date(2027, 3, 1)), ("2027-03-02", date(2027, 3, 2))):
        retype(qtbot, follow.edit, typed)
        # The plan holds the date while the caseworker is still in the box.
        assert wizard.plan.follow_up.next_date == stored
        tab(qtbot)
        assert follow.edit.text() == stored.strftime("%d-%m-%Y")
        assert message_texts(follow) == []
    retype(qtbot, follow.edit, "15-12")
    tab(qtbot)
    assert message_texts(follow) == ["«15-12» er ikke en rigtig dato; skriv den som DD-MM-ÅÅÅÅ, fx 15-12-2026."]
    retype(qtbot, follow.edit, "1.2.27")
    # A follow-up is listed by its date, in the same form.
    history = editor(wizard, "follow_up.history")
    qtbot.mouseClick(history.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(focus(), "3/11/26")
    assert history.list.item(0).text() == "1. 03-11-2026"
    wizard.walk_to(8)
    # Gennemgang reads dates the same way.
    text = " ".join(wizard.currentPage().browser.toPlainText().split())
    assert "Næste opfølgning 01-02-2027" in text
    assert "Opfølgning 1: 03-11-2026" in text
    wizard.close()
    assert store.get(example_plan.id).follow_up.next_date == date(2027, 2, 1)
