"""Creating and opening a point's store: key, encryption checks, migrations, identity.

``initialise`` makes the data directory, the database key (keyring or passphrase), the
encrypted database at the current schema, the device's Ed25519 key pair and the point's
settings. ``open_store`` refuses a plaintext or foreign file, checks the key before anything
is written, runs ``PRAGMA quick_check`` and migrates (after an encrypted backup).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from pathlib import Path
from typing import Literal

import sqlalchemy as sa

from agent_app.domain.receipt_numbers import is_valid_point_code
from agent_app.errors import AppError
from agent_app.security.device import DeviceKey
from agent_app.security.keystore import (
    PassphraseSource,
    create_store_key,
    forget_store_key,
    key_info_path,
    load_store_key,
    read_key_info,
)
from agent_app.services.context import OPERATOR, Clock, system_clock
from agent_app.services.reference import seed_reference_data
from agent_app.store import migrate
from agent_app.store.engine import (
    DB_FILE,
    Store,
    is_plaintext_sqlite,
    make_engine,
    translate_db_error,
)
from agent_app.store.repo import audit, get_setting, set_setting

log = logging.getLogger(__name__)


def initialise(
    data_dir: Path,
    point_code: str,
    point_name: str,
    passphrase_source: PassphraseSource,
    *,
    key_method: Literal["auto", "keyring", "passphrase"] = "auto",
    clock: Clock = system_clock,
    scrypt_log2_n: int | None = None,
    device: DeviceKey | None = None,
) -> Store:
    """Create a new point store in ``data_dir``; refuses to touch an existing one.

    ``device`` is the device's Ed25519 key; a new random one unless given (fixtures give one).
    """
    point_code = point_code.strip().upper()
    if not is_valid_point_code(point_code):
        raise AppError("point.invalid_code", code=point_code)
    if (data_dir / DB_FILE).exists() or key_info_path(data_dir).exists():
        raise AppError("store.already_initialised", path=data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    extra = {} if scrypt_log2_n is None else {"log2_n": scrypt_log2_n}
    key, info = create_store_key(data_dir, key_method, passphrase_source, **extra)
    try:
        store = Store(data_dir, make_engine(data_dir / DB_FILE, key))
        migrate.upgrade(store)
        device = device or DeviceKey.generate()
        now = clock()
        with store.write() as session:
            set_setting(session, "store.id", info.store_id)
            set_setting(session, "point.code", point_code)
            set_setting(session, "point.name", point_name.strip() or point_code)
            set_setting(session, "device.private_key", device.private_b64())
            set_setting(session, "device.public_key", device.public_b64())
            seed_reference_data(session)
            audit(
                session,
                now,
                OPERATOR.username,
                "store.init",
                "point",
                point_code,
                {"key_method": info.method, "device_public_key": device.public_b64()},
            )
    except BaseException:
        # Leave nothing half-made: a later ``init`` must be able to start again.
        forget_store_key(info)
        for name in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", key_info_path(data_dir).name):
            with contextlib.suppress(FileNotFoundError):
                (data_dir / name).unlink()
        raise
    log.info("store initialised for point %s (key kept by %s)", point_code, info.method)
    return store


def open_store(
    data_dir: Path, passphrase_source: PassphraseSource, *, run_migrations: bool = True
) -> Store:
    """Open the point's store with its key checked, at this version's schema.

    The full structural check (``PRAGMA quick_check``) reads every page: on a large store it
    takes seconds, so it runs here only before a migration; the desktop app runs it in the
    background after start-up (:func:`check_integrity`) and ``verify`` runs it on demand.
    """
    db_path = data_dir / DB_FILE
    if not db_path.exists():
        raise AppError("store.not_initialised", path=data_dir)
    if is_plaintext_sqlite(db_path):
        raise AppError("store.plaintext", path=db_path)
    check_store_file(db_path)
    read_key_info(data_dir)  # a clear message for a missing or damaged key file
    key = load_store_key(data_dir, passphrase_source)
    store = Store(data_dir, make_engine(db_path, key))
    try:
        check_key(store)
        check_has_schema(store)
        if run_migrations and migrate.needs_upgrade(store):
            check_integrity(store)
            migrate.upgrade(store)
    except BaseException:
        store.close()
        raise
    return store


# SQLite page sizes are powers of two from 512 bytes: a store file is whole pages.
_SMALLEST_PAGE = 512


def check_store_file(db_path: Path) -> None:
    """Refuse, before SQLCipher touches it, a file that cannot be a whole store.

    An empty file would open as a new, empty database (and the app would run on it); a size
    that is not whole pages is a file cut short. An empty file beside a non-empty WAL is a
    store whose first writes were never checkpointed: SQLite reads it from the WAL.
    """
    size = db_path.stat().st_size
    if size == 0:
        wal = db_path.with_name(db_path.name + "-wal")
        if not (wal.exists() and wal.stat().st_size > 0):
            raise AppError("store.empty_file", path=db_path)
    elif size % _SMALLEST_PAGE:
        raise AppError("store.truncated", path=db_path, size=size)


def check_has_schema(store: Store) -> None:
    """A file that opens with the key but has no schema revision is not this point's store."""
    with store.engine.connect() as conn:
        if migrate.current_revision(conn) is None:
            raise AppError("store.no_schema", path=store.path)


def check_key(store: Store) -> None:
    """Fail fast, before any write, on a wrong key (SQLCipher cannot read page 1)."""
    try:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
    except sa.exc.DatabaseError as exc:
        if "file is not a database" in str(exc.orig):
            raise AppError("store.wrong_key") from None
        # Opening sets up the WAL: a full disk or a failing medium shows first here.
        raise (translate_db_error(exc, store.data_dir) or exc) from exc


def check_integrity(store: Store) -> None:
    """``PRAGMA quick_check``: raises ``store.corrupt`` naming the first problems."""
    with store.engine.connect() as conn:
        result = conn.exec_driver_sql("PRAGMA quick_check").scalars().all()
    if result != ["ok"]:
        raise AppError("store.corrupt", detail="; ".join(str(r) for r in result[:3]))


def point_identity(store: Store) -> tuple[str, str]:
    with store.read() as session:
        code = get_setting(session, "point.code") or ""
        name = get_setting(session, "point.name") or code
    return code, name


INTEGRITY_CHECK_EVERY = dt.timedelta(hours=20)


def integrity_check_due(store: Store, now: dt.datetime) -> bool:
    """Whether the daily full check is due (it reads every page: seconds on a large store)."""
    with store.read() as session:
        last = get_setting(session, "integrity.last_ok_at")
    return last is None or now - dt.datetime.fromisoformat(last) >= INTEGRITY_CHECK_EVERY


def check_integrity_daily(store: Store, now: dt.datetime) -> bool:
    """Run the full check when due and remember a pass; returns whether it ran."""
    if not integrity_check_due(store, now):
        return False
    check_integrity(store)
    with store.write() as session:
        set_setting(session, "integrity.last_ok_at", now.isoformat())
    return True


DEFAULT_IDLE_LOCK_MINUTES = 5.0


def idle_lock_minutes(store: Store) -> float:
    """Minutes without input before the window locks (``ui.idle_lock_minutes``)."""
    with store.read() as session:
        raw = get_setting(session, "ui.idle_lock_minutes")
    try:
        return max(0.5, float(raw)) if raw else DEFAULT_IDLE_LOCK_MINUTES
    except ValueError:
        return DEFAULT_IDLE_LOCK_MINUTES
