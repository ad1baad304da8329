"""Who acts and when: the actor of a service call and the clock it reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from agent_app.domain.model import Role
from agent_app.errors import AppError

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    """Now, timezone-aware in the machine's local zone (the counter's day is local)."""
    return dt.datetime.now().astimezone()


def local_offset_minutes(moment: dt.datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class Actor:
    """The person (or operator process) a service acts for."""

    username: str
    role: Role
    user_id: int | None = None

    def require_supervisor(self) -> None:
        if self.role is not Role.SUPERVISOR:
            raise AppError("auth.forbidden")


OPERATOR = Actor(username="operator", role=Role.SUPERVISOR)
DEMO = Actor(username="demo", role=Role.CLERK)
