"""The centre's tables and the engine that holds them (SQLite by default, PostgreSQL by URL).

Tables are created with ``metadata.create_all`` by :func:`prepare_schema`, once, under a lock
(a PostgreSQL advisory lock; SQLite's write lock), so any number of processes may start
together: this reference server has no migrations yet. Uniqueness (a batch id, an item uuid,
an audit seq per device) is guarded by unique constraints and dialect inserts with ``ON
CONFLICT DO NOTHING ... RETURNING``, never by a check-then-insert. Times are stored as naive
UTC. This module owns the schema and the engine; it must never decide whether an item is
acceptable (that is ``ingest``'s job).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Double,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from sync.protocol.canonical import canonical_bytes
from sync.server import reference

metadata = MetaData()

# psycopg parses each multi-row INSERT's placeholders in Python: pages of 200 rows keep that
# parse cached and cheap (measured: about twice the claims per second of pages of 1,000).
POSTGRES_INSERT_PAGE_ROWS = 200
_Id = BigInteger().with_variant(Integer(), "sqlite")  # SQLite needs INTEGER for its rowid
# The key of the PostgreSQL advisory lock schema preparation holds: any constant, the same in
# every process and version of the centre ("GAMO" "SCHM" in ASCII).
SCHEMA_LOCK_KEY = 0x47414D4F_5343484D

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("point_code", String(8), nullable=False, index=True),
    Column("public_key", LargeBinary(32), nullable=False),
    Column("registered_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
)

activation_codes = Table(
    "activation_codes",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("point_code", String(8), nullable=False),
    Column("issued_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),
    Column("device_id", String(64)),
)

auth_challenges = Table(
    "auth_challenges",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("nonce_hash", String(64), nullable=False, unique=True),
    Column("device_id", String(64), ForeignKey("devices.device_id"), nullable=False),
    Column("issued_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("device_id", String(64), ForeignKey("devices.device_id"), nullable=False),
    Column("issued_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

batches = Table(
    "batches",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("batch_id", String(36), nullable=False, unique=True),
    Column("device_id", String(64), nullable=False),
    Column("point_code", String(8), nullable=False, index=True),
    Column("frame_sha256", String(64), nullable=False),
    Column("received_at", DateTime, nullable=False),
    Column("source", String(8), nullable=False),  # "http" or "import"
    Column("claims", Integer, nullable=False, default=0),
    Column("enrolments", Integer, nullable=False, default=0),
    Column("shipments", Integer, nullable=False, default=0),
    Column("audit_entries", Integer, nullable=False, default=0),
    Column("accepted", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("acknowledgement", LargeBinary, nullable=False),
)


def _recorded_columns() -> list[Column[Any]]:
    """What claims, enrolments and shipments share: identity, origin, centre status."""
    return [
        Column("id", _Id, primary_key=True, autoincrement=True),
        Column("uuid", String(36), nullable=False, unique=True),
        Column("point_code", String(8), nullable=False, index=True),
        Column("device_id", String(64), nullable=False),
        Column("batch_id", String(36), nullable=False, index=True),
        Column("received_at", DateTime, nullable=False),
        # received, rejected, superseded, then CNSS processing statuses
        Column("status", String(16), nullable=False, index=True),
        Column("rejection_code", String(32)),
        Column("rejection_message", Text),
        Column("item", Text, nullable=False),  # the item as canonical JSON, as it travelled
    ]


claims = Table(
    "claims",
    metadata,
    *_recorded_columns(),
    Column("receipt_no", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("supersedes_uuid", String(36), index=True),
    Column("superseded_by", String(36)),
    Column("declared_amount_centimes", BigInteger, nullable=False),
    Column("deposit_day", Date, nullable=False),
)

enrolments = Table(
    "enrolments",
    metadata,
    *_recorded_columns(),
    Column("receipt_no", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("supersedes_uuid", String(36), index=True),
    Column("superseded_by", String(36)),
    Column("deposit_day", Date, nullable=False),
    Column("assigned_immatriculation", String(9), unique=True),
)

shipments = Table(
    "shipments",
    metadata,
    *_recorded_columns(),
    Column("number", String(40), nullable=False),
)

# Which claims' paper each envelope holds, as the envelope listed them: one row per pair, so
# a batch sent again, or a claim named twice, never links twice.
shipment_claims = Table(
    "shipment_claims",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("shipment_uuid", String(36), nullable=False),
    Column("claim_uuid", String(36), nullable=False, index=True),
    Column("point_code", String(8), nullable=False),
    UniqueConstraint("shipment_uuid", "claim_uuid", name="uq_shipment_claim"),
)

# The manifest check of each accepted envelope: ``verified`` (recomputed from the claims held,
# equal to the slip's), ``awaiting_claims`` (some of its claims have not arrived yet: checked
# again when they do) or ``mismatch`` (found different once they all arrived).
shipment_manifests = Table(
    "shipment_manifests",
    metadata,
    Column("shipment_uuid", String(36), primary_key=True),
    Column("state", String(16), nullable=False, index=True),
    Column("checked_at", DateTime, nullable=False),
)

audit_entries = Table(
    "audit_entries",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("device_id", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("point_code", String(8), nullable=False),
    Column("batch_id", String(36), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("action", String(32), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("item", Text, nullable=False),
    UniqueConstraint("device_id", "seq", name="uq_audit_device_seq"),
)

status_updates = Table(
    "status_updates",
    metadata,
    Column("cursor", _Id, primary_key=True, autoincrement=True),
    Column("subject_kind", String(16), nullable=False),
    Column("subject_uuid", String(36), nullable=False),
    Column("point_code", String(8), nullable=False),
    Column("status", String(16), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("amount_centimes", BigInteger),
    Column("effective_date", Date),
    Column("reason", Text),
    Column("immatriculation", String(9)),
    Index("ix_status_updates_point_cursor", "point_code", "cursor"),
    sqlite_autoincrement=True,  # a cursor is never reused, even after a delete
)

reference_versions = Table(
    "reference_versions",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("published_at", DateTime, nullable=False),
)

reference_items = Table(
    "reference_items",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("code", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON
    Column("active", Boolean, nullable=False, default=True),
    UniqueConstraint("kind", "code", name="uq_reference_kind_code"),
)

refusals = Table(
    "refusals",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("code", String(32), nullable=False, index=True),
    Column("status", Integer, nullable=False),
    Column("route", String(64), nullable=False),  # the route's template: no ids, no values
    Column("device_id", String(64)),
    Column("client_address", String(64)),
)

attachments = Table(
    "attachments",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("chunk_size", Integer, nullable=False),
    Column("chunk_count", Integer, nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("declared_at", DateTime, nullable=False),
    Column("completed_at", DateTime),
)

attachment_chunks = Table(
    "attachment_chunks",
    metadata,
    Column("sha256", String(64), ForeignKey("attachments.sha256"), primary_key=True),
    Column("chunk_index", Integer, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
)


# The online check "is this CIN already insured?" (docs/protocol.md, "Insured check").
# People the centre knows as insured: registered by processing (regime ``tns``) or added by the
# operator for people insured under another regime. One row per CIN.
insured_persons = Table(
    "insured_persons",
    metadata,
    Column("cin", String(10), primary_key=True),
    Column("immatriculation", String(9), unique=True),
    Column("regime", String(16), nullable=False),
    Column("since", DateTime, nullable=False),
    Column("source", String(16), nullable=False),  # "registration" or "operator"
)

# The CIN of every enrolment the centre stored, so an enrolment received but not registered yet
# is found by CIN without reading every enrolment's JSON.
enrolment_cins = Table(
    "enrolment_cins",
    metadata,
    Column("enrolment_uuid", String(36), primary_key=True),
    Column("cin", String(10), nullable=False, index=True),
)

# One row per check answered, for the auditor: who asked and when, a keyed hash of the CIN
# (HMAC-SHA256 under a key of the centre's: equal CINs compare equal, the CIN is not there)
# and the state answered. The unique nonce hash refuses a query seen before.
insured_checks = Table(
    "insured_checks",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("point_code", String(8), nullable=False, index=True),
    Column("cin_hmac", String(64), nullable=False, index=True),
    Column("nonce_hash", String(64), nullable=False, unique=True),
    Column("state", String(24), nullable=False),
)

# Rate-limit token buckets (``sync.server.ratelimit``), shared by every process of the centre:
# ``tokens`` left after the last request at ``at`` (seconds since the epoch), and whether that
# request was let through. One row per (bucket, key); a row idle long enough to be full again is
# deleted, since no row means a full bucket.
rate_buckets = Table(
    "rate_buckets",
    metadata,
    Column("bucket", String(16), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("tokens", Double, nullable=False),
    Column("at", Double, nullable=False, index=True),
    Column("granted", Boolean, nullable=False),
)


def utc_now() -> dt.datetime:
    """Server time as stored: naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def as_aware(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC)


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # SQLAlchemy emits BEGIN itself (below); the driver must not open transactions on its own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 30000")  # the CLI and the server share the file
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")  # committed means on disk: then we answer
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front: two writers queue on busy_timeout instead of
    # one of them failing with "database is locked" when it upgrades a read lock.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def connect(url: str) -> Engine:
    """The engine for ``url``, its tables as they are (see :func:`prepare_schema`)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url,
        pool_size=8,
        max_overflow=8,
        pool_pre_ping=True,
        insertmanyvalues_page_size=POSTGRES_INSERT_PAGE_ROWS,
    )


def open_engine(url: str) -> Engine:
    """The engine for ``url`` with every table created and reference data seeded."""
    engine = connect(url)
    try:
        prepare_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def prepare_schema(engine: Engine) -> None:
    """Bring the database to this version's schema and seed it, once, whoever else is starting.

    One transaction under a lock: on PostgreSQL an advisory transaction lock (DDL is
    transactional there, so a second process waits, then finds every table made); on SQLite the
    ``BEGIN IMMEDIATE`` every transaction starts with, the database's write lock. Nine
    processes started together on an empty PostgreSQL database all start (without the lock,
    about half died of ``UniqueViolation`` on PostgreSQL's catalogue). This is the one place
    the schema changes: the step migrations will take over.
    """
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(CAST(:key AS bigint))"),
                {"key": SCHEMA_LOCK_KEY},
            )
        index_missing = not inspect(connection).has_table(enrolment_cins.name)
        metadata.create_all(connection)
        seed_reference(connection)
        if index_missing:
            backfill_insured(connection)


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    with engine.begin() as connection:
        yield connection


def insert_ignoring(connection: Connection, table: Table, *conflict_columns: str) -> Insert:
    """``INSERT ... ON CONFLICT (columns) DO NOTHING`` in the connection's dialect."""
    statement: Any
    if connection.dialect.name == "postgresql":
        statement = postgresql.insert(table).on_conflict_do_nothing(
            index_elements=list(conflict_columns)
        )
    elif connection.dialect.name == "sqlite":
        statement = sqlite.insert(table).on_conflict_do_nothing(
            index_elements=list(conflict_columns)
        )
    else:
        raise RuntimeError(f"no ON CONFLICT insert for {connection.dialect.name}")
    result: Insert = statement
    return result


def insert_new(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, object]],
    conflict_columns: Sequence[str],
    returned: str,
) -> set[Any]:
    """Insert ``rows`` in bulk, skipping those that clash; the ``returned`` values inserted."""
    if not rows:
        return set()
    statement = insert_ignoring(connection, table, *conflict_columns).returning(table.c[returned])
    return set(connection.execute(statement, list(rows)).scalars().all())


