"""A care-sheet deposit at the counter: what would send the file back is caught here."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_app.domain.claims import (
    CHECKLIST_PROBLEMS,
    ClaimRules,
    deposit_deadline,
    normalise_claim,
    validate_claim,
)
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
from agent_app.domain.problems import Problem, Severity, errors

from .builders import CLAIM_RULES, TODAY, child_claim, claim, years_before


def problems_of(
    draft: ClaimDraft, today: date = TODAY, rules: ClaimRules = CLAIM_RULES
) -> list[Problem]:
    return validate_claim(draft, rules, today)


def codes(draft: ClaimDraft, today: date = TODAY) -> set[str]:
    return {problem.code for problem in problems_of(draft, today)}


def only(draft: ClaimDraft, code: str, today: date = TODAY) -> Problem:
    found = [problem for problem in problems_of(draft, today) if problem.code == code]
    assert len(found) == 1, problems_of(draft, today)
    return found[0]


def test_a_complete_claim_has_no_problem() -> None:
    assert problems_of(claim()) == []


# --- deposit deadline ----------------------------------------------------------------------


def test_late_deposit_is_a_warning_naming_the_deadline() -> None:
    draft = claim(first_act_date=date(2026, 1, 10))
    late = only(draft, "claim.late_deposit", today=date(2026, 3, 15))
    assert late.severity is Severity.WARNING
    assert late.field == "first_act_date"
    assert late.params == {"deadline": "10/03/2026", "days_late": "5"}
    assert "10/03/2026" in late.message("fr")
    assert "10/03/2026" in late.message("ar")
    assert "5" in late.message("en")


def test_a_deposit_on_the_deadline_day_is_still_on_time() -> None:
    assert problems_of(claim(first_act_date=date(2026, 1, 16)), today=date(2026, 3, 16)) == []


def test_two_months_after_31_december_ends_on_the_last_day_of_february() -> None:
    assert deposit_deadline(date(2025, 12, 31), None, CLAIM_RULES) == date(2026, 2, 28)
    assert deposit_deadline(date(2027, 12, 31), None, CLAIM_RULES) == date(2028, 2, 29)


def test_a_continuous_treatment_may_be_deposited_60_days_after_its_end() -> None:
    first, end = date(2025, 11, 3), date(2026, 2, 20)
    assert deposit_deadline(first, end, CLAIM_RULES) == date(2026, 4, 21)
    draft = claim(first_act_date=first, end_of_treatment_date=end)
    assert problems_of(draft, today=date(2026, 4, 21)) == []
    late = only(draft, "claim.late_deposit", today=date(2026, 4, 23))
    assert (late.field, late.params["days_late"]) == ("end_of_treatment_date", "2")


def test_a_treatment_ended_the_same_day_keeps_the_general_two_month_deadline() -> None:
    first = date(2026, 1, 31)
    assert deposit_deadline(first, first, CLAIM_RULES) == date(2026, 4, 1)
    assert deposit_deadline(first, None, CLAIM_RULES) == date(2026, 3, 31)


def test_the_deadline_follows_the_rules_it_is_given() -> None:
    rules = ClaimRules(deposit_deadline_months=3, continuous_treatment_deadline_days=90)
    assert deposit_deadline(date(2026, 1, 15), None, rules) == date(2026, 4, 15)
    assert deposit_deadline(date(2026, 1, 15), date(2026, 2, 1), rules) == date(2026, 5, 2)


act_days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
maybe_days = st.one_of(st.none(), st.integers(min_value=0, max_value=400))


@given(act_days, act_days, maybe_days)
def test_a_later_first_act_never_brings_the_deadline_forward(
    first: date, other: date, treatment_days: int | None
) -> None:
    earlier, later = sorted((first, other))
    end_earlier = None if treatment_days is None else earlier + timedelta(days=treatment_days)
    end_later = None if treatment_days is None else later + timedelta(days=treatment_days)
    assert deposit_deadline(earlier, end_earlier, CLAIM_RULES) <= deposit_deadline(
        later, end_later, CLAIM_RULES
    )


@given(act_days, maybe_days, st.integers(min_value=0, max_value=800))
def test_a_deposit_is_late_exactly_when_today_is_past_the_deadline(
    first: date, treatment_days: int | None, days_after: int
) -> None:
    end = None if treatment_days is None else first + timedelta(days=treatment_days)
    today = (end or first) + timedelta(days=days_after)
    deadline = deposit_deadline(first, end, CLAIM_RULES)
    assert deadline >= first + timedelta(days=59)  # two months is never less than 59 days
    draft = claim(first_act_date=first, end_of_treatment_date=end)
    assert ("claim.late_deposit" in codes(draft, today)) == (today > deadline)


def test_a_prior_approval_request_is_filed_before_the_care_and_has_no_deadline() -> None:
    draft = claim(
        request_kind=RequestKind.PRIOR_APPROVAL,
        first_act_date=TODAY + timedelta(days=20),
        end_of_treatment_date=TODAY + timedelta(days=40),
    )
    assert problems_of(draft) == []
    old = claim(request_kind=RequestKind.PRIOR_APPROVAL, first_act_date=date(2025, 1, 5))
    assert problems_of(old) == []


# --- dates ---------------------------------------------------------------------------------


def test_care_cannot_have_started_in_the_future() -> None:
    problem = only(claim(first_act_date=TODAY + timedelta(days=1)), "claim.first_act_in_future")
    assert (problem.field, problem.severity) == ("first_act_date", Severity.ERROR)


def test_the_end_of_treatment_comes_after_the_first_act_and_not_after_today() -> None:
    before = claim(end_of_treatment_date=date(2026, 3, 1))
    assert only(before, "claim.end_before_first_act").field == "end_of_treatment_date"
    future = claim(end_of_treatment_date=TODAY + timedelta(days=3))
    assert only(future, "claim.end_in_future").blocking
    assert problems_of(claim(end_of_treatment_date=date(2026, 3, 2))) == []


def test_impossible_dates_do_not_also_produce_a_deadline_warning() -> None:
    draft = claim(first_act_date=date(2025, 1, 10), end_of_treatment_date=date(2025, 1, 1))
    assert codes(draft) == {"claim.end_before_first_act"}


def test_care_before_the_beneficiary_was_born_is_refused() -> None:
    draft = child_claim(0, first_act_date=TODAY - timedelta(days=10))
    assert errors(problems_of(draft))[0].code == "claim.first_act_before_birth"


# --- beneficiary ---------------------------------------------------------------------------


def test_a_birth_date_is_required_and_must_be_plausible() -> None:
    assert only(claim(beneficiary_birth_date=None), "birth_date.required").blocking
    assert only(claim(beneficiary_birth_date=TODAY + timedelta(days=1)), "birth_date.in_future")
    too_old = only(claim(beneficiary_birth_date=date(1900, 1, 1)), "birth_date.too_old")
    assert too_old.params == {"max_age": "120"}


def test_the_beneficiary_sex_is_required() -> None:
    assert only(claim(beneficiary_sex=None), "beneficiary.sex_required").blocking


def test_maternity_care_for_a_male_beneficiary_is_refused() -> None:
    assert only(claim(care_type=CareType.MATERNITY), "claim.maternity_male_beneficiary").blocking
    woman = claim(
        care_type=CareType.MATERNITY,
        beneficiary_relationship=Relationship.SPOUSE,
        beneficiary_name="ALAMI Khadija",
        beneficiary_sex=Sex.FEMALE,
        beneficiary_cin="BE998877",
    )
    assert problems_of(woman) == []


def test_the_insured_as_beneficiary_with_another_cin_is_a_warning() -> None:
    problem = only(claim(beneficiary_cin="BK999999"), "claim.self_cin_mismatch")
    assert (problem.severity, problem.field) == (Severity.WARNING, "beneficiary_cin")


def test_the_insured_as_beneficiary_with_another_name_is_a_warning() -> None:
    assert not only(claim(beneficiary_name="ALAMI Sara"), "claim.self_name_mismatch").blocking


def test_the_same_person_written_in_another_order_or_case_is_the_insured() -> None:
    assert problems_of(claim(beneficiary_name="mohamed  alami")) == []


def test_a_spouse_or_child_carrying_the_insured_cin_is_refused() -> None:
    draft = claim(
        beneficiary_relationship=Relationship.SPOUSE,
        beneficiary_name="ALAMI Khadija",
        beneficiary_sex=Sex.FEMALE,
        beneficiary_cin="bk 123456",
    )
    assert only(draft, "claim.beneficiary_cin_is_insured").blocking


def test_a_child_over_26_is_a_warning_because_a_disabled_child_has_no_age_limit() -> None:
    assert problems_of(child_claim(26)) == []
    problem = only(child_claim(27), "claim.child_over_age_limit")
    assert problem.severity is Severity.WARNING
    assert problem.params == {"age": "27", "age_limit": "26"}


def test_a_child_over_26_on_the_long_term_illness_sheet_raises_nothing() -> None:
    assert problems_of(child_claim(35, form_type=FormType.ALD)) == []


# --- insured -------------------------------------------------------------------------------


def test_the_employer_affiliation_number_is_recognised_in_place_of_the_immatriculation() -> None:
    draft = claim(insured_immatriculation="1234567")
    problem = only(draft, "immatriculation.looks_like_affiliation")
    assert problem.field == "insured_immatriculation"


def test_an_odd_cin_shape_is_a_warning_not_a_refusal() -> None:
    draft = claim(insured_cin="12345678", beneficiary_cin="12345678")
    assert {(p.code, p.severity) for p in problems_of(draft)} == {
        ("cin.odd_shape", Severity.WARNING)
    }


def test_the_insured_cin_is_optional() -> None:
    assert problems_of(claim(insured_cin=None, beneficiary_cin=None)) == []


def test_a_one_word_insured_name_asks_for_the_full_name() -> None:
    draft = claim(insured_name="ALAMI", beneficiary_name="ALAMI")
    assert {p.field for p in problems_of(draft) if p.code == "name.single_word"} == {
        "insured_name",
        "beneficiary_name",
    }


# --- care, amount, documents ---------------------------------------------------------------


def test_at_least_one_care_category_is_ticked() -> None:
    assert only(claim(care_categories=frozenset()), "claim.no_care_category").blocking


def test_a_dental_sheet_without_dental_care_is_refused() -> None:
    draft = claim(form_type=FormType.DENTAL)
    assert only(draft, "claim.dental_form_without_dental_care").blocking
    dental = claim(form_type=FormType.DENTAL, care_categories=frozenset({CareCategory.DENTAL}))
    assert problems_of(dental) == []


def test_dental_care_on_the_general_sheet_is_a_warning() -> None:
    draft = claim(care_categories=frozenset({CareCategory.DENTAL}))
    assert not only(draft, "claim.dental_care_on_general_form").blocking


def test_the_amount_is_positive_and_under_the_ceiling() -> None:
    assert only(claim(declared_amount_centimes=0), "claim.amount_not_positive").blocking
    assert problems_of(claim(declared_amount_centimes=CLAIM_RULES.amount_ceiling_centimes)) == []
    over = only(
        claim(declared_amount_centimes=CLAIM_RULES.amount_ceiling_centimes + 1),
        "claim.amount_over_ceiling",
    )
    assert over.blocking
    assert "100.000,00 DH" in over.message("fr")
    assert "100.000,00 درهم" in over.message("ar")
    assert "MAD 100,000.00" in over.message("en")


def test_a_claim_without_documents_is_refused() -> None:
    assert only(claim(document_count=0), "claim.no_documents").blocking
    assert only(claim(document_count=100), "claim.too_many_documents").params == {"maximum": "99"}


# --- practitioners, FSE --------------------------------------------------------------------


def test_the_prescriber_inpe_is_required_and_nine_digits() -> None:
    assert only(claim(prescriber_inpe=""), "inpe.required").field == "prescriber_inpe"
    assert only(claim(prescriber_inpe="1234"), "inpe.not_9_digits").field == "prescriber_inpe"


def test_the_facility_inpe_is_optional_but_nine_digits_when_given() -> None:
    assert problems_of(claim(facility_inpe="")) == []
    assert problems_of(claim(facility_inpe="200000001")) == []
    assert only(claim(facility_inpe="2000"), "inpe.not_9_digits").field == "facility_inpe"


def test_the_fse_number_is_opaque_but_printable_and_short() -> None:
    assert problems_of(claim(fse_number="FSE/2026-QR:ab12" + "x" * 48)) == []
    assert only(claim(fse_number="x" * 65), "claim.fse_invalid").field == "fse_number"
    assert only(claim(fse_number="AB\x0012"), "claim.fse_invalid").blocking


# --- checklist -----------------------------------------------------------------------------


def test_missing_originals_is_an_error() -> None:
    draft = claim(checklist=frozenset(ChecklistItem) - {ChecklistItem.ORIGINALS_ATTACHED})
    problem = only(draft, "claim.originals_missing")
    assert (problem.field, problem.severity) == ("checklist.originals_attached", Severity.ERROR)


@pytest.mark.parametrize("item", list(ChecklistItem))
def test_every_unticked_checklist_item_blocks_the_deposit(item: ChecklistItem) -> None:
    draft = claim(checklist=frozenset(ChecklistItem) - {item})
    [problem] = problems_of(draft)
    assert (problem.code, problem.field) == (CHECKLIST_PROBLEMS[item], f"checklist.{item.value}")
    assert problem.blocking


# --- every field is looked at --------------------------------------------------------------

# For each field of ClaimDraft, a change that the rules must report against that field.
# request_kind holds no value to check: it switches the date rules (tested above).
BAD_FIELD_CHANGES: dict[str, dict[str, Any]] = {
    "form_type": {"care_categories": frozenset({CareCategory.DENTAL})},
    "insured_immatriculation": {"insured_immatriculation": "12345"},
    "insured_name": {"insured_name": ""},
    "insured_cin": {"insured_cin": "BK#1"},
    "beneficiary_relationship": {
        "beneficiary_relationship": Relationship.CHILD,
        "beneficiary_cin": None,
        "beneficiary_birth_date": years_before(TODAY, 40),
    },
    "beneficiary_name": {"beneficiary_name": "X"},
    "beneficiary_birth_date": {"beneficiary_birth_date": None},
    "beneficiary_sex": {"beneficiary_sex": None},
    "beneficiary_cin": {"beneficiary_cin": "B-1-2-3-4-5-6-7-8-9-0"},
    "care_type": {"care_type": CareType.MATERNITY},
    "care_categories": {"care_categories": frozenset()},
    "first_act_date": {"first_act_date": TODAY + timedelta(days=1)},
    "end_of_treatment_date": {"end_of_treatment_date": date(2020, 1, 1)},
    "declared_amount_centimes": {"declared_amount_centimes": -5},
    "document_count": {"document_count": 0},
    "prescriber_inpe": {"prescriber_inpe": "INPE"},
    "facility_inpe": {"facility_inpe": "12"},
    "fse_number": {"fse_number": "FSE\x07"},
    "checklist": {"checklist": frozenset()},
}


def test_every_field_of_the_care_sheet_is_checked() -> None:
    checked = set(BAD_FIELD_CHANGES) | {"request_kind"}
    assert checked == {field.name for field in dataclasses.fields(ClaimDraft)}


@pytest.mark.parametrize("field", sorted(BAD_FIELD_CHANGES))
def test_a_bad_value_is_reported_beside_its_field(field: str) -> None:
    problems = problems_of(claim(**BAD_FIELD_CHANGES[field]))
    assert any(problem.field.split(".")[0] == field for problem in problems), problems


# --- normalisation -------------------------------------------------------------------------


def test_normalising_a_claim_keeps_its_meaning_and_tidies_its_identifiers() -> None:
    typed = claim(
        insured_immatriculation=" 123 456-789 ",
        insured_name="  ALAMI   Mohamed ",
        insured_cin="bk 123456",
        beneficiary_cin="",
        prescriber_inpe="102 345 678",
        facility_inpe="  ",
        fse_number="  FSE-1 ",
    )
    tidy = normalise_claim(typed)
    assert tidy.insured_immatriculation == "123456789"
    assert tidy.insured_name == "ALAMI Mohamed"
    assert tidy.insured_cin == "BK123456"
    assert tidy.beneficiary_cin is None
    assert tidy.prescriber_inpe == "102345678"
    assert tidy.facility_inpe is None
    assert tidy.fse_number == "FSE-1"
    assert problems_of(typed) == problems_of(tidy) == []
    assert normalise_claim(tidy) == tidy
