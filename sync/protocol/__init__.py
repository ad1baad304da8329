"""Schemas, canonical encoding, the sealed batch envelope and the error-code catalogue.

This package owns the bytes that travel: what a batch payload holds, how it is encoded, how it
is compressed, sealed to the centre and signed by the device. It must never touch the network,
a database, Qt or ``agent_app``; both ends of the link use it and nothing else in common.
"""

from sync.protocol.canonical import CanonicalError, canonical_bytes, parse_canonical
from sync.protocol.envelope import BatchHeader, open_batch, peek_header, seal_batch
from sync.protocol.errors import ERROR_CODES, ProtocolError
from sync.protocol.schema import SCHEMA_VERSION, BatchPayload

__all__ = [
    "ERROR_CODES",
    "SCHEMA_VERSION",
    "BatchHeader",
    "BatchPayload",
    "CanonicalError",
    "ProtocolError",
    "canonical_bytes",
    "open_batch",
    "parse_canonical",
    "peek_header",
    "seal_batch",
]
