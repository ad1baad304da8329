"""Validation of an AMO-TNS enrolment (form 328-1-01) and of the dependents it declares.

Owns the rules of the enrolment form, field by field, and the coverage rules for dependents
as ANAM summarises law 65-00: spouses; children up to 21, up to 26 if unmarried and in
higher education, at any age if disabled; children in legal custody (kafala) count as
children. The age limits are parameters (:class:`EnrolmentRules`); the professional
categories and their sub-categories are reference data passed in by the caller.

Decisions taken here, and why:

- A spouse younger than 18 is a warning, not an error: a family judge may authorise the
  marriage of a minor, so the counter cannot refuse it, but it is worth a second look.
- A spouse without a CIN is a warning: a foreign spouse may hold a residence card instead.
- Problems of a dependent name their field as ``dependents[i].field`` with ``i`` counted
  from 0 (the tuple index, for the UI); messages count people from 1, as the clerk does.
- Ages are whole years on ``today``; someone born on 29 February is a year older on
  1 March in a common year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from agent_app.domain import identifiers as ids
from agent_app.domain.dates import age_on
from agent_app.domain.model import (
    Address,
    DependentDraft,
    DependentRelationship,
    EnrolmentDraft,
)
from agent_app.domain.problems import Problem, Severity

ADDRESS_PART_MAX_LENGTH = 200
PLACE_MAX_LENGTH = 100


@dataclass(frozen=True, slots=True)
class EnrolmentRules:
    """The parameters of enrolment validation; the centre's reference data may replace them."""

    child_age_limit: int = 21
    student_age_limit: int = 26  # unmarried children in higher education
    min_applicant_age: int = 18
    min_spouse_age: int = 18
    max_age_years: int = 120
    max_dependents: int = 20
    max_spouses: int = 4


def _error(code: str, field: str, **params: str) -> Problem:
    return Problem(code, field, Severity.ERROR, params)


def _warning(code: str, field: str, **params: str) -> Problem:
    return Problem(code, field, Severity.WARNING, params)


def child_is_covered(
    age: int, *, student: bool, married: bool, disabled: bool, rules: EnrolmentRules
) -> bool:
    """Whether a child of ``age`` whole years may be declared as a dependent."""
    if disabled:
        return True
    if age <= rules.child_age_limit:
        return True
    return age <= rules.student_age_limit and student and not married


def normalise_enrolment(draft: EnrolmentDraft) -> EnrolmentDraft:
    """The draft with names in capitals and identifiers in their stored form.

    A phone number that cannot be read is left as typed, for :func:`validate_enrolment` to
    report; nothing here raises.
    """
    try:
        phone = ids.normalise_phone(draft.mobile_phone)
    except ValueError:
        phone = draft.mobile_phone.strip()
    return replace(
        draft,
        last_name=ids.normalise_name(draft.last_name, capitals=True),
        first_name=ids.normalise_name(draft.first_name, capitals=True),
        last_name_ar=_optional_name(draft.last_name_ar),
        first_name_ar=_optional_name(draft.first_name_ar),
        cin=ids.normalise_cin(draft.cin),
        immatriculation=ids.normalise_immatriculation(draft.immatriculation or "") or None,
        nationality=ids.normalise_nationality(draft.nationality),
        mobile_phone=phone,
        email=ids.normalise_email(draft.email or "") or None,
        category_code=draft.category_code.strip(),
        subcategory_code=draft.subcategory_code.strip(),
        personal_address=_normalise_address(draft.personal_address),
        professional_address=_normalise_address(draft.professional_address),
        signature_place=ids.normalise_name(draft.signature_place),
        dependents=tuple(_normalise_dependent(dependent) for dependent in draft.dependents),
    )


def _optional_name(value: str | None) -> str | None:
    return ids.normalise_name(value or "") or None


def _normalise_address(address: Address) -> Address:
    return Address(
        line=ids.normalise_name(address.line),
        district=ids.normalise_name(address.district),
        commune=ids.normalise_name(address.commune),
        city=ids.normalise_name(address.city),
        postal_code=ids.normalise_postal_code(address.postal_code),
    )


