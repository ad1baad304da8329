"""The bytes a device signs to get a token, and the bytes the centre signs in its answers.

Each signature has its own domain prefix, so a signature made for one purpose (a batch, a
receipt, a token request, an answer) is never valid for another. This module owns only those
byte strings and the base64url helpers; it never holds a key beyond a call.
"""

from __future__ import annotations

import base64
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.protocol.canonical import canonical_bytes

TOKEN_DOMAIN: Final = b"GAMO-TOKEN-1\x00"
ANSWER_DOMAIN: Final = b"GAMO-ANSWER-1\x00"
ANSWER_SIGNATURE_HEADER: Final = "X-Gamo-Signature"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def from_b64url(text: str) -> bytes:
    """Decodes base64url with or without padding; raises ``ValueError`` on anything else."""
    if not isinstance(text, str) or len(text) > 8192:
        raise ValueError("not base64url text")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as error:
        raise ValueError("not base64url") from error


def token_request_bytes(device_id: str, nonce: str) -> bytes:
    """What the device signs to turn the centre's one-time ``nonce`` into a bearer token."""
    return TOKEN_DOMAIN + canonical_bytes({"device_id": device_id, "nonce": nonce})


def sign_token_request(key: Ed25519PrivateKey, device_id: str, nonce: str) -> str:
    return b64url(key.sign(token_request_bytes(device_id, nonce)))


def verify_token_request(key: Ed25519PublicKey, device_id: str, nonce: str, signature: str) -> bool:
    try:
        key.verify(from_b64url(signature), token_request_bytes(device_id, nonce))
    except (InvalidSignature, ValueError):
        return False
    return True


def sign_answer(key: Ed25519PrivateKey, body: bytes) -> str:
    """The centre's signature of an answer body (the ``X-Gamo-Signature`` header)."""
    return b64url(key.sign(ANSWER_DOMAIN + body))


def verify_answer(key: Ed25519PublicKey, body: bytes, signature: str | None) -> bool:
    if not signature:
        return False
    try:
        key.verify(from_b64url(signature), ANSWER_DOMAIN + body)
    except (InvalidSignature, ValueError):
        return False
    return True
