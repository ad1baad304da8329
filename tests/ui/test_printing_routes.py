"""Printing from the main window as a clerk does it: real shortcuts, the real preview, real PDF.

No printer is installed here (as on most counter PCs on day one): every print goes through the
print preview dialog, which the tests find among the top-level widgets, read (its page count)
and print to a PDF file with its own printer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from agent_app.services.claims import record_claim
from agent_app.services.lookup import list_claims
from agent_app.services.receipts import receipt_for
from agent_app.store.models import AuditEntry
from agent_app.ui.app import build_main_window
from agent_app.ui.main_window import MainWindow
from agent_app.ui.pages.deposit import DepositPage
from agent_app.ui.pages.enrolment import EnrolmentPage
from agent_app.ui.pages.enrolment.steps import STEP_REVIEW
from agent_app.ui.pages.lookup import LookupPage
from agent_app.ui.pages.shipments import ShipmentsPage
from tests.builders import claim_draft, enrolment_draft
from tests.printed import pdf_text
from tests.ui.conftest import wait_for_tasks
from tests.ui.test_deposit import fill


@pytest.fixture
def window(qtbot, ctx, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    made, _printer = build_main_window(ctx, settings)
    qtbot.addWidget(made)
    made.show()
    made.activateWindow()
    qtbot.waitUntil(made.isActiveWindow)
    return made


def ctrl(qtbot, window: MainWindow, key: Qt.Key) -> None:
    """Ctrl+key on the window, active again as it is once a dialog has closed."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def shown_preview(qtbot) -> QPrintPreviewDialog:
    def find() -> QPrintPreviewDialog | None:
        return next(
            (
                widget
                for widget in QApplication.topLevelWidgets()
                if isinstance(widget, QPrintPreviewDialog) and widget.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: find() is not None, timeout=5000)
    dialog = find()
    assert dialog is not None
    return dialog


def print_preview_to_pdf(qtbot, dialog: QPrintPreviewDialog, path: Path) -> int:
    """The preview's page count, then its pages printed to ``path`` as its Print button does."""
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() > 0, timeout=5000)
    pages = preview.pageCount()
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    preview.print_()
    dialog.accept()
    return pages


