"""The SQLCipher engine and the store's unit of work.

One encrypted file (``guichet.db``) opened through SQLAlchemy's ``sqlite+pysqlcipher``
dialect with a raw 256-bit key (no per-connection KDF), in WAL mode with
``synchronous=FULL`` so a committed deposit survives power loss, foreign keys on, temporary
tables in memory (never a plaintext temp file), and a busy timeout for the rare second
process. Writers take the lock up front (``BEGIN IMMEDIATE``) so two writers queue instead of
failing half-way.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from agent_app.errors import AppError

log = logging.getLogger(__name__)

DB_FILE = "guichet.db"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def _silence_sqlcipher_log() -> None:
    # SQLCipher prints decryption failures to stderr; a wrong key is reported by us instead.
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_silence_sqlcipher_log()


def is_plaintext_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except FileNotFoundError:
        return False


def make_engine(path: Path, key: bytes) -> Engine:
    """An engine on ``path`` keyed with the raw ``key``; nothing is read until first use."""
    if len(key) != 32:
        raise ValueError("the store key is 32 bytes")
    url = sa.URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
    # hide_parameters: SQL errors must never carry names or identifiers into a log.
    engine = sa.create_engine(url, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Drive transactions ourselves so BEGIN IMMEDIATE and SAVEPOINT behave.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA temp_store = MEMORY")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


# Below this much free space, SQLite's "disk I/O error" (it cannot grow the WAL index or the
# journal) is the disk being full, and is said so.
_NEARLY_NO_SPACE = 256 * 1024


def translate_db_error(exc: BaseException, data_dir: Path | None = None) -> AppError | None:
    """The environment's fault as an :class:`AppError`; ``None`` when it is our bug.

    Looks through the exception's causes: a full disk may surface as an ``OSError`` (ENOSPC)
    under another exception. ``data_dir`` lets a bare "disk I/O error" on a disk with no
    space left be named for what it is.
    """
    for link in _chain(exc):
        if isinstance(link, OSError) and link.errno in (errno.ENOSPC, errno.EDQUOT):
            return AppError("store.disk_full")
    text = str(getattr(exc, "orig", exc)).lower()
    if "file is not a database" in text:
        return AppError("store.wrong_key")
    if "database is locked" in text or "database is busy" in text:
        return AppError("store.busy")
    if "disk is full" in text or "no space left" in text:
        return AppError("store.disk_full")
    if "malformed" in text:
        return AppError("store.corrupt", detail=text)
    if "disk i/o error" in text or "unable to open database" in text:
        if data_dir is not None and _free_bytes(data_dir) < _NEARLY_NO_SPACE:
            return AppError("store.disk_full")
        return AppError("io.error", path=DB_FILE, detail=text)
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        orig = getattr(link, "orig", None)
        if isinstance(orig, BaseException) and id(orig) not in seen:
            yield orig
        link = link.__cause__ or link.__context__


def _free_bytes(directory: Path) -> int:
    try:
        return shutil.disk_usage(directory).free
    except OSError:
        return _NEARLY_NO_SPACE


class Store:
    """The opened store: an engine, a reader factory and a writer unit of work."""

    def __init__(self, data_dir: Path, engine: Engine) -> None:
        self.data_dir = data_dir
        self.engine = engine
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(
            engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @property
    def path(self) -> Path:
        return self.data_dir / DB_FILE

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            try:
                yield session
            except sa.exc.OperationalError as exc:
                raise (translate_db_error(exc, self.data_dir) or exc) from exc
            except sa.exc.DatabaseError as exc:
                raise (translate_db_error(exc, self.data_dir) or exc) from exc

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything inside commits together or not at all."""
        with self._writer() as session:
            try:
                with session.begin():
                    yield session
            except sa.exc.DatabaseError as exc:
                raise (translate_db_error(exc, self.data_dir) or exc) from exc

    def close(self) -> None:
        self.engine.dispose()
