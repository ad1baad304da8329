"""A disk with no byte left while the counter works: one clear message, nothing lost.

The store lives on a real, small tmpfs (``tests/fullfs.py``; skipped where it cannot be
mounted) and the clerk saves a deposit through the main window once the disk is full.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from agent_app.logs import configure_logging
from agent_app.services.claims import record_claim
from agent_app.services.lookup import list_claims
from agent_app.services.point import initialise
from agent_app.store.engine import Store
from agent_app.ui.app import build_main_window
from agent_app.ui.pages.deposit import DepositPage
from tests.builders import claim_draft
from tests.fullfs import fill as fill_disk
from tests.fullfs import small_filesystem
from tests.ui.conftest import wait_for_tasks
from tests.ui.test_deposit import TODAY, fill


@pytest.fixture
def store(tmp_path: Path, memory_keyring, clock) -> Iterator[Store]:
    with small_filesystem(tmp_path / "disk", "8m") as disk:
        opened = initialise(disk / "point", "CASA01", "Casa Anfa", lambda: None, clock=clock)
        yield opened
        opened.close()


def test_saving_a_deposit_on_a_full_disk_says_disk_full_and_keeps_what_was_saved(
    qtbot, ctx, clerk, clock, tmp_path, monkeypatch, capfd
):
    saved = record_claim(
        ctx.store, clerk, claim_draft(TODAY, insured_immatriculation="987654321"), clock=clock
    )
    shown: list[str] = []
    # The modal dialog is the edge of the world here: its text is what the clerk would read.
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    window, _ = build_main_window(
        ctx, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.page_index(DepositPage))
    page = window.page(DepositPage)
    assert isinstance(page, DepositPage)
    wait_for_tasks(qtbot, ctx)
    configure_logging(ctx.store.data_dir)  # as the app does at start-up
    ballast = fill_disk(ctx.store.data_dir.parent, leave=0)
    logging.getLogger("agent_app").warning("the counter keeps working")

    fill(page)
    page.save()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    wait_for_tasks(qtbot, ctx)

    assert shown == [
        "Le disque est plein : libérez de la place ; ce qui était déjà enregistré est intact."
    ]
    # The log cannot be written either: at most one line about it, never a traceback per record.
    errors = capfd.readouterr().err
    assert "Logging error" not in errors and "Traceback" not in errors
    assert len([line for line in errors.splitlines() if "agent-app" in line]) <= 1
    ballast.unlink()
    assert [c.receipt_no for c in list_claims(ctx.store)] == [saved.receipt_no]
