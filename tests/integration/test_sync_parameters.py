"""CNSS's rule parameters come from CNSS: a deadline the centre publishes is the one the
counter's claim rules apply after the next sync, over the seed and over a local setting."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from agent_app.errors import AppError
from agent_app.services.claims import check_claim, record_claim
from agent_app.services.settings import change_settings, read_settings, set_by_centre
from agent_app.services.sync import activate, run_sync
from tests.builders import claim_draft
from tests.sync.conftest import central as central  # the real centre, as a fixture here

DEADLINE_MONTHS = "rules.claim.deposit_deadline_months"


def _late_warnings(store, draft, clock) -> list[str]:
    return [p.code for p in check_claim(store, draft, clock) if p.code == "claim.late_deposit"]


def test_a_deposit_deadline_published_by_the_centre_moves_the_late_deposit_warning(
    store, supervisor, clerk, clock, central
):
    # First act 76 days before the deposit: late under 2 months, on time under 3.
    draft = claim_draft(first_act_date=dt.date(2026, 9, 5))
    assert _late_warnings(store, draft, clock) == ["claim.late_deposit"]
    change_settings(store, supervisor, {DEADLINE_MONTHS: 1}, clock=clock)  # a local setting
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    published = central.cli(
        "set-parameter",
        "--data-dir",
        str(central.data_dir),
        "--db",
        central.db_url,
        "--code",
        "deposit_deadline_months",
        "--value",
        "3",
    )
    assert "version 2" in published.stdout

    report = run_sync(store, force_seal=True, clock=clock)

    assert report.ok and report.reference_version == "2", report
    assert _late_warnings(store, draft, clock) == []
    assert read_settings(store)[DEADLINE_MONTHS] == 3
    assert set_by_centre(store) == {
        DEADLINE_MONTHS: 3,
        "rules.claim.continuous_treatment_deadline_days": 60,  # published as seeded
    }
    with pytest.raises(AppError) as refused:
        change_settings(store, supervisor, {DEADLINE_MONTHS: 2}, clock=clock)
    assert refused.value.code == "setting.set_by_centre"
    assert "CNSS" in refused.value.message("fr")
    # The centre judges with the same deadline: recorded with no reason, accepted.
    record_claim(store, clerk, draft, clock=clock)
    second = run_sync(store, force_seal=True, clock=clock)
    assert second.ok and second.rejected == 0 and second.accepted >= 1, second
    assert central.stats()["claims"] == 1

    # Four months late is late under the centre's 3 months too.
    later = dataclasses.replace(draft, first_act_date=dt.date(2026, 7, 10))
    assert _late_warnings(store, later, clock) == ["claim.late_deposit"]


def test_a_shorter_treatment_deadline_published_by_the_centre_makes_a_deposit_late(
    store, supervisor, clock, central
):
    # End of a continuous treatment 50 days ago, first act long before: on time under 60 days.
    draft = claim_draft(
        first_act_date=dt.date(2026, 6, 1), end_of_treatment_date=dt.date(2026, 10, 1)
    )
    assert _late_warnings(store, draft, clock) == []
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    central.cli(
        "set-parameter",
        "--data-dir",
        str(central.data_dir),
        "--db",
        central.db_url,
        "--code",
        "deposit_deadline_days",
        "--value",
        "45",
    )

    assert run_sync(store, force_seal=True, clock=clock).ok

    assert _late_warnings(store, draft, clock) == ["claim.late_deposit"]
