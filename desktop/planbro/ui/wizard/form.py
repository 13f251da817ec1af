"""A form of field editors for one object (the plan, or one item of a group).

The form only shows and reads its editors; whoever owns the object writes
the values back (the step page for the plan, the group for an item).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from planbro.translation import _

from planbro.formdefs import FieldDef, resolve
from planbro.model.dates import ends_before_start, format_danish_date

from planbro.ui.common.dialogs import Dialogs
from planbro.ui.wizard.fields import DateEditor, FieldEditor, LineEditor, MultilineEditor, Slot
from planbro.ui.wizard.missing import required_now
from planbro.ui.wizard.pickers import BoolEditor, ChoiceEditor, ComboEditor, GoalLinksEditor, PicksEditor
from planbro.ui.wizard.unsaved import keep, unsaved_of
from planbro.ui.wizard.values import get_value, is_empty, set_value

# The editor class for each kind of field; "group" is GroupEditor (group.py).
EDITORS: dict[str, type[FieldEditor]] = {
    "text": LineEditor, "cpr": LineEditor, "phone": LineEditor, "email": LineEditor,
    "multiline": MultilineEditor, "date": DateEditor, "choice": ChoiceEditor,
    "combo": ComboEditor, "bool": BoolEditor, "goal_links": GoalLinksEditor,
    "picks": PicksEditor,
}


def make_editor(f: FieldDef, cls: type, dialogs: Dialogs, parent) -> FieldEditor:
    """The editor of field `f` of `cls`; `dialogs` asks its questions (a calendar, a confirmation)."""
    if f.kind == "group":
        from planbro.ui.wizard.group import GroupEditor
        return GroupEditor(f, dialogs, parent, cls)
    return EDITORS[f.kind](f, dialogs, parent)


def _label_setter(label: QLabel, star: str) -> Callable[[str], None]:
    """Sets `label` to a text (its mnemonic given) followed by `star`."""
    return lambda text: label.setText(text + star)


class FieldForm(QWidget):
    changed = Signal()

    def __init__(self, fields: tuple[FieldDef, ...], cls: type, dialogs: Dialogs, parent=None):
        super().__init__(parent)
        self.fields = fields
        self.cls = cls
        self.obj: Any = None
        self.editors: dict[str, FieldEditor] = {}
        # The last good value of each field: what the object had when it was
        # loaded or a field was last left; what a held field keeps (write).
        self._good: dict[str, Any] = {}
        self.labels: dict[str, QLabel] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for f in fields:
            editor = make_editor(f, cls, dialogs, self)
            editor.changed.connect(self._edited)
            editor.left.connect(self._left)
            self.editors[f.key] = editor
            if f.kind == "bool":
                self.layout_.addRow("", editor)
                continue
            label = QLabel(self)
            label.setBuddy(editor.focus_widget())
            self.labels[f.key] = label
            self.layout_.addRow(label, editor)
        for slot_text, setter in self.mnemonic_slots():
            setter(slot_text)

    # -- building ---------------------------------------------------------
    def mnemonic_slots(self) -> list[Slot]:
        slots: list[Slot] = []
        for f in self.fields:
            editor = self.editors[f.key]
            if isinstance(editor, BoolEditor):
                slots.append((f.label.get(), editor.check.setText))
            else:
                star = " " + f.mark if f.mark else ""
                label = self.labels[f.key]
                slots.append((f.label.get(), _label_setter(label, star)))
            if f.kind == "group":
                slots.extend(editor.mnemonic_slots())
        return slots

    def set_read_only(self, on: bool) -> None:
        """Every field read-only (a signed version, a read-only window): dark,
        selectable text that cannot be changed, instead of greyed-out fields."""
        for editor in self.editors.values():
            editor.set_read_only(on)

    # -- data -----------------------------------------------------------------
    def load(self, obj: Any, root: Any) -> None:
        self.obj = obj
        kept = unsaved_of(obj)
        self._good = {f.key: get_value(obj, f.key) for f in self.fields if f.kind != "group"}
        for f in self.fields:
            editor = self.editors[f.key]
            editor.load(get_value(obj, f.key), root)
            if f.key in kept:
                editor.restore_unsaved(kept[f.key])
        self.refresh_visibility()

    def write(self, obj: Any) -> None:
        """Write the editors' values to `obj`; a field holding text the plan
        cannot take keeps its last good value (never a date half typed, such
        as 1.9.20 on the way to 1.9.2027)."""
        held = self.held()
        for f in self.fields:
            if f.key in held and f.key in self._good:
                set_value(obj, f.key, self._good[f.key])
            elif f.key not in held:
                set_value(obj, f.key, self.editors[f.key].value())

    def _left(self) -> None:
        """A field was left: what the fields hold now, where the plan can take it, is good."""
        held = self.held()
        for key in self._good:
            if key not in held:
                self._good[key] = self.editors[key].value()

    def held(self) -> set[str]:
        """Keys whose text the plan cannot take yet: text that is no value
        (310268-1235, which begins with no real birth date; 31-11-2026), and
        an end before its start, which holds both dates of the pair."""
        held = set()
        for f in self.fields:
            if self.editors[f.key].problem():
                held.add(f.key)
            elif self._after_problem(f):
                held.add(f.key)
                start = self._start_key(f)
                if start in self.editors:
                    held.add(start)
        return held

    def _edited(self) -> None:
        if self.obj is not None:
            # Text that cannot be stored stays with its object (unsaved.py),
            # so selecting another item of a group does not lose it.
            held = self.held()
            for f in self.fields:
                if f.kind == "group":
                    continue
                editor = self.editors[f.key]
                text = editor.unsaved_text()
                if text is None and f.key in held and editor.value() != self._good.get(f.key):
                    # A good date held back by the other of its pair.
                    text = editor.shown_text()
                keep(self.obj, f.key, text)
        self.refresh_visibility()
        self.changed.emit()

    def current(self, key: str) -> Any:
        editor = self.editors.get(key)
        return editor.value() if editor is not None else get_value(self.obj, key)

    def is_visible(self, f: FieldDef) -> bool:
        cond = f.visible_if
        return cond is None or self.current(cond.key) == cond.equals

    def refresh_visibility(self) -> None:
        for f in self.fields:
            if f.visible_if is not None:
                self.layout_.setRowVisible(self.editors[f.key], self.is_visible(f))

    # -- checking ---------------------------------------------------------------
    def format_problems(self) -> list[tuple[str, str]]:
        """(relative path, reason) for typed text that cannot be stored."""
        found = []
        for f in self.fields:
            editor = self.editors[f.key]
            if not self.is_visible(f):
                continue
            problem = editor.problem() or self._after_problem(f)
            if problem:
                found.append((f.key, problem))
            if f.kind == "group":
                found.extend((f"{f.key}{rest}", why) for rest, why in editor.format_problems())
        return found

    def _start_key(self, f: FieldDef) -> str | None:
        """The key of the date field `f` must not be before (the model's "after" rule)."""
        if f.kind != "date":
            return None
        _tp, meta = resolve(self.cls, f.key)
        after = (meta or {}).get("after")
        if not after:
            return None
        return f"{f.key.rsplit('.', 1)[0]}.{after}" if "." in f.key else after

    def _after_problem(self, f: FieldDef) -> str | None:
        """An end date before its start (the model's "after" rule)."""
        start_key = self._start_key(f)
        if start_key is None:
            return None
        end, start = self.editors[f.key].value(), self.current(start_key)
        if not ends_before_start(end, start):
            return None
        other = next((g for g in self.fields if g.key == start_key), None)
        name = other.label.get().replace("&", "") if other else start_key
        return _("The date is before «{field}» ({date}).").format(field=name, date=format_danish_date(start))

    def update_messages(self, checked: bool, findings: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """Show what is wrong beside each field; return the findings no field here holds.

        `findings` are (path relative to this form's object, Finding) pairs.
        Missing required fields are only pointed out once the page has been
        checked (Næste was pressed), so a new page is not all red.
        """
        mine: dict[str, list] = {key: [] for key in self.editors}
        inner: dict[str, list] = {key: [] for key in self.editors}
        unplaced = []
        for rel, finding in findings:
            if rel in mine:
                mine[rel].append(finding)
                continue
            group = next((k for k in self.editors if self.editors[k].fdef.kind == "group"
                          and rel.startswith(k + "[")), None)
            if group is not None:
                inner[group].append((rel[len(group):], finding))
            else:
                unplaced.append((rel, finding))
        for f in self.fields:
            editor = self.editors[f.key]
            if not self.is_visible(f):
                editor.set_messages([])
                continue
            messages = []
            problem = editor.problem() or self._after_problem(f)
            if problem and (editor.touched or checked):
                messages.append(("error", problem))
            warning = editor.warning()
            if warning and (editor.touched or checked):
                messages.append(("gap", warning))
            empty = is_empty(editor.value())
            # The quality check sees the last good value: while the field holds
            # text it cannot take, the problem is the one thing to say (wrong,
            # not missing).
            found = [] if problem else mine[f.key]
            if (checked and not problem and self.obj is not None
                    and required_now(f, self.obj) and empty):
                if f.blocking or (f.required_if and not f.gap):
                    messages.append(("error", _("Fill this in before you go on.")))
                    found = []
                elif not found:
                    messages.append(("gap", _("Missing; you may fill it in later.")))
            messages.extend((finding.severity, finding.message) for finding in found)
            editor.set_messages(messages)
            if f.kind == "group":
                editor.update_inner(checked, inner[f.key])
        return unplaced

    def focus_path(self, rel: str) -> bool:
        """Put the cursor in the field at `rel` (selecting group items on the way)."""
        if rel in self.editors:
            self.editors[rel].focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        for key, editor in self.editors.items():
            if editor.fdef.kind == "group" and rel.startswith(key + "["):
                return editor.focus_path(rel[len(key):])
        head = next((k for k in self.editors if rel.startswith(k + ".")), None)
        if head is not None:
            return self.focus_path(head)
        return False
