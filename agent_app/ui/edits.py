"""Which fields of a form the clerk has been in: the deposit and enrolment pages share this.

A form shows a field's problems only once the clerk has edited it or reached it and left it,
so an empty form is not a page of red. :class:`EditTracker` keeps that set of fields: an edit
marks its field, and so does leaving a field the clerk had reached with Tab, Backtab, a click
or an Alt+letter. What the program changes itself (clearing the form, filling it from a stored
version, following another field) is done inside :meth:`EditTracker.quietly` and marks
nothing; a focus moved by the program, a popup or another window does not count either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent

# Why a focus change means "the clerk has been here": Tab, a click, an Alt+letter.
REACHED_BY_CLERK: Final = frozenset(
    {
        Qt.FocusReason.TabFocusReason,
        Qt.FocusReason.BacktabFocusReason,
        Qt.FocusReason.MouseFocusReason,
        Qt.FocusReason.ShortcutFocusReason,
    }
)


def left_by_clerk(event: QEvent) -> bool:
    """Is ``event`` the clerk leaving a field they had reached themselves?"""
    return (
        event.type() == QEvent.Type.FocusOut
        and isinstance(event, QFocusEvent)
        and event.reason() in REACHED_BY_CLERK
    )


class EditTracker(QObject):
    """The fields the clerk has edited or left (``touched``), by the names the rules use.

    ``changed`` is called after every edit, and after a field is left for the first time:
    the page checks the form again (usually by starting its validation timer).
    """

    def __init__(self, changed: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.touched: set[str] = set()
        self.field_of: dict[QObject, str] = {}
        self._changed = changed
        self._quiet_depth = 0

    @property
    def quiet(self) -> bool:
        """True inside :meth:`quietly`: what changes now is the program's doing."""
        return self._quiet_depth > 0

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Changes made by the program, not the clerk: they mark no field as edited."""
        self._quiet_depth += 1
        try:
            yield
        finally:
            self._quiet_depth -= 1

    def watch(self, widget: QObject, field: str) -> None:
        """``widget`` belongs to ``field``: leaving it marks the field."""
        self.field_of[widget] = field
        widget.installEventFilter(self)

    def edited(self, field: str) -> None:
        """``field`` changed: marked unless the program did it; the form is checked again."""
        if not self._quiet_depth:
            self.touched.add(field)
        self._changed()

    def edited_handler(self, field: str) -> Callable[..., None]:
        """A slot for any change signal of ``field``'s widget (whatever it carries)."""

        def edited(*_: object) -> None:
            self.edited(field)

        return edited

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if left_by_clerk(event) and not self._quiet_depth:
            field = self.field_of.get(watched)
            if field is not None and field not in self.touched:
                self.touched.add(field)
                self._changed()
        return False
