"""The store as the sync engine's Outbox: pending items out, the centre's answers in.

Owns how rows become wire items (``sync.protocol.schema``), how a sealed batch marks its
items, how an acknowledgement, a refusal, a status update or new reference data is written
back, and where the engine's memory and the device identity live (``sync.*`` settings).

Every mutating method is ONE ``store.write()`` transaction, so killing the process at any
instant leaves either all of a step or none of it. This module must never do network I/O,
never import Qt, and never log a name, a CIN or an immatriculation.

Which items travel
  * claims and enrolments in no batch whose status is ``recorded`` (new, or put back);
  * a voided claim only when the centre already holds it (it answered ``accepted`` or
    ``duplicate`` for its uuid): it travels again with status ``voided``. A claim voided
    before it ever reached the centre stays at the counter; the centre never needs it;
  * closed shipments in no batch, each with the uuids of the claims whose paper it holds (the
    claims linked to it when it was closed), and audit entries in no batch, in ``seq`` order.

Statuses written: sealing → ``batched``; the frame received → ``sent``; the acknowledgement →
``accepted`` / ``rejected`` (code, message) / ``duplicate``; an item the acknowledgement leaves
out, or an item of a refused batch → back in no batch, ``recorded`` again (event code
``requeued``). Each change appends a status event; outcomes and CNSS updates are events with
source ``cnss`` and the centre's time.

Reference data: each kind the centre sends replaces the stored kind whole, unless one of its
items is not usable (``agent_app.services.reference.reference_problems``): that kind keeps
its rows, and the version is then not recorded, so the next pass asks for the data again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from typing import Any, Final

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session, aliased

from agent_app.domain.model import ClaimStatus, EnrolmentStatus
from agent_app.errors import AppError
from agent_app.security.device import DeviceKey
from agent_app.services.context import Clock, system_clock
from agent_app.services.reference import holds_unusable_tns_categories, reference_problems
from agent_app.store.engine import Store
from agent_app.store.models import (
    Attachment,
    AuditEntry,
    Batch,
    Claim,
    Dependent,
    Enrolment,
    ItemAcknowledgement,
    ReferenceItem,
    Shipment,
    StatusEvent,
    User,
)
from agent_app.store.repo import (
    get_setting,
    next_seq,
    set_setting,
    settings_with_prefix,
    utc_naive,
)
from sync.client.outbox import (
    AckSummary,
    AttachmentRef,
    DeviceIdentity,
    PendingItems,
    SealedBatch,
    SyncState,
)
from sync.client.transport import decode_centre_public_key
from sync.protocol.auth import from_b64url
from sync.protocol.schema import (
    AuditItem,
    BatchAcknowledgement,
    ClaimItem,
    DependentItem,
    EnrolmentItem,
    ReferenceDataItem,
    ShipmentItem,
    StatusUpdate,
)

log = logging.getLogger(__name__)

# Settings keys. ``agent_app.services.status`` reads the first four for the status bar.
SERVER_URL: Final = "sync.server_url"
LAST_SUCCESS_AT: Final = "sync.last_success_at"
LAST_ATTEMPT_OK: Final = "sync.last_attempt_ok"
CLOCK_OFFSET: Final = "sync.clock_offset_seconds"
LAST_ATTEMPT_AT: Final = "sync.last_attempt_at"
NEXT_ATTEMPT_AT: Final = "sync.next_attempt_at"
CONSECUTIVE_FAILURES: Final = "sync.consecutive_failures"
LAST_ERROR: Final = "sync.last_error"
EXTRA_PREFIX: Final = "sync.extra."
CA_FILE: Final = "sync.ca_file"
DEVICE_ID: Final = "sync.device_id"
CENTRE_PUBLIC_KEY: Final = "sync.centre_public_key"  # the wire form, base64url (per the KEM)
CENTRE_KEM: Final = "sync.centre_kem"
CENTRE_ANSWER_KEY: Final = "sync.centre_answer_key"  # raw Ed25519 bytes, base64url
ACTIVATED_AT: Final = "sync.activated_at"
STATUS_CURSOR: Final = "sync.status_cursor"
REFERENCE_VERSION: Final = "reference.version"
SEED_REFERENCE_VERSION: Final = "0"

# Batch states (``batches.state``).
SEALED: Final = "sealed"
SENT: Final = "sent"
ACKNOWLEDGED: Final = "acknowledged"
REFUSED: Final = "refused"
UNANSWERED: Final = (SEALED, SENT)

REQUEUED: Final = "requeued"  # status event code of an item put back in the outbox
HELD_AT_CENTRE: Final = ("accepted", "duplicate")
_CHUNK: Final = 900  # ids per IN (...) list, well under SQLite's bound variable limit


def _aware(moment: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as an aware UTC time."""
    return moment.replace(tzinfo=dt.UTC)


