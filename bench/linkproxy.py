"""A TCP proxy on 127.0.0.1 that plays a bad link in front of a real HTTP server.

It relays HTTP/1.1 (keep-alive included) request by request, framing each message by
``Content-Length`` or chunked encoding, so it can apply a fault to chosen requests:

* ``lose_response``: the whole request reaches the server and the server answers, then the
  connection is dropped without a byte of the answer (the server HAS handled it);
* ``cut_request``: only part of the request body is forwarded, then both sides are closed;
* ``status``: the proxy answers 502, 503 or 429 (with ``Retry-After``) itself, server untouched;
* ``captive_portal``: the proxy answers 200 with an HTML login page, server untouched;
* ``trickle``: bytes pass in tiny pieces with a pause before each.

A fault applies to the next ``count`` requests that match its method and path prefix (or to
every match until cleared). Independently, a :class:`LinkProfile` shapes every byte: a bit rate
in each direction and a one-way delay of half the round-trip time, with one more round trip
for each new connection (the TCP handshake the loopback connect does not cost).

It counts connections, requests, bytes each way and round trips, and can keep a copy of every
byte for inspection. It is a test and bench instrument: it never listens beyond loopback, and
:meth:`LinkProxy.close` stops every thread and closes every socket it opened.
"""

from __future__ import annotations

import collections
import contextlib
import selectors
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final, Literal

FaultMode = Literal["lose_response", "cut_request", "status", "captive_portal", "trickle"]
Direction = Literal["up", "down", "both"]

LOOPBACK: Final = "127.0.0.1"
_READ_SIZE: Final = 64 * 1024
_SEGMENT: Final = 1460  # one Ethernet MSS: the unit the link emulation serialises
_MAX_HEAD: Final = 64 * 1024
_REASONS: Final = {
    200: "OK",
    429: "Too Many Requests",
    502: "Bad Gateway",
    503: "Service Unavailable",
}
CAPTIVE_PORTAL_PAGE: Final = (
    b"<!DOCTYPE html><html><head><title>Wi-Fi login</title></head><body>"
    b"<h1>Welcome</h1><form method='post' action='/login'>"
    b"<input name='voucher'><button>Connect</button></form></body></html>"
)


@dataclass(frozen=True, slots=True)
class LinkProfile:
    """A link to emulate: bits per second each way (``None``: unlimited) and round-trip time."""

    bits_per_second: int | None = None
    rtt_seconds: float = 0.0

    def transfer_seconds(self, byte_count: int) -> float:
        """Time to serialise ``byte_count`` bytes at this rate (no latency)."""
        if self.bits_per_second is None:
            return 0.0
        return byte_count * 8 / self.bits_per_second


@dataclass(slots=True)
class Fault:
    """One fault rule. ``count`` is how many matching requests it still applies to (``None``:
    all of them until cleared)."""

    mode: FaultMode
    count: int | None = 1
    method: str | None = None
    path_prefix: str | None = None
    status: int = 502  # for ``status``
    retry_after: int | None = None  # for ``status``: seconds in a Retry-After header
    cut_fraction: float = 0.5  # for ``cut_request``: share of the body forwarded
    direction: Direction = "down"  # for ``trickle``
    piece_bytes: int = 4  # for ``trickle``
    piece_delay: float = 0.05  # for ``trickle``: seconds before each piece

    def matches(self, method: str, path: str) -> bool:
        if self.count is not None and self.count <= 0:
            return False
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.path_prefix is None or path.startswith(self.path_prefix)


@dataclass(frozen=True, slots=True)
class SeenRequest:
    """A request the proxy read the head of, what it did with it and what came of it."""

    method: str
    path: str
    fault: FaultMode | None
    status: int | None  # the status the client received; None when it received none


@dataclass(slots=True)
class LinkStats:
    """Counters since start or :meth:`LinkProxy.reset_stats`."""

    connections: int = 0
    requests: int = 0
    responses: int = 0  # answers passed on whole to the client
    bytes_up: int = 0  # delivered to the server
    bytes_down: int = 0  # delivered to the client
    seen: list[SeenRequest] = field(default_factory=list)

    @property
    def round_trips(self) -> int:
        """Request/answer exchanges plus one handshake per connection."""
        return self.requests + self.connections


