"""The centre's token buckets, counted in its database: on SQLite and, when
GAMO_TEST_POSTGRES_URL is set, on a PostgreSQL database of each test's own."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, func, select

from sync.server import store
from sync.server.config import RateLimit
from sync.server.ratelimit import TokenBuckets


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def engine(empty_database: str) -> Iterator[Engine]:
    opened = store.open_engine(empty_database)
    try:
        yield opened
    finally:
        opened.dispose()


def _rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(store.rate_buckets)).scalar_one()
        )


def test_a_bucket_lets_its_burst_through_then_refills_at_its_rate(engine: Engine) -> None:
    clock = Clock()
    buckets = TokenBuckets(engine, "device", RateLimit(per_second=0.5, burst=3), clock)
    assert [buckets.take("device-1") for _ in range(4)] == [0, 0, 0, 2]
    assert buckets.take("device-2") == 0  # each key its own bucket
    clock.now += 2.0  # one token back
    assert [buckets.take("device-1"), buckets.take("device-1")] == [0, 2]
    clock.now -= 60.0  # a clock stepped back gives nothing back
    assert buckets.take("device-1") == 2


def test_two_centre_processes_draw_from_the_same_bucket(empty_database: str) -> None:
    """Two engines on one database, as two processes of the centre hold."""
    clock = Clock()
    limit = RateLimit(per_second=0.01, burst=4)
    first, second = store.open_engine(empty_database), store.open_engine(empty_database)
    try:
        one = TokenBuckets(first, "check", limit, clock)
        other = TokenBuckets(second, "check", limit, clock)
        waits = [(one if n % 2 else other).take("device-1") for n in range(8)]
    finally:
        first.dispose()
        second.dispose()
    assert waits[:4] == [0, 0, 0, 0]
    assert all(wait > 0 for wait in waits[4:])


def test_takes_at_the_same_moment_never_let_more_than_the_burst_through(engine: Engine) -> None:
    buckets = TokenBuckets(engine, "device", RateLimit(per_second=0.0, burst=25))
    with ThreadPoolExecutor(max_workers=8) as pool:
        waits = list(pool.map(lambda _: buckets.take("device-1"), range(80)))
    assert waits.count(0) == 25
    assert set(waits) - {0} == {3600}  # a bucket that never refills: come back in an hour


def test_buckets_full_again_are_deleted_as_if_never_used(engine: Engine) -> None:
    clock = Clock()
    buckets = TokenBuckets(engine, "address", RateLimit(per_second=1.0, burst=10), clock)
    for address in ("192.0.2.1", "192.0.2.2"):
        buckets.take(address)
    assert _rows(engine) == 2
    clock.now += 11.0  # both full again; pruning runs at most once a minute
    buckets.take("192.0.2.3")
    assert _rows(engine) == 3
    clock.now += 60.0
    assert buckets.take("192.0.2.4") == 0
    assert _rows(engine) == 1  # only the one just taken from
