"""The wire protocol on its own: canonical bytes, schemas, and the sealed, signed frame."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.protocol import (
    BatchPayload,
    CanonicalError,
    ProtocolError,
    canonical_bytes,
    open_batch,
    parse_canonical,
    peek_header,
    seal_batch,
)
from sync.protocol.envelope import MAGIC
from sync.protocol.schema import (
    AuditItem,
    BatchAcknowledgement,
    ClaimItem,
    DependentItem,
    EnrolmentItem,
    ItemAck,
    ReferenceDataItem,
    ShipmentItem,
    StatusUpdate,
)

REPO = Path(__file__).resolve().parents[2]
UTC = dt.UTC
DEVICE_ID = "dev-0001"
POINT = "CA01"
SIGNATURE = "A" * 86
HASH = "0" * 64

CENTRE = X25519PrivateKey.generate()
DEVICE = Ed25519PrivateKey.generate()


def device_lookup(device_id: str) -> Ed25519PublicKey | None:
    return DEVICE.public_key() if device_id == DEVICE_ID else None


def new_uuid() -> str:
    return str(uuid.uuid4())


def make_claim(n: int = 1, **changes: object) -> ClaimItem:
    claim = ClaimItem(
        uuid=new_uuid(),
        version=1,
        supersedes_uuid=None,
        receipt_no=f"{POINT}-260310-{n:04d}K",
        point_code=POINT,
        clerk="amina",
        created_at=dt.datetime(2026, 3, 10, 9, 30, 5, tzinfo=UTC),
        utc_offset_min=60,
        deposit_day=dt.date(2026, 3, 10),
        status="recorded",
        form_type="610-1-02",
        request_kind="execution",
        insured_immatriculation="123456789",
        insured_name="BENNANI Youssef",
        insured_cin="BK123456",
        beneficiary_relationship="child",
        beneficiary_name="BENNANI Salma",
        beneficiary_birth_date=dt.date(2015, 6, 1),
        beneficiary_sex="F",
        beneficiary_cin=None,
        care_type="illness",
        care_categories=("consultation", "pharmacy"),
        first_act_date=dt.date(2026, 3, 1),
        end_of_treatment_date=None,
        declared_amount_centimes=45_000,
        document_count=3,
        prescriber_inpe="987654321",
        facility_inpe=None,
        fse_number=None,
        checklist=("care_sheet_signed", "originals_attached"),
        confirmations=(("late_deposit", "hospitalisée, dépôt par sa sœur"),),
        shipment_uuid=None,
        signature=SIGNATURE,
    )
    return dataclasses.replace(claim, **changes)  # type: ignore[arg-type]


def make_enrolment() -> EnrolmentItem:
    return EnrolmentItem(
        uuid=new_uuid(),
        version=1,
        supersedes_uuid=None,
        receipt_no=f"{POINT}-260310-0101X",
        point_code=POINT,
        clerk="amina",
        created_at=dt.datetime(2026, 3, 10, 10, 0, tzinfo=UTC),
        utc_offset_min=60,
        deposit_day=dt.date(2026, 3, 10),
        status="recorded",
        last_name="EL AMRANI",
        first_name="Khadija",
        last_name_ar="العمراني",
        first_name_ar="خديجة",
        cin="AB765432",
        immatriculation=None,
        nationality="MA",
        mobile_phone="+212612345678",
        email=None,
        category_code="ART",
        subcategory_code="ART-01",
        sex="F",
        birth_date=dt.date(1985, 2, 14),
        home_line="12 rue des Orangers",
        home_district="Maârif",
        home_commune="Casablanca",
        home_city="Casablanca",
        home_postal_code="20330",
        work_line="45 boulevard Zerktouni",
        work_district="Gauthier",
        work_commune="Casablanca",
        work_city="Casablanca",
        work_postal_code="20000",
        signature_place="Casablanca",
        signature_date=dt.date(2026, 3, 10),
        notice_acknowledged_at=dt.datetime(2026, 3, 10, 9, 58, tzinfo=UTC),
        confirmations=(),
        signature=SIGNATURE,
        dependents=(
            DependentItem(
                relationship="child",
                last_name="EL AMRANI",
                first_name="Rayane",
                birth_date=dt.date(2012, 9, 3),
                sex="M",
                cin=None,
                is_student=True,
                is_married=False,
                is_disabled=False,
                is_kafala=False,
            ),
        ),
    )


def make_payload(claims: int = 3) -> BatchPayload:
    envelope_uuid = new_uuid()
    inside = tuple(make_claim(n, shipment_uuid=envelope_uuid) for n in range(1, claims + 1))
    shipment = ShipmentItem(
        uuid=envelope_uuid,
        number=f"ENV-{POINT}-260310-01Q",
        point_code=POINT,
        created_at=dt.datetime(2026, 3, 10, 8, 0, tzinfo=UTC),
        closed_at=None,
        item_count=claims,
        total_centimes=45_000 * claims,
        manifest_hash=None,
        claim_uuids=tuple(sorted(claim.uuid for claim in inside)),
    )
    return BatchPayload(
        batch_id=new_uuid(),
        device_id=DEVICE_ID,
        point_code=POINT,
        created_at=dt.datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
        claims=inside,
        enrolments=(make_enrolment(),),
        shipments=(shipment,),
        audit=(
            AuditItem(
                seq=1,
                at=dt.datetime(2026, 3, 10, 9, 30, 5, tzinfo=UTC),
                actor="amina",
                action="record_claim",
                subject_kind="claim",
                subject_ref=f"{POINT}-260310-0001K",
                details='{"amount":45000}',
                prev_hash=HASH,
                hash="1" * 64,
            ),
        ),
    )


def refusal(action: Callable[[], object]) -> str:
    with pytest.raises(ProtocolError) as caught:
        action()
    return caught.value.code


# --- canonical encoding ---------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53 - 1), max_value=2**53 - 1)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5)
    ),
    max_leaves=30,
)


@given(json_values)
def test_canonical_encoding_round_trips_any_json_value(value: object) -> None:
    data = canonical_bytes(value)
    assert parse_canonical(data) == value
    assert canonical_bytes(parse_canonical(data)) == data


def test_canonical_form_sorts_keys_without_whitespace_and_keeps_utf8() -> None:
    assert (
        canonical_bytes({"b": 1, "a": ["é", None, True]}) == '{"a":["é",null,true],"b":1}'.encode()
    )


def test_dates_and_utc_times_travel_as_iso_strings() -> None:
    moment = dt.datetime(2026, 3, 10, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert (
        canonical_bytes([dt.date(2026, 3, 10), moment]) == b'["2026-03-10","2026-03-10T09:30:00Z"]'
    )


@pytest.mark.parametrize(
    "value", [1.5, float("nan"), float("inf"), 2**53, dt.datetime(2026, 1, 1), b"x"]
)
def test_values_without_one_canonical_form_are_refused(value: object) -> None:
    with pytest.raises(CanonicalError):
        canonical_bytes({"amount": value})


@pytest.mark.parametrize(
    "data",
    [
        b'{"b":1,"a":2}',
        b'{"a": 1}',
        b'{"a":1.0}',
        b'{"a":NaN}',
        b'{"a":1,"a":1}',
        b'"\\u00e9"',
        b"\xff",
    ],
)
def test_non_canonical_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(CanonicalError):
        parse_canonical(data)


# --- schemas ---------------------------------------------------------------------------------


def test_a_realistic_batch_is_valid_and_round_trips_through_its_columnar_form() -> None:
    payload = make_payload()
    assert payload.validate() == []
    wire = payload.to_wire()
    claims = wire["claims"]
    assert isinstance(claims, dict)
    assert claims["fields"] == list(ClaimItem.FIELDS)
    assert len(claims["rows"]) == 3
    assert BatchPayload.from_wire(parse_canonical(canonical_bytes(wire))) == payload


def test_claim_validation_names_each_broken_field() -> None:
    claim = make_claim(
        insured_immatriculation="12345",
        declared_amount_centimes=-1,
        care_categories=(),
        form_type="610-9-99",
        end_of_treatment_date=dt.date(2026, 2, 1),
        version=2,
    )
    assert set(claim.validate()) == {
        ("insured_immatriculation", "bad_format"),
        ("declared_amount_centimes", "negative"),
        ("care_categories", "required"),
        ("form_type", "unknown_value"),
        ("end_of_treatment_date", "inconsistent"),
        ("supersedes_uuid", "inconsistent"),
    }


def test_batch_validation_finds_duplicate_items_and_items_of_another_point() -> None:
    claim = make_claim()
    payload = dataclasses.replace(
        make_payload(0),
        claims=(claim, claim, make_claim(2, point_code="RB02", receipt_no="RB02-260310-0002K")),
    )
    problems = payload.validate()
    assert ("claims[1].uuid", "duplicate_uuid") in problems
    assert ("claims[2].point_code", "wrong_point") in problems


def test_status_updates_carry_what_their_status_needs() -> None:
    reimbursed = StatusUpdate(
        cursor=7,
        subject_kind="claim",
        subject_uuid=new_uuid(),
        status="reimbursed",
        at=dt.datetime(2026, 4, 2, 8, 0, tzinfo=UTC),
        amount_centimes=31_500,
        effective_date=dt.date(2026, 4, 1),
    )
    assert reimbursed.validate() == []
    assert (
        StatusUpdate.from_wire(parse_canonical(canonical_bytes(reimbursed.to_wire()))) == reimbursed
    )
    returned = dataclasses.replace(
        reimbursed, status="returned", amount_centimes=None, effective_date=None
    )
    assert ("reason", "inconsistent") in returned.validate()
    registered = dataclasses.replace(
        reimbursed,
        subject_kind="enrolment",
        status="registered",
        amount_centimes=None,
        effective_date=None,
        immatriculation="111222333",
    )
    assert registered.validate() == []
    assert ("status", "unknown_value") in dataclasses.replace(
        registered, subject_kind="claim"
    ).validate()


def test_acknowledgements_round_trip_and_a_rejection_needs_code_and_message() -> None:
    ack = BatchAcknowledgement(
        batch_id=new_uuid(),
        received_at=dt.datetime(2026, 3, 10, 12, 0, 3, tzinfo=UTC),
        items=(
            ItemAck("claim", new_uuid(), "accepted"),
            ItemAck(
                "claim", new_uuid(), "rejected", "INPE_UNKNOWN", "INPE du prescripteur inconnu"
            ),
            ItemAck("enrolment", new_uuid(), "duplicate"),
        ),
    )
    assert ack.validate() == []
    assert BatchAcknowledgement.from_wire(parse_canonical(canonical_bytes(ack.to_wire()))) == ack
    assert ("code", "inconsistent") in ItemAck("claim", new_uuid(), "rejected").validate()


def test_reference_data_round_trips() -> None:
    item = ReferenceDataItem("parameter", "deposit_deadline_days", 3, {"value": 60})
    assert item.validate() == []
    assert ReferenceDataItem.from_wire(parse_canonical(canonical_bytes(item.to_wire()))) == item


def test_a_payload_of_another_schema_version_is_refused() -> None:
    wire = make_payload().to_wire()
    assert refusal(lambda: BatchPayload.from_wire({**wire, "schema": 2})) == "schema_mismatch"
    claims = dict(wire["claims"])  # type: ignore[call-overload]
    claims["fields"] = claims["fields"][:-1]
    assert refusal(lambda: BatchPayload.from_wire({**wire, "claims": claims})) == "schema_mismatch"


@settings(max_examples=200)
@given(json_values)
def test_any_json_value_is_read_as_a_batch_or_refused_with_a_protocol_code(value: object) -> None:
    try:
        BatchPayload.from_wire(value)
    except ProtocolError as error:
        assert error.code in {"bad_payload", "schema_mismatch"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_act_date", "2026-3-1"),
        ("first_act_date", "20260301"),
        ("created_at", "2026-03-10T09:30:05+01:00"),
        ("created_at", "2026-03-10T10:30:05+01:00Z"),
        ("created_at", "2026-03-10Z"),
        ("declared_amount_centimes", "45000"),
        ("declared_amount_centimes", True),
        ("care_categories", "consultation"),
    ],
)
def test_a_field_in_another_form_than_the_one_written_is_a_bad_payload(
    field: str, value: object
) -> None:
    wire = make_claim().to_wire()
    assert refusal(lambda: ClaimItem.from_wire({**wire, field: value})) == "bad_payload"


def test_a_wrong_json_type_is_a_bad_payload() -> None:
    wire = make_claim().to_wire()
    assert (
        refusal(lambda: ClaimItem.from_wire({**wire, "declared_amount_centimes": "45000"}))
        == "bad_payload"
    )
    assert (
        refusal(lambda: ClaimItem.from_wire({**wire, "first_act_date": "2026-3-1"}))
        == "bad_payload"
    )


# --- the sealed frame ------------------------------------------------------------------------

names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
)
claims_strategy = st.builds(
    make_claim,
    n=st.integers(min_value=1, max_value=9999),
    insured_name=names,
    beneficiary_name=names,
    insured_cin=st.none() | st.from_regex(r"[A-Z]{1,2}[0-9]{1,6}", fullmatch=True),
    declared_amount_centimes=st.integers(min_value=0, max_value=10**10),
    first_act_date=st.dates(dt.date(2020, 1, 1), dt.date(2026, 3, 10)),
    created_at=st.datetimes(
        dt.datetime(2020, 1, 1), dt.datetime(2030, 1, 1), timezones=st.just(UTC)
    ),
    confirmations=st.dictionaries(
        st.sampled_from(["late_deposit", "possible_duplicate"]), names
    ).map(lambda reasons: tuple(sorted(reasons.items()))),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims=st.lists(claims_strategy, max_size=8), compression=st.sampled_from(["zstd", "gzip"]))
def test_seal_then_open_gives_back_the_same_batch(
    claims: list[ClaimItem], compression: str
) -> None:
    payload = dataclasses.replace(make_payload(0), claims=tuple(claims))
    frame = seal_batch(payload, CENTRE.public_key(), DEVICE, compression=compression)
    header, opened = open_batch(frame, CENTRE, device_lookup)
    assert opened == payload
    assert header.batch_id == payload.batch_id
    assert header.compression == compression
    assert header.counts["claims"] == len(claims)


def test_the_hybrid_post_quantum_kem_is_named_in_the_header_and_opens() -> None:
    centre = hpke.MLKEM768X25519PrivateKey(
        mlkem.MLKEM768PrivateKey.generate(), X25519PrivateKey.generate()
    )
    payload = make_payload()
    frame = seal_batch(payload, centre.public_key(), DEVICE)
    assert peek_header(frame).kem == "MLKEM768_X25519"
    assert open_batch(frame, centre, device_lookup)[1] == payload
    assert refusal(lambda: open_batch(frame, CENTRE, device_lookup)) == "decrypt_failed"


def test_the_header_can_be_read_without_the_centre_key_and_holds_nothing_personal() -> None:
    payload = make_payload()
    header = peek_header(seal_batch(payload, CENTRE.public_key(), DEVICE))
    assert header.batch_id == payload.batch_id
    assert header.device_id == DEVICE_ID
    assert header.counts == {"claims": 3, "enrolments": 1, "shipments": 1, "audit": 1}
    assert set(header.to_wire()) == {
        "batch_id",
        "device_id",
        "point_code",
        "created_at",
        "counts",
        "compression",
        "kem",
        "kdf",
        "aead",
        "payload_sha256",
        "payload_size",
        "schema",
    }


def test_no_name_cin_or_immatriculation_appears_in_the_sealed_bytes() -> None:
    payload = make_payload()
    frame = seal_batch(payload, CENTRE.public_key(), DEVICE, compression="gzip")
    claim, enrolment = payload.claims[0], payload.enrolments[0]
    secrets = [
        claim.insured_name,
        "BENNANI",
        claim.insured_immatriculation,
        claim.insured_cin,
        claim.beneficiary_name,
        claim.prescriber_inpe,
        enrolment.last_name,
        enrolment.first_name,
        enrolment.last_name_ar,
        enrolment.cin,
        enrolment.mobile_phone,
        enrolment.home_line,
        enrolment.dependents[0].first_name,
        "hospitalisée",
        claim.uuid,
        claim.receipt_no,
    ]
    for secret in secrets:
        assert secret is not None
        assert secret.encode() not in frame
        assert secret.encode("utf-16-le") not in frame


def test_every_flipped_byte_is_refused_and_the_signature_is_checked_before_decryption() -> None:
    frame = seal_batch(make_payload(1), CENTRE.public_key(), DEVICE)
    header_length = int.from_bytes(frame[6:10], "big")
    ciphertext_start = 10 + header_length + 4
    for index in range(len(frame)):
        tampered = bytearray(frame)
        tampered[index] ^= 0x01
        code = refusal(lambda t=bytes(tampered): open_batch(t, CENTRE, device_lookup))  # type: ignore[misc]
        if index < len(MAGIC):
            assert code == "bad_magic", index
        elif index < 10 or 10 + header_length <= index < ciphertext_start:
            assert code in {"truncated", "too_large", "bad_frame", "bad_header"}, index
        elif index < 10 + header_length:
            assert code in {"bad_header", "unknown_device", "bad_signature"}, index
        else:  # ciphertext or signature: never as far as decryption
            assert code == "bad_signature", index


def test_a_truncated_frame_or_trailing_bytes_are_refused() -> None:
    frame = seal_batch(make_payload(1), CENTRE.public_key(), DEVICE)
    assert refusal(lambda: open_batch(frame[:-1], CENTRE, device_lookup)) == "truncated"
    assert refusal(lambda: open_batch(frame[:3], CENTRE, device_lookup)) == "truncated"
    assert refusal(lambda: open_batch(frame + b"\0", CENTRE, device_lookup)) == "bad_frame"
    assert refusal(lambda: open_batch(b"GAMOB2" + frame[6:], CENTRE, device_lookup)) == "bad_magic"


def test_another_devices_key_gives_bad_signature() -> None:
    frame = seal_batch(make_payload(1), CENTRE.public_key(), Ed25519PrivateKey.generate())
    assert refusal(lambda: open_batch(frame, CENTRE, device_lookup)) == "bad_signature"


def test_an_unregistered_device_is_unknown() -> None:
    payload = dataclasses.replace(make_payload(1), device_id="dev-stolen")
    frame = seal_batch(payload, CENTRE.public_key(), DEVICE)
    assert refusal(lambda: open_batch(frame, CENTRE, device_lookup)) == "unknown_device"


def test_a_batch_sealed_to_another_centre_key_does_not_decrypt() -> None:
    frame = seal_batch(make_payload(1), X25519PrivateKey.generate().public_key(), DEVICE)
    assert refusal(lambda: open_batch(frame, CENTRE, device_lookup)) == "decrypt_failed"


def _parts(frame: bytes) -> tuple[bytes, bytes]:
    header_length = int.from_bytes(frame[6:10], "big")
    header = frame[10 : 10 + header_length]
    ciphertext = frame[10 + header_length + 4 : -64]
    return header, ciphertext


def _frame(header: bytes, ciphertext: bytes, device: Ed25519PrivateKey) -> bytes:
    signature = device.sign(b"GAMO-BATCH-1\x00" + header + ciphertext)
    return b"".join(
        (
            MAGIC,
            len(header).to_bytes(4, "big"),
            header,
            len(ciphertext).to_bytes(4, "big"),
            ciphertext,
            signature,
        )
    )


def test_a_header_swapped_onto_another_batchs_ciphertext_is_refused() -> None:
    first = seal_batch(make_payload(1), CENTRE.public_key(), DEVICE)
    second = seal_batch(make_payload(2), CENTRE.public_key(), DEVICE)
    header, _ = _parts(first)
    _, ciphertext = _parts(second)
    unsigned = first[: 10 + len(header)] + second[10 + len(_parts(second)[0]) :]
    assert refusal(lambda: open_batch(unsigned, CENTRE, device_lookup)) == "bad_signature"
    # Even re-signed by the device itself, HPKE's info binds the ciphertext to its own header.
    resigned = _frame(header, ciphertext, DEVICE)
    assert refusal(lambda: open_batch(resigned, CENTRE, device_lookup)) == "decrypt_failed"
    assert (
        _frame(*_parts(first), DEVICE) == first
    )  # Ed25519 is deterministic: the helper is faithful


def test_a_signed_header_that_lies_about_the_payload_is_refused() -> None:
    frame = seal_batch(make_payload(1), CENTRE.public_key(), DEVICE)
    header = peek_header(frame)
    assert header.payload_size > 0
    lying = dataclasses.replace(header, payload_size=10**12)
    _, ciphertext = _parts(frame)
    forged = _frame(canonical_bytes(lying.to_wire()), ciphertext, DEVICE)
    assert refusal(lambda: open_batch(forged, CENTRE, device_lookup)) == "too_large"


def test_the_protocol_imports_neither_the_app_nor_qt_nor_sql() -> None:
    forbidden = "{'agent_app', 'PySide6', 'sqlalchemy', 'requests'}"
    code = (
        "import sys, sync.protocol\n"
        f"print(sorted({{m for m in sys.modules if m.split('.')[0] in {forbidden}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"
