"""The HTTP link to the centre: one method per endpoint of docs/protocol.md §3, on ``requests``.

This module owns how the counter talks to the centre: TLS always verified (a custom CA file may
be given), plain ``http://`` only to a loopback host, connect and read timeouts on every
request, redirects never followed. Every answer is checked before anything trusts it: a 2xx must
be canonical JSON of the endpoint's shape signed by the centre's answer key
(``X-Gamo-Signature``); anything else (a captive portal's page, a proxy's, a cut body) is a
``not_ours`` failure, never an acknowledgement. Every failure is one exception type,
:class:`SyncError`, carrying a stable code the app turns into a message in the clerk's language.

It must never log or put into an error a byte of a request or answer body: bodies hold sealed
frames and, in status updates, subjects' identifiers.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Final, Self, TypeVar
from urllib.parse import quote, urlsplit

import requests
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from requests.structures import CaseInsensitiveDict

from sync.protocol import _wire as w
from sync.protocol.auth import ANSWER_SIGNATURE_HEADER, b64url, from_b64url, verify_answer
from sync.protocol.canonical import CanonicalError, canonical_bytes, parse_canonical
from sync.protocol.envelope import CentrePublicKey
from sync.protocol.errors import ERROR_CODES, ProtocolError
from sync.protocol.queries import ANSWER_KEYS, InsuredAnswer, SealedQuery
from sync.protocol.schema import BatchAcknowledgement, ReferenceDataItem, StatusUpdate

# Failures of the link itself, next to the protocol's own codes: as stable as those.
TRANSPORT_ERROR_CODES: Final[dict[str, str]] = {
    "network": "the centre could not be reached, or the connection dropped mid-answer",
    "timeout": "the centre did not connect or answer within the timeout",
    "tls": "the centre's TLS certificate could not be verified",
    "not_ours": "the answer is not the centre's (a captive portal, a proxy page, a cut body)",
    "server_unavailable": "the centre or a gateway in front of it failed (5xx)",
    "insecure_url": "plain http:// is allowed only to this machine (loopback)",
}
# Failures of the engine's own rules, for the same message catalogue in the app.
CLIENT_ERROR_CODES: Final[dict[str, str]] = {
    "not_activated": "the point was never activated: there is no device identity",
    "another_sender": "another sync pass holds the sender lock",
}
SYNC_ERROR_CODES: Final[dict[str, str]] = {
    **ERROR_CODES,
    **TRANSPORT_ERROR_CODES,
    **CLIENT_ERROR_CODES,
}

BATCH_MEDIA_TYPE: Final = "application/vnd.gamo.batch"
CHUNK_MEDIA_TYPE: Final = "application/octet-stream"
_JSON_MEDIA_TYPE: Final = "application/json"
# Above any answer of ours (a reference data page, an acknowledgement of 1,000 items).
MAX_ANSWER_BYTES: Final = 32 * 1024 * 1024
_LOOPBACK_NAMES: Final = frozenset({"localhost"})
_X25519_KEY_BYTES: Final = 32
_MLKEM768_KEY_BYTES: Final = 1184

Clock = Callable[[], dt.datetime]
_T = TypeVar("_T")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SyncError(Exception):
    """A sync failure with a stable ``code`` from :data:`SYNC_ERROR_CODES`.

    ``retry_after`` is the centre's ``Retry-After`` in seconds (429, 503); ``http_status`` the
    answer's status when there was one. The message is for logs and holds no personal data.
    """

    def __init__(
        self,
        code: str,
        retry_after: float | None = None,
        http_status: int | None = None,
        detail: str = "",
    ) -> None:
        if code not in SYNC_ERROR_CODES:
            raise ValueError(f"unknown sync error code {code!r}")
        parts = [code]
        if http_status is not None:
            parts.append(f"HTTP {http_status}")
        if detail:
            parts.append(detail)
        super().__init__(": ".join(parts))
        self.code = code
        self.retry_after = retry_after
        self.http_status = http_status
        self.detail = detail


class TransportError(SyncError):
    """A failure of the link rather than a refusal by the centre; ``kind`` is its code."""

    def __init__(
        self,
        kind: str,
        retry_after: float | None = None,
        http_status: int | None = None,
        detail: str = "",
    ) -> None:
        if kind not in TRANSPORT_ERROR_CODES:
            raise ValueError(f"unknown transport error kind {kind!r}")
        super().__init__(kind, retry_after, http_status, detail)

    @property
    def kind(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds to open a connection, and to wait between bytes of an answer."""

    connect: float = 10.0
    read: float = 60.0


