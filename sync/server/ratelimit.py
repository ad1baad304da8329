"""Token buckets per device, per client address and per device's insured checks, kept in the
centre's database so that every process of the centre draws from the same bucket.

One request is one statement: ``INSERT … ON CONFLICT (bucket, key) DO UPDATE … RETURNING``
refills the row for the time gone by, takes a token if there is one and says whether it did.
PostgreSQL and SQLite both run it atomically against the row (concurrent requests for one key
queue on its row lock), so there is no read-then-write window in which two processes both
see the last token. Behind N processes a device gets as many requests through as behind one.

The buckets are not worth an fsync: on PostgreSQL their transactions commit with
``synchronous_commit = off`` (a crash may forget the last few milliseconds of counting,
which only ever gives tokens back). Rows idle long enough to be full again are deleted now
and then, so scanning addresses cannot grow the table without end.

Owns only counting; it never blocks and never sleeps: a caller past its bucket is told how
many seconds to wait and answers 429 with that ``Retry-After``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any, Final

from sqlalchemy import Connection, Double, Engine, case, literal, text
from sqlalchemy.dialects import postgresql, sqlite

from sync.server import store
from sync.server.config import RateLimit

PRUNE_EVERY_SECONDS: Final = 60.0
NO_REFILL_WAIT_SECONDS: Final = 3600  # a bucket that never refills: come back in an hour


class TokenBuckets:
    """The buckets named ``name`` (``device``, ``address``, ``check``) in ``engine``."""

    def __init__(
        self,
        engine: Engine,
        name: str,
        limit: RateLimit,
        clock: Callable[[], float] = time.time,
    ) -> None:
        # Wall-clock seconds, not a monotonic clock: the processes sharing a bucket each have
        # their own monotonic origin. A clock stepped back refills nothing (see _take).
        self._engine = engine
        self._name = name
        self._limit = limit
        self._clock = clock
        self._next_prune = 0.0

    def take(self, key: str) -> int:
        """0 when ``key`` may go ahead now, else the whole seconds to wait."""
        now = self._clock()
        with self._engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SET LOCAL synchronous_commit = off"))
            tokens, granted = self._take(connection, key[:64], now)
            if now >= self._next_prune:
                self._next_prune = now + PRUNE_EVERY_SECONDS
                self._prune(connection, now)
        if granted:
            return 0
        if self._limit.per_second <= 0:
            return NO_REFILL_WAIT_SECONDS
        return max(1, math.ceil((1.0 - tokens) / self._limit.per_second))

    def _take(self, connection: Connection, key: str, now: float) -> tuple[float, bool]:
        table = store.rate_buckets
        burst = float(self._limit.burst)
        at_now = literal(now, Double)
        elapsed = case((at_now > table.c.at, at_now - table.c.at), else_=0.0)
        refilled = table.c.tokens + elapsed * literal(self._limit.per_second, Double)
        available = case((refilled > burst, literal(burst, Double)), else_=refilled)
        first_granted = burst >= 1.0
        statement: Any = _upsert(connection).values(
            bucket=self._name,
            key=key,
            tokens=burst - 1.0 if first_granted else burst,
            at=now,
            granted=first_granted,
        )
        statement = statement.on_conflict_do_update(
            index_elements=["bucket", "key"],
            set_={
                "tokens": case((available >= 1.0, available - 1.0), else_=available),
                "at": case((at_now > table.c.at, at_now), else_=table.c.at),
                "granted": available >= 1.0,
            },
        ).returning(table.c.tokens, table.c.granted)
        row = connection.execute(statement).one()
        return float(row.tokens), bool(row.granted)

    def _prune(self, connection: Connection, now: float) -> None:
        """Delete the rows that have refilled to full: the same as no row at all."""
        if self._limit.per_second <= 0:
            return
        table = store.rate_buckets
        full_after = self._limit.burst / self._limit.per_second
        connection.execute(
            table.delete().where(table.c.bucket == self._name, table.c.at < now - full_after)
        )


def _upsert(connection: Connection) -> Any:
    if connection.dialect.name == "postgresql":
        return postgresql.insert(store.rate_buckets)
    if connection.dialect.name == "sqlite":
        return sqlite.insert(store.rate_buckets)
    raise RuntimeError(f"no ON CONFLICT upsert for {connection.dialect.name}")
