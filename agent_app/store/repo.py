"""Small repository helpers shared by the services: counters, settings, audit, statuses.

Each function works inside the caller's session and never commits: the service that calls it
owns the transaction, so a record, its status event and its audit entry land together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from agent_app.security.audit_chain import GENESIS, AuditLink, details_json, link_hash
from agent_app.store.models import AuditEntry, Counter, DaySequence, Setting, StatusEvent

AUDIT_HEAD = "audit.head"
EVENT_COUNTER = "events"


def utc_naive(moment: dt.datetime) -> dt.datetime:
    """Stored form of a time: UTC without tzinfo (SQLite has no zone type)."""
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware before they are stored")
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(Setting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def settings_with_prefix(session: Session, prefix: str) -> dict[str, str]:
    rows = session.scalars(sa.select(Setting).where(Setting.key.startswith(prefix)))
    return {row.key: row.value for row in rows}


def next_seq(session: Session, count: int = 1, name: str = EVENT_COUNTER) -> int:
    """Reserve ``count`` values of a monotonic counter; returns the first one."""
    row = session.get(Counter, name)
    if row is None:
        row = Counter(name=name, value=0)
        session.add(row)
    first = row.value + 1
    row.value += count
    session.flush()
    return first


def next_day_seq(session: Session, point_code: str, day: dt.date, count: int = 1) -> int:
    """Reserve ``count`` receipt sequence numbers of that point and day; returns the first."""
    row = session.get(DaySequence, (point_code, day))
    if row is None:
        row = DaySequence(point_code=point_code, day=day, last_seq=0)
        session.add(row)
    first = row.last_seq + 1
    row.last_seq += count
    session.flush()
    return first


@dataclass(slots=True)
class AuditAppender:
    """Appends chained audit entries; keeps the head in memory between appends.

    Bulk callers (demo data) collect many rows and insert them at once; :meth:`finish` then
    stores the new head in the same transaction.
    """

    session: Session
    seq: int
    head_hash: str
    pending: list[dict[str, Any]]

    @classmethod
    def open(cls, session: Session) -> AuditAppender:
        head = read_audit_head(session)
        seq, head_hash = head if head is not None else (0, GENESIS)
        return cls(session=session, seq=seq, head_hash=head_hash, pending=[])

    def add(
        self,
        at: dt.datetime,
        actor: str,
        action: str,
        subject_kind: str | None = None,
        subject_ref: str | None = None,
        details: Mapping[str, object] | None = None,
    ) -> None:
        stored_at = utc_naive(at)
        body = details_json(details or {})
        self.seq += 1
        digest = link_hash(
            self.seq, stored_at, actor, action, subject_kind, subject_ref, body, self.head_hash
        )
        self.pending.append(
            {
                "seq": self.seq,
                "at": stored_at,
                "actor": actor,
                "action": action,
                "subject_kind": subject_kind,
                "subject_ref": subject_ref,
                "details": body,
                "prev_hash": self.head_hash,
                "hash": digest,
            }
        )
        self.head_hash = digest

    def finish(self) -> None:
        if not self.pending:
            return
        self.session.execute(sa.insert(AuditEntry), self.pending)
        self.pending = []
        set_setting(self.session, AUDIT_HEAD, f"{self.seq}:{self.head_hash}")


def audit(
    session: Session,
    at: dt.datetime,
    actor: str,
    action: str,
    subject_kind: str | None = None,
    subject_ref: str | None = None,
    details: Mapping[str, object] | None = None,
) -> None:
    """Append one audit entry in the caller's transaction."""
    appender = AuditAppender.open(session)
    appender.add(at, actor, action, subject_kind, subject_ref, details)
    appender.finish()


def read_audit_head(session: Session) -> tuple[int, str] | None:
    raw = get_setting(session, AUDIT_HEAD)
    if raw is None:
        return None
    seq, _, digest = raw.partition(":")
    return int(seq), digest


def iter_audit_links(session: Session, batch: int = 20_000) -> Any:
    """Every audit entry in ``seq`` order, streamed (the log may hold millions)."""
    result = session.execute(
        sa.select(
            AuditEntry.seq,
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.subject_kind,
            AuditEntry.subject_ref,
            AuditEntry.details,
            AuditEntry.prev_hash,
            AuditEntry.hash,
        )
        .order_by(AuditEntry.seq)
        .execution_options(yield_per=batch)
    )
    for row in result:
        yield AuditLink(*row)


def add_status(
    session: Session,
    *,
    subject_kind: str,
    subject_id: int,
    status: str,
    at: dt.datetime,
    source: str = "counter",
    actor_id: int | None = None,
    code: str | None = None,
    detail: str | None = None,
    amount_centimes: int | None = None,
    effective_date: dt.date | None = None,
) -> None:
    session.add(
        StatusEvent(
            seq=next_seq(session),
            subject_kind=subject_kind,
            subject_id=subject_id,
            status=status,
            code=code,
            detail=detail,
            amount_centimes=amount_centimes,
            effective_date=effective_date,
            at=utc_naive(at),
            source=source,
            actor_id=actor_id,
        )
    )
