"""Clerk and supervisor accounts: creation, login with lockout, listing.

Passwords are hashed with scrypt. After ``auth.max_failures`` failed logins in a row (5 by
default, a setting) the account is locked for ``auth.lockout_minutes`` (15 by default); every
login, failure and lockout is in the audit log, without the password typed.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuidlib
from dataclasses import dataclass

import sqlalchemy as sa

from agent_app.domain.model import Role
from agent_app.errors import AppError
from agent_app.security.passwords import MIN_PASSWORD, hash_password, verify_password
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.store.engine import Store
from agent_app.store.models import User
from agent_app.store.repo import audit, get_setting, utc_naive

USERNAME = re.compile(r"^[a-z0-9][a-z0-9.\-]{2,31}$")
DEFAULT_MAX_FAILURES = 5
DEFAULT_LOCKOUT_MINUTES = 15
# A hash to check against when the user does not exist, so timing does not reveal names.
_DUMMY_HASH = hash_password("not a real password")


@dataclass(frozen=True, slots=True)
class UserInfo:
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: dt.datetime | None


def add_user(
    store: Store,
    actor: Actor,
    username: str,
    password: str,
    role: Role,
    display_name: str = "",
    *,
    clock: Clock = system_clock,
) -> UserInfo:
    actor.require_supervisor()
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AppError("user.invalid_name", username=username)
    if len(password) < MIN_PASSWORD:
        raise AppError("user.weak_password", min=MIN_PASSWORD)
    password_hash = hash_password(password)
    now = clock()
    with store.write() as session:
        if session.scalar(sa.select(User.id).where(User.username == username)) is not None:
            raise AppError("user.exists", username=username)
        user = User(
            uuid=str(uuidlib.uuid4()),
            username=username,
            display_name=display_name.strip() or username,
            role=role.value,
            password_hash=password_hash,
            failed_attempts=0,
            active=True,
            created_at=utc_naive(now),
        )
        session.add(user)
        audit(session, now, actor.username, "user.create", "user", username, {"role": role.value})
    return UserInfo(user.username, user.display_name, role, True, None)


def authenticate(
    store: Store, username: str, password: str, *, clock: Clock = system_clock
) -> Actor:
    """The actor for a correct login; a clear :class:`AppError` otherwise."""
    username = username.strip().lower()
    now = clock()
    stored_now = utc_naive(now)
    with store.write() as session:
        max_failures = int(get_setting(session, "auth.max_failures") or DEFAULT_MAX_FAILURES)
        lockout = int(get_setting(session, "auth.lockout_minutes") or DEFAULT_LOCKOUT_MINUTES)
        user = session.scalar(sa.select(User).where(User.username == username))
        if user is None or not user.active:
            verify_password(password, _DUMMY_HASH)
            audit(
                session,
                now,
                username[:32] or "?",
                "auth.failed",
                "user",
                username[:40],
                {"reason": "unknown_user"},
            )
            failure: AppError | None = AppError("auth.failed")
        elif user.locked_until is not None and user.locked_until > stored_now:
            audit(session, now, username, "auth.failed", "user", username, {"reason": "locked"})
            failure = AppError("auth.locked", until=_local_time(user.locked_until, now))
        elif not verify_password(password, user.password_hash):
            user.failed_attempts += 1
            details: dict[str, object] = {"reason": "bad_password", "attempt": user.failed_attempts}
            if user.failed_attempts >= max_failures:
                user.locked_until = stored_now + dt.timedelta(minutes=lockout)
                user.failed_attempts = 0
                details["locked_minutes"] = lockout
            audit(session, now, username, "auth.failed", "user", username, details)
            if user.locked_until is not None and user.locked_until > stored_now:
                failure = AppError("auth.locked", until=_local_time(user.locked_until, now))
            else:
                left = max_failures - user.failed_attempts
                failure = AppError("auth.failed_tries", left=left)
        else:
            user.failed_attempts = 0
            user.locked_until = None
            user.last_login_at = stored_now
            audit(session, now, username, "auth.login", "user", username, {})
            failure = None
            actor = Actor(username=user.username, role=Role(user.role), user_id=user.id)
    # The failure is raised after the commit, so the attempt counter and audit entry stay.
    if failure is not None:
        raise failure
    return actor


def _local_time(stored_utc: dt.datetime, now: dt.datetime) -> str:
    local = stored_utc.replace(tzinfo=dt.UTC).astimezone(now.tzinfo)
    return local.strftime("%H:%M")


def list_users(store: Store) -> list[UserInfo]:
    with store.read() as session:
        users = session.scalars(sa.select(User).order_by(User.username))
        return [
            UserInfo(u.username, u.display_name, Role(u.role), u.active, u.locked_until)
            for u in users
        ]