def _normalise_dependent(dependent: DependentDraft) -> DependentDraft:
    return replace(
        dependent,
        last_name=ids.normalise_name(dependent.last_name, capitals=True),
        first_name=ids.normalise_name(dependent.first_name, capitals=True),
        cin=ids.normalise_cin(dependent.cin or "") or None,
    )


def validate_enrolment(
    draft: EnrolmentDraft,
    rules: EnrolmentRules,
    today: date,
    categories: Mapping[str, frozenset[str]],
) -> list[Problem]:
    """Every problem with ``draft``, errors and warnings, in the order of the form.

    ``categories`` maps each TNS category code to the codes of its sub-categories.
    """
    return [
        *_identity(draft, rules, today),
        *ids.check_mobile_phone(draft.mobile_phone, "mobile_phone"),
        *ids.check_email(draft.email, "email"),
        *_category(draft, categories),
        *_address(draft.personal_address, "personal_address"),
        *_address(draft.professional_address, "professional_address"),
        *_signature(draft, today),
        *_dependents(draft, rules, today),
    ]


def _identity(draft: EnrolmentDraft, rules: EnrolmentRules, today: date) -> list[Problem]:
    problems = [
        *ids.check_person_name(draft.last_name, "last_name", latin_only=True),
        *ids.check_person_name(draft.first_name, "first_name", latin_only=True),
        *ids.check_arabic_name(draft.last_name_ar, "last_name_ar"),
        *ids.check_arabic_name(draft.first_name_ar, "first_name_ar"),
        *ids.check_cin(draft.cin, "cin", required=True),
        *ids.check_nationality(draft.nationality, "nationality"),
    ]
    if ids.normalise_immatriculation(draft.immatriculation or ""):
        problems += ids.check_immatriculation(draft.immatriculation, "immatriculation")
    birth_problems = _birth_date(draft.birth_date, "birth_date", rules, today)
    problems += birth_problems
    age = age_on(draft.birth_date, today)
    if not birth_problems and age < rules.min_applicant_age:
        problems.append(
            _error(
                "enrolment.applicant_too_young",
                "birth_date",
                age=str(age),
                min_age=str(rules.min_applicant_age),
            )
        )
    return problems


def _birth_date(birth: date, field: str, rules: EnrolmentRules, today: date) -> list[Problem]:
    if birth > today:
        return [_error("birth_date.in_future", field)]
    if age_on(birth, today) > rules.max_age_years:
        return [_error("birth_date.too_old", field, max_age=str(rules.max_age_years))]
    return []


def _category(draft: EnrolmentDraft, categories: Mapping[str, frozenset[str]]) -> list[Problem]:
    category, subcategory = draft.category_code.strip(), draft.subcategory_code.strip()
    if not categories:
        return [_error("enrolment.categories_not_loaded", "category_code")]
    if not category:
        return [_error("enrolment.category_required", "category_code")]
    if category not in categories:
        return [_error("enrolment.unknown_category", "category_code")]
    if not subcategory:
        return [_error("enrolment.subcategory_required", "subcategory_code")]
    if subcategory not in categories[category]:
        return [_error("enrolment.unknown_subcategory", "subcategory_code")]
    return []


def _free_text_ok(text: str, max_length: int) -> bool:
    return len(text) <= max_length and text.isprintable()


def _address(address: Address, prefix: str) -> list[Problem]:
    problems = []
    # Street, district and commune are optional: a rural address may have none of them.
    for part in ("line", "district", "commune"):
        value = ids.normalise_name(getattr(address, part))
        if not _free_text_ok(value, ADDRESS_PART_MAX_LENGTH):
            problems.append(
                _error(
                    "address.text_invalid",
                    f"{prefix}.{part}",
                    max_length=str(ADDRESS_PART_MAX_LENGTH),
                )
            )
    city = ids.normalise_name(address.city)
    if not city:
        problems.append(_error("address.city_required", f"{prefix}.city"))
    elif not _free_text_ok(city, ADDRESS_PART_MAX_LENGTH):
        limit = str(ADDRESS_PART_MAX_LENGTH)
        problems.append(_error("address.text_invalid", f"{prefix}.city", max_length=limit))
    problems += ids.check_postal_code(address.postal_code, f"{prefix}.postal_code")
    return problems


