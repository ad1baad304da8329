"""What the status bar shows: items waiting to be sent and what the last sync left behind."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from agent_app.domain.model import ClaimStatus, EnrolmentStatus
from agent_app.store.engine import Store
from agent_app.store.models import Claim, Enrolment
from agent_app.store.repo import get_setting


@dataclass(frozen=True, slots=True)
class StatusSnapshot:
    server_url: str | None
    link_up: bool
    pending: int
    last_sync: dt.datetime | None
    clock_offset: dt.timedelta | None


def read_status(store: Store) -> StatusSnapshot:
    """Items not yet handed to the centre, and what the last sync left in the settings."""
    with store.read() as session:
        claims = session.scalar(
            sa.select(sa.func.count(Claim.id)).where(
                Claim.status.in_([ClaimStatus.RECORDED, ClaimStatus.BATCHED])
            )
        )
        enrolments = session.scalar(
            sa.select(sa.func.count(Enrolment.id)).where(
                Enrolment.status.in_([EnrolmentStatus.RECORDED, EnrolmentStatus.BATCHED])
            )
        )
        server_url = get_setting(session, "sync.server_url")
        last_sync_raw = get_setting(session, "sync.last_success_at")
        last_attempt_ok = get_setting(session, "sync.last_attempt_ok") == "1"
        offset_raw = get_setting(session, "sync.clock_offset_seconds")
    last_sync = dt.datetime.fromisoformat(last_sync_raw) if last_sync_raw else None
    offset = dt.timedelta(seconds=float(offset_raw)) if offset_raw else None
    return StatusSnapshot(
        server_url=server_url,
        link_up=bool(server_url) and last_attempt_ok,
        pending=int(claims or 0) + int(enrolments or 0),
        last_sync=last_sync,
        clock_offset=offset,
    )
