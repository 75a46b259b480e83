"""The visit's rules of precedence, edited in the window: where the guests stand against
host authorities of equal grade, and which version of the décret the visit follows.

Both were set only by `visitplanner precedence`; the dialog saves them through the same
operation (`services.precedence.precedence_settings_operation`), one undoable edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.decree import (
    PLACEMENT_NAMES,
    GuestPlacement,
    coverage_lines,
    decree_versions,
)
from visitplanner.domain.errors import DomainError
from visitplanner.i18n import _
from visitplanner.services.precedence import precedence_settings_operation, visit_decree_of
from visitplanner.ui.common.edits import apply_or_reason
from visitplanner.ui.common.forms import (
    add_row,
    error_label,
    fill_combo,
    make_read_only,
    select_data,
    show_error,
)
from visitplanner.ui.shell.controller import VisitController

__all__ = ["PrecedenceSettingsDialog"]


class PrecedenceSettingsDialog(QDialog):
    """The guest placement and the décret's version of the visit: one undoable edit."""

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        visit = controller.data.visit
        self.setWindowTitle(_("Order of precedence"))
        self.placement = QComboBox(self)
        fill_combo(self.placement, ((_(PLACEMENT_NAMES[p]), p) for p in GuestPlacement))
        select_data(self.placement, visit.guest_placement)
        self.version = QComboBox(self)
        versions = [d.version for d in reversed(decree_versions())]
        items = [(_("the latest ({version})").format(version=versions[0]), "")]
        items += [(version, version) for version in versions]
        if visit.decree_version and visit.decree_version not in versions:
            items.append((visit.decree_version, visit.decree_version))
        fill_combo(self.version, items)
        select_data(self.version, visit.decree_version)
        form = QFormLayout()
        add_row(form, _("&Guests:"), self.placement)
        add_row(form, _("&Version of the décret:"), self.version)
        # What the installed text holds: the officer knows which positions to look up.
        self.coverage = QLabel("\n".join(coverage_lines(visit_decree_of(controller.data))), self)
        self.coverage.setWordWrap(True)
        self.coverage.setAccessibleName(_("What VisitPlanner holds of the décret"))
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.coverage)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if controller.read_only:
            make_read_only(self)

    def accept(self) -> None:
        """Save both settings as one undoable edit (nothing when unchanged)."""
        placement = GuestPlacement(self.placement.currentData())
        version = str(self.version.currentData())
        try:
            operation = precedence_settings_operation(self.controller.data, placement, version)
        except DomainError as error:
            show_error(self.error, str(error))
            return
        if operation is not None and not self.controller.read_only:
            reason = apply_or_reason(self.controller, operation, self)
            if reason is not None:
                show_error(self.error, reason)
                return
        super().accept()
