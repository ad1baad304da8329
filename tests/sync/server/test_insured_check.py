"""POST /v1/insured/check against the real centre: the three answers, refusals, the audit.

The centre runs as a process on 127.0.0.1 (``tests/sync/conftest.py``); queries are sealed and
signed with ``sync.protocol.queries`` as a counter would. Storage-sensitive stories run on
SQLite and, when GAMO_TEST_POSTGRES_URL is set, PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import create_engine, select

from bench.linkproxy import LinkProxy
from sync.protocol.auth import b64url, verify_answer
from sync.protocol.canonical import canonical_bytes
from sync.protocol.queries import (
    MASKED_IMMATRICULATION_RE,
    InsuredAnswer,
    QueryHeader,
    SealedQuery,
    seal_query,
)
from sync.server import store
from tests.sync.builders import (
    BATCH,
    JSON,
    POINT,
    Device,
    activate,
    bearer,
    get_token,
    make_enrolment,
    new_uuid,
)
from tests.sync.conftest import Central
from tests.sync.server.helpers import error_code

CHECK = "/v1/insured/check"
APPLICANT = "AB765432"  # make_enrolment's CIN
ELSEWHERE = "ZT552211"
ELSEWHERE_NUMBER = "700800900"


def _device(central: Central, session: requests.Session, point: str = POINT) -> Device:
    return activate(session, central.url, point, central.issue_activation(point))


def _query(device: Device, cin: str, nonce: str | None = None) -> SealedQuery:
    return seal_query(cin, device.device_id, device.centre_public_key, device.key, nonce)


def _post(
    session: requests.Session, url: str, token: str, body: SealedQuery | dict[str, Any]
) -> requests.Response:
    wire = body.to_wire() if isinstance(body, SealedQuery) else body
    return session.post(f"{url}{CHECK}", data=canonical_bytes(wire), headers=bearer(token, **JSON))


def _answer(device: Device, response: requests.Response, query: SealedQuery) -> InsuredAnswer:
    assert response.status_code == 200, response.text
    assert verify_answer(
        device.centre_answer_key, response.content, response.headers.get("X-Gamo-Signature")
    )
    answer = InsuredAnswer.from_wire(response.json())
    assert answer.validate() == []
    assert answer.nonce == query.header.nonce  # the answer names the question it answers
    return answer


def _check(
    session: requests.Session, central: Central, device: Device, token: str, cin: str
) -> InsuredAnswer:
    query = _query(device, cin)
    return _answer(device, _post(session, central.url, token, query), query)


def _enrol(session: requests.Session, central: Central, device: Device, token: str) -> str:
    enrolment = make_enrolment(uuid=new_uuid(), cin=APPLICANT)
    payload = device.payload(enrolments=[enrolment])
    answer = session.put(
        f"{central.url}/v1/batches/{payload.batch_id}",
        data=device.seal(payload),
        headers=bearer(token, **BATCH),
    )
    assert answer.status_code == 200, answer.text
    return enrolment.uuid


def _rows(central: Central, table: Any) -> list[Any]:
    engine = create_engine(central.db_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(select(table)).all())
    finally:
        engine.dispose()


def test_the_three_answers_from_enrolment_to_registration_and_another_regime(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    device = _device(central, session)
    token = get_token(session, central.url, device)

    unknown = _check(session, central, device, token, APPLICANT)
    assert (unknown.state, unknown.regime, unknown.immatriculation_masked) == (
        "not_found",
        None,
        None,
    )

    enrolment_uuid = _enrol(session, central, device, token)
    waiting = _check(session, central, device, token, APPLICANT)
    assert (waiting.state, waiting.regime, waiting.immatriculation_masked) == (
        "enrolment_in_progress",
        "tns",
        None,
    )

    central.simulate_processing(seed=3, steps=2)  # received → paper_received → registered
    (enrolment,) = [r for r in _rows(central, store.enrolments) if r.uuid == enrolment_uuid]
    number = enrolment.assigned_immatriculation
    assert enrolment.status == "registered" and len(number) == 9
    registered = _check(session, central, device, token, APPLICANT)
    assert registered.state == "insured" and registered.regime == "tns"
    assert registered.immatriculation_masked == f"{number[:2]}*****{number[-2:]}"
    assert number not in canonical_bytes(registered.to_wire()).decode()

    added = central.cli(
        "add-insured",
        "--data-dir",
        str(central.data_dir),
        "--db",
        central.db_url,
        "--cin",
        ELSEWHERE.lower(),  # typed as it comes: normalised by the command
        "--regime",
        "salarie",
        "--immatriculation",
        ELSEWHERE_NUMBER,
    )
    assert ELSEWHERE not in added.stdout
    elsewhere = _check(session, central, device, token, ELSEWHERE)
    assert (elsewhere.state, elsewhere.regime, elsewhere.immatriculation_masked) == (
        "insured",
        "salarie",
        "70*****00",
    )
    again = central.cli(
        "add-insured",
        "--data-dir",
        str(central.data_dir),
        "--db",
        central.db_url,
        "--cin",
        ELSEWHERE,
        "--regime",
        "amo_tadamon",
        check=False,
    )
    assert again.returncode != 0 and "already insured" in again.stderr

    stats = central.stats()
    assert stats["insured_persons"] == 2
    assert stats["insured_checks"] == 4
    assert stats["insured_checks_by_state"] == {
        "enrolment_in_progress": 1,
        "insured": 2,
        "not_found": 1,
    }
    audit = _rows(central, store.insured_checks)
    assert [row.state for row in audit] == [
        "not_found",
        "enrolment_in_progress",
        "insured",
        "insured",
    ]
    assert {(row.device_id, row.point_code) for row in audit} == {(device.device_id, POINT)}
    # A keyed hash: equal for one CIN, different for another, and never the CIN itself.
    assert len({row.cin_hmac for row in audit[:3]}) == 1
    assert audit[3].cin_hmac != audit[0].cin_hmac
    for row in audit:
        text = " ".join(str(value) for value in row)
        assert APPLICANT not in text and ELSEWHERE not in text and number not in text


def test_a_rejected_enrolment_is_not_in_progress_and_its_correction_is(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    token = get_token(session, central.url, device)
    rejected = make_enrolment(uuid=new_uuid(), cin="CD111222", last_name=" ")
    correction = make_enrolment(
        uuid=new_uuid(), cin="CD111222", version=2, supersedes_uuid=rejected.uuid
    )

    for enrolment, outcome in ((rejected, b'"rejected"'), (correction, b'"accepted"')):
        payload = device.payload(enrolments=[enrolment])
        answer = session.put(
            f"{central.url}/v1/batches/{payload.batch_id}",
            data=device.seal(payload),
            headers=bearer(token, **BATCH),
        )
        assert answer.status_code == 200 and outcome in answer.content, answer.text
        state = _check(session, central, device, token, "CD111222").state
        assert state == ("not_found" if enrolment is rejected else "enrolment_in_progress")


def test_a_replayed_query_is_refused_and_recorded_once(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    token = get_token(session, central.url, device)
    query = _query(device, APPLICANT)

    first = _post(session, central.url, token, query)
    second = _post(session, central.url, token, query)
    later_token = _post(session, central.url, get_token(session, central.url, device), query)

    assert first.status_code == 200
    assert (second.status_code, error_code(second)) == (401, "replayed")
    assert (later_token.status_code, error_code(later_token)) == (401, "replayed")
    assert len(_rows(central, store.insured_checks)) == 1
    assert central.stats()["refusals"] == {"replayed": 2}


def test_a_tampered_or_retargeted_query_is_refused_before_anything_is_opened(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    other = _device(central, session)
    token = get_token(session, central.url, device)
    query = _query(device, APPLICANT)

    new_nonce = dataclasses.replace(query.header, nonce=b64url(b"\1" * 32))
    renonced = _post(session, central.url, token, dataclasses.replace(query, header=new_nonce))
    flipped = bytes([query.sealed[0] ^ 1]) + query.sealed[1:]
    resealed = _post(session, central.url, token, dataclasses.replace(query, sealed=flipped))
    # Someone else's query under this device's token, and this device's under another's.
    foreign = _post(session, central.url, token, _query(other, APPLICANT))
    stolen = _post(session, central.url, get_token(session, central.url, other), query)
    # Signed as it is, but sealed under another header: the seal is bound to device and nonce.
    header = query.header
    other_header = QueryHeader(header.device_id, b64url(b"\2" * 32), header.kem)
    sealed_elsewhere = seal_query(
        APPLICANT, device.device_id, device.centre_public_key, device.key, other_header.nonce
    )
    resigned = SealedQuery(
        header,
        sealed_elsewhere.sealed,
        device.key.sign(b"GAMO-CHECK-1\x00" + header.to_bytes() + sealed_elsewhere.sealed),
    )
    unbound = _post(session, central.url, token, resigned)
    malformed = _post(session, central.url, token, {"query": {}, "sealed": "", "signature": ""})

    assert (renonced.status_code, error_code(renonced)) == (401, "bad_signature")
    assert (resealed.status_code, error_code(resealed)) == (401, "bad_signature")
    assert (foreign.status_code, error_code(foreign)) == (403, "forbidden")
    assert (stolen.status_code, error_code(stolen)) == (403, "forbidden")
    assert (unbound.status_code, error_code(unbound)) == (400, "decrypt_failed")
    assert (malformed.status_code, error_code(malformed)) == (400, "bad_request")
    assert _rows(central, store.insured_checks) == []
    # The untouched query still works once: nothing above spent its nonce.
    assert _answer(device, _post(session, central.url, token, query), query).state == "not_found"


def test_unknown_and_revoked_devices_and_missing_tokens_are_refused(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    token = get_token(session, central.url, device)
    query = _query(device, APPLICANT)

    no_token = session.post(f"{central.url}{CHECK}", data=canonical_bytes(query.to_wire()))
    stranger = session.post(
        f"{central.url}/v1/auth/challenge",
        data=canonical_bytes({"device_id": new_uuid()}),
        headers=JSON,
    )
    central.revoke_device(device.device_id)
    revoked = _post(session, central.url, token, query)
    challenge = session.post(
        f"{central.url}/v1/auth/challenge",
        data=canonical_bytes({"device_id": device.device_id}),
        headers=JSON,
    )

    assert (no_token.status_code, error_code(no_token)) == (401, "bad_token")
    assert (stranger.status_code, error_code(stranger)) == (401, "unknown_device")
    assert (revoked.status_code, error_code(revoked)) == (401, "bad_token")
    assert (challenge.status_code, error_code(challenge)) == (403, "device_revoked")
    assert _rows(central, store.insured_checks) == []


def test_checks_have_their_own_strict_limit_per_device(start_central: Any) -> None:
    central: Central = start_central("--check-burst", "3", "--check-per-minute", "0.6")
    with requests.Session() as session:
        device = _device(central, session)
        other = _device(central, session)
        token = get_token(session, central.url, device)
        answers = [_post(session, central.url, token, _query(device, APPLICANT)) for _ in range(4)]
        # Other calls of the device are not held back, nor are other devices' checks.
        updates = session.get(f"{central.url}/v1/updates", headers=bearer(token))
        other_check = _post(
            session, central.url, get_token(session, central.url, other), _query(other, APPLICANT)
        )

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert error_code(answers[3]) == "rate_limited"
    assert int(answers[3].headers["Retry-After"]) >= 1
    assert updates.status_code == 200 and other_check.status_code == 200
    stats = central.stats()
    assert stats["refusals"] == {"rate_limited": 1}
    assert stats["insured_checks"] == 4  # three of the device, one of the other


def test_no_cin_and_no_whole_immatriculation_cross_the_wire(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    central.cli(
        "add-insured",
        "--data-dir",
        str(central.data_dir),
        "--db",
        central.db_url,
        "--cin",
        ELSEWHERE,
        "--regime",
        "amo_tadamon",
        "--immatriculation",
        ELSEWHERE_NUMBER,
    )
    with LinkProxy.for_url(central.url) as proxy:
        proxy.capture = True
        token = get_token(session, proxy.url, device)
        query = _query(device, ELSEWHERE)
        answer = _answer(device, _post(session, proxy.url, token, query), query)
        wire = bytes(proxy.captured_up) + bytes(proxy.captured_down)

    assert answer.state == "insured" and answer.immatriculation_masked == "70*****00"
    assert b"/v1/insured/check" in wire and b"70*****00" in wire  # the capture is real
    for secret in (ELSEWHERE, ELSEWHERE.lower(), ELSEWHERE_NUMBER, "552211", "800900"):
        assert secret.encode() not in wire, secret


def test_queries_have_one_length_whatever_the_cin() -> None:
    centre = X25519PrivateKey.generate().public_key()
    key = Ed25519PrivateKey.generate()
    lengths = {
        len(seal_query(cin, new_uuid(), centre, key).sealed)
        for cin in ("A1", "AB123456", "ABCDEFGH12")
    }
    assert len(lengths) == 1
    assert MASKED_IMMATRICULATION_RE.fullmatch("12*****89")


def test_a_centre_that_held_enrolments_before_the_check_existed_fills_its_tables(
    tmp_path: Path,
) -> None:
    from sync.server import devices, processing
    from sync.server.ingest import ingest_batch
    from sync.server.keys import load_or_create_keys

    url = f"sqlite:///{tmp_path / 'centre.sqlite3'}"
    keys = load_or_create_keys(tmp_path)
    engine = store.open_engine(url)
    try:
        key = Ed25519PrivateKey.generate()
        code = devices.issue_activation_code(engine, POINT, dt.timedelta(hours=1))
        registered = devices.register_device(
            engine, POINT, code, b64url(key.public_key().public_bytes_raw())
        )
        device = Device(registered.device_id, POINT, key, keys.kem_public, keys.answer_public)
        first, second = (make_enrolment(uuid=new_uuid(), cin=cin) for cin in ("EF1", "GH2"))
        ingest_batch(engine, keys, device.seal(device.payload(enrolments=[first])))
        processing.simulate_processing(engine, steps=2)
        ingest_batch(engine, keys, device.seal(device.payload(enrolments=[second])))
        before = {
            table.name: _table_rows(engine, table)
            for table in (store.insured_persons, store.enrolment_cins)
        }
        # As an older centre's database: the check's tables do not exist yet.
        store.insured_persons.drop(engine)
        store.enrolment_cins.drop(engine)
    finally:
        engine.dispose()

    reopened = store.open_engine(url)
    try:
        after = {
            table.name: _table_rows(reopened, table)
            for table in (store.insured_persons, store.enrolment_cins)
        }
    finally:
        reopened.dispose()

    assert [(row.cin, row.regime) for row in before["insured_persons"]] == [("EF1", "tns")]
    assert {row.cin for row in before["enrolment_cins"]} == {"EF1", "GH2"}
    assert [(r.cin, r.immatriculation, r.regime) for r in after["insured_persons"]] == [
        (r.cin, r.immatriculation, r.regime) for r in before["insured_persons"]
    ]
    assert sorted(after["enrolment_cins"]) == sorted(before["enrolment_cins"])


def _table_rows(engine: Any, table: Any) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(select(table)).all())
