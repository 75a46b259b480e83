"""Switch the interface language at once: our catalogs, Babel dates, Qt's own dialogs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from visitplanner.i18n import UI_LANGUAGES, detect_language, set_language

log = logging.getLogger(__name__)

_qt_translator: QTranslator | None = None


def system_language() -> str:
    """The interface language the system's locale asks for (English if unsupported)."""
    name = QLocale.system().name()  # "fr_FR"
    code = name.split("_")[0]
    return code if code in UI_LANGUAGES else detect_language()


def apply_language(lang: str) -> None:
    """Make `lang` the language of our messages and of Qt's standard dialogs."""
    global _qt_translator
    set_language(lang)
    QLocale.setDefault(QLocale({"fr": "fr_FR", "uk": "uk_UA", "en": "en_GB"}[lang]))
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)
        _qt_translator = translator
    else:
        log.info("no Qt translations for %s in %s", lang, folder)
