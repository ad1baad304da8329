"""PUT /v1/batches/{id} against the real centre: idempotency, refusals, per-item verdicts.

Storage-sensitive stories run on SQLite and, when GAMO_TEST_POSTGRES_URL is set, PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import threading

import requests
from sqlalchemy import create_engine, select

from sync.protocol.auth import verify_answer
from sync.protocol.canonical import canonical_bytes
from sync.server import store
from tests.sync.builders import (
    BATCH,
    POINT,
    Device,
    activate,
    bearer,
    get_token,
    make_audit,
    make_claim,
    make_dependent,
    make_enrolment,
    make_shipment,
    new_uuid,
    outcomes,
    read_ack,
)
from tests.sync.conftest import Central
from tests.sync.server.helpers import error_code


def _device(central: Central, session: requests.Session, point: str = POINT) -> Device:
    return activate(session, central.url, point, central.issue_activation(point))


def _put(
    session: requests.Session, central: Central, token: str, batch_id: str, frame: bytes
) -> requests.Response:
    return session.put(
        f"{central.url}/v1/batches/{batch_id}", data=frame, headers=bearer(token, **BATCH)
    )


def test_a_new_batch_is_acknowledged_item_by_item_and_signed(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    device = _device(central, session)
    token = get_token(session, central.url, device)
    envelope_uuid = new_uuid()
    claims = [make_claim(n, shipment_uuid=envelope_uuid) for n in (1, 2)]
    shipment = make_shipment(claims=claims, uuid=envelope_uuid)
    enrolment = make_enrolment()
    payload = device.payload(claims, [enrolment], [shipment], [make_audit(1), make_audit(2)])
    answer = _put(session, central, token, payload.batch_id, device.seal(payload))

    assert answer.status_code == 200, answer.text
    assert verify_answer(
        device.centre_answer_key, answer.content, answer.headers["X-Gamo-Signature"]
    )
    ack = read_ack(answer.content)
    assert ack.batch_id == payload.batch_id
    assert [(item.kind, item.uuid, item.outcome) for item in ack.items] == [
        ("claim", claims[0].uuid, "accepted"),
        ("claim", claims[1].uuid, "accepted"),
        ("enrolment", enrolment.uuid, "accepted"),
        ("shipment", shipment.uuid, "accepted"),
        ("audit", "1", "accepted"),
        ("audit", "2", "accepted"),
    ]
    engine = create_engine(central.db_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(
                select(store.claims.c.item).where(store.claims.c.uuid == claims[0].uuid)
            ).scalar_one()
    finally:
        engine.dispose()
    assert stored.encode("utf-8") == canonical_bytes(claims[0].to_wire())
    stats = central.stats()
    assert (stats["claims"], stats["enrolments"], stats["shipments"]) == (2, 1, 1)
    assert (stats["audit_entries"], stats["batches"]) == (2, 1)
    assert stats["points"] == {POINT: {"claims": 2, "enrolments": 1, "batches": 1}}
    assert (stats["claims_in_envelopes"], stats["envelope_links"]) == (2, 2)
    assert stats["shipment_manifests"] == {"verified": 1}


def test_the_same_bytes_again_get_the_stored_acknowledgement_byte_for_byte(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    device = _device(central, session)
    token = get_token(session, central.url, device)
    payload = device.payload([make_claim()])
    frame = device.seal(payload)
    first = _put(session, central, token, payload.batch_id, frame)
    again = _put(session, central, token, payload.batch_id, frame)
    assert again.status_code == 200
    assert again.content == first.content
    assert central.stats()["claims"] == 1


def test_the_same_batch_id_with_other_bytes_is_a_conflict_and_changes_nothing(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    device = _device(central, session)
    token = get_token(session, central.url, device)
    payload = device.payload([make_claim()])
    assert _put(session, central, token, payload.batch_id, device.seal(payload)).status_code == 200
    other = dataclasses.replace(payload, claims=(make_claim(2),))
    refused = _put(session, central, token, payload.batch_id, device.seal(other))
    assert (refused.status_code, error_code(refused)) == (409, "conflict")
    stats = central.stats()
    assert (stats["claims"], stats["conflicts"]) == (1, 1)


def test_two_uploads_of_one_batch_at_the_same_moment_make_one_batch(
    central_any_db: Central,
) -> None:
    central = central_any_db
    with requests.Session() as session:
        device = _device(central, session)
        token = get_token(session, central.url, device)
    payload = device.payload([make_claim(n) for n in range(1, 201)])
    frame = device.seal(payload)
    answers: list[bytes] = []
    start = threading.Barrier(4)

    def upload() -> None:
        with requests.Session() as own:
            start.wait()
            answer = _put(own, central, token, payload.batch_id, frame)
            assert answer.status_code == 200
            answers.append(answer.content)

    threads = [threading.Thread(target=upload) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 4
    assert len(set(answers)) == 1
    stats = central.stats()
    assert (stats["batches"], stats["claims"], stats["duplicates_refused"]) == (1, 200, 0)


def test_a_tampered_frame_fails_the_signature_before_anything_is_decrypted(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    token = get_token(session, central.url, device)
    payload = device.payload([make_claim()])
    frame = bytearray(device.seal(payload))
    frame[-70] ^= 0x01  # a byte of the ciphertext, just before the signature
    refused = _put(session, central, token, payload.batch_id, bytes(frame))
    assert (refused.status_code, error_code(refused)) == (401, "bad_signature")
    assert central.stats()["claims"] == 0


def test_a_token_of_another_device_cannot_upload_this_devices_batch(
    central: Central, session: requests.Session
) -> None:
    device, other = _device(central, session), _device(central, session)
    payload = device.payload([make_claim()])
    refused = _put(
        session,
        central,
        get_token(session, central.url, other),
        payload.batch_id,
        device.seal(payload),
    )
    assert (refused.status_code, error_code(refused)) == (403, "forbidden")


def test_a_path_id_that_is_not_the_headers_is_refused(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    payload = device.payload([make_claim()])
    refused = _put(
        session, central, get_token(session, central.url, device), new_uuid(), device.seal(payload)
    )
    assert (refused.status_code, error_code(refused)) == (400, "batch_id_mismatch")


def test_bytes_that_are_not_a_batch_are_refused_with_their_protocol_code(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    refused = _put(
        session,
        central,
        get_token(session, central.url, device),
        new_uuid(),
        b"<html>portal</html>",
    )
    assert (refused.status_code, error_code(refused)) == (400, "bad_magic")


def test_items_the_centre_already_holds_are_answered_duplicate(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    device = _device(central, session)
    token = get_token(session, central.url, device)
    held, fresh = make_claim(1), make_claim(2)
    first = device.payload([held], audit=[make_audit(1)])
    assert _put(session, central, token, first.batch_id, device.seal(first)).status_code == 200
    # The acknowledgement was lost: the client put the items back and sealed a new batch.
    second = device.payload([held, fresh], audit=[make_audit(1), make_audit(2)])
    answer = _put(session, central, token, second.batch_id, device.seal(second))
    assert outcomes(answer.content) == {
        held.uuid: ("duplicate", None),
        fresh.uuid: ("accepted", None),
        "1": ("duplicate", None),
        "2": ("accepted", None),
    }
    stats = central.stats()
    assert (stats["claims"], stats["audit_entries"], stats["duplicates_refused"]) == (2, 2, 2)


def test_a_late_deposit_without_a_confirmed_reason_is_rejected_with_its_code(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    device = _device(central, session)
    token = get_token(session, central.url, device)
    late = make_claim(1, first_act_date=dt.date(2026, 8, 1))
    excused = make_claim(
        2,
        first_act_date=dt.date(2026, 8, 1),
        confirmations=(("late_deposit", "hospitalisée, dépôt par sa sœur"),),
    )
    # 61 days, but within two calendar months: on time by either reading of the rule.
    edge = make_claim(3, first_act_date=dt.date(2026, 9, 20))
    treatment = make_claim(
        4, first_act_date=dt.date(2026, 6, 1), end_of_treatment_date=dt.date(2026, 10, 1)
    )
    planned = make_claim(5, first_act_date=dt.date(2026, 1, 5), request_kind="prior_approval")
    payload = device.payload([late, excused, edge, treatment, planned])
    answer = _put(session, central, token, payload.batch_id, device.seal(payload))
    verdicts = outcomes(answer.content)
    assert verdicts[late.uuid] == ("rejected", "late_deposit")
    assert verdicts[excused.uuid] == ("accepted", None)
    assert verdicts[edge.uuid] == ("accepted", None)
    assert verdicts[treatment.uuid] == ("accepted", None)
    assert verdicts[planned.uuid] == ("accepted", None)
    message = next(item.message for item in read_ack(answer.content).items if item.code)
    assert message is not None and "motif" in message and "first_act_date" in message
    stats = central.stats()
    assert (stats["claims"], stats["claims_rejected"]) == (4, 1)


def test_children_past_the_coverage_age_are_rejected_unless_student_or_disabled(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    device = _device(central, session)
    token = get_token(session, central.url, device)
    signed = dt.date(2026, 11, 20)
    too_old = make_enrolment(dependents=[make_dependent(birth_date=dt.date(2004, 11, 19))])
    turning = make_enrolment(dependents=[make_dependent(birth_date=dt.date(2004, 11, 21))])
    student = make_enrolment(
        dependents=[make_dependent(birth_date=dt.date(2001, 1, 1), is_student=True)]
    )
    married_student = make_enrolment(
        dependents=[
            make_dependent(birth_date=dt.date(2001, 1, 1), is_student=True, is_married=True)
        ]
    )
    disabled = make_enrolment(
        dependents=[make_dependent(birth_date=dt.date(1990, 1, 1), is_disabled=True)]
    )
    spouse = make_enrolment(
        dependents=[make_dependent(relationship="spouse", birth_date=dt.date(1960, 1, 1))]
    )
    enrolments = [too_old, turning, student, married_student, disabled, spouse]
    assert all(e.signature_date == signed for e in enrolments)
    payload = device.payload(enrolments=enrolments)
    verdicts = outcomes(
        _put(session, central, token, payload.batch_id, device.seal(payload)).content
    )
    assert verdicts == {
        too_old.uuid: ("rejected", "dependent_not_covered"),
        turning.uuid: ("accepted", None),
        student.uuid: ("accepted", None),
        married_student.uuid: ("rejected", "dependent_not_covered"),
        disabled.uuid: ("accepted", None),
        spouse.uuid: ("accepted", None),
    }


def test_a_rejected_item_sent_again_is_rejected_again_until_corrected(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    device = _device(central, session)
    token = get_token(session, central.url, device)
    late = make_claim(1, first_act_date=dt.date(2026, 8, 1))
    first = device.payload([late])
    _put(session, central, token, first.batch_id, device.seal(first))
    again = device.payload([late])
    verdicts = outcomes(_put(session, central, token, again.batch_id, device.seal(again)).content)
    assert verdicts == {late.uuid: ("rejected", "late_deposit")}

    corrected = make_claim(
        1,
        uuid=new_uuid(),
        version=2,
        supersedes_uuid=late.uuid,
        first_act_date=dt.date(2026, 8, 1),
        confirmations=(("late_deposit", "à l'étranger pour soins"),),
    )
    orphan = make_claim(2, version=2, supersedes_uuid=new_uuid())
    twice = make_claim(3, version=2, supersedes_uuid=late.uuid)
    fix = device.payload([corrected, orphan, twice])
    verdicts = outcomes(_put(session, central, token, fix.batch_id, device.seal(fix)).content)
    assert verdicts == {
        corrected.uuid: ("accepted", None),
        orphan.uuid: ("rejected", "unknown_predecessor"),
        twice.uuid: ("rejected", "already_superseded"),
    }


def test_items_of_another_point_are_rejected(central: Central, session: requests.Session) -> None:
    device = _device(central, session)
    stray = make_claim(1, point="RB02")
    ours = make_claim(2)
    payload = device.payload([stray, ours])
    answer = _put(
        session,
        central,
        get_token(session, central.url, device),
        payload.batch_id,
        device.seal(payload),
    )
    assert outcomes(answer.content) == {
        stray.uuid: ("rejected", "wrong_point"),
        ours.uuid: ("accepted", None),
    }


def test_malformed_items_are_rejected_naming_fields_never_values(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    bad = make_claim(1, insured_immatriculation="12345", declared_amount_centimes=-5)
    payload = device.payload([bad])
    answer = _put(
        session,
        central,
        get_token(session, central.url, device),
        payload.batch_id,
        device.seal(payload),
    )
    (item,) = read_ack(answer.content).items
    assert (item.outcome, item.code) == ("rejected", "invalid_item")
    assert item.message is not None
    assert "insured_immatriculation:bad_format" in item.message
    assert "declared_amount_centimes:negative" in item.message
    assert "12345" not in item.message


def test_the_centre_log_holds_no_name_cin_or_immatriculation(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    token = get_token(session, central.url, device)
    payload = device.payload(
        [make_claim(1), make_claim(2, first_act_date=dt.date(2026, 1, 1))], [make_enrolment()]
    )
    _put(session, central, token, payload.batch_id, device.seal(payload))
    _put(session, central, token, payload.batch_id, b"GAMOB1 broken")
    central.simulate_processing(seed=3, steps=3)
    session.get(f"{central.url}/v1/updates", headers=bearer(token))
    log = central.log()
    assert "batch" in log  # the log is there and speaks of the upload
    for personal in ("BENNANI", "Youssef", "Salma", "BK123456", "123456789", "AMRANI", "AB765432"):
        assert personal not in log


def test_a_large_acknowledgement_travels_gzip_compressed_and_decodes_to_the_signed_bytes(
    central: Central, session: requests.Session
) -> None:
    device = _device(central, session)
    token = get_token(session, central.url, device)
    payload = device.payload([make_claim(n) for n in range(1, 301)])
    frame = device.seal(payload)
    with session.put(
        f"{central.url}/v1/batches/{payload.batch_id}",
        data=frame,
        headers=bearer(token, **BATCH, **{"Accept-Encoding": "gzip"}),
        stream=True,
    ) as answer:
        on_the_wire = answer.raw.read(decode_content=False)
        assert answer.status_code == 200
        assert answer.headers["Content-Encoding"] == "gzip"
        signature = answer.headers["X-Gamo-Signature"]

    decoded = gzip.decompress(on_the_wire)
    assert verify_answer(device.centre_answer_key, decoded, signature)
    assert len(read_ack(decoded).items) == 300
    assert len(on_the_wire) * 2 < len(decoded)