@dataclass(frozen=True, slots=True)
class ClockSample:
    """One answer's ``server_time`` and the device's instants around its request."""

    sent_at: dt.datetime
    received_at: dt.datetime
    server_time: dt.datetime

    def offset_seconds(self) -> float:
        """Centre minus device, taking the centre's instant as the request's midpoint."""
        midpoint = self.sent_at + (self.received_at - self.sent_at) / 2
        return (self.server_time - midpoint).total_seconds()


@dataclass(frozen=True, slots=True)
class ActivationAnswer:
    device_id: str
    point_code: str
    centre_public_key: CentrePublicKey
    centre_kem: str
    centre_answer_key: Ed25519PublicKey
    server_time: dt.datetime
    centre_public_key_text: str = ""  # the wire form, base64url: what a store keeps


@dataclass(frozen=True, slots=True)
class Challenge:
    nonce: str
    expires_at: dt.datetime
    server_time: dt.datetime


@dataclass(frozen=True, slots=True)
class Token:
    token: str
    expires_at: dt.datetime  # centre time
    server_time: dt.datetime


@dataclass(frozen=True, slots=True)
class UpdatesPage:
    updates: tuple[StatusUpdate, ...]
    next_cursor: int
    more: bool
    server_time: dt.datetime


@dataclass(frozen=True, slots=True)
class ReferenceData:
    version: str
    items: tuple[ReferenceDataItem, ...]
    etag: str | None
    server_time: dt.datetime


@dataclass(frozen=True, slots=True)
class AttachmentStatus:
    missing: tuple[int, ...]
    complete: bool


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    body: dict[str, object]
    raw: bytes
    headers: Mapping[str, str]


def check_server_url(base_url: str) -> str:
    """``base_url`` without its trailing slash; :class:`TransportError` ``insecure_url`` for
    plain http to anything but this machine, or for any other scheme."""
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return base_url.rstrip("/")
    if parts.scheme == "http" and _is_loopback(host):
        return base_url.rstrip("/")
    raise TransportError("insecure_url", detail=f"scheme {parts.scheme!r} to host {host!r}")


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def decode_centre_public_key(kem: str, text: str) -> CentrePublicKey:
    """The centre's HPKE public key from its wire form: raw X25519, or for the hybrid the raw
    ML-KEM-768 key followed by the raw X25519 key."""
    try:
        raw = from_b64url(text)
        if kem == "X25519" and len(raw) == _X25519_KEY_BYTES:
            return X25519PublicKey.from_public_bytes(raw)
        if kem == "MLKEM768_X25519" and len(raw) == _MLKEM768_KEY_BYTES + _X25519_KEY_BYTES:
            return hpke.MLKEM768X25519PublicKey(
                mlkem.MLKEM768PublicKey.from_public_bytes(raw[:_MLKEM768_KEY_BYTES]),
                X25519PublicKey.from_public_bytes(raw[_MLKEM768_KEY_BYTES:]),
            )
    except ValueError as error:
        raise TransportError("not_ours", detail="centre_public_key") from error
    raise TransportError("not_ours", detail="centre_public_key or centre_kem")


