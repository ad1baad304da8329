"""The HTTP face of the reference centre: every endpoint of docs/protocol.md §3.

Bodies are read by hand (at most 16 MiB, counted while streaming, refused from
``Content-Length`` before any byte is read), answers are canonical JSON signed in
``X-Gamo-Signature`` with the centre's answer key, errors are ``{"error": {"code",
"message"}, "server_time"}`` with the protocol's codes. Database work runs in worker threads
and commits before the answer is built. Every refusal is logged and stored in ``refusals``
(code, route template, device or address: never a payload value). This module owns the HTTP
mapping; the rules live in ``ingest``, ``devices`` and ``attachments``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from fastapi import FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from sqlalchemy import Engine, func, select
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from sync.protocol.auth import ANSWER_SIGNATURE_HEADER, sign_answer
from sync.protocol.canonical import MAX_SAFE_INTEGER, canonical_bytes, parse_canonical
from sync.protocol.errors import ERROR_CODES, ProtocolError
from sync.protocol.queries import SealedQuery
from sync.protocol.schema import SCHEMA_VERSION, ReferenceDataItem, StatusUpdate
from sync.server import attachments, bounds, devices, insured, store
from sync.server.config import ServerConfig
from sync.server.ingest import ingest_batch
from sync.server.keys import CentreKeys, load_or_create_keys
from sync.server.ratelimit import TokenBuckets

log = logging.getLogger("sync.server")
MAX_JSON_BODY_BYTES = 64 * 1024
T = TypeVar("T")

SERVER_TIME_HEADER: Final = "X-Gamo-Server-Time"
BATCH_MEDIA_TYPE: Final = bounds.BATCH_MEDIA_TYPE
GZIP_MINIMUM_BYTES: Final = 512
POINT_CODE_RE: Final = re.compile(r"[0-9A-HJ-NP-Z]{2,8}", re.ASCII)
SHA256_RE: Final = re.compile(r"[0-9a-f]{64}", re.ASCII)
BATCH_ID_RE: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DEFAULT_UPDATES_PAGE: Final = 500

HTTP_STATUS: Final[dict[str, int]] = {
    "too_large": 413,
    "unknown_device": 401,
    "bad_signature": 401,
    "bad_token": 401,
    "token_expired": 401,
    "replayed": 401,
    "bad_activation_code": 403,
    "device_revoked": 403,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "unsupported_media_type": 415,
    "bad_attachment": 422,
    "rate_limited": 429,
    "server_error": 500,
}  # every other code is 400: the request itself is malformed


class RateLimited(ProtocolError):
    def __init__(self, retry_after: int) -> None:
        super().__init__("rate_limited", f"retry after {retry_after} s")
        self.retry_after = retry_after


def iso(moment: dt.datetime) -> str:
    """A stored naive-UTC (or aware) time as it travels."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.isoformat() + "Z"


@dataclass(slots=True)
class Centre:
    """What the running app holds: the database, the keys, the buckets."""

    config: ServerConfig
    engine: Engine
    keys: CentreKeys
    device_buckets: TokenBuckets
    address_buckets: TokenBuckets
    check_buckets: TokenBuckets

    @classmethod
    def open(cls, config: ServerConfig) -> Centre:
        keys = load_or_create_keys(config.data_dir, config.centre_kem)
        engine = store.open_engine(config.database_url)
        return cls(
            config,
            engine,
            keys,
            TokenBuckets(engine, "device", config.device_limit),
            TokenBuckets(engine, "address", config.address_limit),
            TokenBuckets(engine, "check", config.check_limit),
        )

    def answer(self, body: dict[str, object], status: int = 200, **headers: str) -> Response:
        now = iso(store.utc_now())
        raw = canonical_bytes({**body, "server_time": now})
        return self.signed(raw, status, headers)

    def signed(
        self, raw: bytes, status: int = 200, headers: dict[str, str] | None = None
    ) -> Response:
        response = Response(raw, status_code=status, media_type="application/json")
        response.headers[ANSWER_SIGNATURE_HEADER] = sign_answer(self.keys.answer_private, raw)
        response.headers[SERVER_TIME_HEADER] = iso(store.utc_now())
        for name, value in (headers or {}).items():
            response.headers[name] = value
        return response