def shown_question(qtbot) -> QMessageBox:
    def find() -> QMessageBox | None:
        return next(
            (
                widget
                for widget in QApplication.topLevelWidgets()
                if isinstance(widget, QMessageBox) and widget.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: find() is not None, timeout=5000)
    box = find()
    assert box is not None
    return box


def button(box: QMessageBox, text: str) -> QPushButton:
    found = [b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == text]
    assert found, [b.text() for b in box.findChildren(QPushButton)]
    return found[0]


def audit(ctx, action: str) -> list[tuple[str | None, str]]:
    with ctx.store.read() as session:
        rows = session.execute(
            sa.select(AuditEntry.subject_ref, AuditEntry.details)
            .where(AuditEntry.action == action)
            .order_by(AuditEntry.seq)
        )
        return [(ref, details) for ref, details in rows]


def test_f5_asks_before_closing_the_envelope_then_previews_and_prints_its_slip(
    qtbot, ctx, window, tmp_path
):
    recorded = record_claim(ctx.store, ctx.require_actor(), claim_draft(), clock=ctx.clock)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    page = window.stack.currentWidget()
    assert isinstance(page, ShipmentsPage)
    qtbot.waitUntil(lambda: "pas encore en enveloppe : 1" in page.summary.text())

    # Ctrl+E is the day report's export; the envelope closes with its own key, after a question.
    ctrl(qtbot, window, Qt.Key.Key_B)
    box = shown_question(qtbot)
    button(box, "Pas encore").click()
    wait_for_tasks(qtbot, ctx)
    assert audit(ctx, "shipment.close") == []
    assert page.table.rowCount() == 0

    ctrl(qtbot, window, Qt.Key.Key_B)
    box = shown_question(qtbot)
    button(box, "Fermer l'enveloppe").click()
    dialog = shown_preview(qtbot)
    pdf = tmp_path / "slip.pdf"
    assert print_preview_to_pdf(qtbot, dialog, pdf) == 1
    text = pdf_text(pdf)
    assert "BORDEREAU" in text.upper() and recorded.receipt_no in text
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    wait_for_tasks(qtbot, ctx)
    number = page.rows[0].number
    assert number in text
    assert [ref for ref, _ in audit(ctx, "shipment.print")] == [number]

    # Ctrl+P reprints the selected slip through the same preview.
    ctrl(qtbot, window, Qt.Key.Key_P)
    again = tmp_path / "again.pdf"
    assert print_preview_to_pdf(qtbot, shown_preview(qtbot), again) == 1
    assert number in pdf_text(again)
    wait_for_tasks(qtbot, ctx)
    assert [ref for ref, _ in audit(ctx, "shipment.print")] == [number, number]


def save_with_ctrl_enter(qtbot, window: MainWindow) -> None:
    """Ctrl+Enter where the clerk's cursor is, then the status bar's word on printing."""
    focus = QApplication.focusWidget()
    assert focus is not None and window.isAncestorOf(focus)
    qtbot.keyClick(focus, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "aperçu avec Ctrl+P" in window.statusBar().currentMessage())


def print_twice_with_ctrl_p(qtbot, ctx, window: MainWindow, tmp_path: Path) -> tuple[str, str]:
    """Ctrl+P twice on the page shown: the text of each print, once each is audited."""
    texts = []
    for count in (1, 2):
        ctrl(qtbot, window, Qt.Key.Key_P)
        pdf = tmp_path / f"receipt-{count}.pdf"
        assert print_preview_to_pdf(qtbot, shown_preview(qtbot), pdf) == 1
        qtbot.waitUntil(lambda n=count: len(audit(ctx, "receipt.print")) == n)
        texts.append(pdf_text(pdf))
    return texts[0], texts[1]


def test_ctrl_p_on_f2_prints_the_deposit_just_saved_as_the_original_then_a_duplicata(
    qtbot, ctx, window, tmp_path
):
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page = window.stack.currentWidget()
    assert isinstance(page, DepositPage)
    fill(page)
    save_with_ctrl_enter(qtbot, window)
    [claim] = list_claims(ctx.store)
    wait_for_tasks(qtbot, ctx)
    assert audit(ctx, "receipt.print") == []  # no printer: nothing went to paper yet

    first, second = print_twice_with_ctrl_p(qtbot, ctx, window, tmp_path)
    assert claim.receipt_no in first and "DUPLICATA" not in first
    assert claim.receipt_no in second and "DUPLICATA" in second
    assert audit(ctx, "receipt.print") == [
        (claim.receipt_no, '{"kind":"claim","reprint":false}'),
        (claim.receipt_no, '{"kind":"claim","reprint":true}'),
    ]

    # Any later route says the same: the lookup's Ctrl+P prints a DUPLICATA too.
    data = receipt_for(ctx.store, claim.receipt_no)
    assert data.copy and data.banner == "DUPLICATA"


def test_the_first_print_from_f4_of_a_receipt_never_printed_is_the_original(
    qtbot, ctx, window, tmp_path
):
    recorded = record_claim(ctx.store, ctx.require_actor(), claim_draft(), clock=ctx.clock)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    page = window.stack.currentWidget()
    assert isinstance(page, LookupPage)
    qtbot.waitUntil(lambda: page.reprint_button.isEnabled(), timeout=5000)
    page.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    pdf = tmp_path / "lookup.pdf"
    assert print_preview_to_pdf(qtbot, shown_preview(qtbot), pdf) == 1
    text = pdf_text(pdf)
    assert recorded.receipt_no in text and "DUPLICATA" not in text
    qtbot.waitUntil(lambda: len(audit(ctx, "receipt.print")) == 1)
    assert audit(ctx, "receipt.print") == [
        (recorded.receipt_no, '{"kind":"claim","reprint":false}')
    ]


def test_ctrl_p_on_f3_prints_the_enrolment_just_saved_as_the_original_then_a_duplicata(
    qtbot, ctx, window, tmp_path
):
    qtbot.keyClick(window, Qt.Key.Key_F3)
    page = window.stack.currentWidget()
    assert isinstance(page, EnrolmentPage)
    wait_for_tasks(qtbot, ctx)
    page.fill_form(enrolment_draft())
    page.go_to_step(STEP_REVIEW)
    save_with_ctrl_enter(qtbot, window)
    assert page.last_receipt is not None
    receipt_no = page.last_receipt
    wait_for_tasks(qtbot, ctx)

    first, second = print_twice_with_ctrl_p(qtbot, ctx, window, tmp_path)
    assert receipt_no in first and "DUPLICATA" not in first
    assert receipt_no in second and "DUPLICATA" in second
    assert [details for _, details in audit(ctx, "receipt.print")] == [
        '{"kind":"enrolment","reprint":false}',
        '{"kind":"enrolment","reprint":true}',
    ]
