"""The person editor: every field, private fields marked, photo checks, errors shown, one edit."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from tests.factories import small_visit
from tests.ui.editing import open_visit, unnamed_inputs
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.demo.common import GUEST_DELEGATION_ID, person_id
from visitplanner.domain.model import Person
from visitplanner.domain.privacy import PRIVATE_FIELDS
from visitplanner.domain.values import Need, Role
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.common.privacy_marks import PrivateBadge, is_marked_private
from visitplanner.ui.roster.person_dialog import PersonDialog
from visitplanner.ui.shell.controller import VisitController


@pytest.fixture
def small(tmp_path: Path) -> Iterator[tuple[Path, VisitController]]:
    with open_visit(tmp_path, small_visit()) as opened:
        yield opened


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Path, VisitController]]:
    with open_visit(tmp_path, build_demo()) as opened:
        yield opened


def _minister(controller: VisitController) -> Person:
    return next(p for p in controller.data.people if p.family_name == "Kalmykova")


def _dialog(qtbot, controller: VisitController, person: Person | None, **kw) -> PersonDialog:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(controller, person, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _image(fmt: str) -> bytes:
    image = QImage(8, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5fa8"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    return bytes(data.data())


def test_every_field_of_a_person_has_an_input(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller = small
    dialog = _dialog(qtbot, controller, _minister(controller))
    fields = {f.name for f in dataclasses.fields(Person)} - {"id", "sample", "photo_type"}
    assert fields <= set(dialog.field_widgets)


def test_exactly_the_private_fields_are_marked_private(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller = small
    dialog = _dialog(qtbot, controller, _minister(controller))
    marked = {name for name, w in dialog.field_widgets.items() if is_marked_private(w)}
    assert marked == set(PRIVATE_FIELDS[Person])
    for name in marked:
        widget = dialog.field_widgets[name]
        assert "shareable" in widget.toolTip()
        assert "shareable" in widget.accessibleDescription()
        # A padlock badge beside the input, or on the tab holding the inputs.
        holder = widget if name == "accreditation" else widget.parentWidget()
        assert holder.findChildren(PrivateBadge), name
    # Nothing else in the dialog is marked: every marked widget belongs to a private field.
    owners = [dialog.field_widgets[name] for name in marked]
    for widget in dialog.findChildren(QWidget):
        if is_marked_private(widget):
            assert any(w is widget or w.isAncestorOf(widget) for w in owners), widget


def test_opening_and_saving_unchanged_keeps_every_field_and_adds_no_step(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    minister = _minister(controller)
    dialog = _dialog(qtbot, controller, minister)
    assert dialog.person_from_fields() == minister  # dates, zones, private data, photo, all
    dialog.accept()
    assert controller.undo_stack.count() == 0
    assert read_visit(path).person(minister.id) == minister


def test_a_cyrillic_name_typed_is_saved(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    minister = _minister(controller)
    dialog = _dialog(qtbot, controller, minister)
    dialog.identity.patronymic_native.clear()
    type_text(dialog.identity.patronymic_native, "Олексіївна")
    dialog.accept()
    assert read_visit(path).person(minister.id).patronymic_native == "Олексіївна"
    assert dialog.saved is not None and dialog.saved.id == minister.id
    assert controller.undo_stack.count() == 1


def test_a_person_without_a_family_name_is_refused_inline(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    dialog = _dialog(qtbot, controller, None)
    type_text(dialog.identity.given_name, "Anne")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "family name" in dialog.error.text()
    assert len(read_visit(path).people) == 3
    assert controller.undo_stack.count() == 0
    type_text(dialog.identity.family_name_native, "Коваленко")
    dialog.accept()
    assert not dialog.isVisible()
    assert any(p.family_name_native == "Коваленко" for p in read_visit(path).people)


@pytest.mark.parametrize(
    ("tab", "field", "text", "message"),
    [
        ("contacts", "duty_email", "not-an-address", "e-mail"),
        ("role", "languages", "english", "language code"),
    ],
)
def test_bad_input_is_named_and_nothing_saved(qtbot, small, tab, field, text, message) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    minister = _minister(controller)
    dialog = _dialog(qtbot, controller, minister)
    widget = dialog.field_widgets[field]
    target = widget.others if field == "languages" else widget
    target.clear()
    type_text(target, text)
    dialog.accept()
    assert dialog.error.isVisible() and message in dialog.error.text()
    assert dialog.tabs.currentWidget() is getattr(dialog, tab)  # the tab with the mistake
    assert read_visit(path).person(minister.id) == minister


def test_an_unknown_time_zone_is_refused(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller = small
    dialog = _dialog(qtbot, controller, _minister(controller))
    dialog.travel.arrival.zone.setEditText("Mars/Olympus")
    dialog.accept()
    assert "Mars/Olympus" in dialog.error.text()
    assert controller.undo_stack.count() == 0


def test_travel_times_keep_their_zone(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    minister = _minister(controller)
    dialog = _dialog(qtbot, controller, minister)
    leg = dialog.travel.departure
    type_text(leg.carrier, "LOT")
    leg.time.set_value(datetime(2026, 5, 9, 18, 5))
    leg.zone.set_value("Europe/Paris")
    dialog.travel.arrival.zone.set_value("Europe/Kyiv")
    dialog.accept()
    saved = read_visit(path).person(minister.id)
    assert saved.departure.carrier == "LOT"
    assert saved.departure.time == datetime(2026, 5, 9, 18, 5, tzinfo=ZoneInfo("Europe/Paris"))
    assert saved.arrival.time is not None
    assert saved.arrival.time.tzinfo == ZoneInfo("Europe/Kyiv")
    assert saved.arrival.time.hour == 9  # the wall-clock time typed, in the zone chosen


def test_dates_may_be_set_and_cleared(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    minister = _minister(controller)
    dialog = _dialog(qtbot, controller, minister)
    accreditation = dialog.accreditation
    assert accreditation.birth_date.value() == date(1970, 1, 2)
    assert accreditation.birth_date.text() == "02/01/1970"  # as the rest of the window
    accreditation.birth_date.clear_value()
    assert accreditation.birth_date.text() == "not set"
    accreditation.passport_expiry.set_value(date(2026, 5, 8))
    assert accreditation.expiry_warning.isVisibleTo(accreditation)  # expires before the visit ends
    dialog.accept()
    saved = read_visit(path).person(minister.id).accreditation
    assert saved.birth_date is None
    assert saved.passport_expiry == date(2026, 5, 8)


def test_stepping_an_unset_date_starts_from_a_sensible_day(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller = small
    dialog = _dialog(qtbot, controller, None)
    expiry = dialog.accreditation.passport_expiry
    assert expiry.value() is None
    expiry.stepBy(1)
    assert expiry.value() == date(2026, 5, 9)  # the visit's last day, not 1800


def test_roles_are_chosen_or_typed(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    veteran = next(p for p in controller.data.people if p.family_name == "Koval'")
    dialog = _dialog(qtbot, controller, veteran)
    assert dialog.role.role.currentText() == "ветеран"  # a free role shown as written
    dialog.role.role.setEditText("interpreter")
    dialog.accept()
    assert read_visit(path).person(veteran.id).role == Role.INTERPRETER
    dialog = _dialog(qtbot, controller, controller.data.person(veteran.id))
    dialog.role.role.setEditText("conseiller spécial")
    dialog.accept()
    assert read_visit(path).person(veteran.id).role == "conseiller spécial"


def test_languages_keep_their_order(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    minister = _minister(controller)  # ("uk", "en")
    dialog = _dialog(qtbot, controller, minister)
    dialog.role.languages.boxes["fr"].setChecked(True)
    type_text(dialog.role.languages.others, "pt-BR")
    dialog.accept()
    assert read_visit(path).person(minister.id).languages == ("uk", "en", "fr", "pt-BR")


def test_needs_and_their_private_detail(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    minister = _minister(controller)
    dialog = _dialog(qtbot, controller, minister)
    needs = dialog.needs
    needs.step_free.setCurrentIndex(needs.step_free.findData(Need.GIVEN.value))
    type_text(needs.accessibility_detail.editor("fr"), "fauteuil roulant ; rampe")
    type_text(needs.accessibility_detail.editor("uk"), "крісло колісне; пандус")
    dialog.accept()
    saved = read_visit(path).person(minister.id)
    assert saved.step_free is Need.GIVEN
    assert saved.accessibility_detail.fr == "fauteuil roulant ; rampe"
    assert saved.accessibility_detail.uk == "крісло колісне; пандус"
    # Each language's input is marked private, as the field is.
    assert all(
        is_marked_private(needs.accessibility_detail.editor(lang)) for lang in ("fr", "uk", "en")
    )


def test_a_png_photo_is_attached_and_shown(qtbot, tmp_path, monkeypatch, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    host = next(p for p in controller.data.people if p.family_name == "Rufo")
    png = _image("PNG")
    file = tmp_path / "rufo.png"
    file.write_bytes(png)
    dialog = _dialog(qtbot, controller, host)
    photo = dialog.identity.photo
    assert photo.thumbnail.text() == "No photo"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: (str(file), ""))
    photo.attach_button.click()
    assert not photo.thumbnail.pixmap().isNull()
    assert photo.remove_button.isEnabled()
    dialog.accept()
    saved = read_visit(path).person(host.id)
    assert saved.photo == png and saved.photo_type == "image/png"


def test_a_jpeg_photo_is_recognised_by_its_bytes(qtbot, tmp_path, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller = small
    file = tmp_path / "portrait.png"  # the name lies; the bytes say JPEG
    file.write_bytes(_image("JPG"))
    dialog = _dialog(qtbot, controller, None)
    assert dialog.identity.photo.load_file(file)
    assert dialog.identity.photo.value()[1] == "image/jpeg"


def test_a_text_file_renamed_png_is_refused(qtbot, tmp_path, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    host = next(p for p in controller.data.people if p.family_name == "Rufo")
    fake = tmp_path / "photo.png"
    fake.write_text("not an image at all\n")
    dialog = _dialog(qtbot, controller, host)
    photo = dialog.identity.photo
    assert not photo.load_file(fake)
    assert photo.message.isVisible()
    assert "photo.png" in photo.message.text() and "PNG or JPEG" in photo.message.text()
    assert photo.value() == (None, "")
    dialog.accept()
    assert read_visit(path).person(host.id).photo is None


def test_a_photo_over_5_mb_is_refused(qtbot, tmp_path, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller = small
    minister = _minister(controller)
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * 1024 * 1024))
    dialog = _dialog(qtbot, controller, minister)
    photo = dialog.identity.photo
    before = photo.value()
    assert not photo.load_file(big)
    assert "6.0 MB" in photo.message.text() and "5 MB" in photo.message.text()
    assert photo.value() == before  # the photo already there stays


def test_a_damaged_png_is_refused(qtbot, tmp_path, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller = small
    broken = tmp_path / "broken.png"
    broken.write_bytes(_image("PNG")[:40])
    dialog = _dialog(qtbot, controller, None)
    assert not dialog.identity.photo.load_file(broken)
    assert "damaged" in dialog.identity.photo.message.text()


def test_removing_the_photo(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller = small
    minister = _minister(controller)
    dialog = _dialog(qtbot, controller, minister)
    assert dialog.identity.photo.thumbnail.text() == "Photo (no preview)"  # bytes kept as they are
    dialog.identity.photo.remove_button.click()
    dialog.accept()
    saved = read_visit(path).person(minister.id)
    assert saved.photo is None and saved.photo_type == ""


def test_a_new_person_gets_the_next_rank_of_the_delegation(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller = demo
    members = controller.data.members(GUEST_DELEGATION_ID)
    dialog = _dialog(qtbot, controller, None, delegation_id=GUEST_DELEGATION_ID)
    assert dialog.role.rank.value() == max(p.rank for p in members) + 1
    assert dialog.role.delegation.currentData() == GUEST_DELEGATION_ID
    type_text(dialog.identity.family_name, "Petrenko")
    dialog.accept()
    added = [p for p in read_visit(path).people if p.family_name == "Petrenko"]
    assert added and added[0].delegation_id == GUEST_DELEGATION_ID
    assert controller.undo_stack.undoText() == "Add PETRENKO"


def test_the_latin_spelling_note_shows_when_derived(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller = demo
    derived = [p for p in controller.data.people if p.latin_derived]
    person = derived[0] if derived else controller.data.person(person_id("shymanskyi"))
    dialog = _dialog(qtbot, controller, person)
    assert dialog.identity.latin_note.isVisible() == person.latin_derived


def test_every_input_has_a_name_for_screen_readers(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller = small
    dialog = _dialog(qtbot, controller, _minister(controller))
    assert unnamed_inputs(dialog) == []
    names = {w.accessibleName() for w in dialog.findChildren(QWidget)}
    assert {"Title (Ukrainian)", "Biography (English)", "Private phone"} <= names


def test_accreditation_dates_are_written_as_the_language_writes_them(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    from visitplanner.i18n import set_language

    _path, controller = small
    set_language("uk")
    try:
        dialog = _dialog(qtbot, controller, _minister(controller))
        assert dialog.accreditation.birth_date.text() == "02.01.1970"
        dialog.reject()
    finally:
        set_language("en")
