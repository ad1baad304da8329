"""Envelopes at the centre: the claim list is validated on its own, each accepted envelope's
claims are linked to it once, and its manifest hash is recomputed from the claims held, now
or when the missing ones arrive."""

from __future__ import annotations

import dataclasses

import pytest
import requests

from tests.sync.builders import (
    BATCH,
    POINT,
    Device,
    activate,
    bearer,
    get_token,
    make_claim,
    make_shipment,
    new_uuid,
    read_ack,
)
from tests.sync.conftest import Central
from tests.sync.conftest import central_module as central_module  # one centre for the module


@pytest.fixture(scope="module")
def device(central_module: Central) -> Device:
    with requests.Session() as session:
        return activate(session, central_module.url, POINT, central_module.issue_activation(POINT))


def _send(central: Central, device: Device, claims=(), shipments=()) -> dict[str, tuple]:
    payload = device.payload(list(claims), [], list(shipments))
    with requests.Session() as session:
        token = get_token(session, central.url, device)
        answer = session.put(
            f"{central.url}/v1/batches/{payload.batch_id}",
            data=device.seal(payload),
            headers=bearer(token, **BATCH),
        )
    assert answer.status_code == 200, answer.text
    return {
        item.uuid: (item.outcome, item.code, item.message)
        for item in read_ack(answer.content).items
    }


def _fresh_claims(count: int, envelope_uuid: str | None = None):
    # Receipt numbers differ per claim; uuids are fresh, so the module's centre sees new ones.
    return [make_claim(n, shipment_uuid=envelope_uuid) for n in range(1, count + 1)]


@pytest.mark.parametrize(
    ("spoil", "field"),
    [
        (
            lambda s: dataclasses.replace(s, claim_uuids=(*s.claim_uuids[:-1], "not-a-uuid")),
            "claim_uuids:bad_format",
        ),
        (
            lambda s: dataclasses.replace(s, claim_uuids=s.claim_uuids[::-1]),
            "claim_uuids:bad_format",
        ),
        (
            lambda s: dataclasses.replace(s, claim_uuids=(s.claim_uuids[0],) * 2),
            "claim_uuids:duplicate_uuid",
        ),
        (lambda s: dataclasses.replace(s, item_count=3), "item_count:inconsistent"),
    ],
    ids=["malformed uuid", "unsorted", "named twice", "count differs"],
)
def test_an_envelope_whose_claim_list_is_malformed_is_rejected_naming_the_field(
    central_module, device, spoil, field
):
    claims = _fresh_claims(2)
    envelope = spoil(make_shipment(claims=claims))
    before = central_module.stats()["envelope_links"]

    answers = _send(central_module, device, claims, [envelope])

    outcome, code, message = answers[envelope.uuid]
    assert (outcome, code) == ("rejected", "invalid_item")
    assert field in message
    assert central_module.stats()["envelope_links"] == before  # a rejected envelope links nothing


def test_an_envelope_whose_manifest_differs_from_its_claims_is_rejected(central_module, device):
    claims = _fresh_claims(2)
    honest = make_shipment(claims=claims)
    other = make_shipment(
        claims=[dataclasses.replace(claims[0], declared_amount_centimes=1), claims[1]]
    )
    forged = dataclasses.replace(honest, manifest_hash=other.manifest_hash)

    answers = _send(central_module, device, claims, [forged])

    outcome, code, message = answers[forged.uuid]
    assert (outcome, code) == ("rejected", "manifest_mismatch")
    assert "[manifest_hash]" in message
    assert {answers[c.uuid][0] for c in claims} == {"accepted"}


def test_an_envelope_ahead_of_its_claims_waits_for_them_then_matches(central_module, device):
    claims = _fresh_claims(3)
    envelope = make_shipment(claims=claims)
    before = central_module.stats()

    first = _send(central_module, device, claims[:1], [envelope])

    assert first[envelope.uuid][0] == "accepted"
    waiting = central_module.stats()
    assert waiting["envelope_links"] == before["envelope_links"] + 3
    assert waiting["claims_in_envelopes"] == before["claims_in_envelopes"] + 1
    assert waiting["shipment_manifests"].get("awaiting_claims", 0) == (
        before["shipment_manifests"].get("awaiting_claims", 0) + 1
    )

    second = _send(central_module, device, claims[1:])

    assert {second[c.uuid][0] for c in claims[1:]} == {"accepted"}
    settled = central_module.stats()
    assert settled["claims_in_envelopes"] == before["claims_in_envelopes"] + 3
    assert settled["shipment_manifests"].get("verified", 0) == (
        before["shipment_manifests"].get("verified", 0) + 1
    )
    assert settled["shipment_manifests"].get("awaiting_claims", 0) == (
        before["shipment_manifests"].get("awaiting_claims", 0)
    )


def test_an_envelope_sent_again_in_another_batch_links_its_claims_once(central_module, device):
    envelope_uuid = new_uuid()
    claims = _fresh_claims(2, envelope_uuid)
    envelope = make_shipment(claims=claims, uuid=envelope_uuid)
    _send(central_module, device, claims, [envelope])
    before = central_module.stats()

    again = _send(central_module, device, [], [envelope])

    assert again[envelope.uuid][0] == "duplicate"
    after = central_module.stats()
    assert (after["envelope_links"], after["claims_in_envelopes"]) == (
        before["envelope_links"],
        before["claims_in_envelopes"],
    )
