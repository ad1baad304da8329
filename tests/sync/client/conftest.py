"""Fixtures for the counter's end of the link: keys, an identity, a settable clock, and a tiny
loopback HTTP server that answers what a test tells it (a captive portal, a gateway error…)."""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sync.client.outbox import DeviceIdentity

POINT = "CA01"


class SettableClock:
    """Device time that moves only when a test says so."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, delta: dt.timedelta) -> None:
        self.now += delta


@dataclass
class CentreKeys:
    """A centre's key pairs, for tests that need no real server."""

    hpke: X25519PrivateKey = field(default_factory=X25519PrivateKey.generate)
    answers: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)


def unreachable_url() -> str:
    """A loopback URL on which nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def identity_for(url: str, keys: CentreKeys, device_key: Ed25519PrivateKey) -> DeviceIdentity:
    return DeviceIdentity(
        server_url=url,
        ca_file=None,
        device_id="dev-test",
        point_code=POINT,
        signing_key=device_key,
        centre_public_key=keys.hpke.public_key(),
        centre_verify_key=keys.answers.public_key(),
    )


@dataclass
class Canned:
    """One answer the canned server gives to every request."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    # Declare more bytes than are sent, then close: a body cut by a dropped connection.
    cut_after: int | None = None


class CannedServer:
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.answer = Canned()
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                outer.requests.append((self.command, self.path, dict(self.headers)))
                canned = outer.answer
                self.send_response(canned.status)
                for name, value in canned.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(canned.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                body = canned.body if canned.cut_after is None else canned.body[: canned.cut_after]
                self.wfile.write(body)
                self.close_connection = True

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the test reads ``requests`` instead."""

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        scheme = "http"
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> CannedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def canned_server() -> Iterator[CannedServer]:
    with CannedServer() as server:
        yield server


@pytest.fixture
def tls_ca_file(tmp_path: Path) -> str:
    """A self-signed certificate for 127.0.0.1 (and its key beside it), as a CA file."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "centre de test")])
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = tmp_path / "centre-ca.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    # A throwaway test key, written only so the ssl module can load it.
    (tmp_path / "centre-key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path)


@pytest.fixture
def tls_server(tls_ca_file: str) -> Iterator[CannedServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls_ca_file, str(Path(tls_ca_file).with_name("centre-key.pem")))
    with CannedServer(context) as server:
        yield server


@pytest.fixture
def centre_keys() -> CentreKeys:
    return CentreKeys()


@pytest.fixture
def device_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC))
