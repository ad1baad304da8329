"""The local store: SQLAlchemy models, the SQLCipher engine, migrations, repositories.

Owns every byte written to the data directory's database. Never imports Qt; never talks to
the network; never decides business rules (``agent_app.domain`` does).
"""
