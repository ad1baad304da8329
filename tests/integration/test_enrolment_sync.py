"""AMO-TNS enrolments end to end: the counter, the real reference centre, CNSS's processing.

The point is a real encrypted data directory driven through the CLI as an operator would
(``sync``, ``export-batches``, ``registrations list/show``); the enrolments themselves are
recorded with the ``enrol`` service, as the enrolment page does. The centre is
``python -m sync.server serve`` on 127.0.0.1 (``tests/sync/conftest.py``), its database read
back directly to compare what it holds with what the point shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PIL import Image

from agent_app.domain.model import DependentDraft, DependentRelationship, EnrolmentDraft, Sex
from agent_app.errors import AppError
from agent_app.services.claims import ProblemsError
from agent_app.services.context import OPERATOR
from agent_app.services.enrolments import (
    correct_enrolment,
    enrol,
    enrolment_draft_for_correction,
    enrolment_timeline,
    get_enrolment,
)
from agent_app.services.point import open_store
from agent_app.services.scans import import_scan, scans_of
from agent_app.services.sync import activate, run_sync, sync_overview
from agent_app.store.engine import Store
from agent_app.store.models import AuditEntry
from sync.server import store as centre_store
from tests.builders import address, child, enrolment_draft
from tests.integration.test_cli import PASSPHRASE, run_cli
from tests.sync.conftest import Central
from tests.sync.conftest import central as central  # the real centre, as a fixture here

POINT = "BRK02"
CATEGORIES = (
    ("COM", "COM01"),
    ("COM", "COM04"),
    ("ART", "ART02"),
    ("ART", "ART04"),
    ("AGR", "AGR01"),
    ("AGR", "AGR03"),
    ("PEC", "PEC02"),
    ("PLI", "PLI01"),
)
LAST_NAMES = ("Alaoui", "Bennis", "Chraibi", "Daoudi", "El Fassi", "Filali", "Ghazi", "Haddad")
FIRST_NAMES = ("Amina", "Brahim", "Salma", "Driss", "Imane", "Karim", "Nadia", "Othmane")
CITIES = (("Oujda", "60000"), ("Berkane", "63300"), ("Nador", "62000"), ("Taourirt", "65800"))


# --- the point and the people -------------------------------------------------------------


def _years_ago(today: dt.date, years: int, days: int = 0) -> dt.date:
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


def _dependent(
    relationship: DependentRelationship, first_name: str, birth: dt.date, **flags: bool
) -> DependentDraft:
    return DependentDraft(
        relationship=relationship,
        last_name="Test",
        first_name=first_name,
        birth_date=birth,
        sex=Sex.FEMALE if first_name.endswith("a") else Sex.MALE,
        **flags,
    )


def person(index: int, today: dt.date) -> EnrolmentDraft:
    """The ``index``-th applicant: a distinct CIN, name, phone, category and family.

    Every fifth one has a spouse and a young child; every seventh a 24-year-old student;
    every eleventh a disabled 30-year-old; every thirteenth a child in kafala.
    """
    category, subcategory = CATEGORIES[index % len(CATEGORIES)]
    city, postal_code = CITIES[index % len(CITIES)]
    last = LAST_NAMES[index % len(LAST_NAMES)]
    dependents: list[DependentDraft] = []
    if index % 5 == 0:
        spouse = _dependent(
            DependentRelationship.SPOUSE, "Leila", _years_ago(today, 40 + index % 9)
        )
        dependents.append(dataclasses.replace(spouse, cin=f"G{500000 + index}"))
        dependents.append(_dependent(DependentRelationship.CHILD, "Yassine", _years_ago(today, 7)))
    if index % 7 == 0:
        dependents.append(
            _dependent(
                DependentRelationship.CHILD, "Soukaina", _years_ago(today, 24), is_student=True
            )
        )
    if index % 11 == 0:
        dependents.append(
            _dependent(
                DependentRelationship.CHILD, "Hamza", _years_ago(today, 30), is_disabled=True
            )
        )
    if index % 13 == 0:
        dependents.append(
            _dependent(DependentRelationship.CHILD, "Rania", _years_ago(today, 12), is_kafala=True)
        )
    dependents = [dataclasses.replace(d, last_name=last) for d in dependents]
    return enrolment_draft(
        today=today,
        dependents=tuple(dependents),
        last_name=last,
        first_name=FIRST_NAMES[(index // len(LAST_NAMES)) % len(FIRST_NAMES)],
        last_name_ar=None,
        first_name_ar=None,
        cin=f"F{300000 + index}",
        mobile_phone=f"06{61000000 + index * 37}",
        email=None if index % 3 else f"tns{index}@example.ma",
        category_code=category,
        subcategory_code=subcategory,
        sex=Sex.FEMALE if index % 2 else Sex.MALE,
        birth_date=_years_ago(today, 48 + index % 20, days=index * 3),
        personal_address=address(city=city, postal_code=postal_code),
        professional_address=address(city=city, postal_code=postal_code),
        signature_place=city,
    )


def _init(tmp_path: Path) -> Path:
    data = tmp_path / "point"
    done = run_cli(
        data, "init", "--point-code", POINT, "--point-name", "Oujda", "--key-store", "passphrase"
    )
    assert done.returncode == 0, done.stderr
    return data


def _activate(data: Path, centre: Central) -> None:
    done = run_cli(
        data, "activate", "--server", centre.url, "--code", centre.issue_activation(POINT)
    )
    assert done.returncode == 0, done.stderr


def _opened(data: Path) -> Store:
    return open_store(data, lambda: PASSPHRASE)


def _enrol_people(data: Path, drafts: list[EnrolmentDraft]) -> list[str]:
    """Record the drafts as the enrolment page does; the store is closed again afterwards so
    the CLI runs that follow have the data directory to themselves."""
    store = _opened(data)
    try:
        return [enrol(store, OPERATOR, draft).receipt_no for draft in drafts]
    finally:
        store.close()


def _json(data: Path, *args: str) -> Any:
    done = run_cli(data, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _sync(data: Path) -> dict[str, Any]:
    report = _json(data, "sync")
    assert report["ok"] is True, report
    return report


def _set_parameter(centre: Central, code: str, value: int) -> None:
    centre.cli(
        "set-parameter",
        "--data-dir",
        str(centre.data_dir),
        "--db",
        centre.db_url,
        "--code",
        code,
        "--value",
        str(value),
    )


@pytest.fixture
def centre_db(central: Central) -> Iterator[sa.Engine]:
    """The centre's own database, read directly: what CNSS holds, not what the point says."""
    engine = sa.create_engine(central.db_url)
    yield engine
    engine.dispose()


