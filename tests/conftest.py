"""Shared fixtures: a real in-memory keyring backend, real SQLCipher stores in tmp_path.

Under pytest-xdist (``make test`` runs one worker per core) each worker has its own temporary
directories, every server listens on a port of its own (port 0), and ``pytest_configure`` gives
each worker its own PostgreSQL database, since the centre's storage tests drop its tables.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

# Before anything can create a QApplication (pytest-qt does so lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("AGENT_APP_LANG", "fr")

import keyring
import keyring.backend
import pytest

from agent_app.domain.model import Role
from agent_app.services.context import OPERATOR, Actor
from agent_app.services.point import initialise
from agent_app.services.users import add_user, authenticate
from agent_app.store.engine import Store

CASABLANCA = dt.timezone(dt.timedelta(hours=1))
POSTGRES_VARIABLE = "GAMO_TEST_POSTGRES_URL"


def pytest_configure(config: pytest.Config) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get(POSTGRES_VARIABLE)
    if worker and url:
        os.environ[POSTGRES_VARIABLE] = _worker_database(url, worker)


def _worker_database(url: str, worker: str) -> str:
    """``…/gamo_test`` → ``…/gamo_test_gw0``, created on first use (the role may CREATEDB)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            known = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if not known:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend that keeps secrets in this process only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


class NoKeyring(keyring.backend.KeyringBackend):
    """What a headless box offers: a backend that keyring rates unusable."""

    priority = 0  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    yield
    keyring.set_keyring(previous)


class FixedClock:
    """A clock tests move by hand; aware, in Morocco's usual UTC+1."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 20, 10, 30, tzinfo=CASABLANCA))


@pytest.fixture
def store(tmp_path: Path, memory_keyring: MemoryKeyring, clock: FixedClock) -> Iterator[Store]:
    opened = initialise(tmp_path / "point", "CASA01", "Casa Anfa", lambda: None, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def supervisor(store: Store, clock: FixedClock) -> Actor:
    add_user(store, OPERATOR, "chef", "chef-password", Role.SUPERVISOR, clock=clock)
    return authenticate(store, "chef", "chef-password", clock=clock)


@pytest.fixture
def clerk(store: Store, clock: FixedClock) -> Actor:
    add_user(store, OPERATOR, "agent1", "agent-password", Role.CLERK, clock=clock)
    return authenticate(store, "agent1", "agent-password", clock=clock)
