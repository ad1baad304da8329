"""The centre's request bounds: content types, JSON bodies checked before they are parsed, and
how many sealed batches one process opens at once.

A JSON body (activation, challenge, token, attachment declaration, insured check) is a few
hundred bytes: it is scanned for depth, string length and value count before a reader builds
anything, and refused when it holds text that is not Unicode (a lone surrogate has no UTF-8
form, so no database could store it). Opening a batch (decrypt, decompress, parse, judge) is
bounded per batch by :mod:`sync.protocol.bounds`; :data:`INGEST_GATE` keeps the number of
batches being opened at once small, so the process stays within its memory budget whatever
many devices send together. This module owns those checks; it must never touch the database.
"""

from __future__ import annotations

import json
import threading
from typing import Any, Final

from sync.protocol.bounds import JsonBounds, check_json
from sync.protocol.canonical import CanonicalError, canonical_bytes, parse_canonical
from sync.protocol.errors import ProtocolError

JSON_MEDIA_TYPE: Final = "application/json"
BATCH_MEDIA_TYPE: Final = "application/vnd.gamo.batch"
CHUNK_MEDIA_TYPE: Final = "application/octet-stream"
JSON_BODY_BOUNDS: Final = JsonBounds(
    max_bytes=64 * 1024, max_values=256, max_depth=4, code="bad_request"
)
# Batches opened at once per process: each may hold its plaintext cap (24 MiB) and the
# objects parsed from it; two keep both cores busy and the process under 300 MB.
BATCHES_OPENED_AT_ONCE: Final = 2
INGEST_GATE: Final = threading.BoundedSemaphore(BATCHES_OPENED_AT_ONCE)


def require_content_type(header: str | None, expected: str) -> None:
    """Raises ``unsupported_media_type`` unless the Content-Type names ``expected``."""
    media_type = (header or "").partition(";")[0].strip().lower()
    if media_type != expected:
        raise ProtocolError("unsupported_media_type", f"expected {expected}")


def parse_json_object(raw: bytes) -> dict[str, Any]:
    """A bounded JSON object body (canonical JSON, or any strict JSON without floats)."""
    check_json(raw, JSON_BODY_BOUNDS)
    try:
        value = parse_canonical(raw)
    except CanonicalError:
        try:
            value = json.loads(raw, parse_float=_refuse_float, parse_constant=_refuse_float)
        except (ValueError, RecursionError) as error:
            raise ProtocolError("bad_request", "body is not JSON") from error
        try:
            canonical_bytes(value)  # a lone surrogate or an integer past 2**53 - 1
        except CanonicalError as error:
            raise ProtocolError("bad_request", str(error)) from error
    if not isinstance(value, dict):
        raise ProtocolError("bad_request", "body is not a JSON object")
    return value


def _refuse_float(_text: str) -> object:
    raise ValueError("floats are not allowed")
