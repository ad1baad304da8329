"""Clerk accounts: scrypt hashes, lockout after repeated failures, every attempt audited."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from agent_app.domain.model import Role
from agent_app.errors import AppError
from agent_app.services.context import OPERATOR
from agent_app.services.users import add_user, authenticate, list_users
from agent_app.store.models import AuditEntry, User
from agent_app.store.repo import set_setting


def _actions(store) -> list[str]:
    with store.read() as session:
        return list(session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.seq)))


def test_password_is_stored_as_a_salted_scrypt_hash(store, clock):
    add_user(store, OPERATOR, "agent1", "agent-password", Role.CLERK, clock=clock)
    add_user(store, OPERATOR, "agent2", "agent-password", Role.CLERK, clock=clock)
    with store.read() as session:
        hashes = list(session.scalars(sa.select(User.password_hash)))
    assert all(h.startswith("scrypt$") and "agent-password" not in h for h in hashes)
    assert hashes[0] != hashes[1]


def test_login_returns_the_actor_with_its_role(store, clock):
    add_user(store, OPERATOR, "Chef", "chef-password", Role.SUPERVISOR, clock=clock)
    actor = authenticate(store, " chef ", "chef-password", clock=clock)
    assert actor.username == "chef" and actor.role is Role.SUPERVISOR
    assert _actions(store)[-1] == "auth.login"


def test_lockout_after_repeated_failures_then_release_after_the_delay(store, clock):
    add_user(store, OPERATOR, "agent1", "agent-password", Role.CLERK, clock=clock)
    with store.write() as session:
        set_setting(session, "auth.max_failures", "3")
        set_setting(session, "auth.lockout_minutes", "10")
    for _ in range(3):
        with pytest.raises(AppError) as failed:
            authenticate(store, "agent1", "wrong-password", clock=clock)
        assert failed.value.code in ("auth.failed_tries", "auth.locked")
    with pytest.raises(AppError) as locked:
        authenticate(store, "agent1", "agent-password", clock=clock)
    assert locked.value.code == "auth.locked"
    assert "10:40" in locked.value.message("fr")  # 10:30 + 10 minutes, local time
    clock.advance(minutes=11)
    assert authenticate(store, "agent1", "agent-password", clock=clock).username == "agent1"
    assert _actions(store).count("auth.failed") == 4


def test_unknown_user_fails_like_a_wrong_password_and_is_audited(store, clock):
    with pytest.raises(AppError) as failed:
        authenticate(store, "personne", "whatever-pass", clock=clock)
    assert failed.value.code == "auth.failed"
    assert _actions(store)[-1] == "auth.failed"


def test_only_a_supervisor_adds_users(store, clerk, clock):
    with pytest.raises(AppError) as forbidden:
        add_user(store, clerk, "agent9", "agent-password", Role.CLERK, clock=clock)
    assert forbidden.value.code == "auth.forbidden"
    assert [u.username for u in list_users(store)] == ["agent1"]


@pytest.mark.parametrize("username", ["ab", "with space", "x" * 40, "émile"])
def test_user_names_are_checked(store, clock, username):
    with pytest.raises(AppError) as raised:
        add_user(store, OPERATOR, username, "agent-password", Role.CLERK, clock=clock)
    assert raised.value.code == "user.invalid_name"


def test_each_wrong_password_says_the_tries_left_and_the_last_one_until_when(store, clock):
    add_user(store, OPERATOR, "agent1", "agent-password", Role.CLERK, clock=clock)
    messages = []
    for _ in range(5):
        with pytest.raises(AppError) as failed:
            authenticate(store, "agent1", "wrong-password", clock=clock)
        messages.append((failed.value.code, failed.value.message("en")))
    assert [code for code, _ in messages] == ["auth.failed_tries"] * 4 + ["auth.locked"]
    assert messages[0][1] == "Wrong password. Tries left before the account is locked: 4."
    assert messages[3][1].endswith(": 1.")
    assert "10:45" in messages[4][1]  # 10:30 + 15 minutes, local time
