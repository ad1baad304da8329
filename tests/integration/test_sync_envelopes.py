"""Paper envelopes match the digital batches: the envelope carries its claims' uuids, and the
centre links every claim to its envelope and checks the slip's manifest hash, whether the
claims travelled before the envelope was closed or with it."""

from __future__ import annotations

import sqlalchemy as sa

from agent_app.services.claims import get_claim, record_claim
from agent_app.services.shipments import close_shipment
from agent_app.services.sync import activate, run_sync
from agent_app.store.models import Shipment
from sync.server import store as centre_store
from tests.builders import claim_draft
from tests.sync.conftest import Central
from tests.sync.conftest import central as central  # the real centre, as a fixture here


def _record(store, clerk, clock, count: int, first: int = 0) -> list[str]:
    receipts = []
    for n in range(first, first + count):
        draft = claim_draft(
            insured_immatriculation=f"12345678{n}", declared_amount_centimes=10_000 + n
        )
        receipts.append(record_claim(store, clerk, draft, clock=clock).receipt_no)
    return receipts


def _links(central: Central) -> set[tuple[str, str]]:
    engine = sa.create_engine(central.db_url)
    try:
        with engine.connect() as connection:
            table = centre_store.shipment_claims
            rows = connection.execute(sa.select(table.c.shipment_uuid, table.c.claim_uuid))
            return {(row.shipment_uuid, row.claim_uuid) for row in rows}
    finally:
        engine.dispose()


def test_claims_synced_before_their_envelope_closed_are_linked_to_it_when_it_arrives(
    store, supervisor, clerk, clock, central
):
    receipts = _record(store, clerk, clock, 3)
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    first = run_sync(store, force_seal=True, clock=clock)
    assert first.ok and first.rejected == 0, first
    assert central.stats()["claims_in_envelopes"] == 0  # they travelled with no envelope

    slip = close_shipment(store, supervisor, clock=clock)
    second = run_sync(store, force_seal=True, clock=clock)

    assert second.ok and second.rejected == 0 and second.pending == 0, second
    stats = central.stats()
    assert (stats["shipments"], stats["claims_in_envelopes"]) == (1, 3)
    assert stats["shipment_manifests"] == {"verified": 1}  # recomputed, equal to the slip's
    with store.read() as session:
        envelope = session.scalars(sa.select(Shipment).where(Shipment.number == slip.number)).one()
        envelope_uuid, manifest = envelope.uuid, envelope.manifest_hash
    assert manifest == slip.manifest_hash
    assert _links(central) == {(envelope_uuid, get_claim(store, r).uuid) for r in receipts}


def test_an_envelope_closed_before_the_first_sync_travels_with_its_claims_and_matches(
    store, supervisor, clerk, clock, central
):
    receipts = _record(store, clerk, clock, 4)
    close_shipment(store, supervisor, clock=clock)
    late = _record(store, clerk, clock, 1, first=4)  # after the close: in no envelope yet
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)

    report = run_sync(store, force_seal=True, clock=clock)

    assert report.ok and report.rejected == 0, report
    stats = central.stats()
    assert (stats["claims"], stats["shipments"], stats["claims_in_envelopes"]) == (5, 1, 4)
    assert stats["shipment_manifests"] == {"verified": 1}
    linked = {claim for _, claim in _links(central)}
    assert linked == {get_claim(store, r).uuid for r in receipts}
    assert get_claim(store, late[0]).uuid not in linked
