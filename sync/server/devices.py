"""Device identity at the centre: activation codes, registration, challenges, tokens, revocation.

Codes, nonces and tokens are stored as SHA-256 hashes only, so a copy of the database grants
nothing. Every "use once" is an ``UPDATE ... WHERE used_at IS NULL`` whose row count decides,
never a read followed by a write. This module owns those rules; it never logs (the HTTP layer
logs refusals) and never sees a payload.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine, select, update

from sync.protocol.auth import b64url, from_b64url, verify_token_request
from sync.protocol.errors import ProtocolError
from sync.server import store

# No 0/O, 1/I/L: a code is read aloud over the phone and typed by hand.
ACTIVATION_ALPHABET: Final = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ACTIVATION_LENGTH: Final = 12


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_activation_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def issue_activation_code(engine: Engine, point_code: str, lifetime: dt.timedelta) -> str:
    """A fresh one-time code for ``point_code`` (grouped by four); only its hash is kept."""
    raw = "".join(secrets.choice(ACTIVATION_ALPHABET) for _ in range(ACTIVATION_LENGTH))
    now = store.utc_now()
    with store.transaction(engine) as connection:
        connection.execute(
            store.activation_codes.insert().values(
                code_hash=_sha256(raw),
                point_code=point_code,
                issued_at=now,
                expires_at=now + lifetime,
            )
        )
    return "-".join(raw[i : i + 4] for i in range(0, ACTIVATION_LENGTH, 4))


@dataclass(frozen=True, slots=True)
class Registered:
    device_id: str
    point_code: str


def register_device(
    engine: Engine, point_code: str, activation_code: str, device_public_key: str
) -> Registered:
    """Spend ``activation_code`` and register the device's Ed25519 public key."""
    try:
        key_bytes = from_b64url(device_public_key)
        Ed25519PublicKey.from_public_bytes(key_bytes)
    except ValueError as error:
        raise ProtocolError("bad_request", "device_public_key is not an Ed25519 key") from error
    code_hash = _sha256(normalise_activation_code(activation_code))
    now = store.utc_now()
    device_id = str(uuid.uuid4())
    codes = store.activation_codes
    with store.transaction(engine) as connection:
        spent = connection.execute(
            update(codes)
            .where(
                codes.c.code_hash == code_hash,
                codes.c.point_code == point_code,
                codes.c.used_at.is_(None),
                codes.c.expires_at > now,
            )
            .values(used_at=now, device_id=device_id)
        )
        if spent.rowcount != 1:
            raise ProtocolError("bad_activation_code")
        connection.execute(
            store.devices.insert().values(
                device_id=device_id,
                point_code=point_code,
                public_key=key_bytes,
                registered_at=now,
            )
        )
    return Registered(device_id, point_code)


def _active_device(engine: Engine, device_id: str) -> tuple[bytes, str]:
    with store.transaction(engine) as connection:
        row = connection.execute(
            select(
                store.devices.c.public_key, store.devices.c.point_code, store.devices.c.revoked_at
            ).where(store.devices.c.device_id == device_id)
        ).first()
    if row is None:
        raise ProtocolError("unknown_device")
    if row.revoked_at is not None:
        raise ProtocolError("device_revoked")
    return bytes(row.public_key), row.point_code


def issue_challenge(
    engine: Engine, device_id: str, lifetime: dt.timedelta
) -> tuple[str, dt.datetime]:
    """A one-time nonce for ``device_id`` and when it expires (naive UTC)."""
    _active_device(engine, device_id)
    nonce = b64url(secrets.token_bytes(32))
    now = store.utc_now()
    with store.transaction(engine) as connection:
        connection.execute(
            store.auth_challenges.insert().values(
                nonce_hash=_sha256(nonce),
                device_id=device_id,
                issued_at=now,
                expires_at=now + lifetime,
            )
        )
    return nonce, now + lifetime


def issue_token(
    engine: Engine, device_id: str, nonce: str, signature: str, lifetime: dt.timedelta
) -> tuple[str, dt.datetime]:
    """A bearer token for a correctly signed, unused, unexpired challenge."""
    public_key, _point = _active_device(engine, device_id)
    challenges = store.auth_challenges
    now = store.utc_now()
    with store.transaction(engine) as connection:
        row = connection.execute(
            select(challenges.c.id, challenges.c.expires_at, challenges.c.used_at).where(
                challenges.c.nonce_hash == _sha256(nonce), challenges.c.device_id == device_id
            )
        ).first()
        if row is None or row.expires_at <= now:
            raise ProtocolError("bad_token", "challenge unknown or expired")
        # One try per nonce: spend it before checking the signature.
        spent = connection.execute(
            update(challenges)
            .where(challenges.c.id == row.id, challenges.c.used_at.is_(None))
            .values(used_at=now)
        )
        if spent.rowcount != 1:
            raise ProtocolError("replayed")
    key = Ed25519PublicKey.from_public_bytes(public_key)
    if not verify_token_request(key, device_id, nonce, signature):
        raise ProtocolError("bad_signature", "token request")
    token = b64url(secrets.token_bytes(32))
    with store.transaction(engine) as connection:
        connection.execute(
            store.tokens.insert().values(
                token_hash=_sha256(token),
                device_id=device_id,
                issued_at=now,
                expires_at=now + lifetime,
            )
        )
    return token, now + lifetime


@dataclass(frozen=True, slots=True)
class Bearer:
    device_id: str
    point_code: str


def authenticate(engine: Engine, token: str | None) -> Bearer:
    """The device a bearer token speaks for; refuses unknown, expired and revoked."""
    if not token:
        raise ProtocolError("bad_token")
    devices, tokens = store.devices, store.tokens
    with store.transaction(engine) as connection:
        row = connection.execute(
            select(
                tokens.c.expires_at, devices.c.device_id, devices.c.point_code, devices.c.revoked_at
            )
            .join(devices, devices.c.device_id == tokens.c.device_id)
            .where(tokens.c.token_hash == _sha256(token))
        ).first()
    if row is None:
        raise ProtocolError("bad_token")
    if row.revoked_at is not None:
        raise ProtocolError("device_revoked")
    if row.expires_at <= store.utc_now():
        raise ProtocolError("token_expired")
    return Bearer(row.device_id, row.point_code)


def revoke_device(engine: Engine, device_id: str) -> bool:
    """Revoke ``device_id`` and drop its tokens; False when no such device is registered."""
    now = store.utc_now()
    with store.transaction(engine) as connection:
        found = connection.execute(
            update(store.devices)
            .where(store.devices.c.device_id == device_id)
            .values(revoked_at=now)
        ).rowcount
        connection.execute(store.tokens.delete().where(store.tokens.c.device_id == device_id))
    return bool(found)
