"""Claim deposits: record, void, look up, follow.

``record_claim`` is one transaction: validate the draft against the rules in force, look for
a likely duplicate, take the day's next receipt number, sign the receipt with the device key,
insert the claim, its first status event and its audit entry. Warnings (late deposit, odd CIN
shape, likely duplicate) are saved only with a confirmation reason for each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from agent_app.domain.claims import ClaimRules, likely_duplicate, normalise_claim, validate_claim
from agent_app.domain.identifiers import name_search_key, normalise_immatriculation
from agent_app.domain.model import ClaimDraft, ClaimStatus
from agent_app.domain.problems import Problem
from agent_app.domain.receipt_numbers import parse_receipt_number
from agent_app.errors import AppError
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.recording import ProblemsError as ProblemsError
from agent_app.services.recording import admit, new_record_identity
from agent_app.services.recording import receipt_payload as receipt_payload
from agent_app.services.reference import CLAIM_PARAMETERS, centre_rule_values
from agent_app.store.engine import Store
from agent_app.store.models import Claim, StatusEvent
from agent_app.store.repo import (
    add_status,
    audit,
    settings_with_prefix,
    utc_naive,
)

# Statuses after which the claim has left the counter: voiding is no longer possible here.
LEFT_THE_COUNTER = frozenset(
    {
        ClaimStatus.SENT,
        ClaimStatus.ACCEPTED,
        ClaimStatus.PAPER_RECEIVED,
        ClaimStatus.IN_REVIEW,
        ClaimStatus.REIMBURSED,
        ClaimStatus.RETURNED,
        ClaimStatus.DUPLICATE,
    }
)


@dataclass(frozen=True, slots=True)
class RecordedClaim:
    id: int
    uuid: str
    receipt_no: str
    created_at: dt.datetime  # aware, local
    signature: str


def claim_rules(session: Session) -> ClaimRules:
    """The rules in force: the defaults, overridden by the supervisor's ``rules.claim.*``
    settings, overridden in turn by the parameters the centre published (CNSS's rules come
    from CNSS: see ``agent_app.services.reference``)."""
    stored = settings_with_prefix(session, "rules.claim.")
    overrides = {key.removeprefix("rules.claim."): int(value) for key, value in stored.items()}
    overrides |= centre_rule_values(session, CLAIM_PARAMETERS)
    return ClaimRules(**overrides)


def find_likely_duplicates(session: Session, draft: ClaimDraft) -> list[str]:
    """Receipt numbers of live claims that look like this one (CNSS would refuse a twin)."""
    immatriculation = normalise_immatriculation(draft.insured_immatriculation)
    twin = sa.and_(
        Claim.insured_immatriculation == immatriculation,
        Claim.beneficiary_name_key == name_search_key(draft.beneficiary_name),
        Claim.first_act_date == draft.first_act_date,
        Claim.declared_amount_centimes == draft.declared_amount_centimes,
    )
    condition = twin
    if draft.fse_number and draft.fse_number.strip():
        condition = sa.or_(twin, Claim.fse_number == draft.fse_number.strip())
    rows = session.scalars(
        sa.select(Claim.receipt_no)
        .where(condition, Claim.voided_at.is_(None))
        .order_by(Claim.seq)
        .limit(5)
    )
    return list(rows)


def check_claim(store: Store, draft: ClaimDraft, clock: Clock = system_clock) -> list[Problem]:
    """Every problem of the draft, duplicates included, without saving anything."""
    with store.read() as session:
        return _problems(session, draft, clock())


def _problems(session: Session, draft: ClaimDraft, now: dt.datetime) -> list[Problem]:
    problems = validate_claim(draft, claim_rules(session), now.date())
    earlier = find_likely_duplicates(session, draft)
    if earlier:
        problems.append(likely_duplicate(earlier[0]))
    return problems


def record_claim(
    store: Store,
    actor: Actor,
    draft: ClaimDraft,
    confirmations: Mapping[str, str] | None = None,
    *,
    clock: Clock = system_clock,
) -> RecordedClaim:
    """Validate and save one deposit; raises :class:`ProblemsError` when it cannot be saved."""
    with store.write() as session:
        now = clock()
        confirmed = admit(
            _problems(session, draft, now),
            confirmations or {},
            invalid="claim.invalid",
            needs_confirmation="claim.needs_confirmation",
        )
        identity = new_record_identity(session, now, draft.declared_amount_centimes)
        claim = Claim(
            **identity.columns(confirmed),
            clerk_id=actor.user_id,
            status=ClaimStatus.RECORDED,
            **claim_columns(draft),
        )
        session.add(claim)
        session.flush()
        add_status(
            session,
            subject_kind="claim",
            subject_id=claim.id,
            status=ClaimStatus.RECORDED,
            at=now,
            actor_id=actor.user_id,
        )
        audit(
            session,
            now,
            actor.username,
            "claim.create",
            "claim",
            identity.receipt_no,
            {"uuid": identity.uuid, "confirmed": sorted(confirmed)},
        )
    return RecordedClaim(claim.id, identity.uuid, identity.receipt_no, now, identity.signature)


def claim_columns(draft: ClaimDraft) -> dict[str, object]:
    """The draft as claim columns, in the stored form lookups expect."""
    draft = normalise_claim(draft)
    return {
        "form_type": draft.form_type.value,
        "request_kind": draft.request_kind.value,
        "insured_immatriculation": draft.insured_immatriculation,
        "insured_name": draft.insured_name,
        "insured_name_key": name_search_key(draft.insured_name),
        "insured_cin": draft.insured_cin,
        "beneficiary_relationship": draft.beneficiary_relationship.value,
        "beneficiary_name": draft.beneficiary_name,
        "beneficiary_name_key": name_search_key(draft.beneficiary_name),
        "beneficiary_birth_date": draft.beneficiary_birth_date,
        "beneficiary_sex": draft.beneficiary_sex.value if draft.beneficiary_sex else None,
        "beneficiary_cin": draft.beneficiary_cin,
        "care_type": draft.care_type.value,
        "care_categories": ",".join(sorted(c.value for c in draft.care_categories)),
        "first_act_date": draft.first_act_date,
        "end_of_treatment_date": draft.end_of_treatment_date,
        "declared_amount_centimes": draft.declared_amount_centimes,
        "document_count": draft.document_count,
        "prescriber_inpe": draft.prescriber_inpe,
        "facility_inpe": draft.facility_inpe,
        "fse_number": draft.fse_number,
        "checklist": ",".join(sorted(item.value for item in draft.checklist)),
    }


def void_claim(
    store: Store, actor: Actor, receipt_no: str, reason: str, *, clock: Clock = system_clock
) -> None:
    """Void a deposit (supervisor, with a reason); the record and its history stay."""
    actor.require_supervisor()
    reason = reason.strip()
    if not reason:
        raise AppError("void.reason_required")
    with store.write() as session:
        claim = _claim_by_receipt(session, receipt_no)
        if claim.voided_at is not None:
            raise AppError("claim.already_voided", receipt_no=claim.receipt_no)
        if claim.status in LEFT_THE_COUNTER:
            raise AppError("claim.not_voidable", receipt_no=claim.receipt_no, status=claim.status)
        now = clock()
        claim.voided_at = utc_naive(now)
        claim.voided_by_id = actor.user_id
        claim.void_reason = reason
        claim.status = ClaimStatus.VOIDED
        add_status(
            session,
            subject_kind="claim",
            subject_id=claim.id,
            status=ClaimStatus.VOIDED,
            at=now,
            actor_id=actor.user_id,
            detail=reason,
        )
        audit(
            session,
            now,
            actor.username,
            "claim.void",
            "claim",
            claim.receipt_no,
            {"uuid": claim.uuid},
        )


def _claim_by_receipt(session: Session, receipt_no: str) -> Claim:
    parsed = parse_receipt_number(receipt_no)
    text = str(parsed) if parsed is not None else receipt_no.strip().upper()
    claim = session.scalar(sa.select(Claim).where(Claim.receipt_no == text))
    if claim is None:
        raise AppError("claim.not_found", receipt_no=receipt_no)
    return claim


def get_claim(store: Store, receipt_no: str) -> Claim:
    with store.read() as session:
        return _claim_by_receipt(session, receipt_no)


def claim_timeline(store: Store, claim_id: int) -> list[StatusEvent]:
    with store.read() as session:
        return list(
            session.scalars(
                sa.select(StatusEvent)
                .where(StatusEvent.subject_kind == "claim", StatusEvent.subject_id == claim_id)
                .order_by(StatusEvent.seq)
            )
        )