def _opt_aware(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else _aware(moment)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(sorted(code for code in text.split(",") if code))


# The counter's problem codes name their rule set ("claim.late_deposit"); the wire's
# confirmation codes are the bare rule ("late_deposit"), as the centre's rules read them.
_CONFIRMATION_PREFIXES: Final = ("claim.", "enrolment.")


def _wire_confirmation(code: str) -> str:
    for prefix in _CONFIRMATION_PREFIXES:
        if code.startswith(prefix):
            return code.removeprefix(prefix)
    return code


def _confirmations(text: str) -> tuple[tuple[str, str], ...]:
    stored: dict[str, str] = json.loads(text or "{}")
    return tuple(sorted((_wire_confirmation(code), why) for code, why in stored.items()))


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _voided_at_centre() -> sa.ColumnElement[bool]:
    """The claim's uuid was answered accepted or duplicate once: the centre holds it."""
    return sa.exists().where(
        ItemAcknowledgement.kind == "claim",
        ItemAcknowledgement.item_uuid == Claim.uuid,
        ItemAcknowledgement.outcome.in_(HELD_AT_CENTRE),
    )


def pending_claims_condition() -> sa.ColumnElement[bool]:
    return sa.and_(
        Claim.batch_id.is_(None),
        sa.or_(
            Claim.status == ClaimStatus.RECORDED,
            sa.and_(Claim.status == ClaimStatus.VOIDED, _voided_at_centre()),
        ),
    )


def pending_enrolments_condition() -> sa.ColumnElement[bool]:
    return sa.and_(Enrolment.batch_id.is_(None), Enrolment.status == EnrolmentStatus.RECORDED)


def pending_shipments_condition() -> sa.ColumnElement[bool]:
    return sa.and_(Shipment.batch_id.is_(None), Shipment.closed_at.is_not(None))


class StoreOutbox:
    """:class:`sync.client.outbox.Outbox` over the encrypted store (see the module docstring)."""

    def __init__(self, store: Store, clock: Clock = system_clock) -> None:
        self.store = store
        self.clock = clock

    # --- identity ------------------------------------------------------------------------

    def identity(self) -> DeviceIdentity | None:
        with self.store.read() as session:
            values = settings_with_prefix(session, "sync.")
            point_code = get_setting(session, "point.code") or ""
            private = get_setting(session, "device.private_key")
        device_id = values.get(DEVICE_ID)
        if not device_id or private is None:
            return None
        return DeviceIdentity(
            server_url=values[SERVER_URL],
            ca_file=values.get(CA_FILE) or None,
            device_id=device_id,
            point_code=point_code,
            signing_key=DeviceKey.from_private_b64(private).private,
            centre_public_key=decode_centre_public_key(
                values.get(CENTRE_KEM, "X25519"), values[CENTRE_PUBLIC_KEY]
            ),
            centre_verify_key=Ed25519PublicKey.from_public_bytes(
                from_b64url(values[CENTRE_ANSWER_KEY])
            ),
        )

    # --- what goes out -------------------------------------------------------------------

    def pending(self, limit: int) -> PendingItems:
        with self.store.read() as session:
            claims = self._pending_claims(session, limit)
            left = limit - len(claims)
            enrolments = self._pending_enrolments(session, left) if left > 0 else []
            left -= len(enrolments)
            shipments = self._pending_shipments(session, left) if left > 0 else []
            left -= len(shipments)
            audit = self._pending_audit(session, left) if left > 0 else []
        times = [c.created_at for c in claims] + [e.created_at for e in enrolments]
        times += [s.created_at for s in shipments] + [entry.at for entry in audit]
        return PendingItems(
            claims=tuple(claims),
            enrolments=tuple(enrolments),
            shipments=tuple(shipments),
            audit=tuple(audit),
            oldest=min(times) if times else None,
        )

    def _pending_claims(self, session: Session, limit: int) -> list[ClaimItem]:
        earlier = aliased(Claim)
        rows = session.execute(
            sa.select(Claim, User.username, Shipment.uuid, earlier.uuid)
            .outerjoin(User, User.id == Claim.clerk_id)
            .outerjoin(Shipment, Shipment.id == Claim.shipment_id)
            .outerjoin(earlier, earlier.id == Claim.supersedes_id)
            .where(pending_claims_condition())
            .order_by(Claim.seq)
            .limit(limit)
        )
        return [
            claim_item(claim, clerk, shipment_uuid, supersedes_uuid)
            for claim, clerk, shipment_uuid, supersedes_uuid in rows
        ]

    def _pending_enrolments(self, session: Session, limit: int) -> list[EnrolmentItem]:
        earlier = aliased(Enrolment)
        rows = session.execute(
            sa.select(Enrolment, User.username, earlier.uuid)
            .outerjoin(User, User.id == Enrolment.clerk_id)
            .outerjoin(earlier, earlier.id == Enrolment.supersedes_id)
            .where(pending_enrolments_condition())
            .order_by(Enrolment.seq)
            .limit(limit)
        ).all()
        dependents: dict[int, list[DependentItem]] = {}
        ids = [enrolment.id for enrolment, _, _ in rows]
        for chunk in _chunks(ids):
            for dep in session.scalars(
                sa.select(Dependent)
                .where(Dependent.enrolment_id.in_(chunk))
                .order_by(Dependent.enrolment_id, Dependent.position)
            ):
                dependents.setdefault(dep.enrolment_id, []).append(dependent_item(dep))
        return [
            enrolment_item(enrolment, clerk, supersedes, dependents.get(enrolment.id, []))
            for enrolment, clerk, supersedes in rows
        ]

    def _pending_shipments(self, session: Session, limit: int) -> list[ShipmentItem]:
        rows = session.scalars(
            sa.select(Shipment)
            .where(pending_shipments_condition())
            .order_by(Shipment.seq)
            .limit(limit)
        ).all()
        inside: dict[int, list[str]] = {}
        for chunk in _chunks([shipment.id for shipment in rows]):
            for shipment_id, claim_uuid in session.execute(
                sa.select(Claim.shipment_id, Claim.uuid).where(Claim.shipment_id.in_(chunk))
            ):
                if shipment_id is not None:
                    inside.setdefault(shipment_id, []).append(claim_uuid)
        return [shipment_item(shipment, inside.get(shipment.id, ())) for shipment in rows]

    def _pending_audit(self, session: Session, limit: int) -> list[AuditItem]:
        rows = session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.batch_id.is_(None))
            .order_by(AuditEntry.seq)
            .limit(limit)
        )
        return [audit_item(entry) for entry in rows]

    def pending_count(self) -> int:
        with self.store.read() as session:
            return count_unacknowledged(session)

    # --- sealing and sending -------------------------------------------------------------

    def save_sealed(self, batch: SealedBatch) -> None:
        by_kind = _items_by_kind(batch.items)
        with self.store.write() as session:
            sealed_at = batch.sealed_at
            row = Batch(
                uuid=batch.batch_id,
                seq=next_seq(session),
                state=SEALED,
                created_at=utc_naive(sealed_at),
                sealed_at=utc_naive(sealed_at),
                item_count=len(batch.items),
                manifest_hash=batch.manifest_hash,
                device_id=get_setting(session, DEVICE_ID),
                point_code=get_setting(session, "point.code"),
                frame=batch.frame,
                counts=json.dumps(batch.counts, sort_keys=True),
                items=json.dumps([list(item) for item in batch.items]),
            )
            session.add(row)
            session.flush()
            for model, kind, status in (
                (Claim, "claim", ClaimStatus.BATCHED),
                (Enrolment, "enrolment", EnrolmentStatus.BATCHED),
            ):
                moved = _subjects(session, model, by_kind.get(kind, []))
                _set_batch(session, model, [sid for sid, _ in moved], row.id)
                _move_status(
                    session,
                    kind,
                    model,
                    [sid for sid, current in moved if current == ClaimStatus.RECORDED],
                    status,
                    sealed_at,
                    source="counter",
                )
            shipment_ids = [
                sid for sid, _ in _subjects(session, Shipment, by_kind.get("shipment", []))
            ]
            _set_batch(session, Shipment, shipment_ids, row.id)
            seqs = [int(seq) for seq in by_kind.get("audit", [])]
            for chunk in _chunks(seqs):
                session.execute(
                    sa.update(AuditEntry)
                    .where(AuditEntry.seq.in_(chunk))
                    .values(batch_id=row.id)
                    .execution_options(synchronize_session=False)
                )

    def unacknowledged(self) -> list[SealedBatch]:
        with self.store.read() as session:
            rows = session.scalars(
                sa.select(Batch).where(Batch.state.in_(UNANSWERED)).order_by(Batch.seq)
            ).all()
        return [sealed_batch(row) for row in rows]

    def mark_sent(self, batch_id: str, at: dt.datetime) -> None:
        with self.store.write() as session:
            row = _batch(session, batch_id)
            if row.state != SEALED:
                return  # already marked: the engine may resend after a lost answer
            _mark_sent(session, row, at)

    def apply_acknowledgement(
        self, batch_id: str, ack: BatchAcknowledgement, raw: bytes
    ) -> AckSummary:
        with self.store.write() as session:
            row = _batch(session, batch_id)
            if row.state == ACKNOWLEDGED:
                return _summary(row)  # the same answer again: applied once already
            if row.state == SEALED:
                _mark_sent(session, row, ack.received_at)
            inside = {(kind, uuid) for kind, uuid in json.loads(row.items)}
            verdicts = {
                (item.kind, item.uuid): item
                for item in ack.items
                if (item.kind, item.uuid) in inside
            }
            if len(verdicts) < len(ack.items):
                log.warning(
                    "acknowledgement of %s names %d item(s) not in the batch",
                    batch_id,
                    len(ack.items) - len(verdicts),
                )
            received = ack.received_at
            if verdicts:
                session.execute(
                    sa.insert(ItemAcknowledgement),
                    [
                        {
                            "batch_id": row.id,
                            "kind": item.kind,
                            "item_uuid": item.uuid,
                            "outcome": item.outcome,
                            "code": item.code,
                            "message": item.message,
                            "at": utc_naive(received),
                        }
                        for item in verdicts.values()
                    ],
                )
            counts = {"accepted": 0, "rejected": 0, "duplicate": 0}
            for item in verdicts.values():
                counts[item.outcome] = counts.get(item.outcome, 0) + 1
            requeued = 0
            for model, kind in ((Claim, "claim"), (Enrolment, "enrolment")):
                requeued += _apply_outcomes(session, model, kind, row, verdicts, received)
            requeued += _requeue_missing_plain(session, Shipment, "shipment", row, verdicts)
            requeued += _requeue_missing_plain(session, AuditEntry, "audit", row, verdicts)
            row.state = ACKNOWLEDGED
            row.acknowledged_at = utc_naive(received)
            row.acknowledgement = raw
            row.accepted_count = counts["accepted"]
            row.rejected_count = counts["rejected"]
            row.duplicate_count = counts["duplicate"]
            row.requeued_count = requeued
            return _summary(row)

    def refuse_batch(self, batch_id: str, code: str) -> None:
        with self.store.write() as session:
            row = _batch(session, batch_id)
            if row.state in (ACKNOWLEDGED, REFUSED):
                return
            now = self.clock()
            for model, kind in ((Claim, "claim"), (Enrolment, "enrolment")):
                _requeue(session, model, kind, _in_batch(session, model, row.id), now, code)
            for plain in (Shipment, AuditEntry):
                session.execute(
                    sa.update(plain)
                    .where(plain.batch_id == row.id)
                    .values(batch_id=None)
                    .execution_options(synchronize_session=False)
                )
            row.state = REFUSED
            row.refused_code = code
            row.refused_at = utc_naive(now)
            log.warning("the centre refused batch %s: %s", batch_id, code)

    # --- what comes back -----------------------------------------------------------------

    def status_cursor(self) -> int:
        with self.store.read() as session:
            return int(get_setting(session, STATUS_CURSOR) or 0)

    def apply_status_updates(self, updates: Sequence[StatusUpdate], cursor: int) -> int:
        with self.store.write() as session:
            done = int(get_setting(session, STATUS_CURSOR) or 0)
            fresh = sorted((u for u in updates if u.cursor > done), key=lambda u: u.cursor)
            known = 0
            for model, kind in ((Claim, "claim"), (Enrolment, "enrolment")):
                mine = [u for u in fresh if u.subject_kind == kind]
                ids = _ids_by_uuid(session, model, [u.subject_uuid for u in mine])
                events: list[dict[str, object]] = []
                for update in mine:
                    subject_id = ids.get(update.subject_uuid)
                    if subject_id is None:
                        continue
                    known += 1
                    values: dict[str, object] = {"status": update.status}
                    if kind == "enrolment" and update.immatriculation is not None:
                        values["assigned_immatriculation"] = update.immatriculation
                    session.execute(
                        sa.update(model)
                        .where(model.id == subject_id)
                        .values(**values)
                        .execution_options(synchronize_session=False)
                    )
                    events.append(
                        {
                            "subject_kind": kind,
                            "subject_id": subject_id,
                            "status": update.status,
                            "code": None,
                            "detail": update.reason,
                            "amount_centimes": update.amount_centimes,
                            "effective_date": update.effective_date,
                            "at": utc_naive(update.at),
                            "source": "cnss",
                        }
                    )
                _insert_events(session, events)
            set_setting(session, STATUS_CURSOR, str(max(done, cursor)))
            return known

    def reference_version(self) -> str | None:
        with self.store.read() as session:
            version = get_setting(session, REFERENCE_VERSION)
            if version in (None, SEED_REFERENCE_VERSION):
                return None
            # Categories an older centre sent without sub-categories are not data this store
            # can claim to hold: asking without a version gets the centre's whole set again.
            return None if holds_unusable_tns_categories(session) else version

    def apply_reference_data(self, version: str, items: Sequence[ReferenceDataItem]) -> None:
        """Replace each kind the centre sent by its items, unless they are not usable.

        A kind with an item the counter cannot use (``reference_problems``) keeps its rows
        as they were, logged by kind, code and field; the other kinds are replaced. The
        version is recorded only when every kind was applied: otherwise the store keeps the
        version it held, so each later pass gets the whole set again (and a counter updated
        in the meantime takes what it can now use, with no new version at the centre).
        """
        by_kind: dict[str, list[ReferenceDataItem]] = {}
        for item in items:
            by_kind.setdefault(item.kind, []).append(item)
        usable: list[str] = []
        for kind, group in sorted(by_kind.items()):
            problems = reference_problems(kind, group)
            if problems:
                log.warning(
                    "reference data %s version %s not applied, kept as it was: %s",
                    kind,
                    version,
                    "; ".join(problems[:10]),
                )
            else:
                usable.append(kind)
        with self.store.write() as session:
            # Kinds the centre sent are replaced whole; a kind it did not send keeps its rows,
            # so a partial answer never empties the tables the counter's rules read.
            if usable:
                session.execute(sa.delete(ReferenceItem).where(ReferenceItem.kind.in_(usable)))
            rows = [
                {
                    "kind": item.kind,
                    "code": item.code,
                    "version": item.version,
                    "payload": json.dumps(item.payload, ensure_ascii=False, sort_keys=True),
                }
                for kind in usable
                for item in by_kind[kind]
                if item.active
            ]
            if rows:
                session.execute(sa.insert(ReferenceItem), rows)
            if len(usable) == len(by_kind):
                set_setting(session, REFERENCE_VERSION, version)

    # --- attachments ---------------------------------------------------------------------

    def pending_attachments(self) -> list[AttachmentRef]:
        with self.store.read() as session:
            rows = session.execute(
                sa.select(Attachment.sha256, Attachment.size)
                .where(Attachment.uploaded_at.is_(None))
                .order_by(Attachment.id)
            )
            return [AttachmentRef(sha256=sha, size=size) for sha, size in rows]

    def read_attachment(self, sha256: str) -> bytes:
        with self.store.read() as session:
            row = session.scalar(sa.select(Attachment).where(Attachment.sha256 == sha256))
        if row is None:
            raise AppError("sync.attachment_missing", sha256=sha256[:12])
        if row.sealed_bytes is not None:
            data = row.sealed_bytes
        elif row.file_ref is not None:
            try:
                data = (self.store.data_dir / row.file_ref).read_bytes()
            except OSError as error:
                raise AppError("sync.attachment_missing", sha256=sha256[:12]) from error
        else:
            raise AppError("sync.attachment_missing", sha256=sha256[:12])
        if hashlib.sha256(data).hexdigest() != sha256 or len(data) != row.size:
            raise AppError("sync.attachment_damaged", sha256=sha256[:12])
        return data

    def mark_attachment_uploaded(self, sha256: str) -> None:
        with self.store.write() as session:
            session.execute(
                sa.update(Attachment)
                .where(Attachment.sha256 == sha256, Attachment.uploaded_at.is_(None))
                .values(uploaded_at=utc_naive(self.clock()))
                .execution_options(synchronize_session=False)
            )

    # --- the engine's memory -------------------------------------------------------------

    def load_state(self) -> SyncState:
        with self.store.read() as session:
            values = settings_with_prefix(session, "sync.")
        offset = values.get(CLOCK_OFFSET)
        return SyncState(
            consecutive_failures=int(values.get(CONSECUTIVE_FAILURES) or 0),
            next_attempt_at=_moment(values.get(NEXT_ATTEMPT_AT)),
            last_attempt_at=_moment(values.get(LAST_ATTEMPT_AT)),
            last_success_at=_moment(values.get(LAST_SUCCESS_AT)),
            last_attempt_ok=values.get(LAST_ATTEMPT_OK) == "1",
            last_error=values.get(LAST_ERROR) or None,
            clock_offset_seconds=float(offset) if offset else None,
            extra={
                key.removeprefix(EXTRA_PREFIX): value
                for key, value in values.items()
                if key.startswith(EXTRA_PREFIX)
            },
        )

    def save_state(self, state: SyncState) -> None:
        with self.store.write() as session:
            set_setting(session, CONSECUTIVE_FAILURES, str(state.consecutive_failures))
            set_setting(session, NEXT_ATTEMPT_AT, _text(state.next_attempt_at))
            set_setting(session, LAST_ATTEMPT_AT, _text(state.last_attempt_at))
            set_setting(session, LAST_SUCCESS_AT, _text(state.last_success_at))
            set_setting(session, LAST_ATTEMPT_OK, "1" if state.last_attempt_ok else "0")
            set_setting(session, LAST_ERROR, state.last_error or "")
            offset = state.clock_offset_seconds
            set_setting(session, CLOCK_OFFSET, "" if offset is None else repr(float(offset)))
            for key, value in state.extra.items():
                set_setting(session, EXTRA_PREFIX + key, value)


