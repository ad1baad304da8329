"""The sealed batch envelope: compress, seal to the centre, sign by the device.

Frame (all integers big-endian)::

    b"GAMOB1" | u32 header length | header | u32 ciphertext length | ciphertext | signature(64)

* ``header`` is canonical JSON holding no personal data: batch id, device id, point code,
  creation time, item counts, compression, HPKE suite, schema version, and ``payload_sha256``,
  the SHA-256 of the canonical plaintext (the batch's manifest hash: it does not change with the
  compression, so both ends and the audit can name the batch's content by it).
* ``ciphertext`` is HPKE (RFC 9180) single-shot ``enc || ct`` of the compressed canonical payload,
  sealed to the centre's public key with ``info`` = the header bytes, so a header cannot be paired
  with another batch's ciphertext. The KEM is a header field: X25519 today, ML-KEM-768+X25519
  hybrid when the centre publishes such a key.
* ``signature`` is the device's Ed25519 signature of ``b"GAMO-BATCH-1\\x00" + header +
  ciphertext``; the domain prefix keeps it from ever being valid for a receipt or anything else
  the device signs.

``open_batch`` checks the signature before it decrypts anything, and bounds every length and
the decompressed size. This module owns the bytes of the frame; it must never do I/O, hold keys
beyond a call, or put a field of the payload into the header.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Self

import zstandard
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from sync.protocol import _wire as w
from sync.protocol.bounds import batch_json_bounds, batch_plaintext_cap, check_json
from sync.protocol.canonical import CanonicalError, canonical_bytes, parse_canonical
from sync.protocol.errors import ProtocolError
from sync.protocol.schema import SCHEMA_VERSION, BatchPayload

MAGIC: Final = b"GAMOB1"
SIGNATURE_DOMAIN: Final = b"GAMO-BATCH-1\x00"
SIGNATURE_LENGTH: Final = 64
MAX_HEADER_BYTES: Final = 4096
MAX_CIPHERTEXT_BYTES: Final = 64 * 1024 * 1024
MAX_PLAINTEXT_BYTES: Final = 256 * 1024 * 1024  # bounds decompression: no zip bombs
ZSTD_LEVEL: Final = 19
COMPRESSIONS: Final = ("zstd", "gzip")
KDF_NAME: Final = "HKDF_SHA256"
AEAD_NAME: Final = "AES_256_GCM"
_KEMS: Final = {"X25519": hpke.KEM.X25519, "MLKEM768_X25519": hpke.KEM.MLKEM768_X25519}
_LENGTH = struct.Struct(">I")

CentrePublicKey = X25519PublicKey | hpke.MLKEM768X25519PublicKey
CentrePrivateKey = X25519PrivateKey | hpke.MLKEM768X25519PrivateKey
DeviceKeyLookup = Callable[[str], Ed25519PublicKey | None]


@dataclass(frozen=True, slots=True)
class BatchHeader:
    """The frame's clear header: routing and idempotency facts, nothing personal."""

    batch_id: str
    device_id: str
    point_code: str
    created_at: str  # UTC ISO with Z, as in the payload
    counts: dict[str, int]
    compression: str
    kem: str
    payload_sha256: str
    payload_size: int  # bytes of canonical plaintext: bounds decompression before it starts
    schema: int = SCHEMA_VERSION
    kdf: str = KDF_NAME
    aead: str = AEAD_NAME

    def to_wire(self) -> dict[str, object]:
        return {
            "batch_id": self.batch_id,
            "device_id": self.device_id,
            "point_code": self.point_code,
            "created_at": self.created_at,
            "counts": dict(self.counts),
            "compression": self.compression,
            "kem": self.kem,
            "kdf": self.kdf,
            "aead": self.aead,
            "payload_sha256": self.payload_sha256,
            "payload_size": self.payload_size,
            "schema": self.schema,
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "header")
        counts = r.raw("counts")
        if not isinstance(counts, dict) or not all(
            isinstance(value, int) and not isinstance(value, bool) for value in counts.values()
        ):
            raise w.bad("header.counts")
        return cls(
            batch_id=r.text("batch_id"),
            device_id=r.text("device_id"),
            point_code=r.text("point_code"),
            created_at=r.text("created_at"),
            counts=counts,
            compression=r.text("compression"),
            kem=r.text("kem"),
            kdf=r.text("kdf"),
            aead=r.text("aead"),
            payload_sha256=r.text("payload_sha256"),
            payload_size=r.integer("payload_size"),
            schema=r.integer("schema"),
        )