class ConnectionDropped(Exception):
    """A peer closed or reset its side, or the proxy is closing."""


class _Reader:
    """Buffered reads from a socket, for parsing HTTP framing."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._buffer = bytearray()

    def pending(self) -> bool:
        return bool(self._buffer)

    def _fill(self) -> None:
        try:
            chunk = self._sock.recv(_READ_SIZE)
        except OSError as error:
            raise ConnectionDropped(str(error)) from error
        if not chunk:
            raise ConnectionDropped("end of stream")
        self._buffer += chunk

    def head(self) -> bytes | None:
        """The next message head (up to the blank line), or None at a clean end of stream."""
        while True:
            end = self._buffer.find(b"\r\n\r\n")
            if end >= 0:
                head = bytes(self._buffer[: end + 4])
                del self._buffer[: end + 4]
                return head
            if len(self._buffer) > _MAX_HEAD:
                raise ConnectionDropped("message head too long")
            try:
                self._fill()
            except ConnectionDropped:
                if not self._buffer:
                    return None
                raise

    def line(self) -> bytes:
        while (end := self._buffer.find(b"\r\n")) < 0:
            self._fill()
        line = bytes(self._buffer[: end + 2])
        del self._buffer[: end + 2]
        return line

    def some(self, limit: int) -> bytes:
        """At least one and at most ``limit`` bytes."""
        if not self._buffer:
            self._fill()
        piece = bytes(self._buffer[:limit])
        del self._buffer[:limit]
        return piece

    def until_close(self) -> Iterator[bytes]:
        while True:
            try:
                yield self.some(_READ_SIZE)
            except ConnectionDropped:
                return


@dataclass(frozen=True, slots=True)
class _Head:
    raw: bytes
    first_line: str
    headers: dict[str, str]  # lower-cased names; the last value wins

    @classmethod
    def parse(cls, raw: bytes) -> _Head:
        lines = raw.decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        return cls(raw, lines[0], headers)

    def content_length(self) -> int | None:
        value = self.headers.get("content-length")
        if value is None:
            return None
        if not value.isdigit():
            raise ConnectionDropped("bad Content-Length")
        return int(value)

    def chunked(self) -> bool:
        return "chunked" in self.headers.get("transfer-encoding", "").lower()

    def wants_close(self) -> bool:
        return self.headers.get("connection", "").lower() == "close"


def _body(reader: _Reader, head: _Head, *, until_close: bool) -> Iterator[bytes]:
    """The raw bytes of a message body, as framed by ``head``."""
    if head.chunked():
        while True:
            size_line = reader.line()
            yield size_line
            size_text = size_line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError as error:
                raise ConnectionDropped("bad chunk size") from error
            if size == 0:
                while (trailer := reader.line()) != b"\r\n":
                    yield trailer
                yield b"\r\n"
                return
            remaining = size + 2  # the chunk and its CRLF
            while remaining:
                piece = reader.some(min(remaining, _READ_SIZE))
                remaining -= len(piece)
                yield piece
    length = head.content_length()
    if length is not None:
        while length:
            piece = reader.some(min(length, _READ_SIZE))
            length -= len(piece)
            yield piece
    elif until_close:
        yield from reader.until_close()


class _Pipe:
    """One direction of one connection: delivers bytes to ``sink`` on the link's schedule.

    The schedule is computed when bytes are queued (start when the link is free, take the
    serialisation time, arrive a one-way delay later), so bytes are in flight together as on
    a real link; a thread writes each piece when its time comes.
    """

    def __init__(self, proxy: LinkProxy, sink: socket.socket, direction: str) -> None:
        self._proxy = proxy
        self._sink = sink
        self._direction = direction
        self._queue: collections.deque[tuple[float, bytes]] = collections.deque()
        self._cond = threading.Condition()
        self._link_free = time.monotonic()
        self._last_arrival = 0.0
        self._closing = False
        self._aborted = False
        self.broken = False
        self._thread = threading.Thread(
            target=self._deliver, name=f"linkproxy-{direction}", daemon=True
        )
        self._thread.start()

    def delay_start(self, seconds: float) -> None:
        with self._cond:
            self._link_free = max(self._link_free, time.monotonic() + seconds)

    def send(self, data: bytes, trickle: Fault | None = None) -> None:
        if not data:
            return
        link = self._proxy.link
        piece_size = trickle.piece_bytes if trickle is not None else _SEGMENT
        with self._cond:
            if self.broken or self._aborted:
                raise ConnectionDropped("the other side is gone")
            now = time.monotonic()
            for offset in range(0, len(data), piece_size):
                piece = data[offset : offset + piece_size]
                start = max(now, self._link_free)
                self._link_free = start + link.transfer_seconds(len(piece))
                arrival = self._link_free + link.rtt_seconds / 2
                if trickle is not None:  # a pause before every piece, the first one too
                    arrival = max(arrival, max(now, self._last_arrival) + trickle.piece_delay)
                arrival = max(arrival, self._last_arrival)
                self._last_arrival = arrival
                self._queue.append((arrival, piece))
            self._cond.notify_all()

    def drain(self) -> None:
        """Wait until everything queued was written (or the sink broke)."""
        with self._cond:
            while self._queue and not self.broken and not self._aborted:
                self._cond.wait(0.2)
            if self.broken or self._aborted:
                raise ConnectionDropped("the other side is gone")

    def stop(self, *, abort: bool) -> None:
        with self._cond:
            self._closing = True
            if abort:
                self._aborted = True
                self._queue.clear()
            self._cond.notify_all()
        self._thread.join()

    def _deliver(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._closing:
                    self._cond.wait()
                if not self._queue or self._aborted:
                    return
                arrival, piece = self._queue[0]
                wait = arrival - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue  # re-check: an abort may have come meanwhile
                self._queue.popleft()
            # Counted before the write, so whoever reads the counters after the peer got the
            # bytes sees them counted.
            self._proxy._delivered(self._direction, piece)
            try:
                self._sink.sendall(piece)
            except OSError:
                with self._cond:
                    self.broken = True
                    self._queue.clear()
                    self._cond.notify_all()
                return
            with self._cond:
                self._cond.notify_all()


class _Connection:
    """One client connection and its upstream connection, relayed request by request."""

    def __init__(self, proxy: LinkProxy, client: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.upstream: socket.socket | None = None
        self._down = _Pipe(proxy, client, "down")
        self._up: _Pipe | None = None
        self._upstream_reader: _Reader | None = None
        self._lock = threading.Lock()
        self._closed = False
        self._opened_at = time.monotonic()
        self.thread = threading.Thread(target=self.run, name="linkproxy-connection", daemon=True)

    def run(self) -> None:
        abort = True
        try:
            reader = _Reader(self.client)
            while True:
                if not self._wait_for_request(reader):
                    break
                head_bytes = reader.head()
                if head_bytes is None:
                    break
                if not self._relay(reader, _Head.parse(head_bytes)):
                    break
            abort = False
        except (ConnectionDropped, OSError, ValueError):
            pass  # a peer went away or the proxy is closing: end this connection
        finally:
            self.shut(abort=abort)
            self.proxy._forget(self)

    def _wait_for_request(self, reader: _Reader) -> bool:
        """Idle between requests: False when the server closed its side first (the client
        must see that close, as it would without the proxy, before it reuses the connection)."""
        if reader.pending() or self.upstream is None or self._upstream_reader is None:
            return not self._closed
        with selectors.DefaultSelector() as selector:
            selector.register(self.client, selectors.EVENT_READ, "client")
            selector.register(self.upstream, selectors.EVENT_READ, "upstream")
            while True:
                events = selector.select(timeout=0.5)
                if self.proxy._stopping.is_set():
                    return False
                names = {key.data for key, _ in events}
                if "client" in names:
                    return True
                if "upstream" in names:
                    return False  # the server closed (or spoke out of turn): close ours

    def _relay(self, reader: _Reader, head: _Head) -> bool:
        """Relay one exchange; False when the connection must end after it."""
        method, _, rest = head.first_line.partition(" ")
        path = rest.rpartition(" ")[0] or rest
        fault = self.proxy._take_fault(method, path)
        mode = fault.mode if fault is not None else None
        self.proxy._request_started(method, path)
        if fault is not None and mode in ("status", "captive_portal"):
            for _ in _body(reader, head, until_close=False):
                pass  # read and dropped: the server never hears of it
            self._down.send(_synthetic_answer(fault))
            self.proxy._answered(
                SeenRequest(method, path, mode, fault.status if mode == "status" else 200)
            )
            self._down.drain()
            return not head.wants_close()

        up = self._ensure_upstream()
        trickle = fault if fault is not None and mode == "trickle" else None
        trickle_up = trickle if trickle and trickle.direction in ("up", "both") else None
        trickle_down = trickle if trickle and trickle.direction in ("down", "both") else None
        if fault is not None and mode == "cut_request":
            self._cut(reader, head, up, fault)
            self.proxy._seen(SeenRequest(method, path, mode, None))
            return False
        up.send(head.raw, trickle_up)
        for piece in _body(reader, head, until_close=False):
            up.send(piece, trickle_up)

        assert self._upstream_reader is not None
        while True:
            answer_head_bytes = self._upstream_reader.head()
            if answer_head_bytes is None:
                raise ConnectionDropped("the server closed without an answer")
            answer = _Head.parse(answer_head_bytes)
            status = _status_of(answer)
            if status is None or not 100 <= status < 200:
                break
            self._down.send(answer.raw)  # an interim answer (100 Continue): pass it on
        no_body = method.upper() == "HEAD" or status in (204, 304)
        framed = answer.chunked() or answer.content_length() is not None
        pieces: Iterator[bytes] = (
            iter(()) if no_body else _body(self._upstream_reader, answer, until_close=True)
        )
        if mode == "lose_response":
            for _ in pieces:
                pass  # the server answered in full; the client gets none of it
            self.proxy._seen(SeenRequest(method, path, mode, None))
            return False
        self._down.send(answer.raw, trickle_down)
        for piece in pieces:
            self._down.send(piece, trickle_down)
        self.proxy._answered(SeenRequest(method, path, mode, status))  # before the client has it
        self._down.drain()
        return not (answer.wants_close() or head.wants_close() or not (framed or no_body))

    def _cut(self, reader: _Reader, head: _Head, up: _Pipe, fault: Fault) -> None:
        """Forward the head and the first part of the body, then end both sides."""
        length = head.content_length()
        budget = int((length or 0) * fault.cut_fraction)
        up.send(head.raw)
        if budget:
            forwarded = 0
            for piece in _body(reader, head, until_close=False):
                take = piece[: budget - forwarded]
                up.send(take)
                forwarded += len(take)
                if forwarded >= budget:
                    break
        up.drain()

    def _ensure_upstream(self) -> _Pipe:
        with self._lock:
            if self._closed:
                raise ConnectionDropped("closing")
            if self._up is not None:
                return self._up
            try:
                sock = socket.create_connection(self.proxy.upstream, timeout=10)
            except OSError as error:
                raise ConnectionDropped(str(error)) from error
            sock.settimeout(None)
            self.upstream = sock
            self._upstream_reader = _Reader(sock)
            self._up = _Pipe(self.proxy, sock, "up")
            # The handshake's round trip: the first byte leaves one RTT after the connect.
            handshake_end = self._opened_at + self.proxy.link.rtt_seconds
            self._up.delay_start(handshake_end - time.monotonic())
            return self._up

    def shut(self, *, abort: bool) -> None:
        """Stop both directions and close both sockets; safe to call from any thread."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            sockets = [s for s in (self.client, self.upstream) if s is not None]
        if abort:
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv
        pipes = [p for p in (self._down, self._up) if p is not None]
        for pipe in pipes:
            pipe.stop(abort=abort)
        for sock in sockets:
            sock.close()


def _status_of(head: _Head) -> int | None:
    parts = head.first_line.split(" ", 2)
    if len(parts) >= 2 and parts[1].isdigit():
        return int(parts[1])
    return None


def _synthetic_answer(fault: Fault) -> bytes:
    """What a middlebox says instead of the server: an overloaded gateway or a login page."""
    if fault.mode == "captive_portal":
        status, body = 200, CAPTIVE_PORTAL_PAGE
    else:
        status = fault.status
        reason = _REASONS.get(status, "Error")
        body = f"<html><body><h1>{status} {reason}</h1></body></html>".encode("ascii")
    lines = [
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}",
        "Content-Type: text/html; charset=utf-8",
        f"Content-Length: {len(body)}",
    ]
    if fault.mode == "status" and fault.retry_after is not None:
        lines.append(f"Retry-After: {fault.retry_after}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


class LinkProxy:
    """The proxy. Use as a context manager, or call :meth:`start` and :meth:`close`.

    ``proxy.url`` is the base URL to give the client instead of the server's.
    """

    def __init__(
        self, upstream_host: str, upstream_port: int, *, link: LinkProfile | None = None
    ) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.link = link or LinkProfile()
        self.capture = False
        self.captured_up = bytearray()
        self.captured_down = bytearray()
        self._faults: list[Fault] = []
        self._stats = LinkStats()
        self._started: list[tuple[str, str]] = []  # (method, path) of every request begun
        self._lock = threading.Condition()
        self._connections: set[_Connection] = set()
        self._stopping = threading.Event()
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self.port = 0

    @classmethod
    def for_url(cls, url: str, *, link: LinkProfile | None = None) -> LinkProxy:
        """A proxy in front of ``http://host:port`` (a loopback server)."""
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname is None or parts.port is None:
            raise ValueError(f"not an http://host:port URL: {url!r}")
        return cls(parts.hostname, parts.port, link=link)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def __enter__(self) -> LinkProxy:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((LOOPBACK, 0))
        listener.listen(256)
        listener.settimeout(0.2)  # the accept loop checks for close this often
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._acceptor = threading.Thread(target=self._accept, name="linkproxy-accept", daemon=True)
        self._acceptor.start()

    def close(self) -> None:
        """Stop accepting, end every connection, join every thread, close every socket."""
        self._stopping.set()
        if self._acceptor is not None:
            self._acceptor.join()
            self._acceptor = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        self.drop_connections()

    def drop_connections(self) -> None:
        """The link goes down: abort every open connection (bytes in flight are lost)."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            connection.shut(abort=True)
        for connection in connections:
            connection.thread.join()

    # -- faults -------------------------------------------------------------------------

    def add_fault(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def fail(
        self,
        mode: FaultMode,
        count: int | None = 1,
        *,
        method: str | None = None,
        path_prefix: str | None = None,
        **options: object,
    ) -> Fault:
        """Apply ``mode`` to the next ``count`` matching requests (``None``: all)."""
        fault = Fault(mode, count, method, path_prefix)
        for name, value in options.items():
            if not hasattr(fault, name):
                raise TypeError(f"unknown fault option {name!r}")
            setattr(fault, name, value)
        return self.add_fault(fault)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    if fault.count is not None:
                        fault.count -= 1
                    return fault
        return None

    # -- counters -----------------------------------------------------------------------

    @property
    def stats(self) -> LinkStats:
        """A snapshot of the counters."""
        with self._lock:
            s = self._stats
            return LinkStats(
                s.connections, s.requests, s.responses, s.bytes_up, s.bytes_down, list(s.seen)
            )

    def reset_stats(self) -> None:
        with self._lock:
            self._stats = LinkStats()
            self._started.clear()
            self.captured_up.clear()
            self.captured_down.clear()

    def wait_for_request(
        self, method: str | None = None, path_prefix: str = "", timeout: float = 30.0
    ) -> bool:
        """Block until a request matching ``method`` and ``path_prefix`` has started."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                if any(
                    (method is None or m.upper() == method.upper()) and p.startswith(path_prefix)
                    for m, p in self._started
                ):
                    return True
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)

    def _request_started(self, method: str, path: str) -> None:
        with self._lock:
            self._stats.requests += 1
            self._started.append((method, path))
            self._lock.notify_all()

    def _seen(self, request: SeenRequest) -> None:
        with self._lock:
            self._stats.seen.append(request)

    def _answered(self, request: SeenRequest) -> None:
        with self._lock:
            self._stats.responses += 1
            self._stats.seen.append(request)

    def _delivered(self, direction: str, piece: bytes) -> None:
        with self._lock:
            if direction == "up":
                self._stats.bytes_up += len(piece)
                if self.capture:
                    self.captured_up += piece
            else:
                self._stats.bytes_down += len(piece)
                if self.capture:
                    self.captured_down += piece

    # -- connections --------------------------------------------------------------------

    def _accept(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection = _Connection(self, client)
            with self._lock:
                if self._stopping.is_set():
                    connection.shut(abort=True)
                    return
                self._connections.add(connection)
                self._stats.connections += 1
            connection.thread.start()

    def _forget(self, connection: _Connection) -> None:
        with self._lock:
            self._connections.discard(connection)
