"""The point's parameters a supervisor may change from the app, with their bounds.

Owns which ``settings`` keys are editable (login lockout, idle lock, the claim rules'
overrides), their defaults and their limits, and the one way to change them: supervisor
only, every change in the audit log as ``settings.change`` with the key, the old and the
new value (parameters, never personal data). Keys outside this list (device keys, the audit
head, day closures) are never written here.

A claim rule the centre publishes (deposit deadlines: see ``agent_app.services.reference``)
is CNSS's: once published, the centre's value is the one in force, :func:`read_settings`
reports it, and a supervisor's change of it is refused (``setting.set_by_centre``). A value
a supervisor set before the centre published one stays stored, unused, and applies again only
if the centre stops publishing that parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from agent_app.domain.claims import ClaimRules
from agent_app.errors import AppError
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.point import DEFAULT_IDLE_LOCK_MINUTES
from agent_app.services.reference import CLAIM_PARAMETERS, centre_rule_values
from agent_app.services.users import DEFAULT_LOCKOUT_MINUTES, DEFAULT_MAX_FAILURES
from agent_app.store.engine import Store
from agent_app.store.repo import audit, get_setting, set_setting

_RULES = ClaimRules()


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """An editable integer parameter: its key, its value when unset and its limits."""

    key: str
    default: int
    minimum: int
    maximum: int


MAX_FAILURES = SettingSpec("auth.max_failures", DEFAULT_MAX_FAILURES, 3, 20)
LOCKOUT_MINUTES = SettingSpec("auth.lockout_minutes", DEFAULT_LOCKOUT_MINUTES, 1, 24 * 60)
IDLE_LOCK_MINUTES = SettingSpec("ui.idle_lock_minutes", int(DEFAULT_IDLE_LOCK_MINUTES), 1, 120)
DEPOSIT_DEADLINE_MONTHS = SettingSpec(
    "rules.claim.deposit_deadline_months", _RULES.deposit_deadline_months, 1, 24
)
CONTINUOUS_TREATMENT_DEADLINE_DAYS = SettingSpec(
    "rules.claim.continuous_treatment_deadline_days",
    _RULES.continuous_treatment_deadline_days,
    1,
    365,
)
AMOUNT_CEILING_CENTIMES = SettingSpec(
    "rules.claim.amount_ceiling_centimes",
    _RULES.amount_ceiling_centimes,
    100_00,  # 100 DH: a lower ceiling would refuse ordinary consultations
    10_000_000_00,  # 10 million DH
)

EDITABLE: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        MAX_FAILURES,
        LOCKOUT_MINUTES,
        IDLE_LOCK_MINUTES,
        DEPOSIT_DEADLINE_MONTHS,
        CONTINUOUS_TREATMENT_DEADLINE_DAYS,
        AMOUNT_CEILING_CENTIMES,
    )
}


@dataclass(frozen=True, slots=True)
class SettingChange:
    key: str
    old: int
    new: int


def _stored_value(raw: str | None, spec: SettingSpec) -> int:
    """The stored value as an integer; the default when unset or unreadable."""
    if raw is None:
        return spec.default
    try:
        return int(float(raw))  # an older store may hold "5.0" for minutes
    except ValueError:
        return spec.default


def _set_by_centre(session: Session) -> dict[str, int]:
    return {
        f"rules.claim.{field}": value
        for field, value in centre_rule_values(session, CLAIM_PARAMETERS).items()
        if f"rules.claim.{field}" in EDITABLE
    }


def set_by_centre(store: Store) -> dict[str, int]:
    """The editable keys whose value the centre's published parameters decide, with it."""
    with store.read() as session:
        return _set_by_centre(session)


def read_settings(store: Store) -> dict[str, int]:
    """Every editable parameter's value in force: the centre's where it published one, else
    the stored one, else the default."""
    with store.read() as session:
        stored = {
            key: _stored_value(get_setting(session, key), spec) for key, spec in EDITABLE.items()
        }
        return stored | _set_by_centre(session)


def change_settings(
    store: Store,
    actor: Actor,
    changes: Mapping[str, int],
    *,
    clock: Clock = system_clock,
) -> list[SettingChange]:
    """Write the values that differ from those in force; returns what actually changed.

    Supervisor only. Every value is checked before anything is written, so a refused value
    leaves all parameters as they were.
    """
    actor.require_supervisor()
    for key, value in changes.items():
        spec = EDITABLE.get(key)
        if spec is None:
            raise AppError("setting.unknown", key=key)
        if not spec.minimum <= value <= spec.maximum:
            raise AppError(
                "setting.out_of_range", key=key, value=value, min=spec.minimum, max=spec.maximum
            )
    done: list[SettingChange] = []
    now = clock()
    with store.write() as session:
        governed = _set_by_centre(session)
        for key, value in changes.items():
            if key in governed and governed[key] != value:
                raise AppError("setting.set_by_centre", key=key, value=governed[key])
        for key, value in changes.items():
            if key in governed:
                continue  # the value the centre set: nothing to store

            old = _stored_value(get_setting(session, key), EDITABLE[key])
            if old == value:
                continue
            set_setting(session, key, str(value))
            audit(
                session,
                now,
                actor.username,
                "settings.change",
                "setting",
                key,
                {"key": key, "old": old, "new": value},
            )
            done.append(SettingChange(key, old, value))
    return done
