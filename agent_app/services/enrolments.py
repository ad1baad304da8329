"""AMO-TNS enrolments (form 328-1-01) with their dependents, recorded in one transaction."""

from __future__ import annotations

import datetime as dt
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
from agent_app.domain.problems import Problem
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.recording import admit, new_record_identity
from agent_app.services.reference import ENROLMENT_PARAMETERS, centre_rule_values, tns_categories
from agent_app.store.engine import Store
from agent_app.store.models import Dependent, Enrolment
from agent_app.store.repo import (
    add_status,
    audit,
    settings_with_prefix,
)


@dataclass(frozen=True, slots=True)
class RecordedEnrolment:
    id: int
    uuid: str
    receipt_no: str
    created_at: dt.datetime
    signature: str


def enrolment_rules(session: Session) -> EnrolmentRules:
    """The rules in force: defaults, ``rules.enrolment.*`` settings, then the centre's
    published parameters (the dependents' age limits are CNSS's rules)."""
    stored = settings_with_prefix(session, "rules.enrolment.")
    overrides = {k.removeprefix("rules.enrolment."): int(v) for k, v in stored.items()}
    overrides |= centre_rule_values(session, ENROLMENT_PARAMETERS)
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
    with store.write() as session:
        now = clock()
        confirmed = admit(
            _problems(session, draft, now.date()),
            confirmations or {},
            invalid="enrolment.invalid",
            needs_confirmation="enrolment.needs_confirmation",
        )
        identity = new_record_identity(session, now, 0)
        enrolment = Enrolment(
            **identity.columns(confirmed),
            clerk_id=actor.user_id,
            status=EnrolmentStatus.RECORDED,
            notice_acknowledged_at=identity.created_at,
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
            identity.receipt_no,
            {
                "uuid": identity.uuid,
                "dependents": len(draft.dependents),
                "confirmed": sorted(confirmed),
            },
        )
    return RecordedEnrolment(
        enrolment.id, identity.uuid, identity.receipt_no, now, identity.signature
    )


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
