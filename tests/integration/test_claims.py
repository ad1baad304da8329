"""Recording, voiding and finding deposits on a real SQLCipher store."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
import sqlalchemy as sa

from agent_app.domain.model import ClaimStatus, Sex
from agent_app.domain.receipt_numbers import parse_receipt_number
from agent_app.errors import AppError
from agent_app.security.device import verify_signature
from agent_app.services.claims import (
    ProblemsError,
    claim_timeline,
    get_claim,
    receipt_payload,
    record_claim,
    void_claim,
)
from agent_app.services.integrity import verify
from agent_app.services.lookup import find_claims
from agent_app.services.reports import day_summary
from agent_app.store.models import AuditEntry, Claim
from agent_app.store.repo import get_setting
from tests.builders import claim_draft


def test_recorded_claim_gets_the_days_next_receipt_number(store, clerk, clock):
    first = record_claim(store, clerk, claim_draft(), clock=clock)
    second = record_claim(
        store, clerk, claim_draft(insured_immatriculation="987654321"), clock=clock
    )
    parsed = [parse_receipt_number(r.receipt_no) for r in (first, second)]
    assert [p.seq for p in parsed] == [1, 2]
    assert {p.point_code for p in parsed} == {"CASA01"}
    assert parsed[0].day == clock.now.date()

    clock.advance(days=1)
    next_day = record_claim(
        store, clerk, claim_draft(insured_immatriculation="555555555"), clock=clock
    )
    assert parse_receipt_number(next_day.receipt_no).seq == 1


def test_claim_status_history_and_audit_are_written_with_the_claim(store, clerk, clock):
    recorded = record_claim(store, clerk, claim_draft(), clock=clock)
    timeline = claim_timeline(store, recorded.id)
    assert [e.status for e in timeline] == [ClaimStatus.RECORDED]
    with store.read() as session:
        entry = session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "claim.create")
        ).one()
    assert entry.subject_ref == recorded.receipt_no
    assert entry.actor == "agent1"
    # The audit log travels to the centre: it names the receipt, never the person.
    assert "BENNANI" not in entry.details and "123456789" not in entry.details


def test_receipt_signature_verifies_with_the_device_public_key(store, clerk, clock):
    recorded = record_claim(store, clerk, claim_draft(), clock=clock)
    with store.read() as session:
        public = get_setting(session, "device.public_key")
    payload = receipt_payload(recorded.receipt_no, recorded.uuid, "CASA01", clock.now, 45_000)
    assert verify_signature(public, payload, recorded.signature)
    forged = receipt_payload(recorded.receipt_no, recorded.uuid, "CASA01", clock.now, 99_000)
    assert not verify_signature(public, forged, recorded.signature)


def test_invalid_claim_is_refused_and_nothing_is_saved(store, clerk, clock):
    with pytest.raises(ProblemsError) as raised:
        record_claim(
            store,
            clerk,
            claim_draft(insured_immatriculation="12345", document_count=0),
            clock=clock,
        )
    codes = {p.code for p in raised.value.problems}
    assert "claim.no_documents" in codes
    assert any(p.field == "insured_immatriculation" for p in raised.value.problems)
    assert "problème" in raised.value.message("fr")
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count(Claim.id))) == 0


def test_late_deposit_is_saved_only_with_a_reason(store, clerk, clock):
    late = claim_draft(first_act_date=clock.now.date() - dt.timedelta(days=75))
    with pytest.raises(ProblemsError) as raised:
        record_claim(store, clerk, late, clock=clock)
    assert [p.code for p in raised.value.problems] == ["claim.late_deposit"]
    with pytest.raises(ProblemsError):
        record_claim(store, clerk, late, {"claim.late_deposit": "   "}, clock=clock)

    recorded = record_claim(
        store, clerk, late, {"claim.late_deposit": "hospitalisé jusqu'au 10/11"}, clock=clock
    )
    claim = get_claim(store, recorded.receipt_no)
    assert json.loads(claim.confirmations) == {"claim.late_deposit": "hospitalisé jusqu'au 10/11"}


def test_likely_duplicate_names_the_earlier_receipt(store, clerk, clock):
    first = record_claim(store, clerk, claim_draft(), clock=clock)
    with pytest.raises(ProblemsError) as raised:
        record_claim(store, clerk, claim_draft(), clock=clock)
    (problem,) = raised.value.problems
    assert problem.code == "claim.likely_duplicate"
    assert problem.params["receipt_no"] == first.receipt_no
    assert first.receipt_no in problem.message("fr")

    fse_twin = claim_draft(insured_immatriculation="222222222", fse_number="FSE000000000042")
    record_claim(store, clerk, fse_twin, clock=clock)
    with pytest.raises(ProblemsError) as again:
        record_claim(
            store,
            clerk,
            dataclasses.replace(fse_twin, insured_immatriculation="333333333"),
            clock=clock,
        )
    assert again.value.problems[0].code == "claim.likely_duplicate"


def test_voiding_needs_a_supervisor_and_a_reason_and_keeps_the_record(
    store, clerk, supervisor, clock
):
    recorded = record_claim(store, clerk, claim_draft(), clock=clock)
    with pytest.raises(AppError) as forbidden:
        void_claim(store, clerk, recorded.receipt_no, "erreur de saisie", clock=clock)
    assert forbidden.value.code == "auth.forbidden"
    with pytest.raises(AppError) as no_reason:
        void_claim(store, supervisor, recorded.receipt_no, " ", clock=clock)
    assert no_reason.value.code == "void.reason_required"

    void_claim(store, supervisor, recorded.receipt_no, "erreur de saisie", clock=clock)
    claim = get_claim(store, recorded.receipt_no)
    assert claim.status == ClaimStatus.VOIDED and claim.void_reason == "erreur de saisie"
    assert [e.status for e in claim_timeline(store, claim.id)] == ["recorded", "voided"]
    with pytest.raises(AppError) as twice:
        void_claim(store, supervisor, recorded.receipt_no, "encore", clock=clock)
    assert twice.value.code == "claim.already_voided"
    # A voided twin no longer blocks the corrected deposit.
    record_claim(store, clerk, claim_draft(), clock=clock)
    assert verify(store).ok


@pytest.mark.parametrize(
    "query",
    ["123456789", "123 456 789", "be123456", "BENNANI", "bennani you", "Bennâni"],
)
def test_lookup_finds_a_claim_by_what_the_insured_remembers(store, clerk, clock, query):
    recorded = record_claim(store, clerk, claim_draft(), clock=clock)
    record_claim(
        store,
        clerk,
        claim_draft(
            insured_immatriculation="999888777",
            insured_name="TAZI Salma",
            beneficiary_name="TAZI Salma",
            insured_cin="J998877",
            beneficiary_cin=None,
            beneficiary_sex=Sex.FEMALE,
        ),
        clock=clock,
    )
    found = find_claims(store, query)
    assert [r.receipt_no for r in found] == [recorded.receipt_no]


def test_lookup_by_receipt_number_tolerates_case_and_spaces(store, clerk, clock):
    recorded = record_claim(store, clerk, claim_draft(), clock=clock)
    typed = " " + recorded.receipt_no.lower().replace("-", " - ") + " "
    assert [r.receipt_no for r in find_claims(store, typed)] == [recorded.receipt_no]
    assert find_claims(store, "") == []


def test_day_summary_counts_live_deposits_and_sets_voided_apart(store, clerk, supervisor, clock):
    kept = record_claim(store, clerk, claim_draft(), clock=clock)
    voided = record_claim(
        store,
        clerk,
        claim_draft(insured_immatriculation="111111111", declared_amount_centimes=12_000),
        clock=clock,
    )
    void_claim(store, supervisor, voided.receipt_no, "doublon papier", clock=clock)
    summary = day_summary(store, clock.now.date())
    assert summary.claims == 1 and summary.voided == 1
    assert summary.declared_total_centimes == 45_000
    assert summary.by_care_type == {"illness": 1}
    assert summary.by_status == {"recorded": 1, "voided": 1}
    assert kept.receipt_no
