"""Finding deposits and enrolments the way a clerk asks: by receipt, immatriculation, CIN
or name.

The query's shape says what it is: a receipt number (check character verified), nine digits
(an immatriculation), letters then digits (a CIN), anything else a name prefix. Every path is
an index seek, so lookups stay in milliseconds with a million claims stored.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from agent_app.domain.identifiers import name_search_key, normalise_cin
from agent_app.domain.receipt_numbers import parse_receipt_number
from agent_app.services.claims import claim_timeline
from agent_app.store.engine import Store
from agent_app.store.models import Claim, Enrolment, User

NINE_DIGITS = re.compile(r"^\d{9}$")
CIN_SHAPE = re.compile(r"^[A-Z]{1,2}\d{1,8}$")
_ID_CHUNK = 2_000  # each fetch holds the GIL while SQLCipher steps: keep it short
_HIGHEST = "\U0010ffff"  # sorts after every name key: turns a prefix into a range


class QueryKind(StrEnum):
    RECEIPT = "receipt"
    IMMATRICULATION = "immatriculation"
    CIN = "cin"
    NAME = "name"


def classify(query: str) -> tuple[QueryKind, str]:
    text = query.strip()
    parsed = parse_receipt_number(text)
    if parsed is not None:
        return QueryKind.RECEIPT, str(parsed)
    compact = re.sub(r"[\s\-]", "", text)
    if NINE_DIGITS.match(compact):
        return QueryKind.IMMATRICULATION, compact
    cin = normalise_cin(text)
    if CIN_SHAPE.match(cin):
        return QueryKind.CIN, cin
    return QueryKind.NAME, name_search_key(text)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """What the lookup table and ``claims list`` show of a claim."""

    id: int
    receipt_no: str
    created_at: dt.datetime  # UTC
    utc_offset_min: int
    insured_immatriculation: str
    insured_name: str
    beneficiary_name: str
    care_type: str
    declared_amount_centimes: int
    document_count: int
    status: str


CLAIM_ROW_COLUMNS = (
    Claim.id,
    Claim.receipt_no,
    Claim.created_at,
    Claim.utc_offset_min,
    Claim.insured_immatriculation,
    Claim.insured_name,
    Claim.beneficiary_name,
    Claim.care_type,
    Claim.declared_amount_centimes,
    Claim.document_count,
    Claim.status,
)


def claim_condition(query: str) -> sa.ColumnElement[bool]:
    kind, value = classify(query)
    if kind is QueryKind.RECEIPT:
        return Claim.receipt_no == value
    if kind is QueryKind.IMMATRICULATION:
        return Claim.insured_immatriculation == value
    if kind is QueryKind.CIN:
        return sa.or_(Claim.insured_cin == value, Claim.beneficiary_cin == value)
    return sa.or_(
        sa.and_(Claim.insured_name_key >= value, Claim.insured_name_key < value + _HIGHEST),
        sa.and_(Claim.beneficiary_name_key >= value, Claim.beneficiary_name_key < value + _HIGHEST),
    )


def find_claims(store: Store, query: str, limit: int = 100) -> list[ClaimRow]:
    """Claims matching the query, newest first.

    Newest first is by row id: ids grow with each record as the local sequence does, and
    every index carries the row id, so a name search sorts inside the index instead of
    reading each matching row (about 80 ms down to 6 ms for a common name at 1,000,000).
    """
    if not query.strip():
        return []
    with store.read() as session:
        rows = session.execute(
            sa.select(*CLAIM_ROW_COLUMNS)
            .where(claim_condition(query))
            .order_by(Claim.id.desc())
            .limit(limit)
        )
        return [ClaimRow(*row) for row in rows]


def list_claims(
    store: Store,
    *,
    status: str | None = None,
    day: dt.date | None = None,
    limit: int | None = 100,
) -> list[ClaimRow]:
    """Claims newest first, optionally of one status or one deposit day."""
    stmt = sa.select(*CLAIM_ROW_COLUMNS).order_by(Claim.id.desc())
    if status:
        stmt = stmt.where(Claim.status == status)
    if day is not None:
        stmt = stmt.where(Claim.deposit_day == day)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.read() as session:
        return [ClaimRow(*row) for row in session.execute(stmt)]


@dataclass(frozen=True, slots=True)
class EnrolmentRow:
    id: int
    receipt_no: str
    created_at: dt.datetime
    last_name: str
    first_name: str
    cin: str
    immatriculation: str | None
    category_code: str
    dependents: int
    status: str


def find_enrolments(store: Store, query: str = "", limit: int | None = 100) -> list[EnrolmentRow]:
    from agent_app.store.models import Dependent  # local: only this query needs it

    dependents = (
        sa.select(sa.func.count(Dependent.id))
        .where(Dependent.enrolment_id == Enrolment.id)
        .scalar_subquery()
    )
    stmt = sa.select(
        Enrolment.id,
        Enrolment.receipt_no,
        Enrolment.created_at,
        Enrolment.last_name,
        Enrolment.first_name,
        Enrolment.cin,
        Enrolment.immatriculation,
        Enrolment.category_code,
        dependents,
        Enrolment.status,
    ).order_by(Enrolment.seq.desc())
    if query.strip():
        kind, value = classify(query)
        conditions: Sequence[sa.ColumnElement[bool]]
        if kind is QueryKind.RECEIPT:
            conditions = [Enrolment.receipt_no == value]
        elif kind is QueryKind.IMMATRICULATION:
            conditions = [Enrolment.immatriculation == value]
        elif kind is QueryKind.CIN:
            conditions = [Enrolment.cin == value]
        else:
            conditions = [Enrolment.name_key >= value, Enrolment.name_key < value + _HIGHEST]
        stmt = stmt.where(*conditions)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.read() as session:
        return [EnrolmentRow(*row) for row in session.execute(stmt)]


# --- the lookup table: ids first, rows when they are shown ---------------------------------


def claim_ids(store: Store, query: str | None = None, limit: int | None = None) -> array[int]:
    """Ids of the claims matching ``query``, newest first; every claim when it is empty.

    Only ids, packed 8 bytes each and read in chunks, so that a table can hold a million rows
    in 8 MB and read the rows it shows with :func:`claim_rows_by_ids`.
    """
    stmt = sa.select(Claim.id).order_by(Claim.id.desc())
    if query is not None and query.strip():
        stmt = stmt.where(claim_condition(query))
    if limit is not None:
        stmt = stmt.limit(limit)
    ids: array[int] = array("q")
    with store.read() as session:
        # Core, not ORM, execution: rows stream from the cursor a chunk at a time.
        for chunk in session.connection().execute(stmt).scalars().partitions(_ID_CHUNK):
            ids.extend(chunk)
    return ids


def claim_rows_by_ids(store: Store, ids: Sequence[int]) -> list[ClaimRow]:
    """The rows of these claims in the order of ``ids``; an id no longer stored is left out."""
    if not ids:
        return []
    with store.read() as session:
        found = {
            row.id: ClaimRow(*row)
            for row in session.execute(sa.select(*CLAIM_ROW_COLUMNS).where(Claim.id.in_(list(ids))))
        }
    return [found[claim_id] for claim_id in ids if claim_id in found]


@dataclass(frozen=True, slots=True)
class ClaimEvent:
    """One step of a claim's status history, as the lookup's timeline shows it."""

    seq: int
    at: dt.datetime  # UTC
    status: str
    code: str | None
    detail: str | None
    amount_centimes: int | None
    effective_date: dt.date | None
    source: str  # counter, cnss
    actor: str | None  # who acted at the counter; None for the centre


def claim_events(store: Store, claim_id: int) -> list[ClaimEvent]:
    """The claim's status history in order, with the user name of each counter step."""
    events = claim_timeline(store, claim_id)
    actor_ids = {event.actor_id for event in events if event.actor_id is not None}
    names: dict[int, str] = {}
    if actor_ids:
        with store.read() as session:
            users = sa.select(User.id, User.username).where(User.id.in_(actor_ids))
            names = {row.id: row.username for row in session.execute(users)}
    return [
        ClaimEvent(
            seq=event.seq,
            at=event.at,
            status=event.status,
            code=event.code,
            detail=event.detail,
            amount_centimes=event.amount_centimes,
            effective_date=event.effective_date,
            source=event.source,
            actor=names.get(event.actor_id) if event.actor_id is not None else None,
        )
        for event in events
    ]
