"""The envelopes page: close today's envelope, print its shipment slip, reprint older ones.

The paper of each deposit goes into the day's envelope; closing it records the shipment
(its number, item count, total and manifest hash) and prints the slip that travels with the
paper. The digital side travels with sync.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app.domain.money import format_amount
from agent_app.services.shipments import (
    ShipmentRow,
    ShipmentSlip,
    Unshipped,
    close_shipment,
    list_shipments,
    unshipped,
)
from agent_app.ui.context import UiContext
from agent_app.ui.errors import show_error
from agent_app.ui.pages.base import Page
from agent_app.ui.receipt_printer import ReceiptPrinter


class ShipmentsPage(Page):
    def __init__(
        self, ctx: UiContext, printer: ReceiptPrinter, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.printer = printer
        self.summary = QLabel()
        self.summary.setObjectName("heading")
        self.summary.setWordWrap(True)
        self.older = QCheckBox(self.tr("Inclure les dépôts des jours précédents restés au guichet"))
        self.close_button = QPushButton(
            self.tr("Fermer l'enveloppe et imprimer le bordereau (Ctrl+B)")
        )
        self.close_button.clicked.connect(self.close_envelope)
        self.reprint_button = QPushButton(self.tr("Réimprimer le bordereau (Ctrl+P)"))
        self.reprint_button.clicked.connect(self.reprint)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Enveloppes fermées"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("N° d'enveloppe"),
                self.tr("Fermée le"),
                self.tr("Par"),
                self.tr("Dossiers"),
                self.tr("Total déclaré"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.reprint_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.older)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Enveloppes fermées :")))
        layout.addWidget(self.table, 1)
        # Ctrl+B (bordereau), not Ctrl+E: that key exports the day report's CSV (F6). Window
        # shortcuts of a page only fire while it is the page shown, focus wherever it is (back
        # from the print preview, for one).
        for keys, slot in (("Ctrl+B", self.close_envelope), ("Ctrl+P", self.reprint)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self.rows: list[ShipmentRow] = []
        self.question: QMessageBox | None = None
        self._waiting = Unshipped(0, 0, 0)

    def title(self) -> str:
        return self.tr("Enveloppes")

    def activated(self) -> None:
        self.refresh()
        self.close_button.setFocus()

    def refresh(self) -> None:
        store, today = self.ctx.store, self.ctx.clock().date()
        self.ctx.op(lambda: (unshipped(store, today), list_shipments(store))).success(
            self._show
        ).failure(lambda error: show_error(self, error, self.ctx.lang)).run()

    def _show(self, result: tuple[Unshipped, list[ShipmentRow]]) -> None:
        waiting, rows = result
        self._waiting = waiting
        self.summary.setText(
            self.tr("Dépôts du jour pas encore en enveloppe : {count} ({total})").format(
                count=waiting.today_count,
                total=format_amount(waiting.today_total_centimes, self.ctx.lang),
            )
        )
        self.older.setVisible(waiting.older_count > 0)
        self.older.setText(
            self.tr("Inclure {count} dépôt(s) des jours précédents restés au guichet").format(
                count=waiting.older_count
            )
        )
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            closed = row.closed_at.astimezone().strftime("%d/%m/%Y %H:%M")
            values = (
                row.number,
                closed,
                row.closed_by or "",
                str(row.item_count),
                format_amount(row.total_centimes, self.ctx.lang),
            )
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(0)

    def close_envelope(self) -> None:
        """Ask first: a closed envelope cannot be opened again, its slip travels with it."""
        if self.question is not None or not self.close_button.isEnabled():
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Fermer l'enveloppe"))
        box.setText(
            self.tr(
                "Fermer l'enveloppe du jour ({count} dossier(s), {total}) et imprimer son "
                "bordereau ? Une enveloppe fermée ne peut plus être rouverte."
            ).format(
                count=self._waiting.today_count,
                total=format_amount(self._waiting.today_total_centimes, self.ctx.lang),
            )
        )
        close = box.addButton(self.tr("Fermer l'enveloppe"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(self.tr("Pas encore"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.setEscapeButton(later)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.question = box

        def answered(_result: int) -> None:
            self.question = None
            if box.clickedButton() is close:
                self._close_now()

        box.finished.connect(answered)
        box.open()

    def _close_now(self) -> None:
        store, actor, clock = self.ctx.store, self.ctx.require_actor(), self.ctx.clock
        lang, older = self.ctx.lang, self.older.isChecked() and self.older.isVisible()
        self.close_button.setEnabled(False)
        self.ctx.op(
            lambda: close_shipment(store, actor, all_unshipped=older, clock=clock, lang=lang)
        ).success(self._closed).failure(self._close_failed).run()

    def _closed(self, slip: ShipmentSlip) -> None:
        self.close_button.setEnabled(True)
        self.message.setText(
            self.tr("Enveloppe {number} fermée : {count} dossier(s), {total}.").format(
                number=slip.number, count=slip.item_count, total=slip.total
            )
        )
        self.printer.print_shipment(slip.number, self)
        self.refresh()

    def _close_failed(self, error: BaseException) -> None:
        self.close_button.setEnabled(True)
        show_error(self, error, self.ctx.lang)

    def reprint(self) -> None:
        index = self.table.currentRow()
        if 0 <= index < len(self.rows):
            self.printer.print_shipment(self.rows[index].number, self)
