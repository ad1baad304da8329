"""Bounds on wire bytes before they become Python objects: plaintext caps tied to item counts,
and JSON depth, string length and value count checked before a JSON reader builds anything.

A few kilobytes of zstd can inflate to hundreds of MiB, and a MiB of ``[],[],…`` becomes
tens of MiB of lists: so the decompressed size a batch may reach is derived from the item
counts its signed header declares, and JSON bytes are scanned (in C, by regular expressions:
no per-character Python loop) for nesting depth, over-long strings and the number of values
before ``json.loads`` sees them. This module owns those limits only; it must never do I/O or
know what a claim means beyond how large one can be.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sync.protocol.errors import ProtocolError

# The most items of one kind a batch may declare (the client seals 1,000 items at most).
MAX_BATCH_ITEMS: Final = 5_000
# Canonical bytes one item may take, by kind: many times a real item's (a claim is ~700
# bytes; an enrolment with dependents ~2 KiB; an envelope lists its claims' uuids).
ITEM_BYTES: Final[Mapping[str, int]] = {
    "claims": 12 * 1024,
    "enrolments": 24 * 1024,
    "shipments": 48 * 1024,
    "audit": 4 * 1024,
}
BATCH_OVERHEAD_BYTES: Final = 4 * 1024  # ids, field lists, brackets
# Whatever the counts, a batch's plaintext never exceeds this.
MAX_BATCH_PLAINTEXT_BYTES: Final = 24 * 1024 * 1024
MAX_JSON_DEPTH: Final = 16  # a batch is 6 deep at most
MAX_STRING_BYTES: Final = 16 * 1024  # MAX_TEXT (2,000 characters) is 8 KiB of UTF-8 at most
VALUES_PER_ITEM: Final = 512  # a claim is ~45 values
_BASE_VALUES: Final = 4_096

_STRING_UP_TO: Final = re.compile(rb'"(?:[^"\\]|\\.){0,%d}+"' % MAX_STRING_BYTES, re.DOTALL)
_INNERMOST: Final = re.compile(rb"\[[^\[\]{}]*\]|\{[^\[\]{}]*\}")


@dataclass(frozen=True, slots=True)
class JsonBounds:
    """Limits of one JSON document; ``code`` is the protocol error a breach raises."""

    max_bytes: int
    max_values: int
    max_depth: int = MAX_JSON_DEPTH
    code: str = "bad_payload"


def batch_plaintext_cap(counts: Mapping[str, int]) -> int:
    """The most bytes the canonical plaintext of a batch with these item counts may take."""
    total = BATCH_OVERHEAD_BYTES
    for kind, count in counts.items():
        if kind not in ITEM_BYTES or not 0 <= count <= MAX_BATCH_ITEMS:
            raise ProtocolError("too_large", "header.counts")
        total += count * ITEM_BYTES[kind]
    return min(total, MAX_BATCH_PLAINTEXT_BYTES)


def batch_json_bounds(counts: Mapping[str, int]) -> JsonBounds:
    items = sum(counts.values())
    return JsonBounds(
        max_bytes=batch_plaintext_cap(counts),
        max_values=_BASE_VALUES + items * VALUES_PER_ITEM,
        code="too_large",
    )


def check_json(data: bytes, bounds: JsonBounds) -> None:
    """Raises ``ProtocolError(bounds.code)`` when ``data`` is larger, deeper, holds a longer
    string or more values than ``bounds`` allow. Invalid JSON may pass: the reader refuses it.
    """
    if len(data) > bounds.max_bytes:
        raise ProtocolError(bounds.code, f"JSON over {bounds.max_bytes} bytes")
    # Every string of at most MAX_STRING_BYTES becomes "": a longer one leaves a quote behind
    # (its opening quote can never start a match, so the quotes after it pair up one off).
    skeleton = _STRING_UP_TO.sub(b'""', data)
    if b'"' in skeleton.replace(b'""', b""):
        raise ProtocolError(bounds.code, f"a JSON string over {MAX_STRING_BYTES} bytes")
    values = skeleton.count(b",") + skeleton.count(b"[") + skeleton.count(b"{") + 1
    if values > bounds.max_values:
        raise ProtocolError(bounds.code, f"JSON with over {bounds.max_values} values")
    depth = 0
    while b"[" in skeleton or b"{" in skeleton:
        depth += 1
        if depth > bounds.max_depth:
            raise ProtocolError(bounds.code, f"JSON nested over {bounds.max_depth} deep")
        reduced = _INNERMOST.sub(b"0", skeleton)
        if reduced == skeleton:  # unbalanced brackets: not JSON, the reader refuses it
            return
        skeleton = reduced
