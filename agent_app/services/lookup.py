"""Finding deposits and enrolments the way a clerk asks: by receipt, immatriculation, CIN
or name.

The query's shape says what it is: a receipt number (check character verified), nine digits
(an immatriculation), letters then digits (a CIN), anything else a name prefix. Every path is
an index seek, so lookups stay in milliseconds with a million claims stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from agent_app.domain.identifiers import name_search_key, normalise_cin
from agent_app.domain.receipt_numbers import parse_receipt_number
from agent_app.store.engine import Store
from agent_app.store.models import Claim, Enrolment

NINE_DIGITS = re.compile(r"^\d{9}$")
CIN_SHAPE = re.compile(r"^[A-Z]{1,2}\d{1,8}$")
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
    """Claims matching the query, newest first."""
    if not query.strip():
        return []
    with store.read() as session:
        rows = session.execute(
            sa.select(*CLAIM_ROW_COLUMNS)
            .where(claim_condition(query))
            .order_by(Claim.seq.desc())
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
    stmt = sa.select(*CLAIM_ROW_COLUMNS).order_by(Claim.seq.desc())
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
