"""Ingest of one sealed batch: the single path shared by ``PUT /v1/batches/{id}`` and the
``import-batches`` command.

Order of work: frame size, idempotency by batch id (same frame SHA-256: the stored
acknowledgement bytes verbatim; other bytes: ``conflict``), the device registry (unknown,
revoked, another point), ``open_batch`` (signature before decryption), then every item judged
on the protocol's ``validate()`` and the centre's own rules, and everything inserted in ONE
transaction with the batch row and the acknowledgement bytes, committed before the bytes are
returned. Unique constraints decide duplicates (``ON CONFLICT DO NOTHING ... RETURNING``);
rows go in bulk, never one query per item.

Every item read gets a line in the acknowledgement: ``accepted``, ``rejected`` (a rejection
code from the reference data and its French message naming fields, never values) or
``duplicate`` (the centre already held its uuid; a held item that was rejected is answered
rejected again, with the same code). This module never logs and never puts payload values in
an error.

An envelope (shipment) lists its claims' uuids: an accepted one records each envelope→claim
link and its manifest check. The manifest hash is recomputed from the claims the centre holds
(receipt number, uuid, declared amount); an envelope whose claims are not all held yet is
``awaiting_claims`` and checked again when a later batch brings them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, Engine, Table, bindparam, select, update

from sync.protocol.canonical import canonical_bytes, parse_canonical
from sync.protocol.envelope import BatchHeader, open_batch, peek_header
from sync.protocol.errors import ProtocolError
from sync.protocol.schema import (
    AuditItem,
    BatchAcknowledgement,
    BatchPayload,
    ClaimItem,
    EnrolmentItem,
    ItemAck,
    ShipmentItem,
    shipment_manifest_hash,
)
from sync.server import reference, rules, store
from sync.server.config import MAX_BODY_BYTES
from sync.server.keys import CentreKeys

UUID_RE: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
POINT_CODE_RE: Final = re.compile(r"[0-9A-HJ-NP-Z]{2,8}", re.ASCII)
_IN_CHUNK: Final = 900  # uuids per IN (...) list
# The manifest states of an accepted envelope (``store.shipment_manifests``).
MANIFEST_VERIFIED: Final = "verified"
MANIFEST_AWAITING: Final = "awaiting_claims"
MANIFEST_MISMATCH: Final = "mismatch"
MANIFEST_OPEN: Final = "open"  # an envelope sent before it was closed: no manifest yet


@dataclass(frozen=True, slots=True)
class IngestResult:
    batch_id: str
    acknowledgement: bytes  # the exact bytes answered, stored with the batch
    replayed: bool  # True: an earlier upload of the same bytes, answered again verbatim
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0


@dataclass(slots=True)
class _Verdicts:
    """Per item of one kind: the rejection decided before insertion, or None."""

    acks: list[ItemAck] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Held:
    point_code: str
    status: str
    superseded_by: str | None
    rejection_code: str | None
    rejection_message: str | None


class _Messages:
    """Rejection wording from the reference data, as of this transaction."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts

    def text(self, code: str, fields: Sequence[str] = ()) -> str:
        base = self._texts.get(code) or reference.REJECTION_CODES[code]["fr"]
        return f"{base} [{', '.join(fields)}]" if fields else base


def ingest_batch(
    engine: Engine,
    keys: CentreKeys,
    frame: bytes,
    *,
    path_batch_id: str | None = None,
    token_device_id: str | None = None,
    source: str = "http",
) -> IngestResult:
    """Ingest ``frame``; raises :class:`ProtocolError` when the whole batch is refused.

    ``path_batch_id`` (the URL's id) and ``token_device_id`` (the bearer token's device) are
    checked against the header when given; an import from removable media gives neither.
    """
    if len(frame) > MAX_BODY_BYTES:
        raise ProtocolError("too_large", "frame")
    header = peek_header(frame)
    if path_batch_id is not None and header.batch_id != path_batch_id:
        raise ProtocolError("batch_id_mismatch")
    if token_device_id is not None and header.device_id != token_device_id:
        raise ProtocolError("forbidden", "the token's device is not the header's")
    frame_sha256 = hashlib.sha256(frame).hexdigest()
    with store.transaction(engine) as connection:
        earlier = _stored(connection, header.batch_id, frame_sha256)
        if earlier is not None:
            return earlier
        device_key = _device_key(connection, header)
    _, payload = open_batch(frame, keys.private_for(header.kem), lambda _device_id: device_key)
    _check_batch_fields(payload)
    with store.transaction(engine) as connection:
        result = _record(connection, header, payload, frame_sha256, source)
    if result is None:  # a concurrent upload of the same id won the unique constraint
        with store.transaction(engine) as connection:
            earlier = _stored(connection, header.batch_id, frame_sha256)
        if earlier is None:
            raise ProtocolError("conflict", "batch row vanished")
        return earlier
    return result


