"""The sync engine: one pass seals what is pending, uploads it, and pulls what the centre holds.

A pass (:meth:`SyncEngine.run_once`) is: honour the backoff window, take the one-sender lock,
seal pending items into batches (even with no link), get a bearer token, upload every sealed
batch not yet answered (the same stored bytes every time), upload pending scans in resumable
chunks, pull status updates after the stored cursor, pull reference data by version, then save
the engine's memory. Link failures stop the pass and push the next one out with capped
exponential backoff and full jitter; a refusal of one batch stops only that batch.

Everything durable lives in the :class:`~sync.client.outbox.Outbox`, so a pass killed at any
instant resumes from it alone: a batch sealed but not acknowledged is re-sent byte for byte and
the centre's idempotent ``PUT`` answers its stored acknowledgement. This module must never keep
state of its own on disk (besides ``save_state``), block the counter, or log personal data.
"""

from __future__ import annotations

import datetime as dt
import os
import random as random_module
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Final, TypeVar

import filelock
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.client.outbox import AttachmentRef, DeviceIdentity, Outbox, SealedBatch, SyncState
from sync.client.transport import (
    AttachmentStatus,
    Clock,
    SyncError,
    Timeouts,
    Transport,
    TransportError,
    UpdatesPage,
    utc_now,
)
from sync.protocol.auth import b64url, sign_token_request
from sync.protocol.envelope import CentrePublicKey, peek_header, seal_batch
from sync.protocol.schema import BatchAcknowledgement, BatchPayload

CHUNK_SIZE: Final = 256 * 1024
DEFAULT_TIMEOUTS: Final = Timeouts()
UPDATES_PAGE: Final = 500
# A token is dropped this long before the centre's expiry, so it never dies mid-upload.
TOKEN_MARGIN: Final = dt.timedelta(seconds=60)

# Refusals of one batch: it will never be accepted as it is, its items travel again in a new one.
BATCH_REFUSALS: Final = frozenset(
    {
        "conflict",
        "batch_id_mismatch",
        "bad_signature",
        "forbidden",
        "too_large",
        "bad_magic",
        "truncated",
        "bad_frame",
        "bad_header",
        "unsupported",
        "decrypt_failed",
        "bad_payload",
        "schema_mismatch",
    }
)
_TOKEN_RENEWAL: Final = frozenset({"token_expired", "bad_token"})

_T = TypeVar("_T")
TransportFactory = Callable[[DeviceIdentity], Transport]
ProgressCallback = Callable[["SyncProgress"], None]


@dataclass(frozen=True, slots=True)
class SealPolicy:
    """When pending items become a batch: a full one, an old one, or when a person asks."""

    max_items: int = 1000
    max_age: dt.timedelta = dt.timedelta(minutes=10)

    def due(
        self, available: int, oldest: dt.datetime | None, now: dt.datetime, force: bool
    ) -> bool:
        if available == 0:
            return False
        if force or available >= self.max_items:
            return True
        return oldest is not None and now - oldest >= self.max_age


