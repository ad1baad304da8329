"""The centre's limits: bodies over 16 MiB (JSON bodies over 64 KiB), and token buckets per
device and per address."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import requests

from sync.protocol.canonical import canonical_bytes
from tests.sync.builders import BATCH, JSON, POINT, activate, bearer, get_token, new_uuid
from tests.sync.conftest import Central
from tests.sync.server.helpers import error_code

LIMIT = 16 * 1024 * 1024


def test_a_declared_body_over_16_mib_is_refused_before_it_is_read(
    central: Central, session: requests.Session
) -> None:
    token = get_token(
        session, central.url, activate(session, central.url, POINT, central.issue_activation(POINT))
    )
    address = urlsplit(central.url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=30)
    try:
        connection.putrequest("PUT", f"/v1/batches/{new_uuid()}")
        connection.putheader("Authorization", f"Bearer {token}")
        connection.putheader("Content-Type", BATCH["Content-Type"])
        connection.putheader("Content-Length", str(LIMIT + 1))
        connection.endheaders(b"GAMOB1")  # a few bytes only: the centre must not wait for more
        answer = connection.getresponse()
        assert answer.status == 413
        assert b'"too_large"' in answer.read()
    finally:
        connection.close()
    assert central.stats()["refusals"]["too_large"] == 1


def test_a_streamed_body_is_cut_off_once_it_passes_16_mib(
    central: Central, session: requests.Session
) -> None:
    token = get_token(
        session, central.url, activate(session, central.url, POINT, central.issue_activation(POINT))
    )

    def endless() -> Iterator[bytes]:  # chunked: no Content-Length to refuse up front
        block = b"\0" * (1024 * 1024)
        for _ in range(17):
            yield block

    try:
        answer = session.put(
            f"{central.url}/v1/batches/{new_uuid()}", data=endless(), headers=bearer(token, **BATCH)
        )
    except requests.ConnectionError:
        answer = None  # the centre may close before the client finished sending
    if answer is not None:
        assert answer.status_code == 413
    assert central.stats()["refusals"]["too_large"] == 1


def test_a_device_past_its_bucket_is_told_to_retry_after(start_central: Any) -> None:
    central: Central = start_central("--device-burst", "3", "--device-rate", "0.01")
    with requests.Session() as session:
        token = get_token(
            session,
            central.url,
            activate(session, central.url, POINT, central.issue_activation(POINT)),
        )
        answers = [
            session.get(f"{central.url}/v1/updates", headers=bearer(token)) for _ in range(4)
        ]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert error_code(answers[3]) == "rate_limited"
    assert int(answers[3].headers["Retry-After"]) >= 1
    assert central.stats()["refusals"] == {"rate_limited": 1}


def test_activation_tries_count_against_the_address(start_central: Any) -> None:
    central: Central = start_central("--address-burst", "2", "--address-rate", "0.01")
    body = canonical_bytes(
        {"point_code": POINT, "activation_code": "WRONG", "device_public_key": "A" * 43}
    )
    with requests.Session() as session:
        codes = [
            session.post(f"{central.url}/v1/devices", data=body, headers=JSON).status_code
            for _ in range(3)
        ]
    assert codes == [403, 403, 429]


def test_a_json_body_over_64_kib_is_refused_unread(
    central: Central, session: requests.Session
) -> None:
    """Activation, tokens and insured checks are a few hundred bytes; 64 KiB is the ceiling."""
    body = canonical_bytes({"code": "x" * (64 * 1024), "point_code": POINT})
    answer = session.post(f"{central.url}/v1/devices", data=body, headers=JSON)
    assert answer.status_code == 413
    assert error_code(answer) == "too_large"
    assert central.stats()["refusals"]["too_large"] == 1
