"""Operator backups: a consistent, still-encrypted copy of the store, recorded in the audit log.

The copy is made with ``VACUUM INTO`` (SQLCipher writes it under the same key), so it opens
only with this point's key; ``keyinfo.json`` must be kept with it for a passphrase-held key.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from agent_app.errors import AppError
from agent_app.security.keystore import key_info_path
from agent_app.services.context import OPERATOR, Actor, Clock, system_clock
from agent_app.store.engine import Store
from agent_app.store.migrate import backup_to
from agent_app.store.repo import audit


def backup(
    store: Store, target: Path, actor: Actor = OPERATOR, *, clock: Clock = system_clock
) -> Path:
    """Write the backup to ``target`` and the key description beside it."""
    target = target.resolve()
    if target.exists():
        raise AppError("backup.exists", path=target)
    with store.write() as session:
        # The audit entry is in the copy too: a restored store shows when it was saved.
        audit(session, clock(), actor.username, "store.backup", None, target.name, {})
    backup_to(store, target)
    shutil.copyfile(key_info_path(store.data_dir), target.with_name(target.name + ".keyinfo.json"))
    return target
