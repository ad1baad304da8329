"""The online check "is this CIN already insured?": the sealed, signed query and its answer.

A counter asks the centre, while it enrols an applicant, whether a CIN is already insured. The
CIN is personal data, so it never travels in the clear, not even inside TLS (proxies and
TLS-terminating middleboxes see what TLS carries):

* ``query`` (the clear part) is canonical JSON holding nothing personal: the asking device's
  id, a fresh random ``nonce`` (32 bytes, base64url), the HPKE suite and the version;
* ``sealed`` is HPKE (RFC 9180) base mode, single shot, ``enc || ct``, sealed to the centre's
  public key (the batches' suite: X25519 or the ML-KEM-768+X25519 hybrid, HKDF-SHA256,
  AES-256-GCM) with ``info`` = ``b"GAMO-CHECK-1\\x00"`` + the query bytes, so the ciphertext
  opens only together with that device id and that nonce. The plaintext is canonical
  ``{"cin", "pad"}``, padded so every query has the same length whatever the CIN's;
* ``signature`` is the device's Ed25519 signature of ``b"GAMO-CHECK-1\\x00"`` + query bytes +
  sealed bytes: the centre checks it against the key registered at activation before it
  decrypts anything.

The centre refuses a nonce it has seen before (``replayed``), so a captured query is answered
once, to the device that made it; its answer (signed like every 2xx answer) repeats the
nonce, so the device knows the answer is for its own question. The answer holds no CIN and
never a whole immatriculation: ``state``, ``regime``, ``immatriculation_masked`` and
``checked_at``.

This module owns those bytes only: it never does I/O and never holds a key beyond a call.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Final, Self

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from sync.protocol import _wire as w
from sync.protocol.auth import b64url, from_b64url
from sync.protocol.canonical import CanonicalError, canonical_bytes, parse_canonical
from sync.protocol.envelope import AEAD_NAME, KDF_NAME, CentrePrivateKey, CentrePublicKey
from sync.protocol.errors import ProtocolError

CHECK_DOMAIN: Final = b"GAMO-CHECK-1\x00"
QUERY_VERSION: Final = 1
NONCE_BYTES: Final = 32
CIN_MAX_LENGTH: Final = 10  # the wire's CIN pattern: [A-Z0-9]{1,10}
STATES: Final = ("insured", "enrolment_in_progress", "not_found")
REGIMES: Final = ("tns", "salarie", "amo_tadamon", "amo_achamil")
MASKED_IMMATRICULATION_RE: Final = re.compile(r"[0-9]{2}\*{5}[0-9]{2}", re.ASCII)
NONCE_RE: Final = re.compile(r"[A-Za-z0-9_-]{43}", re.ASCII)  # 32 bytes, base64url
ANSWER_KEYS: Final = (
    "state",
    "regime",
    "immatriculation_masked",
    "checked_at",
    "nonce",
    "server_time",
)
_KEMS: Final = {"X25519": hpke.KEM.X25519, "MLKEM768_X25519": hpke.KEM.MLKEM768_X25519}
_MAX_SEALED_BYTES: Final = 4096  # a hybrid enc is 1,120 bytes; the plaintext a few dozen


@dataclass(frozen=True, slots=True)
class QueryHeader:
    """The query's clear part: who asks, a fresh nonce, the suite. Nothing personal."""

    device_id: str
    nonce: str
    kem: str
    kdf: str = KDF_NAME
    aead: str = AEAD_NAME
    version: int = QUERY_VERSION

    def to_wire(self) -> dict[str, object]:
        return {
            "device_id": self.device_id,
            "nonce": self.nonce,
            "kem": self.kem,
            "kdf": self.kdf,
            "aead": self.aead,
            "version": self.version,
        }

    def to_bytes(self) -> bytes:
        return canonical_bytes(self.to_wire())

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "query")
        return cls(
            device_id=r.text("device_id"),
            nonce=r.text("nonce"),
            kem=r.text("kem"),
            kdf=r.text("kdf"),
            aead=r.text("aead"),
            version=r.integer("version"),
        )


@dataclass(frozen=True, slots=True)
class SealedQuery:
    """The request body of ``POST /v1/insured/check``."""

    header: QueryHeader
    sealed: bytes
    signature: bytes

    def to_wire(self) -> dict[str, object]:
        return {
            "query": self.header.to_wire(),
            "sealed": b64url(self.sealed),
            "signature": b64url(self.signature),
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "body")
        try:
            sealed = from_b64url(r.text("sealed"))
            signature = from_b64url(r.text("signature"))
        except ValueError as error:
            raise w.bad("body.sealed or body.signature") from error
        return cls(QueryHeader.from_wire(r.raw("query")), sealed, signature)