def _held(engine: sa.Engine) -> dict[str, Any]:
    """The centre's enrolments by receipt number."""
    table = centre_store.enrolments
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(
                table.c.receipt_no,
                table.c.uuid,
                table.c.status,
                table.c.version,
                table.c.supersedes_uuid,
                table.c.superseded_by,
                table.c.rejection_code,
                table.c.assigned_immatriculation,
            )
        ).all()
    return {row.receipt_no: row for row in rows}


# --- the tests ----------------------------------------------------------------------------


def test_sixty_enrolments_come_back_with_the_immatriculation_cnss_assigned(
    tmp_path, central, centre_db
):
    today = dt.datetime.now().astimezone().date()
    data = _init(tmp_path)
    _activate(data, central)
    drafts = [person(index, today) for index in range(60)]
    # The last four have a 21-year-old child who is not a student: covered under the rules the
    # counter holds, no longer under the ones CNSS publishes just before the upload.
    for index in range(56, 60):
        drafts[index] = dataclasses.replace(
            drafts[index],
            dependents=(
                _dependent(DependentRelationship.CHILD, "Mehdi", _years_ago(today, 21, days=10)),
            ),
        )
    assert sum(1 for d in drafts if d.dependents) >= 20
    assert any(dep.is_student for d in drafts for dep in d.dependents)
    assert any(dep.is_disabled for d in drafts for dep in d.dependents)
    receipts = _enrol_people(data, drafts)
    _set_parameter(central, "child_age_limit_years", 20)

    sent = _sync(data)

    assert sent["rejected"] == 4 and sent["pending"] == 0, sent
    stats = central.stats()
    assert (stats["enrolments"], stats["enrolments_rejected"]) == (56, 4)

    summary = central.simulate_processing(seed=21, steps=2)  # received → paper → registered
    assert summary
    followed = _sync(data)
    assert followed["updates_applied"] == 2 * 56, followed

    listed = _json(data, "registrations", "list", "--limit", "0")
    assert sorted(row["receipt_no"] for row in listed) == sorted(receipts)
    held = _held(centre_db)
    registered = [row for row in listed if row["status"] == "registered"]
    rejected = [row for row in listed if row["status"] == "rejected"]
    centre_registered = {r.receipt_no: r for r in held.values() if r.status == "registered"}
    assert len(registered) == len(centre_registered) == 56
    for row in registered:
        number = row["immatriculation"]
        assert len(number) == 9 and number.isdigit()
        assert number == row["assigned_immatriculation"]
        assert number == centre_registered[row["receipt_no"]].assigned_immatriculation
        assert row["declared_immatriculation"] is None  # as typed: none was declared
    assert len({row["immatriculation"] for row in registered}) == 56
    assert sorted(row["receipt_no"] for row in rejected) == sorted(receipts[56:])
    assert all(row["assigned_immatriculation"] is None for row in rejected)

    refused = _json(data, "registrations", "show", receipts[57])
    (verdict,) = [e for e in refused["timeline"] if e["status"] == "rejected"]
    assert (verdict["source"], verdict["code"]) == ("cnss", "dependent_not_covered")
    # The centre's reason in words, naming the dependent (the only one, position 1).
    assert "dépasse l'âge de couverture" in verdict["detail"]
    assert verdict["detail"].endswith("[dependents[1].birth_date]")
    family = _json(data, "registrations", "show", receipts[35])  # 35: spouse, child, student
    assert [d["relationship"] for d in family["dependents"]] == ["spouse", "child", "child"]
    assert family["dependents"][2]["is_student"] is True
    cnss = [e["status"] for e in family["timeline"] if e["source"] == "cnss"]
    assert cnss == ["accepted", "paper_received", "registered"]
    assert family["immatriculation"] == family["assigned_immatriculation"]
    assert family["immatriculation"] == centre_registered[receipts[35]].assigned_immatriculation
    shown = run_cli(data, "registrations", "show", receipts[35])
    assert shown.returncode == 0, shown.stderr
    assert family["immatriculation"] in shown.stdout and "registered" in shown.stdout
    assert "SOUKAINA" in shown.stdout
    unknown = run_cli(data, "registrations", "show", "BRK02-261120-0999X")
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    assert unknown.stderr.strip() == (
        "Aucune immatriculation ne porte le numéro de reçu « BRK02-261120-0999X »."
    )


