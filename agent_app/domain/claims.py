"""Validation of a care-sheet deposit (forms 610-1-02, 610-1-03, 610-1-04) at the counter.

Owns the rules that catch, before the insured leaves the counter, what would make CNSS send
the file back: missing originals, a missing INPE label, more than one patient or event on a
sheet, a late deposit, an identity that does not add up. Every field of :class:`ClaimDraft`
is looked at. The thresholds are parameters (:class:`ClaimRules`) that reference data from
the centre can override; none is baked into the logic.

Decisions taken here, and why:

- A late deposit is a warning, not an error: the clerk may still accept the file when the
  insured gives a reason (CNSS decides), and refusing it at the counter helps nobody.
- A prior-approval request ("entente préalable") is filed *before* the care: its first-act
  date may be in the future and the deposit deadline does not apply to it.
- With an end of continuous treatment, the deadline is 60 days after that end, but never
  earlier than the general deadline (2 months after the first act): the sheet says "or".
- A dental sheet (610-1-04) without dental care is an error: that sheet exists only for
  dental acts, so one of the two inputs is wrong. Dental care on a general sheet is a
  warning: CNSS expects the dental sheet, but the file may still be taken.
- A child beneficiary past the student age limit (26) is a warning unless the sheet is the
  ALD one: a disabled child is covered at any age, and the counter cannot see disability.
- The app never computes a reimbursement: it only checks the declared amount is plausible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from agent_app.domain import identifiers as ids
from agent_app.domain.dates import add_months, age_on, format_date
from agent_app.domain.model import (
    CareCategory,
    CareType,
    ChecklistItem,
    ClaimDraft,
    FormType,
    Relationship,
    RequestKind,
    Sex,
)
from agent_app.domain.problems import Problem, Severity

# Each checklist item the clerk must tick, and the problem raised when it is not ticked.
CHECKLIST_PROBLEMS: dict[ChecklistItem, str] = {
    ChecklistItem.CARE_SHEET_SIGNED: "claim.care_sheet_unsigned",
    ChecklistItem.ORIGINALS_ATTACHED: "claim.originals_missing",
    ChecklistItem.INPE_STAMP_PRESENT: "claim.inpe_stamp_missing",
    ChecklistItem.ONE_PATIENT_ONE_EVENT: "claim.several_patients_or_events",
}


@dataclass(frozen=True, slots=True)
class ClaimRules:
    """The parameters of claim validation; the centre's reference data may replace them."""

    deposit_deadline_months: int = 2
    continuous_treatment_deadline_days: int = 60
    amount_ceiling_centimes: int = 10_000_000  # 100,000 MAD: above this it is a typing slip
    max_documents: int = 99
    max_age_years: int = 120
    child_age_limit_years: int = 26  # the student extension; disability has no limit
    max_fse_length: int = 64


def _error(code: str, field: str, **params: str) -> Problem:
    return Problem(code, field, Severity.ERROR, params)


def _warning(code: str, field: str, **params: str) -> Problem:
    return Problem(code, field, Severity.WARNING, params)


def deposit_deadline(first_act: date, end_of_treatment: date | None, rules: ClaimRules) -> date:
    """The last day on which the sheet may be deposited (that day is still on time)."""
    general = add_months(first_act, rules.deposit_deadline_months)
    if end_of_treatment is None:
        return general
    continuous = end_of_treatment + timedelta(days=rules.continuous_treatment_deadline_days)
    return max(general, continuous)


def normalise_claim(draft: ClaimDraft) -> ClaimDraft:
    """The draft with identifiers and names in their stored form; nothing else changes.

    Values that cannot be normalised are left as typed, for :func:`validate_claim` to report.
    """
    return replace(
        draft,
        insured_immatriculation=ids.normalise_immatriculation(draft.insured_immatriculation),
        insured_name=ids.normalise_name(draft.insured_name),
        insured_cin=_optional(draft.insured_cin, ids.normalise_cin),
        beneficiary_name=ids.normalise_name(draft.beneficiary_name),
        beneficiary_cin=_optional(draft.beneficiary_cin, ids.normalise_cin),
        prescriber_inpe=ids.normalise_inpe(draft.prescriber_inpe),
        facility_inpe=_optional(draft.facility_inpe, ids.normalise_inpe),
        fse_number=_optional(draft.fse_number, str.strip),
    )