def _centre(request: Request) -> Centre:
    centre: Centre = request.app.state.centre
    return centre


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def _db(function: Callable[..., T], *args: Any) -> T:
    return await run_in_threadpool(function, *args)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused as ``too_large`` before more than ``limit`` bytes are read."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ProtocolError("bad_request", "Content-Length")
        if int(declared) > limit:
            raise ProtocolError("too_large", "request body")
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise ProtocolError("too_large", "request body")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_object(request: Request) -> dict[str, Any]:
    """A JSON object body (canonical JSON is what clients send; any strict JSON is read).

    JSON bodies (activation, tokens, attachment declarations, insured checks) are a few
    hundred bytes: anything over :data:`MAX_JSON_BODY_BYTES` is refused unread, whatever the
    limit for batch frames and scan chunks.
    """
    bounds.require_content_type(request.headers.get("content-type"), bounds.JSON_MEDIA_TYPE)
    limit = min(MAX_JSON_BODY_BYTES, _centre(request).config.max_body_bytes)
    return bounds.parse_json_object(await read_body(request, limit))


def _text(body: dict[str, Any], name: str, limit: int = 256) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value or len(value) > limit:
        raise ProtocolError("bad_request", f"field {name!r}")
    return value


def _integer(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ProtocolError("bad_request", f"field {name!r}")
    return value


async def _throttle(buckets: TokenBuckets, key: str) -> None:
    """Take a token from ``key``'s bucket, which every process of the centre shares."""
    wait = await _db(buckets.take, key)
    if wait:
        raise RateLimited(wait)


async def bearer(request: Request) -> devices.Bearer:
    """The token's device, after its rate limit; a failed try counts against the address."""
    centre = _centre(request)
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else None
    try:
        who = await _db(devices.authenticate, centre.engine, token)
    except ProtocolError:
        await _throttle(centre.address_buckets, _address(request))
        raise
    request.state.device_id = who.device_id
    await _throttle(centre.device_buckets, who.device_id)
    return who


async def _refuse(request: Request, code: str, detail: str, status: int) -> Response:
    centre = _centre(request)
    route_object = request.scope.get("route")
    route = getattr(route_object, "path", None) or "unmatched"
    device_id = getattr(request.state, "device_id", None)
    address = _address(request)
    log.warning(
        "refused %s %s: %s (%s) device=%s address=%s",
        request.method,
        route,
        code,
        detail or "-",
        device_id or "-",
        address,
    )
    try:
        await _db(store.record_refusal, centre.engine, code, status, route, device_id, address)
    except Exception:  # the refusal still goes out; the log line above keeps the fact
        log.exception("could not store a refusal")
    message = ERROR_CODES[code] + (f" ({detail})" if detail else "")
    headers: dict[str, str] = {}
    if status == 429:
        headers["Retry-After"] = str(getattr(request.state, "retry_after", 1))
    return centre.answer({"error": {"code": code, "message": message}}, status, **headers)


async def _on_protocol_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, ProtocolError):  # registered for this class only
        return await _on_bug(request, error)
    if isinstance(error, RateLimited):
        request.state.retry_after = error.retry_after
    return await _refuse(request, error.code, error.detail, HTTP_STATUS.get(error.code, 400))


async def _on_http_error(request: Request, error: Exception) -> Response:
    status = getattr(error, "status_code", 400)
    code = "not_found" if status in (404, 405) else "bad_request"
    return await _refuse(request, code, f"HTTP {status}", 404 if code == "not_found" else 400)


async def _on_validation_error(request: Request, error: Exception) -> Response:
    return await _refuse(request, "bad_request", "query or path parameters", 400)


async def _on_bug(request: Request, error: Exception) -> Response:
    log.exception("server error on %s %s", request.method, request.url.path, exc_info=error)
    return await _refuse(request, "server_error", "", 500)


def _json_body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": properties,
                        "required": required,
                    }
                }
            },
        }
    }