# --- rows to wire items ------------------------------------------------------------------


def claim_item(
    claim: Claim, clerk: str | None, shipment_uuid: str | None, supersedes_uuid: str | None
) -> ClaimItem:
    return ClaimItem(
        uuid=claim.uuid,
        version=claim.version,
        supersedes_uuid=supersedes_uuid,
        receipt_no=claim.receipt_no,
        point_code=claim.point_code,
        clerk=clerk,
        created_at=_aware(claim.created_at),
        utc_offset_min=claim.utc_offset_min,
        deposit_day=claim.deposit_day,
        status=ClaimStatus.VOIDED if claim.status == ClaimStatus.VOIDED else ClaimStatus.RECORDED,
        form_type=claim.form_type,
        request_kind=claim.request_kind,
        insured_immatriculation=claim.insured_immatriculation,
        insured_name=claim.insured_name,
        insured_cin=claim.insured_cin,
        beneficiary_relationship=claim.beneficiary_relationship,
        beneficiary_name=claim.beneficiary_name,
        beneficiary_birth_date=claim.beneficiary_birth_date,
        beneficiary_sex=claim.beneficiary_sex,
        beneficiary_cin=claim.beneficiary_cin,
        care_type=claim.care_type,
        care_categories=_codes(claim.care_categories),
        first_act_date=claim.first_act_date,
        end_of_treatment_date=claim.end_of_treatment_date,
        declared_amount_centimes=claim.declared_amount_centimes,
        document_count=claim.document_count,
        prescriber_inpe=claim.prescriber_inpe,
        facility_inpe=claim.facility_inpe,
        fse_number=claim.fse_number,
        checklist=_codes(claim.checklist),
        confirmations=_confirmations(claim.confirmations),
        shipment_uuid=shipment_uuid,
        signature=claim.signature,
    )


