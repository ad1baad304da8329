"""The counter's end of the link: a transport on ``requests`` and a sync engine over an Outbox.

It never imports ``agent_app``: the app implements :class:`sync.client.outbox.Outbox`.
"""

from sync.client.engine import (
    ActivationResult,
    Backoff,
    SealPolicy,
    SenderBusy,
    SyncEngine,
    SyncProgress,
    SyncReport,
    activate,
    seal_all,
)
from sync.client.transport import SYNC_ERROR_CODES, SyncError, Transport, TransportError

__all__ = [
    "SYNC_ERROR_CODES",
    "ActivationResult",
    "Backoff",
    "SealPolicy",
    "SenderBusy",
    "SyncEngine",
    "SyncError",
    "SyncProgress",
    "SyncReport",
    "Transport",
    "TransportError",
    "activate",
    "seal_all",
]