def record_refusal(
    engine: Engine, code: str, status: int, route: str, device_id: str | None, address: str
) -> None:
    """One refused request, for stats and the auditor: codes and origins, never a value."""
    with engine.begin() as connection:
        connection.execute(
            refusals.insert().values(
                at=utc_now(),
                code=code,
                status=status,
                route=route[:64],
                device_id=device_id,
                client_address=address[:64],
            )
        )


def seed_reference(connection: Connection) -> None:
    """Publish reference data version 1 if nothing was ever published."""
    if connection.execute(select(func.count()).select_from(reference_versions)).scalar_one():
        return
    inserted = insert_new(
        connection,
        reference_versions,
        [{"version": 1, "published_at": utc_now()}],
        ["version"],
        "version",
    )
    if not inserted:
        return  # another process seeded it at the same moment
    connection.execute(
        reference_items.insert(),
        [
            {
                "kind": kind,
                "code": code,
                "version": 1,
                "payload": canonical_bytes(payload).decode("utf-8"),
                "active": True,
            }
            for kind, code, payload in reference.seed_items()
        ],
    )


def publish_parameter(engine: Engine, code: str, value: int) -> int:
    """Publish a new value of the rule parameter ``code`` as a new reference data version.

    The item takes the new version number, so every device's next ``GET /v1/reference``
    (whose ``If-None-Match`` names the old version) receives it. Returns that version.
    """
    with engine.begin() as connection:
        latest = connection.execute(select(func.max(reference_versions.c.version))).scalar()
        version = int(latest or 0) + 1
        connection.execute(
            reference_versions.insert().values(version=version, published_at=utc_now())
        )
        payload = canonical_bytes({"value": value}).decode("utf-8")
        items = reference_items.c
        changed = connection.execute(
            update(reference_items)
            .where(items.kind == "parameter", items.code == code)
            .values(payload=payload, version=version, active=True)
        )
        if not changed.rowcount:
            connection.execute(
                reference_items.insert().values(
                    kind="parameter", code=code, version=version, payload=payload, active=True
                )
            )
    return version


