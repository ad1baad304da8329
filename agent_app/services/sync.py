"""The app's sync use cases: activate the point, run a pass, export batches, follow, correct.

Owns the transaction boundaries around the engine (``sync.client.engine``) and the store's
outbox (:mod:`agent_app.services.sync_outbox`): activation stores the device identity and
audits it; a pass runs the engine over the outbox, optionally with every outbox call made on
the caller's database worker (``call_store``); an export seals what is pending and writes the
frames for removable media; a rejected claim is corrected into a new version that supersedes
it. Failures of the link or refusals by the centre become :class:`AppError` ``sync.<code>``
with a message in the user's language.

Corrections: a corrected claim gets a NEW uuid and a NEW receipt number (today's sequence at
this point), ``version`` + 1 and ``supersedes_id`` = the rejected claim, which becomes
``superseded``; nothing is deleted. A new receipt number, not a suffix, because receipt numbers
carry a check character and one printed form each, and the insured is handed a new receipt.

This module must never import Qt, never run on the GUI thread, and never log personal data.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Final, Protocol, TypeVar

import sqlalchemy as sa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.orm import Session, aliased

from agent_app.domain.claims import likely_duplicate, normalise_claim, validate_claim
from agent_app.domain.model import (
    CareCategory,
    CareType,
    ChecklistItem,
    ClaimDraft,
    ClaimStatus,
    FormType,
    Relationship,
    RequestKind,
    Sex,
)
from agent_app.domain.problems import Problem
from agent_app.domain.receipt_numbers import parse_receipt_number
from agent_app.errors import AppError
from agent_app.fsutil import write_atomically
from agent_app.security.device import DeviceKey
from agent_app.services.claims import (
    RecordedClaim,
    claim_columns,
    claim_rules,
    find_likely_duplicates,
)
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.recording import admit, new_record_identity, record_correction
from agent_app.services.sync_outbox import (
    ACTIVATED_AT,
    CA_FILE,
    CENTRE_ANSWER_KEY,
    CENTRE_KEM,
    CENTRE_PUBLIC_KEY,
    DEVICE_ID,
    SERVER_URL,
    StoreOutbox,
    count_unacknowledged,
)
from agent_app.store.engine import Store
from agent_app.store.models import Batch, Claim, Enrolment, StatusEvent
from agent_app.store.repo import audit, get_setting, set_setting, settings_with_prefix
from sync.client import engine as sync_engine
from sync.client.engine import ProgressCallback, SenderBusy, SyncEngine, SyncReport
from sync.client.outbox import (
    AckSummary,
    AttachmentRef,
    DeviceIdentity,
    Outbox,
    PendingItems,
    SealedBatch,
    SyncState,
)
from sync.client.transport import SyncError, check_server_url, decode_centre_public_key
from sync.protocol.auth import b64url
from sync.protocol.schema import BatchAcknowledgement, ReferenceDataItem, StatusUpdate

log = logging.getLogger(__name__)

LOCK_FILE: Final = "sync.lock"  # beside the store: one sender at a time (docs/protocol.md §4)
BATCH_SUFFIX: Final = ".gamob"
OVERVIEW_BATCHES: Final = 50
OVERVIEW_REJECTED: Final = 200

_T = TypeVar("_T")


class StoreCaller(Protocol):
    """Runs one piece of store work where the caller wants it (the GUI's database worker)."""

    def __call__(self, work: Callable[[], _T], /) -> _T: ...


def sync_error(error: SyncError) -> AppError:
    """The user-facing error for a sync failure code."""
    return AppError(f"sync.{error.code}")


# --- activation ---------------------------------------------------------------------------


def activate(
    store: Store,
    actor: Actor,
    server_url: str,
    code: str,
    *,
    ca_file: str | None = None,
    clock: Clock = system_clock,
) -> str:
    """Register this point's device key with the centre (supervisor only); returns device_id."""
    actor.require_supervisor()
    url = server_url.strip()
    try:
        url = check_server_url(url)
    except SyncError as error:
        raise AppError("sync.insecure_url") from error
    if ca_file is not None and not Path(ca_file).is_file():
        raise AppError("sync.ca_file_missing", path=ca_file)
    code = code.strip()
    if not code:
        raise AppError("sync.bad_activation_code")
    with store.read() as session:
        point_code = get_setting(session, "point.code") or ""
        private = get_setting(session, "device.private_key") or ""
        previous = get_setting(session, DEVICE_ID)
    signing_key = DeviceKey.from_private_b64(private).private
    try:
        result = sync_engine.activate(url, point_code, code, ca_file, signing_key)
    except SyncError as error:
        log.info("activation refused: %s", error.code)
        raise sync_error(error) from error
    try:
        # The key as it travelled (checked by the transport), re-read here so what is stored
        # is known to load again: X25519 or the ML-KEM-768+X25519 hybrid alike.
        decode_centre_public_key(result.centre_kem, result.centre_public_key_text)
    except SyncError as error:
        raise sync_error(error) from error
    answer_key = result.centre_answer_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    with store.write() as session:
        now = clock()
        set_setting(session, SERVER_URL, url)
        set_setting(session, CA_FILE, ca_file or "")
        set_setting(session, DEVICE_ID, result.device_id)
        set_setting(session, CENTRE_KEM, result.centre_kem)
        set_setting(session, CENTRE_PUBLIC_KEY, result.centre_public_key_text)
        set_setting(session, CENTRE_ANSWER_KEY, b64url(answer_key))
        set_setting(session, ACTIVATED_AT, now.astimezone(dt.UTC).isoformat())
        audit(
            session,
            now,
            actor.username,
            "sync.activate",
            "point",
            point_code,
            {
                "device_id": result.device_id,
                "previous_device_id": previous,
                "server_url": url,
                "centre_kem": result.centre_kem,
            },
        )
    log.info("point %s activated as device %s", point_code, result.device_id)
    return result.device_id


# --- one pass -----------------------------------------------------------------------------


class OutboxOnWorker:
    """An Outbox whose every call runs through ``call_store`` (e.g. the GUI's database worker),
    so the engine can run on a network thread while all SQL stays on one thread."""

    def __init__(self, outbox: Outbox, call_store: StoreCaller) -> None:
        self._outbox = outbox
        self._call = call_store

    def identity(self) -> DeviceIdentity | None:
        return self._call(self._outbox.identity)

    def pending(self, limit: int) -> PendingItems:
        return self._call(partial(self._outbox.pending, limit))

    def pending_count(self) -> int:
        return self._call(self._outbox.pending_count)

    def save_sealed(self, batch: SealedBatch) -> None:
        self._call(partial(self._outbox.save_sealed, batch))

    def unacknowledged(self) -> list[SealedBatch]:
        return self._call(self._outbox.unacknowledged)

    def mark_sent(self, batch_id: str, at: dt.datetime) -> None:
        self._call(partial(self._outbox.mark_sent, batch_id, at))

    def apply_acknowledgement(
        self, batch_id: str, ack: BatchAcknowledgement, raw: bytes
    ) -> AckSummary:
        return self._call(partial(self._outbox.apply_acknowledgement, batch_id, ack, raw))

    def refuse_batch(self, batch_id: str, code: str) -> None:
        self._call(partial(self._outbox.refuse_batch, batch_id, code))

    def status_cursor(self) -> int:
        return self._call(self._outbox.status_cursor)

    def apply_status_updates(self, updates: Sequence[StatusUpdate], cursor: int) -> int:
        return self._call(partial(self._outbox.apply_status_updates, updates, cursor))

    def reference_version(self) -> str | None:
        return self._call(self._outbox.reference_version)

    def apply_reference_data(self, version: str, items: Sequence[ReferenceDataItem]) -> None:
        self._call(partial(self._outbox.apply_reference_data, version, items))

    def pending_attachments(self) -> list[AttachmentRef]:
        return self._call(self._outbox.pending_attachments)

    def read_attachment(self, sha256: str) -> bytes:
        return self._call(partial(self._outbox.read_attachment, sha256))

    def mark_attachment_uploaded(self, sha256: str) -> None:
        self._call(partial(self._outbox.mark_attachment_uploaded, sha256))

    def load_state(self) -> SyncState:
        return self._call(self._outbox.load_state)

    def save_state(self, state: SyncState) -> None:
        self._call(partial(self._outbox.save_state, state))


def _utc(clock: Clock) -> Callable[[], dt.datetime]:
    return lambda: clock().astimezone(dt.UTC)


def run_sync(
    store: Store,
    *,
    force_seal: bool = False,
    progress: ProgressCallback | None = None,
    clock: Clock = system_clock,
    call_store: StoreCaller | None = None,
) -> SyncReport:
    """One sync pass (see ``SyncEngine.run_once``); the report says what happened."""
    outbox: Outbox = StoreOutbox(store, clock)
    if call_store is not None:
        outbox = OutboxOnWorker(outbox, call_store)
    engine = SyncEngine(outbox, lock_path=store.data_dir / LOCK_FILE, clock=_utc(clock))
    report = engine.run_once(force_seal=force_seal, progress=progress)
    log.info(
        "sync pass: ok=%s error=%s skipped=%s sealed=%d sent=%d pending=%d",
        report.ok,
        report.error,
        report.skipped_reason,
        report.batches_sealed,
        report.batches_sent,
        report.pending,
    )
    return report


# --- removable media ----------------------------------------------------------------------


def export_batches(store: Store, out_dir: Path, *, clock: Clock = system_clock) -> list[Path]:
    """Seal everything pending and write every unanswered frame as ``<batch_id>.gamob``.

    The frames are already sealed to the centre and signed: the files reveal nothing personal.
    Each file lands whole or not at all (temporary file, fsync, rename).
    """
    outbox = StoreOutbox(store, clock)
    try:
        sync_engine.seal_all(outbox, store.data_dir / LOCK_FILE, clock=_utc(clock))
    except SenderBusy as error:
        raise AppError("sync.another_sender") from error
    except SyncError as error:
        raise sync_error(error) from error
    batches = outbox.unacknowledged()
    written: list[Path] = []
    try:
        for batch in batches:
            target = out_dir / f"{batch.batch_id}{BATCH_SUFFIX}"
            write_atomically(target, batch.frame, mode=0o644)
            written.append(target)
    except OSError as error:
        raise AppError("io.error", path=out_dir, detail=error.strerror or "") from error
    with store.write() as session:
        audit(
            session,
            clock(),
            "operator",
            "batches.export",
            "batches",
            str(len(written)),
            {"batches": [batch.batch_id for batch in batches]},
        )
    return written


# --- what the supervisor screen shows -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchRow:
    batch_id: str
    state: str  # sealed, sent, acknowledged, refused
    sealed_at: dt.datetime | None  # aware UTC
    sent_at: dt.datetime | None
    acknowledged_at: dt.datetime | None  # the centre's time
    item_count: int
    counts: dict[str, int]
    accepted: int
    rejected: int
    duplicates: int
    requeued: int
    refused_code: str | None


@dataclass(frozen=True, slots=True)
class RejectedItem:
    """A claim or enrolment the centre rejected and nobody has corrected yet."""

    kind: str  # claim, enrolment
    receipt_no: str
    code: str | None
    message: str | None
    at: dt.datetime  # aware UTC, the centre's time


@dataclass(frozen=True, slots=True)
class SyncOverview:
    activated: bool
    server_url: str | None
    device_id: str | None
    pending: int
    last_success_at: dt.datetime | None
    last_attempt_ok: bool
    last_error: str | None  # a sync error code; the message is ``AppError(f"sync.{code}")``
    next_attempt_at: dt.datetime | None
    clock_offset_seconds: float | None
    batches: tuple[BatchRow, ...]
    rejected: tuple[RejectedItem, ...]


def _moment(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else moment.replace(tzinfo=dt.UTC)


def sync_overview(store: Store) -> SyncOverview:
    with store.read() as session:
        values = settings_with_prefix(session, "sync.")
        pending = count_unacknowledged(session)
        batches = session.scalars(
            sa.select(Batch).order_by(Batch.seq.desc()).limit(OVERVIEW_BATCHES)
        ).all()
        rejected = [
            *_rejected(session, Claim, "claim"),
            *_rejected(session, Enrolment, "enrolment"),
        ]
    offset = values.get("sync.clock_offset_seconds")
    rejected.sort(key=lambda item: item.at, reverse=True)
    return SyncOverview(
        activated=bool(values.get(DEVICE_ID)),
        server_url=values.get(SERVER_URL) or None,
        device_id=values.get(DEVICE_ID) or None,
        pending=pending,
        last_success_at=_moment(values.get("sync.last_success_at")),
        last_attempt_ok=values.get("sync.last_attempt_ok") == "1",
        last_error=values.get("sync.last_error") or None,
        next_attempt_at=_moment(values.get("sync.next_attempt_at")),
        clock_offset_seconds=float(offset) if offset else None,
        batches=tuple(
            BatchRow(
                batch_id=row.uuid,
                state=row.state,
                sealed_at=_aware(row.sealed_at),
                sent_at=_aware(row.sent_at),
                acknowledged_at=_aware(row.acknowledged_at),
                item_count=row.item_count,
                counts={str(k): int(v) for k, v in json.loads(row.counts).items()},
                accepted=row.accepted_count,
                rejected=row.rejected_count,
                duplicates=row.duplicate_count,
                requeued=row.requeued_count,
                refused_code=row.refused_code,
            )
            for row in batches
        ),
        rejected=tuple(rejected[:OVERVIEW_REJECTED]),
    )


def _rejected(
    session: Session, model: type[Claim] | type[Enrolment], kind: str
) -> list[RejectedItem]:
    verdict = aliased(StatusEvent)
    latest = (
        sa.select(sa.func.max(verdict.seq))
        .where(
            verdict.subject_kind == kind,
            verdict.subject_id == model.id,
            verdict.status == ClaimStatus.REJECTED,
        )
        .correlate(model)
        .scalar_subquery()
    )
    rows = session.execute(
        sa.select(model.receipt_no, StatusEvent.code, StatusEvent.detail, StatusEvent.at)
        .join(StatusEvent, StatusEvent.seq == latest)
        .where(model.status == ClaimStatus.REJECTED)
        .order_by(model.id.desc())
        .limit(OVERVIEW_REJECTED)
    )
    return [
        RejectedItem(
            kind=kind, receipt_no=receipt, code=code, message=message, at=at.replace(tzinfo=dt.UTC)
        )
        for receipt, code, message, at in rows
    ]


def assigned_immatriculations(store: Store, enrolment_ids: list[int]) -> dict[int, str]:
    """The immatriculation CNSS assigned to these enrolments, for those it has."""
    found: dict[int, str] = {}
    with store.read() as session:
        for start in range(0, len(enrolment_ids), 900):
            chunk = enrolment_ids[start : start + 900]
            rows = session.execute(
                sa.select(Enrolment.id, Enrolment.assigned_immatriculation).where(
                    Enrolment.id.in_(chunk), Enrolment.assigned_immatriculation.is_not(None)
                )
            )
            found.update({int(eid): str(number) for eid, number in rows})
    return found


# --- correcting a rejected claim ----------------------------------------------------------


def _rejected_claim(session: Session, receipt_no: str) -> Claim:
    parsed = parse_receipt_number(receipt_no)
    text = str(parsed) if parsed is not None else receipt_no.strip().upper()
    claim = session.scalar(sa.select(Claim).where(Claim.receipt_no == text))
    if claim is None:
        raise AppError("claim.not_found", receipt_no=receipt_no)
    if claim.status != ClaimStatus.REJECTED:
        raise AppError("claim.not_rejected", receipt_no=claim.receipt_no, status=claim.status)
    return claim


def claim_draft_for_correction(store: Store, receipt_no: str) -> ClaimDraft:
    """The rejected claim as a draft, to pre-fill the deposit form for its correction."""
    with store.read() as session:
        claim = _rejected_claim(session, receipt_no)
        return ClaimDraft(
            form_type=FormType(claim.form_type),
            request_kind=RequestKind(claim.request_kind),
            insured_immatriculation=claim.insured_immatriculation,
            insured_name=claim.insured_name,
            insured_cin=claim.insured_cin,
            beneficiary_relationship=Relationship(claim.beneficiary_relationship),
            beneficiary_name=claim.beneficiary_name,
            beneficiary_birth_date=claim.beneficiary_birth_date,
            beneficiary_sex=Sex(claim.beneficiary_sex) if claim.beneficiary_sex else None,
            beneficiary_cin=claim.beneficiary_cin,
            care_type=CareType(claim.care_type),
            care_categories=frozenset(
                CareCategory(c) for c in claim.care_categories.split(",") if c
            ),
            first_act_date=claim.first_act_date,
            end_of_treatment_date=claim.end_of_treatment_date,
            declared_amount_centimes=claim.declared_amount_centimes,
            document_count=claim.document_count,
            prescriber_inpe=claim.prescriber_inpe,
            facility_inpe=claim.facility_inpe,
            fse_number=claim.fse_number,
            checklist=frozenset(ChecklistItem(c) for c in claim.checklist.split(",") if c),
        )


def _correction_problems(
    session: Session, draft: ClaimDraft, now: dt.datetime, rejected_receipt: str
) -> list[Problem]:
    problems = validate_claim(draft, claim_rules(session), now.date())
    # The rejected version is the same deposit, not a twin of it.
    earlier = [r for r in find_likely_duplicates(session, draft) if r != rejected_receipt]
    if earlier:
        problems.append(likely_duplicate(earlier[0]))
    return problems


def correct_claim(
    store: Store,
    actor: Actor,
    rejected_receipt_no: str,
    draft: ClaimDraft,
    confirmations: Mapping[str, str] | None = None,
    *,
    clock: Clock = system_clock,
) -> RecordedClaim:
    """Record ``draft`` as the next version of a rejected claim, in one transaction."""
    with store.write() as session:
        old = _rejected_claim(session, rejected_receipt_no)
        now = clock()
        confirmed = admit(
            _correction_problems(session, normalise_claim(draft), now, old.receipt_no),
            confirmations or {},
            invalid="claim.invalid",
            needs_confirmation="claim.needs_confirmation",
        )
        identity = new_record_identity(session, now, draft.declared_amount_centimes)
        columns = identity.columns(confirmed)
        columns["version"] = old.version + 1
        new = Claim(
            **columns,
            supersedes_id=old.id,
            clerk_id=actor.user_id,
            status=ClaimStatus.RECORDED,
            **claim_columns(draft),
        )
        session.add(new)
        old.status = ClaimStatus.SUPERSEDED
        session.flush()
        record_correction(
            session,
            "claim",
            old,
            new.id,
            identity,
            statuses=(ClaimStatus.SUPERSEDED, ClaimStatus.RECORDED),
            at=now,
            actor=actor,
            details={"confirmed": sorted(confirmed)},
        )
    return RecordedClaim(new.id, identity.uuid, identity.receipt_no, now, identity.signature)
