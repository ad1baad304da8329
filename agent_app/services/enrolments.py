"""AMO-TNS enrolments (form 328-1-01) with their dependents, recorded in one transaction."""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from agent_app.domain.enrolment import (
    EnrolmentRules,
    likely_duplicate,
    normalise_enrolment,
    validate_enrolment,
)
from agent_app.domain.identifiers import (
    name_search_key,
    normalise_cin,
)
from agent_app.domain.model import EnrolmentDraft, EnrolmentStatus
from agent_app.domain.problems import Problem, Severity, errors, unconfirmed
from agent_app.domain.receipt_numbers import format_receipt_number
from agent_app.security.device import DeviceKey
from agent_app.services.claims import ProblemsError, receipt_payload
from agent_app.services.context import Actor, Clock, local_offset_minutes, system_clock
from agent_app.services.reference import tns_categories
from agent_app.store.engine import Store
from agent_app.store.models import Dependent, Enrolment
from agent_app.store.repo import (
    add_status,
    audit,
    get_setting,
    next_day_seq,
    next_seq,
    settings_with_prefix,
    utc_naive,
)


@dataclass(frozen=True, slots=True)
class RecordedEnrolment:
    id: int
    uuid: str
    receipt_no: str
    created_at: dt.datetime
    signature: str


def enrolment_rules(session: Session) -> EnrolmentRules:
    stored = settings_with_prefix(session, "rules.enrolment.")
    overrides = {k.removeprefix("rules.enrolment."): int(v) for k, v in stored.items()}
    return EnrolmentRules(**overrides)


def _problems(session: Session, draft: EnrolmentDraft, today: dt.date) -> list[Problem]:
    problems = validate_enrolment(draft, enrolment_rules(session), today, tns_categories(session))
    cin = normalise_cin(draft.cin)
    earlier = session.scalar(
        sa.select(Enrolment.receipt_no)
        .where(Enrolment.cin == cin, Enrolment.voided_at.is_(None))
        .order_by(Enrolment.seq)
        .limit(1)
    )
    if earlier is not None:
        problems.append(likely_duplicate(earlier))
    return problems


def check_enrolment(
    store: Store, draft: EnrolmentDraft, clock: Clock = system_clock
) -> list[Problem]:
    with store.read() as session:
        return _problems(session, draft, clock().date())


def enrol(
    store: Store,
    actor: Actor,
    draft: EnrolmentDraft,
    confirmations: Mapping[str, str] | None = None,
    *,
    clock: Clock = system_clock,
    demo: bool = False,
) -> RecordedEnrolment:
    confirmations = dict(confirmations or {})
    with store.write() as session:
        now = clock()
        problems = _problems(session, draft, now.date())
        blocking = errors(problems)
        if blocking:
            raise ProblemsError("enrolment.invalid", blocking)
        pending = unconfirmed(problems, confirmations)
        if pending:
            raise ProblemsError("enrolment.needs_confirmation", pending)
        confirmed = {
            p.code: confirmations[p.code].strip()
            for p in problems
            if p.severity is Severity.WARNING
        }
        point_code = get_setting(session, "point.code") or ""
        device = DeviceKey.from_private_b64(get_setting(session, "device.private_key") or "")
        day = now.date()
        receipt_no = format_receipt_number(point_code, day, next_day_seq(session, point_code, day))
        enrolment_uuid = str(uuidlib.uuid4())
        signature = device.sign(receipt_payload(receipt_no, enrolment_uuid, point_code, now, 0))
        enrolment = Enrolment(
            uuid=enrolment_uuid,
            receipt_no=receipt_no,
            seq=next_seq(session),
            version=1,
            point_code=point_code,
            clerk_id=actor.user_id,
            created_at=utc_naive(now),
            utc_offset_min=local_offset_minutes(now),
            deposit_day=day,
            status=EnrolmentStatus.RECORDED,
            signature=signature,
            confirmations=json.dumps(confirmed, ensure_ascii=False, sort_keys=True),
            notice_acknowledged_at=utc_naive(now),
            demo=demo,
            **enrolment_columns(draft),
        )
        session.add(enrolment)
        session.flush()
        for position, dependent in enumerate(normalise_enrolment(draft).dependents, start=1):
            session.add(
                Dependent(
                    enrolment_id=enrolment.id,
                    position=position,
                    relationship=dependent.relationship.value,
                    last_name=dependent.last_name,
                    first_name=dependent.first_name,
                    birth_date=dependent.birth_date,
                    sex=dependent.sex.value,
                    cin=dependent.cin,
                    is_student=dependent.is_student,
                    is_married=dependent.is_married,
                    is_disabled=dependent.is_disabled,
                    is_kafala=dependent.is_kafala,
                )
            )
        add_status(
            session,
            subject_kind="enrolment",
            subject_id=enrolment.id,
            status=EnrolmentStatus.RECORDED,
            at=now,
            actor_id=actor.user_id,
        )
        audit(
            session,
            now,
            actor.username,
            "enrolment.create",
            "enrolment",
            receipt_no,
            {
                "uuid": enrolment_uuid,
                "dependents": len(draft.dependents),
                "confirmed": sorted(confirmed),
            },
        )
    return RecordedEnrolment(enrolment.id, enrolment_uuid, receipt_no, now, signature)


def enrolment_columns(draft: EnrolmentDraft) -> dict[str, object]:
    """The draft as enrolment columns, in the stored form (328-1-01 names in capitals)."""
    draft = normalise_enrolment(draft)
    home, work = draft.personal_address, draft.professional_address
    return {
        "last_name": draft.last_name,
        "first_name": draft.first_name,
        "name_key": name_search_key(f"{draft.last_name} {draft.first_name}"),
        "last_name_ar": draft.last_name_ar,
        "first_name_ar": draft.first_name_ar,
        "cin": draft.cin,
        "immatriculation": draft.immatriculation,
        "nationality": draft.nationality,
        "mobile_phone": draft.mobile_phone,
        "email": draft.email,
        "category_code": draft.category_code,
        "subcategory_code": draft.subcategory_code,
        "sex": draft.sex.value,
        "birth_date": draft.birth_date,
        "home_line": home.line,
        "home_district": home.district,
        "home_commune": home.commune,
        "home_city": home.city,
        "home_postal_code": home.postal_code,
        "work_line": work.line,
        "work_district": work.district,
        "work_commune": work.commune,
        "work_city": work.city,
        "work_postal_code": work.postal_code,
        "signature_place": draft.signature_place,
        "signature_date": draft.signature_date,
    }
