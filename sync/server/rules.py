"""The centre's own business rules for items that are well formed.

Written here, independently of the counter app, so a bug in the counter's validation cannot
slip through: the deposit deadline and the coverage ages of an enrolment's children. The
thresholds are reference-data parameters (:class:`RuleParameters`). Each rule answers a
rejection code from the reference data, or ``None``. This module never touches the database
and never puts a value of an item into a message (only field names and positions).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sync.protocol.schema import ClaimItem, EnrolmentItem

LATE_DEPOSIT_CONFIRMATION = "late_deposit"


@dataclass(frozen=True, slots=True)
class RuleParameters:
    deposit_deadline_days: int = 60
    deposit_deadline_months: int = 2
    child_age_limit_years: int = 21
    student_age_limit_years: int = 26

    @classmethod
    def from_reference(cls, values: Mapping[str, int]) -> RuleParameters:
        defaults = cls()
        return cls(
            deposit_deadline_days=values.get(
                "deposit_deadline_days", defaults.deposit_deadline_days
            ),
            deposit_deadline_months=values.get(
                "deposit_deadline_months", defaults.deposit_deadline_months
            ),
            child_age_limit_years=values.get(
                "child_age_limit_years", defaults.child_age_limit_years
            ),
            student_age_limit_years=values.get(
                "student_age_limit_years", defaults.student_age_limit_years
            ),
        )


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deposit_deadline(
    first_act: dt.date, end_of_treatment: dt.date | None, rules: RuleParameters
) -> dt.date:
    """The last day a care sheet is on time.

    The later of "60 days" and "2 calendar months" after the first act (or after the end of a
    continuous treatment, when given): the centre never refuses as late a sheet that either
    reading of the rule deems on time.
    """
    start = first_act if end_of_treatment is None else max(first_act, end_of_treatment)
    by_days = start + dt.timedelta(days=rules.deposit_deadline_days)
    by_months = _add_months(start, rules.deposit_deadline_months)
    return max(by_days, by_months)


def claim_rule(claim: ClaimItem, rules: RuleParameters) -> tuple[str, str] | None:
    """(rejection code, field) if ``claim`` breaks a centre rule."""
    if claim.request_kind == "prior_approval":
        return None  # filed before the care: no deposit deadline applies
    deadline = deposit_deadline(claim.first_act_date, claim.end_of_treatment_date, rules)
    confirmed = any(code == LATE_DEPOSIT_CONFIRMATION for code, _ in claim.confirmations)
    if claim.deposit_day > deadline and not confirmed:
        field = "end_of_treatment_date" if claim.end_of_treatment_date else "first_act_date"
        return "late_deposit", field
    return None


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - (0 if (day.month, day.day) >= (birth.month, birth.day) else 1)


def child_is_covered(
    age: int, *, student: bool, married: bool, disabled: bool, rules: RuleParameters
) -> bool:
    if disabled:
        return True
    if age <= rules.child_age_limit_years:
        return True
    return age <= rules.student_age_limit_years and student and not married


def enrolment_rule(enrolment: EnrolmentItem, rules: RuleParameters) -> tuple[str, str] | None:
    """(rejection code, field) if a dependent of ``enrolment`` is not covered.

    Ages are taken on the day the insured signed the form: that is the day coverage is asked.
    """
    for position, dependent in enumerate(enrolment.dependents, start=1):
        if dependent.relationship != "child":
            continue
        age = _age_on(dependent.birth_date, enrolment.signature_date)
        if not child_is_covered(
            age,
            student=dependent.is_student,
            married=dependent.is_married,
            disabled=dependent.is_disabled,
            rules=rules,
        ):
            return "dependent_not_covered", f"dependents[{position}].birth_date"
    return None
