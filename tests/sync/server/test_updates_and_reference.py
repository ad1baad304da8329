"""What comes down: processing updates by cursor, scoped to the point; reference data by ETag."""

from __future__ import annotations

import requests

from sync.protocol.auth import verify_answer
from sync.protocol.schema import ReferenceDataItem, StatusUpdate
from tests.sync.builders import (
    BATCH,
    POINT,
    Device,
    activate,
    bearer,
    get_token,
    make_claim,
    make_enrolment,
)
from tests.sync.conftest import Central


def _send(
    session: requests.Session, central: Central, device: Device, token: str, claims: int
) -> None:
    payload = device.payload([make_claim(n) for n in range(1, claims + 1)], [make_enrolment()])
    answer = session.put(
        f"{central.url}/v1/batches/{payload.batch_id}",
        data=device.seal(payload),
        headers=bearer(token, **BATCH),
    )
    assert answer.status_code == 200


def _pages(
    session: requests.Session, central: Central, token: str, limit: int
) -> tuple[list[StatusUpdate], int, int]:
    """Every update after cursor 0, page by page as a client would; (updates, cursor, pages)."""
    cursor, pages, updates = 0, 0, []
    while True:
        answer = session.get(
            f"{central.url}/v1/updates",
            params={"after": cursor, "limit": limit},
            headers=bearer(token),
        )
        assert answer.status_code == 200
        body = answer.json()
        assert body["updates"]["fields"] == list(StatusUpdate.FIELDS)
        updates += [
            StatusUpdate.from_wire(dict(zip(StatusUpdate.FIELDS, row, strict=True)))
            for row in body["updates"]["rows"]
        ]
        cursor, pages = body["next_cursor"], pages + 1
        if not body["more"]:
            return updates, cursor, pages


def test_processing_updates_come_down_page_by_page_after_the_cursor(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    token = get_token(session, central.url, device)
    _send(session, central, device, token, claims=5)
    central.simulate_processing(seed=7, steps=3)

    updates, cursor, pages = _pages(session, central, token, limit=4)
    # 5 claims x 3 moves and 1 enrolment x 2 moves, 4 a page
    assert len(updates) == 17
    assert pages == 5
    assert [u.cursor for u in updates] == sorted({u.cursor for u in updates})
    assert cursor == updates[-1].cursor
    assert all(not u.validate() for u in updates)
    finals = {u.subject_uuid: u for u in updates if u.status in {"reimbursed", "returned"}}
    assert len(finals) == 5
    for update in finals.values():
        if update.status == "reimbursed":
            assert update.amount_centimes is not None and update.amount_centimes <= 45_000
    (registered,) = [u for u in updates if u.status == "registered"]
    assert registered.immatriculation is not None and len(registered.immatriculation) == 9

    after = session.get(
        f"{central.url}/v1/updates", params={"after": cursor}, headers=bearer(token)
    ).json()
    assert (after["updates"]["rows"], after["next_cursor"], after["more"]) == ([], cursor, False)


def test_a_point_sees_only_its_own_updates(central: Central, session: requests.Session) -> None:
    ours = activate(session, central.url, POINT, central.issue_activation(POINT))
    theirs = activate(session, central.url, "RB02", central.issue_activation("RB02"))
    _send(session, central, ours, get_token(session, central.url, ours), claims=2)
    central.simulate_processing(seed=1)
    their_token = get_token(session, central.url, theirs)
    assert _pages(session, central, their_token, limit=100)[0] == []
    assert len(_pages(session, central, get_token(session, central.url, ours), 100)[0]) == 3


def test_reference_data_comes_with_an_etag_and_is_not_sent_again_unchanged(
    central: Central, session: requests.Session
) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    token = get_token(session, central.url, device)
    answer = session.get(f"{central.url}/v1/reference", headers=bearer(token))
    assert answer.status_code == 200
    assert verify_answer(
        device.centre_answer_key, answer.content, answer.headers["X-Gamo-Signature"]
    )
    body = answer.json()
    items = [
        ReferenceDataItem.from_wire(dict(zip(body["items"]["fields"], row, strict=True)))
        for row in body["items"]["rows"]
    ]
    assert all(not item.validate() for item in items)
    codes = {(item.kind, item.code): item.payload for item in items}
    assert codes[("parameter", "deposit_deadline_days")] == {"value": 60}
    late = codes[("rejection_code", "late_deposit")]
    assert isinstance(late["fr"], str) and isinstance(late["en"], str)
    assert answer.headers["ETag"] == f'"{body["version"]}"'

    unchanged = session.get(
        f"{central.url}/v1/reference",
        headers=bearer(token, **{"If-None-Match": answer.headers["ETag"]}),
    )
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    stale = session.get(
        f"{central.url}/v1/reference", headers=bearer(token, **{"If-None-Match": '"0"'})
    )
    assert stale.status_code == 200


def test_a_bad_cursor_or_page_size_is_a_bad_request(
    central: Central, session: requests.Session
) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    token = get_token(session, central.url, device)
    for params in ({"after": -1}, {"limit": 0}, {"limit": 100_000}, {"after": "x"}):
        answer = session.get(f"{central.url}/v1/updates", params=params, headers=bearer(token))
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "bad_request"
