"""The tabs of the person editor: each shows part of a Person and gives back its fields.

Needs and accreditation, the tabs holding private fields, are in person_private_tabs.

Every tab has `set_person(person)` and `values()` (a dict of Person fields, or a
DomainError saying what is wrong in words the officer understands), and names
the input of each field in `field_widgets`, by the domain's field name.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.decree import LIST_NAMES, DecreeList, DecreePosition, coverage_lines
from visitplanner.domain.errors import DomainError
from visitplanner.domain.labels import label
from visitplanner.domain.model import Person, VisitData
from visitplanner.domain.values import Civility, Grade, Role
from visitplanner.i18n import _, babel_locale, current_language
from visitplanner.services.precedence import position_choices, visit_decree_of
from visitplanner.ui.common.forms import add_row, fill_combo, select_data
from visitplanner.ui.common.privacy_marks import with_badge
from visitplanner.ui.common.text_inputs import LocalizedLineEdit, LocalizedTextArea
from visitplanner.ui.roster.photo_input import PhotoInput

#: Working languages offered as tick boxes; others are typed as codes.
COMMON_LANGUAGES = ("fr", "uk", "en", "de", "es", "it", "pl", "ar")
_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def text_area(parent: QWidget, lines: int = 3) -> QPlainTextEdit:
    """A few lines of text, no taller than `lines` lines; Tab moves on."""
    area = QPlainTextEdit(parent)
    area.setTabChangesFocus(True)
    height = area.fontMetrics().lineSpacing() * lines + 14
    area.setMinimumHeight(height)
    area.setMaximumHeight(height)
    return area


class IdentityTab(QWidget):
    """Names in both scripts, civility, photo and notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.civility = QComboBox(self)
        fill_combo(
            self.civility,
            [("—", Civility.NONE.value)]
            + [(label(c), c.value) for c in Civility if c is not Civility.NONE],
        )
        self.family_name = QLineEdit(self)
        self.given_name = QLineEdit(self)
        self.family_name_native = QLineEdit(self)
        self.given_name_native = QLineEdit(self)
        self.patronymic_native = QLineEdit(self)
        self.latin_note = QLabel(self)
        self.latin_note.setWordWrap(True)
        self.latin_note.setStyleSheet("color: #5a5a5a; font-style: italic;")
        self.photo = PhotoInput(self)
        self.notes = text_area(self, 5)
        form = QFormLayout()
        add_row(form, _("Civility:"), self.civility)
        add_row(form, _("&Family name (Latin):"), self.family_name)
        add_row(form, _("&Given name (Latin):"), self.given_name)
        form.addRow(self.latin_note)
        add_row(form, _("Family name (native script):"), self.family_name_native)
        add_row(form, _("Given name (native script):"), self.given_name_native)
        add_row(form, _("Patronymic (native script):"), self.patronymic_native)
        photo_box = QVBoxLayout()
        photo_box.addWidget(QLabel(_("Photo:"), self))
        photo_box.addWidget(self.photo)
        photo_box.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addLayout(photo_box)
        bottom = QFormLayout()
        add_row(bottom, _("Notes:"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bottom)
        layout.addStretch(1)
        self._latin = ("", "")
        self._derived = False
        self.field_widgets: dict[str, QWidget] = {
            "civility": self.civility,
            "family_name": self.family_name,
            "given_name": self.given_name,
            "family_name_native": self.family_name_native,
            "given_name_native": self.given_name_native,
            "patronymic_native": self.patronymic_native,
            "latin_derived": self.latin_note,
            "photo": self.photo,
            "notes": self.notes,
        }

    def set_person(self, person: Person) -> None:
        """Show `person`."""
        select_data(self.civility, person.civility.value)
        self.family_name.setText(person.family_name)
        self.given_name.setText(person.given_name)
        self.family_name_native.setText(person.family_name_native)
        self.given_name_native.setText(person.given_name_native)
        self.patronymic_native.setText(person.patronymic_native)
        self.photo.set_value(person.photo, person.photo_type)
        self.notes.setPlainText(person.notes)
        self._latin = (person.family_name, person.given_name)
        self._derived = person.latin_derived
        self.latin_note.setText(
            _(
                "The Latin spelling was derived from the native script; "
                "check it against the passport."
            )
        )
        self.latin_note.setVisible(person.latin_derived)

    def values(self) -> dict[str, Any]:
        """The identity fields typed."""
        family = self.family_name.text().strip()
        given = self.given_name.text().strip()
        family_native = self.family_name_native.text().strip()
        if not (family or family_native):
            raise DomainError(_("Give a family name, in Latin or in the native script."))
        photo, photo_type = self.photo.value()
        return {
            "civility": Civility(self.civility.currentData()),
            "family_name": family,
            "given_name": given,
            "family_name_native": family_native,
            "given_name_native": self.given_name_native.text().strip(),
            "patronymic_native": self.patronymic_native.text().strip(),
            # Once the officer retypes the Latin name it is no longer a derived spelling.
            "latin_derived": self._derived and (family, given) == self._latin,
            "photo": photo,
            "photo_type": photo_type,
            "notes": self.notes.toPlainText().strip(),
        }


class LanguagesInput(QWidget):
    """Working languages: tick boxes for the common ones, codes typed for the others."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        locale = babel_locale()
        for n, code in enumerate(COMMON_LANGUAGES):
            box = QCheckBox(code, self)
            name = locale.languages.get(code, code)
            box.setToolTip(name)
            box.setAccessibleName(_("Works in {language}").format(language=name))
            grid.addWidget(box, n // 4, n % 4)
            self.boxes[code] = box
        self.others = QLineEdit(self)
        self.others.setPlaceholderText(_("other codes, e.g. ru, pt-BR"))
        self.others.setAccessibleName(_("Other working languages (codes)"))
        grid.addWidget(self.others, 2, 0, 1, 4)
        self._order: tuple[str, ...] = ()

    def set_value(self, codes: tuple[str, ...]) -> None:
        """Tick and list `codes`."""
        self._order = codes
        for code, box in self.boxes.items():
            box.setChecked(code in codes)
        self.others.setText(", ".join(c for c in codes if c not in self.boxes))

    def value(self) -> tuple[str, ...]:
        """The codes chosen: those the person had keep their order, new ones follow."""
        typed = [c.strip() for c in re.split(r"[,;\s]+", self.others.text()) if c.strip()]
        for code in typed:
            if not _CODE.match(code):
                raise DomainError(
                    _("“{code}” is not a language code (such as de or pt-BR).").format(code=code)
                )
        chosen = [c for c, box in self.boxes.items() if box.isChecked()] + typed
        kept = [c for c in self._order if c in chosen]
        return tuple(dict.fromkeys(kept + chosen))


class DecreePositionInput(QComboBox):
    """A French authority's position in the décret's order of precedence, chosen from the
    positions of the visit's version in the interface's language; typing filters them
    (any word of the label). "None" for a foreign guest or someone of no position."""

    def __init__(self, data: VisitData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        decree = visit_decree_of(data)
        self._none = _("None (a foreign guest, or no position)")
        items = [(self._none, "")]
        for choice in position_choices(decree, current_language()):
            where = _(LIST_NAMES[choice.at.list])
            # The mark before the décret's words, which may be cut at the list's edge.
            mark = "" if choice.checked else _("(to check)") + " "
            text = f"{where} — {choice.rank}° {mark}{choice.label}"
            items.append((text, _key(choice.at)))
        fill_combo(self, items)
        # The field stays narrow in the form; its list opens wide enough to read each
        # position whole (the décret's words are long), cut at the end only if it must.
        view = self.view()
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        wide = view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8
        view.setMinimumWidth(min(wide, 60 * self.fontMetrics().averageCharWidth()))
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setToolTip(
            "\n".join(
                [
                    _(
                        "The décret n° 89-655 ({version}) ranks French authorities: type a "
                        "word of the position to find it."
                    ).format(version=decree.version),
                    *coverage_lines(decree),
                ]
            )
        )

    def set_value(self, at: DecreePosition | None) -> None:
        """Show `at` (a position this version lacks is kept, shown by its id)."""
        key = "" if at is None else _key(at)
        if at is not None and self.findData(key) < 0:
            self.addItem(at.id, key)
        select_data(self, key)
        edit = self.lineEdit()
        if edit is not None:
            edit.setCursorPosition(0)  # the start of a long label, not its end

    def value(self) -> DecreePosition | None:
        """The position chosen, or None; text matching no position is refused."""
        text = self.currentText().strip()
        index = self.currentIndex()
        if index < 0 or self.itemText(index) != text:
            index = next(
                (i for i in range(self.count()) if self.itemText(i).casefold() == text.casefold()),
                0 if not text else -1,
            )
        if index < 0:
            raise DomainError(
                _("“{text}” is no position of the décret: choose one from the list").format(
                    text=text
                )
            )
        key = str(self.itemData(index) or "")
        if not key:
            return None
        kind, _sep, ident = key.partition(":")
        return DecreePosition(DecreeList(kind), ident)


def _key(at: DecreePosition) -> str:
    return f"{at.list.value}:{at.id}"


class RoleTab(QWidget):
    """Title, function and organisation in three languages; delegation, role, grade, rank."""

    def __init__(self, data: VisitData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = LocalizedLineEdit(_("Title"), self)
        self.function = LocalizedLineEdit(_("Function"), self)
        self.organisation = LocalizedLineEdit(_("Organisation"), self)
        self.delegation = QComboBox(self)
        lang, main = current_language(), data.visit.main_language
        ordered = sorted(data.delegations, key=lambda d: d.position)
        fill_combo(
            self.delegation,
            [(_("No delegation"), "")] + [(d.name.get(lang, main), d.id) for d in ordered],
        )
        self.role = QComboBox(self)
        self.role.setEditable(True)
        self.role.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        fill_combo(self.role, [(label(r), r.value) for r in Role])
        self.role.setToolTip(_("Choose a role or type one of your own."))
        self.grade = QComboBox(self)
        fill_combo(self.grade, [(label(g), g.value) for g in Grade])
        self.rank = QSpinBox(self)
        self.rank.setRange(0, 99_999)
        self.rank.setToolTip(_("Place in the delegation's order of precedence (1 comes first)."))
        self.precedence = DecreePositionInput(data, self)
        self.languages = LanguagesInput(self)
        form = QFormLayout(self)
        add_row(form, _("Title:"), self.title, self.title.first_editor())
        add_row(form, _("Function:"), self.function, self.function.first_editor())
        add_row(form, _("Organisation:"), self.organisation, self.organisation.first_editor())
        add_row(form, _("&Delegation:"), self.delegation)
        add_row(form, _("&Role:"), self.role)
        add_row(form, _("Grade:"), self.grade)
        add_row(form, _("Rank:"), self.rank)
        add_row(form, _("&Precedence (décret):"), self.precedence)
        add_row(form, _("Working languages:"), self.languages, self.languages.boxes["fr"])
        self.field_widgets: dict[str, QWidget] = {
            "title": self.title,
            "function": self.function,
            "organisation": self.organisation,
            "delegation_id": self.delegation,
            "role": self.role,
            "grade": self.grade,
            "rank": self.rank,
            "precedence_position": self.precedence,
            "languages": self.languages,
        }

    def set_person(self, person: Person) -> None:
        """Show `person`."""
        self.title.set_value(person.title)
        self.function.set_value(person.function)
        self.organisation.set_value(person.organisation)
        select_data(self.delegation, person.delegation_id or "")
        known = self.role.findData(person.role)
        if known >= 0:
            self.role.setCurrentIndex(known)
        else:
            self.role.setEditText(person.role)
        select_data(self.grade, person.grade.value)
        self.rank.setValue(person.rank)
        self.precedence.set_value(person.precedence_position)
        self.languages.set_value(person.languages)

    def role_value(self) -> str:
        """The role chosen (a Role's value), or the role typed as written."""
        text = self.role.currentText().strip()
        if not text:
            return Role.MEMBER.value
        for index in range(self.role.count()):
            if self.role.itemText(index).casefold() == text.casefold():
                return str(self.role.itemData(index))
        return text

    def values(self) -> dict[str, Any]:
        """The role fields chosen."""
        return {
            "title": self.title.value(),
            "function": self.function.value(),
            "organisation": self.organisation.value(),
            "delegation_id": self.delegation.currentData() or None,
            "role": self.role_value(),
            "grade": Grade(self.grade.currentData()),
            "rank": self.rank.value(),
            "precedence_position": self.precedence.value(),
            "languages": self.languages.value(),
        }


class ContactsTab(QWidget):
    """Duty phone and e-mail (shared with the delegation) and a private phone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.duty_phone = QLineEdit(self)
        self.duty_email = QLineEdit(self)
        self.private_phone = QLineEdit(self)
        note = QLabel(
            _("Duty contacts are shared with the delegation; the private phone is not."), self
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        add_row(form, _("Duty &phone:"), self.duty_phone)
        add_row(form, _("Duty &e-mail:"), self.duty_email)
        add_row(form, _("Private phone:"), with_badge(self.private_phone, self), self.private_phone)
        self.field_widgets: dict[str, QWidget] = {
            "duty_phone": self.duty_phone,
            "duty_email": self.duty_email,
            "private_phone": self.private_phone,
        }

    def set_person(self, person: Person) -> None:
        """Show `person`."""
        self.duty_phone.setText(person.duty_phone)
        self.duty_email.setText(person.duty_email)
        self.private_phone.setText(person.private_phone)

    def values(self) -> dict[str, Any]:
        """The contacts typed."""
        email = self.duty_email.text().strip()
        if email and not _EMAIL.match(email):
            raise DomainError(_("“{email}” is not an e-mail address.").format(email=email))
        return {
            "duty_phone": self.duty_phone.text().strip(),
            "duty_email": email,
            "private_phone": self.private_phone.text().strip(),
        }


class BiographyTab(QWidget):
    """The biography in three languages, as the briefing book prints it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.biography = LocalizedTextArea(_("Biography"), self, lines=6)
        form = QFormLayout(self)
        add_row(form, _("&Biography:"), self.biography, self.biography.first_editor())
        self.field_widgets: dict[str, QWidget] = {"biography": self.biography}

    def set_person(self, person: Person) -> None:
        """Show `person`."""
        self.biography.set_value(person.biography)

    def values(self) -> dict[str, Any]:
        """The biography typed."""
        return {"biography": self.biography.value()}
