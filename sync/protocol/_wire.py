"""Typed reading of decoded wire values, and the checks the schemas share.

A wire value that has the wrong JSON type is a structural fault (``ProtocolError("bad_payload")``
naming the field); a value of the right type that breaks a rule is a validation problem the
schema's ``validate()`` reports as ``(field, code)``. This module never holds personal data in an
error: details name fields, never values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Final

from sync.protocol.errors import ProtocolError

UUID_RE: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
POINT_CODE_RE: Final = re.compile(r"[0-9A-HJ-NP-Z]{2,8}", re.ASCII)
RECEIPT_RE: Final = re.compile(r"[0-9A-HJ-NP-Z]{2,8}-[0-9]{6}-[0-9]{4,}[0-9A-HJ-NP-Z]", re.ASCII)
SHIPMENT_NO_RE: Final = re.compile(
    r"ENV-[0-9A-HJ-NP-Z]{2,8}-[0-9]{6}-[0-9]{2,}[0-9A-HJ-NP-Z]", re.ASCII
)
IMMATRICULATION_RE: Final = re.compile(r"[0-9]{9}", re.ASCII)
INPE_RE: Final = re.compile(r"[0-9]{9}", re.ASCII)
CIN_RE: Final = re.compile(r"[A-Z0-9]{1,10}", re.ASCII)
SIGNATURE_RE: Final = re.compile(r"[A-Za-z0-9_-]{86}", re.ASCII)  # Ed25519, base64url, no padding
SHA256_HEX_RE: Final = re.compile(r"[0-9a-f]{64}", re.ASCII)
COUNTRY_RE: Final = re.compile(r"[A-Z]{2}", re.ASCII)

Problems = list[tuple[str, str]]


def check(problems: Problems, field: str, ok: bool, code: str) -> None:
    if not ok:
        problems.append((field, code))


def check_pattern(
    problems: Problems, field: str, value: str | None, pattern: re.Pattern[str]
) -> None:
    if value is not None and pattern.fullmatch(value) is None:
        problems.append((field, "bad_format"))


def check_choice(
    problems: Problems, field: str, value: str | None, choices: frozenset[str]
) -> None:
    if value is not None and value not in choices:
        problems.append((field, "unknown_value"))


def check_text(problems: Problems, field: str, value: str | None, max_length: int) -> None:
    if value is None:
        return
    if not value.strip():
        problems.append((field, "required"))
    elif len(value) > max_length:
        problems.append((field, "too_long"))


def bad(field: str) -> ProtocolError:
    return ProtocolError("bad_payload", f"field {field!r} has the wrong type or form")


class Reader:
    """Pulls typed values out of one decoded wire object, naming the field on a fault."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, Mapping):
            raise bad(where)
        self._data: Mapping[object, object] = data
        self._where = where

    def _get(self, name: str) -> object:
        if name not in self._data:
            raise ProtocolError("bad_payload", f"field {self._where}.{name!r} is missing")
        return self._data[name]

    def _fault(self, name: str) -> ProtocolError:
        return bad(f"{self._where}.{name}")

    def text(self, name: str) -> str:
        value = self._get(name)
        if not isinstance(value, str):
            raise self._fault(name)
        return value

    def opt_text(self, name: str) -> str | None:
        return None if self._get(name) is None else self.text(name)

    def integer(self, name: str) -> int:
        value = self._get(name)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._fault(name)
        return value

    def opt_integer(self, name: str) -> int | None:
        return None if self._get(name) is None else self.integer(name)

    def flag(self, name: str) -> bool:
        value = self._get(name)
        if not isinstance(value, bool):
            raise self._fault(name)
        return value

    def day(self, name: str) -> dt.date:
        text = self.text(name)
        try:
            value = dt.date.fromisoformat(text)
        except ValueError as error:
            raise self._fault(name) from error
        if value.isoformat() != text:  # only the one form we write: YYYY-MM-DD
            raise self._fault(name)
        return value

    def opt_day(self, name: str) -> dt.date | None:
        return None if self._get(name) is None else self.day(name)

    def moment(self, name: str) -> dt.datetime:
        text = self.text(name)
        try:
            value = dt.datetime.fromisoformat(text.removesuffix("Z")).replace(tzinfo=dt.UTC)
        except ValueError as error:
            raise self._fault(name) from error
        if iso_utc(value) != text:  # only the one form we write: UTC with Z, no offset
            raise self._fault(name)
        return value

    def opt_moment(self, name: str) -> dt.datetime | None:
        return None if self._get(name) is None else self.moment(name)

    def text_tuple(self, name: str) -> tuple[str, ...]:
        value = self._get(name)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._fault(name)
        return tuple(value)

    def text_map(self, name: str) -> tuple[tuple[str, str], ...]:
        value = self._get(name)
        if not isinstance(value, Mapping) or not all(
            isinstance(key, str) and isinstance(item, str) for key, item in value.items()
        ):
            raise self._fault(name)
        return tuple(sorted(value.items()))

    def array(self, name: str) -> Sequence[object]:
        value = self._get(name)
        if not isinstance(value, list):
            raise self._fault(name)
        return value

    def raw(self, name: str) -> object:
        return self._get(name)


def iso_utc(moment: dt.datetime) -> str:
    """A UTC time as it travels: ISO 8601 with ``Z``. Naive times are taken as UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.replace(tzinfo=None).isoformat() + "Z"
