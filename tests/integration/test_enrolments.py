"""AMO-TNS enrolments with dependents, and demo data kept apart from real files."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from agent_app.domain.model import DependentDraft, DependentRelationship, Sex
from agent_app.errors import AppError
from agent_app.services.claims import ProblemsError, record_claim
from agent_app.services.demo_data import generate
from agent_app.services.enrolments import enrol
from agent_app.services.integrity import verify
from agent_app.services.lookup import find_enrolments
from agent_app.store.models import Dependent, Enrolment
from tests.builders import child, claim_draft, enrolment_draft

TODAY = dt.date(2026, 11, 20)


def years_ago(years: int, days: int = 0) -> dt.date:
    return TODAY.replace(year=TODAY.year - years) - dt.timedelta(days=days)


def spouse() -> DependentDraft:
    return DependentDraft(
        relationship=DependentRelationship.SPOUSE,
        last_name="El Amrani",
        first_name="Rachid",
        birth_date=years_ago(48),
        sex=Sex.MALE,
        cin="BK111222",
    )


def test_enrolment_with_spouse_student_and_disabled_children_is_recorded(store, clerk, clock):
    family = (
        spouse(),
        child(years_ago(24), student=True),
        child(years_ago(30), disabled=True),
        child(years_ago(9)),
    )
    recorded = enrol(store, clerk, enrolment_draft(dependents=family), clock=clock)
    with store.read() as session:
        row = session.scalars(sa.select(Enrolment)).one()
        dependents = session.scalars(sa.select(Dependent).order_by(Dependent.position)).all()
    assert row.last_name == "EL AMRANI" and row.first_name == "KHADIJA"
    assert row.mobile_phone == "+212612345678"
    assert [d.relationship for d in dependents] == ["spouse", "child", "child", "child"]
    assert dependents[2].is_disabled
    (listed,) = find_enrolments(store, "bk654321")
    assert listed.receipt_no == recorded.receipt_no and listed.dependents == 4
    assert verify(store).ok


def test_a_23_year_old_non_student_child_is_refused_naming_the_rule(store, clerk, clock):
    draft = enrolment_draft(dependents=(child(years_ago(23)),))
    with pytest.raises(ProblemsError) as raised:
        enrol(store, clerk, draft, clock=clock)
    (problem,) = raised.value.problems
    assert problem.code == "dependent.child_too_old"
    assert problem.field == "dependents[0].birth_date"
    message = problem.message("fr")
    assert "21 ans" in message and "26 ans" in message
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count(Enrolment.id))) == 0


def test_the_same_cin_enrolled_twice_needs_a_reason(store, clerk, clock):
    first = enrol(store, clerk, enrolment_draft(), clock=clock)
    with pytest.raises(ProblemsError) as raised:
        enrol(store, clerk, enrolment_draft(), clock=clock)
    assert raised.value.problems[0].code == "enrolment.likely_duplicate"
    assert first.receipt_no in raised.value.problems[0].message("ar")
    enrol(
        store,
        clerk,
        enrolment_draft(),
        {"enrolment.likely_duplicate": "nouvelle activité"},
        clock=clock,
    )


def test_demo_data_is_refused_on_a_store_with_real_deposits(store, clerk, clock):
    record_claim(store, clerk, claim_draft(), clock=clock)
    with pytest.raises(AppError) as raised:
        generate(store, 10, 0, seed=1, clock=clock)
    assert raised.value.code == "demo.real_store"


def test_demo_data_is_valid_and_verifiable(store, clock):
    generate(store, 120, 5, seed=2, clock=clock, chunk=50)
    with store.read() as session:
        claims = session.scalar(sa.text("SELECT count(*) FROM claims WHERE demo = 1"))
        enrolments = session.scalar(sa.text("SELECT count(*) FROM enrolments WHERE demo = 1"))
    assert (claims, enrolments) == (120, 5)
    report = verify(store)
    assert report.ok and report.audit_entries > 125
