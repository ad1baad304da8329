"""The centre's private keys: the HPKE key batches are sealed to, and the answer key.

On first start both are generated in the data directory as PKCS#8 PEM files readable by the
owner only (0600). The HPKE key is X25519; a centre started with ``--centre-kem
MLKEM768_X25519`` also makes a hybrid ML-KEM-768+X25519 key (two files, its two halves: an
X25519 half of its own, never the plain X25519 key reused) and publishes that one at
activation. Both stay readable, so devices activated before the switch keep sealing to the
X25519 key and their batches still open. With ``GAMO_CENTRE_PASSPHRASE`` set they are
encrypted with it (and must be read with it); without it they are plain PEM, which is
acceptable for this reference server only: a real centre keeps its keys in an HSM and never
on a file system. This module never logs or returns key bytes other than the public halves.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cryptography.hazmat.primitives import hashes, hpke, serialization
from cryptography.hazmat.primitives.asymmetric import mlkem
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.protocol.auth import b64url
from sync.protocol.envelope import CentrePrivateKey

PASSPHRASE_VARIABLE: Final = "GAMO_CENTRE_PASSPHRASE"  # noqa: S105 (a variable name)
KEM_KEY_FILE: Final = "centre-kem-x25519.pem"
ANSWER_KEY_FILE: Final = "centre-answer-ed25519.pem"
HYBRID_MLKEM_KEY_FILE: Final = "centre-kem-hybrid-mlkem768.pem"
HYBRID_X25519_KEY_FILE: Final = "centre-kem-hybrid-x25519.pem"
CENTRE_KEM: Final = "X25519"
HYBRID_KEM: Final = "MLKEM768_X25519"
CENTRE_KEMS: Final = (CENTRE_KEM, HYBRID_KEM)
CIN_AUDIT_KEY_INFO: Final = b"GAMO-CIN-AUDIT-1"


class CentreKeyError(Exception):
    """The key files cannot be read: wrong passphrase, damaged file, wrong key type."""


@dataclass(frozen=True, slots=True)
class CentreKeys:
    kem_private: X25519PrivateKey
    answer_private: Ed25519PrivateKey
    hybrid_private: hpke.MLKEM768X25519PrivateKey | None = None
    # The hybrid key's public halves, raw: the combined key object does not give them back.
    hybrid_public_raw: bytes | None = None
    published_kem: str = CENTRE_KEM  # the KEM whose public key activation hands out

    def private_for(self, kem: str) -> CentrePrivateKey:
        """The private key that opens a batch sealed with ``kem`` (the X25519 one when the
        centre holds no hybrid key: opening then fails as ``decrypt_failed``)."""
        if kem == HYBRID_KEM and self.hybrid_private is not None:
            return self.hybrid_private
        return self.kem_private

    def published_public_b64(self) -> str:
        """The public key activation hands out, in its wire form: raw X25519, or for the
        hybrid the raw ML-KEM-768 key followed by the raw X25519 key."""
        if self.published_kem == HYBRID_KEM and self.hybrid_public_raw is not None:
            return b64url(self.hybrid_public_raw)
        return self.kem_public_b64()

    @property
    def kem_public(self) -> X25519PublicKey:
        return self.kem_private.public_key()

    @property
    def answer_public(self) -> Ed25519PublicKey:
        return self.answer_private.public_key()

    def cin_audit_key(self) -> bytes:
        """The key the audit of insured checks hashes CINs with (HMAC-SHA256): derived from
        the X25519 private key (HKDF-SHA256, its own ``info``), so it is as protected as that
        key and needs no file of its own; never sent, never logged."""
        return HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=CIN_AUDIT_KEY_INFO
        ).derive(
            self.kem_private.private_bytes(
                serialization.Encoding.Raw,
                serialization.PrivateFormat.Raw,
                serialization.NoEncryption(),
            )
        )

    def kem_public_b64(self) -> str:
        return b64url(self.kem_public.public_bytes_raw())

    def answer_public_b64(self) -> str:
        return b64url(self.answer_public.public_bytes_raw())


def _passphrase() -> bytes | None:
    value = os.environ.get(PASSPHRASE_VARIABLE)
    return value.encode("utf-8") if value else None


def hybrid_public_bytes(pq: mlkem.MLKEM768PrivateKey, classic: X25519PrivateKey) -> bytes:
    """Raw ML-KEM-768 public key (1,184 bytes) then raw X25519 public key (32 bytes)."""
    return pq.public_key().public_bytes_raw() + classic.public_key().public_bytes_raw()


_PrivateKey = X25519PrivateKey | Ed25519PrivateKey | mlkem.MLKEM768PrivateKey


def _write_new(path: Path, key: _PrivateKey) -> None:
    passphrase = _passphrase()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    # O_EXCL: two servers starting together never overwrite each other's fresh key.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
        file.flush()
        os.fsync(file.fileno())


def _read(path: Path) -> object:
    try:
        return serialization.load_pem_private_key(path.read_bytes(), password=_passphrase())
    except (ValueError, TypeError) as error:
        raise CentreKeyError(
            f"cannot read {path.name}: wrong or missing {PASSPHRASE_VARIABLE}, or damaged"
        ) from error


def _make_if_missing(path: Path, make: Callable[[], _PrivateKey]) -> None:
    if not path.exists():
        # FileExistsError: another process made it first, read theirs.
        with contextlib.suppress(FileExistsError):
            _write_new(path, make())


def load_or_create_keys(data_dir: Path, publish_kem: str = CENTRE_KEM) -> CentreKeys:
    """The centre's keys in ``data_dir``, made there on first use.

    ``publish_kem`` is the KEM activation hands out: ``MLKEM768_X25519`` makes the hybrid key
    if there is none yet. A hybrid key made earlier is loaded whatever is published, so the
    batches sealed to it still open.
    """
    if publish_kem not in CENTRE_KEMS:
        raise CentreKeyError(f"unknown centre KEM {publish_kem!r}: one of {', '.join(CENTRE_KEMS)}")
    data_dir.mkdir(parents=True, exist_ok=True)
    kem_path, answer_path = data_dir / KEM_KEY_FILE, data_dir / ANSWER_KEY_FILE
    mlkem_path = data_dir / HYBRID_MLKEM_KEY_FILE
    hybrid_x25519_path = data_dir / HYBRID_X25519_KEY_FILE
    _make_if_missing(kem_path, X25519PrivateKey.generate)
    _make_if_missing(answer_path, Ed25519PrivateKey.generate)
    if publish_kem == HYBRID_KEM:
        _make_if_missing(mlkem_path, mlkem.MLKEM768PrivateKey.generate)
        _make_if_missing(hybrid_x25519_path, X25519PrivateKey.generate)
    kem, answer = _read(kem_path), _read(answer_path)
    if not isinstance(kem, X25519PrivateKey) or not isinstance(answer, Ed25519PrivateKey):
        raise CentreKeyError("the centre's key files hold keys of the wrong type")
    hybrid: hpke.MLKEM768X25519PrivateKey | None = None
    hybrid_raw: bytes | None = None
    if mlkem_path.exists() or hybrid_x25519_path.exists():
        pq, classic = _read(mlkem_path), _read(hybrid_x25519_path)
        if not isinstance(pq, mlkem.MLKEM768PrivateKey) or not isinstance(
            classic, X25519PrivateKey
        ):
            raise CentreKeyError("the centre's hybrid key files hold keys of the wrong type")
        hybrid = hpke.MLKEM768X25519PrivateKey(pq, classic)
        hybrid_raw = hybrid_public_bytes(pq, classic)
    return CentreKeys(kem, answer, hybrid, hybrid_raw, publish_kem)


def centre_public_keys(data_dir: Path) -> tuple[X25519PublicKey, Ed25519PublicKey]:
    """The two public keys a device learns at activation: for tests and benchmarks."""
    keys = load_or_create_keys(data_dir)
    return keys.kem_public, keys.answer_public


def centre_hybrid_public_key(data_dir: Path) -> hpke.MLKEM768X25519PublicKey:
    """The hybrid public key (made if missing): for tests and benchmarks."""
    keys = load_or_create_keys(data_dir, HYBRID_KEM)
    if keys.hybrid_private is None:
        raise CentreKeyError("no hybrid key was made")
    return keys.hybrid_private.public_key()
