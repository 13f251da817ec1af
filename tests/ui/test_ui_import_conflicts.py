"""The app's import gets the same refusal as the command (#10): a file older than the
stored plan with its id, or another citizen's, is shown as a question (Nej the default);
Ja replaces the stored plan, which is kept among the backups."""

from __future__ import annotations

import copy

from planbro.exchange import dumps_plan


def _other_citizens_file(plan, tmp_path):
    other = copy.deepcopy(plan)
    other.citizen.name, other.citizen.cpr = "Karl Madsen", "010101-1234"
    other.updated = "2020-01-01T00:00:00Z"
    path = tmp_path / "gammel.json"
    path.write_text(dumps_plan(other), encoding="utf-8")
    return path


def test_a_conflicting_import_asks_and_nej_keeps_the_stored_plan(make_window, add_plan, store,
                                                                  dialogs, tmp_path):
    plan = add_plan("Anna Holm")
    window = make_window()
    dialogs.queue("open_files", [str(_other_citizens_file(plan, tmp_path))])
    dialogs.queue("confirm", False)
    window.plan_actions.actions["import"].trigger()
    [question] = dialogs.calls_of("confirm")
    assert question.extra["default_yes"] is False
    assert "gammel.json" in question.text and "en anden borger" in question.text
    assert plan.id in question.text and "010101" not in question.text
    assert "Erstat den gemte handleplan" in question.text
    # Nej: the question said it all; no second warning, nothing changed.
    assert dialogs.calls_of("warn") == []
    assert store.get(plan.id).citizen.name == "Anna Holm"


def test_ja_replaces_the_stored_plan_and_keeps_it_in_a_backup(make_window, add_plan, store,
                                                               dialogs, tmp_path):
    plan = add_plan("Anna Holm")
    window = make_window()
    dialogs.queue("open_files", [str(_other_citizens_file(plan, tmp_path))])
    dialogs.queue("confirm", True)
    window.plan_actions.actions["import"].trigger()
    assert store.get(plan.id).citizen.name == "Karl Madsen"
    assert "1 handleplan er importeret" in window.statusBar().currentMessage()
    backups = [path for path in store.backups() if path.name.startswith(plan.id)]
    assert backups and "Anna Holm" in backups[0].read_text(encoding="utf-8")


def test_an_identical_file_changes_nothing_and_asks_nothing(make_window, add_plan, store,
                                                            dialogs, tmp_path):
    plan = add_plan("Anna Holm")
    window = make_window()
    path = tmp_path / "same.json"
    path.write_text(dumps_plan(store.get(plan.id)), encoding="utf-8")
    dialogs.queue("open_files", [str(path)])
    window.plan_actions.actions["import"].trigger()
    assert dialogs.calls_of("confirm") == [] and dialogs.calls_of("warn") == []
    assert "allerede gemt" in window.statusBar().currentMessage()