@dataclass(frozen=True, slots=True)
class Backoff:
    """Capped exponential backoff with full jitter: wait ``min(cap, base × 2^failures) × u``."""

    base: dt.timedelta = dt.timedelta(seconds=5)
    cap: dt.timedelta = dt.timedelta(minutes=15)

    def delay(self, failures: int, draw: float, retry_after: float | None = None) -> dt.timedelta:
        # Bound the exponent: past the cap it changes nothing and 2**n would grow unbounded.
        ceiling = min(self.cap, self.base * (1 << min(failures, 32)))
        wait = ceiling * min(max(draw, 0.0), 1.0)
        if retry_after is not None:
            wait = max(wait, dt.timedelta(seconds=retry_after))
        return wait


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """Where a pass is, for a progress bar: ``phase`` is sealing, uploading, attachments,
    updates or reference; ``total`` is 0 when not known in advance."""

    phase: str
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one pass did; ``error`` is a stable code, ``skipped_reason`` is ``backoff``,
    ``another_sender`` or ``not_activated`` when the pass did nothing."""

    ok: bool
    error: str | None = None
    batches_sealed: int = 0
    batches_sent: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    requeued: int = 0
    refused_batches: tuple[tuple[str, str], ...] = ()  # (batch_id, code)
    updates_applied: int = 0
    attachments_uploaded: int = 0
    reference_version: str | None = None
    pending: int = 0
    retry_at: dt.datetime | None = None
    clock_offset_seconds: float | None = None
    skipped_reason: str | None = None

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["refused_batches"] = [
            {"batch_id": batch_id, "code": code} for batch_id, code in self.refused_batches
        ]
        data["retry_at"] = None if self.retry_at is None else _iso(self.retry_at)
        return data


@dataclass(frozen=True, slots=True)
class ActivationResult:
    """What activation gave: the device's id and the centre's two public keys.

    The key objects are for use now; ``centre_kem`` and ``centre_public_key_text`` (the
    centre's HPKE key in its wire form, base64url, as received and checked) are what a store
    keeps, whatever the KEM: :func:`sync.client.transport.decode_centre_public_key` turns them
    back into the key object.
    """

    device_id: str
    centre_public_key: CentrePublicKey
    centre_answer_key: Ed25519PublicKey
    server_time: dt.datetime
    centre_kem: str = "X25519"
    centre_public_key_text: str = ""
    centre_answer_key_text: str = ""


@dataclass(slots=True)
class _Tally:
    batches_sealed: int = 0
    batches_sent: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    requeued: int = 0
    refused_batches: list[tuple[str, str]] = field(default_factory=list)
    updates_applied: int = 0
    attachments_uploaded: int = 0
    reference_version: str | None = None


@dataclass(frozen=True, slots=True)
class _HeldToken:
    token: str
    device_id: str
    usable_until: dt.datetime  # device time


class SenderBusy(SyncError):
    """Another pass (this process or another) holds the one-sender lock."""

    def __init__(self) -> None:
        super().__init__("another_sender")


# One threading lock per lock file in this process: two engines on one store exclude each other
# even before the file lock (whose semantics between threads vary by platform) is asked.
_PROCESS_LOCKS: dict[str, threading.Lock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()


def _process_lock(path: Path) -> threading.Lock:
    key = os.path.abspath(path)
    with _PROCESS_LOCKS_GUARD:
        return _PROCESS_LOCKS.setdefault(key, threading.Lock())


@contextmanager
def sender_lock(path: Path) -> Iterator[None]:
    """Hold the one-sender lock at ``path`` for the block; :class:`SenderBusy` at once if another
    pass holds it (never waits: a pass is not worth queueing behind another)."""
    thread_lock = _process_lock(path)
    if not thread_lock.acquire(blocking=False):
        raise SenderBusy
    try:
        file_lock = filelock.FileLock(path, thread_local=False)
        try:
            file_lock.acquire(blocking=False)
        except filelock.Timeout as error:
            raise SenderBusy from error
        try:
            yield
        finally:
            file_lock.release()
    finally:
        thread_lock.release()


def default_transport_factory(clock: Clock = utc_now) -> TransportFactory:
    def factory(identity: DeviceIdentity) -> Transport:
        return Transport(
            identity.server_url,
            identity.ca_file,
            DEFAULT_TIMEOUTS,
            answer_key=identity.centre_verify_key,
            clock=clock,
        )

    return factory


def _system_random() -> Callable[[], float]:
    return random_module.SystemRandom().random


class SyncEngine:
    """Runs sync passes over one outbox. Calls from several threads or processes on one lock
    file never overlap: all but one return at once with ``skipped_reason="another_sender"``."""

    def __init__(
        self,
        outbox: Outbox,
        lock_path: Path,
        transport_factory: TransportFactory | None = None,
        clock: Clock = utc_now,
        policy: SealPolicy = SealPolicy(),
        backoff: Backoff = Backoff(),
        random: Callable[[], float] | None = None,
    ) -> None:
        self.outbox = outbox
        self.lock_path = Path(lock_path)
        self.clock = clock
        self.policy = policy
        self.backoff = backoff
        self._transport_factory = transport_factory or default_transport_factory(clock)
        self._random = random or _system_random()
        self._token: _HeldToken | None = None

    def run_once(
        self, force_seal: bool = False, progress: ProgressCallback | None = None
    ) -> SyncReport:
        """One pass; ``force_seal`` (a person asked) also skips the backoff window."""
        state = self.outbox.load_state()
        now = self.clock()
        if not force_seal and state.next_attempt_at is not None and now < state.next_attempt_at:
            return self._skipped("backoff", state)
        identity = self.outbox.identity()
        if identity is None:
            return self._skipped("not_activated", state)
        try:
            with sender_lock(self.lock_path):
                return self._pass(identity, force_seal, progress or _no_progress)
        except SenderBusy:
            return self._skipped("another_sender", state)

    def _skipped(self, reason: str, state: SyncState) -> SyncReport:
        return SyncReport(
            ok=False,
            skipped_reason=reason,
            pending=self.outbox.pending_count(),
            retry_at=state.next_attempt_at,
            clock_offset_seconds=state.clock_offset_seconds,
        )

    def _pass(
        self, identity: DeviceIdentity, force_seal: bool, progress: ProgressCallback
    ) -> SyncReport:
        tally = _Tally()
        started = self.clock()
        tally.batches_sealed = len(
            seal_pending(self.outbox, identity, self.policy, self.clock, force_seal, progress)
        )
        state = self.outbox.load_state()
        state.last_attempt_at = started
        error: SyncError | None = None
        offset: float | None = None
        try:
            transport = self._transport_factory(identity)
        except SyncError as failure:  # an insecure server URL in the identity
            error = failure
        else:
            try:
                self._exchange(transport, identity, tally, progress)
            except SyncError as failure:
                error = failure
            finally:
                transport.close()
                if transport.last_clock_sample is not None:
                    offset = transport.last_clock_sample.offset_seconds()

        now = self.clock()
        if offset is not None:
            state.clock_offset_seconds = offset
        if error is None:
            state.consecutive_failures = 0
            state.next_attempt_at = None
            state.last_success_at = now
            state.last_attempt_ok = True
            state.last_error = None
        else:
            state.consecutive_failures += 1
            wait = self.backoff.delay(state.consecutive_failures, self._random(), error.retry_after)
            state.next_attempt_at = now + wait
            state.last_attempt_ok = False
            state.last_error = error.code
        self.outbox.save_state(state)
        return SyncReport(
            ok=error is None,
            error=None if error is None else error.code,
            batches_sealed=tally.batches_sealed,
            batches_sent=tally.batches_sent,
            accepted=tally.accepted,
            rejected=tally.rejected,
            duplicates=tally.duplicates,
            requeued=tally.requeued,
            refused_batches=tuple(tally.refused_batches),
            updates_applied=tally.updates_applied,
            attachments_uploaded=tally.attachments_uploaded,
            reference_version=tally.reference_version,
            pending=self.outbox.pending_count(),
            retry_at=state.next_attempt_at,
            clock_offset_seconds=state.clock_offset_seconds,
        )

    def _exchange(
        self,
        transport: Transport,
        identity: DeviceIdentity,
        tally: _Tally,
        progress: ProgressCallback,
    ) -> None:
        self._upload_batches(transport, identity, tally, progress)
        self._upload_attachments(transport, identity, tally, progress)
        self._pull_updates(transport, identity, tally, progress)
        self._pull_reference(transport, identity, tally, progress)

    # Tokens: kept in memory until shortly before they expire, renewed once on a 401.

    def _token_for(self, transport: Transport, identity: DeviceIdentity) -> str:
        held = self._token
        if (
            held is not None
            and held.device_id == identity.device_id
            and self.clock() < held.usable_until
        ):
            return held.token
        self._token = None
        challenge = transport.challenge(identity.device_id)
        signature = sign_token_request(identity.signing_key, identity.device_id, challenge.nonce)
        received = self.clock()
        token = transport.token(identity.device_id, challenge.nonce, signature)
        # The lifetime in centre time, counted from now on the device's clock: skew-proof.
        lifetime = token.expires_at - token.server_time
        self._token = _HeldToken(
            token.token, identity.device_id, received + lifetime - TOKEN_MARGIN
        )
        return token.token

    def _authorised(
        self, transport: Transport, identity: DeviceIdentity, call: Callable[[str], _T]
    ) -> _T:
        try:
            return call(self._token_for(transport, identity))
        except SyncError as error:
            if error.code not in _TOKEN_RENEWAL:
                raise
            self._token = None
            return call(self._token_for(transport, identity))

    # The phases of a pass.

    def _upload_batches(
        self,
        transport: Transport,
        identity: DeviceIdentity,
        tally: _Tally,
        progress: ProgressCallback,
    ) -> None:
        batches = self.outbox.unacknowledged()
        progress(SyncProgress("uploading", 0, len(batches)))
        for done, batch in enumerate(batches, start=1):
            answer = self._put_batch(transport, identity, batch)
            if isinstance(answer, str):
                self.outbox.refuse_batch(batch.batch_id, answer)
                tally.refused_batches.append((batch.batch_id, answer))
                progress(SyncProgress("uploading", done, len(batches)))
                continue
            ack, raw = answer
            if ack.batch_id != batch.batch_id:
                raise TransportError("not_ours", detail="acknowledgement of another batch")
            self.outbox.mark_sent(batch.batch_id, ack.received_at)
            summary = self.outbox.apply_acknowledgement(batch.batch_id, ack, raw)
            tally.batches_sent += 1
            tally.accepted += summary.accepted
            tally.rejected += summary.rejected
            tally.duplicates += summary.duplicates
            tally.requeued += summary.requeued
            progress(SyncProgress("uploading", done, len(batches)))

    def _put_batch(
        self, transport: Transport, identity: DeviceIdentity, batch: SealedBatch
    ) -> tuple[BatchAcknowledgement, bytes] | str:
        """The acknowledgement, or the code of the centre's refusal of this batch. Failures to
        get a token are never taken for a refusal of the batch: they stop the pass."""
        for attempt in (1, 2):
            token = self._token_for(transport, identity)
            try:
                return transport.put_batch(token, batch.batch_id, batch.frame)
            except TransportError:
                raise
            except SyncError as error:
                if error.code in _TOKEN_RENEWAL and attempt == 1:
                    self._token = None
                    continue
                if error.code in BATCH_REFUSALS:
                    return error.code
                raise
        raise AssertionError("unreachable: the second attempt returns or raises")

    def _upload_attachments(
        self,
        transport: Transport,
        identity: DeviceIdentity,
        tally: _Tally,
        progress: ProgressCallback,
    ) -> None:
        attachments = self.outbox.pending_attachments()
        progress(SyncProgress("attachments", 0, len(attachments)))
        for done, ref in enumerate(attachments, start=1):
            try:
                complete = self._upload_attachment(transport, identity, ref)
            except SyncError as error:
                if error.code != "bad_attachment":
                    raise
                # The local bytes do not match their name: nothing a retry could fix.
                complete = False
            if complete:
                self.outbox.mark_attachment_uploaded(ref.sha256)
                tally.attachments_uploaded += 1
            progress(SyncProgress("attachments", done, len(attachments)))

    def _upload_attachment(
        self, transport: Transport, identity: DeviceIdentity, ref: AttachmentRef
    ) -> bool:
        """Send the chunks the centre lacks; whether it now holds the whole scan."""
        data = self.outbox.read_attachment(ref.sha256)
        status = self._authorised(
            transport,
            identity,
            partial(_declare, transport, ref.sha256, len(data)),
        )
        # Only what the centre says it lacks: an interrupted upload resumes here.
        for index in status.missing:
            if status.complete:
                break
            chunk = data[index * CHUNK_SIZE : (index + 1) * CHUNK_SIZE]
            status = self._authorised(
                transport, identity, partial(_put_chunk, transport, ref.sha256, index, chunk)
            )
        return status.complete

    def _pull_updates(
        self,
        transport: Transport,
        identity: DeviceIdentity,
        tally: _Tally,
        progress: ProgressCallback,
    ) -> None:
        cursor = self.outbox.status_cursor()
        received = 0
        while True:
            page = self._authorised(
                transport,
                identity,
                partial(_get_updates, transport, cursor),
            )
            if page.next_cursor < cursor:
                raise TransportError("not_ours", detail="status cursor went back")
            if page.updates or page.next_cursor != cursor:
                tally.updates_applied += self.outbox.apply_status_updates(
                    page.updates, page.next_cursor
                )
            received += len(page.updates)
            progress(SyncProgress("updates", received, 0))
            # A page that says "more" without moving the cursor would loop for ever.
            if not page.more or page.next_cursor == cursor:
                return
            cursor = page.next_cursor

    def _pull_reference(
        self,
        transport: Transport,
        identity: DeviceIdentity,
        tally: _Tally,
        progress: ProgressCallback,
    ) -> None:
        held = self.outbox.reference_version()
        progress(SyncProgress("reference", 0, 1))
        reference = self._authorised(
            transport, identity, lambda token: transport.get_reference(token, held)
        )
        if reference is None:
            tally.reference_version = held
        else:
            self.outbox.apply_reference_data(reference.version, reference.items)
            tally.reference_version = reference.version
        progress(SyncProgress("reference", 1, 1))


def seal_pending(
    outbox: Outbox,
    identity: DeviceIdentity,
    policy: SealPolicy,
    clock: Clock = utc_now,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> list[SealedBatch]:
    """Seal pending items into batches while the policy says so; the caller holds the lock."""
    sealed: list[SealedBatch] = []
    report = progress or _no_progress
    while True:
        pending = outbox.pending(policy.max_items)
        now = clock()
        if not policy.due(pending.count(), pending.oldest, now, force):
            return sealed
        payload = BatchPayload(
            batch_id=str(uuid.uuid4()),
            device_id=identity.device_id,
            point_code=identity.point_code,
            created_at=now.astimezone(dt.UTC),
            claims=pending.claims,
            enrolments=pending.enrolments,
            shipments=pending.shipments,
            audit=pending.audit,
        )
        frame = seal_batch(payload, identity.centre_public_key, identity.signing_key)
        header = peek_header(frame)
        items = (
            tuple(("claim", claim.uuid) for claim in payload.claims)
            + tuple(("enrolment", enrolment.uuid) for enrolment in payload.enrolments)
            + tuple(("shipment", shipment.uuid) for shipment in payload.shipments)
            + tuple(("audit", str(entry.seq)) for entry in payload.audit)
        )
        batch = SealedBatch(
            batch_id=payload.batch_id,
            frame=frame,
            manifest_hash=header.payload_sha256,
            sealed_at=payload.created_at,
            counts=payload.counts(),
            items=items,
        )
        outbox.save_sealed(batch)
        sealed.append(batch)
        report(SyncProgress("sealing", len(sealed), 0))


def seal_all(
    outbox: Outbox,
    lock_path: Path,
    clock: Clock = utc_now,
    policy: SealPolicy = SealPolicy(),
) -> list[SealedBatch]:
    """Seal everything pending now, with no network (for export to removable media).

    Raises :class:`SenderBusy` if a pass holds the lock, ``SyncError("not_activated")`` without
    an identity."""
    identity = outbox.identity()
    if identity is None:
        raise SyncError("not_activated")
    with sender_lock(Path(lock_path)):
        return seal_pending(outbox, identity, policy, clock, force=True)


def activate(
    server_url: str,
    point_code: str,
    code: str,
    ca_file: str | None,
    signing_key: Ed25519PrivateKey,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
) -> ActivationResult:
    """Register the device's public key with the centre using a one-time activation code."""
    with Transport(server_url, ca_file, timeouts) as transport:
        answer = transport.activate(point_code, code, signing_key.public_key())
    if answer.point_code != point_code:
        raise TransportError("not_ours", detail="activation for another point")
    return ActivationResult(
        device_id=answer.device_id,
        centre_public_key=answer.centre_public_key,
        centre_answer_key=answer.centre_answer_key,
        server_time=answer.server_time,
        centre_kem=answer.centre_kem,
        centre_public_key_text=answer.centre_public_key_text,
        centre_answer_key_text=b64url(answer.centre_answer_key.public_bytes_raw()),
    )


def _declare(transport: Transport, sha256: str, size: int, token: str) -> AttachmentStatus:
    return transport.declare_attachment(token, sha256, size, CHUNK_SIZE)


def _put_chunk(
    transport: Transport, sha256: str, index: int, chunk: bytes, token: str
) -> AttachmentStatus:
    return transport.put_chunk(token, sha256, index, chunk)


def _get_updates(transport: Transport, after: int, token: str) -> UpdatesPage:
    return transport.get_updates(token, after, UPDATES_PAGE)


def _no_progress(progress: SyncProgress) -> None:
    """Progress goes nowhere when nobody shows it."""


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