def _signature(draft: EnrolmentDraft, today: date) -> list[Problem]:
    problems = []
    place = ids.normalise_name(draft.signature_place)
    if not place:
        problems.append(_error("enrolment.signature_place_required", "signature_place"))
    elif not _free_text_ok(place, PLACE_MAX_LENGTH):
        problems.append(
            _error("address.text_invalid", "signature_place", max_length=str(PLACE_MAX_LENGTH))
        )
    if draft.signature_date > today:
        problems.append(_error("enrolment.signature_in_future", "signature_date"))
    if not draft.notice_acknowledged:
        problems.append(_error("enrolment.notice_not_acknowledged", "notice_acknowledged"))
    return problems


def _dependents(draft: EnrolmentDraft, rules: EnrolmentRules, today: date) -> list[Problem]:
    problems = []
    if len(draft.dependents) > rules.max_dependents:
        problems.append(
            _error(
                "enrolment.too_many_dependents",
                "dependents",
                maximum=str(rules.max_dependents),
            )
        )
    spouses = sum(d.relationship is DependentRelationship.SPOUSE for d in draft.dependents)
    if spouses > rules.max_spouses:
        problems.append(
            _error("enrolment.too_many_spouses", "dependents", maximum=str(rules.max_spouses))
        )
    for index, dependent in enumerate(draft.dependents):
        problems += _dependent(dependent, f"dependents[{index}]", draft, rules, today)
    problems += _duplicate_cins(draft)
    return problems


def _dependent(
    dependent: DependentDraft,
    prefix: str,
    draft: EnrolmentDraft,
    rules: EnrolmentRules,
    today: date,
) -> list[Problem]:
    problems = [
        *ids.check_person_name(dependent.last_name, f"{prefix}.last_name", latin_only=True),
        *ids.check_person_name(dependent.first_name, f"{prefix}.first_name", latin_only=True),
        *ids.check_cin(dependent.cin, f"{prefix}.cin", required=False),
    ]
    birth_field = f"{prefix}.birth_date"
    birth_problems = _birth_date(dependent.birth_date, birth_field, rules, today)
    problems += birth_problems
    age = age_on(dependent.birth_date, today)
    if dependent.relationship is DependentRelationship.SPOUSE:
        if dependent.is_kafala:
            problems.append(_error("dependent.kafala_not_child", f"{prefix}.is_kafala"))
        if not ids.normalise_cin(dependent.cin or ""):
            problems.append(_warning("dependent.spouse_cin_missing", f"{prefix}.cin"))
        if not birth_problems and age < rules.min_spouse_age:
            problems.append(
                _warning("dependent.spouse_minor", birth_field, min_age=str(rules.min_spouse_age))
            )
        return problems
    if birth_problems:
        return problems
    if dependent.birth_date <= draft.birth_date:
        problems.append(_error("dependent.child_older_than_applicant", birth_field))
    covered = child_is_covered(
        age,
        student=dependent.is_student,
        married=dependent.is_married,
        disabled=dependent.is_disabled,
        rules=rules,
    )
    if not covered:
        problems.append(
            _error(
                "dependent.child_too_old",
                birth_field,
                age=str(age),
                child_age_limit=str(rules.child_age_limit),
                student_age_limit=str(rules.student_age_limit),
            )
        )
    return problems


def _duplicate_cins(draft: EnrolmentDraft) -> list[Problem]:
    """The same CIN twice among the applicant and the dependents: one of them is mistyped."""
    problems = []
    first_holder: dict[str, int | None] = {}  # CIN -> dependent index, None for the applicant
    applicant_cin = ids.normalise_cin(draft.cin)
    if applicant_cin:
        first_holder[applicant_cin] = None
    for index, dependent in enumerate(draft.dependents):
        cin = ids.normalise_cin(dependent.cin or "")
        if not cin:
            continue
        if cin not in first_holder:
            first_holder[cin] = index
            continue
        holder = first_holder[cin]
        field = f"dependents[{index}].cin"
        if holder is None:
            problems.append(_error("dependent.cin_same_as_applicant", field))
        else:
            problems.append(_error("dependent.cin_duplicate", field, other=str(holder + 1)))
    return problems


def likely_duplicate(earlier_receipt_no: str) -> Problem:
    """The warning raised when this CIN was already enrolled at this point."""
    return _warning("enrolment.likely_duplicate", "cin", receipt_no=earlier_receipt_no)