def _stored(connection: Connection, batch_id: str, frame_sha256: str) -> IngestResult | None:
    row = connection.execute(
        select(store.batches.c.frame_sha256, store.batches.c.acknowledgement).where(
            store.batches.c.batch_id == batch_id
        )
    ).first()
    if row is None:
        return None
    if row.frame_sha256 != frame_sha256:
        raise ProtocolError("conflict", "same batch id, other bytes")
    return IngestResult(batch_id, bytes(row.acknowledgement), replayed=True)


def _device_key(connection: Connection, header: BatchHeader) -> Ed25519PublicKey:
    row = connection.execute(
        select(
            store.devices.c.public_key, store.devices.c.point_code, store.devices.c.revoked_at
        ).where(store.devices.c.device_id == header.device_id)
    ).first()
    if row is None:
        raise ProtocolError("unknown_device")
    if row.revoked_at is not None:
        raise ProtocolError("device_revoked")
    if row.point_code != header.point_code:
        raise ProtocolError("forbidden", "the header's point is not the device's")
    return Ed25519PublicKey.from_public_bytes(bytes(row.public_key))


def _check_batch_fields(payload: BatchPayload) -> None:
    """Batch-level faults refuse the whole batch; item faults are per-item rejections.

    The batch-level part of ``BatchPayload.validate()``, without judging every item a second
    time (each item is validated once, in its own verdict).
    """
    if UUID_RE.fullmatch(payload.batch_id) is None:
        raise ProtocolError("bad_payload", "batch field batch_id")
    if not payload.device_id.strip() or len(payload.device_id) > 64:
        raise ProtocolError("bad_payload", "batch field device_id")
    if POINT_CODE_RE.fullmatch(payload.point_code) is None:
        raise ProtocolError("bad_payload", "batch field point_code")
    if payload.created_at.utcoffset() != dt.timedelta(0):
        raise ProtocolError("bad_payload", "batch field created_at")


