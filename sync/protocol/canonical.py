"""Canonical JSON: the one byte form of a value that is hashed, sealed and signed.

Sorted keys, no insignificant whitespace, UTF-8 (no ``\\u`` escapes beyond what JSON requires),
integers only within ±(2**53 - 1) so any JSON reader keeps them exact. Floats, NaN and infinities
are refused: money is integer centimes. ``date`` and aware ``datetime`` values are written as ISO
strings (datetimes in UTC with a ``Z``); reading gives strings back, the schemas parse them.
This module owns the encoding only; it must never know what a claim is.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Final

MAX_SAFE_INTEGER: Final = 2**53 - 1


class CanonicalError(ValueError):
    """The value cannot be encoded canonically, or the bytes are not canonical JSON."""


def _iso_utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CanonicalError("naive datetime: times travel in UTC")
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _plain(value: object) -> object:
    """The JSON tree of ``value``; refuses anything that has no single canonical form."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CanonicalError("integer beyond ±(2**53 - 1)")
        return value
    if isinstance(value, float):
        raise CanonicalError("floats are not allowed: use integer centimes")
    if isinstance(value, dt.datetime):  # before date: a datetime is a date
        return _iso_utc(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        plain: dict[str, object] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalError("object keys must be strings")
            plain[key] = _plain(item)
        return plain
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return [_plain(item) for item in value]
    raise CanonicalError(f"cannot encode a {type(value).__name__}")


def canonical_bytes(value: object) -> bytes:
    """The canonical UTF-8 JSON bytes of ``value``."""
    text = json.dumps(
        _plain(value),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate has no UTF-8 form
        raise CanonicalError("text is not valid Unicode") from error


def _no_float(text: str) -> object:
    raise CanonicalError("floats are not allowed")


def _no_constant(text: str) -> object:
    raise CanonicalError(f"{text} is not allowed")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise CanonicalError("duplicate object key")
    return result


def parse_canonical(data: bytes) -> object:
    """The value of canonical JSON ``data``; refuses bytes that are not exactly canonical."""
    try:
        text = data.decode("utf-8")
        value = json.loads(
            text,
            parse_float=_no_float,
            parse_constant=_no_constant,
            object_pairs_hook=_unique_keys,
        )
    except CanonicalError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise CanonicalError("not JSON") from error
    if canonical_bytes(value) != data:
        raise CanonicalError("JSON is not in canonical form")
    return value
