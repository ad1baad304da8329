"""Claims and an in-memory Outbox for the sync benchmark: what the engine syncs from.

The benchmark measures the link, the wire and the centre, so the counter's side is kept to
what the :class:`sync.client.outbox.Outbox` contract says and nothing slower: claims in a
dictionary, each mutating method all-or-nothing. The claims are drawn by the app's
``DemoPeople`` (realistic names, CINs, immatriculations and INPE numbers, all invented), so
compression sees data shaped like a counter's. It must never be used outside benchmarks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from agent_app.services.demo_people import DemoPeople
from sync.client.outbox import (
    AckSummary,
    AttachmentRef,
    DeviceIdentity,
    PendingItems,
    SealedBatch,
    SyncState,
)
from sync.protocol.auth import b64url
from sync.protocol.schema import BatchAcknowledgement, ClaimItem, ReferenceDataItem, StatusUpdate

_CHECK_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def demo_claims(
    count: int,
    point_code: str,
    signing_key: Ed25519PrivateKey,
    *,
    seed: int = 0,
    deposit_day: dt.date = dt.date(2026, 11, 20),
) -> list[ClaimItem]:
    """``count`` valid claims of one point, one deposit day, drawn by ``DemoPeople``."""
    rng = random.Random(seed)
    people = DemoPeople(rng, deposit_day)
    opened = dt.datetime.combine(deposit_day, dt.time(8, 30), tzinfo=dt.UTC)
    claims: list[ClaimItem] = []
    for sequence in range(1, count + 1):
        draft = people.claim(deposit_day)
        digits = f"{point_code}-{deposit_day:%y%m%d}-{sequence:04d}"
        receipt_no = digits + _CHECK_ALPHABET[sum(map(ord, digits)) % len(_CHECK_ALPHABET)]
        claims.append(
            ClaimItem(
                uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                version=1,
                supersedes_uuid=None,
                receipt_no=receipt_no,
                point_code=point_code,
                clerk="agent1",
                created_at=opened + dt.timedelta(seconds=3 * sequence),
                utc_offset_min=60,
                deposit_day=deposit_day,
                status="recorded",
                form_type=draft.form_type.value,
                request_kind=draft.request_kind.value,
                insured_immatriculation=draft.insured_immatriculation,
                insured_name=draft.insured_name,
                insured_cin=draft.insured_cin,
                beneficiary_relationship=draft.beneficiary_relationship.value,
                beneficiary_name=draft.beneficiary_name,
                beneficiary_birth_date=draft.beneficiary_birth_date,
                beneficiary_sex=None
                if draft.beneficiary_sex is None
                else draft.beneficiary_sex.value,
                beneficiary_cin=draft.beneficiary_cin,
                care_type=draft.care_type.value,
                care_categories=tuple(sorted(c.value for c in draft.care_categories)),
                first_act_date=draft.first_act_date,
                end_of_treatment_date=draft.end_of_treatment_date,
                declared_amount_centimes=draft.declared_amount_centimes,
                document_count=draft.document_count,
                prescriber_inpe=draft.prescriber_inpe,
                facility_inpe=draft.facility_inpe,
                fse_number=draft.fse_number,
                checklist=tuple(sorted(item.value for item in draft.checklist)),
                confirmations=(),
                shipment_uuid=None,
                signature=b64url(signing_key.sign(receipt_no.encode("ascii"))),
            )
        )
    return claims


@dataclass(slots=True)
class _Claim:
    item: ClaimItem
    batch_id: str | None = None
    outcome: str | None = None


@dataclass(slots=True)
class BenchOutbox:
    """The Outbox protocol over a dictionary of claims (no enrolments, shipments, audit, scans)."""

    identity_value: DeviceIdentity | None = None
    claims: dict[str, _Claim] = field(default_factory=dict)
    batches: dict[str, SealedBatch] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)
    state: SyncState = field(default_factory=SyncState)
    reference: str | None = None
    cursor: int = 0

    def add(self, claims: Sequence[ClaimItem]) -> None:
        for claim in claims:
            self.claims[claim.uuid] = _Claim(claim)

    def outcomes(self) -> dict[str | None, int]:
        counts: dict[str | None, int] = {}
        for entry in self.claims.values():
            counts[entry.outcome] = counts.get(entry.outcome, 0) + 1
        return counts

    def identity(self) -> DeviceIdentity | None:
        return self.identity_value

    def pending(self, limit: int) -> PendingItems:
        chosen = [e.item for e in self.claims.values() if e.batch_id is None][:limit]
        return PendingItems(
            claims=tuple(chosen), oldest=min((c.created_at for c in chosen), default=None)
        )

    def pending_count(self) -> int:
        return sum(1 for e in self.claims.values() if e.outcome is None)

    def save_sealed(self, batch: SealedBatch) -> None:
        entries = [self.claims[item_uuid] for kind, item_uuid in batch.items if kind == "claim"]
        if len(entries) != len(batch.items) or any(e.batch_id is not None for e in entries):
            raise ValueError("a sealed batch names an item not pending")
        for entry in entries:
            entry.batch_id = batch.batch_id
        self.batches[batch.batch_id] = batch

    def unacknowledged(self) -> list[SealedBatch]:
        return [b for batch_id, b in self.batches.items() if batch_id not in self.answered]

    def mark_sent(self, batch_id: str, at: dt.datetime) -> None:
        batch = self.batches[batch_id]
        if batch.sent_at is None:
            self.batches[batch_id] = dataclasses.replace(batch, sent_at=at)

    def apply_acknowledgement(
        self, batch_id: str, ack: BatchAcknowledgement, raw: bytes
    ) -> AckSummary:
        lines = {(line.kind, line.uuid): line.outcome for line in ack.items}
        counts = {"accepted": 0, "rejected": 0, "duplicate": 0}
        requeued = 0
        for key in self.batches[batch_id].items:
            entry = self.claims[key[1]]
            outcome = lines.get(key)
            if outcome is None:
                entry.batch_id = None
                requeued += 1
            else:
                entry.outcome = outcome
                counts[outcome] += 1
        self.answered.add(batch_id)
        return AckSummary(counts["accepted"], counts["rejected"], counts["duplicate"], requeued)

    def refuse_batch(self, batch_id: str, code: str) -> None:
        for _, item_uuid in self.batches[batch_id].items:
            self.claims[item_uuid].batch_id = None
        self.answered.add(batch_id)

    def status_cursor(self) -> int:
        return self.cursor

    def apply_status_updates(self, updates: Sequence[StatusUpdate], cursor: int) -> int:
        self.cursor = cursor
        return sum(1 for update in updates if update.subject_uuid in self.claims)

    def reference_version(self) -> str | None:
        return self.reference

    def apply_reference_data(self, version: str, items: Sequence[ReferenceDataItem]) -> None:
        self.reference = version

    def pending_attachments(self) -> list[AttachmentRef]:
        return []

    def read_attachment(self, sha256: str) -> bytes:
        raise KeyError(sha256)

    def mark_attachment_uploaded(self, sha256: str) -> None:
        raise KeyError(sha256)

    def load_state(self) -> SyncState:
        return dataclasses.replace(self.state, extra=dict(self.state.extra))

    def save_state(self, state: SyncState) -> None:
        self.state = dataclasses.replace(state, extra=dict(state.extra))
