"""``guichet-amo --smoke-test`` and ``--exit-at-login``: what CI runs on the frozen build.

In-process through ``main()``, and as a subprocess of the source tree exactly as CI runs the
built executable.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from agent_app.store import migrate
from agent_app.ui import app as gui
from tests.fixtures import make_fixture

REPO = Path(__file__).resolve().parents[2]
OK_LINE = re.compile(
    r"^smoke-test ok: schema (?P<schema>\w+), (?P<pages>\d+) pages, (?P<claims>\d+) claims,"
    r" (?P<enrolments>\d+) enrolments, (?P<audit>\d+) audit entries(?P<created>, store created)?,"
    r" \d+\.\d\d s$"
)
# What a supervisor sees: deposit, enrolment, lookup, envelopes, day report, sync, supervision.
SUPERVISOR_PAGES = 7


@pytest.fixture
def passphrase(monkeypatch) -> str:
    value = "smoke test passphrase, long enough"
    monkeypatch.setenv("AGENT_APP_PASSPHRASE", value)
    return value


def _smoke(qapp, data_dir: Path) -> int:
    return gui.main(["--smoke-test", "--data-dir", str(data_dir), "--lang", "fr"])


def test_on_a_new_data_dir_it_creates_a_store_renders_every_page_and_says_so(
    qapp, tmp_path, no_keyring, passphrase, capsys
):
    data_dir = tmp_path / "point"
    assert _smoke(qapp, data_dir) == 0
    out, _err = capsys.readouterr()
    (line,) = out.splitlines()
    found = OK_LINE.match(line)
    assert found, line
    assert found["schema"] == migrate.head_revision()
    assert int(found["pages"]) == SUPERVISOR_PAGES
    assert found["created"] and found["claims"] == "0"
    assert "smoke-test ok" in (data_dir / "logs" / "agent-app.log").read_text(encoding="utf-8")

    # Run again: the same store is opened, not made anew.
    assert _smoke(qapp, data_dir) == 0
    again = OK_LINE.match(capsys.readouterr().out.strip())
    assert again and not again["created"]


def test_a_store_from_the_previous_schema_is_migrated_and_counted(
    qapp, tmp_path, no_keyring, passphrase, capsys
):
    data_dir = make_fixture.restore(make_fixture.DUMP_FILE, tmp_path / "point", passphrase)
    assert _smoke(qapp, data_dir) == 0
    found = OK_LINE.match(capsys.readouterr().out.strip())
    assert found
    assert found["schema"] == migrate.head_revision() != make_fixture.REVISION
    assert int(found["claims"]) == make_fixture.DEMO_CLAIMS + 3
    assert int(found["enrolments"]) == make_fixture.DEMO_ENROLMENTS


def test_a_wrong_passphrase_fails_in_one_line(
    qapp, tmp_path, no_keyring, passphrase, monkeypatch, capsys
):
    data_dir = tmp_path / "point"
    assert _smoke(qapp, data_dir) == 0
    capsys.readouterr()
    monkeypatch.setenv("AGENT_APP_PASSPHRASE", "not the passphrase of this store")
    assert _smoke(qapp, data_dir) == 1
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith("smoke-test failed: Phrase de passe incorrecte")


def test_without_a_passphrase_or_a_keyring_it_refuses_clearly(
    qapp, tmp_path, no_keyring, monkeypatch, capsys
):
    monkeypatch.delenv("AGENT_APP_PASSPHRASE", raising=False)
    assert _smoke(qapp, tmp_path / "point") == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("smoke-test failed: ") and "trousseau" in line
    assert not (tmp_path / "point" / "guichet.db").exists()


def test_a_background_load_that_fails_fails_the_smoke_test(
    qapp, tmp_path, no_keyring, passphrase, monkeypatch, capsys
):
    import agent_app.ui.main_window as main_window

    def broken_status(_store):
        raise RuntimeError("status unreadable")

    monkeypatch.setattr(main_window, "read_status", broken_status)
    assert _smoke(qapp, tmp_path / "point") == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("smoke-test failed: ") and "status unreadable" in line


def test_a_missing_translation_fails_the_smoke_test(
    qapp, tmp_path, no_keyring, passphrase, monkeypatch, capsys
):
    import agent_app.ui.smoke as smoke

    monkeypatch.setattr(smoke, "translations_dir", lambda: tmp_path / "nowhere")
    assert _smoke(qapp, tmp_path / "point") == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "translation missing" in line and "guichet_ar.qm" in line


def _run_source_app(*args: str, env_passphrase: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENT_APP_PASSPHRASE=env_passphrase)
    return subprocess.run(
        [sys.executable, "-m", "agent_app.ui", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_as_a_process_it_exits_0_with_one_line_then_the_login_can_be_timed(tmp_path):
    data_dir = tmp_path / "point"
    done = _run_source_app("--smoke-test", "--data-dir", str(data_dir), env_passphrase="x" * 16)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert OK_LINE.match(line), line

    timed = _run_source_app("--exit-at-login", "--data-dir", str(data_dir), env_passphrase="x" * 16)
    assert timed.returncode == 0, timed.stderr
    (shown,) = timed.stdout.splitlines()
    assert re.match(
        r"^login window shown: \d+\.\d{3} s after process start \(monotonic_ns \d+\)$", shown
    )


def test_as_a_process_a_failure_exits_1(tmp_path):
    data_dir = tmp_path / "point"
    assert (
        _run_source_app(
            "--smoke-test", "--data-dir", str(data_dir), env_passphrase="y" * 16
        ).returncode
        == 0
    )
    failed = _run_source_app("--smoke-test", "--data-dir", str(data_dir), env_passphrase="z" * 16)
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr.strip().splitlines()[-1].startswith("smoke-test failed: ")
