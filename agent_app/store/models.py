"""The tables of the store, as SQLAlchemy 2.0 typed models.

Conventions: every business record has an integer primary key for joins, a UUID (the
idempotency key on the wire) and, where people read it, a human number. Money is integer
centimes. Timestamps are naive UTC with the local offset kept beside them for display.
``seq`` columns come from one monotonic local counter and order events; the wall clock never
does. Nothing personal is deleted by the app except by the retention purge.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    orm,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.schema import DDL

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Setting(Base):
    """Small key/value facts of this store: point, device keys, parameters, audit head."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Counter(Base):
    """Named monotonic counters (the local event sequence)."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class DaySequence(Base):
    """Last receipt sequence used per point and local day."""

    __tablename__ = "day_sequences"
    point_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Batch(Base):
    """A digital upload unit: sealed once, immutable afterwards.

    States: ``sealed`` (frame stored, items marked) → ``sent`` (the centre received the whole
    frame) → ``acknowledged`` (every item's outcome applied) or ``refused`` (the centre refused
    the whole batch; its items went back to the outbox). The frame is the exact bytes that are
    (re)sent; a trigger refuses any change to it once stored.
    """

    __tablename__ = "batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sealed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    manifest_hash: Mapped[str | None] = mapped_column(String(64))  # header's payload_sha256
    device_id: Mapped[str | None] = mapped_column(String(64))
    point_code: Mapped[str | None] = mapped_column(String(8))
    frame: Mapped[bytes | None] = mapped_column(LargeBinary)
    counts: Mapped[str] = mapped_column(Text, server_default="{}")  # JSON {kind: n}
    # JSON [[kind, uuid], ...]: what the frame holds, kept even when items are requeued.
    items: Mapped[str] = mapped_column(Text, server_default="[]")
    acknowledgement: Mapped[bytes | None] = mapped_column(LargeBinary)  # the centre's bytes
    refused_code: Mapped[str | None] = mapped_column(String(32))
    refused_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    accepted_count: Mapped[int] = mapped_column(Integer, server_default="0")
    rejected_count: Mapped[int] = mapped_column(Integer, server_default="0")
    duplicate_count: Mapped[int] = mapped_column(Integer, server_default="0")
    requeued_count: Mapped[int] = mapped_column(Integer, server_default="0")


# The same statement runs in migration 0002; a later migration that copies the table must
# create it again (SQLite drops a table's triggers with the table).
BATCH_FRAME_IMMUTABLE = DDL(  # type: ignore[no-untyped-call]
    "CREATE TRIGGER batches_frame_immutable BEFORE UPDATE OF frame ON batches "
    "WHEN OLD.frame IS NOT NULL AND NEW.frame IS NOT OLD.frame "
    "BEGIN SELECT RAISE(ABORT, 'a sealed batch frame never changes'); END"
)
event.listen(Batch.__table__, "after_create", BATCH_FRAME_IMMUTABLE)


class Shipment(Base):
    """A physical envelope of paper files and its printed slip (bordereau d'envoi)."""

    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    point_code: Mapped[str] = mapped_column(String(8))
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    total_centimes: Mapped[int] = mapped_column(Integer, default=0)
    manifest_hash: Mapped[str | None] = mapped_column(String(64))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), index=True)


class Claim(Base):
    """A care-sheet deposit (dossier de remboursement) recorded at the counter."""

    __tablename__ = "claims"
    __table_args__ = (
        Index(
            "ix_claims_duplicate_key",
            "insured_immatriculation",
            "first_act_date",
            "declared_amount_centimes",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    point_code: Mapped[str] = mapped_column(String(8))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer)
    deposit_day: Mapped[dt.date] = mapped_column(Date, index=True)
    form_type: Mapped[str] = mapped_column(String(16))
    request_kind: Mapped[str] = mapped_column(String(16))
    insured_immatriculation: Mapped[str] = mapped_column(String(9))
    insured_name: Mapped[str] = mapped_column(String(120))
    insured_name_key: Mapped[str] = mapped_column(String(120), index=True)
    insured_cin: Mapped[str | None] = mapped_column(String(10), index=True)
    beneficiary_relationship: Mapped[str] = mapped_column(String(8))
    beneficiary_name: Mapped[str] = mapped_column(String(120))
    beneficiary_name_key: Mapped[str] = mapped_column(String(120), index=True)
    beneficiary_birth_date: Mapped[dt.date | None] = mapped_column(Date)
    beneficiary_sex: Mapped[str | None] = mapped_column(String(1))
    beneficiary_cin: Mapped[str | None] = mapped_column(String(10), index=True)
    care_type: Mapped[str] = mapped_column(String(16))
    care_categories: Mapped[str] = mapped_column(String(200))  # comma-separated codes
    first_act_date: Mapped[dt.date] = mapped_column(Date)
    end_of_treatment_date: Mapped[dt.date | None] = mapped_column(Date)
    declared_amount_centimes: Mapped[int] = mapped_column(Integer)
    document_count: Mapped[int] = mapped_column(Integer)
    prescriber_inpe: Mapped[str] = mapped_column(String(9))
    facility_inpe: Mapped[str | None] = mapped_column(String(9))
    fse_number: Mapped[str | None] = mapped_column(String(64), index=True)
    checklist: Mapped[str] = mapped_column(String(200))  # comma-separated items checked
    confirmations: Mapped[str] = mapped_column(Text, default="{}")  # JSON {code: reason}
    status: Mapped[str] = mapped_column(String(16), index=True)
    signature: Mapped[str] = mapped_column(String(100))  # device Ed25519 over the receipt
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"), index=True)
    voided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)

    clerk: Mapped[User | None] = orm.relationship(foreign_keys=[clerk_id])


