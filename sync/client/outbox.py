"""The Outbox interface: what the sync engine needs from whatever keeps the records.

The app adapts its encrypted store to this protocol (``agent_app.services.sync_outbox``); the
tests adapt a plain in-memory list. The engine never sees SQL and the store never sees HTTP.

Every mutating method is one transaction on the implementer's side: when it returns, what it
recorded is durable, and when it raises, nothing of it was recorded. That is what lets the
engine be killed at any instant and resume: a batch is either sealed (frame and item marks
together) or not, an acknowledgement is either applied whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.protocol.envelope import CentrePublicKey
from sync.protocol.schema import (
    AuditItem,
    BatchAcknowledgement,
    ClaimItem,
    EnrolmentItem,
    ReferenceDataItem,
    ShipmentItem,
    StatusUpdate,
)


@dataclass(frozen=True, slots=True)
class DeviceIdentity:
    """What activation gave the device: its id at the centre and the centre's keys."""

    server_url: str
    ca_file: str | None  # a custom CA bundle for the centre's TLS certificate, if any
    device_id: str
    point_code: str
    signing_key: Ed25519PrivateKey  # the device's own key: signs batches and token requests
    centre_public_key: CentrePublicKey  # batches are sealed to it (HPKE)
    centre_verify_key: Ed25519PublicKey  # checks the X-Gamo-Signature of the centre's answers


@dataclass(frozen=True, slots=True)
class PendingItems:
    """Items in no batch yet, oldest first."""

    claims: tuple[ClaimItem, ...] = ()
    enrolments: tuple[EnrolmentItem, ...] = ()
    shipments: tuple[ShipmentItem, ...] = ()
    audit: tuple[AuditItem, ...] = ()
    oldest: dt.datetime | None = None  # aware UTC creation time of the oldest of them

    def count(self) -> int:
        return len(self.claims) + len(self.enrolments) + len(self.shipments) + len(self.audit)


@dataclass(frozen=True, slots=True)
class SealedBatch:
    """A batch as sealed: the exact frame bytes that are (re)sent, and what is inside."""

    batch_id: str
    frame: bytes
    manifest_hash: str  # the header's payload_sha256
    sealed_at: dt.datetime  # aware UTC
    counts: dict[str, int]
    # (kind, uuid) of every item inside; kind is claim, enrolment, shipment or audit (whose
    # "uuid" is its seq as decimal text), as in ItemAck.
    items: tuple[tuple[str, str], ...]
    sent_at: dt.datetime | None = None  # first time the whole frame reached the centre


@dataclass(frozen=True, slots=True)
class AckSummary:
    """What applying one acknowledgement did."""

    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    requeued: int = 0  # items of the batch the acknowledgement did not mention


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    """A scan waiting to be uploaded: content-addressed by the SHA-256 of its sealed bytes."""

    sha256: str
    size: int


@dataclass(slots=True)
class SyncState:
    """What the engine remembers between passes and restarts."""

    consecutive_failures: int = 0
    next_attempt_at: dt.datetime | None = None  # aware UTC; None: now
    last_attempt_at: dt.datetime | None = None
    last_success_at: dt.datetime | None = None
    last_attempt_ok: bool = False
    last_error: str | None = None  # a protocol or transport error code, never a message
    clock_offset_seconds: float | None = None  # centre time minus device time
    extra: dict[str, str] = field(default_factory=dict)


class Outbox(Protocol):
    """The store side of sync. See the module docstring for the transaction rule."""

    def identity(self) -> DeviceIdentity | None:
        """The activated identity; ``None`` while the point was never activated."""

    def pending(self, limit: int) -> PendingItems:
        """At most ``limit`` items in no batch (claims, enrolments, shipments, audit)."""

    def pending_count(self) -> int:
        """Items not yet acknowledged by the centre: in no batch, or in a batch not answered."""

    def save_sealed(self, batch: SealedBatch) -> None:
        """Store the frame and mark its items as batched, in one transaction."""

    def unacknowledged(self) -> list[SealedBatch]:
        """Sealed batches with no acknowledgement yet (and not refused), in sealing order."""

    def mark_sent(self, batch_id: str, at: dt.datetime) -> None:
        """The centre received the whole frame (it answered, whatever it said of the items)."""

    def apply_acknowledgement(
        self, batch_id: str, ack: BatchAcknowledgement, raw: bytes
    ) -> AckSummary:
        """Record every item's outcome; put back in no batch the items ``ack`` leaves out."""

    def refuse_batch(self, batch_id: str, code: str) -> None:
        """The centre refused the whole batch (409, bad signature...): stop resending it,
        put its items back in no batch so they travel again in a new one, keep the code."""

    def status_cursor(self) -> int:
        """The server cursor of the last status update applied (0: none yet)."""

    def apply_status_updates(self, updates: Sequence[StatusUpdate], cursor: int) -> int:
        """Append the updates to the subjects' histories and store ``cursor``; returns how many
        updates named a subject this store knows."""

    def reference_version(self) -> str | None:
        """The version (ETag) of the reference data held, ``None`` if only the seed."""

    def apply_reference_data(self, version: str, items: Sequence[ReferenceDataItem]) -> None:
        """Replace the reference data by ``items`` and remember ``version``."""

    def pending_attachments(self) -> list[AttachmentRef]:
        """Scans not yet confirmed complete at the centre."""

    def read_attachment(self, sha256: str) -> bytes:
        """The sealed bytes of one scan (already encrypted at rest, sent as they are)."""

    def mark_attachment_uploaded(self, sha256: str) -> None:
        """The centre has every chunk and checked the hash."""

    def load_state(self) -> SyncState:
        """The engine's memory (backoff, last success, clock offset)."""

    def save_state(self, state: SyncState) -> None:
        """Persist the engine's memory."""
