"""Hard faults at the counter, as an operator meets them: a full disk, a cut-short backup."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.fullfs import fill, small_filesystem
from tests.integration.test_cli import init_point, run_cli
from tests.sync.conftest import central as central  # the real centre, as a fixture here

EXIT_VERIFY_FAILED = 3


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


def restored_from(point: Path, backup: Path, into: Path) -> Path:
    """A data directory made the way docs/operations.md restores: the backup as guichet.db."""
    into.mkdir()
    shutil.copyfile(backup, into / "guichet.db")
    shutil.copyfile(point / "keyinfo.json", into / "keyinfo.json")
    return into


def test_a_backup_onto_a_full_disk_leaves_no_file_under_its_name(tmp_path):
    point = tmp_path / "point"
    init_point(point)
    assert run_cli(point, "demo-data", "--claims", "300").returncode == 0
    with small_filesystem(tmp_path / "usb", "1m") as usb:
        fill(usb, leave=20_000)
        result = run_cli(point, "backup", "--out", str(usb / "point.db"))
        assert result.returncode == 1
        line = one_line(result.stderr)
        assert "disque est plein" in line
        assert sorted(p.name for p in usb.iterdir()) == ["ballast.bin"]
    # The store is as it was and still backs up where there is room.
    good = run_cli(point, "backup", "--out", str(tmp_path / "good.db"))
    assert good.returncode == 0, good.stderr
    restored = restored_from(point, tmp_path / "good.db", tmp_path / "restored")
    checked = run_cli(restored, "verify")
    assert checked.returncode == 0, checked.stderr


def test_verify_refuses_an_empty_store_file_instead_of_passing(tmp_path):
    point = tmp_path / "point"
    init_point(point)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    restored = restored_from(point, empty, tmp_path / "restored")
    result = run_cli(restored, "verify")
    assert result.returncode == EXIT_VERIFY_FAILED
    assert "vide" in one_line(result.stderr)
    assert (restored / "guichet.db").stat().st_size == 0  # left as it was, not made a store
    # And the point never runs on it: every command refuses it.
    listing = run_cli(restored, "claims", "list")
    assert listing.returncode != 0
    assert "vide" in one_line(listing.stderr)


def test_verify_refuses_a_truncated_or_headerless_store_file_with_a_plain_line(tmp_path):
    point = tmp_path / "point"
    init_point(point)
    assert run_cli(point, "backup", "--out", str(tmp_path / "b.db")).returncode == 0
    whole = (tmp_path / "b.db").read_bytes()
    cases = {
        "cut": whole[: len(whole) // 2 + 100],
        "cut_on_a_page": whole[: (len(whole) // 2) // 4096 * 4096],
        "headerless": whole[4096:],
        "first_page_only": whole[:4096],
    }
    for name, content in cases.items():
        damaged = tmp_path / f"{name}.db"
        damaged.write_bytes(content)
        restored = restored_from(point, damaged, tmp_path / f"restored-{name}")
        result = run_cli(restored, "verify")
        assert result.returncode == EXIT_VERIFY_FAILED, (name, result.stderr)
        line = one_line(result.stderr)
        assert line.startswith("Vérification échouée"), (name, line)
        assert "Erreur interne" not in line


def assert_disk_full_line(result, lang_word: str = "disque est plein") -> None:
    assert result.returncode == 1, result.stderr
    assert "Logging error" not in result.stderr
    assert "Traceback" not in result.stderr
    assert "Erreur interne" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    # The disk-full message, and at most the log handler's one line about its own file.
    assert lines[-1].count(lang_word) == 1, result.stderr
    assert len(lines) <= 2, result.stderr


def count_claims(point: Path) -> int:
    listed = run_cli(point, "claims", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    import json

    return len(json.loads(listed.stdout))


def test_recording_syncing_and_backing_up_on_a_disk_with_no_byte_left_say_disk_full(
    tmp_path, central
):
    from tests.integration.test_sync_cli import _activate

    with small_filesystem(tmp_path / "disk", "6m") as disk:
        point = disk / "point"
        init_point(point)
        assert run_cli(point, "demo-data", "--claims", "30").returncode == 0
        _activate(point, central)
        before = count_claims(point)
        ballast = fill(disk, leave=0)
        assert_disk_full_line(run_cli(point, "demo-data", "--claims", "5"))
        assert_disk_full_line(run_cli(point, "sync"))
        assert_disk_full_line(run_cli(point, "backup", "--out", str(disk / "b.db")))
        english = run_cli(point, "demo-data", "--claims", "5", env={"AGENT_APP_LANG": "en"})
        assert_disk_full_line(english, "disk is full")
        assert not (disk / "b.db").exists()
        # Space freed: everything saved before is there, whole, and work goes on.
        ballast.unlink()
        assert count_claims(point) == before
        checked = run_cli(point, "verify")
        assert checked.returncode == 0, checked.stderr
        synced = run_cli(point, "sync")
        assert synced.returncode == 0, synced.stderr


HOSTILE = "evil\n\x1b[2J\x1b]0;pwned\x07\u202egpj.exe"


def test_a_file_name_with_a_newline_and_escape_codes_is_printed_escaped_on_one_line(tmp_path):
    point = tmp_path / "point"
    init_point(point)
    target = tmp_path / f"{HOSTILE}.db"
    done = run_cli(point, "backup", "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert target.exists()  # the file keeps the name asked for; only its display is escaped
    line = one_line(done.stdout)
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert "evil\\n\\x1b[2J" in line
    again = run_cli(point, "backup", "--out", str(target))
    assert again.returncode == 1
    refused = one_line(again.stderr)
    assert "\x1b" not in refused and "evil\\n" in refused


def test_a_receipt_number_typed_with_escape_codes_reaches_the_terminal_escaped(tmp_path):
    point = tmp_path / "point"
    init_point(point)
    scan = tmp_path / f"{HOSTILE}.png"
    from PIL import Image

    Image.new("L", (40, 30), 200).save(scan, format="PNG")
    done = run_cli(point, "registrations", "attach", f"FES03{HOSTILE}", str(scan))
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "\x1b" not in line and "\u202e" not in line
    assert "\\x1b" in line
    log_text = (point / "logs" / "agent-app.log").read_text(encoding="utf-8")
    assert "\x1b" not in log_text
