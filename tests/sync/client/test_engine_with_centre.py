"""The engine against the real reference centre on loopback: activation, whole passes,
acknowledgements, status updates, reference data, resumable scans and a link that comes back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.client.engine import (
    CHUNK_SIZE,
    Backoff,
    SealPolicy,
    SyncEngine,
    activate,
    seal_pending,
)
from sync.client.outbox import DeviceIdentity, SealedBatch
from sync.client.transport import (
    AttachmentStatus,
    ReferenceData,
    SyncError,
    Transport,
    TransportError,
)
from sync.protocol.envelope import peek_header, seal_batch
from sync.protocol.schema import BatchAcknowledgement, BatchPayload
from tests.sync.client.conftest import SettableClock, unreachable_url
from tests.sync.memory_outbox import MemoryOutbox, make_claims

POINT = "CA01"


def activated_outbox(central: Any, point_code: str = POINT) -> MemoryOutbox:
    key = Ed25519PrivateKey.generate()
    code = central.issue_activation(point_code)
    result = activate(central.url, point_code, code, None, key)
    return MemoryOutbox(
        DeviceIdentity(
            server_url=central.url,
            ca_file=None,
            device_id=result.device_id,
            point_code=point_code,
            signing_key=key,
            centre_public_key=result.centre_public_key,
            centre_verify_key=result.centre_answer_key,
        )
    )


class RecordingTransport(Transport):
    """The real transport, noting what it sent and what came back; it can also lose the link
    after a given number of chunks or lose the answer to a batch, as a flaky line does."""

    def __init__(self, identity: DeviceIdentity, clock: Callable[[], dt.datetime]) -> None:
        super().__init__(
            identity.server_url,
            identity.ca_file,
            answer_key=identity.centre_verify_key,
            clock=clock,
        )
        self.batches_put: list[str] = []
        self.chunks_put: list[int] = []
        self.references: list[ReferenceData | None] = []
        self.drop_link_after_chunks: int | None = None
        self.lose_batch_answers = False

    def put_batch(
        self, token: str, batch_id: str, frame: bytes
    ) -> tuple[BatchAcknowledgement, bytes]:
        self.batches_put.append(batch_id)
        answer = super().put_batch(token, batch_id, frame)
        if self.lose_batch_answers:
            raise TransportError("network", detail="answer lost on the way back")
        return answer

    def put_chunk(self, token: str, sha256: str, index: int, data: bytes) -> AttachmentStatus:
        if self.drop_link_after_chunks is not None and (
            len(self.chunks_put) >= self.drop_link_after_chunks
        ):
            raise TransportError("network", detail="link dropped")
        self.chunks_put.append(index)
        return super().put_chunk(token, sha256, index, data)

    def get_reference(self, token: str, if_none_match: str | None = None) -> ReferenceData | None:
        answer = super().get_reference(token, if_none_match)
        self.references.append(answer)
        return answer


@dataclasses.dataclass
class Recorder:
    clock: Callable[[], dt.datetime]
    made: list[RecordingTransport] = dataclasses.field(default_factory=list)
    drop_link_after_chunks: int | None = None
    lose_batch_answers: bool = False

    def __call__(self, identity: DeviceIdentity) -> Transport:
        transport = RecordingTransport(identity, self.clock)
        transport.drop_link_after_chunks = self.drop_link_after_chunks
        transport.lose_batch_answers = self.lose_batch_answers
        self.made.append(transport)
        return transport


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def engine_for(outbox: MemoryOutbox, tmp_path: Path, **options: Any) -> tuple[SyncEngine, Recorder]:
    clock = options.pop("clock", now_utc)
    recorder = Recorder(clock)
    return SyncEngine(outbox, tmp_path / "sync.lock", recorder, clock=clock, **options), recorder


def test_activation_registers_the_device_once(central: Any) -> None:
    key = Ed25519PrivateKey.generate()
    code = central.issue_activation(POINT)
    result = activate(central.url, POINT, code, None, key)
    assert result.device_id
    assert abs((result.server_time - now_utc()).total_seconds()) < 3600
    with pytest.raises(SyncError) as refused:
        activate(central.url, POINT, code, None, Ed25519PrivateKey.generate())
    assert (refused.value.code, refused.value.http_status) == ("bad_activation_code", 403)


def test_a_full_pass_sends_2500_claims_in_three_batches_and_the_next_sends_nothing(
    central: Any, tmp_path: Path
) -> None:
    outbox = activated_outbox(central)
    claims = make_claims(2500, POINT, created_at=now_utc())
    outbox.add(*claims)
    engine, recorder = engine_for(outbox, tmp_path)
    seen: list[str] = []

    report = engine.run_once(force_seal=True, progress=lambda p: seen.append(p.phase))

    assert report.ok and report.error is None, report
    assert (report.batches_sealed, report.batches_sent) == (3, 3)
    assert (report.accepted, report.rejected, report.duplicates, report.requeued) == (2500, 0, 0, 0)
    assert report.pending == 0 and outbox.unacknowledged() == []
    assert all(outbox.outcome("claim", c.uuid) == ("accepted", None) for c in claims)
    assert {"sealing", "uploading", "attachments", "updates", "reference"} <= set(seen)
    assert outbox.state.last_success_at is not None and outbox.state.consecutive_failures == 0

    again = engine.run_once(force_seal=True)
    assert again.ok and (again.batches_sealed, again.batches_sent, again.accepted) == (0, 0, 0)
    assert len(recorder.made[-1].batches_put) == 0
    assert central.stats()["claims"] == 2500


def test_a_lost_acknowledgement_is_fetched_again_with_the_same_bytes_and_no_duplicate(
    central: Any, tmp_path: Path
) -> None:
    outbox = activated_outbox(central)
    outbox.add(*make_claims(40, POINT, created_at=now_utc()))
    engine, recorder = engine_for(outbox, tmp_path)
    recorder.lose_batch_answers = True
    lost = engine.run_once(force_seal=True)
    assert (lost.ok, lost.error, lost.batches_sent) == (False, "network", 0)
    [batch] = outbox.unacknowledged()

    recorder.lose_batch_answers = False
    report = engine.run_once(force_seal=True)
    assert report.ok and (report.batches_sent, report.accepted, report.duplicates) == (1, 40, 0)
    assert recorder.made[-1].batches_put == [batch.batch_id]
    assert central.stats()["claims"] == 40


def test_status_updates_arrive_after_processing_and_the_cursor_advances(
    central: Any, tmp_path: Path
) -> None:
    outbox = activated_outbox(central)
    claims = make_claims(30, POINT, created_at=now_utc())
    outbox.add(*claims)
    engine, _ = engine_for(outbox, tmp_path)
    assert engine.run_once(force_seal=True).ok
    assert outbox.status_cursor() == 0 and outbox.histories == {}

    central.simulate_processing(7)
    report = engine.run_once()
    assert report.ok and report.updates_applied == 30
    first_cursor = outbox.status_cursor()
    assert first_cursor > 0
    assert {update.status for c in claims for update in outbox.histories[c.uuid]} == {
        "paper_received"
    }

    central.simulate_processing(8)
    later = engine.run_once()
    assert later.ok and later.updates_applied == 30
    assert outbox.status_cursor() > first_cursor
    assert all(len(outbox.histories[c.uuid]) == 2 for c in claims)

    assert engine.run_once().updates_applied == 0  # nothing new after the cursor


def test_reference_data_is_fetched_once_then_answered_not_modified(
    central: Any, tmp_path: Path
) -> None:
    outbox = activated_outbox(central)
    engine, recorder = engine_for(outbox, tmp_path)
    first = engine.run_once()
    assert first.ok and first.reference_version is not None
    assert outbox.reference_version() == first.reference_version
    kinds = {item.kind for item in outbox.reference_items}
    assert "rejection_code" in kinds
    assert recorder.made[-1].references[-1] is not None

    second = engine.run_once()
    assert second.ok and second.reference_version == first.reference_version
    assert recorder.made[-1].references == [None]  # 304: nothing downloaded again


def test_rejected_items_are_reported_with_their_code(central: Any, tmp_path: Path) -> None:
    outbox = activated_outbox(central)
    on_time = make_claims(5, POINT, created_at=now_utc())
    late = make_claims(
        2,
        POINT,
        seed=3,
        first_sequence=6,
        created_at=now_utc(),
        first_act_date=dt.date(2025, 6, 1),  # far past the deposit deadline, no confirmation
    )
    outbox.add(*on_time, *late)
    engine, _ = engine_for(outbox, tmp_path)
    report = engine.run_once(force_seal=True)
    assert report.ok and (report.accepted, report.rejected) == (5, 2)
    assert [outbox.outcome("claim", c.uuid) for c in late] == [("rejected", "late_deposit")] * 2
    assert report.pending == 0  # a rejected item waits for a person, not for the next batch


def test_items_missing_from_the_acknowledgement_are_requeued_and_travel_again(
    central: Any, tmp_path: Path
) -> None:
    outbox = activated_outbox(central)
    identity = outbox.identity()
    assert identity is not None
    inside = make_claims(3, POINT, created_at=now_utc())
    left_out = make_claims(1, POINT, seed=5, first_sequence=4, created_at=now_utc())
    outbox.add(*inside, *left_out)
    # A batch whose list of items names one its payload lacks, as a store bug or a crash between
    # reading and marking could leave it: the centre never sees that item, so never answers it.
    payload = BatchPayload(
        batch_id="1f0e3c5a-7b2d-4c8e-9a61-3d5b7f9e2c40",
        device_id=identity.device_id,
        point_code=POINT,
        created_at=now_utc(),
        claims=tuple(inside),
    )
    frame = seal_batch(payload, identity.centre_public_key, identity.signing_key)
    outbox.save_sealed(
        SealedBatch(
            batch_id=payload.batch_id,
            frame=frame,
            manifest_hash=peek_header(frame).payload_sha256,
            sealed_at=payload.created_at,
            counts=payload.counts(),
            items=tuple(("claim", c.uuid) for c in (*inside, *left_out)),
        )
    )
    engine, _ = engine_for(outbox, tmp_path)
    report = engine.run_once()
    assert report.ok and (report.accepted, report.requeued, report.pending) == (3, 1, 1)
    assert outbox.pending(10).claims == tuple(left_out)

    later = engine.run_once(force_seal=True)
    assert later.ok and (later.batches_sealed, later.accepted, later.pending) == (1, 1, 0)
    assert outbox.outcome("claim", left_out[0].uuid) == ("accepted", None)


def test_an_interrupted_scan_upload_resumes_with_the_missing_chunks_only(
    central: Any, tmp_path: Path
) -> None:
    outbox = activated_outbox(central)
    scan = os.urandom(5 * CHUNK_SIZE + 1000)  # six chunks, the last one short
    sha256 = outbox.add_attachment(scan)
    assert sha256 == hashlib.sha256(scan).hexdigest()
    engine, recorder = engine_for(outbox, tmp_path)

    recorder.drop_link_after_chunks = 2
    cut = engine.run_once(force_seal=True)
    assert (cut.ok, cut.error, cut.attachments_uploaded) == (False, "network", 0)
    assert recorder.made[-1].chunks_put == [0, 1]
    assert [ref.sha256 for ref in outbox.pending_attachments()] == [sha256]

    recorder.drop_link_after_chunks = None
    resumed = engine.run_once(force_seal=True)
    assert resumed.ok and resumed.attachments_uploaded == 1
    assert recorder.made[-1].chunks_put == [2, 3, 4, 5]
    assert outbox.pending_attachments() == []


def test_a_batch_sealed_with_no_link_is_sent_as_sealed_once_the_link_is_back(
    central: Any, tmp_path: Path
) -> None:
    outbox = activated_outbox(central)
    online = outbox.identity()
    assert online is not None
    outbox.identity_value = dataclasses.replace(online, server_url=unreachable_url())
    outbox.add(*make_claims(12, POINT, created_at=now_utc()))
    engine, recorder = engine_for(outbox, tmp_path)

    offline = engine.run_once(force_seal=True)
    assert (offline.ok, offline.error, offline.batches_sealed) == (False, "network", 1)
    [sealed] = outbox.unacknowledged()

    outbox.identity_value = online
    back = engine.run_once(force_seal=True)
    assert back.ok and (back.batches_sealed, back.batches_sent, back.accepted) == (0, 1, 12)
    assert recorder.made[-1].batches_put == [sealed.batch_id]
    assert outbox.batches[sealed.batch_id].sealed.frame == sealed.frame
    assert outbox.state.consecutive_failures == 0 and outbox.state.next_attempt_at is None


def test_the_clock_offset_from_the_centre_is_recorded(central: Any, tmp_path: Path) -> None:
    outbox = activated_outbox(central)
    slow = SettableClock(now_utc() - dt.timedelta(hours=1))  # a device an hour behind
    engine, _ = engine_for(outbox, tmp_path, clock=slow)
    report = engine.run_once()
    assert report.ok and report.clock_offset_seconds is not None
    assert 3600 - 120 < report.clock_offset_seconds < 3600 + 120
    assert outbox.state.clock_offset_seconds == report.clock_offset_seconds
    assert report.to_json()["clock_offset_seconds"] == report.clock_offset_seconds


def test_sealing_respects_the_batch_size_of_the_policy(central: Any, tmp_path: Path) -> None:
    outbox = activated_outbox(central)
    identity = outbox.identity()
    assert identity is not None
    outbox.add(*make_claims(7, POINT, created_at=now_utc()))
    sealed = seal_pending(outbox, identity, SealPolicy(max_items=3), force=True)
    assert [len(batch.items) for batch in sealed] == [3, 3, 1]
    engine, _ = engine_for(outbox, tmp_path)
    report = engine.run_once()
    assert report.ok and (report.batches_sent, report.accepted) == (3, 7)


def test_a_batch_the_centre_refuses_is_set_aside_and_its_items_travel_in_a_new_one(
    central: Any, tmp_path: Path
) -> None:
    outbox = activated_outbox(central)
    identity = outbox.identity()
    assert identity is not None
    first = make_claims(2, POINT, created_at=now_utc())
    outbox.add(*first)
    engine, _ = engine_for(outbox, tmp_path)
    assert engine.run_once(force_seal=True).ok
    [sent_id] = list(outbox.batches)
    # Other bytes under an id the centre already holds: a conflict, never an acknowledgement.
    second = make_claims(3, POINT, seed=9, first_sequence=3, created_at=now_utc())
    outbox.add(*second)
    payload = BatchPayload(sent_id, identity.device_id, POINT, now_utc(), claims=tuple(second))
    frame = seal_batch(payload, identity.centre_public_key, identity.signing_key)
    outbox.batches.pop(sent_id)
    outbox.save_sealed(
        SealedBatch(
            sent_id,
            frame,
            peek_header(frame).payload_sha256,
            payload.created_at,
            payload.counts(),
            tuple(("claim", c.uuid) for c in second),
        )
    )
    report = engine.run_once()
    assert report.ok and report.refused_batches == ((sent_id, "conflict"),)
    assert report.pending == 3 and outbox.unacknowledged() == []

    again = engine.run_once(force_seal=True)
    assert again.ok and (again.batches_sealed, again.accepted, again.pending) == (1, 3, 0)
    assert central.stats()["claims"] == 5


def test_a_token_the_centre_no_longer_honours_is_renewed_once(central: Any, tmp_path: Path) -> None:
    outbox = activated_outbox(central)
    engine, _ = engine_for(outbox, tmp_path)
    assert engine.run_once().ok
    held = engine._token
    assert held is not None
    engine._token = dataclasses.replace(held, token="jeton-jamais-émis")
    outbox.add(*make_claims(4, POINT, created_at=now_utc()))
    report = engine.run_once(force_seal=True)
    assert report.ok and report.accepted == 4
    assert engine._token is not None and engine._token.token not in {
        held.token,
        "jeton-jamais-émis",
    }


def test_a_rate_limit_stops_the_pass_and_waits_at_least_retry_after(
    start_central: Any, tmp_path: Path
) -> None:
    central = start_central("--device-burst", "3", "--device-rate", "0.01")
    outbox = activated_outbox(central)
    outbox.add(*make_claims(5, POINT, created_at=now_utc()))
    clock = SettableClock(now_utc())
    tiny = Backoff(base=dt.timedelta(milliseconds=1), cap=dt.timedelta(milliseconds=1))
    engine, _ = engine_for(
        outbox, tmp_path, clock=clock, policy=SealPolicy(max_items=1), backoff=tiny
    )
    report = engine.run_once(force_seal=True)
    assert (report.ok, report.error) == (False, "rate_limited")
    assert report.retry_at is not None and report.retry_at - clock.now >= dt.timedelta(seconds=1)
    assert 0 < report.batches_sent < 5 and report.pending == 5 - report.accepted


def test_a_revoked_device_stops_the_pass(central: Any, tmp_path: Path) -> None:
    outbox = activated_outbox(central)
    identity = outbox.identity()
    assert identity is not None
    central.revoke_device(identity.device_id)
    outbox.add(*make_claims(2, POINT, created_at=now_utc()))
    engine, _ = engine_for(outbox, tmp_path)
    report = engine.run_once(force_seal=True)
    assert (report.ok, report.error, report.batches_sealed, report.pending) == (
        False,
        "device_revoked",
        1,
        2,
    )