def _suite(kem: str) -> hpke.Suite:
    return hpke.Suite(_KEMS[kem], hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


def _plaintext(cin: str) -> bytes:
    if w.CIN_RE.fullmatch(cin) is None:
        raise ValueError("not a normalised CIN (upper-case letters and digits, 10 at most)")
    return canonical_bytes({"cin": cin, "pad": "=" * (CIN_MAX_LENGTH - len(cin))})


def _signed_bytes(header_bytes: bytes, sealed: bytes) -> bytes:
    return CHECK_DOMAIN + header_bytes + sealed


def seal_query(
    cin: str,
    device_id: str,
    centre_public_key: CentrePublicKey,
    device_private_key: Ed25519PrivateKey,
    nonce: str | None = None,
) -> SealedQuery:
    """The sealed, signed query for a normalised ``cin`` (a fresh nonce unless one is given)."""
    kem = "X25519" if isinstance(centre_public_key, X25519PublicKey) else "MLKEM768_X25519"
    header = QueryHeader(device_id, nonce or b64url(secrets.token_bytes(NONCE_BYTES)), kem)
    header_bytes = header.to_bytes()
    sealed = _suite(kem).encrypt(
        _plaintext(cin), centre_public_key, info=CHECK_DOMAIN + header_bytes
    )
    signature = device_private_key.sign(_signed_bytes(header_bytes, sealed))
    return SealedQuery(header, sealed, signature)


def verify_query(query: SealedQuery, device_public_key: Ed25519PublicKey) -> None:
    """Raises ``bad_signature`` unless the device signed this query and these sealed bytes."""
    try:
        device_public_key.verify(
            query.signature, _signed_bytes(query.header.to_bytes(), query.sealed)
        )
    except InvalidSignature as error:
        raise ProtocolError("bad_signature", "insured check query") from error


def open_query(
    query: SealedQuery, centre_private_key: CentrePrivateKey, device_public_key: Ed25519PublicKey
) -> str:
    """The CIN of a query, after its signature (first), its suite and its seal are checked."""
    verify_query(query, device_public_key)
    header = query.header
    if header.version != QUERY_VERSION:
        raise ProtocolError("schema_mismatch", "query.version")
    if header.kem not in _KEMS or (header.kdf, header.aead) != (KDF_NAME, AEAD_NAME):
        raise ProtocolError("unsupported", "query suite")
    if NONCE_RE.fullmatch(header.nonce) is None:
        raise ProtocolError("bad_request", "query.nonce")
    if len(query.sealed) > _MAX_SEALED_BYTES:
        raise ProtocolError("too_large", "sealed query")
    expected = X25519PrivateKey if header.kem == "X25519" else hpke.MLKEM768X25519PrivateKey
    if not isinstance(centre_private_key, expected):
        raise ProtocolError("decrypt_failed", "the centre key does not match the query's KEM")
    try:
        plaintext = _suite(header.kem).decrypt(
            query.sealed, centre_private_key, info=CHECK_DOMAIN + header.to_bytes()
        )
    except (InvalidTag, ValueError) as error:
        raise ProtocolError("decrypt_failed", "insured check query") from error
    try:
        r = w.Reader(parse_canonical(plaintext), "sealed query")
        cin = r.text("cin")
        padding = r.text("pad")
    except CanonicalError as error:
        raise ProtocolError("bad_payload", "sealed query is not canonical JSON") from error
    if w.CIN_RE.fullmatch(cin) is None or len(cin) + len(padding) != CIN_MAX_LENGTH:
        raise ProtocolError("bad_payload", "sealed query.cin")
    return cin


def mask_immatriculation(number: str) -> str:
    """``"123456789"`` → ``"12*****89"``: the first two and last two digits, never more."""
    if w.IMMATRICULATION_RE.fullmatch(number) is None:
        raise ValueError("not a 9-digit immatriculation")
    return f"{number[:2]}*****{number[-2:]}"


@dataclass(frozen=True, slots=True)
class InsuredAnswer:
    """The centre's answer: what it knows of the CIN, and the nonce of the query it answers."""

    state: str
    regime: str | None
    immatriculation_masked: str | None
    checked_at: dt.datetime  # aware UTC, the centre's time
    nonce: str

    def to_wire(self) -> dict[str, object]:
        return {
            "state": self.state,
            "regime": self.regime,
            "immatriculation_masked": self.immatriculation_masked,
            "checked_at": w.iso_utc(self.checked_at),
            "nonce": self.nonce,
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "answer")
        return cls(
            state=r.text("state"),
            regime=r.opt_text("regime"),
            immatriculation_masked=r.opt_text("immatriculation_masked"),
            checked_at=r.moment("checked_at"),
            nonce=r.text("nonce"),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        w.check_choice(p, "state", self.state, frozenset(STATES))
        w.check_choice(p, "regime", self.regime, frozenset(REGIMES))
        w.check_pattern(
            p, "immatriculation_masked", self.immatriculation_masked, MASKED_IMMATRICULATION_RE
        )
        w.check_pattern(p, "nonce", self.nonce, NONCE_RE)
        if self.state == "not_found":
            w.check(p, "regime", self.regime is None, "inconsistent")
            w.check(
                p, "immatriculation_masked", self.immatriculation_masked is None, "inconsistent"
            )
        else:
            w.check(p, "regime", self.regime is not None, "required")
        return p