_B64 = {"type": "string", "description": "base64url without padding"}
_ERRORS: dict[int | str, dict[str, Any]] = {
    "400": {"description": "bad request (protocol code in error.code)"},
    "401": {"description": "bad_token, token_expired, unknown_device, bad_signature, replayed"},
    "403": {"description": "forbidden, device_revoked, bad_activation_code"},
    "413": {"description": "too_large: body over 16 MiB"},
    "429": {"description": "rate_limited: see Retry-After"},
}


def create_app(config: ServerConfig) -> FastAPI:
    """The centre's ASGI app; keys and database open when it starts, not before."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        centre = await run_in_threadpool(Centre.open, config)
        app.state.centre = centre
        log.info("centre ready: data in %s", config.data_dir)
        try:
            yield
        finally:
            centre.engine.dispose()

    app = FastAPI(
        title="Guichet AMO central API (reference server)",
        version="1",
        description="See docs/protocol.md: sealed batches, signed answers, canonical JSON.",
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    # Acknowledgements list every item of a batch (about 70 bytes a claim as JSON): on a
    # 256 kbit/s link that was a third of the transfer. Compressed by HTTP, the signed bytes
    # stay the canonical JSON the client checks after decoding.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=9)
    app.add_exception_handler(ProtocolError, _on_protocol_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(Exception, _on_bug)

    @app.post(
        "/v1/devices",
        status_code=201,
        summary="Register a device's public key with a one-time activation code",
        responses=_ERRORS,
        openapi_extra=_json_body(
            {
                "point_code": {"type": "string"},
                "activation_code": {"type": "string"},
                "device_public_key": _B64,
            },
            ["point_code", "activation_code", "device_public_key"],
        ),
    )
    async def activate(request: Request) -> Response:
        centre = _centre(request)
        await _throttle(centre.address_buckets, _address(request))
        body = await read_object(request)
        point_code = _text(body, "point_code", 8)
        if not POINT_CODE_RE.fullmatch(point_code):
            raise ProtocolError("bad_request", "field 'point_code'")
        registered = await _db(
            devices.register_device,
            centre.engine,
            point_code,
            _text(body, "activation_code", 64),
            _text(body, "device_public_key", 64),
        )
        request.state.device_id = registered.device_id
        log.info("device registered: %s for point %s", registered.device_id, point_code)
        return centre.answer(
            {
                "device_id": registered.device_id,
                "point_code": registered.point_code,
                "centre_public_key": centre.keys.published_public_b64(),
                "centre_kem": centre.keys.published_kem,
                "centre_answer_key": centre.keys.answer_public_b64(),
            },
            201,
        )

    @app.post(
        "/v1/auth/challenge",
        summary="A one-time nonce (32 bytes, 2 minutes) for the device to sign",
        responses=_ERRORS,
        openapi_extra=_json_body({"device_id": {"type": "string"}}, ["device_id"]),
    )
    async def challenge(request: Request) -> Response:
        centre = _centre(request)
        await _throttle(centre.address_buckets, _address(request))
        device_id = _text(await read_object(request), "device_id", 64)
        request.state.device_id = device_id
        nonce, expires = await _db(
            devices.issue_challenge, centre.engine, device_id, config.challenge_lifetime
        )
        return centre.answer({"nonce": nonce, "expires_at": iso(expires)})

    @app.post(
        "/v1/auth/token",
        summary="A bearer token (15 minutes) for a signed challenge",
        responses=_ERRORS,
        openapi_extra=_json_body(
            {"device_id": {"type": "string"}, "nonce": _B64, "signature": _B64},
            ["device_id", "nonce", "signature"],
        ),
    )
    async def token(request: Request) -> Response:
        centre = _centre(request)
        await _throttle(centre.address_buckets, _address(request))
        body = await read_object(request)
        device_id = _text(body, "device_id", 64)
        request.state.device_id = device_id
        issued, expires = await _db(
            devices.issue_token,
            centre.engine,
            device_id,
            _text(body, "nonce", 64),
            _text(body, "signature", 128),
            config.token_lifetime,
        )
        return centre.answer({"token": issued, "expires_at": iso(expires)})

    @app.put(
        "/v1/batches/{batch_id}",
        summary="Upload a sealed batch; idempotent by batch id; answers the acknowledgement",
        responses={**_ERRORS, "409": {"description": "conflict: same id, other bytes"}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {BATCH_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    async def put_batch(batch_id: str, request: Request) -> Response:
        centre = _centre(request)
        who = await bearer(request)
        if not BATCH_ID_RE.fullmatch(batch_id):
            raise ProtocolError("bad_request", "batch id is not a UUID")
        bounds.require_content_type(request.headers.get("content-type"), BATCH_MEDIA_TYPE)
        frame = await read_body(request, config.max_body_bytes)
        result = await _db(_ingest, centre, frame, batch_id, who.device_id)
        return centre.signed(result)

    @app.get(
        "/v1/updates",
        summary="Processing updates for the token's point after a cursor, columnar",
        responses=_ERRORS,
    )
    async def updates(
        request: Request,
        after: int = Query(0, ge=0, le=MAX_SAFE_INTEGER),
        limit: int = Query(DEFAULT_UPDATES_PAGE, ge=1, le=config.updates_page_max),
    ) -> Response:
        centre = _centre(request)
        who = await bearer(request)
        if after < 0 or not 1 <= limit <= config.updates_page_max:
            raise ProtocolError("bad_request", "after or limit out of range")
        rows, more = await _db(_updates_after, centre.engine, who.point_code, after, limit)
        return centre.answer(
            {
                "schema": SCHEMA_VERSION,
                "updates": {"fields": list(StatusUpdate.FIELDS), "rows": rows},
                "next_cursor": rows[-1][0] if rows else after,
                "more": more,
            }
        )

    @app.get(
        "/v1/reference",
        summary="Reference data by version; If-None-Match gets 304",
        responses={**_ERRORS, "304": {"description": "not modified"}},
    )
    async def reference_data(request: Request) -> Response:
        centre = _centre(request)
        await bearer(request)
        version, items = await _db(_reference, centre.engine)
        etag = f'"{version}"'
        asked = request.headers.get("if-none-match", "")
        if version in {tag.strip().removeprefix("W/").strip('"') for tag in asked.split(",")}:
            response = Response(status_code=304)
            response.headers["ETag"] = etag
            response.headers[SERVER_TIME_HEADER] = iso(store.utc_now())
            return response
        return centre.answer(
            {
                "schema": SCHEMA_VERSION,
                "version": version,
                "items": {"fields": list(ReferenceDataItem.FIELDS), "rows": items},
            },
            ETag=etag,
        )

    @app.post(
        "/v1/attachments/{sha256}",
        summary="Declare a scan's size and chunk size; answers the chunks still missing",
        responses={**_ERRORS, "422": {"description": "bad_attachment"}},
        openapi_extra=_json_body(
            {"size": {"type": "integer"}, "chunk_size": {"type": "integer"}},
            ["size", "chunk_size"],
        ),
    )
    async def declare_attachment(sha256: str, request: Request) -> Response:
        centre = _centre(request)
        who = await bearer(request)
        if not SHA256_RE.fullmatch(sha256):
            raise ProtocolError("bad_request", "not a lowercase SHA-256")
        body = await read_object(request)
        state = await _db(
            attachments.declare,
            centre.engine,
            sha256,
            _integer(body, "size"),
            _integer(body, "chunk_size"),
            who.device_id,
        )
        return centre.answer(state.to_wire())

    @app.put(
        "/v1/attachments/{sha256}/chunks/{index}",
        summary="Upload one chunk; answers the chunks still missing",
        responses={
            **_ERRORS,
            "404": {"description": "not declared"},
            "422": {"description": "bad_attachment"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        },
    )
    async def put_chunk(sha256: str, index: int, request: Request) -> Response:
        centre = _centre(request)
        who = await bearer(request)
        if not SHA256_RE.fullmatch(sha256):
            raise ProtocolError("bad_request", "not a lowercase SHA-256")
        bounds.require_content_type(request.headers.get("content-type"), bounds.CHUNK_MEDIA_TYPE)
        data = await read_body(request, config.max_body_bytes)
        state = await _db(attachments.put_chunk, centre.engine, sha256, index, data, who.device_id)
        return centre.answer(state.to_wire())

    @app.post(
        "/v1/insured/check",
        summary="Is this CIN already insured? The CIN travels sealed to the centre",
        responses={
            **_ERRORS,
            "429": {"description": "rate_limited: 30 checks a minute per device; Retry-After"},
        },
        openapi_extra=_json_body(
            {
                "query": {
                    "type": "object",
                    "properties": {
                        "device_id": {"type": "string"},
                        "nonce": _B64,
                        "kem": {"type": "string", "enum": ["X25519", "MLKEM768_X25519"]},
                        "kdf": {"type": "string", "enum": ["HKDF_SHA256"]},
                        "aead": {"type": "string", "enum": ["AES_256_GCM"]},
                        "version": {"type": "integer", "enum": [1]},
                    },
                    "required": ["device_id", "nonce", "kem", "kdf", "aead", "version"],
                },
                "sealed": {**_B64, "description": "HPKE enc || ct of the CIN, base64url"},
                "signature": {**_B64, "description": "the device's Ed25519 signature"},
            },
            ["query", "sealed", "signature"],
        ),
    )
    async def insured_check(request: Request) -> Response:
        centre = _centre(request)
        who = await bearer(request)
        await _throttle(centre.check_buckets, who.device_id)
        body = await read_object(request)
        try:
            query = SealedQuery.from_wire(body)
        except ProtocolError as error:
            raise ProtocolError("bad_request", error.detail) from error
        answer = await _db(insured.check_insured, centre.engine, centre.keys, who, query)
        return centre.answer(answer.to_wire())

    @app.get("/v1/health", summary="Liveness, and the centre's time")
    async def health(request: Request) -> Response:
        return _centre(request).answer({"status": "ok"})

    return app


def _ingest(centre: Centre, frame: bytes, batch_id: str, device_id: str) -> bytes:
    with bounds.INGEST_GATE:
        result = ingest_batch(
            centre.engine, centre.keys, frame, path_batch_id=batch_id, token_device_id=device_id
        )
    if not result.replayed:
        log.info(
            "batch %s from device %s: %d accepted, %d rejected, %d duplicate",
            result.batch_id,
            device_id,
            result.accepted,
            result.rejected,
            result.duplicates,
        )
    return result.acknowledgement


def _updates_after(
    engine: Engine, point_code: str, after: int, limit: int
) -> tuple[list[list[object]], bool]:
    table = store.status_updates
    with store.transaction(engine) as connection:
        found = connection.execute(
            select(table)
            .where(table.c.point_code == point_code, table.c.cursor > after)
            .order_by(table.c.cursor)
            .limit(limit + 1)
        ).all()
    rows = []
    for row in found[:limit]:
        update = StatusUpdate(
            cursor=row.cursor,
            subject_kind=row.subject_kind,
            subject_uuid=row.subject_uuid,
            status=row.status,
            at=store.as_aware(row.at),
            amount_centimes=row.amount_centimes,
            effective_date=row.effective_date,
            reason=row.reason,
            immatriculation=row.immatriculation,
        )
        wire = update.to_wire()
        rows.append([wire[name] for name in StatusUpdate.FIELDS])
    return rows, len(found) > limit


def _reference(engine: Engine) -> tuple[str, list[list[object]]]:
    items = store.reference_items
    with store.transaction(engine) as connection:
        version = connection.execute(select(func.max(store.reference_versions.c.version))).scalar()
        found = connection.execute(select(items).order_by(items.c.kind, items.c.code)).all()
    rows = []
    for row in found:
        payload = parse_canonical(row.payload.encode("utf-8"))
        wire = ReferenceDataItem(
            kind=row.kind,
            code=row.code,
            version=row.version,
            payload=payload if isinstance(payload, dict) else {},
            active=row.active,
        ).to_wire()
        rows.append([wire[name] for name in ReferenceDataItem.FIELDS])
    return str(version or 0), rows
