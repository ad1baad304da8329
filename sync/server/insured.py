"""The centre's side of the online check "is this CIN already insured?".

A check opens the sealed query (the device's signature first, then HPKE), looks the CIN up and
answers one of three states:

- ``insured``: the CIN is in ``insured_persons`` (registered by processing, regime ``tns``, or
  added by the operator for people insured under another regime), with its regime and the
  immatriculation masked;
- ``enrolment_in_progress``: an enrolment with this CIN was accepted and is not registered
  yet (``received`` or ``paper_received``), regime ``tns``, no number yet;
- ``not_found``: neither.

Each check is recorded in ``insured_checks`` in the same transaction that decides the answer:
the device, its point, the time, an HMAC-SHA256 of the CIN under the centre's audit key (never
the CIN), the state answered, and the hash of the query's nonce, unique, so a query seen before
is refused (``replayed``) and nothing of it is recorded twice. This module never logs and never
puts the CIN in an error.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, Engine, select

from sync.protocol import _wire as w
from sync.protocol.errors import ProtocolError
from sync.protocol.queries import (
    REGIMES,
    InsuredAnswer,
    SealedQuery,
    mask_immatriculation,
    open_query,
)
from sync.server import store
from sync.server.devices import Bearer
from sync.server.keys import CentreKeys

IN_PROGRESS: Final = ("received", "paper_received")


class InsuredError(Exception):
    """An operator's ``add-insured`` that cannot be done: printed as one line."""


def cin_hmac(keys: CentreKeys, cin: str) -> str:
    return hmac.new(keys.cin_audit_key(), cin.encode("ascii"), hashlib.sha256).hexdigest()


def _device_key(connection: Connection, device_id: str) -> Ed25519PublicKey:
    row = connection.execute(
        select(store.devices.c.public_key, store.devices.c.revoked_at).where(
            store.devices.c.device_id == device_id
        )
    ).first()
    if row is None:
        raise ProtocolError("unknown_device")
    if row.revoked_at is not None:
        raise ProtocolError("device_revoked")
    return Ed25519PublicKey.from_public_bytes(bytes(row.public_key))


def _look_up(connection: Connection, cin: str) -> tuple[str, str | None, str | None]:
    insured = connection.execute(
        select(store.insured_persons.c.regime, store.insured_persons.c.immatriculation).where(
            store.insured_persons.c.cin == cin
        )
    ).first()
    if insured is not None:
        number = insured.immatriculation
        return "insured", insured.regime, mask_immatriculation(number) if number else None
    cins, enrolments = store.enrolment_cins, store.enrolments
    pending = connection.execute(
        select(enrolments.c.id)
        .join(cins, cins.c.enrolment_uuid == enrolments.c.uuid)
        .where(cins.c.cin == cin, enrolments.c.status.in_(IN_PROGRESS))
        .limit(1)
    ).first()
    if pending is not None:
        return "enrolment_in_progress", "tns", None
    return "not_found", None, None


def check_insured(
    engine: Engine, keys: CentreKeys, who: Bearer, query: SealedQuery
) -> InsuredAnswer:
    """Answer ``query`` for the bearer token's device; raises :class:`ProtocolError`."""
    if query.header.device_id != who.device_id:
        raise ProtocolError("forbidden", "the token's device is not the query's")
    with store.transaction(engine) as connection:
        device_key = _device_key(connection, who.device_id)
    cin = open_query(query, keys.private_for(query.header.kem), device_key)
    digest = cin_hmac(keys, cin)
    now = store.utc_now()
    with store.transaction(engine) as connection:
        state, regime, masked = _look_up(connection, cin)
        recorded = store.insert_new(
            connection,
            store.insured_checks,
            [
                {
                    "at": now,
                    "device_id": who.device_id,
                    "point_code": who.point_code,
                    "cin_hmac": digest,
                    "nonce_hash": hashlib.sha256(query.header.nonce.encode("ascii")).hexdigest(),
                    "state": state,
                }
            ],
            ["nonce_hash"],
            "id",
        )
        if not recorded:
            raise ProtocolError("replayed", "insured check nonce already used")
    return InsuredAnswer(state, regime, masked, store.as_aware(now), query.header.nonce)


def add_insured(engine: Engine, cin: str, regime: str, immatriculation: str | None) -> None:
    """Record a person insured under ``regime`` (the operator's ``add-insured``)."""
    if w.CIN_RE.fullmatch(cin) is None:
        raise InsuredError(f"not a CIN (upper-case letters and digits, 10 at most): {cin!r}")
    if regime not in REGIMES:
        raise InsuredError(f"unknown regime {regime!r}: one of {', '.join(REGIMES)}")
    if immatriculation is not None and w.IMMATRICULATION_RE.fullmatch(immatriculation) is None:
        raise InsuredError("the immatriculation must be exactly 9 digits")
    table = store.insured_persons
    with store.transaction(engine) as connection:
        if connection.execute(select(table.c.cin).where(table.c.cin == cin)).first():
            raise InsuredError("this CIN is already insured: nothing was changed")
        if immatriculation is not None:
            enrolments = store.enrolments.c
            taken = (
                connection.execute(
                    select(table.c.cin).where(table.c.immatriculation == immatriculation)
                ).first()
                or connection.execute(
                    select(enrolments.id).where(
                        enrolments.assigned_immatriculation == immatriculation
                    )
                ).first()
            )
            if taken:
                raise InsuredError("this immatriculation is already someone's: nothing was changed")
        inserted = store.insert_new(
            connection,
            table,
            [
                {
                    "cin": cin,
                    "immatriculation": immatriculation,
                    "regime": regime,
                    "since": store.utc_now(),
                    "source": "operator",
                }
            ],
            ["cin"],
            "cin",
        )
        if not inserted:  # another process added it at the same moment
            raise InsuredError("this CIN is already insured: nothing was changed")
