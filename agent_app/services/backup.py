"""Operator backups: a consistent, still-encrypted copy of the store, recorded in the audit log.

The copy is made with ``VACUUM INTO`` (SQLCipher writes it under the same key), so it opens
only with this point's key; ``keyinfo.json`` must be kept with it for a passphrase-held key.

Owns the rule that a file under the backup's name is a whole, checked backup: the copy is
written under a temporary name in the same directory, fsynced, checked (it opens with the
store's key, passes ``quick_check``, is at this schema, holds at least what the store held),
and only then renamed. Must never leave a partial or empty file under the backup's name.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any

from agent_app.errors import AppError
from agent_app.fsutil import fsync_dir, fsync_file, write_atomically
from agent_app.security.keystore import key_info_path
from agent_app.services.context import OPERATOR, Actor, Clock, system_clock
from agent_app.store.engine import Store, translate_db_error
from agent_app.store.migrate import backup_to, head_revision
from agent_app.store.repo import audit

# Rows that are never deleted: a backup holding fewer than the store did is not a backup.
COUNTED_TABLES = ("audit_log", "claims", "enrolments")
_CHECK_ALIAS = "backup_check"


def backup(
    store: Store, target: Path, actor: Actor = OPERATOR, *, clock: Clock = system_clock
) -> Path:
    """Write the backup to ``target`` and the key description beside it."""
    target = target.resolve()
    if target.exists():
        raise AppError("backup.exists", path=target)
    with store.write() as session:
        # The audit entry is in the copy too: a restored store shows when it was saved.
        audit(session, clock(), actor.username, "store.backup", None, target.name, {})
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        expected = _counts(store, None)
        backup_to(store, partial)
        fsync_file(partial)
        _check_copy(store, partial, expected)
        write_atomically(
            target.with_name(target.name + ".keyinfo.json"),
            key_info_path(store.data_dir).read_bytes(),
        )
        if target.exists():
            raise AppError("backup.exists", path=target)
        os.replace(partial, target)
        fsync_dir(target.parent)
    except AppError:
        raise
    except OSError as error:
        raise _os_error(error, target) from error
    except Exception as error:
        translated = translate_db_error(error, target.parent)
        if translated is None:
            raise
        raise translated from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return target


def _os_error(error: OSError, target: Path) -> AppError:
    translated = translate_db_error(error, target.parent)
    if translated is not None:
        return translated
    return AppError("io.error", path=target, detail=error.strerror or type(error).__name__)


def _counts(store: Store, schema: str | None) -> dict[str, int]:
    # Table and schema names are this module's constants, never input: S608 does not apply.
    prefix = f"{schema}." if schema else ""
    with store.engine.connect() as conn:
        return {
            table: int(conn.exec_driver_sql(f"SELECT count(*) FROM {prefix}{table}").scalar_one())  # noqa: S608
            for table in COUNTED_TABLES
        }


def _check_copy(store: Store, copy: Path, expected: dict[str, int]) -> None:
    """The copy opens with the store's key, is whole, at this schema, and holds enough rows."""
    raw = store.engine.raw_connection()
    driver: Any = raw.driver_connection
    try:
        # Attached without a KEY clause, SQLCipher uses the main database's key.
        driver.execute(f"ATTACH DATABASE ? AS {_CHECK_ALIAS}", (str(copy),))
        try:
            check = [row[0] for row in driver.execute(f"PRAGMA {_CHECK_ALIAS}.quick_check")]
            if check != ["ok"]:
                raise AppError("backup.check_failed", detail="; ".join(map(str, check[:3])))
            revision = driver.execute(
                f"SELECT version_num FROM {_CHECK_ALIAS}.alembic_version"  # noqa: S608
            ).fetchone()
            if revision is None or revision[0] != head_revision():
                raise AppError("backup.check_failed", detail=f"schema {revision}")
            for table, minimum in expected.items():
                query = f"SELECT count(*) FROM {_CHECK_ALIAS}.{table}"  # noqa: S608 (constants)
                (count,) = driver.execute(query).fetchone()
                if count < minimum:
                    raise AppError("backup.check_failed", detail=f"{table} {count} < {minimum}")
        finally:
            driver.execute(f"DETACH DATABASE {_CHECK_ALIAS}")
    finally:
        raw.close()