def index_enrolment_cins(connection: Connection, pairs: Sequence[tuple[str, str]]) -> None:
    """Record the CIN of each stored enrolment, ``(enrolment_uuid, cin)``; once per enrolment."""
    if pairs:
        connection.execute(
            insert_ignoring(connection, enrolment_cins, "enrolment_uuid"),
            [{"enrolment_uuid": uuid, "cin": cin} for uuid, cin in pairs],
        )


def register_insured(
    connection: Connection, people: Sequence[tuple[str, str | None]], regime: str, source: str
) -> None:
    """Record ``(cin, immatriculation)`` people as insured from now on; a CIN the centre already
    holds as insured keeps its row (its regime and number stay what they were)."""
    unique: dict[str, str | None] = {}
    for cin, number in people:
        unique.setdefault(cin, number)  # the first of one CIN's rows decides
    if unique:
        now = utc_now()
        connection.execute(
            insert_ignoring(connection, insured_persons, "cin"),
            [
                {
                    "cin": cin,
                    "immatriculation": number,
                    "regime": regime,
                    "since": now,
                    "source": source,
                }
                for cin, number in unique.items()
            ],
        )


def backfill_insured(connection: Connection) -> None:
    """Fill ``enrolment_cins`` and ``insured_persons`` from the enrolments a centre held before
    those tables existed (run once, when they are created)."""
    pairs: list[tuple[str, str]] = []
    registered: list[tuple[str, str | None]] = []
    columns = enrolments.c
    for row in connection.execute(
        select(columns.uuid, columns.status, columns.item, columns.assigned_immatriculation)
    ):
        cin = json.loads(row.item).get("cin")
        if not isinstance(cin, str) or not cin:
            continue
        pairs.append((row.uuid, cin))
        if row.status == "registered":
            registered.append((cin, row.assigned_immatriculation))
    index_enrolment_cins(connection, pairs)
    register_insured(connection, registered, "tns", "registration")
