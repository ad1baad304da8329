"""The words of the counter: enumerations and the drafts a clerk fills in.

A draft is what the clerk typed, before validation; values are already parsed (dates are
``date``, money is integer centimes) but not yet checked. The validation modules turn a draft
into a list of problems; the services store a draft that has no blocking problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class FormType(StrEnum):
    """Which care sheet the insured handed over."""

    GENERAL = "610-1-02"
    ALD = "610-1-03"  # long-term illness
    DENTAL = "610-1-04"


class RequestKind(StrEnum):
    EXECUTION = "execution"  # care done: a reimbursement claim
    PRIOR_APPROVAL = "prior_approval"  # "entente préalable"


class Relationship(StrEnum):
    """The beneficiary's link to the insured: the sheet knows only these three."""

    SELF = "self"
    SPOUSE = "spouse"
    CHILD = "child"


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class CareType(StrEnum):
    ILLNESS = "illness"
    MATERNITY = "maternity"
    HOSPITALISATION = "hospitalisation"
    ACCIDENT = "accident"


class CareCategory(StrEnum):
    CONSULTATION = "consultation"
    PHARMACY = "pharmacy"
    BIOLOGY = "biology"
    IMAGING = "imaging"
    DENTAL = "dental"
    OPTICS = "optics"
    PARAMEDICAL = "paramedical"
    HOSPITALISATION = "hospitalisation"


class ChecklistItem(StrEnum):
    """What the clerk checks on the paper before accepting the file."""

    CARE_SHEET_SIGNED = "care_sheet_signed"
    ORIGINALS_ATTACHED = "originals_attached"  # prescriptions, invoices, results, vignettes
    INPE_STAMP_PRESENT = "inpe_stamp_present"  # practitioner's INPE label or stamp
    ONE_PATIENT_ONE_EVENT = "one_patient_one_event"


class ClaimStatus(StrEnum):
    """Where a claim stands; the history of these is append-only."""

    RECORDED = "recorded"
    BATCHED = "batched"
    SENT = "sent"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    PAPER_RECEIVED = "paper_received"
    IN_REVIEW = "in_review"
    REIMBURSED = "reimbursed"
    RETURNED = "returned"
    VOIDED = "voided"
    SUPERSEDED = "superseded"


class EnrolmentStatus(StrEnum):
    RECORDED = "recorded"
    BATCHED = "batched"
    SENT = "sent"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    REGISTERED = "registered"  # CNSS assigned an immatriculation number
    VOIDED = "voided"
    SUPERSEDED = "superseded"


class DependentRelationship(StrEnum):
    SPOUSE = "spouse"
    CHILD = "child"


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A care-sheet deposit as typed at the counter (DESIGN §2)."""

    form_type: FormType
    request_kind: RequestKind
    insured_immatriculation: str
    insured_name: str
    insured_cin: str | None
    beneficiary_relationship: Relationship
    beneficiary_name: str
    beneficiary_birth_date: date | None
    beneficiary_sex: Sex | None
    beneficiary_cin: str | None
    care_type: CareType
    care_categories: frozenset[CareCategory]
    first_act_date: date
    end_of_treatment_date: date | None
    declared_amount_centimes: int
    document_count: int
    prescriber_inpe: str
    facility_inpe: str | None
    fse_number: str | None
    checklist: frozenset[ChecklistItem]


@dataclass(frozen=True, slots=True)
class Address:
    line: str  # street and number
    district: str
    commune: str
    city: str
    postal_code: str


@dataclass(frozen=True, slots=True)
class DependentDraft:
    relationship: DependentRelationship
    last_name: str
    first_name: str
    birth_date: date
    sex: Sex
    cin: str | None = None
    is_student: bool = False
    is_married: bool = False
    is_disabled: bool = False
    is_kafala: bool = False  # child in legal custody


@dataclass(frozen=True, slots=True)
class EnrolmentDraft:
    """An AMO-TNS enrolment (form 328-1-01) with its dependents."""

    last_name: str
    first_name: str
    last_name_ar: str | None
    first_name_ar: str | None
    cin: str
    immatriculation: str | None
    nationality: str  # ISO 3166-1 alpha-2, "MA" for Moroccans
    mobile_phone: str
    email: str | None
    category_code: str
    subcategory_code: str
    sex: Sex
    birth_date: date
    personal_address: Address
    professional_address: Address
    signature_place: str
    signature_date: date
    notice_acknowledged: bool
    dependents: tuple[DependentDraft, ...] = field(default=())
