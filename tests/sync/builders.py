"""Builders for sync tests: wire items made with ``sync.protocol.schema``, a device activated at
a real centre, sealed and signed frames, and the token dance. Reusable by client tests and
benchmarks; nothing here talks to ``agent_app``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from sync.protocol.auth import b64url, from_b64url, sign_token_request, verify_answer
from sync.protocol.canonical import canonical_bytes, parse_canonical
from sync.protocol.envelope import seal_batch
from sync.protocol.schema import (
    AuditItem,
    BatchAcknowledgement,
    BatchPayload,
    ClaimItem,
    DependentItem,
    EnrolmentItem,
    ShipmentItem,
    shipment_manifest_hash,
)

UTC = dt.UTC
POINT = "CA01"
SIGNATURE = "A" * 86  # a well-formed receipt signature; the centre does not check receipts
HASH = "0" * 64
JSON = {"Content-Type": "application/json"}
BATCH = {"Content-Type": "application/vnd.gamo.batch"}


def new_uuid() -> str:
    return str(uuid.uuid4())


def make_claim(n: int = 1, point: str = POINT, **changes: object) -> ClaimItem:
    """A claim deposited on time, with every field a clerk fills in."""
    claim = ClaimItem(
        uuid=new_uuid(),
        version=1,
        supersedes_uuid=None,
        receipt_no=f"{point}-261120-{n:04d}K",
        point_code=point,
        clerk="amina",
        created_at=dt.datetime(2026, 11, 20, 9, 30, 5, tzinfo=UTC),
        utc_offset_min=60,
        deposit_day=dt.date(2026, 11, 20),
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
        first_act_date=dt.date(2026, 11, 2),
        end_of_treatment_date=None,
        declared_amount_centimes=45_000,
        document_count=3,
        prescriber_inpe="987654321",
        facility_inpe=None,
        fse_number=None,
        checklist=("care_sheet_signed", "inpe_stamp_present", "originals_attached"),
        confirmations=(),
        shipment_uuid=None,
        signature=SIGNATURE,
    )
    return dataclasses.replace(claim, **changes)  # type: ignore[arg-type]


def make_dependent(**changes: object) -> DependentItem:
    child = DependentItem(
        relationship="child",
        last_name="EL AMRANI",
        first_name="Rayane",
        birth_date=dt.date(2012, 9, 3),
        sex="M",
        cin=None,
        is_student=False,
        is_married=False,
        is_disabled=False,
        is_kafala=False,
    )
    return dataclasses.replace(child, **changes)  # type: ignore[arg-type]


def make_enrolment(
    point: str = POINT, dependents: Sequence[DependentItem] | None = None, **changes: object
) -> EnrolmentItem:
    enrolment = EnrolmentItem(
        uuid=new_uuid(),
        version=1,
        supersedes_uuid=None,
        receipt_no=f"{point}-261120-0101X",
        point_code=point,
        clerk="amina",
        created_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
        utc_offset_min=60,
        deposit_day=dt.date(2026, 11, 20),
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
        signature_date=dt.date(2026, 11, 20),
        notice_acknowledged_at=dt.datetime(2026, 11, 20, 9, 58, tzinfo=UTC),
        confirmations=(),
        signature=SIGNATURE,
        dependents=tuple(dependents) if dependents is not None else (make_dependent(),),
    )
    return dataclasses.replace(enrolment, **changes)  # type: ignore[arg-type]


def make_shipment(
    point: str = POINT,
    item_count: int = 1,
    claims: Sequence[ClaimItem] | None = None,
    *,
    uuid: str | None = None,
) -> ShipmentItem:
    """An envelope; given ``claims``, a closed one listing them with their manifest hash."""
    if claims is None:
        return ShipmentItem(
            uuid=uuid or new_uuid(),
            number=f"ENV-{point}-261120-01Q",
            point_code=point,
            created_at=dt.datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
            closed_at=None,
            item_count=item_count,
            total_centimes=45_000 * item_count,
            manifest_hash=None,
            claim_uuids=tuple(sorted(new_uuid() for _ in range(item_count))),
        )
    return ShipmentItem(
        uuid=uuid or new_uuid(),
        number=f"ENV-{point}-261120-01Q",
        point_code=point,
        created_at=dt.datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
        closed_at=dt.datetime(2026, 11, 20, 17, 0, tzinfo=UTC),
        item_count=len(claims),
        total_centimes=sum(c.declared_amount_centimes for c in claims),
        manifest_hash=shipment_manifest_hash(
            (c.receipt_no, c.uuid, c.declared_amount_centimes) for c in claims
        ),
        claim_uuids=tuple(sorted(c.uuid for c in claims)),
    )


def make_audit(seq: int, prev_hash: str = HASH) -> AuditItem:
    return AuditItem(
        seq=seq,
        at=dt.datetime(2026, 11, 20, 9, 30, 5, tzinfo=UTC),
        actor="amina",
        action="record_claim",
        subject_kind="claim",
        subject_ref=f"{POINT}-261120-{seq:04d}K",
        details='{"amount":45000}',
        prev_hash=prev_hash,
        hash=f"{seq:064x}",
    )


@dataclass(frozen=True, slots=True)
class Device:
    """A device activated at a real centre: its key and what activation answered."""

    device_id: str
    point_code: str
    key: Ed25519PrivateKey
    centre_public_key: X25519PublicKey
    centre_answer_key: Ed25519PublicKey

    def payload(
        self,
        claims: Sequence[ClaimItem] = (),
        enrolments: Sequence[EnrolmentItem] = (),
        shipments: Sequence[ShipmentItem] = (),
        audit: Sequence[AuditItem] = (),
        batch_id: str | None = None,
    ) -> BatchPayload:
        return BatchPayload(
            batch_id=batch_id or new_uuid(),
            device_id=self.device_id,
            point_code=self.point_code,
            created_at=dt.datetime(2026, 11, 20, 12, 0, tzinfo=UTC),
            claims=tuple(claims),
            enrolments=tuple(enrolments),
            shipments=tuple(shipments),
            audit=tuple(audit),
        )

    def seal(self, payload: BatchPayload, compression: str = "zstd") -> bytes:
        return seal_batch(payload, self.centre_public_key, self.key, compression)


def activate(session: requests.Session, url: str, point_code: str, code: str) -> Device:
    """Register a fresh device key with ``code``; fails the test unless the centre agrees."""
    key = Ed25519PrivateKey.generate()
    body = {
        "point_code": point_code,
        "activation_code": code,
        "device_public_key": b64url(key.public_key().public_bytes_raw()),
    }
    answer = session.post(f"{url}/v1/devices", data=canonical_bytes(body), headers=JSON)
    assert answer.status_code == 201, answer.text
    data = answer.json()
    answer_key = Ed25519PublicKey.from_public_bytes(from_b64url(data["centre_answer_key"]))
    assert verify_answer(answer_key, answer.content, answer.headers.get("X-Gamo-Signature"))
    return Device(
        device_id=data["device_id"],
        point_code=data["point_code"],
        key=key,
        centre_public_key=X25519PublicKey.from_public_bytes(from_b64url(data["centre_public_key"])),
        centre_answer_key=answer_key,
    )


def challenge(session: requests.Session, url: str, device_id: str) -> requests.Response:
    return session.post(
        f"{url}/v1/auth/challenge", data=canonical_bytes({"device_id": device_id}), headers=JSON
    )


def token_request(
    session: requests.Session, url: str, device: Device, nonce: str, key: Ed25519PrivateKey | None
) -> requests.Response:
    body = {
        "device_id": device.device_id,
        "nonce": nonce,
        "signature": sign_token_request(key or device.key, device.device_id, nonce),
    }
    return session.post(f"{url}/v1/auth/token", data=canonical_bytes(body), headers=JSON)


def get_token(session: requests.Session, url: str, device: Device) -> str:
    answer = challenge(session, url, device.device_id)
    assert answer.status_code == 200, answer.text
    issued = token_request(session, url, device, answer.json()["nonce"], None)
    assert issued.status_code == 200, issued.text
    token: str = issued.json()["token"]
    return token


def bearer(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **headers}


def read_ack(raw: bytes) -> BatchAcknowledgement:
    return BatchAcknowledgement.from_wire(parse_canonical(raw))


def outcomes(raw: bytes) -> dict[str, tuple[str, str | None]]:
    """uuid (or audit seq) → (outcome, rejection code) of an acknowledgement's bytes."""
    return {item.uuid: (item.outcome, item.code) for item in read_ack(raw).items}
