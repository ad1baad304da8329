"""Barcode and QR scanners: telling a scan from typing, and reading what was scanned.

A counter scanner is a keyboard: it types the code's characters in a burst, a few
milliseconds apart, and ends with Enter. :class:`ScannerFilter` watches the key events of a
form and holds printable keys back for a moment (``max_gap_ms``, 30 ms by default). When at
least ``min_length`` characters arrive that fast and end with Enter, and :func:`classify_scan`
recognises them, the burst is taken away from the focused field and reported through the
``scanned`` signal. Anything else (a person typing, a burst that ends with Tab, a code we do
not know) is handed to its widget unchanged and in order; the wait is shorter than a person
can notice. Holding keys back rather than undoing them afterwards matters: a scan's digits
must never reach a drop-down list or a group of check boxes, where they would choose things.

The payloads :func:`classify_scan` accepts (a scanner adds nothing else than line ends and,
sometimes, an AIM symbology identifier such as ``]C1``):

- ``CNSS:<immatriculation>`` (also ``CNSS-``, ``IMMAT:``): a care sheet or CNSS card barcode,
  the insured's 9-digit immatriculation.
- ``FSE:<number>``: the electronic care sheet's QR code; the FSE number is what follows the
  prefix. A code that starts with ``FSE`` directly followed by a letter or digit
  (``FSE2026000123``) is taken whole as the FSE number. The national format is not public,
  so the number stays opaque: 1 to 64 printable characters without spaces.
- ``INPE:<9 digits>``, or anything in which :func:`agent_app.domain.identifiers.parse_inpe_scan`
  finds exactly one run of 9 digits: a practitioner's or facility's INPE label. A bare
  9-digit code is reported as an INPE with ``bare_number`` set, because the same shape is an
  immatriculation: the form decides from where the cursor was.

Never touches the store and never decides which field a value goes to: that is the form's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from agent_app.domain.identifiers import (
    is_valid_immatriculation,
    normalise_immatriculation,
    parse_inpe_scan,
)

DEFAULT_MAX_GAP_MS = 30
DEFAULT_MIN_LENGTH = 6
MAX_FSE_LENGTH = 64

_AIM_SYMBOLOGY_ID = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_INSURED_PREFIX = re.compile(r"^(?:CNSS|IMMAT)\s*[:\-]\s*(?P<number>.+)$", re.IGNORECASE)
_FSE_PREFIXED = re.compile(r"^FSE\s*[:\-]\s*(?P<number>\S{1,64})$", re.IGNORECASE)
_FSE_WHOLE = re.compile(r"^FSE[0-9A-Za-z]\S{0,60}$", re.IGNORECASE)
_INPE_PREFIX = re.compile(r"^INPE\s*[:\-]", re.IGNORECASE)
_BARE_NINE_DIGITS = re.compile(r"^[0-9]{9}$", re.ASCII)
_TO_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
    }
)
_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class ScanKind(StrEnum):
    INSURED = "insured"  # the insured's immatriculation, from a care sheet or CNSS card
    INPE = "inpe"  # a practitioner's or facility's INPE label
    FSE = "fse"  # the electronic care sheet's QR code


@dataclass(frozen=True, slots=True)
class Scan:
    kind: ScanKind
    value: str  # digits only for INSURED and INPE; the opaque number for FSE
    raw: str
    bare_number: bool = False  # nine digits and nothing else: INPE or immatriculation


def classify_scan(text: str) -> Scan | None:
    """What a scanner typed, or None when it is no code the deposit form knows."""
    raw = text
    cleaned = _AIM_SYMBOLOGY_ID.sub("", text.strip()).strip()
    if not cleaned:
        return None
    insured = _INSURED_PREFIX.match(cleaned)
    if insured is not None:
        number = normalise_immatriculation(insured.group("number"))
        if is_valid_immatriculation(number):
            return Scan(ScanKind.INSURED, number, raw)
        return None
    fse = _FSE_PREFIXED.match(cleaned)
    if fse is not None and fse.group("number").isprintable():
        return Scan(ScanKind.FSE, fse.group("number"), raw)
    if _FSE_WHOLE.match(cleaned) and cleaned.isprintable():
        return Scan(ScanKind.FSE, cleaned, raw)
    inpe = parse_inpe_scan(cleaned)
    if inpe is None:
        return None
    ascii_text = cleaned.translate(_TO_ASCII_DIGITS)
    bare = _BARE_NINE_DIGITS.match(ascii_text) is not None and not _INPE_PREFIX.match(cleaned)
    return Scan(ScanKind.INPE, inpe, raw, bare_number=bare)


@dataclass(slots=True)
class _Held:
    """A key event held back, copied: Qt deletes the original once the filter returns."""

    receiver: QObject
    event: QKeyEvent
    text: str  # the character a press typed; empty for releases and modifier keys


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )


class ScannerFilter(QObject):
    """An event filter that takes scanner bursts out of a form's keyboard input.

    ``attach(form)`` installs it on the form and every widget inside it (key events go to
    the focused widget, not to the form). ``scanned`` carries the :class:`Scan` and the
    widget that had the keyboard when the burst began. ``clock`` (seconds, monotonic) and
    ``max_gap_ms`` are parameters so that tests can tell a burst from typing deterministically.
    """

    scanned = Signal(object, object)  # Scan, the QObject the burst was typed into

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: int = DEFAULT_MAX_GAP_MS,
        min_length: int = DEFAULT_MIN_LENGTH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._clock = clock
        self._held: list[_Held] = []
        self._last_at = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.release)

    def attach(self, form: QWidget) -> None:
        """Watch ``form`` and all the widgets it holds now."""
        form.installEventFilter(self)
        for child in form.findChildren(QWidget):
            child.installEventFilter(self)

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def release(self) -> None:
        """Hand every held key to its widget, in the order it came: it was typing."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for item in held:
                # A widget may have been deleted meanwhile (page closed): drop its keys.
                try:
                    QCoreApplication.sendEvent(item.receiver, item.event)
                except RuntimeError:
                    continue
        finally:
            self._replaying = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or not isinstance(event, QKeyEvent):
            return False
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            # A shortcut (Ctrl+Enter to save, Alt+letter) must see the form as typed so far;
            # the Enter that may end a burst, and Shift, are judged at their key press.
            if not (
                self._holdable(event) or self._ends_burst(event) or event.key() in _MODIFIER_KEYS
            ):
                self.release()
            return False
        if kind == QEvent.Type.KeyRelease:
            if self._held:
                self._held.append(_Held(watched, _copy(event), ""))
                return True
            return False
        if kind != QEvent.Type.KeyPress:
            return False
        now = self._clock()
        fast = (now - self._last_at) * 1000 <= self.max_gap_ms
        if self._held and not fast:
            self.release()  # the earlier keys were typed by a person
        self._last_at = now
        if event.key() in _MODIFIER_KEYS:
            if self._held:  # scanners press Shift for capitals in the middle of a burst
                self._held.append(_Held(watched, _copy(event), ""))
                return True
            return False
        if self._ends_burst(event):
            return self._end_of_burst()
        if self._holdable(event):
            self._held.append(_Held(watched, _copy(event), event.text()))
            self._timer.start(self.max_gap_ms)
            return True
        self.release()
        return False

    def _holdable(self, event: QKeyEvent) -> bool:
        text = event.text()
        return (
            len(text) == 1
            and text.isprintable()
            and not event.isAutoRepeat()
            and not event.modifiers() & _COMMAND_MODIFIERS
        )

    def _ends_burst(self, event: QKeyEvent) -> bool:
        return event.key() in _ENTER_KEYS and not event.modifiers() & _COMMAND_MODIFIERS

    def _end_of_burst(self) -> bool:
        typed = "".join(item.text for item in self._held)
        if len(typed) >= self.min_length:
            scan = classify_scan(typed)
            if scan is not None:
                origin = next(item.receiver for item in self._held if item.text)
                self._timer.stop()
                self._held = []
                self.scanned.emit(scan, origin)
                return True  # the Enter ended the scan; the form must not see it
        self.release()
        return False
