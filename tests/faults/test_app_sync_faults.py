"""The key faults again with the app itself: ``agent-app`` processes on a real encrypted store
syncing through the link proxy to the real reference server, and ``kill -9`` mid-upload."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from agent_app.security.keystore import load_store_key
from agent_app.store.engine import make_engine
from bench.linkproxy import FaultMode, LinkProxy
from tests.faults.conftest import RunningCentre

PASSPHRASE = "phrase de passe du guichet en panne"
SUPERVISOR_PASSWORD = "mot-de-passe-chef"
BATCHES = "/v1/batches/"


def agent_app(data: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agent_app", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "AGENT_APP_LANG": "fr",
        "AGENT_APP_PASSPHRASE": PASSPHRASE,
        "AGENT_APP_USER_PASSWORD": SUPERVISOR_PASSWORD,
    }


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr
    return result


@dataclass
class AppPoint:
    code: str
    data: Path

    def sync(self) -> tuple[int, dict[str, Any]]:
        result = agent_app(self.data, "sync", "--json")
        return result.returncode, json.loads(result.stdout)

    def sync_until_converged(self, passes: int = 6) -> dict[str, Any]:
        reports = []
        for _ in range(passes):
            code, report = self.sync()
            reports.append(report)
            if code == 0 and report["ok"] and report["pending"] == 0:
                return report
        raise AssertionError(f"no convergence after {passes} passes: {reports}")

    def items(self) -> dict[str, dict[str, str]]:
        """uuid -> status of every claim and enrolment in the encrypted store."""
        key = load_store_key(self.data, lambda: PASSPHRASE)
        engine = make_engine(self.data / "guichet.db", key)
        try:
            with engine.connect() as connection:
                claims = connection.execute(sa.text("SELECT uuid, status FROM claims"))
                enrolments = connection.execute(sa.text("SELECT uuid, status FROM enrolments"))
                return {
                    "claims": {str(row[0]): str(row[1]) for row in claims},
                    "enrolments": {str(row[0]): str(row[1]) for row in enrolments},
                }
        finally:
            engine.dispose()


@pytest.fixture
def app_point(centre: RunningCentre, proxy: LinkProxy, tmp_path: Path) -> Iterator[Any]:
    def make(code: str, claims: int = 40, enrolments: int = 2) -> AppPoint:
        data = tmp_path / code
        ok(agent_app(data, "init", "--point-code", code, "--key-store", "passphrase"))
        ok(agent_app(data, "user", "add", "chef", "--role", "supervisor"))
        ok(
            agent_app(
                data,
                "demo-data",
                "--claims",
                str(claims),
                "--registrations",
                str(enrolments),
                "--seed",
                str(len(code)),
            )
        )
        activation = centre.issue_code(code)
        ok(agent_app(data, "activate", "--server", proxy.url, "--code", activation, "--as", "chef"))
        return AppPoint(code, data)

    yield make


def assert_exactly_once_and_nothing_lost(centre: RunningCentre, point: AppPoint) -> None:
    items = point.items()
    claims = items["claims"]
    held = centre.claim_uuids(point.code)
    assert len(held) == len(set(held)) == len(claims)
    assert set(held) == set(claims)
    assert set(claims.values()) <= {"accepted", "rejected"}
    assert set(items["enrolments"].values()) <= {"accepted", "rejected"}
    points = centre.stats()["points"]
    assert points[point.code]["claims"] == sum(s == "accepted" for s in claims.values())
    assert points[point.code]["enrolments"] == sum(
        s == "accepted" for s in items["enrolments"].values()
    )
    ok(agent_app(point.data, "verify"))


@pytest.mark.parametrize(
    ("code", "mode", "options", "error", "centre_handled_it"),
    [
        ("APPLST", "lose_response", {}, "network", True),
        ("APPCUT", "cut_request", {"cut_fraction": 0.3}, "network", False),
        ("APP503", "status", {"status": 503, "retry_after": 30}, "server_unavailable", False),
        ("APPPRT", "captive_portal", {}, "not_ours", False),
    ],
)
def test_the_app_converges_to_exactly_once_after_each_fault(
    centre: RunningCentre,
    proxy: LinkProxy,
    app_point: Any,
    code: str,
    mode: FaultMode,
    options: dict[str, Any],
    error: str,
    centre_handled_it: bool,
) -> None:
    point = app_point(code)
    proxy.fail(mode, count=1, method="PUT", path_prefix=BATCHES, **options)

    exit_code, first = point.sync()

    assert exit_code != 0
    assert (first["ok"], first["error"]) == (False, error)
    assert first["pending"] > 0
    assert (centre.point_claims(code) > 0) is centre_handled_it
    final = point.sync_until_converged()
    assert final["pending"] == 0
    assert_exactly_once_and_nothing_lost(centre, point)


def test_kill_9_during_an_upload_loses_nothing_and_duplicates_nothing(
    centre: RunningCentre, proxy: LinkProxy, app_point: Any
) -> None:
    point = app_point("APPK9", claims=300, enrolments=3)
    # A crawling uplink keeps the PUT in flight for minutes: the kill lands mid-upload.
    proxy.fail(
        "trickle",
        method="PUT",
        path_prefix=BATCHES,
        direction="up",
        piece_bytes=64,
        piece_delay=0.2,
    )
    upload = subprocess.Popen(
        [sys.executable, "-m", "agent_app", "--data-dir", str(point.data), "sync", "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=_env(),
    )
    try:
        assert proxy.wait_for_request("PUT", BATCHES, timeout=120)
        upload.send_signal(signal.SIGKILL)
    finally:
        upload.kill()
        upload.wait()
    assert upload.returncode == -signal.SIGKILL
    # The link dies with the process: what was in flight never reaches the centre.
    proxy.drop_connections()
    proxy.clear_faults()
    assert centre.point_claims("APPK9") == 0
    statuses = point.items()
    assert set(statuses["claims"].values()) == {"batched"}  # sealed before the upload began

    final = point.sync_until_converged()

    assert final["pending"] == 0
    assert_exactly_once_and_nothing_lost(centre, point)
