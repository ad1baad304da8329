"""The reference central API: FastAPI over SQLAlchemy (SQLite by default, PostgreSQL by URL).

It owns what the centre does with what counters send: device activation, tokens, ingest of
sealed batches with its own business rules, processing updates, reference data, attachments,
and the operator's command line (``python -m sync.server``). It shares only ``sync.protocol``
with the counter's client and must never import ``sync.client`` or ``agent_app``: it validates
every payload on its own, so a client bug cannot hide behind shared code.
"""
