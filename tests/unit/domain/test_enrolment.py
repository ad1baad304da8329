"""An AMO-TNS enrolment (form 328-1-01) and its dependents, checked at the counter."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date, timedelta
from typing import Any

import pytest

from agent_app.domain.enrolment import (
    EnrolmentRules,
    child_is_covered,
    normalise_enrolment,
    validate_enrolment,
)
from agent_app.domain.model import EnrolmentDraft
from agent_app.domain.problems import Problem, Severity

from .builders import CATEGORIES, ENROLMENT_RULES, TODAY, address, child, enrolment, spouse

CHILD_TOO_OLD_FR = (
    "Enfant de 23 ans : pris en charge jusqu'à 21 ans, 26 ans s'il poursuit des études et "
    "n'est pas marié, sans limite s'il est handicapé."
)


def problems_of(
    draft: EnrolmentDraft,
    today: date = TODAY,
    categories: dict[str, frozenset[str]] | None = None,
) -> list[Problem]:
    return validate_enrolment(
        draft, ENROLMENT_RULES, today, CATEGORIES if categories is None else categories
    )


def found(draft: EnrolmentDraft, code: str, today: date = TODAY) -> list[Problem]:
    return [problem for problem in problems_of(draft, today) if problem.code == code]


def only(draft: EnrolmentDraft, code: str, today: date = TODAY) -> Problem:
    matches = found(draft, code, today)
    assert len(matches) == 1, problems_of(draft, today)
    return matches[0]


def test_a_complete_enrolment_has_no_problem() -> None:
    assert problems_of(enrolment()) == []


# --- children ------------------------------------------------------------------------------


def test_23_year_old_non_student_child_is_refused_naming_the_rule() -> None:
    draft = enrolment(dependents=(child(23),))
    problem = only(draft, "dependent.child_too_old")
    assert (problem.field, problem.severity) == ("dependents[0].birth_date", Severity.ERROR)
    assert problem.message("fr").startswith(CHILD_TOO_OLD_FR)
    assert "21" in problem.message("ar")
    assert "26" in problem.message("ar")
    assert "up to 21" in problem.message("en")


def test_a_23_year_old_unmarried_student_is_covered() -> None:
    assert problems_of(enrolment(dependents=(child(23, is_student=True),))) == []


def test_a_married_student_of_23_is_not_covered() -> None:
    draft = enrolment(dependents=(child(23, is_student=True, is_married=True),))
    assert only(draft, "dependent.child_too_old").blocking


def test_a_disabled_child_is_covered_at_any_age() -> None:
    assert problems_of(enrolment(dependents=(child(34, is_disabled=True, cin="BJ445566"),))) == []


def test_a_child_is_covered_through_the_year_of_their_21st_birthday() -> None:
    assert problems_of(enrolment(dependents=(child(21),))) == []
    just_22 = child(birth_date=date(TODAY.year - 22, TODAY.month, TODAY.day))
    assert only(enrolment(dependents=(just_22,)), "dependent.child_too_old").params["age"] == "22"
    day_before = just_22.birth_date + timedelta(days=1)
    assert problems_of(enrolment(dependents=(child(birth_date=day_before),))) == []


def test_a_child_born_on_29_february_turns_22_on_1_march_in_a_common_year() -> None:
    draft = enrolment(
        signature_date=date(2026, 2, 20), dependents=(child(birth_date=date(2004, 2, 29)),)
    )
    assert problems_of(draft, today=date(2026, 2, 28)) == []
    assert only(draft, "dependent.child_too_old", today=date(2026, 3, 1)).params["age"] == "22"


def _rule_as_the_law_states_it(age: int, student: bool, married: bool, disabled: bool) -> bool:
    # ANAM's summary of law 65-00, written out independently of the code under test.
    return disabled or age <= 21 or (age <= 26 and student and not married)


@pytest.mark.parametrize(
    ("student", "married", "disabled"), list(itertools.product([False, True], repeat=3))
)
def test_child_age_rule_over_every_age_from_0_to_40(
    student: bool, married: bool, disabled: bool
) -> None:
    for age in range(41):
        expected = _rule_as_the_law_states_it(age, student, married, disabled)
        assert (
            child_is_covered(
                age, student=student, married=married, disabled=disabled, rules=ENROLMENT_RULES
            )
            == expected
        )
        dependent = child(age, is_student=student, is_married=married, is_disabled=disabled)
        refused = found(enrolment(dependents=(dependent,)), "dependent.child_too_old")
        assert (not refused) == expected, (age, refused)


def test_kafala_children_follow_the_rules_of_children() -> None:
    assert problems_of(enrolment(dependents=(child(10, is_kafala=True),))) == []
    assert only(enrolment(dependents=(child(23, is_kafala=True),)), "dependent.child_too_old")


def test_the_age_limits_come_from_the_rules() -> None:
    rules = EnrolmentRules(child_age_limit=18, student_age_limit=25)
    assert not child_is_covered(19, student=False, married=False, disabled=False, rules=rules)
    assert child_is_covered(25, student=True, married=False, disabled=False, rules=rules)
    draft = enrolment(dependents=(child(19),))
    [problem] = validate_enrolment(draft, rules, TODAY, CATEGORIES)
    assert problem.params == {"age": "19", "child_age_limit": "18", "student_age_limit": "25"}


def test_a_child_born_before_the_applicant_is_refused() -> None:
    draft = enrolment(dependents=(child(birth_date=date(1980, 1, 1), is_disabled=True),))
    assert only(draft, "dependent.child_older_than_applicant").field == "dependents[0].birth_date"


def test_a_dependent_problem_names_the_dependent_by_position() -> None:
    draft = enrolment(dependents=(spouse(), child(), child(birth_date=TODAY + timedelta(days=2))))
    assert only(draft, "birth_date.in_future").field == "dependents[2].birth_date"
    names = enrolment(dependents=(spouse(first_name=""),))
    assert only(names, "name.required").field == "dependents[0].first_name"


# --- spouses -------------------------------------------------------------------------------


def test_a_spouse_under_18_is_a_warning_since_a_judge_may_allow_the_marriage() -> None:
    young = spouse(birth_date=date(TODAY.year - 17, 1, 1))
    problem = only(enrolment(dependents=(young,)), "dependent.spouse_minor")
    assert (problem.severity, problem.params) == (Severity.WARNING, {"min_age": "18"})


def test_a_spouse_without_cin_is_a_warning() -> None:
    problem = only(enrolment(dependents=(spouse(cin=None),)), "dependent.spouse_cin_missing")
    assert (problem.severity, problem.field) == (Severity.WARNING, "dependents[0].cin")


def test_kafala_applies_to_children_only() -> None:
    draft = enrolment(dependents=(spouse(is_kafala=True),))
    assert only(draft, "dependent.kafala_not_child").field == "dependents[0].is_kafala"


def test_too_many_spouses_or_dependents_are_refused() -> None:
    spouses = tuple(spouse(cin=f"BE10000{n}") for n in range(5))
    assert only(enrolment(dependents=spouses), "enrolment.too_many_spouses").params == {
        "maximum": "4"
    }
    children = tuple(child(n % 20, cin=None) for n in range(21))
    assert only(enrolment(dependents=children), "enrolment.too_many_dependents").blocking


# --- duplicate CIN -------------------------------------------------------------------------


def test_a_dependent_with_the_applicant_cin_is_refused() -> None:
    draft = enrolment(dependents=(spouse(cin="ab 123-456"),))
    assert only(draft, "dependent.cin_same_as_applicant").field == "dependents[0].cin"


def test_two_dependents_with_the_same_cin_are_refused_naming_the_first() -> None:
    draft = enrolment(dependents=(spouse(), child(19, cin="BE765432")))
    problem = only(draft, "dependent.cin_duplicate")
    assert (problem.field, problem.params) == ("dependents[1].cin", {"other": "1"})
    assert "n° 1" in problem.message("fr")


# --- applicant -----------------------------------------------------------------------------


def test_the_applicant_is_at_least_18_on_the_day() -> None:
    turning_18_today = date(TODAY.year - 18, TODAY.month, TODAY.day)
    assert problems_of(enrolment(birth_date=turning_18_today, dependents=())) == []
    problem = only(
        enrolment(birth_date=turning_18_today + timedelta(days=1), dependents=()),
        "enrolment.applicant_too_young",
    )
    assert problem.params == {"age": "17", "min_age": "18"}


def test_names_are_required_and_in_latin_letters_and_lower_case_is_fine() -> None:
    assert only(enrolment(last_name=" "), "name.required").field == "last_name"
    assert only(enrolment(first_name="فاطمة"), "name.not_latin_script").field == "first_name"
    assert problems_of(enrolment(last_name="benani", first_name="fatima zahra")) == []


def test_arabic_names_are_optional_but_in_arabic_script_when_given() -> None:
    assert problems_of(enrolment(last_name_ar=None, first_name_ar="")) == []
    assert only(enrolment(last_name_ar="BENANI"), "name.not_arabic_script").field == (
        "last_name_ar"
    )


def test_the_cin_is_required_and_the_immatriculation_optional() -> None:
    assert only(enrolment(cin=""), "cin.required").field == "cin"
    assert problems_of(enrolment(immatriculation="")) == []
    assert problems_of(enrolment(immatriculation="987 654 321")) == []
    assert only(enrolment(immatriculation="98765"), "immatriculation.not_9_digits").blocking


def test_the_notice_must_have_been_shown_to_the_applicant() -> None:
    problem = only(enrolment(notice_acknowledged=False), "enrolment.notice_not_acknowledged")
    assert (problem.field, problem.severity) == ("notice_acknowledged", Severity.ERROR)


def test_category_and_sub_category_come_from_the_reference_list() -> None:
    assert only(enrolment(category_code="XXX"), "enrolment.unknown_category").blocking
    assert only(enrolment(subcategory_code="LIB-MED"), "enrolment.unknown_subcategory").blocking
    assert only(enrolment(category_code=""), "enrolment.category_required").blocking
    assert only(enrolment(subcategory_code=" "), "enrolment.subcategory_required").blocking
    [problem] = problems_of(enrolment(), categories={})
    assert problem.code == "enrolment.categories_not_loaded"


def test_both_addresses_need_a_city_and_a_five_digit_postal_code() -> None:
    draft = enrolment(
        personal_address=address(city=" "),
        professional_address=address(postal_code="2025"),
    )
    assert {(p.code, p.field) for p in problems_of(draft)} == {
        ("address.city_required", "personal_address.city"),
        ("postal_code.not_5_digits", "professional_address.postal_code"),
    }


def test_a_rural_address_may_have_no_street_district_or_commune() -> None:
    rural = address(line="", district="", commune="", city="Tiznit", postal_code="85000")
    assert problems_of(enrolment(personal_address=rural)) == []


def test_the_signature_has_a_place_and_a_date_not_in_the_future() -> None:
    assert only(enrolment(signature_place=""), "enrolment.signature_place_required").blocking
    late = enrolment(signature_date=TODAY + timedelta(days=1))
    assert only(late, "enrolment.signature_in_future").field == "signature_date"
    assert problems_of(enrolment(signature_date=TODAY - timedelta(days=10))) == []


def test_a_foreign_mobile_is_a_warning_and_a_landline_an_error() -> None:
    assert not only(enrolment(mobile_phone="+33612345678"), "phone.foreign").blocking
    assert only(enrolment(mobile_phone="0522123456"), "phone.not_mobile").blocking


def test_the_email_is_optional_but_well_formed_when_given() -> None:
    assert problems_of(enrolment(email=None)) == []
    assert only(enrolment(email="benani@"), "email.invalid").field == "email"


# --- every field is looked at --------------------------------------------------------------

# For each field of EnrolmentDraft, a change that the rules must report against that field.
# sex is an enumeration with no wrong value; it is carried as typed.
BAD_FIELD_CHANGES: dict[str, dict[str, Any]] = {
    "last_name": {"last_name": "B3NANI"},
    "first_name": {"first_name": ""},
    "last_name_ar": {"last_name_ar": "Benani"},
    "first_name_ar": {"first_name_ar": "فاطمة 2"},
    "cin": {"cin": "AB/12"},
    "immatriculation": {"immatriculation": "12"},
    "nationality": {"nationality": "Maroc"},
    "mobile_phone": {"mobile_phone": "12"},
    "email": {"email": "x@y"},
    "category_code": {"category_code": "NOPE"},
    "subcategory_code": {"subcategory_code": "NOPE"},
    "birth_date": {"birth_date": TODAY - timedelta(days=365 * 10)},
    "personal_address": {"personal_address": address(postal_code="")},
    "professional_address": {"professional_address": address(city="")},
    "signature_place": {"signature_place": "   "},
    "signature_date": {"signature_date": TODAY + timedelta(days=30)},
    "notice_acknowledged": {"notice_acknowledged": False},
    "dependents": {"dependents": (child(30),)},
}


def test_every_field_of_the_enrolment_form_is_checked() -> None:
    checked = set(BAD_FIELD_CHANGES) | {"sex"}
    assert checked == {field.name for field in dataclasses.fields(EnrolmentDraft)}


@pytest.mark.parametrize("field", sorted(BAD_FIELD_CHANGES))
def test_a_bad_value_is_reported_beside_its_field(field: str) -> None:
    problems = problems_of(enrolment(**BAD_FIELD_CHANGES[field]))
    assert any(problem.field.split(".")[0].split("[")[0] == field for problem in problems), problems


def test_every_address_part_is_checked() -> None:
    for part in ("line", "district", "commune", "city"):
        draft = enrolment(personal_address=address(**{part: "x" * 201}))
        assert only(draft, "address.text_invalid").field == f"personal_address.{part}"


# --- normalisation -------------------------------------------------------------------------


def test_normalising_puts_names_in_capitals_and_identifiers_in_stored_form() -> None:
    typed = enrolment(
        last_name="  benani ",
        first_name="fatima   zahra",
        cin="ab 123456",
        immatriculation=" ",
        nationality="ma ",
        mobile_phone="06 61 23 45 67",
        email=" f.benani@EXAMPLE.MA ",
        dependents=(spouse(last_name="tazi", cin="be-765432"), child(cin="")),
    )
    tidy = normalise_enrolment(typed)
    assert (tidy.last_name, tidy.first_name) == ("BENANI", "FATIMA ZAHRA")
    assert (tidy.cin, tidy.immatriculation, tidy.nationality) == ("AB123456", None, "MA")
    assert tidy.mobile_phone == "+212661234567"
    assert tidy.email == "f.benani@example.ma"
    assert tidy.dependents[0].last_name == "TAZI"
    assert tidy.dependents[0].cin == "BE765432"
    assert tidy.dependents[1].cin is None
    assert problems_of(tidy) == problems_of(typed) == []
    assert normalise_enrolment(tidy) == tidy


def test_normalising_leaves_an_unreadable_phone_for_validation_to_report() -> None:
    tidy = normalise_enrolment(enrolment(mobile_phone=" 12 "))
    assert tidy.mobile_phone == "12"
    assert only(tidy, "phone.invalid").field == "mobile_phone"
