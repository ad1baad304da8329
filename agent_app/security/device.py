"""The device's Ed25519 identity: made at ``init``, private half kept in the encrypted store.

It signs each receipt now (the QR code carries the signature CNSS can check against the
registered public key) and each batch later.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)


@dataclass(frozen=True, slots=True)
class DeviceKey:
    private: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> DeviceKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_private_b64(cls, text: str) -> DeviceKey:
        return cls(Ed25519PrivateKey.from_private_bytes(base64.b64decode(text)))

    def private_b64(self) -> str:
        raw = self.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return base64.b64encode(raw).decode()

    def public_b64(self) -> str:
        raw = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return base64.b64encode(raw).decode()

    def sign(self, payload: bytes) -> str:
        return base64.urlsafe_b64encode(self.private.sign(payload)).decode().rstrip("=")


def verify_signature(public_b64: str, payload: bytes, signature: str) -> bool:
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64))
    padded = signature + "=" * (-len(signature) % 4)
    try:
        key.verify(base64.urlsafe_b64decode(padded), payload)
    except (InvalidSignature, ValueError):
        return False
    return True
