"""Scans in chunks that resume, checked whole against their SHA-256 and size."""

from __future__ import annotations

import hashlib
import os

import requests

from sync.protocol.canonical import canonical_bytes
from tests.sync.builders import JSON, POINT, activate, bearer, get_token
from tests.sync.conftest import Central

CHUNK = 1024


def _declare(
    session: requests.Session, central: Central, token: str, sha256: str, size: int
) -> requests.Response:
    return session.post(
        f"{central.url}/v1/attachments/{sha256}",
        data=canonical_bytes({"size": size, "chunk_size": CHUNK}),
        headers=bearer(token, **JSON),
    )


def _chunk(
    session: requests.Session, central: Central, token: str, sha256: str, index: int, data: bytes
) -> requests.Response:
    return session.put(
        f"{central.url}/v1/attachments/{sha256}/chunks/{index}",
        data=data,
        headers=bearer(token, **{"Content-Type": "application/octet-stream"}),
    )


def test_an_interrupted_upload_resumes_with_the_missing_chunks_only(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    token = get_token(
        session, central.url, activate(session, central.url, POINT, central.issue_activation(POINT))
    )
    scan = os.urandom(CHUNK * 4 + 100)
    sha256 = hashlib.sha256(scan).hexdigest()
    parts = [scan[i : i + CHUNK] for i in range(0, len(scan), CHUNK)]
    assert _declare(session, central, token, sha256, len(scan)).json()["missing"] == [0, 1, 2, 3, 4]
    assert _chunk(session, central, token, sha256, 0, parts[0]).json()["missing"] == [1, 2, 3, 4]
    assert _chunk(session, central, token, sha256, 3, parts[3]).json()["missing"] == [1, 2, 4]
    # The link dropped; the device asks again what is missing and sends only that.
    resumed = _declare(session, central, token, sha256, len(scan)).json()
    assert resumed == {
        "missing": [1, 2, 4],
        "complete": False,
        "server_time": resumed["server_time"],
    }
    for index in resumed["missing"][:-1]:
        _chunk(session, central, token, sha256, index, parts[index])
    last = _chunk(session, central, token, sha256, 4, parts[4]).json()
    assert (last["missing"], last["complete"]) == ([], True)
    assert _declare(session, central, token, sha256, len(scan)).json()["complete"] is True


def test_chunks_that_do_not_add_up_to_the_hash_are_dropped_with_422(
    central: Central, session: requests.Session
) -> None:
    token = get_token(
        session, central.url, activate(session, central.url, POINT, central.issue_activation(POINT))
    )
    scan = os.urandom(CHUNK * 2)
    sha256 = hashlib.sha256(b"another scan").hexdigest()
    _declare(session, central, token, sha256, len(scan))
    _chunk(session, central, token, sha256, 0, scan[:CHUNK])
    refused = _chunk(session, central, token, sha256, 1, scan[CHUNK:])
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "bad_attachment"
    assert _declare(session, central, token, sha256, len(scan)).json()["missing"] == [0, 1]


def test_a_chunk_of_the_wrong_length_or_for_an_undeclared_scan_is_refused(
    central: Central, session: requests.Session
) -> None:
    token = get_token(
        session, central.url, activate(session, central.url, POINT, central.issue_activation(POINT))
    )
    sha256 = hashlib.sha256(b"x").hexdigest()
    assert _chunk(session, central, token, sha256, 0, b"x").status_code == 404
    _declare(session, central, token, sha256, CHUNK * 2)
    assert _chunk(session, central, token, sha256, 0, b"short").status_code == 400
    assert _chunk(session, central, token, sha256, 2, b"x" * CHUNK).status_code == 400
