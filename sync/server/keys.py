"""The centre's two private keys: the HPKE key batches are sealed to, and the answer key.

On first start both are generated in the data directory as PKCS#8 PEM files readable by the
owner only (0600). With ``GAMO_CENTRE_PASSPHRASE`` set they are encrypted with it (and must be
read with it); without it they are plain PEM, which is acceptable for this reference server
only: a real centre keeps both keys in an HSM and never on a file system. This module never
logs or returns key bytes other than the public halves.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from sync.protocol.auth import b64url

PASSPHRASE_VARIABLE: Final = "GAMO_CENTRE_PASSPHRASE"  # noqa: S105 (a variable name)
KEM_KEY_FILE: Final = "centre-kem-x25519.pem"
ANSWER_KEY_FILE: Final = "centre-answer-ed25519.pem"
CENTRE_KEM: Final = "X25519"


class CentreKeyError(Exception):
    """The key files cannot be read: wrong passphrase, damaged file, wrong key type."""


@dataclass(frozen=True, slots=True)
class CentreKeys:
    kem_private: X25519PrivateKey
    answer_private: Ed25519PrivateKey

    @property
    def kem_public(self) -> X25519PublicKey:
        return self.kem_private.public_key()

    @property
    def answer_public(self) -> Ed25519PublicKey:
        return self.answer_private.public_key()

    def kem_public_b64(self) -> str:
        return b64url(self.kem_public.public_bytes_raw())

    def answer_public_b64(self) -> str:
        return b64url(self.answer_public.public_bytes_raw())


def _passphrase() -> bytes | None:
    value = os.environ.get(PASSPHRASE_VARIABLE)
    return value.encode("utf-8") if value else None


def _write_new(path: Path, key: X25519PrivateKey | Ed25519PrivateKey) -> None:
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


def load_or_create_keys(data_dir: Path) -> CentreKeys:
    """The centre's keys in ``data_dir``, made there on first use."""
    data_dir.mkdir(parents=True, exist_ok=True)
    kem_path, answer_path = data_dir / KEM_KEY_FILE, data_dir / ANSWER_KEY_FILE
    for path, make in (
        (kem_path, X25519PrivateKey.generate),
        (answer_path, Ed25519PrivateKey.generate),
    ):
        if not path.exists():
            # FileExistsError: another process made it first, read theirs.
            with contextlib.suppress(FileExistsError):
                _write_new(path, make())
    kem, answer = _read(kem_path), _read(answer_path)
    if not isinstance(kem, X25519PrivateKey) or not isinstance(answer, Ed25519PrivateKey):
        raise CentreKeyError("the centre's key files hold keys of the wrong type")
    return CentreKeys(kem, answer)


def centre_public_keys(data_dir: Path) -> tuple[X25519PublicKey, Ed25519PublicKey]:
    """The two public keys a device learns at activation: for tests and benchmarks."""
    keys = load_or_create_keys(data_dir)
    return keys.kem_public, keys.answer_public
