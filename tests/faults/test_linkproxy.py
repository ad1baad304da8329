"""The link proxy itself, in front of a tiny local ``http.server`` that logs every request."""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import requests

from bench.linkproxy import CAPTIVE_PORTAL_PAGE, LinkProfile, LinkProxy


@dataclass(slots=True)
class Heard:
    """What the tiny server received: complete requests, and bodies that ended short."""

    requests: list[tuple[str, str, bytes]] = field(default_factory=list)
    short_bodies: list[tuple[str, int, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        with self.lock:
            return [path for _, path, _ in self.requests]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    timeout = 10
    heard: Heard

    def log_message(self, format: str, *args: object) -> None:
        pass  # the log is ``heard``

    def _read_body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", ""):
            pieces = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return bytes(pieces)
                pieces += self.rfile.read(size)
                self.rfile.readline()
        expected = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(expected)
        if len(body) < expected:
            with self.heard.lock:
                self.heard.short_bodies.append((self.path, len(body), expected))
            self.close_connection = True
            return None
        return body

    def _answer(self) -> None:
        body = self._read_body()
        if body is None:
            return
        with self.heard.lock:
            self.heard.requests.append((self.command, self.path, body))
            count = len(self.heard.requests)
        answer = json.dumps({"count": count, "received": len(body)}).encode()
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in (answer[:5], answer[5:]):
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        if self.path == "/big":
            answer = bytes(range(256)) * 400
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        if self.path == "/close":
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(answer)

    do_GET = _answer
    do_PUT = _answer
    do_POST = _answer


class _JoiningServer(http.server.ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins every handler: nothing outlives the test
    block_on_close = True


@pytest.fixture
def tiny_server() -> Iterator[tuple[_JoiningServer, Heard]]:
    heard = Heard()
    handler = type("Handler", (_Handler,), {"heard": heard})
    server = _JoiningServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server, heard
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture
def proxy(tiny_server: tuple[_JoiningServer, Heard]) -> Iterator[LinkProxy]:
    server, _ = tiny_server
    host, port = server.server_address[:2]
    with LinkProxy(str(host), int(port)) as running:
        yield running
    # the proxy closes before the server (fixture order), so no handler waits on a socket


@pytest.fixture
def heard(tiny_server: tuple[_JoiningServer, Heard]) -> Heard:
    return tiny_server[1]


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as opened:
        yield opened


def test_keep_alive_requests_share_one_connection_through_the_proxy(
    proxy: LinkProxy, heard: Heard, session: requests.Session
) -> None:
    first = session.get(f"{proxy.url}/v1/health", timeout=10)
    second = session.put(f"{proxy.url}/v1/batches/b1", data=b"x" * 5000, timeout=10)

    assert first.json() == {"count": 1, "received": 0}
    assert second.json() == {"count": 2, "received": 5000}
    stats = proxy.stats
    assert (stats.connections, stats.requests, stats.responses) == (1, 2, 2)
    assert stats.round_trips == 3
    assert stats.bytes_up > 5000
    assert stats.bytes_down >= len(first.content) + len(second.content)
    assert heard.paths() == ["/v1/health", "/v1/batches/b1"]


def test_a_lost_response_was_handled_by_the_server_but_never_reaches_the_client(
    proxy: LinkProxy, heard: Heard, session: requests.Session
) -> None:
    proxy.fail("lose_response", method="PUT", path_prefix="/v1/batches/")

    with pytest.raises(requests.ConnectionError):
        session.put(f"{proxy.url}/v1/batches/b1", data=b"frame", timeout=10)
    assert heard.requests == [("PUT", "/v1/batches/b1", b"frame")]

    again = session.put(f"{proxy.url}/v1/batches/b1", data=b"frame", timeout=10)
    assert again.json()["count"] == 2
    assert [seen.fault for seen in proxy.stats.seen] == ["lose_response", None]


def test_a_request_cut_mid_body_leaves_the_server_with_a_short_body(
    proxy: LinkProxy, heard: Heard, session: requests.Session
) -> None:
    proxy.fail("cut_request", method="PUT", cut_fraction=0.25)

    with pytest.raises(requests.ConnectionError):
        session.put(f"{proxy.url}/v1/batches/b1", data=b"y" * 40_000, timeout=10)

    assert heard.requests == []
    # the server's read may see the close before or after the quarter arrived
    assert len(heard.short_bodies) <= 1
    assert all(got <= 10_000 and want == 40_000 for _, got, want in heard.short_bodies)
    assert session.put(f"{proxy.url}/v1/batches/b1", data=b"y", timeout=10).status_code == 200


@pytest.mark.parametrize(("status", "retry_after"), [(502, None), (503, 30), (429, 7)])
def test_a_gateway_status_is_answered_by_the_proxy_without_contacting_the_server(
    proxy: LinkProxy,
    heard: Heard,
    session: requests.Session,
    status: int,
    retry_after: int | None,
) -> None:
    proxy.fail("status", method="PUT", status=status, retry_after=retry_after)

    answer = session.put(f"{proxy.url}/v1/batches/b1", data=b"frame", timeout=10)

    assert answer.status_code == status
    assert answer.headers.get("Retry-After") == (None if retry_after is None else str(retry_after))
    assert heard.requests == []
    follow_up = session.put(f"{proxy.url}/v1/batches/b1", data=b"frame", timeout=10)
    assert follow_up.status_code == 200
    assert proxy.stats.connections == 1  # the fault kept the connection alive


def test_a_captive_portal_answers_200_with_a_login_page(
    proxy: LinkProxy, heard: Heard, session: requests.Session
) -> None:
    proxy.fail("captive_portal", count=None)

    answers = [session.get(f"{proxy.url}/v1/health", timeout=10) for _ in range(3)]

    assert all(a.status_code == 200 for a in answers)
    assert all(a.content == CAPTIVE_PORTAL_PAGE for a in answers)
    assert answers[0].headers["Content-Type"].startswith("text/html")
    assert heard.requests == []
    proxy.clear_faults()
    assert session.get(f"{proxy.url}/v1/health", timeout=10).json()["count"] == 1


def test_a_fault_applies_only_to_its_method_and_path_and_only_count_times(
    proxy: LinkProxy, heard: Heard, session: requests.Session
) -> None:
    proxy.fail("status", count=2, method="PUT", path_prefix="/v1/batches/", status=503)

    statuses = [
        session.get(f"{proxy.url}/v1/health", timeout=10).status_code,
        session.put(f"{proxy.url}/v1/attachments/a", data=b"a", timeout=10).status_code,
        session.put(f"{proxy.url}/v1/batches/b1", data=b"b", timeout=10).status_code,
        session.put(f"{proxy.url}/v1/batches/b2", data=b"b", timeout=10).status_code,
        session.put(f"{proxy.url}/v1/batches/b3", data=b"b", timeout=10).status_code,
    ]

    assert statuses == [200, 200, 503, 503, 200]
    assert heard.paths() == ["/v1/health", "/v1/attachments/a", "/v1/batches/b3"]


def test_trickled_bytes_arrive_whole_in_tiny_pieces(
    proxy: LinkProxy, heard: Heard, session: requests.Session
) -> None:
    proxy.fail("trickle", direction="both", piece_bytes=7, piece_delay=0.001)

    answer = session.put(f"{proxy.url}/v1/batches/b1", data=b"z" * 300, timeout=10)

    assert answer.json() == {"count": 1, "received": 300}
    assert heard.requests == [("PUT", "/v1/batches/b1", b"z" * 300)]


def test_a_trickled_answer_trips_a_short_read_timeout_and_the_proxy_still_closes_cleanly(
    proxy: LinkProxy, session: requests.Session
) -> None:
    proxy.fail("trickle", piece_bytes=2, piece_delay=2.0)

    with pytest.raises(requests.ReadTimeout):
        session.get(f"{proxy.url}/v1/health", timeout=(5, 0.2))

    assert proxy.wait_for_request("GET", "/v1/health", timeout=1)
    # the fixture closes the proxy while it is still trickling that answer


def test_chunked_bodies_are_framed_both_ways(
    proxy: LinkProxy, heard: Heard, session: requests.Session
) -> None:
    answer = session.put(f"{proxy.url}/chunked", data=iter([b"first-", b"second"]), timeout=10)

    assert answer.json() == {"count": 1, "received": 12}
    assert heard.requests == [("PUT", "/chunked", b"first-second")]
    assert session.get(f"{proxy.url}/v1/health", timeout=10).json()["count"] == 2
    assert proxy.stats.connections == 1


def test_a_connection_the_server_closes_is_closed_to_the_client_too(
    proxy: LinkProxy, heard: Heard, session: requests.Session
) -> None:
    assert session.get(f"{proxy.url}/close", timeout=10).status_code == 200
    assert session.get(f"{proxy.url}/v1/health", timeout=10).status_code == 200

    assert proxy.stats.connections == 2
    assert heard.paths() == ["/close", "/v1/health"]


def test_the_capture_holds_every_byte_each_way(proxy: LinkProxy, session: requests.Session) -> None:
    proxy.capture = True

    answer = session.put(f"{proxy.url}/v1/batches/b1", data=b"SECRET-BODY", timeout=10)

    assert b"PUT /v1/batches/b1 HTTP/1.1\r\n" in proxy.captured_up
    assert proxy.captured_up.endswith(b"SECRET-BODY")
    assert proxy.captured_down.endswith(answer.content)
    assert len(proxy.captured_up) == proxy.stats.bytes_up
    assert len(proxy.captured_down) == proxy.stats.bytes_down


def test_an_emulated_slow_link_delivers_every_byte_and_counts_round_trips(
    tiny_server: tuple[_JoiningServer, Heard],
) -> None:
    server, heard = tiny_server
    host, port = server.server_address[:2]
    link = LinkProfile(bits_per_second=4_000_000, rtt_seconds=0.02)
    with LinkProxy(str(host), int(port), link=link) as shaped, requests.Session() as session:
        sent = bytes(range(256)) * 200
        up = session.put(f"{shaped.url}/v1/batches/b1", data=sent, timeout=30)
        down = session.get(f"{shaped.url}/big", timeout=30)
        stats = shaped.stats

    assert up.json() == {"count": 1, "received": len(sent)}
    assert down.content == bytes(range(256)) * 400
    assert heard.requests[0][2] == sent
    assert (stats.connections, stats.requests, stats.round_trips) == (1, 2, 3)
    assert stats.bytes_up > len(sent)
    assert stats.bytes_down > len(down.content)


def test_closing_the_proxy_ends_idle_and_busy_connections(
    tiny_server: tuple[_JoiningServer, Heard],
) -> None:
    server, _ = tiny_server
    host, port = server.server_address[:2]
    shaped = LinkProxy(str(host), int(port))
    shaped.start()
    with requests.Session() as idle:
        assert idle.get(f"{shaped.url}/v1/health", timeout=10).status_code == 200
        shaped.fail("trickle", piece_bytes=1, piece_delay=5.0)
        with requests.Session() as busy:
            caller = threading.Thread(target=_swallow_errors, args=(busy, shaped.url))
            caller.start()
            assert shaped.wait_for_request("GET", "/slow", timeout=10)
            shaped.close()
            caller.join()

    assert not [t for t in threading.enumerate() if t.name.startswith("linkproxy")]


def _swallow_errors(session: requests.Session, url: str) -> None:
    with contextlib.suppress(requests.RequestException):  # the proxy closing under it
        session.get(f"{url}/slow", timeout=30).close()
