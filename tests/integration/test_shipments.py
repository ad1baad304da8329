"""Closing the day's envelope and printing its slip, on a real store and real PDF files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
import sqlalchemy as sa

from agent_app.domain.receipt_numbers import parse_shipment_number
from agent_app.errors import AppError
from agent_app.services.claims import record_claim, void_claim
from agent_app.services.demo_data import generate
from agent_app.services.shipments import (
    close_shipment,
    list_shipments,
    record_slip_print,
    shipment_slip,
)
from agent_app.store.models import AuditEntry, Claim, Shipment
from agent_app.ui.printing import Layout, shipment_pdf
from tests.builders import claim_draft
from tests.integration.test_cli import init_point, open_engine, run_cli
from tests.printed import pdf_codes, pdf_pages, pdf_text


def deposit(store, clerk, clock, immatriculation: str, amount: int = 45_000):
    return record_claim(
        store,
        clerk,
        claim_draft(
            today=clock.now.date(),
            insured_immatriculation=immatriculation,
            declared_amount_centimes=amount,
        ),
        clock=clock,
    )


def shipment_of(store, receipt_no: str) -> str | None:
    with store.read() as session:
        return session.scalar(
            sa.select(Shipment.number)
            .join(Claim, Claim.shipment_id == Shipment.id)
            .where(Claim.receipt_no == receipt_no)
        )


def test_closing_the_envelope_takes_todays_live_deposits_not_yet_shipped(
    store, clerk, supervisor, clock
):
    clock.advance(days=-1)
    yesterday = deposit(store, clerk, clock, "111111111")
    clock.advance(days=1)
    first = deposit(store, clerk, clock, "222222222", 45_000)
    second = deposit(store, clerk, clock, "333333333", 12_050)
    voided = deposit(store, clerk, clock, "444444444", 99_900)
    void_claim(store, supervisor, voided.receipt_no, "doublon papier", clock=clock)
    clock.advance(hours=6)

    slip = close_shipment(store, clerk, clock=clock)

    assert slip.item_count == 2
    assert slip.total_centimes == 57_050
    assert slip.total == "570,50 DH"
    assert [line.receipt_no for line in slip.lines] == sorted([first.receipt_no, second.receipt_no])
    assert {line.immatriculation for line in slip.lines} == {"22****222", "33****333"}
    assert slip.closed_by == "agent1"
    assert slip.closed_at == "20/11/2026 16:30"
    assert shipment_of(store, first.receipt_no) == slip.number
    assert shipment_of(store, second.receipt_no) == slip.number
    assert shipment_of(store, voided.receipt_no) is None
    assert shipment_of(store, yesterday.receipt_no) is None


def test_a_second_close_refuses_an_empty_envelope_and_changes_nothing(store, clerk, clock):
    deposit(store, clerk, clock, "222222222")
    close_shipment(store, clerk, clock=clock)
    with store.read() as session:
        entries = session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))

    with pytest.raises(AppError) as raised:
        close_shipment(store, clerk, clock=clock)

    assert raised.value.code == "shipment.empty"
    assert raised.value.message("fr").startswith("Aucun dépôt à mettre sous enveloppe")
    assert raised.value.message("ar") and raised.value.message("en")
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Shipment)) == 1
        assert session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == entries


def test_leftovers_of_earlier_days_go_in_only_when_asked(store, clerk, clock):
    clock.advance(days=-2)
    old = deposit(store, clerk, clock, "111111111")
    clock.advance(days=2)
    today = deposit(store, clerk, clock, "222222222")

    todays = close_shipment(store, clerk, clock=clock)
    assert [line.receipt_no for line in todays.lines] == [today.receipt_no]
    leftovers = close_shipment(store, clerk, all_unshipped=True, clock=clock)
    assert [line.receipt_no for line in leftovers.lines] == [old.receipt_no]


def test_an_earlier_day_can_be_closed_by_naming_it(store, clerk, clock):
    clock.advance(days=-1)
    late = deposit(store, clerk, clock, "111111111")
    clock.advance(days=1)
    slip = close_shipment(store, clerk, day=clock.now.date() - dt.timedelta(days=1), clock=clock)
    assert [line.receipt_no for line in slip.lines] == [late.receipt_no]
    # The envelope is numbered by the day it was closed, not by the deposits' day.
    assert parse_shipment_number(slip.number).day == clock.now.date()


def test_envelope_numbers_count_up_within_a_day_and_restart_the_next(store, clerk, clock):
    numbers = []
    for immatriculation in ("111111111", "222222222"):
        deposit(store, clerk, clock, immatriculation)
        numbers.append(close_shipment(store, clerk, clock=clock).number)
    clock.advance(days=1)
    deposit(store, clerk, clock, "333333333")
    numbers.append(close_shipment(store, clerk, clock=clock).number)

    parsed = [parse_shipment_number(number) for number in numbers]
    assert [(p.point_code, p.day, p.seq) for p in parsed] == [
        ("CASA01", dt.date(2026, 11, 20), 1),
        ("CASA01", dt.date(2026, 11, 20), 2),
        ("CASA01", dt.date(2026, 11, 21), 1),
    ]
    assert [row.number for row in list_shipments(store)] == numbers[::-1]


def test_the_centre_can_recompute_the_manifest_hash_from_the_deposits(store, clerk, clock):
    for index, immatriculation in enumerate(("333333333", "111111111", "222222222")):
        deposit(store, clerk, clock, immatriculation, 10_000 + index)
    slip = close_shipment(store, clerk, clock=clock)

    with store.read() as session:
        rows = session.execute(
            sa.select(Claim.receipt_no, Claim.uuid, Claim.declared_amount_centimes).join(
                Shipment, Claim.shipment_id == Shipment.id
            )
        ).all()
    listing = "".join(f"{r}|{u}|{a}\n" for r, u, a in sorted(rows))
    assert slip.manifest_hash == hashlib.sha256(listing.encode()).hexdigest()
    assert slip.qr_payload == f"GAMO-ENV1|{slip.number}|3|{slip.manifest_hash}"


def test_closing_and_printing_are_audited_without_personal_data(store, clerk, clock):
    deposit(store, clerk, clock, "222222222")
    slip = close_shipment(store, clerk, clock=clock)
    record_slip_print(store, clerk, slip.number, clock=clock)
    with store.read() as session:
        entries = {
            e.action: e
            for e in session.scalars(
                sa.select(AuditEntry).where(AuditEntry.action.like("shipment.%"))
            )
        }
    close = entries["shipment.close"]
    assert (close.actor, close.subject_kind, close.subject_ref) == (
        "agent1",
        "shipment",
        slip.number,
    )
    assert json.loads(close.details) == {
        "number": slip.number,
        "count": 1,
        "manifest_hash": slip.manifest_hash,
    }
    assert json.loads(entries["shipment.print"].details) == {"reprint": False}
    for entry in entries.values():
        assert "222222222" not in entry.details and "BENNANI" not in entry.details


def test_slip_pdf_lists_the_deposits_and_its_qr_carries_number_count_and_hash(
    qapp, store, clerk, clock, tmp_path
):
    recorded = [
        deposit(store, clerk, clock, immatriculation, 45_000)
        for immatriculation in ("123456789", "987654321")
    ]
    slip = close_shipment(store, clerk, clock=clock)
    pdf = shipment_pdf(shipment_slip(store, slip.number, "fr"), tmp_path / "slip.pdf")

    text = pdf_text(pdf)
    assert slip.number in text
    for claim in recorded:
        assert claim.receipt_no in text
    assert "12****789" in text and "98****321" in text
    assert "123456789" not in text and "987654321" not in text
    assert "900,00 DH" in text
    assert "Remis par" in text and "Reçu par" in text
    assert slip.manifest_hash in text
    codes = pdf_codes(pdf, tmp_path / "pages")
    assert codes == [f"GAMO-ENV1|{slip.number}|2|{slip.manifest_hash}"]


def test_a_long_envelope_runs_over_several_pages_with_every_deposit(
    qapp, store, clerk, clock, tmp_path
):
    generate(store, 90, 0, seed=7, clock=clock)
    slip = close_shipment(store, clerk, clock=clock)
    assert slip.item_count == 90
    pdf = shipment_pdf(slip, tmp_path / "long.pdf", Layout.A4)

    pages = pdf_pages(pdf, tmp_path / "pages")
    assert len(pages) >= 3
    text = pdf_text(pdf)
    assert all(line.receipt_no in text for line in slip.lines)
    assert f"Page 1/{len(pages)}" in text and f"Page {len(pages)}/{len(pages)}" in text
    assert text.count("Remis par") == 1
    assert pdf_codes(pdf, tmp_path / "scan") == [slip.qr_payload]


def test_arabic_slip_on_a5_paper_scans_too(qapp, store, clerk, clock, tmp_path):
    deposit(store, clerk, clock, "123456789")
    number = close_shipment(store, clerk, clock=clock).number
    slip = shipment_slip(store, number, "ar")
    pdf = shipment_pdf(slip, tmp_path / "slip-ar.pdf", Layout.A5)
    assert "12****789" in pdf_text(pdf)
    assert pdf_codes(pdf, tmp_path / "pages") == [slip.qr_payload]


def test_unknown_envelope_number_is_a_clear_error(store):
    with pytest.raises(AppError) as raised:
        shipment_slip(store, "ENV-CASA01-261120-99X")
    assert raised.value.code == "shipment.not_found"


# --- the operator CLI ---------------------------------------------------------------------


def test_cli_closes_the_envelope_lists_it_and_prints_its_slip(tmp_path):
    point = tmp_path / "point"
    init_point(point)
    assert run_cli(point, "demo-data", "--claims", "30", "--seed", "8").returncode == 0

    closed = run_cli(point, "shipments", "close", "--all-today", "--json")
    assert closed.returncode == 0, closed.stderr
    envelope = json.loads(closed.stdout)
    assert envelope["item_count"] == 30
    assert parse_shipment_number(envelope["number"]) is not None

    again = run_cli(point, "shipments", "close")
    assert again.returncode != 0
    assert again.stderr.startswith("Aucun dépôt à mettre sous enveloppe")
    assert "Traceback" not in again.stderr

    listed = json.loads(run_cli(point, "shipments", "list", "--json").stdout)
    assert [(s["number"], s["item_count"]) for s in listed] == [(envelope["number"], 30)]
    assert run_cli(point, "shipments", "list").stdout.startswith(envelope["number"])

    pdf = tmp_path / "slip.pdf"
    printed = run_cli(point, "print", "shipment", envelope["number"], "--pdf", str(pdf))
    assert printed.returncode == 0, printed.stderr
    assert envelope["number"] in printed.stdout
    codes = pdf_codes(pdf, tmp_path / "pages")
    assert codes == [f"GAMO-ENV1|{envelope['number']}|30|{envelope['manifest_hash']}"]

    engine = open_engine(point)
    with engine.connect() as conn:
        actions = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT action FROM audit_log WHERE subject_kind = 'shipment' ORDER BY seq"
            )
        ]
        linked = conn.exec_driver_sql(
            "SELECT count(*) FROM claims WHERE shipment_id IS NOT NULL"
        ).scalar_one()
    engine.dispose()
    assert actions == ["shipment.close", "shipment.print"]
    assert linked == 30
    assert run_cli(point, "verify").returncode == 0
