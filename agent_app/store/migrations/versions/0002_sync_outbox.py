"""sync outbox: sealed batch frames, item acknowledgements, attachments, assigned numbers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 09:00:00

Batches gain what a sealed batch needs (frame bytes, counts, the items inside, the centre's
acknowledgement bytes, a refusal code, per-outcome counts) and a trigger that keeps the frame
immutable once stored. Shipments and audit entries gain the batch that carries them (for the
audit log, a column outside the hashed fields: the chain is unchanged). Enrolments gain the
immatriculation CNSS assigns. New tables: one verdict per item per acknowledgement, and the
scans to upload. Every new column is nullable or has a server default, so rows of a 0001 store
upgrade with nothing lost. The new foreign-key columns of ``shipments`` and ``audit_log`` make
Alembic's batch mode rebuild those two tables (copy, drop, rename): :func:`migrate.upgrade`
turns foreign keys off for the migration and checks them all before it commits.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FRAME_TRIGGER = (
    "CREATE TRIGGER batches_frame_immutable BEFORE UPDATE OF frame ON batches "
    "WHEN OLD.frame IS NOT NULL AND NEW.frame IS NOT OLD.frame "
    "BEGIN SELECT RAISE(ABORT, 'a sealed batch frame never changes'); END"
)


def upgrade() -> None:
    with op.batch_alter_table("batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("point_code", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("frame", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("counts", sa.Text(), server_default="{}", nullable=False))
        batch_op.add_column(sa.Column("items", sa.Text(), server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("acknowledgement", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("refused_code", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("refused_at", sa.DateTime(), nullable=True))
        for name in ("accepted_count", "rejected_count", "duplicate_count", "requeued_count"):
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default="0", nullable=False))
        batch_op.create_index(batch_op.f("ix_batches_state"), ["state"], unique=False)
    op.execute(FRAME_TRIGGER)

    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "batch_id",
                sa.Integer(),
                sa.ForeignKey("batches.id", name=op.f("fk_shipments_batch_id_batches")),
                nullable=True,
            )
        )
        batch_op.create_index(batch_op.f("ix_shipments_batch_id"), ["batch_id"], unique=False)

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "batch_id",
                sa.Integer(),
                sa.ForeignKey("batches.id", name=op.f("fk_audit_log_batch_id_batches")),
                nullable=True,
            )
        )
        batch_op.create_index(batch_op.f("ix_audit_log_batch_id"), ["batch_id"], unique=False)

    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("assigned_immatriculation", sa.String(length=9), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_enrolments_assigned_immatriculation"),
            ["assigned_immatriculation"],
            unique=False,
        )

    op.create_table(
        "item_acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("item_uuid", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batches.id"], name=op.f("fk_item_acknowledgements_batch_id_batches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_acknowledgements")),
    )
    with op.batch_alter_table("item_acknowledgements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_item_acknowledgements_batch_id"), ["batch_id"], unique=False
        )
        batch_op.create_index("ix_item_acknowledgements_item", ["kind", "item_uuid"], unique=False)

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("sealed_bytes", sa.LargeBinary(), nullable=True),
        sa.Column("file_ref", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("sha256", name=op.f("uq_attachments_sha256")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attachments_subject", ["subject_kind", "subject_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attachments_uploaded_at"), ["uploaded_at"], unique=False
        )


def downgrade() -> None:
    op.drop_table("attachments")
    op.drop_table("item_acknowledgements")
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolments_assigned_immatriculation"))
        batch_op.drop_column("assigned_immatriculation")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_batch_id"))
        batch_op.drop_column("batch_id")
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipments_batch_id"))
        batch_op.drop_column("batch_id")
    op.execute("DROP TRIGGER IF EXISTS batches_frame_immutable")
    with op.batch_alter_table("batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batches_state"))
        for name in (
            "requeued_count",
            "duplicate_count",
            "rejected_count",
            "accepted_count",
            "refused_at",
            "refused_code",
            "acknowledgement",
            "items",
            "counts",
            "frame",
            "device_id",
            "point_code",
        ):
            batch_op.drop_column(name)
