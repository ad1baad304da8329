"""Scans in chunks that resume, checked whole against their SHA-256 and size."""

from __future__ import annotations

import hashlib
import os

import requests

from sync.protocol.canonical import canonical_bytes
from tests.sync.builders import JSON, POINT, activate, bearer, get_token
from tests.sync.conftest import Central
from tests.sync.server.helpers import error_code

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


def test_another_device_can_neither_write_into_nor_restart_an_upload_it_did_not_declare(
    central_any_db: Central, session: requests.Session
) -> None:
    central = central_any_db
    owner = get_token(
        session, central.url, activate(session, central.url, POINT, central.issue_activation(POINT))
    )
    other = get_token(
        session, central.url, activate(session, central.url, POINT, central.issue_activation(POINT))
    )
    scan = os.urandom(CHUNK * 2 + 10)
    sha256 = hashlib.sha256(scan).hexdigest()
    parts = [scan[i : i + CHUNK] for i in range(0, len(scan), CHUNK)]
    _declare(session, central, owner, sha256, len(scan))
    _chunk(session, central, owner, sha256, 0, parts[0])
    # The other device knows the hash: it may not write a chunk, nor start the upload over
    # (a new layout would drop the owner's chunks), nor learn which chunks are missing.
    refused = [
        _chunk(session, central, other, sha256, 1, parts[1]),
        _declare(session, central, other, sha256, len(scan)),
        session.post(
            f"{central.url}/v1/attachments/{sha256}",
            data=canonical_bytes({"size": len(scan) + 1, "chunk_size": 512}),
            headers=bearer(other, **JSON),
        ),
    ]
    assert [(a.status_code, error_code(a)) for a in refused] == [(403, "forbidden")] * 3
    resumed = _declare(session, central, owner, sha256, len(scan)).json()
    assert resumed["missing"] == [1, 2]  # the owner's chunk is still there, nothing else
    for index in (1, 2):
        done = _chunk(session, central, owner, sha256, index, parts[index]).json()
    assert done["complete"] is True
    after = _declare(session, central, other, sha256, len(scan))
    assert (after.status_code, error_code(after)) == (403, "forbidden")
    assert central.stats()["refusals"] == {"forbidden": 4}
