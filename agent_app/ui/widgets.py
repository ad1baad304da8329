"""Small input widgets the counter's forms share: dates, amounts, identifiers, choices, problems.

Owns how a keystroke is shaped and how typed text becomes a value: ``DD/MM/YYYY`` dates
(also ``DDMMYYYY``, because clerks type fast), dirham amounts through
:func:`agent_app.domain.money.parse_amount`, digit-only identifiers, one-letter choices, groups
of check boxes ticked by digit keys, and the label that shows a problem beside its field.
Must never judge a value: what is wrong with a claim is decided by the domain rules, which
these widgets only display.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from agent_app.domain.dates import format_date
from agent_app.domain.money import format_amount, parse_amount
from agent_app.domain.problems import Severity
from agent_app.i18n import Lang

T = TypeVar("T")

# Keyboards set to Arabic type Arabic-Indic digits; the date is the same.
_TO_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DATE_PARTS = re.compile(r"([0-9]{1,2})[/.\- ]+([0-9]{1,2})[/.\- ]+([0-9]{4})", re.ASCII)
_DATE_DIGITS = re.compile(r"[0-9]{8}", re.ASCII)
_DIGIT_KEYS = "123456789"
# What an identifier field accepts while typing: digits of both scripts, spaces and dashes
# (people group long numbers); the domain normalises them away.
_IDENTIFIER_CHARACTERS = r"[0-9٠-٩۰-۹ \-]*"

ERROR_COLOUR = "#b3261e"  # red with 5.9:1 contrast on white
WARNING_COLOUR = "#8a5300"  # amber dark enough to read (6.3:1 on white), unlike pure orange


def parse_date_text(text: str) -> date | None:
    """The date in ``DD/MM/YYYY``, ``D/M/YYYY``, ``DD.MM.YYYY``, ``DD MM YYYY`` or ``DDMMYYYY``.

    None for an empty text. Raises ValueError for anything else, two-digit years included:
    "12/03/84" could be 1984 or 2084 and a birth date must not be guessed.
    """
    cleaned = text.translate(_TO_ASCII_DIGITS).strip()
    if not cleaned:
        return None
    if _DATE_DIGITS.fullmatch(cleaned):
        day, month, year = cleaned[:2], cleaned[2:4], cleaned[4:]
    else:
        parts = _DATE_PARTS.fullmatch(cleaned)
        if parts is None:
            raise ValueError(f"not a DD/MM/YYYY date: {text!r}")
        day, month, year = parts.groups()
    return date(int(year), int(month), int(day))  # ValueError for 31/02


def amount_text(centimes: int, lang: Lang) -> str:
    """The amount as a clerk reads it in a field: "1.234,56" (no currency, the label has it)."""
    text = format_amount(centimes, lang)
    return text.removeprefix("MAD ").removesuffix(" DH").removesuffix(" درهم")


def _fold(text: str) -> str:
    """Lower case without accents: typing "e" finds "Exécution" and "Entente"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class DateField(QLineEdit):
    """A date typed as ``DD/MM/YYYY`` or ``DDMMYYYY``; shown as ``DD/MM/YYYY`` once left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("JJ/MM/AAAA"))
        self.setMaxLength(10)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9٠-٩۰-۹/.\- ]{0,10}"), self)
        )
        self.editingFinished.connect(self._tidy)
        # As wide as a date and its cursor: a date stretched over a column reads as a name.
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 16)

    def value(self) -> date | None:
        """The date typed, None when empty; raises ValueError when it cannot be read."""
        return parse_date_text(self.text())

    def set_value(self, day: date | None) -> None:
        self.setText("" if day is None else format_date(day))

    def _tidy(self) -> None:
        try:
            day = self.value()
        except ValueError:
            return  # left as typed, so the clerk sees what to correct
        if day is not None and self.text() != format_date(day):
            self.setText(format_date(day))


class AmountField(QLineEdit):
    """A dirham amount typed the French-Moroccan way ("450,00", "1.234,56" or "450")."""

    def __init__(self, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setPlaceholderText(amount_text(0, lang))
        self.setMaxLength(20)
        self.editingFinished.connect(self._tidy)

    def centimes(self) -> int:
        """Integer centimes; raises :class:`agent_app.domain.money.AmountError`."""
        return parse_amount(self.text())

    def set_centimes(self, centimes: int | None) -> None:
        self.setText("" if centimes is None else amount_text(centimes, self._lang))

    def _tidy(self) -> None:
        try:
            centimes = self.centimes()
        except ValueError:
            return
        if self.text() != amount_text(centimes, self._lang):
            self.setText(amount_text(centimes, self._lang))


class IdentifierField(QLineEdit):
    """A number of fixed length (immatriculation, INPE): digits, spaces and dashes only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(_IDENTIFIER_CHARACTERS), self)
        )
        self.setMaxLength(15)


