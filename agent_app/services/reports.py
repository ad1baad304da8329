"""The day summary a supervisor reads at closing: counts, declared total, what is pending.

Also what the day report needs beside the totals: the deposits the centre has not
acknowledged a day after they were made (a link down for too long, a batch stuck), and the
day's deposits as a CSV file for a spreadsheet. Nothing here changes a deposit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from agent_app.domain.dates import format_date
from agent_app.domain.labels import label, status_label
from agent_app.domain.model import CareType, ClaimStatus, Relationship
from agent_app.errors import AppError
from agent_app.fsutil import write_atomically
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.store.engine import Store
from agent_app.store.models import Claim, Enrolment
from agent_app.store.repo import audit, utc_naive


@dataclass(frozen=True, slots=True)
class DaySummary:
    day: dt.date
    claims: int
    voided: int
    declared_total_centimes: int
    documents: int
    enrolments: int
    by_care_type: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)


def day_summary(store: Store, day: dt.date) -> DaySummary:
    """Totals of the deposits of ``day``; voided ones are counted apart, not in the total."""
    with store.read() as session:
        return summarise_day(session, day)


def summarise_day(session: Session, day: dt.date) -> DaySummary:
    """:func:`day_summary` inside the caller's transaction (closing a day freezes these)."""
    live = sa.and_(Claim.deposit_day == day, Claim.voided_at.is_(None))
    claims, total, documents = session.execute(
        sa.select(
            sa.func.count(Claim.id),
            sa.func.coalesce(sa.func.sum(Claim.declared_amount_centimes), 0),
            sa.func.coalesce(sa.func.sum(Claim.document_count), 0),
        ).where(live)
    ).one()
    voided = session.scalar(
        sa.select(sa.func.count(Claim.id)).where(
            Claim.deposit_day == day, Claim.status == ClaimStatus.VOIDED
        )
    )
    by_care_type = {
        str(care): int(count)
        for care, count in session.execute(
            sa.select(Claim.care_type, sa.func.count(Claim.id))
            .where(live)
            .group_by(Claim.care_type)
        )
    }
    by_status = {
        str(status): int(count)
        for status, count in session.execute(
            sa.select(Claim.status, sa.func.count(Claim.id))
            .where(Claim.deposit_day == day)
            .group_by(Claim.status)
        )
    }
    enrolments = session.scalar(
        sa.select(sa.func.count(Enrolment.id)).where(
            Enrolment.deposit_day == day, Enrolment.voided_at.is_(None)
        )
    )
    return DaySummary(
        day=day,
        claims=int(claims),
        voided=int(voided or 0),
        declared_total_centimes=int(total),
        documents=int(documents),
        enrolments=int(enrolments or 0),
        by_care_type=by_care_type,
        by_status=by_status,
    )


# --- deposits the centre has not acknowledged ---------------------------------------------

#: Statuses of a deposit that the centre has not acknowledged yet.
AWAITING_ACKNOWLEDGEMENT = (ClaimStatus.RECORDED, ClaimStatus.BATCHED, ClaimStatus.SENT)
ACKNOWLEDGEMENT_DELAY = dt.timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class UnacknowledgedDeposit:
    receipt_no: str
    created_at: dt.datetime  # UTC
    utc_offset_min: int
    status: str
    age: dt.timedelta


@dataclass(frozen=True, slots=True)
class UnacknowledgedDeposits:
    """How many deposits wait for the centre too long, and the oldest of them."""

    total: int
    oldest: list[UnacknowledgedDeposit]