def dependent_item(dep: Dependent) -> DependentItem:
    return DependentItem(
        relationship=dep.relationship,
        last_name=dep.last_name,
        first_name=dep.first_name,
        birth_date=dep.birth_date,
        sex=dep.sex,
        cin=dep.cin,
        is_student=dep.is_student,
        is_married=dep.is_married,
        is_disabled=dep.is_disabled,
        is_kafala=dep.is_kafala,
    )


def enrolment_item(
    e: Enrolment, clerk: str | None, supersedes_uuid: str | None, deps: Sequence[DependentItem]
) -> EnrolmentItem:
    return EnrolmentItem(
        uuid=e.uuid,
        version=e.version,
        supersedes_uuid=supersedes_uuid,
        receipt_no=e.receipt_no,
        point_code=e.point_code,
        clerk=clerk,
        created_at=_aware(e.created_at),
        utc_offset_min=e.utc_offset_min,
        deposit_day=e.deposit_day,
        status=EnrolmentStatus.RECORDED,
        last_name=e.last_name,
        first_name=e.first_name,
        last_name_ar=e.last_name_ar,
        first_name_ar=e.first_name_ar,
        cin=e.cin,
        immatriculation=e.immatriculation,
        nationality=e.nationality,
        mobile_phone=e.mobile_phone,
        email=e.email,
        category_code=e.category_code,
        subcategory_code=e.subcategory_code,
        sex=e.sex,
        birth_date=e.birth_date,
        home_line=e.home_line,
        home_district=e.home_district,
        home_commune=e.home_commune,
        home_city=e.home_city,
        home_postal_code=e.home_postal_code,
        work_line=e.work_line,
        work_district=e.work_district,
        work_commune=e.work_commune,
        work_city=e.work_city,
        work_postal_code=e.work_postal_code,
        signature_place=e.signature_place,
        signature_date=e.signature_date,
        notice_acknowledged_at=_aware(e.notice_acknowledged_at),
        confirmations=_confirmations(e.confirmations),
        signature=e.signature,
        dependents=tuple(deps),
    )


