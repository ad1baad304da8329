"""Sync as an operator runs it: the CLI as subprocesses against the real reference centre.

The centre is ``python -m sync.server serve`` on 127.0.0.1 (the ``central`` fixture of
``tests/sync/conftest.py``); the point is a real encrypted data directory.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from agent_app.services.claims import get_claim, record_claim
from agent_app.services.sync import (
    activate,
    claim_draft_for_correction,
    correct_claim,
    run_sync,
    sync_overview,
)
from agent_app.store.models import Claim
from tests.builders import claim_draft
from tests.integration.test_cli import run_cli
from tests.sync.conftest import Central
from tests.sync.conftest import central as central  # the real centre, as a fixture here

POINT = "FES03"


def _init(tmp_path: Path) -> Path:
    data = tmp_path / "point"
    done = run_cli(
        data, "init", "--point-code", POINT, "--point-name", "Fès", "--key-store", "passphrase"
    )
    assert done.returncode == 0, done.stderr
    return data


def _json(data: Path, *args: str) -> object:
    done = run_cli(data, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _activate(data: Path, centre: Central) -> None:
    code = centre.issue_activation(POINT)
    done = run_cli(data, "activate", "--server", centre.url, "--code", code)
    assert done.returncode == 0, done.stderr
    assert POINT in done.stdout


def _sync(data: Path) -> dict[str, object]:
    report = _json(data, "sync")
    assert isinstance(report, dict)
    return report


def test_a_point_sends_everything_once_and_follows_cnss_processing(tmp_path, central):
    data = _init(tmp_path)
    demo = run_cli(data, "demo-data", "--claims", "40", "--registrations", "4", "--seed", "5")
    assert demo.returncode == 0, demo.stderr
    never = run_cli(data, "sync")
    assert never.returncode != 0 and "activate" in never.stderr
    _activate(data, central)

    report = _sync(data)

    assert report["ok"] is True, report
    assert report["pending"] == 0
    assert report["rejected"] == 0 and report["requeued"] == 0
    stats = central.stats()
    assert (stats["claims"], stats["enrolments"]) == (40, 4)
    assert stats["audit_entries"] == report["accepted"] - 44
    assert stats["duplicates_refused"] == 0

    central.simulate_processing(seed=11, steps=4)
    followed = _sync(data)
    assert followed["ok"] is True and followed["updates_applied"] > 0

    claims = _json(data, "claims", "list", "--limit", "0")
    assert isinstance(claims, list)
    processed = {"reimbursed": [], "returned": []}
    for row in claims:
        processed.get(row["status"], []).append(row["receipt_no"])
    assert processed["reimbursed"] and processed["returned"]
    for status, receipts in processed.items():
        shown = _json(data, "claims", "show", receipts[0])
        assert isinstance(shown, dict)
        cnss = [e for e in shown["timeline"] if e["source"] == "cnss"]
        assert cnss[0]["status"] == "accepted"
        assert cnss[-1]["status"] == status
        if status == "reimbursed":
            assert cnss[-1]["amount_centimes"] is not None and cnss[-1]["effective_date"]
        else:
            assert cnss[-1]["detail"]
    registrations = _json(data, "registrations", "list")
    assert isinstance(registrations, list)
    registered = [r for r in registrations if r["status"] == "registered"]
    assert registered
    assert all(
        len(r["immatriculation"]) == 9 and r["immatriculation"].isdigit() for r in registered
    )
    assert all(r["assigned_immatriculation"] == r["immatriculation"] for r in registered)


def test_batches_carried_on_removable_media_arrive_exactly_once(tmp_path, central):
    data = _init(tmp_path)
    demo = run_cli(data, "demo-data", "--claims", "25", "--registrations", "2", "--seed", "9")
    assert demo.returncode == 0, demo.stderr
    _activate(data, central)
    media = tmp_path / "usb"

    exported = run_cli(data, "export-batches", "--out", str(media))

    assert exported.returncode == 0, exported.stderr
    files = sorted(media.glob("*.gamob"))
    assert files
    for path in files:
        content = path.read_bytes()
        for secret in (b"BENNANI", b"Youssef"):  # nothing readable on the stick
            assert secret not in content
    central.import_batches(files)
    report = _sync(data)
    assert report["ok"] is True and report["pending"] == 0, report
    assert report["duplicates"] == 0 and report["rejected"] == 0
    stats = central.stats()
    assert (stats["claims"], stats["enrolments"], stats["conflicts"]) == (25, 2, 0)
    listed = _json(data, "claims", "list", "--limit", "0")
    assert isinstance(listed, list)
    assert {row["status"] for row in listed} == {"accepted"}


def test_the_export_holds_no_name_cin_or_immatriculation(tmp_path, store, clerk, clock):
    from tests.integration.test_sync_outbox import activate_locally

    activate_locally(store)
    draft = claim_draft(
        insured_immatriculation="987612345", insured_cin="QA778899", beneficiary_cin="QA778899"
    )
    record_claim(store, clerk, draft, clock=clock)
    from agent_app.services.sync import export_batches

    files = export_batches(store, tmp_path / "out", clock=clock)

    assert len(files) == 1
    content = files[0].read_bytes()
    for secret in ("BENNANI", "Youssef", "QA778899", "987612345"):
        assert secret.encode() not in content


@pytest.fixture
def activated(store, supervisor, clock, central):
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    return store


def test_a_rejected_claim_is_corrected_into_a_new_version_that_is_accepted(
    activated, clerk, supervisor, clock, central
):
    store = activated
    recorded = record_claim(store, clerk, claim_draft(), clock=clock)
    # A late deposit without its confirmation: the counter would not let it through, so the
    # store is edited behind its back, as an older version of the app could have left it.
    with store.write() as session:
        session.execute(
            sa.update(Claim)
            .where(Claim.id == recorded.id)
            .values(first_act_date=dt.date(2026, 1, 5), confirmations="{}")
        )
    worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
    sql_threads: set[str] = set()

    def note_thread(*_: object) -> None:
        sql_threads.add(threading.current_thread().name)

    sa.event.listen(store.engine, "before_cursor_execute", note_thread)
    try:
        first = run_sync(
            store,
            force_seal=True,
            clock=clock,
            call_store=lambda work: worker.submit(work).result(),
        )
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", note_thread)
        worker.shutdown()
    assert first.ok and first.rejected == 1, first
    assert sql_threads and all(name.startswith("db") for name in sql_threads)
    overview = sync_overview(store)
    (rejected,) = overview.rejected
    assert (rejected.receipt_no, rejected.code) == (recorded.receipt_no, "late_deposit")

    draft = claim_draft_for_correction(store, recorded.receipt_no)
    assert draft.first_act_date == dt.date(2026, 1, 5)
    corrected = correct_claim(
        store,
        clerk,
        recorded.receipt_no,
        draft,
        {"claim.late_deposit": "hospitalisation prolongée, feuille remise tard"},
        clock=clock,
    )
    second = run_sync(store, force_seal=True, clock=clock)

    assert second.ok and second.accepted >= 1 and second.rejected == 0, second
    old, new = get_claim(store, recorded.receipt_no), get_claim(store, corrected.receipt_no)
    assert (old.status, new.status) == ("superseded", "accepted")
    assert (new.version, new.supersedes_id) == (2, old.id)
    assert new.uuid != old.uuid and new.receipt_no != old.receipt_no
    assert sync_overview(store).rejected == ()
    stats = central.stats()
    assert stats["claims"] + stats["claims_rejected"] == 2  # both versions, once each
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count(Claim.id))) == 2


def test_activation_refuses_plain_http_to_another_machine(store, supervisor, clock):
    from agent_app.errors import AppError

    with pytest.raises(AppError) as refused:
        activate(store, supervisor, "http://cnss.example.ma", "CODE", clock=clock)
    assert refused.value.code == "sync.insecure_url"
    assert "https://" in refused.value.message("fr")


def test_a_clerk_cannot_activate_the_point(store, clerk, clock):
    from agent_app.errors import AppError

    with pytest.raises(AppError) as refused:
        activate(store, clerk, "https://cnss.example.ma", "CODE", clock=clock)
    assert refused.value.code == "auth.forbidden"


def test_a_wrong_activation_code_is_one_line_in_the_users_language(tmp_path, central):
    data = _init(tmp_path)

    done = run_cli(data, "activate", "--server", central.url, "--code", "NOT-A-CODE")

    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Code d'activation refusé" in done.stderr
