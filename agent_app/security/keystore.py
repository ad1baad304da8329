"""Where the store's 256-bit database key lives, and how it is fetched.

Two ways, chosen at ``init`` and recorded (without the secret) in ``keyinfo.json`` beside
the database:

* ``keyring``: the random key is kept in the OS keyring (Windows Credential Manager, macOS
  Keychain, Secret Service). Only backends that keyring itself rates as suitable (priority
  >= 1) are trusted; the plaintext and "fail" backends rate below that and are refused.
* ``passphrase``: where no trusted keyring exists, the random key is wrapped with AES-256-GCM
  under a key derived by scrypt from an operator passphrase (``AGENT_APP_PASSPHRASE`` for
  scripts). A wrong passphrase fails the GCM tag check before the database is touched.

Neither available means a clear error, never a plaintext key file.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import keyring
import keyring.backend
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from agent_app.errors import AppError
from agent_app.fsutil import write_atomically

KEY_FILE = "keyinfo.json"
KEYRING_SERVICE = "guichet-amo"
KEY_BYTES = 32
MIN_PASSPHRASE = 12
# scrypt cost for the passphrase wrapping: 128 MiB and ~0.4 s here, paid once per start.
SCRYPT_LOG2_N = 17
SCRYPT_R = 8
SCRYPT_P = 1

Method = Literal["keyring", "passphrase"]
PassphraseSource = Callable[[], str | None]


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """The non-secret description of how this store's key is held."""

    store_id: str
    method: Method
    salt: bytes = b""
    log2_n: int = SCRYPT_LOG2_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    wrapped_key: bytes = b""  # nonce (12 bytes) + AES-GCM ciphertext and tag

    def to_json(self) -> bytes:
        doc: dict[str, object] = {"format": 1, "store_id": self.store_id, "method": self.method}
        if self.method == "passphrase":
            doc["scrypt"] = {
                "salt": base64.b64encode(self.salt).decode(),
                "log2_n": self.log2_n,
                "r": self.r,
                "p": self.p,
            }
            doc["wrapped_key"] = base64.b64encode(self.wrapped_key).decode()
        else:
            doc["keyring_service"] = KEYRING_SERVICE
        return json.dumps(doc, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> KeyInfo:
        doc = json.loads(raw)
        method = doc["method"]
        if method == "keyring":
            return cls(store_id=str(doc["store_id"]), method="keyring")
        if method != "passphrase":
            raise ValueError(method)
        params = doc["scrypt"]
        return cls(
            store_id=str(doc["store_id"]),
            method="passphrase",
            salt=base64.b64decode(params["salt"]),
            log2_n=int(params["log2_n"]),
            r=int(params["r"]),
            p=int(params["p"]),
            wrapped_key=base64.b64decode(doc["wrapped_key"]),
        )

    @property
    def keyring_username(self) -> str:
        return f"store-{self.store_id}"

    def aad(self) -> bytes:
        return f"guichet-amo store key v1|{self.store_id}".encode()


def trusted_keyring() -> keyring.backend.KeyringBackend | None:
    """The OS keyring if keyring rates it suitable for secrets, else ``None``."""
    backend = keyring.get_keyring()
    try:
        priority = float(backend.priority)
    except Exception:  # a backend that cannot even rate itself is not one we trust
        return None
    return backend if priority >= 1 else None


def backend_name(backend: keyring.backend.KeyringBackend | None) -> str:
    return "none" if backend is None else f"{type(backend).__module__}.{type(backend).__name__}"


def key_info_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILE


def read_key_info(data_dir: Path) -> KeyInfo:
    path = key_info_path(data_dir)
    try:
        return KeyInfo.from_json(path.read_bytes())
    except FileNotFoundError:
        raise AppError("store.not_initialised", path=data_dir) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise AppError("key.info_unreadable", path=path) from exc


def _kek(passphrase: str, info: KeyInfo) -> bytes:
    kdf = Scrypt(salt=info.salt, length=KEY_BYTES, n=2**info.log2_n, r=info.r, p=info.p)
    return kdf.derive(passphrase.encode("utf-8"))


def create_store_key(
    data_dir: Path,
    method: Literal["auto", "keyring", "passphrase"],
    passphrase_source: PassphraseSource,
    *,
    log2_n: int = SCRYPT_LOG2_N,
) -> tuple[bytes, KeyInfo]:
    """Make a fresh random database key, put it in its keeper, write ``keyinfo.json``."""
    store_id = str(uuid.uuid4())
    key = os.urandom(KEY_BYTES)
    backend = trusted_keyring() if method in ("auto", "keyring") else None
    if method == "keyring" and backend is None:
        raise AppError("key.keyring_unavailable")
    if backend is not None:
        info = KeyInfo(store_id=store_id, method="keyring")
        backend.set_password(KEYRING_SERVICE, info.keyring_username, key.hex())
    else:
        passphrase = passphrase_source()
        if not passphrase:
            raise AppError("key.no_backend_no_passphrase")
        if len(passphrase) < MIN_PASSPHRASE:
            raise AppError("key.passphrase_too_short", min=MIN_PASSPHRASE)
        salt = os.urandom(16)
        info = KeyInfo(store_id=store_id, method="passphrase", salt=salt, log2_n=log2_n)
        nonce = os.urandom(12)
        wrapped = nonce + AESGCM(_kek(passphrase, info)).encrypt(nonce, key, info.aad())
        info = KeyInfo(
            store_id=store_id, method="passphrase", salt=salt, log2_n=log2_n, wrapped_key=wrapped
        )
    write_atomically(key_info_path(data_dir), info.to_json(), mode=0o600)
    return key, info


def load_store_key(data_dir: Path, passphrase_source: PassphraseSource) -> bytes:
    """Fetch this store's database key from its keeper, or raise a clear :class:`AppError`."""
    info = read_key_info(data_dir)
    if info.method == "keyring":
        backend = trusted_keyring()
        if backend is None:
            raise AppError("key.keyring_unavailable")
        try:
            stored = backend.get_password(KEYRING_SERVICE, info.keyring_username)
        except keyring.errors.KeyringError:
            stored = None
        if not stored:
            raise AppError("key.missing_in_keyring", backend=backend_name(backend))
        return bytes.fromhex(stored)
    passphrase = passphrase_source()
    if not passphrase:
        raise AppError("key.no_backend_no_passphrase")
    nonce, sealed = info.wrapped_key[:12], info.wrapped_key[12:]
    try:
        return AESGCM(_kek(passphrase, info)).decrypt(nonce, sealed, info.aad())
    except InvalidTag:
        raise AppError("key.wrong_passphrase") from None


def forget_store_key(info: KeyInfo) -> None:
    """Remove a keyring-held key (used when an ``init`` fails half-way)."""
    if info.method != "keyring":
        return
    backend = trusted_keyring()
    if backend is not None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            backend.delete_password(KEYRING_SERVICE, info.keyring_username)
