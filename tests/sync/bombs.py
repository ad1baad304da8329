"""Hostile frames for the centre's bounds: correctly sealed and signed by a registered device,
whose plaintext inflates far past what their item counts allow, or holds JSON too deep or
strings too long. Compressed as a stream, so making a 512 MiB bomb costs the maker a few MiB.
Shared by the centre's tests, the protocol's decoder tests and ``bench.centre_bombs``.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Iterator

import zstandard
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.canonical import canonical_bytes
from sync.protocol.envelope import (
    _LENGTH,
    AEAD_NAME,
    KDF_NAME,
    MAGIC,
    SIGNATURE_DOMAIN,
    CentrePublicKey,
)
from sync.protocol.schema import SCHEMA_VERSION

BLOCK = 1 << 20


def zeros(size: int) -> Iterator[bytes]:
    """``size`` zero bytes, a MiB at a time."""
    left = size
    while left > 0:
        yield b"\0" * min(BLOCK, left)
        left -= BLOCK


def long_string(size: int) -> Iterator[bytes]:
    """A JSON object holding one string of about ``size`` bytes."""
    yield b'{"a":"'
    for block in zeros(size):
        yield block.replace(b"\0", b"x")
    yield b'"}'


def deep_json(depth: int) -> Iterator[bytes]:
    yield b"[" * depth
    yield b"]" * depth


def compress(chunks: Iterable[bytes], compression: str) -> tuple[bytes, int, str]:
    """The compressed bytes, the plaintext size and its SHA-256, without holding the plaintext."""
    digest = hashlib.sha256()
    size = 0
    parts: list[bytes] = []
    if compression == "zstd":
        zstd = zstandard.ZstdCompressor(level=3).compressobj()
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            parts.append(zstd.compress(chunk))
        parts.append(zstd.flush())
    else:
        gzip = zlib.compressobj(9, zlib.DEFLATED, 31)
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            parts.append(gzip.compress(chunk))
        parts.append(gzip.flush())
    return b"".join(parts), size, digest.hexdigest()


def bomb_frame(
    *,
    batch_id: str,
    device_id: str,
    point_code: str,
    centre_public_key: CentrePublicKey,
    device_key: Ed25519PrivateKey,
    plaintext: Iterable[bytes],
    compression: str = "zstd",
    claims: int = 1,
) -> bytes:
    """A frame whose header tells the truth about ``plaintext`` (its size and hash) and is
    signed by ``device_key``: everything checks out until the plaintext is weighed."""
    compressed, size, sha256 = compress(plaintext, compression)
    header = canonical_bytes(
        {
            "batch_id": batch_id,
            "device_id": device_id,
            "point_code": point_code,
            "created_at": "2026-11-20T12:00:00Z",
            "counts": {"claims": claims, "enrolments": 0, "shipments": 0, "audit": 0},
            "compression": compression,
            "kem": "X25519",
            "kdf": KDF_NAME,
            "aead": AEAD_NAME,
            "payload_sha256": sha256,
            "payload_size": size,
            "schema": SCHEMA_VERSION,
        }
    )
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
    ciphertext = suite.encrypt(compressed, centre_public_key, info=header)
    signature = device_key.sign(SIGNATURE_DOMAIN + header + ciphertext)
    return (
        b"".join(
            (MAGIC, _LENGTH.pack(len(header)), header, _LENGTH.pack(len(ciphertext)), ciphertext)
        )
        + signature
    )