def shipment_item(shipment: Shipment, claim_uuids: Iterable[str] = ()) -> ShipmentItem:
    """The envelope as it travels, with the uuids of the claims it holds (sorted)."""
    return ShipmentItem(
        uuid=shipment.uuid,
        number=shipment.number,
        point_code=shipment.point_code,
        created_at=_aware(shipment.created_at),
        closed_at=_opt_aware(shipment.closed_at),
        item_count=shipment.item_count,
        total_centimes=shipment.total_centimes,
        manifest_hash=shipment.manifest_hash,
        claim_uuids=tuple(sorted(claim_uuids)),
    )


def audit_item(entry: AuditEntry) -> AuditItem:
    return AuditItem(
        seq=entry.seq,
        at=_aware(entry.at),
        actor=entry.actor,
        action=entry.action,
        subject_kind=entry.subject_kind,
        subject_ref=entry.subject_ref,
        details=entry.details,
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )


def sealed_batch(row: Batch) -> SealedBatch:
    if row.frame is None or row.sealed_at is None:
        raise RuntimeError(f"batch {row.uuid} is {row.state} without a frame")
    return SealedBatch(
        batch_id=row.uuid,
        frame=row.frame,
        manifest_hash=row.manifest_hash or "",
        sealed_at=_aware(row.sealed_at),
        counts={str(k): int(v) for k, v in json.loads(row.counts).items()},
        items=tuple((str(kind), str(uuid)) for kind, uuid in json.loads(row.items)),
        sent_at=_opt_aware(row.sent_at),
    )


