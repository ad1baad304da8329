"""audit log: an index on what each entry is about

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 13:30:00

Whether a receipt is printed as the original or as a DUPLICATA is read from the audit log (a
``receipt.print`` entry for that receipt). Without an index that question read the whole log,
which grows with every claim, on every print. Adding the index changes no row.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_log_subject", "audit_log", ["subject_kind", "subject_ref"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_subject", table_name="audit_log")
