"""The supervisor page: adding users (passwords typed twice), changing the point's
parameters, each change in the audit log."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from agent_app.services.settings import read_settings
from agent_app.services.users import authenticate
from agent_app.store.models import AuditEntry
from agent_app.ui.pages.supervisor import SupervisorPage
from tests.ui.conftest import wait_for_tasks


@pytest.fixture
def page(qtbot, ctx, supervisor) -> SupervisorPage:
    ctx.actor = supervisor
    shown = SupervisorPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activated()
    wait_for_tasks(qtbot, ctx)
    return shown


def audit_entries(store, action):
    with store.read() as session:
        return list(session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)))


def listed_users(page: SupervisorPage) -> list[list[str]]:
    tree = page.users_list
    return [
        [tree.topLevelItem(row).text(column) for column in range(4)]
        for row in range(tree.topLevelItemCount())
    ]


def fill_new_user(qtbot, page: SupervisorPage, username: str, password: str, again: str) -> None:
    qtbot.keyClicks(page.username, username)
    qtbot.keyClicks(page.display_name, "Fatima Alaoui")
    page.role.setCurrentIndex(page.role.findData("supervisor"))
    qtbot.keyClicks(page.password, password)
    qtbot.keyClicks(page.password_again, again)


def test_the_page_is_for_supervisors_only():
    assert SupervisorPage.supervisor_only


def test_the_users_of_the_point_are_listed(page):
    assert listed_users(page) == [
        ["agent1", "agent1", "agent", "actif"],
        ["chef", "chef", "superviseur", "actif"],
    ]


def test_a_supervisor_adds_a_user(qtbot, ctx, store, page, clock):
    fill_new_user(qtbot, page, "fatima.alaoui", "mot-de-passe-solide", "mot-de-passe-solide")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    wait_for_tasks(qtbot, ctx)
    assert page.user_message.text() == "Utilisateur fatima.alaoui ajouté (superviseur)."
    assert ["fatima.alaoui", "Fatima Alaoui", "superviseur", "actif"] in listed_users(page)
    assert page.username.text() == page.password.text() == ""
    [entry] = [e for e in audit_entries(store, "user.create") if e.subject_ref == "fatima.alaoui"]
    assert entry.actor == "chef" and json.loads(entry.details) == {"role": "supervisor"}
    assert authenticate(store, "fatima.alaoui", "mot-de-passe-solide", clock=clock).username


def test_two_different_passwords_are_refused_before_anything_is_saved(qtbot, ctx, page):
    fill_new_user(qtbot, page, "fatima.alaoui", "mot-de-passe-solide", "mot-de-passe-solidE")
    page.add_user()
    wait_for_tasks(qtbot, ctx)
    assert page.user_message.text() == "Les deux mots de passe saisis diffèrent."
    assert page.user_message.objectName() == "problem"
    assert len(listed_users(page)) == 2


def test_the_services_refusal_is_shown_under_the_form(qtbot, ctx, page):
    fill_new_user(qtbot, page, "chef", "mot-de-passe-solide", "mot-de-passe-solide")
    page.add_user()
    wait_for_tasks(qtbot, ctx)
    assert page.user_message.text() == "L'utilisateur « chef » existe déjà."
    assert page.add_button.isEnabled()


def test_the_parameters_in_force_are_shown(page):
    assert page.max_failures.value() == 5
    assert page.lockout_minutes.value() == 15
    assert page.idle_lock_minutes.value() == 5
    assert page.deposit_deadline_months.value() == 2
    assert page.continuous_deadline_days.value() == 60
    assert page.amount_ceiling.text() == "100.000,00 DH"


def test_a_supervisor_changes_parameters_and_the_audit_log_keeps_each_change(
    qtbot, ctx, store, page
):
    page.max_failures.setValue(3)
    page.amount_ceiling.setText("50 000")
    with qtbot.waitSignal(page.settings_changed) as changed:
        page.save_settings()
        wait_for_tasks(qtbot, ctx)
    in_force = read_settings(store)
    assert in_force["auth.max_failures"] == 3
    assert in_force["rules.claim.amount_ceiling_centimes"] == 5_000_000
    assert changed.args[0] == in_force
    assert page.settings_message.text() == "Réglages enregistrés : 2 modification(s)."
    assert page.amount_ceiling.text() == "50.000,00 DH"
    details = [json.loads(entry.details) for entry in audit_entries(store, "settings.change")]
    assert {"key": "auth.max_failures", "old": 5, "new": 3} in details
    assert {
        "key": "rules.claim.amount_ceiling_centimes",
        "old": 10_000_000,
        "new": 5_000_000,
    } in details
    assert all(entry.actor == "chef" for entry in audit_entries(store, "settings.change"))


def test_ctrl_s_saves_the_parameters(qtbot, ctx, store, page):
    page.idle_lock_minutes.setValue(10)
    page.activateWindow()
    page.idle_lock_minutes.setFocus()
    qtbot.keyClick(page.idle_lock_minutes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_for_tasks(qtbot, ctx)
    assert read_settings(store)["ui.idle_lock_minutes"] == 10


def test_nothing_changed_writes_nothing(qtbot, ctx, store, page):
    page.save_settings()
    wait_for_tasks(qtbot, ctx)
    assert page.settings_message.text() == "Aucun réglage n'a changé."
    assert audit_entries(store, "settings.change") == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("beaucoup", "Montant illisible"),
        ("10,00", "Le montant maximal doit être compris entre 100,00 DH et 10.000.000,00 DH."),
    ],
)
def test_an_unusable_ceiling_is_refused_with_a_message(qtbot, ctx, store, page, typed, message):
    page.amount_ceiling.setText(typed)
    page.save_settings()
    wait_for_tasks(qtbot, ctx)
    assert page.settings_message.text().startswith(message)
    assert read_settings(store)["rules.claim.amount_ceiling_centimes"] == 10_000_000
