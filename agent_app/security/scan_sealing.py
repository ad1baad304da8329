"""The sealed bytes of a scan: readable by the centre, and by the counter that made them.

Frame (integers big-endian)::

    b"GAMOS1" | u32 header length | header
              | u32 length | centre wrap   HPKE single-shot enc || ct of the content key
              | u32 length | counter wrap  nonce(12) || AES-256-GCM of the content key
              | nonce(12) || AES-256-GCM of the scan under the content key

* ``header`` is canonical JSON with nothing personal: the subject's kind and uuid, the media
  type, the content size and the HPKE suite (the batches' suite: X25519 or the hybrid
  ML-KEM-768+X25519, HKDF-SHA256, AES-256-GCM).
* The content key is random per scan. The centre's wrap is HPKE to the centre's public key
  with ``info`` = ``b"GAMO-SCAN-1\\x00"`` + header, so a wrap cannot be moved to another
  subject's scan; the counter's wrap is under this store's scan key (kept in the encrypted
  settings) so the clerk can show the scan again; both use the header as associated data,
  and so does the content's AEAD: changing one header byte fails every tag.

The SHA-256 of the whole frame is the attachment's address. This module owns these bytes; it
must never do I/O, never keep a key beyond a call, and never put plaintext into the header.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import Final, Self

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sync.protocol.canonical import CanonicalError, canonical_bytes, parse_canonical
from sync.protocol.envelope import CentrePrivateKey, CentrePublicKey

MAGIC: Final = b"GAMOS1"
INFO_DOMAIN: Final = b"GAMO-SCAN-1\x00"
KEY_BYTES: Final = 32
NONCE_BYTES: Final = 12
MAX_HEADER_BYTES: Final = 1024
MAX_WRAP_BYTES: Final = 4096  # an ML-KEM-768 encapsulation is 1,088 bytes
KDF_NAME: Final = "HKDF_SHA256"
AEAD_NAME: Final = "AES_256_GCM"
MEDIA_TYPES: Final = ("image/jpeg", "image/png", "application/pdf")
_KEMS: Final = {"X25519": hpke.KEM.X25519, "MLKEM768_X25519": hpke.KEM.MLKEM768_X25519}
_LENGTH = struct.Struct(">I")


class ScanSealError(Exception):
    """The bytes are not a sealed scan this key can open (damaged, altered or not ours)."""


@dataclass(frozen=True, slots=True)
class ScanHeader:
    subject_kind: str
    subject_uuid: str
    media_type: str
    size: int  # bytes of the scan itself
    kem: str
    kdf: str = KDF_NAME
    aead: str = AEAD_NAME

    def to_wire(self) -> dict[str, object]:
        return {
            "subject_kind": self.subject_kind,
            "subject_uuid": self.subject_uuid,
            "media_type": self.media_type,
            "size": self.size,
            "kem": self.kem,
            "kdf": self.kdf,
            "aead": self.aead,
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        if not isinstance(data, dict):
            raise ScanSealError("header is not an object")
        try:
            header = cls(
                subject_kind=str(data["subject_kind"]),
                subject_uuid=str(data["subject_uuid"]),
                media_type=str(data["media_type"]),
                size=int(data["size"]),
                kem=str(data["kem"]),
                kdf=str(data["kdf"]),
                aead=str(data["aead"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ScanSealError("header fields") from error
        if (
            header.kem not in _KEMS
            or (header.kdf, header.aead) != (KDF_NAME, AEAD_NAME)
            or header.media_type not in MEDIA_TYPES
            or header.size < 0
        ):
            raise ScanSealError("unsupported header")
        return header


@dataclass(frozen=True, slots=True)
class OpenedScan:
    header: ScanHeader
    content: bytes


@dataclass(frozen=True, slots=True)
class _Parts:
    header_bytes: bytes
    centre_wrap: bytes
    counter_wrap: bytes
    body: bytes


def new_counter_key() -> bytes:
    return os.urandom(KEY_BYTES)


def seal_scan(
    content: bytes,
    *,
    media_type: str,
    subject_kind: str,
    subject_uuid: str,
    centre_public_key: CentrePublicKey,
    counter_key: bytes,
) -> bytes:
    """The sealed frame of ``content``; never the same twice (fresh content key and HPKE)."""
    if media_type not in MEDIA_TYPES:
        raise ValueError(f"unknown media type {media_type!r}")
    kem = "X25519" if isinstance(centre_public_key, X25519PublicKey) else "MLKEM768_X25519"
    header = ScanHeader(subject_kind, subject_uuid, media_type, len(content), kem)
    header_bytes = canonical_bytes(header.to_wire())
    content_key = AESGCM.generate_key(bit_length=256)
    centre_wrap = _suite(kem).encrypt(
        content_key, centre_public_key, info=INFO_DOMAIN + header_bytes
    )
    counter_wrap = _aead_seal(counter_key, content_key, header_bytes)
    body = _aead_seal(content_key, content, header_bytes)
    return b"".join(
        (
            MAGIC,
            _LENGTH.pack(len(header_bytes)),
            header_bytes,
            _LENGTH.pack(len(centre_wrap)),
            centre_wrap,
            _LENGTH.pack(len(counter_wrap)),
            counter_wrap,
            body,
        )
    )


def peek_scan_header(sealed: bytes) -> ScanHeader:
    """The clear header, unauthenticated until one of the ``open_`` functions succeeds."""
    return _header(_split(sealed).header_bytes)


def open_scan_at_centre(sealed: bytes, centre_private_key: CentrePrivateKey) -> OpenedScan:
    parts = _split(sealed)
    header = _header(parts.header_bytes)
    expected = X25519PrivateKey if header.kem == "X25519" else hpke.MLKEM768X25519PrivateKey
    if not isinstance(centre_private_key, expected):
        raise ScanSealError("the centre key does not match the header's KEM")
    try:
        content_key = _suite(header.kem).decrypt(
            parts.centre_wrap, centre_private_key, info=INFO_DOMAIN + parts.header_bytes
        )
    except (InvalidTag, ValueError) as error:
        raise ScanSealError("centre wrap") from error
    return _open_body(header, parts, content_key)


def open_scan_at_counter(sealed: bytes, counter_key: bytes) -> OpenedScan:
    parts = _split(sealed)
    header = _header(parts.header_bytes)
    content_key = _aead_open(counter_key, parts.counter_wrap, parts.header_bytes)
    return _open_body(header, parts, content_key)


def _open_body(header: ScanHeader, parts: _Parts, content_key: bytes) -> OpenedScan:
    content = _aead_open(content_key, parts.body, parts.header_bytes)
    if len(content) != header.size:
        raise ScanSealError("size")
    return OpenedScan(header, content)


def _suite(kem: str) -> hpke.Suite:
    return hpke.Suite(_KEMS[kem], hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


def _aead_seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _aead_open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    if len(key) != KEY_BYTES or len(sealed) < NONCE_BYTES + 16:
        raise ScanSealError("aead")
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
    except InvalidTag as error:
        raise ScanSealError("aead") from error


def _header(header_bytes: bytes) -> ScanHeader:
    try:
        return ScanHeader.from_wire(parse_canonical(header_bytes))
    except CanonicalError as error:
        raise ScanSealError("header is not canonical JSON") from error


def _split(sealed: bytes) -> _Parts:
    if not sealed.startswith(MAGIC):
        raise ScanSealError("not a sealed scan")
    offset = len(MAGIC)
    header_bytes, offset = _take(sealed, offset, MAX_HEADER_BYTES)
    centre_wrap, offset = _take(sealed, offset, MAX_WRAP_BYTES)
    counter_wrap, offset = _take(sealed, offset, MAX_WRAP_BYTES)
    return _Parts(header_bytes, centre_wrap, counter_wrap, sealed[offset:])


def _take(sealed: bytes, offset: int, limit: int) -> tuple[bytes, int]:
    if len(sealed) < offset + _LENGTH.size:
        raise ScanSealError("truncated")
    (length,) = _LENGTH.unpack_from(sealed, offset)
    offset += _LENGTH.size
    if length > limit or len(sealed) < offset + length:
        raise ScanSealError("truncated or oversized part")
    return sealed[offset : offset + length], offset + length
