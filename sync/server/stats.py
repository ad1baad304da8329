"""Counts for the operator and the tests: what the centre holds and what it refused.

Read only; never personal data (counts by point code and refusal code only).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select

from sync.server import store


def centre_stats(engine: Engine) -> dict[str, Any]:
    claims, enrolments, batches = store.claims, store.enrolments, store.batches
    with store.transaction(engine) as connection:

        def count(table: Any, *where: Any) -> int:
            return int(
                connection.execute(
                    select(func.count()).select_from(table).where(*where)
                ).scalar_one()
            )

        refusals = {
            code: int(n)
            for code, n in connection.execute(
                select(store.refusals.c.code, func.count())
                .group_by(store.refusals.c.code)
                .order_by(store.refusals.c.code)
            )
        }
        duplicates = connection.execute(select(func.coalesce(func.sum(batches.c.duplicates), 0)))
        points: dict[str, dict[str, int]] = {}
        for name, table, where in (
            ("claims", claims, claims.c.status != "rejected"),
            ("enrolments", enrolments, enrolments.c.status != "rejected"),
            ("batches", batches, batches.c.id.is_not(None)),
        ):
            for point, n in connection.execute(
                select(table.c.point_code, func.count()).where(where).group_by(table.c.point_code)
            ):
                entry = points.setdefault(point, {"claims": 0, "enrolments": 0, "batches": 0})
                entry[name] = int(n)
        links = store.shipment_claims
        claims_in_envelopes = int(
            connection.execute(
                select(func.count(func.distinct(links.c.claim_uuid))).select_from(
                    links.join(claims, claims.c.uuid == links.c.claim_uuid)
                )
            ).scalar_one()
        )
        manifests = {
            state: int(n)
            for state, n in connection.execute(
                select(store.shipment_manifests.c.state, func.count())
                .group_by(store.shipment_manifests.c.state)
                .order_by(store.shipment_manifests.c.state)
            )
        }
        checks = store.insured_checks
        checks_by_state = {
            state: int(n)
            for state, n in connection.execute(
                select(checks.c.state, func.count())
                .group_by(checks.c.state)
                .order_by(checks.c.state)
            )
        }
        return {
            "claims": count(claims, claims.c.status != "rejected"),
            "claims_rejected": count(claims, claims.c.status == "rejected"),
            "enrolments": count(enrolments, enrolments.c.status != "rejected"),
            "enrolments_rejected": count(enrolments, enrolments.c.status == "rejected"),
            "shipments": count(store.shipments, store.shipments.c.status != "rejected"),
            "shipments_rejected": count(store.shipments, store.shipments.c.status == "rejected"),
            # Claims the centre holds that an accepted envelope lists: their paper is located.
            "claims_in_envelopes": claims_in_envelopes,
            "envelope_links": count(links),
            "shipment_manifests": manifests,
            "audit_entries": count(store.audit_entries),
            "batches": count(batches),
            "devices": count(store.devices),
            "status_updates": count(store.status_updates),
            "duplicates_refused": int(duplicates.scalar_one()),
            "conflicts": refusals.get("conflict", 0),
            "refusals": refusals,
            # The online check: people known as insured, and the checks answered (by state).
            "insured_persons": count(store.insured_persons),
            "insured_checks": sum(checks_by_state.values()),
            "insured_checks_by_state": checks_by_state,
            "points": dict(sorted(points.items())),
        }
