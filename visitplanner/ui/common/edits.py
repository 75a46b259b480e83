"""Editors that save the entity they loaded, patched, as one undoable edit (or say why not).

An editor shows some fields of an entity. On OK it reads them back and applies to
the entity *as loaded* only what the officer changed (`dataclasses.replace`, nested
values and running-order lines too): a field it does not show, or shows and the
officer left alone, keeps its exact value, however the input would have written it.
OK without a change writes nothing and adds no step to the undo stack. Cancel, Esc or
closing the window with changes asks first: save them, discard them, or keep editing.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError, VisitPlannerError
from visitplanner.domain.gifts import Gift
from visitplanner.domain.model import Delegation, Event, Person, Vehicle, Venue
from visitplanner.domain.rooming import Stay
from visitplanner.i18n import _
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.engine import Operation
from visitplanner.ui.common.forms import error_label, show_error
from visitplanner.ui.shell.controller import VisitController

T = TypeVar("T")


def patch(before: Any, loaded: Any, now: Any) -> Any:
    """`before` with the change from `loaded` (what an input showed) to `now` applied.

    Unchanged (`now == loaded`): `before` itself. Dataclasses are patched field by
    field; lists of parts with an `id` (running-order lines) part by part, matched by
    id (parts the editor did not show stay; new ones come as typed); lists of ids keep
    the ids the input did not show and the old order; mappings key by key.
    """
    if now == loaded:
        return before
    if (
        dataclasses.is_dataclass(now)
        and not isinstance(now, type)
        and type(before) is type(now)
        and type(loaded) is type(now)
    ):
        changes = {}
        for item in dataclasses.fields(now):
            if not item.init:
                continue
            old = getattr(before, item.name)
            new = patch(old, getattr(loaded, item.name), getattr(now, item.name))
            if new is not old:
                changes[item.name] = new
        return dataclasses.replace(before, **changes)
    if isinstance(now, list | tuple) and isinstance(before, list | tuple):
        if isinstance(loaded, list | tuple) and _parts(before, loaded, now):
            return _patch_parts(before, loaded, now)
        if all(isinstance(x, str) for x in (*before, *loaded, *now)):
            return type(now)(_patch_ids(before, loaded, now))
        return now
    if isinstance(now, dict) and isinstance(before, dict) and isinstance(loaded, dict):
        result = dict(before)
        for key in set(loaded) | set(now):
            if key not in now:
                result.pop(key, None)
            elif key not in loaded or now[key] != loaded[key]:
                result[key] = now[key]
        return result
    return now


def _parts(*lists: Sequence[Any]) -> bool:
    items = [x for group in lists for x in group]
    return bool(items) and all(
        dataclasses.is_dataclass(x) and isinstance(getattr(x, "id", None), str) for x in items
    )


def _patch_parts(before: Sequence[Any], loaded: Sequence[Any], now: Sequence[Any]) -> list[Any]:
    old = {part.id: part for part in before}
    shown = {part.id: part for part in loaded}
    result = [
        patch(old[part.id], shown[part.id], part) if part.id in old and part.id in shown else part
        for part in now
    ]
    return result + [part for part in before if part.id not in shown]


def _patch_ids(before: Sequence[str], loaded: Sequence[str], now: Sequence[str]) -> list[str]:
    wanted, shown = set(now), set(loaded)
    kept = [i for i in before if i in wanted or i not in shown]
    known = set(kept)
    return kept + [i for i in now if i not in known]


def patch_fields(before: T, loaded: Mapping[str, Any], now: Mapping[str, Any]) -> T:
    """`before` with each field of `now` patched (see `patch`); a field `loaded` lacks is set."""
    changes = {}
    for name, value in now.items():
        old = getattr(before, name)
        new = patch(old, loaded[name], value) if name in loaded else value
        if new is not old:
            changes[name] = new
    return dataclasses.replace(before, **changes) if changes else before  # type: ignore[type-var]


def apply_or_reason(
    controller: VisitController, operation: Operation, parent: QWidget | None = None
) -> str | None:
    """Apply `operation` as an undoable edit: None when done, else why it was not."""
    messages: list[str] = []

    def collect(message: str) -> None:
        messages.append(message)

    controller.error.connect(collect)
    try:
        done = controller.apply(operation, parent)
    finally:
        controller.error.disconnect(collect)
    if done:
        return None
    return messages[-1] if messages else _("the visit is open read-only")


E = TypeVar("E", Delegation, Person, Venue, Vehicle, Event, Gift, Stay)


class EntityEditor(QDialog, Generic[E]):
    """An editor whose OK saves one entity (new, or `before` patched) as one edit.

    A subclass sets `controller`, `before`, `saved` and the `error` label, gives
    `shown_fields` (the fields it shows, as the inputs say), `draft` (what a new
    entity starts from), `edit_label` and `failure`, and calls `remember_loaded()`
    once its inputs show the entity. A venue's editor also saves others.
    """

    controller: VisitController
    before: E | None
    saved: E | None
    error: QLabel
    _loaded: dict[str, Any] | None = None

    def lay_out(self, body: QLayout | QWidget) -> bool:
        """Put `body`, the error line and Save/Cancel (Close when read-only) in the dialog.

        Returns whether the visit is read-only, for an editor to lock its inputs.
        """
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(self)
        layout = QVBoxLayout(self)
        read_only = self.controller.read_only
        if read_only:
            layout.addWidget(
                QLabel(_("This visit is open read-only: nothing can be changed."), self)
            )
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        else:
            self.buttons.setStandardButtons(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
        if isinstance(body, QLayout):
            layout.addLayout(body)
        else:
            layout.addWidget(body)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        return read_only

    def shown_fields(self) -> dict[str, Any]:
        """The entity's fields the editor shows, as the inputs say (DomainError if wrong)."""
        raise NotImplementedError

    def draft(self) -> E:
        """What a new entity starts from (its fields shown are then set from the inputs)."""
        raise NotImplementedError

    def edit_label(self, new: E) -> str:
        """What the edit is called on the undo stack."""
        raise NotImplementedError

    def failure(self) -> str:
        """The message when the edit could not be made ({reason} says why)."""
        raise NotImplementedError

    def loaded_fields(self) -> dict[str, Any]:
        """What the inputs said as loaded; a field they could not give is left out."""
        try:
            return self.shown_fields()
        except VisitPlannerError:
            return {}

    def remember_loaded(self) -> None:
        """Note what the inputs show now: only what differs from it later is an edit."""
        self._loaded = copy.deepcopy(self.loaded_fields())

    def has_changes(self) -> bool:
        """Whether the inputs say something else than they did once loaded (an input
        that does not even read as a value yet counts as a change)."""
        if self.controller.read_only or self._loaded is None:
            return False
        try:
            now = self.shown_fields()
        except (DomainError, VisitPlannerError):
            return True
        return bool(now != self._loaded)

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel (keep editing): what to do with changes not saved."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Unsaved changes"),
            _("Save the changes made in this editor?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(_("Discard throws them away; Cancel goes back to editing."))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton(box.exec())

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: changes are never thrown away
        without asking."""
        if self.has_changes():
            choice = self.ask_unsaved()
            if choice == QMessageBox.StandardButton.Save:
                self.accept()
                return
            if choice != QMessageBox.StandardButton.Discard:
                return  # keep editing
        QDialog.reject(self)

    def build_entity(self) -> E:
        """The entity to save: `before` patched with what was changed, or a new one."""
        now = self.shown_fields()
        if self.before is None:
            return dataclasses.replace(self.draft(), **now)
        return patch_fields(self.before, self._loaded or {}, now)

    def is_unchanged(self, new: E) -> bool:
        """Whether saving `new` would change nothing."""
        return self.before is not None and new == self.before

    def finish(self, new: E) -> E:
        """The entity as saved, once it is known to change something (a time stamp, say)."""
        return new

    def save_operation(self, new: E) -> Operation:
        """The edit that saves `new`."""
        return SaveEntity(new, self.before, label=self.edit_label(new))

    def show_problem(self, exc: VisitPlannerError) -> None:
        """Say why the fields cannot be saved."""
        show_error(self.error, exc.message)

    def accept(self) -> None:
        """Save as one undoable edit; stay open, saying why, when it cannot be.

        A value the domain refuses, or an edit that fails, is shown in `error`; an
        unchanged entity adds no empty step to the undo stack.
        """
        if self.controller.read_only:
            QDialog.reject(self)
            return
        try:
            entity = self.build_entity()
        except (DomainError, VisitPlannerError) as exc:
            self.show_problem(exc)
            return
        if self.is_unchanged(entity):
            self.saved = self.before
        else:
            entity = self.finish(entity)
            reason = apply_or_reason(self.controller, self.save_operation(entity), self)
            if reason is not None:
                show_error(self.error, self.failure().format(reason=reason))
                return
            self.saved = entity
            self.before = copy.deepcopy(entity)  # a second OK edits what the first one saved
            self.remember_loaded()
        QDialog.accept(self)
