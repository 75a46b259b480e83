"""What a briefing book must never do: run markup from user text, show a private field in
a shareable book, fail on a long table; and a per-person pack holds only that person's."""

from __future__ import annotations

import io
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image as PILImage

from tests.factories import PARIS, small_visit
from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.domain.errors import InputError
from visitplanner.domain.model import Person, RunningOrderItem, VisitData
from visitplanner.domain.values import LocalizedText, Profile
from visitplanner.exports import pdf_fonts as briefing_fonts
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.services.briefing import build_briefing
from visitplanner.services.progress import Cancelled, Progress

HOSTILE_PURPOSE = "<img src='/etc/passwd'/> <b>"


def _pdf(data: VisitData, **options: object) -> bytes:
    return render_briefing(data, BriefingOptions(**options))  # type: ignore[arg-type]


def test_hostile_strings_print_literally_and_load_nothing() -> None:
    data = small_visit()
    smith = Person(
        family_name="Smith <Jr> & Co", given_name="John", delegation_id=data.delegations[0].id
    )
    data.people.append(smith)
    meeting = data.events[1]
    meeting.participant_ids.append(smith.id)
    meeting.purpose = LocalizedText(fr=HOSTILE_PURPOSE)
    meeting.title = LocalizedText(fr="<a href='http://example.com/x'>Talks</a> &amp; <i>")
    data.venues[0].name = LocalizedText(fr='<font size="80">Brienne</font>')
    pdf = read_pdf(_pdf(data, lang="fr"))
    text = pdf.text
    assert "John SMITH <JR> & CO" in text
    assert HOSTILE_PURPOSE in text
    assert "<a href='http://example.com/x'>Talks</a> &amp; <i>" in text
    assert '<font size="80">Brienne</font>' in text
    assert "<a href='http://example.com/x'>Talks</a> &amp; <i>" in pdf.outline_titles()
    assert pdf.images() == 0
    for page in pdf.reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert "/URI" not in action


def test_control_characters_in_user_text_do_not_break_the_book() -> None:
    data = small_visit()
    data.events[1].purpose = LocalizedText(fr="ligne\x00un\x07\r\nligne deux\tfin")
    text = read_pdf(_pdf(data, lang="fr")).text
    assert "ligneun ligne deux fin" in text


def test_a_shareable_book_holds_no_private_field_and_an_internal_one_may(tmp_path: Path) -> None:
    data = build_demo()
    shareable = tmp_path / "shareable.pdf"
    internal = tmp_path / "internal.pdf"
    build_briefing(data, shareable, BriefingOptions(lang="fr"))
    build_briefing(data, internal, BriefingOptions(lang="fr", profile=Profile.INTERNAL))
    shared_text = read_pdf(shareable.read_bytes()).text
    internal_text = read_pdf(internal.read_bytes()).text
    kovalenko = next(p for p in data.people if p.family_name == "Kovalenko")
    private = [
        kovalenko.private_phone,
        kovalenko.accreditation.passport_number,
        *kovalenko.dietary_detail.to_dict().values(),
        "Fauteuil roulant manuel",
        "Manual wheelchair",
        "Механічне крісло",
    ]
    private += [t[:30] for v in data.venues for t in v.security_notes.to_dict().values()]
    for value in private:
        assert value and value not in shared_text, value
    assert kovalenko.private_phone in internal_text
    assert kovalenko.dietary_detail.fr in internal_text
    assert kovalenko.accreditation.passport_number not in internal_text  # not for a book
    assert "Édition interne" in internal_text and "Édition interne" not in shared_text
    if os.name == "posix":
        assert shareable.stat().st_mode & 0o777 == 0o600


def test_a_personal_pack_holds_only_that_persons_events() -> None:
    data = build_demo()
    kovalenko = next(p for p in data.people if p.family_name == "Kovalenko")
    text = read_pdf(
        render_briefing(
            data, BriefingOptions(lang="fr", person_id=kovalenko.id, profile=Profile.SHAREABLE)
        )
    ).text
    own = [e.title.fr for e in data.events if kovalenko.id in e.participant_ids]
    others = [e.title.fr for e in data.events if kovalenko.id not in e.participant_ids]
    assert own and others
    for title in own:
        assert title in text, title
    for title in others:
        if not any(title in mine for mine in own):
            assert title not in text, title
    assert "DOSSIER PERSONNEL" in text
    assert "Andrii KOVALENKO" in text
    # His own part at each event: his car and his places (a veteran at every event, his
    # role is not repeated under each).
    assert "Votre voiture" in text and "Votre place" in text
    assert "Votre rôle" not in text