def count_unacknowledged(session: Session) -> int:
    """Items in no batch that will travel, plus items of batches the centre has not answered."""
    unanswered = sa.select(Batch.id).where(Batch.state.in_(UNANSWERED))
    total = 0
    for model, waiting in (
        (Claim, pending_claims_condition()),
        (Enrolment, pending_enrolments_condition()),
        (Shipment, pending_shipments_condition()),
        (AuditEntry, AuditEntry.batch_id.is_(None)),
    ):
        condition = sa.or_(waiting, model.batch_id.in_(unanswered))
        total += int(session.scalar(sa.select(sa.func.count()).where(condition)) or 0)
    return total


# --- transaction helpers -----------------------------------------------------------------

_Subject = type[Claim] | type[Enrolment]


def _items_by_kind(items: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    by_kind: dict[str, list[str]] = {}
    for kind, uuid in items:
        by_kind.setdefault(kind, []).append(uuid)
    return by_kind


def _batch(session: Session, batch_id: str) -> Batch:
    row = session.scalar(sa.select(Batch).where(Batch.uuid == batch_id))
    if row is None:
        raise RuntimeError(f"no sealed batch {batch_id} in this store")
    return row


def _subjects(
    session: Session, model: _Subject | type[Shipment], uuids: Sequence[str]
) -> list[tuple[int, str]]:
    """(id, status) of the rows with these uuids; shipments have no status (empty text)."""
    found: list[tuple[int, str]] = []
    for chunk in _chunks(uuids):
        if model is Shipment:
            shipment_ids = session.scalars(sa.select(Shipment.id).where(Shipment.uuid.in_(chunk)))
            found.extend((int(sid), "") for sid in shipment_ids)
        else:
            subject: Any = model
            rows = session.execute(
                sa.select(subject.id, subject.status).where(subject.uuid.in_(chunk))
            )
            found.extend((int(sid), str(status)) for sid, status in rows)
    return found


def _ids_by_uuid(session: Session, model: _Subject, uuids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(uuids))):
        for uuid, sid in session.execute(
            sa.select(model.uuid, model.id).where(model.uuid.in_(chunk))
        ):
            found[uuid] = sid
    return found