class Enrolment(Base):
    """An AMO-TNS enrolment (form 328-1-01)."""

    __tablename__ = "enrolments"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("enrolments.id"))
    point_code: Mapped[str] = mapped_column(String(8))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer)
    deposit_day: Mapped[dt.date] = mapped_column(Date, index=True)
    last_name: Mapped[str] = mapped_column(String(80))
    first_name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(170), index=True)
    last_name_ar: Mapped[str | None] = mapped_column(String(80))
    first_name_ar: Mapped[str | None] = mapped_column(String(80))
    cin: Mapped[str] = mapped_column(String(10), index=True)
    immatriculation: Mapped[str | None] = mapped_column(String(9), index=True)  # declared
    nationality: Mapped[str] = mapped_column(String(2))
    mobile_phone: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    category_code: Mapped[str] = mapped_column(String(16))
    subcategory_code: Mapped[str] = mapped_column(String(16))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    home_line: Mapped[str] = mapped_column(String(200))
    home_district: Mapped[str] = mapped_column(String(80))
    home_commune: Mapped[str] = mapped_column(String(80))
    home_city: Mapped[str] = mapped_column(String(80))
    home_postal_code: Mapped[str] = mapped_column(String(5))
    work_line: Mapped[str] = mapped_column(String(200))
    work_district: Mapped[str] = mapped_column(String(80))
    work_commune: Mapped[str] = mapped_column(String(80))
    work_city: Mapped[str] = mapped_column(String(80))
    work_postal_code: Mapped[str] = mapped_column(String(5))
    signature_place: Mapped[str] = mapped_column(String(80))
    signature_date: Mapped[dt.date] = mapped_column(Date)
    notice_acknowledged_at: Mapped[dt.datetime] = mapped_column(DateTime)
    confirmations: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(16), index=True)
    signature: Mapped[str] = mapped_column(String(100))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), index=True)
    voided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)

    # The number CNSS assigned (a ``registered`` update); the declared one above stays as typed.
    # Last in the table: migration 0002 added it to existing stores.
    assigned_immatriculation: Mapped[str | None] = mapped_column(String(9), index=True)

    dependents: Mapped[list[Dependent]] = orm.relationship(
        back_populates="enrolment", order_by="Dependent.position"
    )


class Dependent(Base):
    __tablename__ = "dependents"
    __table_args__ = (UniqueConstraint("enrolment_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id"))
    position: Mapped[int] = mapped_column(Integer)
    relationship: Mapped[str] = mapped_column(String(8))
    last_name: Mapped[str] = mapped_column(String(80))
    first_name: Mapped[str] = mapped_column(String(80))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    cin: Mapped[str | None] = mapped_column(String(10), index=True)
    is_student: Mapped[bool] = mapped_column(Boolean, default=False)
    is_married: Mapped[bool] = mapped_column(Boolean, default=False)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_kafala: Mapped[bool] = mapped_column(Boolean, default=False)

    enrolment: Mapped[Enrolment] = orm.relationship(back_populates="dependents")


class StatusEvent(Base):
    """Append-only history of a claim's or an enrolment's status."""

    __tablename__ = "status_events"
    __table_args__ = (Index("ix_status_events_subject", "subject_kind", "subject_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    subject_kind: Mapped[str] = mapped_column(String(16))  # claim, enrolment
    subject_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)
    amount_centimes: Mapped[int | None] = mapped_column(Integer)
    effective_date: Mapped[dt.date | None] = mapped_column(Date)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(8))  # counter, cnss
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ReferenceItem(Base):
    """Versioned reference data from the centre (care categories, TNS categories, codes…)."""

    __tablename__ = "reference_items"
    __table_args__ = (UniqueConstraint("kind", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)  # JSON


class AuditEntry(Base):
    """One link of the hash-chained audit log; ``seq`` is gapless from 1."""

    __tablename__ = "audit_log"
    # Entries about one record (a receipt's prints decide original or DUPLICATA).
    __table_args__ = (Index("ix_audit_log_subject", "subject_kind", "subject_ref"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    subject_kind: Mapped[str | None] = mapped_column(String(16))
    subject_ref: Mapped[str | None] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text)  # canonical JSON, no personal data
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Outside the hashed fields: which batch carried the entry to the centre.
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), index=True)


class ItemAcknowledgement(Base):
    """The centre's verdict on one item of one batch (append-only, one row per answer)."""

    __tablename__ = "item_acknowledgements"
    __table_args__ = (Index("ix_item_acknowledgements_item", "kind", "item_uuid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # claim, enrolment, shipment, audit
    item_uuid: Mapped[str] = mapped_column(String(36))  # an audit entry's seq as text
    outcome: Mapped[str] = mapped_column(String(16))  # accepted, rejected, duplicate
    code: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime)  # the centre's received_at


class Attachment(Base):
    """A scan, content-addressed by the SHA-256 of its sealed (encrypted) bytes.

    The sealed bytes live in the row or, for large scans, in a file of the data directory
    named by ``file_ref`` (a name that reveals nothing); they are uploaded as they are.
    """

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_subject", "subject_kind", "subject_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    subject_kind: Mapped[str] = mapped_column(String(16))  # claim, enrolment
    subject_id: Mapped[int] = mapped_column(Integer)
    sealed_bytes: Mapped[bytes | None] = mapped_column(LargeBinary)
    file_ref: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    uploaded_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
