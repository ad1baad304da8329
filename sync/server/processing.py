"""A stand-in for CNSS's back office: moves received items through processing, for tests and
demonstrations.

Each step takes every item that is not final one status further, in the order the centre
received them, and appends one ``status_updates`` row (the cursor) per move:

- claims: received → paper_received → in_review → reimbursed (an amount of 60 to 100 % of the
  declared amount, rounded down to the centime, and a payment date 3 to 15 days after today)
  or returned (about one in five; a reason from the rejection codes of stage "processing":
  missing originals or INPE stamp when the checklist says so, a late deposit whose reason was
  not accepted when the clerk confirmed one, otherwise an unsigned sheet);
- enrolments: received → paper_received → registered, with a fresh unique 9-digit
  immatriculation (unused by any enrolment or insured person); the applicant's CIN becomes
  insured, regime ``tns`` (``store.insured_persons``: a CIN already insured keeps its row).

Rejected and superseded items never move. Every choice comes from ``random.Random(seed)`` in
the order of reception, so the same database and seed give the same moves. This module is not
part of the protocol; it only writes what the real back office would.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Engine, Table, bindparam, select, update

from sync.server import store

CLAIM_NEXT: Final = {"received": "paper_received", "paper_received": "in_review"}
ENROLMENT_NEXT: Final = {"received": "paper_received", "paper_received": "registered"}
REIMBURSED_PERCENTS: Final = (60, 70, 80, 90, 100)


@dataclass(frozen=True, slots=True)
class ProcessingSummary:
    moves: int
    reimbursed: int
    returned: int
    registered: int


def _return_reason(item: dict[str, Any], rng: random.Random) -> str:
    checklist = set(item.get("checklist") or ())
    reasons = []
    if "originals_attached" not in checklist:
        reasons.append("originals_missing")
    if "inpe_stamp_present" not in checklist:
        reasons.append("inpe_stamp_missing")
    if "late_deposit" in (item.get("confirmations") or {}):
        reasons.append("late_deposit_refused")
    return rng.choice(reasons or ["care_sheet_unsigned"])


def _open_items(engine: Engine, table: Table, statuses: tuple[str, ...]) -> list[Any]:
    columns = [table.c.id, table.c.uuid, table.c.point_code, table.c.status, table.c.item]
    if "declared_amount_centimes" in table.c:
        columns.append(table.c.declared_amount_centimes)
    with store.transaction(engine) as connection:
        return list(
            connection.execute(
                select(*columns).where(table.c.status.in_(statuses)).order_by(table.c.id)
            ).all()
        )


def simulate_processing(engine: Engine, seed: int = 0, steps: int = 1) -> ProcessingSummary:
    # Not security: a reproducible stand-in for a back office's decisions.
    rng = random.Random(seed)  # noqa: S311
    moves = reimbursed = returned = registered = 0
    for _ in range(steps):
        now = store.utc_now()
        today = now.date()
        updates: list[dict[str, object]] = []
        claim_changes: list[dict[str, object]] = []
        for row in _open_items(engine, store.claims, ("received", "paper_received", "in_review")):
            update_row: dict[str, object] = {
                "subject_kind": "claim",
                "subject_uuid": row.uuid,
                "point_code": row.point_code,
                "at": now,
                "amount_centimes": None,
                "effective_date": None,
                "reason": None,
                "immatriculation": None,
            }
            if row.status in CLAIM_NEXT:
                status = CLAIM_NEXT[row.status]
            elif rng.random() < 0.2:
                status = "returned"
                update_row["reason"] = _return_reason(json.loads(row.item), rng)
                returned += 1
            else:
                status = "reimbursed"
                percent = rng.choice(REIMBURSED_PERCENTS)
                update_row["amount_centimes"] = row.declared_amount_centimes * percent // 100
                # The transfer date CNSS reports: done already, never in the future.
                update_row["effective_date"] = today - dt.timedelta(days=rng.randint(0, 2))
                reimbursed += 1
            update_row["status"] = status
            updates.append(update_row)
            claim_changes.append({"row_id": row.id, "old_status": row.status, "new_status": status})
        enrolment_changes: list[dict[str, object]] = []
        open_enrolments = _open_items(engine, store.enrolments, ("received", "paper_received"))
        taken = _assigned_immatriculations(engine)
        for row in open_enrolments:
            status = ENROLMENT_NEXT[row.status]
            immatriculation = None
            if status == "registered":
                immatriculation = _fresh_immatriculation(rng, taken)
                registered += 1
            updates.append(
                {
                    "subject_kind": "enrolment",
                    "subject_uuid": row.uuid,
                    "point_code": row.point_code,
                    "status": status,
                    "at": now,
                    "amount_centimes": None,
                    "effective_date": None,
                    "reason": None,
                    "immatriculation": immatriculation,
                }
            )
            enrolment_changes.append(
                {
                    "row_id": row.id,
                    "new_status": status,
                    "immat": immatriculation,
                    "cin": json.loads(row.item).get("cin"),
                }
            )
        if not updates:
            break
        with store.transaction(engine) as connection:
            if claim_changes:
                connection.execute(
                    update(store.claims)
                    # A claim superseded meanwhile keeps that status: the move does not apply.
                    .where(
                        store.claims.c.id == bindparam("row_id"),
                        store.claims.c.status == bindparam("old_status"),
                    )
                    .values(status=bindparam("new_status")),
                    claim_changes,
                )
            for change in enrolment_changes:
                values: dict[str, object] = {"status": change["new_status"]}
                if change["immat"] is not None:
                    values["assigned_immatriculation"] = change["immat"]
                connection.execute(
                    update(store.enrolments)
                    .where(store.enrolments.c.id == change["row_id"])
                    .values(**values)
                )
            # A registered applicant is insured from now on (regime tns): the online check
            # answers "insured" for their CIN.
            store.register_insured(
                connection,
                [
                    (str(change["cin"]), str(change["immat"]))
                    for change in enrolment_changes
                    if change["immat"] is not None and isinstance(change["cin"], str)
                ],
                "tns",
                "registration",
            )
            connection.execute(store.status_updates.insert(), updates)
        moves += len(updates)
    return ProcessingSummary(moves, reimbursed, returned, registered)


def _assigned_immatriculations(engine: Engine) -> set[str]:
    """Every number in use: assigned to an enrolment, or held by a person insured elsewhere."""
    column = store.enrolments.c.assigned_immatriculation
    insured = store.insured_persons.c.immatriculation
    with store.transaction(engine) as connection:
        taken = set(connection.execute(select(column).where(column.is_not(None))).scalars())
        taken.update(connection.execute(select(insured).where(insured.is_not(None))).scalars())
        return taken


def _fresh_immatriculation(rng: random.Random, taken: set[str]) -> str:
    while True:
        candidate = f"{rng.randrange(100_000_000, 1_000_000_000)}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate
