"""The store as the sync engine's outbox: real SQLCipher stores, real sealed frames, no server.

The point is activated locally (the centre's keys made here), batches are sealed by the
engine's own ``seal_all``, and the centre's answers are built from the protocol's schemas.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
import sqlalchemy as sa
from alembic import command
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from agent_app.errors import ERRORS
from agent_app.i18n import LANGS
from agent_app.security.device import DeviceKey
from agent_app.services.claims import claim_timeline, get_claim, record_claim, void_claim
from agent_app.services.enrolments import enrol
from agent_app.services.integrity import verify
from agent_app.services.shipments import close_shipment
from agent_app.services.status import read_status
from agent_app.services.sync_outbox import StoreOutbox
from agent_app.store import migrate
from agent_app.store.models import Batch, Claim, Enrolment, ItemAcknowledgement, StatusEvent
from agent_app.store.repo import get_setting, set_setting
from sync.client import engine as sync_engine
from sync.client.outbox import SealedBatch, SyncState
from sync.client.transport import SYNC_ERROR_CODES
from sync.protocol.auth import b64url
from sync.protocol.envelope import open_batch, peek_header
from sync.protocol.schema import BatchAcknowledgement, ItemAck, ReferenceDataItem, StatusUpdate
from tests.builders import claim_draft, enrolment_draft

CENTRE_TIME = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def centre_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def activate_locally(store, centre_key: X25519PrivateKey | None = None) -> X25519PrivateKey:
    """Store an identity as activation would, with centre keys made here."""
    centre_key = centre_key or X25519PrivateKey.generate()
    answer_key = Ed25519PrivateKey.generate().public_key()
    with store.write() as session:
        set_setting(session, "sync.server_url", "http://127.0.0.1:9")
        set_setting(session, "sync.device_id", "dev-test-0001")
        set_setting(session, "sync.centre_kem", "X25519")
        raw = centre_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        set_setting(session, "sync.centre_public_key", b64url(raw))
        raw_answer = answer_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        set_setting(session, "sync.centre_answer_key", b64url(raw_answer))
    return centre_key


@pytest.fixture
def outbox(store, clock, centre_key) -> StoreOutbox:
    """The point's outbox, activated with keys made here instead of a centre's answer."""
    activate_locally(store, centre_key)
    return StoreOutbox(store, clock)


def _seal(store, outbox, clock) -> list[SealedBatch]:
    return sync_engine.seal_all(
        outbox, store.data_dir / "sync.lock", clock=lambda: clock().astimezone(dt.UTC)
    )


def _record(store, clerk, clock, count: int) -> list[str]:
    receipts = []
    for index in range(count):
        draft = claim_draft(
            insured_immatriculation=f"12345678{index}", declared_amount_centimes=10_000 + index
        )
        receipts.append(record_claim(store, clerk, draft, clock=clock).receipt_no)
    return receipts


def _uuid(store, receipt_no: str) -> str:
    return get_claim(store, receipt_no).uuid


def _ack(batch: SealedBatch, verdicts: dict[tuple[str, str], ItemAck]) -> BatchAcknowledgement:
    return BatchAcknowledgement(batch.batch_id, CENTRE_TIME, tuple(verdicts.values()))


def _all_accepted(batch: SealedBatch) -> BatchAcknowledgement:
    return BatchAcknowledgement(
        batch.batch_id,
        CENTRE_TIME,
        tuple(ItemAck(kind, uuid, "accepted") for kind, uuid in batch.items),
    )


def test_sealing_marks_every_pending_item_batched_and_freezes_the_frame(
    store, clerk, supervisor, clock, outbox, centre_key
):
    receipts = _record(store, clerk, clock, 3)
    enrol(store, clerk, enrolment_draft(), clock=clock)
    close_shipment(store, supervisor, clock=clock)

    (batch,) = _seal(store, outbox, clock)

    header, payload = open_batch(
        batch.frame,
        centre_key,
        lambda _: DeviceKey.from_private_b64(_device_key(store)).private.public_key(),
    )
    assert header.counts == {
        "claims": 3,
        "enrolments": 1,
        "shipments": 1,
        "audit": len(payload.audit),
    }
    assert {c.receipt_no for c in payload.claims} == set(receipts)
    assert all(c.shipment_uuid is not None and c.clerk == "agent1" for c in payload.claims)
    assert payload.claims[0].created_at.utcoffset() == dt.timedelta(0)
    assert payload.validate() == []
    assert outbox.pending(1000).count() == 0
    assert outbox.pending_count() == batch_item_count(batch)
    with store.read() as session:
        statuses = set(session.scalars(sa.select(Claim.status)))
        assert statuses == {"batched"}
        assert session.scalar(sa.select(Enrolment.status)) == "batched"
        assert (
            session.scalar(sa.select(sa.func.count()).where(StatusEvent.status == "batched")) == 4
        )
    with pytest.raises(sa.exc.DatabaseError), store.engine.begin() as conn:
        conn.execute(sa.update(Batch).values(frame=b"something else"))
    assert outbox.unacknowledged()[0].frame == batch.frame


def batch_item_count(batch: SealedBatch) -> int:
    return len(batch.items)


def _device_key(store) -> str:
    with store.read() as session:
        return get_setting(session, "device.private_key") or ""


def test_acknowledgement_records_each_outcome_and_puts_back_what_it_leaves_out(
    store, clerk, clock, outbox
):
    accepted, rejected, duplicate, missing = _record(store, clerk, clock, 4)
    (batch,) = _seal(store, outbox, clock)
    outbox.mark_sent(batch.batch_id, CENTRE_TIME)
    verdicts = {
        ("claim", _uuid(store, accepted)): ItemAck("claim", _uuid(store, accepted), "accepted"),
        ("claim", _uuid(store, rejected)): ItemAck(
            "claim", _uuid(store, rejected), "rejected", "late_deposit", "Dépôt hors délai"
        ),
        ("claim", _uuid(store, duplicate)): ItemAck("claim", _uuid(store, duplicate), "duplicate"),
    }
    for kind, uuid in batch.items:
        if kind == "audit":
            verdicts[(kind, uuid)] = ItemAck(kind, uuid, "accepted")
    ack = _ack(batch, verdicts)

    summary = outbox.apply_acknowledgement(batch.batch_id, ack, b"raw-ack")

    assert (summary.accepted, summary.rejected, summary.duplicates, summary.requeued) == (
        len(verdicts) - 2,
        1,
        1,
        1,
    )
    assert get_claim(store, accepted).status == "accepted"
    assert get_claim(store, rejected).status == "rejected"
    assert get_claim(store, duplicate).status == "duplicate"
    put_back = get_claim(store, missing)
    assert (put_back.status, put_back.batch_id) == ("recorded", None)
    events = claim_timeline(store, get_claim(store, rejected).id)
    assert [(e.status, e.source) for e in events] == [
        ("recorded", "counter"),
        ("batched", "counter"),
        ("sent", "counter"),
        ("rejected", "cnss"),
    ]
    assert (events[-1].code, events[-1].detail) == ("late_deposit", "Dépôt hors délai")
    requeued = claim_timeline(store, put_back.id)[-1]
    assert (requeued.status, requeued.code) == ("recorded", "requeued")
    assert [c.receipt_no for c in outbox.pending(1000).claims] == [missing]
    assert outbox.unacknowledged() == []

    again = outbox.apply_acknowledgement(batch.batch_id, ack, b"raw-ack")
    assert again == summary
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count(ItemAcknowledgement.id))) == len(verdicts)
        assert session.scalar(sa.select(Batch.acknowledgement)) == b"raw-ack"


def test_a_refused_batch_puts_its_items_back_and_keeps_its_code(store, clerk, clock, outbox):
    receipts = _record(store, clerk, clock, 2)
    (batch,) = _seal(store, outbox, clock)

    outbox.refuse_batch(batch.batch_id, "conflict")

    assert {get_claim(store, r).status for r in receipts} == {"recorded"}
    assert outbox.pending(1000).count() == len(batch.items)
    assert outbox.unacknowledged() == []
    with store.read() as session:
        row = session.scalar(sa.select(Batch))
        assert row is not None
        assert (row.state, row.refused_code, row.frame) == ("refused", "conflict", batch.frame)
    (second,) = _seal(store, outbox, clock)
    assert set(second.items) == set(batch.items) and second.batch_id != batch.batch_id


def test_status_updates_append_the_cnss_history_and_the_assigned_immatriculation(
    store, clerk, clock, outbox
):
    paid, returned = _record(store, clerk, clock, 2)
    enrolment = enrol(store, clerk, enrolment_draft(), clock=clock)
    updates = [
        StatusUpdate(1, "claim", _uuid(store, paid), "paper_received", CENTRE_TIME),
        StatusUpdate(
            2,
            "claim",
            _uuid(store, paid),
            "reimbursed",
            CENTRE_TIME,
            amount_centimes=8_000,
            effective_date=dt.date(2026, 12, 1),
        ),
        StatusUpdate(
            3, "claim", _uuid(store, returned), "returned", CENTRE_TIME, reason="illisible"
        ),
        StatusUpdate(
            4, "enrolment", enrolment.uuid, "registered", CENTRE_TIME, immatriculation="987654321"
        ),
        StatusUpdate(5, "claim", "0" * 8 + "-0000-4000-8000-" + "0" * 12, "in_review", CENTRE_TIME),
    ]

    assert outbox.apply_status_updates(updates, 5) == 4
    assert outbox.apply_status_updates(updates, 5) == 0  # the same page again changes nothing

    assert outbox.status_cursor() == 5
    reimbursed = get_claim(store, paid)
    assert reimbursed.status == "reimbursed"
    last = claim_timeline(store, reimbursed.id)[-1]
    assert (last.source, last.amount_centimes, last.effective_date) == (
        "cnss",
        8_000,
        dt.date(2026, 12, 1),
    )
    assert claim_timeline(store, get_claim(store, returned).id)[-1].detail == "illisible"
    with store.read() as session:
        row = session.get(Enrolment, enrolment.id)
        assert row is not None
        assert (row.status, row.assigned_immatriculation, row.immatriculation) == (
            "registered",
            "987654321",
            None,
        )


def test_a_failure_inside_an_acknowledgement_leaves_nothing_of_it(store, clerk, clock, outbox):
    receipts = _record(store, clerk, clock, 2)
    (batch,) = _seal(store, outbox, clock)
    # The disk refuses the rejected item's history line half-way through the transaction.
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER fail_rejected BEFORE INSERT ON status_events "
            "WHEN NEW.status = 'rejected' BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )
    first, second = (_uuid(store, r) for r in receipts)
    ack = BatchAcknowledgement(
        batch.batch_id,
        CENTRE_TIME,
        (ItemAck("claim", first, "accepted"), ItemAck("claim", second, "rejected", "x", "y")),
    )

    with pytest.raises(sa.exc.DatabaseError):
        outbox.apply_acknowledgement(batch.batch_id, ack, b"raw")

    assert {get_claim(store, r).status for r in receipts} == {"batched"}
    assert [b.batch_id for b in outbox.unacknowledged()] == [batch.batch_id]
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count(ItemAcknowledgement.id))) == 0
        assert session.scalar(sa.select(Batch.state)) == "sealed"


def test_a_failure_while_saving_a_sealed_batch_marks_no_item(store, clerk, clock, outbox):
    _record(store, clerk, clock, 2)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER fail_audit_mark BEFORE UPDATE OF batch_id ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )

    with pytest.raises(sa.exc.DatabaseError):
        _seal(store, outbox, clock)

    assert outbox.pending(1000).count() > 0
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count(Batch.id))) == 0
        assert set(session.scalars(sa.select(Claim.status))) == {"recorded"}
        assert set(session.scalars(sa.select(Claim.batch_id))) == {None}


def test_a_claim_voided_before_it_left_never_travels_and_one_voided_after_sealing_does(
    store, clerk, supervisor, clock, outbox
):
    early, late = _record(store, clerk, clock, 2)
    void_claim(store, supervisor, early, "erreur de saisie", clock=clock)
    (batch,) = _seal(store, outbox, clock)
    assert ("claim", _uuid(store, early)) not in batch.items
    clock.advance(minutes=1)
    void_claim(store, supervisor, late, "doublon papier", clock=clock)
    outbox.apply_acknowledgement(batch.batch_id, _all_accepted(batch), b"raw")

    pending = outbox.pending(1000)

    assert [(c.receipt_no, c.status) for c in pending.claims] == [(late, "voided")]
    (notice,) = _seal(store, outbox, clock)
    outbox.apply_acknowledgement(notice.batch_id, _all_accepted(notice), b"raw")
    assert outbox.pending(1000).count() == 0
    assert get_claim(store, late).status == "voided"


def test_reading_a_thousand_pending_claims_takes_one_claims_query(store, clerk, clock, outbox):
    from agent_app.services.demo_data import generate

    generate(store, 1000, 0, seed=3, clock=clock)
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", count)
    try:
        pending = outbox.pending(1000)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", count)
    assert len(pending.claims) == 1000
    assert sum(1 for s in statements if "FROM claims" in s) == 1
    assert len(statements) <= 4


def test_the_engine_memory_survives_and_feeds_the_status_bar(store, outbox):
    state = SyncState(
        consecutive_failures=2,
        next_attempt_at=CENTRE_TIME + dt.timedelta(minutes=5),
        last_attempt_at=CENTRE_TIME,
        last_success_at=CENTRE_TIME - dt.timedelta(hours=1),
        last_attempt_ok=True,
        last_error="network",
        clock_offset_seconds=-42.5,
        extra={"etag": "v7"},
    )
    outbox.save_state(state)

    assert outbox.load_state() == state
    snapshot = read_status(store)
    assert snapshot.link_up and snapshot.last_sync == state.last_success_at
    assert snapshot.clock_offset == dt.timedelta(seconds=-42.5)


def test_reference_data_replaces_the_kinds_sent_and_remembers_the_version(store, outbox):
    assert outbox.reference_version() is None
    items = [ReferenceDataItem("rejection_code", "late_deposit", 3, {"label_fr": "Hors délai"})]

    outbox.apply_reference_data("v3", items)

    assert outbox.reference_version() == "v3"
    with store.read() as session:
        kinds = dict(
            session.execute(
                sa.text("SELECT kind, count(*) FROM reference_items GROUP BY kind")
            ).all()
        )
    assert kinds["rejection_code"] == 1 and kinds["tns_category"] > 0


def test_an_attachment_is_served_as_sealed_and_marked_uploaded(store, clock, outbox):
    import hashlib

    from agent_app.store.models import Attachment
    from agent_app.store.repo import utc_naive

    sealed = b"\x00sealed scan bytes" * 100
    digest = hashlib.sha256(sealed).hexdigest()
    with store.write() as session:
        session.add(
            Attachment(
                sha256=digest,
                size=len(sealed),
                subject_kind="enrolment",
                subject_id=1,
                sealed_bytes=sealed,
                created_at=utc_naive(clock()),
            )
        )

    assert [(a.sha256, a.size) for a in outbox.pending_attachments()] == [(digest, len(sealed))]
    assert outbox.read_attachment(digest) == sealed
    outbox.mark_attachment_uploaded(digest)
    assert outbox.pending_attachments() == []


def test_migrating_a_store_from_the_first_revision_keeps_every_row(store, clerk, clock):
    _record(store, clerk, clock, 3)
    enrol(store, clerk, enrolment_draft(), clock=clock)
    tables = ("claims", "enrolments", "dependents", "status_events", "audit_log", "settings")

    def snapshot() -> dict[str, list[tuple[object, ...]]]:
        with store.engine.connect() as conn:
            result = {}
            for table in tables:
                columns = [
                    c["name"]
                    for c in sa.inspect(conn).get_columns(table)
                    if c["name"] not in {"batch_id", "assigned_immatriculation"}
                    or (table in {"claims", "enrolments"} and c["name"] == "batch_id")
                ]
                rows = conn.execute(sa.text(f"SELECT {', '.join(columns)} FROM {table}"))  # noqa: S608
                result[table] = sorted(tuple(r) for r in rows)
            return result

    before = snapshot()
    with store.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0001")
        assert migrate.current_revision(conn) == "0001"
    migrate.upgrade(store)

    assert snapshot() == before
    assert verify(store).ok
    with store.engine.connect() as conn:
        triggers = (
            conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            .scalars()
            .all()
        )
    assert triggers == ["batches_frame_immutable"]


@pytest.mark.parametrize("code", sorted(SYNC_ERROR_CODES))
def test_every_sync_failure_has_a_message_in_each_language(code):
    assert f"sync.{code}" in ERRORS
    for lang in LANGS:
        assert ERRORS.render(f"sync.{code}", lang).strip()


def test_every_error_message_keeps_its_placeholders_in_each_language():
    for code, text in ERRORS.items():
        assert text.placeholders("fr") == text.placeholders("ar") == text.placeholders("en"), code


def test_the_batch_header_names_nobody(store, clerk, clock, outbox):
    _record(store, clerk, clock, 2)
    (batch,) = _seal(store, outbox, clock)
    header = json.dumps(peek_header(batch.frame).to_wire())
    for secret in ("BENNANI", "BE123456", "123456780", "Youssef"):
        assert secret not in header
        assert secret.encode() not in batch.frame
    assert replace(peek_header(batch.frame)).batch_id == batch.batch_id
