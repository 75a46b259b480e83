"""Inputs for a text that has a version in French, Ukrainian and English.

`LocalizedLineEdit` (one line per language) and `LocalizedTextArea` (a few
lines per language) edit a `LocalizedText`; each language's input carries its
own accessible name ("Title (Ukrainian)") so a screen reader says which it is.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from visitplanner.domain.values import LANGUAGES, LocalizedText
from visitplanner.i18n import N_, _

#: The name of each language of a text, as the inputs are labelled.
LANGUAGE_NAMES: Final = {"fr": N_("French"), "uk": N_("Ukrainian"), "en": N_("English")}


class _LocalizedInput(QWidget):
    """One input per language, labelled with its code, on a grid."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for row, lang in enumerate(LANGUAGES):
            editor = self._make_editor()
            label = QLabel(lang.upper(), self)
            label.setBuddy(editor)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("MM"))
            top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            grid.addWidget(
                label,
                row,
                0,
                top if isinstance(editor, QPlainTextEdit) else Qt.AlignmentFlag.AlignLeft,
            )
            grid.addWidget(editor, row, 1)
            self.editors[lang] = editor
            self._labels[lang] = label
        self.retranslate(name)

    def _make_editor(self) -> QLineEdit | QPlainTextEdit:
        raise NotImplementedError

    def retranslate(self, name: str | None = None) -> None:
        """Name the inputs again (in the current language; `name` is already translated)."""
        if name is not None:
            self._name = name
        for lang, editor in self.editors.items():
            language = _(LANGUAGE_NAMES[lang])
            editor.setAccessibleName(
                _("{field} ({language})").format(field=self._name, language=language)
            )
            self._labels[lang].setToolTip(language)

    def first_editor(self) -> QWidget:
        """The input a label of the whole field points to (its buddy)."""
        return self.editors[LANGUAGES[0]]

    def editor(self, lang: str) -> QLineEdit | QPlainTextEdit:
        """The input of one language."""
        return self.editors[lang]

    def set_read_only(self, read_only: bool) -> None:
        """Let the text be read but not changed."""
        for editor in self.editors.values():
            editor.setReadOnly(read_only)


class LocalizedLineEdit(_LocalizedInput):
    """A one-line text in French, Ukrainian and English."""

    def _make_editor(self) -> QLineEdit:
        editor = QLineEdit(self)
        editor.textChanged.connect(self.changed)
        return editor

    def value(self) -> LocalizedText:
        """The text typed, each version without surrounding spaces."""
        parts = {}
        for lang, editor in self.editors.items():
            assert isinstance(editor, QLineEdit)
            parts[lang] = editor.text().strip()
        return LocalizedText(**parts)

    def set_value(self, text: LocalizedText) -> None:
        """Show `text`."""
        for lang, editor in self.editors.items():
            assert isinstance(editor, QLineEdit)
            editor.setText(getattr(text, lang))
            editor.setCursorPosition(0)  # show the start of a long text, not its end


class LocalizedTextArea(_LocalizedInput):
    """A text of a few lines in French, Ukrainian and English."""

    def __init__(
        self, name: str, parent: QWidget | None = None, lines: int = 4, grow: bool = True
    ) -> None:
        self._lines = lines
        self._grow = grow
        super().__init__(name, parent)

    def _make_editor(self) -> QPlainTextEdit:
        editor = QPlainTextEdit(self)
        editor.setTabChangesFocus(True)  # Tab moves on, as in every other input
        height = editor.fontMetrics().lineSpacing() * self._lines + 12
        editor.setMinimumHeight(height)
        if not self._grow:
            editor.setMaximumHeight(height)
        editor.textChanged.connect(self.changed)
        return editor

    def value(self) -> LocalizedText:
        """The text typed, each version without surrounding blank space."""
        parts = {}
        for lang, editor in self.editors.items():
            assert isinstance(editor, QPlainTextEdit)
            parts[lang] = editor.toPlainText().strip()
        return LocalizedText(**parts)

    def set_value(self, text: LocalizedText) -> None:
        """Show `text`."""
        for lang, editor in self.editors.items():
            assert isinstance(editor, QPlainTextEdit)
            editor.setPlainText(getattr(text, lang))