def _set_batch(
    session: Session, model: _Subject | type[Shipment], ids: Sequence[int], batch_id: int | None
) -> None:
    for chunk in _chunks(ids):
        session.execute(
            sa.update(model)
            .where(model.id.in_(chunk))
            .values(batch_id=batch_id)
            .execution_options(synchronize_session=False)
        )


def _insert_events(session: Session, events: list[dict[str, object]]) -> None:
    if not events:
        return
    first = next_seq(session, count=len(events))
    for offset, event in enumerate(events):
        event["seq"] = first + offset
        event.setdefault("actor_id", None)
    session.execute(sa.insert(StatusEvent), events)


def _move_status(
    session: Session,
    kind: str,
    model: _Subject,
    ids: Sequence[int],
    status: str,
    at: dt.datetime,
    *,
    source: str,
    code: str | None = None,
    detail: str | None = None,
) -> None:
    """Set ``status`` on these rows and append one status event each."""
    for chunk in _chunks(ids):
        session.execute(
            sa.update(model)
            .where(model.id.in_(chunk))
            .values(status=status)
            .execution_options(synchronize_session=False)
        )
    _insert_events(
        session,
        [
            {
                "subject_kind": kind,
                "subject_id": sid,
                "status": status,
                "code": code,
                "detail": detail,
                "amount_centimes": None,
                "effective_date": None,
                "at": utc_naive(at),
                "source": source,
            }
            for sid in ids
        ],
    )


def _mark_sent(session: Session, row: Batch, at: dt.datetime) -> None:
    row.state = SENT
    row.sent_at = row.sent_at or utc_naive(at)
    for model, kind, batched, sent in (
        (Claim, "claim", ClaimStatus.BATCHED, ClaimStatus.SENT),
        (Enrolment, "enrolment", EnrolmentStatus.BATCHED, EnrolmentStatus.SENT),
    ):
        subject: Any = model
        ids = list(
            session.scalars(
                sa.select(subject.id).where(subject.batch_id == row.id, subject.status == batched)
            )
        )
        _move_status(session, kind, model, ids, sent, at, source="counter")


