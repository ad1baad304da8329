"""The transport refuses what is not the centre's: insecure URLs, unsigned or forged answers,
captive portals, gateway pages and cut bodies, each as one SyncError with a stable code."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.client.transport import SyncError, Transport, TransportError
from sync.protocol.auth import ANSWER_SIGNATURE_HEADER, sign_answer
from sync.protocol.canonical import canonical_bytes
from tests.sync.client.conftest import Canned, CannedServer, CentreKeys, unreachable_url

SERVER_TIME = "2026-03-10T12:00:03Z"
HEALTH = canonical_bytes({"status": "ok", "server_time": SERVER_TIME})
JSON = {"Content-Type": "application/json"}


def signed(key: Ed25519PrivateKey, body: bytes, status: int = 200) -> Canned:
    return Canned(status, {**JSON, ANSWER_SIGNATURE_HEADER: sign_answer(key, body)}, body)


@pytest.mark.parametrize(
    "url",
    ["http://api.cnss.ma", "http://10.0.0.5:8080", "http://127.0.0.1.nip.io", "ftp://127.0.0.1"],
)
def test_plain_http_to_a_host_other_than_this_machine_is_refused(url: str) -> None:
    with pytest.raises(TransportError) as refused:
        Transport(url)
    assert refused.value.kind == "insecure_url"


@pytest.mark.parametrize(
    "url",
    [
        "https://api.cnss.ma",
        "http://127.0.0.1:8000",
        "http://127.8.9.1",
        "http://[::1]:80",
        "http://localhost:5000/",
    ],
)
def test_tls_or_loopback_urls_are_accepted(url: str) -> None:
    with Transport(url) as transport:
        assert transport.base_url == url.rstrip("/")


def test_a_signed_answer_of_ours_is_read_and_timed(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    canned_server.answer = signed(centre_keys.answers, HEALTH)
    with Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport:
        server_time = transport.health()
        sample = transport.last_clock_sample
    assert server_time == dt.datetime(2026, 3, 10, 12, 0, 3, tzinfo=dt.UTC)
    assert sample is not None and sample.server_time == server_time
    assert sample.sent_at <= sample.received_at


def test_an_answer_without_the_centre_signature_is_not_ours(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    canned_server.answer = Canned(200, JSON, HEALTH)
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.health()
    assert refused.value.kind == "not_ours"
    assert transport.last_clock_sample is None


def test_an_answer_signed_by_another_key_is_not_ours(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    canned_server.answer = signed(Ed25519PrivateKey.generate(), HEALTH)
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.health()
    assert refused.value.kind == "not_ours"


def test_an_answer_whose_body_was_changed_after_signing_is_not_ours(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    other = canonical_bytes({"status": "ok", "server_time": "2030-01-01T00:00:00Z"})
    canned_server.answer = Canned(
        200, {**JSON, ANSWER_SIGNATURE_HEADER: sign_answer(centre_keys.answers, HEALTH)}, other
    )
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.health()
    assert refused.value.kind == "not_ours"


def test_a_captive_portal_page_answered_200_is_not_ours(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    page = b"<html><body><form>Connectez-vous au Wi-Fi</form></body></html>"
    canned_server.answer = Canned(200, {"Content-Type": "text/html; charset=utf-8"}, page)
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.challenge("dev-test")
    assert refused.value.kind == "not_ours"
    assert refused.value.http_status == 200


def test_a_portal_that_answers_json_of_another_shape_is_not_ours(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    canned_server.answer = signed(centre_keys.answers, canonical_bytes({"login": "required"}))
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.challenge("dev-test")
    assert refused.value.kind == "not_ours"


def test_a_redirect_to_a_portal_is_not_followed(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    canned_server.answer = Canned(302, {"Location": "http://portal.example/login"}, b"")
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.health()
    assert refused.value.kind == "not_ours"
    assert refused.value.http_status == 302
    assert len(canned_server.requests) == 1


def test_a_body_cut_by_a_dropped_connection_is_a_network_failure(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    answer = signed(centre_keys.answers, HEALTH)
    answer.cut_after = len(HEALTH) // 2
    canned_server.answer = answer
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.health()
    assert refused.value.kind == "network"


def test_a_body_cut_by_a_proxy_that_fixed_the_length_is_not_ours(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    canned_server.answer = Canned(
        200,
        {**JSON, ANSWER_SIGNATURE_HEADER: sign_answer(centre_keys.answers, HEALTH)},
        HEALTH[: len(HEALTH) // 2],
    )
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.health()
    assert refused.value.kind == "not_ours"


@pytest.mark.parametrize("status", [502, 503, 504])
def test_a_gateway_error_page_is_server_unavailable(
    canned_server: CannedServer, centre_keys: CentreKeys, status: int
) -> None:
    canned_server.answer = Canned(status, {"Content-Type": "text/html"}, b"<h1>Bad Gateway</h1>")
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.health()
    assert refused.value.kind == "server_unavailable"
    assert refused.value.http_status == status


def test_a_rate_limit_carries_retry_after(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    body = canonical_bytes(
        {"error": {"code": "rate_limited", "message": "slow down"}, "server_time": SERVER_TIME}
    )
    canned_server.answer = Canned(429, {**JSON, "Retry-After": "42"}, body)
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(SyncError) as refused,
    ):
        transport.challenge("dev-test")
    assert (refused.value.code, refused.value.retry_after) == ("rate_limited", 42.0)
    assert not isinstance(refused.value, TransportError)


def test_a_refusal_of_ours_keeps_its_protocol_code_and_status(
    canned_server: CannedServer, centre_keys: CentreKeys
) -> None:
    body = canonical_bytes(
        {"error": {"code": "conflict", "message": "other bytes"}, "server_time": SERVER_TIME}
    )
    canned_server.answer = Canned(409, JSON, body)
    with (
        Transport(canned_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(SyncError) as refused,
    ):
        transport.put_batch("token", "0b6f1c1e-8d4f-4a43-9c07-5d3f7f6f3a10", b"GAMOB1...")
    assert (refused.value.code, refused.value.http_status) == ("conflict", 409)
    method, path, headers = canned_server.requests[0]
    assert (method, path) == ("PUT", "/v1/batches/0b6f1c1e-8d4f-4a43-9c07-5d3f7f6f3a10")
    assert headers["Authorization"] == "Bearer token"
    assert headers["Content-Type"] == "application/vnd.gamo.batch"


def test_nobody_listening_is_a_network_failure() -> None:
    with Transport(unreachable_url()) as transport, pytest.raises(TransportError) as refused:
        transport.health()
    assert refused.value.kind == "network"


def test_a_certificate_the_device_does_not_trust_is_a_tls_failure(
    tls_server: CannedServer, centre_keys: CentreKeys
) -> None:
    tls_server.answer = signed(centre_keys.answers, HEALTH)
    with (
        Transport(tls_server.url, answer_key=centre_keys.answers.public_key()) as transport,
        pytest.raises(TransportError) as refused,
    ):
        transport.health()
    assert refused.value.kind == "tls"


def test_the_configured_ca_file_is_trusted(
    tls_server: CannedServer, tls_ca_file: str, centre_keys: CentreKeys
) -> None:
    tls_server.answer = signed(centre_keys.answers, HEALTH)
    with Transport(
        tls_server.url, ca_file=tls_ca_file, answer_key=centre_keys.answers.public_key()
    ) as transport:
        assert transport.health() == dt.datetime(2026, 3, 10, 12, 0, 3, tzinfo=dt.UTC)
