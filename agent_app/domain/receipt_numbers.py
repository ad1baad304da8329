"""Human numbers printed on receipts and shipment slips, and read back when people quote them.

Owns the layout ``PPPP-YYMMDD-NNNNC`` of a receipt number (point code, local day, per-day
sequence, check character) and ``ENV-PPPP-YYMMDD-NNC`` of a shipment (envelope) number. The
check character is Luhn mod 34 (``stdnum.luhn``) over an alphabet without I and O, so a
single mistyped character, or most swaps of two neighbours, is caught when an insured person
reads their number over the phone. Does not allocate sequence numbers: the store does, in the
same transaction as the record.

Point codes are 2 to 8 capitals and digits, without the letters I and O: those cannot be
checked by the alphabet and are read as 1 and 0, so a number quoted with "O" for "0" is
still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum import luhn

CHECK_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
SHIPMENT_PREFIX = "ENV"
RECEIPT_SEQUENCE_WIDTH = 4
SHIPMENT_SEQUENCE_WIDTH = 2

_POINT_CODE = re.compile(r"[0-9A-HJ-NP-Z]{2,8}", re.ASCII)
_DAY = r"(?P<day>[0-9]{6})"
_POINT = r"(?P<point>[0-9A-HJ-NP-Z]{2,8})"
_CHECK = r"(?P<check>[0-9A-HJ-NP-Z])"
_RECEIPT = re.compile(rf"{_POINT}-{_DAY}-(?P<seq>[0-9]{{{RECEIPT_SEQUENCE_WIDTH},}}){_CHECK}")
_SHIPMENT = re.compile(
    rf"{SHIPMENT_PREFIX}-{_POINT}-{_DAY}-(?P<seq>[0-9]{{{SHIPMENT_SEQUENCE_WIDTH},}}){_CHECK}"
)
# What people and word processors put in place of plain hyphens, and letters read as digits.
_TOLERATED = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})
_CONFUSABLES = str.maketrans({"O": "0", "I": "1"})


def is_valid_point_code(text: str) -> bool:
    """2 to 8 capitals and digits, never I or O (they read as 1 and 0)."""
    return _POINT_CODE.fullmatch(text) is not None


def _check_character(*parts: str) -> str:
    return str(luhn.calc_check_digit("".join(parts), alphabet=CHECK_ALPHABET))


def _day_code(day: date) -> str:
    if not 2000 <= day.year <= 2099:
        raise ValueError(f"day {day.isoformat()} is outside the years a YYMMDD code can hold")
    return day.strftime("%y%m%d")


def _parse_day(code: str) -> date | None:
    try:
        return date(2000 + int(code[:2]), int(code[2:4]), int(code[4:]))
    except ValueError:
        return None


def _sequence(seq: int, width: int) -> str:
    if seq < 1:
        raise ValueError(f"sequence numbers start at 1, got {seq}")
    return f"{seq:0{width}d}"


def _point(point_code: str) -> str:
    if not is_valid_point_code(point_code):
        raise ValueError(f"invalid point code {point_code!r}: 2 to 8 of A-Z (no I, O) and 0-9")
    return point_code


def _tidy(text: str) -> str:
    """Upper case, no spaces, plain hyphens, O and I read as 0 and 1."""
    return "".join(text.split()).translate(_TOLERATED).upper().translate(_CONFUSABLES)


@dataclass(frozen=True, slots=True, order=True)
class ReceiptNumber:
    point_code: str
    day: date
    seq: int

    def __str__(self) -> str:
        return format_receipt_number(self.point_code, self.day, self.seq)


@dataclass(frozen=True, slots=True, order=True)
class ShipmentNumber:
    point_code: str
    day: date
    seq: int

    def __str__(self) -> str:
        return format_shipment_number(self.point_code, self.day, self.seq)


def format_receipt_number(point_code: str, day: date, seq: int) -> str:
    """``("CAS01", 2026-03-05, 42)`` → "CAS01-260305-0042" and its check character."""
    point, day_code = _point(point_code), _day_code(day)
    sequence = _sequence(seq, RECEIPT_SEQUENCE_WIDTH)
    return f"{point}-{day_code}-{sequence}{_check_character(point, day_code, sequence)}"


def _parse(
    pattern: re.Pattern[str], text: str, prefix: str, width: int
) -> tuple[str, date, int] | None:
    match = pattern.fullmatch(_tidy(text))
    if match is None:
        return None
    point, day_code, sequence = match["point"], match["day"], match["seq"]
    day = _parse_day(day_code)
    if day is None or match["check"] != _check_character(prefix, point, day_code, sequence):
        return None
    seq = int(sequence)
    # A wider sequence than needed ("00042") is another text for the same number: refuse
    # it, so that each number has exactly one printed form to search for.
    if seq < 1 or sequence != _sequence(seq, width):
        return None
    return point, day, seq


def parse_receipt_number(text: str) -> ReceiptNumber | None:
    """The receipt number in ``text``, or None if it is malformed or its check fails.

    Tolerates lower case, spaces, typographic dashes and the letters O and I for 0 and 1.
    """
    parsed = _parse(_RECEIPT, text, "", RECEIPT_SEQUENCE_WIDTH)
    return None if parsed is None else ReceiptNumber(*parsed)


def format_shipment_number(point_code: str, day: date, seq: int) -> str:
    """``("CAS01", 2026-03-05, 3)`` → "ENV-CAS01-260305-03" and its check character."""
    point, day_code = _point(point_code), _day_code(day)
    sequence = _sequence(seq, SHIPMENT_SEQUENCE_WIDTH)
    check = _check_character(SHIPMENT_PREFIX, point, day_code, sequence)
    return f"{SHIPMENT_PREFIX}-{point}-{day_code}-{sequence}{check}"


def parse_shipment_number(text: str) -> ShipmentNumber | None:
    """The shipment number in ``text``, or None; as tolerant as :func:`parse_receipt_number`."""
    parsed = _parse(_SHIPMENT, text, SHIPMENT_PREFIX, SHIPMENT_SEQUENCE_WIDTH)
    return None if parsed is None else ShipmentNumber(*parsed)
