"""Alembic environment: always run programmatically on a connection the app opened.

The store is encrypted, so Alembic never opens it from a URL; ``agent_app.store.migrate``
hands over a live connection through ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from agent_app.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run through agent_app.store.migrate, on an open store")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copy
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
