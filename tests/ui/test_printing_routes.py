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
from agent_app.store.models import AuditEntry
from agent_app.ui.app import build_main_window
from agent_app.ui.main_window import MainWindow
from agent_app.ui.pages.shipments import ShipmentsPage
from tests.builders import claim_draft
from tests.printed import pdf_text
from tests.ui.conftest import wait_for_tasks


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
