"""The key hierarchy and the encrypted file: keyring, passphrase, refusals, migrations."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlcipher3
from alembic import command

from agent_app.errors import AppError
from agent_app.security.keystore import KEYRING_SERVICE, load_store_key, read_key_info
from agent_app.services.point import initialise, open_store
from agent_app.store import migrate
from agent_app.store.engine import DB_FILE, SQLITE_HEADER, Store, make_engine
from agent_app.store.models import Base

PASSPHRASE = "une phrase de passe assez longue"


def _fingerprint(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.parent.name != "logs"
    }


def test_keyring_holds_the_key_and_keyinfo_holds_no_secret(tmp_path, memory_keyring, clock):
    data = tmp_path / "point"
    initialise(data, "RAB02", "Rabat Agdal", lambda: None, clock=clock).close()
    info = read_key_info(data)
    assert info.method == "keyring"
    (secret,) = memory_keyring.secrets.values()
    assert list(memory_keyring.secrets) == [(KEYRING_SERVICE, info.keyring_username)]
    assert secret not in (data / "keyinfo.json").read_text()
    assert load_store_key(data, lambda: None) == bytes.fromhex(secret)


def test_without_keyring_the_key_is_wrapped_by_the_passphrase(tmp_path, no_keyring, clock):
    data = tmp_path / "point"
    initialise(data, "RAB02", "", lambda: PASSPHRASE, clock=clock, scrypt_log2_n=14).close()
    doc = json.loads((data / "keyinfo.json").read_text())
    assert doc["method"] == "passphrase" and "wrapped_key" in doc
    key = load_store_key(data, lambda: PASSPHRASE)
    assert key.hex() not in (data / "keyinfo.json").read_text()
    store = open_store(data, lambda: PASSPHRASE)
    store.close()


def test_no_keyring_and_no_passphrase_is_a_clear_refusal(tmp_path, no_keyring, clock):
    data = tmp_path / "point"
    with pytest.raises(AppError) as raised:
        initialise(data, "RAB02", "", lambda: None, clock=clock)
    assert raised.value.code == "key.no_backend_no_passphrase"
    assert "AGENT_APP_PASSPHRASE" in raised.value.message("fr")
    assert not (data / DB_FILE).exists() and not (data / "keyinfo.json").exists()


def test_a_short_passphrase_is_refused(tmp_path, no_keyring, clock):
    with pytest.raises(AppError) as raised:
        initialise(tmp_path / "p", "RAB02", "", lambda: "court", clock=clock)
    assert raised.value.code == "key.passphrase_too_short"


def test_wrong_passphrase_leaves_the_store_untouched(tmp_path, no_keyring, clock):
    data = tmp_path / "point"
    initialise(data, "RAB02", "", lambda: PASSPHRASE, clock=clock, scrypt_log2_n=14).close()
    before = _fingerprint(data)
    with pytest.raises(AppError) as raised:
        open_store(data, lambda: "pas la bonne phrase de passe")
    assert raised.value.code == "key.wrong_passphrase"
    assert _fingerprint(data) == before


def test_wrong_key_in_keyring_is_refused_before_any_write(tmp_path, memory_keyring, clock):
    data = tmp_path / "point"
    initialise(data, "RAB02", "", lambda: None, clock=clock).close()
    before = _fingerprint(data)
    (slot,) = memory_keyring.secrets
    memory_keyring.secrets[slot] = "00" * 32
    with pytest.raises(AppError) as raised:
        open_store(data, lambda: None)
    assert raised.value.code == "store.wrong_key"
    assert _fingerprint(data) == before


def test_missing_key_in_keyring_is_a_clear_message(tmp_path, memory_keyring, clock):
    data = tmp_path / "point"
    initialise(data, "RAB02", "", lambda: None, clock=clock).close()
    memory_keyring.secrets.clear()
    with pytest.raises(AppError) as raised:
        open_store(data, lambda: None)
    assert raised.value.code == "key.missing_in_keyring"


def test_a_plaintext_database_is_refused(tmp_path, memory_keyring, clock):
    data = tmp_path / "point"
    initialise(data, "RAB02", "", lambda: None, clock=clock).close()
    (data / DB_FILE).unlink()
    plain = sqlcipher3.connect(str(data / DB_FILE))
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    with pytest.raises(AppError) as raised:
        open_store(data, lambda: None)
    assert raised.value.code == "store.plaintext"


def test_init_refuses_to_overwrite_an_existing_store(tmp_path, memory_keyring, clock):
    data = tmp_path / "point"
    initialise(data, "RAB02", "", lambda: None, clock=clock).close()
    with pytest.raises(AppError) as raised:
        initialise(data, "RAB03", "", lambda: None, clock=clock)
    assert raised.value.code == "store.already_initialised"


def test_the_database_file_never_starts_with_the_sqlite_header(store):
    assert store.path.read_bytes()[:16] != SQLITE_HEADER


def test_pragmas_for_durability(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def _schema(engine: sa.Engine) -> dict[str, object]:
    inspector = sa.inspect(engine)
    schema: dict[str, object] = {}
    for table in sorted(inspector.get_table_names()):
        if table == "alembic_version":
            continue
        schema[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                for c in inspector.get_columns(table)
            ],
            "pk": inspector.get_pk_constraint(table)["constrained_columns"],
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            "uniques": sorted(
                (u["name"], tuple(u["column_names"]))
                for u in inspector.get_unique_constraints(table)
            ),
            "fks": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"])
                for f in inspector.get_foreign_keys(table)
            ),
        }
    return schema


def test_migrating_from_the_first_revision_equals_creating_fresh(tmp_path):
    key = bytes(range(32))
    migrated = Store(tmp_path, make_engine(tmp_path / "migrated.db", key))
    with migrated.engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "base")
    migrate.upgrade(migrated)
    fresh = make_engine(tmp_path / "fresh.db", key)
    Base.metadata.create_all(fresh)
    assert _schema(migrated.engine) == _schema(fresh)


def test_alembic_check_finds_no_drift_between_models_and_migrations(store):
    with store.engine.begin() as conn:
        command.check(migrate.alembic_config(conn))  # raises on any difference


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path, memory_keyring, clock):
    data = tmp_path / "point"
    store = initialise(data, "RAB02", "", lambda: None, clock=clock)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_future'")
    store.close()
    before = _fingerprint(data)
    with pytest.raises(AppError) as raised:
        open_store(data, lambda: None)
    assert raised.value.code == "store.too_new"
    assert "ffff_future" in raised.value.message("fr")
    assert _fingerprint(data) == before


NEXT_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "0002_next"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("next_feature", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("next_feature")
"""


