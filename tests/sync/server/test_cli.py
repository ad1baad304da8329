"""The operator's command line: activation codes, stats, removable-media import, processing."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import requests
from sqlalchemy import create_engine

from sync.protocol.schema import ClaimItem
from tests.sync.builders import (
    BATCH,
    POINT,
    Device,
    activate,
    bearer,
    get_token,
    make_claim,
    make_enrolment,
    new_uuid,
    read_ack,
)
from tests.sync.conftest import REPO, Central


def _frame_file(directory: Path, device: Device, claims: list[ClaimItem]) -> Path:
    payload = device.payload(claims)
    path = directory / f"{payload.batch_id}.gamob"
    path.write_bytes(device.seal(payload))
    return path


def test_issue_activation_prints_the_code_as_its_last_word(central: Central) -> None:
    done = central.cli(
        "issue-activation", "--data-dir", str(central.data_dir), "--point-code", POINT
    )
    code = done.stdout.split()[-1]
    groups = code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4]
    assert not set(code) & set("01OIL")
    assert central.issue_activation(POINT) != code


def test_a_bad_point_code_is_one_line_on_stderr_and_a_failure(central: Central) -> None:
    done = central.cli(
        "issue-activation", "--data-dir", str(central.data_dir), "--point-code", "no!", check=False
    )
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_stats_json_counts_what_the_centre_holds(
    central: Central, session: requests.Session
) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    payload = device.payload([make_claim(1), make_claim(2)], [make_enrolment()])
    token = get_token(session, central.url, device)
    session.put(
        f"{central.url}/v1/batches/{payload.batch_id}",
        data=device.seal(payload),
        headers=bearer(token, **BATCH),
    )
    stats = central.stats()
    expected = {
        "claims": 2,
        "enrolments": 1,
        "batches": 1,
        "shipments": 0,
        "audit_entries": 0,
        "duplicates_refused": 0,
        "conflicts": 0,
        "refusals": {},
        "points": {POINT: {"claims": 2, "enrolments": 1, "batches": 1}},
    }
    assert {key: stats[key] for key in expected} == expected


def test_batches_from_removable_media_import_once_and_then_sync_gets_the_stored_ack(
    central_any_db: Central, session: requests.Session, tmp_path: Path
) -> None:
    central = central_any_db
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    held = make_claim(1)
    first = _frame_file(tmp_path, device, [held, make_claim(2)])
    overlapping = _frame_file(tmp_path, device, [held, make_claim(3)])

    done = central.import_batches([first])
    assert done.stdout.strip().endswith("2 accepted, 0 rejected, 0 duplicate")
    again = central.import_batches([first, overlapping])
    lines = again.stdout.strip().splitlines()
    assert lines[0].endswith("(already received: its stored acknowledgement)")
    assert lines[1].endswith("1 accepted, 0 rejected, 1 duplicate")
    stats = central.stats()
    assert (stats["claims"], stats["batches"], stats["duplicates_refused"]) == (3, 2, 1)

    # The same frame later synced by the counter itself: the acknowledgement stored at import.
    batch_id = first.stem
    answer = session.put(
        f"{central.url}/v1/batches/{batch_id}",
        data=first.read_bytes(),
        headers=bearer(get_token(session, central.url, device), **BATCH),
    )
    assert answer.status_code == 200
    assert [item.outcome for item in read_ack(answer.content).items] == ["accepted", "accepted"]


def test_a_bad_file_among_imports_is_one_line_and_a_failure_the_others_still_imported(
    central: Central, session: requests.Session, tmp_path: Path
) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    good = _frame_file(tmp_path, device, [make_claim(1)])
    broken = tmp_path / "broken.gamob"
    broken.write_bytes(b"not a sealed batch at all")
    missing = tmp_path / "missing.gamob"
    done = central.import_batches([broken, good, missing], check=False)
    assert done.returncode != 0
    errors = done.stderr.strip().splitlines()
    assert [line.split(":")[0] for line in errors] == ["broken.gamob", "missing.gamob"]
    assert "bad_magic" in errors[0]
    assert "Traceback" not in done.stderr
    assert central.stats()["claims"] == 1


Move = tuple[str, str, int | None, str | None, str | None]


def _processed(central: Central, frame: Path, seed: int) -> list[Move]:
    central.import_batches([frame])
    central.simulate_processing(seed=seed, steps=3)
    engine = create_engine(central.db_url)
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT subject_uuid, status, amount_centimes, reason, immatriculation "
                "FROM status_updates ORDER BY cursor"
            ).all()
    finally:
        engine.dispose()
    return [(row[0], row[1], row[2], row[3], row[4]) for row in rows]


def test_simulated_processing_is_deterministic_with_a_seed(
    start_central: Callable[..., Central], tmp_path: Path
) -> None:
    first, second = start_central(), start_central()
    with requests.Session() as session:
        devices = [
            activate(session, centre.url, POINT, centre.issue_activation(POINT))
            for centre in (first, second)
        ]
    # The same items and batch id to both centres, each sealed to its own centre's key.
    claims = [make_claim(n, declared_amount_centimes=10_000 + n) for n in range(1, 31)]
    enrolments = [make_enrolment()]
    batch_id = new_uuid()
    frames = []
    for index, device in enumerate(devices):
        payload = dataclasses.replace(device.payload(claims, enrolments), batch_id=batch_id)
        path = tmp_path / f"{index}" / f"{batch_id}.gamob"
        path.parent.mkdir()
        path.write_bytes(device.seal(payload))
        frames.append(path)
    once = _processed(first, frames[0], seed=11)
    assert once == _processed(second, frames[1], seed=11)
    assert {"reimbursed", "returned", "registered"} <= {move[1] for move in once}
    assert len(once) == 30 * 3 + 2


def test_the_checked_in_openapi_file_is_current(tmp_path: Path) -> None:
    out = tmp_path / "openapi.json"
    subprocess.run(
        [sys.executable, "-m", "sync.server", "openapi", "--out", str(out)], cwd=REPO, check=True
    )
    checked_in = REPO / "docs" / "openapi.json"
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        checked_in.read_text(encoding="utf-8")
    ), "run: python -m sync.server openapi --out docs/openapi.json"
    paths = json.loads(out.read_text(encoding="utf-8"))["paths"]
    assert set(paths) == {
        "/v1/devices",
        "/v1/auth/challenge",
        "/v1/auth/token",
        "/v1/batches/{batch_id}",
        "/v1/updates",
        "/v1/reference",
        "/v1/attachments/{sha256}",
        "/v1/attachments/{sha256}/chunks/{index}",
        "/v1/insured/check",
        "/v1/health",
    }