@dataclass(frozen=True, slots=True)
class _Frame:
    header_bytes: bytes
    ciphertext: bytes
    signature: bytes


def seal_batch(
    payload: BatchPayload,
    centre_public_key: CentrePublicKey,
    device_private_key: Ed25519PrivateKey,
    compression: str = "zstd",
) -> bytes:
    """The sealed, signed frame of ``payload``; deterministic up to HPKE's fresh key."""
    if compression not in COMPRESSIONS:
        raise ValueError(f"unknown compression {compression!r}")
    plaintext = canonical_bytes(payload.to_wire())
    if len(plaintext) > min(MAX_PLAINTEXT_BYTES, batch_plaintext_cap(payload.counts())):
        raise ProtocolError("too_large", "payload")
    kem = "X25519" if isinstance(centre_public_key, X25519PublicKey) else "MLKEM768_X25519"
    header = BatchHeader(
        batch_id=payload.batch_id,
        device_id=payload.device_id,
        point_code=payload.point_code,
        created_at=w.iso_utc(payload.created_at),
        counts=payload.counts(),
        compression=compression,
        kem=kem,
        payload_sha256=hashlib.sha256(plaintext).hexdigest(),
        payload_size=len(plaintext),
    )
    header_bytes = canonical_bytes(header.to_wire())
    if len(header_bytes) > MAX_HEADER_BYTES:
        raise ProtocolError("too_large", "header")
    ciphertext = _suite(kem).encrypt(
        _compress(plaintext, compression), centre_public_key, info=header_bytes
    )
    if len(ciphertext) > MAX_CIPHERTEXT_BYTES:
        raise ProtocolError("too_large", "ciphertext")
    signature = device_private_key.sign(SIGNATURE_DOMAIN + header_bytes + ciphertext)
    return b"".join(
        (
            MAGIC,
            _LENGTH.pack(len(header_bytes)),
            header_bytes,
            _LENGTH.pack(len(ciphertext)),
            ciphertext,
            signature,
        )
    )


def peek_header(frame: bytes) -> BatchHeader:
    """The header of ``frame`` for routing and idempotency, WITHOUT any check of who sent it:
    trust nothing in it until :func:`open_batch` has verified the signature."""
    return _parse_header(_split(frame).header_bytes)


def open_batch(
    frame: bytes,
    centre_private_key: CentrePrivateKey,
    device_public_key_lookup: DeviceKeyLookup,
) -> tuple[BatchHeader, BatchPayload]:
    """Verify, decrypt, decompress and parse ``frame``; raises :class:`ProtocolError`.

    The device signature is checked before any decryption or decompression, so a stranger's
    bytes cost the centre one signature check and nothing more.
    """
    parts = _split(frame)
    header = _parse_header(parts.header_bytes)
    device_key = device_public_key_lookup(header.device_id)
    if device_key is None:
        raise ProtocolError("unknown_device")
    try:
        device_key.verify(parts.signature, SIGNATURE_DOMAIN + parts.header_bytes + parts.ciphertext)
    except InvalidSignature as error:
        raise ProtocolError("bad_signature") from error

    if header.schema != SCHEMA_VERSION:
        raise ProtocolError("schema_mismatch", "header.schema")
    if (
        header.kem not in _KEMS
        or header.compression not in COMPRESSIONS
        or (header.kdf, header.aead) != (KDF_NAME, AEAD_NAME)
    ):
        raise ProtocolError("unsupported", "header suite or compression")
    # The cap follows the signed item counts: a few KiB of zstd never buys hundreds of MiB.
    if not 0 <= header.payload_size <= min(MAX_PLAINTEXT_BYTES, batch_plaintext_cap(header.counts)):
        raise ProtocolError("too_large", "header.payload_size over the cap for its item counts")
    expected_key = X25519PrivateKey if header.kem == "X25519" else hpke.MLKEM768X25519PrivateKey
    if not isinstance(centre_private_key, expected_key):
        raise ProtocolError("decrypt_failed", "the centre key does not match the header's KEM")
    try:
        compressed = _suite(header.kem).decrypt(
            parts.ciphertext, centre_private_key, info=parts.header_bytes
        )
    except (InvalidTag, ValueError) as error:
        raise ProtocolError("decrypt_failed") from error

    plaintext = _decompress(compressed, header.compression, header.payload_size)
    del compressed
    if hashlib.sha256(plaintext).hexdigest() != header.payload_sha256:
        raise ProtocolError("bad_payload", "payload_sha256")
    check_json(plaintext, batch_json_bounds(header.counts))
    try:
        wire = parse_canonical(plaintext)
    except CanonicalError as error:
        raise ProtocolError("bad_payload", "not canonical JSON") from error
    del plaintext
    payload = BatchPayload.from_wire(wire)
    if (
        payload.batch_id != header.batch_id
        or payload.device_id != header.device_id
        or payload.point_code != header.point_code
        or w.iso_utc(payload.created_at) != header.created_at
        or payload.counts() != header.counts
    ):
        raise ProtocolError("bad_payload", "header and payload disagree")
    return header, payload


