"""The day summary a supervisor reads at closing: counts, declared total, what is pending."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa

from agent_app.domain.model import ClaimStatus
from agent_app.store.engine import Store
from agent_app.store.models import Claim, Enrolment


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
    live = sa.and_(Claim.deposit_day == day, Claim.voided_at.is_(None))
    with store.read() as session:
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
