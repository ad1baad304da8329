"""AMO-TNS enrolments (form 328-1-01) with their dependents, recorded in one transaction.

Corrections: an enrolment the centre rejected is corrected into a NEW version (new uuid, new
receipt number of today's sequence, ``version`` + 1, ``supersedes_id`` = the rejected one),
exactly as a claim is (see :mod:`agent_app.services.sync`); the rejected version becomes
``superseded`` and nothing is deleted. The ID scans of the rejected version are re-linked to
the new one in the same transaction: they are sealed to the centre and to this store already,
so they are neither re-imported nor re-sealed, and the screens and the sync find them under
the enrolment that is alive. Each sealed scan still names, inside its own header, the version
it was taken for; the centre reaches it from the new version through ``supersedes_uuid``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
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
from agent_app.domain.model import (
    Address,
    DependentDraft,
    DependentRelationship,
    EnrolmentDraft,
    EnrolmentStatus,
    Sex,
)
from agent_app.domain.problems import Problem
from agent_app.domain.receipt_numbers import parse_receipt_number
from agent_app.errors import AppError
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.recording import admit, new_record_identity, record_correction
from agent_app.services.reference import ENROLMENT_PARAMETERS, centre_rule_values, tns_categories
from agent_app.store.engine import Store
from agent_app.store.models import Attachment, Dependent, Enrolment, StatusEvent
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


def _problems(
    session: Session,
    draft: EnrolmentDraft,
    today: dt.date,
    own_versions: Sequence[int] = (),
) -> list[Problem]:
    """The draft's problems; ``own_versions`` are earlier versions of the same enrolment (a
    correction), which are the same application and never its "likely duplicate"."""
    problems = validate_enrolment(draft, enrolment_rules(session), today, tns_categories(session))
    cin = normalise_cin(draft.cin)
    condition = sa.and_(Enrolment.cin == cin, Enrolment.voided_at.is_(None))
    if own_versions:
        condition = sa.and_(condition, Enrolment.id.not_in(list(own_versions)))
    earlier = session.scalar(
        sa.select(Enrolment.receipt_no).where(condition).order_by(Enrolment.seq).limit(1)
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
        _add_dependents(session, enrolment.id, draft)
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


def _add_dependents(session: Session, enrolment_id: int, draft: EnrolmentDraft) -> None:
    for position, dependent in enumerate(normalise_enrolment(draft).dependents, start=1):
        session.add(
            Dependent(
                enrolment_id=enrolment_id,
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


# --- reading one enrolment ----------------------------------------------------------------


def _receipt_text(receipt_no: str) -> str:
    parsed = parse_receipt_number(receipt_no)
    return str(parsed) if parsed is not None else receipt_no.strip().upper()


def _enrolment_by_receipt(session: Session, receipt_no: str) -> Enrolment:
    enrolment = session.scalar(
        sa.select(Enrolment).where(Enrolment.receipt_no == _receipt_text(receipt_no))
    )
    if enrolment is None:
        raise AppError("enrolment.not_found", receipt_no=receipt_no.strip())
    return enrolment


def get_enrolment(store: Store, receipt_no: str) -> Enrolment:
    """The enrolment with that receipt number, its dependents loaded (detached)."""
    with store.read() as session:
        enrolment = _enrolment_by_receipt(session, receipt_no)
        list(enrolment.dependents)
        return enrolment


def enrolment_timeline(store: Store, enrolment_id: int) -> list[StatusEvent]:
    """The enrolment's status history, counter and CNSS events, in the order they happened."""
    with store.read() as session:
        return list(
            session.scalars(
                sa.select(StatusEvent)
                .where(
                    StatusEvent.subject_kind == "enrolment",
                    StatusEvent.subject_id == enrolment_id,
                )
                .order_by(StatusEvent.seq)
            )
        )


# --- correcting a rejected enrolment ------------------------------------------------------


def _rejected_enrolment(session: Session, receipt_no: str) -> Enrolment:
    enrolment = _enrolment_by_receipt(session, receipt_no)
    if enrolment.status != EnrolmentStatus.REJECTED:
        raise AppError(
            "enrolment.not_rejected", receipt_no=enrolment.receipt_no, status=enrolment.status
        )
    return enrolment


