"""The shell around the pages: login, the idle lock, navigation, the status bar, printing."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinter

from agent_app.domain.model import Role
from agent_app.services.claims import record_claim
from agent_app.services.context import OPERATOR
from agent_app.services.users import add_user
from agent_app.store.models import AuditEntry
from agent_app.ui.app import build_main_window
from agent_app.ui.login import LoginDialog
from agent_app.ui.main_window import IdleWatcher
from agent_app.ui.pages.deposit import DepositPage
from agent_app.ui.pages.enrolment import EnrolmentPage
from agent_app.ui.pages.lookup import LookupPage
from agent_app.ui.pages.shipments import ShipmentsPage
from agent_app.ui.pages.supervisor import SupervisorPage
from agent_app.ui.receipt_printer import ReceiptPrinter
from tests.builders import claim_draft
from tests.ui.conftest import wait_for_tasks


def show_active(qtbot, widget) -> None:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def test_login_refuses_a_wrong_password_then_accepts_the_right_one(qtbot, ctx, clock):
    ctx.actor = None
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    qtbot.keyClicks(dialog.username, "agent1")
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.text() != "")
    assert dialog.message.text() == (
        "Mot de passe incorrect. Essais restants avant verrouillage du compte : 4."
    )
    assert dialog.actor is None and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "agent-password")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "agent1"


def test_the_idle_lock_lets_only_the_same_clerk_in(qtbot, ctx, clock):
    add_user(ctx.store, OPERATOR, "agent2", "agent2-password", Role.CLERK, clock=clock)
    dialog = LoginDialog(ctx, locked_for=ctx.actor)
    qtbot.addWidget(dialog)
    assert dialog.username.text() == "agent1"
    dialog.username.setText("agent2")
    dialog.password.setText("agent2-password")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Seul agent1 peut"))
    assert dialog.actor is None and dialog.username.text() == "agent1"


def test_idle_watcher_fires_after_the_delay_and_input_postpones_it(qtbot):
    watcher = IdleWatcher(minutes=0.001)  # 60 ms
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass


def _pdf_printer(tmp_path: Path):
    made: list[Path] = []

    def factory() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        path = tmp_path / f"printed-{len(made)}.pdf"
        printer.setOutputFileName(str(path))
        made.append(path)
        return printer

    return factory, made


def test_a_recorded_claim_prints_its_receipt_and_the_print_is_audited(qtbot, ctx, tmp_path):
    factory, made = _pdf_printer(tmp_path)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    printer = ReceiptPrinter(ctx, settings, printer_factory=factory)
    window, _ = build_main_window(ctx, settings, printer)
    qtbot.addWidget(window)
    deposit = window.page(DepositPage)
    assert isinstance(deposit, DepositPage)
    recorded = record_claim(ctx.store, ctx.require_actor(), claim_draft(), clock=ctx.clock)
    with qtbot.waitSignal(printer.printed, timeout=5000) as printed:
        deposit.claim_recorded.emit(recorded.receipt_no)
    assert printed.args == [recorded.receipt_no]
    assert made and made[0].read_bytes().startswith(b"%PDF")
    wait_for_tasks(qtbot, ctx)
    with ctx.store.read() as session:
        actions = list(session.scalars(sa.select(AuditEntry.action)))
    assert actions[-1] == "receipt.print"


def test_clerks_do_not_see_the_supervisor_page_and_f_keys_navigate(qtbot, ctx, tmp_path):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window, _ = build_main_window(ctx, settings)
    qtbot.addWidget(window)
    assert window.page(SupervisorPage) is None
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[0].endswith("(F2)") and titles[1].endswith("(F3)")
    show_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert isinstance(window.stack.currentWidget(), EnrolmentPage)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert isinstance(window.stack.currentWidget(), LookupPage)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert isinstance(window.stack.currentWidget(), ShipmentsPage)
    wait_for_tasks(qtbot, ctx)
    qtbot.waitUntil(lambda: "En attente d'envoi : 0" in window.pending_label.text())
    assert window.link_label.text() == "Liaison : non configurée"


def test_supervisors_see_the_supervision_page(qtbot, ctx, supervisor, tmp_path):
    ctx.actor = supervisor
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window, _ = build_main_window(ctx, settings)
    qtbot.addWidget(window)
    assert isinstance(window.page(SupervisorPage), SupervisorPage)
    wait_for_tasks(qtbot, ctx)


def test_closing_an_envelope_prints_its_slip(qtbot, ctx, tmp_path):
    factory, made = _pdf_printer(tmp_path)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    printer = ReceiptPrinter(ctx, settings, printer_factory=factory)
    page = ShipmentsPage(ctx, printer)
    qtbot.addWidget(page)
    show_active(qtbot, page)
    record_claim(ctx.store, ctx.require_actor(), claim_draft(), clock=ctx.clock)
    page.activated()
    qtbot.waitUntil(lambda: "Dépôts du jour pas encore en enveloppe : 1" in page.summary.text())
    qtbot.keyClick(page.close_button, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.question is not None and page.question.isVisible())
    assert page.question is not None
    close = next(b for b in page.question.buttons() if b.text() == "Fermer l'enveloppe")
    with qtbot.waitSignal(printer.printed, timeout=5000) as printed:
        close.click()
    assert printed.args[0].startswith("ENV-CASA01-")
    assert made[-1].read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    wait_for_tasks(qtbot, ctx)