def unacknowledged_deposits(
    store: Store,
    now: dt.datetime,
    *,
    older_than: dt.timedelta = ACKNOWLEDGEMENT_DELAY,
    limit: int = 100,
) -> UnacknowledgedDeposits:
    """Live deposits made before ``now - older_than`` that CNSS has not acknowledged yet.

    Oldest first: the longest wait is the one to chase. ``total`` counts them all, ``oldest``
    holds at most ``limit``.
    """
    cutoff = utc_naive(now - older_than)
    stored_now = utc_naive(now)
    waiting = sa.and_(
        Claim.status.in_([status.value for status in AWAITING_ACKNOWLEDGEMENT]),
        Claim.voided_at.is_(None),
        Claim.created_at < cutoff,
    )
    with store.read() as session:
        total = session.scalar(sa.select(sa.func.count(Claim.id)).where(waiting)) or 0
        rows = session.execute(
            sa.select(Claim.receipt_no, Claim.created_at, Claim.utc_offset_min, Claim.status)
            .where(waiting)
            .order_by(Claim.seq)
            .limit(limit)
        ).all()
    return UnacknowledgedDeposits(
        total=int(total),
        oldest=[
            UnacknowledgedDeposit(receipt_no, created_at, offset, status, stored_now - created_at)
            for receipt_no, created_at, offset, status in rows
        ],
    )


# --- the day's deposits as a spreadsheet ---------------------------------------------------

CSV_HEADERS = (
    "N° de reçu",
    "Date",
    "Heure",
    "Immatriculation",
    "Assuré",
    "Bénéficiaire",
    "Lien",
    "Type de soins",
    "Montant déclaré (DH)",
    "Documents",
    "Statut",
    "Motif d'annulation",
)
# A cell starting with one of these is a formula to a spreadsheet ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _plain_amount(centimes: int) -> str:
    """``123456`` → "1234,56": a number to a French spreadsheet, nothing to strip."""
    dirhams, cents = divmod(centimes, 100)
    return f"{dirhams},{cents:02d}"


def _care_type_words(code: str) -> str:
    try:
        return label(CareType(code), "fr")
    except ValueError:
        return code


def _relationship_words(code: str) -> str:
    try:
        return label(Relationship(code), "fr")
    except ValueError:
        return code


def day_deposits_csv(session: Session, day: dt.date) -> tuple[str, int]:
    """The deposits of ``day`` in order as CSV text (French headers, ";"), and their count."""
    rows = session.execute(
        sa.select(
            Claim.receipt_no,
            Claim.created_at,
            Claim.utc_offset_min,
            Claim.insured_immatriculation,
            Claim.insured_name,
            Claim.beneficiary_name,
            Claim.beneficiary_relationship,
            Claim.care_type,
            Claim.declared_amount_centimes,
            Claim.document_count,
            Claim.status,
            Claim.void_reason,
        )
        .where(Claim.deposit_day == day)
        .order_by(Claim.seq)
    )
    buffer = io.StringIO(newline="")
    # ";" and a decimal comma: what a spreadsheet set to French reads without an import wizard.
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    count = 0
    for row in rows:
        local = row.created_at + dt.timedelta(minutes=row.utc_offset_min)
        writer.writerow(
            [
                row.receipt_no,
                format_date(local.date()),
                local.strftime("%H:%M"),
                row.insured_immatriculation,
                _cell(row.insured_name),
                _cell(row.beneficiary_name),
                _relationship_words(row.beneficiary_relationship),
                _care_type_words(row.care_type),
                _plain_amount(row.declared_amount_centimes),
                row.document_count,
                status_label(row.status, "fr"),
                _cell(row.void_reason or ""),
            ]
        )
        count += 1
    return buffer.getvalue(), count


def export_day_csv(
    store: Store,
    actor: Actor,
    day: dt.date,
    path: Path,
    *,
    clock: Clock = system_clock,
) -> int:
    """Write the deposits of ``day`` to ``path`` for a spreadsheet; returns how many.

    Supervisor only: the file holds names and is not encrypted, so who took it out, when and
    how many rows is in the audit log (never the names). UTF-8 with a byte order mark, so
    Excel shows accents and Arabic; written to a temporary file then renamed.
    """
    actor.require_supervisor()
    with store.read() as session:
        text, count = day_deposits_csv(session, day)
    try:
        write_atomically(path, text.encode("utf-8-sig"))
    except OSError as exc:
        raise AppError("io.error", path=path, detail=exc.strerror or exc) from exc
    now = clock()
    with store.write() as session:
        audit(
            session,
            now,
            actor.username,
            "day.export",
            "day",
            day.isoformat(),
            {"rows": count, "format": "csv"},
        )
    return count
