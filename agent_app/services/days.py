"""Closing the counter's day: the supervisor freezes the day's totals, once.

There is no table for closures: each one is the settings row ``day.closed.<ISO day>``
holding the day's totals, who closed it and when, as JSON, written in the same transaction
as its ``day.close`` audit entry (counts and amounts only, no personal data). A day is
closed at most once; a second attempt is refused and says who closed it and when.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from agent_app.domain.dates import format_date
from agent_app.errors import AppError
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.reports import summarise_day
from agent_app.store.engine import Store
from agent_app.store.repo import audit, get_setting, set_setting

CLOSED_PREFIX = "day.closed."


@dataclass(frozen=True, slots=True)
class DayClosure:
    """The totals of a closed day as they stood at closing, and who closed it when."""

    day: dt.date
    claims: int
    voided: int
    declared_total_centimes: int
    documents: int
    enrolments: int
    closed_by: str
    closed_at: dt.datetime  # aware, in the zone of the counter at closing

    def totals(self) -> dict[str, int]:
        return {
            "claims": self.claims,
            "voided": self.voided,
            "declared_total_centimes": self.declared_total_centimes,
            "documents": self.documents,
            "enrolments": self.enrolments,
        }

    def to_json(self) -> str:
        return json.dumps(
            {
                "day": self.day.isoformat(),
                **self.totals(),
                "closed_by": self.closed_by,
                "closed_at": self.closed_at.isoformat(timespec="seconds"),
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> DayClosure:
        data = json.loads(text)
        return cls(
            day=dt.date.fromisoformat(data["day"]),
            claims=int(data["claims"]),
            voided=int(data["voided"]),
            declared_total_centimes=int(data["declared_total_centimes"]),
            documents=int(data["documents"]),
            enrolments=int(data["enrolments"]),
            closed_by=str(data["closed_by"]),
            closed_at=dt.datetime.fromisoformat(data["closed_at"]),
        )


def closure_key(day: dt.date) -> str:
    return f"{CLOSED_PREFIX}{day.isoformat()}"


def _closure(session: Session, day: dt.date) -> DayClosure | None:
    raw = get_setting(session, closure_key(day))
    return None if raw is None else DayClosure.from_json(raw)


def close_day(store: Store, actor: Actor, day: dt.date, clock: Clock = system_clock) -> DayClosure:
    """Close ``day`` (supervisor only): record its totals, who closed it and when."""
    actor.require_supervisor()
    now = clock()
    if day > now.date():
        raise AppError("day.in_future", day=format_date(day))
    with store.write() as session:
        earlier = _closure(session, day)
        if earlier is not None:
            raise AppError(
                "day.already_closed",
                day=format_date(day),
                at=f"{format_date(earlier.closed_at.date())} {earlier.closed_at:%H:%M}",
                by=earlier.closed_by,
            )
        summary = summarise_day(session, day)
        closure = DayClosure(
            day=day,
            claims=summary.claims,
            voided=summary.voided,
            declared_total_centimes=summary.declared_total_centimes,
            documents=summary.documents,
            enrolments=summary.enrolments,
            closed_by=actor.username,
            closed_at=now.replace(microsecond=0),
        )
        set_setting(session, closure_key(day), closure.to_json())
        audit(session, now, actor.username, "day.close", "day", day.isoformat(), closure.totals())
    return closure


def day_closure(store: Store, day: dt.date) -> DayClosure | None:
    """How ``day`` was closed, or None while it is open."""
    with store.read() as session:
        return _closure(session, day)


def is_day_closed(store: Store, day: dt.date) -> bool:
    return day_closure(store, day) is not None
