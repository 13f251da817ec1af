"""The Overdrag sag dialog (#14): the colleague chosen among the names the team knows
(an editable list with completion), the intro saying who is responsible now and whose the
case is again after a vikar's period, and "a new colleague" kept only for its name."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

from planbro.ui.common.handover_dialog import HandOverAnswer, HandOverDialog

# The names the team store knows, as actions.handover.known_colleagues gives them.
KNOWN = ["Anna Jensen", "Lars Holm", "Mette Kjær"]


def dialog_of(qtbot, **options) -> HandOverDialog:
    dialog = HandOverDialog(None, "Bo Berg", **options)
    qtbot.addWidget(dialog)
    return dialog


def test_the_colleague_is_offered_among_the_names_the_team_knows(qtbot):
    dialog = dialog_of(qtbot, known=KNOWN)
    box = dialog.to_name
    assert isinstance(box, QComboBox) and box.isEditable()
    assert [box.itemText(i) for i in range(box.count())] == KNOWN
    # Nothing chosen in advance: the first name is not handed a case by an Enter.
    assert box.currentText() == ""
    # Completion finds a name by any part of it, whatever the case.
    completer = box.completer()
    completer.setCompletionPrefix("holm")
    model = completer.completionModel()
    assert [model.index(i, 0).data() for i in range(model.rowCount())] == ["Lars Holm"]
    box.setEditText("Lars Holm")
    dialog.note.setPlainText("Borgeren ringer mandag.")
    assert dialog.answer() == HandOverAnswer("Lars Holm", "Borgeren ringer mandag.")


def test_the_intro_says_who_is_responsible_and_whose_the_case_is_again(qtbot):
    dialog = dialog_of(qtbot, known=KNOWN, responsible=("Anna Jensen", "Lars Holm"))
    intro = dialog.findChild(QLabel, "handover_intro").text()
    assert "Ansvarlig nu: Anna Jensen." in intro
    assert "derefter er Lars Holm igen ansvarlig for sagen" in intro
    assert "din" not in intro.split()
    plain = dialog_of(qtbot)
    unknown = plain.findChild(QLabel, "handover_intro").text()
    assert "derefter har den ansvarlige sagsbehandler sagen igen" in unknown


def test_a_new_colleague_holds_only_for_the_name_it_was_said_of(qtbot):
    said = HandOverAnswer("Ny Kollega", "Overtages.", None, True)
    dialog = dialog_of(qtbot, known=KNOWN, previous=said)
    assert dialog.to_name.currentText() == "Ny Kollega"
    assert dialog.answer() == said
    dialog.to_name.setEditText("Ny Kolega")
    assert dialog.answer().new_colleague is False
