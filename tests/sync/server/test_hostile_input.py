"""Hostile input at the centre: decompression bombs signed by a registered device, JSON too
deep or not Unicode, numbers past the protocol's range, wrong content types, huge import
files. Each is a 4xx with a stable code, and the centre logs no traceback (the fixture checks).
"""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
import requests

from sync.protocol.canonical import canonical_bytes
from tests.sync.bombs import bomb_frame, deep_json, long_string, zeros
from tests.sync.builders import BATCH, JSON, POINT, Device, activate, bearer, get_token, new_uuid
from tests.sync.conftest import REPO, Central
from tests.sync.server.helpers import error_code

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def device(central_module: Central) -> Device:
    with requests.Session() as session:
        return activate(session, central_module.url, POINT, central_module.issue_activation(POINT))


@pytest.fixture(scope="module")
def token(central_module: Central, device: Device) -> str:
    with requests.Session() as session:
        return get_token(session, central_module.url, device)


def _put_bomb(
    central: Central, device: Device, token: str, plaintext: Iterable[bytes], **options: object
) -> requests.Response:
    batch_id = new_uuid()
    frame = bomb_frame(
        batch_id=batch_id,
        device_id=device.device_id,
        point_code=device.point_code,
        centre_public_key=device.centre_public_key,
        device_key=device.key,
        plaintext=plaintext,
        **options,  # type: ignore[arg-type]
    )
    assert len(frame) < 1 * MiB  # a small frame: the harm is all in the inflating
    return requests.put(
        f"{central.url}/v1/batches/{batch_id}",
        data=frame,
        headers=bearer(token, **BATCH),
        timeout=60,
    )


@pytest.mark.parametrize("compression", ["zstd", "gzip"])
def test_a_signed_decompression_bomb_is_refused_as_too_large_before_it_inflates(
    central_module: Central, device: Device, token: str, compression: str
) -> None:
    answer = _put_bomb(
        central_module, device, token, zeros(200 * MiB), compression=compression, claims=1
    )
    assert (answer.status_code, error_code(answer)) == (413, "too_large")
    assert "item counts" in answer.json()["error"]["message"]


def test_a_plaintext_within_its_cap_holding_a_huge_string_is_refused_unparsed(
    central_module: Central, device: Device, token: str
) -> None:
    answer = _put_bomb(central_module, device, token, long_string(8 * MiB), claims=1000)
    assert (answer.status_code, error_code(answer)) == (413, "too_large")
    assert "string" in answer.json()["error"]["message"]


def test_a_plaintext_nested_thousands_deep_is_refused_unparsed(
    central_module: Central, device: Device, token: str
) -> None:
    answer = _put_bomb(central_module, device, token, deep_json(20_000), claims=100)
    assert (answer.status_code, error_code(answer)) == (413, "too_large")
    assert "nested" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        b'{"device_id":' + b"[" * 5000 + b"]" * 5000 + b"}",
        b"[" * 30_000 + b"]" * 30_000,
        b'{"device_id":"\\ud800"}',
        b'{"device_id":"abc","n":123456789012345678901234567890}',
        b'{"device_id":"' + b"a" * 60_000 + b'"}',
    ],
    ids=["deep-object", "deep-array", "lone-surrogate", "huge-integer", "long-string"],
)
def test_a_malformed_challenge_request_is_a_bad_request_not_a_server_error(
    central_module: Central, body: bytes
) -> None:
    answer = requests.post(
        f"{central_module.url}/v1/auth/challenge", data=body, headers=JSON, timeout=30
    )
    assert (answer.status_code, error_code(answer)) == (400, "bad_request")


@pytest.mark.parametrize("after", [2**53, 2**63, 2**64, 10**40])
def test_an_updates_cursor_past_the_protocols_integer_range_is_a_bad_request(
    central_module: Central, token: str, after: int
) -> None:
    answer = requests.get(
        f"{central_module.url}/v1/updates",
        params={"after": after},
        headers=bearer(token),
        timeout=30,
    )
    assert (answer.status_code, error_code(answer)) == (400, "bad_request")


@pytest.mark.parametrize("content_type", [None, "application/json", "text/plain"])
def test_a_batch_under_another_content_type_is_refused_as_unsupported(
    central_module: Central, device: Device, token: str, content_type: str | None
) -> None:
    payload = device.payload([])
    headers = (
        bearer(token) if content_type is None else bearer(token, **{"Content-Type": content_type})
    )
    answer = requests.put(
        f"{central_module.url}/v1/batches/{payload.batch_id}",
        data=device.seal(payload),
        headers=headers,
        timeout=30,
    )
    assert (answer.status_code, error_code(answer)) == (415, "unsupported_media_type")


def test_a_json_request_under_another_content_type_is_refused_as_unsupported(
    central_module: Central,
) -> None:
    answer = requests.post(
        f"{central_module.url}/v1/auth/challenge",
        data=canonical_bytes({"device_id": "x"}),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=30,
    )
    assert (answer.status_code, error_code(answer)) == (415, "unsupported_media_type")


def _limit_address_space() -> None:
    limit = 1536 * MiB  # the importer runs in far less; a 2 GiB read does not fit
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_import_refuses_a_2_gib_file_from_its_size_without_reading_it(
    central_module: Central, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.gamob"
    with huge.open("wb") as handle:
        handle.truncate(2 * 1024 * MiB)  # sparse: no disk, but 2 GiB to whoever reads it
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sync.server",
            "import-batches",
            "--data-dir",
            str(central_module.data_dir),
            "--db",
            central_module.db_url,
            str(huge),
        ],
        cwd=REPO,
        env=central_module.env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=_limit_address_space,
    )
    assert done.returncode == 1
    assert "huge.gamob: refused: too_large" in done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
