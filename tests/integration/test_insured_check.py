"""The online insured check at the counter, against the real reference centre.

The centre is ``python -m sync.server serve`` on 127.0.0.1 (``tests/sync/conftest.py``); the
point is a real SQLCipher store, used in-process through the service and as an operator runs
it through ``agent-app registrations check-cin`` in a subprocess.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sqlalchemy as sa

from agent_app.errors import AppError
from agent_app.i18n import LANGS
from agent_app.services.insured_check import check_insured_online, describe_check
from agent_app.services.integrity import verify
from agent_app.services.sync import activate
from agent_app.store.models import AuditEntry
from tests.integration.test_cli import run_cli
from tests.sync.conftest import Central
from tests.sync.conftest import central as central  # the real centre, as a fixture here
from tests.sync.conftest import start_central as start_central

POINT = "MKN02"
ELSEWHERE = "ZT552211"
ELSEWHERE_NUMBER = "700800900"
T = TypeVar("T")


def _add_insured(centre: Central, cin: str, regime: str, number: str | None = None) -> None:
    extra = ("--immatriculation", number) if number else ()
    centre.cli(
        "add-insured",
        "--data-dir",
        str(centre.data_dir),
        "--db",
        centre.db_url,
        "--cin",
        cin,
        "--regime",
        regime,
        *extra,
    )


def _init(tmp_path: Path) -> Path:
    data = tmp_path / "cli-point"  # the ``store`` fixture's point is tmp_path / "point"
    done = run_cli(
        data, "init", "--point-code", POINT, "--point-name", "Meknès", "--key-store", "passphrase"
    )
    assert done.returncode == 0, done.stderr
    return data


def _json(data: Path, *args: str) -> Any:
    done = run_cli(data, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _activate_cli(data: Path, centre: Central) -> None:
    done = run_cli(
        data, "activate", "--server", centre.url, "--code", centre.issue_activation(POINT)
    )
    assert done.returncode == 0, done.stderr


def test_an_enrolment_is_in_progress_then_insured_with_its_number_masked(
    tmp_path: Path, central: Central
) -> None:
    data = _init(tmp_path)
    demo = run_cli(data, "demo-data", "--claims", "3", "--registrations", "2", "--seed", "4")
    assert demo.returncode == 0, demo.stderr
    _activate_cli(data, central)
    assert _json(data, "sync")["ok"] is True
    cin = _json(data, "registrations", "list")[0]["cin"]

    waiting = _json(data, "registrations", "check-cin", cin.lower())

    assert waiting["cin"] == cin  # normalised at the counter before it is sealed
    assert (waiting["state"], waiting["regime"], waiting["immatriculation_masked"]) == (
        "enrolment_in_progress",
        "tns",
        None,
    )
    central.simulate_processing(seed=8, steps=2)
    assert _json(data, "sync")["ok"] is True
    (row,) = [r for r in _json(data, "registrations", "list") if r["cin"] == cin]
    number = row["assigned_immatriculation"]
    assert row["status"] == "registered" and len(number) == 9

    insured = _json(data, "registrations", "check-cin", cin)
    said = run_cli(data, "registrations", "check-cin", cin)

    assert (insured["state"], insured["regime"]) == ("insured", "tns")
    assert insured["immatriculation_masked"] == f"{number[:2]}*****{number[-2:]}"
    assert said.returncode == 0, said.stderr
    assert "déjà assuré" in said.stdout and insured["immatriculation_masked"] in said.stdout
    assert cin not in said.stdout and number not in said.stdout  # the clerk's line is masked
    assert central.stats()["insured_checks_by_state"] == {
        "enrolment_in_progress": 1,
        "insured": 2,
    }


class Worker:
    """One database thread, like the GUI's: every store call of the service must come here."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self.calls = 0
        self.thread: int | None = None

    def __call__(self, work: Callable[[], T], /) -> T:
        self.calls += 1

        def run() -> T:
            self.thread = threading.get_ident()
            return work()

        return self._pool.submit(run).result()

    def close(self) -> None:
        self._pool.shutdown()


