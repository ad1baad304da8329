"""Closing a day, exporting its deposits, the alerts and the supervisor's settings, on a
real SQLCipher store."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
import sqlalchemy as sa

from agent_app.domain.model import ClaimStatus
from agent_app.errors import AppError
from agent_app.services.claims import record_claim, void_claim
from agent_app.services.days import close_day, day_closure, is_day_closed
from agent_app.services.integrity import verify
from agent_app.services.lookup import claim_events, claim_ids, claim_rows_by_ids
from agent_app.services.reports import export_day_csv, unacknowledged_deposits
from agent_app.services.settings import change_settings, read_settings
from agent_app.services.users import authenticate
from agent_app.store.models import AuditEntry, Claim
from agent_app.store.repo import get_setting
from tests.builders import claim_draft


def audit_entries(store, action):
    with store.read() as session:
        return list(session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)))


def test_a_supervisor_closes_the_day_with_its_totals(store, clerk, supervisor, clock):
    record_claim(store, clerk, claim_draft(), clock=clock)
    second = record_claim(
        store, clerk, claim_draft(insured_immatriculation="987654321"), clock=clock
    )
    void_claim(store, supervisor, second.receipt_no, "erreur de saisie", clock=clock)
    clock.advance(hours=8)

    closure = close_day(store, supervisor, clock.now.date(), clock)

    assert (closure.claims, closure.voided, closure.declared_total_centimes) == (1, 1, 45_000)
    assert (closure.documents, closure.enrolments) == (3, 0)
    assert closure.closed_by == "chef"
    assert closure.closed_at == clock.now
    assert is_day_closed(store, clock.now.date())
    assert day_closure(store, clock.now.date()) == closure
    with store.read() as session:
        stored = json.loads(get_setting(session, "day.closed.2026-11-20") or "")
    assert stored["closed_by"] == "chef" and stored["claims"] == 1
    [entry] = audit_entries(store, "day.close")
    assert (entry.actor, entry.subject_kind, entry.subject_ref) == ("chef", "day", "2026-11-20")
    assert json.loads(entry.details)["declared_total_centimes"] == 45_000
    assert verify(store).ok


def test_a_day_is_closed_only_once(store, supervisor, clock):
    close_day(store, supervisor, clock.now.date(), clock)
    clock.advance(minutes=5)
    with pytest.raises(AppError) as refused:
        close_day(store, supervisor, clock.now.date(), clock)
    assert refused.value.code == "day.already_closed"
    assert refused.value.message("fr") == (
        "La journée du 20/11/2026 est déjà clôturée (le 20/11/2026 10:30 par chef) : "
        "rien n'a été modifié."
    )
    assert len(audit_entries(store, "day.close")) == 1


def test_a_clerk_cannot_close_the_day(store, clerk, clock):
    with pytest.raises(AppError) as refused:
        close_day(store, clerk, clock.now.date(), clock)
    assert refused.value.code == "auth.forbidden"
    assert not is_day_closed(store, clock.now.date())


def test_a_day_to_come_cannot_be_closed(store, supervisor, clock):
    with pytest.raises(AppError) as refused:
        close_day(store, supervisor, clock.now.date() + dt.timedelta(days=1), clock)
    assert refused.value.code == "day.in_future"


def test_an_earlier_day_left_open_can_still_be_closed(store, supervisor, clock):
    yesterday = clock.now.date() - dt.timedelta(days=1)
    assert day_closure(store, yesterday) is None
    assert close_day(store, supervisor, yesterday, clock).day == yesterday
    assert not is_day_closed(store, clock.now.date())


def test_deposits_waiting_more_than_a_day_for_cnss_are_alerts(store, clerk, supervisor, clock):
    old = record_claim(store, clerk, claim_draft(), clock=clock)
    voided = record_claim(
        store, clerk, claim_draft(insured_immatriculation="987654321"), clock=clock
    )
    void_claim(store, supervisor, voided.receipt_no, "doublon", clock=clock)
    assert unacknowledged_deposits(store, clock.now).total == 0
    clock.advance(hours=23)
    recent = record_claim(
        store, clerk, claim_draft(insured_immatriculation="555666777"), clock=clock
    )
    clock.advance(hours=1, minutes=1)

    alerts = unacknowledged_deposits(store, clock.now)

    assert alerts.total == 1
    [waiting] = alerts.oldest
    assert waiting.receipt_no == old.receipt_no
    assert waiting.age == dt.timedelta(hours=24, minutes=1)
    assert recent.receipt_no not in {d.receipt_no for d in alerts.oldest}


def test_an_acknowledged_deposit_is_no_alert(store, clerk, clock):
    recorded = record_claim(store, clerk, claim_draft(), clock=clock)
    with store.write() as session:
        session.execute(
            sa.update(Claim)
            .where(Claim.receipt_no == recorded.receipt_no)
            .values(status=ClaimStatus.ACCEPTED)
        )
    clock.advance(days=3)
    assert unacknowledged_deposits(store, clock.now).total == 0


def test_the_day_exports_to_csv_for_a_french_spreadsheet(store, clerk, supervisor, clock, tmp_path):
    first = record_claim(store, clerk, claim_draft(), clock=clock)
    clock.advance(minutes=7)
    second = record_claim(
        store,
        clerk,
        claim_draft(insured_immatriculation="987654321", declared_amount_centimes=123_456),
        clock=clock,
    )
    void_claim(store, supervisor, second.receipt_no, "=SOMME(A1:A9)", clock=clock)
    target = tmp_path / "export" / "jour.csv"

    count = export_day_csv(store, supervisor, clock.now.date(), target, clock=clock)

    assert count == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["N° de reçu", "Date", "Heure"]
    assert rows[0][8] == "Montant déclaré (DH)"
    assert rows[1][:4] == [first.receipt_no, "20/11/2026", "10:30", "123456789"]
    assert rows[1][4:11] == [
        "BENNANI Youssef",
        "BENNANI Youssef",
        "l'assuré",
        "maladie",
        "450,00",
        "3",
        "enregistré",
    ]
    assert rows[2][2] == "10:37"
    assert rows[2][8] == "1234,56"
    assert rows[2][10:] == ["annulé", "'=SOMME(A1:A9)"]  # text, never a formula
    [entry] = audit_entries(store, "day.export")
    assert json.loads(entry.details) == {"format": "csv", "rows": 2}


def test_a_clerk_cannot_export_the_day(store, clerk, clock, tmp_path):
    with pytest.raises(AppError) as refused:
        export_day_csv(store, clerk, clock.now.date(), tmp_path / "x.csv", clock=clock)
    assert refused.value.code == "auth.forbidden"
    assert not (tmp_path / "x.csv").exists()


def test_ids_first_then_rows_in_the_order_asked(store, clerk, clock):
    receipts = []
    for immatriculation in ("111111111", "222222222", "333333333"):
        recorded = record_claim(
            store, clerk, claim_draft(insured_immatriculation=immatriculation), clock=clock
        )
        receipts.append(recorded.receipt_no)
    ids = list(claim_ids(store))
    assert len(ids) == 3
    rows = claim_rows_by_ids(store, ids)
    assert [row.receipt_no for row in rows] == receipts[::-1]  # newest first
    assert list(claim_ids(store, "222222222")) == [rows[1].id]
    assert list(claim_ids(store, "   ", limit=2)) == ids[:2]
    assert claim_rows_by_ids(store, [ids[2], 999_999, ids[0]]) == [rows[2], rows[0]]
    assert claim_rows_by_ids(store, []) == []


def test_claim_events_name_who_acted(store, clerk, supervisor, clock):
    recorded = record_claim(store, clerk, claim_draft(), clock=clock)
    void_claim(store, supervisor, recorded.receipt_no, "erreur", clock=clock)
    events = claim_events(store, recorded.id)
    assert [(e.status, e.actor, e.detail) for e in events] == [
        ("recorded", "agent1", None),
        ("voided", "chef", "erreur"),
    ]


def test_a_supervisor_changes_settings_and_each_change_is_audited(store, supervisor, clock):
    before = read_settings(store)
    assert before["auth.max_failures"] == 5
    assert before["rules.claim.amount_ceiling_centimes"] == 10_000_000

    changes = change_settings(
        store,
        supervisor,
        {"auth.max_failures": 3, "auth.lockout_minutes": 15, "ui.idle_lock_minutes": 10},
        clock=clock,
    )

    assert [(c.key, c.old, c.new) for c in changes] == [
        ("auth.max_failures", 5, 3),
        ("ui.idle_lock_minutes", 5, 10),
    ]  # the lockout minutes did not change: no entry
    assert read_settings(store)["auth.max_failures"] == 3
    details = [json.loads(e.details) for e in audit_entries(store, "settings.change")]
    assert details == [
        {"key": "auth.max_failures", "old": 5, "new": 3},
        {"key": "ui.idle_lock_minutes", "old": 5, "new": 10},
    ]
    assert verify(store).ok


def test_the_new_lockout_threshold_applies_to_logins(store, supervisor, clerk, clock):
    change_settings(store, supervisor, {"auth.max_failures": 3}, clock=clock)
    for _ in range(3):
        with pytest.raises(AppError):
            authenticate(store, "agent1", "wrong password", clock=clock)
    with pytest.raises(AppError) as locked:
        authenticate(store, "agent1", "agent-password", clock=clock)
    assert locked.value.code == "auth.locked"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"device.private_key": 1}, "setting.unknown"),
        ({"auth.max_failures": 0}, "setting.out_of_range"),
        ({"ui.idle_lock_minutes": 10, "rules.claim.deposit_deadline_months": 99}, None),
    ],
)
def test_a_refused_setting_changes_nothing(store, supervisor, clock, changes, code):
    with pytest.raises(AppError) as refused:
        change_settings(store, supervisor, changes, clock=clock)
    assert refused.value.code == (code or "setting.out_of_range")
    assert read_settings(store)["ui.idle_lock_minutes"] == 5
    assert audit_entries(store, "settings.change") == []


def test_a_clerk_cannot_change_settings(store, clerk, clock):
    with pytest.raises(AppError) as refused:
        change_settings(store, clerk, {"auth.max_failures": 4}, clock=clock)
    assert refused.value.code == "auth.forbidden"