def decode_answer_key(text: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(from_b64url(text))
    except ValueError as error:
        raise TransportError("not_ours", detail="centre_answer_key") from error


class Transport:
    """The centre's API over one ``requests.Session``; close it (or use ``with``)."""

    def __init__(
        self,
        base_url: str,
        ca_file: str | None = None,
        timeouts: Timeouts = Timeouts(),
        answer_key: Ed25519PublicKey | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self.answer_key = answer_key
        self.timeouts = timeouts
        self.last_clock_sample: ClockSample | None = None
        self._clock = clock
        self._verify: str | bool = ca_file or True
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "guichet-amo-sync/1"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # The endpoints, in the order of docs/protocol.md §3.

    def activate(
        self, point_code: str, activation_code: str, device_public_key: Ed25519PublicKey
    ) -> ActivationAnswer:
        body = {
            "point_code": point_code,
            "activation_code": activation_code,
            "device_public_key": b64url(device_public_key.public_bytes_raw()),
        }
        answer = self._exchange(
            "POST",
            "/v1/devices",
            json_body=body,
            expect=(201,),
            keys=(
                "device_id",
                "point_code",
                "centre_public_key",
                "centre_kem",
                "centre_answer_key",
                "server_time",
            ),
            # The answer key arrives in this very answer: checking the signature with it proves
            # the body whole and of a centre holding that key; TLS proves which centre.
            key_from_body=True,
        )
        r = w.Reader(answer.body, "activation")
        try:
            kem = r.text("centre_kem")
            key_text = r.text("centre_public_key")
            result = ActivationAnswer(
                device_id=r.text("device_id"),
                point_code=r.text("point_code"),
                centre_public_key=decode_centre_public_key(kem, key_text),
                centre_kem=kem,
                centre_answer_key=decode_answer_key(r.text("centre_answer_key")),
                server_time=r.moment("server_time"),
                centre_public_key_text=key_text,
            )
        except ProtocolError as error:
            raise TransportError("not_ours", detail=error.detail) from error
        self.answer_key = result.centre_answer_key
        return result

    def challenge(self, device_id: str) -> Challenge:
        answer = self._exchange(
            "POST",
            "/v1/auth/challenge",
            json_body={"device_id": device_id},
            keys=("nonce", "expires_at", "server_time"),
        )
        return _read(
            lambda r: Challenge(r.text("nonce"), r.moment("expires_at"), r.moment("server_time")),
            answer,
        )

    def token(self, device_id: str, nonce: str, signature: str) -> Token:
        answer = self._exchange(
            "POST",
            "/v1/auth/token",
            json_body={"device_id": device_id, "nonce": nonce, "signature": signature},
            keys=("token", "expires_at", "server_time"),
        )
        return _read(
            lambda r: Token(r.text("token"), r.moment("expires_at"), r.moment("server_time")),
            answer,
        )

    def put_batch(
        self, token: str, batch_id: str, frame: bytes
    ) -> tuple[BatchAcknowledgement, bytes]:
        """The centre's acknowledgement of the batch, and its exact bytes (stored as they are)."""
        answer = self._exchange(
            "PUT",
            f"/v1/batches/{quote(batch_id, safe='')}",
            token=token,
            raw_body=frame,
            content_type=BATCH_MEDIA_TYPE,
            keys=("batch_id", "received_at", "items"),
            # A stored acknowledgement comes back byte for byte, so its time is not now.
            sample_clock=False,
        )
        ack = _read(lambda r: BatchAcknowledgement.from_wire(answer.body), answer)
        if ack.validate():
            raise TransportError("not_ours", http_status=answer.status, detail="acknowledgement")
        return ack, answer.raw

    def get_updates(self, token: str, after: int, limit: int = 500) -> UpdatesPage:
        answer = self._exchange(
            "GET",
            "/v1/updates",
            token=token,
            params={"after": str(after), "limit": str(limit)},
            keys=("schema", "updates", "next_cursor", "more", "server_time"),
        )

        def page(r: w.Reader) -> UpdatesPage:
            block = w.Reader(r.raw("updates"), "updates")
            if block.raw("fields") != list(StatusUpdate.FIELDS):
                raise ProtocolError("schema_mismatch", "updates.fields")
            updates = []
            for row in block.array("rows"):
                if not isinstance(row, list) or len(row) != len(StatusUpdate.FIELDS):
                    raise w.bad("updates row")
                update = StatusUpdate.from_wire(dict(zip(StatusUpdate.FIELDS, row, strict=True)))
                if update.validate():
                    raise w.bad("updates row")
                updates.append(update)
            return UpdatesPage(
                tuple(updates), r.integer("next_cursor"), r.flag("more"), r.moment("server_time")
            )

        return _read(page, answer)

    def get_reference(self, token: str, if_none_match: str | None = None) -> ReferenceData | None:
        """The centre's reference data, or ``None`` when it is still ``if_none_match`` (304)."""
        headers = {} if if_none_match is None else {"If-None-Match": _etag(if_none_match)}
        answer = self._exchange(
            "GET",
            "/v1/reference",
            token=token,
            headers=headers,
            expect=(200, 304),
            keys=("schema", "version", "items", "server_time"),
        )
        if answer.status == 304:
            return None

        def reference(r: w.Reader) -> ReferenceData:
            block = r.raw("items")
            if isinstance(block, dict):  # columnar, like every other list of ours
                rows = w.Reader(block, "items")
                if rows.raw("fields") != list(ReferenceDataItem.FIELDS):
                    raise ProtocolError("schema_mismatch", "items.fields")
                entries: list[object] = [
                    dict(zip(ReferenceDataItem.FIELDS, row, strict=True))
                    if isinstance(row, list) and len(row) == len(ReferenceDataItem.FIELDS)
                    else None
                    for row in rows.array("rows")
                ]
            else:
                entries = list(r.array("items"))
            version = r.raw("version")
            if isinstance(version, int) and not isinstance(version, bool):
                version = str(version)
            if not isinstance(version, str):
                raise w.bad("version")
            return ReferenceData(
                version=version,
                items=tuple(ReferenceDataItem.from_wire(entry) for entry in entries),
                etag=answer.headers.get("ETag"),
                server_time=r.moment("server_time"),
            )

        return _read(reference, answer)

    def declare_attachment(
        self, token: str, sha256: str, size: int, chunk_size: int
    ) -> AttachmentStatus:
        answer = self._exchange(
            "POST",
            f"/v1/attachments/{quote(sha256, safe='')}",
            token=token,
            json_body={"size": size, "chunk_size": chunk_size},
            keys=("missing", "complete"),
        )
        return _read(_attachment_status, answer)

    def put_chunk(self, token: str, sha256: str, index: int, data: bytes) -> AttachmentStatus:
        answer = self._exchange(
            "PUT",
            f"/v1/attachments/{quote(sha256, safe='')}/chunks/{index}",
            token=token,
            raw_body=data,
            content_type=CHUNK_MEDIA_TYPE,
            keys=("missing", "complete"),
        )
        return _read(_attachment_status, answer)

    def check_insured(self, token: str, query: SealedQuery) -> InsuredAnswer:
        """The centre's answer to a sealed insured-check query; ``not_ours`` unless it is of
        the right shape and answers this very query (its nonce)."""
        answer = self._exchange(
            "POST",
            "/v1/insured/check",
            token=token,
            json_body=query.to_wire(),
            keys=ANSWER_KEYS,
        )
        result = _read(lambda r: InsuredAnswer.from_wire(answer.body), answer)
        if result.validate() or result.nonce != query.header.nonce:
            raise TransportError("not_ours", http_status=answer.status, detail="insured check")
        return result

    def health(self) -> dt.datetime:
        """The centre's time, when it says it is up."""
        answer = self._exchange("GET", "/v1/health", keys=("status", "server_time"))

        def health(r: w.Reader) -> dt.datetime:
            if r.text("status") != "ok":
                raise TransportError("server_unavailable", http_status=answer.status)
            return r.moment("server_time")

        return _read(health, answer)

    # One exchange, checked.

    def _exchange(
        self,
        method: str,
        path: str,
        *,
        keys: tuple[str, ...],
        token: str | None = None,
        json_body: Mapping[str, object] | None = None,
        raw_body: bytes | None = None,
        content_type: str | None = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200,),
        key_from_body: bool = False,
        sample_clock: bool = True,
    ) -> _Answer:
        request_headers = {"Accept": _JSON_MEDIA_TYPE, **(headers or {})}
        data: bytes | None = raw_body
        if json_body is not None:
            data = canonical_bytes(json_body)
            request_headers["Content-Type"] = _JSON_MEDIA_TYPE
        elif content_type is not None:
            request_headers["Content-Type"] = content_type
        if token is not None:
            request_headers["Authorization"] = f"Bearer {token}"
        sent_at = self._clock()
        try:
            with self._session.request(
                method,
                self.base_url + path,
                data=data,
                params=params,
                headers=request_headers,
                timeout=(self.timeouts.connect, self.timeouts.read),
                verify=self._verify,
                allow_redirects=False,  # a captive portal redirects; our centre never does
                stream=True,
            ) as response:
                raw = _read_body(response)
                status = response.status_code
                answer_headers = CaseInsensitiveDict(response.headers)
        except requests.exceptions.SSLError as error:
            raise TransportError("tls", detail=type(error).__name__) from error
        except requests.exceptions.Timeout as error:
            raise TransportError("timeout", detail=type(error).__name__) from error
        except requests.exceptions.RequestException as error:
            raise TransportError("network", detail=type(error).__name__) from error
        received_at = self._clock()

        if status not in expect:
            raise _refusal(status, raw, answer_headers)
        if status == 304:
            return _Answer(status, {}, raw, answer_headers)
        body = self._checked_body(status, raw, answer_headers, keys, key_from_body)
        if sample_clock:
            try:
                server_time = w.Reader(body, "answer").moment("server_time")
            except ProtocolError as error:
                raise TransportError("not_ours", http_status=status, detail="server_time") from (
                    error
                )
            self.last_clock_sample = ClockSample(sent_at, received_at, server_time)
        return _Answer(status, body, raw, answer_headers)

    def _checked_body(
        self,
        status: int,
        raw: bytes,
        headers: Mapping[str, str],
        keys: tuple[str, ...],
        key_from_body: bool,
    ) -> dict[str, object]:
        media_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type != _JSON_MEDIA_TYPE:
            raise TransportError("not_ours", http_status=status, detail="content type")
        try:
            body = parse_canonical(raw)
        except CanonicalError as error:
            raise TransportError("not_ours", http_status=status, detail="not our JSON") from error
        if not isinstance(body, dict) or not all(key in body for key in keys):
            raise TransportError("not_ours", http_status=status, detail="not our shape")
        key = self.answer_key
        if key_from_body:
            answer_key = body.get("centre_answer_key")
            key = decode_answer_key(answer_key) if isinstance(answer_key, str) else None
        if key is not None and not verify_answer(key, raw, headers.get(ANSWER_SIGNATURE_HEADER)):
            raise TransportError("not_ours", http_status=status, detail="answer signature")
        if key is None and key_from_body:
            raise TransportError("not_ours", http_status=status, detail="answer key")
        return body


def _read_body(response: requests.Response) -> bytes:
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_content(chunk_size=64 * 1024):
        total += len(chunk)
        if total > MAX_ANSWER_BYTES:
            raise TransportError("not_ours", http_status=response.status_code, detail="too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _refusal(status: int, raw: bytes, headers: Mapping[str, str]) -> SyncError:
    """The error an answer other than the expected one stands for."""
    retry_after = _retry_after(headers.get("Retry-After"))
    code = _error_code(raw)
    if code is not None:
        return SyncError(code, retry_after, status)
    if status >= 500:
        # A gateway's page (502/503/504) or a centre that failed before it could answer ours.
        return TransportError("server_unavailable", retry_after, status)
    if status == 429:
        return SyncError("rate_limited", retry_after, status)
    return TransportError("not_ours", retry_after, status, detail="unexpected status")


def _error_code(raw: bytes) -> str | None:
    """The protocol code of an error body of ours, ``None`` for anything else."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    error = body.get("error") if isinstance(body, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    return code if isinstance(code, str) and code in ERROR_CODES else None


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None  # the HTTP-date form: the engine's own backoff applies
    return seconds if 0 <= seconds <= 86_400 else None


def _etag(version: str) -> str:
    return version if version.startswith(('"', "W/")) else f'"{version}"'


def _attachment_status(r: w.Reader) -> AttachmentStatus:
    missing: list[int] = []
    for index in r.array("missing"):
        if not isinstance(index, int) or isinstance(index, bool) or index < 0:
            raise w.bad("missing")
        missing.append(index)
    return AttachmentStatus(tuple(missing), r.flag("complete"))


def _read(read: Callable[[w.Reader], _T], answer: _Answer) -> _T:
    try:
        return read(w.Reader(answer.body, "answer"))
    except ProtocolError as error:
        raise TransportError("not_ours", http_status=answer.status, detail=error.detail) from error