def _optional(value: str | None, normalise: Callable[[str], str]) -> str | None:
    return None if value is None else (normalise(value) or None)


def validate_claim(draft: ClaimDraft, rules: ClaimRules, today: date) -> list[Problem]:
    """Every problem with ``draft``, errors and warnings, in the order of the form."""
    return [
        *_insured(draft),
        *_beneficiary(draft, rules, today),
        *_care(draft),
        *_dates(draft, rules, today),
        *_amount_and_documents(draft, rules),
        *_practitioners(draft, rules),
        *_checklist(draft),
    ]


def _insured(draft: ClaimDraft) -> list[Problem]:
    return [
        *ids.check_immatriculation(draft.insured_immatriculation, "insured_immatriculation"),
        *ids.check_person_name(draft.insured_name, "insured_name", full_name=True),
        *ids.check_cin(draft.insured_cin, "insured_cin", required=False),
    ]


def _beneficiary(draft: ClaimDraft, rules: ClaimRules, today: date) -> list[Problem]:
    problems = [
        *ids.check_person_name(draft.beneficiary_name, "beneficiary_name", full_name=True),
        *ids.check_cin(draft.beneficiary_cin, "beneficiary_cin", required=False),
    ]
    if draft.beneficiary_sex is None:
        problems.append(_error("beneficiary.sex_required", "beneficiary_sex"))
    birth = draft.beneficiary_birth_date
    if birth is None:
        problems.append(_error("birth_date.required", "beneficiary_birth_date"))
    else:
        problems += _birth_date(birth, "beneficiary_birth_date", rules.max_age_years, today)
    problems += _relationship(draft, rules, today)
    return problems


def _birth_date(birth: date, field: str, max_age_years: int, today: date) -> list[Problem]:
    if birth > today:
        return [_error("birth_date.in_future", field)]
    if age_on(birth, today) > max_age_years:
        return [_error("birth_date.too_old", field, max_age=str(max_age_years))]
    return []


def _relationship(draft: ClaimDraft, rules: ClaimRules, today: date) -> list[Problem]:
    """Does the beneficiary fit the relationship ticked on the sheet?"""
    field = "beneficiary_relationship"
    insured_cin = ids.normalise_cin(draft.insured_cin or "")
    beneficiary_cin = ids.normalise_cin(draft.beneficiary_cin or "")
    same_cin = bool(insured_cin) and insured_cin == beneficiary_cin
    if draft.beneficiary_relationship is Relationship.SELF:
        problems = []
        if insured_cin and beneficiary_cin and not same_cin:
            problems.append(_warning("claim.self_cin_mismatch", "beneficiary_cin"))
        if not _same_person_name(draft.insured_name, draft.beneficiary_name):
            problems.append(_warning("claim.self_name_mismatch", "beneficiary_name"))
        return problems
    if same_cin:
        return [_error("claim.beneficiary_cin_is_insured", "beneficiary_cin")]
    birth = draft.beneficiary_birth_date
    if (
        draft.beneficiary_relationship is Relationship.CHILD
        and birth is not None
        and draft.form_type is not FormType.ALD
        and age_on(birth, today) > rules.child_age_limit_years
    ):
        age = str(age_on(birth, today))
        limit = str(rules.child_age_limit_years)
        return [_warning("claim.child_over_age_limit", field, age=age, age_limit=limit)]
    return []


def _same_person_name(first: str, second: str) -> bool:
    """Same words in any order: "ALAMI Mohamed" is "Mohamed Alami"; an empty name is not."""
    first_words = sorted(ids.name_search_key(first).split())
    second_words = sorted(ids.name_search_key(second).split())
    return not first_words or not second_words or first_words == second_words


