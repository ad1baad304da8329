"""Clerk password hashing with scrypt (memory-hard), self-describing and salted."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# 32 MiB and ~70 ms here per check: cheap for one login, costly for a guessing attacker.
LOG2_N = 15
R = 8
P = 1
MIN_PASSWORD = 8


def hash_password(password: str, *, log2_n: int = LOG2_N) -> str:
    salt = os.urandom(16)
    digest = _scrypt(password, salt, log2_n, R, P)
    return "$".join(
        ["scrypt", str(log2_n), str(R), str(P), _b64(salt), _b64(digest)],
    )


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, log2_n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(log2_n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    n = 2**log2_n
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=32
    )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()