def _rule_context(connection: Connection) -> tuple[rules.RuleParameters, _Messages]:
    rows = connection.execute(
        select(
            store.reference_items.c.kind,
            store.reference_items.c.code,
            store.reference_items.c.payload,
        ).where(store.reference_items.c.kind.in_(("parameter", "rejection_code")))
    ).all()
    parameters: dict[str, int] = {}
    texts: dict[str, str] = {}
    for row in rows:
        payload = parse_canonical(row.payload.encode("utf-8"))
        if not isinstance(payload, dict):
            continue
        if row.kind == "parameter" and isinstance(payload.get("value"), int):
            parameters[row.code] = payload["value"]
        elif row.kind == "rejection_code" and isinstance(payload.get("fr"), str):
            texts[row.code] = payload["fr"]
    return rules.RuleParameters.from_reference(parameters), _Messages(texts)


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _item_json(item: ClaimItem | EnrolmentItem | ShipmentItem | AuditItem) -> str:
    """The item's canonical JSON text. ``to_wire()`` of an item read from canonical JSON holds
    only strings, safe integers, lists, objects and null, so the plain encoder with the
    canonical settings gives the same bytes as ``canonical_bytes`` at a third of the cost."""
    return json.dumps(
        item.to_wire(), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def _problem_fields(problems: Sequence[tuple[str, str]]) -> list[str]:
    return sorted({f"{name}:{code}" for name, code in problems})


def _record(
    connection: Connection,
    header: BatchHeader,
    payload: BatchPayload,
    frame_sha256: str,
    source: str,
) -> IngestResult | None:
    now = store.utc_now()
    batch_row = store.insert_new(
        connection,
        store.batches,
        [
            {
                "batch_id": header.batch_id,
                "device_id": header.device_id,
                "point_code": header.point_code,
                "frame_sha256": frame_sha256,
                "received_at": now,
                "source": source,
                "claims": len(payload.claims),
                "enrolments": len(payload.enrolments),
                "shipments": len(payload.shipments),
                "audit_entries": len(payload.audit),
                "acknowledgement": b"",
            }
        ],
        ["batch_id"],
        "id",
    )
    if not batch_row:
        return None
    parameters, messages = _rule_context(connection)
    common = {
        "point_code": header.point_code,
        "device_id": header.device_id,
        "batch_id": header.batch_id,
        "received_at": now,
    }
    acks: list[ItemAck] = []
    acks += _ingest_versioned(
        connection, store.claims, "claim", payload.claims, common, parameters, messages
    )
    enrolment_acks = _ingest_versioned(
        connection, store.enrolments, "enrolment", payload.enrolments, common, parameters, messages
    )
    acks += enrolment_acks
    # Accepted enrolments are "in progress" for the insured check until they are registered.
    accepted_enrolments = {ack.uuid for ack in enrolment_acks if ack.outcome == "accepted"}
    store.index_enrolment_cins(
        connection,
        [(item.uuid, item.cin) for item in payload.enrolments if item.uuid in accepted_enrolments],
    )
    acks += _ingest_shipments(connection, payload, common, messages)
    _settle_manifests(connection, [claim.uuid for claim in payload.claims], header.point_code)
    acks += _ingest_audit(connection, payload, common, messages)

    acknowledgement = BatchAcknowledgement(
        batch_id=header.batch_id, received_at=store.as_aware(now), items=tuple(acks)
    )
    ack_bytes = canonical_bytes(acknowledgement.to_wire())
    accepted = sum(ack.outcome == "accepted" for ack in acks)
    rejected = sum(ack.outcome == "rejected" for ack in acks)
    duplicates = sum(ack.outcome == "duplicate" for ack in acks)
    connection.execute(
        update(store.batches)
        .where(store.batches.c.id == next(iter(batch_row)))
        .values(
            acknowledgement=ack_bytes, accepted=accepted, rejected=rejected, duplicates=duplicates
        )
    )
    return IngestResult(
        header.batch_id,
        ack_bytes,
        False,
        accepted=accepted,
        rejected=rejected,
        duplicates=duplicates,
    )


def _held(connection: Connection, table: Table, uuids: Sequence[str]) -> dict[str, _Held]:
    if not uuids:
        return {}
    has_chain = "superseded_by" in table.c
    columns = [
        table.c.uuid,
        table.c.point_code,
        table.c.status,
        table.c.rejection_code,
        table.c.rejection_message,
    ]
    if has_chain:
        columns.append(table.c.superseded_by)
    held: dict[str, _Held] = {}
    for row in connection.execute(select(*columns).where(table.c.uuid.in_(list(uuids)))):
        held[row.uuid] = _Held(
            point_code=row.point_code,
            status=row.status,
            superseded_by=row.superseded_by if has_chain else None,
            rejection_code=row.rejection_code,
            rejection_message=row.rejection_message,
        )
    return held


def _versioned_row(item: ClaimItem | EnrolmentItem) -> dict[str, object]:
    row: dict[str, object] = {
        "receipt_no": item.receipt_no,
        "version": item.version,
        "supersedes_uuid": item.supersedes_uuid,
        "superseded_by": None,
        "deposit_day": item.deposit_day,
    }
    if isinstance(item, ClaimItem):
        row["declared_amount_centimes"] = item.declared_amount_centimes
    return row


def _ingest_versioned(
    connection: Connection,
    table: Table,
    kind: str,
    items: Sequence[ClaimItem] | Sequence[EnrolmentItem],
    common: dict[str, object],
    parameters: rules.RuleParameters,
    messages: _Messages,
) -> list[ItemAck]:
    """Claims or enrolments: judged, inserted in bulk, predecessors marked superseded."""
    predecessors = _held(
        connection,
        table,
        sorted({i.supersedes_uuid for i in items if i.supersedes_uuid is not None}),
    )
    seen: set[str] = set()
    superseded_here: set[str] = set()
    # Per item: its answer when decided now, or the row whose insertion decides it.
    decided: list[tuple[ClaimItem | EnrolmentItem, ItemAck | dict[str, object]]] = []
    rows: list[dict[str, object]] = []
    for item in items:
        rejection = _judge_versioned(item, common, parameters, predecessors, superseded_here, seen)
        storable = UUID_RE.fullmatch(item.uuid) is not None and item.uuid not in seen
        seen.add(item.uuid)
        if not storable:
            # A uuid that is malformed or repeated in this batch: rejected, nothing stored.
            code, fields = rejection or ("invalid_item", ["uuid:bad_format"])
            ack = ItemAck(kind, item.uuid, "rejected", code, messages.text(code, fields))
            decided.append((item, ack))
            continue
        code_or_none, fields = rejection if rejection else (None, [])
        row: dict[str, object] = {
            **common,
            **_versioned_row(item),
            "uuid": item.uuid,
            "supersedes_uuid": (
                item.supersedes_uuid
                if item.supersedes_uuid and UUID_RE.fullmatch(item.supersedes_uuid)
                else None
            ),
            "status": "rejected" if code_or_none else "received",
            "rejection_code": code_or_none,
            "rejection_message": messages.text(code_or_none, fields) if code_or_none else None,
            "item": _item_json(item),
        }
        rows.append(row)
        if code_or_none is None and item.supersedes_uuid is not None:
            superseded_here.add(item.supersedes_uuid)
        decided.append((item, row))
    inserted = store.insert_new(connection, table, rows, ["uuid"], "uuid")
    clashed = _held(connection, table, [str(r["uuid"]) for r in rows if r["uuid"] not in inserted])
    acks: list[ItemAck] = []
    successions: list[dict[str, object]] = []
    for item, answer in decided:
        if isinstance(answer, ItemAck):
            acks.append(answer)
            continue
        ack = _outcome(kind, item.uuid, answer, item.uuid in inserted, clashed)
        if ack.outcome == "accepted" and item.supersedes_uuid is not None:
            successions.append({"old": item.supersedes_uuid, "new": item.uuid})
        acks.append(ack)
    if successions:
        connection.execute(
            update(table)
            .where(table.c.uuid == bindparam("old"))
            .values(status="superseded", superseded_by=bindparam("new")),
            successions,
        )
    return acks


def _outcome(
    kind: str, uuid: str, row: dict[str, object], inserted: bool, clashed: dict[str, _Held]
) -> ItemAck:
    if inserted:
        if row["status"] == "rejected":
            return ItemAck(
                kind, uuid, "rejected", str(row["rejection_code"]), str(row["rejection_message"])
            )
        return ItemAck(kind, uuid, "accepted")
    held = clashed.get(uuid)
    if held is not None and held.status == "rejected" and held.rejection_code:
        # The verdict stands: the same item sent again is rejected again until corrected.
        return ItemAck(
            kind,
            uuid,
            "rejected",
            held.rejection_code,
            held.rejection_message or held.rejection_code,
        )
    return ItemAck(kind, uuid, "duplicate")


def _judge_versioned(
    item: ClaimItem | EnrolmentItem,
    common: dict[str, object],
    parameters: rules.RuleParameters,
    predecessors: dict[str, _Held],
    superseded_here: set[str],
    seen: set[str],
) -> tuple[str, list[str]] | None:
    """The rejection code and fields for ``item``, or None when it is acceptable."""
    problems = item.validate()
    if item.uuid in seen:
        problems.append(("uuid", "duplicate_uuid"))
    if problems:
        return "invalid_item", _problem_fields(problems)
    if item.point_code != common["point_code"]:
        return "wrong_point", ["point_code"]
    if item.supersedes_uuid is not None:
        held = predecessors.get(item.supersedes_uuid)
        if held is None or held.point_code != item.point_code:
            return "unknown_predecessor", ["supersedes_uuid"]
        if held.superseded_by is not None or item.supersedes_uuid in superseded_here:
            return "already_superseded", ["supersedes_uuid"]
    broken = (
        rules.claim_rule(item, parameters)
        if isinstance(item, ClaimItem)
        else rules.enrolment_rule(item, parameters)
    )
    if broken is not None:
        return broken[0], [broken[1]]
    return None


def _claim_lines(
    connection: Connection, uuids: Sequence[str], point_code: str
) -> dict[str, tuple[str, str, int]]:
    """(receipt_no, uuid, declared amount) of the claims of this point the centre holds."""
    found: dict[str, tuple[str, str, int]] = {}
    claims = store.claims
    ordered = sorted(set(uuids))
    for start in range(0, len(ordered), _IN_CHUNK):
        for row in connection.execute(
            select(claims.c.uuid, claims.c.receipt_no, claims.c.declared_amount_centimes).where(
                claims.c.uuid.in_(ordered[start : start + _IN_CHUNK]),
                claims.c.point_code == point_code,
            )
        ):
            found[row.uuid] = (row.receipt_no, row.uuid, int(row.declared_amount_centimes))
    return found


def _manifest_state(
    shipment: ShipmentItem, held: dict[str, tuple[str, str, int]]
) -> tuple[str, str | None]:
    """The envelope's manifest check, and the field at fault when it does not match.

    Computable only once the centre holds every claim the envelope lists (they usually travel
    first, in this batch or an earlier one); until then it is ``awaiting_claims``.
    """
    if shipment.manifest_hash is None:
        return MANIFEST_OPEN, None
    lines = [held[uuid] for uuid in shipment.claim_uuids if uuid in held]
    if len(lines) < len(shipment.claim_uuids):
        return MANIFEST_AWAITING, None
    if shipment_manifest_hash(lines) != shipment.manifest_hash:
        return MANIFEST_MISMATCH, "manifest_hash"
    if sum(amount for _, _, amount in lines) != shipment.total_centimes:
        return MANIFEST_MISMATCH, "total_centimes"
    return MANIFEST_VERIFIED, None


def _ingest_shipments(
    connection: Connection, payload: BatchPayload, common: dict[str, object], messages: _Messages
) -> list[ItemAck]:
    """Envelopes: judged (their claim list and, when computable, their manifest), inserted in
    bulk; an accepted one records its envelope→claim links and its manifest state."""
    point_code = str(common["point_code"])
    listed = [u for s in payload.shipments for u in s.claim_uuids if UUID_RE.fullmatch(u)]
    held = _claim_lines(connection, listed, point_code)
    decided: list[ItemAck | dict[str, object]] = []  # an answer now, or a row to insert
    states: dict[str, str] = {}
    seen: set[str] = set()
    for shipment in payload.shipments:
        problems = shipment.validate()
        repeated = shipment.uuid in seen
        if repeated:
            problems.append(("uuid", "duplicate_uuid"))
        seen.add(shipment.uuid)
        code: str | None = None
        fields: list[str] = []
        if problems:
            code, fields = "invalid_item", _problem_fields(problems)
        elif shipment.point_code != point_code:
            code, fields = "wrong_point", ["point_code"]
        else:
            state, at_fault = _manifest_state(shipment, held)
            if at_fault is not None:
                code, fields = "manifest_mismatch", [at_fault]
            states[shipment.uuid] = state
        if code is not None and (repeated or not UUID_RE.fullmatch(shipment.uuid)):
            decided.append(
                ItemAck("shipment", shipment.uuid, "rejected", code, messages.text(code, fields))
            )
            continue
        decided.append(
            {
                **common,
                "uuid": shipment.uuid,
                "number": shipment.number,
                "status": "rejected" if code else "received",
                "rejection_code": code,
                "rejection_message": messages.text(code, fields) if code else None,
                "item": _item_json(shipment),
            }
        )
    rows = [entry for entry in decided if isinstance(entry, dict)]
    inserted = store.insert_new(connection, store.shipments, rows, ["uuid"], "uuid")
    clashed = _held(
        connection, store.shipments, [str(r["uuid"]) for r in rows if r["uuid"] not in inserted]
    )
    by_uuid = {shipment.uuid: shipment for shipment in payload.shipments}
    accepted = [
        by_uuid[str(row["uuid"])]
        for row in rows
        if row["uuid"] in inserted and row["status"] == "received"
    ]
    _record_envelopes(connection, accepted, states, point_code)
    return [
        entry
        if isinstance(entry, ItemAck)
        else _outcome("shipment", str(entry["uuid"]), entry, entry["uuid"] in inserted, clashed)
        for entry in decided
    ]


def _record_envelopes(
    connection: Connection,
    shipments: Sequence[ShipmentItem],
    states: dict[str, str],
    point_code: str,
) -> None:
    links = [
        {"shipment_uuid": shipment.uuid, "claim_uuid": claim_uuid, "point_code": point_code}
        for shipment in shipments
        for claim_uuid in shipment.claim_uuids
    ]
    if links:
        connection.execute(
            store.insert_ignoring(connection, store.shipment_claims, "shipment_uuid", "claim_uuid"),
            links,
        )
    manifests = [
        {"shipment_uuid": s.uuid, "state": states[s.uuid], "checked_at": store.utc_now()}
        for s in shipments
    ]
    if manifests:
        connection.execute(
            store.insert_ignoring(connection, store.shipment_manifests, "shipment_uuid"),
            manifests,
        )


def _settle_manifests(connection: Connection, claim_uuids: Sequence[str], point_code: str) -> None:
    """Check again the envelopes still awaiting some of these newly arrived claims.

    Such an envelope was accepted already, so a mismatch found now cannot be answered to the
    counter: it is kept as ``mismatch`` for the centre's operator (``stats``).
    """
    links, manifests, shipments = store.shipment_claims, store.shipment_manifests, store.shipments
    waiting: set[str] = set()
    ordered = sorted(set(claim_uuids))
    for start in range(0, len(ordered), _IN_CHUNK):
        waiting.update(
            connection.execute(
                select(links.c.shipment_uuid)
                .join(manifests, manifests.c.shipment_uuid == links.c.shipment_uuid)
                .where(
                    links.c.claim_uuid.in_(ordered[start : start + _IN_CHUNK]),
                    manifests.c.state == MANIFEST_AWAITING,
                )
            ).scalars()
        )
    if not waiting:
        return
    for row in connection.execute(
        select(shipments.c.uuid, shipments.c.item).where(shipments.c.uuid.in_(sorted(waiting)))
    ):
        shipment = ShipmentItem.from_wire(json.loads(row.item))
        state, _ = _manifest_state(
            shipment, _claim_lines(connection, shipment.claim_uuids, point_code)
        )
        if state != MANIFEST_AWAITING:
            connection.execute(
                update(manifests)
                .where(manifests.c.shipment_uuid == row.uuid)
                .values(state=state, checked_at=store.utc_now())
            )


def _ingest_audit(
    connection: Connection, payload: BatchPayload, common: dict[str, object], messages: _Messages
) -> list[ItemAck]:
    """Audit entries are unique per (device, seq); a malformed one is rejected, not stored."""
    decided: list[ItemAck | dict[str, Any]] = []  # an answer now, or a row to insert
    seen: set[int] = set()
    for entry in payload.audit:
        problems = entry.validate()
        if entry.seq in seen:
            problems.append(("seq", "duplicate_uuid"))
        seen.add(entry.seq)
        if problems:
            message = messages.text("invalid_item", _problem_fields(problems))
            decided.append(ItemAck("audit", str(entry.seq), "rejected", "invalid_item", message))
            continue
        decided.append(
            {
                "device_id": common["device_id"],
                "seq": entry.seq,
                "point_code": common["point_code"],
                "batch_id": common["batch_id"],
                "at": _naive(entry.at),
                "action": entry.action,
                "hash": entry.hash,
                "item": _item_json(entry),
            }
        )
    rows = [entry for entry in decided if isinstance(entry, dict)]
    inserted = store.insert_new(connection, store.audit_entries, rows, ["device_id", "seq"], "seq")
    return [
        entry
        if isinstance(entry, ItemAck)
        else ItemAck(
            "audit", str(entry["seq"]), "accepted" if entry["seq"] in inserted else "duplicate"
        )
        for entry in decided
    ]
