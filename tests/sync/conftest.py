"""The real reference centre for sync tests: ``python -m sync.server serve`` as a subprocess on
127.0.0.1, a free port, its own data directory; CLI commands run as subprocesses too.

``central`` (per test, SQLite) is what most tests want; ``central_module`` shares one server
across a module when startup cost matters; ``central_any_db`` runs a test on SQLite and, when
``GAMO_TEST_POSTGRES_URL`` is set, on PostgreSQL too (its tables are dropped first). A server
that logged a traceback fails the test that used it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pytest
import requests
from sqlalchemy import create_engine, make_url

from sync.server import store

REPO = Path(__file__).resolve().parents[2]
POSTGRES_VARIABLE = "GAMO_TEST_POSTGRES_URL"
TEST_PASSPHRASE = "centre-test-passphrase"
STARTUP_SECONDS = 60


class Central:
    """A running reference centre and its command line."""

    def __init__(
        self,
        data_dir: Path,
        db_url: str | None,
        extra_args: Sequence[str],
        ca_file: Path | None = None,
        run_dir: Path | None = None,
    ) -> None:
        # ca_file: the server runs with TLS (its --tls-cert/--tls-key in extra_args), signed by
        # this CA; the URL is then https and the health check verifies the certificate.
        # run_dir: where this process's log and port file go (default: data_dir), so that
        # several processes can share one data directory, as a centre's processes do.
        self.ca_file = ca_file
        self.data_dir = data_dir
        self.db_url = db_url or f"sqlite:///{(data_dir / 'centre.sqlite3').resolve()}"
        self.env = {**os.environ, "GAMO_CENTRE_PASSPHRASE": TEST_PASSPHRASE}
        self.env.pop("PYTHONWARNINGS", None)
        run_dir = run_dir or data_dir
        self.log_path = run_dir / "server.log"
        port_file = run_dir / "port"
        data_dir.mkdir(parents=True, exist_ok=True)
        run_dir.mkdir(parents=True, exist_ok=True)
        self._log: IO[bytes] = self.log_path.open("wb")
        self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.server",
                "serve",
                *self._data_args(),
                "--port",
                "0",
                "--port-file",
                str(port_file),
                *extra_args,
            ],
            cwd=REPO,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        try:
            scheme = "https" if ca_file is not None else "http"
            self.url = f"{scheme}://127.0.0.1:{self._wait_for_port(port_file)}"
            self._wait_for_health()
        except BaseException:
            self.stop()
            raise

    def _data_args(self) -> list[str]:
        return ["--data-dir", str(self.data_dir), "--db", self.db_url]

    def _wait_for_port(self, port_file: Path) -> int:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"the centre exited at startup:\n{self.log()}")
            if port_file.exists():
                return int(port_file.read_text(encoding="ascii"))
            time.sleep(0.05)
        raise RuntimeError(f"the centre did not start:\n{self.log()}")

    def _wait_for_health(self) -> None:
        with requests.Session() as session:
            verify: str | bool = str(self.ca_file) if self.ca_file is not None else True
            answer = session.get(f"{self.url}/v1/health", timeout=30, verify=verify)
            answer.raise_for_status()

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "sync.server", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"{args[0]} failed ({done.returncode}): {done.stderr}")
        return done

    def issue_activation(self, point_code: str) -> str:
        done = self.cli("issue-activation", *self._data_args(), "--point-code", point_code)
        return done.stdout.split()[-1]

    def stats(self) -> dict[str, Any]:
        stats: dict[str, Any] = json.loads(self.cli("stats", *self._data_args(), "--json").stdout)
        return stats

    def simulate_processing(self, seed: int, steps: int = 1) -> str:
        return self.cli(
            "simulate-processing", *self._data_args(), "--seed", str(seed), "--steps", str(steps)
        ).stdout

    def import_batches(
        self, paths: Sequence[Path], check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        return self.cli(
            "import-batches", *self._data_args(), *(str(path) for path in paths), check=check
        )

    def revoke_device(self, device_id: str) -> None:
        self.cli("revoke-device", *self._data_args(), "--device-id", device_id)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        if not self._log.closed:
            self._log.close()


def _start(
    data_dir: Path,
    db_url: str | None = None,
    extra_args: Sequence[str] = (),
    ca_file: Path | None = None,
) -> Iterator[Central]:
    central = Central(data_dir, db_url, extra_args, ca_file)
    try:
        yield central
    finally:
        central.stop()
    log = central.log_path.read_text(encoding="utf-8", errors="replace")
    if "Traceback" in log:
        pytest.fail(f"the centre logged a traceback:\n{log}")


def _fresh_postgres(url: str) -> str:
    engine = create_engine(url)
    try:
        store.metadata.drop_all(engine)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from _start(tmp_path / "centre")


@pytest.fixture(scope="module")
def central_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    yield from _start(tmp_path_factory.mktemp("centre"))


@pytest.fixture
def start_central(tmp_path: Path) -> Iterator[Any]:
    """A factory: ``start_central("--device-burst", "2")`` starts a centre with options
    (``ca_file=`` for one serving TLS with a certificate that CA signed)."""
    running: list[Iterator[Central]] = []

    def start(*extra_args: str, ca_file: Path | None = None) -> Central:
        generator = _start(tmp_path / f"centre-{len(running)}", None, extra_args, ca_file)
        running.append(generator)
        return next(generator)

    yield start
    for generator in running:
        next(generator, None)


@pytest.fixture(params=["sqlite", "postgresql"])
def central_any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Central]:
    db_url = None
    if request.param == "postgresql":
        url = os.environ.get(POSTGRES_VARIABLE)
        if not url:
            pytest.skip(f"{POSTGRES_VARIABLE} is not set: no PostgreSQL to test against")
        db_url = _fresh_postgres(url)
    yield from _start(tmp_path / "centre", db_url)


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as opened:
        yield opened


def _database_url(base: str, name: str) -> str:
    return make_url(base).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def empty_postgres_database() -> Iterator[str]:
    """The URL of a PostgreSQL database made empty for this test alone, dropped after it
    (next to ``GAMO_TEST_POSTGRES_URL``'s, whose role may create databases)."""
    url = os.environ.get(POSTGRES_VARIABLE)
    if not url:
        pytest.skip(f"{POSTGRES_VARIABLE} is not set: no PostgreSQL to test against")
    name = f"gamo_scale_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield _database_url(url, name)
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty centre database several processes may share: a SQLite file, or (when
    ``GAMO_TEST_POSTGRES_URL`` is set) a PostgreSQL database of this test's own."""
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'shared.sqlite3').resolve()}"
    url: str = request.getfixturevalue("empty_postgres_database")
    return url