def _in_batch(session: Session, model: _Subject, batch_row_id: int) -> list[tuple[int, str, str]]:
    """(id, uuid, status) of the rows this batch carries now."""
    subject: Any = model
    return [
        (int(sid), str(uuid), str(status))
        for sid, uuid, status in session.execute(
            sa.select(subject.id, subject.uuid, subject.status).where(
                subject.batch_id == batch_row_id
            )
        )
    ]


def _requeue(
    session: Session,
    model: _Subject,
    kind: str,
    rows: Sequence[tuple[int, str, str]],
    at: dt.datetime,
    why: str | None,
) -> int:
    """Back in no batch; a live item is ``recorded`` again (event code ``requeued``)."""
    _set_batch(session, model, [sid for sid, _, _ in rows], None)
    live = [sid for sid, _, status in rows if status not in (ClaimStatus.VOIDED,)]
    _move_status(
        session,
        kind,
        model,
        live,
        ClaimStatus.RECORDED,
        at,
        source="counter",
        code=REQUEUED,
        detail=why,
    )
    return len(rows)


def _apply_outcomes(
    session: Session,
    model: _Subject,
    kind: str,
    row: Batch,
    verdicts: dict[tuple[str, str], Any],
    received: dt.datetime,
) -> int:
    """Write the verdicts on this batch's claims or enrolments; returns how many were requeued."""
    carried = _in_batch(session, model, row.id)
    missing = [item for item in carried if (kind, item[1]) not in verdicts]
    by_outcome: dict[str, list[int]] = {"accepted": [], "duplicate": []}
    events: list[dict[str, object]] = []
    void_notices: list[int] = []
    sealed_at = row.sealed_at or row.created_at
    voided_after_sealing = _voided_after(session, model, carried, sealed_at)
    for sid, uuid, status in carried:
        verdict = verdicts.get((kind, uuid))
        if verdict is None:
            continue
        outcome = verdict.outcome
        if status == ClaimStatus.VOIDED:
            # The frame carried it live; the centre holds it now: tell it of the void.
            if outcome in HELD_AT_CENTRE and sid in voided_after_sealing:
                void_notices.append(sid)
            continue
        if outcome == "rejected":
            session.execute(
                sa.update(model)
                .where(model.id == sid)
                .values(status=ClaimStatus.REJECTED)
                .execution_options(synchronize_session=False)
            )
            events.append(
                {
                    "subject_kind": kind,
                    "subject_id": sid,
                    "status": ClaimStatus.REJECTED,
                    "code": verdict.code,
                    "detail": verdict.message,
                    "amount_centimes": None,
                    "effective_date": None,
                    "at": utc_naive(received),
                    "source": "cnss",
                }
            )
        elif outcome in by_outcome:
            by_outcome[outcome].append(sid)
    _insert_events(session, events)
    for outcome, ids in by_outcome.items():
        _move_status(session, kind, model, ids, outcome, received, source="cnss")
    _set_batch(session, model, void_notices, None)
    return _requeue(session, model, kind, missing, received, None)


def _voided_after(
    session: Session, model: _Subject, carried: Sequence[tuple[int, str, str]], sealed: dt.datetime
) -> set[int]:
    if model is not Claim:
        return set()
    ids = [sid for sid, _, status in carried if status == ClaimStatus.VOIDED]
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(
            session.scalars(
                sa.select(Claim.id).where(Claim.id.in_(chunk), Claim.voided_at > sealed)
            )
        )
    return found


def _requeue_missing_plain(
    session: Session,
    model: type[Shipment] | type[AuditEntry],
    kind: str,
    row: Batch,
    verdicts: dict[tuple[str, str], Any],
) -> int:
    if model is Shipment:
        carried = [
            (int(sid), str(uuid))
            for sid, uuid in session.execute(
                sa.select(Shipment.id, Shipment.uuid).where(Shipment.batch_id == row.id)
            )
        ]
        missing = [sid for sid, uuid in carried if (kind, uuid) not in verdicts]
        _set_batch(session, Shipment, missing, None)
        return len(missing)
    seqs = [
        int(seq)
        for seq in session.scalars(sa.select(AuditEntry.seq).where(AuditEntry.batch_id == row.id))
    ]
    lost = [seq for seq in seqs if (kind, str(seq)) not in verdicts]
    for chunk in _chunks(lost):
        session.execute(
            sa.update(AuditEntry)
            .where(AuditEntry.seq.in_(chunk))
            .values(batch_id=None)
            .execution_options(synchronize_session=False)
        )
    return len(lost)


def _summary(row: Batch) -> AckSummary:
    return AckSummary(
        accepted=row.accepted_count,
        rejected=row.rejected_count,
        duplicates=row.duplicate_count,
        requeued=row.requeued_count,
    )


def _moment(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _text(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.astimezone(dt.UTC).isoformat()
