"""Receipts on paper: printed to real PDF files, read back with poppler, scanned with zbar.

The only fake is the printer: a PDF file stands for the paper. What the insured would read
is checked with ``pdftotext``; what CNSS would scan is checked with ``pdftoppm`` and
``zbarimg``, as a real scanner would see the printed page. Both tools are required: a
machine without them fails these tests (CI installs poppler-utils and zbar-tools).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import re
import sys

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QPointF

from agent_app.domain.dates import format_date
from agent_app.domain.model import DependentDraft, DependentRelationship, Relationship, Sex
from agent_app.errors import AppError
from agent_app.services.claims import record_claim, void_claim
from agent_app.services.enrolments import enrol
from agent_app.services.receipts import (
    NOTICE_AR,
    NOTICE_FR,
    mask_immatriculation,
    receipt_for,
    record_print,
    verify_qr_payload,
)
from agent_app.services.sync import activate, run_sync
from agent_app.store.models import AuditEntry, Enrolment
from agent_app.store.repo import get_setting
from agent_app.ui.printing import Layout, receipt_pdf
from agent_app.ui.qr import qr_image
from tests.builders import child, claim_draft, enrolment_draft
from tests.integration.test_cli import init_point, open_engine, run_cli
from tests.printed import has_arabic_words, pdf_codes, pdf_text, plain, scan_codes
from tests.sync.conftest import central as central  # the real centre, as a fixture here


def public_key(store) -> str:
    with store.read() as session:
        key = get_setting(session, "device.public_key")
    assert key
    return key


@pytest.fixture
def deposit(store, clerk, clock):
    return record_claim(store, clerk, claim_draft(), clock=clock)


def test_receipt_shows_what_the_insured_needs_and_never_the_full_immatriculation(
    qapp, store, clerk, clock, deposit, tmp_path
):
    data = receipt_for(store, deposit.receipt_no, "fr")
    pdf = receipt_pdf(data, tmp_path / "receipt.pdf", Layout.THERMAL_80MM)

    text = pdf_text(pdf)
    assert deposit.receipt_no in text
    assert "20/11/2026 10:30" in text  # local time of the counter
    assert "CASA01" in text and "Casa Anfa" in text
    assert "agent1" in text  # the clerk's display name
    assert "BENNANI Youssef" in text and "l'assuré" in text
    assert "12****789" in text
    assert "123456789" not in text
    assert "maladie" in text and "consultation" in text and "pharmacie" in text
    assert "450,00 DH" in text
    assert "Pièces jointes 3" in text
    assert plain(NOTICE_FR) in text
    assert has_arabic_words(text, NOTICE_AR)


@pytest.mark.parametrize("layout", list(Layout), ids=lambda layout: layout.value)
def test_receipt_qr_code_scans_and_verifies_with_the_device_key_on_every_layout(
    qapp, store, deposit, tmp_path, layout
):
    data = receipt_for(store, deposit.receipt_no, "fr")
    pdf = receipt_pdf(data, tmp_path / f"receipt-{layout.value}.pdf", layout)

    codes = pdf_codes(pdf, tmp_path / "pages")
    assert codes == [data.qr_payload]
    fields = codes[0].split("|")
    assert fields[:2] == ["GAMO1", deposit.receipt_no]
    assert fields[2] == deposit.uuid
    assert fields[5] == "45000"
    assert fields[6] == deposit.signature
    assert verify_qr_payload(codes[0], public_key(store))
    assert "BENNANI" not in codes[0] and "123456789" not in codes[0]


def test_a_changed_amount_or_number_in_the_qr_payload_fails_verification(store, deposit):
    payload = receipt_for(store, deposit.receipt_no).qr_payload
    key = public_key(store)
    assert verify_qr_payload(payload, key)

    prefix, number, uuid, point, stamp, amount, signature = payload.split("|")
    assert amount == "45000"
    more = "|".join([prefix, number, uuid, point, stamp, "99000", signature])
    assert not verify_qr_payload(more, key)
    other = deposit.receipt_no[:-5] + "0002" + deposit.receipt_no[-1]
    assert not verify_qr_payload(payload.replace(deposit.receipt_no, other), key)
    assert not verify_qr_payload(payload + "|extra", key)
    assert not verify_qr_payload("not a receipt", key)
    assert not verify_qr_payload(payload, "not base64 at all!")


def test_reprint_says_duplicata_and_the_audit_names_no_one(
    qapp, store, clerk, clock, deposit, tmp_path
):
    data = receipt_for(store, deposit.receipt_no, "fr", copy=True)
    pdf = receipt_pdf(data, tmp_path / "copy.pdf", Layout.A5)
    assert "DUPLICATA" in pdf_text(pdf)

    record_print(store, clerk, data.kind, data.receipt_no, True, clock)
    with store.read() as session:
        entry = session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "receipt.print")
        ).one()
    assert (entry.actor, entry.subject_kind, entry.subject_ref) == (
        "agent1",
        "claim",
        deposit.receipt_no,
    )
    assert json.loads(entry.details) == {"kind": "claim", "reprint": True}
    assert "BENNANI" not in entry.details and "123456789" not in entry.details


def test_receipt_of_a_voided_deposit_says_it_was_voided(
    qapp, store, clerk, supervisor, clock, deposit, tmp_path
):
    void_claim(store, supervisor, deposit.receipt_no, "erreur de saisie", clock=clock)
    data = receipt_for(store, deposit.receipt_no, "fr", copy=True)
    assert data.banner == "DÉPÔT ANNULÉ"
    text = pdf_text(receipt_pdf(data, tmp_path / "void.pdf", Layout.THERMAL_80MM))
    assert "DÉPÔT ANNULÉ" in text and "annulé" in text


def test_arabic_receipt_reads_right_to_left_and_keeps_numbers_in_order(
    qapp, store, clerk, clock, tmp_path
):
    recorded = record_claim(
        store,
        clerk,
        claim_draft(
            beneficiary_relationship=Relationship.CHILD,
            beneficiary_name="BENNANI Amine",
            beneficiary_birth_date=dt.date(2015, 1, 2),
            beneficiary_cin=None,
        ),
        clock=clock,
    )
    data = receipt_for(store, recorded.receipt_no, "ar")
    assert data.title.startswith("وصل إيداع")
    text = pdf_text(receipt_pdf(data, tmp_path / "ar.pdf", Layout.A5))
    assert has_arabic_words(text, data.title)
    assert "12****789" in text  # not "789****12"
    assert "20/11/2026 10:30" in text
    assert "450,00" in text and has_arabic_words(text, "درهم ابن")
    assert plain(NOTICE_FR) in text and has_arabic_words(text, NOTICE_AR)
    assert pdf_codes(tmp_path / "ar.pdf", tmp_path / "pages") == [data.qr_payload]


def test_enrolment_receipt_masks_the_cin_and_signs_amount_zero(qapp, store, clerk, clock, tmp_path):
    recorded = enrol(store, clerk, enrolment_draft(), clock=clock)
    data = receipt_for(store, recorded.receipt_no, "fr")
    assert data.kind == "enrolment"
    assert data.qr_payload.split("|")[5] == "0"
    assert verify_qr_payload(data.qr_payload, public_key(store))
    text = pdf_text(receipt_pdf(data, tmp_path / "enrolment.pdf", Layout.THERMAL_80MM))
    assert "BK****21" in text and "BK654321" not in text
    assert "EL AMRANI" in text.upper()


def test_unknown_receipt_number_is_a_clear_error(store):
    with pytest.raises(AppError) as raised:
        receipt_for(store, "CASA01-261120-0099X")
    assert raised.value.code == "receipt.not_found"
    assert "CASA01-261120-0099X" in raised.value.message("fr")


def test_masking_keeps_two_first_and_three_last_digits():
    assert mask_immatriculation("123456789") == "12****789"
    assert mask_immatriculation("12") == "****"


def test_qr_image_for_the_screen_scans(qapp, tmp_path):
    payload = "GAMO1|CASA01-261120-0001K|demo"
    image = qr_image(payload, module_px=6)
    path = tmp_path / "qr.png"
    assert image.save(str(path))
    assert scan_codes(path) == [payload]


def test_the_qt_bindings_do_not_eat_references_to_none():
    # PySide6 6.12.0 under Python 3.11 dropped a reference to None on every call of a void
    # method; a receipt makes about a thousand such calls, and after a few receipts the
    # interpreter aborted ("deallocating None"). pyproject.toml excludes that release.
    point = QPointF()
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(10_000):
            point.setX(1.0)
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert after - before > -100


def test_pdf_into_a_missing_folder_is_a_clear_error(qapp, store, deposit, tmp_path):
    data = receipt_for(store, deposit.receipt_no)
    with pytest.raises(AppError) as raised:
        receipt_pdf(data, tmp_path / "nowhere" / "receipt.pdf")
    assert raised.value.code == "io.error"
    assert not (tmp_path / "nowhere").exists()


def test_receipt_data_is_plain_text_ready_for_any_printer(store, deposit):
    data = receipt_for(store, deposit.receipt_no, "en")
    shown = {field.label: field.value for field in data.fields}
    assert shown["Declared amount"] == "MAD 450.00"
    assert shown["Immatriculation"] == "12****789"
    assert all(isinstance(f.label, str) and isinstance(f.value, str) for f in data.fields)
    assert data.notice_fr == NOTICE_FR and data.notice_ar == NOTICE_AR  # in every language


# --- the operator CLI ---------------------------------------------------------------------


def test_cli_prints_a_receipt_pdf_that_scans_and_is_audited(tmp_path):
    point = tmp_path / "point"
    init_point(point)
    assert run_cli(point, "demo-data", "--claims", "5", "--seed", "4").returncode == 0
    newest = json.loads(run_cli(point, "claims", "list", "--json").stdout)[0]
    pdf = tmp_path / "out" / "receipt.pdf"
    pdf.parent.mkdir()

    result = run_cli(
        point, "print", "receipt", newest["receipt_no"], "--pdf", str(pdf), "--layout", "a5"
    )
    assert result.returncode == 0, result.stderr
    assert newest["receipt_no"] in result.stdout
    assert [p.name for p in pdf.parent.iterdir()] == ["receipt.pdf"]  # no partial file left

    engine = open_engine(point)
    with engine.connect() as conn:
        key = conn.exec_driver_sql(
            "SELECT value FROM settings WHERE key = 'device.public_key'"
        ).scalar_one()
        audited = conn.exec_driver_sql(
            "SELECT subject_ref, details FROM audit_log WHERE action = 'receipt.print'"
        ).all()
    engine.dispose()
    codes = pdf_codes(pdf, tmp_path / "pages")
    assert len(codes) == 1 and verify_qr_payload(codes[0], key)
    assert codes[0].split("|")[1] == newest["receipt_no"]
    assert audited == [(newest["receipt_no"], '{"kind":"claim","reprint":false}')]

    missing = run_cli(point, "print", "receipt", "FES03-261120-0099X", "--pdf", str(pdf))
    assert missing.returncode != 0
    assert "Aucun dépôt" in missing.stderr and "Traceback" not in missing.stderr


# --- enrolment receipts: dependents, and the number CNSS assigned --------------------------


def _family() -> tuple[DependentDraft, ...]:
    return (
        DependentDraft(
            relationship=DependentRelationship.SPOUSE,
            last_name="El Amrani",
            first_name="Rachid",
            birth_date=dt.date(1978, 2, 14),
            sex=Sex.MALE,
            cin="BK111222",
        ),
        child(dt.date(2002, 6, 1), student=True),
        child(dt.date(1995, 9, 30), disabled=True),
    )


def _registered_number(store, receipt_no: str) -> str:
    with store.read() as session:
        number = session.scalar(
            sa.select(Enrolment.assigned_immatriculation).where(Enrolment.receipt_no == receipt_no)
        )
    assert number is not None and len(number) == 9 and number.isdigit()
    return number


def test_enrolment_receipt_lists_the_dependents_and_the_number_once_cnss_registered_it(
    qapp, store, clerk, supervisor, clock, central, tmp_path
):
    recorded = enrol(store, clerk, enrolment_draft(dependents=_family()), clock=clock)
    before = pdf_text(
        receipt_pdf(receipt_for(store, recorded.receipt_no, "fr"), tmp_path / "first.pdf")
    )
    assert "Ayants droit déclarés 3" in before
    assert "Conjoint EL AMRANI RACHID, 14/02/1978" in before
    assert "Enfant EL AMRANI OMAR, 01/06/2002 — étudiant Enfant" in before
    assert "EL AMRANI OMAR, 30/09/1995 — en situation de handicap" in before
    assert "BK111222" not in before  # a dependent's CIN is never printed
    assert "N° d'immatriculation CNSS" not in before
    assert not re.search(r"\b\d{9}\b", before)  # no number before CNSS gives one

    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    assert run_sync(store, force_seal=True, clock=clock).ok
    central.simulate_processing(seed=3, steps=2)  # received → paper received → registered
    after_sync = run_sync(store, force_seal=True, clock=clock)
    assert after_sync.ok and after_sync.updates_applied >= 2, after_sync
    number = _registered_number(store, recorded.receipt_no)

    reprint = receipt_for(store, recorded.receipt_no, "fr", copy=True)
    text = pdf_text(receipt_pdf(reprint, tmp_path / "copy.pdf", Layout.A5))
    assert "DUPLICATA" in text
    assert f"N° d'immatriculation CNSS {number}" in text
    assert "Ayants droit déclarés 3" in text and "14/02/1978" in text
    assert pdf_codes(tmp_path / "copy.pdf", tmp_path / "pages") == [reprint.qr_payload]

    arabic = receipt_for(store, recorded.receipt_no, "ar", copy=True)
    text_ar = pdf_text(receipt_pdf(arabic, tmp_path / "ar.pdf", Layout.THERMAL_80MM))
    assert number in text_ar
    assert has_arabic_words(text_ar, "رقم التسجيل في الصندوق نسخة مطابقة")
    assert has_arabic_words(text_ar, "الزوج(ة) ابن(ة) طالب في وضعية إعاقة")
    assert "14/02/1978" in text_ar and "01/06/2002" in text_ar


def test_cli_prints_an_enrolment_receipt_with_its_dependents(tmp_path):
    point = tmp_path / "point"
    init_point(point)
    assert run_cli(point, "demo-data", "--registrations", "3", "--seed", "8").returncode == 0
    listed = json.loads(run_cli(point, "registrations", "list", "--json").stdout)
    newest = listed[0]
    pdf = tmp_path / "enrolment.pdf"

    result = run_cli(point, "print", "receipt", newest["receipt_no"], "--pdf", str(pdf), "--copy")

    assert result.returncode == 0, result.stderr
    text = pdf_text(pdf)
    assert "Reçu de demande d'immatriculation AMO-TNS" in text and "DUPLICATA" in text
    assert f"Ayants droit déclarés {newest['dependents']}" in text
    shown = json.loads(
        run_cli(point, "registrations", "show", newest["receipt_no"], "--json").stdout
    )
    for dependent in shown["dependents"]:
        assert dependent["last_name"] in text
        assert format_date(dt.date.fromisoformat(dependent["birth_date"])) in text
    engine = open_engine(point)
    with engine.connect() as conn:
        audited = conn.exec_driver_sql(
            "SELECT subject_kind, details FROM audit_log WHERE action = 'receipt.print'"
        ).all()
    engine.dispose()
    assert audited == [("enrolment", '{"kind":"enrolment","reprint":true}')]
