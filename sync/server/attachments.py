"""Scans uploaded in chunks that resume: content-addressed by the SHA-256 of the sealed bytes.

A declaration fixes size and chunk size; each chunk is stored under (hash, index) once; the
centre answers which chunks are still missing. When the last one arrives the whole is checked
against the declared size and hash: a mismatch drops every chunk (committed) and then refuses
with ``bad_attachment``, so the device starts that scan over. An upload belongs to the device
that declared it first: any other device, even one that knows the hash, is refused with
``forbidden`` (403) and can neither write a chunk into it nor start it over with a new layout.
(Sealed bytes are sealed with a fresh key each time: two devices never hold the same ones
unless one copied them.) This module never decrypts a scan: the centre stores the sealed
bytes as they came.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Connection, Engine, select, update

from sync.protocol.errors import ProtocolError
from sync.server import store

MAX_ATTACHMENT_BYTES: Final = 256 * 1024 * 1024
MAX_CHUNK_BYTES: Final = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class UploadState:
    missing: list[int]
    complete: bool

    def to_wire(self) -> dict[str, object]:
        return {"missing": self.missing, "complete": self.complete}


def _missing(connection: Connection, sha256: str, chunk_count: int) -> list[int]:
    held = set(
        connection.execute(
            select(store.attachment_chunks.c.chunk_index).where(
                store.attachment_chunks.c.sha256 == sha256
            )
        ).scalars()
    )
    return [index for index in range(chunk_count) if index not in held]


def declare(engine: Engine, sha256: str, size: int, chunk_size: int, device_id: str) -> UploadState:
    if not 1 <= size <= MAX_ATTACHMENT_BYTES or not 1 <= chunk_size <= MAX_CHUNK_BYTES:
        raise ProtocolError("bad_request", "size or chunk_size out of range")
    chunk_count = -(-size // chunk_size)
    table = store.attachments
    with store.transaction(engine) as connection:
        store.insert_new(
            connection,
            table,
            [
                {
                    "sha256": sha256,
                    "size": size,
                    "chunk_size": chunk_size,
                    "chunk_count": chunk_count,
                    "device_id": device_id,
                    "declared_at": store.utc_now(),
                }
            ],
            ["sha256"],
            "sha256",
        )
        row = connection.execute(select(table).where(table.c.sha256 == sha256)).one()
        _check_owner(row.device_id, device_id)
        if row.completed_at is not None:
            if row.size != size:
                raise ProtocolError("bad_attachment", "complete with another size")
            return UploadState([], True)
        if (row.size, row.chunk_size) != (size, chunk_size):
            # A new declaration of an unfinished upload starts it over with the new layout.
            connection.execute(
                store.attachment_chunks.delete().where(store.attachment_chunks.c.sha256 == sha256)
            )
            connection.execute(
                update(table)
                .where(table.c.sha256 == sha256)
                .values(size=size, chunk_size=chunk_size, chunk_count=chunk_count)
            )
        return UploadState(_missing(connection, sha256, chunk_count), False)


def _check_owner(declared_by: str, device_id: str) -> None:
    if declared_by != device_id:
        raise ProtocolError("forbidden", "the attachment was declared by another device")


def put_chunk(engine: Engine, sha256: str, index: int, data: bytes, device_id: str) -> UploadState:
    table, chunks = store.attachments, store.attachment_chunks
    mismatch = False
    with store.transaction(engine) as connection:
        row = connection.execute(select(table).where(table.c.sha256 == sha256)).first()
        if row is None:
            raise ProtocolError("not_found", "attachment not declared")
        _check_owner(row.device_id, device_id)
        if row.completed_at is not None:
            return UploadState([], True)
        if not 0 <= index < row.chunk_count:
            raise ProtocolError("bad_request", "chunk index out of range")
        expected = (
            row.size - row.chunk_size * (row.chunk_count - 1)
            if index == row.chunk_count - 1
            else row.chunk_size
        )
        if len(data) != expected:
            raise ProtocolError("bad_request", "chunk length is not the declared one")
        store.insert_new(
            connection,
            chunks,
            [{"sha256": sha256, "chunk_index": index, "data": data}],
            ["sha256", "chunk_index"],
            "chunk_index",
        )
        missing = _missing(connection, sha256, row.chunk_count)
        if missing:
            return UploadState(missing, False)
        digest = hashlib.sha256()
        total = 0
        for part in connection.execute(
            select(chunks.c.data).where(chunks.c.sha256 == sha256).order_by(chunks.c.chunk_index)
        ).scalars():
            digest.update(part)
            total += len(part)
        if total == row.size and digest.hexdigest() == sha256:
            connection.execute(
                update(table).where(table.c.sha256 == sha256).values(completed_at=store.utc_now())
            )
            return UploadState([], True)
        connection.execute(chunks.delete().where(chunks.c.sha256 == sha256))
        mismatch = True
    if mismatch:  # refused only once the dropped chunks are committed
        raise ProtocolError("bad_attachment")
    return UploadState([], True)
