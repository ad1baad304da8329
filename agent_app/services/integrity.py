"""``verify``: is the store whole, and has nobody rewritten its history?

Three checks, cheapest first: SQLCipher's page HMACs (``cipher_integrity_check``: any byte
changed in the file outside SQLCipher), SQLite's structural check, and the audit hash chain
(any entry edited, removed or reordered through SQL, even with the key).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from agent_app.errors import AppError
from agent_app.security.audit_chain import ChainBreak, find_break
from agent_app.store.engine import Store
from agent_app.store.models import AuditEntry
from agent_app.store.repo import iter_audit_links, read_audit_head


@dataclass(frozen=True, slots=True)
class VerifyReport:
    cipher_problems: list[str]
    integrity_problems: list[str]
    audit_entries: int
    audit_break: ChainBreak | None

    @property
    def ok(self) -> bool:
        return not self.cipher_problems and not self.integrity_problems and not self.audit_break


def _pragma(store: Store, pragma: str) -> list[str]:
    """A checking pragma's rows; a page too damaged to read is itself the finding."""
    try:
        with store.engine.connect() as conn:
            return [str(r) for r in conn.exec_driver_sql(f"PRAGMA {pragma}").scalars()]
    except sa.exc.DatabaseError as exc:
        return [str(exc.orig)]


def verify(store: Store, *, full: bool = False) -> VerifyReport:
    cipher = _pragma(store, "cipher_integrity_check")
    structure = _pragma(store, "integrity_check" if full else "quick_check")
    try:
        with store.read() as session:
            count = session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) or 0
            broken = find_break(iter_audit_links(session), read_audit_head(session))
    except (sa.exc.DatabaseError, AppError) as exc:
        found = structure if structure != ["ok"] else [str(exc)]
        return VerifyReport(cipher, found, 0, None)
    return VerifyReport(
        cipher_problems=cipher,
        integrity_problems=[] if structure == ["ok"] else structure,
        audit_entries=int(count),
        audit_break=broken,
    )
