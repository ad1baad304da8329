"""Qt item models of the desktop app: adapters from service rows to views, nothing more.

A model here never touches the store itself: what it reads goes through ``ctx.op`` to the
database worker, and what comes back is kept in plain Python objects.
"""
