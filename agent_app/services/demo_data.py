"""Filling a demo or training store with realistic deposits and enrolments, fast.

Claims are written in chunks, each chunk one transaction holding the claims, their first
status events, their audit entries and the new audit head, so a run killed at any instant
leaves a store that verifies, with every chunk reported as committed present. The same
columns and the same audit actions as ``record_claim`` are used; only the per-row ORM work is
skipped, which lets a million claims go in within minutes. A store that holds real deposits
is refused: demo data must never travel to CNSS mixed with real files.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid as uuidlib
from collections.abc import Callable

import sqlalchemy as sa

from agent_app.domain.model import ClaimStatus
from agent_app.domain.receipt_numbers import format_receipt_number
from agent_app.errors import AppError
from agent_app.security.device import DeviceKey
from agent_app.services.claims import claim_columns
from agent_app.services.context import DEMO, Clock, local_offset_minutes, system_clock
from agent_app.services.demo_people import DemoPeople
from agent_app.services.enrolments import check_enrolment, enrol
from agent_app.services.recording import receipt_payload
from agent_app.store.engine import Store
from agent_app.store.models import Claim, DaySequence, Enrolment, StatusEvent
from agent_app.store.repo import AuditAppender, get_setting, next_seq, set_setting, utc_naive

Progress = Callable[[int, int], None]
CHUNK = 5_000
# A busy point takes a few hundred files a day; a large demo is spread over at most a year.
CLAIMS_PER_DAY = 400
MAX_DAYS = 365


def _refuse_real_store(store: Store) -> None:
    with store.read() as session:
        if get_setting(session, "store.demo") == "1":
            return
        real = session.scalar(
            sa.select(
                sa.exists().where(Claim.demo.is_(False))
                | sa.exists().where(Enrolment.demo.is_(False))
            )
        )
    if real:
        raise AppError("demo.real_store")


def generate(
    store: Store,
    claims: int,
    enrolments: int,
    *,
    seed: int | None = None,
    progress: Progress | None = None,
    clock: Clock = system_clock,
    chunk: int = CHUNK,
) -> None:
    """Add ``claims`` deposits spread over past days and ``enrolments`` enrolments today."""
    _refuse_real_store(store)
    with store.write() as session:
        set_setting(session, "store.demo", "1")
    now = clock()
    people = DemoPeople(secrets.randbits(32) if seed is None else seed, now.date())
    days = max(1, min(MAX_DAYS, -(-claims // CLAIMS_PER_DAY)))
    done = 0
    while done < claims:
        size = min(chunk, claims - done)
        _write_claim_chunk(store, people, now, done, size, claims, days)
        done += size
        if progress is not None:
            progress(done, 0)
    for index in range(enrolments):
        draft = people.enrolment(now.date())
        # Demo enrolments go through the real service: same rules, same audit trail.
        confirmations = {p.code: "démo" for p in check_enrolment(store, draft, clock=lambda: now)}
        enrol(store, DEMO, draft, confirmations, clock=lambda: now, demo=True)
        if progress is not None and (index + 1 == enrolments or (index + 1) % 100 == 0):
            progress(done, index + 1)


def _write_claim_chunk(
    store: Store,
    people: DemoPeople,
    now: dt.datetime,
    start: int,
    size: int,
    total: int,
    days: int,
) -> None:
    first_day = now.date() - dt.timedelta(days=days - 1)
    offset = local_offset_minutes(now)
    with store.write() as session:
        point_code = get_setting(session, "point.code") or ""
        device = DeviceKey.from_private_b64(get_setting(session, "device.private_key") or "")
        first_id = (session.scalar(sa.select(sa.func.max(Claim.id))) or 0) + 1
        first_seq = next_seq(session, count=2 * size)
        day_seqs: dict[dt.date, int] = {}
        appender = AuditAppender.open(session)
        claim_rows: list[dict[str, object]] = []
        status_rows: list[dict[str, object]] = []
        for i in range(size):
            position = start + i
            day = first_day + dt.timedelta(days=position * days // total)
            if day not in day_seqs:
                row = session.get(DaySequence, (point_code, day))
                day_seqs[day] = row.last_seq if row is not None else 0
            day_seqs[day] += 1
            # Deposits of one day run from 08:30 through the afternoon, in order.
            minutes = 510 + (position % CLAIMS_PER_DAY) * 570 // CLAIMS_PER_DAY
            local = dt.datetime.combine(day, dt.time(), tzinfo=now.tzinfo) + dt.timedelta(
                minutes=minutes, seconds=position % 60
            )
            local = min(local, now)
            stored_at = utc_naive(local)
            draft = people.claim(day)
            receipt_no = format_receipt_number(point_code, day, day_seqs[day])
            claim_uuid = str(uuidlib.uuid4())
            claim_id = first_id + i
            claim_rows.append(
                {
                    "id": claim_id,
                    "uuid": claim_uuid,
                    "receipt_no": receipt_no,
                    "seq": first_seq + 2 * i,
                    "version": 1,
                    "point_code": point_code,
                    "clerk_id": None,
                    "created_at": stored_at,
                    "utc_offset_min": offset,
                    "deposit_day": day,
                    "status": ClaimStatus.RECORDED.value,
                    "signature": device.sign(
                        receipt_payload(
                            receipt_no,
                            claim_uuid,
                            point_code,
                            local,
                            draft.declared_amount_centimes,
                        )
                    ),
                    "confirmations": "{}",
                    "demo": True,
                    **claim_columns(draft),
                }
            )
            status_rows.append(
                {
                    "seq": first_seq + 2 * i + 1,
                    "subject_kind": "claim",
                    "subject_id": claim_id,
                    "status": ClaimStatus.RECORDED.value,
                    "at": stored_at,
                    "source": "counter",
                }
            )
            appender.add(
                local,
                DEMO.username,
                "claim.create",
                "claim",
                receipt_no,
                {"uuid": claim_uuid, "confirmed": []},
            )
        session.execute(sa.insert(Claim), claim_rows)
        session.execute(sa.insert(StatusEvent), status_rows)
        appender.finish()
        for day, last in day_seqs.items():
            row = session.get(DaySequence, (point_code, day))
            if row is None:
                session.add(DaySequence(point_code=point_code, day=day, last_seq=last))
            else:
                row.last_seq = last
