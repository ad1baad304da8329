"""The protocol's error codes and the one exception that carries them.

The codes are stable wire vocabulary: the reference server puts them in its HTTP answers and the
client maps them to a message in the clerk's language, so a code is never renamed or reused.
This module owns only the catalogue; it must never hold user-facing wording or personal data
(``detail`` is for logs and names a field or a limit, never a value from the payload).
"""

from __future__ import annotations

from typing import Final

ERROR_CODES: Final[dict[str, str]] = {
    # The frame itself.
    "bad_magic": "the bytes do not start with the GAMOB1 magic: not a sealed batch",
    "truncated": "the frame ends before the lengths it declares",
    "bad_frame": "the frame has bytes after the signature or a length it cannot hold",
    "too_large": "the frame, header or declared plaintext exceeds the protocol's limits",
    "bad_header": "the header is not canonical JSON of the expected shape",
    # Who sent it.
    "unknown_device": "no registered public key for the header's device_id",
    "bad_signature": "the device's Ed25519 signature does not cover these header and bytes",
    # What is inside.
    "unsupported": "the header names a KEM or compression this end does not know",
    "decrypt_failed": (
        "HPKE open failed: wrong centre key, or header and ciphertext not sealed together"
    ),
    "bad_payload": "the plaintext does not decompress, hash, parse or match the header",
    "schema_mismatch": "the payload's schema version or field lists are not the ones expected",
    # The HTTP exchange (sync.server answers these; sync.client maps them to a message).
    "bad_request": "the request is not of the expected shape (JSON body, path, query)",
    "unsupported_media_type": "the request's Content-Type is not the one this endpoint reads",
    "bad_activation_code": "the activation code is unknown, used, expired or for another point",
    "bad_token": "no bearer token, or one the centre never issued",
    "token_expired": "the bearer token's lifetime is over: ask for a new one",
    "replayed": "this challenge or token request was already used once",
    "device_revoked": "the centre revoked this device: it may send nothing more",
    "forbidden": "the token's device is not the device the batch, query or upload belongs to",
    "batch_id_mismatch": "the path's batch id is not the header's",
    "conflict": "a batch with this id was already received with other bytes",
    "rate_limited": "too many requests: wait for Retry-After seconds",
    "bad_attachment": "the attachment's chunks do not add up to its SHA-256 or size",
    "not_found": "no such resource",
    "server_error": "the centre failed; nothing was committed for this request",
}


class ProtocolError(Exception):
    """A refusal with a stable ``code`` from :data:`ERROR_CODES`."""

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown protocol error code {code!r}")
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
