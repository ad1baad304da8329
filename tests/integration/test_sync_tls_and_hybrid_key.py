"""The link as deployed: TLS to the real centre with a CA made here, and a centre that hands out
the post-quantum hybrid key (ML-KEM-768+X25519) at activation.

The CA and the server certificate for 127.0.0.1 are made in the test with
``cryptography.x509``; the centre is ``python -m sync.server serve --tls-cert --tls-key`` and
the point the real ``agent-app`` command line.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, hpke, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from agent_app.services.claims import get_claim, record_claim
from agent_app.services.sync import activate, run_sync
from agent_app.services.sync_outbox import StoreOutbox
from agent_app.store.models import Batch
from agent_app.store.repo import get_setting
from sync.protocol.envelope import peek_header
from tests.builders import claim_draft
from tests.integration.test_cli import run_cli
from tests.integration.test_sync_cli import POINT, _init, _sync
from tests.sync.conftest import start_central as start_central  # a fixture here

TLS_REFUSED = "Le certificat du centre n'a pas pu être vérifié"


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_ca_and_server_certificate(directory: Path) -> tuple[Path, Path, Path]:
    """(ca.pem, server certificate, server key) for a server at 127.0.0.1, valid now."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Guichet AMO test CA"))
        .issuer_name(_name("Guichet AMO test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    ca_file, cert_file, key_file = (
        directory / "ca.pem",
        directory / "server.pem",
        directory / "server-key.pem",
    )
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    # The test server's own key, in a temporary directory, for the time of one test.
    key_file.write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)
    return ca_file, cert_file, key_file


def test_a_point_activates_and_syncs_over_tls_with_the_centres_ca_file_and_not_without(
    tmp_path, start_central
):
    ca_file, cert_file, key_file = make_ca_and_server_certificate(tmp_path / "tls")
    central = start_central(
        "--tls-cert", str(cert_file), "--tls-key", str(key_file), ca_file=ca_file
    )
    assert central.url.startswith("https://127.0.0.1:")
    data = _init(tmp_path)
    demo = run_cli(data, "demo-data", "--claims", "5", "--registrations", "1", "--seed", "3")
    assert demo.returncode == 0, demo.stderr
    code = central.issue_activation(POINT)

    unverified = run_cli(data, "activate", "--server", central.url, "--code", code)

    assert unverified.returncode == 1
    assert unverified.stderr.count("\n") == 1 and TLS_REFUSED in unverified.stderr
    assert central.stats()["devices"] == 0  # nothing reached the centre: the code still works

    done = run_cli(
        data, "activate", "--server", central.url, "--code", code, "--ca-file", str(ca_file)
    )

    assert done.returncode == 0, done.stderr
    report = _sync(data)
    assert report["ok"] is True and report["pending"] == 0, report
    assert report["rejected"] == 0
    stats = central.stats()
    assert (stats["devices"], stats["claims"], stats["enrolments"]) == (1, 5, 1)


def _non_loopback_address() -> str:
    """An address of this machine that is not loopback (0.0.0.0, which Linux delivers to this
    machine, when it has no other)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.123", 9))  # no packet is sent: this only picks a route
            address = str(probe.getsockname()[0])
        except OSError:
            return "0.0.0.0"  # noqa: S104 (a destination here, never bound)
    return "0.0.0.0" if ipaddress.ip_address(address).is_loopback else address  # noqa: S104


def test_plain_http_to_another_machine_is_refused_before_any_connection(tmp_path):
    data = _init(tmp_path)
    address = _non_loopback_address()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1" if address == "0.0.0.0" else address, 0))  # noqa: S104
        listener.listen()
        port = listener.getsockname()[1]

        done = run_cli(data, "activate", "--server", f"http://{address}:{port}", "--code", "C")

        assert done.returncode == 1
        assert "https://" in done.stderr and done.stderr.count("\n") == 1
        # A connection would wait in the listener's backlog, accepted or not.
        listener.setblocking(False)
        with pytest.raises(BlockingIOError):
            listener.accept()


def test_a_centre_publishing_the_hybrid_key_gets_a_full_sync_sealed_to_it(
    store, supervisor, clerk, clock, start_central
):
    central = start_central("--centre-kem", "MLKEM768_X25519")
    recorded = record_claim(store, clerk, claim_draft(), clock=clock)

    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)

    with store.read() as session:
        assert get_setting(session, "sync.centre_kem") == "MLKEM768_X25519"
    reloaded = StoreOutbox(store, clock).identity()
    assert reloaded is not None
    assert isinstance(reloaded.centre_public_key, hpke.MLKEM768X25519PublicKey)
    report = run_sync(store, force_seal=True, clock=clock)
    assert report.ok and report.rejected == 0 and report.pending == 0, report
    assert StoreOutbox(store, clock).unacknowledged() == []
    with store.read() as session:
        frames = [frame for frame in session.scalars(sa.select(Batch.frame)) if frame]
    assert frames and {peek_header(frame).kem for frame in frames} == {"MLKEM768_X25519"}
    stats = central.stats()
    assert (stats["claims"], stats["refusals"]) == (1, {})
    assert get_claim(store, recorded.receipt_no).status == "accepted"