def _versions(session: Session, enrolment: Enrolment) -> list[int]:
    """The ids of ``enrolment`` and of every version it supersedes, newest first."""
    ids = [enrolment.id]
    previous = enrolment.supersedes_id
    while previous is not None and previous not in ids:
        ids.append(previous)
        previous = session.scalar(
            sa.select(Enrolment.supersedes_id).where(Enrolment.id == previous)
        )
    return ids


def enrolment_draft_for_correction(store: Store, receipt_no: str) -> EnrolmentDraft:
    """The rejected enrolment as a draft, to pre-fill the enrolment form for its correction.

    The information notice was shown and acknowledged when the application was first taken
    (``notice_acknowledged_at``, kept by every version), so the draft says it was.
    """
    with store.read() as session:
        e = _rejected_enrolment(session, receipt_no)
        return EnrolmentDraft(
            last_name=e.last_name,
            first_name=e.first_name,
            last_name_ar=e.last_name_ar,
            first_name_ar=e.first_name_ar,
            cin=e.cin,
            immatriculation=e.immatriculation,
            nationality=e.nationality,
            mobile_phone=e.mobile_phone,
            email=e.email,
            category_code=e.category_code,
            subcategory_code=e.subcategory_code,
            sex=Sex(e.sex),
            birth_date=e.birth_date,
            personal_address=Address(
                line=e.home_line,
                district=e.home_district,
                commune=e.home_commune,
                city=e.home_city,
                postal_code=e.home_postal_code,
            ),
            professional_address=Address(
                line=e.work_line,
                district=e.work_district,
                commune=e.work_commune,
                city=e.work_city,
                postal_code=e.work_postal_code,
            ),
            signature_place=e.signature_place,
            signature_date=e.signature_date,
            notice_acknowledged=True,
            dependents=tuple(
                DependentDraft(
                    relationship=DependentRelationship(d.relationship),
                    last_name=d.last_name,
                    first_name=d.first_name,
                    birth_date=d.birth_date,
                    sex=Sex(d.sex),
                    cin=d.cin,
                    is_student=d.is_student,
                    is_married=d.is_married,
                    is_disabled=d.is_disabled,
                    is_kafala=d.is_kafala,
                )
                for d in e.dependents
            ),
        )


def correct_enrolment(
    store: Store,
    actor: Actor,
    rejected_receipt_no: str,
    draft: EnrolmentDraft,
    confirmations: Mapping[str, str] | None = None,
    *,
    clock: Clock = system_clock,
) -> RecordedEnrolment:
    """Record ``draft`` as the next version of a rejected enrolment, in one transaction.

    The same checks as :func:`enrol` (the earlier versions of this enrolment excepted from the
    duplicate check); its dependents are the draft's; the rejected version's scans follow it.
    """
    with store.write() as session:
        old = _rejected_enrolment(session, rejected_receipt_no)
        now = clock()
        confirmed = admit(
            _problems(session, draft, now.date(), _versions(session, old)),
            confirmations or {},
            invalid="enrolment.invalid",
            needs_confirmation="enrolment.needs_confirmation",
        )
        identity = new_record_identity(session, now, 0)
        columns = identity.columns(confirmed)
        columns["version"] = old.version + 1
        new = Enrolment(
            **columns,
            supersedes_id=old.id,
            clerk_id=actor.user_id,
            status=EnrolmentStatus.RECORDED,
            notice_acknowledged_at=old.notice_acknowledged_at,
            demo=old.demo,
            **enrolment_columns(draft),
        )
        session.add(new)
        old.status = EnrolmentStatus.SUPERSEDED
        session.flush()
        _add_dependents(session, new.id, draft)
        scans = list(
            session.scalars(
                sa.select(Attachment.id)
                .where(Attachment.subject_kind == "enrolment", Attachment.subject_id == old.id)
                .order_by(Attachment.id)
            )
        )
        if scans:
            session.execute(
                sa.update(Attachment)
                .where(Attachment.id.in_(scans))
                .values(subject_id=new.id)
                .execution_options(synchronize_session=False)
            )
        record_correction(
            session,
            "enrolment",
            old,
            new.id,
            identity,
            statuses=(EnrolmentStatus.SUPERSEDED, EnrolmentStatus.RECORDED),
            at=now,
            actor=actor,
            details={
                "dependents": len(draft.dependents),
                "scans": scans,
                "confirmed": sorted(confirmed),
            },
        )
    return RecordedEnrolment(new.id, identity.uuid, identity.receipt_no, now, identity.signature)