def test_a_field_drive_carried_on_a_stick_then_synced_arrives_once_and_is_registered(
    tmp_path, central, centre_db
):
    today = dt.datetime.now().astimezone().date()
    data = _init(tmp_path)
    _activate(data, central)
    drafts = [person(index, today) for index in range(30)]
    receipts = _enrol_people(data, drafts)
    stick = tmp_path / "usb"

    exported = run_cli(data, "export-batches", "--out", str(stick))

    assert exported.returncode == 0, exported.stderr
    files = sorted(stick.glob("*.gamob"))
    assert files
    for path in files:
        content = path.read_bytes()
        for secret in (b"ALAOUI", b"F300001", b"Oujda"):  # nothing readable on the stick
            assert secret not in content
    central.import_batches(files)
    # Back in coverage, the same batches go up by the network too; the stick is also read a
    # second time at the centre, as happens when a drive's media is handed over twice.
    report = _sync(data)
    again = central.import_batches(files)

    assert report["pending"] == 0 and report["rejected"] == 0, report
    # Same batch id and same bytes: the centre answers with the stored acknowledgement, so
    # nothing counts as a duplicate and nothing is sent twice.
    assert report["duplicates"] == 0
    assert "already received" in again.stdout
    stats = central.stats()
    assert stats["enrolments"] == 30 and stats["enrolments_rejected"] == 0
    assert stats["conflicts"] == 0 and stats["duplicates_refused"] == 0
    held = _held(centre_db)
    assert sorted(held) == sorted(receipts)  # one row per enrolment: no second copy
    nothing_left = run_cli(data, "export-batches", "--out", str(tmp_path / "usb2"))
    assert nothing_left.returncode == 0, nothing_left.stderr
    assert list((tmp_path / "usb2").glob("*.gamob")) == []

    central.simulate_processing(seed=4, steps=2)
    _sync(data)
    listed = _json(data, "registrations", "list", "--limit", "0")
    assert {row["status"] for row in listed} == {"registered"}
    numbers = {row["receipt_no"]: row["immatriculation"] for row in listed}
    assert numbers == {
        r: held_row.assigned_immatriculation for r, held_row in _held(centre_db).items()
    }
    assert all(len(n) == 9 and n.isdigit() for n in numbers.values())


def _id_scan(tmp_path: Path) -> Path:
    image = Image.new("RGB", (640, 400), (236, 232, 220))
    for x in range(40, 600, 7):
        for y in range(60, 340, 9):
            image.putpixel((x, y), (30, 40, 90))
    out = io.BytesIO()
    image.save(out, format="PNG")
    path = tmp_path / "cin-recto.png"
    path.write_bytes(out.getvalue())
    return path


