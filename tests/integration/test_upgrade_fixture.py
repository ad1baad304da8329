"""Upgrades keep data: a store written at schema 0001 opens in this version with nothing lost.

The store comes from ``tests/fixtures/store_schema_0001.sql`` (made by ``make_fixture.py``),
restored into a fresh SQLCipher file under a key made here, then opened with ``open_store``
exactly as the app opens a point's store after an upgrade.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from agent_app.domain.model import ClaimStatus
from agent_app.security.device import verify_signature
from agent_app.services.claims import record_claim
from agent_app.services.integrity import verify
from agent_app.services.point import open_store
from agent_app.services.receipts import receipt_for
from agent_app.services.recording import receipt_payload
from agent_app.services.users import authenticate
from agent_app.store import migrate
from agent_app.store.engine import SQLITE_HEADER, Store, make_engine
from agent_app.store.models import Claim
from tests.builders import claim_draft
from tests.fixtures import make_fixture

Rows = dict[str, tuple[list[str], list[tuple[object, ...]]]]


def _rows_of_the_dump() -> Rows:
    """Every table of the dump, every row in rowid order, read by plain SQLite."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(make_fixture.dump_script())
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        rows: Rows = {}
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')  # noqa: S608
            columns = [d[0] for d in cursor.description]
            rows[table] = (columns, list(cursor.fetchall()))
        return rows
    finally:
        conn.close()


def _same_columns_now(store: Store, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    with store.engine.connect() as conn:
        result = conn.exec_driver_sql(f'SELECT {names} FROM "{table}" ORDER BY rowid')  # noqa: S608
        return [tuple(row) for row in result]


@pytest.fixture
def passphrase() -> str:
    return secrets.token_urlsafe(24)  # this test's own: no key or passphrase is checked in


@pytest.fixture
def restored(tmp_path: Path, passphrase: str) -> Path:
    return make_fixture.restore(make_fixture.DUMP_FILE, tmp_path / "point", passphrase)


def test_the_fixture_holds_a_filled_store_at_revision_0001():
    rows = _rows_of_the_dump()
    assert rows["alembic_version"][1] == [(make_fixture.REVISION,)]
    claims = len(rows["claims"][1])
    assert claims == make_fixture.DEMO_CLAIMS + 3
    assert len(rows["enrolments"][1]) == make_fixture.DEMO_ENROLMENTS
    assert len(rows["users"][1]) == 2
    assert len(rows["shipments"][1]) == 1
    assert len(rows["audit_log"][1]) > claims
    # Tables that revision 0002 adds are not there: the dump really is the old schema.
    assert "item_acknowledgements" not in rows and "attachments" not in rows


def _schema(engine: sa.Engine) -> dict[str, object]:
    inspector = sa.inspect(engine)
    return {
        table: (
            sorted(
                (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)
            ),
            sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            sorted(
                (tuple(f["constrained_columns"]), f["referred_table"])
                for f in inspector.get_foreign_keys(table)
            ),
        )
        for table in inspector.get_table_names()
    }


def test_the_fixture_schema_is_what_revision_0001_creates(tmp_path, restored, passphrase):
    from agent_app.security.keystore import load_store_key

    key = load_store_key(restored, lambda: passphrase)
    fixture = make_engine(restored / "guichet.db", key)
    reference = Store(tmp_path, make_engine(tmp_path / "at-0001.db", bytes(range(32))))
    with reference.engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), make_fixture.REVISION)
    try:
        assert _schema(fixture) == _schema(reference.engine)
    finally:
        fixture.dispose()
        reference.close()


def test_a_0001_store_opens_migrated_with_every_row_kept(restored, passphrase):
    before = _rows_of_the_dump()
    assert (restored / "guichet.db").read_bytes()[:16] != SQLITE_HEADER

    store = open_store(restored, lambda: passphrase)
    try:
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
        assert migrate.head_revision() != make_fixture.REVISION
        for table, (columns, rows) in before.items():
            if table == "alembic_version":
                continue
            assert _same_columns_now(store, table, columns) == rows, table
    finally:
        store.close()
    # The migration's own safety copy, still encrypted.
    (backup,) = (restored / "backups").iterdir()
    assert backup.read_bytes()[:16] != SQLITE_HEADER


def test_after_the_upgrade_every_receipt_still_verifies_and_prints(restored, passphrase):
    store = open_store(restored, lambda: passphrase)
    try:
        with store.read() as session:
            public_key = session.execute(
                sa.text("SELECT value FROM settings WHERE key = 'device.public_key'")
            ).scalar_one()
            claims = session.scalars(sa.select(Claim).order_by(Claim.id)).all()
            enrolments = session.execute(
                sa.text(
                    "SELECT receipt_no, uuid, point_code, created_at, signature FROM enrolments"
                )
            ).all()
        assert claims and enrolments
        for claim in claims:
            payload = receipt_payload(
                claim.receipt_no,
                claim.uuid,
                claim.point_code,
                claim.created_at.replace(tzinfo=dt.UTC),
                claim.declared_amount_centimes,
            )
            assert verify_signature(public_key, payload, claim.signature), claim.receipt_no
            assert receipt_for(store, claim.receipt_no).receipt_no == claim.receipt_no
        for receipt_no, uuid, point_code, created_at, signature in enrolments:
            created = dt.datetime.fromisoformat(created_at).replace(tzinfo=dt.UTC)
            payload = receipt_payload(receipt_no, uuid, point_code, created, 0)
            assert verify_signature(public_key, payload, signature), receipt_no
            assert receipt_for(store, receipt_no).receipt_no == receipt_no
        voided = [c for c in claims if c.status == ClaimStatus.VOIDED]
        assert len(voided) == 1 and voided[0].void_reason == "saisie en double"
    finally:
        store.close()


def test_after_the_upgrade_the_audit_chain_verifies_and_a_claim_can_be_recorded(
    restored, passphrase
):
    store = open_store(restored, lambda: passphrase)
    try:
        report = verify(store, full=True)
        assert report.ok, report
        entries_before = report.audit_entries

        worked_at = make_fixture.WORKED_AT + dt.timedelta(days=1)
        clerk = authenticate(store, *make_fixture.CLERK, clock=lambda: worked_at)
        draft = claim_draft(
            worked_at.date(),
            insured_immatriculation="555666777",
            insured_cin="EE112233",
            beneficiary_cin="EE112233",
        )
        recorded = record_claim(store, clerk, draft, clock=lambda: worked_at)
        assert recorded.receipt_no.startswith(make_fixture.POINT_CODE)

        after = verify(store)
        assert after.ok, after
        assert after.audit_entries > entries_before
        with store.read() as session:
            total = session.scalar(sa.select(sa.func.count()).select_from(Claim))
        assert total == make_fixture.DEMO_CLAIMS + 3 + 1
    finally:
        store.close()
