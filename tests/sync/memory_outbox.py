"""An Outbox kept in memory, faithful to sync.client.outbox's contract, to drive the engine
without the app; and a maker of valid claims to fill it.

Each mutating method changes everything it changes or nothing (a method either returns or
raises before touching the dictionaries), which is all a transaction means in one process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.client.outbox import (
    AckSummary,
    AttachmentRef,
    DeviceIdentity,
    PendingItems,
    SealedBatch,
    SyncState,
)
from sync.protocol.auth import b64url
from sync.protocol.schema import (
    AuditItem,
    BatchAcknowledgement,
    ClaimItem,
    EnrolmentItem,
    ReferenceDataItem,
    ShipmentItem,
    StatusUpdate,
)

Item = ClaimItem | EnrolmentItem | ShipmentItem | AuditItem
_RECEIPT_CHECK = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def item_key(item: Item) -> tuple[str, str]:
    """(kind, uuid) as in SealedBatch.items and ItemAck."""
    if isinstance(item, ClaimItem):
        return "claim", item.uuid
    if isinstance(item, EnrolmentItem):
        return "enrolment", item.uuid
    if isinstance(item, ShipmentItem):
        return "shipment", item.uuid
    return "audit", str(item.seq)


def _created_at(item: Item) -> dt.datetime:
    return item.at if isinstance(item, AuditItem) else item.created_at


@dataclass(slots=True)
class _Entry:
    item: Item
    batch_id: str | None = None
    outcome: str | None = None  # accepted, rejected, duplicate
    code: str | None = None  # the rejection code


@dataclass(slots=True)
class _Batch:
    sealed: SealedBatch
    ack_raw: bytes | None = None
    refused_code: str | None = None


@dataclass(slots=True)
class MemoryOutbox:
    """The Outbox protocol over dictionaries; ``identity_value`` is None until activated."""

    identity_value: DeviceIdentity | None = None
    entries: dict[tuple[str, str], _Entry] = field(default_factory=dict)
    batches: dict[str, _Batch] = field(default_factory=dict)  # in sealing order
    state: SyncState = field(default_factory=SyncState)
    cursor: int = 0
    histories: dict[str, list[StatusUpdate]] = field(default_factory=dict)
    reference_version_value: str | None = None
    reference_items: tuple[ReferenceDataItem, ...] = ()
    attachments: dict[str, bytes] = field(default_factory=dict)
    attachments_uploaded: set[str] = field(default_factory=set)

    # Filling it.

    def add(self, *items: Item) -> None:
        for item in items:
            key = item_key(item)
            if key in self.entries:
                raise ValueError("an item with this key is already recorded")
            self.entries[key] = _Entry(item)

    def add_attachment(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        self.attachments[sha256] = data
        return sha256

    def outcome(self, kind: str, item_uuid: str) -> tuple[str | None, str | None]:
        entry = self.entries[(kind, item_uuid)]
        return entry.outcome, entry.code

    def stored_acknowledgement(self, batch_id: str) -> bytes | None:
        return self.batches[batch_id].ack_raw

    # The Outbox protocol.

    def identity(self) -> DeviceIdentity | None:
        return self.identity_value

    def pending(self, limit: int) -> PendingItems:
        chosen = [entry.item for entry in self.entries.values() if entry.batch_id is None][:limit]
        return PendingItems(
            claims=tuple(item for item in chosen if isinstance(item, ClaimItem)),
            enrolments=tuple(item for item in chosen if isinstance(item, EnrolmentItem)),
            shipments=tuple(item for item in chosen if isinstance(item, ShipmentItem)),
            audit=tuple(item for item in chosen if isinstance(item, AuditItem)),
            oldest=min((_created_at(item) for item in chosen), default=None),
        )

    def pending_count(self) -> int:
        unanswered = {
            batch_id
            for batch_id, batch in self.batches.items()
            if batch.ack_raw is None and batch.refused_code is None
        }
        return sum(
            1
            for entry in self.entries.values()
            if entry.batch_id is None or (entry.batch_id in unanswered and entry.outcome is None)
        )

    def save_sealed(self, batch: SealedBatch) -> None:
        if batch.batch_id in self.batches:
            raise ValueError("a batch with this id is already sealed")
        for key in batch.items:
            entry = self.entries.get(key)
            if entry is None or entry.batch_id is not None:
                raise ValueError("a sealed batch names an item not pending")
        for key in batch.items:
            self.entries[key].batch_id = batch.batch_id
        self.batches[batch.batch_id] = _Batch(batch)

    def unacknowledged(self) -> list[SealedBatch]:
        return [
            batch.sealed
            for batch in self.batches.values()
            if batch.ack_raw is None and batch.refused_code is None
        ]

    def mark_sent(self, batch_id: str, at: dt.datetime) -> None:
        batch = self.batches[batch_id]
        if batch.sealed.sent_at is None:
            batch.sealed = dataclasses.replace(batch.sealed, sent_at=at)

    def apply_acknowledgement(
        self, batch_id: str, ack: BatchAcknowledgement, raw: bytes
    ) -> AckSummary:
        batch = self.batches[batch_id]
        if batch.ack_raw is not None:
            raise ValueError("this batch is already acknowledged")
        inside = set(batch.sealed.items)
        verdicts = {
            (line.kind, line.uuid): line for line in ack.items if (line.kind, line.uuid) in inside
        }
        counts = {"accepted": 0, "rejected": 0, "duplicate": 0}
        requeued = 0
        for key in batch.sealed.items:
            entry = self.entries[key]
            line = verdicts.get(key)
            if line is None:
                entry.batch_id = None  # travels again in a later batch
                requeued += 1
                continue
            entry.outcome = line.outcome
            entry.code = line.code
            counts[line.outcome] += 1
        batch.ack_raw = raw
        return AckSummary(
            accepted=counts["accepted"],
            rejected=counts["rejected"],
            duplicates=counts["duplicate"],
            requeued=requeued,
        )

    def refuse_batch(self, batch_id: str, code: str) -> None:
        batch = self.batches[batch_id]
        for key in batch.sealed.items:
            self.entries[key].batch_id = None
        batch.refused_code = code

    def status_cursor(self) -> int:
        return self.cursor

    def apply_status_updates(self, updates: Sequence[StatusUpdate], cursor: int) -> int:
        known = 0
        for update in updates:
            self.histories.setdefault(update.subject_uuid, []).append(update)
            if (update.subject_kind, update.subject_uuid) in self.entries:
                known += 1
        self.cursor = cursor
        return known

    def reference_version(self) -> str | None:
        return self.reference_version_value

    def apply_reference_data(self, version: str, items: Sequence[ReferenceDataItem]) -> None:
        self.reference_items = tuple(items)
        self.reference_version_value = version

    def pending_attachments(self) -> list[AttachmentRef]:
        return [
            AttachmentRef(sha256, len(data))
            for sha256, data in self.attachments.items()
            if sha256 not in self.attachments_uploaded
        ]

    def read_attachment(self, sha256: str) -> bytes:
        return self.attachments[sha256]

    def mark_attachment_uploaded(self, sha256: str) -> None:
        if sha256 not in self.attachments:
            raise KeyError(sha256)
        self.attachments_uploaded.add(sha256)

    def load_state(self) -> SyncState:
        return dataclasses.replace(self.state, extra=dict(self.state.extra))

    def save_state(self, state: SyncState) -> None:
        self.state = dataclasses.replace(state, extra=dict(state.extra))


def receipt_number(point_code: str, day: dt.date, sequence: int) -> str:
    """``PPPP-YYMMDD-NNNNC``; the check character is any of the allowed alphabet here."""
    digits = f"{point_code}-{day:%y%m%d}-{sequence:04d}"
    check = _RECEIPT_CHECK[sum(ord(ch) for ch in digits) % len(_RECEIPT_CHECK)]
    return digits + check


def make_claims(
    count: int,
    point_code: str,
    *,
    seed: int = 0,
    deposit_day: dt.date = dt.date(2026, 3, 10),
    created_at: dt.datetime | None = None,
    first_sequence: int = 1,
    signing_key: Ed25519PrivateKey | None = None,
    **changes: object,
) -> list[ClaimItem]:
    """``count`` valid claims of one point and day, made up from ``seed`` (no real people)."""
    rng = random.Random(seed)
    key = signing_key or Ed25519PrivateKey.generate()
    moment = created_at or dt.datetime.combine(deposit_day, dt.time(9, 0), tzinfo=dt.UTC)
    claims = []
    for offset in range(count):
        sequence = first_sequence + offset
        receipt_no = receipt_number(point_code, deposit_day, sequence)
        claim = ClaimItem(
            uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            version=1,
            supersedes_uuid=None,
            receipt_no=receipt_no,
            point_code=point_code,
            clerk="guichet1",
            created_at=moment + dt.timedelta(seconds=offset),
            utc_offset_min=60,
            deposit_day=deposit_day,
            status="recorded",
            form_type=rng.choice(("610-1-02", "610-1-03", "610-1-04")),
            request_kind="execution",
            insured_immatriculation=f"{rng.randrange(10**9):09d}",
            insured_name=f"ASSURE {sequence}",
            insured_cin=None,
            beneficiary_relationship="self",
            beneficiary_name=f"ASSURE {sequence}",
            beneficiary_birth_date=dt.date(1980, 1, 1) + dt.timedelta(days=rng.randrange(9000)),
            beneficiary_sex=rng.choice(("M", "F")),
            beneficiary_cin=None,
            care_type="illness",
            care_categories=("consultation", "pharmacy"),
            first_act_date=deposit_day - dt.timedelta(days=rng.randrange(1, 30)),
            end_of_treatment_date=None,
            declared_amount_centimes=rng.randrange(5_000, 500_000),
            document_count=rng.randrange(1, 6),
            prescriber_inpe=f"{rng.randrange(10**9):09d}",
            facility_inpe=None,
            fse_number=None,
            checklist=("care_sheet_signed", "originals_attached"),
            confirmations=(),
            shipment_uuid=None,
            signature=b64url(key.sign(receipt_no.encode("ascii"))),
        )
        claims.append(dataclasses.replace(claim, **changes))  # type: ignore[arg-type]
    return claims