def _suite(kem: str) -> hpke.Suite:
    return hpke.Suite(_KEMS[kem], hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


def _split(frame: bytes) -> _Frame:
    if len(frame) < len(MAGIC):
        raise ProtocolError("truncated" if MAGIC.startswith(frame) else "bad_magic")
    if not frame.startswith(MAGIC):
        raise ProtocolError("bad_magic")
    offset = len(MAGIC)
    header_bytes, offset = _take(frame, offset, MAX_HEADER_BYTES, "header")
    ciphertext, offset = _take(frame, offset, MAX_CIPHERTEXT_BYTES, "ciphertext")
    rest = len(frame) - offset
    if rest < SIGNATURE_LENGTH:
        raise ProtocolError("truncated", "signature")
    if rest > SIGNATURE_LENGTH:
        raise ProtocolError("bad_frame", "bytes after the signature")
    return _Frame(header_bytes, ciphertext, frame[offset:])


def _take(frame: bytes, offset: int, limit: int, what: str) -> tuple[bytes, int]:
    if len(frame) < offset + _LENGTH.size:
        raise ProtocolError("truncated", f"{what} length")
    (length,) = _LENGTH.unpack_from(frame, offset)
    if length > limit:
        raise ProtocolError("too_large", what)
    start = offset + _LENGTH.size
    if len(frame) < start + length:
        raise ProtocolError("truncated", what)
    return frame[start : start + length], start + length


def _parse_header(header_bytes: bytes) -> BatchHeader:
    try:
        return BatchHeader.from_wire(parse_canonical(header_bytes))
    except (CanonicalError, ProtocolError) as error:
        raise ProtocolError("bad_header") from error


def _compress(plaintext: bytes, compression: str) -> bytes:
    if compression == "zstd":
        return zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(plaintext)
    return gzip.compress(plaintext, compresslevel=9, mtime=0)


def _decompress(compressed: bytes, compression: str, size: int) -> bytes:
    """At most ``size`` bytes of plaintext; more, or broken data, is a bad payload."""
    try:
        if compression == "zstd":
            with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(compressed)) as reader:
                chunks: list[bytes] = []
                total = 0
                while chunk := reader.read(min(1 << 20, size + 1 - total) or 1):
                    chunks.append(chunk)
                    total += len(chunk)
                    if total > size:
                        break
            plaintext = b"".join(chunks)
        else:
            inflater = zlib.decompressobj(wbits=31)  # gzip container
            plaintext = inflater.decompress(compressed, size + 1)
            if not inflater.eof or inflater.unused_data:
                raise ProtocolError("bad_payload", "gzip stream")
    except zstandard.ZstdError as error:
        raise ProtocolError("bad_payload", "zstd stream") from error
    except zlib.error as error:
        raise ProtocolError("bad_payload", "gzip stream") from error
    if len(plaintext) != size:
        raise ProtocolError("bad_payload", "payload_size")
    return plaintext