def test_a_table_of_500_rows_splits_across_pages_with_its_header_repeated() -> None:
    data = small_visit()
    ceremony = data.events[2]
    start = datetime(2026, 5, 8, 8, 0, tzinfo=PARIS)
    ceremony.running_order = [
        RunningOrderItem(
            at=start + timedelta(minutes=n),
            action=LocalizedText(fr=f"Séquence numéro {n:03d}"),
            who=LocalizedText(fr="Protocole"),
        )
        for n in range(500)
    ]
    pdf = read_pdf(_pdf(data, lang="fr", sections=("events",)))
    pages = [pdf.page_text(n) for n in range(1, len(pdf.pages) + 1)]
    holding = [p for p in pages if "Séquence numéro" in p]
    assert len(holding) >= 8
    for page in holding:
        assert "Heure Séquence Qui Où" in page
    text = pdf.text
    assert all(f"Séquence numéro {n:03d}" in text for n in range(500))


def test_a_row_taller_than_a_page_is_cut_inside_the_row_rather_than_failing() -> None:
    data = small_visit()
    ceremony = data.events[2]
    ceremony.running_order[0].action = LocalizedText(fr=" ".join(["mot"] * 6000) + " fin")
    data.people[0].title = LocalizedText(fr="Titre " * 900)
    pdf = read_pdf(_pdf(data, lang="fr", sections=("events", "delegations")))
    assert "mot mot fin" in pdf.text
    assert "Sonnerie aux morts" in pdf.text


def _png(width: int, height: int) -> bytes:
    picture = PILImage.new("RGB", (width, height), (30, 60, 90))
    encoded = io.BytesIO()
    picture.save(encoded, format="PNG")
    return encoded.getvalue()


def test_a_photo_prints_beside_the_biography_and_a_broken_one_is_left_out() -> None:
    data = small_visit()
    minister = data.people[0]
    minister.biography = LocalizedText(fr="Née à Kyiv.")
    assert read_pdf(_pdf(data, lang="fr", sections=("biographies",))).images() == 0  # broken
    minister.photo = _png(300, 400)
    pdf = read_pdf(_pdf(data, lang="fr", sections=("biographies",)))
    assert pdf.images() == 1
    assert "Née à Kyiv." in pdf.text


def test_the_marking_can_be_overridden_or_left_out_for_one_book() -> None:
    data = small_visit()
    marked = read_pdf(_pdf(data, lang="fr", marking="Confidentiel — usage interne"))
    assert "CONFIDENTIEL — USAGE INTERNE" in marked.page_text(2)
    assert "DIFFUSION RESTREINTE" not in marked.text
    plain = read_pdf(_pdf(data, lang="fr", marking=""))
    assert "DIFFUSION RESTREINTE" not in plain.text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sections": ("cover", "seating-plans")}, "seating-plans"),
        ({"person_id": "no-such-id"}, "no-such-id"),
        ({"lang": "de"}, "de"),
    ],
)
def test_bad_options_are_refused_with_a_clear_message(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        _pdf(small_visit(), **options)


def test_missing_fonts_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefing_fonts, "_registered", False)
    faces = {**briefing_fonts.FACES, briefing_fonts.BOLD: "NoSuchFont-Bold.ttf"}
    monkeypatch.setattr(briefing_fonts, "FACES", faces)
    with pytest.raises(briefing_fonts.FontError, match=r"NoSuchFont-Bold\.ttf"):
        briefing_fonts.register_fonts()


def test_a_cancelled_build_writes_nothing(tmp_path: Path) -> None:
    steps: list[int] = []

    def cancel_soon(done: int, total: int, what: str) -> None:
        steps.append(done)
        if len(steps) == 5:
            progress.cancel()

    progress = Progress(cancel_soon)
    target = tmp_path / "book.pdf"
    with pytest.raises(Cancelled):
        build_briefing(build_demo(), target, BriefingOptions(), progress)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
