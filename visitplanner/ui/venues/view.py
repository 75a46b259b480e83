"""The venues screen: a sortable, filterable table of venues, with step-free access shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from visitplanner.domain.labels import label
from visitplanner.domain.model import Venue
from visitplanner.i18n import N_, _, current_language
from visitplanner.ui.common.actions import describe
from visitplanner.ui.common.entity_list import AccessColouredModel, EntityListView
from visitplanner.ui.common.models import Column, FixedColumnsModel
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.venues.dialog import VenueDialog

__all__ = ["VenueDialog", "VenuesView"]

_ACCESS_COLUMN = 2


def _venue_columns(main: str) -> list[Column[Venue]]:
    def name(venue: Venue) -> str:
        return venue.name.get(current_language(), main)

    def capacity(venue: Venue) -> str:
        return "" if venue.capacity is None else str(venue.capacity)

    return [
        Column(N_("Name"), name, lambda v: name(v).casefold()),
        Column(N_("City"), lambda v: v.city),
        Column(N_("Step-free access"), lambda v: label(v.step_free)),
        Column(
            N_("Capacity"),
            capacity,
            lambda v: -1 if v.capacity is None else v.capacity,
        ),
        Column(
            N_("On-site contact"),
            lambda v: " ".join(p for p in (v.contact_name, v.contact_phone) if p),
        ),
        Column(N_("Address"), lambda v: v.full_address()),
    ]


class VenuesView(EntityListView[Venue]):
    """Every venue of the visit: New (Ins), Edit (Enter), Delete (Del), filtered by name."""

    kind = "venue"

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(
            controller,
            _venue_columns(controller.data.visit.main_language),
            sortable=True,
            filterable=True,
            parent=parent,
        )
        self.retranslate()
        self.fit_columns()

    def create_model(self, columns: list[Column[Venue]]) -> FixedColumnsModel[Venue]:
        """A model that colours step-free access."""
        return AccessColouredModel(columns, _ACCESS_COLUMN, lambda v: v.step_free)

    def select_venue(self, venue_id: str) -> bool:
        """Select a venue (for the window's navigation); False if unknown."""
        return self.select(venue_id)

    def rows(self) -> list[Venue]:
        """Every venue."""
        return list(self.controller.data.venues)

    def search_text(self, item: Venue) -> str:
        """Names in every language, city and address."""
        return " ".join([*item.name.to_dict().values(), item.city, item.address, item.postcode])

    def make_dialog(self, item: Venue | None) -> QDialog:
        """The venue editor."""
        return VenueDialog(self.controller, item, self)

    def delete_title(self) -> str:
        """The confirmation's title."""
        return _("Delete a venue")

    def delete_question(self, item: Venue) -> str:
        """Name the venue and the events held there."""
        used = sum(
            1 for e in self.controller.data.events if item.id in (e.venue_id, e.destination_id)
        )
        return _(
            "Delete {name}? Events held there ({count}) will have no venue. "
            "Edit > Undo brings it back."
        ).format(name=self._name(item), count=used)

    def delete_label(self, item: Venue) -> str:
        """How Edit > Undo names the deletion."""
        return _("Delete {name}").format(name=self._name(item))

    def _name(self, item: Venue) -> str:
        return item.name.get(current_language(), self.controller.data.visit.main_language)

    def retranslate(self) -> None:
        """Every text in the current language."""
        if self.filter is not None and self.filter_label is not None:
            self.filter_label.setText(_("&Filter:"))
            self.filter.setPlaceholderText(_("Name, city or address"))
            self.filter.setAccessibleName(_("Filter the venues"))
        self.table.setAccessibleName(_("Venues"))
        describe(self.new_action, _("&New venue…"))
        describe(self.edit_action, _("&Edit…"), _("Edit the venue selected"))
        describe(self.delete_action, _("De&lete…"), _("Delete the venue selected"))
        super().retranslate()
