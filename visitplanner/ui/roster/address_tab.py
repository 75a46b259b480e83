"""The person editor's "Form of address" tab: for each use (letter, place card, speech,
introduction, title) and each language, what the rules propose, greyed, and the
officer's own form over it.

An input left empty keeps the proposal (its placeholder shows it, greyed); what is
typed is the person's own form (`Person.address_forms`), saved with the rest of the
person as one edit, undone as one. The proposals follow what the other tabs say now
(civility, grade, title) each time the tab is shown.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Final

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from visitplanner.domain.address import AddressBook, AddressForms, AddressUse
from visitplanner.domain.model import Person
from visitplanner.domain.values import LANGUAGES, LocalizedText
from visitplanner.i18n import N_, _

#: Each use as the tab names it.
USE_LABELS: Final[dict[AddressUse, str]] = {
    AddressUse.LETTER: N_("Letter salutation"),
    AddressUse.CARD: N_("Place card"),
    AddressUse.SPOKEN: N_("Spoken address"),
    AddressUse.INTRODUCTION: N_("Introduction"),
    AddressUse.TITLE: N_("Title in the language"),
}
#: Each language as a column head.
_LANGUAGE_NAMES: Final = {"fr": N_("French"), "uk": N_("Ukrainian"), "en": N_("English")}


class AddressTab(QWidget):
    """Forms of address per use and language: the proposal greyed, the officer's own over it."""

    def __init__(self, book: AddressBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        #: Gives the person as the other tabs show it now (None: not readable yet).
        self.current: Callable[[], Person | None] = lambda: None
        layout = QVBoxLayout(self)
        note = QLabel(
            _(
                "Greyed: what the rules propose from civility, grade and title. "
                "Type over it to use your own form; empty it to go back to the proposal."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        #: The input of each use in each language.
        self.inputs: dict[tuple[AddressUse, str], QLineEdit] = {}
        # A box per language, each use on its line: an introduction is a long line.
        for lang in LANGUAGES:
            box = QGroupBox(_(_LANGUAGE_NAMES[lang]), self)
            form = QFormLayout(box)
            for use in AddressUse:
                edit = QLineEdit(box)
                edit.setAccessibleName(f"{_(USE_LABELS[use])} ({_(_LANGUAGE_NAMES[lang])})")
                edit.setClearButtonEnabled(True)
                self.inputs[use, lang] = edit
                form.addRow(_("{heading}:").format(heading=_(USE_LABELS[use])), edit)
            layout.addWidget(box)
        layout.addStretch(1)
        self.field_widgets: dict[str, QWidget] = {
            "address_forms": self.inputs[AddressUse.LETTER, LANGUAGES[0]]
        }

    def set_person(self, person: Person) -> None:
        """Show `person`'s own forms, and what the rules propose for the rest."""
        for (use, lang), edit in self.inputs.items():
            edit.setText(person.address_forms.get(use, lang))
        self.show_proposals(person)

    def show_proposals(self, person: Person) -> None:
        """Grey proposals for `person` as the other tabs describe them (own forms aside:
        the title typed here feeds the introduction)."""
        typed = self.values()["address_forms"]
        shown = _with_forms(person, AddressForms(title=typed.title))
        for (use, lang), edit in self.inputs.items():
            edit.setPlaceholderText(self.book.proposed(shown, lang, use))

    def showEvent(self, event: QShowEvent) -> None:
        """Proposals follow the other tabs: civility, grade and title may have changed."""
        person = self.current()
        if person is not None:
            self.show_proposals(person)
        super().showEvent(event)

    def values(self) -> dict[str, Any]:
        """The forms typed (empty inputs: as proposed)."""
        parts: dict[str, LocalizedText] = {}
        for use in AddressUse:
            texts = {lang: self.inputs[use, lang].text().strip() for lang in LANGUAGES}
            parts[use.value] = LocalizedText(**{k: v for k, v in texts.items() if v})
        return {"address_forms": AddressForms(**parts)}


def _with_forms(person: Person, forms: AddressForms) -> Person:
    """A copy of `person` with `forms` (not rebuilt: a new person has no name yet)."""
    twin = copy.copy(person)
    twin.address_forms = forms
    return twin
