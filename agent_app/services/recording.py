"""What recording a claim and recording an enrolment share: admission and numbering.

``admit`` turns the rules' problems into a refusal (errors, or warnings without a reason) or
the confirmed reasons to store. ``new_record_identity`` gives a new record its UUID, its
receipt number from the point's per-day sequence, its event sequence number and the device's
signature over the receipt payload, all inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuidlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from agent_app.domain.problems import Problem, Severity, errors, unconfirmed
from agent_app.domain.receipt_numbers import format_receipt_number
from agent_app.errors import AppError
from agent_app.security.device import DeviceKey
from agent_app.services.context import Actor, local_offset_minutes
from agent_app.store.repo import (
    add_status,
    audit,
    get_setting,
    next_day_seq,
    next_seq,
    utc_naive,
)


class ProblemsError(AppError):
    """A draft that cannot be saved as it is; carries the problems for the form."""

    def __init__(self, code: str, problems: Sequence[Problem]) -> None:
        super().__init__(code, count=len(problems), codes=", ".join(p.code for p in problems))
        self.problems = list(problems)


def admit(
    problems: Sequence[Problem],
    confirmations: Mapping[str, str],
    *,
    invalid: str,
    needs_confirmation: str,
) -> dict[str, str]:
    """The reasons to store for each warning; raises when the draft cannot be saved."""
    blocking = errors(problems)
    if blocking:
        raise ProblemsError(invalid, blocking)
    pending = unconfirmed(problems, confirmations)
    if pending:
        raise ProblemsError(needs_confirmation, pending)
    return {
        p.code: confirmations[p.code].strip() for p in problems if p.severity is Severity.WARNING
    }


def receipt_payload(
    receipt_no: str, record_uuid: str, point_code: str, created_at: dt.datetime, amount: int
) -> bytes:
    """What the device signs for a receipt: no personal data, only what the QR shows."""
    stamp = utc_naive(created_at).isoformat(timespec="seconds")
    return f"GAMO1|{receipt_no}|{record_uuid}|{point_code}|{stamp}Z|{amount}".encode()


@dataclass(frozen=True, slots=True)
class RecordIdentity:
    """The columns every new claim or enrolment gets from the counter itself."""

    uuid: str
    receipt_no: str
    seq: int
    point_code: str
    signature: str
    created_at: dt.datetime  # stored form: naive UTC
    utc_offset_min: int
    deposit_day: dt.date

    def columns(self, confirmed: Mapping[str, str]) -> dict[str, object]:
        return {
            "uuid": self.uuid,
            "receipt_no": self.receipt_no,
            "seq": self.seq,
            "version": 1,
            "point_code": self.point_code,
            "signature": self.signature,
            "created_at": self.created_at,
            "utc_offset_min": self.utc_offset_min,
            "deposit_day": self.deposit_day,
            "confirmations": json.dumps(dict(confirmed), ensure_ascii=False, sort_keys=True),
        }


def new_record_identity(session: Session, now: dt.datetime, amount: int) -> RecordIdentity:
    point_code = get_setting(session, "point.code") or ""
    device = DeviceKey.from_private_b64(get_setting(session, "device.private_key") or "")
    day = now.date()
    receipt_no = format_receipt_number(point_code, day, next_day_seq(session, point_code, day))
    record_uuid = str(uuidlib.uuid4())
    signature = device.sign(receipt_payload(receipt_no, record_uuid, point_code, now, amount))
    return RecordIdentity(
        uuid=record_uuid,
        receipt_no=receipt_no,
        seq=next_seq(session),
        point_code=point_code,
        signature=signature,
        created_at=utc_naive(now),
        utc_offset_min=local_offset_minutes(now),
        deposit_day=day,
    )


class Superseded(Protocol):
    """The version a correction replaces (a claim or an enrolment row)."""

    id: int
    uuid: str
    receipt_no: str
    version: int


def record_correction(
    session: Session,
    kind: str,
    old: Superseded,
    new_id: int,
    identity: RecordIdentity,
    *,
    statuses: tuple[str, str],
    at: dt.datetime,
    actor: Actor,
    details: Mapping[str, object],
) -> None:
    """The history of a correction: ``old`` marked superseded by the new version, the new
    version recorded as following it (``statuses``: the two status values, in that order),
    and the audit entry ``<kind>.correct`` naming both, with ``details`` after the common keys.
    """
    superseded, recorded = statuses
    add_status(
        session,
        subject_kind=kind,
        subject_id=old.id,
        status=superseded,
        at=at,
        actor_id=actor.user_id,
        detail=identity.receipt_no,
    )
    add_status(
        session,
        subject_kind=kind,
        subject_id=new_id,
        status=recorded,
        at=at,
        actor_id=actor.user_id,
        detail=old.receipt_no,
    )
    audit(
        session,
        at,
        actor.username,
        f"{kind}.correct",
        kind,
        identity.receipt_no,
        {
            "uuid": identity.uuid,
            "supersedes_uuid": old.uuid,
            "supersedes_receipt_no": old.receipt_no,
            "version": old.version + 1,
            **details,
        },
    )
