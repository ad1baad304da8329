"""Valid drafts for tests: start from these and ``dataclasses.replace`` what a test is about."""

from __future__ import annotations

import datetime as dt

from agent_app.domain.model import (
    Address,
    CareCategory,
    CareType,
    ChecklistItem,
    ClaimDraft,
    DependentDraft,
    DependentRelationship,
    EnrolmentDraft,
    FormType,
    Relationship,
    RequestKind,
    Sex,
)


def claim_draft(today: dt.date = dt.date(2026, 11, 20), **changes: object) -> ClaimDraft:
    draft = ClaimDraft(
        form_type=FormType.GENERAL,
        request_kind=RequestKind.EXECUTION,
        insured_immatriculation="123456789",
        insured_name="BENNANI Youssef",
        insured_cin="BE123456",
        beneficiary_relationship=Relationship.SELF,
        beneficiary_name="BENNANI Youssef",
        beneficiary_birth_date=dt.date(1984, 3, 12),
        beneficiary_sex=Sex.MALE,
        beneficiary_cin="BE123456",
        care_type=CareType.ILLNESS,
        care_categories=frozenset({CareCategory.CONSULTATION, CareCategory.PHARMACY}),
        first_act_date=today - dt.timedelta(days=10),
        end_of_treatment_date=None,
        declared_amount_centimes=45_000,
        document_count=3,
        prescriber_inpe="112233445",
        facility_inpe=None,
        fse_number=None,
        checklist=frozenset(ChecklistItem),
    )
    from dataclasses import replace

    return replace(draft, **changes)  # type: ignore[arg-type]


def address(city: str = "Casablanca", postal_code: str = "20250") -> Address:
    return Address(
        line="12 Rue Ibn Batouta",
        district="Maârif",
        commune="Casablanca",
        city=city,
        postal_code=postal_code,
    )


def enrolment_draft(
    today: dt.date = dt.date(2026, 11, 20),
    dependents: tuple[DependentDraft, ...] = (),
    **changes: object,
) -> EnrolmentDraft:
    from dataclasses import replace

    draft = EnrolmentDraft(
        last_name="El Amrani",
        first_name="Khadija",
        last_name_ar="العمراني",
        first_name_ar="خديجة",
        cin="BK654321",
        immatriculation=None,
        nationality="MA",
        mobile_phone="0612345678",
        email="khadija.elamrani@example.ma",
        category_code="COM",
        subcategory_code="COM01",
        sex=Sex.FEMALE,
        birth_date=dt.date(1980, 5, 4),
        personal_address=address(),
        professional_address=address(),
        signature_place="Casablanca",
        signature_date=today,
        notice_acknowledged=True,
        dependents=dependents,
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def child(
    birth_date: dt.date, *, student: bool = False, married: bool = False, disabled: bool = False
) -> DependentDraft:
    return DependentDraft(
        relationship=DependentRelationship.CHILD,
        last_name="El Amrani",
        first_name="Omar",
        birth_date=birth_date,
        sex=Sex.MALE,
        is_student=student,
        is_married=married,
        is_disabled=disabled,
    )
