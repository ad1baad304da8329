"""Valid baseline drafts for the domain tests; a test changes only what its story is about.

Each builder returns a draft that has no problem at all on :data:`TODAY`; pass keyword
arguments to replace fields (``dataclasses.replace``), so a failing test shows the one field
it is about.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from agent_app.domain.claims import ClaimRules
from agent_app.domain.enrolment import EnrolmentRules
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

TODAY = date(2026, 3, 16)
CLAIM_RULES = ClaimRules()
ENROLMENT_RULES = EnrolmentRules()
CATEGORIES: dict[str, frozenset[str]] = {
    "ART": frozenset({"ART-COIF", "ART-MEN"}),
    "LIB": frozenset({"LIB-MED", "LIB-AVO"}),
}


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (TODAY is never 29 February)."""
    return day.replace(year=day.year - years)


def claim(**changes: Any) -> ClaimDraft:
    base = ClaimDraft(
        form_type=FormType.GENERAL,
        request_kind=RequestKind.EXECUTION,
        insured_immatriculation="123456789",
        insured_name="ALAMI Mohamed",
        insured_cin="BK123456",
        beneficiary_relationship=Relationship.SELF,
        beneficiary_name="ALAMI Mohamed",
        beneficiary_birth_date=date(1980, 5, 17),
        beneficiary_sex=Sex.MALE,
        beneficiary_cin="BK123456",
        care_type=CareType.ILLNESS,
        care_categories=frozenset({CareCategory.CONSULTATION, CareCategory.PHARMACY}),
        first_act_date=date(2026, 3, 2),
        end_of_treatment_date=None,
        declared_amount_centimes=45_000,
        document_count=3,
        prescriber_inpe="102345678",
        facility_inpe=None,
        fse_number=None,
        checklist=frozenset(ChecklistItem),
    )
    return replace(base, **changes)


def child_claim(age: int, **changes: Any) -> ClaimDraft:
    return claim(
        beneficiary_relationship=Relationship.CHILD,
        beneficiary_name="ALAMI Youssef",
        beneficiary_birth_date=years_before(TODAY, age),
        beneficiary_cin=None,
        **changes,
    )


def address(**changes: Any) -> Address:
    base = Address(
        line="12 rue Ibn Batouta",
        district="Maârif",
        commune="Casablanca",
        city="Casablanca",
        postal_code="20330",
    )
    return replace(base, **changes)


def spouse(**changes: Any) -> DependentDraft:
    base = DependentDraft(
        relationship=DependentRelationship.SPOUSE,
        last_name="TAZI",
        first_name="Karim",
        birth_date=date(1985, 7, 1),
        sex=Sex.MALE,
        cin="BE765432",
    )
    return replace(base, **changes)


def child(age: int = 10, **changes: Any) -> DependentDraft:
    base = DependentDraft(
        relationship=DependentRelationship.CHILD,
        last_name="TAZI",
        first_name="Salma",
        birth_date=years_before(TODAY, age),
        sex=Sex.FEMALE,
    )
    return replace(base, **changes)


def enrolment(**changes: Any) -> EnrolmentDraft:
    base = EnrolmentDraft(
        last_name="BENANI",
        first_name="Fatima Zahra",
        last_name_ar="بناني",
        first_name_ar="فاطمة الزهراء",
        cin="AB123456",
        immatriculation=None,
        nationality="MA",
        mobile_phone="06 61 23 45 67",
        email="f.benani@example.ma",
        category_code="ART",
        subcategory_code="ART-COIF",
        sex=Sex.FEMALE,
        birth_date=date(1988, 2, 29),
        personal_address=address(),
        professional_address=address(line="Souk Al Had, boutique 4", postal_code="20250"),
        signature_place="Casablanca",
        signature_date=TODAY,
        notice_acknowledged=True,
        dependents=(spouse(), child()),
    )
    return replace(base, **changes)
