"""The engine with no centre to talk to: sealing, the backoff window, the one-sender lock."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.client.engine import Backoff, SealPolicy, SenderBusy, SyncEngine, seal_all
from sync.protocol.envelope import open_batch
from tests.sync.client.conftest import (
    POINT,
    CentreKeys,
    SettableClock,
    identity_for,
    unreachable_url,
)
from tests.sync.memory_outbox import MemoryOutbox, make_claims

SECOND = dt.timedelta(seconds=1)


def offline_outbox(
    keys: CentreKeys, device_key: Ed25519PrivateKey, claims: int, clock: SettableClock
) -> MemoryOutbox:
    """Claims recorded just now, for a centre nobody can reach."""
    outbox = MemoryOutbox(identity_for(unreachable_url(), keys, device_key))
    outbox.add(*make_claims(claims, POINT, created_at=clock.now))
    return outbox


def test_backoff_doubles_from_its_base_up_to_its_cap() -> None:
    backoff = Backoff(base=dt.timedelta(seconds=5), cap=dt.timedelta(minutes=15))
    ceilings = [backoff.delay(failures, 1.0) for failures in range(1, 12)]
    assert ceilings[:4] == [10 * SECOND, 20 * SECOND, 40 * SECOND, 80 * SECOND]
    assert ceilings[-1] == dt.timedelta(minutes=15)
    assert all(a <= b for a, b in itertools.pairwise(ceilings))
    assert backoff.delay(10_000, 1.0) == dt.timedelta(minutes=15)


def test_backoff_jitters_over_the_whole_window_and_honours_retry_after() -> None:
    backoff = Backoff()
    draws = random.Random(4).random
    waits = [backoff.delay(3, draws()) for _ in range(200)]
    assert all(dt.timedelta(0) <= wait <= 40 * SECOND for wait in waits)
    assert len(set(waits)) > 150  # full jitter: spread, not clustered at the ceiling
    assert min(waits) < 10 * SECOND < 30 * SECOND < max(waits)
    assert backoff.delay(1, 0.0, retry_after=120) == 120 * SECOND
    assert backoff.delay(8, 1.0, retry_after=3) == backoff.delay(8, 1.0)


def test_a_pass_with_no_link_seals_then_waits_out_a_growing_jittered_window(
    tmp_path: Path, centre_keys: CentreKeys, device_key: Ed25519PrivateKey, clock: SettableClock
) -> None:
    outbox = offline_outbox(centre_keys, device_key, 1200, clock)
    backoff = Backoff()
    engine = SyncEngine(
        outbox, tmp_path / "sync.lock", clock=clock, backoff=backoff, random=random.Random(9).random
    )
    expected_draws = random.Random(9)

    first = engine.run_once()
    assert (first.ok, first.error, first.batches_sealed) == (False, "network", 1)
    assert first.pending == 1200  # nothing acknowledged: all still owed to the centre
    assert first.retry_at == clock.now + backoff.delay(1, expected_draws.random())
    assert outbox.state.consecutive_failures == 1
    assert outbox.state.last_error == "network"

    waiting = engine.run_once()
    assert (waiting.skipped_reason, waiting.batches_sealed) == ("backoff", 0)

    assert first.retry_at is not None
    clock.now = first.retry_at
    second = engine.run_once()
    assert second.error == "network" and second.skipped_reason is None
    assert outbox.state.consecutive_failures == 2
    assert second.retry_at == clock.now + backoff.delay(2, expected_draws.random())

    forced = engine.run_once(force_seal=True)  # a person asked: no waiting, and seal the rest
    assert (forced.skipped_reason, forced.batches_sealed) == (None, 1)
    assert outbox.state.consecutive_failures == 3
    assert [len(batch.items) for batch in outbox.unacknowledged()] == [1000, 200]


def test_pending_items_wait_for_a_full_batch_or_for_their_age(
    tmp_path: Path, centre_keys: CentreKeys, device_key: Ed25519PrivateKey, clock: SettableClock
) -> None:
    outbox = MemoryOutbox(identity_for(unreachable_url(), centre_keys, device_key))
    outbox.add(*make_claims(30, POINT, created_at=clock.now))
    engine = SyncEngine(
        outbox, tmp_path / "sync.lock", clock=clock, policy=SealPolicy(50, dt.timedelta(minutes=10))
    )
    assert engine.run_once().batches_sealed == 0
    outbox.add(*make_claims(25, POINT, seed=1, first_sequence=31, created_at=clock.now))
    outbox.state.next_attempt_at = None
    assert engine.run_once().batches_sealed == 1  # 50 of 55: a full batch
    assert [len(batch.items) for batch in outbox.unacknowledged()] == [50]
    clock.advance(dt.timedelta(minutes=9))
    outbox.state.next_attempt_at = None
    assert engine.run_once().batches_sealed == 0  # 5 left, the oldest not 10 minutes old yet
    clock.advance(dt.timedelta(minutes=2))
    outbox.state.next_attempt_at = None
    assert engine.run_once().batches_sealed == 1  # the 5 left are now old enough
    assert [len(batch.items) for batch in outbox.unacknowledged()] == [50, 5]


def test_export_seals_everything_pending_into_frames_the_centre_can_open(
    tmp_path: Path, centre_keys: CentreKeys, device_key: Ed25519PrivateKey, clock: SettableClock
) -> None:
    outbox = offline_outbox(centre_keys, device_key, 2500, clock)
    sealed = seal_all(outbox, tmp_path / "sync.lock", clock=clock)
    assert [len(batch.items) for batch in sealed] == [1000, 1000, 500]
    assert outbox.pending(10).count() == 0 and outbox.pending_count() == 2500
    seen: set[str] = set()
    for batch in sealed:
        header, payload = open_batch(
            batch.frame,
            centre_keys.hpke,
            lambda device_id: device_key.public_key() if device_id == "dev-test" else None,
        )
        assert header.batch_id == payload.batch_id == batch.batch_id
        assert header.payload_sha256 == batch.manifest_hash
        assert payload.created_at == clock.now and payload.point_code == POINT
        assert batch.items == tuple(("claim", claim.uuid) for claim in payload.claims)
        assert not payload.validate()
        seen.update(uuid for _, uuid in batch.items)
    assert len(seen) == 2500


HOLD_LOCK = """
import sys, filelock
lock = filelock.FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.read()
lock.release()
"""


def test_a_second_sender_in_another_process_makes_the_pass_return_at_once(
    tmp_path: Path, centre_keys: CentreKeys, device_key: Ed25519PrivateKey, clock: SettableClock
) -> None:
    lock_path = tmp_path / "sync.lock"
    outbox = offline_outbox(centre_keys, device_key, 1000, clock)
    engine = SyncEngine(outbox, lock_path, clock=clock)
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "held"
        report = engine.run_once()
        with pytest.raises(SenderBusy):
            seal_all(outbox, lock_path, clock=clock)
        holder.stdin.close()
        assert holder.wait() == 0
    assert (report.ok, report.skipped_reason, report.batches_sealed) == (
        False,
        "another_sender",
        0,
    )
    assert report.pending == 1000 and outbox.unacknowledged() == []
    assert outbox.state.consecutive_failures == 0  # someone else's pass is not a failure
    after = engine.run_once()  # the lock is free again
    assert after.skipped_reason is None and after.batches_sealed == 1


def test_a_point_never_activated_does_nothing(tmp_path: Path, clock: SettableClock) -> None:
    outbox = MemoryOutbox()
    outbox.add(*make_claims(3, POINT))
    report = SyncEngine(outbox, tmp_path / "sync.lock", clock=clock).run_once(force_seal=True)
    assert (report.ok, report.skipped_reason, report.pending) == (False, "not_activated", 3)
    assert report.to_json()["skipped_reason"] == "not_activated"


def test_an_identity_with_plain_http_to_a_remote_centre_fails_the_pass_and_still_seals(
    tmp_path: Path, centre_keys: CentreKeys, device_key: Ed25519PrivateKey, clock: SettableClock
) -> None:
    outbox = MemoryOutbox(identity_for("http://api.cnss.ma", centre_keys, device_key))
    outbox.add(*make_claims(3, POINT, created_at=clock.now))
    report = SyncEngine(outbox, tmp_path / "sync.lock", clock=clock).run_once(force_seal=True)
    assert (report.ok, report.error, report.batches_sealed) == (False, "insecure_url", 1)
    assert outbox.state.last_error == "insecure_url"
    wire = json.loads(json.dumps(report.to_json()))
    assert wire["error"] == "insecure_url" and wire["retry_at"].endswith("Z")
