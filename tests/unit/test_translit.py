"""The 2010 national transliteration of Ukrainian, on the resolution's own examples."""

from __future__ import annotations

import pytest

from visitplanner.domain.translit import has_cyrillic, transliterate

# The examples printed in Resolution no. 55 of the Cabinet of Ministers, 27 January 2010.
OFFICIAL = [
    ("Згорани", "Zghorany"),
    ("Розгон", "Rozghon"),
    ("Єнакієве", "Yenakiieve"),
    ("Гаївка", "Haivka"),
    ("Їжакевич", "Yizhakevych"),
    ("Йосипівка", "Yosypivka"),
    ("Стрий", "Stryi"),
    ("Олексій", "Oleksii"),
    ("Юрій", "Yurii"),
    ("Яготин", "Yahotyn"),
    ("Костянтин", "Kostiantyn"),
    ("Знам'янка", "Znamianka"),
    ("Феодосія", "Feodosiia"),
    ("Щербухи", "Shcherbukhy"),
    ("Короп'є", "Koropie"),
    ("Алушта", "Alushta"),
    ("Борщагівка", "Borshchahivka"),
    ("Вінниця", "Vinnytsia"),
    ("Ґорґани", "Gorgany"),
    ("Жашків", "Zhashkiv"),
    ("Харків", "Kharkiv"),
    ("Рівне", "Rivne"),
    ("Ольшанське", "Olshanske"),
    ("Чернівці", "Chernivtsi"),
    ("Шостка", "Shostka"),
    ("Гадяч", "Hadiach"),
    ("Русь", "Rus"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), OFFICIAL)
def test_the_official_examples(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


def test_start_of_word_forms_apply_after_a_space_or_a_hyphen() -> None:
    assert transliterate("Юрій Юрійович") == "Yurii Yuriiovych"
    assert transliterate("Квітка-Основ'яненко") == "Kvitka-Osnovianenko"
    assert transliterate("Іван-Євген") == "Ivan-Yevhen"


def test_every_apostrophe_is_dropped_inside_a_word() -> None:
    for apostrophe in ("'", "ʼ", "’"):
        assert transliterate("Мʼясоїдов".replace("ʼ", apostrophe)) == "Miasoidov"


def test_a_name_in_capitals_stays_in_capitals() -> None:
    assert transliterate("КАЛМИКОВА Наталія") == "KALMYKOVA Nataliia"
    assert transliterate("ЩЕРБА") == "SHCHERBA"
    assert transliterate("ЗГУРСЬКИЙ") == "ZGHURSKYI"


def test_latin_text_and_punctuation_are_kept() -> None:
    assert transliterate("D'Artagnan, 3") == "D'Artagnan, 3"
    assert not has_cyrillic("Kalmykova")
    assert has_cyrillic("Kalmykova Калмикова")