def _care(draft: ClaimDraft) -> list[Problem]:
    problems = []
    categories = draft.care_categories
    if not categories:
        problems.append(_error("claim.no_care_category", "care_categories"))
    elif draft.form_type is FormType.DENTAL and CareCategory.DENTAL not in categories:
        problems.append(_error("claim.dental_form_without_dental_care", "care_categories"))
    elif draft.form_type is FormType.GENERAL and CareCategory.DENTAL in categories:
        problems.append(_warning("claim.dental_care_on_general_form", "form_type"))
    if draft.care_type is CareType.MATERNITY and draft.beneficiary_sex is Sex.MALE:
        problems.append(_error("claim.maternity_male_beneficiary", "care_type"))
    return problems


def _dates(draft: ClaimDraft, rules: ClaimRules, today: date) -> list[Problem]:
    first, end = draft.first_act_date, draft.end_of_treatment_date
    planned = draft.request_kind is RequestKind.PRIOR_APPROVAL
    problems = []
    if first > today and not planned:
        problems.append(_error("claim.first_act_in_future", "first_act_date"))
    birth = draft.beneficiary_birth_date
    if birth is not None and birth <= today and first < birth:
        problems.append(_error("claim.first_act_before_birth", "first_act_date"))
    if end is not None:
        if end < first:
            problems.append(_error("claim.end_before_first_act", "end_of_treatment_date"))
        elif end > today and not planned:
            problems.append(_error("claim.end_in_future", "end_of_treatment_date"))
    if problems or planned:
        return problems  # a deadline computed from impossible dates would only confuse
    deadline = deposit_deadline(first, end, rules)
    if today > deadline:
        days_late = str((today - deadline).days)
        problems.append(
            _warning(
                "claim.late_deposit",
                "end_of_treatment_date" if end is not None else "first_act_date",
                deadline=format_date(deadline),
                days_late=days_late,
            )
        )
    return problems


def _amount_and_documents(draft: ClaimDraft, rules: ClaimRules) -> list[Problem]:
    problems = []
    amount = draft.declared_amount_centimes
    if amount <= 0:
        problems.append(_error("claim.amount_not_positive", "declared_amount_centimes"))
    elif amount > rules.amount_ceiling_centimes:
        problems.append(
            _error(
                "claim.amount_over_ceiling",
                "declared_amount_centimes",
                ceiling_centimes=str(rules.amount_ceiling_centimes),
            )
        )
    if draft.document_count < 1:
        problems.append(_error("claim.no_documents", "document_count"))
    elif draft.document_count > rules.max_documents:
        problems.append(
            _error("claim.too_many_documents", "document_count", maximum=str(rules.max_documents))
        )
    return problems


def _practitioners(draft: ClaimDraft, rules: ClaimRules) -> list[Problem]:
    problems = [
        *ids.check_inpe(draft.prescriber_inpe, "prescriber_inpe", required=True),
        *ids.check_inpe(draft.facility_inpe, "facility_inpe", required=False),
    ]
    # The FSE number's format is not public: keep it opaque, only refuse what cannot be one.
    fse = (draft.fse_number or "").strip()
    if len(fse) > rules.max_fse_length or not fse.isprintable():
        problems.append(
            _error("claim.fse_invalid", "fse_number", max_length=str(rules.max_fse_length))
        )
    return problems


def _checklist(draft: ClaimDraft) -> list[Problem]:
    return [
        _error(code, f"checklist.{item.value}")
        for item, code in CHECKLIST_PROBLEMS.items()
        if item not in draft.checklist
    ]


def likely_duplicate(earlier_receipt_no: str) -> Problem:
    """The warning raised when the store already holds a live twin of this deposit.

    The store finds the twin (same immatriculation, beneficiary, first-act date and amount,
    or the same FSE number); the rule only says what the clerk is told.
    """
    return _warning(
        "claim.likely_duplicate", "insured_immatriculation", receipt_no=earlier_receipt_no
    )