def test_an_older_store_is_backed_up_encrypted_before_migrating(
    tmp_path, memory_keyring, clock, monkeypatch
):
    data = tmp_path / "point"
    initialise(data, "RAB02", "Rabat", lambda: None, clock=clock).close()
    # The next version of the app ships one more revision.
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts)
    head = migrate.head_revision()
    (scripts / "versions" / "0002_next.py").write_text(NEXT_REVISION.format(head=head))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)

    store = open_store(data, lambda: None)
    with store.engine.connect() as conn:
        assert migrate.current_revision(conn) == "0002_next"
    store.close()

    (backup,) = (data / "backups").iterdir()
    assert backup.read_bytes()[:16] != SQLITE_HEADER
    key = load_store_key(data, lambda: None)
    copy = make_engine(backup, key)
    with copy.connect() as conn:
        assert migrate.current_revision(conn) == head
        point = conn.exec_driver_sql("SELECT value FROM settings WHERE key = 'point.code'").scalar()
    copy.dispose()
    assert point == "RAB02"


def test_the_full_integrity_check_runs_once_a_day(store, clock):
    from agent_app.services.point import check_integrity_daily

    assert check_integrity_daily(store, clock.now)
    clock.advance(hours=3)
    assert not check_integrity_daily(store, clock.now)
    clock.advance(hours=20)
    assert check_integrity_daily(store, clock.now)


def test_a_damaged_page_fails_the_cipher_check(tmp_path, memory_keyring, clock):
    from agent_app.services.integrity import verify

    data = tmp_path / "point"
    store = initialise(data, "RAB02", "", lambda: None, clock=clock)
    store.close()
    raw = bytearray((data / DB_FILE).read_bytes())
    raw[len(raw) - 100] ^= 0xFF  # one byte of the last page, behind SQLCipher's back
    (data / DB_FILE).write_bytes(bytes(raw))
    reopened = open_store(data, lambda: None)
    try:
        report = verify(reopened)
    finally:
        reopened.close()
    assert not report.ok and report.cipher_problems
