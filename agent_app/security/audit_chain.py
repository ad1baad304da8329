"""The audit log's hash chain: each entry's hash covers its fields and the previous hash.

Pure functions only; the store appends entries and reads them back for ``verify``. Editing a
field, removing an entry or reordering entries breaks the chain at that entry; removing the
newest entries is caught by the head (last seq and hash) kept beside the log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64


def canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class AuditLink:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    subject_kind: str | None
    subject_ref: str | None
    details: str  # canonical JSON
    prev_hash: str
    hash: str


def link_hash(
    seq: int,
    at: dt.datetime,
    actor: str,
    action: str,
    subject_kind: str | None,
    subject_ref: str | None,
    details: str,
    prev_hash: str,
) -> str:
    body = canonical_json(
        [
            seq,
            at.isoformat(timespec="microseconds"),
            actor,
            action,
            subject_kind,
            subject_ref,
            details,
            prev_hash,
        ]
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def details_json(details: Mapping[str, object]) -> str:
    return canonical_json(dict(details))


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int
    reason: str  # hash_mismatch, prev_mismatch, gap, head_mismatch


def find_break(links: Iterable[AuditLink], head: tuple[int, str] | None) -> ChainBreak | None:
    """The first entry where the chain does not hold, or ``None`` when it is whole."""
    expected_seq = 1
    prev = GENESIS
    for link in links:
        if link.seq != expected_seq:
            return ChainBreak(expected_seq, "gap")
        if link.prev_hash != prev:
            return ChainBreak(link.seq, "prev_mismatch")
        recomputed = link_hash(
            link.seq,
            link.at,
            link.actor,
            link.action,
            link.subject_kind,
            link.subject_ref,
            link.details,
            link.prev_hash,
        )
        if recomputed != link.hash:
            return ChainBreak(link.seq, "hash_mismatch")
        prev = link.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head is not None and (head[0] != last_seq or head[1] != (prev if last_seq else GENESIS)):
        return ChainBreak(head[0] if head[0] > last_seq else last_seq, "head_mismatch")
    return None