def test_an_enrolment_the_centre_rejects_is_corrected_accepted_and_registered(
    store, clerk, supervisor, clock, central, centre_db, tmp_path
):
    today = clock().date()
    family = (
        dataclasses.replace(
            _dependent(DependentRelationship.SPOUSE, "Rachid", _years_ago(today, 46)),
            cin="BK111222",
        ),
        child(_years_ago(today, 25), student=True),  # 25 and a student: covered up to 26
    )
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    recorded = enrol(store, clerk, enrolment_draft(today=today, dependents=family), clock=clock)
    scan = import_scan(store, clerk, recorded.receipt_no, _id_scan(tmp_path), clock=clock)
    with pytest.raises(AppError) as early:
        enrolment_draft_for_correction(store, recorded.receipt_no)
    assert early.value.code == "enrolment.not_rejected"
    assert recorded.receipt_no in early.value.message("ar")
    # CNSS lowers the students' age limit before the file reaches it.
    _set_parameter(central, "student_age_limit_years", 24)

    first = run_sync(store, force_seal=True, clock=clock)

    assert first.ok and first.rejected == 1, first
    (rejected,) = sync_overview(store).rejected
    assert (rejected.kind, rejected.receipt_no) == ("enrolment", recorded.receipt_no)
    assert rejected.code == "dependent_not_covered"
    assert scans_of(store, recorded.id)[0].uploaded_at is not None  # the scan went up once

    draft = enrolment_draft_for_correction(store, recorded.receipt_no)
    assert [d.first_name for d in draft.dependents] == ["RACHID", "OMAR"]
    assert draft.cin == "BK654321" and draft.notice_acknowledged
    # The counter now holds the centre's limit too: the same family cannot be sent again.
    with pytest.raises(ProblemsError) as still:
        correct_enrolment(store, clerk, recorded.receipt_no, draft, clock=clock)
    assert [p.code for p in still.value.problems] == ["dependent.child_too_old"]
    # The son no longer counts as a dependent; the spouse stays. No duplicate warning: the
    # rejected version is this same application.
    fixed = dataclasses.replace(draft, dependents=draft.dependents[:1])
    clock.advance(minutes=20)
    corrected = correct_enrolment(store, clerk, recorded.receipt_no, fixed, clock=clock)

    old, new = get_enrolment(store, recorded.receipt_no), get_enrolment(store, corrected.receipt_no)
    assert (old.status, new.status) == ("superseded", "recorded")
    assert (new.version, new.supersedes_id) == (2, old.id)
    assert new.uuid != old.uuid and new.receipt_no != old.receipt_no
    assert [d.first_name for d in new.dependents] == ["RACHID"]
    assert len(old.dependents) == 2  # the rejected version is kept as it was
    assert new.notice_acknowledged_at == old.notice_acknowledged_at
    assert [s.sha256 for s in scans_of(store, new.id)] == [scan.sha256]
    assert scans_of(store, old.id) == []
    assert [e.status for e in enrolment_timeline(store, old.id)][-1] == "superseded"
    with store.read() as session:
        entry = session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "enrolment.correct")
        ).one()
    details = json.loads(entry.details)
    assert entry.subject_ref == corrected.receipt_no
    assert (details["supersedes_uuid"], details["version"], details["scans"]) == (
        old.uuid,
        2,
        [scan.id],
    )
    assert "RACHID" not in entry.details and "BK654321" not in entry.details
    with pytest.raises(AppError) as twice:
        correct_enrolment(store, clerk, recorded.receipt_no, fixed, clock=clock)
    assert twice.value.code == "enrolment.not_rejected"

    second = run_sync(store, force_seal=True, clock=clock)

    assert second.ok and second.rejected == 0 and second.accepted >= 1, second
    assert get_enrolment(store, corrected.receipt_no).status == "accepted"
    assert sync_overview(store).rejected == ()
    held = _held(centre_db)
    assert set(held) == {recorded.receipt_no, corrected.receipt_no}
    assert (held[recorded.receipt_no].status, held[recorded.receipt_no].superseded_by) == (
        "superseded",
        corrected.uuid,
    )
    assert held[corrected.receipt_no].supersedes_uuid == recorded.uuid
    assert (held[corrected.receipt_no].status, held[corrected.receipt_no].version) == (
        "received",
        2,
    )
    with centre_db.connect() as connection:
        stored_scans = (
            connection.execute(sa.select(centre_store.attachments.c.sha256)).scalars().all()
        )
    assert stored_scans == [scan.sha256]  # not sent again with the new version

    central.simulate_processing(seed=8, steps=2)
    third = run_sync(store, force_seal=True, clock=clock)

    assert third.ok and third.updates_applied == 2, third
    registered = get_enrolment(store, corrected.receipt_no)
    number = _held(centre_db)[corrected.receipt_no].assigned_immatriculation
    assert registered.status == "registered" and registered.assigned_immatriculation == number
    assert get_enrolment(store, recorded.receipt_no).status == "superseded"  # never moves


def test_correcting_an_unknown_receipt_says_so(store):
    with pytest.raises(AppError) as raised:
        enrolment_draft_for_correction(store, "CASA01-261120-0042X")
    assert raised.value.code == "enrolment.not_found"
    assert "CASA01-261120-0042X" in raised.value.message("fr")