class CinField(QLineEdit):
    """A national identity card number, shown in capitals as it is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(12)
        self.textEdited.connect(self._capitalise)

    def _capitalise(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            cursor = self.cursorPosition()
            self.setText(upper)
            self.setCursorPosition(cursor)


class ChoiceBox(QComboBox, Generic[T]):
    """A short drop-down list chosen with one key: the item's first letter, or its number.

    Qt's own keyboard search joins letters typed within the "keyboard input interval" (0.4 s),
    so a fast clerk typing "m" here and "f" in the next claim could find nothing; one key,
    one choice is what a counter needs. Repeating a letter cycles through the items that start
    with it. With ``allow_none`` the list starts unchosen and shows ``placeholder``.
    """

    def __init__(
        self,
        items: Sequence[tuple[T, str]],
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Asks for the width of a short word, not of its longest item: the form has three
        # columns to fit in 1280 pixels, and the open list still shows the items whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self._values = [value for value, _ in items]
        for _, text in items:
            self.addItem(text)
        if placeholder:
            self.setPlaceholderText(placeholder)
            self.setCurrentIndex(-1)

    def set_items(self, items: Sequence[tuple[T, str]]) -> None:
        """Replace the choices (a sub-category list that follows its category); none chosen."""
        self.blockSignals(True)
        try:
            self.clear()
            self._values = [value for value, _ in items]
            for _, text in items:
                self.addItem(text)
            self.setCurrentIndex(-1)
        finally:
            self.blockSignals(False)
        self.currentIndexChanged.emit(-1)

    def value(self) -> T | None:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: T | None) -> None:
        self.setCurrentIndex(self._values.index(value) if value in self._values else -1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if plain and len(text) == 1 and text.isprintable() and not text.isspace():
            self._choose_by_key(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def _choose_by_key(self, key: str) -> None:
        digit = key.translate(_TO_ASCII_DIGITS)
        if digit in _DIGIT_KEYS and int(digit) <= self.count():
            self.setCurrentIndex(int(digit) - 1)
            return
        wanted = _fold(key)
        start = self.currentIndex()
        for step in range(1, self.count() + 1):
            index = (start + step) % self.count()
            if _fold(self.itemText(index)).startswith(wanted):
                self.setCurrentIndex(index)
                return


class CheckGroup(QWidget, Generic[T]):
    """Check boxes that act as one stop in the tab order, ticked with digit keys.

    Like a group of radio buttons: Tab enters the group and the next Tab leaves it; the arrow
    keys move between the boxes and Space ticks the one that has the focus. Typing a box's
    number (1 to 9) ticks or unticks it wherever the focus is inside the group, so
    "consultation and pharmacy" is Tab, 1, 2, Tab instead of a walk through eight boxes.
    ``edited`` is emitted when the clerk changes a box (not on :meth:`set_selected`).
    """

    edited = Signal()

    def __init__(
        self, items: Sequence[tuple[T, str]], columns: int = 1, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._values = [value for value, _ in items]
        self.boxes: list[QCheckBox] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(12)
        layout.setVerticalSpacing(2)
        rows = -(-len(items) // columns)
        for index, (_, text) in enumerate(items):
            box = QCheckBox(text)
            box.installEventFilter(self)
            box.clicked.connect(self.edited)
            self._group.addButton(box)
            # Column-major, so the numbers read down the first column, then the next.
            layout.addWidget(box, index % rows, index // rows)
            self.boxes.append(box)

    def selected(self) -> frozenset[T]:
        return frozenset(
            value for value, box in zip(self._values, self.boxes, strict=True) if box.isChecked()
        )

    def set_selected(self, values: frozenset[T]) -> None:
        for value, box in zip(self._values, self.boxes, strict=True):
            box.setChecked(value in values)

    def box_for(self, value: T) -> QCheckBox:
        return self.boxes[self._values.index(value)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        ):
            return False
        key = event.key()
        if key == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return self._leave(forward=True)
        if key in (Qt.Key.Key_Backtab, Qt.Key.Key_Tab):
            return self._leave(forward=False)
        digit = event.text().translate(_TO_ASCII_DIGITS)
        if len(digit) == 1 and digit in _DIGIT_KEYS and int(digit) <= len(self.boxes):
            self.boxes[int(digit) - 1].click()  # click(): emits clicked, hence edited
            return True
        return False

    def _leave(self, *, forward: bool) -> bool:
        """Focus the first widget outside the group, after (or before) it in the tab chain."""
        edge: QWidget = self.boxes[-1] if forward else self.boxes[0]
        candidate = edge.nextInFocusChain() if forward else edge.previousInFocusChain()
        while candidate is not None and candidate is not edge:
            if (
                candidate not in self.boxes
                and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
                and candidate.isVisibleTo(candidate.window())
                and candidate.isEnabled()
            ):
                reason = (
                    Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                )
                candidate.setFocus(reason)
                return True
            candidate = (
                candidate.nextInFocusChain() if forward else candidate.previousInFocusChain()
            )
        return False


@dataclass(frozen=True, slots=True)
class Note:
    """One line to show beside a field: a problem's message, already in the clerk's language."""

    severity: Severity
    text: str


class ProblemLabel(QLabel):
    """What is wrong with one field, under it: red for errors, amber for warnings.

    Hidden while there is nothing to say, so a clean form stays compact. Each line starts with
    a sign as well as a colour, for clerks who do not tell red from amber.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setObjectName("problem")
        self.notes: tuple[Note, ...] = ()
        self.hide()

    def show_notes(self, notes: Sequence[Note]) -> None:
        notes = tuple(notes)
        if notes == self.notes:
            return
        self.notes = notes
        if not notes:
            self.clear()
            self.hide()
            return
        has_error = any(note.severity is Severity.ERROR for note in notes)
        colour = ERROR_COLOUR if has_error else WARNING_COLOUR
        self.setStyleSheet(f"color: {colour};")
        self.setProperty("severity", "error" if has_error else "warning")
        self.setText(
            "\n".join(
                ("✖ " if note.severity is Severity.ERROR else "⚠ ") + note.text for note in notes
            )
        )
        self.show()

    @property
    def severity(self) -> Severity | None:
        if not self.notes:
            return None
        if any(note.severity is Severity.ERROR for note in self.notes):
            return Severity.ERROR
        return Severity.WARNING


def plain_label(text: str) -> str:
    """A label's text without its ``&`` mnemonic marker, for accessible names."""
    return re.sub(r"&(.)", r"\1", text)


PROBLEM_COLOUR = "#a40000"  # dark red: readable on light backgrounds, not only by colour


def say(label: QLabel, text: str, *, problem: bool = False) -> None:
    """Show ``text`` in a page's message line, styled as a problem or as a notice."""
    label.setObjectName("problem" if problem else "notice")
    label.setStyleSheet(f"color: {PROBLEM_COLOUR};" if problem else "")
    label.setText(text)


def heading_label(text: str) -> QLabel:
    """A page's title line: larger and bold."""
    heading = QLabel(text)
    heading.setObjectName("heading")
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    heading.setFont(font)
    return heading