def test_the_service_checks_a_person_insured_elsewhere_and_audits_it_masked(
    store: Any, supervisor: Any, clerk: Any, clock: Any, central: Central
) -> None:
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    _add_insured(central, ELSEWHERE, "salarie", ELSEWHERE_NUMBER)
    worker = Worker()
    try:
        # The clerk at the counter asks the first; the second is asked with no one named.
        check = check_insured_online(
            store, "zt 552-211", clock=clock, call_store=worker, actor=clerk
        )
        unknown = check_insured_online(store, "BE998877", clock=clock, call_store=worker)
    finally:
        worker.close()

    assert (check.cin, check.state, check.regime, check.immatriculation_masked) == (
        ELSEWHERE,
        "insured",
        "salarie",
        "70*****00",
    )
    assert check.checked_at.tzinfo is not None
    assert (unknown.state, unknown.regime, unknown.immatriculation_masked) == (
        "not_found",
        None,
        None,
    )
    assert worker.calls == 4  # identity, then the audit entry, for each check
    assert worker.thread is not None and worker.thread != threading.get_ident()
    line = describe_check(check, "fr")
    assert "ZT****11" in line and "70*****00" in line and ELSEWHERE not in line
    with store.read() as session:
        entries = session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.action == "insured.check")
            .order_by(AuditEntry.seq)
        ).all()
        logged = [(e.actor, e.subject_kind, e.subject_ref, json.loads(e.details)) for e in entries]
    assert logged == [
        ("agent1", "cin", "ZT****11", {"regime": "salarie", "state": "insured"}),
        ("operator", "cin", "BE****77", {"regime": None, "state": "not_found"}),
    ]
    assert verify(store).ok  # the audit chain holds the new entries
    stats = central.stats()
    assert stats["insured_checks"] == 2 and stats["devices"] == 1

    with pytest.raises(AppError) as bad:
        check_insured_online(store, "AB-12*34", clock=clock)
    assert bad.value.code == "insured_check.invalid_cin"
    assert central.stats()["insured_checks"] == 2  # nothing was asked


def _messages(error: AppError) -> set[str]:
    texts = {error.message(lang) for lang in LANGS}
    assert len(texts) == len(LANGS) and all(texts)
    return texts


def test_a_point_not_activated_is_told_so_clearly(tmp_path: Path, store: Any) -> None:
    with pytest.raises(AppError) as raised:
        check_insured_online(store, "AB123456")
    assert raised.value.code == "insured_check.not_activated"
    assert "activate" in raised.value.message("en")
    _messages(raised.value)

    data = _init(tmp_path)
    done = run_cli(data, "registrations", "check-cin", "AB123456")
    assert done.returncode == 1
    assert done.stderr.strip() == raised.value.message("fr")


def test_a_centre_that_is_down_is_told_so_clearly(
    tmp_path: Path, store: Any, supervisor: Any, clock: Any, central: Central
) -> None:
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    data = _init(tmp_path)
    _activate_cli(data, central)
    central.stop()

    with pytest.raises(AppError) as raised:
        check_insured_online(store, "AB123456", clock=clock)
    done = run_cli(data, "registrations", "check-cin", "AB123456")

    assert raised.value.code == "insured_check.link_down"
    _messages(raised.value)
    assert done.returncode == 1
    assert done.stderr.strip() == raised.value.message("fr")
    with store.read() as session:
        checks = session.scalar(
            sa.select(sa.func.count()).where(AuditEntry.action == "insured.check")
        )
    assert checks == 0  # no answer, no audit entry of one


def test_too_many_checks_are_told_when_to_try_again(
    store: Any, supervisor: Any, clock: Any, start_central: Any
) -> None:
    centre: Central = start_central("--check-burst", "1", "--check-per-minute", "0.6")
    activate(store, supervisor, centre.url, centre.issue_activation("CASA01"), clock=clock)

    first = check_insured_online(store, "AB123456", clock=clock)
    with pytest.raises(AppError) as raised:
        check_insured_online(store, "AB123456", clock=clock)

    assert first.state == "not_found"
    assert raised.value.code == "insured_check.rate_limited"
    assert int(str(raised.value.params["seconds"])) >= 1
    assert str(raised.value.params["seconds"]) in raised.value.message("fr")
    _messages(raised.value)
