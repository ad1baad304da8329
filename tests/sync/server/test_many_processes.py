"""Several centre processes on one database, as the centre runs at scale: real
``python -m sync.server serve`` processes on 127.0.0.1 sharing a SQLite file or (when
GAMO_TEST_POSTGRES_URL is set) a PostgreSQL database made for the test and dropped after it.
They share one data directory (the keys) and nothing in memory."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.sync.builders import POINT, Device, activate, bearer, get_token
from tests.sync.conftest import Central
from tests.sync.server.helpers import error_code
from tests.sync.server.test_insured_check import APPLICANT, _post, _query

STRICT_DEVICE_LIMIT = ("--device-burst", "6", "--device-rate", "0.001")
STRICT_CHECK_LIMIT = ("--check-burst", "4", "--check-per-minute", "0.06")


@contextmanager
def processes(
    tmp_path: Path, db_url: str, count: int, extra_args: Sequence[str] = ()
) -> Iterator[list[Central]]:
    """``count`` centre processes started at the same moment on one database and one data
    directory; each answered ``/v1/health`` before this yields. A traceback in any log fails."""
    data_dir = tmp_path / "centre"

    def start(n: int) -> Central:
        return Central(data_dir, db_url, extra_args, run_dir=tmp_path / f"process-{n}")

    started: list[Central] = []
    failures: list[BaseException] = []
    with ThreadPoolExecutor(max_workers=count) as pool:
        for future in [pool.submit(start, n) for n in range(count)]:
            try:
                started.append(future.result())
            except Exception as error:  # every process is waited for, then the failures told
                failures.append(error)
    try:
        if failures:
            pytest.fail(f"{len(failures)} of {count} processes did not start:\n{failures[0]}")
        yield started
    finally:
        for central in started:
            central.stop()
    for central in started:
        log = central.log_path.read_text(encoding="utf-8", errors="replace")
        if "Traceback" in log:
            pytest.fail(f"a centre process logged a traceback:\n{log}")


def _device(central: Central, session: requests.Session) -> tuple[Device, str]:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    return device, get_token(session, central.url, device)


def _statuses(answers: Sequence[requests.Response]) -> list[int]:
    return [answer.status_code for answer in answers]


@pytest.mark.parametrize("count", [1, 3])
def test_a_device_gets_as_many_requests_through_three_processes_as_through_one(
    tmp_path: Path, empty_database: str, session: requests.Session, count: int
) -> None:
    with processes(tmp_path, empty_database, count, STRICT_DEVICE_LIMIT) as centrals:
        _, token = _device(centrals[0], session)
        # Round robin, as a load balancer in front of the processes would spread them.
        answers = [
            session.get(f"{centrals[n % count].url}/v1/updates", headers=bearer(token))
            for n in range(12)
        ]
    assert _statuses(answers) == [200] * 6 + [429] * 6
    assert {error_code(answer) for answer in answers[6:]} == {"rate_limited"}
    assert all(int(answer.headers["Retry-After"]) >= 1 for answer in answers[6:])


def test_insured_checks_are_limited_across_processes_as_in_one(
    tmp_path: Path, empty_database: str, session: requests.Session
) -> None:
    """The check limit is the guard against a roster being enumerated by CIN: three processes
    must not make it three times larger."""
    with processes(tmp_path, empty_database, 3, STRICT_CHECK_LIMIT) as centrals:
        device, token = _device(centrals[0], session)
        answers = [
            _post(session, centrals[n % 3].url, token, _query(device, APPLICANT)) for n in range(9)
        ]
    assert _statuses(answers) == [200] * 4 + [429] * 5
    assert {error_code(answer) for answer in answers[4:]} == {"rate_limited"}


def test_serve_with_three_workers_shares_the_device_limit_on_one_port(
    tmp_path: Path, empty_database: str
) -> None:
    with processes(tmp_path, empty_database, 1, (*STRICT_DEVICE_LIMIT, "--workers", "3")) as (
        central,
    ):
        with requests.Session() as session:
            _, token = _device(central, session)
        # A new connection each time: the kernel hands each to whichever worker accepts it.
        answers = [
            requests.get(f"{central.url}/v1/updates", headers=bearer(token), timeout=30)
            for _ in range(12)
        ]
    assert _statuses(answers) == [200] * 6 + [429] * 6


def test_nine_processes_started_at_once_on_an_empty_database_all_serve(
    tmp_path: Path, empty_database: str, session: requests.Session
) -> None:
    with processes(tmp_path, empty_database, 9) as centrals:
        answers = [session.get(f"{central.url}/v1/health") for central in centrals]
        _, token = _device(centrals[-1], session)
        reference = session.get(f"{centrals[0].url}/v1/reference", headers=bearer(token))
    assert _statuses(answers) == [200] * 9
    assert reference.json()["version"] == "1"  # seeded once, not nine times
