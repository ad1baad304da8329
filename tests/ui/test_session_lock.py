"""The lock screen over the main window: who unlocks it, and who the records then name."""

from __future__ import annotations

import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from agent_app.services.claims import record_claim
from agent_app.store.models import AuditEntry, Claim, User
from agent_app.ui.app import build_main_window, connect_lock
from agent_app.ui.login import LoginDialog
from agent_app.ui.main_window import IdleWatcher
from agent_app.ui.pages.supervisor import SupervisorPage
from tests.builders import claim_draft
from tests.ui.conftest import wait_for_tasks


def test_a_supervisor_cannot_unlock_a_clerks_screen_so_shown_recorded_and_audited_stay_one_person(
    qtbot, ctx, supervisor, tmp_path
):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window, _ = build_main_window(ctx, settings)
    qtbot.addWidget(window)
    watcher = IdleWatcher(30, window)
    connect_lock(ctx, window, watcher)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    seen: dict[str, object] = {}

    def at_the_lock() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        seen["content visible while locked"] = window.centralWidget().isVisible()
        try:
            dialog.username.selectAll()
            qtbot.keyClicks(dialog.username, "chef")
            qtbot.keyClicks(dialog.password, "chef-password")
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=5000)
            seen["refusal"] = dialog.message.text()
            seen["username"] = dialog.username.text()
            seen["actor after refusal"] = ctx.require_actor().username
            qtbot.keyClicks(dialog.password, "agent-password")
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible() and dialog.result() == 0 and "refusal" not in seen:
                dialog.reject()

    QTimer.singleShot(0, at_the_lock)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10000)

    assert window.isVisible()
    assert seen["content visible while locked"] is False
    assert window.centralWidget().isVisible()
    assert seen["username"] == "agent1"
    assert seen["refusal"] == (
        "Seul agent1 peut déverrouiller. Un autre utilisateur quitte "
        "et se connecte avec sa propre session."
    )
    assert seen["actor after refusal"] == "agent1"
    assert ctx.require_actor().username == "agent1"
    assert window.user_label.text().startswith("agent1 ")
    assert window.page(SupervisorPage) is None
    recorded = record_claim(ctx.store, ctx.require_actor(), claim_draft(), clock=ctx.clock)
    wait_for_tasks(qtbot, ctx)
    with ctx.store.read() as session:
        clerk = session.scalar(
            sa.select(User.username)
            .join(Claim, Claim.clerk_id == User.id)
            .where(Claim.receipt_no == recorded.receipt_no)
        )
        audited = session.scalar(
            sa.select(AuditEntry.actor)
            .where(AuditEntry.subject_ref == recorded.receipt_no)
            .order_by(AuditEntry.seq.desc())
        )
    assert clerk == "agent1"
    assert audited == "agent1"


def test_the_idle_lock_hides_the_window_content_until_the_clerk_unlocks(qtbot, ctx, tmp_path):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window, _ = build_main_window(ctx, settings)
    qtbot.addWidget(window)
    watcher = IdleWatcher(30, window)
    watcher.idle.connect(window.lock_requested)
    connect_lock(ctx, window, watcher)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    seen: dict[str, object] = {}

    def at_the_lock() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        seen["content visible while locked"] = window.centralWidget().isVisible()
        qtbot.keyClicks(dialog.password, "agent-password")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    QTimer.singleShot(0, at_the_lock)
    watcher.idle.emit()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10000)
    assert seen["content visible while locked"] is False
    assert window.isVisible() and window.centralWidget().isVisible()
