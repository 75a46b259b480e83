"""The roster's list on screen: delegation titles across the row, folded with the arrow.

A table rather than a tree: Qt's tree view lays out every row through the
model's Python `index()` and `flags()` after each reset, which was most of the
cost of a keystroke in the filter on a 3,000-person summit; a table lays out
nothing per row and paints one screen of rows. The folding a tree gives is kept:
a click on a title's arrow, Left and Right (or - and +) on a title, as in a tree;
Left on a person goes up to their delegation's title.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon, QKeyEvent, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOption,
    QTableView,
    QWidget,
)

from visitplanner.ui.roster.model import RosterModel

_FOLD_KEYS = {Qt.Key.Key_Left: True, Qt.Key.Key_Minus: True}
_UNFOLD_KEYS = {Qt.Key.Key_Right: False, Qt.Key.Key_Plus: False}


class RosterTable(QTableView):
    """Titles and people in rows of equal height; titles span every column."""

    def __init__(self, model: RosterModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roster = model
        self.setModel(model)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self)
        self.setIconSize(self.iconSize().scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
        blank = QPixmap(size, size)
        blank.fill(Qt.GlobalColor.transparent)
        model.set_arrows(
            self._arrow(QStyle.PrimitiveElement.PE_IndicatorArrowDown, size),
            self._arrow(QStyle.PrimitiveElement.PE_IndicatorArrowRight, size),
            QIcon(blank),
        )
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as it leaves a tree
        self.setCornerButtonEnabled(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        # A drop falls between two rows, never onto one (see RosterModel._new_order).
        self.setDragDropOverwriteMode(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(max(self.fontMetrics().height(), size) + 6)
        self.horizontalHeader().setHighlightSections(False)
        model.modelReset.connect(self._span_titles)
        model.rowsInserted.connect(self._span_titles)
        model.rowsRemoved.connect(self._span_titles)
        self._span_titles()

    def _arrow(self, element: QStyle.PrimitiveElement, size: int) -> QIcon:
        """The style's own branch arrow, as an icon."""
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            option = QStyleOption()
            option.initFrom(self)
            option.rect = pixmap.rect()
            self.style().drawPrimitive(element, option, painter, self)
        finally:
            painter.end()
        return QIcon(pixmap)

    def _span_titles(self, *_args: object) -> None:
        """A delegation's title runs across the columns, which hold people's details."""
        self.clearSpans()
        columns = self.roster.columnCount()
        for row in self.roster.group_rows():
            self.setSpan(row, 0, 1, columns)

    # -- folding ----------------------------------------------------------------

    def set_folded(self, key: str, folded: bool) -> None:
        """Fold or unfold a delegation ("" for the people of no delegation)."""
        self.roster.set_folded(key, folded)

    def is_folded(self, key: str) -> bool:
        """Whether a delegation's people are hidden under its title."""
        return self.roster.is_folded(key)

    def _toggle(self, index: QModelIndex) -> None:
        key = self.roster.group_key_at(index)
        if key is not None:
            self.set_folded(key, not self.is_folded(key))

    def _on_arrow(self, event: QMouseEvent) -> QModelIndex | None:
        """The title row whose arrow was clicked, if any."""
        index = self.indexAt(event.position().toPoint())
        if not self.roster.is_group(index):
            return None
        left = self.visualRect(index).left()
        if event.position().x() - left > self.iconSize().width() + 8:
            return None
        return index

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._on_arrow(event) if event.button() == Qt.MouseButton.LeftButton else None
        if index is None:
            super().mousePressEvent(event)
            return
        self.setCurrentIndex(index)
        self._toggle(index)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._on_arrow(event) is None:
            super().mouseDoubleClickEvent(event)  # a double-click elsewhere edits
            return
        event.accept()  # the press already folded or unfolded

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        index = self.currentIndex()
        if plain and index.isValid() and (key in _FOLD_KEYS or key in _UNFOLD_KEYS):
            group = self.roster.group_key_at(index)
            if self.roster.is_group(index) and group is not None:
                fold = key in _FOLD_KEYS
                if fold != self.is_folded(group):
                    self.set_folded(group, fold)
                    event.accept()
                    return
            elif key == Qt.Key.Key_Left and group is not None:
                title = self.roster.index_of_group(group)  # up to the delegation's title
                self.setCurrentIndex(title)
                event.accept()
                return
        super().keyPressEvent(event)
