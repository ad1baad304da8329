"""The operator CLI as an operator runs it: real processes, a real encrypted data directory."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from agent_app.security.keystore import load_store_key
from agent_app.store.engine import SQLITE_HEADER, make_engine

PASSPHRASE = "phrase de passe de test du guichet"
USER_PASSWORD = "mot-de-passe-agent"


def run_cli(
    data: Path,
    *args: str,
    env: dict[str, str] | None = None,
    passphrase: str | None = PASSPHRASE,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "AGENT_APP_LANG": "fr", "AGENT_APP_USER_PASSWORD": USER_PASSWORD}
    full_env.pop("AGENT_APP_PASSPHRASE", None)
    if passphrase is not None:
        full_env["AGENT_APP_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "agent_app", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def init_point(data: Path) -> None:
    # Subprocesses see no keyring backend here (no desktop session): the passphrase wraps the key.
    result = run_cli(
        data,
        "init",
        "--point-code",
        "FES03",
        "--point-name",
        "Fès Médina",
        "--key-store",
        "passphrase",
    )
    assert result.returncode == 0, result.stderr
    assert "FES03" in result.stdout


def open_engine(data: Path) -> sa.Engine:
    key = load_store_key(data, lambda: PASSPHRASE)
    return make_engine(data / "guichet.db", key)


@pytest.fixture
def point(tmp_path: Path) -> Path:
    data = tmp_path / "point"
    init_point(data)
    return data


def test_demo_data_leaves_no_plaintext_anywhere_in_the_data_directory(point):
    # A second connection held open keeps the WAL file in place, as during a working day.
    engine = open_engine(point)
    holder = engine.connect()
    holder.exec_driver_sql("SELECT count(*) FROM claims").scalar()
    holder.rollback()  # stay connected, without pinning an old snapshot
    try:
        assert run_cli(point, "user", "add", "agent1", "--role", "clerk").returncode == 0
        result = run_cli(
            point, "demo-data", "--claims", "300", "--registrations", "20", "--seed", "11"
        )
        assert result.returncode == 0, result.stderr
        backup = run_cli(point, "backup", "--out", str(point / "backups" / "manual.db"))
        assert backup.returncode == 0, backup.stderr
        listing = run_cli(point, "claims", "list", "--json", "--limit", "0")
        assert len(json.loads(listing.stdout)) == 300
        assert run_cli(point, "claims", "find", "BENNANI").returncode == 0

        secrets: set[str] = set()
        for row in holder.exec_driver_sql(
            "SELECT insured_name, insured_immatriculation, insured_cin, beneficiary_name, "
            "beneficiary_cin FROM claims"
        ):
            secrets.update(v for v in row if v)
        for row in holder.exec_driver_sql("SELECT last_name, first_name, cin FROM enrolments"):
            secrets.update(v for v in row if v)
        # Six characters or more: every immatriculation, CIN and full name, no common syllable.
        needles = {s.encode() for s in secrets if len(s) >= 6}
        assert len(needles) > 300

        files = [p for p in point.rglob("*") if p.is_file()]
        names = {p.relative_to(point).as_posix() for p in files}
        assert {"guichet.db", "guichet.db-wal", "logs/agent-app.log"} <= names
        assert any(n.startswith("backups/") for n in names)
        for path in files:
            content = path.read_bytes()
            assert not content.startswith(SQLITE_HEADER), path
            leaked = [n for n in needles if n in content]
            assert not leaked, f"{path.name} holds {leaked[:3]}"
    finally:
        holder.close()
        engine.dispose()


def test_wrong_passphrase_gives_one_clear_line_and_leaves_files_untouched(point):
    before = {p.name: p.read_bytes() for p in point.iterdir() if p.is_file()}
    result = run_cli(point, "claims", "list", passphrase="ce n'est pas la bonne phrase")
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "Phrase de passe incorrecte : le magasin de données n'a pas été ouvert ni modifié."
    )
    assert "Traceback" not in result.stderr + result.stdout
    after = {p.name: p.read_bytes() for p in point.iterdir() if p.is_file()}
    assert after == before


def test_no_passphrase_and_no_keyring_is_a_clear_message(point):
    result = run_cli(point, "claims", "list", passphrase=None)
    assert result.returncode != 0
    assert "AGENT_APP_PASSPHRASE" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_errors_speak_the_users_language(point):
    result = run_cli(point, "claims", "show", "FES03-261120-00017", env={"AGENT_APP_LANG": "ar"})
    assert result.returncode != 0
    assert "لا يوجد" in result.stderr or "غير" in result.stderr
    english = run_cli(
        point, "claims", "list", passphrase="wrong wrong wrong", env={"AGENT_APP_LANG": "en"}
    )
    assert english.stderr.strip().startswith("Wrong passphrase")


def test_command_on_a_missing_store_says_to_run_init(tmp_path):
    result = run_cli(tmp_path / "nowhere", "claims", "list")
    assert result.returncode != 0
    assert "agent-app init" in result.stderr


def test_listing_showing_and_finding_claims(point):
    run_cli(point, "demo-data", "--claims", "40", "--registrations", "3", "--seed", "5")
    claims = json.loads(run_cli(point, "claims", "list", "--json").stdout)
    newest = claims[0]
    assert set(newest) >= {
        "receipt_no",
        "insured_immatriculation",
        "insured_name",
        "declared_amount_centimes",
        "status",
        "created_at",
    }
    shown = json.loads(run_cli(point, "claims", "show", newest["receipt_no"], "--json").stdout)
    assert shown["receipt_no"] == newest["receipt_no"]
    assert [e["status"] for e in shown["timeline"]] == ["recorded"]
    found = json.loads(
        run_cli(point, "claims", "find", newest["insured_immatriculation"], "--json").stdout
    )
    assert newest["receipt_no"] in {c["receipt_no"] for c in found}
    text = run_cli(point, "claims", "list", "--limit", "5")
    assert text.returncode == 0 and newest["receipt_no"] in text.stdout
    registrations = json.loads(run_cli(point, "registrations", "list", "--json").stdout)
    assert len(registrations) == 3
    assert all("immatriculation" in r for r in registrations)
    by_status = json.loads(run_cli(point, "claims", "list", "--json", "--status", "voided").stdout)
    assert by_status == []


def test_verify_names_an_altered_audit_entry(point):
    run_cli(point, "demo-data", "--claims", "30", "--seed", "3")
    assert run_cli(point, "verify").returncode == 0
    engine = open_engine(point)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE audit_log SET details = replace(details, 'uuid', 'uuiD') WHERE seq = 7"
        )
    engine.dispose()
    result = run_cli(point, "verify")
    assert result.returncode == 3
    assert "n° 7" in result.stderr and "modifiée" in result.stderr


def test_verify_names_a_deleted_audit_entry(point):
    run_cli(point, "demo-data", "--claims", "30", "--seed", "3")
    engine = open_engine(point)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE seq = 12")
    engine.dispose()
    result = run_cli(point, "verify")
    assert result.returncode == 3
    assert "n° 12" in result.stderr and "supprimée" in result.stderr


def test_verify_notices_the_newest_audit_entry_deleted(point):
    run_cli(point, "demo-data", "--claims", "30", "--seed", "3")
    engine = open_engine(point)
    with engine.begin() as conn:
        last = conn.exec_driver_sql("SELECT max(seq) FROM audit_log").scalar()
        conn.exec_driver_sql("DELETE FROM audit_log WHERE seq = ?", (last,))
    engine.dispose()
    result = run_cli(point, "verify")
    assert result.returncode == 3
    assert f"n° {last}" in result.stderr


def test_user_add_and_list(point):
    assert run_cli(point, "user", "add", "chef", "--role", "supervisor").returncode == 0
    again = run_cli(point, "user", "add", "chef", "--role", "clerk")
    assert again.returncode != 0 and "existe déjà" in again.stderr
    weak = run_cli(
        point, "user", "add", "agent2", "--role", "clerk", env={"AGENT_APP_USER_PASSWORD": "court"}
    )
    assert weak.returncode != 0 and "8 caractères" in weak.stderr
    users = json.loads(run_cli(point, "user", "list", "--json").stdout)
    assert [(u["username"], u["role"]) for u in users] == [("chef", "supervisor")]


@pytest.mark.slow
def test_kill_9_during_a_large_demo_data_run_loses_no_committed_claim(point):
    env = {**os.environ, "AGENT_APP_LANG": "fr", "AGENT_APP_PASSPHRASE": PASSPHRASE}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agent_app",
            "--data-dir",
            str(point),
            "demo-data",
            "--claims",
            "200000",
            "--seed",
            "9",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    committed = 0
    assert proc.stdout is not None
    deadline = time.monotonic() + 240
    # Let a few chunks commit, then kill in the middle of the next one.
    while committed < 15_000 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        match = re.search(r"(\d+)/200000 dépôts", line)
        if match:
            committed = int(match.group(1))
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    assert committed >= 15_000

    verify = run_cli(point, "verify")
    assert verify.returncode == 0, verify.stderr
    engine = open_engine(point)
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT count(*) FROM claims").scalar()
        audited = conn.exec_driver_sql(
            "SELECT count(*) FROM audit_log WHERE action = 'claim.create'"
        ).scalar()
        statuses = conn.exec_driver_sql("SELECT count(*) FROM status_events").scalar()
    engine.dispose()
    assert stored >= committed
    assert stored < 200_000
    assert audited == stored == statuses
    # The store is usable afterwards: a second run continues where the first was cut.
    again = run_cli(point, "demo-data", "--claims", "100", "--seed", "10")
    assert again.returncode == 0, again.stderr
    assert run_cli(point, "verify").returncode == 0
