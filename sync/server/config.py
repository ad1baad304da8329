"""The reference server's settings: where it keeps its data and the limits it enforces.

This module owns only values; it must never open a file, a socket or a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

MAX_BODY_BYTES: Final = 16 * 1024 * 1024
DATABASE_FILE: Final = "centre.sqlite3"


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A token bucket: ``burst`` requests at once, refilled at ``per_second``."""

    per_second: float
    burst: int


@dataclass(frozen=True, slots=True)
class ServerConfig:
    data_dir: Path
    db_url: str | None = None  # None: a SQLite file in data_dir
    max_body_bytes: int = MAX_BODY_BYTES
    # Generous by default: 200 points syncing at once through one address are not throttled.
    device_limit: RateLimit = field(default_factory=lambda: RateLimit(50.0, 300))
    address_limit: RateLimit = field(default_factory=lambda: RateLimit(500.0, 5000))
    # Insured checks, per device, on top of the device's limit: a counter asks a few times an
    # hour; 30 a minute is far above that and far below a roster being enumerated.
    check_limit: RateLimit = field(default_factory=lambda: RateLimit(0.5, 30))
    activation_lifetime: dt.timedelta = dt.timedelta(hours=72)
    challenge_lifetime: dt.timedelta = dt.timedelta(minutes=2)
    token_lifetime: dt.timedelta = dt.timedelta(minutes=15)
    updates_page_max: int = 1000
    # The HPKE KEM activation hands out: "X25519", or "MLKEM768_X25519" (the hybrid).
    centre_kem: str = "X25519"

    @property
    def database_url(self) -> str:
        return self.db_url or default_database_url(self.data_dir)


def default_database_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / DATABASE_FILE).resolve()}"
