"""Schema migrations, run programmatically at start-up.

Before any migration touches an existing store, a ``VACUUM INTO`` copy is written to
``backups/`` (SQLCipher writes it with the same key: still encrypted). A store whose revision
this version does not know was written by a newer version: it is refused, untouched.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from agent_app.errors import AppError
from agent_app.store.engine import Store

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BACKUP_DIR = "backups"


def alembic_config(connection: sa.Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migration scripts are packaged")
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def backup_to(store: Store, target: Path) -> Path:
    """An encrypted, consistent copy of the store at ``target`` (must not exist)."""
    if target.exists():
        raise AppError("backup.exists", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # VACUUM cannot run inside a transaction, and SQLAlchemy always opens one: use the
    # driver's connection directly.
    raw = store.engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM INTO ?", (str(target),))  # type: ignore[union-attr]
    finally:
        raw.close()
    return target


def needs_upgrade(store: Store) -> bool:
    with store.engine.connect() as conn:
        return current_revision(conn) != head_revision()


def upgrade(store: Store, *, now: dt.datetime | None = None) -> str | None:
    """Bring the store to this version's schema; returns the backup path's name, if any."""
    head = head_revision()
    with store.engine.connect() as conn:
        current = current_revision(conn)
    if current == head:
        return None
    if current is not None and current not in known_revisions():
        raise AppError("store.too_new", revision=current)
    backup_name: str | None = None
    if current is not None:
        stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S")
        target = store.data_dir / BACKUP_DIR / f"guichet-{stamp}-before-{head}.db"
        backup_to(store, target)
        backup_name = target.name
        log.info("backup before migration %s -> %s: %s", current, head, target.name)
    with store.engine.connect() as conn:
        # SQLite's procedure for schema changes: a migration that rebuilds a table (Alembic's
        # batch mode copies it, drops the old one, renames the copy) would be refused by
        # foreign keys pointing at its rows. They are off while migrating, outside the
        # transaction (SQLite ignores the pragma inside one), and checked whole before commit.
        driver = conn.connection.driver_connection
        driver.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                command.upgrade(alembic_config(conn), "head")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise AppError("store.corrupt", detail=f"foreign keys: {broken[:3]}")
        finally:
            driver.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    log.info("store schema now at %s", head)
    return backup_name
